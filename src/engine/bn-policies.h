/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bn-policy.h"
#include "bn-policy-runner.h"

G_BEGIN_DECLS

#define BN_TYPE_POLICIES (bn_policies_get_type ())

G_DECLARE_FINAL_TYPE (BnPolicies, bn_policies, BN, POLICIES, GObject)

/* The saved migration policies (§3.3) and their runs.  The list holds the stored BnPolicy
 * objects, sorted by name; the console edits a bn_policy_copy() and saves it back, so an
 * abandoned edit (Release) never touches what is stored.  A policy with a run under way
 * cannot be changed or deleted. */

GListModel     *bn_policies_get_list     (BnPolicies   *self);
BnPolicy       *bn_policies_find         (BnPolicies   *self,
                                          const char   *name);
gboolean        bn_policies_reload       (BnPolicies   *self,
                                          GError      **error);
BnPolicy       *bn_policies_create       (BnPolicies   *self,
                                          const char   *name,
                                          const char   *comment,
                                          GError      **error);
gboolean        bn_policies_save         (BnPolicies   *self,
                                          BnPolicy     *edited,
                                          GError      **error);
BnPolicy       *bn_policies_save_as      (BnPolicies   *self,
                                          BnPolicy     *edited,
                                          const char   *new_name,
                                          GError      **error);
gboolean        bn_policies_rename       (BnPolicies   *self,
                                          const char   *name,
                                          const char   *new_name,
                                          GError      **error);
gboolean        bn_policies_delete       (BnPolicies   *self,
                                          const char   *name,
                                          GError      **error);
BnPolicy       *bn_policies_import       (BnPolicies   *self,
                                          JsonNode     *node,
                                          const char   *rename_to,
                                          GError      **error);
BnPolicyRunner *bn_policies_get_runner   (BnPolicies   *self,
                                          const char   *name,
                                          GError      **error);
BnPolicyRunner *bn_policies_find_runner  (BnPolicies   *self,
                                          const char   *name);
gboolean        bn_policies_request_stop (BnPolicies   *self,
                                          const char   *name,
                                          GError      **error);
/* @left_behind (may be NULL): "WHO: why" for each LPAR the plan does not move, in the
 * user's language; the plan's comment lists them too. */
BnPolicy       *bn_policies_plan_evacuation (BnPolicies      *self,
                                             const char      *hvm_id,
                                             BnMigrationMode  mode,
                                             const char      *name,
                                             GStrv           *left_behind,
                                             GError         **error);

BnPolicy       *bn_policies_plan_return  (BnPolicies      *self,
                                          const char      *hvm_id,
                                          BnMigrationMode  mode,
                                          const char      *name,
                                          GStrv           *left_behind,
                                          GError         **error);

G_END_DECLS
