/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "bn-test-support.h"

/* bnctl against several simulators (one bladesimd per chassis), as an admin scripts it. */

typedef struct
{
  char      *dir;
  char      *db;
  JsonNode  *fleet;
  GPtrArray *sims;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = NULL;
  const char *chassis[][2] = { { "--blade", "HVM-A01" }, { "--blade", "HVM-B01" } };

  f->dir = bn_test_tmpdir ();
  f->db = g_build_filename (f->dir, "navigator.db", NULL);
  f->fleet = bn_test_demo_fleet ();
  bn_test_fleet_relocate (f->fleet, 0);
  path = bn_test_write_json (f->fleet, f->dir, "fleet.json");
  f->sims = g_ptr_array_new_with_free_func ((GDestroyNotify) bn_test_sim_free);
  for (guint i = 0; i < G_N_ELEMENTS (chassis); i++)
    {
      g_autofree char *state = g_strdup_printf ("%s/state%u", f->dir, i);
      const char *args[] = { chassis[i][0], chassis[i][1], NULL };

      g_ptr_array_add (f->sims, bn_test_sim_start (path, state, args));
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_ptr_array_unref (f->sims);
  json_node_unref (f->fleet);
  bn_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

/* Starts one more blade of FLEET_FILE (in the test's directory), its state there too. */
static void
start_blade (Fixture    *f,
             const char *fleet_file,
             const char *id)
{
  g_autofree char *path = g_build_filename (f->dir, fleet_file, NULL);
  g_autofree char *state = g_strdup_printf ("%s/state-%s", f->dir, id);
  const char *args[] = { "--blade", id, NULL };

  g_ptr_array_add (f->sims, bn_test_sim_start (path, state, args));
}

static const char *
address_of (Fixture    *f,
            const char *id)
{
  return json_object_get_string_member (bn_test_fleet_find_blade (f->fleet, id), "address");
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
add (Fixture    *f,
     const char *id)
{
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, NULL, "hvm", "add", "--id", id, "--address",
                                      address_of (f, id), NULL), ==, 0);
}

static void
test_register_and_update (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) list = NULL;
  JsonArray *array;

  add (f, "HVM-A01");
  add (f, "HVM-B01");
  g_assert_cmpint (bn_test_run_bnctl (f->db, &out, NULL, "update", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "2 HVMs: 2 read"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (bn_test_run_bnctl (f->db, &out, NULL, "--json", "update", NULL), ==, 0);
  list = parse (out);
  array = json_node_get_array (list);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "state"),
                   ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 1), "chassis"),
                   ==, "CH-BS500");
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (bn_test_run_bnctl (f->db, &out, NULL, "lpar", "list", "--hvm", "HVM-B01",
                                      "--json", NULL), ==, 0);
  g_clear_pointer (&list, json_node_unref);
  list = parse (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (list), 0),
                                                  "name"), ==, "ERP01");
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (bn_test_run_bnctl (f->db, &out, NULL, "logs", "HVM-A01", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Shared FC Link is Available"));
  g_clear_pointer (&out, g_free);

  /* a registered HVM that is down: update says so and exits 4 */
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, NULL, "hvm", "add", "--id", "DOWN",
                                      "--address", "127.0.0.1:9", NULL), ==, 0);
  g_assert_cmpint (bn_test_run_bnctl (f->db, &out, NULL, "update", NULL), ==, 4);
  g_assert_nonnull (strstr (out, "Cannot connect to 127.0.0.1:9"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, NULL, "hvm", "remove", "DOWN", NULL), ==, 0);
  g_assert_cmpint (bn_test_run_bnctl (f->db, &out, NULL, "hvm", "list", NULL), ==, 0);
  g_assert_null (strstr (out, "DOWN"));
}

static char *
db_digest (const char *db)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (db, &contents, &len, NULL))
    return g_strdup ("(none)");
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

/* Bad input: a clear message, a non-zero exit, and the database as it was. */
static void
test_bad_input (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *nodb = g_build_filename (f->dir, "never.db", NULL);

  add (f, "HVM-A01");
  /* let WAL settle into the main file so the digest compares contents */
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, NULL, "hvm", "list", NULL), ==, 0);
  before = db_digest (f->db);

  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, &err, "hvm", "add", "--id", "X",
                                      "--address", "300.1.2.3:1", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "300.1.2.3"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, &err, "hvm", "add", "--id", "X",
                                      "--address", "127.0.0.1:99999", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "99999"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, &err, "hvm", "add", "--id", "HVM-A01",
                                      "--address", "127.0.0.1:5", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "already registered"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, &err, "hvm", "add", "--id", "bad id",
                                      "--address", "127.0.0.1", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "not a valid HVM ID"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, &err, "hvm", "add", "--id", "Y", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  /* an unknown option once crashed bnctl (a GError's domain was reassigned in place) */
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, &err, "hvm", "list", "--bogus", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--bogus"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, &err, "frobnicate", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "unknown command"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, &err, "hvm", "remove", "NOPE", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, &err, "option", "set", "hvm-timeout", "0",
                                      NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, &err, "lpar", "list", "--hvm", "NOPE",
                                      NULL), ==, 2);
  g_clear_pointer (&err, g_free);

  after = db_digest (f->db);
  g_assert_cmpstr (before, ==, after);

  /* bad input never creates a database either */
  g_assert_cmpint (bn_test_run_bnctl (nodb, NULL, NULL, "hvm", "add", "--id", "X",
                                      "--address", "nowhere:0", NULL), ==, 2);
  g_assert_false (g_file_test (nodb, G_FILE_TEST_EXISTS));
}

static void
test_hvmsh_passthrough (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *host = g_strdup_printf ("-host=%s", address_of (f, "HVM-A01"));
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) reply = NULL;
  BnTestSim *sim = g_ptr_array_index (f->sims, 0);

  /* not registered: works, and says the certificate was not pinned */
  g_assert_cmpint (bn_test_run_bnctl (f->db, &out, &err, "hvmsh", host, "--json", "get", "Version",
                                      NULL), ==, 0);
  reply = parse (out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (reply), "rc"), ==, 0);
  g_assert_nonnull (strstr (err, sim->fingerprint));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (bn_test_run_bnctl (f->db, &out, NULL, "hvmsh", host, "get", "NoSuchThing",
                                      NULL), ==, 2);
  g_assert_nonnull (strstr (out, "rc=2"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (bn_test_run_bnctl (f->db, &out, NULL, "hvmsh", host, "get", "LparConfig",
                                      "lpar=99", NULL), ==, 2);
  g_clear_pointer (&out, g_free);

  /* a wrong pin is refused */
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, &err, "hvmsh", host, "--fingerprint",
                                      "0000000000000000000000000000000000000000000000000000000000000000",
                                      "get", "Version", NULL), ==, 4);
  g_assert_nonnull (strstr (err, "not the one registered"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, &err, "hvmsh", "get", "Version", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, &err, "hvmsh", host, "fetch", "Version", NULL),
                   ==, 2);
}

/* bnctl check: the report, its exit codes, --all, and questions that cannot be asked. */
static void
test_check (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) report = NULL;

  start_blade (f, "fleet.json", "HVM-A02");
  start_blade (f, "fleet.json", "HVM-A04");
  add (f, "HVM-A01");
  add (f, "HVM-A02");
  add (f, "HVM-A04");
  add (f, "HVM-B01");

  /* WEB01 between the two BS2000 blades of chassis A: may run */
  g_assert_cmpint (bn_test_run_bnctl (f->db, &out, NULL, "check", "--mode", "concurrent",
                                      "HVM-A01:1", "HVM-A02:auto", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "may run"));
  g_clear_pointer (&out, g_free);

  /* an Essential-model HVM and a deactivated LPAR: may not (表 2-85, 表 2-54), exit 3 */
  g_assert_cmpint (bn_test_run_bnctl (f->db, &out, NULL, "check", "--mode", "concurrent",
                                      "HVM-A04:1", "HVM-A01", NULL), ==, 3);
  g_assert_nonnull (strstr (out, "may NOT run"));
  g_assert_nonnull (strstr (out, "表 2-85"));
  g_clear_pointer (&out, g_free);

  /* --json: the whole report */
  g_assert_cmpint (bn_test_run_bnctl (f->db, &out, NULL, "--json", "check", "--mode",
                                      "shutdown", "HVM-A01:4", "HVM-A02", NULL), ==, 0);
  report = json_from_string (out, NULL);
  g_assert_nonnull (report);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (report));
  g_clear_pointer (&out, g_free);

  /* a move the checks refuse never starts: exit 3, and the LPAR stays */
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, &err, "migrate", "--mode", "concurrent",
                                      "HVM-A04:1", "HVM-A01", NULL), ==, 3);
  g_assert_nonnull (strstr (err, "may not move"));
  g_clear_pointer (&err, g_free);

  /* the matrix */
  g_assert_cmpint (bn_test_run_bnctl (f->db, &out, NULL, "check", "--all", "--mode", "shutdown",
                                      NULL), ==, 0);
  g_assert_nonnull (strstr (out, "HVM-A01 #1 WEB01"));
  g_assert_nonnull (strstr (out, "NO"));
  g_clear_pointer (&out, g_free);

  /* questions that cannot be asked: exit 2, never a silent "ok" */
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, &err, "check", "--mode", "concurrent",
                                      "HVM-A01:9", "HVM-A02", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, &err, "check", "--mode", "concurrent",
                                      "HVM-A01:99", "HVM-A02", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, &err, "check", "--mode", "sideways",
                                      "HVM-A01:1", "HVM-A02", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, &err, "check", "--mode", "concurrent",
                                      "HVM-A01:1", "HVM-Z99", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "HVM-Z99"));
}

/* bnctl migrate --group N (§3.1.1 "Group"): the LPAR lands in group N of the destination;
 * a group the destination lacks is refused before anything runs (exit 3). */
static void
test_migrate_group (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *host = g_strdup_printf ("-host=%s", address_of (f, "HVM-A02"));
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) reply = NULL;
  JsonObject *lpar;

  start_blade (f, "fleet.json", "HVM-A02");
  add (f, "HVM-A01");
  add (f, "HVM-A02");

  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, &err, "migrate", "--mode", "shutdown",
                                      "HVM-A01:4", "HVM-A02:7", "--group", "5", NULL), ==, 3);
  g_assert_nonnull (strstr (err, "Processor group 5"));
  g_clear_pointer (&err, g_free);
  /* out of range: a usage error (exit 2) for migrate and rehearsal alike */
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, &err, "rehearsal", "HVM-A01:4", "HVM-A02",
                                      "--group", "64", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "0 to 63"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, &err, "migrate", "--mode", "shutdown",
                                      "HVM-A01:4", "HVM-A02:7", "--group", "-2", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "0 to 63"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (bn_test_run_bnctl (f->db, &out, NULL, "hvmsh", host, "get", "LparConfig",
                                      "lpar=7", NULL), ==, 2);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, NULL, "migrate", "--mode", "shutdown",
                                      "HVM-A01:4", "HVM-A02:7", "--group", "1", NULL), ==, 0);
  g_assert_cmpint (bn_test_run_bnctl (f->db, &out, NULL, "hvmsh", host, "--json", "get",
                                      "LparConfig", "lpar=7", NULL), ==, 0);
  reply = parse (out);
  lpar = json_object_get_object_member (json_node_get_object (reply), "data");
  g_assert_cmpstr (json_object_get_string_member (lpar, "name"), ==, "BATCH01");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (lpar, "cpu"),
                                               "group"), ==, 1);
}

/* path set/list: the engine's checks refuse bad values before the blade is asked; a good
 * path reaches the blade and comes back in path list; --remove takes it away. */
static void
test_path (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *net = bn_test_subnet (1);
  g_autofree char *ip = g_strdup_printf ("%s.202", net);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) list = NULL;
  JsonObject *added;

  add (f, "HVM-A01");
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, &err, "path", "set", "HVM-A01", "MIG2", "2a",
                                      ip, "255.255.255.0", "--vlan", "4001", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "1 to 4000"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, &err, "path", "set", "HVM-A01", "MIG2", "2a",
                                      ip, "255.0.255.0", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "subnet mask"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, NULL, "path", "set", "HVM-A01", "MIG2", "2a",
                                      ip, "255.255.255.0", "--vlan", "7", NULL), ==, 0);
  g_assert_cmpint (bn_test_run_bnctl (f->db, &out, NULL, "--json", "path", "list", "HVM-A01",
                                      NULL), ==, 0);
  list = parse (out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 2);
  added = json_array_get_object_element (json_node_get_array (list), 1);
  g_assert_cmpstr (json_object_get_string_member (added, "name"), ==, "MIG2");
  g_assert_cmpint (json_object_get_int_member (added, "vlan"), ==, 7);

  /* the same IP address twice: refused by the list check */
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, &err, "path", "set", "HVM-A01", "MIG3", "2a",
                                      ip, "255.255.255.0", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "used by another path"));

  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, NULL, "path", "set", "HVM-A01", "MIG2",
                                      "--remove", NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, &err, "path", "set", "HVM-A01", "MIG2",
                                      "--remove", NULL), !=, 0);
  g_assert_nonnull (strstr (err, "no migration path named MIG2"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (bn_test_run_bnctl (f->db, &out, NULL, "path", "list", "HVM-A01", NULL), ==, 0);
  g_assert_null (strstr (out, "MIG2"));
  g_assert_nonnull (strstr (out, "MIGPATH"));
}

/* guest save/show/forget keep an LPAR's Guest OS Information; bad input changes nothing;
 * migrate --saved-guest shuts the guest down with what was saved. */
static void
test_guest (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *password_file = g_build_filename (f->dir, "password", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) saved = NULL;
  JsonObject *guest;

  start_blade (f, "fleet.json", "HVM-A02");
  add (f, "HVM-A01");
  add (f, "HVM-A02");

  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, &err, "guest", "show", "HVM-A01:1", NULL),
                   ==, 2);
  g_assert_nonnull (strstr (err, "No Guest OS Information is saved for HVM-A01:1"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, &err, "migrate", "--mode", "shutdown",
                                      "--saved-guest", "HVM-A01:1", "HVM-A02", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "No Guest OS Information is saved for HVM-A01:1"));
  g_clear_pointer (&err, g_free);

  g_assert_true (g_file_set_contents (password_file, "guest-pw\n", -1, NULL));
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, NULL, "guest", "save", "HVM-A01:1",
                                      "--guest-os", "linux", "--guest-ip", "127.0.0.1",
                                      "--guest-port", "1", "--guest-user", "root",
                                      "--password-file", password_file, NULL), ==, 0);
  g_assert_cmpint (bn_test_run_bnctl (f->db, &out, NULL, "guest", "show", "HVM-A01:1", NULL),
                   ==, 0);
  g_assert_nonnull (strstr (out, "Password:        saved in the keyring"));
  g_clear_pointer (&out, g_free);
  /* refused before anything is stored: the saved row stays as it was */
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, &err, "guest", "save", "HVM-A01:1",
                                      "--guest-os", "linux", "--guest-ip", "not-an-ip",
                                      "--guest-user", "admin", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--guest-ip"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, &err, "guest", "save", "HVM-A01:1",
                                      "--guest-os", "linux", "--guest-ip", "127.0.0.2",
                                      "--guest-user", "admin", "--forced", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "Windows guests only"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, &err, "guest", "save", "HVM-Z09:1",
                                      "--guest-os", "linux", "--guest-ip", "127.0.0.2",
                                      "--guest-user", "admin", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "HVM-Z09"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, &err, "guest", "show", "HVM-A01:auto", NULL),
                   ==, 2);
  g_assert_nonnull (strstr (err, "not an LPAR number"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (bn_test_run_bnctl (f->db, &out, NULL, "--json", "guest", "show", "HVM-A01:1",
                                      NULL), ==, 0);
  saved = parse (out);
  guest = json_node_get_object (saved);
  g_assert_cmpstr (json_object_get_string_member (guest, "os"), ==, "linux");
  g_assert_cmpstr (json_object_get_string_member (guest, "address"), ==, "127.0.0.1");
  g_assert_cmpstr (json_object_get_string_member (guest, "user"), ==, "root");
  g_assert_false (json_object_get_boolean_member (guest, "forced"));

  /* the saved guest is asked first; nothing answers on port 1, so the move stops there
   * and the LPAR stays on the source */
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, &err, "migrate", "--mode", "concurrent",
                                      "--saved-guest", "HVM-A01:1", "HVM-A02", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "Shutdown mode"));
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (bn_test_run_bnctl (f->db, &out, &err, "migrate", "--mode", "shutdown",
                                      "--saved-guest", "HVM-A01:1", "HVM-A02", NULL), !=, 0);
  g_assert_nonnull (strstr (err, "Guest OS shutdown failed"));
  g_assert_nonnull (strstr (err, "127.0.0.1:1"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (bn_test_run_bnctl (f->db, &out, NULL, "lpar", "list", "--hvm", "HVM-A01",
                                      NULL), ==, 0);
  g_assert_nonnull (strstr (out, "WEB01"));

  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, NULL, "guest", "forget", "HVM-A01:1", NULL),
                   ==, 0);
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, NULL, "guest", "show", "HVM-A01:1", NULL),
                   ==, 2);
}

/* The blade refuses to activate an LPAR its processor group or its memory cannot hold
 * (表 6-3 #44, #45), whoever asks. */
static void
test_activate_resources (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *state = g_strdup_printf ("%s/state-HVM-A02", f->dir);
  g_autofree char *host = g_strdup_printf ("-host=%s", address_of (f, "HVM-A02"));
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonArray *lpars = json_object_get_array_member (bn_test_fleet_find_blade (f->fleet, "HVM-A02"),
                                                   "lpars");
  JsonObject *db01 = NULL;
  JsonObject *dev01 = NULL;

  for (guint i = 0; i < json_array_get_length (lpars); i++)
    {
      JsonObject *lpar = json_array_get_object_element (lpars, i);

      if (json_object_get_int_member (lpar, "number") == 2)
        db01 = lpar;
      if (json_object_get_int_member (lpar, "number") == 5)
        dev01 = lpar;
    }
  g_assert_nonnull (db01);
  g_assert_nonnull (dev01);
  /* DB01 (deactivated) wants 13 dedicated CPUs of group 0, which has 12 */
  json_object_set_string_member (json_object_get_object_member (db01, "cpu"), "mode",
                                 "dedicated");
  json_object_set_int_member (json_object_get_object_member (db01, "cpu"), "count", 13);
  json_object_set_int_member (json_object_get_object_member (db01, "cpu"), "group", 0);
  g_free (bn_test_write_json (f->fleet, f->dir, "fleet-cpu.json"));
  start_blade (f, "fleet-cpu.json", "HVM-A02");

  g_assert_cmpint (bn_test_run_bnctl (f->db, &out, &err, "hvmsh", host, "operate", "LparActivate",
                                      "lpar=2", NULL), !=, 0);
  g_test_message ("%s%s", out, err);
  g_assert_nonnull (strstr (out, "needs 13 physical CPUs"));
  g_assert_nonnull (strstr (out, "processor group 0 has 12 free"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* 12 fit; then DEV01 (activated, shared) keeps running and DB01 holds the group */
  json_object_set_int_member (json_object_get_object_member (db01, "cpu"), "count", 12);
  g_ptr_array_remove_index (f->sims, f->sims->len - 1);
  bn_test_rm_rf (state);
  g_free (bn_test_write_json (f->fleet, f->dir, "fleet-cpu.json"));
  start_blade (f, "fleet-cpu.json", "HVM-A02");
  g_assert_cmpint (bn_test_run_bnctl (f->db, &out, NULL, "hvmsh", host, "operate", "LparActivate",
                                      "lpar=2", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (bn_test_run_bnctl (f->db, &out, NULL, "hvmsh", host, "operate",
                                      "LparDeactivate", "lpar=5", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (bn_test_run_bnctl (f->db, &out, NULL, "hvmsh", host, "operate", "LparActivate",
                                      "lpar=5", NULL), !=, 0);
  g_assert_nonnull (strstr (out, "needs 1 physical CPU and processor group 0 has 0 free"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/bnctl/register-and-update", test_register_and_update);
  ADD ("/bnctl/bad-input", test_bad_input);
  ADD ("/bnctl/hvmsh", test_hvmsh_passthrough);
  ADD ("/bnctl/check", test_check);
  ADD ("/bnctl/migrate-group", test_migrate_group);
  ADD ("/bnctl/path", test_path);
  ADD ("/bnctl/guest", test_guest);
  ADD ("/bnctl/activate-resources", test_activate_resources);
#undef ADD

  return g_test_run ();
}
