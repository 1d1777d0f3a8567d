/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BN_SSH_ERROR (bn_ssh_error_quark ())

/**
 * BnSshError:
 * @BN_SSH_ERROR_FAILED: anything else (libssh2 could not start, bad arguments)
 * @BN_SSH_ERROR_UNREACHABLE: the name did not resolve, or the TCP connection was refused
 *   or had no route
 * @BN_SSH_ERROR_TIMEOUT: the connect timeout or the overall deadline passed
 * @BN_SSH_ERROR_HOST_KEY_MISMATCH: the server's host key is not the pinned one
 * @BN_SSH_ERROR_AUTH_FAILED: the server refused the password or the key (or the key file
 *   could not be read)
 * @BN_SSH_ERROR_COMMAND_FAILED: the command ran and exited non-zero or died of a signal, or
 *   the server refused to start it
 * @BN_SSH_ERROR_CONNECTION_LOST: the connection dropped after the command was started,
 *   before its exit status arrived (what a guest powering off looks like)
 * @BN_SSH_ERROR_PROTOCOL: the SSH handshake or a later exchange failed
 *
 * Cancellation is reported as %G_IO_ERROR_CANCELLED.
 */
typedef enum
{
  BN_SSH_ERROR_FAILED,
  BN_SSH_ERROR_UNREACHABLE,
  BN_SSH_ERROR_TIMEOUT,
  BN_SSH_ERROR_HOST_KEY_MISMATCH,
  BN_SSH_ERROR_AUTH_FAILED,
  BN_SSH_ERROR_COMMAND_FAILED,
  BN_SSH_ERROR_CONNECTION_LOST,
  BN_SSH_ERROR_PROTOCOL,
} BnSshError;

/**
 * BnSshRunFlags:
 * @BN_SSH_RUN_FLAGS_NONE: a non-zero exit status is a %BN_SSH_ERROR_COMMAND_FAILED error
 * @BN_SSH_RUN_ALLOW_FAILURE: return the result whatever the exit status (callers that parse
 *   the output of a failing command, e.g. `ldm`)
 */
typedef enum
{
  BN_SSH_RUN_FLAGS_NONE = 0,
  BN_SSH_RUN_ALLOW_FAILURE = 1 << 0,
} BnSshRunFlags;

GQuark bn_ssh_error_quark (void);

/* BnSshResult: what one command produced. Immutable, reference counted. */
typedef struct _BnSshResult BnSshResult;

#define BN_TYPE_SSH_RESULT (bn_ssh_result_get_type ())

GType         bn_ssh_result_get_type             (void) G_GNUC_CONST;
BnSshResult  *bn_ssh_result_ref                  (BnSshResult *self);
void          bn_ssh_result_unref                (BnSshResult *self);
int           bn_ssh_result_get_exit_status      (BnSshResult *self);
const char   *bn_ssh_result_get_exit_signal      (BnSshResult *self);
const char   *bn_ssh_result_get_stdout           (BnSshResult *self);
const char   *bn_ssh_result_get_stderr           (BnSshResult *self);
GBytes       *bn_ssh_result_get_stdout_bytes     (BnSshResult *self);
GBytes       *bn_ssh_result_get_stderr_bytes     (BnSshResult *self);
const char   *bn_ssh_result_get_host_key_sha256  (BnSshResult *self);
const char   *bn_ssh_result_get_host_key_type    (BnSshResult *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BnSshResult, bn_ssh_result_unref)

#define BN_TYPE_SSH_SESSION (bn_ssh_session_get_type ())

G_DECLARE_FINAL_TYPE (BnSshSession, bn_ssh_session, BN, SSH_SESSION, GObject)

BnSshSession *bn_ssh_session_new                    (const char    *host,
                                                     guint          port,
                                                     const char    *user);
const char   *bn_ssh_session_get_host               (BnSshSession  *self);
guint         bn_ssh_session_get_port               (BnSshSession  *self);
const char   *bn_ssh_session_get_user               (BnSshSession  *self);
void          bn_ssh_session_set_password           (BnSshSession  *self,
                                                     const char    *password);
const char   *bn_ssh_session_get_key_file           (BnSshSession  *self);
void          bn_ssh_session_set_key_file           (BnSshSession  *self,
                                                     const char    *key_file,
                                                     const char    *passphrase);
const char   *bn_ssh_session_get_host_key_sha256    (BnSshSession  *self);
void          bn_ssh_session_set_host_key_sha256    (BnSshSession  *self,
                                                     const char    *fingerprint);
guint         bn_ssh_session_get_connect_timeout_ms (BnSshSession  *self);
void          bn_ssh_session_set_connect_timeout_ms (BnSshSession  *self,
                                                     guint          timeout_ms);
guint         bn_ssh_session_get_timeout_ms         (BnSshSession  *self);
void          bn_ssh_session_set_timeout_ms         (BnSshSession  *self,
                                                     guint          timeout_ms);

void          bn_ssh_session_run_async              (BnSshSession        *self,
                                                     const char          *command,
                                                     GBytes              *stdin_bytes,
                                                     BnSshRunFlags        flags,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
BnSshResult  *bn_ssh_session_run_finish             (BnSshSession        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

char         *bn_ssh_fingerprint_normalize          (const char          *fingerprint);

G_END_DECLS
