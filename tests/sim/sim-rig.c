/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "bn-blade-doc.h"
#include "sim-rig.h"

void
sim_rig_start (SimRig             *rig,
               SimTweak            tweak,
               const char * const *extra_args)
{
  g_autofree char *path = NULL;
  g_autofree char *state = NULL;

  rig->dir = bn_test_tmpdir ();
  rig->fleet = bn_test_demo_fleet ();
  bn_test_fleet_relocate (rig->fleet, 0);
  bn_test_fleet_shrink (rig->fleet, 128, 16, 1);
  if (tweak != NULL)
    tweak (rig->fleet);
  path = bn_test_write_json (rig->fleet, rig->dir, "fleet.json");
  state = g_build_filename (rig->dir, "state", NULL);
  rig->sim = bn_test_sim_start (path, state, extra_args);
}

void
sim_rig_stop (SimRig *rig)
{
  g_clear_pointer (&rig->sim, bn_test_sim_free);
  g_clear_pointer (&rig->fleet, json_node_unref);
  if (rig->dir != NULL)
    bn_test_rm_rf (rig->dir);
  g_clear_pointer (&rig->dir, g_free);
}

JsonObject *
sim_rig_blade (SimRig     *rig,
               const char *hvm)
{
  JsonObject *blade = bn_test_fleet_find_blade (rig->fleet, hvm);

  g_assert_nonnull (blade);
  return blade;
}

/* The LPAR as the fleet file has it (before the simulator changed anything). */
JsonObject *
sim_rig_lpar (SimRig     *rig,
              const char *hvm,
              guint       number)
{
  JsonObject *lpar = bn_blade_doc_find_lpar (sim_rig_blade (rig, hvm), number);

  g_assert_nonnull (lpar);
  return lpar;
}

const char *
sim_rig_path_ip (SimRig     *rig,
                 const char *hvm)
{
  JsonArray *paths = bn_blade_doc_get_array (sim_rig_blade (rig, hvm), "migration_paths");

  g_assert_true (paths != NULL && json_array_get_length (paths) > 0);
  return bn_blade_doc_get_string (json_array_get_object_element (paths, 0), "ip", NULL);
}

static GPtrArray *
bnctl_argv (SimRig     *rig,
            const char *hvm,
            const char *verb,
            const char *command,
            va_list     args)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, bn_test_build_path ("src/cli/bnctl"));
  g_ptr_array_add (argv, g_strdup ("--json"));
  g_ptr_array_add (argv, g_strdup ("hvmsh"));
  g_ptr_array_add (argv, g_strdup_printf ("-host=%s",
                                          bn_blade_doc_get_string (sim_rig_blade (rig, hvm),
                                                                   "address", "")));
  g_ptr_array_add (argv, g_strdup ("--fingerprint"));
  g_ptr_array_add (argv, g_strdup (rig->sim->fingerprint));
  g_ptr_array_add (argv, g_strdup (verb));
  g_ptr_array_add (argv, g_strdup (command));
  for (const char *arg = va_arg (args, const char *); arg != NULL;
       arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  g_ptr_array_add (argv, NULL);
  return argv;
}

JsonObject *
sim_reply_parse (const char *text)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  node = json_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_true (node != NULL && JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

/* One request; the blade's reply object. */
JsonObject *
sim_rig_call (SimRig     *rig,
              const char *hvm,
              const char *verb,
              const char *command,
              ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list args;

  va_start (args, command);
  argv = bnctl_argv (rig, hvm, verb, command, args);
  va_end (args);
  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("%s: %s %s → %s%s", hvm, verb, command, out, err);
  return sim_reply_parse (out);
}

/* The same, left running: the caller collects the reply with sim_reply_parse() once the
 * process is done. */
GSubprocess *
sim_rig_call_async (SimRig     *rig,
                    const char *hvm,
                    const char *verb,
                    const char *command,
                    ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *proc;
  va_list args;

  va_start (args, command);
  argv = bnctl_argv (rig, hvm, verb, command, args);
  va_end (args);
  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                            &error);
  g_assert_no_error (error);
  return proc;
}

gint64
sim_reply_rc (JsonObject *reply)
{
  return bn_blade_doc_get_int (reply, "rc", -1);
}

const char *
sim_reply_error_id (JsonObject *reply)
{
  return bn_blade_doc_get_string (reply, "error.id", NULL);
}

const char *
sim_reply_message (JsonObject *reply)
{
  return bn_blade_doc_get_string (reply, "message", "");
}

JsonObject *
sim_reply_data (JsonObject *reply)
{
  return bn_blade_doc_get_object (reply, "data");
}

/* Asserts the reply's rc and, unless ERROR_ID is NULL, its error.id ("" for none); frees
 * the reply. */
void
sim_expect (JsonObject *reply,
            gint64      rc,
            const char *error_id)
{
  g_assert_cmpint (sim_reply_rc (reply), ==, rc);
  if (error_id != NULL)
    g_assert_cmpstr (sim_reply_error_id (reply), ==, *error_id ? error_id : NULL);
  json_object_unref (reply);
}

/* Polls MigrationStatus until the migration reaches STATE (a final state other than the
 * one awaited fails the test); returns its last data. */
JsonObject *
sim_rig_wait_state (SimRig     *rig,
                    const char *hvm,
                    const char *migration,
                    const char *state,
                    guint       timeout_ms)
{
  g_autofree char *arg = g_strdup_printf ("migration=%s", migration);
  gint64 deadline = g_get_monotonic_time () + timeout_ms * G_GINT64_CONSTANT (1000);

  for (;;)
    {
      g_autoptr(JsonObject) reply = sim_rig_call (rig, hvm, "get", "MigrationStatus", arg, NULL);
      JsonObject *data = sim_reply_data (reply);
      const char *now;

      g_assert_cmpint (sim_reply_rc (reply), ==, 0);
      now = bn_blade_doc_get_string (data, "state", "");
      if (g_str_equal (now, state))
        return json_object_ref (data);
      if (g_get_monotonic_time () > deadline)
        g_error ("migration %s on %s: still “%s” after %u ms, expected “%s”", migration,
                 hvm, now, timeout_ms, state);
      g_usleep (100 * 1000);
    }
}

/* The LPAR as the blade serves it now. */
JsonObject *
sim_rig_get_lpar (SimRig     *rig,
                  const char *hvm,
                  guint       number)
{
  g_autofree char *arg = g_strdup_printf ("lpar=%u", number);
  g_autoptr(JsonObject) reply = sim_rig_call (rig, hvm, "get", "LparConfig", arg, NULL);

  g_assert_cmpint (sim_reply_rc (reply), ==, 0);
  return json_object_ref (sim_reply_data (reply));
}
