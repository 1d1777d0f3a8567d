/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-sim-mover"

#include "config.h"

#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include "bn-sim-hash-private.h"
#include "bn-sim-memory-private.h"
#include "bn-sim-move.h"
#include "bn-sim-mover-core-private.h"

/*
 * The sending LPAR Mover: pre-copy over one TCP connection, in its own thread.
 *
 * Round 0 sends every page, later rounds the pages dirtied meanwhile; each page's dirty bit
 * is cleared before the page is read. Pages are hashed where they are and go out, up to
 * 64 of them (256 KiB), with one sendmsg whose iovecs point into the LPAR's memory,
 * together with the small records (zero runs, round markers) gathered since the last
 * batch: the kernel's copy is the only one. A page the guest writes between its hash and
 * that copy is already dirty again (the workload writes, then marks), so a later round,
 * at the latest the one inside the suspend, sends it again with a hash that matches. The destination reports how much it
 * has consumed every 50 ms; that, not what the kernel accepted, is the transfer rate.
 *
 * The per-page hashes of what was sent are kept, so the checksum at suspend costs a hash
 * over 8 bytes per page instead of reading the whole memory inside the suspend.
 */

#define BATCH_PAGES 64
#define SMALL_CAP (64 * BN_SIM_WIRE_RECORD_SIZE)
#define RATE_RING 64
#define RECENT_SPAN_US (300 * 1000)
#define PUBLISH_INTERVAL_US (10 * 1000)
#define IDLE_ROUND_WAIT_US (10 * 1000)
#define CANCEL_GRACE_US G_USEC_PER_SEC

struct _BnSimMove
{
  GObject          parent_instance;

  BnSimMoverCore   core;
  BnSimMemory     *memory;
  BnSimWorkload   *workload;
  GBytes          *device_state;

  guint64          rate_limit;        /* atomic */
  guint            max_suspend_ms;
  gboolean         full_verify;

  /* Under core.mutex. */
  gint64           timeout_us;
};

G_DEFINE_FINAL_TYPE (BnSimMove, bn_sim_move, G_TYPE_OBJECT)

enum {
  SAMPLE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  gint64  t;
  guint64 bytes;
} RateSample;

typedef struct
{
  BnSimMove       *self;
  BnSimConn        conn;
  guint64          n_pages;
  guint64          n_words;
  guint64         *page_hash;
  struct iovec     pages[BATCH_PAGES];   /* runs of adjacent pages of the LPAR's memory */
  guint            n_runs;
  guint8           head[BN_SIM_WIRE_RECORD_SIZE + 8 * BATCH_PAGES];
  guint            n_batch;
  guint8           small[SMALL_CAP];
  gsize            n_small;
  guint64          zr_start;
  guint64          zr_count;
  gboolean         stream_broken;
  guint64          n_writes;

  BnSimMovePhase   phase;
  guint            round;
  guint64          pages_sent;
  guint64          zero_pages;
  gint64           t_start;
  gint64           t_precopy;
  gint64           t_suspend;
  gint64           suspend_us;
  guint64          checksum;
  gboolean         checksum_valid;
  gboolean         suspended;

  guint64          confirmed;
  RateSample       ring[RATE_RING];
  guint            ring_len;
  guint            ring_head;
  guint64          estimated_rate;
  gint64           expected_us;

  gint64           last_publish;
  gint64           next_sample;
  gint64           last_sample_t;
  guint64          last_sample_confirmed;
  guint64          last_sample_dirty;
  guint64          transfer_rate;
  guint64          dirty_rate;

  gboolean         got_ack;
  guint32          ack_status;
  guint64          ack_checksum;
} SendCtx;

static void
bn_sim_move_dispose (GObject *object)
{
  BnSimMove *self = (BnSimMove *) object;

  bn_sim_mover_core_dispose (&self->core);

  G_OBJECT_CLASS (bn_sim_move_parent_class)->dispose (object);
}

static void
bn_sim_move_finalize (GObject *object)
{
  BnSimMove *self = (BnSimMove *) object;

  g_clear_pointer (&self->memory, bn_sim_memory_unref);
  g_clear_object (&self->workload);
  g_clear_pointer (&self->device_state, g_bytes_unref);
  bn_sim_mover_core_finalize (&self->core);

  G_OBJECT_CLASS (bn_sim_move_parent_class)->finalize (object);
}

static void
bn_sim_move_class_init (BnSimMoveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bn_sim_move_dispose;
  object_class->finalize = bn_sim_move_finalize;

  /**
   * BnSimMove::sample:
   * @stats: (type BnSimMoveStats): a snapshot
   *
   * Emitted in the main context that called bn_sim_move_run_async(), every sample
   * interval while the move runs and once at the end.
   */
  signals[SAMPLE] =
    g_signal_new ("sample", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1,
                  BN_SIM_TYPE_MOVE_STATS | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
bn_sim_move_init (BnSimMove *self)
{
  bn_sim_mover_core_init (&self->core);
  self->max_suspend_ms = BN_SIM_MOVE_DEFAULT_MAX_SUSPEND_MS;
  self->timeout_us = (gint64) BN_SIM_MOVE_DEFAULT_TIMEOUT_S * G_USEC_PER_SEC;
  self->core.stats.timeout_us = self->timeout_us;
}

/**
 * bn_sim_move_new:
 * @memory: the source LPAR's memory
 * @workload: (nullable): its guest workload, paused at suspend
 * @socket: a connected stream socket on the migration path; the move closes it at the end
 *
 * Returns: (transfer full): a move, not started
 */
BnSimMove *
bn_sim_move_new (BnSimMemory   *memory,
                 BnSimWorkload *workload,
                 GSocket       *socket)
{
  BnSimMove *self;

  g_return_val_if_fail (memory != NULL, NULL);
  g_return_val_if_fail (workload == NULL || BN_SIM_IS_WORKLOAD (workload), NULL);
  g_return_val_if_fail (G_IS_SOCKET (socket), NULL);

  self = g_object_new (BN_SIM_TYPE_MOVE, NULL);
  self->memory = bn_sim_memory_ref (memory);
  self->workload = workload ? g_object_ref (workload) : NULL;
  self->core.socket = g_object_ref (socket);
  self->core.stats.total_bytes = bn_sim_memory_get_size (memory);
  return self;
}

/**
 * bn_sim_move_new_for_fd:
 * @fd: a connected stream socket; ownership passes to the move
 *
 * Returns: (transfer full) (nullable): a move, or %NULL with @error set
 */
BnSimMove *
bn_sim_move_new_for_fd (BnSimMemory    *memory,
                        BnSimWorkload  *workload,
                        int             fd,
                        GError        **error)
{
  g_autoptr(GSocket) socket = g_socket_new_from_fd (fd, error);

  if (socket == NULL)
    return NULL;
  return bn_sim_move_new (memory, workload, socket);
}

/* Bytes per second, 0 for none; may change while the move runs. */
void
bn_sim_move_set_rate_limit (BnSimMove *self,
                            guint64    bytes_per_second)
{
  g_return_if_fail (BN_SIM_IS_MOVE (self));
  __atomic_store_n (&self->rate_limit, bytes_per_second, __ATOMIC_RELAXED);
}

guint64
bn_sim_move_get_rate_limit (BnSimMove *self)
{
  g_return_val_if_fail (BN_SIM_IS_MOVE (self), 0);
  return __atomic_load_n (&self->rate_limit, __ATOMIC_RELAXED);
}

void
bn_sim_move_set_max_suspend_time (BnSimMove *self,
                                  guint      msec)
{
  g_return_if_fail (BN_SIM_IS_MOVE (self));
  g_return_if_fail (!self->core.started);
  self->max_suspend_ms = MAX (msec, 1);
}

void
bn_sim_move_set_timeout (BnSimMove *self,
                         guint      seconds)
{
  bn_sim_move_set_timeout_ms (self, (guint64) seconds * 1000);
}

/* The timeout for pre-copy to converge, from the start. Tests use sub-second values. */
void
bn_sim_move_set_timeout_ms (BnSimMove *self,
                            guint64    msec)
{
  g_return_if_fail (BN_SIM_IS_MOVE (self));
  g_return_if_fail (!self->core.started);

  g_mutex_lock (&self->core.mutex);
  self->timeout_us = (gint64) msec * 1000;
  self->core.stats.timeout_us = self->timeout_us;
  g_mutex_unlock (&self->core.mutex);
}

void
bn_sim_move_set_sample_interval (BnSimMove *self,
                                 guint      msec)
{
  g_return_if_fail (BN_SIM_IS_MOVE (self));
  g_return_if_fail (!self->core.started);
  self->core.sample_interval_ms = CLAMP (msec, 20, 1000);
}

/* How long the path may carry nothing before the move fails; 0 waits forever. */
void
bn_sim_move_set_io_timeout (BnSimMove *self,
                            guint      msec)
{
  g_return_if_fail (BN_SIM_IS_MOVE (self));
  g_return_if_fail (!self->core.started);
  self->core.io_timeout_ms = msec;
}

/*
 * Both sides hash their whole memory at suspend instead of combining the per-page hashes
 * kept during the copy: an independent check of the dirty tracking, at ~0.1 s per GiB
 * of suspend time on each side.
 */
void
bn_sim_move_set_full_verify (BnSimMove *self,
                             gboolean   full_verify)
{
  g_return_if_fail (BN_SIM_IS_MOVE (self));
  g_return_if_fail (!self->core.started);
  self->full_verify = !!full_verify;
}

/* The device state sent at suspend (at most BN_SIM_MOVE_MAX_DEVICE_STATE bytes). */
void
bn_sim_move_set_device_state (BnSimMove *self,
                              GBytes    *state)
{
  g_return_if_fail (BN_SIM_IS_MOVE (self));
  g_return_if_fail (!self->core.started);
  g_return_if_fail (state == NULL || g_bytes_get_size (state) <= BN_SIM_MOVE_MAX_DEVICE_STATE);

  g_clear_pointer (&self->device_state, g_bytes_unref);
  self->device_state = state ? g_bytes_ref (state) : NULL;
}

/**
 * bn_sim_move_cancel:
 *
 * Thread-safe. Before the suspend the move ends "terminated by user" and the LPAR keeps
 * running on the source; afterwards it is too late and this returns %FALSE.
 */
gboolean
bn_sim_move_cancel (BnSimMove *self)
{
  g_return_val_if_fail (BN_SIM_IS_MOVE (self), FALSE);

  return bn_sim_mover_core_cancel (&self->core);
}

/**
 * bn_sim_move_extend_timeout:
 *
 * Adds @seconds to the timeout. Thread-safe; only while memory is being transferred
 * (before the suspend), else %FALSE.
 */
gboolean
bn_sim_move_extend_timeout (BnSimMove *self,
                            guint      seconds)
{
  gboolean ok;

  g_return_val_if_fail (BN_SIM_IS_MOVE (self), FALSE);

  g_mutex_lock (&self->core.mutex);
  ok = self->core.stats.phase < BN_SIM_MOVE_PHASE_STOP_AND_COPY;
  if (ok)
    {
      self->timeout_us += (gint64) seconds * G_USEC_PER_SEC;
      self->core.stats.timeout_us = self->timeout_us;
    }
  g_mutex_unlock (&self->core.mutex);
  return ok;
}

/* Thread-safe snapshot, refreshed every 10 ms by the worker. */
void
bn_sim_move_get_stats (BnSimMove      *self,
                       BnSimMoveStats *stats)
{
  g_return_if_fail (BN_SIM_IS_MOVE (self));
  g_return_if_fail (stats != NULL);

  bn_sim_mover_core_get_stats (&self->core, stats);
}

/* ---- worker ------------------------------------------------------------------------- */

static guint64
remaining_bytes (SendCtx *ctx)
{
  guint64 unconfirmed = ctx->conn.bytes_out > ctx->confirmed
                        ? ctx->conn.bytes_out - ctx->confirmed : 0;

  return bn_sim_memory_get_dirty_pages (ctx->self->memory) * BN_SIM_PAGE_SIZE
         + (guint64) ctx->n_batch * BN_SIM_PAGE_SIZE + ctx->n_small + unconfirmed;
}

/*
 * The conservative transfer rate: the lower of the rate over the last ≥ 300 ms and the
 * average since pre-copy began, both counted in bytes the destination has consumed, and
 * never above the path's limit. Before the first report from the destination, half of
 * what the kernel accepted.
 */
static void
update_estimate (SendCtx *ctx,
                 gint64   now)
{
  guint64 limit = __atomic_load_n (&ctx->self->rate_limit, __ATOMIC_RELAXED);
  guint64 est = 0;
  gint64 remaining_us = -1;

  if (ctx->ring_len > 0 && ctx->confirmed > 0)
    {
      const RateSample *newest = &ctx->ring[(ctx->ring_head + RATE_RING - 1) % RATE_RING];
      gint64 span = newest->t - ctx->t_precopy;

      if (span > 0)
        est = (guint64) ((gdouble) newest->bytes * G_USEC_PER_SEC / span);
      for (guint i = 2; i <= ctx->ring_len; i++)
        {
          const RateSample *s = &ctx->ring[(ctx->ring_head + RATE_RING - i) % RATE_RING];

          if (newest->t - s->t >= RECENT_SPAN_US)
            {
              guint64 recent = (guint64) ((gdouble) (newest->bytes - s->bytes)
                                          * G_USEC_PER_SEC / (newest->t - s->t));

              est = MIN (est, recent);
              break;
            }
        }
    }
  else if (now > ctx->t_precopy)
    {
      est = (guint64) ((gdouble) ctx->conn.bytes_out * G_USEC_PER_SEC
                       / (now - ctx->t_precopy) / 2);
    }
  if (limit > 0 && (est == 0 || est > limit))
    est = ctx->conn.bytes_out > 0 || ctx->confirmed > 0 ? MIN (est ? est : limit, limit) : 0;

  if (est > 0)
    remaining_us = (gint64) ((gdouble) remaining_bytes (ctx) * G_USEC_PER_SEC / est);
  ctx->estimated_rate = est;
  ctx->expected_us = remaining_us;
}

static gint64
current_timeout (SendCtx *ctx)
{
  gint64 t;

  g_mutex_lock (&ctx->self->core.mutex);
  t = ctx->self->timeout_us;
  g_mutex_unlock (&ctx->self->core.mutex);
  return t;
}

static void
publish (SendCtx  *ctx,
         gint64    now,
         gboolean  force_sample)
{
  BnSimMove *self = ctx->self;
  gboolean sample = force_sample || now >= ctx->next_sample;

  if (sample && now > ctx->last_sample_t)
    {
      guint64 dirty = bn_sim_memory_get_dirty_events (self->memory);
      gdouble dt = (gdouble) (now - ctx->last_sample_t);

      ctx->transfer_rate = (guint64) ((ctx->confirmed - ctx->last_sample_confirmed)
                                      * G_USEC_PER_SEC / dt);
      ctx->dirty_rate = (guint64) ((dirty - ctx->last_sample_dirty) * BN_SIM_PAGE_SIZE
                                   * G_USEC_PER_SEC / dt);
      ctx->last_sample_t = now;
      ctx->last_sample_confirmed = ctx->confirmed;
      ctx->last_sample_dirty = dirty;
      ctx->next_sample = now + (gint64) self->core.sample_interval_ms * 1000;
    }
  if (ctx->phase == BN_SIM_MOVE_PHASE_PRECOPY)
    update_estimate (ctx, now);

  g_mutex_lock (&self->core.mutex);
  self->core.stats.phase = ctx->phase;
  self->core.stats.round = ctx->round;
  self->core.stats.transferred_bytes = ctx->conn.bytes_out;
  self->core.stats.confirmed_bytes = ctx->confirmed;
  self->core.stats.pages_sent = ctx->pages_sent;
  self->core.stats.zero_pages = ctx->zero_pages;
  self->core.stats.remaining_dirty_bytes = remaining_bytes (ctx);
  self->core.stats.transfer_rate = ctx->transfer_rate;
  self->core.stats.dirty_rate = ctx->dirty_rate;
  self->core.stats.estimated_rate = ctx->estimated_rate;
  self->core.stats.expected_suspend_us = ctx->expected_us;
  /* While running, elapsed_us holds the start; get_stats() turns it into a duration. */
  self->core.stats.elapsed_us = ctx->phase == BN_SIM_MOVE_PHASE_DONE ? now - ctx->t_start
                                                                     : ctx->t_start;
  self->core.stats.suspend_us = ctx->suspend_us;
  self->core.stats.checksum = ctx->checksum;
  self->core.stats.checksum_valid = ctx->checksum_valid;
  self->core.stats.source_suspended = ctx->suspended;
  g_mutex_unlock (&self->core.mutex);
  ctx->last_publish = now;

  if (sample)
    bn_sim_mover_core_emit_sample (&self->core, self, signals[SAMPLE]);
}

/* Reads what the destination sent: progress reports, an abort, the final verdict. */
static gboolean
drain_input (SendCtx  *ctx,
             GError  **error)
{
  if (!bn_sim_conn_poll_input (&ctx->conn, error))
    return FALSE;

  while (bn_sim_conn_buffered (&ctx->conn) >= BN_SIM_WIRE_RECORD_SIZE)
    {
      BnSimWireRecord rec;

      bn_sim_wire_decode_record (bn_sim_conn_peek (&ctx->conn), &rec);
      bn_sim_conn_consume (&ctx->conn, BN_SIM_WIRE_RECORD_SIZE);
      switch (rec.type)
        {
        case BN_SIM_REC_PROGRESS:
          if (rec.arg < ctx->confirmed || rec.arg > ctx->conn.bytes_out)
            return bn_sim_mover_protocol_error (error, "The destination reported %" G_GUINT64_FORMAT
                                                " bytes consumed of %" G_GUINT64_FORMAT " sent",
                                                rec.arg, ctx->conn.bytes_out);
          ctx->confirmed = rec.arg;
          ctx->ring[ctx->ring_head].t = g_get_monotonic_time ();
          ctx->ring[ctx->ring_head].bytes = rec.arg;
          ctx->ring_head = (ctx->ring_head + 1) % RATE_RING;
          ctx->ring_len = MIN (ctx->ring_len + 1, RATE_RING);
          break;

        case BN_SIM_REC_ABORT:
          if (rec.count == BN_SIM_ABORT_USER)
            g_set_error_literal (error, BN_SIM_MOVE_ERROR, BN_SIM_MOVE_ERROR_TERMINATED_BY_USER,
                                 "Terminated by user on the destination");
          else
            bn_sim_mover_protocol_error (error, "The destination aborted the move (reason %u)",
                                         rec.count);
          ctx->stream_broken = TRUE;
          return FALSE;

        case BN_SIM_REC_ACK:
          if (ctx->phase != BN_SIM_MOVE_PHASE_VERIFY)
            return bn_sim_mover_protocol_error (error,
                                                "Acknowledgement before the end of the copy");
          ctx->got_ack = TRUE;
          ctx->ack_status = rec.count;
          ctx->ack_checksum = rec.arg;
          break;

        default:
          return bn_sim_mover_protocol_error (error, "Unknown record type %u from the destination",
                                              rec.type);
        }
    }
  return TRUE;
}

static gboolean
send_tick (gpointer   data,
           GError   **error)
{
  SendCtx *ctx = data;
  gint64 now;

  if (!drain_input (ctx, error))
    return FALSE;
  now = g_get_monotonic_time ();
  if (now - ctx->last_publish >= PUBLISH_INTERVAL_US || now >= ctx->next_sample)
    publish (ctx, now, FALSE);
  return TRUE;
}

static gboolean
write_iov (SendCtx       *ctx,
           struct iovec  *iov,
           int            n,
           GError       **error)
{
  guint64 before = ctx->conn.bytes_out;

  ctx->conn.rate_limit = __atomic_load_n (&ctx->self->rate_limit, __ATOMIC_RELAXED);
  if (!bn_sim_conn_write (&ctx->conn, iov, n, TRUE, error))
    {
      if (ctx->conn.bytes_out != before)
        ctx->stream_broken = TRUE;
      return FALSE;
    }
  ctx->n_writes++;
  return TRUE;
}

static void
append_small (SendCtx *ctx,
              guint32  type,
              guint32  count,
              guint64  arg)
{
  g_assert (ctx->n_small + BN_SIM_WIRE_RECORD_SIZE <= SMALL_CAP);
  bn_sim_wire_encode_record (ctx->small + ctx->n_small, type, count, arg);
  ctx->n_small += BN_SIM_WIRE_RECORD_SIZE;
}

static void
close_zero_run (SendCtx *ctx)
{
  if (ctx->zr_count == 0)
    return;
  append_small (ctx, BN_SIM_REC_ZERO_RUN, (guint32) ctx->zr_count, ctx->zr_start);
  ctx->zr_count = 0;
}

/* Sends everything gathered: small records, then the page batch, in one write. */
static gboolean
flush (SendCtx  *ctx,
       GError  **error)
{
  struct iovec iov[2 + BATCH_PAGES];
  int n = 0;

  close_zero_run (ctx);
  if (ctx->n_small > 0)
    {
      iov[n].iov_base = ctx->small;
      iov[n].iov_len = ctx->n_small;
      n++;
    }
  if (ctx->n_batch > 0)
    {
      bn_sim_wire_encode_record (ctx->head, BN_SIM_REC_PAGES, ctx->n_batch, 0);
      iov[n].iov_base = ctx->head;
      iov[n].iov_len = BN_SIM_WIRE_RECORD_SIZE + 8 * ctx->n_batch;
      n++;
      memcpy (iov + n, ctx->pages, ctx->n_runs * sizeof (struct iovec));
      n += ctx->n_runs;
    }
  if (n == 0)
    return TRUE;
  if (!write_iov (ctx, iov, n, error))
    return FALSE;
  ctx->n_small = 0;
  ctx->n_batch = 0;
  ctx->n_runs = 0;
  return TRUE;
}

static gboolean
add_zero (SendCtx  *ctx,
          guint64   page,
          GError  **error)
{
  ctx->page_hash[page] = bn_sim_hash_zero_page ();
  ctx->zero_pages++;
  if (ctx->zr_count > 0 && ctx->zr_start + ctx->zr_count == page && ctx->zr_count < G_MAXUINT32)
    {
      ctx->zr_count++;
      return TRUE;
    }
  /* Keep one record free for the run that flush() itself closes. */
  if (ctx->n_small + 2 * BN_SIM_WIRE_RECORD_SIZE > SMALL_CAP && !flush (ctx, error))
    return FALSE;
  close_zero_run (ctx);
  ctx->zr_start = page;
  ctx->zr_count = 1;
  return TRUE;
}

static gboolean
add_page (SendCtx  *ctx,
          guint64   page,
          gboolean  known_zero,
          GError  **error)
{
  guint8 *src;
  struct iovec *run;
  gboolean is_zero;
  guint64 h;

  if (known_zero)
    return add_zero (ctx, page, error);

  src = bn_sim_memory_get_data (ctx->self->memory) + page * BN_SIM_PAGE_SIZE;
  h = bn_sim_hash_check_page (src, &is_zero);
  if (is_zero)
    return add_zero (ctx, page, error);

  run = ctx->n_runs > 0 ? &ctx->pages[ctx->n_runs - 1] : NULL;
  if (run != NULL && (guint8 *) run->iov_base + run->iov_len == src)
    run->iov_len += BN_SIM_PAGE_SIZE;
  else
    {
      run = &ctx->pages[ctx->n_runs++];
      run->iov_base = src;
      run->iov_len = BN_SIM_PAGE_SIZE;
    }

  ctx->page_hash[page] = h;
  ctx->pages_sent++;
  {
    guint64 le = GUINT64_TO_LE (page);

    memcpy (ctx->head + BN_SIM_WIRE_RECORD_SIZE + 8 * ctx->n_batch, &le, 8);
  }
  ctx->n_batch++;
  if (ctx->n_batch == BATCH_PAGES)
    return flush (ctx, error);
  return TRUE;
}

static gboolean
begin_marker (SendCtx  *ctx,
              guint32   type,
              guint64   arg,
              GError  **error)
{
  if (!flush (ctx, error))
    return FALSE;
  append_small (ctx, type, 0, arg);
  return TRUE;
}

typedef enum
{
  SCAN_DONE,
  SCAN_CONVERGED,
  SCAN_TIMED_OUT,
} ScanOutcome;

/* Whether the expected suspend fits @limit_us. */
static gboolean
fits (SendCtx *ctx,
      gint64   limit_us)
{
  return ctx->expected_us >= 0 && ctx->expected_us <= limit_us;
}

static gint64
max_suspend_us (SendCtx *ctx)
{
  return (gint64) ctx->self->max_suspend_ms * 1000;
}

/* Good enough to stop early: a tenth of the allowed suspend. */
static gint64
floor_suspend_us (SendCtx *ctx)
{
  return max_suspend_us (ctx) / 10;
}

/*
 * One pass over the dirty bitmap. In round 0 every page goes (the bitmap is cleared as we
 * pass); never-written pages go as zero markers without being read. With @checks, stops
 * early on convergence (rounds ≥ 1) or timeout.
 */
static gboolean
scan (SendCtx      *ctx,
      gboolean      all,
      gboolean      checks,
      ScanOutcome  *outcome,
      guint64      *pages_out,
      GError      **error)
{
  BnSimMemory *mem = ctx->self->memory;
  guint64 pages = 0;
  gint64 deadline = ctx->t_start + current_timeout (ctx);
  gint64 last_check = g_get_monotonic_time ();
  guint64 writes_seen = ctx->n_writes;

  *outcome = SCAN_DONE;
  for (guint64 w = 0; w < ctx->n_words; w++)
    {
      guint64 bits = _bn_sim_memory_take_dirty_word (mem, w);
      guint64 base = w << 6;
      guint64 todo = bits;

      if (all)
        {
          guint64 n = MIN (64, ctx->n_pages - base);

          todo = n == 64 ? ~G_GUINT64_CONSTANT (0) : (G_GUINT64_CONSTANT (1) << n) - 1;
        }
      while (todo != 0)
        {
          guint bit = __builtin_ctzll (todo);
          guint64 page = base + bit;
          gboolean known_zero = all && !_bn_sim_memory_page_touched (mem, page);

          todo &= todo - 1;
          if (!add_page (ctx, page, known_zero, error))
            return FALSE;
          pages++;
        }

      if (checks && ((w & 63) == 63 || ctx->n_writes != writes_seen))
        {
          gint64 now = g_get_monotonic_time ();

          writes_seen = ctx->n_writes;
          if (!send_tick (ctx, error))
            return FALSE;
          if (g_cancellable_is_cancelled (ctx->self->core.cancel))
            {
              g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Canceled");
              return FALSE;
            }
          if (now - last_check >= PUBLISH_INTERVAL_US)
            {
              last_check = now;
              deadline = ctx->t_start + current_timeout (ctx);
              if (now >= deadline)
                {
                  *outcome = SCAN_TIMED_OUT;
                  break;
                }
              if (!all)
                {
                  update_estimate (ctx, now);
                  if (fits (ctx, floor_suspend_us (ctx)))
                    {
                      *outcome = SCAN_CONVERGED;
                      break;
                    }
                }
            }
        }
    }
  *pages_out = pages;
  return flush (ctx, error);
}

static gboolean
send_hello (SendCtx  *ctx,
            GError  **error)
{
  BnSimWireHello hello = { 0, };
  BnSimWireReply reply;
  guint8 buf[BN_SIM_WIRE_HELLO_SIZE];
  guint8 rbuf[BN_SIM_WIRE_REPLY_SIZE];
  struct iovec iov = { buf, sizeof buf };
  guint64 session = ((guint64) g_random_int () << 32) | g_random_int ();

  memcpy (hello.magic, BN_SIM_WIRE_MAGIC_HELLO, 8);
  hello.version = BN_SIM_WIRE_VERSION;
  hello.page_size = BN_SIM_PAGE_SIZE;
  hello.total_pages = ctx->n_pages;
  hello.session_id = session;
  hello.flags = ctx->self->full_verify ? BN_SIM_WIRE_FLAG_FULL_VERIFY : 0;
  hello.max_batch_pages = BATCH_PAGES;
  bn_sim_wire_encode_hello (buf, &hello);

  if (!bn_sim_conn_write (&ctx->conn, &iov, 1, FALSE, error))
    return FALSE;
  if (!bn_sim_conn_read_exact (&ctx->conn, rbuf, sizeof rbuf, error))
    return FALSE;
  bn_sim_wire_decode_reply (rbuf, &reply);
  if (memcmp (reply.magic, BN_SIM_WIRE_MAGIC_REPLY, 8) != 0)
    return bn_sim_mover_protocol_error (error,
                                        "The destination is not an LPAR Mover (bad reply magic)");
  if (reply.version != BN_SIM_WIRE_VERSION)
    return bn_sim_mover_protocol_error (error, "The destination speaks version %u, not %u",
                                        reply.version, BN_SIM_WIRE_VERSION);
  if (reply.session_id != session)
    return bn_sim_mover_protocol_error (error, "The destination answered another session");
  if (reply.status != BN_SIM_HELLO_OK)
    return bn_sim_mover_protocol_error (error,
                                        "The destination refused the move (status %u, its "
                                        "memory has %" G_GUINT64_FORMAT " pages, the source %"
                                        G_GUINT64_FORMAT ")",
                                        reply.status, reply.total_pages, ctx->n_pages);
  return TRUE;
}

static gboolean
wait_ack (SendCtx  *ctx,
          GError  **error)
{
  gint64 started = g_get_monotonic_time ();

  while (!ctx->got_ack)
    {
      gint64 now = g_get_monotonic_time ();

      if (ctx->conn.io_timeout_us > 0 && now - started >= ctx->conn.io_timeout_us)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                       "No acknowledgement from the destination after %" G_GINT64_FORMAT " ms",
                       (now - started) / 1000);
          return FALSE;
        }
      if (!bn_sim_conn_wait_input (&ctx->conn, now + 50 * 1000, error))
        return FALSE;
      if (!drain_input (ctx, error))
        return FALSE;
    }
  return TRUE;
}

static void
send_abort (SendCtx          *ctx,
            BnSimAbortReason  reason)
{
  guint8 rec[BN_SIM_WIRE_RECORD_SIZE];
  struct iovec iov = { rec, sizeof rec };
  g_autoptr(GError) ignored = NULL;

  if (ctx->stream_broken)
    return;
  ctx->n_batch = 0;
  ctx->n_runs = 0;
  ctx->n_small = 0;
  ctx->zr_count = 0;
  bn_sim_wire_encode_record (rec, BN_SIM_REC_ABORT, reason, 0);
  bn_sim_conn_ignore_cancel (&ctx->conn);
  ctx->conn.io_timeout_us = G_USEC_PER_SEC;
  bn_sim_conn_write (&ctx->conn, &iov, 1, FALSE, &ignored);
}

static BnSimMoveResult
run_move (SendCtx  *ctx,
          GError  **error)
{
  BnSimMove *self = ctx->self;
  g_autoptr(GError) local = NULL;
  const guint8 *state_data = NULL;
  gsize state_len = 0;
  ScanOutcome outcome = SCAN_DONE;
  guint64 pages;
  guint64 prev_remaining = G_MAXUINT64;

  ctx->phase = BN_SIM_MOVE_PHASE_HANDSHAKE;
  publish (ctx, g_get_monotonic_time (), FALSE);
  if (!send_hello (ctx, &local))
    goto failed;

  ctx->phase = BN_SIM_MOVE_PHASE_PRECOPY;
  ctx->t_precopy = g_get_monotonic_time ();
  ctx->conn.watch_input = TRUE;
  ctx->conn.tick = send_tick;
  ctx->conn.tick_data = ctx;
  publish (ctx, ctx->t_precopy, FALSE);

  for (ctx->round = 0;; ctx->round++)
    {
      gint64 now;
      guint64 remaining;

      if (!begin_marker (ctx, BN_SIM_REC_ROUND, ctx->round, &local))
        goto failed;
      if (!scan (ctx, ctx->round == 0, TRUE, &outcome, &pages, &local))
        goto failed;
      now = g_get_monotonic_time ();
      if (!send_tick (ctx, &local))
        goto failed;
      update_estimate (ctx, now);
      remaining = remaining_bytes (ctx);

      /*
       * Suspend once the rest fits the allowed suspend time. While it fits but each round
       * still halves what is left, one more round buys a shorter suspend (QEMU stops at
       * the first fit; with 500 ms allowed that often means a suspend of 400 ms).
       */
      if (outcome == SCAN_CONVERGED)
        break;
      if (fits (ctx, max_suspend_us (ctx))
          && (fits (ctx, floor_suspend_us (ctx)) || remaining * 2 > prev_remaining
              || outcome == SCAN_TIMED_OUT || now >= ctx->t_start + current_timeout (ctx)))
        break;
      prev_remaining = remaining;

      if (outcome == SCAN_TIMED_OUT || now >= ctx->t_start + current_timeout (ctx))
        {
          g_set_error (&local, BN_SIM_MOVE_ERROR, BN_SIM_MOVE_ERROR_CANCELED_WRITE_INTENSIVE,
                       "%s (timeout %" G_GINT64_FORMAT " s, round %u, %" G_GUINT64_FORMAT
                       " dirty bytes left, dirty rate %" G_GUINT64_FORMAT " B/s, "
                       "transfer rate %" G_GUINT64_FORMAT " B/s)",
                       bn_sim_move_result_to_string (BN_SIM_MOVE_RESULT_CANCELED_WRITE_INTENSIVE),
                       current_timeout (ctx) / G_USEC_PER_SEC, ctx->round,
                       remaining_bytes (ctx), ctx->dirty_rate, ctx->estimated_rate);
          goto failed;
        }
      if (pages < BATCH_PAGES
          && !bn_sim_conn_wait (&ctx->conn, now + IDLE_ROUND_WAIT_US, &local))
        goto failed;
    }

  /* Suspend: from here on a cancel is refused, and the source LPAR stops. */
  if (!bn_sim_mover_core_begin_suspend (&self->core, &local))
    goto failed;
  bn_sim_conn_ignore_cancel (&ctx->conn);
  ctx->phase = BN_SIM_MOVE_PHASE_STOP_AND_COPY;
  ctx->t_suspend = g_get_monotonic_time ();
  /* Bulk is over: without this, Nagle holds the last short batch and the end record
   * until the peer's delayed ACK, ~40 ms of suspend for nothing. */
  g_socket_set_option (self->core.socket, IPPROTO_TCP, TCP_NODELAY, 1, NULL);
  if (self->workload != NULL)
    bn_sim_workload_pause (self->workload);
  ctx->suspended = TRUE;
  ctx->round++;
  if (!begin_marker (ctx, BN_SIM_REC_SUSPEND, ctx->round, &local))
    goto failed;
  if (!scan (ctx, FALSE, FALSE, &outcome, &pages, &local))
    goto failed;

  ctx->checksum = bn_sim_mover_checksum (self->memory, ctx->page_hash, ctx->n_pages,
                                         self->full_verify);
  ctx->checksum_valid = TRUE;

  if (self->device_state != NULL)
    state_data = g_bytes_get_data (self->device_state, &state_len);
  {
    struct iovec iov[2];
    int n = 1;

    close_zero_run (ctx);
    bn_sim_wire_encode_record (ctx->small + ctx->n_small, BN_SIM_REC_END, (guint32) state_len,
                               ctx->checksum);
    ctx->n_small += BN_SIM_WIRE_RECORD_SIZE;
    iov[0].iov_base = ctx->small;
    iov[0].iov_len = ctx->n_small;
    if (state_len > 0)
      {
        iov[1].iov_base = (void *) state_data;
        iov[1].iov_len = state_len;
        n++;
      }
    if (!write_iov (ctx, iov, n, &local))
      goto failed;
    ctx->n_small = 0;
  }

  ctx->phase = BN_SIM_MOVE_PHASE_VERIFY;
  publish (ctx, g_get_monotonic_time (), FALSE);
  if (!wait_ack (ctx, &local))
    goto failed;
  ctx->suspend_us = g_get_monotonic_time () - ctx->t_suspend;

  if (ctx->ack_status != BN_SIM_ACK_OK)
    {
      g_set_error (&local, BN_SIM_MOVE_ERROR, BN_SIM_MOVE_ERROR_VERIFY_FAILED,
                   "The destination's memory does not match (status %u, source checksum "
                   "%016" G_GINT64_MODIFIER "x, destination %016" G_GINT64_MODIFIER "x)",
                   ctx->ack_status, ctx->checksum, ctx->ack_checksum);
      goto failed;
    }
  return BN_SIM_MOVE_RESULT_COMPLETED;

failed:
  {
    BnSimMoveResult result = bn_sim_mover_classify_error (local);

    if (ctx->phase <= BN_SIM_MOVE_PHASE_PRECOPY)
      {
        if (result == BN_SIM_MOVE_RESULT_TERMINATED_BY_USER && local->domain == G_IO_ERROR)
          send_abort (ctx, BN_SIM_ABORT_USER);
        else if (result == BN_SIM_MOVE_RESULT_CANCELED_WRITE_INTENSIVE)
          send_abort (ctx, BN_SIM_ABORT_WRITE_INTENSIVE);
        else if (result == BN_SIM_MOVE_RESULT_PROTOCOL_ERROR)
          send_abort (ctx, BN_SIM_ABORT_ERROR);
      }
    bn_sim_mover_normalize_error (&local, ctx->phase, ctx->round);
    g_propagate_error (error, g_steal_pointer (&local));
    return result;
  }
}

static gpointer
move_thread (gpointer data)
{
  GTask *task = data;
  BnSimMove *self = g_task_get_source_object (task);
  SendCtx *ctx = g_new0 (SendCtx, 1);
  g_autoptr(GError) error = NULL;
  BnSimMoveResult result;
  BnSimMovePhase failed_phase = BN_SIM_MOVE_PHASE_IDLE;

  ctx->self = self;
  ctx->n_pages = bn_sim_memory_get_n_pages (self->memory);
  ctx->n_words = _bn_sim_memory_get_n_words (self->memory);
  ctx->page_hash = g_new0 (guint64, ctx->n_pages);
  ctx->t_start = g_get_monotonic_time ();
  ctx->last_sample_t = ctx->t_start;
  ctx->next_sample = ctx->t_start + (gint64) self->core.sample_interval_ms * 1000;
  ctx->last_sample_dirty = bn_sim_memory_get_dirty_events (self->memory);
  ctx->suspend_us = -1;
  ctx->expected_us = -1;
  bn_sim_mover_core_open_conn (&self->core, &ctx->conn, 4096);

  result = run_move (ctx, &error);
  if (result != BN_SIM_MOVE_RESULT_COMPLETED)
    failed_phase = ctx->phase;

  bn_sim_mover_core_end (&self->core, &ctx->conn, result, failed_phase);
  ctx->phase = BN_SIM_MOVE_PHASE_DONE;
  publish (ctx, g_get_monotonic_time (), TRUE);

  bn_sim_mover_core_return (task, "move", &ctx->conn, ctx->t_start, result,
                            g_steal_pointer (&error));
  g_free (ctx->page_hash);
  g_free (ctx);
  return NULL;
}

/**
 * bn_sim_move_run_async:
 * @cancellable: (nullable): cancels like bn_sim_move_cancel()
 *
 * Starts the move in its own thread. @callback and the #BnSimMove::sample signal run in
 * the thread-default main context of the caller. Call once.
 */
void
bn_sim_move_run_async (BnSimMove           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (BN_SIM_IS_MOVE (self));
  g_return_if_fail (!self->core.started);

  bn_sim_mover_core_run_async (&self->core, self, cancellable, callback, user_data,
                               bn_sim_move_run_async, "bn-sim-move", move_thread);
}

/**
 * bn_sim_move_run_finish:
 *
 * Returns: the result; for anything but %BN_SIM_MOVE_RESULT_COMPLETED @error is set in
 *   %BN_SIM_MOVE_ERROR with the same code. bn_sim_move_get_stats() tells the failed phase
 *   and whether the source LPAR was left suspended.
 */
BnSimMoveResult
bn_sim_move_run_finish (BnSimMove     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (BN_SIM_IS_MOVE (self), BN_SIM_MOVE_RESULT_PROTOCOL_ERROR);
  g_return_val_if_fail (g_task_is_valid (result, self), BN_SIM_MOVE_RESULT_PROTOCOL_ERROR);

  return bn_sim_mover_core_run_finish (result, error);
}
