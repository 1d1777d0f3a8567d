/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "bn-lpar.h"
#include "bn-types.h"

G_BEGIN_DECLS

#define BN_TYPE_HVM (bn_hvm_get_type ())

G_DECLARE_FINAL_TYPE (BnHvm, bn_hvm, BN, HVM, GObject)

const char *bn_hvm_get_id             (BnHvm  *self);
const char *bn_hvm_get_address        (BnHvm  *self);
guint       bn_hvm_get_port           (BnHvm  *self);
const char *bn_hvm_get_kind           (BnHvm  *self);
const char *bn_hvm_get_fingerprint    (BnHvm  *self);
BnHvmState  bn_hvm_get_state          (BnHvm  *self);
const char *bn_hvm_get_reason         (BnHvm  *self);
gboolean    bn_hvm_get_updating       (BnHvm  *self);
const char *bn_hvm_get_chassis_id     (BnHvm  *self);
const char *bn_hvm_get_chassis_type   (BnHvm  *self);
const char *bn_hvm_get_model          (BnHvm  *self);
const char *bn_hvm_get_firmware       (BnHvm  *self);
guint64     bn_hvm_get_generation     (BnHvm  *self);
GDateTime  *bn_hvm_get_last_update    (BnHvm  *self);
JsonObject *bn_hvm_get_config         (BnHvm  *self);
GListModel *bn_hvm_get_lpars          (BnHvm  *self);
BnLpar     *bn_hvm_find_lpar          (BnHvm  *self,
                                       guint   number);
BnLpar     *bn_hvm_find_lpar_by_name  (BnHvm      *self,
                                       const char *name);
guint       bn_hvm_get_n_recovery     (BnHvm  *self);
const char *bn_hvm_state_to_string    (BnHvmState state);
const char *bn_hvm_state_get_icon_name (BnHvmState state);

G_END_DECLS
