/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-sim-wsman-server"

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "bn-sim-wsman-server.h"
#include "bn-wsman-envelope.h"

/* The Windows side of a simulated guest: answers Win32_OperatingSystem.Win32Shutdown the
 * way WinRM does, and tells the blade (signal "shutdown") once the guest would be off. */

#define WIN32SHUTDOWN_ACTION BN_WSMAN_RESOURCE_WIN32_OPERATING_SYSTEM "/Win32Shutdown"

struct _BnSimWsmanServer
{
  GObject       parent_instance;

  char         *user;
  char         *password;
  char         *address;
  guint         port;
  guint         delay_ms;
  gboolean      users_logged_on;
  guint         request_count;

  SoupServer   *server;
  GMainContext *context;
  GSource      *pending;      /* the deferred "shutdown" emission */
  guint         pending_flags;
  gboolean      shutting_down;
};

G_DEFINE_FINAL_TYPE (BnSimWsmanServer, bn_sim_wsman_server, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_USER,
  PROP_PASSWORD,
  PROP_ADDRESS,
  PROP_PORT,
  PROP_DELAY_MS,
  PROP_USERS_LOGGED_ON,
  PROP_REQUEST_COUNT,
  N_PROPS
};

enum {
  SHUTDOWN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
emit_shutdown_cb (gpointer user_data)
{
  BnSimWsmanServer *self = user_data;
  guint flags = self->pending_flags;

  g_clear_pointer (&self->pending, g_source_unref);
  /* a handler may drop the blade's last reference */
  g_object_ref (self);
  g_signal_emit (self, signals[SHUTDOWN], 0, flags,
                 (flags & BN_WIN32_SHUTDOWN_FORCED) != 0);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
cancel_pending (BnSimWsmanServer *self)
{
  if (self->pending != NULL)
    {
      g_source_destroy (self->pending);
      g_clear_pointer (&self->pending, g_source_unref);
    }
}

static void
reply (SoupServerMessage *msg,
       guint              status,
       char              *xml)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, BN_WSMAN_CONTENT_TYPE, SOUP_MEMORY_TAKE,
                                    xml, strlen (xml));
}

static void
reply_fault (SoupServerMessage *msg,
             const char        *relates_to,
             const char        *code,
             const char        *subcode,
             const char        *reason,
             guint              wsman_code)
{
  /* WinRM sends faults with HTTP 500 (400 for unparsable requests). */
  reply (msg, g_str_equal (subcode, "w:SchemaValidationError") ? 400 : 500,
         bn_wsman_build_fault (relates_to, code, subcode, reason, wsman_code, reason));
}

static guint
decide (BnSimWsmanServer *self,
        guint             flags)
{
  if ((flags & (BN_WIN32_SHUTDOWN_SHUTDOWN | BN_WIN32_SHUTDOWN_REBOOT |
                BN_WIN32_SHUTDOWN_POWER_OFF)) == 0)
    return 0;  /* a log-off: nothing for the blade to do */

  if (self->shutting_down)
    return BN_WIN32_ERROR_SHUTDOWN_IN_PROGRESS;

  /* Windows Server 2008 refuses a normal shutdown while someone is logged on (§5.22). */
  if (self->users_logged_on && (flags & BN_WIN32_SHUTDOWN_FORCED) == 0)
    return BN_WIN32_ERROR_SHUTDOWN_USERS_LOGGED_ON;

  self->shutting_down = TRUE;
  self->pending_flags = flags;
  /* Deferred even without a delay so the answer leaves before the blade reacts (it may
   * stop this server from its handler). */
  self->pending = g_timeout_source_new (self->delay_ms);
  g_source_set_callback (self->pending, emit_shutdown_cb, self, NULL);
  g_source_set_static_name (self->pending, "[bn-sim-wsman] shutdown");
  g_source_attach (self->pending, self->context);
  return 0;
}

static void
wsman_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  BnSimWsmanServer *self = user_data;
  g_autoptr(BnWsmanEnvelope) env = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *return_text = NULL;
  const char *flags_text;
  const char *params[3];
  guint64 flags = 0;
  gsize len = 0;
  const char *data;

  if (soup_server_message_get_method (msg) != SOUP_METHOD_POST)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }

  self->request_count++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUEST_COUNT]);

  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  data = g_bytes_get_data (body, &len);
  env = bn_wsman_envelope_parse (data, len, &error);
  if (env == NULL)
    {
      reply_fault (msg, NULL, "s:Sender", "w:SchemaValidationError", error->message,
                   2150858817u);
      return;
    }

  if (g_strcmp0 (env->resource_uri, BN_WSMAN_RESOURCE_WIN32_OPERATING_SYSTEM) != 0)
    {
      reply_fault (msg, env->message_id, "s:Sender", "w:DestinationUnreachable",
                   "The WS-Management service cannot process the request. The resource "
                   "URI is not supported by this simulated guest.", 2150858770u);
      return;
    }
  if (g_strcmp0 (env->action, WIN32SHUTDOWN_ACTION) != 0 ||
      g_strcmp0 (env->body_name, "Win32Shutdown_INPUT") != 0)
    {
      reply_fault (msg, env->message_id, "s:Sender", "a:ActionNotSupported",
                   "The WS-Management service cannot process the request because the "
                   "action is not supported.", 2150858771u);
      return;
    }

  flags_text = bn_wsman_envelope_get_param (env, "Flags");
  if (flags_text == NULL ||
      !g_ascii_string_to_unsigned (flags_text, 10, 0, G_MAXINT32, &flags, NULL))
    {
      reply_fault (msg, env->message_id, "s:Sender", "w:InvalidParameter",
                   "The WS-Management service cannot process the request because the "
                   "Flags parameter is missing or not a number.", 2150858882u);
      return;
    }

  return_text = g_strdup_printf ("%u", decide (self, (guint) flags));
  g_debug ("Win32Shutdown(Flags=%u) -> ReturnValue %s", (guint) flags, return_text);

  params[0] = "ReturnValue";
  params[1] = return_text;
  params[2] = NULL;
  reply (msg, SOUP_STATUS_OK,
         bn_wsman_build_invoke_response (BN_WSMAN_RESOURCE_WIN32_OPERATING_SYSTEM,
                                         "Win32Shutdown", env->message_id, params));
}

static gboolean
basic_auth_cb (SoupAuthDomain    *domain,
               SoupServerMessage *msg,
               const char        *username,
               const char        *password,
               gpointer           user_data)
{
  BnSimWsmanServer *self = user_data;

  return g_strcmp0 (username, self->user) == 0 && g_strcmp0 (password, self->password) == 0;
}

/**
 * bn_sim_wsman_server_listen:
 * @address: a numeric IP address to listen on (a loopback address in tests and the
 *   simulator)
 * @port: the port, 0 for any free one (see bn_sim_wsman_server_get_port())
 *
 * Starts answering at http://@address:@port/wsman in the thread-default main context,
 * where the "shutdown" signal is emitted too. A guest "boots" again by listening after a
 * stop: the shutdown-in-progress state is cleared.
 */
gboolean
bn_sim_wsman_server_listen (BnSimWsmanServer  *self,
                            const char        *address,
                            guint              port,
                            GError           **error)
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(SoupAuthDomain) domain = NULL;
  g_autoptr(GSocketAddress) sockaddr = NULL;
  g_autoptr(GSocketAddress) local = NULL;
  GSList *listeners;

  g_return_val_if_fail (BN_IS_SIM_WSMAN_SERVER (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);
  g_return_val_if_fail (port <= 65535, FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  sockaddr = g_inet_socket_address_new_from_string (address, port);
  if (sockaddr == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a numeric IP address", address);
      return FALSE;
    }

  server = soup_server_new ("server-header", "Microsoft-HTTPAPI/2.0 ", NULL);
  domain = soup_auth_domain_basic_new ("realm", "WSMAN", NULL);
  soup_auth_domain_basic_set_auth_callback (domain, basic_auth_cb, self, NULL);
  soup_auth_domain_add_path (domain, "/wsman");
  soup_server_add_auth_domain (server, domain);
  soup_server_add_handler (server, "/wsman", wsman_handler, self, NULL);

  if (!soup_server_listen (server, sockaddr, 0, error))
    return FALSE;

  listeners = soup_server_get_listeners (server);
  g_assert (listeners != NULL);
  local = g_socket_get_local_address (listeners->data, error);
  g_slist_free (listeners);
  if (local == NULL)
    {
      soup_server_disconnect (server);
      return FALSE;
    }

  self->server = g_steal_pointer (&server);
  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();
  self->shutting_down = FALSE;
  g_free (self->address);
  self->address = g_strdup (address);
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDRESS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
  return TRUE;
}

/**
 * bn_sim_wsman_server_stop:
 *
 * Closes the listener and open connections (the guest is off) and drops a shutdown not
 * yet signalled.
 */
void
bn_sim_wsman_server_stop (BnSimWsmanServer *self)
{
  g_return_if_fail (BN_IS_SIM_WSMAN_SERVER (self));

  cancel_pending (self);
  if (self->server != NULL)
    {
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }
}

static void
bn_sim_wsman_server_dispose (GObject *object)
{
  BnSimWsmanServer *self = BN_SIM_WSMAN_SERVER (object);

  bn_sim_wsman_server_stop (self);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (bn_sim_wsman_server_parent_class)->dispose (object);
}

static void
bn_sim_wsman_server_finalize (GObject *object)
{
  BnSimWsmanServer *self = BN_SIM_WSMAN_SERVER (object);

  g_free (self->user);
  g_free (self->password);
  g_free (self->address);

  G_OBJECT_CLASS (bn_sim_wsman_server_parent_class)->finalize (object);
}

static void
bn_sim_wsman_server_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BnSimWsmanServer *self = BN_SIM_WSMAN_SERVER (object);

  switch (prop_id)
    {
    case PROP_USER:
      g_value_set_string (value, self->user);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_DELAY_MS:
      g_value_set_uint (value, self->delay_ms);
      break;
    case PROP_USERS_LOGGED_ON:
      g_value_set_boolean (value, self->users_logged_on);
      break;
    case PROP_REQUEST_COUNT:
      g_value_set_uint (value, self->request_count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bn_sim_wsman_server_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BnSimWsmanServer *self = BN_SIM_WSMAN_SERVER (object);

  switch (prop_id)
    {
    case PROP_USER:
      self->user = g_value_dup_string (value);
      break;
    case PROP_PASSWORD:
      self->password = g_value_dup_string (value);
      break;
    case PROP_DELAY_MS:
      bn_sim_wsman_server_set_delay_ms (self, g_value_get_uint (value));
      break;
    case PROP_USERS_LOGGED_ON:
      bn_sim_wsman_server_set_users_logged_on (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bn_sim_wsman_server_class_init (BnSimWsmanServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bn_sim_wsman_server_dispose;
  object_class->finalize = bn_sim_wsman_server_finalize;
  object_class->get_property = bn_sim_wsman_server_get_property;
  object_class->set_property = bn_sim_wsman_server_set_property;

  properties[PROP_USER] =
    g_param_spec_string ("user", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PASSWORD] =
    g_param_spec_string ("password", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 0, 65535, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * BnSimWsmanServer:delay-ms:
   *
   * How long the guest takes to go down after accepting the request: "shutdown" is
   * emitted this long after the answer.
   */
  properties[PROP_DELAY_MS] =
    g_param_spec_uint ("delay-ms", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * BnSimWsmanServer:users-logged-on:
   *
   * Someone is logged on: a shutdown without the forced flag returns 1191, as Windows
   * Server 2008 does (manual §5.22 (2)).
   */
  properties[PROP_USERS_LOGGED_ON] =
    g_param_spec_boolean ("users-logged-on", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REQUEST_COUNT] =
    g_param_spec_uint ("request-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BnSimWsmanServer::shutdown:
   * @flags: the Win32Shutdown flags (1 shutdown, 2 reboot, 8 power off, +4 forced)
   * @force: whether the forced bit was set
   *
   * The guest has gone down (delay-ms after it accepted the request): the blade should
   * deactivate the LPAR (or restart it for a reboot) and usually stop this server.
   * Emitted in the main context that was thread-default at listen time.
   */
  signals[SHUTDOWN] =
    g_signal_new ("shutdown", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_BOOLEAN);
}

static void
bn_sim_wsman_server_init (BnSimWsmanServer *self)
{
}

/**
 * bn_sim_wsman_server_new:
 * @user: the user ID the guest accepts
 * @password: its password
 *
 * Returns: (transfer full): a server, not yet listening
 */
BnSimWsmanServer *
bn_sim_wsman_server_new (const char *user,
                         const char *password)
{
  g_return_val_if_fail (user != NULL, NULL);
  g_return_val_if_fail (password != NULL, NULL);

  return g_object_new (BN_TYPE_SIM_WSMAN_SERVER, "user", user, "password", password, NULL);
}

const char *
bn_sim_wsman_server_get_address (BnSimWsmanServer *self)
{
  g_return_val_if_fail (BN_IS_SIM_WSMAN_SERVER (self), NULL);
  return self->address;
}

guint
bn_sim_wsman_server_get_port (BnSimWsmanServer *self)
{
  g_return_val_if_fail (BN_IS_SIM_WSMAN_SERVER (self), 0);
  return self->port;
}

/**
 * bn_sim_wsman_server_dup_uri:
 *
 * Returns: (transfer full) (nullable): "http://ADDRESS:PORT/wsman" once listening
 */
char *
bn_sim_wsman_server_dup_uri (BnSimWsmanServer *self)
{
  g_return_val_if_fail (BN_IS_SIM_WSMAN_SERVER (self), NULL);

  if (self->address == NULL)
    return NULL;
  if (strchr (self->address, ':') != NULL)
    return g_strdup_printf ("http://[%s]:%u/wsman", self->address, self->port);
  return g_strdup_printf ("http://%s:%u/wsman", self->address, self->port);
}

guint
bn_sim_wsman_server_get_delay_ms (BnSimWsmanServer *self)
{
  g_return_val_if_fail (BN_IS_SIM_WSMAN_SERVER (self), 0);
  return self->delay_ms;
}

void
bn_sim_wsman_server_set_delay_ms (BnSimWsmanServer *self,
                                  guint             delay_ms)
{
  g_return_if_fail (BN_IS_SIM_WSMAN_SERVER (self));

  if (self->delay_ms != delay_ms)
    {
      self->delay_ms = delay_ms;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELAY_MS]);
    }
}

gboolean
bn_sim_wsman_server_get_users_logged_on (BnSimWsmanServer *self)
{
  g_return_val_if_fail (BN_IS_SIM_WSMAN_SERVER (self), FALSE);
  return self->users_logged_on;
}

void
bn_sim_wsman_server_set_users_logged_on (BnSimWsmanServer *self,
                                         gboolean          logged_on)
{
  g_return_if_fail (BN_IS_SIM_WSMAN_SERVER (self));

  logged_on = !!logged_on;
  if (self->users_logged_on != logged_on)
    {
      self->users_logged_on = logged_on;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USERS_LOGGED_ON]);
    }
}

/**
 * bn_sim_wsman_server_get_request_count:
 *
 * Returns: how many authenticated POSTs reached the /wsman handler
 */
guint
bn_sim_wsman_server_get_request_count (BnSimWsmanServer *self)
{
  g_return_val_if_fail (BN_IS_SIM_WSMAN_SERVER (self), 0);
  return self->request_count;
}
