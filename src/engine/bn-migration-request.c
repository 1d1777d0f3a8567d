/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-migration"

#include "config.h"

#include <string.h>

#include "bn-error.h"
#include "bn-migration-request.h"

G_DEFINE_BOXED_TYPE (BnMigrationRequest, bn_migration_request, bn_migration_request_copy,
                     bn_migration_request_free)

BnMigrationRequest *
bn_migration_request_new (BnOperation operation)
{
  BnMigrationRequest *request = g_new0 (BnMigrationRequest, 1);

  request->operation = operation;
  request->processor_group = -1;
  request->activate_destination = TRUE;
  return request;
}

BnMigrationRequest *
bn_migration_request_copy (const BnMigrationRequest *request)
{
  BnMigrationRequest *copy = g_memdup2 (request, sizeof *request);

  copy->source_hvm = g_strdup (request->source_hvm);
  copy->destination_hvm = g_strdup (request->destination_hvm);
  copy->guest_address = g_strdup (request->guest_address);
  copy->guest_user = g_strdup (request->guest_user);
  copy->guest_password = g_strdup (request->guest_password);
  copy->guest_key_file = g_strdup (request->guest_key_file);
  return copy;
}

void
bn_migration_request_set_route (BnMigrationRequest *request,
                                BnMigrationMode     mode,
                                const char         *source_hvm,
                                guint               source_lpar,
                                const char         *destination_hvm)
{
  request->mode = mode;
  g_free (request->source_hvm);
  request->source_hvm = g_strdup (source_hvm);
  request->source_lpar = source_lpar;
  g_free (request->destination_hvm);
  request->destination_hvm = g_strdup (destination_hvm);
}

void
bn_migration_request_free (BnMigrationRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->source_hvm);
  g_free (request->destination_hvm);
  g_free (request->guest_address);
  g_free (request->guest_user);
  if (request->guest_password != NULL)
    memset (request->guest_password, 0, strlen (request->guest_password));
  g_free (request->guest_password);
  g_free (request->guest_key_file);
  g_free (request);
}

const char *
bn_migration_mode_to_string (BnMigrationMode mode)
{
  return mode == BN_MIGRATION_MODE_CONCURRENT ? "concurrent" : "shutdown";
}

gboolean
bn_migration_mode_from_string (const char      *text,
                               BnMigrationMode *mode)
{
  if (g_strcmp0 (text, "concurrent") == 0)
    *mode = BN_MIGRATION_MODE_CONCURRENT;
  else if (g_strcmp0 (text, "shutdown") == 0)
    *mode = BN_MIGRATION_MODE_SHUTDOWN;
  else
    return FALSE;
  return TRUE;
}

JsonObject *
bn_migration_request_options_to_json (const BnMigrationRequest *request)
{
  JsonObject *options = json_object_new ();

  if (request->processor_group >= 0)
    json_object_set_int_member (options, "processor_group", request->processor_group);
  if (request->timeout_s > 0)
    json_object_set_int_member (options, "timeout_s", request->timeout_s);
  if (request->max_suspend_ms > 0)
    json_object_set_int_member (options, "max_suspend_ms", request->max_suspend_ms);
  if (!request->activate_destination)
    json_object_set_boolean_member (options, "activate_destination", FALSE);
  if (request->shutdown_guest)
    {
      JsonObject *guest = json_object_new ();

      json_object_set_string_member (guest, "os", request->guest_os == BN_GUEST_OS_WINDOWS
                                                  ? "windows" : "linux");
      json_object_set_string_member (guest, "address", request->guest_address);
      if (request->guest_port > 0)
        json_object_set_int_member (guest, "port", request->guest_port);
      json_object_set_string_member (guest, "user", request->guest_user);
      if (request->guest_key_file != NULL)
        json_object_set_string_member (guest, "key_file", request->guest_key_file);
      if (request->forced_shutdown)
        json_object_set_boolean_member (guest, "forced", TRUE);
      json_object_set_object_member (options, "guest_shutdown", guest);
    }
  return options;
}

static gboolean
get_uint (JsonObject  *object,
          const char  *member,
          guint        max,
          guint       *value,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  gint64 v;

  if (node == NULL)
    return TRUE;
  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE || json_node_get_value_type (node) != G_TYPE_INT64 ||
      (v = json_node_get_int (node)) < 0 || v > max)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_DATA,
                   "Option “%s” must be a whole number from 0 to %u", member, max);
      return FALSE;
    }
  *value = v;
  return TRUE;
}

static gboolean
get_string (JsonObject  *object,
            const char  *member,
            gboolean     required,
            char       **value,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL && !required)
    return TRUE;
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING || *json_node_get_string (node) == '\0')
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_DATA,
                   "Option “%s” must be a non-empty string", member);
      return FALSE;
    }
  g_free (*value);
  *value = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
get_boolean (JsonObject  *object,
             const char  *member,
             gboolean    *value,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return TRUE;
  if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_DATA, "Option “%s” must be true or false",
                   member);
      return FALSE;
    }
  *value = json_node_get_boolean (node);
  return TRUE;
}

static const char * const known_options[] = {
  "processor_group", "timeout_s", "max_suspend_ms", "activate_destination", "guest_shutdown",
  NULL
};
static const char * const known_guest[] = {
  "os", "address", "port", "user", "key_file", "forced", NULL
};

static gboolean
only_known (JsonObject         *object,
            const char * const *known,
            const char         *where,
            GError            **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      {
        g_set_error (error, BN_ERROR, BN_ERROR_INVALID_DATA, "Unknown %s “%s”", where,
                     (const char *) l->data);
        return FALSE;
      }
  return TRUE;
}

/* Fills the options of @request from @options; on error @request may be half filled, so
 * callers work on a request of their own. */
gboolean
bn_migration_request_options_from_json (BnMigrationRequest  *request,
                                        JsonObject          *options,
                                        GError             **error)
{
  guint group = G_MAXUINT, port = 0;
  JsonNode *guest_node;

  if (!only_known (options, known_options, "option", error) ||
      !get_uint (options, "processor_group", 63, &group, error) ||
      !get_uint (options, "timeout_s", 86400, &request->timeout_s, error) ||
      !get_uint (options, "max_suspend_ms", 60000, &request->max_suspend_ms, error) ||
      !get_boolean (options, "activate_destination", &request->activate_destination, error))
    return FALSE;
  request->processor_group = group == G_MAXUINT ? -1 : (gint) group;

  guest_node = json_object_get_member (options, "guest_shutdown");
  if (guest_node != NULL)
    {
      JsonObject *guest;
      g_autofree char *os = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (guest_node))
        {
          g_set_error (error, BN_ERROR, BN_ERROR_INVALID_DATA,
                       "Option “guest_shutdown” must be an object");
          return FALSE;
        }
      guest = json_node_get_object (guest_node);
      if (!only_known (guest, known_guest, "guest_shutdown member", error) ||
          !get_string (guest, "os", TRUE, &os, error) ||
          !get_string (guest, "address", TRUE, &request->guest_address, error) ||
          !get_string (guest, "user", TRUE, &request->guest_user, error) ||
          !get_string (guest, "key_file", FALSE, &request->guest_key_file, error) ||
          !get_uint (guest, "port", 65535, &port, error) ||
          !get_boolean (guest, "forced", &request->forced_shutdown, error))
        return FALSE;
      if (!g_str_equal (os, "linux") && !g_str_equal (os, "windows"))
        {
          g_set_error (error, BN_ERROR, BN_ERROR_INVALID_DATA,
                       "guest_shutdown “os” must be linux or windows, not “%s”", os);
          return FALSE;
        }
      request->guest_os = g_str_equal (os, "windows") ? BN_GUEST_OS_WINDOWS : BN_GUEST_OS_LINUX;
      request->guest_port = port;
      request->shutdown_guest = TRUE;
    }
  return TRUE;
}
