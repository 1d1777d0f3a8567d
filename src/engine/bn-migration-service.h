/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bn-checker.h"
#include "bn-migration.h"

G_BEGIN_DECLS

#define BN_TYPE_MIGRATION_SERVICE (bn_migration_service_get_type ())

G_DECLARE_FINAL_TYPE (BnMigrationService, bn_migration_service, BN, MIGRATION_SERVICE, GObject)

/* Starts runs, keeps them (the Progress window can be closed and reopened while one runs),
 * journals them, and reaches moves another console or process started. */

BnMigration *bn_migration_service_start          (BnMigrationService        *self,
                                                  const BnMigrationRequest  *request,
                                                  GError                   **error);
BnCheckReport *bn_migration_service_check      (BnMigrationService        *self,
                                                const BnMigrationRequest  *request,
                                                GError                   **error);
GListModel  *bn_migration_service_get_runs       (BnMigrationService        *self);
BnMigration *bn_migration_service_find_active    (BnMigrationService        *self,
                                                  const char                *hvm_id,
                                                  guint                      lpar);
GPtrArray   *bn_migration_service_review_interrupted (BnMigrationService    *self,
                                                  GError                   **error);
void         bn_migration_service_control_async  (BnMigrationService        *self,
                                                  const char                *hvm_id,
                                                  gboolean                   cancel,
                                                  guint                      seconds,
                                                  GCancellable              *cancellable,
                                                  GAsyncReadyCallback        callback,
                                                  gpointer                   user_data);
gboolean     bn_migration_service_control_finish (BnMigrationService        *self,
                                                  GAsyncResult              *result,
                                                  GError                   **error);

G_END_DECLS
