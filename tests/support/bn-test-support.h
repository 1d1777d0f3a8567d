/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Shared by the tests: real simulators on loopback, fleets moved onto a 127.x subnet of the
 * test's own (tests run in parallel), and waiting on async results with a deadline. */

typedef struct
{
  GSubprocess *process;
  char        *fingerprint;
  char        *fleet_path;
  char        *state_dir;
  guint        n_blades;
} BnTestSim;

char       *bn_test_build_path        (const char  *relative);
char       *bn_test_source_path       (const char  *relative);
char       *bn_test_tmpdir            (void);
void        bn_test_rm_rf             (const char  *path);
char       *bn_test_subnet            (guint        index);
JsonNode   *bn_test_load_json         (const char  *path);
JsonNode   *bn_test_demo_fleet        (void);
void        bn_test_fleet_relocate    (JsonNode    *fleet,
                                       guint        subnet_index);
void        bn_test_fleet_shrink      (JsonNode    *fleet,
                                       guint        memory_mb,
                                       guint        working_set_mb,
                                       double       dirty_mb_per_s);
/* @n copies of the demo's blade @blade_id, 16 to a chassis, IDs HVM0000…: blades on
 * 127.@net.x.y, their migration path on 127.(@net + 1).x.y; each blade's address is
 * appended to @addresses (strings). */
JsonNode   *bn_test_fleet_of_copies   (const char  *blade_id,
                                       guint        n,
                                       guint        net,
                                       GPtrArray   *addresses);
JsonObject *bn_test_fleet_find_blade  (JsonNode    *fleet,
                                       const char  *id);
char       *bn_test_write_json        (JsonNode    *node,
                                       const char  *dir,
                                       const char  *name);
BnTestSim  *bn_test_sim_start         (const char  *fleet_path,
                                       const char  *state_dir,
                                       const char * const *extra_args);
void        bn_test_sim_stop          (BnTestSim   *sim);
void        bn_test_sim_kill          (BnTestSim   *sim);
void        bn_test_sim_free          (BnTestSim   *sim);
GAsyncResult *bn_test_wait            (GAsyncResult **slot,
                                       guint          timeout_ms);
void        bn_test_store_result      (GObject      *object,
                                       GAsyncResult *result,
                                       gpointer      user_data);
int         bn_test_run_bnctl         (const char  *db_path,
                                       char       **out,
                                       char       **err,
                                       const char  *first_arg,
                                       ...) G_GNUC_NULL_TERMINATED;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BnTestSim, bn_test_sim_free)

G_END_DECLS
