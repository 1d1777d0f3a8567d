/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-backend"

#include "config.h"

#include "bn-backend.h"
#include "bn-error.h"
#include "bn-hvmsh-backend.h"

G_DEFINE_INTERFACE (BnBackend, bn_backend, G_TYPE_OBJECT)

/* The driver table: a new hypervisor kind is one more row here and a folder under
 * src/backend/, nothing else in the engine. */
static const BnBackendDriver drivers[] = {
  { "hvmsh", "Hitachi Virtage HVM (HvmSh-style protocol over TLS)", bn_hvmsh_backend_new },
};

static void
bn_backend_default_init (BnBackendInterface *iface)
{
  /* Emitted with the certificate fingerprint when a blade was trusted on first use. */
  g_object_interface_install_property (iface,
                                       g_param_spec_string ("fingerprint", NULL, NULL, NULL,
                                                            G_PARAM_READABLE |
                                                            G_PARAM_STATIC_STRINGS));
}

const BnBackendDriver *
bn_backend_lookup_driver (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (drivers); i++)
    if (g_strcmp0 (drivers[i].kind, kind) == 0)
      return &drivers[i];
  return NULL;
}

BnBackend *
bn_backend_new (const char               *kind,
                const BnBackendEndpoint  *endpoint,
                GError                  **error)
{
  const BnBackendDriver *driver = bn_backend_lookup_driver (kind);

  if (driver == NULL)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                   "Unknown hypervisor kind “%s”", kind);
      return NULL;
    }
  return driver->new_func (endpoint);
}

void
bn_backend_fetch_async (BnBackend           *self,
                        guint64              known_generation,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (BN_IS_BACKEND (self));
  BN_BACKEND_GET_IFACE (self)->fetch_async (self, known_generation, cancellable, callback,
                                            user_data);
}

JsonNode *
bn_backend_fetch_finish (BnBackend     *self,
                         GAsyncResult  *result,
                         gboolean      *unchanged,
                         GError       **error)
{
  gboolean dummy;

  g_return_val_if_fail (BN_IS_BACKEND (self), NULL);
  return BN_BACKEND_GET_IFACE (self)->fetch_finish (self, result,
                                                    unchanged ? unchanged : &dummy, error);
}

void
bn_backend_logs_async (BnBackend           *self,
                       guint64              since,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (BN_IS_BACKEND (self));
  BN_BACKEND_GET_IFACE (self)->logs_async (self, since, cancellable, callback, user_data);
}

JsonArray *
bn_backend_logs_finish (BnBackend     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (BN_IS_BACKEND (self), NULL);
  return BN_BACKEND_GET_IFACE (self)->logs_finish (self, result, error);
}

static const char *op_names[] = {
  "activate-lpar", "deactivate-lpar", "save-config", "get-lpar", "migration-begin",
  "migration-end", "backup-dump", "save-lpar-config", "define-lpar",
  "transfer-start", "transfer-status", "transfer-extend", "transfer-cancel", "rehearsal",
  "connectivity-test", "recover-lpar", "rollback-wwn", "set-migration-paths", "hand-over",
  "commit",
};

G_STATIC_ASSERT (G_N_ELEMENTS (op_names) == BN_BACKEND_N_OPS);

const char *
bn_backend_op_to_string (BnBackendOp op)
{
  g_return_val_if_fail (op < BN_BACKEND_N_OPS, NULL);
  return op_names[op];
}

void
bn_backend_call_async (BnBackend           *self,
                       BnBackendOp          op,
                       JsonObject          *args,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (BN_IS_BACKEND (self));
  g_return_if_fail (op < BN_BACKEND_N_OPS);
  BN_BACKEND_GET_IFACE (self)->call_async (self, op, args, cancellable, callback, user_data);
}

/* Returns the operation's result object (never NULL on success). */
JsonObject *
bn_backend_call_finish (BnBackend     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (BN_IS_BACKEND (self), NULL);
  return BN_BACKEND_GET_IFACE (self)->call_finish (self, result, error);
}

void
bn_backend_set_timeout (BnBackend *self,
                        guint      timeout_ms)
{
  g_return_if_fail (BN_IS_BACKEND (self));
  BN_BACKEND_GET_IFACE (self)->set_timeout (self, timeout_ms);
}

void
bn_backend_set_local_address (BnBackend  *self,
                              const char *address)
{
  g_return_if_fail (BN_IS_BACKEND (self));
  BN_BACKEND_GET_IFACE (self)->set_local_address (self, address);
}

const char *
bn_backend_get_fingerprint (BnBackend *self)
{
  g_return_val_if_fail (BN_IS_BACKEND (self), NULL);
  return BN_BACKEND_GET_IFACE (self)->get_fingerprint (self);
}

void
bn_backend_disconnect (BnBackend *self)
{
  g_return_if_fail (BN_IS_BACKEND (self));
  BN_BACKEND_GET_IFACE (self)->disconnect (self);
}

/* Completes the GTask given as user data with TRUE, or with the call's error: for the
 * operations whose reply says nothing more than "done". */
void
bn_backend_call_return_boolean_cb (GObject      *object,
                                   GAsyncResult *result,
                                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonObject) reply = NULL;
  GError *error = NULL;

  reply = bn_backend_call_finish (BN_BACKEND (object), result, &error);
  if (reply == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}
