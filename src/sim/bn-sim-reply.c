/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-sim-reply"

#include "config.h"

#include "bn-error.h"
#include "bn-sim-reply.h"

BnSimReply *
bn_sim_reply_new_ok (JsonNode *data)
{
  BnSimReply *reply = g_new0 (BnSimReply, 1);

  reply->rc = BN_RC_OK;
  reply->message = g_strdup ("OK");
  reply->data = data;
  return reply;
}

BnSimReply *
bn_sim_reply_new_raw (const char *raw_data)
{
  BnSimReply *reply = bn_sim_reply_new_ok (NULL);

  reply->raw_data = g_strdup (raw_data);
  return reply;
}

BnSimReply *
bn_sim_reply_new_error (BnRc        rc,
                        const char *error_id,
                        const char *format,
                        ...)
{
  BnSimReply *reply = g_new0 (BnSimReply, 1);
  va_list args;

  va_start (args, format);
  reply->rc = rc;
  reply->message = g_strdup_vprintf (format, args);
  va_end (args);

  if (error_id != NULL)
    {
      JsonObject *obj = json_object_new ();

      json_object_set_string_member (obj, "id", error_id);
      reply->error = json_node_init_object (json_node_alloc (), obj);
      json_object_unref (obj);
    }
  return reply;
}

/* Maps the error domain our own code raises to the protocol's return codes; the error's
 * catalogue id (bn_error_set_catalogue()) and operands become the reply's error object. */
BnSimReply *
bn_sim_reply_new_from_error (const GError *error)
{
  JsonObject *detail = bn_error_get_detail (error);
  BnSimReply *reply;
  BnRc rc = BN_RC_FAILED;

  if (error->domain == BN_ERROR)
    {
      switch ((BnErrorCode) error->code)
        {
        case BN_ERROR_INVALID_ARGUMENT: rc = BN_RC_BAD_ARGUMENT; break;
        case BN_ERROR_NOT_FOUND: rc = BN_RC_NOT_FOUND; break;
        case BN_ERROR_BUSY: rc = BN_RC_BUSY; break;
        case BN_ERROR_LOCKED: rc = BN_RC_LOCKED; break;
        case BN_ERROR_STATE: rc = BN_RC_STATE; break;
        case BN_ERROR_REFUSED: rc = BN_RC_REFUSED; break;
        default: rc = BN_RC_FAILED; break;
        }
    }
  reply = bn_sim_reply_new_error (rc, bn_error_get_catalogue_id (error), "%s", error->message);
  if (reply->error != NULL && detail != NULL)
    {
      JsonObject *obj = json_node_get_object (reply->error);
      g_autoptr(GList) members = json_object_get_members (detail);

      for (GList *l = members; l != NULL; l = l->next)
        if (!g_str_equal (l->data, "id"))
          json_object_set_member (obj, l->data,
                                  json_node_copy (json_object_get_member (detail, l->data)));
    }
  return reply;
}

char *
bn_sim_reply_format (const BnSimReply *reply)
{
  if (reply->raw_data != NULL)
    return bn_reply_format_raw (reply->rc, reply->message, reply->raw_data);
  return bn_reply_format (reply->rc, reply->message, reply->data, reply->error);
}

void
bn_sim_reply_free (BnSimReply *reply)
{
  if (reply == NULL)
    return;
  g_free (reply->message);
  g_free (reply->raw_data);
  g_clear_pointer (&reply->data, json_node_unref);
  g_clear_pointer (&reply->error, json_node_unref);
  g_free (reply);
}
