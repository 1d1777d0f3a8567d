/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bn-lpar.h"

G_BEGIN_DECLS

BnLpar *_bn_lpar_new   (BnHvm      *hvm,
                        guint       number);
void    _bn_lpar_apply (BnLpar     *self,
                        JsonObject *config,
                        gboolean    hvm_reachable,
                        gboolean    migrating);

G_END_DECLS
