/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bn-sim-memory.h"
#include "bn-sim-mover-types.h"

G_BEGIN_DECLS

#define BN_SIM_TYPE_RECEIVE (bn_sim_receive_get_type ())
G_DECLARE_FINAL_TYPE (BnSimReceive, bn_sim_receive, BN_SIM, RECEIVE, GObject)

BnSimReceive   *bn_sim_receive_new                 (BnSimMemory          *memory,
                                                    GSocket              *socket);
BnSimReceive   *bn_sim_receive_new_for_fd          (BnSimMemory          *memory,
                                                    int                   fd,
                                                    GError              **error);

void            bn_sim_receive_set_prefault        (BnSimReceive         *self,
                                                    gboolean              prefault);
void            bn_sim_receive_set_sample_interval (BnSimReceive         *self,
                                                    guint                 msec);
void            bn_sim_receive_set_io_timeout      (BnSimReceive         *self,
                                                    guint                 msec);

void            bn_sim_receive_run_async           (BnSimReceive         *self,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
BnSimMoveResult bn_sim_receive_run_finish          (BnSimReceive         *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

gboolean        bn_sim_receive_cancel              (BnSimReceive         *self);
void            bn_sim_receive_get_stats           (BnSimReceive         *self,
                                                    BnSimMoveStats       *stats);
GBytes         *bn_sim_receive_get_device_state    (BnSimReceive         *self);

G_END_DECLS
