/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bn-application.h"

G_BEGIN_DECLS

#define BN_TYPE_POLICY_WINDOW (bn_policy_window_get_type ())

G_DECLARE_FINAL_TYPE (BnPolicyWindow, bn_policy_window, BN, POLICY_WINDOW, AdwWindow)

/* Migration Policy (§3.3): one per application.  Actions (prefix "policy."): new, modify,
 * release, save, save-as, delete-entry, up, down, add-shutdown, add-concurrent, show-config,
 * execute, stop, decide(s: continue|retry|skip|end), show-progress, evacuate, return,
 * delete-policy.  Closing it never stops a run; reopened, it shows the run, and a run that
 * stops or fails while it is closed opens it again with the Confirmation of 図 3-96 / 6-2.
 *
 * Signals: "show-config" (BnPolicyEntry, BnCheckReport) when Show Config has checked an
 * entry and opened the Migration Config Viewer on it; "show-progress" (BnMigration) when a move of the run is to be shown. */

BnPolicyWindow *bn_policy_window_show           (BnApplication  *application,
                                                 const char     *policy_name);
BnPolicyWindow *bn_policy_window_find           (BnApplication  *application);
gboolean        bn_policy_window_select_policy  (BnPolicyWindow *self,
                                                 const char     *policy_name);
const char     *bn_policy_window_get_policy_name (BnPolicyWindow *self);
BnPolicy       *bn_policy_window_get_shown      (BnPolicyWindow *self);
gboolean        bn_policy_window_is_editing     (BnPolicyWindow *self);
gboolean        bn_policy_window_is_dirty       (BnPolicyWindow *self);
void            bn_policy_window_select_entry   (BnPolicyWindow *self,
                                                 guint           position);
GtkColumnView  *bn_policy_window_get_entry_view (BnPolicyWindow *self);
GtkWindow      *bn_policy_window_get_dialog     (BnPolicyWindow *self);
GtkWindow      *bn_policy_window_get_prompt     (BnPolicyWindow *self);
GtkWindow      *bn_policy_window_get_config_viewer (BnPolicyWindow *self);
const char     *bn_policy_window_get_status     (BnPolicyWindow *self);
const char     *bn_policy_window_get_detail     (BnPolicyWindow *self);

G_END_DECLS
