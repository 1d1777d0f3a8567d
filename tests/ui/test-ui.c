/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "bn-application.h"
#include "bn-history-window.h"
#include "bn-hvm-dialog.h"
#include "bn-logs-window.h"
#include "bn-migration-window.h"
#include "bn-option-window.h"
#include "bn-service-window.h"
#include "bn-test-support.h"
#include "bn-ui-test.h"
#include "bn-ui-utils.h"
#include "bn-window.h"

/* The real console in-process: BnApplication on a temporary database, a real bladesimd with
 * the demo fleet on this test's subnet, driven through the app./win. actions a user
 * triggers, asserting what the widgets show. */

static struct
{
  char          *dir;
  char          *db;
  JsonNode      *fleet;
  BnTestSim     *sim;
  BnApplication *app;
  BnWindow      *window;
  BnEngine      *engine;
  BnFleet       *fleet_model;
  GSocket       *hole;
  char          *hole_address;
  guint16        hole_port;
} t;

static BnHvm *
hvm (const char *id)
{
  return bn_fleet_find_hvm (t.fleet_model, id);
}

/* The row widget (GtkTreeExpander) the fleet tree shows for @item. */
static GtkWidget *
tree_row (GtkWidget *root,
          gpointer   item)
{
  if (GTK_IS_TREE_EXPANDER (root))
    {
      g_autoptr(GObject) shown = gtk_tree_expander_get_item (GTK_TREE_EXPANDER (root));

      if (shown == item)
        return root;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = tree_row (c, item);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  GtkWidget *tree;
  gpointer   item;
} RowWait;

static gboolean
row_shown (gpointer data)
{
  RowWait *wait = data;

  return tree_row (wait->tree, wait->item) != NULL;
}

/* The tree follows the engine a little later (it batches changes): wait for the row. */
static GtkWidget *
wait_tree_row (GtkWidget *tree,
               gpointer   item)
{
  RowWait wait = { tree, item };

  g_assert_true (bn_ui_test_wait_until (row_shown, &wait, 5000));
  return tree_row (tree, item);
}

static const char *
row_icon (GtkWidget *row)
{
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (row));

  return gtk_image_get_icon_name (GTK_IMAGE (gtk_widget_get_first_child (box)));
}

static const char *
row_title (GtkWidget *row)
{
  GtkWidget *box = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (row));
  GtkWidget *icon = gtk_widget_get_first_child (box);

  return gtk_label_get_text (GTK_LABEL (gtk_widget_get_next_sibling (icon)));
}

/* ---- fixture: one simulator and one application for the whole program ---- */

static void
set_logs (const char *blade_id,
          const char *events[][2],
          const int   ages_s[],
          guint       n)
{
  JsonObject *blade = bn_test_fleet_find_blade (t.fleet, blade_id);
  JsonArray *logs = json_array_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  for (guint i = 0; i < n; i++)
    {
      JsonObject *entry = json_object_new ();
      g_autoptr(GDateTime) when = g_date_time_add_seconds (now, -ages_s[i]);
      g_autofree char *text = g_date_time_format_iso8601 (when);

      json_object_set_int_member (entry, "seq", i + 1);
      json_object_set_string_member (entry, "time", text);
      json_object_set_string_member (entry, "level", "Info");
      json_object_set_string_member (entry, "event", events[i][0]);
      json_object_set_string_member (entry, "detail", events[i][1]);
      json_array_add_object_element (logs, entry);
    }
  json_object_set_array_member (blade, "logs", logs);
}

static void
setup_fleet (void)
{
  g_autofree char *fleet_path = NULL;
  g_autofree char *state = NULL;
  const char *up[][2] = {
    { "HVM detected available Shared FC Link.", "Shared FC Link is Available. (Slot= 3, Port= 0)" },
    { "HVM detected available Shared FC Link.", "Shared FC Link is Available. (Slot= 3, Port= 1)" },
  };
  const int a_day[] = { 86400 + 60, 86400 };
  const char *flapping[][2] = {
    { "HVM detected available Shared FC Link.", "Shared FC Link is Available. (Slot= 3, Port= 0)" },
    { "LPAR was activated.", "LPAR#=1 Name=FILE01" },
    { "VM detected Link Down error for Shared FC at expansion card.",
      "HVM detected Link Down error at Shared FC at Emulex card. (Slot= 3, Port= 0)" },
  };
  const int recent[] = { 7200, 3600, 60 };

  t.dir = bn_test_tmpdir ();
  t.db = g_build_filename (t.dir, "navigator.db", NULL);
  t.fleet = bn_test_demo_fleet ();
  bn_test_fleet_relocate (t.fleet, 0);
  /* §5.29 cases: stable for a day, a link down a minute ago, no FC events at all */
  set_logs ("HVM-A01", up, a_day, 2);
  set_logs ("HVM-A03", flapping, recent, 3);
  set_logs ("HVM-A04", NULL, NULL, 0);
  fleet_path = bn_test_write_json (t.fleet, t.dir, "fleet.json");
  state = g_build_filename (t.dir, "state", NULL);
  t.sim = bn_test_sim_start (fleet_path, state, NULL);
}

static void
setup_app (void)
{
  g_autoptr(GError) error = NULL;
  JsonArray *chassis = json_object_get_array_member (json_node_get_object (t.fleet), "chassis");

  t.app = bn_ui_test_app_new (t.db);
  t.engine = bn_application_get_engine (t.app);
  g_assert_nonnull (t.engine);
  t.fleet_model = bn_engine_get_fleet (t.engine);
  bn_options_set (bn_engine_get_options (t.engine), BN_OPTION_HVM_TIMEOUT, "5", &error);
  g_assert_no_error (error);

  for (guint c = 0; c < json_array_get_length (chassis); c++)
    {
      JsonArray *blades = json_object_get_array_member (json_array_get_object_element (chassis, c),
                                                        "blades");

      for (guint b = 0; b < json_array_get_length (blades); b++)
        {
          JsonObject *blade = json_array_get_object_element (blades, b);

          bn_fleet_add_hvm (t.fleet_model, json_object_get_string_member (blade, "id"),
                            json_object_get_string_member (blade, "address"), 23250, NULL,
                            t.sim->fingerprint, &error);
          g_assert_no_error (error);
        }
    }
  /* a registered HVM nobody answers for: port 9 is closed on loopback */
  bn_fleet_add_hvm (t.fleet_model, "HVM-X01", "127.0.0.1", 9, NULL, NULL, &error);
  g_assert_no_error (error);

  g_application_activate (G_APPLICATION (t.app));
  t.window = BN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (t.app)));
  g_assert_nonnull (t.window);
  bn_ui_test_wait_frames (GTK_WIDGET (t.window), 3);
}

/* ---- tests ---- */

static void
test_main_window (void)
{
  GtkWidget *update = bn_ui_test_child (GTK_WIDGET (t.window), "update_button");
  GListModel *chassis = bn_fleet_get_chassis (t.fleet_model);
  g_autofree char *page = NULL;
  g_auto(GStrv) accels = NULL;

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (t.window)));
  g_object_get (t.window, "page", &page, NULL);
  g_assert_cmpstr (page, ==, "migration");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (update)), ==, "_Update");
  g_assert_true (gtk_widget_get_sensitive (update));
  /* not read yet: every HVM under the unknown chassis */
  g_assert_cmpuint (g_list_model_get_n_items (chassis), ==, 1);
  g_assert_nonnull (bn_ui_test_find_label (GTK_WIDGET (t.window), "HVMs not read yet"));
  g_assert_nonnull (bn_ui_test_find_label (GTK_WIDGET (t.window), "11 HVMs"));

  /* every command has a keyboard way */
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (t.app), "win.update");
  g_assert_true (g_strv_contains ((const char * const *) accels, "F5"));
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (t.app), "app.option");
  g_assert_cmpuint (g_strv_length (accels), >, 0);
}

static void
test_update (void)
{
  GtkWidget *window = GTK_WIDGET (t.window);
  GtkWidget *update = bn_ui_test_child (window, "update_button");
  GtkWidget *tree = GTK_WIDGET (bn_window_get_fleet_tree (t.window));
  GtkWidget *row;

  g_assert_true (gtk_widget_activate_action (window, "win.update", NULL));
  /* the button turns into Cancel at once; the main loop keeps running */
  g_assert_true (bn_application_get_updating (t.app));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (update)), ==, "_Cancel");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (update)), ==,
                   "win.cancel-update");
  bn_ui_test_wait_update (t.app);
  bn_ui_test_wait_frames (window, 3);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (update)), ==, "_Update");

  /* chassis → HVM → LPAR with the state icons of 表 7-1 / 7-2 */
  g_assert_cmpuint (g_list_model_get_n_items (bn_fleet_get_chassis (t.fleet_model)), ==, 4);
  g_assert_cmpint (bn_hvm_get_state (hvm ("HVM-A02")), ==, BN_HVM_STATE_RECOVERY);
  row = wait_tree_row (tree, hvm ("HVM-A02"));
  g_assert_cmpstr (row_title (row), ==, "HVM-A02");
  g_assert_cmpstr (row_icon (row), ==, "bn-hvm-recovery-symbolic");
  row = wait_tree_row (tree, hvm ("HVM-A01"));
  g_assert_cmpstr (row_icon (row), ==, "bn-hvm-ok-symbolic");
  row = wait_tree_row (tree, bn_hvm_find_lpar (hvm ("HVM-A02"), 4));
  g_assert_cmpstr (row_title (row), ==, "#4 LOG01");
  g_assert_cmpstr (row_icon (row), ==, "bn-lpar-recovery-symbolic");
  row = wait_tree_row (tree, bn_hvm_find_lpar (hvm ("HVM-A02"), 3));
  g_assert_cmpstr (row_icon (row), ==, "bn-lpar-failure-symbolic");
  bn_ui_test_wait_frames (window, 2);
  g_assert_nonnull (bn_ui_test_find_label (window, "CH-BS2000"));
  g_assert_nonnull (bn_ui_test_find_label (window, "36 LPARs"));

  /* the dead HVM: its reason, in the tree and on the Profile tab */
  g_assert_cmpint (bn_hvm_get_state (hvm ("HVM-X01")), ==, BN_HVM_STATE_UNREACHABLE);
  g_assert_nonnull (strstr (bn_hvm_get_reason (hvm ("HVM-X01")), "127.0.0.1:9"));
  g_assert_nonnull (bn_ui_test_find_label (bn_ui_test_child (window, "update_status_label"),
                                           "1 could not be read"));
  g_object_set (t.window, "page", "profile", NULL);
  bn_ui_test_wait_frames (window, 3);
  g_assert_nonnull (bn_ui_test_find_label (GTK_WIDGET (bn_window_get_hvm_view (t.window)),
                                           bn_hvm_get_reason (hvm ("HVM-X01"))));
  g_assert_nonnull (bn_ui_test_find_label (GTK_WIDGET (bn_window_get_hvm_view (t.window)),
                                           "LPARs require recovery"));
  g_object_set (t.window, "page", "migration", NULL);
}

static gboolean
only_slow_updating (gpointer data)
{
  GListModel *hvms = bn_fleet_get_hvms (t.fleet_model);

  for (guint i = 0; i < g_list_model_get_n_items (hvms); i++)
    {
      g_autoptr(BnHvm) h = g_list_model_get_item (hvms, i);

      if (bn_hvm_get_updating (h) != g_str_equal (bn_hvm_get_id (h), "HVM-SLOW"))
        return FALSE;
    }
  return TRUE;
}

static gboolean
status_says (gpointer text)
{
  return strstr (bn_application_get_update_status (t.app), text) != NULL;
}

/* An HVM that accepts connections and never answers: Update waits for it (per-HVM icons
 * show who is still being read) until Cancel. */
static void
test_cancel (void)
{
  GtkWidget *window = GTK_WIDGET (t.window);
  g_autoptr(GError) error = NULL;
  gint64 start;

  bn_fleet_add_hvm (t.fleet_model, "HVM-SLOW", t.hole_address, t.hole_port, NULL, NULL, &error);
  g_assert_no_error (error);
  g_object_set (t.window, "page", "profile", NULL);

  g_assert_true (gtk_widget_activate_action (window, "win.update", NULL));
  g_assert_true (bn_ui_test_wait_until (only_slow_updating, NULL, 10000));
  bn_ui_test_wait_frames (window, 2);
  g_assert_true (bn_application_get_updating (t.app));
  g_assert_true (bn_hvm_get_updating (hvm ("HVM-SLOW")));
  g_assert_nonnull (bn_ui_test_find_label (GTK_WIDGET (bn_window_get_hvm_view (t.window)),
                                           "Updating…"));
  g_assert_true (bn_ui_test_wait_until (status_says, (gpointer) "11 of 12 HVMs answered", 2000));

  start = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (window, "win.cancel-update", NULL));
  bn_ui_test_wait_update (t.app);
  /* before the 5 s HVM timeout */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
  g_assert_false (bn_hvm_get_updating (hvm ("HVM-SLOW")));
  /* a cancelled read says nothing about the HVM */
  g_assert_cmpint (bn_hvm_get_state (hvm ("HVM-SLOW")), ==, BN_HVM_STATE_UNKNOWN);
  g_assert_true (status_says ((gpointer) "cancelled"));
  bn_ui_test_wait_frames (window, 2);
  g_assert_null (bn_ui_test_find_label (GTK_WIDGET (bn_window_get_hvm_view (t.window)),
                                        "Updating…"));
}

static void
test_remove_hvm (void)
{
  GtkWidget *window = GTK_WIDGET (t.window);
  GtkWidget *remove = bn_ui_test_child (window, "remove_button");
  GtkSelectionModel *selection;
  GtkWindow *dialog;
  g_autoptr(GPtrArray) stored = NULL;

  g_object_set (t.window, "page", "profile", NULL);
  selection = gtk_column_view_get_model (bn_window_get_hvm_view (t.window));
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (selection), GTK_INVALID_LIST_POSITION);
  g_assert_false (gtk_widget_get_sensitive (remove));
  g_assert_true (bn_window_select_hvm (t.window, hvm ("HVM-SLOW")));
  g_assert_true (gtk_widget_get_sensitive (remove));

  /* asked first; Cancel keeps it */
  g_assert_true (gtk_widget_activate_action (window, "win.remove-hvm", NULL));
  dialog = bn_window_get_dialog (t.window);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)),
                            "HVM-SLOW"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  bn_ui_test_wait_frames (window, 1);
  g_assert_nonnull (hvm ("HVM-SLOW"));

  g_assert_true (gtk_widget_activate_action (window, "win.remove-hvm", NULL));
  dialog = bn_window_get_dialog (t.window);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  bn_ui_test_wait_frames (window, 1);
  g_assert_null (hvm ("HVM-SLOW"));
  stored = bn_store_list_hvms (bn_engine_get_store (t.engine), NULL);
  for (guint i = 0; i < stored->len; i++)
    g_assert_cmpstr (((BnStoreHvm *) g_ptr_array_index (stored, i))->id, !=, "HVM-SLOW");
  bn_ui_test_wait_frames (window, 2);
  g_assert_nonnull (bn_ui_test_find_label (window, "11 HVMs registered"));
}

static gboolean
dialog_gone (gpointer data)
{
  return bn_window_get_dialog (t.window) == NULL;
}

static gboolean
new_hvm_read (gpointer data)
{
  BnHvm *h = hvm ("HVM-NEW");

  return h != NULL && bn_hvm_get_state (h) == BN_HVM_STATE_UNREACHABLE;
}

static void
type_into (GtkWidget  *dialog,
           const char *entry,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (bn_ui_test_child (dialog, entry)), text);
}

static void
assert_note (GtkWidget  *dialog,
             const char *label,
             gboolean    error,
             const char *substring)
{
  GtkWidget *note = bn_ui_test_child (dialog, label);

  g_assert_cmpint (gtk_widget_has_css_class (note, "error"), ==, error);
  if (substring != NULL)
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (note)), substring));
}

/* Add: every field checked as it is typed, the reason next to it, nothing saved until all
 * of them are valid. */
static void
test_add_hvm (void)
{
  GtkWidget *window = GTK_WIDGET (t.window);
  guint n = g_list_model_get_n_items (bn_fleet_get_hvms (t.fleet_model));
  g_autofree char *taken = g_strdup_printf ("%s:23250", bn_hvm_get_address (hvm ("HVM-B01")));
  GtkWidget *dialog, *add;
  g_autoptr(GPtrArray) stored = NULL;
  gboolean found = FALSE;

  g_assert_true (gtk_widget_activate_action (window, "win.add-hvm", NULL));
  dialog = GTK_WIDGET (bn_window_get_dialog (t.window));
  g_assert_true (BN_IS_HVM_DIALOG (dialog));
  bn_ui_test_wait_frames (dialog, 2);
  add = bn_ui_test_child (dialog, "add_button");
  g_assert_false (gtk_widget_get_sensitive (add));
  assert_note (dialog, "id_error", FALSE, NULL);

  type_into (dialog, "id_entry", "bad id!");
  assert_note (dialog, "id_error", TRUE, "letters");
  type_into (dialog, "id_entry", "HVM-A01");
  assert_note (dialog, "id_error", TRUE, "already registered");
  type_into (dialog, "id_entry", "HVM-NEW");
  assert_note (dialog, "id_error", FALSE, NULL);

  type_into (dialog, "address_entry", "300.1.2.3");
  assert_note (dialog, "address_error", TRUE, "not an address");
  type_into (dialog, "address_entry", "127.0.0.1:99999");
  assert_note (dialog, "address_error", TRUE, "port");
  type_into (dialog, "address_entry", taken);
  assert_note (dialog, "address_error", TRUE, "HVM-B01");
  type_into (dialog, "address_entry", "127.0.0.1:23999");
  assert_note (dialog, "address_error", FALSE, NULL);

  type_into (dialog, "fingerprint_entry", "12:34:zz");
  assert_note (dialog, "fingerprint_error", TRUE, "64");
  g_assert_false (gtk_widget_get_sensitive (add));
  /* refused while anything is wrong */
  gtk_widget_activate_action (dialog, "hvm.add", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (bn_fleet_get_hvms (t.fleet_model)), ==, n);

  /* colons and capitals as certificate viewers print them */
  type_into (dialog, "fingerprint_entry",
             "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:"
             "AB:CD:EF:01:23:45:67:89");
  assert_note (dialog, "fingerprint_error", FALSE, NULL);
  type_into (dialog, "fingerprint_entry", "");
  g_assert_true (bn_hvm_dialog_is_valid (BN_HVM_DIALOG (dialog)));
  g_assert_true (gtk_widget_get_sensitive (add));

  g_assert_true (gtk_widget_activate_action (dialog, "hvm.add", NULL));
  g_assert_true (bn_ui_test_wait_until (dialog_gone, NULL, 5000));
  g_assert_nonnull (hvm ("HVM-NEW"));
  g_assert_cmpuint (bn_hvm_get_port (hvm ("HVM-NEW")), ==, 23999);
  stored = bn_store_list_hvms (bn_engine_get_store (t.engine), NULL);
  for (guint i = 0; i < stored->len; i++)
    found |= g_str_equal (((BnStoreHvm *) g_ptr_array_index (stored, i))->id, "HVM-NEW");
  g_assert_true (found);
  /* read at once: nothing listens there */
  g_assert_true (bn_ui_test_wait_until (new_hvm_read, NULL, 10000));
  g_assert_true (bn_fleet_remove_hvm (t.fleet_model, "HVM-NEW", NULL));
}

static BnOptionWindow *
open_option (void)
{
  BnOptionWindow *window;

  g_action_group_activate_action (G_ACTION_GROUP (t.app), "option", NULL);
  window = BN_OPTION_WINDOW (bn_ui_test_find_window (BN_TYPE_OPTION_WINDOW, NULL));
  g_assert_nonnull (window);
  bn_ui_test_wait_frames (GTK_WIDGET (window), 2);
  return window;
}

static gboolean
window_gone (gpointer type)
{
  return bn_ui_test_find_window (GPOINTER_TO_SIZE (type), NULL) == NULL;
}

static void
test_option (void)
{
  BnOptions *options = bn_engine_get_options (t.engine);
  BnOptionWindow *window = open_option ();
  GtkWidget *save = bn_ui_test_child (GTK_WIDGET (window), "save_button");
  GtkEditable *timeout = bn_option_window_get_field (window, BN_OPTION_HVM_TIMEOUT);
  GtkEditable *address = bn_option_window_get_field (window, BN_OPTION_MANAGEMENT_ADDRESS);
  GtkEditable *folder = bn_option_window_get_field (window, BN_OPTION_STORAGE_CLI_DIR);
  guint n_specs;

  /* a row for every option of the engine */
  bn_options_list (&n_specs);
  for (guint i = 0; i < n_specs; i++)
    g_assert_nonnull (bn_option_window_get_field (window, bn_options_list (&n_specs)[i].key));
  g_assert_cmpstr (gtk_editable_get_text (timeout), ==, "5");
  g_assert_true (gtk_widget_get_sensitive (save));

  gtk_editable_set_text (timeout, "601");
  g_assert_nonnull (bn_option_window_get_problem (window, BN_OPTION_HVM_TIMEOUT));
  g_assert_nonnull (strstr (bn_option_window_get_problem (window, BN_OPTION_HVM_TIMEOUT), "600"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (timeout), "error"));
  g_assert_false (gtk_widget_get_sensitive (save));
  gtk_editable_set_text (timeout, "0");
  g_assert_nonnull (bn_option_window_get_problem (window, BN_OPTION_HVM_TIMEOUT));
  gtk_editable_set_text (timeout, "30");
  g_assert_null (bn_option_window_get_problem (window, BN_OPTION_HVM_TIMEOUT));

  gtk_editable_set_text (address, "10.0.0.256");
  g_assert_nonnull (bn_option_window_get_problem (window, BN_OPTION_MANAGEMENT_ADDRESS));
  gtk_editable_set_text (folder, "relative/dir");
  g_assert_nonnull (bn_option_window_get_problem (window, BN_OPTION_STORAGE_CLI_DIR));
  g_assert_false (gtk_widget_get_sensitive (save));
  /* nothing is stored while anything is wrong */
  gtk_widget_activate_action (GTK_WIDGET (window), "option.save", NULL);
  g_assert_cmpuint (bn_options_get_uint (options, BN_OPTION_HVM_TIMEOUT), ==, 5);

  gtk_editable_set_text (address, "127.0.0.1");
  gtk_editable_set_text (folder, "/opt/snm2cli");
  g_assert_true (bn_option_window_is_valid (window));
  g_assert_true (gtk_widget_get_sensitive (save));
  gtk_widget_activate_action (GTK_WIDGET (window), "option.save", NULL);
  g_assert_true (bn_ui_test_wait_until (window_gone, GSIZE_TO_POINTER (BN_TYPE_OPTION_WINDOW),
                                        5000));
  g_assert_cmpuint (bn_options_get_uint (options, BN_OPTION_HVM_TIMEOUT), ==, 30);
  {
    g_autofree char *value = bn_options_get_string (options, BN_OPTION_STORAGE_CLI_DIR);

    g_assert_cmpstr (value, ==, "/opt/snm2cli");
  }

  /* put things back; Cancel (Escape) stores nothing */
  bn_options_set (options, BN_OPTION_MANAGEMENT_ADDRESS, "", NULL);
  window = open_option ();
  gtk_editable_set_text (bn_option_window_get_field (window, BN_OPTION_HVM_TIMEOUT), "7");
  gtk_widget_activate_action (GTK_WIDGET (window), "window.close", NULL);
  g_assert_true (bn_ui_test_wait_until (window_gone, GSIZE_TO_POINTER (BN_TYPE_OPTION_WINDOW),
                                        5000));
  g_assert_cmpuint (bn_options_get_uint (options, BN_OPTION_HVM_TIMEOUT), ==, 30);
  bn_options_set (options, BN_OPTION_HVM_TIMEOUT, "5", NULL);
}

static gboolean
logs_loaded (gpointer window)
{
  return !bn_logs_window_is_loading (window);
}

static BnLogsWindow *
show_logs (const char *id)
{
  BnLogsWindow *window;

  g_action_group_activate_action (G_ACTION_GROUP (t.app), "show-logs", g_variant_new_string (id));
  window = BN_LOGS_WINDOW (bn_ui_test_find_window (BN_TYPE_LOGS_WINDOW, NULL));
  g_assert_nonnull (window);
  g_assert_true (bn_logs_window_get_hvm (window) == hvm (id));
  g_assert_true (bn_ui_test_wait_until (logs_loaded, window, 10000));
  bn_ui_test_wait_frames (GTK_WIDGET (window), 2);
  return window;
}

static void
test_logs (void)
{
  BnLogsWindow *window = show_logs ("HVM-A01");
  GListModel *entries = bn_logs_window_get_entries (window);
  g_autofree char *host = g_strdup_printf ("-host=%s", bn_hvm_get_address (hvm ("HVM-A01")));
  g_autofree char *fp = NULL;
  g_autoptr(BnLogEntry) last = NULL;
  GtkStack *stack;

  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 2);
  g_assert_cmpint (bn_logs_window_get_fc_links (window), ==, BN_FC_LINKS_STABLE);
  g_assert_nonnull (strstr (bn_logs_window_get_fc_text (window), "No FC link state change for"));
  g_assert_nonnull (bn_ui_test_find_label (GTK_WIDGET (window), "FC links are stable"));
  g_assert_nonnull (bn_ui_test_find_label (GTK_WIDGET (window), "(Slot= 3, Port= 1)"));

  /* a link down a minute ago: wait (§5.29) */
  window = show_logs ("HVM-A03");
  g_assert_cmpint (bn_logs_window_get_fc_links (window), ==, BN_FC_LINKS_UNSTABLE);
  g_assert_nonnull (bn_ui_test_find_label (GTK_WIDGET (window), "less than 5 minutes ago"));
  g_assert_nonnull (strstr (bn_logs_window_get_fc_text (window), "link down"));

  window = show_logs ("HVM-A04");
  g_assert_cmpuint (g_list_model_get_n_items (bn_logs_window_get_entries (window)), ==, 0);
  g_assert_cmpint (bn_logs_window_get_fc_links (window), ==, BN_FC_LINKS_NO_EVENTS);

  /* Refresh reads only what was logged since */
  window = show_logs ("HVM-A01");
  fp = g_strdup (t.sim->fingerprint);
  g_assert_cmpint (bn_test_run_bnctl (t.db, NULL, NULL, "hvmsh", host, "--fingerprint", fp,
                                      "operate", "SaveConfig", NULL), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "logs.refresh", NULL);
  g_assert_true (bn_logs_window_is_loading (window));
  g_assert_true (bn_ui_test_wait_until (logs_loaded, window, 10000));
  entries = bn_logs_window_get_entries (window);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 3);
  last = g_list_model_get_item (entries, 2);
  g_assert_cmpstr (bn_log_entry_get_event (last), ==, "HVM configuration was saved.");
  g_assert_cmpint (bn_log_entry_get_seq (last), ==, 3);
  g_assert_cmpint (bn_logs_window_get_fc_links (window), ==, BN_FC_LINKS_STABLE);

  /* an HVM that does not answer: the reason instead of a log */
  window = show_logs ("HVM-X01");
  stack = GTK_STACK (bn_ui_test_child (GTK_WIDGET (window), "content_stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "error");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_fc_events (void)
{
  const struct {
    const char *event;
    const char *detail;
    BnFcEvent   expected;
  } cases[] = {
    { "HVM detected available Shared FC Link.", "Shared FC Link is Available. (Slot= 3, Port= 0)",
      BN_FC_EVENT_LINK_UP },
    { "VM detected Link Down error for Shared FC at expansion card.", "…", BN_FC_EVENT_LINK_DOWN },
    { "HVM detected Link Down error for Shared FC at expansion card.", "…", BN_FC_EVENT_LINK_DOWN },
    { "PCI Express Error Isolation was detected.", "(Slot Power On) …", BN_FC_EVENT_ISOLATED },
    { "HVM detected MCKINT for Shared FC.", "HVM detected MCKINT at Shared FC. (Slot= 3, Port= 0)",
      BN_FC_EVENT_MACHINE_CHECK },
    { "HVM detected MCKINT for Shared FC.", "HVM detected Hardware error at Shared FC. (Slot= 3)",
      BN_FC_EVENT_CHECK_STOP },
    { "HVM configuration was saved.", "", BN_FC_EVENT_NONE },
  };
  g_autoptr(GListStore) store = g_list_store_new (BN_TYPE_LOG_ENTRY);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 23, 12, 0, 0);
  BnLogEntry *last = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (bn_fc_event_classify (cases[i].event, cases[i].detail), ==, cases[i].expected);

  g_assert_cmpint (bn_fc_links_check (G_LIST_MODEL (store), now, &last), ==, BN_FC_LINKS_NO_EVENTS);
  g_assert_null (last);
  {
    const char *json[] = {
      "{\"seq\":1,\"time\":\"2026-11-23T11:50:00Z\",\"level\":\"Info\","
      "\"event\":\"HVM detected available Shared FC Link.\",\"detail\":\"x\"}",
      "{\"seq\":2,\"time\":\"2026-11-23T11:56:00Z\",\"level\":\"Info\","
      "\"event\":\"LPAR was activated.\",\"detail\":\"x\"}",
    };

    for (guint i = 0; i < G_N_ELEMENTS (json); i++)
      {
        g_autoptr(JsonNode) node = json_from_string (json[i], NULL);
        g_autoptr(BnLogEntry) entry = bn_log_entry_new_from_json (json_node_get_object (node));

        g_list_store_append (store, entry);
      }
  }
  /* 10 minutes since the last FC change; the later non-FC event does not count */
  g_assert_cmpint (bn_fc_links_check (G_LIST_MODEL (store), now, &last), ==, BN_FC_LINKS_STABLE);
  g_assert_cmpint (bn_log_entry_get_seq (last), ==, 1);
  {
    g_autoptr(GDateTime) soon = g_date_time_new_utc (2026, 11, 23, 11, 54, 59);

    g_assert_cmpint (bn_fc_links_check (G_LIST_MODEL (store), soon, NULL), ==,
                     BN_FC_LINKS_UNSTABLE);
  }
}

static void
test_history (void)
{
  GtkWidget *window = GTK_WIDGET (t.window);
  BnHistory *history = bn_engine_get_history (t.engine);
  GtkWidget *list = bn_ui_test_child (window, "history_list");
  BnHistoryPlace b02 = { "HVM-B02", 4, 0 }, a01 = { "HVM-A01", 1, 0 };
  BnHistoryPlace b03 = { "HVM-B03", 5, 0 }, b04 = { "HVM-B04", 2, 0 }, b01 = { "HVM-B01", 1, 1 };
  g_autoptr(GDateTime) t1 = g_date_time_new_utc (2026, 11, 2, 1, 15, 7);
  g_autoptr(GDateTime) t2 = g_date_time_new_utc (2026, 11, 3, 1, 15, 7);
  g_autoptr(GDateTime) t3 = g_date_time_new_utc (2026, 11, 20, 2, 7, 17);
  BnHistoryWindow *hw;
  g_autofree char *cell = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GDateTime) local = NULL;
  guint rows = 0;

  g_object_set (t.window, "page", "migration", NULL);
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  /* the migration engine records moves like this */
  g_assert_true (bn_history_add (history, "WEB01", &b02, &a01, BN_MIGRATION_MODE_SHUTDOWN, t1,
                                 NULL));
  g_assert_true (bn_history_add (history, "ERP01", &b03, &b04, BN_MIGRATION_MODE_SHUTDOWN, t2,
                                 NULL));
  g_assert_true (bn_history_add (history, "ERP01", &b04, &b01, BN_MIGRATION_MODE_CONCURRENT, t3,
                                 NULL));
  while (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), rows) != NULL)
    rows++;
  g_assert_cmpuint (rows, ==, 3);

  gtk_editable_set_text (GTK_EDITABLE (bn_ui_test_child (window, "history_entry")), "erp");
  g_assert_true (gtk_widget_activate_action (window, "win.show-history", NULL));
  hw = BN_HISTORY_WINDOW (bn_ui_test_find_window (BN_TYPE_HISTORY_WINDOW, NULL));
  g_assert_nonnull (hw);
  bn_ui_test_wait_frames (GTK_WIDGET (hw), 2);
  g_assert_cmpuint (g_list_model_get_n_items (bn_history_window_get_rows (hw)), ==, 1);
  cell = bn_history_window_get_cell (hw, 0, 0);
  g_assert_cmpstr (cell, ==, "ERP01");
  g_clear_pointer (&cell, g_free);
  local = g_date_time_to_local (t3);
  expected = g_date_time_format (local, "HVM-B01 #1 Group#1 [%Y/%m/%d %H:%M:%S]");
  cell = bn_history_window_get_cell (hw, 0, 1);
  g_assert_cmpstr (cell, ==, expected);
  g_clear_pointer (&cell, g_free);
  cell = bn_history_window_get_cell (hw, 0, 2);
  g_assert_true (g_str_has_prefix (cell, "< HVM-B04 #2 Group#0 ["));
  g_clear_pointer (&cell, g_free);
  cell = bn_history_window_get_cell (hw, 0, 3);
  g_assert_cmpstr (cell, ==, "< HVM-B03 #5 Group#0");
  g_assert_nonnull (bn_ui_test_find_label (GTK_WIDGET (hw), expected));
  g_assert_nonnull (bn_ui_test_find_label (GTK_WIDGET (hw), "old3"));

  /* a new move shows up at once */
  g_assert_true (bn_history_add (history, "ERP01", &b01, &b02, BN_MIGRATION_MODE_CONCURRENT, NULL,
                                 NULL));
  g_clear_pointer (&cell, g_free);
  cell = bn_history_window_get_cell (hw, 0, 1);
  g_assert_true (g_str_has_prefix (cell, "HVM-B02 #4 Group#0 ["));
  bn_history_window_set_filter (hw, "");
  g_assert_cmpuint (g_list_model_get_n_items (bn_history_window_get_rows (hw)), ==, 2);
  gtk_window_destroy (GTK_WINDOW (hw));
}

static void
test_service (void)
{
  BnServiceWindow *window;
  GListModel *registered = bn_fleet_get_hvms (t.fleet_model);
  g_autofree char *hvms = g_strdup_printf ("%u", g_list_model_get_n_items (registered));

  g_action_group_activate_action (G_ACTION_GROUP (t.app), "migration-service", NULL);
  window = BN_SERVICE_WINDOW (bn_ui_test_find_window (BN_TYPE_SERVICE_WINDOW, NULL));
  g_assert_nonnull (window);
  g_assert_cmpstr (bn_service_window_get_value (window, "database"), ==, t.db);
  g_assert_cmpstr (bn_service_window_get_value (window, "hvms"), ==, hvms);
  g_assert_cmpstr (bn_service_window_get_value (window, "version"), ==, PACKAGE_VERSION);
  {
    g_autofree char *schema = g_strdup_printf ("%u ", bn_store_get_latest_version ());

    g_assert_true (g_str_has_prefix (bn_service_window_get_value (window, "schema"), schema));
  }
  g_assert_nonnull (strstr (bn_service_window_get_value (window, "update"), "Idle"));
  g_assert_nonnull (strstr (bn_service_window_get_value (window, "history"), "2 LPARs"));
  /* it follows the engine */
  gtk_widget_activate_action (GTK_WIDGET (t.window), "win.update", NULL);
  g_assert_nonnull (strstr (bn_service_window_get_value (window, "update"), "Running"));
  bn_ui_test_wait_update (t.app);
  g_assert_nonnull (strstr (bn_service_window_get_value (window, "update"), "Idle"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
close_not_yet (const char *heading)
{
  GtkWindow *dialog = bn_ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG, "not-yet-dialog");

  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, heading);
  gtk_window_destroy (dialog);
}

/* Migration opens the window of the mode chosen (test-migration tests the window). */
static void
close_migration_window (const char *name)
{
  GtkWindow *migration = bn_ui_test_find_window (BN_TYPE_MIGRATION_WINDOW, name);

  g_assert_nonnull (migration);
  gtk_window_destroy (migration);
}

/* Windows of later versions answer with a placeholder, not silence. */
static void
test_placeholders (void)
{
  GtkWidget *window = GTK_WIDGET (t.window);
  GSettings *settings = bn_application_get_settings (t.app);
  const struct {
    const char *target;
    const char *heading;
  } cases[] = {
    { "wwn-setting", "Register Migration WWN Setting" },
  };
  g_autofree char *mode = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_true (gtk_widget_activate_action (window, "win.open-migration", "s",
                                                 cases[i].target));
      close_not_yet (cases[i].heading);
    }

  /* Mode Selection decides which window Migration opens, and is remembered */
  g_assert_true (gtk_widget_activate_action (window, "win.mode", "s", "concurrent"));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (bn_ui_test_child (window,
                                                                       "concurrent_radio"))));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (bn_ui_test_child (window,
                                                                        "shutdown_radio"))));
  g_assert_nonnull (settings);
  mode = g_settings_get_string (settings, "last-mode");
  g_assert_cmpstr (mode, ==, "concurrent");
  g_assert_true (gtk_widget_activate_action (window, "win.migration", NULL));
  close_migration_window ("migration-concurrent");
  g_assert_true (gtk_widget_activate_action (window, "win.mode", "s", "shutdown"));
  g_assert_true (gtk_widget_activate_action (window, "win.migration", NULL));
  close_migration_window ("migration-shutdown");

  g_assert_true (gtk_widget_activate_action (window, "win.page", "s", "profile"));
  g_clear_pointer (&mode, g_free);
  mode = g_settings_get_string (settings, "last-page");
  g_assert_cmpstr (mode, ==, "profile");
  g_assert_true (gtk_widget_activate_action (window, "win.page", "s", "migration"));
}

int
main (int    argc,
      char **argv)
{
  int status;
  guint16 port;

  bn_ui_init_i18n ();
  g_test_init (&argc, &argv, NULL);

  setup_fleet ();
  {
    g_autofree char *subnet = bn_test_subnet (0);
    g_autoptr(GInetAddress) inet = NULL;
    g_autoptr(GSocketAddress) sa = NULL;
    g_autoptr(GSocketAddress) local = NULL;

    /* accepts connections (the kernel's backlog) and never answers */
    t.hole_address = g_strdup_printf ("%s.250", subnet);
    inet = g_inet_address_new_from_string (t.hole_address);
    sa = g_inet_socket_address_new (inet, 0);
    t.hole = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                           NULL);
    g_assert_true (g_socket_bind (t.hole, sa, TRUE, NULL));
    g_assert_true (g_socket_listen (t.hole, NULL));
    local = g_socket_get_local_address (t.hole, NULL);
    port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
    t.hole_port = port;
  }
  setup_app ();

  g_test_add_func ("/ui/main-window", test_main_window);
  g_test_add_func ("/ui/update", test_update);
  g_test_add_func ("/ui/cancel-update", test_cancel);
  g_test_add_func ("/ui/remove-hvm", test_remove_hvm);
  g_test_add_func ("/ui/add-hvm", test_add_hvm);
  g_test_add_func ("/ui/option", test_option);
  g_test_add_func ("/ui/fc-events", test_fc_events);
  g_test_add_func ("/ui/logs", test_logs);
  g_test_add_func ("/ui/history", test_history);
  g_test_add_func ("/ui/service", test_service);
  g_test_add_func ("/ui/placeholders", test_placeholders);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (t.window));
  g_clear_object (&t.app);
  g_clear_object (&t.hole);
  g_clear_pointer (&t.sim, bn_test_sim_free);
  g_clear_pointer (&t.fleet, json_node_unref);
  bn_test_rm_rf (t.dir);
  g_free (t.dir);
  g_free (t.db);
  g_free (t.hole_address);
  return status;
}
