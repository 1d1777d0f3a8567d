/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-demo"

#include "config.h"

#include <signal.h>
#include <sys/prctl.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "bn-blade-doc.h"
#include "bn-demo.h"
#include "bn-error.h"

#define READY_TIMEOUT_S 30

struct _BnDemo
{
  GObject      parent_instance;
  char        *directory;
  char        *bladesimd;
  GSubprocess *simulator;
  JsonNode    *fleet;
  char        *fingerprint;
  guint        subnet;
};

G_DEFINE_FINAL_TYPE (BnDemo, bn_demo, G_TYPE_OBJECT)

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
bn_demo_dispose (GObject *object)
{
  BnDemo *self = (BnDemo *) object;

  bn_demo_stop (self);
  if (self->directory != NULL)
    remove_tree (self->directory);

  G_OBJECT_CLASS (bn_demo_parent_class)->dispose (object);
}

static void
bn_demo_finalize (GObject *object)
{
  BnDemo *self = (BnDemo *) object;

  g_free (self->directory);
  g_free (self->bladesimd);
  g_free (self->fingerprint);
  g_clear_pointer (&self->fleet, json_node_unref);

  G_OBJECT_CLASS (bn_demo_parent_class)->finalize (object);
}

static void
bn_demo_class_init (BnDemoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bn_demo_dispose;
  object_class->finalize = bn_demo_finalize;
}

static void
bn_demo_init (BnDemo *self)
{
}

/* Next to our executable (installed, or src/sim/ beside src/ui/ in the build tree), then
 * the build tree this binary came from, then PATH. */
char *
bn_demo_find_bladesimd (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *exe_dir = exe ? g_path_get_dirname (exe) : NULL;
  g_autofree char *candidates[4] = { NULL };

  if (exe_dir != NULL)
    {
      candidates[0] = g_build_filename (exe_dir, "bladesimd", NULL);
      candidates[1] = g_build_filename (exe_dir, "..", "sim", "bladesimd", NULL);
    }
  candidates[2] = g_build_filename (BN_BUILD_BINDIR, "sim", "bladesimd", NULL);
  candidates[3] = g_build_filename (BN_BINDIR, "bladesimd", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (candidates[i] != NULL && g_file_test (candidates[i], G_FILE_TEST_IS_EXECUTABLE))
      {
        g_autofree char *dir = g_path_get_dirname (candidates[i]);
        g_autofree char *base = g_path_get_basename (candidates[i]);
        g_autofree char *canonical = g_canonicalize_filename (dir, NULL);

        return g_build_filename (canonical, base, NULL);
      }
  return g_find_program_in_path ("bladesimd");
}

BnDemo *
bn_demo_new (GError **error)
{
  g_autoptr(BnDemo) self = g_object_new (BN_TYPE_DEMO, NULL);

  self->bladesimd = bn_demo_find_bladesimd ();
  if (self->bladesimd == NULL)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_NOT_FOUND,
                   _("The blade simulator bladesimd was found neither next to "
                     "blade-navigator nor on PATH"));
      return NULL;
    }
  self->directory = g_dir_make_tmp ("blade-navigator-demo-XXXXXX", error);
  if (self->directory == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

/* Moves the example fleet from 127.10.x.y (blades) and 127.20.x.y (migration paths) to
 * 127.N.x.y and 127.N+10.x.y, so that a demo can run beside another one or the tests. */
void
bn_demo_set_subnet (BnDemo *self,
                    guint   second_octet)
{
  g_return_if_fail (BN_IS_DEMO (self));
  g_return_if_fail (second_octet <= 245);

  self->subnet = second_octet;
}

static gboolean
relocate_cb (const GMatchInfo *match,
             GString          *result,
             gpointer          user_data)
{
  BnDemo *self = user_data;
  g_autofree char *octet = g_match_info_fetch (match, 1);
  guint64 n = g_ascii_strtoull (octet, NULL, 10);

  g_string_append_printf (result, "\"127.%u.", (guint) (self->subnet + (n >= 10 ? n - 10 : n)));
  return FALSE;
}

static char *
relocate (BnDemo     *self,
          const char *text)
{
  g_autoptr(GRegex) regex = g_regex_new ("\"127\\.(\\d+)\\.", 0, 0, NULL);

  return g_regex_replace_eval (regex, text, -1, 0, 0, relocate_cb, self, NULL);
}

const char *
bn_demo_get_directory (BnDemo *self)
{
  return self->directory;
}

char *
bn_demo_get_database_path (BnDemo *self)
{
  return g_build_filename (self->directory, "navigator.db", NULL);
}

/* The simulator must not outlive a console that crashes. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

typedef struct
{
  GDataInputStream *out;
  guint             timeout_id;
} StartData;

static void
start_data_free (StartData *data)
{
  g_clear_object (&data->out);
  g_clear_handle_id (&data->timeout_id, g_source_remove);
  g_free (data);
}

static gboolean
ready_timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  StartData *data = g_task_get_task_data (task);

  data->timeout_id = 0;
  g_cancellable_cancel (g_task_get_cancellable (task));
  return G_SOURCE_REMOVE;
}

static void
ready_line_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BnDemo *self = g_task_get_source_object (task);
  StartData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  const char *fp;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result, NULL,
                                                    &error);
  g_clear_handle_id (&data->timeout_id, g_source_remove);
  if (line == NULL || !g_str_has_prefix (line, "READY "))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_new_error (task, BN_ERROR, BN_ERROR_TIMED_OUT,
                                 _("The blade simulator did not start within %d seconds"),
                                 READY_TIMEOUT_S);
      else
        g_task_return_new_error (task, BN_ERROR, BN_ERROR_FAILED,
                                 _("The blade simulator did not start (see its messages on "
                                   "standard error)"));
      bn_demo_stop (self);
      return;
    }
  fp = strstr (line, "certificate-sha256=");
  if (fp != NULL && strcmp (fp + strlen ("certificate-sha256="), "none") != 0)
    self->fingerprint = g_strdup (fp + strlen ("certificate-sha256="));
  g_task_return_boolean (task, TRUE);
}

static void
example_fleet_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BnDemo *self = g_task_get_source_object (task);
  StartData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fleet_path = NULL;
  g_autofree char *state_dir = NULL;

  if (!g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &text, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (self->subnet != 0)
    {
      char *moved = relocate (self, text);

      g_free (text);
      text = moved;
    }
  self->fleet = json_from_string (text, &error);
  if (self->fleet == NULL || !JSON_NODE_HOLDS_OBJECT (self->fleet))
    {
      g_task_return_new_error (task, BN_ERROR, BN_ERROR_INVALID_DATA,
                               _("bladesimd --example-fleet printed no fleet: %s"),
                               error ? error->message : "");
      return;
    }

  fleet_path = g_build_filename (self->directory, "fleet.json", NULL);
  state_dir = g_build_filename (self->directory, "state", NULL);
  if (!g_file_set_contents (fleet_path, text, -1, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  self->simulator = g_subprocess_launcher_spawn (launcher, &error, self->bladesimd,
                                                 "--fleet", fleet_path,
                                                 "--state-dir", state_dir, NULL);
  if (self->simulator == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->simulator));
  data->timeout_id = g_timeout_add_seconds (READY_TIMEOUT_S, ready_timeout_cb, task);
  g_data_input_stream_read_line_async (data->out, G_PRIORITY_DEFAULT,
                                       g_task_get_cancellable (task), ready_line_cb,
                                       g_object_ref (task));
}

static void
forward_cancel (GCancellable *cancellable,
                GCancellable *own)
{
  g_cancellable_cancel (own);
}

/* Writes the example fleet into the demo directory, starts bladesimd on it and waits for
 * its READY line, without blocking the main loop. */
void
bn_demo_start_async (BnDemo              *self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GSubprocess) example = NULL;
  g_autoptr(GCancellable) own = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (BN_IS_DEMO (self));

  /* the task's cancellable doubles as the READY timeout */
  own = g_cancellable_new ();
  if (cancellable != NULL)
    g_cancellable_connect (cancellable, G_CALLBACK (forward_cancel), g_object_ref (own),
                           g_object_unref);
  task = g_task_new (self, own, callback, user_data);
  g_task_set_source_tag (task, bn_demo_start_async);
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, g_new0 (StartData, 1), (GDestroyNotify) start_data_free);

  example = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, self->bladesimd,
                              "--example-fleet", NULL);
  if (example == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_subprocess_communicate_utf8_async (example, NULL, own, example_fleet_cb,
                                       g_steal_pointer (&task));
}

gboolean
bn_demo_start_finish (BnDemo        *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Registers every blade of the example fleet, pinned to the simulator's certificate. */
guint
bn_demo_register (BnDemo   *self,
                  BnFleet  *fleet,
                  GError  **error)
{
  JsonArray *chassis;
  guint n = 0;

  g_return_val_if_fail (self->fleet != NULL, 0);

  chassis = bn_blade_doc_get_array (json_node_get_object (self->fleet), "chassis");
  for (guint c = 0; chassis && c < json_array_get_length (chassis); c++)
    {
      JsonArray *blades = bn_blade_doc_get_array (json_array_get_object_element (chassis, c),
                                                  "blades");

      for (guint b = 0; blades && b < json_array_get_length (blades); b++)
        {
          JsonObject *blade = json_array_get_object_element (blades, b);
          const char *id = bn_blade_doc_get_string (blade, "id", NULL);

          if (bn_fleet_find_hvm (fleet, id) != NULL)
            continue;
          if (bn_fleet_add_hvm (fleet, id, bn_blade_doc_get_string (blade, "address", NULL),
                                bn_blade_doc_get_int (blade, "port", 23250), NULL,
                                self->fingerprint, error) == NULL)
            return n;
          n++;
        }
    }
  return n;
}

void
bn_demo_stop (BnDemo *self)
{
  if (self->simulator == NULL)
    return;
  g_subprocess_send_signal (self->simulator, SIGTERM);
  /* bladesimd stops its listeners and exits at once on SIGTERM */
  g_subprocess_wait (self->simulator, NULL, NULL);
  g_clear_object (&self->simulator);
}
