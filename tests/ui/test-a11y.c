/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "bn-screenshots.h"
#include "bn-test-support.h"
#include "bn-ui-utils.h"

/* Every window of the console, opened as tools/screenshots opens them (against the demo
 * fleet), looked at as a screen reader would: each control a user can reach must have a
 * name — a button its text or an accessible label, an entry, spin button, drop-down or
 * switch a label that names it (a mnemonic label or an accessible label).  Runs with
 * GTK_A11Y=test, which keeps the accessible properties without a screen reader. */

typedef struct
{
  GPtrArray *problems;
  guint      n_windows;
  guint      n_checked;
} Audit;

static gboolean
has_name (GtkWidget *widget)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL) ||
         gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                           GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* Text a screen reader reads out of the widget itself. */
static gboolean
has_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return *gtk_label_get_text (GTK_LABEL (widget)) != '\0';
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child) && has_text (child))
      return TRUE;
  return FALSE;
}

static gboolean
needs_label (GtkWidget *widget)
{
  /* a GtkText inside an entry is named through its entry */
  return GTK_IS_ENTRY (widget) || GTK_IS_PASSWORD_ENTRY (widget) ||
         GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_SPIN_BUTTON (widget) ||
         GTK_IS_DROP_DOWN (widget) || GTK_IS_SWITCH (widget) || GTK_IS_SCALE (widget) ||
         GTK_IS_TEXT_VIEW (widget);
}

static char *
describe (GtkWidget *widget)
{
  const char *id = GTK_IS_BUILDABLE (widget)
                   ? gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)) : NULL;
  const char *icon = GTK_IS_BUTTON (widget) ? gtk_button_get_icon_name (GTK_BUTTON (widget))
                                            : NULL;
  GtkWidget *ancestor = gtk_widget_get_parent (widget);

  /* the nearest ancestor the templates name says where it is */
  while (ancestor != NULL && (!GTK_IS_BUILDABLE (ancestor) ||
                              gtk_buildable_get_buildable_id (GTK_BUILDABLE (ancestor)) == NULL))
    ancestor = gtk_widget_get_parent (ancestor);
  return g_strdup_printf ("%s%s%s%s%s in %s", G_OBJECT_TYPE_NAME (widget),
                          id ? " " : "", id ? id : "", icon ? " icon " : "", icon ? icon : "",
                          ancestor ? gtk_buildable_get_buildable_id (GTK_BUILDABLE (ancestor))
                                   : "the window");
}

static void
audit_widget (GtkWidget  *widget,
              const char *window,
              Audit      *audit)
{
  gboolean problem = FALSE;

  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;
  if (GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget))
    {
      audit->n_checked++;
      problem = !has_text (widget) && !has_name (widget);
    }
  else if (needs_label (widget))
    {
      audit->n_checked++;
      problem = !has_name (widget);
    }
  if (problem)
    {
      g_autofree char *what = describe (widget);

      g_ptr_array_add (audit->problems, g_strdup_printf ("%s: %s has no accessible name",
                                                         window, what));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    audit_widget (child, window, audit);
}

static void
inspect (GtkWindow  *window,
         const char *name,
         gpointer    user_data)
{
  Audit *audit = user_data;

  audit->n_windows++;
  audit_widget (GTK_WIDGET (window), name, audit);
}

/* The screenshot pass names each file it writes with g_print(); stdout is TAP's here, so
 * what is not TAP already becomes a comment.  (g_test_message() prints through this too.) */
static void
print_as_tap (const char *text)
{
  if (*text == '\n' || g_str_has_prefix (text, "# ") || g_str_has_prefix (text, "ok ") ||
      g_str_has_prefix (text, "not ok ") || g_str_has_prefix (text, "1.."))
    fputs (text, stdout);
  else
    printf ("# %s", text);
  fflush (stdout);
}

static void
test_every_window (void)
{
  g_autofree char *dir = bn_test_tmpdir ();
  g_autofree char *shots = g_build_filename (dir, "shots", NULL);
  g_autofree char *subnet = g_strdup_printf ("%u", 20 + getpid () % 70);
  g_autoptr(BnApplication) app = bn_application_new ();
  char *argv[] = { "blade-navigator", "--demo", "--demo-subnet", subnet, "--screenshot-dir",
                   shots, NULL };
  Audit audit = { g_ptr_array_new_with_free_func (g_free), 0, 0 };

  g_set_print_handler (print_as_tap);
  bn_screenshots_set_inspector (inspect, &audit);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv), ==, 0);
  bn_screenshots_set_inspector (NULL, NULL);
  g_set_print_handler (NULL);

  g_test_message ("%u windows, %u controls", audit.n_windows, audit.n_checked);
  for (guint i = 0; i < audit.problems->len; i++)
    g_test_message ("%s", (const char *) g_ptr_array_index (audit.problems, i));
  /* every window tools/screenshots shows, each with controls to check */
  g_assert_cmpuint (audit.n_windows, >=, 20);
  g_assert_cmpuint (audit.n_checked, >, 5 * audit.n_windows);
  g_assert_cmpuint (audit.problems->len, ==, 0);
  g_ptr_array_unref (audit.problems);
  bn_test_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  bn_ui_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/a11y/every-window", test_every_window);
  return g_test_run ();
}
