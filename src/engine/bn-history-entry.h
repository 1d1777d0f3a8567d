/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bn-types.h"

G_BEGIN_DECLS

#define BN_TYPE_HISTORY_ENTRY (bn_history_entry_get_type ())

G_DECLARE_FINAL_TYPE (BnHistoryEntry, bn_history_entry, BN, HISTORY_ENTRY, GObject)

/* One place an LPAR has been (a row of 図 4-5).  An entry without moved-at is the LPAR's
 * origin: where it was before its first recorded move. */

BnHistoryEntry  *bn_history_entry_new                 (const char      *lpar_name,
                                                       const char      *hvm_id,
                                                       guint            lpar_number,
                                                       guint            processor_group,
                                                       GDateTime       *moved_at,
                                                       BnMigrationMode  mode);
const char      *bn_history_entry_get_lpar_name       (BnHistoryEntry  *self);
const char      *bn_history_entry_get_hvm_id          (BnHistoryEntry  *self);
guint            bn_history_entry_get_lpar_number     (BnHistoryEntry  *self);
guint            bn_history_entry_get_processor_group (BnHistoryEntry  *self);
GDateTime       *bn_history_entry_get_moved_at        (BnHistoryEntry  *self);
BnMigrationMode  bn_history_entry_get_mode            (BnHistoryEntry  *self);
char            *bn_history_entry_format              (BnHistoryEntry  *self);

G_END_DECLS
