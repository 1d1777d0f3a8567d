/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <libsecret/secret.h>

#include "bn-engine.h"
#include "bn-error.h"
#include "bn-test-support.h"

/* The guest password of a saved Guest OS Information (§4.2.1): in the keyring (a
 * gnome-keyring-daemon of this test's own, tests/engine/with-keyring.sh), never in the
 * database, and moving with the LPAR (§5.13). */

typedef struct
{
  char     *dir;
  char     *db;
  BnEngine *engine;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = bn_test_tmpdir ();
  f->db = g_build_filename (f->dir, "navigator.db", NULL);
  f->engine = bn_engine_new (f->db, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->engine);
  bn_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static BnGuestSettings *
settings (Fixture *f)
{
  return bn_engine_get_guest_settings (f->engine);
}

static void
save_guest (Fixture    *f,
            const char *hvm,
            guint       lpar,
            const char *user)
{
  g_autoptr(BnMigrationRequest) guest = bn_migration_request_new (BN_OPERATION_MIGRATION);
  g_autoptr(GError) error = NULL;

  guest->guest_os = BN_GUEST_OS_LINUX;
  guest->guest_address = g_strdup ("192.0.2.10");
  guest->guest_user = g_strdup (user);
  g_assert_true (bn_guest_settings_save (settings (f), hvm, lpar, guest, &error));
  g_assert_no_error (error);
}

static gboolean
save_password (Fixture     *f,
               const char  *hvm,
               guint        lpar,
               const char  *password,
               GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bn_guest_settings_save_password_async (settings (f), hvm, lpar, password, NULL,
                                         bn_test_store_result, &result);
  return bn_guest_settings_save_password_finish (settings (f), bn_test_wait (&result, 10000),
                                                 error);
}

static char *
lookup_password (Fixture    *f,
                 const char *hvm,
                 guint       lpar)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *password;

  bn_guest_settings_lookup_password_async (settings (f), hvm, lpar, NULL, bn_test_store_result,
                                           &result);
  password = bn_guest_settings_lookup_password_finish (settings (f),
                                                       bn_test_wait (&result, 10000), &error);
  g_assert_no_error (error);
  return password;
}

static void
assert_password (Fixture    *f,
                 const char *hvm,
                 guint       lpar,
                 const char *expected)
{
  char *password = lookup_password (f, hvm, lpar);

  g_assert_cmpstr (password, ==, expected);
  secret_password_free (password);
}

static void
test_keyring (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  /* a password needs its Guest OS Information saved first */
  g_assert_false (save_password (f, "HVM-A01", 1, "s3cret-guest", &error));
  g_assert_error (error, BN_ERROR, BN_ERROR_NOT_FOUND);
  g_clear_error (&error);

  save_guest (f, "HVM-A01", 1, "root");
  assert_password (f, "HVM-A01", 1, NULL);
  g_assert_true (save_password (f, "HVM-A01", 1, "s3cret-guest", &error));
  g_assert_no_error (error);
  assert_password (f, "HVM-A01", 1, "s3cret-guest");

  /* the database never holds it */
  g_clear_object (&f->engine);
  g_assert_true (g_file_get_contents (f->db, &contents, &length, NULL));
  g_assert_null (g_strstr_len (contents, length, "s3cret-guest"));
  f->engine = bn_engine_new (f->db, &error);
  g_assert_no_error (error);
  assert_password (f, "HVM-A01", 1, "s3cret-guest");

  /* saving the other fields again keeps it; a new password replaces it */
  save_guest (f, "HVM-A01", 1, "admin");
  assert_password (f, "HVM-A01", 1, "s3cret-guest");
  g_assert_true (save_password (f, "HVM-A01", 1, "changed", &error));
  assert_password (f, "HVM-A01", 1, "changed");

  /* it moves with the LPAR, replacing what the destination slot had */
  save_guest (f, "HVM-B01", 3, "old");
  g_assert_true (save_password (f, "HVM-B01", 3, "stale", &error));
  g_assert_true (bn_guest_settings_move (settings (f), "HVM-A01", 1, "HVM-B01", 3, &error));
  g_assert_no_error (error);
  assert_password (f, "HVM-B01", 3, "changed");
  assert_password (f, "HVM-A01", 1, NULL);

  /* an empty password removes it; forgetting the LPAR removes it too */
  g_assert_true (save_password (f, "HVM-B01", 3, "", &error));
  assert_password (f, "HVM-B01", 3, NULL);
  g_assert_true (save_password (f, "HVM-B01", 3, "again", &error));
  g_assert_true (bn_guest_settings_forget (settings (f), "HVM-B01", 3, &error));
  g_assert_no_error (error);
  assert_password (f, "HVM-B01", 3, NULL);
  save_guest (f, "HVM-B01", 3, "root");
  assert_password (f, "HVM-B01", 3, NULL);
}

static gboolean
fill (Fixture            *f,
      BnMigrationRequest *request)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found;

  bn_guest_settings_fill_request_async (settings (f), request, NULL, bn_test_store_result,
                                        &result);
  found = bn_guest_settings_fill_request_finish (settings (f), bn_test_wait (&result, 10000),
                                                 &error);
  g_assert_no_error (error);
  return found;
}

/* A move that uses the saved information (bnctl migrate --saved-guest, a policy's Shutdown
 * entry) gets every field and the keyring's password, unless it brought its own. */
static void
test_fill_request (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(BnMigrationRequest) request = bn_migration_request_new (BN_OPERATION_MIGRATION);
  g_autoptr(BnMigrationRequest) own = bn_migration_request_new (BN_OPERATION_MIGRATION);
  g_autoptr(GError) error = NULL;

  request->mode = BN_MIGRATION_MODE_SHUTDOWN;
  request->source_hvm = g_strdup ("HVM-A01");
  request->source_lpar = 1;
  g_assert_false (fill (f, request));
  g_assert_false (request->shutdown_guest);

  save_guest (f, "HVM-A01", 1, "root");
  g_assert_true (save_password (f, "HVM-A01", 1, "s3cret-guest", &error));
  g_assert_true (fill (f, request));
  g_assert_true (request->shutdown_guest);
  g_assert_cmpstr (request->guest_address, ==, "192.0.2.10");
  g_assert_cmpstr (request->guest_user, ==, "root");
  g_assert_cmpstr (request->guest_password, ==, "s3cret-guest");

  own->source_hvm = g_strdup ("HVM-A01");
  own->source_lpar = 1;
  own->guest_password = g_strdup ("from-a-file");
  g_assert_true (fill (f, own));
  g_assert_cmpstr (own->guest_password, ==, "from-a-file");
}

/* Without a Secret Service the password is not saved, the error says why, and the rest of
 * the Guest OS Information stays as it was. */
static void
test_no_keyring (Fixture       *f,
                 gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(BnMigrationRequest) guest = bn_migration_request_new (BN_OPERATION_MIGRATION);
      g_autoptr(GError) error = NULL;

      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus", TRUE);
      save_guest (f, "HVM-A01", 1, "root");
      g_assert_false (save_password (f, "HVM-A01", 1, "s3cret-guest", &error));
      g_assert_error (error, BN_ERROR, BN_ERROR_UNREACHABLE);
      g_assert_nonnull (strstr (error->message, "keyring"));
      assert_password (f, "HVM-A01", 1, NULL);
      g_assert_true (bn_guest_settings_lookup (settings (f), "HVM-A01", 1, guest, NULL));
      g_assert_cmpstr (guest->guest_user, ==, "root");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/guest-password/keyring", Fixture, NULL, fixture_setup, test_keyring,
              fixture_teardown);
  g_test_add ("/guest-password/fill-request", Fixture, NULL, fixture_setup, test_fill_request,
              fixture_teardown);
  g_test_add ("/guest-password/no-keyring", Fixture, NULL, fixture_setup, test_no_keyring,
              fixture_teardown);

  return g_test_run ();
}
