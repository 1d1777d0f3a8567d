/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "bn-application.h"
#include "bn-config-viewer.h"
#include "bn-logs-window.h"
#include "bn-migration-window.h"
#include "bn-monitor-window.h"
#include "bn-progress-window.h"
#include "bn-test-support.h"
#include "bn-ui-test.h"
#include "bn-ui-utils.h"
#include "bn-window.h"

/* The Migration windows in the real console: BnApplication on a temporary database and a
 * real bladesimd with the demo fleet (small LPARs) on this test's subnet, driven through
 * the win./migration. actions, confirmations answered as a user would, and real moves. */

static struct
{
  char          *dir;
  char          *db;
  JsonNode      *fleet;
  BnTestSim     *sim;
  BnApplication *app;
  BnWindow      *window;
  BnEngine      *engine;
} t;

static BnHvm *
hvm (const char *id)
{
  return bn_fleet_find_hvm (bn_engine_get_fleet (t.engine), id);
}

static void
update (void)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.update", NULL));
  bn_ui_test_wait_update (t.app);
}

static BnMigrationWindow *
open_window (const char *mode)
{
  const char *name = g_str_equal (mode, "shutdown") ? "migration-shutdown"
                                                     : "migration-concurrent";
  GtkWindow *window;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.open-migration", "s",
                                             mode));
  window = bn_ui_test_find_window (BN_TYPE_MIGRATION_WINDOW, name);
  g_assert_nonnull (window);
  bn_ui_test_wait_frames (GTK_WIDGET (window), 2);
  return BN_MIGRATION_WINDOW (window);
}

static gboolean
sensitive (BnMigrationWindow *window,
           const char        *button)
{
  return gtk_widget_get_sensitive (bn_ui_test_child (window, button));
}

/* Activates @action and answers its confirmation with OK. */
static void
confirm_ok (BnMigrationWindow *window,
            const char        *action,
            const char        *question)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  dialog = bn_migration_window_get_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, question);
  /* Enter on a confirmation never starts anything */
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "cancel");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  gtk_window_destroy (dialog);
}

static gboolean
finished (gpointer data)
{
  return bn_migration_is_finished (data);
}

static BnMigration *
wait_run (BnMigrationWindow *window)
{
  BnMigration *run = bn_migration_window_get_migration (window);

  g_assert_nonnull (run);
  g_assert_true (bn_ui_test_wait_until (finished, run, 120000));
  g_test_message ("%s: %s %s", bn_migration_get_id (run),
                  bn_run_state_to_string (bn_migration_get_state (run)),
                  bn_migration_get_error_line (run) ? bn_migration_get_error_line (run) : "");
  return run;
}

static void
select_pair (BnMigrationWindow *window,
             const char        *source,
             guint              lpar,
             const char        *destination)
{
  BnLparPicker *picker = bn_migration_window_get_picker (window);

  bn_lpar_picker_set_source (picker, source, lpar);
  if (destination != NULL)
    bn_lpar_picker_set_destination (picker, destination, 0);
  bn_ui_test_wait_frames (GTK_WIDGET (window), 1);
}

/* ---- tests ---- */

/* The Migration Progress window of @run, NULL when none is open. */
static BnProgressWindow *
find_progress_window (BnMigration *run)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (BN_IS_PROGRESS_WINDOW (window) &&
          bn_progress_window_get_migration (BN_PROGRESS_WINDOW (window)) == run)
        return BN_PROGRESS_WINDOW (window);
    }
  return NULL;
}

static void
test_concurrent_move (void)
{
  BnMigrationWindow *window = open_window ("concurrent");
  BnCheckReport *report;
  BnMigration *run;
  BnProgressWindow *progress;
  BnMonitorWindow *monitor;

  g_assert_cmpint (bn_migration_window_get_mode (window), ==, BN_MIGRATION_MODE_CONCURRENT);
  g_assert_true (gtk_widget_get_visible (bn_ui_test_child (window, "rehearsal_group")));
  g_assert_false (gtk_widget_get_visible (bn_ui_test_child (window, "setting_group")));
  /* the same window comes back for the same mode */
  g_assert_true (open_window ("concurrent") == window);

  /* nothing chosen yet: nothing can run */
  g_assert_null (bn_migration_window_get_report (window));
  g_assert_false (sensitive (window, "execute_button"));
  g_assert_false (sensitive (window, "recover_button"));

  /* Target Selection counts the demo's LPAR requiring recovery (HVM-A02 #4 LOG01) */
  g_assert_nonnull (bn_ui_test_find_label (GTK_WIDGET (window),
                                           "LPARs requiring recovery : 1 LPARs"));

  /* the demo's pair for Concurrent Maintenance: CRM01 on B01 to B02, Auto */
  select_pair (window, "HVM-B01", 4, "HVM-B02");
  report = bn_migration_window_get_report (window);
  g_assert_nonnull (report);
  g_assert_cmpint (bn_check_report_get_verdict (report), ==, BN_VERDICT_OK);
  g_assert_nonnull (strstr (bn_migration_window_get_verdict_text (window), "May run"));
  g_assert_true (sensitive (window, "execute_button"));
  g_assert_true (sensitive (window, "rehearsal_button"));
  g_assert_true (sensitive (window, "connectivity_button"));
  g_assert_true (sensitive (window, "show_config_button"));
  g_assert_false (sensitive (window, "recover_button"));

  /* Cancel on the confirmation starts nothing */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "migration.execute", NULL));
  g_assert_nonnull (bn_migration_window_get_dialog (window));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (bn_migration_window_get_dialog (window)),
                               "cancel");
  g_assert_null (bn_migration_window_get_migration (window));

  confirm_ok (window, "migration.execute",
              "Do you want to execute the migration (Concurrent Maintenance mode)?");
  run = bn_migration_window_get_migration (window);
  g_assert_nonnull (run);
  g_assert_cmpint (bn_migration_get_request (run)->operation, ==, BN_OPERATION_MIGRATION);
  /* while it runs, nothing else starts from here */
  if (!bn_migration_is_finished (run))
    g_assert_false (sensitive (window, "execute_button"));
  /* the move opened its Migration Progress window; its Show Monitor opens the graphs */
  progress = find_progress_window (run);
  g_assert_nonnull (progress);
  /* Show Monitor is offered from the memory transfer on */
  while (g_list_model_get_n_items (bn_migration_get_samples (run)) == 0 &&
         !bn_migration_is_finished (run))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (progress), "progress.show-monitor",
                                             NULL));
  monitor = BN_MONITOR_WINDOW (bn_ui_test_find_window (BN_TYPE_MONITOR_WINDOW, NULL));
  g_assert_nonnull (monitor);
  run = wait_run (window);
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_SUCCEEDED);
  /* the monitor shows the transfer's samples */
  g_assert_true (bn_monitor_window_get_samples (monitor) == bn_migration_get_samples (run));
  g_assert_cmpuint (g_list_model_get_n_items (bn_monitor_window_get_samples (monitor)), >, 0);
  gtk_window_destroy (GTK_WINDOW (monitor));
  gtk_window_destroy (GTK_WINDOW (progress));

  update ();
  g_assert_null (bn_hvm_find_lpar_by_name (hvm ("HVM-B01"), "CRM01"));
  g_assert_nonnull (bn_hvm_find_lpar_by_name (hvm ("HVM-B02"), "CRM01"));
  g_assert_cmpint (bn_lpar_get_state (bn_hvm_find_lpar_by_name (hvm ("HVM-B02"), "CRM01")), ==,
                   BN_LPAR_STATE_ACTIVATED);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
viewer_shown (gpointer data)
{
  GtkWindow *viewer = bn_migration_window_get_config_viewer (data);

  return viewer != NULL && gtk_widget_get_mapped (GTK_WIDGET (viewer));
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;

  return bn_ui_test_find_label (wait->root, wait->text) != NULL;
}

/* B03's EFI and firmware refuse Concurrent Maintenance: Execute stays off, and the Config
 * Viewer opens on an error with its remedy. */
static void
test_refused (void)
{
  BnMigrationWindow *window = open_window ("concurrent");
  BnConfigViewer *viewer;
  BnCheckItem *item;
  g_autofree char *detail = NULL;
  GtkColumnView *view;
  GtkWidget *name_label;

  select_pair (window, "HVM-B01", 1, "HVM-B03");
  g_assert_nonnull (bn_migration_window_get_report (window));
  g_assert_cmpint (bn_check_report_get_verdict (bn_migration_window_get_report (window)), ==,
                   BN_VERDICT_REFUSED);
  g_assert_nonnull (strstr (bn_migration_window_get_verdict_text (window), "May not run"));
  g_assert_false (sensitive (window, "execute_button"));
  g_assert_false (sensitive (window, "rehearsal_button"));
  g_assert_true (sensitive (window, "show_config_button"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "migration.show-config", NULL));
  g_assert_true (bn_ui_test_wait_until (viewer_shown, window, 5000));
  viewer = BN_CONFIG_VIEWER (bn_migration_window_get_config_viewer (window));
  bn_ui_test_wait_frames (GTK_WIDGET (viewer), 3);
  g_assert_true (bn_config_viewer_get_report (viewer) == bn_migration_window_get_report (window));

  /* it opens on the first error, with what to do about it */
  item = bn_config_viewer_get_selected_item (viewer);
  g_assert_nonnull (item);
  g_assert_cmpint (bn_check_item_get_status (item), ==, BN_CHECK_STATUS_ERROR);
  g_assert_nonnull (bn_check_item_get_remedy (item));
  detail = bn_config_viewer_get_detail_text (viewer);
  g_test_message ("%s", detail);
  g_assert_nonnull (strstr (detail, "Remedy: "));
  g_assert_nonnull (strstr (detail, bn_check_item_get_remedy (item)));
  g_assert_nonnull (strstr (detail, "Manual: "));
  view = bn_config_viewer_get_view (viewer, bn_check_item_get_section (item));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  /* the row shows the Error icon and both sides */
  g_assert_true (bn_ui_test_wait_until (label_shown, &(LabelWait) { GTK_WIDGET (view), "Error" },
                                        5000));
  name_label = bn_ui_test_find_label (GTK_WIDGET (view), bn_check_item_get_name (item));
  g_assert_nonnull (name_label);
  /* the row's tooltip says it too */
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (gtk_widget_get_parent (name_label)),
                            bn_check_item_get_remedy (item)));

  /* every section has a page */
  g_assert_nonnull (bn_config_viewer_get_view (viewer, BN_CHECK_SECTION_SERVER));
  g_assert_nonnull (bn_config_viewer_get_view (viewer, BN_CHECK_SECTION_HBA));
  g_assert_nonnull (bn_config_viewer_get_view (viewer, BN_CHECK_SECTION_NIC));

  /* a selection that may run replaces the report in the open viewer */
  select_pair (window, "HVM-B01", 1, "HVM-B02");
  g_assert_true (bn_config_viewer_get_report (viewer) == bn_migration_window_get_report (window));
  g_assert_true (sensitive (window, "execute_button"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The demo's LOG01 on HVM-A02 requires recovery: Recovery Execute, and only for it. */
static void
test_recovery (void)
{
  BnMigrationWindow *window = open_window ("shutdown");
  BnMigration *run;

  g_assert_true (bn_lpar_get_recovery_required (bn_hvm_find_lpar (hvm ("HVM-A02"), 4)));
  /* Show the LPARs: the picker lists only those requiring recovery */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (bn_ui_test_child (window, "show_lpars_check")), TRUE);
  select_pair (window, "HVM-A02", 4, NULL);
  g_assert_true (sensitive (window, "recover_button"));
  g_assert_false (sensitive (window, "execute_button"));
  g_assert_nonnull (strstr (bn_migration_window_get_verdict_text (window), "requires recovery"));

  confirm_ok (window, "migration.recover", "Do you want to execute recovery of the selected LPAR?");
  run = wait_run (window);
  g_assert_cmpint (bn_migration_get_request (run)->operation, ==, BN_OPERATION_RECOVERY);
  g_assert_cmpstr (bn_migration_get_request (run)->source_hvm, ==, "HVM-A02");
  g_assert_cmpuint (bn_migration_get_request (run)->source_lpar, ==, 4);
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_SUCCEEDED);
  update ();
  g_assert_false (bn_lpar_get_recovery_required (bn_hvm_find_lpar (hvm ("HVM-A02"), 4)));
  g_assert_false (sensitive (window, "recover_button"));
  g_assert_nonnull (bn_ui_test_find_label (GTK_WIDGET (window),
                                           "LPARs requiring recovery : 0 LPARs"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Migration Setting: checked as typed, the error beside the field; Save keeps the Guest OS
 * Information for the source LPAR (§5.13), never the password, and the check boxes for the
 * console. */
/* The keyring holds EXPECTED for WEB01 (HVM-A01 #1). */
static gboolean
password_saved (gpointer expected)
{
  g_autoptr(GAsyncResult) result = NULL;
  BnGuestSettings *guest = bn_engine_get_guest_settings (t.engine);
  g_autofree char *password = NULL;

  bn_guest_settings_lookup_password_async (guest, "HVM-A01", 1, NULL, bn_test_store_result,
                                           &result);
  password = bn_guest_settings_lookup_password_finish (guest, bn_test_wait (&result, 10000),
                                                       NULL);
  return g_strcmp0 (password, expected) == 0;
}

static gboolean
entry_says (gpointer entry)
{
  return g_str_equal (gtk_editable_get_text (GTK_EDITABLE (entry)), "secret");
}

static void
test_shutdown_setting (void)
{
  BnMigrationWindow *window = open_window ("shutdown");
  GSettings *settings = bn_application_get_settings (t.app);
  GtkEditable *address = GTK_EDITABLE (bn_ui_test_child (window, "address_entry"));
  GtkEditable *user = GTK_EDITABLE (bn_ui_test_child (window, "user_entry"));
  GtkWidget *address_error = bn_ui_test_child (window, "address_error");
  g_autoptr(GVariant) saved = NULL;
  g_autoptr(BnMigrationRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  const char *text;
  gboolean flag;

  g_assert_true (gtk_widget_get_visible (bn_ui_test_child (window, "setting_group")));
  g_assert_false (gtk_widget_get_visible (bn_ui_test_child (window, "rehearsal_group")));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Migration [Shutdown]");

  /* BATCH01 (deactivated) on A01 to A03: nothing to shut down */
  select_pair (window, "HVM-A01", 4, "HVM-A03");
  g_assert_nonnull (bn_migration_window_get_report (window));
  g_test_message ("%s", bn_migration_window_get_verdict_text (window));

  g_assert_true (sensitive (window, "execute_button"));

  /* WEB01 is activated: the console must shut its guest down, or it cannot move */
  select_pair (window, "HVM-A01", 1, "HVM-A03");
  g_assert_false (sensitive (window, "execute_button"));
  g_assert_nonnull (strstr (bn_migration_window_get_verdict_text (window),
                            "check Shutdown Guest OS (Source)"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (bn_ui_test_child (window, "shutdown_guest_check")), TRUE);
  g_assert_true (gtk_widget_get_sensitive (bn_ui_test_child (window, "guest_grid")));
  g_assert_false (sensitive (window, "execute_button"));
  gtk_editable_set_text (address, "192.168.10.300");
  g_assert_true (gtk_widget_get_visible (address_error));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (address_error)), "not an IP address"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (address), "error"));
  gtk_editable_set_text (address, "192.168.10.30");
  g_assert_false (gtk_widget_get_visible (address_error));
  gtk_editable_set_text (user, "root");
  gtk_editable_set_text (GTK_EDITABLE (bn_ui_test_child (window, "password_entry")), "secret");
  /* Forced shutdown is for Windows only */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (bn_ui_test_child (window, "os_dropdown")), 1);
  g_assert_false (gtk_widget_get_sensitive (bn_ui_test_child (window, "forced_check")));
  request = bn_migration_window_build_request (window, BN_OPERATION_MIGRATION, &error);
  g_assert_no_error (error);
  g_assert_true (request->shutdown_guest);
  g_assert_cmpint (request->guest_os, ==, BN_GUEST_OS_LINUX);
  g_assert_cmpstr (request->guest_address, ==, "192.168.10.30");
  g_assert_cmpstr (request->guest_user, ==, "root");
  g_assert_cmpstr (request->guest_password, ==, "secret");
  g_assert_true (request->activate_destination);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "migration.save", NULL));
  saved = g_settings_get_value (settings, "migration-setting");
  g_assert_true (g_variant_lookup (saved, "shutdown-guest", "b", &flag));
  g_assert_true (flag);
  g_assert_false (g_variant_lookup (saved, "password", "&s", &text));
  g_assert_false (g_variant_lookup (saved, "address", "&s", &text));
  {
    g_autoptr(BnMigrationRequest) guest = bn_migration_request_new (BN_OPERATION_MIGRATION);

    g_assert_true (bn_guest_settings_lookup (bn_engine_get_guest_settings (t.engine), "HVM-A01",
                                             1, guest, &error));
    g_assert_cmpstr (guest->guest_address, ==, "192.168.10.30");
    g_assert_cmpint (guest->guest_os, ==, BN_GUEST_OS_LINUX);
    g_assert_null (guest->guest_password);
  }
  /* the password went to the keyring (a test keyring of with-keyring.sh's) */
  g_assert_true (bn_ui_test_wait_until (password_saved, (gpointer) "secret", 10000));

  /* another source LPAR has its own (here: none) */
  select_pair (window, "HVM-A01", 6, "HVM-A03");
  g_assert_cmpstr (gtk_editable_get_text (address), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (user), ==, "");
  gtk_window_destroy (GTK_WINDOW (window));

  /* a new window shows WEB01's again when it is the source, the password from the keyring */
  window = open_window ("shutdown");
  select_pair (window, "HVM-A01", 1, "HVM-A03");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (bn_ui_test_child (window, "address_entry"))), ==,
                   "192.168.10.30");
  g_assert_true (bn_ui_test_wait_until (entry_says, bn_ui_test_child (window, "password_entry"),
                                        10000));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (bn_ui_test_child (window,
                                                                 "shutdown_guest_check"))));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Concurrent Maintenance's Rehearsal Execute group: the LPAR stays where it is. */
static void
test_rehearsal (void)
{
  BnMigrationWindow *window = open_window ("concurrent");
  BnMigration *run;

  select_pair (window, "HVM-B01", 2, "HVM-B02");
  g_assert_true (sensitive (window, "rehearsal_button"));
  g_assert_true (sensitive (window, "connectivity_button"));

  confirm_ok (window, "migration.connectivity-test",
              "Do you want to execute the connectivity test of the migration path?");
  run = wait_run (window);
  g_assert_cmpint (bn_migration_get_request (run)->operation, ==, BN_OPERATION_CONNECTIVITY_TEST);
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_SUCCEEDED);
  g_assert_cmpstr (bn_migration_get_completion_text (run), ==, "Connectivity Test completed !");

  confirm_ok (window, "migration.rehearsal", "Do you want to execute the rehearsal?");
  run = wait_run (window);
  g_assert_cmpint (bn_migration_get_request (run)->operation, ==, BN_OPERATION_REHEARSAL);
  g_assert_cmpint (bn_migration_get_state (run), ==, BN_RUN_STATE_SUCCEEDED);
  update ();
  g_assert_nonnull (bn_hvm_find_lpar_by_name (hvm ("HVM-B01"), "ERP02"));
  g_assert_null (bn_hvm_find_lpar_by_name (hvm ("HVM-B02"), "ERP02"));
  /* the buttons are back once the run is over */
  g_assert_true (sensitive (window, "execute_button"));

  /* Show System Logs: the source HVM's */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "migration.show-logs", NULL));
  {
    GtkWindow *logs = bn_ui_test_find_window (BN_TYPE_LOGS_WINDOW, NULL);

    g_assert_nonnull (logs);
    g_assert_true (bn_logs_window_get_hvm (BN_LOGS_WINDOW (logs)) == hvm ("HVM-B01"));
    gtk_window_destroy (logs);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- fixture ---- */

static void
setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fleet_path = NULL;
  g_autofree char *state = NULL;
  JsonArray *chassis;
  BnFleet *fleet;

  t.dir = bn_test_tmpdir ();
  t.db = g_build_filename (t.dir, "navigator.db", NULL);
  t.fleet = bn_test_demo_fleet ();
  bn_test_fleet_relocate (t.fleet, 0);
  bn_test_fleet_shrink (t.fleet, 128, 32, 4);
  fleet_path = bn_test_write_json (t.fleet, t.dir, "fleet.json");
  state = g_build_filename (t.dir, "state", NULL);
  t.sim = bn_test_sim_start (fleet_path, state, NULL);

  t.app = bn_ui_test_app_new (t.db);
  t.engine = bn_application_get_engine (t.app);
  fleet = bn_engine_get_fleet (t.engine);
  g_assert_true (bn_options_set (bn_engine_get_options (t.engine), BN_OPTION_HVM_TIMEOUT, "5",
                                 &error));
  g_assert_true (bn_options_set (bn_engine_get_options (t.engine), BN_OPTION_MONITOR_PERIOD,
                                 "100", &error));
  chassis = json_object_get_array_member (json_node_get_object (t.fleet), "chassis");
  for (guint c = 0; c < json_array_get_length (chassis); c++)
    {
      JsonArray *blades = json_object_get_array_member (json_array_get_object_element (chassis, c),
                                                        "blades");

      for (guint b = 0; b < json_array_get_length (blades); b++)
        {
          JsonObject *blade = json_array_get_object_element (blades, b);

          bn_fleet_add_hvm (fleet, json_object_get_string_member (blade, "id"),
                            json_object_get_string_member (blade, "address"), 23250, NULL,
                            t.sim->fingerprint, &error);
          g_assert_no_error (error);
        }
    }
  g_application_activate (G_APPLICATION (t.app));
  t.window = BN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (t.app)));
  g_assert_nonnull (t.window);
  bn_ui_test_wait_frames (GTK_WIDGET (t.window), 2);
  update ();
}

int
main (int    argc,
      char **argv)
{
  int status;

  bn_ui_init_i18n ();
  g_test_init (&argc, &argv, NULL);
  setup ();

  g_test_add_func ("/migration/shutdown-setting", test_shutdown_setting);
  g_test_add_func ("/migration/refused", test_refused);
  g_test_add_func ("/migration/rehearsal", test_rehearsal);
  g_test_add_func ("/migration/concurrent-move", test_concurrent_move);
  g_test_add_func ("/migration/recovery", test_recovery);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (t.window));
  g_clear_object (&t.app);
  g_clear_pointer (&t.sim, bn_test_sim_free);
  g_clear_pointer (&t.fleet, json_node_unref);
  bn_test_rm_rf (t.dir);
  g_free (t.dir);
  g_free (t.db);
  return status;
}
