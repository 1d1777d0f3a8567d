/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "bn-fleet.h"
#include "bn-hvm.h"

G_BEGIN_DECLS

/* An HVM's migration paths (Migration Path Setting, §3.2.1; fleet.schema.json
 * "migration_path"): one reader, one validator and one writer for the console window and
 * `bnctl path`, so both refuse the same input with the same words. */

#define BN_MIGRATION_PATHS_MAX 8

/* The columns of the Migration Path List, in the manual's order (Primary Use is a check
 * box, never invalid). */
typedef enum
{
  BN_PATH_FIELD_NAME,
  BN_PATH_FIELD_SEGMENT,
  BN_PATH_FIELD_SLOT,
  BN_PATH_FIELD_PORT,
  BN_PATH_FIELD_PCI_ADDRESS,
  BN_PATH_FIELD_IP,
  BN_PATH_FIELD_MASK,
  BN_PATH_FIELD_VLAN,
  BN_PATH_FIELD_CHASSIS_ID,
  BN_PATH_N_FIELDS
} BnPathField;

const char *bn_path_field_to_member         (BnPathField   field);
gboolean    bn_path_field_is_required       (BnPathField   field);
gboolean    bn_migration_path_check_field   (BnPathField   field,
                                             const char   *text,
                                             GError      **error);
char       *bn_migration_path_get_field     (JsonObject   *path,
                                             BnPathField   field);
JsonObject *bn_migration_path_new_from_text (gboolean      primary,
                                             const char   *const *fields,
                                             GError      **error);
gboolean    bn_migration_paths_check        (JsonArray    *paths,
                                             guint        *bad_index,
                                             GError      **error);
gboolean    bn_migration_paths_check_for_hvm (BnHvm       *hvm,
                                             JsonArray    *paths,
                                             guint        *bad_index,
                                             GError      **error);
char      **bn_migration_paths_get_segments (BnHvm        *hvm);
JsonArray  *bn_migration_paths_get          (BnHvm        *hvm);
void        bn_migration_paths_set_async    (BnFleet      *fleet,
                                             BnHvm        *hvm,
                                             JsonArray    *paths,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer      user_data);
gboolean    bn_migration_paths_set_finish   (BnFleet      *fleet,
                                             GAsyncResult *result,
                                             GError      **error);

G_END_DECLS
