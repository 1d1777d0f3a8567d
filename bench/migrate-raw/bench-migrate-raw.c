/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-migrate-raw"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include <gio/gio.h>

#include "bn-sim-mover.h"

/*
 * Measures the LPAR Mover against plain loopback TCP. The destination runs in a child
 * process (this program with --receiver), listening on 127.0.0.3 like a destination
 * blade's migration path; the source binds 127.0.0.2. Each connection starts with a
 * 16-byte control header: "BNCT", mode (1 raw sink, 2 LPAR receive), size.
 */

#define SRC_ADDR "127.0.0.2"
#define DST_ADDR "127.0.0.3"
#define RAW_CHUNK (256 * 1024)
#define MODE_RAW 1
#define MODE_MOVE 2
#define MODE_RAW_MEMORY 3
#define MiB (1024.0 * 1024.0)

static gint64 opt_lpar_size = 1024 * 1024 * 1024;
static gint64 opt_limited_size = 1024 * 1024 * 1024;
static gint64 opt_intensive_size = 256 * 1024 * 1024;
static gint64 opt_raw_bytes = 2048LL * 1024 * 1024;
static gint opt_raw_runs = 3;
static gboolean opt_raw_only = FALSE;
static gboolean opt_receiver;

static guint64
parse_size (const char *s)
{
  char *end = NULL;
  guint64 v = g_ascii_strtoull (s, &end, 10);

  switch (end ? g_ascii_toupper (*end) : 0)
    {
    case 'G': v <<= 30; break;
    case 'M': v <<= 20; break;
    case 'K': v <<= 10; break;
    default: break;
    }
  return v;
}

static gboolean
size_arg (const char  *name,
          const char  *value,
          gpointer     data,
          GError     **error)
{
  guint64 v = parse_size (value);

  if (v == 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "Bad size %s", value);
      return FALSE;
    }
  if (g_str_equal (name, "--size"))
    opt_limited_size = v;
  else if (g_str_equal (name, "--lpar-size"))
    opt_lpar_size = v;
  else if (g_str_equal (name, "--intensive-size"))
    opt_intensive_size = v;
  else
    opt_raw_bytes = v;
  return TRUE;
}

static gdouble
cpu_seconds (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec
         + ru.ru_stime.tv_usec / 1e6;
}

static gint64
proc_status_kb (const char *key)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  p = strstr (status, key);
  if (p == NULL)
    return -1;
  return g_ascii_strtoll (p + strlen (key), NULL, 10);
}

static void
write_all (GSocket     *socket,
           const void  *data,
           gsize        len)
{
  const char *p = data;

  while (len > 0)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_send (socket, p, len, NULL, &error);

      if (n < 0)
        g_error ("send: %s", error->message);
      p += n;
      len -= n;
    }
}

static gboolean
read_all (GSocket *socket,
          void    *data,
          gsize    len)
{
  char *p = data;

  while (len > 0)
    {
      gssize n = g_socket_receive (socket, p, len, NULL, NULL);

      if (n <= 0)
        return FALSE;
      p += n;
      len -= n;
    }
  return TRUE;
}

/* ---- the destination process ------------------------------------------------------- */

typedef struct
{
  GMainLoop       *loop;
  BnSimMoveResult  result;
  GError          *error;
} Wait;

static void
receive_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *w = user_data;

  w->result = bn_sim_receive_run_finish (BN_SIM_RECEIVE (object), result, &w->error);
  g_main_loop_quit (w->loop);
}

static void
serve_move (GSocket *socket,
            guint64  size)
{
  g_autoptr(BnSimMemory) mem = NULL;
  g_autoptr(BnSimReceive) recv = NULL;
  g_autoptr(GError) error = NULL;
  BnSimMoveStats rs;
  Wait w = { 0, };
  gint64 t0;
  gint64 prefault_us;
  gint64 hwm_kb;
  guint64 checksum = 0;
  guint64 resident_after;
  gdouble cpu0;

  /* Peak RSS of this scenario only. */
  g_file_set_contents ("/proc/self/clear_refs", "5", 1, NULL);
  t0 = g_get_monotonic_time ();
  mem = bn_sim_memory_new (size, BN_SIM_MEMORY_PREFAULT, &error);
  if (mem == NULL)
    g_error ("%s", error->message);
  prefault_us = g_get_monotonic_time () - t0;
  printf ("READY prefault_us=%" G_GINT64_FORMAT "\n", prefault_us);
  fflush (stdout);

  recv = bn_sim_receive_new (mem, socket);
  w.loop = g_main_loop_new (NULL, FALSE);
  cpu0 = cpu_seconds ();
  bn_sim_receive_run_async (recv, NULL, receive_done, &w);
  g_main_loop_run (w.loop);
  cpu0 = cpu_seconds () - cpu0;
  bn_sim_receive_get_stats (recv, &rs);
  hwm_kb = proc_status_kb ("VmHWM:");
  if (w.result == BN_SIM_MOVE_RESULT_COMPLETED)
    checksum = bn_sim_memory_checksum (mem);
  resident_after = bn_sim_memory_get_resident_bytes (mem);
  g_clear_pointer (&mem, bn_sim_memory_unref);
  g_clear_object (&recv);
  printf ("RESULT result=%d suspend_us=%" G_GINT64_FORMAT " checksum=%" G_GINT64_MODIFIER "x"
          " hwm_kb=%" G_GINT64_FORMAT " resident_after=%" G_GUINT64_FORMAT
          " rss_freed_kb=%" G_GINT64_FORMAT " cpu_ms=%.0f error=%s\n",
          w.result, rs.suspend_us, checksum, hwm_kb, resident_after,
          proc_status_kb ("VmRSS:"), cpu0 * 1e3, w.error ? w.error->message : "none");
  fflush (stdout);
  g_clear_error (&w.error);
  g_main_loop_unref (w.loop);
}

static int
run_receiver (void)
{
  g_autoptr(GSocket) listener = NULL;
  g_autoptr(GInetAddress) addr = g_inet_address_new_from_string (DST_ADDR);
  g_autoptr(GSocketAddress) sa = g_inet_socket_address_new (addr, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *buf = g_malloc (RAW_CHUNK);

  listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                           G_SOCKET_PROTOCOL_TCP, &error);
  if (listener == NULL || !g_socket_bind (listener, sa, TRUE, &error)
      || !g_socket_listen (listener, &error))
    g_error ("listen: %s", error->message);
  bound = g_socket_get_local_address (listener, NULL);
  printf ("PORT %u\n", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  fflush (stdout);

  for (;;)
    {
      g_autoptr(GSocket) conn = g_socket_accept (listener, NULL, &error);
      guint8 head[16];
      guint32 mode;
      guint64 size;

      if (conn == NULL)
        g_error ("accept: %s", error->message);
      if (!read_all (conn, head, sizeof head) || memcmp (head, "BNCT", 4) != 0)
        return 0;
      memcpy (&mode, head + 4, 4);
      memcpy (&size, head + 8, 8);
      if (mode == MODE_RAW)
        {
          guint64 total = 0;

          for (;;)
            {
              gssize n = g_socket_receive (conn, (char *) buf, RAW_CHUNK, NULL, NULL);

              if (n <= 0)
                break;
              total += n;
            }
          write_all (conn, &total, 8);
        }
      else if (mode == MODE_RAW_MEMORY)
        {
          /* into SIZE bytes of memory, faulted in before the sender starts (as the
           * destination LPAR's memory is before a move) */
          g_autofree guint8 *memory = g_malloc (size);
          guint64 total = 0;

          memset (memory, 0, size);
          write_all (conn, &total, 8);
          while (total < size)
            {
              gssize n = g_socket_receive (conn, (char *) memory + total,
                                           MIN (RAW_CHUNK, size - total), NULL, NULL);

              if (n <= 0)
                break;
              total += n;
            }
          write_all (conn, &total, 8);
        }
      else if (mode == MODE_MOVE)
        {
          serve_move (conn, size);
        }
      else
        {
          return 0;
        }
    }
}

/* ---- the source process ------------------------------------------------------------- */

typedef struct
{
  GSubprocess      *child;
  GDataInputStream *out;
  guint16           port;
} Peer;

static char *
peer_line (Peer *peer)
{
  g_autoptr(GError) error = NULL;
  char *line = g_data_input_stream_read_line (peer->out, NULL, NULL, &error);

  if (line == NULL)
    g_error ("receiver process: %s", error ? error->message : "closed");
  return line;
}

static GSocket *
connect_peer (Peer    *peer,
              guint32  mode,
              guint64  size)
{
  g_autoptr(GInetAddress) src = g_inet_address_new_from_string (SRC_ADDR);
  g_autoptr(GInetAddress) dst = g_inet_address_new_from_string (DST_ADDR);
  g_autoptr(GSocketAddress) local = g_inet_socket_address_new (src, 0);
  g_autoptr(GSocketAddress) remote = g_inet_socket_address_new (dst, peer->port);
  g_autoptr(GError) error = NULL;
  GSocket *socket;
  guint8 head[16];

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, &error);
  if (socket == NULL || !g_socket_bind (socket, local, FALSE, &error)
      || !g_socket_connect (socket, remote, NULL, &error))
    g_error ("connect: %s", error->message);
  memcpy (head, "BNCT", 4);
  memcpy (head + 4, &mode, 4);
  memcpy (head + 8, &size, 8);
  write_all (socket, head, sizeof head);
  return socket;
}

static gdouble
raw_run (Peer    *peer,
         guint64  bytes)
{
  g_autoptr(GSocket) socket = connect_peer (peer, MODE_RAW, 0);
  g_autofree guint8 *buf = g_malloc (RAW_CHUNK);
  guint64 sent = 0;
  guint64 got = 0;
  gint64 t0;
  gint64 t1;

  memset (buf, 0x5a, RAW_CHUNK);
  t0 = g_get_monotonic_time ();
  while (sent < bytes)
    {
      gsize n = MIN (RAW_CHUNK, bytes - sent);

      write_all (socket, buf, n);
      sent += n;
    }
  g_socket_shutdown (socket, FALSE, TRUE, NULL);
  if (!read_all (socket, &got, 8) || got != bytes)
    g_error ("raw sink got %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT, got, bytes);
  t1 = g_get_monotonic_time ();
  return (gdouble) bytes * G_USEC_PER_SEC / (t1 - t0);
}

/* The same pair moving memory: BYTES of random content, read once from the sender's memory
 * and written once into the receiver's, as a move must; both sides faulted in first. */
static gdouble
raw_memory_run (Peer    *peer,
                guint64  bytes)
{
  g_autoptr(GSocket) socket = connect_peer (peer, MODE_RAW_MEMORY, bytes);
  g_autofree guint8 *memory = g_malloc (bytes);
  guint64 sent = 0;
  guint64 got = 0;
  gint64 t0;
  gint64 t1;

  for (guint64 i = 0; i < bytes / 8; i++)
    ((guint64 *) memory)[i] = g_random_int () * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) + i;
  if (!read_all (socket, &got, 8))
    g_error ("raw memory sink did not get ready");
  t0 = g_get_monotonic_time ();
  while (sent < bytes)
    {
      gsize n = MIN (RAW_CHUNK, bytes - sent);

      write_all (socket, memory + sent, n);
      sent += n;
    }
  if (!read_all (socket, &got, 8) || got != bytes)
    g_error ("raw memory sink got %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT, got, bytes);
  t1 = g_get_monotonic_time ();
  return (gdouble) bytes * G_USEC_PER_SEC / (t1 - t0);
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  gdouble x = *(const gdouble *) a;
  gdouble y = *(const gdouble *) b;

  return x < y ? -1 : x > y;
}

typedef struct
{
  GMainLoop       *loop;
  BnSimMoveResult  result;
  GError          *error;
  gint64           round1_at;
  guint64          round1_bytes;
} MoveWait;

static void
move_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  MoveWait *w = user_data;

  w->result = bn_sim_move_run_finish (BN_SIM_MOVE (object), result, &w->error);
  g_main_loop_quit (w->loop);
}

static void
on_sample (BnSimMove      *move,
           BnSimMoveStats *stats,
           gpointer        user_data)
{
  MoveWait *w = user_data;

  if (w->round1_at == 0 && stats->round >= 1)
    {
      w->round1_at = stats->elapsed_us;
      w->round1_bytes = stats->transferred_bytes;
    }
}

typedef struct
{
  BnSimMoveStats stats;
  BnSimMoveResult result;
  char          *error;
  guint64        src_checksum;
  gint64         prefault_us;
  gint64         dst_suspend_us;
  guint64        dst_checksum;
  gint64         dst_hwm_kb;
  guint64        dst_resident_after;
  gint64         dst_rss_freed_kb;
  gboolean       workload_still_running;
  gdouble        src_cpu_s;
  gdouble        dst_cpu_s;
} MoveReport;

static gint64
field_int (const char *line,
           const char *key)
{
  const char *p = strstr (line, key);

  return p ? g_ascii_strtoll (p + strlen (key), NULL, 10) : -1;
}

static void
move_run (Peer          *peer,
          BnSimMemory   *src,
          BnSimWorkload *wl,
          guint64        rate_limit,
          guint          timeout_s,
          MoveReport    *rep)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(BnSimMove) move = NULL;
  g_autofree char *ready = NULL;
  g_autofree char *result = NULL;
  MoveWait w = { 0, };
  const char *p;

  socket = connect_peer (peer, MODE_MOVE, bn_sim_memory_get_size (src));
  ready = peer_line (peer);
  rep->prefault_us = field_int (ready, "prefault_us=");

  move = bn_sim_move_new (src, wl, socket);
  bn_sim_move_set_rate_limit (move, rate_limit);
  bn_sim_move_set_sample_interval (move, 50);
  if (timeout_s > 0)
    bn_sim_move_set_timeout (move, timeout_s);
  g_signal_connect (move, "sample", G_CALLBACK (on_sample), &w);
  w.loop = g_main_loop_new (NULL, FALSE);
  rep->src_cpu_s = cpu_seconds ();
  bn_sim_move_run_async (move, NULL, move_done, &w);
  g_main_loop_run (w.loop);
  rep->src_cpu_s = cpu_seconds () - rep->src_cpu_s;
  g_main_loop_unref (w.loop);

  bn_sim_move_get_stats (move, &rep->stats);
  rep->result = w.result;
  rep->error = w.error ? g_strdup (w.error->message) : NULL;
  g_clear_error (&w.error);
  if (wl != NULL)
    {
      guint64 before = bn_sim_workload_get_pages_written (wl);

      g_usleep (100 * 1000);
      rep->workload_still_running = bn_sim_workload_get_pages_written (wl) > before;
    }
  rep->src_checksum = bn_sim_memory_checksum (src);

  result = peer_line (peer);
  rep->dst_suspend_us = field_int (result, "suspend_us=");
  p = strstr (result, "checksum=");
  rep->dst_checksum = p ? g_ascii_strtoull (p + 9, NULL, 16) : 0;
  rep->dst_hwm_kb = field_int (result, "hwm_kb=");
  rep->dst_resident_after = field_int (result, "resident_after=");
  rep->dst_rss_freed_kb = field_int (result, "rss_freed_kb=");
  rep->dst_cpu_s = field_int (result, "cpu_ms=") / 1e3;
}

static BnSimMemory *
random_lpar (guint64 size,
             guint64 seed)
{
  g_autoptr(GError) error = NULL;
  BnSimMemory *mem = bn_sim_memory_new (size, 0, &error);
  gint64 t0 = g_get_monotonic_time ();

  if (mem == NULL)
    g_error ("%s", error->message);
  bn_sim_memory_fill (mem, BN_SIM_FILL_RANDOM, 0, size, seed);
  printf ("    (filled %.0f MiB of random content in %.2f s)\n", size / MiB,
          (g_get_monotonic_time () - t0) / 1e6);
  return mem;
}

static void
print_move (const char       *label,
            guint64           size,
            const MoveReport *rep)
{
  const BnSimMoveStats *s = &rep->stats;
  gdouble rate = (gdouble) s->transferred_bytes * G_USEC_PER_SEC / MAX (s->elapsed_us, 1);

  printf ("    result: %s%s%s\n", bn_sim_move_result_to_string (rep->result),
          rep->error ? " — " : "", rep->error ? rep->error : "");
  printf ("    memory %.0f MiB, wire %.1f MiB, rounds %u, pages %" G_GUINT64_FORMAT
          " + %" G_GUINT64_FORMAT " zero\n", size / MiB, s->transferred_bytes / MiB,
          s->round, s->pages_sent, s->zero_pages);
  printf ("    total time %.3f s, mean transfer rate %.1f MB/s (%.2f GB/s)\n",
          s->elapsed_us / 1e6, rate / 1e6, rate / 1e9);
  if (rep->result == BN_SIM_MOVE_RESULT_COMPLETED)
    {
      printf ("    real suspend (pause -> ack) %.1f ms; destination saw %.1f ms\n",
              s->suspend_us / 1e3, rep->dst_suspend_us / 1e3);
      printf ("    checksum: mover %016" G_GINT64_MODIFIER "x, source memory %016"
              G_GINT64_MODIFIER "x, destination memory %016" G_GINT64_MODIFIER "x: %s\n",
              s->checksum, rep->src_checksum, rep->dst_checksum,
              s->checksum == rep->src_checksum && s->checksum == rep->dst_checksum
              ? "equal" : "DIFFERENT");
    }
  printf ("    CPU: source process %.2f s, destination process %.2f s (wall %.2f s)\n",
          rep->src_cpu_s, rep->dst_cpu_s, s->elapsed_us / 1e6);
  printf ("    destination pre-fault (before the move, not in the times above) %.3f s\n",
          rep->prefault_us / 1e6);
  (void) label;
}

int
main (int   argc,
      char *argv[])
{
  const GOptionEntry entries[] = {
    { "receiver", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &opt_receiver, NULL, NULL },
    { "lpar-size", 0, 0, G_OPTION_ARG_CALLBACK, size_arg,
      "LPAR size for (b) and (e) [1G]", "SIZE" },
    { "size", 0, 0, G_OPTION_ARG_CALLBACK, size_arg,
      "LPAR size for the 125 MB/s run (c) [1G]", "SIZE" },
    { "intensive-size", 0, 0, G_OPTION_ARG_CALLBACK, size_arg,
      "LPAR size for the write-intensive run (d) [256M]", "SIZE" },
    { "raw-bytes", 0, 0, G_OPTION_ARG_CALLBACK, size_arg,
      "bytes per raw TCP run (a) [2G]", "SIZE" },
    { "raw-runs", 0, 0, G_OPTION_ARG_INT, &opt_raw_runs, "raw TCP runs (a) [3]", "N" },
    { "raw-only", 0, 0, G_OPTION_ARG_NONE, &opt_raw_only,
      "only (a); print \"raw-median-bytes-per-second N\" (bench/bench-migrate uses it)", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) octx = g_option_context_new ("- LPAR Mover benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(BnSimMemory) src = NULL;
  g_autoptr(BnSimWorkload) wl = NULL;
  g_autofree gdouble *raw = NULL;
  g_autofree char *port_line = NULL;
  Peer peer = { 0, };
  MoveReport b = { 0, };
  MoveReport c = { 0, };
  MoveReport d = { 0, };
  gdouble raw_median;
  gdouble raw_memory_median;
  gdouble rate_b;
  gdouble rate_c;

  g_option_context_add_main_entries (octx, entries, NULL);
  if (!g_option_context_parse (octx, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (opt_receiver)
    return run_receiver ();

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  peer.child = g_subprocess_launcher_spawn (launcher, &error, argv[0], "--receiver", NULL);
  if (peer.child == NULL)
    g_error ("%s", error->message);
  peer.out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (peer.child));
  port_line = peer_line (&peer);
  peer.port = (guint16) g_ascii_strtoull (port_line + 5, NULL, 10);

  printf ("LPAR Mover benchmark: source %s -> destination %s (separate process), %u CPUs\n",
          SRC_ADDR, DST_ADDR, g_get_num_processors ());

  /* (a) */
  printf ("\n(a) raw loopback TCP, %u x %.0f MiB, 256 KiB writes and reads\n",
          opt_raw_runs, opt_raw_bytes / MiB);
  raw = g_new0 (gdouble, MAX (opt_raw_runs, 1));
  for (gint i = 0; i < MAX (opt_raw_runs, 1); i++)
    {
      raw[i] = raw_run (&peer, opt_raw_bytes);
      printf ("    run %d: %.2f GB/s\n", i + 1, raw[i] / 1e9);
    }
  qsort (raw, MAX (opt_raw_runs, 1), sizeof (gdouble), cmp_double);
  raw_median = raw[MAX (opt_raw_runs, 1) / 2];
  printf ("    median %.2f GB/s (the reference below)\n", raw_median / 1e9);
  printf ("(a') the same pair moving %.0f MiB from memory to memory (random content)\n",
          opt_lpar_size / MiB);
  for (gint i = 0; i < MAX (opt_raw_runs, 1); i++)
    {
      raw[i] = raw_memory_run (&peer, opt_lpar_size);
      printf ("    run %d: %.2f GB/s\n", i + 1, raw[i] / 1e9);
    }
  qsort (raw, MAX (opt_raw_runs, 1), sizeof (gdouble), cmp_double);
  raw_memory_median = raw[MAX (opt_raw_runs, 1) / 2];
  printf ("    median %.2f GB/s\n", raw_memory_median / 1e9);
  if (opt_raw_only)
    {
      printf ("raw-median-bytes-per-second %.0f\n", raw_median);
      printf ("raw-memory-median-bytes-per-second %.0f\n", raw_memory_median);
      g_subprocess_force_exit (peer.child);
      g_subprocess_wait (peer.child, NULL, NULL);
      g_object_unref (peer.out);
      g_object_unref (peer.child);
      return 0;
    }
  fflush (stdout);

  /* (b) */
  printf ("\n(b) %.0f MiB LPAR, random content, light workload (16 MiB/s over 64 MiB), "
          "unlimited path\n", opt_lpar_size / MiB);
  src = random_lpar (opt_lpar_size, 1);
  wl = bn_sim_workload_new (src);
  bn_sim_workload_set_rate (wl, 16 * 1024 * 1024);
  bn_sim_workload_set_working_set (wl, 0, 64 * 1024 * 1024);
  bn_sim_workload_start (wl);
  g_usleep (300 * 1000);
  move_run (&peer, src, wl, 0, 0, &b);
  print_move ("b", opt_lpar_size, &b);
  rate_b = (gdouble) b.stats.transferred_bytes * G_USEC_PER_SEC / MAX (b.stats.elapsed_us, 1);
  printf ("    => transfer rate / raw rate = %.2f   (target >= 0.8); / memory-to-memory raw "
          "rate = %.2f\n", rate_b / raw_median, rate_b / raw_memory_median);
  printf ("    => real suspend = %.1f ms          (target <= 50 ms)\n",
          b.stats.suspend_us / 1e3);
  bn_sim_workload_stop (wl);
  g_clear_object (&wl);
  g_clear_pointer (&src, bn_sim_memory_unref);
  fflush (stdout);

  /* (e), from (b)'s destination */
  printf ("\n(e) receiving side, run (b): peak RSS %.0f MiB for %.0f MiB of LPAR memory "
          "=> ratio %.3f; RSS after the LPAR's memory is freed: %.1f MiB\n",
          b.dst_hwm_kb / 1024.0, opt_lpar_size / MiB,
          b.dst_hwm_kb * 1024.0 / opt_lpar_size, b.dst_rss_freed_kb / 1024.0);
  fflush (stdout);

  /* (c) */
  printf ("\n(c) %.0f MiB LPAR, random content, same light workload, path limited to "
          "125 MB/s\n", opt_limited_size / MiB);
  src = random_lpar (opt_limited_size, 2);
  wl = bn_sim_workload_new (src);
  bn_sim_workload_set_rate (wl, 16 * 1024 * 1024);
  bn_sim_workload_set_working_set (wl, 0, 64 * 1024 * 1024);
  bn_sim_workload_start (wl);
  move_run (&peer, src, wl, BN_SIM_RATE_1GBPS, 0, &c);
  print_move ("c", opt_limited_size, &c);
  rate_c = (gdouble) c.stats.transferred_bytes * G_USEC_PER_SEC / MAX (c.stats.elapsed_us, 1);
  printf ("    => transfer rate / 125 MB/s = %.3f   (target >= 0.95, never above 1)\n",
          rate_c / BN_SIM_RATE_1GBPS);
  printf ("    => real suspend = %.1f ms\n", c.stats.suspend_us / 1e3);
  bn_sim_workload_stop (wl);
  g_clear_object (&wl);
  g_clear_pointer (&src, bn_sim_memory_unref);
  fflush (stdout);

  /* (d) */
  printf ("\n(d) %.0f MiB LPAR, workload dirtying 250 MB/s over all of it, path limited to "
          "125 MB/s, timeout 5 s\n", opt_intensive_size / MiB);
  src = random_lpar (opt_intensive_size, 3);
  wl = bn_sim_workload_new (src);
  bn_sim_workload_set_rate (wl, 250 * 1000 * 1000);
  bn_sim_workload_start (wl);
  move_run (&peer, src, wl, BN_SIM_RATE_1GBPS, 5, &d);
  print_move ("d", opt_intensive_size, &d);
  printf ("    => ended %s after %.2f s (timeout %.0f s), dirty rate %.0f MB/s vs transfer "
          "%.0f MB/s\n",
          d.result == BN_SIM_MOVE_RESULT_CANCELED_WRITE_INTENSIVE ? "canceled (write intensive)"
                                                                  : "UNEXPECTEDLY",
          d.stats.elapsed_us / 1e6, d.stats.timeout_us / 1e6,
          bn_sim_workload_get_dirty_rate (wl) / 1e6, d.stats.estimated_rate / 1e6);
  printf ("    => workload still running on the source: %s; destination resident after: "
          "%.1f MiB\n", d.workload_still_running ? "yes" : "NO",
          d.dst_resident_after / MiB);
  bn_sim_workload_stop (wl);
  g_clear_object (&wl);
  g_clear_pointer (&src, bn_sim_memory_unref);

  printf ("\nsummary: raw %.2f GB/s, memory to memory %.2f GB/s | (b) rate/raw %.2f, "
          "rate/memory raw %.2f, suspend %.1f ms, total %.2f s | "
          "(c) rate/limit %.3f | (d) %s | (e) peak RSS/LPAR %.3f\n",
          raw_median / 1e9, raw_memory_median / 1e9, rate_b / raw_median,
          rate_b / raw_memory_median, b.stats.suspend_us / 1e3,
          b.stats.elapsed_us / 1e6, rate_c / BN_SIM_RATE_1GBPS,
          d.result == BN_SIM_MOVE_RESULT_CANCELED_WRITE_INTENSIVE ? "intensive-write cancel"
                                                                  : "no cancel",
          b.dst_hwm_kb * 1024.0 / opt_lpar_size);

  g_subprocess_force_exit (peer.child);
  g_subprocess_wait (peer.child, NULL, NULL);
  g_object_unref (peer.out);
  g_object_unref (peer.child);
  g_free (b.error);
  g_free (c.error);
  g_free (d.error);
  return 0;
}
