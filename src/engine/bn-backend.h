/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define BN_TYPE_BACKEND (bn_backend_get_type ())

G_DECLARE_INTERFACE (BnBackend, bn_backend, BN, BACKEND, GObject)

/* How the engine reaches one HVM.  A driver per hypervisor kind implements this interface
 * (src/backend/<kind>/); the engine never looks at which kind it talks to.  Every method is
 * asynchronous, honours its GCancellable and the per-call timeout, and reports failures as
 * BN_ERROR GErrors whose message is meant for the operator. */

typedef struct
{
  const char *address;
  guint       port;
  const char *fingerprint;     /* pinned certificate, NULL: trust on first use */
  const char *local_address;   /* management LAN address to connect from (§4.1.2) */
  guint       timeout_ms;
} BnBackendEndpoint;

struct _BnBackendInterface
{
  GTypeInterface parent_iface;

  void        (*fetch_async)        (BnBackend            *self,
                                     guint64               known_generation,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
  JsonNode   *(*fetch_finish)       (BnBackend            *self,
                                     GAsyncResult         *result,
                                     gboolean             *unchanged,
                                     GError              **error);
  void        (*logs_async)         (BnBackend            *self,
                                     guint64               since,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
  JsonArray  *(*logs_finish)        (BnBackend            *self,
                                     GAsyncResult         *result,
                                     GError              **error);
  void        (*set_timeout)        (BnBackend            *self,
                                     guint                 timeout_ms);
  void        (*set_local_address)  (BnBackend            *self,
                                     const char           *address);
  const char *(*get_fingerprint)    (BnBackend            *self);
  void        (*disconnect)         (BnBackend            *self);
};

typedef BnBackend *(*BnBackendNewFunc) (const BnBackendEndpoint *endpoint);

typedef struct
{
  const char       *kind;
  const char       *description;
  BnBackendNewFunc  new_func;
} BnBackendDriver;

const BnBackendDriver *bn_backend_lookup_driver (const char              *kind);
BnBackend  *bn_backend_new                (const char              *kind,
                                           const BnBackendEndpoint *endpoint,
                                           GError                 **error);
void        bn_backend_fetch_async        (BnBackend               *self,
                                           guint64                  known_generation,
                                           GCancellable            *cancellable,
                                           GAsyncReadyCallback      callback,
                                           gpointer                 user_data);
JsonNode   *bn_backend_fetch_finish       (BnBackend               *self,
                                           GAsyncResult            *result,
                                           gboolean                *unchanged,
                                           GError                 **error);
void        bn_backend_logs_async         (BnBackend               *self,
                                           guint64                  since,
                                           GCancellable            *cancellable,
                                           GAsyncReadyCallback      callback,
                                           gpointer                 user_data);
JsonArray  *bn_backend_logs_finish        (BnBackend               *self,
                                           GAsyncResult            *result,
                                           GError                 **error);
void        bn_backend_set_timeout        (BnBackend               *self,
                                           guint                    timeout_ms);
void        bn_backend_set_local_address  (BnBackend               *self,
                                           const char              *address);
const char *bn_backend_get_fingerprint    (BnBackend               *self);
void        bn_backend_disconnect         (BnBackend               *self);

G_END_DECLS
