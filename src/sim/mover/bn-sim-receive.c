/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-sim-mover"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include "bn-sim-hash-private.h"
#include "bn-sim-memory-private.h"
#include "bn-sim-mover-core-private.h"
#include "bn-sim-receive.h"

/*
 * The receiving LPAR Mover. Every field read from the socket is checked before use: page
 * indexes and runs against the memory's size, counts against the protocol's maxima, record
 * order against the state machine. Page data is read straight into the destination pages
 * (one recvmsg with an iovec per page) once the batch's indexes are validated, then each
 * page is hashed while it is still in cache, so the checksum at the end combines 8 bytes
 * per page instead of reading the whole memory inside the suspend.
 */

#define READ_BUFFER 8192
#define PROGRESS_INTERVAL_US (50 * 1000)
#define PUBLISH_INTERVAL_US (10 * 1000)

struct _BnSimReceive
{
  GObject          parent_instance;

  BnSimMoverCore   core;
  BnSimMemory     *memory;
  gboolean         prefault;

  /* Under core.mutex. */
  GBytes          *device_state;
};

G_DEFINE_FINAL_TYPE (BnSimReceive, bn_sim_receive, G_TYPE_OBJECT)

enum {
  SAMPLE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  BnSimReceive    *self;
  BnSimConn        conn;
  guint64          n_pages;
  guint64         *page_hash;
  guint64         *received;
  guint64          n_received;
  guint64          index_buf[BN_SIM_WIRE_MAX_BATCH_PAGES];
  struct iovec     iov[BN_SIM_WIRE_MAX_BATCH_PAGES];
  guint            max_batch;
  gboolean         full_verify;

  BnSimMovePhase   phase;
  gboolean         round_started;
  guint64          round;
  guint64          pages;
  guint64          zero_pages;
  gint64           t_start;
  gint64           t_suspend;
  gint64           suspend_us;
  gint64           prefault_us;
  guint64          checksum;
  gboolean         checksum_valid;

  guint8           out[4 * BN_SIM_WIRE_RECORD_SIZE];
  gsize            n_out;
  gint64           last_progress;
  gint64           last_publish;
  gint64           next_sample;
  gint64           last_sample_t;
  guint64          last_sample_bytes;
  guint64          transfer_rate;
} RecvCtx;

static void
bn_sim_receive_dispose (GObject *object)
{
  BnSimReceive *self = (BnSimReceive *) object;

  bn_sim_mover_core_dispose (&self->core);

  G_OBJECT_CLASS (bn_sim_receive_parent_class)->dispose (object);
}

static void
bn_sim_receive_finalize (GObject *object)
{
  BnSimReceive *self = (BnSimReceive *) object;

  g_clear_pointer (&self->memory, bn_sim_memory_unref);
  g_clear_pointer (&self->device_state, g_bytes_unref);
  bn_sim_mover_core_finalize (&self->core);

  G_OBJECT_CLASS (bn_sim_receive_parent_class)->finalize (object);
}

static void
bn_sim_receive_class_init (BnSimReceiveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bn_sim_receive_dispose;
  object_class->finalize = bn_sim_receive_finalize;

  /**
   * BnSimReceive::sample:
   * @stats: (type BnSimMoveStats): a snapshot
   *
   * Emitted in the caller's main context every sample interval and once at the end.
   */
  signals[SAMPLE] =
    g_signal_new ("sample", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1,
                  BN_SIM_TYPE_MOVE_STATS | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
bn_sim_receive_init (BnSimReceive *self)
{
  bn_sim_mover_core_init (&self->core);
  self->prefault = TRUE;
}

/**
 * bn_sim_receive_new:
 * @memory: the destination LPAR's memory, the same size as the source's
 * @socket: the accepted migration-path connection; closed at the end
 *
 * Returns: (transfer full): a receiver, not started
 */
BnSimReceive *
bn_sim_receive_new (BnSimMemory *memory,
                    GSocket     *socket)
{
  BnSimReceive *self;

  g_return_val_if_fail (memory != NULL, NULL);
  g_return_val_if_fail (G_IS_SOCKET (socket), NULL);

  self = g_object_new (BN_SIM_TYPE_RECEIVE, NULL);
  self->memory = bn_sim_memory_ref (memory);
  self->core.socket = g_object_ref (socket);
  self->core.stats.total_bytes = bn_sim_memory_get_size (memory);
  return self;
}

/**
 * bn_sim_receive_new_for_fd:
 * @fd: an accepted stream socket; ownership passes to the receiver
 *
 * Returns: (transfer full) (nullable): a receiver, or %NULL with @error set
 */
BnSimReceive *
bn_sim_receive_new_for_fd (BnSimMemory  *memory,
                           int           fd,
                           GError      **error)
{
  g_autoptr(GSocket) socket = g_socket_new_from_fd (fd, error);

  if (socket == NULL)
    return NULL;
  return bn_sim_receive_new (memory, socket);
}

/* Back every destination page before accepting (default %TRUE); see ENV-NOTES. */
void
bn_sim_receive_set_prefault (BnSimReceive *self,
                             gboolean      prefault)
{
  g_return_if_fail (BN_SIM_IS_RECEIVE (self));
  g_return_if_fail (!self->core.started);
  self->prefault = !!prefault;
}

void
bn_sim_receive_set_sample_interval (BnSimReceive *self,
                                    guint         msec)
{
  g_return_if_fail (BN_SIM_IS_RECEIVE (self));
  g_return_if_fail (!self->core.started);
  self->core.sample_interval_ms = CLAMP (msec, 20, 1000);
}

void
bn_sim_receive_set_io_timeout (BnSimReceive *self,
                               guint         msec)
{
  g_return_if_fail (BN_SIM_IS_RECEIVE (self));
  g_return_if_fail (!self->core.started);
  self->core.io_timeout_ms = msec;
}

/**
 * bn_sim_receive_cancel:
 *
 * Thread-safe. Before the source suspends, ends both sides "terminated by user" and frees
 * the destination memory's pages; afterwards %FALSE.
 */
gboolean
bn_sim_receive_cancel (BnSimReceive *self)
{
  g_return_val_if_fail (BN_SIM_IS_RECEIVE (self), FALSE);

  return bn_sim_mover_core_cancel (&self->core);
}

void
bn_sim_receive_get_stats (BnSimReceive   *self,
                          BnSimMoveStats *stats)
{
  g_return_if_fail (BN_SIM_IS_RECEIVE (self));
  g_return_if_fail (stats != NULL);

  bn_sim_mover_core_get_stats (&self->core, stats);
}

/**
 * bn_sim_receive_get_device_state:
 *
 * Returns: (transfer full) (nullable): the device state the source sent at suspend
 */
GBytes *
bn_sim_receive_get_device_state (BnSimReceive *self)
{
  GBytes *state;

  g_return_val_if_fail (BN_SIM_IS_RECEIVE (self), NULL);

  g_mutex_lock (&self->core.mutex);
  state = self->device_state ? g_bytes_ref (self->device_state) : NULL;
  g_mutex_unlock (&self->core.mutex);
  return state;
}

/* ---- worker ------------------------------------------------------------------------- */

static guint64
consumed (RecvCtx *ctx)
{
  return ctx->conn.bytes_in - bn_sim_conn_buffered (&ctx->conn);
}

static void
publish (RecvCtx  *ctx,
         gint64    now,
         gboolean  force_sample)
{
  BnSimReceive *self = ctx->self;
  gboolean sample = force_sample || now >= ctx->next_sample;

  if (sample && now > ctx->last_sample_t)
    {
      guint64 bytes = consumed (ctx);

      ctx->transfer_rate = (guint64) ((gdouble) (bytes - ctx->last_sample_bytes)
                                      * G_USEC_PER_SEC / (now - ctx->last_sample_t));
      ctx->last_sample_t = now;
      ctx->last_sample_bytes = bytes;
      ctx->next_sample = now + (gint64) self->core.sample_interval_ms * 1000;
    }

  g_mutex_lock (&self->core.mutex);
  self->core.stats.phase = ctx->phase;
  self->core.stats.round = (guint) ctx->round;
  self->core.stats.transferred_bytes = ctx->conn.bytes_in;
  self->core.stats.confirmed_bytes = consumed (ctx);
  self->core.stats.pages_sent = ctx->pages;
  self->core.stats.zero_pages = ctx->zero_pages;
  self->core.stats.transfer_rate = ctx->transfer_rate;
  self->core.stats.elapsed_us = ctx->phase == BN_SIM_MOVE_PHASE_DONE ? now - ctx->t_start
                                                                     : ctx->t_start;
  self->core.stats.suspend_us = ctx->suspend_us;
  self->core.stats.prefault_us = ctx->prefault_us;
  self->core.stats.checksum = ctx->checksum;
  self->core.stats.checksum_valid = ctx->checksum_valid;
  self->core.stats.source_suspended = ctx->phase >= BN_SIM_MOVE_PHASE_STOP_AND_COPY
                                      && ctx->t_suspend != 0;
  g_mutex_unlock (&self->core.mutex);
  ctx->last_publish = now;

  if (sample)
    bn_sim_mover_core_emit_sample (&self->core, self, signals[SAMPLE]);
}

/* Sends queued small records without blocking; the rest goes at the next tick. */
static gboolean
push_out (RecvCtx  *ctx,
          GError  **error)
{
  while (ctx->n_out > 0)
    {
      gssize n = send (ctx->conn.fd, ctx->out, ctx->n_out, MSG_NOSIGNAL | MSG_DONTWAIT);

      if (n < 0)
        {
          int err = errno;

          if (err == EINTR)
            continue;
          if (err == EAGAIN || err == EWOULDBLOCK)
            return TRUE;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (err),
                       "Cannot send on the migration path: %s", g_strerror (err));
          return FALSE;
        }
      memmove (ctx->out, ctx->out + n, ctx->n_out - n);
      ctx->n_out -= n;
    }
  return TRUE;
}

static gboolean
recv_tick (gpointer   data,
           GError   **error)
{
  RecvCtx *ctx = data;
  gint64 now = g_get_monotonic_time ();

  if (now - ctx->last_progress >= PROGRESS_INTERVAL_US
      && ctx->n_out + BN_SIM_WIRE_RECORD_SIZE <= sizeof ctx->out)
    {
      bn_sim_wire_encode_record (ctx->out + ctx->n_out, BN_SIM_REC_PROGRESS, 0, consumed (ctx));
      ctx->n_out += BN_SIM_WIRE_RECORD_SIZE;
      ctx->last_progress = now;
    }
  if (!push_out (ctx, error))
    return FALSE;
  if (now - ctx->last_publish >= PUBLISH_INTERVAL_US || now >= ctx->next_sample)
    publish (ctx, now, FALSE);
  return TRUE;
}

/* Sends a record now (after anything queued), waiting if needed. */
static gboolean
send_record (RecvCtx  *ctx,
             guint32   type,
             guint32   count,
             guint64   arg,
             GError  **error)
{
  guint8 rec[BN_SIM_WIRE_RECORD_SIZE];
  struct iovec iov[2];
  int n = 0;

  bn_sim_wire_encode_record (rec, type, count, arg);
  if (ctx->n_out > 0)
    {
      iov[n].iov_base = ctx->out;
      iov[n].iov_len = ctx->n_out;
      n++;
    }
  iov[n].iov_base = rec;
  iov[n].iov_len = sizeof rec;
  n++;
  ctx->conn.tick = NULL;
  if (!bn_sim_conn_write (&ctx->conn, iov, n, FALSE, error))
    return FALSE;
  ctx->n_out = 0;
  return TRUE;
}

static inline void
mark_received (RecvCtx *ctx,
               guint64  page)
{
  guint64 bit = G_GUINT64_CONSTANT (1) << (page & 63);

  if (!(ctx->received[page >> 6] & bit))
    {
      ctx->received[page >> 6] |= bit;
      ctx->n_received++;
    }
}

static gboolean
handle_hello (RecvCtx  *ctx,
              GError  **error)
{
  BnSimReceive *self = ctx->self;
  guint8 buf[BN_SIM_WIRE_HELLO_SIZE];
  guint8 out[BN_SIM_WIRE_REPLY_SIZE];
  struct iovec iov = { out, sizeof out };
  BnSimWireHello hello;
  BnSimWireReply reply = { 0, };
  g_autoptr(GError) local = NULL;

  if (!bn_sim_conn_read_exact (&ctx->conn, buf, sizeof buf, error))
    return FALSE;
  bn_sim_wire_decode_hello (buf, &hello);
  if (memcmp (hello.magic, BN_SIM_WIRE_MAGIC_HELLO, 8) != 0)
    return bn_sim_mover_protocol_error (error, "The peer is not an LPAR Mover (bad magic)");

  memcpy (reply.magic, BN_SIM_WIRE_MAGIC_REPLY, 8);
  reply.version = BN_SIM_WIRE_VERSION;
  reply.session_id = hello.session_id;
  reply.total_pages = ctx->n_pages;
  if (hello.version != BN_SIM_WIRE_VERSION)
    {
      reply.status = BN_SIM_HELLO_BAD_VERSION;
      bn_sim_mover_protocol_error (&local, "The source speaks version %u, not %u",
                                   hello.version, BN_SIM_WIRE_VERSION);
    }
  else if (hello.page_size != BN_SIM_PAGE_SIZE)
    {
      reply.status = BN_SIM_HELLO_BAD_PAGE_SIZE;
      bn_sim_mover_protocol_error (&local, "The source's page size is %u, not %u",
                                   hello.page_size, BN_SIM_PAGE_SIZE);
    }
  else if (hello.total_pages != ctx->n_pages)
    {
      reply.status = BN_SIM_HELLO_SIZE_MISMATCH;
      bn_sim_mover_protocol_error (&local, "The source LPAR has %" G_GUINT64_FORMAT " pages, "
                                   "the destination %" G_GUINT64_FORMAT, hello.total_pages,
                                   ctx->n_pages);
    }
  else if (hello.max_batch_pages == 0 || hello.max_batch_pages > BN_SIM_WIRE_MAX_BATCH_PAGES
           || (hello.flags & ~BN_SIM_WIRE_FLAG_FULL_VERIFY) != 0)
    {
      reply.status = BN_SIM_HELLO_REFUSED;
      bn_sim_mover_protocol_error (&local, "Unsupported batch size %u or flags 0x%x",
                                   hello.max_batch_pages, hello.flags);
    }
  ctx->max_batch = hello.max_batch_pages;
  ctx->full_verify = (hello.flags & BN_SIM_WIRE_FLAG_FULL_VERIFY) != 0;

  if (local == NULL && self->prefault)
    {
      gint64 t0 = g_get_monotonic_time ();

      if (!bn_sim_memory_prefault (self->memory, &local))
        reply.status = BN_SIM_HELLO_REFUSED;
      ctx->prefault_us = g_get_monotonic_time () - t0;
    }

  bn_sim_wire_encode_reply (out, &reply);
  if (!bn_sim_conn_write (&ctx->conn, &iov, 1, FALSE, local ? NULL : error))
    {
      if (local == NULL)
        return FALSE;
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

static gboolean
handle_pages (RecvCtx          *ctx,
              BnSimWireRecord  *rec,
              GError          **error)
{
  guint8 *base = bn_sim_memory_get_data (ctx->self->memory);
  guint n = rec->count;

  if (n == 0 || n > ctx->max_batch || rec->arg != 0)
    return bn_sim_mover_protocol_error (error, "Bad page batch (%u pages, max %u)", n,
                                        ctx->max_batch);
  if (!bn_sim_conn_read_exact (&ctx->conn, ctx->index_buf, (gsize) n * 8, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      guint64 page = GUINT64_FROM_LE (ctx->index_buf[i]);

      if (page >= ctx->n_pages)
        return bn_sim_mover_protocol_error (error, "Page index %" G_GUINT64_FORMAT
                                            " out of range (%" G_GUINT64_FORMAT " pages)",
                                            page, ctx->n_pages);
      ctx->index_buf[i] = page;
      ctx->iov[i].iov_base = base + page * BN_SIM_PAGE_SIZE;
      ctx->iov[i].iov_len = BN_SIM_PAGE_SIZE;
    }
  if (!bn_sim_conn_read_iov (&ctx->conn, ctx->iov, n, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      guint64 page = ctx->index_buf[i];

      ctx->page_hash[page] = bn_sim_hash_page (base + page * BN_SIM_PAGE_SIZE);
      _bn_sim_memory_set_touched (ctx->self->memory, page);
      mark_received (ctx, page);
    }
  ctx->pages += n;
  return TRUE;
}

static gboolean
handle_zero_run (RecvCtx          *ctx,
                 BnSimWireRecord  *rec,
                 GError          **error)
{
  BnSimMemory *mem = ctx->self->memory;
  guint8 *base = bn_sim_memory_get_data (mem);
  guint64 zero_hash = bn_sim_hash_zero_page ();

  if (rec->count == 0 || rec->arg >= ctx->n_pages || rec->count > ctx->n_pages - rec->arg)
    return bn_sim_mover_protocol_error (error, "Zero run [%" G_GUINT64_FORMAT
                                        ", +%u) out of range (%" G_GUINT64_FORMAT " pages)",
                                        rec->arg, rec->count, ctx->n_pages);
  for (guint64 p = rec->arg; p < rec->arg + rec->count; p++)
    {
      /* A page never written here is already zero: leave it alone (and unfaulted). */
      if (_bn_sim_memory_page_touched (mem, p))
        memset (base + p * BN_SIM_PAGE_SIZE, 0, BN_SIM_PAGE_SIZE);
      ctx->page_hash[p] = zero_hash;
      mark_received (ctx, p);
    }
  ctx->zero_pages += rec->count;
  return TRUE;
}

static gboolean
handle_end (RecvCtx          *ctx,
            BnSimWireRecord  *rec,
            BnSimMoveResult  *result,
            GError          **error)
{
  BnSimReceive *self = ctx->self;
  g_autofree guint8 *state = NULL;
  guint32 status = BN_SIM_ACK_OK;

  if (rec->count > BN_SIM_MOVE_MAX_DEVICE_STATE)
    return bn_sim_mover_protocol_error (error, "Device state of %u bytes exceeds %u", rec->count,
                                        BN_SIM_MOVE_MAX_DEVICE_STATE);
  state = g_malloc (MAX (rec->count, 1));
  if (!bn_sim_conn_read_exact (&ctx->conn, state, rec->count, error))
    return FALSE;

  ctx->phase = BN_SIM_MOVE_PHASE_VERIFY;
  ctx->checksum = bn_sim_mover_checksum (self->memory, ctx->page_hash, ctx->n_pages,
                                         ctx->full_verify);
  ctx->checksum_valid = TRUE;
  if (ctx->n_received != ctx->n_pages)
    status = BN_SIM_ACK_INCOMPLETE;
  else if (ctx->checksum != rec->arg)
    status = BN_SIM_ACK_CHECKSUM_MISMATCH;

  if (!send_record (ctx, BN_SIM_REC_ACK, status, ctx->checksum, error))
    return FALSE;
  ctx->suspend_us = g_get_monotonic_time () - ctx->t_suspend;

  if (status == BN_SIM_ACK_INCOMPLETE)
    return bn_sim_mover_protocol_error (error, "The source suspended with %" G_GUINT64_FORMAT
                                        " of %" G_GUINT64_FORMAT " pages never sent",
                                        ctx->n_pages - ctx->n_received, ctx->n_pages);
  if (status != BN_SIM_ACK_OK)
    {
      g_set_error (error, BN_SIM_MOVE_ERROR, BN_SIM_MOVE_ERROR_VERIFY_FAILED,
                   "Checksum mismatch: source %016" G_GINT64_MODIFIER "x, destination %016"
                   G_GINT64_MODIFIER "x", rec->arg, ctx->checksum);
      return FALSE;
    }

  g_mutex_lock (&self->core.mutex);
  g_clear_pointer (&self->device_state, g_bytes_unref);
  self->device_state = g_bytes_new_take (g_steal_pointer (&state), rec->count);
  g_mutex_unlock (&self->core.mutex);
  *result = BN_SIM_MOVE_RESULT_COMPLETED;
  return TRUE;
}

static gboolean
handle_record (RecvCtx          *ctx,
               BnSimWireRecord  *rec,
               gboolean         *done,
               BnSimMoveResult  *result,
               GError          **error)
{
  gboolean suspended = ctx->phase >= BN_SIM_MOVE_PHASE_STOP_AND_COPY;

  switch (rec->type)
    {
    case BN_SIM_REC_ROUND:
      if (suspended || rec->count != 0
          || rec->arg != (ctx->round_started ? ctx->round + 1 : 0))
        return bn_sim_mover_protocol_error (error, "Unexpected round marker %" G_GUINT64_FORMAT,
                                            rec->arg);
      ctx->round = rec->arg;
      ctx->round_started = TRUE;
      return TRUE;

    case BN_SIM_REC_PAGES:
      if (!ctx->round_started)
        return bn_sim_mover_protocol_error (error, "Pages before the first round");
      return handle_pages (ctx, rec, error);

    case BN_SIM_REC_ZERO_RUN:
      if (!ctx->round_started)
        return bn_sim_mover_protocol_error (error, "Pages before the first round");
      return handle_zero_run (ctx, rec, error);

    case BN_SIM_REC_SUSPEND:
      if (suspended || !ctx->round_started || rec->count != 0 || rec->arg != ctx->round + 1)
        return bn_sim_mover_protocol_error (error, "Unexpected suspend marker");
      if (!bn_sim_mover_core_begin_suspend (&ctx->self->core, error))
        return FALSE;
      bn_sim_conn_ignore_cancel (&ctx->conn);
      ctx->phase = BN_SIM_MOVE_PHASE_STOP_AND_COPY;
      ctx->t_suspend = g_get_monotonic_time ();
      ctx->round = rec->arg;
      return TRUE;

    case BN_SIM_REC_END:
      if (!suspended)
        return bn_sim_mover_protocol_error (error, "End of copy before the suspend");
      if (!handle_end (ctx, rec, result, error))
        return FALSE;
      *done = TRUE;
      return TRUE;

    case BN_SIM_REC_ABORT:
      if (rec->count == BN_SIM_ABORT_USER)
        g_set_error_literal (error, BN_SIM_MOVE_ERROR, BN_SIM_MOVE_ERROR_TERMINATED_BY_USER,
                             "Terminated by user on the source");
      else if (rec->count == BN_SIM_ABORT_WRITE_INTENSIVE)
        g_set_error_literal (error, BN_SIM_MOVE_ERROR,
                             BN_SIM_MOVE_ERROR_CANCELED_WRITE_INTENSIVE,
                             bn_sim_move_result_to_string (
                               BN_SIM_MOVE_RESULT_CANCELED_WRITE_INTENSIVE));
      else
        bn_sim_mover_protocol_error (error, "The source aborted the move (reason %u)", rec->count);
      return FALSE;

    default:
      return bn_sim_mover_protocol_error (error, "Unknown record type %u", rec->type);
    }
}

static BnSimMoveResult
run_receive (RecvCtx  *ctx,
             GError  **error)
{
  g_autoptr(GError) local = NULL;
  BnSimMoveResult result = BN_SIM_MOVE_RESULT_PROTOCOL_ERROR;
  gboolean done = FALSE;
  BnSimMoveResult r;

  ctx->phase = BN_SIM_MOVE_PHASE_HANDSHAKE;
  publish (ctx, g_get_monotonic_time (), FALSE);
  if (!handle_hello (ctx, &local))
    goto failed;

  ctx->phase = BN_SIM_MOVE_PHASE_PRECOPY;
  ctx->conn.tick = recv_tick;
  ctx->conn.tick_data = ctx;
  publish (ctx, g_get_monotonic_time (), FALSE);

  while (!done)
    {
      guint8 buf[BN_SIM_WIRE_RECORD_SIZE];
      BnSimWireRecord rec;

      if (!bn_sim_conn_read_exact (&ctx->conn, buf, sizeof buf, &local))
        goto failed;
      bn_sim_wire_decode_record (buf, &rec);
      if (!handle_record (ctx, &rec, &done, &result, &local))
        goto failed;
      if (!done && !recv_tick (ctx, &local))
        goto failed;
    }
  return result;

failed:
  r = bn_sim_mover_classify_error (local);

  if (ctx->phase >= BN_SIM_MOVE_PHASE_PRECOPY && ctx->phase < BN_SIM_MOVE_PHASE_VERIFY)
    {
      g_autoptr(GError) ignored = NULL;

      bn_sim_conn_ignore_cancel (&ctx->conn);
      ctx->conn.io_timeout_us = G_USEC_PER_SEC;
      if (r == BN_SIM_MOVE_RESULT_TERMINATED_BY_USER && local->domain == G_IO_ERROR)
        send_record (ctx, BN_SIM_REC_ABORT, BN_SIM_ABORT_USER, 0, &ignored);
      else if (r == BN_SIM_MOVE_RESULT_PROTOCOL_ERROR)
        send_record (ctx, BN_SIM_REC_ABORT, BN_SIM_ABORT_ERROR, 0, &ignored);
    }

  bn_sim_mover_normalize_error (&local, ctx->phase, (guint) ctx->round);
  g_propagate_error (error, g_steal_pointer (&local));
  return r;
}

static gpointer
receive_thread (gpointer data)
{
  GTask *task = data;
  BnSimReceive *self = g_task_get_source_object (task);
  RecvCtx *ctx = g_new0 (RecvCtx, 1);
  g_autoptr(GError) error = NULL;
  BnSimMoveResult result;
  BnSimMovePhase failed_phase = BN_SIM_MOVE_PHASE_IDLE;

  ctx->self = self;
  ctx->n_pages = bn_sim_memory_get_n_pages (self->memory);
  ctx->page_hash = g_new0 (guint64, ctx->n_pages);
  ctx->received = g_new0 (guint64, (ctx->n_pages + 63) / 64);
  ctx->t_start = g_get_monotonic_time ();
  ctx->last_sample_t = ctx->t_start;
  ctx->next_sample = ctx->t_start + (gint64) self->core.sample_interval_ms * 1000;
  ctx->last_progress = ctx->t_start;
  ctx->suspend_us = -1;
  bn_sim_mover_core_open_conn (&self->core, &ctx->conn, READ_BUFFER);
  /* The destination only ever writes small records, each of which should leave now. */
  g_socket_set_option (self->core.socket, IPPROTO_TCP, TCP_NODELAY, 1, NULL);

  result = run_receive (ctx, &error);
  if (result != BN_SIM_MOVE_RESULT_COMPLETED)
    {
      failed_phase = ctx->phase;
      /* The LPAR does not arrive: give its memory back now. */
      bn_sim_memory_discard (self->memory);
    }

  bn_sim_mover_core_end (&self->core, &ctx->conn, result, failed_phase);
  ctx->phase = BN_SIM_MOVE_PHASE_DONE;
  publish (ctx, g_get_monotonic_time (), TRUE);

  bn_sim_mover_core_return (task, "receive", &ctx->conn, ctx->t_start, result,
                            g_steal_pointer (&error));
  g_free (ctx->page_hash);
  g_free (ctx->received);
  g_free (ctx);
  return NULL;
}

/**
 * bn_sim_receive_run_async:
 * @cancellable: (nullable): cancels like bn_sim_receive_cancel()
 *
 * Starts receiving in its own thread; @callback and #BnSimReceive::sample run in the
 * caller's thread-default main context. On any failure the destination memory is
 * discarded (bn_sim_memory_discard()).
 */
void
bn_sim_receive_run_async (BnSimReceive        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (BN_SIM_IS_RECEIVE (self));
  g_return_if_fail (!self->core.started);

  bn_sim_mover_core_run_async (&self->core, self, cancellable, callback, user_data,
                               bn_sim_receive_run_async, "bn-sim-receive", receive_thread);
}

BnSimMoveResult
bn_sim_receive_run_finish (BnSimReceive  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (BN_SIM_IS_RECEIVE (self), BN_SIM_MOVE_RESULT_PROTOCOL_ERROR);
  g_return_val_if_fail (g_task_is_valid (result, self), BN_SIM_MOVE_RESULT_PROTOCOL_ERROR);

  return bn_sim_mover_core_run_finish (result, error);
}
