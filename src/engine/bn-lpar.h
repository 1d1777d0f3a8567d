/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "bn-types.h"

G_BEGIN_DECLS

typedef struct _BnHvm BnHvm;

#define BN_TYPE_LPAR (bn_lpar_get_type ())

G_DECLARE_FINAL_TYPE (BnLpar, bn_lpar, BN, LPAR, GObject)

BnHvm       *bn_lpar_get_hvm               (BnLpar *self);
guint        bn_lpar_get_number            (BnLpar *self);
const char  *bn_lpar_get_name              (BnLpar *self);
const char  *bn_lpar_get_status            (BnLpar *self);
BnLparState  bn_lpar_get_state             (BnLpar *self);
guint        bn_lpar_get_memory_mb         (BnLpar *self);
guint        bn_lpar_get_cpu_count         (BnLpar *self);
gboolean     bn_lpar_get_recovery_required (BnLpar *self);
JsonObject  *bn_lpar_get_config            (BnLpar *self);
const char  *bn_lpar_state_to_string       (BnLparState state);
const char  *bn_lpar_state_get_icon_name   (BnLparState state);

G_END_DECLS
