/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
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
/* Which LPAR moves where, in which mode (destination_lpar stays as it is: 0 is Auto). */
void                bn_migration_request_set_route (BnMigrationRequest      *request,
                                                    BnMigrationMode          mode,
                                                    const char              *source_hvm,
                                                    guint                    source_lpar,
                                                    const char              *destination_hvm);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BnMigrationRequest, bn_migration_request_free)

const char         *bn_migration_mode_to_string   (BnMigrationMode           mode);
gboolean            bn_migration_mode_from_string (const char               *text,
                                                   BnMigrationMode          *mode);

/* The options of a move (everything but the operation, the mode, the two LPARs and the
 * guest password) as a JSON object: policies store and export them this way.  No password
 * is ever written; a Shutdown entry that shuts its guest down uses a key file. */
JsonObject         *bn_migration_request_options_to_json   (const BnMigrationRequest  *request);
gboolean            bn_migration_request_options_from_json (BnMigrationRequest        *request,
                                                            JsonObject                *options,
                                                            GError                   **error);

G_END_DECLS
