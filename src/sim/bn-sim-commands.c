/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-sim-commands"

#include "config.h"

#include <string.h>

#include "bn-blade-doc.h"
#include "bn-error.h"
#include "bn-sim-commands.h"
#include "bn-sim-lpar-move.h"
#include "bn-sim-fleet.h"
#include "bn-sim-guest.h"
#include "bn-sim-link.h"
#include "bn-sim-locks.h"
#include "bn-sim-migration.h"

/* The commands a simulated blade answers.  Each is documented, with an example, in
 * docs/hvmsh-protocol.md; keep the two in step. */

void
bn_sim_task_return_reply (GTask      *task,
                          BnSimReply *reply)
{
  g_task_return_pointer (task, reply, (GDestroyNotify) bn_sim_reply_free);
}

static void
return_error (GTask        *task,
              const GError *error)
{
  bn_sim_task_return_reply (task, bn_sim_reply_new_from_error (error));
}

/* Finds the LPAR named by lpar=N, or answers the request with the reason it can't. */
JsonObject *
bn_sim_require_lpar (BnSimBlade *blade,
                     BnRequest  *request,
                     GTask      *task)
{
  g_autoptr(GError) error = NULL;
  JsonObject *lpar;
  guint64 number;

  if (!bn_request_get_uint (request, "lpar", 1, bn_blade_doc_get_max_lpars (bn_sim_blade_get_doc (blade)),
                            &number, &error))
    {
      return_error (task, error);
      return NULL;
    }
  lpar = bn_sim_blade_get_lpar (blade, number);
  if (lpar == NULL)
    {
      bn_sim_task_return_reply (task, bn_sim_reply_new_error (BN_RC_NOT_FOUND, NULL,
                                                              "LPAR %" G_GUINT64_FORMAT
                                                              " is not defined on HVM %s",
                                                              number, bn_sim_blade_get_id (blade)));
      return NULL;
    }
  return lpar;
}

/* The same, when the lock table (locks.json) lets OPERATION touch that LPAR now. */
JsonObject *
bn_sim_require_unlocked_lpar (BnSimBlade *blade,
                              BnRequest  *request,
                              GTask      *task,
                              const char *operation)
{
  JsonObject *lpar = bn_sim_require_lpar (blade, request, task);
  BnSimReply *refusal;

  if (lpar == NULL)
    return NULL;
  refusal = bn_sim_locks_check (blade, operation, bn_blade_doc_get_int (lpar, "number", 0),
                                "bsm", NULL);
  if (refusal != NULL)
    {
      bn_sim_task_return_reply (task, refusal);
      return NULL;
    }
  return lpar;
}

typedef struct
{
  BnSimBlade       *blade;
  BnRequest        *request;
  GTask            *task;
  BnSimCommandFunc  then;
} StepData;

static gboolean
step_done_cb (gpointer user_data)
{
  StepData *data = user_data;

  data->then (data->blade, data->request, data->task);
  g_object_unref (data->task);
  g_object_unref (data->blade);
  bn_request_free (data->request);
  g_free (data);
  return G_SOURCE_REMOVE;
}

/* Simulated firmware work: finishes the command with `then` after the step's duration in
 * the fleet's timing profile.  The request is copied; the blade is kept alive. */
void
bn_sim_after_step (BnSimBlade       *blade,
                   const char       *step,
                   GTask            *task,
                   BnSimCommandFunc  then,
                   BnRequest        *request)
{
  StepData *data = g_new0 (StepData, 1);
  g_autofree char *line = bn_request_format (request);
  double seconds = bn_sim_blade_step_seconds (blade, step);

  data->blade = g_object_ref (blade);
  data->request = bn_request_parse (line, strlen (line), NULL);
  data->task = g_object_ref (task);
  data->then = then;
  g_timeout_add (MAX (0, (int) (seconds * 1000)), step_done_cb, data);
}

static JsonNode *
object_node (JsonObject *obj)
{
  return json_node_init_object (json_node_alloc (), obj);
}

static void
cmd_get_version (BnSimBlade *blade,
                 BnRequest  *request,
                 GTask      *task)
{
  g_autoptr(JsonObject) obj = json_object_new ();

  json_object_set_int_member (obj, "protocol", BN_PROTOCOL_VERSION);
  json_object_set_string_member (obj, "product", "bladesimd");
  json_object_set_string_member (obj, "version", PACKAGE_VERSION);
  json_object_set_string_member (obj, "hvm_id", bn_sim_blade_get_id (blade));
  json_object_set_string_member (obj, "timing", bn_sim_fleet_get_timing (bn_sim_blade_get_fleet (blade)));
  bn_sim_task_return_reply (task, bn_sim_reply_new_ok (object_node (obj)));
}

static void
cmd_get_hvm_config (BnSimBlade *blade,
                    BnRequest  *request,
                    GTask      *task)
{
  const char *since = bn_request_get (request, "if_generation");

  if (since != NULL)
    {
      g_autoptr(GError) error = NULL;
      guint64 generation;

      if (!bn_request_get_uint (request, "if_generation", 0, G_MAXINT64, &generation, &error))
        {
          return_error (task, error);
          return;
        }
      /* an Update of a fleet where little changed should not re-send every document */
      if (generation == bn_sim_blade_get_generation (blade))
        {
          g_autoptr(JsonObject) obj = json_object_new ();

          json_object_set_boolean_member (obj, "unchanged", TRUE);
          json_object_set_int_member (obj, "generation", generation);
          bn_sim_task_return_reply (task, bn_sim_reply_new_ok (object_node (obj)));
          return;
        }
    }
  bn_sim_task_return_reply (task, bn_sim_reply_new_raw (bn_sim_blade_get_config_json (blade)));
}

static void
cmd_get_lpar_list (BnSimBlade *blade,
                   BnRequest  *request,
                   GTask      *task)
{
  JsonArray *lpars = bn_blade_doc_get_array (bn_sim_blade_get_doc (blade), "lpars");
  g_autoptr(JsonObject) obj = json_object_new ();
  JsonArray *out = json_array_new ();

  for (guint i = 0; i < json_array_get_length (lpars); i++)
    {
      JsonObject *lpar = json_array_get_object_element (lpars, i);
      JsonObject *brief = json_object_new ();

      json_object_set_int_member (brief, "number", bn_blade_doc_get_int (lpar, "number", 0));
      json_object_set_string_member (brief, "name", bn_blade_doc_get_string (lpar, "name", ""));
      json_object_set_string_member (brief, "status", bn_blade_doc_get_string (lpar, "status", ""));
      json_object_set_boolean_member (brief, "recovery_required",
                                      bn_blade_doc_get_bool (lpar, "recovery_required", FALSE));
      json_array_add_object_element (out, brief);
    }
  json_object_set_array_member (obj, "lpars", out);
  bn_sim_task_return_reply (task, bn_sim_reply_new_ok (object_node (obj)));
}

static void
cmd_get_lpar_config (BnSimBlade *blade,
                     BnRequest  *request,
                     GTask      *task)
{
  JsonObject *lpar = bn_sim_require_lpar (blade, request, task);

  if (lpar != NULL)
    bn_sim_task_return_reply (task, bn_sim_reply_new_ok (object_node (json_object_ref (lpar))));
}

static void
cmd_get_system_logs (BnSimBlade *blade,
                     BnRequest  *request,
                     GTask      *task)
{
  JsonArray *logs = bn_blade_doc_get_array (bn_sim_blade_get_doc (blade), "logs");
  g_autoptr(JsonObject) obj = json_object_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *out = json_array_new ();
  guint64 since = 0;

  json_object_set_array_member (obj, "logs", out);
  if (bn_request_get (request, "since") != NULL &&
      !bn_request_get_uint (request, "since", 0, G_MAXINT64, &since, &error))
    {
      return_error (task, error);
      return;
    }
  for (guint i = 0; i < json_array_get_length (logs); i++)
    {
      JsonObject *entry = json_array_get_object_element (logs, i);

      if ((guint64) bn_blade_doc_get_int (entry, "seq", 0) > since)
        json_array_add_object_element (out, json_object_ref (entry));
    }
  bn_sim_task_return_reply (task, bn_sim_reply_new_ok (object_node (json_object_ref (obj))));
}

static void
cmd_set_lpar_name (BnSimBlade *blade,
                   BnRequest  *request,
                   GTask      *task)
{
  JsonObject *lpar = bn_sim_require_unlocked_lpar (blade, request, task, "lpar-modify");
  const char *name = bn_request_get (request, "name");

  if (lpar == NULL)
    return;
  if (name == NULL || *name == '\0' || g_utf8_strlen (name, -1) > 31)
    {
      bn_sim_task_return_reply (task, bn_sim_reply_new_error (BN_RC_BAD_ARGUMENT, NULL,
                                                              "name= must be 1 to 31 characters"));
      return;
    }
  json_object_set_string_member (lpar, "name", name);
  bn_sim_blade_changed (blade);
  bn_sim_task_return_reply (task, bn_sim_reply_new_ok (NULL));
}

#define HOLDS_OPERATION "bn-sim-holds-operation"

/* migration=ID on an operation: the blade's migration of that name, or NULL.  A name this
 * blade runs no migration of is no pass: the operation is then an ordinary one, checked
 * and locked as such (the console also tags the steps of recoveries and rollbacks, which
 * are no migrations, with their run's ID). */
static BnSimMigration *
named_migration (BnSimBlade *blade,
                 BnRequest  *request)
{
  return bn_sim_migration_lookup (blade, bn_request_get (request, "migration"));
}

/* Takes the operation lock or gives the busy answer.  An LPAR operation (BESIDE) may run
 * while a migration holds the blade: 表 5-2 allows operating the other LPARs of a migrating
 * HVM, and the caller has checked that it is one.  The task remembers that it took the
 * lock, for end_operation().  A step of the migration holding the blade takes none: it runs
 * under that migration's lock. */
static BnSimReply *
begin_operation (BnSimBlade *blade,
                 GTask      *task,
                 gboolean    beside,
                 const char *what)
{
  BnSimReply *busy = beside ? bn_sim_blade_begin_beside (blade, what)
                            : bn_sim_blade_begin (blade, BN_SIM_BUSY_OPERATION, what);

  if (busy == NULL)
    g_object_set_data (G_OBJECT (task), HOLDS_OPERATION, GINT_TO_POINTER (TRUE));
  return busy;
}

static void
end_operation (BnSimBlade *blade,
               GTask      *task)
{
  if (g_object_get_data (G_OBJECT (task), HOLDS_OPERATION) == NULL)
    return;
  g_object_set_data (G_OBJECT (task), HOLDS_OPERATION, NULL);
  bn_sim_blade_end (blade, BN_SIM_BUSY_OPERATION);
}

static guint
count_activated (BnSimBlade *blade)
{
  JsonArray *lpars = bn_blade_doc_get_array (bn_sim_blade_get_doc (blade), "lpars");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (lpars); i++)
    if (g_strcmp0 (bn_blade_doc_get_string (json_array_get_object_element (lpars, i), "status", ""),
                   "Activate") == 0)
      n++;
  return n;
}

static void
set_status (BnSimBlade *blade,
            JsonObject *lpar,
            const char *status)
{
  json_object_set_string_member (lpar, "status", status);
  bn_sim_blade_log (blade, BN_SIM_LOG_INFO,
                    g_str_equal (status, "Activate") ? "LPAR was activated." : "LPAR was deactivated.",
                    "LPAR#=%" G_GINT64_FORMAT " Name=%s",
                    bn_blade_doc_get_int (lpar, "number", 0),
                    bn_blade_doc_get_string (lpar, "name", ""));
}

static void
activate_done (BnSimBlade *blade,
               BnRequest  *request,
               GTask      *task)
{
  JsonObject *lpar = bn_sim_blade_get_lpar (blade, g_ascii_strtoull (bn_request_get (request, "lpar"),
                                                                     NULL, 10));

  end_operation (blade, task);
  if (lpar == NULL)
    {
      bn_sim_task_return_reply (task, bn_sim_reply_new_error (BN_RC_NOT_FOUND, NULL,
                                                              "The LPAR disappeared"));
      return;
    }
  set_status (blade, lpar, g_str_equal (bn_request_get_command (request), "LparActivate")
                           ? "Activate" : "Deactivate");
  bn_sim_task_return_reply (task, bn_sim_reply_new_ok (NULL));
}

static void
cmd_operate_lpar_power (BnSimBlade *blade,
                        BnRequest  *request,
                        GTask      *task)
{
  JsonObject *lpar = bn_sim_require_lpar (blade, request, task);
  gboolean activate = g_str_equal (bn_request_get_command (request), "LparActivate");
  const char *operation = activate ? "lpar-activate" : "lpar-deactivate";
  BnSimMigration *m = named_migration (blade, request);
  const char *status;
  BnSimReply *busy;
  gboolean cancels = FALSE;
  gboolean step;
  guint number;

  if (lpar == NULL)
    return;
  number = bn_blade_doc_get_int (lpar, "number", 0);
  status = bn_blade_doc_get_string (lpar, "status", "");
  if (g_str_equal (status, "Failure"))
    {
      bn_sim_task_return_reply (task, bn_sim_reply_new_error (BN_RC_STATE, NULL,
                                                              "LPAR %s is in Failure state",
                                                              bn_blade_doc_get_string (lpar, "name", "")));
      return;
    }
  /* only a step the named migration itself takes gets past its own lock */
  step = m != NULL && bn_sim_migration_needs (m, bn_request_get_command (request), number);
  {
    BnSimReply *refusal = step ? bn_sim_locks_check_step (blade, operation, number, "bsm")
                               : bn_sim_locks_check (blade, operation, number, "bsm", &cancels);

    if (refusal != NULL)
      {
        bn_sim_task_return_reply (task, refusal);
        return;
      }
  }
  if (g_str_equal (status, activate ? "Activate" : "Deactivate"))
    {
      bn_sim_task_return_reply (task, bn_sim_reply_new_error (BN_RC_STATE, NULL,
                                                              "LPAR %s is already %s",
                                                              bn_blade_doc_get_string (lpar, "name", ""),
                                                              activate ? "activated" : "deactivated"));
      return;
    }
  if (activate && count_activated (blade) >=
      (guint) bn_blade_doc_get_int (bn_sim_blade_get_doc (blade), "hvm.max_activated_lpars", 16))
    {
      bn_sim_task_return_reply (task, bn_sim_reply_new_error (BN_RC_STATE, NULL,
                                                              "HVM %s already runs its maximum of "
                                                              "activated LPARs",
                                                              bn_sim_blade_get_id (blade)));
      return;
    }
  if (activate)
    {
      g_autoptr(GError) error = NULL;

      if (!bn_sim_lpar_move_check_resources (blade, lpar, &error))
        {
          /* the manual's MMS error belongs to a migration's activation step */
          bn_sim_task_return_reply (task, step ? bn_sim_reply_new_from_error (error)
                                               : bn_sim_reply_new_error (BN_RC_STATE, NULL, "%s",
                                                                         error->message));
          return;
        }
    }
  /* 表 5-2 ※1: deactivating the LPAR being moved cancels its migration */
  if (cancels)
    bn_sim_migration_cancel_for (blade, number, "hvm-lpar-deactivation-detected");
  /* the migration's own step, and the deactivation that cancels a migration, run under
   * that migration's lock */
  busy = step || cancels ? NULL : begin_operation (blade, task, TRUE,
                                                   bn_request_get_command (request));
  if (busy != NULL)
    {
      bn_sim_task_return_reply (task, busy);
      return;
    }
  bn_sim_after_step (blade, activate ? "activate" : "deactivate", task, activate_done, request);
}

static void
save_config_done (BnSimBlade *blade,
                  BnRequest  *request,
                  GTask      *task)
{
  g_autoptr(GError) error = NULL;

  end_operation (blade, task);
  bn_sim_blade_log (blade, BN_SIM_LOG_INFO, "HVM configuration was saved.", "Requested by "
                    "the management server.");
  if (!bn_sim_blade_save_now (blade, &error))
    {
      return_error (task, error);
      return;
    }
  bn_sim_task_return_reply (task, bn_sim_reply_new_ok (NULL));
}

static void
cmd_operate_save_config (BnSimBlade *blade,
                         BnRequest  *request,
                         GTask      *task)
{
  BnSimMigration *m = named_migration (blade, request);
  BnSimReply *busy;
  gboolean step;

  step = m != NULL && bn_sim_migration_needs (m, "SaveConfig", 0);
  busy = step ? bn_sim_locks_check_step (blade, "hvm-save-config", 0, "bsm")
              : bn_sim_locks_check (blade, "hvm-save-config", 0, "bsm", NULL);
  if (busy == NULL && !step)
    busy = begin_operation (blade, task, FALSE, "SaveConfig");
  if (busy != NULL)
    {
      bn_sim_task_return_reply (task, busy);
      return;
    }
  bn_sim_after_step (blade, "save-config", task, save_config_done, request);
}

static void cmd_get_help (BnSimBlade *blade, BnRequest *request, GTask *task);

static const BnSimCommand commands[] = {
  { BN_VERB_GET, "Help", cmd_get_help, "list the commands this blade answers" },
  { BN_VERB_GET, "Version", cmd_get_version, "protocol and simulator version" },
  { BN_VERB_GET, "HvmConfig", cmd_get_hvm_config, "the blade document [if_generation=N]" },
  { BN_VERB_GET, "LparList", cmd_get_lpar_list, "number, name and status of each LPAR" },
  { BN_VERB_GET, "LparConfig", cmd_get_lpar_config, "one LPAR's configuration lpar=N" },
  { BN_VERB_GET, "SystemLogs", cmd_get_system_logs, "HVM System Logs [since=SEQ]" },
  { BN_VERB_SET, "LparName", cmd_set_lpar_name, "rename an LPAR lpar=N name=NAME" },
  { BN_VERB_OPERATE, "LparActivate", cmd_operate_lpar_power, "activate an LPAR lpar=N" },
  { BN_VERB_OPERATE, "LparDeactivate", cmd_operate_lpar_power, "deactivate an LPAR lpar=N" },
  { BN_VERB_OPERATE, "SaveConfig", cmd_operate_save_config, "save the HVM configuration" },
  { 0, NULL, NULL, NULL }
};

/* Every table of commands a blade answers, in the order Help lists them. */
static const BnSimCommand *tables[] = {
  commands,
  bn_sim_migration_commands,
  bn_sim_link_commands,
  bn_sim_guest_commands,
};

static void
cmd_get_help (BnSimBlade *blade,
              BnRequest  *request,
              GTask      *task)
{
  g_autoptr(JsonObject) obj = json_object_new ();
  JsonArray *list = json_array_new ();

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    for (const BnSimCommand *c = tables[t]; c->name != NULL; c++)
      {
        JsonObject *entry = json_object_new ();

        json_object_set_string_member (entry, "verb", bn_verb_to_string (c->verb));
        json_object_set_string_member (entry, "command", c->name);
        json_object_set_string_member (entry, "summary", c->summary);
        json_array_add_object_element (list, entry);
      }
  json_object_set_array_member (obj, "commands", list);
  bn_sim_task_return_reply (task, bn_sim_reply_new_ok (object_node (json_object_ref (obj))));
}

void
bn_sim_commands_dispatch_async (BnSimBlade          *blade,
                                BnRequest           *request,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (blade, cancellable, callback, user_data);
  const char *name = bn_request_get_command (request);
  gboolean name_known = FALSE;

  g_task_set_source_tag (task, bn_sim_commands_dispatch_async);
  /* a session closing must not lose the reply of a firmware step already under way */
  g_task_set_check_cancellable (task, FALSE);

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    for (const BnSimCommand *c = tables[t]; c->name != NULL; c++)
      {
        if (!g_str_equal (c->name, name))
          continue;
        name_known = TRUE;
        if (c->verb != bn_request_get_verb (request))
          continue;
        c->func (blade, request, task);
        return;
      }

  if (name_known)
    bn_sim_task_return_reply (task, bn_sim_reply_new_error (BN_RC_UNKNOWN_COMMAND, NULL,
                                                            "%s is not a “%s” command",
                                                            name,
                                                            bn_verb_to_string (bn_request_get_verb (request))));
  else
    bn_sim_task_return_reply (task, bn_sim_reply_new_error (BN_RC_UNKNOWN_COMMAND, NULL,
                                                            "Unknown command “%s” (get Help lists "
                                                            "the commands)", name));
}

BnSimReply *
bn_sim_commands_dispatch_finish (GAsyncResult *result)
{
  return g_task_propagate_pointer (G_TASK (result), NULL);
}
