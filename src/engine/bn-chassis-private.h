/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bn-chassis.h"

G_BEGIN_DECLS

BnChassis *_bn_chassis_new         (const char *id);
void       _bn_chassis_set_type    (BnChassis  *self,
                                    const char *chassis_type);
void       _bn_chassis_add_hvm     (BnChassis  *self,
                                    BnHvm      *hvm);
gboolean   _bn_chassis_remove_hvm  (BnChassis  *self,
                                    BnHvm      *hvm);

G_END_DECLS
