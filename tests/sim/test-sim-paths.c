/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "bn-blade-doc.h"
#include "sim-rig.h"

/* The migration path: Migration Path Setting (§3.2.1) and the connectivity test (§4.3.2). */

static char *
path_ip (SimRig     *rig,
         guint       host)
{
  const char *ip = sim_rig_path_ip (rig, "HVM-A01");

  return g_strdup_printf ("%.*s.%u", (int) (strrchr (ip, '.') - ip), ip, host);
}

/* paths= with A01's own path at each of IPS */
static char *
paths_arg (SimRig             *rig,
           const char * const *ips)
{
  JsonArray *paths = bn_blade_doc_get_array (sim_rig_blade (rig, "HVM-A01"), "migration_paths");
  g_autoptr(JsonArray) out = json_array_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; ips[i] != NULL; i++)
    {
      g_autofree char *first = json_to_string (json_array_get_element (paths, 0), FALSE);
      /* a deep copy: json_node_copy() would share the object */
      g_autoptr(JsonNode) copy = json_from_string (first, NULL);
      g_autofree char *name = g_strdup_printf ("path%u", i);

      json_object_set_string_member (json_node_get_object (copy), "ip", ips[i]);
      json_object_set_string_member (json_node_get_object (copy), "name", name);
      json_object_set_boolean_member (json_node_get_object (copy), "primary", i == 0);
      json_array_add_element (out, g_steal_pointer (&copy));
    }
  node = json_node_init_array (json_node_alloc (), out);
  text = json_to_string (node, FALSE);
  return g_strdup_printf ("paths=%s", text);
}

static gboolean
listens (const char *ip)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;

  connection = g_socket_client_connect_to_host (client, ip, 23251, NULL, NULL);
  return connection != NULL;
}

static char *
served_paths (SimRig *rig)
{
  g_autoptr(JsonObject) reply = sim_rig_call (rig, "HVM-A01", "get", "HvmConfig", NULL);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  json_node_set_array (node, bn_blade_doc_get_array (sim_reply_data (reply), "migration_paths"));
  return json_to_string (node, FALSE);
}

/* Addresses the simulator cannot listen on, or twice, are refused and change nothing. */
static void
test_validation (void)
{
  const char *outside[] = { "10.0.0.1", NULL };
  g_autofree char *mine = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *arg = NULL;
  g_autoptr(JsonObject) reply = NULL;
  SimRig rig = { 0 };

  sim_rig_start (&rig, NULL, NULL);
  mine = g_strdup (sim_rig_path_ip (&rig, "HVM-A01"));
  before = served_paths (&rig);

  arg = paths_arg (&rig, outside);
  reply = sim_rig_call (&rig, "HVM-A01", "set", "MigrationPaths", arg, NULL);
  g_assert_nonnull (strstr (sim_reply_message (reply), "outside 127.0.0.0/8"));
  sim_expect (g_steal_pointer (&reply), 3, "");
  {
    const char *twice[] = { mine, mine, NULL };

    g_free (arg);
    arg = paths_arg (&rig, twice);
  }
  reply = sim_rig_call (&rig, "HVM-A01", "set", "MigrationPaths", arg, NULL);
  g_assert_nonnull (strstr (sim_reply_message (reply), "twice"));
  sim_expect (g_steal_pointer (&reply), 3, "");

  after = served_paths (&rig);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (listens (mine));
  sim_rig_stop (&rig);
}

/* A change the blade cannot listen on is refused as a whole: the old paths keep
 * listening, none of the new ones is left bound, and the next change works. */
static void
test_all_or_nothing (void)
{
  g_autofree char *mine = NULL;
  g_autofree char *taken = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *arg = NULL;
  SimRig rig = { 0 };

  sim_rig_start (&rig, NULL, NULL);
  mine = g_strdup (sim_rig_path_ip (&rig, "HVM-A01"));
  taken = g_strdup (sim_rig_path_ip (&rig, "HVM-A02"));
  fresh = path_ip (&rig, 201);
  before = served_paths (&rig);
  g_assert_false (listens (fresh));

  {
    const char *clash[] = { fresh, taken, NULL };

    arg = paths_arg (&rig, clash);
  }
  sim_expect (sim_rig_call (&rig, "HVM-A01", "set", "MigrationPaths", arg, NULL), 9, "");
  after = served_paths (&rig);
  g_assert_cmpstr (before, ==, after);
  g_assert_true (listens (mine));
  g_assert_false (listens (fresh));

  {
    const char *moved[] = { fresh, NULL };

    g_free (arg);
    arg = paths_arg (&rig, moved);
  }
  sim_expect (sim_rig_call (&rig, "HVM-A01", "set", "MigrationPaths", arg, NULL), 0, "");
  g_assert_true (listens (fresh));
  g_assert_false (listens (mine));
  {
    const char *both[] = { mine, fresh, NULL };

    g_free (arg);
    arg = paths_arg (&rig, both);
  }
  sim_expect (sim_rig_call (&rig, "HVM-A01", "set", "MigrationPaths", arg, NULL), 0, "");
  g_assert_true (listens (fresh));
  g_assert_true (listens (mine));
  sim_rig_stop (&rig);
}

/* A01's migration path runs at 80 Mbps */
static void
slow_a01 (JsonNode *fleet)
{
  json_object_set_int_member (bn_test_fleet_find_blade (fleet, "HVM-A01"), "path_rate_mbps", 80);
}

/* The connectivity test keeps to the blade's path_rate_mbps both ways. */
static void
test_connectivity_rate (void)
{
  g_autofree char *peer = NULL;
  g_autoptr(JsonObject) reply = NULL;
  JsonObject *data;
  SimRig rig = { 0 };

  sim_rig_start (&rig, slow_a01, NULL);
  peer = g_strdup_printf ("peer_ip=%s", sim_rig_path_ip (&rig, "HVM-A03"));
  reply = sim_rig_call (&rig, "HVM-A01", "operate", "ConnectivityTest", peer, "megabytes=4", NULL);
  g_assert_cmpint (sim_reply_rc (reply), ==, 0);
  data = sim_reply_data (reply);
  g_assert_cmpfloat (bn_blade_doc_get_double (data, "send_mbps", 0), <=, 80 * 1.05);
  g_assert_cmpfloat (bn_blade_doc_get_double (data, "send_mbps", 0), >=, 80 * 0.5);
  g_assert_cmpfloat (bn_blade_doc_get_double (data, "receive_mbps", 0), <=, 80 * 1.05);
  g_assert_cmpfloat (bn_blade_doc_get_double (data, "receive_mbps", 0), >=, 80 * 0.5);
  sim_rig_stop (&rig);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sim-paths/validation", test_validation);
  g_test_add_func ("/sim-paths/all-or-nothing", test_all_or_nothing);
  g_test_add_func ("/sim-paths/connectivity-rate", test_connectivity_rate);

  return g_test_run ();
}
