/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bn-fleet.h"
#include "bn-migration.h"
#include "bn-options.h"

G_BEGIN_DECLS

/* Decides whether the move may run (the applicability checks); NULL error and TRUE: go. */
typedef gboolean (*BnMigrationCheckFunc) (BnMigration  *migration,
                                          BnHvm        *source,
                                          BnHvm        *destination,
                                          guint         destination_lpar,
                                          gpointer      user_data,
                                          GError      **error);

BnMigration *_bn_migration_new         (BnFleet                  *fleet,
                                        BnOptions                *options,
                                        const BnMigrationRequest *request,
                                        GError                  **error);
void         _bn_migration_set_checker (BnMigration              *self,
                                        BnMigrationCheckFunc      func,
                                        gpointer                  user_data);
void         _bn_migration_start       (BnMigration              *self);
BnHvm       *_bn_migration_get_source  (BnMigration              *self);
BnHvm       *_bn_migration_get_destination (BnMigration          *self);
const char  *_bn_migration_get_lpar_name (BnMigration            *self);
guint        _bn_migration_get_source_group (BnMigration         *self);
guint        _bn_migration_lowest_free_lpar (BnHvm               *hvm);

G_END_DECLS
