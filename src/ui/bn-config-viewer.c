/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-config-viewer"

#include "config.h"

#include <glib/gi18n.h>

#include "bn-config-viewer.h"
#include "bn-ui-utils.h"

#define N_SECTIONS 4

typedef struct
{
  BnConfigViewer     *viewer;
  BnCheckSection      section;
  GtkColumnView      *view;
  GtkSingleSelection *selection;
  GtkColumnViewColumn *source_column;
  GtkColumnViewColumn *destination_column;
  AdwViewStackPage   *page;
} Section;

struct _BnConfigViewer
{
  AdwWindow      parent_instance;

  BnCheckReport *report;
  Section        sections[N_SECTIONS];
  BnCheckItem   *selected;

  /* template children */
  AdwWindowTitle *window_title;
  GtkBox         *verdict_box;
  GtkImage       *verdict_icon;
  GtkLabel       *verdict_label;
  AdwViewStack   *view_stack;
  GtkImage       *detail_icon;
  GtkLabel       *detail_title;
  GtkLabel       *detail_message;
  GtkLabel       *detail_remedy;
  GtkLabel       *detail_reference;
};

G_DEFINE_FINAL_TYPE (BnConfigViewer, bn_config_viewer, ADW_TYPE_WINDOW)

static void queue_scroll (BnConfigViewer *self);

static const BnCheckSection section_order[N_SECTIONS] = {
  BN_CHECK_SECTION_SERVER, BN_CHECK_SECTION_LPAR, BN_CHECK_SECTION_HBA, BN_CHECK_SECTION_NIC,
};

static const char *
section_name (BnCheckSection section)
{
  return bn_check_section_to_string (section);
}

/* What the tooltip and the detail pane say about an item. */
static char *
item_summary (BnCheckItem *item)
{
  GString *text = g_string_new (NULL);
  const char *message = bn_check_item_get_message (item);
  const char *remedy = bn_check_item_get_remedy (item);
  const char *reference = bn_check_item_get_reference (item);

  g_string_append_printf (text, "%s — %s", bn_check_item_get_name (item),
                          bn_ui_check_status_label (bn_check_item_get_status (item)));
  if (message != NULL)
    g_string_append_printf (text, "\n%s", message);
  if (remedy != NULL)
    /* Translators: what to do about a configuration difference */
    g_string_append_printf (text, "\n%s %s", _("Remedy:"), remedy);
  if (reference != NULL)
    g_string_append_printf (text, "\n%s %s", _("Manual:"), reference);
  return g_string_free (text, FALSE);
}

/* ---- cells ---- */

typedef enum
{
  COLUMN_STATUS,
  COLUMN_GROUP,
  COLUMN_NAME,
  COLUMN_SOURCE,
  COLUMN_DESTINATION,
} Column;

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);

  if (column == COLUMN_STATUS)
    gtk_box_append (GTK_BOX (box), gtk_image_new ());
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), column == COLUMN_SOURCE
                                         || column == COLUMN_DESTINATION);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  if (column == COLUMN_NAME)
    gtk_widget_add_css_class (label, "bn-strong");
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (list_item, box);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  BnCheckItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *label = gtk_widget_get_last_child (box);
  BnCheckStatus status = bn_check_item_get_status (item);
  g_autofree char *tooltip = item_summary (item);
  const char *text = NULL;

  switch (column)
    {
    case COLUMN_STATUS:
      gtk_image_set_from_icon_name (GTK_IMAGE (gtk_widget_get_first_child (box)),
                                    bn_ui_check_status_icon (status));
      text = bn_ui_check_status_label (status);
      break;
    case COLUMN_GROUP:
      text = bn_check_item_get_group (item);
      break;
    case COLUMN_NAME:
      text = bn_check_item_get_name (item);
      break;
    case COLUMN_SOURCE:
      text = bn_check_item_get_source_value (item);
      break;
    case COLUMN_DESTINATION:
      text = bn_check_item_get_destination_value (item);
      break;
    }
  gtk_label_set_text (GTK_LABEL (label), text ? text : "—");
  if (column == COLUMN_STATUS)
    {
      gtk_widget_remove_css_class (label, "error");
      gtk_widget_remove_css_class (label, "warning");
      gtk_widget_remove_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, status == BN_CHECK_STATUS_ERROR ? "error"
                                       : status == BN_CHECK_STATUS_WARNING ? "warning"
                                       : "dim-label");
    }
  bn_ui_set_tooltip (box, tooltip);
}

static GtkColumnViewColumn *
add_column (Section    *section,
            const char *title,
            Column      column,
            gboolean    expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (section->view, view_column);
  g_object_unref (view_column);
  return view_column;
}

/* ---- detail pane ---- */

static void
show_detail (BnConfigViewer *self,
             BnCheckItem    *item)
{
  g_autofree char *title = NULL;
  g_autofree char *remedy = NULL;
  g_autofree char *reference = NULL;
  const char *message;

  g_set_object (&self->selected, item);
  if (item == NULL)
    {
      gtk_image_set_from_icon_name (self->detail_icon, NULL);
      gtk_label_set_text (self->detail_title, _("Select an item to see what the checks say "
                                                "about it."));
      gtk_label_set_text (self->detail_message, "");
      gtk_label_set_text (self->detail_remedy, "");
      gtk_label_set_text (self->detail_reference, "");
      return;
    }

  gtk_image_set_from_icon_name (self->detail_icon,
                                bn_ui_check_status_icon (bn_check_item_get_status (item)));
  /* Translators: "HBA1 · vfcid: Error" */
  title = g_strdup_printf (_("%s · %s: %s"), bn_check_item_get_group (item),
                           bn_check_item_get_name (item),
                           bn_ui_check_status_label (bn_check_item_get_status (item)));
  gtk_label_set_text (self->detail_title, title);
  message = bn_check_item_get_message (item);
  gtk_label_set_text (self->detail_message,
                      message ? message : _("The source and the destination agree on this "
                                            "item."));
  if (bn_check_item_get_remedy (item) != NULL)
    remedy = g_strdup_printf ("%s %s", _("Remedy:"), bn_check_item_get_remedy (item));
  gtk_label_set_text (self->detail_remedy, remedy ? remedy : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_remedy), remedy != NULL);
  if (bn_check_item_get_reference (item) != NULL)
    reference = g_strdup_printf ("%s %s", _("Manual:"), bn_check_item_get_reference (item));
  gtk_label_set_text (self->detail_reference, reference ? reference : "");
}

static void
selection_changed_cb (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      Section            *section)
{
  BnConfigViewer *self = section->viewer;
  const char *visible = adw_view_stack_get_visible_child_name (self->view_stack);

  /* only the page the user looks at drives the pane */
  if (g_strcmp0 (visible, section_name (section->section)) == 0)
    show_detail (self, gtk_single_selection_get_selected_item (selection));
}

static void
page_changed_cb (BnConfigViewer *self)
{
  const char *visible = adw_view_stack_get_visible_child_name (self->view_stack);

  for (guint i = 0; i < N_SECTIONS; i++)
    if (g_strcmp0 (visible, section_name (self->sections[i].section)) == 0)
      show_detail (self, gtk_single_selection_get_selected_item (self->sections[i].selection));
}

/* ---- filling ---- */

static gboolean
section_filter_cb (gpointer item,
                   gpointer user_data)
{
  return bn_check_item_get_section (item) == (BnCheckSection) GPOINTER_TO_INT (user_data);
}

static Section *
find_section (BnConfigViewer *self,
              BnCheckSection  section)
{
  for (guint i = 0; i < N_SECTIONS; i++)
    if (self->sections[i].section == section)
      return &self->sections[i];
  return NULL;
}

/* The verdict as the viewer says it (bn_ui_verdict_text points to Show Config, which is
 * where the user already is). */
static char *
viewer_verdict_text (BnCheckReport *report)
{
  guint errors = bn_check_report_count (report, BN_CHECK_STATUS_ERROR);
  guint warnings = bn_check_report_count (report, BN_CHECK_STATUS_WARNING);

  switch (bn_check_report_get_verdict (report))
    {
    case BN_VERDICT_REFUSED:
      return g_strdup_printf (ngettext ("May not run: %u error. Select it to see what to "
                                        "change (§8.1).",
                                        "May not run: %u errors. Select each to see what to "
                                        "change (§8.1); the tabs count them.", errors), errors);
    case BN_VERDICT_WARNINGS:
      return g_strdup_printf (ngettext ("May run, with %u warning: select it to read it.",
                                        "May run, with %u warnings: select each to read it; "
                                        "the tabs count them.", warnings), warnings);
    case BN_VERDICT_OK:
    default:
      return bn_ui_verdict_text (report);
    }
}

static char *
side_title (const char *heading,
            const char *hvm,
            guint       lpar)
{
  if (hvm == NULL)
    return g_strdup (heading);
  if (lpar == 0)
    return g_strdup_printf ("%s (%s)", heading, hvm);
  return g_strdup_printf ("%s (%s #%u)", heading, hvm, lpar);
}

static void
fill (BnConfigViewer *self)
{
  g_autofree char *verdict = NULL;
  g_autofree char *source = NULL;
  g_autofree char *destination = NULL;
  BnVerdict value;

  source = side_title (_("Source"), bn_check_report_get_source_hvm (self->report),
                       bn_check_report_get_source_lpar (self->report));
  destination = side_title (_("Destination"), bn_check_report_get_destination_hvm (self->report),
                            bn_check_report_get_destination_lpar (self->report));

  for (guint i = 0; i < N_SECTIONS; i++)
    {
      Section *section = &self->sections[i];
      GtkFilterListModel *filtered;
      GtkCustomFilter *filter;
      guint errors = 0, warnings = 0, n;

      filter = gtk_custom_filter_new (section_filter_cb, GINT_TO_POINTER (section->section),
                                      NULL);
      filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->report)),
                                            GTK_FILTER (filter));
      gtk_single_selection_set_model (section->selection, G_LIST_MODEL (filtered));
      g_object_unref (filtered);
      n = g_list_model_get_n_items (G_LIST_MODEL (filtered));
      for (guint k = 0; k < n; k++)
        {
          g_autoptr(BnCheckItem) item = g_list_model_get_item (G_LIST_MODEL (filtered), k);

          if (bn_check_item_get_status (item) == BN_CHECK_STATUS_ERROR)
            errors++;
          else if (bn_check_item_get_status (item) == BN_CHECK_STATUS_WARNING)
            warnings++;
        }
      adw_view_stack_page_set_badge_number (section->page, errors > 0 ? errors : warnings);
      adw_view_stack_page_set_needs_attention (section->page, errors > 0);
      gtk_column_view_column_set_title (section->source_column, source);
      gtk_column_view_column_set_title (section->destination_column, destination);
    }

  value = bn_check_report_get_verdict (self->report);
  verdict = viewer_verdict_text (self->report);
  gtk_image_set_from_icon_name (self->verdict_icon, bn_ui_verdict_icon (value));
  gtk_label_set_text (self->verdict_label, verdict);
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_label), "warning");
  if (value == BN_VERDICT_REFUSED)
    gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), "error");
  else if (value == BN_VERDICT_WARNINGS)
    gtk_widget_add_css_class (GTK_WIDGET (self->verdict_label), "warning");

  /* open on the first error, else the first warning, else the Server page */
  for (BnCheckStatus status = BN_CHECK_STATUS_ERROR; status >= BN_CHECK_STATUS_WARNING; status--)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->report)); i++)
      {
        g_autoptr(BnCheckItem) item = g_list_model_get_item (G_LIST_MODEL (self->report), i);

        if (bn_check_item_get_status (item) == status)
          {
            bn_config_viewer_select_item (self, bn_check_item_get_id (item));
            return;
          }
      }
  adw_view_stack_set_visible_child_name (self->view_stack,
                                         section_name (BN_CHECK_SECTION_SERVER));
  page_changed_cb (self);
}

/* ---- GObject ---- */

static void
bn_config_viewer_dispose (GObject *object)
{
  BnConfigViewer *self = BN_CONFIG_VIEWER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BN_TYPE_CONFIG_VIEWER);
  for (guint i = 0; i < N_SECTIONS; i++)
    g_clear_object (&self->sections[i].selection);
  g_clear_object (&self->selected);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (bn_config_viewer_parent_class)->dispose (object);
}

static void
bn_config_viewer_class_init (BnConfigViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bn_config_viewer_dispose;

  bn_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               BN_UI_RESOURCE ("bn-config-viewer.ui"));
  gtk_widget_class_bind_template_child (widget_class, BnConfigViewer, window_title);
  gtk_widget_class_bind_template_child (widget_class, BnConfigViewer, verdict_box);
  gtk_widget_class_bind_template_child (widget_class, BnConfigViewer, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, BnConfigViewer, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, BnConfigViewer, view_stack);
  gtk_widget_class_bind_template_child (widget_class, BnConfigViewer, detail_icon);
  gtk_widget_class_bind_template_child (widget_class, BnConfigViewer, detail_title);
  gtk_widget_class_bind_template_child (widget_class, BnConfigViewer, detail_message);
  gtk_widget_class_bind_template_child (widget_class, BnConfigViewer, detail_remedy);
  gtk_widget_class_bind_template_child (widget_class, BnConfigViewer, detail_reference);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static const char *
section_icon (BnCheckSection section)
{
  switch (section)
    {
    case BN_CHECK_SECTION_SERVER:
      return "bn-blade-symbolic";
    case BN_CHECK_SECTION_LPAR:
      return "bn-lpar-activated-symbolic";
    case BN_CHECK_SECTION_HBA:
      return "drive-harddisk-symbolic";
    case BN_CHECK_SECTION_NIC:
    default:
      return "network-wired-symbolic";
    }
}

static void
bn_config_viewer_init (BnConfigViewer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < N_SECTIONS; i++)
    {
      Section *section = &self->sections[i];
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      g_autofree char *view_name = NULL;

      section->viewer = self;
      section->section = section_order[i];
      section->selection = gtk_single_selection_new (NULL);
      gtk_single_selection_set_autoselect (section->selection, TRUE);
      section->view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
      view_name = g_strdup_printf ("%s_view", section_name (section->section));
      gtk_widget_set_name (GTK_WIDGET (section->view), view_name);
      gtk_column_view_set_show_row_separators (section->view, TRUE);
      gtk_column_view_set_show_column_separators (section->view, TRUE);
      gtk_column_view_set_model (section->view, GTK_SELECTION_MODEL (section->selection));
      gtk_accessible_update_property (GTK_ACCESSIBLE (section->view),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      bn_ui_check_section_title (section->section), -1);
      add_column (section, _("Check"), COLUMN_STATUS, FALSE);
      add_column (section, _("Group"), COLUMN_GROUP, FALSE);
      add_column (section, _("Item"), COLUMN_NAME, FALSE);
      section->source_column = add_column (section, _("Source"), COLUMN_SOURCE, TRUE);
      section->destination_column = add_column (section, _("Destination"), COLUMN_DESTINATION,
                                                TRUE);
      g_signal_connect (section->selection, "notify::selected-item",
                        G_CALLBACK (selection_changed_cb), section);

      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (section->view));
      gtk_widget_set_vexpand (scrolled, TRUE);
      section->page = adw_view_stack_add_titled (self->view_stack, scrolled,
                                                 section_name (section->section),
                                                 bn_ui_check_section_title (section->section));
      adw_view_stack_page_set_icon_name (section->page, section_icon (section->section));
    }
  g_signal_connect_object (self->view_stack, "notify::visible-child-name",
                           G_CALLBACK (page_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (queue_scroll), NULL);
}

BnConfigViewer *
bn_config_viewer_new (BnCheckReport *report,
                      const char    *subtitle)
{
  BnConfigViewer *self;

  g_return_val_if_fail (BN_IS_CHECK_REPORT (report), NULL);

  self = g_object_new (BN_TYPE_CONFIG_VIEWER, NULL);
  bn_config_viewer_set_report (self, report, subtitle);
  return self;
}

/* The windows that check a move keep one viewer each: @viewer is their weak pointer to it.
 * Shows @report there, creating the viewer transient for @parent when none is open. */
BnConfigViewer *
bn_config_viewer_present (GtkWindow     **viewer,
                          GtkWindow      *parent,
                          BnCheckReport  *report,
                          const char     *subtitle)
{
  if (*viewer == NULL)
    {
      BnConfigViewer *self = bn_config_viewer_new (report, subtitle);

      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
      g_set_weak_pointer (viewer, GTK_WINDOW (self));
    }
  else
    bn_config_viewer_set_report (BN_CONFIG_VIEWER (*viewer), report, subtitle);
  gtk_window_present (*viewer);
  return BN_CONFIG_VIEWER (*viewer);
}

void
bn_config_viewer_set_report (BnConfigViewer *self,
                             BnCheckReport  *report,
                             const char     *subtitle)
{
  g_return_if_fail (BN_IS_CONFIG_VIEWER (self));
  g_return_if_fail (BN_IS_CHECK_REPORT (report));

  g_set_object (&self->report, report);
  adw_window_title_set_subtitle (self->window_title, subtitle ? subtitle : "");
  fill (self);
}

BnCheckReport *
bn_config_viewer_get_report (BnConfigViewer *self)
{
  g_return_val_if_fail (BN_IS_CONFIG_VIEWER (self), NULL);
  return self->report;
}

/* GTK 4.8 has no gtk_column_view_scroll_to (): its inner list view's action does it. */
static void
scroll_to (Section *section,
           guint    position)
{
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (section->view)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LIST_VIEW (c))
      gtk_widget_activate_action (c, "list.scroll-to-item", "u", position);
}

/* The rows exist only once the view has a size: scroll on the next frame. */
static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  BnConfigViewer *self = BN_CONFIG_VIEWER (widget);
  guint *frames = user_data;

  GtkWidget *view;

  if (self->selected == NULL)
    return G_SOURCE_REMOVE;
  /* the visible page's view has its size after a frame's layout, not at its first tick */
  view = GTK_WIDGET (find_section (self, bn_check_item_get_section (self->selected))->view);
  if (gtk_widget_get_height (view) == 0 && ++*frames < 30)
    return G_SOURCE_CONTINUE;
  for (guint i = 0; i < N_SECTIONS; i++)
    {
      Section *section = &self->sections[i];
      guint position = gtk_single_selection_get_selected (section->selection);

      if (position != GTK_INVALID_LIST_POSITION)
        scroll_to (section, position);
    }
  return G_SOURCE_REMOVE;
}

static void
queue_scroll (BnConfigViewer *self)
{
  gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_tick_cb, g_new0 (guint, 1), g_free);
}

/* Shows the page of the item with @id and selects it there. */
gboolean
bn_config_viewer_select_item (BnConfigViewer *self,
                              const char     *id)
{
  BnCheckItem *item;
  Section *section;
  GListModel *model;

  g_return_val_if_fail (BN_IS_CONFIG_VIEWER (self), FALSE);

  item = self->report ? bn_check_report_find (self->report, id) : NULL;
  if (item == NULL)
    return FALSE;
  section = find_section (self, bn_check_item_get_section (item));
  model = gtk_single_selection_get_model (section->selection);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(BnCheckItem) candidate = g_list_model_get_item (model, i);

      if (candidate == item)
        {
          adw_view_stack_set_visible_child_name (self->view_stack, section_name (section->section));
          gtk_single_selection_set_selected (section->selection, i);
          scroll_to (section, i);
          queue_scroll (self);
          show_detail (self, item);
          return TRUE;
        }
    }
  return FALSE;
}

BnCheckItem *
bn_config_viewer_get_selected_item (BnConfigViewer *self)
{
  g_return_val_if_fail (BN_IS_CONFIG_VIEWER (self), NULL);
  return self->selected;
}

GtkColumnView *
bn_config_viewer_get_view (BnConfigViewer *self,
                           BnCheckSection  section)
{
  g_return_val_if_fail (BN_IS_CONFIG_VIEWER (self), NULL);
  return find_section (self, section)->view;
}

/* The detail pane as one text (title, message, remedy, reference), for tests. */
char *
bn_config_viewer_get_detail_text (BnConfigViewer *self)
{
  GtkLabel *labels[] = { self->detail_title, self->detail_message, self->detail_remedy,
                         self->detail_reference };
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (BN_IS_CONFIG_VIEWER (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (*gtk_label_get_text (labels[i]) != '\0')
      g_string_append_printf (text, "%s%s", text->len ? "\n" : "", gtk_label_get_text (labels[i]));
  return g_string_free (text, FALSE);
}
