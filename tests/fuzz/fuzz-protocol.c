/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "bn-protocol.h"

/* libFuzzer target for both parsers a blade or a console exposes to the network.  The
 * first byte picks the parser; a parsed request must survive a format/parse round trip. */

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *text = (const char *) data + 1;
  gsize len = size > 0 ? size - 1 : 0;

  if (size == 0)
    return 0;

  if (data[0] & 1)
    {
      BnReply *reply = bn_reply_parse (text, len, NULL);

      if (reply != NULL)
        {
          g_assert (reply->rc <= 255);
          g_assert (reply->message != NULL);
          bn_reply_free (reply);
        }
    }
  else
    {
      BnRequest *request = bn_request_parse (text, len, NULL);

      if (request != NULL)
        {
          char *line = bn_request_format (request);
          BnRequest *again = bn_request_parse (line, strlen (line), NULL);

          g_assert (again != NULL);
          g_assert (bn_request_get_n_args (again) == bn_request_get_n_args (request));
          for (guint i = 0; i < bn_request_get_n_args (request); i++)
            g_assert (g_str_equal (bn_request_get_value (again, i),
                                   bn_request_get_value (request, i)));
          bn_request_free (again);
          bn_request_free (request);
          g_free (line);
        }
    }
  return 0;
}
