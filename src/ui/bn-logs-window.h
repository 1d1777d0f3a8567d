/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bn-application.h"
#include "bn-log-entry.h"

G_BEGIN_DECLS

#define BN_TYPE_LOGS_WINDOW (bn_logs_window_get_type ())

G_DECLARE_FINAL_TYPE (BnLogsWindow, bn_logs_window, BN, LOGS_WINDOW, AdwWindow)

/* HVM Console → HVM System Logs.  Action logs.refresh reads the events logged since the
 * last read (bn_backend_logs_async); "loaded" is emitted after each read. */

BnLogsWindow *bn_logs_window_new          (BnApplication *application,
                                           BnHvm         *hvm);
void          bn_logs_window_set_hvm      (BnLogsWindow  *self,
                                           BnHvm         *hvm);
BnHvm        *bn_logs_window_get_hvm      (BnLogsWindow  *self);
GListModel   *bn_logs_window_get_entries  (BnLogsWindow  *self);
BnFcLinks     bn_logs_window_get_fc_links (BnLogsWindow  *self);
const char   *bn_logs_window_get_fc_text  (BnLogsWindow  *self);
gboolean      bn_logs_window_is_loading   (BnLogsWindow  *self);

G_END_DECLS
