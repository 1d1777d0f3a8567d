/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-policy-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bn-catalogue.h"
#include "bn-config-viewer.h"
#include "bn-policy-add-window.h"
#include "bn-policy-name-dialog.h"
#include "bn-policy-plan-dialog.h"
#include "bn-policy-window.h"
#include "bn-progress-window.h"
#include "bn-ui-utils.h"
#include "bn-window.h"

struct _BnPolicyWindow
{
  AdwWindow           parent_instance;

  BnApplication      *application;
  BnEngine           *engine;
  BnPolicies         *policies;

  char               *name;        /* the policy chosen in the combo, or NULL */
  BnPolicy           *stored;      /* what is shown when not editing */
  BnPolicy           *edit;        /* Modify … Save: a bn_policy_copy (), or NULL */
  gboolean            dirty;       /* @edit differs from what is stored */
  BnPolicyRunner     *runner;      /* the run of @name made in this process, if any */
  BnMigration        *current;     /* the move under way, for the status line */
  GtkSingleSelection *selection;
  GListStore         *no_entries;
  guint               syncing;     /* changes made here, not by the operator */
  guint               busy;        /* an engine call here is changing the list */

  GtkWindow          *dialog;      /* a name dialog, confirmation, Add or plan window */
  GtkWindow          *config_viewer;  /* Show Config's, while open */
  GtkWindow          *prompt;      /* the Confirmation of 図 3-96 / 6-2 */
  int                 prompt_key;  /* what @prompt (or the one dismissed) was about */
  int                 dismissed_key;
  GtkWindow          *progress;    /* the Migration Progress window of the run */

  /* template children */
  AdwToastOverlay    *toast_overlay;
  AdwWindowTitle     *window_title;
  GtkRevealer        *decision_revealer;
  GtkWidget          *decision_box;
  GtkImage           *decision_icon;
  GtkLabel           *decision_label;
  GtkWidget          *retry_button;
  GtkWidget          *skip_button;
  GtkWidget          *continue_button;
  GtkWidget          *end_button;
  GtkDropDown        *policy_dropdown;
  GtkEditable        *comment_entry;
  GtkLabel           *mode_label;
  GtkLabel           *editing_label;
  GtkStack           *entries_stack;
  AdwStatusPage      *empty_page;
  GtkColumnView      *entry_view;
  GtkWidget          *status_box;
  GtkImage           *status_icon;
  GtkLabel           *status_title;
  GtkLabel           *status_detail;
  GtkWidget          *new_button;
  GtkWidget          *modify_button;
  GtkWidget          *release_button;
  GtkWidget          *add_shutdown_button;
  GtkWidget          *add_concurrent_button;
  GtkWidget          *up_button;
  GtkWidget          *down_button;
  GtkWidget          *delete_button;
  GtkWidget          *show_config_button;
  GtkWidget          *save_button;
  GtkWidget          *save_as_button;
  GtkWidget          *execute_button;
  GtkWidget          *stop_button;
  GtkWidget          *show_progress_button;
  GtkWidget          *evacuate_button;
  GtkWidget          *return_button;
};

enum {
  SHOW_CONFIG,
  SHOW_PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BnPolicyWindow, bn_policy_window, ADW_TYPE_WINDOW)

static void sync_all (BnPolicyWindow *self);
static void attach (BnPolicyWindow *self);
static void watch_runner (BnApplication *application, BnPolicyRunner *runner);

/* ---- texts ---- */

/* A message of data/errors/messages.json in the operator's language, {key} filled in. */
static char *
format_lpar_number (guint number)
{
  return number == 0 ? g_strdup (_("Auto")) : g_strdup_printf ("#%u", number);
}

/* "ERP01 (HVM-B01 #1 → HVM-B02 Auto)" */
static char *
describe_entry (BnPolicyEntry *entry)
{
  g_autofree char *dst = format_lpar_number (bn_policy_entry_get_destination_lpar (entry));

  /* Translators: an entry of a policy: "ERP01 (HVM-B01 #1 → HVM-B02 Auto)" */
  return g_strdup_printf (_("%s (%s #%u → %s %s)"), bn_policy_entry_get_lpar_name (entry),
                          bn_policy_entry_get_source_hvm (entry),
                          bn_policy_entry_get_source_lpar (entry),
                          bn_policy_entry_get_destination_hvm (entry), dst);
}

static const char *
entry_state_label (BnEntryState state)
{
  switch (state)
    {
    case BN_ENTRY_STATE_RUNNING:
      return _("Running");
    case BN_ENTRY_STATE_DONE:
      return _("Done");
    case BN_ENTRY_STATE_SKIPPED:
      return _("Skipped");
    case BN_ENTRY_STATE_FAILED:
      return _("Failed");
    case BN_ENTRY_STATE_PENDING:
    default:
      return _("Not run");
    }
}

/* The process icons of the Migration Progress window: the done one is the manual's check
 * mark (図 3-94). */
static const char *
entry_state_icon (BnEntryState state)
{
  switch (state)
    {
    case BN_ENTRY_STATE_RUNNING:
      return "bn-step-running-symbolic";
    case BN_ENTRY_STATE_DONE:
      return "bn-step-done-symbolic";
    case BN_ENTRY_STATE_SKIPPED:
      return "action-unavailable-symbolic";
    case BN_ENTRY_STATE_FAILED:
      return "bn-step-failed-symbolic";
    case BN_ENTRY_STATE_PENDING:
    default:
      return "bn-step-waiting-symbolic";
    }
}

static void
toast (BnPolicyWindow *self,
       const char     *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
show_error (BnPolicyWindow *self,
            const char     *heading,
            const char     *message)
{
  GtkWindow *dialog = bn_ui_show_error (GTK_WINDOW (self), heading, message);

  gtk_widget_set_name (GTK_WIDGET (dialog), "policy-error-dialog");
  g_set_weak_pointer (&self->dialog, dialog);
}

/* ---- what is shown ---- */

static BnPolicy *
shown (BnPolicyWindow *self)
{
  return self->edit ? self->edit : self->stored;
}

static BnPolicyRunState
run_state (BnPolicyWindow *self)
{
  return self->stored ? bn_policy_get_run_state (self->stored) : BN_POLICY_RUN_IDLE;
}

/* The run is this process's: Stop, End, Continue, Retry and Skip go to its runner. */
static gboolean
active_here (BnPolicyWindow *self)
{
  return self->runner != NULL && bn_policy_runner_is_active (self->runner);
}

/* A run is recorded but no runner here holds it: another console runs it, or one that
 * stopped left it (Execute takes it over then). */
static gboolean
run_elsewhere (BnPolicyWindow *self)
{
  BnPolicyRunState state = run_state (self);

  return !active_here (self) && (state == BN_POLICY_RUN_RUNNING ||
                                 state == BN_POLICY_RUN_STOPPED ||
                                 state == BN_POLICY_RUN_PAUSED);
}

static guint
selected_position (BnPolicyWindow *self)
{
  return gtk_single_selection_get_selected (self->selection);
}

static BnPolicyEntry *
selected_entry (BnPolicyWindow *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
count_entries (BnPolicy *policy,
               guint    *done,
               guint    *skipped,
               guint    *failed,
               gint     *next)
{
  guint n = bn_policy_get_n_entries (policy);

  *done = *skipped = *failed = 0;
  *next = -1;
  for (guint i = 0; i < n; i++)
    {
      BnEntryState state = bn_policy_entry_get_state (bn_policy_get_entry (policy, i));

      if (state == BN_ENTRY_STATE_DONE)
        (*done)++;
      else if (state == BN_ENTRY_STATE_SKIPPED)
        (*skipped)++;
      else if (state == BN_ENTRY_STATE_FAILED)
        (*failed)++;
      if (*next < 0 && (state == BN_ENTRY_STATE_PENDING || state == BN_ENTRY_STATE_FAILED ||
                        state == BN_ENTRY_STATE_RUNNING))
        *next = i;
    }
}

/* ---- the entries grid (Migration Information) ---- */

/* "HVM-B01 #4" */
static char *
format_source (GObject *item)
{
  BnPolicyEntry *entry = BN_POLICY_ENTRY (item);

  return g_strdup_printf ("%s #%u", bn_policy_entry_get_source_hvm (entry),
                          bn_policy_entry_get_source_lpar (entry));
}

/* "HVM-B02 #6", "HVM-B02 Auto" */
static char *
format_destination (GObject *item)
{
  BnPolicyEntry *entry = BN_POLICY_ENTRY (item);
  g_autofree char *number = format_lpar_number (bn_policy_entry_get_destination_lpar (entry));

  return g_strdup_printf ("%s %s", bn_policy_entry_get_destination_hvm (entry), number);
}

/* short: the whole policy has one mode, which the heading above the grid names in full */
static char *
format_mode (GObject *item)
{
  if (bn_policy_entry_get_mode (BN_POLICY_ENTRY (item)) == BN_MIGRATION_MODE_CONCURRENT)
    return g_strdup (C_("mode, short", "Concurrent"));
  return g_strdup (C_("mode, short", "Shutdown"));
}

static char *
format_lpar_name (GObject *item)
{
  return g_strdup (bn_policy_entry_get_lpar_name (BN_POLICY_ENTRY (item)));
}

static char *
format_error (GObject *item)
{
  return g_strdup (bn_policy_entry_get_error (BN_POLICY_ENTRY (item)));
}

static char *
format_finished (GObject *item)
{
  return bn_ui_format_time (bn_policy_entry_get_finished_at (BN_POLICY_ENTRY (item)));
}

/* No.: the row's position + 1, which changes under the row when Up, Down or Delete moves
 * the entries around it. */
static void
number_refresh (GtkListItem *list_item)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  guint position = gtk_list_item_get_position (list_item);
  g_autofree char *text = position == GTK_INVALID_LIST_POSITION
                          ? g_strdup ("") : g_strdup_printf ("%u", position + 1);

  gtk_label_set_text (GTK_LABEL (label), text);
}

static void
number_position_cb (GtkListItem *list_item,
                    GParamSpec  *pspec,
                    gpointer     user_data)
{
  number_refresh (list_item);
}

static void
number_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
  g_signal_connect (list_item, "notify::position", G_CALLBACK (number_position_cb), NULL);
}

static void
number_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  number_refresh (list_item);
}

static void
entry_state (GObject     *item,
             const char **icon_name,
             const char **text,
             const char **css_class)
{
  BnEntryState state = bn_policy_entry_get_state (BN_POLICY_ENTRY (item));

  *icon_name = entry_state_icon (state);
  *text = entry_state_label (state);
  if (state == BN_ENTRY_STATE_DONE)
    *css_class = "success";
  else if (state == BN_ENTRY_STATE_FAILED)
    *css_class = "error";
  else if (state == BN_ENTRY_STATE_RUNNING)
    *css_class = "accent";
}

static void
setup_entry_view (BnPolicyWindow *self)
{
  GtkListItemFactory *number = gtk_signal_list_item_factory_new ();
  GtkListItemFactory *state = bn_ui_state_factory_new (BN_TYPE_POLICY_ENTRY, entry_state, NULL);
  struct {
    const char         *title;
    GtkListItemFactory *factory;
    gboolean            expand;
  } columns[] = {
    { _("No."), number, FALSE },
    { _("State"), state, FALSE },
    { _("LPAR Name"), bn_ui_text_factory_new (BN_TYPE_POLICY_ENTRY, NULL, format_lpar_name,
                                              "bn-strong"), FALSE },
    /* Translators: column title: the source HVM and LPAR number, "HVM-B01 #4" */
    { C_("column", "Source"),
      bn_ui_text_factory_new (BN_TYPE_POLICY_ENTRY, NULL, format_source, NULL), FALSE },
    /* Translators: column title: the destination HVM and LPAR number or Auto */
    { C_("column", "Destination"),
      bn_ui_text_factory_new (BN_TYPE_POLICY_ENTRY, NULL, format_destination, NULL), FALSE },
    { _("Mode"), bn_ui_text_factory_new (BN_TYPE_POLICY_ENTRY, NULL, format_mode, NULL),
      FALSE },
    { _("Finished"), bn_ui_text_factory_new (BN_TYPE_POLICY_ENTRY, NULL, format_finished,
                                             "numeric"), FALSE },
    { _("Error"), bn_ui_text_factory_new (BN_TYPE_POLICY_ENTRY, NULL, format_error, "error"),
      TRUE },
  };

  g_signal_connect (number, "setup", G_CALLBACK (number_setup_cb), NULL);
  g_signal_connect (number, "bind", G_CALLBACK (number_bind_cb), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = bn_ui_column_new (columns[i].title,
                                                                columns[i].factory,
                                                                columns[i].expand, NULL);

      gtk_column_view_append_column (self->entry_view, column);
    }

  self->no_entries = g_list_store_new (BN_TYPE_POLICY_ENTRY);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->no_entries)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->entry_view, GTK_SELECTION_MODEL (self->selection));
}

/* ---- sync: buttons, labels, the status line, the decision banner ---- */

/* An action's state and why it is off: the tooltip says it, so a greyed button explains
 * itself. */
static void
enable (BnPolicyWindow *self,
        const char     *action,
        GtkWidget      *button,
        gboolean        enabled,
        const char     *what,
        const char     *why_not)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), action, enabled);
  if (button != NULL)
    bn_ui_set_tooltip (button, enabled || why_not == NULL ? what : why_not);
}

static void
sync_buttons (BnPolicyWindow *self)
{
  BnPolicy *policy = shown (self);
  BnPolicyRunState state = run_state (self);
  gboolean editing = self->edit != NULL;
  gboolean here = active_here (self);
  guint n = policy ? bn_policy_get_n_entries (policy) : 0;
  guint position = selected_position (self);
  gboolean has_selection = position != GTK_INVALID_LIST_POSITION && position < n;
  gboolean has_mode = FALSE;
  BnMigrationMode mode = BN_MIGRATION_MODE_SHUTDOWN;
  g_autofree char *mixed = NULL;
  const char *release_first = _("Release the policy first: Execute runs what is saved");
  const char *modify_first = _("Click Modify to change the policy");
  const char *running = _("The policy is being run: Stop it and End the run before changing "
                          "it");
  const char *select_first = _("Select an entry in Migration Information first");

  if (policy != NULL)
    has_mode = bn_policy_get_mode (policy, &mode);
  if (has_mode)
    /* Translators: why Add [Shutdown] or Add [Concurrent Maintenance] is off */
    mixed = g_strdup_printf (_("This policy holds %s entries: a policy cannot mix Shutdown and "
                               "Concurrent Maintenance entries (§5.33)"),
                             bn_ui_mode_label (mode));

  gtk_widget_set_sensitive (GTK_WIDGET (self->policy_dropdown), !editing);
  bn_ui_set_tooltip (GTK_WIDGET (self->policy_dropdown),
                     editing ? _("Release the policy being edited to choose another one")
                             : _("The saved migration policies"));
  enable (self, "policy.new", self->new_button, !editing,
          _("Create a migration policy and start editing it"),
          _("Release the policy being edited first"));
  enable (self, "policy.modify", self->modify_button, !editing && self->stored && !here,
          _("Edit this policy: add, delete and reorder entries, change the comment"),
          editing ? _("The policy is being edited") : self->stored == NULL
          ? _("Choose a policy first") : running);
  enable (self, "policy.release", self->release_button, editing,
          _("Stop editing; changes not saved are discarded (you are asked first)"),
          _("Release ends editing; the policy is not being edited"));
  enable (self, "policy.save", self->save_button, editing && self->dirty,
          _("Save the changes to this policy (Ctrl+S)"),
          editing ? _("Nothing changed since the last Save") : modify_first);
  enable (self, "policy.save-as", self->save_as_button, editing,
          _("Save the policy as it is now under a new name; the original stays as it was "
            "saved"),
          modify_first);
  enable (self, "policy.add-shutdown", self->add_shutdown_button,
          editing && (!has_mode || mode == BN_MIGRATION_MODE_SHUTDOWN),
          _("Add an entry that moves an LPAR in Shutdown mode"),
          editing ? mixed : modify_first);
  enable (self, "policy.add-concurrent", self->add_concurrent_button,
          editing && (!has_mode || mode == BN_MIGRATION_MODE_CONCURRENT),
          _("Add an entry that moves a running LPAR in Concurrent Maintenance mode"),
          editing ? mixed : modify_first);
  enable (self, "policy.up", self->up_button, editing && has_selection && position > 0,
          _("Run the selected entry one place earlier (Alt+Up)"),
          !editing ? modify_first : !has_selection ? select_first
          : _("The selected entry is already the first"));
  enable (self, "policy.down", self->down_button, editing && has_selection && position + 1 < n,
          _("Run the selected entry one place later (Alt+Down)"),
          !editing ? modify_first : !has_selection ? select_first
          : _("The selected entry is already the last"));
  enable (self, "policy.delete-entry", self->delete_button, editing && has_selection,
          _("Remove the selected entry from the policy (Delete)"),
          !editing ? modify_first : select_first);
  enable (self, "policy.show-config", self->show_config_button, has_selection,
          _("Check the source and destination of the selected entry (Migration Config "
            "Viewer)"), select_first);
  enable (self, "policy.execute", self->execute_button,
          !editing && n > 0 && !here && state != BN_POLICY_RUN_RUNNING,
          run_elsewhere (self)
          ? _("Take the run over from the console that left it, at its first unfinished entry")
          : _("Run the entries one after the other, from No. 1"),
          editing ? release_first : self->stored == NULL ? _("Choose a policy first")
          : n == 0 ? _("The policy has no entries to run")
          : here ? _("The policy is being run")
          : _("Another console is running this policy"));
  enable (self, "policy.stop", self->stop_button,
          state == BN_POLICY_RUN_RUNNING && !(self->runner &&
                                              bn_policy_runner_get_stop_requested (self->runner)),
          _("Stop the run after the entry being moved has finished"),
          state == BN_POLICY_RUN_RUNNING ? _("Stop was requested: the run stops after the "
                                             "entry being moved")
          : _("The policy is not running"));
  enable (self, "policy.show-progress", self->show_progress_button, self->current != NULL,
          _("Open the Migration Progress window of the entry being moved"),
          _("No entry is being moved"));
  enable (self, "policy.evacuate", self->evacuate_button, !editing,
          _("Plan a policy that moves every movable LPAR of one HVM to other HVMs, before "
            "maintenance"), _("Release the policy being edited first"));
  enable (self, "policy.return", self->return_button, !editing,
          _("Plan a policy that brings back, from the Migration History, the LPARs moved off "
            "one HVM"), _("Release the policy being edited first"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "policy.delete-policy",
                                 !editing && self->stored != NULL && !here);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "policy.decide",
                                 here && (state == BN_POLICY_RUN_STOPPED ||
                                          state == BN_POLICY_RUN_PAUSED));
  gtk_widget_set_visible (self->show_progress_button, self->current != NULL);
}

static void
set_status (BnPolicyWindow *self,
            const char     *icon,
            const char     *css,
            const char     *title,
            const char     *detail)
{
  static const char *classes[] = { "success", "warning", "error", "accent" };

  gtk_image_set_from_icon_name (self->status_icon, icon);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), classes[i]);
  if (css != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), css);
  gtk_label_set_text (self->status_title, title);
  gtk_label_set_text (self->status_detail, detail ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_detail), detail != NULL && *detail != '\0');
}

static void
sync_status (BnPolicyWindow *self)
{
  BnPolicy *policy = self->stored;
  BnPolicyRunState state = run_state (self);
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  guint done, skipped, failed, n;
  gint next, position;

  if (policy == NULL)
    {
      set_status (self, "view-list-symbolic", NULL, _("No policy chosen"),
                  _("New creates a policy; Evacuate HVM… and Return to HVM… plan one from "
                    "the fleet."));
      return;
    }
  n = bn_policy_get_n_entries (policy);
  count_entries (policy, &done, &skipped, &failed, &next);
  position = self->runner ? bn_policy_runner_get_position (self->runner) : -1;
  if (position < 0 || (guint) position >= n)
    position = next;

  if (self->edit != NULL && !active_here (self) && !run_elsewhere (self))
    {
      title = g_strdup_printf (_("Editing policy “%s”"), bn_policy_get_name (self->edit));
      set_status (self, "document-edit-symbolic", "accent", title,
                  _("Save or Save as keeps the changes. Release ends editing; then Execute runs "
                    "the policy as it was saved."));
      return;
    }

  if (run_elsewhere (self))
    {
      set_status (self, "dialog-information-symbolic", "accent",
                  state == BN_POLICY_RUN_RUNNING
                  ? _("Being run by another console")
                  : _("Left waiting for a decision by another console"),
                  _("Stop asks that console to stop after its running entry. If that console "
                    "is gone, Execute takes the run over here at its first unfinished entry."));
      return;
    }

  switch (state)
    {
    case BN_POLICY_RUN_RUNNING:
      if (position >= 0)
        {
          g_autofree char *what = describe_entry (bn_policy_get_entry (policy, position));

          if (self->runner && bn_policy_runner_get_stop_requested (self->runner))
            title = g_strdup_printf (_("Stop requested: the run stops when entry No. %d, %s, "
                                       "has finished"), position + 1, what);
          else
            /* Translators: "Running entry No. 2 of 4: ERP02 (HVM-B01 #2 → HVM-B02 Auto)" */
            title = g_strdup_printf (_("Running entry No. %d of %u: %s"), position + 1, n, what);
        }
      else
        title = g_strdup (_("Running"));
      if (self->current != NULL)
        {
          const char *info = bn_migration_get_information (self->current);
          const char *progress = bn_migration_get_progress_text (self->current);

          detail = g_strdup (info && *info ? info : progress);
        }
      else
        detail = g_strdup (_("Reading the source and destination HVMs again before the move…"));
      set_status (self, "media-playback-start-symbolic", "accent", title, detail);
      break;
    case BN_POLICY_RUN_STOPPED:
      if (next >= 0)
        title = g_strdup_printf (_("Stopped: %u of %u entries done. End the run, or Continue "
                                   "with No. %d"), done, n, next + 1);
      else
        title = g_strdup_printf (_("Stopped: %u of %u entries done"), done, n);
      set_status (self, "media-playback-pause-symbolic", "warning", title, NULL);
      break;
    case BN_POLICY_RUN_PAUSED:
      {
        BnPolicyEntry *entry = position >= 0 ? bn_policy_get_entry (policy, position) : NULL;

        title = g_strdup_printf (_("Entry No. %d failed: Retry, Skip or End"), position + 1);
        set_status (self, "dialog-error-symbolic", "error", title,
                    entry ? bn_policy_entry_get_error (entry) : NULL);
      }
      break;
    case BN_POLICY_RUN_FINISHED:
      title = g_strdup (bn_ui_message ("migration-completed"));
      if (skipped > 0)
        detail = g_strdup_printf (_("%u of %u entries done, %u skipped"), done, n, skipped);
      else
        detail = g_strdup_printf (_("%u of %u entries done"), done, n);
      set_status (self, "emblem-ok-symbolic", "success", title, detail);
      break;
    case BN_POLICY_RUN_ENDED:
      title = g_strdup_printf (_("The run was ended: %u of %u entries done"), done, n);
      set_status (self, "media-playback-stop-symbolic", NULL, title,
                  _("Execute starts again from No. 1."));
      break;
    case BN_POLICY_RUN_IDLE:
    default:
      set_status (self, "view-list-symbolic", NULL,
                  n == 0 ? _("No entries yet") : _("Not run yet"),
                  n == 0 ? _("Modify, then Add [Shutdown] or Add [Concurrent Maintenance], "
                             "adds entries.")
                         : _("Execute runs the entries one after the other, from No. 1."));
      break;
    }
}

static void
sync_labels (BnPolicyWindow *self)
{
  BnPolicy *policy = shown (self);
  BnMigrationMode mode;
  g_autofree char *subtitle = NULL;

  if (policy == NULL)
    adw_window_title_set_subtitle (self->window_title, "");
  else if (self->edit != NULL)
    {
      /* Translators: window subtitle: the policy's name, while it is being edited */
      subtitle = g_strdup_printf (_("%s (editing)"), bn_policy_get_name (policy));
      adw_window_title_set_subtitle (self->window_title, subtitle);
    }
  else
    adw_window_title_set_subtitle (self->window_title, bn_policy_get_name (policy));

  if (policy == NULL)
    gtk_label_set_text (self->mode_label, "");
  else if (bn_policy_get_mode (policy, &mode))
    {
      g_autofree char *text = NULL;

      /* Translators: "4 entries · Concurrent Maintenance" */
      text = g_strdup_printf (ngettext ("%u entry · %s", "%u entries · %s",
                                        bn_policy_get_n_entries (policy)),
                              bn_policy_get_n_entries (policy), bn_ui_mode_label (mode));
      gtk_label_set_text (self->mode_label, text);
    }
  else
    gtk_label_set_text (self->mode_label, _("No entries: the first entry added decides the "
                                            "policy’s mode"));

  if (self->edit == NULL)
    gtk_label_set_text (self->editing_label, "");
  else if (self->dirty)
    gtk_label_set_text (self->editing_label, _("Editing · changes not saved"));
  else
    gtk_label_set_text (self->editing_label, _("Editing · saved"));

  gtk_editable_set_editable (self->comment_entry, self->edit != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->comment_entry), policy != NULL);
  self->syncing++;
  if (policy != NULL &&
      g_strcmp0 (gtk_editable_get_text (self->comment_entry), bn_policy_get_comment (policy)) != 0)
    gtk_editable_set_text (self->comment_entry, bn_policy_get_comment (policy));
  else if (policy == NULL)
    gtk_editable_set_text (self->comment_entry, "");
  self->syncing--;
  bn_ui_set_tooltip (GTK_WIDGET (self->comment_entry),
                     policy && g_utf8_strlen (bn_policy_get_comment (policy), -1) > 60
                     ? bn_policy_get_comment (policy) : NULL);

  if (policy != NULL && bn_policy_get_n_entries (policy) > 0)
    gtk_stack_set_visible_child_name (self->entries_stack, "entries");
  else
    {
      gtk_stack_set_visible_child_name (self->entries_stack, "empty");
      if (g_list_model_get_n_items (bn_policies_get_list (self->policies)) == 0)
        {
          adw_status_page_set_title (self->empty_page, _("No migration policies yet"));
          adw_status_page_set_description (self->empty_page,
                                           _("New creates one; Evacuate HVM… plans one that "
                                             "empties an HVM before maintenance."));
        }
      else if (policy == NULL)
        {
          adw_status_page_set_title (self->empty_page, _("Choose a policy"));
          adw_status_page_set_description (self->empty_page, NULL);
        }
      else
        {
          adw_status_page_set_title (self->empty_page, _("This policy has no entries"));
          adw_status_page_set_description (self->empty_page, self->edit
                                           ? _("Add [Shutdown] or Add [Concurrent "
                                               "Maintenance] adds the moves, in the order "
                                               "they are to run.")
                                           : _("Modify, then Add [Shutdown] or Add "
                                               "[Concurrent Maintenance]."));
        }
    }
}

/* ---- the Confirmation of 図 3-96 (End / Continue) and 図 6-2 (Retry / Skip / End) ---- */

static int
decision_key (BnPolicyWindow *self)
{
  BnPolicyRunState state = run_state (self);
  gint position = self->runner ? bn_policy_runner_get_position (self->runner) : -1;

  if (!active_here (self) || (state != BN_POLICY_RUN_STOPPED && state != BN_POLICY_RUN_PAUSED))
    return 0;
  return state * 10000 + position + 1;
}

static gboolean
decide (BnPolicyWindow *self,
        const char     *what)
{
  g_autoptr(GError) error = NULL;
  BnPolicyDecision decision;

  if (g_str_equal (what, "continue"))
    decision = BN_POLICY_DECISION_CONTINUE;
  else if (g_str_equal (what, "retry"))
    decision = BN_POLICY_DECISION_RETRY;
  else if (g_str_equal (what, "skip"))
    decision = BN_POLICY_DECISION_SKIP;
  else if (g_str_equal (what, "end"))
    decision = BN_POLICY_DECISION_END;
  else
    return FALSE;
  if (self->runner == NULL || !bn_policy_runner_decide (self->runner, decision, &error))
    {
      show_error (self, _("The run could not go on"),
                  error ? error->message : _("The policy is not waiting for a decision"));
      return FALSE;
    }
  return TRUE;
}

static void
prompt_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    BnPolicyWindow   *self)
{
  int key = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "bn-key"));

  /* the dialog closes itself after this: the sync that follows the decision must not */
  if (self->prompt == GTK_WINDOW (dialog))
    g_clear_weak_pointer (&self->prompt);
  if (g_str_equal (response, "later"))
    {
      /* closed without a choice: the banner keeps the buttons, the dialog stays away */
      self->dismissed_key = key;
      return;
    }
  decide (self, response);
}

static void
show_prompt (BnPolicyWindow *self)
{
  BnPolicyRunState state = run_state (self);
  gint position = self->runner ? bn_policy_runner_get_position (self->runner) : -1;
  BnPolicyEntry *entry = position >= 0 ? bn_policy_get_entry (self->stored, position) : NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (state == BN_POLICY_RUN_STOPPED)
    {
      guint done, skipped, failed;
      gint next;

      count_entries (self->stored, &done, &skipped, &failed, &next);
      heading = g_strdup (bn_ui_message ("policy-stopped"));
      if (next >= 0)
        {
          g_autofree char *what = describe_entry (bn_policy_get_entry (self->stored, next));

          body = g_strdup_printf (_("Policy “%s”: %u of %u entries done. Continue runs No. %d, "
                                    "%s, and the rest."), bn_policy_get_name (self->stored),
                                  done, bn_policy_get_n_entries (self->stored), next + 1, what);
        }
      else
        body = g_strdup_printf (_("Policy “%s”: every entry has run."),
                                bn_policy_get_name (self->stored));
    }
  else
    {
      g_autofree char *no = g_strdup_printf ("%d", position + 1);
      g_autofree char *what = entry ? describe_entry (entry) : g_strdup ("");

      heading = bn_catalogue_format_message (bn_catalogue_get_default (), "policy-entry-error",
                                             "no", no, NULL);
      body = g_strdup_printf (_("Policy “%s”, entry No. %d: %s\n\n%s\n\nRead the error in the "
                                "Migration Progress window and check the entry with Show "
                                "Config. Fix the cause and Retry, or Skip the entry, or End "
                                "the run."),
                              bn_policy_get_name (self->stored), position + 1, what,
                              entry && bn_policy_entry_get_error (entry)
                              ? bn_policy_entry_get_error (entry) : "");
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  gtk_window_set_title (GTK_WINDOW (dialog), _("Confirmation"));
  gtk_window_set_default_size (GTK_WINDOW (dialog), 520, -1);
  /* not modal: the operator looks at Show Config and the Progress window before choosing */
  gtk_window_set_modal (GTK_WINDOW (dialog), FALSE);
  if (state == BN_POLICY_RUN_STOPPED)
    {
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "end", C_("policy", "En_d"),
                                        "continue", C_("policy", "_Continue"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "continue",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "continue");
    }
  else
    {
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "retry", C_("policy", "Retr_y"),
                                        "skip", C_("policy", "S_kip"),
                                        "end", C_("policy", "En_d"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "retry",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "end",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "retry");
    }
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  gtk_widget_set_name (dialog, state == BN_POLICY_RUN_STOPPED ? "policy-stopped-dialog"
                                                              : "policy-error-dialog");
  g_object_set_data (G_OBJECT (dialog), "bn-key", GINT_TO_POINTER (self->prompt_key));
  g_signal_connect_object (dialog, "response", G_CALLBACK (prompt_response_cb), self, 0);
  g_set_weak_pointer (&self->prompt, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sync_decision (BnPolicyWindow *self)
{
  BnPolicyRunState state = run_state (self);
  int key = decision_key (self);
  gboolean stopped = state == BN_POLICY_RUN_STOPPED;

  gtk_revealer_set_reveal_child (self->decision_revealer, key != 0);
  if (key != 0)
    {
      gint position = bn_policy_runner_get_position (self->runner);
      g_autofree char *text = NULL;

      gtk_widget_set_visible (self->retry_button, !stopped);
      gtk_widget_set_visible (self->skip_button, !stopped);
      gtk_widget_set_visible (self->continue_button, stopped);
      gtk_image_set_from_icon_name (self->decision_icon, stopped ? "media-playback-pause-symbolic"
                                                                 : "dialog-error-symbolic");
      gtk_widget_remove_css_class (self->decision_box, stopped ? "bn-error" : "bn-warning");
      gtk_widget_add_css_class (self->decision_box, stopped ? "bn-warning" : "bn-error");
      if (stopped)
        text = g_strdup (_("The run is stopped. End it, or Continue with the next entry."));
      else
        text = g_strdup_printf (_("Entry No. %d failed. Fix the cause and Retry, or Skip it, or "
                                  "End the run."), position + 1);
      gtk_label_set_text (self->decision_label, text);
    }

  if (self->prompt != NULL && self->prompt_key == key)
    return;
  if (self->prompt != NULL)
    {
      GtkWindow *old = self->prompt;

      g_clear_weak_pointer (&self->prompt);
      gtk_window_destroy (old);
    }
  self->prompt_key = key;
  if (key != 0 && key != self->dismissed_key && gtk_widget_get_visible (GTK_WIDGET (self)))
    show_prompt (self);
}

static void
sync_all (BnPolicyWindow *self)
{
  sync_labels (self);
  sync_status (self);
  sync_buttons (self);
  sync_decision (self);
}

/* ---- the run ---- */

/* The Migration Progress window of the run (図 3-92): it follows the runner from entry to
 * entry by itself.  "show-progress" tells who watches which move is being shown. */
static void
open_progress (BnPolicyWindow *self,
               BnMigration    *run)
{
  BnProgressWindow *progress = bn_progress_window_show_policy (self->application, self->runner);

  g_set_weak_pointer (&self->progress, GTK_WINDOW (progress));
  g_signal_emit (self, signals[SHOW_PROGRESS], 0, run);
}

static void
current_notify_cb (BnPolicyWindow *self)
{
  sync_status (self);
}

static void
set_current (BnPolicyWindow *self,
             BnMigration    *run)
{
  if (self->current == run)
    return;
  if (self->current != NULL)
    g_signal_handlers_disconnect_by_func (self->current, current_notify_cb, self);
  g_set_object (&self->current, run);
  if (run != NULL)
    {
      g_signal_connect_object (run, "notify::information", G_CALLBACK (current_notify_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (run, "notify::progress-text", G_CALLBACK (current_notify_cb),
                               self, G_CONNECT_SWAPPED);
    }
}

static void
runner_current_cb (BnPolicyWindow *self)
{
  set_current (self, bn_policy_runner_get_current (self->runner));
  sync_all (self);
}

static void
entry_started_cb (BnPolicyWindow *self,
                  BnPolicyEntry  *entry,
                  BnMigration    *run)
{
  /* the first move of a run opens the Progress window (図 3-92), which then follows the
   * run; an operator who closed it is not pestered by the next entry */
  if (g_object_get_data (G_OBJECT (self->runner), "bn-progress-shown") == NULL)
    {
      g_object_set_data (G_OBJECT (self->runner), "bn-progress-shown", GINT_TO_POINTER (1));
      open_progress (self, run);
    }
}

static void
runner_finished_cb (BnPolicyWindow *self)
{
  g_object_set_data (G_OBJECT (self->runner), "bn-progress-shown", NULL);
}

static void
stored_notify_cb (BnPolicyWindow *self)
{
  sync_all (self);
}

static void
detach (BnPolicyWindow *self)
{
  if (self->runner != NULL)
    g_signal_handlers_disconnect_by_data (self->runner, self);
  if (self->stored != NULL)
    g_signal_handlers_disconnect_by_data (self->stored, self);
  g_clear_object (&self->runner);
  g_clear_object (&self->stored);
  set_current (self, NULL);
}

/* Follows the policy named in the combo: the stored object (the runner's while it runs, as
 * that one changes as the run goes on) and its run. */
static void
attach (BnPolicyWindow *self)
{
  BnPolicy *stored = self->name ? bn_policies_find (self->policies, self->name) : NULL;
  BnPolicyRunner *runner = self->name ? bn_policies_find_runner (self->policies, self->name)
                                      : NULL;

  if (runner != NULL && bn_policy_runner_is_active (runner))
    stored = bn_policy_runner_get_policy (runner);
  if (stored == self->stored && runner == self->runner)
    return;
  detach (self);
  if (stored != NULL)
    {
      self->stored = g_object_ref (stored);
      g_signal_connect_object (stored, "notify::run-state", G_CALLBACK (stored_notify_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (stored, "notify::comment", G_CALLBACK (stored_notify_cb), self,
                               G_CONNECT_SWAPPED);
    }
  if (runner != NULL)
    {
      self->runner = g_object_ref (runner);
      g_signal_connect_object (runner, "notify::run-state", G_CALLBACK (stored_notify_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (runner, "notify::position", G_CALLBACK (stored_notify_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (runner, "notify::stop-requested", G_CALLBACK (stored_notify_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (runner, "notify::current", G_CALLBACK (runner_current_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (runner, "entry-started", G_CALLBACK (entry_started_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (runner, "finished", G_CALLBACK (runner_finished_cb), self,
                               G_CONNECT_SWAPPED);
      set_current (self, bn_policy_runner_get_current (runner));
      if (bn_policy_runner_is_active (runner))
        watch_runner (self->application, runner);
    }
}

/* ---- the entries model ---- */

static void
edit_entries_changed_cb (BnPolicyWindow *self)
{
  if (self->syncing == 0)
    self->dirty = TRUE;
  sync_all (self);
}

static void
rebind (BnPolicyWindow *self)
{
  BnPolicy *policy = shown (self);
  GListModel *model = policy ? bn_policy_get_entries (policy)
                             : G_LIST_MODEL (self->no_entries);
  guint position = selected_position (self);

  if (gtk_single_selection_get_model (self->selection) != model)
    {
      gtk_single_selection_set_model (self->selection, model);
      if (position != GTK_INVALID_LIST_POSITION && position < g_list_model_get_n_items (model))
        gtk_single_selection_set_selected (self->selection, position);
      else
        gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
    }
  sync_all (self);
}

static void
set_edit (BnPolicyWindow *self,
          BnPolicy       *edit)
{
  if (self->edit != NULL)
    g_signal_handlers_disconnect_by_data (bn_policy_get_entries (self->edit), self);
  g_set_object (&self->edit, edit);
  self->dirty = FALSE;
  if (edit != NULL)
    g_signal_connect_object (bn_policy_get_entries (edit), "items-changed",
                             G_CALLBACK (edit_entries_changed_cb), self, G_CONNECT_SWAPPED);
  rebind (self);
}

/* ---- the combo of saved policies ---- */

static guint
find_position (BnPolicyWindow *self,
               const char     *name)
{
  GListModel *list = bn_policies_get_list (self->policies);

  for (guint i = 0; name != NULL && i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(BnPolicy) policy = g_list_model_get_item (list, i);

      if (g_strcmp0 (bn_policy_get_name (policy), name) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* Puts the combo back on @self->name after the list changed under it. */
static void
sync_combo (BnPolicyWindow *self)
{
  guint position = find_position (self, self->name);

  if (self->name != NULL && position == GTK_INVALID_LIST_POSITION)
    {
      /* deleted (here or by bnctl and a reload): nothing is chosen any more */
      g_clear_pointer (&self->name, g_free);
      set_edit (self, NULL);
    }
  if (gtk_drop_down_get_selected (self->policy_dropdown) != position)
    {
      self->syncing++;
      gtk_drop_down_set_selected (self->policy_dropdown, position);
      self->syncing--;
    }
  attach (self);
  rebind (self);
}

static void
list_changed_cb (BnPolicyWindow *self)
{
  /* Save replaces the stored policy (remove, then insert): wait for the whole change */
  if (self->busy == 0)
    sync_combo (self);
}

static void
dropdown_selected_cb (BnPolicyWindow *self)
{
  BnPolicy *policy = gtk_drop_down_get_selected_item (self->policy_dropdown);

  if (self->syncing > 0 || self->busy > 0)
    return;
  if (self->edit != NULL || policy == NULL)
    {
      /* the combo is off while editing; a change of the list moved it: put it back */
      sync_combo (self);
      return;
    }
  if (g_strcmp0 (bn_policy_get_name (policy), self->name) != 0)
    {
      g_free (self->name);
      self->name = g_strdup (bn_policy_get_name (policy));
      self->dismissed_key = 0;
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
    }
  attach (self);
  rebind (self);
}

gboolean
bn_policy_window_select_policy (BnPolicyWindow *self,
                                const char     *policy_name)
{
  g_return_val_if_fail (BN_IS_POLICY_WINDOW (self), FALSE);

  if (g_strcmp0 (policy_name, self->name) == 0)
    return TRUE;
  if (self->edit != NULL || find_position (self, policy_name) == GTK_INVALID_LIST_POSITION)
    return FALSE;
  g_free (self->name);
  self->name = g_strdup (policy_name);
  self->dismissed_key = 0;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  sync_combo (self);
  return TRUE;
}

/* ---- editing ---- */

static void
begin_editing (BnPolicyWindow *self)
{
  g_autoptr(BnPolicy) copy = NULL;

  /* the stored object from the list: a runner's object may be an older one */
  if (self->name == NULL || bn_policies_find (self->policies, self->name) == NULL)
    return;
  copy = bn_policy_copy (bn_policies_find (self->policies, self->name));
  set_edit (self, copy);
}

static void
name_chosen_new_cb (BnPolicyWindow *self,
                    const char     *name)
{
  g_autoptr(GError) error = NULL;
  BnPolicy *created;

  self->busy++;
  created = bn_policies_create (self->policies, name, "", &error);
  self->busy--;
  sync_combo (self);
  if (created == NULL)
    {
      show_error (self, _("The policy was not created"), error->message);
      return;
    }
  bn_policy_window_select_policy (self, name);
  /* §3.3.1: a new policy is filled in at once */
  begin_editing (self);
}

static void
open_name_dialog (BnPolicyWindow *self,
                  const char     *title,
                  const char     *initial,
                  GCallback       chosen)
{
  BnPolicyNameDialog *dialog = bn_policy_name_dialog_new (self->policies, title, initial);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "chosen", chosen, self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_name_dialog (BN_POLICY_WINDOW (widget), _("New Policy"), NULL,
                    G_CALLBACK (name_chosen_new_cb));
}

static void
modify_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BnPolicyWindow *self = BN_POLICY_WINDOW (widget);

  if (self->edit == NULL && !active_here (self))
    begin_editing (self);
}

static void
end_editing (BnPolicyWindow *self)
{
  set_edit (self, NULL);
  attach (self);
  rebind (self);
}

typedef void (*AfterDiscard) (BnPolicyWindow *self);

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     BnPolicyWindow   *self)
{
  AfterDiscard after = g_object_get_data (G_OBJECT (dialog), "bn-after");

  if (!g_str_equal (response, "ok"))
    return;
  end_editing (self);
  if (after != NULL)
    after (self);
}

/* Release (図 3-90): changes not saved are lost, so it asks first. */
static void
ask_discard (BnPolicyWindow *self,
             AfterDiscard    after)
{
  GtkWidget *dialog;
  g_autofree char *heading = NULL;

  if (!self->dirty)
    {
      end_editing (self);
      if (after != NULL)
        after (self);
      return;
    }
  heading = g_strdup_printf (_("Discard the changes to policy “%s”?"),
                             bn_policy_get_name (self->edit));
  dialog = GTK_WIDGET (bn_ui_confirm_new (GTK_WINDOW (self), heading,
                                          _("The changes made since the last Save are lost; "
                                            "the policy stays as it was saved. Save or Save "
                                            "as keeps them."),
                                          _("_Discard Changes"), TRUE));
  gtk_widget_set_name (dialog, "policy-discard-dialog");
  g_object_set_data (G_OBJECT (dialog), "bn-after", after);
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);
  g_set_weak_pointer (&self->dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
release_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BnPolicyWindow *self = BN_POLICY_WINDOW (widget);

  if (self->edit != NULL)
    ask_discard (self, NULL);
}

static void
show_notice (BnPolicyWindow *self,
             const char     *title,
             const char     *heading,
             const char     *body,
             const char     *name)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  gtk_window_set_title (GTK_WINDOW (dialog), title);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "ok", _("_OK"));
  gtk_widget_set_name (dialog, name);
  g_set_weak_pointer (&self->dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Save (図 3-87, 3-88): the stored policy becomes the edited one; editing goes on with a
 * fresh copy of what was stored. */
static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BnPolicyWindow *self = BN_POLICY_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *body = NULL;
  gboolean saved_ok;

  if (self->edit == NULL)
    return;
  self->busy++;
  saved_ok = bn_policies_save (self->policies, self->edit, &error);
  self->busy--;
  sync_combo (self);
  if (!saved_ok)
    {
      show_error (self, _("The policy was not saved"), error->message);
      return;
    }
  begin_editing (self);
  saved = g_strdup (bn_ui_message ("policy-saved"));
  body = g_strdup_printf (ngettext ("Policy “%s”: %u entry.", "Policy “%s”: %u entries.",
                                    bn_policy_get_n_entries (self->edit)),
                          self->name, bn_policy_get_n_entries (self->edit));
  show_notice (self, _("Save Policy"), saved, body, "policy-saved-dialog");
}

static void
save_as_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     BnPolicyWindow   *self)
{
  const char *name = g_object_get_data (G_OBJECT (dialog), "bn-name");
  g_autoptr(GError) error = NULL;
  BnPolicy *copy;

  if (!g_str_equal (response, "ok") || self->edit == NULL)
    return;
  self->busy++;
  copy = bn_policies_save_as (self->policies, self->edit, name, &error);
  self->busy--;
  sync_combo (self);
  if (copy == NULL)
    {
      show_error (self, _("The policy was not saved"), error->message);
      return;
    }
  /* the original stays as it was saved; editing goes on with the new policy */
  set_edit (self, NULL);
  bn_policy_window_select_policy (self, name);
  begin_editing (self);
  {
    g_autofree char *text = g_strdup_printf (_("Saved as policy “%s”"), name);

    toast (self, text);
  }
}

/* Save as (図 3-102, 3-103): the name, then the Confirmation. */
static void
name_chosen_save_as_cb (BnPolicyWindow *self,
                        const char     *name)
{
  g_autofree char *heading = bn_catalogue_format_message (bn_catalogue_get_default (),
                                                          "confirm-policy-save-as", "name",
                                                          name, NULL);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  body = g_strdup_printf (_("A new policy with the %u entries shown; policy “%s” stays as it "
                            "was last saved."), bn_policy_get_n_entries (self->edit), self->name);
  dialog = GTK_WIDGET (bn_ui_confirm_new (GTK_WINDOW (self), heading, body, NULL, FALSE));
  gtk_window_set_title (GTK_WINDOW (dialog), _("Save As Policy"));
  gtk_widget_set_name (dialog, "policy-save-as-dialog");
  g_object_set_data_full (G_OBJECT (dialog), "bn-name", g_strdup (name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_as_response_cb), self, 0);
  g_set_weak_pointer (&self->dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BnPolicyWindow *self = BN_POLICY_WINDOW (widget);

  if (self->edit != NULL)
    open_name_dialog (self, _("Save as Policy"), NULL, G_CALLBACK (name_chosen_save_as_cb));
}

static void
delete_entry_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  BnPolicyWindow *self = BN_POLICY_WINDOW (widget);
  guint position = selected_position (self);
  g_autoptr(GError) error = NULL;
  guint n;

  if (self->edit == NULL || position == GTK_INVALID_LIST_POSITION)
    return;
  if (!bn_policy_remove_entry (self->edit, position, &error))
    {
      show_error (self, _("The entry was not deleted"), error->message);
      return;
    }
  n = bn_policy_get_n_entries (self->edit);
  gtk_single_selection_set_selected (self->selection,
                                     n == 0 ? GTK_INVALID_LIST_POSITION : MIN (position, n - 1));
}

static void
move_entry (BnPolicyWindow *self,
            gint            delta)
{
  guint position = selected_position (self);
  g_autoptr(GError) error = NULL;

  if (self->edit == NULL || position == GTK_INVALID_LIST_POSITION)
    return;
  if (!bn_policy_move_entry (self->edit, position, delta, &error))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  gtk_single_selection_set_selected (self->selection, position + delta);
}

static void
up_action (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  move_entry (BN_POLICY_WINDOW (widget), -1);
}

static void
down_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  move_entry (BN_POLICY_WINDOW (widget), 1);
}

static void
entry_added_cb (BnPolicyWindow *self,
                BnPolicyEntry  *entry)
{
  guint n = self->edit ? bn_policy_get_n_entries (self->edit) : 0;

  if (n > 0)
    {
      gtk_single_selection_set_selected (self->selection, n - 1);
    }
}

static void
open_add_window (BnPolicyWindow  *self,
                 BnMigrationMode  mode)
{
  BnPolicyAddWindow *window;

  if (self->edit == NULL)
    return;
  window = bn_policy_add_window_new (self->engine, self->edit, mode);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  g_signal_connect_object (window, "entry-added", G_CALLBACK (entry_added_cb), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->dialog, GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
}

static void
add_shutdown_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  open_add_window (BN_POLICY_WINDOW (widget), BN_MIGRATION_MODE_SHUTDOWN);
}

static void
add_concurrent_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  open_add_window (BN_POLICY_WINDOW (widget), BN_MIGRATION_MODE_CONCURRENT);
}

/* Show Config (§4.1.1, 図 6-4): the checks of §2.2 for the selected entry as it stands
 * now, in the Migration Config Viewer. */
static void
show_config_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BnPolicyWindow *self = BN_POLICY_WINDOW (widget);
  BnPolicyEntry *entry = selected_entry (self);
  BnMigrationService *service = bn_engine_get_migration_service (self->engine);
  g_autoptr(BnCheckReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;

  if (entry == NULL)
    return;
  report = bn_migration_service_check (service, bn_policy_entry_get_request (entry), &error);
  if (report == NULL)
    {
      g_autofree char *what = describe_entry (entry);
      g_autofree char *body = NULL;

      if (bn_policy_entry_get_state (entry) == BN_ENTRY_STATE_DONE)
        body = g_strdup_printf (_("%s\n\nThe entry has run: its LPAR is no longer at the "
                                  "source."), error->message);
      else
        body = g_strdup_printf (_("%s\n\nRun Update if the fleet changed since the entry was "
                                  "added."), error->message);
      show_error (self, what, body);
      return;
    }
  subtitle = describe_entry (entry);
  bn_config_viewer_present (&self->config_viewer, GTK_WINDOW (self), report, subtitle);
  g_signal_emit (self, signals[SHOW_CONFIG], 0, entry, report);
}

static void
execute_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     BnPolicyWindow   *self)
{
  g_autoptr(GError) error = NULL;
  BnPolicyRunner *runner;

  if (!g_str_equal (response, "ok") || self->name == NULL || self->edit != NULL)
    return;
  runner = bn_policies_get_runner (self->policies, self->name, &error);
  if (runner == NULL)
    {
      show_error (self, _("The policy was not executed"), error->message);
      return;
    }
  self->dismissed_key = 0;
  g_object_set_data (G_OBJECT (runner), "bn-progress-shown", NULL);
  /* connected before it starts, so its first entry-started opens the Progress window */
  detach (self);
  attach (self);
  watch_runner (self->application, runner);
  if (!bn_policy_runner_start (runner, &error))
    {
      show_error (self, _("The policy was not executed"), error->message);
      return;
    }
  attach (self);
  rebind (self);
}

/* Execute (図 3-91): the Confirmation, then the run. */
static void
execute_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BnPolicyWindow *self = BN_POLICY_WINDOW (widget);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  BnMigrationMode mode = BN_MIGRATION_MODE_SHUTDOWN;
  GtkWidget *dialog;
  guint n;

  if (self->stored == NULL || self->edit != NULL)
    return;
  n = bn_policy_get_n_entries (self->stored);
  bn_policy_get_mode (self->stored, &mode);
  heading = bn_catalogue_format_message (bn_catalogue_get_default (), "confirm-policy-execute",
                                         "name", self->name, NULL);
  if (run_elsewhere (self))
    body = g_strdup (_("The run was left unfinished by another console. It goes on here from "
                       "its first unfinished entry; if that console is still running it, you "
                       "are told so and nothing is done."));
  else
    /* Translators: "4 entries in Concurrent Maintenance mode run one after the other, …" */
    body = g_strdup_printf (ngettext ("%u entry in %s mode runs, from No. 1. Stop takes "
                                      "effect after the entry being moved.",
                                      "%u entries in %s mode run one after the other, from No. "
                                      "1. Stop takes effect after the entry being moved.", n),
                            n, bn_ui_mode_label (mode));
  dialog = GTK_WIDGET (bn_ui_confirm_new (GTK_WINDOW (self), heading, body, NULL, FALSE));
  gtk_widget_set_name (dialog, "policy-execute-dialog");
  g_signal_connect_object (dialog, "response", G_CALLBACK (execute_response_cb), self, 0);
  g_set_weak_pointer (&self->dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Stop (図 3-95): takes effect after the entry being moved; then the Confirmation asks End
 * or Continue.  A run of another console is asked through the database. */
static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BnPolicyWindow *self = BN_POLICY_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->name == NULL)
    return;
  if (active_here (self))
    {
      bn_policy_runner_stop (self->runner);
      sync_all (self);
      return;
    }
  if (!bn_policies_request_stop (self->policies, self->name, &error))
    show_error (self, _("The run was not stopped"), error->message);
  else
    toast (self, _("Stop requested from the console running the policy"));
  sync_all (self);
}

static void
decide_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BnPolicyWindow *self = BN_POLICY_WINDOW (widget);

  decide (self, g_variant_get_string (parameter, NULL));
}

static void
show_progress_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  BnPolicyWindow *self = BN_POLICY_WINDOW (widget);

  if (self->current != NULL)
    open_progress (self, self->current);
}

static void
plan_saved_cb (BnPolicyWindow *self,
               const char     *name)
{
  bn_policy_window_select_policy (self, name);
  {
    g_autofree char *text = g_strdup_printf (_("Policy “%s” saved: check its entries, then "
                                               "Execute"), name);

    toast (self, text);
  }
}

static void
open_plan_dialog (BnPolicyWindow *self,
                  BnPlanKind      kind)
{
  BnPolicyPlanDialog *dialog;
  BnHvm *hvm = NULL;
  GtkWindow *main = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (self->edit != NULL)
    return;
  /* the HVM the operator points at in the Main window, if any */
  if (BN_IS_WINDOW (main))
    hvm = bn_window_get_selected_hvm (BN_WINDOW (main));
  dialog = bn_policy_plan_dialog_new (self->engine, kind, hvm);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (plan_saved_cb), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
evacuate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  open_plan_dialog (BN_POLICY_WINDOW (widget), BN_PLAN_EVACUATE);
}

static void
return_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_plan_dialog (BN_POLICY_WINDOW (widget), BN_PLAN_RETURN);
}

static void
delete_policy_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           BnPolicyWindow   *self)
{
  const char *name = g_object_get_data (G_OBJECT (dialog), "bn-name");
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "ok"))
    return;
  if (!bn_policies_delete (self->policies, name, &error))
    show_error (self, _("The policy was not deleted"), error->message);
}

static void
delete_policy_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  BnPolicyWindow *self = BN_POLICY_WINDOW (widget);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (self->name == NULL || self->edit != NULL)
    return;
  heading = g_strdup_printf (_("Delete policy “%s”?"), self->name);
  dialog = GTK_WIDGET (bn_ui_confirm_new (GTK_WINDOW (self), heading,
                                          _("The policy and the record of its runs are "
                                            "removed. No LPAR is moved, and the Migration "
                                            "History stays."),
                                          _("_Delete Policy"), TRUE));
  gtk_widget_set_name (dialog, "policy-delete-dialog");
  g_object_set_data_full (G_OBJECT (dialog), "bn-name", g_strdup (self->name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_policy_response_cb), self, 0);
  g_set_weak_pointer (&self->dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
comment_changed_cb (BnPolicyWindow *self)
{
  if (self->syncing > 0 || self->edit == NULL)
    return;
  bn_policy_set_comment (self->edit, gtk_editable_get_text (self->comment_entry));
  self->dirty = TRUE;
  sync_labels (self);
  sync_buttons (self);
}

static void
selection_changed_cb (BnPolicyWindow *self)
{
  sync_buttons (self);
}

/* ---- a run that needs the operator while the window is closed ---- */

static void
runner_state_cb (BnPolicyRunner *runner,
                 GParamSpec     *pspec,
                 BnApplication  *application)
{
  BnPolicyRunState state = bn_policy_runner_get_run_state (runner);
  const char *name = bn_policy_get_name (bn_policy_runner_get_policy (runner));
  BnPolicyWindow *window;

  if (state != BN_POLICY_RUN_STOPPED && state != BN_POLICY_RUN_PAUSED)
    return;
  if (!bn_policy_runner_is_active (runner))
    return;
  window = bn_policy_window_find (application);
  if (window != NULL && window->edit != NULL && g_strcmp0 (window->name, name) != 0)
    {
      g_autofree char *text = g_strdup_printf (_("Policy “%s” waits for a decision: Release, "
                                                 "then choose it"), name);

      toast (window, text);
      return;
    }
  /* §6.3: the Confirmation is shown whether the window was open or not */
  bn_policy_window_show (application, name);
}

static void
watch_runner (BnApplication  *application,
              BnPolicyRunner *runner)
{
  if (g_object_get_data (G_OBJECT (runner), "bn-policy-watched") != NULL)
    return;
  g_object_set_data (G_OBJECT (runner), "bn-policy-watched", GINT_TO_POINTER (1));
  g_signal_connect_object (runner, "notify::run-state", G_CALLBACK (runner_state_cb),
                           application, 0);
}

/* ---- the window ---- */

static void
close_after_discard (BnPolicyWindow *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
bn_policy_window_close_request (GtkWindow *window)
{
  BnPolicyWindow *self = BN_POLICY_WINDOW (window);

  if (self->edit != NULL && self->dirty)
    {
      ask_discard (self, close_after_discard);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (bn_policy_window_parent_class)->close_request (window);
}

static void
bn_policy_window_dispose (GObject *object)
{
  BnPolicyWindow *self = (BnPolicyWindow *) object;

  if (self->policies != NULL)
    g_signal_handlers_disconnect_by_data (bn_policies_get_list (self->policies), self);
  if (self->edit != NULL)
    g_signal_handlers_disconnect_by_data (bn_policy_get_entries (self->edit), self);
  detach (self);
  g_clear_object (&self->edit);
  bn_ui_destroy_transient (&self->dialog);
  bn_ui_destroy_transient (&self->prompt);
  bn_ui_destroy_transient (&self->config_viewer);
  g_clear_weak_pointer (&self->progress);
  gtk_widget_dispose_template (GTK_WIDGET (self), BN_TYPE_POLICY_WINDOW);
  g_clear_object (&self->selection);
  g_clear_object (&self->no_entries);
  g_clear_object (&self->policies);
  g_clear_object (&self->engine);
  g_clear_object (&self->application);
  G_OBJECT_CLASS (bn_policy_window_parent_class)->dispose (object);
}

static void
bn_policy_window_finalize (GObject *object)
{
  BnPolicyWindow *self = (BnPolicyWindow *) object;

  g_free (self->name);
  G_OBJECT_CLASS (bn_policy_window_parent_class)->finalize (object);
}

static void
bn_policy_window_class_init (BnPolicyWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = bn_policy_window_dispose;
  object_class->finalize = bn_policy_window_finalize;
  window_class->close_request = bn_policy_window_close_request;

  signals[SHOW_CONFIG] = g_signal_new ("show-config", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                       BN_TYPE_POLICY_ENTRY, BN_TYPE_CHECK_REPORT);
  signals[SHOW_PROGRESS] = g_signal_new ("show-progress", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                         BN_TYPE_MIGRATION);

  bn_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               BN_UI_RESOURCE ("bn-policy-window.ui"));
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, decision_revealer);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, decision_box);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, decision_icon);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, decision_label);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, skip_button);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, continue_button);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, end_button);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, policy_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, comment_entry);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, mode_label);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, editing_label);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, entries_stack);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, entry_view);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, status_box);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, status_title);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, status_detail);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, modify_button);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, release_button);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, add_shutdown_button);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, add_concurrent_button);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, up_button);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, down_button);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, delete_button);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, show_config_button);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, save_as_button);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, execute_button);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, stop_button);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, show_progress_button);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, evacuate_button);
  gtk_widget_class_bind_template_child (widget_class, BnPolicyWindow, return_button);

  gtk_widget_class_install_action (widget_class, "policy.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "policy.modify", NULL, modify_action);
  gtk_widget_class_install_action (widget_class, "policy.release", NULL, release_action);
  gtk_widget_class_install_action (widget_class, "policy.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "policy.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "policy.delete-entry", NULL,
                                   delete_entry_action);
  gtk_widget_class_install_action (widget_class, "policy.up", NULL, up_action);
  gtk_widget_class_install_action (widget_class, "policy.down", NULL, down_action);
  gtk_widget_class_install_action (widget_class, "policy.add-shutdown", NULL,
                                   add_shutdown_action);
  gtk_widget_class_install_action (widget_class, "policy.add-concurrent", NULL,
                                   add_concurrent_action);
  gtk_widget_class_install_action (widget_class, "policy.show-config", NULL, show_config_action);
  gtk_widget_class_install_action (widget_class, "policy.execute", NULL, execute_action);
  gtk_widget_class_install_action (widget_class, "policy.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "policy.decide", "s", decide_action);
  gtk_widget_class_install_action (widget_class, "policy.show-progress", NULL,
                                   show_progress_action);
  gtk_widget_class_install_action (widget_class, "policy.evacuate", NULL, evacuate_action);
  gtk_widget_class_install_action (widget_class, "policy.return", NULL, return_action);
  gtk_widget_class_install_action (widget_class, "policy.delete-policy", NULL,
                                   delete_policy_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "policy.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "policy.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "policy.up",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "policy.down",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "policy.delete-entry",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bn_policy_window_init (BnPolicyWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  setup_entry_view (self);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->comment_entry, "changed", G_CALLBACK (comment_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_drop_down_set_expression (self->policy_dropdown,
                                gtk_property_expression_new (BN_TYPE_POLICY, NULL, "name"));
}

static BnPolicyWindow *
bn_policy_window_new (BnApplication *application)
{
  BnPolicyWindow *self = g_object_new (BN_TYPE_POLICY_WINDOW, "application", application, NULL);
  GListModel *list;
  guint n;

  self->application = g_object_ref (application);
  self->engine = g_object_ref (bn_application_get_engine (application));
  self->policies = g_object_ref (bn_engine_get_policies (self->engine));
  list = bn_policies_get_list (self->policies);
  self->syncing++;
  gtk_drop_down_set_model (self->policy_dropdown, list);
  gtk_drop_down_set_selected (self->policy_dropdown, GTK_INVALID_LIST_POSITION);
  self->syncing--;
  g_signal_connect_object (list, "items-changed", G_CALLBACK (list_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->policy_dropdown, "notify::selected",
                           G_CALLBACK (dropdown_selected_cb), self, G_CONNECT_SWAPPED);

  /* reopened during a run: show the policy that runs, else the first one */
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n && self->name == NULL; i++)
    {
      g_autoptr(BnPolicy) policy = g_list_model_get_item (list, i);
      BnPolicyRunner *runner = bn_policies_find_runner (self->policies,
                                                        bn_policy_get_name (policy));

      if (runner != NULL && bn_policy_runner_is_active (runner))
        self->name = g_strdup (bn_policy_get_name (policy));
    }
  if (self->name == NULL && n > 0)
    {
      g_autoptr(BnPolicy) first = g_list_model_get_item (list, 0);

      self->name = g_strdup (bn_policy_get_name (first));
    }
  sync_combo (self);
  return self;
}

BnPolicyWindow *
bn_policy_window_find (BnApplication *application)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l; l = l->next)
    if (BN_IS_POLICY_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* Migration Menu → Migration Policy: the window (one per console), showing @policy_name if
 * given and not in the middle of editing another. */
BnPolicyWindow *
bn_policy_window_show (BnApplication *application,
                       const char    *policy_name)
{
  BnPolicyWindow *self;

  g_return_val_if_fail (BN_IS_APPLICATION (application), NULL);

  self = bn_policy_window_find (application);
  if (self == NULL)
    {
      GtkWindow *main = gtk_application_get_active_window (GTK_APPLICATION (application));

      self = bn_policy_window_new (application);
      if (BN_IS_WINDOW (main))
        gtk_window_set_transient_for (GTK_WINDOW (self), main);
    }
  if (policy_name != NULL)
    bn_policy_window_select_policy (self, policy_name);
  gtk_window_present (GTK_WINDOW (self));
  /* a decision waiting when the window opens: the Confirmation comes up at once */
  sync_all (self);
  return self;
}

const char *
bn_policy_window_get_policy_name (BnPolicyWindow *self)
{
  g_return_val_if_fail (BN_IS_POLICY_WINDOW (self), NULL);
  return self->name;
}

/* The policy whose entries the grid shows: the edited copy, or the stored policy. */
BnPolicy *
bn_policy_window_get_shown (BnPolicyWindow *self)
{
  g_return_val_if_fail (BN_IS_POLICY_WINDOW (self), NULL);
  return shown (self);
}

gboolean
bn_policy_window_is_editing (BnPolicyWindow *self)
{
  g_return_val_if_fail (BN_IS_POLICY_WINDOW (self), FALSE);
  return self->edit != NULL;
}

gboolean
bn_policy_window_is_dirty (BnPolicyWindow *self)
{
  g_return_val_if_fail (BN_IS_POLICY_WINDOW (self), FALSE);
  return self->edit != NULL && self->dirty;
}

void
bn_policy_window_select_entry (BnPolicyWindow *self,
                               guint           position)
{
  g_return_if_fail (BN_IS_POLICY_WINDOW (self));
  gtk_single_selection_set_selected (self->selection, position);
}

GtkColumnView *
bn_policy_window_get_entry_view (BnPolicyWindow *self)
{
  g_return_val_if_fail (BN_IS_POLICY_WINDOW (self), NULL);
  return self->entry_view;
}

/* The dialog this window opened last, while it is open (tests, screenshots). */
GtkWindow *
bn_policy_window_get_dialog (BnPolicyWindow *self)
{
  g_return_val_if_fail (BN_IS_POLICY_WINDOW (self), NULL);
  return self->dialog;
}

/* The Confirmation of 図 3-96 / 6-2, while it is open. */
GtkWindow *
bn_policy_window_get_config_viewer (BnPolicyWindow *self)
{
  g_return_val_if_fail (BN_IS_POLICY_WINDOW (self), NULL);

  return self->config_viewer;
}

GtkWindow *
bn_policy_window_get_prompt (BnPolicyWindow *self)
{
  g_return_val_if_fail (BN_IS_POLICY_WINDOW (self), NULL);
  return self->prompt;
}

const char *
bn_policy_window_get_status (BnPolicyWindow *self)
{
  g_return_val_if_fail (BN_IS_POLICY_WINDOW (self), NULL);
  return gtk_label_get_text (self->status_title);
}

const char *
bn_policy_window_get_detail (BnPolicyWindow *self)
{
  g_return_val_if_fail (BN_IS_POLICY_WINDOW (self), NULL);
  return gtk_label_get_text (self->status_detail);
}
