/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bn-migration.h"
#include "bn-policy.h"

G_BEGIN_DECLS

#define BN_TYPE_POLICY_RUNNER (bn_policy_runner_get_type ())

G_DECLARE_FINAL_TYPE (BnPolicyRunner, bn_policy_runner, BN, POLICY_RUNNER, GObject)

/* What the operator answers when a run waits: after Stop (§3.3.3: End or Continue) or
 * after a failed entry (§6.3: Retry, Skip or End). */
typedef enum
{
  BN_POLICY_DECISION_CONTINUE,
  BN_POLICY_DECISION_RETRY,
  BN_POLICY_DECISION_SKIP,
  BN_POLICY_DECISION_END,
} BnPolicyDecision;

/* Runs one policy's entries in order through the Migration Service, one at a time, and
 * writes each entry's outcome as it happens.  "run-state" says where it stands (the policy's
 * own run-state follows it); "current" is the move under way, for the Progress window.
 * Signals: "entry-started" (BnPolicyEntry, BnMigration), "entry-finished" (BnPolicyEntry),
 * "finished" (the run is over: finished, ended). */

BnPolicy         *bn_policy_runner_get_policy         (BnPolicyRunner    *self);
BnPolicyRunState  bn_policy_runner_get_run_state      (BnPolicyRunner    *self);
gboolean          bn_policy_runner_get_stop_requested (BnPolicyRunner    *self);
BnMigration      *bn_policy_runner_get_current        (BnPolicyRunner    *self);
gint              bn_policy_runner_get_position       (BnPolicyRunner    *self);
gboolean          bn_policy_runner_start              (BnPolicyRunner    *self,
                                                       GError           **error);
void              bn_policy_runner_stop               (BnPolicyRunner    *self);
gboolean          bn_policy_runner_decide             (BnPolicyRunner    *self,
                                                       BnPolicyDecision   decision,
                                                       GError           **error);
gboolean          bn_policy_runner_is_active          (BnPolicyRunner    *self);

G_END_DECLS
