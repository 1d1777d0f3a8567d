/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-migration"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "bn-blade-doc.h"
#include "bn-catalogue.h"
#include "bn-enums.h"
#include "bn-error.h"
#include "bn-glib-compat.h"
#include "bn-hvm.h"
#include "bn-migration-private.h"
#include "bn-monitor-sample.h"
#include "bn-stage.h"

/* One run of the Migration Service: the steps of data/stages/<operation>.json, each done by
 * the function of the same id below, one after the other.  The Progress window binds to
 * the stages (process rows), the information label, the samples and the error. */

#define STATUS_POLL_FLOOR_MS   100
#define SHUTDOWN_POLL_MS       500
#define END_TIMEOUT_S          30

typedef void (*StepFunc) (BnMigration *self);

typedef struct
{
  const char *id;
  StepFunc    func;     /* NULL: done by an earlier step that spans it */
} StepImpl;

struct _BnMigration
{
  GObject             parent_instance;

  char               *id;
  BnMigrationRequest *request;
  BnFleet            *fleet;
  BnOptions          *options;
  BnHvm              *source;
  BnHvm              *destination;
  char               *lpar_name;
  guint               source_group;
  GQuark              error_domain;
  int                 error_code;
  guint               destination_lpar;

  BnMigrationCheckFunc check_func;
  gpointer            check_data;

  JsonObject         *operation;      /* data/stages/<name>.json */
  JsonArray          *steps;
  const StepImpl     *impls;
  guint               step;
  GListStore         *stages;
  GListStore         *samples;

  BnRunState          state;
  char               *title;
  char               *information;
  char               *progress_text;
  char               *error_id;
  char               *error_line;
  char               *error_remedy;
  char               *completion_text;
  JsonObject         *result;
  guint               timeout_s;
  gboolean            locked_source;
  gboolean            locked_destination;
  gboolean            cancel_requested;
  gboolean            shutdown_retried;
  gboolean            ending;
  gboolean            finished;
  gint64              started_us;
  gint64              deadline_us;
  guint               poll_source;
  guint               keepalive_source;
  guint               pending;        /* parallel calls still out */
  GError             *pending_error;
  JsonObject         *handed_over;    /* Shutdown mode: the source LPAR's configuration */
  JsonObject         *identity;       /* the destination slot's identity, for the commit */
  GCancellable       *cancellable;
};

enum {
  PROP_0,
  PROP_STATE,
  PROP_INFORMATION,
  PROP_STEP_ID,
  PROP_PROGRESS_TEXT,
  PROP_CAN_CANCEL,
  PROP_CAN_EXTEND,
  PROP_TIMEOUT,
  PROP_ERROR_LINE,
  PROP_COMPLETION_TEXT,
  N_PROPS
};

enum {
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BnMigration, bn_migration, G_TYPE_OBJECT)

const char *
bn_run_state_to_string (BnRunState state)
{
  static const char *names[] = { "waiting", "running", "canceling", "succeeded", "failed",
                                 "canceled" };

  g_return_val_if_fail (state < G_N_ELEMENTS (names), NULL);
  return names[state];
}

static void
bn_migration_dispose (GObject *object)
{
  BnMigration *self = (BnMigration *) object;

  g_clear_handle_id (&self->poll_source, g_source_remove);
  g_clear_handle_id (&self->keepalive_source, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->source);
  g_clear_object (&self->destination);
  g_clear_object (&self->fleet);
  g_clear_object (&self->options);
  g_clear_object (&self->stages);
  g_clear_object (&self->samples);

  G_OBJECT_CLASS (bn_migration_parent_class)->dispose (object);
}

static void
bn_migration_finalize (GObject *object)
{
  BnMigration *self = (BnMigration *) object;

  g_free (self->id);
  g_clear_pointer (&self->request, bn_migration_request_free);
  g_free (self->lpar_name);
  g_free (self->title);
  g_free (self->information);
  g_free (self->progress_text);
  g_free (self->error_id);
  g_free (self->error_line);
  g_free (self->error_remedy);
  g_free (self->completion_text);
  g_clear_pointer (&self->result, json_object_unref);
  g_clear_pointer (&self->handed_over, json_object_unref);
  g_clear_pointer (&self->identity, json_object_unref);
  g_clear_error (&self->pending_error);

  G_OBJECT_CLASS (bn_migration_parent_class)->finalize (object);
}

static void
bn_migration_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BnMigration *self = BN_MIGRATION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_INFORMATION:
      g_value_set_string (value, self->information);
      break;
    case PROP_STEP_ID:
      g_value_set_string (value, bn_migration_get_step_id (self));
      break;
    case PROP_PROGRESS_TEXT:
      g_value_set_string (value, self->progress_text);
      break;
    case PROP_CAN_CANCEL:
      g_value_set_boolean (value, bn_migration_get_can_cancel (self));
      break;
    case PROP_CAN_EXTEND:
      g_value_set_boolean (value, bn_migration_get_can_extend (self));
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout_s);
      break;
    case PROP_ERROR_LINE:
      g_value_set_string (value, self->error_line);
      break;
    case PROP_COMPLETION_TEXT:
      g_value_set_string (value, self->completion_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bn_migration_class_init (BnMigrationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = bn_migration_dispose;
  object_class->finalize = bn_migration_finalize;
  object_class->get_property = bn_migration_get_property;

  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, BN_TYPE_RUN_STATE,
                                              BN_RUN_STATE_WAITING, flags);
  properties[PROP_INFORMATION] = g_param_spec_string ("information", NULL, NULL, NULL, flags);
  properties[PROP_STEP_ID] = g_param_spec_string ("step-id", NULL, NULL, NULL, flags);
  properties[PROP_PROGRESS_TEXT] = g_param_spec_string ("progress-text", NULL, NULL, NULL, flags);
  properties[PROP_CAN_CANCEL] = g_param_spec_boolean ("can-cancel", NULL, NULL, FALSE, flags);
  properties[PROP_CAN_EXTEND] = g_param_spec_boolean ("can-extend", NULL, NULL, FALSE, flags);
  properties[PROP_TIMEOUT] = g_param_spec_uint ("timeout", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_ERROR_LINE] = g_param_spec_string ("error-line", NULL, NULL, NULL, flags);
  properties[PROP_COMPLETION_TEXT] = g_param_spec_string ("completion-text", NULL, NULL, NULL,
                                                          flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The run is over (succeeded, failed or canceled) and the blades are unlocked. */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
bn_migration_init (BnMigration *self)
{
  self->stages = g_list_store_new (BN_TYPE_STAGE);
  self->samples = g_list_store_new (BN_TYPE_MONITOR_SAMPLE);
  self->cancellable = g_cancellable_new ();
  self->result = json_object_new ();
}

/* ----------------------------------------------------------------------------------------
 * Accessors
 */

const char *
bn_migration_get_id (BnMigration *self)
{
  return self->id;
}

const BnMigrationRequest *
bn_migration_get_request (BnMigration *self)
{
  return self->request;
}

BnRunState
bn_migration_get_state (BnMigration *self)
{
  return self->state;
}

/* TRUE once the run has ended and unlocked the blades ("finished" was emitted); a failed
 * run is FAILED while it still cleans up. */
gboolean
bn_migration_is_finished (BnMigration *self)
{
  return self->finished;
}

const char *
bn_migration_get_title (BnMigration *self)
{
  return self->title;
}

const char *
bn_migration_get_information (BnMigration *self)
{
  return self->information;
}

const char *
bn_migration_get_progress_text (BnMigration *self)
{
  return self->progress_text;
}

GListModel *
bn_migration_get_stages (BnMigration *self)
{
  return G_LIST_MODEL (self->stages);
}

GListModel *
bn_migration_get_samples (BnMigration *self)
{
  return G_LIST_MODEL (self->samples);
}

guint
bn_migration_get_timeout (BnMigration *self)
{
  return self->timeout_s;
}

guint
bn_migration_get_destination_lpar (BnMigration *self)
{
  return self->destination_lpar;
}

const char *
bn_migration_get_error_id (BnMigration *self)
{
  return self->error_id;
}

const char *
bn_migration_get_error_line (BnMigration *self)
{
  return self->error_line;
}

const char *
bn_migration_get_error_remedy (BnMigration *self)
{
  return self->error_remedy;
}

const char *
bn_migration_get_completion_text (BnMigration *self)
{
  return self->completion_text;
}

JsonObject *
bn_migration_get_result (BnMigration *self)
{
  return self->result;
}

BnHvm *
_bn_migration_get_source (BnMigration *self)
{
  return self->source;
}

BnHvm *
_bn_migration_get_destination (BnMigration *self)
{
  return self->destination;
}

const char *
_bn_migration_get_lpar_name (BnMigration *self)
{
  return self->lpar_name;
}

guint
_bn_migration_get_source_group (BnMigration *self)
{
  return self->source_group;
}

static JsonObject *
current_step (BnMigration *self)
{
  if (self->steps == NULL || self->step >= json_array_get_length (self->steps))
    return NULL;
  return json_array_get_object_element (self->steps, self->step);
}

const char *
bn_migration_get_step_id (BnMigration *self)
{
  return bn_blade_doc_get_string (current_step (self), "id", NULL);
}

/* §4.3.3, §4.3.4: only while memory is being transferred. */
gboolean
bn_migration_get_can_cancel (BnMigration *self)
{
  return self->state == BN_RUN_STATE_RUNNING &&
         bn_blade_doc_get_bool (current_step (self), "cancellable", FALSE);
}

gboolean
bn_migration_get_can_extend (BnMigration *self)
{
  return self->state == BN_RUN_STATE_RUNNING &&
         bn_blade_doc_get_bool (current_step (self), "extendable", FALSE);
}

static void
set_string (BnMigration  *self,
            char        **field,
            const char   *value,
            guint         prop)
{
  if (bn_set_str (field, value) && prop != PROP_0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_state (BnMigration *self,
           BnRunState   state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_CANCEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_EXTEND]);
}

/* ----------------------------------------------------------------------------------------
 * Process rows and steps
 */

static BnStage *
find_stage (BnMigration *self,
            const char  *process)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->stages));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BnStage) stage = g_list_model_get_item (G_LIST_MODEL (self->stages), i);

      if (g_strcmp0 (bn_stage_get_id (stage), process) == 0)
        return stage;
    }
  return NULL;
}

static BnStage *
current_stage (BnMigration *self)
{
  return find_stage (self, bn_blade_doc_get_string (current_step (self), "process", NULL));
}

/* Every process before this one that ran is done (§7-2 #13). */
static void
mark_earlier_done (BnMigration *self,
                   BnStage     *current)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->stages));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BnStage) stage = g_list_model_get_item (G_LIST_MODEL (self->stages), i);

      if (stage == current)
        break;
      if (bn_stage_get_state (stage) == BN_STAGE_STATE_RUNNING ||
          bn_stage_get_state (stage) == BN_STAGE_STATE_WAITING)
        bn_stage_set_state (stage, BN_STAGE_STATE_DONE);
    }
}

/* "executing migration process ... Stage = 0x4050: (SRC) Transferring Memory Data" */
static void
update_information (BnMigration *self)
{
  JsonObject *step = current_step (self);
  const char *process_id = bn_blade_doc_get_string (step, "process", NULL);
  JsonArray *processes = bn_blade_doc_get_array (self->operation, "processes");
  const char *code = bn_blade_doc_get_string (step, "stage_code", "0x0000");
  g_autofree char *process = NULL;
  g_autofree char *text = NULL;

  /* The label is the blade's own English line, as the manual quotes it in every language
   * (§4.3.3, messages.json "progress-information"): the process's English name, never a
   * translated one inside English words. */
  for (guint i = 0; processes && i < json_array_get_length (processes); i++)
    {
      JsonObject *p = json_array_get_object_element (processes, i);

      if (g_strcmp0 (bn_blade_doc_get_string (p, "id", NULL), process_id) == 0)
        process = g_ascii_strdown (bn_blade_doc_get_string (bn_blade_doc_get_object (p, "name"),
                                                            "en", ""), -1);
    }
  text = bn_catalogue_format_template (bn_catalogue_get_default (), "progress-information",
                                       "process", process ? process : "",
                                       "stage_code", g_str_has_prefix (code, "0x") ? code + 2
                                                                                   : code,
                                       "information",
                                       bn_blade_doc_get_string (step, "information", ""),
                                       NULL);
  set_string (self, &self->information, text, PROP_INFORMATION);
}

/* Moves the cursor to step ID (used by steps that span several rows of the data). */
static void
enter_step_id (BnMigration *self,
               const char  *id)
{
  for (guint i = self->step; i < json_array_get_length (self->steps); i++)
    {
      JsonObject *step = json_array_get_object_element (self->steps, i);
      BnStage *stage;

      if (g_strcmp0 (bn_blade_doc_get_string (step, "id", NULL), id) != 0)
        continue;
      self->step = i;
      stage = current_stage (self);
      if (stage != NULL)
        {
          mark_earlier_done (self, stage);
          bn_stage_set_state (stage, BN_STAGE_STATE_RUNNING);
        }
      update_information (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP_ID]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_CANCEL]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_EXTEND]);
      return;
    }
  g_warning ("%s: no step %s after the current one", self->id, id);
}

static gboolean
flag_enabled (BnMigration *self,
              const char  *flag)
{
  if (flag == NULL)
    return TRUE;
  if (g_str_equal (flag, "shutdown_guest"))
    return self->request->shutdown_guest;
  if (g_str_equal (flag, "activate_destination"))
    return self->request->activate_destination;
  return FALSE;
}

static const StepImpl *find_impl (BnMigration *self, const char *id);
static void finish (BnMigration *self);
static void fail (BnMigration *self, GError *error);

static void
run_next (BnMigration *self)
{
  guint n = json_array_get_length (self->steps);

  while (self->step < n)
    {
      JsonObject *step = json_array_get_object_element (self->steps, self->step);
      const char *id = bn_blade_doc_get_string (step, "id", "");
      const StepImpl *impl = find_impl (self, id);

      if (!flag_enabled (self, bn_blade_doc_get_string (step, "optional_flag", NULL)))
        {
          BnStage *stage = find_stage (self, bn_blade_doc_get_string (step, "process", NULL));

          if (stage != NULL && bn_stage_get_state (stage) == BN_STAGE_STATE_WAITING)
            bn_stage_set_state (stage, BN_STAGE_STATE_SKIPPED);
          self->step++;
          continue;
        }
      if (impl->func == NULL)
        {
          self->step++;
          continue;
        }
      enter_step_id (self, id);
      impl->func (self);
      return;
    }
  finish (self);
}

static void
step_done (BnMigration *self)
{
  if (self->ending)
    return;
  self->step++;
  run_next (self);
}

/* ----------------------------------------------------------------------------------------
 * Errors, the end, clean-up
 */

/* A blade that stops answering, or cannot be reached, is a communication failure (§6.4.6,
 * 表 6-3 #8 and its destination twin), not the failure of the work its step was doing: the
 * operation's "communication_errors" (data/stages) say which; NULL when it has none. */
static const char *
communication_error_id (BnMigration  *self,
                        const GError *error)
{
  JsonObject *ids = bn_blade_doc_get_object (self->operation, "communication_errors");
  g_autofree char *destination = NULL;

  if (ids == NULL)
    return NULL;
  if (g_error_matches (error, BN_ERROR, BN_ERROR_TIMED_OUT))
    return bn_blade_doc_get_string (ids, "timed_out", NULL);
  if (!g_error_matches (error, BN_ERROR, BN_ERROR_UNREACHABLE) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED))
    return NULL;
  /* the client's messages start with the blade's ADDRESS:PORT */
  if (self->destination != NULL)
    destination = g_strdup_printf ("%s:", bn_hvm_get_address (self->destination));
  return bn_blade_doc_get_string (ids, destination != NULL &&
                                       strstr (error->message, destination) != NULL
                                       ? "destination_unreachable" : "source_unreachable",
                                  NULL);
}

/* Turns any failure into the manual's form: catalogue id, EMG line, remedy. */
static void
record_error (BnMigration  *self,
              const GError *error,
              const char   *fallback_id)
{
  BnCatalogue *catalogue = bn_catalogue_get_default ();
  const char *id = bn_error_get_catalogue_id (error);
  g_autofree char *line = NULL;

  if (!bn_catalogue_has_error (catalogue, id))
    id = communication_error_id (self, error);
  if (!bn_catalogue_has_error (catalogue, id))
    id = fallback_id;
  if (bn_catalogue_has_error (catalogue, id))
    {
      g_autofree char *formatted = bn_catalogue_format_error (catalogue, id, error->message);

      /* the blade's own words add what the catalogue line can't (which LPAR, which path) */
      line = g_strcmp0 (error->message,
                        bn_blade_doc_get_string (bn_catalogue_lookup_error (catalogue, id),
                                                 "message", NULL)) == 0
             ? g_steal_pointer (&formatted)
             : g_strdup_printf ("%s\n%s", formatted, error->message);
      set_string (self, &self->error_remedy, bn_catalogue_get_remedy (catalogue, id), PROP_0);
    }
  else
    line = g_strdup (error->message);
  g_free (self->error_id);
  self->error_id = g_strdup (id);
  self->error_domain = error->domain;
  self->error_code = error->code;
  set_string (self, &self->error_line, line, PROP_ERROR_LINE);
}

/* How the run failed, as a GError kind (e.g. BN_ERROR_LOCKED for a 表 5-2 refusal): what a
 * front end maps to its own codes.  FALSE when it did not fail. */
gboolean
bn_migration_get_error_kind (BnMigration *self,
                             GQuark      *domain,
                             int         *code)
{
  if (self->error_id == NULL && self->error_line == NULL)
    return FALSE;
  *domain = self->error_domain;
  *code = self->error_code;
  return TRUE;
}

static void end_and_refresh (BnMigration *self, gboolean succeeded);

static void
fail (BnMigration *self,
      GError      *error)
{
  g_autoptr(GError) owned = error;
  BnStage *stage = current_stage (self);
  JsonObject *step = current_step (self);

  if (self->ending)
    return;
  g_clear_handle_id (&self->poll_source, g_source_remove);
  record_error (self, error, bn_blade_doc_get_string (step, "error_on_failure", NULL));
  g_info ("%s: %s failed at %s: %s", self->id, self->title,
             bn_blade_doc_get_string (step, "id", "?"), error->message);
  if (stage != NULL)
    bn_stage_set_state (stage, BN_STAGE_STATE_CLEANING_UP);
  set_state (self, self->cancel_requested ? BN_RUN_STATE_CANCELING : BN_RUN_STATE_FAILED);
  end_and_refresh (self, FALSE);
}

static void
emit_finished (BnMigration *self,
               BnRunState   state)
{
  BnStage *stage = current_stage (self);
  BnCatalogue *catalogue = bn_catalogue_get_default ();
  const char *completion = NULL;

  if (state == BN_RUN_STATE_SUCCEEDED)
    {
      mark_earlier_done (self, NULL);
      completion = bn_catalogue_get_message (catalogue,
                                             bn_blade_doc_get_string (self->operation,
                                                                      "completion_message",
                                                                      "migration-completed"));
      set_string (self, &self->information, completion, PROP_INFORMATION);
    }
  else if (state == BN_RUN_STATE_CANCELED)
    {
      if (stage != NULL)
        bn_stage_set_state (stage, BN_STAGE_STATE_FAILED);
      completion = bn_catalogue_get_message (catalogue, "progress-cancel-completed");
    }
  else if (stage != NULL)
    bn_stage_set_state (stage, BN_STAGE_STATE_FAILED);

  json_object_set_double_member (self->result, "elapsed_s",
                                 (g_get_monotonic_time () - self->started_us) / 1e6);
  set_string (self, &self->completion_text, completion, PROP_COMPLETION_TEXT);
  self->finished = TRUE;
  set_state (self, state);
  g_signal_emit (self, signals[FINISHED], 0);
}

static void
finish (BnMigration *self)
{
  end_and_refresh (self, TRUE);
}

typedef struct
{
  BnMigration *self;
  gboolean     succeeded;
  guint        pending;
} Ending;

static void
ending_step (Ending *ending)
{
  BnMigration *self = ending->self;

  if (--ending->pending > 0)
    return;
  if (ending->succeeded)
    emit_finished (self, BN_RUN_STATE_SUCCEEDED);
  else
    emit_finished (self, self->cancel_requested ? BN_RUN_STATE_CANCELED : BN_RUN_STATE_FAILED);
  g_object_unref (self);
  g_free (ending);
}

static void
ending_refreshed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  bn_fleet_update_hvm_finish (BN_FLEET (object), result, NULL);
  ending_step (user_data);
}

static void
refresh_hvm (Ending *ending,
             BnHvm  *hvm)
{
  ending->pending++;
  bn_fleet_update_hvm_async (ending->self->fleet, hvm, NULL, ending_refreshed_cb, ending);
}

static void
ending_unlocked_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Ending *ending = user_data;
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(GError) error = NULL;
  BnHvm *hvm = g_object_get_data (G_OBJECT (object), "bn-hvm");

  reply = bn_backend_call_finish (BN_BACKEND (object), result, &error);
  if (reply == NULL)
    g_info ("%s: could not unlock %s: %s", ending->self->id,
               hvm ? bn_hvm_get_id (hvm) : "an HVM", error->message);
  /* Refresh HVM Information: re-read what the move changed */
  if (hvm != NULL)
    refresh_hvm (ending, hvm);
  ending_step (ending);
}

static BnBackend *
backend_of (BnMigration *self,
            BnHvm       *hvm)
{
  BnBackend *backend = bn_fleet_get_backend (self->fleet, hvm);

  g_object_set_data (G_OBJECT (backend), "bn-hvm", hvm);
  return backend;
}

static JsonObject *
migration_args (BnMigration *self)
{
  JsonObject *args = json_object_new ();

  json_object_set_string_member (args, "migration", self->id);
  return args;
}

/* Unlocks both blades (MigrationEnd), re-reads them, then finishes.  Runs after success
 * and after failure alike: a blade must never stay locked by a console that gave up. */
static void
end_and_refresh (BnMigration *self,
                 gboolean     succeeded)
{
  Ending *ending = g_new0 (Ending, 1);
  BnHvm *hvms[] = { self->source, self->destination };
  gboolean locked[] = { self->locked_source, self->locked_destination };

  self->ending = TRUE;
  g_clear_handle_id (&self->poll_source, g_source_remove);
  g_clear_handle_id (&self->keepalive_source, g_source_remove);
  ending->self = g_object_ref (self);
  ending->succeeded = succeeded;
  ending->pending = 1;
  for (guint i = 0; i < G_N_ELEMENTS (hvms); i++)
    {
      if (hvms[i] == NULL || (i == 1 && hvms[1] == hvms[0]))
        continue;
      if (locked[i])
        {
          g_autoptr(JsonObject) args = migration_args (self);

          ending->pending++;
          /* the run's own cancellable is not used: unlocking must happen even now */
          bn_backend_call_async (backend_of (self, hvms[i]), BN_BACKEND_OP_MIGRATION_END, args,
                                 NULL, ending_unlocked_cb, ending);
        }
      else
        refresh_hvm (ending, hvms[i]);
    }
  self->locked_source = self->locked_destination = FALSE;
  ending_step (ending);
}

/* ----------------------------------------------------------------------------------------
 * Calling blades from steps
 */

typedef void (*CallDone) (BnMigration *self, JsonObject *reply);

typedef struct
{
  BnMigration *self;
  CallDone     done;
} Call;

static void
call_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(BnMigration) self = call->self;
  g_autoptr(JsonObject) reply = NULL;
  GError *error = NULL;
  CallDone done = call->done;

  g_free (call);
  reply = bn_backend_call_finish (BN_BACKEND (object), result, &error);
  if (self->ending)
    {
      g_clear_error (&error);
      return;
    }
  /* several calls in parallel: the step goes on when the last answers */
  if (self->pending > 0)
    {
      if (error != NULL && self->pending_error == NULL)
        self->pending_error = g_steal_pointer (&error);
      g_clear_error (&error);
      if (--self->pending > 0)
        return;
      if (self->pending_error != NULL)
        {
          fail (self, g_steal_pointer (&self->pending_error));
          return;
        }
    }
  else if (error != NULL)
    {
      fail (self, error);
      return;
    }
  if (done != NULL)
    done (self, reply);
  else
    step_done (self);
}

/* Calls OP on HVM with ARGS (taken); DONE (or the next step) follows on success, fail()
 * on error. */
static void
call (BnMigration *self,
      BnHvm       *hvm,
      BnBackendOp  op,
      JsonObject  *args,
      CallDone     done)
{
  g_autoptr(JsonObject) owned = args;
  Call *c = g_new0 (Call, 1);

  c->self = g_object_ref (self);
  c->done = done;
  bn_backend_call_async (backend_of (self, hvm), op, args, self->cancellable, call_cb, c);
}

/* The same operation on both blades at once. */
static void
call_both (BnMigration *self,
           BnBackendOp  op)
{
  self->pending = 2;
  call (self, self->source, op, migration_args (self), NULL);
  call (self, self->destination, op, migration_args (self), NULL);
}

static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(BnMigration) self = user_data;
  GError *error = NULL;

  if (!bn_fleet_update_hvm_finish (BN_FLEET (object), result, &error))
    {
      fail (self, error);
      return;
    }
  if (--self->pending == 0)
    step_done (self);
}

/* Re-reads HVMs before a decision is taken on what they hold. */
static void
refresh_then_next (BnMigration *self,
                   BnHvm       *a,
                   BnHvm       *b)
{
  self->pending = (b != NULL && b != a) ? 2 : 1;
  bn_fleet_update_hvm_async (self->fleet, a, self->cancellable, refreshed_cb,
                             g_object_ref (self));
  if (self->pending == 2)
    bn_fleet_update_hvm_async (self->fleet, b, self->cancellable, refreshed_cb,
                               g_object_ref (self));
}

static const char *
primary_path_ip (BnHvm *hvm)
{
  return bn_blade_doc_get_string (bn_blade_doc_get_primary_path (bn_hvm_get_config (hvm)), "ip",
                                  NULL);
}

/* ----------------------------------------------------------------------------------------
 * Steps shared by the operations
 */

static void step_nothing (BnMigration *self) { step_done (self); }

static void
step_backup_source (BnMigration *self)
{
  call (self, self->source, BN_BACKEND_OP_BACKUP_DUMP, migration_args (self), NULL);
}

static void
step_backup_destination (BnMigration *self)
{
  call (self, self->destination, BN_BACKEND_OP_BACKUP_DUMP, migration_args (self), NULL);
}

static void
step_save_lpar_config (BnMigration *self)
{
  call_both (self, BN_BACKEND_OP_SAVE_LPAR_CONFIG);
}

static void
step_save_hvm_config (BnMigration *self)
{
  if (self->destination != NULL && self->destination != self->source)
    call_both (self, BN_BACKEND_OP_SAVE_CONFIG);
  else
    call (self, self->source, BN_BACKEND_OP_SAVE_CONFIG, NULL, NULL);
}

/* The last step: the unlock and the re-read happen in end_and_refresh(). */
static void
step_refresh (BnMigration *self)
{
  step_done (self);
}

static void
checked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data);

/* Checks on fresh information: both HVMs are read again, then the applicability checks of
 * the service decide (a wrong "OK" here can corrupt a disk). */
static void
step_check_conditions (BnMigration *self)
{
  self->pending = (self->destination != self->source) ? 2 : 1;
  bn_fleet_update_hvm_async (self->fleet, self->source, self->cancellable, checked_cb,
                             g_object_ref (self));
  if (self->pending == 2)
    bn_fleet_update_hvm_async (self->fleet, self->destination, self->cancellable, checked_cb,
                               g_object_ref (self));
}

static void
checked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(BnMigration) self = user_data;
  GError *error = NULL;

  if (!bn_fleet_update_hvm_finish (BN_FLEET (object), result, &error))
    {
      if (self->pending_error == NULL)
        self->pending_error = error;
      else
        g_error_free (error);
    }
  if (--self->pending > 0)
    return;
  if (self->pending_error != NULL)
    {
      fail (self, g_steal_pointer (&self->pending_error));
      return;
    }
  if (self->check_func != NULL &&
      !self->check_func (self, self->source, self->destination, self->destination_lpar,
                         self->check_data, &error))
    {
      fail (self, error);
      return;
    }
  step_done (self);
}

/* ----------------------------------------------------------------------------------------
 * Concurrent Maintenance: the live transfer, watched stage by stage
 */

static void poll_transfer (BnMigration *self);

static guint
sample_period (BnMigration *self)
{
  return MAX (STATUS_POLL_FLOOR_MS,
              bn_options_get_uint (self->options, BN_OPTION_MONITOR_PERIOD));
}

static gboolean
poll_transfer_cb (gpointer user_data)
{
  BnMigration *self = user_data;

  self->poll_source = 0;
  poll_transfer (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_poll (BnMigration *self)
{
  g_clear_handle_id (&self->poll_source, g_source_remove);
  self->poll_source = g_timeout_add (sample_period (self), poll_transfer_cb, self);
}

static void
add_sample (BnMigration *self,
            JsonObject  *status)
{
  g_autoptr(BnMonitorSample) sample = NULL;
  gint64 timeout_us = bn_blade_doc_get_int (status, "timeout_us", 0);
  gint64 expected = bn_blade_doc_get_int (status, "expected_suspend_us", -1);

  if (timeout_us > 0 && timeout_us / G_USEC_PER_SEC != self->timeout_s)
    {
      self->timeout_s = timeout_us / G_USEC_PER_SEC;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
    }
  sample = bn_monitor_sample_new (bn_blade_doc_get_int (status, "elapsed_us", 0) / 1000,
                                  bn_blade_doc_get_string (status, "phase", ""),
                                  bn_blade_doc_get_int (status, "round", 0),
                                  bn_blade_doc_get_int (status, "total_bytes", 0),
                                  bn_blade_doc_get_int (status, "transferred_bytes", 0),
                                  bn_blade_doc_get_int (status, "remaining_dirty_bytes", 0),
                                  MAX (bn_blade_doc_get_double (status, "transfer_rate", 0), 0),
                                  MAX (bn_blade_doc_get_double (status, "dirty_rate", 0), 0),
                                  expected >= 0 ? expected / 1000.0 : -1,
                                  self->timeout_s);
  g_list_store_append (self->samples, sample);
}

static GError *
status_error (JsonObject *status)
{
  GError *error = g_error_new (BN_ERROR, BN_ERROR_FAILED, "%s",
                               bn_blade_doc_get_string (status, "error_message",
                                                        "The memory transfer failed"));

  bn_error_set_catalogue (error, bn_blade_doc_get_string (status, "error", NULL), NULL);
  return error;
}

static void committed (BnMigration *self, JsonObject *reply);

static void
destination_status_cb (BnMigration *self,
                       JsonObject  *status)
{
  const char *state = bn_blade_doc_get_string (status, "state", "");

  if (g_str_equal (state, "received"))
    {
      g_autoptr(JsonObject) args = migration_args (self);
      JsonObject *identity = bn_blade_doc_get_object (status, "identity");

      /* the destination holds the LPAR: now, and only now, the source gives it up */
      enter_step_id (self, "swap-wwn-mac");
      if (identity != NULL)
        {
          g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), identity);
          g_autofree char *text = json_to_string (node, FALSE);

          json_object_set_string_member (args, "identity", text);
        }
      call (self, self->source, BN_BACKEND_OP_COMMIT, g_steal_pointer (&args), committed);
      return;
    }
  if (g_str_equal (state, "failed"))
    {
      fail (self, status_error (status));
      return;
    }
  /* the destination is still defining and activating: ask again shortly */
  schedule_poll (self);
}

static void
committed (BnMigration *self,
           JsonObject  *reply)
{
  enter_step_id (self, "delete-src-lpar");
  step_done (self);
}

static void
source_status_cb (BnMigration *self,
                  JsonObject  *status)
{
  const char *state = bn_blade_doc_get_string (status, "state", "");
  const char *phase = bn_blade_doc_get_string (status, "phase", "");

  if (g_str_equal (state, "transferring") && !g_str_equal (phase, "idle"))
    add_sample (self, status);

  if (g_str_equal (state, "completed"))
    {
      add_sample (self, status);
      json_object_set_double_member (self->result, "suspend_ms",
                                     bn_blade_doc_get_int (status, "suspend_us", -1) / 1000.0);
      json_object_set_int_member (self->result, "memory_bytes",
                                  bn_blade_doc_get_int (status, "total_bytes", 0));
      json_object_set_int_member (self->result, "rounds", bn_blade_doc_get_int (status, "round", 0));
      if (bn_blade_doc_get_string (status, "checksum", NULL) != NULL)
        json_object_set_string_member (self->result, "checksum",
                                       bn_blade_doc_get_string (status, "checksum", ""));
      enter_step_id (self, "resume-dst-lpar");
      poll_transfer (self);
      return;
    }
  if (g_str_equal (state, "failed") || g_str_equal (state, "canceled"))
    {
      if (g_str_equal (state, "canceled"))
        self->cancel_requested = TRUE;
      fail (self, status_error (status));
      return;
    }

  if (g_str_equal (phase, "handshake"))
    enter_step_id (self, "connect-migration-path");
  else if (g_str_equal (phase, "pre-copy") &&
           g_strcmp0 (bn_migration_get_step_id (self), "transfer-memory") != 0)
    enter_step_id (self, "transfer-memory");
  else if ((g_str_equal (phase, "stop-and-copy") || g_str_equal (phase, "verify")) &&
           g_strcmp0 (bn_migration_get_step_id (self), "suspend-lpar") != 0)
    enter_step_id (self, "suspend-lpar");
  schedule_poll (self);
}

static void
poll_transfer (BnMigration *self)
{
  g_autoptr(JsonObject) args = migration_args (self);
  gboolean waiting_destination = g_strcmp0 (bn_migration_get_step_id (self), "resume-dst-lpar") == 0;

  if (self->ending)
    return;
  call (self, waiting_destination ? self->destination : self->source,
        BN_BACKEND_OP_TRANSFER_STATUS, g_steal_pointer (&args),
        waiting_destination ? destination_status_cb : source_status_cb);
}

static void
transfer_started (BnMigration *self,
                  JsonObject  *reply)
{
  enter_step_id (self, "login-migration-wwn");
  schedule_poll (self);
}

/* define-dst-lpar … delete-src-lpar: the destination was prepared by MigrationBegin and
 * defines the LPAR when its memory has arrived; the source runs the LPAR Mover. */
static void
step_transfer (BnMigration *self)
{
  g_autoptr(JsonObject) args = migration_args (self);
  const char *peer = primary_path_ip (self->destination);

  if (peer == NULL)
    {
      GError *error = g_error_new (BN_ERROR, BN_ERROR_STATE,
                                   _("Specified NIC was not found (Dst-Blade): HVM %s has no "
                                     "migration path"), bn_hvm_get_id (self->destination));

      bn_error_set_catalogue (error, "mms-dst-nic-not-found", NULL);
      fail (self, error);
      return;
    }
  json_object_set_string_member (args, "peer_ip", peer);
  json_object_set_int_member (args, "dst_lpar", self->destination_lpar);
  json_object_set_int_member (args, "timeout", self->timeout_s);
  json_object_set_int_member (args, "max_suspend_ms",
                              self->request->max_suspend_ms ? self->request->max_suspend_ms : 500);
  call (self, self->source, BN_BACKEND_OP_TRANSFER_START, g_steal_pointer (&args),
        transfer_started);
}

/* ----------------------------------------------------------------------------------------
 * Shutdown mode
 */

static void poll_shutdown (BnMigration *self);

static void
guest_shutdown_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(BnMigration) self = user_data;
  GError *error = NULL;

  if (!bn_guest_shutdown_finish (result, &error))
    {
      GError *wrapped = g_error_new (BN_ERROR, BN_ERROR_FAILED, "%s", error->message);

      bn_error_set_catalogue (wrapped, "mmc-guest-shutdown-failed", NULL);
      g_error_free (error);
      fail (self, wrapped);
      return;
    }
  if (g_strcmp0 (bn_migration_get_step_id (self), "guest-os-shutdown") == 0)
    step_done (self);
}

static void
request_guest_shutdown (BnMigration *self)
{
  BnGuestShutdownOptions options = {
    .os = self->request->guest_os,
    .address = self->request->guest_address,
    .port = self->request->guest_port,
    .user = self->request->guest_user,
    .password = self->request->guest_password,
    .key_file = self->request->guest_key_file,
    .force = self->request->forced_shutdown,
    .timeout_ms = bn_options_get_uint (self->options, BN_OPTION_HVM_TIMEOUT) * 1000,
  };

  bn_guest_shutdown_with_options_async (&options, self->cancellable, guest_shutdown_cb,
                                        g_object_ref (self));
}

static void
step_guest_shutdown (BnMigration *self)
{
  BnLpar *lpar = bn_hvm_find_lpar (self->source, self->request->source_lpar);

  /* a guest that is already down needs no remote shutdown */
  if (lpar == NULL || g_strcmp0 (bn_lpar_get_status (lpar), "Activate") != 0)
    {
      step_done (self);
      return;
    }
  if (self->request->guest_address == NULL || self->request->guest_user == NULL)
    {
      GError *error = g_error_new (BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                                   _("Shutdown Guest OS is on, but the Guest OS Information "
                                     "(IP, User ID) is not filled in"));

      bn_error_set_catalogue (error, "mmc-guest-shutdown-failed", NULL);
      fail (self, error);
      return;
    }
  request_guest_shutdown (self);
}

static gboolean
poll_shutdown_cb (gpointer user_data)
{
  BnMigration *self = user_data;

  self->poll_source = 0;
  poll_shutdown (self);
  return G_SOURCE_REMOVE;
}

static void
shutdown_status_cb (BnMigration *self,
                    JsonObject  *lpar)
{
  gint64 now = g_get_monotonic_time ();

  if (g_strcmp0 (bn_blade_doc_get_string (lpar, "status", ""), "Activate") != 0)
    {
      step_done (self);
      return;
    }
  if (now >= self->deadline_us)
    {
      GError *error = g_error_new (BN_ERROR, BN_ERROR_TIMED_OUT,
                                   _("The guest OS did not shut down within %u s"),
                                   bn_options_get_uint (self->options, BN_OPTION_OS_SHUTDOWN_WAIT));

      bn_error_set_catalogue (error, "mmc-shutdown-wait-timeout", NULL);
      fail (self, error);
      return;
    }
  /* §4.2.1: still powered on halfway through the limit: ask once more */
  if (!self->shutdown_retried && self->request->shutdown_guest &&
      now >= self->deadline_us - (gint64) bn_options_get_uint (self->options,
                                                              BN_OPTION_OS_SHUTDOWN_WAIT) *
                                  G_USEC_PER_SEC / 2)
    {
      self->shutdown_retried = TRUE;
      json_object_set_boolean_member (self->result, "shutdown_retried", TRUE);
      request_guest_shutdown (self);
    }
  self->poll_source = g_timeout_add (SHUTDOWN_POLL_MS, poll_shutdown_cb, self);
}

static void
poll_shutdown (BnMigration *self)
{
  g_autoptr(JsonObject) args = json_object_new ();

  json_object_set_int_member (args, "lpar", self->request->source_lpar);
  call (self, self->source, BN_BACKEND_OP_GET_LPAR, g_steal_pointer (&args), shutdown_status_cb);
}

static void
step_shutdown_waiting (BnMigration *self)
{
  self->deadline_us = g_get_monotonic_time () +
                      (gint64) bn_options_get_uint (self->options, BN_OPTION_OS_SHUTDOWN_WAIT) *
                      G_USEC_PER_SEC;
  poll_shutdown (self);
}

static void
source_deactivated (BnMigration *self,
                    JsonObject  *lpar)
{
  if (g_strcmp0 (bn_blade_doc_get_string (lpar, "status", ""), "Activate") == 0)
    {
      GError *error = g_error_new (BN_ERROR, BN_ERROR_STATE,
                                   _("The source LPAR is activated: shut it down, or use "
                                     "Shutdown Guest OS (Source)"));

      bn_error_set_catalogue (error, "mmc-source-lpar-activated", NULL);
      fail (self, error);
      return;
    }
  step_done (self);
}

static void
step_confirm_deactivated (BnMigration *self)
{
  g_autoptr(JsonObject) args = json_object_new ();

  json_object_set_int_member (args, "lpar", self->request->source_lpar);
  call (self, self->source, BN_BACKEND_OP_GET_LPAR, g_steal_pointer (&args), source_deactivated);
}

static void
handed_over (BnMigration *self,
             JsonObject  *lpar)
{
  g_clear_pointer (&self->handed_over, json_object_unref);
  self->handed_over = json_object_ref (lpar);
  step_done (self);
}

static void
step_read_source_config (BnMigration *self)
{
  call (self, self->source, BN_BACKEND_OP_HAND_OVER, migration_args (self), handed_over);
}

static void
defined (BnMigration *self,
         JsonObject  *reply)
{
  JsonObject *identity = bn_blade_doc_get_object (reply, "identity");

  g_clear_pointer (&self->identity, json_object_unref);
  self->identity = identity ? json_object_ref (identity) : NULL;
  step_done (self);
}

static void
step_define_destination (BnMigration *self)
{
  g_autoptr(JsonObject) args = migration_args (self);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), self->handed_over);
  g_autofree char *config = json_to_string (node, FALSE);

  json_object_set_string_member (args, "config", config);
  call (self, self->destination, BN_BACKEND_OP_DEFINE_LPAR, g_steal_pointer (&args), defined);
}

static void
step_swap_and_delete (BnMigration *self)
{
  g_autoptr(JsonObject) args = migration_args (self);

  if (self->identity != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), self->identity);
      g_autofree char *text = json_to_string (node, FALSE);

      json_object_set_string_member (args, "identity", text);
    }
  call (self, self->source, BN_BACKEND_OP_COMMIT, g_steal_pointer (&args), NULL);
}

static void
step_activate_destination (BnMigration *self)
{
  g_autoptr(JsonObject) args = migration_args (self);

  json_object_set_int_member (args, "lpar", self->destination_lpar);
  call (self, self->destination, BN_BACKEND_OP_ACTIVATE_LPAR, g_steal_pointer (&args), NULL);
}

/* ----------------------------------------------------------------------------------------
 * Rehearsal, connectivity test
 */

static void
step_rehearse (BnMigration *self)
{
  g_autoptr(JsonObject) args = json_object_new ();
  const char *peer = primary_path_ip (self->destination);

  json_object_set_int_member (args, "lpar", self->request->source_lpar);
  json_object_set_string_member (args, "peer_ip", peer ? peer : "0.0.0.0");
  json_object_set_int_member (args, "dst_lpar", self->destination_lpar);
  if (self->request->processor_group >= 0)
    json_object_set_int_member (args, "group", self->request->processor_group);
  call (self, self->source, BN_BACKEND_OP_REHEARSAL, g_steal_pointer (&args), NULL);
}

/* §2.2.2.2.7, 表 2-91: both ends need a migration path, and different addresses. */
static void
step_check_paths (BnMigration *self)
{
  const char *src = primary_path_ip (self->source);
  const char *dst = primary_path_ip (self->destination);
  GError *error = NULL;

  if (src == NULL || dst == NULL)
    {
      error = g_error_new (BN_ERROR, BN_ERROR_STATE, _("HVM %s has no migration path"),
                           bn_hvm_get_id (src == NULL ? self->source : self->destination));
      bn_error_set_catalogue (error, src == NULL ? "mms-src-nic-not-found"
                                                 : "mms-dst-nic-not-found", NULL);
    }
  else if (g_str_equal (src, dst))
    {
      error = g_error_new (BN_ERROR, BN_ERROR_STATE,
                           "Can not assign the same IP for the Source and the Destination.");
      bn_error_set_catalogue (error, "mms-same-ip", NULL);
    }
  if (error != NULL)
    {
      fail (self, error);
      return;
    }
  step_done (self);
}

static void
connectivity_measured (BnMigration *self,
                       JsonObject  *reply)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  json_object_iter_init (&iter, reply);
  while (json_object_iter_next (&iter, &key, &value))
    json_object_set_member (self->result, key, json_node_copy (value));
  step_done (self);
}

static void
step_test_connection (BnMigration *self)
{
  g_autoptr(JsonObject) args = json_object_new ();

  json_object_set_string_member (args, "peer_ip", primary_path_ip (self->destination));
  call (self, self->source, BN_BACKEND_OP_CONNECTIVITY_TEST, g_steal_pointer (&args),
        connectivity_measured);
}

/* ----------------------------------------------------------------------------------------
 * Recovery (§3.1.2, §3.2.3) and WWN rollback (§3.2.4)
 */

static void
step_refresh_source (BnMigration *self)
{
  refresh_then_next (self, self->source, NULL);
}

static void
step_load_record (BnMigration *self)
{
  BnLpar *lpar = bn_hvm_find_lpar (self->source, self->request->source_lpar);

  if (lpar == NULL || !bn_lpar_get_recovery_required (lpar))
    {
      fail (self, g_error_new (BN_ERROR, BN_ERROR_STATE,
                               _("LPAR %u of HVM %s does not require recovery"),
                               self->request->source_lpar, bn_hvm_get_id (self->source)));
      return;
    }
  step_done (self);
}

static void
step_refresh_partner (BnMigration *self)
{
  JsonObject *lpar = bn_lpar_get_config (bn_hvm_find_lpar (self->source,
                                                           self->request->source_lpar));
  const char *peer = bn_blade_doc_get_string (lpar, "migration_record.peer_hvm", NULL);
  BnHvm *partner = peer ? bn_fleet_find_hvm (self->fleet, peer) : NULL;

  g_set_object (&self->destination, partner);
  if (partner == NULL && peer != NULL)
    {
      /* restoring an LPAR that did arrive would run it twice on one disk */
      GError *error = g_error_new (BN_ERROR, BN_ERROR_NOT_FOUND,
                                   _("The migration partner HVM %s is not registered: register "
                                     "it and run Update, so that Recovery can tell whether the "
                                     "LPAR moved"), peer);

      bn_error_set_catalogue (error, "recovery-failed", NULL);
      fail (self, error);
      return;
    }
  if (partner == NULL)
    {
      step_done (self);
      return;
    }
  refresh_then_next (self, partner, NULL);
}

/* Did the move happen?  The LPAR's WWN is its identity: if the partner HVM holds an LPAR of
 * the same name with the same WWPN, it moved, and the copy here is a leftover.  NULL when
 * the partner cannot be read: then nobody can tell. */
static const char *
recovery_action (BnMigration *self)
{
  JsonObject *lpar = bn_lpar_get_config (bn_hvm_find_lpar (self->source,
                                                           self->request->source_lpar));
  const char *role = bn_blade_doc_get_string (lpar, "migration_record.role", "source");
  JsonArray *fcs = bn_blade_doc_get_array (lpar, "fcs");
  const char *wwpn = fcs && json_array_get_length (fcs) > 0
                     ? bn_blade_doc_get_string (json_array_get_object_element (fcs, 0), "wwpn", NULL)
                     : NULL;
  BnLpar *twin;

  if (g_str_equal (role, "destination"))
    return "discard";
  if (self->destination == NULL)
    return "restore";
  if (bn_hvm_get_state (self->destination) == BN_HVM_STATE_UNREACHABLE)
    return NULL;
  twin = bn_hvm_find_lpar_by_name (self->destination, bn_lpar_get_name (bn_hvm_find_lpar (self->source, self->request->source_lpar)));
  if (twin != NULL && wwpn != NULL)
    {
      JsonArray *twin_fcs = bn_blade_doc_get_array (bn_lpar_get_config (twin), "fcs");

      for (guint i = 0; twin_fcs && i < json_array_get_length (twin_fcs); i++)
        if (g_strcmp0 (bn_blade_doc_get_string (json_array_get_object_element (twin_fcs, i),
                                                "wwpn", NULL), wwpn) == 0)
          return "discard";
    }
  return "restore";
}

static void
step_recover (BnMigration *self)
{
  g_autoptr(JsonObject) args = json_object_new ();
  const char *action = recovery_action (self);

  if (action == NULL)
    {
      GError *error = g_error_new (BN_ERROR, BN_ERROR_UNREACHABLE,
                                   "Connection refused (MMS-Specified blade IP=%s): Recovery "
                                   "cannot tell whether the LPAR moved to HVM %s",
                                   bn_hvm_get_address (self->destination),
                                   bn_hvm_get_id (self->destination));

      bn_error_set_catalogue (error, "recovery-connection-refused-specified-blade", NULL);
      fail (self, error);
      return;
    }
  json_object_set_int_member (args, "lpar", self->request->source_lpar);
  json_object_set_string_member (args, "action", action);
  json_object_set_string_member (self->result, "action", action);
  call (self, self->source, BN_BACKEND_OP_RECOVER_LPAR, g_steal_pointer (&args), NULL);
}

static void
step_rollback (BnMigration *self)
{
  g_autoptr(JsonObject) args = json_object_new ();

  json_object_set_int_member (args, "lpar", self->request->source_lpar);
  call (self, self->source, BN_BACKEND_OP_ROLLBACK_WWN, g_steal_pointer (&args), NULL);
}

/* ----------------------------------------------------------------------------------------
 * The step tables: every step id of data/stages/<operation>.json has a row here
 * (checked when the run is created).
 */

static const StepImpl concurrent_impls[] = {
  { "backup-src-before", step_backup_source },
  { "backup-dst-before", step_backup_destination },
  { "save-lpar-config", step_save_lpar_config },
  { "check-conditions", step_check_conditions },
  { "define-dst-lpar", step_transfer },
  { "login-migration-wwn", NULL },
  { "connect-migration-path", NULL },
  { "transfer-memory", NULL },
  { "suspend-lpar", NULL },
  { "resume-dst-lpar", NULL },
  { "swap-wwn-mac", NULL },
  { "delete-src-lpar", NULL },
  { "backup-src-after", step_backup_source },
  { "backup-dst-after", step_backup_destination },
  { "refresh-hvm-information", step_refresh },
  { NULL, NULL }
};

static const StepImpl shutdown_impls[] = {
  { "guest-os-shutdown", step_guest_shutdown },
  { "shutdown-waiting", step_shutdown_waiting },
  { "check-conditions", step_check_conditions },
  { "confirm-src-deactivated", step_confirm_deactivated },
  { "read-src-config", step_read_source_config },
  { "define-dst-lpar", step_define_destination },
  { "swap-wwn-mac", step_swap_and_delete },
  { "delete-src-lpar", NULL },
  { "save-hvm-config", step_save_hvm_config },
  { "activate-dst-lpar", step_activate_destination },
  { "refresh-hvm-information", step_refresh },
  { NULL, NULL }
};

static const StepImpl rehearsal_impls[] = {
  { "check-conditions", step_check_conditions },
  { "define-dst-lpar", step_rehearse },
  { "delete-rehearsal-lpar", step_nothing },
  { NULL, NULL }
};

static const StepImpl connectivity_impls[] = {
  { "check-migration-path", step_check_paths },
  /* one blade call opens the path and exchanges the traffic: shown as the test itself */
  { "open-migration-path", step_nothing },
  { "test-connection", step_test_connection },
  { "close-migration-path", step_nothing },
  { NULL, NULL }
};

static const StepImpl recovery_impls[] = {
  { "connect-mms", step_nothing },
  { "connect-specified-hvm", step_refresh_source },
  { "load-recovery-files", step_load_record },
  { "connect-partner-hvm", step_refresh_partner },
  { "recover-lpar", step_recover },
  { "save-hvm-config", step_save_hvm_config },
  { "refresh-hvm-information", step_refresh },
  { NULL, NULL }
};

static const StepImpl rollback_impls[] = {
  { "check-fc-link", step_refresh_source },
  { "switch-to-wwn", step_rollback },
  { "save-hvm-config", step_save_hvm_config },
  { NULL, NULL }
};

static const StepImpl *
find_impl (BnMigration *self,
           const char  *id)
{
  for (const StepImpl *impl = self->impls; impl->id != NULL; impl++)
    if (g_str_equal (impl->id, id))
      return impl;
  g_assert_not_reached ();
}

/* ----------------------------------------------------------------------------------------
 * Creation and start
 */

guint
_bn_migration_lowest_free_lpar (BnHvm *hvm)
{
  guint max = bn_blade_doc_get_max_lpars (bn_hvm_get_config (hvm));

  for (guint n = 1; n <= max; n++)
    if (bn_hvm_find_lpar (hvm, n) == NULL)
      return n;
  return 0;
}

static const char *
operation_name (const BnMigrationRequest *request)
{
  switch (request->operation)
    {
    case BN_OPERATION_MIGRATION:
      return bn_migration_mode_to_string (request->mode);
    case BN_OPERATION_REHEARSAL: return "rehearsal";
    case BN_OPERATION_CONNECTIVITY_TEST: return "connectivity-test";
    case BN_OPERATION_RECOVERY: return "recovery";
    case BN_OPERATION_WWN_ROLLBACK: return "wwn-rollback";
    default: g_assert_not_reached ();
    }
}

static const StepImpl *
impls_for (const char *operation)
{
  static const struct { const char *name; const StepImpl *impls; } tables[] = {
    { "concurrent", concurrent_impls }, { "shutdown", shutdown_impls },
    { "rehearsal", rehearsal_impls }, { "connectivity-test", connectivity_impls },
    { "recovery", recovery_impls }, { "wwn-rollback", rollback_impls },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (g_str_equal (tables[i].name, operation))
      return tables[i].impls;
  return NULL;
}

static gboolean
needs_destination (BnOperation operation)
{
  return operation == BN_OPERATION_MIGRATION || operation == BN_OPERATION_REHEARSAL ||
         operation == BN_OPERATION_CONNECTIVITY_TEST;
}

static gboolean
needs_lpar (BnOperation operation)
{
  return operation != BN_OPERATION_CONNECTIVITY_TEST;
}

/* Resolves and validates what the request names, against what the last Update read. */
BnMigration *
_bn_migration_new (BnFleet                   *fleet,
                   BnOptions                 *options,
                   const BnMigrationRequest  *request,
                   GError                   **error)
{
  g_autoptr(BnMigration) self = g_object_new (BN_TYPE_MIGRATION, NULL);
  const char *operation = operation_name (request);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d%H%M%S");
  JsonArray *processes;
  BnLpar *lpar;

  self->fleet = g_object_ref (fleet);
  self->options = g_object_ref (options);
  self->request = bn_migration_request_copy (request);
  self->operation = bn_catalogue_get_operation (bn_catalogue_get_default (), operation);
  self->steps = bn_blade_doc_get_array (self->operation, "steps");
  self->impls = impls_for (operation);
  self->title = g_strdup (bn_catalogue_localize (bn_blade_doc_get_object (self->operation, "title")));
  self->id = g_strdup_printf ("%s-%s-%u-%04x", stamp, request->source_hvm ? request->source_hvm : "x",
                              request->source_lpar, g_random_int_range (0, 0xffff));

  /* every step of the data has its function, or the data and this file disagree */
  for (guint i = 0; self->steps && i < json_array_get_length (self->steps); i++)
    {
      const char *id = bn_blade_doc_get_string (json_array_get_object_element (self->steps, i),
                                                "id", "");
      gboolean found = FALSE;

      for (const StepImpl *impl = self->impls; impl->id != NULL && !found; impl++)
        found = g_str_equal (impl->id, id);
      if (!found)
        {
          g_set_error (error, BN_ERROR, BN_ERROR_INVALID_DATA,
                       "data/stages/%s.json: step %s has no implementation", operation, id);
          return NULL;
        }
    }

  self->source = request->source_hvm ? bn_fleet_find_hvm (fleet, request->source_hvm) : NULL;
  if (self->source == NULL)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_NOT_FOUND, _("No HVM with ID %s is registered"),
                   request->source_hvm ? request->source_hvm : "(none)");
      return NULL;
    }
  g_object_ref (self->source);
  if (bn_hvm_get_config (self->source) == NULL)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_UNREACHABLE,
                   _("HVM %s has not been read: run Update first (%s)"),
                   bn_hvm_get_id (self->source),
                   bn_hvm_get_reason (self->source) ? bn_hvm_get_reason (self->source) : "");
      return NULL;
    }
  if (needs_lpar (request->operation))
    {
      lpar = bn_hvm_find_lpar (self->source, request->source_lpar);
      if (lpar == NULL)
        {
          g_set_error (error, BN_ERROR, BN_ERROR_NOT_FOUND,
                       _("HVM %s has no LPAR %u"), bn_hvm_get_id (self->source),
                       request->source_lpar);
          return NULL;
        }
      self->lpar_name = g_strdup (bn_lpar_get_name (lpar));
      self->source_group = bn_blade_doc_get_int (bn_lpar_get_config (lpar), "cpu.group", 0);
    }

  if (needs_destination (request->operation))
    {
      self->destination = request->destination_hvm
                          ? bn_fleet_find_hvm (fleet, request->destination_hvm) : NULL;
      if (self->destination == NULL)
        {
          g_set_error (error, BN_ERROR, BN_ERROR_NOT_FOUND, _("No HVM with ID %s is registered"),
                       request->destination_hvm ? request->destination_hvm : "(none)");
          return NULL;
        }
      g_object_ref (self->destination);
      if (bn_hvm_get_config (self->destination) == NULL)
        {
          g_set_error (error, BN_ERROR, BN_ERROR_UNREACHABLE,
                       _("HVM %s has not been read: run Update first"),
                       bn_hvm_get_id (self->destination));
          return NULL;
        }
      if (self->destination == self->source)
        {
          g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                       _("The source and the destination are the same HVM (表 2-10)"));
          return NULL;
        }
      if (needs_lpar (request->operation))
        {
          self->destination_lpar = request->destination_lpar
                                   ? request->destination_lpar
                                   : _bn_migration_lowest_free_lpar (self->destination);
          if (self->destination_lpar == 0 ||
              self->destination_lpar > bn_blade_doc_get_max_lpars (bn_hvm_get_config (self->destination)))
            {
              g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                           _("HVM %s has no free LPAR number"), bn_hvm_get_id (self->destination));
              return NULL;
            }
        }
    }

  self->timeout_s = request->timeout_s ? request->timeout_s
                                       : bn_options_get_uint (options, BN_OPTION_MIGRATION_TIMEOUT);
  processes = bn_blade_doc_get_array (self->operation, "processes");
  for (guint i = 0; processes && i < json_array_get_length (processes); i++)
    {
      JsonObject *process = json_array_get_object_element (processes, i);
      g_autoptr(BnStage) stage = bn_stage_new (bn_blade_doc_get_string (process, "id", ""),
                                               bn_catalogue_localize (bn_blade_doc_get_object (process, "name")));

      g_list_store_append (self->stages, stage);
    }
  return g_steal_pointer (&self);
}

void
_bn_migration_set_checker (BnMigration          *self,
                           BnMigrationCheckFunc  func,
                           gpointer              user_data)
{
  self->check_func = func;
  self->check_data = user_data;
}

static void
keepalive_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(JsonObject) reply = bn_backend_call_finish (BN_BACKEND (object), result, NULL);

  /* nothing to do: a blade that stopped answering fails the step that needs it */
}

/* Blades end a migration whose console goes silent for the lease (a crashed console must
 * not keep them locked); long steps without blade calls, such as waiting for a guest to
 * shut down, would look silent, so both blades hear from this console regularly. */
static gboolean
keepalive_cb (gpointer user_data)
{
  BnMigration *self = user_data;
  BnHvm *hvms[] = { self->source, self->destination };
  gboolean locked[] = { self->locked_source, self->locked_destination };

  for (guint i = 0; i < G_N_ELEMENTS (hvms); i++)
    if (locked[i] && hvms[i] != NULL)
      {
        g_autoptr(JsonObject) args = migration_args (self);

        bn_backend_call_async (backend_of (self, hvms[i]), BN_BACKEND_OP_TRANSFER_STATUS, args,
                               self->cancellable, keepalive_done_cb, NULL);
      }
  return G_SOURCE_CONTINUE;
}

static void
locked_destination (BnMigration *self,
                    JsonObject  *reply)
{
  self->locked_destination = TRUE;
  run_next (self);
}

static void
locked_source (BnMigration *self,
               JsonObject  *reply)
{
  g_autoptr(JsonObject) args = migration_args (self);
  guint lease = bn_options_get_uint (self->options, BN_OPTION_MIGRATION_LEASE);

  self->locked_source = TRUE;
  self->keepalive_source = g_timeout_add_seconds (MAX (lease / 4, 1), keepalive_cb, self);
  json_object_set_int_member (args, "lease", lease);
  json_object_set_string_member (args, "role", "destination");
  json_object_set_string_member (args, "mode", operation_name (self->request));
  json_object_set_int_member (args, "lpar", self->destination_lpar);
  json_object_set_string_member (args, "peer", bn_hvm_get_id (self->source));
  /* the destination defines the LPAR, in both modes: it is told the group up front, and
   * refuses at once one it lacks (表 6-3 #21, #42); without one it decides itself */
  if (self->request->processor_group >= 0)
    json_object_set_int_member (args, "group", self->request->processor_group);
  call (self, self->destination, BN_BACKEND_OP_MIGRATION_BEGIN, g_steal_pointer (&args),
        locked_destination);
}

/* A move first locks both blades (MigrationBegin), so that a second console is told "busy"
 * at once (§5.34) instead of after minutes of backups. */
void
_bn_migration_start (BnMigration *self)
{
  g_return_if_fail (self->state == BN_RUN_STATE_WAITING);

  self->started_us = g_get_monotonic_time ();
  set_state (self, BN_RUN_STATE_RUNNING);
  self->step = 0;
  if (self->request->operation == BN_OPERATION_MIGRATION)
    {
      g_autoptr(JsonObject) args = migration_args (self);

      json_object_set_string_member (args, "role", "source");
      json_object_set_string_member (args, "mode", operation_name (self->request));
      json_object_set_int_member (args, "lease",
                                  bn_options_get_uint (self->options, BN_OPTION_MIGRATION_LEASE));
      json_object_set_int_member (args, "lpar", self->request->source_lpar);
      json_object_set_string_member (args, "peer", bn_hvm_get_id (self->destination));
      call (self, self->source, BN_BACKEND_OP_MIGRATION_BEGIN, g_steal_pointer (&args),
            locked_source);
      return;
    }
  run_next (self);
}

/* ----------------------------------------------------------------------------------------
 * Cancel and timeout extension
 */

void
bn_migration_cancel_async (BnMigration         *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(JsonObject) args = NULL;

  g_task_set_source_tag (task, bn_migration_cancel_async);
  if (!bn_migration_get_can_cancel (self))
    {
      g_task_return_new_error (task, BN_ERROR, BN_ERROR_STATE,
                               _("A migration can be canceled only while memory is being "
                                 "transferred"));
      return;
    }
  self->cancel_requested = TRUE;
  set_string (self, &self->progress_text,
              bn_catalogue_get_message (bn_catalogue_get_default (), "progress-canceling"),
              PROP_PROGRESS_TEXT);
  set_state (self, BN_RUN_STATE_CANCELING);
  args = migration_args (self);
  bn_backend_call_async (backend_of (self, self->source), BN_BACKEND_OP_TRANSFER_CANCEL, args,
                         cancellable, bn_backend_call_return_boolean_cb,
                         g_steal_pointer (&task));
}

gboolean
bn_migration_cancel_finish (BnMigration   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
bn_migration_extend_async (BnMigration         *self,
                           guint                seconds,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(JsonObject) args = NULL;

  g_task_set_source_tag (task, bn_migration_extend_async);
  if (!bn_migration_get_can_extend (self))
    {
      g_task_return_new_error (task, BN_ERROR, BN_ERROR_STATE,
                               _("The timeout can be extended only while memory is being "
                                 "transferred"));
      return;
    }
  args = migration_args (self);
  json_object_set_int_member (args, "seconds", seconds);
  bn_backend_call_async (backend_of (self, self->source), BN_BACKEND_OP_TRANSFER_EXTEND, args,
                         cancellable, bn_backend_call_return_boolean_cb,
                         g_steal_pointer (&task));
}

gboolean
bn_migration_extend_finish (BnMigration   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
