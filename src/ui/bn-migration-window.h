/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bn-application.h"
#include "bn-lpar-picker.h"

G_BEGIN_DECLS

#define BN_TYPE_MIGRATION_WINDOW (bn_migration_window_get_type ())

G_DECLARE_FINAL_TYPE (BnMigrationWindow, bn_migration_window, BN, MIGRATION_WINDOW, AdwWindow)

/* Migration [Shutdown] and Migration [Concurrent Maintenance] (§3.1.1, §3.1.2, §4.2, §4.3):
 * a BnLparPicker, Target Selection, the checks' verdict (re-run on every change of the
 * selection), and the commands as actions: migration.execute, migration.recover,
 * migration.rehearsal, migration.connectivity-test (Concurrent Maintenance),
 * migration.show-config, migration.show-logs, migration.show-rollback, migration.save
 * (Shutdown).  Every execute asks for confirmation first (bn_migration_window_get_dialog). */

/* Presents the window of @mode, creating it when none is open. */
GtkWindow          *bn_migration_window_show            (BnApplication      *app,
                                                         BnMigrationMode     mode);
BnMigrationWindow  *bn_migration_window_new             (BnApplication      *app,
                                                         BnMigrationMode     mode);
BnMigrationMode     bn_migration_window_get_mode        (BnMigrationWindow  *self);
BnLparPicker       *bn_migration_window_get_picker      (BnMigrationWindow  *self);
/* The checks of the current selection; NULL while it is incomplete.  (transfer none) */
BnCheckReport      *bn_migration_window_get_report      (BnMigrationWindow  *self);
const char         *bn_migration_window_get_verdict_text (BnMigrationWindow *self);
/* The confirmation (AdwMessageDialog) while one is open, else NULL. */
GtkWindow          *bn_migration_window_get_dialog      (BnMigrationWindow  *self);
/* The Config Viewer Show Config opened, while open. */
GtkWindow          *bn_migration_window_get_config_viewer (BnMigrationWindow *self);
/* The run the last execute started (migration, recovery, rehearsal or test).  (transfer none) */
BnMigration        *bn_migration_window_get_migration   (BnMigrationWindow  *self);
/* The request the Migration Setting fields and the selection make, or NULL (and why in
 * @error) when they cannot run.  (transfer full) */
BnMigrationRequest *bn_migration_window_build_request   (BnMigrationWindow  *self,
                                                         BnOperation         operation,
                                                         GError            **error);

G_END_DECLS
