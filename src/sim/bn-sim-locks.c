/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-sim-locks"

#include "config.h"

#include "bn-blade-doc.h"
#include "bn-sim-locks.h"
#include "bn-sim-lpar-move.h"
#include "bn-sim-migration.h"
#include "bn-sim-resources.h"

#define LOCKS_RESOURCE     "/io/github/bladenav/sim/locks.json"
#define CATALOGUE_RESOURCE "/io/github/bladenav/sim/catalogue.json"

static JsonObject *
load (const char *resource)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root = NULL;

  (void) bn_sim_get_resource ();
  bytes = g_resources_lookup_data (resource, 0, &error);
  if (bytes != NULL)
    root = json_from_string (g_bytes_get_data (bytes, NULL), &error);
  /* compiled in: a broken file is a build defect */
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    g_error ("%s: %s", resource, error ? error->message : "not an object");
  return json_node_get_object (root);
}

static JsonObject *
locks (void)
{
  static JsonObject *obj;
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      obj = load (LOCKS_RESOURCE);
      g_once_init_leave (&initialized, 1);
    }
  return obj;
}

static JsonObject *
catalogue_entry (const char *id)
{
  static GHashTable *entries;
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      JsonArray *array = bn_blade_doc_get_array (load (CATALOGUE_RESOURCE), "entries");

      entries = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *entry = json_array_get_object_element (array, i);
          g_hash_table_insert (entries, (gpointer) bn_blade_doc_get_string (entry, "id", ""), entry);
        }
      g_once_init_leave (&initialized, 1);
    }
  return id ? g_hash_table_lookup (entries, id) : NULL;
}

/* A blade answers with the manual's message, the catalogue id and the error operands. */
BnSimReply *
bn_sim_catalogue_reply (BnRc        rc,
                        const char *error_id)
{
  JsonObject *entry = catalogue_entry (error_id);
  JsonObject *emit = bn_blade_doc_get_object (entry, "emit");
  BnSimReply *reply = bn_sim_reply_new_error (rc, error_id, "%s",
                                              bn_blade_doc_get_string (entry, "message",
                                                                       "The operation is not "
                                                                       "allowed now"));
  JsonObject *error = json_node_get_object (reply->error);

  if (emit != NULL)
    {
      json_object_set_string_member (error, "detail", bn_blade_doc_get_string (emit, "detail", ""));
      json_object_set_string_member (error, "info", bn_blade_doc_get_string (emit, "info", ""));
      json_object_set_string_member (error, "reason", bn_blade_doc_get_string (emit, "reason", ""));
      json_object_set_string_member (error, "detector",
                                     bn_blade_doc_get_string (emit, "detector", ""));
    }
  return reply;
}

static gboolean
origin_matches (JsonObject *rule,
                const char *origin)
{
  JsonArray *origins = bn_blade_doc_get_array (rule, "origins");

  if (origins == NULL)
    return TRUE;
  for (guint i = 0; i < json_array_get_length (origins); i++)
    if (g_strcmp0 (json_array_get_string_element (origins, i), origin) == 0)
      return TRUE;
  return FALSE;
}

/* The verdict of one state for (scope, operation, origin): the first matching rule, else the
 * state's default for the scope. */
static JsonObject *
decide (const char *state,
        const char *scope,
        const char *operation,
        const char *origin)
{
  JsonArray *rules = bn_blade_doc_get_array (locks (), "rules");
  JsonArray *states = bn_blade_doc_get_array (locks (), "states");

  for (guint i = 0; i < json_array_get_length (rules); i++)
    {
      JsonObject *rule = json_array_get_object_element (rules, i);

      if (g_strcmp0 (bn_blade_doc_get_string (rule, "state", NULL), state) == 0 &&
          g_strcmp0 (bn_blade_doc_get_string (rule, "scope", NULL), scope) == 0 &&
          g_strcmp0 (bn_blade_doc_get_string (rule, "operation", NULL), operation) == 0 &&
          origin_matches (rule, origin))
        return rule;
    }
  for (guint i = 0; i < json_array_get_length (states); i++)
    {
      JsonObject *s = json_array_get_object_element (states, i);

      if (g_strcmp0 (bn_blade_doc_get_string (s, "id", NULL), state) == 0)
        return bn_blade_doc_get_object (bn_blade_doc_get_object (s, "scopes"), scope);
    }
  return NULL;
}

static const char *
scope_of (guint lpar,
          guint holder)
{
  if (lpar == 0)
    return "hvm";
  return lpar == holder ? "lpar" : "other-lpars";
}

/* Checks one (state, holder LPAR); returns the refusal or NULL. */
static BnSimReply *
check_state (const char *state,
             guint       holder,
             const char *operation,
             guint       lpar,
             const char *origin,
             gboolean   *cancels)
{
  JsonObject *verdict = decide (state, scope_of (lpar, holder), operation, origin);

  if (verdict == NULL || g_strcmp0 (bn_blade_doc_get_string (verdict, "verdict", "allow"), "allow") == 0)
    {
      if (g_strcmp0 (bn_blade_doc_get_string (verdict, "effect", NULL), "cancels-migration") == 0)
        *cancels = TRUE;
      return NULL;
    }
  return bn_sim_catalogue_reply (BN_RC_LOCKED, bn_blade_doc_get_string (verdict, "answer", NULL));
}

static BnSimReply *
check (BnSimBlade *blade,
       const char *operation,
       guint       lpar,
       const char *origin,
       gboolean    migrating,
       gboolean   *cancels_migration)
{
  BnSimMigration *m = bn_sim_blade_get_migration (blade);
  JsonArray *lpars = bn_blade_doc_get_array (bn_sim_blade_get_doc (blade), "lpars");
  gboolean cancels = FALSE;
  BnSimReply *reply;

  if (m != NULL && migrating &&
      (reply = check_state ("migrating", m->lpar, operation, lpar, origin, &cancels)))
    return reply;
  for (guint i = 0; i < json_array_get_length (lpars); i++)
    {
      JsonObject *l = json_array_get_object_element (lpars, i);
      guint number = bn_blade_doc_get_int (l, "number", 0);

      if (bn_blade_doc_get_bool (l, "recovery_required", FALSE) &&
          (reply = check_state ("recovery-required", number, operation, lpar, origin, &cancels)))
        return reply;
      if ((m == NULL || m->lpar != number) && bn_sim_lpar_move_lpar_needs_rollback (l) &&
          (reply = check_state ("wwn-rollback-required", number, operation, lpar, origin, &cancels)))
        return reply;
    }
  if (cancels_migration != NULL)
    *cancels_migration = cancels;
  return NULL;
}

/* Every state that holds is consulted; any refusal wins (locks.json "evaluation"). */
BnSimReply *
bn_sim_locks_check (BnSimBlade *blade,
                    const char *operation,
                    guint       lpar,
                    const char *origin,
                    gboolean   *cancels_migration)
{
  return check (blade, operation, lpar, origin, TRUE, cancels_migration);
}

/* The same for a step of the blade's own migration (bn_sim_migration_needs()): the
 * migration does not lock itself out, every other state still counts. */
BnSimReply *
bn_sim_locks_check_step (BnSimBlade *blade,
                         const char *operation,
                         guint       lpar,
                         const char *origin)
{
  return check (blade, operation, lpar, origin, FALSE, NULL);
}
