/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bnctl"

#include "config.h"

#include <glib-unix.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bn-error.h"
#include "bnctl.h"

/* policy …: the Migration Policy window (§3.3) from the shell, plus unattended runs. */

static BnPolicies *
get_policies (Bnctl   *ctl,
              GError **error)
{
  BnEngine *engine = bnctl_get_engine (ctl, error);

  return engine ? bn_engine_get_policies (engine) : NULL;
}

static BnPolicy *
get_policy (Bnctl       *ctl,
            const char  *name,
            GError     **error)
{
  BnPolicies *policies = get_policies (ctl, error);
  BnPolicy *policy = policies ? bn_policies_find (policies, name) : NULL;

  if (policies != NULL && policy == NULL)
    g_set_error (error, BN_ERROR, BN_ERROR_NOT_FOUND, "There is no policy named “%s”", name);
  return policy;
}

static const char *
mode_text (BnPolicy *policy)
{
  BnMigrationMode mode;

  return bn_policy_get_mode (policy, &mode) ? bn_migration_mode_to_string (mode) : "";
}

/* The manual's check mark for a done entry, and its siblings. */
static const char *
entry_mark (BnEntryState state)
{
  switch (state)
    {
    case BN_ENTRY_STATE_DONE: return "✓";
    case BN_ENTRY_STATE_RUNNING: return "▶";
    case BN_ENTRY_STATE_SKIPPED: return "–";
    case BN_ENTRY_STATE_FAILED: return "✗";
    case BN_ENTRY_STATE_PENDING:
    default: return "";
    }
}

/* Edits go through a copy and Save, as in the window: a refused change stores nothing. */
typedef gboolean (*EditFunc) (BnPolicy  *copy,
                              gpointer   data,
                              GError   **error);

static int
edit_policy (Bnctl      *ctl,
             const char *name,
             EditFunc    func,
             gpointer    data)
{
  g_autoptr(GError) error = NULL;
  BnPolicy *stored = get_policy (ctl, name, &error);
  g_autoptr(BnPolicy) copy = NULL;

  if (stored == NULL)
    return bnctl_fail (ctl, error);
  copy = bn_policy_copy (stored);
  if (!func (copy, data, &error) ||
      !bn_policies_save (bn_engine_get_policies (ctl->engine), copy, &error))
    return bnctl_fail (ctl, error);
  return BNCTL_EXIT_OK;
}

static int
cmd_new (Bnctl  *ctl,
         int     argc,
         char  **argv)
{
  const char *usage = "policy new NAME [--comment TEXT]";
  g_autofree char *comment = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment, "Comment", "TEXT" },
    { NULL }
  };
  BnPolicies *policies;

  if (!bnctl_parse_options (ctl, usage, entries, &argc, &argv, &error))
    return bnctl_fail (ctl, error);
  if (argc != 2)
    return bnctl_usage_error (usage, "give the new policy's name");
  if ((policies = get_policies (ctl, &error)) == NULL ||
      bn_policies_create (policies, argv[1], comment, &error) == NULL)
    return bnctl_fail (ctl, error);
  return BNCTL_EXIT_OK;
}

static int
cmd_list (Bnctl  *ctl,
          int     argc,
          char  **argv)
{
  const char *usage = "policy list";
  g_autoptr(GError) error = NULL;
  g_autoptr(BnctlTable) table = bnctl_table_new ("NAME", "MODE", "ENTRIES", "DONE", "STATE",
                                                 "COMMENT", NULL);
  g_autoptr(JsonArray) array = json_array_new ();
  BnPolicies *policies;
  GListModel *list;

  if (!bnctl_parse_options (ctl, usage, NULL, &argc, &argv, &error))
    return bnctl_fail (ctl, error);
  if (argc != 1)
    return bnctl_usage_error (usage, "no arguments");
  if ((policies = get_policies (ctl, &error)) == NULL)
    return bnctl_fail (ctl, error);
  list = bn_policies_get_list (policies);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(BnPolicy) p = g_list_model_get_item (list, i);
      g_autofree char *n = g_strdup_printf ("%u", bn_policy_get_n_entries (p));
      g_autofree char *done = g_strdup_printf ("%u", bn_policy_count_done (p));
      const char *state = bn_policy_run_state_to_string (bn_policy_get_run_state (p));
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "name", bn_policy_get_name (p));
      json_object_set_string_member (o, "mode", mode_text (p));
      json_object_set_int_member (o, "entries", bn_policy_get_n_entries (p));
      json_object_set_int_member (o, "done", bn_policy_count_done (p));
      json_object_set_string_member (o, "run_state", state);
      json_object_set_string_member (o, "comment", bn_policy_get_comment (p));
      json_array_add_object_element (array, o);
      bnctl_table_add_row (table, bn_policy_get_name (p), mode_text (p), n, done, state,
                           bn_policy_get_comment (p), NULL);
    }
  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), array);

      bnctl_print_json (node);
    }
  else
    bnctl_table_print (table);
  return BNCTL_EXIT_OK;
}

/* The export document plus each entry's run state: what `show --json` prints. */
static JsonNode *
policy_with_states (BnPolicy *policy)
{
  JsonNode *node = bn_policy_to_json (policy);
  JsonObject *root = json_node_get_object (node);
  JsonArray *entries = json_object_get_array_member (root, "entries");

  json_object_set_string_member (root, "run_state",
                                 bn_policy_run_state_to_string (bn_policy_get_run_state (policy)));
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      BnPolicyEntry *entry = bn_policy_get_entry (policy, i);
      JsonObject *e = json_array_get_object_element (entries, i);

      json_object_set_string_member (e, "state",
                                     bn_entry_state_to_string (bn_policy_entry_get_state (entry)));
      if (bn_policy_entry_get_error (entry) != NULL)
        json_object_set_string_member (e, "error", bn_policy_entry_get_error (entry));
      if (bn_policy_entry_get_migration_id (entry) != NULL)
        json_object_set_string_member (e, "migration", bn_policy_entry_get_migration_id (entry));
    }
  return node;
}

static void
print_entries (BnPolicy *policy)
{
  g_autoptr(BnctlTable) table = bnctl_table_new ("NO.", "", "LPAR", "SOURCE", "DESTINATION",
                                                 "STATE", "ERROR", NULL);

  for (guint i = 0; i < bn_policy_get_n_entries (policy); i++)
    {
      BnPolicyEntry *e = bn_policy_get_entry (policy, i);
      g_autofree char *no = g_strdup_printf ("%u", i + 1);
      g_autofree char *src = g_strdup_printf ("%s #%u", bn_policy_entry_get_source_hvm (e),
                                              bn_policy_entry_get_source_lpar (e));
      g_autofree char *dst = bn_policy_entry_get_destination_lpar (e)
                             ? g_strdup_printf ("%s #%u", bn_policy_entry_get_destination_hvm (e),
                                                bn_policy_entry_get_destination_lpar (e))
                             : g_strdup_printf ("%s Auto", bn_policy_entry_get_destination_hvm (e));

      bnctl_table_add_row (table, no, entry_mark (bn_policy_entry_get_state (e)),
                           bn_policy_entry_get_lpar_name (e), src, dst,
                           bn_entry_state_to_string (bn_policy_entry_get_state (e)),
                           bn_policy_entry_get_error (e) ? bn_policy_entry_get_error (e) : "",
                           NULL);
    }
  bnctl_table_print (table);
}

static int
cmd_show (Bnctl  *ctl,
          int     argc,
          char  **argv)
{
  const char *usage = "policy show NAME";
  g_autoptr(GError) error = NULL;
  BnPolicy *policy;

  if (!bnctl_parse_options (ctl, usage, NULL, &argc, &argv, &error))
    return bnctl_fail (ctl, error);
  if (argc != 2)
    return bnctl_usage_error (usage, "give one policy name");
  if ((policy = get_policy (ctl, argv[1], &error)) == NULL)
    return bnctl_fail (ctl, error);
  if (ctl->json)
    {
      g_autoptr(JsonNode) node = policy_with_states (policy);

      bnctl_print_json (node);
      return BNCTL_EXIT_OK;
    }
  g_print ("Policy:  %s\nMode:    %s\nState:   %s\nComment: %s\n\n", bn_policy_get_name (policy),
           mode_text (policy), bn_policy_run_state_to_string (bn_policy_get_run_state (policy)),
           bn_policy_get_comment (policy));
  print_entries (policy);
  return BNCTL_EXIT_OK;
}

typedef gboolean (*NamedOp) (BnPolicies  *policies,
                             const char  *name,
                             GError     **error);

/* rm and stop: one policy name, one engine call. */
static int
named_command (Bnctl       *ctl,
               int          argc,
               char       **argv,
               const char  *usage,
               NamedOp      op)
{
  g_autoptr(GError) error = NULL;
  BnPolicies *policies;

  if (!bnctl_parse_options (ctl, usage, NULL, &argc, &argv, &error))
    return bnctl_fail (ctl, error);
  if (argc != 2)
    return bnctl_usage_error (usage, "give one policy name");
  if ((policies = get_policies (ctl, &error)) == NULL || !op (policies, argv[1], &error))
    return bnctl_fail (ctl, error);
  return BNCTL_EXIT_OK;
}

static int
cmd_rm (Bnctl  *ctl,
        int     argc,
        char  **argv)
{
  return named_command (ctl, argc, argv, "policy rm NAME", bn_policies_delete);
}

static int
cmd_rename (Bnctl  *ctl,
            int     argc,
            char  **argv)
{
  const char *usage = "policy rename NAME NEW_NAME";
  g_autoptr(GError) error = NULL;
  BnPolicies *policies;

  if (!bnctl_parse_options (ctl, usage, NULL, &argc, &argv, &error))
    return bnctl_fail (ctl, error);
  if (argc != 3)
    return bnctl_usage_error (usage, "give the policy's name and its new name");
  if ((policies = get_policies (ctl, &error)) == NULL ||
      !bn_policies_rename (policies, argv[1], argv[2], &error))
    return bnctl_fail (ctl, error);
  return BNCTL_EXIT_OK;
}

static gboolean
set_comment (BnPolicy  *copy,
             gpointer   data,
             GError   **error)
{
  bn_policy_set_comment (copy, data);
  return TRUE;
}

static int
cmd_comment (Bnctl  *ctl,
             int     argc,
             char  **argv)
{
  const char *usage = "policy comment NAME TEXT";
  g_autoptr(GError) error = NULL;

  if (!bnctl_parse_options (ctl, usage, NULL, &argc, &argv, &error))
    return bnctl_fail (ctl, error);
  if (argc != 3)
    return bnctl_usage_error (usage, "give the policy's name and the comment");
  return edit_policy (ctl, argv[1], set_comment, argv[2]);
}

static gboolean
add_entry (BnPolicy  *copy,
           gpointer   data,
           GError   **error)
{
  return bn_policy_add_entry (copy, data, error);
}

static int
cmd_add (Bnctl  *ctl,
         int     argc,
         char  **argv)
{
  const char *usage = "policy add NAME --mode shutdown|concurrent SRC_HVM:LPAR "
                      "DST_HVM[:LPAR|auto] [--no-activate] [--guest-os linux|windows "
                      "--guest-ip IP [--guest-port N] --guest-user USER --key-file FILE "
                      "[--forced]] [--timeout S] [--max-suspend MS] [--group N]";
  g_auto(BnctlMoveOptions) options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(BnMigrationRequest) request = bn_migration_request_new (BN_OPERATION_MIGRATION);
  g_autoptr(BnPolicyEntry) entry = NULL;
  BnHvm *hvm;
  BnLpar *lpar;

  if (!bnctl_parse_options (ctl, usage, bnctl_move_options_entries (&options, FALSE), &argc,
                            &argv, &error))
    return bnctl_fail (ctl, error);
  if (argc != 4)
    return bnctl_usage_error (usage, "give the policy, the source HVM:LPAR and the destination "
                              "HVM[:LPAR]");
  if (!bnctl_move_options_apply (&options, argv[2], argv[3], request, &error))
    return bnctl_usage_error (usage, "%s", error->message);
  if (get_policy (ctl, argv[1], &error) == NULL)
    return bnctl_fail (ctl, error);
  /* the entry records the LPAR's name, read from its HVM now (Add in 図 3-84 does the same) */
  if ((hvm = bnctl_read_hvm (ctl, request->source_hvm, &error)) == NULL)
    return bnctl_fail (ctl, error);
  if ((lpar = bn_hvm_find_lpar (hvm, request->source_lpar)) == NULL)
    {
      g_set_error (&error, BN_ERROR, BN_ERROR_NOT_FOUND, "HVM %s has no LPAR #%u",
                   request->source_hvm, request->source_lpar);
      return bnctl_fail (ctl, error);
    }
  if (bnctl_find_hvm (ctl->engine, request->destination_hvm, &error) == NULL)
    return bnctl_fail (ctl, error);
  entry = bn_policy_entry_new (request, bn_lpar_get_name (lpar));
  return edit_policy (ctl, argv[1], add_entry, entry);
}

static gboolean
parse_entry_number (const char  *text,
                    guint       *position,
                    GError     **error)
{
  guint64 n;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &n, NULL))
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                   "“%s” is not an entry number (No. 1, 2, …)", text);
      return FALSE;
    }
  *position = n - 1;
  return TRUE;
}

static gboolean
remove_entry (BnPolicy  *copy,
              gpointer   data,
              GError   **error)
{
  return bn_policy_remove_entry (copy, GPOINTER_TO_UINT (data), error);
}

static int
cmd_remove_entry (Bnctl  *ctl,
                  int     argc,
                  char  **argv)
{
  const char *usage = "policy remove-entry NAME NO";
  g_autoptr(GError) error = NULL;
  guint position;

  if (!bnctl_parse_options (ctl, usage, NULL, &argc, &argv, &error))
    return bnctl_fail (ctl, error);
  if (argc != 3)
    return bnctl_usage_error (usage, "give the policy and the entry's No.");
  if (!parse_entry_number (argv[2], &position, &error))
    return bnctl_usage_error (usage, "%s", error->message);
  return edit_policy (ctl, argv[1], remove_entry, GUINT_TO_POINTER (position));
}

typedef struct
{
  guint position;
  gint  delta;
} Move;

static gboolean
move_entry (BnPolicy  *copy,
            gpointer   data,
            GError   **error)
{
  Move *move = data;

  return bn_policy_move_entry (copy, move->position, move->delta, error);
}

static int
cmd_move (Bnctl  *ctl,
          int     argc,
          char  **argv)
{
  const char *usage = "policy move NAME NO up|down";
  g_autoptr(GError) error = NULL;
  Move move;

  if (!bnctl_parse_options (ctl, usage, NULL, &argc, &argv, &error))
    return bnctl_fail (ctl, error);
  if (argc != 4)
    return bnctl_usage_error (usage, "give the policy, the entry's No. and up or down");
  if (!parse_entry_number (argv[2], &move.position, &error))
    return bnctl_usage_error (usage, "%s", error->message);
  if (g_str_equal (argv[3], "up"))
    move.delta = -1;
  else if (g_str_equal (argv[3], "down"))
    move.delta = 1;
  else
    return bnctl_usage_error (usage, "the direction is up or down, not “%s”", argv[3]);
  return edit_policy (ctl, argv[1], move_entry, &move);
}

/* ---------------------------------------------------------------------------------------
 * policy run: the entries in order, with the decisions of §3.3.3 and §6.3 asked on the
 * terminal or taken from --on-error.
 */

typedef struct
{
  Bnctl          *ctl;
  BnPolicyRunner *runner;
  BnctlWatch     *watch;
  char           *on_error;
  guint           retries_left;
  gboolean        interactive;
  gboolean        detached;       /* left stopped or paused for later */
  int             last_code;
} Run;

static void
policy_event (Run        *run,
              const char *type,
              JsonObject *fields)
{
  BnPolicy *policy = bn_policy_runner_get_policy (run->runner);

  json_object_set_string_member (fields, "policy", bn_policy_get_name (policy));
  bnctl_emit_event (type, fields);
}

static void
entry_started_cb (BnPolicyRunner *runner,
                  BnPolicyEntry  *entry,
                  BnMigration    *migration,
                  Run            *run)
{
  gint position = bn_policy_runner_get_position (runner);

  if (run->ctl->json)
    {
      g_autoptr(JsonObject) o = json_object_new ();

      json_object_set_int_member (o, "no", position + 1);
      json_object_set_string_member (o, "lpar_name", bn_policy_entry_get_lpar_name (entry));
      json_object_set_string_member (o, "migration", bn_migration_get_id (migration));
      policy_event (run, "entry-started", o);
    }
  else
    {
      g_autofree char *what = bn_policy_entry_describe (entry);

      g_print ("\n== No. %d: %s\n", position + 1, what);
    }
  run->watch = bnctl_watch_new (run->ctl, migration);
}

static void
entry_finished_cb (BnPolicyRunner *runner,
                   BnPolicyEntry  *entry,
                   Run            *run)
{
  BnEntryState state = bn_policy_entry_get_state (entry);

  if (run->watch != NULL)
    run->last_code = bnctl_watch_finish (g_steal_pointer (&run->watch));
  else if (state == BN_ENTRY_STATE_FAILED)
    run->last_code = BNCTL_EXIT_FAILED;
  if (run->ctl->json)
    {
      g_autoptr(JsonObject) o = json_object_new ();

      json_object_set_int_member (o, "no", bn_policy_runner_get_position (runner) + 1);
      json_object_set_string_member (o, "lpar_name", bn_policy_entry_get_lpar_name (entry));
      json_object_set_string_member (o, "state", bn_entry_state_to_string (state));
      if (bn_policy_entry_get_error (entry) != NULL)
        json_object_set_string_member (o, "error", bn_policy_entry_get_error (entry));
      policy_event (run, "entry-finished", o);
    }
  else if (state == BN_ENTRY_STATE_DONE)
    g_print ("✓ No. %d done\n", bn_policy_runner_get_position (runner) + 1);
  else
    g_printerr ("✗ No. %d failed: %s\n", bn_policy_runner_get_position (runner) + 1,
                bn_policy_entry_get_error (entry) ? bn_policy_entry_get_error (entry) : "");
}

static BnPolicyDecision
ask (Run        *run,
     const char *question,
     const char *choices)
{
  char line[64];

  for (;;)
    {
      g_print ("%s [%s] ", question, choices);
      fflush (stdout);
      if (fgets (line, sizeof line, stdin) == NULL)
        return BN_POLICY_DECISION_END;
      g_strstrip (line);
      if (g_ascii_strcasecmp (line, "e") == 0 || g_ascii_strcasecmp (line, "end") == 0)
        return BN_POLICY_DECISION_END;
      if (strchr (choices, 'c') && (g_ascii_strcasecmp (line, "c") == 0 ||
                                    g_ascii_strcasecmp (line, "continue") == 0))
        return BN_POLICY_DECISION_CONTINUE;
      if (strchr (choices, 'r') && (g_ascii_strcasecmp (line, "r") == 0 ||
                                    g_ascii_strcasecmp (line, "retry") == 0))
        return BN_POLICY_DECISION_RETRY;
      if (strchr (choices, 's') && (g_ascii_strcasecmp (line, "s") == 0 ||
                                    g_ascii_strcasecmp (line, "skip") == 0))
        return BN_POLICY_DECISION_SKIP;
    }
}

static const char *
decision_name (BnPolicyDecision decision)
{
  switch (decision)
    {
    case BN_POLICY_DECISION_CONTINUE: return "continue";
    case BN_POLICY_DECISION_RETRY: return "retry";
    case BN_POLICY_DECISION_SKIP: return "skip";
    case BN_POLICY_DECISION_END:
    default: return "end";
    }
}

/* Called from the main loop whenever the run waits; decides or leaves it waiting. */
static void
decide (Run *run)
{
  BnPolicyRunState state = bn_policy_runner_get_run_state (run->runner);
  BnPolicyDecision decision;
  g_autoptr(GError) error = NULL;

  if (state == BN_POLICY_RUN_STOPPED)
    {
      if (!run->interactive)
        {
          /* stopped from outside: left for `policy run` (Continue) or `policy stop` (End) */
          run->detached = TRUE;
          return;
        }
      decision = ask (run, "The policy stopped after the running entry. End or Continue?", "e/c");
    }
  else if (g_strcmp0 (run->on_error, "ask") == 0 && run->interactive)
    decision = ask (run, "The entry failed (§6.3). Retry, Skip or End?", "r/s/e");
  else if (g_strcmp0 (run->on_error, "retry") == 0 && run->retries_left > 0)
    {
      run->retries_left--;
      decision = BN_POLICY_DECISION_RETRY;
    }
  else if (g_strcmp0 (run->on_error, "skip") == 0)
    decision = BN_POLICY_DECISION_SKIP;
  else if (g_strcmp0 (run->on_error, "ask") == 0)
    {
      /* nobody to ask: leave it paused, as the window would */
      run->detached = TRUE;
      return;
    }
  else
    decision = BN_POLICY_DECISION_END;

  if (run->ctl->json)
    {
      g_autoptr(JsonObject) o = json_object_new ();

      json_object_set_string_member (o, "decision", decision_name (decision));
      json_object_set_string_member (o, "run_state", bn_policy_run_state_to_string (state));
      policy_event (run, "decision", o);
    }
  if (!bn_policy_runner_decide (run->runner, decision, &error))
    {
      g_printerr ("bnctl: %s\n", error->message);
      run->detached = TRUE;
    }
}

static gboolean
sigint_cb (gpointer user_data)
{
  Run *run = user_data;

  if (bn_policy_runner_get_stop_requested (run->runner))
    return G_SOURCE_CONTINUE;
  g_printerr ("\nStop requested: the policy stops after the running entry.\n");
  bn_policy_runner_stop (run->runner);
  return G_SOURCE_CONTINUE;
}

static int
cmd_run (Bnctl  *ctl,
         int     argc,
         char  **argv)
{
  const char *usage = "policy run NAME [--on-error ask|retry|skip|end] [--retries N]";
  g_autofree char *on_error = NULL;
  gint retries = 1;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "on-error", 0, 0, G_OPTION_ARG_STRING, &on_error,
      "When an entry fails: ask (default on a terminal), retry, skip or end", "WHAT" },
    { "retries", 0, 0, G_OPTION_ARG_INT, &retries, "Retries of a failed entry with --on-error "
      "retry, then end (1)", "N" },
    { NULL }
  };
  Run run = { ctl };
  BnPolicy *policy;
  BnPolicyRunState state;
  guint sigint;
  guint done = 0, skipped = 0, failed = 0;

  if (!bnctl_parse_options (ctl, usage, entries, &argc, &argv, &error))
    return bnctl_fail (ctl, error);
  if (argc != 2)
    return bnctl_usage_error (usage, "give one policy name");
  if (on_error == NULL)
    on_error = g_strdup ("ask");
  if (!g_strv_contains ((const char *[]) { "ask", "retry", "skip", "end", NULL }, on_error))
    return bnctl_usage_error (usage, "--on-error is ask, retry, skip or end");
  if (retries < 0)
    return bnctl_usage_error (usage, "--retries takes a positive number");
  if ((policy = get_policy (ctl, argv[1], &error)) == NULL)
    return bnctl_fail (ctl, error);

  run.runner = bn_policies_get_runner (bn_engine_get_policies (ctl->engine), argv[1], &error);
  run.on_error = on_error;
  run.retries_left = retries;
  run.interactive = isatty (STDIN_FILENO) && !ctl->json;
  run.last_code = BNCTL_EXIT_OK;
  {
    /* the first entry's checks need the blades as they are now */
    g_autoptr(GAsyncResult) result = NULL;

    bn_fleet_update_async (bn_engine_get_fleet (ctl->engine), NULL, bnctl_store_result, &result);
    bn_fleet_update_finish (bn_engine_get_fleet (ctl->engine), bnctl_wait (&result), NULL, NULL);
  }
  g_signal_connect (run.runner, "entry-started", G_CALLBACK (entry_started_cb), &run);
  g_signal_connect (run.runner, "entry-finished", G_CALLBACK (entry_finished_cb), &run);
  sigint = g_unix_signal_add (SIGINT, sigint_cb, &run);

  if (!bn_policy_runner_start (run.runner, &error))
    {
      g_source_remove (sigint);
      g_signal_handlers_disconnect_by_data (run.runner, &run);
      return bnctl_fail (ctl, error);
    }
  /* running a stopped policy again is its Continue; a paused one's, Retry */
  state = bn_policy_runner_get_run_state (run.runner);
  if ((state == BN_POLICY_RUN_STOPPED || state == BN_POLICY_RUN_PAUSED) &&
      !bn_policy_runner_decide (run.runner, state == BN_POLICY_RUN_STOPPED
                                            ? BN_POLICY_DECISION_CONTINUE
                                            : BN_POLICY_DECISION_RETRY, &error))
    {
      g_source_remove (sigint);
      g_signal_handlers_disconnect_by_data (run.runner, &run);
      return bnctl_fail (ctl, error);
    }
  for (;;)
    {
      state = bn_policy_runner_get_run_state (run.runner);
      if (state == BN_POLICY_RUN_FINISHED || state == BN_POLICY_RUN_ENDED || run.detached)
        break;
      if (state == BN_POLICY_RUN_STOPPED || state == BN_POLICY_RUN_PAUSED)
        {
          decide (&run);
          continue;
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (sigint);
  g_signal_handlers_disconnect_by_data (run.runner, &run);

  for (guint i = 0; i < bn_policy_get_n_entries (policy); i++)
    switch (bn_policy_entry_get_state (bn_policy_get_entry (policy, i)))
      {
      case BN_ENTRY_STATE_DONE: done++; break;
      case BN_ENTRY_STATE_SKIPPED: skipped++; break;
      case BN_ENTRY_STATE_FAILED: failed++; break;
      default: break;
      }
  if (ctl->json)
    {
      g_autoptr(JsonObject) o = json_object_new ();

      json_object_set_string_member (o, "run_state", bn_policy_run_state_to_string (state));
      json_object_set_int_member (o, "done", done);
      json_object_set_int_member (o, "skipped", skipped);
      json_object_set_int_member (o, "failed", failed);
      json_object_set_int_member (o, "entries", bn_policy_get_n_entries (policy));
      policy_event (&run, "policy-result", o);
    }
  else
    {
      g_print ("\n");
      print_entries (policy);
      if (state == BN_POLICY_RUN_FINISHED && skipped == 0)
        g_print ("Migration completed !\n");
      else
        g_print ("Policy %s: %s (%u done, %u skipped, %u failed of %u)%s\n",
                 bn_policy_get_name (policy), bn_policy_run_state_to_string (state), done,
                 skipped, failed, bn_policy_get_n_entries (policy),
                 run.detached ? "; `bnctl policy run` continues it, `bnctl policy stop` ends it"
                              : "");
    }
  if (state == BN_POLICY_RUN_FINISHED)
    return skipped ? BNCTL_EXIT_FAILED : BNCTL_EXIT_OK;
  if (state == BN_POLICY_RUN_STOPPED)
    return BNCTL_EXIT_CANCELLED;
  return run.last_code != BNCTL_EXIT_OK ? run.last_code : BNCTL_EXIT_FAILED;
}

static int
cmd_stop (Bnctl  *ctl,
          int     argc,
          char  **argv)
{
  return named_command (ctl, argc, argv, "policy stop NAME", bn_policies_request_stop);
}

static int
cmd_export (Bnctl  *ctl,
            int     argc,
            char  **argv)
{
  const char *usage = "policy export NAME [FILE]";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  BnPolicy *policy;

  if (!bnctl_parse_options (ctl, usage, NULL, &argc, &argv, &error))
    return bnctl_fail (ctl, error);
  if (argc != 2 && argc != 3)
    return bnctl_usage_error (usage, "give the policy name and, optionally, a file");
  if ((policy = get_policy (ctl, argv[1], &error)) == NULL)
    return bnctl_fail (ctl, error);
  node = bn_policy_to_json (policy);
  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  if (argc == 3)
    {
      if (!json_generator_to_file (generator, argv[2], &error))
        return bnctl_fail (ctl, error);
    }
  else
    {
      g_autofree char *text = json_generator_to_data (generator, NULL);

      g_print ("%s\n", text);
    }
  return BNCTL_EXIT_OK;
}

static int
cmd_import (Bnctl  *ctl,
            int     argc,
            char  **argv)
{
  const char *usage = "policy import FILE [--name NAME]";
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, "Store it under this name", "NAME" },
    { NULL }
  };
  BnPolicies *policies;
  BnPolicy *policy;

  if (!bnctl_parse_options (ctl, usage, entries, &argc, &argv, &error))
    return bnctl_fail (ctl, error);
  if (argc != 2)
    return bnctl_usage_error (usage, "give one file");
  if (!json_parser_load_from_file (parser, argv[1], &error))
    {
      if (error->domain == JSON_PARSER_ERROR)
        bn_error_convert (&error, BN_ERROR_INVALID_DATA);
      return bnctl_fail (ctl, error);
    }
  if ((policies = get_policies (ctl, &error)) == NULL)
    return bnctl_fail (ctl, error);
  policy = bn_policies_import (policies, json_parser_get_root (parser), name, &error);
  if (policy == NULL)
    {
      g_prefix_error (&error, "%s: ", argv[1]);
      return bnctl_fail (ctl, error);
    }
  if (!ctl->json)
    g_print ("Imported policy “%s” (%u entries)\n", bn_policy_get_name (policy),
             bn_policy_get_n_entries (policy));
  return BNCTL_EXIT_OK;
}

typedef BnPolicy *(*PlanFunc) (BnPolicies       *policies,
                               const char       *hvm_id,
                               BnMigrationMode   mode,
                               const char       *name,
                               GStrv            *left_behind,
                               GError          **error);

/* evacuate and return: read the fleet, plan, save, show the plan. */
static int
plan_and_save (Bnctl      *ctl,
               int         argc,
               char      **argv,
               const char *usage,
               const char *default_prefix,
               PlanFunc    plan_func)
{
  g_autofree char *mode_arg = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BnPolicy) plan = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GOptionEntry entries[] = {
    { "mode", 0, 0, G_OPTION_ARG_STRING, &mode_arg, "concurrent (default) or shutdown", "MODE" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, "Policy name", "NAME" },
    { NULL }
  };
  BnMigrationMode mode = BN_MIGRATION_MODE_CONCURRENT;
  BnPolicies *policies;

  if (!bnctl_parse_options (ctl, usage, entries, &argc, &argv, &error))
    return bnctl_fail (ctl, error);
  if (argc != 2)
    return bnctl_usage_error (usage, "give one HVM ID");
  if (mode_arg != NULL && !bn_migration_mode_from_string (mode_arg, &mode))
    return bnctl_usage_error (usage, "--mode must be shutdown or concurrent");
  if (name == NULL)
    name = g_strdup_printf ("%s-%s", default_prefix, argv[1]);
  if ((policies = get_policies (ctl, &error)) == NULL)
    return bnctl_fail (ctl, error);
  bn_fleet_update_async (bn_engine_get_fleet (ctl->engine), NULL, bnctl_store_result, &result);
  bn_fleet_update_finish (bn_engine_get_fleet (ctl->engine), bnctl_wait (&result), NULL, NULL);
  plan = plan_func (policies, argv[1], mode, name, NULL, &error);
  if (plan == NULL || !bn_policies_save (policies, plan, &error))
    return bnctl_fail (ctl, error);
  if (ctl->json)
    {
      g_autoptr(JsonNode) node = bn_policy_to_json (plan);

      bnctl_print_json (node);
    }
  else
    {
      g_print ("Policy “%s” saved: %s\n\n", name, bn_policy_get_comment (plan));
      print_entries (plan);
    }
  return BNCTL_EXIT_OK;
}

static int
cmd_evacuate (Bnctl  *ctl,
              int     argc,
              char  **argv)
{
  return plan_and_save (ctl, argc, argv, "policy evacuate HVM_ID [--mode concurrent|shutdown] "
                        "[--name NAME]", "evacuate", bn_policies_plan_evacuation);
}

static int
cmd_return (Bnctl  *ctl,
            int     argc,
            char  **argv)
{
  return plan_and_save (ctl, argc, argv, "policy return HVM_ID [--mode concurrent|shutdown] "
                        "[--name NAME]", "return", bn_policies_plan_return);
}

const BnctlCommand bnctl_policy_commands[] = {
  { "policy", "new", cmd_new, "policy new NAME [--comment TEXT]", "create an empty policy" },
  { "policy", "list", cmd_list, "policy list", "saved policies and where their runs stand" },
  { "policy", "show", cmd_show, "policy show NAME", "a policy's entries with their marks" },
  { "policy", "rm", cmd_rm, "policy rm NAME", "delete a policy" },
  { "policy", "rename", cmd_rename, "policy rename NAME NEW_NAME", "rename a policy" },
  { "policy", "comment", cmd_comment, "policy comment NAME TEXT", "set a policy's comment" },
  { "policy", "add", cmd_add, "policy add NAME --mode M SRC_HVM:LPAR DST_HVM[:LPAR|auto]",
    "add an entry (one mode per policy)" },
  { "policy", "remove-entry", cmd_remove_entry, "policy remove-entry NAME NO", "delete an entry" },
  { "policy", "move", cmd_move, "policy move NAME NO up|down", "change an entry's order" },
  { "policy", "run", cmd_run, "policy run NAME [--on-error ask|retry|skip|end]",
    "run (or resume) a policy's entries in order" },
  { "policy", "stop", cmd_stop, "policy stop NAME",
    "stop after the running entry; end a stopped or paused run" },
  { "policy", "export", cmd_export, "policy export NAME [FILE]", "write a policy as JSON" },
  { "policy", "import", cmd_import, "policy import FILE [--name NAME]",
    "add a policy from JSON, validated first" },
  { "policy", "evacuate", cmd_evacuate, "policy evacuate HVM_ID [--mode M] [--name NAME]",
    "plan and save a policy moving every movable LPAR off an HVM" },
  { "policy", "return", cmd_return, "policy return HVM_ID [--mode M] [--name NAME]",
    "plan and save a policy bringing back, from the history, what left an HVM (§3.4)" },
  { NULL }
};
