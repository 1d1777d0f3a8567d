/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-policy-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bn-catalogue.h"
#include "bn-policy-add-window.h"
#include "bn-ui-utils.h"

struct _BnPolicyAddWindow
{
  AdwWindow        parent_instance;

  BnEngine        *engine;
  BnPolicy        *policy;        /* the copy being edited in the Migration Policy window */
  BnMigrationMode  mode;
  BnPolicyEntry   *candidate;     /* what Add would append, or NULL */
  GtkWindow       *dialog;

  AdwToastOverlay *toast_overlay;
  BnLparPicker    *picker;
  GtkLabel        *count_label;
  GtkLabel        *preview_label;
};

enum {
  ENTRY_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BnPolicyAddWindow, bn_policy_add_window, ADW_TYPE_WINDOW)

static char *
describe (BnPolicyEntry *entry)
{
  guint dst = bn_policy_entry_get_destination_lpar (entry);
  g_autofree char *number = dst ? g_strdup_printf ("#%u", dst) : g_strdup (_("Auto"));

  /* Translators: an entry of a policy: "ERP01 (HVM-B01 #1 → HVM-B02 Auto)" */
  return g_strdup_printf (_("%s (%s #%u → %s %s)"), bn_policy_entry_get_lpar_name (entry),
                          bn_policy_entry_get_source_hvm (entry),
                          bn_policy_entry_get_source_lpar (entry),
                          bn_policy_entry_get_destination_hvm (entry), number);
}

static void
sync_count (BnPolicyAddWindow *self)
{
  g_autofree char *text = NULL;
  guint n = bn_policy_get_n_entries (self->policy);

  /* Translators: "Policy “evacuate-b01”: 2 entries so far" */
  text = g_strdup_printf (ngettext ("Policy “%s”: %u entry so far",
                                    "Policy “%s”: %u entries so far", n),
                          bn_policy_get_name (self->policy), n);
  gtk_label_set_text (self->count_label, text);
}

/* The entry the picker describes now: the source LPAR is recorded by name too (docs/
 * policies.md), so the name must be known from the last Update. */
static void
picker_changed_cb (BnPolicyAddWindow *self)
{
  g_autoptr(BnMigrationRequest) request = bn_migration_request_new (BN_OPERATION_MIGRATION);
  BnFleet *fleet = bn_engine_get_fleet (self->engine);
  BnHvm *hvm;
  BnLpar *lpar;

  g_clear_object (&self->candidate);
  if (!bn_lpar_picker_get_selection (self->picker, request))
    {
      gtk_label_set_text (self->preview_label,
                          _("Choose the source LPAR and the destination (an LPAR, or an HVM "
                            "with Auto)"));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "add.add", FALSE);
      return;
    }
  request->mode = self->mode;
  hvm = bn_fleet_find_hvm (fleet, request->source_hvm);
  lpar = hvm ? bn_hvm_find_lpar (hvm, request->source_lpar) : NULL;
  if (lpar == NULL)
    {
      gtk_label_set_text (self->preview_label, _("The source LPAR is not known: run Update"));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "add.add", FALSE);
      return;
    }
  self->candidate = bn_policy_entry_new (request, bn_lpar_get_name (lpar));
  {
    g_autofree char *what = describe (self->candidate);
    /* Translators: what Add will append: "Entry No. 3: ERP01 (HVM-B01 #1 → HVM-B02 Auto)" */
    g_autofree char *text = g_strdup_printf (_("Entry No. %u: %s"),
                                             bn_policy_get_n_entries (self->policy) + 1, what);

    gtk_label_set_text (self->preview_label, text);
  }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "add.add", TRUE);
}

static void
show_refusal (BnPolicyAddWindow *self,
              const char        *message)
{
  GtkWindow *dialog = bn_ui_show_error (GTK_WINDOW (self), _("The entry was not added"),
                                        message);

  gtk_widget_set_name (GTK_WIDGET (dialog), "policy-add-refused-dialog");
  g_set_weak_pointer (&self->dialog, dialog);
}

static void
confirm_response_cb (AdwMessageDialog  *dialog,
                     const char        *response,
                     BnPolicyAddWindow *self)
{
  BnPolicyEntry *entry = g_object_get_data (G_OBJECT (dialog), "bn-entry");
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "ok"))
    return;
  if (!bn_policy_add_entry (self->policy, entry, &error))
    {
      show_refusal (self, error->message);
      return;
    }
  sync_count (self);
  picker_changed_cb (self);
  {
    g_autofree char *what = describe (entry);
    g_autofree char *text = g_strdup_printf (_("Added as No. %u: %s"),
                                             bn_policy_get_n_entries (self->policy), what);

    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
  }
  g_signal_emit (self, signals[ENTRY_ADDED], 0, entry);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  BnPolicyAddWindow *self = BN_POLICY_ADD_WINDOW (widget);
  g_autoptr(BnPolicy) trial = NULL;
  g_autoptr(BnPolicyEntry) entry = NULL;
  g_autoptr(BnPolicyEntry) trial_entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *what = NULL;
  GtkWidget *dialog;

  picker_changed_cb (self);
  if (self->candidate == NULL)
    return;
  entry = g_object_ref (self->candidate);
  /* what the policy refuses (an LPAR twice, the other mode) is said before asking */
  trial = bn_policy_copy (self->policy);
  trial_entry = bn_policy_entry_copy (entry);
  if (!bn_policy_add_entry (trial, trial_entry, &error))
    {
      show_refusal (self, error->message);
      return;
    }
  heading = g_strdup (bn_catalogue_get_message (bn_catalogue_get_default (),
                                                "confirm-policy-add-entry"));
  what = describe (entry);
  /* Translators: "Entry No. 3: ERP01 (HVM-B01 #1 → HVM-B02 Auto), Concurrent Maintenance" */
  body = g_strdup_printf (_("Entry No. %u: %s, %s"), bn_policy_get_n_entries (self->policy) + 1,
                          what, bn_ui_mode_label (self->mode));
  dialog = GTK_WIDGET (bn_ui_confirm_new (GTK_WINDOW (self), heading, body, NULL, FALSE));
  gtk_widget_set_name (dialog, "policy-add-confirm-dialog");
  g_object_set_data_full (G_OBJECT (dialog), "bn-entry", g_steal_pointer (&entry),
                          g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  g_set_weak_pointer (&self->dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
build (BnPolicyAddWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *intro = gtk_label_new (NULL);
  GtkWidget *bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add"));
  GtkWidget *close = gtk_button_new_with_mnemonic (_("_Close"));

  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_margin_top (body, 12);
  gtk_widget_set_margin_bottom (body, 12);
  gtk_widget_set_margin_start (body, 18);
  gtk_widget_set_margin_end (body, 18);
  gtk_widget_set_vexpand (body, TRUE);

  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_widget_add_css_class (intro, "dim-label");
  gtk_label_set_text (GTK_LABEL (intro),
                      self->mode == BN_MIGRATION_MODE_CONCURRENT
                      ? _("Choose the running LPAR to move under Source and where it goes "
                          "under Destination, then Add. Add more entries the same way; they "
                          "run in the order added. Close when done.")
                      : _("Choose the LPAR to move under Source and where it goes under "
                          "Destination, then Add. Add more entries the same way; they run in "
                          "the order added. Close when done."));
  gtk_box_append (GTK_BOX (body), intro);

  self->count_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->count_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "heading");
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->count_label));

  self->picker = BN_LPAR_PICKER (bn_lpar_picker_new (self->engine, self->mode));
  gtk_widget_set_vexpand (GTK_WIDGET (self->picker), TRUE);
  gtk_widget_set_name (GTK_WIDGET (self->picker), "picker");
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->picker));

  self->preview_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->preview_label, 0);
  gtk_label_set_wrap (self->preview_label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->preview_label), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "add.add");
  gtk_widget_add_css_class (add, "suggested-action");
  gtk_widget_set_tooltip_text (add, _("Append this move to the policy (asked first)"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (close), "window.close");
  gtk_box_append (GTK_BOX (bottom), GTK_WIDGET (self->preview_label));
  gtk_box_append (GTK_BOX (bottom), add);
  gtk_box_append (GTK_BOX (bottom), close);
  gtk_box_append (GTK_BOX (body), bottom);

  gtk_box_append (GTK_BOX (box), body);
  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toast_overlay, box);
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->toast_overlay));
  gtk_window_set_default_widget (GTK_WINDOW (self), add);
}

static void
bn_policy_add_window_dispose (GObject *object)
{
  BnPolicyAddWindow *self = (BnPolicyAddWindow *) object;

  bn_ui_destroy_transient (&self->dialog);
  g_clear_object (&self->candidate);
  g_clear_object (&self->policy);
  g_clear_object (&self->engine);
  G_OBJECT_CLASS (bn_policy_add_window_parent_class)->dispose (object);
}

static void
bn_policy_add_window_class_init (BnPolicyAddWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bn_policy_add_window_dispose;

  /* (BnPolicyEntry *entry): appended to the policy */
  signals[ENTRY_ADDED] = g_signal_new ("entry-added", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                       BN_TYPE_POLICY_ENTRY);

  gtk_widget_class_install_action (widget_class, "add.add", NULL, add_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bn_policy_add_window_init (BnPolicyAddWindow *self)
{
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 1000, 700);
}

/* @policy: the copy the Migration Policy window edits; entries are appended to it. */
BnPolicyAddWindow *
bn_policy_add_window_new (BnEngine        *engine,
                          BnPolicy        *policy,
                          BnMigrationMode  mode)
{
  BnPolicyAddWindow *self;

  g_return_val_if_fail (BN_IS_ENGINE (engine), NULL);
  g_return_val_if_fail (BN_IS_POLICY (policy), NULL);

  /* the manual's window names, which stay English like the buttons that open them */
  self = g_object_new (BN_TYPE_POLICY_ADD_WINDOW,
                       "title", mode == BN_MIGRATION_MODE_CONCURRENT
                                ? _("Add Concurrent Maintenance") : _("Add Shutdown"),
                       NULL);
  self->engine = g_object_ref (engine);
  self->policy = g_object_ref (policy);
  self->mode = mode;
  build (self);
  sync_count (self);
  g_signal_connect_object (self->picker, "changed", G_CALLBACK (picker_changed_cb), self,
                           G_CONNECT_SWAPPED);
  picker_changed_cb (self);
  return self;
}

BnLparPicker *
bn_policy_add_window_get_picker (BnPolicyAddWindow *self)
{
  g_return_val_if_fail (BN_IS_POLICY_ADD_WINDOW (self), NULL);
  return self->picker;
}

/* The Confirmation (図 3-85) or the refusal, while one is open. */
GtkWindow *
bn_policy_add_window_get_dialog (BnPolicyAddWindow *self)
{
  g_return_val_if_fail (BN_IS_POLICY_ADD_WINDOW (self), NULL);
  return self->dialog;
}

const char *
bn_policy_add_window_get_preview (BnPolicyAddWindow *self)
{
  g_return_val_if_fail (BN_IS_POLICY_ADD_WINDOW (self), NULL);
  return gtk_label_get_text (self->preview_label);
}
