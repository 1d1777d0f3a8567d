/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bn-policy.h"

G_BEGIN_DECLS

/* Only BnPolicies (the store) and the runner set these. */
void _bn_policy_set_id        (BnPolicy         *self,
                               gint64            id);
void _bn_policy_set_name      (BnPolicy         *self,
                               const char       *name);
void _bn_policy_set_run_state (BnPolicy         *self,
                               BnPolicyRunState  state);

G_END_DECLS
