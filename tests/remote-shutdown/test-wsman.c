/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-wsman"

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "bn-guest-shutdown.h"
#include "bn-sim-wsman-server.h"
#include "bn-wsman-client.h"
#include "bn-wsman-envelope.h"

/* The WS-Management envelope code, the client against the simulated Windows guest
 * (BnSimWsmanServer), and the client against fake servers that misbehave. */

#define USER     "Administrator"
#define PASSWORD "S3cret-pw"

/* ---- helpers ----------------------------------------------------------------------- */

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static gboolean
shutdown_sync (BnWsmanClient  *client,
               guint           flags,
               GCancellable   *cancellable,
               guint          *return_value,
               gint64         *elapsed_ms,
               GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  gint64 start = g_get_monotonic_time ();
  gboolean ok;

  bn_wsman_client_win32_shutdown_async (client, flags, cancellable, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (elapsed_ms != NULL)
    *elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  ok = bn_wsman_client_win32_shutdown_finish (client, result, return_value, error);
  if (!ok)
    g_test_message ("Win32Shutdown(%u): %s", flags, (*error)->message);
  return ok;
}

typedef struct
{
  guint    count;
  guint    flags;
  gboolean force;
  gint64   when;
} ShutdownSeen;

static void
on_shutdown (BnSimWsmanServer *server,
             guint             flags,
             gboolean          force,
             ShutdownSeen     *seen)
{
  seen->count++;
  seen->flags = flags;
  seen->force = force;
  seen->when = g_get_monotonic_time ();
}

static gboolean
wait_shutdown (ShutdownSeen *seen,
               guint         timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (seen->count == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (5000), TRUE);
  return seen->count > 0;
}

static BnSimWsmanServer *
start_guest (ShutdownSeen *seen)
{
  g_autoptr(BnSimWsmanServer) server = bn_sim_wsman_server_new (USER, PASSWORD);
  g_autoptr(GError) error = NULL;

  g_assert_true (bn_sim_wsman_server_listen (server, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (bn_sim_wsman_server_get_port (server), >, 0);
  if (seen != NULL)
    g_signal_connect (server, "shutdown", G_CALLBACK (on_shutdown), seen);
  return g_steal_pointer (&server);
}

static BnWsmanClient *
client_for (BnSimWsmanServer *server,
            const char       *password)
{
  return bn_wsman_client_new ("127.0.0.1", bn_sim_wsman_server_get_port (server), USER,
                              password);
}

/* ---- envelopes --------------------------------------------------------------------- */

static void
test_envelope_roundtrip (void)
{
  const char *params[] = { "Flags", "5", "Reserved", "0", NULL };
  const char *out_params[] = { "ReturnValue", "0", NULL };
  g_autofree char *request = NULL;
  g_autofree char *response = NULL;
  g_autofree char *fault = NULL;
  g_autofree char *text = NULL;
  g_autoptr(BnWsmanEnvelope) env = NULL;
  g_autoptr(GError) error = NULL;

  request = bn_wsman_build_invoke ("http://127.0.0.1:5985/wsman",
                                   BN_WSMAN_RESOURCE_WIN32_OPERATING_SYSTEM, "Win32Shutdown",
                                   params, "uuid:1234", 60000);
  g_test_message ("request: %s", request);
  env = bn_wsman_envelope_parse (request, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (env->action, ==, BN_WSMAN_RESOURCE_WIN32_OPERATING_SYSTEM "/Win32Shutdown");
  g_assert_cmpstr (env->resource_uri, ==, BN_WSMAN_RESOURCE_WIN32_OPERATING_SYSTEM);
  g_assert_cmpstr (env->to, ==, "http://127.0.0.1:5985/wsman");
  g_assert_cmpstr (env->message_id, ==, "uuid:1234");
  g_assert_cmpstr (env->body_namespace, ==, BN_WSMAN_RESOURCE_WIN32_OPERATING_SYSTEM);
  g_assert_cmpstr (env->body_name, ==, "Win32Shutdown_INPUT");
  g_assert_cmpstr (bn_wsman_envelope_get_param (env, "Flags"), ==, "5");
  g_assert_cmpstr (bn_wsman_envelope_get_param (env, "Reserved"), ==, "0");
  g_assert_null (bn_wsman_envelope_get_param (env, "Other"));
  g_assert_false (env->is_fault);
  g_assert_nonnull (strstr (request, "<w:OperationTimeout>PT60.000S</w:OperationTimeout>"));
  g_clear_pointer (&env, bn_wsman_envelope_free);

  response = bn_wsman_build_invoke_response (BN_WSMAN_RESOURCE_WIN32_OPERATING_SYSTEM,
                                             "Win32Shutdown", "uuid:1234", out_params);
  env = bn_wsman_envelope_parse (response, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (env->relates_to, ==, "uuid:1234");
  g_assert_cmpstr (env->action, ==,
                   BN_WSMAN_RESOURCE_WIN32_OPERATING_SYSTEM "/Win32ShutdownResponse");
  g_assert_cmpstr (env->body_name, ==, "Win32Shutdown_OUTPUT");
  g_assert_cmpstr (bn_wsman_envelope_get_param (env, "ReturnValue"), ==, "0");
  g_clear_pointer (&env, bn_wsman_envelope_free);

  fault = bn_wsman_build_fault ("uuid:1234", "s:Sender", "w:AccessDenied",
                                "Access is denied & more", 5, "The user <x> may not");
  env = bn_wsman_envelope_parse (fault, -1, &error);
  g_assert_no_error (error);
  g_assert_true (env->is_fault);
  g_assert_cmpstr (env->fault_code, ==, "s:Sender");
  g_assert_cmpstr (env->fault_subcode, ==, "w:AccessDenied");
  g_assert_cmpstr (env->fault_reason, ==, "Access is denied & more");
  g_assert_cmpstr (env->fault_message, ==, "The user <x> may not");
  g_assert_cmpstr (env->fault_wsman_code, ==, "5");
  text = bn_wsman_envelope_dup_fault_text (env);
  g_assert_cmpstr (text, ==,
                   "Access is denied & more — The user <x> may not (s:Sender, w:AccessDenied) "
                   "[code 5]");
}

/* Real WinRM uses other prefixes and default namespaces: only the URIs matter. */
static void
test_envelope_namespaces (void)
{
  const char *xml =
    "<?xml version=\"1.0\"?>\n"
    "<env:Envelope xml:lang=\"en-US\" xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\""
    " xmlns:wsa=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\">"
    "<env:Header><wsa:Action>act</wsa:Action><wsa:RelatesTo>uuid:9</wsa:RelatesTo>"
    "<!-- a comment --></env:Header>"
    "<env:Body><Win32Shutdown_OUTPUT xmlns=\"" BN_WSMAN_RESOURCE_WIN32_OPERATING_SYSTEM "\">"
    "<ReturnValue> 1191 </ReturnValue></Win32Shutdown_OUTPUT></env:Body></env:Envelope>";
  g_autoptr(BnWsmanEnvelope) env = NULL;
  g_autoptr(GError) error = NULL;

  env = bn_wsman_envelope_parse (xml, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (env->action, ==, "act");
  g_assert_cmpstr (env->relates_to, ==, "uuid:9");
  g_assert_cmpstr (env->body_namespace, ==, BN_WSMAN_RESOURCE_WIN32_OPERATING_SYSTEM);
  g_assert_cmpstr (bn_wsman_envelope_get_param (env, "ReturnValue"), ==, "1191");
}

static void
test_envelope_malformed (void)
{
  const char *cases[] = {
    "",
    "not xml at all",
    "<html><body>Hello</body></html>",
    "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><x/></s:Body>"
    "</s:Envelope>",   /* SOAP 1.1 */
    "<s:Envelope xmlns:s=\"" BN_WSMAN_NS_SOAP "\"><s:Header/></s:Envelope>",
    "<s:Envelope xmlns:s=\"" BN_WSMAN_NS_SOAP "\"><s:Body></s:Body></s:Envelope>",
    "<s:Envelope xmlns:s=\"" BN_WSMAN_NS_SOAP "\"><s:Body><q:x/></s:Body></s:Envelope>",
    "<s:Envelope xmlns:s=\"" BN_WSMAN_NS_SOAP "\"><s:Body><x>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BnWsmanEnvelope) env = bn_wsman_envelope_parse (cases[i], -1, &error);

      g_test_message ("case %u: %s", i, error ? error->message : "(parsed)");
      g_assert_null (env);
      g_assert_error (error, BN_WSMAN_ERROR, BN_WSMAN_ERROR_MALFORMED);
    }
}

/* ---- against the simulated guest --------------------------------------------------- */

static void
test_shutdown (void)
{
  ShutdownSeen seen = { 0 };
  g_autoptr(BnSimWsmanServer) server = start_guest (&seen);
  g_autoptr(BnWsmanClient) client = client_for (server, PASSWORD);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = bn_sim_wsman_server_dup_uri (server);
  guint return_value = 99;

  g_assert_cmpstr (bn_wsman_client_get_uri (client), ==, uri);

  bn_sim_wsman_server_set_delay_ms (server, 300);
  g_assert_true (shutdown_sync (client, BN_WIN32_SHUTDOWN_SHUTDOWN, NULL, &return_value, NULL,
                                &error));
  g_assert_no_error (error);
  g_assert_cmpuint (return_value, ==, 0);
  g_assert_cmpuint (bn_sim_wsman_server_get_request_count (server), ==, 1);

  /* the guest goes down delay-ms after answering */
  g_assert_cmpuint (seen.count, ==, 0);
  g_assert_true (wait_shutdown (&seen, 5000));
  g_assert_cmpuint (seen.flags, ==, 1);
  g_assert_false (seen.force);

  /* asked again while it is going down: 1115 */
  g_assert_false (shutdown_sync (client, BN_WIN32_SHUTDOWN_SHUTDOWN, NULL, &return_value,
                                 NULL, &error));
  g_assert_error (error, BN_WSMAN_ERROR, BN_WSMAN_ERROR_METHOD_FAILED);
  g_assert_cmpuint (return_value, ==, BN_WIN32_ERROR_SHUTDOWN_IN_PROGRESS);
  g_assert_cmpuint (seen.count, ==, 1);

  g_assert_finalize_object (g_steal_pointer (&client));
  g_assert_finalize_object (g_steal_pointer (&server));
}

static void
test_forced (void)
{
  ShutdownSeen seen = { 0 };
  g_autoptr(BnSimWsmanServer) server = start_guest (&seen);
  g_autoptr(BnWsmanClient) client = client_for (server, PASSWORD);
  g_autoptr(GError) error = NULL;

  g_assert_true (shutdown_sync (client, BN_WIN32_SHUTDOWN_SHUTDOWN | BN_WIN32_SHUTDOWN_FORCED,
                                NULL, NULL, NULL, &error));
  g_assert_true (wait_shutdown (&seen, 5000));
  g_assert_cmpuint (seen.flags, ==, 5);
  g_assert_true (seen.force);
}

static void
test_users_logged_on (void)
{
  ShutdownSeen seen = { 0 };
  g_autoptr(BnSimWsmanServer) server = start_guest (&seen);
  g_autoptr(BnWsmanClient) client = client_for (server, PASSWORD);
  g_autoptr(GError) error = NULL;
  guint return_value = 0;

  /* §5.22 (2): a normal shutdown is refused while someone is logged on */
  bn_sim_wsman_server_set_users_logged_on (server, TRUE);
  g_assert_false (shutdown_sync (client, BN_WIN32_SHUTDOWN_SHUTDOWN, NULL, &return_value, NULL,
                                 &error));
  g_assert_error (error, BN_WSMAN_ERROR, BN_WSMAN_ERROR_METHOD_FAILED);
  g_assert_cmpuint (return_value, ==, 1191);
  g_assert_nonnull (strstr (error->message, "Forced shutdown"));
  g_clear_error (&error);
  g_assert_false (wait_shutdown (&seen, 200));

  g_assert_true (shutdown_sync (client, 5, NULL, &return_value, NULL, &error));
  g_assert_cmpuint (return_value, ==, 0);
  g_assert_true (wait_shutdown (&seen, 5000));
  g_assert_true (seen.force);
}

static void
test_wrong_password (void)
{
  ShutdownSeen seen = { 0 };
  g_autoptr(BnSimWsmanServer) server = start_guest (&seen);
  g_autoptr(BnWsmanClient) client = client_for (server, "wrong");
  g_autoptr(BnWsmanClient) anonymous = client_for (server, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (shutdown_sync (client, 1, NULL, NULL, NULL, &error));
  g_assert_error (error, BN_WSMAN_ERROR, BN_WSMAN_ERROR_AUTH_FAILED);
  g_assert_nonnull (strstr (error->message, "401"));
  g_assert_nonnull (strstr (error->message, USER));
  g_clear_error (&error);

  g_assert_false (shutdown_sync (anonymous, 1, NULL, NULL, NULL, &error));
  g_assert_error (error, BN_WSMAN_ERROR, BN_WSMAN_ERROR_AUTH_FAILED);

  g_assert_cmpuint (bn_sim_wsman_server_get_request_count (server), ==, 0);
  g_assert_false (wait_shutdown (&seen, 100));
}

static void
test_fault (void)
{
  g_autoptr(BnSimWsmanServer) server = start_guest (NULL);
  g_autoptr(BnWsmanClient) client = client_for (server, PASSWORD);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GHashTable) output = NULL;
  g_autoptr(GError) error = NULL;
  const char *params[] = { "Flags", "1", NULL };

  bn_wsman_client_invoke_async (client, BN_WSMAN_RESOURCE_WIN32_OPERATING_SYSTEM, "Reboot",
                                params, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  output = bn_wsman_client_invoke_finish (client, result, &error);
  g_assert_null (output);
  g_assert_error (error, BN_WSMAN_ERROR, BN_WSMAN_ERROR_FAULT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "action is not supported"));
  g_assert_nonnull (strstr (error->message, "a:ActionNotSupported"));
  g_clear_object (&result);
  g_clear_error (&error);

  /* missing Flags */
  bn_wsman_client_invoke_async (client, BN_WSMAN_RESOURCE_WIN32_OPERATING_SYSTEM,
                                "Win32Shutdown", NULL, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  output = bn_wsman_client_invoke_finish (client, result, &error);
  g_assert_error (error, BN_WSMAN_ERROR, BN_WSMAN_ERROR_FAULT);
  g_assert_nonnull (strstr (error->message, "w:InvalidParameter"));
}

static void
test_stop (void)
{
  g_autoptr(BnSimWsmanServer) server = start_guest (NULL);
  g_autoptr(BnWsmanClient) client = client_for (server, PASSWORD);
  g_autoptr(GError) error = NULL;
  guint port = bn_sim_wsman_server_get_port (server);

  /* a guest that is off does not answer */
  bn_sim_wsman_server_stop (server);
  g_assert_false (shutdown_sync (client, 1, NULL, NULL, NULL, &error));
  g_assert_error (error, BN_WSMAN_ERROR, BN_WSMAN_ERROR_UNREACHABLE);
  g_clear_error (&error);

  /* and after "booting" on the same port it answers again */
  g_assert_true (bn_sim_wsman_server_listen (server, "127.0.0.1", port, &error));
  g_assert_no_error (error);
  g_assert_true (shutdown_sync (client, 1, NULL, NULL, NULL, &error));
}

/* ---- the facade -------------------------------------------------------------------- */

static gboolean
guest_shutdown_sync (BnGuestOsType   os,
                     guint           port,
                     const char     *password,
                     gboolean        force,
                     GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bn_guest_shutdown_async (os, "127.0.0.1", port, USER, password, force, NULL,
                           store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return bn_guest_shutdown_finish (result, error);
}

static void
test_facade_windows (void)
{
  ShutdownSeen seen = { 0 };
  g_autoptr(BnSimWsmanServer) server = start_guest (&seen);
  g_autoptr(GError) error = NULL;
  guint port = bn_sim_wsman_server_get_port (server);

  g_assert_cmpstr (bn_guest_shutdown_command_for (BN_GUEST_OS_WINDOWS, TRUE), ==,
                   "Win32_OperatingSystem.Win32Shutdown(Flags=5)");

  g_assert_false (guest_shutdown_sync (BN_GUEST_OS_WINDOWS, port, "wrong", FALSE, &error));
  g_assert_error (error, BN_WSMAN_ERROR, BN_WSMAN_ERROR_AUTH_FAILED);
  g_clear_error (&error);

  bn_sim_wsman_server_set_users_logged_on (server, TRUE);
  g_assert_false (guest_shutdown_sync (BN_GUEST_OS_WINDOWS, port, PASSWORD, FALSE, &error));
  g_assert_error (error, BN_WSMAN_ERROR, BN_WSMAN_ERROR_METHOD_FAILED);
  g_clear_error (&error);

  g_assert_true (guest_shutdown_sync (BN_GUEST_OS_WINDOWS, port, PASSWORD, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (wait_shutdown (&seen, 5000));
  g_assert_cmpuint (seen.flags, ==, 5);

  /* a shutdown already under way counts as accepted */
  g_assert_true (guest_shutdown_sync (BN_GUEST_OS_WINDOWS, port, PASSWORD, TRUE, &error));
  g_assert_no_error (error);

  {
    g_autoptr(GEnumClass) klass = g_type_class_ref (BN_TYPE_GUEST_OS_TYPE);

    g_assert_cmpstr (g_enum_get_value (klass, BN_GUEST_OS_WINDOWS)->value_nick, ==, "windows");
    g_assert_cmpstr (g_enum_get_value (klass, BN_GUEST_OS_LINUX)->value_nick, ==, "linux");
  }
}

/* ---- against fake servers ---------------------------------------------------------- */

typedef struct
{
  guint        status;
  const char  *content_type;
  const char  *body;
  gboolean     stall;
  GPtrArray   *paused;   /* SoupServerMessage */
} Fake;

static void
fake_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Fake *fake = user_data;

  if (fake->stall)
    {
      /* accept the request and never answer */
      g_ptr_array_add (fake->paused, g_object_ref (msg));
      soup_server_message_pause (msg);
      return;
    }
  soup_server_message_set_status (msg, fake->status, NULL);
  soup_server_message_set_response (msg, fake->content_type, SOUP_MEMORY_COPY,
                                    fake->body, strlen (fake->body));
}

static SoupServer *
fake_server (Fake  *fake,
             guint *port)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GSocketAddress) addr = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GError) error = NULL;
  GSList *listeners;
  g_autoptr(GSocketAddress) local = NULL;

  soup_server_add_handler (server, "/wsman", fake_handler, fake, NULL);
  g_assert_true (soup_server_listen (server, addr, 0, &error));
  listeners = soup_server_get_listeners (server);
  local = g_socket_get_local_address (listeners->data, NULL);
  g_slist_free (listeners);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
  return g_steal_pointer (&server);
}

static void
test_malformed_replies (void)
{
  g_autofree char *no_return = bn_wsman_build_invoke_response (
    BN_WSMAN_RESOURCE_WIN32_OPERATING_SYSTEM, "Win32Shutdown", NULL,
    (const char *[]) { "Other", "1", NULL });
  g_autofree char *bad_return = bn_wsman_build_invoke_response (
    BN_WSMAN_RESOURCE_WIN32_OPERATING_SYSTEM, "Win32Shutdown", NULL,
    (const char *[]) { "ReturnValue", "zero", NULL });
  g_autofree char *wrong_method = bn_wsman_build_invoke_response (
    BN_WSMAN_RESOURCE_WIN32_OPERATING_SYSTEM, "Reboot", NULL,
    (const char *[]) { "ReturnValue", "0", NULL });
  g_autofree char *wrong_relates = bn_wsman_build_invoke_response (
    BN_WSMAN_RESOURCE_WIN32_OPERATING_SYSTEM, "Win32Shutdown", "uuid:not-ours",
    (const char *[]) { "ReturnValue", "0", NULL });
  g_autofree char *fault = bn_wsman_build_fault (NULL, "s:Receiver", "w:InternalError",
                                                 "The service is shutting down", 0, NULL);
  struct {
    guint        status;
    const char  *content_type;
    const char  *body;
    gint         code;
    const char  *needle;
  } cases[] = {
    { 200, "text/plain", "not xml at all", BN_WSMAN_ERROR_MALFORMED, "not a SOAP envelope" },
    { 200, BN_WSMAN_CONTENT_TYPE, "", BN_WSMAN_ERROR_MALFORMED, "empty" },
    { 200, "text/html", "<html><body>It works!</body></html>", BN_WSMAN_ERROR_MALFORMED,
      "SOAP 1.2 Envelope" },
    { 200, BN_WSMAN_CONTENT_TYPE, NULL, BN_WSMAN_ERROR_MALFORMED, "ReturnValue" },
    { 200, BN_WSMAN_CONTENT_TYPE, NULL, BN_WSMAN_ERROR_MALFORMED, "ReturnValue" },
    { 200, BN_WSMAN_CONTENT_TYPE, NULL, BN_WSMAN_ERROR_MALFORMED, "Reboot_OUTPUT" },
    { 200, BN_WSMAN_CONTENT_TYPE, NULL, BN_WSMAN_ERROR_MALFORMED, "uuid:not-ours" },
    { 500, BN_WSMAN_CONTENT_TYPE, NULL, BN_WSMAN_ERROR_FAULT, "shutting down" },
    { 500, "text/plain", "Internal error", BN_WSMAN_ERROR_HTTP, "HTTP 500" },
    { 404, "text/html", "<html>no</html>", BN_WSMAN_ERROR_HTTP, "HTTP 404" },
  };
  Fake fake = { 0 };
  g_autoptr(SoupServer) server = NULL;
  guint port = 0;

  cases[3].body = no_return;
  cases[4].body = bad_return;
  cases[5].body = wrong_method;
  cases[6].body = wrong_relates;
  cases[7].body = fault;

  server = fake_server (&fake, &port);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BnWsmanClient) client = bn_wsman_client_new ("127.0.0.1", port, USER, PASSWORD);
      g_autoptr(GError) error = NULL;

      fake.status = cases[i].status;
      fake.content_type = cases[i].content_type;
      fake.body = cases[i].body;
      g_assert_false (shutdown_sync (client, 1, NULL, NULL, NULL, &error));
      g_assert_error (error, BN_WSMAN_ERROR, cases[i].code);
      if (strstr (error->message, cases[i].needle) == NULL)
        g_error ("case %u: “%s” lacks “%s”", i, error->message, cases[i].needle);
    }
}

static void
unpause_all (Fake *fake)
{
  for (guint i = 0; i < fake->paused->len; i++)
    soup_server_message_unpause (g_ptr_array_index (fake->paused, i));
  g_ptr_array_set_size (fake->paused, 0);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_timeout_cancel_unreachable (void)
{
  Fake fake = { .stall = TRUE, .status = 200, .content_type = "text/plain", .body = "late" };
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(BnWsmanClient) client = NULL;
  g_autoptr(BnWsmanClient) nowhere = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  gint64 elapsed = 0;
  guint port = 0;

  fake.paused = g_ptr_array_new_with_free_func (g_object_unref);
  server = fake_server (&fake, &port);
  client = bn_wsman_client_new ("127.0.0.1", port, USER, PASSWORD);

  bn_wsman_client_set_timeout_ms (client, 400);
  g_assert_false (shutdown_sync (client, 1, NULL, NULL, &elapsed, &error));
  g_assert_error (error, BN_WSMAN_ERROR, BN_WSMAN_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (error->message, "400 ms"));
  g_assert_cmpint (elapsed, >=, 390);
  g_assert_cmpint (elapsed, <, 5000);
  g_clear_error (&error);
  unpause_all (&fake);

  bn_wsman_client_set_timeout_ms (client, 0);
  g_timeout_add (150, cancel_cb, cancellable);
  g_assert_false (shutdown_sync (client, 1, cancellable, NULL, &elapsed, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (elapsed, <, 5000);
  g_clear_error (&error);
  unpause_all (&fake);

  /* nothing listens on a just-closed port */
  soup_server_disconnect (server);
  nowhere = bn_wsman_client_new ("127.0.0.1", port, USER, PASSWORD);
  g_assert_false (shutdown_sync (nowhere, 1, NULL, NULL, &elapsed, &error));
  g_assert_error (error, BN_WSMAN_ERROR, BN_WSMAN_ERROR_UNREACHABLE);
  g_assert_cmpint (elapsed, <, 5000);

  g_ptr_array_unref (fake.paused);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wsman/envelope/roundtrip", test_envelope_roundtrip);
  g_test_add_func ("/wsman/envelope/namespaces", test_envelope_namespaces);
  g_test_add_func ("/wsman/envelope/malformed", test_envelope_malformed);
  g_test_add_func ("/wsman/sim/shutdown", test_shutdown);
  g_test_add_func ("/wsman/sim/forced", test_forced);
  g_test_add_func ("/wsman/sim/users-logged-on", test_users_logged_on);
  g_test_add_func ("/wsman/sim/wrong-password", test_wrong_password);
  g_test_add_func ("/wsman/sim/fault", test_fault);
  g_test_add_func ("/wsman/sim/stop", test_stop);
  g_test_add_func ("/wsman/fake/malformed", test_malformed_replies);
  g_test_add_func ("/wsman/fake/timeout-cancel-unreachable", test_timeout_cancel_unreachable);
  g_test_add_func ("/guest-shutdown/windows", test_facade_windows);

  return g_test_run ();
}
