/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bn-test-support.h"

G_BEGIN_DECLS

/* The demo fleet in one bladesimd, on this test's own loopback subnet, with small LPARs and
 * unlimited migration paths; commands go through `bnctl --json hvmsh`, as an operator's
 * would. */

typedef void (*SimTweak) (JsonNode *fleet);

typedef struct
{
  char      *dir;
  JsonNode  *fleet;
  BnTestSim *sim;
} SimRig;

void        sim_rig_start       (SimRig             *rig,
                                 SimTweak            tweak,
                                 const char * const *extra_args);
void        sim_rig_stop        (SimRig             *rig);
JsonObject *sim_rig_blade       (SimRig             *rig,
                                 const char         *hvm);
JsonObject *sim_rig_lpar        (SimRig             *rig,
                                 const char         *hvm,
                                 guint               number);
const char *sim_rig_path_ip     (SimRig             *rig,
                                 const char         *hvm);
JsonObject *sim_rig_call        (SimRig             *rig,
                                 const char         *hvm,
                                 const char         *verb,
                                 const char         *command,
                                 ...) G_GNUC_NULL_TERMINATED;
GSubprocess *sim_rig_call_async (SimRig             *rig,
                                 const char         *hvm,
                                 const char         *verb,
                                 const char         *command,
                                 ...) G_GNUC_NULL_TERMINATED;
JsonObject *sim_rig_wait_state  (SimRig             *rig,
                                 const char         *hvm,
                                 const char         *migration,
                                 const char         *state,
                                 guint               timeout_ms);
JsonObject *sim_rig_get_lpar    (SimRig             *rig,
                                 const char         *hvm,
                                 guint               number);

gint64      sim_reply_rc        (JsonObject         *reply);
const char *sim_reply_error_id  (JsonObject         *reply);
const char *sim_reply_message   (JsonObject         *reply);
JsonObject *sim_reply_data      (JsonObject         *reply);
JsonObject *sim_reply_parse     (const char         *text);

void        sim_expect          (JsonObject         *reply,
                                 gint64              rc,
                                 const char         *error_id);

G_END_DECLS
