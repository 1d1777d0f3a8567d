/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _BnSimBlade BnSimBlade;

#define BN_TYPE_SIM_SESSION (bn_sim_session_get_type ())

G_DECLARE_FINAL_TYPE (BnSimSession, bn_sim_session, BN, SIM_SESSION, GObject)

BnSimSession *bn_sim_session_new   (BnSimBlade        *blade,
                                    GSocketConnection *connection,
                                    GTlsCertificate   *certificate,
                                    const char        *refusal);
void          bn_sim_session_start (BnSimSession      *self);
void          bn_sim_session_close (BnSimSession      *self);

G_END_DECLS
