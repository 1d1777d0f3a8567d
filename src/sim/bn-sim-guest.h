/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bn-sim-blade.h"
#include "bn-sim-commands.h"

G_BEGIN_DECLS

/* The simulated guest operating systems: they shut down when asked over SSH (through
 * tools/bnguest-agent) or WS-Management (Windows guests, served here). */

extern const BnSimCommand bn_sim_guest_commands[];

gboolean bn_sim_guest_start (BnSimBlade  *blade,
                             GError     **error);
void     bn_sim_guest_stop  (BnSimBlade  *blade);
void bn_sim_guest_shutdown (BnSimBlade *blade,
                            guint       lpar,
                            gboolean    force,
                            const char *how);

G_END_DECLS
