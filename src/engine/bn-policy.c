/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-policy"

#include "config.h"

#include "bn-enums.h"
#include "bn-error.h"
#include "bn-glib-compat.h"
#include "bn-json-schema.h"
#include "bn-policy-private.h"

struct _BnPolicy
{
  GObject           parent_instance;

  gint64            id;
  char             *name;
  char             *comment;
  BnPolicyRunState  run_state;
  GListStore       *entries;
};

enum
{
  PROP_0,
  PROP_NAME,
  PROP_COMMENT,
  PROP_RUN_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BnPolicy, bn_policy, G_TYPE_OBJECT)

static void
bn_policy_finalize (GObject *object)
{
  BnPolicy *self = (BnPolicy *) object;

  g_free (self->name);
  g_free (self->comment);
  g_clear_object (&self->entries);
  G_OBJECT_CLASS (bn_policy_parent_class)->finalize (object);
}

static void
bn_policy_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  BnPolicy *self = BN_POLICY (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_COMMENT:
      g_value_set_string (value, self->comment);
      break;
    case PROP_RUN_STATE:
      g_value_set_enum (value, self->run_state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bn_policy_class_init (BnPolicyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = bn_policy_finalize;
  object_class->get_property = bn_policy_get_property;
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_COMMENT] = g_param_spec_string ("comment", NULL, NULL, NULL, flags);
  properties[PROP_RUN_STATE] = g_param_spec_enum ("run-state", NULL, NULL,
                                                  BN_TYPE_POLICY_RUN_STATE,
                                                  BN_POLICY_RUN_IDLE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bn_policy_init (BnPolicy *self)
{
  self->entries = g_list_store_new (BN_TYPE_POLICY_ENTRY);
  self->comment = g_strdup ("");
}

BnPolicy *
bn_policy_new (const char *name)
{
  BnPolicy *self = g_object_new (BN_TYPE_POLICY, NULL);

  self->name = g_strdup (name);
  return self;
}

/* A deep copy: the Modify … Save editing session works on one, so Release or a failed
 * Save leave the stored policy as it was. */
BnPolicy *
bn_policy_copy (BnPolicy *self)
{
  BnPolicy *copy = bn_policy_new (self->name);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));

  copy->id = self->id;
  bn_policy_set_comment (copy, self->comment);
  copy->run_state = self->run_state;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BnPolicyEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);
      g_autoptr(BnPolicyEntry) dup = bn_policy_entry_copy (entry);

      g_list_store_append (copy->entries, dup);
    }
  return copy;
}

gint64
bn_policy_get_id (BnPolicy *self)
{
  return self->id;
}

const char *
bn_policy_get_name (BnPolicy *self)
{
  return self->name;
}

const char *
bn_policy_get_comment (BnPolicy *self)
{
  return self->comment;
}

void
bn_policy_set_comment (BnPolicy   *self,
                       const char *comment)
{
  if (bn_set_str (&self->comment, comment ? comment : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMMENT]);
}

/* FALSE while the policy has no entry: its first entry decides the mode. */
gboolean
bn_policy_get_mode (BnPolicy        *self,
                    BnMigrationMode *mode)
{
  g_autoptr(BnPolicyEntry) first = g_list_model_get_item (G_LIST_MODEL (self->entries), 0);

  if (first == NULL)
    return FALSE;
  if (mode != NULL)
    *mode = bn_policy_entry_get_mode (first);
  return TRUE;
}

BnPolicyRunState
bn_policy_get_run_state (BnPolicy *self)
{
  return self->run_state;
}

GListModel *
bn_policy_get_entries (BnPolicy *self)
{
  return G_LIST_MODEL (self->entries);
}

guint
bn_policy_get_n_entries (BnPolicy *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->entries));
}

/* Borrowed; position counts from 0 (the window's No. is position + 1). */
BnPolicyEntry *
bn_policy_get_entry (BnPolicy *self,
                     guint     position)
{
  g_autoptr(BnPolicyEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), position);

  return entry;
}

static const char *
mode_title (BnMigrationMode mode)
{
  return mode == BN_MIGRATION_MODE_CONCURRENT ? "Concurrent Maintenance" : "Shutdown";
}

gboolean
bn_policy_add_entry (BnPolicy       *self,
                     BnPolicyEntry  *entry,
                     GError        **error)
{
  BnMigrationMode mode, entry_mode = bn_policy_entry_get_mode (entry);
  guint n = bn_policy_get_n_entries (self);

  if (bn_policy_get_mode (self, &mode) && mode != entry_mode)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                   "Policy “%s” holds %s entries; a policy cannot mix Shutdown and Concurrent "
                   "Maintenance entries (§5.33)", self->name, mode_title (mode));
      return FALSE;
    }
  if (g_strcmp0 (bn_policy_entry_get_source_hvm (entry),
                 bn_policy_entry_get_destination_hvm (entry)) == 0)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                   "The source and destination of %s are the same HVM",
                   bn_policy_entry_get_lpar_name (entry));
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      BnPolicyEntry *other = bn_policy_get_entry (self, i);

      if (g_strcmp0 (bn_policy_entry_get_lpar_name (other),
                     bn_policy_entry_get_lpar_name (entry)) == 0)
        {
          g_set_error (error, BN_ERROR, BN_ERROR_EXISTS,
                       "Policy “%s” already moves %s (entry No. %u)", self->name,
                       bn_policy_entry_get_lpar_name (entry), i + 1);
          return FALSE;
        }
    }
  g_list_store_append (self->entries, entry);
  return TRUE;
}

static gboolean
check_position (BnPolicy  *self,
                guint      position,
                GError   **error)
{
  if (position < bn_policy_get_n_entries (self))
    return TRUE;
  g_set_error (error, BN_ERROR, BN_ERROR_NOT_FOUND, "Policy “%s” has no entry No. %u (it has %u)",
               self->name, position + 1, bn_policy_get_n_entries (self));
  return FALSE;
}

gboolean
bn_policy_remove_entry (BnPolicy  *self,
                        guint      position,
                        GError   **error)
{
  if (!check_position (self, position, error))
    return FALSE;
  g_list_store_remove (self->entries, position);
  return TRUE;
}

/* Up (-1) and Down (+1) of §3.3.4.3; moving past either end is refused, not clamped. */
gboolean
bn_policy_move_entry (BnPolicy  *self,
                      guint      position,
                      gint       delta,
                      GError   **error)
{
  g_autoptr(BnPolicyEntry) entry = NULL;
  gint64 target = (gint64) position + delta;

  if (!check_position (self, position, error))
    return FALSE;
  if (target < 0 || target >= bn_policy_get_n_entries (self))
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                   "Entry No. %u is already the %s", position + 1, delta < 0 ? "first" : "last");
      return FALSE;
    }
  entry = g_list_model_get_item (G_LIST_MODEL (self->entries), position);
  g_list_store_remove (self->entries, position);
  g_list_store_insert (self->entries, target, entry);
  return TRUE;
}

guint
bn_policy_count_done (BnPolicy *self)
{
  guint n = bn_policy_get_n_entries (self), done = 0;

  for (guint i = 0; i < n; i++)
    if (bn_policy_entry_get_state (bn_policy_get_entry (self, i)) == BN_ENTRY_STATE_DONE)
      done++;
  return done;
}

gboolean
bn_policy_name_is_valid (const char  *name,
                         GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name ? name : ""));

  if (*stripped == '\0' || !g_utf8_validate (name, -1, NULL) || g_utf8_strlen (name, -1) > 64 ||
      g_strcmp0 (stripped, name) != 0)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a policy name: give 1 to 64 characters, without spaces at "
                   "either end", name ? name : "");
      return FALSE;
    }
  for (const char *p = name; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      {
        g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                     "A policy name cannot hold control characters");
        return FALSE;
      }
  return TRUE;
}

JsonNode *
bn_policy_to_json (BnPolicy *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  BnMigrationMode mode = BN_MIGRATION_MODE_CONCURRENT;
  guint n = bn_policy_get_n_entries (self);

  bn_policy_get_mode (self, &mode);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, BN_POLICY_FORMAT);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, self->name);
  json_builder_set_member_name (b, "comment");
  json_builder_add_string_value (b, self->comment);
  json_builder_set_member_name (b, "mode");
  json_builder_add_string_value (b, bn_migration_mode_to_string (mode));
  json_builder_set_member_name (b, "entries");
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    {
      BnPolicyEntry *entry = bn_policy_get_entry (self, i);
      JsonObject *options = bn_migration_request_options_to_json (bn_policy_entry_get_request (entry));

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "lpar_name");
      json_builder_add_string_value (b, bn_policy_entry_get_lpar_name (entry));
      json_builder_set_member_name (b, "source");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "hvm");
      json_builder_add_string_value (b, bn_policy_entry_get_source_hvm (entry));
      json_builder_set_member_name (b, "lpar");
      json_builder_add_int_value (b, bn_policy_entry_get_source_lpar (entry));
      json_builder_end_object (b);
      json_builder_set_member_name (b, "destination");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "hvm");
      json_builder_add_string_value (b, bn_policy_entry_get_destination_hvm (entry));
      json_builder_set_member_name (b, "lpar");
      json_builder_add_int_value (b, bn_policy_entry_get_destination_lpar (entry));
      json_builder_end_object (b);
      json_builder_set_member_name (b, "options");
      json_builder_add_value (b, json_node_init_object (json_node_alloc (), options));
      json_object_unref (options);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* Validates an exported policy (schema, then what a schema cannot say: one mode, no LPAR
 * twice, no move onto its own HVM) and builds it; nothing is stored here. */
BnPolicy *
bn_policy_new_from_json (JsonNode  *node,
                         GError   **error)
{
  g_autoptr(BnJsonSchema) schema = NULL;
  g_autoptr(BnPolicy) policy = NULL;
  JsonObject *root;
  JsonArray *entries;
  BnMigrationMode mode;

  schema = bn_json_schema_new_from_resource ("/io/github/bladenav/engine/data/policy.schema.json",
                                             error);
  if (schema == NULL || !bn_json_schema_validate (schema, NULL, node, "$", error))
    return NULL;
  root = json_node_get_object (node);
  if (!bn_policy_name_is_valid (json_object_get_string_member (root, "name"), error))
    return NULL;
  bn_migration_mode_from_string (json_object_get_string_member (root, "mode"), &mode);
  policy = bn_policy_new (json_object_get_string_member (root, "name"));
  bn_policy_set_comment (policy, json_object_get_string_member_with_default (root, "comment", ""));
  entries = json_object_get_array_member (root, "entries");
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *e = json_array_get_object_element (entries, i);
      JsonObject *src = json_object_get_object_member (e, "source");
      JsonObject *dst = json_object_get_object_member (e, "destination");
      g_autoptr(BnMigrationRequest) request = bn_migration_request_new (BN_OPERATION_MIGRATION);
      g_autoptr(BnPolicyEntry) entry = NULL;

      bn_migration_request_set_route (request, mode, json_object_get_string_member (src, "hvm"),
                                      json_object_get_int_member (src, "lpar"),
                                      json_object_get_string_member (dst, "hvm"));
      request->destination_lpar = json_object_get_int_member (dst, "lpar");
      if (json_object_has_member (e, "options") &&
          !bn_migration_request_options_from_json (request, json_object_get_object_member (e, "options"),
                                                   error))
        {
          g_prefix_error (error, "$.entries[%u].options: ", i);
          return NULL;
        }
      entry = bn_policy_entry_new (request, json_object_get_string_member (e, "lpar_name"));
      if (!bn_policy_add_entry (policy, entry, error))
        {
          g_prefix_error (error, "$.entries[%u]: ", i);
          return NULL;
        }
    }
  return g_steal_pointer (&policy);
}

const char *
bn_policy_run_state_to_string (BnPolicyRunState state)
{
  return bn_enum_to_nick (BN_TYPE_POLICY_RUN_STATE, state);
}

void
_bn_policy_set_id (BnPolicy *self,
                   gint64    id)
{
  self->id = id;
}

void
_bn_policy_set_name (BnPolicy   *self,
                     const char *name)
{
  if (bn_set_str (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

void
_bn_policy_set_run_state (BnPolicy         *self,
                          BnPolicyRunState  state)
{
  if (self->run_state == state)
    return;
  self->run_state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUN_STATE]);
}
