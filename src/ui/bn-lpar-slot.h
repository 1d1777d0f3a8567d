/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bn-engine.h"

G_BEGIN_DECLS

#define BN_TYPE_LPAR_SLOT (bn_lpar_slot_get_type ())

G_DECLARE_FINAL_TYPE (BnLparSlot, bn_lpar_slot, BN, LPAR_SLOT, GObject)

/* An undefined LPAR number of an HVM (表 7-2 #1): what the Destination tree offers besides
 * its defined LPARs.  The HVM is held weakly, as BnLpar holds it. */

BnLparSlot *bn_lpar_slot_new        (BnHvm      *hvm,
                                     guint       number);
BnHvm      *bn_lpar_slot_get_hvm    (BnLparSlot *self);
guint       bn_lpar_slot_get_number (BnLparSlot *self);

/* A live model of @hvm's LPAR numbers 1 … max_lpars: its BnLpar where one is defined, a
 * BnLparSlot where none is; follows the HVM as Updates change it, keeping the objects of
 * unchanged numbers (views keep their selection). */
GListModel *bn_lpar_slot_list_new   (BnHvm      *hvm);

G_END_DECLS
