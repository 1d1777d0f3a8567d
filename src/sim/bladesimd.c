/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bladesimd"

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include <glib-unix.h>

#include "bn-error.h"
#include "bn-process.h"
#include "bn-sim-fleet.h"
#include "bn-tls.h"

/* bladesimd: hosts one blade or a whole fleet of simulated Virtage blades, each speaking
 * the HvmSh-style protocol on its own loopback address.  Prints "READY <n> blades" on
 * stdout once every blade listens, so scripts and tests can wait for it. */

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static char *
default_state_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "bladesimd", NULL);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *fleet_path = NULL;
  g_autofree char *state_dir = NULL;
  g_autofree char *timing = NULL;
  g_autofree char *tls_cert = NULL;
  g_autofree char *tls_key = NULL;
  g_auto(GStrv) blades = NULL;
  gboolean example = FALSE;
  gboolean validate_only = FALSE;
  gboolean no_state = FALSE;
  gboolean plain = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BnSimFleet) fleet = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *fingerprint = NULL;
  GOptionEntry entries[] = {
    { "fleet", 'f', 0, G_OPTION_ARG_FILENAME, &fleet_path, "Fleet file to host", "FILE" },
    { "blade", 'b', 0, G_OPTION_ARG_STRING_ARRAY, &blades, "Host only this blade (repeatable)", "HVM_ID" },
    { "state-dir", 's', 0, G_OPTION_ARG_FILENAME, &state_dir, "Where blades keep their state "
      "(default: $XDG_STATE_HOME/bladesimd)", "DIR" },
    { "no-state", 0, 0, G_OPTION_ARG_NONE, &no_state, "Keep no state: every start is fresh", NULL },
    { "timing", 't', 0, G_OPTION_ARG_STRING, &timing, "Timing profile: fast, demo or manual "
      "(default: the fleet file's)", "PROFILE" },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert, "PEM certificate (default: created in "
      "the state dir)", "FILE" },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key, "PEM private key of --tls-cert", "FILE" },
    { "plain", 0, 0, G_OPTION_ARG_NONE, &plain, "No TLS (debugging only; the console refuses it)", NULL },
    { "example-fleet", 0, 0, G_OPTION_ARG_NONE, &example, "Print the demo fleet and exit", NULL },
    { "validate", 0, 0, G_OPTION_ARG_NONE, &validate_only, "Check the fleet file and exit", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new ("- simulated Virtage blades");
  g_option_context_set_summary (context,
                                "Hosts simulated HVM blades that speak the HvmSh-style protocol "
                                "(docs/hvmsh-protocol.md) on 127.x addresses.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bladesimd: %s\n", error->message);
      return 2;
    }

  if (example)
    {
      g_autoptr(GBytes) bytes = bn_sim_fleet_get_example ();
      gsize size;
      const char *data = g_bytes_get_data (bytes, &size);

      fwrite (data, 1, size, stdout);
      return 0;
    }

  if (fleet_path == NULL)
    {
      g_printerr ("bladesimd: --fleet FILE is required (bladesimd --example-fleet > fleet.json "
                  "writes a demo fleet)\n");
      return 2;
    }
  if (state_dir == NULL && !no_state)
    state_dir = default_state_dir ();
  if (no_state)
    g_clear_pointer (&state_dir, g_free);

  fleet = bn_sim_fleet_new_from_file (fleet_path, state_dir, (const char * const *) blades,
                                      timing, &error);
  if (fleet == NULL)
    {
      g_printerr ("bladesimd: %s: %s\n", fleet_path, error->message);
      return 1;
    }
  if (validate_only)
    {
      g_print ("%s: valid, %u blades\n", fleet_path, bn_sim_fleet_get_blades (fleet)->len);
      return 0;
    }

  if (!plain)
    {
      if (tls_cert != NULL)
        certificate = g_tls_certificate_new_from_files (tls_cert, tls_key ? tls_key : tls_cert,
                                                        &error);
      else
        {
          g_autofree char *dir = state_dir ? g_strdup (state_dir)
                                           : g_dir_make_tmp ("bladesimd-XXXXXX", &error);
          if (dir != NULL)
            certificate = bn_tls_load_or_create (dir, "bladesimd", &error);
        }
      if (certificate == NULL)
        {
          g_printerr ("bladesimd: TLS certificate: %s\n", error->message);
          return 1;
        }
      fingerprint = bn_tls_certificate_fingerprint (certificate);
    }

  bn_process_raise_fd_limit ();
  if (!bn_sim_fleet_start (fleet, certificate, &error))
    {
      g_printerr ("bladesimd: %s\n", error->message);
      return 1;
    }

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);

  g_print ("READY %u blades certificate-sha256=%s\n", bn_sim_fleet_get_blades (fleet)->len,
           fingerprint ? fingerprint : "none");
  fflush (stdout);

  g_main_loop_run (loop);

  bn_sim_fleet_stop (fleet);
  return 0;
}
