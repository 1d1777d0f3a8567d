/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "bn-sim-blade.h"

G_BEGIN_DECLS

/* What the HVM firmware does with an LPAR's configuration when it arrives from another
 * HVM (表 1-2, data/rules/config-moved.json) or leaves for one (WWN and MAC exchange,
 * §5.16). */

/* GROUP is the processor group the console chose (§3.1.1 "Group"), -1 for any. */
JsonObject *bn_sim_lpar_move_define             (BnSimBlade  *blade,
                                                 JsonObject  *source_lpar,
                                                 guint        number,
                                                 const char  *mode,
                                                 gint         group,
                                                 GError     **error);
gboolean    bn_sim_lpar_move_check              (BnSimBlade  *blade,
                                                 JsonObject  *source_lpar,
                                                 guint        number,
                                                 const char  *mode,
                                                 gint         group,
                                                 GError     **error);
gboolean    bn_sim_lpar_move_check_resources    (BnSimBlade  *blade,
                                                 JsonObject  *lpar,
                                                 GError     **error);
gboolean    bn_sim_lpar_move_check_group        (BnSimBlade  *blade,
                                                 gint         group,
                                                 GError     **error);
void        bn_sim_lpar_move_release            (BnSimBlade  *blade,
                                                 guint        number,
                                                 JsonObject  *identity);
JsonObject *bn_sim_lpar_move_slot_identity      (BnSimBlade  *blade,
                                                 guint        number,
                                                 JsonObject  *shape);
gboolean    bn_sim_lpar_move_lpar_needs_rollback (JsonObject *lpar);
gboolean    bn_sim_lpar_move_hvm_needs_rollback (BnSimBlade  *blade);

G_END_DECLS
