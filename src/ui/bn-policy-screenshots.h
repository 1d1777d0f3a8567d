/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bn-application.h"

G_BEGIN_DECLS

/* The Migration Policy windows for tools/screenshots (bn-screenshots.c drives the steps):
 * step @step prepares a window and calls @capture (@data, window, name) once it shows what
 * is to be seen; FALSE when there are no more steps. */

typedef void (*BnShotCapture) (gpointer   data,
                               GtkWindow *window,
                               const char *name);

gboolean bn_policy_screenshots_step (BnApplication *application,
                                     guint          step,
                                     BnShotCapture  capture,
                                     gpointer       data);

G_END_DECLS
