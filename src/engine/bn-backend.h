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

/* Operations on one HVM, named for what they do, not for how a driver does it.  Arguments
 * and results are JSON objects, documented per operation in docs/architecture.md; the
 * hvmsh driver maps each to one request (docs/hvmsh-protocol.md). */
typedef enum
{
  BN_BACKEND_OP_ACTIVATE_LPAR,         /* lpar */
  BN_BACKEND_OP_DEACTIVATE_LPAR,       /* lpar, force? */
  BN_BACKEND_OP_SAVE_CONFIG,
  BN_BACKEND_OP_GET_LPAR,              /* lpar → the LPAR object */
  BN_BACKEND_OP_MIGRATION_BEGIN,       /* migration, role, mode, lpar, peer → */
  BN_BACKEND_OP_MIGRATION_END,         /* migration, result */
  BN_BACKEND_OP_BACKUP_DUMP,           /* migration */
  BN_BACKEND_OP_SAVE_LPAR_CONFIG,      /* migration */
  BN_BACKEND_OP_DEFINE_LPAR,           /* migration, lpar, config, mode → identity */
  BN_BACKEND_OP_TRANSFER_START,        /* migration, peer_ip, timeout, max_suspend_ms */
  BN_BACKEND_OP_TRANSFER_STATUS,       /* migration → the transfer's state and counters */
  BN_BACKEND_OP_TRANSFER_EXTEND,       /* migration, seconds */
  BN_BACKEND_OP_TRANSFER_CANCEL,       /* migration */
  BN_BACKEND_OP_REHEARSAL,             /* lpar, peer_ip, dst_lpar → */
  BN_BACKEND_OP_CONNECTIVITY_TEST,     /* peer_ip → throughput, round trip */
  BN_BACKEND_OP_RECOVER_LPAR,          /* lpar */
  BN_BACKEND_OP_ROLLBACK_WWN,          /* lpar */
  BN_BACKEND_OP_SET_MIGRATION_PATHS,   /* paths */
  BN_BACKEND_OP_HAND_OVER,             /* migration → the LPAR's configuration (Shutdown) */
  BN_BACKEND_OP_COMMIT,                /* migration, identity */
  BN_BACKEND_N_OPS
} BnBackendOp;

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
  void        (*call_async)         (BnBackend            *self,
                                     BnBackendOp           op,
                                     JsonObject           *args,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
  JsonObject *(*call_finish)        (BnBackend            *self,
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
void        bn_backend_call_async         (BnBackend               *self,
                                           BnBackendOp              op,
                                           JsonObject              *args,
                                           GCancellable            *cancellable,
                                           GAsyncReadyCallback      callback,
                                           gpointer                 user_data);
JsonObject *bn_backend_call_finish        (BnBackend               *self,
                                           GAsyncResult            *result,
                                           GError                 **error);
void        bn_backend_call_return_boolean_cb (GObject             *object,
                                               GAsyncResult        *result,
                                               gpointer             user_data);
const char *bn_backend_op_to_string       (BnBackendOp              op);
void        bn_backend_set_timeout        (BnBackend               *self,
                                           guint                    timeout_ms);
void        bn_backend_set_local_address  (BnBackend               *self,
                                           const char              *address);
const char *bn_backend_get_fingerprint    (BnBackend               *self);
void        bn_backend_disconnect         (BnBackend               *self);

G_END_DECLS
