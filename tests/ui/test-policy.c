/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "bn-application.h"
#include "bn-catalogue.h"
#include "bn-config-viewer.h"
#include "bn-policy-add-window.h"
#include "bn-policy-name-dialog.h"
#include "bn-policy-plan-dialog.h"
#include "bn-policy-window.h"
#include "bn-test-rig.h"
#include "bn-ui-test.h"
#include "bn-ui-utils.h"
#include "bn-window.h"

/* The Migration Policy windows (§3.3, §6.3) in the real console, in-process, over one real
 * bladesimd per blade on this test's own subnet (so one can be stopped), driven through the
 * policy.* actions and the dialogs' responses, as an operator would. */

static struct
{
  BnTestRig      rig;
  BnApplication *app;
  BnWindow      *main;
  BnEngine      *engine;
  guint          progress_shown;
  BnCheckReport *report;
} t;

static const char * const blades[] = { "HVM-B01", "HVM-B02", "HVM-B03", NULL };

/* ---- helpers ---- */

static BnPolicies *
policies (void)
{
  return bn_engine_get_policies (t.engine);
}

static BnHvm *
hvm (const char *id)
{
  return bn_fleet_find_hvm (bn_engine_get_fleet (t.engine), id);
}

static void
progress_cb (BnPolicyWindow *window,
             BnMigration    *run)
{
  t.progress_shown++;
}

static void
config_cb (BnPolicyWindow *window,
           BnPolicyEntry  *entry,
           BnCheckReport  *report)
{
  g_set_object (&t.report, report);
}

static BnPolicyWindow *
open_window (void)
{
  BnPolicyWindow *window;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (t.main), "win.open-migration", "s",
                                             "policy"));
  window = BN_POLICY_WINDOW (bn_ui_test_find_window (BN_TYPE_POLICY_WINDOW, NULL));
  g_assert_nonnull (window);
  if (g_object_get_data (G_OBJECT (window), "test-connected") == NULL)
    {
      g_object_set_data (G_OBJECT (window), "test-connected", GINT_TO_POINTER (1));
      g_signal_connect (window, "show-progress", G_CALLBACK (progress_cb), NULL);
      g_signal_connect (window, "show-config", G_CALLBACK (config_cb), NULL);
    }
  bn_ui_test_wait_frames (GTK_WIDGET (window), 2);
  return window;
}

static void
act (BnPolicyWindow *window,
     const char     *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
}

static gboolean
enabled (GtkWidget  *widget,
         const char *button)
{
  return gtk_widget_get_sensitive (bn_ui_find_widget (widget, button));
}

static const char *
tooltip (GtkWidget  *widget,
         const char *button)
{
  return gtk_widget_get_tooltip_text (bn_ui_find_widget (widget, button));
}

static void
respond (GtkWindow  *dialog,
         const char *response)
{
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
}

/* The heading of a catalogue message (data/errors/messages.json), {key} filled in. */
static char *
message (const char *id,
         const char *key,
         const char *value)
{
  return bn_catalogue_format_message (bn_catalogue_get_default (), id, key, value, NULL);
}

static void
assert_heading (GtkWindow  *dialog,
                const char *expected)
{
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, expected);
}

static gboolean
window_gone (gpointer data)
{
  return bn_ui_test_find_window (GPOINTER_TO_SIZE (data), NULL) == NULL;
}

static const char *
lpar_name_at (BnPolicy *policy,
              guint     position)
{
  return bn_policy_entry_get_lpar_name (bn_policy_get_entry (policy, position));
}

/* The visible state icons of the grid with @icon_name: the check marks of 図 3-94. */
static guint
count_icons (GtkWidget  *root,
             const char *icon_name)
{
  guint n = 0;

  if (GTK_IS_IMAGE (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (root)), icon_name) == 0)
    n++;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    n += count_icons (c, icon_name);
  return n;
}

typedef struct
{
  BnPolicyWindow *window;
  const char     *icon;
  guint           n;
} IconWait;

static gboolean
icons_shown (gpointer data)
{
  IconWait *wait = data;

  return count_icons (GTK_WIDGET (bn_policy_window_get_entry_view (wait->window)),
                      wait->icon) == wait->n;
}

static void
wait_icons (BnPolicyWindow *window,
            const char     *icon,
            guint           n)
{
  IconWait wait = { window, icon, n };

  if (!bn_ui_test_wait_until (icons_shown, &wait, 5000))
    g_error ("%u %s icons shown, not %u",
             count_icons (GTK_WIDGET (bn_policy_window_get_entry_view (window)), icon), icon, n);
}

typedef struct
{
  const char       *name;
  BnPolicyRunState  state;
} StateWait;

static gboolean
state_is (gpointer data)
{
  StateWait *wait = data;
  BnPolicyRunner *runner = bn_policies_find_runner (policies (), wait->name);

  return runner != NULL && bn_policy_runner_get_run_state (runner) == wait->state;
}

static void
wait_state (const char       *name,
            BnPolicyRunState  state)
{
  StateWait wait = { name, state };

  if (!bn_ui_test_wait_until (state_is, &wait, 120000))
    {
      BnPolicyRunner *runner = bn_policies_find_runner (policies (), name);

      g_error ("policy %s is %s, not %s", name,
               runner ? bn_policy_run_state_to_string (bn_policy_runner_get_run_state (runner))
                      : "without a runner", bn_policy_run_state_to_string (state));
    }
}

/* New Policy (図 3-82) through the name dialog; leaves the window editing it. */
static void
create_policy (BnPolicyWindow *window,
               const char     *name)
{
  BnPolicyNameDialog *dialog;

  act (window, "policy.new");
  dialog = BN_POLICY_NAME_DIALOG (bn_policy_window_get_dialog (window));
  g_assert_true (BN_IS_POLICY_NAME_DIALOG (dialog));
  gtk_editable_set_text (bn_policy_name_dialog_get_entry (dialog), name);
  g_assert_true (bn_policy_name_dialog_is_valid (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "name.ok", NULL));
  g_assert_true (bn_policy_window_is_editing (window));
  g_assert_cmpstr (bn_policy_window_get_policy_name (window), ==, name);
}

static gboolean
preview_ready (gpointer data)
{
  return g_str_has_prefix (bn_policy_add_window_get_preview (data), "Entry No.");
}

/* Add [Shutdown] / Add [Concurrent Maintenance] (図 3-84, 3-85): pick, Add, OK. */
static void
add_entry (BnPolicyAddWindow *add,
           const char        *src,
           guint              src_lpar,
           const char        *dst,
           guint              dst_lpar)
{
  BnLparPicker *picker = bn_policy_add_window_get_picker (add);
  GtkWindow *confirm;

  bn_lpar_picker_set_source (picker, src, src_lpar);
  bn_lpar_picker_set_destination (picker, dst, dst_lpar);
  /* the picker tells its changes once per main-loop pass */
  g_assert_true (bn_ui_test_wait_until (preview_ready, add, 5000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (add), "add.add", NULL));
  confirm = bn_policy_add_window_get_dialog (add);
  g_assert_nonnull (confirm);
  {
    g_autofree char *heading = message ("confirm-policy-add-entry", NULL, NULL);

    assert_heading (confirm, heading);
  }
  respond (confirm, "ok");
}

static BnPolicyAddWindow *
open_add (BnPolicyWindow *window,
          const char     *action)
{
  BnPolicyAddWindow *add;

  act (window, action);
  add = BN_POLICY_ADD_WINDOW (bn_policy_window_get_dialog (window));
  g_assert_true (BN_IS_POLICY_ADD_WINDOW (add));
  bn_ui_test_wait_frames (GTK_WIDGET (add), 2);
  return add;
}

static void
save (BnPolicyWindow *window)
{
  g_autofree char *saved = message ("policy-saved", NULL, NULL);
  GtkWindow *notice;

  act (window, "policy.save");
  notice = bn_policy_window_get_dialog (window);
  assert_heading (notice, saved);
  respond (notice, "ok");
  g_assert_false (bn_policy_window_is_dirty (window));
}

static void
release (BnPolicyWindow *window)
{
  act (window, "policy.release");
  g_assert_false (bn_policy_window_is_editing (window));
}

static void
execute (BnPolicyWindow *window)
{
  g_autofree char *heading = message ("confirm-policy-execute", "name",
                                      bn_policy_window_get_policy_name (window));
  GtkWindow *confirm;

  g_assert_true (enabled (GTK_WIDGET (window), "execute_button"));
  act (window, "policy.execute");
  confirm = bn_policy_window_get_dialog (window);
  assert_heading (confirm, heading);
  respond (confirm, "ok");
}

static guint
lpar_number (const char *hvm_id,
             const char *name)
{
  BnLpar *lpar = bn_hvm_find_lpar_by_name (hvm (hvm_id), name);

  g_assert_nonnull (lpar);
  return bn_lpar_get_number (lpar);
}

/* ---- tests, in order: each starts where the previous one left the fleet ---- */

static void
test_empty (void)
{
  BnPolicyWindow *window = open_window ();
  GtkWidget *w = GTK_WIDGET (window);

  g_assert_null (bn_policy_window_get_policy_name (window));
  g_assert_cmpstr (bn_policy_window_get_status (window), ==, "No policy chosen");
  g_assert_nonnull (bn_ui_test_find_label (w, "No migration policies yet"));
  g_assert_false (enabled (w, "modify_button"));
  g_assert_false (enabled (w, "execute_button"));
  g_assert_cmpstr (tooltip (w, "execute_button"), ==, "Choose a policy first");
  g_assert_false (enabled (w, "stop_button"));
  g_assert_true (enabled (w, "new_button"));
}

static void
test_new (void)
{
  BnPolicyWindow *window = open_window ();
  BnPolicyNameDialog *dialog;
  GtkEditable *entry;

  act (window, "policy.new");
  dialog = BN_POLICY_NAME_DIALOG (bn_policy_window_get_dialog (window));
  g_assert_true (BN_IS_POLICY_NAME_DIALOG (dialog));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "New Policy");
  entry = bn_policy_name_dialog_get_entry (dialog);
  /* checked as typed; OK stays off until the name is good */
  g_assert_false (bn_policy_name_dialog_is_valid (dialog));
  gtk_editable_set_text (entry, " evacuate");
  g_assert_false (bn_policy_name_dialog_is_valid (dialog));
  g_assert_nonnull (strstr (bn_policy_name_dialog_get_note (dialog), "spaces"));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "name.ok", NULL);
  g_assert_null (bn_policies_find (policies (), " evacuate"));
  gtk_editable_set_text (entry, "line\tbreak");
  g_assert_nonnull (strstr (bn_policy_name_dialog_get_note (dialog), "control characters"));
  gtk_editable_set_text (entry, "evacuate-b01");
  g_assert_true (bn_policy_name_dialog_is_valid (dialog));
  g_assert_cmpstr (bn_policy_name_dialog_get_note (dialog), ==, "");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "name.ok", NULL));

  /* created, chosen in the combo, and being edited (§3.3.1) */
  g_assert_nonnull (bn_policies_find (policies (), "evacuate-b01"));
  g_assert_cmpstr (bn_policy_window_get_policy_name (window), ==, "evacuate-b01");
  g_assert_true (bn_policy_window_is_editing (window));
  g_assert_true (enabled (GTK_WIDGET (window), "release_button"));
  g_assert_false (enabled (GTK_WIDGET (window), "new_button"));
  g_assert_false (enabled (GTK_WIDGET (window), "execute_button"));
  g_assert_nonnull (strstr (tooltip (GTK_WIDGET (window), "execute_button"), "Release"));

  /* a name in use is refused as it is typed */
  dialog = bn_policy_name_dialog_new (policies (), "Save as Policy", "evacuate-b01");
  g_assert_false (bn_policy_name_dialog_is_valid (dialog));
  g_assert_nonnull (strstr (bn_policy_name_dialog_get_note (dialog), "already exists"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_add (void)
{
  BnPolicyWindow *window = open_window ();
  GtkWidget *w = GTK_WIDGET (window);
  BnPolicyAddWindow *add;
  GtkWindow *refusal;
  BnPolicy *edit;

  /* an empty policy takes either mode */
  g_assert_true (enabled (w, "add_shutdown_button"));
  g_assert_true (enabled (w, "add_concurrent_button"));
  add = open_add (window, "policy.add-concurrent");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (add)), ==, "Add Concurrent Maintenance");
  add_entry (add, "HVM-B01", 1, "HVM-B02", 0);
  g_assert_nonnull (strstr (bn_policy_add_window_get_preview (add), "Entry No. 2"));
  /* repeated adds in the same window */
  add_entry (add, "HVM-B01", 2, "HVM-B02", 0);
  edit = bn_policy_window_get_shown (window);
  g_assert_cmpuint (bn_policy_get_n_entries (edit), ==, 2);
  g_assert_cmpstr (lpar_name_at (edit, 0), ==, "ERP01");
  g_assert_cmpstr (lpar_name_at (edit, 1), ==, "ERP02");

  /* the same LPAR twice: the engine's message, and nothing is added */
  bn_lpar_picker_set_source (bn_policy_add_window_get_picker (add), "HVM-B01", 1);
  bn_lpar_picker_set_destination (bn_policy_add_window_get_picker (add), "HVM-B03", 0);
  g_assert_true (bn_ui_test_wait_until (preview_ready, add, 5000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (add), "add.add", NULL));
  refusal = bn_policy_add_window_get_dialog (add);
  g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (refusal)), ==, "policy-add-refused-dialog");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (refusal)),
                            "already moves ERP01 (entry No. 1)"));
  respond (refusal, "close");
  g_assert_cmpuint (bn_policy_get_n_entries (edit), ==, 2);
  gtk_window_close (GTK_WINDOW (add));
  g_assert_true (bn_ui_test_wait_until (window_gone,
                                        GSIZE_TO_POINTER (BN_TYPE_POLICY_ADD_WINDOW), 5000));

  /* §5.33: a Concurrent policy takes no Shutdown entry; the button says why */
  g_assert_false (enabled (w, "add_shutdown_button"));
  g_assert_nonnull (strstr (tooltip (w, "add_shutdown_button"), "§5.33"));
  g_assert_nonnull (strstr (tooltip (w, "add_shutdown_button"), "Concurrent Maintenance"));
  g_assert_true (enabled (w, "add_concurrent_button"));
  gtk_widget_activate_action (w, "policy.add-shutdown", NULL);
  g_assert_null (bn_ui_test_find_window (BN_TYPE_POLICY_ADD_WINDOW, NULL));

  gtk_editable_set_text (GTK_EDITABLE (bn_ui_find_widget (w, "comment_entry")),
                         "before the firmware update of HVM-B01");
  g_assert_true (bn_policy_window_is_dirty (window));
  bn_ui_test_wait_frames (w, 2);
  g_assert_nonnull (bn_ui_test_find_label (w, "changes not saved"));
  wait_icons (window, "bn-step-waiting-symbolic", 2);
}

static void
test_save_and_reorder (void)
{
  BnPolicyWindow *window = open_window ();
  GtkWidget *w = GTK_WIDGET (window);
  BnPolicy *stored;

  save (window);
  stored = bn_policies_find (policies (), "evacuate-b01");
  g_assert_cmpuint (bn_policy_get_n_entries (stored), ==, 2);
  g_assert_cmpstr (bn_policy_get_comment (stored), ==, "before the firmware update of HVM-B01");
  g_assert_true (bn_policy_window_is_editing (window));
  g_assert_false (enabled (w, "save_button"));

  /* Up (図 3-109): No. 2 becomes No. 1 */
  bn_policy_window_select_entry (window, 0);
  g_assert_false (enabled (w, "up_button"));
  bn_policy_window_select_entry (window, 1);
  g_assert_true (enabled (w, "up_button"));
  g_assert_false (enabled (w, "down_button"));
  act (window, "policy.up");
  g_assert_cmpstr (lpar_name_at (bn_policy_window_get_shown (window), 0), ==, "ERP02");
  g_assert_true (bn_policy_window_is_dirty (window));
  /* not stored until Save */
  g_assert_cmpstr (lpar_name_at (bn_policies_find (policies (), "evacuate-b01"), 0), ==, "ERP01");
  save (window);
  g_assert_cmpstr (lpar_name_at (bn_policies_find (policies (), "evacuate-b01"), 0), ==, "ERP02");

  /* Delete, then Release: asked first; Cancel keeps editing, Discard drops the change */
  bn_policy_window_select_entry (window, 0);
  act (window, "policy.delete-entry");
  g_assert_cmpuint (bn_policy_get_n_entries (bn_policy_window_get_shown (window)), ==, 1);
  act (window, "policy.release");
  g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (bn_policy_window_get_dialog (window))), ==,
                   "policy-discard-dialog");
  respond (bn_policy_window_get_dialog (window), "cancel");
  g_assert_true (bn_policy_window_is_editing (window));
  act (window, "policy.release");
  respond (bn_policy_window_get_dialog (window), "ok");
  g_assert_false (bn_policy_window_is_editing (window));
  g_assert_cmpuint (bn_policy_get_n_entries (bn_policy_window_get_shown (window)), ==, 2);
  g_assert_true (enabled (w, "execute_button"));
  g_assert_true (enabled (w, "modify_button"));
}

static gboolean
status_has (gpointer data)
{
  BnPolicyWindow *window = bn_policy_window_find (t.app);

  return window != NULL && strstr (bn_policy_window_get_status (window), data) != NULL;
}

/* Execute, Stop while No. 1 moves (図 3-95): No. 1 completes, then the Confirmation of
 * 図 3-96; Continue runs No. 2.  The check marks follow the run. */
static void
test_execute_stop_continue (void)
{
  BnPolicyWindow *window = open_window ();
  GtkWidget *w = GTK_WIDGET (window);
  g_autofree char *stopped = message ("policy-stopped", NULL, NULL);
  g_autofree char *completed = message ("migration-completed", NULL, NULL);
  GtkWindow *prompt;
  GtkWindow *dialog;
  BnPolicy *shown;

  bn_ui_test_update (t.app);
  t.progress_shown = 0;
  execute (window);
  g_assert_true (bn_ui_test_wait_until (status_has, (gpointer) "Running entry No. 1 of 2", 10000));
  g_assert_nonnull (strstr (bn_policy_window_get_status (window), "ERP02"));
  g_assert_true (enabled (w, "stop_button"));
  g_assert_false (enabled (w, "modify_button"));
  g_assert_false (enabled (w, "execute_button"));
  act (window, "policy.stop");
  g_assert_nonnull (strstr (bn_policy_window_get_status (window), "Stop requested"));
  g_assert_false (enabled (w, "stop_button"));

  wait_state ("evacuate-b01", BN_POLICY_RUN_STOPPED);
  bn_ui_test_wait_frames (w, 2);
  prompt = bn_policy_window_get_prompt (window);
  g_assert_nonnull (prompt);
  g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (prompt)), ==, "policy-stopped-dialog");
  assert_heading (prompt, stopped);
  g_assert_false (gtk_window_get_modal (prompt));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (prompt), "end"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (prompt), "continue"));
  g_assert_false (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (prompt), "retry"));
  shown = bn_policy_window_get_shown (window);
  g_assert_cmpint (bn_policy_entry_get_state (bn_policy_get_entry (shown, 0)), ==,
                   BN_ENTRY_STATE_DONE);
  wait_icons (window, "bn-step-done-symbolic", 1);
  g_assert_cmpuint (t.progress_shown, ==, 1);

  respond (prompt, "continue");
  wait_state ("evacuate-b01", BN_POLICY_RUN_FINISHED);
  wait_icons (window, "bn-step-done-symbolic", 2);
  g_assert_cmpstr (bn_policy_window_get_status (window), ==, completed);
  g_assert_null (bn_policy_window_get_prompt (window));
  bn_ui_test_update (t.app);
  g_assert_nonnull (bn_hvm_find_lpar_by_name (hvm ("HVM-B02"), "ERP01"));
  g_assert_nonnull (bn_hvm_find_lpar_by_name (hvm ("HVM-B02"), "ERP02"));
  g_assert_null (bn_hvm_find_lpar_by_name (hvm ("HVM-B01"), "ERP01"));

  /* a done entry's LPAR has left its source: Show Config says so instead of a report */
  bn_policy_window_select_entry (window, 0);
  g_clear_object (&t.report);
  act (window, "policy.show-config");
  g_assert_null (t.report);
  dialog = bn_policy_window_get_dialog (window);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "has run"));
  respond (bn_policy_window_get_dialog (window), "close");
}

static void
test_show_config (void)
{
  BnPolicyWindow *window = open_window ();

  bn_policy_window_select_entry (window, GTK_INVALID_LIST_POSITION);
  g_assert_false (enabled (GTK_WIDGET (window), "show_config_button"));
  bn_policy_window_select_entry (window, 1);
  g_clear_object (&t.report);
  act (window, "policy.show-config");
  g_assert_nonnull (t.report);
  g_assert_cmpstr (bn_check_report_get_source_hvm (t.report), ==, "HVM-B01");
  g_assert_cmpuint (bn_check_report_get_source_lpar (t.report), ==, 1);
  g_assert_cmpstr (bn_check_report_get_destination_hvm (t.report), ==, "HVM-B02");
  g_assert_nonnull (bn_policy_window_get_config_viewer (window));
  g_assert_true (bn_config_viewer_get_report (BN_CONFIG_VIEWER (
    bn_policy_window_get_config_viewer (window))) == t.report);
  gtk_window_destroy (bn_policy_window_get_config_viewer (window));
}

/* §6.3: the destination blade is down; entry No. 1 fails, the Confirmation of 図 6-2 asks
 * Retry / Skip / End; the blade comes back and Retry completes the run. */
static void
test_error_retry (void)
{
  BnPolicyWindow *window = open_window ();
  GtkWidget *w = GTK_WIDGET (window);
  BnPolicyAddWindow *add;
  GtkWindow *prompt;
  g_autofree char *failed = message ("policy-entry-error", "no", "1");
  BnPolicyEntry *first;

  create_policy (window, "back");
  add = open_add (window, "policy.add-concurrent");
  add_entry (add, "HVM-B02", lpar_number ("HVM-B02", "ERP01"), "HVM-B01", 0);
  add_entry (add, "HVM-B02", lpar_number ("HVM-B02", "ERP02"), "HVM-B01", 0);
  gtk_window_destroy (GTK_WINDOW (add));
  save (window);
  release (window);

  g_hash_table_remove (t.rig.sims, "HVM-B01");
  execute (window);
  wait_state ("back", BN_POLICY_RUN_PAUSED);
  bn_ui_test_wait_frames (w, 2);
  prompt = bn_policy_window_get_prompt (window);
  g_assert_nonnull (prompt);
  g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (prompt)), ==, "policy-error-dialog");
  assert_heading (prompt, failed);
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (prompt), "retry"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (prompt), "skip"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (prompt), "end"));
  first = bn_policy_get_entry (bn_policy_window_get_shown (window), 0);
  g_assert_cmpint (bn_policy_entry_get_state (first), ==, BN_ENTRY_STATE_FAILED);
  g_test_message ("entry 1 failed: %s", bn_policy_entry_get_error (first));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (prompt)),
                            bn_policy_entry_get_error (first)));
  wait_icons (window, "bn-step-failed-symbolic", 1);
  g_assert_nonnull (bn_ui_test_find_label (w, bn_policy_entry_get_error (first)));
  g_assert_nonnull (strstr (bn_policy_window_get_status (window), "Entry No. 1 failed"));
  /* the window stays usable meanwhile: Show Config checks the failed entry */
  bn_policy_window_select_entry (window, 0);
  g_clear_object (&t.report);
  act (window, "policy.show-config");
  g_assert_nonnull (t.report);

  /* dismissed without a choice, the banner keeps the buttons */
  respond (prompt, "later");
  bn_ui_test_wait_frames (w, 2);
  g_assert_null (bn_policy_window_get_prompt (window));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (bn_ui_find_widget (w,
                                                                 "decision_revealer"))));
  g_assert_true (gtk_widget_get_visible (bn_ui_find_widget (w, "retry_button")));
  g_assert_false (gtk_widget_get_visible (bn_ui_find_widget (w, "continue_button")));

  bn_test_rig_start_blade (&t.rig, "HVM-B01");
  g_assert_true (gtk_widget_activate_action (w, "policy.decide", "s", "retry"));
  wait_state ("back", BN_POLICY_RUN_FINISHED);
  wait_icons (window, "bn-step-done-symbolic", 2);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (bn_ui_find_widget (w,
                                                                  "decision_revealer"))));
  bn_ui_test_update (t.app);
  g_assert_cmpuint (lpar_number ("HVM-B01", "ERP01"), ==, 1);
  g_assert_cmpuint (lpar_number ("HVM-B01", "ERP02"), ==, 2);

  /* and a Concurrent policy never takes a Shutdown entry (§5.33) */
  act (window, "policy.modify");
  g_assert_false (enabled (w, "add_shutdown_button"));
  g_assert_nonnull (strstr (tooltip (w, "add_shutdown_button"), "cannot mix"));
  release (window);
}

/* Save as (図 3-102, 3-103): a new policy; the original stays as it was saved. */
static void
test_save_as (void)
{
  BnPolicyWindow *window = open_window ();
  BnPolicyNameDialog *dialog;
  GtkWindow *confirm;
  g_autofree char *heading = message ("confirm-policy-save-as", "name", "evacuate-b01-again");

  g_assert_true (bn_policy_window_select_policy (window, "evacuate-b01"));
  act (window, "policy.modify");
  g_assert_true (bn_policy_window_is_editing (window));
  gtk_editable_set_text (GTK_EDITABLE (bn_ui_find_widget (GTK_WIDGET (window), "comment_entry")),
                         "again");
  act (window, "policy.save-as");
  dialog = BN_POLICY_NAME_DIALOG (bn_policy_window_get_dialog (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Save as Policy");
  gtk_editable_set_text (bn_policy_name_dialog_get_entry (dialog), "evacuate-b01");
  g_assert_false (bn_policy_name_dialog_is_valid (dialog));
  gtk_editable_set_text (bn_policy_name_dialog_get_entry (dialog), "evacuate-b01-again");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "name.ok", NULL));
  confirm = bn_policy_window_get_dialog (window);
  assert_heading (confirm, heading);
  respond (confirm, "ok");

  g_assert_cmpstr (bn_policy_window_get_policy_name (window), ==, "evacuate-b01-again");
  g_assert_true (bn_policy_window_is_editing (window));
  g_assert_false (bn_policy_window_is_dirty (window));
  g_assert_cmpstr (bn_policy_get_comment (bn_policies_find (policies (), "evacuate-b01")), ==,
                   "before the firmware update of HVM-B01");
  g_assert_cmpstr (bn_policy_get_comment (bn_policies_find (policies (), "evacuate-b01-again")),
                   ==, "again");
  /* a new policy has not run: no check marks */
  g_assert_cmpuint (bn_policy_count_done (bn_policies_find (policies (), "evacuate-b01-again")),
                    ==, 0);
  release (window);
}

static gboolean
running_entry (gpointer data)
{
  BnPolicyRunner *runner = bn_policies_find_runner (policies (), data);

  return runner != NULL && bn_policy_runner_get_current (runner) != NULL;
}

/* Closing the window does not stop the run; reopened, it shows it. */
static void
test_reopen_mid_run (void)
{
  BnPolicyWindow *window = open_window ();
  BnPolicyRunner *runner;

  g_assert_true (bn_policy_window_select_policy (window, "evacuate-b01-again"));
  execute (window);
  g_assert_true (bn_ui_test_wait_until (running_entry, (gpointer) "evacuate-b01-again", 10000));
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_null (bn_policy_window_find (t.app));
  runner = bn_policies_find_runner (policies (), "evacuate-b01-again");
  g_assert_cmpint (bn_policy_runner_get_run_state (runner), ==, BN_POLICY_RUN_RUNNING);

  window = open_window ();
  g_assert_cmpstr (bn_policy_window_get_policy_name (window), ==, "evacuate-b01-again");
  g_assert_nonnull (strstr (bn_policy_window_get_status (window), "Running entry No."));
  g_assert_true (enabled (GTK_WIDGET (window), "stop_button"));
  g_assert_true (gtk_widget_get_visible (bn_ui_find_widget (GTK_WIDGET (window),
                                                            "show_progress_button")));
  wait_icons (window, "bn-step-running-symbolic", 1);
  wait_state ("evacuate-b01-again", BN_POLICY_RUN_FINISHED);
  wait_icons (window, "bn-step-done-symbolic", 2);
}

/* Evacuate HVM… (beyond the manual): the plan, what it leaves behind, saved after the
 * Confirmation as a new policy. */
static void
test_evacuate_plan (void)
{
  BnPolicyWindow *window = open_window ();
  BnPolicyPlanDialog *dialog;
  BnPolicy *plan;
  const char * const *left;
  GtkWindow *confirm;
  g_autofree char *heading = message ("confirm-policy-save-as", "name", "evacuate-HVM-B01");

  bn_ui_test_update (t.app);
  act (window, "policy.evacuate");
  dialog = BN_POLICY_PLAN_DIALOG (bn_policy_window_get_dialog (window));
  g_assert_true (BN_IS_POLICY_PLAN_DIALOG (dialog));
  bn_policy_plan_dialog_set_hvm (dialog, "HVM-B01");
  bn_policy_plan_dialog_set_mode (dialog, BN_MIGRATION_MODE_CONCURRENT);
  g_assert_cmpstr (gtk_editable_get_text (bn_policy_plan_dialog_get_name_entry (dialog)), ==,
                   "evacuate-HVM-B01");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "plan.plan", NULL));
  g_assert_null (bn_policy_plan_dialog_get_problem (dialog));
  plan = bn_policy_plan_dialog_get_plan (dialog);
  g_assert_nonnull (plan);
  /* NET01 and CRM01 run on B01 (ERP01/02 went to B02); CRM02 is deactivated and stays */
  g_assert_cmpuint (bn_policy_get_n_entries (plan), ==, 2);
  left = bn_policy_plan_dialog_get_left_behind (dialog);
  g_assert_cmpuint (g_strv_length ((char **) left), ==, 1);
  g_assert_nonnull (strstr (left[0], "CRM02"));
  bn_ui_test_wait_frames (GTK_WIDGET (dialog), 2);
  g_assert_nonnull (bn_ui_test_find_label (GTK_WIDGET (dialog), "CRM02"));
  g_assert_nonnull (bn_ui_test_find_label (GTK_WIDGET (dialog), "NET01"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "plan.save", NULL));
  confirm = bn_policy_plan_dialog_get_dialog (dialog);
  assert_heading (confirm, heading);
  respond (confirm, "ok");
  g_assert_true (bn_ui_test_wait_until (window_gone,
                                        GSIZE_TO_POINTER (BN_TYPE_POLICY_PLAN_DIALOG), 5000));
  g_assert_cmpuint (bn_policy_get_n_entries (bn_policies_find (policies (), "evacuate-HVM-B01")),
                    ==, 2);
  g_assert_cmpstr (bn_policy_window_get_policy_name (window), ==, "evacuate-HVM-B01");
  g_assert_nonnull (strstr (bn_policy_get_comment (bn_policy_window_get_shown (window)),
                            "CRM02"));

  /* Return to HVM…: from the Migration History, ERP01 and ERP02 back to B01 */
  act (window, "policy.return");
  dialog = BN_POLICY_PLAN_DIALOG (bn_policy_window_get_dialog (window));
  bn_policy_plan_dialog_set_hvm (dialog, "HVM-B01");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "plan.plan", NULL));
  plan = bn_policy_plan_dialog_get_plan (dialog);
  g_assert_nonnull (plan);
  g_assert_cmpuint (bn_policy_get_n_entries (plan), ==, 2);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpstr (bn_policy_entry_get_destination_hvm (bn_policy_get_entry (plan, i)), ==,
                     "HVM-B01");
  gtk_window_close (GTK_WINDOW (dialog));
}

static void
test_delete_policy (void)
{
  BnPolicyWindow *window = open_window ();

  g_assert_true (bn_policy_window_select_policy (window, "evacuate-HVM-B01"));
  act (window, "policy.delete-policy");
  respond (bn_policy_window_get_dialog (window), "cancel");
  g_assert_nonnull (bn_policies_find (policies (), "evacuate-HVM-B01"));
  act (window, "policy.delete-policy");
  respond (bn_policy_window_get_dialog (window), "ok");
  g_assert_null (bn_policies_find (policies (), "evacuate-HVM-B01"));
  g_assert_cmpstr (bn_policy_window_get_policy_name (window), !=, "evacuate-HVM-B01");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  bn_ui_init_i18n ();
  g_test_init (&argc, &argv, NULL);

  bn_test_rig_setup (&t.rig, blades);
  /* the console opens the rig's database, as another console would */
  g_clear_object (&t.rig.engine);
  t.app = bn_ui_test_app_new (t.rig.db);
  t.engine = bn_application_get_engine (t.app);
  g_application_activate (G_APPLICATION (t.app));
  t.main = BN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (t.app)));
  g_assert_nonnull (t.main);
  bn_ui_test_update (t.app);

  g_test_add_func ("/policy/empty", test_empty);
  g_test_add_func ("/policy/new", test_new);
  g_test_add_func ("/policy/add", test_add);
  g_test_add_func ("/policy/save-and-reorder", test_save_and_reorder);
  g_test_add_func ("/policy/show-config", test_show_config);
  g_test_add_func ("/policy/execute-stop-continue", test_execute_stop_continue);
  g_test_add_func ("/policy/error-retry", test_error_retry);
  g_test_add_func ("/policy/save-as", test_save_as);
  g_test_add_func ("/policy/reopen-mid-run", test_reopen_mid_run);
  g_test_add_func ("/policy/evacuate-plan", test_evacuate_plan);
  g_test_add_func ("/policy/delete-policy", test_delete_policy);
  status = g_test_run ();

  g_clear_object (&t.report);
  gtk_window_destroy (GTK_WINDOW (t.main));
  g_clear_object (&t.app);
  bn_test_rig_teardown (&t.rig);
  return status;
}
