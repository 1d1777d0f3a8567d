/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-sim-guest"

#include "config.h"

#include "bn-blade-doc.h"
#include "bn-sim-guest.h"

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
  Shutdown *s;
  double seconds;

  if (lpar == NULL)
    return;
  seconds = force ? 0 : bn_blade_doc_get_double (lpar, "guest.remote.shutdown_seconds",
                                                 bn_sim_blade_step_seconds (blade, "guest-shutdown"));
  s = g_new0 (Shutdown, 1);
  s->blade = g_object_ref (blade);
  s->lpar = number;
  s->how = g_strdup (how);
  bn_sim_blade_log (blade, BN_SIM_LOG_INFO, "Guest OS shutdown was requested.",
                    "LPAR#=%u Via=%s Forced=%s", number, how, force ? "yes" : "no");
  g_timeout_add ((guint) (seconds * 1000), guest_down_cb, s);
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
