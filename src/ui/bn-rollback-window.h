/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bn-application.h"

G_BEGIN_DECLS

#define BN_TYPE_ROLLBACK_WINDOW (bn_rollback_window_get_type ())

G_DECLARE_FINAL_TYPE (BnRollbackWindow, bn_rollback_window, BN, ROLLBACK_WINDOW, AdwWindow)

/* Rollback WWN (§3.2.4): the WWN Status List — LPARs of one HVM (or of all) that still use
 * their migration WWN — and Rollback Execute (rollback.execute, after a confirmation; runs
 * BN_OPERATION_WWN_ROLLBACK through the Migration Service), rollback.refresh (F5) reads the
 * HVMs again.  "finished" (BnMigration) is emitted when a rollback has ended and the list
 * was refreshed. */

GtkWindow  *bn_rollback_window_show         (BnApplication    *app,
                                             const char       *hvm_id);
void        bn_rollback_window_set_hvm      (BnRollbackWindow *self,
                                             const char       *hvm_id);
GListModel *bn_rollback_window_get_lpars    (BnRollbackWindow *self);
gboolean    bn_rollback_window_select_lpar  (BnRollbackWindow *self,
                                             BnLpar           *lpar);
gboolean    bn_rollback_window_needs_rollback (BnLpar         *lpar);
gboolean    bn_rollback_window_is_running   (BnRollbackWindow *self);

G_END_DECLS
