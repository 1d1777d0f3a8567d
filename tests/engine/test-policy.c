/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "bn-error.h"
#include "bn-test-rig.h"

/* Migration policies (§3.3, §6.3) run between real bladesimd processes: in order, with
 * Stop/Continue, Retry/Skip/End after a failure, resumed after the console was killed. */

typedef BnTestRig Fixture;

static const char * const blades[] = { "HVM-B01", "HVM-B02", "HVM-B03", NULL };

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  bn_test_rig_setup (f, blades);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  bn_test_rig_teardown (f);
}

static BnPolicies *
policies (Fixture *f)
{
  return bn_engine_get_policies (f->engine);
}

static void
add (BnPolicy   *policy,
     const char *src_hvm,
     guint       src_lpar,
     const char *name,
     const char *dst_hvm)
{
  g_autoptr(BnMigrationRequest) request = bn_migration_request_new (BN_OPERATION_MIGRATION);
  g_autoptr(BnPolicyEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  bn_migration_request_set_route (request, BN_MIGRATION_MODE_CONCURRENT, src_hvm, src_lpar,
                                  dst_hvm);
  entry = bn_policy_entry_new (request, name);
  g_assert_true (bn_policy_add_entry (policy, entry, &error));
  g_assert_no_error (error);
}

/* A saved policy moving the first @n of HVM-B01's running LPARs to B02 (the demo's
 * pair for Concurrent Maintenance: B03's EFI and firmware refuse it). */
static BnPolicy *
make_policy (Fixture    *f,
             const char *name,
             guint       n)
{
  static const char *lpar_names[] = { "ERP01", "ERP02", "NET01", "CRM01" };
  g_autoptr(GError) error = NULL;
  g_autoptr(BnPolicy) edit = NULL;
  BnPolicy *stored = bn_policies_create (policies (f), name, "test", &error);

  g_assert_no_error (error);
  edit = bn_policy_copy (stored);
  for (guint i = 0; i < n; i++)
    add (edit, "HVM-B01", i + 1, lpar_names[i], "HVM-B02");
  g_assert_true (bn_policies_save (policies (f), edit, &error));
  g_assert_no_error (error);
  return bn_policies_find (policies (f), name);
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
wait_for (BnPolicyRunner   *runner,
          BnPolicyRunState  state)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (500, tick_cb, NULL);

  while (bn_policy_runner_get_run_state (runner) != state)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("policy %s is %s, not %s, after 120 s: %s",
                 bn_policy_get_name (bn_policy_runner_get_policy (runner)),
                 bn_policy_run_state_to_string (bn_policy_runner_get_run_state (runner)),
                 bn_policy_run_state_to_string (state),
                 bn_policy_runner_get_position (runner) >= 0
                 ? bn_policy_entry_get_error (bn_policy_get_entry (bn_policy_runner_get_policy (runner),
                                                                   bn_policy_runner_get_position (runner)))
                 : "");
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);
}

static BnEntryState
entry_state (BnPolicy *policy,
             guint     no)
{
  return bn_policy_entry_get_state (bn_policy_get_entry (policy, no - 1));
}

static gboolean
lpar_on (Fixture    *f,
         const char *hvm_id,
         const char *name)
{
  BnHvm *hvm = bn_fleet_find_hvm (bn_engine_get_fleet (f->engine), hvm_id);

  return hvm != NULL && bn_hvm_find_lpar_by_name (hvm, name) != NULL;
}

static BnPolicyRunner *
start_run (Fixture    *f,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  BnPolicyRunner *runner;

  bn_test_rig_update (f);
  runner = bn_policies_get_runner (policies (f), name, &error);
  g_assert_no_error (error);
  g_assert_true (bn_policy_runner_start (runner, &error));
  g_assert_no_error (error);
  return runner;
}

static void
test_four_entries (Fixture       *f,
                   gconstpointer  data)
{
  BnPolicy *policy = make_policy (f, "evacuate-b01", 4);
  BnPolicyRunner *runner = start_run (f, "evacuate-b01");
  g_autoptr(GError) error = NULL;
  g_autoptr(BnEngine) again = NULL;
  BnPolicy *reread;

  wait_for (runner, BN_POLICY_RUN_FINISHED);
  for (guint no = 1; no <= 4; no++)
    g_assert_cmpint (entry_state (policy, no), ==, BN_ENTRY_STATE_DONE);
  bn_test_rig_update (f);
  g_assert_true (lpar_on (f, "HVM-B02", "ERP01") && lpar_on (f, "HVM-B02", "ERP02"));
  g_assert_true (lpar_on (f, "HVM-B02", "NET01") && lpar_on (f, "HVM-B02", "CRM01"));
  g_assert_false (lpar_on (f, "HVM-B01", "ERP01") || lpar_on (f, "HVM-B01", "CRM01"));

  /* Return (§3.4), planned from the Migration History: each LPAR back to its old number */
  {
    g_autoptr(BnPolicy) back = bn_policies_plan_return (policies (f), "HVM-B01",
                                                        BN_MIGRATION_MODE_CONCURRENT, "return",
                                                        NULL, &error);
    BnPolicyRunner *return_runner;

    g_assert_no_error (error);
    g_assert_cmpuint (bn_policy_get_n_entries (back), ==, 4);
    for (guint i = 0; i < 4; i++)
      {
        BnPolicyEntry *e = bn_policy_get_entry (back, i);

        g_assert_cmpstr (bn_policy_entry_get_destination_hvm (e), ==, "HVM-B01");
        g_assert_cmpuint (bn_policy_entry_get_destination_lpar (e), >=, 1);
        g_assert_cmpuint (bn_policy_entry_get_destination_lpar (e), <=, 4);
      }
    g_assert_true (bn_policies_save (policies (f), back, &error));
    return_runner = start_run (f, "return");
    wait_for (return_runner, BN_POLICY_RUN_FINISHED);
    bn_test_rig_update (f);
    g_assert_cmpstr (bn_lpar_get_name (bn_hvm_find_lpar (bn_fleet_find_hvm (bn_engine_get_fleet (f->engine),
                                                                            "HVM-B01"), 4)),
                     ==, "CRM01");
    g_assert_false (lpar_on (f, "HVM-B02", "ERP01"));
  }

  /* bnctl history shows the way ERP01 went: Now back on B01, old1 on B02, old2 B01 */
  {
    g_autofree char *out = NULL;

    g_assert_cmpint (bn_test_run_bnctl (f->db, &out, NULL, "history", "--lpar", "ERP01", NULL),
                     ==, 0);
    g_assert_nonnull (strstr (out, "Now"));
    g_assert_nonnull (strstr (out, "old2"));
    g_assert_nonnull (strstr (out, "HVM-B02"));
  }

  /* the check marks are stored: another console sees them */
  again = bn_engine_new (f->db, &error);
  g_assert_no_error (error);
  reread = bn_policies_find (bn_engine_get_policies (again), "evacuate-b01");
  g_assert_cmpint (bn_policy_get_run_state (reread), ==, BN_POLICY_RUN_FINISHED);
  for (guint no = 1; no <= 4; no++)
    {
      g_assert_cmpint (entry_state (reread, no), ==, BN_ENTRY_STATE_DONE);
      g_assert_nonnull (bn_policy_entry_get_migration_id (bn_policy_get_entry (reread, no - 1)));
    }
}

static void
stop_on_first (BnPolicyRunner *runner,
               BnPolicyEntry  *entry,
               BnMigration    *run,
               gpointer        data)
{
  bn_policy_runner_stop (runner);
}

static void
test_stop_then_continue (Fixture       *f,
                         gconstpointer  data)
{
  BnPolicy *policy = make_policy (f, "p", 3);
  BnPolicyRunner *runner;
  g_autoptr(GError) error = NULL;
  gulong id;

  bn_test_rig_update (f);
  runner = bn_policies_get_runner (policies (f), "p", &error);
  id = g_signal_connect (runner, "entry-started", G_CALLBACK (stop_on_first), NULL);
  g_assert_true (bn_policy_runner_start (runner, &error));

  /* Stop takes effect after the running entry (§3.3.3) */
  wait_for (runner, BN_POLICY_RUN_STOPPED);
  g_signal_handler_disconnect (runner, id);
  g_assert_cmpint (entry_state (policy, 1), ==, BN_ENTRY_STATE_DONE);
  g_assert_cmpint (entry_state (policy, 2), ==, BN_ENTRY_STATE_PENDING);

  /* a stopped run is not editable, and it accepts only End or Continue */
  g_assert_false (bn_policies_delete (policies (f), "p", &error));
  g_assert_error (error, BN_ERROR, BN_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_false (bn_policy_runner_decide (runner, BN_POLICY_DECISION_SKIP, &error));
  g_assert_error (error, BN_ERROR, BN_ERROR_STATE);
  g_clear_error (&error);

  g_assert_true (bn_policy_runner_decide (runner, BN_POLICY_DECISION_CONTINUE, &error));
  wait_for (runner, BN_POLICY_RUN_FINISHED);
  for (guint no = 1; no <= 3; no++)
    g_assert_cmpint (entry_state (policy, no), ==, BN_ENTRY_STATE_DONE);
}

/* Entry No. 1 goes to HVM-B02, whose blade is down: the run pauses on it (§6.3). */
static BnPolicyRunner *
run_with_b02_down (Fixture    *f,
                   BnPolicy  **policy)
{
  BnPolicyRunner *runner;

  *policy = make_policy (f, "p", 2);
  g_hash_table_remove (f->sims, "HVM-B02");
  runner = start_run (f, "p");
  wait_for (runner, BN_POLICY_RUN_PAUSED);
  g_assert_cmpint (entry_state (*policy, 1), ==, BN_ENTRY_STATE_FAILED);
  g_assert_nonnull (bn_policy_entry_get_error (bn_policy_get_entry (*policy, 0)));
  g_test_message ("entry 1 failed: %s", bn_policy_entry_get_error (bn_policy_get_entry (*policy, 0)));
  g_assert_cmpint (entry_state (*policy, 2), ==, BN_ENTRY_STATE_PENDING);
  g_assert_true (lpar_on (f, "HVM-B01", "ERP01"));
  return runner;
}

static void
test_error_retry (Fixture       *f,
                  gconstpointer  data)
{
  BnPolicy *policy;
  BnPolicyRunner *runner = run_with_b02_down (f, &policy);
  g_autoptr(GError) error = NULL;

  /* the operator brings the blade back, then Retry */
  bn_test_rig_start_blade (f, "HVM-B02");
  g_assert_false (bn_policy_runner_decide (runner, BN_POLICY_DECISION_CONTINUE, &error));
  g_clear_error (&error);
  g_assert_true (bn_policy_runner_decide (runner, BN_POLICY_DECISION_RETRY, &error));
  wait_for (runner, BN_POLICY_RUN_FINISHED);
  g_assert_cmpint (entry_state (policy, 1), ==, BN_ENTRY_STATE_DONE);
  g_assert_cmpint (entry_state (policy, 2), ==, BN_ENTRY_STATE_DONE);
  bn_test_rig_update (f);
  g_assert_true (lpar_on (f, "HVM-B02", "ERP01"));
}

static void
test_error_skip (Fixture       *f,
                 gconstpointer  data)
{
  BnPolicy *policy;
  BnPolicyRunner *runner = run_with_b02_down (f, &policy);
  g_autoptr(GError) error = NULL;

  /* the blade comes back, but the operator skips No. 1 anyway */
  bn_test_rig_start_blade (f, "HVM-B02");
  g_assert_true (bn_policy_runner_decide (runner, BN_POLICY_DECISION_SKIP, &error));
  wait_for (runner, BN_POLICY_RUN_FINISHED);
  g_assert_cmpint (entry_state (policy, 1), ==, BN_ENTRY_STATE_SKIPPED);
  g_assert_cmpint (entry_state (policy, 2), ==, BN_ENTRY_STATE_DONE);
  bn_test_rig_update (f);
  g_assert_true (lpar_on (f, "HVM-B01", "ERP01"));
  g_assert_true (lpar_on (f, "HVM-B02", "ERP02"));
}

static void
test_error_end (Fixture       *f,
                gconstpointer  data)
{
  BnPolicy *policy;
  BnPolicyRunner *runner = run_with_b02_down (f, &policy);
  g_autoptr(GError) error = NULL;

  g_assert_true (bn_policy_runner_decide (runner, BN_POLICY_DECISION_END, &error));
  g_assert_cmpint (bn_policy_runner_get_run_state (runner), ==, BN_POLICY_RUN_ENDED);
  g_assert_cmpint (entry_state (policy, 1), ==, BN_ENTRY_STATE_FAILED);
  g_assert_cmpint (entry_state (policy, 2), ==, BN_ENTRY_STATE_PENDING);
  g_assert_false (bn_policy_runner_is_active (runner));
  /* an ended run can be edited again */
  g_assert_true (bn_policies_rename (policies (f), "p", "p2", &error));
  g_assert_no_error (error);
}

/* The request of the first move a run starts. */
static void
keep_request (BnPolicyRunner      *runner,
              BnPolicyEntry       *entry,
              BnMigration         *run,
              BnMigrationRequest **started)
{
  if (*started == NULL)
    *started = bn_migration_request_copy (bn_migration_get_request (run));
}

/* A Shutdown entry for a running LPAR shuts its guest down with the Guest OS Information
 * saved for it (§4.2.1, 表 2-9 ※, §5.13): here nothing answers at the saved address, so
 * the entry fails at the guest's shutdown and the LPAR keeps running; once it is shut down
 * by hand, Retry moves it. */
static void
test_saved_guest (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(BnMigrationRequest) request = bn_migration_request_new (BN_OPERATION_MIGRATION);
  g_autoptr(BnMigrationRequest) guest = bn_migration_request_new (BN_OPERATION_MIGRATION);
  BnGuestSettings *settings = bn_engine_get_guest_settings (f->engine);
  g_autoptr(BnPolicyEntry) entry = NULL;
  g_autoptr(BnPolicy) edit = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BnMigrationRequest) started = NULL;
  g_autoptr(GAsyncResult) saved = NULL;
  g_autofree char *host = NULL;
  BnPolicyRunner *runner;
  BnPolicy *policy;
  const char *why;
  BnHvm *hvm;

  bn_policies_create (policies (f), "shutdown", NULL, &error);
  g_assert_no_error (error);
  edit = bn_policy_copy (bn_policies_find (policies (f), "shutdown"));
  bn_migration_request_set_route (request, BN_MIGRATION_MODE_SHUTDOWN, "HVM-B01", 1, "HVM-B02");
  request->activate_destination = TRUE;
  entry = bn_policy_entry_new (request, "ERP01");
  g_assert_true (bn_policy_add_entry (edit, entry, &error));
  g_assert_true (bn_policies_save (policies (f), edit, &error));
  g_assert_no_error (error);
  policy = bn_policies_find (policies (f), "shutdown");

  guest->guest_os = BN_GUEST_OS_LINUX;
  guest->guest_address = g_strdup ("127.0.0.1");
  guest->guest_port = 1;
  guest->guest_user = g_strdup ("root");
  g_assert_true (bn_guest_settings_save (settings, "HVM-B01", 1, guest, &error));
  g_assert_no_error (error);
  bn_guest_settings_save_password_async (settings, "HVM-B01", 1, "guest-secret", NULL,
                                         bn_test_store_result, &saved);
  g_assert_true (bn_guest_settings_save_password_finish (settings, bn_test_wait (&saved, 10000),
                                                         &error));
  g_assert_no_error (error);

  bn_test_rig_update (f);
  runner = bn_policies_get_runner (policies (f), "shutdown", &error);
  g_assert_no_error (error);
  g_signal_connect (runner, "entry-started", G_CALLBACK (keep_request), &started);
  g_assert_true (bn_policy_runner_start (runner, &error));
  g_assert_no_error (error);
  wait_for (runner, BN_POLICY_RUN_PAUSED);
  why = bn_policy_entry_get_error (bn_policy_get_entry (policy, 0));
  g_test_message ("entry 1 failed: %s", why);
  g_assert_nonnull (strstr (why, "Guest OS shutdown failed"));
  /* the move got the saved information, password included */
  g_assert_nonnull (started);
  g_assert_true (started->shutdown_guest);
  g_assert_cmpstr (started->guest_address, ==, "127.0.0.1");
  g_assert_cmpuint (started->guest_port, ==, 1);
  g_assert_cmpstr (started->guest_password, ==, "guest-secret");
  /* the entry as saved did not take the guest's settings */
  g_assert_false (bn_policy_entry_get_request (bn_policy_get_entry (policy, 0))->shutdown_guest);
  bn_test_rig_update (f);
  g_assert_true (lpar_on (f, "HVM-B01", "ERP01"));

  /* the operator shuts ERP01 down by hand, then Retry: nothing to shut down any more */
  hvm = bn_fleet_find_hvm (bn_engine_get_fleet (f->engine), "HVM-B01");
  host = g_strdup_printf ("-host=%s:%u", bn_hvm_get_address (hvm), bn_hvm_get_port (hvm));
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, NULL, "hvmsh", host, "operate",
                                      "LparDeactivate", "lpar=1", NULL), ==, 0);
  g_assert_true (bn_policy_runner_decide (runner, BN_POLICY_DECISION_RETRY, &error));
  g_assert_no_error (error);
  wait_for (runner, BN_POLICY_RUN_FINISHED);
  g_assert_cmpint (entry_state (policy, 1), ==, BN_ENTRY_STATE_DONE);
  bn_test_rig_update (f);
  g_assert_true (lpar_on (f, "HVM-B02", "ERP01"));
}

/* bnctl runs the policy; it is killed -9 once entry No. 2 has started; a new console
 * resumes the run at No. 2 once the blades' lease on the dead console has run out. */
static void
test_resume_after_kill (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *bnctl = bn_test_build_path ("src/cli/bnctl");
  g_autoptr(BnEngine) console = NULL;
  BnPolicyRunner *runner;
  BnPolicy *policy;
  char *line;

  make_policy (f, "p", 3);
  g_assert_true (bn_options_set (bn_engine_get_options (f->engine), BN_OPTION_MIGRATION_LEASE,
                                 "5", &error));
  g_clear_object (&f->engine);

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                           &error, bnctl, "--db", f->db, "--json", "policy", "run", "p",
                           "--on-error", "end", NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error)) != NULL)
    {
      gboolean second = strstr (line, "\"entry-started\"") && strstr (line, "\"no\":2");

      g_free (line);
      if (second)
        break;
    }
  g_assert_no_error (error);
  g_subprocess_send_signal (proc, SIGKILL);
  g_subprocess_wait (proc, NULL, NULL);

  console = bn_engine_new (f->db, &error);
  g_assert_no_error (error);
  f->engine = g_steal_pointer (&console);
  policy = bn_policies_find (policies (f), "p");
  g_assert_cmpint (bn_policy_get_run_state (policy), ==, BN_POLICY_RUN_RUNNING);
  g_assert_cmpint (entry_state (policy, 1), ==, BN_ENTRY_STATE_DONE);
  g_assert_cmpint (entry_state (policy, 2), ==, BN_ENTRY_STATE_RUNNING);

  /* the blades end the dead console's migration after the 5 s lease */
  g_usleep (7 * G_USEC_PER_SEC);
  runner = start_run (f, "p");

  /* the journal named the interrupted move; ERP02 did not need recovery, so it is settled */
  {
    g_autoptr(GPtrArray) interrupted =
      bn_migration_service_review_interrupted (bn_engine_get_migration_service (f->engine),
                                               &error);

    g_assert_no_error (error);
    g_assert_cmpuint (interrupted->len, ==, 0);
  }
  while (bn_policy_runner_get_run_state (runner) == BN_POLICY_RUN_RUNNING)
    g_main_context_iteration (NULL, TRUE);
  if (bn_policy_runner_get_run_state (runner) == BN_POLICY_RUN_PAUSED)
    {
      g_test_message ("resumed entry failed once: %s",
                      bn_policy_entry_get_error (bn_policy_get_entry (policy, 1)));
      g_assert_true (bn_policy_runner_decide (runner, BN_POLICY_DECISION_RETRY, &error));
    }
  wait_for (runner, BN_POLICY_RUN_FINISHED);
  for (guint no = 1; no <= 3; no++)
    g_assert_cmpint (entry_state (policy, no), ==, BN_ENTRY_STATE_DONE);
  bn_test_rig_update (f);
  g_assert_true (lpar_on (f, "HVM-B02", "ERP02"));
  g_assert_false (lpar_on (f, "HVM-B01", "ERP02"));
}

static char *
write_text (Fixture    *f,
            const char *name,
            const char *text)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
test_import_malformed (Fixture       *f,
                       gconstpointer  data)
{
  static const struct { const char *text; const char *expect; } bad[] = {
    { "{", "" },
    { "[]", "$" },
    { "{\"format\":\"blade-navigator-policy/1\",\"name\":\"x\",\"mode\":\"concurrent\","
      "\"entries\":[{\"lpar_name\":\"A\",\"source\":{\"hvm\":\"HVM-B01\",\"lpar\":99},"
      "\"destination\":{\"hvm\":\"HVM-B02\",\"lpar\":0}}]}", "source.lpar" },
    { "{\"format\":\"blade-navigator-policy/1\",\"name\":\"x\",\"mode\":\"concurrent\","
      "\"entries\":[{\"lpar_name\":\"A\",\"source\":{\"hvm\":\"HVM-B01\",\"lpar\":1},"
      "\"destination\":{\"hvm\":\"HVM-B01\",\"lpar\":0}}]}", "same HVM" },
    { "{\"format\":\"blade-navigator-policy/1\",\"name\":\"x\",\"mode\":\"concurrent\","
      "\"entries\":[{\"lpar_name\":\"A\",\"source\":{\"hvm\":\"HVM-B01\",\"lpar\":1},"
      "\"destination\":{\"hvm\":\"HVM-B02\",\"lpar\":0},\"options\":{\"password\":\"x\"}}]}",
      "password" },
    { "{\"format\":\"blade-navigator-policy/1\",\"name\":\"keep\",\"mode\":\"concurrent\","
      "\"entries\":[]}", "already exists" },
  };
  BnPolicy *keep = make_policy (f, "keep", 2);
  g_autoptr(JsonNode) before = bn_policy_to_json (keep);
  g_autofree char *before_text = json_to_string (before, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *name = g_strdup_printf ("bad%u.json", i);
      g_autofree char *path = write_text (f, name, bad[i].text);
      g_autofree char *err = NULL;
      int code = bn_test_run_bnctl (f->db, NULL, &err, "policy", "import", path, NULL);

      g_assert_cmpint (code, !=, 0);
      g_assert_nonnull (strstr (err, bad[i].expect));
    }

  /* the stored policy is untouched, as another console reads it */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(BnEngine) other = bn_engine_new (f->db, &error);
    BnPolicy *again;
    g_autoptr(JsonNode) after = NULL;
    g_autofree char *after_text = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (bn_policies_get_list (bn_engine_get_policies (other))),
                      ==, 1);
    again = bn_policies_find (bn_engine_get_policies (other), "keep");
    after = bn_policy_to_json (again);
    after_text = json_to_string (after, FALSE);
    g_assert_cmpstr (after_text, ==, before_text);
  }

  /* and a good export imports under another name */
  {
    g_autofree char *path = g_build_filename (f->dir, "keep.json", NULL);
    g_autofree char *out = NULL;

    g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, NULL, "policy", "export", "keep", path,
                                        NULL), ==, 0);
    g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, NULL, "policy", "import", path, "--name",
                                        "copy", NULL), ==, 0);
    g_assert_cmpint (bn_test_run_bnctl (f->db, &out, NULL, "policy", "show", "copy", NULL), ==, 0);
    g_assert_nonnull (strstr (out, "ERP02"));
  }
}

static void
test_editing (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BnMigrationRequest) request = bn_migration_request_new (BN_OPERATION_MIGRATION);
  g_autoptr(BnPolicyEntry) shutdown_entry = NULL;
  g_autoptr(BnPolicy) edit = NULL;
  BnPolicy *stored = make_policy (f, "p", 3);

  /* Modify: a copy; Release (dropping it) leaves the stored policy as it was */
  edit = bn_policy_copy (stored);
  bn_migration_request_set_route (request, BN_MIGRATION_MODE_SHUTDOWN, "HVM-B01", 5, "HVM-B02");
  shutdown_entry = bn_policy_entry_new (request, "CRM02");
  g_assert_false (bn_policy_add_entry (edit, shutdown_entry, &error));
  g_assert_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "§5.33"));
  g_clear_error (&error);
  add (edit, "HVM-B02", 1, "WEB21", "HVM-B03");
  g_assert_false (bn_policy_move_entry (edit, 0, -1, &error));
  g_clear_error (&error);
  g_assert_true (bn_policy_move_entry (edit, 3, -1, &error));
  g_assert_true (bn_policy_remove_entry (edit, 0, &error));
  g_assert_cmpuint (bn_policy_get_n_entries (stored), ==, 3);
  g_assert_cmpstr (bn_policy_entry_get_lpar_name (bn_policy_get_entry (edit, 1)), ==, "WEB21");

  /* Save as keeps the original; Save replaces it */
  g_assert_nonnull (bn_policies_save_as (policies (f), edit, "p-copy", &error));
  g_assert_no_error (error);
  g_assert_null (bn_policies_save_as (policies (f), edit, "p", &error));
  g_assert_error (error, BN_ERROR, BN_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpuint (bn_policy_get_n_entries (bn_policies_find (policies (f), "p")), ==, 3);
  g_assert_true (bn_policies_save (policies (f), edit, &error));
  g_assert_cmpuint (bn_policy_get_n_entries (bn_policies_find (policies (f), "p")), ==, 3);
  g_assert_cmpstr (bn_policy_entry_get_lpar_name (bn_policy_get_entry (bn_policies_find (policies (f), "p"), 1)),
                   ==, "WEB21");
  g_assert_null (bn_policies_create (policies (f), " p", NULL, &error));
  g_assert_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_true (bn_policies_delete (policies (f), "p-copy", &error));
  g_assert_null (bn_policies_find (policies (f), "p-copy"));
}

static void
test_evacuation_plan (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BnPolicy) plan = NULL;
  g_auto(GStrv) left = NULL;

  bn_test_rig_update (f);
  plan = bn_policies_plan_evacuation (policies (f), "HVM-B01", BN_MIGRATION_MODE_CONCURRENT,
                                      "evacuate", &left, &error);
  g_assert_no_error (error);
  /* ERP01, ERP02, NET01, CRM01 run; CRM02 is deactivated and stays, named in the comment */
  g_assert_cmpuint (bn_policy_get_n_entries (plan), ==, 4);
  g_assert_cmpuint (g_strv_length (left), ==, 1);
  g_assert_cmpstr (left[0], ==,
                   "#5 CRM02: it is deactivated: Concurrent Maintenance moves running LPARs");
  g_assert_cmpstr (bn_policy_get_comment (plan), ==,
                   "Evacuate HVM-B01 (Concurrent Maintenance). Left behind: #5 CRM02: it is "
                   "deactivated: Concurrent Maintenance moves running LPARs");
  for (guint i = 0; i < 4; i++)
    g_assert_cmpstr (bn_policy_entry_get_destination_hvm (bn_policy_get_entry (plan, i)), !=,
                     "HVM-B01");
  g_assert_true (bn_policies_save (policies (f), plan, &error));
  g_assert_no_error (error);
}

/* In Shutdown mode a running LPAR goes into the plan only when Guest OS Information is
 * saved for it (its guest is shut down by the run); the others stay, with the reason. */
static void
test_evacuation_plan_shutdown (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(BnMigrationRequest) guest = bn_migration_request_new (BN_OPERATION_MIGRATION);
  g_autoptr(GError) error = NULL;
  g_autoptr(BnPolicy) plan = NULL;
  g_auto(GStrv) left = NULL;
  gboolean erp01 = FALSE, crm02 = FALSE;

  guest->guest_os = BN_GUEST_OS_LINUX;
  guest->guest_address = g_strdup ("192.0.2.10");
  guest->guest_user = g_strdup ("root");
  g_assert_true (bn_guest_settings_save (bn_engine_get_guest_settings (f->engine), "HVM-B01", 1,
                                         guest, &error));
  bn_test_rig_update (f);
  plan = bn_policies_plan_evacuation (policies (f), "HVM-B01", BN_MIGRATION_MODE_SHUTDOWN,
                                      "evacuate-shutdown", &left, &error);
  g_assert_no_error (error);
  g_test_message ("%s", bn_policy_get_comment (plan));
  for (guint i = 0; i < bn_policy_get_n_entries (plan); i++)
    {
      const char *name = bn_policy_entry_get_lpar_name (bn_policy_get_entry (plan, i));

      erp01 |= g_str_equal (name, "ERP01");
      crm02 |= g_str_equal (name, "CRM02");
      g_assert_cmpstr (name, !=, "ERP02");
    }
  /* ERP01 runs and has its Guest OS Information; CRM02 is deactivated */
  g_assert_true (erp01);
  g_assert_true (crm02);
  g_assert_nonnull (strstr (bn_policy_get_comment (plan),
                            "ERP02: it is activated and no Guest OS Information is saved"));
  g_assert_true (g_strv_contains ((const char * const *) left,
                                  "#2 ERP02: it is activated and no Guest OS Information is "
                                  "saved for it: a Shutdown move needs its guest shut down "
                                  "first (§4.2.1)"));
}

/* Return leaves an LPAR that is no longer where its last move put it, and says where it
 * looked. */
static void
test_return_plan_not_found (Fixture       *f,
                            gconstpointer  data)
{
  BnPolicyRunner *runner;
  g_autoptr(BnPolicy) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *host = NULL;
  g_autofree char *lpar_arg = NULL;
  g_autofree char *expected = NULL;
  g_auto(GStrv) left = NULL;
  BnHvm *b02;
  guint number;

  make_policy (f, "one", 1);
  runner = start_run (f, "one");
  wait_for (runner, BN_POLICY_RUN_FINISHED);
  bn_test_rig_update (f);
  b02 = bn_fleet_find_hvm (bn_engine_get_fleet (f->engine), "HVM-B02");
  number = bn_lpar_get_number (bn_hvm_find_lpar_by_name (b02, "ERP01"));
  host = g_strdup_printf ("-host=%s:%u", bn_hvm_get_address (b02), bn_hvm_get_port (b02));
  lpar_arg = g_strdup_printf ("lpar=%u", number);
  g_assert_cmpint (bn_test_run_bnctl (f->db, NULL, NULL, "hvmsh", host, "set", "LparName",
                                      lpar_arg, "name=ERP01-RENAMED", NULL), ==, 0);
  bn_test_rig_update (f);

  back = bn_policies_plan_return (policies (f), "HVM-B01", BN_MIGRATION_MODE_CONCURRENT,
                                  "return-one", &left, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bn_policy_get_n_entries (back), ==, 0);
  expected = g_strdup_printf ("ERP01: not found at HVM-B02 #%u any more", number);
  g_assert_cmpuint (g_strv_length (left), ==, 1);
  g_assert_cmpstr (left[0], ==, expected);
  g_assert_nonnull (strstr (bn_policy_get_comment (back), "Left where they are: "));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/policy/four-entries-and-return", test_four_entries);
  ADD ("/policy/stop-then-continue", test_stop_then_continue);
  ADD ("/policy/error-retry", test_error_retry);
  ADD ("/policy/error-skip", test_error_skip);
  ADD ("/policy/error-end", test_error_end);
  ADD ("/policy/saved-guest", test_saved_guest);
  ADD ("/policy/resume-after-console-kill", test_resume_after_kill);
  ADD ("/policy/import-malformed", test_import_malformed);
  ADD ("/policy/editing", test_editing);
  ADD ("/policy/evacuation-plan", test_evacuation_plan);
  ADD ("/policy/evacuation-plan-shutdown", test_evacuation_plan_shutdown);
  ADD ("/policy/return-plan-not-found", test_return_plan_not_found);
#undef ADD

  return g_test_run ();
}
