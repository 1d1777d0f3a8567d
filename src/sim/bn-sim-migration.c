/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-sim-migration"

#include "config.h"

#include <string.h>

#include "bn-blade-doc.h"
#include "bn-error.h"
#include "bn-sim-fleet.h"
#include "bn-sim-link.h"
#include "bn-sim-locks.h"
#include "bn-sim-lpar-move.h"
#include "bn-sim-memory.h"
#include "bn-sim-migration.h"
#include "bn-sim-move.h"
#include "bn-sim-receive.h"
#include "bn-sim-workload.h"

/* The blade's half of an LPAR migration: the commands the console's Migration Service
 * sends, stage by stage (docs/hvmsh-protocol.md, "Migration").  The memory itself moves
 * blade to blade over the migration path (bn-sim-link.c); this file keeps the state, the
 * lock, the lease and the LPAR bookkeeping that must survive a kill -9. */

/* A console that vanishes mid-move must not leave the blade busy for ever. */
#define DEFAULT_LEASE_S 120

void
bn_sim_migration_free (BnSimMigration *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->lease_source, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->move);
  if (self->workload != NULL)
    bn_sim_workload_stop (BN_SIM_WORKLOAD (self->workload));
  g_clear_object (&self->workload);
  g_clear_object (&self->connection);
  g_clear_pointer (&self->identity, json_object_unref);
  g_clear_pointer ((BnSimMoveStats **) &self->final_stats, bn_sim_move_stats_free);
  g_free (self->id);
  g_free (self->role);
  g_free (self->mode);
  g_free (self->peer);
  g_free (self->state);
  g_free (self->error_id);
  g_free (self->error_message);
  g_free (self->cancel_reason);
  g_free (self);
}

static gboolean
is_source (BnSimMigration *m)
{
  return g_strcmp0 (m->role, "source") == 0;
}

/* Mirrors the migration into the document: Update shows the HVM as migrating (表 7-1 #4)
 * and the LPAR with the migrating icon (表 7-2 #8). */
void
bn_sim_migration_mirror (BnSimBlade *blade)
{
  BnSimMigration *m = bn_sim_blade_get_migration (blade);
  JsonObject *doc = bn_sim_blade_get_doc (blade);
  JsonObject *obj;

  if (m == NULL)
    {
      if (json_object_has_member (doc, "migration"))
        json_object_remove_member (doc, "migration");
      bn_sim_blade_changed (blade);
      return;
    }
  obj = json_object_new ();
  json_object_set_string_member (obj, "id", m->id);
  json_object_set_string_member (obj, "role", m->role);
  json_object_set_string_member (obj, "mode", m->mode);
  json_object_set_int_member (obj, "lpar", m->lpar);
  json_object_set_string_member (obj, "peer", m->peer);
  json_object_set_string_member (obj, "state", m->state);
  if (m->error_id != NULL)
    json_object_set_string_member (obj, "error", m->error_id);
  json_object_set_object_member (doc, "migration", obj);
  bn_sim_blade_changed (blade);
}

static void
set_state (BnSimBlade *blade,
           const char *state)
{
  BnSimMigration *m = bn_sim_blade_get_migration (blade);

  g_free (m->state);
  m->state = g_strdup (state);
  bn_sim_migration_mirror (blade);
}

static void
reply_error (GTask      *task,
             BnRc        rc,
             const char *error_id,
             const char *message)
{
  bn_sim_task_return_reply (task, bn_sim_reply_new_error (rc, error_id, "%s", message));
}

static void
reply_ok (GTask      *task,
          JsonObject *data)
{
  bn_sim_task_return_reply (task, bn_sim_reply_new_ok (data ? json_node_init_object (json_node_alloc (), data)
                                                            : NULL));
}

static gboolean lease_expired_cb (gpointer user_data);

static void
renew_lease (BnSimBlade     *blade,
             BnSimMigration *m,
             guint           seconds)
{
  g_clear_handle_id (&m->lease_source, g_source_remove);
  /* to the millisecond: g_timeout_add_seconds() may fire most of a second off */
  m->lease_source = g_timeout_add (seconds * 1000, lease_expired_cb, blade);
}

/* The blade's migration if it is the one called ID, else NULL.  A command naming the
 * migration renews its lease, whatever the command. */
BnSimMigration *
bn_sim_migration_lookup (BnSimBlade *blade,
                         const char *id)
{
  BnSimMigration *m = bn_sim_blade_get_migration (blade);

  if (m == NULL || id == NULL || g_strcmp0 (m->id, id) != 0)
    return NULL;
  renew_lease (blade, m, m->lease_s);
  return m;
}

/* The migration named by migration=ID, renewing its lease; or the reply saying why not. */
static BnSimMigration *
require_migration (BnSimBlade *blade,
                   BnRequest  *request,
                   GTask      *task)
{
  const char *id = bn_request_get (request, "migration");
  BnSimMigration *m;

  if (id == NULL)
    {
      reply_error (task, BN_RC_BAD_ARGUMENT, NULL, "Missing argument migration=ID");
      return NULL;
    }
  m = bn_sim_migration_lookup (blade, id);
  if (m == NULL)
    {
      g_autofree char *msg = g_strdup_printf ("No migration %s is running on HVM %s", id,
                                              bn_sim_blade_get_id (blade));
      reply_error (task, BN_RC_NOT_FOUND, NULL, msg);
    }
  return m;
}

/* Whether COMMAND (on LPAR number LPAR, 0 for none) is a step this migration itself takes
 * on this blade, which its own lock must not refuse: saving the HVM configuration (either
 * blade), and activating the LPAR the destination received (Shutdown mode's *Activating
 * LPAR*). */
gboolean
bn_sim_migration_needs (BnSimMigration *m,
                        const char     *command,
                        guint           lpar)
{
  if (g_str_equal (command, "SaveConfig"))
    return TRUE;
  if (g_str_equal (command, "LparActivate"))
    return !is_source (m) && lpar == m->lpar && g_strcmp0 (m->state, "received") == 0;
  return FALSE;
}

/* The LPAR's "migration_record": what its blade knows of the migration should it restart
 * (bn_sim_migration_after_restart()) or the console have to recover it. */
void
bn_sim_migration_set_record (BnSimMigration *m,
                             JsonObject     *lpar,
                             const char     *state)
{
  JsonObject *rec = json_object_new ();

  json_object_set_string_member (rec, "id", m->id);
  json_object_set_string_member (rec, "role", m->role);
  json_object_set_string_member (rec, "peer_hvm", m->peer);
  json_object_set_string_member (rec, "state", state);
  json_object_set_object_member (lpar, "migration_record", rec);
}

/* The "wwn_status" of each of the LPAR's FC ports: normal, migration or rollback. */
void
bn_sim_migration_set_wwn_status (JsonObject *lpar,
                                 const char *status)
{
  JsonArray *fcs = bn_blade_doc_get_array (lpar, "fcs");

  for (guint i = 0; fcs && i < json_array_get_length (fcs); i++)
    json_object_set_string_member (json_array_get_object_element (fcs, i), "wwn_status", status);
}

/* A source LPAR that was suspended (or handed over) and not committed cannot be trusted
 * any more: it needs recovery (§3.2.3), never a silent restart. */
static void
flag_recovery (BnSimBlade *blade,
               guint       number,
               const char *why)
{
  JsonObject *lpar = bn_sim_blade_get_lpar (blade, number);

  if (lpar == NULL)
    return;
  json_object_set_boolean_member (lpar, "recovery_required", TRUE);
  json_object_set_string_member (lpar, "status", "Deactivate");
  bn_sim_blade_log (blade, BN_SIM_LOG_ERROR, "LPAR migration failed. The LPAR requires recovery.",
                    "LPAR#=%u Reason=%s", number, why);
}

/* Ends the blade's side: releases the lock and settles what the migration left behind. */
static void
end_migration (BnSimBlade *blade,
               const char *why)
{
  BnSimMigration *m = bn_sim_blade_get_migration (blade);
  JsonObject *lpar;

  if (m == NULL)
    return;
  lpar = bn_sim_blade_get_lpar (blade, m->lpar);
  if (lpar != NULL && json_object_has_member (lpar, "migration_record"))
    {
      const char *state = bn_blade_doc_get_string (lpar, "migration_record.state", "");

      /* a source that handed its LPAR over without a commit, or a destination that has
       * not been confirmed, is left for recovery with its record as the evidence */
      if (is_source (m) && (g_str_equal (state, "moved-out") || g_str_equal (state, "suspended")))
        flag_recovery (blade, m->lpar, why);
      else
        json_object_remove_member (lpar, "migration_record");
    }
  if (m->move != NULL)
    {
      if (BN_SIM_IS_MOVE (m->move))
        bn_sim_move_cancel (BN_SIM_MOVE (m->move));
      else
        bn_sim_receive_cancel (BN_SIM_RECEIVE (m->move));
    }
  bn_sim_blade_log (blade, BN_SIM_LOG_INFO, "LPAR migration ended.", "Migration=%s Role=%s "
                    "State=%s", m->id, m->role, m->state);
  bn_sim_blade_set_migration (blade, NULL);
  if (bn_sim_blade_holds (blade, BN_SIM_BUSY_MIGRATION))
    bn_sim_blade_end (blade, BN_SIM_BUSY_MIGRATION);
  bn_sim_migration_mirror (blade);
  bn_sim_blade_save_now (blade, NULL);
}

/* A blade that was killed mid-migration comes back without its migration: a source LPAR
 * that had been handed over or suspended needs recovery (its record tells the console
 * which HVM to look at); an LPAR that had fully arrived is simply there. */
void
bn_sim_migration_after_restart (BnSimBlade *blade)
{
  JsonObject *doc = bn_sim_blade_get_doc (blade);
  JsonArray *lpars = bn_blade_doc_get_array (doc, "lpars");
  gboolean changed = FALSE;

  if (json_object_has_member (doc, "migration"))
    {
      json_object_remove_member (doc, "migration");
      changed = TRUE;
    }
  for (guint i = 0; i < json_array_get_length (lpars); i++)
    {
      JsonObject *lpar = json_array_get_object_element (lpars, i);
      const char *role = bn_blade_doc_get_string (lpar, "migration_record.role", NULL);

      if (role == NULL)
        continue;
      changed = TRUE;
      if (g_str_equal (role, "source"))
        flag_recovery (blade, bn_blade_doc_get_int (lpar, "number", 0),
                       "the HVM restarted during the migration");
      else
        json_object_remove_member (lpar, "migration_record");
    }
  if (changed)
    {
      bn_sim_blade_changed (blade);
      bn_sim_blade_save_now (blade, NULL);
    }
}

static gboolean
lease_expired_cb (gpointer user_data)
{
  BnSimBlade *blade = user_data;
  BnSimMigration *m = bn_sim_blade_get_migration (blade);

  m->lease_source = 0;
  g_message ("%s: migration %s: the console went silent, ending it", bn_sim_blade_get_id (blade),
             m->id);
  end_migration (blade, "the console stopped driving the migration");
  return G_SOURCE_REMOVE;
}

/* operate MigrationBegin migration=ID role=source|destination mode=shutdown|concurrent
 *         lpar=N peer=HVM_ID [lease=S] */
static void
cmd_migration_begin (BnSimBlade *blade,
                     BnRequest  *request,
                     GTask      *task)
{
  const char *id = bn_request_get (request, "migration");
  const char *role = bn_request_get (request, "role");
  const char *mode = bn_request_get (request, "mode");
  const char *peer = bn_request_get (request, "peer");
  g_autoptr(GError) error = NULL;
  BnSimMigration *m;
  JsonObject *lpar;
  BnSimReply *busy;
  guint64 number, lease = DEFAULT_LEASE_S;

  if (id == NULL || strlen (id) > 64 || peer == NULL ||
      (g_strcmp0 (role, "source") != 0 && g_strcmp0 (role, "destination") != 0) ||
      (g_strcmp0 (mode, "shutdown") != 0 && g_strcmp0 (mode, "concurrent") != 0))
    {
      reply_error (task, BN_RC_BAD_ARGUMENT, NULL,
                   "MigrationBegin needs migration=ID role=source|destination "
                   "mode=shutdown|concurrent lpar=N peer=HVM_ID");
      return;
    }
  if (!bn_request_get_uint (request, "lpar", 1,
                            bn_blade_doc_get_max_lpars (bn_sim_blade_get_doc (blade)), &number,
                            &error) ||
      (bn_request_get (request, "lease") != NULL &&
       !bn_request_get_uint (request, "lease", 1, 3600, &lease, &error)))
    {
      bn_sim_task_return_reply (task, bn_sim_reply_new_from_error (error));
      return;
    }

  lpar = bn_sim_blade_get_lpar (blade, number);
  if (g_str_equal (role, "source"))
    {
      if (lpar == NULL)
        {
          reply_error (task, BN_RC_NOT_FOUND, NULL, "The source LPAR is not defined");
          return;
        }
      /* 表 5-2, §3.2.4: recovery and WWN rollback come first (a busy blade is answered by
       * bn_sim_blade_begin() below with 表 6-3 #2 or #5) */
      if (bn_sim_blade_get_busy (blade) == BN_SIM_BUSY_NONE)
        {
          BnSimReply *refusal = bn_sim_locks_check (blade, "lpar-migrate", number, "bsm", NULL);

          if (refusal != NULL)
            {
              bn_sim_task_return_reply (task, refusal);
              return;
            }
        }
      if (g_str_equal (mode, "concurrent") &&
          g_strcmp0 (bn_blade_doc_get_string (lpar, "status", ""), "Activate") != 0)
        {
          reply_error (task, BN_RC_STATE, "mms-thread-lpar-deactivated",
                       "The specified LPAR is deactivated. Can not execute LPAR migration.");
          return;
        }
    }
  else if (lpar != NULL)
    {
      reply_error (task, BN_RC_STATE, NULL, "The destination LPAR number is already defined");
      return;
    }

  busy = bn_sim_blade_begin (blade, BN_SIM_BUSY_MIGRATION, "migration");
  if (busy != NULL)
    {
      bn_sim_task_return_reply (task, busy);
      return;
    }

  m = g_new0 (BnSimMigration, 1);
  m->id = g_strdup (id);
  m->role = g_strdup (role);
  m->mode = g_strdup (mode);
  m->lpar = number;
  m->peer = g_strdup (peer);
  m->state = g_strdup ("prepared");
  m->cancellable = g_cancellable_new ();
  m->lease_s = lease;
  bn_sim_blade_set_migration (blade, m);
  renew_lease (blade, m, lease);
  bn_sim_blade_log (blade, BN_SIM_LOG_INFO, "LPAR migration started.",
                    "Migration=%s Role=%s Mode=%s LPAR#=%" G_GUINT64_FORMAT " Peer=%s",
                    id, role, mode, number, peer);
  bn_sim_migration_mirror (blade);
  bn_sim_blade_save_now (blade, NULL);
  reply_ok (task, NULL);
}

/* operate MigrationEnd migration=ID */
static void
cmd_migration_end (BnSimBlade *blade,
                   BnRequest  *request,
                   GTask      *task)
{
  BnSimMigration *m = require_migration (blade, request, task);

  if (m == NULL)
    return;
  if (g_strcmp0 (m->state, "transferring") == 0)
    {
      reply_error (task, BN_RC_STATE, NULL,
                   "The memory transfer is still running: cancel it first");
      return;
    }
  end_migration (blade, "the migration ended before it was committed");
  reply_ok (task, NULL);
}

static void
timed_step_done (BnSimBlade *blade,
                 BnRequest  *request,
                 GTask      *task)
{
  const char *command = bn_request_get_command (request);

  bn_sim_blade_log (blade, BN_SIM_LOG_INFO,
                    g_str_equal (command, "BackupDump")
                      ? "HVM configuration was backed up and a dump was collected."
                      : "LPAR configuration was saved.",
                    "Migration=%s", bn_request_get (request, "migration"));
  reply_ok (task, NULL);
}

/* operate BackupDump migration=ID / operate SaveLparConfig migration=ID (表 2-5) */
static void
cmd_timed_step (BnSimBlade *blade,
                BnRequest  *request,
                GTask      *task)
{
  const char *command = bn_request_get_command (request);

  if (require_migration (blade, request, task) == NULL)
    return;
  bn_sim_after_step (blade, g_str_equal (command, "BackupDump") ? "backup-dump" : "save-lpar-config",
                     task, timed_step_done, request);
}

static JsonObject *
stats_to_json (BnSimMigration       *m,
               const BnSimMoveStats *st)
{
  JsonObject *obj = json_object_new ();

  json_object_set_string_member (obj, "state", m->state);
  json_object_set_string_member (obj, "role", m->role);
  json_object_set_string_member (obj, "phase", bn_sim_move_phase_to_string (st->phase));
  json_object_set_int_member (obj, "round", st->round);
  json_object_set_int_member (obj, "total_bytes", st->total_bytes);
  json_object_set_int_member (obj, "transferred_bytes", st->transferred_bytes);
  json_object_set_int_member (obj, "remaining_dirty_bytes", st->remaining_dirty_bytes);
  json_object_set_int_member (obj, "zero_pages", st->zero_pages);
  json_object_set_int_member (obj, "pages_sent", st->pages_sent);
  json_object_set_int_member (obj, "transfer_rate", st->transfer_rate);
  json_object_set_int_member (obj, "dirty_rate", st->dirty_rate);
  json_object_set_int_member (obj, "expected_suspend_us", st->expected_suspend_us);
  json_object_set_int_member (obj, "elapsed_us", st->elapsed_us);
  json_object_set_int_member (obj, "timeout_us", st->timeout_us);
  json_object_set_int_member (obj, "suspend_us", st->suspend_us);
  if (st->checksum_valid)
    {
      g_autofree char *sum = g_strdup_printf ("%016" G_GINT64_MODIFIER "x", st->checksum);
      json_object_set_string_member (obj, "checksum", sum);
    }
  if (m->error_id != NULL)
    {
      json_object_set_string_member (obj, "error", m->error_id);
      json_object_set_string_member (obj, "error_message", m->error_message);
    }
  if (m->identity != NULL)
    json_object_set_object_member (obj, "identity", json_object_ref (m->identity));
  return obj;
}

/* get MigrationStatus migration=ID: the transfer's counters (the Migration Monitor
 * samples) and the blade's state of the migration. */
static void
cmd_migration_status (BnSimBlade *blade,
                      BnRequest  *request,
                      GTask      *task)
{
  BnSimMigration *m = require_migration (blade, request, task);
  BnSimMoveStats st = { 0 };

  if (m == NULL)
    return;
  if (m->final_stats != NULL)
    st = *(BnSimMoveStats *) m->final_stats;
  else if (m->move != NULL && BN_SIM_IS_MOVE (m->move))
    bn_sim_move_get_stats (BN_SIM_MOVE (m->move), &st);
  else if (m->move != NULL)
    bn_sim_receive_get_stats (BN_SIM_RECEIVE (m->move), &st);
  else
    {
      st.expected_suspend_us = -1;
      st.suspend_us = -1;
    }
  reply_ok (task, stats_to_json (m, &st));
}

/* The link reports the end of a transfer (either side). */
void
bn_sim_migration_transfer_finished (BnSimBlade *blade,
                                    const char *state,
                                    const char *error_id,
                                    const char *message)
{
  BnSimMigration *m = bn_sim_blade_get_migration (blade);

  if (m == NULL)
    return;
  g_free (m->error_id);
  m->error_id = g_strdup (error_id);
  g_free (m->error_message);
  m->error_message = g_strdup (message);
  set_state (blade, state);
  bn_sim_blade_save_now (blade, NULL);
}

/* operate MigrationTransfer migration=ID peer_ip=IP [timeout=S] [max_suspend_ms=MS]
 * Starts the live memory transfer on the source and answers at once; MigrationStatus
 * follows it. */
static void
cmd_migration_transfer (BnSimBlade *blade,
                        BnRequest  *request,
                        GTask      *task)
{
  BnSimMigration *m = require_migration (blade, request, task);
  const char *peer_ip = bn_request_get (request, "peer_ip");
  g_autoptr(GError) error = NULL;
  guint64 timeout = 900, max_suspend = 500;
  guint64 dst_lpar = 0;
  JsonObject *lpar;

  if (m == NULL)
    return;
  if (!is_source (m) || g_strcmp0 (m->mode, "concurrent") != 0 ||
      g_strcmp0 (m->state, "prepared") != 0)
    {
      reply_error (task, BN_RC_STATE, NULL,
                   "A memory transfer starts once, on the source of a Concurrent Maintenance "
                   "migration");
      return;
    }
  /* deactivated, or stopping, since MigrationBegin (表 6-4 #6, as MigrationBegin says) */
  lpar = bn_sim_blade_get_lpar (blade, m->lpar);
  if (m->cancel_reason != NULL ||
      (lpar != NULL && g_strcmp0 (bn_blade_doc_get_string (lpar, "status", ""), "Activate") != 0))
    {
      reply_error (task, BN_RC_STATE, "mms-thread-lpar-deactivated",
                   "The specified LPAR is deactivated. Can not execute LPAR migration.");
      return;
    }
  if (peer_ip == NULL || !g_hostname_is_ip_address (peer_ip) ||
      (bn_request_get (request, "timeout") &&
       !bn_request_get_uint (request, "timeout", 1, 86400, &timeout, &error)) ||
      (bn_request_get (request, "max_suspend_ms") &&
       !bn_request_get_uint (request, "max_suspend_ms", 1, 60000, &max_suspend, &error)) ||
      !bn_request_get_uint (request, "dst_lpar", 1, 60, &dst_lpar, &error))
    {
      reply_error (task, BN_RC_BAD_ARGUMENT, NULL,
                   error ? error->message
                         : "MigrationTransfer needs peer_ip=ADDRESS dst_lpar=N [timeout=S] "
                           "[max_suspend_ms=MS]");
      return;
    }
  if (!bn_sim_link_start_transfer (blade, m, peer_ip, dst_lpar, timeout, max_suspend, &error))
    {
      bn_sim_task_return_reply (task, bn_sim_reply_new_from_error (error));
      return;
    }
  set_state (blade, "transferring");
  reply_ok (task, NULL);
}

/* Cancels a live move because its LPAR stops: deactivated (表 5-2 ※1) or shut down by its
 * guest OS (§5.23); the migration then fails with ERROR_ID.  Whether the memory is moving,
 * about to (MigrationTransfer accepted, the link still getting ready) or not yet asked
 * to: a move never carries a stopped LPAR, which would arrive Activate. */
void
bn_sim_migration_cancel_for (BnSimBlade *blade,
                             guint       lpar,
                             const char *error_id)
{
  BnSimMigration *m = bn_sim_blade_get_migration (blade);

  /* in Shutdown mode the LPAR is meant to stop */
  if (m == NULL || !is_source (m) || m->lpar != lpar || g_strcmp0 (m->mode, "concurrent") != 0)
    return;
  if (g_strcmp0 (m->state, "prepared") != 0 && g_strcmp0 (m->state, "transferring") != 0)
    return;
  if (m->cancel_reason == NULL)
    {
      m->cancel_reason = g_strdup (error_id);
      bn_sim_blade_log (blade, BN_SIM_LOG_WARNING, "LPAR migration was canceled. LPAR "
                        "deactivation was detected.", "Migration=%s LPAR#=%u", m->id, lpar);
    }
  /* refused after the suspend: the move then completes */
  if (m->move != NULL && BN_SIM_IS_MOVE (m->move))
    bn_sim_move_cancel (BN_SIM_MOVE (m->move));
}

/* operate MigrationExtend migration=ID seconds=S — only while memory is transferring
 * (§4.3.3) */
static void
cmd_migration_extend (BnSimBlade *blade,
                      BnRequest  *request,
                      GTask      *task)
{
  BnSimMigration *m = require_migration (blade, request, task);
  g_autoptr(GError) error = NULL;
  guint64 seconds;

  if (m == NULL)
    return;
  if (!bn_request_get_uint (request, "seconds", 1, 86400, &seconds, &error))
    {
      bn_sim_task_return_reply (task, bn_sim_reply_new_from_error (error));
      return;
    }
  if (m->move == NULL || !BN_SIM_IS_MOVE (m->move) ||
      !bn_sim_move_extend_timeout (BN_SIM_MOVE (m->move), seconds))
    {
      reply_error (task, BN_RC_STATE, NULL,
                   "The timeout can be extended only while memory is being transferred");
      return;
    }
  bn_sim_blade_log (blade, BN_SIM_LOG_INFO, "LPAR migration timeout was extended.",
                    "Migration=%s Seconds=%" G_GUINT64_FORMAT, m->id, seconds);
  reply_ok (task, NULL);
}

/* operate MigrationCancel migration=ID — only while memory is transferring (§4.3.4) */
static void
cmd_migration_cancel (BnSimBlade *blade,
                      BnRequest  *request,
                      GTask      *task)
{
  BnSimMigration *m = require_migration (blade, request, task);

  if (m == NULL)
    return;
  if (m->move == NULL || !BN_SIM_IS_MOVE (m->move) || !bn_sim_move_cancel (BN_SIM_MOVE (m->move)))
    {
      reply_error (task, BN_RC_STATE, NULL,
                   "The migration can be canceled only while memory is being transferred");
      return;
    }
  bn_sim_blade_log (blade, BN_SIM_LOG_INFO, "LPAR migration cancel was requested.",
                    "Migration=%s", m->id);
  reply_ok (task, NULL);
}

/* operate MigrationCommit migration=ID identity=JSON — the console has seen the
 * destination hold the LPAR: the source gives up its copy and takes the destination
 * slot's identity (WWN and MAC exchange, §5.16). */
static void
cmd_migration_commit (BnSimBlade *blade,
                      BnRequest  *request,
                      GTask      *task)
{
  BnSimMigration *m = require_migration (blade, request, task);
  g_autoptr(JsonNode) identity = NULL;
  const char *identity_json = bn_request_get (request, "identity");

  if (m == NULL)
    return;
  if (!is_source (m))
    {
      reply_error (task, BN_RC_STATE, NULL, "MigrationCommit is the source's step");
      return;
    }
  /* "completed" follows a verified transfer (Concurrent) or the hand-over (Shutdown): before
   * it, removing the source LPAR would lose it */
  if (g_strcmp0 (m->state, "completed") != 0)
    {
      g_autofree char *msg = g_strdup_printf ("Nothing to commit: %s (migration %s is “%s”)",
                                              g_strcmp0 (m->mode, "shutdown") == 0
                                                ? "the LPAR has not been handed over"
                                                : "the transfer has not completed",
                                              m->id, m->state);

      reply_error (task, BN_RC_STATE, NULL, msg);
      return;
    }
  if (identity_json != NULL)
    {
      identity = json_from_string (identity_json, NULL);
      if (identity == NULL || !JSON_NODE_HOLDS_OBJECT (identity))
        {
          reply_error (task, BN_RC_BAD_ARGUMENT, NULL, "identity= must be a JSON object");
          return;
        }
    }
  bn_sim_lpar_move_release (blade, m->lpar, identity ? json_node_get_object (identity) : NULL);
  bn_sim_blade_log (blade, BN_SIM_LOG_INFO, "LPAR was moved to another HVM.",
                    "Migration=%s LPAR#=%u Destination=%s", m->id, m->lpar, m->peer);
  set_state (blade, "committed");
  bn_sim_blade_save_now (blade, NULL);
  reply_ok (task, NULL);
}

/* operate LparDefine migration=ID lpar=M config=JSON — Shutdown mode: the console carries
 * the configuration; the destination applies 表 1-2 and answers with the identity the slot
 * had, which goes back to the source. */
static void
cmd_lpar_define (BnSimBlade *blade,
                 BnRequest  *request,
                 GTask      *task)
{
  BnSimMigration *m = require_migration (blade, request, task);
  g_autoptr(JsonNode) config = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) identity = NULL;
  const char *config_json = bn_request_get (request, "config");
  JsonObject *result;

  if (m == NULL)
    return;
  if (is_source (m) || g_strcmp0 (m->mode, "shutdown") != 0)
    {
      reply_error (task, BN_RC_STATE, NULL,
                   "LparDefine is the destination's step of a Shutdown-mode migration");
      return;
    }
  config = config_json ? json_from_string (config_json, NULL) : NULL;
  if (config == NULL || !JSON_NODE_HOLDS_OBJECT (config))
    {
      reply_error (task, BN_RC_BAD_ARGUMENT, NULL, "config= must be the LPAR as a JSON object");
      return;
    }
  identity = bn_sim_lpar_move_define (blade, json_node_get_object (config), m->lpar, m->mode,
                                      &error);
  if (identity == NULL)
    {
      bn_sim_task_return_reply (task, bn_sim_reply_new_from_error (error));
      return;
    }
  bn_sim_migration_set_record (m, bn_sim_blade_get_lpar (blade, m->lpar), "received");
  set_state (blade, "received");
  bn_sim_blade_save_now (blade, NULL);
  result = json_object_new ();
  json_object_set_object_member (result, "identity", json_object_ref (identity));
  reply_ok (task, result);
}

/* operate MigrationHandOver migration=ID — Shutdown mode, source: the LPAR's configuration
 * is being carried away; from now on an interrupted migration leaves it for recovery. */
static void
cmd_migration_hand_over (BnSimBlade *blade,
                         BnRequest  *request,
                         GTask      *task)
{
  BnSimMigration *m = require_migration (blade, request, task);
  JsonObject *lpar;

  if (m == NULL)
    return;
  lpar = bn_sim_blade_get_lpar (blade, m->lpar);
  if (!is_source (m) || g_strcmp0 (m->mode, "shutdown") != 0 || lpar == NULL)
    {
      reply_error (task, BN_RC_STATE, NULL,
                   "MigrationHandOver is the source's step of a Shutdown-mode migration");
      return;
    }
  if (g_strcmp0 (bn_blade_doc_get_string (lpar, "status", ""), "Activate") == 0)
    {
      reply_error (task, BN_RC_STATE, "mms-thread-lpar-activated",
                   "The MMS could not accept a migration with activated LPAR. Please shutdown "
                   "the specified LPAR, and try again.");
      return;
    }
  bn_sim_migration_set_record (m, lpar, "moved-out");
  set_state (blade, "completed");
  bn_sim_blade_save_now (blade, NULL);
  reply_ok (task, json_object_ref (lpar));
}

/* The LPAR a step that held the operation lock finishes on (the lock is released), or
 * NULL with the task answered when it disappeared meanwhile. */
static JsonObject *
step_lpar (BnSimBlade *blade,
           BnRequest  *request,
           GTask      *task)
{
  guint64 number = g_ascii_strtoull (bn_request_get (request, "lpar"), NULL, 10);
  JsonObject *lpar = bn_sim_blade_get_lpar (blade, number);

  bn_sim_blade_end (blade, BN_SIM_BUSY_OPERATION);
  if (lpar == NULL)
    reply_error (task, BN_RC_NOT_FOUND, NULL, "The LPAR disappeared");
  return lpar;
}

/* Takes the operation lock for WHAT beside a migration (表 5-2, checked by the caller: the
 * other LPARs of a migrating HVM may be operated), or answers the task busy. */
static gboolean
begin_beside (BnSimBlade *blade,
              GTask      *task,
              const char *what)
{
  BnSimReply *busy = bn_sim_blade_begin_beside (blade, what);

  if (busy != NULL)
    {
      bn_sim_task_return_reply (task, busy);
      return FALSE;
    }
  return TRUE;
}

/* operate LparRecover lpar=N action=restore|discard (§3.1.2, §3.2.3).  The console decides
 * from both HVMs' records whether the move happened (discard the leftover) or not
 * (restore the LPAR here, deactivated). */
static void
recover_done (BnSimBlade *blade,
              BnRequest  *request,
              GTask      *task)
{
  JsonObject *lpar = step_lpar (blade, request, task);
  const char *action = bn_request_get (request, "action");

  if (lpar == NULL)
    return;
  if (g_str_equal (action, "discard"))
    {
      guint number = bn_blade_doc_get_int (lpar, "number", 0);

      bn_sim_blade_log (blade, BN_SIM_LOG_INFO, "LPAR was recovered from a failed migration.",
                        "LPAR#=%u Action=discard (the LPAR lives on the other HVM)", number);
      bn_sim_lpar_move_release (blade, number, NULL);
    }
  else
    {
      json_object_set_boolean_member (lpar, "recovery_required", FALSE);
      json_object_set_string_member (lpar, "status", "Deactivate");
      if (json_object_has_member (lpar, "migration_record"))
        json_object_remove_member (lpar, "migration_record");
      bn_sim_blade_log (blade, BN_SIM_LOG_INFO, "LPAR was recovered from a failed migration.",
                        "LPAR#=%s Action=restore", bn_request_get (request, "lpar"));
    }
  bn_sim_blade_save_now (blade, NULL);
  reply_ok (task, NULL);
}

static void
cmd_lpar_recover (BnSimBlade *blade,
                  BnRequest  *request,
                  GTask      *task)
{
  JsonObject *lpar = bn_sim_require_unlocked_lpar (blade, request, task, "lpar-recover");
  const char *action = bn_request_get (request, "action");

  if (lpar == NULL)
    return;
  if (g_strcmp0 (action, "restore") != 0 && g_strcmp0 (action, "discard") != 0)
    {
      reply_error (task, BN_RC_BAD_ARGUMENT, NULL, "action= must be restore or discard");
      return;
    }
  if (!bn_blade_doc_get_bool (lpar, "recovery_required", FALSE))
    {
      reply_error (task, BN_RC_STATE, NULL, "The LPAR does not require recovery");
      return;
    }
  if (g_strcmp0 (bn_blade_doc_get_string (lpar, "status", ""), "Activate") == 0)
    {
      reply_error (task, BN_RC_STATE, "recovery-lpar-activated",
                   "The MMS could not recover the specified LPAR from a failed-migration state "
                   "because of activated LPAR.");
      return;
    }
  if (!begin_beside (blade, task, "recovery"))
    return;
  bn_sim_after_step (blade, "recovery", task, recover_done, request);
}

/* operate WwnRollback lpar=N (§3.2.4): the LPAR goes back from its migration WWN. */
static void
rollback_done (BnSimBlade *blade,
               BnRequest  *request,
               GTask      *task)
{
  JsonObject *lpar = step_lpar (blade, request, task);

  if (lpar == NULL)
    return;
  bn_sim_migration_set_wwn_status (lpar, "normal");
  bn_sim_blade_log (blade, BN_SIM_LOG_INFO, "WWN of the LPAR was rolled back.", "LPAR#=%s",
                    bn_request_get (request, "lpar"));
  bn_sim_blade_save_now (blade, NULL);
  reply_ok (task, NULL);
}

static void
cmd_wwn_rollback (BnSimBlade *blade,
                  BnRequest  *request,
                  GTask      *task)
{
  JsonObject *lpar = bn_sim_require_unlocked_lpar (blade, request, task, "lpar-rollback-wwn");

  if (lpar == NULL)
    return;
  if (!bn_sim_lpar_move_lpar_needs_rollback (lpar))
    {
      reply_error (task, BN_RC_STATE, NULL, "The LPAR does not use its migration WWN");
      return;
    }
  if (!begin_beside (blade, task, "wwn-rollback"))
    return;
  bn_sim_migration_set_wwn_status (lpar, "rollback");
  bn_sim_blade_changed (blade);
  bn_sim_after_step (blade, "wwn-rollback", task, rollback_done, request);
}

/* set MigrationPaths paths=JSON (Migration Path Setting, §3.2.1): replaces the blade's
 * migration paths after validating them like a fleet file, all or nothing. */
static void
cmd_set_migration_paths (BnSimBlade *blade,
                         BnRequest  *request,
                         GTask      *task)
{
  const char *paths_json = bn_request_get (request, "paths");
  g_autoptr(JsonNode) paths = paths_json ? json_from_string (paths_json, NULL) : NULL;
  g_autoptr(JsonNode) candidate = NULL;
  g_autoptr(GError) error = NULL;
  BnSimReply *busy;

  if (paths == NULL || !JSON_NODE_HOLDS_ARRAY (paths))
    {
      reply_error (task, BN_RC_BAD_ARGUMENT, NULL, "paths= must be a JSON array");
      return;
    }
  /* validate on a copy: a bad path list changes nothing */
  candidate = json_from_string (bn_sim_blade_get_config_json (blade), NULL);
  json_object_set_array_member (json_node_get_object (candidate), "migration_paths",
                                json_array_ref (json_node_get_array (paths)));
  if (!bn_blade_doc_validate (candidate, "$", &error) ||
      !bn_sim_fleet_check_blade (json_node_get_object (candidate), "$", &error))
    {
      bn_sim_task_return_reply (task, bn_sim_reply_new_error (BN_RC_BAD_ARGUMENT, NULL, "%s",
                                                              error->message));
      return;
    }
  busy = bn_sim_locks_check (blade, "hvm-modify", 0, "bsm", NULL);
  if (busy == NULL)
    busy = bn_sim_blade_begin (blade, BN_SIM_BUSY_OPERATION, "migration-paths");
  if (busy != NULL)
    {
      bn_sim_task_return_reply (task, busy);
      return;
    }
  /* the listeners first: paths the blade cannot listen on are not set */
  if (!bn_sim_migration_set_links (blade, json_node_get_array (paths), &error))
    {
      bn_sim_blade_end (blade, BN_SIM_BUSY_OPERATION);
      bn_sim_blade_log (blade, BN_SIM_LOG_ERROR, "Migration path settings could not be changed.",
                        "%s", error->message);
      bn_sim_task_return_reply (task, bn_sim_reply_new_from_error (error));
      return;
    }
  json_object_set_array_member (bn_sim_blade_get_doc (blade), "migration_paths",
                                json_array_ref (json_node_get_array (paths)));
  bn_sim_blade_log (blade, BN_SIM_LOG_INFO, "Migration path settings were changed.", "Paths=%u",
                    json_array_get_length (json_node_get_array (paths)));
  bn_sim_blade_end (blade, BN_SIM_BUSY_OPERATION);
  bn_sim_blade_save_now (blade, NULL);
  reply_ok (task, NULL);
}

/* get LparMemoryChecksum lpar=N: proves what arrived (tests, benchmarks). */
static void
cmd_lpar_memory_checksum (BnSimBlade *blade,
                          BnRequest  *request,
                          GTask      *task)
{
  JsonObject *lpar = bn_sim_require_lpar (blade, request, task);
  BnSimMemory *memory;
  JsonObject *obj;
  g_autofree char *sum = NULL;

  if (lpar == NULL)
    return;
  memory = bn_sim_blade_get_lpar_memory (blade, bn_blade_doc_get_int (lpar, "number", 0));
  if (memory == NULL)
    {
      reply_error (task, BN_RC_STATE, NULL, "The LPAR's memory has not been materialised");
      return;
    }
  obj = json_object_new ();
  sum = g_strdup_printf ("%016" G_GINT64_MODIFIER "x", bn_sim_memory_checksum (memory));
  json_object_set_string_member (obj, "checksum", sum);
  json_object_set_int_member (obj, "bytes", bn_sim_memory_get_size (memory));
  json_object_set_int_member (obj, "resident_bytes", bn_sim_memory_get_resident_bytes (memory));
  reply_ok (task, obj);
}

const BnSimCommand bn_sim_migration_commands[] = {
  { BN_VERB_OPERATE, "MigrationBegin", cmd_migration_begin,
    "lock the blade for a migration migration=ID role= mode= lpar=N peer=HVM" },
  { BN_VERB_OPERATE, "MigrationEnd", cmd_migration_end, "unlock migration=ID" },
  { BN_VERB_OPERATE, "BackupDump", cmd_timed_step, "back up the HVM config and dump migration=ID" },
  { BN_VERB_OPERATE, "SaveLparConfig", cmd_timed_step, "save the LPAR configuration migration=ID" },
  { BN_VERB_OPERATE, "MigrationTransfer", cmd_migration_transfer,
    "start the live memory transfer migration=ID peer_ip= dst_lpar=" },
  { BN_VERB_GET, "MigrationStatus", cmd_migration_status, "transfer state and counters migration=ID" },
  { BN_VERB_OPERATE, "MigrationExtend", cmd_migration_extend, "extend the timeout migration=ID seconds=S" },
  { BN_VERB_OPERATE, "MigrationCancel", cmd_migration_cancel, "cancel the transfer migration=ID" },
  { BN_VERB_OPERATE, "MigrationCommit", cmd_migration_commit,
    "source gives the LPAR up migration=ID identity=JSON" },
  { BN_VERB_OPERATE, "MigrationHandOver", cmd_migration_hand_over,
    "Shutdown mode: source hands its LPAR configuration over migration=ID" },
  { BN_VERB_OPERATE, "LparDefine", cmd_lpar_define,
    "Shutdown mode: destination defines the LPAR migration=ID config=JSON" },
  { BN_VERB_OPERATE, "LparRecover", cmd_lpar_recover, "recover an LPAR lpar=N action=restore|discard" },
  { BN_VERB_OPERATE, "WwnRollback", cmd_wwn_rollback, "roll back the migration WWN lpar=N" },
  { BN_VERB_SET, "MigrationPaths", cmd_set_migration_paths, "replace the migration paths paths=JSON" },
  { BN_VERB_GET, "LparMemoryChecksum", cmd_lpar_memory_checksum, "checksum of an LPAR's memory lpar=N" },
  { 0, NULL, NULL, NULL }
};
