/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One parser for every version the manual compares: HVM firmware (59-71), EFI (03-12),
 * FC firmware (26-08-1B), FC drivers (4.6.17.2114, 1.5.16.1282-1), dictionaries (00075),
 * migration versions (3.4) and plain counts (VNIC System No. 129).
 *
 * A version is a list of components split at '-' or '.'.  Each component is read as a
 * base-36 number, which orders digit strings numerically ("9" < "10", "08" == "8") and
 * hexadecimal-looking ones as their digits ("1B" > "19").  A shorter version that is a
 * prefix of a longer one is the smaller ("1.5.16.1282" < "1.5.16.1282-1").
 *
 * A range is "A~B", "~B", "A~" or a single "A" ('~', '～' or '〜').  In a range an 'x'
 * stands for any character.  In the last component of a bound it fills with '0' (lower
 * bound) or 'Z' (upper bound): "59-1x~59-20" is 59-10 … 59-20 and "01-xx" is 01-00 … 01-ZZ.
 * In an earlier component it names a series the version must belong to: "3x-04-54~" is
 * every 30 … 3Z firmware at 04-54 or later, so 31-03-99 and 40-05-00 are outside it.  An
 * upper bound covers every longer version it is a prefix of ("~58-70" holds 58-70-01). */

#define BN_VERSION_MAX_COMPONENTS 8

typedef struct
{
  guint8  n_components;
  guint64 components[BN_VERSION_MAX_COMPONENTS];
} BnVersion;

typedef struct
{
  BnVersion v;
  guint8    series;                                   /* bit i: component i is a series */
  guint64   series_low[BN_VERSION_MAX_COMPONENTS];
  guint64   series_high[BN_VERSION_MAX_COMPONENTS];
} BnVersionBound;

typedef struct
{
  BnVersionBound low;
  BnVersionBound high;
  guint          has_low  : 1;
  guint          has_high : 1;
} BnVersionRange;

#define BN_VERSION_ERROR (bn_version_error_quark ())

typedef enum
{
  BN_VERSION_ERROR_INVALID,
} BnVersionError;

GQuark   bn_version_error_quark       (void);

gboolean bn_version_parse             (const char           *text,
                                       BnVersion            *out,
                                       GError              **error);
void     bn_version_from_uint         (guint64               value,
                                       BnVersion            *out);
int      bn_version_compare           (const BnVersion      *a,
                                       const BnVersion      *b);
guint64  bn_version_major             (const BnVersion      *version);

gboolean bn_version_range_parse       (const char           *text,
                                       BnVersionRange       *out,
                                       GError              **error);
gboolean bn_version_range_contains    (const BnVersionRange *range,
                                       const BnVersion      *version);
gboolean bn_version_range_overlaps    (const BnVersionRange *a,
                                       const BnVersionRange *b);
gboolean bn_version_range_is_above    (const BnVersionRange *range,
                                       const BnVersion      *version);
const BnVersion *
         bn_version_range_top         (const BnVersionRange *range);

G_END_DECLS
