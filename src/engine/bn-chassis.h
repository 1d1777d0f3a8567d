/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bn-hvm.h"

G_BEGIN_DECLS

#define BN_TYPE_CHASSIS (bn_chassis_get_type ())

G_DECLARE_FINAL_TYPE (BnChassis, bn_chassis, BN, CHASSIS, GObject)

const char *bn_chassis_get_id           (BnChassis *self);
const char *bn_chassis_get_chassis_type (BnChassis *self);
GListModel *bn_chassis_get_hvms         (BnChassis *self);

G_END_DECLS
