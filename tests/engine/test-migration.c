/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "bn-blade-doc.h"
#include "bn-engine.h"
#include "bn-error.h"
#include "bn-test-rig.h"

/* Moves between real bladesimd processes (one per blade, so that one can be killed), on
 * loopback, with real memory moving over a real TCP migration path. */

typedef BnTestRig Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  bn_test_rig_setup (f, data);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  bn_test_rig_teardown (f);
}

static void
start_blade (Fixture    *f,
             const char *id)
{
  bn_test_rig_start_blade (f, id);
}

static void
update (Fixture *f)
{
  bn_test_rig_update (f);
}

static BnMigration *
start (Fixture            *f,
       BnMigrationRequest *request)
{
  g_autoptr(GError) error = NULL;
  BnMigration *run;

  update (f);
  run = bn_migration_service_start (bn_engine_get_migration_service (f->engine), request, &error);
  g_assert_no_error (error);
  return run;
}

static gboolean
flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_finished (BnMigration *run)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (90, flag_cb, &timed_out);

  while (!bn_migration_is_finished (run) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
  g_test_message ("%s: %s %s", bn_migration_get_id (run),
                  bn_run_state_to_string (bn_migration_get_state (run)),
                  bn_migration_get_error_line (run) ? bn_migration_get_error_line (run) : "");
}

static void
wait_step (BnMigration *run,
           const char  *step)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (60, flag_cb, &timed_out);

  while (g_strcmp0 (bn_migration_get_step_id (run), step) != 0 &&
         !bn_migration_is_finished (run) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

static BnLpar *
lpar_named (Fixture    *f,
            const char *hvm,
            const char *name)
{
  return bn_hvm_find_lpar_by_name (bn_fleet_find_hvm (bn_engine_get_fleet (f->engine), hvm), name);
}

static const char *
first_wwpn (BnLpar *lpar)
{
  JsonArray *fcs = bn_blade_doc_get_array (bn_lpar_get_config (lpar), "fcs");

  return bn_blade_doc_get_string (json_array_get_object_element (fcs, 0), "wwpn", NULL);
}

static char *
memory_checksum (Fixture    *f,
                 const char *hvm,
                 guint       lpar)
{
  JsonObject *blade = bn_test_fleet_find_blade (f->fleet, hvm);
  g_autofree char *host = g_strdup_printf ("-host=%s", json_object_get_string_member (blade, "address"));
  g_autofree char *arg = g_strdup_printf ("lpar=%u", lpar);
  BnTestSim *sim = g_hash_table_lookup (f->sims, hvm);
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) reply = NULL;

  g_assert_cmpint (bn_test_run_bnctl (NULL, &out, NULL, "--json", "hvmsh", host, "--fingerprint",
                                      sim->fingerprint, "get", "LparMemoryChecksum", arg, NULL),
                   ==, 0);
  reply = json_from_string (out, NULL);
  return g_strdup (bn_blade_doc_get_string (json_node_get_object (reply), "data.checksum", ""));
}

static const char *concurrent_pair[] = { "HVM-B01", "HVM-B02", NULL };
static const char *shutdown_pair[] = { "HVM-A01", "HVM-A02", NULL };

/* A full live move: memory arrives intact, identities are exchanged, the blades are
 * unlocked, the Progress rows are all done. */
static void
test_concurrent_move (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(BnMigrationRequest) req = bn_migration_request_new (BN_OPERATION_MIGRATION);
  g_autofree char *src_wwpn = NULL;
  g_autofree char *dst_checksum = NULL;
  BnMigration *run;
  BnLpar *moved;
  GListModel *stages;
  JsonObject *result;

  update (f);
  src_wwpn = g_strdup (first_wwpn (lpar_named (f, "HVM-B01", "CRM01")));
  bn_migration_request_set_route (req, BN_MIGRATION_MODE_CONCURRENT, "HVM-B01", 4, "HVM-B02");
  run = start (f, req);
  g_assert_cmpuint (bn_migration_get_destination_lpar (run), ==, 4);   /* Auto: lowest free */
  wait_finished (run);

  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_SUCCEEDED);
  g_assert_cmpstr (bn_migration_get_completion_text (run), ==, "Migration completed !");
  stages = bn_migration_get_stages (run);
  g_assert_cmpuint (g_list_model_get_n_items (stages), ==, 7);
  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(BnStage) stage = g_list_model_get_item (stages, i);
      g_assert_cmpint (bn_stage_get_state (stage), ==, BN_STAGE_STATE_DONE);
    }
  g_assert_cmpuint (g_list_model_get_n_items (bn_migration_get_samples (run)), >, 0);

  result = bn_migration_get_result (run);
  g_assert_true (json_object_has_member (result, "checksum"));
  g_assert_cmpfloat (json_object_get_double_member (result, "suspend_ms"), <=, 500);

  /* the destination's memory is the source's at suspend */
  dst_checksum = memory_checksum (f, "HVM-B02", 4);
  g_assert_cmpstr (dst_checksum, ==, json_object_get_string_member (result, "checksum"));

  g_assert_null (lpar_named (f, "HVM-B01", "CRM01"));
  moved = lpar_named (f, "HVM-B02", "CRM01");
  g_assert_nonnull (moved);
  g_assert_cmpint (bn_lpar_get_state (moved), ==, BN_LPAR_STATE_ACTIVATED);
  g_assert_cmpstr (first_wwpn (moved), ==, src_wwpn);
  g_assert_cmpstr (bn_blade_doc_get_string (bn_lpar_get_config (moved), "cpu.processor_node", ""),
                   ==, "A");
  /* the source slot took the destination slot's identity (§5.16) */
  g_assert_nonnull (bn_blade_doc_get_array (bn_hvm_get_config (bn_fleet_find_hvm (bn_engine_get_fleet (f->engine), "HVM-B01")),
                                            "slot_identities"));
  g_assert_cmpint (bn_hvm_get_state (bn_fleet_find_hvm (bn_engine_get_fleet (f->engine), "HVM-B01")),
                   ==, BN_HVM_STATE_OK);
}

/* Saves Guest OS Information for HVM #LPAR, as the Migration [Shutdown] window's Save does. */
static void
save_guest (Fixture    *f,
            const char *hvm,
            guint       lpar,
            const char *address)
{
  g_autoptr(BnMigrationRequest) guest = bn_migration_request_new (BN_OPERATION_MIGRATION);
  g_autoptr(GError) error = NULL;

  guest->guest_os = BN_GUEST_OS_LINUX;
  guest->guest_address = g_strdup (address);
  guest->guest_user = g_strdup ("root");
  g_assert_true (bn_guest_settings_save (bn_engine_get_guest_settings (f->engine), hvm, lpar,
                                         guest, &error));
  g_assert_no_error (error);
}

/* The address saved for HVM #LPAR, NULL when nothing is. */
static char *
saved_guest (Fixture    *f,
             const char *hvm,
             guint       lpar)
{
  g_autoptr(BnMigrationRequest) guest = bn_migration_request_new (BN_OPERATION_MIGRATION);
  g_autoptr(GError) error = NULL;
  gboolean found;

  found = bn_guest_settings_lookup (bn_engine_get_guest_settings (f->engine), hvm, lpar, guest,
                                    &error);
  g_assert_no_error (error);
  return found ? g_strdup (guest->guest_address) : NULL;
}

static void
test_shutdown_move (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(BnMigrationRequest) req = bn_migration_request_new (BN_OPERATION_MIGRATION);
  BnMigration *run;
  BnLpar *moved;
  JsonObject *config;

  req->mode = BN_MIGRATION_MODE_SHUTDOWN;
  req->source_hvm = g_strdup ("HVM-A01");
  req->source_lpar = 4;    /* BATCH01, deactivated */
  req->destination_hvm = g_strdup ("HVM-A02");
  req->destination_lpar = 8;
  save_guest (f, "HVM-A01", 4, "192.0.2.4");
  save_guest (f, "HVM-A02", 8, "192.0.2.99");   /* left by an LPAR no longer there */
  run = start (f, req);
  wait_finished (run);
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_SUCCEEDED);
  /* §5.13: the Guest OS Information moved with the LPAR */
  {
    g_autofree char *at_source = saved_guest (f, "HVM-A01", 4);
    g_autofree char *at_destination = saved_guest (f, "HVM-A02", 8);

    g_autoptr(BnMigrationRequest) bad = bn_migration_request_new (BN_OPERATION_MIGRATION);
    g_autoptr(GError) error = NULL;
    g_autofree char *after = NULL;

    g_assert_null (at_source);
    g_assert_cmpstr (at_destination, ==, "192.0.2.4");
    /* bad input changes nothing stored */
    bad->guest_address = g_strdup ("192.0.2.300");
    bad->guest_user = g_strdup ("root");
    g_assert_false (bn_guest_settings_save (bn_engine_get_guest_settings (f->engine), "HVM-A02",
                                            8, bad, &error));
    g_assert_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT);
    after = saved_guest (f, "HVM-A02", 8);
    g_assert_cmpstr (after, ==, "192.0.2.4");
  }

  g_assert_null (bn_hvm_find_lpar (bn_fleet_find_hvm (bn_engine_get_fleet (f->engine), "HVM-A01"), 4));
  moved = bn_hvm_find_lpar (bn_fleet_find_hvm (bn_engine_get_fleet (f->engine), "HVM-A02"), 8);
  g_assert_nonnull (moved);
  g_assert_cmpstr (bn_lpar_get_name (moved), ==, "BATCH01");
  /* Activate Destination LPAR is on by default (§4.2.2) */
  g_assert_cmpint (bn_lpar_get_state (moved), ==, BN_LPAR_STATE_ACTIVATED);
  config = bn_lpar_get_config (moved);
  g_assert_cmpstr (bn_blade_doc_get_string (config, "memory_node", ""), ==, "A");
  /* §5.17: the console port follows the destination's LPAR number */
  g_assert_cmpint (bn_blade_doc_get_int (config, "virtual_console.port", 0), ==, 20808);

  /* Migration History (§4.1.3): Now, then old1 */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GListModel) history = bn_history_list_for_lpar (bn_engine_get_history (f->engine),
                                                              "BATCH01", &error);
    g_autoptr(BnHistoryEntry) now = NULL;
    g_autoptr(BnHistoryEntry) old = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (history), ==, 2);
    now = g_list_model_get_item (history, 0);
    old = g_list_model_get_item (history, 1);
    g_assert_cmpstr (bn_history_entry_get_hvm_id (now), ==, "HVM-A02");
    g_assert_cmpuint (bn_history_entry_get_lpar_number (now), ==, 8);
    g_assert_nonnull (bn_history_entry_get_moved_at (now));
    g_assert_cmpstr (bn_history_entry_get_hvm_id (old), ==, "HVM-A01");
    g_assert_cmpuint (bn_history_entry_get_lpar_number (old), ==, 4);
  }
}

/* An activated LPAR cannot move in Shutdown mode without the remote shutdown. */
static void
test_shutdown_refuses_activated (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(BnMigrationRequest) req = bn_migration_request_new (BN_OPERATION_MIGRATION);
  BnMigration *run;

  req->mode = BN_MIGRATION_MODE_SHUTDOWN;
  req->source_hvm = g_strdup ("HVM-A01");
  req->source_lpar = 1;    /* WEB01, activated */
  req->destination_hvm = g_strdup ("HVM-A02");
  save_guest (f, "HVM-A01", 1, "192.0.2.1");
  run = start (f, req);
  wait_finished (run);
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_FAILED);
  g_assert_cmpstr (bn_migration_get_error_id (run), ==, "mmc-source-lpar-activated");
  /* §5.13: a failed move leaves the Guest OS Information where it was */
  {
    g_autofree char *at_source = saved_guest (f, "HVM-A01", 1);

    g_assert_cmpstr (at_source, ==, "192.0.2.1");
  }
  g_assert_true (g_str_has_prefix (bn_migration_get_error_line (run), "EMG"));
  g_assert_nonnull (bn_migration_get_error_remedy (run));
  /* nothing moved, nothing locked */
  g_assert_nonnull (lpar_named (f, "HVM-A01", "WEB01"));
  g_assert_cmpint (bn_hvm_get_state (bn_fleet_find_hvm (bn_engine_get_fleet (f->engine), "HVM-A01")),
                   ==, BN_HVM_STATE_OK);
}

static void
set_workload (Fixture    *f,
              const char *hvm,
              guint       lpar,
              double      dirty_mb_per_s,
              guint       working_set_mb,
              guint       path_rate_mbps)
{
  JsonObject *blade = bn_test_fleet_find_blade (f->fleet, hvm);
  JsonObject *l = bn_blade_doc_find_lpar (blade, lpar);

  json_object_set_double_member (bn_blade_doc_get_object (l, "guest.workload"), "dirty_mb_per_s",
                                 dirty_mb_per_s);
  json_object_set_int_member (bn_blade_doc_get_object (l, "guest.workload"), "working_set_mb",
                              working_set_mb);
  json_object_set_int_member (blade, "path_rate_mbps", path_rate_mbps);
  g_free (f->fleet_path);
  f->fleet_path = bn_test_write_json (f->fleet, f->dir, "fleet.json");
  g_hash_table_remove (f->sims, hvm);
  {
    /* the saved state would win over the new fleet file; the certificate stays pinned */
    g_autofree char *file = g_strdup_printf ("%s.json", hvm);
    g_autofree char *state = g_build_filename (f->dir, hvm, file, NULL);
    g_remove (state);
  }
  start_blade (f, hvm);
}

static void
cancel_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bn_migration_cancel_finish (BN_MIGRATION (object), result, &error));
  g_assert_no_error (error);
}

static void
extend_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bn_migration_extend_finish (BN_MIGRATION (object), result, &error));
  *(gboolean *) user_data = TRUE;
}

/* Extend, then cancel, while memory transfers (§4.3.3, §4.3.4): the LPAR keeps running on
 * the source, back on its own WWN. */
static void
test_extend_and_cancel (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(BnMigrationRequest) req = bn_migration_request_new (BN_OPERATION_MIGRATION);
  gboolean extended = FALSE;
  BnMigration *run;
  guint timeout;
  BnLpar *lpar;

  /* dirtying as fast as a slow path carries: never converges on its own */
  set_workload (f, "HVM-B01", 4, 20, 64, 100);
  bn_migration_request_set_route (req, BN_MIGRATION_MODE_CONCURRENT, "HVM-B01", 4, "HVM-B02");
  req->timeout_s = 120;
  run = start (f, req);
  g_assert_false (bn_migration_get_can_cancel (run));
  wait_step (run, "transfer-memory");
  g_assert_true (bn_migration_get_can_cancel (run));
  g_assert_true (bn_migration_get_can_extend (run));

  while (g_list_model_get_n_items (bn_migration_get_samples (run)) < 2)
    g_main_context_iteration (NULL, TRUE);
  timeout = bn_migration_get_timeout (run);
  bn_migration_extend_async (run, 60, NULL, extend_cb, &extended);
  while (!extended || bn_migration_get_timeout (run) == timeout)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (bn_migration_get_timeout (run), ==, timeout + 60);

  bn_migration_cancel_async (run, NULL, cancel_cb, NULL);
  g_assert_cmpstr (bn_migration_get_progress_text (run), ==, "Progress : Canceling ... Migration");
  wait_finished (run);
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_CANCELED);
  g_assert_cmpstr (bn_migration_get_error_id (run), ==, "mover-terminated-by-user");

  lpar = lpar_named (f, "HVM-B01", "CRM01");
  g_assert_cmpint (bn_lpar_get_state (lpar), ==, BN_LPAR_STATE_ACTIVATED);
  g_assert_null (lpar_named (f, "HVM-B02", "CRM01"));
}

/* A guest dirtying memory faster than the path carries: cancelled when the timeout passes,
 * "Memory write is intensive" (§6.4.13), still running on the source. */
static void
test_write_intensive (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(BnMigrationRequest) req = bn_migration_request_new (BN_OPERATION_MIGRATION);
  BnMigration *run;

  set_workload (f, "HVM-B01", 4, 40, 64, 100);
  bn_migration_request_set_route (req, BN_MIGRATION_MODE_CONCURRENT, "HVM-B01", 4, "HVM-B02");
  req->timeout_s = 3;
  run = start (f, req);
  wait_finished (run);
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_FAILED);
  g_assert_cmpstr (bn_migration_get_error_id (run), ==, "mover-memory-write-intensive");
  g_assert_nonnull (strstr (bn_migration_get_error_line (run), "Memory write is intensive"));
  g_assert_cmpint (bn_lpar_get_state (lpar_named (f, "HVM-B01", "CRM01")), ==,
                   BN_LPAR_STATE_ACTIVATED);
}

/* Two moves on one blade: the second is told the blade is busy (§5.34, 表 6-3 #2). */
static void
test_busy (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(BnMigrationRequest) a = bn_migration_request_new (BN_OPERATION_MIGRATION);
  g_autoptr(BnMigrationRequest) b = NULL;
  BnMigration *first, *second;

  set_workload (f, "HVM-B01", 4, 10, 64, 100);
  bn_migration_request_set_route (a, BN_MIGRATION_MODE_CONCURRENT, "HVM-B01", 4, "HVM-B02");
  b = bn_migration_request_copy (a);
  b->source_lpar = 1;
  b->destination_lpar = 9;
  first = start (f, a);
  wait_step (first, "backup-src-before");
  second = start (f, b);
  wait_finished (second);
  g_assert_cmpint (bn_migration_get_state (second), ==, BN_RUN_STATE_FAILED);
  g_assert_cmpstr (bn_migration_get_error_id (second), ==, "mms-blade-busy-migration");
  wait_finished (first);
  g_assert_cmpint (bn_migration_get_state (first), ==, BN_RUN_STATE_SUCCEEDED);
}

/* The destination dies during the transfer: the LPAR keeps running on the source, on its
 * migration WWN until rolled back (§3.2.4); no half-defined LPAR anywhere. */
static void
test_destination_killed (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(BnMigrationRequest) req = bn_migration_request_new (BN_OPERATION_MIGRATION);
  g_autoptr(BnMigrationRequest) rollback = bn_migration_request_new (BN_OPERATION_WWN_ROLLBACK);
  BnMigration *run;
  BnLpar *lpar;

  set_workload (f, "HVM-B01", 4, 10, 64, 100);
  bn_migration_request_set_route (req, BN_MIGRATION_MODE_CONCURRENT, "HVM-B01", 4, "HVM-B02");
  run = start (f, req);
  wait_step (run, "transfer-memory");
  bn_test_sim_kill (g_hash_table_lookup (f->sims, "HVM-B02"));
  wait_finished (run);
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_FAILED);

  start_blade (f, "HVM-B02");
  update (f);
  g_assert_null (lpar_named (f, "HVM-B02", "CRM01"));
  lpar = lpar_named (f, "HVM-B01", "CRM01");
  g_assert_cmpint (bn_lpar_get_state (lpar), ==, BN_LPAR_STATE_MIGRATION_WWN);

  rollback->source_hvm = g_strdup ("HVM-B01");
  rollback->source_lpar = 4;
  run = start (f, rollback);
  wait_finished (run);
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_SUCCEEDED);
  g_assert_cmpint (bn_lpar_get_state (lpar_named (f, "HVM-B01", "CRM01")), ==,
                   BN_LPAR_STATE_ACTIVATED);
}

/* The source dies while the LPAR is suspended: after its restart the LPAR requires
 * recovery, the destination has nothing; Recovery restores it on the source. */
static void
test_source_killed_in_suspend (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(BnMigrationRequest) req = bn_migration_request_new (BN_OPERATION_MIGRATION);
  g_autoptr(BnMigrationRequest) recover = bn_migration_request_new (BN_OPERATION_RECOVERY);
  g_autoptr(BnMigrationRequest) rollback = bn_migration_request_new (BN_OPERATION_WWN_ROLLBACK);
  BnMigration *run;
  BnLpar *lpar;

  /* a long stop-and-copy: up to 3 s of suspend allowed on a 100 Mbps path */
  set_workload (f, "HVM-B01", 4, 6, 24, 100);
  bn_migration_request_set_route (req, BN_MIGRATION_MODE_CONCURRENT, "HVM-B01", 4, "HVM-B02");
  req->max_suspend_ms = 3000;
  run = start (f, req);
  wait_step (run, "suspend-lpar");
  if (bn_migration_is_finished (run))
    {
      g_test_skip ("the suspend was too short to catch");
      return;
    }
  bn_test_sim_kill (g_hash_table_lookup (f->sims, "HVM-B01"));
  wait_finished (run);
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_FAILED);

  start_blade (f, "HVM-B01");
  update (f);
  lpar = lpar_named (f, "HVM-B01", "CRM01");
  g_assert_nonnull (lpar);
  g_assert_cmpint (bn_lpar_get_state (lpar), ==, BN_LPAR_STATE_RECOVERY);
  g_assert_null (lpar_named (f, "HVM-B02", "CRM01"));
  g_assert_cmpuint (bn_hvm_get_n_recovery (bn_fleet_find_hvm (bn_engine_get_fleet (f->engine), "HVM-B01")), ==, 1);

  recover->source_hvm = g_strdup ("HVM-B01");
  recover->source_lpar = 4;

  /* with the partner down nobody can tell whether the LPAR moved: restoring it could run
   * it twice on one disk, so Recovery refuses and changes nothing */
  g_hash_table_remove (f->sims, "HVM-B02");
  run = start (f, recover);
  wait_finished (run);
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_FAILED);
  g_assert_true (g_str_has_prefix (bn_migration_get_error_id (run),
                                   "recovery-connection-refused"));
  g_assert_cmpint (bn_lpar_get_state (lpar_named (f, "HVM-B01", "CRM01")), ==,
                   BN_LPAR_STATE_RECOVERY);
  start_blade (f, "HVM-B02");

  run = start (f, recover);
  wait_finished (run);
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_SUCCEEDED);
  g_assert_cmpstr (bn_migration_get_completion_text (run), ==, "Recovery completed！");
  g_assert_cmpstr (json_object_get_string_member (bn_migration_get_result (run), "action"), ==,
                   "restore");
  /* restored, but still on its migration WWN: the WWN rollback is the next step (§3.2.4) */
  lpar = lpar_named (f, "HVM-B01", "CRM01");
  g_assert_cmpint (bn_lpar_get_state (lpar), ==, BN_LPAR_STATE_MIGRATION_WWN);
  g_assert_false (bn_lpar_get_recovery_required (lpar));
  rollback->source_hvm = g_strdup ("HVM-B01");
  rollback->source_lpar = 4;
  run = start (f, rollback);
  wait_finished (run);
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_SUCCEEDED);
  g_assert_cmpint (bn_lpar_get_state (lpar_named (f, "HVM-B01", "CRM01")), ==,
                   BN_LPAR_STATE_DEACTIVATED);
}

/* 表 5-2 ※1: deactivating the LPAR being moved (as JP1/SC/BSM would) cancels the move with
 * 表 6-7 #1; renaming it is refused meanwhile. */
static void
test_deactivation_cancels (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(BnMigrationRequest) req = bn_migration_request_new (BN_OPERATION_MIGRATION);
  JsonObject *blade = bn_test_fleet_find_blade (f->fleet, "HVM-B01");
  g_autofree char *host = g_strdup_printf ("-host=%s", json_object_get_string_member (blade, "address"));
  BnTestSim *sim = g_hash_table_lookup (f->sims, "HVM-B01");
  g_autofree char *out = NULL;
  BnMigration *run;

  set_workload (f, "HVM-B01", 4, 20, 64, 100);
  sim = g_hash_table_lookup (f->sims, "HVM-B01");
  bn_migration_request_set_route (req, BN_MIGRATION_MODE_CONCURRENT, "HVM-B01", 4, "HVM-B02");
  run = start (f, req);
  wait_step (run, "transfer-memory");

  g_assert_cmpint (bn_test_run_bnctl (NULL, &out, NULL, "hvmsh", host, "--fingerprint",
                                      sim->fingerprint, "set", "LparName", "lpar=4", "name=X",
                                      NULL), ==, 5);
  g_assert_nonnull (strstr (out, "mms-thread-lpar-busy-migration"));
  g_assert_cmpint (bn_test_run_bnctl (NULL, NULL, NULL, "hvmsh", host, "--fingerprint",
                                      sim->fingerprint, "operate", "LparDeactivate", "lpar=4",
                                      NULL), ==, 0);
  wait_finished (run);
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_FAILED);
  g_assert_cmpstr (bn_migration_get_error_id (run), ==, "hvm-lpar-deactivation-detected");
  g_assert_cmpint (bn_lpar_get_state (lpar_named (f, "HVM-B01", "CRM01")), ==,
                   BN_LPAR_STATE_DEACTIVATED);
  g_assert_null (lpar_named (f, "HVM-B02", "CRM01"));
}

static void
test_rehearsal_and_connectivity (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(BnMigrationRequest) rehearsal = bn_migration_request_new (BN_OPERATION_REHEARSAL);
  g_autoptr(BnMigrationRequest) test = bn_migration_request_new (BN_OPERATION_CONNECTIVITY_TEST);
  BnMigration *run;
  JsonObject *result;

  rehearsal->source_hvm = g_strdup ("HVM-B01");
  rehearsal->source_lpar = 1;
  rehearsal->destination_hvm = g_strdup ("HVM-B02");
  run = start (f, rehearsal);
  wait_finished (run);
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_SUCCEEDED);
  /* nothing was left on the destination */
  g_assert_null (lpar_named (f, "HVM-B02", "ERP01"));

  test->source_hvm = g_strdup ("HVM-B01");
  test->destination_hvm = g_strdup ("HVM-B02");
  run = start (f, test);
  wait_finished (run);
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_SUCCEEDED);
  g_assert_cmpstr (bn_migration_get_completion_text (run), ==, "Connectivity Test completed !");
  result = bn_migration_get_result (run);
  g_assert_cmpfloat (json_object_get_double_member (result, "send_mbps"), >, 0);
  g_assert_cmpfloat (json_object_get_double_member (result, "receive_mbps"), >, 0);
  g_assert_cmpfloat (json_object_get_double_member (result, "round_trip_us"), >, 0);
}

static gint64
lpar_group (BnLpar *lpar)
{
  return bn_blade_doc_get_int (bn_lpar_get_config (lpar), "cpu.group", -1);
}

/* The destination processor group (§3.1.1, §3.2.1 "Group"), Concurrent Maintenance: the
 * LPAR (in group 0 on HVM-B01) arrives in group 1, and the history says so. */
static void
test_group_concurrent (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(BnMigrationRequest) req = bn_migration_request_new (BN_OPERATION_MIGRATION);
  g_autoptr(BnMigrationRequest) rehearsal = bn_migration_request_new (BN_OPERATION_REHEARSAL);
  g_autoptr(GListModel) history = NULL;
  g_autoptr(BnHistoryEntry) now = NULL;
  g_autoptr(GError) error = NULL;
  BnMigration *run;
  BnLpar *moved;

  update (f);
  g_assert_cmpint (lpar_group (lpar_named (f, "HVM-B01", "CRM01")), ==, 0);

  rehearsal->source_hvm = g_strdup ("HVM-B01");
  rehearsal->source_lpar = 4;
  rehearsal->destination_hvm = g_strdup ("HVM-B02");
  rehearsal->processor_group = 1;
  run = start (f, rehearsal);
  wait_finished (run);
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_SUCCEEDED);

  bn_migration_request_set_route (req, BN_MIGRATION_MODE_CONCURRENT, "HVM-B01", 4, "HVM-B02");
  req->processor_group = 1;
  run = start (f, req);
  wait_finished (run);
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_SUCCEEDED);

  update (f);
  moved = lpar_named (f, "HVM-B02", "CRM01");
  g_assert_nonnull (moved);
  g_assert_cmpint (bn_lpar_get_state (moved), ==, BN_LPAR_STATE_ACTIVATED);
  g_assert_cmpint (lpar_group (moved), ==, 1);

  history = bn_history_list_for_lpar (bn_engine_get_history (f->engine), "CRM01", &error);
  g_assert_no_error (error);
  now = g_list_model_get_item (history, 0);
  g_assert_cmpstr (bn_history_entry_get_hvm_id (now), ==, "HVM-B02");
  g_assert_cmpuint (bn_history_entry_get_processor_group (now), ==, 1);
}

/* The same in Shutdown mode, where the console carries the LPAR to LparDefine. */
static void
test_group_shutdown (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(BnMigrationRequest) req = bn_migration_request_new (BN_OPERATION_MIGRATION);
  BnMigration *run;
  BnLpar *moved;

  req->mode = BN_MIGRATION_MODE_SHUTDOWN;
  req->source_hvm = g_strdup ("HVM-A01");
  req->source_lpar = 4;    /* BATCH01, deactivated, group 0 */
  req->destination_hvm = g_strdup ("HVM-A02");
  req->processor_group = 1;
  run = start (f, req);
  wait_finished (run);
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_SUCCEEDED);

  update (f);
  moved = lpar_named (f, "HVM-A02", "BATCH01");
  g_assert_nonnull (moved);
  g_assert_cmpint (lpar_group (moved), ==, 1);
}

static BnHvm *
hvm_of (Fixture    *f,
        const char *id)
{
  return bn_fleet_find_hvm (bn_engine_get_fleet (f->engine), id);
}

/* Generation of an HVM as the blade served it at the last Update (bumped by every change). */
static gint64
generation (Fixture    *f,
            const char *hvm)
{
  return bn_blade_doc_get_int (bn_hvm_get_config (hvm_of (f, hvm)), "generation", -1);
}

/* A group the destination lacks (表 6-3 #42): refused by the checks before any blade is
 * touched; and, when the console's view is stale, by the destination at MigrationBegin,
 * with the manual's message.  Either way nothing changes on either blade. */
static void
test_group_undefined (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(BnMigrationRequest) req = bn_migration_request_new (BN_OPERATION_MIGRATION);
  g_autoptr(GError) error = NULL;
  JsonArray *groups;
  JsonObject *ghost;
  gint64 src_gen, dst_gen;
  BnMigration *run;

  update (f);
  src_gen = generation (f, "HVM-B01");
  dst_gen = generation (f, "HVM-B02");
  bn_migration_request_set_route (req, BN_MIGRATION_MODE_CONCURRENT, "HVM-B01", 4, "HVM-B02");
  req->processor_group = 5;
  run = bn_migration_service_start (bn_engine_get_migration_service (f->engine), req, &error);
  g_assert_null (run);
  g_assert_error (error, BN_ERROR, BN_ERROR_NOT_APPLICABLE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "5"));

  /* the console believes HVM-B02 has group 5; the blade knows better */
  groups = bn_blade_doc_get_array (bn_hvm_get_config (hvm_of (f, "HVM-B02")), "cpu.groups");
  ghost = json_object_new ();
  json_object_set_int_member (ghost, "number", 5);
  json_object_set_int_member (ghost, "cpus", 4);
  json_array_add_object_element (groups, ghost);
  g_clear_error (&error);
  run = bn_migration_service_start (bn_engine_get_migration_service (f->engine), req, &error);
  g_assert_no_error (error);
  wait_finished (run);
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_FAILED);
  g_assert_cmpstr (bn_migration_get_error_id (run), ==, "mms-define-processor-group-undefined");
  g_assert_nonnull (strstr (bn_migration_get_error_line (run),
                            "the specified processor group has not been defined"));
  g_assert_nonnull (strstr (bn_migration_get_error_line (run), "Processor group 5"));
  g_assert_nonnull (bn_migration_get_error_remedy (run));

  update (f);
  g_assert_cmpint (bn_lpar_get_state (lpar_named (f, "HVM-B01", "CRM01")), ==,
                   BN_LPAR_STATE_ACTIVATED);
  g_assert_null (lpar_named (f, "HVM-B02", "CRM01"));
  g_assert_cmpint (bn_hvm_get_state (hvm_of (f, "HVM-B01")), ==, BN_HVM_STATE_OK);
  g_assert_cmpint (bn_hvm_get_state (hvm_of (f, "HVM-B02")), ==, BN_HVM_STATE_OK);
  /* the destination refused before locking: untouched; the source was locked and unlocked */
  g_assert_cmpint (generation (f, "HVM-B02"), ==, dst_gen);
  g_assert_cmpint (generation (f, "HVM-B01"), >, src_gen);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, blades, func) \
  g_test_add (path, Fixture, blades, fixture_setup, func, fixture_teardown)
  ADD ("/migration/concurrent", concurrent_pair, test_concurrent_move);
  ADD ("/migration/shutdown", shutdown_pair, test_shutdown_move);
  ADD ("/migration/shutdown-refuses-activated", shutdown_pair, test_shutdown_refuses_activated);
  ADD ("/migration/extend-and-cancel", concurrent_pair, test_extend_and_cancel);
  ADD ("/migration/write-intensive", concurrent_pair, test_write_intensive);
  ADD ("/migration/busy", concurrent_pair, test_busy);
  ADD ("/migration/destination-killed", concurrent_pair, test_destination_killed);
  ADD ("/migration/source-killed-in-suspend", concurrent_pair, test_source_killed_in_suspend);
  ADD ("/migration/rehearsal-and-connectivity", concurrent_pair, test_rehearsal_and_connectivity);
  ADD ("/migration/deactivation-cancels", concurrent_pair, test_deactivation_cancels);
  ADD ("/migration/group/concurrent", concurrent_pair, test_group_concurrent);
  ADD ("/migration/group/shutdown", shutdown_pair, test_group_shutdown);
  ADD ("/migration/group/undefined", concurrent_pair, test_group_undefined);
#undef ADD

  return g_test_run ();
}
