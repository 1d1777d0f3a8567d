/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "bn-engine.h"

G_BEGIN_DECLS

/* Exit codes (docs/cli.md). */
typedef enum
{
  BNCTL_EXIT_OK          = 0,
  BNCTL_EXIT_FAILED      = 1,
  BNCTL_EXIT_USAGE       = 2,
  BNCTL_EXIT_REFUSED     = 3,   /* a check says the move may not run */
  BNCTL_EXIT_UNREACHABLE = 4,
  BNCTL_EXIT_BUSY        = 5,
  BNCTL_EXIT_CANCELLED   = 6,
} BnctlExit;

typedef struct
{
  char     *db_path;
  gboolean  json;
  BnEngine *engine;
} Bnctl;

typedef int (*BnctlCommandFunc) (Bnctl  *ctl,
                                 int     argc,
                                 char  **argv);

typedef struct
{
  const char       *name;
  const char       *sub;        /* NULL for single-word commands */
  BnctlCommandFunc  func;
  const char       *usage;
  const char       *summary;
} BnctlCommand;

BnEngine *bnctl_get_engine      (Bnctl         *ctl,
                                 GError       **error);
int       bnctl_fail            (Bnctl         *ctl,
                                 const GError  *error);
int       bnctl_usage_error     (const char    *usage,
                                 const char    *format,
                                 ...) G_GNUC_PRINTF (2, 3);
int       bnctl_exit_for_error  (const GError  *error);
gboolean  bnctl_parse_options   (Bnctl         *ctl,
                                 const char    *usage,
                                 GOptionEntry  *entries,
                                 int           *argc,
                                 char        ***argv,
                                 GError       **error);
GAsyncResult *bnctl_wait        (GAsyncResult **slot);
void      bnctl_store_result    (GObject       *object,
                                 GAsyncResult  *result,
                                 gpointer       user_data);
void      bnctl_print_json      (JsonNode      *node);

/* A table for people; --json prints the JsonNode instead. */
typedef struct _BnctlTable BnctlTable;

BnctlTable *bnctl_table_new     (const char    *first_column,
                                 ...) G_GNUC_NULL_TERMINATED;
void        bnctl_table_add_row (BnctlTable    *table,
                                 const char    *first_cell,
                                 ...) G_GNUC_NULL_TERMINATED;
void        bnctl_table_print   (BnctlTable    *table);
void        bnctl_table_free    (BnctlTable    *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BnctlTable, bnctl_table_free)

extern const BnctlCommand bnctl_fleet_commands[];
extern const BnctlCommand bnctl_hvmsh_commands[];
extern const BnctlCommand bnctl_migrate_commands[];
extern const BnctlCommand bnctl_path_commands[];

G_END_DECLS
