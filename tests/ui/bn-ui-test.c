/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "bn-ui-test.h"
#include "bn-ui-utils.h"

static gboolean
flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
bn_ui_test_wait_until (BnUiTestCondition condition,
                       gpointer          data,
                       guint             timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, flag_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return condition (data);
}

void
bn_ui_test_wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  guint *left = user_data;

  if (*left > 0)
    (*left)--;
  return *left > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
zero_cb (gpointer data)
{
  return *(guint *) data == 0;
}

/* Waits until @n_frames frames of @widget's window have been drawn. */
void
bn_ui_test_wait_frames (GtkWidget *widget,
                        guint      n_frames)
{
  guint left = n_frames;

  gtk_widget_add_tick_callback (widget, tick_cb, &left, NULL);
  gtk_widget_queue_draw (widget);
  g_assert_true (bn_ui_test_wait_until (zero_cb, &left, 10000));
}

/* A toplevel of @type (and widget name @name, if given). */
GtkWindow *
bn_ui_test_find_window (GType       type,
                        const char *name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          (name == NULL || g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (window)), name) == 0))
        return window;
    }
  return NULL;
}

/* A visible label under @root whose text contains @substring. */
GtkWidget *
bn_ui_test_find_label (GtkWidget  *root,
                       const char *substring)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      strstr (gtk_label_get_text (GTK_LABEL (root)), substring) != NULL)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = bn_ui_test_find_label (child, substring);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Pixels that differ noticeably between two textures of the same size, in a rectangle. */
guint
bn_ui_test_count_differing (GdkTexture *a,
                            GdkTexture *b,
                            int         x,
                            int         y,
                            int         width,
                            int         height)
{
  int w = gdk_texture_get_width (a);
  int h = gdk_texture_get_height (a);
  g_autofree guchar *pa = g_malloc (w * h * 4);
  g_autofree guchar *pb = g_malloc (w * h * 4);
  guint n = 0;

  g_assert_cmpint (gdk_texture_get_width (b), ==, w);
  g_assert_cmpint (gdk_texture_get_height (b), ==, h);
  gdk_texture_download (a, pa, w * 4);
  gdk_texture_download (b, pb, w * 4);
  for (int row = MAX (y, 0); row < MIN (y + height, h); row++)
    for (int col = MAX (x, 0); col < MIN (x + width, w); col++)
      {
        const guchar *p = pa + row * w * 4 + col * 4;
        const guchar *q = pb + row * w * 4 + col * 4;

        if (ABS (p[0] - q[0]) + ABS (p[1] - q[1]) + ABS (p[2] - q[2]) > 48)
          n++;
      }
  return n;
}

typedef struct
{
  GdkTexture *texture;
  GError     *error;
  gboolean    done;
} Render;

static void
render_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Render *render = user_data;

  render->texture = bn_ui_render_widget_finish (GTK_WIDGET (object), result, &render->error);
  render->done = TRUE;
}

static gboolean
render_done (gpointer data)
{
  return ((Render *) data)->done;
}

/* The widget as drawn in the next frame. */
GdkTexture *
bn_ui_test_render (GtkWidget *widget)
{
  Render render = { NULL, NULL, FALSE };

  bn_ui_render_widget_async (widget, NULL, render_cb, &render);
  g_assert_true (bn_ui_test_wait_until (render_done, &render, 10000));
  g_assert_no_error (render.error);
  return render.texture;
}

BnApplication *
bn_ui_test_app_new (const char *db)
{
  BnApplication *app = bn_application_new ();
  g_autoptr(GError) error = NULL;

  bn_application_set_database (app, db);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  return app;
}

GtkWidget *
bn_ui_test_child (gpointer    root,
                  const char *name)
{
  GtkWidget *widget;

  g_assert_true (GTK_IS_WIDGET (root));
  widget = bn_ui_find_widget (GTK_WIDGET (root), name);
  if (widget == NULL)
    g_error ("no widget named “%s” in %s", name, G_OBJECT_TYPE_NAME (root));
  return widget;
}

static gboolean
not_updating (gpointer app)
{
  return !bn_application_get_updating (app);
}

void
bn_ui_test_wait_update (BnApplication *app)
{
  g_assert_true (bn_ui_test_wait_until (not_updating, app, 30000));
}

void
bn_ui_test_update (BnApplication *app)
{
  bn_application_update (app);
  bn_ui_test_wait_update (app);
}
