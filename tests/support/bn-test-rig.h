/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bn-engine.h"
#include "bn-test-support.h"

G_BEGIN_DECLS

/* The demo fleet's blades, one bladesimd each (so one can be killed), relocated to this
 * test's own loopback subnet, with small LPARs, and an engine on a fresh database with
 * them registered. */
typedef struct
{
  char       *dir;
  char       *db;
  char       *fleet_path;
  JsonNode   *fleet;
  GHashTable *sims;     /* HVM ID → BnTestSim */
  BnEngine   *engine;
} BnTestRig;

void bn_test_rig_setup       (BnTestRig          *rig,
                              const char * const *blades);
void bn_test_rig_teardown    (BnTestRig          *rig);
void bn_test_rig_start_blade (BnTestRig          *rig,
                              const char         *id);
void bn_test_rig_update      (BnTestRig          *rig);

G_END_DECLS
