/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bn-application.h"

G_BEGIN_DECLS

#define BN_TYPE_SERVICE_WINDOW (bn_service_window_get_type ())

G_DECLARE_FINAL_TYPE (BnServiceWindow, bn_service_window, BN, SERVICE_WINDOW, AdwWindow)

/* Setting → Migration Service: engine status, database, schema version, number of HVMs,
 * Update state and version, refreshed as they change. */

BnServiceWindow *bn_service_window_new      (BnApplication   *application);
const char      *bn_service_window_get_value (BnServiceWindow *self,
                                             const char      *row);

G_END_DECLS
