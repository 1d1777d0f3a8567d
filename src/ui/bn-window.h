/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bn-application.h"
#include "bn-fleet-tree.h"

G_BEGIN_DECLS

#define BN_TYPE_WINDOW (bn_window_get_type ())

G_DECLARE_FINAL_TYPE (BnWindow, bn_window, BN, WINDOW, AdwApplicationWindow)

/* The Main window.  Actions: win.update win.cancel-update win.add-hvm win.remove-hvm
 * win.show-logs win.show-history win.migration win.open-migration(s: shutdown, concurrent,
 * policy, path-setting, wwn-setting) win.mode(s: shutdown, concurrent) win.page(s: profile,
 * migration). */

BnWindow    *bn_window_new                 (BnApplication *application);
BnFleetTree *bn_window_get_fleet_tree      (BnWindow      *self);
GtkColumnView *bn_window_get_hvm_view      (BnWindow      *self);
BnHvm       *bn_window_get_selected_hvm    (BnWindow      *self);
gboolean     bn_window_select_hvm          (BnWindow      *self,
                                            BnHvm         *hvm);
GtkWindow   *bn_window_get_dialog          (BnWindow      *self);

G_END_DECLS
