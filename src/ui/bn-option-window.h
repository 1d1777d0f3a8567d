/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bn-engine.h"

G_BEGIN_DECLS

#define BN_TYPE_OPTION_WINDOW (bn_option_window_get_type ())

G_DECLARE_FINAL_TYPE (BnOptionWindow, bn_option_window, BN, OPTION_WINDOW, AdwWindow)

/* Setting → Option.  One row per option of bn_options_list (); each value is checked with
 * bn_options_validate () as it is typed and the problem shown on its row.  Action
 * option.save stores the changed values (bn_options_set ()) and closes; it is enabled only
 * while every value is valid. */

BnOptionWindow *bn_option_window_new       (BnOptions      *options);
GtkEditable    *bn_option_window_get_field (BnOptionWindow *self,
                                            const char     *key);
const char     *bn_option_window_get_problem (BnOptionWindow *self,
                                            const char     *key);
gboolean        bn_option_window_is_valid  (BnOptionWindow *self);

G_END_DECLS
