/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-json-schema"

#include "config.h"

#include <math.h>
#include <string.h>

#include "bn-error.h"
#include "bn-json-schema.h"

enum {
  T_NULL    = 1 << 0,
  T_BOOLEAN = 1 << 1,
  T_INTEGER = 1 << 2,
  T_NUMBER  = 1 << 3,
  T_STRING  = 1 << 4,
  T_ARRAY   = 1 << 5,
  T_OBJECT  = 1 << 6,
};

typedef struct _Rule Rule;

struct _Rule
{
  guint       types;          /* 0: any */
  GPtrArray  *enum_values;    /* JsonNode*, or NULL */
  GHashTable *properties;     /* name → Rule* */
  GPtrArray  *required;       /* char* */
  gboolean    closed;         /* additionalProperties: false */
  Rule       *additional;     /* additionalProperties: {schema} */
  Rule       *items;
  gint64      min_items, max_items;
  gint64      min_length, max_length;
  gboolean    has_minimum, has_maximum;
  double      minimum, maximum;
  GRegex     *pattern;
  char       *ref;
  Rule       *target;         /* resolved $ref */
};

struct _BnJsonSchema
{
  gatomicrefcount ref_count;
  GPtrArray      *rules;        /* owns every Rule */
  Rule           *root;
  GHashTable     *definitions;  /* name → Rule* */
};

static void
rule_free (gpointer data)
{
  Rule *rule = data;

  g_clear_pointer (&rule->enum_values, g_ptr_array_unref);
  g_clear_pointer (&rule->properties, g_hash_table_unref);
  g_clear_pointer (&rule->required, g_ptr_array_unref);
  g_clear_pointer (&rule->pattern, g_regex_unref);
  g_free (rule->ref);
  g_free (rule);
}

static gboolean
type_from_name (const char *name,
                guint      *type)
{
  static const struct { const char *name; guint type; } names[] = {
    { "null", T_NULL }, { "boolean", T_BOOLEAN }, { "integer", T_INTEGER },
    { "number", T_NUMBER }, { "string", T_STRING }, { "array", T_ARRAY },
    { "object", T_OBJECT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_strcmp0 (name, names[i].name) == 0)
        {
          *type = names[i].type;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
schema_error (GError    **error,
              const char *path,
              const char *what)
{
  g_set_error (error, BN_ERROR, BN_ERROR_INVALID_DATA, "Schema %s: %s", path, what);
  return FALSE;
}

static Rule *compile (BnJsonSchema *self, JsonNode *node, const char *path, GError **error);

static gboolean
get_int_member (JsonNode   *node,
                const char *path,
                const char *key,
                gint64     *out,
                GError    **error)
{
  if (json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_autofree char *where = g_strdup_printf ("%s/%s", path, key);
      return schema_error (error, where, "must be an integer");
    }
  *out = json_node_get_int (node);
  return TRUE;
}

static gboolean
get_number_member (JsonNode   *node,
                   const char *path,
                   const char *key,
                   double     *out,
                   GError    **error)
{
  GType type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    {
      g_autofree char *where = g_strdup_printf ("%s/%s", path, key);
      return schema_error (error, where, "must be a number");
    }
  *out = json_node_get_double (node);
  return TRUE;
}

static gboolean
compile_member (BnJsonSchema *self,
                Rule         *rule,
                const char   *path,
                const char   *key,
                JsonNode     *value,
                GError      **error)
{
  g_autofree char *where = g_strdup_printf ("%s/%s", path, key);

  if (g_str_equal (key, "$schema") || g_str_equal (key, "$id") ||
      g_str_equal (key, "title") || g_str_equal (key, "description") ||
      g_str_equal (key, "$comment") || g_str_equal (key, "default") ||
      g_str_equal (key, "examples") || g_str_equal (key, "$defs"))
    return TRUE;

  if (g_str_equal (key, "type"))
    {
      if (JSON_NODE_HOLDS_ARRAY (value))
        {
          JsonArray *array = json_node_get_array (value);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              guint t;
              if (!type_from_name (json_array_get_string_element (array, i), &t))
                return schema_error (error, where, "unknown type");
              rule->types |= t;
            }
          return TRUE;
        }
      if (json_node_get_value_type (value) == G_TYPE_STRING)
        {
          guint t;
          if (!type_from_name (json_node_get_string (value), &t))
            return schema_error (error, where, "unknown type");
          rule->types |= t;
          return TRUE;
        }
      return schema_error (error, where, "must be a string or an array of strings");
    }

  if (g_str_equal (key, "enum") || g_str_equal (key, "const"))
    {
      rule->enum_values = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
      if (g_str_equal (key, "const"))
        {
          g_ptr_array_add (rule->enum_values, json_node_copy (value));
          return TRUE;
        }
      if (!JSON_NODE_HOLDS_ARRAY (value))
        return schema_error (error, where, "must be an array");
      for (guint i = 0; i < json_array_get_length (json_node_get_array (value)); i++)
        g_ptr_array_add (rule->enum_values,
                         json_node_copy (json_array_get_element (json_node_get_array (value), i)));
      return TRUE;
    }

  if (g_str_equal (key, "properties"))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *sub;

      if (!JSON_NODE_HOLDS_OBJECT (value))
        return schema_error (error, where, "must be an object");
      rule->properties = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      json_object_iter_init (&iter, json_node_get_object (value));
      while (json_object_iter_next (&iter, &name, &sub))
        {
          g_autofree char *sub_path = g_strdup_printf ("%s/%s", where, name);
          Rule *child = compile (self, sub, sub_path, error);

          if (child == NULL)
            return FALSE;
          g_hash_table_insert (rule->properties, g_strdup (name), child);
        }
      return TRUE;
    }

  if (g_str_equal (key, "required"))
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (value))
        return schema_error (error, where, "must be an array");
      array = json_node_get_array (value);
      rule->required = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (rule->required, g_strdup (json_array_get_string_element (array, i)));
      return TRUE;
    }

  if (g_str_equal (key, "additionalProperties"))
    {
      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_BOOLEAN)
        {
          rule->closed = !json_node_get_boolean (value);
          return TRUE;
        }
      rule->additional = compile (self, value, where, error);
      return rule->additional != NULL;
    }

  if (g_str_equal (key, "items"))
    {
      rule->items = compile (self, value, where, error);
      return rule->items != NULL;
    }

  if (g_str_equal (key, "minItems"))
    return get_int_member (value, path, key, &rule->min_items, error);
  if (g_str_equal (key, "maxItems"))
    return get_int_member (value, path, key, &rule->max_items, error);
  if (g_str_equal (key, "minLength"))
    return get_int_member (value, path, key, &rule->min_length, error);
  if (g_str_equal (key, "maxLength"))
    return get_int_member (value, path, key, &rule->max_length, error);
  if (g_str_equal (key, "minimum"))
    return (rule->has_minimum = get_number_member (value, path, key, &rule->minimum, error));
  if (g_str_equal (key, "maximum"))
    return (rule->has_maximum = get_number_member (value, path, key, &rule->maximum, error));

  if (g_str_equal (key, "pattern"))
    {
      g_autoptr(GError) local_error = NULL;

      if (json_node_get_value_type (value) != G_TYPE_STRING)
        return schema_error (error, where, "must be a string");
      rule->pattern = g_regex_new (json_node_get_string (value), G_REGEX_OPTIMIZE, 0,
                                   &local_error);
      if (rule->pattern == NULL)
        return schema_error (error, where, local_error->message);
      return TRUE;
    }

  if (g_str_equal (key, "$ref"))
    {
      const char *ref = JSON_NODE_HOLDS_VALUE (value) ? json_node_get_string (value) : NULL;

      if (ref == NULL || !g_str_has_prefix (ref, "#/$defs/"))
        return schema_error (error, where, "only local references #/$defs/NAME are supported");
      rule->ref = g_strdup (ref + strlen ("#/$defs/"));
      return TRUE;
    }

  {
    g_autofree char *msg = g_strdup_printf ("unsupported keyword “%s”", key);
    return schema_error (error, where, msg);
  }
}

static Rule *
compile (BnJsonSchema *self,
         JsonNode     *node,
         const char   *path,
         GError      **error)
{
  Rule *rule;
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      schema_error (error, path, "a schema must be an object");
      return NULL;
    }

  rule = g_new0 (Rule, 1);
  rule->min_items = rule->min_length = 0;
  rule->max_items = rule->max_length = G_MAXINT64;
  g_ptr_array_add (self->rules, rule);

  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &key, &value))
    if (!compile_member (self, rule, path, key, value, error))
      return NULL;

  return rule;
}

static void
bn_json_schema_free (BnJsonSchema *self)
{
  g_clear_pointer (&self->definitions, g_hash_table_unref);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_free (self);
}

BnJsonSchema *
bn_json_schema_new_from_node (JsonNode  *root,
                              GError   **error)
{
  BnJsonSchema *self = g_new0 (BnJsonSchema, 1);
  JsonNode *defs;

  g_return_val_if_fail (root != NULL, NULL);

  g_atomic_ref_count_init (&self->ref_count);
  self->rules = g_ptr_array_new_with_free_func (rule_free);
  self->definitions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->root = compile (self, root, "#", error);
  if (self->root == NULL)
    goto fail;

  defs = JSON_NODE_HOLDS_OBJECT (root)
    ? json_object_get_member (json_node_get_object (root), "$defs") : NULL;
  if (defs != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *sub;

      if (!JSON_NODE_HOLDS_OBJECT (defs))
        {
          schema_error (error, "#/$defs", "must be an object");
          goto fail;
        }
      json_object_iter_init (&iter, json_node_get_object (defs));
      while (json_object_iter_next (&iter, &name, &sub))
        {
          g_autofree char *path = g_strdup_printf ("#/$defs/%s", name);
          Rule *rule = compile (self, sub, path, error);

          if (rule == NULL)
            goto fail;
          g_hash_table_insert (self->definitions, g_strdup (name), rule);
        }
    }

  for (guint i = 0; i < self->rules->len; i++)
    {
      Rule *rule = g_ptr_array_index (self->rules, i);

      if (rule->ref == NULL)
        continue;
      rule->target = g_hash_table_lookup (self->definitions, rule->ref);
      if (rule->target == NULL)
        {
          g_set_error (error, BN_ERROR, BN_ERROR_INVALID_DATA,
                       "Schema: $ref to unknown definition “%s”", rule->ref);
          goto fail;
        }
    }

  return self;

fail:
  bn_json_schema_free (self);
  return NULL;
}

BnJsonSchema *
bn_json_schema_new_from_resource (const char  *path,
                                  GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  gsize size;
  const char *data;

  bytes = g_resources_lookup_data (path, 0, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &size);
  if (!json_parser_load_from_data (parser, data, size, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  return bn_json_schema_new_from_node (json_parser_get_root (parser), error);
}

BnJsonSchema *
bn_json_schema_ref (BnJsonSchema *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
bn_json_schema_unref (BnJsonSchema *self)
{
  g_return_if_fail (self != NULL);
  if (g_atomic_ref_count_dec (&self->ref_count))
    bn_json_schema_free (self);
}

gboolean
bn_json_schema_has_definition (BnJsonSchema *self,
                               const char   *name)
{
  return g_hash_table_contains (self->definitions, name);
}

static guint
type_of (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL: return T_NULL;
    case JSON_NODE_ARRAY: return T_ARRAY;
    case JSON_NODE_OBJECT: return T_OBJECT;
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN: return T_BOOLEAN;
        case G_TYPE_INT64: return T_INTEGER;
        case G_TYPE_DOUBLE: return T_NUMBER;
        case G_TYPE_STRING: return T_STRING;
        default: return 0;
        }
    }
}

static const char *
type_name (guint types)
{
  static const char *names[] = { "null", "a boolean", "an integer", "a number", "a string",
                                 "an array", "an object" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (types & (1u << i))
      return names[i];
  return "a value";
}

static char *
describe_types (guint types)
{
  GString *str = g_string_new (NULL);

  /* integer is a number too: don't list both */
  if ((types & T_NUMBER) && (types & T_INTEGER))
    types &= ~T_INTEGER;
  for (guint i = 0; i < 7; i++)
    {
      if (!(types & (1u << i)))
        continue;
      if (str->len > 0)
        g_string_append (str, " or ");
      g_string_append (str, type_name (1u << i));
    }
  return g_string_free (str, FALSE);
}

static gboolean
validate (Rule       *rule,
          JsonNode   *node,
          GString    *path,
          GError    **error)
{
  guint type;

  type = type_of (node);

  if (rule->types != 0)
    {
      guint accepted = rule->types;

      /* an integral value is a valid "number" */
      if ((accepted & T_NUMBER) && type == T_INTEGER)
        type = T_NUMBER;
      if (!(accepted & type))
        {
          g_autofree char *want = describe_types (accepted);
          return bn_error_invalid_at (error, path->str,
                                      "must be %s, not %s", want, type_name (type_of (node)));
        }
      type = type_of (node);
    }

  if (rule->enum_values != NULL)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < rule->enum_values->len && !found; i++)
        found = json_node_equal (g_ptr_array_index (rule->enum_values, i), node);
      if (!found)
        {
          g_autoptr(GString) allowed = g_string_new (NULL);

          for (guint i = 0; i < rule->enum_values->len && i < 12; i++)
            {
              g_autofree char *s = json_to_string (g_ptr_array_index (rule->enum_values, i), FALSE);
              if (allowed->len)
                g_string_append (allowed, ", ");
              g_string_append (allowed, s);
            }
          if (rule->enum_values->len > 12)
            g_string_append (allowed, ", …");
          return bn_error_invalid_at (error, path->str, "must be one of %s", allowed->str);
        }
    }

  if (type == T_STRING)
    {
      const char *str = json_node_get_string (node);
      glong len = g_utf8_strlen (str, -1);

      if (len < rule->min_length)
        return bn_error_invalid_at (error, path->str,
                                    "must be at least %" G_GINT64_FORMAT " characters",
                                    rule->min_length);
      if (len > rule->max_length)
        return bn_error_invalid_at (error, path->str,
                                    "must be at most %" G_GINT64_FORMAT " characters",
                                    rule->max_length);
      if (rule->pattern != NULL && !g_regex_match (rule->pattern, str, 0, NULL))
        return bn_error_invalid_at (error, path->str, "“%s” does not match the pattern %s", str,
                                    g_regex_get_pattern (rule->pattern));
    }
  else if (type == T_INTEGER || type == T_NUMBER)
    {
      double v = json_node_get_double (node);

      if (rule->has_minimum && v < rule->minimum)
        return bn_error_invalid_at (error, path->str, "must be at least %g", rule->minimum);
      if (rule->has_maximum && v > rule->maximum)
        return bn_error_invalid_at (error, path->str, "must be at most %g", rule->maximum);
    }
  else if (type == T_ARRAY)
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      if (n < rule->min_items)
        return bn_error_invalid_at (error, path->str,
                                    "must have at least %" G_GINT64_FORMAT " items",
                                    rule->min_items);
      if (n > rule->max_items)
        return bn_error_invalid_at (error, path->str,
                                    "must have at most %" G_GINT64_FORMAT " items",
                                    rule->max_items);
      if (rule->items != NULL)
        {
          gsize len = path->len;

          for (guint i = 0; i < n; i++)
            {
              g_string_append_printf (path, "[%u]", i);
              if (!validate (rule->items, json_array_get_element (array, i), path, error))
                return FALSE;
              g_string_truncate (path, len);
            }
        }
    }
  else if (type == T_OBJECT)
    {
      JsonObject *obj = json_node_get_object (node);
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;
      gsize len = path->len;

      if (rule->required != NULL)
        for (guint i = 0; i < rule->required->len; i++)
          if (!json_object_has_member (obj, g_ptr_array_index (rule->required, i)))
            return bn_error_invalid_at (error, path->str, "the required field “%s” is missing",
                                        (const char *) g_ptr_array_index (rule->required, i));

      json_object_iter_init (&iter, obj);
      while (json_object_iter_next (&iter, &name, &member))
        {
          Rule *sub = rule->properties ? g_hash_table_lookup (rule->properties, name) : NULL;

          if (sub == NULL)
            sub = rule->additional;
          if (sub == NULL)
            {
              if (rule->closed)
                return bn_error_invalid_at (error, path->str, "unknown field “%s”", name);
              continue;
            }
          g_string_append_printf (path, ".%s", name);
          if (!validate (sub, member, path, error))
            return FALSE;
          g_string_truncate (path, len);
        }
    }

  if (rule->target != NULL)
    return validate (rule->target, node, path, error);

  return TRUE;
}

gboolean
bn_json_schema_validate (BnJsonSchema  *self,
                         const char    *definition,
                         JsonNode      *instance,
                         const char    *root_path,
                         GError       **error)
{
  g_autoptr(GString) path = g_string_new (root_path ? root_path : "$");
  Rule *rule = self->root;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (instance != NULL, FALSE);

  if (definition != NULL)
    {
      rule = g_hash_table_lookup (self->definitions, definition);
      g_return_val_if_fail (rule != NULL, FALSE);
    }
  return validate (rule, instance, path, error);
}
