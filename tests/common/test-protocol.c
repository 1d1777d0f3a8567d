/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "bn-error.h"
#include "bn-protocol.h"

static BnRequest *
parse (const char *line,
       GError    **error)
{
  return bn_request_parse (line, strlen (line), error);
}

static void
test_request_good (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BnRequest) req = parse ("operate LparActivate lpar=3 name=\"a \\\"b\\\" c\" x=y=z",
                                    &error);

  g_assert_no_error (error);
  g_assert_cmpint (bn_request_get_verb (req), ==, BN_VERB_OPERATE);
  g_assert_cmpstr (bn_request_get_command (req), ==, "LparActivate");
  g_assert_cmpuint (bn_request_get_n_args (req), ==, 3);
  g_assert_cmpstr (bn_request_get (req, "lpar"), ==, "3");
  g_assert_cmpstr (bn_request_get (req, "name"), ==, "a \"b\" c");
  g_assert_cmpstr (bn_request_get (req, "x"), ==, "y=z");
  g_assert_null (bn_request_get (req, "missing"));
}

static void
test_request_roundtrip (void)
{
  g_autoptr(BnRequest) req = bn_request_new (BN_VERB_SET, "LparName");
  g_autoptr(BnRequest) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  const char *values[] = { "", "plain", "with space", "tab\there", "new\nline", "quo\"te",
                           "back\\slash", "日本語 名前" };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *key = g_strdup_printf ("k%u", i);
      g_assert_true (bn_request_add (req, key, values[i], &error));
    }
  line = bn_request_format (req);
  g_assert_null (strchr (line, '\n'));
  back = parse (line, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *key = g_strdup_printf ("k%u", i);
      g_assert_cmpstr (bn_request_get (back, key), ==, values[i]);
    }
}

static void
test_request_malformed (void)
{
  const char *bad[] = {
    "",                                  /* empty */
    "   ",
    "fetch HvmConfig",                   /* unknown verb */
    "get",                               /* no command */
    "get Hvm-Config",                    /* bad command */
    "get HvmConfig lpar",                /* not key=value */
    "get HvmConfig Lpar=1",              /* key must be lower case */
    "get HvmConfig a=1 a=2",             /* duplicate */
    "get HvmConfig a=\"open",            /* unterminated quote */
    "get HvmConfig a=\"x\"y",            /* junk after quote */
    "get HvmConfig a=\"\\q\"",           /* unknown escape */
    "get HvmConfig a=b\"c",              /* bare quote */
    "get HvmConfig a=\x01",              /* control character */
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BnRequest) req = parse (bad[i], &error);

      g_test_message ("%s → %s", bad[i], error ? error->message : "(accepted)");
      g_assert_null (req);
      g_assert_error (error, BN_ERROR, BN_ERROR_INVALID_DATA);
    }
}

static void
test_request_not_utf8 (void)
{
  const char line[] = "set LparName lpar=1 name=\xff\xfe";
  g_autoptr(GError) error = NULL;
  g_autoptr(BnRequest) req = bn_request_parse (line, sizeof line - 1, &error);

  g_assert_null (req);
  g_assert_error (error, BN_ERROR, BN_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "UTF-8"));
}

static void
test_request_oversized (void)
{
  g_autoptr(GString) line = g_string_new ("get HvmConfig a=");
  g_autoptr(GError) error = NULL;
  g_autoptr(BnRequest) req = NULL;
  g_autoptr(BnRequest) many = bn_request_new (BN_VERB_GET, "X");

  while (line->len <= BN_PROTOCOL_MAX_REQUEST)
    g_string_append_c (line, 'x');
  req = bn_request_parse (line->str, line->len, &error);
  g_assert_null (req);
  g_assert_error (error, BN_ERROR, BN_ERROR_INVALID_DATA);
  g_clear_error (&error);

  for (guint i = 0; i < BN_PROTOCOL_MAX_ARGS; i++)
    {
      g_autofree char *key = g_strdup_printf ("k%u", i);
      g_assert_true (bn_request_add (many, key, "v", NULL));
    }
  g_assert_false (bn_request_add (many, "one_more", "v", &error));
  g_assert_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT);
}

static void
test_request_uint (void)
{
  g_autoptr(BnRequest) req = parse ("get X a=12 b=-1 c=abc d=99999999999999999999", NULL);
  guint64 v;

  g_assert_true (bn_request_get_uint (req, "a", 1, 16, &v, NULL));
  g_assert_cmpuint (v, ==, 12);
  g_assert_false (bn_request_get_uint (req, "a", 1, 10, &v, NULL));
  g_assert_false (bn_request_get_uint (req, "b", 0, 10, &v, NULL));
  g_assert_false (bn_request_get_uint (req, "c", 0, 10, &v, NULL));
  g_assert_false (bn_request_get_uint (req, "d", 0, G_MAXUINT64, &v, NULL));
  g_assert_false (bn_request_get_uint (req, "missing", 0, 10, &v, NULL));
}

static void
test_reply_good (void)
{
  const char *line = "{\"rc\":0,\"message\":\"OK\",\"data\":{\"x\":1}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(BnReply) reply = bn_reply_parse (line, strlen (line), &error);
  g_autofree char *formatted = NULL;
  g_autofree char *raw = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (reply->rc, ==, BN_RC_OK);
  g_assert_cmpstr (reply->message, ==, "OK");
  g_assert_cmpint (json_object_get_int_member (reply->data, "x"), ==, 1);
  g_assert_null (reply->error);

  raw = bn_reply_format_raw (BN_RC_OK, "OK", "{\"x\":1}");
  g_clear_pointer (&reply, bn_reply_free);
  reply = bn_reply_parse (raw, strlen (raw), &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (reply->data, "x"), ==, 1);

  formatted = bn_reply_format (BN_RC_BUSY, "busy \"now\"", NULL, NULL);
  g_clear_pointer (&reply, bn_reply_free);
  reply = bn_reply_parse (formatted, strlen (formatted), &error);
  g_assert_no_error (error);
  g_assert_cmpint (reply->rc, ==, BN_RC_BUSY);
  g_assert_cmpstr (reply->message, ==, "busy \"now\"");
}

static void
test_reply_malformed (void)
{
  const char *bad[] = {
    "",
    "not json",
    "[1,2]",
    "{\"message\":\"no rc\"}",
    "{\"rc\":\"0\",\"message\":\"rc is a string\"}",
    "{\"rc\":0}",
    "{\"rc\":0,\"message\":5}",
    "{\"rc\":-1,\"message\":\"x\"}",
    "{\"rc\":0,\"message\":\"x\",\"data\":[1]}",
    "{\"rc\":0,\"message\":\"x\",\"error\":\"e\"}",
    "{\"rc\":0,\"message\":\"trunc",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BnReply) reply = bn_reply_parse (bad[i], strlen (bad[i]), &error);

      g_test_message ("%s → %s", bad[i], error ? error->message : "(accepted)");
      g_assert_null (reply);
      g_assert_error (error, BN_ERROR, BN_ERROR_INVALID_DATA);
    }
}

static void
test_reply_not_utf8 (void)
{
  const char line[] = "{\"rc\":0,\"message\":\"\xc3\x28\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(BnReply) reply = bn_reply_parse (line, sizeof line - 1, &error);

  g_assert_null (reply);
  g_assert_error (error, BN_ERROR, BN_ERROR_INVALID_DATA);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/protocol/request/good", test_request_good);
  g_test_add_func ("/protocol/request/roundtrip", test_request_roundtrip);
  g_test_add_func ("/protocol/request/malformed", test_request_malformed);
  g_test_add_func ("/protocol/request/not-utf8", test_request_not_utf8);
  g_test_add_func ("/protocol/request/oversized", test_request_oversized);
  g_test_add_func ("/protocol/request/uint", test_request_uint);
  g_test_add_func ("/protocol/reply/good", test_reply_good);
  g_test_add_func ("/protocol/reply/malformed", test_reply_malformed);
  g_test_add_func ("/protocol/reply/not-utf8", test_reply_not_utf8);

  return g_test_run ();
}
