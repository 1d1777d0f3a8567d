/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-logs-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bn-logs-window.h"
#include "bn-ui-utils.h"

struct _BnLogsWindow
{
  AdwWindow       parent_instance;

  BnApplication  *application;
  BnFleet        *fleet;
  BnHvm          *hvm;
  GListStore     *entries;
  GCancellable   *cancellable;
  gint64          last_seq;
  BnFcLinks       fc_links;
  guint           fc_timer;
  gboolean        loading;

  AdwWindowTitle *window_title;
  GtkDropDown    *hvm_dropdown;
  GtkSpinner     *spinner;
  GtkWidget      *fc_box;
  GtkImage       *fc_icon;
  GtkLabel       *fc_title;
  GtkLabel       *fc_label;
  GtkStack       *content_stack;
  AdwStatusPage  *error_page;
  GtkColumnView  *log_view;
};

enum {
  LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BnLogsWindow, bn_logs_window, ADW_TYPE_WINDOW)

static char *
format_age (GTimeSpan age)
{
  gint64 minutes = age / G_TIME_SPAN_MINUTE;

  if (minutes < 1)
    return g_strdup (_("less than a minute"));
  if (minutes < 120)
    return g_strdup_printf (ngettext ("%u minute", "%u minutes", minutes), (guint) minutes);
  if (minutes < 48 * 60)
    return g_strdup_printf (ngettext ("%u hour", "%u hours", minutes / 60),
                            (guint) (minutes / 60));
  return g_strdup_printf (ngettext ("%u day", "%u days", minutes / (24 * 60)),
                          (guint) (minutes / (24 * 60)));
}

static gboolean fc_timer_cb (gpointer user_data);

/* §5.29: before a Concurrent Maintenance migration or a WWN rollback the FC links must have
 * been stable for 5 minutes. */
static void
refresh_fc (BnLogsWindow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *text = NULL;
  g_autofree char *age = NULL;
  g_autofree char *when = NULL;
  BnLogEntry *last = NULL;
  GtkWidget *box = self->fc_box;

  self->fc_links = bn_fc_links_check (G_LIST_MODEL (self->entries), now, &last);
  if (last != NULL && bn_log_entry_get_time (last) != NULL)
    {
      age = format_age (MAX (0, g_date_time_difference (now, bn_log_entry_get_time (last))));
      when = bn_ui_format_time (bn_log_entry_get_time (last));
    }

  gtk_widget_remove_css_class (box, "bn-success");
  gtk_widget_remove_css_class (box, "bn-warning");
  switch (self->fc_links)
    {
    case BN_FC_LINKS_NO_EVENTS:
      gtk_image_set_from_icon_name (self->fc_icon, "dialog-information-symbolic");
      gtk_label_set_text (self->fc_title, _("No FC link state change in this log"));
      text = g_strdup (_("The FC HBA ports logged no link up, link down, blockage, machine "
                         "check or check stop, so their links count as stable."));
      break;
    case BN_FC_LINKS_STABLE:
      gtk_widget_add_css_class (box, "bn-success");
      gtk_image_set_from_icon_name (self->fc_icon, "emblem-ok-symbolic");
      gtk_label_set_text (self->fc_title, _("FC links are stable"));
      /* Translators: "No FC link state change for 3 days. Last: 2026/11/20 09:00:01, link up,
       * Shared FC Link is Available. (Slot= 3, Port= 1)" */
      text = g_strdup_printf (_("No FC link state change for %s. Last: %s, %s, %s"), age,
                              when,
                              bn_fc_event_get_label (bn_log_entry_get_fc_event (last)),
                              bn_log_entry_get_detail (last));
      break;
    case BN_FC_LINKS_UNSTABLE:
    default:
      gtk_widget_add_css_class (box, "bn-warning");
      gtk_image_set_from_icon_name (self->fc_icon, "dialog-warning-symbolic");
      gtk_label_set_text (self->fc_title, _("FC link state changed less than 5 minutes ago"));
      text = g_strdup_printf (_("Last change %s ago: %s, %s. Wait until no change has been "
                                "logged for 5 minutes before a Concurrent Maintenance "
                                "migration or a WWN rollback."),
                              age ? age : _("moments"),
                              bn_fc_event_get_label (bn_log_entry_get_fc_event (last)),
                              bn_log_entry_get_detail (last));
      break;
    }
  gtk_label_set_text (self->fc_label, text);

  /* the verdict changes with the clock, not only with new events */
  if (self->fc_links == BN_FC_LINKS_UNSTABLE && self->fc_timer == 0)
    self->fc_timer = g_timeout_add_seconds (15, fc_timer_cb, self);
  else if (self->fc_links != BN_FC_LINKS_UNSTABLE)
    g_clear_handle_id (&self->fc_timer, g_source_remove);
}

static gboolean
fc_timer_cb (gpointer user_data)
{
  BnLogsWindow *self = user_data;

  self->fc_timer = 0;
  refresh_fc (self);
  return G_SOURCE_REMOVE;
}

static void
set_loading (BnLogsWindow *self,
             gboolean      loading)
{
  self->loading = loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "logs.refresh",
                                 !loading && self->hvm != NULL);
}

static void
logs_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(BnLogsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) logs = NULL;
  g_autoptr(GPtrArray) added = NULL;

  logs = bn_backend_logs_finish (BN_BACKEND (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_loading (self, FALSE);
  if (logs == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->content_stack, "error");
      gtk_widget_set_visible (self->fc_box, FALSE);
      g_signal_emit (self, signals[LOADED], 0);
      return;
    }

  added = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (logs); i++)
    {
      JsonNode *node = json_array_get_element (logs, i);
      BnLogEntry *entry;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      entry = bn_log_entry_new_from_json (json_node_get_object (node));
      self->last_seq = MAX (self->last_seq, bn_log_entry_get_seq (entry));
      g_ptr_array_add (added, entry);
    }
  g_list_store_splice (self->entries, g_list_model_get_n_items (G_LIST_MODEL (self->entries)), 0,
                       added->pdata, added->len);
  gtk_stack_set_visible_child_name (self->content_stack, "logs");
  gtk_widget_set_visible (self->fc_box, TRUE);
  refresh_fc (self);
  g_signal_emit (self, signals[LOADED], 0);
}

static void
load (BnLogsWindow *self)
{
  BnBackend *backend;

  if (self->hvm == NULL)
    return;
  backend = bn_fleet_get_backend (self->fleet, self->hvm);
  if (backend == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  bn_backend_logs_async (backend, self->last_seq, self->cancellable, logs_cb,
                         g_object_ref (self));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  load (BN_LOGS_WINDOW (widget));
}

static void
dropdown_selected_cb (BnLogsWindow *self)
{
  BnHvm *hvm = gtk_drop_down_get_selected_item (self->hvm_dropdown);

  if (hvm != NULL && hvm != self->hvm)
    bn_logs_window_set_hvm (self, hvm);
}

static void
level_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_box_append (GTK_BOX (box), gtk_image_new ());
  gtk_box_append (GTK_BOX (box), gtk_label_new (NULL));
  gtk_list_item_set_child (list_item, box);
}

static const char *
level_label (const char *level)
{
  if (g_strcmp0 (level, "Error") == 0)
    return C_("log level", "Error");
  if (g_strcmp0 (level, "Warning") == 0)
    return C_("log level", "Warning");
  if (g_strcmp0 (level, "Info") == 0)
    return C_("log level", "Info");
  return level;
}

static void
level_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  BnLogEntry *entry = gtk_list_item_get_item (list_item);
  GtkWidget *image = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (image);

  gtk_image_set_from_icon_name (GTK_IMAGE (image), bn_log_entry_get_level_icon (entry));
  gtk_label_set_text (GTK_LABEL (label), level_label (bn_log_entry_get_level (entry)));
  if (bn_log_entry_get_fc_event (entry) != BN_FC_EVENT_NONE)
    gtk_widget_add_css_class (box, "bn-fc-event");
  else
    gtk_widget_remove_css_class (box, "bn-fc-event");
}

static void
setup_columns (BnLogsWindow *self)
{
  GtkListItemFactory *level = gtk_signal_list_item_factory_new ();
  struct {
    const char         *title;
    GtkListItemFactory *factory;
    gboolean            expand;
  } columns[] = {
    { _("Seq"), bn_ui_text_factory_new (BN_TYPE_LOG_ENTRY, "seq", NULL, "numeric"), FALSE },
    { _("Time"), bn_ui_text_factory_new (BN_TYPE_LOG_ENTRY, "time-text", NULL, "numeric"), FALSE },
    { _("Level"), level, FALSE },
    { _("Event"), bn_ui_text_factory_new (BN_TYPE_LOG_ENTRY, "event", NULL, NULL), FALSE },
    { _("Detail"), bn_ui_text_factory_new (BN_TYPE_LOG_ENTRY, "detail", NULL, NULL), TRUE },
  };
  g_autoptr(GtkSelectionModel) selection = NULL;
  GListModel *entries = G_LIST_MODEL (self->entries);

  g_signal_connect (level, "setup", G_CALLBACK (level_setup_cb), NULL);
  g_signal_connect (level, "bind", G_CALLBACK (level_bind_cb), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = bn_ui_column_new (columns[i].title,
                                                                columns[i].factory,
                                                                columns[i].expand, NULL);

      gtk_column_view_append_column (self->log_view, column);
    }
  selection = GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (entries)));
  gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (selection), FALSE);
  gtk_column_view_set_model (self->log_view, selection);
}

static void
bn_logs_window_dispose (GObject *object)
{
  BnLogsWindow *self = (BnLogsWindow *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->fc_timer, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), BN_TYPE_LOGS_WINDOW);
  g_clear_object (&self->hvm);
  g_clear_object (&self->fleet);
  g_clear_object (&self->entries);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (bn_logs_window_parent_class)->dispose (object);
}

static void
bn_logs_window_class_init (BnLogsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bn_logs_window_dispose;

  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  bn_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, BN_UI_RESOURCE ("bn-logs-window.ui"));
  gtk_widget_class_bind_template_child (widget_class, BnLogsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, BnLogsWindow, hvm_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BnLogsWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, BnLogsWindow, fc_box);
  gtk_widget_class_bind_template_child (widget_class, BnLogsWindow, fc_icon);
  gtk_widget_class_bind_template_child (widget_class, BnLogsWindow, fc_title);
  gtk_widget_class_bind_template_child (widget_class, BnLogsWindow, fc_label);
  gtk_widget_class_bind_template_child (widget_class, BnLogsWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, BnLogsWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, BnLogsWindow, log_view);

  gtk_widget_class_install_action (widget_class, "logs.refresh", NULL, refresh_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "logs.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "logs.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bn_logs_window_init (BnLogsWindow *self)
{
  self->entries = g_list_store_new (BN_TYPE_LOG_ENTRY);
  gtk_widget_init_template (GTK_WIDGET (self));
  setup_columns (self);
}

BnLogsWindow *
bn_logs_window_new (BnApplication *application,
                    BnHvm         *hvm)
{
  BnLogsWindow *self;
  GListModel *hvms;

  g_return_val_if_fail (BN_IS_APPLICATION (application), NULL);

  self = g_object_new (BN_TYPE_LOGS_WINDOW, "application", application, NULL);
  self->application = g_object_ref (application);
  self->fleet = g_object_ref (bn_engine_get_fleet (bn_application_get_engine (application)));
  hvms = bn_fleet_get_hvms (self->fleet);
  gtk_drop_down_set_expression (self->hvm_dropdown,
                                gtk_property_expression_new (BN_TYPE_HVM, NULL, "id"));
  gtk_drop_down_set_model (self->hvm_dropdown, hvms);
  g_signal_connect_object (self->hvm_dropdown, "notify::selected",
                           G_CALLBACK (dropdown_selected_cb), self, G_CONNECT_SWAPPED);

  if (hvm == NULL && g_list_model_get_n_items (hvms) > 0)
    {
      g_autoptr(BnHvm) first = g_list_model_get_item (hvms, 0);

      bn_logs_window_set_hvm (self, first);
    }
  else if (hvm != NULL)
    bn_logs_window_set_hvm (self, hvm);
  else
    {
      gtk_stack_set_visible_child_name (self->content_stack, "none");
      gtk_widget_set_visible (self->fc_box, FALSE);
      set_loading (self, FALSE);
    }
  return self;
}

void
bn_logs_window_set_hvm (BnLogsWindow *self,
                        BnHvm        *hvm)
{
  GListModel *hvms;
  guint n;

  g_return_if_fail (BN_IS_LOGS_WINDOW (self));
  g_return_if_fail (BN_IS_HVM (hvm));

  if (!g_set_object (&self->hvm, hvm))
    return;
  hvms = bn_fleet_get_hvms (self->fleet);
  n = g_list_model_get_n_items (hvms);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BnHvm) candidate = g_list_model_get_item (hvms, i);

      if (candidate == hvm)
        {
          gtk_drop_down_set_selected (self->hvm_dropdown, i);
          break;
        }
    }
  adw_window_title_set_subtitle (self->window_title, bn_hvm_get_id (hvm));
  g_list_store_remove_all (self->entries);
  self->last_seq = 0;
  load (self);
}

BnHvm *
bn_logs_window_get_hvm (BnLogsWindow *self)
{
  g_return_val_if_fail (BN_IS_LOGS_WINDOW (self), NULL);
  return self->hvm;
}

GListModel *
bn_logs_window_get_entries (BnLogsWindow *self)
{
  g_return_val_if_fail (BN_IS_LOGS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->entries);
}

BnFcLinks
bn_logs_window_get_fc_links (BnLogsWindow *self)
{
  g_return_val_if_fail (BN_IS_LOGS_WINDOW (self), BN_FC_LINKS_NO_EVENTS);
  return self->fc_links;
}

/* The FC link verdict as the window shows it (title and explanation). */
const char *
bn_logs_window_get_fc_text (BnLogsWindow *self)
{
  g_return_val_if_fail (BN_IS_LOGS_WINDOW (self), NULL);
  return gtk_label_get_text (self->fc_label);
}

gboolean
bn_logs_window_is_loading (BnLogsWindow *self)
{
  g_return_val_if_fail (BN_IS_LOGS_WINDOW (self), FALSE);
  return self->loading;
}
