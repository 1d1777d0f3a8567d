/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-sim-guest"

#include "config.h"

#include "bn-blade-doc.h"
#include "bn-sim-guest.h"
#include "bn-sim-migration.h"
#include "bn-sim-wsman-server.h"

#define SERVERS_KEY "bn-sim-guest-wsman-servers"
#define IGNORED_KEY "bn-sim-guest-ignored"

typedef struct
{
  BnSimBlade *blade;
  guint       lpar;
  char       *how;
} Shutdown;

static gboolean
guest_down_cb (gpointer user_data)
{
  Shutdown *s = user_data;
  JsonObject *lpar = bn_sim_blade_get_lpar (s->blade, s->lpar);

  if (lpar != NULL && g_strcmp0 (bn_blade_doc_get_string (lpar, "status", ""), "Activate") == 0)
    {
      /* a move that began while the guest was going down must not carry it off either */
      bn_sim_migration_cancel_for (s->blade, s->lpar, "hvm-lpar-deactivation-detected");
      json_object_set_string_member (lpar, "status", "Deactivate");
      bn_sim_blade_log (s->blade, BN_SIM_LOG_INFO, "LPAR was deactivated by its guest OS "
                        "shutdown.", "LPAR#=%u Via=%s", s->lpar, s->how);
      bn_sim_blade_set_lpar_memory (s->blade, s->lpar, NULL);
      bn_sim_blade_save_now (s->blade, NULL);
    }
  g_object_unref (s->blade);
  g_free (s->how);
  g_free (s);
  return G_SOURCE_REMOVE;
}

/* The guest takes its time to shut down (guest.remote.shutdown_seconds, else the timing
 * profile's guest-shutdown); a forced shutdown is immediate. */
void
bn_sim_guest_shutdown (BnSimBlade *blade,
                       guint       number,
                       gboolean    force,
                       const char *how)
{
  JsonObject *lpar = bn_sim_blade_get_lpar (blade, number);
  GHashTable *ignored = g_object_get_data (G_OBJECT (blade), IGNORED_KEY);
  Shutdown *s;
  double seconds;

  if (lpar == NULL)
    return;
  /* a guest that ignores the first request: the console is expected to ask again */
  if (bn_blade_doc_get_bool (lpar, "guest.remote.first_attempt_fails", FALSE) &&
      !g_hash_table_contains (ignored, GUINT_TO_POINTER (number)))
    {
      g_hash_table_add (ignored, GUINT_TO_POINTER (number));
      bn_sim_blade_log (blade, BN_SIM_LOG_WARNING, "Guest OS did not shut down.",
                        "LPAR#=%u Via=%s", number, how);
      return;
    }
  seconds = force ? 0 : bn_blade_doc_get_double (lpar, "guest.remote.shutdown_seconds",
                                                 bn_sim_blade_step_seconds (blade, "guest-shutdown"));
  /* §5.23: a guest OS shut down during its LPAR's move cancels the move */
  bn_sim_migration_cancel_for (blade, number, "hvm-lpar-deactivation-detected");
  s = g_new0 (Shutdown, 1);
  s->blade = g_object_ref (blade);
  s->lpar = number;
  s->how = g_strdup (how);
  bn_sim_blade_log (blade, BN_SIM_LOG_INFO, "Guest OS shutdown was requested.",
                    "LPAR#=%u Via=%s Forced=%s", number, how, force ? "yes" : "no");
  g_timeout_add ((guint) (seconds * 1000), guest_down_cb, s);
}

static void
wsman_shutdown_cb (BnSimWsmanServer *server,
                   guint             flags,
                   gboolean          force,
                   BnSimBlade       *blade)
{
  bn_sim_guest_shutdown (blade, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (server), "lpar")),
                         force, "wsman");
}

/* Windows guests answer WS-Management on their own address (a 127.x here). */
gboolean
bn_sim_guest_start (BnSimBlade  *blade,
                    GError     **error)
{
  JsonArray *lpars = bn_blade_doc_get_array (bn_sim_blade_get_doc (blade), "lpars");
  GPtrArray *servers = g_ptr_array_new_with_free_func (g_object_unref);

  g_object_set_data_full (G_OBJECT (blade), IGNORED_KEY, g_hash_table_new (NULL, NULL),
                          (GDestroyNotify) g_hash_table_unref);
  for (guint i = 0; i < json_array_get_length (lpars); i++)
    {
      JsonObject *lpar = json_array_get_object_element (lpars, i);
      JsonObject *remote = bn_blade_doc_get_object (lpar, "guest.remote");
      BnSimWsmanServer *server;

      if (g_strcmp0 (bn_blade_doc_get_string (remote, "protocol", NULL), "wsman") != 0)
        continue;
      server = bn_sim_wsman_server_new (bn_blade_doc_get_string (remote, "user", "Administrator"),
                                        bn_blade_doc_get_string (remote, "password", ""));
      bn_sim_wsman_server_set_users_logged_on (server,
                                               bn_blade_doc_get_bool (remote, "users_logged_on", FALSE));
      g_object_set_data (G_OBJECT (server), "lpar",
                         GUINT_TO_POINTER (bn_blade_doc_get_int (lpar, "number", 0)));
      g_signal_connect_object (server, "shutdown", G_CALLBACK (wsman_shutdown_cb), blade, 0);
      g_ptr_array_add (servers, server);
      if (!bn_sim_wsman_server_listen (server, bn_blade_doc_get_string (remote, "address", "127.0.0.1"),
                                       bn_blade_doc_get_int (remote, "port", 5985), error))
        {
          g_prefix_error (error, "LPAR %" G_GINT64_FORMAT " of HVM %s: ",
                          bn_blade_doc_get_int (lpar, "number", 0), bn_sim_blade_get_id (blade));
          g_ptr_array_unref (servers);
          return FALSE;
        }
    }
  g_object_set_data_full (G_OBJECT (blade), SERVERS_KEY, servers,
                          (GDestroyNotify) g_ptr_array_unref);
  return TRUE;
}

void
bn_sim_guest_stop (BnSimBlade *blade)
{
  GPtrArray *servers = g_object_get_data (G_OBJECT (blade), SERVERS_KEY);

  for (guint i = 0; servers && i < servers->len; i++)
    bn_sim_wsman_server_stop (g_ptr_array_index (servers, i));
  g_object_set_data (G_OBJECT (blade), SERVERS_KEY, NULL);
}

/* operate GuestShutdown lpar=N [force=true] [via=ssh|wsman]: what the guest agent sends
 * when the guest OS is told to shut down. */
static void
cmd_guest_shutdown (BnSimBlade *blade,
                    BnRequest  *request,
                    GTask      *task)
{
  JsonObject *lpar = bn_sim_require_lpar (blade, request, task);
  const char *via = bn_request_get (request, "via");

  if (lpar == NULL)
    return;
  if (g_strcmp0 (bn_blade_doc_get_string (lpar, "status", ""), "Activate") != 0)
    {
      bn_sim_task_return_reply (task, bn_sim_reply_new_error (BN_RC_STATE, NULL,
                                                              "The guest OS of LPAR %s is not "
                                                              "running",
                                                              bn_request_get (request, "lpar")));
      return;
    }
  bn_sim_guest_shutdown (blade, bn_blade_doc_get_int (lpar, "number", 0),
                         g_strcmp0 (bn_request_get (request, "force"), "true") == 0,
                         via ? via : "ssh");
  bn_sim_task_return_reply (task, bn_sim_reply_new_ok (NULL));
}

const BnSimCommand bn_sim_guest_commands[] = {
  { BN_VERB_OPERATE, "GuestShutdown", cmd_guest_shutdown,
    "the guest OS shuts itself down lpar=N [force=true] [via=ssh|wsman]" },
  { 0, NULL, NULL, NULL }
};
