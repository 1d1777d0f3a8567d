/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "bn-check-report.h"
#include "bn-check-types.h"
#include "bn-rules.h"

G_BEGIN_DECLS

/* A question for the checker: may LPAR @src_lpar of @src_blade move to @dst_blade?
 * The blades are 'get HvmConfig' documents (fleet.schema.json, "blade", with "chassis"
 * filled in). */
typedef struct
{
  BnMode       mode;
  JsonObject  *src_blade;
  guint        src_lpar;
  JsonObject  *dst_blade;
  guint        dst_lpar;     /* 0 = Auto: the lowest free LPAR number (§3.1.1.2) */
  gint         group;        /* destination processor group, -1 = any */
  const char  *language;     /* NULL or "en": English; "ja": Japanese where the rules have it */
  gboolean     no_activation; /* Shutdown mode with "Activate Destination LPAR" cleared (§4.2.2):
                               * what only activation needs (free CPUs and memory, the
                               * activated-LPAR limit) warns instead of refusing */
} BnCheckRequest;

/* Evaluates every item for @request.  A request that cannot be asked (an unknown or
 * out-of-range LPAR, a mode other than the two, a document without the members the schema
 * requires) is a GError; anything the blades disagree on, the same blade on both sides
 * included, is an item of the report.  Cheap enough to call on every selection change. */
BnCheckReport *bn_checker_evaluate           (BnRules              *rules,
                                              const BnCheckRequest *request,
                                              GError              **error);

/* The lowest LPAR number not defined on @blade (Auto), or 0 when every one is taken. */
guint          bn_checker_auto_destination   (JsonObject           *blade);

G_END_DECLS
