/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bn-engine.h"

G_BEGIN_DECLS

typedef enum
{
  BN_PLAN_EVACUATE,   /* bn_policies_plan_evacuation () */
  BN_PLAN_RETURN,     /* bn_policies_plan_return () */
} BnPlanKind;

#define BN_TYPE_POLICY_PLAN_DIALOG (bn_policy_plan_dialog_get_type ())

G_DECLARE_FINAL_TYPE (BnPolicyPlanDialog, bn_policy_plan_dialog, BN, POLICY_PLAN_DIALOG,
                      AdwWindow)

/* Evacuate HVM… / Return to HVM… (issue 6, beyond the manual): choose an HVM, a mode and a
 * name; Plan (action plan.plan) shows the entries the engine proposes and the LPARs it
 * leaves behind, with why; Save as Policy (plan.save) asks, stores the plan as a new policy,
 * emits "saved" (the name) and closes. */

BnPolicyPlanDialog *bn_policy_plan_dialog_new          (BnEngine           *engine,
                                                        BnPlanKind          kind,
                                                        BnHvm              *hvm);
void                bn_policy_plan_dialog_set_hvm      (BnPolicyPlanDialog *self,
                                                        const char         *hvm_id);
void                bn_policy_plan_dialog_set_mode     (BnPolicyPlanDialog *self,
                                                        BnMigrationMode     mode);
GtkEditable        *bn_policy_plan_dialog_get_name_entry (BnPolicyPlanDialog *self);
BnPolicy           *bn_policy_plan_dialog_get_plan     (BnPolicyPlanDialog *self);
const char * const *bn_policy_plan_dialog_get_left_behind (BnPolicyPlanDialog *self);
const char         *bn_policy_plan_dialog_get_problem  (BnPolicyPlanDialog *self);
GtkWindow          *bn_policy_plan_dialog_get_dialog   (BnPolicyPlanDialog *self);

G_END_DECLS
