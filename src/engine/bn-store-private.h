/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "bn-store.h"

G_BEGIN_DECLS

/* For the engine's other tables (history, policies, journal): one connection, one place
 * that turns SQLite errors into GErrors. */
sqlite3      *_bn_store_get_db   (BnStore     *self);
sqlite3_stmt *_bn_store_prepare  (BnStore     *self,
                                  const char  *sql,
                                  GError     **error);
gboolean      _bn_store_step_done (BnStore      *self,
                                  sqlite3_stmt *stmt,
                                  GError      **error);
gboolean      _bn_store_exec     (BnStore     *self,
                                  const char  *sql,
                                  GError     **error);
gboolean      _bn_store_fail     (BnStore     *self,
                                  GError     **error,
                                  const char  *what);

char         *_bn_store_owner_self  (void);
char         *_bn_store_now_iso8601 (void);
void          _bn_store_bind_text   (sqlite3_stmt *stmt,
                                     int           column,
                                     const char   *text);
gboolean      _bn_store_owner_alive (const char *owner);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
