/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bn-blade-doc.h"
#include "sim-rig.h"

/* The operation locks of 表 5-2 (data/rules/locks.json) and the blade lock, as a console
 * meets them while a migration holds a blade. */

/* 表 5-2: while LPAR 1 of HVM-A02 migrates, its other LPARs can still be operated; only
 * the LPAR itself, HVM-wide operations and a second migration are refused. */
static void
test_other_lpars_during_migration (void)
{
  const char *demo[] = { "--timing", "demo", NULL };
  g_autoptr(GSubprocess) first = NULL;
  g_autofree char *out = NULL;
  g_autofree char *peer_ip = NULL;
  SimRig rig = { 0 };

  /* demo timing: an activation takes a second, long enough to collide with */
  sim_rig_start (&rig, NULL, demo);
  peer_ip = g_strdup_printf ("peer_ip=%s", sim_rig_path_ip (&rig, "HVM-A03"));
  sim_expect (sim_rig_call (&rig, "HVM-A02", "operate", "MigrationBegin", "migration=m1",
                            "role=source", "mode=concurrent", "lpar=1", "peer=HVM-A03", NULL),
              0, NULL);

  /* the other LPARs: power, recovery */
  sim_expect (sim_rig_call (&rig, "HVM-A02", "operate", "LparDeactivate", "lpar=5", NULL), 0, "");
  sim_expect (sim_rig_call (&rig, "HVM-A02", "operate", "LparActivate", "lpar=2", NULL), 0, "");
  sim_expect (sim_rig_call (&rig, "HVM-A02", "operate", "LparRecover", "lpar=4",
                            "action=restore", NULL), 0, "");

  /* two operations at once are still one too many, migration or not */
  first = sim_rig_call_async (&rig, "HVM-A02", "operate", "LparActivate", "lpar=5", NULL);
  g_usleep (400 * 1000);
  sim_expect (sim_rig_call (&rig, "HVM-A02", "operate", "LparDeactivate", "lpar=2", NULL),
              5, "mms-blade-busy-operation");
  g_subprocess_communicate_utf8 (first, NULL, NULL, &out, NULL, NULL);
  sim_expect (sim_reply_parse (out), 0, "");

  /* the LPAR itself, the HVM, the migration path */
  sim_expect (sim_rig_call (&rig, "HVM-A02", "set", "LparName", "lpar=1", "name=X", NULL),
              6, "mms-thread-lpar-busy-migration");
  sim_expect (sim_rig_call (&rig, "HVM-A02", "operate", "SaveConfig", NULL),
              6, "mms-blade-busy-migration");
  sim_expect (sim_rig_call (&rig, "HVM-A02", "operate", "ConnectivityTest", peer_ip, NULL),
              5, "mms-blade-busy-migration");
  sim_expect (sim_rig_call (&rig, "HVM-A02", "operate", "MigrationBegin", "migration=m2",
                            "role=source", "mode=concurrent", "lpar=5", "peer=HVM-A03", NULL),
              5, "mms-blade-busy-migration");

  sim_expect (sim_rig_call (&rig, "HVM-A02", "operate", "MigrationEnd", "migration=m1", NULL),
              0, NULL);
  sim_expect (sim_rig_call (&rig, "HVM-A02", "operate", "SaveConfig", NULL), 0, "");
  sim_rig_stop (&rig);
}

static char *
reply_json (JsonObject *data)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), data);

  return json_to_string (node, FALSE);
}

/* migration=ID lets only the migration's own steps past 表 5-2 (SaveConfig on either blade,
 * activating the received LPAR on the destination), and only for a migration that runs on
 * that blade: an LPAR requiring recovery is never activated by naming some migration.  A
 * name the blade does not know makes an ordinary operation. */
static void
test_migration_argument (void)
{
  g_autoptr(JsonObject) handed = NULL;
  g_autoptr(JsonObject) defined = NULL;
  g_autofree char *config = NULL;
  g_autofree char *identity = NULL;
  g_autofree char *text = NULL;
  SimRig rig = { 0 };

  sim_rig_start (&rig, NULL, NULL);
  /* LPAR 4 of HVM-A02 requires recovery */
  sim_expect (sim_rig_call (&rig, "HVM-A02", "operate", "LparActivate", "lpar=4", "migration=x",
                            NULL), 6, "hvm-lpar-corrupted");
  sim_expect (sim_rig_call (&rig, "HVM-A02", "operate", "SaveConfig", "migration=x", NULL), 0, "");

  sim_expect (sim_rig_call (&rig, "HVM-A02", "operate", "MigrationBegin", "migration=m1",
                            "role=source", "mode=shutdown", "lpar=2", "peer=HVM-A03", NULL),
              0, NULL);
  sim_expect (sim_rig_call (&rig, "HVM-A03", "operate", "MigrationBegin", "migration=m1",
                            "role=destination", "mode=shutdown", "lpar=5", "peer=HVM-A02", NULL),
              0, NULL);
  /* the migration needs neither of these */
  sim_expect (sim_rig_call (&rig, "HVM-A02", "operate", "LparActivate", "lpar=4", "migration=m1",
                            NULL), 6, "hvm-lpar-corrupted");
  sim_expect (sim_rig_call (&rig, "HVM-A02", "operate", "LparActivate", "lpar=2", "migration=m1",
                            NULL), 6, "mms-thread-lpar-busy-migration");
  sim_expect (sim_rig_call (&rig, "HVM-A02", "operate", "SaveConfig", "migration=m2", NULL),
              6, "mms-blade-busy-migration");
  sim_expect (sim_rig_call (&rig, "HVM-A02", "operate", "SaveConfig", NULL),
              6, "mms-blade-busy-migration");
  /* this it does */
  sim_expect (sim_rig_call (&rig, "HVM-A02", "operate", "SaveConfig", "migration=m1", NULL), 0, "");

  handed = sim_rig_call (&rig, "HVM-A02", "operate", "MigrationHandOver", "migration=m1", NULL);
  g_assert_cmpint (sim_reply_rc (handed), ==, 0);
  text = reply_json (sim_reply_data (handed));
  config = g_strdup_printf ("config=%s", text);
  defined = sim_rig_call (&rig, "HVM-A03", "operate", "LparDefine", "migration=m1", config, NULL);
  g_assert_cmpint (sim_reply_rc (defined), ==, 0);
  g_free (text);
  text = reply_json (bn_blade_doc_get_object (sim_reply_data (defined), "identity"));
  identity = g_strdup_printf ("identity=%s", text);
  sim_expect (sim_rig_call (&rig, "HVM-A02", "operate", "MigrationCommit", "migration=m1",
                            identity, NULL), 0, "");
  sim_expect (sim_rig_call (&rig, "HVM-A03", "operate", "SaveConfig", "migration=m1", NULL), 0, "");
  sim_expect (sim_rig_call (&rig, "HVM-A03", "operate", "LparActivate", "lpar=5", NULL),
              6, "mms-thread-lpar-busy-migration");
  sim_expect (sim_rig_call (&rig, "HVM-A03", "operate", "LparActivate", "lpar=5", "migration=m1",
                            NULL), 0, "");
  sim_expect (sim_rig_call (&rig, "HVM-A02", "operate", "MigrationEnd", "migration=m1", NULL),
              0, NULL);
  sim_expect (sim_rig_call (&rig, "HVM-A03", "operate", "MigrationEnd", "migration=m1", NULL),
              0, NULL);
  sim_rig_stop (&rig);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sim-locks/other-lpars-during-migration", test_other_lpars_during_migration);
  g_test_add_func ("/sim-locks/migration-argument", test_migration_argument);

  return g_test_run ();
}
