/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "bn-catalogue.h"

/* Window texts with their {key}s filled in, from data/errors/messages.json. */
static void
test_format_message (void)
{
  BnCatalogue *catalogue = bn_catalogue_get_default ();
  g_autofree char *execute = bn_catalogue_format_message (catalogue, "confirm-policy-execute",
                                                          "name", "rebalance", NULL);
  /* a key the text does not have changes nothing */
  g_autofree char *plain = bn_catalogue_format_message (catalogue, "policy-stopped",
                                                        "name", "rebalance", NULL);
  g_autofree char *information = NULL;

  g_assert_cmpstr (execute, ==, "Do you want to execute the migration policy \"rebalance\"?");
  g_assert_cmpstr (plain, ==, bn_catalogue_get_message (catalogue, "policy-stopped"));
  g_assert_null (strchr (plain, '{'));

  /* the Progress Information label: the English template, as the manual quotes it */
  information = bn_catalogue_format_template (catalogue, "progress-information",
                                              "process", "migration", "stage_code", "4050",
                                              "information", "(SRC) Transferring Memory Data",
                                              NULL);
  g_assert_cmpstr (information, ==, "executing migration process ... Stage = 0x4050: "
                                    "(SRC) Transferring Memory Data");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/catalogue/format-message", test_format_message);
  return g_test_run ();
}
