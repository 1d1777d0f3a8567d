/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-version"

#include "config.h"

#include "bn-version.h"

static int
cmp (const char *a,
     const char *b)
{
  BnVersion va, vb;

  g_assert_true (bn_version_parse (a, &va, NULL));
  g_assert_true (bn_version_parse (b, &vb, NULL));
  return bn_version_compare (&va, &vb);
}

static gboolean
in (const char *range,
    const char *value)
{
  BnVersionRange r;
  BnVersion v;
  g_autoptr(GError) error = NULL;

  g_assert_true (bn_version_range_parse (range, &r, &error));
  g_assert_no_error (error);
  g_assert_true (bn_version_parse (value, &v, NULL));
  return bn_version_range_contains (&r, &v);
}

static void
test_compare (void)
{
  g_assert_cmpint (cmp ("59-71", "59-71"), ==, 0);
  g_assert_cmpint (cmp ("59-21", "59-20"), >, 0);
  g_assert_cmpint (cmp ("58-80", "59-00"), <, 0);
  g_assert_cmpint (cmp ("01-9", "01-10"), <, 0);        /* numbers, not text */
  g_assert_cmpint (cmp ("01-08", "01-8"), ==, 0);
  g_assert_cmpint (cmp ("26-08-1B", "26-08-19"), >, 0);  /* hexadecimal-looking */
  g_assert_cmpint (cmp ("26-08-1B", "26-08-20"), <, 0);
  g_assert_cmpint (cmp ("1.5.16.1282", "1.5.16.1282-1"), <, 0);
  g_assert_cmpint (cmp ("4.6.17.2120", "4.6.17.2114"), >, 0);
  g_assert_cmpint (cmp ("00080", "00075"), >, 0);
  g_assert_cmpint (cmp ("129", "128"), >, 0);
}

static void
test_parse_errors (void)
{
  static const char *const bad[] = { "", "59--71", "59-", "-59", "59_71", "59-7x", "5 9", "é",
                                     "1.2.3.4.5.6.7.8.9", "1234567890123-1" };
  BnVersion v;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (bn_version_parse (bad[i], &v, &error));
      g_assert_error (error, BN_VERSION_ERROR, BN_VERSION_ERROR_INVALID);
      g_test_message ("%s: %s", bad[i], error->message);
    }
  g_assert_false (bn_version_parse (NULL, &v, NULL));
}

static void
test_ranges (void)
{
  /* The forms the manual prints. */
  g_assert_true (in ("58-80~59-20", "58-80"));
  g_assert_true (in ("58-80~59-20", "59-05"));
  g_assert_true (in ("58-80~59-20", "59-20"));
  g_assert_false (in ("58-80~59-20", "59-21"));
  g_assert_false (in ("58-80~59-20", "58-72"));

  g_assert_true (in ("~58-70", "01-00"));
  g_assert_true (in ("~58-70", "58-70"));
  g_assert_true (in ("~58-70", "58-70-01"));   /* an upper bound covers its extensions */
  g_assert_false (in ("~58-70", "58-71"));

  g_assert_true (in ("59-21~", "59-21"));
  g_assert_true (in ("59-21~", "60-00"));
  g_assert_false (in ("59-21~", "59-20"));

  g_assert_true (in ("59-1x~59-20", "59-10"));
  g_assert_true (in ("59-1x~59-20", "59-19"));
  g_assert_false (in ("59-1x~59-20", "59-09"));

  g_assert_true (in ("59-0x", "59-00"));
  g_assert_true (in ("59-0x", "59-09"));
  g_assert_false (in ("59-0x", "59-10"));

  g_assert_true (in ("01-xx", "01-00"));
  g_assert_true (in ("01-xx", "01-99"));
  g_assert_false (in ("01-xx", "02-00"));

  g_assert_true (in ("58-1x~58-2x", "58-29"));
  g_assert_false (in ("58-1x~58-2x", "58-30"));

  /* "3x" before other components is a series: 30 … 3Z at 04-54 or later. */
  g_assert_true (in ("3x-04-54~", "38-04-54"));
  g_assert_true (in ("3x-04-54~", "30-05-00"));
  g_assert_false (in ("3x-04-54~", "38-04-53"));
  g_assert_false (in ("3x-04-54~", "31-03-99"));
  g_assert_false (in ("3x-04-54~", "40-05-00"));
  g_assert_false (in ("3x-04-54~", "26-08-1B"));

  g_assert_true (in ("26-08-1B~", "26-08-1B"));
  g_assert_true (in ("26-08-1B~", "26-08-20"));
  g_assert_false (in ("26-08-1B~", "26-08-1A"));

  g_assert_true (in ("4.6.17.2114~", "4.6.17.2120"));
  g_assert_false (in ("4.6.17.2114~", "4.6.17.2096"));
  g_assert_true (in ("1.5.16.1282-1~", "1.5.16.1282-1"));
  g_assert_true (in ("1.5.16.1282-1~", "1.5.16.1283"));
  g_assert_false (in ("1.5.16.1282-1~", "1.5.16.1282"));
  g_assert_true (in ("1. 5. 16. 1270～", "1.5.16.1270"));  /* as printed: spaces, ～ */
  g_assert_true (in ("59-21〜", "59-71"));

  g_assert_true (in ("1~128", "128"));
  g_assert_false (in ("1~128", "129"));
  g_assert_true (in ("129~1024", "1024"));
  g_assert_true (in ("00075~", "00080"));
  g_assert_false (in ("00075~", "00074"));
  g_assert_true (in ("01-30", "01-30"));
  g_assert_false (in ("01-30", "01-31"));
}

static void
test_range_errors (void)
{
  static const char *const bad[] = { "~", "58-80~~59-20", "59-20~58-80", "58-80~59-", "~-1",
                                     "59-2_~", "", "59-20~58-8x" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      BnVersionRange r;
      g_autoptr(GError) error = NULL;

      g_assert_false (bn_version_range_parse (bad[i], &r, &error));
      g_assert_error (error, BN_VERSION_ERROR, BN_VERSION_ERROR_INVALID);
      g_test_message ("%s: %s", bad[i], error->message);
    }
}

static void
test_above_and_overlap (void)
{
  BnVersionRange a, b, c;
  BnVersion v;

  g_assert_true (bn_version_range_parse ("01-xx", &a, NULL));
  g_assert_true (bn_version_range_parse ("02-xx", &b, NULL));
  g_assert_true (bn_version_range_parse ("01-50~02-10", &c, NULL));
  g_assert_false (bn_version_range_overlaps (&a, &b));
  g_assert_true (bn_version_range_overlaps (&a, &c));
  g_assert_true (bn_version_range_overlaps (&b, &c));

  g_assert_true (bn_version_parse ("03-00", &v, NULL));
  g_assert_true (bn_version_range_is_above (&a, &v));
  g_assert_true (bn_version_parse ("00-99", &v, NULL));
  g_assert_false (bn_version_range_is_above (&a, &v));

  bn_version_from_uint (129, &v);
  g_assert_true (bn_version_range_parse ("129~1024", &a, NULL));
  g_assert_true (bn_version_range_contains (&a, &v));
  g_assert_cmpuint (bn_version_major (&v), ==, 1 * 36 * 36 + 2 * 36 + 9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/version/compare", test_compare);
  g_test_add_func ("/version/parse-errors", test_parse_errors);
  g_test_add_func ("/version/ranges", test_ranges);
  g_test_add_func ("/version/range-errors", test_range_errors);
  g_test_add_func ("/version/above-and-overlap", test_above_and_overlap);

  return g_test_run ();
}
