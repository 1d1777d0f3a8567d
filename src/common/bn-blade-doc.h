/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The blade document (data/fleet.schema.json, definition "blade"): what a fleet file
 * describes, what a blade serves for `get HvmConfig`, and what the engine reads. */

gboolean    bn_blade_doc_validate      (JsonNode    *blade,
                                        const char  *path,
                                        GError     **error);
gboolean    bn_fleet_doc_validate      (JsonNode    *fleet,
                                        GError     **error);
JsonObject *bn_json_object_deep_copy   (JsonObject  *object);
JsonObject *bn_blade_doc_find_lpar     (JsonObject  *blade,
                                        guint        number);
guint       bn_blade_doc_get_max_lpars (JsonObject  *blade);
JsonObject *bn_blade_doc_get_primary_path (JsonObject *blade);
const char *bn_blade_doc_get_string    (JsonObject  *object,
                                        const char  *path,
                                        const char  *fallback);
gint64      bn_blade_doc_get_int       (JsonObject  *object,
                                        const char  *path,
                                        gint64       fallback);
double      bn_blade_doc_get_double    (JsonObject  *object,
                                        const char  *path,
                                        double       fallback);
gboolean    bn_blade_doc_get_bool      (JsonObject  *object,
                                        const char  *path,
                                        gboolean     fallback);
JsonArray  *bn_blade_doc_get_array     (JsonObject  *object,
                                        const char  *path);
JsonObject *bn_blade_doc_get_object    (JsonObject  *object,
                                        const char  *path);

G_END_DECLS
