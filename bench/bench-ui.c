/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>

#include "bn-application.h"
#include "bn-blade-doc.h"
#include "bn-process.h"
#include "bn-progress-window.h"
#include "bn-test-support.h"
#include "bn-ui-utils.h"
#include "bn-window.h"

/* bench/ui: how long the console's main loop stalls while it Updates N simulated HVMs
 * (default 500) with the Main window and its fleet tree on screen, and while a live move
 * runs with its Migration Progress and Migration Monitor Status windows open; and its
 * resident memory.  A G_PRIORITY_HIGH timeout every 5 ms measures how late it runs; the
 * worst lateness is the longest stall a user would feel.  Target: no stall over 50 ms. */

#define PROBE_MS 5

static guint n_hvms = 500;
static guint n_runs = 3;
static gboolean no_window = FALSE;
static int sim_nice = 10;
static guint n_moves = 2;

typedef struct
{
  gint64  last;
  gint64  worst;
  GArray *lateness;    /* gint64 µs, while recording */
} Probe;

static gboolean
probe_cb (gpointer user_data)
{
  Probe *probe = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 late = now - probe->last - PROBE_MS * 1000;

  if (probe->lateness != NULL)
    {
      late = MAX (late, 0);
      g_array_append_val (probe->lateness, late);
      probe->worst = MAX (probe->worst, late);
    }
  probe->last = now;
  return G_SOURCE_CONTINUE;
}

static void
probe_start (Probe *probe)
{
  probe->worst = 0;
  probe->lateness = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static int
compare_i64 (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(gint64 *) a, y = *(gint64 *) b;

  return (x > y) - (x < y);
}

static double
probe_stop (Probe  *probe,
            double *p99_ms)
{
  g_array_sort (probe->lateness, compare_i64);
  *p99_ms = probe->lateness->len
            ? g_array_index (probe->lateness, gint64, probe->lateness->len * 99 / 100) / 1000.0
            : 0;
  g_clear_pointer (&probe->lateness, g_array_unref);
  return probe->worst / 1000.0;
}

static void
update_finished_cb (BnApplication *app,
                    gboolean       ok,
                    gboolean      *done)
{
  *done = TRUE;
}

/* Per main-loop iteration: wall and CPU time outside poll (), to tell work from waiting
 * for the CPU (the simulator runs on the same two cores). */
static GPollFunc default_poll;
static gint64 iter_wall_start, iter_cpu_start;
static gint64 worst_iter_wall, worst_iter_cpu;
static gboolean tracking;

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gint
timed_poll (GPollFD *fds,
            guint    nfds,
            gint     timeout)
{
  gint64 wall = g_get_monotonic_time (), cpu = thread_cpu_us ();
  gint ret;

  if (tracking && iter_wall_start != 0 && g_getenv ("BENCH_TRACE") &&
      wall - iter_wall_start > 30000)
    g_printerr ("--- iteration %.1f ms wall %.1f ms CPU ending at %" G_GINT64_FORMAT "\n",
                (wall - iter_wall_start) / 1e3, (cpu - iter_cpu_start) / 1e3, wall / 1000);
  if (tracking && iter_wall_start != 0 && wall - iter_wall_start > worst_iter_wall)
    {
      worst_iter_wall = wall - iter_wall_start;
      worst_iter_cpu = cpu - iter_cpu_start;
    }
  ret = default_poll (fds, nfds, timeout);
  iter_wall_start = g_get_monotonic_time ();
  iter_cpu_start = thread_cpu_us ();
  return ret;
}

static gint64 paint_start;

static void
before_paint_cb (GdkFrameClock *clock)
{
  paint_start = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock)
{
  if (g_getenv ("BENCH_TRACE") && g_get_monotonic_time () - paint_start > 10000)
    g_printerr ("frame (layout + paint) %.1f ms at %" G_GINT64_FORMAT "\n",
                (g_get_monotonic_time () - paint_start) / 1e3, g_get_monotonic_time () / 1000);
}

static long
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line ? strtol (line + 6, NULL, 10) : -1;
}

static gboolean
frames_cb (GtkWidget     *widget,
           GdkFrameClock *clock,
           gpointer       user_data)
{
  guint *frames = user_data;

  (*frames)++;
  return G_SOURCE_CONTINUE;
}

static gboolean
set_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
has_samples (BnMigration *run)
{
  return g_list_model_get_n_items (bn_migration_get_samples (run)) > 0;
}

/* A live move of the demo's CRM01 (4 GiB, 256 MiB of it written, 20 MB/s dirtied) between
 * HVM-B01 and HVM-B02 over a 1 Gbps path, back and forth, with its Migration Progress and
 * Migration Monitor Status open: the stalls from the first sample to the end of the move. */
static void
bench_moves (BnApplication *app,
             BnWindow      *window,
             const char    *dir,
             Probe         *probe)
{
  static const char *ids[] = { "HVM-B01", "HVM-B02" };
  BnEngine *engine = bn_application_get_engine (app);
  BnFleet *fleet_model = bn_engine_get_fleet (engine);
  g_autoptr(JsonNode) fleet = bn_test_demo_fleet ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *state = g_build_filename (dir, "move-state", NULL);
  const char *no_state[] = { "--no-state", NULL };
  BnTestSim *sim;

  bn_test_fleet_relocate (fleet, 0);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    json_object_set_int_member (bn_test_fleet_find_blade (fleet, ids[i]), "path_rate_mbps",
                                1000);
  path = bn_test_write_json (fleet, dir, "move-fleet.json");
  sim = bn_test_sim_start (path, state, no_state);
  if (sim_nice != 0)
    setpriority (PRIO_PROCESS, atoi (g_subprocess_get_identifier (sim->process)), sim_nice);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      JsonObject *blade = bn_test_fleet_find_blade (fleet, ids[i]);

      if (bn_fleet_add_hvm (fleet_model, ids[i], bn_blade_doc_get_string (blade, "address", ""),
                            bn_blade_doc_get_int (blade, "port", 23250), NULL, sim->fingerprint,
                            &error) == NULL)
        g_error ("%s", error->message);
    }

  for (guint move = 0; move < n_moves; move++)
    {
      g_autoptr(BnMigrationRequest) request = bn_migration_request_new (BN_OPERATION_MIGRATION);
      BnHvm *source = bn_fleet_find_hvm (fleet_model, ids[move % 2]);
      BnLpar *lpar;
      BnProgressWindow *progress;
      BnMigration *run;
      double worst, p99, seconds;
      gint64 start;
      gboolean done = FALSE;
      gulong handler;

      handler = g_signal_connect (app, "update-finished", G_CALLBACK (update_finished_cb), &done);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.update", NULL);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
      g_signal_handler_disconnect (app, handler);
      lpar = bn_hvm_find_lpar_by_name (source, "CRM01");
      if (lpar == NULL)
        g_error ("CRM01 is not on %s", ids[move % 2]);

      bn_migration_request_set_route (request, BN_MIGRATION_MODE_CONCURRENT,
                                      ids[move % 2], bn_lpar_get_number (lpar),
                                      ids[(move + 1) % 2]);
      run = bn_migration_service_start (bn_engine_get_migration_service (engine), request,
                                        &error);
      if (run == NULL)
        g_error ("%s", error->message);
      progress = bn_progress_window_show (app, run);
      while (!has_samples (run) && !bn_migration_is_finished (run))
        g_main_context_iteration (NULL, TRUE);
      gtk_widget_activate_action (GTK_WIDGET (progress), "progress.show-monitor", NULL);
      probe_start (probe);
      worst_iter_wall = worst_iter_cpu = 0;
      tracking = TRUE;
      start = g_get_monotonic_time ();
      while (!bn_migration_is_finished (run))
        g_main_context_iteration (NULL, TRUE);
      seconds = (g_get_monotonic_time () - start) / 1e6;
      wait_ms (300);
      worst = probe_stop (probe, &p99);
      tracking = FALSE;
      printf ("  move %u (CRM01 %s → %s, %s): %.1f s from the first sample, %u samples; "
              "main-loop stall: worst %5.1f ms, 99th percentile %4.1f ms (longest iteration "
              "%.1f ms wall, %.1f ms CPU)  %s\n", move + 1, ids[move % 2], ids[(move + 1) % 2],
              bn_run_state_to_string (bn_migration_get_state (run)), seconds,
              g_list_model_get_n_items (bn_migration_get_samples (run)), worst, p99,
              worst_iter_wall / 1e3, worst_iter_cpu / 1e3,
              worst <= 50 ? "(target ≤ 50 ms: met)" : "(target ≤ 50 ms: MISSED)");
      /* close Migration Progress and the monitor before the next move */
      gtk_window_destroy (GTK_WINDOW (progress));
      {
        GListModel *toplevels = gtk_window_get_toplevels ();

        for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
          {
            g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i - 1);

            if (w != GTK_WINDOW (window))
              gtk_window_destroy (w);
          }
      }
    }
  bn_test_sim_free (sim);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- main-loop stalls during Update");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autoptr(JsonNode) fleet = NULL;
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = NULL;
  g_autofree char *state = NULL;
  const char *no_state[] = { "--no-state", NULL };
  g_autoptr(BnApplication) app = NULL;
  BnTestSim *sim;
  BnWindow *window;
  BnFleet *fleet_model;
  Probe probe = { 0 };
  long rss_empty, rss_registered, rss_read;
  guint frames = 0;
  GOptionEntry entries[] = {
    { "hvms", 'n', 0, G_OPTION_ARG_INT, &n_hvms, "Simulated HVMs (500)", "N" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &n_runs, "Updates on the Migration tab (3)", "N" },
    { "sim-nice", 0, 0, G_OPTION_ARG_INT, &sim_nice, "Niceness of the simulator (10): real "
      "blades are other machines, not rivals for this one's CPUs", "N" },
    { "no-window", 0, 0, G_OPTION_ARG_NONE, &no_window, "Reference: the same without a window",
      NULL },
    { "moves", 'm', 0, G_OPTION_ARG_INT, &n_moves, "Live moves with the monitor open (2)", "N" },
    { NULL }
  };

  bn_ui_init_i18n ();
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  bn_process_raise_fd_limit ();

  /* N copies of the demo's HVM-A01 (6 LPARs), 16 to a chassis */
  dir = bn_test_tmpdir ();
  fleet = bn_test_fleet_of_copies ("HVM-A01", n_hvms, 63, addresses);
  path = bn_test_write_json (fleet, dir, "fleet.json");
  state = g_build_filename (dir, "state", NULL);
  sim = bn_test_sim_start (path, state, no_state);
  if (sim_nice != 0)
    setpriority (PRIO_PROCESS, atoi (g_subprocess_get_identifier (sim->process)), sim_nice);

  db = g_build_filename (dir, "navigator.db", NULL);
  app = bn_application_new ();
  bn_application_set_database (app, db);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);
  rss_empty = rss_kib ();
  fleet_model = bn_engine_get_fleet (bn_application_get_engine (app));
  bn_options_set (bn_engine_get_options (bn_application_get_engine (app)), BN_OPTION_HVM_TIMEOUT,
                  "10", NULL);
  for (guint i = 0; i < n_hvms; i++)
    {
      g_autofree char *id = g_strdup_printf ("HVM%04u", i);

      if (bn_fleet_add_hvm (fleet_model, id, g_ptr_array_index (addresses, i), 23250, NULL,
                            sim->fingerprint, &error) == NULL)
        g_error ("%s", error->message);
    }
  if (no_window)
    {
      window = bn_window_new (app);   /* never shown */
      g_application_hold (G_APPLICATION (app));
    }
  else
    {
      g_application_activate (G_APPLICATION (app));
      window = BN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
    }
  gtk_widget_add_tick_callback (GTK_WIDGET (window), frames_cb, &frames, NULL);
  if (gtk_widget_get_frame_clock (GTK_WIDGET (window)) != NULL)
    {
      g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "before-paint",
                        G_CALLBACK (before_paint_cb), NULL);
      g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                        G_CALLBACK (after_paint_cb), NULL);
    }
  wait_ms (500);
  rss_registered = rss_kib ();

  default_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, timed_poll);
  probe.last = g_get_monotonic_time ();
  g_timeout_add_full (G_PRIORITY_HIGH, PROBE_MS, probe_cb, &probe, NULL);

  printf ("bench/ui: Update of %u simulated HVMs (6 LPARs each) with the Main window shown "
          "(GSK_RENDERER=%s, simulator at nice %d, %u CPUs)\n", n_hvms,
          g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default", sim_nice,
          g_get_num_processors ());
  /* n_runs on the Migration tab (the first one connects), then one on the Profile tab */
  for (guint run = 0; run <= n_runs; run++)
    {
      const char *page = run < n_runs ? "migration" : "profile";
      gboolean done = FALSE;
      gulong handler;
      gint64 start;
      guint frames_before;
      double worst, p99, seconds, start_ms;

      g_object_set (window, "page", page, NULL);
      wait_ms (300);
      handler = g_signal_connect (app, "update-finished", G_CALLBACK (update_finished_cb), &done);
      frames_before = frames;
      probe_start (&probe);
      worst_iter_wall = worst_iter_cpu = 0;
      tracking = TRUE;
      start = g_get_monotonic_time ();
      gtk_widget_activate_action (GTK_WIDGET (window), "win.update", NULL);
      start_ms = (g_get_monotonic_time () - start) / 1e3;
      while (!done)
        g_main_context_iteration (NULL, TRUE);
      seconds = (g_get_monotonic_time () - start) / 1e6;
      /* the views catch up after the last answer, too */
      wait_ms (300);
      worst = probe_stop (&probe, &p99);
      tracking = FALSE;
      g_signal_handler_disconnect (app, handler);
      printf ("  Update %u (%s tab%s): %6.0f ms, %3u frames; main-loop stall: worst %5.1f ms, "
              "99th percentile %4.1f ms (starting it: %.1f ms; longest iteration %.1f ms wall, "
              "%.1f ms CPU)  %s\n", run + 1, page,
              run == 0 ? ", first: connect + TLS" : "", seconds * 1e3, frames - frames_before,
              worst, p99, start_ms, worst_iter_wall / 1e3, worst_iter_cpu / 1e3,
              worst <= 50 ? "(target ≤ 50 ms: met)" : "(target ≤ 50 ms: MISSED)");
    }
  rss_read = rss_kib ();
  if (!no_window && n_moves > 0)
    {
      printf ("bench/ui: live moves with Migration Progress and Migration Monitor Status open "
              "(the %u HVMs still registered)\n", n_hvms);
      bench_moves (app, window, dir, &probe);
    }
  {
    guint n_read = 0;

    for (guint i = 0; i < n_hvms; i++)
      {
        g_autoptr(BnHvm) h = g_list_model_get_item (bn_fleet_get_hvms (fleet_model), i);

        n_read += bn_hvm_get_state (h) == BN_HVM_STATE_OK;
      }
    printf ("  %u of %u HVMs read\n", n_read, n_hvms);
  }
  printf ("  resident memory: %ld MiB at start-up, %ld MiB with %u HVMs registered and the "
          "window shown, %ld MiB after reading them (%.0f KiB per HVM)\n",
          rss_empty / 1024, rss_registered / 1024, n_hvms, rss_read / 1024,
          (double) (rss_read - rss_empty) / n_hvms);

  gtk_window_destroy (GTK_WINDOW (window));
  bn_test_sim_free (sim);
  bn_test_rm_rf (dir);
  return 0;
}
