/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-guest-shutdown"

#include "config.h"

#include "bn-guest-shutdown.h"
#include "bn-ssh-session.h"
#include "bn-wsman-client.h"

G_DEFINE_ENUM_TYPE (BnGuestOsType, bn_guest_os_type,
  G_DEFINE_ENUM_VALUE (BN_GUEST_OS_LINUX, "linux"),
  G_DEFINE_ENUM_VALUE (BN_GUEST_OS_WINDOWS, "windows"))

/* The TCP connect gets at most this much of the deadline: a dead guest should be
 * reported as unreachable long before the whole call would time out. */
#define CONNECT_TIMEOUT_MS 10000

/**
 * bn_guest_shutdown_command_for:
 *
 * Returns: what is sent to the guest: the SSH command line for Linux, the
 *   WS-Management method for Windows (for logs and the documentation)
 */
const char *
bn_guest_shutdown_command_for (BnGuestOsType os,
                               gboolean      force)
{
  switch (os)
    {
    case BN_GUEST_OS_LINUX:
      return force ? BN_GUEST_SHUTDOWN_LINUX_FORCED_COMMAND : BN_GUEST_SHUTDOWN_LINUX_COMMAND;
    case BN_GUEST_OS_WINDOWS:
      return force ? "Win32_OperatingSystem.Win32Shutdown(Flags=5)"
                   : "Win32_OperatingSystem.Win32Shutdown(Flags=1)";
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
is_going_down_signal (const char *signal_name)
{
  /* what a shell gets when the guest stops user sessions during its own shutdown */
  return g_strcmp0 (signal_name, "TERM") == 0 || g_strcmp0 (signal_name, "HUP") == 0 ||
         g_strcmp0 (signal_name, "KILL") == 0;
}

static void
ssh_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  BnSshSession *session = BN_SSH_SESSION (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(BnSshResult) ssh_result = NULL;
  g_autoptr(GError) error = NULL;
  const char *command = g_task_get_task_data (task);

  ssh_result = bn_ssh_session_run_finish (session, result, &error);
  if (ssh_result == NULL)
    {
      /* `poweroff -f` (or a quick `shutdown`) can take the network down before the exit
       * status is sent: the request reached the guest, which is what matters here. The
       * engine confirms by polling the LPAR state. */
      if (g_error_matches (error, BN_SSH_ERROR, BN_SSH_ERROR_CONNECTION_LOST))
        {
          g_debug ("%s: connection lost after “%s”; taking it as shutting down",
                   bn_ssh_session_get_host (session), command);
          g_task_return_boolean (task, TRUE);
        }
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (bn_ssh_result_get_exit_status (ssh_result) == 0 ||
      is_going_down_signal (bn_ssh_result_get_exit_signal (ssh_result)))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  {
    g_autofree char *detail = g_strstrip (g_strdup (bn_ssh_result_get_stderr (ssh_result)));

    if (bn_ssh_result_get_exit_signal (ssh_result) != NULL)
      g_task_return_new_error (task, BN_SSH_ERROR, BN_SSH_ERROR_COMMAND_FAILED,
                               "“%s” on %s was killed by signal %s%s%s", command,
                               bn_ssh_session_get_host (session),
                               bn_ssh_result_get_exit_signal (ssh_result),
                               *detail ? ": " : "", detail);
    else
      g_task_return_new_error (task, BN_SSH_ERROR, BN_SSH_ERROR_COMMAND_FAILED,
                               "“%s” on %s exited with status %d%s%s (the user needs "
                               "the right to shut the system down)", command,
                               bn_ssh_session_get_host (session),
                               bn_ssh_result_get_exit_status (ssh_result),
                               *detail ? ": " : "", detail);
  }
}

static void
wsman_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  guint return_value = 0;

  if (bn_wsman_client_win32_shutdown_finish (BN_WSMAN_CLIENT (source), result, &return_value,
                                             &error))
    g_task_return_boolean (task, TRUE);
  else if (return_value == BN_WIN32_ERROR_SHUTDOWN_IN_PROGRESS)
    /* an earlier request (or someone at the console) already started it */
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * bn_guest_shutdown_with_options_async:
 * @options: what to shut down and how; copied
 * @cancellable: (nullable): a #GCancellable
 *
 * Asks the guest OS to shut down: Linux runs %BN_GUEST_SHUTDOWN_LINUX_COMMAND (forced:
 * %BN_GUEST_SHUTDOWN_LINUX_FORCED_COMMAND) over SSH; Windows gets
 * Win32_OperatingSystem.Win32Shutdown with Flags 1 (forced: 5) over WS-Management. It
 * completes when the guest has accepted the request, not when the LPAR is off.
 */
void
bn_guest_shutdown_with_options_async (const BnGuestShutdownOptions *options,
                                      GCancellable                 *cancellable,
                                      GAsyncReadyCallback           callback,
                                      gpointer                      user_data)
{
  g_autoptr(GTask) task = NULL;
  guint timeout_ms;

  g_return_if_fail (options != NULL);
  g_return_if_fail (options->os == BN_GUEST_OS_LINUX || options->os == BN_GUEST_OS_WINDOWS);
  g_return_if_fail (options->address != NULL);
  g_return_if_fail (options->user != NULL);
  g_return_if_fail (options->port <= 65535);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, bn_guest_shutdown_with_options_async);
  g_task_set_name (task, "[bn-guest-shutdown]");

  timeout_ms = options->timeout_ms > 0 ? options->timeout_ms
                                       : BN_GUEST_SHUTDOWN_DEFAULT_TIMEOUT_MS;

  if (options->os == BN_GUEST_OS_LINUX)
    {
      g_autoptr(BnSshSession) session = NULL;
      const char *command = bn_guest_shutdown_command_for (BN_GUEST_OS_LINUX, options->force);

      session = bn_ssh_session_new (options->address,
                                    options->port ? options->port : BN_GUEST_SHUTDOWN_SSH_PORT,
                                    options->user);
      bn_ssh_session_set_password (session, options->password);
      bn_ssh_session_set_key_file (session, options->key_file, NULL);
      bn_ssh_session_set_host_key_sha256 (session, options->host_key_sha256);
      bn_ssh_session_set_timeout_ms (session, timeout_ms);
      bn_ssh_session_set_connect_timeout_ms (session, MIN (timeout_ms, CONNECT_TIMEOUT_MS));

      g_task_set_task_data (task, (gpointer) command, NULL);
      /* The session's own task keeps it alive until the callback. */
      bn_ssh_session_run_async (session, command, NULL, BN_SSH_RUN_ALLOW_FAILURE,
                                cancellable, ssh_done_cb, g_steal_pointer (&task));
    }
  else
    {
      g_autoptr(BnWsmanClient) client = NULL;
      guint flags = BN_WIN32_SHUTDOWN_SHUTDOWN;

      if (options->force)
        flags |= BN_WIN32_SHUTDOWN_FORCED;
      client = bn_wsman_client_new (options->address,
                                    options->port ? options->port
                                                  : BN_GUEST_SHUTDOWN_WSMAN_PORT,
                                    options->user, options->password);
      bn_wsman_client_set_timeout_ms (client, timeout_ms);
      bn_wsman_client_win32_shutdown_async (client, flags, cancellable, wsman_done_cb,
                                            g_steal_pointer (&task));
    }
}

/**
 * bn_guest_shutdown_async:
 * @os: %BN_GUEST_OS_LINUX or %BN_GUEST_OS_WINDOWS
 * @address: the guest's IP address
 * @port: 0 for the default (22 / 5985)
 * @user: the user ID
 * @password: (nullable): the password
 * @force: forced shutdown
 *
 * bn_guest_shutdown_with_options_async() with the fields of Guest OS Information (for
 * remote Shutdown) and the default timeout.
 */
void
bn_guest_shutdown_async (BnGuestOsType        os,
                         const char          *address,
                         guint                port,
                         const char          *user,
                         const char          *password,
                         gboolean             force,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  BnGuestShutdownOptions options = {
    .os = os,
    .address = address,
    .port = port,
    .user = user,
    .password = password,
    .force = force,
  };

  bn_guest_shutdown_with_options_async (&options, cancellable, callback, user_data);
}

/**
 * bn_guest_shutdown_finish:
 *
 * Returns: %TRUE when the guest accepted the shutdown request; otherwise %FALSE with a
 *   #BnSshError (Linux), a #BnWsmanError (Windows) or %G_IO_ERROR_CANCELLED
 */
gboolean
bn_guest_shutdown_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        bn_guest_shutdown_with_options_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
