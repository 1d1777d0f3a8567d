/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-version"

#include "config.h"

#include <string.h>

#include "bn-version.h"

/* 36^12 still fits in 63 bits; no component the manual prints is longer than 4. */
#define MAX_COMPONENT_CHARS 12

G_DEFINE_QUARK (bn-version-error-quark, bn_version_error)

static int
digit36 (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'Z')
    return c - 'A' + 10;
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 10;
  return -1;
}

static gboolean
is_separator (char c)
{
  return c == '-' || c == '.';
}

typedef enum
{
  FILL_NONE,     /* a plain value: 'x' is not allowed */
  FILL_LOW,      /* 'x' reads as '0' */
  FILL_HIGH,     /* 'x' reads as 'Z' */
} Fill;

/* Parses [begin, end) into @out.  With @bound, a wildcard component before the last one
 * is recorded as a series: its lowest and highest readings go to the bound's arrays. */
static gboolean
parse_components (const char      *whole,
                  const char      *begin,
                  const char      *end,
                  Fill             fill,
                  BnVersion       *out,
                  BnVersionBound  *bound,
                  GError         **error)
{
  const char *p = begin;

  memset (out, 0, sizeof *out);

  if (begin == end)
    {
      g_set_error (error, BN_VERSION_ERROR, BN_VERSION_ERROR_INVALID,
                   "“%s” is not a version: a bound is empty", whole);
      return FALSE;
    }

  for (;;)
    {
      guint64 value = 0, low = 0, high = 0;
      gboolean wild = FALSE;
      guint chars = 0;

      if (out->n_components == BN_VERSION_MAX_COMPONENTS)
        {
          g_set_error (error, BN_VERSION_ERROR, BN_VERSION_ERROR_INVALID,
                       "“%s” is not a version: more than %d components",
                       whole, BN_VERSION_MAX_COMPONENTS);
          return FALSE;
        }

      while (p < end && !is_separator (*p))
        {
          int d;

          if (*p == 'x' || *p == 'X')
            {
              if (fill == FILL_NONE)
                {
                  g_set_error (error, BN_VERSION_ERROR, BN_VERSION_ERROR_INVALID,
                               "“%s” is not a version: the wildcard 'x' belongs in a range",
                               whole);
                  return FALSE;
                }
              wild = TRUE;
              low = low * 36;
              high = high * 36 + 35;
              value = value * 36 + (fill == FILL_LOW ? 0 : 35);
            }
          else
            {
              d = digit36 (*p);
              if (d < 0)
                {
                  if ((guchar) *p >= 0x80)
                    g_set_error (error, BN_VERSION_ERROR, BN_VERSION_ERROR_INVALID,
                                 "“%s” is not a version: a character outside ASCII", whole);
                  else
                    g_set_error (error, BN_VERSION_ERROR, BN_VERSION_ERROR_INVALID,
                                 "“%s” is not a version: unexpected character '%c'", whole, *p);
                  return FALSE;
                }
              value = value * 36 + (guint64) d;
              low = low * 36 + (guint64) d;
              high = high * 36 + (guint64) d;
            }
          if (++chars > MAX_COMPONENT_CHARS)
            {
              g_set_error (error, BN_VERSION_ERROR, BN_VERSION_ERROR_INVALID,
                           "“%s” is not a version: a component is too long", whole);
              return FALSE;
            }
          p++;
        }

      if (chars == 0)
        {
          g_set_error (error, BN_VERSION_ERROR, BN_VERSION_ERROR_INVALID,
                       "“%s” is not a version: an empty component", whole);
          return FALSE;
        }

      if (wild && p < end && bound != NULL)
        {
          guint i = out->n_components;

          bound->series |= 1u << i;
          bound->series_low[i] = low;
          bound->series_high[i] = high;
        }

      out->components[out->n_components++] = value;

      if (p == end)
        return TRUE;
      p++; /* the separator */
      if (p == end)
        {
          g_set_error (error, BN_VERSION_ERROR, BN_VERSION_ERROR_INVALID,
                       "“%s” is not a version: it ends with a separator", whole);
          return FALSE;
        }
    }
}

static gboolean
parse_bound (const char      *whole,
             const char      *begin,
             const char      *end,
             Fill             fill,
             BnVersionBound  *bound,
             GError         **error)
{
  memset (bound, 0, sizeof *bound);
  return parse_components (whole, begin, end, fill, &bound->v, bound, error);
}

gboolean
bn_version_parse (const char  *text,
                  BnVersion   *out,
                  GError     **error)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL)
    {
      g_set_error_literal (error, BN_VERSION_ERROR, BN_VERSION_ERROR_INVALID,
                           "no version given");
      return FALSE;
    }

  return parse_components (text, text, text + strlen (text), FILL_NONE, out, NULL, error);
}

void
bn_version_from_uint (guint64    value,
                      BnVersion *out)
{
  char buf[32];

  /* Through the text form so a count orders exactly like the digits of a range bound. */
  g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, value);
  if (!bn_version_parse (buf, out, NULL))
    g_assert_not_reached ();
}

int
bn_version_compare (const BnVersion *a,
                    const BnVersion *b)
{
  guint n = MIN (a->n_components, b->n_components);

  for (guint i = 0; i < n; i++)
    {
      if (a->components[i] != b->components[i])
        return a->components[i] < b->components[i] ? -1 : 1;
    }

  if (a->n_components == b->n_components)
    return 0;
  return a->n_components < b->n_components ? -1 : 1;
}

guint64
bn_version_major (const BnVersion *version)
{
  return version->n_components > 0 ? version->components[0] : 0;
}

/* Finds the range separator; returns its byte length or 0. */
static gsize
find_tilde (const char  *text,
            const char **where)
{
  static const char *const tildes[] = { "~", "\xef\xbd\x9e" /* ～ */, "\xe3\x80\x9c" /* 〜 */ };
  const char *best = NULL;
  gsize best_len = 0;

  for (guint i = 0; i < G_N_ELEMENTS (tildes); i++)
    {
      const char *hit = strstr (text, tildes[i]);

      if (hit != NULL && (best == NULL || hit < best))
        {
          best = hit;
          best_len = strlen (tildes[i]);
        }
    }

  *where = best;
  return best_len;
}

gboolean
bn_version_range_parse (const char      *text,
                        BnVersionRange  *out,
                        GError         **error)
{
  g_autofree char *clean = NULL;
  const char *tilde = NULL;
  gsize tilde_len;
  const char *end;

  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);

  if (text == NULL)
    {
      g_set_error_literal (error, BN_VERSION_ERROR, BN_VERSION_ERROR_INVALID,
                           "no version range given");
      return FALSE;
    }

  /* The manual prints "1. 5. 16. 1270～": spaces carry no meaning in a range. */
  clean = g_strdup (text);
  {
    char *w = clean;

    for (const char *r = clean; *r != '\0'; r++)
      if (*r != ' ')
        *w++ = *r;
    *w = '\0';
  }

  end = clean + strlen (clean);
  tilde_len = find_tilde (clean, &tilde);

  if (tilde_len == 0)
    {
      /* A single version or pattern: both bounds. */
      if (!parse_bound (text, clean, end, FILL_LOW, &out->low, error) ||
          !parse_bound (text, clean, end, FILL_HIGH, &out->high, error))
        return FALSE;
      out->has_low = out->has_high = TRUE;
      return TRUE;
    }

  {
    const char *rest = tilde + tilde_len;
    const char *again = NULL;

    if (find_tilde (rest, &again) != 0)
      {
        g_set_error (error, BN_VERSION_ERROR, BN_VERSION_ERROR_INVALID,
                     "“%s” is not a version range: more than one '~'", text);
        return FALSE;
      }

    if (tilde == clean && rest == end)
      {
        g_set_error (error, BN_VERSION_ERROR, BN_VERSION_ERROR_INVALID,
                     "“%s” is not a version range: no bound", text);
        return FALSE;
      }

    if (tilde > clean)
      {
        if (!parse_bound (text, clean, tilde, FILL_LOW, &out->low, error))
          return FALSE;
        out->has_low = TRUE;
      }

    if (rest < end)
      {
        if (!parse_bound (text, rest, end, FILL_HIGH, &out->high, error))
          return FALSE;
        out->has_high = TRUE;
      }
  }

  if (out->has_low && out->has_high && bn_version_compare (&out->low.v, &out->high.v) > 0)
    {
      g_set_error (error, BN_VERSION_ERROR, BN_VERSION_ERROR_INVALID,
                   "“%s” is not a version range: the lower bound is above the upper", text);
      return FALSE;
    }

  return TRUE;
}

typedef enum
{
  CMP_BELOW = -1,
  CMP_WITHIN = 0,   /* at or above a lower bound / at or below an upper bound */
  CMP_ABOVE = 1,
  CMP_OTHER_SERIES = 2,
} Cmp;

/* Where @version stands against a lower (@upper FALSE) or upper bound.  An upper bound
 * covers every version it is a prefix of. */
static Cmp
compare_bound (const BnVersion      *version,
               const BnVersionBound *bound,
               gboolean              upper)
{
  guint n = MIN (version->n_components, bound->v.n_components);

  for (guint i = 0; i < n; i++)
    {
      guint64 c = version->components[i];

      if (bound->series & (1u << i))
        {
          if (c < bound->series_low[i] || c > bound->series_high[i])
            return CMP_OTHER_SERIES;
          continue;
        }
      if (c != bound->v.components[i])
        return c < bound->v.components[i] ? CMP_BELOW : CMP_ABOVE;
    }

  if (upper)
    return CMP_WITHIN;
  return version->n_components >= bound->v.n_components ? CMP_WITHIN : CMP_BELOW;
}

gboolean
bn_version_range_contains (const BnVersionRange *range,
                           const BnVersion      *version)
{
  if (range->has_low)
    {
      Cmp c = compare_bound (version, &range->low, FALSE);

      if (c == CMP_BELOW || c == CMP_OTHER_SERIES)
        return FALSE;
    }
  if (range->has_high)
    {
      Cmp c = compare_bound (version, &range->high, TRUE);

      if (c == CMP_ABOVE || c == CMP_OTHER_SERIES)
        return FALSE;
    }
  return TRUE;
}

gboolean
bn_version_range_is_above (const BnVersionRange *range,
                           const BnVersion      *version)
{
  return range->has_high && compare_bound (version, &range->high, TRUE) == CMP_ABOVE;
}

gboolean
bn_version_range_overlaps (const BnVersionRange *a,
                           const BnVersionRange *b)
{
  /* Series are compared by their readings in the bound; good enough to find rows of one
   * table that claim the same versions. */
  if (a->has_high && b->has_low &&
      compare_bound (&b->low.v, &a->high, TRUE) == CMP_ABOVE)
    return FALSE;
  if (b->has_high && a->has_low &&
      compare_bound (&a->low.v, &b->high, TRUE) == CMP_ABOVE)
    return FALSE;
  return TRUE;
}

const BnVersion *
bn_version_range_top (const BnVersionRange *range)
{
  if (range->has_high)
    return &range->high.v;
  if (range->has_low)
    return &range->low.v;
  return NULL;
}
