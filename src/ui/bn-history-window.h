/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bn-application.h"

G_BEGIN_DECLS

#define BN_TYPE_HISTORY_WINDOW (bn_history_window_get_type ())

G_DECLARE_FINAL_TYPE (BnHistoryWindow, bn_history_window, BN, HISTORY_WINDOW, AdwWindow)

/* Migration History (Show LPAR History): one row per LPAR name with the columns LPAR Name,
 * Now, old1, old2 … (図 4-5), reloaded whenever a move is recorded. */

BnHistoryWindow *bn_history_window_new        (BnApplication   *application,
                                               const char      *filter);
void             bn_history_window_set_filter (BnHistoryWindow *self,
                                               const char      *filter);
GListModel      *bn_history_window_get_rows   (BnHistoryWindow *self);
char            *bn_history_window_get_cell   (BnHistoryWindow *self,
                                               guint            row,
                                               guint            column);

G_END_DECLS
