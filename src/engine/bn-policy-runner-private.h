/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bn-fleet.h"
#include "bn-migration-service.h"
#include "bn-policy-runner.h"

G_BEGIN_DECLS

typedef struct _BnPolicies BnPolicies;

/* @policies owns the runner and outlives it: no reference is taken. */
BnPolicyRunner *_bn_policy_runner_new (BnPolicies         *policies,
                                       BnPolicy           *policy,
                                       BnFleet            *fleet,
                                       BnMigrationService *service);

G_END_DECLS
