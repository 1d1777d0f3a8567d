/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-screenshots"

#include "config.h"

#include "bn-policy-add-window.h"
#include "bn-policy-name-dialog.h"
#include "bn-policy-plan-dialog.h"
#include "bn-policy-screenshots.h"
#include "bn-policy-window.h"
#include "bn-ui-utils.h"

/* A demo move takes half a minute, so the run pictures use entries that end at once, as
 * real ones do: one whose LPAR is found on its destination already (done, the check mark),
 * one made for an LPAR whose number another LPAR took since (it fails, nothing moves). */

#define EVACUATION   "evacuate-HVM-B01"
#define REBALANCE    "rebalance-B01"
#define WAIT_MS      15000

typedef struct
{
  BnApplication    *application;
  BnShotCapture     capture;
  gpointer          data;
  BnPolicyRunState  state;
  const char       *name;
  gint64            deadline;
} Wait;

static BnPolicies *
get_policies (BnApplication *application)
{
  return bn_engine_get_policies (bn_application_get_engine (application));
}

static void
add (BnPolicy   *policy,
     const char *src,
     guint       src_lpar,
     const char *lpar_name,
     const char *dst)
{
  g_autoptr(BnMigrationRequest) request = bn_migration_request_new (BN_OPERATION_MIGRATION);
  g_autoptr(BnPolicyEntry) entry = NULL;
  g_autoptr(GError) error = NULL;

  bn_migration_request_set_route (request, BN_MIGRATION_MODE_CONCURRENT, src, src_lpar, dst);
  entry = bn_policy_entry_new (request, lpar_name);
  if (!bn_policy_add_entry (policy, entry, &error))
    g_warning ("screenshots: %s", error->message);
}

static void
make_policies (BnApplication *application)
{
  BnPolicies *policies = get_policies (application);
  g_autoptr(BnPolicy) plan = NULL;
  g_autoptr(BnPolicy) rebalance = NULL;
  g_autoptr(GError) error = NULL;

  if (bn_policies_find (policies, EVACUATION) == NULL)
    {
      plan = bn_policies_plan_evacuation (policies, "HVM-B01", BN_MIGRATION_MODE_CONCURRENT,
                                          EVACUATION, NULL, &error);
      if (plan == NULL || !bn_policies_save (policies, plan, &error))
        g_warning ("screenshots: %s", error->message);
      g_clear_error (&error);
    }
  if (bn_policies_find (policies, REBALANCE) == NULL)
    {
      rebalance = bn_policy_new (REBALANCE);
      bn_policy_set_comment (rebalance, "Before the firmware update of HVM-B01");
      /* WEB21 is on HVM-B02 already: done without a move */
      add (rebalance, "HVM-B01", 6, "WEB21", "HVM-B02");
      /* #1 is ERP01 now: the entry fails and moves nothing */
      add (rebalance, "HVM-B01", 1, "FIN01", "HVM-B02");
      add (rebalance, "HVM-B01", 3, "NET01", "HVM-B02");
      add (rebalance, "HVM-B01", 4, "CRM01", "HVM-B02");
      if (!bn_policies_save (policies, rebalance, &error))
        g_warning ("screenshots: %s", error->message);
    }
}

static gboolean
wait_cb (gpointer user_data)
{
  Wait *wait = user_data;
  BnPolicyRunner *runner = bn_policies_find_runner (get_policies (wait->application),
                                                    wait->name);
  BnPolicyWindow *window;
  GtkWindow *prompt;

  if (runner == NULL || bn_policy_runner_get_run_state (runner) != wait->state)
    {
      if (g_get_monotonic_time () < wait->deadline)
        return G_SOURCE_CONTINUE;
      g_printerr ("screenshots: policy %s did not reach the state wanted\n", wait->name);
    }
  window = bn_policy_window_show (wait->application, wait->name);
  prompt = bn_policy_window_get_prompt (window);
  wait->capture (wait->data, prompt ? prompt : GTK_WINDOW (window),
                 wait->state == BN_POLICY_RUN_STOPPED ? "policy-stopped" : "policy-error");
  g_free (wait);
  return G_SOURCE_REMOVE;
}

/* Shows the Confirmation the run asks once it reaches @state. */
static void
capture_prompt (BnApplication    *application,
                const char       *name,
                BnPolicyRunState  state,
                BnShotCapture     capture,
                gpointer          data)
{
  Wait *wait = g_new0 (Wait, 1);

  wait->application = application;
  wait->capture = capture;
  wait->data = data;
  wait->state = state;
  wait->name = name;
  wait->deadline = g_get_monotonic_time () + WAIT_MS * G_TIME_SPAN_MILLISECOND;
  g_timeout_add (50, wait_cb, wait);
}

gboolean
bn_policy_screenshots_step (BnApplication *application,
                            guint          step,
                            BnShotCapture  capture,
                            gpointer       data)
{
  BnPolicyWindow *window;

  switch (step)
    {
    case 0:
      {
        GtkWindow *dialog;

        window = bn_policy_window_show (application, NULL);
        gtk_widget_activate_action (GTK_WIDGET (window), "policy.new", NULL);
        dialog = bn_policy_window_get_dialog (window);
        gtk_editable_set_text (bn_policy_name_dialog_get_entry (BN_POLICY_NAME_DIALOG (dialog)),
                               " maintenance-B01");
        capture (data, dialog, "policy-new");
      }
      return TRUE;
    case 1:
      {
        BnPolicyPlanDialog *dialog;

        window = bn_policy_window_show (application, NULL);
        gtk_widget_activate_action (GTK_WIDGET (window), "policy.evacuate", NULL);
        dialog = BN_POLICY_PLAN_DIALOG (bn_policy_window_get_dialog (window));
        bn_policy_plan_dialog_set_hvm (dialog, "HVM-B01");
        bn_policy_plan_dialog_set_mode (dialog, BN_MIGRATION_MODE_CONCURRENT);
        gtk_widget_activate_action (GTK_WIDGET (dialog), "plan.plan", NULL);
        capture (data, GTK_WINDOW (dialog), "policy-evacuate");
      }
      return TRUE;
    case 2:
      make_policies (application);
      window = bn_policy_window_show (application, EVACUATION);
      gtk_widget_activate_action (GTK_WIDGET (window), "policy.modify", NULL);
      bn_policy_window_select_entry (window, 1);
      gtk_widget_activate_action (GTK_WIDGET (window), "policy.down", NULL);
      capture (data, GTK_WINDOW (window), "policy-editing");
      return TRUE;
    case 3:
      {
        BnPolicyAddWindow *add_window;
        BnLparPicker *picker;

        window = bn_policy_window_show (application, EVACUATION);
        gtk_widget_activate_action (GTK_WIDGET (window), "policy.modify", NULL);
        gtk_widget_activate_action (GTK_WIDGET (window), "policy.add-concurrent", NULL);
        add_window = BN_POLICY_ADD_WINDOW (bn_policy_window_get_dialog (window));
        picker = bn_policy_add_window_get_picker (add_window);
        bn_lpar_picker_set_source (picker, "HVM-A01", 1);
        bn_lpar_picker_set_destination (picker, "HVM-B02", 0);
        capture (data, GTK_WINDOW (add_window), "policy-add");
      }
      return TRUE;
    case 4:
      {
        g_autoptr(GError) error = NULL;
        BnPolicyRunner *runner;

        window = bn_policy_window_show (application, NULL);
        if (bn_policy_window_is_editing (window))
          gtk_widget_activate_action (GTK_WIDGET (window), "policy.release", NULL);
        runner = bn_policies_get_runner (get_policies (application), REBALANCE, &error);
        if (runner == NULL || !bn_policy_runner_start (runner, &error))
          g_printerr ("screenshots: %s\n", error->message);
        else
          /* before No. 1 has run, so the run stops after it (図 3-95, 3-96) */
          bn_policy_runner_stop (runner);
        bn_policy_window_select_policy (window, REBALANCE);
        capture_prompt (application, REBALANCE, BN_POLICY_RUN_STOPPED, capture, data);
      }
      return TRUE;
    case 5:
      {
        BnPolicyRunner *runner = bn_policies_find_runner (get_policies (application), REBALANCE);
        g_autoptr(GError) error = NULL;

        if (runner != NULL && !bn_policy_runner_decide (runner, BN_POLICY_DECISION_CONTINUE,
                                                        &error))
          g_printerr ("screenshots: %s\n", error->message);
        capture_prompt (application, REBALANCE, BN_POLICY_RUN_PAUSED, capture, data);
      }
      return TRUE;
    case 6:
      window = bn_policy_window_show (application, REBALANCE);
      bn_policy_window_select_entry (window, 1);
      /* the Confirmation is another window: this picture is of the Migration Policy window */
      if (bn_policy_window_get_prompt (window) != NULL)
        gtk_window_destroy (bn_policy_window_get_prompt (window));
      capture (data, GTK_WINDOW (window), "policy");
      return TRUE;
    default:
      return FALSE;
    }
}
