/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include "bn-engine.h"
#include "bn-process.h"
#include "bn-test-support.h"

/* bench/update: Update of N simulated HVMs (default 500), then the same with 25 blades that
 * accept and never answer.  Prints ratios against references measured in the same run:
 * the single-HVM round trip, and the HVM timeout. */

static guint n_hvms = 500;
static guint n_dead = 25;
static guint timeout_s = 2;

static double
update_once (BnEngine        *engine,
             BnUpdateSummary *summary)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  BnFleet *fleet = bn_engine_get_fleet (engine);

  bn_fleet_update_async (fleet, NULL, bn_test_store_result, &result);
  if (!bn_fleet_update_finish (fleet, bn_test_wait (&result, 600000), summary, &error))
    g_error ("update failed: %s", error->message);
  return (g_get_monotonic_time () - start) / 1e6;
}

static BnEngine *
new_engine (const char *dir,
            const char *name)
{
  g_autofree char *db = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *timeout = g_strdup_printf ("%u", timeout_s);
  BnEngine *engine = bn_engine_new (db, &error);

  g_assert_no_error (error);
  bn_options_set (bn_engine_get_options (engine), BN_OPTION_HVM_TIMEOUT, timeout, &error);
  g_assert_no_error (error);
  return engine;
}

static void
register_blades (BnEngine   *engine,
                 GPtrArray  *addresses,
                 guint       count)
{
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *id = g_strdup_printf ("HVM%04u", i);
      g_autoptr(GError) error = NULL;

      bn_fleet_add_hvm (bn_engine_get_fleet (engine), id, g_ptr_array_index (addresses, i), 23250,
                        NULL, NULL, &error);
      g_assert_no_error (error);
    }
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(double *) a, y = *(double *) b;

  return (x > y) - (x < y);
}

static GSocket *
black_hole (const char *address,
            guint16    *port)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr(GSocketAddress) sa = g_inet_socket_address_new (inet, 0);
  g_autoptr(GSocketAddress) local = NULL;
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                  G_SOCKET_PROTOCOL_TCP, NULL);

  g_socket_bind (socket, sa, TRUE, NULL);
  g_socket_listen (socket, NULL);
  local = g_socket_get_local_address (socket, NULL);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
  return socket;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- Update benchmark");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(JsonNode) fleet = NULL;
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) holes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *path = NULL;
  g_autofree char *state = NULL;
  const char *no_state[] = { "--no-state", NULL };
  BnTestSim *sim;
  double single[7], cold, warm, dead_cold, extra;
  BnUpdateSummary summary;
  GOptionEntry entries[] = {
    { "hvms", 'n', 0, G_OPTION_ARG_INT, &n_hvms, "Simulated HVMs (500)", "N" },
    { "dead", 'd', 0, G_OPTION_ARG_INT, &n_dead, "HVMs that never answer (25)", "N" },
    { "timeout", 't', 0, G_OPTION_ARG_INT, &timeout_s, "HVM timeout in seconds (2)", "S" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  bn_process_raise_fd_limit ();

  /* N copies of one demo blade (6 LPARs), each on its own loopback address */
  dir = bn_test_tmpdir ();
  fleet = bn_test_fleet_of_copies ("HVM-A01", n_hvms, 60, addresses);
  path = bn_test_write_json (fleet, dir, "fleet.json");
  state = g_build_filename (dir, "state", NULL);
  sim = bn_test_sim_start (path, state, no_state);

  /* reference: one HVM, fresh connection (TLS handshake included), median of 7 */
  for (guint i = 0; i < G_N_ELEMENTS (single); i++)
    {
      g_autofree char *name = g_strdup_printf ("single%u.db", i);
      g_autoptr(BnEngine) engine = new_engine (dir, name);

      register_blades (engine, addresses, 1);
      single[i] = update_once (engine, &summary);
      g_assert_cmpuint (summary.n_read, ==, 1);
    }
  qsort (single, G_N_ELEMENTS (single), sizeof (double), compare_double);

  {
    g_autoptr(BnEngine) engine = new_engine (dir, "all.db");

    register_blades (engine, addresses, n_hvms);
    cold = update_once (engine, &summary);
    g_assert_cmpuint (summary.n_read, ==, n_hvms);
    warm = update_once (engine, &summary);
    g_assert_cmpuint (summary.n_read, ==, n_hvms);
  }

  {
    g_autoptr(BnEngine) engine = new_engine (dir, "dead.db");

    register_blades (engine, addresses, n_hvms);
    for (guint i = 0; i < n_dead; i++)
      {
        g_autofree char *id = g_strdup_printf ("DEAD%02u", i);
        g_autofree char *address = g_strdup_printf ("127.62.0.%u", i + 1);
        guint16 port;

        g_ptr_array_add (holes, black_hole (address, &port));
        bn_fleet_add_hvm (bn_engine_get_fleet (engine), id, address, port, NULL, NULL, &error);
        g_assert_no_error (error);
      }
    dead_cold = update_once (engine, &summary);
    if (summary.n_unreachable != n_dead)
      g_printerr ("%u unreachable, e.g. %s\n", summary.n_unreachable,
                  bn_hvm_get_reason (bn_fleet_find_hvm (bn_engine_get_fleet (engine), "HVM0001")));
    g_assert_cmpuint (summary.n_unreachable, ==, n_dead);
    g_assert_cmpuint (summary.n_read, ==, n_hvms);
  }
  extra = dead_cold - cold;

  printf ("bench/update: %u simulated HVMs (6 LPARs each), %u dead, HVM timeout %u s\n",
          n_hvms, n_dead, timeout_s);
  printf ("  reference: single-HVM Update (new TLS connection), median of 7   %8.1f ms\n",
          single[3] * 1e3);
  printf ("  Update of %u HVMs, first (connect + TLS + read)                 %8.1f ms  = %6.1f x single\n",
          n_hvms, cold * 1e3, cold / single[3]);
  printf ("  Update of %u HVMs, again (connections kept, nothing changed)    %8.1f ms  = %6.1f x single\n",
          n_hvms, warm * 1e3, warm / single[3]);
  printf ("  Update of %u + %u dead HVMs, first                               %8.1f ms\n",
          n_hvms, n_dead, dead_cold * 1e3);
  printf ("  extra time for the %u dead HVMs ÷ HVM timeout                      %8.2f\n",
          n_dead, extra / timeout_s);
  printf ("  targets: %u HVMs under 1 s: %s; dead HVMs add ≤ 1 timeout: %s\n", n_hvms,
          cold < 1.0 ? "met" : "MISSED", extra <= timeout_s ? "met" : "MISSED");

  bn_test_sim_free (sim);
  bn_test_rm_rf (dir);
  return 0;
}
