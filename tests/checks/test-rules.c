/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-rules"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "bn-rules.h"

static char *
rules_dir (void)
{
  return g_build_filename (CHECKS_SOURCE_ROOT, "data", "rules", NULL);
}

static void
test_load_directory (void)
{
  g_autofree char *dir = rules_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BnRules) rules = bn_rules_new_from_directory (dir, &error);
  const char *const *files;

  g_assert_no_error (error);
  g_assert_nonnull (rules);
  g_assert_cmpuint (bn_rules_get_n_tables (rules), >, 90);
  files = bn_rules_get_files (rules);
  g_assert_true (g_strv_contains (files, "items.json"));
  g_assert_true (g_strv_contains (files, "hvm-firmware.json"));
  g_assert_false (g_strv_contains (files, "rules.schema.json"));
  g_assert_cmpstr (bn_rules_get_origin (rules), ==, dir);
}

static void
test_load_resource (void)
{
  g_autofree char *dir = rules_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BnRules) from_dir = bn_rules_new_from_directory (dir, &error);
  g_autoptr(BnRules) builtin = NULL;
  g_autoptr(BnRules) again = NULL;

  g_assert_no_error (error);
  builtin = bn_rules_new_default (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (bn_rules_get_n_tables (builtin), ==, bn_rules_get_n_tables (from_dir));
  g_assert_cmpstr (bn_rules_get_origin (builtin), ==, "/io/github/bladenav/checks/rules");

  again = bn_rules_new_from_resource ("/io/github/bladenav/checks/rules", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bn_rules_get_n_tables (again), ==, bn_rules_get_n_tables (from_dir));

  g_clear_object (&again);
  again = bn_rules_new_from_resource ("/io/github/bladenav/nothing/here", &error);
  g_assert_null (again);
  g_assert_error (error, BN_CHECK_ERROR, BN_CHECK_ERROR_RULES);
}

/* Every applicability table of §2.2 is in the data, cited by its number. */
static void
test_table_coverage (void)
{
  g_autofree char *dir = rules_dir ();
  g_autoptr(BnRules) rules = bn_rules_new_from_directory (dir, NULL);
  g_auto(GStrv) numbers = bn_rules_dup_table_numbers (rules);

  for (guint n = 1; n <= 91; n++)
    {
      g_autofree char *number = g_strdup_printf ("表 2-%u", n);

      if (n == 5)
        continue;   /* 表 2-5 is the timing of Concurrent Maintenance mode, not a check */
      if (!bn_rules_has_table (rules, number))
        g_error ("%s is not in the rules", number);
    }
  g_assert_true (bn_rules_has_table (rules, "表 8-2 #5"));
  g_assert_true (bn_rules_has_table (rules, "表 8-3 #5"));
  g_assert_false (bn_rules_has_table (rules, "表 2-5"));
  g_assert_cmpstr (numbers[0], ==, "表 2-1");
  g_assert_cmpstr (numbers[4], ==, "表 2-6");   /* sorted as numbers: 2-1 2-2 2-3 2-4 2-6 */
}

/* ---- broken copies */

static char *
copy_rules (void)
{
  g_autofree char *src = rules_dir ();
  g_autoptr(GError) error = NULL;
  char *tmp = g_dir_make_tmp ("bn-rules-XXXXXX", &error);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_assert_no_error (error);
  dir = g_dir_open (src, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *from = g_build_filename (src, name, NULL);
      g_autofree char *to = g_build_filename (tmp, name, NULL);
      g_autofree char *data = NULL;
      gsize length;

      g_file_get_contents (from, &data, &length, &error);
      g_assert_no_error (error);
      g_file_set_contents (to, data, length, &error);
      g_assert_no_error (error);
    }
  return tmp;
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_unlink (file);
    }
  g_rmdir (path);
}

/* Replaces the first @old in @file by @new. */
static void
edit (const char *dir,
      const char *file,
      const char *old,
      const char *new)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = NULL;
  char *hit;

  g_file_get_contents (path, &data, NULL, &error);
  g_assert_no_error (error);
  hit = strstr (data, old);
  if (hit == NULL)
    g_error ("“%s” is not in %s", old, file);
  text = g_string_new_len (data, hit - data);
  g_string_append (text, new);
  g_string_append (text, hit + strlen (old));
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
}

typedef struct
{
  const char *name;
  const char *file;
  const char *old;
  const char *new;
  const char *expect[3];   /* substrings of the error message, in order */
} Broken;

static const Broken broken[] = {
  { "cell-count", "hvm-firmware.json",
    "[\"○※1\", \"○※1\", \"×\", \"×\"],", "[\"○※1\", \"○※1\", \"×\"],",
    { "hvm-firmware.json: ", "tables[1] (表 2-30)/cells[1]", "3 cells for 4 columns" } },
  { "row-count", "blade-models.json",
    "[\"○\", \"×\"], [\"×\", \"○\"]]", "[\"○\", \"×\"]]",
    { "blade-models.json: ", "tables[1] (表 2-12)/cells", "1 rows of cells for 2 rows" } },
  { "bad-range", "hvm-firmware.json", "\"58-80~59-20\"", "\"58-80~~59-20\"",
    { "hvm-firmware.json: ", "(表 2-30)/rows[2]", "more than one '~'" } },
  { "bad-version", "fc.json", "\"26-08-1B~\"", "\"26-08_1B~\"",
    { "fc.json: ", "tables[0] (表 2-66)/cells[0][0]", "unexpected character '_'" } },
  { "unknown-field", "vnic-system-no.json", "\"vnic_system_no\": \"129~1024\"",
    "\"vnic_sytem_no\": \"129~1024\"",
    { "vnic-system-no.json: ", "(表 2-47)/rows[2]", "unknown field name \"vnic_sytem_no\"" } },
  { "unknown-note", "hvm-firmware.json", "\"○※2\"", "\"○※9\"",
    { "hvm-firmware.json: ", "(表 2-30)/cells[2][3]", "the note ※9 is not in \"notes\"" } },
  { "unused-note", "blade-models.json", "[\"×\", \"○※\", \"×\", \"×\", \"×\", \"×\"]",
    "[\"×\", \"○\", \"×\", \"×\", \"×\", \"×\"]",
    { "blade-models.json: ", "(表 2-11)/notes/※", "no cell uses this note" } },
  { "bad-cell", "efi.json", "[\"○\", \"○\", \"×\", \"×\", \"×\", \"×\", \"×\", \"×\"]",
    "[\"○\", \"OK\", \"×\", \"×\", \"×\", \"×\", \"×\", \"×\"]",
    { "efi.json: ", "(表 2-23)/cells[0][1]", "“OK” is not a cell" } },
  { "overlap", "hvm-firmware.json", "\"58-71~58-72\", \"58-80~59-20\"",
    "\"58-71~58-72\", \"58-72~59-20\"",
    { "hvm-firmware.json: ", "(表 2-30)/rows", "overlap" } },
  { "unknown-check", "support.json", "\"check\": \"hvm-model\"", "\"check\": \"hvm-modle\"",
    { "support.json: ", "tables[4] (表 2-85)", "unknown check \"hvm-modle\"" } },
  { "unknown-member", "guest-os.json", "\"legend\"", "\"legnd\"",
    { "guest-os.json: ", "tables[0] (表 2-55)", "unknown member \"legnd\"" } },
  { "unknown-platform", "blade-models.json", "\"platform\": [\"BS520A\"]",
    "\"platform\": [\"BS520X\"]",
    { "blade-models.json: ", "(表 2-15)/when/platform", "unknown platform \"BS520X\"" } },
  { "not-json", "lpar.json", "\"format\"", "format",
    { "lpar.json: ", "not JSON", NULL } },
  { "format-typo", "efi.json", "bladenav-checks/1", "bladenav-check/1",
    { "efi.json: ", "\"format\" must be \"bladenav-checks/1\"", NULL } },
  { "missing-text", "items.json", "\"text\": \"time-zone-differs\"",
      "\"text\": \"time-zone-differ\"",
    { "items.json: ", "(time-zone)/eval[0]",
        "the text \"time-zone-differ\" is not in \"texts\"" } },
  { "unknown-placeholder", "items.json",
      "\"en\": \"The chassis types differ: {source} / {destination}.\"",
    "\"en\": \"The chassis types differ: {source} / {destinaton}.\"",
    { "items.json: ", "texts/chassis-type-differs/message", "unknown placeholder {destinaton}" } },
  { "unknown-item-field", "items.json", "\"show\": \"chassis_serial\"",
      "\"show\": \"chassis_serail\"",
    { "items.json: ", "(chassis-serial)/show", "unknown field name \"chassis_serail\"" } },
  { "then-missing", "blade-models.json", "\"then\": \"表 2-18\"", "\"then\": \"表 2-99\"",
    { "blade-models.json: ", "(表 2-17)/notes/※", "no source/destination table 表 2-99" } },
  { "refuse-if-field", "vnic-device-type.json", "\"side\": \"either\", \"firmware\": \"59-0x\" }",
    "\"side\": \"either\", \"fw\": \"59-0x\" }",
    { "vnic-device-type.json: ", "(表 2-50)/notes/※/if", "unknown field name \"fw\"" } },
  { "wrong-key", "blade-models.json", "{ \"blade_count\": \"1\", \"label\": \"1 ブレード構成\" }",
    "{ \"firmware\": \"1\", \"label\": \"1 ブレード構成\" }",
    { "blade-models.json: ", "(表 2-21)/rows[0]", "not a key of a \"smp\" table" } },
  { "bad-mode", "lpar.json", "\"when\": { \"mode\": \"shutdown\" }",
      "\"when\": { \"mode\": \"cold\" }",
    { "lpar.json: ", "tables[1] (表 2-8)/when",
        "\"mode\" must be \"shutdown\" or \"concurrent\"" } },
};

static void
test_broken (gconstpointer data)
{
  const Broken *b = data;
  g_autofree char *dir = copy_rules ();
  g_autoptr(GError) error = NULL;
  g_autoptr(BnRules) rules = NULL;
  const char *at;

  edit (dir, b->file, b->old, b->new);
  rules = bn_rules_new_from_directory (dir, &error);
  g_assert_null (rules);
  g_assert_error (error, BN_CHECK_ERROR, BN_CHECK_ERROR_RULES);
  g_test_message ("%s", error->message);

  at = error->message;
  for (guint i = 0; i < G_N_ELEMENTS (b->expect) && b->expect[i] != NULL; i++)
    {
      const char *hit = strstr (at, b->expect[i]);

      if (hit == NULL)
        g_error ("“%s” lacks “%s”", error->message, b->expect[i]);
      at = hit + strlen (b->expect[i]);
    }
  g_assert_true (g_str_has_prefix (error->message, b->file));
  remove_dir (dir);
}

static void
test_missing_items (void)
{
  g_autofree char *dir = copy_rules ();
  g_autofree char *items = g_build_filename (dir, "items.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BnRules) rules = NULL;

  g_unlink (items);
  rules = bn_rules_new_from_directory (dir, &error);
  g_assert_null (rules);
  g_assert_error (error, BN_CHECK_ERROR, BN_CHECK_ERROR_RULES);
  g_assert_nonnull (strstr (error->message, "Config Viewer items"));
  remove_dir (dir);
}

/* locks.json and config-moved.json share the directory: another format is skipped. */
static void
test_foreign_files (void)
{
  g_autofree char *dir = copy_rules ();
  g_autofree char *locks = g_build_filename (dir, "locks.json", NULL);
  g_autofree char *schema = g_build_filename (dir, "locks.schema.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BnRules) rules = NULL;

  g_file_set_contents (locks, "{ \"format\": \"bladenav-locks/1\", \"rules\": [] }", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (schema, "this is not even JSON", -1, &error);
  g_assert_no_error (error);
  rules = bn_rules_new_from_directory (dir, &error);
  g_assert_no_error (error);
  g_assert_false (g_strv_contains (bn_rules_get_files (rules), "locks.json"));
  remove_dir (dir);
}

static void
test_no_directory (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BnRules) rules = bn_rules_new_from_directory ("/nonexistent/rules", &error);

  g_assert_null (rules);
  g_assert_error (error, BN_CHECK_ERROR, BN_CHECK_ERROR_RULES);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rules/load-directory", test_load_directory);
  g_test_add_func ("/rules/load-resource", test_load_resource);
  g_test_add_func ("/rules/table-coverage", test_table_coverage);
  g_test_add_func ("/rules/missing-items", test_missing_items);
  g_test_add_func ("/rules/foreign-files", test_foreign_files);
  g_test_add_func ("/rules/no-directory", test_no_directory);
  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autofree char *path = g_strdup_printf ("/rules/broken/%s", broken[i].name);

      g_test_add_data_func (path, &broken[i], test_broken);
    }

  return g_test_run ();
}
