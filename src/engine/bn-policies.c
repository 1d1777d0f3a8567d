/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-policy"

#include "config.h"

#include "bn-enums.h"
#include "bn-error.h"
#include "bn-hvm.h"
#include "bn-lpar.h"
#include "bn-blade-doc.h"
#include "bn-catalogue.h"
#include "bn-migration-service-private.h"
#include "bn-policies-private.h"
#include "bn-policy-private.h"
#include "bn-policy-runner-private.h"
#include "bn-store-private.h"

struct _BnPolicies
{
  GObject             parent_instance;

  BnStore            *store;
  BnFleet            *fleet;
  BnMigrationService *service;
  BnHistory          *history;
  GListStore         *list;      /* BnPolicy, by name */
  GHashTable         *runners;   /* policy id → BnPolicyRunner */
  char               *owner;
};

G_DEFINE_FINAL_TYPE (BnPolicies, bn_policies, G_TYPE_OBJECT)

static void
bn_policies_dispose (GObject *object)
{
  BnPolicies *self = (BnPolicies *) object;

  g_clear_pointer (&self->runners, g_hash_table_unref);
  g_clear_object (&self->list);
  g_clear_object (&self->service);
  g_clear_object (&self->history);
  g_clear_object (&self->fleet);
  g_clear_object (&self->store);
  g_clear_pointer (&self->owner, g_free);
  G_OBJECT_CLASS (bn_policies_parent_class)->dispose (object);
}

static void
bn_policies_class_init (BnPoliciesClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = bn_policies_dispose;
}

static void
bn_policies_init (BnPolicies *self)
{
  self->list = g_list_store_new (BN_TYPE_POLICY);
  self->runners = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->owner = _bn_store_owner_self ();
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* Entries are read back through the same validation as an import: a row edited by hand
 * into something wrong is reported, not run. */
static gboolean
load_entries (BnPolicies  *self,
              BnPolicy    *policy,
              const char  *mode_text,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  BnMigrationMode mode = BN_MIGRATION_MODE_CONCURRENT;
  int rc;

  stmt = _bn_store_prepare (self->store, "SELECT source_hvm, source_lpar, lpar_name, "
                            "destination_hvm, destination_lpar, options, state, migration_id, "
                            "error, finished_at FROM policy_entries WHERE policy_id = ? "
                            "ORDER BY position", error);
  if (stmt == NULL)
    return FALSE;
  bn_migration_mode_from_string (mode_text, &mode);
  sqlite3_bind_int64 (stmt, 1, bn_policy_get_id (policy));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(BnMigrationRequest) request = bn_migration_request_new (BN_OPERATION_MIGRATION);
      g_autoptr(BnPolicyEntry) entry = NULL;
      g_autoptr(JsonNode) options = json_from_string (column_text (stmt, 5), NULL);
      g_autoptr(GDateTime) finished = NULL;
      int state = BN_ENTRY_STATE_PENDING;

      bn_migration_request_set_route (request, mode,
                                      column_text (stmt, 0), sqlite3_column_int (stmt, 1),
                                      column_text (stmt, 3));
      request->destination_lpar = sqlite3_column_int (stmt, 4);
      if (options == NULL || !JSON_NODE_HOLDS_OBJECT (options) ||
          !bn_migration_request_options_from_json (request, json_node_get_object (options), error))
        {
          g_prefix_error (error, "Policy “%s” in the database: ", bn_policy_get_name (policy));
          if (error != NULL && *error == NULL)
            g_set_error (error, BN_ERROR, BN_ERROR_STORE, "Policy “%s” in the database has an "
                         "entry whose options are not a JSON object", bn_policy_get_name (policy));
          return FALSE;
        }
      entry = bn_policy_entry_new (request, column_text (stmt, 2));
      bn_enum_from_nick (BN_TYPE_ENTRY_STATE, column_text (stmt, 6), &state);
      if (column_text (stmt, 9) != NULL)
        finished = g_date_time_new_from_iso8601 (column_text (stmt, 9), NULL);
      bn_policy_entry_set_state (entry, state, column_text (stmt, 7), column_text (stmt, 8),
                                 finished);
      /* no add_entry() checks: a stored policy was checked when it was saved */
      g_list_store_append (G_LIST_STORE (bn_policy_get_entries (policy)), entry);
    }
  if (rc != SQLITE_DONE)
    return _bn_store_fail (self->store, error, "Cannot read policy entries");
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return g_utf8_collate (bn_policy_get_name ((BnPolicy *) a), bn_policy_get_name ((BnPolicy *) b));
}

static int
compare_name_pointers (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  return compare_names (*(BnPolicy **) a, *(BnPolicy **) b, user_data);
}

static BnPolicyRunner *
runner_for (BnPolicies *self,
            BnPolicy   *policy)
{
  gint64 id = bn_policy_get_id (policy);

  return g_hash_table_lookup (self->runners, &id);
}

/* Re-reads every policy; those this process is running stay the objects they are. */
gboolean
bn_policies_reload (BnPolicies  *self,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) loaded = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  stmt = _bn_store_prepare (self->store, "SELECT id, name, comment, mode, run_state "
                            "FROM policies", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(BnPolicy) policy = bn_policy_new (column_text (stmt, 1));
      BnPolicyRunner *runner;
      int run_state = BN_POLICY_RUN_IDLE;

      _bn_policy_set_id (policy, sqlite3_column_int64 (stmt, 0));
      if ((runner = runner_for (self, policy)) != NULL)
        {
          g_ptr_array_add (loaded, g_object_ref (bn_policy_runner_get_policy (runner)));
          continue;
        }
      bn_policy_set_comment (policy, column_text (stmt, 2));
      bn_enum_from_nick (BN_TYPE_POLICY_RUN_STATE, column_text (stmt, 4), &run_state);
      _bn_policy_set_run_state (policy, run_state);
      if (!load_entries (self, policy, column_text (stmt, 3), error))
        return FALSE;
      g_ptr_array_add (loaded, g_steal_pointer (&policy));
    }
  if (rc != SQLITE_DONE)
    return _bn_store_fail (self->store, error, "Cannot read the policies");
  g_ptr_array_sort_with_data (loaded, compare_name_pointers, NULL);
  g_list_store_splice (self->list, 0, g_list_model_get_n_items (G_LIST_MODEL (self->list)),
                       loaded->pdata, loaded->len);
  return TRUE;
}

BnPolicies *
_bn_policies_new (BnStore             *store,
                  BnFleet             *fleet,
                  BnMigrationService  *service,
                  BnHistory           *history,
                  GError             **error)
{
  g_autoptr(BnPolicies) self = g_object_new (BN_TYPE_POLICIES, NULL);

  self->history = g_object_ref (history);
  self->store = g_object_ref (store);
  self->fleet = g_object_ref (fleet);
  self->service = g_object_ref (service);
  if (!bn_policies_reload (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

GListModel *
bn_policies_get_list (BnPolicies *self)
{
  return G_LIST_MODEL (self->list);
}

/* Borrowed: the stored policy, or NULL. */
BnPolicy *
bn_policies_find (BnPolicies *self,
                  const char *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BnPolicy) policy = g_list_model_get_item (G_LIST_MODEL (self->list), i);

      if (g_strcmp0 (bn_policy_get_name (policy), name) == 0)
        return policy;
    }
  return NULL;
}

static BnPolicy *
find_or_fail (BnPolicies  *self,
              const char  *name,
              GError     **error)
{
  BnPolicy *policy = bn_policies_find (self, name);

  if (policy == NULL)
    g_set_error (error, BN_ERROR, BN_ERROR_NOT_FOUND, "There is no policy named “%s”", name);
  return policy;
}

static BnPolicy *
find_by_id (BnPolicies *self,
            gint64      id,
            guint      *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BnPolicy) policy = g_list_model_get_item (G_LIST_MODEL (self->list), i);

      if (bn_policy_get_id (policy) == id)
        {
          if (position != NULL)
            *position = i;
          return policy;
        }
    }
  return NULL;
}

/* A policy whose run is under way here or in another live console is not to be changed. */
static gboolean
check_not_running (BnPolicies  *self,
                   BnPolicy    *policy,
                   GError     **error)
{
  BnPolicyRunner *runner = runner_for (self, policy);
  g_autofree char *owner = _bn_policies_dup_owner (self, policy);

  if ((runner != NULL && bn_policy_runner_is_active (runner)) ||
      (runner == NULL && owner != NULL && _bn_store_owner_alive (owner)))
    {
      g_set_error (error, BN_ERROR, BN_ERROR_BUSY,
                   "Policy “%s” is being run; Stop it and End the run before changing it",
                   bn_policy_get_name (policy));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_name_free (BnPolicies  *self,
                 const char  *name,
                 gint64       except_id,
                 GError     **error)
{
  BnPolicy *other = bn_policies_find (self, name);

  if (!bn_policy_name_is_valid (name, error))
    return FALSE;
  if (other != NULL && bn_policy_get_id (other) != except_id)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_EXISTS, "A policy named “%s” already exists", name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_entries (BnPolicies  *self,
               BnPolicy    *policy,
               GError     **error)
{
  guint n = bn_policy_get_n_entries (policy);
  g_autoptr(sqlite3_stmt) del = NULL;

  del = _bn_store_prepare (self->store, "DELETE FROM policy_entries WHERE policy_id = ?", error);
  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, bn_policy_get_id (policy));
  if (!_bn_store_step_done (self->store, del, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      BnPolicyEntry *entry = bn_policy_get_entry (policy, i);
      g_autoptr(sqlite3_stmt) ins = NULL;
      g_autoptr(JsonObject) options = bn_migration_request_options_to_json (bn_policy_entry_get_request (entry));
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), options);
      g_autofree char *options_text = json_to_string (node, FALSE);
      g_autofree char *finished = bn_policy_entry_get_finished_at (entry)
                                  ? g_date_time_format_iso8601 (bn_policy_entry_get_finished_at (entry))
                                  : NULL;

      ins = _bn_store_prepare (self->store, "INSERT INTO policy_entries (policy_id, position, "
                               "source_hvm, source_lpar, lpar_name, destination_hvm, "
                               "destination_lpar, options, state, migration_id, error, "
                               "finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
      if (ins == NULL)
        return FALSE;
      sqlite3_bind_int64 (ins, 1, bn_policy_get_id (policy));
      sqlite3_bind_int (ins, 2, i + 1);
      _bn_store_bind_text (ins, 3, bn_policy_entry_get_source_hvm (entry));
      sqlite3_bind_int (ins, 4, bn_policy_entry_get_source_lpar (entry));
      _bn_store_bind_text (ins, 5, bn_policy_entry_get_lpar_name (entry));
      _bn_store_bind_text (ins, 6, bn_policy_entry_get_destination_hvm (entry));
      sqlite3_bind_int (ins, 7, bn_policy_entry_get_destination_lpar (entry));
      _bn_store_bind_text (ins, 8, options_text);
      _bn_store_bind_text (ins, 9, bn_entry_state_to_string (bn_policy_entry_get_state (entry)));
      _bn_store_bind_text (ins, 10, bn_policy_entry_get_migration_id (entry));
      _bn_store_bind_text (ins, 11, bn_policy_entry_get_error (entry));
      _bn_store_bind_text (ins, 12, finished);
      if (!_bn_store_step_done (self->store, ins, error))
        return FALSE;
    }
  return TRUE;
}

/* Writes @policy (a new one when its id is 0) in one transaction, then puts a copy in the
 * list in place of the stored one.  On error nothing stored changes. */
static gboolean
write_policy (BnPolicies  *self,
              BnPolicy    *policy,
              GError     **error)
{
  g_autofree char *now = _bn_store_now_iso8601 ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(BnPolicy) stored = NULL;
  BnMigrationMode mode;
  gboolean has_mode = bn_policy_get_mode (policy, &mode);
  gint64 id = bn_policy_get_id (policy);
  guint position;

  if (!bn_store_begin (self->store, error))
    return FALSE;
  if (id == 0)
    stmt = _bn_store_prepare (self->store, "INSERT INTO policies (name, comment, mode, run_state, "
                              "updated_at) VALUES (?, ?, ?, ?, ?)", error);
  else
    stmt = _bn_store_prepare (self->store, "UPDATE policies SET name = ?, comment = ?, mode = ?, "
                              "run_state = ?, updated_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  _bn_store_bind_text (stmt, 1, bn_policy_get_name (policy));
  _bn_store_bind_text (stmt, 2, bn_policy_get_comment (policy));
  _bn_store_bind_text (stmt, 3, has_mode ? bn_migration_mode_to_string (mode) : NULL);
  _bn_store_bind_text (stmt, 4, bn_policy_run_state_to_string (bn_policy_get_run_state (policy)));
  _bn_store_bind_text (stmt, 5, now);
  if (id != 0)
    sqlite3_bind_int64 (stmt, 6, id);
  if (!_bn_store_step_done (self->store, stmt, error))
    goto fail;
  if (id == 0)
    id = sqlite3_last_insert_rowid (_bn_store_get_db (self->store));
  stored = bn_policy_copy (policy);
  _bn_policy_set_id (stored, id);
  if (!write_entries (self, stored, error) || !bn_store_commit (self->store, error))
    goto fail;

  _bn_policy_set_id (policy, id);
  if (find_by_id (self, id, &position) != NULL)
    g_list_store_remove (self->list, position);
  g_list_store_insert_sorted (self->list, stored, compare_names, NULL);
  return TRUE;

fail:
  bn_store_rollback (self->store);
  return FALSE;
}

BnPolicy *
bn_policies_create (BnPolicies  *self,
                    const char  *name,
                    const char  *comment,
                    GError     **error)
{
  g_autoptr(BnPolicy) policy = bn_policy_new (name);

  if (!check_name_free (self, name, 0, error))
    return NULL;
  bn_policy_set_comment (policy, comment);
  if (!write_policy (self, policy, error))
    return NULL;
  return bn_policies_find (self, name);
}

/* Save (§3.3.4): @edited replaces the stored policy with its id (or is created). */
gboolean
bn_policies_save (BnPolicies  *self,
                  BnPolicy    *edited,
                  GError     **error)
{
  BnPolicy *stored = find_by_id (self, bn_policy_get_id (edited), NULL);

  if (stored != NULL && !check_not_running (self, stored, error))
    return FALSE;
  if (!check_name_free (self, bn_policy_get_name (edited), bn_policy_get_id (edited), error))
    return FALSE;
  return write_policy (self, edited, error);
}

/* Save as (図 3-102): a new policy from @edited under @new_name; the original stays. */
BnPolicy *
bn_policies_save_as (BnPolicies  *self,
                     BnPolicy    *edited,
                     const char  *new_name,
                     GError     **error)
{
  g_autoptr(BnPolicy) copy = bn_policy_copy (edited);
  guint n = bn_policy_get_n_entries (copy);

  if (!check_name_free (self, new_name, 0, error))
    return NULL;
  _bn_policy_set_id (copy, 0);
  _bn_policy_set_name (copy, new_name);
  _bn_policy_set_run_state (copy, BN_POLICY_RUN_IDLE);
  for (guint i = 0; i < n; i++)
    bn_policy_entry_set_state (bn_policy_get_entry (copy, i), BN_ENTRY_STATE_PENDING, NULL,
                               NULL, NULL);
  if (!write_policy (self, copy, error))
    return NULL;
  return bn_policies_find (self, new_name);
}

gboolean
bn_policies_rename (BnPolicies  *self,
                    const char  *name,
                    const char  *new_name,
                    GError     **error)
{
  BnPolicy *stored = find_or_fail (self, name, error);
  g_autoptr(BnPolicy) copy = NULL;

  if (stored == NULL || !check_not_running (self, stored, error))
    return FALSE;
  if (!check_name_free (self, new_name, bn_policy_get_id (stored), error))
    return FALSE;
  copy = bn_policy_copy (stored);
  _bn_policy_set_name (copy, new_name);
  return write_policy (self, copy, error);
}

gboolean
bn_policies_delete (BnPolicies  *self,
                    const char  *name,
                    GError     **error)
{
  BnPolicy *stored = find_or_fail (self, name, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint position;
  gint64 id;

  if (stored == NULL || !check_not_running (self, stored, error))
    return FALSE;
  id = bn_policy_get_id (stored);
  stmt = _bn_store_prepare (self->store, "DELETE FROM policies WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_bn_store_step_done (self->store, stmt, error))
    return FALSE;
  g_hash_table_remove (self->runners, &id);
  if (find_by_id (self, id, &position) != NULL)
    g_list_store_remove (self->list, position);
  return TRUE;
}

/* An exported policy, validated in full before anything is written; @rename_to stores it
 * under another name (an existing name is refused, never overwritten). */
BnPolicy *
bn_policies_import (BnPolicies  *self,
                    JsonNode    *node,
                    const char  *rename_to,
                    GError     **error)
{
  g_autoptr(BnPolicy) policy = bn_policy_new_from_json (node, error);

  if (policy == NULL)
    return NULL;
  if (rename_to != NULL)
    _bn_policy_set_name (policy, rename_to);
  if (!check_name_free (self, bn_policy_get_name (policy), 0, error) ||
      !write_policy (self, policy, error))
    return NULL;
  return bn_policies_find (self, bn_policy_get_name (policy));
}

BnPolicyRunner *
bn_policies_find_runner (BnPolicies *self,
                         const char *name)
{
  BnPolicy *policy = bn_policies_find (self, name);

  return policy ? runner_for (self, policy) : NULL;
}

/* The runner of a stored policy, made on first use and kept (the Migration Policy window
 * can be closed and reopened while it runs). */
BnPolicyRunner *
bn_policies_get_runner (BnPolicies  *self,
                        const char  *name,
                        GError     **error)
{
  BnPolicy *policy = find_or_fail (self, name, error);
  BnPolicyRunner *runner;
  gint64 id;

  if (policy == NULL)
    return NULL;
  if ((runner = runner_for (self, policy)) != NULL)
    return runner;
  id = bn_policy_get_id (policy);
  runner = _bn_policy_runner_new (self, policy, self->fleet, self->service);
  g_hash_table_insert (self->runners, g_memdup2 (&id, sizeof id), runner);
  return runner;
}

/* Stop from anywhere: this process's runner directly, another console's through the
 * database (its runner looks after each entry).  A run left stopped or paused by a console
 * that is gone is ended here. */
gboolean
bn_policies_request_stop (BnPolicies  *self,
                          const char  *name,
                          GError     **error)
{
  BnPolicy *policy = find_or_fail (self, name, error);
  BnPolicyRunner *runner;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *owner = NULL;

  if (policy == NULL)
    return FALSE;
  if ((runner = runner_for (self, policy)) != NULL && bn_policy_runner_is_active (runner))
    {
      bn_policy_runner_stop (runner);
      return TRUE;
    }
  owner = _bn_policies_dup_owner (self, policy);
  if (owner != NULL && _bn_store_owner_alive (owner))
    {
      stmt = _bn_store_prepare (self->store, "UPDATE policies SET stop_requested = 1 "
                                "WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, bn_policy_get_id (policy));
      return _bn_store_step_done (self->store, stmt, error);
    }
  switch (bn_policy_get_run_state (policy))
    {
    case BN_POLICY_RUN_RUNNING:
    case BN_POLICY_RUN_STOPPED:
    case BN_POLICY_RUN_PAUSED:
      _bn_policy_set_run_state (policy, BN_POLICY_RUN_ENDED);
      return _bn_policies_save_run_state (self, policy, FALSE, error);
    default:
      g_set_error (error, BN_ERROR, BN_ERROR_STATE, "Policy “%s” is not running (%s)", name,
                   bn_policy_run_state_to_string (bn_policy_get_run_state (policy)));
      return FALSE;
    }
}

gboolean
_bn_policies_save_entry (BnPolicies  *self,
                         BnPolicy    *policy,
                         guint        position,
                         GError     **error)
{
  BnPolicyEntry *entry = bn_policy_get_entry (policy, position);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *finished = bn_policy_entry_get_finished_at (entry)
                              ? g_date_time_format_iso8601 (bn_policy_entry_get_finished_at (entry))
                              : NULL;

  stmt = _bn_store_prepare (self->store, "UPDATE policy_entries SET state = ?, migration_id = ?, "
                            "error = ?, finished_at = ? WHERE policy_id = ? AND position = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  _bn_store_bind_text (stmt, 1, bn_entry_state_to_string (bn_policy_entry_get_state (entry)));
  _bn_store_bind_text (stmt, 2, bn_policy_entry_get_migration_id (entry));
  _bn_store_bind_text (stmt, 3, bn_policy_entry_get_error (entry));
  _bn_store_bind_text (stmt, 4, finished);
  sqlite3_bind_int64 (stmt, 5, bn_policy_get_id (policy));
  sqlite3_bind_int (stmt, 6, position + 1);
  return _bn_store_step_done (self->store, stmt, error);
}

/* @owned: this process holds the run (its owner string is written; cleared otherwise). */
gboolean
_bn_policies_save_run_state (BnPolicies  *self,
                             BnPolicy    *policy,
                             gboolean     owned,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = _bn_store_now_iso8601 ();

  stmt = _bn_store_prepare (self->store, "UPDATE policies SET run_state = ?, owner = ?, "
                            "stop_requested = 0, updated_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  _bn_store_bind_text (stmt, 1, bn_policy_run_state_to_string (bn_policy_get_run_state (policy)));
  _bn_store_bind_text (stmt, 2, owned ? self->owner : NULL);
  _bn_store_bind_text (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, bn_policy_get_id (policy));
  return _bn_store_step_done (self->store, stmt, error);
}

/* TRUE once if another process asked this run to stop. */
gboolean
_bn_policies_take_stop_request (BnPolicies *self,
                                BnPolicy   *policy)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  stmt = _bn_store_prepare (self->store, "UPDATE policies SET stop_requested = 0 "
                            "WHERE id = ? AND stop_requested = 1", &error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, bn_policy_get_id (policy));
  return _bn_store_step_done (self->store, stmt, &error) &&
         sqlite3_changes (_bn_store_get_db (self->store)) > 0;
}

/* The owner string of the run in the database, or NULL. */
char *
_bn_policies_dup_owner (BnPolicies *self,
                        BnPolicy   *policy)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _bn_store_prepare (self->store, "SELECT owner FROM policies WHERE id = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, bn_policy_get_id (policy));
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return NULL;
}

/* ---------------------------------------------------------------------------------------
 * Evacuate HVM: a policy moving every movable LPAR of one HVM elsewhere, for firmware work
 * (§3.5).  Each LPAR goes, Auto numbered, to the readable HVM with the most memory left
 * after the LPARs already placed there by this plan.
 */

typedef struct
{
  BnHvm  *hvm;
  gint64  free_mb;
  guint   free_numbers;
  GStrv   planned_names;
} Target;

static void
target_clear (gpointer data)
{
  g_clear_pointer (&((Target *) data)->planned_names, g_strfreev);
}

static gint64
free_memory_mb (BnHvm *hvm)
{
  GListModel *lpars = bn_hvm_get_lpars (hvm);
  gint64 free_mb = bn_blade_doc_get_int (bn_hvm_get_config (hvm), "memory_mb", 0);

  for (guint i = 0; i < g_list_model_get_n_items (lpars); i++)
    {
      g_autoptr(BnLpar) lpar = g_list_model_get_item (lpars, i);

      free_mb -= bn_lpar_get_memory_mb (lpar);
    }
  return free_mb;
}

static guint
free_numbers (BnHvm *hvm)
{
  guint max = bn_blade_doc_get_max_lpars (bn_hvm_get_config (hvm)), n = 0;

  for (guint i = 1; i <= max; i++)
    if (bn_hvm_find_lpar (hvm, i) == NULL)
      n++;
  return n;
}

/* The applicability checks (§2.2) as they stand now; the LPARs this plan already placed on
 * @dst are not in its document yet, which the free memory and numbers above account for. */
static gboolean
checks_allow (BnPolicies      *self,
              BnMigrationMode  mode,
              BnHvm           *src,
              BnLpar          *lpar,
              BnHvm           *dst)
{
  g_autoptr(BnMigrationRequest) request = bn_migration_request_new (BN_OPERATION_MIGRATION);
  g_autoptr(BnCheckReport) report = NULL;

  bn_migration_request_set_route (request, mode, bn_hvm_get_id (src), bn_lpar_get_number (lpar),
                                  bn_hvm_get_id (dst));
  report = bn_migration_service_check (self->service, request, NULL);
  return report != NULL && bn_check_report_get_verdict (report) != BN_VERDICT_REFUSED;
}

/* Why @lpar (on HVM_ID) cannot leave in @mode, as a messages.json id, or NULL.  A running
 * LPAR can leave in Shutdown mode when Guest OS Information is saved for it: the run shuts
 * its guest down (bn-policy-runner.c, 表 2-9 ※). */
static const char *
unmovable_reason (BnPolicies      *self,
                  const char      *hvm_id,
                  BnLpar          *lpar,
                  BnMigrationMode  mode)
{
  g_autoptr(BnMigrationRequest) guest = bn_migration_request_new (BN_OPERATION_MIGRATION);

  if (g_strcmp0 (bn_lpar_get_name (lpar), "NO_NAME") == 0)
    return "plan-reason-no-name";
  switch (bn_lpar_get_state (lpar))
    {
    case BN_LPAR_STATE_ACTIVATED:
      if (mode != BN_MIGRATION_MODE_SHUTDOWN ||
          bn_guest_settings_lookup (_bn_migration_service_get_guest_settings (self->service),
                                    hvm_id, bn_lpar_get_number (lpar), guest, NULL))
        return NULL;
      return "plan-reason-activated-no-guest";
    case BN_LPAR_STATE_DEACTIVATED:
      return mode == BN_MIGRATION_MODE_CONCURRENT ? "plan-reason-deactivated-concurrent" : NULL;
    case BN_LPAR_STATE_FAILURE:
      return "plan-reason-failure";
    case BN_LPAR_STATE_RECOVERY:
      return "plan-reason-recovery";
    default:
      return "plan-reason-state";
    }
}

/* "WHO: why" for the LPARs a plan leaves, why in the user's language (messages.json). */
static void
add_left (GPtrArray  *left,
          const char *who,
          const char *reason_id)
{
  g_ptr_array_add (left, g_strdup_printf ("%s: %s", who,
                                          bn_catalogue_get_message (bn_catalogue_get_default (),
                                                                    reason_id)));
}

/* The plan's comment ("Evacuate HVM-B01 (Shutdown). Left behind: …"), and what it leaves
 * for @left_behind (may be NULL). */
static void
finish_plan (BnPolicy         *policy,
             const char       *comment_id,
             const char       *left_id,
             const char       *hvm_id,
             BnMigrationMode   mode,
             GPtrArray        *left,
             GStrv            *left_behind)
{
  BnCatalogue *catalogue = bn_catalogue_get_default ();
  const char *mode_name = mode == BN_MIGRATION_MODE_CONCURRENT ? "Concurrent Maintenance"
                                                               : "Shutdown";
  g_autofree char *comment = bn_catalogue_format_message (catalogue, comment_id, "hvm", hvm_id,
                                                          "mode", mode_name, NULL);

  g_ptr_array_add (left, NULL);
  if (left->len > 1)
    {
      g_autofree char *list = g_strjoinv ("; ", (char **) left->pdata);
      g_autofree char *tail = bn_catalogue_format_message (catalogue, left_id, "list", list, NULL);
      g_autofree char *whole = g_strdup_printf ("%s. %s", comment, tail);

      bn_policy_set_comment (policy, whole);
    }
  else
    bn_policy_set_comment (policy, comment);
  if (left_behind != NULL)
    *left_behind = (GStrv) g_ptr_array_steal (left, NULL);
}

/* The plan is returned unsaved, for the operator to look at (and bnctl to save); the LPARs
 * it leaves behind are in @left_behind and listed in its comment. */
BnPolicy *
bn_policies_plan_evacuation (BnPolicies       *self,
                             const char       *hvm_id,
                             BnMigrationMode   mode,
                             const char       *name,
                             GStrv            *left_behind,
                             GError          **error)
{
  BnHvm *src = bn_fleet_find_hvm (self->fleet, hvm_id);
  GListModel *hvms = bn_fleet_get_hvms (self->fleet);
  g_autoptr(GArray) targets = g_array_new (FALSE, TRUE, sizeof (Target));
  g_autoptr(GPtrArray) left = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(BnPolicy) policy = NULL;
  GListModel *lpars;

  g_array_set_clear_func (targets, target_clear);
  if (!check_name_free (self, name, 0, error))
    return NULL;
  if (src == NULL)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_NOT_FOUND, "HVM %s is not registered", hvm_id);
      return NULL;
    }
  if (bn_hvm_get_state (src) == BN_HVM_STATE_UNKNOWN ||
      bn_hvm_get_state (src) == BN_HVM_STATE_UNREACHABLE)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_UNREACHABLE,
                   "HVM %s could not be read (%s): run Update first", hvm_id,
                   bn_hvm_get_reason (src) ? bn_hvm_get_reason (src) : "never updated");
      return NULL;
    }
  for (guint i = 0; i < g_list_model_get_n_items (hvms); i++)
    {
      g_autoptr(BnHvm) hvm = g_list_model_get_item (hvms, i);
      Target t = { 0 };

      if (hvm == src || bn_hvm_get_state (hvm) != BN_HVM_STATE_OK)
        continue;
      t.hvm = hvm;
      t.free_mb = free_memory_mb (hvm);
      t.free_numbers = free_numbers (hvm);
      g_array_append_val (targets, t);
    }

  policy = bn_policy_new (name);
  lpars = bn_hvm_get_lpars (src);
  for (guint i = 0; i < g_list_model_get_n_items (lpars); i++)
    {
      g_autoptr(BnLpar) lpar = g_list_model_get_item (lpars, i);
      const char *lpar_name = bn_lpar_get_name (lpar);
      const char *reason = unmovable_reason (self, hvm_id, lpar, mode);
      Target *best = NULL;

      if (bn_lpar_get_state (lpar) == BN_LPAR_STATE_UNDEFINED)
        continue;
      for (guint t = 0; reason == NULL && t < targets->len; t++)
        {
          Target *c = &g_array_index (targets, Target, t);

          if (c->free_numbers == 0 || c->free_mb < bn_lpar_get_memory_mb (lpar) ||
              bn_hvm_find_lpar_by_name (c->hvm, lpar_name) != NULL ||
              (c->planned_names && g_strv_contains ((const char * const *) c->planned_names,
                                                    lpar_name)) ||
              !checks_allow (self, mode, src, lpar, c->hvm))
            continue;
          if (best == NULL || c->free_mb > best->free_mb)
            best = c;
        }
      if (reason == NULL && best == NULL)
        reason = "plan-reason-no-target";
      if (reason != NULL)
        {
          g_autofree char *who = g_strdup_printf ("#%u %s", bn_lpar_get_number (lpar),
                                                  lpar_name);

          add_left (left, who, reason);
          continue;
        }
      {
        g_autoptr(BnMigrationRequest) request = bn_migration_request_new (BN_OPERATION_MIGRATION);
        g_autoptr(BnPolicyEntry) entry = NULL;
        g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

        bn_migration_request_set_route (request, mode, hvm_id, bn_lpar_get_number (lpar),
                                        bn_hvm_get_id (best->hvm));
        request->destination_lpar = 0;
        entry = bn_policy_entry_new (request, lpar_name);
        if (!bn_policy_add_entry (policy, entry, error))
          return NULL;
        best->free_mb -= bn_lpar_get_memory_mb (lpar);
        best->free_numbers--;
        if (best->planned_names)
          g_strv_builder_addv (names, (const char **) best->planned_names);
        g_strv_builder_add (names, lpar_name);
        g_strfreev (best->planned_names);
        best->planned_names = g_strv_builder_end (names);
      }
    }
  finish_plan (policy, "plan-evacuate-comment", "plan-left-behind", hvm_id, mode, left,
               left_behind);
  return g_steal_pointer (&policy);
}

/* ---------------------------------------------------------------------------------------
 * Return (§3.4): the moves that bring back, from the Migration History, every LPAR whose
 * last move took it off @hvm_id and that is still where that move put it; each goes back
 * to its old LPAR number if that is free, else Auto.
 */
BnPolicy *
bn_policies_plan_return (BnPolicies       *self,
                         const char       *hvm_id,
                         BnMigrationMode   mode,
                         const char       *name,
                         GStrv            *left_behind,
                         GError          **error)
{
  BnHvm *home = bn_fleet_find_hvm (self->fleet, hvm_id);
  g_autoptr(BnPolicy) policy = NULL;
  g_autoptr(GPtrArray) left = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) names = NULL;

  if (!check_name_free (self, name, 0, error))
    return NULL;
  if (home == NULL || bn_hvm_get_state (home) != BN_HVM_STATE_OK)
    {
      g_set_error (error, BN_ERROR, home ? BN_ERROR_UNREACHABLE : BN_ERROR_NOT_FOUND,
                   home ? "HVM %s could not be read: run Update first" : "HVM %s is not registered",
                   hvm_id);
      return NULL;
    }
  names = bn_history_list_lpar_names (self->history, error);
  if (names == NULL)
    return NULL;

  policy = bn_policy_new (name);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GListModel) places = bn_history_list_for_lpar (self->history, names[i], error);
      g_autoptr(BnHistoryEntry) now = NULL;
      g_autoptr(BnHistoryEntry) before = NULL;
      g_autoptr(BnMigrationRequest) request = NULL;
      g_autoptr(BnPolicyEntry) entry = NULL;
      const char *reason;
      BnHvm *there;
      BnLpar *lpar;
      guint number;

      if (places == NULL)
        return NULL;
      if (g_list_model_get_n_items (places) < 2)
        continue;
      now = g_list_model_get_item (places, 0);
      before = g_list_model_get_item (places, 1);
      if (g_strcmp0 (bn_history_entry_get_hvm_id (before), hvm_id) != 0 ||
          g_strcmp0 (bn_history_entry_get_hvm_id (now), hvm_id) == 0)
        continue;
      there = bn_fleet_find_hvm (self->fleet, bn_history_entry_get_hvm_id (now));
      lpar = there ? bn_hvm_find_lpar (there, bn_history_entry_get_lpar_number (now)) : NULL;
      if (lpar == NULL || g_strcmp0 (bn_lpar_get_name (lpar), names[i]) != 0)
        {
          g_autofree char *slot = g_strdup_printf ("%u", bn_history_entry_get_lpar_number (now));
          g_autofree char *why =
            bn_catalogue_format_message (bn_catalogue_get_default (), "plan-reason-not-found",
                                         "hvm", bn_history_entry_get_hvm_id (now),
                                         "number", slot, NULL);

          g_ptr_array_add (left, g_strdup_printf ("%s: %s", names[i], why));
          continue;
        }
      reason = unmovable_reason (self, bn_hvm_get_id (there), lpar, mode);
      if (reason == NULL && !checks_allow (self, mode, there, lpar, home))
        reason = "plan-reason-checks-refuse";
      if (reason != NULL)
        {
          add_left (left, names[i], reason);
          continue;
        }
      number = bn_history_entry_get_lpar_number (before);
      request = bn_migration_request_new (BN_OPERATION_MIGRATION);
      bn_migration_request_set_route (request, mode,
                                      bn_hvm_get_id (there), bn_lpar_get_number (lpar),
                                      hvm_id);
      request->destination_lpar = bn_hvm_find_lpar (home, number) == NULL ? number : 0;
      entry = bn_policy_entry_new (request, names[i]);
      if (!bn_policy_add_entry (policy, entry, error))
        return NULL;
    }
  finish_plan (policy, "plan-return-comment", "plan-left-where-they-are", hvm_id, mode, left,
               left_behind);
  return g_steal_pointer (&policy);
}
