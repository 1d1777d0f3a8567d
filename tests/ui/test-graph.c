/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "bn-graph.h"
#include "bn-monitor-sample.h"
#include "bn-monitor-window.h"
#include "bn-test-support.h"
#include "bn-ui-test.h"
#include "bn-ui-utils.h"

/* BnGraph and Migration Monitor Status with real data: a GListStore of BnMonitorSample as
 * the migration engine will fill it, rendered to textures and compared pixel by pixel. */

static void
test_nice_step (void)
{
  const struct {
    double range;
    guint  ticks;
    double step;
  } cases[] = {
    { 4096, 4, 2000 }, { 100, 4, 25 }, { 110, 4, 50 }, { 1, 4, 0.25 }, { 0.3, 4, 0.1 },
    { 7, 4, 2 }, { 0, 4, 1 }, { 4, 4, 1 }, { 12000, 4, 5000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpfloat_with_epsilon (bn_graph_nice_step (cases[i].range, cases[i].ticks),
                                    cases[i].step, 1e-9);
}

static void
test_ring_buffer (void)
{
  g_autoptr(BnGraph) graph = g_object_ref_sink (BN_GRAPH (bn_graph_new ()));
  double t, v, max, step;

  bn_graph_set_capacity (graph, 8);
  for (guint i = 0; i < 20; i++)
    bn_graph_append (graph, i, i * 10);
  g_assert_cmpuint (bn_graph_get_n_samples (graph), ==, 8);
  g_assert_true (bn_graph_get_sample (graph, 0, &t, &v));
  g_assert_cmpfloat (t, ==, 12);
  g_assert_cmpfloat (v, ==, 120);
  g_assert_true (bn_graph_get_sample (graph, 7, &t, &v));
  g_assert_cmpfloat (t, ==, 19);
  g_assert_false (bn_graph_get_sample (graph, 8, NULL, NULL));

  /* a bigger buffer keeps what it had */
  bn_graph_set_capacity (graph, 32);
  g_assert_cmpuint (bn_graph_get_n_samples (graph), ==, 8);
  g_assert_true (bn_graph_get_sample (graph, 0, &t, NULL));
  g_assert_cmpfloat (t, ==, 12);

  /* the y axis covers what is visible, with a nice step */
  bn_graph_get_y_range (graph, &max, &step);
  g_assert_cmpfloat (max, ==, 200);
  g_assert_cmpfloat (step, ==, 50);

  /* a scrolling window: only the last 5 s count */
  bn_graph_clear (graph);
  bn_graph_set_time_window (graph, 5);
  for (guint i = 0; i <= 30; i++)
    bn_graph_append (graph, i, i < 20 ? 1000 : 3);
  bn_graph_get_y_range (graph, &max, &step);
  g_assert_cmpfloat (max, ==, 3);
}

static BnMonitorSample *
sample (gint64  elapsed_ms,
        guint64 remaining,
        double  rate)
{
  return g_object_new (BN_TYPE_MONITOR_SAMPLE,
                       "elapsed-ms", elapsed_ms,
                       "stage", "0x4050: (SRC) Transferring Memory Data",
                       "round", 1u,
                       "total-bytes", (guint64) 1 << 30,
                       "transferred-bytes", (guint64) 0,
                       "remaining-dirty-bytes", remaining,
                       "transfer-rate", rate,
                       "dirty-rate", 1e6,
                       "expected-suspend-ms", 100.0,
                       "timeout-s", 900u,
                       NULL);
}

static void
test_model_binding (void)
{
  g_autoptr(BnGraph) graph = g_object_ref_sink (BN_GRAPH (bn_graph_new ()));
  g_autoptr(GListStore) store = g_list_store_new (BN_TYPE_MONITOR_SAMPLE);
  double t, v;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(BnMonitorSample) s = sample (i * 250, (guint64) (100 - i) << 20, 1e8);

      g_list_store_append (store, s);
    }
  bn_graph_set_value_scale (graph, 1.0 / (1024 * 1024));
  bn_graph_bind_model (graph, G_LIST_MODEL (store), "elapsed-ms", 0.001, "remaining-dirty-bytes");
  g_assert_cmpuint (bn_graph_get_n_samples (graph), ==, 3);
  g_assert_true (bn_graph_get_sample (graph, 2, &t, &v));
  g_assert_cmpfloat_with_epsilon (t, 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (v, 98, 1e-9);

  /* appended items are read as they come */
  {
    g_autoptr(BnMonitorSample) s = sample (750, (guint64) 50 << 20, 1e8);

    g_list_store_append (store, s);
  }
  g_assert_cmpuint (bn_graph_get_n_samples (graph), ==, 4);
  g_assert_true (bn_graph_get_sample (graph, 3, &t, &v));
  g_assert_cmpfloat_with_epsilon (v, 50, 1e-9);

  /* anything else is read again from the start */
  g_list_store_remove (store, 0);
  g_assert_cmpuint (bn_graph_get_n_samples (graph), ==, 3);
  g_assert_true (bn_graph_get_sample (graph, 0, &t, NULL));
  g_assert_cmpfloat_with_epsilon (t, 0.25, 1e-9);

  bn_graph_bind_model (graph, NULL, NULL, 1, NULL);
  g_assert_cmpuint (bn_graph_get_n_samples (graph), ==, 0);
}

/* Drawn for real: the plot area changes when samples arrive, and nothing is redrawn when
 * nothing changed. */
static void
test_graph_draws (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *graph = bn_graph_new ();
  g_autoptr(GdkTexture) empty = NULL;
  g_autoptr(GdkTexture) drawn = NULL;
  g_autoptr(GdkTexture) again = NULL;
  guint redraws;
  int w, h;

  bn_graph_set_title (BN_GRAPH (graph), "Transfer rate");
  bn_graph_set_unit (BN_GRAPH (graph), "MB/s");
  gtk_window_set_child (GTK_WINDOW (window), graph);
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 260);
  gtk_window_present (GTK_WINDOW (window));
  bn_ui_test_wait_frames (window, 3);

  empty = bn_ui_test_render (graph);
  w = gdk_texture_get_width (empty);
  h = gdk_texture_get_height (empty);
  g_assert_cmpint (w, >=, 400);
  g_assert_cmpint (h, >=, 200);

  for (guint i = 0; i <= 40; i++)
    bn_graph_append (BN_GRAPH (graph), i * 0.25, 80 + 30 * (i % 5));
  drawn = bn_ui_test_render (graph);
  /* the plot area: right of the y labels, between the title and the time labels */
  g_assert_cmpuint (bn_ui_test_count_differing (empty, drawn, 60, 50, w - 80, h - 90), >, 500);

  /* no new data, no redraw */
  bn_ui_test_wait_ms (300);
  redraws = bn_graph_get_n_redraws (BN_GRAPH (graph));
  bn_ui_test_wait_ms (500);
  g_assert_cmpuint (bn_graph_get_n_redraws (BN_GRAPH (graph)), ==, redraws);

  /* the same data draws the same picture (GSK_RENDERER=cairo is pixel-stable) */
  again = bn_ui_test_render (graph);
  g_assert_cmpuint (bn_ui_test_count_differing (drawn, again, 0, 0, w, h), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_monitor_window (void)
{
  g_autoptr(GListStore) store = g_list_store_new (BN_TYPE_MONITOR_SAMPLE);
  g_autofree char *dir = bn_test_tmpdir ();
  g_autofree char *csv_path = g_build_filename (dir, "samples.csv", NULL);
  g_autofree char *png_path = g_build_filename (dir, "graphs.png", NULL);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
  g_autoptr(GFile) png_file = g_file_new_for_path (png_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) after = NULL;
  g_autoptr(GdkTexture) png = NULL;
  BnMonitorWindow *window;
  GtkWidget *dirty;

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(BnMonitorSample) s = sample (i * 250, (guint64) (400 - i * 10) << 20, 1.1e8);

      g_list_store_append (store, s);
    }
  window = bn_monitor_window_new (G_LIST_MODEL (store));
  gtk_window_present (GTK_WINDOW (window));
  bn_ui_test_wait_frames (GTK_WIDGET (window), 3);
  dirty = GTK_WIDGET (bn_monitor_window_get_dirty_graph (window));
  g_assert_cmpuint (bn_graph_get_n_samples (BN_GRAPH (dirty)), ==, 20);
  g_assert_cmpuint (bn_graph_get_n_samples (bn_monitor_window_get_rate_graph (window)), ==, 20);
  /* the grid shows the samples in MiB and MB/s */
  g_assert_nonnull (bn_ui_test_find_label (GTK_WIDGET (window), "400.0"));
  g_assert_nonnull (bn_ui_test_find_label (GTK_WIDGET (window), "110.0"));

  /* live: appended samples reach both graphs at once */
  before = bn_ui_test_render (dirty);
  for (guint i = 20; i < 60; i++)
    {
      g_autoptr(BnMonitorSample) s = sample (i * 250, (guint64) (400 - i * 5) << 20, 0.9e8);

      g_list_store_append (store, s);
    }
  g_assert_cmpuint (bn_graph_get_n_samples (BN_GRAPH (dirty)), ==, 60);
  after = bn_ui_test_render (dirty);
  /* the grid follows: the newest sample (14.75 s, 105 MiB left) is in sight */
  bn_ui_test_wait_ms (200);
  bn_ui_test_wait_frames (GTK_WIDGET (window), 2);
  g_assert_nonnull (bn_ui_test_find_label (GTK_WIDGET (window), "14.75"));
  g_assert_cmpuint (bn_ui_test_count_differing (before, after, 0, 0,
                                                gdk_texture_get_width (before),
                                                gdk_texture_get_height (before)), >, 200);

  /* CSV: a header and one line per sample, raw units */
  g_assert_true (bn_monitor_window_export_csv (window, csv_file, &error));
  g_assert_no_error (error);
  g_file_get_contents (csv_path, &csv, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 62);   /* header, 60 samples, "" */
  g_assert_true (g_str_has_prefix (lines[0], "elapsed_ms,stage,round,"));
  g_assert_cmpstr (lines[1], ==, "0,\"0x4050: (SRC) Transferring Memory Data\",1,1073741824,0,"
                                 "419430400,110000000.0,1000000.0,100.0,900");

  /* PNG of both graphs, as drawn */
  bn_ui_test_wait_frames (GTK_WIDGET (window), 2);
  g_assert_true (bn_monitor_window_export_png (window, png_file, &error));
  g_assert_no_error (error);
  png = gdk_texture_new_from_file (png_file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (png), >, 2 * gtk_widget_get_width (dirty));
  g_assert_cmpint (gdk_texture_get_height (png), ==, gtk_widget_get_height (dirty));

  gtk_window_destroy (GTK_WINDOW (window));
  bn_test_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  bn_ui_init_i18n ();
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/graph/nice-step", test_nice_step);
  g_test_add_func ("/graph/ring-buffer", test_ring_buffer);
  g_test_add_func ("/graph/model-binding", test_model_binding);
  g_test_add_func ("/graph/draws", test_graph_draws);
  g_test_add_func ("/monitor/window", test_monitor_window);
  return g_test_run ();
}
