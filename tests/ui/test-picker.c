/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "bn-lpar-picker.h"
#include "bn-lpar-slot.h"
#include "bn-test-rig.h"
#include "bn-ui-test.h"
#include "bn-ui-utils.h"

/* BnLparPicker on a real engine reading two simulated blades: what each mode lets the
 * user pick, the request it fills, Auto, Group, the combo boxes and Show the LPARs. */

static BnTestRig rig;
static const char *blades[] = { "HVM-B01", "HVM-B02", NULL };

static BnHvm *
hvm (const char *id)
{
  return bn_fleet_find_hvm (bn_engine_get_fleet (rig.engine), id);
}

static void
changed_cb (BnLparPicker *picker,
            guint        *count)
{
  (*count)++;
}

typedef struct
{
  BnFleetTree *tree;
  gpointer     item;
} Shown;

static gboolean
row_shown (gpointer data)
{
  Shown *shown = data;
  GListModel *rows = bn_fleet_tree_get_model (shown->tree);

  for (guint i = 0; rows && i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (item == shown->item)
        return TRUE;
    }
  return FALSE;
}

static void
wait_row (BnFleetTree *tree,
          gpointer     item)
{
  Shown shown = { tree, item };

  g_assert_true (bn_ui_test_wait_until (row_shown, &shown, 5000));
}

/* The destination tree's row for an undefined number. */
static BnLparSlot *
find_slot (BnFleetTree *tree,
           BnHvm       *owner,
           guint        number)
{
  GListModel *rows = bn_fleet_tree_get_model (tree);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (BN_IS_LPAR_SLOT (item) && bn_lpar_slot_get_hvm (BN_LPAR_SLOT (item)) == owner &&
          bn_lpar_slot_get_number (BN_LPAR_SLOT (item)) == number)
        return BN_LPAR_SLOT (item);
    }
  return NULL;
}

static gboolean
slot_shown (gpointer data)
{
  Shown *shown = data;

  return find_slot (shown->tree, shown->item, 7) != NULL;
}

static gboolean
count_reached (gpointer data)
{
  return *(guint *) data > 0;
}

static gboolean
selected_as_set (gpointer data)
{
  BnLparPicker *picker = data;

  return bn_fleet_tree_get_selected (bn_lpar_picker_get_source_tree (picker)) ==
         (gpointer) bn_hvm_find_lpar (hvm ("HVM-B02"), 2) &&
         bn_fleet_tree_get_selected (bn_lpar_picker_get_destination_tree (picker)) ==
         (gpointer) hvm ("HVM-B01");
}

static const char *
combo_text (GtkWidget *combo)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (combo));

  return item ? gtk_string_object_get_string (item) : NULL;
}

static void
test_picker (void)
{
  GtkWidget *window = gtk_window_new ();
  BnLparPicker *picker = BN_LPAR_PICKER (bn_lpar_picker_new (rig.engine,
                                                             BN_MIGRATION_MODE_CONCURRENT));
  BnFleetTree *source = bn_lpar_picker_get_source_tree (picker);
  BnFleetTree *destination = bn_lpar_picker_get_destination_tree (picker);
  g_autoptr(BnMigrationRequest) request = bn_migration_request_new (BN_OPERATION_MIGRATION);
  BnLpar *crm01 = bn_hvm_find_lpar (hvm ("HVM-B01"), 4);
  BnLpar *crm02 = bn_hvm_find_lpar (hvm ("HVM-B01"), 5);
  g_autofree char *reason = NULL;
  Shown shown = { destination, hvm ("HVM-B02") };
  GtkWidget *combo;
  guint changes = 0;

  g_signal_connect (picker, "changed", G_CALLBACK (changed_cb), &changes);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (picker));
  gtk_window_present (GTK_WINDOW (window));
  bn_ui_test_wait_frames (window, 3);
  wait_row (source, crm02);

  /* Concurrent Maintenance moves only activated LPARs (表 2-6): CRM02 is greyed */
  g_assert_false (bn_fleet_tree_is_selectable (source, crm02, &reason));
  g_assert_nonnull (strstr (reason, "activated"));
  g_assert_true (bn_fleet_tree_is_selectable (source, crm01, NULL));
  bn_lpar_picker_set_mode (picker, BN_MIGRATION_MODE_SHUTDOWN);
  g_assert_true (bn_fleet_tree_is_selectable (source, crm02, NULL));
  bn_lpar_picker_set_mode (picker, BN_MIGRATION_MODE_CONCURRENT);

  /* the user picks CRM01: incomplete without a destination */
  changes = 0;
  g_assert_true (bn_fleet_tree_select (source, crm01));
  g_assert_true (bn_ui_test_wait_until (count_reached, &changes, 2000));
  g_assert_cmpstr (bn_lpar_picker_get_source_hvm (picker), ==, "HVM-B01");
  g_assert_cmpuint (bn_lpar_picker_get_source_lpar (picker), ==, 4);
  g_assert_false (bn_lpar_picker_get_selection (picker, request));
  /* the source HVM cannot be the destination (表 2-10) */
  g_assert_false (bn_fleet_tree_is_selectable (destination, hvm ("HVM-B01"), NULL));

  /* the destination HVM with Auto: enough, the engine picks the lowest free number */
  wait_row (destination, hvm ("HVM-B02"));
  g_assert_true (bn_fleet_tree_select (destination, hvm ("HVM-B02")));
  bn_ui_test_wait_frames (window, 1);
  g_assert_true (bn_lpar_picker_get_selection (picker, request));
  g_assert_cmpint (request->mode, ==, BN_MIGRATION_MODE_CONCURRENT);
  g_assert_cmpstr (request->source_hvm, ==, "HVM-B01");
  g_assert_cmpuint (request->source_lpar, ==, 4);
  g_assert_cmpstr (request->destination_hvm, ==, "HVM-B02");
  g_assert_cmpuint (request->destination_lpar, ==, 0);
  g_assert_cmpint (request->processor_group, ==, -1);
  g_assert_cmpuint (bn_lpar_picker_resolve_destination (picker), ==, 4);
  g_assert_nonnull (bn_ui_test_find_label (GTK_WIDGET (picker), "HVM-B02 #4 (Auto"));

  /* without Auto a number must be chosen: defined LPARs are greyed, free ones are not */
  g_object_set (picker, "auto-destination", FALSE, NULL);
  g_assert_false (bn_lpar_picker_get_selection (picker, request));
  g_assert_false (bn_fleet_tree_is_selectable (destination, bn_hvm_find_lpar (hvm ("HVM-B02"), 1),
                                               NULL));
  g_assert_true (bn_ui_test_wait_until (slot_shown, &shown, 5000));
  g_assert_true (bn_fleet_tree_select (destination, find_slot (destination, hvm ("HVM-B02"), 7)));
  bn_ui_test_wait_frames (window, 1);
  g_assert_true (bn_lpar_picker_get_selection (picker, request));
  g_assert_cmpuint (request->destination_lpar, ==, 7);

  /* Group */
  bn_lpar_picker_set_group (picker, 1);
  g_assert_true (bn_lpar_picker_get_selection (picker, request));
  g_assert_cmpint (request->processor_group, ==, 1);
  g_assert_true (gtk_widget_get_visible (bn_ui_find_widget (GTK_WIDGET (picker), "group_combo")));
  g_assert_cmpstr (combo_text (bn_ui_find_widget (GTK_WIDGET (picker), "group_combo")), ==,
                   "1: DB (4 CPUs)");

  /* Tree View cleared: combo boxes show the same selection and change it */
  g_object_set (picker, "tree-view", FALSE, NULL);
  bn_ui_test_wait_frames (window, 2);
  g_assert_cmpstr (combo_text (bn_ui_find_widget (GTK_WIDGET (picker), "source_hvm_combo")), ==,
                   "HVM-B01");
  g_assert_cmpstr (combo_text (bn_ui_find_widget (GTK_WIDGET (picker), "source_lpar_combo")), ==,
                   "#4 CRM01 (Activated)");
  g_assert_cmpstr (combo_text (bn_ui_find_widget (GTK_WIDGET (picker),
                                                  "destination_lpar_combo")), ==,
                   "#7 (undefined)");
  combo = bn_ui_find_widget (GTK_WIDGET (picker), "source_lpar_combo");
  /* CRM02 is not offered in Concurrent Maintenance mode: ERP01 ERP02 NET01 CRM01 */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (combo))),
                    ==, 5);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (combo), 1);
  g_assert_cmpuint (bn_lpar_picker_get_source_lpar (picker), ==, 1);
  combo = bn_ui_find_widget (GTK_WIDGET (picker), "destination_lpar_combo");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (combo), 0);
  g_assert_false (bn_lpar_picker_get_selection (picker, request));
  g_object_set (picker, "auto-destination", TRUE, NULL);
  g_assert_true (bn_lpar_picker_get_selection (picker, request));
  g_assert_cmpuint (request->source_lpar, ==, 1);
  g_assert_cmpuint (request->destination_lpar, ==, 0);
  g_object_set (picker, "tree-view", TRUE, NULL);
  bn_ui_test_wait_frames (window, 2);
  g_assert_true (bn_fleet_tree_get_selected (source) == bn_hvm_find_lpar (hvm ("HVM-B01"), 1));

  /* Show the LPARs: only those requiring recovery (none on these blades) */
  g_object_set (picker, "recovery-only", TRUE, NULL);
  bn_ui_test_wait_ms (400);
  g_assert_false (row_shown (&(Shown) { source, crm01 }));
  g_object_set (picker, "recovery-only", FALSE, NULL);
  wait_row (source, crm01);

  /* set from outside (a policy entry being edited) */
  bn_lpar_picker_set_source (picker, "HVM-B02", 2);
  bn_lpar_picker_set_destination (picker, "HVM-B01", 0);
  g_assert_true (bn_lpar_picker_get_selection (picker, request));
  g_assert_cmpstr (request->source_hvm, ==, "HVM-B02");
  g_assert_cmpstr (request->destination_hvm, ==, "HVM-B01");
  /* the rows come back a little later from Show the LPARs: selected when they are */
  g_assert_true (bn_ui_test_wait_until (selected_as_set, picker, 5000));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  int status;

  bn_ui_init_i18n ();
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  bn_ui_ensure_resources ();

  bn_test_rig_setup (&rig, blades);
  bn_test_rig_update (&rig);
  g_test_add_func ("/picker/select", test_picker);
  status = g_test_run ();
  bn_test_rig_teardown (&rig);
  return status;
}
