/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bn-engine.h"

G_BEGIN_DECLS

#define BN_TYPE_DEMO (bn_demo_get_type ())

G_DECLARE_FINAL_TYPE (BnDemo, bn_demo, BN, DEMO, GObject)

/* `blade-navigator --demo`: a bladesimd hosting the example fleet, in a throw-away
 * directory that also holds the demo's database; the simulator is stopped and the
 * directory removed when the demo is disposed. */

BnDemo     *bn_demo_new               (GError              **error);
void        bn_demo_set_subnet        (BnDemo               *self,
                                       guint                 second_octet);
const char *bn_demo_get_directory     (BnDemo               *self);
char       *bn_demo_get_database_path (BnDemo               *self);
void        bn_demo_start_async       (BnDemo               *self,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
gboolean    bn_demo_start_finish      (BnDemo               *self,
                                       GAsyncResult         *result,
                                       GError              **error);
guint       bn_demo_register          (BnDemo               *self,
                                       BnFleet              *fleet,
                                       GError              **error);
void        bn_demo_stop              (BnDemo               *self);
char       *bn_demo_find_bladesimd    (void);

G_END_DECLS
