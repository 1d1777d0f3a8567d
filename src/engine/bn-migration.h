/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "bn-migration-request.h"
#include "bn-types.h"

G_BEGIN_DECLS

#define BN_TYPE_MIGRATION (bn_migration_get_type ())

G_DECLARE_FINAL_TYPE (BnMigration, bn_migration, BN, MIGRATION, GObject)

const char               *bn_migration_get_id               (BnMigration  *self);
const BnMigrationRequest *bn_migration_get_request          (BnMigration  *self);
BnRunState                bn_migration_get_state            (BnMigration  *self);
gboolean                  bn_migration_is_finished          (BnMigration  *self);
const char               *bn_migration_get_title            (BnMigration  *self);
const char               *bn_migration_get_information      (BnMigration  *self);
const char               *bn_migration_get_step_id          (BnMigration  *self);
const char               *bn_migration_get_progress_text    (BnMigration  *self);
GListModel               *bn_migration_get_stages           (BnMigration  *self);
GListModel               *bn_migration_get_samples          (BnMigration  *self);
gboolean                  bn_migration_get_can_cancel       (BnMigration  *self);
gboolean                  bn_migration_get_can_extend       (BnMigration  *self);
guint                     bn_migration_get_timeout          (BnMigration  *self);
guint                     bn_migration_get_destination_lpar (BnMigration  *self);
const char               *bn_migration_get_error_id         (BnMigration  *self);
const char               *bn_migration_get_error_line       (BnMigration  *self);
const char               *bn_migration_get_error_remedy     (BnMigration  *self);
gboolean                  bn_migration_get_error_kind       (BnMigration  *self,
                                                             GQuark       *domain,
                                                             int          *code);
const char               *bn_migration_get_completion_text  (BnMigration  *self);
JsonObject               *bn_migration_get_result           (BnMigration  *self);
void                      bn_migration_cancel_async         (BnMigration          *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean                  bn_migration_cancel_finish        (BnMigration          *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void                      bn_migration_extend_async         (BnMigration          *self,
                                                             guint                 seconds,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean                  bn_migration_extend_finish        (BnMigration          *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

const char               *bn_run_state_to_string            (BnRunState    state);

G_END_DECLS
