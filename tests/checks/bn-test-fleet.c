/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-test-fleet"

#include "config.h"

#include <string.h>

#include "bn-test-fleet.h"

static BnRules *rules;

BnRules *
bn_test_rules (void)
{
  if (rules == NULL)
    {
      g_autofree char *dir = g_build_filename (CHECKS_SOURCE_ROOT, "data", "rules", NULL);
      g_autoptr(GError) error = NULL;

      rules = bn_rules_new_from_directory (dir, &error);
      g_assert_no_error (error);
    }
  return rules;
}

static JsonNode *
load_fleet (const char *fleet)
{
  static GHashTable *cache;
  JsonNode *root;

  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) json_node_unref);
  root = g_hash_table_lookup (cache, fleet);
  if (root == NULL)
    {
      g_autofree char *path = g_build_filename (CHECKS_SOURCE_ROOT, "tests", "checks", "fleets",
                                                fleet, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      json_parser_load_from_file (parser, path, &error);
      g_assert_no_error (error);
      root = json_node_ref (json_parser_get_root (parser));
      g_hash_table_insert (cache, g_strdup (fleet), root);
    }
  return root;
}

JsonObject *
bn_test_blade (const char *fleet,
               const char *id)
{
  JsonArray *chassis = json_object_get_array_member (json_node_get_object (load_fleet (fleet)),
                                                     "chassis");

  for (guint i = 0; i < json_array_get_length (chassis); i++)
    {
      JsonObject *c = json_array_get_object_element (chassis, i);
      JsonArray *blades = json_object_get_array_member (c, "blades");

      for (guint j = 0; j < json_array_get_length (blades); j++)
        {
          JsonObject *b = json_array_get_object_element (blades, j);
          g_autofree char *text = NULL;
          g_autoptr(JsonNode) node = NULL;
          g_autoptr(GError) error = NULL;
          JsonObject *copy, *served;
          static const char *const members[] = {
            "id", "type", "serial", "svp_firmware", "dictionary_version"
          };

          if (g_strcmp0 (json_object_get_string_member (b, "id"), id) != 0)
            continue;

          /* A deep copy: tests change the blades they get. */
          {
            g_autoptr(JsonNode) wrap = json_node_init_object (json_node_alloc (), b);

            text = json_to_string (wrap, FALSE);
          }
          node = json_from_string (text, &error);
          g_assert_no_error (error);
          copy = json_object_ref (json_node_get_object (node));

          served = json_object_new ();
          for (guint k = 0; k < G_N_ELEMENTS (members); k++)
            if (json_object_has_member (c, members[k]))
              json_object_set_string_member (served, members[k],
                                             json_object_get_string_member (c, members[k]));
          json_object_set_object_member (copy, "chassis", served);
          return copy;
        }
    }
  g_error ("no blade %s in %s", id, fleet);
}

/* Walks @path to the container of its last member; returns that member's name (or index
 * in *index when it is "[n]"). */
static JsonNode *
walk (JsonObject  *object,
      const char  *path,
      char       **last)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  guint n = g_strv_length (parts);
  JsonNode *node = json_node_init_object (json_node_alloc (), object);
  JsonNode *result;

  for (guint i = 0; i < n - 1; i++)
    {
      char *bracket = strchr (parts[i], '[');
      JsonNode *next;

      if (bracket != NULL)
        {
          guint index = (guint) g_ascii_strtoull (bracket + 1, NULL, 10);
          JsonArray *array;

          *bracket = '\0';
          array = json_object_get_array_member (json_node_get_object (node), parts[i]);
          g_assert_nonnull (array);
          g_assert_cmpuint (index, <, json_array_get_length (array));
          next = json_array_get_element (array, index);
        }
      else
        {
          next = json_object_get_member (json_node_get_object (node), parts[i]);
          if (next == NULL)
            {
              json_object_set_object_member (json_node_get_object (node), parts[i],
                                             json_object_new ());
              next = json_object_get_member (json_node_get_object (node), parts[i]);
            }
        }
      json_node_unref (node);
      node = json_node_ref (next);
    }
  result = node;
  *last = g_strdup (parts[n - 1]);
  return result;
}

void
bn_test_set (JsonObject *object,
             const char *path,
             const char *json)
{
  g_autofree char *last = NULL;
  g_autoptr(JsonNode) container = walk (object, path, &last);
  g_autoptr(GError) error = NULL;
  JsonNode *value = json_from_string (json, &error);
  char *bracket = strchr (last, '[');

  g_assert_no_error (error);
  if (value == NULL)
    value = json_node_new (JSON_NODE_NULL);
  if (bracket != NULL)
    {
      guint index = (guint) g_ascii_strtoull (bracket + 1, NULL, 10);
      JsonArray *array;

      *bracket = '\0';
      array = json_object_get_array_member (json_node_get_object (container), last);
      g_assert_nonnull (array);
      if (index == json_array_get_length (array))
        json_array_add_element (array, value);
      else
        {
          g_assert_cmpuint (index, <, json_array_get_length (array));
          json_array_remove_element (array, index);
          json_array_add_element (array, value);   /* order does not matter to the checks */
        }
      return;
    }
  json_object_set_member (json_node_get_object (container), last, value);
}

void
bn_test_remove (JsonObject *object,
                const char *path)
{
  g_autofree char *last = NULL;
  g_autoptr(JsonNode) container = walk (object, path, &last);

  json_object_remove_member (json_node_get_object (container), last);
}

BnCheckReport *
bn_test_check (BnMode      mode,
               JsonObject *src,
               guint       src_lpar,
               JsonObject *dst,
               guint       dst_lpar,
               gint        group)
{
  BnCheckRequest request = { mode, src, src_lpar, dst, dst_lpar, group, NULL };
  g_autoptr(GError) error = NULL;
  BnCheckReport *report = bn_checker_evaluate (bn_test_rules (), &request, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

char *
bn_test_describe (BnCheckReport *report,
                  gboolean       all)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "verdict %s\n",
                          bn_verdict_to_string (bn_check_report_get_verdict (report)));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (report)); i++)
    {
      g_autoptr(BnCheckItem) item = g_list_model_get_item (G_LIST_MODEL (report), i);
      BnCheckStatus status = bn_check_item_get_status (item);

      if (!all && status <= BN_CHECK_STATUS_INFO)
        continue;
      g_string_append_printf (out, "  %-7s %s [%s | %s] %s\n", bn_check_status_to_string (status),
                              bn_check_item_get_id (item),
                              bn_check_item_get_source_value (item),
                              bn_check_item_get_destination_value (item),
                              bn_check_item_get_message (item));
    }
  return g_string_free (out, FALSE);
}

void
_bn_test_assert_item (const char    *file,
                      int            line,
                      const char    *func,
                      BnCheckReport *report,
                      const char    *id,
                      BnCheckStatus  status,
                      const char    *text)
{
  BnCheckItem *item = bn_check_report_find (report, id);
  g_autofree char *why = NULL;

  if (item == NULL)
    {
      g_autofree char *all = bn_test_describe (report, TRUE);

      why = g_strdup_printf ("no item %s in the report:\n%s", id, all);
    }
  else if (bn_check_item_get_status (item) != status)
    why = g_strdup_printf ("item %s is %s, expected %s [%s | %s]: %s", id,
                           bn_check_status_to_string (bn_check_item_get_status (item)),
                           bn_check_status_to_string (status),
                           bn_check_item_get_source_value (item),
                           bn_check_item_get_destination_value (item),
                           bn_check_item_get_message (item));
  else if (text != NULL &&
           (bn_check_item_get_message (item) == NULL ||
            strstr (bn_check_item_get_message (item), text) == NULL) &&
           (bn_check_item_get_remedy (item) == NULL ||
            strstr (bn_check_item_get_remedy (item), text) == NULL))
    why = g_strdup_printf ("item %s does not say “%s”: %s / %s", id, text,
                           bn_check_item_get_message (item), bn_check_item_get_remedy (item));

  if (why != NULL)
    g_assertion_message (G_LOG_DOMAIN, file, line, func, why);
}

void
_bn_test_assert_verdict (const char    *file,
                         int            line,
                         const char    *func,
                         BnCheckReport *report,
                         BnVerdict      verdict)
{
  if (bn_check_report_get_verdict (report) != verdict)
    {
      g_autofree char *text = bn_test_describe (report, FALSE);
      BnVerdict got = bn_check_report_get_verdict (report);
      g_autofree char *why = g_strdup_printf ("verdict %s, expected %s:\n%s",
                                              bn_verdict_to_string (got),
                                              bn_verdict_to_string (verdict), text);

      g_assertion_message (G_LOG_DOMAIN, file, line, func, why);
    }
}
