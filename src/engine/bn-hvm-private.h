/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bn-hvm.h"

G_BEGIN_DECLS

BnHvm *_bn_hvm_new             (const char *id,
                                const char *address,
                                guint       port,
                                const char *kind,
                                const char *fingerprint);
void   _bn_hvm_apply_config    (BnHvm      *self,
                                JsonNode   *config);
void   _bn_hvm_mark_read       (BnHvm      *self);
void   _bn_hvm_set_unreachable (BnHvm      *self,
                                const char *reason);
void   _bn_hvm_set_updating    (BnHvm      *self,
                                gboolean    updating);
void   _bn_hvm_set_fingerprint (BnHvm      *self,
                                const char *fingerprint);

G_END_DECLS
