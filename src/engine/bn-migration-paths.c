/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-migration-paths"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bn-blade-doc.h"
#include "bn-error.h"
#include "bn-migration-paths.h"

/* The schema's "ipv4": four decimal octets, no leading zeros. */
#define IPV4_PATTERN "^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])" \
                     "(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$"

static const char *const members[BN_PATH_N_FIELDS] = {
  [BN_PATH_FIELD_NAME] = "name",
  [BN_PATH_FIELD_SEGMENT] = "segment",
  [BN_PATH_FIELD_SLOT] = "slot",
  [BN_PATH_FIELD_PORT] = "port",
  [BN_PATH_FIELD_PCI_ADDRESS] = "pci_address",
  [BN_PATH_FIELD_IP] = "ip",
  [BN_PATH_FIELD_MASK] = "mask",
  [BN_PATH_FIELD_VLAN] = "vlan",
  [BN_PATH_FIELD_CHASSIS_ID] = "chassis_id",
};

const char *
bn_path_field_to_member (BnPathField field)
{
  g_return_val_if_fail (field < BN_PATH_N_FIELDS, NULL);
  return members[field];
}

gboolean
bn_path_field_is_required (BnPathField field)
{
  return field == BN_PATH_FIELD_NAME || field == BN_PATH_FIELD_SEGMENT ||
         field == BN_PATH_FIELD_IP || field == BN_PATH_FIELD_MASK;
}

static gboolean
is_integer_field (BnPathField field)
{
  return field == BN_PATH_FIELD_SLOT || field == BN_PATH_FIELD_PORT ||
         field == BN_PATH_FIELD_VLAN;
}

static gboolean
parse_number (const char *text,
              gint64      min,
              gint64      max,
              gint64     *value)
{
  guint64 n;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT32, &n, NULL) ||
      (gint64) n < min || (gint64) n > max)
    return FALSE;
  if (value != NULL)
    *value = (gint64) n;
  return TRUE;
}

static gboolean
is_netmask (const char *text)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (text);
  const guint8 *bytes;
  guint32 bits;

  if (address == NULL || g_inet_address_get_family (address) != G_SOCKET_FAMILY_IPV4)
    return FALSE;
  bytes = g_inet_address_to_bytes (address);
  bits = (guint32) bytes[0] << 24 | (guint32) bytes[1] << 16 | (guint32) bytes[2] << 8 | bytes[3];
  /* ones then zeros, and at least one of each: 0.0.0.0 and 255.255.255.255 leave no subnet */
  return bits != 0 && bits != G_MAXUINT32 && ((~bits + 1) & ~bits) == 0;
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT, message);
  return FALSE;
}

/* One cell as the user typed it (leading and trailing spaces ignored); empty is fine for
 * the optional columns.  The messages say what a valid value looks like. */
gboolean
bn_migration_path_check_field (BnPathField   field,
                               const char   *text,
                               GError      **error)
{
  g_autofree char *value = g_strstrip (g_strdup (text ? text : ""));

  g_return_val_if_fail (field < BN_PATH_N_FIELDS, FALSE);

  if (*value == '\0')
    {
      if (!bn_path_field_is_required (field))
        return TRUE;
      switch (field)
        {
        case BN_PATH_FIELD_NAME:
          return invalid (error, _("Give the path a name"));
        case BN_PATH_FIELD_SEGMENT:
          return invalid (error, _("Choose the segment, e.g. 2b"));
        case BN_PATH_FIELD_IP:
          return invalid (error, _("Give the path’s IP address"));
        default:
          return invalid (error, _("Give the subnet mask, e.g. 255.255.255.0"));
        }
    }
  switch (field)
    {
    case BN_PATH_FIELD_NAME:
      if (g_utf8_strlen (value, -1) > 31)
        return invalid (error, _("A name has at most 31 characters"));
      for (const char *p = value; *p; p = g_utf8_next_char (p))
        if (g_unichar_iscntrl (g_utf8_get_char (p)))
          return invalid (error, _("A name cannot hold control characters"));
      return TRUE;
    case BN_PATH_FIELD_SEGMENT:
      if (!g_regex_match_simple ("^([1-9][0-9]?[a-d]|V[a-d])$", value, 0, 0))
        return invalid (error, _("A segment is a number 1-99 or V followed by a-d, e.g. 2b or Va"));
      return TRUE;
    case BN_PATH_FIELD_SLOT:
      if (!parse_number (value, 0, 31, NULL))
        return invalid (error, _("Slot is a number from 0 to 31"));
      return TRUE;
    case BN_PATH_FIELD_PORT:
      if (!parse_number (value, 0, 3, NULL))
        return invalid (error, _("Port No. is a number from 0 to 3"));
      return TRUE;
    case BN_PATH_FIELD_PCI_ADDRESS:
      if (strlen (value) > 16 || strspn (value, "0123456789abcdefABCDEF:.") != strlen (value))
        return invalid (error, _("A PCI address is up to 16 hexadecimal digits, “:” and “.”, "
                                 "e.g. 0b:00.1"));
      return TRUE;
    case BN_PATH_FIELD_IP:
      if (!g_regex_match_simple (IPV4_PATTERN, value, 0, 0))
        return invalid (error, _("An IP address is four numbers 0-255 with dots, "
                                 "e.g. 192.168.20.1"));
      return TRUE;
    case BN_PATH_FIELD_MASK:
      if (!g_regex_match_simple (IPV4_PATTERN, value, 0, 0) || !is_netmask (value))
        return invalid (error, _("A subnet mask is ones then zeros, e.g. 255.255.255.0"));
      return TRUE;
    case BN_PATH_FIELD_VLAN:
      if (!parse_number (value, 1, 4000, NULL))
        return invalid (error, _("VLAN ID is a number from 1 to 4000, or empty for none"));
      return TRUE;
    case BN_PATH_FIELD_CHASSIS_ID:
      if (g_utf8_strlen (value, -1) > 31)
        return invalid (error, _("A chassis ID has at most 31 characters"));
      return TRUE;
    case BN_PATH_N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

/* The cell text of a stored path: "" for what it does not set. */
char *
bn_migration_path_get_field (JsonObject  *path,
                             BnPathField  field)
{
  const char *member = bn_path_field_to_member (field);
  JsonNode *node;

  g_return_val_if_fail (path != NULL, NULL);

  node = json_object_get_member (path, member);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (is_integer_field (field))
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return g_strdup (json_node_get_string (node) ? json_node_get_string (node) : "");
}

/* A path from the cells of one row, NULL and the first bad cell's message if one is wrong;
 * the error's code is BN_ERROR_INVALID_ARGUMENT and its message starts with the column. */
JsonObject *
bn_migration_path_new_from_text (gboolean            primary,
                                 const char *const  *fields,
                                 GError            **error)
{
  g_autoptr(JsonObject) path = json_object_new ();

  json_object_set_boolean_member (path, "primary", primary);
  for (guint f = 0; f < BN_PATH_N_FIELDS; f++)
    {
      g_autofree char *value = g_strstrip (g_strdup (fields[f] ? fields[f] : ""));

      if (!bn_migration_path_check_field (f, value, error))
        return NULL;
      if (*value == '\0')
        continue;
      if (is_integer_field (f))
        json_object_set_int_member (path, members[f], g_ascii_strtoll (value, NULL, 10));
      else
        json_object_set_string_member (path, members[f], value);
    }
  return g_steal_pointer (&path);
}

/* The whole list, as the blade will see it: at most 8 paths, names and IP addresses used
 * once, one Primary Use at most.  @bad_index: the first path that breaks a rule. */
gboolean
bn_migration_paths_check (JsonArray  *paths,
                          guint      *bad_index,
                          GError    **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) ips = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = json_array_get_length (paths);
  gboolean primary = FALSE;

  if (n > BN_MIGRATION_PATHS_MAX)
    {
      if (bad_index)
        *bad_index = BN_MIGRATION_PATHS_MAX;
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                   _("An HVM has at most %d migration paths"), BN_MIGRATION_PATHS_MAX);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      JsonObject *path = json_array_get_object_element (paths, i);
      const char *name = bn_blade_doc_get_string (path, "name", "");
      const char *ip = bn_blade_doc_get_string (path, "ip", "");

      if (bad_index)
        *bad_index = i;
      for (guint f = 0; f < BN_PATH_N_FIELDS; f++)
        {
          g_autofree char *text = bn_migration_path_get_field (path, f);

          if (!bn_migration_path_check_field (f, text, error))
            return FALSE;
        }
      if (!g_hash_table_add (names, (gpointer) name))
        {
          g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                       _("The name %s is used by another path"), name);
          return FALSE;
        }
      if (!g_hash_table_add (ips, (gpointer) ip))
        {
          g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                       _("The IP address %s is used by another path"), ip);
          return FALSE;
        }
      if (bn_blade_doc_get_bool (path, "primary", FALSE))
        {
          if (primary)
            return invalid (error, _("Only one path can be the primary one"));
          primary = TRUE;
        }
    }
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The segments a migration path of @hvm may use: its shared NIC ports (not the
 * inter-LPAR "V" segments), as it served them in its last read; sorted, NULL-terminated. */
char **
bn_migration_paths_get_segments (BnHvm *hvm)
{
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (g_free);
  JsonObject *config;
  JsonArray *nics;

  g_return_val_if_fail (BN_IS_HVM (hvm), NULL);

  config = bn_hvm_get_config (hvm);
  nics = config ? bn_blade_doc_get_array (config, "nics") : NULL;
  for (guint i = 0; nics && i < json_array_get_length (nics); i++)
    {
      JsonArray *ports = bn_blade_doc_get_array (json_array_get_object_element (nics, i), "ports");

      for (guint j = 0; ports && j < json_array_get_length (ports); j++)
        {
          const char *segment = bn_blade_doc_get_string (json_array_get_object_element (ports, j),
                                                         "segment", "");

          if (*segment != '\0' && *segment != 'V' &&
              !g_ptr_array_find_with_equal_func (segments, segment, g_str_equal, NULL))
            g_ptr_array_add (segments, g_strdup (segment));
        }
    }
  g_ptr_array_sort (segments, compare_strings);
  g_ptr_array_add (segments, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&segments), FALSE);
}

/* bn_migration_paths_check (), then what the blade itself will refuse: a segment that is
 * not one of its shared NIC ports.  Nothing is checked against a blade never read. */
gboolean
bn_migration_paths_check_for_hvm (BnHvm      *hvm,
                                  JsonArray  *paths,
                                  guint      *bad_index,
                                  GError    **error)
{
  g_auto(GStrv) segments = NULL;

  g_return_val_if_fail (BN_IS_HVM (hvm), FALSE);

  if (!bn_migration_paths_check (paths, bad_index, error))
    return FALSE;
  if (bn_hvm_get_config (hvm) == NULL)
    return TRUE;
  segments = bn_migration_paths_get_segments (hvm);
  for (guint i = 0; i < json_array_get_length (paths); i++)
    {
      const char *segment = bn_blade_doc_get_string (json_array_get_object_element (paths, i),
                                                     "segment", "");

      if (!g_strv_contains ((const char * const *) segments, segment))
        {
          g_autofree char *offered = g_strjoinv (", ", segments);

          if (bad_index)
            *bad_index = i;
          if (segments[0] == NULL)
            g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                         _("HVM %s has no shared NIC port for a migration path"),
                         bn_hvm_get_id (hvm));
          else
            g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                         _("Segment %s is not a shared NIC port of HVM %s; it has %s"),
                         segment, bn_hvm_get_id (hvm), offered);
          return FALSE;
        }
    }
  return TRUE;
}

/* A copy of the paths the HVM served in its last Update (empty if it has none). */
JsonArray *
bn_migration_paths_get (BnHvm *hvm)
{
  JsonArray *paths;
  JsonArray *copy = json_array_new ();

  g_return_val_if_fail (BN_IS_HVM (hvm), NULL);

  paths = bn_hvm_get_config (hvm) ? bn_blade_doc_get_array (bn_hvm_get_config (hvm),
                                                            "migration_paths")
                                  : NULL;
  for (guint i = 0; paths && i < json_array_get_length (paths); i++)
    json_array_add_object_element (copy,
                                   bn_json_object_deep_copy (json_array_get_object_element (paths,
                                                                                            i)));
  return copy;
}

static void
reread_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* the blade took the paths; a failed re-read leaves the old ones shown until Update */
  if (!bn_fleet_update_hvm_finish (BN_FLEET (object), result, &error))
    g_message ("migration paths saved, but the HVM could not be read again: %s",
               error->message);
  g_task_return_boolean (task, TRUE);
}

static void
set_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) reply = bn_backend_call_finish (BN_BACKEND (object), result, &error);
  BnHvm *hvm = g_task_get_task_data (task);

  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  bn_fleet_update_hvm_async (g_task_get_source_object (task), hvm,
                             g_task_get_cancellable (task), reread_cb, g_object_ref (task));
}

/* Replaces the HVM's migration paths with @paths (checked first: nothing is sent unless
 * all are valid; the blade checks again and changes nothing if it refuses), then reads the
 * HVM again so its config shows them. */
void
bn_migration_paths_set_async (BnFleet             *fleet,
                              BnHvm               *hvm,
                              JsonArray           *paths,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonObject) args = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint bad = 0;

  g_return_if_fail (BN_IS_FLEET (fleet));
  g_return_if_fail (BN_IS_HVM (hvm));
  g_return_if_fail (paths != NULL);

  task = g_task_new (fleet, cancellable, callback, user_data);
  g_task_set_source_tag (task, bn_migration_paths_set_async);
  g_task_set_task_data (task, g_object_ref (hvm), g_object_unref);
  if (!bn_migration_paths_check_for_hvm (hvm, paths, &bad, &error))
    {
      g_prefix_error (&error, _("Path %u: "), bad + 1);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  json_node_set_array (node, paths);
  text = json_to_string (node, FALSE);
  json_object_set_string_member (args, "paths", text);
  bn_backend_call_async (bn_fleet_get_backend (fleet, hvm), BN_BACKEND_OP_SET_MIGRATION_PATHS,
                         args, cancellable, set_cb, g_steal_pointer (&task));
}

gboolean
bn_migration_paths_set_finish (BnFleet       *fleet,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, fleet), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
