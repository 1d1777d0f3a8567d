/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-policy-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bn-policy-name-dialog.h"
#include "bn-ui-utils.h"

struct _BnPolicyNameDialog
{
  AdwWindow    parent_instance;

  BnPolicies  *policies;
  gboolean     valid;
  GtkEditable *entry;
  GtkLabel    *note;
};

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BnPolicyNameDialog, bn_policy_name_dialog, ADW_TYPE_WINDOW)

#define MAX_NAME_CHARS 64

/* What is wrong with @name as a new policy's name, in the operator's language, or NULL.
 * The same rules as bn_policy_name_is_valid () and the unique name BnPolicies enforces. */
char *
bn_policy_name_problem (BnPolicies *policies,
                        const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name ? name : ""));

  if (name == NULL || *name == '\0')
    return g_strdup (_("Give the policy a name"));
  if (!g_utf8_validate (name, -1, NULL))
    return g_strdup (_("The name is not valid text"));
  if (*stripped == '\0' || g_strcmp0 (stripped, name) != 0)
    return g_strdup (_("No spaces at the start or end of the name"));
  if (g_utf8_strlen (name, -1) > MAX_NAME_CHARS)
    return g_strdup_printf (_("At most %u characters (this one has %u)"), MAX_NAME_CHARS,
                            (guint) g_utf8_strlen (name, -1));
  for (const char *p = name; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return g_strdup (_("The name cannot hold control characters (tabs, line breaks)"));
  if (policies != NULL && bn_policies_find (policies, name) != NULL)
    return g_strdup_printf (_("A policy named “%s” already exists"), name);
  /* anything the engine refuses that the rules above missed */
  if (!bn_policy_name_is_valid (name, NULL))
    return g_strdup (_("The name is not valid"));
  return NULL;
}

static void
validate (BnPolicyNameDialog *self)
{
  const char *name = gtk_editable_get_text (self->entry);
  g_autofree char *problem = bn_policy_name_problem (self->policies, name);
  GtkWidget *entry = GTK_WIDGET (self->entry);
  GtkWidget *note = GTK_WIDGET (self->note);
  gboolean empty = *name == '\0';

  self->valid = problem == NULL;
  if (empty)
    gtk_label_set_text (self->note, _("1 to 64 characters; the name must not be in use"));
  else
    gtk_label_set_text (self->note, problem ? problem : "");
  /* an empty field is a hint, not an error */
  if (problem != NULL && !empty)
    {
      gtk_widget_add_css_class (entry, "error");
      gtk_widget_add_css_class (note, "error");
      gtk_widget_remove_css_class (note, "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (entry, "error");
      gtk_widget_remove_css_class (note, "error");
      gtk_widget_add_css_class (note, "dim-label");
    }
  gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                               problem != NULL && !empty ? GTK_ACCESSIBLE_INVALID_TRUE
                                                         : GTK_ACCESSIBLE_INVALID_FALSE, -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "name.ok", self->valid);
}

static void
ok_action (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  BnPolicyNameDialog *self = BN_POLICY_NAME_DIALOG (widget);
  g_autofree char *name = g_strdup (gtk_editable_get_text (self->entry));

  validate (self);
  if (!self->valid)
    return;
  /* the receiver may open another dialog: this one goes first */
  g_object_ref (self);
  gtk_widget_set_visible (widget, FALSE);
  g_signal_emit (self, signals[CHOSEN], 0, name);
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
}

static void
bn_policy_name_dialog_dispose (GObject *object)
{
  BnPolicyNameDialog *self = (BnPolicyNameDialog *) object;

  g_clear_object (&self->policies);
  G_OBJECT_CLASS (bn_policy_name_dialog_parent_class)->dispose (object);
}

static void
bn_policy_name_dialog_class_init (BnPolicyNameDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bn_policy_name_dialog_dispose;

  /* (const char *name) */
  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "name.ok", NULL, ok_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bn_policy_name_dialog_init (BnPolicyNameDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *ok = gtk_button_new_with_mnemonic (_("_OK"));
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *label = gtk_label_new_with_mnemonic (_("Policy _name"));
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *note = gtk_label_new (NULL);

  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_resizable (GTK_WINDOW (self), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (self), 460, -1);

  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (ok), "name.ok");
  gtk_widget_add_css_class (ok, "suggested-action");
  gtk_widget_set_name (ok, "ok_button");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), ok);
  gtk_box_append (GTK_BOX (box), header);

  gtk_widget_set_margin_top (grid, 18);
  gtk_widget_set_margin_bottom (grid, 24);
  gtk_widget_set_margin_start (grid, 24);
  gtk_widget_set_margin_end (grid, 24);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_widget_set_name (entry, "name_entry");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_max_length (GTK_ENTRY (entry), 2 * MAX_NAME_CHARS);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("e.g. evacuate-HVM-B01"));
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  /* a wrapped label asks for the height of its narrowest form unless given a width */
  gtk_label_set_width_chars (GTK_LABEL (note), 40);
  gtk_label_set_max_width_chars (GTK_LABEL (note), 40);
  gtk_widget_add_css_class (note, "caption");
  gtk_widget_add_css_class (note, "dim-label");
  gtk_widget_set_name (note, "name_note");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, note, NULL, -1);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), entry, 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), note, 1, 1, 1, 1);
  gtk_box_append (GTK_BOX (box), grid);

  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_widget (GTK_WINDOW (self), ok);
  self->entry = GTK_EDITABLE (entry);
  self->note = GTK_LABEL (note);
  g_signal_connect_object (entry, "changed", G_CALLBACK (validate), self, G_CONNECT_SWAPPED);
}

/* @title: "New Policy" or "Save as Policy"; @initial: the text to start from, or NULL. */
BnPolicyNameDialog *
bn_policy_name_dialog_new (BnPolicies *policies,
                           const char *title,
                           const char *initial)
{
  BnPolicyNameDialog *self;

  g_return_val_if_fail (BN_IS_POLICIES (policies), NULL);

  self = g_object_new (BN_TYPE_POLICY_NAME_DIALOG, "title", title, NULL);
  self->policies = g_object_ref (policies);
  gtk_editable_set_text (self->entry, initial ? initial : "");
  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  return self;
}

GtkEditable *
bn_policy_name_dialog_get_entry (BnPolicyNameDialog *self)
{
  g_return_val_if_fail (BN_IS_POLICY_NAME_DIALOG (self), NULL);
  return self->entry;
}

gboolean
bn_policy_name_dialog_is_valid (BnPolicyNameDialog *self)
{
  g_return_val_if_fail (BN_IS_POLICY_NAME_DIALOG (self), FALSE);
  return self->valid;
}

const char *
bn_policy_name_dialog_get_note (BnPolicyNameDialog *self)
{
  g_return_val_if_fail (BN_IS_POLICY_NAME_DIALOG (self), NULL);
  return gtk_label_get_text (self->note);
}
