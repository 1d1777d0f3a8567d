/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-history-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bn-history-window.h"
#include "bn-ui-utils.h"

/* The manual's figure shows Now and old1 … old4 even when they are empty. */
#define MIN_OLD_COLUMNS 4

struct _BnHistoryWindow
{
  AdwWindow       parent_instance;

  BnApplication  *application;
  BnHistory      *history;
  GListStore     *rows;        /* GtkStringObject (LPAR name) with data "bn-entries" */
  guint           n_places;    /* columns after LPAR Name: Now + old1 … */

  GtkEditable    *filter_entry;
  GtkStack       *content_stack;
  GtkColumnView  *history_view;
};

G_DEFINE_FINAL_TYPE (BnHistoryWindow, bn_history_window, ADW_TYPE_WINDOW)

static GListModel *
row_entries (GObject *row)
{
  return g_object_get_data (row, "bn-entries");
}

/* The text of cell @column (0: LPAR Name, 1: Now, 2: old1 …) of @row. */
static char *
cell_text (GObject *row,
           guint    column)
{
  GListModel *entries = row_entries (row);
  g_autoptr(BnHistoryEntry) entry = NULL;
  g_autofree char *place = NULL;

  if (column == 0)
    return g_strdup (gtk_string_object_get_string (GTK_STRING_OBJECT (row)));
  if (entries == NULL || column - 1 >= g_list_model_get_n_items (entries))
    return g_strdup ("");
  entry = g_list_model_get_item (entries, column - 1);
  place = bn_history_entry_format (entry);
  /* the manual marks earlier places with "<": "< HVM_9999 #2 Group#0" */
  return column == 1 ? g_steal_pointer (&place) : g_strdup_printf ("< %s", place);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_list_item_set_child (list_item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  g_autofree char *text = cell_text (gtk_list_item_get_item (list_item), column);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), text);
}

static void
set_columns (BnHistoryWindow *self,
             guint            n_places)
{
  GListModel *columns = gtk_column_view_get_columns (self->history_view);

  if (n_places == self->n_places)
    return;
  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->history_view, column);
    }
  for (guint i = 0; i <= n_places; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autofree char *title = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GUINT_TO_POINTER (i));
      if (i == 0)
        title = g_strdup (_("LPAR Name"));
      else if (i == 1)
        title = g_strdup (C_("history", "Now"));
      else
        /* Translators: the place an LPAR had N moves ago: old1, old2, … */
        title = g_strdup_printf (C_("history", "old%u"), i - 1);
      column = bn_ui_column_new (title, factory, FALSE, NULL);
      gtk_column_view_append_column (self->history_view, column);
    }
  self->n_places = n_places;
}

static void
reload (BnHistoryWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = bn_history_list_lpar_names (self->history, &error);
  g_autofree char *filter = g_utf8_casefold (gtk_editable_get_text (self->filter_entry), -1);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_places = 1 + MIN_OLD_COLUMNS;

  if (names == NULL)
    {
      g_warning ("Cannot read the migration history: %s", error->message);
      return;
    }
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *folded = g_utf8_casefold (names[i], -1);
      GListModel *entries;
      GtkStringObject *row;

      if (*filter != '\0' && strstr (folded, filter) == NULL)
        continue;
      entries = bn_history_list_for_lpar (self->history, names[i], NULL);
      if (entries == NULL)
        continue;
      row = gtk_string_object_new (names[i]);
      g_object_set_data_full (G_OBJECT (row), "bn-entries", entries, g_object_unref);
      n_places = MAX (n_places, g_list_model_get_n_items (entries));
      g_ptr_array_add (rows, row);
    }

  set_columns (self, n_places);
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
  gtk_stack_set_visible_child_name (self->content_stack, rows->len > 0 ? "table" : "empty");
}

static void
bn_history_window_dispose (GObject *object)
{
  BnHistoryWindow *self = (BnHistoryWindow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), BN_TYPE_HISTORY_WINDOW);
  g_clear_object (&self->rows);
  g_clear_object (&self->history);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (bn_history_window_parent_class)->dispose (object);
}

static void
bn_history_window_class_init (BnHistoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bn_history_window_dispose;

  bn_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               BN_UI_RESOURCE ("bn-history-window.ui"));
  gtk_widget_class_bind_template_child (widget_class, BnHistoryWindow, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, BnHistoryWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, BnHistoryWindow, history_view);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bn_history_window_init (BnHistoryWindow *self)
{
  g_autoptr(GtkSelectionModel) selection = NULL;
  GListModel *rows;

  self->rows = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  rows = G_LIST_MODEL (self->rows);
  gtk_widget_init_template (GTK_WIDGET (self));
  selection = GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (rows)));
  gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (selection), FALSE);
  gtk_single_selection_set_can_unselect (GTK_SINGLE_SELECTION (selection), TRUE);
  gtk_column_view_set_model (self->history_view, selection);
}

BnHistoryWindow *
bn_history_window_new (BnApplication *application,
                       const char    *filter)
{
  BnHistoryWindow *self;

  g_return_val_if_fail (BN_IS_APPLICATION (application), NULL);

  self = g_object_new (BN_TYPE_HISTORY_WINDOW, "application", application, NULL);
  self->application = g_object_ref (application);
  self->history = g_object_ref (bn_engine_get_history (bn_application_get_engine (application)));
  gtk_editable_set_text (self->filter_entry, filter ? filter : "");
  g_signal_connect_object (self->filter_entry, "search-changed", G_CALLBACK (reload), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->history, "changed", G_CALLBACK (reload), self,
                           G_CONNECT_SWAPPED);
  reload (self);
  return self;
}

void
bn_history_window_set_filter (BnHistoryWindow *self,
                              const char      *filter)
{
  g_return_if_fail (BN_IS_HISTORY_WINDOW (self));

  gtk_editable_set_text (self->filter_entry, filter ? filter : "");
  reload (self);
}

/* GtkStringObject rows, one per LPAR name shown. */
GListModel *
bn_history_window_get_rows (BnHistoryWindow *self)
{
  g_return_val_if_fail (BN_IS_HISTORY_WINDOW (self), NULL);
  return G_LIST_MODEL (self->rows);
}

/* The text the window shows at @row, @column (0: LPAR Name, 1: Now, 2: old1 …). */
char *
bn_history_window_get_cell (BnHistoryWindow *self,
                            guint            row,
                            guint            column)
{
  g_autoptr(GObject) item = NULL;

  g_return_val_if_fail (BN_IS_HISTORY_WINDOW (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->rows), row);
  return item ? cell_text (item, column) : NULL;
}
