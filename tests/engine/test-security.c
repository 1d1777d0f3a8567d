/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "bn-engine.h"
#include "bn-test-support.h"

/* TLS pinning (trust on first use, then the same certificate or nothing) and the blade's
 * allow-list of management-server addresses (manual §4.1.2). */

static BnUpdateSummary
run_update (BnEngine *engine)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BnUpdateSummary summary = { 0 };

  bn_fleet_update_async (bn_engine_get_fleet (engine), NULL, bn_test_store_result, &result);
  g_assert_true (bn_fleet_update_finish (bn_engine_get_fleet (engine),
                                         bn_test_wait (&result, 30000), &summary, &error));
  return summary;
}

static JsonNode *
one_blade_fleet (guint subnet)
{
  JsonNode *fleet = bn_test_demo_fleet ();

  bn_test_fleet_relocate (fleet, subnet);
  return fleet;
}

static void
test_pinning (void)
{
  g_autofree char *dir = bn_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "db", NULL);
  g_autofree char *state1 = g_build_filename (dir, "state1", NULL);
  g_autofree char *state2 = g_build_filename (dir, "state2", NULL);
  g_autoptr(JsonNode) fleet = one_blade_fleet (0);
  g_autofree char *path = bn_test_write_json (fleet, dir, "fleet.json");
  const char *only[] = { "--blade", "HVM-A01", NULL };
  JsonObject *blade = bn_test_fleet_find_blade (fleet, "HVM-A01");
  g_autoptr(GError) error = NULL;
  g_autoptr(BnEngine) engine = NULL;
  BnTestSim *sim;
  BnHvm *hvm;
  g_autofree char *pinned = NULL;

  sim = bn_test_sim_start (path, state1, only);
  engine = bn_engine_new (db, &error);
  g_assert_no_error (error);
  hvm = bn_fleet_add_hvm (bn_engine_get_fleet (engine), "HVM-A01",
                          json_object_get_string_member (blade, "address"), 23250, NULL, NULL,
                          &error);
  g_assert_no_error (error);
  g_assert_null (bn_hvm_get_fingerprint (hvm));
  g_assert_cmpuint (run_update (engine).n_read, ==, 1);
  pinned = g_strdup (bn_hvm_get_fingerprint (hvm));
  g_assert_cmpstr (pinned, ==, sim->fingerprint);
  bn_test_sim_free (sim);

  /* the pin is in the database: a new engine enforces it */
  g_clear_object (&engine);
  engine = bn_engine_new (db, &error);
  g_assert_no_error (error);
  hvm = bn_fleet_find_hvm (bn_engine_get_fleet (engine), "HVM-A01");
  g_assert_cmpstr (bn_hvm_get_fingerprint (hvm), ==, pinned);

  /* same address, another certificate (another state dir): refused */
  sim = bn_test_sim_start (path, state2, only);
  g_assert_cmpstr (sim->fingerprint, !=, pinned);
  g_assert_cmpuint (run_update (engine).n_unreachable, ==, 1);
  g_test_message ("%s", bn_hvm_get_reason (hvm));
  g_assert_nonnull (strstr (bn_hvm_get_reason (hvm), "not the one registered"));
  g_assert_cmpstr (bn_hvm_get_fingerprint (hvm), ==, pinned);
  bn_test_sim_free (sim);

  /* the original blade is accepted again */
  sim = bn_test_sim_start (path, state1, only);
  g_assert_cmpuint (run_update (engine).n_read, ==, 1);
  bn_test_sim_free (sim);
  bn_test_rm_rf (dir);
}

static void
test_allow_list (void)
{
  g_autofree char *dir = bn_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "db", NULL);
  g_autofree char *state = g_build_filename (dir, "state", NULL);
  g_autoptr(JsonNode) fleet = one_blade_fleet (0);
  JsonObject *blade = bn_test_fleet_find_blade (fleet, "HVM-A01");
  JsonArray *allowed = json_array_new ();
  g_autofree char *path = NULL;
  const char *only[] = { "--blade", "HVM-A01", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(BnEngine) engine = NULL;
  BnTestSim *sim;
  BnHvm *hvm;

  json_array_add_string_element (allowed, "127.0.0.1");
  json_object_set_array_member (blade, "allowed_clients", allowed);
  path = bn_test_write_json (fleet, dir, "fleet.json");
  sim = bn_test_sim_start (path, state, only);

  engine = bn_engine_new (db, &error);
  g_assert_no_error (error);
  hvm = bn_fleet_add_hvm (bn_engine_get_fleet (engine), "HVM-A01",
                          json_object_get_string_member (blade, "address"), 23250, NULL, NULL,
                          &error);
  g_assert_no_error (error);

  /* from the registered management address: read */
  g_assert_true (bn_options_set (bn_engine_get_options (engine), BN_OPTION_MANAGEMENT_ADDRESS,
                                 "127.0.0.1", &error));
  g_assert_cmpuint (run_update (engine).n_read, ==, 1);

  /* from another LAN address: refused, and the reason says so */
  g_assert_true (bn_options_set (bn_engine_get_options (engine), BN_OPTION_MANAGEMENT_ADDRESS,
                                 "127.0.0.5", &error));
  g_assert_cmpuint (run_update (engine).n_unreachable, ==, 1);
  g_test_message ("%s", bn_hvm_get_reason (hvm));
  g_assert_nonnull (strstr (bn_hvm_get_reason (hvm), "127.0.0.5 is not allowed"));

  bn_test_sim_free (sim);
  bn_test_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/security/pinning", test_pinning);
  g_test_add_func ("/security/allow-list", test_allow_list);

  return g_test_run ();
}
