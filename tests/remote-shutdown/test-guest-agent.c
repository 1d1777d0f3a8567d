/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-guest-agent"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "ssh-harness.h"

/* tools/bnguest-agent run directly, the way sshd's ForceCommand runs it. */

typedef struct
{
  char *dir;
  char *marker;
  char *notify;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("bn-agent-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->marker = g_build_filename (f->dir, "marker", NULL);
  f->notify = g_strdup_printf ("echo \"$BNGUEST_ACTION $BNGUEST_FORCED $BNGUEST_COMMAND\" "
                               "> %s.tmp && mv %s.tmp %s", f->marker, f->marker, f->marker);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  bn_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->marker);
  g_free (f->notify);
}

/* Runs the agent with SSH_ORIGINAL_COMMAND=@command (unset if NULL). */
static int
run_agent (const char  *command,
           const char  *stderr_needle,
           gint64      *elapsed_ms,
           ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  gint64 start = g_get_monotonic_time ();
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, (gpointer) bn_test_guest_agent_path ());
  va_start (ap, elapsed_ms);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  if (command != NULL)
    g_subprocess_launcher_setenv (launcher, "SSH_ORIGINAL_COMMAND", command, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "SSH_ORIGINAL_COMMAND");
  g_subprocess_launcher_unsetenv (launcher, "BNGUEST_NOTIFY_CMD");
  g_subprocess_launcher_unsetenv (launcher, "BNGUEST_DELAY");
  g_subprocess_launcher_unsetenv (launcher, "BNGUEST_LOG");

  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  if (elapsed_ms != NULL)
    *elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  g_test_message ("agent “%s”: exit %d, stderr: %s", command ? command : "(none)",
                  g_subprocess_get_exit_status (proc), err);
  if (stderr_needle != NULL)
    g_assert_nonnull (strstr (err, stderr_needle));
  g_assert_true (g_subprocess_get_if_exited (proc));
  return g_subprocess_get_exit_status (proc);
}

static char *
marker_contents (Fixture *f)
{
  char *contents = NULL;

  g_assert_true (bn_test_wait_for_file (f->marker, 5000));
  g_assert_true (g_file_get_contents (f->marker, &contents, NULL, NULL));
  return contents;
}

static void
test_accepted (Fixture       *f,
               gconstpointer  data)
{
  struct {
    const char *command;
    const char *marker;
  } cases[] = {
    { "shutdown -h now", "shutdown 0 shutdown -h now\n" },
    { "/sbin/shutdown -h now", "shutdown 0 /sbin/shutdown -h now\n" },
    { "poweroff -f", "poweroff 1 poweroff -f\n" },
    { "/usr/sbin/poweroff  -f", "poweroff 1 /usr/sbin/poweroff  -f\n" },
    { "shutdown -r now", "reboot 0 shutdown -r now\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *contents = NULL;

      g_assert_cmpint (run_agent (cases[i].command, NULL, NULL, "--notify-cmd", f->notify,
                                  NULL), ==, 0);
      contents = marker_contents (f);
      g_assert_cmpstr (contents, ==, cases[i].marker);
      g_remove (f->marker);
    }
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  const char *commands[] = {
    "rm -rf /", "shutdown -h +5", "shutdown", "poweroff", "reboot", "halt -f",
    "shutdown -h now; id", "/tmp/shutdown -h now", "shutdown -h now extra", "'unbalanced",
  };
  g_autofree char *log = g_build_filename (f->dir, "agent.log", NULL);
  g_autofree char *contents = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_assert_cmpint (run_agent (commands[i], "not allowed", NULL, "--notify-cmd", f->notify,
                                "--log", log, NULL), ==, 126);

  /* an interactive login (no command) is refused too */
  g_assert_cmpint (run_agent (NULL, "interactive", NULL, "--notify-cmd", f->notify, NULL),
                   ==, 126);

  g_usleep (100 * 1000);
  g_assert_false (g_file_test (f->marker, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (log, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "refused \"rm -rf /\""));
}

static void
test_fail (Fixture       *f,
           gconstpointer  data)
{
  g_assert_cmpint (run_agent ("shutdown -h now", "Must be root", NULL, "--notify-cmd", f->notify,
                              "--fail", "shutdown: Must be root.", NULL), ==, 1);
  g_usleep (100 * 1000);
  g_assert_false (g_file_test (f->marker, G_FILE_TEST_EXISTS));
}

static void
test_delay (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *contents = NULL;
  gint64 elapsed = 0;

  /* without --wait the command returns at once and the guest goes down later */
  g_assert_cmpint (run_agent ("shutdown -h now", NULL, &elapsed, "--notify-cmd", f->notify,
                              "--delay", "2", NULL), ==, 0);
  g_assert_cmpint (elapsed, <, 1500);
  g_assert_false (g_file_test (f->marker, G_FILE_TEST_EXISTS));
  contents = marker_contents (f);
  g_assert_cmpstr (contents, ==, "shutdown 0 shutdown -h now\n");
  g_remove (f->marker);

  /* with --wait it returns after the notify ran */
  g_assert_cmpint (run_agent ("poweroff -f", NULL, &elapsed, "--notify-cmd", f->notify,
                              "--delay", "0.5", "--wait", NULL), ==, 0);
  g_assert_cmpint (elapsed, >=, 480);
  g_assert_true (g_file_test (f->marker, G_FILE_TEST_EXISTS));

  /* a failing notify command is reported with --wait */
  g_assert_cmpint (run_agent ("poweroff -f", "notify command failed", NULL, "--notify-cmd",
                              "exit 3", "--wait", NULL), ==, 1);

  g_assert_cmpint (run_agent ("poweroff -f", "--delay", NULL, "--delay", "-2", NULL), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!g_file_test (bn_test_guest_agent_path (), G_FILE_TEST_IS_EXECUTABLE))
    g_error ("bnguest-agent not found at %s (set BNGUEST_AGENT)", bn_test_guest_agent_path ());

  g_test_add ("/guest-agent/accepted", Fixture, NULL, fixture_set_up, test_accepted,
              fixture_tear_down);
  g_test_add ("/guest-agent/refused", Fixture, NULL, fixture_set_up, test_refused,
              fixture_tear_down);
  g_test_add ("/guest-agent/fail", Fixture, NULL, fixture_set_up, test_fail,
              fixture_tear_down);
  g_test_add ("/guest-agent/delay", Fixture, NULL, fixture_set_up, test_delay,
              fixture_tear_down);

  return g_test_run ();
}
