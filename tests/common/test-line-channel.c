/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "bn-error.h"
#include "bn-line-channel.h"

/* The channel over an in-memory stream: framing, CRLF, partial lines, limits. */

static BnLineChannel *
channel_over (const char *data,
              gsize       len,
              gsize       max)
{
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (g_memdup2 (data, len), len,
                                                                    g_free);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GIOStream) io = g_simple_io_stream_new (in, out);

  return bn_line_channel_new (io, max);
}

static void
store (GObject      *object,
       GAsyncResult *result,
       gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static char *
read_line (BnLineChannel *channel,
           GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  bn_line_channel_read_line_async (channel, NULL, store, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return bn_line_channel_read_line_finish (channel, result, NULL, error);
}

static void
test_lines (void)
{
  const char data[] = "one\ntwo\r\n\nfour";
  g_autoptr(BnLineChannel) ch = channel_over (data, sizeof data - 1, 100);
  g_autoptr(GError) error = NULL;
  char *line;

  line = read_line (ch, &error);
  g_assert_cmpstr (line, ==, "one");
  g_free (line);
  line = read_line (ch, &error);
  g_assert_cmpstr (line, ==, "two");
  g_free (line);
  line = read_line (ch, &error);
  g_assert_cmpstr (line, ==, "");
  g_free (line);
  /* truncated: the peer closed in the middle of a line */
  line = read_line (ch, &error);
  g_assert_null (line);
  g_assert_error (error, BN_ERROR, BN_ERROR_INVALID_DATA);
  g_clear_error (&error);
}

static void
test_eof (void)
{
  g_autoptr(BnLineChannel) ch = channel_over ("", 0, 100);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = read_line (ch, &error);

  g_assert_null (line);
  g_assert_error (error, BN_ERROR, BN_ERROR_UNREACHABLE);
}

static void
test_oversized (void)
{
  g_autofree char *data = g_malloc (300 * 1024);
  g_autoptr(BnLineChannel) ch = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  memset (data, 'x', 300 * 1024);
  ch = channel_over (data, 300 * 1024, 1000);
  line = read_line (ch, &error);
  g_assert_null (line);
  g_assert_error (error, BN_ERROR, BN_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "longer"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/line-channel/lines", test_lines);
  g_test_add_func ("/line-channel/eof", test_eof);
  g_test_add_func ("/line-channel/oversized", test_oversized);

  return g_test_run ();
}
