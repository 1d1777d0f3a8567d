/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "bn-guest-shutdown.h"
#include "bn-types.h"

G_BEGIN_DECLS

/* What the console asks the Migration Service to do: a move (either mode), a rehearsal, a
 * connectivity test, a recovery or a WWN rollback. */
typedef struct
{
  BnOperation      operation;
  BnMigrationMode  mode;
  char            *source_hvm;
  guint            source_lpar;
  char            *destination_hvm;
  guint            destination_lpar;    /* 0: Auto, the lowest free number */
  gint             processor_group;     /* -1: any */
  gboolean         shutdown_guest;      /* Shutdown mode, §4.2.1 */
  BnGuestOsType    guest_os;
  char            *guest_address;
  guint            guest_port;          /* 0: the protocol's default */
  char            *guest_user;
  char            *guest_password;
  char            *guest_key_file;      /* Linux: a private key tried before the password */
  gboolean         forced_shutdown;
  gboolean         activate_destination;
  guint            timeout_s;           /* 0: the migration-timeout option */
  guint            max_suspend_ms;      /* 0: 500 ms, the manual's figure */
} BnMigrationRequest;

#define BN_TYPE_MIGRATION_REQUEST (bn_migration_request_get_type ())

GType               bn_migration_request_get_type (void) G_GNUC_CONST;
BnMigrationRequest *bn_migration_request_new      (BnOperation               operation);
BnMigrationRequest *bn_migration_request_copy     (const BnMigrationRequest *request);
void                bn_migration_request_free     (BnMigrationRequest       *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BnMigrationRequest, bn_migration_request_free)

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
