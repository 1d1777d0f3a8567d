/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-application"

#include "config.h"

#include <glib/gi18n.h>

#include "bn-application.h"
#include "bn-demo.h"
#include "bn-history-window.h"
#include "bn-logs-window.h"
#include "bn-option-window.h"
#include "bn-progress-window.h"
#include "bn-screenshots.h"
#include "bn-service-window.h"
#include "bn-ui-utils.h"
#include "bn-window.h"

struct _BnApplication
{
  AdwApplication  parent_instance;

  char           *database;
  gboolean        demo_requested;
  guint           demo_subnet;
  char           *screenshot_dir;
  GError         *startup_error;

  BnEngine       *engine;
  GSettings      *settings;
  BnDemo         *demo;
  GCancellable   *demo_cancellable;
  char           *demo_status;

  GCancellable   *update_cancellable;
  GPtrArray      *update_watched;     /* BnHvm, watched for notify::updating */
  guint           update_total;
  guint           update_done;
  guint           update_status_idle;
  char           *update_status;

  GtkWindow      *service_window;
  GtkWindow      *logs_window;
  GtkWindow      *history_window;
};

enum {
  PROP_0,
  PROP_UPDATING,
  PROP_UPDATE_STATUS,
  PROP_DEMO_STATUS,
  N_PROPS
};

enum {
  UPDATE_FINISHED,
  DEMO_READY,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BnApplication, bn_application, ADW_TYPE_APPLICATION)

BnApplication *
bn_application_new (void)
{
  return g_object_new (BN_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", "/io/github/bladenav/Navigator",
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

/* Before startup (bn_application_new () then g_application_run () or _register ()). */
void
bn_application_set_database (BnApplication *self,
                             const char    *path)
{
  g_return_if_fail (BN_IS_APPLICATION (self));
  g_return_if_fail (self->engine == NULL);

  g_free (self->database);
  self->database = g_strdup (path);
}

BnEngine *
bn_application_get_engine (BnApplication *self)
{
  g_return_val_if_fail (BN_IS_APPLICATION (self), NULL);
  return self->engine;
}

GSettings *
bn_application_get_settings (BnApplication *self)
{
  g_return_val_if_fail (BN_IS_APPLICATION (self), NULL);
  return self->settings;
}

gboolean
bn_application_get_updating (BnApplication *self)
{
  g_return_val_if_fail (BN_IS_APPLICATION (self), FALSE);
  return self->update_cancellable != NULL;
}

const char *
bn_application_get_update_status (BnApplication *self)
{
  g_return_val_if_fail (BN_IS_APPLICATION (self), NULL);
  return self->update_status;
}

const char *
bn_application_get_demo_status (BnApplication *self)
{
  g_return_val_if_fail (BN_IS_APPLICATION (self), NULL);
  return self->demo_status;
}

static void
set_update_status (BnApplication *self,
                   char          *status)
{
  if (g_strcmp0 (self->update_status, status) == 0)
    {
      g_free (status);
      return;
    }
  g_free (self->update_status);
  self->update_status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATE_STATUS]);
}

static void
set_demo_status (BnApplication *self,
                 const char    *status)
{
  if (g_strcmp0 (self->demo_status, status) == 0)
    return;
  g_free (self->demo_status);
  self->demo_status = g_strdup (status);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO_STATUS]);
}

static GtkWindow *
main_window (BnApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (BN_IS_WINDOW (active))
    return active;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (BN_IS_WINDOW (l->data))
      return l->data;
  return active;
}

/* Update progress: HVMs report notify::updating as they answer; the label is refreshed
 * once per main-loop pass, not once per HVM. */
static gboolean
update_status_idle_cb (gpointer user_data)
{
  BnApplication *self = user_data;

  self->update_status_idle = 0;
  if (self->update_cancellable != NULL)
    set_update_status (self, g_strdup_printf (ngettext ("Updating… %u of %u HVM answered",
                                                        "Updating… %u of %u HVMs answered",
                                                        self->update_total),
                                              self->update_done, self->update_total));
  return G_SOURCE_REMOVE;
}

static void
queue_update_status (BnApplication *self)
{
  if (self->update_status_idle == 0)
    self->update_status_idle = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, 100,
                                                   update_status_idle_cb, self, NULL);
}

static void
hvm_updating_cb (BnHvm         *hvm,
                 GParamSpec    *pspec,
                 BnApplication *self)
{
  if (!bn_hvm_get_updating (hvm))
    {
      self->update_done++;
      queue_update_status (self);
    }
}

static void
stop_watching (BnApplication *self)
{
  if (self->update_watched == NULL)
    return;
  for (guint i = 0; i < self->update_watched->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->update_watched, i),
                                          hvm_updating_cb, self);
  g_clear_pointer (&self->update_watched, g_ptr_array_unref);
  g_clear_handle_id (&self->update_status_idle, g_source_remove);
}

static void
update_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BnApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%H:%M:%S");
  BnUpdateSummary summary = { 0 };
  gboolean ok;

  ok = bn_fleet_update_finish (BN_FLEET (object), result, &summary, &error);
  stop_watching (self);
  g_clear_object (&self->update_cancellable);

  if (!ok && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_update_status (self, g_strdup_printf (_("Update cancelled at %s: HVMs that had not "
                                                "answered keep their previous state"), when));
  else if (!ok)
    set_update_status (self, g_strdup_printf (_("Update failed: %s"), error->message));
  else if (summary.n_hvms == 0)
    set_update_status (self, g_strdup (_("No HVMs are registered: add them on the Profile tab")));
  else
    {
      /* Translators: "Updated at 10:02:03: 10 HVMs, 9 read, 1 could not be read (0.05 s)" */
      set_update_status (self,
                         g_strdup_printf (ngettext ("Updated at %s: %u HVM, %u read, %u could "
                                                    "not be read (%.2f s)",
                                                    "Updated at %s: %u HVMs, %u read, %u could "
                                                    "not be read (%.2f s)", summary.n_hvms),
                                          when, summary.n_hvms, summary.n_read,
                                          summary.n_unreachable, summary.elapsed_us / 1e6));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATING]);
  g_signal_emit (self, signals[UPDATE_FINISHED], 0, ok);

  if (ok && self->screenshot_dir != NULL)
    {
      g_autofree char *dir = g_steal_pointer (&self->screenshot_dir);

      bn_screenshots_run (self, dir);
    }
}

/* Re-reads every registered HVM (the Migration tab's Update button).  Never blocks: each
 * HVM answers or times out on its own; the HVMs' icons change as they answer. */
void
bn_application_update (BnApplication *self)
{
  BnFleet *fleet;
  GListModel *hvms;

  g_return_if_fail (BN_IS_APPLICATION (self));

  if (self->engine == NULL || self->update_cancellable != NULL)
    return;
  fleet = bn_engine_get_fleet (self->engine);
  hvms = bn_fleet_get_hvms (fleet);

  self->update_cancellable = g_cancellable_new ();
  self->update_total = g_list_model_get_n_items (hvms);
  self->update_done = 0;
  self->update_watched = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->update_total; i++)
    {
      BnHvm *hvm = g_list_model_get_item (hvms, i);

      g_signal_connect (hvm, "notify::updating", G_CALLBACK (hvm_updating_cb), self);
      g_ptr_array_add (self->update_watched, hvm);
    }
  update_status_idle_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATING]);
  bn_fleet_update_async (fleet, self->update_cancellable, update_cb, g_object_ref (self));
}

void
bn_application_cancel_update (BnApplication *self)
{
  g_return_if_fail (BN_IS_APPLICATION (self));

  if (self->update_cancellable != NULL)
    g_cancellable_cancel (self->update_cancellable);
}

static void
demo_started_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BnApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  guint n;

  if (!bn_demo_start_finish (BN_DEMO (object), result, &error))
    {
      set_demo_status (self, NULL);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        bn_ui_show_error (main_window (self), _("The demo fleet did not start"), error->message);
      return;
    }
  n = bn_demo_register (self->demo, bn_engine_get_fleet (self->engine), &error);
  set_demo_status (self, NULL);
  if (error != NULL)
    {
      bn_ui_show_error (main_window (self), _("The demo fleet could not be registered"),
                        error->message);
      return;
    }
  g_debug ("demo: %u HVMs registered in %s", n, bn_demo_get_directory (self->demo));
  g_signal_emit (self, signals[DEMO_READY], 0);
  if (self->screenshot_dir != NULL)
    bn_screenshots_prepare (self);
  bn_application_update (self);
}

static GtkWindow *
present_window (BnApplication  *self,
                GtkWindow     **slot,
                GtkWindow      *window)
{
  if (*slot != NULL)
    g_object_remove_weak_pointer (G_OBJECT (*slot), (gpointer *) slot);
  *slot = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) slot);
  gtk_window_present (window);
  return window;
}

/* Setting → Option: a dialog over the main window. */
GtkWindow *
bn_application_show_option (BnApplication *self)
{
  GtkWindow *window = GTK_WINDOW (bn_option_window_new (bn_engine_get_options (self->engine)));

  gtk_window_set_transient_for (window, main_window (self));
  gtk_window_set_application (window, GTK_APPLICATION (self));
  gtk_window_present (window);
  return window;
}

/* Setting → Migration Service. */
GtkWindow *
bn_application_show_service (BnApplication *self)
{
  if (self->service_window != NULL)
    {
      gtk_window_present (self->service_window);
      return self->service_window;
    }
  return present_window (self, &self->service_window,
                         GTK_WINDOW (bn_service_window_new (self)));
}

/* HVM Console → HVM System Logs, showing @hvm (NULL: the first HVM). */
GtkWindow *
bn_application_show_logs (BnApplication *self,
                          BnHvm         *hvm)
{
  if (self->logs_window != NULL)
    {
      if (hvm != NULL)
        bn_logs_window_set_hvm (BN_LOGS_WINDOW (self->logs_window), hvm);
      gtk_window_present (self->logs_window);
      return self->logs_window;
    }
  return present_window (self, &self->logs_window,
                         GTK_WINDOW (bn_logs_window_new (self, hvm)));
}

/* Show LPAR History: every LPAR, or those whose name contains @lpar_name. */
GtkWindow *
bn_application_show_history (BnApplication *self,
                             const char    *lpar_name)
{
  if (self->history_window != NULL)
    {
      bn_history_window_set_filter (BN_HISTORY_WINDOW (self->history_window), lpar_name);
      gtk_window_present (self->history_window);
      return self->history_window;
    }
  return present_window (self, &self->history_window,
                         GTK_WINDOW (bn_history_window_new (self, lpar_name)));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  BnApplication *self = user_data;
  const char *developers[] = { "The Blade Navigator developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", main_window (self),
                        "application-name", _("Blade Navigator"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Blade Navigator developers"),
                        "developers", developers,
                        "comments", _("Move logical partitions (LPARs) between Virtage "
                                      "hypervisor blades, while they run or after shutting "
                                      "them down."),
                        "website", "https://github.com/bladenav/blade-navigator",
                        "issue-url", "https://github.com/bladenav/blade-navigator/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
option_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  bn_application_show_option (user_data);
}

static void
service_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  bn_application_show_service (user_data);
}

static void
update_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  bn_application_update (user_data);
}

static void
cancel_update_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  bn_application_cancel_update (user_data);
}

static void
show_logs_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  BnApplication *self = user_data;
  const char *id = g_variant_get_string (parameter, NULL);
  BnHvm *hvm = *id ? bn_fleet_find_hvm (bn_engine_get_fleet (self->engine), id) : NULL;

  bn_application_show_logs (self, hvm);
}

static void
show_history_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  bn_application_show_history (user_data, g_variant_get_string (parameter, NULL));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "option", option_action },
  { "migration-service", service_action },
  { "update", update_action },
  { "cancel-update", cancel_update_action },
  { "show-logs", show_logs_action, "s" },
  { "show-history", show_history_action, "s" },
  { "show-progress", bn_progress_window_show_progress_action, "s" },
};

static void
sync_update_actions (BnApplication *self)
{
  GAction *update = g_action_map_lookup_action (G_ACTION_MAP (self), "update");
  GAction *cancel = g_action_map_lookup_action (G_ACTION_MAP (self), "cancel-update");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (update), self->update_cancellable == NULL);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (cancel), self->update_cancellable != NULL);
}

static void
bn_application_startup (GApplication *application)
{
  BnApplication *self = BN_APPLICATION (application);
  g_autoptr(GError) error = NULL;
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Primary>q", NULL } },
    { "app.option", { "<Primary>comma", NULL } },
    { "win.update", { "F5", "<Primary>r", NULL } },
    { "win.cancel-update", { "Escape", NULL } },
    { "win.add-hvm", { "<Primary>n", NULL } },
    { "win.show-logs", { "<Primary>l", NULL } },
    { "win.show-history", { "<Primary>h", NULL } },
    { "win.page::profile", { "<Alt>1", NULL } },
    { "win.page::migration", { "<Alt>2", NULL } },
    { "window.close", { "<Primary>w", NULL } },
  };

  G_APPLICATION_CLASS (bn_application_parent_class)->startup (application);

  bn_ui_ensure_resources ();
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);
  g_signal_connect (self, "notify::updating", G_CALLBACK (sync_update_actions), NULL);
  sync_update_actions (self);

  self->settings = bn_ui_settings_new ();

  if (self->demo_requested)
    {
      self->demo = bn_demo_new (&error);
      if (self->demo == NULL)
        {
          self->startup_error = g_steal_pointer (&error);
          return;
        }
      bn_demo_set_subnet (self->demo, self->demo_subnet);
      g_free (self->database);
      self->database = bn_demo_get_database_path (self->demo);
    }
  self->engine = bn_engine_new (self->database, &error);
  if (self->engine == NULL)
    {
      self->startup_error = g_steal_pointer (&error);
      return;
    }
  set_update_status (self, g_strdup (_("Not updated yet: Update reads every registered HVM")));
}

static void
startup_error_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           BnApplication    *self)
{
  g_application_quit (G_APPLICATION (self));
}

static void
bn_application_activate (GApplication *application)
{
  BnApplication *self = BN_APPLICATION (application);
  GtkWindow *window;

  if (self->startup_error != NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (NULL, _("Blade Navigator cannot start"),
                                                  self->startup_error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "quit", _("_Quit"));
      g_signal_connect (dialog, "response", G_CALLBACK (startup_error_response_cb), self);
      gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  window = main_window (self);
  if (window == NULL)
    window = GTK_WINDOW (bn_window_new (self));
  gtk_window_present (window);

  if (self->demo != NULL && self->demo_cancellable == NULL)
    {
      self->demo_cancellable = g_cancellable_new ();
      {
        g_autofree char *status = g_strdup_printf (_("Starting the demo fleet: simulated "
                                                     "blades on 127.%u.x.x…"),
                                                   self->demo_subnet ? self->demo_subnet : 10);

        set_demo_status (self, status);
      }
      bn_demo_start_async (self->demo, self->demo_cancellable, demo_started_cb,
                           g_object_ref (self));
    }
  else if (self->screenshot_dir != NULL && self->demo == NULL)
    bn_application_update (self);
}

static int
bn_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  BnApplication *self = BN_APPLICATION (application);
  g_autofree char *database = NULL;
  g_autofree char *screenshot_dir = NULL;
  gint32 subnet = 0;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("blade-navigator %s\n", PACKAGE_VERSION);
      return 0;
    }
  self->demo_requested = g_variant_dict_contains (options, "demo");
  if (g_variant_dict_lookup (options, "demo-subnet", "i", &subnet))
    {
      if (subnet < 1 || subnet > 245)
        {
          g_printerr ("blade-navigator: --demo-subnet must be 1 to 245\n");
          return 2;
        }
      self->demo_subnet = subnet;
    }
  if (g_variant_dict_lookup (options, "database", "^ay", &database))
    bn_application_set_database (self, database);
  if (g_variant_dict_lookup (options, "screenshot-dir", "^ay", &screenshot_dir))
    self->screenshot_dir = g_canonicalize_filename (screenshot_dir, NULL);
  if (self->demo_requested && database != NULL)
    {
      g_printerr ("blade-navigator: --demo uses its own throw-away database; "
                  "--database cannot go with it\n");
      return 2;
    }
  /* these run an engine of their own rather than raising the running console */
  if (self->demo_requested || database != NULL || self->screenshot_dir != NULL)
    g_application_set_flags (application,
                             g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
  return -1;
}

static void
bn_application_shutdown (GApplication *application)
{
  BnApplication *self = BN_APPLICATION (application);

  if (self->update_cancellable != NULL)
    g_cancellable_cancel (self->update_cancellable);
  if (self->demo_cancellable != NULL)
    g_cancellable_cancel (self->demo_cancellable);
  stop_watching (self);

  G_APPLICATION_CLASS (bn_application_parent_class)->shutdown (application);

  g_clear_object (&self->engine);
  /* stops the simulator and removes the demo's directory and database */
  g_clear_object (&self->demo);
}

static void
bn_application_dispose (GObject *object)
{
  BnApplication *self = (BnApplication *) object;

  stop_watching (self);
  g_clear_object (&self->update_cancellable);
  g_clear_object (&self->demo_cancellable);
  g_clear_object (&self->engine);
  g_clear_object (&self->demo);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (bn_application_parent_class)->dispose (object);
}

static void
bn_application_finalize (GObject *object)
{
  BnApplication *self = (BnApplication *) object;

  g_free (self->database);
  g_free (self->screenshot_dir);
  g_free (self->demo_status);
  g_free (self->update_status);
  g_clear_error (&self->startup_error);

  G_OBJECT_CLASS (bn_application_parent_class)->finalize (object);
}

static void
bn_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BnApplication *self = BN_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_UPDATING:
      g_value_set_boolean (value, bn_application_get_updating (self));
      break;
    case PROP_UPDATE_STATUS:
      g_value_set_string (value, self->update_status);
      break;
    case PROP_DEMO_STATUS:
      g_value_set_string (value, self->demo_status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bn_application_class_init (BnApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = bn_application_dispose;
  object_class->finalize = bn_application_finalize;
  object_class->get_property = bn_application_get_property;
  app_class->startup = bn_application_startup;
  app_class->activate = bn_application_activate;
  app_class->shutdown = bn_application_shutdown;
  app_class->handle_local_options = bn_application_handle_local_options;

  properties[PROP_UPDATING] = g_param_spec_boolean ("updating", NULL, NULL, FALSE, flags);
  properties[PROP_UPDATE_STATUS] = g_param_spec_string ("update-status", NULL, NULL, NULL, flags);
  properties[PROP_DEMO_STATUS] = g_param_spec_string ("demo-status", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* (gboolean read): an Update ended; FALSE if it was cancelled or failed */
  signals[UPDATE_FINISHED] = g_signal_new ("update-finished", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
  /* the demo fleet runs and is registered */
  signals[DEMO_READY] = g_signal_new ("demo-ready", G_TYPE_FROM_CLASS (klass),
                                      G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
bn_application_init (BnApplication *self)
{
  const GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Start simulated blades (the example fleet) and register them in a throw-away "
         "database"), NULL },
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Use this database instead of the user’s"), N_("FILE") },
    { "demo-subnet", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, NULL,
      "Move the demo fleet from 127.10.x.y to 127.N.x.y", "N" },
    { "screenshot-dir", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, NULL,
      "Save a PNG of every window into DIR, then quit", "DIR" },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("The console for moving LPARs between Virtage "
                                              "hypervisor blades."));
}
