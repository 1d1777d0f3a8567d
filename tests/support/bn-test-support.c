/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-test"

#include "config.h"

#include <signal.h>
#include <sys/prctl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bn-blade-doc.h"
#include "bn-test-support.h"

char *
bn_test_build_path (const char *relative)
{
  const char *root = g_getenv ("BN_BUILD_ROOT");

  g_assert_nonnull (root);
  return g_build_filename (root, relative, NULL);
}

char *
bn_test_source_path (const char *relative)
{
  const char *root = g_getenv ("BN_SOURCE_ROOT");

  g_assert_nonnull (root);
  return g_build_filename (root, relative, NULL);
}

char *
bn_test_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("bn-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
bn_test_rm_rf (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);

      bn_test_rm_rf (child);
      g_object_unref (info);
    }
  g_remove (path);
}

/* 127.A.B: A and B from the process id and an index, so parallel tests don't collide. */
char *
bn_test_subnet (guint index)
{
  guint pid = getpid ();

  return g_strdup_printf ("127.%u.%u", 100 + (pid / 250) % 150, (pid * 4 + index) % 250 + 1);
}

JsonNode *
bn_test_load_json (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

JsonNode *
bn_test_demo_fleet (void)
{
  g_autofree char *path = bn_test_source_path ("data/fleets/demo.json");

  return bn_test_load_json (path);
}

/* Moves every blade to SUBNET.n and every migration path to SUBNET'.n. */
void
bn_test_fleet_relocate (JsonNode *fleet,
                        guint     subnet_index)
{
  g_autofree char *blades_net = bn_test_subnet (subnet_index);
  g_autofree char *paths_net = bn_test_subnet (subnet_index + 1);
  JsonArray *chassis = bn_blade_doc_get_array (json_node_get_object (fleet), "chassis");
  guint n = 0;

  for (guint c = 0; c < json_array_get_length (chassis); c++)
    {
      JsonArray *blades = bn_blade_doc_get_array (json_array_get_object_element (chassis, c),
                                                  "blades");

      for (guint b = 0; b < json_array_get_length (blades); b++)
        {
          JsonObject *blade = json_array_get_object_element (blades, b);
          JsonArray *paths = bn_blade_doc_get_array (blade, "migration_paths");
          JsonObject *mgmt = bn_blade_doc_get_object (blade, "management_path");
          g_autofree char *address = g_strdup_printf ("%s.%u", blades_net, ++n);

          json_object_set_string_member (blade, "address", address);
          /* the two subnets share a /16: narrower masks keep the migration paths off the
           * management LAN, as in the demo (表 6-4 #1) */
          if (mgmt != NULL)
            {
              json_object_set_string_member (mgmt, "ip", address);
              json_object_set_string_member (mgmt, "mask", "255.255.255.0");
            }
          for (guint p = 0; paths && p < json_array_get_length (paths); p++)
            {
              g_autofree char *ip = g_strdup_printf ("%s.%u", paths_net, n);
              JsonObject *path = json_array_get_object_element (paths, p);

              json_object_set_string_member (path, "ip", ip);
              json_object_set_string_member (path, "mask", "255.255.255.0");
            }
        }
    }
}

/* Small LPARs keep the moves quick (the benchmarks move real gigabytes); unlimited paths,
 * so a test that needs a slow move sets its own path_rate_mbps. */
void
bn_test_fleet_shrink (JsonNode *fleet,
                      guint     memory_mb,
                      guint     working_set_mb,
                      double    dirty_mb_per_s)
{
  JsonArray *chassis = bn_blade_doc_get_array (json_node_get_object (fleet), "chassis");

  for (guint c = 0; c < json_array_get_length (chassis); c++)
    {
      JsonArray *blades = bn_blade_doc_get_array (json_array_get_object_element (chassis, c),
                                                  "blades");

      for (guint b = 0; b < json_array_get_length (blades); b++)
        {
          JsonObject *blade = json_array_get_object_element (blades, b);
          JsonArray *lpars = bn_blade_doc_get_array (blade, "lpars");

          json_object_set_int_member (blade, "path_rate_mbps", 0);
          for (guint l = 0; lpars && l < json_array_get_length (lpars); l++)
            {
              JsonObject *lpar = json_array_get_object_element (lpars, l);
              JsonObject *workload = bn_blade_doc_get_object (lpar, "guest.workload");

              json_object_set_int_member (lpar, "memory_mb", memory_mb);
              if (workload != NULL)
                {
                  json_object_set_int_member (workload, "working_set_mb", working_set_mb);
                  json_object_set_double_member (workload, "dirty_mb_per_s", dirty_mb_per_s);
                }
            }
        }
    }
}

JsonNode *
bn_test_fleet_of_copies (const char *blade_id,
                         guint       n,
                         guint       net,
                         GPtrArray  *addresses)
{
  g_autoptr(JsonNode) demo = bn_test_demo_fleet ();
  g_autoptr(JsonNode) template = json_node_init_object (json_node_alloc (),
                                                        bn_test_fleet_find_blade (demo,
                                                                                  blade_id));
  g_autofree char *template_json = json_to_string (template, FALSE);
  /* json_node_copy() shares objects: each copy is parsed anew */
  JsonNode *fleet = json_from_string ("{\"format\":\"bladenav-fleet/1\"}", NULL);
  JsonArray *chassis = json_array_new ();
  JsonArray *blades = NULL;

  json_object_set_array_member (json_node_get_object (fleet), "chassis", chassis);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *copy = json_from_string (template_json, NULL);
      JsonObject *blade = json_node_get_object (copy);
      JsonArray *paths = json_object_get_array_member (blade, "migration_paths");
      char *address = g_strdup_printf ("127.%u.%u.%u", net, i / 200, i % 200 + 1);
      g_autofree char *id = g_strdup_printf ("HVM%04u", i);
      g_autofree char *path_ip = g_strdup_printf ("127.%u.%u.%u", net + 1, i / 200,
                                                  i % 200 + 1);

      json_object_set_string_member (blade, "id", id);
      json_object_set_string_member (blade, "address", address);
      json_object_set_string_member (json_array_get_object_element (paths, 0), "ip", path_ip);
      if (i % 16 == 0)
        {
          JsonObject *ch = json_object_new ();
          g_autofree char *ch_id = g_strdup_printf ("BENCH%02u", i / 16);

          json_object_set_string_member (ch, "id", ch_id);
          json_object_set_string_member (ch, "type", "BS2000");
          blades = json_array_new ();
          json_object_set_array_member (ch, "blades", blades);
          json_array_add_object_element (chassis, ch);
        }
      json_array_add_element (blades, copy);
      g_ptr_array_add (addresses, address);
    }
  return fleet;
}

JsonObject *
bn_test_fleet_find_blade (JsonNode   *fleet,
                          const char *id)
{
  JsonArray *chassis = bn_blade_doc_get_array (json_node_get_object (fleet), "chassis");

  for (guint c = 0; c < json_array_get_length (chassis); c++)
    {
      JsonArray *blades = bn_blade_doc_get_array (json_array_get_object_element (chassis, c),
                                                  "blades");

      for (guint b = 0; b < json_array_get_length (blades); b++)
        {
          JsonObject *blade = json_array_get_object_element (blades, b);

          if (g_strcmp0 (bn_blade_doc_get_string (blade, "id", ""), id) == 0)
            return blade;
        }
    }
  return NULL;
}

char *
bn_test_write_json (JsonNode   *node,
                    const char *dir,
                    const char *name)
{
  g_autofree char *text = json_to_string (node, TRUE);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
read_line_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **line = user_data;
  g_autoptr(GError) error = NULL;

  *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result, NULL,
                                                     &error);
  if (*line == NULL)
    *line = g_strdup ("");
}

static gboolean
timeout_flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* A failed assertion aborts the test without its teardown: the simulator must not outlive
 * it (meson would wait for the pipes it holds). */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* Starts bladesimd and waits for its READY line. */
BnTestSim *
bn_test_sim_start (const char         *fleet_path,
                   const char         *state_dir,
                   const char * const *extra_args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *line = NULL;
  gboolean timed_out = FALSE;
  guint timeout_id;
  BnTestSim *sim = g_new0 (BnTestSim, 1);
  const char *fp;

  g_ptr_array_add (argv, bn_test_build_path ("src/sim/bladesimd"));
  g_ptr_array_add (argv, g_strdup ("--fleet"));
  g_ptr_array_add (argv, g_strdup (fleet_path));
  g_ptr_array_add (argv, g_strdup ("--state-dir"));
  g_ptr_array_add (argv, g_strdup (state_dir));
  g_ptr_array_add (argv, g_strdup ("--timing"));
  g_ptr_array_add (argv, g_strdup ("fast"));
  for (guint i = 0; extra_args && extra_args[i]; i++)
    g_ptr_array_add (argv, g_strdup (extra_args[i]));
  g_ptr_array_add (argv, NULL);

  sim->fleet_path = g_strdup (fleet_path);
  sim->state_dir = g_strdup (state_dir);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  sim->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                               &error);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sim->process));
  g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, read_line_cb, &line);
  timeout_id = g_timeout_add (20000, timeout_flag_cb, &timed_out);
  while (line == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout_id);
  g_assert_false (timed_out);
  if (!g_str_has_prefix (line, "READY "))
    g_error ("bladesimd did not start: “%s”", line);

  sim->n_blades = g_ascii_strtoull (line + 6, NULL, 10);
  fp = strstr (line, "certificate-sha256=");
  if (fp != NULL)
    sim->fingerprint = g_strdup (fp + strlen ("certificate-sha256="));
  return sim;
}

void
bn_test_sim_stop (BnTestSim *sim)
{
  if (sim->process == NULL)
    return;
  g_subprocess_send_signal (sim->process, SIGTERM);
  g_subprocess_wait (sim->process, NULL, NULL);
  g_clear_object (&sim->process);
}

void
bn_test_sim_kill (BnTestSim *sim)
{
  if (sim->process == NULL)
    return;
  g_subprocess_force_exit (sim->process);
  g_subprocess_wait (sim->process, NULL, NULL);
  g_clear_object (&sim->process);
}

void
bn_test_sim_free (BnTestSim *sim)
{
  bn_test_sim_stop (sim);
  g_free (sim->fingerprint);
  g_free (sim->fleet_path);
  g_free (sim->state_dir);
  g_free (sim);
}

void
bn_test_store_result (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

GAsyncResult *
bn_test_wait (GAsyncResult **slot,
              guint          timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_flag_cb, &timed_out);

  while (*slot == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_nonnull (*slot);
  return *slot;
}

/* Runs the built bnctl with --db; returns its exit status. */
int
bn_test_run_bnctl (const char  *db_path,
                   char       **out,
                   char       **err,
                   const char  *first_arg,
                   ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  va_list args;

  g_ptr_array_add (argv, bn_test_build_path ("src/cli/bnctl"));
  if (db_path != NULL)
    {
      g_ptr_array_add (argv, g_strdup ("--db"));
      g_ptr_array_add (argv, g_strdup (db_path));
    }
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &stdout_text, &stderr_text, &error);
  g_assert_no_error (error);
  g_test_message ("bnctl %s → %d\n%s%s", first_arg,
                  g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1,
                  stdout_text, stderr_text);
  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_text);
  return g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1;
}
