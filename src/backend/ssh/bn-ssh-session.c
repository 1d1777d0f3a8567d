/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-ssh-session"

#include "config.h"

#include <errno.h>
#include <limits.h>
#include <string.h>

#include <libssh2.h>

#include "bn-ssh-session.h"

/* Output beyond this is read and dropped: a runaway command must not eat the console's
 * memory, and nothing we run (shutdown, ldm) prints anywhere near this much. */
#define MAX_OUTPUT (16 * 1024 * 1024)

/* How long a clean SSH disconnect may take once the command has finished. */
#define DISCONNECT_BUDGET_US (500 * G_TIME_SPAN_MILLISECOND)

struct _BnSshResult
{
  grefcount  ref;
  int        exit_status;
  char      *exit_signal;
  GBytes    *out;
  GBytes    *err;
  char      *host_key_sha256;
  char      *host_key_type;
};

struct _BnSshSession
{
  GObject  parent_instance;

  char    *host;
  guint    port;
  char    *user;
  char    *password;
  char    *key_file;
  char    *passphrase;
  char    *host_key_sha256;
  guint    connect_timeout_ms;
  guint    timeout_ms;
};

G_DEFINE_FINAL_TYPE (BnSshSession, bn_ssh_session, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (BnSshResult, bn_ssh_result, bn_ssh_result_ref, bn_ssh_result_unref)
G_DEFINE_QUARK (bn-ssh-error-quark, bn_ssh_error)

enum {
  PROP_0,
  PROP_HOST,
  PROP_PORT,
  PROP_USER,
  PROP_PASSWORD,
  PROP_KEY_FILE,
  PROP_KEY_PASSPHRASE,
  PROP_HOST_KEY_SHA256,
  PROP_CONNECT_TIMEOUT_MS,
  PROP_TIMEOUT_MS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Everything the worker thread needs, copied at run_async time so the thread never touches
 * the GObject (whose setters run on the caller's thread). */
typedef struct
{
  char                *host;
  guint                port;
  char                *user;
  char                *password;
  char                *key_file;
  char                *passphrase;
  char                *pin;
  char                *command;
  GBytes              *stdin_bytes;
  BnSshRunFlags        flags;
  guint                timeout_ms;
  guint                connect_timeout_ms;
  gint64               deadline;
  gint64               connect_deadline;

  /* worker state */
  GCancellable        *cancellable;
  GPollFD              cancel_pfd;
  gboolean             have_cancel_fd;
  GSocket             *socket;
  LIBSSH2_SESSION     *session;
  LIBSSH2_CHANNEL     *channel;
  const char          *stage;
  gboolean             started;
  gboolean             clean;
  char                *fingerprint;
  char                *key_type;
} RunData;

static void
secret_free (char *secret)
{
  if (secret != NULL)
    {
      explicit_bzero (secret, strlen (secret));
      g_free (secret);
    }
}

static void
run_data_free (RunData *rd)
{
  g_assert (rd->session == NULL);
  g_assert (rd->channel == NULL);

  g_free (rd->host);
  g_free (rd->user);
  g_clear_pointer (&rd->password, secret_free);
  g_free (rd->key_file);
  g_clear_pointer (&rd->passphrase, secret_free);
  g_free (rd->pin);
  g_free (rd->command);
  g_clear_pointer (&rd->stdin_bytes, g_bytes_unref);
  g_clear_object (&rd->socket);
  g_free (rd->fingerprint);
  g_free (rd->key_type);
  g_free (rd);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RunData, run_data_free)

static void
ensure_libssh2 (void)
{
  static gsize initialized = 0;

  /* libssh2_init is not thread-safe; every session after it is independent. */
  if (g_once_init_enter (&initialized))
    {
      int rc = libssh2_init (0);

      if (rc != 0)
        g_critical ("libssh2_init failed (%d)", rc);
      g_once_init_leave (&initialized, 1);
    }
}

/* ---- BnSshResult ------------------------------------------------------------------- */

BnSshResult *
bn_ssh_result_ref (BnSshResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_ref_count_inc (&self->ref);
  return self;
}

void
bn_ssh_result_unref (BnSshResult *self)
{
  g_return_if_fail (self != NULL);

  if (g_ref_count_dec (&self->ref))
    {
      g_free (self->exit_signal);
      g_bytes_unref (self->out);
      g_bytes_unref (self->err);
      g_free (self->host_key_sha256);
      g_free (self->host_key_type);
      g_free (self);
    }
}

/**
 * bn_ssh_result_get_exit_status:
 *
 * Returns: the command's exit status; -1 when it died of a signal (see
 *   bn_ssh_result_get_exit_signal()).
 */
int
bn_ssh_result_get_exit_status (BnSshResult *self)
{
  g_return_val_if_fail (self != NULL, -1);
  return self->exit_status;
}

/**
 * bn_ssh_result_get_exit_signal:
 *
 * Returns: (nullable): the signal name without "SIG" ("KILL"), or %NULL
 */
const char *
bn_ssh_result_get_exit_signal (BnSshResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->exit_signal;
}

/**
 * bn_ssh_result_get_stdout:
 *
 * Returns: the standard output, NUL-terminated (it may contain other NULs; use
 *   bn_ssh_result_get_stdout_bytes() for binary output)
 */
const char *
bn_ssh_result_get_stdout (BnSshResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_bytes_get_data (self->out, NULL);
}

const char *
bn_ssh_result_get_stderr (BnSshResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_bytes_get_data (self->err, NULL);
}

/**
 * bn_ssh_result_get_stdout_bytes:
 *
 * Returns: (transfer none): the standard output
 */
GBytes *
bn_ssh_result_get_stdout_bytes (BnSshResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->out;
}

/**
 * bn_ssh_result_get_stderr_bytes:
 *
 * Returns: (transfer none): the standard error
 */
GBytes *
bn_ssh_result_get_stderr_bytes (BnSshResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->err;
}

/**
 * bn_ssh_result_get_host_key_sha256:
 *
 * Returns: the server's host key fingerprint as OpenSSH prints it ("SHA256:…"), for a
 *   caller that pins keys on first use
 */
const char *
bn_ssh_result_get_host_key_sha256 (BnSshResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->host_key_sha256;
}

/**
 * bn_ssh_result_get_host_key_type:
 *
 * Returns: the host key algorithm ("ssh-ed25519", "ecdsa-sha2-nistp256", …)
 */
const char *
bn_ssh_result_get_host_key_type (BnSshResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->host_key_type;
}

/* ---- fingerprints ------------------------------------------------------------------ */

/**
 * bn_ssh_fingerprint_normalize:
 * @fingerprint: "SHA256:base64" as `ssh-keygen -lf` prints it, or the bare base64, with or
 *   without '=' padding
 *
 * Returns: (transfer full) (nullable): "SHA256:base64" without padding, or %NULL when
 *   @fingerprint is not a SHA-256 fingerprint
 */
char *
bn_ssh_fingerprint_normalize (const char *fingerprint)
{
  g_autofree char *b64 = NULL;
  g_autofree guchar *raw = NULL;
  gsize raw_len = 0;
  gsize len;

  g_return_val_if_fail (fingerprint != NULL, NULL);

  while (g_ascii_isspace (*fingerprint))
    fingerprint++;
  if (g_ascii_strncasecmp (fingerprint, "SHA256:", 7) == 0)
    fingerprint += 7;

  b64 = g_strstrip (g_strdup (fingerprint));
  len = strlen (b64);
  while (len > 0 && b64[len - 1] == '=')
    b64[--len] = '\0';
  if (len != 43 || strspn (b64, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                "0123456789+/") != len)
    return NULL;

  /* Round-trip through the decoder so a typo in the last character is caught too. */
  {
    g_autofree char *padded = g_strconcat (b64, "=", NULL);

    raw = g_base64_decode (padded, &raw_len);
  }
  if (raw_len != 32)
    return NULL;

  return g_strconcat ("SHA256:", b64, NULL);
}

static char *
fingerprint_from_digest (const guchar *digest)
{
  g_autofree char *b64 = g_base64_encode (digest, 32);
  gsize len = strlen (b64);

  while (len > 0 && b64[len - 1] == '=')
    b64[--len] = '\0';
  return g_strconcat ("SHA256:", b64, NULL);
}

static const char *
host_key_type_name (int type)
{
  switch (type)
    {
    case LIBSSH2_HOSTKEY_TYPE_RSA:       return "ssh-rsa";
    case LIBSSH2_HOSTKEY_TYPE_DSS:       return "ssh-dss";
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_256: return "ecdsa-sha2-nistp256";
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_384: return "ecdsa-sha2-nistp384";
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_521: return "ecdsa-sha2-nistp521";
    case LIBSSH2_HOSTKEY_TYPE_ED25519:   return "ssh-ed25519";
    default:                             return "unknown";
    }
}

/* ---- worker: waiting --------------------------------------------------------------- */

static void
set_timeout_error (RunData  *rd,
                   GError  **error)
{
  gboolean connect_phase = rd->socket == NULL || rd->session == NULL;
  guint ms = connect_phase && rd->connect_deadline < rd->deadline
             ? rd->connect_timeout_ms : rd->timeout_ms;

  g_set_error (error, BN_SSH_ERROR, BN_SSH_ERROR_TIMEOUT,
               "Timed out after %u ms %s %s:%u", ms, rd->stage, rd->host, rd->port);
}

/* Waits until the socket is ready for @events, the deadline passes or the cancellable
 * fires. Blocking here (not in libssh2) is what makes cancellation and deadlines work. */
static gboolean
wait_socket (RunData   *rd,
             gushort    events,
             gint64     deadline,
             GError   **error)
{
  for (;;)
    {
      GPollFD fds[2];
      guint n = 1;
      gint64 now;
      gint timeout;
      int rc;

      if (g_cancellable_set_error_if_cancelled (rd->cancellable, error))
        return FALSE;

      now = g_get_monotonic_time ();
      if (deadline != G_MAXINT64 && now >= deadline)
        {
          set_timeout_error (rd, error);
          return FALSE;
        }
      if (deadline == G_MAXINT64)
        timeout = -1;
      else
        timeout = (gint) MIN ((deadline - now + 999) / 1000, (gint64) INT_MAX);

      fds[0].fd = g_socket_get_fd (rd->socket);
      fds[0].events = events;
      fds[0].revents = 0;
      if (rd->have_cancel_fd)
        {
          fds[1] = rd->cancel_pfd;
          fds[1].revents = 0;
          n = 2;
        }

      rc = g_poll (fds, n, timeout);
      if (rc < 0)
        {
          int errsv = errno;

          if (errsv == EINTR)
            continue;
          g_set_error (error, BN_SSH_ERROR, BN_SSH_ERROR_FAILED, "poll: %s",
                       g_strerror (errsv));
          return FALSE;
        }
      if (rc > 0 && fds[0].revents != 0)
        return TRUE;
      /* timeout or cancellation: the loop head reports either */
    }
}

static gboolean
wait_session (RunData  *rd,
              GError  **error)
{
  int dirs = libssh2_session_block_directions (rd->session);
  gushort events = 0;

  if (dirs & LIBSSH2_SESSION_BLOCK_INBOUND)
    events |= G_IO_IN;
  if (dirs & LIBSSH2_SESSION_BLOCK_OUTBOUND)
    events |= G_IO_OUT;
  if (events == 0)
    events = G_IO_IN;

  return wait_socket (rd, events, rd->deadline, error);
}

/* ---- worker: errors ---------------------------------------------------------------- */

static gboolean
is_connection_error (int rc)
{
  switch (rc)
    {
    case LIBSSH2_ERROR_SOCKET_NONE:
    case LIBSSH2_ERROR_SOCKET_SEND:
    case LIBSSH2_ERROR_SOCKET_RECV:
    case LIBSSH2_ERROR_SOCKET_DISCONNECT:
    case LIBSSH2_ERROR_SOCKET_TIMEOUT:
    case LIBSSH2_ERROR_BAD_SOCKET:
    case LIBSSH2_ERROR_CHANNEL_CLOSED:
    case LIBSSH2_ERROR_CHANNEL_EOF_SENT:
    case LIBSSH2_ERROR_BANNER_RECV:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
set_libssh2_error (RunData     *rd,
                   int          rc,
                   BnSshError   code,
                   GError     **error)
{
  char *msg = NULL;

  libssh2_session_last_error (rd->session, &msg, NULL, 0);
  if (code == BN_SSH_ERROR_PROTOCOL && rd->started && is_connection_error (rc))
    {
      g_set_error (error, BN_SSH_ERROR, BN_SSH_ERROR_CONNECTION_LOST,
                   "Connection to %s:%u lost while running “%s” (%s)",
                   rd->host, rd->port, rd->command, msg && *msg ? msg : "disconnected");
      return;
    }
  g_set_error (error, BN_SSH_ERROR, code, "SSH %s %s:%u failed: %s (libssh2 error %d)",
               rd->stage, rd->host, rd->port, msg && *msg ? msg : "unknown error", rc);
}

/* ---- worker: connect --------------------------------------------------------------- */

static gboolean
connect_one (RunData         *rd,
             GInetAddress    *address,
             GError         **error)
{
  g_autoptr(GSocketAddress) sockaddr = g_inet_socket_address_new (address, rd->port);
  g_autoptr(GSocket) sock = NULL;
  g_autoptr(GError) local_error = NULL;

  sock = g_socket_new (g_inet_address_get_family (address), G_SOCKET_TYPE_STREAM,
                       G_SOCKET_PROTOCOL_TCP, error);
  if (sock == NULL)
    return FALSE;
  g_socket_set_blocking (sock, FALSE);

  if (!g_socket_connect (sock, sockaddr, NULL, &local_error))
    {
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PENDING))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_clear_error (&local_error);

      /* set_timeout_error() looks at rd->socket to word the message. */
      rd->socket = g_object_ref (sock);
      if (!wait_socket (rd, G_IO_OUT, rd->connect_deadline, error))
        {
          g_clear_object (&rd->socket);
          return FALSE;
        }
      g_clear_object (&rd->socket);
      if (!g_socket_check_connect_result (sock, error))
        return FALSE;
    }

  rd->socket = g_steal_pointer (&sock);
  return TRUE;
}

static gboolean
do_connect (RunData  *rd,
            GError  **error)
{
  g_autoptr(GInetAddress) numeric = g_inet_address_new_from_string (rd->host);
  g_autoptr(GError) last_error = NULL;
  GList *addresses;

  rd->stage = "connecting to";

  if (numeric != NULL)
    addresses = g_list_prepend (NULL, g_object_ref (numeric));
  else
    {
      g_autoptr(GResolver) resolver = g_resolver_get_default ();
      g_autoptr(GError) local_error = NULL;

      addresses = g_resolver_lookup_by_name (resolver, rd->host, rd->cancellable,
                                             &local_error);
      if (addresses == NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, BN_SSH_ERROR, BN_SSH_ERROR_UNREACHABLE,
                         "Cannot resolve “%s”: %s", rd->host, local_error->message);
          return FALSE;
        }
    }

  for (GList *l = addresses; l != NULL; l = l->next)
    {
      g_clear_error (&last_error);
      if (connect_one (rd, l->data, &last_error))
        break;
      /* A timeout or a cancel ends the attempt; a refusal tries the next address. */
      if (last_error->domain == BN_SSH_ERROR ||
          g_error_matches (last_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        break;
    }
  g_resolver_free_addresses (addresses);

  if (rd->socket != NULL)
    return TRUE;

  if (last_error->domain == BN_SSH_ERROR ||
      g_error_matches (last_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_steal_pointer (&last_error));
  else
    g_set_error (error, BN_SSH_ERROR, BN_SSH_ERROR_UNREACHABLE,
                 "Cannot connect to %s:%u: %s", rd->host, rd->port, last_error->message);
  return FALSE;
}

/* ---- worker: SSH ------------------------------------------------------------------- */

static gboolean
do_handshake (RunData  *rd,
              GError  **error)
{
  const char *digest;
  size_t key_len = 0;
  int key_type = LIBSSH2_HOSTKEY_TYPE_UNKNOWN;
  int rc;

  rd->stage = "handshake with";

  /* abstract = rd, for the keyboard-interactive callback */
  rd->session = libssh2_session_init_ex (NULL, NULL, NULL, rd);
  if (rd->session == NULL)
    {
      g_set_error (error, BN_SSH_ERROR, BN_SSH_ERROR_FAILED, "Cannot create an SSH session");
      return FALSE;
    }
  libssh2_session_set_blocking (rd->session, 0);

  while ((rc = libssh2_session_handshake (rd->session, g_socket_get_fd (rd->socket)))
         == LIBSSH2_ERROR_EAGAIN)
    if (!wait_session (rd, error))
      return FALSE;
  if (rc != 0)
    {
      set_libssh2_error (rd, rc, BN_SSH_ERROR_PROTOCOL, error);
      return FALSE;
    }

  /* Check the host key before any credential leaves this machine. */
  digest = libssh2_hostkey_hash (rd->session, LIBSSH2_HOSTKEY_HASH_SHA256);
  if (libssh2_session_hostkey (rd->session, &key_len, &key_type) == NULL || digest == NULL)
    {
      g_set_error (error, BN_SSH_ERROR, BN_SSH_ERROR_PROTOCOL,
                   "%s:%u sent no usable host key", rd->host, rd->port);
      return FALSE;
    }
  rd->fingerprint = fingerprint_from_digest ((const guchar *) digest);
  rd->key_type = g_strdup (host_key_type_name (key_type));

  if (rd->pin != NULL && g_strcmp0 (rd->pin, rd->fingerprint) != 0)
    {
      g_set_error (error, BN_SSH_ERROR, BN_SSH_ERROR_HOST_KEY_MISMATCH,
                   "Host key of %s:%u does not match the pinned key: expected %s, "
                   "the server presented %s %s. The host was reinstalled, or another "
                   "machine answers at this address",
                   rd->host, rd->port, rd->pin, rd->key_type, rd->fingerprint);
      return FALSE;
    }

  return TRUE;
}

static
LIBSSH2_USERAUTH_KBDINT_RESPONSE_FUNC (kbd_interactive_cb)
{
  RunData *rd = *abstract;

  /* Every prompt gets the password: servers with PAM ask "Password: " once. libssh2
   * frees the responses with its default allocator, i.e. free(). */
  for (int i = 0; i < num_prompts; i++)
    {
      responses[i].text = strdup (rd->password != NULL ? rd->password : "");
      responses[i].length = responses[i].text != NULL ? strlen (responses[i].text) : 0;
    }
}

static gboolean
method_offered (char * const *methods,
                const char   *name)
{
  return methods != NULL && g_strv_contains ((const char * const *) methods, name);
}

/* One libssh2 authentication call (returns its rc, LIBSSH2_ERROR_EAGAIN to be called again). */
typedef int (*AuthCall) (RunData      *rd,
                         unsigned int  user_len);

static int
auth_with_key (RunData      *rd,
               unsigned int  user_len)
{
  /* NULL public key: libssh2 derives it from the private key (OpenSSH format ok). */
  return libssh2_userauth_publickey_fromfile_ex (rd->session, rd->user, user_len, NULL,
                                                 rd->key_file, rd->passphrase);
}

static int
auth_with_password (RunData      *rd,
                    unsigned int  user_len)
{
  return libssh2_userauth_password_ex (rd->session, rd->user, user_len, rd->password,
                                       strlen (rd->password), NULL);
}

static int
auth_keyboard_interactive (RunData      *rd,
                           unsigned int  user_len)
{
  return libssh2_userauth_keyboard_interactive_ex (rd->session, rd->user, user_len,
                                                   kbd_interactive_cb);
}

/* Tries one method: FALSE with @error when the session broke; else *@accepted, and the
 * server's refusal in *@last_rc when it was refused (the next method may still do). */
static gboolean
try_auth (RunData       *rd,
          AuthCall       call,
          unsigned int   user_len,
          gboolean      *accepted,
          int           *last_rc,
          GError       **error)
{
  int rc;

  while ((rc = call (rd, user_len)) == LIBSSH2_ERROR_EAGAIN)
    if (!wait_session (rd, error))
      return FALSE;
  *accepted = rc == 0;
  if (rc != 0 && is_connection_error (rc))
    {
      set_libssh2_error (rd, rc, BN_SSH_ERROR_PROTOCOL, error);
      return FALSE;
    }
  if (rc != 0)
    *last_rc = rc;
  return TRUE;
}

static gboolean
do_auth (RunData  *rd,
         GError  **error)
{
  g_auto(GStrv) methods = NULL;
  g_autofree char *offered = NULL;
  unsigned int user_len = strlen (rd->user);
  int last_rc = 0;
  const char *last_method = NULL;
  gboolean accepted;
  char *list;
  int rc;

  rd->stage = "authentication at";

  while ((list = libssh2_userauth_list (rd->session, rd->user, user_len)) == NULL)
    {
      if (libssh2_userauth_authenticated (rd->session))
        return TRUE;
      rc = libssh2_session_last_errno (rd->session);
      if (rc != LIBSSH2_ERROR_EAGAIN)
        {
          set_libssh2_error (rd, rc, BN_SSH_ERROR_PROTOCOL, error);
          return FALSE;
        }
      if (!wait_session (rd, error))
        return FALSE;
    }
  offered = g_strdup (list);
  methods = g_strsplit (offered, ",", -1);

  if (rd->key_file == NULL && rd->password == NULL)
    {
      g_set_error (error, BN_SSH_ERROR, BN_SSH_ERROR_AUTH_FAILED,
                   "No password or key file given for %s@%s", rd->user, rd->host);
      return FALSE;
    }

  if (rd->key_file != NULL && method_offered (methods, "publickey"))
    {
      if (!g_file_test (rd->key_file, G_FILE_TEST_IS_REGULAR))
        {
          g_set_error (error, BN_SSH_ERROR, BN_SSH_ERROR_AUTH_FAILED,
                       "Cannot read the key file “%s”", rd->key_file);
          return FALSE;
        }
      if (!try_auth (rd, auth_with_key, user_len, &accepted, &last_rc, error))
        return FALSE;
      if (accepted)
        return TRUE;
      last_method = "key";
    }

  if (rd->password != NULL && (method_offered (methods, "password") ||
                               method_offered (methods, "keyboard-interactive")))
    {
      if (!try_auth (rd, method_offered (methods, "password") ? auth_with_password
                                                               : auth_keyboard_interactive,
                     user_len, &accepted, &last_rc, error))
        return FALSE;
      if (accepted)
        return TRUE;
      last_method = "password";
    }

  if (last_method == NULL)
    g_set_error (error, BN_SSH_ERROR, BN_SSH_ERROR_AUTH_FAILED,
                 "%s:%u accepts none of the given credentials for %s (it offers: %s)",
                 rd->host, rd->port, rd->user, offered);
  else if (last_rc == LIBSSH2_ERROR_PASSWORD_EXPIRED)
    g_set_error (error, BN_SSH_ERROR, BN_SSH_ERROR_AUTH_FAILED,
                 "The password of %s@%s has expired", rd->user, rd->host);
  else if (last_rc == LIBSSH2_ERROR_FILE || last_rc == LIBSSH2_ERROR_KEYFILE_AUTH_FAILED ||
           last_rc == LIBSSH2_ERROR_METHOD_NOT_SUPPORTED)
    {
      char *msg = NULL;

      libssh2_session_last_error (rd->session, &msg, NULL, 0);
      g_set_error (error, BN_SSH_ERROR, BN_SSH_ERROR_AUTH_FAILED,
                   "Cannot use the key file “%s”: %s (wrong passphrase, or a key type "
                   "libssh2 cannot sign with; use ed25519 or ecdsa)",
                   rd->key_file, msg && *msg ? msg : "unreadable");
    }
  else
    g_set_error (error, BN_SSH_ERROR, BN_SSH_ERROR_AUTH_FAILED,
                 "%s:%u refused the %s of %s", rd->host, rd->port, last_method, rd->user);
  return FALSE;
}

static gboolean
do_exec (RunData     *rd,
         GString     *out,
         GString     *err,
         GError     **error)
{
  char buf[16384];
  int rc;

  rd->stage = "opening a channel at";
  while ((rd->channel = libssh2_channel_open_session (rd->session)) == NULL)
    {
      rc = libssh2_session_last_errno (rd->session);
      if (rc != LIBSSH2_ERROR_EAGAIN)
        {
          set_libssh2_error (rd, rc, BN_SSH_ERROR_PROTOCOL, error);
          return FALSE;
        }
      if (!wait_session (rd, error))
        return FALSE;
    }

  rd->stage = "starting the command at";
  while ((rc = libssh2_channel_exec (rd->channel, rd->command)) == LIBSSH2_ERROR_EAGAIN)
    if (!wait_session (rd, error))
      return FALSE;
  if (rc == LIBSSH2_ERROR_CHANNEL_REQUEST_DENIED)
    {
      g_set_error (error, BN_SSH_ERROR, BN_SSH_ERROR_COMMAND_FAILED,
                   "%s:%u refused to run “%s”", rd->host, rd->port, rd->command);
      return FALSE;
    }
  if (rc != 0)
    {
      set_libssh2_error (rd, rc, BN_SSH_ERROR_PROTOCOL, error);
      return FALSE;
    }
  rd->started = TRUE;
  rd->stage = "running the command at";

  if (rd->stdin_bytes != NULL)
    {
      gsize len;
      const char *data = g_bytes_get_data (rd->stdin_bytes, &len);
      gsize done = 0;

      while (done < len)
        {
          ssize_t n = libssh2_channel_write (rd->channel, data + done, len - done);

          if (n == LIBSSH2_ERROR_EAGAIN)
            {
              if (!wait_session (rd, error))
                return FALSE;
              continue;
            }
          if (n < 0)
            {
              set_libssh2_error (rd, (int) n, BN_SSH_ERROR_PROTOCOL, error);
              return FALSE;
            }
          done += (gsize) n;
        }
    }

  /* Commands that read stdin must see EOF rather than wait for input forever. */
  while ((rc = libssh2_channel_send_eof (rd->channel)) == LIBSSH2_ERROR_EAGAIN)
    if (!wait_session (rd, error))
      return FALSE;
  if (rc != 0)
    {
      set_libssh2_error (rd, rc, BN_SSH_ERROR_PROTOCOL, error);
      return FALSE;
    }

  for (;;)
    {
      gboolean progressed = FALSE;
      ssize_t n;

      n = libssh2_channel_read (rd->channel, buf, sizeof buf);
      if (n > 0)
        {
          if (out->len < MAX_OUTPUT)
            g_string_append_len (out, buf, MIN ((gsize) n, MAX_OUTPUT - out->len));
          progressed = TRUE;
        }
      else if (n < 0 && n != LIBSSH2_ERROR_EAGAIN)
        {
          set_libssh2_error (rd, (int) n, BN_SSH_ERROR_PROTOCOL, error);
          return FALSE;
        }

      n = libssh2_channel_read_stderr (rd->channel, buf, sizeof buf);
      if (n > 0)
        {
          if (err->len < MAX_OUTPUT)
            g_string_append_len (err, buf, MIN ((gsize) n, MAX_OUTPUT - err->len));
          progressed = TRUE;
        }
      else if (n < 0 && n != LIBSSH2_ERROR_EAGAIN)
        {
          set_libssh2_error (rd, (int) n, BN_SSH_ERROR_PROTOCOL, error);
          return FALSE;
        }

      if (libssh2_channel_eof (rd->channel))
        break;
      if (!progressed && !wait_session (rd, error))
        return FALSE;
    }

  rd->stage = "closing the channel at";
  while ((rc = libssh2_channel_close (rd->channel)) == LIBSSH2_ERROR_EAGAIN)
    if (!wait_session (rd, error))
      return FALSE;
  if (rc == 0)
    while ((rc = libssh2_channel_wait_closed (rd->channel)) == LIBSSH2_ERROR_EAGAIN)
      if (!wait_session (rd, error))
        return FALSE;
  if (rc != 0)
    {
      set_libssh2_error (rd, rc, BN_SSH_ERROR_PROTOCOL, error);
      return FALSE;
    }

  return TRUE;
}

/* Frees the libssh2 objects. After a failure the socket is shut down first, so that the
 * CHANNEL_CLOSE / DISCONNECT libssh2 tries to send fails at once instead of returning
 * EAGAIN against a dead or stalled peer (and leaking the session). */
static void
teardown (RunData *rd)
{
  if (rd->session == NULL)
    return;

  if (rd->clean)
    {
      gint64 saved = rd->deadline;
      int rc;

      rd->deadline = MIN (rd->deadline, g_get_monotonic_time () + DISCONNECT_BUDGET_US);
      rd->stage = "disconnecting from";
      while ((rc = libssh2_session_disconnect (rd->session, "done")) == LIBSSH2_ERROR_EAGAIN)
        if (!wait_session (rd, NULL))
          break;
      rd->deadline = saved;
    }

  g_socket_shutdown (rd->socket, TRUE, TRUE, NULL);

  if (rd->channel != NULL)
    {
      for (guint i = 0; libssh2_channel_free (rd->channel) == LIBSSH2_ERROR_EAGAIN; i++)
        if (i > 100)
          {
            g_warning ("libssh2 would not free a channel; leaking it");
            break;
          }
      rd->channel = NULL;
    }

  for (guint i = 0; libssh2_session_free (rd->session) == LIBSSH2_ERROR_EAGAIN; i++)
    if (i > 100)
      {
        g_warning ("libssh2 would not free a session; leaking it");
        break;
      }
  rd->session = NULL;
}

static BnSshResult *
run_sync (RunData  *rd,
          GError  **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) err = g_string_new (NULL);
  BnSshResult *result;
  char *signal_name = NULL;
  size_t signal_len = 0;

  if (!do_connect (rd, error) ||
      !do_handshake (rd, error) ||
      !do_auth (rd, error) ||
      !do_exec (rd, out, err, error))
    return NULL;

  result = g_new0 (BnSshResult, 1);
  g_ref_count_init (&result->ref);
  result->exit_status = libssh2_channel_get_exit_status (rd->channel);
  if (libssh2_channel_get_exit_signal (rd->channel, &signal_name, &signal_len,
                                       NULL, NULL, NULL, NULL) == 0 &&
      signal_name != NULL)
    {
      result->exit_signal = g_strndup (signal_name, signal_len);
      result->exit_status = -1;
    }
  /* libssh2 allocated it with its default allocator */
  free (signal_name);
  result->out = g_string_free_to_bytes (g_steal_pointer (&out));
  result->err = g_string_free_to_bytes (g_steal_pointer (&err));
  result->host_key_sha256 = g_strdup (rd->fingerprint);
  result->host_key_type = g_strdup (rd->key_type);
  rd->clean = TRUE;

  if ((rd->flags & BN_SSH_RUN_ALLOW_FAILURE) == 0 &&
      (result->exit_status != 0 || result->exit_signal != NULL))
    {
      g_autofree char *detail = g_strstrip (g_strdup (bn_ssh_result_get_stderr (result)));
      char *nl = strchr (detail, '\n');

      if (nl != NULL)
        *nl = '\0';
      if (result->exit_signal != NULL)
        g_set_error (error, BN_SSH_ERROR, BN_SSH_ERROR_COMMAND_FAILED,
                     "“%s” on %s was killed by signal %s%s%s", rd->command, rd->host,
                     result->exit_signal, *detail ? ": " : "", detail);
      else
        g_set_error (error, BN_SSH_ERROR, BN_SSH_ERROR_COMMAND_FAILED,
                     "“%s” on %s exited with status %d%s%s", rd->command, rd->host,
                     result->exit_status, *detail ? ": " : "", detail);
      bn_ssh_result_unref (result);
      return NULL;
    }

  return result;
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *rd = task_data;
  g_autoptr(GError) error = NULL;
  BnSshResult *result;

  rd->cancellable = cancellable;
  if (cancellable != NULL)
    rd->have_cancel_fd = g_cancellable_make_pollfd (cancellable, &rd->cancel_pfd);

  result = run_sync (rd, &error);
  teardown (rd);

  if (rd->have_cancel_fd)
    g_cancellable_release_fd (cancellable);
  rd->cancellable = NULL;

  if (result != NULL)
    g_task_return_pointer (task, result, (GDestroyNotify) bn_ssh_result_unref);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * bn_ssh_session_run_async:
 * @self: a #BnSshSession
 * @command: the command line, run by the remote user's shell
 * @stdin_bytes: (nullable): what to feed the command's standard input; it then sees EOF
 * @flags: #BnSshRunFlags
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the caller's thread-default main context
 * @user_data: data for @callback
 *
 * Connects (one new connection per call), checks the host key against the pin if one is
 * set, authenticates (key file first when set, then password, falling back to
 * keyboard-interactive), runs @command and collects its output and exit status. The
 * whole exchange runs in a worker thread with non-blocking libssh2, so the connect
 * timeout, the overall deadline (timeout-ms, counted from this call) and @cancellable are
 * honoured at every step. Settings changed after this call do not affect it.
 */
void
bn_ssh_session_run_async (BnSshSession        *self,
                          const char          *command,
                          GBytes              *stdin_bytes,
                          BnSshRunFlags        flags,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(RunData) rd = NULL;
  gint64 now = g_get_monotonic_time ();

  g_return_if_fail (BN_IS_SSH_SESSION (self));
  g_return_if_fail (command != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  ensure_libssh2 ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bn_ssh_session_run_async);
  g_task_set_name (task, "[bn-ssh] run");

  rd = g_new0 (RunData, 1);
  rd->host = g_strdup (self->host);
  rd->port = self->port;
  rd->user = g_strdup (self->user);
  rd->password = g_strdup (self->password);
  rd->key_file = g_strdup (self->key_file);
  rd->passphrase = g_strdup (self->passphrase);
  rd->pin = g_strdup (self->host_key_sha256);
  rd->command = g_strdup (command);
  rd->stdin_bytes = stdin_bytes != NULL ? g_bytes_ref (stdin_bytes) : NULL;
  rd->flags = flags;
  rd->timeout_ms = self->timeout_ms;
  rd->connect_timeout_ms = self->connect_timeout_ms;
  rd->deadline = self->timeout_ms > 0
                 ? now + (gint64) self->timeout_ms * G_TIME_SPAN_MILLISECOND : G_MAXINT64;
  rd->connect_deadline = self->connect_timeout_ms > 0
                         ? now + (gint64) self->connect_timeout_ms * G_TIME_SPAN_MILLISECOND
                         : G_MAXINT64;
  rd->connect_deadline = MIN (rd->connect_deadline, rd->deadline);
  rd->stage = "connecting to";

  if (rd->host == NULL || *rd->host == '\0' || rd->user == NULL || *rd->user == '\0' ||
      rd->port == 0 || rd->port > 65535)
    {
      g_task_return_new_error (task, BN_SSH_ERROR, BN_SSH_ERROR_FAILED,
                               "An SSH session needs a host, a port and a user");
      return;
    }

  g_task_set_task_data (task, g_steal_pointer (&rd), (GDestroyNotify) run_data_free);
  g_task_run_in_thread (task, run_thread);
}

/**
 * bn_ssh_session_run_finish:
 *
 * Returns: (transfer full): the result, or %NULL with @error set: a #BnSshError, or
 *   %G_IO_ERROR_CANCELLED
 */
BnSshResult *
bn_ssh_session_run_finish (BnSshSession  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (BN_IS_SSH_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bn_ssh_session_run_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- GObject ----------------------------------------------------------------------- */

static void
bn_ssh_session_finalize (GObject *object)
{
  BnSshSession *self = BN_SSH_SESSION (object);

  g_free (self->host);
  g_free (self->user);
  secret_free (self->password);
  g_free (self->key_file);
  secret_free (self->passphrase);
  g_free (self->host_key_sha256);

  G_OBJECT_CLASS (bn_ssh_session_parent_class)->finalize (object);
}

static void
bn_ssh_session_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BnSshSession *self = BN_SSH_SESSION (object);

  switch (prop_id)
    {
    case PROP_HOST:
      g_value_set_string (value, self->host);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_USER:
      g_value_set_string (value, self->user);
      break;
    case PROP_KEY_FILE:
      g_value_set_string (value, self->key_file);
      break;
    case PROP_HOST_KEY_SHA256:
      g_value_set_string (value, self->host_key_sha256);
      break;
    case PROP_CONNECT_TIMEOUT_MS:
      g_value_set_uint (value, self->connect_timeout_ms);
      break;
    case PROP_TIMEOUT_MS:
      g_value_set_uint (value, self->timeout_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bn_ssh_session_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  BnSshSession *self = BN_SSH_SESSION (object);

  switch (prop_id)
    {
    case PROP_HOST:
      self->host = g_value_dup_string (value);
      break;
    case PROP_PORT:
      self->port = g_value_get_uint (value);
      break;
    case PROP_USER:
      self->user = g_value_dup_string (value);
      break;
    case PROP_PASSWORD:
      bn_ssh_session_set_password (self, g_value_get_string (value));
      break;
    case PROP_KEY_FILE:
      if (g_strcmp0 (self->key_file, g_value_get_string (value)) != 0)
        {
          g_free (self->key_file);
          self->key_file = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_KEY_PASSPHRASE:
      secret_free (self->passphrase);
      self->passphrase = g_value_dup_string (value);
      break;
    case PROP_HOST_KEY_SHA256:
      bn_ssh_session_set_host_key_sha256 (self, g_value_get_string (value));
      break;
    case PROP_CONNECT_TIMEOUT_MS:
      bn_ssh_session_set_connect_timeout_ms (self, g_value_get_uint (value));
      break;
    case PROP_TIMEOUT_MS:
      bn_ssh_session_set_timeout_ms (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bn_ssh_session_class_init (BnSshSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bn_ssh_session_finalize;
  object_class->get_property = bn_ssh_session_get_property;
  object_class->set_property = bn_ssh_session_set_property;

  properties[PROP_HOST] =
    g_param_spec_string ("host", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 1, 65535, 22,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER] =
    g_param_spec_string ("user", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Secrets are write-only so property dumps and inspectors never show them. */
  properties[PROP_PASSWORD] =
    g_param_spec_string ("password", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEY_FILE] =
    g_param_spec_string ("key-file", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KEY_PASSPHRASE] =
    g_param_spec_string ("key-passphrase", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOST_KEY_SHA256] =
    g_param_spec_string ("host-key-sha256", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONNECT_TIMEOUT_MS] =
    g_param_spec_uint ("connect-timeout-ms", NULL, NULL, 0, G_MAXUINT, 10000,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT_MS] =
    g_param_spec_uint ("timeout-ms", NULL, NULL, 0, G_MAXUINT, 60000,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bn_ssh_session_init (BnSshSession *self)
{
  self->port = 22;
}

/**
 * bn_ssh_session_new:
 * @host: a host name or an IPv4/IPv6 address
 * @port: the TCP port (22 for the standard one)
 * @user: the remote user
 *
 * Returns: (transfer full): a new #BnSshSession with a 10 s connect timeout and a 60 s
 *   overall deadline, no credentials and no host key pin
 */
BnSshSession *
bn_ssh_session_new (const char *host,
                    guint       port,
                    const char *user)
{
  g_return_val_if_fail (host != NULL, NULL);
  g_return_val_if_fail (port > 0 && port <= 65535, NULL);
  g_return_val_if_fail (user != NULL, NULL);

  return g_object_new (BN_TYPE_SSH_SESSION, "host", host, "port", port, "user", user, NULL);
}

const char *
bn_ssh_session_get_host (BnSshSession *self)
{
  g_return_val_if_fail (BN_IS_SSH_SESSION (self), NULL);
  return self->host;
}

guint
bn_ssh_session_get_port (BnSshSession *self)
{
  g_return_val_if_fail (BN_IS_SSH_SESSION (self), 0);
  return self->port;
}

const char *
bn_ssh_session_get_user (BnSshSession *self)
{
  g_return_val_if_fail (BN_IS_SSH_SESSION (self), NULL);
  return self->user;
}

/**
 * bn_ssh_session_set_password:
 * @password: (nullable): the password, or %NULL for none
 */
void
bn_ssh_session_set_password (BnSshSession *self,
                             const char   *password)
{
  g_return_if_fail (BN_IS_SSH_SESSION (self));

  secret_free (self->password);
  self->password = g_strdup (password);
}

const char *
bn_ssh_session_get_key_file (BnSshSession *self)
{
  g_return_val_if_fail (BN_IS_SSH_SESSION (self), NULL);
  return self->key_file;
}

/**
 * bn_ssh_session_set_key_file:
 * @key_file: (nullable): path of an OpenSSH-format private key (ed25519 or ecdsa: libssh2
 *   1.10 signs RSA with SHA-1 only, which OpenSSH 8.8+ refuses)
 * @passphrase: (nullable): the key's passphrase
 */
void
bn_ssh_session_set_key_file (BnSshSession *self,
                             const char   *key_file,
                             const char   *passphrase)
{
  g_return_if_fail (BN_IS_SSH_SESSION (self));

  secret_free (self->passphrase);
  self->passphrase = g_strdup (passphrase);
  if (g_strcmp0 (self->key_file, key_file) != 0)
    {
      g_free (self->key_file);
      self->key_file = g_strdup (key_file);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY_FILE]);
    }
}

const char *
bn_ssh_session_get_host_key_sha256 (BnSshSession *self)
{
  g_return_val_if_fail (BN_IS_SSH_SESSION (self), NULL);
  return self->host_key_sha256;
}

/**
 * bn_ssh_session_set_host_key_sha256:
 * @fingerprint: (nullable): the expected host key, "SHA256:…" as `ssh-keygen -lf` prints
 *   it; %NULL accepts any key (the result then tells which one was seen)
 *
 * A malformed fingerprint is kept as given, so that the next run fails with
 * %BN_SSH_ERROR_HOST_KEY_MISMATCH rather than silently trusting any key.
 */
void
bn_ssh_session_set_host_key_sha256 (BnSshSession *self,
                                    const char   *fingerprint)
{
  g_autofree char *normalized = NULL;

  g_return_if_fail (BN_IS_SSH_SESSION (self));

  if (fingerprint != NULL)
    {
      normalized = bn_ssh_fingerprint_normalize (fingerprint);
      if (normalized == NULL)
        {
          g_warning ("“%s” is not a SHA-256 host key fingerprint", fingerprint);
          normalized = g_strdup (fingerprint);
        }
    }

  if (g_strcmp0 (self->host_key_sha256, normalized) != 0)
    {
      g_free (self->host_key_sha256);
      self->host_key_sha256 = g_steal_pointer (&normalized);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOST_KEY_SHA256]);
    }
}

guint
bn_ssh_session_get_connect_timeout_ms (BnSshSession *self)
{
  g_return_val_if_fail (BN_IS_SSH_SESSION (self), 0);
  return self->connect_timeout_ms;
}

/**
 * bn_ssh_session_set_connect_timeout_ms:
 * @timeout_ms: how long the TCP connect may take, 0 for no limit beyond the overall one
 */
void
bn_ssh_session_set_connect_timeout_ms (BnSshSession *self,
                                       guint         timeout_ms)
{
  g_return_if_fail (BN_IS_SSH_SESSION (self));

  if (self->connect_timeout_ms != timeout_ms)
    {
      self->connect_timeout_ms = timeout_ms;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECT_TIMEOUT_MS]);
    }
}

guint
bn_ssh_session_get_timeout_ms (BnSshSession *self)
{
  g_return_val_if_fail (BN_IS_SSH_SESSION (self), 0);
  return self->timeout_ms;
}

/**
 * bn_ssh_session_set_timeout_ms:
 * @timeout_ms: the deadline for a whole run (connect, handshake, auth, command), 0 for none
 */
void
bn_ssh_session_set_timeout_ms (BnSshSession *self,
                               guint         timeout_ms)
{
  g_return_if_fail (BN_IS_SSH_SESSION (self));

  if (self->timeout_ms != timeout_ms)
    {
      self->timeout_ms = timeout_ms;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT_MS]);
    }
}
