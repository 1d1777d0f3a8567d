/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-service-window"

#include "config.h"

#include <unistd.h>

#include <glib/gi18n.h>

#include "bn-ui-utils.h"

#include "bn-service-window.h"

struct _BnServiceWindow
{
  AdwWindow      parent_instance;

  BnApplication *application;
  BnEngine      *engine;

  AdwActionRow  *status_row;
  AdwActionRow  *version_row;
  AdwActionRow  *update_row;
  AdwActionRow  *drivers_row;
  AdwActionRow  *endpoint_row;
  AdwActionRow  *database_row;
  AdwActionRow  *schema_row;
  AdwActionRow  *hvms_row;
  AdwActionRow  *fleet_row;
  AdwActionRow  *history_row;
};

G_DEFINE_FINAL_TYPE (BnServiceWindow, bn_service_window, ADW_TYPE_WINDOW)

static void
refresh (BnServiceWindow *self)
{
  BnFleet *fleet = bn_engine_get_fleet (self->engine);
  BnStore *store = bn_engine_get_store (self->engine);
  GListModel *hvms = bn_fleet_get_hvms (fleet);
  guint n_hvms = g_list_model_get_n_items (hvms);
  guint n_read = 0, n_lpars = 0, n_unreachable = 0;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) moved = bn_history_list_lpar_names (bn_engine_get_history (self->engine), &error);
  g_autofree char *text = NULL;
  const BnBackendDriver *driver = bn_backend_lookup_driver ("hvmsh");

  text = g_strdup_printf (_("Running inside this console (process %d)"), (int) getpid ());
  adw_action_row_set_subtitle (self->status_row, text);
  g_clear_pointer (&text, g_free);

  adw_action_row_set_subtitle (self->version_row, PACKAGE_VERSION);

  if (bn_application_get_updating (self->application))
    text = g_strdup_printf (_("Running: %s"), bn_application_get_update_status (self->application));
  else
    text = g_strdup_printf (_("Idle. %s"), bn_application_get_update_status (self->application));
  adw_action_row_set_subtitle (self->update_row, text);
  g_clear_pointer (&text, g_free);

  /* Translators: a hypervisor driver: its name and what it speaks */
  text = g_strdup_printf (_("%s: %s"), "hvmsh", driver ? driver->description : "");
  adw_action_row_set_subtitle (self->drivers_row, text);
  g_clear_pointer (&text, g_free);

  adw_action_row_set_subtitle (self->endpoint_row,
                               _("None: the engine runs inside the console. A network "
                                 "endpoint for scripts and a second console comes with a "
                                 "later version."));

  adw_action_row_set_subtitle (self->database_row, bn_engine_get_database_path (self->engine));
  text = g_strdup_printf (_("%u (this version knows up to %u)"),
                          bn_store_get_schema_version (store), bn_store_get_latest_version ());
  adw_action_row_set_subtitle (self->schema_row, text);
  g_clear_pointer (&text, g_free);

  text = g_strdup_printf ("%u", n_hvms);
  adw_action_row_set_subtitle (self->hvms_row, text);
  g_clear_pointer (&text, g_free);

  for (guint i = 0; i < n_hvms; i++)
    {
      g_autoptr(BnHvm) hvm = g_list_model_get_item (hvms, i);

      if (bn_hvm_get_state (hvm) == BN_HVM_STATE_UNREACHABLE)
        n_unreachable++;
      else if (bn_hvm_get_state (hvm) != BN_HVM_STATE_UNKNOWN)
        n_read++;
      n_lpars += g_list_model_get_n_items (bn_hvm_get_lpars (hvm));
    }
  /* Translators: "9 HVMs read, 1 could not be read, 36 LPARs" */
  text = g_strdup_printf (_("%u HVMs read, %u could not be read, %u LPARs"), n_read,
                          n_unreachable, n_lpars);
  adw_action_row_set_subtitle (self->fleet_row, text);
  g_clear_pointer (&text, g_free);

  if (moved != NULL)
    text = g_strdup_printf (ngettext ("%u LPAR with recorded moves",
                                      "%u LPARs with recorded moves", g_strv_length (moved)),
                            g_strv_length (moved));
  else
    text = g_strdup (error->message);
  adw_action_row_set_subtitle (self->history_row, text);
}

static void
bn_service_window_dispose (GObject *object)
{
  BnServiceWindow *self = (BnServiceWindow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), BN_TYPE_SERVICE_WINDOW);
  g_clear_object (&self->engine);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (bn_service_window_parent_class)->dispose (object);
}

static void
bn_service_window_class_init (BnServiceWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bn_service_window_dispose;

  bn_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               BN_UI_RESOURCE ("bn-service-window.ui"));
  gtk_widget_class_bind_template_child (widget_class, BnServiceWindow, status_row);
  gtk_widget_class_bind_template_child (widget_class, BnServiceWindow, version_row);
  gtk_widget_class_bind_template_child (widget_class, BnServiceWindow, update_row);
  gtk_widget_class_bind_template_child (widget_class, BnServiceWindow, drivers_row);
  gtk_widget_class_bind_template_child (widget_class, BnServiceWindow, endpoint_row);
  gtk_widget_class_bind_template_child (widget_class, BnServiceWindow, database_row);
  gtk_widget_class_bind_template_child (widget_class, BnServiceWindow, schema_row);
  gtk_widget_class_bind_template_child (widget_class, BnServiceWindow, hvms_row);
  gtk_widget_class_bind_template_child (widget_class, BnServiceWindow, fleet_row);
  gtk_widget_class_bind_template_child (widget_class, BnServiceWindow, history_row);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bn_service_window_init (BnServiceWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

BnServiceWindow *
bn_service_window_new (BnApplication *application)
{
  BnServiceWindow *self;

  g_return_val_if_fail (BN_IS_APPLICATION (application), NULL);

  self = g_object_new (BN_TYPE_SERVICE_WINDOW, "application", application, NULL);
  self->application = g_object_ref (application);
  self->engine = g_object_ref (bn_application_get_engine (application));
  g_signal_connect_object (application, "notify::updating", G_CALLBACK (refresh), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (application, "notify::update-status", G_CALLBACK (refresh), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (bn_fleet_get_hvms (bn_engine_get_fleet (self->engine)),
                           "items-changed", G_CALLBACK (refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (bn_engine_get_history (self->engine), "changed", G_CALLBACK (refresh),
                           self, G_CONNECT_SWAPPED);
  refresh (self);
  return self;
}

/* The text of a row: status, version, update, drivers, endpoint, database, schema, hvms,
 * fleet, history. */
const char *
bn_service_window_get_value (BnServiceWindow *self,
                             const char      *row)
{
  g_autofree char *id = g_strconcat (row, "_row", NULL);
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (self), BN_TYPE_SERVICE_WINDOW, id);

  return ADW_IS_ACTION_ROW (object) ? adw_action_row_get_subtitle (ADW_ACTION_ROW (object)) : NULL;
}
