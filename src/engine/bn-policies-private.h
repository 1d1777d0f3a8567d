/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bn-fleet.h"
#include "bn-history.h"
#include "bn-migration-service.h"
#include "bn-policies.h"
#include "bn-store.h"

G_BEGIN_DECLS

BnPolicies *_bn_policies_new            (BnStore             *store,
                                         BnFleet             *fleet,
                                         BnMigrationService  *service,
                                         BnHistory           *history,
                                         GError             **error);
/* The runner writes its progress through these, as it goes. */
gboolean    _bn_policies_save_entry     (BnPolicies          *self,
                                         BnPolicy            *policy,
                                         guint                position,
                                         GError             **error);
gboolean    _bn_policies_save_run_state (BnPolicies          *self,
                                         BnPolicy            *policy,
                                         gboolean             owned,
                                         GError             **error);
gboolean    _bn_policies_take_stop_request (BnPolicies       *self,
                                         BnPolicy            *policy);
char       *_bn_policies_dup_owner      (BnPolicies          *self,
                                         BnPolicy            *policy);

G_END_DECLS
