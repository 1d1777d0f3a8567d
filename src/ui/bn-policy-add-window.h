/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bn-engine.h"
#include "bn-lpar-picker.h"

G_BEGIN_DECLS

#define BN_TYPE_POLICY_ADD_WINDOW (bn_policy_add_window_get_type ())

G_DECLARE_FINAL_TYPE (BnPolicyAddWindow, bn_policy_add_window, BN, POLICY_ADD_WINDOW, AdwWindow)

/* Add Shutdown / Add Concurrent Maintenance (§3.3.1, 図 3-84 … 3-86): the Source and
 * Destination trees (BnLparPicker); Add (action add.add) refuses what the policy cannot take
 * (a second entry for one LPAR, the other mode) with the engine's message, else asks (図
 * 3-85) and appends the entry to the policy being edited, emitting "entry-added"
 * (BnPolicyEntry).  It stays open for the next entry until Close. */

BnPolicyAddWindow *bn_policy_add_window_new        (BnEngine          *engine,
                                                    BnPolicy          *policy,
                                                    BnMigrationMode    mode);
BnLparPicker      *bn_policy_add_window_get_picker (BnPolicyAddWindow *self);
GtkWindow         *bn_policy_add_window_get_dialog (BnPolicyAddWindow *self);
const char        *bn_policy_add_window_get_preview (BnPolicyAddWindow *self);

G_END_DECLS
