/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "check-micro"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bn-checker.h"

/* Times bn_checker_evaluate: the GUI rechecks on every selection change, so one report
 * must take well under a millisecond.  Usage: check-micro [FLEET-DIR] [ITERATIONS] */

static JsonObject *
blade (JsonNode   *fleet,
       const char *id)
{
  JsonArray *chassis = json_object_get_array_member (json_node_get_object (fleet), "chassis");

  for (guint i = 0; i < json_array_get_length (chassis); i++)
    {
      JsonObject *c = json_array_get_object_element (chassis, i);
      JsonArray *blades = json_object_get_array_member (c, "blades");

      for (guint j = 0; j < json_array_get_length (blades); j++)
        {
          JsonObject *b = json_array_get_object_element (blades, j);

          if (g_strcmp0 (json_object_get_string_member (b, "id"), id) == 0)
            {
              JsonObject *served = json_object_new ();
              static const char *const members[] = { "id", "type", "dictionary_version" };

              for (guint k = 0; k < G_N_ELEMENTS (members); k++)
                json_object_set_string_member (served, members[k],
                                               json_object_get_string_member (c, members[k]));
              json_object_set_object_member (b, "chassis", served);
              return b;
            }
        }
    }
  g_error ("no blade %s", id);
}

static JsonNode *
load (const char *dir,
      const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_file (parser, path, &error))
    g_error ("%s", error->message);
  return json_node_ref (json_parser_get_root (parser));
}

static double
run (BnRules              *rules,
     const BnCheckRequest *request,
     guint                 iterations,
     gboolean              with_json,
     BnVerdict            *verdict,
     guint                *n_items)
{
  gint64 start;

  for (guint i = 0; i < iterations / 10 + 1; i++)   /* warm up */
    g_object_unref (bn_checker_evaluate (rules, request, NULL));

  start = g_get_monotonic_time ();
  for (guint i = 0; i < iterations; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BnCheckReport) report = bn_checker_evaluate (rules, request, &error);

      if (report == NULL)
        g_error ("%s", error->message);
      if (with_json)
        json_node_unref (bn_check_report_to_json (report));
      *verdict = bn_check_report_get_verdict (report);
      *n_items = g_list_model_get_n_items (G_LIST_MODEL (report));
    }
  return (g_get_monotonic_time () - start) / (double) iterations;
}

int
main (int   argc,
      char *argv[])
{
  const char *dir = argc > 1 ? argv[1] : CHECKS_FLEET_DIR;
  guint iterations = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 5000;
  g_autoptr(GError) error = NULL;
  g_autoptr(BnRules) rules = NULL;
  g_autoptr(JsonNode) bs2000 = load (dir, "bs2000.json");
  g_autoptr(JsonNode) figures = load (dir, "figures.json");
  gint64 start;
  double load_us;
  struct
  {
    const char     *name;
    BnCheckRequest  request;
    gboolean        json;
  } runs[] = {
    { "concurrent, may run", { BN_MODE_CONCURRENT, blade (bs2000, "STD-SRC"), 1,
                               blade (bs2000, "STD-DST"), 0, -1, NULL }, FALSE },
    { "shutdown, may run", { BN_MODE_SHUTDOWN, blade (bs2000, "STD-SRC"), 1,
                             blade (bs2000, "STD-FAR"), 0, -1, NULL }, FALSE },
    { "shutdown, refused (Case 3)", { BN_MODE_SHUTDOWN, blade (figures, "FIG-SRC"), 5,
                                      blade (figures, "FIG-STD"), 0, -1, NULL }, FALSE },
    { "concurrent, refused, group, ja", { BN_MODE_CONCURRENT, blade (bs2000, "STD-SRC"), 2,
                                         blade (bs2000, "STD-DST"), 0, 1, "ja" }, FALSE },
    { "concurrent + to_json", { BN_MODE_CONCURRENT, blade (bs2000, "STD-SRC"), 1,
                                blade (bs2000, "STD-DST"), 0, -1, NULL }, TRUE },
  };
  double worst = 0, json = 0;

  start = g_get_monotonic_time ();
  rules = bn_rules_new_default (&error);
  load_us = (double) (g_get_monotonic_time () - start);
  if (rules == NULL)
    g_error ("%s", error->message);
  printf ("rules: %u tables loaded and compiled in %.0f µs\n", bn_rules_get_n_tables (rules),
      load_us);

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      BnVerdict verdict = BN_VERDICT_OK;
      guint n_items = 0;
      double us = run (rules, &runs[i].request, iterations, runs[i].json, &verdict, &n_items);

      printf ("%-32s %7.1f µs per report (%u items, %s, %u runs)\n", runs[i].name, us, n_items,
              bn_verdict_to_string (verdict), iterations);
      if (runs[i].json)
        json = us;
      else
        worst = MAX (worst, us);
    }
  printf ("check-micro: %.1f µs per report at worst; %.1f µs with bn_check_report_to_json\n",
          worst, json);
  return 0;
}
