/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bn-backend.h"
#include "bn-chassis.h"
#include "bn-hvm.h"

G_BEGIN_DECLS

#define BN_TYPE_FLEET (bn_fleet_get_type ())

G_DECLARE_FINAL_TYPE (BnFleet, bn_fleet, BN, FLEET, GObject)

typedef struct
{
  guint  n_hvms;
  guint  n_read;
  guint  n_unreachable;
  gint64 elapsed_us;
} BnUpdateSummary;

GListModel *bn_fleet_get_hvms          (BnFleet              *self);
GListModel *bn_fleet_get_chassis       (BnFleet              *self);
BnHvm      *bn_fleet_find_hvm          (BnFleet              *self,
                                        const char           *id);
BnHvm      *bn_fleet_find_hvm_by_address (BnFleet            *self,
                                        const char           *address,
                                        guint                 port);
BnBackend  *bn_fleet_get_backend       (BnFleet              *self,
                                        BnHvm                *hvm);
BnHvm      *bn_fleet_add_hvm           (BnFleet              *self,
                                        const char           *id,
                                        const char           *address,
                                        guint                 port,
                                        const char           *kind,
                                        const char           *fingerprint,
                                        GError              **error);
gboolean    bn_fleet_remove_hvm        (BnFleet              *self,
                                        const char           *id,
                                        GError              **error);
gboolean    bn_fleet_get_updating      (BnFleet              *self);
void        bn_fleet_update_async      (BnFleet              *self,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean    bn_fleet_update_finish     (BnFleet              *self,
                                        GAsyncResult         *result,
                                        BnUpdateSummary      *summary,
                                        GError              **error);
void        bn_fleet_update_hvm_async  (BnFleet              *self,
                                        BnHvm                *hvm,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean    bn_fleet_update_hvm_finish (BnFleet              *self,
                                        GAsyncResult         *result,
                                        GError              **error);

gboolean    bn_hvm_id_is_valid         (const char           *id);
gboolean    bn_parse_endpoint          (const char           *text,
                                        char                **address,
                                        guint                *port,
                                        GError              **error);

G_END_DECLS
