/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ssh-session"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "bn-guest-shutdown.h"
#include "bn-ssh-session.h"
#include "ssh-harness.h"

/* BnSshSession and the Linux side of bn_guest_shutdown against a real sshd on 127.0.0.1
 * whose ForceCommand is tools/bnguest-agent. */

typedef struct
{
  BnTestSshd *sshd;
  char       *dir;
  char       *marker;     /* written by the agent's notify command */
  char       *agent_log;  /* one line per request the agent saw */
} Guest;

static void
guest_free (Guest *guest)
{
  if (guest == NULL)
    return;
  bn_test_sshd_free (guest->sshd);
  bn_test_remove_tree (guest->dir);
  g_free (guest->dir);
  g_free (guest->marker);
  g_free (guest->agent_log);
  g_free (guest);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Guest, guest_free)

/* Starts sshd with bnguest-agent as ForceCommand; NULL (test skipped) without sshd. */
static Guest *
start_guest (double      delay,
             const char *extra_args)
{
  g_autoptr(Guest) guest = g_new0 (Guest, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *notify = NULL;
  g_autofree char *args = NULL;
  g_autofree char *force_command = NULL;

  /* The marker and log paths must be known before sshd starts; they live in a dir of
   * their own, world-writable so a throw-away user's session may write there. */
  guest->dir = g_dir_make_tmp ("bn-guest-XXXXXX", NULL);
  g_assert_nonnull (guest->dir);
  g_chmod (guest->dir, 0777);
  guest->marker = g_build_filename (guest->dir, "marker", NULL);
  guest->agent_log = g_build_filename (guest->dir, "agent.log", NULL);
  notify = g_strdup_printf ("echo \"$BNGUEST_ACTION $BNGUEST_FORCED\" > %s.tmp && mv %s.tmp %s",
                            guest->marker, guest->marker, guest->marker);
  args = g_strdup_printf ("--log %s%s%s", guest->agent_log, extra_args ? " " : "",
                          extra_args ? extra_args : "");
  force_command = bn_test_guest_agent_command (notify, delay, args);

  guest->sshd = bn_test_sshd_new (force_command, &error);
  if (guest->sshd == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_test_skip (error->message);
          return NULL;
        }
      g_error ("%s", error->message);
    }
  return g_steal_pointer (&guest);
}

static char *
read_file (const char *path)
{
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static BnSshSession *
new_session (Guest      *guest,
             const char *user)
{
  BnSshSession *session = bn_ssh_session_new (bn_test_sshd_get_host (guest->sshd),
                                              bn_test_sshd_get_port (guest->sshd),
                                              user ? user : g_get_user_name ());

  bn_ssh_session_set_timeout_ms (session, 20000);
  return session;
}

/* Runs one command, spinning the main context; @elapsed_ms gets the wall time. */
static BnSshResult *
run (BnSshSession   *session,
     const char     *command,
     GBytes         *stdin_bytes,
     BnSshRunFlags   flags,
     GCancellable   *cancellable,
     gint64         *elapsed_ms,
     GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  gint64 start = g_get_monotonic_time ();
  BnSshResult *ret;

  bn_ssh_session_run_async (session, command, stdin_bytes, flags, cancellable,
                            store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (elapsed_ms != NULL)
    *elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  ret = bn_ssh_session_run_finish (session, result, error);
  if (ret == NULL && error != NULL && *error != NULL)
    g_test_message ("run(“%s”): %s", command, (*error)->message);
  return ret;
}

/* GTask may drop its last reference (and the session it holds) in the worker thread just
 * after the callback ran: wait for that before checking nothing else keeps the object. */
static void
assert_finalize_eventually (gpointer object)
{
  gpointer weak = object;
  gint64 end = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;

  g_object_add_weak_pointer (object, &weak);
  g_object_unref (object);
  while (weak != NULL && g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
  g_assert_null (weak);
}

static gboolean
shutdown_sync (const BnGuestShutdownOptions  *options,
               GError                       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bn_guest_shutdown_with_options_async (options, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return bn_guest_shutdown_finish (result, error);
}

static void
assert_marker (Guest      *guest,
               const char *expected)
{
  g_autofree char *contents = NULL;

  g_assert_true (bn_test_wait_for_file (guest->marker, 10000));
  contents = read_file (guest->marker);
  g_assert_cmpstr (contents, ==, expected);
}

/* ---- tests ------------------------------------------------------------------------- */

static void
test_key_success (void)
{
  g_autoptr(Guest) guest = start_guest (0, NULL);
  g_autoptr(BnSshSession) session = NULL;
  g_autoptr(BnSshResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL;
  g_autofree char *keygen_out = NULL;
  g_autofree char *pub = NULL;

  if (guest == NULL)
    return;

  /* our fingerprint format is the one ssh-keygen -lf prints */
  pub = g_build_filename (bn_test_sshd_get_dir (guest->sshd), "host_ed25519.pub", NULL);
  {
    const char *argv[] = { "ssh-keygen", "-l", "-E", "sha256", "-f", pub, NULL };
    g_autoptr(GSubprocess) proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                                     &error);

    g_assert_no_error (error);
    g_subprocess_communicate_utf8 (proc, NULL, NULL, &keygen_out, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (keygen_out, bn_test_sshd_get_host_key_sha256 (guest->sshd)));
  }

  session = new_session (guest, NULL);
  bn_ssh_session_set_key_file (session, bn_test_sshd_get_client_key (guest->sshd), NULL);
  bn_ssh_session_set_host_key_sha256 (session, bn_test_sshd_get_host_key_sha256 (guest->sshd));

  result = run (session, "shutdown -h now", NULL, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (bn_ssh_result_get_exit_status (result), ==, 0);
  g_assert_null (bn_ssh_result_get_exit_signal (result));
  g_assert_cmpstr (bn_ssh_result_get_host_key_sha256 (result), ==,
                   bn_test_sshd_get_host_key_sha256 (guest->sshd));
  g_assert_cmpstr (bn_ssh_result_get_host_key_type (result), ==, "ssh-ed25519");

  assert_marker (guest, "shutdown 0\n");
  log = read_file (guest->agent_log);
  g_assert_nonnull (strstr (log, "shutdown forced=0 \"shutdown -h now\""));

  g_clear_pointer (&result, bn_ssh_result_unref);
  assert_finalize_eventually (g_steal_pointer (&session));
}

static void
test_key_forced (void)
{
  g_autoptr(Guest) guest = start_guest (0, NULL);
  g_autoptr(BnSshSession) session = NULL;
  g_autoptr(BnSshResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (guest == NULL)
    return;

  session = new_session (guest, NULL);
  bn_ssh_session_set_key_file (session, bn_test_sshd_get_client_key (guest->sshd), NULL);
  result = run (session, "poweroff -f", NULL, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_marker (guest, "poweroff 1\n");
}

static void
test_key_wrong (void)
{
  g_autoptr(Guest) guest = start_guest (0, NULL);
  g_autoptr(BnSshSession) session = NULL;
  g_autoptr(BnSshResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (guest == NULL)
    return;

  session = new_session (guest, NULL);
  bn_ssh_session_set_key_file (session, bn_test_sshd_get_other_key (guest->sshd), NULL);
  result = run (session, "shutdown -h now", NULL, 0, NULL, NULL, &error);
  g_assert_error (error, BN_SSH_ERROR, BN_SSH_ERROR_AUTH_FAILED);
  g_assert_null (result);
  g_assert_false (g_file_test (guest->agent_log, G_FILE_TEST_EXISTS));

  /* a key file that is not there */
  g_clear_error (&error);
  bn_ssh_session_set_key_file (session, "/nonexistent/id_ed25519", NULL);
  result = run (session, "shutdown -h now", NULL, 0, NULL, NULL, &error);
  g_assert_error (error, BN_SSH_ERROR, BN_SSH_ERROR_AUTH_FAILED);
  g_assert_nonnull (strstr (error->message, "/nonexistent/id_ed25519"));

  /* no credentials at all */
  g_clear_error (&error);
  bn_ssh_session_set_key_file (session, NULL, NULL);
  result = run (session, "shutdown -h now", NULL, 0, NULL, NULL, &error);
  g_assert_error (error, BN_SSH_ERROR, BN_SSH_ERROR_AUTH_FAILED);

}

static void
test_password (void)
{
  g_autoptr(Guest) guest = NULL;
  g_autoptr(BnTestUser) user = NULL;
  g_autoptr(BnSshSession) session = NULL;
  g_autoptr(BnSshResult) result = NULL;
  g_autoptr(GError) error = NULL;

  user = bn_test_user_new (&error);
  if (user == NULL)
    {
      g_test_skip (error->message);
      return;
    }
  guest = start_guest (0, NULL);
  if (guest == NULL)
    return;

  session = new_session (guest, bn_test_user_get_name (user));
  bn_ssh_session_set_password (session, "not-the-password");
  result = run (session, "shutdown -h now", NULL, 0, NULL, NULL, &error);
  g_assert_error (error, BN_SSH_ERROR, BN_SSH_ERROR_AUTH_FAILED);
  g_assert_nonnull (strstr (error->message, "password"));
  g_assert_false (g_file_test (guest->agent_log, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  bn_ssh_session_set_password (session, bn_test_user_get_password (user));
  result = run (session, "shutdown -h now", NULL, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bn_ssh_result_get_exit_status (result), ==, 0);
  g_assert_cmpstr (bn_ssh_result_get_stderr (result), ==, "");
  assert_marker (guest, "shutdown 0\n");
  {
    g_autofree char *log = read_file (guest->agent_log);

    g_assert_nonnull (strstr (log, bn_test_user_get_name (user)));
  }

}

static void
test_unreachable (void)
{
  g_autoptr(BnSshSession) session = NULL;
  g_autoptr(BnSshResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 elapsed = 0;

  session = bn_ssh_session_new ("127.0.0.1", bn_test_closed_port (), "root");
  bn_ssh_session_set_password (session, "x");
  result = run (session, "shutdown -h now", NULL, 0, NULL, &elapsed, &error);
  g_assert_error (error, BN_SSH_ERROR, BN_SSH_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, "refused"));
  g_test_message ("refused after %" G_GINT64_FORMAT " ms", elapsed);
  /* refused at once, not after the session's timeout */
  g_assert_cmpint (elapsed, <, 5000);
}

static void
test_host_key_mismatch (void)
{
  g_autoptr(Guest) guest = start_guest (0, NULL);
  g_autoptr(BnSshSession) session = NULL;
  g_autoptr(BnSshResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sshd_log = NULL;

  if (guest == NULL)
    return;

  session = new_session (guest, NULL);
  bn_ssh_session_set_key_file (session, bn_test_sshd_get_client_key (guest->sshd), NULL);
  bn_ssh_session_set_host_key_sha256 (session,
                                      bn_test_sshd_get_other_key_sha256 (guest->sshd));
  result = run (session, "shutdown -h now", NULL, 0, NULL, NULL, &error);
  g_assert_error (error, BN_SSH_ERROR, BN_SSH_ERROR_HOST_KEY_MISMATCH);
  g_assert_nonnull (strstr (error->message, bn_test_sshd_get_other_key_sha256 (guest->sshd)));
  g_assert_nonnull (strstr (error->message, bn_test_sshd_get_host_key_sha256 (guest->sshd)));

  /* no credential was offered, nothing ran */
  g_assert_false (g_file_test (guest->agent_log, G_FILE_TEST_EXISTS));
  sshd_log = bn_test_sshd_dup_log (guest->sshd);
  g_assert_null (strstr (sshd_log, "Accepted publickey"));

  /* a pin without the "SHA256:" prefix and with padding is the same pin */
  g_clear_error (&error);
  {
    g_autofree char *bare = g_strconcat (bn_test_sshd_get_host_key_sha256 (guest->sshd) + 7,
                                         "=", NULL);

    bn_ssh_session_set_host_key_sha256 (session, bare);
  }
  g_assert_cmpstr (bn_ssh_session_get_host_key_sha256 (session), ==,
                   bn_test_sshd_get_host_key_sha256 (guest->sshd));
  result = run (session, "shutdown -h now", NULL, 0, NULL, NULL, &error);
  g_assert_no_error (error);

}

static void
test_slow_shutdown (void)
{
  /* the agent keeps the SSH command open until its notify ran, 2 s later */
  g_autoptr(Guest) guest = start_guest (2.0, "--wait");
  g_autoptr(BnSshSession) session = NULL;
  g_autoptr(BnSshResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 elapsed = 0;

  if (guest == NULL)
    return;

  session = new_session (guest, NULL);
  bn_ssh_session_set_key_file (session, bn_test_sshd_get_client_key (guest->sshd), NULL);

  /* the caller's deadline ends the wait; the guest goes down anyway */
  bn_ssh_session_set_timeout_ms (session, 700);
  result = run (session, "shutdown -h now", NULL, 0, NULL, &elapsed, &error);
  g_assert_error (error, BN_SSH_ERROR, BN_SSH_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "700 ms"));
  g_test_message ("timed out after %" G_GINT64_FORMAT " ms", elapsed);
  /* TIMEOUT, not an answer: the guest's 2 s did not end it */
  g_assert_cmpint (elapsed, >=, 690);
  assert_marker (guest, "shutdown 0\n");

  /* with room to wait, the same guest answers after its 2 s */
  g_clear_error (&error);
  g_unlink (guest->marker);
  bn_ssh_session_set_timeout_ms (session, 15000);
  result = run (session, "shutdown -h now", NULL, 0, NULL, &elapsed, &error);
  g_assert_no_error (error);
  g_test_message ("slow shutdown answered after %" G_GINT64_FORMAT " ms", elapsed);
  g_assert_cmpint (elapsed, >=, 1900);
  g_assert_true (g_file_test (guest->marker, G_FILE_TEST_EXISTS));

}

/* A TCP server that accepts connections (the kernel does) and never says a word. */
static GSocket *
stalled_server (guint *port)
{
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) bound = NULL;
  GSocket *sock;

  sock = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                       NULL);
  g_assert_true (g_socket_bind (sock, any, TRUE, NULL));
  g_assert_true (g_socket_listen (sock, NULL));
  bound = g_socket_get_local_address (sock, NULL);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  return sock;
}

static void
test_stalled_server (void)
{
  g_autoptr(GSocket) listener = NULL;
  g_autoptr(BnSshSession) session = NULL;
  g_autoptr(BnSshResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 elapsed = 0;
  guint port = 0;

  listener = stalled_server (&port);
  session = bn_ssh_session_new ("127.0.0.1", port, "root");
  bn_ssh_session_set_password (session, "x");
  bn_ssh_session_set_timeout_ms (session, 500);
  result = run (session, "shutdown -h now", NULL, 0, NULL, &elapsed, &error);
  g_assert_error (error, BN_SSH_ERROR, BN_SSH_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "handshake"));
  g_test_message ("%s after %" G_GINT64_FORMAT " ms", error->message, elapsed);
  g_assert_cmpint (elapsed, >=, 490);
  g_assert_cmpint (elapsed, <, 5000);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr(GSocket) listener = NULL;
  g_autoptr(BnSshSession) session = NULL;
  g_autoptr(BnSshResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  gint64 elapsed = 0;
  guint port = 0;

  listener = stalled_server (&port);
  session = bn_ssh_session_new ("127.0.0.1", port, "root");
  bn_ssh_session_set_password (session, "x");
  bn_ssh_session_set_timeout_ms (session, 0);   /* only the cancellable can end it */
  g_timeout_add (200, cancel_cb, cancellable);
  result = run (session, "shutdown -h now", NULL, 0, cancellable, &elapsed, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (elapsed, <, 5000);

  /* already cancelled: fails at once */
  g_clear_error (&error);
  result = run (session, "shutdown -h now", NULL, 0, cancellable, &elapsed, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_command_refused (void)
{
  g_autoptr(Guest) guest = start_guest (0, NULL);
  g_autoptr(BnSshSession) session = NULL;
  g_autoptr(BnSshResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (guest == NULL)
    return;

  session = new_session (guest, NULL);
  bn_ssh_session_set_key_file (session, bn_test_sshd_get_client_key (guest->sshd), NULL);
  result = run (session, "rm -rf /", NULL, 0, NULL, NULL, &error);
  g_assert_error (error, BN_SSH_ERROR, BN_SSH_ERROR_COMMAND_FAILED);
  g_assert_nonnull (strstr (error->message, "status 126"));
  g_assert_nonnull (strstr (error->message, "not allowed"));

  g_clear_error (&error);
  result = run (session, "rm -rf /", NULL, BN_SSH_RUN_ALLOW_FAILURE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bn_ssh_result_get_exit_status (result), ==, 126);
  g_assert_nonnull (strstr (bn_ssh_result_get_stderr (result), "not allowed"));
  g_assert_false (g_file_test (guest->marker, G_FILE_TEST_EXISTS));

}

/* What the SPARC ldm driver needs: arbitrary commands, stdin, stdout/stderr, status. */
static void
test_generic_commands (void)
{
  g_autoptr(BnTestSshd) sshd = NULL;
  g_autoptr(BnSshSession) session = NULL;
  g_autoptr(BnSshResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) input = g_bytes_new_static ("line 1\nline 2\n", 14);
  gsize len = 0;

  sshd = bn_test_sshd_new (NULL, &error);
  if (sshd == NULL)
    {
      g_test_skip (error->message);
      return;
    }

  session = bn_ssh_session_new ("127.0.0.1", bn_test_sshd_get_port (sshd), g_get_user_name ());
  bn_ssh_session_set_key_file (session, bn_test_sshd_get_client_key (sshd), NULL);
  bn_ssh_session_set_host_key_sha256 (session, bn_test_sshd_get_host_key_sha256 (sshd));

  result = run (session, "printf out; printf err >&2; exit 3", NULL, BN_SSH_RUN_ALLOW_FAILURE,
                NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bn_ssh_result_get_exit_status (result), ==, 3);
  g_assert_cmpstr (bn_ssh_result_get_stdout (result), ==, "out");
  g_assert_cmpstr (bn_ssh_result_get_stderr (result), ==, "err");
  g_clear_pointer (&result, bn_ssh_result_unref);

  result = run (session, "printf out; printf 'err\\nmore' >&2; exit 3", NULL, 0, NULL, NULL,
                &error);
  g_assert_error (error, BN_SSH_ERROR, BN_SSH_ERROR_COMMAND_FAILED);
  g_assert_nonnull (strstr (error->message, "exited with status 3: err"));
  g_clear_error (&error);

  result = run (session, "cat", input, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bn_ssh_result_get_stdout (result), ==, "line 1\nline 2\n");
  g_clear_pointer (&result, bn_ssh_result_unref);

  /* more than the channel window, on both streams */
  result = run (session, "head -c 3000000 /dev/zero | tr '\\0' x; head -c 100000 /dev/zero >&2",
                NULL, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_bytes_get_data (bn_ssh_result_get_stdout_bytes (result), &len);
  g_assert_cmpuint (len, ==, 3000000);
  g_assert_cmpint (bn_ssh_result_get_stdout (result)[2999999], ==, 'x');
  g_bytes_get_data (bn_ssh_result_get_stderr_bytes (result), &len);
  g_assert_cmpuint (len, ==, 100000);
  g_clear_pointer (&result, bn_ssh_result_unref);

  result = run (session, "kill -TERM $$", NULL, BN_SSH_RUN_ALLOW_FAILURE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bn_ssh_result_get_exit_signal (result), ==, "TERM");
  g_assert_cmpint (bn_ssh_result_get_exit_status (result), ==, -1);
  g_clear_pointer (&result, bn_ssh_result_unref);

  /* several runs at once on one session object, each its own connection */
  {
    GAsyncResult *results[4] = { NULL, };
    guint done = 0;

    for (guint i = 0; i < G_N_ELEMENTS (results); i++)
      {
        g_autofree char *cmd = g_strdup_printf ("sleep 0.2; echo %u", i);

        bn_ssh_session_run_async (session, cmd, NULL, 0, NULL, store_result_cb, &results[i]);
      }
    while (done < G_N_ELEMENTS (results))
      {
        g_main_context_iteration (NULL, TRUE);
        done = 0;
        for (guint i = 0; i < G_N_ELEMENTS (results); i++)
          done += results[i] != NULL;
      }
    for (guint i = 0; i < G_N_ELEMENTS (results); i++)
      {
        g_autofree char *expected = g_strdup_printf ("%u\n", i);

        result = bn_ssh_session_run_finish (session, results[i], &error);
        g_assert_no_error (error);
        g_assert_cmpstr (bn_ssh_result_get_stdout (result), ==, expected);
        g_clear_pointer (&result, bn_ssh_result_unref);
        g_object_unref (results[i]);
      }
  }

  assert_finalize_eventually (g_steal_pointer (&session));
}

static void
test_connection_lost (void)
{
  /* the agent kills its sshd session process: no exit status ever arrives */
  g_autoptr(Guest) guest = start_guest (0, "--hangup");
  g_autoptr(BnSshSession) session = NULL;
  g_autoptr(BnSshResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BnGuestShutdownOptions options = { 0 };

  if (guest == NULL)
    return;

  session = new_session (guest, NULL);
  bn_ssh_session_set_key_file (session, bn_test_sshd_get_client_key (guest->sshd), NULL);
  result = run (session, "poweroff -f", NULL, 0, NULL, NULL, &error);
  g_assert_error (error, BN_SSH_ERROR, BN_SSH_ERROR_CONNECTION_LOST);
  assert_marker (guest, "poweroff 1\n");
  g_clear_error (&error);
  g_unlink (guest->marker);

  /* for the facade that is a guest going down */
  options.os = BN_GUEST_OS_LINUX;
  options.address = "127.0.0.1";
  options.port = bn_test_sshd_get_port (guest->sshd);
  options.user = g_get_user_name ();
  options.key_file = bn_test_sshd_get_client_key (guest->sshd);
  options.force = TRUE;
  g_assert_true (shutdown_sync (&options, &error));
  g_assert_no_error (error);
  assert_marker (guest, "poweroff 1\n");

}

static void
test_facade_linux (void)
{
  g_autoptr(Guest) guest = start_guest (0, NULL);
  g_autoptr(GError) error = NULL;
  BnGuestShutdownOptions options = { 0 };

  if (guest == NULL)
    return;

  g_assert_cmpstr (bn_guest_shutdown_command_for (BN_GUEST_OS_LINUX, FALSE), ==,
                   "shutdown -h now");
  g_assert_cmpstr (bn_guest_shutdown_command_for (BN_GUEST_OS_LINUX, TRUE), ==,
                   "poweroff -f");

  options.os = BN_GUEST_OS_LINUX;
  options.address = "127.0.0.1";
  options.port = bn_test_sshd_get_port (guest->sshd);
  options.user = g_get_user_name ();
  options.key_file = bn_test_sshd_get_client_key (guest->sshd);
  options.host_key_sha256 = bn_test_sshd_get_host_key_sha256 (guest->sshd);
  g_assert_true (shutdown_sync (&options, &error));
  g_assert_no_error (error);
  assert_marker (guest, "shutdown 0\n");
  g_unlink (guest->marker);

  options.force = TRUE;
  g_assert_true (shutdown_sync (&options, &error));
  assert_marker (guest, "poweroff 1\n");

  /* errors come through with the SSH codes */
  options.host_key_sha256 = bn_test_sshd_get_other_key_sha256 (guest->sshd);
  g_assert_false (shutdown_sync (&options, &error));
  g_assert_error (error, BN_SSH_ERROR, BN_SSH_ERROR_HOST_KEY_MISMATCH);
  g_clear_error (&error);

  options.host_key_sha256 = NULL;
  options.key_file = bn_test_sshd_get_other_key (guest->sshd);
  g_assert_false (shutdown_sync (&options, &error));
  g_assert_error (error, BN_SSH_ERROR, BN_SSH_ERROR_AUTH_FAILED);
  g_clear_error (&error);

  options.port = bn_test_closed_port ();
  g_assert_false (shutdown_sync (&options, &error));
  g_assert_error (error, BN_SSH_ERROR, BN_SSH_ERROR_UNREACHABLE);

}

static void
test_facade_linux_refused (void)
{
  /* a user without the right to shut down */
  g_autoptr(Guest) guest = start_guest (0, "--fail 'shutdown: Must be root.'");
  g_autoptr(GError) error = NULL;
  BnGuestShutdownOptions options = { 0 };

  if (guest == NULL)
    return;

  options.os = BN_GUEST_OS_LINUX;
  options.address = "127.0.0.1";
  options.port = bn_test_sshd_get_port (guest->sshd);
  options.user = g_get_user_name ();
  options.key_file = bn_test_sshd_get_client_key (guest->sshd);
  g_assert_false (shutdown_sync (&options, &error));
  g_assert_error (error, BN_SSH_ERROR, BN_SSH_ERROR_COMMAND_FAILED);
  g_assert_nonnull (strstr (error->message, "Must be root"));
  g_assert_false (g_file_test (guest->marker, G_FILE_TEST_EXISTS));

}

static void
store_shutdown_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static void
test_facade_linux_password (void)
{
  g_autoptr(BnTestUser) user = NULL;
  g_autoptr(Guest) guest = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  user = bn_test_user_new (&error);
  if (user == NULL)
    {
      g_test_skip (error->message);
      return;
    }
  guest = start_guest (0, NULL);
  if (guest == NULL)
    return;

  /* exactly the Guest OS Information fields */
  bn_guest_shutdown_async (BN_GUEST_OS_LINUX, "127.0.0.1", bn_test_sshd_get_port (guest->sshd),
                           bn_test_user_get_name (user), bn_test_user_get_password (user),
                           FALSE, NULL, store_shutdown_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (bn_guest_shutdown_finish (result, &error));
  g_assert_no_error (error);
  assert_marker (guest, "shutdown 0\n");

}

static void
test_fingerprint_normalize (void)
{
  const char *fp = "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU";
  g_autofree char *a = bn_ssh_fingerprint_normalize (fp);
  g_autofree char *b =
    bn_ssh_fingerprint_normalize ("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  g_autofree char *c =
    bn_ssh_fingerprint_normalize (" sha256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU ");
  g_autofree char *bad1 = bn_ssh_fingerprint_normalize ("MD5:aa:bb");
  g_autofree char *bad2 = bn_ssh_fingerprint_normalize ("SHA256:short");

  g_assert_cmpstr (a, ==, fp);
  g_assert_cmpstr (b, ==, fp);
  g_assert_cmpstr (c, ==, fp);
  g_assert_null (bad1);
  g_assert_null (bad2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ssh/fingerprint/normalize", test_fingerprint_normalize);
  g_test_add_func ("/ssh/key/success", test_key_success);
  g_test_add_func ("/ssh/key/forced", test_key_forced);
  g_test_add_func ("/ssh/key/wrong", test_key_wrong);
  g_test_add_func ("/ssh/password", test_password);
  g_test_add_func ("/ssh/unreachable", test_unreachable);
  g_test_add_func ("/ssh/host-key-mismatch", test_host_key_mismatch);
  g_test_add_func ("/ssh/slow-shutdown", test_slow_shutdown);
  g_test_add_func ("/ssh/stalled-server", test_stalled_server);
  g_test_add_func ("/ssh/cancel", test_cancel);
  g_test_add_func ("/ssh/command-refused", test_command_refused);
  g_test_add_func ("/ssh/generic-commands", test_generic_commands);
  g_test_add_func ("/ssh/connection-lost", test_connection_lost);
  g_test_add_func ("/guest-shutdown/linux", test_facade_linux);
  g_test_add_func ("/guest-shutdown/linux/refused", test_facade_linux_refused);
  g_test_add_func ("/guest-shutdown/linux/password", test_facade_linux_password);

  return g_test_run ();
}
