/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "bn-sim-blade.h"

G_BEGIN_DECLS

#define BN_TYPE_SIM_FLEET (bn_sim_fleet_get_type ())

G_DECLARE_FINAL_TYPE (BnSimFleet, bn_sim_fleet, BN, SIM_FLEET, GObject)

BnSimFleet *bn_sim_fleet_new_from_file   (const char          *path,
                                          const char          *state_dir,
                                          const char * const  *only_blades,
                                          const char          *timing,
                                          GError             **error);
BnSimFleet *bn_sim_fleet_new_from_node   (JsonNode            *fleet,
                                          const char          *state_dir,
                                          const char * const  *only_blades,
                                          const char          *timing,
                                          GError             **error);
gboolean    bn_sim_fleet_start           (BnSimFleet          *self,
                                          GTlsCertificate     *certificate,
                                          GError             **error);
void        bn_sim_fleet_stop            (BnSimFleet          *self);
GPtrArray  *bn_sim_fleet_get_blades      (BnSimFleet          *self);
BnSimBlade *bn_sim_fleet_find_blade      (BnSimFleet          *self,
                                          const char          *id);
const char *bn_sim_fleet_get_timing      (BnSimFleet          *self);
double      bn_sim_fleet_step_seconds    (BnSimFleet          *self,
                                          const char          *step);
GBytes     *bn_sim_fleet_get_example     (void);
gboolean    bn_sim_fleet_check_blade     (JsonObject          *blade,
                                          const char          *where,
                                          GError             **error);

G_END_DECLS
