/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "bn-check-item.h"
#include "bn-check-types.h"

G_BEGIN_DECLS

/* The answer to "may this LPAR move there, in this mode?": the items of the Migration
 * Config Viewer in order (a GListModel of BnCheckItem), each with its status, and the
 * verdict over all of them. */

#define BN_TYPE_CHECK_REPORT (bn_check_report_get_type ())

G_DECLARE_FINAL_TYPE (BnCheckReport, bn_check_report, BN, CHECK_REPORT, GObject)

BnMode       bn_check_report_get_mode              (BnCheckReport  *self);
BnVerdict    bn_check_report_get_verdict           (BnCheckReport  *self);
const char  *bn_check_report_get_source_hvm        (BnCheckReport  *self);
guint        bn_check_report_get_source_lpar       (BnCheckReport  *self);
const char  *bn_check_report_get_destination_hvm   (BnCheckReport  *self);
/* The destination LPAR number; with Auto, the one chosen (0 when none was free). */
guint        bn_check_report_get_destination_lpar  (BnCheckReport  *self);
gboolean     bn_check_report_get_auto_destination  (BnCheckReport  *self);
/* The processor group asked for, -1 for any. */
gint         bn_check_report_get_group             (BnCheckReport  *self);
guint        bn_check_report_count                 (BnCheckReport  *self,
                                                    BnCheckStatus   status);
/* The item with that id, or NULL.  (transfer none) */
BnCheckItem *bn_check_report_find                  (BnCheckReport  *self,
                                                    const char     *id);
const char  *bn_check_report_get_section_title     (BnCheckReport  *self,
                                                    BnCheckSection  section);
/* sections → items → values / status / message / remedy / reference.  (transfer full) */
JsonNode    *bn_check_report_to_json               (BnCheckReport  *self);

const char  *bn_mode_to_string                     (BnMode          mode);
gboolean     bn_mode_from_string                   (const char     *text,
                                                    BnMode         *out);
const char  *bn_check_status_to_string             (BnCheckStatus   status);
const char  *bn_verdict_to_string                  (BnVerdict       verdict);
const char  *bn_check_section_to_string            (BnCheckSection  section);

G_END_DECLS
