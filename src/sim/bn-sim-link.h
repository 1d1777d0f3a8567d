/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bn-sim-blade.h"
#include "bn-sim-commands.h"
#include "bn-sim-migration.h"

G_BEGIN_DECLS

/* The migration path between two blades: listeners on each migration-path address, and
 * the connections that carry memory (LPAR Mover), rehearsals and connectivity tests
 * (docs/hvmsh-protocol.md, "The migration path"). */

#define BN_SIM_LINK_BANNER "BN-MOVER/1"

gboolean bn_sim_link_start_transfer (BnSimBlade      *blade,
                                     BnSimMigration  *migration,
                                     const char      *peer_ip,
                                     guint            dst_lpar,
                                     guint64          timeout_s,
                                     guint64          max_suspend_ms,
                                     GError         **error);

extern const BnSimCommand bn_sim_link_commands[];

G_END_DECLS
