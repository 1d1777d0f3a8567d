/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bn-engine.h"

G_BEGIN_DECLS

#define BN_TYPE_APPLICATION (bn_application_get_type ())

G_DECLARE_FINAL_TYPE (BnApplication, bn_application, BN, APPLICATION, AdwApplication)

/* blade-navigator: one engine (database, fleet, options, history) per process; Update is
 * application-wide, so every window shows the same run and can cancel it.
 *
 * App actions: app.quit app.about app.option app.migration-service app.update
 * app.cancel-update app.show-logs app.show-history (see bn-window.h for win.*). */

BnApplication *bn_application_new               (void);
void           bn_application_set_database      (BnApplication *self,
                                                 const char    *path);
BnEngine      *bn_application_get_engine        (BnApplication *self);
GSettings     *bn_application_get_settings      (BnApplication *self);
gboolean       bn_application_get_updating      (BnApplication *self);
const char    *bn_application_get_update_status (BnApplication *self);
const char    *bn_application_get_demo_status   (BnApplication *self);
void           bn_application_update            (BnApplication *self);
void           bn_application_cancel_update     (BnApplication *self);
GtkWindow     *bn_application_show_option       (BnApplication *self);
GtkWindow     *bn_application_show_service      (BnApplication *self);
GtkWindow     *bn_application_show_logs         (BnApplication *self,
                                                 BnHvm         *hvm);
GtkWindow     *bn_application_show_history      (BnApplication *self,
                                                 const char    *lpar_name);

G_END_DECLS
