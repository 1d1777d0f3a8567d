/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bn-history-entry.h"
#include "bn-store.h"
#include "bn-types.h"

G_BEGIN_DECLS

#define BN_TYPE_HISTORY (bn_history_get_type ())

G_DECLARE_FINAL_TYPE (BnHistory, bn_history, BN, HISTORY, GObject)

/* Migration History (§4.1.3): where each LPAR, known by its name, has been.  The migration
 * engine records every completed move; the Main window's Migration History group and the
 * Migration History window (図 4-5) read it.  Emits "changed" (detail and argument: the LPAR
 * name) after a move is recorded. */

typedef struct
{
  const char *hvm_id;
  guint       lpar_number;
  guint       processor_group;
} BnHistoryPlace;

BnHistory  *bn_history_new             (BnStore               *store);
gboolean    bn_history_add             (BnHistory             *self,
                                        const char            *lpar_name,
                                        const BnHistoryPlace  *source,
                                        const BnHistoryPlace  *destination,
                                        BnMigrationMode        mode,
                                        GDateTime             *moved_at,
                                        GError               **error);
GListModel *bn_history_list_for_lpar   (BnHistory             *self,
                                        const char            *lpar_name,
                                        GError               **error);
GListModel *bn_history_list_recent     (BnHistory             *self,
                                        guint                  limit,
                                        GError               **error);
GStrv       bn_history_list_lpar_names (BnHistory             *self,
                                        GError               **error);

G_END_DECLS
