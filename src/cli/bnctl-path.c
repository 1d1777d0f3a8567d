/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bnctl"

#include "config.h"

#include "bn-blade-doc.h"
#include "bn-error.h"
#include "bn-migration-paths.h"
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
  g_autoptr(JsonArray) paths = NULL;
  BnHvm *hvm;

  if (!bnctl_parse_options (ctl, usage, NULL, &argc, &argv, &error))
    return bnctl_fail (ctl, error);
  if (argc != 2)
    return bnctl_usage_error (usage, "give one HVM ID");
  hvm = bnctl_read_hvm (ctl, argv[1], &error);
  if (hvm == NULL)
    return bnctl_fail (ctl, error);
  paths = bn_migration_paths_get (hvm);
  if (ctl->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      json_node_set_array (node, paths);
      bnctl_print_json (node);
      return BNCTL_EXIT_OK;
    }
  for (guint i = 0; i < json_array_get_length (paths); i++)
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
 * one of that name; the engine checks the list as the console's window does, and the blade
 * validates it again before it changes anything. */
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
  g_autoptr(JsonArray) current = NULL;
  g_autofree char *vlan_text = NULL;
  gint vlan = 0;
  gboolean primary = FALSE, remove = FALSE, found = FALSE;
  JsonObject *path = NULL;
  BnFleet *fleet;
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
  vlan_text = vlan != 0 ? g_strdup_printf ("%d", vlan) : g_strdup ("");
  if (!remove)
    {
      const BnPathField fields[] = { BN_PATH_FIELD_NAME, BN_PATH_FIELD_SEGMENT, BN_PATH_FIELD_IP,
                                     BN_PATH_FIELD_MASK, BN_PATH_FIELD_VLAN };
      const char *values[] = { argv[2], argv[3], argv[4], argv[5], vlan_text };

      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        if (!bn_migration_path_check_field (fields[i], values[i], &error))
          return bnctl_usage_error (usage, "%s", error->message);
    }
  hvm = bnctl_read_hvm (ctl, argv[1], &error);
  if (hvm == NULL)
    return bnctl_fail (ctl, error);

  current = bn_migration_paths_get (hvm);
  for (guint i = 0; i < json_array_get_length (current); i++)
    {
      JsonObject *p = json_array_get_object_element (current, i);

      if (g_strcmp0 (bn_blade_doc_get_string (p, "name", ""), argv[2]) == 0)
        {
          /* the path changes: what the command does not set (slot, port, PCI address,
           * chassis) stays as it was */
          if (!remove)
            path = json_object_ref (p);
          found = TRUE;
          continue;
        }
      if (primary)
        json_object_set_boolean_member (p, "primary", FALSE);
      json_array_add_object_element (paths, json_object_ref (p));
    }
  if (remove && !found)
    {
      g_set_error (&error, BN_ERROR, BN_ERROR_NOT_FOUND, "HVM %s has no migration path named %s",
                   argv[1], argv[2]);
      return bnctl_fail (ctl, error);
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
  fleet = bn_engine_get_fleet (bnctl_get_engine (ctl, NULL));
  bn_migration_paths_set_async (fleet, hvm, paths, NULL, bnctl_store_result, &result);
  if (!bn_migration_paths_set_finish (fleet, bnctl_wait (&result), &error))
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
