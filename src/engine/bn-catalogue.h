/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define BN_TYPE_CATALOGUE (bn_catalogue_get_type ())

G_DECLARE_FINAL_TYPE (BnCatalogue, bn_catalogue, BN, CATALOGUE, GObject)

/* The manual's texts as data: the error catalogue (表 6-2 … 6-7, §6.4), the window
 * messages, and the stage list of every operation (data/errors/, data/stages/).  Loaded
 * and validated against their schemas once; a defect there is a build defect. */

BnCatalogue *bn_catalogue_get_default    (void);
BnCatalogue *bn_catalogue_new_from_resource (const char  *prefix,
                                          GError     **error);
JsonObject  *bn_catalogue_lookup_error   (BnCatalogue *self,
                                          const char  *id);
char        *bn_catalogue_format_error   (BnCatalogue *self,
                                          const char  *id,
                                          const char  *message_override);
const char  *bn_catalogue_get_remedy     (BnCatalogue *self,
                                          const char  *id);
const char  *bn_catalogue_get_message    (BnCatalogue *self,
                                          const char  *id);
char        *bn_catalogue_format_message (BnCatalogue *self,
                                          const char  *id,
                                          const char  *first_key,
                                          ...) G_GNUC_NULL_TERMINATED;
char        *bn_catalogue_format_template (BnCatalogue *self,
                                           const char  *id,
                                           const char  *first_key,
                                           ...) G_GNUC_NULL_TERMINATED;
JsonObject  *bn_catalogue_get_operation  (BnCatalogue *self,
                                          const char  *operation);
const char  *bn_catalogue_language       (void);
const char  *bn_catalogue_localize       (JsonObject  *text);
gboolean     bn_catalogue_has_error      (BnCatalogue *self,
                                          const char  *id);

G_END_DECLS
