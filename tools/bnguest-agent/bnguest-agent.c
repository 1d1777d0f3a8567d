/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bnguest-agent"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>

/* bnguest-agent: the "operating system" of a simulated Linux guest, as far as remote
 * shutdown goes. sshd runs it as the ForceCommand of the guest's user; it reads the
 * command the console sent from $SSH_ORIGINAL_COMMAND, accepts only the shutdown commands
 * a console sends, and tells the simulated blade that the guest went down by running a
 * notify command (later `bnctl hvmsh -host=… operate GuestShutdown lpar=N`).
 *
 * Exit status: 0 accepted, 1 refused by --fail or the notify command failed (--wait),
 * 2 usage, 126 command not allowed. */

#define EXIT_NOT_ALLOWED 126

typedef struct
{
  const char *action;   /* BNGUEST_ACTION for the notify command */
  gboolean    forced;
} Accepted;

static gboolean
is_command (const char *word,
            const char *name)
{
  g_autofree char *sbin = g_strconcat ("/sbin/", name, NULL);
  g_autofree char *usr_sbin = g_strconcat ("/usr/sbin/", name, NULL);

  return g_str_equal (word, name) || g_str_equal (word, sbin) || g_str_equal (word, usr_sbin);
}

static gboolean
match_command (char     **argv,
               Accepted  *out)
{
  guint argc = g_strv_length (argv);

  if (argc == 3 && is_command (argv[0], "shutdown") && g_str_equal (argv[2], "now"))
    {
      if (g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "-P"))
        {
          out->action = "shutdown";
          out->forced = FALSE;
          return TRUE;
        }
      if (g_str_equal (argv[1], "-r"))
        {
          out->action = "reboot";
          out->forced = FALSE;
          return TRUE;
        }
    }
  if (argc == 2 && is_command (argv[0], "poweroff") && g_str_equal (argv[1], "-f"))
    {
      out->action = "poweroff";
      out->forced = TRUE;
      return TRUE;
    }
  return FALSE;
}

static void
append_log (const char *log_path,
            const char *line)
{
  int fd;

  if (log_path == NULL)
    return;
  fd = open (log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      g_printerr ("bnguest-agent: cannot open %s: %s\n", log_path, g_strerror (errno));
      return;
    }
  if (write (fd, line, strlen (line)) < 0)
    g_printerr ("bnguest-agent: cannot write %s: %s\n", log_path, g_strerror (errno));
  close (fd);
}

/* Runs @notify_cmd after @delay seconds in a process of its own session with /dev/null as
 * stdio: the SSH channel closes (and the client gets its exit status) without waiting for
 * it, and it survives sshd hanging up the session, just as a real shutdown goes on after
 * the `shutdown` command has returned. */
static pid_t
spawn_notifier (const char *notify_cmd,
                double      delay)
{
  pid_t pid = fork ();

  if (pid != 0)
    return pid;

  setsid ();
  {
    int null_fd = open ("/dev/null", O_RDWR);

    if (null_fd >= 0)
      {
        dup2 (null_fd, STDIN_FILENO);
        dup2 (null_fd, STDOUT_FILENO);
        dup2 (null_fd, STDERR_FILENO);
        if (null_fd > STDERR_FILENO)
          close (null_fd);
      }
  }
  if (delay > 0)
    g_usleep ((gulong) (delay * G_USEC_PER_SEC));
  execl ("/bin/sh", "sh", "-c", notify_cmd, (char *) NULL);
  _exit (127);
}

static pid_t
parent_of (pid_t pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *contents = NULL;
  const char *p;

  /* "pid (comm) state ppid …"; comm may hold spaces and parentheses */
  if (!g_file_get_contents (path, &contents, NULL, NULL) ||
      (p = strrchr (contents, ')')) == NULL)
    return -1;
  return (pid_t) g_ascii_strtoll (p + 4, NULL, 10);
}

/* Kills the sshd process that serves this session, so the client loses the connection
 * without an exit status: what it sees when a guest powers off at once (poweroff -f). */
static void
hang_up_session (void)
{
  pid_t pid = getppid ();

  for (guint i = 0; i < 4 && pid > 1; i++)
    {
      g_autofree char *path = g_strdup_printf ("/proc/%d/comm", (int) pid);
      g_autofree char *comm = NULL;

      if (g_file_get_contents (path, &comm, NULL, NULL) && g_str_has_prefix (comm, "sshd"))
        {
          kill (pid, SIGKILL);
          return;
        }
      pid = parent_of (pid);
    }
  g_printerr ("bnguest-agent: --hangup: no sshd process above this one\n");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notify_cmd = NULL;
  g_autofree char *log_path = NULL;
  g_autofree char *fail_message = NULL;
  g_auto(GStrv) words = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *stamp = NULL;
  const char *command;
  double delay = -G_MAXDOUBLE;  /* not given */
  gboolean wait_notify = FALSE;
  gboolean hangup = FALSE;
  Accepted accepted = { 0 };
  pid_t pid;
  const GOptionEntry entries[] = {
    { "notify-cmd", 'n', 0, G_OPTION_ARG_STRING, &notify_cmd,
      "Shell command telling the blade the guest went down (env: BNGUEST_NOTIFY_CMD)",
      "CMD" },
    { "delay", 'd', 0, G_OPTION_ARG_DOUBLE, &delay,
      "Seconds the guest takes to go down before CMD runs (env: BNGUEST_DELAY)", "S" },
    { "wait", 'w', 0, G_OPTION_ARG_NONE, &wait_notify,
      "Keep the SSH command running until CMD has run (a guest whose shutdown holds the "
      "session open)", NULL },
    { "hangup", 0, 0, G_OPTION_ARG_NONE, &hangup,
      "Drop the SSH connection without an exit status after accepting (a guest that "
      "powers off at once)", NULL },
    { "log", 'l', 0, G_OPTION_ARG_FILENAME, &log_path,
      "Append one line per request to FILE (env: BNGUEST_LOG)", "FILE" },
    { "fail", 0, 0, G_OPTION_ARG_STRING, &fail_message,
      "Refuse every command with MESSAGE and exit 1 (a user without the right to shut "
      "down)", "MESSAGE" },
    { NULL }
  };

  context = g_option_context_new ("- simulated Linux guest for remote shutdown over SSH");
  g_option_context_set_description (context,
    "Run by sshd as ForceCommand. Accepts \"shutdown -h now\", \"poweroff -f\" and\n"
    "\"shutdown -r now\" from $SSH_ORIGINAL_COMMAND. CMD runs with BNGUEST_ACTION\n"
    "(shutdown, poweroff, reboot), BNGUEST_FORCED (0/1) and BNGUEST_COMMAND set.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bnguest-agent: %s\n", error->message);
      return 2;
    }

  if (notify_cmd == NULL)
    notify_cmd = g_strdup (g_getenv ("BNGUEST_NOTIFY_CMD"));
  if (log_path == NULL)
    log_path = g_strdup (g_getenv ("BNGUEST_LOG"));
  if (delay == -G_MAXDOUBLE)
    delay = g_getenv ("BNGUEST_DELAY") ? g_ascii_strtod (g_getenv ("BNGUEST_DELAY"), NULL) : 0;
  if (delay < 0 || delay > 3600)
    {
      g_printerr ("bnguest-agent: --delay must be between 0 and 3600 seconds\n");
      return 2;
    }

  now = g_date_time_new_now_local ();
  stamp = g_date_time_format_iso8601 (now);

  command = g_getenv ("SSH_ORIGINAL_COMMAND");
  if (command == NULL || *command == '\0')
    {
      g_printerr ("bnguest-agent: interactive logins are not allowed on this guest\n");
      return EXIT_NOT_ALLOWED;
    }

  if (!g_shell_parse_argv (command, NULL, &words, NULL) || !match_command (words, &accepted))
    {
      line = g_strdup_printf ("%s %s refused \"%s\"\n", stamp, g_get_user_name (), command);
      append_log (log_path, line);
      g_printerr ("bnguest-agent: \"%s\" is not allowed on this guest (allowed: "
                  "shutdown -h now, poweroff -f, shutdown -r now)\n", command);
      return EXIT_NOT_ALLOWED;
    }

  if (fail_message != NULL)
    {
      line = g_strdup_printf ("%s %s failed \"%s\"\n", stamp, g_get_user_name (), command);
      append_log (log_path, line);
      g_printerr ("%s\n", fail_message);
      return 1;
    }

  line = g_strdup_printf ("%s %s %s forced=%d \"%s\"\n", stamp, g_get_user_name (),
                          accepted.action, accepted.forced, command);
  append_log (log_path, line);

  if (notify_cmd == NULL || *notify_cmd == '\0')
    {
      if (hangup)
        hang_up_session ();
      return 0;
    }

  g_setenv ("BNGUEST_ACTION", accepted.action, TRUE);
  g_setenv ("BNGUEST_FORCED", accepted.forced ? "1" : "0", TRUE);
  g_setenv ("BNGUEST_COMMAND", command, TRUE);

  pid = spawn_notifier (notify_cmd, delay);
  if (pid < 0)
    {
      g_printerr ("bnguest-agent: fork: %s\n", g_strerror (errno));
      return 1;
    }

  if (hangup)
    {
      hang_up_session ();
      return 0;
    }

  if (wait_notify)
    {
      int status = 0;

      while (waitpid (pid, &status, 0) < 0)
        if (errno != EINTR)
          {
            g_printerr ("bnguest-agent: waitpid: %s\n", g_strerror (errno));
            return 1;
          }
      if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
        {
          g_printerr ("bnguest-agent: the notify command failed\n");
          return 1;
        }
    }

  return 0;
}
