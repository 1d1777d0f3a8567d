/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bn-blade-doc.h"
#include "bn-engine.h"
#include "bn-test-support.h"

/* bench/migrate: live moves between two bladesimd processes through the engine, as a user
 * runs them, against a raw loopback TCP reference measured in the same run
 * (bn-bench-migrate-raw --raw-only).  Prints ratios, not verdicts. */

#define MIB (1024.0 * 1024.0)

static guint lpar_mb = 1024;

typedef struct
{
  char      *dir;
  char      *fleet_path;
  JsonNode  *fleet;
  BnTestSim *src;
  BnTestSim *dst;
  BnEngine  *engine;
} Rig;

/* The plain sender/receiver pair of bench/migrate-raw, median of its runs: from a hot
 * 256 KiB buffer (@raw), and moving 1 GiB from one faulted-in buffer into another
 * (@memory), which is what a move must do at the least. */
static void
raw_reference (double *raw,
               double *memory)
{
  g_autofree char *bin = bn_test_build_path ("bench/migrate-raw/bn-bench-migrate-raw");
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *line;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, bin, "--raw-only",
                           "--raw-bytes", "1G", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  line = strstr (out, "raw-median-bytes-per-second ");
  g_assert_nonnull (line);
  *raw = g_ascii_strtod (line + strlen ("raw-median-bytes-per-second "), NULL);
  line = strstr (out, "raw-memory-median-bytes-per-second ");
  g_assert_nonnull (line);
  *memory = g_ascii_strtod (line + strlen ("raw-memory-median-bytes-per-second "), NULL);
}

/* CRM01 (HVM-B01 #4) becomes a 1 GiB LPAR of random content with a light workload. */
static void
rig_start (Rig        *rig,
           guint       path_mbps,
           double      dirty_mb_per_s,
           guint       working_set_mb)
{
  const char *src_args[] = { "--blade", "HVM-B01", "--no-state", NULL };
  const char *dst_args[] = { "--blade", "HVM-B02", "--no-state", NULL };
  JsonObject *b01, *b02, *lpar, *workload;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;

  rig->dir = bn_test_tmpdir ();
  rig->fleet = bn_test_demo_fleet ();
  bn_test_fleet_relocate (rig->fleet, 0);
  b01 = bn_test_fleet_find_blade (rig->fleet, "HVM-B01");
  b02 = bn_test_fleet_find_blade (rig->fleet, "HVM-B02");
  json_object_set_int_member (b01, "path_rate_mbps", path_mbps);
  json_object_set_int_member (b02, "path_rate_mbps", path_mbps);
  lpar = bn_blade_doc_find_lpar (b01, 4);
  json_object_set_int_member (lpar, "memory_mb", lpar_mb);
  workload = bn_blade_doc_get_object (lpar, "guest.workload");
  json_object_set_string_member (workload, "content", "random");
  json_object_set_int_member (workload, "working_set_mb", working_set_mb);
  json_object_set_int_member (workload, "filled_mb", lpar_mb);
  json_object_set_double_member (workload, "dirty_mb_per_s", dirty_mb_per_s);
  rig->fleet_path = bn_test_write_json (rig->fleet, rig->dir, "fleet.json");

  rig->src = bn_test_sim_start (rig->fleet_path, rig->dir, src_args);
  rig->dst = bn_test_sim_start (rig->fleet_path, rig->dir, dst_args);
  db = g_build_filename (rig->dir, "db", NULL);
  rig->engine = bn_engine_new (db, &error);
  g_assert_no_error (error);
  bn_fleet_add_hvm (bn_engine_get_fleet (rig->engine), "HVM-B01",
                    json_object_get_string_member (b01, "address"), 23250, NULL, NULL, &error);
  bn_fleet_add_hvm (bn_engine_get_fleet (rig->engine), "HVM-B02",
                    json_object_get_string_member (b02, "address"), 23250, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
rig_stop (Rig *rig)
{
  g_clear_object (&rig->engine);
  g_clear_pointer (&rig->src, bn_test_sim_free);
  g_clear_pointer (&rig->dst, bn_test_sim_free);
  g_clear_pointer (&rig->fleet, json_node_unref);
  bn_test_rm_rf (rig->dir);
  g_clear_pointer (&rig->dir, g_free);
  g_clear_pointer (&rig->fleet_path, g_free);
}

/* Peak resident memory of a simulator, from /proc (kB → bytes). */
static double
peak_rss (BnTestSim *sim)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status",
                                           g_subprocess_get_identifier (sim->process));
  g_autofree char *status = NULL;
  const char *hwm;

  if (!g_file_get_contents (path, &status, NULL, NULL) ||
      (hwm = strstr (status, "VmHWM:")) == NULL)
    return 0;
  return g_ascii_strtod (hwm + strlen ("VmHWM:"), NULL) * 1024;
}

static BnMigration *
move (Rig   *rig,
      guint  timeout_s)
{
  g_autoptr(BnMigrationRequest) req = bn_migration_request_new (BN_OPERATION_MIGRATION);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BnMigration *run;

  bn_options_set (bn_engine_get_options (rig->engine), BN_OPTION_MONITOR_PERIOD, "250", NULL);
  bn_fleet_update_async (bn_engine_get_fleet (rig->engine), NULL, bn_test_store_result, &result);
  bn_fleet_update_finish (bn_engine_get_fleet (rig->engine), bn_test_wait (&result, 30000), NULL,
                          NULL);
  bn_migration_request_set_route (req, BN_MIGRATION_MODE_CONCURRENT, "HVM-B01", 4, "HVM-B02");
  req->timeout_s = timeout_s;
  run = bn_migration_service_start (bn_engine_get_migration_service (rig->engine), req, &error);
  g_assert_no_error (error);
  while (!bn_migration_is_finished (run))
    g_main_context_iteration (NULL, TRUE);
  return run;
}

/* The transfer's own figures: bytes and time of the last sample (memory transfer only). */
static double
transfer_rate (BnMigration *run,
               double      *seconds)
{
  GListModel *samples = bn_migration_get_samples (run);
  guint n = g_list_model_get_n_items (samples);
  g_autoptr(BnMonitorSample) last = n ? g_list_model_get_item (samples, n - 1) : NULL;

  if (last == NULL)
    return 0;
  *seconds = bn_monitor_sample_get_elapsed_ms (last) / 1000.0;
  return bn_monitor_sample_get_transferred_bytes (last) / MAX (*seconds, 1e-3);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- live migration benchmark");
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "lpar-mb", 0, 0, G_OPTION_ARG_INT, &lpar_mb, "LPAR memory in MiB (1024)", "MB" },
    { NULL }
  };
  double raw, raw_memory, rate, seconds, budget;
  Rig rig = { 0 };
  BnMigration *run;
  JsonObject *result;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  printf ("bench/migrate: live moves of a %u MiB LPAR (random content) between two bladesimd "
          "processes, through the engine\n\n", lpar_mb);
  raw_reference (&raw, &raw_memory);
  printf ("1. reference: raw loopback TCP, one stream        %8.2f GB/s\n", raw / 1e9);
  printf ("   the same pair moving 1 GiB memory to memory    %8.2f GB/s\n\n", raw_memory / 1e9);

  rig_start (&rig, 0, 16, 64);
  run = move (&rig, 900);
  result = bn_migration_get_result (run);
  rate = transfer_rate (run, &seconds);
  budget = lpar_mb * MIB * 1.1 + 64 * MIB;
  printf ("2. unlimited path, light workload (16 MB/s over 64 MiB): %s\n",
          bn_run_state_to_string (bn_migration_get_state (run)));
  printf ("   transfer rate                                  %8.2f GB/s = %.2f x raw (target >= 0.8), "
          "%.2f x memory to memory\n", rate / 1e9, rate / raw, rate / raw_memory);
  printf ("   real suspend time                              %8.1f ms          (target <= 50 ms)\n",
          json_object_get_double_member_with_default (result, "suspend_ms", -1));
  printf ("   memory transfer time                           %8.2f s\n", seconds);
  printf ("   whole move (backups, saves, transfer, end)     %8.2f s\n",
          json_object_get_double_member_with_default (result, "elapsed_s", -1));
  printf ("5. resident memory, peak: source %.0f MiB, destination %.0f MiB; "
          "budget LPAR x 1.1 + 64 MiB = %.0f MiB: %s\n\n", peak_rss (rig.src) / MIB,
          peak_rss (rig.dst) / MIB, budget / MIB,
          MAX (peak_rss (rig.src), peak_rss (rig.dst)) <= budget ? "met" : "MISSED");
  rig_stop (&rig);

  rig_start (&rig, 1000, 16, 64);
  run = move (&rig, 900);
  rate = transfer_rate (run, &seconds);
  printf ("3. 1 Gbps path: %s\n", bn_run_state_to_string (bn_migration_get_state (run)));
  printf ("   transfer rate                                  %8.1f MB/s = %.3f x 125 MB/s (target >= 0.95)\n",
          rate / 1e6, rate / 125e6);
  printf ("   real suspend time                              %8.1f ms\n\n",
          json_object_get_double_member_with_default (bn_migration_get_result (run), "suspend_ms", -1));
  rig_stop (&rig);

  rig_start (&rig, 1000, 250, 512);
  run = move (&rig, 10);
  printf ("4. workload dirtying 250 MB/s on a 125 MB/s path, timeout 10 s: %s, %s\n",
          bn_run_state_to_string (bn_migration_get_state (run)),
          bn_migration_get_error_id (run) ? bn_migration_get_error_id (run) : "(no error)");
  {
    BnHvm *src = bn_fleet_find_hvm (bn_engine_get_fleet (rig.engine), "HVM-B01");
    BnLpar *lpar = bn_hvm_find_lpar (src, 4);

    printf ("   the LPAR on the source afterwards: %s\n",
            lpar ? bn_lpar_state_to_string (bn_lpar_get_state (lpar)) : "GONE");
  }
  rig_stop (&rig);
  return 0;
}
