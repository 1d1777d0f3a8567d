/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "bn-engine.h"
#include "bn-error.h"
#include "bn-test-support.h"

/* BnHistory over a real database: the chain of places of 図 4-5, origins, ordering,
 * persistence, and the change signal the windows listen to. */

static void
changed_cb (BnHistory  *history,
            const char *lpar_name,
            GPtrArray  *seen)
{
  g_ptr_array_add (seen, g_strdup (lpar_name));
}

static BnHistoryEntry *
entry_at (GListModel *model,
          guint       position)
{
  BnHistoryEntry *entry = g_list_model_get_item (model, position);

  g_object_unref (entry);   /* the model keeps it alive */
  return entry;
}

static void
test_history_chain (void)
{
  g_autofree char *dir = bn_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "navigator.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BnEngine) engine = bn_engine_new (db, &error);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(GListModel) recent = NULL;
  g_autoptr(GDateTime) t1 = g_date_time_new_utc (2012, 7, 30, 1, 32, 27);
  g_autoptr(GDateTime) t2 = g_date_time_new_utc (2012, 7, 30, 1, 33, 43);
  g_autoptr(GDateTime) t3 = g_date_time_new_utc (2012, 8, 1, 9, 0, 0);
  g_auto(GStrv) names = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GDateTime) local = NULL;
  BnHistory *history;
  BnHistoryPlace a1 = { "HVM_9999", 1, 0 }, b10 = { "HVM_99910", 10, 0 };
  BnHistoryPlace a2 = { "HVM_9999", 2, 0 }, b11 = { "HVM_99910", 11, 1 };

  g_assert_no_error (error);
  g_assert_cmpuint (bn_store_get_schema_version (bn_engine_get_store (engine)), >=, 2);
  history = bn_engine_get_history (engine);
  g_assert_true (BN_IS_HISTORY (history));
  g_signal_connect (history, "changed", G_CALLBACK (changed_cb), seen);

  entries = bn_history_list_for_lpar (history, "LPAR01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 0);
  g_clear_object (&entries);

  /* the first move records the origin too */
  g_assert_true (bn_history_add (history, "LPAR01", &a1, &b10, BN_MIGRATION_MODE_SHUTDOWN, t1,
                                 &error));
  g_assert_no_error (error);
  g_assert_true (bn_history_add (history, "LPAR02", &a2, &b11, BN_MIGRATION_MODE_CONCURRENT, t2,
                                 &error));
  g_assert_no_error (error);
  /* moving back: the source is the last recorded place, so only the arrival is added */
  g_assert_true (bn_history_add (history, "LPAR01", &b10, &a1, BN_MIGRATION_MODE_CONCURRENT, t3,
                                 &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (seen, 1), ==, "LPAR02");

  entries = bn_history_list_for_lpar (history, "LPAR01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 3);
  /* Now */
  g_assert_cmpstr (bn_history_entry_get_hvm_id (entry_at (entries, 0)), ==, "HVM_9999");
  g_assert_cmpuint (bn_history_entry_get_lpar_number (entry_at (entries, 0)), ==, 1);
  g_assert_cmpint (bn_history_entry_get_mode (entry_at (entries, 0)), ==,
                   BN_MIGRATION_MODE_CONCURRENT);
  g_assert_true (g_date_time_equal (bn_history_entry_get_moved_at (entry_at (entries, 0)), t3));
  /* old1 */
  g_assert_cmpstr (bn_history_entry_get_hvm_id (entry_at (entries, 1)), ==, "HVM_99910");
  g_assert_cmpuint (bn_history_entry_get_lpar_number (entry_at (entries, 1)), ==, 10);
  /* old2: the origin, without a date */
  g_assert_null (bn_history_entry_get_moved_at (entry_at (entries, 2)));
  text = bn_history_entry_format (entry_at (entries, 2));
  g_assert_cmpstr (text, ==, "HVM_9999 #1 Group#0");
  g_clear_pointer (&text, g_free);
  g_clear_object (&entries);

  entries = bn_history_list_for_lpar (history, "LPAR02", &error);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 2);
  local = g_date_time_to_local (t2);
  expected = g_date_time_format (local, "HVM_99910 #11 Group#1 [%Y/%m/%d %H:%M:%S]");
  text = bn_history_entry_format (entry_at (entries, 0));
  g_assert_cmpstr (text, ==, expected);
  g_clear_object (&entries);

  names = bn_history_list_lpar_names (history, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[0], ==, "LPAR01");
  g_assert_cmpstr (names[1], ==, "LPAR02");

  recent = bn_history_list_recent (history, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (recent), ==, 2);
  g_assert_cmpstr (bn_history_entry_get_lpar_name (entry_at (recent, 0)), ==, "LPAR01");
  g_assert_cmpstr (bn_history_entry_get_lpar_name (entry_at (recent, 1)), ==, "LPAR02");
  g_clear_object (&recent);

  /* bad input changes nothing */
  g_assert_false (bn_history_add (history, "", &a1, &b10, BN_MIGRATION_MODE_SHUTDOWN, NULL,
                                  &error));
  g_assert_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  {
    BnHistoryPlace bad = { "HVM_1", 0, 0 };

    g_assert_false (bn_history_add (history, "LPAR03", &a1, &bad, BN_MIGRATION_MODE_SHUTDOWN,
                                    NULL, &error));
    g_assert_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
  }
  g_assert_cmpuint (seen->len, ==, 3);

  /* history survives a restart; an unknown source records only the arrival */
  g_signal_handlers_disconnect_by_data (history, seen);
  g_assert_finalize_object (g_steal_pointer (&engine));
  engine = bn_engine_new (db, &error);
  g_assert_no_error (error);
  history = bn_engine_get_history (engine);
  g_assert_true (bn_history_add (history, "LPAR03", NULL, &b10, BN_MIGRATION_MODE_SHUTDOWN, NULL,
                                 &error));
  g_assert_no_error (error);
  entries = bn_history_list_for_lpar (history, "LPAR03", &error);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 1);
  g_assert_nonnull (bn_history_entry_get_moved_at (entry_at (entries, 0)));
  g_clear_object (&entries);
  entries = bn_history_list_for_lpar (history, "LPAR01", &error);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 3);
  g_clear_object (&entries);

  g_assert_finalize_object (g_steal_pointer (&engine));
  bn_test_rm_rf (dir);
}

/* A database of schema 1 (before history existed) is upgraded in place. */
static void
test_history_upgrade (void)
{
  g_autofree char *dir = bn_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "navigator.db", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BnEngine) engine = NULL;
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(GBytes) bytes = NULL;
  BnHistoryPlace a = { "A", 1, 0 }, b = { "B", 2, 0 };
  sqlite3 *handle = NULL;

  bytes = g_resources_lookup_data ("/io/github/bladenav/engine/sql/001-initial.sql", 0, &error);
  g_assert_no_error (error);
  sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_cmpint (sqlite3_open (db, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "PRAGMA user_version = 1", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (handle);

  engine = bn_engine_new (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bn_store_get_schema_version (bn_engine_get_store (engine)), ==,
                    bn_store_get_latest_version ());
  g_assert_true (bn_history_add (bn_engine_get_history (engine), "X", &a, &b,
                                 BN_MIGRATION_MODE_SHUTDOWN, NULL, &error));
  entries = bn_history_list_for_lpar (bn_engine_get_history (engine), "X", &error);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 2);

  g_clear_object (&entries);
  g_assert_finalize_object (g_steal_pointer (&engine));
  bn_test_rm_rf (dir);
}

static void
test_monitor_sample (void)
{
  g_autoptr(BnMonitorSample) sample = NULL;
  g_autofree char *stage = NULL;
  guint64 remaining = 0;

  sample = g_object_new (BN_TYPE_MONITOR_SAMPLE,
                         "elapsed-ms", (gint64) 1250,
                         "stage", "0x4050: (SRC) Transferring Memory Data",
                         "round", 3u,
                         "total-bytes", (guint64) 4 << 30,
                         "transferred-bytes", (guint64) 3 << 30,
                         "remaining-dirty-bytes", (guint64) 12 << 20,
                         "transfer-rate", 110e6,
                         "dirty-rate", 20e6,
                         "expected-suspend-ms", 114.0,
                         "timeout-s", 900u,
                         NULL);
  g_assert_cmpint (bn_monitor_sample_get_elapsed_ms (sample), ==, 1250);
  g_assert_cmpstr (bn_monitor_sample_get_stage (sample), ==,
                   "0x4050: (SRC) Transferring Memory Data");
  g_assert_cmpuint (bn_monitor_sample_get_round (sample), ==, 3);
  g_assert_cmpuint (bn_monitor_sample_get_total_bytes (sample), ==, (guint64) 4 << 30);
  g_assert_cmpuint (bn_monitor_sample_get_transferred_bytes (sample), ==, (guint64) 3 << 30);
  g_assert_cmpfloat (bn_monitor_sample_get_transfer_rate (sample), ==, 110e6);
  g_assert_cmpfloat (bn_monitor_sample_get_dirty_rate (sample), ==, 20e6);
  g_assert_cmpfloat (bn_monitor_sample_get_expected_suspend_ms (sample), ==, 114.0);
  g_assert_cmpuint (bn_monitor_sample_get_timeout_s (sample), ==, 900);
  g_object_get (sample, "remaining-dirty-bytes", &remaining, "stage", &stage, NULL);
  g_assert_cmpuint (remaining, ==, (guint64) 12 << 20);
  g_assert_cmpstr (stage, ==, "0x4050: (SRC) Transferring Memory Data");
  g_assert_finalize_object (g_steal_pointer (&sample));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/history/chain", test_history_chain);
  g_test_add_func ("/history/upgrade", test_history_upgrade);
  g_test_add_func ("/monitor-sample/properties", test_monitor_sample);
  return g_test_run ();
}
