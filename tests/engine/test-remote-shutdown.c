/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "bn-blade-doc.h"
#include "bn-engine.h"
#include "bn-test-support.h"
#include "ssh-harness.h"

/* Shutdown mode with the remote guest shutdown of §4.2.1: a real OpenSSH sshd on loopback
 * whose ForceCommand is the guest agent (it tells the simulated blade the guest went down),
 * and the simulator's WS-Management endpoint for a Windows guest. */

typedef struct
{
  char       *dir;
  JsonNode   *fleet;
  BnTestSim  *sim;
  BnTestSshd *sshd;
  BnEngine   *engine;
  guint       wsman_port;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const char *only[] = { "--blade", "HVM-A01", "--blade", "HVM-A02", NULL };
  g_autofree char *fleet_path = NULL;
  g_autofree char *state = NULL;
  g_autofree char *bnctl = bn_test_build_path ("src/cli/bnctl");
  g_autofree char *notify = NULL;
  g_autofree char *agent = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *a01, *web01, *app01, *remote;
  const char *flags = data;

  if (!g_file_test ("/usr/sbin/sshd", G_FILE_TEST_IS_EXECUTABLE))
    return;
  f->dir = bn_test_tmpdir ();
  f->fleet = bn_test_demo_fleet ();
  bn_test_fleet_relocate (f->fleet, 0);
  a01 = bn_test_fleet_find_blade (f->fleet, "HVM-A01");

  /* WEB01 (Linux) answers SSH on 127.0.0.1 (the test's sshd); APP01 (Windows) WS-Man */
  web01 = bn_blade_doc_find_lpar (a01, 1);
  remote = json_object_new ();
  json_object_set_string_member (remote, "protocol", "ssh");
  if (strstr (flags, "slow"))
    json_object_set_double_member (remote, "shutdown_seconds", 60);
  if (strstr (flags, "retry"))
    json_object_set_boolean_member (remote, "first_attempt_fails", TRUE);
  json_object_set_object_member (bn_blade_doc_get_object (web01, "guest"), "remote", remote);

  app01 = bn_blade_doc_find_lpar (a01, 6);
  f->wsman_port = bn_test_closed_port ();
  remote = json_object_new ();
  json_object_set_string_member (remote, "protocol", "wsman");
  json_object_set_string_member (remote, "address", "127.0.0.1");
  json_object_set_int_member (remote, "port", f->wsman_port);
  json_object_set_string_member (remote, "user", "Administrator");
  json_object_set_string_member (remote, "password", "P@ssw0rd");
  json_object_set_object_member (bn_blade_doc_get_object (app01, "guest"), "remote", remote);

  fleet_path = bn_test_write_json (f->fleet, f->dir, "fleet.json");
  state = g_build_filename (f->dir, "state", NULL);
  f->sim = bn_test_sim_start (fleet_path, state, only);

  /* the guest agent tells the blade that its guest is shutting down */
  notify = g_strdup_printf ("%s hvmsh -host=%s --fingerprint %s operate GuestShutdown lpar=1 "
                            "via=ssh", bnctl, json_object_get_string_member (a01, "address"),
                            f->sim->fingerprint);
  agent = bn_test_guest_agent_command (notify, 0, NULL);
  f->sshd = bn_test_sshd_new (agent, &error);
  g_assert_no_error (error);

  f->engine = bn_engine_new (g_build_filename (f->dir, "db", NULL), &error);
  g_assert_no_error (error);
  bn_options_set (bn_engine_get_options (f->engine), BN_OPTION_OS_SHUTDOWN_WAIT, "10", &error);
  g_assert_no_error (error);
  for (guint i = 0; only[i]; i += 2)
    {
      JsonObject *blade = bn_test_fleet_find_blade (f->fleet, only[i + 1]);

      bn_fleet_add_hvm (bn_engine_get_fleet (f->engine), only[i + 1],
                        json_object_get_string_member (blade, "address"), 23250, NULL, NULL,
                        &error);
      g_assert_no_error (error);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->dir == NULL)
    return;
  g_clear_object (&f->engine);
  g_clear_pointer (&f->sshd, bn_test_sshd_free);
  g_clear_pointer (&f->sim, bn_test_sim_free);
  json_node_unref (f->fleet);
  bn_test_rm_rf (f->dir);
  g_free (f->dir);
}

static gboolean
skip_without_sshd (Fixture *f)
{
  if (f->dir != NULL)
    return FALSE;
  g_test_skip ("OpenSSH server not installed (apt-get install openssh-server)");
  return TRUE;
}

static gboolean
flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static BnMigration *
run_move (Fixture            *f,
          BnMigrationRequest *req)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean timed_out = FALSE;
  BnMigration *run;
  guint id;

  bn_fleet_update_async (bn_engine_get_fleet (f->engine), NULL, bn_test_store_result, &result);
  bn_fleet_update_finish (bn_engine_get_fleet (f->engine), bn_test_wait (&result, 20000), NULL,
                          NULL);
  req->mode = BN_MIGRATION_MODE_SHUTDOWN;
  req->source_hvm = g_strdup ("HVM-A01");
  req->destination_hvm = g_strdup ("HVM-A02");
  req->shutdown_guest = TRUE;
  run = bn_migration_service_start (bn_engine_get_migration_service (f->engine), req, &error);
  g_assert_no_error (error);
  id = g_timeout_add_seconds (60, flag_cb, &timed_out);
  while (!bn_migration_is_finished (run) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
  g_test_message ("%s %s", bn_run_state_to_string (bn_migration_get_state (run)),
                  bn_migration_get_error_line (run) ? bn_migration_get_error_line (run) : "");
  return run;
}

static BnLpar *
lpar_on (Fixture    *f,
         const char *hvm,
         const char *name)
{
  return bn_hvm_find_lpar_by_name (bn_fleet_find_hvm (bn_engine_get_fleet (f->engine), hvm), name);
}

static void
linux_request (Fixture            *f,
               BnMigrationRequest *req,
               const char         *key)
{
  req->source_lpar = 1;
  req->guest_os = BN_GUEST_OS_LINUX;
  req->guest_address = g_strdup (bn_test_sshd_get_host (f->sshd));
  req->guest_port = bn_test_sshd_get_port (f->sshd);
  req->guest_user = g_strdup (g_get_user_name ());
  req->guest_key_file = g_strdup (key);
}

static void
test_linux (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(BnMigrationRequest) req = bn_migration_request_new (BN_OPERATION_MIGRATION);
  BnMigration *run;

  if (skip_without_sshd (f))
    return;
  linux_request (f, req, bn_test_sshd_get_client_key (f->sshd));
  run = run_move (f, req);
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_SUCCEEDED);
  g_assert_null (lpar_on (f, "HVM-A01", "WEB01"));
  g_assert_cmpint (bn_lpar_get_state (lpar_on (f, "HVM-A02", "WEB01")), ==,
                   BN_LPAR_STATE_ACTIVATED);
}

static void
test_linux_wrong_key (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(BnMigrationRequest) req = bn_migration_request_new (BN_OPERATION_MIGRATION);
  BnMigration *run;

  if (skip_without_sshd (f))
    return;
  linux_request (f, req, bn_test_sshd_get_other_key (f->sshd));
  run = run_move (f, req);
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_FAILED);
  g_assert_cmpstr (bn_migration_get_error_id (run), ==, "mmc-guest-shutdown-failed");
  g_assert_cmpint (bn_lpar_get_state (lpar_on (f, "HVM-A01", "WEB01")), ==,
                   BN_LPAR_STATE_ACTIVATED);
}

static void
test_linux_password (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(BnMigrationRequest) req = bn_migration_request_new (BN_OPERATION_MIGRATION);
  g_autoptr(BnTestUser) user = NULL;
  g_autoptr(GError) error = NULL;
  BnMigration *run;

  if (skip_without_sshd (f))
    return;
  user = bn_test_user_new (&error);
  if (user == NULL)
    {
      g_test_skip (error->message);
      return;
    }
  linux_request (f, req, NULL);
  g_free (req->guest_user);
  req->guest_user = g_strdup (bn_test_user_get_name (user));
  req->guest_password = g_strdup ("not-the-password");
  run = run_move (f, req);
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_FAILED);
  g_assert_cmpstr (bn_migration_get_error_id (run), ==, "mmc-guest-shutdown-failed");
}

static void
test_unreachable (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(BnMigrationRequest) req = bn_migration_request_new (BN_OPERATION_MIGRATION);
  BnMigration *run;
  gint64 start;

  if (skip_without_sshd (f))
    return;
  linux_request (f, req, bn_test_sshd_get_client_key (f->sshd));
  req->guest_port = bn_test_closed_port ();
  start = g_get_monotonic_time ();
  run = run_move (f, req);
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_FAILED);
  g_assert_cmpstr (bn_migration_get_error_id (run), ==, "mmc-guest-shutdown-failed");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

/* The guest takes longer than the waiting limit (Option: 10 s here). */
static void
test_slow_shutdown (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(BnMigrationRequest) req = bn_migration_request_new (BN_OPERATION_MIGRATION);
  BnMigration *run;

  if (skip_without_sshd (f))
    return;
  linux_request (f, req, bn_test_sshd_get_client_key (f->sshd));
  run = run_move (f, req);
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_FAILED);
  g_assert_cmpstr (bn_migration_get_error_id (run), ==, "mmc-shutdown-wait-timeout");
  g_assert_nonnull (lpar_on (f, "HVM-A01", "WEB01"));
}

/* The first request finds the guest still running (it ignores it): asked again (§4.2.1). */
static void
test_retry (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(BnMigrationRequest) req = bn_migration_request_new (BN_OPERATION_MIGRATION);
  BnMigration *run;

  if (skip_without_sshd (f))
    return;
  linux_request (f, req, bn_test_sshd_get_client_key (f->sshd));
  run = run_move (f, req);
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_SUCCEEDED);
  g_assert_true (json_object_get_boolean_member (bn_migration_get_result (run),
                                                 "shutdown_retried"));
}

static void
test_windows (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(BnMigrationRequest) req = bn_migration_request_new (BN_OPERATION_MIGRATION);
  BnMigration *run;

  if (skip_without_sshd (f))
    return;
  req->source_lpar = 6;
  req->guest_os = BN_GUEST_OS_WINDOWS;
  req->guest_address = g_strdup ("127.0.0.1");
  req->guest_port = f->wsman_port;
  req->guest_user = g_strdup ("Administrator");
  req->guest_password = g_strdup ("P@ssw0rd");
  req->forced_shutdown = TRUE;
  req->activate_destination = FALSE;
  run = run_move (f, req);
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_SUCCEEDED);
  /* Activate Destination LPAR off (§4.2.2): it arrives deactivated */
  g_assert_cmpint (bn_lpar_get_state (lpar_on (f, "HVM-A02", "APP01")), ==,
                   BN_LPAR_STATE_DEACTIVATED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, flags, func) \
  g_test_add (path, Fixture, flags, fixture_setup, func, fixture_teardown)
  ADD ("/remote-shutdown/linux", "", test_linux);
  ADD ("/remote-shutdown/linux-wrong-key", "", test_linux_wrong_key);
  ADD ("/remote-shutdown/linux-wrong-password", "", test_linux_password);
  ADD ("/remote-shutdown/unreachable", "", test_unreachable);
  ADD ("/remote-shutdown/slow", "slow", test_slow_shutdown);
  ADD ("/remote-shutdown/retry", "retry", test_retry);
  ADD ("/remote-shutdown/windows", "", test_windows);
#undef ADD

  return g_test_run ();
}
