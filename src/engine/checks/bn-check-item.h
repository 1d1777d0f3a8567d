/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "bn-check-types.h"

G_BEGIN_DECLS

/* One row of a check report: an item of the Migration Config Viewer (表 8-1 … 8-3) or
 * one of the LPAR-level checks of §2.2, with both sides' values and its status. */

#define BN_TYPE_CHECK_ITEM (bn_check_item_get_type ())

G_DECLARE_FINAL_TYPE (BnCheckItem, bn_check_item, BN, CHECK_ITEM, GObject)

/* "server/version", "hba/HBA1/vfcid", "nic/NIC2/vnic-segment": stable, for scripts. */
const char     *bn_check_item_get_id                (BnCheckItem *self);
BnCheckSection  bn_check_item_get_section           (BnCheckItem *self);
/* "Location", "HVM", "HBA1", "NIC2", … */
const char     *bn_check_item_get_group             (BnCheckItem *self);
/* As the Config Viewer shows it: "Chassis ID", "EFI Version", … */
const char     *bn_check_item_get_name              (BnCheckItem *self);
const char     *bn_check_item_get_source_value      (BnCheckItem *self);
const char     *bn_check_item_get_destination_value (BnCheckItem *self);
BnCheckStatus   bn_check_item_get_status            (BnCheckItem *self);
/* Why, one line per finding; NULL when there is nothing to say. */
const char     *bn_check_item_get_message           (BnCheckItem *self);
/* The manual's remedy for the findings; NULL when none applies. */
const char     *bn_check_item_get_remedy            (BnCheckItem *self);
/* "表 8-1 #11, §2.2.1.2.4.1, 表 2-23" */
const char     *bn_check_item_get_reference         (BnCheckItem *self);
/* "表 8-1 #11" for a Config Viewer row, NULL for a check the viewer has no row for. */
const char     *bn_check_item_get_viewer_row        (BnCheckItem *self);

G_END_DECLS
