/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bn-fleet.h"
#include "bn-options.h"
#include "bn-store.h"

G_BEGIN_DECLS

BnFleet *_bn_fleet_new        (BnStore     *store,
                               BnOptions   *options,
                               GError     **error);
BnHvm   *_bn_fleet_require_hvm (BnFleet     *self,
                               const char  *id,
                               GError     **error);

G_END_DECLS
