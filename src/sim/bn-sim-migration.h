/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "bn-sim-blade.h"
#include "bn-sim-commands.h"

G_BEGIN_DECLS

/* The port the LPAR Mover listens on, on each migration path address. */
#define BN_SIM_MOVER_PORT 23251

/* A blade's side of one migration (source or destination), from MigrationBegin to
 * MigrationEnd.  Mirrored into the blade document's "migration" member. */
struct _BnSimMigration
{
  char         *id;
  char         *role;          /* "source" or "destination" */
  char         *mode;          /* "shutdown" or "concurrent" */
  guint         lpar;
  char         *peer;
  char         *state;         /* prepared, transferring, completed, received, committed,
                                * failed, canceled */
  char         *error_id;
  char         *error_message;
  char         *cancel_reason; /* why the blade itself canceled the move (its LPAR stopped) */
  JsonObject   *identity;      /* destination: the slot's identity before the define */
  gint64        lease_until;
  guint         lease_s;       /* renewed by every command naming the migration */
  guint         lease_source;
  GCancellable *cancellable;
  GObject      *move;          /* BnSimMove (source) or BnSimReceive (destination) */
  GObject      *workload;      /* BnSimWorkload, source only */
  GObject      *connection;    /* the migration-path connection while it lasts */
  gpointer      final_stats;   /* BnSimMoveStats once the transfer ended */
};

void bn_sim_migration_free (BnSimMigration *self);

extern const BnSimCommand bn_sim_migration_commands[];

BnSimMigration *bn_sim_migration_lookup (BnSimBlade   *blade,
                                        const char     *id);
gboolean bn_sim_migration_needs        (BnSimMigration *migration,
                                        const char     *command,
                                        guint           lpar);
void     bn_sim_migration_mirror       (BnSimBlade     *blade);
void     bn_sim_migration_after_restart (BnSimBlade    *blade);
gboolean bn_sim_migration_start_links  (BnSimBlade     *blade,
                                        GError        **error);
gboolean bn_sim_migration_set_links    (BnSimBlade     *blade,
                                        JsonArray      *paths,
                                        GError        **error);
void     bn_sim_migration_stop_links   (BnSimBlade     *blade);
void     bn_sim_migration_cancel_for   (BnSimBlade     *blade,
                                        guint           lpar,
                                        const char     *error_id);
void     bn_sim_migration_transfer_finished (BnSimBlade *blade,
                                        const char     *state,
                                        const char     *error_id,
                                        const char     *message);
void     bn_sim_migration_set_record   (BnSimMigration *migration,
                                        JsonObject     *lpar,
                                        const char     *state);
void     bn_sim_migration_set_wwn_status (JsonObject   *lpar,
                                        const char     *status);

G_END_DECLS
