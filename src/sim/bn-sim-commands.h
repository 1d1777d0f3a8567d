/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bn-protocol.h"
#include "bn-sim-blade.h"
#include "bn-sim-reply.h"

G_BEGIN_DECLS

/* A command handler completes its task with a BnSimReply (g_task_return_pointer). */
typedef void (*BnSimCommandFunc) (BnSimBlade *blade,
                                  BnRequest  *request,
                                  GTask      *task);

typedef struct
{
  BnVerb            verb;
  const char       *name;
  BnSimCommandFunc  func;
  const char       *summary;
} BnSimCommand;

void        bn_sim_commands_dispatch_async  (BnSimBlade          *blade,
                                             BnRequest           *request,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
BnSimReply *bn_sim_commands_dispatch_finish (GAsyncResult        *result);

void        bn_sim_task_return_reply        (GTask               *task,
                                             BnSimReply          *reply);
JsonObject *bn_sim_require_lpar             (BnSimBlade          *blade,
                                             BnRequest           *request,
                                             GTask               *task);
JsonObject *bn_sim_require_unlocked_lpar    (BnSimBlade          *blade,
                                             BnRequest           *request,
                                             GTask               *task,
                                             const char          *operation);
void        bn_sim_after_step               (BnSimBlade          *blade,
                                             const char          *step,
                                             GTask               *task,
                                             BnSimCommandFunc     then,
                                             BnRequest           *request);

G_END_DECLS
