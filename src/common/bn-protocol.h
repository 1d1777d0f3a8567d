/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The HvmSh-style protocol: one request line `VERB Command key=value …`, one reply line of
 * JSON.  See docs/hvmsh-protocol.md. */

#define BN_PROTOCOL_VERSION       1
#define BN_PROTOCOL_DEFAULT_PORT  23250
#define BN_PROTOCOL_MAX_REQUEST   (64 * 1024)
#define BN_PROTOCOL_MAX_REPLY     (16 * 1024 * 1024)
#define BN_PROTOCOL_MAX_ARGS      64
#define BN_PROTOCOL_MAX_COMMAND   64
#define BN_PROTOCOL_BANNER        "BN-HVMSH/1"
#define BN_PROTOCOL_MAX_BANNER    1024

typedef enum
{
  BN_VERB_GET,
  BN_VERB_SET,
  BN_VERB_OPERATE,
} BnVerb;

/* Return codes of a reply.  Stable: they are documented and scripts test them. */
typedef enum
{
  BN_RC_OK              = 0,
  BN_RC_SYNTAX          = 1,
  BN_RC_UNKNOWN_COMMAND = 2,
  BN_RC_BAD_ARGUMENT    = 3,
  BN_RC_NOT_FOUND       = 4,
  BN_RC_BUSY            = 5,
  BN_RC_LOCKED          = 6,
  BN_RC_STATE           = 7,
  BN_RC_REFUSED         = 8,
  BN_RC_FAILED          = 9,
  BN_RC_INTERNAL        = 10,
} BnRc;

#define BN_RC_LAST BN_RC_INTERNAL

typedef struct _BnRequest BnRequest;

const char *bn_verb_to_string       (BnVerb       verb);
gboolean    bn_verb_from_string     (const char  *str,
                                     BnVerb      *verb);
const char *bn_rc_to_string         (BnRc         rc);

BnRequest  *bn_request_new          (BnVerb       verb,
                                     const char  *command);
BnRequest  *bn_request_parse        (const char  *line,
                                     gsize        length,
                                     GError     **error);
void        bn_request_free         (BnRequest   *request);
BnVerb      bn_request_get_verb     (const BnRequest *request);
const char *bn_request_get_command  (const BnRequest *request);
guint       bn_request_get_n_args   (const BnRequest *request);
const char *bn_request_get_key      (const BnRequest *request,
                                     guint            index);
const char *bn_request_get_value    (const BnRequest *request,
                                     guint            index);
const char *bn_request_get          (const BnRequest *request,
                                     const char      *key);
gboolean    bn_request_get_uint     (const BnRequest *request,
                                     const char      *key,
                                     guint64          min,
                                     guint64          max,
                                     guint64         *value,
                                     GError         **error);
gboolean    bn_request_add          (BnRequest   *request,
                                     const char  *key,
                                     const char  *value,
                                     GError     **error);
void        bn_request_add_uint     (BnRequest   *request,
                                     const char  *key,
                                     guint64      value);
char       *bn_request_format       (const BnRequest *request);

gboolean    bn_protocol_is_key      (const char  *key);
gboolean    bn_protocol_is_command  (const char  *command);

/* A parsed reply.  data and error are objects or NULL. */
typedef struct
{
  BnRc        rc;
  char       *message;
  JsonNode   *root;
  JsonObject *data;
  JsonObject *error;
} BnReply;

BnReply    *bn_reply_parse          (const char  *line,
                                     gsize        length,
                                     GError     **error);
void        bn_reply_free           (BnReply     *reply);
char       *bn_reply_format         (BnRc         rc,
                                     const char  *message,
                                     JsonNode    *data,
                                     JsonNode    *error);
char       *bn_reply_format_raw     (BnRc         rc,
                                     const char  *message,
                                     const char  *data_json);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BnRequest, bn_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BnReply, bn_reply_free)

G_END_DECLS
