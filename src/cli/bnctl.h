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
gboolean  bnctl_update          (BnEngine         *engine,
                                 BnUpdateSummary  *summary,
                                 GError          **error);
BnHvm    *bnctl_find_hvm        (BnEngine      *engine,
                                 const char    *id,
                                 GError       **error);
BnHvm    *bnctl_read_hvm        (Bnctl         *ctl,
                                 const char    *id,
                                 GError       **error);

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

/* Following a move on the terminal (bnctl-migrate.c); policies reuse it per entry. */
typedef struct _BnctlWatch BnctlWatch;

BnctlWatch *bnctl_watch_new     (Bnctl         *ctl,
                                 BnMigration   *run);
int         bnctl_watch_finish  (BnctlWatch    *watch);
void        bnctl_emit_event    (const char    *type,
                                 JsonObject    *fields);
gboolean    bnctl_parse_target  (const char    *text,
                                 gboolean       lpar_required,
                                 char         **hvm,
                                 guint         *lpar,
                                 GError       **error);
/* -1 (any) or a processor group 0-63; else BN_ERROR_INVALID_ARGUMENT naming --group. */
gboolean    bnctl_check_group   (int            group,
                                 GError       **error);

/* The options of a move (migrate, policy add). */
typedef struct
{
  char         *mode;
  char         *guest_os;
  char         *guest_ip;
  char         *guest_user;
  char         *password_file;
  char         *key_file;
  gboolean      no_activate;
  gboolean      forced;
  gboolean      saved_guest;
  gint          timeout;
  gint          max_suspend;
  gint          group;
  gint          guest_port;
  GOptionEntry *entries;
} BnctlMoveOptions;

GOptionEntry *bnctl_move_options_entries (BnctlMoveOptions    *options,
                                          gboolean             single);
GOptionEntry *bnctl_guest_options_entries (BnctlMoveOptions   *options);
gboolean      bnctl_guest_options_apply  (BnctlMoveOptions    *options,
                                          BnMigrationRequest  *request,
                                          GError             **error);
gboolean      bnctl_move_options_apply   (BnctlMoveOptions    *options,
                                          const char          *src,
                                          const char          *dst,
                                          BnMigrationRequest  *request,
                                          GError             **error);
void          bnctl_move_options_clear   (BnctlMoveOptions    *options);
gboolean      bnctl_read_password_file   (const char          *path,
                                          char               **password,
                                          GError             **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BnctlMoveOptions, bnctl_move_options_clear)

extern const BnctlCommand bnctl_check_commands[];
extern const BnctlCommand bnctl_fleet_commands[];
extern const BnctlCommand bnctl_guest_commands[];
extern const BnctlCommand bnctl_hvmsh_commands[];
extern const BnctlCommand bnctl_migrate_commands[];
extern const BnctlCommand bnctl_path_commands[];
extern const BnctlCommand bnctl_policy_commands[];

G_END_DECLS
