/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-wsman-client"

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "bn-wsman-client.h"

struct _BnWsmanClient
{
  GObject      parent_instance;

  char        *address;
  guint        port;
  char        *user;
  char        *password;
  char        *uri;
  guint        timeout_ms;
  SoupSession *session;
};

G_DEFINE_FINAL_TYPE (BnWsmanClient, bn_wsman_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ADDRESS,
  PROP_PORT,
  PROP_USER,
  PROP_PASSWORD,
  PROP_URI,
  PROP_TIMEOUT_MS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  SoupMessage  *message;
  GCancellable *cancellable;      /* ours: cancelled by the caller's one or the timer */
  GCancellable *caller_cancellable;
  gulong        caller_handler;
  GSource      *timeout_source;
  gboolean      timed_out;
  char         *user;
  char         *password;
  char         *method;
  char         *message_id;
  guint         timeout_ms;
} InvokeData;

static void
invoke_data_free (InvokeData *data)
{
  if (data->caller_handler != 0)
    g_cancellable_disconnect (data->caller_cancellable, data->caller_handler);
  g_clear_object (&data->caller_cancellable);
  if (data->timeout_source != NULL)
    {
      g_source_destroy (data->timeout_source);
      g_source_unref (data->timeout_source);
    }
  g_clear_object (&data->message);
  g_clear_object (&data->cancellable);
  g_free (data->user);
  g_clear_pointer (&data->password, g_free);
  g_free (data->method);
  g_free (data->message_id);
  g_free (data);
}

static void
caller_cancelled_cb (GCancellable *caller,
                     GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

static gboolean
timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  InvokeData *data = g_task_get_task_data (task);

  data->timed_out = TRUE;
  g_cancellable_cancel (data->cancellable);
  return G_SOURCE_REMOVE;
}

static gboolean
is_unreachable (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
         error->domain == G_RESOLVER_ERROR;
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  SoupSession *session = SOUP_SESSION (source);
  g_autoptr(GTask) task = user_data;
  BnWsmanClient *self = g_task_get_source_object (task);
  InvokeData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(BnWsmanEnvelope) env = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *expected = NULL;
  GHashTable *output;
  const char *body;
  gsize body_len = 0;
  guint status;

  bytes = soup_session_send_and_read_finish (session, result, &error);

  /* The timer holds a reference on the task: drop it now rather than when it fires. */
  if (data->timeout_source != NULL)
    {
      g_source_destroy (data->timeout_source);
      g_clear_pointer (&data->timeout_source, g_source_unref);
    }

  if (bytes == NULL)
    {
      if (data->timed_out)
        g_task_return_new_error (task, BN_WSMAN_ERROR, BN_WSMAN_ERROR_TIMEOUT,
                                 "No answer from %s within %u ms", self->uri, data->timeout_ms);
      else if (g_cancellable_is_cancelled (data->caller_cancellable))
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                 "The WS-Management call was cancelled");
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        g_task_return_new_error (task, BN_WSMAN_ERROR, BN_WSMAN_ERROR_TIMEOUT,
                                 "No answer from %s: %s", self->uri, error->message);
      else if (is_unreachable (error))
        g_task_return_new_error (task, BN_WSMAN_ERROR, BN_WSMAN_ERROR_UNREACHABLE,
                                 "Cannot reach %s: %s", self->uri, error->message);
      else if (error->domain == SOUP_SESSION_ERROR)
        g_task_return_new_error (task, BN_WSMAN_ERROR, BN_WSMAN_ERROR_MALFORMED,
                                 "Bad HTTP answer from %s: %s", self->uri, error->message);
      else
        g_task_return_new_error (task, BN_WSMAN_ERROR, BN_WSMAN_ERROR_FAILED,
                                 "WS-Management call to %s failed: %s", self->uri,
                                 error->message);
      return;
    }

  status = soup_message_get_status (data->message);
  body = g_bytes_get_data (bytes, &body_len);

  if (status == SOUP_STATUS_UNAUTHORIZED)
    {
      g_task_return_new_error (task, BN_WSMAN_ERROR, BN_WSMAN_ERROR_AUTH_FAILED,
                               "%s refused user “%s” (HTTP 401): check the user ID and "
                               "password, and that the account may use remote management",
                               self->uri, data->user);
      return;
    }

  if (body_len > 0)
    env = bn_wsman_envelope_parse (body, body_len, &parse_error);

  if (env != NULL && env->is_fault)
    {
      g_autofree char *text = bn_wsman_envelope_dup_fault_text (env);

      g_task_return_new_error (task, BN_WSMAN_ERROR, BN_WSMAN_ERROR_FAULT,
                               "%s answered %s with a fault: %s", self->uri, data->method, text);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_new_error (task, BN_WSMAN_ERROR, BN_WSMAN_ERROR_HTTP,
                               "%s answered HTTP %u %s", self->uri, status,
                               soup_message_get_reason_phrase (data->message));
      return;
    }

  if (env == NULL)
    {
      g_task_return_new_error (task, BN_WSMAN_ERROR, BN_WSMAN_ERROR_MALFORMED,
                               "Unusable answer from %s: %s", self->uri,
                               parse_error != NULL ? parse_error->message : "empty body");
      return;
    }

  expected = g_strconcat (data->method, "_OUTPUT", NULL);
  if (g_strcmp0 (env->body_name, expected) != 0)
    {
      g_task_return_new_error (task, BN_WSMAN_ERROR, BN_WSMAN_ERROR_MALFORMED,
                               "Unusable answer from %s: expected %s, got %s", self->uri,
                               expected, env->body_name);
      return;
    }
  if (env->relates_to != NULL && g_strcmp0 (env->relates_to, data->message_id) != 0)
    {
      g_task_return_new_error (task, BN_WSMAN_ERROR, BN_WSMAN_ERROR_MALFORMED,
                               "Unusable answer from %s: it relates to %s, not to %s",
                               self->uri, env->relates_to, data->message_id);
      return;
    }

  output = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < env->param_names->len; i++)
    g_hash_table_insert (output, g_strdup (g_ptr_array_index (env->param_names, i)),
                         g_strdup (g_ptr_array_index (env->param_values, i)));
  g_task_return_pointer (task, output, (GDestroyNotify) g_hash_table_unref);
}

/**
 * bn_wsman_client_invoke_async:
 * @resource_uri: the WMI class URI, e.g. %BN_WSMAN_RESOURCE_WIN32_OPERATING_SYSTEM
 * @method: the method name, e.g. "Win32Shutdown" (an identifier)
 * @params: (nullable) (array zero-terminated=1): input name, value, name, value, …, %NULL,
 *   sent in this order
 * @cancellable: (nullable): a #GCancellable
 *
 * Invokes a WS-Management custom action (POST of a SOAP 1.2 envelope to the /wsman
 * endpoint with HTTP Basic authentication), within the client's timeout. Must be called
 * from the thread that created the client; @callback runs in its thread-default context.
 */
void
bn_wsman_client_invoke_async (BnWsmanClient       *self,
                              const char          *resource_uri,
                              const char          *method,
                              const char * const  *params,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *uuid = NULL;
  g_autoptr(GError) error = NULL;
  InvokeData *data;
  char *xml;

  g_return_if_fail (BN_IS_WSMAN_CLIENT (self));
  g_return_if_fail (resource_uri != NULL);
  g_return_if_fail (method != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bn_wsman_client_invoke_async);
  g_task_set_name (task, "[bn-wsman] invoke");

  uri = g_uri_parse (self->uri, SOUP_HTTP_URI_FLAGS, &error);
  if (uri == NULL)
    {
      g_task_return_new_error (task, BN_WSMAN_ERROR, BN_WSMAN_ERROR_FAILED,
                               "Bad WS-Management address “%s”: %s", self->uri,
                               error->message);
      return;
    }

  data = g_new0 (InvokeData, 1);
  uuid = g_uuid_string_random ();
  data->message_id = g_strconcat ("uuid:", uuid, NULL);
  data->user = g_strdup (self->user);
  data->password = g_strdup (self->password);
  data->method = g_strdup (method);
  data->timeout_ms = self->timeout_ms;
  data->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) invoke_data_free);

  xml = bn_wsman_build_invoke (self->uri, resource_uri, method, params, data->message_id,
                               self->timeout_ms);
  if (xml == NULL)
    {
      g_task_return_new_error (task, BN_WSMAN_ERROR, BN_WSMAN_ERROR_FAILED,
                               "“%s” is not a valid method name", method);
      return;
    }
  body = g_bytes_new_take (xml, strlen (xml));

  data->message = soup_message_new_from_uri (SOUP_METHOD_POST, uri);
  soup_message_set_request_body_from_bytes (data->message, BN_WSMAN_CONTENT_TYPE, body);
  {
    g_autofree char *pair = g_strconcat (data->user, ":",
                                         data->password != NULL ? data->password : "", NULL);
    g_autofree char *b64 = g_base64_encode ((const guchar *) pair, strlen (pair));
    g_autofree char *value = g_strconcat ("Basic ", b64, NULL);

    /* Preemptive Basic, as WinRM clients send it. Letting SoupAuthManager answer the 401
     * instead costs a round trip, and libsoup 3.2 resends the POST without its body. */
    soup_message_headers_replace (soup_message_get_request_headers (data->message),
                                  "Authorization", value);
    explicit_bzero (pair, strlen (pair));
  }

  if (cancellable != NULL)
    {
      data->caller_cancellable = g_object_ref (cancellable);
      data->caller_handler = g_cancellable_connect (cancellable,
                                                    G_CALLBACK (caller_cancelled_cb),
                                                    g_object_ref (data->cancellable),
                                                    g_object_unref);
    }
  if (self->timeout_ms > 0)
    {
      data->timeout_source = g_timeout_source_new (self->timeout_ms);
      g_task_attach_source (task, data->timeout_source, timeout_cb);
    }

  soup_session_send_and_read_async (self->session, data->message, G_PRIORITY_DEFAULT,
                                    data->cancellable, send_cb, g_steal_pointer (&task));
}

/**
 * bn_wsman_client_invoke_finish:
 *
 * Returns: (transfer full) (element-type utf8 utf8): the output parameters by name, or
 *   %NULL with a #BnWsmanError or %G_IO_ERROR_CANCELLED
 */
GHashTable *
bn_wsman_client_invoke_finish (BnWsmanClient  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (BN_IS_WSMAN_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static const char *
win32_error_text (guint64 code)
{
  switch (code)
    {
    case 5:
      return "access denied";
    case BN_WIN32_ERROR_SHUTDOWN_IN_PROGRESS:
      return "a system shutdown is in progress";
    case BN_WIN32_ERROR_SHUTDOWN_USERS_LOGGED_ON:
      return "other users are logged on; a normal shutdown is refused, use Forced shutdown";
    case BN_WIN32_ERROR_PRIVILEGE_NOT_HELD:
      return "the user lacks the shutdown privilege (an administrator account is needed)";
    default:
      return "Win32 error";
    }
}

static void
shutdown_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  BnWsmanClient *self = BN_WSMAN_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GHashTable) output = NULL;
  GError *error = NULL;
  const char *value;
  guint64 code = 0;

  output = bn_wsman_client_invoke_finish (self, result, &error);
  if (output == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  value = g_hash_table_lookup (output, "ReturnValue");
  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT32, &code, NULL))
    {
      g_task_return_new_error (task, BN_WSMAN_ERROR, BN_WSMAN_ERROR_MALFORMED,
                               "Unusable answer from %s: Win32Shutdown_OUTPUT has no "
                               "numeric ReturnValue", self->uri);
      return;
    }

  g_task_set_task_data (task, GUINT_TO_POINTER ((guint) code), NULL);
  if (code != 0)
    {
      g_task_return_new_error (task, BN_WSMAN_ERROR, BN_WSMAN_ERROR_METHOD_FAILED,
                               "Win32Shutdown on %s returned %" G_GUINT64_FORMAT " (%s)",
                               self->address, code, win32_error_text (code));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * bn_wsman_client_win32_shutdown_async:
 * @flags: #BnWin32ShutdownFlags, e.g. 1 (shutdown) or 5 (forced shutdown)
 *
 * Calls Win32_OperatingSystem.Win32Shutdown(Flags, Reserved=0), which is what
 * `wmic os call win32shutdown` does over DCOM.
 */
void
bn_wsman_client_win32_shutdown_async (BnWsmanClient       *self,
                                      guint                flags,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *flags_text = NULL;
  const char *params[5];

  g_return_if_fail (BN_IS_WSMAN_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bn_wsman_client_win32_shutdown_async);

  flags_text = g_strdup_printf ("%u", flags);
  params[0] = "Flags";
  params[1] = flags_text;
  params[2] = "Reserved";
  params[3] = "0";
  params[4] = NULL;

  bn_wsman_client_invoke_async (self, BN_WSMAN_RESOURCE_WIN32_OPERATING_SYSTEM,
                                "Win32Shutdown", params, cancellable, shutdown_cb,
                                g_steal_pointer (&task));
}

/**
 * bn_wsman_client_win32_shutdown_finish:
 * @return_value: (out) (optional): the method's ReturnValue when it ran (0 on success)
 *
 * Returns: %TRUE when Windows accepted the shutdown (ReturnValue 0); otherwise %FALSE with
 *   a #BnWsmanError (%BN_WSMAN_ERROR_METHOD_FAILED for a non-zero ReturnValue)
 */
gboolean
bn_wsman_client_win32_shutdown_finish (BnWsmanClient  *self,
                                       GAsyncResult   *result,
                                       guint          *return_value,
                                       GError        **error)
{
  g_return_val_if_fail (BN_IS_WSMAN_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (return_value != NULL)
    *return_value = GPOINTER_TO_UINT (g_task_get_task_data (G_TASK (result)));
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- GObject ----------------------------------------------------------------------- */

static void
update_uri (BnWsmanClient *self)
{
  const char *address = self->address != NULL ? self->address : "";

  g_free (self->uri);
  /* IPv6 literals need brackets in a URL */
  if (strchr (address, ':') != NULL)
    self->uri = g_strdup_printf ("http://[%s]:%u/wsman", address, self->port);
  else
    self->uri = g_strdup_printf ("http://%s:%u/wsman", address, self->port);
}

static void
bn_wsman_client_constructed (GObject *object)
{
  BnWsmanClient *self = BN_WSMAN_CLIENT (object);

  G_OBJECT_CLASS (bn_wsman_client_parent_class)->constructed (object);

  update_uri (self);
}

static void
bn_wsman_client_dispose (GObject *object)
{
  BnWsmanClient *self = BN_WSMAN_CLIENT (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (bn_wsman_client_parent_class)->dispose (object);
}

static void
bn_wsman_client_finalize (GObject *object)
{
  BnWsmanClient *self = BN_WSMAN_CLIENT (object);

  g_free (self->address);
  g_free (self->user);
  g_free (self->password);
  g_free (self->uri);

  G_OBJECT_CLASS (bn_wsman_client_parent_class)->finalize (object);
}

static void
bn_wsman_client_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BnWsmanClient *self = BN_WSMAN_CLIENT (object);

  switch (prop_id)
    {
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_USER:
      g_value_set_string (value, self->user);
      break;
    case PROP_URI:
      g_value_set_string (value, self->uri);
      break;
    case PROP_TIMEOUT_MS:
      g_value_set_uint (value, self->timeout_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bn_wsman_client_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  BnWsmanClient *self = BN_WSMAN_CLIENT (object);

  switch (prop_id)
    {
    case PROP_ADDRESS:
      self->address = g_value_dup_string (value);
      break;
    case PROP_PORT:
      self->port = g_value_get_uint (value);
      break;
    case PROP_USER:
      self->user = g_value_dup_string (value);
      break;
    case PROP_PASSWORD:
      self->password = g_value_dup_string (value);
      break;
    case PROP_TIMEOUT_MS:
      bn_wsman_client_set_timeout_ms (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bn_wsman_client_class_init (BnWsmanClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = bn_wsman_client_constructed;
  object_class->dispose = bn_wsman_client_dispose;
  object_class->finalize = bn_wsman_client_finalize;
  object_class->get_property = bn_wsman_client_get_property;
  object_class->set_property = bn_wsman_client_set_property;

  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 1, 65535, BN_WSMAN_DEFAULT_PORT,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER] =
    g_param_spec_string ("user", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PASSWORD] =
    g_param_spec_string ("password", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT_MS] =
    g_param_spec_uint ("timeout-ms", NULL, NULL, 0, G_MAXUINT, 30000,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bn_wsman_client_init (BnWsmanClient *self)
{
  self->port = BN_WSMAN_DEFAULT_PORT;
  self->session = soup_session_new_with_options ("user-agent", "blade-navigator/" PACKAGE_VERSION,
                                                 NULL);
  /* Guests sit on the management LAN: never route to them through an HTTP proxy. */
  soup_session_set_proxy_resolver (self->session, NULL);
  /* Credentials go out preemptively; a 401 must come back as it is. */
  soup_session_remove_feature_by_type (self->session, SOUP_TYPE_AUTH_MANAGER);
}

/**
 * bn_wsman_client_new:
 * @address: the guest's IP address or host name
 * @port: the WinRM HTTP port (%BN_WSMAN_DEFAULT_PORT = 5985)
 * @user: the user ID (an administrator)
 * @password: (nullable): its password
 *
 * Returns: (transfer full): a client for http://@address:@port/wsman with a 30 s timeout
 */
BnWsmanClient *
bn_wsman_client_new (const char *address,
                     guint       port,
                     const char *user,
                     const char *password)
{
  g_return_val_if_fail (address != NULL, NULL);
  g_return_val_if_fail (port > 0 && port <= 65535, NULL);
  g_return_val_if_fail (user != NULL, NULL);

  return g_object_new (BN_TYPE_WSMAN_CLIENT,
                       "address", address,
                       "port", port,
                       "user", user,
                       "password", password,
                       NULL);
}

const char *
bn_wsman_client_get_address (BnWsmanClient *self)
{
  g_return_val_if_fail (BN_IS_WSMAN_CLIENT (self), NULL);
  return self->address;
}

guint
bn_wsman_client_get_port (BnWsmanClient *self)
{
  g_return_val_if_fail (BN_IS_WSMAN_CLIENT (self), 0);
  return self->port;
}

const char *
bn_wsman_client_get_user (BnWsmanClient *self)
{
  g_return_val_if_fail (BN_IS_WSMAN_CLIENT (self), NULL);
  return self->user;
}

/**
 * bn_wsman_client_get_uri:
 *
 * Returns: the endpoint, "http://ADDRESS:PORT/wsman"
 */
const char *
bn_wsman_client_get_uri (BnWsmanClient *self)
{
  g_return_val_if_fail (BN_IS_WSMAN_CLIENT (self), NULL);
  return self->uri;
}

guint
bn_wsman_client_get_timeout_ms (BnWsmanClient *self)
{
  g_return_val_if_fail (BN_IS_WSMAN_CLIENT (self), 0);
  return self->timeout_ms;
}

/**
 * bn_wsman_client_set_timeout_ms:
 * @timeout_ms: how long one call may take from start to parsed answer, 0 for no limit
 */
void
bn_wsman_client_set_timeout_ms (BnWsmanClient *self,
                                guint          timeout_ms)
{
  g_return_if_fail (BN_IS_WSMAN_CLIENT (self));

  if (self->timeout_ms != timeout_ms)
    {
      self->timeout_ms = timeout_ms;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT_MS]);
    }
}
