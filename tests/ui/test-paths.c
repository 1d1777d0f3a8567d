/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "bn-application.h"
#include "bn-blade-doc.h"
#include "bn-fleet-tree.h"
#include "bn-migration-paths.h"
#include "bn-path-window.h"
#include "bn-rollback-window.h"
#include "bn-test-support.h"
#include "bn-ui-test.h"
#include "bn-ui-utils.h"
#include "bn-window.h"

/* Migration Path Setting and Rollback WWN on the real console: BnApplication on a
 * temporary database, a real bladesimd with the demo fleet on this test's subnet (one LPAR
 * left on its migration WWN, as a failed live move leaves it), driven through the actions
 * a user triggers. */

static struct
{
  char          *dir;
  char          *db;
  JsonNode      *fleet;
  BnTestSim     *sim;
  BnApplication *app;
  BnWindow      *window;
  BnFleet       *fleet_model;
} t;

static const char *registered[] = { "HVM-A01", "HVM-A04", "HVM-B03" };

static BnHvm *
hvm (const char *id)
{
  return bn_fleet_find_hvm (t.fleet_model, id);
}

static void
set_cell (GtkWidget  *window,
          guint       row,
          const char *field,
          const char *text)
{
  g_autofree char *name = g_strdup_printf ("path-%u-%s", row, field);

  gtk_editable_set_text (GTK_EDITABLE (bn_ui_test_child (window, name)), text);
}

static gboolean
dialog_shown (gpointer data)
{
  return bn_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG, data) != NULL;
}

/* The confirmation named @name: answered with @response. */
static void
answer (const char *name,
        const char *response)
{
  GtkWindow *dialog;

  g_assert_true (bn_ui_test_wait_until (dialog_shown, (gpointer) name, 5000));
  dialog = bn_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG, name);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (dialog);
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static void
finished_cb (BnRollbackWindow *window,
             BnMigration      *run,
             guint            *count)
{
  g_test_message ("rollback %s: %s", bn_migration_get_id (run),
                  bn_run_state_to_string (bn_migration_get_state (run)));
  (*count)++;
}

static void
failed_cb (BnPathWindow *window,
           const char   *message,
           char        **out)
{
  g_free (*out);
  *out = g_strdup (message);
}

static gboolean
count_reached (gpointer data)
{
  return *(guint *) data > 0;
}

static gboolean
text_set (gpointer data)
{
  return *(char **) data != NULL;
}

static void
read_hvm (BnHvm *target)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  bn_fleet_update_hvm_async (t.fleet_model, target, NULL, bn_test_store_result, &result);
  g_assert_true (bn_fleet_update_hvm_finish (t.fleet_model, bn_test_wait (&result, 15000),
                                             &error));
  g_assert_no_error (error);
}

static gboolean
select_a04 (gpointer data)
{
  return bn_fleet_tree_select (BN_FLEET_TREE (data), hvm ("HVM-A04"));
}

static void
test_path_setting (void)
{
  g_autofree char *paths_net = bn_test_subnet (1);
  g_autofree char *new_ip = g_strdup_printf ("%s.201", paths_net);
  g_autofree char *a04_ip = g_strdup_printf ("%s.204", paths_net);
  g_autofree char *refused = NULL;
  g_autoptr(JsonArray) paths = NULL;
  g_auto(GStrv) segments = NULL;
  GtkWidget *window, *save, *error, *tree;
  JsonObject *added = NULL;
  guint saved = 0;

  /* Migration Menu → Path Setting, with HVM-A01 selected in the Main window */
  g_assert_true (bn_window_select_hvm (t.window, hvm ("HVM-A01")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.open-migration", "s",
                                             "path-setting"));
  window = GTK_WIDGET (bn_ui_test_find_window (BN_TYPE_PATH_WINDOW, NULL));
  g_assert_nonnull (window);
  bn_ui_test_wait_frames (window, 3);
  g_assert_true (bn_path_window_get_hvm (BN_PATH_WINDOW (window)) == hvm ("HVM-A01"));
  g_assert_cmpuint (bn_path_window_get_n_rows (BN_PATH_WINDOW (window)), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (bn_ui_test_child (window, "path-1-name"))), ==,
                   "MIGPATH");
  save = bn_ui_test_child (window, "save_button");
  g_assert_false (gtk_widget_get_sensitive (save));   /* nothing changed yet */
  g_signal_connect (window, "saved", G_CALLBACK (count_cb), &saved);
  g_signal_connect (window, "save-failed", G_CALLBACK (failed_cb), &refused);

  /* Add Row: an empty row says what it needs; a VLAN of 4001 is refused as typed */
  g_assert_true (gtk_widget_activate_action (window, "path.add-row", NULL));
  g_assert_cmpuint (bn_path_window_get_n_rows (BN_PATH_WINDOW (window)), ==, 2);
  g_assert_false (gtk_widget_get_sensitive (save));
  set_cell (window, 2, "name", "MIG2");
  set_cell (window, 2, "segment", "2a");
  set_cell (window, 2, "ip", new_ip);
  set_cell (window, 2, "mask", "255.255.255.0");
  set_cell (window, 2, "vlan", "4001");
  bn_ui_test_wait_frames (window, 2);
  error = bn_ui_test_child (window, "path-2-error");
  g_assert_true (gtk_widget_get_visible (error));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error)), "VLAN ID"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error)), "4000"));
  g_assert_true (gtk_widget_has_css_class (bn_ui_test_child (window, "path-2-vlan"), "error"));
  g_assert_false (bn_path_window_is_valid (BN_PATH_WINDOW (window)));
  g_assert_false (gtk_widget_get_sensitive (save));
  /* Save is refused however it is asked for */
  gtk_widget_activate_action (window, "path.save", NULL);
  g_assert_null (bn_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG, "path-confirm-dialog"));

  /* fixed; a segment that is not one of the blade's shared NIC ports is caught before the
   * blade is asked, with the ones it has */
  set_cell (window, 2, "vlan", "40");
  set_cell (window, 2, "segment", "3a");
  g_assert_true (gtk_widget_get_visible (error));
  g_test_message ("segment: %s", gtk_label_get_text (GTK_LABEL (error)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error)), "shared NIC port"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error)), "2a"));
  g_assert_false (gtk_widget_get_sensitive (save));

  /* the note goes, Save asks first, then the blade has the path */
  set_cell (window, 2, "segment", "2a");
  g_assert_false (gtk_widget_get_visible (error));
  g_assert_false (gtk_widget_has_css_class (bn_ui_test_child (window, "path-2-vlan"), "error"));
  g_assert_true (gtk_widget_get_sensitive (save));
  g_assert_true (gtk_widget_activate_action (window, "path.save", NULL));
  answer ("path-confirm-dialog", "ok");
  g_assert_true (bn_ui_test_wait_until (count_reached, &saved, 20000));
  g_assert_null (refused);
  g_assert_nonnull (bn_ui_test_find_label (window, "were saved"));

  /* read from the blade again, as `bnctl path list HVM-A01` does */
  read_hvm (hvm ("HVM-A01"));
  paths = bn_migration_paths_get (hvm ("HVM-A01"));
  g_assert_cmpuint (json_array_get_length (paths), ==, 2);
  for (guint i = 0; i < json_array_get_length (paths); i++)
    if (g_str_equal (bn_blade_doc_get_string (json_array_get_object_element (paths, i), "name",
                                              ""), "MIG2"))
      added = json_array_get_object_element (paths, i);
  g_assert_nonnull (added);
  g_assert_cmpstr (bn_blade_doc_get_string (added, "ip", ""), ==, new_ip);
  g_assert_cmpstr (bn_blade_doc_get_string (added, "segment", ""), ==, "2a");
  g_assert_cmpint (bn_blade_doc_get_int (added, "vlan", 0), ==, 40);
  g_assert_false (gtk_widget_get_sensitive (save));

  /* a path the blade refuses (simulated paths run over loopback): its message, the grid
   * as typed, nothing changed on the blade */
  g_assert_true (gtk_widget_activate_action (window, "path.add-row", NULL));
  set_cell (window, 3, "name", "OUTSIDE");
  set_cell (window, 3, "segment", "2a");
  set_cell (window, 3, "ip", "10.1.1.1");
  set_cell (window, 3, "mask", "255.255.255.0");
  g_assert_true (gtk_widget_activate_action (window, "path.save", NULL));
  answer ("path-confirm-dialog", "ok");
  g_assert_true (bn_ui_test_wait_until (text_set, &refused, 20000));
  g_test_message ("refused: %s", refused);
  g_assert_nonnull (strstr (refused, "10.1.1.1"));
  g_assert_nonnull (bn_ui_test_find_label (window, "did not take"));
  g_assert_cmpuint (bn_path_window_get_n_rows (BN_PATH_WINDOW (window)), ==, 3);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (bn_ui_test_child (window, "path-3-ip"))), ==,
                   "10.1.1.1");
  read_hvm (hvm ("HVM-A01"));
  g_clear_pointer (&paths, json_array_unref);
  paths = bn_migration_paths_get (hvm ("HVM-A01"));
  g_assert_cmpuint (json_array_get_length (paths), ==, 2);

  /* the row goes with its remove button; a duplicate name is caught before the blade */
  g_signal_emit_by_name (bn_ui_test_child (window, "path-3-remove"), "clicked");
  g_assert_cmpuint (bn_path_window_get_n_rows (BN_PATH_WINDOW (window)), ==, 2);
  set_cell (window, 2, "name", "MIGPATH");
  g_assert_false (gtk_widget_get_sensitive (save));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (bn_ui_test_child (window, "path-2-error"))),
                            "MIGPATH"));

  /* §3.2.1 (8): rows typed for one HVM stay while another is set up, and one Save sends
   * both lists */
  set_cell (window, 2, "name", "MIG2");
  tree = bn_ui_test_child (window, "fleet_tree");
  g_assert_true (bn_ui_test_wait_until (select_a04, tree, 5000));
  g_assert_true (bn_path_window_get_hvm (BN_PATH_WINDOW (window)) == hvm ("HVM-A04"));
  g_assert_cmpuint (bn_path_window_get_n_rows (BN_PATH_WINDOW (window)), ==, 1);
  g_assert_true (gtk_widget_get_visible (bn_ui_test_child (window, "drafts_label")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (bn_ui_test_child (window, "drafts_label"))),
                            "HVM-A01"));
  g_assert_true (gtk_widget_get_sensitive (save));
  segments = bn_migration_paths_get_segments (hvm ("HVM-A04"));
  g_assert_nonnull (segments[0]);
  g_assert_true (gtk_widget_activate_action (window, "path.add-row", NULL));
  set_cell (window, 2, "name", "MIG4");
  set_cell (window, 2, "segment", segments[0]);
  set_cell (window, 2, "ip", a04_ip);
  set_cell (window, 2, "mask", "255.255.255.0");
  g_assert_true (gtk_widget_get_sensitive (save));
  saved = 0;
  g_clear_pointer (&refused, g_free);
  g_assert_true (gtk_widget_activate_action (window, "path.save", NULL));
  g_assert_true (bn_ui_test_wait_until (dialog_shown, (gpointer) "path-confirm-dialog", 5000));
  g_assert_nonnull (bn_ui_test_find_label (GTK_WIDGET (bn_ui_test_find_window (
    ADW_TYPE_MESSAGE_DIALOG, "path-confirm-dialog")), "HVM-A01, HVM-A04"));
  answer ("path-confirm-dialog", "ok");
  g_assert_true (bn_ui_test_wait_until (count_reached, &saved, 20000));
  g_assert_null (refused);
  g_assert_false (gtk_widget_get_visible (bn_ui_test_child (window, "drafts_label")));
  read_hvm (hvm ("HVM-A04"));
  g_clear_pointer (&paths, json_array_unref);
  paths = bn_migration_paths_get (hvm ("HVM-A04"));
  g_assert_cmpuint (json_array_get_length (paths), ==, 2);
  g_assert_cmpstr (bn_blade_doc_get_string (json_array_get_object_element (paths, 1), "ip", ""),
                   ==, a04_ip);
  read_hvm (hvm ("HVM-A01"));
  g_clear_pointer (&paths, json_array_unref);
  paths = bn_migration_paths_get (hvm ("HVM-A01"));
  g_assert_cmpuint (json_array_get_length (paths), ==, 2);

  /* Close with unsaved edits asks first; Cancel keeps them */
  g_assert_true (gtk_widget_activate_action (window, "path.add-row", NULL));
  gtk_window_close (GTK_WINDOW (window));
  answer ("path-discard-dialog", "cancel");
  g_assert_true (bn_ui_test_find_window (BN_TYPE_PATH_WINDOW, NULL) == GTK_WINDOW (window));
  g_assert_cmpuint (bn_path_window_get_n_rows (BN_PATH_WINDOW (window)), ==, 3);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_rollback (void)
{
  BnLpar *hpc01 = bn_hvm_find_lpar (hvm ("HVM-B03"), 4);
  BnRollbackWindow *window;
  GListModel *lpars;
  g_autoptr(BnLpar) listed = NULL;
  guint finished = 0;

  g_assert_nonnull (hpc01);
  g_assert_cmpint (bn_lpar_get_state (hpc01), ==, BN_LPAR_STATE_MIGRATION_WWN);
  g_assert_true (bn_rollback_window_needs_rollback (hpc01));

  /* the selected HVM's LPARs */
  g_assert_true (bn_window_select_hvm (t.window, hvm ("HVM-B03")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.window), "win.show-rollback", NULL));
  window = BN_ROLLBACK_WINDOW (bn_ui_test_find_window (BN_TYPE_ROLLBACK_WINDOW, NULL));
  g_assert_nonnull (window);
  bn_ui_test_wait_frames (GTK_WIDGET (window), 3);
  lpars = bn_rollback_window_get_lpars (window);
  g_assert_cmpuint (g_list_model_get_n_items (lpars), ==, 1);
  listed = g_list_model_get_item (lpars, 0);
  g_assert_true (listed == hpc01);
  g_assert_nonnull (bn_ui_test_find_label (GTK_WIDGET (window), "HPC01"));
  g_assert_nonnull (bn_ui_test_find_label (GTK_WIDGET (window), "migration WWN"));
  if (g_getenv ("BN_TEST_SHOT") != NULL)
    {
      g_autoptr(GdkTexture) shot = bn_ui_test_render (GTK_WIDGET (window));

      gdk_texture_save_to_png (shot, g_getenv ("BN_TEST_SHOT"));
    }

  /* every HVM: still only that one */
  bn_rollback_window_set_hvm (window, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (lpars), ==, 1);

  /* Rollback Execute asks first; Cancel changes nothing */
  g_assert_true (bn_rollback_window_select_lpar (window, hpc01));
  g_assert_true (gtk_widget_get_sensitive (bn_ui_find_widget (GTK_WIDGET (window),
                                                              "execute_button")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "rollback.execute", NULL));
  answer ("rollback-confirm-dialog", "cancel");
  g_assert_false (bn_rollback_window_is_running (window));

  g_signal_connect (window, "finished", G_CALLBACK (finished_cb), &finished);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "rollback.execute", NULL));
  answer ("rollback-confirm-dialog", "ok");
  g_assert_true (bn_rollback_window_is_running (window));
  g_assert_true (bn_ui_test_wait_until (count_reached, &finished, 60000));
  bn_ui_test_wait_frames (GTK_WIDGET (window), 2);
  g_assert_nonnull (bn_ui_test_find_label (GTK_WIDGET (window), "was rolled back"));
  g_assert_cmpuint (g_list_model_get_n_items (lpars), ==, 0);
  g_assert_nonnull (bn_ui_test_find_label (GTK_WIDGET (window), "No LPAR Needs"));
  hpc01 = bn_hvm_find_lpar (hvm ("HVM-B03"), 4);
  g_assert_false (bn_rollback_window_needs_rollback (hpc01));
  g_assert_cmpint (bn_lpar_get_state (hpc01), ==, BN_LPAR_STATE_ACTIVATED);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* HPC01 on HVM-B03 still uses its migration WWN, as a move that failed in the transfer
 * leaves it (tests/engine/test-migration.c, test_destination_killed). */
static void
setup (void)
{
  g_autofree char *fleet_path = NULL;
  g_autofree char *state = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *lpar;
  JsonArray *fcs;

  t.dir = bn_test_tmpdir ();
  t.db = g_build_filename (t.dir, "navigator.db", NULL);
  t.fleet = bn_test_demo_fleet ();
  bn_test_fleet_relocate (t.fleet, 0);
  lpar = bn_blade_doc_find_lpar (bn_test_fleet_find_blade (t.fleet, "HVM-B03"), 4);
  fcs = json_object_get_array_member (lpar, "fcs");
  for (guint i = 0; i < json_array_get_length (fcs); i++)
    json_object_set_string_member (json_array_get_object_element (fcs, i), "wwn_status",
                                   "migration");
  fleet_path = bn_test_write_json (t.fleet, t.dir, "fleet.json");
  state = g_build_filename (t.dir, "state", NULL);
  t.sim = bn_test_sim_start (fleet_path, state, NULL);

  t.app = bn_ui_test_app_new (t.db);
  t.fleet_model = bn_engine_get_fleet (bn_application_get_engine (t.app));
  bn_options_set (bn_engine_get_options (bn_application_get_engine (t.app)),
                  BN_OPTION_HVM_TIMEOUT, "5", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (registered); i++)
    {
      JsonObject *blade = bn_test_fleet_find_blade (t.fleet, registered[i]);

      bn_fleet_add_hvm (t.fleet_model, registered[i],
                        json_object_get_string_member (blade, "address"), 23250, NULL,
                        t.sim->fingerprint, &error);
      g_assert_no_error (error);
    }
  g_application_activate (G_APPLICATION (t.app));
  t.window = BN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (t.app)));
  g_assert_nonnull (t.window);
  bn_ui_test_update (t.app);
  bn_ui_test_wait_frames (GTK_WIDGET (t.window), 3);
}

static void
teardown (void)
{
  gtk_window_destroy (GTK_WINDOW (t.window));
  g_clear_object (&t.app);
  bn_test_sim_free (t.sim);
  json_node_unref (t.fleet);
  bn_test_rm_rf (t.dir);
  g_free (t.dir);
  g_free (t.db);
}

int
main (int    argc,
      char **argv)
{
  int status;

  bn_ui_init_i18n ();
  g_test_init (&argc, &argv, NULL);
  bn_ui_ensure_resources ();

  setup ();
  g_test_add_func ("/paths/path-setting", test_path_setting);
  g_test_add_func ("/paths/rollback", test_rollback);
  status = g_test_run ();
  teardown ();
  return status;
}
