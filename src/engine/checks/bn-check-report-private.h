/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bn-check-report.h"

G_BEGIN_DECLS

struct _BnCheckReport
{
  GObject     parent_instance;

  GPtrArray  *items;            /* BnCheckItem * */
  BnMode      mode;
  BnVerdict   verdict;
  guint       counts[BN_CHECK_STATUS_ERROR + 1];
  char       *source_hvm;
  guint       source_lpar;
  char       *source_name;
  char       *destination_hvm;
  guint       destination_lpar;
  gboolean    auto_destination;
  gint        group;
  char       *section_titles[BN_CHECK_SECTION_NIC + 1];
};

BnCheckReport *_bn_check_report_new    (BnMode         mode);
/* Takes @item; counts it and updates the verdict. */
void           _bn_check_report_append (BnCheckReport *self,
                                        BnCheckItem   *item);

G_END_DECLS
