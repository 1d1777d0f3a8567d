/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-screenshots"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "bn-config-viewer.h"
#include "bn-hvm-dialog.h"
#include "bn-logs-window.h"
#include "bn-migration-window.h"
#include "bn-monitor-window.h"
#include "bn-option-window.h"
#include "bn-policy-screenshots.h"
#include "bn-progress-window.h"
#include "bn-path-window.h"
#include "bn-rollback-window.h"
#include "bn-screenshots.h"
#include "bn-ui-utils.h"
#include "bn-window.h"

#define FRAMES_BEFORE_CAPTURE 6

typedef struct
{
  BnApplication *application;
  char          *directory;
  guint          step;
  GtkWindow     *window;     /* the window of the current step, closed after its capture */
  char          *name;
  guint          frames;
  guint          failures;
  guint          policy_step;
} Shots;

static void next_step (Shots *shots);

static BnScreenshotsInspector inspector;
static gpointer inspector_data;

void
bn_screenshots_set_inspector (BnScreenshotsInspector func,
                              gpointer               user_data)
{
  inspector = func;
  inspector_data = user_data;
}

static gboolean
next_step_idle_cb (gpointer user_data)
{
  next_step (user_data);
  return G_SOURCE_REMOVE;
}

static void
rendered_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Shots *shots = user_data;
  g_autofree char *path = g_strdup_printf ("%s/%s.png", shots->directory, shots->name);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = bn_ui_render_widget_finish (GTK_WIDGET (object), result, &error);
  if (texture == NULL || !gdk_texture_save_to_png (texture, path))
    {
      g_printerr ("screenshot %s: %s\n", shots->name, error ? error->message : "cannot write");
      shots->failures++;
    }
  else
    g_print ("%s\n", path);
  if (inspector != NULL && GTK_IS_WINDOW (object))
    inspector (GTK_WINDOW (object), shots->name, inspector_data);
  g_idle_add (next_step_idle_cb, shots);
}

static gboolean
capture_tick_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  Shots *shots = user_data;

  /* let list views bind their rows and fonts settle: a few frames after mapping */
  if (++shots->frames < FRAMES_BEFORE_CAPTURE)
    {
      gtk_widget_queue_draw (widget);
      return G_SOURCE_CONTINUE;
    }
  bn_ui_render_widget_async (widget, NULL, rendered_cb, shots);
  return G_SOURCE_REMOVE;
}

static void
capture (Shots      *shots,
         GtkWindow  *window,
         const char *name)
{
  g_free (shots->name);
  shots->name = g_strdup (name);
  shots->frames = 0;
  shots->window = window;
  gtk_window_present (window);
  gtk_widget_add_tick_callback (GTK_WIDGET (window), capture_tick_cb, shots, NULL);
}

typedef struct
{
  Shots     *shots;
  GtkWindow *window;
  char      *name;
} Later;

static gboolean
capture_later_cb (gpointer user_data)
{
  Later *later = user_data;

  capture (later->shots, later->window, later->name);
  g_object_unref (later->window);
  g_free (later->name);
  g_free (later);
  return G_SOURCE_REMOVE;
}

/* The picker's trees follow the fleet in batches (BnThrottledModel): give them time to show
 * and select their rows before the picture. */
static void
capture_later (Shots      *shots,
               GtkWindow  *window,
               const char *name)
{
  Later *later = g_new0 (Later, 1);

  later->shots = shots;
  later->window = g_object_ref (window);
  later->name = g_strdup (name);
  shots->window = window;
  gtk_window_present (window);
  g_timeout_add (1200, capture_later_cb, later);
}

static void
policy_capture (gpointer    data,
                GtkWindow  *window,
                const char *name)
{
  capture (data, window, name);
}

static void
logs_loaded_cb (BnLogsWindow *window,
                Shots        *shots)
{
  g_signal_handlers_disconnect_by_func (window, logs_loaded_cb, shots);
  capture (shots, GTK_WINDOW (window), "logs");
}

/* A live migration as the engine will report it: 4 GiB over a ~110 MB/s path while the
 * guest dirties 20 MB/s of a 256 MiB working set.  Round 1 copies everything; each later
 * round copies what the previous one left dirty, until the rest fits in a short suspend. */
GListStore *
bn_screenshots_example_samples (guint max_samples)
{
  GListStore *store = g_list_store_new (BN_TYPE_MONITOR_SAMPLE);
  const double total = 4.0 * 1024 * 1024 * 1024, working_set = 256.0 * 1024 * 1024;
  double to_send = total, dirtied = 0, transferred = 0;
  guint round = 1;
  GRand *rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < max_samples; i++)
    {
      double dt = 0.25;
      double rate = 110e6 + g_rand_double_range (rand, -9e6, 9e6) - (i % 40 < 3 ? 25e6 : 0);
      double dirty = 20e6 + g_rand_double_range (rand, -4e6, 4e6);
      double sent = MIN (rate * dt, to_send);
      double remaining, suspend_ms;
      gboolean last;
      g_autoptr(BnMonitorSample) sample = NULL;

      to_send -= sent;
      transferred += sent;
      dirtied = MIN (dirtied + dirty * dt, working_set);
      if (to_send <= 0)
        {
          round++;
          to_send = dirtied;
          dirtied = 0;
        }
      remaining = to_send + dirtied;
      suspend_ms = remaining / rate * 1000;
      last = suspend_ms < 300;
      sample = g_object_new (BN_TYPE_MONITOR_SAMPLE,
                             "elapsed-ms", (gint64) ((i + 1) * 250),
                             "stage", last ? "0x4060: (SRC) Suspending LPAR"
                                           : "0x4050: (SRC) Transferring Memory Data",
                             "round", round,
                             "total-bytes", (guint64) total,
                             "transferred-bytes", (guint64) transferred,
                             "remaining-dirty-bytes", (guint64) remaining,
                             "transfer-rate", rate,
                             "dirty-rate", dirty,
                             "expected-suspend-ms", suspend_ms,
                             "timeout-s", 900u,
                             NULL);
      g_list_store_append (store, sample);
      if (last)
        break;
    }
  g_rand_free (rand);
  return store;
}

static void
add_example_history (BnApplication *application)
{
  BnHistory *history = bn_engine_get_history (bn_application_get_engine (application));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  struct {
    const char      *lpar;
    BnHistoryPlace   from;
    BnHistoryPlace   to;
    BnMigrationMode  mode;
    int              days_ago;
    int              minutes;
  } moves[] = {
    { "ERP01", { "HVM-B03", 5, 0 }, { "HVM-B04", 2, 0 }, BN_MIGRATION_MODE_SHUTDOWN, 20, 615 },
    { "WEB01", { "HVM-B02", 4, 0 }, { "HVM-A01", 1, 0 }, BN_MIGRATION_MODE_SHUTDOWN, 9, 1332 },
    { "ERP01", { "HVM-B04", 2, 0 }, { "HVM-B01", 1, 1 }, BN_MIGRATION_MODE_CONCURRENT, 3, 127 },
    { "MAIL01", { "HVM-A03", 6, 0 }, { "HVM-A02", 3, 0 }, BN_MIGRATION_MODE_CONCURRENT, 1, 845 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (now, -moves[i].days_ago);
      g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (day),
                                                             g_date_time_get_month (day),
                                                             g_date_time_get_day_of_month (day),
                                                             0, 0, 0);
      g_autoptr(GDateTime) when = g_date_time_add_seconds (midnight, moves[i].minutes * 60 + 17);
      g_autoptr(GError) error = NULL;

      if (!bn_history_add (history, moves[i].lpar, &moves[i].from, &moves[i].to, moves[i].mode,
                           when, &error))
        g_warning ("example history: %s", error->message);
    }
}

static BnWindow *
main_window (Shots *shots)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (shots->application)); l;
       l = l->next)
    if (BN_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* Migration Progress on real moves of the demo: captured once @run reaches @step with a few
 * samples (NULL: once it has finished), or after three minutes whatever it shows. */
typedef struct
{
  Shots       *shots;
  BnMigration *run;
  const char  *step;
  const char  *name;
  guint        polls;
} RunShot;

static gboolean
run_shot_poll_cb (gpointer user_data)
{
  RunShot *shot = user_data;
  gboolean ready = bn_migration_is_finished (shot->run);

  if (shot->step != NULL)
    ready = ready || (g_strcmp0 (bn_migration_get_step_id (shot->run), shot->step) == 0 &&
                      g_list_model_get_n_items (bn_migration_get_samples (shot->run)) >= 6);
  if (!ready && ++shot->polls < 900)
    return G_SOURCE_CONTINUE;
  capture (shot->shots,
           GTK_WINDOW (bn_progress_window_show (shot->shots->application, shot->run)),
           shot->name);
  g_object_unref (shot->run);
  g_free (shot);
  return G_SOURCE_REMOVE;
}

static void
capture_run (Shots       *shots,
             const char  *key,
             const char  *step,
             const char  *name)
{
  BnMigration *run = g_object_get_data (G_OBJECT (shots->application), key);
  RunShot *shot;

  if (run == NULL)
    {
      next_step (shots);
      return;
    }
  shot = g_new0 (RunShot, 1);
  shot->shots = shots;
  shot->run = g_object_ref (run);
  shot->step = step;
  shot->name = name;
  g_timeout_add (200, run_shot_poll_cb, shot);
}

static void
start_example_run (Shots              *shots,
                   const char         *key,
                   BnMigrationRequest *request)
{
  BnEngine *engine = bn_application_get_engine (shots->application);
  g_autoptr(GError) error = NULL;
  BnMigration *run;

  run = bn_migration_service_start (bn_engine_get_migration_service (engine), request, &error);
  if (run == NULL)
    g_printerr ("screenshots: %s\n", error->message);
  else
    g_object_set_data_full (G_OBJECT (shots->application), key, g_object_ref (run),
                            g_object_unref);
  bn_migration_request_free (request);
}

/* The Migration [Shutdown] window once WEB01's example password is in the keyring (or
 * could not be: then the field is empty, as for an operator without a keyring). */
static void
example_password_saved_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  Shots *shots = user_data;
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  BnLparPicker *picker;

  if (!bn_guest_settings_save_password_finish (BN_GUEST_SETTINGS (object), result, &error))
    g_printerr ("screenshot migration-shutdown: %s\n", error->message);
  window = bn_migration_window_show (shots->application, BN_MIGRATION_MODE_SHUTDOWN);
  picker = bn_migration_window_get_picker (BN_MIGRATION_WINDOW (window));
  bn_lpar_picker_set_source (picker, "HVM-A01", 1);
  bn_lpar_picker_set_destination (picker, "HVM-A03", 0);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (bn_ui_find_widget (GTK_WIDGET (window),
                                                                    "shutdown_guest_check")),
                               TRUE);
  capture_later (shots, window, "migration-shutdown");
}

static void
next_step (Shots *shots)
{
  BnWindow *main = main_window (shots);
  BnEngine *engine = bn_application_get_engine (shots->application);

  /* close what the previous step opened (never the main window) */
  if (shots->window != NULL && shots->window != GTK_WINDOW (main))
    gtk_window_destroy (shots->window);
  shots->window = NULL;

  switch (shots->step++)
    {
    case 0:
      add_example_history (shots->application);
      g_object_set (main, "page", "profile", NULL);
      bn_window_select_hvm (main, bn_fleet_find_hvm (bn_engine_get_fleet (engine), "HVM-A02"));
      capture (shots, GTK_WINDOW (main), "main-profile");
      break;
    case 1:
      g_object_set (main, "page", "migration", NULL);
      bn_fleet_tree_select (bn_window_get_fleet_tree (main),
                            bn_hvm_find_lpar (bn_fleet_find_hvm (bn_engine_get_fleet (engine),
                                                                 "HVM-A02"), 4));
      capture (shots, GTK_WINDOW (main), "main-migration");
      break;
    case 2:
      {
        BnHvmDialog *dialog = bn_hvm_dialog_new (bn_engine_get_fleet (engine));
        GtkWidget *id = bn_ui_find_widget (GTK_WIDGET (dialog), "id_entry");
        GtkWidget *address = bn_ui_find_widget (GTK_WIDGET (dialog), "address_entry");

        gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (main));
        gtk_editable_set_text (GTK_EDITABLE (id), "HVM-A05");
        gtk_editable_set_text (GTK_EDITABLE (address), "192.168.10.300");
        capture (shots, GTK_WINDOW (dialog), "add-hvm");
      }
      break;
    case 3:
      {
        BnOptionWindow *window = bn_option_window_new (bn_engine_get_options (engine));

        gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (main));
        gtk_editable_set_text (bn_option_window_get_field (window, BN_OPTION_MANAGEMENT_ADDRESS),
                               "10.0.0.256");
        capture (shots, GTK_WINDOW (window), "option");
      }
      break;
    case 4:
      capture (shots, bn_application_show_service (shots->application), "service");
      break;
    case 5:
      {
        BnHvm *a01 = bn_fleet_find_hvm (bn_engine_get_fleet (engine), "HVM-A01");
        GtkWindow *window = bn_application_show_logs (shots->application, a01);

        if (bn_logs_window_is_loading (BN_LOGS_WINDOW (window)))
          g_signal_connect (window, "loaded", G_CALLBACK (logs_loaded_cb), shots);
        else
          capture (shots, window, "logs");
      }
      break;
    case 6:
      capture (shots, bn_application_show_history (shots->application, ""), "history");
      break;
    case 7:
      {
        g_autoptr(GListStore) samples = bn_screenshots_example_samples (400);
        BnMonitorWindow *window = bn_monitor_window_new (G_LIST_MODEL (samples));

        bn_monitor_window_set_subtitle (window, "WEB01: HVM-A01 #1 → HVM-B02 #4");
        gtk_window_set_application (GTK_WINDOW (window), GTK_APPLICATION (shots->application));
        capture (shots, GTK_WINDOW (window), "monitor");
      }
      break;
    case 8:
      {
        GtkWindow *window = bn_migration_window_show (shots->application,
                                                      BN_MIGRATION_MODE_CONCURRENT);
        BnLparPicker *picker = bn_migration_window_get_picker (BN_MIGRATION_WINDOW (window));

        bn_lpar_picker_set_source (picker, "HVM-B01", 4);
        bn_lpar_picker_set_destination (picker, "HVM-B02", 0);
        capture_later (shots, window, "migration-concurrent");
      }
      break;
    case 9:
      {
        g_autoptr(BnMigrationRequest) guest = bn_migration_request_new (BN_OPERATION_MIGRATION);
        g_autoptr(GError) error = NULL;

        /* WEB01 is running: its guest is shut down first, with the Guest OS Information
         * saved for it (§5.13), its password in the keyring when there is one */
        guest->guest_os = BN_GUEST_OS_WINDOWS;
        guest->guest_address = g_strdup ("192.168.10.31");
        guest->guest_user = g_strdup ("Administrator");
        if (!bn_guest_settings_save (bn_engine_get_guest_settings (engine), "HVM-A01", 1, guest,
                                     &error))
          {
            g_printerr ("screenshot migration-shutdown: %s\n", error->message);
            shots->failures++;
          }
        bn_guest_settings_save_password_async (bn_engine_get_guest_settings (engine), "HVM-A01",
                                               1, "example-password", NULL,
                                               example_password_saved_cb, shots);
      }
      break;
    case 10:
      {
        /* B03's EFI and firmware refuse Concurrent Maintenance: the viewer opens on the
         * first error */
        BnMigrationRequest request = { 0 };
        g_autoptr(BnCheckReport) report = NULL;
        g_autoptr(GError) error = NULL;
        BnConfigViewer *viewer;

        request.operation = BN_OPERATION_MIGRATION;
        request.mode = BN_MIGRATION_MODE_CONCURRENT;
        request.source_hvm = (char *) "HVM-B01";
        request.source_lpar = 1;
        request.destination_hvm = (char *) "HVM-B03";
        request.processor_group = -1;
        report = bn_migration_service_check (bn_engine_get_migration_service (engine), &request,
                                             &error);
        if (report == NULL)
          {
            g_printerr ("screenshot config-viewer: %s\n", error->message);
            shots->failures++;
            next_step (shots);
            return;
          }
        viewer = bn_config_viewer_new (report, "ERP01: HVM-B01 #1 → HVM-B03");
        gtk_window_set_application (GTK_WINDOW (viewer), GTK_APPLICATION (shots->application));
        capture_later (shots, GTK_WINDOW (viewer), "config-viewer");
      }
      break;
    case 11:
      {
        GListModel *toplevels = gtk_window_get_toplevels ();

        gtk_widget_activate_action (GTK_WIDGET (main), "win.open-migration", "s", "wwn-setting");
        for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
          {
            g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

            if (g_strcmp0 (gtk_widget_get_name (window), "not-yet-dialog") == 0)
              {
                capture (shots, GTK_WINDOW (window), "not-yet");
                return;
              }
          }
        next_step (shots);
      }
      break;
    case 12:
      {
        BnMigrationRequest *move = bn_migration_request_new (BN_OPERATION_MIGRATION);
        BnMigrationRequest *refused = bn_migration_request_new (BN_OPERATION_MIGRATION);

        /* a live move (CRM01), and a Shutdown-mode move of a running LPAR, which fails */
        bn_migration_request_set_route (move, BN_MIGRATION_MODE_CONCURRENT, "HVM-B01", 4,
                                        "HVM-B02");
        start_example_run (shots, "bn-shot-move", move);
        bn_migration_request_set_route (refused, BN_MIGRATION_MODE_SHUTDOWN, "HVM-A01", 1,
                                        "HVM-A02");
        start_example_run (shots, "bn-shot-refused", refused);
        capture_run (shots, "bn-shot-move", "transfer-memory", "progress-running");
      }
      break;
    case 13:
      capture_run (shots, "bn-shot-refused", NULL, "progress-failed");
      break;
    case 14:
      capture_run (shots, "bn-shot-move", NULL, "progress-completed");
      break;
    case 15:
      {
        GtkWindow *window = bn_path_window_show (shots->application, "HVM-A01");
        GtkWidget *root = GTK_WIDGET (window);
        const char *cells[][2] = {
          { "path-2-name", "MIGPATH2" }, { "path-2-segment", "2a" },
          { "path-2-slot", "2" }, { "path-2-port", "0" }, { "path-2-ip", "127.21.1.1" },
          { "path-2-mask", "255.255.255.0" }, { "path-2-vlan", "4001" },
        };

        /* a row being typed, with the mistake the window points out */
        gtk_widget_activate_action (root, "path.add-row", NULL);
        for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
          {
            GtkWidget *cell = bn_ui_find_widget (root, cells[i][0]);

            if (cell != NULL)
              gtk_editable_set_text (GTK_EDITABLE (cell), cells[i][1]);
          }
        capture (shots, window, "path-setting");
      }
      break;
    case 16:
      capture (shots, bn_rollback_window_show (shots->application, NULL), "rollback");
      break;
    case 17:
      /* a Confirmation (bn_ui_confirm_new): Remove HVM asks, Cancel is the default */
      bn_window_select_hvm (main, bn_fleet_find_hvm (bn_engine_get_fleet (engine), "HVM-A04"));
      gtk_widget_activate_action (GTK_WIDGET (main), "win.remove-hvm", NULL);
      if (bn_window_get_dialog (main) != NULL)
        capture (shots, bn_window_get_dialog (main), "remove-hvm");
      else
        next_step (shots);
      break;
    default:
      /* the Migration Policy windows (bn-policy-screenshots.c) */
      if (bn_policy_screenshots_step (shots->application, shots->policy_step++, policy_capture,
                                      shots))
        break;
      g_application_quit (G_APPLICATION (shots->application));
      if (shots->failures > 0)
        g_printerr ("%u screenshots failed\n", shots->failures);
      g_free (shots->directory);
      g_free (shots->name);
      g_free (shots);
      break;
    }
}

/* Before the first Update: an HVM that cannot be read, so the pictures show a reason. */
void
bn_screenshots_prepare (BnApplication *application)
{
  BnFleet *fleet = bn_engine_get_fleet (bn_application_get_engine (application));
  g_autoptr(GError) error = NULL;

  /* port 9 (discard) is closed on loopback: "Connection refused" at once */
  if (bn_fleet_find_hvm (fleet, "HVM-X01") == NULL &&
      bn_fleet_add_hvm (fleet, "HVM-X01", "127.0.0.1", 9, NULL, NULL, &error) == NULL)
    g_warning ("screenshots: %s", error->message);
}

void
bn_screenshots_run (BnApplication *application,
                    const char    *directory)
{
  Shots *shots = g_new0 (Shots, 1);

  g_mkdir_with_parents (directory, 0755);
  shots->application = application;
  shots->directory = g_strdup (directory);
  next_step (shots);
}
