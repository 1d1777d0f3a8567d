/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-line-channel"

#include "config.h"

#include <string.h>

#include "bn-error.h"
#include "bn-line-channel.h"

/* Newline-framed messages over a GIOStream with a hard limit on the line length: a
 * GDataInputStream would buffer an endless line from a hostile peer without bound. */

#define READ_CHUNK (64 * 1024)

struct _BnLineChannel
{
  GObject     parent_instance;
  GIOStream  *stream;
  GByteArray *buffer;
  gsize       scanned;     /* bytes of buffer already searched for '\n' */
  gsize       max_line;
  gboolean    reading;
};

G_DEFINE_FINAL_TYPE (BnLineChannel, bn_line_channel, G_TYPE_OBJECT)

static void
bn_line_channel_finalize (GObject *object)
{
  BnLineChannel *self = (BnLineChannel *) object;

  g_clear_object (&self->stream);
  g_clear_pointer (&self->buffer, g_byte_array_unref);

  G_OBJECT_CLASS (bn_line_channel_parent_class)->finalize (object);
}

static void
bn_line_channel_class_init (BnLineChannelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bn_line_channel_finalize;
}

static void
bn_line_channel_init (BnLineChannel *self)
{
  self->buffer = g_byte_array_new ();
}

BnLineChannel *
bn_line_channel_new (GIOStream *stream,
                     gsize      max_line)
{
  BnLineChannel *self;

  g_return_val_if_fail (G_IS_IO_STREAM (stream), NULL);
  g_return_val_if_fail (max_line > 0, NULL);

  self = g_object_new (BN_TYPE_LINE_CHANNEL, NULL);
  self->stream = g_object_ref (stream);
  self->max_line = max_line;
  return self;
}

GIOStream *
bn_line_channel_get_stream (BnLineChannel *self)
{
  g_return_val_if_fail (BN_IS_LINE_CHANNEL (self), NULL);
  return self->stream;
}

typedef struct
{
  char *line;
  gsize length;
} LineResult;

static void
line_result_free (gpointer data)
{
  LineResult *res = data;

  g_free (res->line);
  g_free (res);
}

/* Returns TRUE and completes the task when a full line (or an error) is available. */
static gboolean
try_complete (BnLineChannel *self,
              GTask         *task)
{
  guint8 *start = self->buffer->data;
  guint8 *nl = NULL;

  if (self->buffer->len > self->scanned)
    nl = memchr (start + self->scanned, '\n', self->buffer->len - self->scanned);

  if (nl != NULL)
    {
      gsize length = nl - start;
      LineResult *res = g_new0 (LineResult, 1);

      if (length > self->max_line)
        {
          self->reading = FALSE;
          g_task_return_new_error (task, BN_ERROR, BN_ERROR_INVALID_DATA,
                                   "Line longer than %" G_GSIZE_FORMAT " bytes", self->max_line);
          line_result_free (res);
          return TRUE;
        }
      res->length = (length > 0 && start[length - 1] == '\r') ? length - 1 : length;
      res->line = g_strndup ((const char *) start, res->length);
      g_byte_array_remove_range (self->buffer, 0, length + 1);
      self->scanned = 0;
      self->reading = FALSE;
      g_task_return_pointer (task, res, line_result_free);
      return TRUE;
    }

  self->scanned = self->buffer->len;
  if (self->buffer->len > self->max_line)
    {
      self->reading = FALSE;
      g_task_return_new_error (task, BN_ERROR, BN_ERROR_INVALID_DATA,
                               "Line longer than %" G_GSIZE_FORMAT " bytes", self->max_line);
      return TRUE;
    }
  return FALSE;
}

static void read_more (BnLineChannel *self, GTask *task);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BnLineChannel *self = g_task_get_source_object (task);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;
  gsize n;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (bytes == NULL)
    {
      self->reading = FALSE;
      g_task_return_error (task, error);
      return;
    }

  n = g_bytes_get_size (bytes);
  if (n == 0)
    {
      self->reading = FALSE;
      if (self->buffer->len == 0)
        g_task_return_new_error (task, BN_ERROR, BN_ERROR_UNREACHABLE,
                                 "Connection closed by the peer");
      else
        g_task_return_new_error (task, BN_ERROR, BN_ERROR_INVALID_DATA,
                                 "Connection closed in the middle of a line (%u bytes)",
                                 self->buffer->len);
      return;
    }

  g_byte_array_append (self->buffer, g_bytes_get_data (bytes, NULL), n);
  if (!try_complete (self, task))
    read_more (self, g_steal_pointer (&task));
}

static void
read_more (BnLineChannel *self,
           GTask         *task)
{
  GInputStream *in = g_io_stream_get_input_stream (self->stream);

  g_input_stream_read_bytes_async (in, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_cb, task);
}

void
bn_line_channel_read_line_async (BnLineChannel       *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (BN_IS_LINE_CHANNEL (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bn_line_channel_read_line_async);

  if (self->reading)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "A line is already being read");
      return;
    }
  self->reading = TRUE;

  if (!try_complete (self, task))
    read_more (self, g_steal_pointer (&task));
}

char *
bn_line_channel_read_line_finish (BnLineChannel  *self,
                                  GAsyncResult   *result,
                                  gsize          *length,
                                  GError        **error)
{
  LineResult *res;
  char *line;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  res = g_task_propagate_pointer (G_TASK (result), error);
  if (res == NULL)
    return NULL;
  line = g_steal_pointer (&res->line);
  if (length != NULL)
    *length = res->length;
  line_result_free (res);
  return line;
}

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
bn_line_channel_write_line_async (BnLineChannel       *self,
                                  const char          *line,
                                  gssize               length,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GOutputStream *out;
  char *data;

  g_return_if_fail (BN_IS_LINE_CHANNEL (self));
  g_return_if_fail (line != NULL);

  if (length < 0)
    length = strlen (line);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bn_line_channel_write_line_async);

  data = g_malloc (length + 1);
  memcpy (data, line, length);
  data[length] = '\n';
  g_task_set_task_data (task, data, g_free);

  out = g_io_stream_get_output_stream (self->stream);
  g_output_stream_write_all_async (out, data, length + 1, G_PRIORITY_DEFAULT, cancellable,
                                   write_cb, g_steal_pointer (&task));
}

gboolean
bn_line_channel_write_line_finish (BnLineChannel  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
