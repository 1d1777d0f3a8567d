/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BN_TYPE_LINE_CHANNEL (bn_line_channel_get_type ())

G_DECLARE_FINAL_TYPE (BnLineChannel, bn_line_channel, BN, LINE_CHANNEL, GObject)

BnLineChannel *bn_line_channel_new              (GIOStream            *stream,
                                                 gsize                 max_line);
GIOStream     *bn_line_channel_get_stream       (BnLineChannel        *self);
void           bn_line_channel_read_line_async  (BnLineChannel        *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
char          *bn_line_channel_read_line_finish (BnLineChannel        *self,
                                                 GAsyncResult         *result,
                                                 gsize                *length,
                                                 GError              **error);
void           bn_line_channel_write_line_async (BnLineChannel        *self,
                                                 const char           *line,
                                                 gssize                length,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean       bn_line_channel_write_line_finish (BnLineChannel       *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
