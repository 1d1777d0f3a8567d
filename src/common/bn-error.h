/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define BN_ERROR (bn_error_quark ())

/* Error codes shared by the engine, the backends and the simulator.  A GError in the
 * BN_ERROR domain always carries a message written for the operator. */
typedef enum
{
  BN_ERROR_FAILED,
  BN_ERROR_INVALID_ARGUMENT,   /* bad user input: address, ID, option value */
  BN_ERROR_INVALID_DATA,       /* a file or a blade sent something malformed */
  BN_ERROR_NOT_FOUND,
  BN_ERROR_EXISTS,
  BN_ERROR_UNREACHABLE,        /* could not connect / connection lost */
  BN_ERROR_TIMED_OUT,
  BN_ERROR_REFUSED,            /* the blade refused us (allow-list, certificate) */
  BN_ERROR_BUSY,               /* 表 6-3 #2, #5 */
  BN_ERROR_LOCKED,             /* 表 5-2: operation not allowed now */
  BN_ERROR_STATE,              /* object in the wrong state for the operation */
  BN_ERROR_CANCELLED,
  BN_ERROR_STORE,              /* the SQLite store */
  BN_ERROR_NOT_APPLICABLE,     /* the applicability checks (§2.2) say the move may not run */
} BnErrorCode;

GQuark      bn_error_quark             (void);

/* A blade's error reply carries the error catalogue id (data/errors/) and the manual's
 * error-detail operands; they travel with the GError so that whoever shows it can look up
 * the detector, message and remedy. */
const char *bn_error_get_catalogue_id  (const GError *error);
JsonObject *bn_error_get_detail        (const GError *error);
void        bn_error_set_catalogue     (GError       *error,
                                        const char   *catalogue_id,
                                        JsonObject   *detail);

/* Replaces *error (of any domain) by a BN_ERROR with @code and the same message.  A
 * GError's domain must never be reassigned in place: BN_ERROR carries private data. */
void        bn_error_convert           (GError      **error,
                                        BnErrorCode   code);

/* Sets BN_ERROR_INVALID_DATA "PATH: message" for a document that breaks its schema or
 * rules (PATH names the offending member); returns %FALSE. */
gboolean    bn_error_invalid_at        (GError      **error,
                                        const char   *path,
                                        const char   *format,
                                        ...) G_GNUC_PRINTF (3, 4);

G_END_DECLS
