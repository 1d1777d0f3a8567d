/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-sim-mover"

#include "config.h"

#ifndef _GNU_SOURCE
# define _GNU_SOURCE
#endif
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
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
bn_sim_conn_init (BnSimConn *c,
                  int        fd,
                  int        cancel_fd,
                  gsize      read_buffer)
{
  memset (c, 0, sizeof *c);
  c->fd = fd;
  c->cancel_fd = cancel_fd;
  c->io_timeout_us = 30 * G_USEC_PER_SEC;
  c->tick_interval_us = 20 * 1000;
  c->rcap = read_buffer;
  c->rbuf = g_malloc (read_buffer);
}

void
bn_sim_conn_clear (BnSimConn *c)
{
  g_clear_pointer (&c->rbuf, g_free);
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
run_tick (BnSimConn  *c,
          GError    **error)
{
  return c->tick == NULL || c->tick (c->tick_data, error);
}

/*
 * Waits until @events is ready on the socket, the deadline @until passes (0: none), or
 * the I/O timeout runs out since @progress_at. Runs the tick at least every
 * tick_interval_us, and on input when watch_input is set and @events lacks POLLIN.
 * Returns TRUE when the socket is ready or the deadline passed (then *@ready is FALSE).
 */
static gboolean
wait_for (BnSimConn  *c,
          short       events,
          gint64      until,
          gint64      progress_at,
          gboolean   *ready,
          GError    **error)
{
  for (;;)
    {
      struct pollfd fds[2];
      nfds_t n = 0;
      gint64 now = g_get_monotonic_time ();
      gint64 limit = now + c->tick_interval_us;
      struct timespec ts;
      short want = events;
      int r;

      if (until != 0 && now >= until)
        {
          *ready = FALSE;
          return TRUE;
        }
      if (c->io_timeout_us > 0 && events != 0 && now - progress_at >= c->io_timeout_us)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                       "No data moved on the migration path for %" G_GINT64_FORMAT " ms",
                       c->io_timeout_us / 1000);
          return FALSE;
        }
      if (until != 0)
        limit = MIN (limit, until);
      if (c->io_timeout_us > 0 && events != 0)
        limit = MIN (limit, progress_at + c->io_timeout_us);
      if (c->watch_input)
        want |= POLLIN;

      fds[n].fd = c->fd;
      fds[n].events = want;
      fds[n].revents = 0;
      n++;
      if (c->cancel_fd >= 0)
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
      if (n > 1 && (fds[1].revents & POLLIN))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Canceled");
          return FALSE;
        }
      if (fds[0].revents & (events | POLLERR | POLLHUP))
        {
          *ready = TRUE;
          return TRUE;
        }
      /* Input the caller did not ask for (the peer's progress), or the tick's turn. */
      if (!run_tick (c, error))
        return FALSE;
    }
}

gboolean
bn_sim_conn_wait (BnSimConn  *c,
                  gint64      until,
                  GError    **error)
{
  gboolean ready;

  return wait_for (c, 0, until, 0, &ready, error);
}

/* Waits until input is there (or was already buffered), or @until passes. */
gboolean
bn_sim_conn_wait_input (BnSimConn  *c,
                        gint64      until,
                        GError    **error)
{
  gboolean ready;

  if (c->rlen > c->rpos)
    return TRUE;
  return wait_for (c, POLLIN, until, g_get_monotonic_time (), &ready, error);
}

/* Sends FIN, then discards input until the peer's EOF or @timeout_us. */
void
bn_sim_conn_linger (BnSimConn *c,
                    gint64     timeout_us)
{
  gint64 until = g_get_monotonic_time () + timeout_us;
  guint8 scratch[4096];

  c->watch_input = FALSE;
  c->io_timeout_us = 0;
  if (shutdown (c->fd, SHUT_WR) != 0)
    return;
  for (;;)
    {
      gssize n = recv (c->fd, scratch, sizeof scratch, MSG_DONTWAIT);
      gboolean ready;

      if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
        return;
      if (n > 0)
        continue;
      if (!wait_for (c, POLLIN, until, 0, &ready, NULL) || !ready)
        return;
    }
}

/* Writes all of @iov (at most 8 entries), rate-limited when @limited. */
gboolean
bn_sim_conn_write (BnSimConn           *c,
                   const struct iovec  *iov,
                   int                  iovcnt,
                   gboolean             limited,
                   GError             **error)
{
  struct iovec v[8];
  struct msghdr msg = { 0, };
  gsize total = 0;
  int first = 0;
  gint64 progress_at;

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

      if (c->tb_next < now - BURST_US)
        c->tb_next = now - BURST_US;
      if (c->tb_next > now && !bn_sim_conn_wait (c, c->tb_next, error))
        return FALSE;
      c->tb_next += (gint64) ((gdouble) total * G_USEC_PER_SEC / (gdouble) c->rate_limit);
    }

  progress_at = g_get_monotonic_time ();
  while (total > 0)
    {
      gssize n;

      msg.msg_iov = v + first;
      msg.msg_iovlen = iovcnt - first;
      n = sendmsg (c->fd, &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n < 0)
        {
          gboolean ready;

          if (errno == EINTR)
            continue;
          if (errno != EAGAIN && errno != EWOULDBLOCK)
            return set_errno_error (error, errno, "Cannot send on the migration path");
          if (!wait_for (c, POLLOUT, 0, progress_at, &ready, error))
            return FALSE;
          continue;
        }
      progress_at = g_get_monotonic_time ();
      c->bytes_out += n;
      total -= n;
      while (n > 0)
        {
          if ((gsize) n >= v[first].iov_len)
            {
              n -= v[first].iov_len;
              v[first].iov_len = 0;
              first++;
            }
          else
            {
              v[first].iov_base = (guint8 *) v[first].iov_base + n;
              v[first].iov_len -= n;
              n = 0;
            }
        }
      while (first < iovcnt && v[first].iov_len == 0)
        first++;
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

/* One recvmsg into @iov; returns the byte count, 0 when nothing is there yet, -1 on error. */
static gssize
recv_some (BnSimConn     *c,
           struct iovec  *iov,
           int            iovcnt,
           GError       **error)
{
  struct msghdr msg = { 0, };

  msg.msg_iov = iov;
  msg.msg_iovlen = iovcnt;
  for (;;)
    {
      gssize n = recvmsg (c->fd, &msg, MSG_DONTWAIT);

      if (n > 0)
        {
          c->bytes_in += n;
          return n;
        }
      if (n == 0)
        {
          eof_error (error);
          return -1;
        }
      if (errno == EINTR)
        continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK)
        return 0;
      set_errno_error (error, errno, "Cannot receive on the migration path");
      return -1;
    }
}

static gboolean
fill_buffer (BnSimConn  *c,
             gboolean    block,
             GError    **error)
{
  gint64 progress_at = g_get_monotonic_time ();

  if (c->rpos > 0)
    {
      memmove (c->rbuf, c->rbuf + c->rpos, c->rlen - c->rpos);
      c->rlen -= c->rpos;
      c->rpos = 0;
    }
  for (;;)
    {
      struct iovec v = { c->rbuf + c->rlen, c->rcap - c->rlen };
      gssize n;
      gboolean ready;

      if (v.iov_len == 0)
        return TRUE;
      n = recv_some (c, &v, 1, error);
      if (n < 0)
        return FALSE;
      if (n > 0)
        {
          c->rlen += n;
          return TRUE;
        }
      if (!block)
        return TRUE;
      if (!wait_for (c, POLLIN, 0, progress_at, &ready, error))
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
 * the socket into the caller's memory—no staging copy for page data.
 */
gboolean
bn_sim_conn_read_iov (BnSimConn     *c,
                      struct iovec  *iov,
                      int            iovcnt,
                      GError       **error)
{
  int first = 0;
  gint64 progress_at;

  while (first < iovcnt && c->rpos < c->rlen)
    {
      gsize n = MIN (iov[first].iov_len, c->rlen - c->rpos);

      memcpy (iov[first].iov_base, c->rbuf + c->rpos, n);
      c->rpos += n;
      iov[first].iov_base = (guint8 *) iov[first].iov_base + n;
      iov[first].iov_len -= n;
      if (iov[first].iov_len == 0)
        first++;
    }
  while (first < iovcnt && iov[first].iov_len == 0)
    first++;

  progress_at = g_get_monotonic_time ();
  while (first < iovcnt)
    {
      gssize n = recv_some (c, iov + first, MIN (iovcnt - first, 1024), error);
      gboolean ready;

      if (n < 0)
        return FALSE;
      if (n == 0)
        {
          if (!wait_for (c, POLLIN, 0, progress_at, &ready, error))
            return FALSE;
          continue;
        }
      progress_at = g_get_monotonic_time ();
      while (n > 0)
        {
          gsize step = MIN ((gsize) n, iov[first].iov_len);

          iov[first].iov_base = (guint8 *) iov[first].iov_base + step;
          iov[first].iov_len -= step;
          n -= step;
          if (iov[first].iov_len == 0)
            first++;
        }
      while (first < iovcnt && iov[first].iov_len == 0)
        first++;
    }
  return TRUE;
}
