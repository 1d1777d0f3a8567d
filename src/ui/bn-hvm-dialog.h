/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bn-engine.h"

G_BEGIN_DECLS

#define BN_TYPE_HVM_DIALOG (bn_hvm_dialog_get_type ())

G_DECLARE_FINAL_TYPE (BnHvmDialog, bn_hvm_dialog, BN, HVM_DIALOG, AdwWindow)

/* Add HVM (Profile tab).  Action hvm.add registers the HVM, enabled only while every field
 * is valid; emits "added" (BnHvm) and closes. */

BnHvmDialog *bn_hvm_dialog_new   (BnFleet     *fleet);
gboolean     bn_hvm_dialog_is_valid (BnHvmDialog *self);

G_END_DECLS
