/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-history"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bn-error.h"
#include "bn-history.h"
#include "bn-store-private.h"

/* The history table (src/engine/sql/002-history.sql) keeps places in the order they
 * happened; a move adds the destination, and the source too when the LPAR's last recorded
 * place is not where it left from (its first recorded move, or moves made by another tool),
 * so that "old1" of 図 4-5 is always the place it came from. */

struct _BnHistory
{
  GObject  parent_instance;
  BnStore *store;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BnHistory, bn_history, G_TYPE_OBJECT)

static void
bn_history_finalize (GObject *object)
{
  BnHistory *self = (BnHistory *) object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (bn_history_parent_class)->finalize (object);
}

static void
bn_history_class_init (BnHistoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bn_history_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
bn_history_init (BnHistory *self)
{
}

BnHistory *
bn_history_new (BnStore *store)
{
  BnHistory *self;

  g_return_val_if_fail (BN_IS_STORE (store), NULL);

  self = g_object_new (BN_TYPE_HISTORY, NULL);
  self->store = g_object_ref (store);
  return self;
}

static const char *
mode_to_string (BnMigrationMode mode)
{
  return mode == BN_MIGRATION_MODE_CONCURRENT ? "concurrent" : "shutdown";
}

static gboolean
place_is_valid (const BnHistoryPlace  *place,
                GError               **error)
{
  if (place->hvm_id == NULL || *place->hvm_id == '\0' || place->lpar_number == 0)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                   _("A history place needs an HVM ID and an LPAR number"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
insert_place (BnHistory             *self,
              const char            *lpar_name,
              const BnHistoryPlace  *place,
              const char            *moved_at,
              const char            *mode,
              GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = _bn_store_prepare (self->store,
                            "INSERT INTO history (lpar_name, hvm_id, lpar_number, "
                            "processor_group, moved_at, mode) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, lpar_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, place->hvm_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, place->lpar_number);
  sqlite3_bind_int64 (stmt, 4, place->processor_group);
  if (moved_at != NULL)
    {
      sqlite3_bind_text (stmt, 5, moved_at, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, mode, -1, SQLITE_STATIC);
    }
  else
    {
      sqlite3_bind_null (stmt, 5);
      sqlite3_bind_null (stmt, 6);
    }
  return _bn_store_step_done (self->store, stmt, error);
}

/* TRUE when the LPAR's last recorded place is @place. */
static gboolean
last_place_is (BnHistory             *self,
               const char            *lpar_name,
               const BnHistoryPlace  *place,
               gboolean              *result,
               GError               **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _bn_store_prepare (self->store,
                            "SELECT hvm_id, lpar_number FROM history WHERE lpar_name = ? "
                            "ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, lpar_name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      *result = FALSE;
      return TRUE;
    }
  if (rc != SQLITE_ROW)
    return _bn_store_fail (self->store, error, "Cannot read the migration history");
  *result = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), place->hvm_id) == 0 &&
            (guint) sqlite3_column_int64 (stmt, 1) == place->lpar_number;
  return TRUE;
}

/* Records a completed move of LPAR @lpar_name from @source (NULL if unknown) to
 * @destination at @moved_at (NULL: now). */
gboolean
bn_history_add (BnHistory             *self,
                const char            *lpar_name,
                const BnHistoryPlace  *source,
                const BnHistoryPlace  *destination,
                BnMigrationMode        mode,
                GDateTime             *moved_at,
                GError               **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *when = NULL;
  gboolean source_recorded = TRUE;
  gboolean own_transaction;

  g_return_val_if_fail (BN_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  if (lpar_name == NULL || *lpar_name == '\0')
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                   _("The migration history needs the LPAR’s name"));
      return FALSE;
    }
  if (!place_is_valid (destination, error) || (source != NULL && !place_is_valid (source, error)))
    return FALSE;

  if (moved_at == NULL)
    moved_at = now = g_date_time_new_now_utc ();
  utc = g_date_time_to_utc (moved_at);
  when = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");

  /* the migration engine may record the move inside its own journal transaction */
  own_transaction = sqlite3_get_autocommit (_bn_store_get_db (self->store));
  if (own_transaction && !bn_store_begin (self->store, error))
    return FALSE;
  if ((source != NULL && !last_place_is (self, lpar_name, source, &source_recorded, error)) ||
      (!source_recorded && !insert_place (self, lpar_name, source, NULL, NULL, error)) ||
      !insert_place (self, lpar_name, destination, when, mode_to_string (mode), error) ||
      (own_transaction && !bn_store_commit (self->store, error)))
    {
      if (own_transaction)
        bn_store_rollback (self->store);
      return FALSE;
    }

  g_signal_emit (self, signals[CHANGED], g_quark_from_string (lpar_name), lpar_name);
  return TRUE;
}

static BnHistoryEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  const char *moved_at = (const char *) sqlite3_column_text (stmt, 4);
  const char *mode = (const char *) sqlite3_column_text (stmt, 5);
  g_autoptr(GDateTime) when = NULL;

  if (moved_at != NULL)
    when = g_date_time_new_from_iso8601 (moved_at, NULL);
  return bn_history_entry_new ((const char *) sqlite3_column_text (stmt, 0),
                               (const char *) sqlite3_column_text (stmt, 1),
                               sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3),
                               when,
                               g_strcmp0 (mode, "concurrent") == 0 ? BN_MIGRATION_MODE_CONCURRENT
                                                                   : BN_MIGRATION_MODE_SHUTDOWN);
}

static GListModel *
query_entries (BnHistory   *self,
               const char  *sql,
               const char  *text_arg,
               gint64       int_arg,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = _bn_store_prepare (self->store, sql, error);
  g_autoptr(GListStore) entries = g_list_store_new (BN_TYPE_HISTORY_ENTRY);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (text_arg != NULL)
    sqlite3_bind_text (stmt, 1, text_arg, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, int_arg);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(BnHistoryEntry) entry = entry_from_row (stmt);

      g_list_store_append (entries, entry);
    }
  if (rc != SQLITE_DONE)
    {
      _bn_store_fail (self->store, error, "Cannot read the migration history");
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&entries));
}

/* Newest first: item 0 is "Now", item 1 "old1", … (図 4-5).  Empty if the LPAR never
 * moved. */
GListModel *
bn_history_list_for_lpar (BnHistory   *self,
                          const char  *lpar_name,
                          GError     **error)
{
  g_return_val_if_fail (BN_IS_HISTORY (self), NULL);
  g_return_val_if_fail (lpar_name != NULL, NULL);

  return query_entries (self, "SELECT lpar_name, hvm_id, lpar_number, processor_group, "
                        "moved_at, mode FROM history WHERE lpar_name = ? ORDER BY id DESC",
                        lpar_name, 0, error);
}

/* The last @limit moves of any LPAR, newest first (arrivals only, never origins). */
GListModel *
bn_history_list_recent (BnHistory   *self,
                        guint        limit,
                        GError     **error)
{
  g_return_val_if_fail (BN_IS_HISTORY (self), NULL);

  return query_entries (self, "SELECT lpar_name, hvm_id, lpar_number, processor_group, "
                        "moved_at, mode FROM history WHERE moved_at IS NOT NULL "
                        "ORDER BY id DESC LIMIT ?", NULL, limit, error);
}

/* The names of every LPAR with a recorded move, sorted. */
GStrv
bn_history_list_lpar_names (BnHistory  *self,
                            GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  int rc;

  g_return_val_if_fail (BN_IS_HISTORY (self), NULL);

  stmt = _bn_store_prepare (self->store, "SELECT DISTINCT lpar_name FROM history "
                            "ORDER BY lpar_name", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (names, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      _bn_store_fail (self->store, error, "Cannot read the migration history");
      return NULL;
    }
  return g_strv_builder_end (names);
}
