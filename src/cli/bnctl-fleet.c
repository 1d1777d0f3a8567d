/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bnctl"

#include "config.h"

#include "bn-error.h"
#include "bnctl.h"

/* hvm add|list|remove, update, lpar list, logs, option list|get|set */

static JsonNode *
hvm_to_json (BnHvm *hvm)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, bn_hvm_get_id (hvm));
  json_builder_set_member_name (b, "address");
  json_builder_add_string_value (b, bn_hvm_get_address (hvm));
  json_builder_set_member_name (b, "port");
  json_builder_add_int_value (b, bn_hvm_get_port (hvm));
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, bn_hvm_get_kind (hvm));
  json_builder_set_member_name (b, "fingerprint");
  json_builder_add_string_value (b, bn_hvm_get_fingerprint (hvm));
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, bn_hvm_state_to_string (bn_hvm_get_state (hvm)));
  json_builder_set_member_name (b, "reason");
  json_builder_add_string_value (b, bn_hvm_get_reason (hvm));
  json_builder_set_member_name (b, "chassis");
  json_builder_add_string_value (b, bn_hvm_get_chassis_id (hvm));
  json_builder_set_member_name (b, "model");
  json_builder_add_string_value (b, bn_hvm_get_model (hvm));
  json_builder_set_member_name (b, "firmware");
  json_builder_add_string_value (b, bn_hvm_get_firmware (hvm));
  json_builder_set_member_name (b, "lpars");
  json_builder_add_int_value (b, g_list_model_get_n_items (bn_hvm_get_lpars (hvm)));
  json_builder_set_member_name (b, "lpars_requiring_recovery");
  json_builder_add_int_value (b, bn_hvm_get_n_recovery (hvm));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static int
cmd_hvm_add (Bnctl  *ctl,
             int     argc,
             char  **argv)
{
  const char *usage = "hvm add --id ID --address ADDR[:PORT] [--fingerprint SHA256] [--kind KIND]";
  g_autofree char *id = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *address = NULL;
  g_autoptr(GError) error = NULL;
  guint port;
  BnEngine *engine;
  BnHvm *hvm;
  GOptionEntry entries[] = {
    { "id", 0, 0, G_OPTION_ARG_STRING, &id, "HVM ID", "ID" },
    { "address", 0, 0, G_OPTION_ARG_STRING, &endpoint, "HVM IP address", "ADDR[:PORT]" },
    { "fingerprint", 0, 0, G_OPTION_ARG_STRING, &fingerprint, "Pinned TLS certificate", "SHA256" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, "Hypervisor kind (hvmsh)", "KIND" },
    { NULL }
  };

  if (!bnctl_parse_options (ctl, usage, entries, &argc, &argv, &error))
    return bnctl_fail (ctl, error);
  if (argc > 1)
    return bnctl_usage_error (usage, "unexpected argument “%s”", argv[1]);
  if (id == NULL || endpoint == NULL)
    return bnctl_usage_error (usage, "--id and --address are required");
  if (!bn_parse_endpoint (endpoint, &address, &port, &error))
    return bnctl_fail (ctl, error);
  engine = bnctl_get_engine (ctl, &error);
  if (engine == NULL)
    return bnctl_fail (ctl, error);
  hvm = bn_fleet_add_hvm (bn_engine_get_fleet (engine), id, address, port, kind, fingerprint,
                          &error);
  if (hvm == NULL)
    return bnctl_fail (ctl, error);

  if (ctl->json)
    {
      g_autoptr(JsonNode) node = hvm_to_json (hvm);
      bnctl_print_json (node);
    }
  else
    g_print ("Registered HVM %s at %s:%u\n", id, address, port);
  return BNCTL_EXIT_OK;
}

static int
cmd_hvm_remove (Bnctl  *ctl,
                int     argc,
                char  **argv)
{
  const char *usage = "hvm remove ID";
  g_autoptr(GError) error = NULL;
  BnEngine *engine;

  if (!bnctl_parse_options (ctl, usage, NULL, &argc, &argv, &error))
    return bnctl_fail (ctl, error);
  if (argc != 2)
    return bnctl_usage_error (usage, "give exactly one HVM ID");
  engine = bnctl_get_engine (ctl, &error);
  if (engine == NULL || !bn_fleet_remove_hvm (bn_engine_get_fleet (engine), argv[1], &error))
    return bnctl_fail (ctl, error);
  if (ctl->json)
    g_print ("{ \"removed\" : \"%s\" }\n", argv[1]);
  else
    g_print ("Removed HVM %s\n", argv[1]);
  return BNCTL_EXIT_OK;
}

static void
print_hvms (Bnctl    *ctl,
            BnFleet  *fleet,
            gboolean  with_reason)
{
  GListModel *hvms = bn_fleet_get_hvms (fleet);
  guint n = g_list_model_get_n_items (hvms);

  if (ctl->json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();

      json_node_take_array (root, array);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(BnHvm) hvm = g_list_model_get_item (hvms, i);
          json_array_add_element (array, hvm_to_json (hvm));
        }
      bnctl_print_json (root);
      return;
    }
  else
    {
      g_autoptr(BnctlTable) table = bnctl_table_new ("HVM ID", "ADDRESS", "STATE", "CHASSIS",
                                                     "MODEL", "FIRMWARE", "LPARS", "REASON",
                                                     NULL);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(BnHvm) hvm = g_list_model_get_item (hvms, i);
          g_autofree char *address = g_strdup_printf ("%s:%u", bn_hvm_get_address (hvm),
                                                      bn_hvm_get_port (hvm));
          g_autofree char *lpars = g_strdup_printf ("%u",
                                                    g_list_model_get_n_items (bn_hvm_get_lpars (hvm)));

          bnctl_table_add_row (table, bn_hvm_get_id (hvm), address,
                               bn_hvm_state_to_string (bn_hvm_get_state (hvm)),
                               bn_hvm_get_chassis_id (hvm), bn_hvm_get_model (hvm),
                               bn_hvm_get_firmware (hvm),
                               bn_hvm_get_config (hvm) ? lpars : "",
                               with_reason ? bn_hvm_get_reason (hvm) : "", NULL);
        }
      bnctl_table_print (table);
    }
}

static int
cmd_hvm_list (Bnctl  *ctl,
              int     argc,
              char  **argv)
{
  g_autoptr(GError) error = NULL;
  BnEngine *engine;

  if (!bnctl_parse_options (ctl, "hvm list", NULL, &argc, &argv, &error))
    return bnctl_fail (ctl, error);
  engine = bnctl_get_engine (ctl, &error);
  if (engine == NULL)
    return bnctl_fail (ctl, error);
  print_hvms (ctl, bn_engine_get_fleet (engine), FALSE);
  return BNCTL_EXIT_OK;
}

static int
cmd_update (Bnctl  *ctl,
            int     argc,
            char  **argv)
{
  g_autoptr(GError) error = NULL;
  BnUpdateSummary summary;
  BnEngine *engine;

  if (!bnctl_parse_options (ctl, "update", NULL, &argc, &argv, &error))
    return bnctl_fail (ctl, error);
  engine = bnctl_get_engine (ctl, &error);
  if (engine == NULL || !bnctl_update (engine, &summary, &error))
    return bnctl_fail (ctl, error);

  print_hvms (ctl, bn_engine_get_fleet (engine), TRUE);
  if (!ctl->json)
    {
      g_autoptr(GPtrArray) interrupted = NULL;

      g_print ("\n%u HVMs: %u read, %u could not be read (%.2f s)\n", summary.n_hvms,
               summary.n_read, summary.n_unreachable, summary.elapsed_us / 1e6);
      /* a console that died mid-move: which LPAR to look at, and what to do */
      interrupted = bn_migration_service_review_interrupted (bn_engine_get_migration_service (engine),
                                                             NULL);
      for (guint i = 0; interrupted && i < interrupted->len; i++)
        {
          char **row = interrupted->pdata[i];

          g_print ("A console stopped during %s of %s (%s #%s → %s, at %s): %s\n", row[0],
                   row[3] ? row[3] : "?", row[1], row[2], row[4] ? row[4] : "?",
                   row[5] ? row[5] : "?",
                   g_str_equal (row[6], "recovery")
                   ? "the LPAR requires recovery: bnctl recover HVM:LPAR (§3.2.3)"
                   : "its HVM could not be read; Update again");
        }
    }
  return summary.n_unreachable > 0 ? BNCTL_EXIT_UNREACHABLE : BNCTL_EXIT_OK;
}

/* history [--lpar NAME]: Migration History (§4.1.3, 図 4-5): Now, old1, old2 … */
static int
cmd_history (Bnctl  *ctl,
             int     argc,
             char  **argv)
{
  const char *usage = "history [--lpar NAME] [--limit N]";
  g_autofree char *name = NULL;
  gint limit = 50;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) places = NULL;
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(BnctlTable) table = NULL;
  GOptionEntry entries[] = {
    { "lpar", 0, 0, G_OPTION_ARG_STRING, &name, "Where this LPAR has been", "NAME" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, "Most recent places without --lpar (50)", "N" },
    { NULL }
  };
  BnEngine *engine;

  if (!bnctl_parse_options (ctl, usage, entries, &argc, &argv, &error))
    return bnctl_fail (ctl, error);
  if (argc != 1 || limit < 1)
    return bnctl_usage_error (usage, "no arguments; --limit takes a positive number");
  if ((engine = bnctl_get_engine (ctl, &error)) == NULL)
    return bnctl_fail (ctl, error);
  places = name ? bn_history_list_for_lpar (bn_engine_get_history (engine), name, &error)
                : bn_history_list_recent (bn_engine_get_history (engine), limit, &error);
  if (places == NULL)
    return bnctl_fail (ctl, error);
  if (name != NULL && g_list_model_get_n_items (places) == 0)
    {
      g_set_error (&error, BN_ERROR, BN_ERROR_NOT_FOUND, "No moves of an LPAR named “%s” are "
                   "recorded", name);
      return bnctl_fail (ctl, error);
    }
  table = bnctl_table_new ("", "LPAR", "PLACE", NULL);
  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(BnHistoryEntry) e = g_list_model_get_item (places, i);
      g_autofree char *label = name ? (i == 0 ? g_strdup ("Now") : g_strdup_printf ("old%u", i))
                                    : g_strdup ("");
      g_autofree char *place = bn_history_entry_format (e);
      JsonObject *o = json_object_new ();

      json_object_set_string_member (o, "lpar_name", bn_history_entry_get_lpar_name (e));
      json_object_set_string_member (o, "hvm", bn_history_entry_get_hvm_id (e));
      json_object_set_int_member (o, "lpar", bn_history_entry_get_lpar_number (e));
      json_object_set_int_member (o, "group", bn_history_entry_get_processor_group (e));
      if (bn_history_entry_get_moved_at (e) != NULL)
        {
          g_autofree char *when = g_date_time_format_iso8601 (bn_history_entry_get_moved_at (e));

          json_object_set_string_member (o, "moved_at", when);
        }
      json_array_add_object_element (array, o);
      bnctl_table_add_row (table, label, bn_history_entry_get_lpar_name (e), place, NULL);
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

static JsonNode *
lpar_to_json (BnHvm  *hvm,
              BnLpar *lpar)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "hvm");
  json_builder_add_string_value (b, bn_hvm_get_id (hvm));
  json_builder_set_member_name (b, "number");
  json_builder_add_int_value (b, bn_lpar_get_number (lpar));
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, bn_lpar_get_name (lpar));
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, bn_lpar_get_status (lpar));
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, bn_lpar_state_to_string (bn_lpar_get_state (lpar)));
  json_builder_set_member_name (b, "memory_mb");
  json_builder_add_int_value (b, bn_lpar_get_memory_mb (lpar));
  json_builder_set_member_name (b, "cpus");
  json_builder_add_int_value (b, bn_lpar_get_cpu_count (lpar));
  json_builder_set_member_name (b, "recovery_required");
  json_builder_add_boolean_value (b, bn_lpar_get_recovery_required (lpar));
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static int
cmd_lpar_list (Bnctl  *ctl,
               int     argc,
               char  **argv)
{
  const char *usage = "lpar list [--hvm ID]";
  g_autofree char *only = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(BnctlTable) table = bnctl_table_new ("HVM ID", "LPAR#", "NAME", "STATUS", "STATE",
                                                 "MEMORY(MB)", "CPUS", NULL);
  JsonArray *array = json_array_new ();
  BnUpdateSummary summary;
  BnEngine *engine;
  GListModel *hvms;
  GOptionEntry entries[] = {
    { "hvm", 0, 0, G_OPTION_ARG_STRING, &only, "Only this HVM", "ID" },
    { NULL }
  };

  json_node_take_array (root, array);
  if (!bnctl_parse_options (ctl, usage, entries, &argc, &argv, &error))
    return bnctl_fail (ctl, error);
  if (argc > 1)
    return bnctl_usage_error (usage, "unexpected argument “%s”", argv[1]);
  engine = bnctl_get_engine (ctl, &error);
  if (engine == NULL)
    return bnctl_fail (ctl, error);
  if (only != NULL && bnctl_find_hvm (engine, only, &error) == NULL)
    return bnctl_fail (ctl, error);
  /* the CLI holds no state between runs: read the HVMs first */
  if (!bnctl_update (engine, &summary, &error))
    return bnctl_fail (ctl, error);

  hvms = bn_fleet_get_hvms (bn_engine_get_fleet (engine));
  for (guint i = 0; i < g_list_model_get_n_items (hvms); i++)
    {
      g_autoptr(BnHvm) hvm = g_list_model_get_item (hvms, i);
      GListModel *lpars = bn_hvm_get_lpars (hvm);

      if (only != NULL && g_strcmp0 (only, bn_hvm_get_id (hvm)) != 0)
        continue;
      if (bn_hvm_get_state (hvm) == BN_HVM_STATE_UNREACHABLE)
        g_printerr ("bnctl: HVM %s could not be read: %s\n", bn_hvm_get_id (hvm),
                    bn_hvm_get_reason (hvm));
      for (guint j = 0; j < g_list_model_get_n_items (lpars); j++)
        {
          g_autoptr(BnLpar) lpar = g_list_model_get_item (lpars, j);
          g_autofree char *number = g_strdup_printf ("%u", bn_lpar_get_number (lpar));
          g_autofree char *memory = g_strdup_printf ("%u", bn_lpar_get_memory_mb (lpar));
          g_autofree char *cpus = g_strdup_printf ("%u", bn_lpar_get_cpu_count (lpar));

          json_array_add_element (array, lpar_to_json (hvm, lpar));
          bnctl_table_add_row (table, bn_hvm_get_id (hvm), number, bn_lpar_get_name (lpar),
                               bn_lpar_get_status (lpar),
                               bn_lpar_state_to_string (bn_lpar_get_state (lpar)), memory, cpus,
                               NULL);
        }
    }
  if (ctl->json)
    bnctl_print_json (root);
  else
    bnctl_table_print (table);
  return summary.n_unreachable > 0 ? BNCTL_EXIT_UNREACHABLE : BNCTL_EXIT_OK;
}

static int
cmd_logs (Bnctl  *ctl,
          int     argc,
          char  **argv)
{
  const char *usage = "logs HVM_ID [--since SEQ]";
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonArray) logs = NULL;
  gint64 since = 0;
  BnEngine *engine;
  BnHvm *hvm;
  BnBackend *backend;
  GOptionEntry entries[] = {
    { "since", 0, 0, G_OPTION_ARG_INT64, &since, "Only events after this sequence number", "SEQ" },
    { NULL }
  };

  if (!bnctl_parse_options (ctl, usage, entries, &argc, &argv, &error))
    return bnctl_fail (ctl, error);
  if (argc != 2)
    return bnctl_usage_error (usage, "give exactly one HVM ID");
  if (since < 0)
    return bnctl_usage_error (usage, "--since must not be negative");
  engine = bnctl_get_engine (ctl, &error);
  if (engine == NULL)
    return bnctl_fail (ctl, error);
  hvm = bnctl_find_hvm (engine, argv[1], &error);
  if (hvm == NULL)
    return bnctl_fail (ctl, error);
  backend = bn_fleet_get_backend (bn_engine_get_fleet (engine), hvm);
  bn_backend_logs_async (backend, since, NULL, bnctl_store_result, &result);
  logs = bn_backend_logs_finish (backend, bnctl_wait (&result), &error);
  if (logs == NULL)
    return bnctl_fail (ctl, error);

  if (ctl->json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);

      json_node_set_array (root, logs);
      bnctl_print_json (root);
    }
  else
    {
      g_autoptr(BnctlTable) table = bnctl_table_new ("SEQ", "TIME", "LEVEL", "EVENT", "DETAIL",
                                                     NULL);

      for (guint i = 0; i < json_array_get_length (logs); i++)
        {
          JsonObject *e = json_array_get_object_element (logs, i);
          g_autofree char *seq = NULL;

          if (e == NULL)
            continue;
          seq = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member_with_default (e, "seq", 0));
          bnctl_table_add_row (table, seq,
                               json_object_get_string_member_with_default (e, "time", ""),
                               json_object_get_string_member_with_default (e, "level", ""),
                               json_object_get_string_member_with_default (e, "event", ""),
                               json_object_get_string_member_with_default (e, "detail", ""), NULL);
        }
      bnctl_table_print (table);
    }
  return BNCTL_EXIT_OK;
}

static int
cmd_option_list (Bnctl  *ctl,
                 int     argc,
                 char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BnctlTable) table = bnctl_table_new ("OPTION", "VALUE", "UNIT", "DESCRIPTION", NULL);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const BnOptionSpec *specs;
  BnEngine *engine;
  guint n;

  if (!bnctl_parse_options (ctl, "option list", NULL, &argc, &argv, &error))
    return bnctl_fail (ctl, error);
  engine = bnctl_get_engine (ctl, &error);
  if (engine == NULL)
    return bnctl_fail (ctl, error);

  specs = bn_options_list (&n);
  json_builder_begin_object (b);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *value = bn_options_get_string (bn_engine_get_options (engine), specs[i].key);

      json_builder_set_member_name (b, specs[i].key);
      json_builder_add_string_value (b, value);
      bnctl_table_add_row (table, specs[i].key, value, specs[i].unit, specs[i].summary, NULL);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  if (ctl->json)
    bnctl_print_json (root);
  else
    bnctl_table_print (table);
  return BNCTL_EXIT_OK;
}

static int
cmd_option_set (Bnctl  *ctl,
                int     argc,
                char  **argv)
{
  const char *usage = "option set KEY VALUE";
  g_autoptr(GError) error = NULL;
  BnEngine *engine;

  if (!bnctl_parse_options (ctl, usage, NULL, &argc, &argv, &error))
    return bnctl_fail (ctl, error);
  if (argc != 3)
    return bnctl_usage_error (usage, "give an option name and a value");
  /* validate before opening the database: bad input changes nothing */
  if (!bn_options_validate (argv[1], argv[2], &error))
    return bnctl_fail (ctl, error);
  engine = bnctl_get_engine (ctl, &error);
  if (engine == NULL || !bn_options_set (bn_engine_get_options (engine), argv[1], argv[2], &error))
    return bnctl_fail (ctl, error);
  if (!ctl->json)
    g_print ("%s = %s\n", argv[1], argv[2]);
  return BNCTL_EXIT_OK;
}

const BnctlCommand bnctl_fleet_commands[] = {
  { "hvm", "add", cmd_hvm_add, "hvm add --id ID --address ADDR[:PORT]",
    "register an HVM (Profile tab)" },
  { "hvm", "list", cmd_hvm_list, "hvm list", "list registered HVMs" },
  { "hvm", "remove", cmd_hvm_remove, "hvm remove ID", "unregister an HVM" },
  { "update", NULL, cmd_update, "update", "re-read every registered HVM" },
  { "lpar", "list", cmd_lpar_list, "lpar list [--hvm ID]", "list LPARs (reads the HVMs)" },
  { "logs", NULL, cmd_logs, "logs HVM_ID [--since SEQ]", "HVM System Logs" },
  { "history", NULL, cmd_history, "history [--lpar NAME] [--limit N]",
    "Migration History: where LPARs have been (§4.1.3)" },
  { "option", "list", cmd_option_list, "option list", "show console options" },
  { "option", "set", cmd_option_set, "option set KEY VALUE", "change a console option" },
  { NULL }
};
