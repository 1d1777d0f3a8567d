/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The two migration modes (values as BnMigrationMode of the engine). */
typedef enum
{
  BN_MODE_SHUTDOWN,
  BN_MODE_CONCURRENT,
} BnMode;

/* One row of the report.  Ordered by severity: the worst status of an item wins. */
typedef enum
{
  BN_CHECK_STATUS_OK,
  BN_CHECK_STATUS_INFO,      /* shown for reference; no check applies */
  BN_CHECK_STATUS_WARNING,   /* may run, with the caveat in the message */
  BN_CHECK_STATUS_ERROR,     /* the Config Viewer's Error icon: may not run */
} BnCheckStatus;

typedef enum
{
  BN_VERDICT_OK,             /* may run */
  BN_VERDICT_WARNINGS,       /* may run with warnings */
  BN_VERDICT_REFUSED,        /* may not run */
} BnVerdict;

/* The Config Viewer's three panes (表 8-1, 8-2, 8-3) plus the LPAR-level checks of §2.2
 * the Config Viewer has no row for. */
typedef enum
{
  BN_CHECK_SECTION_SERVER,
  BN_CHECK_SECTION_LPAR,
  BN_CHECK_SECTION_HBA,
  BN_CHECK_SECTION_NIC,
} BnCheckSection;

#define BN_CHECK_ERROR (bn_check_error_quark ())

typedef enum
{
  BN_CHECK_ERROR_INVALID_REQUEST,   /* a mode other than the two, a missing blade */
  BN_CHECK_ERROR_UNKNOWN_LPAR,      /* the source LPAR is not defined on its HVM */
  BN_CHECK_ERROR_OUT_OF_RANGE,      /* an LPAR number or processor group out of range */
  BN_CHECK_ERROR_INVALID_DOCUMENT,  /* a blade document lacks what the schema requires */
  BN_CHECK_ERROR_RULES,             /* a rules file is malformed */
} BnCheckError;

GQuark bn_check_error_quark (void);

G_END_DECLS
