/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bn-checker.h"

G_BEGIN_DECLS

/* Test support: fixture fleets from tests/checks/fleets and the rules of data/rules. */

/* The rules of the source tree, loaded once per test program. */
BnRules       *bn_test_rules          (void);
/* A deep copy of blade @id of fleet @fleet ("bs2000.json"), with "chassis" filled in as
 * 'get HvmConfig' serves it.  (transfer full) */
JsonObject    *bn_test_blade          (const char    *fleet,
                                       const char    *id);
/* Sets @path ("firmware.hvm", "lpars[0].status", "nics[1].ports[0].state") to @json,
 * a JSON literal ("\"59-71\"", "3", "null", "[]"); the last member is created if needed. */
void           bn_test_set            (JsonObject    *object,
                                       const char    *path,
                                       const char    *json);
void           bn_test_remove         (JsonObject    *object,
                                       const char    *path);
/* Evaluates and fails the test on a GError. */
BnCheckReport *bn_test_check          (BnMode         mode,
                                       JsonObject    *src,
                                       guint          src_lpar,
                                       JsonObject    *dst,
                                       guint          dst_lpar,
                                       gint           group);
/* Fails the test, printing the item, when item @id is missing or has another status. */
#define bn_test_assert_item(report, id, status) \
  _bn_test_assert_item (__FILE__, __LINE__, G_STRFUNC, (report), (id), (status), NULL)
/* … and when neither its message nor its remedy contains @text. */
#define bn_test_assert_item_says(report, id, status, text) \
  _bn_test_assert_item (__FILE__, __LINE__, G_STRFUNC, (report), (id), (status), (text))
void           _bn_test_assert_item   (const char    *file,
                                       int            line,
                                       const char    *func,
                                       BnCheckReport *report,
                                       const char    *id,
                                       BnCheckStatus  status,
                                       const char    *text);
#define bn_test_assert_verdict(report, verdict) \
  _bn_test_assert_verdict (__FILE__, __LINE__, G_STRFUNC, (report), (verdict))
void           _bn_test_assert_verdict (const char    *file,
                                        int            line,
                                        const char    *func,
                                        BnCheckReport *report,
                                        BnVerdict      verdict);
/* The report as text, for g_test_message. */
char          *bn_test_describe       (BnCheckReport *report,
                                       gboolean       all);

G_END_DECLS
