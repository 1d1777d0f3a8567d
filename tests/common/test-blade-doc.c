/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "bn-blade-doc.h"
#include "bn-error.h"
#include "bn-json-schema.h"
#include "bn-test-support.h"

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_demo_fleet_valid (void)
{
  g_autoptr(JsonNode) fleet = bn_test_demo_fleet ();
  g_autoptr(GError) error = NULL;

  g_assert_true (bn_fleet_doc_validate (fleet, &error));
  g_assert_no_error (error);
}

typedef void (*Mutate) (JsonObject *blade);

static void
expect_invalid (Mutate      mutate,
                const char *path,
                const char *words)
{
  g_autoptr(JsonNode) fleet = bn_test_demo_fleet ();
  g_autoptr(GError) error = NULL;
  JsonObject *blade = bn_test_fleet_find_blade (fleet, "HVM-A01");

  mutate (blade);
  g_assert_false (bn_fleet_doc_validate (fleet, &error));
  g_assert_error (error, BN_ERROR, BN_ERROR_INVALID_DATA);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, words));
}

static JsonObject *
lpar1 (JsonObject *blade)
{
  return json_array_get_object_element (json_object_get_array_member (blade, "lpars"), 0);
}

static void unknown_field (JsonObject *b) { json_object_set_int_member (b, "colour", 1); }
static void wrong_type (JsonObject *b) { json_object_set_string_member (b, "memory_mb", "lots"); }
static void bad_enum (JsonObject *b) { json_object_set_string_member (b, "model", "Z9"); }
static void missing (JsonObject *b) { json_object_remove_member (b, "firmware"); }
static void bad_ip (JsonObject *b) { json_object_set_string_member (b, "address", "127.0.0.256"); }
static void too_much_memory (JsonObject *b) { json_object_set_int_member (lpar1 (b), "memory_mb", 999999); }
static void dup_number (JsonObject *b) { json_object_set_int_member (json_array_get_object_element (json_object_get_array_member (b, "lpars"), 1), "number", 1); }
static void bad_segment (JsonObject *b)
{
  JsonObject *vnic = json_array_get_object_element (json_object_get_array_member (lpar1 (b), "vnics"), 0);
  json_object_set_string_member (vnic, "segment", "7c");
}
static void bad_fc (JsonObject *b)
{
  JsonObject *fc = json_array_get_object_element (json_object_get_array_member (lpar1 (b), "fcs"), 0);
  json_object_set_int_member (fc, "slot", 9);
}
static void lpar_over_max (JsonObject *b) { json_object_set_int_member (lpar1 (b), "number", 40); }
static void vlan_range (JsonObject *b)
{
  JsonObject *mp = json_array_get_object_element (json_object_get_array_member (b, "migration_paths"), 0);
  json_object_set_int_member (mp, "vlan", 4001);
}

static void
test_invalid_blades (void)
{
  expect_invalid (unknown_field, "$.chassis[0].blades[0]:", "unknown field “colour”");
  expect_invalid (wrong_type, "$.chassis[0].blades[0].memory_mb:", "must be an integer");
  expect_invalid (bad_enum, "$.chassis[0].blades[0].model:", "must be one of");
  expect_invalid (missing, "$.chassis[0].blades[0]:", "“firmware” is missing");
  expect_invalid (bad_ip, "$.chassis[0].blades[0].address:", "does not match");
  expect_invalid (too_much_memory, "$.chassis[0].blades[0].lpars[0].memory_mb:", "larger than the blade");
  expect_invalid (dup_number, "$.chassis[0].blades[0].lpars[1].number:", "used twice");
  expect_invalid (bad_segment, "$.chassis[0].blades[0].lpars[0].vnics[0]:", "segment 7c");
  expect_invalid (bad_fc, "$.chassis[0].blades[0].lpars[0].fcs[0]:", "no FC HBA port");
  expect_invalid (lpar_over_max, "$.chassis[0].blades[0].lpars[0].number:", "max_lpars");
  expect_invalid (vlan_range, "$.chassis[0].blades[0].migration_paths[0].vlan:", "at most 4000");
}

static void
test_duplicate_blades (void)
{
  g_autoptr(JsonNode) fleet = bn_test_demo_fleet ();
  g_autoptr(GError) error = NULL;
  JsonObject *b2 = bn_test_fleet_find_blade (fleet, "HVM-A02");

  json_object_set_string_member (b2, "id", "HVM-A01");
  g_assert_false (bn_fleet_doc_validate (fleet, &error));
  g_assert_nonnull (strstr (error->message, "used twice"));
}

static void
test_schema_keywords (void)
{
  g_autoptr(JsonNode) bad = parse ("{\"type\":\"object\",\"oneOf\":[]}");
  g_autoptr(JsonNode) ref = parse ("{\"$ref\":\"#/$defs/nope\"}");
  g_autoptr(JsonNode) good = parse ("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"},"
                                    "\"properties\":{\"n\":{\"type\":[\"integer\",\"null\"],\"minimum\":2}}}");
  g_autoptr(JsonNode) v1 = parse ("{\"n\":3,\"x\":\"s\"}");
  g_autoptr(JsonNode) v2 = parse ("{\"n\":1}");
  g_autoptr(JsonNode) v3 = parse ("{\"x\":1}");
  g_autoptr(JsonNode) v4 = parse ("{\"n\":null}");
  g_autoptr(GError) error = NULL;
  g_autoptr(BnJsonSchema) schema = NULL;

  g_assert_null (bn_json_schema_new_from_node (bad, &error));
  g_assert_nonnull (strstr (error->message, "oneOf"));
  g_clear_error (&error);
  g_assert_null (bn_json_schema_new_from_node (ref, &error));
  g_clear_error (&error);

  schema = bn_json_schema_new_from_node (good, &error);
  g_assert_no_error (error);
  g_assert_true (bn_json_schema_validate (schema, NULL, v1, NULL, NULL));
  g_assert_true (bn_json_schema_validate (schema, NULL, v4, NULL, NULL));
  g_assert_false (bn_json_schema_validate (schema, NULL, v2, NULL, &error));
  g_assert_cmpstr (error->message, ==, "$.n: must be at least 2");
  g_clear_error (&error);
  g_assert_false (bn_json_schema_validate (schema, NULL, v3, NULL, &error));
  g_assert_cmpstr (error->message, ==, "$.x: must be a string, not an integer");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/blade-doc/demo-fleet-valid", test_demo_fleet_valid);
  g_test_add_func ("/blade-doc/invalid-blades", test_invalid_blades);
  g_test_add_func ("/blade-doc/duplicate-blades", test_duplicate_blades);
  g_test_add_func ("/blade-doc/schema-keywords", test_schema_keywords);

  return g_test_run ();
}
