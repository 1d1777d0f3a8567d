/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-store"

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "bn-engine-resources.h"
#include "bn-error.h"
#include "bn-store-private.h"

/* The console's one SQLite database.  Schema changes are numbered SQL files compiled into
 * the engine (src/engine/sql/NNN-*.sql), applied in order, each in its own transaction;
 * PRAGMA user_version records how far a database has come. */

#define SQL_RESOURCE_DIR "/io/github/bladenav/engine/sql/"

struct _BnStore
{
  GObject  parent_instance;
  sqlite3 *db;
  char    *path;
  guint    version;
};

G_DEFINE_FINAL_TYPE (BnStore, bn_store, G_TYPE_OBJECT)

static void
bn_store_finalize (GObject *object)
{
  BnStore *self = (BnStore *) object;

  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);

  G_OBJECT_CLASS (bn_store_parent_class)->finalize (object);
}

static void
bn_store_class_init (BnStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bn_store_finalize;
}

static void
bn_store_init (BnStore *self)
{
}

void
bn_store_hvm_free (BnStoreHvm *hvm)
{
  if (hvm == NULL)
    return;
  g_free (hvm->id);
  g_free (hvm->address);
  g_free (hvm->kind);
  g_free (hvm->fingerprint);
  g_free (hvm);
}

gboolean
_bn_store_fail (BnStore     *self,
                GError     **error,
                const char  *what)
{
  g_set_error (error, BN_ERROR, BN_ERROR_STORE, "%s: %s (database %s)", what,
               sqlite3_errmsg (self->db), self->path);
  return FALSE;
}

sqlite3 *
_bn_store_get_db (BnStore *self)
{
  return self->db;
}

gboolean
_bn_store_exec (BnStore     *self,
                const char  *sql,
                GError     **error)
{
  char *errmsg = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &errmsg) != SQLITE_OK)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_STORE, "%s (database %s)",
                   errmsg ? errmsg : "unknown error", self->path);
      sqlite3_free (errmsg);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
_bn_store_prepare (BnStore     *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _bn_store_fail (self, error, "Cannot prepare a statement");
      return NULL;
    }
  return stmt;
}

gboolean
_bn_store_step_done (BnStore      *self,
                     sqlite3_stmt *stmt,
                     GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_CONSTRAINT)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_EXISTS, "%s", sqlite3_errmsg (self->db));
      return FALSE;
    }
  return _bn_store_fail (self, error, "Cannot write to the database");
}

gboolean
bn_store_begin (BnStore  *self,
                GError  **error)
{
  return _bn_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
bn_store_commit (BnStore  *self,
                 GError  **error)
{
  return _bn_store_exec (self, "COMMIT", error);
}

void
bn_store_rollback (BnStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    _bn_store_exec (self, "ROLLBACK", NULL);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char **) a, *(char **) b);
}

static GPtrArray *
list_migrations (void)
{
  g_auto(GStrv) names = NULL;
  GPtrArray *sorted = g_ptr_array_new_with_free_func (g_free);

  (void) bn_engine_get_resource ();
  names = g_resources_enumerate_children (SQL_RESOURCE_DIR, 0, NULL);
  for (guint i = 0; names && names[i]; i++)
    if (g_str_has_suffix (names[i], ".sql"))
      g_ptr_array_add (sorted, g_strdup (names[i]));
  g_ptr_array_sort (sorted, compare_names);
  return sorted;
}

guint
bn_store_get_latest_version (void)
{
  g_autoptr(GPtrArray) migrations = list_migrations ();

  if (migrations->len == 0)
    return 0;
  return strtoul (g_ptr_array_index (migrations, migrations->len - 1), NULL, 10);
}

static gboolean
migrate (BnStore  *self,
         GError  **error)
{
  g_autoptr(GPtrArray) migrations = list_migrations ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint latest = 0;

  stmt = _bn_store_prepare (self, "PRAGMA user_version", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _bn_store_fail (self, error, "Cannot read the schema version");
  self->version = sqlite3_column_int (stmt, 0);

  if (migrations->len > 0)
    latest = strtoul (g_ptr_array_index (migrations, migrations->len - 1), NULL, 10);
  if (self->version > latest)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_STORE,
                   "%s was written by a newer Blade Navigator (schema %u, this one knows %u); "
                   "it is left untouched", self->path, self->version, latest);
      return FALSE;
    }

  for (guint i = 0; i < migrations->len; i++)
    {
      const char *name = g_ptr_array_index (migrations, i);
      guint version = strtoul (name, NULL, 10);
      g_autofree char *resource = g_strconcat (SQL_RESOURCE_DIR, name, NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *sql = NULL;
      g_autofree char *bump = NULL;

      if (version <= self->version)
        continue;
      bytes = g_resources_lookup_data (resource, 0, error);
      if (bytes == NULL)
        return FALSE;
      sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      bump = g_strdup_printf ("PRAGMA user_version = %u", version);

      if (!bn_store_begin (self, error))
        return FALSE;
      if (!_bn_store_exec (self, sql, error) || !_bn_store_exec (self, bump, error))
        {
          g_prefix_error (error, "Schema upgrade %s failed: ", name);
          bn_store_rollback (self);
          return FALSE;
        }
      if (!bn_store_commit (self, error))
        return FALSE;
      g_debug ("database %s upgraded to schema %u", self->path, version);
      self->version = version;
    }
  return TRUE;
}

BnStore *
bn_store_new (const char  *path,
              GError     **error)
{
  g_autoptr(BnStore) self = g_object_new (BN_TYPE_STORE, NULL);
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self->path = g_strdup (path);
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_STORE, "Cannot create %s: %s", dir,
                   g_strerror (errno));
      return NULL;
    }

  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL)
      != SQLITE_OK)
    {
      _bn_store_fail (self, error, "Cannot open the database");
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 0);
  /* another console or bnctl may hold the write lock for a moment */
  sqlite3_busy_timeout (self->db, 5000);

  if (!_bn_store_exec (self, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
                       "PRAGMA foreign_keys = ON", error))
    return NULL;
  if (!migrate (self, error))
    return NULL;
  g_chmod (path, 0600);
  return g_steal_pointer (&self);
}

/* The start time of a process (clock ticks since boot, /proc/PID/stat field 22): with the
 * boot id it tells a live owner from a reused PID. */
static char *
process_start (pid_t pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after;

  if (!g_file_get_contents (path, &stat, NULL, NULL) || (after = strrchr (stat, ')')) == NULL)
    return NULL;
  fields = g_strsplit (after + 2, " ", 0);
  /* fields[0] is field 3 (state), so field 22 is fields[19] */
  return g_strv_length (fields) > 19 ? g_strdup (fields[19]) : NULL;
}

static char *
boot_id (void)
{
  g_autofree char *id = NULL;

  if (!g_file_get_contents ("/proc/sys/kernel/random/boot_id", &id, NULL, NULL))
    return g_strdup ("unknown");
  return g_strdup (g_strstrip (id));
}

/* What the tables store as times: UTC, ISO 8601. */
char *
_bn_store_now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

/* NULL binds SQL NULL. */
void
_bn_store_bind_text (sqlite3_stmt *stmt,
                     int           column,
                     const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

/* "BOOT:PID:START" of this process, written beside rows it is working on (journal, running
 * policies) so another console can tell a crashed owner from a live one. */
char *
_bn_store_owner_self (void)
{
  g_autofree char *boot = boot_id ();
  g_autofree char *start = process_start (getpid ());

  return g_strdup_printf ("%s:%d:%s", boot, (int) getpid (), start ? start : "0");
}

gboolean
_bn_store_owner_alive (const char *owner)
{
  g_auto(GStrv) parts = owner ? g_strsplit (owner, ":", 3) : NULL;
  g_autofree char *boot = boot_id ();
  g_autofree char *start = NULL;
  gint64 pid;

  if (parts == NULL || g_strv_length (parts) != 3 || !g_str_equal (parts[0], boot))
    return FALSE;
  pid = g_ascii_strtoll (parts[1], NULL, 10);
  if (pid <= 0 || pid > G_MAXINT)
    return FALSE;
  start = process_start ((pid_t) pid);
  return start != NULL && g_str_equal (start, parts[2]);
}

guint
bn_store_get_schema_version (BnStore *self)
{
  return self->version;
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text ? g_strdup ((const char *) text) : NULL;
}

GPtrArray *
bn_store_list_hvms (BnStore  *self,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) hvms = g_ptr_array_new_with_free_func ((GDestroyNotify) bn_store_hvm_free);
  int rc;

  stmt = _bn_store_prepare (self, "SELECT id, address, port, kind, fingerprint FROM hvm "
                            "ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BnStoreHvm *hvm = g_new0 (BnStoreHvm, 1);

      hvm->id = column_text (stmt, 0);
      hvm->address = column_text (stmt, 1);
      hvm->port = sqlite3_column_int (stmt, 2);
      hvm->kind = column_text (stmt, 3);
      hvm->fingerprint = column_text (stmt, 4);
      g_ptr_array_add (hvms, hvm);
    }
  if (rc != SQLITE_DONE)
    {
      _bn_store_fail (self, error, "Cannot read the registered HVMs");
      return NULL;
    }
  return g_steal_pointer (&hvms);
}

gboolean
bn_store_add_hvm (BnStore           *self,
                  const BnStoreHvm  *hvm,
                  GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *added = g_date_time_format_iso8601 (now);
  g_autoptr(GError) local_error = NULL;

  stmt = _bn_store_prepare (self, "INSERT INTO hvm (id, address, port, kind, fingerprint, "
                            "added_at) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, hvm->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, hvm->address, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, hvm->port);
  sqlite3_bind_text (stmt, 4, hvm->kind ? hvm->kind : "hvmsh", -1, SQLITE_TRANSIENT);
  if (hvm->fingerprint != NULL)
    sqlite3_bind_text (stmt, 5, hvm->fingerprint, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 5);
  sqlite3_bind_text (stmt, 6, added, -1, SQLITE_TRANSIENT);

  if (!_bn_store_step_done (self, stmt, &local_error))
    {
      if (g_error_matches (local_error, BN_ERROR, BN_ERROR_EXISTS))
        g_set_error (error, BN_ERROR, BN_ERROR_EXISTS,
                     "An HVM with ID %s or address %s:%u is already registered",
                     hvm->id, hvm->address, hvm->port);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

gboolean
bn_store_remove_hvm (BnStore     *self,
                     const char  *id,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _bn_store_prepare (self, "DELETE FROM hvm WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (!_bn_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_NOT_FOUND, "No HVM with ID %s is registered", id);
      return FALSE;
    }
  return TRUE;
}

gboolean
bn_store_set_hvm_fingerprint (BnStore     *self,
                              const char  *id,
                              const char  *fingerprint,
                              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _bn_store_prepare (self, "UPDATE hvm SET fingerprint = ? "
                                                    "WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, fingerprint, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  return _bn_store_step_done (self, stmt, error);
}

char *
bn_store_get_option (BnStore    *self,
                     const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = _bn_store_prepare (self, "SELECT value FROM option WHERE key = ?",
                                                    NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return column_text (stmt, 0);
}

gboolean
bn_store_set_option (BnStore     *self,
                     const char  *key,
                     const char  *value,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _bn_store_prepare (self, "INSERT INTO option (key, value) "
                                                    "VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
                                                    "SET value = excluded.value", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  return _bn_store_step_done (self, stmt, error);
}
