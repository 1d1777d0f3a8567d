/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-migration-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "bn-catalogue.h"
#include "bn-config-viewer.h"
#include "bn-migration-window.h"
#include "bn-progress-window.h"
#include "bn-rollback-window.h"
#include "bn-ui-utils.h"

struct _BnMigrationWindow
{
  AdwWindow           parent_instance;

  BnApplication      *application;
  BnEngine           *engine;
  BnMigrationMode     mode;
  BnLparPicker       *picker;
  BnCheckReport      *report;
  char               *verdict_text;
  char               *guest_for;       /* "HVM #n" whose Guest OS Information is shown */
  GCancellable       *password_lookup; /* reading guest_for's password from the keyring */
  GtkWindow          *dialog;          /* a confirmation, while open */
  GtkWindow          *config_viewer;   /* while open */
  BnMigration        *migration;       /* the last run started here */
  gboolean            address_valid;
  gboolean            user_valid;
  gboolean            password_valid;

  /* template children */
  AdwToastOverlay    *toast_overlay;
  AdwWindowTitle     *window_title;
  GtkImage           *verdict_icon;
  GtkLabel           *verdict_label;
  GtkBox             *picker_box;
  GtkLabel           *recovery_label;
  GtkCheckButton     *show_lpars_check;
  GtkWidget          *rehearsal_group;
  GtkWidget          *setting_group;
  GtkCheckButton     *shutdown_guest_check;
  GtkWidget          *guest_grid;
  GtkDropDown        *os_dropdown;
  GtkEditable        *address_entry;
  GtkLabel           *address_error;
  GtkEditable        *user_entry;
  GtkLabel           *user_error;
  GtkEditable        *password_entry;
  GtkLabel           *password_error;
  GtkCheckButton     *forced_check;
  GtkCheckButton     *activate_check;
};

G_DEFINE_FINAL_TYPE (BnMigrationWindow, bn_migration_window, ADW_TYPE_WINDOW)

/* OS Type drop-down: Windows first, as in the manual's figures */
enum { OS_WINDOWS, OS_LINUX };

static void
toast (BnMigrationWindow *self,
       const char        *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static BnHvm *
source_hvm (BnMigrationWindow *self)
{
  const char *id = bn_lpar_picker_get_source_hvm (self->picker);

  return id ? bn_fleet_find_hvm (bn_engine_get_fleet (self->engine), id) : NULL;
}

static BnLpar *
source_lpar (BnMigrationWindow *self)
{
  BnHvm *hvm = source_hvm (self);
  guint number = bn_lpar_picker_get_source_lpar (self->picker);

  return hvm && number ? bn_hvm_find_lpar (hvm, number) : NULL;
}

static gboolean
shutdown_guest (BnMigrationWindow *self)
{
  return self->mode == BN_MIGRATION_MODE_SHUTDOWN &&
         gtk_check_button_get_active (self->shutdown_guest_check);
}

/* ---- Migration Setting: checked as typed, the problem under the field ---- */

static void
set_field_error (GtkEditable *entry,
                 GtkLabel    *label,
                 const char  *error)
{
  gtk_label_set_text (label, error ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (label), error != NULL);
  if (error != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static void recheck (BnMigrationWindow *self);

static void
validate_fields (BnMigrationWindow *self)
{
  g_autofree char *address = g_strstrip (g_strdup (gtk_editable_get_text (self->address_entry)));
  g_autofree char *user = g_strstrip (g_strdup (gtk_editable_get_text (self->user_entry)));
  const char *password = gtk_editable_get_text (self->password_entry);
  gboolean active = shutdown_guest (self);
  gboolean windows = gtk_drop_down_get_selected (self->os_dropdown) == OS_WINDOWS;
  g_autofree char *address_problem = NULL;
  const char *user_problem = NULL;

  gtk_widget_set_sensitive (self->guest_grid, active);
  gtk_widget_set_sensitive (GTK_WIDGET (self->forced_check), active && windows);
  if (!windows)
    gtk_check_button_set_active (self->forced_check, FALSE);

  if (*address == '\0')
    address_problem = g_strdup (_("Enter the IP address of the guest OS."));
  else if (!g_hostname_is_ip_address (address))
    address_problem = g_strdup_printf (_("“%s” is not an IP address (e.g. 192.168.0.10)."),
                                       address);
  if (*user == '\0')
    user_problem = _("Enter the user ID (root, or an administrator of the guest).");
  else if (strpbrk (user, " \t\"'\\") != NULL)
    user_problem = _("A user ID has no spaces, quotes or backslashes.");
  /* an empty password is allowed: a Linux guest may take the console's SSH key */
  (void) password;

  self->address_valid = !active || address_problem == NULL;
  self->user_valid = !active || user_problem == NULL;
  self->password_valid = TRUE;
  /* an empty field is not shown as wrong before the user has typed there */
  set_field_error (self->address_entry, self->address_error,
                   active && *gtk_editable_get_text (self->address_entry) ? address_problem
                                                                          : NULL);
  set_field_error (self->user_entry, self->user_error,
                   active && *gtk_editable_get_text (self->user_entry) ? user_problem : NULL);
  set_field_error (self->password_entry, self->password_error, NULL);
  recheck (self);
}

/* An activated source LPAR is shut down by the console (Shutdown Guest OS) or not moved:
 * the run would stop at once on the engine's mmc-source-lpar-activated error (§4.2.1). */
static gboolean
needs_guest_shutdown (BnMigrationWindow *self)
{
  BnLpar *lpar = source_lpar (self);

  return self->mode == BN_MIGRATION_MODE_SHUTDOWN && lpar != NULL &&
         bn_lpar_get_state (lpar) == BN_LPAR_STATE_ACTIVATED && !shutdown_guest (self);
}

static gboolean
fields_valid (BnMigrationWindow *self)
{
  return self->address_valid && self->user_valid && self->password_valid &&
         !needs_guest_shutdown (self);
}

/* What Save keeps for the console: Shutdown Guest OS and Activate Destination LPAR. */
static void
load_setting (BnMigrationWindow *self)
{
  GSettings *settings = bn_application_get_settings (self->application);
  g_autoptr(GVariant) value = NULL;
  GVariantDict dict;
  gboolean flag;

  if (settings == NULL)
    return;
  value = g_settings_get_value (settings, "migration-setting");
  g_variant_dict_init (&dict, value);
  if (g_variant_dict_lookup (&dict, "shutdown-guest", "b", &flag))
    gtk_check_button_set_active (self->shutdown_guest_check, flag);
  if (g_variant_dict_lookup (&dict, "activate-destination", "b", &flag))
    gtk_check_button_set_active (self->activate_check, flag);
  g_variant_dict_clear (&dict);
}

/* The keyring answers after the other fields are shown; another source selected meanwhile
 * cancelled this one. */
static void
password_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(BnMigrationWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  char *password = bn_guest_settings_lookup_password_finish (BN_GUEST_SETTINGS (object), result,
                                                             &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    toast (self, error->message);
  else if (password != NULL)
    gtk_editable_set_text (self->password_entry, password);
  secret_password_free (password);
}

/* The Guest OS Information is the source LPAR's (§4.2.1, §5.13): shown when another source
 * is selected, empty for an LPAR nothing was saved for. */
static void
load_guest_info (BnMigrationWindow *self)
{
  g_autoptr(BnMigrationRequest) saved = bn_migration_request_new (BN_OPERATION_MIGRATION);
  g_autoptr(GError) error = NULL;
  const char *hvm = bn_lpar_picker_get_source_hvm (self->picker);
  guint lpar = bn_lpar_picker_get_source_lpar (self->picker);
  g_autofree char *key = hvm && lpar ? g_strdup_printf ("%s #%u", hvm, lpar) : NULL;
  gboolean found;

  if (self->mode != BN_MIGRATION_MODE_SHUTDOWN || key == NULL ||
      g_strcmp0 (key, self->guest_for) == 0)
    return;
  g_free (self->guest_for);
  self->guest_for = g_steal_pointer (&key);
  found = bn_guest_settings_lookup (bn_engine_get_guest_settings (self->engine), hvm, lpar,
                                    saved, &error);
  if (error != NULL)
    toast (self, error->message);
  gtk_drop_down_set_selected (self->os_dropdown,
                              found && saved->guest_os == BN_GUEST_OS_LINUX ? OS_LINUX
                                                                             : OS_WINDOWS);
  gtk_editable_set_text (self->address_entry, found ? saved->guest_address : "");
  gtk_editable_set_text (self->user_entry, found ? saved->guest_user : "");
  gtk_editable_set_text (self->password_entry, "");
  gtk_check_button_set_active (self->forced_check, found && saved->forced_shutdown);

  g_cancellable_cancel (self->password_lookup);
  g_clear_object (&self->password_lookup);
  if (found)
    {
      self->password_lookup = g_cancellable_new ();
      bn_guest_settings_lookup_password_async (bn_engine_get_guest_settings (self->engine), hvm,
                                               lpar, self->password_lookup, password_loaded_cb,
                                               g_object_ref (self));
    }
}

/* ---- the verdict ---- */

static void
set_verdict (BnMigrationWindow *self,
             const char        *icon,
             const char        *text,
             const char        *css_class)
{
  g_free (self->verdict_text);
  self->verdict_text = g_strdup (text);
  gtk_image_set_from_icon_name (self->verdict_icon, icon);
  gtk_label_set_text (self->verdict_label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "success");
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), css_class);
}

static gboolean
run_active (BnMigrationWindow *self)
{
  return self->migration != NULL && !bn_migration_is_finished (self->migration);
}

static void
sync_actions (BnMigrationWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean may_run = self->report != NULL &&
                     bn_check_report_get_verdict (self->report) != BN_VERDICT_REFUSED &&
                     !run_active (self);
  BnLpar *lpar = source_lpar (self);
  gboolean concurrent = self->mode == BN_MIGRATION_MODE_CONCURRENT;

  gtk_widget_action_set_enabled (widget, "migration.execute", may_run && fields_valid (self));
  gtk_widget_action_set_enabled (widget, "migration.rehearsal", concurrent && may_run);
  gtk_widget_action_set_enabled (widget, "migration.connectivity-test",
                                 concurrent && self->report != NULL && !run_active (self));
  gtk_widget_action_set_enabled (widget, "migration.recover",
                                 lpar != NULL && bn_lpar_get_recovery_required (lpar) &&
                                 !run_active (self));
  gtk_widget_action_set_enabled (widget, "migration.show-config", self->report != NULL);
  gtk_widget_action_set_enabled (widget, "migration.show-logs", source_hvm (self) != NULL);
  gtk_widget_action_set_enabled (widget, "migration.show-rollback", source_hvm (self) != NULL);
  gtk_widget_action_set_enabled (widget, "migration.save", !concurrent);
}

static char *
selection_subtitle (BnMigrationWindow *self)
{
  BnLpar *lpar = source_lpar (self);
  guint destination = self->report ? bn_check_report_get_destination_lpar (self->report) : 0;

  if (lpar == NULL)
    return g_strdup ("");
  /* Translators: "CRM01: HVM-B01 #4 → HVM-B02 #4" */
  return g_strdup_printf (_("%s: %s #%u → %s #%u"), bn_lpar_get_name (lpar),
                          bn_lpar_picker_get_source_hvm (self->picker),
                          bn_lpar_get_number (lpar),
                          bn_lpar_picker_get_destination_hvm (self->picker), destination);
}

static void
sync_subtitle (BnMigrationWindow *self)
{
  const char *mode = self->mode == BN_MIGRATION_MODE_SHUTDOWN
                     ? _("Shutdown mode: the LPAR is stopped, moved and started again")
                     : _("Concurrent Maintenance mode: the LPAR keeps running while it moves");
  g_autofree char *selection = self->report ? selection_subtitle (self) : NULL;
  g_autofree char *subtitle = NULL;

  if (selection != NULL)
    /* Translators: the mode, then what is selected: "… · CRM01: HVM-B01 #4 → HVM-B02 #4" */
    subtitle = g_strdup_printf (_("%s · %s"), mode, selection);
  adw_window_title_set_subtitle (self->window_title, subtitle ? subtitle : mode);
}

static void
recheck (BnMigrationWindow *self)
{
  g_autoptr(BnMigrationRequest) request = bn_migration_request_new (BN_OPERATION_MIGRATION);
  g_autoptr(GError) error = NULL;
  BnLpar *lpar = source_lpar (self);

  g_clear_object (&self->report);
  if (lpar != NULL && bn_lpar_get_recovery_required (lpar))
    {
      set_verdict (self, "bn-lpar-recovery-symbolic",
                   _("The source LPAR requires recovery: use Recovery Execute before moving "
                     "it again (§3.1.2)."), "warning");
    }
  else if (!bn_lpar_picker_get_selection (self->picker, request))
    {
      set_verdict (self, "dialog-information-symbolic",
                   lpar == NULL ? _("Select the source LPAR, then the destination HVM.")
                                : _("Select the destination HVM (with Auto) or the destination "
                                    "LPAR number."), NULL);
    }
  else
    {
      self->report = bn_migration_service_check (bn_engine_get_migration_service (self->engine),
                                                 request, &error);
      if (self->report == NULL)
        {
          g_autofree char *text = g_strdup_printf (_("Cannot check this selection: %s"),
                                                   error->message);

          set_verdict (self, "bn-check-error-symbolic", text, "error");
        }
      else
        {
          g_autofree char *text = bn_ui_verdict_text (self->report);
          BnVerdict verdict = bn_check_report_get_verdict (self->report);

          if (verdict != BN_VERDICT_REFUSED && !fields_valid (self))
            {
              g_autofree char *more = g_strdup_printf ("%s\n%s", text,
                                                       needs_guest_shutdown (self)
                                                       ? _("The source LPAR is activated: check "
                                                           "Shutdown Guest OS (Source) and fill in "
                                                           "the Guest OS Information, or shut its "
                                                           "guest down and run Update (§4.2.1).")
                                                       : _("Migration Execute waits for a valid "
                                                           "Guest OS Information (IP, User ID)."));

              set_verdict (self, "bn-check-warning-symbolic", more, "warning");
            }
          else
            set_verdict (self, bn_ui_verdict_icon (verdict), text,
                         verdict == BN_VERDICT_REFUSED ? "error"
                         : verdict == BN_VERDICT_WARNINGS ? "warning" : "success");
          if (self->config_viewer != NULL)
            {
              g_autofree char *subtitle = selection_subtitle (self);

              bn_config_viewer_set_report (BN_CONFIG_VIEWER (self->config_viewer),
                                           self->report, subtitle);
            }
        }
    }
  sync_subtitle (self);
  sync_actions (self);
}

/* Target Selection: "LPARs requiring recovery : x LPARs" over every registered HVM */
static void
refresh_recovery_count (BnMigrationWindow *self)
{
  GListModel *hvms = bn_fleet_get_hvms (bn_engine_get_fleet (self->engine));
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (hvms); i++)
    {
      g_autoptr(BnHvm) hvm = g_list_model_get_item (hvms, i);

      n += bn_hvm_get_n_recovery (hvm);
    }
  count = g_strdup_printf ("%u", n);
  text = bn_catalogue_format_message (bn_catalogue_get_default (), "lpars-requiring-recovery",
                                      "count", count, NULL);
  gtk_label_set_text (self->recovery_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->recovery_label), TRUE);
  if (n > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->recovery_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->recovery_label), "warning");
  /* a move may have cleared or set a flag on the selected LPAR */
  recheck (self);
}

/* ---- running ---- */

static void
migration_changed_cb (BnMigrationWindow *self)
{
  BnMigration *run = self->migration;
  const char *information = bn_migration_get_information (run);

  if (!bn_migration_is_finished (run))
    {
      set_verdict (self, "bn-step-running-symbolic",
                   information ? information : bn_migration_get_title (run), NULL);
      sync_actions (self);
      return;
    }
  g_signal_handlers_disconnect_by_func (run, migration_changed_cb, self);
  if (bn_migration_get_state (run) == BN_RUN_STATE_SUCCEEDED)
    toast (self, bn_migration_get_completion_text (run));
  else
    {
      const char *line = bn_migration_get_error_line (run);
      g_autofree char *text = NULL;

      if (line == NULL)
        line = bn_run_state_to_string (bn_migration_get_state (run));
      text = g_strdup_printf ("%s: %s", bn_migration_get_title (run), line);

      toast (self, text);
    }
  recheck (self);
}

/* A started run opens its Migration Progress window (§3.1, §3.2); the banner here follows
 * it as well, ends in a toast with the completion text or the error line, and then checks
 * the selection again, since the LPAR has moved or failed. */
static void
show_progress (BnMigrationWindow *self,
               BnMigration       *migration)
{
  g_signal_connect_object (migration, "notify", G_CALLBACK (migration_changed_cb), self,
                           G_CONNECT_SWAPPED);
  migration_changed_cb (self);
  bn_progress_window_show (self->application, migration);
}

BnMigrationRequest *
bn_migration_window_build_request (BnMigrationWindow  *self,
                                   BnOperation         operation,
                                   GError            **error)
{
  g_autoptr(BnMigrationRequest) request = bn_migration_request_new (operation);

  g_return_val_if_fail (BN_IS_MIGRATION_WINDOW (self), NULL);

  if (operation == BN_OPERATION_RECOVERY)
    {
      BnLpar *lpar = source_lpar (self);

      if (lpar == NULL || !bn_lpar_get_recovery_required (lpar))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("Select a source LPAR that requires recovery."));
          return NULL;
        }
      request->mode = self->mode;
      request->source_hvm = g_strdup (bn_lpar_picker_get_source_hvm (self->picker));
      request->source_lpar = bn_lpar_get_number (lpar);
      return g_steal_pointer (&request);
    }
  if (!bn_lpar_picker_get_selection (self->picker, request))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Select the source LPAR and the destination first."));
      return NULL;
    }
  if (self->mode == BN_MIGRATION_MODE_SHUTDOWN)
    {
      if (!fields_valid (self))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("Correct the Guest OS Information first."));
          return NULL;
        }
      request->shutdown_guest = shutdown_guest (self);
      request->activate_destination = gtk_check_button_get_active (self->activate_check);
      if (request->shutdown_guest)
        {
          request->guest_os = gtk_drop_down_get_selected (self->os_dropdown) == OS_LINUX
                              ? BN_GUEST_OS_LINUX : BN_GUEST_OS_WINDOWS;
          request->guest_address =
            g_strstrip (g_strdup (gtk_editable_get_text (self->address_entry)));
          request->guest_user = g_strstrip (g_strdup (gtk_editable_get_text (self->user_entry)));
          request->guest_password = g_strdup (gtk_editable_get_text (self->password_entry));
          request->forced_shutdown = gtk_check_button_get_active (self->forced_check);
        }
    }
  else
    request->activate_destination = TRUE;
  return g_steal_pointer (&request);
}

static void
start (BnMigrationWindow *self,
       BnOperation        operation)
{
  g_autoptr(BnMigrationRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  BnMigration *run;

  request = bn_migration_window_build_request (self, operation, &error);
  if (request != NULL)
    {
      run = bn_migration_service_start (bn_engine_get_migration_service (self->engine), request,
                                        &error);
      if (run != NULL)
        {
          g_set_object (&self->migration, run);
          show_progress (self, run);
          return;
        }
    }
  bn_ui_show_error (GTK_WINDOW (self), _("Cannot start"), error->message);
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     BnMigrationWindow *self)
{
  BnOperation operation = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog),
                                                              "bn-operation"));

  if (g_str_equal (response, "ok"))
    start (self, operation);
}

static void
confirm (BnMigrationWindow *self,
         BnOperation        operation,
         const char        *message_id,
         const char        *ok_label)
{
  AdwMessageDialog *dialog;
  g_autofree char *body = selection_subtitle (self);

  bn_ui_destroy_transient (&self->dialog);
  /* the manual's Confirmation window: its question, and what it applies to */
  dialog = bn_ui_confirm_new (GTK_WINDOW (self), bn_ui_message (message_id), body, ok_label,
                              FALSE);
  g_object_set_data (G_OBJECT (dialog), "bn-operation", GINT_TO_POINTER (operation));
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  g_set_weak_pointer (&self->dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- actions ---- */

static void
execute_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BnMigrationWindow *self = BN_MIGRATION_WINDOW (widget);

  confirm (self, BN_OPERATION_MIGRATION,
           self->mode == BN_MIGRATION_MODE_SHUTDOWN ? "confirm-migration-shutdown"
                                                    : "confirm-migration-concurrent",
           _("_Execute"));
}

static void
recover_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BnMigrationWindow *self = BN_MIGRATION_WINDOW (widget);
  BnLpar *lpar = source_lpar (self);
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  if (lpar == NULL)
    return;
  confirm (self, BN_OPERATION_RECOVERY, "confirm-recovery", _("_Execute"));
  /* the destination plays no part in a recovery: name only the LPAR */
  dialog = ADW_MESSAGE_DIALOG (self->dialog);
  body = g_strdup_printf ("%s: %s #%u", bn_lpar_get_name (lpar),
                          bn_lpar_picker_get_source_hvm (self->picker), bn_lpar_get_number (lpar));
  adw_message_dialog_set_body (dialog, body);
}

static void
rehearsal_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  confirm (BN_MIGRATION_WINDOW (widget), BN_OPERATION_REHEARSAL, "confirm-rehearsal",
           _("_Execute"));
}

static void
connectivity_test_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  confirm (BN_MIGRATION_WINDOW (widget), BN_OPERATION_CONNECTIVITY_TEST,
           "confirm-connectivity-test", _("_Execute"));
}

static void
show_config_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  BnMigrationWindow *self = BN_MIGRATION_WINDOW (widget);
  g_autofree char *subtitle = selection_subtitle (self);

  if (self->report == NULL)
    return;
  bn_config_viewer_present (&self->config_viewer, GTK_WINDOW (self), self->report, subtitle);
}

static void
show_logs_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BnMigrationWindow *self = BN_MIGRATION_WINDOW (widget);

  bn_application_show_logs (self->application, source_hvm (self));
}

static void
show_rollback_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  BnMigrationWindow *self = BN_MIGRATION_WINDOW (widget);

  /* Show Rollback (§3.2.4): the LPARs of the source HVM still on their migration WWN */
  bn_rollback_window_show (self->application, bn_lpar_picker_get_source_hvm (self->picker));
}

static void
password_saved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(BnMigrationWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  gboolean ok = bn_guest_settings_save_password_finish (BN_GUEST_SETTINGS (object), result,
                                                        &error);

  /* closed while the keyring worked */
  if (self->toast_overlay == NULL)
    return;
  if (ok)
    /* Translators: %s is "HVM-A01 #1" */
    saved = g_strdup_printf (_("Migration Setting saved, with the Guest OS Information of %s."),
                             self->guest_for);
  else
    /* Translators: %s is "HVM-A01 #1", then why the keyring refused */
    saved = g_strdup_printf (_("Migration Setting saved, with the Guest OS Information of %s "
                               "but not its password. %s"), self->guest_for, error->message);
  toast (self, saved);
}

/* Save: the Guest OS Information for the source LPAR (in the engine's database, which
 * moves it with the LPAR, §5.13; its password in the user's keyring), and the two check
 * boxes for this console. */
static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BnMigrationWindow *self = BN_MIGRATION_WINDOW (widget);
  GSettings *settings = bn_application_get_settings (self->application);
  g_autoptr(BnMigrationRequest) guest = bn_migration_request_new (BN_OPERATION_MIGRATION);
  g_autoptr(GError) error = NULL;
  const char *hvm = bn_lpar_picker_get_source_hvm (self->picker);
  guint lpar = bn_lpar_picker_get_source_lpar (self->picker);
  g_autofree char *saved = NULL;
  GVariantDict dict;

  if (settings != NULL)
    {
      g_variant_dict_init (&dict, NULL);
      g_variant_dict_insert (&dict, "shutdown-guest", "b",
                             gtk_check_button_get_active (self->shutdown_guest_check));
      g_variant_dict_insert (&dict, "activate-destination", "b",
                             gtk_check_button_get_active (self->activate_check));
      g_settings_set_value (settings, "migration-setting", g_variant_dict_end (&dict));
    }
  if (hvm == NULL || lpar == 0)
    {
      toast (self, _("Migration Setting saved; select the source LPAR to save its Guest OS "
                     "Information."));
      return;
    }
  guest->guest_os = gtk_drop_down_get_selected (self->os_dropdown) == OS_LINUX
                    ? BN_GUEST_OS_LINUX : BN_GUEST_OS_WINDOWS;
  guest->guest_address = g_strstrip (g_strdup (gtk_editable_get_text (self->address_entry)));
  guest->guest_user = g_strstrip (g_strdup (gtk_editable_get_text (self->user_entry)));
  guest->forced_shutdown = gtk_check_button_get_active (self->forced_check);
  if (*guest->guest_address == '\0' && *guest->guest_user == '\0')
    {
      /* emptied on purpose: nothing is kept for this LPAR any more */
      if (!bn_guest_settings_forget (bn_engine_get_guest_settings (self->engine), hvm, lpar,
                                     &error))
        toast (self, error->message);
      else
        toast (self, _("Migration Setting saved; no Guest OS Information for this LPAR."));
      return;
    }
  if (!bn_guest_settings_save (bn_engine_get_guest_settings (self->engine), hvm, lpar, guest,
                               &error))
    {
      toast (self, error->message);
      return;
    }
  bn_guest_settings_save_password_async (bn_engine_get_guest_settings (self->engine), hvm, lpar,
                                         gtk_editable_get_text (self->password_entry), NULL,
                                         password_saved_cb, g_object_ref (self));
}

/* ---- GObject ---- */

static void
bn_migration_window_dispose (GObject *object)
{
  BnMigrationWindow *self = BN_MIGRATION_WINDOW (object);

  bn_ui_destroy_transient (&self->dialog);
  bn_ui_destroy_transient (&self->config_viewer);
  if (self->migration != NULL)
    g_signal_handlers_disconnect_by_func (self->migration, migration_changed_cb, self);
  g_clear_object (&self->migration);
  g_clear_object (&self->report);
  g_cancellable_cancel (self->password_lookup);
  g_clear_object (&self->password_lookup);
  gtk_widget_dispose_template (GTK_WIDGET (self), BN_TYPE_MIGRATION_WINDOW);

  G_OBJECT_CLASS (bn_migration_window_parent_class)->dispose (object);
}

static void
bn_migration_window_finalize (GObject *object)
{
  BnMigrationWindow *self = BN_MIGRATION_WINDOW (object);

  g_clear_object (&self->engine);
  g_free (self->verdict_text);
  g_free (self->guest_for);

  G_OBJECT_CLASS (bn_migration_window_parent_class)->finalize (object);
}

static void
bn_migration_window_class_init (BnMigrationWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bn_migration_window_dispose;
  object_class->finalize = bn_migration_window_finalize;

  bn_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               BN_UI_RESOURCE ("bn-migration-window.ui"));
  gtk_widget_class_bind_template_child (widget_class, BnMigrationWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BnMigrationWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, BnMigrationWindow, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, BnMigrationWindow, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, BnMigrationWindow, picker_box);
  gtk_widget_class_bind_template_child (widget_class, BnMigrationWindow, recovery_label);
  gtk_widget_class_bind_template_child (widget_class, BnMigrationWindow, show_lpars_check);
  gtk_widget_class_bind_template_child (widget_class, BnMigrationWindow, rehearsal_group);
  gtk_widget_class_bind_template_child (widget_class, BnMigrationWindow, setting_group);
  gtk_widget_class_bind_template_child (widget_class, BnMigrationWindow, shutdown_guest_check);
  gtk_widget_class_bind_template_child (widget_class, BnMigrationWindow, guest_grid);
  gtk_widget_class_bind_template_child (widget_class, BnMigrationWindow, os_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BnMigrationWindow, address_entry);
  gtk_widget_class_bind_template_child (widget_class, BnMigrationWindow, address_error);
  gtk_widget_class_bind_template_child (widget_class, BnMigrationWindow, user_entry);
  gtk_widget_class_bind_template_child (widget_class, BnMigrationWindow, user_error);
  gtk_widget_class_bind_template_child (widget_class, BnMigrationWindow, password_entry);
  gtk_widget_class_bind_template_child (widget_class, BnMigrationWindow, password_error);
  gtk_widget_class_bind_template_child (widget_class, BnMigrationWindow, forced_check);
  gtk_widget_class_bind_template_child (widget_class, BnMigrationWindow, activate_check);

  gtk_widget_class_install_action (widget_class, "migration.execute", NULL, execute_action);
  gtk_widget_class_install_action (widget_class, "migration.recover", NULL, recover_action);
  gtk_widget_class_install_action (widget_class, "migration.rehearsal", NULL, rehearsal_action);
  gtk_widget_class_install_action (widget_class, "migration.connectivity-test", NULL,
                                   connectivity_test_action);
  gtk_widget_class_install_action (widget_class, "migration.show-config", NULL,
                                   show_config_action);
  gtk_widget_class_install_action (widget_class, "migration.show-logs", NULL, show_logs_action);
  gtk_widget_class_install_action (widget_class, "migration.show-rollback", NULL,
                                   show_rollback_action);
  gtk_widget_class_install_action (widget_class, "migration.save", NULL, save_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "migration.execute", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                       "migration.show-config", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "migration.save", NULL);
}

static void
bn_migration_window_init (BnMigrationWindow *self)
{
  g_autoptr(GtkStringList) os_types = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_string_list_append (os_types, _("Windows"));
  gtk_string_list_append (os_types, _("Linux"));
  gtk_drop_down_set_model (self->os_dropdown, G_LIST_MODEL (os_types));
  gtk_check_button_set_label (self->show_lpars_check, bn_ui_message ("show-the-lpars"));
#ifdef DEVELOPMENT
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

static void hvms_changed_cb (GListModel        *hvms,
                             guint              position,
                             guint              removed,
                             guint              added,
                             BnMigrationWindow *self);

static void
setup (BnMigrationWindow *self)
{
  gboolean shutdown = self->mode == BN_MIGRATION_MODE_SHUTDOWN;
  const char *title = shutdown ? _("Migration [Shutdown]")
                               : _("Migration [Concurrent Maintenance]");
  GSettings *settings = bn_application_get_settings (self->application);
  GtkWidget *fields[] = { GTK_WIDGET (self->address_entry), GTK_WIDGET (self->user_entry),
                          GTK_WIDGET (self->password_entry) };

  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  gtk_widget_set_name (GTK_WIDGET (self), shutdown ? "migration-shutdown"
                                                   : "migration-concurrent");
  gtk_widget_set_visible (self->setting_group, shutdown);
  gtk_widget_set_visible (self->rehearsal_group, !shutdown);

  self->picker = BN_LPAR_PICKER (bn_lpar_picker_new (self->engine, self->mode));
  gtk_widget_set_vexpand (GTK_WIDGET (self->picker), TRUE);
  gtk_box_append (self->picker_box, GTK_WIDGET (self->picker));
  g_object_bind_property (self->show_lpars_check, "active", self->picker, "recovery-only",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  if (settings != NULL)
    g_settings_bind (settings, "tree-view", self->picker, "tree-view", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->picker, "changed", G_CALLBACK (recheck), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->picker, "changed", G_CALLBACK (load_guest_info), self,
                           G_CONNECT_SWAPPED);

  if (shutdown)
    load_setting (self);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_signal_connect_object (fields[i], "changed", G_CALLBACK (validate_fields), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (self->shutdown_guest_check, "notify::active",
                           G_CALLBACK (validate_fields), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->os_dropdown, "notify::selected",
                           G_CALLBACK (validate_fields), self, G_CONNECT_SWAPPED);

  /* HVMs come and go with Update; their recovery counts change after runs */
  {
    GListModel *hvms = bn_fleet_get_hvms (bn_engine_get_fleet (self->engine));

    g_signal_connect_object (hvms, "items-changed", G_CALLBACK (hvms_changed_cb), self, 0);
    hvms_changed_cb (hvms, 0, 0, g_list_model_get_n_items (hvms), self);
  }
  validate_fields (self);
  refresh_recovery_count (self);
}

static void
hvms_changed_cb (GListModel        *hvms,
                 guint              position,
                 guint              removed,
                 guint              added,
                 BnMigrationWindow *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(BnHvm) hvm = g_list_model_get_item (hvms, i);

      g_signal_connect_object (hvm, "notify::n-recovery", G_CALLBACK (refresh_recovery_count),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (hvm, "notify::generation", G_CALLBACK (recheck), self,
                               G_CONNECT_SWAPPED);
    }
  if (removed > 0 || added > 0)
    refresh_recovery_count (self);
}

BnMigrationWindow *
bn_migration_window_new (BnApplication   *app,
                         BnMigrationMode  mode)
{
  BnMigrationWindow *self;

  g_return_val_if_fail (BN_IS_APPLICATION (app), NULL);

  self = g_object_new (BN_TYPE_MIGRATION_WINDOW, "application", app, NULL);
  self->application = app;
  self->engine = g_object_ref (bn_application_get_engine (app));
  self->mode = mode;
  setup (self);
  return self;
}

GtkWindow *
bn_migration_window_show (BnApplication   *app,
                          BnMigrationMode  mode)
{
  GtkWindow *window;

  g_return_val_if_fail (BN_IS_APPLICATION (app), NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (BN_IS_MIGRATION_WINDOW (l->data) && BN_MIGRATION_WINDOW (l->data)->mode == mode)
      {
        gtk_window_present (l->data);
        return l->data;
      }
  window = GTK_WINDOW (bn_migration_window_new (app, mode));
  gtk_window_present (window);
  return window;
}

BnMigrationMode
bn_migration_window_get_mode (BnMigrationWindow *self)
{
  g_return_val_if_fail (BN_IS_MIGRATION_WINDOW (self), BN_MIGRATION_MODE_SHUTDOWN);
  return self->mode;
}

BnLparPicker *
bn_migration_window_get_picker (BnMigrationWindow *self)
{
  g_return_val_if_fail (BN_IS_MIGRATION_WINDOW (self), NULL);
  return self->picker;
}

BnCheckReport *
bn_migration_window_get_report (BnMigrationWindow *self)
{
  g_return_val_if_fail (BN_IS_MIGRATION_WINDOW (self), NULL);
  return self->report;
}

const char *
bn_migration_window_get_verdict_text (BnMigrationWindow *self)
{
  g_return_val_if_fail (BN_IS_MIGRATION_WINDOW (self), NULL);
  return self->verdict_text;
}

GtkWindow *
bn_migration_window_get_dialog (BnMigrationWindow *self)
{
  g_return_val_if_fail (BN_IS_MIGRATION_WINDOW (self), NULL);
  return self->dialog;
}

GtkWindow *
bn_migration_window_get_config_viewer (BnMigrationWindow *self)
{
  g_return_val_if_fail (BN_IS_MIGRATION_WINDOW (self), NULL);
  return self->config_viewer;
}

BnMigration *
bn_migration_window_get_migration (BnMigrationWindow *self)
{
  g_return_val_if_fail (BN_IS_MIGRATION_WINDOW (self), NULL);
  return self->migration;
}
