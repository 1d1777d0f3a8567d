/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bnctl"

#include "config.h"

#include <libsecret/secret.h>

#include "bn-error.h"
#include "bn-guest-settings.h"
#include "bnctl.h"

/* bnctl guest: the Guest OS Information saved per LPAR (§4.2.1), the same rows the
 * console's Migration Setting Save writes and that move with the LPAR (§5.13). */

/* The command's options and its one HVM:LPAR argument; exit code 0 or the failure's. */
static int
parse_lpar_args (Bnctl         *ctl,
                 const char    *usage,
                 GOptionEntry  *entries,
                 int           *argc,
                 char        ***argv,
                 char         **hvm,
                 guint         *lpar)
{
  g_autoptr(GError) error = NULL;

  if (!bnctl_parse_options (ctl, usage, entries, argc, argv, &error))
    return bnctl_fail (ctl, error);
  if (*argc != 2)
    return bnctl_usage_error (usage, "give one HVM_ID:LPAR");
  if (!bnctl_parse_target ((*argv)[1], TRUE, hvm, lpar, &error))
    return bnctl_usage_error (usage, "%s", error->message);
  return BNCTL_EXIT_OK;
}

/* The engine, when HVM is registered. */
static BnEngine *
open_registered (Bnctl       *ctl,
                 const char  *hvm,
                 GError     **error)
{
  BnEngine *engine = bnctl_get_engine (ctl, error);

  if (engine == NULL || bnctl_find_hvm (engine, hvm, error) == NULL)
    return NULL;
  return engine;
}

/* parse_lpar_args () and open_registered () for a command without options. */
static int
open_lpar (Bnctl       *ctl,
           const char  *usage,
           int         *argc,
           char      ***argv,
           char       **hvm,
           guint       *lpar,
           BnEngine   **engine)
{
  g_autoptr(GError) error = NULL;
  int code = parse_lpar_args (ctl, usage, NULL, argc, argv, hvm, lpar);

  if (code != BNCTL_EXIT_OK)
    return code;
  *engine = open_registered (ctl, *hvm, &error);
  return *engine != NULL ? BNCTL_EXIT_OK : bnctl_fail (ctl, error);
}

static JsonNode *
guest_to_json (const char               *hvm,
               guint                     lpar,
               const BnMigrationRequest *guest)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "hvm");
  json_builder_add_string_value (b, hvm);
  json_builder_set_member_name (b, "lpar");
  json_builder_add_int_value (b, lpar);
  json_builder_set_member_name (b, "os");
  json_builder_add_string_value (b, guest->guest_os == BN_GUEST_OS_WINDOWS ? "windows" : "linux");
  json_builder_set_member_name (b, "address");
  json_builder_add_string_value (b, guest->guest_address);
  json_builder_set_member_name (b, "port");
  json_builder_add_int_value (b, guest->guest_port);
  json_builder_set_member_name (b, "user");
  json_builder_add_string_value (b, guest->guest_user);
  json_builder_set_member_name (b, "key_file");
  json_builder_add_string_value (b, guest->guest_key_file);
  json_builder_set_member_name (b, "forced");
  json_builder_add_boolean_value (b, guest->forced_shutdown);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* Whether a password is saved, asked of the keyring only when one was. */
static const char *
password_state (BnEngine   *engine,
                const char *hvm,
                guint       lpar)
{
  BnGuestSettings *settings = bn_engine_get_guest_settings (engine);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *password;
  gboolean saved;

  bn_guest_settings_lookup_password_async (settings, hvm, lpar, NULL, bnctl_store_result,
                                           &result);
  password = bn_guest_settings_lookup_password_finish (settings, bnctl_wait (&result), &error);
  saved = password != NULL;
  secret_password_free (password);
  if (error != NULL)
    return "saved, but the keyring cannot be read now";
  return saved ? "saved in the keyring" : "not saved";
}

static int
cmd_guest_show (Bnctl  *ctl,
                int     argc,
                char  **argv)
{
  const char *usage = "guest show HVM_ID:LPAR";
  g_autoptr(GError) error = NULL;
  g_autoptr(BnMigrationRequest) guest = bn_migration_request_new (BN_OPERATION_MIGRATION);
  g_autofree char *hvm = NULL;
  BnEngine *engine;
  guint lpar = 0;
  int code;

  code = open_lpar (ctl, usage, &argc, &argv, &hvm, &lpar, &engine);
  if (code != BNCTL_EXIT_OK)
    return code;
  if (!bn_guest_settings_lookup (bn_engine_get_guest_settings (engine), hvm, lpar, guest, &error))
    {
      if (error == NULL)
        g_set_error (&error, BN_ERROR, BN_ERROR_NOT_FOUND,
                     "No Guest OS Information is saved for %s:%u", hvm, lpar);
      return bnctl_fail (ctl, error);
    }
  if (ctl->json)
    {
      g_autoptr(JsonNode) node = guest_to_json (hvm, lpar, guest);

      bnctl_print_json (node);
      return BNCTL_EXIT_OK;
    }
  g_print ("Guest OS Information of %s:%u\n", hvm, lpar);
  g_print ("OS:              %s\n", guest->guest_os == BN_GUEST_OS_WINDOWS ? "Windows" : "Linux");
  g_print ("IP Address:      %s\n", guest->guest_address);
  if (guest->guest_port != 0)
    g_print ("Port:            %u\n", guest->guest_port);
  else
    g_print ("Port:            default\n");
  g_print ("User ID:         %s\n", guest->guest_user);
  if (guest->guest_key_file != NULL && *guest->guest_key_file != '\0')
    g_print ("Key file:        %s\n", guest->guest_key_file);
  g_print ("Forced shutdown: %s\n", guest->forced_shutdown ? "yes" : "no");
  g_print ("Password:        %s\n", password_state (engine, hvm, lpar));
  return BNCTL_EXIT_OK;
}

static int
cmd_guest_save (Bnctl  *ctl,
                int     argc,
                char  **argv)
{
  const char *usage = "guest save HVM_ID:LPAR --guest-os linux|windows --guest-ip IP "
                      "[--guest-port N] --guest-user USER [--key-file FILE] [--forced] "
                      "[--password-file FILE]";
  g_auto(BnctlMoveOptions) options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(BnMigrationRequest) guest = bn_migration_request_new (BN_OPERATION_MIGRATION);
  g_autofree char *hvm = NULL;
  BnEngine *engine;
  guint lpar = 0;
  int code;

  code = parse_lpar_args (ctl, usage, bnctl_guest_options_entries (&options), &argc, &argv, &hvm,
                          &lpar);
  if (code != BNCTL_EXIT_OK)
    return code;
  /* validate before opening the database: bad input changes nothing */
  if (!bnctl_guest_options_apply (&options, guest, &error) ||
      (options.password_file != NULL &&
       !bnctl_read_password_file (options.password_file, &guest->guest_password, &error)))
    return bnctl_usage_error (usage, "%s", error->message);
  engine = open_registered (ctl, hvm, &error);
  if (engine == NULL)
    return bnctl_fail (ctl, error);
  if (!bn_guest_settings_save (bn_engine_get_guest_settings (engine), hvm, lpar, guest, &error))
    return bnctl_fail (ctl, error);
  if (options.password_file != NULL)
    {
      g_autoptr(GAsyncResult) result = NULL;
      BnGuestSettings *settings = bn_engine_get_guest_settings (engine);

      bn_guest_settings_save_password_async (settings, hvm, lpar, guest->guest_password, NULL,
                                             bnctl_store_result, &result);
      if (!bn_guest_settings_save_password_finish (settings, bnctl_wait (&result), &error))
        return bnctl_fail (ctl, error);
    }
  if (ctl->json)
    {
      g_autoptr(JsonNode) node = guest_to_json (hvm, lpar, guest);

      bnctl_print_json (node);
    }
  else
    g_print ("Guest OS Information of %s:%u saved\n", hvm, lpar);
  return BNCTL_EXIT_OK;
}

static int
cmd_guest_forget (Bnctl  *ctl,
                  int     argc,
                  char  **argv)
{
  const char *usage = "guest forget HVM_ID:LPAR";
  g_autoptr(GError) error = NULL;
  g_autofree char *hvm = NULL;
  BnEngine *engine;
  guint lpar = 0;
  int code;

  code = open_lpar (ctl, usage, &argc, &argv, &hvm, &lpar, &engine);
  if (code != BNCTL_EXIT_OK)
    return code;
  if (!bn_guest_settings_forget (bn_engine_get_guest_settings (engine), hvm, lpar, &error))
    return bnctl_fail (ctl, error);
  if (!ctl->json)
    g_print ("Guest OS Information of %s:%u removed\n", hvm, lpar);
  return BNCTL_EXIT_OK;
}

const BnctlCommand bnctl_guest_commands[] = {
  { "guest", "show", cmd_guest_show, "guest show HVM_ID:LPAR",
    "the Guest OS Information saved for an LPAR (§4.2.1)" },
  { "guest", "save", cmd_guest_save,
    "guest save HVM_ID:LPAR --guest-os OS --guest-ip IP --guest-user USER",
    "save an LPAR's Guest OS Information (never a password)" },
  { "guest", "forget", cmd_guest_forget, "guest forget HVM_ID:LPAR",
    "remove an LPAR's saved Guest OS Information" },
  { NULL }
};
