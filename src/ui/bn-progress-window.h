/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bn-application.h"
#include "bn-engine.h"

G_BEGIN_DECLS

#define BN_TYPE_PROGRESS_WINDOW (bn_progress_window_get_type ())

G_DECLARE_FINAL_TYPE (BnProgressWindow, bn_progress_window, BN, PROGRESS_WINDOW, AdwWindow)

/* Migration Progress (§4.3.3-§4.3.5): follows one BnMigration (or the move under way of a
 * policy run).  Closing the window does not stop the run: show it again (or activate
 * app.show-progress with the run's ID) and it shows the run's whole state.  Actions:
 * progress.extend (the seconds of the spin button), progress.cancel (both ask first),
 * progress.show-monitor; the Close button is window.close. */

BnProgressWindow *bn_progress_window_show        (BnApplication    *app,
                                                  BnMigration      *migration);
BnProgressWindow *bn_progress_window_show_policy (BnApplication    *app,
                                                  BnPolicyRunner   *runner);
BnMigration      *bn_progress_window_get_migration (BnProgressWindow *self);
BnProgressWindow *bn_progress_window_show_id     (BnApplication    *app,
                                                  const char       *migration_id);

/* app.show-progress(s): registered by BnApplication */
void              bn_progress_window_show_progress_action (GSimpleAction *action,
                                                           GVariant      *parameter,
                                                           gpointer       app);

G_END_DECLS
