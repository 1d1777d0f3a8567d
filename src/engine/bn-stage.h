/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "bn-types.h"

G_BEGIN_DECLS

#define BN_TYPE_STAGE (bn_stage_get_type ())

G_DECLARE_FINAL_TYPE (BnStage, bn_stage, BN, STAGE, GObject)

BnStage      *bn_stage_new             (const char   *id,
                                        const char   *name);
const char   *bn_stage_get_id          (BnStage      *self);
const char   *bn_stage_get_name        (BnStage      *self);
BnStageState  bn_stage_get_state       (BnStage      *self);
void          bn_stage_set_state       (BnStage      *self,
                                        BnStageState  state);
const char   *bn_stage_state_get_icon_name (BnStageState state);
const char   *bn_stage_state_to_string (BnStageState  state);

G_END_DECLS
