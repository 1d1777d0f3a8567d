/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "bn-engine.h"

G_BEGIN_DECLS

#define BN_TYPE_FLEET_TREE (bn_fleet_tree_get_type ())

G_DECLARE_FINAL_TYPE (BnFleetTree, bn_fleet_tree, BN, FLEET_TREE, GtkWidget)

/* The chassis → HVM → LPAR tree of the Main and Migration windows, with the state icons of
 * 表 7-1 and 7-2.  Rows follow the engine's objects live (icons change while Update runs);
 * the tree is a GtkListView over a GtkTreeListModel, so 500 HVMs cost only visible rows.
 * "item-activated" (GObject item) is emitted on Enter or double click. */

GtkWidget *bn_fleet_tree_new              (void);
BnFleet   *bn_fleet_tree_get_fleet        (BnFleetTree *self);
void       bn_fleet_tree_set_fleet        (BnFleetTree *self,
                                           BnFleet     *fleet);
gboolean   bn_fleet_tree_get_show_lpars   (BnFleetTree *self);
void       bn_fleet_tree_set_show_lpars   (BnFleetTree *self,
                                           gboolean     show_lpars);
gpointer   bn_fleet_tree_get_selected     (BnFleetTree *self);
BnHvm     *bn_fleet_tree_get_selected_hvm (BnFleetTree *self);
gboolean   bn_fleet_tree_select           (BnFleetTree *self,
                                           gpointer     item);
GListModel *bn_fleet_tree_get_model       (BnFleetTree *self);

/* Whether the user may select @item (a BnChassis, BnHvm, BnLpar or BnLparSlot row); when
 * not, *reason (may be left NULL) says why, in the row's tooltip.  The Migration windows
 * grey out what a mode cannot move (§5.32, 表 7-2 #5). */
typedef gboolean    (*BnFleetTreeSelectableFunc) (gpointer      item,
                                                  char        **reason,
                                                  gpointer      user_data);
/* The rows under an HVM, instead of its LPARs (transfer full): the Destination tree adds
 * the undefined numbers (bn_lpar_slot_list_new ()), Show the LPARs filters them. */
typedef GListModel *(*BnFleetTreeChildrenFunc)   (BnHvm        *hvm,
                                                  gpointer      user_data);

void       bn_fleet_tree_set_selectable_func (BnFleetTree               *self,
                                              BnFleetTreeSelectableFunc  func,
                                              gpointer                   user_data,
                                              GDestroyNotify             destroy);
void       bn_fleet_tree_set_children_func   (BnFleetTree               *self,
                                              BnFleetTreeChildrenFunc    func,
                                              gpointer                   user_data,
                                              GDestroyNotify             destroy);
/* Asks the selectable function again for the rows shown (the mode or the other side of
 * the selection changed). */
void       bn_fleet_tree_refresh             (BnFleetTree               *self);
gboolean   bn_fleet_tree_is_selectable       (BnFleetTree               *self,
                                              gpointer                   item,
                                              char                     **reason);
void       bn_fleet_tree_unselect            (BnFleetTree               *self);

G_END_DECLS
