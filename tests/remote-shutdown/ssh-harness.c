/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-test-sshd"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "ssh-harness.h"

#define SSHD_PATH      "/usr/sbin/sshd"
#define START_TIMEOUT  (10 * G_TIME_SPAN_SECOND)

struct _BnTestSshd
{
  char        *dir;
  char        *shared_dir;
  char        *config;
  char        *log;
  char        *client_key;
  char        *other_key;
  char        *host_key_sha256;
  char        *other_key_sha256;
  guint        port;
  GSubprocess *process;
};

struct _BnTestUser
{
  char *name;
  char *password;
};

/* ---- helpers ----------------------------------------------------------------------- */

void
bn_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (path == NULL)
    return;

  if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK) &&
      g_file_test (path, G_FILE_TEST_IS_DIR) &&
      (dir = g_dir_open (path, 0, NULL)) != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          bn_test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static gboolean
run_quiet (const char * const  *argv,
           const char          *stdin_text,
           GError             **error)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autofree char *out = NULL;
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE;

  if (stdin_text != NULL)
    flags |= G_SUBPROCESS_FLAGS_STDIN_PIPE;
  proc = g_subprocess_newv (argv, flags, error);
  if (proc == NULL)
    return FALSE;
  if (!g_subprocess_communicate_utf8 (proc, stdin_text, NULL, &out, NULL, error))
    return FALSE;
  if (!g_subprocess_get_successful (proc))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s failed: %s", argv[0],
                   out != NULL ? g_strstrip (out) : "");
      return FALSE;
    }
  return TRUE;
}

static gboolean
keygen (const char  *path,
        const char  *comment,
        GError     **error)
{
  const char *argv[] = { "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment,
                         "-f", path, NULL };

  return run_quiet (argv, NULL, error);
}

/**
 * bn_test_ssh_fingerprint_of_pub:
 * @pub_path: an OpenSSH public key file ("ssh-ed25519 AAAA… comment")
 *
 * Returns: the key's "SHA256:…" fingerprint, computed the way `ssh-keygen -lf` does
 */
char *
bn_test_ssh_fingerprint_of_pub (const char  *pub_path,
                                GError     **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;
  g_autofree guchar *blob = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  gsize blob_len = 0;
  g_autofree char *b64 = NULL;
  gsize len;

  if (!g_file_get_contents (pub_path, &contents, NULL, error))
    return NULL;
  fields = g_strsplit_set (g_strstrip (contents), " \t", 3);
  if (g_strv_length (fields) < 2)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: not a public key",
                   pub_path);
      return NULL;
    }
  blob = g_base64_decode (fields[1], &blob_len);
  g_checksum_update (checksum, blob, blob_len);
  g_checksum_get_digest (checksum, digest, &digest_len);
  b64 = g_base64_encode (digest, digest_len);
  len = strlen (b64);
  while (len > 0 && b64[len - 1] == '=')
    b64[--len] = '\0';
  return g_strconcat ("SHA256:", b64, NULL);
}

guint
bn_test_closed_port (void)
{
  g_autoptr(GSocket) sock = NULL;
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) bound = NULL;

  sock = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                       NULL);
  g_assert_nonnull (sock);
  g_assert_true (g_socket_bind (sock, any, FALSE, NULL));
  bound = g_socket_get_local_address (sock, NULL);
  g_assert_nonnull (bound);
  /* closed when sock goes: nothing listens there for a while */
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/**
 * bn_test_wait_for_file:
 *
 * Iterates the default main context until @path exists or @timeout_ms pass.
 */
gboolean
bn_test_wait_for_file (const char *path,
                       guint       timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;

  while (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (g_get_monotonic_time () >= end)
        return FALSE;
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (10 * 1000);
    }
  return TRUE;
}

/**
 * bn_test_guest_agent_path:
 *
 * Returns: the built tools/bnguest-agent (from $BNGUEST_AGENT, which meson sets)
 */
const char *
bn_test_guest_agent_path (void)
{
  static char *path;

  if (path == NULL)
    {
      const char *env = g_getenv ("BNGUEST_AGENT");

      if (env != NULL)
        path = g_strdup (env);
      else
        path = g_build_filename (g_getenv ("BN_BUILD_ROOT") ? g_getenv ("BN_BUILD_ROOT") : ".",
                                 "tools", "bnguest-agent", "bnguest-agent", NULL);
    }
  return path;
}

/**
 * bn_test_guest_agent_command:
 * @notify_cmd: (nullable): the shell command the agent runs when the guest goes down
 * @delay: seconds before it runs
 * @extra_args: (nullable): more agent options, already shell-quoted ("--wait")
 *
 * Returns: a ForceCommand line running bnguest-agent
 */
char *
bn_test_guest_agent_command (const char *notify_cmd,
                             double      delay,
                             const char *extra_args)
{
  g_autofree char *agent = g_shell_quote (bn_test_guest_agent_path ());
  g_autofree char *notify = notify_cmd ? g_shell_quote (notify_cmd) : NULL;
  char delay_text[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_dtostr (delay_text, sizeof delay_text, delay);
  return g_strdup_printf ("%s --delay %s%s%s%s%s", agent, delay_text,
                          notify ? " --notify-cmd " : "", notify ? notify : "",
                          extra_args ? " " : "", extra_args ? extra_args : "");
}

/* ---- sshd -------------------------------------------------------------------------- */

static gboolean
write_config (BnTestSshd  *self,
              const char  *force_command,
              GError     **error)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *host_key = g_build_filename (self->dir, "host_ed25519", NULL);
  g_autofree char *pid_file = g_build_filename (self->dir, "sshd.pid", NULL);
  g_autofree char *authorized = g_build_filename (self->dir, "authorized_keys", NULL);

  g_string_append_printf (s, "Port %u\n", self->port);
  g_string_append (s, "ListenAddress 127.0.0.1\n");
  g_string_append_printf (s, "HostKey %s\n", host_key);
  g_string_append_printf (s, "PidFile %s\n", pid_file);
  g_string_append_printf (s, "AuthorizedKeysFile %s\n", authorized);
  g_string_append (s,
                   "UsePAM no\n"
                   "StrictModes no\n"
                   "PubkeyAuthentication yes\n"
                   "PasswordAuthentication yes\n"
                   "KbdInteractiveAuthentication no\n"
                   "PermitRootLogin yes\n"
                   "PermitEmptyPasswords no\n"
                   "UseDNS no\n"
                   "PrintMotd no\n"
                   "PrintLastLog no\n"
                   "X11Forwarding no\n"
                   "AllowTcpForwarding no\n"
                   "LoginGraceTime 30\n"
                   "MaxStartups 100\n"
                   "LogLevel VERBOSE\n");
  if (force_command != NULL)
    g_string_append_printf (s, "ForceCommand %s\n", force_command);

  return g_file_set_contents (self->config, s->str, s->len, error);
}

static void
die_with_parent (gpointer user_data)
{
  /* A test that aborts must not leave an sshd listening forever. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static gboolean
wait_listening (BnTestSshd  *self,
                gboolean    *bind_failed,
                GError     **error)
{
  g_autofree char *needle = g_strdup_printf ("Server listening on 127.0.0.1 port %u",
                                             self->port);
  gint64 end = g_get_monotonic_time () + START_TIMEOUT;

  *bind_failed = FALSE;
  for (;;)
    {
      g_autofree char *log = NULL;

      g_file_get_contents (self->log, &log, NULL, NULL);
      if (log != NULL && strstr (log, needle) != NULL)
        return TRUE;
      if (g_subprocess_get_identifier (self->process) == NULL ||
          g_get_monotonic_time () >= end)
        {
          *bind_failed = log != NULL && strstr (log, "Address already in use") != NULL;
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "sshd did not start: %s",
                       log != NULL ? log : "(no output)");
          return FALSE;
        }
      g_usleep (20 * 1000);
    }
}

/**
 * bn_test_sshd_new:
 * @force_command: (nullable): sshd's ForceCommand line
 *
 * Returns: (transfer full) (nullable): a running sshd, or %NULL with
 *   %G_IO_ERROR_NOT_FOUND when sshd or ssh-keygen is not installed (skip the test), or
 *   another error
 */
BnTestSshd *
bn_test_sshd_new (const char  *force_command,
                  GError     **error)
{
  g_autoptr(BnTestSshd) self = NULL;
  g_autofree char *keygen_path = g_find_program_in_path ("ssh-keygen");
  g_autofree char *host_key = NULL;
  g_autofree char *host_pub = NULL;
  g_autofree char *client_pub = NULL;
  g_autofree char *other_pub = NULL;
  g_autofree char *authorized = NULL;
  g_autofree char *contents = NULL;

  if (!g_file_test (SSHD_PATH, G_FILE_TEST_IS_EXECUTABLE) || keygen_path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "OpenSSH server not installed (" SSHD_PATH " and ssh-keygen are needed; "
                   "apt-get install openssh-server)");
      return NULL;
    }

  /* Root runs sshd with privilege separation, which chroots into /run/sshd. */
  if (geteuid () == 0 && g_mkdir_with_parents ("/run/sshd", 0755) != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "Cannot create /run/sshd: %s", g_strerror (errno));
      return NULL;
    }

  self = g_new0 (BnTestSshd, 1);
  self->dir = g_dir_make_tmp ("bn-sshd-XXXXXX", error);
  if (self->dir == NULL)
    return NULL;
  /* A throw-away user's session must reach the agent's shared dir. */
  g_chmod (self->dir, 0755);
  self->shared_dir = g_build_filename (self->dir, "shared", NULL);
  g_mkdir (self->shared_dir, 0777);
  g_chmod (self->shared_dir, 0777);

  self->config = g_build_filename (self->dir, "sshd_config", NULL);
  self->log = g_build_filename (self->dir, "sshd.log", NULL);
  host_key = g_build_filename (self->dir, "host_ed25519", NULL);
  self->client_key = g_build_filename (self->dir, "client_ed25519", NULL);
  self->other_key = g_build_filename (self->dir, "other_ed25519", NULL);

  if (!keygen (host_key, "bn-test-host", error) ||
      !keygen (self->client_key, "bn-test-client", error) ||
      !keygen (self->other_key, "bn-test-other", error))
    return NULL;

  host_pub = g_strconcat (host_key, ".pub", NULL);
  client_pub = g_strconcat (self->client_key, ".pub", NULL);
  other_pub = g_strconcat (self->other_key, ".pub", NULL);
  self->host_key_sha256 = bn_test_ssh_fingerprint_of_pub (host_pub, error);
  if (self->host_key_sha256 == NULL)
    return NULL;
  self->other_key_sha256 = bn_test_ssh_fingerprint_of_pub (other_pub, error);
  if (self->other_key_sha256 == NULL)
    return NULL;

  authorized = g_build_filename (self->dir, "authorized_keys", NULL);
  if (!g_file_get_contents (client_pub, &contents, NULL, error) ||
      !g_file_set_contents (authorized, contents, -1, error))
    return NULL;

  /* A free port can be taken between the probe and sshd's bind: retry a few times. */
  for (guint attempt = 0; ; attempt++)
    {
      g_autoptr(GSubprocessLauncher) launcher = NULL;
      g_autoptr(GError) local_error = NULL;
      gboolean bind_failed = FALSE;
      const char *argv[] = { SSHD_PATH, "-D", "-e", "-f", self->config, NULL };

      self->port = bn_test_closed_port ();
      if (!write_config (self, force_command, error))
        return NULL;

      launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
      g_subprocess_launcher_set_stdout_file_path (launcher, self->log);
      g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
      self->process = g_subprocess_launcher_spawnv (launcher, argv, error);
      if (self->process == NULL)
        return NULL;

      if (wait_listening (self, &bind_failed, &local_error))
        break;

      g_subprocess_force_exit (self->process);
      g_subprocess_wait (self->process, NULL, NULL);
      g_clear_object (&self->process);
      if (!bind_failed || attempt >= 4)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  return g_steal_pointer (&self);
}

void
bn_test_sshd_free (BnTestSshd *self)
{
  if (self == NULL)
    return;

  if (self->process != NULL)
    {
      g_subprocess_send_signal (self->process, SIGTERM);
      g_subprocess_wait (self->process, NULL, NULL);
      g_clear_object (&self->process);
    }
  if (self->dir != NULL && g_getenv ("BN_TEST_KEEP_SSHD_DIR") == NULL)
    bn_test_remove_tree (self->dir);

  g_free (self->dir);
  g_free (self->shared_dir);
  g_free (self->config);
  g_free (self->log);
  g_free (self->client_key);
  g_free (self->other_key);
  g_free (self->host_key_sha256);
  g_free (self->other_key_sha256);
  g_free (self);
}

const char *
bn_test_sshd_get_host (BnTestSshd *self)
{
  return "127.0.0.1";
}

guint
bn_test_sshd_get_port (BnTestSshd *self)
{
  return self->port;
}

const char *
bn_test_sshd_get_dir (BnTestSshd *self)
{
  return self->dir;
}

/**
 * bn_test_sshd_get_shared_dir:
 *
 * Returns: a world-writable directory for markers and agent logs, so sessions of a
 *   throw-away user can write there too
 */
const char *
bn_test_sshd_get_shared_dir (BnTestSshd *self)
{
  return self->shared_dir;
}

const char *
bn_test_sshd_get_client_key (BnTestSshd *self)
{
  return self->client_key;
}

const char *
bn_test_sshd_get_other_key (BnTestSshd *self)
{
  return self->other_key;
}

const char *
bn_test_sshd_get_host_key_sha256 (BnTestSshd *self)
{
  return self->host_key_sha256;
}

/**
 * bn_test_sshd_get_other_key_sha256:
 *
 * Returns: the fingerprint of a key that is not the host key (for mismatch tests)
 */
const char *
bn_test_sshd_get_other_key_sha256 (BnTestSshd *self)
{
  return self->other_key_sha256;
}

/**
 * bn_test_sshd_dup_log:
 *
 * Returns: what sshd logged so far (-e: to stderr, kept in a file)
 */
char *
bn_test_sshd_dup_log (BnTestSshd *self)
{
  char *log = NULL;

  if (!g_file_get_contents (self->log, &log, NULL, NULL))
    return g_strdup ("");
  return log;
}

/* ---- throw-away user --------------------------------------------------------------- */

/**
 * bn_test_user_new:
 *
 * Returns: (transfer full) (nullable): a new local user with a random password and "/"
 *   as home, or %NULL with %G_IO_ERROR_PERMISSION_DENIED when not root (skip the test)
 */
BnTestUser *
bn_test_user_new (GError **error)
{
  g_autoptr(BnTestUser) self = NULL;
  g_autofree char *line = NULL;

  if (geteuid () != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   "creating a throw-away user for password authentication needs root");
      return NULL;
    }

  self = g_new0 (BnTestUser, 1);
  self->name = g_strdup_printf ("bnt%06x", g_random_int_range (0, 0xffffff));
  {
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    GString *pw = g_string_new (NULL);

    for (guint i = 0; i < 20; i++)
      g_string_append_c (pw, alphabet[g_random_int_range (0, sizeof alphabet - 1)]);
    self->password = g_string_free (pw, FALSE);
  }

  {
    const char *argv[] = { "useradd", "-M", "-N", "-d", "/", "-s", "/bin/sh",
                           "-c", "Blade Navigator test", self->name, NULL };

    if (!run_quiet (argv, NULL, error))
      {
        g_clear_pointer (&self->name, g_free);
        return NULL;
      }
  }
  {
    const char *argv[] = { "chpasswd", NULL };

    line = g_strdup_printf ("%s:%s\n", self->name, self->password);
    if (!run_quiet (argv, line, error))
      return NULL;
  }

  return g_steal_pointer (&self);
}

void
bn_test_user_free (BnTestUser *self)
{
  if (self == NULL)
    return;

  if (self->name != NULL)
    {
      const char *argv[] = { "userdel", "-f", self->name, NULL };
      g_autoptr(GError) error = NULL;

      if (!run_quiet (argv, NULL, &error))
        g_warning ("Cannot delete test user %s: %s", self->name, error->message);
    }
  g_free (self->name);
  g_free (self->password);
  g_free (self);
}

const char *
bn_test_user_get_name (BnTestUser *self)
{
  return self->name;
}

const char *
bn_test_user_get_password (BnTestUser *self)
{
  return self->password;
}
