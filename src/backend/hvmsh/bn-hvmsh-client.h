/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bn-protocol.h"

G_BEGIN_DECLS

#define BN_TYPE_HVMSH_CLIENT (bn_hvmsh_client_get_type ())

G_DECLARE_FINAL_TYPE (BnHvmshClient, bn_hvmsh_client, BN, HVMSH_CLIENT, GObject)

BnHvmshClient *bn_hvmsh_client_new             (const char          *address,
                                                guint                port);
const char    *bn_hvmsh_client_get_address     (BnHvmshClient       *self);
guint          bn_hvmsh_client_get_port        (BnHvmshClient       *self);
void           bn_hvmsh_client_set_fingerprint (BnHvmshClient       *self,
                                                const char          *fingerprint);
const char    *bn_hvmsh_client_get_fingerprint (BnHvmshClient       *self);
void           bn_hvmsh_client_set_local_address (BnHvmshClient     *self,
                                                const char          *address);
void           bn_hvmsh_client_set_timeout     (BnHvmshClient       *self,
                                                guint                timeout_ms);
void           bn_hvmsh_client_call_async      (BnHvmshClient       *self,
                                                BnRequest           *request,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
BnReply       *bn_hvmsh_client_call_finish     (BnHvmshClient       *self,
                                                GAsyncResult        *result,
                                                GError             **error);
void           bn_hvmsh_client_disconnect      (BnHvmshClient       *self);
gboolean       bn_hvmsh_reply_to_error         (const BnReply       *reply,
                                                GError             **error);

G_END_DECLS
