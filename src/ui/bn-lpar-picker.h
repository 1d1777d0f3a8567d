/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "bn-engine.h"
#include "bn-fleet-tree.h"

G_BEGIN_DECLS

#define BN_TYPE_LPAR_PICKER (bn_lpar_picker_get_type ())

G_DECLARE_FINAL_TYPE (BnLparPicker, bn_lpar_picker, BN, LPAR_PICKER, GtkWidget)

/* The Source and Destination selection of the Migration windows (and of a policy entry):
 * two chassis → HVM → LPAR trees with the state icons of 表 7-1 / 7-2, where what the mode
 * cannot move is greyed and cannot be selected (§5.32, 表 7-2 #5); the Tree View check box
 * switches to combo boxes; Auto (destination "Auto": the lowest free number) and Group
 * (the destination processor group, -1 any).
 *
 * Properties: "mode" (BnMigrationMode), "source-hvm" (string), "source-lpar" (uint, 0 none),
 * "destination-hvm" (string), "destination-lpar" (uint, 0 Auto), "group" (int, -1 any),
 * "tree-view", "auto-destination", "recovery-only" (booleans: the check boxes Tree View,
 * Auto and the windows' Show the LPARs).  "changed" is emitted once per change of the
 * selection, whoever made it. */

GtkWidget   *bn_lpar_picker_new                  (BnEngine           *engine,
                                                  BnMigrationMode     mode);
BnMigrationMode bn_lpar_picker_get_mode          (BnLparPicker       *self);
void         bn_lpar_picker_set_mode             (BnLparPicker       *self,
                                                  BnMigrationMode     mode);
/* Fills the request's mode, source HVM and LPAR, destination HVM and LPAR (0: Auto) and
 * processor group.  FALSE, and the request untouched, while the selection is incomplete
 * (no source LPAR, no destination HVM, or no destination LPAR with Auto cleared). */
gboolean     bn_lpar_picker_get_selection        (BnLparPicker       *self,
                                                  BnMigrationRequest *request);
const char  *bn_lpar_picker_get_source_hvm       (BnLparPicker       *self);
guint        bn_lpar_picker_get_source_lpar      (BnLparPicker       *self);
const char  *bn_lpar_picker_get_destination_hvm  (BnLparPicker       *self);
guint        bn_lpar_picker_get_destination_lpar (BnLparPicker       *self);
gint         bn_lpar_picker_get_group            (BnLparPicker       *self);
void         bn_lpar_picker_set_source           (BnLparPicker       *self,
                                                  const char         *hvm_id,
                                                  guint               lpar);
void         bn_lpar_picker_set_destination      (BnLparPicker       *self,
                                                  const char         *hvm_id,
                                                  guint               lpar);
void         bn_lpar_picker_set_group            (BnLparPicker       *self,
                                                  gint                group);
/* The destination number the move would use: the one chosen, or with Auto the lowest free
 * one of the destination HVM as last read (0: none free, or no destination). */
guint        bn_lpar_picker_resolve_destination  (BnLparPicker       *self);
/* Whether the mode lets @lpar be picked as the source, and if not why. */
gboolean     bn_lpar_picker_source_selectable    (BnLparPicker       *self,
                                                  BnLpar             *lpar,
                                                  char              **reason);
BnFleetTree *bn_lpar_picker_get_source_tree      (BnLparPicker       *self);
BnFleetTree *bn_lpar_picker_get_destination_tree (BnLparPicker       *self);

G_END_DECLS
