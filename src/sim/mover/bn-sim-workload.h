/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "bn-sim-memory.h"

G_BEGIN_DECLS

#define BN_SIM_TYPE_WORKLOAD (bn_sim_workload_get_type ())
G_DECLARE_FINAL_TYPE (BnSimWorkload, bn_sim_workload, BN_SIM, WORKLOAD, GObject)

BnSimWorkload *bn_sim_workload_new               (BnSimMemory   *memory);
BnSimMemory   *bn_sim_workload_get_memory        (BnSimWorkload *self);

void           bn_sim_workload_set_rate          (BnSimWorkload *self,
                                                  guint64        bytes_per_second);
guint64        bn_sim_workload_get_rate          (BnSimWorkload *self);
void           bn_sim_workload_set_working_set   (BnSimWorkload *self,
                                                  guint64        offset,
                                                  guint64        length);
void           bn_sim_workload_set_seed          (BnSimWorkload *self,
                                                  guint64        seed);

void           bn_sim_workload_start             (BnSimWorkload *self);
void           bn_sim_workload_stop              (BnSimWorkload *self);
void           bn_sim_workload_pause             (BnSimWorkload *self);
void           bn_sim_workload_resume            (BnSimWorkload *self);
gboolean       bn_sim_workload_is_running        (BnSimWorkload *self);
gboolean       bn_sim_workload_is_paused         (BnSimWorkload *self);

guint64        bn_sim_workload_get_dirty_rate    (BnSimWorkload *self);
guint64        bn_sim_workload_get_pages_written (BnSimWorkload *self);

G_END_DECLS
