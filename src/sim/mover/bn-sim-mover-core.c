/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-sim-mover"

#include "config.h"

#include <time.h>

#include "bn-sim-hash-private.h"
#include "bn-sim-memory-private.h"
#include "bn-sim-mover-core-private.h"

void
bn_sim_mover_core_init (BnSimMoverCore *core)
{
  g_mutex_init (&core->mutex);
  core->cancel = g_cancellable_new ();
  core->sample_interval_ms = BN_SIM_MOVE_DEFAULT_SAMPLE_INTERVAL_MS;
  core->io_timeout_ms = BN_SIM_MOVE_DEFAULT_IO_TIMEOUT_MS;
  core->stats.expected_suspend_us = -1;
  core->stats.suspend_us = -1;
}

void
bn_sim_mover_core_dispose (BnSimMoverCore *core)
{
  if (core->user_cancellable != NULL)
    {
      g_cancellable_disconnect (core->user_cancellable, core->user_cancel_id);
      core->user_cancel_id = 0;
      g_clear_object (&core->user_cancellable);
    }
}

void
bn_sim_mover_core_finalize (BnSimMoverCore *core)
{
  g_clear_object (&core->socket);
  g_clear_object (&core->cancel);
  g_clear_pointer (&core->context, g_main_context_unref);
  g_mutex_clear (&core->mutex);
}

/* Before the suspend only: from then on the LPAR is past the point of staying put. */
gboolean
bn_sim_mover_core_cancel (BnSimMoverCore *core)
{
  gboolean ok;

  g_mutex_lock (&core->mutex);
  ok = core->stats.phase < BN_SIM_MOVE_PHASE_STOP_AND_COPY;
  if (ok)
    core->cancel_requested = TRUE;
  g_mutex_unlock (&core->mutex);
  if (ok)
    g_cancellable_cancel (core->cancel);
  return ok;
}

void
bn_sim_mover_core_get_stats (BnSimMoverCore *core,
                             BnSimMoveStats *stats)
{
  g_mutex_lock (&core->mutex);
  *stats = core->stats;
  if (core->stats.phase > BN_SIM_MOVE_PHASE_IDLE && core->stats.phase < BN_SIM_MOVE_PHASE_DONE)
    stats->elapsed_us = g_get_monotonic_time () - stats->elapsed_us;
  g_mutex_unlock (&core->mutex);
}

/*
 * Enters the stop-and-copy unless a cancel came first: deciding both under the lock is
 * what makes a cancel either win outright or be refused.
 */
gboolean
bn_sim_mover_core_begin_suspend (BnSimMoverCore  *core,
                                 GError         **error)
{
  gboolean cancel_won;

  g_mutex_lock (&core->mutex);
  cancel_won = core->cancel_requested;
  if (!cancel_won)
    core->stats.phase = BN_SIM_MOVE_PHASE_STOP_AND_COPY;
  g_mutex_unlock (&core->mutex);
  if (cancel_won)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Canceled");
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  GObject        *instance;
  guint           signal_id;
  BnSimMoveStats  stats;
} SampleData;

static void
sample_data_free (gpointer data)
{
  SampleData *sd = data;

  g_object_unref (sd->instance);
  g_free (sd);
}

static gboolean
emit_sample_cb (gpointer data)
{
  SampleData *sd = data;

  g_signal_emit (sd->instance, sd->signal_id, 0, &sd->stats);
  return G_SOURCE_REMOVE;
}

/* Emits @signal_id with a stats snapshot in the caller's context (from the worker). */
void
bn_sim_mover_core_emit_sample (BnSimMoverCore *core,
                               gpointer        instance,
                               guint           signal_id)
{
  SampleData *sd = g_new0 (SampleData, 1);

  sd->instance = g_object_ref (instance);
  sd->signal_id = signal_id;
  bn_sim_mover_core_get_stats (core, &sd->stats);
  g_main_context_invoke_full (core->context, G_PRIORITY_DEFAULT, emit_sample_cb, sd,
                              sample_data_free);
}

static void
on_user_cancelled (GCancellable *cancellable,
                   gpointer      user_data)
{
  bn_sim_mover_core_cancel (user_data);
}

/* Starts @thread_func with a GTask on @instance; the core's signals go to this context. */
void
bn_sim_mover_core_run_async (BnSimMoverCore      *core,
                             gpointer             instance,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data,
                             gpointer             source_tag,
                             const char          *thread_name,
                             GThreadFunc          thread_func)
{
  GTask *task;

  core->started = TRUE;
  core->context = g_main_context_ref_thread_default ();
  task = g_task_new (instance, NULL, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  if (cancellable != NULL)
    {
      core->user_cancellable = g_object_ref (cancellable);
      core->user_cancel_id = g_cancellable_connect (cancellable,
                                                    G_CALLBACK (on_user_cancelled),
                                                    core, NULL);
    }
  g_mutex_lock (&core->mutex);
  core->stats.phase = BN_SIM_MOVE_PHASE_HANDSHAKE;
  core->stats.elapsed_us = g_get_monotonic_time ();
  g_mutex_unlock (&core->mutex);
  g_thread_unref (g_thread_new (thread_name, thread_func, task));
}

BnSimMoveResult
bn_sim_mover_core_run_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_autoptr(GError) local = NULL;
  gssize r;

  r = g_task_propagate_int (G_TASK (result), &local);
  if (local != NULL)
    {
      BnSimMoveResult res = local->domain == BN_SIM_MOVE_ERROR
                            ? (BnSimMoveResult) local->code
                            : BN_SIM_MOVE_RESULT_CONNECTION_ERROR;

      g_propagate_error (error, g_steal_pointer (&local));
      return res;
    }
  return (BnSimMoveResult) r;
}

void
bn_sim_mover_core_open_conn (BnSimMoverCore *core,
                             BnSimConn      *conn,
                             gsize           read_buffer)
{
  bn_sim_conn_init (conn, g_socket_get_fd (core->socket), core->cancel, read_buffer);
  conn->io_timeout_us = (gint64) core->io_timeout_ms * 1000;
}

/* The worker's last words: close the path gracefully, then record how the run ended. */
void
bn_sim_mover_core_end (BnSimMoverCore  *core,
                       BnSimConn       *conn,
                       BnSimMoveResult  result,
                       BnSimMovePhase   failed_phase)
{
  /* Half-close and read to EOF before closing: closing with unread input would send a
   * reset that can destroy our last record (an abort) before the peer reads it. */
  bn_sim_conn_ignore_cancel (conn);
  conn->tick = NULL;
  bn_sim_conn_linger (conn, 500 * 1000);
  g_socket_close (core->socket, NULL);

  g_mutex_lock (&core->mutex);
  core->stats.result = result;
  core->stats.failed_phase = failed_phase;
  g_mutex_unlock (&core->mutex);
}

/* Releases @conn and ends the worker thread's @task with @result or @error (transfer full). */
void
bn_sim_mover_core_return (GTask           *task,
                          const char      *side,
                          BnSimConn       *conn,
                          gint64           t_start,
                          BnSimMoveResult  result,
                          GError          *error)
{
  struct timespec ts;

  bn_sim_conn_clear (conn);
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  g_debug ("%s thread: %.3f s CPU, %.3f s wall", side, ts.tv_sec + ts.tv_nsec / 1e9,
           (g_get_monotonic_time () - t_start) / 1e6);
  if (error != NULL)
    {
      g_debug ("%s ended: %s", side, error->message);
      g_task_return_error (task, error);
    }
  else
    {
      g_task_return_int (task, result);
    }
  g_object_unref (task);
}

gboolean
bn_sim_mover_protocol_error (GError     **error,
                             const char  *format,
                             ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, BN_SIM_MOVE_ERROR, BN_SIM_MOVE_ERROR_PROTOCOL, msg);
  return FALSE;
}

BnSimMoveResult
bn_sim_mover_classify_error (const GError *error)
{
  if (error->domain == BN_SIM_MOVE_ERROR)
    return (BnSimMoveResult) error->code;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return BN_SIM_MOVE_RESULT_TERMINATED_BY_USER;
  return BN_SIM_MOVE_RESULT_CONNECTION_ERROR;
}

/*
 * Callers see only BN_SIM_MOVE_ERROR: a local cancel becomes "Terminated by user", any
 * other foreign error a connection error naming where the move was.
 */
void
bn_sim_mover_normalize_error (GError         **error,
                              BnSimMovePhase   phase,
                              guint            round)
{
  GError *local = *error;

  if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (error);
      g_set_error_literal (error, BN_SIM_MOVE_ERROR, BN_SIM_MOVE_ERROR_TERMINATED_BY_USER,
                           "Terminated by user");
    }
  else if (local->domain != BN_SIM_MOVE_ERROR)
    {
      *error = g_error_new (BN_SIM_MOVE_ERROR, BN_SIM_MOVE_ERROR_CONNECTION,
                            "Migration path failed during %s (round %u): %s",
                            bn_sim_move_phase_to_string (phase), round, local->message);
      g_error_free (local);
    }
}

/* The checksum at suspend: the whole memory, or (cheap) the page hashes kept meanwhile. */
guint64
bn_sim_mover_checksum (BnSimMemory   *memory,
                       const guint64 *page_hash,
                       guint64        n_pages,
                       gboolean       full_verify)
{
  BnSimHashCombine comb;

  if (full_verify)
    return bn_sim_memory_checksum (memory);
  bn_sim_hash_combine_init (&comb, n_pages);
  bn_sim_hash_combine_add_array (&comb, page_hash, n_pages);
  return bn_sim_hash_combine_finish (&comb);
}
