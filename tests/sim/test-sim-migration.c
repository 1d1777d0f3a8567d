/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "bn-blade-doc.h"
#include "sim-rig.h"

/* A blade's side of a migration, driven command by command as the console's Migration
 * Service would (docs/hvmsh-protocol.md, "Migration"), including what goes wrong. */

static char *
to_json (JsonObject *obj)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), obj);

  return json_to_string (node, FALSE);
}

/* peer_ip= an address of the migration-path subnet where no blade listens */
static char *
unused_path_ip (SimRig *rig)
{
  const char *ip = sim_rig_path_ip (rig, "HVM-A01");

  return g_strdup_printf ("peer_ip=%.*s.250", (int) (strrchr (ip, '.') - ip), ip);
}

static void
a04_without_paths (JsonNode *fleet)
{
  json_object_remove_member (bn_test_fleet_find_blade (fleet, "HVM-A04"), "migration_paths");
}

/* Errors raised inside the blade with a catalogue id reach the console with it. */
static void
test_catalogue_ids (void)
{
  g_autoptr(JsonObject) big = NULL;
  g_autofree char *config = NULL;
  g_autofree char *text = NULL;
  SimRig rig = { 0 };

  sim_rig_start (&rig, a04_without_paths, NULL);
  sim_expect (sim_rig_call (&rig, "HVM-A04", "operate", "MigrationBegin", "migration=m1",
                            "role=source", "mode=concurrent", "lpar=2", "peer=HVM-A03", NULL),
              0, NULL);
  sim_expect (sim_rig_call (&rig, "HVM-A04", "operate", "MigrationTransfer", "migration=m1",
                            "peer_ip=127.0.0.1", "dst_lpar=5", NULL), 7, "mms-src-nic-not-found");

  sim_expect (sim_rig_call (&rig, "HVM-A03", "operate", "MigrationBegin", "migration=m2",
                            "role=destination", "mode=shutdown", "lpar=5", "peer=HVM-A01", NULL),
              0, NULL);
  big = json_object_ref (sim_rig_lpar (&rig, "HVM-A01", 4));
  json_object_set_int_member (big, "memory_mb", 100000);
  text = to_json (big);
  config = g_strdup_printf ("config=%s", text);
  sim_expect (sim_rig_call (&rig, "HVM-A03", "operate", "LparDefine", "migration=m2", config, NULL),
              7, "mms-thread-not-enough-memory");
  sim_rig_stop (&rig);
}

/* MigrationRehearsal (§4.3.1) is a migration as far as 表 5-2 goes (locks.json
 * "lpar-migrate"), and each of its refusals says which catalogue error it is. */
static void
test_rehearsal (void)
{
  g_autofree char *a03 = NULL;
  g_autofree char *nobody = NULL;
  g_autoptr(JsonObject) reply = NULL;
  SimRig rig = { 0 };

  sim_rig_start (&rig, a04_without_paths, NULL);
  a03 = g_strdup_printf ("peer_ip=%s", sim_rig_path_ip (&rig, "HVM-A03"));
  nobody = unused_path_ip (&rig);

  /* LPAR 4 of HVM-A02 requires recovery */
  sim_expect (sim_rig_call (&rig, "HVM-A02", "operate", "MigrationRehearsal", "lpar=4", a03,
                            "dst_lpar=5", NULL), 6, "mms-lpar-damaged");
  sim_expect (sim_rig_call (&rig, "HVM-A02", "operate", "MigrationRehearsal", "lpar=1", a03,
                            "dst_lpar=5", NULL), 0, "");

  reply = sim_rig_call (&rig, "HVM-A01", "operate", "MigrationRehearsal", "lpar=2", a03,
                        "dst_lpar=2", NULL);
  g_assert_nonnull (strstr (sim_reply_message (reply), "LPAR 2 is already defined on HVM HVM-A03"));
  sim_expect (g_steal_pointer (&reply), 9, "mms-define-unexpected");
  sim_expect (sim_rig_call (&rig, "HVM-A01", "operate", "MigrationRehearsal", "lpar=2", nobody,
                            "dst_lpar=5", NULL), 9, "hvm-connection-refused-hvm");
  sim_expect (sim_rig_call (&rig, "HVM-A04", "operate", "MigrationRehearsal", "lpar=2", a03,
                            "dst_lpar=5", NULL), 9, "mms-src-nic-not-found");
  sim_rig_stop (&rig);
}

/* Shutdown mode: the source gives its LPAR up only once it has handed it over. */
static void
test_commit_after_hand_over (void)
{
  g_autoptr(JsonObject) reply = NULL;
  g_autofree char *config = NULL;
  g_autofree char *identity = NULL;
  g_autofree char *text = NULL;
  SimRig rig = { 0 };

  sim_rig_start (&rig, NULL, NULL);
  sim_expect (sim_rig_call (&rig, "HVM-A02", "operate", "MigrationBegin", "migration=m1",
                            "role=source", "mode=shutdown", "lpar=2", "peer=HVM-A03", NULL),
              0, NULL);
  sim_expect (sim_rig_call (&rig, "HVM-A03", "operate", "MigrationBegin", "migration=m1",
                            "role=destination", "mode=shutdown", "lpar=5", "peer=HVM-A02", NULL),
              0, NULL);

  reply = sim_rig_call (&rig, "HVM-A02", "operate", "MigrationCommit", "migration=m1", NULL);
  g_assert_nonnull (strstr (sim_reply_message (reply), "“prepared”"));
  sim_expect (g_steal_pointer (&reply), 7, "");
  json_object_unref (sim_rig_get_lpar (&rig, "HVM-A02", 2));
  sim_expect (sim_rig_call (&rig, "HVM-A03", "operate", "MigrationCommit", "migration=m1", NULL),
              7, "");

  reply = sim_rig_call (&rig, "HVM-A02", "operate", "MigrationHandOver", "migration=m1", NULL);
  g_assert_cmpint (sim_reply_rc (reply), ==, 0);
  text = to_json (sim_reply_data (reply));
  config = g_strdup_printf ("config=%s", text);
  g_clear_pointer (&reply, json_object_unref);
  reply = sim_rig_call (&rig, "HVM-A03", "operate", "LparDefine", "migration=m1", config, NULL);
  g_assert_cmpint (sim_reply_rc (reply), ==, 0);
  g_free (text);
  text = to_json (bn_blade_doc_get_object (sim_reply_data (reply), "identity"));
  identity = g_strdup_printf ("identity=%s", text);
  sim_expect (sim_rig_call (&rig, "HVM-A02", "operate", "MigrationCommit", "migration=m1",
                            identity, NULL), 0, "");
  sim_expect (sim_rig_call (&rig, "HVM-A02", "get", "LparConfig", "lpar=2", NULL), 4, "");
  sim_rig_stop (&rig);
}

static void
begin_concurrent (SimRig     *rig,
                  const char *migration,
                  guint       lpar)
{
  g_autofree char *id = g_strdup_printf ("migration=%s", migration);
  g_autofree char *src = g_strdup_printf ("lpar=%u", lpar);

  sim_expect (sim_rig_call (rig, "HVM-A01", "operate", "MigrationBegin", id, "role=source",
                            "mode=concurrent", src, "peer=HVM-A03", NULL), 0, NULL);
  sim_expect (sim_rig_call (rig, "HVM-A03", "operate", "MigrationBegin", id, "role=destination",
                            "mode=concurrent", "lpar=5", "peer=HVM-A01", NULL), 0, NULL);
}

static JsonObject *
transfer (SimRig     *rig,
          const char *migration)
{
  g_autofree char *id = g_strdup_printf ("migration=%s", migration);
  g_autofree char *peer = g_strdup_printf ("peer_ip=%s", sim_rig_path_ip (rig, "HVM-A03"));

  return sim_rig_call (rig, "HVM-A01", "operate", "MigrationTransfer", id, peer, "dst_lpar=5",
                       NULL);
}

static void
end_both (SimRig     *rig,
          const char *migration)
{
  g_autofree char *id = g_strdup_printf ("migration=%s", migration);

  sim_expect (sim_rig_call (rig, "HVM-A01", "operate", "MigrationEnd", id, NULL), 0, NULL);
  sim_expect (sim_rig_call (rig, "HVM-A03", "operate", "MigrationEnd", id, NULL), 0, NULL);
}

static const char *
lpar_status (SimRig     *rig,
             const char *hvm,
             guint       number)
{
  g_autoptr(JsonObject) lpar = sim_rig_get_lpar (rig, hvm, number);

  return g_intern_string (bn_blade_doc_get_string (lpar, "status", ""));
}

/* Concurrent mode: an LPAR deactivated during the backups (表 5-2 ※1) is not moved: the
 * transfer is refused as for any LPAR that is not running (表 6-4 #6). */
static void
test_deactivated_before_transfer (void)
{
  SimRig rig = { 0 };

  sim_rig_start (&rig, NULL, NULL);
  begin_concurrent (&rig, "m1", 2);
  sim_expect (sim_rig_call (&rig, "HVM-A01", "operate", "BackupDump", "migration=m1", NULL),
              0, NULL);
  sim_expect (sim_rig_call (&rig, "HVM-A01", "operate", "LparDeactivate", "lpar=2", NULL), 0, "");
  g_assert_cmpstr (lpar_status (&rig, "HVM-A01", 2), ==, "Deactivate");
  sim_expect (transfer (&rig, "m1"), 7, "mms-thread-lpar-deactivated");
  sim_expect (sim_rig_call (&rig, "HVM-A03", "get", "LparConfig", "lpar=5", NULL), 4, "");
  end_both (&rig, "m1");
  g_assert_cmpstr (lpar_status (&rig, "HVM-A01", 2), ==, "Deactivate");
  sim_rig_stop (&rig);
}

/* A path of 1 MB/s: LPAR 2's 16 MiB take long enough to shut its guest down meanwhile. */
static void
slow_path (JsonNode *fleet)
{
  json_object_set_int_member (bn_test_fleet_find_blade (fleet, "HVM-A01"), "path_rate_mbps", 8);
}

/* §5.23: shutting the guest OS of a moving LPAR down cancels the move, as a deactivation
 * does; before the transfer, the transfer is refused. */
static void
test_guest_shutdown_cancels (void)
{
  g_autoptr(JsonObject) status = NULL;
  g_autoptr(JsonObject) lpar = NULL;
  gint64 deadline;
  SimRig rig = { 0 };

  sim_rig_start (&rig, slow_path, NULL);
  begin_concurrent (&rig, "m1", 2);
  sim_expect (transfer (&rig, "m1"), 0, "");
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  for (;;)
    {
      g_autoptr(JsonObject) reply = sim_rig_call (&rig, "HVM-A01", "get", "MigrationStatus",
                                                  "migration=m1", NULL);

      const char *phase = bn_blade_doc_get_string (sim_reply_data (reply), "phase", "");

      if (g_str_equal (phase, "pre-copy"))
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (50 * 1000);
    }
  sim_expect (sim_rig_call (&rig, "HVM-A01", "operate", "GuestShutdown", "lpar=2", NULL), 0, "");
  status = sim_rig_wait_state (&rig, "HVM-A01", "m1", "failed", 5000);
  g_assert_cmpstr (bn_blade_doc_get_string (status, "error", NULL), ==,
                   "hvm-lpar-deactivation-detected");
  g_clear_pointer (&status, json_object_unref);
  status = sim_rig_wait_state (&rig, "HVM-A03", "m1", "failed", 5000);
  sim_expect (sim_rig_call (&rig, "HVM-A03", "get", "LparConfig", "lpar=5", NULL), 4, "");
  end_both (&rig, "m1");
  lpar = sim_rig_get_lpar (&rig, "HVM-A01", 2);
  g_assert_cmpstr (bn_blade_doc_get_string (lpar, "status", ""), ==, "Deactivate");
  g_assert_false (bn_blade_doc_get_bool (lpar, "recovery_required", FALSE));
  g_assert_false (json_object_has_member (lpar, "migration_record"));

  /* before the transfer */
  begin_concurrent (&rig, "m2", 6);
  sim_expect (sim_rig_call (&rig, "HVM-A01", "operate", "GuestShutdown", "lpar=6", NULL), 0, "");
  sim_expect (transfer (&rig, "m2"), 7, "mms-thread-lpar-deactivated");
  end_both (&rig, "m2");
  sim_rig_stop (&rig);
}

static gboolean
has_migration (SimRig     *rig,
               const char *hvm)
{
  g_autoptr(JsonObject) reply = sim_rig_call (rig, hvm, "get", "HvmConfig", NULL);

  g_assert_cmpint (sim_reply_rc (reply), ==, 0);
  return json_object_has_member (sim_reply_data (reply), "migration");
}

/* lease=S: a blade ends a migration no command named for S seconds (a console that died
 * must not leave it locked), and every command naming the migration keeps it alive. */
static void
test_lease (void)
{
  gint64 until;
  SimRig rig = { 0 };

  sim_rig_start (&rig, NULL, NULL);
  sim_expect (sim_rig_call (&rig, "HVM-A01", "operate", "MigrationBegin", "migration=gone",
                            "role=source", "mode=concurrent", "lpar=2", "peer=HVM-A03", "lease=2",
                            NULL), 0, NULL);
  sim_expect (sim_rig_call (&rig, "HVM-A01", "operate", "SaveConfig", NULL),
              6, "mms-blade-busy-migration");
  g_usleep (3500 * 1000);
  g_assert_false (has_migration (&rig, "HVM-A01"));
  sim_expect (sim_rig_call (&rig, "HVM-A01", "get", "MigrationStatus", "migration=gone", NULL),
              4, NULL);
  sim_expect (sim_rig_call (&rig, "HVM-A01", "operate", "SaveConfig", NULL), 0, "");

  /* renewed on the source by its own steps, on the destination by the status polls */
  sim_expect (sim_rig_call (&rig, "HVM-A01", "operate", "MigrationBegin", "migration=kept",
                            "role=source", "mode=concurrent", "lpar=2", "peer=HVM-A03", "lease=2",
                            NULL), 0, NULL);
  sim_expect (sim_rig_call (&rig, "HVM-A03", "operate", "MigrationBegin", "migration=kept",
                            "role=destination", "mode=concurrent", "lpar=5", "peer=HVM-A01",
                            "lease=2", NULL), 0, NULL);
  until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < until)
    {
      sim_expect (sim_rig_call (&rig, "HVM-A01", "operate", "SaveConfig", "migration=kept", NULL),
                  0, "");
      sim_expect (sim_rig_call (&rig, "HVM-A03", "get", "MigrationStatus", "migration=kept",
                                NULL), 0, NULL);
      g_usleep (500 * 1000);
    }
  g_assert_true (has_migration (&rig, "HVM-A01"));
  g_assert_true (has_migration (&rig, "HVM-A03"));
  end_both (&rig, "kept");
  sim_rig_stop (&rig);
}

/* HVM-A02 without processor groups, HVM-A04 with group 0 only; the others have 0 and 1. */
static void
group_fleet (JsonNode *fleet)
{
  JsonObject *a04 = bn_test_fleet_find_blade (fleet, "HVM-A04");
  JsonArray *groups = bn_blade_doc_get_array (a04, "cpu.groups");

  json_object_set_boolean_member (bn_blade_doc_get_object (bn_test_fleet_find_blade (fleet,
                                                                                     "HVM-A02"),
                                                           "hvm"),
                                  "processor_groups", FALSE);
  while (json_array_get_length (groups) > 1)
    json_array_remove_element (groups, json_array_get_length (groups) - 1);
}

/* Defines LPAR SOURCE of HVM-A01 on HVM as LPAR NUMBER under a Shutdown-mode migration,
 * with group=GROUP (NULL: none), and answers the group it got. */
static gint64
define_in_group (SimRig     *rig,
                 const char *hvm,
                 const char *migration,
                 guint       source,
                 guint       number,
                 const char *group)
{
  g_autofree char *id = g_strdup_printf ("migration=%s", migration);
  g_autofree char *lpar = g_strdup_printf ("lpar=%u", number);
  g_autofree char *text = to_json (sim_rig_lpar (rig, "HVM-A01", source));
  g_autofree char *config = g_strdup_printf ("config=%s", text);
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(JsonObject) defined = NULL;

  sim_expect (sim_rig_call (rig, hvm, "operate", "MigrationBegin", id, "role=destination",
                            "mode=shutdown", lpar, "peer=HVM-A01", group, NULL), 0, NULL);
  reply = sim_rig_call (rig, hvm, "get", "HvmConfig", NULL);
  g_assert_cmpint (bn_blade_doc_get_int (sim_reply_data (reply), "migration.group", -1), ==,
                   group ? g_ascii_strtoll (group + strlen ("group="), NULL, 10) : -1);
  sim_expect (sim_rig_call (rig, hvm, "operate", "LparDefine", id, config, NULL), 0, NULL);
  sim_expect (sim_rig_call (rig, hvm, "operate", "MigrationEnd", id, NULL), 0, NULL);
  defined = sim_rig_get_lpar (rig, hvm, number);
  return bn_blade_doc_get_int (defined, "cpu.group", -1);
}

/* The destination processor group (§3.1.1, §3.2.1 "Group"): checked at MigrationBegin
 * before the blade locks (表 6-3 #21, #42), and the LPAR is defined in it; without one,
 * the LPAR keeps its group where the destination has it, else lands in group 0. */
static void
test_processor_group (void)
{
  g_autofree char *a03 = NULL;
  g_autoptr(JsonObject) reply = NULL;
  SimRig rig = { 0 };

  sim_rig_start (&rig, group_fleet, NULL);
  reply = sim_rig_call (&rig, "HVM-A03", "operate", "MigrationBegin", "migration=x",
                        "role=destination", "mode=concurrent", "lpar=5", "peer=HVM-A01",
                        "group=5", NULL);
  g_assert_nonnull (strstr (sim_reply_message (reply), "Processor group 5 is not defined"));
  sim_expect (g_steal_pointer (&reply), 7, "mms-define-processor-group-undefined");
  sim_expect (sim_rig_call (&rig, "HVM-A02", "operate", "MigrationBegin", "migration=x",
                            "role=destination", "mode=shutdown", "lpar=6", "peer=HVM-A01",
                            "group=0", NULL), 7, "mms-dst-processor-group-unsupported");
  sim_expect (sim_rig_call (&rig, "HVM-A03", "operate", "MigrationBegin", "migration=x",
                            "role=destination", "mode=shutdown", "lpar=5", "peer=HVM-A01",
                            "group=64", NULL), 3, NULL);
  sim_expect (sim_rig_call (&rig, "HVM-A01", "operate", "MigrationBegin", "migration=x",
                            "role=source", "mode=shutdown", "lpar=4", "peer=HVM-A03",
                            "group=1", NULL), 3, NULL);
  /* refused before locking: nothing to end */
  g_assert_false (has_migration (&rig, "HVM-A01"));
  g_assert_false (has_migration (&rig, "HVM-A02"));
  g_assert_false (has_migration (&rig, "HVM-A03"));
  sim_expect (sim_rig_call (&rig, "HVM-A03", "get", "LparConfig", "lpar=5", NULL), 4, NULL);

  /* BATCH01 (group 0) into group 1; DB01 (group 1) keeps it, or lands in 0 on HVM-A04 */
  g_assert_cmpint (define_in_group (&rig, "HVM-A03", "m1", 4, 5, "group=1"), ==, 1);
  g_assert_cmpint (define_in_group (&rig, "HVM-A03", "m2", 3, 6, NULL), ==, 1);
  g_assert_cmpint (define_in_group (&rig, "HVM-A03", "m3", 4, 7, "group=0"), ==, 0);
  g_assert_cmpint (define_in_group (&rig, "HVM-A04", "m4", 3, 5, NULL), ==, 0);
  g_assert_cmpint (define_in_group (&rig, "HVM-A02", "m5", 3, 6, NULL), ==, 0);

  /* a rehearsal proves the group too */
  a03 = g_strdup_printf ("peer_ip=%s", sim_rig_path_ip (&rig, "HVM-A03"));
  sim_expect (sim_rig_call (&rig, "HVM-A01", "operate", "MigrationRehearsal", "lpar=1", a03,
                            "dst_lpar=8", "group=9", NULL), 9,
              "mms-define-processor-group-undefined");
  sim_expect (sim_rig_call (&rig, "HVM-A01", "operate", "MigrationRehearsal", "lpar=1", a03,
                            "dst_lpar=8", "group=1", NULL), 0, NULL);
  sim_rig_stop (&rig);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sim-migration/catalogue-ids", test_catalogue_ids);
  g_test_add_func ("/sim-migration/rehearsal", test_rehearsal);
  g_test_add_func ("/sim-migration/commit-after-hand-over", test_commit_after_hand_over);
  g_test_add_func ("/sim-migration/deactivated-before-transfer", test_deactivated_before_transfer);
  g_test_add_func ("/sim-migration/guest-shutdown-cancels", test_guest_shutdown_cancels);
  g_test_add_func ("/sim-migration/lease", test_lease);
  g_test_add_func ("/sim-migration/processor-group", test_processor_group);

  return g_test_run ();
}
