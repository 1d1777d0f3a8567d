/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bn-protocol.h"

G_BEGIN_DECLS

/* What a command handler answers; formatted into one reply line by the session. */
typedef struct
{
  BnRc      rc;
  char     *message;
  JsonNode *data;
  char     *raw_data;   /* pre-serialised data object (cached HvmConfig) */
  JsonNode *error;
} BnSimReply;

BnSimReply *bn_sim_reply_new_ok    (JsonNode   *data);
BnSimReply *bn_sim_reply_new_raw   (const char *raw_data);
BnSimReply *bn_sim_reply_new_error (BnRc        rc,
                                    const char *error_id,
                                    const char *format,
                                    ...) G_GNUC_PRINTF (3, 4);
BnSimReply *bn_sim_reply_new_from_error (const GError *error);
char       *bn_sim_reply_format    (const BnSimReply *reply);
void        bn_sim_reply_free      (BnSimReply *reply);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BnSimReply, bn_sim_reply_free)

G_END_DECLS
