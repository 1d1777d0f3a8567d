/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-hvmsh-backend"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bn-error.h"
#include "bn-hvmsh-backend.h"

/* The Virtage driver: each backend operation is one HvmSh-style request
 * (docs/hvmsh-protocol.md). */

struct _BnHvmshBackend
{
  GObject        parent_instance;
  BnHvmshClient *client;
};

enum {
  PROP_0,
  PROP_FINGERPRINT,
  N_PROPS
};

static void backend_iface_init (BnBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BnHvmshBackend, bn_hvmsh_backend, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (BN_TYPE_BACKEND, backend_iface_init))

static void
bn_hvmsh_backend_dispose (GObject *object)
{
  BnHvmshBackend *self = (BnHvmshBackend *) object;

  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (bn_hvmsh_backend_parent_class)->dispose (object);
}

static void
bn_hvmsh_backend_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BnHvmshBackend *self = BN_HVMSH_BACKEND (object);

  switch (prop_id)
    {
    case PROP_FINGERPRINT:
      g_value_set_string (value, bn_hvmsh_client_get_fingerprint (self->client));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bn_hvmsh_backend_class_init (BnHvmshBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bn_hvmsh_backend_dispose;
  object_class->get_property = bn_hvmsh_backend_get_property;
  g_object_class_override_property (object_class, PROP_FINGERPRINT, "fingerprint");
}

static void
bn_hvmsh_backend_init (BnHvmshBackend *self)
{
}

static void
client_fingerprint_cb (BnHvmshBackend *self)
{
  g_object_notify (G_OBJECT (self), "fingerprint");
}

BnBackend *
bn_hvmsh_backend_new (const BnBackendEndpoint *endpoint)
{
  BnHvmshBackend *self = g_object_new (BN_TYPE_HVMSH_BACKEND, NULL);

  self->client = bn_hvmsh_client_new (endpoint->address, endpoint->port);
  bn_hvmsh_client_set_fingerprint (self->client, endpoint->fingerprint);
  bn_hvmsh_client_set_local_address (self->client, endpoint->local_address);
  bn_hvmsh_client_set_timeout (self->client, endpoint->timeout_ms);
  g_signal_connect_swapped (self->client, "notify::fingerprint",
                            G_CALLBACK (client_fingerprint_cb), self);
  return BN_BACKEND (self);
}

BnHvmshClient *
bn_hvmsh_backend_get_client (BnHvmshBackend *self)
{
  return self->client;
}

/* Turns a reply into its data object, or a GError carrying the blade's message. */
static JsonNode *
reply_data (BnReply  *reply,
            GError  **error)
{
  JsonNode *node;

  if (!bn_hvmsh_reply_to_error (reply, error))
    return NULL;
  node = json_object_get_member (json_node_get_object (reply->root), "data");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, BN_ERROR, BN_ERROR_INVALID_DATA, _("The reply carries no data"));
      return NULL;
    }
  return json_node_ref (node);
}

/* Sends REQUEST for a task tagged SOURCE_TAG; REPLY_CB gets the task. */
static void
send_request (BnHvmshBackend      *self,
              BnRequest           *request,
              gpointer             source_tag,
              GAsyncReadyCallback  reply_cb,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  bn_hvmsh_client_call_async (self->client, request, cancellable, reply_cb, task);
}

/* The reply's data object, or NULL with TASK completed by the error. */
static JsonNode *
finish_data (GObject      *client,
             GAsyncResult *result,
             GTask        *task)
{
  g_autoptr(BnReply) reply = NULL;
  JsonNode *data = NULL;
  GError *error = NULL;

  reply = bn_hvmsh_client_call_finish (BN_HVMSH_CLIENT (client), result, &error);
  if (reply == NULL || (data = reply_data (reply, &error)) == NULL)
    g_task_return_error (task, error);
  return data;
}

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  JsonNode *data = finish_data (object, result, task);

  if (data != NULL)
    g_task_return_pointer (task, data, (GDestroyNotify) json_node_unref);
}

static void
bn_hvmsh_backend_fetch_async (BnBackend           *backend,
                              guint64              known_generation,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(BnRequest) request = bn_request_new (BN_VERB_GET, "HvmConfig");

  if (known_generation > 0)
    bn_request_add_uint (request, "if_generation", known_generation);
  send_request (BN_HVMSH_BACKEND (backend), request, bn_hvmsh_backend_fetch_async, fetch_cb,
                cancellable, callback, user_data);
}

static JsonNode *
bn_hvmsh_backend_fetch_finish (BnBackend     *backend,
                               GAsyncResult  *result,
                               gboolean      *unchanged,
                               GError       **error)
{
  g_autoptr(JsonNode) data = g_task_propagate_pointer (G_TASK (result), error);
  JsonObject *obj;

  *unchanged = FALSE;
  if (data == NULL)
    return NULL;
  obj = json_node_get_object (data);
  if (json_object_get_size (obj) <= 2 && json_object_has_member (obj, "unchanged"))
    {
      *unchanged = TRUE;
      return NULL;
    }
  return g_steal_pointer (&data);
}

static void
logs_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) data = finish_data (object, result, task);
  JsonNode *logs;

  if (data == NULL)
    return;
  logs = json_object_get_member (json_node_get_object (data), "logs");
  if (logs == NULL || !JSON_NODE_HOLDS_ARRAY (logs))
    {
      g_task_return_new_error (task, BN_ERROR, BN_ERROR_INVALID_DATA,
                               _("The SystemLogs reply has no “logs” array"));
      return;
    }
  g_task_return_pointer (task, json_array_ref (json_node_get_array (logs)),
                         (GDestroyNotify) json_array_unref);
}

static void
bn_hvmsh_backend_logs_async (BnBackend           *backend,
                             guint64              since,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(BnRequest) request = bn_request_new (BN_VERB_GET, "SystemLogs");

  bn_request_add_uint (request, "since", since);
  send_request (BN_HVMSH_BACKEND (backend), request, bn_hvmsh_backend_logs_async, logs_cb,
                cancellable, callback, user_data);
}

static JsonArray *
bn_hvmsh_backend_logs_finish (BnBackend     *backend,
                              GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The driver table: each operation is one HvmSh-style request. */
static const struct {
  BnVerb      verb;
  const char *command;
} ops[] = {
  [BN_BACKEND_OP_ACTIVATE_LPAR] = { BN_VERB_OPERATE, "LparActivate" },
  [BN_BACKEND_OP_DEACTIVATE_LPAR] = { BN_VERB_OPERATE, "LparDeactivate" },
  [BN_BACKEND_OP_SAVE_CONFIG] = { BN_VERB_OPERATE, "SaveConfig" },
  [BN_BACKEND_OP_GET_LPAR] = { BN_VERB_GET, "LparConfig" },
  [BN_BACKEND_OP_MIGRATION_BEGIN] = { BN_VERB_OPERATE, "MigrationBegin" },
  [BN_BACKEND_OP_MIGRATION_END] = { BN_VERB_OPERATE, "MigrationEnd" },
  [BN_BACKEND_OP_BACKUP_DUMP] = { BN_VERB_OPERATE, "BackupDump" },
  [BN_BACKEND_OP_SAVE_LPAR_CONFIG] = { BN_VERB_OPERATE, "SaveLparConfig" },
  [BN_BACKEND_OP_DEFINE_LPAR] = { BN_VERB_OPERATE, "LparDefine" },
  [BN_BACKEND_OP_TRANSFER_START] = { BN_VERB_OPERATE, "MigrationTransfer" },
  [BN_BACKEND_OP_TRANSFER_STATUS] = { BN_VERB_GET, "MigrationStatus" },
  [BN_BACKEND_OP_TRANSFER_EXTEND] = { BN_VERB_OPERATE, "MigrationExtend" },
  [BN_BACKEND_OP_TRANSFER_CANCEL] = { BN_VERB_OPERATE, "MigrationCancel" },
  [BN_BACKEND_OP_REHEARSAL] = { BN_VERB_OPERATE, "MigrationRehearsal" },
  [BN_BACKEND_OP_CONNECTIVITY_TEST] = { BN_VERB_OPERATE, "ConnectivityTest" },
  [BN_BACKEND_OP_RECOVER_LPAR] = { BN_VERB_OPERATE, "LparRecover" },
  [BN_BACKEND_OP_ROLLBACK_WWN] = { BN_VERB_OPERATE, "WwnRollback" },
  [BN_BACKEND_OP_SET_MIGRATION_PATHS] = { BN_VERB_SET, "MigrationPaths" },
  [BN_BACKEND_OP_HAND_OVER] = { BN_VERB_OPERATE, "MigrationHandOver" },
  [BN_BACKEND_OP_COMMIT] = { BN_VERB_OPERATE, "MigrationCommit" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (ops) == BN_BACKEND_N_OPS);

/* Scalars travel as their text; objects and arrays as compact JSON in a quoted value. */
static gboolean
add_args (BnRequest   *request,
          JsonObject  *args,
          GError     **error)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if (args == NULL)
    return TRUE;
  json_object_iter_init (&iter, args);
  while (json_object_iter_next (&iter, &key, &value))
    {
      g_autofree char *text = NULL;

      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        text = g_strdup (json_node_get_string (value));
      else if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_BOOLEAN)
        text = g_strdup (json_node_get_boolean (value) ? "true" : "false");
      else if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_INT64)
        text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
      else if (JSON_NODE_HOLDS_NULL (value))
        continue;
      else
        text = json_to_string (value, FALSE);
      if (!bn_request_add (request, key, text, error))
        return FALSE;
    }
  return TRUE;
}

static void
call_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(BnReply) reply = NULL;
  GError *error = NULL;

  reply = bn_hvmsh_client_call_finish (BN_HVMSH_CLIENT (object), result, &error);
  if (reply == NULL || !bn_hvmsh_reply_to_error (reply, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, reply->data ? json_object_ref (reply->data) : json_object_new (),
                         (GDestroyNotify) json_object_unref);
}

static void
bn_hvmsh_backend_call_async (BnBackend           *backend,
                             BnBackendOp          op,
                             JsonObject          *args,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  BnHvmshBackend *self = BN_HVMSH_BACKEND (backend);
  g_autoptr(BnRequest) request = bn_request_new (ops[op].verb, ops[op].command);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, bn_hvmsh_backend_call_async);
  if (!add_args (request, args, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  bn_hvmsh_client_call_async (self->client, request, cancellable, call_cb,
                              g_steal_pointer (&task));
}

static JsonObject *
bn_hvmsh_backend_call_finish (BnBackend     *backend,
                              GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
bn_hvmsh_backend_set_timeout (BnBackend *backend,
                              guint      timeout_ms)
{
  bn_hvmsh_client_set_timeout (BN_HVMSH_BACKEND (backend)->client, timeout_ms);
}

static void
bn_hvmsh_backend_set_local_address (BnBackend  *backend,
                                    const char *address)
{
  bn_hvmsh_client_set_local_address (BN_HVMSH_BACKEND (backend)->client, address);
}

static const char *
bn_hvmsh_backend_get_fingerprint (BnBackend *backend)
{
  return bn_hvmsh_client_get_fingerprint (BN_HVMSH_BACKEND (backend)->client);
}

static void
bn_hvmsh_backend_disconnect (BnBackend *backend)
{
  bn_hvmsh_client_disconnect (BN_HVMSH_BACKEND (backend)->client);
}

static void
backend_iface_init (BnBackendInterface *iface)
{
  iface->fetch_async = bn_hvmsh_backend_fetch_async;
  iface->fetch_finish = bn_hvmsh_backend_fetch_finish;
  iface->logs_async = bn_hvmsh_backend_logs_async;
  iface->logs_finish = bn_hvmsh_backend_logs_finish;
  iface->call_async = bn_hvmsh_backend_call_async;
  iface->call_finish = bn_hvmsh_backend_call_finish;
  iface->set_timeout = bn_hvmsh_backend_set_timeout;
  iface->set_local_address = bn_hvmsh_backend_set_local_address;
  iface->get_fingerprint = bn_hvmsh_backend_get_fingerprint;
  iface->disconnect = bn_hvmsh_backend_disconnect;
}
