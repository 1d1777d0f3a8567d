/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-guest-settings"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "bn-error.h"
#include "bn-guest-settings.h"
#include "bn-store-private.h"

struct _BnGuestSettings
{
  GObject  parent_instance;

  BnStore *store;
};

G_DEFINE_FINAL_TYPE (BnGuestSettings, bn_guest_settings, G_TYPE_OBJECT)

static void
bn_guest_settings_finalize (GObject *object)
{
  BnGuestSettings *self = (BnGuestSettings *) object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (bn_guest_settings_parent_class)->finalize (object);
}

static void
bn_guest_settings_class_init (BnGuestSettingsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bn_guest_settings_finalize;
}

static void
bn_guest_settings_init (BnGuestSettings *self)
{
}

/* The keyring item of a saved password: a random ID, so that it follows its row. */
static const SecretSchema *
guest_password_schema (void)
{
  static const SecretSchema schema = {
    "io.github.bladenav.Navigator.GuestPassword", SECRET_SCHEMA_NONE,
    { { "id", SECRET_SCHEMA_ATTRIBUTE_STRING }, { NULL, 0 } },
  };

  return &schema;
}

/* Whether a row is saved for HVM_ID #LPAR (@found may be NULL: then a missing row is
 * BN_ERROR_NOT_FOUND), and its secret_id (NULL: no password saved). */
static gboolean
read_secret_id (BnGuestSettings  *self,
                const char       *hvm_id,
                guint             lpar,
                gboolean         *found,
                char            **secret_id,
                GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    _bn_store_prepare (self->store, "SELECT secret_id FROM guest_shutdown "
                       "WHERE hvm_id = ? AND lpar_number = ?", error);
  int rc;

  *secret_id = NULL;
  if (stmt == NULL)
    return FALSE;
  _bn_store_bind_text (stmt, 1, hvm_id);
  sqlite3_bind_int64 (stmt, 2, lpar);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *secret_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    return _bn_store_fail (self->store, error, "read the Guest OS Information");
  if (found != NULL)
    *found = rc == SQLITE_ROW;
  else if (rc == SQLITE_DONE)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_NOT_FOUND,
                   _("No Guest OS Information is saved for %s #%u"), hvm_id, lpar);
      return FALSE;
    }
  return TRUE;
}

/* A keyring item whose row is gone: failing to remove it leaves a stray secret nobody
 * reads, not a wrong one. */
static void
password_cleared_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!secret_password_clear_finish (result, &error) && error != NULL)
    g_debug ("a guest password left in the keyring: %s", error->message);
}

BnGuestSettings *
bn_guest_settings_new (BnStore *store)
{
  BnGuestSettings *self;

  g_return_val_if_fail (BN_IS_STORE (store), NULL);

  self = g_object_new (BN_TYPE_GUEST_SETTINGS, NULL);
  self->store = g_object_ref (store);
  return self;
}

gboolean
bn_guest_settings_lookup (BnGuestSettings     *self,
                          const char          *hvm_id,
                          guint                lpar,
                          BnMigrationRequest  *request,
                          GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (BN_IS_GUEST_SETTINGS (self), FALSE);
  g_return_val_if_fail (request != NULL, FALSE);

  stmt = _bn_store_prepare (self->store,
                            "SELECT os, address, port, user_id, key_file, forced "
                            "FROM guest_shutdown WHERE hvm_id = ? AND lpar_number = ?", error);
  if (stmt == NULL)
    return FALSE;
  _bn_store_bind_text (stmt, 1, hvm_id);
  sqlite3_bind_int64 (stmt, 2, lpar);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return FALSE;
  if (rc != SQLITE_ROW)
    return _bn_store_fail (self->store, error, "read the Guest OS Information");
  request->guest_os = g_str_equal ((const char *) sqlite3_column_text (stmt, 0), "windows")
                      ? BN_GUEST_OS_WINDOWS : BN_GUEST_OS_LINUX;
  g_free (request->guest_address);
  request->guest_address = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  request->guest_port = sqlite3_column_int (stmt, 2);
  g_free (request->guest_user);
  request->guest_user = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  g_free (request->guest_key_file);
  request->guest_key_file = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  request->forced_shutdown = sqlite3_column_int (stmt, 5) != 0;
  return TRUE;
}

gboolean
bn_guest_settings_save (BnGuestSettings           *self,
                        const char                *hvm_id,
                        guint                      lpar,
                        const BnMigrationRequest  *request,
                        GError                   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BN_IS_GUEST_SETTINGS (self), FALSE);
  g_return_val_if_fail (request != NULL, FALSE);

  if (hvm_id == NULL || lpar == 0 || request->guest_address == NULL ||
      !g_hostname_is_ip_address (request->guest_address) || request->guest_user == NULL ||
      *request->guest_user == '\0')
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                   _("The Guest OS Information needs an LPAR, an IP address and a User ID"));
      return FALSE;
    }
  stmt = _bn_store_prepare (self->store,
                            "INSERT INTO guest_shutdown (hvm_id, lpar_number, os, "
                            "address, port, user_id, key_file, forced) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                            /* an update keeps the saved password's secret_id */
                            "ON CONFLICT (hvm_id, lpar_number) DO UPDATE SET os = excluded.os, "
                            "address = excluded.address, port = excluded.port, "
                            "user_id = excluded.user_id, key_file = excluded.key_file, "
                            "forced = excluded.forced", error);
  if (stmt == NULL)
    return FALSE;
  _bn_store_bind_text (stmt, 1, hvm_id);
  sqlite3_bind_int64 (stmt, 2, lpar);
  sqlite3_bind_text (stmt, 3, request->guest_os == BN_GUEST_OS_WINDOWS ? "windows" : "linux",
                     -1, SQLITE_STATIC);
  _bn_store_bind_text (stmt, 4, request->guest_address);
  sqlite3_bind_int64 (stmt, 5, request->guest_port);
  _bn_store_bind_text (stmt, 6, request->guest_user);
  _bn_store_bind_text (stmt, 7, request->guest_key_file);
  sqlite3_bind_int (stmt, 8, request->forced_shutdown);
  return _bn_store_step_done (self->store, stmt, error);
}

gboolean
bn_guest_settings_forget (BnGuestSettings  *self,
                          const char       *hvm_id,
                          guint             lpar,
                          GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *secret_id = NULL;
  gboolean found;

  g_return_val_if_fail (BN_IS_GUEST_SETTINGS (self), FALSE);

  if (!read_secret_id (self, hvm_id, lpar, &found, &secret_id, error))
    return FALSE;
  stmt = _bn_store_prepare (self->store, "DELETE FROM guest_shutdown "
                            "WHERE hvm_id = ? AND lpar_number = ?", error);
  if (stmt == NULL)
    return FALSE;
  _bn_store_bind_text (stmt, 1, hvm_id);
  sqlite3_bind_int64 (stmt, 2, lpar);
  if (!_bn_store_step_done (self->store, stmt, error))
    return FALSE;
  if (secret_id != NULL)
    secret_password_clear (guest_password_schema (), NULL, password_cleared_cb, NULL,
                           "id", secret_id, NULL);
  return TRUE;
}

gboolean
bn_guest_settings_move (BnGuestSettings  *self,
                        const char       *from_hvm,
                        guint             from_lpar,
                        const char       *to_hvm,
                        guint             to_lpar,
                        GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BN_IS_GUEST_SETTINGS (self), FALSE);

  /* a stale row at the destination slot belonged to an LPAR no longer there */
  if (!bn_guest_settings_forget (self, to_hvm, to_lpar, error))
    return FALSE;
  stmt = _bn_store_prepare (self->store, "UPDATE guest_shutdown SET hvm_id = ?, "
                            "lpar_number = ? WHERE hvm_id = ? AND lpar_number = ?", error);
  if (stmt == NULL)
    return FALSE;
  _bn_store_bind_text (stmt, 1, to_hvm);
  sqlite3_bind_int64 (stmt, 2, to_lpar);
  _bn_store_bind_text (stmt, 3, from_hvm);
  sqlite3_bind_int64 (stmt, 4, from_lpar);
  return _bn_store_step_done (self->store, stmt, error);
}

/* ---- the password, in the Secret Service ---- */

typedef struct
{
  BnGuestSettings *self;
  char            *hvm_id;
  guint            lpar;
  char            *secret_id;
} PasswordData;

static void
password_data_free (PasswordData *data)
{
  g_clear_object (&data->self);
  g_free (data->hvm_id);
  g_free (data->secret_id);
  g_free (data);
}

/* No Secret Service, a locked keyring: say what was not saved, in the user's words. */
static GError *
keyring_error (const GError *error)
{
  return g_error_new (BN_ERROR, BN_ERROR_UNREACHABLE,
                      _("The guest password could not be saved or read: no keyring (Secret "
                        "Service) is available (%s)"), error->message);
}

static gboolean
set_secret_id (BnGuestSettings  *self,
               const char       *hvm_id,
               guint             lpar,
               const char       *secret_id,
               GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    _bn_store_prepare (self->store, "UPDATE guest_shutdown SET secret_id = ? "
                       "WHERE hvm_id = ? AND lpar_number = ?", error);

  if (stmt == NULL)
    return FALSE;
  _bn_store_bind_text (stmt, 1, secret_id);
  _bn_store_bind_text (stmt, 2, hvm_id);
  sqlite3_bind_int64 (stmt, 3, lpar);
  return _bn_store_step_done (self->store, stmt, error);
}

static void
password_stored_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PasswordData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, keyring_error (error));
  /* the keyring holds it: only now does the row name it */
  else if (!set_secret_id (data->self, data->hvm_id, data->lpar, data->secret_id, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
password_removed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PasswordData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, keyring_error (error));
  else if (!set_secret_id (data->self, data->hvm_id, data->lpar, NULL, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Saves PASSWORD for the Guest OS Information saved for HVM_ID #LPAR (save that first), in
 * the user's keyring; NULL or "" removes a saved one.  When the keyring fails, what was
 * saved before stays as it was. */
void
bn_guest_settings_save_password_async (BnGuestSettings     *self,
                                       const char          *hvm_id,
                                       guint                lpar,
                                       const char          *password,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(BnMigrationRequest) guest = bn_migration_request_new (BN_OPERATION_MIGRATION);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  PasswordData *data;

  g_return_if_fail (BN_IS_GUEST_SETTINGS (self));

  g_task_set_source_tag (task, bn_guest_settings_save_password_async);
  data = g_new0 (PasswordData, 1);
  data->self = g_object_ref (self);
  data->hvm_id = g_strdup (hvm_id);
  data->lpar = lpar;
  g_task_set_task_data (task, data, (GDestroyNotify) password_data_free);
  if (!read_secret_id (self, hvm_id, lpar, NULL, &data->secret_id, &error) ||
      !bn_guest_settings_lookup (self, hvm_id, lpar, guest, &error))
    {
      g_task_return_error (g_steal_pointer (&task), g_steal_pointer (&error));
      return;
    }
  if (password == NULL || *password == '\0')
    {
      if (data->secret_id == NULL)
        g_task_return_boolean (g_steal_pointer (&task), TRUE);
      else
        secret_password_clear (guest_password_schema (), cancellable, password_removed_cb,
                               g_steal_pointer (&task), "id", data->secret_id, NULL);
      return;
    }
  if (data->secret_id == NULL)
    data->secret_id = g_uuid_string_random ();
  /* Translators: %s@%s is the guest's user and address, e.g. root@192.0.2.10 */
  label = g_strdup_printf (_("Blade Navigator: guest OS password of %s@%s"), guest->guest_user,
                           guest->guest_address);
  secret_password_store (guest_password_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                         cancellable, password_stored_cb, g_steal_pointer (&task),
                         "id", data->secret_id, NULL);
}

gboolean
bn_guest_settings_save_password_finish (BnGuestSettings  *self,
                                        GAsyncResult     *result,
                                        GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
password_found_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *password = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, keyring_error (error));
  else
    g_task_return_pointer (task, password, (GDestroyNotify) secret_password_free);
}

/* The password saved for HVM_ID #LPAR: NULL without an error when none is (the keyring is
 * then not asked). */
void
bn_guest_settings_lookup_password_async (BnGuestSettings     *self,
                                         const char          *hvm_id,
                                         guint                lpar,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  g_autofree char *secret_id = NULL;
  gboolean found;

  g_return_if_fail (BN_IS_GUEST_SETTINGS (self));

  g_task_set_source_tag (task, bn_guest_settings_lookup_password_async);
  if (!read_secret_id (self, hvm_id, lpar, &found, &secret_id, &error))
    g_task_return_error (g_steal_pointer (&task), g_steal_pointer (&error));
  else if (secret_id == NULL)
    g_task_return_pointer (g_steal_pointer (&task), NULL, NULL);
  else
    secret_password_lookup (guest_password_schema (), cancellable, password_found_cb,
                            g_steal_pointer (&task), "id", secret_id, NULL);
}

/* A string to free with secret_password_free() (it wipes the memory), or NULL. */
char *
bn_guest_settings_lookup_password_finish (BnGuestSettings  *self,
                                          GAsyncResult     *result,
                                          GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
fill_password_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BnMigrationRequest *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *password = bn_guest_settings_lookup_password_finish (BN_GUEST_SETTINGS (object), result,
                                                             &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* a key file may still let the console in: say why there is no password, and go on */
  if (error != NULL)
    g_message ("%s", error->message);
  request->guest_password = g_strdup (password);
  secret_password_free (password);
  g_task_return_boolean (task, TRUE);
}

/* A Shutdown move with the Guest OS Information saved for its source LPAR (bnctl migrate
 * --saved-guest, a policy's Shutdown entry): fills @request's guest fields and
 * shutdown_guest, and its password from the keyring unless it has one.  @request must
 * outlive the call.  Finishes FALSE without an error when nothing is saved. */
void
bn_guest_settings_fill_request_async (BnGuestSettings     *self,
                                      BnMigrationRequest  *request,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (BN_IS_GUEST_SETTINGS (self));

  g_task_set_source_tag (task, bn_guest_settings_fill_request_async);
  g_task_set_task_data (task, request, NULL);
  if (!bn_guest_settings_lookup (self, request->source_hvm, request->source_lpar, request,
                                 &error))
    {
      if (error != NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_boolean (task, FALSE);
      return;
    }
  request->shutdown_guest = TRUE;
  if (request->guest_password != NULL)
    g_task_return_boolean (task, TRUE);
  else
    bn_guest_settings_lookup_password_async (self, request->source_hvm, request->source_lpar,
                                             cancellable, fill_password_cb,
                                             g_steal_pointer (&task));
}

gboolean
bn_guest_settings_fill_request_finish (BnGuestSettings  *self,
                                       GAsyncResult     *result,
                                       GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
