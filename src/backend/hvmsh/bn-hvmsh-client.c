/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-hvmsh-client"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include "bn-error.h"
#include "bn-hvmsh-client.h"
#include "bn-line-channel.h"
#include "bn-tls.h"

/* One persistent TLS connection to one blade, used by one request at a time (the protocol
 * is strictly request/reply).  Every call has its own deadline covering connect, handshake,
 * request and reply; a failed call drops the connection so the next starts clean. */

#define DEFAULT_TIMEOUT_MS 10000
/* replies this long (blade documents) are parsed on a worker thread */
#define PARSE_IN_THREAD_BYTES 4096

struct _BnHvmshClient
{
  GObject        parent_instance;
  char          *address;
  guint          port;
  char          *local_address;
  char          *fingerprint;
  guint          timeout_ms;

  GIOStream     *stream;
  BnLineChannel *channel;
  GQueue         queue;
  GTask         *current;
};

typedef struct
{
  char         *line;
  GCancellable *cancellable;     /* cancelled by the caller's cancellable or the deadline */
  GCancellable *outer;
  gulong        outer_handler;
  guint         timeout_source;
  gboolean      timed_out;
  gboolean      reused;          /* the connection existed before this call */
  gboolean      retried;
  gboolean      idempotent;
  char         *seen_fingerprint;
  gint64        started;
} Call;

enum {
  PROP_0,
  PROP_FINGERPRINT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BnHvmshClient, bn_hvmsh_client, G_TYPE_OBJECT)

static void
call_free (gpointer data)
{
  Call *call = data;

  g_clear_handle_id (&call->timeout_source, g_source_remove);
  if (call->outer != NULL)
    {
      g_cancellable_disconnect (call->outer, call->outer_handler);
      g_object_unref (call->outer);
    }
  g_clear_object (&call->cancellable);
  g_free (call->line);
  g_free (call->seen_fingerprint);
  g_free (call);
}

static void
bn_hvmsh_client_dispose (GObject *object)
{
  BnHvmshClient *self = (BnHvmshClient *) object;

  bn_hvmsh_client_disconnect (self);

  G_OBJECT_CLASS (bn_hvmsh_client_parent_class)->dispose (object);
}

static void
bn_hvmsh_client_finalize (GObject *object)
{
  BnHvmshClient *self = (BnHvmshClient *) object;

  g_assert (self->current == NULL);
  g_assert (g_queue_is_empty (&self->queue));
  g_free (self->address);
  g_free (self->local_address);
  g_free (self->fingerprint);

  G_OBJECT_CLASS (bn_hvmsh_client_parent_class)->finalize (object);
}

static void
bn_hvmsh_client_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BnHvmshClient *self = BN_HVMSH_CLIENT (object);

  switch (prop_id)
    {
    case PROP_FINGERPRINT:
      g_value_set_string (value, self->fingerprint);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bn_hvmsh_client_class_init (BnHvmshClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bn_hvmsh_client_dispose;
  object_class->finalize = bn_hvmsh_client_finalize;
  object_class->get_property = bn_hvmsh_client_get_property;

  /* Set when a blade's certificate is first seen (trust on first use): the engine stores it
   * and pins every later connection to it. */
  properties[PROP_FINGERPRINT] =
    g_param_spec_string ("fingerprint", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bn_hvmsh_client_init (BnHvmshClient *self)
{
  self->timeout_ms = DEFAULT_TIMEOUT_MS;
  g_queue_init (&self->queue);
}

BnHvmshClient *
bn_hvmsh_client_new (const char *address,
                     guint       port)
{
  BnHvmshClient *self;

  g_return_val_if_fail (address != NULL, NULL);
  g_return_val_if_fail (port > 0 && port < 65536, NULL);

  self = g_object_new (BN_TYPE_HVMSH_CLIENT, NULL);
  self->address = g_strdup (address);
  self->port = port;
  return self;
}

const char *
bn_hvmsh_client_get_address (BnHvmshClient *self)
{
  return self->address;
}

guint
bn_hvmsh_client_get_port (BnHvmshClient *self)
{
  return self->port;
}

void
bn_hvmsh_client_set_fingerprint (BnHvmshClient *self,
                                 const char    *fingerprint)
{
  g_return_if_fail (BN_IS_HVMSH_CLIENT (self));

  if (g_strcmp0 (self->fingerprint, fingerprint) == 0)
    return;
  g_free (self->fingerprint);
  self->fingerprint = g_strdup (fingerprint);
  bn_hvmsh_client_disconnect (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINGERPRINT]);
}

const char *
bn_hvmsh_client_get_fingerprint (BnHvmshClient *self)
{
  return self->fingerprint;
}

void
bn_hvmsh_client_set_local_address (BnHvmshClient *self,
                                   const char    *address)
{
  g_return_if_fail (BN_IS_HVMSH_CLIENT (self));

  if (g_strcmp0 (self->local_address, address) == 0)
    return;
  g_free (self->local_address);
  self->local_address = (address && *address) ? g_strdup (address) : NULL;
  bn_hvmsh_client_disconnect (self);
}

void
bn_hvmsh_client_set_timeout (BnHvmshClient *self,
                             guint          timeout_ms)
{
  g_return_if_fail (BN_IS_HVMSH_CLIENT (self));
  self->timeout_ms = timeout_ms > 0 ? timeout_ms : DEFAULT_TIMEOUT_MS;
}

void
bn_hvmsh_client_disconnect (BnHvmshClient *self)
{
  g_clear_object (&self->channel);
  if (self->stream != NULL)
    {
      /* close asynchronously: a TLS close_notify must not block the caller */
      g_io_stream_close_async (self->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_clear_object (&self->stream);
    }
}

gboolean
bn_hvmsh_reply_to_error (const BnReply  *reply,
                         GError        **error)
{
  BnErrorCode code;

  switch (reply->rc)
    {
    case BN_RC_OK: return TRUE;
    case BN_RC_SYNTAX:
    case BN_RC_UNKNOWN_COMMAND:
    case BN_RC_BAD_ARGUMENT: code = BN_ERROR_INVALID_ARGUMENT; break;
    case BN_RC_NOT_FOUND: code = BN_ERROR_NOT_FOUND; break;
    case BN_RC_BUSY: code = BN_ERROR_BUSY; break;
    case BN_RC_LOCKED: code = BN_ERROR_LOCKED; break;
    case BN_RC_STATE: code = BN_ERROR_STATE; break;
    case BN_RC_REFUSED: code = BN_ERROR_REFUSED; break;
    default: code = BN_ERROR_FAILED; break;
    }
  if (error != NULL)
    {
      *error = g_error_new_literal (BN_ERROR, code, reply->message);
      if (reply->error != NULL)
        bn_error_set_catalogue (*error,
                                json_object_get_string_member_with_default (reply->error, "id",
                                                                            NULL),
                                reply->error);
    }
  return FALSE;
}

static void start_next (BnHvmshClient *self);
static void send_request (BnHvmshClient *self);
static void connect_and_send (BnHvmshClient *self);

static Call *
current_call (BnHvmshClient *self)
{
  return g_task_get_task_data (self->current);
}

static void
finish_current (BnHvmshClient *self,
                BnReply       *reply,
                GError        *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->current);
  Call *call = g_task_get_task_data (task);

  g_clear_handle_id (&call->timeout_source, g_source_remove);
  g_debug ("%s:%u: %.40s… %s after %.1f ms", self->address, self->port, call->line,
           error ? error->message : "answered", (g_get_monotonic_time () - call->started) / 1e3);

  if (error != NULL)
    {
      /* after any failure the stream may be out of step: start over next time */
      bn_hvmsh_client_disconnect (self);
      if (call->timed_out)
        {
          g_clear_error (&error);
          error = g_error_new (BN_ERROR, BN_ERROR_TIMED_OUT,
                               _("%s:%u did not answer within %.1f s"), self->address,
                               self->port, self->timeout_ms / 1000.0);
        }
      g_task_return_error (task, error);
    }
  else
    {
      g_task_return_pointer (task, reply, (GDestroyNotify) bn_reply_free);
    }

  start_next (self);
}

/* A blade closes idle sessions; a read-only request that met such a stale connection is
 * safe to send again once on a fresh one. */
static gboolean
maybe_retry (BnHvmshClient *self,
             const GError  *error)
{
  Call *call = current_call (self);

  if (!call->reused || call->retried || !call->idempotent || call->timed_out)
    return FALSE;
  if (!g_error_matches (error, BN_ERROR, BN_ERROR_UNREACHABLE) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED))
    return FALSE;
  call->retried = TRUE;
  call->reused = FALSE;
  bn_hvmsh_client_disconnect (self);
  connect_and_send (self);
  return TRUE;
}

typedef struct
{
  char  *line;
  gsize  length;
} ParseData;

static void
parse_data_free (gpointer user_data)
{
  ParseData *data = user_data;

  g_free (data->line);
  g_free (data);
}

static void
parse_in_thread (gpointer data,
                 gpointer user_data)
{
  GTask *task = data;
  ParseData *parse = g_task_get_task_data (task);
  GError *error = NULL;
  BnReply *reply = bn_reply_parse (parse->line, parse->length, &error);

  if (reply != NULL)
    g_task_return_pointer (task, reply, (GDestroyNotify) bn_reply_free);
  else
    g_task_return_error (task, error);
  g_object_unref (task);
}

/* One worker for every client: with GTask's pool, hundreds of parses at once took as many
 * threads, and on a small machine they starved the main loop they were meant to spare. */
static GThreadPool *
parse_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (parse_in_thread, NULL, 1, FALSE, NULL));
  return pool;
}

static void
parsed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  BnHvmshClient *self = BN_HVMSH_CLIENT (object);
  GError *error = NULL;
  BnReply *reply = g_task_propagate_pointer (G_TASK (result), &error);

  if (reply == NULL)
    {
      g_prefix_error (&error, "%s:%u sent a malformed reply: ", self->address, self->port);
      finish_current (self, NULL, error);
      return;
    }
  finish_current (self, reply, NULL);
}

static void
reply_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(BnHvmshClient) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  BnReply *reply;
  gsize length;

  line = bn_line_channel_read_line_finish (BN_LINE_CHANNEL (object), result, &length, &error);
  if (line == NULL)
    {
      if (maybe_retry (self, error))
        return;
      if (g_error_matches (error, BN_ERROR, BN_ERROR_UNREACHABLE))
        g_prefix_error (&error, "%s:%u: ", self->address, self->port);
      finish_current (self, NULL, g_steal_pointer (&error));
      return;
    }

  /* a whole blade document: parse it on a worker thread, so that hundreds of answers
   * arriving together during an Update do not stall the main loop (bench/ui) */
  if (length >= PARSE_IN_THREAD_BYTES)
    {
      g_autoptr(GTask) task = g_task_new (self, NULL, parsed_cb, NULL);
      ParseData *data = g_new0 (ParseData, 1);

      data->line = g_steal_pointer (&line);
      data->length = length;
      g_task_set_source_tag (task, reply_read_cb);
      g_task_set_task_data (task, data, parse_data_free);
      g_thread_pool_push (parse_pool (), g_steal_pointer (&task), NULL);
      return;
    }

  reply = bn_reply_parse (line, length, &error);
  if (reply == NULL)
    {
      g_prefix_error (&error, "%s:%u sent a malformed reply: ", self->address, self->port);
      finish_current (self, NULL, g_steal_pointer (&error));
      return;
    }
  finish_current (self, reply, NULL);
}

static void
request_written_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(BnHvmshClient) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!bn_line_channel_write_line_finish (BN_LINE_CHANNEL (object), result, &error))
    {
      if (maybe_retry (self, error))
        return;
      finish_current (self, NULL, g_steal_pointer (&error));
      return;
    }
  bn_line_channel_read_line_async (self->channel, current_call (self)->cancellable,
                                   reply_read_cb, g_object_ref (self));
}

static void
send_request (BnHvmshClient *self)
{
  Call *call = current_call (self);

  bn_line_channel_write_line_async (self->channel, call->line, -1, call->cancellable,
                                    request_written_cb, g_object_ref (self));
}

static gboolean
accept_certificate_cb (GTlsConnection       *connection,
                       GTlsCertificate      *peer_cert,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  BnHvmshClient *self = user_data;
  Call *call = current_call (self);

  g_free (call->seen_fingerprint);
  call->seen_fingerprint = bn_tls_certificate_fingerprint (peer_cert);
  /* blades use self-signed certificates: identity is the pinned fingerprint, not a CA */
  return self->fingerprint == NULL || g_strcmp0 (self->fingerprint, call->seen_fingerprint) == 0;
}

static void
handshake_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(BnHvmshClient) self = user_data;
  g_autoptr(GError) error = NULL;
  GTlsConnection *tls = G_TLS_CONNECTION (object);
  Call *call = current_call (self);
  g_autofree char *fingerprint = NULL;
  GTlsCertificate *peer;

  if (!g_tls_connection_handshake_finish (tls, result, &error))
    {
      if (self->fingerprint != NULL && call->seen_fingerprint != NULL &&
          g_strcmp0 (self->fingerprint, call->seen_fingerprint) != 0)
        {
          g_clear_error (&error);
          error = g_error_new (BN_ERROR, BN_ERROR_REFUSED,
                               _("The TLS certificate of %s:%u (SHA-256 %.16s…) is not the one "
                                 "registered for this HVM (%.16s…); if the blade was replaced, "
                                 "register it again"), self->address, self->port,
                               call->seen_fingerprint, self->fingerprint);
        }
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_prefix_error (&error, "TLS handshake with %s:%u failed: ", self->address, self->port);
      finish_current (self, NULL, g_steal_pointer (&error));
      return;
    }

  /* check again here: a certificate the system trusts never reaches accept-certificate */
  peer = g_tls_connection_get_peer_certificate (tls);
  fingerprint = peer ? bn_tls_certificate_fingerprint (peer) : NULL;
  if (fingerprint == NULL ||
      (self->fingerprint != NULL && g_strcmp0 (fingerprint, self->fingerprint) != 0))
    {
      finish_current (self, NULL,
                      g_error_new (BN_ERROR, BN_ERROR_REFUSED,
                                   _("The TLS certificate of %s:%u is not the one registered "
                                     "for this HVM"), self->address, self->port));
      return;
    }
  if (self->fingerprint == NULL)
    {
      self->fingerprint = g_steal_pointer (&fingerprint);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINGERPRINT]);
    }

  self->channel = bn_line_channel_new (self->stream, BN_PROTOCOL_MAX_REPLY);
  g_debug ("%s:%u: TLS ready after %.1f ms", self->address, self->port,
           (g_get_monotonic_time () - call->started) / 1e3);
  send_request (self);
}

static void
start_tls (BnHvmshClient     *self,
           GSocketConnection *connection)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnectable) identity = NULL;
  GIOStream *tls;
  Call *call = current_call (self);

  identity = g_network_address_new (self->address, self->port);
  /* Blades are identified by their pinned certificate, never by a CA: with no database
   * set at construction GnuTLS does not load the system trust store, which would cost
   * more than all the handshakes of an Update. */
  tls = g_initable_new (g_tls_backend_get_client_connection_type (g_tls_backend_get_default ()),
                        NULL, &error,
                        "base-io-stream", connection,
                        "server-identity", identity,
                        "database", NULL,
                        NULL);
  if (tls == NULL)
    {
      g_prefix_error (&error, "TLS is not available (is glib-networking installed?): ");
      finish_current (self, NULL, g_steal_pointer (&error));
      return;
    }
  self->stream = tls;
  g_signal_connect (tls, "accept-certificate", G_CALLBACK (accept_certificate_cb), self);
  g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT,
                                    call->cancellable, handshake_cb, g_object_ref (self));
}

/* The blade's plain-text banner comes before TLS (docs/hvmsh-protocol.md).  Waiting for it
 * costs no thread, so a blade that accepts and then hangs is caught by the deadline
 * without holding one of the few TLS worker threads. */
static void
banner_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BnHvmshClient) self = user_data;
  g_autoptr(BnLineChannel) plain = BN_LINE_CHANNEL (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  const char *rest;

  line = bn_line_channel_read_line_finish (plain, result, NULL, &error);
  if (line == NULL)
    {
      if (g_error_matches (error, BN_ERROR, BN_ERROR_UNREACHABLE))
        g_prefix_error (&error, "%s:%u: ", self->address, self->port);
      finish_current (self, NULL, g_steal_pointer (&error));
      return;
    }
  if (!g_str_has_prefix (line, BN_PROTOCOL_BANNER " "))
    {
      finish_current (self, NULL,
                      g_error_new (BN_ERROR, BN_ERROR_INVALID_DATA,
                                   _("%s:%u does not speak the HvmSh-style protocol (banner "
                                     "“%.40s”)"),
                                   self->address, self->port, line));
      return;
    }
  rest = line + strlen (BN_PROTOCOL_BANNER " ");
  if (g_str_has_prefix (rest, "REFUSED"))
    {
      finish_current (self, NULL,
                      g_error_new (BN_ERROR, BN_ERROR_REFUSED,
                                   _("%s:%u refused the connection: %s"),
                                   self->address, self->port,
                                   rest[7] == ' ' ? rest + 8 : _("no reason given")));
      return;
    }
  if (!g_str_equal (rest, "TLS"))
    {
      finish_current (self, NULL,
                      g_error_new (BN_ERROR, BN_ERROR_REFUSED,
                                   _("%s:%u offers “%s” instead of TLS; the console only talks "
                                     "to blades over TLS"), self->address, self->port, rest));
      return;
    }
  start_tls (self, G_SOCKET_CONNECTION (bn_line_channel_get_stream (plain)));
}

static void
connected_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(BnHvmshClient) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnection) connection = NULL;
  Call *call = current_call (self);
  BnLineChannel *plain;

  connection = g_socket_client_connect_to_host_finish (G_SOCKET_CLIENT (object), result, &error);
  if (connection == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          const char *reason = strrchr (error->message, ':');
          g_autofree char *msg = g_strdup_printf (_("Cannot connect to %s:%u: %s"), self->address,
                                                  self->port,
                                                  reason ? reason + 2 : error->message);
          g_clear_error (&error);
          error = g_error_new_literal (BN_ERROR, BN_ERROR_UNREACHABLE, msg);
        }
      finish_current (self, NULL, g_steal_pointer (&error));
      return;
    }

  g_debug ("%s:%u: connected after %.1f ms", self->address, self->port,
           (g_get_monotonic_time () - call->started) / 1e3);
  /* request/reply traffic: Nagle plus delayed ACKs would add 40 ms to every exchange */
  g_socket_set_option (g_socket_connection_get_socket (connection), IPPROTO_TCP, TCP_NODELAY,
                       1, NULL);

  plain = bn_line_channel_new (G_IO_STREAM (connection), BN_PROTOCOL_MAX_BANNER);
  bn_line_channel_read_line_async (plain, call->cancellable, banner_cb, g_object_ref (self));
}

static void
connect_and_send (BnHvmshClient *self)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  Call *call = current_call (self);

  /* blades sit on the management LAN: never route the HvmSh protocol through a proxy */
  g_socket_client_set_enable_proxy (client, FALSE);

  if (self->local_address != NULL)
    {
      g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (self->local_address);
      g_autoptr(GSocketAddress) local = NULL;

      if (inet == NULL)
        {
          finish_current (self, NULL,
                          g_error_new (BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                                       _("The management LAN address “%s” is not an IP "
                                         "address"),
                                       self->local_address));
          return;
        }
      local = g_inet_socket_address_new (inet, 0);
      g_socket_client_set_local_address (client, local);
    }
  g_socket_client_connect_to_host_async (client, self->address, self->port, call->cancellable,
                                         connected_cb, g_object_ref (self));
}

static gboolean
timeout_cb (gpointer user_data)
{
  Call *call = user_data;

  call->timeout_source = 0;
  call->timed_out = TRUE;
  g_cancellable_cancel (call->cancellable);
  return G_SOURCE_REMOVE;
}

static void
outer_cancelled_cb (GCancellable *outer,
                    GCancellable *inner)
{
  g_cancellable_cancel (inner);
}

static void
start_next (BnHvmshClient *self)
{
  Call *call;

  if (self->current != NULL || g_queue_is_empty (&self->queue))
    return;

  self->current = g_queue_pop_head (&self->queue);
  call = current_call (self);

  if (call->outer != NULL && g_cancellable_is_cancelled (call->outer))
    {
      finish_current (self, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                       "Cancelled"));
      return;
    }
  if (call->outer != NULL)
    call->outer_handler = g_cancellable_connect (call->outer, G_CALLBACK (outer_cancelled_cb),
                                                 g_object_ref (call->cancellable),
                                                 g_object_unref);
  call->timeout_source = g_timeout_add (self->timeout_ms, timeout_cb, call);

  if (self->channel != NULL)
    {
      call->reused = TRUE;
      send_request (self);
    }
  else
    connect_and_send (self);
}

void
bn_hvmsh_client_call_async (BnHvmshClient       *self,
                            BnRequest           *request,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Call *call;

  g_return_if_fail (BN_IS_HVMSH_CLIENT (self));
  g_return_if_fail (request != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bn_hvmsh_client_call_async);
  /* a deadline also cancels the call; finish_current() tells the two apart */
  g_task_set_check_cancellable (task, FALSE);

  call = g_new0 (Call, 1);
  call->line = bn_request_format (request);
  call->cancellable = g_cancellable_new ();
  call->outer = cancellable ? g_object_ref (cancellable) : NULL;
  call->idempotent = bn_request_get_verb (request) == BN_VERB_GET;
  call->started = g_get_monotonic_time ();
  g_task_set_task_data (task, call, call_free);

  g_queue_push_tail (&self->queue, g_steal_pointer (&task));
  start_next (self);
}

BnReply *
bn_hvmsh_client_call_finish (BnHvmshClient  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
