/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A validator for the subset of JSON Schema our data files use: type, enum, const,
 * properties, required, additionalProperties, items, min/maxItems, minimum, maximum,
 * min/maxLength, pattern and local $ref ("#/$defs/name").  An unsupported keyword in a
 * schema is an error at load time rather than a silently ignored rule. */

typedef struct _BnJsonSchema BnJsonSchema;

BnJsonSchema *bn_json_schema_new_from_node     (JsonNode      *root,
                                                GError       **error);
BnJsonSchema *bn_json_schema_new_from_resource (const char    *path,
                                                GError       **error);
BnJsonSchema *bn_json_schema_ref               (BnJsonSchema  *self);
void          bn_json_schema_unref             (BnJsonSchema  *self);
gboolean      bn_json_schema_has_definition    (BnJsonSchema  *self,
                                                const char    *name);
gboolean      bn_json_schema_validate          (BnJsonSchema  *self,
                                                const char    *definition,
                                                JsonNode      *instance,
                                                const char    *root_path,
                                                GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BnJsonSchema, bn_json_schema_unref)

G_END_DECLS
