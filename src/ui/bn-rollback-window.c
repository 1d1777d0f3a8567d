/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-rollback-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bn-blade-doc.h"
#include "bn-rollback-window.h"
#include "bn-ui-utils.h"

struct _BnRollbackWindow
{
  AdwWindow       parent_instance;

  BnApplication  *application;
  BnFleet        *fleet;
  char           *hvm_id;        /* NULL: every HVM */
  GListStore     *lpars;
  GtkSingleSelection *selection;
  BnMigration    *run;
  GCancellable   *cancellable;
  gboolean        reading;

  AdwWindowTitle *window_title;
  GtkLabel       *scope_label;
  GtkStack       *list_stack;
  AdwStatusPage  *empty_page;
  GtkColumnView  *lpar_view;
  GtkLabel       *status_label;
  GtkSpinner     *spinner;
};

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BnRollbackWindow, bn_rollback_window, ADW_TYPE_WINDOW)

static const char *
fc_wwn_status (JsonObject *fc)
{
  return bn_blade_doc_get_string (fc, "wwn_status", "normal");
}

/* What the simulator and the blades refuse other moves for (§3.2.4): an FC port still on
 * its migration WWN, or a rollback that did not finish. */
gboolean
bn_rollback_window_needs_rollback (BnLpar *lpar)
{
  JsonArray *fcs;

  g_return_val_if_fail (BN_IS_LPAR (lpar), FALSE);

  fcs = bn_lpar_get_config (lpar) ? bn_blade_doc_get_array (bn_lpar_get_config (lpar), "fcs")
                                  : NULL;
  for (guint i = 0; fcs && i < json_array_get_length (fcs); i++)
    {
      const char *status = fc_wwn_status (json_array_get_object_element (fcs, i));

      if (g_str_equal (status, "migration") || g_str_equal (status, "rollback"))
        return TRUE;
    }
  return FALSE;
}

static char *
format_hvm (GObject *item)
{
  return g_strdup (bn_hvm_get_id (bn_lpar_get_hvm (BN_LPAR (item))));
}

static char *
format_number (GObject *item)
{
  return g_strdup_printf ("#%u", bn_lpar_get_number (BN_LPAR (item)));
}

static char *
format_state (GObject *item)
{
  BnLpar *lpar = BN_LPAR (item);
  JsonArray *fcs = bn_blade_doc_get_array (bn_lpar_get_config (lpar), "fcs");
  gboolean unfinished = FALSE;

  if (bn_lpar_get_recovery_required (lpar))
    return g_strdup (_("Requires recovery first (Recovery Execute)"));
  for (guint i = 0; fcs && i < json_array_get_length (fcs); i++)
    unfinished |= g_str_equal (fc_wwn_status (json_array_get_object_element (fcs, i)),
                               "rollback");
  if (unfinished)
    return g_strdup (_("Rollback did not finish: execute it again"));
  return g_strdup (_("Uses its migration WWN"));
}

static char *
format_ports (GObject *item)
{
  JsonArray *fcs = bn_blade_doc_get_array (bn_lpar_get_config (BN_LPAR (item)), "fcs");
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; fcs && i < json_array_get_length (fcs); i++)
    {
      JsonObject *fc = json_array_get_object_element (fcs, i);

      if (g_str_equal (fc_wwn_status (fc), "normal"))
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, _("Slot %d Port %d"),
                              (int) bn_blade_doc_get_int (fc, "slot", 0),
                              (int) bn_blade_doc_get_int (fc, "port", 0));
      if (bn_blade_doc_get_string (fc, "migration_wwpn", NULL) != NULL)
        g_string_append_printf (text, " (%s)", bn_blade_doc_get_string (fc, "migration_wwpn", ""));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
format_icon_tooltip (GObject *item)
{
  return g_strdup (bn_ui_lpar_state_description (bn_lpar_get_state (BN_LPAR (item))));
}

static void
set_status (BnRollbackWindow *self,
            const char       *text,
            gboolean          error)
{
  gtk_label_set_text (self->status_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL && *text != '\0');
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), error ? "success" : "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), error ? "error" : "success");
}

static BnLpar *
selected_lpar (BnRollbackWindow *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
update_actions (BnRollbackWindow *self)
{
  BnLpar *lpar = selected_lpar (self);
  gboolean busy = self->run != NULL || self->reading;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rollback.execute",
                                 lpar != NULL && !busy && !bn_lpar_get_recovery_required (lpar));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rollback.refresh", !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

static void
add_hvm_lpars (BnRollbackWindow *self,
               BnHvm            *hvm)
{
  GListModel *lpars = bn_hvm_get_lpars (hvm);

  for (guint i = 0; lpars && i < g_list_model_get_n_items (lpars); i++)
    {
      g_autoptr(BnLpar) lpar = g_list_model_get_item (lpars, i);

      if (bn_rollback_window_needs_rollback (lpar))
        g_list_store_append (self->lpars, lpar);
    }
}

/* The list from what the HVMs served in their last read; keeps the selection if the LPAR
 * is still listed. */
static void
rebuild (BnRollbackWindow *self)
{
  BnLpar *selected = selected_lpar (self);
  g_autofree char *keep_hvm = selected ? g_strdup (bn_hvm_get_id (bn_lpar_get_hvm (selected)))
                                       : NULL;
  guint keep_number = selected ? bn_lpar_get_number (selected) : 0;
  BnHvm *scope = self->hvm_id ? bn_fleet_find_hvm (self->fleet, self->hvm_id) : NULL;
  g_autofree char *description = NULL;
  guint n;

  g_list_store_remove_all (self->lpars);
  if (scope != NULL)
    add_hvm_lpars (self, scope);
  else if (self->hvm_id == NULL)
    {
      GListModel *hvms = bn_fleet_get_hvms (self->fleet);

      for (guint i = 0; i < g_list_model_get_n_items (hvms); i++)
        {
          g_autoptr(BnHvm) hvm = g_list_model_get_item (hvms, i);

          add_hvm_lpars (self, hvm);
        }
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->lpars));
  for (guint i = 0; i < n && keep_hvm != NULL; i++)
    {
      g_autoptr(BnLpar) lpar = g_list_model_get_item (G_LIST_MODEL (self->lpars), i);

      if (bn_lpar_get_number (lpar) == keep_number &&
          g_strcmp0 (bn_hvm_get_id (bn_lpar_get_hvm (lpar)), keep_hvm) == 0)
        gtk_single_selection_set_selected (self->selection, i);
    }

  if (self->hvm_id != NULL && scope == NULL)
    description = g_strdup_printf (_("HVM %s is not registered."), self->hvm_id);
  else if (scope != NULL && bn_hvm_get_config (scope) == NULL)
    description = g_strdup_printf (_("HVM %s has not been read yet: Refresh reads it."),
                                   self->hvm_id);
  else if (scope != NULL)
    description = g_strdup_printf (_("Every LPAR of HVM %s uses its own WWN. Migrations can "
                                     "run."), self->hvm_id);
  else
    description = g_strdup (_("Every LPAR of the HVMs read in the last Update uses its own "
                              "WWN. Migrations can run."));
  adw_status_page_set_description (self->empty_page, description);
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");
  update_actions (self);
}

static void
fleet_updating_cb (BnRollbackWindow *self)
{
  if (!bn_fleet_get_updating (self->fleet))
    rebuild (self);
}

static void
hvm_read_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(BnRollbackWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!bn_fleet_update_hvm_finish (BN_FLEET (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->reading = FALSE;
  if (error != NULL)
    set_status (self, error->message, TRUE);
  rebuild (self);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BnRollbackWindow *self = BN_ROLLBACK_WINDOW (widget);
  BnHvm *hvm = self->hvm_id ? bn_fleet_find_hvm (self->fleet, self->hvm_id) : NULL;

  if (self->run != NULL || self->reading)
    return;
  set_status (self, NULL, FALSE);
  if (hvm != NULL)
    {
      self->reading = TRUE;
      update_actions (self);
      bn_fleet_update_hvm_async (self->fleet, hvm, self->cancellable, hvm_read_cb,
                                 g_object_ref (self));
    }
  else
    /* every HVM: the application's Update, which every window shows */
    bn_application_update (self->application);
}

static void
run_finished_cb (BnMigration      *run,
                 BnRollbackWindow *self)
{
  const BnMigrationRequest *request = bn_migration_get_request (run);
  g_autoptr(BnMigration) finished = NULL;
  g_autofree char *text = NULL;

  if (bn_migration_get_state (run) == BN_RUN_STATE_SUCCEEDED)
    {
      text = g_strdup_printf (_("The WWN of LPAR #%u on HVM %s was rolled back."),
                              request->source_lpar, request->source_hvm);
      set_status (self, text, FALSE);
    }
  else
    {
      const char *line = bn_migration_get_error_line (run);
      const char *remedy = bn_migration_get_error_remedy (run);

      text = g_strdup_printf (_("The WWN rollback of LPAR #%u on HVM %s failed: %s%s%s"),
                              request->source_lpar, request->source_hvm,
                              line ? line : bn_run_state_to_string (bn_migration_get_state (run)),
                              remedy ? "\n" : "", remedy ? remedy : "");
      set_status (self, text, TRUE);
    }
  g_signal_handlers_disconnect_by_func (run, run_finished_cb, self);
  /* the Migration Service read the HVM again before "finished" */
  finished = g_steal_pointer (&self->run);
  rebuild (self);
  g_signal_emit (self, signals[FINISHED], 0, finished);
}

static void
execute_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     BnRollbackWindow *self)
{
  g_autoptr(BnMigrationRequest) request = bn_migration_request_new (BN_OPERATION_WWN_ROLLBACK);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  BnLpar *lpar = selected_lpar (self);
  BnMigration *run;

  if (!g_str_equal (response, "ok") || lpar == NULL || self->run != NULL)
    return;
  request->source_hvm = g_strdup (bn_hvm_get_id (bn_lpar_get_hvm (lpar)));
  request->source_lpar = bn_lpar_get_number (lpar);
  run = bn_migration_service_start (bn_engine_get_migration_service (
                                      bn_application_get_engine (self->application)),
                                    request, &error);
  if (run == NULL)
    {
      set_status (self, error->message, TRUE);
      return;
    }
  self->run = g_object_ref (run);
  g_signal_connect_object (run, "finished", G_CALLBACK (run_finished_cb), self, 0);
  text = g_strdup_printf (_("Rolling back the WWN of LPAR #%u %s on HVM %s…"),
                          request->source_lpar, bn_lpar_get_name (lpar), request->source_hvm);
  set_status (self, text, FALSE);
  update_actions (self);
  if (bn_migration_is_finished (run))
    run_finished_cb (run, self);
}

static void
execute_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BnRollbackWindow *self = BN_ROLLBACK_WINDOW (widget);
  BnLpar *lpar = selected_lpar (self);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (lpar == NULL || self->run != NULL)
    return;
  body = g_strdup_printf (_("LPAR #%u %s of HVM %s goes back from its migration WWN to its own "
                            "WWN. Check first that the FC links of the HVM are stable (HVM "
                            "System Logs)."),
                          bn_lpar_get_number (lpar), bn_lpar_get_name (lpar),
                          bn_hvm_get_id (bn_lpar_get_hvm (lpar)));
  dialog = bn_ui_confirm_new (GTK_WINDOW (self), _("Roll Back the WWN?"), body,
                              _("_Execute"), FALSE);
  gtk_widget_set_name (GTK_WIDGET (dialog), "rollback-confirm-dialog");
  g_signal_connect_object (dialog, "response", G_CALLBACK (execute_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
bn_rollback_window_dispose (GObject *object)
{
  BnRollbackWindow *self = (BnRollbackWindow *) object;

  g_cancellable_cancel (self->cancellable);
  if (self->run != NULL)
    g_signal_handlers_disconnect_by_func (self->run, run_finished_cb, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), BN_TYPE_ROLLBACK_WINDOW);
  g_clear_object (&self->run);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->selection);
  g_clear_object (&self->lpars);
  g_clear_object (&self->fleet);
  g_clear_pointer (&self->hvm_id, g_free);

  G_OBJECT_CLASS (bn_rollback_window_parent_class)->dispose (object);
}

static void
bn_rollback_window_class_init (BnRollbackWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bn_rollback_window_dispose;

  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, BN_TYPE_MIGRATION);

  bn_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               BN_UI_RESOURCE ("bn-rollback-window.ui"));
  gtk_widget_class_bind_template_child (widget_class, BnRollbackWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, BnRollbackWindow, scope_label);
  gtk_widget_class_bind_template_child (widget_class, BnRollbackWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, BnRollbackWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, BnRollbackWindow, lpar_view);
  gtk_widget_class_bind_template_child (widget_class, BnRollbackWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, BnRollbackWindow, spinner);

  gtk_widget_class_install_action (widget_class, "rollback.execute", NULL, execute_action);
  gtk_widget_class_install_action (widget_class, "rollback.refresh", NULL, refresh_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "rollback.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
append_column (GtkColumnView      *view,
               const char         *title,
               GtkListItemFactory *factory,
               gboolean            expand)
{
  g_autoptr(GtkColumnViewColumn) column = bn_ui_column_new (title, factory, expand, NULL);

  gtk_column_view_append_column (view, column);
}

static void
bn_rollback_window_init (BnRollbackWindow *self)
{
  GtkColumnView *view;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->lpars = g_list_store_new (BN_TYPE_LPAR);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->lpars)));
  view = self->lpar_view;
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (self->selection));
  append_column (view, "", bn_ui_icon_factory_new (BN_TYPE_LPAR, "icon-name",
                                                   format_icon_tooltip), FALSE);
  append_column (view, _("HVM"), bn_ui_text_factory_new (BN_TYPE_LPAR, NULL, format_hvm, NULL),
                 FALSE);
  append_column (view, _("LPAR"),
                 bn_ui_text_factory_new (BN_TYPE_LPAR, NULL, format_number, "numeric"), FALSE);
  append_column (view, _("LPAR Name"), bn_ui_text_factory_new (BN_TYPE_LPAR, "name", NULL, NULL),
                 FALSE);
  append_column (view, _("WWN State"),
                 bn_ui_text_factory_new (BN_TYPE_LPAR, NULL, format_state, NULL), TRUE);
  append_column (view, _("FC Port (Migration WWPN)"),
                 bn_ui_text_factory_new (BN_TYPE_LPAR, NULL, format_ports, NULL), FALSE);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);
  adw_status_page_set_title (self->empty_page, _("No LPAR Needs a WWN Rollback"));
}

void
bn_rollback_window_set_hvm (BnRollbackWindow *self,
                            const char       *hvm_id)
{
  g_return_if_fail (BN_IS_ROLLBACK_WINDOW (self));

  g_free (self->hvm_id);
  self->hvm_id = hvm_id && *hvm_id ? g_strdup (hvm_id) : NULL;
  if (self->hvm_id != NULL)
    {
      gtk_label_set_text (self->scope_label, self->hvm_id);
      adw_window_title_set_subtitle (self->window_title, self->hvm_id);
    }
  else
    {
      gtk_label_set_text (self->scope_label, _("All HVMs"));
      adw_window_title_set_subtitle (self->window_title, _("All HVMs"));
    }
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  rebuild (self);
}

/* Opens Rollback WWN (one per application) for @hvm_id, or for every HVM. */
GtkWindow *
bn_rollback_window_show (BnApplication *app,
                         const char    *hvm_id)
{
  BnRollbackWindow *self = NULL;

  g_return_val_if_fail (BN_IS_APPLICATION (app), NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (BN_IS_ROLLBACK_WINDOW (l->data))
      self = l->data;
  if (self == NULL)
    {
      self = g_object_new (BN_TYPE_ROLLBACK_WINDOW, "application", app, NULL);
      self->application = app;
      self->fleet = g_object_ref (bn_engine_get_fleet (bn_application_get_engine (app)));
      g_signal_connect_object (self->fleet, "notify::updating", G_CALLBACK (fleet_updating_cb),
                               self, G_CONNECT_SWAPPED);
    }
  if (self->run == NULL)
    bn_rollback_window_set_hvm (self, hvm_id);
  gtk_window_present (GTK_WINDOW (self));
  return GTK_WINDOW (self);
}

GListModel *
bn_rollback_window_get_lpars (BnRollbackWindow *self)
{
  g_return_val_if_fail (BN_IS_ROLLBACK_WINDOW (self), NULL);
  return G_LIST_MODEL (self->lpars);
}

gboolean
bn_rollback_window_select_lpar (BnRollbackWindow *self,
                                BnLpar           *lpar)
{
  guint position;

  g_return_val_if_fail (BN_IS_ROLLBACK_WINDOW (self), FALSE);

  if (!g_list_store_find (self->lpars, lpar, &position))
    return FALSE;
  gtk_single_selection_set_selected (self->selection, position);
  return TRUE;
}

gboolean
bn_rollback_window_is_running (BnRollbackWindow *self)
{
  g_return_val_if_fail (BN_IS_ROLLBACK_WINDOW (self), FALSE);
  return self->run != NULL || self->reading;
}
