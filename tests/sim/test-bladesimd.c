/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "bn-test-support.h"

/* bladesimd as a user meets it: bad fleet files, restarts, two consoles at once. */

static int
run_sim (const char  *fleet_path,
         char       **err)
{
  g_autofree char *bin = bn_test_build_path ("src/sim/bladesimd");
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                           &error, bin, "--fleet", fleet_path, "--validate", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, err, &error);
  g_assert_no_error (error);
  g_test_message ("%s", *err);
  return g_subprocess_get_exit_status (proc);
}

typedef void (*Break) (JsonNode *fleet);

static void
expect_refused (Break       breaker,
                const char *path,
                const char *words)
{
  g_autofree char *dir = bn_test_tmpdir ();
  g_autoptr(JsonNode) fleet = bn_test_demo_fleet ();
  g_autofree char *file = NULL;
  g_autofree char *err = NULL;

  breaker (fleet);
  file = bn_test_write_json (fleet, dir, "fleet.json");
  g_assert_cmpint (run_sim (file, &err), !=, 0);
  g_assert_nonnull (strstr (err, path));
  g_assert_nonnull (strstr (err, words));
  bn_test_rm_rf (dir);
}

static JsonObject *
a01 (JsonNode *fleet)
{
  return bn_test_fleet_find_blade (fleet, "HVM-A01");
}

static void unknown_field (JsonNode *f) { json_object_set_boolean_member (a01 (f), "turbo", TRUE); }
static void wrong_type (JsonNode *f) { json_object_set_string_member (a01 (f), "port", "http"); }
static void big_lpar (JsonNode *f)
{
  JsonObject *lpar = json_array_get_object_element (json_object_get_array_member (a01 (f), "lpars"), 2);
  json_object_set_int_member (lpar, "memory_mb", 70000);
}
static void dup_lpar (JsonNode *f)
{
  JsonObject *lpar = json_array_get_object_element (json_object_get_array_member (a01 (f), "lpars"), 2);
  json_object_set_int_member (lpar, "number", 1);
}
static void outside (JsonNode *f) { json_object_set_string_member (a01 (f), "address", "192.168.1.10"); }
static void dup_path (JsonNode *f)
{
  JsonArray *paths = json_object_get_array_member (a01 (f), "migration_paths");
  g_autofree char *first = json_to_string (json_array_get_element (paths, 0), FALSE);
  JsonNode *copy = json_from_string (first, NULL);

  json_object_set_string_member (json_node_get_object (copy), "name", "second");
  json_object_set_boolean_member (json_node_get_object (copy), "primary", FALSE);
  json_array_add_element (paths, copy);
}
static void bad_format (JsonNode *f) { json_object_set_string_member (json_node_get_object (f), "format", "v2"); }

static void
test_bad_fleet_files (void)
{
  g_autofree char *dir = bn_test_tmpdir ();
  g_autofree char *garbage = g_build_filename (dir, "garbage.json", NULL);
  g_autofree char *err = NULL;

  expect_refused (unknown_field, "$.chassis[0].blades[0]", "unknown field “turbo”");
  expect_refused (wrong_type, "$.chassis[0].blades[0].port", "must be an integer");
  expect_refused (big_lpar, "$.chassis[0].blades[0].lpars[2].memory_mb", "larger than the blade");
  expect_refused (dup_lpar, "$.chassis[0].blades[0].lpars[2].number", "used twice");
  expect_refused (outside, "$.chassis[0].blades[0].address", "outside 127.0.0.0/8");
  expect_refused (dup_path, "$.chassis[0].blades[0].migration_paths[1].ip", "used twice");
  expect_refused (bad_format, "$.format", "must be one of");

  g_file_set_contents (garbage, "{ \"format\": ", -1, NULL);
  g_assert_cmpint (run_sim (garbage, &err), !=, 0);
  g_assert_nonnull (strstr (err, "garbage.json"));
  bn_test_rm_rf (dir);
}

static int
hvmsh (BnTestSim   *sim,
       const char  *address,
       char       **out,
       const char  *verb,
       const char  *command,
       const char  *arg1,
       const char  *arg2)
{
  g_autofree char *host = g_strdup_printf ("-host=%s", address);

  return bn_test_run_bnctl (NULL, out, NULL, "--json", "hvmsh", host, "--fingerprint",
                            sim->fingerprint, verb, command, arg1, arg2, NULL);
}

/* Renames, activations and recovery flags survive a restart with the same state dir. */
static void
test_restart_keeps_state (void)
{
  g_autofree char *dir = bn_test_tmpdir ();
  g_autofree char *state = g_build_filename (dir, "state", NULL);
  g_autoptr(JsonNode) fleet = bn_test_demo_fleet ();
  g_autofree char *path = NULL;
  const char *address;
  g_autofree char *out = NULL;
  BnTestSim *sim;

  bn_test_fleet_relocate (fleet, 0);
  path = bn_test_write_json (fleet, dir, "fleet.json");
  address = json_object_get_string_member (a01 (fleet), "address");

  sim = bn_test_sim_start (path, state, NULL);
  g_assert_cmpint (hvmsh (sim, address, NULL, "set", "LparName", "lpar=1", NULL), ==, 2);
  g_assert_cmpint (hvmsh (sim, address, NULL, "set", "LparName", "lpar=1", "name=KEEPME"), ==, 0);
  g_assert_cmpint (hvmsh (sim, address, NULL, "operate", "LparActivate", "lpar=4", NULL), ==, 0);
  /* SIGKILL: only what was saved survives; a state change must be saved promptly */
  g_usleep (500 * 1000);
  bn_test_sim_kill (sim);
  bn_test_sim_free (sim);

  sim = bn_test_sim_start (path, state, NULL);
  g_assert_cmpint (hvmsh (sim, address, &out, "get", "LparConfig", "lpar=1", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"KEEPME\""));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (hvmsh (sim, address, &out, "get", "LparConfig", "lpar=4", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"Activate\""));
  g_clear_pointer (&out, g_free);
  bn_test_sim_free (sim);

  /* without the state dir, the fleet file's values come back */
  g_clear_pointer (&state, g_free);
  state = g_build_filename (dir, "fresh", NULL);
  sim = bn_test_sim_start (path, state, NULL);
  g_assert_cmpint (hvmsh (sim, address, &out, "get", "LparConfig", "lpar=1", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "\"WEB01\""));
  bn_test_sim_free (sim);
  bn_test_rm_rf (dir);
}

typedef struct
{
  GSubprocess *proc;
  char        *out;
} Pending;

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Pending *p = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &p->out, NULL, NULL);
}

/* Two consoles: while one operation runs, a second is answered with 表 6-3 #5. */
static void
test_busy (void)
{
  g_autofree char *dir = bn_test_tmpdir ();
  g_autofree char *state = g_build_filename (dir, "state", NULL);
  g_autoptr(JsonNode) fleet = bn_test_demo_fleet ();
  g_autofree char *path = NULL;
  g_autofree char *bnctl = bn_test_build_path ("src/cli/bnctl");
  g_autofree char *host = NULL;
  g_autofree char *out = NULL;
  const char *demo[] = { "--timing", "demo", NULL };
  Pending first = { NULL, NULL };
  BnTestSim *sim;

  bn_test_fleet_relocate (fleet, 0);
  path = bn_test_write_json (fleet, dir, "fleet.json");
  host = g_strdup_printf ("-host=%s", json_object_get_string_member (a01 (fleet), "address"));
  /* the demo profile makes SaveConfig take long enough to collide with */
  sim = bn_test_sim_start (path, state, demo);

  first.proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, NULL, bnctl, "hvmsh", host,
                                 "--fingerprint", sim->fingerprint, "operate", "SaveConfig", NULL);
  g_subprocess_communicate_utf8_async (first.proc, NULL, NULL, communicate_cb, &first);
  g_usleep (400 * 1000);

  g_assert_cmpint (bn_test_run_bnctl (NULL, &out, NULL, "hvmsh", host, "--fingerprint",
                                      sim->fingerprint, "operate", "LparDeactivate", "lpar=1",
                                      NULL), ==, 5);
  g_assert_nonnull (strstr (out, "The specified blade is busy. Please wait until another "
                                 "operation is completed."));
  g_assert_nonnull (strstr (out, "mms-blade-busy-operation"));

  while (first.out == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (strstr (first.out, "rc=0"));
  g_object_unref (first.proc);
  g_free (first.out);
  bn_test_sim_free (sim);
  bn_test_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bladesimd/bad-fleet-files", test_bad_fleet_files);
  g_test_add_func ("/bladesimd/restart-keeps-state", test_restart_keeps_state);
  g_test_add_func ("/bladesimd/busy", test_busy);

  return g_test_run ();
}
