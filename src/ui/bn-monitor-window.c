/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-monitor-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bn-monitor-sample.h"
#include "bn-monitor-window.h"
#include "bn-ui-utils.h"

#define MIB (1024.0 * 1024.0)
#define MB 1e6
#define SAMPLE(item) BN_MONITOR_SAMPLE (item)

struct _BnMonitorWindow
{
  AdwWindow           parent_instance;

  GListModel         *samples;
  GtkSingleSelection *selection;
  guint               follow_idle;

  AdwWindowTitle     *window_title;
  AdwToastOverlay    *toast_overlay;
  GtkWidget          *graphs_box;
  BnGraph            *dirty_graph;
  BnGraph            *rate_graph;
  GtkScrolledWindow  *grid_scroller;
  GtkColumnView      *sample_view;
};

G_DEFINE_FINAL_TYPE (BnMonitorWindow, bn_monitor_window, ADW_TYPE_WINDOW)

static char *
format_elapsed (GObject *item)
{
  return g_strdup_printf ("%.2f", bn_monitor_sample_get_elapsed_ms (SAMPLE (item)) / 1000.0);
}

static char *
format_round (GObject *item)
{
  return g_strdup_printf ("%u", bn_monitor_sample_get_round (SAMPLE (item)));
}

static char *
format_total (GObject *item)
{
  return g_strdup_printf ("%.1f", bn_monitor_sample_get_total_bytes (SAMPLE (item)) / MIB);
}

static char *
format_transferred (GObject *item)
{
  return g_strdup_printf ("%.1f",
                          bn_monitor_sample_get_transferred_bytes (SAMPLE (item)) / MIB);
}

static char *
format_remaining (GObject *item)
{
  return g_strdup_printf ("%.1f",
                          bn_monitor_sample_get_remaining_dirty_bytes (SAMPLE (item)) / MIB);
}

static char *
format_rate (GObject *item)
{
  return g_strdup_printf ("%.1f", bn_monitor_sample_get_transfer_rate (SAMPLE (item)) / MB);
}

static char *
format_dirty_rate (GObject *item)
{
  return g_strdup_printf ("%.1f", bn_monitor_sample_get_dirty_rate (SAMPLE (item)) / MB);
}

static char *
format_suspend (GObject *item)
{
  return g_strdup_printf ("%.0f",
                          bn_monitor_sample_get_expected_suspend_ms (SAMPLE (item)));
}

static char *
format_timeout (GObject *item)
{
  return g_strdup_printf ("%u", bn_monitor_sample_get_timeout_s (SAMPLE (item)));
}

static void
setup_columns (BnMonitorWindow *self)
{
  struct {
    const char     *title;
    BnUiFormatFunc  format;
    const char     *property;
    gboolean        expand;
  } columns[] = {
    { N_("Elapsed (s)"), format_elapsed, NULL, FALSE },
    { N_("Round"), format_round, NULL, FALSE },
    { N_("Total (MiB)"), format_total, NULL, FALSE },
    { N_("Transferred (MiB)"), format_transferred, NULL, FALSE },
    { N_("Remaining dirty (MiB)"), format_remaining, NULL, FALSE },
    { N_("Transfer rate (MB/s)"), format_rate, NULL, FALSE },
    { N_("Dirty rate (MB/s)"), format_dirty_rate, NULL, FALSE },
    { N_("Expected suspend (ms)"), format_suspend, NULL, FALSE },
    { N_("Timeout (s)"), format_timeout, NULL, FALSE },
    { N_("Stage"), NULL, "stage", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory =
        bn_ui_text_factory_new (BN_TYPE_MONITOR_SAMPLE, columns[i].property, columns[i].format,
                                columns[i].format ? "numeric" : NULL);
      g_autoptr(GtkColumnViewColumn) column = bn_ui_column_new (_(columns[i].title), factory,
                                                                columns[i].expand, NULL);

      gtk_column_view_append_column (self->sample_view, column);
    }
}

/* CSV of the raw samples (bytes, bytes per second): a spreadsheet does the units. */
GBytes *
bn_monitor_window_to_csv (BnMonitorWindow *self)
{
  GString *csv = g_string_new ("elapsed_ms,stage,round,total_bytes,transferred_bytes,"
                               "remaining_dirty_bytes,transfer_rate_bytes_per_s,"
                               "dirty_rate_bytes_per_s,expected_suspend_ms,timeout_s\r\n");
  guint n = self->samples ? g_list_model_get_n_items (self->samples) : 0;

  g_return_val_if_fail (BN_IS_MONITOR_WINDOW (self), NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BnMonitorSample) sample = g_list_model_get_item (self->samples, i);
      const char *stage = bn_monitor_sample_get_stage (sample);
      g_autoptr(GString) quoted = g_string_new (stage ? stage : "");
      char rate[G_ASCII_DTOSTR_BUF_SIZE], dirty[G_ASCII_DTOSTR_BUF_SIZE];
      char suspend[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_replace (quoted, "\"", "\"\"", 0);
      g_ascii_formatd (rate, sizeof rate, "%.1f", bn_monitor_sample_get_transfer_rate (sample));
      g_ascii_formatd (dirty, sizeof dirty, "%.1f", bn_monitor_sample_get_dirty_rate (sample));
      g_ascii_formatd (suspend, sizeof suspend, "%.1f",
                       bn_monitor_sample_get_expected_suspend_ms (sample));
      g_string_append_printf (csv, "%" G_GINT64_FORMAT ",\"%s\",%u,%" G_GUINT64_FORMAT ",%"
                              G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT ",%s,%s,%s,%u\r\n",
                              bn_monitor_sample_get_elapsed_ms (sample), quoted->str,
                              bn_monitor_sample_get_round (sample),
                              bn_monitor_sample_get_total_bytes (sample),
                              bn_monitor_sample_get_transferred_bytes (sample),
                              bn_monitor_sample_get_remaining_dirty_bytes (sample),
                              rate, dirty, suspend, bn_monitor_sample_get_timeout_s (sample));
    }
  return g_string_free_to_bytes (csv);
}

gboolean
bn_monitor_window_export_csv (BnMonitorWindow  *self,
                              GFile            *file,
                              GError          **error)
{
  g_autoptr(GBytes) csv = bn_monitor_window_to_csv (self);

  return g_file_replace_contents (file, g_bytes_get_data (csv, NULL), g_bytes_get_size (csv),
                                  NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, error);
}

/* Both graphs as drawn in the last frame, in one image (the window must have been drawn
 * since the last change; the Export PNG action waits for a frame itself). */
gboolean
bn_monitor_window_export_png (BnMonitorWindow  *self,
                              GFile            *file,
                              GError          **error)
{
  g_return_val_if_fail (BN_IS_MONITOR_WINDOW (self), FALSE);
  return bn_ui_save_widget_png (self->graphs_box, file, error);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(BnMonitorWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (object));
  g_autofree char *text = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    text = g_strdup_printf (_("Could not save %s: %s"), name, error->message);
  else
    text = g_strdup_printf (_("Saved %s"), name);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

typedef struct
{
  BnMonitorWindow *self;
  GFile           *file;
} Export;

static void
export_free (Export *export)
{
  g_object_unref (export->self);
  g_object_unref (export->file);
  g_free (export);
}

static void
graphs_rendered_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Export *export = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  texture = bn_ui_render_widget_finish (GTK_WIDGET (object), result, &error);
  if (texture == NULL)
    adw_toast_overlay_add_toast (export->self->toast_overlay, adw_toast_new (error->message));
  else
    {
      bytes = gdk_texture_save_to_png_bytes (texture);
      g_file_replace_contents_bytes_async (export->file, bytes, NULL, FALSE, G_FILE_CREATE_NONE,
                                           NULL, export_done_cb, g_object_ref (export->self));
    }
  export_free (export);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     BnMonitorWindow *self)
{
  g_autoptr(GFile) file = NULL;
  gboolean png = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "bn-png"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (png)
        {
          Export *export = g_new0 (Export, 1);

          export->self = g_object_ref (self);
          export->file = g_object_ref (file);
          bn_ui_render_widget_async (self->graphs_box, NULL, graphs_rendered_cb, export);
        }
      else
        {
          g_autoptr(GBytes) bytes = bn_monitor_window_to_csv (self);

          g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_NONE,
                                               NULL, export_done_cb, g_object_ref (self));
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BnMonitorWindow *self = BN_MONITOR_WINDOW (widget);
  gboolean png = g_str_equal (action_name, "monitor.export-png");
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (png ? _("Export Graphs as PNG")
                                             : _("Export Samples as CSV"),
                                         GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                     png ? "migration-monitor.png" : "migration-monitor.csv");
  g_object_set_data (G_OBJECT (chooser), "bn-png", GINT_TO_POINTER (png));
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Keep the newest row in sight while the user has not scrolled up: decided before the
 * rows change, done once the view has them. */
static gboolean
follow_idle_cb (gpointer user_data)
{
  BnMonitorWindow *self = user_data;
  guint n = self->samples ? g_list_model_get_n_items (self->samples) : 0;

  self->follow_idle = 0;
  if (n > 0)
    {
      /* GtkColumnView 4.8 has no scroll_to (): its list view child has the action */
      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sample_view));
           child != NULL; child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_LIST_VIEW (child))
          gtk_widget_activate_action (child, "list.scroll-to-item", "u", n - 1);
    }
  return G_SOURCE_REMOVE;
}

static void
samples_changed_cb (BnMonitorWindow *self)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->grid_scroller);
  gboolean at_end = gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj)
                    >= gtk_adjustment_get_upper (adj) - 1;

  if (at_end && self->follow_idle == 0)
    self->follow_idle = g_idle_add_full (G_PRIORITY_LOW, follow_idle_cb, self, NULL);
}

static void
bn_monitor_window_dispose (GObject *object)
{
  BnMonitorWindow *self = (BnMonitorWindow *) object;

  g_clear_handle_id (&self->follow_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), BN_TYPE_MONITOR_WINDOW);
  g_clear_object (&self->selection);
  g_clear_object (&self->samples);

  G_OBJECT_CLASS (bn_monitor_window_parent_class)->dispose (object);
}

static void
bn_monitor_window_class_init (BnMonitorWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bn_monitor_window_dispose;

  g_type_ensure (BN_TYPE_GRAPH);
  bn_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               BN_UI_RESOURCE ("bn-monitor-window.ui"));
  gtk_widget_class_bind_template_child (widget_class, BnMonitorWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, BnMonitorWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BnMonitorWindow, graphs_box);
  gtk_widget_class_bind_template_child (widget_class, BnMonitorWindow, dirty_graph);
  gtk_widget_class_bind_template_child (widget_class, BnMonitorWindow, rate_graph);
  gtk_widget_class_bind_template_child (widget_class, BnMonitorWindow, grid_scroller);
  gtk_widget_class_bind_template_child (widget_class, BnMonitorWindow, sample_view);
  gtk_widget_class_install_action (widget_class, "monitor.export-csv", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "monitor.export-png", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bn_monitor_window_init (BnMonitorWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  setup_columns (self);
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->sample_view, GTK_SELECTION_MODEL (self->selection));
  /* the graphs' scale: the samples hold bytes and bytes per second */
  bn_graph_set_value_scale (self->dirty_graph, 1.0 / MIB);
  bn_graph_set_value_scale (self->rate_graph, 1.0 / MB);
  /* the whole transfer while it fits in ten minutes, then the last ten minutes */
  bn_graph_set_time_window (self->dirty_graph, 600);
  bn_graph_set_time_window (self->rate_graph, 600);
}

BnMonitorWindow *
bn_monitor_window_new (GListModel *samples)
{
  BnMonitorWindow *self = g_object_new (BN_TYPE_MONITOR_WINDOW, NULL);

  bn_monitor_window_set_samples (self, samples);
  return self;
}

void
bn_monitor_window_set_samples (BnMonitorWindow *self,
                               GListModel      *samples)
{
  g_return_if_fail (BN_IS_MONITOR_WINDOW (self));
  g_return_if_fail (samples == NULL || G_IS_LIST_MODEL (samples));

  if (self->samples != NULL)
    g_signal_handlers_disconnect_by_func (self->samples, samples_changed_cb, self);
  g_set_object (&self->samples, samples);
  if (samples != NULL)
    g_signal_connect_object (samples, "items-changed", G_CALLBACK (samples_changed_cb), self,
                             G_CONNECT_SWAPPED);
  gtk_single_selection_set_model (self->selection, samples);
  samples_changed_cb (self);
  bn_graph_bind_model (self->dirty_graph, samples, "elapsed-ms", 0.001, "remaining-dirty-bytes");
  bn_graph_bind_model (self->rate_graph, samples, "elapsed-ms", 0.001, "transfer-rate");
}

GListModel *
bn_monitor_window_get_samples (BnMonitorWindow *self)
{
  g_return_val_if_fail (BN_IS_MONITOR_WINDOW (self), NULL);
  return self->samples;
}

/* e.g. "LPAR WEB01: HVM-A01 #1 → HVM-B02 #4". */
void
bn_monitor_window_set_subtitle (BnMonitorWindow *self,
                                const char      *subtitle)
{
  g_return_if_fail (BN_IS_MONITOR_WINDOW (self));
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

BnGraph *
bn_monitor_window_get_dirty_graph (BnMonitorWindow *self)
{
  g_return_val_if_fail (BN_IS_MONITOR_WINDOW (self), NULL);
  return self->dirty_graph;
}

BnGraph *
bn_monitor_window_get_rate_graph (BnMonitorWindow *self)
{
  g_return_val_if_fail (BN_IS_MONITOR_WINDOW (self), NULL);
  return self->rate_graph;
}
