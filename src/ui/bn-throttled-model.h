/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BN_TYPE_THROTTLED_MODEL (bn_throttled_model_get_type ())

G_DECLARE_FINAL_TYPE (BnThrottledModel, bn_throttled_model, BN, THROTTLED_MODEL, GObject)

/* A GListModel that follows another one at most every "delay" milliseconds, as a single
 * items-changed covering only the range that differs, of at most "max_step" items removed
 * and added (0: any number; the rest follows in later main-loop dispatches).  Update moves
 * hundreds of HVMs between chassis one answer at a time; a view bound to the engine's
 * models directly would rebind its visible rows for every one of them. */

BnThrottledModel *bn_throttled_model_new   (GListModel       *source,
                                            guint             delay_ms,
                                            guint             max_step);
GListModel       *bn_throttled_model_get_source (BnThrottledModel *self);
void              bn_throttled_model_flush (BnThrottledModel *self);

G_END_DECLS
