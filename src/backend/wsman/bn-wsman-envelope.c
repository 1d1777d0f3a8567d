/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-wsman-envelope"

#include "config.h"

#include <string.h>

#include "bn-wsman-envelope.h"

G_DEFINE_QUARK (bn-wsman-error-quark, bn_wsman_error)

/* Envelopes larger than this are refused (WinRM's own MaxEnvelopeSize is 150 KiB, and a
 * Win32Shutdown answer is under 2 KiB). */
#define MAX_ENVELOPE (512 * 1024)

/* ---- parsing ----------------------------------------------------------------------- */

/* GMarkup knows nothing of namespaces: each frame records the xmlns declarations made on
 * its element, and element names are resolved against the stack. */
typedef struct
{
  char       *ns;
  char       *local;
  GHashTable *decls;  /* prefix ("" for the default) -> URI, or NULL */
  GString    *text;
} Frame;

typedef struct
{
  GArray          *stack;  /* of Frame */
  BnWsmanEnvelope *env;
  gboolean         saw_body;
  gboolean         saw_body_element;
} ParseState;

static void
frame_clear (gpointer data)
{
  Frame *frame = data;

  g_free (frame->ns);
  g_free (frame->local);
  g_clear_pointer (&frame->decls, g_hash_table_unref);
  g_string_free (frame->text, TRUE);
}

/* g_set_str() is GLib 2.76 */
static void
set_str (char       **field,
         const char  *value)
{
  if (*field != value)
    {
      g_free (*field);
      *field = g_strdup (value);
    }
}

static const char *
lookup_prefix (ParseState *ps,
               const char *prefix)
{
  for (guint i = ps->stack->len; i > 0; i--)
    {
      Frame *frame = &g_array_index (ps->stack, Frame, i - 1);
      const char *uri;

      if (frame->decls != NULL && (uri = g_hash_table_lookup (frame->decls, prefix)) != NULL)
        return uri;
    }
  if (g_str_equal (prefix, "xml"))
    return "http://www.w3.org/XML/1998/namespace";
  return NULL;
}

static gboolean
resolve_name (ParseState  *ps,
              const char  *qname,
              char       **ns,
              char       **local,
              GError     **error)
{
  const char *colon = strchr (qname, ':');
  g_autofree char *prefix = colon ? g_strndup (qname, colon - qname) : g_strdup ("");
  const char *uri = lookup_prefix (ps, prefix);

  if (uri == NULL && *prefix != '\0')
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   "undeclared namespace prefix “%s”", prefix);
      return FALSE;
    }
  *ns = g_strdup (uri != NULL ? uri : "");
  *local = g_strdup (colon ? colon + 1 : qname);
  return TRUE;
}

static Frame *
frame_at (ParseState *ps,
          guint       depth)
{
  g_assert (depth < ps->stack->len);
  return &g_array_index (ps->stack, Frame, depth);
}

static gboolean
frame_is (ParseState *ps,
          guint       depth,
          const char *ns,
          const char *local)
{
  Frame *frame;

  if (depth >= ps->stack->len)
    return FALSE;
  frame = frame_at (ps, depth);
  return (ns == NULL || g_str_equal (frame->ns, ns)) && g_str_equal (frame->local, local);
}

static void
start_element (GMarkupParseContext  *context,
               const char           *element_name,
               const char          **attribute_names,
               const char          **attribute_values,
               gpointer              user_data,
               GError              **error)
{
  ParseState *ps = user_data;
  Frame frame = { 0 };
  guint depth;

  for (guint i = 0; attribute_names[i] != NULL; i++)
    {
      const char *name = attribute_names[i];

      if (g_str_equal (name, "xmlns") || g_str_has_prefix (name, "xmlns:"))
        {
          if (frame.decls == NULL)
            frame.decls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          g_hash_table_insert (frame.decls, g_strdup (name[5] == ':' ? name + 6 : ""),
                               g_strdup (attribute_values[i]));
        }
    }

  /* Push first so this element's own declarations apply to its name. */
  frame.text = g_string_new (NULL);
  g_array_append_val (ps->stack, frame);
  depth = ps->stack->len - 1;
  {
    Frame *top = frame_at (ps, depth);

    if (!resolve_name (ps, element_name, &top->ns, &top->local, error))
      return;
  }

  if (depth == 0 && !frame_is (ps, 0, BN_WSMAN_NS_SOAP, "Envelope"))
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   "the root element is not a SOAP 1.2 Envelope");
      return;
    }

  if (depth == 2 && frame_is (ps, 1, BN_WSMAN_NS_SOAP, "Body"))
    {
      if (ps->saw_body_element)
        return;
      ps->saw_body_element = TRUE;
      if (frame_is (ps, 2, BN_WSMAN_NS_SOAP, "Fault"))
        ps->env->is_fault = TRUE;
      else
        {
          ps->env->body_namespace = g_strdup (frame_at (ps, 2)->ns);
          ps->env->body_name = g_strdup (frame_at (ps, 2)->local);
        }
    }

  if (ps->env->is_fault && depth >= 4 && frame_is (ps, depth, NULL, "WSManFault") &&
      frame_is (ps, 3, BN_WSMAN_NS_SOAP, "Detail"))
    {
      for (guint i = 0; attribute_names[i] != NULL; i++)
        if (g_str_equal (attribute_names[i], "Code"))
          set_str (&ps->env->fault_wsman_code, attribute_values[i]);
    }
}

static void
end_element (GMarkupParseContext  *context,
             const char           *element_name,
             gpointer              user_data,
             GError              **error)
{
  ParseState *ps = user_data;
  BnWsmanEnvelope *env = ps->env;
  guint depth = ps->stack->len - 1;
  Frame *top = frame_at (ps, depth);
  g_autofree char *text = g_strstrip (g_strdup (top->text->str));

  if (depth == 1 && frame_is (ps, 1, BN_WSMAN_NS_SOAP, "Body"))
    ps->saw_body = TRUE;

  if (depth == 2 && frame_is (ps, 1, BN_WSMAN_NS_SOAP, "Header"))
    {
      if (g_str_equal (top->ns, BN_WSMAN_NS_ADDRESSING))
        {
          if (g_str_equal (top->local, "Action"))
            set_str (&env->action, text);
          else if (g_str_equal (top->local, "To"))
            set_str (&env->to, text);
          else if (g_str_equal (top->local, "MessageID"))
            set_str (&env->message_id, text);
          else if (g_str_equal (top->local, "RelatesTo"))
            set_str (&env->relates_to, text);
        }
      else if (g_str_equal (top->ns, BN_WSMAN_NS_WSMAN) &&
               g_str_equal (top->local, "ResourceURI"))
        set_str (&env->resource_uri, text);
    }

  if (depth == 3 && frame_is (ps, 1, BN_WSMAN_NS_SOAP, "Body") && !env->is_fault &&
      env->body_name != NULL && frame_is (ps, 2, env->body_namespace, env->body_name) &&
      env->param_names->len < 256)
    {
      g_ptr_array_add (env->param_names, g_strdup (top->local));
      g_ptr_array_add (env->param_values, g_strdup (text));
    }

  if (env->is_fault && depth >= 3 && frame_is (ps, 2, BN_WSMAN_NS_SOAP, "Fault"))
    {
      if (depth == 4 && frame_is (ps, 3, BN_WSMAN_NS_SOAP, "Code") &&
          frame_is (ps, 4, BN_WSMAN_NS_SOAP, "Value"))
        set_str (&env->fault_code, text);
      else if (depth == 5 && frame_is (ps, 3, BN_WSMAN_NS_SOAP, "Code") &&
               frame_is (ps, 4, BN_WSMAN_NS_SOAP, "Subcode") &&
               frame_is (ps, 5, BN_WSMAN_NS_SOAP, "Value"))
        set_str (&env->fault_subcode, text);
      else if (depth == 4 && frame_is (ps, 3, BN_WSMAN_NS_SOAP, "Reason") &&
               frame_is (ps, 4, BN_WSMAN_NS_SOAP, "Text") && env->fault_reason == NULL)
        set_str (&env->fault_reason, text);
      else if (depth >= 4 && frame_is (ps, 3, BN_WSMAN_NS_SOAP, "Detail") && *text != '\0')
        {
          /* Prefer WSManFault/Message; otherwise the first text found in Detail. */
          if (g_str_equal (top->local, "Message") && frame_is (ps, depth - 1, NULL, "WSManFault"))
            set_str (&env->fault_message, text);
          else if (env->fault_message == NULL)
            set_str (&env->fault_message, text);
        }
    }

  /* the array's clear func frees the frame */
  g_array_set_size (ps->stack, depth);
}

static void
text (GMarkupParseContext  *context,
      const char           *data,
      gsize                 len,
      gpointer              user_data,
      GError              **error)
{
  ParseState *ps = user_data;

  if (ps->stack->len > 0)
    g_string_append_len (frame_at (ps, ps->stack->len - 1)->text, data, len);
}

static const GMarkupParser parser = { start_element, end_element, text, NULL, NULL };

/**
 * bn_wsman_envelope_parse:
 * @data: the XML text
 * @length: its length, or -1 if NUL-terminated
 *
 * Returns: (transfer full) (nullable): the envelope, or %NULL with
 *   %BN_WSMAN_ERROR_MALFORMED
 */
BnWsmanEnvelope *
bn_wsman_envelope_parse (const char  *data,
                         gssize       length,
                         GError     **error)
{
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(BnWsmanEnvelope) env = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) stack = NULL;
  ParseState ps = { 0 };

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (data);
  if (length == 0)
    {
      g_set_error_literal (error, BN_WSMAN_ERROR, BN_WSMAN_ERROR_MALFORMED,
                           "The reply is empty");
      return NULL;
    }
  if (length > MAX_ENVELOPE)
    {
      g_set_error (error, BN_WSMAN_ERROR, BN_WSMAN_ERROR_MALFORMED,
                   "The reply is too large (%" G_GSSIZE_FORMAT " bytes)", length);
      return NULL;
    }

  env = g_new0 (BnWsmanEnvelope, 1);
  env->param_names = g_ptr_array_new_with_free_func (g_free);
  env->param_values = g_ptr_array_new_with_free_func (g_free);
  stack = g_array_new (FALSE, TRUE, sizeof (Frame));
  g_array_set_clear_func (stack, frame_clear);
  ps.stack = stack;
  ps.env = env;

  context = g_markup_parse_context_new (&parser, G_MARKUP_PREFIX_ERROR_POSITION, &ps, NULL);
  if (!g_markup_parse_context_parse (context, data, length, &local_error) ||
      !g_markup_parse_context_end_parse (context, &local_error))
    {
      g_set_error (error, BN_WSMAN_ERROR, BN_WSMAN_ERROR_MALFORMED,
                   "The reply is not a SOAP envelope: %s", local_error->message);
      return NULL;
    }
  if (!ps.saw_body)
    {
      g_set_error_literal (error, BN_WSMAN_ERROR, BN_WSMAN_ERROR_MALFORMED,
                           "The SOAP envelope has no Body");
      return NULL;
    }
  if (!env->is_fault && env->body_name == NULL)
    {
      g_set_error_literal (error, BN_WSMAN_ERROR, BN_WSMAN_ERROR_MALFORMED,
                           "The SOAP Body is empty");
      return NULL;
    }

  return g_steal_pointer (&env);
}

void
bn_wsman_envelope_free (BnWsmanEnvelope *env)
{
  if (env == NULL)
    return;

  g_free (env->action);
  g_free (env->to);
  g_free (env->message_id);
  g_free (env->relates_to);
  g_free (env->resource_uri);
  g_free (env->body_namespace);
  g_free (env->body_name);
  g_clear_pointer (&env->param_names, g_ptr_array_unref);
  g_clear_pointer (&env->param_values, g_ptr_array_unref);
  g_free (env->fault_code);
  g_free (env->fault_subcode);
  g_free (env->fault_reason);
  g_free (env->fault_message);
  g_free (env->fault_wsman_code);
  g_free (env);
}

/**
 * bn_wsman_envelope_get_param:
 *
 * Returns: (nullable): the text of the Body element's child called @name
 */
const char *
bn_wsman_envelope_get_param (const BnWsmanEnvelope *env,
                             const char            *name)
{
  g_return_val_if_fail (env != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < env->param_names->len; i++)
    if (g_str_equal (g_ptr_array_index (env->param_names, i), name))
      return g_ptr_array_index (env->param_values, i);
  return NULL;
}

/**
 * bn_wsman_envelope_dup_fault_text:
 *
 * Returns: (transfer full): one line describing the fault: the reason, the detail message
 *   when it adds something, and the subcode
 */
char *
bn_wsman_envelope_dup_fault_text (const BnWsmanEnvelope *env)
{
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (env != NULL, NULL);

  if (env->fault_reason != NULL && *env->fault_reason != '\0')
    g_string_append (s, env->fault_reason);
  if (env->fault_message != NULL && *env->fault_message != '\0' &&
      g_strcmp0 (env->fault_message, env->fault_reason) != 0)
    g_string_append_printf (s, "%s%s", s->len ? " — " : "", env->fault_message);
  if (s->len == 0)
    g_string_append (s, "SOAP fault without a reason");
  if (env->fault_subcode != NULL || env->fault_code != NULL)
    g_string_append_printf (s, " (%s%s%s)",
                            env->fault_code ? env->fault_code : "",
                            env->fault_code && env->fault_subcode ? ", " : "",
                            env->fault_subcode ? env->fault_subcode : "");
  if (env->fault_wsman_code != NULL)
    g_string_append_printf (s, " [code %s]", env->fault_wsman_code);
  return g_string_free (s, FALSE);
}

/* ---- building ---------------------------------------------------------------------- */

#define ENVELOPE_OPEN \
  "<s:Envelope xmlns:s=\"" BN_WSMAN_NS_SOAP "\" xmlns:a=\"" BN_WSMAN_NS_ADDRESSING "\"" \
  " xmlns:w=\"" BN_WSMAN_NS_WSMAN "\" xmlns:p=\"" BN_WSMAN_NS_MS_WSMAN "\">"

static gboolean
is_identifier (const char *name)
{
  if (!g_ascii_isalpha (*name) && *name != '_')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

static void
append_params (GString            *s,
               const char * const *params)
{
  if (params == NULL)
    return;

  for (guint i = 0; params[i] != NULL && params[i + 1] != NULL; i += 2)
    {
      g_autofree char *value = g_markup_escape_text (params[i + 1], -1);

      /* Names become element names: only WMI-style identifiers are allowed. */
      if (!is_identifier (params[i]))
        {
          g_critical ("“%s” is not a valid WS-Management parameter name", params[i]);
          continue;
        }
      g_string_append_printf (s, "<m:%s>%s</m:%s>", params[i], value, params[i]);
    }
}

/**
 * bn_wsman_build_invoke:
 * @to: the endpoint URL ("http://IP:5985/wsman")
 * @resource_uri: the WMI class, e.g. %BN_WSMAN_RESOURCE_WIN32_OPERATING_SYSTEM
 * @method: the method, e.g. "Win32Shutdown"
 * @params: (nullable) (array zero-terminated=1): name, value, name, value, …, %NULL
 * @message_id: "uuid:…"
 * @timeout_ms: the OperationTimeout to announce
 *
 * Returns: (transfer full): the request envelope
 */
char *
bn_wsman_build_invoke (const char         *to,
                       const char         *resource_uri,
                       const char         *method,
                       const char * const *params,
                       const char         *message_id,
                       guint               timeout_ms)
{
  GString *s;
  g_autofree char *e_to = NULL;
  g_autofree char *e_uri = NULL;
  g_autofree char *e_method = NULL;
  g_autofree char *e_id = NULL;

  g_return_val_if_fail (to != NULL && resource_uri != NULL && message_id != NULL, NULL);
  g_return_val_if_fail (method != NULL && is_identifier (method), NULL);

  s = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  e_to = g_markup_escape_text (to, -1);
  e_uri = g_markup_escape_text (resource_uri, -1);
  e_method = g_markup_escape_text (method, -1);
  e_id = g_markup_escape_text (message_id, -1);

  g_string_append (s, ENVELOPE_OPEN "<s:Header>");
  g_string_append_printf (s, "<a:To>%s</a:To>", e_to);
  g_string_append_printf (s, "<w:ResourceURI s:mustUnderstand=\"true\">%s</w:ResourceURI>",
                          e_uri);
  g_string_append (s, "<a:ReplyTo><a:Address s:mustUnderstand=\"true\">" BN_WSMAN_ANONYMOUS
                      "</a:Address></a:ReplyTo>");
  g_string_append_printf (s, "<a:Action s:mustUnderstand=\"true\">%s/%s</a:Action>",
                          e_uri, e_method);
  g_string_append (s, "<w:MaxEnvelopeSize s:mustUnderstand=\"true\">153600"
                      "</w:MaxEnvelopeSize>");
  g_string_append_printf (s, "<a:MessageID>%s</a:MessageID>", e_id);
  g_string_append (s, "<w:Locale xml:lang=\"en-US\" s:mustUnderstand=\"false\"/>");
  g_string_append_printf (s, "<w:OperationTimeout>PT%u.%03uS</w:OperationTimeout>",
                          timeout_ms / 1000, timeout_ms % 1000);
  g_string_append (s, "</s:Header><s:Body>");
  g_string_append_printf (s, "<m:%s_INPUT xmlns:m=\"%s\">", e_method, e_uri);
  append_params (s, params);
  g_string_append_printf (s, "</m:%s_INPUT>", e_method);
  g_string_append (s, "</s:Body></s:Envelope>");

  return g_string_free (s, FALSE);
}

static char *
new_message_id (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strconcat ("uuid:", uuid, NULL);
}

static void
append_reply_header (GString    *s,
                     const char *action,
                     const char *relates_to)
{
  g_autofree char *id = new_message_id ();
  g_autofree char *e_action = g_markup_escape_text (action, -1);

  g_string_append (s, "<s:Header>");
  g_string_append_printf (s, "<a:Action>%s</a:Action>", e_action);
  g_string_append_printf (s, "<a:MessageID>%s</a:MessageID>", id);
  g_string_append (s, "<a:To>" BN_WSMAN_ANONYMOUS "</a:To>");
  if (relates_to != NULL)
    {
      g_autofree char *e_rel = g_markup_escape_text (relates_to, -1);

      g_string_append_printf (s, "<a:RelatesTo>%s</a:RelatesTo>", e_rel);
    }
  g_string_append (s, "</s:Header>");
}

/**
 * bn_wsman_build_invoke_response:
 * @params: (nullable) (array zero-terminated=1): output name, value pairs, e.g.
 *   "ReturnValue", "0", %NULL
 *
 * Returns: (transfer full): the response envelope WinRM sends for a custom action
 */
char *
bn_wsman_build_invoke_response (const char         *resource_uri,
                                const char         *method,
                                const char         *relates_to,
                                const char * const *params)
{
  GString *s;
  g_autofree char *action = NULL;
  g_autofree char *e_uri = NULL;
  g_autofree char *e_method = NULL;

  g_return_val_if_fail (resource_uri != NULL, NULL);
  g_return_val_if_fail (method != NULL && is_identifier (method), NULL);

  s = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  action = g_strdup_printf ("%s/%sResponse", resource_uri, method);
  e_uri = g_markup_escape_text (resource_uri, -1);
  e_method = g_markup_escape_text (method, -1);

  g_string_append (s, ENVELOPE_OPEN);
  append_reply_header (s, action, relates_to);
  g_string_append_printf (s, "<s:Body><m:%s_OUTPUT xmlns:m=\"%s\">", e_method, e_uri);
  append_params (s, params);
  g_string_append_printf (s, "</m:%s_OUTPUT></s:Body></s:Envelope>", e_method);

  return g_string_free (s, FALSE);
}

/**
 * bn_wsman_build_fault:
 * @relates_to: (nullable): the request's MessageID
 * @code: "s:Sender" or "s:Receiver"
 * @subcode: (nullable): a qualified WS-Management subcode, e.g. "w:AccessDenied"
 * @reason: the human-readable reason
 * @wsman_code: the WSManFault Code (a Win32/WinRM error number), 0 for none
 * @message: (nullable): the WSManFault Message
 *
 * Returns: (transfer full): a SOAP 1.2 fault envelope as WinRM shapes it
 */
char *
bn_wsman_build_fault (const char *relates_to,
                      const char *code,
                      const char *subcode,
                      const char *reason,
                      guint       wsman_code,
                      const char *message)
{
  GString *s = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_autofree char *e_code = g_markup_escape_text (code, -1);
  g_autofree char *e_reason = g_markup_escape_text (reason, -1);

  g_string_append (s, ENVELOPE_OPEN);
  append_reply_header (s, BN_WSMAN_FAULT_ACTION, relates_to);
  g_string_append_printf (s, "<s:Body><s:Fault><s:Code><s:Value>%s</s:Value>", e_code);
  if (subcode != NULL)
    {
      g_autofree char *e_sub = g_markup_escape_text (subcode, -1);

      g_string_append_printf (s, "<s:Subcode><s:Value>%s</s:Value></s:Subcode>", e_sub);
    }
  g_string_append_printf (s, "</s:Code><s:Reason><s:Text xml:lang=\"en-US\">%s</s:Text>"
                             "</s:Reason>", e_reason);
  if (wsman_code != 0 || message != NULL)
    {
      g_string_append (s, "<s:Detail><f:WSManFault xmlns:f=\"" BN_WSMAN_NS_WSMAN_FAULT "\"");
      if (wsman_code != 0)
        g_string_append_printf (s, " Code=\"%u\"", wsman_code);
      g_string_append (s, ">");
      if (message != NULL)
        {
          g_autofree char *e_msg = g_markup_escape_text (message, -1);

          g_string_append_printf (s, "<f:Message>%s</f:Message>", e_msg);
        }
      g_string_append (s, "</f:WSManFault></s:Detail>");
    }
  g_string_append (s, "</s:Fault></s:Body></s:Envelope>");

  return g_string_free (s, FALSE);
}
