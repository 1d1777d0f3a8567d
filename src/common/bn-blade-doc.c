/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-blade-doc"

#include "config.h"

#include <string.h>

#include "bn-blade-doc.h"
#include "bn-error.h"
#include "bn-json-schema.h"
#include "bn-protocol.h"
#include "bn-common-resources.h"

#define SCHEMA_RESOURCE "/io/github/bladenav/common/fleet.schema.json"
#define DEFAULT_MAX_LPARS 16

static BnJsonSchema *
get_schema (void)
{
  static BnJsonSchema *schema;
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      g_autoptr(GError) error = NULL;
      BnJsonSchema *s;

      /* referencing the resource keeps the linker from dropping it out of the static lib */
      (void) bn_common_get_resource ();
      s = bn_json_schema_new_from_resource (SCHEMA_RESOURCE, &error);

      /* The schema is compiled into the binary: failing to load it is a build defect. */
      if (s == NULL)
        g_error ("Cannot load the fleet schema: %s", error->message);
      schema = s;
      g_once_init_leave (&initialized, 1);
    }
  return schema;
}

/* Walks "a.b.c" through nested objects. */
static JsonNode *
lookup (JsonObject *object,
        const char *path)
{
  const char *dot;
  JsonNode *node;

  while ((dot = strchr (path, '.')) != NULL)
    {
      char key[64];
      gsize len = dot - path;

      if (len >= sizeof key)
        return NULL;
      memcpy (key, path, len);
      key[len] = '\0';
      node = json_object_get_member (object, key);
      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        return NULL;
      object = json_node_get_object (node);
      path = dot + 1;
    }
  return json_object_get_member (object, path);
}

const char *
bn_blade_doc_get_string (JsonObject *object,
                         const char *path,
                         const char *fallback)
{
  JsonNode *node = object ? lookup (object, path) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return fallback;
  return json_node_get_string (node);
}

gint64
bn_blade_doc_get_int (JsonObject *object,
                      const char *path,
                      gint64      fallback)
{
  JsonNode *node = object ? lookup (object, path) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return fallback;
  return json_node_get_int (node);
}

/* Integers are numbers too. */
double
bn_blade_doc_get_double (JsonObject *object,
                         const char *path,
                         double      fallback)
{
  JsonNode *node = object ? lookup (object, path) : NULL;
  GType type = node && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : 0;

  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    return fallback;
  return json_node_get_double (node);
}

gboolean
bn_blade_doc_get_bool (JsonObject *object,
                       const char *path,
                       gboolean    fallback)
{
  JsonNode *node = object ? lookup (object, path) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fallback;
  return json_node_get_boolean (node);
}

JsonArray *
bn_blade_doc_get_array (JsonObject *object,
                        const char *path)
{
  JsonNode *node = object ? lookup (object, path) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

JsonObject *
bn_blade_doc_get_object (JsonObject *object,
                         const char *path)
{
  JsonNode *node = object ? lookup (object, path) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

guint
bn_blade_doc_get_max_lpars (JsonObject *blade)
{
  return bn_blade_doc_get_int (blade, "hvm.max_lpars", DEFAULT_MAX_LPARS);
}

/* The migration path marked primary, else the first one (the manual's "Primary Use"); NULL
 * when the blade has none. */
JsonObject *
bn_blade_doc_get_primary_path (JsonObject *blade)
{
  JsonArray *paths = bn_blade_doc_get_array (blade, "migration_paths");
  JsonObject *first = NULL;

  for (guint i = 0; paths != NULL && i < json_array_get_length (paths); i++)
    {
      JsonNode *node = json_array_get_element (paths, i);
      JsonObject *path = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (i == 0)
        first = path;
      if (bn_blade_doc_get_bool (path, "primary", FALSE))
        return path;
    }
  return first;
}

/* A new object sharing nothing with @object (json_node_copy() shares nested objects), for
 * editing a copy of a blade document's part. */
JsonObject *
bn_json_object_deep_copy (JsonObject *object)
{
  g_autoptr(JsonNode) src = json_node_init_object (json_node_alloc (), object);
  g_autofree char *text = json_to_string (src, FALSE);
  g_autoptr(JsonNode) copy = json_from_string (text, NULL);

  return json_object_ref (json_node_get_object (copy));
}

JsonObject *
bn_blade_doc_find_lpar (JsonObject *blade,
                        guint       number)
{
  JsonArray *lpars = bn_blade_doc_get_array (blade, "lpars");

  if (lpars == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (lpars); i++)
    {
      JsonObject *lpar = json_array_get_object_element (lpars, i);

      if (lpar != NULL && bn_blade_doc_get_int (lpar, "number", 0) == number)
        return lpar;
    }
  return NULL;
}

/* Segments a blade offers: its shared NIC ports, plus the inter-LPAR virtual NICs. */
static GHashTable *
collect_segments (JsonObject *blade)
{
  GHashTable *segments = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *nics = bn_blade_doc_get_array (blade, "nics");
  static const char *virtual[] = { "Va", "Vb", "Vc", "Vd" };

  for (guint i = 0; i < G_N_ELEMENTS (virtual); i++)
    g_hash_table_add (segments, (gpointer) virtual[i]);
  for (guint i = 0; nics && i < json_array_get_length (nics); i++)
    {
      JsonArray *ports = bn_blade_doc_get_array (json_array_get_object_element (nics, i), "ports");

      for (guint j = 0; ports && j < json_array_get_length (ports); j++)
        g_hash_table_add (segments,
                          (gpointer) bn_blade_doc_get_string (json_array_get_object_element (ports, j),
                                                              "segment", ""));
    }
  return segments;
}

static gboolean
validate_vnics (JsonObject  *lpar,
                const char  *member,
                GHashTable  *segments,
                const char  *path,
                GError     **error)
{
  JsonArray *vnics = bn_blade_doc_get_array (lpar, member);
  guint64 used = 0;

  for (guint k = 0; vnics && k < json_array_get_length (vnics); k++)
    {
      JsonObject *vnic = json_array_get_object_element (vnics, k);
      gint64 number = bn_blade_doc_get_int (vnic, "number", 0);
      const char *segment = bn_blade_doc_get_string (vnic, "segment", "");
      g_autofree char *where = g_strdup_printf ("%s.%s[%u]", path, member, k);

      if (used & (G_GUINT64_CONSTANT (1) << number))
        return bn_error_invalid_at (error, where,
                                    "Virtual NIC Number %" G_GINT64_FORMAT " is used twice",
                                    number);
      used |= G_GUINT64_CONSTANT (1) << number;
      if (!g_hash_table_contains (segments, segment))
        return bn_error_invalid_at (error, where,
                                    "segment %s is not a port of any NIC of this blade",
                                    segment);
    }
  return TRUE;
}

static gboolean
validate_lpar (JsonObject  *blade,
               JsonObject  *lpar,
               GHashTable  *segments,
               const char  *path,
               GError     **error)
{
  gint64 memory = bn_blade_doc_get_int (lpar, "memory_mb", 0);
  gint64 blade_memory = bn_blade_doc_get_int (blade, "memory_mb", 0);
  gint64 number = bn_blade_doc_get_int (lpar, "number", 0);
  gint64 cpus = bn_blade_doc_get_int (lpar, "cpu.count", 0);
  JsonArray *fcs = bn_blade_doc_get_array (lpar, "fcs");
  g_autofree char *where = NULL;

  if (number > bn_blade_doc_get_max_lpars (blade))
    {
      where = g_strdup_printf ("%s.number", path);
      return bn_error_invalid_at (error, where, "LPAR number %" G_GINT64_FORMAT
                                  " is larger than the blade's max_lpars (%u)", number,
                                  bn_blade_doc_get_max_lpars (blade));
    }
  if (memory > blade_memory)
    {
      where = g_strdup_printf ("%s.memory_mb", path);
      return bn_error_invalid_at (error, where,
                                  "LPAR memory (%" G_GINT64_FORMAT " MB) is larger than the "
                                  "blade's memory (%" G_GINT64_FORMAT " MB)", memory, blade_memory);
    }
  if (cpus > bn_blade_doc_get_int (blade, "cpu.physical_count", 0) &&
      g_strcmp0 (bn_blade_doc_get_string (lpar, "cpu.mode", ""), "dedicated") == 0)
    {
      where = g_strdup_printf ("%s.cpu.count", path);
      return bn_error_invalid_at (error, where, "more dedicated CPUs than the blade has");
    }

  if (!validate_vnics (lpar, "vnics", segments, path, error) ||
      !validate_vnics (lpar, "vf_nics", segments, path, error))
    return FALSE;

  for (guint k = 0; fcs && k < json_array_get_length (fcs); k++)
    {
      JsonObject *fc = json_array_get_object_element (fcs, k);
      JsonArray *hbas = bn_blade_doc_get_array (blade, "fc_hbas");
      gint64 slot = bn_blade_doc_get_int (fc, "slot", -1);
      gboolean found = FALSE;

      for (guint h = 0; hbas && h < json_array_get_length (hbas) && !found; h++)
        {
          JsonObject *hba = json_array_get_object_element (hbas, h);
          JsonArray *ports = bn_blade_doc_get_array (hba, "ports");

          if (bn_blade_doc_get_int (hba, "slot", -2) != slot)
            continue;
          for (guint p = 0; ports && p < json_array_get_length (ports); p++)
            if (bn_blade_doc_get_int (json_array_get_object_element (ports, p), "port", -1) ==
                bn_blade_doc_get_int (fc, "port", -2))
              found = TRUE;
        }
      if (!found)
        {
          where = g_strdup_printf ("%s.fcs[%u]", path, k);
          return bn_error_invalid_at (error, where,
                                      "no FC HBA port at slot %" G_GINT64_FORMAT " port %"
                                      G_GINT64_FORMAT " on this blade", slot,
                                      bn_blade_doc_get_int (fc, "port", -1));
        }
    }
  return TRUE;
}

/* Rules JSON Schema cannot state: uniqueness, cross-references, capacities. */
static gboolean
validate_semantics (JsonObject  *blade,
                    const char  *path,
                    GError     **error)
{
  g_autoptr(GHashTable) segments = collect_segments (blade);
  g_autoptr(GHashTable) numbers = g_hash_table_new (NULL, NULL);
  JsonArray *lpars = bn_blade_doc_get_array (blade, "lpars");
  JsonArray *paths = bn_blade_doc_get_array (blade, "migration_paths");
  gint64 max_lpars = bn_blade_doc_get_max_lpars (blade);

  if (bn_blade_doc_get_int (blade, "hvm.max_activated_lpars", 0) > max_lpars)
    {
      g_autofree char *where = g_strdup_printf ("%s.hvm.max_activated_lpars", path);
      return bn_error_invalid_at (error, where,
                                  "larger than max_lpars (%" G_GINT64_FORMAT ")", max_lpars);
    }

  for (guint i = 0; lpars && i < json_array_get_length (lpars); i++)
    {
      JsonObject *lpar = json_array_get_object_element (lpars, i);
      gint64 number = bn_blade_doc_get_int (lpar, "number", 0);
      g_autofree char *where = g_strdup_printf ("%s.lpars[%u]", path, i);

      if (g_hash_table_contains (numbers, GINT_TO_POINTER (number)))
        {
          g_autofree char *num_path = g_strdup_printf ("%s.number", where);
          return bn_error_invalid_at (error, num_path,
                                      "LPAR number %" G_GINT64_FORMAT " is used twice",
                                      number);
        }
      g_hash_table_add (numbers, GINT_TO_POINTER (number));
      if (!validate_lpar (blade, lpar, segments, where, error))
        return FALSE;
    }

  for (guint i = 0; paths && i < json_array_get_length (paths); i++)
    {
      JsonObject *mp = json_array_get_object_element (paths, i);
      const char *segment = bn_blade_doc_get_string (mp, "segment", "");

      if (!g_hash_table_contains (segments, segment) || segment[0] == 'V')
        {
          g_autofree char *where = g_strdup_printf ("%s.migration_paths[%u].segment", path, i);
          return bn_error_invalid_at (error, where,
                                      "segment %s is not a shared NIC port of this blade",
                                      segment);
        }
    }

  return TRUE;
}

gboolean
bn_blade_doc_validate (JsonNode    *blade,
                       const char  *path,
                       GError     **error)
{
  g_return_val_if_fail (blade != NULL, FALSE);

  if (path == NULL)
    path = "$";
  if (!bn_json_schema_validate (get_schema (), "blade", blade, path, error))
    return FALSE;
  return validate_semantics (json_node_get_object (blade), path, error);
}

gboolean
bn_fleet_doc_validate (JsonNode  *fleet,
                       GError   **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) endpoints = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *chassis;

  if (!bn_json_schema_validate (get_schema (), NULL, fleet, "$", error))
    return FALSE;

  chassis = bn_blade_doc_get_array (json_node_get_object (fleet), "chassis");
  for (guint c = 0; c < json_array_get_length (chassis); c++)
    {
      JsonArray *blades = bn_blade_doc_get_array (json_array_get_object_element (chassis, c),
                                                  "blades");

      for (guint b = 0; b < json_array_get_length (blades); b++)
        {
          JsonObject *blade = json_array_get_object_element (blades, b);
          g_autofree char *where = g_strdup_printf ("$.chassis[%u].blades[%u]", c, b);
          const char *id = bn_blade_doc_get_string (blade, "id", "");
          g_autofree char *endpoint = NULL;

          if (!g_hash_table_add (ids, (gpointer) id))
            {
              g_autofree char *id_path = g_strdup_printf ("%s.id", where);
              return bn_error_invalid_at (error, id_path, "HVM ID %s is used twice", id);
            }
          endpoint = g_strdup_printf ("%s:%" G_GINT64_FORMAT,
                                      bn_blade_doc_get_string (blade, "address", ""),
                                      bn_blade_doc_get_int (blade, "port",
                                                            BN_PROTOCOL_DEFAULT_PORT));
          if (!g_hash_table_add (endpoints, g_steal_pointer (&endpoint)))
            {
              g_autofree char *addr_path = g_strdup_printf ("%s.address", where);
              return bn_error_invalid_at (error, addr_path,
                                          "address and port are used by another blade");
            }
          if (!validate_semantics (blade, where, error))
            return FALSE;
        }
    }
  return TRUE;
}
