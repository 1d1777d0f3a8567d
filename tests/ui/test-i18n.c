/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "bn-catalogue.h"
#include "bn-engine.h"
#include "bn-hvm-dialog.h"
#include "bn-test-support.h"
#include "bn-ui-test.h"
#include "bn-ui-utils.h"

/* The console in Japanese (LANG=ja_JP.UTF-8): the translation is found from the build tree,
 * the templates use it, and the manual's control names stay as the manual prints them. */

static void
test_japanese (void)
{
  g_autofree char *dir = bn_test_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "navigator.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BnEngine) engine = bn_engine_new (db, &error);
  BnHvmDialog *dialog;
  GtkWidget *id_entry;

  g_assert_no_error (error);
  g_assert_cmpstr (bn_ui_hvm_state_label (BN_HVM_STATE_OK), ==, "正常");
  g_assert_cmpstr (bn_ui_lpar_state_label (BN_LPAR_STATE_RECOVERY), ==, "リカバリが必要");
  g_assert_cmpstr (bn_ui_mode_label (BN_MIGRATION_MODE_CONCURRENT), ==,
                   "コンカレントメンテナンスモード");
  /* names the manual quotes in English stay English */
  g_assert_cmpstr (_("Show LPAR _History"), ==, "Show LPAR _History");
  g_assert_cmpstr (_("_Update"), ==, "_Update");
  g_assert_cmpstr (_("Recovery _Execute"), ==, "Recovery _Execute");
  /* the Migration windows and the Config Viewer */
  g_assert_cmpstr (bn_ui_check_status_label (BN_CHECK_STATUS_ERROR), ==, "エラー");
  g_assert_cmpstr (bn_ui_message ("confirm-migration-concurrent"), ==,
                   "マイグレーション (コンカレントメンテナンスモード) を実行しますか?");
  g_assert_cmpstr (_("Remedy:"), ==, "対処:");
  /* the engine's messages too */
  g_assert_cmpstr (_("HVM communication timeout"), ==, "HVM 通信タイムアウト時間");
  g_assert_cmpstr (_("HVM %s has no free LPAR number"), ==, "HVM %s に空き LPAR 番号がありません");
  /* the backend's, shown as an HVM's reason */
  g_assert_cmpstr (_("Cannot connect to %s:%u: %s"), ==, "%s:%u に接続できません: %s");
  /* the checks and the error catalogue answer in Japanese (their data has both) */
  g_assert_cmpstr (bn_catalogue_language (), ==, "ja");

  dialog = bn_hvm_dialog_new (bn_engine_get_fleet (engine));
  gtk_window_present (GTK_WINDOW (dialog));
  bn_ui_test_wait_frames (GTK_WIDGET (dialog), 2);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "HVM の追加");
  g_assert_nonnull (bn_ui_test_find_label (GTK_WIDGET (dialog), "英数字"));
  id_entry = bn_ui_find_widget (GTK_WIDGET (dialog), "id_entry");
  gtk_editable_set_text (GTK_EDITABLE (id_entry), "bad id!");
  g_assert_nonnull (bn_ui_test_find_label (GTK_WIDGET (dialog), "31 文字以内"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_clear_object (&engine);
  bn_test_rm_rf (dir);
}

int
main (int    argc,
      char **argv)
{
  bn_ui_init_i18n ();
  g_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/i18n/japanese", test_japanese);
  return g_test_run ();
}
