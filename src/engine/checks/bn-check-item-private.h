/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bn-check-item.h"

G_BEGIN_DECLS

struct _BnCheckItem
{
  GObject         parent_instance;

  char           *id;
  BnCheckSection  section;
  char           *group;
  const char     *name;       /* borrowed from the rules, which the report keeps alive */
  char           *source_value;
  char           *destination_value;
  BnCheckStatus   status;
  char           *message;
  char           *remedy;
  char           *reference;
  const char     *viewer_row; /* borrowed likewise */
};

/* Takes the strings; @name and @viewer_row must outlive the item. */
BnCheckItem *_bn_check_item_new (char           *id,
                                 BnCheckSection  section,
                                 char           *group,
                                 const char     *name,
                                 char           *source_value,
                                 char           *destination_value,
                                 BnCheckStatus   status,
                                 char           *message,
                                 char           *remedy,
                                 char           *reference,
                                 const char     *viewer_row);

G_END_DECLS
