/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bn-error.h"

typedef struct
{
  char       *catalogue_id;
  JsonObject *detail;
} BnErrorPrivate;

static void
bn_error_private_init (BnErrorPrivate *priv)
{
}

static void
bn_error_private_copy (const BnErrorPrivate *src,
                       BnErrorPrivate       *dest)
{
  dest->catalogue_id = g_strdup (src->catalogue_id);
  dest->detail = src->detail ? json_object_ref (src->detail) : NULL;
}

static void
bn_error_private_clear (BnErrorPrivate *priv)
{
  g_clear_pointer (&priv->catalogue_id, g_free);
  g_clear_pointer (&priv->detail, json_object_unref);
}

G_DEFINE_EXTENDED_ERROR (BnError, bn_error)

const char *
bn_error_get_catalogue_id (const GError *error)
{
  BnErrorPrivate *priv = error && error->domain == BN_ERROR ? bn_error_get_private (error) : NULL;

  return priv ? priv->catalogue_id : NULL;
}

JsonObject *
bn_error_get_detail (const GError *error)
{
  BnErrorPrivate *priv = error && error->domain == BN_ERROR ? bn_error_get_private (error) : NULL;

  return priv ? priv->detail : NULL;
}

void
bn_error_set_catalogue (GError     *error,
                        const char *catalogue_id,
                        JsonObject *detail)
{
  BnErrorPrivate *priv;

  g_return_if_fail (error != NULL && error->domain == BN_ERROR);
  priv = bn_error_get_private (error);
  g_free (priv->catalogue_id);
  priv->catalogue_id = g_strdup (catalogue_id);
  g_clear_pointer (&priv->detail, json_object_unref);
  priv->detail = detail ? json_object_ref (detail) : NULL;
}

void
bn_error_convert (GError      **error,
                  BnErrorCode   code)
{
  GError *converted;

  if (error == NULL || *error == NULL)
    return;
  converted = g_error_new_literal (BN_ERROR, code, (*error)->message);
  g_error_free (*error);
  *error = converted;
}

gboolean
bn_error_invalid_at (GError     **error,
                     const char  *path,
                     const char  *format,
                     ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, BN_ERROR, BN_ERROR_INVALID_DATA, "%s: %s", path, msg);
  return FALSE;
}
