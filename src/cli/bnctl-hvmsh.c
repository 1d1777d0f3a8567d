/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bnctl"

#include "config.h"

#include "bn-error.h"
#include "bn-hvmsh-client.h"
#include "bnctl.h"

/* bnctl hvmsh -host=ADDR[:PORT] get|set|operate COMMAND [key=value…]: the raw pass-through,
 * like Hitachi's HvmSh.  The reply is printed as the blade sent it. */

#define USAGE "hvmsh -host=ADDR[:PORT] [--fingerprint SHA256] [--timeout S] " \
              "get|set|operate COMMAND [key=value…]"

static int
exit_for_rc (BnRc rc)
{
  switch (rc)
    {
    case BN_RC_OK: return BNCTL_EXIT_OK;
    case BN_RC_SYNTAX:
    case BN_RC_UNKNOWN_COMMAND:
    case BN_RC_BAD_ARGUMENT:
    case BN_RC_NOT_FOUND: return BNCTL_EXIT_USAGE;
    case BN_RC_BUSY:
    case BN_RC_LOCKED: return BNCTL_EXIT_BUSY;
    case BN_RC_REFUSED: return BNCTL_EXIT_UNREACHABLE;
    default: return BNCTL_EXIT_FAILED;
    }
}

/* A registered HVM at that address lends its pinned certificate. */
static char *
registered_fingerprint (Bnctl      *ctl,
                        const char *address,
                        guint       port)
{
  g_autofree char *path = ctl->db_path ? g_strdup (ctl->db_path) : bn_engine_default_database ();
  BnEngine *engine;
  BnHvm *hvm;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  engine = bnctl_get_engine (ctl, NULL);
  if (engine == NULL)
    return NULL;
  hvm = bn_fleet_find_hvm_by_address (bn_engine_get_fleet (engine), address, port);
  return hvm ? g_strdup (bn_hvm_get_fingerprint (hvm)) : NULL;
}

static int
cmd_hvmsh (Bnctl  *ctl,
           int     argc,
           char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BnRequest) request = NULL;
  g_autoptr(BnHvmshClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(BnReply) reply = NULL;
  g_autofree char *address = NULL;
  g_autofree char *fingerprint = NULL;
  const char *host = NULL;
  guint64 timeout_s = 10;
  guint port;
  BnVerb verb;
  int i = 1;

  for (; i < argc && argv[i][0] == '-'; i++)
    {
      const char *arg = argv[i];

      if (g_str_has_prefix (arg, "-host=") || g_str_has_prefix (arg, "--host="))
        host = strchr (arg, '=') + 1;
      else if ((g_str_equal (arg, "--host") || g_str_equal (arg, "-host")) && i + 1 < argc)
        host = argv[++i];
      else if (g_str_equal (arg, "--fingerprint") && i + 1 < argc)
        fingerprint = g_strdup (argv[++i]);
      else if (g_str_equal (arg, "--timeout") && i + 1 < argc)
        {
          if (!g_ascii_string_to_unsigned (argv[++i], 10, 1, 3600, &timeout_s, NULL))
            return bnctl_usage_error (USAGE, "--timeout takes seconds (1-3600)");
        }
      else if (g_str_equal (arg, "--json"))
        ctl->json = TRUE;
      else if (g_str_equal (arg, "--db") && i + 1 < argc)
        {
          g_free (ctl->db_path);
          ctl->db_path = g_strdup (argv[++i]);
        }
      else
        return bnctl_usage_error (USAGE, "unknown option %s", arg);
    }
  if (host == NULL)
    return bnctl_usage_error (USAGE, "-host=ADDR[:PORT] is required");
  if (!bn_parse_endpoint (host, &address, &port, &error))
    return bnctl_fail (ctl, error);
  if (i + 2 > argc)
    return bnctl_usage_error (USAGE, "give a verb (get, set or operate) and a command");
  if (!bn_verb_from_string (argv[i], &verb))
    return bnctl_usage_error (USAGE, "“%s” is not a verb: get, set or operate", argv[i]);
  if (!bn_protocol_is_command (argv[i + 1]))
    return bnctl_usage_error (USAGE, "“%s” is not a command name", argv[i + 1]);

  request = bn_request_new (verb, argv[i + 1]);
  for (i += 2; i < argc; i++)
    {
      const char *eq = strchr (argv[i], '=');
      g_autofree char *key = NULL;

      if (eq == NULL)
        return bnctl_usage_error (USAGE, "“%s” is not key=value", argv[i]);
      key = g_strndup (argv[i], eq - argv[i]);
      if (!bn_request_add (request, key, eq + 1, &error))
        return bnctl_fail (ctl, error);
    }

  if (fingerprint == NULL)
    fingerprint = registered_fingerprint (ctl, address, port);

  client = bn_hvmsh_client_new (address, port);
  bn_hvmsh_client_set_fingerprint (client, fingerprint);
  bn_hvmsh_client_set_timeout (client, timeout_s * 1000);
  bn_hvmsh_client_call_async (client, request, NULL, bnctl_store_result, &result);
  reply = bn_hvmsh_client_call_finish (client, bnctl_wait (&result), &error);
  if (reply == NULL)
    return bnctl_fail (ctl, error);

  if (ctl->json)
    bnctl_print_json (reply->root);
  else
    {
      JsonNode *data = json_object_get_member (json_node_get_object (reply->root), "data");

      g_print ("rc=%d %s\n", reply->rc, reply->message);
      if (data != NULL)
        bnctl_print_json (data);
      if (reply->error != NULL)
        {
          JsonNode *err = json_object_get_member (json_node_get_object (reply->root), "error");
          bnctl_print_json (err);
        }
    }
  if (fingerprint == NULL)
    g_printerr ("bnctl: blade certificate SHA-256 %s (not pinned)\n",
                bn_hvmsh_client_get_fingerprint (client));
  return exit_for_rc (reply->rc);
}

const BnctlCommand bnctl_hvmsh_commands[] = {
  { "hvmsh", NULL, cmd_hvmsh, USAGE, "send one raw HvmSh-style request" },
  { NULL }
};
