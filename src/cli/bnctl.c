/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bnctl"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "bn-error.h"
#include "bn-process.h"
#include "bnctl.h"

/* bnctl: everything the console does, from a shell.  Commands live in bnctl-*.c tables;
 * this file holds the dispatcher and the output helpers they share. */

static const BnctlCommand *command_tables[] = {
  bnctl_fleet_commands,
  bnctl_check_commands,
  bnctl_migrate_commands,
  bnctl_guest_commands,
  bnctl_path_commands,
  bnctl_policy_commands,
  bnctl_hvmsh_commands,
};

struct _BnctlTable
{
  guint      n_columns;
  GPtrArray *rows;   /* GStrv */
};

BnctlTable *
bnctl_table_new (const char *first_column,
                 ...)
{
  BnctlTable *table = g_new0 (BnctlTable, 1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *column;
  va_list args;

  va_start (args, first_column);
  for (column = first_column; column != NULL; column = va_arg (args, const char *))
    g_strv_builder_add (builder, column);
  va_end (args);

  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (table->rows, g_strv_builder_end (builder));
  table->n_columns = g_strv_length (g_ptr_array_index (table->rows, 0));
  return table;
}

void
bnctl_table_add_row (BnctlTable *table,
                     const char *first_cell,
                     ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *cell = first_cell;
  va_list args;

  va_start (args, first_cell);
  for (guint i = 0; i < table->n_columns; i++)
    {
      g_strv_builder_add (builder, cell ? cell : "");
      if (i + 1 < table->n_columns)
        cell = va_arg (args, const char *);
    }
  va_end (args);
  g_ptr_array_add (table->rows, g_strv_builder_end (builder));
}

void
bnctl_table_print (BnctlTable *table)
{
  g_autofree guint *widths = g_new0 (guint, table->n_columns);

  for (guint r = 0; r < table->rows->len; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < table->n_columns; c++)
        widths[c] = MAX (widths[c], (guint) g_utf8_strlen (row[c], -1));
    }
  for (guint r = 0; r < table->rows->len; r++)
    {
      char **row = g_ptr_array_index (table->rows, r);
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint c = 0; c < table->n_columns; c++)
        {
          g_string_append (line, row[c]);
          if (c + 1 < table->n_columns)
            for (guint pad = g_utf8_strlen (row[c], -1); pad < widths[c] + 2; pad++)
              g_string_append_c (line, ' ');
        }
      g_print ("%s\n", line->str);
    }
}

void
bnctl_table_free (BnctlTable *table)
{
  g_ptr_array_unref (table->rows);
  g_free (table);
}

void
bnctl_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

int
bnctl_exit_for_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return BNCTL_EXIT_CANCELLED;
  if (error->domain != BN_ERROR)
    return BNCTL_EXIT_FAILED;
  switch ((BnErrorCode) error->code)
    {
    case BN_ERROR_INVALID_ARGUMENT:
    case BN_ERROR_NOT_FOUND:
    case BN_ERROR_EXISTS:
      return BNCTL_EXIT_USAGE;
    case BN_ERROR_UNREACHABLE:
    case BN_ERROR_TIMED_OUT:
    case BN_ERROR_REFUSED:
      return BNCTL_EXIT_UNREACHABLE;
    case BN_ERROR_BUSY:
    case BN_ERROR_LOCKED:
      return BNCTL_EXIT_BUSY;
    case BN_ERROR_NOT_APPLICABLE:
      return BNCTL_EXIT_REFUSED;
    case BN_ERROR_CANCELLED:
      return BNCTL_EXIT_CANCELLED;
    default:
      return BNCTL_EXIT_FAILED;
    }
}

/* Errors go to stderr for people and as {"error": …} for scripts. */
int
bnctl_fail (Bnctl        *ctl,
            const GError *error)
{
  int code = bnctl_exit_for_error (error);

  if (ctl->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, error->message);
      json_builder_set_member_name (builder, "exit_code");
      json_builder_add_int_value (builder, code);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      bnctl_print_json (root);
    }
  g_printerr ("bnctl: %s\n", error->message);
  return code;
}

int
bnctl_usage_error (const char *usage,
                   const char *format,
                   ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("bnctl: %s\nUsage: bnctl %s\n", msg, usage);
  return BNCTL_EXIT_USAGE;
}

BnEngine *
bnctl_get_engine (Bnctl   *ctl,
                  GError **error)
{
  if (ctl->engine == NULL)
    ctl->engine = bn_engine_new (ctl->db_path, error);
  return ctl->engine;
}

/* Every command also takes the global --json and --db after its name. */
gboolean
bnctl_parse_options (Bnctl          *ctl,
                     const char     *usage,
                     GOptionEntry   *entries,
                     int            *argc,
                     char         ***argv,
                     GError        **error)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autofree char *db = NULL;
  gboolean json = FALSE;
  GOptionEntry global[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Machine-readable output", NULL },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Database file", "PATH" },
    { NULL }
  };

  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, global, NULL);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    {
      g_prefix_error (error, "%s (usage: bnctl %s): ", "Bad option", usage);
      bn_error_convert (error, BN_ERROR_INVALID_ARGUMENT);
      return FALSE;
    }
  ctl->json |= json;
  if (db != NULL)
    {
      g_free (ctl->db_path);
      ctl->db_path = g_steal_pointer (&db);
    }
  return TRUE;
}

void
bnctl_store_result (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/* The CLI runs the engine's asynchronous API to completion, one call at a time. */
GAsyncResult *
bnctl_wait (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* Runs an Update (@summary may be NULL); FALSE with @error only when it could not run at
 * all. */
gboolean
bnctl_update (BnEngine         *engine,
              BnUpdateSummary  *summary,
              GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  BnFleet *fleet = bn_engine_get_fleet (engine);

  bn_fleet_update_async (fleet, NULL, bnctl_store_result, &result);
  return bn_fleet_update_finish (fleet, bnctl_wait (&result), summary, error);
}

/* One registered HVM, or NULL with BN_ERROR_NOT_FOUND. */
BnHvm *
bnctl_find_hvm (BnEngine    *engine,
                const char  *id,
                GError     **error)
{
  BnHvm *hvm = bn_fleet_find_hvm (bn_engine_get_fleet (engine), id);

  if (hvm == NULL)
    g_set_error (error, BN_ERROR, BN_ERROR_NOT_FOUND, "No HVM with ID %s is registered", id);
  return hvm;
}

/* One registered HVM, read now. */
BnHvm *
bnctl_read_hvm (Bnctl       *ctl,
                const char  *id,
                GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  BnEngine *engine = bnctl_get_engine (ctl, error);
  BnFleet *fleet;
  BnHvm *hvm;

  if (engine == NULL)
    return NULL;
  fleet = bn_engine_get_fleet (engine);
  hvm = bnctl_find_hvm (engine, id, error);
  if (hvm == NULL)
    return NULL;
  bn_fleet_update_hvm_async (fleet, hvm, NULL, bnctl_store_result, &result);
  if (!bn_fleet_update_hvm_finish (fleet, bnctl_wait (&result), error))
    return NULL;
  return hvm;
}

static void
print_help (void)
{
  g_print ("Usage: bnctl [--db PATH] [--json] COMMAND [ARGS…]\n\n"
           "Blade Navigator from the command line: register HVMs, read them, check and move "
           "LPARs.\n\nCommands:\n");
  for (guint t = 0; t < G_N_ELEMENTS (command_tables); t++)
    for (const BnctlCommand *c = command_tables[t]; c->name != NULL; c++)
      {
        g_autofree char *name = c->sub ? g_strdup_printf ("%s %s", c->name, c->sub)
                                       : g_strdup (c->name);
        g_print ("  %-22s %s\n", name, c->summary);
      }
  g_print ("\nExit codes: 0 ok, 1 failed, 2 bad usage or input, 3 check refused, "
           "4 HVM unreachable, 5 busy or locked, 6 cancelled.\nSee docs/cli.md.\n");
}

int
main (int    argc,
      char **argv)
{
  Bnctl ctl = { NULL, FALSE, NULL };
  const char *name;
  const char *sub = NULL;
  int first = 1;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  bn_process_raise_fd_limit ();

  /* global options before the command */
  while (first < argc && argv[first][0] == '-')
    {
      if (g_str_equal (argv[first], "--json"))
        ctl.json = TRUE;
      else if (g_str_equal (argv[first], "--db") && first + 1 < argc)
        ctl.db_path = g_strdup (argv[++first]);
      else if (g_str_has_prefix (argv[first], "--db="))
        ctl.db_path = g_strdup (argv[first] + 5);
      else if (g_str_equal (argv[first], "--help") || g_str_equal (argv[first], "-h"))
        {
          print_help ();
          return BNCTL_EXIT_OK;
        }
      else if (g_str_equal (argv[first], "--version"))
        {
          g_print ("bnctl %s\n", PACKAGE_VERSION);
          return BNCTL_EXIT_OK;
        }
      else
        return bnctl_usage_error ("[--db PATH] [--json] COMMAND …", "unknown option %s",
                                  argv[first]);
      first++;
    }
  if (first >= argc)
    {
      print_help ();
      return BNCTL_EXIT_USAGE;
    }
  name = argv[first];
  if (g_str_equal (name, "help"))
    {
      print_help ();
      return BNCTL_EXIT_OK;
    }
  if (first + 1 < argc)
    sub = argv[first + 1];

  for (guint t = 0; t < G_N_ELEMENTS (command_tables); t++)
    for (const BnctlCommand *c = command_tables[t]; c->name != NULL; c++)
      {
        int skip;

        if (!g_str_equal (c->name, name))
          continue;
        if (c->sub != NULL && g_strcmp0 (c->sub, sub) != 0)
          continue;
        skip = c->sub ? 2 : 1;
        status = c->func (&ctl, argc - first - skip + 1, argv + first + skip - 1);
        g_clear_object (&ctl.engine);
        g_free (ctl.db_path);
        return status;
      }

  g_printerr ("bnctl: unknown command “%s%s%s” (bnctl help lists them)\n", name,
              sub ? " " : "", sub ? sub : "");
  return BNCTL_EXIT_USAGE;
}
