/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bnctl"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bn-error.h"
#include "bn-guest-settings.h"
#include "bnctl.h"

/* migrate, rehearsal, connectivity-test, recover, rollback-wwn, extend, cancel:
 * everything that runs through the Migration Service, with progress on the terminal (or
 * NDJSON events with --json). */

/* "HVM:LPAR" or "HVM" (LPAR 0). */
gboolean
bnctl_parse_target (const char  *text,
              gboolean     lpar_required,
              char       **hvm,
              guint       *lpar,
              GError     **error)
{
  const char *colon = text ? strrchr (text, ':') : NULL;
  guint64 number = 0;

  if (text == NULL || *text == '\0')
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT, "An HVM_ID:LPAR is required");
      return FALSE;
    }
  if (colon == NULL)
    {
      if (lpar_required)
        {
          g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                       "“%s” names no LPAR: write HVM_ID:LPAR", text);
          return FALSE;
        }
      *hvm = g_strdup (text);
      *lpar = 0;
      return TRUE;
    }
  if (g_str_equal (colon + 1, "auto") && !lpar_required)
    number = 0;
  else if (!g_ascii_string_to_unsigned (colon + 1, 10, 1, 60, &number, NULL))
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                   "“%s” is not an LPAR number (1-60) or auto", colon + 1);
      return FALSE;
    }
  *hvm = g_strndup (text, colon - text);
  *lpar = number;
  return TRUE;
}

gboolean
bnctl_check_group (int      group,
                   GError **error)
{
  if (group >= -1 && group <= 63)
    return TRUE;
  g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
               "--group is a processor group from 0 to 63, not %d", group);
  return FALSE;
}

struct _BnctlWatch
{
  Bnctl       *ctl;
  BnMigration *run;
  char        *last_step;
  gboolean     tty;
  gulong       step_id;
  gulong       sample_id;
};

typedef BnctlWatch Watch;

/* One NDJSON event line on stdout (--json). */
void
bnctl_emit_event (const char *type,
                  JsonObject *fields)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *line = NULL;

  json_object_set_string_member (fields, "event", type);
  node = json_node_init_object (json_node_alloc (), fields);
  line = json_to_string (node, FALSE);
  g_print ("%s\n", line);
  fflush (stdout);
}

static void
emit_event (Watch      *watch,
            const char *type,
            JsonObject *fields)
{
  json_object_set_string_member (fields, "migration", bn_migration_get_id (watch->run));
  bnctl_emit_event (type, fields);
}

static void
step_changed_cb (BnMigration *run,
                 GParamSpec  *pspec,
                 Watch       *watch)
{
  const char *step = bn_migration_get_step_id (run);

  if (step == NULL || g_strcmp0 (step, watch->last_step) == 0)
    return;
  g_free (watch->last_step);
  watch->last_step = g_strdup (step);
  if (watch->ctl->json)
    {
      g_autoptr(JsonObject) obj = json_object_new ();

      json_object_set_string_member (obj, "step", step);
      json_object_set_string_member (obj, "information", bn_migration_get_information (run));
      emit_event (watch, "stage", obj);
    }
  else
    {
      if (watch->tty)
        g_print ("\n");
      g_print ("%s\n", bn_migration_get_information (run));
    }
}

static char *
progress_bar (double fraction)
{
  GString *bar = g_string_new ("[");
  guint filled = (guint) (CLAMP (fraction, 0, 1) * 30);

  for (guint i = 0; i < 30; i++)
    g_string_append (bar, i < filled ? "#" : "-");
  g_string_append_printf (bar, "] %3.0f%%", CLAMP (fraction, 0, 1) * 100);
  return g_string_free (bar, FALSE);
}

static void
samples_changed_cb (GListModel *samples,
                    guint       position,
                    guint       removed,
                    guint       added,
                    Watch      *watch)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(BnMonitorSample) s = g_list_model_get_item (samples, i);
      guint64 total = bn_monitor_sample_get_total_bytes (s);
      guint64 dirty = bn_monitor_sample_get_remaining_dirty_bytes (s);

      if (watch->ctl->json)
        {
          g_autoptr(JsonObject) obj = json_object_new ();

          json_object_set_int_member (obj, "elapsed_ms", bn_monitor_sample_get_elapsed_ms (s));
          json_object_set_string_member (obj, "phase", bn_monitor_sample_get_stage (s));
          json_object_set_int_member (obj, "round", bn_monitor_sample_get_round (s));
          json_object_set_int_member (obj, "total_bytes", total);
          json_object_set_int_member (obj, "transferred_bytes",
                                      bn_monitor_sample_get_transferred_bytes (s));
          json_object_set_int_member (obj, "remaining_dirty_bytes", dirty);
          json_object_set_double_member (obj, "transfer_rate",
                                         bn_monitor_sample_get_transfer_rate (s));
          json_object_set_double_member (obj, "dirty_rate", bn_monitor_sample_get_dirty_rate (s));
          json_object_set_double_member (obj, "expected_suspend_ms",
                                         bn_monitor_sample_get_expected_suspend_ms (s));
          json_object_set_int_member (obj, "timeout_s", bn_monitor_sample_get_timeout_s (s));
          emit_event (watch, "sample", obj);
        }
      else
        {
          g_autofree char *bar = progress_bar (total ? 1.0 - (double) dirty / total : 0);

          g_print ("%s%s round %u, %.0f MB/s, dirty %.1f MiB, %u s left of the timeout%s",
                   watch->tty ? "\r" : "", bar, bn_monitor_sample_get_round (s),
                   bn_monitor_sample_get_transfer_rate (s) / 1e6, dirty / 1048576.0,
                   (guint) MAX (0, (gint64) bn_monitor_sample_get_timeout_s (s) -
                                   bn_monitor_sample_get_elapsed_ms (s) / 1000),
                   watch->tty ? "" : "\n");
          fflush (stdout);
        }
    }
}

static int print_outcome (Bnctl *ctl,
                          Watch *watch);

/* Shows a run's stages and samples on the terminal (or as events) until
 * bnctl_watch_finish(). */
BnctlWatch *
bnctl_watch_new (Bnctl       *ctl,
                 BnMigration *run)
{
  Watch *watch = g_new0 (Watch, 1);

  watch->ctl = ctl;
  watch->run = g_object_ref (run);
  watch->tty = isatty (STDOUT_FILENO) && !ctl->json;
  watch->step_id = g_signal_connect (run, "notify::step-id", G_CALLBACK (step_changed_cb), watch);
  watch->sample_id = g_signal_connect (bn_migration_get_samples (run), "items-changed",
                                       G_CALLBACK (samples_changed_cb), watch);
  step_changed_cb (run, NULL, watch);
  return watch;
}

/* Prints the outcome of a finished run, frees @watch and returns the exit code. */
int
bnctl_watch_finish (BnctlWatch *watch)
{
  BnMigration *run = watch->run;
  int code;

  g_signal_handler_disconnect (run, watch->step_id);
  g_signal_handler_disconnect (bn_migration_get_samples (run), watch->sample_id);
  code = print_outcome (watch->ctl, watch);
  g_free (watch->last_step);
  g_object_unref (watch->run);
  g_free (watch);
  return code;
}

/* Follows a run to its end on the terminal; returns the exit code. */
static int
watch_run (Bnctl       *ctl,
           BnMigration *run)
{
  BnctlWatch *watch = bnctl_watch_new (ctl, run);

  while (!bn_migration_is_finished (run))
    g_main_context_iteration (NULL, TRUE);
  return bnctl_watch_finish (watch);
}

static int
print_outcome (Bnctl *ctl,
               Watch *watch)
{
  BnMigration *run = watch->run;
  JsonObject *result;

  result = bn_migration_get_result (run);
  if (ctl->json)
    {
      g_autoptr(JsonObject) obj = json_object_new ();

      json_object_set_string_member (obj, "state", bn_run_state_to_string (bn_migration_get_state (run)));
      json_object_set_string_member (obj, "completion", bn_migration_get_completion_text (run));
      json_object_set_string_member (obj, "error", bn_migration_get_error_line (run));
      json_object_set_string_member (obj, "error_id", bn_migration_get_error_id (run));
      json_object_set_string_member (obj, "remedy", bn_migration_get_error_remedy (run));
      json_object_set_int_member (obj, "destination_lpar", bn_migration_get_destination_lpar (run));
      json_object_set_object_member (obj, "details", json_object_ref (result));
      emit_event (watch, "result", obj);
    }
  else
    {
      if (watch->tty)
        g_print ("\n");
      if (bn_migration_get_completion_text (run) != NULL)
        g_print ("%s\n", bn_migration_get_completion_text (run));
      if (bn_migration_get_error_line (run) != NULL)
        g_printerr ("%s\n%s\n", bn_migration_get_error_line (run),
                    bn_migration_get_error_remedy (run) ? bn_migration_get_error_remedy (run) : "");
      if (json_object_has_member (result, "suspend_ms"))
        g_print ("Suspend time: %.1f ms\n", json_object_get_double_member (result, "suspend_ms"));
      if (json_object_has_member (result, "send_mbps"))
        g_print ("Migration path: send %.0f Mbps, receive %.0f Mbps, round trip %.0f µs\n",
                 json_object_get_double_member (result, "send_mbps"),
                 json_object_get_double_member (result, "receive_mbps"),
                 json_object_get_double_member (result, "round_trip_us"));
      if (json_object_has_member (result, "action"))
        g_print ("Recovery action: %s\n", json_object_get_string_member (result, "action"));
    }

  switch (bn_migration_get_state (run))
    {
    case BN_RUN_STATE_SUCCEEDED:
      return BNCTL_EXIT_OK;
    case BN_RUN_STATE_CANCELED:
      return BNCTL_EXIT_CANCELLED;
    default:
      {
        /* busy blades and 表 5-2 refusals are "try later" (5); the rest by their kind */
        GQuark domain;
        int code;

        if (bn_migration_get_error_kind (run, &domain, &code) && domain == BN_ERROR)
          {
            g_autoptr(GError) kind = g_error_new_literal (domain, code, "");

            if (code != BN_ERROR_NOT_FOUND && code != BN_ERROR_EXISTS &&
                code != BN_ERROR_INVALID_ARGUMENT)
              return bnctl_exit_for_error (kind);
          }
        return BNCTL_EXIT_FAILED;
      }
    }
}

/* Update, start, watch: the common tail of every command here. */
static int
start_and_watch (Bnctl              *ctl,
                 BnMigrationRequest *request)
{
  g_autoptr(GError) error = NULL;
  BnEngine *engine = bnctl_get_engine (ctl, &error);
  BnMigration *run;

  if (engine == NULL || !bnctl_update (engine, NULL, &error))
    return bnctl_fail (ctl, error);
  run = bn_migration_service_start (bn_engine_get_migration_service (engine), request, &error);
  if (run == NULL)
    return bnctl_fail (ctl, error);
  return watch_run (ctl, run);
}

gboolean
bnctl_read_password_file (const char  *path,
                          char       **password,
                          GError     **error)
{
  g_autofree char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, error))
    return FALSE;
  g_strchomp (contents);
  *password = g_steal_pointer (&contents);
  return TRUE;
}

void
bnctl_move_options_clear (BnctlMoveOptions *o)
{
  g_clear_pointer (&o->mode, g_free);
  g_clear_pointer (&o->guest_os, g_free);
  g_clear_pointer (&o->guest_ip, g_free);
  g_clear_pointer (&o->guest_user, g_free);
  g_clear_pointer (&o->password_file, g_free);
  g_clear_pointer (&o->key_file, g_free);
  g_clear_pointer (&o->entries, g_free);
}

/* The Guest OS Information options (§4.2.1), shared by the move options and guest save. */
static void
add_guest_entries (GArray           *entries,
                   BnctlMoveOptions *o)
{
  const GOptionEntry guest[] = {
    { "guest-os", 0, 0, G_OPTION_ARG_STRING, &o->guest_os, "Shut the guest down first: linux or windows", "OS" },
    { "guest-ip", 0, 0, G_OPTION_ARG_STRING, &o->guest_ip, "Guest OS address", "IP" },
    { "guest-port", 0, 0, G_OPTION_ARG_INT, &o->guest_port, "Guest OS SSH or WS-Man port", "N" },
    { "guest-user", 0, 0, G_OPTION_ARG_STRING, &o->guest_user, "Guest OS user", "USER" },
    { "key-file", 0, 0, G_OPTION_ARG_FILENAME, &o->key_file, "Linux: SSH private key (ed25519/ecdsa)", "FILE" },
    { "forced", 0, 0, G_OPTION_ARG_NONE, &o->forced, "Forced shutdown", NULL },
  };

  g_array_append_vals (entries, guest, G_N_ELEMENTS (guest));
}

static GOptionEntry *
finish_entries (BnctlMoveOptions *o,
                GArray           *entries)
{
  g_free (o->entries);
  o->entries = (GOptionEntry *) g_array_free (entries, FALSE);
  return o->entries;
}

/* The options of a move, shared by migrate and policy add.  @o must be zeroed.  A single
 * move (@single) also takes a password file and the saved Guest OS Information; a policy is
 * stored, so it never takes a password. */
GOptionEntry *
bnctl_move_options_entries (BnctlMoveOptions *o,
                            gboolean          single)
{
  const GOptionEntry move[] = {
    { "mode", 0, 0, G_OPTION_ARG_STRING, &o->mode, "shutdown or concurrent", "MODE" },
    { "no-activate", 0, 0, G_OPTION_ARG_NONE, &o->no_activate, "Leave the destination LPAR deactivated (Shutdown)", NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &o->timeout, "Migration timeout in seconds", "S" },
    { "max-suspend", 0, 0, G_OPTION_ARG_INT, &o->max_suspend, "Maximum suspend time (Concurrent)", "MS" },
    { "group", 0, 0, G_OPTION_ARG_INT, &o->group, "Destination processor group", "N" },
  };
  const GOptionEntry single_move[] = {
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &o->password_file, "File holding the guest password", "FILE" },
    { "saved-guest", 0, 0, G_OPTION_ARG_NONE, &o->saved_guest, "Shut the guest down with the Guest OS Information saved for the source LPAR", NULL },
  };
  GArray *entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));

  o->group = -1;
  g_array_append_vals (entries, move, G_N_ELEMENTS (move));
  add_guest_entries (entries, o);
  if (single)
    g_array_append_vals (entries, single_move, G_N_ELEMENTS (single_move));
  return finish_entries (o, entries);
}

/* The options of guest save: the Guest OS Information and its password. */
GOptionEntry *
bnctl_guest_options_entries (BnctlMoveOptions *o)
{
  const GOptionEntry password[] = {
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &o->password_file, "File holding the guest password (saved in the keyring)", "FILE" },
  };
  GArray *entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));

  add_guest_entries (entries, o);
  g_array_append_vals (entries, password, G_N_ELEMENTS (password));
  return finish_entries (o, entries);
}

/* Fills the guest_* fields of @request from --guest-os and its companions. */
gboolean
bnctl_guest_options_apply (BnctlMoveOptions    *o,
                           BnMigrationRequest  *request,
                           GError             **error)
{
  const char *problem = NULL;

  if (o->guest_os == NULL || (!g_str_equal (o->guest_os, "linux") &&
                              !g_str_equal (o->guest_os, "windows")))
    problem = "--guest-os must be linux or windows";
  else if (o->guest_ip == NULL || !g_hostname_is_ip_address (o->guest_ip) || o->guest_user == NULL)
    problem = "--guest-os needs --guest-ip ADDRESS and --guest-user";
  else if (o->guest_port < 0 || o->guest_port > 65535)
    problem = "--guest-port must be 0-65535";
  else if (o->forced && !g_str_equal (o->guest_os, "windows"))
    problem = "--forced applies to Windows guests only (§4.2.1)";
  if (problem != NULL)
    {
      g_set_error_literal (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT, problem);
      return FALSE;
    }
  request->guest_os = g_str_equal (o->guest_os, "windows") ? BN_GUEST_OS_WINDOWS
                                                          : BN_GUEST_OS_LINUX;
  g_free (request->guest_key_file);
  request->guest_key_file = g_strdup (o->key_file);
  g_free (request->guest_address);
  request->guest_address = g_strdup (o->guest_ip);
  request->guest_port = o->guest_port;
  g_free (request->guest_user);
  request->guest_user = g_strdup (o->guest_user);
  request->forced_shutdown = o->forced;
  return TRUE;
}

/* Fills @request from parsed options: SRC and DST are "HVM:LPAR" and "HVM[:LPAR|auto]".
 * Errors are BN_ERROR_INVALID_ARGUMENT (exit code 2).  --saved-guest is left to the caller,
 * which has the database. */
gboolean
bnctl_move_options_apply (BnctlMoveOptions    *o,
                          const char          *src,
                          const char          *dst,
                          BnMigrationRequest  *request,
                          GError             **error)
{
  if (!bn_migration_mode_from_string (o->mode, &request->mode))
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                   "--mode must be shutdown or concurrent");
      return FALSE;
    }
  if (!bnctl_parse_target (src, TRUE, &request->source_hvm, &request->source_lpar, error) ||
      !bnctl_parse_target (dst, FALSE, &request->destination_hvm, &request->destination_lpar,
                           error))
    return FALSE;
  if (!bnctl_check_group (o->group, error))
    return FALSE;
  if (o->timeout < 0 || o->max_suspend < 0)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                   "--timeout and --max-suspend take positive numbers");
      return FALSE;
    }
  request->timeout_s = o->timeout;
  request->max_suspend_ms = o->max_suspend;
  request->processor_group = o->group;
  request->activate_destination = !o->no_activate;
  if (o->guest_os == NULL && !o->saved_guest)
    return TRUE;

  if (request->mode != BN_MIGRATION_MODE_SHUTDOWN)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                   "A remote guest shutdown belongs to Shutdown mode");
      return FALSE;
    }
  if (o->saved_guest && o->guest_os != NULL)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                   "Give --saved-guest or --guest-os, not both");
      return FALSE;
    }
  if ((o->guest_os != NULL && !bnctl_guest_options_apply (o, request, error)) ||
      (o->password_file != NULL &&
       !bnctl_read_password_file (o->password_file, &request->guest_password, error)))
    return FALSE;
  request->shutdown_guest = TRUE;
  return TRUE;
}

/* --saved-guest: what guest save (or the console's Save) stored for the source LPAR, with
 * the password from the keyring unless --password-file gave one. */
static gboolean
apply_saved_guest (BnEngine            *engine,
                   BnMigrationRequest  *request,
                   GError             **error)
{
  BnGuestSettings *settings = bn_engine_get_guest_settings (engine);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) local_error = NULL;

  bn_guest_settings_fill_request_async (settings, request, NULL, bnctl_store_result, &result);
  if (bn_guest_settings_fill_request_finish (settings, bnctl_wait (&result), &local_error))
    return TRUE;
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error (error, BN_ERROR, BN_ERROR_NOT_FOUND,
                 "No Guest OS Information is saved for %s:%u (bnctl guest save)",
                 request->source_hvm, request->source_lpar);
  return FALSE;
}

static int
cmd_migrate (Bnctl  *ctl,
             int     argc,
             char  **argv)
{
  const char *usage = "migrate --mode shutdown|concurrent SRC_HVM:LPAR DST_HVM[:LPAR|auto] "
                      "[--no-activate] [--guest-os linux|windows --guest-ip IP [--guest-port N] "
                      "--guest-user USER --password-file FILE|--key-file FILE [--forced] | "
                      "--saved-guest [--password-file FILE]] [--timeout S] "
                      "[--max-suspend MS] [--group N]";
  g_auto(BnctlMoveOptions) options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(BnMigrationRequest) request = bn_migration_request_new (BN_OPERATION_MIGRATION);

  if (!bnctl_parse_options (ctl, usage, bnctl_move_options_entries (&options, TRUE), &argc, &argv,
                            &error))
    return bnctl_fail (ctl, error);
  if (argc != 3)
    return bnctl_usage_error (usage, "give the source HVM:LPAR and the destination HVM[:LPAR]");
  if (!bnctl_move_options_apply (&options, argv[1], argv[2], request, &error))
    return bnctl_usage_error (usage, "%s", error->message);
  if (options.saved_guest)
    {
      BnEngine *engine = bnctl_get_engine (ctl, &error);

      if (engine == NULL || !apply_saved_guest (engine, request, &error))
        return bnctl_fail (ctl, error);
    }
  return start_and_watch (ctl, request);
}

static int
cmd_rehearsal (Bnctl  *ctl,
               int     argc,
               char  **argv)
{
  const char *usage = "rehearsal SRC_HVM:LPAR DST_HVM[:LPAR|auto] [--group N]";
  g_autoptr(GError) error = NULL;
  g_autoptr(BnMigrationRequest) request = bn_migration_request_new (BN_OPERATION_REHEARSAL);
  int group = -1;
  GOptionEntry entries[] = {
    { "group", 0, 0, G_OPTION_ARG_INT, &group, "Destination processor group", "N" },
    { NULL }
  };

  if (!bnctl_parse_options (ctl, usage, entries, &argc, &argv, &error))
    return bnctl_fail (ctl, error);
  if (argc != 3)
    return bnctl_usage_error (usage, "give the source HVM:LPAR and the destination HVM[:LPAR]");
  if (!bnctl_check_group (group, &error))
    return bnctl_usage_error (usage, "%s", error->message);
  request->mode = BN_MIGRATION_MODE_CONCURRENT;
  request->processor_group = group;
  if (!bnctl_parse_target (argv[1], TRUE, &request->source_hvm, &request->source_lpar, &error) ||
      !bnctl_parse_target (argv[2], FALSE, &request->destination_hvm, &request->destination_lpar, &error))
    return bnctl_fail (ctl, error);
  return start_and_watch (ctl, request);
}

static int
cmd_connectivity_test (Bnctl  *ctl,
                       int     argc,
                       char  **argv)
{
  const char *usage = "connectivity-test SRC_HVM DST_HVM";
  g_autoptr(GError) error = NULL;
  g_autoptr(BnMigrationRequest) request = bn_migration_request_new (BN_OPERATION_CONNECTIVITY_TEST);

  if (!bnctl_parse_options (ctl, usage, NULL, &argc, &argv, &error))
    return bnctl_fail (ctl, error);
  if (argc != 3)
    return bnctl_usage_error (usage, "give the two HVM IDs");
  request->source_hvm = g_strdup (argv[1]);
  request->destination_hvm = g_strdup (argv[2]);
  return start_and_watch (ctl, request);
}

static int
cmd_single_lpar (Bnctl       *ctl,
                 int          argc,
                 char       **argv,
                 BnOperation  operation,
                 const char  *usage)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BnMigrationRequest) request = bn_migration_request_new (operation);

  if (!bnctl_parse_options (ctl, usage, NULL, &argc, &argv, &error))
    return bnctl_fail (ctl, error);
  if (argc != 2)
    return bnctl_usage_error (usage, "give one HVM_ID:LPAR");
  if (!bnctl_parse_target (argv[1], TRUE, &request->source_hvm, &request->source_lpar, &error))
    return bnctl_fail (ctl, error);
  return start_and_watch (ctl, request);
}

static int
cmd_recover (Bnctl  *ctl,
             int     argc,
             char  **argv)
{
  return cmd_single_lpar (ctl, argc, argv, BN_OPERATION_RECOVERY, "recover HVM_ID:LPAR");
}

static int
cmd_rollback_wwn (Bnctl  *ctl,
                  int     argc,
                  char  **argv)
{
  return cmd_single_lpar (ctl, argc, argv, BN_OPERATION_WWN_ROLLBACK, "rollback-wwn HVM_ID:LPAR");
}

static int
control (Bnctl      *ctl,
         int         argc,
         char      **argv,
         gboolean    cancel,
         const char *usage)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *hvm = NULL;
  gint seconds = 0;
  guint lpar;
  BnEngine *engine;
  BnMigrationService *service;
  GOptionEntry entries[] = {
    { "seconds", 0, 0, G_OPTION_ARG_INT, &seconds, "Seconds to add to the timeout", "N" },
    { NULL }
  };

  if (!bnctl_parse_options (ctl, usage, cancel ? NULL : entries, &argc, &argv, &error))
    return bnctl_fail (ctl, error);
  if (argc != 2)
    return bnctl_usage_error (usage, "give the source HVM of the live migration");
  if (!cancel && (seconds <= 0 || seconds > 86400))
    return bnctl_usage_error (usage, "--seconds takes 1 to 86400");
  if (!bnctl_parse_target (argv[1], FALSE, &hvm, &lpar, &error))
    return bnctl_fail (ctl, error);
  engine = bnctl_get_engine (ctl, &error);
  if (engine == NULL)
    return bnctl_fail (ctl, error);
  service = bn_engine_get_migration_service (engine);
  bn_migration_service_control_async (service, hvm, cancel, seconds, NULL, bnctl_store_result,
                                      &result);
  if (!bn_migration_service_control_finish (service, bnctl_wait (&result), &error))
    return bnctl_fail (ctl, error);
  if (!ctl->json)
    g_print (cancel ? "Progress : Canceling ... Migration\n"
                    : "The migration timeout was extended by %d s\n", seconds);
  return BNCTL_EXIT_OK;
}

static int
cmd_cancel (Bnctl  *ctl,
            int     argc,
            char  **argv)
{
  return control (ctl, argc, argv, TRUE, "cancel SRC_HVM");
}

static int
cmd_extend (Bnctl  *ctl,
            int     argc,
            char  **argv)
{
  return control (ctl, argc, argv, FALSE, "extend SRC_HVM --seconds N");
}

const BnctlCommand bnctl_migrate_commands[] = {
  { "migrate", NULL, cmd_migrate, "migrate --mode M SRC_HVM:LPAR DST_HVM[:LPAR|auto]",
    "move an LPAR (Shutdown or Concurrent Maintenance)" },
  { "rehearsal", NULL, cmd_rehearsal, "rehearsal SRC_HVM:LPAR DST_HVM[:LPAR]",
    "prove the destination can define the LPAR (§4.3.1)" },
  { "connectivity-test", NULL, cmd_connectivity_test, "connectivity-test SRC_HVM DST_HVM",
    "traffic both ways over the migration path (§4.3.2)" },
  { "extend", NULL, cmd_extend, "extend SRC_HVM --seconds N",
    "extend a live migration's timeout (§4.3.3)" },
  { "cancel", NULL, cmd_cancel, "cancel SRC_HVM", "cancel a live migration (§4.3.4)" },
  { "recover", NULL, cmd_recover, "recover HVM_ID:LPAR", "recover an LPAR after a failed move" },
  { "rollback-wwn", NULL, cmd_rollback_wwn, "rollback-wwn HVM_ID:LPAR",
    "switch an LPAR back from its migration WWN (§3.2.4)" },
  { NULL }
};
