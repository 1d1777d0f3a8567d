/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-fleet-tree"

#include "config.h"

#include <glib/gi18n.h>

#include "bn-fleet-tree.h"
#include "bn-lpar-slot.h"
#include "bn-throttled-model.h"
#include "bn-ui-utils.h"

struct _BnFleetTree
{
  GtkWidget           parent_instance;

  BnFleet            *fleet;
  gboolean            show_lpars;
  GtkTreeListModel   *tree_model;
  GtkSingleSelection *selection;
  GtkWidget          *scroller;
  GtkWidget          *list_view;
  guint               scroll_top_idle;

  BnFleetTreeSelectableFunc selectable_func;
  gpointer                  selectable_data;
  GDestroyNotify            selectable_destroy;
  BnFleetTreeChildrenFunc   children_func;
  gpointer                  children_data;
  GDestroyNotify            children_destroy;
  GHashTable               *bound_rows;     /* Row *: the rows shown, for refresh */
};

enum {
  PROP_0,
  PROP_FLEET,
  PROP_SHOW_LPARS,
  PROP_SELECTED,
  N_PROPS
};

enum {
  ITEM_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BnFleetTree, bn_fleet_tree, GTK_TYPE_WIDGET)

/* One row: expander → icon title subtitle.  While Update reads an HVM its icon says so;
 * a static icon, not a spinner: hundreds of animated rows would redraw every frame. */
#define UPDATING_ICON "emblem-synchronizing-symbolic"
typedef struct
{
  BnFleetTree *tree;
  GtkListItem *list_item;
  GtkWidget *box;
  GtkWidget *expander;
  GtkWidget *icon;
  GtkWidget *title;
  GtkWidget *subtitle;
  GObject   *item;
  gulong     handler;
  GListModel *children;      /* a chassis's HVMs: their count is in the subtitle */
  gulong     children_handler;
} Row;

static void
row_release (Row *row)
{
  if (row->item != NULL && row->handler != 0)
    g_signal_handler_disconnect (row->item, row->handler);
  if (row->children != NULL && row->children_handler != 0)
    g_signal_handler_disconnect (row->children, row->children_handler);
  row->handler = 0;
  row->children_handler = 0;
  g_clear_object (&row->item);
  g_clear_object (&row->children);
}

static void
row_free (gpointer data)
{
  Row *row = data;

  row_release (row);
  g_free (row);
}

static void
refresh_row (Row *row)
{
  GObject *item = row->item;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *accessible = NULL;
  const char *icon_name = NULL;
  gboolean spinning = FALSE;
  gboolean error = FALSE;

  if (BN_IS_CHASSIS (item))
    {
      BnChassis *chassis = BN_CHASSIS (item);
      guint n = g_list_model_get_n_items (bn_chassis_get_hvms (chassis));
      const char *type = bn_chassis_get_chassis_type (chassis);

      icon_name = "drive-multidisk-symbolic";

      if (*bn_chassis_get_id (chassis) == '\0')
        {
          title = g_strdup (_("HVMs not read yet"));
          subtitle = g_strdup (_("Their chassis is known after Update"));
        }
      else
        {
          title = g_strdup (bn_chassis_get_id (chassis));
          subtitle = g_strdup_printf (ngettext ("%s · %u HVM", "%s · %u HVMs", n),
                                      type ? type : "", n);
        }
    }
  else if (BN_IS_HVM (item))
    {
      BnHvm *hvm = BN_HVM (item);
      g_autofree char *endpoint = bn_ui_format_endpoint (hvm);

      icon_name = bn_hvm_state_get_icon_name (bn_hvm_get_state (hvm));
      spinning = bn_hvm_get_updating (hvm);
      title = g_strdup (bn_hvm_get_id (hvm));
      if (bn_hvm_get_reason (hvm) != NULL)
        {
          subtitle = g_strdup_printf ("%s · %s", endpoint, bn_hvm_get_reason (hvm));
          error = TRUE;
        }
      else if (bn_hvm_get_model (hvm) != NULL)
        /* Translators: address · blade model · HVM firmware version */
        subtitle = g_strdup_printf (_("%s · model %s · firmware %s"), endpoint,
                                    bn_hvm_get_model (hvm),
                                    bn_hvm_get_firmware (hvm) ? bn_hvm_get_firmware (hvm) : "");
      else
        subtitle = g_strdup_printf ("%s · %s", endpoint,
                                    bn_ui_hvm_state_label (bn_hvm_get_state (hvm)));
      accessible = g_strdup_printf ("%s, %s, %s", title,
                                    bn_ui_hvm_state_label (bn_hvm_get_state (hvm)), subtitle);
    }
  else if (BN_IS_LPAR (item))
    {
      BnLpar *lpar = BN_LPAR (item);

      icon_name = bn_lpar_state_get_icon_name (bn_lpar_get_state (lpar));
      title = g_strdup_printf ("#%u %s", bn_lpar_get_number (lpar),
                               bn_lpar_get_name (lpar) ? bn_lpar_get_name (lpar) : "");
      /* Translators: LPAR state · memory · processors */
      subtitle = g_strdup_printf (ngettext ("%s · %u MB · %u CPU", "%s · %u MB · %u CPUs",
                                            bn_lpar_get_cpu_count (lpar)),
                                  bn_ui_lpar_state_label (bn_lpar_get_state (lpar)),
                                  bn_lpar_get_memory_mb (lpar), bn_lpar_get_cpu_count (lpar));
      accessible = g_strdup_printf (_("LPAR %s, %s"), title, subtitle);
    }
  else if (BN_IS_LPAR_SLOT (item))
    {
      icon_name = bn_lpar_state_get_icon_name (BN_LPAR_STATE_UNDEFINED);
      title = g_strdup_printf ("#%u", bn_lpar_slot_get_number (BN_LPAR_SLOT (item)));
      subtitle = g_strdup (bn_ui_lpar_state_label (BN_LPAR_STATE_UNDEFINED));
      accessible = g_strdup_printf (_("LPAR %s, %s"), title, subtitle);
    }

  if (row->tree->selectable_func != NULL && item != NULL)
    {
      g_autofree char *reason = NULL;
      gboolean selectable = row->tree->selectable_func (item, &reason,
                                                        row->tree->selectable_data);

      gtk_list_item_set_selectable (row->list_item, selectable);
      if (selectable)
        gtk_widget_remove_css_class (row->box, "bn-unselectable");
      else
        {
          gtk_widget_add_css_class (row->box, "bn-unselectable");
          /* 表 7-2 #5, for LPARs whose own state has no icon of its own to say it */
          if (BN_IS_LPAR (item) &&
              (bn_lpar_get_state (BN_LPAR (item)) == BN_LPAR_STATE_ACTIVATED ||
               bn_lpar_get_state (BN_LPAR (item)) == BN_LPAR_STATE_DEACTIVATED))
            icon_name = "bn-lpar-unselectable-symbolic";
          if (reason != NULL)
            {
              g_autofree char *longer = g_strdup_printf ("%s. %s", accessible ? accessible : title,
                                                         reason);

              g_free (accessible);
              accessible = g_steal_pointer (&longer);
            }
        }
    }
  else
    {
      gtk_list_item_set_selectable (row->list_item, TRUE);
      gtk_widget_remove_css_class (row->box, "bn-unselectable");
    }

  gtk_image_set_from_icon_name (GTK_IMAGE (row->icon), spinning ? UPDATING_ICON : icon_name);
  if (spinning)
    gtk_widget_add_css_class (row->icon, "dim-label");
  else
    gtk_widget_remove_css_class (row->icon, "dim-label");
  gtk_label_set_text (GTK_LABEL (row->title), title ? title : "");
  gtk_label_set_text (GTK_LABEL (row->subtitle), subtitle ? subtitle : "");
  if (error)
    gtk_widget_add_css_class (row->subtitle, "error");
  else
    gtk_widget_remove_css_class (row->subtitle, "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->expander), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible ? accessible : title, -1);
}

/* The state description of 表 7-1 / 7-2 on the icon, the whole subtitle (a reason can be
 * long) on the subtitle: computed when asked, since setting a tooltip costs a round trip
 * to the X server and rows are refreshed by the hundred during Update. */
static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  Row        *row)
{
  const char *text = NULL;
  g_autofree char *reason = NULL;

  if (row->item == NULL)
    return FALSE;
  if (widget != row->subtitle && !bn_fleet_tree_is_selectable (row->tree, row->item, &reason))
    {
      /* why it is greyed out, after what its icon means */
      g_autofree char *both = NULL;

      if (BN_IS_LPAR (row->item))
        both = g_strdup_printf ("%s\n%s",
                                bn_ui_lpar_state_description (bn_lpar_get_state (BN_LPAR (row->item))),
                                reason ? reason : bn_ui_lpar_unselectable_description ());
      else
        both = g_strdup (reason ? reason : bn_ui_lpar_unselectable_description ());
      gtk_tooltip_set_text (tooltip, both);
      return TRUE;
    }
  if (widget == row->subtitle)
    text = gtk_widget_has_css_class (widget, "error") ? gtk_label_get_text (GTK_LABEL (widget))
                                                      : NULL;
  else if (BN_IS_CHASSIS (row->item))
    text = _("Chassis");
  else if (BN_IS_HVM (row->item))
    text = bn_ui_hvm_state_description (bn_hvm_get_state (BN_HVM (row->item)));
  else if (BN_IS_LPAR (row->item))
    text = bn_ui_lpar_state_description (bn_lpar_get_state (BN_LPAR (row->item)));
  else if (BN_IS_LPAR_SLOT (row->item))
    text = bn_ui_lpar_state_description (BN_LPAR_STATE_UNDEFINED);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
item_notify_cb (GObject    *item,
                GParamSpec *pspec,
                Row        *row)
{
  refresh_row (row);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          BnFleetTree              *self)
{
  Row *row = g_new0 (Row, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  row->tree = self;
  row->list_item = list_item;
  row->box = box;
  row->expander = gtk_tree_expander_new ();
  row->icon = gtk_image_new ();
  row->title = gtk_label_new (NULL);
  row->subtitle = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (row->title), 0);
  gtk_label_set_xalign (GTK_LABEL (row->subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (row->subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (row->subtitle, TRUE);
  gtk_widget_add_css_class (row->title, "bn-tree-title");
  gtk_widget_add_css_class (row->subtitle, "dim-label");
  gtk_box_append (GTK_BOX (box), row->icon);
  gtk_box_append (GTK_BOX (box), row->title);
  gtk_box_append (GTK_BOX (box), row->subtitle);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (row->expander), box);
  gtk_widget_set_has_tooltip (row->icon, TRUE);
  gtk_widget_set_has_tooltip (row->subtitle, TRUE);
  g_signal_connect (row->icon, "query-tooltip", G_CALLBACK (query_tooltip_cb), row);
  g_signal_connect (row->subtitle, "query-tooltip", G_CALLBACK (query_tooltip_cb), row);
  gtk_widget_add_css_class (row->expander, "bn-tree-row");
  g_object_set_data_full (G_OBJECT (row->expander), "bn-row", row, row_free);
  gtk_list_item_set_child (list_item, row->expander);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         BnFleetTree              *self)
{
  GtkTreeListRow *tree_row = gtk_list_item_get_item (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  Row *row = g_object_get_data (G_OBJECT (expander), "bn-row");

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), tree_row);
  g_hash_table_add (self->bound_rows, row);
  /* our own reference: a removed row may drop its item before we are unbound */
  row->item = gtk_tree_list_row_get_item (tree_row);
  row->handler = g_signal_connect (row->item, "notify", G_CALLBACK (item_notify_cb), row);
  if (BN_IS_CHASSIS (row->item))
    {
      row->children = g_object_ref (bn_chassis_get_hvms (BN_CHASSIS (row->item)));
      row->children_handler = g_signal_connect_swapped (row->children, "items-changed",
                                                        G_CALLBACK (refresh_row), row);
    }
  refresh_row (row);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           BnFleetTree              *self)
{
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  Row *row = g_object_get_data (G_OBJECT (expander), "bn-row");

  g_hash_table_remove (self->bound_rows, row);
  row_release (row);
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), NULL);
}

/* The tree follows the engine's models through throttled copies: a first Update places
 * hundreds of HVMs one answer at a time, and each change at a visible position would
 * rebind the visible rows. */
#define THROTTLE_MS 120
/* at most this many chassis, HVMs of a chassis, or LPARs added or removed per dispatch:
 * a chassis brings 16 HVMs with their LPARs, about a hundred rows */
#define STEP_CHASSIS 1
#define STEP_HVMS 16
#define STEP_LPARS 0

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  BnFleetTree *self = user_data;

  if (BN_IS_CHASSIS (item))
    return G_LIST_MODEL (bn_throttled_model_new (bn_chassis_get_hvms (item), THROTTLE_MS,
                                                 STEP_HVMS));
  /* an HVM not read yet has no LPARs to show; once read it moves to its chassis, where its
   * row is made again with them — no rows to add and remove on the way */
  if (BN_IS_HVM (item) && self->show_lpars && bn_hvm_get_chassis_id (item) != NULL)
    {
      g_autoptr(GListModel) lpars = NULL;

      if (self->children_func == NULL)
        return G_LIST_MODEL (bn_throttled_model_new (bn_hvm_get_lpars (item), THROTTLE_MS,
                                                     STEP_LPARS));
      lpars = self->children_func (item, self->children_data);
      return lpars ? G_LIST_MODEL (bn_throttled_model_new (lpars, THROTTLE_MS, STEP_LPARS))
                   : NULL;
    }
  return NULL;
}

static void
selection_changed_cb (BnFleetTree *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

static void
activate_cb (GtkListView *view,
             guint        position,
             BnFleetTree *self)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (row != NULL)
    {
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      g_signal_emit (self, signals[ITEM_ACTIVATED], 0, item);
    }
}

/* Rows move between chassis as Update reads HVMs; GtkListView keeps its anchor row in
 * place, which would leave a view that showed the top scrolled somewhere in the middle. */
static gboolean
scroll_top_idle_cb (gpointer user_data)
{
  BnFleetTree *self = user_data;

  guint selected = gtk_single_selection_get_selected (self->selection);

  self->scroll_top_idle = 0;
  /* a row selected from code (bn_fleet_tree_select) stays in view instead */
  if (self->tree_model != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->tree_model)) > 0)
    gtk_widget_activate_action (self->list_view, "list.scroll-to-item", "u",
                                selected != GTK_INVALID_LIST_POSITION ? selected : 0);
  return G_SOURCE_REMOVE;
}

static void
tree_items_changed_cb (BnFleetTree *self)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));

  if (gtk_adjustment_get_value (adj) <= 0.5 && self->scroll_top_idle == 0)
    self->scroll_top_idle = g_idle_add (scroll_top_idle_cb, self);
}

static void
rebuild (BnFleetTree *self)
{
  GtkTreeListModel *tree_model = NULL;

  if (self->fleet != NULL)
    {
      GListModel *root = G_LIST_MODEL (bn_throttled_model_new (bn_fleet_get_chassis (self->fleet),
                                                               THROTTLE_MS, STEP_CHASSIS));

      tree_model = gtk_tree_list_model_new (root, FALSE, TRUE, create_children, self, NULL);
    }
  if (self->tree_model != NULL)
    g_signal_handlers_disconnect_by_func (self->tree_model, tree_items_changed_cb, self);
  g_clear_object (&self->tree_model);
  self->tree_model = tree_model;
  if (tree_model != NULL)
    g_signal_connect_swapped (tree_model, "items-changed", G_CALLBACK (tree_items_changed_cb),
                              self);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (tree_model));
}

static void
bn_fleet_tree_dispose (GObject *object)
{
  BnFleetTree *self = (BnFleetTree *) object;

  g_clear_handle_id (&self->scroll_top_idle, g_source_remove);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_object (&self->selection);
  if (self->tree_model != NULL)
    g_signal_handlers_disconnect_by_func (self->tree_model, tree_items_changed_cb, self);
  g_clear_object (&self->tree_model);
  g_clear_object (&self->fleet);
  if (self->selectable_destroy != NULL)
    g_clear_pointer (&self->selectable_data, self->selectable_destroy);
  if (self->children_destroy != NULL)
    g_clear_pointer (&self->children_data, self->children_destroy);
  self->selectable_func = NULL;
  self->children_func = NULL;
  g_clear_pointer (&self->bound_rows, g_hash_table_unref);

  G_OBJECT_CLASS (bn_fleet_tree_parent_class)->dispose (object);
}

static void
bn_fleet_tree_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BnFleetTree *self = BN_FLEET_TREE (object);

  switch (prop_id)
    {
    case PROP_FLEET:
      g_value_set_object (value, self->fleet);
      break;
    case PROP_SHOW_LPARS:
      g_value_set_boolean (value, self->show_lpars);
      break;
    case PROP_SELECTED:
      g_value_set_object (value, bn_fleet_tree_get_selected (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bn_fleet_tree_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  BnFleetTree *self = BN_FLEET_TREE (object);

  switch (prop_id)
    {
    case PROP_FLEET:
      bn_fleet_tree_set_fleet (self, g_value_get_object (value));
      break;
    case PROP_SHOW_LPARS:
      bn_fleet_tree_set_show_lpars (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bn_fleet_tree_class_init (BnFleetTreeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bn_fleet_tree_dispose;
  object_class->get_property = bn_fleet_tree_get_property;
  object_class->set_property = bn_fleet_tree_set_property;

  properties[PROP_FLEET] =
    g_param_spec_object ("fleet", NULL, NULL, BN_TYPE_FLEET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_LPARS] =
    g_param_spec_boolean ("show-lpars", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ITEM_ACTIVATED] = g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_OBJECT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "bnfleettree");
}

static void
bn_fleet_tree_init (BnFleetTree *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  self->show_lpars = TRUE;
  self->bound_rows = g_hash_table_new (NULL, NULL);
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);

  self->list_view = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)),
                                       factory);
  gtk_widget_add_css_class (self->list_view, "bn-fleet-tree");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Chassis, HVMs and LPARs"), -1);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (activate_cb), self);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->list_view);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
}

GtkWidget *
bn_fleet_tree_new (void)
{
  return g_object_new (BN_TYPE_FLEET_TREE, NULL);
}

BnFleet *
bn_fleet_tree_get_fleet (BnFleetTree *self)
{
  g_return_val_if_fail (BN_IS_FLEET_TREE (self), NULL);
  return self->fleet;
}

void
bn_fleet_tree_set_fleet (BnFleetTree *self,
                         BnFleet     *fleet)
{
  g_return_if_fail (BN_IS_FLEET_TREE (self));
  g_return_if_fail (fleet == NULL || BN_IS_FLEET (fleet));

  if (!g_set_object (&self->fleet, fleet))
    return;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FLEET]);
}

gboolean
bn_fleet_tree_get_show_lpars (BnFleetTree *self)
{
  g_return_val_if_fail (BN_IS_FLEET_TREE (self), FALSE);
  return self->show_lpars;
}

void
bn_fleet_tree_set_show_lpars (BnFleetTree *self,
                              gboolean     show_lpars)
{
  g_return_if_fail (BN_IS_FLEET_TREE (self));

  show_lpars = !!show_lpars;
  if (self->show_lpars == show_lpars)
    return;
  self->show_lpars = show_lpars;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_LPARS]);
}

/* The selected BnChassis, BnHvm or BnLpar, or NULL. */
gpointer
bn_fleet_tree_get_selected (BnFleetTree *self)
{
  GtkTreeListRow *row;
  gpointer item;

  g_return_val_if_fail (BN_IS_FLEET_TREE (self), NULL);

  row = gtk_single_selection_get_selected_item (self->selection);
  if (row == NULL)
    return NULL;
  item = gtk_tree_list_row_get_item (row);
  /* the row keeps its item alive */
  g_object_unref (item);
  return item;
}

/* The selected HVM, or the HVM of the selected LPAR. */
BnHvm *
bn_fleet_tree_get_selected_hvm (BnFleetTree *self)
{
  gpointer item = bn_fleet_tree_get_selected (self);

  if (BN_IS_HVM (item))
    return item;
  if (BN_IS_LPAR (item))
    {
      BnHvm *hvm = bn_lpar_get_hvm (item);

      /* the HVM outlives its LPAR objects' views; the fleet holds it */
      return hvm;
    }
  return NULL;
}

/* Selects the row of @item (expanding nothing: rows are autoexpanded). */
gboolean
bn_fleet_tree_select (BnFleetTree *self,
                      gpointer     item)
{
  guint n;

  g_return_val_if_fail (BN_IS_FLEET_TREE (self), FALSE);

  if (self->tree_model == NULL)
    return FALSE;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->tree_model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree_model), i);
      g_autoptr(GObject) candidate = gtk_tree_list_row_get_item (row);

      if (candidate == item)
        {
          gtk_single_selection_set_selected (self->selection, i);
          /* selected from code (a Migration window's preset, a policy entry): show it once
           * the view has its rows */
          if (self->scroll_top_idle == 0)
            self->scroll_top_idle = g_idle_add (scroll_top_idle_cb, self);
          return TRUE;
        }
    }
  return FALSE;
}

/* The rows as shown (GtkTreeListRow items). */
GListModel *
bn_fleet_tree_get_model (BnFleetTree *self)
{
  g_return_val_if_fail (BN_IS_FLEET_TREE (self), NULL);
  return G_LIST_MODEL (self->tree_model);
}

void
bn_fleet_tree_set_selectable_func (BnFleetTree               *self,
                                   BnFleetTreeSelectableFunc  func,
                                   gpointer                   user_data,
                                   GDestroyNotify             destroy)
{
  g_return_if_fail (BN_IS_FLEET_TREE (self));

  if (self->selectable_destroy != NULL)
    self->selectable_destroy (self->selectable_data);
  self->selectable_func = func;
  self->selectable_data = user_data;
  self->selectable_destroy = destroy;
  bn_fleet_tree_refresh (self);
}

void
bn_fleet_tree_set_children_func (BnFleetTree             *self,
                                 BnFleetTreeChildrenFunc  func,
                                 gpointer                 user_data,
                                 GDestroyNotify           destroy)
{
  g_return_if_fail (BN_IS_FLEET_TREE (self));

  if (self->children_destroy != NULL)
    self->children_destroy (self->children_data);
  self->children_func = func;
  self->children_data = user_data;
  self->children_destroy = destroy;
  rebuild (self);
}

void
bn_fleet_tree_refresh (BnFleetTree *self)
{
  GHashTableIter iter;
  gpointer row;

  g_return_if_fail (BN_IS_FLEET_TREE (self));

  g_hash_table_iter_init (&iter, self->bound_rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    refresh_row (row);
}

gboolean
bn_fleet_tree_is_selectable (BnFleetTree  *self,
                             gpointer      item,
                             char        **reason)
{
  g_return_val_if_fail (BN_IS_FLEET_TREE (self), FALSE);

  if (item == NULL)
    return FALSE;
  if (self->selectable_func == NULL)
    return TRUE;
  return self->selectable_func (item, reason, self->selectable_data);
}

void
bn_fleet_tree_unselect (BnFleetTree *self)
{
  g_return_if_fail (BN_IS_FLEET_TREE (self));
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}
