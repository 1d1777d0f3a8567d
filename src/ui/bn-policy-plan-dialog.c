/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-policy-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bn-catalogue.h"
#include "bn-policy-name-dialog.h"
#include "bn-policy-plan-dialog.h"
#include "bn-ui-utils.h"

struct _BnPolicyPlanDialog
{
  AdwWindow       parent_instance;

  BnEngine       *engine;
  BnPolicies     *policies;
  BnPlanKind      kind;
  BnPolicy       *plan;
  GStrv           left_behind;
  char           *problem;
  gboolean        name_typed;   /* the operator changed the proposed name */
  guint           syncing;
  GtkWindow      *dialog;

  GtkDropDown    *hvm_dropdown;
  GtkCheckButton *shutdown_radio;
  GtkCheckButton *concurrent_radio;
  GtkEditable    *name_entry;
  GtkLabel       *name_note;
  GtkLabel       *problem_label;
  GtkStack       *result_stack;
  AdwStatusPage  *result_page;
  GtkColumnView  *plan_view;
  GtkLabel       *summary_label;
  GtkWidget      *left_box;
  GtkLabel       *left_label;
};

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BnPolicyPlanDialog, bn_policy_plan_dialog, ADW_TYPE_WINDOW)

static const char *
selected_hvm_id (BnPolicyPlanDialog *self)
{
  BnHvm *hvm = gtk_drop_down_get_selected_item (self->hvm_dropdown);

  return hvm ? bn_hvm_get_id (hvm) : NULL;
}

static BnMigrationMode
selected_mode (BnPolicyPlanDialog *self)
{
  return gtk_check_button_get_active (self->shutdown_radio) ? BN_MIGRATION_MODE_SHUTDOWN
                                                            : BN_MIGRATION_MODE_CONCURRENT;
}

static char *
proposed_name (BnPolicyPlanDialog *self)
{
  const char *prefix = self->kind == BN_PLAN_EVACUATE ? "evacuate" : "return";
  const char *id = selected_hvm_id (self);
  g_autofree char *base = id ? g_strdup_printf ("%s-%s", prefix, id) : g_strdup (prefix);
  char *name = g_strdup (base);

  for (guint i = 2; bn_policies_find (self->policies, name) != NULL && i < 1000; i++)
    {
      g_free (name);
      name = g_strdup_printf ("%s-%u", base, i);
    }
  return name;
}

static gboolean
name_valid (BnPolicyPlanDialog *self)
{
  g_autofree char *problem = bn_policy_name_problem (self->policies,
                                                     gtk_editable_get_text (self->name_entry));

  gtk_label_set_text (self->name_note, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->name_note), problem != NULL);
  if (problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->name_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_entry), "error");
  return problem == NULL;
}

static void
sync_actions (BnPolicyPlanDialog *self)
{
  gboolean valid = name_valid (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.plan",
                                 valid && selected_hvm_id (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.save",
                                 valid && self->plan != NULL &&
                                 bn_policy_get_n_entries (self->plan) > 0);
}

static void
show_result (BnPolicyPlanDialog *self)
{
  guint n = self->plan ? bn_policy_get_n_entries (self->plan) : 0;
  guint n_left = self->left_behind ? g_strv_length (self->left_behind) : 0;

  gtk_label_set_text (self->problem_label, self->problem ? self->problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), self->problem != NULL);
  if (self->plan == NULL)
    {
      gtk_column_view_set_model (self->plan_view, NULL);
      gtk_stack_set_visible_child_name (self->result_stack, "none");
      adw_status_page_set_title (self->result_page, _("No plan yet"));
      adw_status_page_set_description (self->result_page,
                                       _("Choose the HVM and the mode, then Plan."));
      gtk_label_set_text (self->summary_label, "");
      gtk_widget_set_visible (self->left_box, FALSE);
      sync_actions (self);
      return;
    }
  {
    g_autoptr(GtkNoSelection) selection =
      gtk_no_selection_new (g_object_ref (bn_policy_get_entries (self->plan)));

    gtk_column_view_set_model (self->plan_view, GTK_SELECTION_MODEL (selection));
  }
  if (n == 0)
    {
      gtk_stack_set_visible_child_name (self->result_stack, "none");
      adw_status_page_set_title (self->result_page, self->kind == BN_PLAN_EVACUATE
                                 ? _("Nothing can be moved off this HVM")
                                 : _("Nothing to bring back to this HVM"));
      adw_status_page_set_description (self->result_page,
                                       n_left > 0 ? _("See below why each LPAR stays.")
                                       : self->kind == BN_PLAN_EVACUATE
                                       ? _("It has no LPAR that can move in this mode.")
                                       : _("The Migration History shows no LPAR moved off it "
                                           "that is still where that move put it."));
    }
  else
    gtk_stack_set_visible_child_name (self->result_stack, "plan");

  {
    g_autofree char *summary = NULL;

    /* Translators: "4 entries planned, 1 LPAR left behind" */
    g_autofree char *entries = g_strdup_printf (ngettext ("%u entry planned",
                                                          "%u entries planned", n), n);

    if (n_left > 0)
      summary = g_strdup_printf (ngettext ("%s, %u LPAR left where it is",
                                           "%s, %u LPARs left where they are", n_left),
                                 entries, n_left);
    else
      summary = g_strdup_printf (_("%s, no LPAR left behind"), entries);
    gtk_label_set_text (self->summary_label, summary);
  }
  gtk_widget_set_visible (self->left_box, n_left > 0);
  if (n_left > 0)
    {
      g_autofree char *text = NULL;
      g_autoptr(GString) lines = g_string_new (NULL);

      for (guint i = 0; i < n_left; i++)
        g_string_append_printf (lines, "%s• %s", i ? "\n" : "", self->left_behind[i]);
      text = g_string_free (g_steal_pointer (&lines), FALSE);
      gtk_label_set_text (self->left_label, text);
    }
  sync_actions (self);
}

static void
clear_plan (BnPolicyPlanDialog *self)
{
  g_clear_object (&self->plan);
  g_clear_pointer (&self->left_behind, g_strfreev);
  g_clear_pointer (&self->problem, g_free);
  show_result (self);
}

static void
plan_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BnPolicyPlanDialog *self = BN_POLICY_PLAN_DIALOG (widget);
  const char *name = gtk_editable_get_text (self->name_entry);
  g_autoptr(GError) error = NULL;

  clear_plan (self);
  if (selected_hvm_id (self) == NULL || !name_valid (self))
    return;
  if (self->kind == BN_PLAN_EVACUATE)
    self->plan = bn_policies_plan_evacuation (self->policies, selected_hvm_id (self),
                                              selected_mode (self), name, &self->left_behind,
                                              &error);
  else
    self->plan = bn_policies_plan_return (self->policies, selected_hvm_id (self),
                                          selected_mode (self), name, &self->left_behind,
                                          &error);
  if (self->plan == NULL)
    self->problem = g_strdup (error->message);
  show_result (self);
}

static gboolean
destroy_idle_cb (gpointer user_data)
{
  gtk_window_destroy (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
save_response_cb (AdwMessageDialog   *dialog,
                  const char         *response,
                  BnPolicyPlanDialog *self)
{
  const char *name = g_object_get_data (G_OBJECT (dialog), "bn-name");
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "ok") || self->plan == NULL)
    return;
  if (bn_policies_save_as (self->policies, self->plan, name, &error) == NULL)
    {
      g_free (self->problem);
      self->problem = g_strdup (error->message);
      show_result (self);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, name);
  /* not from inside the response of the Confirmation, which is transient for this window */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_idle_add_full (G_PRIORITY_DEFAULT, destroy_idle_cb, g_object_ref (self), g_object_unref);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BnPolicyPlanDialog *self = BN_POLICY_PLAN_DIALOG (widget);
  const char *name = gtk_editable_get_text (self->name_entry);
  g_autofree char *heading = bn_catalogue_format_message (bn_catalogue_get_default (),
                                                          "confirm-policy-save-as", "name",
                                                          name, NULL);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->plan == NULL || !name_valid (self))
    return;
  body = g_strdup_printf (_("%s\n\nNothing moves until you Execute the policy in the Migration "
                            "Policy window."), bn_policy_get_comment (self->plan));
  dialog = GTK_WIDGET (bn_ui_confirm_new (GTK_WINDOW (self), heading, body, NULL, FALSE));
  gtk_window_set_title (GTK_WINDOW (dialog), _("Save As Policy"));
  gtk_widget_set_name (dialog, "policy-plan-save-dialog");
  g_object_set_data_full (G_OBJECT (dialog), "bn-name", g_strdup (name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_response_cb), self, 0);
  g_set_weak_pointer (&self->dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The HVM or the mode changed: the proposed name follows (until the operator types one),
 * and a plan made for the old choice is gone. */
static void
choice_changed_cb (BnPolicyPlanDialog *self)
{
  if (!self->name_typed)
    {
      g_autofree char *name = proposed_name (self);

      self->syncing++;
      gtk_editable_set_text (self->name_entry, name);
      self->syncing--;
    }
  clear_plan (self);
}

static void
name_changed_cb (BnPolicyPlanDialog *self)
{
  if (self->syncing == 0)
    self->name_typed = TRUE;
  sync_actions (self);
}

static char *
format_number (GtkListItem *item)
{
  return g_strdup_printf ("%u", gtk_list_item_get_position (item) + 1);
}

static char *
format_lpar (GObject *item)
{
  return g_strdup (bn_policy_entry_get_lpar_name (BN_POLICY_ENTRY (item)));
}

static char *
format_source (GObject *item)
{
  BnPolicyEntry *entry = BN_POLICY_ENTRY (item);

  return g_strdup_printf ("%s #%u", bn_policy_entry_get_source_hvm (entry),
                          bn_policy_entry_get_source_lpar (entry));
}

static char *
format_destination (GObject *item)
{
  BnPolicyEntry *entry = BN_POLICY_ENTRY (item);

  if (bn_policy_entry_get_destination_lpar (entry) == 0)
    return g_strdup_printf ("%s %s", bn_policy_entry_get_destination_hvm (entry), _("Auto"));
  return g_strdup_printf ("%s #%u", bn_policy_entry_get_destination_hvm (entry),
                          bn_policy_entry_get_destination_lpar (entry));
}

static void
number_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
number_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  g_autofree char *text = format_number (list_item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), text);
}

static GtkWidget *
labelled (GtkWidget  *grid,
          int         row,
          const char *mnemonic,
          GtkWidget  *widget)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_grid_attach (GTK_GRID (grid), label, 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), widget, 1, row, 1, 1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
  return label;
}

static void
build (BnPolicyPlanDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save as Policy…"));
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *intro = gtk_label_new (NULL);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *radios = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *mode_label = gtk_label_new (_("Mode"));
  GtkWidget *name_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *name_label;
  GtkWidget *plan = gtk_button_new_with_mnemonic (_("_Plan"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *left_title = gtk_label_new (NULL);
  GtkListItemFactory *number = gtk_signal_list_item_factory_new ();
  struct {
    const char         *title;
    GtkListItemFactory *factory;
  } columns[] = {
    { _("No."), number },
    { _("LPAR Name"), bn_ui_text_factory_new (BN_TYPE_POLICY_ENTRY, NULL, format_lpar,
                                              "bn-strong") },
    { C_("column", "Source"),
      bn_ui_text_factory_new (BN_TYPE_POLICY_ENTRY, NULL, format_source, NULL) },
    { C_("column", "Destination"),
      bn_ui_text_factory_new (BN_TYPE_POLICY_ENTRY, NULL, format_destination, NULL) },
  };

  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (save), "plan.save");
  gtk_widget_add_css_class (save, "suggested-action");
  gtk_widget_set_tooltip_text (save, _("Store the plan as a new migration policy (asked first)"));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_box_append (GTK_BOX (box), header);

  gtk_widget_set_margin_top (body, 12);
  gtk_widget_set_margin_bottom (body, 18);
  gtk_widget_set_margin_start (body, 18);
  gtk_widget_set_margin_end (body, 18);
  gtk_widget_set_vexpand (body, TRUE);
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (intro), 90);
  gtk_widget_add_css_class (intro, "dim-label");
  if (self->kind == BN_PLAN_EVACUATE)
    gtk_label_set_text (GTK_LABEL (intro),
                        _("Plans a policy that moves every LPAR of the HVM that can move in the "
                          "mode to another HVM (Auto LPAR numbers): to the readable HVM the "
                          "applicability checks allow, with a free LPAR number and the most "
                          "memory left. The plan uses what the last Update read."));
  else
    gtk_label_set_text (GTK_LABEL (intro),
                        _("Plans a policy that brings back every LPAR whose last move in the "
                          "Migration History took it off the HVM and that is still where that "
                          "move put it, to its old LPAR number if that is free (else Auto). The "
                          "plan uses what the last Update read."));
  gtk_box_append (GTK_BOX (body), intro);

  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  self->hvm_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_drop_down_set_enable_search (self->hvm_dropdown, TRUE);
  gtk_drop_down_set_expression (self->hvm_dropdown,
                                gtk_property_expression_new (BN_TYPE_HVM, NULL, "id"));
  gtk_widget_set_name (GTK_WIDGET (self->hvm_dropdown), "hvm_dropdown");
  gtk_widget_set_halign (GTK_WIDGET (self->hvm_dropdown), GTK_ALIGN_START);
  labelled (grid, 0, self->kind == BN_PLAN_EVACUATE ? _("_HVM to empty")
                                                    : _("_HVM to bring back to"),
            GTK_WIDGET (self->hvm_dropdown));

  self->shutdown_radio =
    GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (C_("plan", "S_hutdown")));
  self->concurrent_radio =
    GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (C_("plan", "Co_ncurrent Maintenance")));
  gtk_check_button_set_group (self->shutdown_radio, self->concurrent_radio);
  gtk_check_button_set_active (self->concurrent_radio, TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->shutdown_radio),
                               _("Deactivated LPARs move, and running ones whose Guest OS "
                                 "Information is saved (their guests are shut down first)"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->concurrent_radio),
                               _("Activated LPARs move while their guests keep running; "
                                 "deactivated ones stay"));
  gtk_box_append (GTK_BOX (radios), GTK_WIDGET (self->shutdown_radio));
  gtk_box_append (GTK_BOX (radios), GTK_WIDGET (self->concurrent_radio));
  gtk_label_set_xalign (GTK_LABEL (mode_label), 1);
  gtk_grid_attach (GTK_GRID (grid), mode_label, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), radios, 1, 1, 1, 1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (radios), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  mode_label, NULL, -1);

  self->name_entry = GTK_EDITABLE (gtk_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->name_entry), TRUE);
  gtk_widget_set_name (GTK_WIDGET (self->name_entry), "name_entry");
  self->name_note = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->name_note, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->name_note), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->name_note), "error");
  gtk_box_append (GTK_BOX (name_box), GTK_WIDGET (self->name_entry));
  gtk_box_append (GTK_BOX (name_box), GTK_WIDGET (self->name_note));
  name_label = labelled (grid, 2, _("Policy _name"), name_box);
  /* Alt+N and a screen reader go to the entry, not the box around it and its note */
  gtk_label_set_mnemonic_widget (GTK_LABEL (name_label), GTK_WIDGET (self->name_entry));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->name_entry),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, name_label, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->name_note, NULL,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (plan), "plan.plan");
  gtk_widget_set_valign (plan, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (plan, _("Work out the entries (nothing is stored or moved)"));
  gtk_grid_attach (GTK_GRID (grid), plan, 2, 2, 1, 1);
  gtk_box_append (GTK_BOX (body), grid);

  self->problem_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->problem_label, TRUE);
  gtk_label_set_xalign (self->problem_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "error");
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->problem_label));

  self->summary_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->summary_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "heading");
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->summary_label));

  self->plan_view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  g_signal_connect (number, "setup", G_CALLBACK (number_setup_cb), NULL);
  g_signal_connect (number, "bind", G_CALLBACK (number_bind_cb), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = bn_ui_column_new (columns[i].title,
                                                                columns[i].factory,
                                                                i == G_N_ELEMENTS (columns) - 1,
                                                                NULL);

      gtk_column_view_append_column (self->plan_view, column);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->plan_view));
  gtk_widget_add_css_class (scrolled, "card");
  self->result_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->result_page, "view-list-symbolic");
  gtk_widget_add_css_class (GTK_WIDGET (self->result_page), "compact");
  gtk_widget_add_css_class (GTK_WIDGET (self->result_page), "card");
  self->result_stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->result_stack, scrolled, "plan");
  gtk_stack_add_named (self->result_stack, GTK_WIDGET (self->result_page), "none");
  gtk_widget_set_vexpand (GTK_WIDGET (self->result_stack), TRUE);
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->result_stack));

  self->left_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_label_set_text (GTK_LABEL (left_title), self->kind == BN_PLAN_EVACUATE
                      ? _("Left behind (the plan does not move them)")
                      : _("Left where they are"));
  gtk_label_set_xalign (GTK_LABEL (left_title), 0);
  gtk_widget_add_css_class (left_title, "heading");
  self->left_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->left_label, 0);
  gtk_label_set_wrap (self->left_label, TRUE);
  gtk_label_set_selectable (self->left_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->left_label), "bn-left-behind");
  gtk_box_append (GTK_BOX (self->left_box), left_title);
  gtk_box_append (GTK_BOX (self->left_box), GTK_WIDGET (self->left_label));
  gtk_box_append (GTK_BOX (body), self->left_box);

  gtk_box_append (GTK_BOX (box), body);
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_widget (GTK_WINDOW (self), plan);
}

static void
bn_policy_plan_dialog_dispose (GObject *object)
{
  BnPolicyPlanDialog *self = (BnPolicyPlanDialog *) object;

  bn_ui_destroy_transient (&self->dialog);
  g_clear_object (&self->plan);
  g_clear_object (&self->policies);
  g_clear_object (&self->engine);
  G_OBJECT_CLASS (bn_policy_plan_dialog_parent_class)->dispose (object);
}

static void
bn_policy_plan_dialog_finalize (GObject *object)
{
  BnPolicyPlanDialog *self = (BnPolicyPlanDialog *) object;

  g_strfreev (self->left_behind);
  g_free (self->problem);
  G_OBJECT_CLASS (bn_policy_plan_dialog_parent_class)->finalize (object);
}

static void
bn_policy_plan_dialog_class_init (BnPolicyPlanDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bn_policy_plan_dialog_dispose;
  object_class->finalize = bn_policy_plan_dialog_finalize;

  /* (const char *name): the plan is stored under this name */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "plan.plan", NULL, plan_action);
  gtk_widget_class_install_action (widget_class, "plan.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bn_policy_plan_dialog_init (BnPolicyPlanDialog *self)
{
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 820, 600);
}

/* @hvm: the HVM to start with (the one selected in the Main window), or NULL. */
BnPolicyPlanDialog *
bn_policy_plan_dialog_new (BnEngine   *engine,
                           BnPlanKind  kind,
                           BnHvm      *hvm)
{
  BnPolicyPlanDialog *self;
  GListModel *hvms;

  g_return_val_if_fail (BN_IS_ENGINE (engine), NULL);

  self = g_object_new (BN_TYPE_POLICY_PLAN_DIALOG,
                       "title", kind == BN_PLAN_EVACUATE ? _("Evacuate HVM") : _("Return to HVM"),
                       NULL);
  self->engine = g_object_ref (engine);
  self->policies = g_object_ref (bn_engine_get_policies (engine));
  self->kind = kind;
  build (self);
  hvms = bn_fleet_get_hvms (bn_engine_get_fleet (engine));
  gtk_drop_down_set_model (self->hvm_dropdown, hvms);
  for (guint i = 0; hvm != NULL && i < g_list_model_get_n_items (hvms); i++)
    {
      g_autoptr(BnHvm) candidate = g_list_model_get_item (hvms, i);

      if (candidate == hvm)
        gtk_drop_down_set_selected (self->hvm_dropdown, i);
    }
  g_signal_connect_object (self->hvm_dropdown, "notify::selected",
                           G_CALLBACK (choice_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->shutdown_radio, "toggled", G_CALLBACK (choice_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->name_entry, "changed", G_CALLBACK (name_changed_cb), self,
                           G_CONNECT_SWAPPED);
  choice_changed_cb (self);
  return self;
}

void
bn_policy_plan_dialog_set_hvm (BnPolicyPlanDialog *self,
                               const char         *hvm_id)
{
  GListModel *hvms;

  g_return_if_fail (BN_IS_POLICY_PLAN_DIALOG (self));
  hvms = gtk_drop_down_get_model (self->hvm_dropdown);
  for (guint i = 0; i < g_list_model_get_n_items (hvms); i++)
    {
      g_autoptr(BnHvm) hvm = g_list_model_get_item (hvms, i);

      if (g_strcmp0 (bn_hvm_get_id (hvm), hvm_id) == 0)
        gtk_drop_down_set_selected (self->hvm_dropdown, i);
    }
}

void
bn_policy_plan_dialog_set_mode (BnPolicyPlanDialog *self,
                                BnMigrationMode     mode)
{
  g_return_if_fail (BN_IS_POLICY_PLAN_DIALOG (self));
  gtk_check_button_set_active (mode == BN_MIGRATION_MODE_SHUTDOWN ? self->shutdown_radio
                                                                  : self->concurrent_radio,
                               TRUE);
}

GtkEditable *
bn_policy_plan_dialog_get_name_entry (BnPolicyPlanDialog *self)
{
  g_return_val_if_fail (BN_IS_POLICY_PLAN_DIALOG (self), NULL);
  return self->name_entry;
}

/* The plan last made, or NULL. */
BnPolicy *
bn_policy_plan_dialog_get_plan (BnPolicyPlanDialog *self)
{
  g_return_val_if_fail (BN_IS_POLICY_PLAN_DIALOG (self), NULL);
  return self->plan;
}

/* "#5 CRM02: it is deactivated: …", one per LPAR the plan leaves behind. */
const char * const *
bn_policy_plan_dialog_get_left_behind (BnPolicyPlanDialog *self)
{
  g_return_val_if_fail (BN_IS_POLICY_PLAN_DIALOG (self), NULL);
  return (const char * const *) self->left_behind;
}

const char *
bn_policy_plan_dialog_get_problem (BnPolicyPlanDialog *self)
{
  g_return_val_if_fail (BN_IS_POLICY_PLAN_DIALOG (self), NULL);
  return self->problem;
}

/* The Confirmation of Save as Policy, while it is open. */
GtkWindow *
bn_policy_plan_dialog_get_dialog (BnPolicyPlanDialog *self)
{
  g_return_val_if_fail (BN_IS_POLICY_PLAN_DIALOG (self), NULL);
  return self->dialog;
}
