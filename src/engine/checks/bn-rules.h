/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bn-check-types.h"

G_BEGIN_DECLS

/* The applicability tables of §2.2 and the Config Viewer items of §8.1, loaded from the
 * JSON files of data/rules, validated and compiled once.  Immutable after construction,
 * so one instance may serve any number of threads. */

#define BN_TYPE_RULES (bn_rules_get_type ())

G_DECLARE_FINAL_TYPE (BnRules, bn_rules, BN, RULES, GObject)

/* Loads every *.json of @dir except *.schema.json.  A file of another component (its
 * "format" is some other "bladenav-…/1") is skipped.  Errors are BN_CHECK_ERROR_RULES,
 * worded "file: entry/path: what is wrong". */
BnRules     *bn_rules_new_from_directory (const char  *dir,
                                          GError     **error);
/* The same from a registered GResource directory, e.g. "/io/github/bladenav/checks/rules". */
BnRules     *bn_rules_new_from_resource  (const char  *resource_dir,
                                          GError     **error);
/* The rules built into this library (the data/rules of the source tree). */
BnRules     *bn_rules_new_default        (GError     **error);

const char  *bn_rules_get_origin         (BnRules     *self);
/* File names loaded, in load order; NULL-terminated, owned by @self. */
const char *const *bn_rules_get_files    (BnRules     *self);
guint        bn_rules_get_n_tables       (BnRules     *self);
/* Whether a table with that number ("表 2-30") was loaded. */
gboolean     bn_rules_has_table          (BnRules     *self,
                                          const char  *number);
/* Every table number loaded, sorted, without duplicates. */
char       **bn_rules_dup_table_numbers  (BnRules     *self);

G_END_DECLS
