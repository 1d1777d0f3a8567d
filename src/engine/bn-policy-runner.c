/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-policy"

#include "config.h"

#include "bn-enums.h"
#include "bn-error.h"
#include "bn-hvm.h"
#include "bn-lpar.h"
#include "bn-migration-service-private.h"
#include "bn-policies-private.h"
#include "bn-policy-private.h"
#include "bn-policy-runner-private.h"
#include "bn-store-private.h"

struct _BnPolicyRunner
{
  GObject             parent_instance;

  BnPolicies         *policies;
  BnPolicy           *policy;
  BnFleet            *fleet;
  BnMigrationService *service;

  gboolean            owned;            /* this process holds the run */
  gboolean            stop_requested;
  gint                position;         /* the entry under way or waiting, -1 */
  BnMigration        *current;
  guint               pending_updates;
  GCancellable       *cancellable;
};

enum
{
  PROP_0,
  PROP_RUN_STATE,
  PROP_STOP_REQUESTED,
  PROP_CURRENT,
  PROP_POSITION,
  N_PROPS
};

enum
{
  ENTRY_STARTED,
  ENTRY_FINISHED,
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BnPolicyRunner, bn_policy_runner, G_TYPE_OBJECT)

static void run_next (BnPolicyRunner *self);

static void
bn_policy_runner_dispose (GObject *object)
{
  BnPolicyRunner *self = (BnPolicyRunner *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->current != NULL)
    g_signal_handlers_disconnect_by_data (self->current, self);
  g_clear_object (&self->current);
  g_clear_object (&self->policy);
  g_clear_object (&self->fleet);
  g_clear_object (&self->service);
  G_OBJECT_CLASS (bn_policy_runner_parent_class)->dispose (object);
}

static void
bn_policy_runner_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BnPolicyRunner *self = BN_POLICY_RUNNER (object);

  switch (prop_id)
    {
    case PROP_RUN_STATE:
      g_value_set_enum (value, bn_policy_runner_get_run_state (self));
      break;
    case PROP_STOP_REQUESTED:
      g_value_set_boolean (value, self->stop_requested);
      break;
    case PROP_CURRENT:
      g_value_set_object (value, self->current);
      break;
    case PROP_POSITION:
      g_value_set_int (value, self->position);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bn_policy_runner_class_init (BnPolicyRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = bn_policy_runner_dispose;
  object_class->get_property = bn_policy_runner_get_property;

  properties[PROP_RUN_STATE] = g_param_spec_enum ("run-state", NULL, NULL,
                                                  BN_TYPE_POLICY_RUN_STATE,
                                                  BN_POLICY_RUN_IDLE, flags);
  properties[PROP_STOP_REQUESTED] = g_param_spec_boolean ("stop-requested", NULL, NULL, FALSE,
                                                          flags);
  properties[PROP_CURRENT] = g_param_spec_object ("current", NULL, NULL, BN_TYPE_MIGRATION, flags);
  properties[PROP_POSITION] = g_param_spec_int ("position", NULL, NULL, -1, G_MAXINT, -1, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ENTRY_STARTED] = g_signal_new ("entry-started", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                         2, BN_TYPE_POLICY_ENTRY, BN_TYPE_MIGRATION);
  signals[ENTRY_FINISHED] = g_signal_new ("entry-finished", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                                          1, BN_TYPE_POLICY_ENTRY);
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
bn_policy_runner_init (BnPolicyRunner *self)
{
  self->position = -1;
  self->cancellable = g_cancellable_new ();
}

BnPolicyRunner *
_bn_policy_runner_new (BnPolicies         *policies,
                       BnPolicy           *policy,
                       BnFleet            *fleet,
                       BnMigrationService *service)
{
  BnPolicyRunner *self = g_object_new (BN_TYPE_POLICY_RUNNER, NULL);

  self->policies = policies;
  self->policy = g_object_ref (policy);
  self->fleet = g_object_ref (fleet);
  self->service = g_object_ref (service);
  return self;
}

BnPolicy *
bn_policy_runner_get_policy (BnPolicyRunner *self)
{
  return self->policy;
}

BnPolicyRunState
bn_policy_runner_get_run_state (BnPolicyRunner *self)
{
  return bn_policy_get_run_state (self->policy);
}

gboolean
bn_policy_runner_get_stop_requested (BnPolicyRunner *self)
{
  return self->stop_requested;
}

BnMigration *
bn_policy_runner_get_current (BnPolicyRunner *self)
{
  return self->current;
}

gint
bn_policy_runner_get_position (BnPolicyRunner *self)
{
  return self->position;
}

/* Under way or waiting for the operator, in this process. */
gboolean
bn_policy_runner_is_active (BnPolicyRunner *self)
{
  switch (bn_policy_get_run_state (self->policy))
    {
    case BN_POLICY_RUN_RUNNING:
    case BN_POLICY_RUN_STOPPED:
    case BN_POLICY_RUN_PAUSED:
      return self->owned;
    default:
      return FALSE;
    }
}

static void
set_position (BnPolicyRunner *self,
              gint            position)
{
  if (self->position == position)
    return;
  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

static void
set_current (BnPolicyRunner *self,
             BnMigration    *run)
{
  if (self->current == run)
    return;
  if (self->current != NULL)
    g_signal_handlers_disconnect_by_data (self->current, self);
  g_set_object (&self->current, run);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
}

static void
set_stop_requested (BnPolicyRunner *self,
                    gboolean        stop)
{
  if (self->stop_requested == stop)
    return;
  self->stop_requested = stop;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STOP_REQUESTED]);
}

/* The database is written before anyone is told, so what a window shows is what a restart
 * will find.  A write that fails is logged: the run goes on, as the move already did. */
static void
set_run_state (BnPolicyRunner   *self,
               BnPolicyRunState  state)
{
  g_autoptr(GError) error = NULL;
  gboolean over = state == BN_POLICY_RUN_FINISHED || state == BN_POLICY_RUN_ENDED;

  _bn_policy_set_run_state (self->policy, state);
  self->owned = !over;
  if (!_bn_policies_save_run_state (self->policies, self->policy, self->owned, &error))
    g_warning ("Cannot record the state of policy “%s”: %s", bn_policy_get_name (self->policy),
               error->message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUN_STATE]);
  if (over)
    {
      set_position (self, -1);
      set_stop_requested (self, FALSE);
      g_signal_emit (self, signals[FINISHED], 0);
    }
}

static void
set_entry_state (BnPolicyRunner *self,
                 guint           position,
                 BnEntryState    state,
                 const char     *migration_id,
                 const char     *error_text)
{
  BnPolicyEntry *entry = bn_policy_get_entry (self->policy, position);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;

  if (state == BN_ENTRY_STATE_DONE || state == BN_ENTRY_STATE_SKIPPED ||
      state == BN_ENTRY_STATE_FAILED)
    now = g_date_time_new_now_local ();
  bn_policy_entry_set_state (entry, state, migration_id, error_text, now);
  if (!_bn_policies_save_entry (self->policies, self->policy, position, &error))
    g_warning ("Cannot record entry No. %u of policy “%s”: %s", position + 1,
               bn_policy_get_name (self->policy), error->message);
}

static void
entry_failed (BnPolicyRunner *self,
              const char     *migration_id,
              const char     *error_text)
{
  BnPolicyEntry *entry = bn_policy_get_entry (self->policy, self->position);

  set_entry_state (self, self->position, BN_ENTRY_STATE_FAILED, migration_id, error_text);
  set_current (self, NULL);
  g_signal_emit (self, signals[ENTRY_FINISHED], 0, entry);
  set_run_state (self, BN_POLICY_RUN_PAUSED);
}

static void
migration_finished_cb (BnMigration    *run,
                       BnPolicyRunner *self)
{
  BnPolicyEntry *entry = bn_policy_get_entry (self->policy, self->position);

  if (bn_migration_get_state (run) != BN_RUN_STATE_SUCCEEDED)
    {
      const char *line = bn_migration_get_error_line (run);

      entry_failed (self, bn_migration_get_id (run),
                    line ? line : bn_run_state_to_string (bn_migration_get_state (run)));
      return;
    }
  set_entry_state (self, self->position, BN_ENTRY_STATE_DONE, bn_migration_get_id (run), NULL);
  set_current (self, NULL);
  g_signal_emit (self, signals[ENTRY_FINISHED], 0, entry);
  run_next (self);
}

static void
start_entry (BnPolicyRunner           *self,
             const BnMigrationRequest *request)
{
  BnPolicyEntry *entry = bn_policy_get_entry (self->policy, self->position);
  g_autoptr(GError) error = NULL;
  BnMigration *run;

  run = bn_migration_service_start (self->service, request, &error);
  if (run == NULL)
    {
      entry_failed (self, NULL, error->message);
      return;
    }
  set_current (self, run);
  set_entry_state (self, self->position, BN_ENTRY_STATE_RUNNING, bn_migration_get_id (run), NULL);
  g_signal_connect (run, "finished", G_CALLBACK (migration_finished_cb), self);
  g_signal_emit (self, signals[ENTRY_STARTED], 0, entry, run);
}

typedef struct
{
  BnPolicyRunner     *self;
  BnMigrationRequest *request;
} GuestFill;

static void
guest_filled_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GuestFill *fill = user_data;
  g_autoptr(BnPolicyRunner) self = fill->self;
  g_autoptr(BnMigrationRequest) request = fill->request;
  g_autoptr(GError) error = NULL;

  g_free (fill);
  bn_guest_settings_fill_request_finish (BN_GUEST_SETTINGS (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_message ("%s", error->message);
  start_entry (self, request);
}

/* A Shutdown entry for a running LPAR shuts its guest down with the Guest OS Information
 * saved for that LPAR (§4.2.1, 表 2-9 ※), which has moved with it (§5.13), unless the entry
 * gives its own; the entry as saved stays as it was.  Without any, the move stops at its
 * check, "The source LPAR is activated", as a single move does. */
static void
start_with_saved_guest (BnPolicyRunner *self,
                        BnPolicyEntry  *entry,
                        BnLpar         *lpar)
{
  const BnMigrationRequest *saved = bn_policy_entry_get_request (entry);
  GuestFill *fill;

  if (saved->mode != BN_MIGRATION_MODE_SHUTDOWN || saved->shutdown_guest ||
      bn_lpar_get_state (lpar) != BN_LPAR_STATE_ACTIVATED)
    {
      start_entry (self, saved);
      return;
    }
  fill = g_new0 (GuestFill, 1);
  fill->self = g_object_ref (self);
  fill->request = bn_migration_request_copy (saved);
  bn_guest_settings_fill_request_async (_bn_migration_service_get_guest_settings (self->service),
                                        fill->request, self->cancellable, guest_filled_cb, fill);
}

/* Before an entry runs, both blades are read again: the LPAR must still be the one the
 * entry was made for (another LPAR may have taken its number since), and an entry a crashed
 * console left half done may have completed already. */
static void
verify_and_start (BnPolicyRunner *self)
{
  BnPolicyEntry *entry = bn_policy_get_entry (self->policy, self->position);
  const char *name = bn_policy_entry_get_lpar_name (entry);
  BnHvm *src = bn_fleet_find_hvm (self->fleet, bn_policy_entry_get_source_hvm (entry));
  BnHvm *dst = bn_fleet_find_hvm (self->fleet, bn_policy_entry_get_destination_hvm (entry));
  BnLpar *lpar = src ? bn_hvm_find_lpar (src, bn_policy_entry_get_source_lpar (entry)) : NULL;
  g_autofree char *message = NULL;

  if (lpar != NULL && g_strcmp0 (bn_lpar_get_name (lpar), name) == 0)
    {
      start_with_saved_guest (self, entry, lpar);
      return;
    }
  if (src != NULL && bn_hvm_get_state (src) == BN_HVM_STATE_UNREACHABLE)
    {
      /* the move itself reports an unreachable source, with the catalogue's remedy */
      start_entry (self, bn_policy_entry_get_request (entry));
      return;
    }
  if (dst != NULL && bn_hvm_find_lpar_by_name (dst, name) != NULL &&
      (src == NULL || bn_hvm_find_lpar_by_name (src, name) == NULL))
    {
      g_debug ("%s is already on %s: entry No. %d done", name, bn_hvm_get_id (dst),
               self->position + 1);
      set_entry_state (self, self->position, BN_ENTRY_STATE_DONE,
                       bn_policy_entry_get_migration_id (entry), NULL);
      g_signal_emit (self, signals[ENTRY_FINISHED], 0, entry);
      run_next (self);
      return;
    }
  if (lpar != NULL)
    message = g_strdup_printf ("LPAR #%u of %s is now “%s”, not %s, the LPAR this entry was "
                               "made for; nothing was moved", bn_policy_entry_get_source_lpar (entry),
                               bn_policy_entry_get_source_hvm (entry), bn_lpar_get_name (lpar), name);
  else
    message = g_strdup_printf ("%s is no longer at %s #%u; nothing was moved", name,
                               bn_policy_entry_get_source_hvm (entry),
                               bn_policy_entry_get_source_lpar (entry));
  set_entry_state (self, self->position, BN_ENTRY_STATE_RUNNING, NULL, NULL);
  entry_failed (self, NULL, message);
}

static void
hvm_updated_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(BnPolicyRunner) self = user_data;
  g_autoptr(GError) error = NULL;

  /* an unreachable HVM is not an error here: verify_and_start() decides */
  if (!bn_fleet_update_hvm_finish (BN_FLEET (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (--self->pending_updates == 0)
    verify_and_start (self);
}

static void
refresh_then_start (BnPolicyRunner *self)
{
  BnPolicyEntry *entry = bn_policy_get_entry (self->policy, self->position);
  const char *ids[] = { bn_policy_entry_get_source_hvm (entry),
                        bn_policy_entry_get_destination_hvm (entry) };

  self->pending_updates = 1;
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      BnHvm *hvm = bn_fleet_find_hvm (self->fleet, ids[i]);

      if (hvm == NULL)
        continue;
      self->pending_updates++;
      bn_fleet_update_hvm_async (self->fleet, hvm, self->cancellable, hvm_updated_cb,
                                 g_object_ref (self));
    }
  /* the extra count keeps a synchronous completion from starting the entry twice */
  if (--self->pending_updates == 0)
    verify_and_start (self);
}

static void
run_next (BnPolicyRunner *self)
{
  guint n = bn_policy_get_n_entries (self->policy);

  if (_bn_policies_take_stop_request (self->policies, self->policy))
    set_stop_requested (self, TRUE);
  if (self->stop_requested)
    {
      set_stop_requested (self, FALSE);
      set_run_state (self, BN_POLICY_RUN_STOPPED);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      BnEntryState state = bn_policy_entry_get_state (bn_policy_get_entry (self->policy, i));

      if (state == BN_ENTRY_STATE_PENDING || state == BN_ENTRY_STATE_RUNNING)
        {
          set_position (self, i);
          refresh_then_start (self);
          return;
        }
    }
  set_run_state (self, BN_POLICY_RUN_FINISHED);
}

/* Execute (§3.3.2).  A policy last finished or ended starts again from No. 1; one a
 * console left running resumes at its first unfinished entry; one left stopped or paused
 * is taken over and waits for the operator's decision, as it did there. */
gboolean
bn_policy_runner_start (BnPolicyRunner  *self,
                        GError         **error)
{
  g_autofree char *owner = NULL;
  BnPolicyRunState state = bn_policy_get_run_state (self->policy);
  guint n = bn_policy_get_n_entries (self->policy);

  if (bn_policy_runner_is_active (self))
    {
      g_set_error (error, BN_ERROR, BN_ERROR_BUSY, "Policy “%s” is already running",
                   bn_policy_get_name (self->policy));
      return FALSE;
    }
  owner = _bn_policies_dup_owner (self->policies, self->policy);
  if (owner != NULL && _bn_store_owner_alive (owner))
    {
      g_set_error (error, BN_ERROR, BN_ERROR_BUSY,
                   "Policy “%s” is being run by another console", bn_policy_get_name (self->policy));
      return FALSE;
    }
  if (n == 0)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_STATE, "Policy “%s” has no entries to run",
                   bn_policy_get_name (self->policy));
      return FALSE;
    }

  set_stop_requested (self, FALSE);
  switch (state)
    {
    case BN_POLICY_RUN_STOPPED:
    case BN_POLICY_RUN_PAUSED:
      for (guint i = 0; i < n; i++)
        {
          BnEntryState s = bn_policy_entry_get_state (bn_policy_get_entry (self->policy, i));

          if (s == BN_ENTRY_STATE_FAILED || s == BN_ENTRY_STATE_PENDING ||
              s == BN_ENTRY_STATE_RUNNING)
            {
              set_position (self, i);
              break;
            }
        }
      set_run_state (self, state);
      return TRUE;
    case BN_POLICY_RUN_RUNNING:
      break;
    default:
      for (guint i = 0; i < n; i++)
        set_entry_state (self, i, BN_ENTRY_STATE_PENDING, NULL, NULL);
      break;
    }
  set_run_state (self, BN_POLICY_RUN_RUNNING);
  run_next (self);
  return TRUE;
}

/* Stop (§3.3.3): the running entry finishes first; the run then waits for End or
 * Continue. */
void
bn_policy_runner_stop (BnPolicyRunner *self)
{
  if (bn_policy_get_run_state (self->policy) != BN_POLICY_RUN_RUNNING || !self->owned)
    return;
  set_stop_requested (self, TRUE);
}

gboolean
bn_policy_runner_decide (BnPolicyRunner    *self,
                         BnPolicyDecision   decision,
                         GError           **error)
{
  BnPolicyRunState state = bn_policy_get_run_state (self->policy);
  gboolean stopped = state == BN_POLICY_RUN_STOPPED, paused = state == BN_POLICY_RUN_PAUSED;

  if (!self->owned || (!stopped && !paused) ||
      (stopped && decision != BN_POLICY_DECISION_CONTINUE && decision != BN_POLICY_DECISION_END) ||
      (paused && decision == BN_POLICY_DECISION_CONTINUE))
    {
      g_set_error (error, BN_ERROR, BN_ERROR_STATE,
                   "Policy “%s” is %s: %s", bn_policy_get_name (self->policy),
                   bn_policy_run_state_to_string (state),
                   stopped ? "End or Continue" : paused ? "Retry, Skip or End"
                                                        : "there is nothing to decide");
      return FALSE;
    }
  switch (decision)
    {
    case BN_POLICY_DECISION_END:
      set_run_state (self, BN_POLICY_RUN_ENDED);
      return TRUE;
    case BN_POLICY_DECISION_RETRY:
      set_entry_state (self, self->position, BN_ENTRY_STATE_PENDING, NULL, NULL);
      break;
    case BN_POLICY_DECISION_SKIP:
      set_entry_state (self, self->position, BN_ENTRY_STATE_SKIPPED,
                       bn_policy_entry_get_migration_id (bn_policy_get_entry (self->policy,
                                                                               self->position)),
                       bn_policy_entry_get_error (bn_policy_get_entry (self->policy,
                                                                       self->position)));
      break;
    case BN_POLICY_DECISION_CONTINUE:
    default:
      break;
    }
  set_run_state (self, BN_POLICY_RUN_RUNNING);
  run_next (self);
  return TRUE;
}
