/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-catalogue"

#include "config.h"

#include <string.h>

#include "bn-blade-doc.h"
#include "bn-catalogue.h"
#include "bn-engine-resources.h"
#include "bn-error.h"
#include "bn-json-schema.h"

#define DEFAULT_PREFIX "/io/github/bladenav/engine/data"

static const char *operations[] = {
  "concurrent", "shutdown", "rehearsal", "connectivity-test", "recovery", "wwn-rollback",
};

struct _BnCatalogue
{
  GObject     parent_instance;
  GHashTable *errors;       /* id → JsonObject */
  GHashTable *messages;     /* id → JsonObject */
  GHashTable *operations;   /* name → JsonObject (the stage file) */
  GPtrArray  *roots;        /* JsonNode, keeps the above alive */
};

G_DEFINE_FINAL_TYPE (BnCatalogue, bn_catalogue, G_TYPE_OBJECT)

static void
bn_catalogue_finalize (GObject *object)
{
  BnCatalogue *self = (BnCatalogue *) object;

  g_clear_pointer (&self->errors, g_hash_table_unref);
  g_clear_pointer (&self->messages, g_hash_table_unref);
  g_clear_pointer (&self->operations, g_hash_table_unref);
  g_clear_pointer (&self->roots, g_ptr_array_unref);

  G_OBJECT_CLASS (bn_catalogue_parent_class)->finalize (object);
}

static void
bn_catalogue_class_init (BnCatalogueClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bn_catalogue_finalize;
}

static void
bn_catalogue_init (BnCatalogue *self)
{
  self->errors = g_hash_table_new (g_str_hash, g_str_equal);
  self->messages = g_hash_table_new (g_str_hash, g_str_equal);
  self->operations = g_hash_table_new (g_str_hash, g_str_equal);
  self->roots = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
}

/* Loads NAME.json and validates it against SCHEMA.schema.json from the same prefix; errors
 * name the file. */
static JsonObject *
load (BnCatalogue  *self,
      const char   *prefix,
      const char   *name,
      const char   *schema_name,
      GError      **error)
{
  g_autofree char *path = g_strdup_printf ("%s/%s.json", prefix, name);
  g_autofree char *schema_path = g_strdup_printf ("%s/%s.schema.json", prefix, schema_name);
  g_autoptr(BnJsonSchema) schema = NULL;
  g_autoptr(GBytes) bytes = NULL;
  JsonNode *root;

  bytes = g_resources_lookup_data (path, 0, error);
  if (bytes == NULL)
    return NULL;
  root = json_from_string (g_bytes_get_data (bytes, NULL), error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_prefix_error (error, "%s: ", path);
      if (root != NULL)
        json_node_unref (root);
      return NULL;
    }
  g_ptr_array_add (self->roots, root);
  schema = bn_json_schema_new_from_resource (schema_path, error);
  if (schema == NULL || !bn_json_schema_validate (schema, NULL, root, "$", error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  return json_node_get_object (root);
}

static gboolean
index_array (GHashTable  *table,
             JsonObject  *root,
             const char  *member,
             const char  *file,
             GError     **error)
{
  JsonArray *array = bn_blade_doc_get_array (root, member);

  for (guint i = 0; array && i < json_array_get_length (array); i++)
    {
      JsonObject *entry = json_array_get_object_element (array, i);
      const char *id = bn_blade_doc_get_string (entry, "id", NULL);

      if (id == NULL || !g_hash_table_insert (table, (gpointer) id, entry))
        {
          g_set_error (error, BN_ERROR, BN_ERROR_INVALID_DATA, "%s: $.%s[%u]: id %s is used "
                       "twice", file, member, i, id ? id : "(none)");
          return FALSE;
        }
    }
  return TRUE;
}

BnCatalogue *
bn_catalogue_new_from_resource (const char  *prefix,
                                GError     **error)
{
  g_autoptr(BnCatalogue) self = g_object_new (BN_TYPE_CATALOGUE, NULL);
  JsonObject *root;

  (void) bn_engine_get_resource ();
  root = load (self, prefix, "errors/catalogue", "errors/catalogue", error);
  if (root == NULL || !index_array (self->errors, root, "entries", "catalogue.json", error))
    return NULL;
  root = load (self, prefix, "errors/messages", "errors/messages", error);
  if (root == NULL || !index_array (self->messages, root, "messages", "messages.json", error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (operations); i++)
    {
      g_autofree char *name = g_strdup_printf ("stages/%s", operations[i]);
      JsonArray *steps;

      root = load (self, prefix, name, "stages/stages", error);
      if (root == NULL)
        return NULL;
      /* every error a stage names must be in the catalogue */
      steps = bn_blade_doc_get_array (root, "steps");
      for (guint s = 0; steps && s < json_array_get_length (steps); s++)
        {
          const char *id = bn_blade_doc_get_string (json_array_get_object_element (steps, s),
                                                    "error_on_failure", NULL);

          if (id != NULL && !g_hash_table_contains (self->errors, id))
            {
              g_set_error (error, BN_ERROR, BN_ERROR_INVALID_DATA, "%s.json: $.steps[%u]: unknown "
                           "error id %s", name, s, id);
              return NULL;
            }
        }
      g_hash_table_insert (self->operations, (gpointer) operations[i], root);
    }
  return g_steal_pointer (&self);
}

BnCatalogue *
bn_catalogue_get_default (void)
{
  static BnCatalogue *catalogue;
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      g_autoptr(GError) error = NULL;

      catalogue = bn_catalogue_new_from_resource (DEFAULT_PREFIX, &error);
      /* compiled into the engine: a broken file here is a build defect, say so loudly */
      if (catalogue == NULL)
        g_error ("The error catalogue or a stage list is invalid: %s", error->message);
      g_once_init_leave (&initialized, 1);
    }
  return catalogue;
}

gboolean
bn_catalogue_has_error (BnCatalogue *self,
                        const char  *id)
{
  return id != NULL && g_hash_table_contains (self->errors, id);
}

JsonObject *
bn_catalogue_lookup_error (BnCatalogue *self,
                           const char  *id)
{
  return id ? g_hash_table_lookup (self->errors, id) : NULL;
}

/* The user's language among those the manual's texts come in: "ja" when the locale
 * prefers Japanese to English, else "en". */
const char *
bn_catalogue_language (void)
{
  const char * const *languages = g_get_language_names ();

  for (guint i = 0; languages[i] != NULL; i++)
    {
      if (g_str_has_prefix (languages[i], "ja"))
        return "ja";
      if (g_str_has_prefix (languages[i], "en") || g_str_equal (languages[i], "C"))
        break;
    }
  return "en";
}

/* The text for the user's language: Japanese when the locale says so. */
const char *
bn_catalogue_localize (JsonObject *text)
{
  if (text == NULL)
    return NULL;
  if (g_str_equal (bn_catalogue_language (), "ja"))
    return bn_blade_doc_get_string (text, "ja", bn_blade_doc_get_string (text, "en", NULL));
  return bn_blade_doc_get_string (text, "en", NULL);
}

const char *
bn_catalogue_get_remedy (BnCatalogue *self,
                         const char  *id)
{
  return bn_catalogue_localize (bn_blade_doc_get_object (bn_catalogue_lookup_error (self, id),
                                                         "remedy"));
}

/* The manual's one-line form (図 6-28):
 *   EMG<detail>:<info>:<reason>:(<count>):<detector>:<message> */
char *
bn_catalogue_format_error (BnCatalogue *self,
                           const char  *id,
                           const char  *message_override)
{
  JsonObject *entry = bn_catalogue_lookup_error (self, id);
  JsonObject *emit;

  if (entry == NULL)
    return g_strdup (message_override);
  emit = bn_blade_doc_get_object (entry, "emit");
  return g_strdup_printf ("EMG%s:%s:%s:(%" G_GINT64_FORMAT "):%s:%s",
                          bn_blade_doc_get_string (emit, "detail", "0000000000000000"),
                          bn_blade_doc_get_string (emit, "info", "0000000000000000"),
                          bn_blade_doc_get_string (emit, "reason", "0000000000000000"),
                          bn_blade_doc_get_int (emit, "count", 0),
                          bn_blade_doc_get_string (emit, "detector", "MMS"),
                          bn_blade_doc_get_string (entry, "message", message_override));
}

const char *
bn_catalogue_get_message (BnCatalogue *self,
                          const char  *id)
{
  JsonObject *entry = g_hash_table_lookup (self->messages, id);
  JsonObject *text = bn_blade_doc_get_object (entry, "text");

  return text ? bn_catalogue_localize (text) : bn_blade_doc_get_string (entry, "text", id);
}

/* @pattern with each {KEY} of the NULL-terminated key, value pairs replaced. */
static char *
expand (const char *pattern,
        const char *first_key,
        va_list     args)
{
  g_autofree char *text = g_strdup (pattern);
  const char *key = first_key;

  while (key != NULL)
    {
      const char *value = va_arg (args, const char *);
      g_autofree char *placeholder = g_strdup_printf ("{%s}", key);
      g_auto(GStrv) parts = g_strsplit (text, placeholder, -1);

      g_free (text);
      text = g_strjoinv (value ? value : "", parts);
      key = va_arg (args, const char *);
    }
  return g_steal_pointer (&text);
}

/* The window text @id in the user's language with its {KEY}s replaced (key, value, …,
 * NULL), e.g. ("confirm-policy-execute", "name", "rebalance", NULL). */
char *
bn_catalogue_format_message (BnCatalogue *self,
                             const char  *id,
                             const char  *first_key,
                             ...)
{
  va_list args;
  char *text;

  va_start (args, first_key);
  text = expand (bn_catalogue_get_message (self, id), first_key, args);
  va_end (args);
  return text;
}

/* The English "template" of @id with its {KEY}s replaced: the blade's own lines, which
 * the manual quotes in English in every language (the Progress Information label). */
char *
bn_catalogue_format_template (BnCatalogue *self,
                              const char  *id,
                              const char  *first_key,
                              ...)
{
  JsonObject *entry = g_hash_table_lookup (self->messages, id);
  va_list args;
  char *text;

  va_start (args, first_key);
  text = expand (bn_blade_doc_get_string (entry, "template", id), first_key, args);
  va_end (args);
  return text;
}

JsonObject *
bn_catalogue_get_operation (BnCatalogue *self,
                            const char  *operation)
{
  return g_hash_table_lookup (self->operations, operation);
}
