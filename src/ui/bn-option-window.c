/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-option-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bn-ui-utils.h"

#include "bn-option-window.h"

typedef struct
{
  const BnOptionSpec *spec;
  GtkWidget          *row;
  GtkEditable        *editable;
  char               *hint;
  char               *problem;
  char               *saved;
} Field;

struct _BnOptionWindow
{
  AdwWindow            parent_instance;

  BnOptions           *options;
  GPtrArray           *fields;

  AdwPreferencesPage  *page;
  GtkLabel            *save_error;
};

G_DEFINE_FINAL_TYPE (BnOptionWindow, bn_option_window, ADW_TYPE_WINDOW)

static void
field_free (Field *field)
{
  g_free (field->hint);
  g_free (field->problem);
  g_free (field->saved);
  g_free (field);
}

/* Which group of the window an option belongs to (the manual lists them in one dialog). */
static const char *
group_of (const char *key)
{
  if (g_str_equal (key, BN_OPTION_HVM_TIMEOUT) || g_str_equal (key, BN_OPTION_MANAGEMENT_ADDRESS))
    return "communication";
  if (g_str_equal (key, BN_OPTION_OS_SHUTDOWN_WAIT))
    return "shutdown";
  if (g_str_equal (key, BN_OPTION_FC_LOGIN_TIMEOUT) ||
      g_str_equal (key, BN_OPTION_MIGRATION_TIMEOUT) ||
      g_str_equal (key, BN_OPTION_MONITOR_PERIOD))
    return "concurrent";
  if (g_str_equal (key, BN_OPTION_STORAGE_CLI_DIR))
    return "storage";
  return "other";
}

static const char *
unit_name (const char *unit)
{
  if (g_strcmp0 (unit, "s") == 0)
    return _("seconds");
  if (g_strcmp0 (unit, "ms") == 0)
    return _("milliseconds");
  return unit ? unit : "";
}

static const char *
unit_symbol (const char *unit)
{
  if (g_strcmp0 (unit, "s") == 0)
    return C_("unit", "s");
  if (g_strcmp0 (unit, "ms") == 0)
    return C_("unit", "ms");
  return unit ? unit : "";
}

static char *
hint_for (const BnOptionSpec *spec)
{
  switch (spec->type)
    {
    case BN_OPTION_TYPE_UINT:
      /* Translators: "1 to 600 seconds, default 10" */
      return g_strdup_printf (_("%u to %u %s, default %s"), spec->min, spec->max,
                              unit_name (spec->unit), spec->default_value);
    case BN_OPTION_TYPE_ADDRESS:
      return g_strdup (_("An IP address of this computer; empty: let the system choose"));
    case BN_OPTION_TYPE_PATH:
      return g_strdup (_("An absolute folder path; empty: not used"));
    default:
      return g_strdup ("");
    }
}

static void
update_valid (BnOptionWindow *self)
{
  gboolean valid = bn_option_window_is_valid (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "option.save", valid);
  gtk_widget_set_visible (GTK_WIDGET (self->save_error), FALSE);
}

static void
field_changed_cb (GtkEditable    *editable,
                  BnOptionWindow *self)
{
  Field *field = g_object_get_data (G_OBJECT (editable), "bn-field");
  const char *text = gtk_editable_get_text (editable);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&field->problem, g_free);
  /* the engine decides; the row says it in the words of this window */
  if (!bn_options_validate (field->spec->key, text, &error))
    {
      switch (field->spec->type)
        {
        case BN_OPTION_TYPE_UINT:
          field->problem = g_strdup_printf (_("Enter a whole number from %u to %u"),
                                            field->spec->min, field->spec->max);
          break;
        case BN_OPTION_TYPE_ADDRESS:
          field->problem = g_strdup (_("Enter an IP address of this computer, or leave it "
                                       "empty"));
          break;
        case BN_OPTION_TYPE_PATH:
          field->problem = g_strdup (_("Enter an absolute folder path (starting with “/”), or "
                                       "leave it empty"));
          break;
        default:
          field->problem = g_strdup (error->message);
          break;
        }
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (field->row),
                               field->problem ? field->problem : field->hint);
  if (field->problem != NULL)
    {
      gtk_widget_add_css_class (field->row, "bn-problem");
      gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
    }
  else
    {
      gtk_widget_remove_css_class (field->row, "bn-problem");
      gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
    }
  gtk_accessible_update_state (GTK_ACCESSIBLE (editable), GTK_ACCESSIBLE_STATE_INVALID,
                               field->problem ? GTK_ACCESSIBLE_INVALID_TRUE
                                              : GTK_ACCESSIBLE_INVALID_FALSE, -1);
  update_valid (self);
}

static GtkWidget *
make_editor (const BnOptionSpec *spec,
             const char         *value)
{
  GtkWidget *widget;

  if (spec->type == BN_OPTION_TYPE_UINT)
    {
      widget = gtk_spin_button_new_with_range (spec->min, spec->max, 1);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (widget), TRUE);
      gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (widget), GTK_UPDATE_IF_VALID);
      gtk_editable_set_width_chars (GTK_EDITABLE (widget), 6);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), g_ascii_strtod (value, NULL));
    }
  else
    {
      widget = gtk_entry_new ();
      gtk_editable_set_width_chars (GTK_EDITABLE (widget), 24);
      gtk_editable_set_text (GTK_EDITABLE (widget), value);
      if (spec->type == BN_OPTION_TYPE_ADDRESS)
        gtk_entry_set_placeholder_text (GTK_ENTRY (widget), _("any"));
      else
        gtk_entry_set_placeholder_text (GTK_ENTRY (widget), _("not set"));
    }
  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  return widget;
}

static void
build (BnOptionWindow *self)
{
  static const struct {
    const char *id;
    const char *title;
    const char *description;
  } groups[] = {
    { "communication", N_("Communication with HVMs"),
      N_("How the console reaches the HVMs (Update, migration)") },
    { "shutdown", N_("Shutdown Mode"), NULL },
    { "concurrent", N_("Concurrent Maintenance Mode"), NULL },
    { "storage", N_("Storage"), N_("Used to register migration WWNs") },
    { "other", N_("Other"), NULL },
  };
  guint n_specs;
  const BnOptionSpec *specs = bn_options_list (&n_specs);

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      AdwPreferencesGroup *group = NULL;

      for (guint i = 0; i < n_specs; i++)
        {
          const BnOptionSpec *spec = &specs[i];
          g_autofree char *value = NULL;
          Field *field;
          GtkWidget *editor;

          if (!g_str_equal (group_of (spec->key), groups[g].id))
            continue;
          if (group == NULL)
            {
              group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
              adw_preferences_group_set_title (group, _(groups[g].title));
              if (groups[g].description != NULL)
                adw_preferences_group_set_description (group, _(groups[g].description));
              adw_preferences_page_add (self->page, group);
            }

          value = bn_options_get_string (self->options, spec->key);
          field = g_new0 (Field, 1);
          field->spec = spec;
          field->hint = hint_for (spec);
          field->saved = g_strdup (value);
          field->row = adw_action_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), _(spec->summary));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (field->row), field->hint);
          gtk_widget_set_name (field->row, spec->key);
          editor = make_editor (spec, value);
          field->editable = GTK_EDITABLE (editor);
          gtk_accessible_update_relation (GTK_ACCESSIBLE (editor),
                                          GTK_ACCESSIBLE_RELATION_LABELLED_BY, field->row, NULL,
                                          -1);
          gtk_accessible_update_property (GTK_ACCESSIBLE (editor), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _(spec->summary), -1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (field->row), editor);
          if (spec->type == BN_OPTION_TYPE_UINT && spec->unit != NULL)
            {
              GtkWidget *unit = gtk_label_new (unit_symbol (spec->unit));

              gtk_widget_add_css_class (unit, "dim-label");
              gtk_label_set_width_chars (GTK_LABEL (unit), 3);
              gtk_label_set_xalign (GTK_LABEL (unit), 0);
              adw_action_row_add_suffix (ADW_ACTION_ROW (field->row), unit);
            }
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (field->row), editor);
          adw_preferences_group_add (group, field->row);
          g_object_set_data (G_OBJECT (editor), "bn-field", field);
          g_signal_connect_object (editor, "changed", G_CALLBACK (field_changed_cb), self, 0);
          g_ptr_array_add (self->fields, field);
        }
    }
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BnOptionWindow *self = BN_OPTION_WINDOW (widget);

  if (!bn_option_window_is_valid (self))
    return;
  /* validate all first: a refused value must not leave the others half-saved */
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (!bn_options_validate (field->spec->key, gtk_editable_get_text (field->editable), NULL))
        return;
    }
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);
      const char *text = gtk_editable_get_text (field->editable);
      g_autoptr(GError) error = NULL;

      if (g_strcmp0 (text, field->saved) == 0)
        continue;
      if (!bn_options_set (self->options, field->spec->key, text, &error))
        {
          gtk_label_set_text (self->save_error, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->save_error), TRUE);
          return;
        }
      g_free (field->saved);
      field->saved = g_strdup (text);
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
bn_option_window_dispose (GObject *object)
{
  BnOptionWindow *self = (BnOptionWindow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), BN_TYPE_OPTION_WINDOW);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_object (&self->options);

  G_OBJECT_CLASS (bn_option_window_parent_class)->dispose (object);
}

static void
bn_option_window_class_init (BnOptionWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bn_option_window_dispose;

  bn_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               BN_UI_RESOURCE ("bn-option-window.ui"));
  gtk_widget_class_bind_template_child (widget_class, BnOptionWindow, page);
  gtk_widget_class_bind_template_child (widget_class, BnOptionWindow, save_error);
  gtk_widget_class_install_action (widget_class, "option.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "option.save",
                                       NULL);
}

static void
bn_option_window_init (BnOptionWindow *self)
{
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

BnOptionWindow *
bn_option_window_new (BnOptions *options)
{
  BnOptionWindow *self;

  g_return_val_if_fail (BN_IS_OPTIONS (options), NULL);

  self = g_object_new (BN_TYPE_OPTION_WINDOW, NULL);
  self->options = g_object_ref (options);
  build (self);
  update_valid (self);
  return self;
}

static Field *
find_field (BnOptionWindow *self,
            const char     *key)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      Field *field = g_ptr_array_index (self->fields, i);

      if (g_str_equal (field->spec->key, key))
        return field;
    }
  return NULL;
}

/* The entry (or spin button) of option @key. */
GtkEditable *
bn_option_window_get_field (BnOptionWindow *self,
                            const char     *key)
{
  Field *field = find_field (self, key);

  return field ? field->editable : NULL;
}

/* What is wrong with the value typed for @key, as its row shows it; NULL when valid. */
const char *
bn_option_window_get_problem (BnOptionWindow *self,
                              const char     *key)
{
  Field *field = find_field (self, key);

  return field ? field->problem : NULL;
}

gboolean
bn_option_window_is_valid (BnOptionWindow *self)
{
  for (guint i = 0; i < self->fields->len; i++)
    if (((Field *) g_ptr_array_index (self->fields, i))->problem != NULL)
      return FALSE;
  return TRUE;
}
