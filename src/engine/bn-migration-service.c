/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-migration-service"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bn-blade-doc.h"
#include "bn-catalogue.h"
#include "bn-error.h"
#include "bn-fleet-private.h"
#include "bn-migration-service-private.h"
#include "bn-store-private.h"

struct _BnMigrationService
{
  GObject              parent_instance;
  BnStore             *store;
  BnFleet             *fleet;
  BnOptions           *options;
  BnHistory           *history;
  BnGuestSettings     *guest_settings;
  BnRules             *rules;
  GListStore          *runs;
  BnMigrationCheckFunc check_func;
  gpointer             check_data;
  char                *owner;
};

G_DEFINE_FINAL_TYPE (BnMigrationService, bn_migration_service, G_TYPE_OBJECT)

static void
bn_migration_service_dispose (GObject *object)
{
  BnMigrationService *self = (BnMigrationService *) object;
  guint n = self->runs ? g_list_model_get_n_items (G_LIST_MODEL (self->runs)) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BnMigration) run = g_list_model_get_item (G_LIST_MODEL (self->runs), i);
      g_signal_handlers_disconnect_by_data (run, self);
    }
  g_clear_object (&self->runs);
  g_clear_object (&self->store);
  g_clear_object (&self->fleet);
  g_clear_object (&self->options);
  g_clear_object (&self->history);
  g_clear_object (&self->guest_settings);
  g_clear_object (&self->rules);
  g_clear_pointer (&self->owner, g_free);

  G_OBJECT_CLASS (bn_migration_service_parent_class)->dispose (object);
}

static void
bn_migration_service_class_init (BnMigrationServiceClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = bn_migration_service_dispose;
}

static void
bn_migration_service_init (BnMigrationService *self)
{
  self->runs = g_list_store_new (BN_TYPE_MIGRATION);
  self->owner = _bn_store_owner_self ();
}

/* A console that died mid-run left rows "running": they are what a restart must look at.
 * Rows of a console still alive beside this one are its business. */
static gboolean
mark_interrupted (BnMigrationService  *self,
                  GError             **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(GPtrArray) dead = g_ptr_array_new_with_free_func (g_free);
  int rc;

  select = _bn_store_prepare (self->store, "SELECT id, owner FROM journal WHERE state IN "
                              "('waiting', 'running', 'canceling')", error);
  if (select == NULL)
    return FALSE;
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    if (!_bn_store_owner_alive ((const char *) sqlite3_column_text (select, 1)))
      g_ptr_array_add (dead, g_strdup ((const char *) sqlite3_column_text (select, 0)));
  if (rc != SQLITE_DONE)
    return _bn_store_fail (self->store, error, "Cannot read the journal");
  for (guint i = 0; i < dead->len; i++)
    {
      g_autoptr(sqlite3_stmt) update =
        _bn_store_prepare (self->store, "UPDATE journal SET state = 'interrupted' WHERE id = ?",
                           error);

      if (update == NULL)
        return FALSE;
      sqlite3_bind_text (update, 1, dead->pdata[i], -1, SQLITE_TRANSIENT);
      if (!_bn_store_step_done (self->store, update, error))
        return FALSE;
    }
  return TRUE;
}

BnMigrationService *
_bn_migration_service_new (BnStore    *store,
                           BnFleet    *fleet,
                           BnOptions  *options,
                           BnHistory  *history,
                           BnGuestSettings *guest_settings,
                           GError    **error)
{
  g_autoptr(BnMigrationService) self = g_object_new (BN_TYPE_MIGRATION_SERVICE, NULL);

  self->store = g_object_ref (store);
  self->history = g_object_ref (history);
  self->guest_settings = g_object_ref (guest_settings);
  self->fleet = g_object_ref (fleet);
  self->options = g_object_ref (options);
  if (!mark_interrupted (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

BnGuestSettings *
_bn_migration_service_get_guest_settings (BnMigrationService *self)
{
  return self->guest_settings;
}

void
_bn_migration_service_set_checker (BnMigrationService   *self,
                                   BnMigrationCheckFunc  func,
                                   gpointer              user_data)
{
  self->check_func = func;
  self->check_data = user_data;
}

GListModel *
bn_migration_service_get_runs (BnMigrationService *self)
{
  return G_LIST_MODEL (self->runs);
}

static void
journal_insert (BnMigrationService *self,
                BnMigration        *run)
{
  const BnMigrationRequest *req = bn_migration_get_request (run);
  g_autoptr(GError) error = NULL;
  g_autofree char *now = _bn_store_now_iso8601 ();
  BnHvm *destination = _bn_migration_get_destination (run);
  g_autoptr(sqlite3_stmt) stmt =
    _bn_store_prepare (self->store, "INSERT INTO journal (id, operation, source_hvm, source_lpar, "
                       "lpar_name, destination_hvm, destination_lpar, state, step, started_at, "
                       "updated_at, owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", &error);

  if (stmt == NULL)
    goto out;
  _bn_store_bind_text (stmt, 1, bn_migration_get_id (run));
  _bn_store_bind_text (stmt, 2, bn_migration_get_title (run));
  _bn_store_bind_text (stmt, 3, req->source_hvm);
  sqlite3_bind_int (stmt, 4, req->source_lpar);
  _bn_store_bind_text (stmt, 5, _bn_migration_get_lpar_name (run));
  _bn_store_bind_text (stmt, 6, destination ? bn_hvm_get_id (destination) : NULL);
  sqlite3_bind_int (stmt, 7, bn_migration_get_destination_lpar (run));
  _bn_store_bind_text (stmt, 8, bn_run_state_to_string (bn_migration_get_state (run)));
  _bn_store_bind_text (stmt, 9, bn_migration_get_step_id (run));
  _bn_store_bind_text (stmt, 10, now);
  _bn_store_bind_text (stmt, 11, now);
  _bn_store_bind_text (stmt, 12, self->owner);
  _bn_store_step_done (self->store, stmt, &error);
out:
  if (error != NULL)
    g_warning ("Cannot journal %s: %s", bn_migration_get_id (run), error->message);
}

static void
journal_update (BnMigrationService *self,
                BnMigration        *run)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *now = _bn_store_now_iso8601 ();
  g_autoptr(sqlite3_stmt) stmt =
    _bn_store_prepare (self->store, "UPDATE journal SET state = ?, step = ?, error = ?, "
                       "updated_at = ? WHERE id = ?", &error);

  if (stmt == NULL)
    goto out;
  _bn_store_bind_text (stmt, 1, bn_run_state_to_string (bn_migration_get_state (run)));
  _bn_store_bind_text (stmt, 2, bn_migration_get_step_id (run));
  _bn_store_bind_text (stmt, 3, bn_migration_get_error_line (run));
  _bn_store_bind_text (stmt, 4, now);
  _bn_store_bind_text (stmt, 5, bn_migration_get_id (run));
  _bn_store_step_done (self->store, stmt, &error);
out:
  if (error != NULL)
    g_warning ("Cannot journal %s: %s", bn_migration_get_id (run), error->message);
}

static void
run_changed_cb (BnMigration        *run,
                GParamSpec         *pspec,
                BnMigrationService *self)
{
  journal_update (self, run);
}

/* Migration History (§4.1.3) gets every completed move, alone or in a policy, and the
 * saved Guest OS Information follows the LPAR (§5.13). */
static void
record_history (BnMigrationService *self,
                BnMigration        *run)
{
  const BnMigrationRequest *req = bn_migration_get_request (run);
  BnHvm *destination = _bn_migration_get_destination (run);
  BnLpar *moved = destination ? bn_hvm_find_lpar (destination,
                                                  bn_migration_get_destination_lpar (run)) : NULL;
  BnHistoryPlace src = { req->source_hvm, req->source_lpar, _bn_migration_get_source_group (run) };
  BnHistoryPlace dst = { destination ? bn_hvm_get_id (destination) : NULL,
                         bn_migration_get_destination_lpar (run),
                         moved ? bn_blade_doc_get_int (bn_lpar_get_config (moved), "cpu.group", 0)
                               : 0 };
  g_autoptr(GError) error = NULL;

  if (req->operation != BN_OPERATION_MIGRATION ||
      bn_migration_get_state (run) != BN_RUN_STATE_SUCCEEDED || dst.hvm_id == NULL)
    return;
  if (!bn_history_add (self->history, _bn_migration_get_lpar_name (run), &src, &dst, req->mode,
                       NULL, &error))
    g_warning ("Cannot record %s in the migration history: %s", bn_migration_get_id (run),
               error->message);
  g_clear_error (&error);
  /* §5.13: the Guest OS Information moves with the LPAR, only when the move succeeded */
  if (!bn_guest_settings_move (self->guest_settings, src.hvm_id, src.lpar_number, dst.hvm_id,
                               dst.lpar_number, &error))
    g_warning ("Cannot move the Guest OS Information of %s: %s", bn_migration_get_id (run),
               error->message);
}

static void
run_finished_cb (BnMigration        *run,
                 BnMigrationService *self)
{
  journal_update (self, run);
  record_history (self, run);
}

/* ----------------------------------------------------------------------------------------
 * The applicability checks (§2.2): asked before a move starts, with the HVMs as last read,
 * and again in its "Checking Migration Conditions" stage, with both just re-read.
 */

static BnHvm *
readable_hvm (BnMigrationService  *self,
              const char          *id,
              GError             **error)
{
  BnHvm *hvm = _bn_fleet_require_hvm (self->fleet, id, error);

  if (hvm == NULL)
    return NULL;
  if (bn_hvm_get_config (hvm) == NULL)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_UNREACHABLE,
                   _("HVM %s has not been read: run Update first"), id);
      return NULL;
    }
  return hvm;
}

static BnCheckReport *
evaluate (BnMigrationService        *self,
          const BnMigrationRequest  *request,
          JsonObject                *src_blade,
          JsonObject                *dst_blade,
          guint                      dst_lpar,
          GError                   **error)
{
  BnCheckRequest q = {
    .mode = (BnMode) request->mode,
    .src_blade = src_blade,
    .src_lpar = request->source_lpar,
    .dst_blade = dst_blade,
    .dst_lpar = dst_lpar,
    .group = request->processor_group,
    .language = bn_catalogue_language (),
    .no_activation = request->mode == BN_MIGRATION_MODE_SHUTDOWN &&
                     !request->activate_destination,
  };
  g_autoptr(GError) local = NULL;
  BnCheckReport *report;

  if (self->rules == NULL && (self->rules = bn_rules_new_default (error)) == NULL)
    return NULL;
  report = bn_checker_evaluate (self->rules, &q, &local);
  if (report == NULL)
    {
      /* a question that cannot be asked is bad input (exit 2), never a silent "ok" */
      BnErrorCode code = g_error_matches (local, BN_CHECK_ERROR, BN_CHECK_ERROR_UNKNOWN_LPAR)
                         ? BN_ERROR_NOT_FOUND
                         : g_error_matches (local, BN_CHECK_ERROR, BN_CHECK_ERROR_INVALID_DOCUMENT)
                         ? BN_ERROR_INVALID_DATA
                         : g_error_matches (local, BN_CHECK_ERROR, BN_CHECK_ERROR_RULES)
                         ? BN_ERROR_FAILED : BN_ERROR_INVALID_ARGUMENT;

      g_set_error_literal (error, BN_ERROR, code, local->message);
    }
  return report;
}

/* The Migration Config Viewer's report (§4.1.1, §8.1) for @request, with the HVMs as the
 * fleet last read them. */
BnCheckReport *
bn_migration_service_check (BnMigrationService        *self,
                            const BnMigrationRequest  *request,
                            GError                   **error)
{
  BnHvm *src, *dst;

  g_return_val_if_fail (BN_IS_MIGRATION_SERVICE (self), NULL);
  if ((src = readable_hvm (self, request->source_hvm, error)) == NULL ||
      (dst = readable_hvm (self, request->destination_hvm, error)) == NULL)
    return NULL;
  return evaluate (self, request, bn_hvm_get_config (src), bn_hvm_get_config (dst),
                   request->destination_lpar, error);
}

/* A migration running on either blade (表 8-1 #37, #38) is left to the blades: their lock
 * answers with the manual's busy message (表 6-3 #2, #5), which a console shows as "try
 * again later", not as "this move is impossible". */
static gboolean
is_busy_item (BnCheckItem *item)
{
  const char *id = bn_check_item_get_id (item);

  return g_str_has_suffix (id, "main-status") || g_str_has_suffix (id, "sub-status");
}

/* A refusing report as an error: the items that refuse, with their remedies. */
static gboolean
report_allows (BnCheckReport  *report,
               GError        **error)
{
  g_autoptr(GString) why = NULL;
  guint n, shown = 0;

  if (bn_check_report_get_verdict (report) != BN_VERDICT_REFUSED)
    return TRUE;
  why = g_string_new (NULL);
  g_string_printf (why, _("%s #%u may not move to %s in %s mode:"),
                   bn_check_report_get_source_hvm (report),
                   bn_check_report_get_source_lpar (report),
                   bn_check_report_get_destination_hvm (report),
                   bn_mode_to_string (bn_check_report_get_mode (report)));
  n = g_list_model_get_n_items (G_LIST_MODEL (report));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BnCheckItem) item = g_list_model_get_item (G_LIST_MODEL (report), i);

      if (bn_check_item_get_status (item) != BN_CHECK_STATUS_ERROR || is_busy_item (item))
        continue;
      if (++shown > 3)
        continue;
      g_string_append_printf (why, "\n  %s: %s", bn_check_item_get_name (item),
                              bn_check_item_get_message (item));
    }
  if (shown == 0)
    return TRUE;
  if (shown > 3)
    g_string_append_printf (why, _("\n  … and %u more"), shown - 3);
  g_set_error_literal (error, BN_ERROR, BN_ERROR_NOT_APPLICABLE, why->str);
  return FALSE;
}

static gboolean
needs_checks (const BnMigrationRequest *request)
{
  return request->operation == BN_OPERATION_MIGRATION ||
         request->operation == BN_OPERATION_REHEARSAL;
}

static JsonObject *
without_own_migration (JsonObject *blade,
                       const char *run_id)
{
  JsonObject *copy;

  if (g_strcmp0 (bn_blade_doc_get_string (blade, "migration.id", NULL), run_id) != 0)
    return json_object_ref (blade);
  copy = bn_json_object_deep_copy (blade);
  json_object_remove_member (copy, "migration");
  return copy;
}

/* The "Checking Migration Conditions" stage: the blades were just re-read. */
static gboolean
stage_check_cb (BnMigration  *run,
                BnHvm        *source,
                BnHvm        *destination,
                guint         destination_lpar,
                gpointer      user_data,
                GError      **error)
{
  BnMigrationService *self = user_data;
  const BnMigrationRequest *request = bn_migration_get_request (run);
  g_autoptr(BnCheckReport) report = NULL;

  g_autoptr(JsonObject) src_blade = NULL;
  g_autoptr(JsonObject) dst_blade = NULL;

  if (!needs_checks (request))
    return TRUE;
  /* both blades now report this very run as their migration: not a reason to refuse it */
  src_blade = without_own_migration (bn_hvm_get_config (source), bn_migration_get_id (run));
  dst_blade = without_own_migration (bn_hvm_get_config (destination), bn_migration_get_id (run));
  report = evaluate (self, request, src_blade, dst_blade, destination_lpar, error);
  return report != NULL && report_allows (report, error);
}

BnMigration *
bn_migration_service_start (BnMigrationService        *self,
                            const BnMigrationRequest  *request,
                            GError                   **error)
{
  g_autoptr(BnMigration) run = NULL;

  g_return_val_if_fail (BN_IS_MIGRATION_SERVICE (self), NULL);
  g_return_val_if_fail (request != NULL, NULL);

  /* refused before any blade is touched: a move the checks forbid never starts */
  if (needs_checks (request))
    {
      g_autoptr(BnCheckReport) report = bn_migration_service_check (self, request, error);

      if (report == NULL || !report_allows (report, error))
        return NULL;
    }
  run = _bn_migration_new (self->fleet, self->options, request, error);
  if (run == NULL)
    return NULL;
  _bn_migration_set_checker (run, self->check_func ? self->check_func : stage_check_cb,
                             self->check_func ? self->check_data : self);
  g_list_store_append (self->runs, run);
  journal_insert (self, run);
  g_signal_connect_object (run, "notify::step-id", G_CALLBACK (run_changed_cb), self, 0);
  g_signal_connect_object (run, "notify::state", G_CALLBACK (run_changed_cb), self, 0);
  g_signal_connect_object (run, "finished", G_CALLBACK (run_finished_cb), self, 0);
  _bn_migration_start (run);
  return run;
}

BnMigration *
bn_migration_service_find_active (BnMigrationService *self,
                                  const char         *hvm_id,
                                  guint               lpar)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->runs));

  for (guint i = n; i > 0; i--)
    {
      g_autoptr(BnMigration) run = g_list_model_get_item (G_LIST_MODEL (self->runs), i - 1);
      const BnMigrationRequest *req = bn_migration_get_request (run);

      if (bn_migration_is_finished (run))
        continue;
      if (g_strcmp0 (req->source_hvm, hvm_id) == 0 && (lpar == 0 || req->source_lpar == lpar))
        return run;
    }
  return NULL;
}

/* Runs the journal says a console left unfinished, as the fleet now shows them: [id,
 * source, lpar, name, destination, step, verdict] string arrays, where verdict is
 * "recovery" (the LPAR requires recovery now) or "unknown" (its HVM could not be read).
 * Runs whose LPAR turned out fine are marked settled and not listed again.  Call after
 * an Update. */
GPtrArray *
bn_migration_service_review_interrupted (BnMigrationService  *self,
                                         GError             **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) settled = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt =
    _bn_store_prepare (self->store, "SELECT id, source_hvm, source_lpar, lpar_name, "
                       "destination_hvm, step FROM journal WHERE state = 'interrupted' "
                       "ORDER BY started_at", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char **row = g_new0 (char *, 8);
      BnHvm *hvm;
      BnLpar *lpar;

      for (int c = 0; c < 6; c++)
        row[c] = g_strdup ((const char *) sqlite3_column_text (stmt, c));
      hvm = row[1] ? bn_fleet_find_hvm (self->fleet, row[1]) : NULL;
      lpar = hvm ? bn_hvm_find_lpar (hvm, sqlite3_column_int (stmt, 2)) : NULL;
      if (hvm == NULL || bn_hvm_get_config (hvm) == NULL ||
          bn_hvm_get_state (hvm) == BN_HVM_STATE_UNREACHABLE)
        row[6] = g_strdup ("unknown");
      else if (lpar != NULL && bn_lpar_get_recovery_required (lpar))
        row[6] = g_strdup ("recovery");
      if (row[6] != NULL)
        g_ptr_array_add (rows, row);
      else
        {
          g_ptr_array_add (settled, g_strdup (row[0]));
          g_strfreev (row);
        }
    }
  if (rc != SQLITE_DONE)
    {
      _bn_store_fail (self->store, error, "Cannot read the journal");
      return NULL;
    }
  for (guint i = 0; i < settled->len; i++)
    {
      g_autoptr(sqlite3_stmt) update =
        _bn_store_prepare (self->store, "UPDATE journal SET state = 'settled' WHERE id = ?",
                           error);

      if (update == NULL)
        return NULL;
      _bn_store_bind_text (update, 1, settled->pdata[i]);
      if (!_bn_store_step_done (self->store, update, error))
        return NULL;
    }
  return g_steal_pointer (&rows);
}

/* ----------------------------------------------------------------------------------------
 * Cancel and extend a move this process did not start (bnctl, a second console): the
 * blade knows its migration; ask it directly.
 */

typedef struct
{
  gboolean cancel;
  guint    seconds;
  BnHvm   *hvm;
} Control;

static void
control_free (Control *control)
{
  g_clear_object (&control->hvm);
  g_free (control);
}

static void
local_control_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Control *control = g_task_get_task_data (task);
  GError *error = NULL;
  gboolean ok = control->cancel
                ? bn_migration_cancel_finish (BN_MIGRATION (object), result, &error)
                : bn_migration_extend_finish (BN_MIGRATION (object), result, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
control_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BnMigrationService *self = g_task_get_source_object (task);
  Control *control = g_task_get_task_data (task);
  GCancellable *cancellable;
  JsonObject *migration;
  g_autoptr(JsonObject) args = NULL;
  GError *error = NULL;

  if (!bn_fleet_update_hvm_finish (BN_FLEET (object), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  migration = bn_blade_doc_get_object (bn_hvm_get_config (control->hvm), "migration");
  if (migration == NULL || g_strcmp0 (bn_blade_doc_get_string (migration, "role", ""), "source") != 0)
    {
      g_task_return_new_error (task, BN_ERROR, BN_ERROR_STATE,
                               _("No live migration runs from HVM %s"),
                               bn_hvm_get_id (control->hvm));
      return;
    }
  args = json_object_new ();
  json_object_set_string_member (args, "migration", bn_blade_doc_get_string (migration, "id", ""));
  if (!control->cancel)
    json_object_set_int_member (args, "seconds", control->seconds);
  cancellable = g_task_get_cancellable (task);
  bn_backend_call_async (bn_fleet_get_backend (self->fleet, control->hvm),
                         control->cancel ? BN_BACKEND_OP_TRANSFER_CANCEL
                                         : BN_BACKEND_OP_TRANSFER_EXTEND,
                         args, cancellable, bn_backend_call_return_boolean_cb,
                         g_steal_pointer (&task));
}

/* Cancel (or extend by SECONDS) the live move whose source is HVM_ID (§4.3.3, §4.3.4). */
void
bn_migration_service_control_async (BnMigrationService  *self,
                                    const char          *hvm_id,
                                    gboolean             cancel,
                                    guint                seconds,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  BnMigration *local = bn_migration_service_find_active (self, hvm_id, 0);
  Control *control = g_new0 (Control, 1);
  BnHvm *hvm = bn_fleet_find_hvm (self->fleet, hvm_id);

  g_task_set_source_tag (task, bn_migration_service_control_async);
  control->cancel = cancel;
  control->seconds = seconds;
  control->hvm = hvm ? g_object_ref (hvm) : NULL;
  g_task_set_task_data (task, control, (GDestroyNotify) control_free);

  if (local != NULL)
    {
      if (cancel)
        bn_migration_cancel_async (local, cancellable, local_control_cb, g_steal_pointer (&task));
      else
        bn_migration_extend_async (local, seconds, cancellable, local_control_cb,
                                   g_steal_pointer (&task));
      return;
    }
  if (hvm == NULL)
    {
      g_task_return_new_error (task, BN_ERROR, BN_ERROR_NOT_FOUND,
                               _("No HVM with ID %s is registered"), hvm_id);
      return;
    }
  bn_fleet_update_hvm_async (self->fleet, hvm, cancellable, control_read_cb,
                             g_steal_pointer (&task));
}

gboolean
bn_migration_service_control_finish (BnMigrationService  *self,
                                     GAsyncResult        *result,
                                     GError             **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
