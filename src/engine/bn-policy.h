/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "bn-policy-entry.h"
#include "bn-types.h"

G_BEGIN_DECLS

#define BN_TYPE_POLICY (bn_policy_get_type ())

G_DECLARE_FINAL_TYPE (BnPolicy, bn_policy, BN, POLICY, GObject)

/* A migration policy (§3.3): a name, a comment and an ordered list of entries, all of one
 * mode (§5.33).  An object the console edits (Modify … Save / Save as) and BnPolicies
 * stores; the entries model is a GListModel of BnPolicyEntry in run order. */

#define BN_POLICY_FORMAT "blade-navigator-policy/1"

BnPolicy         *bn_policy_new            (const char      *name);
BnPolicy         *bn_policy_copy           (BnPolicy        *self);
gint64            bn_policy_get_id         (BnPolicy        *self);
const char       *bn_policy_get_name       (BnPolicy        *self);
const char       *bn_policy_get_comment    (BnPolicy        *self);
void              bn_policy_set_comment    (BnPolicy        *self,
                                            const char      *comment);
gboolean          bn_policy_get_mode       (BnPolicy        *self,
                                            BnMigrationMode *mode);
BnPolicyRunState  bn_policy_get_run_state  (BnPolicy        *self);
GListModel       *bn_policy_get_entries    (BnPolicy        *self);
guint             bn_policy_get_n_entries  (BnPolicy        *self);
BnPolicyEntry    *bn_policy_get_entry      (BnPolicy        *self,
                                            guint            position);
gboolean          bn_policy_add_entry      (BnPolicy        *self,
                                            BnPolicyEntry   *entry,
                                            GError         **error);
gboolean          bn_policy_remove_entry   (BnPolicy        *self,
                                            guint            position,
                                            GError         **error);
gboolean          bn_policy_move_entry     (BnPolicy        *self,
                                            guint            position,
                                            gint             delta,
                                            GError         **error);
guint             bn_policy_count_done     (BnPolicy        *self);

JsonNode         *bn_policy_to_json        (BnPolicy        *self);
BnPolicy         *bn_policy_new_from_json  (JsonNode        *node,
                                            GError         **error);
gboolean          bn_policy_name_is_valid  (const char      *name,
                                            GError         **error);
const char       *bn_policy_run_state_to_string (BnPolicyRunState state);

G_END_DECLS
