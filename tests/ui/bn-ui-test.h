/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "bn-application.h"

G_BEGIN_DECLS

/* Waiting in UI tests: on a condition, on frames actually drawn, and finding windows. */

typedef gboolean (*BnUiTestCondition) (gpointer data);

gboolean   bn_ui_test_wait_until      (BnUiTestCondition  condition,
                                       gpointer           data,
                                       guint              timeout_ms);
void       bn_ui_test_wait_frames     (GtkWidget         *widget,
                                       guint              n_frames);
void       bn_ui_test_wait_ms         (guint              ms);
GtkWindow *bn_ui_test_find_window     (GType              type,
                                       const char        *name);
GtkWidget *bn_ui_test_find_label      (GtkWidget         *root,
                                       const char        *substring);
guint      bn_ui_test_count_differing (GdkTexture        *a,
                                       GdkTexture        *b,
                                       int                x,
                                       int                y,
                                       int                width,
                                       int                height);
GdkTexture *bn_ui_test_render         (GtkWidget         *widget);

/* Waits (30 s at most, else the test fails) until @app's Update has finished. */
void       bn_ui_test_wait_update     (BnApplication     *app);
/* Starts an Update of @app and waits for it. */
void       bn_ui_test_update          (BnApplication     *app);

/* The console as the tests run it: registered, not unique, on the database @db. */
BnApplication *bn_ui_test_app_new     (const char        *db);
/* The descendant of @root (any widget) with that name; the test fails without one. */
GtkWidget *bn_ui_test_child           (gpointer           root,
                                       const char        *name);

G_END_DECLS
