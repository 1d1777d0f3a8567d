/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Text ids (items.json "texts") the evaluator emits itself; the loader refuses rules
 * that lack one.  NULL-terminated. */
extern const char *const _bn_checker_texts[];

G_END_DECLS
