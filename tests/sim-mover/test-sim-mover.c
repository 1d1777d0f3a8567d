/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sim-mover"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "bn-sim-mover.h"

#define MiB (1024u * 1024u)

/* ---- helpers ------------------------------------------------------------------------ */

static void
make_pair (GSocket **client,
           GSocket **server)
{
  g_autoptr(GSocket) listener = NULL;
  g_autoptr(GInetAddress) lo = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (lo, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                           G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (listener, any, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (listener, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (listener, &error);
  g_assert_no_error (error);

  *client = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                          G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_connect (*client, bound, NULL, &error);
  g_assert_no_error (error);
  *server = g_socket_accept (listener, NULL, &error);
  g_assert_no_error (error);
}

static BnSimMemory *
new_memory (guint64  size,
            gboolean prefault)
{
  g_autoptr(GError) error = NULL;
  BnSimMemory *mem = bn_sim_memory_new (size, prefault ? BN_SIM_MEMORY_PREFAULT : 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (mem);
  return mem;
}

typedef struct
{
  GMainLoop       *loop;
  guint            pending;
  BnSimMoveResult  send_result;
  BnSimMoveResult  recv_result;
  GError          *send_error;
  GError          *recv_error;
  guint            send_samples;
  guint            recv_samples;
  gboolean         saw_round1;
  guint64          max_dirty_rate;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->loop, g_main_loop_unref);
  g_clear_error (&run->send_error);
  g_clear_error (&run->recv_error);
}

static void
move_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Run *run = user_data;

  run->send_result = bn_sim_move_run_finish (BN_SIM_MOVE (object), result, &run->send_error);
  if (--run->pending == 0)
    g_main_loop_quit (run->loop);
}

static void
receive_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Run *run = user_data;

  run->recv_result = bn_sim_receive_run_finish (BN_SIM_RECEIVE (object), result,
                                                &run->recv_error);
  if (--run->pending == 0)
    g_main_loop_quit (run->loop);
}

static void
on_send_sample (BnSimMove      *move,
                BnSimMoveStats *stats,
                gpointer        user_data)
{
  Run *run = user_data;

  run->send_samples++;
  run->max_dirty_rate = MAX (run->max_dirty_rate, stats->dirty_rate);
  if (stats->round >= 1)
    run->saw_round1 = TRUE;
}

static void
on_recv_sample (BnSimReceive   *recv,
                BnSimMoveStats *stats,
                gpointer        user_data)
{
  Run *run = user_data;

  run->recv_samples++;
}

static gboolean
quit_timeout (gpointer user_data)
{
  g_error ("test timed out");
  return G_SOURCE_REMOVE;
}

static void
run_loop (Run *run)
{
  guint id = g_timeout_add_seconds (30, quit_timeout, NULL);

  g_main_loop_run (run->loop);
  g_source_remove (id);
}

static void
start_both (Run          *run,
            BnSimMove    *move,
            BnSimReceive *recv)
{
  run->loop = g_main_loop_new (NULL, FALSE);
  run->pending = 2;
  g_signal_connect (move, "sample", G_CALLBACK (on_send_sample), run);
  g_signal_connect (recv, "sample", G_CALLBACK (on_recv_sample), run);
  bn_sim_receive_run_async (recv, NULL, receive_done, run);
  bn_sim_move_run_async (move, NULL, move_done, run);
}

static void
log_stats (const char           *who,
           const BnSimMoveStats *s)
{
  g_test_message ("%s: phase=%s failed=%s round=%u bytes=%" G_GUINT64_FORMAT
                  " pages=%" G_GUINT64_FORMAT " zero=%" G_GUINT64_FORMAT
                  " suspend=%" G_GINT64_FORMAT "us elapsed=%" G_GINT64_FORMAT "us",
                  who, bn_sim_move_phase_to_string (s->phase),
                  bn_sim_move_phase_to_string (s->failed_phase), s->round,
                  s->transferred_bytes, s->pages_sent, s->zero_pages, s->suspend_us,
                  s->elapsed_us);
}

static gboolean
sleep_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
iterate_for (guint msec)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add (msec, sleep_cb, loop);
  g_main_loop_run (loop);
}

/* ---- memory and workload ------------------------------------------------------------ */

static void
test_memory_basics (void)
{
  g_autoptr(BnSimMemory) a = new_memory (4 * MiB + 1, FALSE);
  g_autoptr(BnSimMemory) b = new_memory (4 * MiB + 1, FALSE);
  guint64 zero_sum;
  guint64 sum;

  g_assert_cmpuint (bn_sim_memory_get_size (a), ==, 4 * MiB + BN_SIM_PAGE_SIZE);
  g_assert_cmpuint (bn_sim_memory_get_n_pages (a), ==, 1025);
  zero_sum = bn_sim_memory_checksum (a);
  g_assert_cmpuint (zero_sum, ==, bn_sim_memory_checksum (b));
  g_assert_cmpuint (bn_sim_memory_get_dirty_pages (a), ==, 0);

  bn_sim_memory_fill (a, BN_SIM_FILL_RANDOM, 0, 2 * MiB, 42);
  bn_sim_memory_fill (a, BN_SIM_FILL_TEXT, 2 * MiB, MiB, 7);
  g_assert_cmpuint (bn_sim_memory_get_dirty_pages (a), ==, 768);
  g_assert_cmpuint (bn_sim_memory_get_dirty_events (a), ==, 768);
  g_assert_true (bn_sim_memory_is_dirty (a, 0));
  g_assert_false (bn_sim_memory_is_dirty (a, 800));
  sum = bn_sim_memory_checksum (a);
  g_assert_cmpuint (sum, !=, zero_sum);

  /* Same seeds, same content, same checksum; text looks like text. */
  bn_sim_memory_fill (b, BN_SIM_FILL_RANDOM, 0, 2 * MiB, 42);
  bn_sim_memory_fill (b, BN_SIM_FILL_TEXT, 2 * MiB, MiB, 7);
  g_assert_cmpuint (sum, ==, bn_sim_memory_checksum (b));
  g_assert_true (g_ascii_isprint (bn_sim_memory_get_data (a)[2 * MiB + 100])
                 || g_ascii_isspace (bn_sim_memory_get_data (a)[2 * MiB + 100]));

  /* One changed byte changes the checksum; so does swapping two words. */
  bn_sim_memory_get_data (b)[3 * MiB + 5] ^= 1;
  g_assert_cmpuint (sum, !=, bn_sim_memory_checksum (b));
  bn_sim_memory_get_data (b)[3 * MiB + 5] ^= 1;
  {
    guint64 *w = (guint64 *) bn_sim_memory_get_data (b);
    guint64 t = w[0];

    w[0] = w[8];
    w[8] = t;
    g_assert_cmpuint (sum, !=, bn_sim_memory_checksum (b));
    w[8] = w[0];
    w[0] = t;
  }

  bn_sim_memory_clear_dirty (a);
  g_assert_cmpuint (bn_sim_memory_get_dirty_pages (a), ==, 0);
  bn_sim_memory_mark_dirty_range (a, BN_SIM_PAGE_SIZE - 1, 2);
  g_assert_cmpuint (bn_sim_memory_get_dirty_pages (a), ==, 2);

  g_assert_cmpuint (bn_sim_memory_get_resident_bytes (a), >=, 3 * MiB);
  bn_sim_memory_discard (a);
  g_assert_cmpuint (bn_sim_memory_get_resident_bytes (a), <, MiB);
  g_assert_cmpuint (bn_sim_memory_checksum (a), ==, zero_sum);
  g_assert_cmpuint (bn_sim_memory_get_dirty_pages (a), ==, 0);
}

static void
test_memory_bad_size (void)
{
  g_autoptr(GError) error = NULL;
  BnSimMemory *mem = bn_sim_memory_new (0, 0, &error);

  g_assert_null (mem);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_workload_pause (void)
{
  g_autoptr(BnSimMemory) mem = new_memory (16 * MiB, FALSE);
  g_autoptr(BnSimWorkload) wl = bn_sim_workload_new (mem);
  guint64 before;
  guint64 rate;

  bn_sim_workload_set_rate (wl, 20 * MiB);
  bn_sim_workload_set_working_set (wl, 0, 8 * MiB);
  bn_sim_workload_start (wl);
  g_usleep (700 * 1000);
  rate = bn_sim_workload_get_dirty_rate (wl);
  g_test_message ("workload: target 20 MiB/s, measured %" G_GUINT64_FORMAT " B/s", rate);
  /* wide: the other tests share the two cores */
  g_assert_cmpuint (rate, >, 10 * MiB);
  g_assert_cmpuint (rate, <, 30 * MiB);
  g_assert_cmpuint (bn_sim_memory_get_dirty_pages (mem), >, 0);
  for (guint64 p = 8 * MiB / BN_SIM_PAGE_SIZE; p < 16 * MiB / BN_SIM_PAGE_SIZE; p++)
    g_assert_false (bn_sim_memory_is_dirty (mem, p));

  bn_sim_workload_pause (wl);
  g_assert_true (bn_sim_workload_is_paused (wl));
  before = bn_sim_workload_get_pages_written (wl);
  g_usleep (100 * 1000);
  g_assert_cmpuint (bn_sim_workload_get_pages_written (wl), ==, before);

  bn_sim_workload_resume (wl);
  g_usleep (100 * 1000);
  g_assert_cmpuint (bn_sim_workload_get_pages_written (wl), >, before);
  g_assert_true (bn_sim_workload_is_running (wl));
  bn_sim_workload_stop (wl);
  g_assert_false (bn_sim_workload_is_running (wl));
}

/* ---- moves -------------------------------------------------------------------------- */

static void
test_move_basic (void)
{
  g_autoptr(BnSimMemory) src = new_memory (64 * MiB, FALSE);
  g_autoptr(BnSimMemory) dst = new_memory (64 * MiB, TRUE);
  g_autoptr(GSocket) a = NULL;
  g_autoptr(GSocket) b = NULL;
  g_autoptr(BnSimMove) move = NULL;
  g_autoptr(BnSimReceive) recv = NULL;
  g_autoptr(GBytes) state = g_bytes_new_static ("registers and devices", 21);
  g_autoptr(GBytes) got = NULL;
  BnSimMoveStats ss;
  BnSimMoveStats rs;
  Run run = { 0, };
  guint64 src_sum;

  bn_sim_memory_fill (src, BN_SIM_FILL_RANDOM, 0, 40 * MiB, 1);
  bn_sim_memory_fill (src, BN_SIM_FILL_TEXT, 40 * MiB, 16 * MiB, 2);
  src_sum = bn_sim_memory_checksum (src);

  make_pair (&a, &b);
  move = bn_sim_move_new (src, NULL, a);
  recv = bn_sim_receive_new (dst, b);
  bn_sim_move_set_device_state (move, state);
  bn_sim_move_set_sample_interval (move, 50);
  bn_sim_receive_set_sample_interval (recv, 50);
  start_both (&run, move, recv);
  run_loop (&run);

  g_assert_no_error (run.send_error);
  g_assert_no_error (run.recv_error);
  g_assert_cmpint (run.send_result, ==, BN_SIM_MOVE_RESULT_COMPLETED);
  g_assert_cmpint (run.recv_result, ==, BN_SIM_MOVE_RESULT_COMPLETED);

  bn_sim_move_get_stats (move, &ss);
  bn_sim_receive_get_stats (recv, &rs);
  log_stats ("send", &ss);
  log_stats ("recv", &rs);
  g_assert_cmpint (ss.phase, ==, BN_SIM_MOVE_PHASE_DONE);
  g_assert_cmpint (ss.failed_phase, ==, BN_SIM_MOVE_PHASE_IDLE);
  g_assert_true (ss.checksum_valid && rs.checksum_valid);
  g_assert_cmpuint (ss.checksum, ==, src_sum);
  g_assert_cmpuint (rs.checksum, ==, src_sum);
  g_assert_cmpuint (bn_sim_memory_checksum (dst), ==, src_sum);
  g_assert_cmpint (memcmp (bn_sim_memory_get_data (src), bn_sim_memory_get_data (dst),
                           64 * MiB), ==, 0);
  g_assert_cmpuint (ss.pages_sent, ==, 56 * MiB / BN_SIM_PAGE_SIZE);
  g_assert_cmpuint (ss.zero_pages, ==, 8 * MiB / BN_SIM_PAGE_SIZE);
  g_assert_cmpuint (ss.transferred_bytes, ==, rs.transferred_bytes);
  g_assert_cmpint (ss.suspend_us, >, 0);
  g_assert_true (ss.source_suspended);
  g_assert_cmpuint (run.send_samples, >=, 1);
  g_assert_cmpuint (run.recv_samples, >=, 1);

  got = bn_sim_receive_get_device_state (recv);
  g_assert_nonnull (got);
  g_assert_true (g_bytes_equal (got, state));

  /* Too late to cancel or extend. */
  g_assert_false (bn_sim_move_cancel (move));
  g_assert_false (bn_sim_move_extend_timeout (move, 10));
  run_clear (&run);
}

static void
test_move_zero_pages (void)
{
  g_autoptr(BnSimMemory) src = new_memory (64 * MiB, FALSE);
  g_autoptr(BnSimMemory) dst = new_memory (64 * MiB, TRUE);
  g_autoptr(GSocket) a = NULL;
  g_autoptr(GSocket) b = NULL;
  g_autoptr(BnSimMove) move = NULL;
  g_autoptr(BnSimReceive) recv = NULL;
  BnSimMoveStats ss;
  Run run = { 0, };
  guint64 written = 0;

  /* 1 page in 64 holds text, plus some pages written then zeroed again (read as zero). */
  for (guint64 p = 0; p < 64 * MiB / BN_SIM_PAGE_SIZE; p += 64)
    {
      bn_sim_memory_fill (src, BN_SIM_FILL_TEXT, p * BN_SIM_PAGE_SIZE, BN_SIM_PAGE_SIZE, p);
      written++;
    }
  bn_sim_memory_fill (src, BN_SIM_FILL_RANDOM, 1 * BN_SIM_PAGE_SIZE, 8 * BN_SIM_PAGE_SIZE, 3);
  bn_sim_memory_fill (src, BN_SIM_FILL_ZERO, 1 * BN_SIM_PAGE_SIZE, 8 * BN_SIM_PAGE_SIZE, 0);

  make_pair (&a, &b);
  move = bn_sim_move_new (src, NULL, a);
  recv = bn_sim_receive_new (dst, b);
  start_both (&run, move, recv);
  run_loop (&run);

  g_assert_cmpint (run.send_result, ==, BN_SIM_MOVE_RESULT_COMPLETED);
  g_assert_cmpint (run.recv_result, ==, BN_SIM_MOVE_RESULT_COMPLETED);
  bn_sim_move_get_stats (move, &ss);
  log_stats ("send", &ss);
  g_assert_cmpuint (ss.pages_sent, ==, written);
  g_assert_cmpuint (ss.zero_pages, ==, 64 * MiB / BN_SIM_PAGE_SIZE - written);
  /* The page data and little else: far below the 64 MiB of memory. */
  g_assert_cmpuint (ss.transferred_bytes, <, written * BN_SIM_PAGE_SIZE + 256 * 1024);
  g_assert_cmpuint (bn_sim_memory_checksum (dst), ==, bn_sim_memory_checksum (src));
  run_clear (&run);
}

static void
run_dirty_converges (gboolean full_verify)
{
  g_autoptr(BnSimMemory) src = new_memory (64 * MiB, FALSE);
  g_autoptr(BnSimMemory) dst = new_memory (64 * MiB, TRUE);
  g_autoptr(BnSimWorkload) wl = bn_sim_workload_new (src);
  g_autoptr(GSocket) a = NULL;
  g_autoptr(GSocket) b = NULL;
  g_autoptr(BnSimMove) move = NULL;
  g_autoptr(BnSimReceive) recv = NULL;
  BnSimMoveStats ss;
  BnSimMoveStats rs;
  Run run = { 0, };
  guint64 before;

  bn_sim_memory_fill (src, BN_SIM_FILL_RANDOM, 0, 64 * MiB, 9);
  bn_sim_workload_set_rate (wl, 30 * MiB);
  bn_sim_workload_set_working_set (wl, 8 * MiB, 24 * MiB);
  bn_sim_workload_start (wl);

  make_pair (&a, &b);
  move = bn_sim_move_new (src, wl, a);
  recv = bn_sim_receive_new (dst, b);
  /* A slow path and a short suspend budget force several rounds. */
  bn_sim_move_set_rate_limit (move, 160 * MiB);
  bn_sim_move_set_max_suspend_time (move, 30);
  bn_sim_move_set_full_verify (move, full_verify);
  bn_sim_move_set_sample_interval (move, 50);
  start_both (&run, move, recv);
  run_loop (&run);

  g_assert_no_error (run.send_error);
  g_assert_no_error (run.recv_error);
  bn_sim_move_get_stats (move, &ss);
  bn_sim_receive_get_stats (recv, &rs);
  log_stats ("send", &ss);
  log_stats ("recv", &rs);
  g_assert_cmpint (run.send_result, ==, BN_SIM_MOVE_RESULT_COMPLETED);
  g_assert_cmpint (run.recv_result, ==, BN_SIM_MOVE_RESULT_COMPLETED);
  g_assert_cmpuint (ss.round, >=, 2);
  g_assert_true (run.saw_round1);
  /* The last interval may lie inside the suspend; the guest was seen dirtying before. */
  g_assert_cmpuint (run.max_dirty_rate, >, 0);

  /* The source stays suspended after the move: its memory is what was moved. */
  g_assert_true (bn_sim_workload_is_paused (wl));
  before = bn_sim_workload_get_pages_written (wl);
  g_usleep (50 * 1000);
  g_assert_cmpuint (bn_sim_workload_get_pages_written (wl), ==, before);
  g_assert_cmpuint (bn_sim_memory_checksum (src), ==, ss.checksum);
  g_assert_cmpuint (bn_sim_memory_checksum (dst), ==, ss.checksum);
  g_assert_cmpuint (rs.checksum, ==, ss.checksum);
  g_assert_cmpint (ss.suspend_us, >, 0);
  /* bounded, not fast: bench/migrate measures the suspend time */
  g_assert_cmpint (ss.suspend_us, <, 2 * G_USEC_PER_SEC);
  bn_sim_workload_stop (wl);
  run_clear (&run);
}

static void
test_move_dirty_converges (void)
{
  run_dirty_converges (FALSE);
}

static void
test_move_dirty_full_verify (void)
{
  run_dirty_converges (TRUE);
}

typedef struct
{
  BnSimMove    *move;
  BnSimReceive *recv;
  gboolean      use_receiver;
  gboolean      accepted;
} CancelData;

static gboolean
cancel_cb (gpointer user_data)
{
  CancelData *cd = user_data;

  cd->accepted = cd->use_receiver ? bn_sim_receive_cancel (cd->recv)
                                  : bn_sim_move_cancel (cd->move);
  return G_SOURCE_REMOVE;
}

static void
run_cancel (gboolean from_receiver)
{
  g_autoptr(BnSimMemory) src = new_memory (64 * MiB, FALSE);
  g_autoptr(BnSimMemory) dst = new_memory (64 * MiB, TRUE);
  g_autoptr(BnSimWorkload) wl = bn_sim_workload_new (src);
  g_autoptr(GSocket) a = NULL;
  g_autoptr(GSocket) b = NULL;
  g_autoptr(BnSimMove) move = NULL;
  g_autoptr(BnSimReceive) recv = NULL;
  BnSimMoveStats ss;
  BnSimMoveStats rs;
  CancelData cd = { 0, };
  Run run = { 0, };
  guint64 before;

  bn_sim_memory_fill (src, BN_SIM_FILL_RANDOM, 0, 64 * MiB, 5);
  bn_sim_workload_set_rate (wl, 4 * MiB);
  bn_sim_workload_start (wl);
  make_pair (&a, &b);
  move = bn_sim_move_new (src, wl, a);
  recv = bn_sim_receive_new (dst, b);
  bn_sim_move_set_rate_limit (move, 32 * MiB);
  cd.move = move;
  cd.recv = recv;
  cd.use_receiver = from_receiver;
  g_timeout_add (300, cancel_cb, &cd);
  start_both (&run, move, recv);
  run_loop (&run);

  g_assert_true (cd.accepted);
  bn_sim_move_get_stats (move, &ss);
  bn_sim_receive_get_stats (recv, &rs);
  log_stats ("send", &ss);
  log_stats ("recv", &rs);
  g_assert_error (run.send_error, BN_SIM_MOVE_ERROR, BN_SIM_MOVE_ERROR_TERMINATED_BY_USER);
  g_assert_error (run.recv_error, BN_SIM_MOVE_ERROR, BN_SIM_MOVE_ERROR_TERMINATED_BY_USER);
  g_assert_cmpint (run.send_result, ==, BN_SIM_MOVE_RESULT_TERMINATED_BY_USER);
  g_assert_cmpint (run.recv_result, ==, BN_SIM_MOVE_RESULT_TERMINATED_BY_USER);
  g_assert_cmpint (ss.failed_phase, ==, BN_SIM_MOVE_PHASE_PRECOPY);
  g_assert_true (bn_sim_move_phase_lpar_runs_on_source (ss.failed_phase));
  g_assert_false (ss.source_suspended);
  /* Stopped well before the 2 s the copy would take. */
  g_assert_cmpint (ss.elapsed_us, <, 1500 * 1000);

  /* The source keeps running; the destination gave its memory back. */
  g_assert_true (bn_sim_workload_is_running (wl));
  before = bn_sim_workload_get_pages_written (wl);
  g_usleep (100 * 1000);
  g_assert_cmpuint (bn_sim_workload_get_pages_written (wl), >, before);
  g_assert_cmpuint (bn_sim_memory_get_resident_bytes (dst), <, MiB);
  bn_sim_workload_stop (wl);
  run_clear (&run);
}

static void
test_move_cancel (void)
{
  run_cancel (FALSE);
}

static void
test_move_cancel_receiver (void)
{
  run_cancel (TRUE);
}

static gboolean
cancel_cancellable_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_move_cancellable (void)
{
  g_autoptr(BnSimMemory) src = new_memory (32 * MiB, FALSE);
  g_autoptr(BnSimMemory) dst = new_memory (32 * MiB, TRUE);
  g_autoptr(GSocket) a = NULL;
  g_autoptr(GSocket) b = NULL;
  g_autoptr(BnSimMove) move = NULL;
  g_autoptr(BnSimReceive) recv = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Run run = { 0, };

  bn_sim_memory_fill (src, BN_SIM_FILL_RANDOM, 0, 32 * MiB, 5);
  make_pair (&a, &b);
  move = bn_sim_move_new (src, NULL, a);
  recv = bn_sim_receive_new (dst, b);
  bn_sim_move_set_rate_limit (move, 16 * MiB);
  run.loop = g_main_loop_new (NULL, FALSE);
  run.pending = 2;
  bn_sim_receive_run_async (recv, NULL, receive_done, &run);
  bn_sim_move_run_async (move, cancellable, move_done, &run);
  g_timeout_add (200, cancel_cancellable_cb, cancellable);
  run_loop (&run);

  g_assert_cmpint (run.send_result, ==, BN_SIM_MOVE_RESULT_TERMINATED_BY_USER);
  g_assert_cmpint (run.recv_result, ==, BN_SIM_MOVE_RESULT_TERMINATED_BY_USER);
  run_clear (&run);
}

static void
run_intensive (gboolean extend)
{
  g_autoptr(BnSimMemory) src = new_memory (16 * MiB, FALSE);
  g_autoptr(BnSimMemory) dst = new_memory (16 * MiB, TRUE);
  g_autoptr(BnSimWorkload) wl = bn_sim_workload_new (src);
  g_autoptr(GSocket) a = NULL;
  g_autoptr(GSocket) b = NULL;
  g_autoptr(BnSimMove) move = NULL;
  g_autoptr(BnSimReceive) recv = NULL;
  BnSimMoveStats ss;
  Run run = { 0, };
  guint64 before;

  bn_sim_memory_fill (src, BN_SIM_FILL_RANDOM, 0, 16 * MiB, 11);
  /* Dirties 128 MiB/s over the whole LPAR on a 32 MiB/s path: each round finds every
   * page dirty again, and 16 MiB at 32 MiB/s never fits a 100 ms suspend. */
  bn_sim_workload_set_rate (wl, 128 * MiB);
  bn_sim_workload_start (wl);

  make_pair (&a, &b);
  move = bn_sim_move_new (src, wl, a);
  recv = bn_sim_receive_new (dst, b);
  bn_sim_move_set_rate_limit (move, 32 * MiB);
  bn_sim_move_set_max_suspend_time (move, 100);
  bn_sim_move_set_timeout_ms (move, 1200);
  bn_sim_move_set_sample_interval (move, 50);
  start_both (&run, move, recv);

  if (extend)
    {
      BnSimMoveStats mid;

      iterate_for (700);
      g_assert_true (bn_sim_move_extend_timeout (move, 2));
      bn_sim_move_get_stats (move, &mid);
      g_assert_cmpint (mid.timeout_us, ==, 3200 * 1000);
      g_assert_cmpint (mid.phase, ==, BN_SIM_MOVE_PHASE_PRECOPY);
      /* Past the original timeout the guest calms down: the move now converges. */
      iterate_for (700);
      bn_sim_workload_set_rate (wl, 0);
    }
  run_loop (&run);

  bn_sim_move_get_stats (move, &ss);
  log_stats ("send", &ss);
  if (extend)
    {
      g_assert_no_error (run.send_error);
      g_assert_cmpint (run.send_result, ==, BN_SIM_MOVE_RESULT_COMPLETED);
      g_assert_cmpint (run.recv_result, ==, BN_SIM_MOVE_RESULT_COMPLETED);
      g_assert_cmpint (ss.elapsed_us, >, 1200 * 1000);
      g_assert_cmpint (ss.timeout_us, ==, 3200 * 1000);
      g_assert_cmpuint (bn_sim_memory_checksum (dst), ==, bn_sim_memory_checksum (src));
    }
  else
    {
      g_assert_error (run.send_error, BN_SIM_MOVE_ERROR,
                      BN_SIM_MOVE_ERROR_CANCELED_WRITE_INTENSIVE);
      g_test_message ("%s", run.send_error->message);
      g_assert_error (run.recv_error, BN_SIM_MOVE_ERROR,
                      BN_SIM_MOVE_ERROR_CANCELED_WRITE_INTENSIVE);
      g_assert_cmpstr (bn_sim_move_result_to_string (run.send_result), ==,
                       "LPAR Migration process was canceled. Memory write is intensive.");
      g_assert_cmpint (ss.failed_phase, ==, BN_SIM_MOVE_PHASE_PRECOPY);
      g_assert_cmpint (ss.elapsed_us, >=, 1200 * 1000);
      g_assert_cmpint (ss.elapsed_us, <, 2500 * 1000);
      g_assert_cmpuint (ss.round, >=, 1);
      g_assert_false (ss.source_suspended);
      /* The guest keeps running on the source; the destination's memory is freed. */
      g_assert_true (bn_sim_workload_is_running (wl));
      before = bn_sim_workload_get_pages_written (wl);
      g_usleep (100 * 1000);
      g_assert_cmpuint (bn_sim_workload_get_pages_written (wl), >, before);
      g_assert_cmpuint (bn_sim_memory_get_resident_bytes (dst), <, MiB);
    }
  bn_sim_workload_stop (wl);
  run_clear (&run);
}

static void
test_move_write_intensive (void)
{
  run_intensive (FALSE);
}

static void
test_move_timeout_extension (void)
{
  run_intensive (TRUE);
}

static void
test_move_rate_limit (void)
{
  g_autoptr(BnSimMemory) src = new_memory (32 * MiB, FALSE);
  g_autoptr(BnSimMemory) dst = new_memory (32 * MiB, TRUE);
  g_autoptr(GSocket) a = NULL;
  g_autoptr(GSocket) b = NULL;
  g_autoptr(BnSimMove) move = NULL;
  g_autoptr(BnSimReceive) recv = NULL;
  BnSimMoveStats ss;
  Run run = { 0, };
  gdouble rate;

  bn_sim_memory_fill (src, BN_SIM_FILL_RANDOM, 0, 32 * MiB, 13);
  make_pair (&a, &b);
  move = bn_sim_move_new (src, NULL, a);
  recv = bn_sim_receive_new (dst, b);
  bn_sim_move_set_rate_limit (move, 50 * 1000 * 1000);
  start_both (&run, move, recv);
  run_loop (&run);

  g_assert_cmpint (run.send_result, ==, BN_SIM_MOVE_RESULT_COMPLETED);
  bn_sim_move_get_stats (move, &ss);
  rate = (gdouble) ss.transferred_bytes * G_USEC_PER_SEC / ss.elapsed_us;
  g_test_message ("limited to 50 MB/s: %.1f MB/s", rate / 1e6);
  g_assert_cmpfloat (rate, <=, 50e6 * 1.03);
  g_assert_cmpfloat (rate, >=, 50e6 * 0.7);
  run_clear (&run);
}

/* ---- broken and hostile peers ------------------------------------------------------- */

typedef struct
{
  GSocket *socket;
  gsize    read_before_close;
  gsize    total_read;
} PeerData;

/* A destination that accepts the hello, reads a little, then hangs up. */
static gpointer
closing_receiver_thread (gpointer data)
{
  PeerData *pd = data;
  guint8 hello[40];
  guint8 reply[32] = { 0, };
  guint64 pages;
  guint64 session;
  guint32 version = GUINT32_TO_LE (1);
  g_autofree guint8 *buf = g_malloc (65536);

  g_socket_receive (pd->socket, (char *) hello, 40, NULL, NULL);
  memcpy (&pages, hello + 16, 8);
  memcpy (&session, hello + 24, 8);
  memcpy (reply, "BNLPMOVR", 8);
  memcpy (reply + 8, &version, 4);
  memcpy (reply + 16, &session, 8);
  memcpy (reply + 24, &pages, 8);
  g_socket_send (pd->socket, (char *) reply, 32, NULL, NULL);
  while (pd->total_read < pd->read_before_close)
    {
      gssize n = g_socket_receive (pd->socket, (char *) buf, 65536, NULL, NULL);

      if (n <= 0)
        break;
      pd->total_read += n;
    }
  g_socket_close (pd->socket, NULL);
  return NULL;
}

static void
test_move_receiver_closes (void)
{
  g_autoptr(BnSimMemory) src = new_memory (64 * MiB, FALSE);
  g_autoptr(BnSimWorkload) wl = bn_sim_workload_new (src);
  g_autoptr(GSocket) a = NULL;
  g_autoptr(GSocket) b = NULL;
  g_autoptr(BnSimMove) move = NULL;
  BnSimMoveStats ss;
  PeerData pd = { 0, };
  GThread *peer;
  Run run = { 0, };

  bn_sim_memory_fill (src, BN_SIM_FILL_RANDOM, 0, 64 * MiB, 17);
  bn_sim_workload_set_rate (wl, 4 * MiB);
  bn_sim_workload_start (wl);
  make_pair (&a, &b);
  pd.socket = b;
  pd.read_before_close = 8 * MiB;
  peer = g_thread_new ("peer", closing_receiver_thread, &pd);

  move = bn_sim_move_new (src, wl, a);
  run.loop = g_main_loop_new (NULL, FALSE);
  run.pending = 1;
  bn_sim_move_run_async (move, NULL, move_done, &run);
  run_loop (&run);
  g_thread_join (peer);

  bn_sim_move_get_stats (move, &ss);
  log_stats ("send", &ss);
  g_test_message ("%s", run.send_error->message);
  g_assert_error (run.send_error, BN_SIM_MOVE_ERROR, BN_SIM_MOVE_ERROR_CONNECTION);
  g_assert_cmpint (run.send_result, ==, BN_SIM_MOVE_RESULT_CONNECTION_ERROR);
  g_assert_cmpint (ss.failed_phase, ==, BN_SIM_MOVE_PHASE_PRECOPY);
  g_assert_false (ss.source_suspended);
  g_assert_true (bn_sim_workload_is_running (wl));
  bn_sim_workload_stop (wl);
  run_clear (&run);
}

static void
encode_hello (guint8  *out,
              guint64  pages)
{
  guint32 v;
  guint64 s = 1234;

  memset (out, 0, 40);
  memcpy (out, "BNLPMOVE", 8);
  v = GUINT32_TO_LE (1);
  memcpy (out + 8, &v, 4);
  v = GUINT32_TO_LE (4096);
  memcpy (out + 12, &v, 4);
  pages = GUINT64_TO_LE (pages);
  memcpy (out + 16, &pages, 8);
  s = GUINT64_TO_LE (s);
  memcpy (out + 24, &s, 8);
  v = GUINT32_TO_LE (64);
  memcpy (out + 36, &v, 4);
}

static gsize
encode_record (guint8  *out,
               guint32  type,
               guint32  count,
               guint64  arg)
{
  type = GUINT32_TO_LE (type);
  count = GUINT32_TO_LE (count);
  arg = GUINT64_TO_LE (arg);
  memcpy (out, &type, 4);
  memcpy (out + 4, &count, 4);
  memcpy (out + 8, &arg, 8);
  return 16;
}

/* Feeds @stream to a receiver over a real socket, then closes; returns its result. */
static BnSimMoveResult
receive_stream (BnSimMemory   *dst,
                const guint8  *stream,
                gsize          len,
                GError       **error)
{
  g_autoptr(GSocket) a = NULL;
  g_autoptr(GSocket) b = NULL;
  g_autoptr(BnSimReceive) recv = NULL;
  g_autoptr(GError) local = NULL;
  Run run = { 0, };
  BnSimMoveResult result;

  make_pair (&a, &b);
  g_socket_send (a, (const char *) stream, len, NULL, &local);
  g_assert_no_error (local);
  g_socket_shutdown (a, FALSE, TRUE, NULL);

  recv = bn_sim_receive_new (dst, b);
  bn_sim_receive_set_io_timeout (recv, 2000);
  run.loop = g_main_loop_new (NULL, FALSE);
  run.pending = 1;
  bn_sim_receive_run_async (recv, NULL, receive_done, &run);
  run_loop (&run);
  result = run.recv_result;
  g_test_message ("receiver: %s", run.recv_error ? run.recv_error->message : "ok");
  if (run.recv_error != NULL)
    g_propagate_error (error, g_steal_pointer (&run.recv_error));
  run_clear (&run);
  return result;
}

static void
test_receive_malformed (void)
{
  g_autoptr(BnSimMemory) dst = new_memory (1 * MiB, FALSE);
  guint64 pages = bn_sim_memory_get_n_pages (dst);
  guint64 zero_sum = bn_sim_memory_checksum (dst);
  guint8 stream[16384];
  gsize n;
  guint64 idx;

  /* Bad magic. */
  {
    g_autoptr(GError) error = NULL;

    encode_hello (stream, pages);
    memcpy (stream, "GARBAGE!", 8);
    g_assert_cmpint (receive_stream (dst, stream, 40, &error), ==,
                     BN_SIM_MOVE_RESULT_PROTOCOL_ERROR);
    g_assert_error (error, BN_SIM_MOVE_ERROR, BN_SIM_MOVE_ERROR_PROTOCOL);
  }
  /* Size mismatch. */
  {
    g_autoptr(GError) error = NULL;

    encode_hello (stream, pages + 1);
    g_assert_cmpint (receive_stream (dst, stream, 40, &error), ==,
                     BN_SIM_MOVE_RESULT_PROTOCOL_ERROR);
  }
  /* Out-of-range page index: nothing may be written. */
  {
    g_autoptr(GError) error = NULL;

    encode_hello (stream, pages);
    /* A proper round marker, then a batch pointing past the end. */
    n = 40;
    n += encode_record (stream + n, 1, 0, 0);
    n += encode_record (stream + n, 2, 1, 0);
    idx = GUINT64_TO_LE (pages);
    memcpy (stream + n, &idx, 8);
    n += 8;
    memset (stream + n, 0xAB, 4096);
    n += 4096;
    g_assert_cmpint (receive_stream (dst, stream, n, &error), ==,
                     BN_SIM_MOVE_RESULT_PROTOCOL_ERROR);
    g_assert_nonnull (strstr (error->message, "out of range"));
    g_assert_cmpuint (bn_sim_memory_checksum (dst), ==, zero_sum);
  }
  /* Huge index that would overflow an offset computation. */
  {
    g_autoptr(GError) error = NULL;

    encode_hello (stream, pages);
    n = 40;
    n += encode_record (stream + n, 1, 0, 0);
    n += encode_record (stream + n, 2, 1, 0);
    idx = GUINT64_TO_LE (G_MAXUINT64 / 4096 + 2);
    memcpy (stream + n, &idx, 8);
    n += 8;
    g_assert_cmpint (receive_stream (dst, stream, n, &error), ==,
                     BN_SIM_MOVE_RESULT_PROTOCOL_ERROR);
  }
  /* Zero run wrapping around. */
  {
    g_autoptr(GError) error = NULL;

    encode_hello (stream, pages);
    n = 40;
    n += encode_record (stream + n, 1, 0, 0);
    n += encode_record (stream + n, 3, 16, G_MAXUINT64 - 4);
    g_assert_cmpint (receive_stream (dst, stream, n, &error), ==,
                     BN_SIM_MOVE_RESULT_PROTOCOL_ERROR);
  }
  /* Batch larger than announced. */
  {
    g_autoptr(GError) error = NULL;

    encode_hello (stream, pages);
    n = 40;
    n += encode_record (stream + n, 1, 0, 0);
    n += encode_record (stream + n, 2, 100000, 0);
    g_assert_cmpint (receive_stream (dst, stream, n, &error), ==,
                     BN_SIM_MOVE_RESULT_PROTOCOL_ERROR);
  }
  /* Pages before any round; end before suspend; unknown type; round out of order. */
  {
    guint32 bad[][3] = { { 3, 1, 0 }, { 5, 0, 0 }, { 99, 0, 0 }, { 1, 0, 5 } };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GError) error = NULL;

        encode_hello (stream, pages);
        n = 40;
        if (bad[i][0] == 5)
          n += encode_record (stream + n, 1, 0, 0);
        n += encode_record (stream + n, bad[i][0], bad[i][1], bad[i][2]);
        g_assert_cmpint (receive_stream (dst, stream, n, &error), ==,
                         BN_SIM_MOVE_RESULT_PROTOCOL_ERROR);
      }
  }
  /* Suspend and end without ever sending every page: refused as incomplete. */
  {
    g_autoptr(GError) error = NULL;

    encode_hello (stream, pages);
    n = 40;
    n += encode_record (stream + n, 1, 0, 0);
    n += encode_record (stream + n, 3, (guint32) pages - 1, 0);
    n += encode_record (stream + n, 4, 0, 1);
    n += encode_record (stream + n, 5, 0, 0);
    g_assert_cmpint (receive_stream (dst, stream, n, &error), ==,
                     BN_SIM_MOVE_RESULT_PROTOCOL_ERROR);
    g_assert_nonnull (strstr (error->message, "never sent"));
  }
  /* Oversized device state. */
  {
    g_autoptr(GError) error = NULL;

    encode_hello (stream, pages);
    n = 40;
    n += encode_record (stream + n, 1, 0, 0);
    n += encode_record (stream + n, 3, (guint32) pages, 0);
    n += encode_record (stream + n, 4, 0, 1);
    n += encode_record (stream + n, 5, G_MAXUINT32, 0);
    g_assert_cmpint (receive_stream (dst, stream, n, &error), ==,
                     BN_SIM_MOVE_RESULT_PROTOCOL_ERROR);
  }
  /* Truncated mid-batch: a connection error, not a protocol one. */
  {
    g_autoptr(GError) error = NULL;

    encode_hello (stream, pages);
    n = 40;
    n += encode_record (stream + n, 1, 0, 0);
    n += encode_record (stream + n, 2, 2, 0);
    idx = GUINT64_TO_LE (3);
    memcpy (stream + n, &idx, 8);
    idx = GUINT64_TO_LE (4);
    memcpy (stream + n + 8, &idx, 8);
    n += 16;
    memset (stream + n, 0x11, 5000);
    n += 5000;
    g_assert_cmpint (receive_stream (dst, stream, n, &error), ==,
                     BN_SIM_MOVE_RESULT_CONNECTION_ERROR);
    g_assert_nonnull (strstr (error->message, "pre-copy"));
  }
  /* A well-formed minimal stream with a wrong checksum: a NACK. */
  {
    g_autoptr(GError) error = NULL;

    encode_hello (stream, pages);
    n = 40;
    n += encode_record (stream + n, 1, 0, 0);
    n += encode_record (stream + n, 3, (guint32) pages, 0);
    n += encode_record (stream + n, 4, 0, 1);
    n += encode_record (stream + n, 5, 0, zero_sum ^ 1);
    g_assert_cmpint (receive_stream (dst, stream, n, &error), ==,
                     BN_SIM_MOVE_RESULT_VERIFY_FAILED);
  }
  /* ... and with the right one: accepted. */
  {
    g_autoptr(GError) error = NULL;

    encode_hello (stream, pages);
    n = 40;
    n += encode_record (stream + n, 1, 0, 0);
    n += encode_record (stream + n, 3, (guint32) pages, 0);
    n += encode_record (stream + n, 4, 0, 1);
    n += encode_record (stream + n, 5, 0, zero_sum);
    g_assert_cmpint (receive_stream (dst, stream, n, &error), ==,
                     BN_SIM_MOVE_RESULT_COMPLETED);
    g_assert_no_error (error);
  }
}

/* A destination that answers the hello with garbage. */
static gpointer
bad_reply_thread (gpointer data)
{
  PeerData *pd = data;
  guint8 hello[40];
  guint8 reply[32];

  g_socket_receive (pd->socket, (char *) hello, 40, NULL, NULL);
  memset (reply, 0x5a, sizeof reply);
  g_socket_send (pd->socket, (char *) reply, 32, NULL, NULL);
  g_usleep (200 * 1000);
  g_socket_close (pd->socket, NULL);
  return NULL;
}

static void
test_move_bad_reply (void)
{
  g_autoptr(BnSimMemory) src = new_memory (1 * MiB, FALSE);
  g_autoptr(GSocket) a = NULL;
  g_autoptr(GSocket) b = NULL;
  g_autoptr(BnSimMove) move = NULL;
  BnSimMoveStats ss;
  PeerData pd = { 0, };
  GThread *peer;
  Run run = { 0, };

  make_pair (&a, &b);
  pd.socket = b;
  peer = g_thread_new ("peer", bad_reply_thread, &pd);
  move = bn_sim_move_new (src, NULL, a);
  run.loop = g_main_loop_new (NULL, FALSE);
  run.pending = 1;
  bn_sim_move_run_async (move, NULL, move_done, &run);
  run_loop (&run);
  g_thread_join (peer);

  g_assert_error (run.send_error, BN_SIM_MOVE_ERROR, BN_SIM_MOVE_ERROR_PROTOCOL);
  bn_sim_move_get_stats (move, &ss);
  g_assert_cmpint (ss.failed_phase, ==, BN_SIM_MOVE_PHASE_HANDSHAKE);
  run_clear (&run);
}

static void
test_move_size_mismatch (void)
{
  g_autoptr(BnSimMemory) src = new_memory (2 * MiB, FALSE);
  g_autoptr(BnSimMemory) dst = new_memory (1 * MiB, FALSE);
  g_autoptr(GSocket) a = NULL;
  g_autoptr(GSocket) b = NULL;
  g_autoptr(BnSimMove) move = NULL;
  g_autoptr(BnSimReceive) recv = NULL;
  Run run = { 0, };

  make_pair (&a, &b);
  move = bn_sim_move_new (src, NULL, a);
  recv = bn_sim_receive_new (dst, b);
  start_both (&run, move, recv);
  run_loop (&run);
  g_assert_error (run.send_error, BN_SIM_MOVE_ERROR, BN_SIM_MOVE_ERROR_PROTOCOL);
  g_assert_error (run.recv_error, BN_SIM_MOVE_ERROR, BN_SIM_MOVE_ERROR_PROTOCOL);
  g_test_message ("%s", run.send_error->message);
  run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sim-mover/memory/basics", test_memory_basics);
  g_test_add_func ("/sim-mover/memory/bad-size", test_memory_bad_size);
  g_test_add_func ("/sim-mover/workload/pause", test_workload_pause);
  g_test_add_func ("/sim-mover/move/basic", test_move_basic);
  g_test_add_func ("/sim-mover/move/zero-pages", test_move_zero_pages);
  g_test_add_func ("/sim-mover/move/dirty-converges", test_move_dirty_converges);
  g_test_add_func ("/sim-mover/move/dirty-full-verify", test_move_dirty_full_verify);
  g_test_add_func ("/sim-mover/move/rate-limit", test_move_rate_limit);
  g_test_add_func ("/sim-mover/move/cancel", test_move_cancel);
  g_test_add_func ("/sim-mover/move/cancel-receiver", test_move_cancel_receiver);
  g_test_add_func ("/sim-mover/move/cancellable", test_move_cancellable);
  g_test_add_func ("/sim-mover/move/write-intensive", test_move_write_intensive);
  g_test_add_func ("/sim-mover/move/timeout-extension", test_move_timeout_extension);
  g_test_add_func ("/sim-mover/move/receiver-closes", test_move_receiver_closes);
  g_test_add_func ("/sim-mover/move/bad-reply", test_move_bad_reply);
  g_test_add_func ("/sim-mover/move/size-mismatch", test_move_size_mismatch);
  g_test_add_func ("/sim-mover/receive/malformed", test_receive_malformed);

  return g_test_run ();
}
