/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bn-blade-doc.h"
#include "bn-test-rig.h"

void
bn_test_rig_start_blade (BnTestRig  *f,
                         const char *id)
{
  g_autofree char *state = g_build_filename (f->dir, id, NULL);
  const char *args[] = { "--blade", id, NULL };

  g_hash_table_replace (f->sims, g_strdup (id), bn_test_sim_start (f->fleet_path, state, args));
}

void
bn_test_rig_setup (BnTestRig          *f,
                   const char * const *blades)
{
  g_autoptr(GError) error = NULL;

  f->dir = bn_test_tmpdir ();
  f->db = g_build_filename (f->dir, "navigator.db", NULL);
  f->fleet = bn_test_demo_fleet ();
  bn_test_fleet_relocate (f->fleet, 0);
  bn_test_fleet_shrink (f->fleet, 128, 32, 4);
  f->fleet_path = bn_test_write_json (f->fleet, f->dir, "fleet.json");
  f->sims = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) bn_test_sim_free);
  f->engine = bn_engine_new (f->db, &error);
  g_assert_no_error (error);
  g_assert_true (bn_options_set (bn_engine_get_options (f->engine), BN_OPTION_HVM_TIMEOUT, "5",
                                 &error));
  g_assert_true (bn_options_set (bn_engine_get_options (f->engine), BN_OPTION_MONITOR_PERIOD,
                                 "100", &error));
  for (guint i = 0; blades[i] != NULL; i++)
    {
      JsonObject *blade = bn_test_fleet_find_blade (f->fleet, blades[i]);

      bn_test_rig_start_blade (f, blades[i]);
      bn_fleet_add_hvm (bn_engine_get_fleet (f->engine), blades[i],
                        json_object_get_string_member (blade, "address"), 23250, NULL, NULL,
                        &error);
      g_assert_no_error (error);
    }
}

void
bn_test_rig_teardown (BnTestRig *f)
{
  g_clear_object (&f->engine);
  g_hash_table_unref (f->sims);
  json_node_unref (f->fleet);
  bn_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->fleet_path);
}

void
bn_test_rig_update (BnTestRig *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  BnFleet *fleet = bn_engine_get_fleet (f->engine);

  bn_fleet_update_async (fleet, NULL, bn_test_store_result, &result);
  bn_fleet_update_finish (fleet, bn_test_wait (&result, 30000), NULL, NULL);
}

