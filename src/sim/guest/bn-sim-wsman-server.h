/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BN_TYPE_SIM_WSMAN_SERVER (bn_sim_wsman_server_get_type ())

G_DECLARE_FINAL_TYPE (BnSimWsmanServer, bn_sim_wsman_server, BN, SIM_WSMAN_SERVER, GObject)

BnSimWsmanServer *bn_sim_wsman_server_new                 (const char        *user,
                                                           const char        *password);
gboolean          bn_sim_wsman_server_listen              (BnSimWsmanServer  *self,
                                                           const char        *address,
                                                           guint              port,
                                                           GError           **error);
void              bn_sim_wsman_server_stop                (BnSimWsmanServer  *self);
const char       *bn_sim_wsman_server_get_address         (BnSimWsmanServer  *self);
guint             bn_sim_wsman_server_get_port            (BnSimWsmanServer  *self);
char             *bn_sim_wsman_server_dup_uri             (BnSimWsmanServer  *self);
guint             bn_sim_wsman_server_get_delay_ms        (BnSimWsmanServer  *self);
void              bn_sim_wsman_server_set_delay_ms        (BnSimWsmanServer  *self,
                                                           guint              delay_ms);
gboolean          bn_sim_wsman_server_get_users_logged_on (BnSimWsmanServer  *self);
void              bn_sim_wsman_server_set_users_logged_on (BnSimWsmanServer  *self,
                                                           gboolean           logged_on);
guint             bn_sim_wsman_server_get_request_count   (BnSimWsmanServer  *self);

G_END_DECLS
