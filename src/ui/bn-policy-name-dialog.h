/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bn-engine.h"

G_BEGIN_DECLS

#define BN_TYPE_POLICY_NAME_DIALOG (bn_policy_name_dialog_get_type ())

G_DECLARE_FINAL_TYPE (BnPolicyNameDialog, bn_policy_name_dialog, BN, POLICY_NAME_DIALOG, AdwWindow)

/* New Policy (図 3-82) and Save as Policy (図 3-102): one field, the policy's name, checked
 * as it is typed (bn_policy_name_problem); OK (action name.ok) stays off until the name is
 * valid and free, then emits "chosen" (the name) and closes. */

BnPolicyNameDialog *bn_policy_name_dialog_new      (BnPolicies         *policies,
                                                    const char         *title,
                                                    const char         *initial);
GtkEditable        *bn_policy_name_dialog_get_entry (BnPolicyNameDialog *self);
gboolean            bn_policy_name_dialog_is_valid (BnPolicyNameDialog *self);
const char         *bn_policy_name_dialog_get_note (BnPolicyNameDialog *self);

char               *bn_policy_name_problem         (BnPolicies         *policies,
                                                    const char         *name);

G_END_DECLS
