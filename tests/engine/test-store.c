/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "bn-engine.h"
#include "bn-error.h"
#include "bn-test-support.h"

static void
test_schema_and_hvms (void)
{
  g_autofree char *dir = bn_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "sub", "navigator.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BnEngine) engine = bn_engine_new (db, &error);
  BnFleet *fleet;

  g_assert_no_error (error);
  g_assert_cmpuint (bn_store_get_schema_version (bn_engine_get_store (engine)), ==,
                    bn_store_get_latest_version ());
  fleet = bn_engine_get_fleet (engine);

  g_assert_nonnull (bn_fleet_add_hvm (fleet, "HVM1", "127.0.0.1", 1234, NULL, NULL, &error));
  g_assert_no_error (error);

  /* bad input is refused before anything is stored */
  g_assert_null (bn_fleet_add_hvm (fleet, "HVM1", "127.0.0.2", 1234, NULL, NULL, &error));
  g_assert_error (error, BN_ERROR, BN_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_null (bn_fleet_add_hvm (fleet, "HVM2", "127.0.0.1", 1234, NULL, NULL, &error));
  g_assert_error (error, BN_ERROR, BN_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_null (bn_fleet_add_hvm (fleet, "bad id!", "127.0.0.3", 1, NULL, NULL, &error));
  g_assert_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (bn_fleet_add_hvm (fleet, "HVM3", "not an address!", 1, NULL, NULL, &error));
  g_assert_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (bn_fleet_add_hvm (fleet, "HVM3", "127.0.0.3", 1, "vmware", NULL, &error));
  g_assert_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (bn_fleet_add_hvm (fleet, "HVM3", "127.0.0.3", 1, NULL, "abc", &error));
  g_assert_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (bn_fleet_get_hvms (fleet)), ==, 1);

  g_clear_object (&engine);
  engine = bn_engine_new (db, &error);
  g_assert_no_error (error);
  fleet = bn_engine_get_fleet (engine);
  g_assert_cmpuint (g_list_model_get_n_items (bn_fleet_get_hvms (fleet)), ==, 1);
  g_assert_true (bn_fleet_remove_hvm (fleet, "HVM1", &error));
  g_assert_false (bn_fleet_remove_hvm (fleet, "HVM1", &error));
  g_assert_error (error, BN_ERROR, BN_ERROR_NOT_FOUND);

  bn_test_rm_rf (dir);
}

static void
test_newer_schema_refused (void)
{
  g_autofree char *dir = bn_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "navigator.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BnEngine) engine = NULL;
  sqlite3 *raw;

  g_assert_cmpint (sqlite3_open (db, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "CREATE TABLE keep (x); INSERT INTO keep VALUES (42); "
                                 "PRAGMA user_version = 999", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  engine = bn_engine_new (db, &error);
  g_assert_null (engine);
  g_assert_error (error, BN_ERROR, BN_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "newer"));

  /* and the file is untouched */
  g_assert_cmpint (sqlite3_open (db, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "SELECT x FROM keep", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
  bn_test_rm_rf (dir);
}

static void
test_options (void)
{
  g_autofree char *dir = bn_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "navigator.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BnEngine) engine = bn_engine_new (db, &error);
  BnOptions *options = bn_engine_get_options (engine);

  g_assert_cmpuint (bn_options_get_uint (options, BN_OPTION_OS_SHUTDOWN_WAIT), ==, 300);
  g_assert_cmpuint (bn_options_get_uint (options, BN_OPTION_MIGRATION_TIMEOUT), ==, 900);
  g_assert_true (bn_options_set (options, BN_OPTION_HVM_TIMEOUT, "3", &error));
  g_assert_cmpuint (bn_options_get_uint (options, BN_OPTION_HVM_TIMEOUT), ==, 3);
  g_assert_false (bn_options_set (options, BN_OPTION_HVM_TIMEOUT, "0", &error));
  g_assert_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (bn_options_set (options, BN_OPTION_MANAGEMENT_ADDRESS, "example", &error));
  g_clear_error (&error);
  g_assert_false (bn_options_set (options, "no-such-option", "1", &error));
  g_clear_error (&error);
  g_assert_cmpuint (bn_options_get_uint (options, BN_OPTION_HVM_TIMEOUT), ==, 3);
  bn_test_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/schema-and-hvms", test_schema_and_hvms);
  g_test_add_func ("/store/newer-schema-refused", test_newer_schema_refused);
  g_test_add_func ("/store/options", test_options);

  return g_test_run ();
}
