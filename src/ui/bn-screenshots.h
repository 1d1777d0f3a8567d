/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bn-application.h"

G_BEGIN_DECLS

/* blade-navigator --screenshot-dir DIR (hidden; tools/screenshots): after the first Update,
 * opens every window in turn, saves it as DIR/<name>.png, then quits.  It fills the
 * (throw-away) database with example history and feeds the monitor window example samples,
 * since no migration has run yet. */

void        bn_screenshots_prepare         (BnApplication *application);
void        bn_screenshots_run             (BnApplication *application,
                                            const char    *directory);
GListStore *bn_screenshots_example_samples (guint          max_samples);

/* Called with each window as it is captured, before it closes: the accessibility test
 * (tests/ui/test-a11y.c) looks at every window this way. */
typedef void (*BnScreenshotsInspector) (GtkWindow  *window,
                                        const char *name,
                                        gpointer    user_data);

void        bn_screenshots_set_inspector   (BnScreenshotsInspector inspector,
                                            gpointer               user_data);

G_END_DECLS
