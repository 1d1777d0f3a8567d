/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bnctl"

#include "config.h"

#include "bn-blade-doc.h"
#include "bn-error.h"
#include "bnctl.h"

/* path list | path set: the Migration Path Setting window (§3.2.1) from the shell. */

static int
cmd_path_list (Bnctl  *ctl,
               int     argc,
               char  **argv)
{
  const char *usage = "path list HVM_ID";
  g_autoptr(GError) error = NULL;
  g_autoptr(BnctlTable) table = bnctl_table_new ("PRIMARY", "NAME", "SEGMENT", "SLOT", "PORT",
                                                 "IP ADDRESS", "SUBNET MASK", "VLAN ID",
                                                 "CHASSIS ID", NULL);
  JsonArray *paths;
  BnHvm *hvm;

  if (!bnctl_parse_options (ctl, usage, NULL, &argc, &argv, &error))
    return bnctl_fail (ctl, error);
  if (argc != 2)
    return bnctl_usage_error (usage, "give one HVM ID");
  hvm = bnctl_read_hvm (ctl, argv[1], &error);
  if (hvm == NULL)
    return bnctl_fail (ctl, error);
  paths = bn_blade_doc_get_array (bn_hvm_get_config (hvm), "migration_paths");
  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      json_node_set_array (node, paths ? paths : json_array_new ());
      bnctl_print_json (node);
      return BNCTL_EXIT_OK;
    }
  for (guint i = 0; paths && i < json_array_get_length (paths); i++)
    {
      JsonObject *p = json_array_get_object_element (paths, i);
      g_autofree char *slot = g_strdup_printf ("%" G_GINT64_FORMAT, bn_blade_doc_get_int (p, "slot", 0));
      g_autofree char *port = g_strdup_printf ("%" G_GINT64_FORMAT, bn_blade_doc_get_int (p, "port", 0));
      g_autofree char *vlan = bn_blade_doc_get_int (p, "vlan", 0)
                              ? g_strdup_printf ("%" G_GINT64_FORMAT, bn_blade_doc_get_int (p, "vlan", 0))
                              : g_strdup ("");

      bnctl_table_add_row (table, bn_blade_doc_get_bool (p, "primary", FALSE) ? "yes" : "",
                           bn_blade_doc_get_string (p, "name", ""),
                           bn_blade_doc_get_string (p, "segment", ""), slot, port,
                           bn_blade_doc_get_string (p, "ip", ""),
                           bn_blade_doc_get_string (p, "mask", ""), vlan,
                           bn_blade_doc_get_string (p, "chassis_id", ""), NULL);
    }
  bnctl_table_print (table);
  return BNCTL_EXIT_OK;
}

/* path set HVM NAME SEGMENT IP MASK [--vlan N] [--primary]: adds the path, or replaces the
 * one of that name; the blade validates the whole list before it changes anything. */
static int
cmd_path_set (Bnctl  *ctl,
              int     argc,
              char  **argv)
{
  const char *usage = "path set HVM_ID NAME SEGMENT IP MASK [--vlan 1-4000] [--primary] "
                      "[--remove]";
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonArray) paths = json_array_new ();
  g_autoptr(JsonObject) args = json_object_new ();
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  gint vlan = 0;
  gboolean primary = FALSE, remove = FALSE;
  JsonArray *current;
  JsonObject *path = NULL;
  BnHvm *hvm;
  GOptionEntry entries[] = {
    { "vlan", 0, 0, G_OPTION_ARG_INT, &vlan, "VLAN ID (1-4000)", "N" },
    { "primary", 0, 0, G_OPTION_ARG_NONE, &primary, "Primary Use", NULL },
    { "remove", 0, 0, G_OPTION_ARG_NONE, &remove, "Remove the path of that name", NULL },
    { NULL }
  };

  if (!bnctl_parse_options (ctl, usage, entries, &argc, &argv, &error))
    return bnctl_fail (ctl, error);
  if ((remove && argc != 3) || (!remove && argc != 6))
    return bnctl_usage_error (usage, "give HVM_ID NAME SEGMENT IP MASK (or HVM_ID NAME --remove)");
  if (vlan != 0 && (vlan < 1 || vlan > 4000))
    return bnctl_usage_error (usage, "VLAN ID must be from 1 to 4000");
  if (!remove && (!g_hostname_is_ip_address (argv[4]) || !g_hostname_is_ip_address (argv[5])))
    return bnctl_usage_error (usage, "IP and MASK must be IPv4 addresses");
  hvm = bnctl_read_hvm (ctl, argv[1], &error);
  if (hvm == NULL)
    return bnctl_fail (ctl, error);

  current = bn_blade_doc_get_array (bn_hvm_get_config (hvm), "migration_paths");
  for (guint i = 0; current && i < json_array_get_length (current); i++)
    {
      g_autoptr(JsonObject) p = bn_json_object_deep_copy (json_array_get_object_element (current, i));

      if (g_strcmp0 (bn_blade_doc_get_string (p, "name", ""), argv[2]) == 0)
        {
          /* the path changes: what the command does not set (slot, port, PCI address,
           * chassis) stays as it was */
          if (!remove)
            path = g_steal_pointer (&p);
          continue;
        }
      if (primary)
        json_object_set_boolean_member (p, "primary", FALSE);
      json_array_add_object_element (paths, g_steal_pointer (&p));
    }
  if (!remove)
    {
      if (path == NULL)
        path = json_object_new ();
      json_object_set_boolean_member (path, "primary", primary);
      json_object_set_string_member (path, "name", argv[2]);
      json_object_set_string_member (path, "segment", argv[3]);
      json_object_set_string_member (path, "ip", argv[4]);
      json_object_set_string_member (path, "mask", argv[5]);
      if (vlan != 0)
        json_object_set_int_member (path, "vlan", vlan);
      else if (json_object_has_member (path, "vlan"))
        json_object_remove_member (path, "vlan");
      json_array_add_object_element (paths, path);
    }
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, paths);
  text = json_to_string (node, FALSE);
  json_object_set_string_member (args, "paths", text);
  bn_backend_call_async (bn_fleet_get_backend (bn_engine_get_fleet (bnctl_get_engine (ctl, NULL)), hvm),
                         BN_BACKEND_OP_SET_MIGRATION_PATHS, args, NULL, bnctl_store_result, &result);
  reply = bn_backend_call_finish (bn_fleet_get_backend (bn_engine_get_fleet (bnctl_get_engine (ctl, NULL)), hvm),
                                  bnctl_wait (&result), &error);
  if (reply == NULL)
    return bnctl_fail (ctl, error);
  if (!ctl->json)
    g_print ("Migration paths of %s saved\n", argv[1]);
  return BNCTL_EXIT_OK;
}

const BnctlCommand bnctl_path_commands[] = {
  { "path", "list", cmd_path_list, "path list HVM_ID", "list an HVM's migration paths" },
  { "path", "set", cmd_path_set, "path set HVM_ID NAME SEGMENT IP MASK [--vlan N] [--primary]",
    "add, change or remove a migration path (§3.2.1)" },
  { NULL }
};
