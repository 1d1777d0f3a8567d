/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bn-application.h"

G_BEGIN_DECLS

#define BN_TYPE_PATH_WINDOW (bn_path_window_get_type ())

G_DECLARE_FINAL_TYPE (BnPathWindow, bn_path_window, BN, PATH_WINDOW, AdwWindow)

/* Migration Path Setting (§3.2.1): the HVM Selection tree and the selected HVM's Migration
 * Path List, every cell checked as it is typed (bn-migration-paths.h, the checks `bnctl
 * path set` uses), Add Row (path.add-row, Ctrl+Insert), Save (path.save, Ctrl+S) after a
 * confirmation.  Rows typed for an HVM stay when another is selected; Save sends the list of
 * every HVM with unsaved rows.  Row widgets are named "path-N-FIELD" (N from 1; FIELD:
 * primary, name, segment, slot, port, pci, ip, mask, vlan, chassis, remove, error).
 * "saved" is emitted when a Save has ended and every blade took its list, "save-failed"
 * (string: the first refusal) when one did not. */

GtkWindow *bn_path_window_show      (BnApplication *app,
                                     const char    *hvm_id);
BnHvm     *bn_path_window_get_hvm   (BnPathWindow  *self);
guint      bn_path_window_get_n_rows (BnPathWindow *self);
gboolean   bn_path_window_is_valid  (BnPathWindow  *self);
gboolean   bn_path_window_is_saving (BnPathWindow  *self);

G_END_DECLS
