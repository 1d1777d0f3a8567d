/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bn-graph.h"

G_BEGIN_DECLS

#define BN_TYPE_MONITOR_WINDOW (bn_monitor_window_get_type ())

G_DECLARE_FINAL_TYPE (BnMonitorWindow, bn_monitor_window, BN, MONITOR_WINDOW, AdwWindow)

/* Migration Monitor Status: a GListModel of BnMonitorSample (filled by the migration
 * engine during a live move) shown as a grid and two BnGraphs.  Actions:
 * monitor.export-csv, monitor.export-png (each asks for a file). */

BnMonitorWindow *bn_monitor_window_new          (GListModel      *samples);
void             bn_monitor_window_set_samples  (BnMonitorWindow *self,
                                                 GListModel      *samples);
GListModel      *bn_monitor_window_get_samples  (BnMonitorWindow *self);
void             bn_monitor_window_set_subtitle (BnMonitorWindow *self,
                                                 const char      *subtitle);
BnGraph         *bn_monitor_window_get_dirty_graph (BnMonitorWindow *self);
BnGraph         *bn_monitor_window_get_rate_graph  (BnMonitorWindow *self);
GBytes          *bn_monitor_window_to_csv       (BnMonitorWindow *self);
gboolean         bn_monitor_window_export_csv   (BnMonitorWindow *self,
                                                 GFile           *file,
                                                 GError         **error);
gboolean         bn_monitor_window_export_png   (BnMonitorWindow *self,
                                                 GFile           *file,
                                                 GError         **error);

G_END_DECLS
