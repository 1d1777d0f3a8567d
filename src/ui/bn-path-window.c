/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-path-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bn-fleet-tree.h"
#include "bn-migration-paths.h"
#include "bn-path-window.h"
#include "bn-ui-utils.h"

/* One row of the Migration Path List: its widgets live in the grid (grid rows 1 + 2i for
 * the cells, 2 + 2i for what is wrong with them). */
typedef struct
{
  GtkWidget *primary;
  GtkWidget *entries[BN_PATH_N_FIELDS];
  GtkWidget *remove;
  GtkWidget *error;
} PathRow;

struct _BnPathWindow
{
  AdwWindow      parent_instance;

  BnApplication *application;
  BnFleet       *fleet;
  BnHvm         *hvm;
  GHashTable    *drafts;        /* HVM ID → JsonArray: rows typed for another HVM, unsaved */
  guint          pending_saves;
  gboolean       current_saved;
  GString       *save_report;
  char          *save_failure;  /* the first refusal of a Save */
  GPtrArray     *rows;          /* PathRow */
  GCancellable  *cancellable;
  gboolean       loading;
  gboolean       dirty;
  gboolean       valid;
  gboolean       saving;
  gulong         generation_handler;

  AdwWindowTitle *window_title;
  BnFleetTree    *fleet_tree;
  GtkLabel       *hvm_label;
  GtkStack       *list_stack;
  GtkLabel       *empty_label;
  GtkGrid        *path_grid;
  GtkLabel       *status_label;
  GtkLabel       *drafts_label;
  GtkSpinner     *spinner;
};

enum {
  SAVED,
  SAVE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BnPathWindow, bn_path_window, ADW_TYPE_WINDOW)

/* Widget names (tests, screenshots) and widths of the columns, in BnPathField order. */
static const char *const field_names[BN_PATH_N_FIELDS] = {
  "name", "segment", "slot", "port", "pci", "ip", "mask", "vlan", "chassis"
};
static const int field_widths[BN_PATH_N_FIELDS] = { 8, 3, 2, 2, 7, 11, 11, 4, 9 };

static const char *
field_title (BnPathField field)
{
  switch (field)
    {
    case BN_PATH_FIELD_NAME: return _("Name");
    case BN_PATH_FIELD_SEGMENT: return _("Segment");
    case BN_PATH_FIELD_SLOT: return _("Slot");
    case BN_PATH_FIELD_PORT: return _("Port No.");
    case BN_PATH_FIELD_PCI_ADDRESS: return _("PCI Address");
    case BN_PATH_FIELD_IP: return _("IP Address");
    case BN_PATH_FIELD_MASK: return _("Subnet Mask");
    case BN_PATH_FIELD_VLAN: return _("VLAN ID (1-4000)");
    case BN_PATH_FIELD_CHASSIS_ID: return _("Chassis ID");
    case BN_PATH_N_FIELDS:
    default: g_assert_not_reached ();
    }
}

static const char *
field_placeholder (BnPathField field)
{
  switch (field)
    {
    case BN_PATH_FIELD_SEGMENT: return _("e.g. 2b");
    case BN_PATH_FIELD_IP: return _("e.g. 192.168.20.1");
    case BN_PATH_FIELD_MASK: return _("e.g. 255.255.255.0");
    case BN_PATH_FIELD_VLAN: return _("none");
    default: return NULL;
    }
}

static void
set_status (BnPathWindow *self,
            const char   *text,
            gboolean      error)
{
  gtk_label_set_text (self->status_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL && *text != '\0');
  if (error)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "success");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "success");
    }
}

static gboolean
status_is_error (BnPathWindow *self)
{
  return gtk_widget_has_css_class (GTK_WIDGET (self->status_label), "error");
}

static void
set_cell_invalid (GtkWidget *entry,
                  gboolean   invalid)
{
  if (invalid)
    gtk_widget_add_css_class (entry, "error");
  else
    gtk_widget_remove_css_class (entry, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE
                                       : GTK_ACCESSIBLE_INVALID_FALSE, -1);
}

static void
set_row_error (PathRow    *row,
               const char *message)
{
  gtk_label_set_text (GTK_LABEL (row->error), message ? message : "");
  gtk_widget_set_visible (row->error, message != NULL);
}

/* The rows as typed, to come back to them after another HVM was selected. */
static JsonArray *
rows_to_draft (BnPathWindow *self)
{
  JsonArray *draft = json_array_new ();

  for (guint i = 0; i < self->rows->len; i++)
    {
      PathRow *row = g_ptr_array_index (self->rows, i);
      JsonObject *cells = json_object_new ();
      gboolean primary = gtk_check_button_get_active (GTK_CHECK_BUTTON (row->primary));

      json_object_set_boolean_member (cells, "primary", primary);
      for (guint f = 0; f < BN_PATH_N_FIELDS; f++)
        json_object_set_string_member (cells, field_names[f],
                                       gtk_editable_get_text (GTK_EDITABLE (row->entries[f])));
      json_array_add_object_element (draft, cells);
    }
  return draft;
}

/* Another HVM's unsaved rows as paths, with the same checks as the rows shown. */
static JsonArray *
draft_to_paths (BnHvm      *hvm,
                JsonArray  *draft,
                GError    **error)
{
  g_autoptr(JsonArray) paths = json_array_new ();
  guint bad = 0;

  for (guint i = 0; i < json_array_get_length (draft); i++)
    {
      JsonObject *cells = json_array_get_object_element (draft, i);
      const char *texts[BN_PATH_N_FIELDS];
      JsonObject *path;

      for (guint f = 0; f < BN_PATH_N_FIELDS; f++)
        texts[f] = json_object_get_string_member_with_default (cells, field_names[f], "");
      path = bn_migration_path_new_from_text (
        json_object_get_boolean_member_with_default (cells, "primary", FALSE), texts, error);
      if (path == NULL)
        {
          g_prefix_error (error, _("Path %u: "), i + 1);
          return NULL;
        }
      json_array_add_object_element (paths, path);
    }
  if (!bn_migration_paths_check_for_hvm (hvm, paths, &bad, error))
    {
      g_prefix_error (error, _("Path %u: "), bad + 1);
      return NULL;
    }
  return g_steal_pointer (&paths);
}

/* The list as typed, or NULL if a cell is wrong; each row's note says what. */
static JsonArray *
collect (BnPathWindow *self,
         gboolean      show)
{
  g_autoptr(JsonArray) paths = json_array_new ();
  g_autoptr(GError) list_error = NULL;
  gboolean cells_ok = TRUE;
  guint bad = 0;

  for (guint i = 0; i < self->rows->len; i++)
    {
      PathRow *row = g_ptr_array_index (self->rows, i);
      const char *texts[BN_PATH_N_FIELDS];
      g_autofree char *message = NULL;

      for (guint f = 0; f < BN_PATH_N_FIELDS; f++)
        {
          g_autoptr(GError) error = NULL;
          gboolean ok;

          texts[f] = gtk_editable_get_text (GTK_EDITABLE (row->entries[f]));
          ok = bn_migration_path_check_field (f, texts[f], &error);
          if (show)
            set_cell_invalid (row->entries[f], !ok);
          /* the messages name their column; the cell is marked too */
          if (!ok && message == NULL)
            message = g_strdup (error->message);
        }
      if (show)
        set_row_error (row, message);
      if (message != NULL)
        cells_ok = FALSE;
      else
        {
          gboolean primary = gtk_check_button_get_active (GTK_CHECK_BUTTON (row->primary));

          json_array_add_object_element (paths,
                                         bn_migration_path_new_from_text (primary, texts, NULL));
        }
    }
  if (!cells_ok)
    return NULL;
  if (self->hvm != NULL ? !bn_migration_paths_check_for_hvm (self->hvm, paths, &bad, &list_error)
                        : !bn_migration_paths_check (paths, &bad, &list_error))
    {
      if (show && bad < self->rows->len)
        set_row_error (g_ptr_array_index (self->rows, bad), list_error->message);
      else if (show)
        set_status (self, list_error->message, TRUE);
      return NULL;
    }
  return g_steal_pointer (&paths);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The IDs of the HVMs with unsaved rows (not the one shown), sorted; borrowed strings. */
static GPtrArray *
draft_ids (BnPathWindow *self)
{
  GPtrArray *ids = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->drafts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, key);
  g_ptr_array_sort (ids, compare_ids);
  return ids;
}

/* Says which other HVMs have unsaved rows, and whether they are valid; FALSE if not. */
static gboolean
check_drafts (BnPathWindow *self)
{
  g_autoptr(GPtrArray) ids = draft_ids (self);
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autofree char *names = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      BnHvm *hvm = bn_fleet_find_hvm (self->fleet, g_ptr_array_index (ids, i));
      g_autoptr(JsonArray) paths = NULL;
      g_autoptr(GError) error = NULL;

      if (hvm == NULL)
        continue;
      paths = draft_to_paths (hvm, g_hash_table_lookup (self->drafts, g_ptr_array_index (ids, i)),
                              &error);
      if (paths == NULL)
        g_string_append_printf (problems, "\n%s: %s", bn_hvm_get_id (hvm), error->message);
    }
  g_ptr_array_add (ids, NULL);
  names = g_strjoinv (", ", (char **) ids->pdata);
  if (ids->len > 1)
    text = g_strdup_printf (_("Not saved yet, also on: %s (Save sends them too)%s"), names,
                            problems->str);
  gtk_label_set_text (self->drafts_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->drafts_label), text != NULL);
  if (problems->len > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->drafts_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->drafts_label), "error");
  return problems->len == 0;
}

static void
update_actions (BnPathWindow *self)
{
  gboolean readable = self->hvm != NULL && bn_hvm_get_config (self->hvm) != NULL;
  gboolean drafts_ok = check_drafts (self);
  gboolean unsaved = self->dirty || g_hash_table_size (self->drafts) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "path.add-row",
                                 readable && !self->saving &&
                                 self->rows->len < BN_MIGRATION_PATHS_MAX);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "path.save",
                                 !self->saving && unsaved && drafts_ok &&
                                 (!self->dirty || self->valid));
  /* a focused cell would miss its focus-out when the grid turns insensitive */
  if (self->saving && gtk_widget_get_focus_child (GTK_WIDGET (self->path_grid)) != NULL)
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->path_grid), !self->saving);
  gtk_widget_set_sensitive (GTK_WIDGET (self->fleet_tree), !self->saving);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->saving);
  gtk_spinner_set_spinning (self->spinner, self->saving);
}

static void
update_page (BnPathWindow *self)
{
  g_autofree char *text = NULL;

  if (self->hvm == NULL)
    text = g_strdup (_("Select an HVM in HVM Selection to see and set its migration paths."));
  else if (bn_hvm_get_config (self->hvm) == NULL)
    text = g_strdup_printf (_("HVM %s has not been read yet. Run Update in the Main window, "
                              "then select it again."), bn_hvm_get_id (self->hvm));
  else if (self->rows->len == 0)
    text = g_strdup_printf (_("HVM %s has no migration path. Add Row adds one; Concurrent "
                              "Maintenance needs one on the source and the destination."),
                            bn_hvm_get_id (self->hvm));
  if (text != NULL)
    gtk_label_set_text (self->empty_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, text != NULL ? "empty" : "grid");
}

static void
validate (BnPathWindow *self)
{
  g_autoptr(JsonArray) paths = NULL;

  if (self->loading)
    return;
  if (!status_is_error (self))
    set_status (self, NULL, FALSE);
  paths = collect (self, TRUE);
  self->valid = paths != NULL;
  update_actions (self);
}

static void
cell_changed_cb (BnPathWindow *self)
{
  if (self->loading)
    return;
  self->dirty = TRUE;
  validate (self);
}

/* Primary Use is one path at most: checking one clears the others. */
static void
primary_toggled_cb (GtkCheckButton *button,
                    BnPathWindow   *self)
{
  if (gtk_check_button_get_active (button))
    for (guint i = 0; i < self->rows->len; i++)
      {
        PathRow *row = g_ptr_array_index (self->rows, i);

        if (row->primary != GTK_WIDGET (button))
          gtk_check_button_set_active (GTK_CHECK_BUTTON (row->primary), FALSE);
      }
  cell_changed_cb (self);
}

/* Names and accessible labels carry the row number, which changes when a row goes. */
static void
name_row (PathRow *row,
          guint    index)
{
  g_autofree char *primary_name = g_strdup_printf ("path-%u-primary", index + 1);
  g_autofree char *remove_name = g_strdup_printf ("path-%u-remove", index + 1);
  g_autofree char *error_name = g_strdup_printf ("path-%u-error", index + 1);
  g_autofree char *primary_label = g_strdup_printf (_("Path %u: Primary Use"), index + 1);
  g_autofree char *remove_label = g_strdup_printf (_("Remove path %u"), index + 1);

  gtk_widget_set_name (row->primary, primary_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->primary), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  primary_label, -1);
  gtk_widget_set_name (row->remove, remove_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  gtk_widget_set_name (row->error, error_name);
  for (guint f = 0; f < BN_PATH_N_FIELDS; f++)
    {
      g_autofree char *name = g_strdup_printf ("path-%u-%s", index + 1, field_names[f]);
      g_autofree char *label = g_strdup_printf (_("Path %u: %s"), index + 1, field_title (f));

      gtk_widget_set_name (row->entries[f], name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->entries[f]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
}

static void remove_clicked_cb (GtkButton *button, BnPathWindow *self);

static PathRow *
add_row (BnPathWindow *self,
         JsonObject   *path)
{
  PathRow *row = g_new0 (PathRow, 1);
  guint index = self->rows->len;
  int top = 1 + 2 * index;

  row->primary = gtk_check_button_new ();
  gtk_widget_set_halign (row->primary, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (row->primary, _("Primary Use: the path migrations take"));
  if (path != NULL)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (row->primary),
                                 json_object_get_boolean_member_with_default (path, "primary",
                                                                              FALSE));
  gtk_grid_attach (self->path_grid, row->primary, 0, top, 1, 1);
  g_signal_connect_object (row->primary, "toggled", G_CALLBACK (primary_toggled_cb), self, 0);

  for (guint f = 0; f < BN_PATH_N_FIELDS; f++)
    {
      GtkWidget *entry = gtk_entry_new ();
      const char *placeholder = field_placeholder (f);

      gtk_editable_set_width_chars (GTK_EDITABLE (entry), field_widths[f]);
      if (placeholder != NULL)
        gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
      if (path != NULL)
        {
          g_autofree char *text = bn_migration_path_get_field (path, f);

          gtk_editable_set_text (GTK_EDITABLE (entry), text);
        }
      if (f == BN_PATH_FIELD_SEGMENT && self->hvm != NULL)
        {
          g_auto(GStrv) segments = bn_migration_paths_get_segments (self->hvm);
          g_autofree char *offered = g_strjoinv (", ", segments);
          g_autofree char *tip = g_strdup_printf (_("Shared NIC ports of HVM %s: %s"),
                                                  bn_hvm_get_id (self->hvm), offered);

          gtk_widget_set_tooltip_text (entry, tip);
        }
      gtk_entry_set_activates_default (GTK_ENTRY (entry), FALSE);
      gtk_grid_attach (self->path_grid, entry, 1 + f, top, 1, 1);
      g_signal_connect_object (entry, "changed", G_CALLBACK (cell_changed_cb), self,
                               G_CONNECT_SWAPPED);
      row->entries[f] = entry;
    }

  row->remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_tooltip_text (row->remove, _("Remove this path from the list"));
  gtk_widget_add_css_class (row->remove, "flat");
  gtk_grid_attach (self->path_grid, row->remove, 1 + BN_PATH_N_FIELDS, top, 1, 1);
  g_signal_connect_object (row->remove, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);

  row->error = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->error), 0);
  gtk_label_set_wrap (GTK_LABEL (row->error), TRUE);
  gtk_widget_add_css_class (row->error, "error");
  gtk_widget_add_css_class (row->error, "caption");
  gtk_widget_set_margin_bottom (row->error, 4);
  gtk_widget_set_visible (row->error, FALSE);
  gtk_grid_attach (self->path_grid, row->error, 1, top + 1, BN_PATH_N_FIELDS, 1);
  for (guint f = 0; f < BN_PATH_N_FIELDS; f++)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (row->entries[f]),
                                    GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, row->error, NULL, -1);

  g_ptr_array_add (self->rows, row);
  name_row (row, index);
  return row;
}

static void
remove_row (BnPathWindow *self,
            guint         index)
{
  gtk_grid_remove_row (self->path_grid, 2 + 2 * index);
  gtk_grid_remove_row (self->path_grid, 1 + 2 * index);
  g_ptr_array_remove_index (self->rows, index);
  for (guint i = index; i < self->rows->len; i++)
    name_row (g_ptr_array_index (self->rows, i), i);
}

static void
remove_clicked_cb (GtkButton    *button,
                   BnPathWindow *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      PathRow *row = g_ptr_array_index (self->rows, i);

      if (row->remove == GTK_WIDGET (button))
        {
          remove_row (self, i);
          if (self->rows->len > 0)
            {
              PathRow *next = g_ptr_array_index (self->rows, MIN (i, self->rows->len - 1));

              gtk_widget_grab_focus (next->entries[0]);
            }
          else
            gtk_widget_grab_focus (bn_ui_find_widget (GTK_WIDGET (self), "add_row_button"));
          break;
        }
    }
  self->dirty = TRUE;
  update_page (self);
  validate (self);
}

static void
add_header (BnPathWindow *self)
{
  GtkWidget *label = gtk_label_new (_("Primary Use"));

  gtk_widget_add_css_class (label, "caption-heading");
  gtk_grid_attach (self->path_grid, label, 0, 0, 1, 1);
  for (guint f = 0; f < BN_PATH_N_FIELDS; f++)
    {
      label = gtk_label_new (field_title (f));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_grid_attach (self->path_grid, label, 1 + f, 0, 1, 1);
    }
}

/* Shows @hvm's rows: those typed earlier and not saved, or the paths as it served them. */
static void hvm_generation_cb (BnPathWindow *self);

static void
load (BnPathWindow *self,
      BnHvm        *hvm)
{
  g_autoptr(JsonArray) paths = NULL;
  JsonArray *draft;

  self->loading = TRUE;
  while (self->rows->len > 0)
    remove_row (self, self->rows->len - 1);
  if (self->hvm != hvm)
    {
      g_clear_signal_handler (&self->generation_handler, self->hvm);
      g_set_object (&self->hvm, hvm);
      if (hvm != NULL)
        self->generation_handler = g_signal_connect_swapped (hvm, "notify::generation",
                                                             G_CALLBACK (hvm_generation_cb),
                                                             self);
    }
  draft = hvm ? g_hash_table_lookup (self->drafts, bn_hvm_get_id (hvm)) : NULL;
  if (draft != NULL)
    {
      for (guint i = 0; i < json_array_get_length (draft); i++)
        {
          JsonObject *cells = json_array_get_object_element (draft, i);
          PathRow *row = add_row (self, NULL);

          gtk_check_button_set_active (GTK_CHECK_BUTTON (row->primary),
                                       json_object_get_boolean_member_with_default (cells,
                                                                                    "primary",
                                                                                    FALSE));
          for (guint f = 0; f < BN_PATH_N_FIELDS; f++)
            gtk_editable_set_text (GTK_EDITABLE (row->entries[f]),
                                   json_object_get_string_member_with_default (cells,
                                                                               field_names[f],
                                                                               ""));
        }
    }
  else if (hvm != NULL && bn_hvm_get_config (hvm) != NULL)
    {
      paths = bn_migration_paths_get (hvm);
      for (guint i = 0; i < json_array_get_length (paths); i++)
        add_row (self, json_array_get_object_element (paths, i));
    }
  if (hvm != NULL)
    {
      g_autofree char *endpoint = bn_ui_format_endpoint (hvm);
      g_autofree char *text = g_strdup_printf ("%s · %s", bn_hvm_get_id (hvm), endpoint);

      gtk_label_set_text (self->hvm_label, text);
      adw_window_title_set_subtitle (self->window_title, bn_hvm_get_id (hvm));
    }
  else
    {
      gtk_label_set_text (self->hvm_label, "");
      adw_window_title_set_subtitle (self->window_title, "");
    }
  self->loading = FALSE;
  self->dirty = draft != NULL;
  if (draft != NULL)
    g_hash_table_remove (self->drafts, bn_hvm_get_id (hvm));
  set_status (self, NULL, FALSE);
  update_page (self);
  validate (self);
}

/* The HVM was read again (Update): show what it serves now, unless the user is editing or
 * saving (then Save sends the edited list, and the blade has the last word). */
static void
hvm_generation_cb (BnPathWindow *self)
{
  if (!self->dirty && !self->saving)
    {
      g_autofree char *status = gtk_widget_get_visible (GTK_WIDGET (self->status_label))
                                ? g_strdup (gtk_label_get_text (self->status_label)) : NULL;
      gboolean error = status_is_error (self);

      load (self, self->hvm);
      if (status != NULL)
        set_status (self, status, error);
    }
}

/* Unsaved rows stay with their HVM when another is selected (§3.2.1 (8): set the source and
 * the destination, then Save once). */
static void
keep_draft (BnPathWindow *self)
{
  if (self->dirty && self->hvm != NULL)
    g_hash_table_replace (self->drafts, g_strdup (bn_hvm_get_id (self->hvm)),
                          rows_to_draft (self));
  self->dirty = FALSE;
}

static void
selected_cb (BnPathWindow *self)
{
  BnHvm *hvm = bn_fleet_tree_get_selected_hvm (self->fleet_tree);

  if (hvm == NULL || hvm == self->hvm || self->saving)
    return;
  keep_draft (self);
  load (self, hvm);
}

static void
add_row_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BnPathWindow *self = BN_PATH_WINDOW (widget);
  PathRow *row;

  if (self->hvm == NULL || self->rows->len >= BN_MIGRATION_PATHS_MAX)
    return;
  row = add_row (self, NULL);
  self->dirty = TRUE;
  update_page (self);
  validate (self);
  gtk_widget_grab_focus (row->entries[BN_PATH_FIELD_NAME]);
}

typedef struct
{
  BnPathWindow *self;
  BnHvm        *hvm;
} SaveJob;

static void
save_finished (BnPathWindow *self)
{
  g_autofree char *report = g_string_free (g_steal_pointer (&self->save_report), FALSE);
  g_autofree char *failure = g_steal_pointer (&self->save_failure);

  self->saving = FALSE;
  if (self->current_saved)
    load (self, self->hvm);
  else
    validate (self);
  set_status (self, report, failure != NULL);
  if (failure != NULL)
    g_signal_emit (self, signals[SAVE_FAILED], 0, failure);
  else
    g_signal_emit (self, signals[SAVED], 0);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  SaveJob *job = user_data;
  g_autoptr(BnPathWindow) self = job->self;
  g_autoptr(BnHvm) hvm = job->hvm;
  g_autoptr(GError) error = NULL;
  const char *id = bn_hvm_get_id (hvm);

  g_free (job);
  if (!bn_migration_paths_set_finish (BN_FLEET (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (self->save_report->len > 0)
    g_string_append_c (self->save_report, '\n');
  if (error != NULL)
    {
      /* the rows stay as typed, so the user can correct what the blade refused */
      g_string_append_printf (self->save_report,
                              _("HVM %s did not take the migration paths: %s"), id,
                              error->message);
      if (self->save_failure == NULL)
        self->save_failure = g_strdup (error->message);
    }
  else
    {
      g_string_append_printf (self->save_report, _("The migration paths of HVM %s were saved."),
                              id);
      if (hvm == self->hvm)
        self->current_saved = TRUE;
      else
        g_hash_table_remove (self->drafts, id);
    }
  if (--self->pending_saves == 0)
    save_finished (self);
}

typedef struct
{
  BnHvm     *hvm;
  JsonArray *paths;
} SaveItem;

static void
save_item_free (SaveItem *item)
{
  g_object_unref (item->hvm);
  json_array_unref (item->paths);
  g_free (item);
}

static void
add_item (GPtrArray *items,
          BnHvm     *hvm,
          JsonArray *paths)
{
  SaveItem *item = g_new0 (SaveItem, 1);

  item->hvm = g_object_ref (hvm);
  item->paths = paths;
  g_ptr_array_add (items, item);
}

/* What Save sends (SaveItem): every HVM with unsaved rows, NULL if one is not valid. */
static GPtrArray *
collect_all (BnPathWindow *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) save_item_free);
  g_autoptr(GPtrArray) ids = draft_ids (self);

  for (guint i = 0; i < ids->len; i++)
    {
      BnHvm *hvm = bn_fleet_find_hvm (self->fleet, g_ptr_array_index (ids, i));
      JsonArray *paths;

      if (hvm == NULL)
        continue;
      paths = draft_to_paths (hvm, g_hash_table_lookup (self->drafts, bn_hvm_get_id (hvm)), NULL);
      if (paths == NULL)
        return NULL;
      add_item (items, hvm, paths);
    }
  if (self->dirty && self->hvm != NULL)
    {
      JsonArray *paths = collect (self, TRUE);

      if (paths == NULL)
        return NULL;
      add_item (items, self->hvm, paths);
    }
  return g_steal_pointer (&items);
}

static void
save_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  BnPathWindow     *self)
{
  g_autoptr(GPtrArray) items = NULL;

  if (!g_str_equal (response, "ok") || self->saving)
    return;
  items = collect_all (self);
  if (items == NULL || items->len == 0)
    return;
  self->saving = TRUE;
  self->current_saved = FALSE;
  self->pending_saves = items->len;
  self->save_report = g_string_new (NULL);
  set_status (self, NULL, FALSE);
  update_actions (self);
  for (guint i = 0; i < items->len; i++)
    {
      SaveItem *item = g_ptr_array_index (items, i);
      SaveJob *job = g_new0 (SaveJob, 1);

      job->self = g_object_ref (self);
      job->hvm = g_object_ref (item->hvm);
      bn_migration_paths_set_async (self->fleet, job->hvm, item->paths, self->cancellable,
                                    saved_cb, job);
    }
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BnPathWindow *self = BN_PATH_WINDOW (widget);
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  /* nothing is sent unless every row of every HVM is valid */
  if (self->saving || (items = collect_all (self)) == NULL || items->len == 0)
    return;
  if (items->len == 1)
    {
      SaveItem *item = g_ptr_array_index (items, 0);
      guint n = json_array_get_length (item->paths);

      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "HVM %s gets this list of %u migration path. The HVM "
                                           "checks it and changes nothing if it refuses.",
                                           "HVM %s gets this list of %u migration paths. The HVM "
                                           "checks it and changes nothing if it refuses.", n),
                              bn_hvm_get_id (item->hvm), n);
    }
  else
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < items->len; i++)
        g_string_append_printf (names, "%s%s", i ? ", " : "",
                                bn_hvm_get_id (((SaveItem *) g_ptr_array_index (items, i))->hvm));
      body = g_strdup_printf (_("These HVMs get new migration paths: %s. Each HVM checks its "
                                "list and changes nothing if it refuses."), names->str);
    }
  dialog = bn_ui_confirm_new (GTK_WINDOW (self), _("Save the Migration Paths?"), body,
                              _("_Save"), FALSE);
  gtk_widget_set_name (GTK_WIDGET (dialog), "path-confirm-dialog");
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   BnPathWindow     *self)
{
  if (g_str_equal (response, "ok"))
    {
      self->dirty = FALSE;
      g_hash_table_remove_all (self->drafts);
      gtk_window_close (GTK_WINDOW (self));
    }
}

/* Unsaved edits are not lost by Close or Esc without asking. */
static gboolean
bn_path_window_close_request (GtkWindow *window)
{
  BnPathWindow *self = BN_PATH_WINDOW (window);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  keep_draft (self);
  if (g_hash_table_size (self->drafts) == 0)
    return GTK_WINDOW_CLASS (bn_path_window_parent_class)->close_request (window);
  {
    g_autoptr(GPtrArray) ids = draft_ids (self);
    g_autofree char *names = NULL;

      g_ptr_array_add (ids, NULL);
    names = g_strjoinv (", ", (char **) ids->pdata);
    body = g_strdup_printf (_("The changes to the migration paths of %s have not been saved."),
                            names);
  }
  /* the rows shown stay as they are: Cancel goes on editing them */
  load (self, self->hvm);
  dialog = bn_ui_confirm_new (window, _("Discard the Changes?"), body, _("_Discard"), TRUE);
  gtk_widget_set_name (GTK_WIDGET (dialog), "path-discard-dialog");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
bn_path_window_dispose (GObject *object)
{
  BnPathWindow *self = (BnPathWindow *) object;

  g_cancellable_cancel (self->cancellable);
  if (self->hvm != NULL)
    g_clear_signal_handler (&self->generation_handler, self->hvm);
  gtk_widget_dispose_template (GTK_WIDGET (self), BN_TYPE_PATH_WINDOW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->fleet);
  g_clear_object (&self->hvm);
  g_clear_pointer (&self->drafts, g_hash_table_unref);
  if (self->save_report != NULL)
    g_string_free (g_steal_pointer (&self->save_report), TRUE);
  g_clear_pointer (&self->save_failure, g_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (bn_path_window_parent_class)->dispose (object);
}

static void
bn_path_window_class_init (BnPathWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bn_path_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = bn_path_window_close_request;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SAVE_FAILED] = g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                       G_TYPE_STRING);

  g_type_ensure (BN_TYPE_FLEET_TREE);
  bn_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               BN_UI_RESOURCE ("bn-path-window.ui"));
  gtk_widget_class_bind_template_child (widget_class, BnPathWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, BnPathWindow, fleet_tree);
  gtk_widget_class_bind_template_child (widget_class, BnPathWindow, hvm_label);
  gtk_widget_class_bind_template_child (widget_class, BnPathWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, BnPathWindow, empty_label);
  gtk_widget_class_bind_template_child (widget_class, BnPathWindow, path_grid);
  gtk_widget_class_bind_template_child (widget_class, BnPathWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, BnPathWindow, drafts_label);
  gtk_widget_class_bind_template_child (widget_class, BnPathWindow, spinner);

  gtk_widget_class_install_action (widget_class, "path.add-row", NULL, add_row_action);
  gtk_widget_class_install_action (widget_class, "path.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "path.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Insert, GDK_CONTROL_MASK,
                                       "path.add-row", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bn_path_window_init (BnPathWindow *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_free);
  self->drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) json_array_unref);
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  add_header (self);
  bn_fleet_tree_set_show_lpars (self->fleet_tree, FALSE);
  g_signal_connect_object (self->fleet_tree, "notify::selected", G_CALLBACK (selected_cb), self,
                           G_CONNECT_SWAPPED);
}

/* Opens Migration Path Setting (one per application), on @hvm_id if given. */
GtkWindow *
bn_path_window_show (BnApplication *app,
                     const char    *hvm_id)
{
  BnPathWindow *self = NULL;
  BnHvm *hvm;

  g_return_val_if_fail (BN_IS_APPLICATION (app), NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (BN_IS_PATH_WINDOW (l->data))
      self = l->data;
  if (self == NULL)
    {
      self = g_object_new (BN_TYPE_PATH_WINDOW, "application", app, NULL);
      self->application = app;
      self->fleet = g_object_ref (bn_engine_get_fleet (bn_application_get_engine (app)));
      bn_fleet_tree_set_fleet (self->fleet_tree, self->fleet);
      load (self, NULL);
    }
  hvm = hvm_id != NULL ? bn_fleet_find_hvm (self->fleet, hvm_id) : NULL;
  if (hvm != NULL && hvm != self->hvm && !self->saving)
    {
      keep_draft (self);
      load (self, hvm);
      bn_fleet_tree_select (self->fleet_tree, hvm);
    }
  gtk_window_present (GTK_WINDOW (self));
  return GTK_WINDOW (self);
}

BnHvm *
bn_path_window_get_hvm (BnPathWindow *self)
{
  g_return_val_if_fail (BN_IS_PATH_WINDOW (self), NULL);
  return self->hvm;
}

guint
bn_path_window_get_n_rows (BnPathWindow *self)
{
  g_return_val_if_fail (BN_IS_PATH_WINDOW (self), 0);
  return self->rows->len;
}

gboolean
bn_path_window_is_valid (BnPathWindow *self)
{
  g_return_val_if_fail (BN_IS_PATH_WINDOW (self), FALSE);
  return self->valid;
}

gboolean
bn_path_window_is_saving (BnPathWindow *self)
{
  g_return_val_if_fail (BN_IS_PATH_WINDOW (self), FALSE);
  return self->saving;
}
