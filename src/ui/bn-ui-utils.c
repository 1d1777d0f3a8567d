/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-ui"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "bn-catalogue.h"
#include "bn-ui-resources.h"
#ifdef BN_HAVE_ICON_RESOURCES
#include "bn-icons-resources.h"
#endif
#include "bn-ui-utils.h"

#define SCHEMA_ID "io.github.bladenav.Navigator"

/* 表 7-1 */
const char *
bn_ui_hvm_state_label (BnHvmState state)
{
  switch (state)
    {
    case BN_HVM_STATE_UNKNOWN:
      return _("Not read yet");
    case BN_HVM_STATE_OK:
      return _("OK");
    case BN_HVM_STATE_UNREACHABLE:
      return _("Could not be read");
    case BN_HVM_STATE_RECOVERY:
      return _("LPARs require recovery");
    case BN_HVM_STATE_MIGRATING:
      return _("Migration running");
    default:
      return "";
    }
}

const char *
bn_ui_hvm_state_description (BnHvmState state)
{
  switch (state)
    {
    case BN_HVM_STATE_UNKNOWN:
      return _("Registered, but not read since the console started. Run Update.");
    case BN_HVM_STATE_OK:
      return _("The last Update read this HVM (normal state).");
    case BN_HVM_STATE_UNREACHABLE:
      return _("The last Update could not read this HVM. Check the HVM and its connection "
               "to the management server.");
    case BN_HVM_STATE_RECOVERY:
      return _("An LPAR on this HVM requires recovery. Run the recovery.");
    case BN_HVM_STATE_MIGRATING:
      return _("An LPAR migration is running on this HVM.");
    default:
      return "";
    }
}

/* 表 7-2 #1-#12 */
const char *
bn_ui_lpar_state_label (BnLparState state)
{
  switch (state)
    {
    case BN_LPAR_STATE_UNDEFINED:
      return _("Undefined");
    case BN_LPAR_STATE_DEACTIVATED:
      return _("Deactivated");
    case BN_LPAR_STATE_ACTIVATED:
      return _("Activated");
    case BN_LPAR_STATE_RECOVERY:
      return _("Requires recovery");
    case BN_LPAR_STATE_FAILURE:
      return _("Failure");
    case BN_LPAR_STATE_UNKNOWN:
      return _("Unknown");
    case BN_LPAR_STATE_MIGRATING:
      return _("Migrating");
    case BN_LPAR_STATE_INVALID:
      return _("Invalid configuration");
    case BN_LPAR_STATE_WWN_ROLLBACK:
      return _("WWN rollback");
    case BN_LPAR_STATE_MIGRATION_WWN:
      return _("On migration WWN");
    case BN_LPAR_STATE_WWN_UNKNOWN:
      return _("WWN unknown");
    default:
      return "";
    }
}

const char *
bn_ui_lpar_state_description (BnLparState state)
{
  switch (state)
    {
    case BN_LPAR_STATE_UNDEFINED:
      return _("An undefined LPAR: it can be chosen as a migration destination.");
    case BN_LPAR_STATE_DEACTIVATED:
      return _("A deactivated LPAR.");
    case BN_LPAR_STATE_ACTIVATED:
      return _("An activated LPAR.");
    case BN_LPAR_STATE_RECOVERY:
      return _("An LPAR that requires recovery. Run the recovery.");
    case BN_LPAR_STATE_FAILURE:
      return _("An LPAR that failed and cannot be used.");
    case BN_LPAR_STATE_UNKNOWN:
      return _("An LPAR whose state could not be read.");
    case BN_LPAR_STATE_MIGRATING:
      return _("An LPAR being migrated.");
    case BN_LPAR_STATE_INVALID:
      return _("An LPAR with an invalid configuration.");
    case BN_LPAR_STATE_WWN_ROLLBACK:
      return _("An LPAR whose WWN is being rolled back.");
    case BN_LPAR_STATE_MIGRATION_WWN:
      return _("An LPAR reaching its LU through the migration WWN.");
    case BN_LPAR_STATE_WWN_UNKNOWN:
      return _("An LPAR whose WWN state is unknown.");
    default:
      return "";
    }
}

/* 表 7-2 #5 */
const char *
bn_ui_lpar_unselectable_description (void)
{
  return _("An LPAR that cannot be selected for an LPAR migration.");
}

const char *
bn_ui_mode_label (BnMigrationMode mode)
{
  return mode == BN_MIGRATION_MODE_CONCURRENT ? _("Concurrent Maintenance") : _("Shutdown");
}

/* The Migration Config Viewer's icons (bn-check-*: 表 8-1 … 8-3's Error icon and ours). */
const char *
bn_ui_check_status_icon (BnCheckStatus status)
{
  switch (status)
    {
    case BN_CHECK_STATUS_ERROR:
      return "bn-check-error-symbolic";
    case BN_CHECK_STATUS_WARNING:
      return "bn-check-warning-symbolic";
    case BN_CHECK_STATUS_INFO:
      return "dialog-information-symbolic";
    case BN_CHECK_STATUS_OK:
    default:
      return "bn-check-ok-symbolic";
    }
}

const char *
bn_ui_check_status_label (BnCheckStatus status)
{
  switch (status)
    {
    case BN_CHECK_STATUS_ERROR:
      return _("Error");
    case BN_CHECK_STATUS_WARNING:
      return _("Warning");
    case BN_CHECK_STATUS_INFO:
      return _("For reference");
    case BN_CHECK_STATUS_OK:
    default:
      return _("Matches");
    }
}

const char *
bn_ui_verdict_icon (BnVerdict verdict)
{
  switch (verdict)
    {
    case BN_VERDICT_REFUSED:
      return "bn-check-error-symbolic";
    case BN_VERDICT_WARNINGS:
      return "bn-check-warning-symbolic";
    case BN_VERDICT_OK:
    default:
      return "bn-check-ok-symbolic";
    }
}

/* One line on what the checks of §2.2 say about a move. */
char *
bn_ui_verdict_text (BnCheckReport *report)
{
  guint errors = bn_check_report_count (report, BN_CHECK_STATUS_ERROR);
  guint warnings = bn_check_report_count (report, BN_CHECK_STATUS_WARNING);

  switch (bn_check_report_get_verdict (report))
    {
    case BN_VERDICT_REFUSED:
      return g_strdup_printf (ngettext ("May not run: %u error. Show Config says what differs "
                                        "and how to fix it (§8.1).",
                                        "May not run: %u errors. Show Config says what differs "
                                        "and how to fix them (§8.1).", errors), errors);
    case BN_VERDICT_WARNINGS:
      return g_strdup_printf (ngettext ("May run, with %u warning: read it in Show Config "
                                        "first.",
                                        "May run, with %u warnings: read them in Show Config "
                                        "first.", warnings), warnings);
    case BN_VERDICT_OK:
    default:
      return g_strdup (_("May run: the configurations of the source and the destination "
                         "match (§2.2)."));
    }
}

const char *
bn_ui_check_section_title (BnCheckSection section)
{
  switch (section)
    {
    case BN_CHECK_SECTION_SERVER:
      return _("Server Configuration");
    case BN_CHECK_SECTION_LPAR:
      return _("LPAR");
    case BN_CHECK_SECTION_HBA:
      return _("HBA Configuration");
    case BN_CHECK_SECTION_NIC:
    default:
      return _("NIC Configuration");
    }
}

/* The manual's notation: yyyy/mm/dd hh:mm:ss, local time. */
char *
bn_ui_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y/%m/%d %H:%M:%S");
}

char *
bn_ui_format_endpoint (BnHvm *hvm)
{
  const char *address = bn_hvm_get_address (hvm);
  gboolean ipv6 = strchr (address, ':') != NULL;

  /* 23250 is the protocol's default port: not worth repeating on every row */
  if (bn_hvm_get_port (hvm) == 23250)
    return g_strdup (address);
  return g_strdup_printf (ipv6 ? "[%s]:%u" : "%s:%u", address, bn_hvm_get_port (hvm));
}

/* gtk_widget_set_tooltip_text () asks the X server where the pointer is, every time: rows
 * refreshed for hundreds of HVMs during Update must not pay that for an unchanged text. */
void
bn_ui_set_tooltip (GtkWidget  *widget,
                   const char *text)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}

/* List-item factories whose widgets follow the item's properties (notify), so rows change
 * as Update changes the model, without the view polling. */

typedef struct
{
  GType           item_type;
  char           *property;
  BnUiFormatFunc  format;
  char           *css_class;
  gboolean        icon;
  BnUiStateFunc   state;     /* a state cell: icon and text side by side */
} FactoryInfo;

static void
factory_info_free (gpointer data)
{
  FactoryInfo *info = data;

  g_free (info->property);
  g_free (info->css_class);
  g_free (info);
}

static void
refresh_cell (GtkWidget *widget,
              GObject   *item)
{
  FactoryInfo *info = g_object_get_data (G_OBJECT (widget), "bn-factory-info");

  if (item == NULL || !G_TYPE_CHECK_INSTANCE_TYPE (item, info->item_type))
    return;
  if (info->state != NULL)
    {
      GtkWidget *image = gtk_widget_get_first_child (widget);
      const char *icon_name = NULL;
      const char *text = NULL;
      const char *css_class = NULL;
      const char *old_class = g_object_get_data (G_OBJECT (widget), "bn-state-class");

      info->state (item, &icon_name, &text, &css_class);
      gtk_image_set_from_icon_name (GTK_IMAGE (image), icon_name);
      gtk_label_set_text (GTK_LABEL (gtk_widget_get_next_sibling (image)), text ? text : "");
      if (old_class != NULL)
        gtk_widget_remove_css_class (widget, old_class);
      if (css_class != NULL)
        gtk_widget_add_css_class (widget, css_class);
      /* the classes are static strings of the state function */
      g_object_set_data (G_OBJECT (widget), "bn-state-class", (gpointer) css_class);
    }
  else if (info->icon)
    {
      g_autofree char *icon_name = NULL;
      g_autofree char *tooltip = info->format ? info->format (item) : NULL;

      g_object_get (item, info->property, &icon_name, NULL);
      gtk_image_set_from_icon_name (GTK_IMAGE (widget), icon_name);
      if (tooltip != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        tooltip, -1);
    }
  else
    {
      g_autofree char *text = NULL;

      if (info->format != NULL)
        text = info->format (item);
      else
        {
          GValue value = G_VALUE_INIT;
          GValue string = G_VALUE_INIT;

          g_value_init (&string, G_TYPE_STRING);
          g_object_get_property (item, info->property, &value);
          if (g_value_transform (&value, &string))
            text = g_value_dup_string (&string);
          g_value_unset (&value);
          g_value_unset (&string);
        }
      gtk_label_set_text (GTK_LABEL (widget), text ? text : "");
    }
}

/* Tooltips are computed when asked: setting one costs a round trip to the X server, too
 * much for hundreds of rows refreshed during Update.  Long texts (reasons, details) are
 * ellipsized, so their tooltip shows all of it. */
static gboolean
cell_query_tooltip_cb (GtkWidget  *widget,
                       int         x,
                       int         y,
                       gboolean    keyboard,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  FactoryInfo *info = g_object_get_data (G_OBJECT (widget), "bn-factory-info");
  GObject *item = g_object_get_data (G_OBJECT (widget), "bn-item");
  g_autofree char *text = NULL;

  if (item == NULL)
    return FALSE;
  if (info->icon || info->state != NULL)
    text = info->format ? info->format (item) : NULL;
  else if (g_utf8_strlen (gtk_label_get_text (GTK_LABEL (widget)), -1) > 32)
    text = g_strdup (gtk_label_get_text (GTK_LABEL (widget)));
  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
cell_notify_cb (GObject    *item,
                GParamSpec *pspec,
                GtkWidget  *widget)
{
  refresh_cell (widget, item);
}

static void
factory_setup_cb (GtkListItemFactory *factory,
                  GtkListItem        *list_item,
                  FactoryInfo        *info)
{
  GtkWidget *widget;

  if (info->state != NULL)
    {
      GtkWidget *label = gtk_label_new (NULL);

      widget = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (widget), gtk_image_new ());
      gtk_box_append (GTK_BOX (widget), label);
    }
  else if (info->icon)
    widget = gtk_image_new ();
  else
    {
      widget = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (widget), 0);
      gtk_label_set_ellipsize (GTK_LABEL (widget), PANGO_ELLIPSIZE_END);
      gtk_label_set_single_line_mode (GTK_LABEL (widget), TRUE);
    }
  if (info->css_class != NULL)
    gtk_widget_add_css_class (widget, info->css_class);
  g_object_set_data (G_OBJECT (widget), "bn-factory-info", info);
  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (cell_query_tooltip_cb), NULL);
  gtk_list_item_set_child (list_item, widget);
}

static void
factory_bind_cb (GtkListItemFactory *factory,
                 GtkListItem        *list_item,
                 FactoryInfo        *info)
{
  GtkWidget *widget = gtk_list_item_get_child (list_item);
  GObject *item = gtk_list_item_get_item (list_item);
  g_autofree char *signal = NULL;
  gulong handler;

  refresh_cell (widget, item);
  signal = info->property && !info->format ? g_strconcat ("notify::", info->property, NULL)
                                           : g_strdup ("notify");
  handler = g_signal_connect (item, signal, G_CALLBACK (cell_notify_cb), widget);
  g_object_set_data (G_OBJECT (widget), "bn-handler", GSIZE_TO_POINTER (handler));
  /* the list item holds its item until after unbind */
  g_object_set_data_full (G_OBJECT (widget), "bn-item", g_object_ref (item), g_object_unref);
}

static void
factory_unbind_cb (GtkListItemFactory *factory,
                   GtkListItem        *list_item,
                   FactoryInfo        *info)
{
  GtkWidget *widget = gtk_list_item_get_child (list_item);
  GObject *item = g_object_get_data (G_OBJECT (widget), "bn-item");
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (widget), "bn-handler"));

  if (handler != 0 && item != NULL)
    g_signal_handler_disconnect (item, handler);
  g_object_set_data (G_OBJECT (widget), "bn-handler", NULL);
  g_object_set_data (G_OBJECT (widget), "bn-item", NULL);
}

static GtkListItemFactory *
factory_new (FactoryInfo *info)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_object_set_data_full (G_OBJECT (factory), "bn-factory-info", info, factory_info_free);
  g_signal_connect (factory, "setup", G_CALLBACK (factory_setup_cb), info);
  g_signal_connect (factory, "bind", G_CALLBACK (factory_bind_cb), info);
  g_signal_connect (factory, "unbind", G_CALLBACK (factory_unbind_cb), info);
  return factory;
}

/* A label showing @property of each item, or @format (item) when given (then any property
 * change refreshes it). */
GtkListItemFactory *
bn_ui_text_factory_new (GType           item_type,
                        const char     *property,
                        BnUiFormatFunc  format,
                        const char     *css_class)
{
  FactoryInfo *info = g_new0 (FactoryInfo, 1);

  info->item_type = item_type;
  info->property = g_strdup (property);
  info->format = format;
  info->css_class = g_strdup (css_class);
  return factory_new (info);
}

/* An icon named by @icon_property; @tooltip gives its tooltip and accessible label. */
GtkListItemFactory *
bn_ui_icon_factory_new (GType           item_type,
                        const char     *icon_property,
                        BnUiFormatFunc  tooltip)
{
  FactoryInfo *info = g_new0 (FactoryInfo, 1);

  info->item_type = item_type;
  info->property = g_strdup (icon_property);
  info->format = tooltip;
  info->icon = TRUE;
  return factory_new (info);
}

/* A state column: the icon, text and style class @state gives each item, refreshed on any
 * change of the item; @tooltip (or NULL) explains the state when asked. */
GtkListItemFactory *
bn_ui_state_factory_new (GType           item_type,
                         BnUiStateFunc   state,
                         BnUiFormatFunc  tooltip)
{
  FactoryInfo *info = g_new0 (FactoryInfo, 1);

  info->item_type = item_type;
  info->state = state;
  info->format = tooltip;
  return factory_new (info);
}

GtkColumnViewColumn *
bn_ui_column_new (const char         *title,
                  GtkListItemFactory *factory,
                  gboolean            expand,
                  GtkSorter          *sorter)
{
  GtkColumnViewColumn *column = gtk_column_view_column_new (title, factory);

  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (sorter != NULL)
    {
      gtk_column_view_column_set_sorter (column, sorter);
      g_object_unref (sorter);
    }
  return column;
}

/* What the widget showed in the last frame, as a texture.  GtkWidgetPaintable reuses the
 * render nodes of that frame: right after a change (queue_draw) there are none until the
 * next paint, so prefer bn_ui_render_widget_async (). */
GdkTexture *
bn_ui_render_widget (GtkWidget  *widget,
                     GError    **error)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot;
  GtkNative *native;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  native = gtk_widget_get_native (widget);
  renderer = native ? gtk_native_get_renderer (native) : NULL;
  if (renderer == NULL || width <= 0 || height <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                   _("The window is not shown yet, so there is nothing to save"));
      return NULL;
    }

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The window drew nothing"));
      return NULL;
    }
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

gboolean
bn_ui_save_widget_png (GtkWidget  *widget,
                       GFile      *file,
                       GError    **error)
{
  g_autoptr(GdkTexture) texture = bn_ui_render_widget (widget, error);
  g_autoptr(GBytes) png = NULL;

  if (texture == NULL)
    return FALSE;
  png = gdk_texture_save_to_png_bytes (texture);
  return g_file_replace_contents (file, g_bytes_get_data (png, NULL), g_bytes_get_size (png),
                                  NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, error);
}

typedef struct
{
  GtkWidget     *widget;
  GdkFrameClock *clock;
  gulong         handler;
} RenderData;

static void
render_data_free (RenderData *data)
{
  if (data->handler != 0)
    g_signal_handler_disconnect (data->clock, data->handler);
  g_clear_object (&data->clock);
  g_clear_object (&data->widget);
  g_free (data);
}

static void
after_paint_cb (GdkFrameClock *clock,
                GTask         *task)
{
  RenderData *data = g_task_get_task_data (task);
  GError *error = NULL;
  GdkTexture *texture;

  g_signal_handler_disconnect (clock, data->handler);
  data->handler = 0;
  /* the render nodes were made in this very frame */
  texture = bn_ui_render_widget (data->widget, &error);
  if (texture != NULL)
    g_task_return_pointer (task, texture, g_object_unref);
  else
    g_task_return_error (task, error);
  g_object_unref (task);
}

/* Renders the widget as it is drawn in the next frame (one is requested). */
void
bn_ui_render_widget_async (GtkWidget           *widget,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task = g_task_new (widget, cancellable, callback, user_data);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  RenderData *data;

  g_task_set_source_tag (task, bn_ui_render_widget_async);
  if (clock == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("The window is not shown yet, so there is nothing to save"));
      g_object_unref (task);
      return;
    }
  data = g_new0 (RenderData, 1);
  data->widget = g_object_ref (widget);
  data->clock = g_object_ref (clock);
  g_task_set_task_data (task, data, (GDestroyNotify) render_data_free);
  data->handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), task);
  gtk_widget_queue_draw (widget);
}

GdkTexture *
bn_ui_render_widget_finish (GtkWidget     *widget,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, widget), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The console's settings, or NULL when the schema is not installed (then window state is
 * simply not remembered).  A console run from the build tree finds the schema compiled
 * there. */
GSettings *
bn_ui_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchemaSource) build_source = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE);
  if (schema == NULL)
    {
      g_autofree char *dir = g_build_filename (BN_BUILD_BINDIR, "..", "data", NULL);

      build_source = g_settings_schema_source_new_from_directory (dir, source, FALSE, NULL);
      if (build_source != NULL)
        schema = g_settings_schema_source_lookup (build_source, SCHEMA_ID, TRUE);
    }
  if (schema == NULL)
    {
      g_message ("GSettings schema %s is not installed: window state is not remembered",
                 SCHEMA_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

/* The bundles register themselves when loaded; referencing them keeps the linker from
 * dropping them from a program that links the static UI library (tests, bench). */
void
bn_ui_ensure_resources (void)
{
  (void) bn_ui_get_resource ();
#ifdef BN_HAVE_ICON_RESOURCES
  (void) bn_icons_get_resource ();
#endif
}

/* Translations: installed under LOCALEDIR, or built under <build>/po when this binary runs
 * from the build tree (tools/demo, tests, tools/screenshots). */
void
bn_ui_init_i18n (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *build_root = g_path_get_dirname (BN_BUILD_BINDIR);
  g_autofree char *build_prefix = g_strconcat (build_root, G_DIR_SEPARATOR_S, NULL);
  g_autofree char *build_po = g_build_filename (build_root, "po", NULL);
  const char *localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  if (exe != NULL && g_str_has_prefix (exe, build_prefix) &&
      g_file_test (build_po, G_FILE_TEST_IS_DIR))
    localedir = build_po;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/* Finds a descendant by its builder ID or widget name (tests and screenshots use it). */
GtkWidget *
bn_ui_find_widget (GtkWidget  *root,
                   const char *name)
{
  const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (root));

  if (g_strcmp0 (id, name) == 0 || g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = bn_ui_find_widget (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Windows of the manual that need the checks and migration engines (a later version). */
void
bn_ui_show_not_yet (GtkWindow  *parent,
                    const char *window_title,
                    const char *what)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, window_title, NULL);

  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("%s comes with a later version of Blade Navigator. This "
                                    "version registers HVMs, reads them (Update), and shows "
                                    "their system logs and the migration history."), what);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_widget_set_name (dialog, "not-yet-dialog");
  gtk_window_present (GTK_WINDOW (dialog));
}

GtkWindow *
bn_ui_show_error (GtkWindow  *parent,
                  const char *heading,
                  const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

/* The manual's Confirmation windows: Cancel and OK (the default is Cancel, so Enter on a
 * confirmation never starts anything by accident).  The caller connects "response" and
 * presents it. */
AdwMessageDialog *
bn_ui_confirm_new (GtkWindow  *parent,
                   const char *heading,
                   const char *body,
                   const char *ok_label,
                   gboolean    destructive)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));

  gtk_window_set_title (GTK_WINDOW (dialog), _("Confirmation"));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "ok", ok_label ? ok_label : _("_OK"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "ok", destructive
                                                             ? ADW_RESPONSE_DESTRUCTIVE
                                                             : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  return dialog;
}

/* A window text of the manual (data/errors/messages.json), in the user's language. */
const char *
bn_ui_message (const char *id)
{
  const char *text = bn_catalogue_get_message (bn_catalogue_get_default (), id);

  return text ? text : id;
}

void
bn_ui_destroy_transient (GtkWindow **window)
{
  GtkWindow *transient = *window;

  g_clear_weak_pointer (window);
  if (transient != NULL)
    gtk_window_destroy (transient);
}
