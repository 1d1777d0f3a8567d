/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "bn-migration-request.h"
#include "bn-store.h"

G_BEGIN_DECLS

#define BN_TYPE_GUEST_SETTINGS (bn_guest_settings_get_type ())

G_DECLARE_FINAL_TYPE (BnGuestSettings, bn_guest_settings, BN, GUEST_SETTINGS, GObject)

/* The Guest OS Information for remote shutdown (§4.2.1) saved per LPAR — OS type, address,
 * port, user, key file, forced shutdown, and the password in the user's keyring (Secret
 * Service), never in the database — which moves with the LPAR when a migration succeeds and
 * stays where it was when one fails (§5.13). */

BnGuestSettings *bn_guest_settings_new    (BnStore                  *store);
/* Fills the guest_* fields of @request from what is saved for HVM_ID #LPAR; FALSE (and
 * @request untouched) when nothing is. */
gboolean         bn_guest_settings_lookup (BnGuestSettings          *self,
                                           const char               *hvm_id,
                                           guint                     lpar,
                                           BnMigrationRequest       *request,
                                           GError                  **error);
gboolean         bn_guest_settings_save   (BnGuestSettings          *self,
                                           const char               *hvm_id,
                                           guint                     lpar,
                                           const BnMigrationRequest *request,
                                           GError                  **error);
gboolean         bn_guest_settings_forget (BnGuestSettings          *self,
                                           const char               *hvm_id,
                                           guint                     lpar,
                                           GError                  **error);
void             bn_guest_settings_save_password_async    (BnGuestSettings      *self,
                                                           const char           *hvm_id,
                                                           guint                 lpar,
                                                           const char           *password,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean         bn_guest_settings_save_password_finish   (BnGuestSettings      *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
void             bn_guest_settings_lookup_password_async  (BnGuestSettings      *self,
                                                           const char           *hvm_id,
                                                           guint                 lpar,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
char            *bn_guest_settings_lookup_password_finish (BnGuestSettings      *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
void             bn_guest_settings_fill_request_async     (BnGuestSettings      *self,
                                                           BnMigrationRequest   *request,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean         bn_guest_settings_fill_request_finish    (BnGuestSettings      *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
/* The LPAR moved: its information follows it (replacing what the destination slot had). */
gboolean         bn_guest_settings_move   (BnGuestSettings          *self,
                                           const char               *from_hvm,
                                           guint                     from_lpar,
                                           const char               *to_hvm,
                                           guint                     to_lpar,
                                           GError                  **error);

G_END_DECLS
