/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bn-migration-request.h"
#include "bn-types.h"

G_BEGIN_DECLS

#define BN_TYPE_POLICY_ENTRY (bn_policy_entry_get_type ())

G_DECLARE_FINAL_TYPE (BnPolicyEntry, bn_policy_entry, BN, POLICY_ENTRY, GObject)

/* One row of a migration policy: move the LPAR named lpar-name, found at source-hvm
 * #source-lpar when the entry was made, to destination-hvm #destination-lpar (0: Auto).
 * The name is kept so a run never moves another LPAR that took the number meanwhile. */

BnPolicyEntry            *bn_policy_entry_new                  (const BnMigrationRequest *request,
                                                                const char               *lpar_name);
BnPolicyEntry            *bn_policy_entry_copy                 (BnPolicyEntry  *self);
const BnMigrationRequest *bn_policy_entry_get_request          (BnPolicyEntry  *self);
BnMigrationMode           bn_policy_entry_get_mode             (BnPolicyEntry  *self);
const char               *bn_policy_entry_get_source_hvm       (BnPolicyEntry  *self);
guint                     bn_policy_entry_get_source_lpar      (BnPolicyEntry  *self);
const char               *bn_policy_entry_get_lpar_name        (BnPolicyEntry  *self);
const char               *bn_policy_entry_get_destination_hvm  (BnPolicyEntry  *self);
guint                     bn_policy_entry_get_destination_lpar (BnPolicyEntry  *self);
BnEntryState              bn_policy_entry_get_state            (BnPolicyEntry  *self);
const char               *bn_policy_entry_get_error            (BnPolicyEntry  *self);
const char               *bn_policy_entry_get_migration_id     (BnPolicyEntry  *self);
GDateTime                *bn_policy_entry_get_finished_at      (BnPolicyEntry  *self);
char                     *bn_policy_entry_describe             (BnPolicyEntry  *self);

void                      bn_policy_entry_set_state            (BnPolicyEntry  *self,
                                                                BnEntryState    state,
                                                                const char     *migration_id,
                                                                const char     *error,
                                                                GDateTime      *finished_at);

const char               *bn_entry_state_to_string             (BnEntryState    state);

G_END_DECLS
