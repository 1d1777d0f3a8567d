/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define BN_TYPE_MONITOR_SAMPLE (bn_monitor_sample_get_type ())

G_DECLARE_FINAL_TYPE (BnMonitorSample, bn_monitor_sample, BN, MONITOR_SAMPLE, GObject)

/* One row of Migration Monitor Status (§4.3.5): the state of a live memory transfer at one
 * instant.  The migration engine appends one per monitor period to a GListStore; the
 * monitor window's grid and graphs bind to that model.  Immutable once built; create with
 * g_object_new (BN_TYPE_MONITOR_SAMPLE, "elapsed-ms", …, NULL). */

BnMonitorSample *bn_monitor_sample_new (gint64      elapsed_ms,
                                        const char *stage,
                                        guint       round,
                                        guint64     total_bytes,
                                        guint64     transferred_bytes,
                                        guint64     remaining_dirty_bytes,
                                        double      transfer_rate,
                                        double      dirty_rate,
                                        double      expected_suspend_ms,
                                        guint       timeout_s);

gint64      bn_monitor_sample_get_elapsed_ms          (BnMonitorSample *self);
const char *bn_monitor_sample_get_stage               (BnMonitorSample *self);
guint       bn_monitor_sample_get_round               (BnMonitorSample *self);
guint64     bn_monitor_sample_get_total_bytes         (BnMonitorSample *self);
guint64     bn_monitor_sample_get_transferred_bytes   (BnMonitorSample *self);
guint64     bn_monitor_sample_get_remaining_dirty_bytes (BnMonitorSample *self);
double      bn_monitor_sample_get_transfer_rate       (BnMonitorSample *self);
double      bn_monitor_sample_get_dirty_rate          (BnMonitorSample *self);
double      bn_monitor_sample_get_expected_suspend_ms (BnMonitorSample *self);
guint       bn_monitor_sample_get_timeout_s           (BnMonitorSample *self);

G_END_DECLS
