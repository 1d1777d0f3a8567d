/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bn-hvm-dialog.h"
#include "bn-migration-window.h"
#include "bn-path-window.h"
#include "bn-policy-window.h"
#include "bn-rollback-window.h"
#include "bn-ui-utils.h"
#include "bn-window.h"

#define N_RECENT_MOVES 5

struct _BnWindow
{
  AdwApplicationWindow  parent_instance;

  BnApplication        *application;
  BnEngine             *engine;
  GtkSingleSelection   *hvm_selection;
  char                 *mode;
  GtkWindow            *dialog;     /* the Add HVM dialog or a confirmation, while open */

  /* template children */
  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *view_stack;
  GtkRevealer          *demo_revealer;
  GtkSpinner           *demo_spinner;
  GtkLabel             *demo_label;
  GtkColumnView        *hvm_view;
  GtkLabel             *hvm_count_label;
  GtkButton            *update_button;
  GtkSpinner           *update_spinner;
  GtkLabel             *update_status_label;
  GtkListBox           *history_list;
  GtkEditable          *history_entry;
  BnFleetTree          *fleet_tree;
  GtkLabel             *fleet_summary_label;
};

enum {
  PROP_0,
  PROP_MODE,
  PROP_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BnWindow, bn_window, ADW_TYPE_APPLICATION_WINDOW)

static BnFleet *
get_fleet (BnWindow *self)
{
  return bn_engine_get_fleet (self->engine);
}

static void
toast (BnWindow   *self,
       const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* ---- Profile tab: System Configuration ---- */

static char *
format_endpoint (GObject *item)
{
  return bn_ui_format_endpoint (BN_HVM (item));
}

static char *
format_n_lpars (GObject *item)
{
  BnHvm *hvm = BN_HVM (item);

  if (bn_hvm_get_config (hvm) == NULL)
    return g_strdup ("");
  return g_strdup_printf ("%u", g_list_model_get_n_items (bn_hvm_get_lpars (hvm)));
}

static char *
format_chassis (GObject *item)
{
  BnHvm *hvm = BN_HVM (item);

  if (bn_hvm_get_chassis_id (hvm) == NULL)
    return g_strdup ("");
  return g_strdup_printf ("%s (%s)", bn_hvm_get_chassis_id (hvm),
                          bn_hvm_get_chassis_type (hvm) ? bn_hvm_get_chassis_type (hvm) : "?");
}

static GtkSorter *
string_sorter (const char *property)
{
  return GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (BN_TYPE_HVM, NULL,
                                                                         property)));
}

/* The state column says "Updating…" with a static icon while Update reads the HVM (a
 * spinner per row would redraw hundreds of rows every frame), then its state icon. */
static void
hvm_state (GObject     *item,
           const char **icon_name,
           const char **text,
           const char **css_class)
{
  BnHvm *hvm = BN_HVM (item);
  BnHvmState state = bn_hvm_get_state (hvm);

  *icon_name = bn_hvm_get_updating (hvm) ? "emblem-synchronizing-symbolic"
                                         : bn_hvm_state_get_icon_name (state);
  *text = bn_hvm_get_updating (hvm) ? _("Updating…") : bn_ui_hvm_state_label (state);
}

static char *
hvm_state_tooltip (GObject *item)
{
  return g_strdup (bn_ui_hvm_state_description (bn_hvm_get_state (BN_HVM (item))));
}

static void
setup_hvm_view (BnWindow *self)
{
  GtkListItemFactory *state_factory = bn_ui_state_factory_new (BN_TYPE_HVM, hvm_state,
                                                               hvm_state_tooltip);
  g_autoptr(GtkColumnViewColumn) id_column = NULL;
  GtkSortListModel *sorted;
  struct {
    const char         *title;
    GtkListItemFactory *factory;
    gboolean            expand;
    GtkSorter          *sorter;
  } columns[] = {
    { _("HVM ID"), bn_ui_text_factory_new (BN_TYPE_HVM, "id", NULL, "bn-strong"), FALSE,
      string_sorter ("id") },
    { _("IP Address"), bn_ui_text_factory_new (BN_TYPE_HVM, NULL, format_endpoint, NULL),
      FALSE, string_sorter ("address") },
    { _("State"), state_factory, FALSE, NULL },
    { _("Chassis"), bn_ui_text_factory_new (BN_TYPE_HVM, NULL, format_chassis, NULL), FALSE,
      string_sorter ("chassis-id") },
    { _("Model"), bn_ui_text_factory_new (BN_TYPE_HVM, "model", NULL, NULL), FALSE,
      string_sorter ("model") },
    { _("Firmware"), bn_ui_text_factory_new (BN_TYPE_HVM, "firmware", NULL, NULL), FALSE,
      string_sorter ("firmware") },
    { _("LPARs"), bn_ui_text_factory_new (BN_TYPE_HVM, NULL, format_n_lpars, "numeric"), FALSE,
      NULL },
    { _("Reason"), bn_ui_text_factory_new (BN_TYPE_HVM, "reason", NULL, "error"), TRUE, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = bn_ui_column_new (columns[i].title,
                                                                columns[i].factory,
                                                                columns[i].expand,
                                                                columns[i].sorter);

      gtk_column_view_append_column (self->hvm_view, column);
    }

  sorted = gtk_sort_list_model_new (g_object_ref (bn_fleet_get_hvms (get_fleet (self))),
                                    g_object_ref (gtk_column_view_get_sorter (self->hvm_view)));
  self->hvm_selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->hvm_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->hvm_selection, TRUE);
  gtk_column_view_set_model (self->hvm_view, GTK_SELECTION_MODEL (self->hvm_selection));
  id_column = g_list_model_get_item (gtk_column_view_get_columns (self->hvm_view), 0);
  gtk_column_view_sort_by_column (self->hvm_view, id_column, GTK_SORT_ASCENDING);
}

/* ---- summary labels ---- */

static void
refresh_counts (BnWindow *self)
{
  BnFleet *fleet = get_fleet (self);
  GListModel *hvms = bn_fleet_get_hvms (fleet);
  guint n_hvms = g_list_model_get_n_items (hvms);
  guint n_chassis = 0, n_lpars = 0, n_unread = 0;
  GListModel *chassis = bn_fleet_get_chassis (fleet);
  g_autofree char *hvm_text = NULL;
  g_autofree char *chassis_text = NULL;
  g_autofree char *lpar_text = NULL;
  g_autofree char *summary = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (chassis); i++)
    {
      g_autoptr(BnChassis) c = g_list_model_get_item (chassis, i);

      if (*bn_chassis_get_id (c) != '\0')
        n_chassis++;
    }
  for (guint i = 0; i < n_hvms; i++)
    {
      g_autoptr(BnHvm) hvm = g_list_model_get_item (hvms, i);

      n_lpars += g_list_model_get_n_items (bn_hvm_get_lpars (hvm));
      if (bn_hvm_get_state (hvm) == BN_HVM_STATE_UNREACHABLE)
        n_unread++;
    }

  hvm_text = g_strdup_printf (ngettext ("%u HVM registered", "%u HVMs registered", n_hvms),
                              n_hvms);
  gtk_label_set_text (self->hvm_count_label, hvm_text);

  chassis_text = g_strdup_printf (ngettext ("%u chassis", "%u chassis", n_chassis), n_chassis);
  g_clear_pointer (&hvm_text, g_free);
  hvm_text = g_strdup_printf (ngettext ("%u HVM", "%u HVMs", n_hvms), n_hvms);
  lpar_text = g_strdup_printf (ngettext ("%u LPAR", "%u LPARs", n_lpars), n_lpars);
  if (n_unread > 0)
    /* Translators: "3 chassis · 10 HVMs · 36 LPARs · 1 could not be read" */
    summary = g_strdup_printf (ngettext ("%s · %s · %s · %u could not be read",
                                         "%s · %s · %s · %u could not be read", n_unread),
                               chassis_text, hvm_text, lpar_text, n_unread);
  else
    summary = g_strdup_printf ("%s · %s · %s", chassis_text, hvm_text, lpar_text);
  gtk_label_set_text (self->fleet_summary_label, summary);
}

static void
sync_update_button (BnWindow *self)
{
  gboolean updating = bn_application_get_updating (self->application);
  GtkWidget *button = GTK_WIDGET (self->update_button);

  gtk_button_set_label (self->update_button, updating ? _("_Cancel") : _("_Update"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button),
                                  updating ? "win.cancel-update" : "win.update");
  gtk_widget_set_tooltip_text (button, updating ? _("Stop waiting for the HVMs that have not "
                                                    "answered yet (Esc)")
                                                : _("Read every registered HVM again (F5)"));
  if (updating)
    {
      gtk_widget_remove_css_class (button, "suggested-action");
      gtk_widget_add_css_class (button, "destructive-action");
    }
  else
    {
      gtk_widget_remove_css_class (button, "destructive-action");
      gtk_widget_add_css_class (button, "suggested-action");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->update_spinner), updating);
  gtk_spinner_set_spinning (self->update_spinner, updating);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.update", !updating);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-update", updating);
}

static void
updating_changed_cb (BnWindow *self)
{
  sync_update_button (self);
  if (!bn_application_get_updating (self->application))
    refresh_counts (self);
}

static void
sync_demo_banner (BnWindow *self)
{
  const char *status = bn_application_get_demo_status (self->application);

  gtk_revealer_set_reveal_child (self->demo_revealer, status != NULL);
  gtk_spinner_set_spinning (self->demo_spinner, status != NULL);
  if (status != NULL)
    gtk_label_set_text (self->demo_label, status);
}

/* ---- Migration History group ---- */

static GtkWidget *
create_history_row (gpointer item,
                    gpointer user_data)
{
  BnHistoryEntry *entry = item;
  g_autofree char *place = bn_history_entry_format (entry);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 bn_history_entry_get_lpar_name (entry));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  /* Translators: where an LPAR moved to: "→ HVM-B01 #3 Group#0 [2026/11/23 10:00:00]" */
  subtitle = g_strdup_printf (_("→ %s (%s)"), place,
                              bn_ui_mode_label (bn_history_entry_get_mode (entry)));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "bn-lpar-name",
                          g_strdup (bn_history_entry_get_lpar_name (entry)), g_free);
  return row;
}

static void
reload_history (BnWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) recent = bn_history_list_recent (bn_engine_get_history (self->engine),
                                                         N_RECENT_MOVES, &error);

  if (recent == NULL)
    {
      g_warning ("Cannot read the migration history: %s", error->message);
      return;
    }
  gtk_list_box_bind_model (self->history_list, recent, create_history_row, self, NULL);
}

static void
history_row_activated_cb (BnWindow      *self,
                          GtkListBoxRow *row)
{
  const char *name = g_object_get_data (G_OBJECT (row), "bn-lpar-name");

  bn_application_show_history (self->application, name);
}

/* ---- actions ---- */

static void
update_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  bn_application_update (BN_WINDOW (widget)->application);
}

static void
cancel_update_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  bn_application_cancel_update (BN_WINDOW (widget)->application);
}

static void
hvm_read_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* the HVM's state and reason show the outcome */
  bn_fleet_update_hvm_finish (BN_FLEET (object), result, &error);
}

static void
hvm_added_cb (BnWindow    *self,
              BnHvm       *hvm,
              BnHvmDialog *dialog)
{
  g_autofree char *text = g_strdup_printf (_("HVM %s registered"), bn_hvm_get_id (hvm));

  toast (self, text);
  bn_window_select_hvm (self, hvm);
  /* read it at once, so it shows its state and chassis without a full Update */
  bn_fleet_update_hvm_async (get_fleet (self), hvm, NULL, hvm_read_cb, NULL);
}

static void
add_hvm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BnWindow *self = BN_WINDOW (widget);
  BnHvmDialog *dialog = bn_hvm_dialog_new (get_fleet (self));

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "added", G_CALLBACK (hvm_added_cb), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    BnWindow         *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "bn-hvm-id");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (g_strcmp0 (response, "ok") != 0)
    return;
  if (!bn_fleet_remove_hvm (get_fleet (self), id, &error))
    {
      bn_ui_show_error (GTK_WINDOW (self), _("The HVM could not be removed"), error->message);
      return;
    }
  text = g_strdup_printf (_("HVM %s removed"), id);
  toast (self, text);
  refresh_counts (self);
}

static void
remove_hvm_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  BnWindow *self = BN_WINDOW (widget);
  BnHvm *hvm = gtk_single_selection_get_selected_item (self->hvm_selection);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (hvm == NULL)
    return;
  heading = g_strdup_printf (_("Remove HVM %s?"), bn_hvm_get_id (hvm));
  dialog = GTK_WIDGET (bn_ui_confirm_new (GTK_WINDOW (self), heading,
                                          _("The console stops reading this HVM and no longer "
                                            "offers its LPARs for migration. The blade and its "
                                            "LPARs are not changed; you can add it again later."),
                                          _("_Remove"), TRUE));
  g_object_set_data_full (G_OBJECT (dialog), "bn-hvm-id", g_strdup (bn_hvm_get_id (hvm)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  g_set_weak_pointer (&self->dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_logs_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BnWindow *self = BN_WINDOW (widget);

  bn_application_show_logs (self->application, bn_window_get_selected_hvm (self));
}

static void
show_history_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  BnWindow *self = BN_WINDOW (widget);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (self->history_entry)));

  bn_application_show_history (self->application, name);
}

static void
history_entry_activate_cb (BnWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-history", NULL);
}

static void
open_migration_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  BnWindow *self = BN_WINDOW (widget);
  const char *which = g_variant_get_string (parameter, NULL);

  if (g_str_equal (which, "shutdown"))
    bn_migration_window_show (self->application, BN_MIGRATION_MODE_SHUTDOWN);
  else if (g_str_equal (which, "concurrent"))
    bn_migration_window_show (self->application, BN_MIGRATION_MODE_CONCURRENT);
  else if (g_str_equal (which, "policy"))
    bn_policy_window_show (BN_WINDOW (widget)->application, NULL);
  else if (g_str_equal (which, "path-setting"))
    {
      BnHvm *hvm = bn_window_get_selected_hvm (BN_WINDOW (widget));

      bn_path_window_show (BN_WINDOW (widget)->application, hvm ? bn_hvm_get_id (hvm) : NULL);
    }
  else if (g_str_equal (which, "wwn-setting"))
    bn_ui_show_not_yet (GTK_WINDOW (widget), _("Register Migration WWN Setting"),
                        _("Register Migration WWN Setting"));
  else
    g_warning ("win.open-migration: unknown window “%s”", which);
}

/* Rollback WWN (§3.2.4) for the selected HVM, or every HVM when none is selected. */
static void
show_rollback_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  BnHvm *hvm = bn_window_get_selected_hvm (BN_WINDOW (widget));

  bn_rollback_window_show (BN_WINDOW (widget)->application, hvm ? bn_hvm_get_id (hvm) : NULL);
}

static void
migration_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BnWindow *self = BN_WINDOW (widget);

  gtk_widget_activate_action (widget, "win.open-migration", "s", self->mode);
}

/* ---- selection ---- */

static void
hvm_selection_changed_cb (BnWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-hvm",
                                 gtk_single_selection_get_selected_item (self->hvm_selection)
                                 != NULL);
}

static void
tree_item_activated_cb (BnWindow *self,
                        GObject  *item)
{
  if (BN_IS_HVM (item))
    bn_application_show_logs (self->application, BN_HVM (item));
  else if (BN_IS_LPAR (item))
    bn_application_show_history (self->application, bn_lpar_get_name (BN_LPAR (item)));
}

/* ---- window state ---- */

static gboolean
bn_window_close_request (GtkWindow *window)
{
  BnWindow *self = BN_WINDOW (window);
  GSettings *settings = bn_application_get_settings (self->application);
  int width, height;

  if (settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (settings);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window))
        {
          g_settings_set_int (settings, "window-width", width);
          g_settings_set_int (settings, "window-height", height);
        }
      g_settings_apply (settings);
    }
  return GTK_WINDOW_CLASS (bn_window_parent_class)->close_request (window);
}

/* After construction: GtkWindow:application is set only once the object exists. */
static void
setup (BnWindow      *self,
       BnApplication *application)
{
  GSettings *settings;

  self->application = application;
  self->engine = g_object_ref (bn_application_get_engine (self->application));
  setup_hvm_view (self);
  g_signal_connect_object (self->hvm_selection, "notify::selected-item",
                           G_CALLBACK (hvm_selection_changed_cb), self, G_CONNECT_SWAPPED);
  hvm_selection_changed_cb (self);

  bn_fleet_tree_set_fleet (self->fleet_tree, get_fleet (self));
  g_signal_connect_object (self->fleet_tree, "item-activated",
                           G_CALLBACK (tree_item_activated_cb), self, G_CONNECT_SWAPPED);

  g_object_bind_property (self->application, "update-status", self->update_status_label, "label",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->application, "notify::updating",
                           G_CALLBACK (updating_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->application, "notify::demo-status",
                           G_CALLBACK (sync_demo_banner), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (bn_fleet_get_hvms (get_fleet (self)), "items-changed",
                           G_CALLBACK (refresh_counts), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (bn_fleet_get_chassis (get_fleet (self)), "items-changed",
                           G_CALLBACK (refresh_counts), self, G_CONNECT_SWAPPED);
  sync_update_button (self);
  sync_demo_banner (self);
  refresh_counts (self);

  reload_history (self);
  g_signal_connect_object (bn_engine_get_history (self->engine), "changed",
                           G_CALLBACK (reload_history), self, G_CONNECT_SWAPPED);

  settings = bn_application_get_settings (self->application);
  if (settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      g_settings_bind (settings, "last-mode", self, "mode", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "last-page", self, "page", G_SETTINGS_BIND_DEFAULT);
    }
  else
    adw_view_stack_set_visible_child_name (self->view_stack, "migration");
}

static void
bn_window_dispose (GObject *object)
{
  BnWindow *self = (BnWindow *) object;

  bn_ui_destroy_transient (&self->dialog);
  gtk_widget_dispose_template (GTK_WIDGET (self), BN_TYPE_WINDOW);

  G_OBJECT_CLASS (bn_window_parent_class)->dispose (object);
}

static void
bn_window_finalize (GObject *object)
{
  BnWindow *self = (BnWindow *) object;

  g_clear_object (&self->hvm_selection);
  g_clear_object (&self->engine);
  g_free (self->mode);

  G_OBJECT_CLASS (bn_window_parent_class)->finalize (object);
}

static void
bn_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  BnWindow *self = BN_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_string (value, self->mode);
      break;
    case PROP_PAGE:
      g_value_set_string (value, adw_view_stack_get_visible_child_name (self->view_stack));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bn_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  BnWindow *self = BN_WINDOW (object);
  const char *text;

  switch (prop_id)
    {
    case PROP_MODE:
      text = g_value_get_string (value);
      if (g_strcmp0 (text, "shutdown") != 0 && g_strcmp0 (text, "concurrent") != 0)
        break;
      if (g_strcmp0 (self->mode, text) != 0)
        {
          g_free (self->mode);
          self->mode = g_strdup (text);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_PAGE:
      text = g_value_get_string (value);
      if (g_strcmp0 (text, "profile") == 0 || g_strcmp0 (text, "migration") == 0)
        adw_view_stack_set_visible_child_name (self->view_stack, text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
page_changed_cb (BnWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

static void
bn_window_class_init (BnWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = bn_window_dispose;
  object_class->finalize = bn_window_finalize;
  object_class->get_property = bn_window_get_property;
  object_class->set_property = bn_window_set_property;
  window_class->close_request = bn_window_close_request;

  properties[PROP_MODE] =
    g_param_spec_string ("mode", NULL, NULL, "shutdown",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, "migration",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (BN_TYPE_FLEET_TREE);
  bn_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, BN_UI_RESOURCE ("bn-window.ui"));
  gtk_widget_class_bind_template_child (widget_class, BnWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BnWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, BnWindow, demo_revealer);
  gtk_widget_class_bind_template_child (widget_class, BnWindow, demo_spinner);
  gtk_widget_class_bind_template_child (widget_class, BnWindow, demo_label);
  gtk_widget_class_bind_template_child (widget_class, BnWindow, hvm_view);
  gtk_widget_class_bind_template_child (widget_class, BnWindow, hvm_count_label);
  gtk_widget_class_bind_template_child (widget_class, BnWindow, update_button);
  gtk_widget_class_bind_template_child (widget_class, BnWindow, update_spinner);
  gtk_widget_class_bind_template_child (widget_class, BnWindow, update_status_label);
  gtk_widget_class_bind_template_child (widget_class, BnWindow, history_list);
  gtk_widget_class_bind_template_child (widget_class, BnWindow, history_entry);
  gtk_widget_class_bind_template_child (widget_class, BnWindow, fleet_tree);
  gtk_widget_class_bind_template_child (widget_class, BnWindow, fleet_summary_label);

  gtk_widget_class_install_action (widget_class, "win.update", NULL, update_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-update", NULL, cancel_update_action);
  gtk_widget_class_install_action (widget_class, "win.add-hvm", NULL, add_hvm_action);
  gtk_widget_class_install_action (widget_class, "win.remove-hvm", NULL, remove_hvm_action);
  gtk_widget_class_install_action (widget_class, "win.show-logs", NULL, show_logs_action);
  gtk_widget_class_install_action (widget_class, "win.show-history", NULL, show_history_action);
  gtk_widget_class_install_action (widget_class, "win.migration", NULL, migration_action);
  gtk_widget_class_install_action (widget_class, "win.open-migration", "s",
                                   open_migration_action);
  gtk_widget_class_install_action (widget_class, "win.show-rollback", NULL,
                                   show_rollback_action);
  gtk_widget_class_install_property_action (widget_class, "win.mode", "mode");
  gtk_widget_class_install_property_action (widget_class, "win.page", "page");
}

static void
bn_window_init (BnWindow *self)
{
  self->mode = g_strdup ("shutdown");
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (page_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history_list, "row-activated",
                           G_CALLBACK (history_row_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history_entry, "activate",
                           G_CALLBACK (history_entry_activate_cb), self, G_CONNECT_SWAPPED);
#ifdef DEVELOPMENT
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

BnWindow *
bn_window_new (BnApplication *application)
{
  BnWindow *self;

  g_return_val_if_fail (BN_IS_APPLICATION (application), NULL);

  self = g_object_new (BN_TYPE_WINDOW, "application", application, NULL);
  setup (self, application);
  return self;
}

BnFleetTree *
bn_window_get_fleet_tree (BnWindow *self)
{
  g_return_val_if_fail (BN_IS_WINDOW (self), NULL);
  return self->fleet_tree;
}

GtkColumnView *
bn_window_get_hvm_view (BnWindow *self)
{
  g_return_val_if_fail (BN_IS_WINDOW (self), NULL);
  return self->hvm_view;
}

/* The HVM the user points at: the Profile tab's row, or the tree's HVM (or the HVM of the
 * LPAR selected in it). */
BnHvm *
bn_window_get_selected_hvm (BnWindow *self)
{
  const char *page = adw_view_stack_get_visible_child_name (self->view_stack);
  BnHvm *from_list = gtk_single_selection_get_selected_item (self->hvm_selection);
  BnHvm *from_tree = bn_fleet_tree_get_selected_hvm (self->fleet_tree);

  if (g_strcmp0 (page, "profile") == 0)
    return from_list ? from_list : from_tree;
  return from_tree ? from_tree : from_list;
}

gboolean
bn_window_select_hvm (BnWindow *self,
                      BnHvm    *hvm)
{
  GListModel *model = G_LIST_MODEL (self->hvm_selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BnHvm) candidate = g_list_model_get_item (model, i);

      if (candidate == hvm)
        {
          gtk_single_selection_set_selected (self->hvm_selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

/* The Add HVM dialog or the remove confirmation, while one is open (tests use it). */
GtkWindow *
bn_window_get_dialog (BnWindow *self)
{
  g_return_val_if_fail (BN_IS_WINDOW (self), NULL);
  return self->dialog;
}
