/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bn-fleet.h"
#include "bn-history.h"
#include "bn-migration-private.h"
#include "bn-migration-service.h"
#include "bn-options.h"
#include "bn-store.h"

#include "bn-guest-settings.h"

G_BEGIN_DECLS

BnMigrationService *_bn_migration_service_new (BnStore     *store,
                                               BnFleet     *fleet,
                                               BnOptions   *options,
                                               BnHistory   *history,
                                               BnGuestSettings *guest_settings,
                                               GError     **error);
BnGuestSettings    *_bn_migration_service_get_guest_settings (BnMigrationService *self);
void                _bn_migration_service_set_checker (BnMigrationService   *self,
                                                       BnMigrationCheckFunc  func,
                                                       gpointer              user_data);

G_END_DECLS
