/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bnctl"

#include "config.h"

#include <string.h>

#include "bn-error.h"
#include "bnctl.h"

/* check: the Migration Config Viewer (§4.1.1, §8.1) from the shell — one move's report, or
 * every LPAR against every other HVM as a matrix. */

static const char *
status_mark (BnCheckStatus status)
{
  switch (status)
    {
    case BN_CHECK_STATUS_OK: return "ok";
    case BN_CHECK_STATUS_INFO: return "i";
    case BN_CHECK_STATUS_WARNING: return "WARN";
    case BN_CHECK_STATUS_ERROR: return "ERROR";
    default: return "?";
    }
}

static const char *
verdict_text (BnVerdict verdict)
{
  switch (verdict)
    {
    case BN_VERDICT_OK: return "may run";
    case BN_VERDICT_WARNINGS: return "may run, with warnings";
    case BN_VERDICT_REFUSED:
    default: return "may NOT run";
    }
}

static void
print_report (BnCheckReport *report)
{
  GListModel *items = G_LIST_MODEL (report);
  guint n = g_list_model_get_n_items (items);
  g_autoptr(GString) notes = g_string_new (NULL);
  gint section = -1;
  g_autoptr(BnctlTable) table = NULL;

  g_print ("%s #%u → %s #%u%s, %s mode: %s (%u errors, %u warnings)\n",
           bn_check_report_get_source_hvm (report), bn_check_report_get_source_lpar (report),
           bn_check_report_get_destination_hvm (report),
           bn_check_report_get_destination_lpar (report),
           bn_check_report_get_auto_destination (report) ? " (Auto)" : "",
           bn_mode_to_string (bn_check_report_get_mode (report)),
           verdict_text (bn_check_report_get_verdict (report)),
           bn_check_report_count (report, BN_CHECK_STATUS_ERROR),
           bn_check_report_count (report, BN_CHECK_STATUS_WARNING));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BnCheckItem) item = g_list_model_get_item (items, i);
      BnCheckStatus status = bn_check_item_get_status (item);

      if ((gint) bn_check_item_get_section (item) != section)
        {
          if (table != NULL)
            bnctl_table_print (table);
          g_clear_pointer (&table, bnctl_table_free);
          section = bn_check_item_get_section (item);
          g_print ("\n%s\n", bn_check_report_get_section_title (report, section));
          table = bnctl_table_new ("ITEM", "SOURCE", "DESTINATION", "", NULL);
        }
      bnctl_table_add_row (table, bn_check_item_get_name (item),
                           bn_check_item_get_source_value (item) ?: "",
                           bn_check_item_get_destination_value (item) ?: "",
                           status_mark (status), NULL);
      if (status == BN_CHECK_STATUS_ERROR || status == BN_CHECK_STATUS_WARNING)
        g_string_append_printf (notes, "%s %s: %s%s%s%s%s\n", status_mark (status),
                                bn_check_item_get_name (item),
                                bn_check_item_get_message (item) ?: "",
                                bn_check_item_get_remedy (item) ? "\n      → " : "",
                                bn_check_item_get_remedy (item) ?: "",
                                bn_check_item_get_reference (item) ? "  " : "",
                                bn_check_item_get_reference (item) ?: "");
    }
  if (table != NULL)
    bnctl_table_print (table);
  if (notes->len > 0)
    g_print ("\n%s", notes->str);
}

static int
check_one (Bnctl      *ctl,
           BnMode      mode,
           const char *src,
           const char *dst,
           gint        group)
{
  g_autoptr(BnMigrationRequest) request = bn_migration_request_new (BN_OPERATION_MIGRATION);
  g_autoptr(BnCheckReport) report = NULL;
  g_autoptr(GError) error = NULL;
  BnMigrationService *service = bn_engine_get_migration_service (ctl->engine);

  request->mode = (BnMigrationMode) mode;
  request->processor_group = group;
  if (!bnctl_parse_target (src, TRUE, &request->source_hvm, &request->source_lpar, &error) ||
      !bnctl_parse_target (dst, FALSE, &request->destination_hvm, &request->destination_lpar,
                           &error))
    return bnctl_fail (ctl, error);
  if (bnctl_read_hvm (ctl, request->source_hvm, &error) == NULL ||
      (g_strcmp0 (request->source_hvm, request->destination_hvm) != 0 &&
       bnctl_read_hvm (ctl, request->destination_hvm, &error) == NULL))
    return bnctl_fail (ctl, error);
  report = bn_migration_service_check (service, request, &error);
  if (report == NULL)
    return bnctl_fail (ctl, error);
  if (ctl->json)
    {
      g_autoptr(JsonNode) node = bn_check_report_to_json (report);

      bnctl_print_json (node);
    }
  else
    print_report (report);
  return bn_check_report_get_verdict (report) == BN_VERDICT_REFUSED ? BNCTL_EXIT_REFUSED
                                                                    : BNCTL_EXIT_OK;
}

/* Every LPAR × every other readable HVM: a cell per pair (ok, warn, NO). */
static int
check_all (Bnctl  *ctl,
           BnMode  mode)
{
  BnFleet *fleet = bn_engine_get_fleet (ctl->engine);
  BnMigrationService *service = bn_engine_get_migration_service (ctl->engine);
  GListModel *hvms = bn_fleet_get_hvms (fleet);
  guint n = g_list_model_get_n_items (hvms);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(JsonArray) cells = json_array_new ();
  g_autoptr(GError) error = NULL;
  guint width = 24;

  bn_fleet_update_async (fleet, NULL, bnctl_store_result, &result);
  bn_fleet_update_finish (fleet, bnctl_wait (&result), NULL, NULL);

  g_string_append_printf (out, "%-*s", width, "LPAR \\ destination");
  for (guint d = 0; d < n; d++)
    {
      g_autoptr(BnHvm) dst = g_list_model_get_item (hvms, d);

      g_string_append_printf (out, " %-8.8s", bn_hvm_get_id (dst));
    }
  g_string_append_c (out, '\n');

  for (guint s = 0; s < n; s++)
    {
      g_autoptr(BnHvm) src = g_list_model_get_item (hvms, s);
      GListModel *lpars = bn_hvm_get_lpars (src);

      for (guint l = 0; l < g_list_model_get_n_items (lpars); l++)
        {
          g_autoptr(BnLpar) lpar = g_list_model_get_item (lpars, l);
          g_autofree char *label = g_strdup_printf ("%s #%u %s", bn_hvm_get_id (src),
                                                    bn_lpar_get_number (lpar),
                                                    bn_lpar_get_name (lpar));

          g_string_append_printf (out, "%-*.*s", width, width, label);
          for (guint d = 0; d < n; d++)
            {
              g_autoptr(BnHvm) dst = g_list_model_get_item (hvms, d);
              g_autoptr(BnMigrationRequest) request = bn_migration_request_new (BN_OPERATION_MIGRATION);
              g_autoptr(BnCheckReport) report = NULL;
              const char *cell;

              if (dst == src)
                {
                  g_string_append_printf (out, " %-8s", "-");
                  continue;
                }
              bn_migration_request_set_route (request, (BnMigrationMode) mode,
                                              bn_hvm_get_id (src), bn_lpar_get_number (lpar),
                                              bn_hvm_get_id (dst));
              report = bn_migration_service_check (service, request, &error);
              if (report == NULL)
                {
                  /* an HVM that could not be read: no verdict, said so */
                  cell = "?";
                  g_clear_error (&error);
                }
              else
                {
                  BnVerdict verdict = bn_check_report_get_verdict (report);
                  JsonObject *o = json_object_new ();

                  cell = verdict == BN_VERDICT_OK ? "ok" : verdict == BN_VERDICT_WARNINGS
                         ? "warn" : "NO";
                  json_object_set_string_member (o, "source_hvm", bn_hvm_get_id (src));
                  json_object_set_int_member (o, "source_lpar", bn_lpar_get_number (lpar));
                  json_object_set_string_member (o, "lpar_name", bn_lpar_get_name (lpar));
                  json_object_set_string_member (o, "destination_hvm", bn_hvm_get_id (dst));
                  json_object_set_string_member (o, "verdict", bn_verdict_to_string (verdict));
                  json_object_set_int_member (o, "errors",
                                              bn_check_report_count (report, BN_CHECK_STATUS_ERROR));
                  json_object_set_int_member (o, "warnings",
                                              bn_check_report_count (report, BN_CHECK_STATUS_WARNING));
                  json_array_add_object_element (cells, o);
                }
              g_string_append_printf (out, " %-8s", cell);
            }
          g_string_append_c (out, '\n');
        }
    }
  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), cells);

      bnctl_print_json (node);
    }
  else
    g_print ("%s", out->str);
  return BNCTL_EXIT_OK;
}

static int
cmd_check (Bnctl  *ctl,
           int     argc,
           char  **argv)
{
  const char *usage = "check --mode shutdown|concurrent SRC_HVM:LPAR DST_HVM[:LPAR|auto] "
                      "[--group N] | check --all --mode shutdown|concurrent";
  g_autofree char *mode_arg = NULL;
  gboolean all = FALSE;
  gint group = -1;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "mode", 0, 0, G_OPTION_ARG_STRING, &mode_arg, "shutdown or concurrent", "MODE" },
    { "group", 0, 0, G_OPTION_ARG_INT, &group, "Destination processor group", "N" },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, "Every LPAR against every other HVM", NULL },
    { NULL }
  };
  BnMode mode;

  if (!bnctl_parse_options (ctl, usage, entries, &argc, &argv, &error))
    return bnctl_fail (ctl, error);
  if (!bn_mode_from_string (mode_arg, &mode))
    return bnctl_usage_error (usage, "--mode must be shutdown or concurrent");
  if (bnctl_get_engine (ctl, &error) == NULL)
    return bnctl_fail (ctl, error);
  if (all)
    {
      if (argc != 1)
        return bnctl_usage_error (usage, "--all takes no LPARs");
      return check_all (ctl, mode);
    }
  if (argc != 3)
    return bnctl_usage_error (usage, "give the source HVM:LPAR and the destination HVM[:LPAR]");
  if (!bnctl_check_group (group, &error))
    return bnctl_usage_error (usage, "%s", error->message);
  return check_one (ctl, mode, argv[1], argv[2], group);
}

const BnctlCommand bnctl_check_commands[] = {
  { "check", NULL, cmd_check, "check --mode M SRC_HVM:LPAR DST_HVM[:LPAR|auto] | check --all --mode M",
    "may this LPAR move there, in this mode? (the Migration Config Viewer)" },
  { NULL }
};
