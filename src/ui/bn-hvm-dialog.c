/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-hvm-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "bn-ui-utils.h"

#include "bn-hvm-dialog.h"
#include "bn-tls.h"

struct _BnHvmDialog
{
  AdwWindow  parent_instance;

  BnFleet   *fleet;
  gboolean   valid;

  GtkEditable *id_entry;
  GtkEditable *address_entry;
  GtkEditable *fingerprint_entry;
  GtkLabel    *id_error;
  GtkLabel    *address_error;
  GtkLabel    *fingerprint_error;
  GtkLabel    *save_error;
};

enum {
  ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BnHvmDialog, bn_hvm_dialog, ADW_TYPE_WINDOW)

/* A field's note under it: a dim hint, or what is wrong in the error colour. */
static void
set_note (GtkEntry   *entry,
          GtkLabel   *label,
          const char *text,
          gboolean    error)
{
  gtk_label_set_text (label, text);
  if (error)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
    }
  gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                               error ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

/* Accepts "AB:CD:…" and upper case, as certificate viewers print it. */
static char *
normalize_fingerprint (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (*p != ':' && !g_ascii_isspace (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

static gboolean
validate_id (BnHvmDialog *self)
{
  const char *id = gtk_editable_get_text (self->id_entry);
  GtkEntry *entry = GTK_ENTRY (self->id_entry);

  if (*id == '\0')
    {
      set_note (entry, self->id_error, _("1 to 31 letters, digits, “-”, “_” or “.”"), FALSE);
      return FALSE;
    }
  if (!bn_hvm_id_is_valid (id))
    {
      set_note (entry, self->id_error,
                _("Use only letters, digits, “-”, “_” and “.”, at most 31 of them"), TRUE);
      return FALSE;
    }
  if (bn_fleet_find_hvm (self->fleet, id) != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("HVM %s is already registered"), id);

      set_note (entry, self->id_error, text, TRUE);
      return FALSE;
    }
  set_note (entry, self->id_error, "", FALSE);
  return TRUE;
}

static gboolean
validate_address (BnHvmDialog  *self,
                  char        **address,
                  guint        *port)
{
  const char *text = gtk_editable_get_text (self->address_entry);
  GtkEntry *entry = GTK_ENTRY (self->address_entry);
  g_autoptr(GError) error = NULL;
  g_autofree char *host = NULL;
  guint port_number = 0;
  BnHvm *other;

  if (*text == '\0')
    {
      set_note (entry, self->address_error,
                _("The HVM’s management IP address; the port is 23250 unless you add "
                  "“:port”"), FALSE);
      return FALSE;
    }
  if (!bn_parse_endpoint (text, &host, &port_number, &error))
    {
      set_note (entry, self->address_error, error->message, TRUE);
      return FALSE;
    }
  other = bn_fleet_find_hvm_by_address (self->fleet, host, port_number);
  if (other != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("%s:%u is already registered as HVM %s"),
                                                  host, port_number, bn_hvm_get_id (other));

      set_note (entry, self->address_error, message, TRUE);
      return FALSE;
    }
  set_note (entry, self->address_error, "", FALSE);
  if (address != NULL)
    *address = g_steal_pointer (&host);
  if (port != NULL)
    *port = port_number;
  return TRUE;
}

static gboolean
validate_fingerprint (BnHvmDialog  *self,
                      char        **fingerprint)
{
  g_autofree char *text = normalize_fingerprint (gtk_editable_get_text (self->fingerprint_entry));
  GtkEntry *entry = GTK_ENTRY (self->fingerprint_entry);

  if (*text == '\0')
    {
      set_note (entry, self->fingerprint_error,
                _("Empty: the blade’s certificate is trusted the first time it answers and "
                  "pinned from then on"), FALSE);
      if (fingerprint != NULL)
        *fingerprint = NULL;
      return TRUE;
    }
  if (!bn_tls_fingerprint_is_valid (text))
    {
      set_note (entry, self->fingerprint_error,
                _("A SHA-256 fingerprint is 64 hexadecimal digits (colons are allowed)"), TRUE);
      return FALSE;
    }
  set_note (entry, self->fingerprint_error, "", FALSE);
  if (fingerprint != NULL)
    *fingerprint = g_steal_pointer (&text);
  return TRUE;
}

static void
validate (BnHvmDialog *self)
{
  /* every field is checked, so each shows its own note */
  gboolean id_ok = validate_id (self);
  gboolean address_ok = validate_address (self, NULL, NULL);
  gboolean fingerprint_ok = validate_fingerprint (self, NULL);

  self->valid = id_ok && address_ok && fingerprint_ok;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "hvm.add", self->valid);
  gtk_widget_set_visible (GTK_WIDGET (self->save_error), FALSE);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  BnHvmDialog *self = BN_HVM_DIALOG (widget);
  g_autofree char *address = NULL;
  g_autofree char *fingerprint = NULL;
  g_autoptr(GError) error = NULL;
  guint port = 0;
  BnHvm *hvm;

  /* nothing is stored unless every field is valid */
  if (!validate_id (self) || !validate_address (self, &address, &port) ||
      !validate_fingerprint (self, &fingerprint))
    return;

  hvm = bn_fleet_add_hvm (self->fleet, gtk_editable_get_text (self->id_entry), address, port,
                          NULL, fingerprint, &error);
  if (hvm == NULL)
    {
      gtk_label_set_text (self->save_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->save_error), TRUE);
      return;
    }
  g_signal_emit (self, signals[ADDED], 0, hvm);
  gtk_window_close (GTK_WINDOW (self));
}

static void
bn_hvm_dialog_dispose (GObject *object)
{
  BnHvmDialog *self = (BnHvmDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), BN_TYPE_HVM_DIALOG);
  g_clear_object (&self->fleet);

  G_OBJECT_CLASS (bn_hvm_dialog_parent_class)->dispose (object);
}

static void
bn_hvm_dialog_class_init (BnHvmDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bn_hvm_dialog_dispose;

  signals[ADDED] = g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, BN_TYPE_HVM);

  bn_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class, BN_UI_RESOURCE ("bn-hvm-dialog.ui"));
  gtk_widget_class_bind_template_child (widget_class, BnHvmDialog, id_entry);
  gtk_widget_class_bind_template_child (widget_class, BnHvmDialog, address_entry);
  gtk_widget_class_bind_template_child (widget_class, BnHvmDialog, fingerprint_entry);
  gtk_widget_class_bind_template_child (widget_class, BnHvmDialog, id_error);
  gtk_widget_class_bind_template_child (widget_class, BnHvmDialog, address_error);
  gtk_widget_class_bind_template_child (widget_class, BnHvmDialog, fingerprint_error);
  gtk_widget_class_bind_template_child (widget_class, BnHvmDialog, save_error);

  gtk_widget_class_install_action (widget_class, "hvm.add", NULL, add_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bn_hvm_dialog_init (BnHvmDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->id_entry, "changed", G_CALLBACK (validate), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->address_entry, "changed", G_CALLBACK (validate), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->fingerprint_entry, "changed", G_CALLBACK (validate), self,
                           G_CONNECT_SWAPPED);
}

BnHvmDialog *
bn_hvm_dialog_new (BnFleet *fleet)
{
  BnHvmDialog *self;

  g_return_val_if_fail (BN_IS_FLEET (fleet), NULL);

  self = g_object_new (BN_TYPE_HVM_DIALOG, NULL);
  self->fleet = g_object_ref (fleet);
  validate (self);
  return self;
}

gboolean
bn_hvm_dialog_is_valid (BnHvmDialog *self)
{
  g_return_val_if_fail (BN_IS_HVM_DIALOG (self), FALSE);
  return self->valid;
}
