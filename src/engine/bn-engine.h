/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bn-backend.h"
#include "bn-chassis.h"
#include "bn-enums.h"
#include "bn-fleet.h"
#include "bn-guest-settings.h"
#include "bn-history.h"
#include "bn-history-entry.h"
#include "bn-hvm.h"
#include "bn-lpar.h"
#include "bn-migration-service.h"
#include "bn-migration.h"
#include "bn-monitor-sample.h"
#include "bn-stage.h"
#include "bn-options.h"
#include "bn-policies.h"
#include "bn-store.h"
#include "bn-types.h"

G_BEGIN_DECLS

#define BN_TYPE_ENGINE (bn_engine_get_type ())

G_DECLARE_FINAL_TYPE (BnEngine, bn_engine, BN, ENGINE, GObject)

/* The Migration Service: everything the console does, without a user interface.  The GTK
 * application, bnctl and the tests are its three front ends. */

BnEngine  *bn_engine_new              (const char  *database_path,
                                       GError     **error);
char      *bn_engine_default_database (void);
BnStore   *bn_engine_get_store        (BnEngine    *self);
BnOptions *bn_engine_get_options      (BnEngine    *self);
BnFleet   *bn_engine_get_fleet        (BnEngine    *self);
BnHistory *bn_engine_get_history      (BnEngine    *self);
BnGuestSettings *bn_engine_get_guest_settings (BnEngine *self);
const char *bn_engine_get_database_path (BnEngine  *self);
BnMigrationService *bn_engine_get_migration_service (BnEngine *self);
BnPolicies *bn_engine_get_policies    (BnEngine    *self);

G_END_DECLS
