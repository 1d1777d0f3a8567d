/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-guest-settings"

#include "config.h"

#include <glib/gi18n-lib.h>

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
                            "INSERT OR REPLACE INTO guest_shutdown (hvm_id, lpar_number, os, "
                            "address, port, user_id, key_file, forced) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
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

  g_return_val_if_fail (BN_IS_GUEST_SETTINGS (self), FALSE);

  stmt = _bn_store_prepare (self->store, "DELETE FROM guest_shutdown "
                            "WHERE hvm_id = ? AND lpar_number = ?", error);
  if (stmt == NULL)
    return FALSE;
  _bn_store_bind_text (stmt, 1, hvm_id);
  sqlite3_bind_int64 (stmt, 2, lpar);
  return _bn_store_step_done (self->store, stmt, error);
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
