/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bn-sim-blade.h"
#include "bn-sim-reply.h"

G_BEGIN_DECLS

/* 表 5-2 (§5.6) and §3.2.4 as data (data/rules/locks.json): what a blade refuses while it
 * migrates, while an LPAR needs recovery, or while an LPAR still uses its migration WWN.
 * The console (and bnctl) act as JP1/SC/BSM: origin "bsm". */

BnSimReply *bn_sim_locks_check       (BnSimBlade *blade,
                                      const char *operation,
                                      guint       lpar,
                                      const char *origin,
                                      gboolean   *cancels_migration);
BnSimReply *bn_sim_locks_check_step  (BnSimBlade *blade,
                                      const char *operation,
                                      guint       lpar,
                                      const char *origin);
BnSimReply *bn_sim_catalogue_reply   (BnRc        rc,
                                      const char *error_id);

G_END_DECLS
