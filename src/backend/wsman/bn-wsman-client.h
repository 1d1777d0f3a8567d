/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bn-wsman-envelope.h"

G_BEGIN_DECLS

#define BN_WSMAN_DEFAULT_PORT 5985

#define BN_TYPE_WSMAN_CLIENT (bn_wsman_client_get_type ())

G_DECLARE_FINAL_TYPE (BnWsmanClient, bn_wsman_client, BN, WSMAN_CLIENT, GObject)

BnWsmanClient *bn_wsman_client_new                   (const char          *address,
                                                      guint                port,
                                                      const char          *user,
                                                      const char          *password);
const char    *bn_wsman_client_get_address           (BnWsmanClient       *self);
guint          bn_wsman_client_get_port              (BnWsmanClient       *self);
const char    *bn_wsman_client_get_user              (BnWsmanClient       *self);
const char    *bn_wsman_client_get_uri               (BnWsmanClient       *self);
guint          bn_wsman_client_get_timeout_ms        (BnWsmanClient       *self);
void           bn_wsman_client_set_timeout_ms        (BnWsmanClient       *self,
                                                      guint                timeout_ms);

void           bn_wsman_client_invoke_async          (BnWsmanClient       *self,
                                                      const char          *resource_uri,
                                                      const char          *method,
                                                      const char * const  *params,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
GHashTable    *bn_wsman_client_invoke_finish         (BnWsmanClient       *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

void           bn_wsman_client_win32_shutdown_async  (BnWsmanClient       *self,
                                                      guint                flags,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean       bn_wsman_client_win32_shutdown_finish (BnWsmanClient       *self,
                                                      GAsyncResult        *result,
                                                      guint               *return_value,
                                                      GError             **error);

G_END_DECLS
