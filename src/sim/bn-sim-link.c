/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-sim-link"

#include "config.h"

#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include "bn-blade-doc.h"
#include "bn-error.h"
#include "bn-line-channel.h"
#include "bn-sim-link.h"
#include "bn-sim-locks.h"
#include "bn-sim-lpar-move.h"
#include "bn-sim-memory.h"
#include "bn-sim-move.h"
#include "bn-sim-receive.h"
#include "bn-sim-workload.h"

/* A connection on the migration path opens with one line from the source,
 *   BN-MOVER/1 {"kind": "migrate"|"rehearsal"|"connectivity", …}
 * answered by one line from the destination, "OK {…}" or "ERR reason"; then, for a
 * migration, the LPAR Mover's own stream (docs/lpar-mover.md). */

#define MAX_PREAMBLE      (4 * 1024 * 1024)
#define SAMPLE_INTERVAL   200
#define LINKS_KEY         "bn-sim-link-services"
#define MIB               (1024 * 1024)

/* ----------------------------------------------------------------------------------------
 * Error ids of the catalogue (data/errors/catalogue.json) for transfer outcomes.
 */

static const char *
result_error_id (BnSimMoveResult result)
{
  switch (result)
    {
    case BN_SIM_MOVE_RESULT_CANCELED_WRITE_INTENSIVE: return "mover-memory-write-intensive";
    case BN_SIM_MOVE_RESULT_TERMINATED_BY_USER: return "mover-terminated-by-user";
    case BN_SIM_MOVE_RESULT_CONNECTION_ERROR: return "mover-connection-refused";
    case BN_SIM_MOVE_RESULT_PROTOCOL_ERROR:
    case BN_SIM_MOVE_RESULT_VERIFY_FAILED:
    case BN_SIM_MOVE_RESULT_COMPLETED:
    default: return "mover-dst-unknown-error";
    }
}

static const char *
result_message (BnSimMoveResult result)
{
  switch (result)
    {
    case BN_SIM_MOVE_RESULT_CANCELED_WRITE_INTENSIVE:
      return "LPAR Migration process was canceled. Memory write is intensive.";
    case BN_SIM_MOVE_RESULT_TERMINATED_BY_USER:
      return "Terminated by user";
    case BN_SIM_MOVE_RESULT_CONNECTION_ERROR:
      return "Connection refused (LPAR Mover-LPAR Mover)";
    case BN_SIM_MOVE_RESULT_VERIFY_FAILED:
      return "The destination's copy of the memory does not match the source (checksum)";
    case BN_SIM_MOVE_RESULT_PROTOCOL_ERROR:
    default:
      return "Unknown error";
    }
}

static const char *
local_path_address (BnSimBlade *blade)
{
  return bn_blade_doc_get_string (bn_blade_doc_get_primary_path (bn_sim_blade_get_doc (blade)),
                                  "ip", NULL);
}

static char *
format_preamble (JsonObject *obj)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), obj);
  g_autofree char *json = json_to_string (node, FALSE);

  return g_strdup_printf ("%s %s", BN_SIM_LINK_BANNER, json);
}

/* The blade's migration-path rate (path_rate_mbps) in bytes/s, 0 for unlimited. */
static guint64
path_rate (BnSimBlade *blade)
{
  return (guint64) bn_blade_doc_get_int (bn_sim_blade_get_doc (blade), "path_rate_mbps", 0) *
         125000;
}

static GError *
no_migration_path_error (BnSimBlade *blade)
{
  GError *error = g_error_new (BN_ERROR, BN_ERROR_STATE,
                               "Specified NIC was not found (Src-Blade): HVM %s has no "
                               "migration path", bn_sim_blade_get_id (blade));

  bn_error_set_catalogue (error, "mms-src-nic-not-found", NULL);
  return error;
}

/* ----------------------------------------------------------------------------------------
 * Outgoing connections: connect from this blade's migration path, send the preamble, read
 * the answer.  Completes with the connection (answer data in the task's result object).
 */

typedef struct
{
  GSocketConnection *connection;
  BnLineChannel     *channel;
  char              *preamble;
  JsonObject        *answer;
} Dial;

static void
dial_free (gpointer data)
{
  Dial *dial = data;

  g_clear_object (&dial->connection);
  g_clear_object (&dial->channel);
  g_clear_pointer (&dial->answer, json_object_unref);
  g_free (dial->preamble);
  g_free (dial);
}

/* The destination's "ERR reason", or "ERR {"id": …, "message": …}" when the refusal is a
 * catalogue error. */
static GError *
parse_refusal (const char *text)
{
  g_autoptr(JsonNode) node = text[0] == '{' ? json_from_string (text, NULL) : NULL;
  JsonObject *obj = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *message = bn_blade_doc_get_string (obj, "message", NULL);
  GError *error;

  if (message == NULL)
    return g_error_new (BN_ERROR, BN_ERROR_FAILED, "%s", text);
  error = g_error_new (BN_ERROR, BN_ERROR_FAILED, "%s", message);
  bn_error_set_catalogue (error, bn_blade_doc_get_string (obj, "id", NULL), NULL);
  return error;
}

/* §6.4.10: the destination's migration path does not answer (or hung up). Takes CAUSE. */
static GError *
hvm_connection_refused (GError *cause)
{
  GError *refused = g_error_new (BN_ERROR, BN_ERROR_UNREACHABLE,
                                 "Connection refused (HVM-HVM): %s", cause->message);

  bn_error_set_catalogue (refused, "hvm-connection-refused-hvm", NULL);
  g_error_free (cause);
  return refused;
}

static void
dial_answer_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Dial *dial = g_task_get_task_data (task);
  GError *error = NULL;
  g_autofree char *line = NULL;

  line = bn_line_channel_read_line_finish (dial->channel, result, NULL, &error);
  if (line == NULL)
    {
      g_task_return_error (task, hvm_connection_refused (error));
      return;
    }
  if (g_str_has_prefix (line, "ERR "))
    {
      g_task_return_error (task, parse_refusal (line + 4));
      return;
    }
  if (!g_str_has_prefix (line, "OK"))
    {
      g_task_return_new_error (task, BN_ERROR, BN_ERROR_INVALID_DATA,
                               "The destination answered the migration path with “%.40s”", line);
      return;
    }
  if (line[2] == ' ')
    {
      g_autoptr(JsonNode) node = json_from_string (line + 3, NULL);

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        dial->answer = json_object_ref (json_node_get_object (node));
    }
  g_task_return_boolean (task, TRUE);
}

static void
dial_written_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Dial *dial = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;

  if (!bn_line_channel_write_line_finish (dial->channel, result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  bn_line_channel_read_line_async (dial->channel, cancellable, dial_answer_cb,
                                   g_steal_pointer (&task));
}

static void
dial_connected_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Dial *dial = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;

  dial->connection = g_socket_client_connect_finish (G_SOCKET_CLIENT (object), result, &error);
  if (dial->connection == NULL)
    {
      g_task_return_error (task, hvm_connection_refused (error));
      return;
    }

  dial->channel = bn_line_channel_new (G_IO_STREAM (dial->connection), MAX_PREAMBLE);
  bn_line_channel_write_line_async (dial->channel, dial->preamble, -1, cancellable,
                                    dial_written_cb, g_steal_pointer (&task));
}

static void
dial_async (BnSimBlade          *blade,
            const char          *peer_ip,
            JsonObject          *preamble,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (blade, cancellable, callback, user_data);
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GInetAddress) peer = g_inet_address_new_from_string (peer_ip);
  g_autoptr(GSocketAddress) address = NULL;
  const char *local_ip = local_path_address (blade);
  Dial *dial = g_new0 (Dial, 1);

  g_task_set_source_tag (task, dial_async);
  g_task_set_task_data (task, dial, dial_free);
  dial->preamble = format_preamble (preamble);

  if (local_ip == NULL)
    {
      g_task_return_error (task, no_migration_path_error (blade));
      return;
    }
  if (peer == NULL)
    {
      g_task_return_new_error (task, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                               "“%s” is not an IP address", peer_ip);
      return;
    }
  {
    g_autoptr(GInetAddress) local = g_inet_address_new_from_string (local_ip);
    g_autoptr(GSocketAddress) local_address = g_inet_socket_address_new (local, 0);

    g_socket_client_set_local_address (client, local_address);
  }
  g_socket_client_set_enable_proxy (client, FALSE);
  g_socket_client_set_timeout (client, 10);
  address = g_inet_socket_address_new (peer, BN_SIM_MOVER_PORT);
  g_socket_client_connect_async (client, G_SOCKET_CONNECTABLE (address), cancellable,
                                 dial_connected_cb, g_steal_pointer (&task));
}

static GSocketConnection *
dial_finish (BnSimBlade    *blade,
             GAsyncResult  *result,
             JsonObject   **answer,
             GError       **error)
{
  Dial *dial = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  if (answer != NULL)
    *answer = dial->answer ? json_object_ref (dial->answer) : json_object_new ();
  return g_object_ref (dial->connection);
}

/* ----------------------------------------------------------------------------------------
 * Source: the live transfer.
 */

typedef struct
{
  BnSimBlade *blade;
  char       *migration;
  guint       lpar;
  guint       dst_lpar;
  guint64     timeout_s;
  guint64     max_suspend_ms;
  char       *peer_ip;
} Transfer;

static void
transfer_free (Transfer *t)
{
  g_object_unref (t->blade);
  g_free (t->migration);
  g_free (t->peer_ip);
  g_free (t);
}

static BnSimMigration *
transfer_migration (Transfer *t)
{
  BnSimMigration *m = bn_sim_blade_get_migration (t->blade);

  /* the migration may have ended (lease, MigrationEnd) while the link worked */
  return (m != NULL && g_strcmp0 (m->id, t->migration) == 0) ? m : NULL;
}

/* The blade stopped the move itself: its LPAR was deactivated (m->cancel_reason). */
static void
finish_canceled_by_blade (Transfer       *t,
                          BnSimMigration *m)
{
  bn_sim_migration_transfer_finished (t->blade, "failed", m->cancel_reason,
                                      "LPAR Migration was canceled. LPAR deactivation was "
                                      "detected.");
}

/* Either side's mover ended: its numbers stay for MigrationStatus, its connection goes. */
static void
keep_final_stats (BnSimMigration       *m,
                  const BnSimMoveStats *stats)
{
  g_clear_pointer ((BnSimMoveStats **) &m->final_stats, bn_sim_move_stats_free);
  m->final_stats = bn_sim_move_stats_copy (stats);
  g_clear_object (&m->connection);
}

static void
move_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Transfer *t = user_data;
  BnSimMigration *m = transfer_migration (t);
  g_autoptr(GError) error = NULL;
  BnSimMoveStats stats;
  BnSimMoveResult res;
  JsonObject *lpar;

  res = bn_sim_move_run_finish (BN_SIM_MOVE (object), result, &error);
  bn_sim_move_get_stats (BN_SIM_MOVE (object), &stats);
  if (m == NULL)
    {
      transfer_free (t);
      return;
    }
  if (m->workload != NULL)
    bn_sim_workload_stop (BN_SIM_WORKLOAD (m->workload));
  keep_final_stats (m, &stats);
  lpar = bn_sim_blade_get_lpar (t->blade, t->lpar);

  if (res == BN_SIM_MOVE_RESULT_COMPLETED && lpar != NULL)
    {
      /* handed over but not yet committed: from here only the console's commit (or a
       * recovery) settles this LPAR */
      json_object_set_string_member (lpar, "status", "Deactivate");
      bn_sim_migration_set_record (m, lpar, "moved-out");
      bn_sim_blade_log (t->blade, BN_SIM_LOG_INFO, "LPAR memory was transferred.",
                        "Migration=%s Suspend=%.1f ms Rounds=%u", m->id,
                        stats.suspend_us / 1000.0, stats.round);
      bn_sim_migration_transfer_finished (t->blade, "completed", NULL, NULL);
    }
  else if (lpar != NULL && !bn_sim_move_phase_lpar_runs_on_source (stats.failed_phase))
    {
      /* suspended and not confirmed: corrupted in an LPAR migration (§3.2.3) */
      json_object_set_boolean_member (lpar, "recovery_required", TRUE);
      json_object_set_string_member (lpar, "status", "Deactivate");
      bn_sim_migration_set_record (m, lpar, "suspended");
      bn_sim_blade_log (t->blade, BN_SIM_LOG_ERROR, "LPAR migration failed while the LPAR was "
                        "suspended. The LPAR requires recovery.", "Migration=%s %s", m->id,
                        error ? error->message : "");
      bn_sim_migration_transfer_finished (t->blade, "failed", result_error_id (res),
                                          result_message (res));
    }
  else
    {
      /* the LPAR kept running on the source; a clean stop switches it back from its
       * migration WWN, a broken path leaves that to a WWN rollback (§3.2.4) */
      if (lpar != NULL && res != BN_SIM_MOVE_RESULT_CONNECTION_ERROR)
        bn_sim_migration_set_wwn_status (lpar, "normal");
      if (lpar != NULL && json_object_has_member (lpar, "migration_record"))
        json_object_remove_member (lpar, "migration_record");
      bn_sim_blade_log (t->blade, BN_SIM_LOG_WARNING, "LPAR migration was stopped. The LPAR "
                        "keeps running on this HVM.", "Migration=%s %s", m->id,
                        result_message (res));
      /* only a user's cancel is "canceled"; the intensive-write stop is a failure to
       * converge, reported as an error (§6.4.13) */
      if (m->cancel_reason != NULL)
        finish_canceled_by_blade (t, m);
      else
        bn_sim_migration_transfer_finished (t->blade,
                                            res == BN_SIM_MOVE_RESULT_TERMINATED_BY_USER
                                              ? "canceled" : "failed",
                                            result_error_id (res), result_message (res));
    }
  transfer_free (t);
}

/* How much of the LPAR's memory holds content: the workload's working set, or filled_mb.
 * Untouched pages stay unmapped, so a demo fleet of 4 GiB LPARs costs only what holds
 * content; a benchmark asks for all of it with filled_mb. */
static guint64
lpar_filled_bytes (JsonObject *lpar)
{
  guint64 size = (guint64) bn_blade_doc_get_int (lpar, "memory_mb", 16) * MIB;
  guint64 working = (guint64) bn_blade_doc_get_int (lpar, "guest.workload.working_set_mb", 64);
  guint64 filled = (guint64) bn_blade_doc_get_int (lpar, "guest.workload.filled_mb", working);

  return MIN (MAX (working, filled) * MIB, size);
}

typedef struct
{
  BnSimMemory *memory;
  BnSimFill    fill;
  guint64      bytes;
  guint        seed;
  gboolean     created;
} Fill;

static void
fill_free (Fill *f)
{
  bn_sim_memory_unref (f->memory);
  g_free (f);
}

static void
fill_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Fill *f = task_data;

  bn_sim_memory_fill (f->memory, f->fill, 0, f->bytes, f->seed);
  g_task_return_boolean (task, TRUE);
}

/* The LPAR's real memory is materialised on the first move, with its workload's content;
 * filling a GiB takes seconds, so a worker thread does it and the blade keeps answering. */
static void
lpar_memory_async (BnSimBlade          *blade,
                   JsonObject          *lpar,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (blade, NULL, callback, user_data);
  const char *content = bn_blade_doc_get_string (lpar, "guest.workload.content", "text");
  guint number = bn_blade_doc_get_int (lpar, "number", 0);
  BnSimMemory *memory = bn_sim_blade_get_lpar_memory (blade, number);
  GError *error = NULL;
  Fill *f;

  if (memory == NULL)
    memory = bn_sim_memory_new ((guint64) bn_blade_doc_get_int (lpar, "memory_mb", 16) * MIB,
                                BN_SIM_MEMORY_FLAGS_NONE, &error);
  else
    bn_sim_memory_ref (memory);
  if (memory == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  f = g_new0 (Fill, 1);
  f->memory = memory;
  f->created = bn_sim_blade_get_lpar_memory (blade, number) == NULL;
  f->fill = g_str_equal (content, "random") ? BN_SIM_FILL_RANDOM
          : g_str_equal (content, "zero") ? BN_SIM_FILL_ZERO : BN_SIM_FILL_TEXT;
  f->bytes = lpar_filled_bytes (lpar);
  f->seed = number;
  g_task_set_task_data (task, f, (GDestroyNotify) fill_free);
  if (f->created)
    g_task_run_in_thread (task, fill_thread);
  else
    g_task_return_boolean (task, TRUE);
}

static BnSimMemory *
lpar_memory_finish (BnSimBlade    *blade,
                    GAsyncResult  *result,
                    guint          number,
                    GError       **error)
{
  Fill *f = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  if (bn_sim_blade_get_lpar_memory (blade, number) == NULL)
    bn_sim_blade_set_lpar_memory (blade, number, f->memory);
  return bn_sim_memory_ref (bn_sim_blade_get_lpar_memory (blade, number));
}

/* The LPAR stopped (bn_sim_migration_cancel_for()) while the transfer was getting ready:
 * nothing moved, nothing is left on the migration WWN. */
static gboolean
transfer_canceled_early (Transfer          *t,
                         BnSimMigration    *m,
                         GSocketConnection *connection)
{
  JsonObject *lpar = bn_sim_blade_get_lpar (t->blade, t->lpar);

  if (m->cancel_reason == NULL)
    return FALSE;
  /* the destination, waiting for the mover, sees the path close */
  if (connection != NULL)
    g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  if (lpar != NULL)
    bn_sim_migration_set_wwn_status (lpar, "normal");
  finish_canceled_by_blade (t, m);
  transfer_free (t);
  return TRUE;
}

static void
transfer_dialed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Transfer *t = user_data;
  BnSimMigration *m = transfer_migration (t);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(BnSimMemory) memory = NULL;
  g_autoptr(BnSimMove) move = NULL;
  g_autoptr(BnSimWorkload) workload = NULL;
  g_autoptr(GBytes) device_state = NULL;
  g_autofree char *config = NULL;
  JsonObject *lpar;

  connection = dial_finish (t->blade, result, NULL, &error);
  if (m == NULL)
    {
      transfer_free (t);
      return;
    }
  if (transfer_canceled_early (t, m, connection))
    return;
  lpar = bn_sim_blade_get_lpar (t->blade, t->lpar);
  if (connection == NULL || lpar == NULL)
    {
      if (lpar != NULL)
        bn_sim_migration_set_wwn_status (lpar, "normal");
      bn_sim_blade_log (t->blade, BN_SIM_LOG_ERROR, "LPAR migration could not reach the "
                        "destination over the migration path.", "%s",
                        error ? error->message : "LPAR gone");
      bn_sim_migration_transfer_finished (t->blade, "failed", "mover-connection-refused",
                                          error ? error->message : "The LPAR disappeared");
      transfer_free (t);
      return;
    }

  memory = bn_sim_blade_get_lpar_memory (t->blade, t->lpar);
  if (memory == NULL)
    {
      bn_sim_migration_transfer_finished (t->blade, "failed", "mover-dst-unknown-error",
                                          "The LPAR's memory was released during the move");
      transfer_free (t);
      return;
    }
  bn_sim_memory_ref (memory);

  /* the guest keeps writing while its memory moves */
  workload = bn_sim_workload_new (memory);
  bn_sim_workload_set_rate (workload,
                            bn_blade_doc_get_double (lpar, "guest.workload.dirty_mb_per_s", 0) * 1e6);
  bn_sim_workload_set_working_set (workload, 0,
                                   MIN ((guint64) bn_blade_doc_get_int (lpar, "guest.workload.working_set_mb", 64) * MIB,
                                        bn_sim_memory_get_size (memory)));
  bn_sim_workload_set_seed (workload, t->lpar);
  bn_sim_workload_start (workload);

  move = bn_sim_move_new (memory, workload, g_socket_connection_get_socket (connection));
  bn_sim_move_set_rate_limit (move, path_rate (t->blade));
  bn_sim_move_set_max_suspend_time (move, t->max_suspend_ms);
  bn_sim_move_set_timeout (move, t->timeout_s);
  bn_sim_move_set_sample_interval (move, SAMPLE_INTERVAL);
  {
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), lpar);
    config = json_to_string (node, FALSE);
  }
  device_state = g_bytes_new (config, strlen (config));
  bn_sim_move_set_device_state (move, device_state);

  /* kept on disk for as long as the memory moves: if this blade dies meanwhile, its LPAR
   * comes back flagged for recovery, never silently restarted beside a moved copy */
  bn_sim_migration_set_wwn_status (lpar, "migration");
  bn_sim_migration_set_record (m, lpar, "transferring");
  bn_sim_blade_changed (t->blade);
  bn_sim_blade_save_now (t->blade, NULL);

  m->move = G_OBJECT (g_object_ref (move));
  m->workload = G_OBJECT (g_object_ref (workload));
  m->connection = G_OBJECT (g_steal_pointer (&connection));
  bn_sim_move_run_async (move, NULL, move_done_cb, t);
}

static void
transfer_memory_ready_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  Transfer *t = user_data;
  BnSimMigration *m = transfer_migration (t);
  JsonObject *lpar = bn_sim_blade_get_lpar (t->blade, t->lpar);
  g_autoptr(JsonObject) preamble = json_object_new ();
  g_autoptr(BnSimMemory) memory = NULL;
  g_autoptr(GError) error = NULL;

  memory = lpar_memory_finish (t->blade, result, t->lpar, &error);
  if (m == NULL)
    {
      transfer_free (t);
      return;
    }
  if (transfer_canceled_early (t, m, NULL))
    return;
  if (memory == NULL || lpar == NULL)
    {
      bn_sim_migration_transfer_finished (t->blade, "failed", "mover-dst-unknown-error",
                                          error ? error->message : "The LPAR disappeared");
      transfer_free (t);
      return;
    }
  json_object_set_string_member (preamble, "kind", "migrate");
  json_object_set_string_member (preamble, "migration", m->id);
  json_object_set_string_member (preamble, "source_hvm", bn_sim_blade_get_id (t->blade));
  json_object_set_int_member (preamble, "lpar", m->lpar);
  json_object_set_int_member (preamble, "dst_lpar", t->dst_lpar);
  json_object_set_int_member (preamble, "memory_bytes", bn_sim_memory_get_size (memory));
  json_object_set_int_member (preamble, "resident_bytes",
                              bn_sim_memory_get_resident_bytes (memory));
  dial_async (t->blade, t->peer_ip, preamble, m->cancellable, transfer_dialed_cb, t);
}

gboolean
bn_sim_link_start_transfer (BnSimBlade      *blade,
                            BnSimMigration  *m,
                            const char      *peer_ip,
                            guint            dst_lpar,
                            guint64          timeout_s,
                            guint64          max_suspend_ms,
                            GError         **error)
{
  JsonObject *lpar = bn_sim_blade_get_lpar (blade, m->lpar);
  Transfer *t;

  if (lpar == NULL)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_NOT_FOUND, "The source LPAR is not defined");
      return FALSE;
    }
  if (local_path_address (blade) == NULL)
    {
      g_propagate_error (error, no_migration_path_error (blade));
      return FALSE;
    }

  t = g_new0 (Transfer, 1);
  t->blade = g_object_ref (blade);
  t->migration = g_strdup (m->id);
  t->lpar = m->lpar;
  t->dst_lpar = dst_lpar;
  t->timeout_s = timeout_s;
  t->max_suspend_ms = max_suspend_ms;
  t->peer_ip = g_strdup (peer_ip);
  lpar_memory_async (blade, lpar, transfer_memory_ready_cb, t);
  return TRUE;
}

/* ----------------------------------------------------------------------------------------
 * Destination: listeners on the migration path and what arrives on them.
 */

typedef struct
{
  BnSimBlade        *blade;
  GSocketConnection *connection;
  BnLineChannel     *channel;
  char              *migration;
  JsonObject        *preamble;
  BnSimMemory       *memory;
} Incoming;

static void
incoming_free (Incoming *in)
{
  g_object_unref (in->blade);
  g_clear_object (&in->connection);
  g_clear_object (&in->channel);
  g_clear_pointer (&in->preamble, json_object_unref);
  g_clear_pointer (&in->memory, bn_sim_memory_unref);
  g_free (in->migration);
  g_free (in);
}

static void
answer_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Incoming *in = user_data;

  bn_line_channel_write_line_finish (BN_LINE_CHANNEL (object), result, NULL);
  incoming_free (in);
}

/* Answers and closes (the Incoming is freed once the line is out). */
static void
answer_and_close (Incoming   *in,
                  const char *line)
{
  bn_line_channel_write_line_async (in->channel, line, -1, NULL, answer_written_cb, in);
}

/* "ERR reason", as JSON with the catalogue id when the error has one (parse_refusal()). */
static void
answer_refusal_and_close (Incoming     *in,
                          const GError *error,
                          const char   *fallback)
{
  const char *id = bn_error_get_catalogue_id (error);
  g_autofree char *answer = NULL;

  if (id != NULL)
    {
      g_autoptr(JsonObject) obj = json_object_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *json = NULL;

      json_object_set_string_member (obj, "id", id);
      json_object_set_string_member (obj, "message", error->message);
      node = json_node_init_object (json_node_alloc (), obj);
      json = json_to_string (node, FALSE);
      answer = g_strdup_printf ("ERR %s", json);
    }
  else
    answer = g_strdup_printf ("ERR %s", error ? error->message : fallback);
  answer_and_close (in, answer);
}

static void
receive_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Incoming *in = user_data;
  BnSimMigration *m = bn_sim_blade_get_migration (in->blade);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) state = NULL;
  g_autoptr(JsonNode) config = NULL;
  g_autoptr(JsonObject) identity = NULL;
  BnSimMoveStats stats;
  BnSimMoveResult res;

  res = bn_sim_receive_run_finish (BN_SIM_RECEIVE (object), result, &error);
  bn_sim_receive_get_stats (BN_SIM_RECEIVE (object), &stats);
  if (m == NULL || g_strcmp0 (m->id, in->migration) != 0)
    {
      incoming_free (in);
      return;
    }
  keep_final_stats (m, &stats);

  if (res == BN_SIM_MOVE_RESULT_COMPLETED)
    {
      state = bn_sim_receive_get_device_state (BN_SIM_RECEIVE (object));
      if (state != NULL)
        {
          /* the blob is not NUL-terminated: parse exactly its bytes */
          g_autoptr(JsonParser) parser = json_parser_new ();
          gsize size;
          const char *data = g_bytes_get_data (state, &size);

          if (json_parser_load_from_data (parser, data, size, NULL) &&
              json_parser_get_root (parser) != NULL)
            config = json_node_copy (json_parser_get_root (parser));
        }
      if (config != NULL && JSON_NODE_HOLDS_OBJECT (config))
        identity = bn_sim_lpar_move_define (in->blade, json_node_get_object (config), m->lpar,
                                            "concurrent", &error);
      else
        g_set_error (&error, BN_ERROR, BN_ERROR_INVALID_DATA,
                     "The source sent no LPAR configuration");
    }

  if (identity != NULL)
    {
      BnSimMemory *memory = g_object_get_data (G_OBJECT (object), "memory");
      JsonObject *lpar = bn_sim_blade_get_lpar (in->blade, m->lpar);

      bn_sim_blade_set_lpar_memory (in->blade, m->lpar, memory);
      bn_sim_migration_set_record (m, lpar, "received");
      m->identity = g_steal_pointer (&identity);
      bn_sim_blade_log (in->blade, BN_SIM_LOG_INFO, "LPAR was received and activated.",
                        "Migration=%s LPAR#=%u", m->id, m->lpar);
      /* before anything else: a received LPAR must survive a crash of this blade */
      bn_sim_migration_transfer_finished (in->blade, "received", NULL, NULL);
    }
  else
    {
      bn_sim_blade_log (in->blade, BN_SIM_LOG_WARNING, "An incoming LPAR migration was "
                        "abandoned; nothing was defined.", "Migration=%s %s", m->id,
                        error ? error->message : result_message (res));
      /* a define the destination refused says why in the catalogue's words */
      bn_sim_migration_transfer_finished (in->blade, "failed",
                                          bn_error_get_catalogue_id (error) != NULL
                                            ? bn_error_get_catalogue_id (error)
                                            : result_error_id (res),
                                          error ? error->message : result_message (res));
    }
  incoming_free (in);
}

static void
ok_written_then_receive_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  Incoming *in = user_data;
  BnSimMigration *m = bn_sim_blade_get_migration (in->blade);
  g_autoptr(GError) error = NULL;
  g_autoptr(BnSimReceive) receive = NULL;

  if (!bn_line_channel_write_line_finish (BN_LINE_CHANNEL (object), result, &error) || m == NULL)
    {
      incoming_free (in);
      return;
    }
  receive = bn_sim_receive_new (in->memory, g_socket_connection_get_socket (in->connection));
  bn_sim_receive_set_prefault (receive, FALSE);
  bn_sim_receive_set_sample_interval (receive, SAMPLE_INTERVAL);
  g_object_set_data_full (G_OBJECT (receive), "memory", bn_sim_memory_ref (in->memory),
                          (GDestroyNotify) bn_sim_memory_unref);
  g_clear_object (&m->move);
  m->move = G_OBJECT (g_object_ref (receive));
  m->connection = G_OBJECT (g_object_ref (in->connection));
  bn_sim_migration_transfer_finished (in->blade, "receiving", NULL, NULL);
  bn_sim_receive_run_async (receive, NULL, receive_done_cb, in);
}

/* Completes a worker's TASK: with ERROR (taken) when set, else TRUE. */
static void
task_return_outcome (GTask  *task,
                     GError *error)
{
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Pre-faulting touches every page (11-21 µs each here), so it runs off the main loop. */
static void
prefault_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GError *error = NULL;

  bn_sim_memory_prefault (task_data, &error);
  task_return_outcome (task, error);
}

static void
refuse_for_memory (Incoming     *in,
                   const GError *error)
{
  g_autofree char *answer = g_strdup_printf ("ERR the destination cannot hold the LPAR's "
                                             "memory: %s", error->message);

  bn_sim_migration_transfer_finished (in->blade, "failed", "mover-dst-unknown-error",
                                      error->message);
  answer_and_close (in, answer);
}

static void
memory_reserved_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Incoming *in = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      refuse_for_memory (in, error);
      return;
    }
  bn_line_channel_write_line_async (in->channel, "OK", -1, NULL, ok_written_then_receive_cb, in);
}

/* Like a hypervisor reserving the LPAR's memory before it accepts a migration, the
 * destination allocates it before answering OK, so the first touches of the pages are not
 * counted in the move.  Only when most of the memory will arrive: pre-faulting a mostly
 * empty LPAR would make it resident for nothing. */
static void
reserve_memory_then_accept (Incoming *in)
{
  guint64 bytes = bn_blade_doc_get_int (in->preamble, "memory_bytes", 0);
  guint64 resident = bn_blade_doc_get_int (in->preamble, "resident_bytes", bytes);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  in->memory = bn_sim_memory_new (bytes, BN_SIM_MEMORY_FLAGS_NONE, &error);
  if (in->memory == NULL)
    {
      refuse_for_memory (in, error);
      return;
    }
  task = g_task_new (in->blade, NULL, memory_reserved_cb, in);
  g_task_set_task_data (task, bn_sim_memory_ref (in->memory), (GDestroyNotify) bn_sim_memory_unref);
  if (resident * 2 > bytes)
    g_task_run_in_thread (task, prefault_thread);
  else
    g_task_return_boolean (task, TRUE);
}

static void handle_connectivity (Incoming *in);

static void
preamble_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Incoming *in = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *line = NULL;
  const char *kind;
  BnSimMigration *m;

  line = bn_line_channel_read_line_finish (in->channel, result, NULL, &error);
  if (line == NULL || !g_str_has_prefix (line, BN_SIM_LINK_BANNER " ") ||
      (node = json_from_string (line + strlen (BN_SIM_LINK_BANNER " "), NULL)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (node))
    {
      if (line != NULL)
        answer_and_close (in, "ERR malformed migration-path preamble");
      else
        incoming_free (in);
      return;
    }
  in->preamble = json_object_ref (json_node_get_object (node));
  kind = bn_blade_doc_get_string (in->preamble, "kind", "");
  m = bn_sim_blade_get_migration (in->blade);

  if (g_str_equal (kind, "migrate"))
    {
      const char *id = bn_blade_doc_get_string (in->preamble, "migration", "");

      if (m == NULL || g_strcmp0 (m->id, id) != 0 || g_strcmp0 (m->role, "destination") != 0 ||
          g_strcmp0 (m->state, "prepared") != 0 ||
          bn_blade_doc_get_int (in->preamble, "dst_lpar", 0) != m->lpar)
        {
          answer_and_close (in, "ERR this HVM expects no such migration");
          return;
        }
      in->migration = g_strdup (id);
      reserve_memory_then_accept (in);
      return;
    }
  if (g_str_equal (kind, "rehearsal"))
    {
      JsonObject *config = bn_blade_doc_get_object (in->preamble, "config");
      guint number = bn_blade_doc_get_int (in->preamble, "dst_lpar", 0);

      if (config == NULL || !bn_sim_lpar_move_check (in->blade, config, number, "concurrent", &error))
        {
          answer_refusal_and_close (in, error, "no configuration");
          return;
        }
      bn_sim_blade_log (in->blade, BN_SIM_LOG_INFO, "LPAR migration rehearsal: the LPAR can "
                        "be defined.", "LPAR#=%u Name=%s", number,
                        bn_blade_doc_get_string (config, "name", ""));
      answer_and_close (in, "OK");
      return;
    }
  if (g_str_equal (kind, "connectivity"))
    {
      handle_connectivity (in);
      return;
    }
  answer_and_close (in, "ERR unknown kind");
}

static gboolean
link_incoming_cb (GSocketService    *service,
                  GSocketConnection *connection,
                  GObject           *source,
                  gpointer           user_data)
{
  Incoming *in = g_new0 (Incoming, 1);

  in->blade = g_object_ref (user_data);
  in->connection = g_object_ref (connection);
  in->channel = bn_line_channel_new (G_IO_STREAM (connection), MAX_PREAMBLE);
  bn_line_channel_read_line_async (in->channel, NULL, preamble_cb, in);
  return TRUE;
}

static void
close_service (gpointer data)
{
  GSocketService *service = data;

  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
  g_object_unref (service);
}

static GHashTable *
new_services (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, close_service);
}

static GSocketService *
listen_on (BnSimBlade  *blade,
           const char  *ip,
           GError     **error)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (ip);
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketService) service = NULL;

  if (inet == NULL)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT, "“%s” is not an IP address", ip);
      return NULL;
    }
  address = g_inet_socket_address_new (inet, BN_SIM_MOVER_PORT);
  service = g_socket_service_new ();
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_TCP, NULL, NULL, error))
    {
      g_prefix_error (error, "HVM %s cannot listen on its migration path %s:%d: ",
                      bn_sim_blade_get_id (blade), ip, BN_SIM_MOVER_PORT);
      g_socket_listener_close (G_SOCKET_LISTENER (service));
      return NULL;
    }
  g_signal_connect_object (service, "incoming", G_CALLBACK (link_incoming_cb), blade, 0);
  g_socket_service_start (service);
  return g_steal_pointer (&service);
}

/* Listens on the migration path addresses of PATHS (migration_path objects), all or
 * nothing: the addresses the blade already listens on keep their listener, the new ones
 * are bound first, and only when every one of them could be are the listeners of the
 * addresses that go away closed.  On failure the blade listens exactly as before. */
gboolean
bn_sim_migration_set_links (BnSimBlade  *blade,
                            JsonArray   *paths,
                            GError     **error)
{
  GHashTable *old = g_object_get_data (G_OBJECT (blade), LINKS_KEY);
  g_autoptr(GHashTable) started = new_services ();
  GHashTable *links = new_services ();

  for (guint i = 0; paths && i < json_array_get_length (paths); i++)
    {
      const char *ip = bn_blade_doc_get_string (json_array_get_object_element (paths, i), "ip",
                                                NULL);
      GSocketService *service;

      if (ip == NULL || g_hash_table_contains (started, ip) ||
          (old != NULL && g_hash_table_contains (old, ip)))
        continue;
      service = listen_on (blade, ip, error);
      if (service == NULL)
        {
          g_hash_table_unref (links);
          return FALSE;
        }
      g_hash_table_insert (started, g_strdup (ip), service);
    }

  for (guint i = 0; paths && i < json_array_get_length (paths); i++)
    {
      const char *ip = bn_blade_doc_get_string (json_array_get_object_element (paths, i), "ip",
                                                NULL);
      gpointer key, service;

      if (ip != NULL && (g_hash_table_steal_extended (started, ip, &key, &service) ||
                         (old != NULL && g_hash_table_steal_extended (old, ip, &key, &service))))
        g_hash_table_insert (links, key, service);
    }
  /* closes the listeners of the addresses no longer in use */
  g_object_set_data_full (G_OBJECT (blade), LINKS_KEY, links, (GDestroyNotify) g_hash_table_unref);
  return TRUE;
}

gboolean
bn_sim_migration_start_links (BnSimBlade  *blade,
                              GError     **error)
{
  return bn_sim_migration_set_links (blade, bn_blade_doc_get_array (bn_sim_blade_get_doc (blade),
                                                                    "migration_paths"),
                                     error);
}

void
bn_sim_migration_stop_links (BnSimBlade *blade)
{
  g_object_set_data (G_OBJECT (blade), LINKS_KEY, NULL);
}

/* ----------------------------------------------------------------------------------------
 * Connectivity test (§4.3.2): real traffic both ways over the migration path.
 *   source → destination: 8-byte length L, L bytes; destination → source: L bytes;
 *   then PINGS one-byte exchanges for the round trip.
 */

#define PINGS 10
#define CHUNK (256 * 1024)

static gboolean
io_all (GSocket  *socket,
        gboolean  sending,
        guint8   *buffer,
        gsize     length,
        GError  **error)
{
  gsize done = 0;

  while (done < length)
    {
      gssize n = sending ? g_socket_send (socket, (const char *) buffer + done, length - done, NULL, error)
                         : g_socket_receive (socket, (char *) buffer + done, length - done, NULL, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        {
          g_set_error (error, BN_ERROR, BN_ERROR_UNREACHABLE, "The migration path closed");
          return FALSE;
        }
      done += n;
    }
  return TRUE;
}

/* Sends or receives LENGTH bytes in chunks, keeping to RATE bytes/s when set. */
static gboolean
stream_bytes (GSocket  *socket,
              gboolean  sending,
              guint64   length,
              guint64   rate,
              GError  **error)
{
  g_autofree guint8 *chunk = g_malloc0 (CHUNK);
  gint64 start = g_get_monotonic_time ();
  guint64 done = 0;

  while (done < length)
    {
      gsize n = MIN (CHUNK, length - done);

      if (!io_all (socket, sending, chunk, n, error))
        return FALSE;
      done += n;
      /* reading slower makes the peer send slower: TCP flow control carries the pace */
      if (rate > 0)
        {
          gint64 due = start + (gint64) (done * 1e6 / rate);
          gint64 now = g_get_monotonic_time ();

          if (due > now)
            g_usleep (due - now);
        }
    }
  return TRUE;
}

/* PINGS one-byte round trips; the source (FIRST) speaks first, the destination echoes. */
static gboolean
ping_pong (GSocket  *socket,
           gboolean  first,
           GError  **error)
{
  guint8 ping = 0x42;

  for (guint i = 0; i < PINGS; i++)
    if (!io_all (socket, first, &ping, 1, error) || !io_all (socket, !first, &ping, 1, error))
      return FALSE;
  return TRUE;
}

static void
connectivity_echo_thread (GTask        *task,
                          gpointer      source,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  Incoming *in = task_data;
  GSocket *socket = g_socket_connection_get_socket (in->connection);
  GError *error = NULL;
  guint8 header[8];
  guint64 length;

  g_socket_set_blocking (socket, TRUE);
  g_socket_set_timeout (socket, 30);
  if (!io_all (socket, FALSE, header, sizeof header, &error))
    goto out;
  length = GUINT64_FROM_BE (*(guint64 *) header);
  if (length > G_GUINT64_CONSTANT (1) << 32)
    {
      g_set_error (&error, BN_ERROR, BN_ERROR_INVALID_DATA, "connectivity test too large");
      goto out;
    }
  if (!stream_bytes (socket, FALSE, length, 0, &error) ||
      !stream_bytes (socket, TRUE, length, 0, &error))
    goto out;
  ping_pong (socket, FALSE, &error);
out:
  task_return_outcome (task, error);
}

static void
connectivity_echo_done (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  GTask *task = G_TASK (result);
  Incoming *in = g_task_get_task_data (task);

  if (!g_task_propagate_boolean (task, &error))
    g_debug ("connectivity test (destination side): %s", error->message);
  else
    bn_sim_blade_log (in->blade, BN_SIM_LOG_INFO, "Connectivity test over the migration path "
                      "was answered.", "Source=%s",
                      bn_blade_doc_get_string (in->preamble, "source_hvm", "?"));
}

static void
connectivity_ok_written_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  Incoming *in = user_data;
  g_autoptr(GTask) task = NULL;

  if (!bn_line_channel_write_line_finish (BN_LINE_CHANNEL (object), result, NULL))
    {
      incoming_free (in);
      return;
    }
  task = g_task_new (NULL, NULL, connectivity_echo_done, NULL);
  g_task_set_task_data (task, in, (GDestroyNotify) incoming_free);
  g_task_run_in_thread (task, connectivity_echo_thread);
}

static void
handle_connectivity (Incoming *in)
{
  bn_line_channel_write_line_async (in->channel, "OK", -1, NULL, connectivity_ok_written_cb, in);
}

typedef struct
{
  GSocketConnection *connection;
  guint64            length;
  guint64            rate;
  double             out_s, in_s, rtt_us;
} Probe;

static void
probe_free (Probe *p)
{
  g_clear_object (&p->connection);
  g_free (p);
}

static void
connectivity_probe_thread (GTask        *task,
                           gpointer      source,
                           gpointer      task_data,
                           GCancellable *cancellable)
{
  Probe *p = task_data;
  GSocket *socket = g_socket_connection_get_socket (p->connection);
  GError *error = NULL;
  guint64 header = GUINT64_TO_BE (p->length);
  gint64 t0, t1, t2;

  g_socket_set_blocking (socket, TRUE);
  g_socket_set_timeout (socket, 30);
  t0 = g_get_monotonic_time ();
  if (!io_all (socket, TRUE, (guint8 *) &header, sizeof header, &error) ||
      !stream_bytes (socket, TRUE, p->length, p->rate, &error))
    goto out;
  t1 = g_get_monotonic_time ();
  /* the path keeps to the blade's rate both ways */
  if (!stream_bytes (socket, FALSE, p->length, p->rate, &error))
    goto out;
  t2 = g_get_monotonic_time ();
  p->out_s = (t1 - t0) / 1e6;
  p->in_s = (t2 - t1) / 1e6;
  {
    int one = 1;
    g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, one, NULL);
  }
  t0 = g_get_monotonic_time ();
  if (!ping_pong (socket, TRUE, &error))
    goto out;
  p->rtt_us = (g_get_monotonic_time () - t0) / (double) PINGS;
out:
  task_return_outcome (task, error);
}

static void
connectivity_probe_done (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) reply_task = user_data;
  BnSimBlade *blade = g_task_get_source_object (reply_task);
  GTask *task = G_TASK (result);
  Probe *p = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  JsonObject *obj;

  bn_sim_blade_end (blade, BN_SIM_BUSY_OPERATION);
  if (!g_task_propagate_boolean (task, &error))
    {
      bn_sim_task_return_reply (reply_task, bn_sim_reply_new_error (BN_RC_FAILED,
                                                                    "mover-connection-refused",
                                                                    "Connectivity test failed: %s",
                                                                    error->message));
      return;
    }
  obj = json_object_new ();
  json_object_set_int_member (obj, "bytes", p->length);
  json_object_set_double_member (obj, "send_mbps", p->length * 8 / 1e6 / MAX (p->out_s, 1e-6));
  json_object_set_double_member (obj, "receive_mbps", p->length * 8 / 1e6 / MAX (p->in_s, 1e-6));
  json_object_set_double_member (obj, "round_trip_us", p->rtt_us);
  bn_sim_blade_log (blade, BN_SIM_LOG_INFO, "Connectivity test over the migration path "
                    "succeeded.", "Send=%.0f Mbps Receive=%.0f Mbps RTT=%.0f us",
                    json_object_get_double_member (obj, "send_mbps"),
                    json_object_get_double_member (obj, "receive_mbps"), p->rtt_us);
  bn_sim_task_return_reply (reply_task, bn_sim_reply_new_ok (json_node_init_object (json_node_alloc (), obj)));
  json_object_unref (obj);
}

static void
connectivity_dialed_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) reply_task = user_data;
  BnSimBlade *blade = BN_SIM_BLADE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) probe_task = NULL;
  Probe *p = g_task_get_task_data (reply_task);
  Probe *copy;
  GSocketConnection *connection = dial_finish (blade, result, NULL, &error);

  if (connection == NULL)
    {
      bn_sim_blade_end (blade, BN_SIM_BUSY_OPERATION);
      bn_sim_task_return_reply (reply_task, bn_sim_reply_new_error (BN_RC_FAILED,
                                                                    "mover-connection-refused",
                                                                    "%s", error->message));
      return;
    }
  copy = g_new0 (Probe, 1);
  copy->connection = connection;
  copy->length = p->length;
  copy->rate = p->rate;
  probe_task = g_task_new (NULL, NULL, connectivity_probe_done, g_steal_pointer (&reply_task));
  g_task_set_task_data (probe_task, copy, (GDestroyNotify) probe_free);
  g_task_run_in_thread (probe_task, connectivity_probe_thread);
}

/* operate ConnectivityTest peer_ip=IP [megabytes=N] */
static void
cmd_connectivity_test (BnSimBlade *blade,
                       BnRequest  *request,
                       GTask      *task)
{
  const char *peer_ip = bn_request_get (request, "peer_ip");
  g_autoptr(JsonObject) preamble = json_object_new ();
  g_autoptr(GError) error = NULL;
  guint64 megabytes = 16;
  BnSimReply *busy;
  Probe *p;

  if (peer_ip == NULL || !g_hostname_is_ip_address (peer_ip) ||
      (bn_request_get (request, "megabytes") &&
       !bn_request_get_uint (request, "megabytes", 1, 4096, &megabytes, &error)))
    {
      bn_sim_task_return_reply (task, bn_sim_reply_new_error (BN_RC_BAD_ARGUMENT, NULL,
                                                              "ConnectivityTest needs "
                                                              "peer_ip=ADDRESS [megabytes=N]"));
      return;
    }
  busy = bn_sim_blade_begin (blade, BN_SIM_BUSY_OPERATION, "connectivity-test");
  if (busy != NULL)
    {
      bn_sim_task_return_reply (task, busy);
      return;
    }
  p = g_new0 (Probe, 1);
  p->length = megabytes * 1000 * 1000;
  p->rate = path_rate (blade);
  g_task_set_task_data (task, p, (GDestroyNotify) probe_free);
  json_object_set_string_member (preamble, "kind", "connectivity");
  json_object_set_string_member (preamble, "source_hvm", bn_sim_blade_get_id (blade));
  dial_async (blade, peer_ip, preamble, NULL, connectivity_dialed_cb, g_object_ref (task));
}

/* operate MigrationRehearsal lpar=N peer_ip=IP dst_lpar=M (§4.3.1): the destination
 * proves it can define the LPAR; no memory moves. */
static void
rehearsal_dialed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BnSimBlade *blade = BN_SIM_BLADE (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnection) connection = dial_finish (blade, result, NULL, &error);

  bn_sim_blade_end (blade, BN_SIM_BUSY_OPERATION);
  if (connection == NULL)
    {
      bn_sim_task_return_reply (task, bn_sim_reply_new_error (BN_RC_FAILED,
                                                              bn_error_get_catalogue_id (error),
                                                              "Rehearsal failed: %s",
                                                              error->message));
      return;
    }
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  bn_sim_blade_log (blade, BN_SIM_LOG_INFO, "LPAR migration rehearsal succeeded.", "LPAR#=%s",
                    (const char *) g_task_get_task_data (task));
  bn_sim_task_return_reply (task, bn_sim_reply_new_ok (NULL));
}

static void
cmd_migration_rehearsal (BnSimBlade *blade,
                         BnRequest  *request,
                         GTask      *task)
{
  JsonObject *lpar = bn_sim_require_lpar (blade, request, task);
  const char *peer_ip = bn_request_get (request, "peer_ip");
  g_autoptr(JsonObject) preamble = json_object_new ();
  g_autoptr(GError) error = NULL;
  guint64 dst_lpar;
  BnSimReply *busy;

  if (lpar == NULL)
    return;
  if (peer_ip == NULL || !g_hostname_is_ip_address (peer_ip) ||
      !bn_request_get_uint (request, "dst_lpar", 1, 60, &dst_lpar, &error))
    {
      bn_sim_task_return_reply (task, bn_sim_reply_new_error (BN_RC_BAD_ARGUMENT, NULL,
                                                              "MigrationRehearsal needs lpar=N "
                                                              "peer_ip=ADDRESS dst_lpar=M"));
      return;
    }
  /* locks.json: "lpar-migrate" covers rehearsals */
  busy = bn_sim_locks_check (blade, "lpar-migrate", bn_blade_doc_get_int (lpar, "number", 0), "bsm",
                             NULL);
  if (busy == NULL)
    busy = bn_sim_blade_begin (blade, BN_SIM_BUSY_OPERATION, "rehearsal");
  if (busy != NULL)
    {
      bn_sim_task_return_reply (task, busy);
      return;
    }
  g_task_set_task_data (task, g_strdup (bn_request_get (request, "lpar")), g_free);
  json_object_set_string_member (preamble, "kind", "rehearsal");
  json_object_set_string_member (preamble, "source_hvm", bn_sim_blade_get_id (blade));
  json_object_set_int_member (preamble, "dst_lpar", dst_lpar);
  json_object_set_object_member (preamble, "config", json_object_ref (lpar));
  dial_async (blade, peer_ip, preamble, NULL, rehearsal_dialed_cb, g_object_ref (task));
}

const BnSimCommand bn_sim_link_commands[] = {
  { BN_VERB_OPERATE, "MigrationRehearsal", cmd_migration_rehearsal,
    "prove the destination can define the LPAR lpar=N peer_ip= dst_lpar=" },
  { BN_VERB_OPERATE, "ConnectivityTest", cmd_connectivity_test,
    "traffic both ways over the migration path peer_ip= [megabytes=]" },
  { 0, NULL, NULL, NULL }
};
