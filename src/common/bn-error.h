/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

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
} BnErrorCode;

GQuark bn_error_quark (void);

G_END_DECLS
