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

G_END_DECLS
