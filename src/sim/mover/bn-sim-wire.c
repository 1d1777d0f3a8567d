/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-sim-mover"

#include "config.h"

#ifndef _GNU_SOURCE
# define _GNU_SOURCE
#endif
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>

#include "bn-sim-wire-private.h"

/* At most this much unused credit carries over in the token bucket. */
#define BURST_US 2000

static inline void
put32 (guint8 *p, guint32 v)
{
  v = GUINT32_TO_LE (v);
  memcpy (p, &v, 4);
}

static inline void
put64 (guint8 *p, guint64 v)
{
  v = GUINT64_TO_LE (v);
  memcpy (p, &v, 8);
}

static inline guint32
get32 (const guint8 *p)
{
  guint32 v;

  memcpy (&v, p, 4);
  return GUINT32_FROM_LE (v);
}

static inline guint64
get64 (const guint8 *p)
{
  guint64 v;

  memcpy (&v, p, 8);
  return GUINT64_FROM_LE (v);
}

void
bn_sim_wire_encode_record (guint8  out[BN_SIM_WIRE_RECORD_SIZE],
                           guint32 type,
                           guint32 count,
                           guint64 arg)
{
  put32 (out, type);
  put32 (out + 4, count);
  put64 (out + 8, arg);
}

void
bn_sim_wire_decode_record (const guint8     in[BN_SIM_WIRE_RECORD_SIZE],
                           BnSimWireRecord *rec)
{
  rec->type = get32 (in);
  rec->count = get32 (in + 4);
  rec->arg = get64 (in + 8);
}

void
bn_sim_wire_encode_hello (guint8                out[BN_SIM_WIRE_HELLO_SIZE],
                          const BnSimWireHello *hello)
{
  memcpy (out, hello->magic, 8);
  put32 (out + 8, hello->version);
  put32 (out + 12, hello->page_size);
  put64 (out + 16, hello->total_pages);
  put64 (out + 24, hello->session_id);
  put32 (out + 32, hello->flags);
  put32 (out + 36, hello->max_batch_pages);
}

void
bn_sim_wire_decode_hello (const guint8    in[BN_SIM_WIRE_HELLO_SIZE],
                          BnSimWireHello *hello)
{
  memcpy (hello->magic, in, 8);
  hello->version = get32 (in + 8);
  hello->page_size = get32 (in + 12);
  hello->total_pages = get64 (in + 16);
  hello->session_id = get64 (in + 24);
  hello->flags = get32 (in + 32);
  hello->max_batch_pages = get32 (in + 36);
}

void
bn_sim_wire_encode_reply (guint8                out[BN_SIM_WIRE_REPLY_SIZE],
                          const BnSimWireReply *reply)
{
  memcpy (out, reply->magic, 8);
  put32 (out + 8, reply->version);
  put32 (out + 12, reply->status);
  put64 (out + 16, reply->session_id);
  put64 (out + 24, reply->total_pages);
}

void
bn_sim_wire_decode_reply (const guint8    in[BN_SIM_WIRE_REPLY_SIZE],
                          BnSimWireReply *reply)
{
  memcpy (reply->magic, in, 8);
  reply->version = get32 (in + 8);
  reply->status = get32 (in + 12);
  reply->session_id = get64 (in + 16);
  reply->total_pages = get64 (in + 24);
}

void
bn_sim_conn_init (BnSimConn    *c,
                  int           fd,
                  GCancellable *cancellable,
                  gsize         read_buffer)
{
  int flags;

  memset (c, 0, sizeof *c);
  c->fd = fd;
  c->cancellable = cancellable;
  c->cancel_fd = cancellable ? g_cancellable_get_fd (cancellable) : -1;
  c->io_timeout_us = 30 * G_USEC_PER_SEC;
  c->tick_interval_us = 20 * 1000;
  c->rcap = read_buffer;
  c->rbuf = g_malloc (read_buffer);

  /*
   * Blocking calls with a short kernel timeout: a sendmsg or a MSG_WAITALL recvmsg then
   * moves a whole batch per call instead of EAGAIN → poll → retry, and still returns every
   * 20 ms so cancellation, the I/O timeout and the tick are looked at.
   */
  flags = fcntl (fd, F_GETFL);
  if (flags >= 0 && (flags & O_NONBLOCK))
    fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);
  {
    struct timeval tv = { 0, (suseconds_t) c->tick_interval_us };

    setsockopt (fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    setsockopt (fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
}

void
bn_sim_conn_clear (BnSimConn *c)
{
  if (c->cancellable != NULL && c->cancel_fd >= 0)
    g_cancellable_release_fd (c->cancellable);
  c->cancel_fd = -1;
  c->cancellable = NULL;
  g_clear_pointer (&c->rbuf, g_free);
}

/* From now on cancellation is not looked at (the suspend has begun, or we are ending). */
void
bn_sim_conn_ignore_cancel (BnSimConn *c)
{
  c->ignore_cancel = TRUE;
}

static gboolean
set_errno_error (GError     **error,
                 int          err,
                 const char  *what)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (err), "%s: %s", what, g_strerror (err));
  return FALSE;
}

static gboolean
is_cancelled (BnSimConn *c)
{
  return !c->ignore_cancel && c->cancellable != NULL
         && g_cancellable_is_cancelled (c->cancellable);
}

static gboolean
cancelled_error (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Canceled");
  return FALSE;
}

/* Between blocking calls: cancellation, the I/O timeout, and the tick when it is due. */
static gboolean
checkpoint (BnSimConn  *c,
            gint64      progress_at,
            GError    **error)
{
  gint64 now = g_get_monotonic_time ();

  if (is_cancelled (c))
    return cancelled_error (error);
  if (c->io_timeout_us > 0 && now - progress_at >= c->io_timeout_us)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                   "No data moved on the migration path for %" G_GINT64_FORMAT " ms",
                   c->io_timeout_us / 1000);
      return FALSE;
    }
  if (c->tick != NULL && now - c->last_tick >= c->tick_interval_us)
    {
      c->last_tick = now;
      return c->tick (c->tick_data, error);
    }
  return TRUE;
}

/*
 * Sleeps until @until (or, with @want_input, until input arrives), waking for
 * cancellation and running the tick on input (watch_input) or every tick interval.
 * *@input tells whether input is what ended the wait.
 */
static gboolean
poll_until (BnSimConn  *c,
            gint64      until,
            gboolean    want_input,
            gboolean   *input,
            GError    **error)
{
  *input = FALSE;
  for (;;)
    {
      struct pollfd fds[2];
      nfds_t n = 0;
      gint64 now = g_get_monotonic_time ();
      gint64 limit = MIN (until, now + c->tick_interval_us);
      struct timespec ts;
      int r;

      if (is_cancelled (c))
        return cancelled_error (error);
      if (now >= until)
        return TRUE;
      fds[n].fd = c->fd;
      fds[n].events = (want_input || c->watch_input) ? POLLIN : 0;
      fds[n].revents = 0;
      n++;
      if (c->cancel_fd >= 0 && !c->ignore_cancel)
        {
          fds[n].fd = c->cancel_fd;
          fds[n].events = POLLIN;
          fds[n].revents = 0;
          n++;
        }
      ts.tv_sec = (limit - now) / G_USEC_PER_SEC;
      ts.tv_nsec = ((limit - now) % G_USEC_PER_SEC) * 1000;
      r = ppoll (fds, n, &ts, NULL);
      if (r < 0)
        {
          if (errno == EINTR)
            continue;
          return set_errno_error (error, errno, "poll");
        }
      if (want_input && (fds[0].revents & (POLLIN | POLLERR | POLLHUP)))
        {
          *input = TRUE;
          return TRUE;
        }
      if ((fds[0].revents & (POLLIN | POLLERR | POLLHUP)) || r == 0)
        {
          if (c->tick != NULL)
            {
              c->last_tick = g_get_monotonic_time ();
              if (!c->tick (c->tick_data, error))
                return FALSE;
            }
          /* A tick that did not consume a hang-up would spin: let the caller see it. */
          if ((fds[0].revents & (POLLERR | POLLHUP)) && c->tick == NULL)
            return TRUE;
        }
    }
}

gboolean
bn_sim_conn_wait (BnSimConn  *c,
                  gint64      until,
                  GError    **error)
{
  gboolean input;

  return poll_until (c, until, FALSE, &input, error);
}

/* Waits until input is there (or was already buffered), or @until passes. */
gboolean
bn_sim_conn_wait_input (BnSimConn  *c,
                        gint64      until,
                        GError    **error)
{
  gboolean input;

  if (c->rlen > c->rpos)
    return TRUE;
  return poll_until (c, until, TRUE, &input, error);
}

/* Sends FIN, then discards input until the peer's EOF or @timeout_us. */
void
bn_sim_conn_linger (BnSimConn *c,
                    gint64     timeout_us)
{
  gint64 until = g_get_monotonic_time () + timeout_us;
  guint8 scratch[4096];

  if (shutdown (c->fd, SHUT_WR) != 0)
    return;
  while (g_get_monotonic_time () < until)
    {
      gssize n = recv (c->fd, scratch, sizeof scratch, 0);

      if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
        return;
    }
}

static void
advance_iov (struct iovec *iov,
             int           iovcnt,
             int          *first,
             gsize         n)
{
  while (n > 0 && *first < iovcnt)
    {
      gsize step = MIN (n, iov[*first].iov_len);

      iov[*first].iov_base = (guint8 *) iov[*first].iov_base + step;
      iov[*first].iov_len -= step;
      n -= step;
      if (iov[*first].iov_len == 0)
        (*first)++;
    }
  while (*first < iovcnt && iov[*first].iov_len == 0)
    (*first)++;
}

/* Writes all of @iov (at most 8 entries), rate-limited when @limited. */
gboolean
bn_sim_conn_write (BnSimConn           *c,
                   const struct iovec  *iov,
                   int                  iovcnt,
                   gboolean             limited,
                   GError             **error)
{
  struct iovec v[2 + 64];   /* small records, page numbers, up to 64 runs of pages */
  struct msghdr msg = { 0, };
  gsize total = 0;
  int first = 0;
  gint64 progress_at;
  gint64 grace_until = 0;
  gboolean sent_any = FALSE;

  g_assert (iovcnt > 0 && iovcnt <= (int) G_N_ELEMENTS (v));

  for (int i = 0; i < iovcnt; i++)
    {
      v[i] = iov[i];
      total += iov[i].iov_len;
    }
  if (total == 0)
    return TRUE;

  if (limited && c->rate_limit > 0)
    {
      gint64 now = g_get_monotonic_time ();

      /* No credit before the first write, at most BURST_US of it afterwards. */
      if (c->tb_next == 0)
        c->tb_next = now;
      else if (c->tb_next < now - BURST_US)
        c->tb_next = now - BURST_US;
      if (c->tb_next > now && !bn_sim_conn_wait (c, c->tb_next, error))
        return FALSE;
      c->tb_next += (gint64) ((gdouble) total * G_USEC_PER_SEC / (gdouble) c->rate_limit);
    }
  else if (is_cancelled (c))
    {
      return cancelled_error (error);
    }

  progress_at = g_get_monotonic_time ();
  while (first < iovcnt)
    {
      gssize n;

      msg.msg_iov = v + first;
      msg.msg_iovlen = iovcnt - first;
      n = sendmsg (c->fd, &msg, MSG_NOSIGNAL);
      if (n < 0 && errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK)
        return set_errno_error (error, errno, "Cannot send on the migration path");
      if (n > 0)
        {
          progress_at = g_get_monotonic_time ();
          c->bytes_out += n;
          sent_any = TRUE;
          advance_iov (v, iovcnt, &first, n);
          if (first == iovcnt)
            break;
        }
      /* Partial (the kernel's 20 ms timeout) or nothing yet. */
      if (is_cancelled (c))
        {
          gint64 now = g_get_monotonic_time ();

          /* Started: try to finish the record so the peer can still read an abort. */
          if (!sent_any || (grace_until != 0 && now >= grace_until))
            return cancelled_error (error);
          if (grace_until == 0)
            grace_until = now + G_USEC_PER_SEC;
          continue;
        }
      if (!checkpoint (c, progress_at, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
eof_error (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                       "The peer closed the migration path");
  return FALSE;
}

static gboolean
fill_buffer (BnSimConn  *c,
             gboolean    block,
             GError    **error)
{
  gint64 progress_at = g_get_monotonic_time ();

  /* Checked on every call: while data flows the kernel timeout never fires. */
  if (block && is_cancelled (c))
    return cancelled_error (error);
  if (c->rpos > 0)
    {
      memmove (c->rbuf, c->rbuf + c->rpos, c->rlen - c->rpos);
      c->rlen -= c->rpos;
      c->rpos = 0;
    }
  if (c->rlen == c->rcap)
    return TRUE;
  for (;;)
    {
      gssize n = recv (c->fd, c->rbuf + c->rlen, c->rcap - c->rlen, block ? 0 : MSG_DONTWAIT);

      if (n > 0)
        {
          c->bytes_in += n;
          c->rlen += n;
          return TRUE;
        }
      if (n == 0)
        return eof_error (error);
      if (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK)
        return set_errno_error (error, errno, "Cannot receive on the migration path");
      if (!block)
        return TRUE;
      if (!checkpoint (c, progress_at, error))
        return FALSE;
    }
}

/* Reads whatever has arrived into the buffer without waiting. */
gboolean
bn_sim_conn_poll_input (BnSimConn  *c,
                        GError    **error)
{
  return fill_buffer (c, FALSE, error);
}

gsize
bn_sim_conn_buffered (BnSimConn *c)
{
  return c->rlen - c->rpos;
}

const guint8 *
bn_sim_conn_peek (BnSimConn *c)
{
  return c->rbuf + c->rpos;
}

void
bn_sim_conn_consume (BnSimConn *c,
                     gsize      n)
{
  g_assert (n <= c->rlen - c->rpos);
  c->rpos += n;
}

gboolean
bn_sim_conn_read_exact (BnSimConn  *c,
                        void       *buf,
                        gsize       len,
                        GError    **error)
{
  guint8 *out = buf;

  while (len > 0)
    {
      gsize have = c->rlen - c->rpos;

      if (have == 0)
        {
          if (!fill_buffer (c, TRUE, error))
            return FALSE;
          continue;
        }
      have = MIN (have, len);
      memcpy (out, c->rbuf + c->rpos, have);
      c->rpos += have;
      out += have;
      len -= have;
    }
  return TRUE;
}

/*
 * Fills @iov completely (modifying it): first from what is buffered, then straight from
 * the socket into the caller's memory—no staging copy for page data, one MSG_WAITALL
 * recvmsg for a whole batch when it arrives within the kernel timeout.
 */
gboolean
bn_sim_conn_read_iov (BnSimConn     *c,
                      struct iovec  *iov,
                      int            iovcnt,
                      GError       **error)
{
  int first = 0;
  gint64 progress_at;

  if (is_cancelled (c))
    return cancelled_error (error);
  while (first < iovcnt && c->rpos < c->rlen)
    {
      gsize n = MIN (iov[first].iov_len, c->rlen - c->rpos);

      memcpy (iov[first].iov_base, c->rbuf + c->rpos, n);
      c->rpos += n;
      advance_iov (iov, iovcnt, &first, n);
    }
  while (first < iovcnt && iov[first].iov_len == 0)
    first++;

  progress_at = g_get_monotonic_time ();
  while (first < iovcnt)
    {
      struct msghdr msg = { 0, };
      gssize n;

      msg.msg_iov = iov + first;
      msg.msg_iovlen = MIN (iovcnt - first, 1024);
      n = recvmsg (c->fd, &msg, MSG_WAITALL);
      if (n == 0)
        return eof_error (error);
      if (n < 0 && errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK)
        return set_errno_error (error, errno, "Cannot receive on the migration path");
      if (n > 0)
        {
          progress_at = g_get_monotonic_time ();
          c->bytes_in += n;
          advance_iov (iov, iovcnt, &first, n);
          if (first == iovcnt)
            break;
        }
      if (!checkpoint (c, progress_at, error))
        return FALSE;
    }
  return TRUE;
}
