/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "bn-engine.h"
#include "bn-error.h"
#include "bn-line-channel.h"
#include "bn-protocol.h"
#include "bn-test-support.h"
#include "bn-tls.h"

/* Update against a real bladesimd fleet, plus blades that misbehave: one that accepts and
 * never answers, one that answers garbage, one that sends a schema-breaking document. */

typedef struct
{
  char      *dir;
  char      *db;
  JsonNode  *fleet;
  BnTestSim *sim;
  BnEngine  *engine;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *fleet_path = NULL;
  g_autofree char *state = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = bn_test_tmpdir ();
  f->db = g_build_filename (f->dir, "navigator.db", NULL);
  f->fleet = bn_test_demo_fleet ();
  bn_test_fleet_relocate (f->fleet, 0);
  fleet_path = bn_test_write_json (f->fleet, f->dir, "fleet.json");
  state = g_build_filename (f->dir, "state", NULL);
  f->sim = bn_test_sim_start (fleet_path, state, NULL);
  f->engine = bn_engine_new (f->db, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->engine);
  g_clear_pointer (&f->sim, bn_test_sim_free);
  g_clear_pointer (&f->fleet, json_node_unref);
  bn_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static void
register_fleet (Fixture *f)
{
  JsonArray *chassis = json_object_get_array_member (json_node_get_object (f->fleet), "chassis");
  BnFleet *fleet = bn_engine_get_fleet (f->engine);

  for (guint c = 0; c < json_array_get_length (chassis); c++)
    {
      JsonArray *blades = json_object_get_array_member (json_array_get_object_element (chassis, c),
                                                        "blades");
      for (guint b = 0; b < json_array_get_length (blades); b++)
        {
          JsonObject *blade = json_array_get_object_element (blades, b);
          g_autoptr(GError) error = NULL;

          bn_fleet_add_hvm (fleet, json_object_get_string_member (blade, "id"),
                            json_object_get_string_member (blade, "address"), 23250, NULL, NULL,
                            &error);
          g_assert_no_error (error);
        }
    }
}

static BnUpdateSummary
run_update (BnEngine *engine)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  BnUpdateSummary summary = { 0 };
  BnFleet *fleet = bn_engine_get_fleet (engine);

  bn_fleet_update_async (fleet, NULL, bn_test_store_result, &result);
  g_assert_true (bn_fleet_get_updating (fleet));
  g_assert_true (bn_fleet_update_finish (fleet, bn_test_wait (&result, 30000), &summary, &error));
  g_assert_no_error (error);
  g_assert_false (bn_fleet_get_updating (fleet));
  return summary;
}

static void
test_update_fleet (Fixture       *f,
                   gconstpointer  data)
{
  BnFleet *fleet = bn_engine_get_fleet (f->engine);
  BnUpdateSummary summary;
  GListModel *chassis;
  BnHvm *a02;
  BnLpar *lpar;
  BnLpar *again;

  register_fleet (f);
  summary = run_update (f->engine);
  g_assert_cmpuint (summary.n_hvms, ==, f->sim->n_blades);
  g_assert_cmpuint (summary.n_read, ==, f->sim->n_blades);
  g_assert_cmpuint (summary.n_unreachable, ==, 0);

  /* chassis → HVM → LPAR, as the trees show it */
  chassis = bn_fleet_get_chassis (fleet);
  g_assert_cmpuint (g_list_model_get_n_items (chassis), ==, 3);
  {
    g_autoptr(BnChassis) first = g_list_model_get_item (chassis, 0);
    g_assert_cmpstr (bn_chassis_get_id (first), ==, "CH-BS2000");
    g_assert_cmpstr (bn_chassis_get_chassis_type (first), ==, "BS2000");
    g_assert_cmpuint (g_list_model_get_n_items (bn_chassis_get_hvms (first)), ==, 4);
  }

  a02 = bn_fleet_find_hvm (fleet, "HVM-A02");
  g_assert_cmpint (bn_hvm_get_state (a02), ==, BN_HVM_STATE_RECOVERY);
  g_assert_cmpuint (bn_hvm_get_n_recovery (a02), ==, 1);
  g_assert_cmpstr (bn_hvm_get_model (a02), ==, "A2");
  g_assert_nonnull (bn_hvm_get_fingerprint (a02));
  g_assert_cmpstr (bn_hvm_get_fingerprint (a02), ==, f->sim->fingerprint);
  lpar = bn_hvm_find_lpar (a02, 4);
  g_assert_cmpstr (bn_lpar_get_name (lpar), ==, "LOG01");
  g_assert_cmpint (bn_lpar_get_state (lpar), ==, BN_LPAR_STATE_RECOVERY);
  g_assert_cmpint (bn_lpar_get_state (bn_hvm_find_lpar (a02, 3)), ==, BN_LPAR_STATE_FAILURE);
  g_assert_cmpint (bn_lpar_get_state (bn_hvm_find_lpar (a02, 1)), ==, BN_LPAR_STATE_ACTIVATED);

  /* a second Update keeps the same objects (views hold on to them) */
  summary = run_update (f->engine);
  g_assert_cmpuint (summary.n_read, ==, f->sim->n_blades);
  again = bn_hvm_find_lpar (bn_fleet_find_hvm (fleet, "HVM-A02"), 4);
  g_assert_true (again == lpar);
}

/* Registered HVM whose blade changed underneath: the next Update shows the change. */
static void
test_update_sees_changes (Fixture       *f,
                          gconstpointer  data)
{
  JsonObject *blade = bn_test_fleet_find_blade (f->fleet, "HVM-A01");
  g_autofree char *host = g_strdup_printf ("-host=%s", json_object_get_string_member (blade,
                                                                                     "address"));
  BnHvm *hvm;
  guint64 generation;

  register_fleet (f);
  run_update (f->engine);
  hvm = bn_fleet_find_hvm (bn_engine_get_fleet (f->engine), "HVM-A01");
  generation = bn_hvm_get_generation (hvm);
  g_assert_cmpint (bn_test_run_bnctl (NULL, NULL, NULL, "hvmsh", host, "--fingerprint",
                                      f->sim->fingerprint, "set", "LparName", "lpar=2",
                                      "name=RENAMED", NULL), ==, 0);
  run_update (f->engine);
  g_assert_cmpuint (bn_hvm_get_generation (hvm), >, generation);
  g_assert_cmpstr (bn_lpar_get_name (bn_hvm_find_lpar (hvm, 2)), ==, "RENAMED");
}

/* A fake blade: answers every request with a canned line (or never answers). */
typedef struct
{
  GSocketService  *service;
  GTlsCertificate *cert;
  char            *reply;
  guint16          port;
} FakeBlade;

static void
fake_written_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  bn_line_channel_write_line_finish (BN_LINE_CHANNEL (object), result, NULL);
}

static void
fake_line_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  FakeBlade *fake = user_data;
  g_autofree char *line = bn_line_channel_read_line_finish (BN_LINE_CHANNEL (object), result,
                                                            NULL, NULL);

  if (line != NULL && fake->reply != NULL)
    bn_line_channel_write_line_async (BN_LINE_CHANNEL (object), fake->reply, -1, NULL,
                                      fake_written_cb, NULL);
  g_object_unref (object);
}

static void
fake_handshake_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  BnLineChannel *channel;

  if (!g_tls_connection_handshake_finish (G_TLS_CONNECTION (object), result, NULL))
    return;
  channel = bn_line_channel_new (G_IO_STREAM (object), 1 << 20);
  bn_line_channel_read_line_async (channel, NULL, fake_line_cb, user_data);
}

static gboolean
fake_incoming_cb (GSocketService    *service,
                  GSocketConnection *connection,
                  GObject           *source,
                  gpointer           user_data)
{
  FakeBlade *fake = user_data;
  GIOStream *tls = g_tls_server_connection_new (G_IO_STREAM (connection), fake->cert, NULL);
  const char banner[] = BN_PROTOCOL_BANNER " TLS\n";

  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)), banner,
                             strlen (banner), NULL, NULL, NULL);
  g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT, NULL,
                                    fake_handshake_cb, fake);
  g_object_set_data_full (G_OBJECT (service), "conn", tls, g_object_unref);
  return TRUE;
}

static FakeBlade *
fake_blade_new (const char *dir,
                const char *address,
                const char *reply)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr(GSocketAddress) sa = g_inet_socket_address_new (inet, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  FakeBlade *fake = g_new0 (FakeBlade, 1);

  fake->cert = bn_tls_load_or_create (dir, "fake", &error);
  g_assert_no_error (error);
  fake->reply = g_strdup (reply);
  fake->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (fake->service), sa, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  fake->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (fake->service, "incoming", G_CALLBACK (fake_incoming_cb), fake);
  return fake;
}

static void
fake_blade_free (FakeBlade *fake)
{
  g_socket_service_stop (fake->service);
  g_socket_listener_close (G_SOCKET_LISTENER (fake->service));
  g_object_unref (fake->service);
  g_object_unref (fake->cert);
  g_free (fake->reply);
  g_free (fake);
}

/* A listening socket nobody accepts from: the kernel completes the TCP handshake and then
 * nothing ever comes back — the worst kind of dead HVM. */
static GSocket *
black_hole (const char *address,
            guint16    *port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr(GSocketAddress) sa = g_inet_socket_address_new (inet, 0);
  g_autoptr(GSocketAddress) local = NULL;
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                  G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  g_socket_bind (socket, sa, TRUE, &error);
  g_assert_no_error (error);
  g_socket_listen (socket, &error);
  g_assert_no_error (error);
  local = g_socket_get_local_address (socket, &error);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
  return socket;
}

static void
test_update_bad_blades (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *net = bn_test_subnet (3);
  g_autofree char *addr = g_strdup_printf ("%s.9", net);
  g_autofree char *certdir = g_build_filename (f->dir, "fake", NULL);
  BnFleet *fleet = bn_engine_get_fleet (f->engine);
  FakeBlade *garbage = fake_blade_new (certdir, addr, "this is not json");
  FakeBlade *bad_doc = fake_blade_new (certdir, addr,
                                       "{\"rc\":0,\"message\":\"OK\",\"data\":{\"id\":\"X\"}}");
  FakeBlade *error_rc = fake_blade_new (certdir, addr,
                                        "{\"rc\":10,\"message\":\"firmware exploded\"}");
  g_autoptr(GSocket) hole = NULL;
  g_autoptr(GError) error = NULL;
  BnUpdateSummary summary;
  guint16 hole_port;
  gint64 start;

  register_fleet (f);
  hole = black_hole (addr, &hole_port);
  bn_fleet_add_hvm (fleet, "GARBAGE", addr, garbage->port, NULL, NULL, &error);
  g_assert_no_error (error);
  bn_fleet_add_hvm (fleet, "BADDOC", addr, bad_doc->port, NULL, NULL, &error);
  g_assert_no_error (error);
  bn_fleet_add_hvm (fleet, "ERRRC", addr, error_rc->port, NULL, NULL, &error);
  g_assert_no_error (error);
  bn_fleet_add_hvm (fleet, "HOLE", addr, hole_port, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (bn_options_set (bn_engine_get_options (f->engine), BN_OPTION_HVM_TIMEOUT, "2",
                                 &error));

  start = g_get_monotonic_time ();
  summary = run_update (f->engine);
  g_assert_cmpuint (summary.n_unreachable, ==, 4);
  g_assert_cmpuint (summary.n_read, ==, f->sim->n_blades);
  /* the dead HVM costs one 2 s timeout, not a retry's second one */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * 2 * G_USEC_PER_SEC);

  g_assert_cmpint (bn_hvm_get_state (bn_fleet_find_hvm (fleet, "GARBAGE")), ==,
                   BN_HVM_STATE_UNREACHABLE);
  g_assert_nonnull (strstr (bn_hvm_get_reason (bn_fleet_find_hvm (fleet, "GARBAGE")),
                            "malformed reply"));
  g_assert_nonnull (strstr (bn_hvm_get_reason (bn_fleet_find_hvm (fleet, "BADDOC")),
                            "invalid configuration"));
  g_assert_nonnull (strstr (bn_hvm_get_reason (bn_fleet_find_hvm (fleet, "ERRRC")),
                            "firmware exploded"));
  g_assert_nonnull (strstr (bn_hvm_get_reason (bn_fleet_find_hvm (fleet, "HOLE")),
                            "did not answer"));
  g_assert_null (bn_hvm_get_config (bn_fleet_find_hvm (fleet, "BADDOC")));

  fake_blade_free (garbage);
  fake_blade_free (bad_doc);
  fake_blade_free (error_rc);
}

/* A blade that read fine once and then went down keeps its last configuration for the
 * views, but every state is unknown and the reason says why. */
static void
test_update_blade_goes_down (Fixture       *f,
                             gconstpointer  data)
{
  BnFleet *fleet = bn_engine_get_fleet (f->engine);
  g_autoptr(GError) error = NULL;
  BnUpdateSummary summary;
  BnHvm *hvm;

  register_fleet (f);
  run_update (f->engine);
  bn_test_sim_kill (f->sim);
  g_assert_true (bn_options_set (bn_engine_get_options (f->engine), BN_OPTION_HVM_TIMEOUT, "2",
                                 &error));
  summary = run_update (f->engine);
  g_assert_cmpuint (summary.n_unreachable, ==, summary.n_hvms);
  hvm = bn_fleet_find_hvm (fleet, "HVM-B01");
  g_assert_cmpint (bn_hvm_get_state (hvm), ==, BN_HVM_STATE_UNREACHABLE);
  g_assert_nonnull (bn_hvm_get_config (hvm));
  g_assert_cmpint (bn_lpar_get_state (bn_hvm_find_lpar (hvm, 1)), ==, BN_LPAR_STATE_UNKNOWN);
}

static void
test_update_cancel (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *net = bn_test_subnet (3);
  g_autofree char *addr = g_strdup_printf ("%s.7", net);
  g_autoptr(GSocket) hole = NULL;
  BnFleet *fleet = bn_engine_get_fleet (f->engine);
  BnUpdateSummary summary;
  guint16 port;
  gint64 start;

  hole = black_hole (addr, &port);
  bn_fleet_add_hvm (fleet, "HOLE", addr, port, NULL, NULL, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  bn_fleet_update_async (fleet, cancellable, bn_test_store_result, &result);
  g_cancellable_cancel (cancellable);
  g_assert_false (bn_fleet_update_finish (fleet, bn_test_wait (&result, 5000), &summary, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* well before the 10 s HVM timeout */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_false (bn_fleet_get_updating (fleet));
  /* cancelling leaves the HVM as it was: not read, no false "unreachable" */
  g_test_message ("reason: %s", bn_hvm_get_reason (bn_fleet_find_hvm (fleet, "HOLE")));
  g_assert_cmpint (bn_hvm_get_state (bn_fleet_find_hvm (fleet, "HOLE")), ==, BN_HVM_STATE_UNKNOWN);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/update/fleet", test_update_fleet);
  ADD ("/update/sees-changes", test_update_sees_changes);
  ADD ("/update/bad-blades", test_update_bad_blades);
  ADD ("/update/blade-goes-down", test_update_blade_goes_down);
  ADD ("/update/cancel", test_update_cancel);
#undef ADD

  return g_test_run ();
}
