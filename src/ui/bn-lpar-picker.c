/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-lpar-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "bn-blade-doc.h"
#include "bn-lpar-picker.h"
#include "bn-lpar-slot.h"
#include "bn-ui-utils.h"

/* The selection is held here (IDs and numbers, so it survives the HVM objects' rows moving
 * between chassis); the trees and the combo boxes are two views of it, synchronised both
 * ways under the "syncing" guard. */

#define SELECT_RETRY_MS 100
#define SELECT_RETRIES  30

struct _BnLparPicker
{
  GtkWidget        parent_instance;

  BnEngine        *engine;
  BnMigrationMode  mode;
  char            *source_hvm;
  guint            source_lpar;
  char            *destination_hvm;
  guint            destination_lpar;
  gint             group;
  gboolean         tree_view;
  gboolean         auto_destination;
  gboolean         recovery_only;

  guint            syncing;
  guint            changed_idle;
  guint            select_retry;
  guint            select_tries;
  guint            combos_idle;
  GtkCustomFilter *recovery_filter;

  /* the combo boxes: index 0 is "none", index i the (i - 1)th of these */
  GPtrArray       *source_hvm_ids;
  GArray          *source_lpar_numbers;
  GPtrArray       *destination_hvm_ids;
  GArray          *destination_lpar_numbers;
  GArray          *group_numbers;
  gboolean         combos_stale;

  /* template children */
  GtkWidget       *box;
  GtkCheckButton  *tree_view_check;
  GtkCheckButton  *auto_check;
  GtkCheckButton  *group_check;
  GtkStack        *source_stack;
  GtkStack        *destination_stack;
  BnFleetTree     *source_tree;
  BnFleetTree     *destination_tree;
  GtkDropDown     *source_hvm_combo;
  GtkDropDown     *source_lpar_combo;
  GtkDropDown     *destination_hvm_combo;
  GtkDropDown     *destination_lpar_combo;
  GtkWidget       *group_label;
  GtkDropDown     *group_combo;
  GtkLabel        *source_label;
  GtkLabel        *destination_label;
};

enum {
  PROP_0,
  PROP_ENGINE,
  PROP_MODE,
  PROP_SOURCE_HVM,
  PROP_SOURCE_LPAR,
  PROP_DESTINATION_HVM,
  PROP_DESTINATION_LPAR,
  PROP_GROUP,
  PROP_TREE_VIEW,
  PROP_AUTO_DESTINATION,
  PROP_RECOVERY_ONLY,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BnLparPicker, bn_lpar_picker, GTK_TYPE_WIDGET)

static void sync_views (BnLparPicker *self);
static void queue_rebuild_combos (BnLparPicker *self);

static BnFleet *
get_fleet (BnLparPicker *self)
{
  return bn_engine_get_fleet (self->engine);
}

static BnHvm *
find_hvm (BnLparPicker *self,
          const char   *id)
{
  return id ? bn_fleet_find_hvm (get_fleet (self), id) : NULL;
}

/* ---- which rows may be picked ---- */

gboolean
bn_lpar_picker_source_selectable (BnLparPicker  *self,
                                  BnLpar        *lpar,
                                  char         **reason)
{
  const char *why = NULL;

  g_return_val_if_fail (BN_IS_LPAR_PICKER (self), FALSE);

  switch (bn_lpar_get_state (lpar))
    {
    case BN_LPAR_STATE_RECOVERY:
      /* picked for Recovery Execute */
      return TRUE;
    case BN_LPAR_STATE_ACTIVATED:
      break;
    case BN_LPAR_STATE_DEACTIVATED:
      if (self->mode == BN_MIGRATION_MODE_CONCURRENT)
        why = _("Concurrent Maintenance mode moves only activated LPARs (表 2-6).");
      break;
    case BN_LPAR_STATE_FAILURE:
      why = _("A failed LPAR cannot be moved.");
      break;
    case BN_LPAR_STATE_UNKNOWN:
      why = _("Its HVM could not be read: run Update.");
      break;
    case BN_LPAR_STATE_MIGRATING:
      why = _("A migration of this LPAR is running.");
      break;
    case BN_LPAR_STATE_INVALID:
      why = _("Its configuration is invalid.");
      break;
    case BN_LPAR_STATE_WWN_ROLLBACK:
    case BN_LPAR_STATE_MIGRATION_WWN:
      why = _("Its WWN must be rolled back first: select its HVM and use Show Rollback (§3.2.4).");
      break;
    case BN_LPAR_STATE_WWN_UNKNOWN:
      why = _("The state of its WWN is unknown.");
      break;
    case BN_LPAR_STATE_UNDEFINED:
    default:
      why = _("It is not defined.");
      break;
    }
  if (why == NULL && g_strcmp0 (bn_lpar_get_name (lpar), "NO_NAME") == 0)
    why = _("An LPAR named NO_NAME cannot be moved: name it first (表 2-6).");
  if (why != NULL && reason != NULL)
    *reason = g_strdup (why);
  return why == NULL;
}

static gboolean
source_selectable_cb (gpointer   item,
                      char     **reason,
                      gpointer   user_data)
{
  if (BN_IS_LPAR (item))
    return bn_lpar_picker_source_selectable (user_data, item, reason);
  return TRUE;
}

/* Refuses with @text (taken) as the reason, when one is asked for. */
static gboolean
refuse (char **reason,
        char  *text)
{
  if (reason != NULL)
    *reason = text;
  else
    g_free (text);
  return FALSE;
}

static gboolean
destination_selectable_cb (gpointer   item,
                           char     **reason,
                           gpointer   user_data)
{
  BnLparPicker *self = user_data;
  BnHvm *hvm = NULL;

  if (BN_IS_LPAR (item))
    return refuse (reason, g_strdup_printf (_("LPAR #%u is defined: the destination must be an "
                                              "undefined LPAR number, or Auto."),
                                            bn_lpar_get_number (item)));
  if (BN_IS_LPAR_SLOT (item))
    hvm = bn_lpar_slot_get_hvm (item);
  else if (BN_IS_HVM (item))
    hvm = item;
  if (hvm == NULL)
    return TRUE;
  if (bn_hvm_get_config (hvm) == NULL)
    return refuse (reason, g_strdup (_("This HVM has not been read: run Update.")));
  if (g_strcmp0 (bn_hvm_get_id (hvm), self->source_hvm) == 0)
    return refuse (reason, g_strdup (_("This is the source HVM: an LPAR moves to another HVM "
                                       "(表 2-10).")));
  return TRUE;
}

/* ---- the trees' rows ---- */

static gboolean
recovery_filter_cb (gpointer item,
                    gpointer user_data)
{
  BnLparPicker *self = user_data;

  return !self->recovery_only || bn_lpar_get_recovery_required (item);
}

static void
recovery_count_cb (BnLparPicker *self)
{
  if (self->recovery_only)
    gtk_filter_changed (GTK_FILTER (self->recovery_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static GListModel *
source_children_cb (BnHvm    *hvm,
                    gpointer  user_data)
{
  BnLparPicker *self = user_data;

  /* the LPARs the recovery flag is read from change with the HVM's count of them */
  g_signal_connect_object (hvm, "notify::n-recovery", G_CALLBACK (recovery_count_cb), self,
                           G_CONNECT_SWAPPED);
  return G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (bn_hvm_get_lpars (hvm)),
                                                  GTK_FILTER (g_object_ref (self->recovery_filter))));
}

static GListModel *
destination_children_cb (BnHvm    *hvm,
                         gpointer  user_data)
{
  return bn_lpar_slot_list_new (hvm);
}

/* ---- summaries under the trees ---- */

static void
update_labels (BnLparPicker *self)
{
  BnHvm *src = find_hvm (self, self->source_hvm);
  BnHvm *dst = find_hvm (self, self->destination_hvm);
  BnLpar *lpar = src && self->source_lpar ? bn_hvm_find_lpar (src, self->source_lpar) : NULL;
  g_autofree char *source = NULL;
  g_autofree char *destination = NULL;
  gboolean source_missing = FALSE, destination_missing = FALSE;

  if (lpar != NULL)
    /* Translators: the source of a move: "HVM-B01 #4 CRM01 (Activated)" */
    source = g_strdup_printf (_("%s #%u %s (%s)"), self->source_hvm, self->source_lpar,
                              bn_lpar_get_name (lpar),
                              bn_ui_lpar_state_label (bn_lpar_get_state (lpar)));
  else if (self->source_hvm != NULL && self->source_lpar != 0)
    source = g_strdup_printf ("%s #%u", self->source_hvm, self->source_lpar);
  else if (self->source_hvm != NULL)
    {
      source = g_strdup_printf (_("%s: select one of its LPARs."), self->source_hvm);
      source_missing = TRUE;
    }
  else
    {
      source = g_strdup (_("Select the LPAR to move."));
      source_missing = TRUE;
    }

  if (self->destination_hvm == NULL)
    {
      destination = g_strdup (self->auto_destination
                              ? _("Select the destination HVM (Auto picks its LPAR number) or an "
                                  "undefined LPAR.")
                              : _("Select an undefined LPAR of the destination HVM."));
      destination_missing = TRUE;
    }
  else if (self->destination_lpar != 0)
    destination = g_strdup_printf ("%s #%u", self->destination_hvm, self->destination_lpar);
  else if (self->auto_destination)
    {
      guint n = bn_lpar_picker_resolve_destination (self);

      if (n != 0)
        /* Translators: "HVM-B02 #4 (Auto: the lowest free number)" */
        destination = g_strdup_printf (_("%s #%u (Auto: the lowest free number)"),
                                       self->destination_hvm, n);
      else
        {
          destination = g_strdup_printf (dst && bn_hvm_get_config (dst)
                                         ? _("%s has no free LPAR number.")
                                         : _("%s has not been read: run Update."),
                                         self->destination_hvm);
          destination_missing = TRUE;
        }
    }
  else
    {
      destination = g_strdup_printf (_("%s: select one of its undefined LPARs, or check Auto."),
                                     self->destination_hvm);
      destination_missing = TRUE;
    }
  if (self->group >= 0 && !destination_missing)
    {
      g_autofree char *with_group = g_strdup_printf (_("%s, processor group %d"), destination,
                                                     self->group);

      g_free (destination);
      destination = g_steal_pointer (&with_group);
    }

  gtk_label_set_text (self->source_label, source);
  gtk_label_set_text (self->destination_label, destination);
  if (source_missing)
    gtk_widget_add_css_class (GTK_WIDGET (self->source_label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->source_label), "dim-label");
  if (destination_missing)
    gtk_widget_add_css_class (GTK_WIDGET (self->destination_label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->destination_label), "dim-label");
}

/* ---- changing the selection ---- */

static gboolean
changed_idle_cb (gpointer user_data)
{
  BnLparPicker *self = user_data;

  self->changed_idle = 0;
  g_signal_emit (self, signals[CHANGED], 0);
  return G_SOURCE_REMOVE;
}

/* Several properties change for one click (an HVM, then its LPAR): one "changed" for all,
 * emitted before the next frame. */
static void
queue_changed (BnLparPicker *self)
{
  update_labels (self);
  if (self->changed_idle == 0)
    self->changed_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, changed_idle_cb, self, NULL);
}

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
update_source (BnLparPicker *self,
               const char   *hvm_id,
               guint         lpar)
{
  gboolean hvm_changed = set_string (&self->source_hvm, hvm_id);
  gboolean lpar_changed = self->source_lpar != lpar;

  self->source_lpar = lpar;
  if (!hvm_changed && !lpar_changed)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  if (hvm_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_HVM]);
  if (lpar_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_LPAR]);
  if (hvm_changed)
    {
      /* the source HVM cannot be the destination (表 2-10) */
      bn_fleet_tree_refresh (self->destination_tree);
      if (self->destination_hvm != NULL && g_strcmp0 (self->destination_hvm, hvm_id) == 0)
        {
          g_clear_pointer (&self->destination_hvm, g_free);
          self->destination_lpar = 0;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESTINATION_HVM]);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESTINATION_LPAR]);
        }
    }
  g_object_thaw_notify (G_OBJECT (self));
  queue_changed (self);
}

static void
rebuild_group_combo (BnLparPicker *self)
{
  BnHvm *hvm = find_hvm (self, self->destination_hvm);
  JsonArray *groups = hvm ? bn_blade_doc_get_array (bn_hvm_get_config (hvm), "cpu.groups") : NULL;
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint selected = 0;

  g_array_set_size (self->group_numbers, 0);
  gtk_string_list_append (list, _("Any"));
  for (guint i = 0; groups && i < json_array_get_length (groups); i++)
    {
      JsonObject *group = json_array_get_object_element (groups, i);
      gint number = bn_blade_doc_get_int (group, "number", 0);
      /* Translators: a processor group: "1: DB (4 CPUs)" */
      g_autofree char *text = g_strdup_printf (ngettext ("%d: %s (%d CPU)", "%d: %s (%d CPUs)",
                                                         bn_blade_doc_get_int (group, "cpus", 0)),
                                               number, bn_blade_doc_get_string (group, "name", ""),
                                               (int) bn_blade_doc_get_int (group, "cpus", 0));

      gtk_string_list_append (list, text);
      g_array_append_val (self->group_numbers, number);
      if (number == self->group)
        selected = self->group_numbers->len;
    }
  self->syncing++;
  gtk_drop_down_set_model (self->group_combo, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->group_combo, selected);
  self->syncing--;
  gtk_widget_set_sensitive (GTK_WIDGET (self->group_combo), self->group_numbers->len > 0);
}

static void
update_destination (BnLparPicker *self,
                    const char   *hvm_id,
                    guint         lpar)
{
  gboolean hvm_changed = set_string (&self->destination_hvm, hvm_id);
  gboolean lpar_changed = self->destination_lpar != lpar;

  self->destination_lpar = lpar;
  if (!hvm_changed && !lpar_changed)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  if (hvm_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESTINATION_HVM]);
  if (lpar_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESTINATION_LPAR]);
  g_object_thaw_notify (G_OBJECT (self));
  if (hvm_changed)
    rebuild_group_combo (self);
  queue_changed (self);
}

/* ---- tree → selection ---- */

/* A row can vanish without the user choosing anything: an HVM's row moves to its chassis
 * after its first Update, a moved LPAR leaves its HVM, a destination number gets defined.
 * What still exists stays chosen (its row is selected again when shown); what does not,
 * falls back to its HVM. */
static gboolean
keep_source (BnLparPicker *self)
{
  BnHvm *hvm = find_hvm (self, self->source_hvm);

  if (hvm != NULL && (self->source_lpar == 0 || bn_hvm_find_lpar (hvm, self->source_lpar)))
    {
      sync_views (self);
      return TRUE;
    }
  update_source (self, hvm ? self->source_hvm : NULL, 0);
  return FALSE;
}

static gboolean
keep_destination (BnLparPicker *self)
{
  BnHvm *hvm = find_hvm (self, self->destination_hvm);

  if (hvm != NULL && (self->destination_lpar == 0 ||
                      bn_hvm_find_lpar (hvm, self->destination_lpar) == NULL))
    {
      sync_views (self);
      return TRUE;
    }
  update_destination (self, hvm ? self->destination_hvm : NULL, 0);
  return FALSE;
}

static void
source_tree_selected_cb (BnLparPicker *self)
{
  gpointer item = bn_fleet_tree_get_selected (self->source_tree);

  if (self->syncing > 0)
    return;
  if (BN_IS_LPAR (item))
    {
      BnHvm *hvm = bn_lpar_get_hvm (item);

      update_source (self, hvm ? bn_hvm_get_id (hvm) : NULL, bn_lpar_get_number (item));
    }
  else if (BN_IS_HVM (item))
    update_source (self, bn_hvm_get_id (item), 0);
  else if (item == NULL)
    keep_source (self);
  else
    update_source (self, NULL, 0);
  self->combos_stale = TRUE;
}

static void
destination_tree_selected_cb (BnLparPicker *self)
{
  gpointer item = bn_fleet_tree_get_selected (self->destination_tree);

  if (self->syncing > 0)
    return;
  if (BN_IS_LPAR_SLOT (item))
    {
      BnHvm *hvm = bn_lpar_slot_get_hvm (item);

      update_destination (self, hvm ? bn_hvm_get_id (hvm) : NULL, bn_lpar_slot_get_number (item));
    }
  else if (BN_IS_LPAR (item))
    {
      BnHvm *hvm = bn_lpar_get_hvm (item);

      update_destination (self, hvm ? bn_hvm_get_id (hvm) : NULL, bn_lpar_get_number (item));
    }
  else if (BN_IS_HVM (item))
    update_destination (self, bn_hvm_get_id (item), 0);
  else if (item == NULL)
    keep_destination (self);
  else
    update_destination (self, NULL, 0);
  self->combos_stale = TRUE;
}

/* ---- selection → trees ---- */

static gpointer
source_item (BnLparPicker *self)
{
  BnHvm *hvm = find_hvm (self, self->source_hvm);

  if (hvm != NULL && self->source_lpar != 0 && bn_hvm_find_lpar (hvm, self->source_lpar))
    return bn_hvm_find_lpar (hvm, self->source_lpar);
  return hvm;
}

/* The destination row: a slot's object lives in the tree's model of that HVM, so it is
 * looked up among the rows shown. */
static gpointer
destination_item (BnLparPicker *self,
                  gboolean     *found)
{
  BnHvm *hvm = find_hvm (self, self->destination_hvm);
  GListModel *rows = bn_fleet_tree_get_model (self->destination_tree);
  guint n = rows ? g_list_model_get_n_items (rows) : 0;

  *found = TRUE;
  if (hvm == NULL || self->destination_lpar == 0)
    return hvm;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (BN_IS_LPAR_SLOT (item) && bn_lpar_slot_get_hvm (BN_LPAR_SLOT (item)) == hvm &&
          bn_lpar_slot_get_number (BN_LPAR_SLOT (item)) == self->destination_lpar)
        return item;
      if (BN_IS_LPAR (item) && bn_lpar_get_hvm (BN_LPAR (item)) == hvm &&
          bn_lpar_get_number (BN_LPAR (item)) == self->destination_lpar)
        return item;
    }
  *found = FALSE;
  return NULL;
}

static gboolean
select_in_tree (BnFleetTree *tree,
                gpointer     item)
{
  if (item == NULL)
    {
      bn_fleet_tree_unselect (tree);
      return TRUE;
    }
  if (bn_fleet_tree_get_selected (tree) == item)
    return TRUE;
  return bn_fleet_tree_select (tree, item);
}

static gboolean sync_trees (BnLparPicker *self);

static gboolean
select_retry_cb (gpointer user_data)
{
  BnLparPicker *self = user_data;

  self->select_retry = 0;
  if (!sync_trees (self) && ++self->select_tries < SELECT_RETRIES)
    self->select_retry = g_timeout_add (SELECT_RETRY_MS, select_retry_cb, self);
  return G_SOURCE_REMOVE;
}

/* The trees follow the engine a little later (they batch changes): a row not shown yet is
 * selected when it is. */
static gboolean
sync_trees (BnLparPicker *self)
{
  gboolean found = TRUE, done;
  gpointer destination = destination_item (self, &found);

  self->syncing++;
  done = select_in_tree (self->source_tree, source_item (self));
  done &= found && select_in_tree (self->destination_tree, destination);
  self->syncing--;
  return done;
}

static void
sync_views (BnLparPicker *self)
{
  g_clear_handle_id (&self->select_retry, g_source_remove);
  self->select_tries = 0;
  if (!sync_trees (self))
    self->select_retry = g_timeout_add (SELECT_RETRY_MS, select_retry_cb, self);
  queue_rebuild_combos (self);
}

/* ---- combo boxes ---- */

static void
fill_hvm_combo (BnLparPicker *self,
                GtkDropDown  *combo,
                GPtrArray    *ids,
                const char   *selected_id,
                const char   *excluded_id)
{
  GListModel *hvms = bn_fleet_get_hvms (get_fleet (self));
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint selected = 0;

  g_ptr_array_set_size (ids, 0);
  gtk_string_list_append (list, _("Select an HVM"));
  for (guint i = 0; i < g_list_model_get_n_items (hvms); i++)
    {
      g_autoptr(BnHvm) hvm = g_list_model_get_item (hvms, i);

      if (bn_hvm_get_config (hvm) == NULL || g_strcmp0 (bn_hvm_get_id (hvm), excluded_id) == 0)
        continue;
      gtk_string_list_append (list, bn_hvm_get_id (hvm));
      g_ptr_array_add (ids, g_strdup (bn_hvm_get_id (hvm)));
      if (g_strcmp0 (bn_hvm_get_id (hvm), selected_id) == 0)
        selected = ids->len;
    }
  gtk_drop_down_set_model (combo, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (combo, selected);
}

static void
rebuild_combos (BnLparPicker *self)
{
  BnHvm *src = find_hvm (self, self->source_hvm);
  BnHvm *dst = find_hvm (self, self->destination_hvm);
  g_autoptr(GtkStringList) lpars = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) slots = gtk_string_list_new (NULL);
  guint selected = 0;

  /* not shown: rebuilt when Tree View is cleared */
  if (self->tree_view)
    {
      self->combos_stale = TRUE;
      return;
    }
  self->combos_stale = FALSE;
  self->syncing++;
  fill_hvm_combo (self, self->source_hvm_combo, self->source_hvm_ids, self->source_hvm, NULL);
  fill_hvm_combo (self, self->destination_hvm_combo, self->destination_hvm_ids,
                  self->destination_hvm, self->source_hvm);

  g_array_set_size (self->source_lpar_numbers, 0);
  gtk_string_list_append (lpars, _("Select an LPAR"));
  for (guint i = 0; src && i < g_list_model_get_n_items (bn_hvm_get_lpars (src)); i++)
    {
      g_autoptr(BnLpar) lpar = g_list_model_get_item (bn_hvm_get_lpars (src), i);
      guint number = bn_lpar_get_number (lpar);
      g_autofree char *text = NULL;

      if (!bn_lpar_picker_source_selectable (self, lpar, NULL) ||
          (self->recovery_only && !bn_lpar_get_recovery_required (lpar)))
        continue;
      text = g_strdup_printf ("#%u %s (%s)", number, bn_lpar_get_name (lpar),
                              bn_ui_lpar_state_label (bn_lpar_get_state (lpar)));
      gtk_string_list_append (lpars, text);
      g_array_append_val (self->source_lpar_numbers, number);
      if (number == self->source_lpar)
        selected = self->source_lpar_numbers->len;
    }
  gtk_drop_down_set_model (self->source_lpar_combo, G_LIST_MODEL (lpars));
  gtk_drop_down_set_selected (self->source_lpar_combo, selected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->source_lpar_combo), src != NULL);

  selected = 0;
  g_array_set_size (self->destination_lpar_numbers, 0);
  if (self->auto_destination)
    {
      guint n = dst && bn_hvm_get_config (dst)
                ? bn_checker_auto_destination (bn_hvm_get_config (dst)) : 0;
      g_autofree char *text = n ? g_strdup_printf (_("Auto (#%u)"), n) : g_strdup (_("Auto"));

      gtk_string_list_append (slots, text);
    }
  else
    gtk_string_list_append (slots, _("Select an LPAR number"));
  if (dst != NULL && bn_hvm_get_config (dst) != NULL)
    {
      guint max = bn_blade_doc_get_max_lpars (bn_hvm_get_config (dst));

      for (guint n = 1; n <= max; n++)
        {
          g_autofree char *text = NULL;

          if (bn_hvm_find_lpar (dst, n) != NULL)
            continue;
          text = g_strdup_printf (_("#%u (undefined)"), n);
          gtk_string_list_append (slots, text);
          g_array_append_val (self->destination_lpar_numbers, n);
          if (n == self->destination_lpar)
            selected = self->destination_lpar_numbers->len;
        }
    }
  gtk_drop_down_set_model (self->destination_lpar_combo, G_LIST_MODEL (slots));
  gtk_drop_down_set_selected (self->destination_lpar_combo, selected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->destination_lpar_combo), dst != NULL);
  self->syncing--;
}

/* A drop-down's model must not change while it tells of its own selection: the combo boxes
 * are rebuilt after the handlers have returned. */
static gboolean
combos_idle_cb (gpointer user_data)
{
  BnLparPicker *self = user_data;

  self->combos_idle = 0;
  rebuild_combos (self);
  return G_SOURCE_REMOVE;
}

static void
queue_rebuild_combos (BnLparPicker *self)
{
  if (self->combos_idle == 0)
    self->combos_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, combos_idle_cb, self, NULL);
}

static void
combo_selected_cb (GtkDropDown  *combo,
                   GParamSpec   *pspec,
                   BnLparPicker *self)
{
  guint i = gtk_drop_down_get_selected (combo);

  if (self->syncing > 0)
    return;
  if (combo == self->source_hvm_combo)
    update_source (self, i > 0 && i <= self->source_hvm_ids->len
                         ? g_ptr_array_index (self->source_hvm_ids, i - 1) : NULL, 0);
  else if (combo == self->source_lpar_combo)
    update_source (self, self->source_hvm,
                   i > 0 && i <= self->source_lpar_numbers->len
                   ? g_array_index (self->source_lpar_numbers, guint, i - 1) : 0);
  else if (combo == self->destination_hvm_combo)
    update_destination (self, i > 0 && i <= self->destination_hvm_ids->len
                              ? g_ptr_array_index (self->destination_hvm_ids, i - 1) : NULL, 0);
  else if (combo == self->destination_lpar_combo)
    update_destination (self, self->destination_hvm,
                        i > 0 && i <= self->destination_lpar_numbers->len
                        ? g_array_index (self->destination_lpar_numbers, guint, i - 1) : 0);
  else if (combo == self->group_combo)
    bn_lpar_picker_set_group (self, i > 0 && i <= self->group_numbers->len
                                    ? g_array_index (self->group_numbers, gint, i - 1) : -1);
  /* the other combo boxes follow (the LPARs of the HVM chosen …) and the trees */
  sync_views (self);
}

static void
fleet_changed_cb (BnLparPicker *self)
{
  if (!self->tree_view)
    queue_rebuild_combos (self);
  else
    self->combos_stale = TRUE;
  update_labels (self);
}

/* ---- check boxes ---- */

static void
set_tree_view (BnLparPicker *self,
               gboolean      tree_view)
{
  tree_view = !!tree_view;
  if (self->tree_view == tree_view)
    return;
  self->tree_view = tree_view;
  gtk_stack_set_visible_child_name (self->source_stack, tree_view ? "tree" : "combo");
  gtk_stack_set_visible_child_name (self->destination_stack, tree_view ? "tree" : "combo");
  gtk_check_button_set_active (self->tree_view_check, tree_view);
  sync_views (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TREE_VIEW]);
}

static void
set_auto_destination (BnLparPicker *self,
                      gboolean      value)
{
  value = !!value;
  if (self->auto_destination == value)
    return;
  self->auto_destination = value;
  gtk_check_button_set_active (self->auto_check, value);
  queue_rebuild_combos (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_DESTINATION]);
  queue_changed (self);
}

static void
set_recovery_only (BnLparPicker *self,
                   gboolean      value)
{
  value = !!value;
  if (self->recovery_only == value)
    return;
  self->recovery_only = value;
  gtk_filter_changed (GTK_FILTER (self->recovery_filter),
                      value ? GTK_FILTER_CHANGE_MORE_STRICT : GTK_FILTER_CHANGE_LESS_STRICT);
  queue_rebuild_combos (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECOVERY_ONLY]);
}

static void
check_toggled_cb (GtkCheckButton *check,
                  BnLparPicker   *self)
{
  gboolean active = gtk_check_button_get_active (check);

  if (check == self->tree_view_check)
    set_tree_view (self, active);
  else if (check == self->auto_check)
    set_auto_destination (self, active);
  else if (check == self->group_check)
    {
      gtk_widget_set_visible (self->group_label, active);
      gtk_widget_set_visible (GTK_WIDGET (self->group_combo), active);
      if (!active)
        bn_lpar_picker_set_group (self, -1);
      else
        rebuild_group_combo (self);
    }
}

/* ---- GObject ---- */

static void
bn_lpar_picker_dispose (GObject *object)
{
  BnLparPicker *self = (BnLparPicker *) object;

  g_clear_handle_id (&self->changed_idle, g_source_remove);
  g_clear_handle_id (&self->select_retry, g_source_remove);
  g_clear_handle_id (&self->combos_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), BN_TYPE_LPAR_PICKER);
  g_clear_object (&self->recovery_filter);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (bn_lpar_picker_parent_class)->dispose (object);
}

static void
bn_lpar_picker_finalize (GObject *object)
{
  BnLparPicker *self = (BnLparPicker *) object;

  g_free (self->source_hvm);
  g_free (self->destination_hvm);
  g_ptr_array_unref (self->source_hvm_ids);
  g_ptr_array_unref (self->destination_hvm_ids);
  g_array_unref (self->source_lpar_numbers);
  g_array_unref (self->destination_lpar_numbers);
  g_array_unref (self->group_numbers);

  G_OBJECT_CLASS (bn_lpar_picker_parent_class)->finalize (object);
}

static void
bn_lpar_picker_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BnLparPicker *self = BN_LPAR_PICKER (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;
    case PROP_SOURCE_HVM:
      g_value_set_string (value, self->source_hvm);
      break;
    case PROP_SOURCE_LPAR:
      g_value_set_uint (value, self->source_lpar);
      break;
    case PROP_DESTINATION_HVM:
      g_value_set_string (value, self->destination_hvm);
      break;
    case PROP_DESTINATION_LPAR:
      g_value_set_uint (value, self->destination_lpar);
      break;
    case PROP_GROUP:
      g_value_set_int (value, self->group);
      break;
    case PROP_TREE_VIEW:
      g_value_set_boolean (value, self->tree_view);
      break;
    case PROP_AUTO_DESTINATION:
      g_value_set_boolean (value, self->auto_destination);
      break;
    case PROP_RECOVERY_ONLY:
      g_value_set_boolean (value, self->recovery_only);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bn_lpar_picker_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BnLparPicker *self = BN_LPAR_PICKER (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      self->engine = g_value_dup_object (value);
      break;
    case PROP_MODE:
      bn_lpar_picker_set_mode (self, g_value_get_enum (value));
      break;
    case PROP_SOURCE_HVM:
      bn_lpar_picker_set_source (self, g_value_get_string (value),
                                 g_strcmp0 (g_value_get_string (value), self->source_hvm) == 0
                                 ? self->source_lpar : 0);
      break;
    case PROP_SOURCE_LPAR:
      bn_lpar_picker_set_source (self, self->source_hvm, g_value_get_uint (value));
      break;
    case PROP_DESTINATION_HVM:
      bn_lpar_picker_set_destination (self, g_value_get_string (value),
                                      g_strcmp0 (g_value_get_string (value),
                                                 self->destination_hvm) == 0
                                      ? self->destination_lpar : 0);
      break;
    case PROP_DESTINATION_LPAR:
      bn_lpar_picker_set_destination (self, self->destination_hvm, g_value_get_uint (value));
      break;
    case PROP_GROUP:
      bn_lpar_picker_set_group (self, g_value_get_int (value));
      break;
    case PROP_TREE_VIEW:
      set_tree_view (self, g_value_get_boolean (value));
      break;
    case PROP_AUTO_DESTINATION:
      set_auto_destination (self, g_value_get_boolean (value));
      break;
    case PROP_RECOVERY_ONLY:
      set_recovery_only (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bn_lpar_picker_constructed (GObject *object)
{
  BnLparPicker *self = (BnLparPicker *) object;
  BnFleet *fleet;

  G_OBJECT_CLASS (bn_lpar_picker_parent_class)->constructed (object);

  g_return_if_fail (BN_IS_ENGINE (self->engine));
  fleet = get_fleet (self);
  bn_fleet_tree_set_selectable_func (self->source_tree, source_selectable_cb, self, NULL);
  bn_fleet_tree_set_children_func (self->source_tree, source_children_cb, self, NULL);
  bn_fleet_tree_set_selectable_func (self->destination_tree, destination_selectable_cb, self,
                                     NULL);
  bn_fleet_tree_set_children_func (self->destination_tree, destination_children_cb, self, NULL);
  bn_fleet_tree_set_fleet (self->source_tree, fleet);
  bn_fleet_tree_set_fleet (self->destination_tree, fleet);
  g_signal_connect_object (self->source_tree, "notify::selected",
                           G_CALLBACK (source_tree_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->destination_tree, "notify::selected",
                           G_CALLBACK (destination_tree_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (bn_fleet_get_hvms (fleet), "items-changed",
                           G_CALLBACK (fleet_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (fleet, "notify::updating", G_CALLBACK (fleet_changed_cb), self,
                           G_CONNECT_SWAPPED);
  rebuild_group_combo (self);
  update_labels (self);
}

static void
bn_lpar_picker_class_init (BnLparPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = bn_lpar_picker_dispose;
  object_class->finalize = bn_lpar_picker_finalize;
  object_class->get_property = bn_lpar_picker_get_property;
  object_class->set_property = bn_lpar_picker_set_property;
  object_class->constructed = bn_lpar_picker_constructed;

  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, BN_TYPE_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODE] = g_param_spec_enum ("mode", NULL, NULL, BN_TYPE_MIGRATION_MODE,
                                             BN_MIGRATION_MODE_SHUTDOWN, flags);
  properties[PROP_SOURCE_HVM] = g_param_spec_string ("source-hvm", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE_LPAR] = g_param_spec_uint ("source-lpar", NULL, NULL, 0, 60, 0, flags);
  properties[PROP_DESTINATION_HVM] = g_param_spec_string ("destination-hvm", NULL, NULL, NULL,
                                                          flags);
  properties[PROP_DESTINATION_LPAR] = g_param_spec_uint ("destination-lpar", NULL, NULL, 0, 60, 0,
                                                         flags);
  properties[PROP_GROUP] = g_param_spec_int ("group", NULL, NULL, -1, 63, -1, flags);
  properties[PROP_TREE_VIEW] = g_param_spec_boolean ("tree-view", NULL, NULL, TRUE, flags);
  properties[PROP_AUTO_DESTINATION] = g_param_spec_boolean ("auto-destination", NULL, NULL, TRUE,
                                                            flags);
  properties[PROP_RECOVERY_ONLY] = g_param_spec_boolean ("recovery-only", NULL, NULL, FALSE,
                                                         flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (BN_TYPE_FLEET_TREE);
  bn_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               BN_UI_RESOURCE ("bn-lpar-picker.ui"));
  gtk_widget_class_bind_template_child (widget_class, BnLparPicker, box);
  gtk_widget_class_bind_template_child (widget_class, BnLparPicker, tree_view_check);
  gtk_widget_class_bind_template_child (widget_class, BnLparPicker, auto_check);
  gtk_widget_class_bind_template_child (widget_class, BnLparPicker, group_check);
  gtk_widget_class_bind_template_child (widget_class, BnLparPicker, source_stack);
  gtk_widget_class_bind_template_child (widget_class, BnLparPicker, destination_stack);
  gtk_widget_class_bind_template_child (widget_class, BnLparPicker, source_tree);
  gtk_widget_class_bind_template_child (widget_class, BnLparPicker, destination_tree);
  gtk_widget_class_bind_template_child (widget_class, BnLparPicker, source_hvm_combo);
  gtk_widget_class_bind_template_child (widget_class, BnLparPicker, source_lpar_combo);
  gtk_widget_class_bind_template_child (widget_class, BnLparPicker, destination_hvm_combo);
  gtk_widget_class_bind_template_child (widget_class, BnLparPicker, destination_lpar_combo);
  gtk_widget_class_bind_template_child (widget_class, BnLparPicker, group_label);
  gtk_widget_class_bind_template_child (widget_class, BnLparPicker, group_combo);
  gtk_widget_class_bind_template_child (widget_class, BnLparPicker, source_label);
  gtk_widget_class_bind_template_child (widget_class, BnLparPicker, destination_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "bnlparpicker");
}

static void
bn_lpar_picker_init (BnLparPicker *self)
{
  GtkCheckButton *checks[3];
  GtkDropDown *combos[5];

  self->group = -1;
  self->tree_view = TRUE;
  self->auto_destination = TRUE;
  self->source_hvm_ids = g_ptr_array_new_with_free_func (g_free);
  self->destination_hvm_ids = g_ptr_array_new_with_free_func (g_free);
  self->source_lpar_numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  self->destination_lpar_numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  self->group_numbers = g_array_new (FALSE, FALSE, sizeof (gint));
  self->recovery_filter = gtk_custom_filter_new (recovery_filter_cb, self, NULL);
  self->combos_stale = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  checks[0] = self->tree_view_check;
  checks[1] = self->auto_check;
  checks[2] = self->group_check;
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    g_signal_connect_object (checks[i], "toggled", G_CALLBACK (check_toggled_cb), self, 0);
  combos[0] = self->source_hvm_combo;
  combos[1] = self->source_lpar_combo;
  combos[2] = self->destination_hvm_combo;
  combos[3] = self->destination_lpar_combo;
  combos[4] = self->group_combo;
  for (guint i = 0; i < G_N_ELEMENTS (combos); i++)
    g_signal_connect_object (combos[i], "notify::selected", G_CALLBACK (combo_selected_cb), self,
                             0);
}

GtkWidget *
bn_lpar_picker_new (BnEngine        *engine,
                    BnMigrationMode  mode)
{
  g_return_val_if_fail (BN_IS_ENGINE (engine), NULL);

  return g_object_new (BN_TYPE_LPAR_PICKER, "engine", engine, "mode", mode, NULL);
}

BnMigrationMode
bn_lpar_picker_get_mode (BnLparPicker *self)
{
  g_return_val_if_fail (BN_IS_LPAR_PICKER (self), BN_MIGRATION_MODE_SHUTDOWN);
  return self->mode;
}

void
bn_lpar_picker_set_mode (BnLparPicker    *self,
                         BnMigrationMode  mode)
{
  g_return_if_fail (BN_IS_LPAR_PICKER (self));

  if (self->mode == mode)
    return;
  self->mode = mode;
  bn_fleet_tree_refresh (self->source_tree);
  queue_rebuild_combos (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
  queue_changed (self);
}

gboolean
bn_lpar_picker_get_selection (BnLparPicker       *self,
                              BnMigrationRequest *request)
{
  g_return_val_if_fail (BN_IS_LPAR_PICKER (self), FALSE);
  g_return_val_if_fail (request != NULL, FALSE);

  if (self->source_hvm == NULL || self->source_lpar == 0 || self->destination_hvm == NULL ||
      (self->destination_lpar == 0 && !self->auto_destination))
    return FALSE;
  request->mode = self->mode;
  g_free (request->source_hvm);
  request->source_hvm = g_strdup (self->source_hvm);
  request->source_lpar = self->source_lpar;
  g_free (request->destination_hvm);
  request->destination_hvm = g_strdup (self->destination_hvm);
  request->destination_lpar = self->destination_lpar;
  request->processor_group = self->group;
  return TRUE;
}

const char *
bn_lpar_picker_get_source_hvm (BnLparPicker *self)
{
  g_return_val_if_fail (BN_IS_LPAR_PICKER (self), NULL);
  return self->source_hvm;
}

guint
bn_lpar_picker_get_source_lpar (BnLparPicker *self)
{
  g_return_val_if_fail (BN_IS_LPAR_PICKER (self), 0);
  return self->source_lpar;
}

const char *
bn_lpar_picker_get_destination_hvm (BnLparPicker *self)
{
  g_return_val_if_fail (BN_IS_LPAR_PICKER (self), NULL);
  return self->destination_hvm;
}

guint
bn_lpar_picker_get_destination_lpar (BnLparPicker *self)
{
  g_return_val_if_fail (BN_IS_LPAR_PICKER (self), 0);
  return self->destination_lpar;
}

gint
bn_lpar_picker_get_group (BnLparPicker *self)
{
  g_return_val_if_fail (BN_IS_LPAR_PICKER (self), -1);
  return self->group;
}

void
bn_lpar_picker_set_source (BnLparPicker *self,
                           const char   *hvm_id,
                           guint         lpar)
{
  g_return_if_fail (BN_IS_LPAR_PICKER (self));

  update_source (self, hvm_id, hvm_id ? lpar : 0);
  sync_views (self);
}

void
bn_lpar_picker_set_destination (BnLparPicker *self,
                                const char   *hvm_id,
                                guint         lpar)
{
  g_return_if_fail (BN_IS_LPAR_PICKER (self));

  update_destination (self, hvm_id, hvm_id ? lpar : 0);
  sync_views (self);
}

void
bn_lpar_picker_set_group (BnLparPicker *self,
                          gint          group)
{
  g_return_if_fail (BN_IS_LPAR_PICKER (self));

  group = MAX (group, -1);
  if (self->group == group)
    return;
  self->group = group;
  if (group >= 0 && !gtk_check_button_get_active (self->group_check))
    gtk_check_button_set_active (self->group_check, TRUE);
  rebuild_group_combo (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUP]);
  queue_changed (self);
}

guint
bn_lpar_picker_resolve_destination (BnLparPicker *self)
{
  BnHvm *dst;

  g_return_val_if_fail (BN_IS_LPAR_PICKER (self), 0);

  if (self->destination_lpar != 0)
    return self->destination_lpar;
  dst = find_hvm (self, self->destination_hvm);
  if (!self->auto_destination || dst == NULL || bn_hvm_get_config (dst) == NULL)
    return 0;
  return bn_checker_auto_destination (bn_hvm_get_config (dst));
}

BnFleetTree *
bn_lpar_picker_get_source_tree (BnLparPicker *self)
{
  g_return_val_if_fail (BN_IS_LPAR_PICKER (self), NULL);
  return self->source_tree;
}

BnFleetTree *
bn_lpar_picker_get_destination_tree (BnLparPicker *self)
{
  g_return_val_if_fail (BN_IS_LPAR_PICKER (self), NULL);
  return self->destination_tree;
}
