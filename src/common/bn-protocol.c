/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-protocol"

#include "config.h"

#include <string.h>

#include "bn-error.h"
#include "bn-protocol.h"

struct _BnRequest
{
  BnVerb     verb;
  char      *command;
  GPtrArray *keys;
  GPtrArray *values;
};

static const char *verbs[] = { "get", "set", "operate" };

static const char *rc_names[] = {
  "ok", "syntax", "unknown-command", "bad-argument", "not-found", "busy",
  "locked", "state", "refused", "failed", "internal",
};

G_STATIC_ASSERT (G_N_ELEMENTS (rc_names) == BN_RC_LAST + 1);

const char *
bn_verb_to_string (BnVerb verb)
{
  g_return_val_if_fail (verb <= BN_VERB_OPERATE, NULL);
  return verbs[verb];
}

gboolean
bn_verb_from_string (const char *str,
                     BnVerb     *verb)
{
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    {
      if (g_strcmp0 (str, verbs[i]) == 0)
        {
          *verb = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
bn_rc_to_string (BnRc rc)
{
  if ((guint) rc > BN_RC_LAST)
    return "unknown";
  return rc_names[rc];
}

gboolean
bn_protocol_is_command (const char *command)
{
  gsize len;

  if (command == NULL || !g_ascii_isalpha (command[0]))
    return FALSE;
  len = strlen (command);
  if (len > BN_PROTOCOL_MAX_COMMAND)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (command[i]))
      return FALSE;
  return TRUE;
}

gboolean
bn_protocol_is_key (const char *key)
{
  if (key == NULL || !(g_ascii_islower (key[0]) || key[0] == '_'))
    return FALSE;
  for (const char *p = key; *p; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_' || *p == '-'))
      return FALSE;
  return strlen (key) <= 64;
}

BnRequest *
bn_request_new (BnVerb      verb,
                const char *command)
{
  BnRequest *self;

  g_return_val_if_fail (verb <= BN_VERB_OPERATE, NULL);
  g_return_val_if_fail (bn_protocol_is_command (command), NULL);

  self = g_new0 (BnRequest, 1);
  self->verb = verb;
  self->command = g_strdup (command);
  self->keys = g_ptr_array_new_with_free_func (g_free);
  self->values = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
bn_request_free (BnRequest *self)
{
  if (self == NULL)
    return;
  g_free (self->command);
  g_ptr_array_unref (self->keys);
  g_ptr_array_unref (self->values);
  g_free (self);
}

BnVerb
bn_request_get_verb (const BnRequest *self)
{
  return self->verb;
}

const char *
bn_request_get_command (const BnRequest *self)
{
  return self->command;
}

guint
bn_request_get_n_args (const BnRequest *self)
{
  return self->keys->len;
}

const char *
bn_request_get_key (const BnRequest *self,
                    guint            index)
{
  g_return_val_if_fail (index < self->keys->len, NULL);
  return g_ptr_array_index (self->keys, index);
}

const char *
bn_request_get_value (const BnRequest *self,
                      guint            index)
{
  g_return_val_if_fail (index < self->values->len, NULL);
  return g_ptr_array_index (self->values, index);
}

const char *
bn_request_get (const BnRequest *self,
                const char      *key)
{
  for (guint i = 0; i < self->keys->len; i++)
    if (strcmp (g_ptr_array_index (self->keys, i), key) == 0)
      return g_ptr_array_index (self->values, i);
  return NULL;
}

gboolean
bn_request_get_uint (const BnRequest *self,
                     const char      *key,
                     guint64          min,
                     guint64          max,
                     guint64         *value,
                     GError         **error)
{
  const char *str = bn_request_get (self, key);
  g_autoptr(GError) local_error = NULL;

  if (str == NULL)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                   "Missing argument %s= (a number from %" G_GUINT64_FORMAT
                   " to %" G_GUINT64_FORMAT ")", key, min, max);
      return FALSE;
    }
  if (!g_ascii_string_to_unsigned (str, 10, min, max, value, &local_error))
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                   "Argument %s=%s is not a number from %" G_GUINT64_FORMAT
                   " to %" G_GUINT64_FORMAT, key, str, min, max);
      return FALSE;
    }
  return TRUE;
}

static gboolean
value_is_valid (const char *value)
{
  if (!g_utf8_validate (value, -1, NULL))
    return FALSE;
  for (const guchar *p = (const guchar *) value; *p; p++)
    if (*p < 0x20 && *p != '\n' && *p != '\t')
      return FALSE;
  return TRUE;
}

gboolean
bn_request_add (BnRequest   *self,
                const char  *key,
                const char  *value,
                GError     **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!bn_protocol_is_key (key))
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a valid argument name (lower-case letters, digits, _ and -)",
                   key);
      return FALSE;
    }
  if (bn_request_get (self, key) != NULL)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                   "Argument %s= is given twice", key);
      return FALSE;
    }
  if (!value_is_valid (value))
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                   "The value of %s= is not valid UTF-8 text", key);
      return FALSE;
    }
  if (self->keys->len >= BN_PROTOCOL_MAX_ARGS)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                   "Too many arguments (at most %d)", BN_PROTOCOL_MAX_ARGS);
      return FALSE;
    }
  g_ptr_array_add (self->keys, g_strdup (key));
  g_ptr_array_add (self->values, g_strdup (value));
  return TRUE;
}

void
bn_request_add_uint (BnRequest  *self,
                     const char *key,
                     guint64     value)
{
  char buf[32];

  g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT, value);
  if (!bn_request_add (self, key, buf, NULL))
    g_critical ("Invalid or duplicate request key %s", key);
}

static gboolean
needs_quotes (const char *value)
{
  if (*value == '\0')
    return TRUE;
  for (const char *p = value; *p; p++)
    if (g_ascii_isspace (*p) || *p == '"' || *p == '\\')
      return TRUE;
  return FALSE;
}

char *
bn_request_format (const BnRequest *self)
{
  GString *str = g_string_new (verbs[self->verb]);

  g_string_append_c (str, ' ');
  g_string_append (str, self->command);

  for (guint i = 0; i < self->keys->len; i++)
    {
      const char *value = g_ptr_array_index (self->values, i);

      g_string_append_printf (str, " %s=", (const char *) g_ptr_array_index (self->keys, i));
      if (!needs_quotes (value))
        {
          g_string_append (str, value);
          continue;
        }
      g_string_append_c (str, '"');
      for (const char *p = value; *p; p++)
        {
          switch (*p)
            {
            case '"': g_string_append (str, "\\\""); break;
            case '\\': g_string_append (str, "\\\\"); break;
            case '\n': g_string_append (str, "\\n"); break;
            case '\t': g_string_append (str, "\\t"); break;
            default: g_string_append_c (str, *p); break;
            }
        }
      g_string_append_c (str, '"');
    }

  return g_string_free (str, FALSE);
}

static gboolean
syntax_error (GError    **error,
              gsize       column,
              const char *what)
{
  g_set_error (error, BN_ERROR, BN_ERROR_INVALID_DATA,
               "Malformed request at column %" G_GSIZE_FORMAT ": %s", column + 1, what);
  return FALSE;
}

/* Reads one token starting at *pos: a bare word or, after key=, a quoted string. */
static gboolean
read_value (const char  *line,
            gsize        length,
            gsize       *pos,
            GString     *out,
            GError     **error)
{
  gsize i = *pos;

  if (i < length && line[i] == '"')
    {
      for (i++; i < length; i++)
        {
          char c = line[i];

          if (c == '"')
            {
              i++;
              if (i < length && line[i] != ' ' && line[i] != '\t')
                return syntax_error (error, i, "a quoted value must be followed by a space");
              *pos = i;
              return TRUE;
            }
          if (c == '\\')
            {
              if (++i >= length)
                break;
              switch (line[i])
                {
                case '"': g_string_append_c (out, '"'); break;
                case '\\': g_string_append_c (out, '\\'); break;
                case 'n': g_string_append_c (out, '\n'); break;
                case 't': g_string_append_c (out, '\t'); break;
                default: return syntax_error (error, i, "unknown escape in a quoted value");
                }
              continue;
            }
          g_string_append_c (out, c);
        }
      return syntax_error (error, length, "unterminated quoted value");
    }

  for (; i < length && line[i] != ' ' && line[i] != '\t'; i++)
    {
      if (line[i] == '"' || line[i] == '\\')
        return syntax_error (error, i, "quotes and backslashes need a quoted value");
      g_string_append_c (out, line[i]);
    }
  *pos = i;
  return TRUE;
}

static void
skip_blanks (const char *line,
             gsize       length,
             gsize      *pos)
{
  while (*pos < length && (line[*pos] == ' ' || line[*pos] == '\t'))
    (*pos)++;
}

BnRequest *
bn_request_parse (const char  *line,
                  gsize        length,
                  GError     **error)
{
  g_autoptr(BnRequest) request = NULL;
  g_autoptr(GString) token = g_string_new (NULL);
  gsize pos = 0;
  BnVerb verb;

  g_return_val_if_fail (line != NULL || length == 0, NULL);

  if (length > BN_PROTOCOL_MAX_REQUEST)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_DATA,
                   "Request longer than %d bytes", BN_PROTOCOL_MAX_REQUEST);
      return NULL;
    }
  if (!g_utf8_validate_len (line, length, NULL))
    {
      g_set_error_literal (error, BN_ERROR, BN_ERROR_INVALID_DATA,
                           "Request is not valid UTF-8");
      return NULL;
    }
  for (gsize i = 0; i < length; i++)
    {
      if ((guchar) line[i] < 0x20 && line[i] != '\t')
        {
          syntax_error (error, i, "control character in the request");
          return NULL;
        }
    }

  skip_blanks (line, length, &pos);
  while (pos < length && line[pos] != ' ' && line[pos] != '\t')
    g_string_append_c (token, line[pos++]);
  if (token->len == 0)
    {
      syntax_error (error, pos, "empty request");
      return NULL;
    }
  if (!bn_verb_from_string (token->str, &verb))
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_DATA,
                   "Unknown verb “%s”: expected get, set or operate", token->str);
      return NULL;
    }

  skip_blanks (line, length, &pos);
  g_string_truncate (token, 0);
  while (pos < length && line[pos] != ' ' && line[pos] != '\t')
    g_string_append_c (token, line[pos++]);
  if (!bn_protocol_is_command (token->str))
    {
      if (token->len == 0)
        syntax_error (error, pos, "missing command after the verb");
      else
        g_set_error (error, BN_ERROR, BN_ERROR_INVALID_DATA,
                     "“%s” is not a command name (letters and digits, at most %d)",
                     token->str, BN_PROTOCOL_MAX_COMMAND);
      return NULL;
    }
  request = bn_request_new (verb, token->str);

  for (;;)
    {
      g_autoptr(GString) value = g_string_new (NULL);
      g_autofree char *key = NULL;
      gsize key_start;

      skip_blanks (line, length, &pos);
      if (pos >= length)
        break;

      key_start = pos;
      while (pos < length && line[pos] != '=' && line[pos] != ' ' && line[pos] != '\t')
        pos++;
      if (pos >= length || line[pos] != '=')
        {
          syntax_error (error, key_start, "expected key=value");
          return NULL;
        }
      key = g_strndup (line + key_start, pos - key_start);
      pos++;
      if (!read_value (line, length, &pos, value, error))
        return NULL;
      if (!bn_request_add (request, key, value->str, error))
        {
          /* what is bad input for a caller building a request is bad data on the wire */
          if (error != NULL && *error != NULL)
            (*error)->code = BN_ERROR_INVALID_DATA;
          g_prefix_error (error, "Malformed request: ");
          return NULL;
        }
    }

  return g_steal_pointer (&request);
}

void
bn_reply_free (BnReply *reply)
{
  if (reply == NULL)
    return;
  g_free (reply->message);
  g_clear_pointer (&reply->root, json_node_unref);
  g_free (reply);
}

BnReply *
bn_reply_parse (const char  *line,
                gsize        length,
                GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(BnReply) reply = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *obj;
  JsonNode *node;
  gint64 rc;

  if (length > BN_PROTOCOL_MAX_REPLY)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_DATA,
                   "Reply longer than %d bytes", BN_PROTOCOL_MAX_REPLY);
      return NULL;
    }
  if (!g_utf8_validate_len (line, length, NULL))
    {
      g_set_error_literal (error, BN_ERROR, BN_ERROR_INVALID_DATA, "Reply is not valid UTF-8");
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, line, length, &local_error))
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_DATA,
                   "Reply is not JSON: %s", local_error->message);
      return NULL;
    }

  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, BN_ERROR, BN_ERROR_INVALID_DATA,
                           "Reply is not a JSON object");
      return NULL;
    }
  obj = json_node_get_object (node);

  node = json_object_get_member (obj, "rc");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_set_error_literal (error, BN_ERROR, BN_ERROR_INVALID_DATA,
                           "Reply has no integer “rc”");
      return NULL;
    }
  rc = json_node_get_int (node);
  if (rc < 0 || rc > 255)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_DATA,
                   "Reply has an out-of-range rc %" G_GINT64_FORMAT, rc);
      return NULL;
    }

  node = json_object_get_member (obj, "message");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error_literal (error, BN_ERROR, BN_ERROR_INVALID_DATA,
                           "Reply has no string “message”");
      return NULL;
    }

  reply = g_new0 (BnReply, 1);
  reply->rc = rc;
  reply->message = g_strdup (json_node_get_string (node));
  reply->root = json_node_ref (json_parser_get_root (parser));

  node = json_object_get_member (obj, "data");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error_literal (error, BN_ERROR, BN_ERROR_INVALID_DATA,
                               "Reply “data” is not an object");
          return NULL;
        }
      reply->data = json_node_get_object (node);
    }

  node = json_object_get_member (obj, "error");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error_literal (error, BN_ERROR, BN_ERROR_INVALID_DATA,
                               "Reply “error” is not an object");
          return NULL;
        }
      reply->error = json_node_get_object (node);
    }

  return g_steal_pointer (&reply);
}

static char *
format_envelope (BnRc        rc,
                 const char *message,
                 JsonNode   *data,
                 JsonNode   *error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "rc");
  json_builder_add_int_value (builder, rc);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message ? message : bn_rc_to_string (rc));
  if (data != NULL)
    {
      json_builder_set_member_name (builder, "data");
      json_builder_add_value (builder, json_node_ref (data));
    }
  if (error != NULL)
    {
      json_builder_set_member_name (builder, "error");
      json_builder_add_value (builder, json_node_ref (error));
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

char *
bn_reply_format (BnRc        rc,
                 const char *message,
                 JsonNode   *data,
                 JsonNode   *error)
{
  return format_envelope (rc, message, data, error);
}

/* Splices an already serialised data object into the envelope, so that a blade can cache
 * the serialisation of a large document between requests. */
char *
bn_reply_format_raw (BnRc        rc,
                     const char *message,
                     const char *data_json)
{
  g_autofree char *envelope = format_envelope (rc, message, NULL, NULL);
  gsize len = strlen (envelope);

  g_assert (len > 0 && envelope[len - 1] == '}');
  envelope[len - 1] = '\0';
  return g_strconcat (envelope, ",\"data\":", data_json, "}", NULL);
}
