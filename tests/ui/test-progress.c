/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "bn-application.h"
#include "bn-blade-doc.h"
#include "bn-monitor-window.h"
#include "bn-progress-window.h"
#include "bn-test-rig.h"
#include "bn-ui-test.h"
#include "bn-ui-utils.h"

/* Migration Progress on real moves: one bladesimd per blade (HVM-B01, HVM-B02) on this
 * test's subnet, the real console in-process on the rig's database, the window driven
 * through its progress.* actions and read back from its widgets. */

static struct
{
  BnTestRig      rig;
  BnApplication *app;
  BnEngine      *engine;
} t;

static const char *
label_text (BnProgressWindow *window,
            const char       *id)
{
  return gtk_label_get_text (GTK_LABEL (bn_ui_test_child (GTK_WIDGET (window), id)));
}

/* The icon the window shows for process @id (表 7-2 #13-17). */
static const char *
row_icon (BnProgressWindow *window,
          const char       *id)
{
  GtkWidget *row = bn_ui_test_child (bn_ui_test_child (GTK_WIDGET (window), "process_list"), id);
  GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

  return gtk_image_get_icon_name (GTK_IMAGE (gtk_widget_get_first_child (box)));
}

static const char *
row_state (BnProgressWindow *window,
           const char       *id)
{
  GtkWidget *row = bn_ui_test_child (bn_ui_test_child (GTK_WIDGET (window), "process_list"), id);
  GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

  return gtk_label_get_text (GTK_LABEL (gtk_widget_get_last_child (box)));
}

static BnMigration *
start (BnMigrationRequest *request)
{
  g_autoptr(GError) error = NULL;
  BnMigration *run;

  run = bn_migration_service_start (bn_engine_get_migration_service (t.engine), request, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);
  return run;
}

static gboolean
finished (gpointer run)
{
  return bn_migration_is_finished (run);
}

static void
wait_finished (BnMigration *run)
{
  g_assert_true (bn_ui_test_wait_until (finished, run, 90000));
  g_test_message ("%s: %s %s", bn_migration_get_id (run),
                  bn_run_state_to_string (bn_migration_get_state (run)),
                  bn_migration_get_error_line (run) ? bn_migration_get_error_line (run) : "");
}

typedef struct
{
  BnMigration *run;
  const char  *step;
} StepWait;

static gboolean
at_step (gpointer data)
{
  StepWait *wait = data;

  return g_strcmp0 (bn_migration_get_step_id (wait->run), wait->step) == 0 ||
         bn_migration_is_finished (wait->run);
}

static void
wait_step (BnMigration *run,
           const char  *step)
{
  StepWait wait = { run, step };

  g_assert_true (bn_ui_test_wait_until (at_step, &wait, 60000));
  g_assert_cmpstr (bn_migration_get_step_id (run), ==, step);
}

static gboolean
has_samples (gpointer run)
{
  return g_list_model_get_n_items (bn_migration_get_samples (run)) >= 2;
}

static void
respond (const char *dialog_name,
         const char *response)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (bn_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG,
                                                                         dialog_name));

  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static BnMigrationRequest *
concurrent (const char *from,
            guint       lpar,
            const char *to)
{
  BnMigrationRequest *request = bn_migration_request_new (BN_OPERATION_MIGRATION);

  bn_migration_request_set_route (request, BN_MIGRATION_MODE_CONCURRENT, from, lpar, to);
  return request;
}

/* ---- tests ---- */

/* CRM01's live move B01 → B02 with time to watch it (a 120 s timeout), its Migration
 * Progress window open. */
static BnMigration *
start_watched_move (BnProgressWindow **window)
{
  g_autoptr(BnMigrationRequest) request = concurrent ("HVM-B01", 4, "HVM-B02");
  BnMigration *run;

  bn_ui_test_update (t.app);
  request->timeout_s = 120;
  run = start (request);
  *window = bn_progress_window_show (t.app, run);
  return run;
}

typedef struct
{
  BnProgressWindow *window;
  GHashTable       *seen;       /* "process-id icon-name" the window showed */
} Watch;

static void
stage_changed_cb (BnStage    *stage,
                  GParamSpec *pspec,
                  Watch      *watch)
{
  /* connected after the window's own handler: the row shows the new state already */
  g_hash_table_add (watch->seen, g_strdup_printf ("%s %s", bn_stage_get_id (stage),
                                                  row_icon (watch->window,
                                                            bn_stage_get_id (stage))));
}

/* A live move with the window open: every process goes waiting → running → done in the
 * window, then "Migration completed !" (§4.3.1 (4)). */
static void
test_live_move (void)
{
  g_autoptr(BnMigrationRequest) request = concurrent ("HVM-B02", 1, "HVM-B01");
  Watch watch = { NULL, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };
  BnProgressWindow *window;
  GListModel *stages;
  BnMigration *run;
  guint n;

  bn_ui_test_update (t.app);
  run = start (request);
  window = bn_progress_window_show (t.app, run);
  watch.window = window;
  g_assert_true (bn_progress_window_get_migration (window) == run);
  g_assert_true (bn_progress_window_show (t.app, run) == window);   /* one window per run */
  stages = bn_migration_get_stages (run);
  n = g_list_model_get_n_items (stages);
  g_assert_cmpuint (n, ==, 7);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BnStage) stage = g_list_model_get_item (stages, i);

      g_signal_connect (stage, "notify::state", G_CALLBACK (stage_changed_cb), &watch);
    }
  bn_ui_test_wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpstr (row_icon (window, "refresh-hvm-information"), ==, "bn-step-waiting-symbolic");

  wait_finished (run);
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_SUCCEEDED);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BnStage) stage = g_list_model_get_item (stages, i);
      g_autofree char *running = g_strdup_printf ("%s bn-step-running-symbolic",
                                                  bn_stage_get_id (stage));
      g_autofree char *done = g_strdup_printf ("%s bn-step-done-symbolic",
                                               bn_stage_get_id (stage));

      g_assert_true (g_hash_table_contains (watch.seen, running));
      g_assert_true (g_hash_table_contains (watch.seen, done));
      g_assert_cmpstr (row_icon (window, bn_stage_get_id (stage)), ==, "bn-step-done-symbolic");
      g_signal_handlers_disconnect_by_data (stage, &watch);
    }
  bn_ui_test_wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpstr (label_text (window, "status_label"), ==, "Migration completed !");
  g_assert_cmpstr (label_text (window, "state_label"), ==, "Complete");
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "Migration Progress"));
  g_assert_false (gtk_widget_get_visible (bn_ui_test_child (GTK_WIDGET (window), "error_box")));
  g_assert_false (gtk_widget_get_sensitive (bn_ui_test_child (GTK_WIDGET (window), "cancel_button")));
  g_assert_false (gtk_widget_get_sensitive (bn_ui_test_child (GTK_WIDGET (window), "extend_button")));
  gtk_window_destroy (GTK_WINDOW (window));
  g_hash_table_unref (watch.seen);
}

/* Cancel Migration while memory transfers (§4.3.4): asks first, shows "Progress :
 * Canceling ... Migration", then the canceled state with the user's termination line. */
static void
test_cancel (void)
{
  BnProgressWindow *window;
  GtkWidget *cancel;
  BnMigration *run;

  run = start_watched_move (&window);
  cancel = bn_ui_test_child (GTK_WIDGET (window), "cancel_button");
  bn_ui_test_wait_frames (GTK_WIDGET (window), 2);
  g_assert_false (gtk_widget_get_sensitive (cancel));     /* not before the transfer */
  wait_step (run, "transfer-memory");
  g_assert_true (gtk_widget_get_sensitive (cancel));
  g_assert_nonnull (strstr (label_text (window, "information_label"),
                            "Stage = 0x4050: (SRC) Transferring Memory Data"));
  g_assert_cmpstr (row_icon (window, "migration"), ==, "bn-step-running-symbolic");
  g_assert_cmpstr (row_icon (window, "save-lpar-config"), ==, "bn-step-done-symbolic");

  /* asked first: Cancel in the dialog keeps the move going */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "progress.cancel", NULL));
  respond ("cancel-dialog", "cancel");
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_RUNNING);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "progress.cancel", NULL));
  respond ("cancel-dialog", "ok");
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_CANCELING);
  g_assert_cmpstr (label_text (window, "status_label"), ==, "Progress : Canceling ... Migration");
  g_assert_false (gtk_widget_get_sensitive (cancel));

  wait_finished (run);
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_CANCELED);
  bn_ui_test_wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpstr (label_text (window, "state_label"), ==, "Canceled");
  g_assert_cmpstr (label_text (window, "status_label"), ==, "Progress : Migration completed!");
  g_assert_true (gtk_widget_get_visible (bn_ui_test_child (GTK_WIDGET (window), "error_box")));
  g_assert_cmpstr (label_text (window, "error_label"), ==, bn_migration_get_error_line (run));
  g_assert_cmpstr (row_icon (window, "migration"), ==, "bn-step-failed-symbolic");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
timeout_shows (gpointer data)
{
  BnProgressWindow *window = data;
  g_autofree char *expected = g_strdup_printf ("%u seconds",
                                               GPOINTER_TO_UINT (g_object_get_data (data,
                                                                                    "expected")));

  return g_strcmp0 (label_text (window, "timeout_label"), expected) == 0;
}

/* Closing the window leaves the move running; app.show-progress with its ID opens it again
 * with the same state.  Extend (§4.3.3) changes Timeout Period. */
static void
test_reopen_and_extend (void)
{
  g_autoptr(GtkWindow) weak_check = NULL;
  BnProgressWindow *window;
  BnMigration *run;
  guint timeout;

  run = start_watched_move (&window);
  wait_step (run, "transfer-memory");
  bn_ui_test_wait_frames (GTK_WIDGET (window), 2);
  weak_check = g_object_ref (GTK_WINDOW (window));
  gtk_window_close (GTK_WINDOW (window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (weak_check)));
  g_clear_object (&weak_check);
  g_assert_null (bn_ui_test_find_window (BN_TYPE_PROGRESS_WINDOW, NULL));

  /* the move goes on without a window */
  g_assert_true (bn_ui_test_wait_until (has_samples, run, 30000));
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_RUNNING);

  g_action_group_activate_action (G_ACTION_GROUP (t.app), "show-progress",
                                  g_variant_new_string (bn_migration_get_id (run)));
  window = BN_PROGRESS_WINDOW (bn_ui_test_find_window (BN_TYPE_PROGRESS_WINDOW, NULL));
  g_assert_nonnull (window);
  g_assert_true (bn_progress_window_get_migration (window) == run);
  bn_ui_test_wait_frames (GTK_WIDGET (window), 2);
  g_assert_nonnull (strstr (label_text (window, "information_label"), "Stage = 0x4050"));
  g_assert_cmpstr (label_text (window, "state_label"), ==, "Running");
  g_assert_cmpstr (row_icon (window, "backup-src-before"), ==, "bn-step-done-symbolic");
  g_assert_cmpstr (row_icon (window, "migration"), ==, "bn-step-running-symbolic");
  g_assert_cmpstr (row_icon (window, "refresh-hvm-information"), ==, "bn-step-waiting-symbolic");
  g_assert_true (gtk_widget_get_sensitive (bn_ui_test_child (GTK_WIDGET (window), "monitor_button")));
  g_assert_true (gtk_widget_get_visible (bn_ui_test_child (GTK_WIDGET (window), "transfer_label")));
  g_assert_nonnull (strstr (label_text (window, "transfer_label"), " sent (LPAR memory "));
  g_assert_cmpstr (row_state (window, "backup-src-before"), ==, "Complete");

  /* Show Monitor: the monitor window on this run's samples */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "progress.show-monitor", NULL));
  {
    BnMonitorWindow *monitor = BN_MONITOR_WINDOW (bn_ui_test_find_window (BN_TYPE_MONITOR_WINDOW,
                                                                          NULL));

    g_assert_nonnull (monitor);
    g_assert_true (bn_monitor_window_get_samples (monitor) == bn_migration_get_samples (run));
    gtk_window_destroy (GTK_WINDOW (monitor));
  }

  timeout = bn_migration_get_timeout (run);
  g_assert_cmpuint (timeout, ==, 120);
  g_assert_cmpstr (label_text (window, "timeout_label"), ==, "120 seconds");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (bn_ui_test_child (GTK_WIDGET (window), "extend_spin")), 60);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "progress.extend", NULL));
  respond ("extend-dialog", "ok");
  g_object_set_data (G_OBJECT (window), "expected", GUINT_TO_POINTER (timeout + 60));
  g_assert_true (bn_ui_test_wait_until (timeout_shows, window, 20000));
  g_assert_cmpuint (bn_migration_get_timeout (run), ==, timeout + 60);

  /* leave the blades free for the next test */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "progress.cancel", NULL));
  respond ("cancel-dialog", "ok");
  wait_finished (run);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A move the checks refuse: the EMG line and its remedy (表 6-3), a failed process. */
static void
test_failure (void)
{
  g_autoptr(BnMigrationRequest) request = bn_migration_request_new (BN_OPERATION_MIGRATION);
  BnProgressWindow *window;
  BnMigration *run;

  bn_ui_test_update (t.app);
  request->mode = BN_MIGRATION_MODE_SHUTDOWN;
  request->source_hvm = g_strdup ("HVM-B01");
  request->source_lpar = 1;       /* ERP01, activated: Shutdown mode refuses it */
  request->destination_hvm = g_strdup ("HVM-B02");
  run = start (request);
  window = bn_progress_window_show (t.app, run);
  wait_finished (run);
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_FAILED);
  bn_ui_test_wait_frames (GTK_WIDGET (window), 2);
  g_assert_true (gtk_widget_get_visible (bn_ui_test_child (GTK_WIDGET (window), "error_box")));
  g_assert_true (g_str_has_prefix (label_text (window, "error_label"), "EMG"));
  g_assert_cmpstr (label_text (window, "error_label"), ==, bn_migration_get_error_line (run));
  g_assert_true (g_str_has_prefix (label_text (window, "remedy_label"), "What to do: "));
  g_assert_cmpstr (label_text (window, "state_label"), ==, "Error");
  g_assert_cmpstr (label_text (window, "status_label"), ==, "Ended with an error");
  g_assert_cmpstr (row_state (window, "migration"), ==, "Error");
  g_assert_cmpstr (row_icon (window, "migration"), ==, "bn-step-failed-symbolic");
  /* after the failure: not run, rather than waiting for ever */
  g_assert_cmpstr (row_state (window, "refresh-hvm-information"), ==, "Not run");
  g_assert_false (gtk_widget_get_visible (bn_ui_test_child (GTK_WIDGET (window), "extension_group")));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
policy_entry (BnPolicy   *policy,
              guint       lpar,
              const char *name)
{
  g_autoptr(BnMigrationRequest) request = concurrent ("HVM-B02", lpar, "HVM-B01");
  g_autoptr(BnPolicyEntry) entry = bn_policy_entry_new (request, name);
  g_autoptr(GError) error = NULL;

  g_assert_true (bn_policy_add_entry (policy, entry, &error));
  g_assert_no_error (error);
}

static void
window_migration_cb (BnProgressWindow *window,
                     GParamSpec       *pspec,
                     GPtrArray        *seen)
{
  BnMigration *migration = bn_progress_window_get_migration (window);

  if (migration != NULL)
    g_ptr_array_add (seen, migration);
}

static void
entry_started_cb (BnPolicyRunner *runner,
                  BnPolicyEntry  *entry,
                  BnMigration    *migration,
                  GPtrArray      *subtitles)
{
  BnProgressWindow *window = BN_PROGRESS_WINDOW (bn_ui_test_find_window (BN_TYPE_PROGRESS_WINDOW,
                                                                         NULL));
  GtkWidget *title = bn_ui_test_child (GTK_WIDGET (window), "window_title");

  /* connected after the window's handler: it shows this entry already */
  g_assert_true (bn_progress_window_get_migration (window) == migration);
  g_ptr_array_add (subtitles, g_strdup (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title))));
}

static gboolean
policy_over (gpointer runner)
{
  BnPolicyRunState state = bn_policy_runner_get_run_state (runner);

  return state != BN_POLICY_RUN_IDLE && state != BN_POLICY_RUN_RUNNING;
}

/* A policy run: the window names the policy and the entry, and follows each entry's move. */
static void
test_policy (void)
{
  BnPolicies *policies = bn_engine_get_policies (t.engine);
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  g_autoptr(GPtrArray) subtitles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(BnPolicy) edit = NULL;
  g_autoptr(GError) error = NULL;
  BnProgressWindow *window;
  BnPolicyRunner *runner;
  BnPolicy *stored;

  bn_ui_test_update (t.app);
  stored = bn_policies_create (policies, "evacuate-b02", "test", &error);
  g_assert_no_error (error);
  edit = bn_policy_copy (stored);
  policy_entry (edit, 2, "WEB22");
  policy_entry (edit, 3, "BI01");
  g_assert_true (bn_policies_save (policies, edit, &error));
  g_assert_no_error (error);
  runner = bn_policies_get_runner (policies, "evacuate-b02", &error);
  g_assert_no_error (error);

  window = bn_progress_window_show_policy (t.app, runner);
  g_assert_true (bn_progress_window_show_policy (t.app, runner) == window);
  g_assert_null (bn_progress_window_get_migration (window));
  g_signal_connect (window, "notify::migration", G_CALLBACK (window_migration_cb), seen);
  g_signal_connect (runner, "entry-started", G_CALLBACK (entry_started_cb), subtitles);
  g_assert_true (bn_policy_runner_start (runner, &error));
  g_assert_no_error (error);
  g_assert_true (bn_ui_test_wait_until (policy_over, runner, 120000));
  g_assert_cmpint (bn_policy_runner_get_run_state (runner), ==, BN_POLICY_RUN_FINISHED);

  /* one move per entry, each shown in turn */
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_true (seen->pdata[0] != seen->pdata[1]);
  g_assert_true (bn_progress_window_get_migration (window) == seen->pdata[1]);
  g_assert_cmpuint (subtitles->len, ==, 2);
  g_assert_cmpstr (subtitles->pdata[0], ==, "Entry 1 of 2: WEB22: HVM-B02 #2 → HVM-B01 #7");
  g_assert_true (g_str_has_prefix (subtitles->pdata[1], "Entry 2 of 2: BI01: HVM-B02 #3"));
  g_signal_handlers_disconnect_by_data (runner, subtitles);
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "evacuate-b02"));
  bn_ui_test_wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpstr (label_text (window, "status_label"), ==, "Migration completed !");
  g_assert_nonnull (bn_ui_test_find_label (GTK_WIDGET (window), "BI01"));
  g_signal_handlers_disconnect_by_data (window, seen);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The destination stops answering mid-transfer: the window shows the engine's error, and
 * the main loop never stalls meanwhile. */
static gboolean
tick_cb (gpointer data)
{
  gint64 *last = data;
  gint64 now = g_get_monotonic_time ();

  if (last[0] != 0)
    last[1] = MAX (last[1], now - last[0]);
  last[0] = now;
  return G_SOURCE_CONTINUE;
}

static void
test_blade_dies (void)
{
  gint64 ticks[2] = { 0, 0 };
  BnProgressWindow *window;
  BnMigration *run;
  guint tick;

  run = start_watched_move (&window);
  wait_step (run, "transfer-memory");
  tick = g_timeout_add (20, tick_cb, ticks);
  bn_test_sim_kill (g_hash_table_lookup (t.rig.sims, "HVM-B02"));
  wait_finished (run);
  g_source_remove (tick);
  g_test_message ("longest main-loop gap: %" G_GINT64_FORMAT " ms", ticks[1] / 1000);
  /* never blocked on the dead blade: waiting on it would take its 10 s HVM timeout */
  g_assert_cmpint (ticks[1], <, 3 * G_USEC_PER_SEC);
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_FAILED);
  bn_ui_test_wait_frames (GTK_WIDGET (window), 2);
  g_assert_true (gtk_widget_get_visible (bn_ui_test_child (GTK_WIDGET (window), "error_box")));
  g_assert_cmpstr (label_text (window, "error_label"), ==, bn_migration_get_error_line (run));
  g_assert_cmpstr (label_text (window, "state_label"), ==, "Error");
  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  BnProgressWindow *window;
  const char       *text;
} LabelWait;

static gboolean
state_shows (gpointer data)
{
  LabelWait *wait = data;

  return g_strcmp0 (label_text (wait->window, "state_label"), wait->text) == 0;
}

/* The source blade stops answering (SIGSTOP) while memory transfers: no answer ever comes,
 * the HVM timeout fails the step and the window shows the engine's error while the end
 * processing runs, the main loop never stalling. */
static void
test_blade_hangs (void)
{
  g_autoptr(BnMigrationRequest) request = concurrent ("HVM-B01", 2, "HVM-B02");
  BnTestSim *sim = g_hash_table_lookup (t.rig.sims, "HVM-B01");
  const char *pid_text = g_subprocess_get_identifier (sim->process);
  gint64 ticks[2] = { 0, 0 };
  LabelWait cleaning;
  BnProgressWindow *window;
  BnMigration *run;
  guint tick;
  int pid;

  /* the previous test killed HVM-B02 and left CRM01 on its migration WWN (§3.2.4) */
  bn_test_rig_start_blade (&t.rig, "HVM-B02");
  bn_ui_test_update (t.app);
  {
    g_autoptr(BnMigrationRequest) rollback = bn_migration_request_new (BN_OPERATION_WWN_ROLLBACK);

    rollback->source_hvm = g_strdup ("HVM-B01");
    rollback->source_lpar = 4;
    run = start (rollback);
    wait_finished (run);
    g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_SUCCEEDED);
  }
  bn_ui_test_update (t.app);
  run = start (request);
  window = bn_progress_window_show (t.app, run);
  wait_step (run, "transfer-memory");
  g_assert_true (bn_ui_test_wait_until (has_samples, run, 30000));
  pid = atoi (pid_text);
  g_assert_cmpint (pid, >, 0);
  tick = g_timeout_add (20, tick_cb, ticks);
  g_assert_cmpint (kill (pid, SIGSTOP), ==, 0);

  cleaning.window = window;
  cleaning.text = "Error (Cleaning up)";
  g_assert_true (bn_ui_test_wait_until (state_shows, &cleaning, 30000));
  g_assert_true (gtk_widget_get_visible (bn_ui_test_child (GTK_WIDGET (window), "error_box")));
  g_test_message ("while the end processing runs: %s", label_text (window, "error_label"));
  g_assert_cmpstr (label_text (window, "error_label"), ==, bn_migration_get_error_line (run));
  g_assert_false (gtk_widget_get_sensitive (bn_ui_test_child (GTK_WIDGET (window), "cancel_button")));
  /* a blade that stops answering is the manual's Response Timeout (§6.4.6), not the
   * "memory write is intensive" of a transfer that could not keep up */
  g_assert_cmpstr (bn_migration_get_error_id (run), ==, "mmc-response-timeout");
  g_assert_nonnull (strstr (bn_migration_get_error_line (run), "Response Timeout"));

  wait_finished (run);
  g_source_remove (tick);
  kill (pid, SIGCONT);
  g_test_message ("longest main-loop gap: %" G_GINT64_FORMAT " ms", ticks[1] / 1000);
  /* never blocked on the dead blade: waiting on it would take its 10 s HVM timeout */
  g_assert_cmpint (ticks[1], <, 3 * G_USEC_PER_SEC);
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_FAILED);
  bn_ui_test_wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpstr (label_text (window, "state_label"), ==, "Error");
  g_assert_cmpstr (label_text (window, "error_label"), ==, bn_migration_get_error_line (run));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* dirtying as fast as the slow path carries: CRM01 (HVM-B01 #4) never converges */
static void
slow_down_crm01 (void)
{
  JsonObject *blade = bn_test_fleet_find_blade (t.rig.fleet, "HVM-B01");
  JsonObject *lpar = bn_blade_doc_find_lpar (blade, 4);
  g_autofree char *state = g_build_filename (t.rig.dir, "HVM-B01", "HVM-B01.json", NULL);

  json_object_set_double_member (bn_blade_doc_get_object (lpar, "guest.workload"),
                                 "dirty_mb_per_s", 20);
  json_object_set_int_member (bn_blade_doc_get_object (lpar, "guest.workload"),
                              "working_set_mb", 64);
  json_object_set_int_member (blade, "path_rate_mbps", 100);
  g_free (t.rig.fleet_path);
  t.rig.fleet_path = bn_test_write_json (t.rig.fleet, t.rig.dir, "fleet.json");
  g_hash_table_remove (t.rig.sims, "HVM-B01");
  g_remove (state);
  bn_test_rig_start_blade (&t.rig, "HVM-B01");
}

int
main (int    argc,
      char **argv)
{
  static const char *blades[] = { "HVM-B01", "HVM-B02", NULL };
  g_autoptr(GError) error = NULL;
  int status;

  bn_ui_init_i18n ();
  g_test_init (&argc, &argv, NULL);

  bn_test_rig_setup (&t.rig, blades);
  slow_down_crm01 ();
  /* the console opens the rig's database itself */
  g_clear_object (&t.rig.engine);
  t.app = bn_ui_test_app_new (t.rig.db);
  t.engine = bn_application_get_engine (t.app);
  g_assert_nonnull (t.engine);

  g_test_add_func ("/progress/live-move", test_live_move);
  g_test_add_func ("/progress/cancel", test_cancel);
  g_test_add_func ("/progress/reopen-and-extend", test_reopen_and_extend);
  g_test_add_func ("/progress/failure", test_failure);
  g_test_add_func ("/progress/policy", test_policy);
  g_test_add_func ("/progress/blade-dies", test_blade_dies);
  g_test_add_func ("/progress/blade-hangs", test_blade_hangs);
  status = g_test_run ();

  g_clear_object (&t.app);
  bn_test_rig_teardown (&t.rig);
  return status;
}
