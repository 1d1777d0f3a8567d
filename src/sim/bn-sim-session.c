/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-sim-session"

#include "config.h"

#include <string.h>

#include "bn-error.h"
#include "bn-line-channel.h"
#include "bn-protocol.h"
#include "bn-sim-blade.h"
#include "bn-sim-commands.h"
#include "bn-sim-session.h"

/* One management-server connection to a blade: TLS handshake, then request/reply pairs in
 * order.  A session that stays silent is closed so idle consoles don't pin resources. */

#define HANDSHAKE_TIMEOUT_S 10
#define IDLE_TIMEOUT_S      300

struct _BnSimSession
{
  GObject            parent_instance;
  BnSimBlade        *blade;        /* weak: the blade owns its sessions */
  GSocketConnection *connection;
  GTlsCertificate   *certificate;
  GIOStream         *tls;
  BnLineChannel     *channel;
  GCancellable      *cancellable;
  char              *refusal;
  char              *banner;
  guint              timeout_source;
  gboolean           closed;
};

enum {
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BnSimSession, bn_sim_session, G_TYPE_OBJECT)

static void
bn_sim_session_dispose (GObject *object)
{
  BnSimSession *self = (BnSimSession *) object;

  g_clear_handle_id (&self->timeout_source, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->channel);
  g_clear_object (&self->tls);
  g_clear_object (&self->connection);
  g_clear_object (&self->certificate);

  G_OBJECT_CLASS (bn_sim_session_parent_class)->dispose (object);
}

static void
bn_sim_session_finalize (GObject *object)
{
  BnSimSession *self = (BnSimSession *) object;

  g_free (self->refusal);
  g_free (self->banner);

  G_OBJECT_CLASS (bn_sim_session_parent_class)->finalize (object);
}

static void
bn_sim_session_class_init (BnSimSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bn_sim_session_dispose;
  object_class->finalize = bn_sim_session_finalize;

  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
bn_sim_session_init (BnSimSession *self)
{
  self->cancellable = g_cancellable_new ();
}

BnSimSession *
bn_sim_session_new (BnSimBlade        *blade,
                    GSocketConnection *connection,
                    GTlsCertificate   *certificate,
                    const char        *refusal)
{
  BnSimSession *self = g_object_new (BN_TYPE_SIM_SESSION, NULL);

  self->blade = blade;
  self->connection = g_object_ref (connection);
  self->certificate = certificate ? g_object_ref (certificate) : NULL;
  self->refusal = g_strdup (refusal);
  return self;
}

void
bn_sim_session_close (BnSimSession *self)
{
  g_autoptr(BnSimSession) hold = NULL;

  if (self->closed)
    return;
  hold = g_object_ref (self);
  self->closed = TRUE;
  g_clear_handle_id (&self->timeout_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->connection != NULL)
    g_io_stream_close (G_IO_STREAM (self->connection), NULL, NULL);
  g_signal_emit (self, signals[CLOSED], 0);
}

static gboolean
timeout_cb (gpointer user_data)
{
  BnSimSession *self = user_data;

  self->timeout_source = 0;
  g_debug ("closing an idle or stalled session");
  bn_sim_session_close (self);
  return G_SOURCE_REMOVE;
}

static void
arm_timeout (BnSimSession *self,
             guint         seconds)
{
  g_clear_handle_id (&self->timeout_source, g_source_remove);
  self->timeout_source = g_timeout_add_seconds (seconds, timeout_cb, self);
}

static void read_next (BnSimSession *self);

static void
reply_written_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(BnSimSession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!bn_line_channel_write_line_finish (BN_LINE_CHANNEL (object), result, &error))
    {
      g_debug ("cannot write a reply: %s", error->message);
      bn_sim_session_close (self);
      return;
    }
  if (self->refusal != NULL)
    {
      bn_sim_session_close (self);
      return;
    }
  read_next (self);
}

static void
send_reply (BnSimSession *self,
            BnSimReply   *reply)
{
  g_autofree char *line = bn_sim_reply_format (reply);

  if (self->closed)
    return;
  bn_line_channel_write_line_async (self->channel, line, -1, self->cancellable,
                                    reply_written_cb, g_object_ref (self));
}

static void
command_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(BnSimSession) self = user_data;
  g_autoptr(BnSimReply) reply = bn_sim_commands_dispatch_finish (result);

  send_reply (self, reply);
}

static void
line_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(BnSimSession) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BnRequest) request = NULL;
  g_autofree char *line = NULL;
  gsize length = 0;

  line = bn_line_channel_read_line_finish (BN_LINE_CHANNEL (object), result, &length, &error);
  if (line == NULL)
    {
      if (g_error_matches (error, BN_ERROR, BN_ERROR_INVALID_DATA) && !self->closed)
        {
          g_autoptr(BnSimReply) reply = bn_sim_reply_new_error (BN_RC_SYNTAX, NULL, "%s",
                                                                error->message);
          /* the stream is out of sync after an oversized line: answer, then hang up */
          g_free (self->refusal);
          self->refusal = g_strdup (error->message);
          send_reply (self, reply);
          return;
        }
      bn_sim_session_close (self);
      return;
    }

  /* a request being served is not idle time */
  g_clear_handle_id (&self->timeout_source, g_source_remove);

  request = bn_request_parse (line, length, &error);
  if (request == NULL)
    {
      g_autoptr(BnSimReply) reply = bn_sim_reply_new_error (BN_RC_SYNTAX, NULL, "%s",
                                                            error->message);
      send_reply (self, reply);
      return;
    }

  bn_sim_commands_dispatch_async (self->blade, request, self->cancellable,
                                  command_done_cb, g_object_ref (self));
}

static void
read_next (BnSimSession *self)
{
  if (self->closed)
    return;
  arm_timeout (self, IDLE_TIMEOUT_S);
  bn_line_channel_read_line_async (self->channel, self->cancellable, line_read_cb,
                                   g_object_ref (self));
}

static void
handshake_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(BnSimSession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_tls_connection_handshake_finish (G_TLS_CONNECTION (object), result, &error))
    {
      g_debug ("TLS handshake failed: %s", error->message);
      bn_sim_session_close (self);
      return;
    }
  read_next (self);
}

static void
start_tls (BnSimSession *self)
{
  g_autoptr(GError) error = NULL;
  GIOStream *tls;

  self->tls = G_IO_STREAM (g_object_ref (self->connection));
  if (self->certificate == NULL)
    {
      self->channel = bn_line_channel_new (self->tls, BN_PROTOCOL_MAX_REQUEST);
      read_next (self);
      return;
    }

  /* no client certificates are asked for, so no trust store: loading the system one for
   * every connection would cost more than the handshake */
  tls = g_initable_new (g_tls_backend_get_server_connection_type (g_tls_backend_get_default ()),
                        NULL, &error,
                        "base-io-stream", self->connection,
                        "certificate", self->certificate,
                        "database", NULL,
                        "authentication-mode", G_TLS_AUTHENTICATION_NONE,
                        NULL);
  if (tls == NULL)
    {
      g_warning ("cannot set up TLS: %s", error->message);
      bn_sim_session_close (self);
      return;
    }
  g_set_object (&self->tls, tls);
  g_object_unref (tls);
  self->channel = bn_line_channel_new (self->tls, BN_PROTOCOL_MAX_REQUEST);

  arm_timeout (self, HANDSHAKE_TIMEOUT_S);
  g_tls_connection_handshake_async (G_TLS_CONNECTION (self->tls), G_PRIORITY_DEFAULT,
                                    self->cancellable, handshake_cb, g_object_ref (self));
}

static void
banner_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(BnSimSession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error) ||
      self->refusal != NULL)
    {
      bn_sim_session_close (self);
      return;
    }
  start_tls (self);
}

/* The blade speaks first, in plain text, before any TLS: a console can then tell a blade
 * that hangs after accepting a connection (no banner) from a slow handshake, without
 * spending a TLS worker thread on it.  A refused client learns why right here. */
void
bn_sim_session_start (BnSimSession *self)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (self->connection));

  if (self->refusal != NULL)
    self->banner = g_strdup_printf ("%s REFUSED %s\n", BN_PROTOCOL_BANNER, self->refusal);
  else
    self->banner = g_strdup_printf ("%s %s\n", BN_PROTOCOL_BANNER,
                                    self->certificate ? "TLS" : "PLAIN");
  arm_timeout (self, HANDSHAKE_TIMEOUT_S);
  g_output_stream_write_all_async (out, self->banner, strlen (self->banner), G_PRIORITY_DEFAULT,
                                   self->cancellable, banner_written_cb, g_object_ref (self));
}
