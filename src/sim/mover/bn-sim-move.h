/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bn-sim-memory.h"
#include "bn-sim-mover-types.h"
#include "bn-sim-workload.h"

G_BEGIN_DECLS

#define BN_SIM_TYPE_MOVE (bn_sim_move_get_type ())
G_DECLARE_FINAL_TYPE (BnSimMove, bn_sim_move, BN_SIM, MOVE, GObject)

BnSimMove      *bn_sim_move_new                  (BnSimMemory          *memory,
                                                  BnSimWorkload        *workload,
                                                  GSocket              *socket);
BnSimMove      *bn_sim_move_new_for_fd           (BnSimMemory          *memory,
                                                  BnSimWorkload        *workload,
                                                  int                   fd,
                                                  GError              **error);

void            bn_sim_move_set_rate_limit       (BnSimMove            *self,
                                                  guint64               bytes_per_second);
guint64         bn_sim_move_get_rate_limit       (BnSimMove            *self);
void            bn_sim_move_set_max_suspend_time (BnSimMove            *self,
                                                  guint                 msec);
void            bn_sim_move_set_timeout          (BnSimMove            *self,
                                                  guint                 seconds);
void            bn_sim_move_set_timeout_ms       (BnSimMove            *self,
                                                  guint64               msec);
void            bn_sim_move_set_sample_interval  (BnSimMove            *self,
                                                  guint                 msec);
void            bn_sim_move_set_io_timeout       (BnSimMove            *self,
                                                  guint                 msec);
void            bn_sim_move_set_full_verify      (BnSimMove            *self,
                                                  gboolean              full_verify);
void            bn_sim_move_set_device_state     (BnSimMove            *self,
                                                  GBytes               *state);

void            bn_sim_move_run_async            (BnSimMove            *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
BnSimMoveResult bn_sim_move_run_finish           (BnSimMove            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

gboolean        bn_sim_move_cancel               (BnSimMove            *self);
gboolean        bn_sim_move_extend_timeout       (BnSimMove            *self,
                                                  guint                 seconds);
void            bn_sim_move_get_stats            (BnSimMove            *self,
                                                  BnSimMoveStats       *stats);

G_END_DECLS
