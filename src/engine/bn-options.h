/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bn-store.h"

G_BEGIN_DECLS

#define BN_TYPE_OPTIONS (bn_options_get_type ())

G_DECLARE_FINAL_TYPE (BnOptions, bn_options, BN, OPTIONS, GObject)

/* Option keys (Setting → Option).  Values live in the database so that every console and
 * bnctl on this management server agree. */
#define BN_OPTION_HVM_TIMEOUT         "hvm-timeout"
#define BN_OPTION_OS_SHUTDOWN_WAIT    "os-shutdown-wait"
#define BN_OPTION_FC_LOGIN_TIMEOUT    "fc-login-timeout"
#define BN_OPTION_MIGRATION_TIMEOUT   "migration-timeout"
#define BN_OPTION_MONITOR_PERIOD      "monitor-period"
#define BN_OPTION_MIGRATION_LEASE     "migration-lease"
#define BN_OPTION_MANAGEMENT_ADDRESS  "management-address"
#define BN_OPTION_STORAGE_CLI_DIR     "storage-cli-dir"

typedef enum
{
  BN_OPTION_TYPE_UINT,
  BN_OPTION_TYPE_ADDRESS,
  BN_OPTION_TYPE_PATH,
} BnOptionType;

typedef struct
{
  const char   *key;
  BnOptionType  type;
  const char   *default_value;
  guint         min;
  guint         max;
  const char   *unit;
  const char   *summary;
} BnOptionSpec;

BnOptions          *bn_options_new            (BnStore     *store);
const BnOptionSpec *bn_options_list           (guint       *n_options);
const BnOptionSpec *bn_options_lookup         (const char  *key);
char               *bn_options_get_string     (BnOptions   *self,
                                               const char  *key);
guint               bn_options_get_uint       (BnOptions   *self,
                                               const char  *key);
gboolean            bn_options_validate       (const char  *key,
                                               const char  *value,
                                               GError     **error);
gboolean            bn_options_set            (BnOptions   *self,
                                               const char  *key,
                                               const char  *value,
                                               GError     **error);

G_END_DECLS
