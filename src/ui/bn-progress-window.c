/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-progress-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bn-monitor-window.h"
#include "bn-policy-runner.h"
#include "bn-progress-window.h"
#include "bn-ui-utils.h"

/* Everything shown is read from the BnMigration (and its BnStage rows) whenever they say
 * they changed, never kept here: a window opened again on a run half-way through shows
 * exactly what one open from the start shows. */

struct _BnProgressWindow
{
  AdwWindow          parent_instance;

  BnApplication     *app;
  BnMigration       *migration;
  BnPolicyRunner    *runner;
  GtkWindow         *monitor_window;     /* weak */
  gboolean           extending;
  char              *summary;            /* "CRM01: HVM-B01 #4 → HVM-B02 #4" */

  AdwWindowTitle    *window_title;
  GtkImage          *status_icon;
  GtkLabel          *status_label;
  GtkLabel          *operation_label;
  GtkWidget         *error_box;
  GtkLabel          *error_heading;
  GtkLabel          *error_label;
  GtkLabel          *remedy_label;
  GtkListBox        *process_list;
  GtkLabel          *information_label;
  GtkLabel          *state_label;
  GtkLabel          *timeout_label;
  GtkWidget         *transfer_title;
  GtkLabel          *transfer_label;
  GtkWidget         *extension_group;
  GtkSpinButton     *extend_spin;
  GtkWidget         *close_button;
};

enum {
  PROP_0,
  PROP_MIGRATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BnProgressWindow, bn_progress_window, ADW_TYPE_WINDOW)

/* ---- process rows (表 7-2 #13-17) ---- */

static const char *
stage_state_text (BnStageState state)
{
  switch (state)
    {
    case BN_STAGE_STATE_WAITING:
      return bn_ui_message ("progress-state-waiting");
    case BN_STAGE_STATE_RUNNING:
      return bn_ui_message ("progress-state-running");
    case BN_STAGE_STATE_DONE:
      return bn_ui_message ("progress-state-complete");
    case BN_STAGE_STATE_FAILED:
      return bn_ui_message ("progress-state-error");
    case BN_STAGE_STATE_CLEANING_UP:
      return bn_ui_message ("progress-state-error-cleanup");
    case BN_STAGE_STATE_SKIPPED:
      /* Translators: a process of the Migration Progress window the settings left out */
      return _("Skipped");
    default:
      return "";
    }
}

/* The backups run before and after the move under one name: say which is which. */
static char *
stage_title (BnStage *stage)
{
  const char *id = bn_stage_get_id (stage);

  if (g_str_has_suffix (id, "-before"))
    /* Translators: a process row, e.g. "Backup HVM Configuration (SRC) — before the move" */
    return g_strdup_printf (_("%s — before the move"), bn_stage_get_name (stage));
  if (g_str_has_suffix (id, "-after"))
    return g_strdup_printf (_("%s — after the move"), bn_stage_get_name (stage));
  return g_strdup (bn_stage_get_name (stage));
}

static void
sync_row (BnStage    *stage,
          GParamSpec *pspec,
          GtkWidget  *row)
{
  GtkImage *icon = g_object_get_data (G_OBJECT (row), "bn-icon");
  GtkLabel *state = g_object_get_data (G_OBJECT (row), "bn-state");
  BnProgressWindow *self = g_object_get_data (G_OBJECT (row), "bn-window");
  BnStageState value = bn_stage_get_state (stage);
  /* a run that ended leaves the processes after the failure undone, not waiting */
  gboolean not_run = value == BN_STAGE_STATE_WAITING && self->migration != NULL &&
                     bn_migration_is_finished (self->migration);
  /* Translators: a process of a run that ended before reaching it */
  const char *text = not_run ? _("Not run") : stage_state_text (value);
  g_autofree char *title = stage_title (stage);
  g_autofree char *label = g_strdup_printf ("%s: %s", title, text);

  if (not_run || value == BN_STAGE_STATE_SKIPPED)
    gtk_widget_add_css_class (row, "dim-label");
  else
    gtk_widget_remove_css_class (row, "dim-label");

  gtk_image_set_from_icon_name (icon, bn_stage_state_get_icon_name (value));
  gtk_label_set_text (state, text);
  gtk_widget_set_name (GTK_WIDGET (icon), bn_stage_state_to_string (value));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (value == BN_STAGE_STATE_RUNNING)
    gtk_widget_add_css_class (row, "bn-progress-running");
  else
    gtk_widget_remove_css_class (row, "bn-progress-running");
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  BnStage *stage = BN_STAGE (item);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *icon = gtk_image_new ();
  g_autofree char *title = stage_title (stage);
  GtkWidget *name = gtk_label_new (title);
  GtkWidget *state = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (state, "dim-label");
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), state);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_name (row, bn_stage_get_id (stage));
  g_object_set_data (G_OBJECT (row), "bn-icon", icon);
  g_object_set_data (G_OBJECT (row), "bn-state", state);
  g_object_set_data (G_OBJECT (row), "bn-window", user_data);
  g_signal_connect_object (stage, "notify::state", G_CALLBACK (sync_row), row, 0);
  sync_row (stage, NULL, row);
  return row;
}

/* ---- the run ---- */

static const char *
run_state_text (BnMigration *migration)
{
  switch (bn_migration_get_state (migration))
    {
    case BN_RUN_STATE_WAITING:
      return bn_ui_message ("progress-state-waiting");
    case BN_RUN_STATE_RUNNING:
      return bn_ui_message ("progress-state-running");
    case BN_RUN_STATE_CANCELING:
      /* Translators: State of a run whose Cancel Migration was confirmed */
      return _("Canceling");
    case BN_RUN_STATE_SUCCEEDED:
      return bn_ui_message ("progress-state-complete");
    case BN_RUN_STATE_FAILED:
      return bn_migration_is_finished (migration)
             ? bn_ui_message ("progress-state-error")
             : bn_ui_message ("progress-state-error-cleanup");
    case BN_RUN_STATE_CANCELED:
      /* Translators: State of a run that Cancel Migration stopped */
      return _("Canceled");
    default:
      return "";
    }
}

static const char *
run_state_icon (BnMigration *migration)
{
  switch (bn_migration_get_state (migration))
    {
    case BN_RUN_STATE_WAITING:
      return bn_stage_state_get_icon_name (BN_STAGE_STATE_WAITING);
    case BN_RUN_STATE_SUCCEEDED:
      return bn_stage_state_get_icon_name (BN_STAGE_STATE_DONE);
    case BN_RUN_STATE_CANCELING:
      return bn_stage_state_get_icon_name (BN_STAGE_STATE_CLEANING_UP);
    case BN_RUN_STATE_FAILED:
      return bn_stage_state_get_icon_name (bn_migration_is_finished (migration)
                                           ? BN_STAGE_STATE_FAILED
                                           : BN_STAGE_STATE_CLEANING_UP);
    case BN_RUN_STATE_CANCELED:
      return bn_stage_state_get_icon_name (BN_STAGE_STATE_FAILED);
    case BN_RUN_STATE_RUNNING:
    default:
      return bn_stage_state_get_icon_name (BN_STAGE_STATE_RUNNING);
    }
}

/* The headline: the manual's own texts where it has one (completion, "Progress : Canceling
 * ... Migration"), otherwise where the run stands. */
static char *
status_text (BnMigration *migration)
{
  const char *completion = bn_migration_get_completion_text (migration);
  const char *progress = bn_migration_get_progress_text (migration);

  switch (bn_migration_get_state (migration))
    {
    case BN_RUN_STATE_WAITING:
      return g_strdup (_("Waiting to start"));
    case BN_RUN_STATE_RUNNING:
      return g_strdup (_("In progress: closing this window does not stop it"));
    case BN_RUN_STATE_CANCELING:
      return g_strdup (progress ? progress : bn_ui_message ("progress-canceling"));
    case BN_RUN_STATE_FAILED:
      return g_strdup (bn_migration_is_finished (migration)
                       ? _("Ended with an error")
                       : _("Ended with an error: restoring the blades' state …"));
    case BN_RUN_STATE_SUCCEEDED:
    case BN_RUN_STATE_CANCELED:
    default:
      return g_strdup (completion ? completion : "");
    }
}

static void sync_actions (BnProgressWindow *self);

static gboolean
has_samples (BnMigration *migration)
{
  return g_list_model_get_n_items (bn_migration_get_samples (migration)) > 0;
}

/* The newest sample of the memory transfer, in words (the graphs are in Show Monitor). */
static char *
transfer_text (BnMigration *migration)
{
  GListModel *samples = bn_migration_get_samples (migration);
  guint n = g_list_model_get_n_items (samples);
  g_autoptr(BnMonitorSample) last = n > 0 ? g_list_model_get_item (samples, n - 1) : NULL;
  g_autofree char *sent = NULL;
  g_autofree char *total = NULL;
  g_autofree char *dirty = NULL;
  g_autofree char *rate = NULL;

  if (last == NULL)
    return NULL;
  sent = g_format_size_full (bn_monitor_sample_get_transferred_bytes (last),
                             G_FORMAT_SIZE_IEC_UNITS);
  total = g_format_size_full (bn_monitor_sample_get_total_bytes (last), G_FORMAT_SIZE_IEC_UNITS);
  dirty = g_format_size_full (bn_monitor_sample_get_remaining_dirty_bytes (last),
                              G_FORMAT_SIZE_IEC_UNITS);
  rate = g_format_size ((guint64) bn_monitor_sample_get_transfer_rate (last));
  /* Translators: Memory row of Progress Detail, e.g. "Round 2: 280 MiB sent (LPAR memory
   * 4.0 GiB), 4.2 MiB dirty left, 105.2 MB/s"; what crosses the path, which skips empty
   * pages and resends the ones the guest dirtied */
  return g_strdup_printf (_("Round %u: %s sent (LPAR memory %s), %s dirty left, %s/s"),
                          bn_monitor_sample_get_round (last), sent, total, dirty, rate);
}

static void
sync_transfer (BnProgressWindow *self)
{
  g_autofree char *text = self->migration ? transfer_text (self->migration) : NULL;

  gtk_widget_set_visible (self->transfer_title, text != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->transfer_label), text != NULL);
  gtk_label_set_text (self->transfer_label, text ? text : "");
}

static void
samples_changed_cb (BnProgressWindow *self)
{
  sync_transfer (self);
  sync_actions (self);
}

static void
sync_actions (BnProgressWindow *self)
{
  BnMigration *m = self->migration;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "progress.extend",
                                 m != NULL && !self->extending &&
                                 bn_migration_get_can_extend (m));
  gtk_widget_action_set_enabled (widget, "progress.cancel",
                                 m != NULL && bn_migration_get_can_cancel (m));
  gtk_widget_action_set_enabled (widget, "progress.show-monitor",
                                 m != NULL && (has_samples (m) || bn_migration_get_can_cancel (m)));
  gtk_widget_set_sensitive (GTK_WIDGET (self->extend_spin),
                            m != NULL && bn_migration_get_can_extend (m));
}

static void
sync_window (BnProgressWindow *self)
{
  BnMigration *m = self->migration;
  const char *error_line;
  const char *remedy;
  g_autofree char *status = NULL;
  g_autofree char *timeout = NULL;

  if (m == NULL)
    {
      /* a policy run before its first entry starts */
      gtk_label_set_text (self->status_label, _("Waiting to start"));
      gtk_image_set_from_icon_name (self->status_icon,
                                    bn_stage_state_get_icon_name (BN_STAGE_STATE_WAITING));
      return;
    }
  status = status_text (m);
  gtk_label_set_text (self->status_label, status);
  gtk_image_set_from_icon_name (self->status_icon, run_state_icon (m));
  gtk_label_set_text (self->operation_label, bn_migration_get_title (m));
  gtk_label_set_text (self->information_label, bn_migration_get_information (m)
                                               ? bn_migration_get_information (m) : "");
  gtk_label_set_text (self->state_label, run_state_text (m));
  timeout = g_strdup_printf (ngettext ("%u second", "%u seconds", bn_migration_get_timeout (m)),
                             bn_migration_get_timeout (m));
  gtk_label_set_text (self->timeout_label, timeout);
  /* nothing to extend once the run is over */
  gtk_widget_set_visible (self->extension_group, !bn_migration_is_finished (m));

  error_line = bn_migration_get_error_line (m);
  remedy = bn_migration_get_error_remedy (m);
  gtk_widget_set_visible (self->error_box, error_line != NULL);
  if (error_line != NULL)
    {
      g_autofree char *remedy_text = NULL;

      gtk_label_set_text (self->error_heading,
                          bn_migration_get_state (m) == BN_RUN_STATE_CANCELED ||
                          bn_migration_get_state (m) == BN_RUN_STATE_CANCELING
                          ? _("Canceled by the user")
                          : _("Error code and message"));
      gtk_label_set_text (self->error_label, error_line);
      /* Translators: before the remedy of an error (data/errors/catalogue.json) */
      remedy_text = remedy ? g_strdup_printf (_("What to do: %s"), remedy) : NULL;
      gtk_label_set_text (self->remedy_label, remedy_text ? remedy_text : "");
      gtk_widget_set_visible (GTK_WIDGET (self->remedy_label), remedy != NULL);
    }
  sync_actions (self);
}

static void
migration_notify_cb (BnProgressWindow *self)
{
  sync_window (self);
}

static void
migration_finished_cb (BnProgressWindow *self)
{
  GListModel *stages = bn_migration_get_stages (self->migration);

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(BnStage) stage = g_list_model_get_item (stages, i);
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->process_list, i);

      if (row != NULL)
        sync_row (stage, NULL, GTK_WIDGET (row));
    }
  sync_window (self);
}

/* "CRM01: HVM-B01 #4 → HVM-B02 #4", read before the move changes the fleet. */
static char *
summarize (BnProgressWindow *self,
           BnMigration      *migration)
{
  const BnMigrationRequest *request = bn_migration_get_request (migration);
  BnFleet *fleet = bn_engine_get_fleet (bn_application_get_engine (self->app));
  BnHvm *source = request->source_hvm ? bn_fleet_find_hvm (fleet, request->source_hvm) : NULL;
  BnHvm *destination = request->destination_hvm
                       ? bn_fleet_find_hvm (fleet, request->destination_hvm) : NULL;
  guint dst_lpar = bn_migration_get_destination_lpar (migration);
  BnLpar *lpar = source && request->source_lpar ? bn_hvm_find_lpar (source, request->source_lpar)
                                                : NULL;
  g_autofree char *from = NULL;

  if (lpar == NULL && destination != NULL && dst_lpar != 0)
    lpar = bn_hvm_find_lpar (destination, dst_lpar);
  if (request->source_lpar != 0)
    from = g_strdup_printf ("%s #%u", request->source_hvm ? request->source_hvm : "?",
                            request->source_lpar);
  else
    from = g_strdup (request->source_hvm ? request->source_hvm : "");
  if (request->destination_hvm != NULL && dst_lpar != 0)
    return g_strdup_printf ("%s%s%s → %s #%u", lpar ? bn_lpar_get_name (lpar) : "",
                            lpar ? ": " : "", from, request->destination_hvm, dst_lpar);
  if (request->destination_hvm != NULL)
    return g_strdup_printf ("%s → %s", from, request->destination_hvm);
  return g_strdup_printf ("%s%s%s", lpar ? bn_lpar_get_name (lpar) : "", lpar ? ": " : "",
                          from);
}

static void
sync_title (BnProgressWindow *self)
{
  if (self->runner != NULL)
    {
      BnPolicy *policy = bn_policy_runner_get_policy (self->runner);
      guint n = g_list_model_get_n_items (bn_policy_get_entries (policy));
      gint position = bn_policy_runner_get_position (self->runner);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      /* Translators: the Migration Progress window of a migration policy's run */
      title = g_strdup_printf (_("Migration Progress: policy “%s”"),
                               bn_policy_get_name (policy));
      if (position >= 0)
        /* Translators: "Entry 2 of 5: CRM01: HVM-B01 #4 → HVM-B02 #4" */
        subtitle = g_strdup_printf (_("Entry %d of %u: %s"), position + 1, n,
                                    self->summary ? self->summary : "");
      else
        subtitle = g_strdup (self->summary ? self->summary : "");
      adw_window_title_set_title (self->window_title, title);
      adw_window_title_set_subtitle (self->window_title, subtitle);
      gtk_window_set_title (GTK_WINDOW (self), title);
      return;
    }
  adw_window_title_set_subtitle (self->window_title, self->summary ? self->summary : "");
}

static void
set_migration (BnProgressWindow *self,
               BnMigration      *migration)
{
  if (self->migration == migration)
    return;
  if (self->migration != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->migration, self);
      g_signal_handlers_disconnect_by_data (bn_migration_get_samples (self->migration), self);
    }
  g_set_object (&self->migration, migration);
  g_clear_pointer (&self->summary, g_free);
  self->extending = FALSE;
  gtk_list_box_bind_model (self->process_list,
                           migration ? bn_migration_get_stages (migration) : NULL,
                           migration ? create_row : NULL, self, NULL);
  if (migration != NULL)
    {
      self->summary = summarize (self, migration);
      g_signal_connect_object (migration, "notify", G_CALLBACK (migration_notify_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (migration, "finished", G_CALLBACK (migration_finished_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (bn_migration_get_samples (migration), "items-changed",
                               G_CALLBACK (samples_changed_cb), self, G_CONNECT_SWAPPED);
      if (self->monitor_window != NULL)
        {
          bn_monitor_window_set_samples (BN_MONITOR_WINDOW (self->monitor_window),
                                         bn_migration_get_samples (migration));
          bn_monitor_window_set_subtitle (BN_MONITOR_WINDOW (self->monitor_window),
                                          self->summary);
        }
    }
  sync_title (self);
  sync_window (self);
  sync_transfer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIGRATION]);
}

/* ---- actions ---- */

static void
extended_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(BnProgressWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!bn_migration_extend_finish (BN_MIGRATION (object), result, &error) &&
      gtk_widget_get_mapped (GTK_WIDGET (self)))
    bn_ui_show_error (GTK_WINDOW (self), _("The timeout was not extended"), error->message);
  if (BN_MIGRATION (object) == self->migration)
    {
      self->extending = FALSE;
      sync_actions (self);
    }
}

static void
extend_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    BnProgressWindow *self)
{
  BnMigration *migration = g_object_get_data (G_OBJECT (dialog), "bn-migration");
  guint seconds = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "bn-seconds"));

  if (g_str_equal (response, "ok") && migration == self->migration)
    {
      self->extending = TRUE;
      sync_actions (self);
      /* no cancellable: closing the window must not take back what was confirmed */
      bn_migration_extend_async (migration, seconds, NULL, extended_cb, g_object_ref (self));
    }
}

static void
extend_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BnProgressWindow *self = BN_PROGRESS_WINDOW (widget);
  guint seconds;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  gtk_spin_button_update (self->extend_spin);
  seconds = gtk_spin_button_get_value_as_int (self->extend_spin);
  body = g_strdup_printf (ngettext ("The migration timeout (now %u s) is extended by %u second.",
                                    "The migration timeout (now %u s) is extended by %u seconds.",
                                    seconds),
                          bn_migration_get_timeout (self->migration), seconds);
  /* Translators: the Extend window of §4.3.3 (図 4-19) */
  dialog = bn_ui_confirm_new (GTK_WINDOW (self), _("Extend"), body, NULL, FALSE);
  gtk_widget_set_name (GTK_WIDGET (dialog), "extend-dialog");
  adw_message_dialog_set_default_response (dialog, "ok");
  g_object_set_data_full (G_OBJECT (dialog), "bn-migration", g_object_ref (self->migration),
                          g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "bn-seconds", GUINT_TO_POINTER (seconds));
  g_signal_connect_object (dialog, "response", G_CALLBACK (extend_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
canceled_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(BnProgressWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!bn_migration_cancel_finish (BN_MIGRATION (object), result, &error) &&
      gtk_widget_get_mapped (GTK_WIDGET (self)))
    bn_ui_show_error (GTK_WINDOW (self), _("The migration was not canceled"), error->message);
  if (BN_MIGRATION (object) == self->migration)
    sync_window (self);
}

static void
cancel_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    BnProgressWindow *self)
{
  BnMigration *migration = g_object_get_data (G_OBJECT (dialog), "bn-migration");

  if (g_str_equal (response, "ok") && migration == self->migration)
    bn_migration_cancel_async (migration, NULL, canceled_cb, g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BnProgressWindow *self = BN_PROGRESS_WINDOW (widget);
  AdwMessageDialog *dialog;

  /* Translators: the Cancel Migration window of §4.3.4 (図 4-22) */
  dialog = bn_ui_confirm_new (GTK_WINDOW (self), _("Cancel Migration"),
                              _("The memory transfer stops and the LPAR keeps running on the "
                                "source HVM. Cancel the migration?"),
                              NULL, TRUE);
  gtk_widget_set_name (GTK_WIDGET (dialog), "cancel-dialog");
  g_object_set_data_full (G_OBJECT (dialog), "bn-migration", g_object_ref (self->migration),
                          g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (cancel_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_monitor_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  BnProgressWindow *self = BN_PROGRESS_WINDOW (widget);
  BnMonitorWindow *monitor;

  if (self->monitor_window != NULL)
    {
      gtk_window_present (self->monitor_window);
      return;
    }
  monitor = bn_monitor_window_new (bn_migration_get_samples (self->migration));
  bn_monitor_window_set_subtitle (monitor, self->summary);
  gtk_window_set_application (GTK_WINDOW (monitor), GTK_APPLICATION (self->app));
  self->monitor_window = GTK_WINDOW (monitor);
  g_object_add_weak_pointer (G_OBJECT (monitor), (gpointer *) &self->monitor_window);
  gtk_window_present (GTK_WINDOW (monitor));
}

/* ---- policy runs ---- */

static void
runner_changed_cb (BnProgressWindow *self)
{
  BnMigration *current = bn_policy_runner_get_current (self->runner);

  /* between entries there is no current move: keep showing the last one */
  if (current != NULL)
    set_migration (self, current);
  sync_title (self);
}

/* ---- GObject ---- */

static void
bn_progress_window_dispose (GObject *object)
{
  BnProgressWindow *self = (BnProgressWindow *) object;

  if (self->monitor_window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->monitor_window),
                                  (gpointer *) &self->monitor_window);
  self->monitor_window = NULL;
  if (self->migration != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->migration, self);
      g_signal_handlers_disconnect_by_data (bn_migration_get_samples (self->migration), self);
    }
  if (self->runner != NULL)
    g_signal_handlers_disconnect_by_data (self->runner, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), BN_TYPE_PROGRESS_WINDOW);
  g_clear_object (&self->migration);
  g_clear_object (&self->runner);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (bn_progress_window_parent_class)->dispose (object);
}

static void
bn_progress_window_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BnProgressWindow *self = BN_PROGRESS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MIGRATION:
      g_value_set_object (value, self->migration);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bn_progress_window_class_init (BnProgressWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bn_progress_window_dispose;
  object_class->get_property = bn_progress_window_get_property;

  properties[PROP_MIGRATION] = g_param_spec_object ("migration", NULL, NULL, BN_TYPE_MIGRATION,
                                                    G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                    G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  bn_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               BN_UI_RESOURCE ("bn-progress-window.ui"));
  gtk_widget_class_bind_template_child (widget_class, BnProgressWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, BnProgressWindow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, BnProgressWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, BnProgressWindow, operation_label);
  gtk_widget_class_bind_template_child (widget_class, BnProgressWindow, error_box);
  gtk_widget_class_bind_template_child (widget_class, BnProgressWindow, error_heading);
  gtk_widget_class_bind_template_child (widget_class, BnProgressWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, BnProgressWindow, remedy_label);
  gtk_widget_class_bind_template_child (widget_class, BnProgressWindow, process_list);
  gtk_widget_class_bind_template_child (widget_class, BnProgressWindow, information_label);
  gtk_widget_class_bind_template_child (widget_class, BnProgressWindow, state_label);
  gtk_widget_class_bind_template_child (widget_class, BnProgressWindow, timeout_label);
  gtk_widget_class_bind_template_child (widget_class, BnProgressWindow, extend_spin);
  gtk_widget_class_bind_template_child (widget_class, BnProgressWindow, transfer_title);
  gtk_widget_class_bind_template_child (widget_class, BnProgressWindow, transfer_label);
  gtk_widget_class_bind_template_child (widget_class, BnProgressWindow, close_button);
  gtk_widget_class_bind_template_child (widget_class, BnProgressWindow, extension_group);
  gtk_widget_class_install_action (widget_class, "progress.extend", NULL, extend_action);
  gtk_widget_class_install_action (widget_class, "progress.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "progress.show-monitor", NULL,
                                   show_monitor_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bn_progress_window_init (BnProgressWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* not the first selectable label: it would open with its text selected */
  gtk_window_set_focus (GTK_WINDOW (self), self->close_button);
  sync_window (self);
  sync_actions (self);
}

static BnProgressWindow *
progress_window_new (BnApplication *app)
{
  BnProgressWindow *self = g_object_new (BN_TYPE_PROGRESS_WINDOW, NULL);

  self->app = app;
  gtk_window_set_application (GTK_WINDOW (self), GTK_APPLICATION (app));
  return self;
}

/* The open window of @migration (not a policy's), or of @runner. */
static BnProgressWindow *
find_window (BnApplication  *app,
             BnMigration    *migration,
             BnPolicyRunner *runner)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    {
      BnProgressWindow *window;

      if (!BN_IS_PROGRESS_WINDOW (l->data))
        continue;
      window = l->data;
      if (runner != NULL ? window->runner == runner
                         : window->runner == NULL && window->migration == migration)
        return window;
    }
  return NULL;
}

BnProgressWindow *
bn_progress_window_show (BnApplication *app,
                         BnMigration   *migration)
{
  BnProgressWindow *self;

  g_return_val_if_fail (BN_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (BN_IS_MIGRATION (migration), NULL);

  self = find_window (app, migration, NULL);
  if (self == NULL)
    {
      self = progress_window_new (app);
      set_migration (self, migration);
    }
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

BnProgressWindow *
bn_progress_window_show_policy (BnApplication  *app,
                                BnPolicyRunner *runner)
{
  BnProgressWindow *self;

  g_return_val_if_fail (BN_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (BN_IS_POLICY_RUNNER (runner), NULL);

  self = find_window (app, NULL, runner);
  if (self == NULL)
    {
      self = progress_window_new (app);
      self->runner = g_object_ref (runner);
      g_signal_connect_object (runner, "notify::current", G_CALLBACK (runner_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (runner, "notify::position", G_CALLBACK (runner_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (runner, "entry-started", G_CALLBACK (runner_changed_cb), self,
                               G_CONNECT_SWAPPED);
      runner_changed_cb (self);
    }
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

BnMigration *
bn_progress_window_get_migration (BnProgressWindow *self)
{
  g_return_val_if_fail (BN_IS_PROGRESS_WINDOW (self), NULL);
  return self->migration;
}

/* The run of the Migration Service with ID @migration_id (runs are kept after they end);
 * NULL when there is none. */
BnProgressWindow *
bn_progress_window_show_id (BnApplication *app,
                            const char    *migration_id)
{
  BnEngine *engine = bn_application_get_engine (app);
  GListModel *runs;

  g_return_val_if_fail (BN_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (migration_id != NULL, NULL);

  if (engine == NULL)
    return NULL;
  runs = bn_migration_service_get_runs (bn_engine_get_migration_service (engine));
  for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(BnMigration) run = g_list_model_get_item (runs, i);

      if (g_strcmp0 (bn_migration_get_id (run), migration_id) == 0)
        return bn_progress_window_show (app, run);
    }
  g_info ("app.show-progress: no run %s", migration_id);
  return NULL;
}

void
bn_progress_window_show_progress_action (GSimpleAction *action,
                                         GVariant      *parameter,
                                         gpointer       app)
{
  bn_progress_window_show_id (BN_APPLICATION (app), g_variant_get_string (parameter, NULL));
}
