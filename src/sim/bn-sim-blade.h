/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "bn-sim-reply.h"

G_BEGIN_DECLS

typedef struct _BnSimFleet BnSimFleet;
typedef struct _BnSimMigration BnSimMigration;

#define BN_TYPE_SIM_BLADE (bn_sim_blade_get_type ())

G_DECLARE_FINAL_TYPE (BnSimBlade, bn_sim_blade, BN, SIM_BLADE, GObject)

/* What the blade is busy with: a second console asking for a conflicting operation gets the
 * manual's busy message (表 6-3 #2 while a migration runs, #5 for any other operation).  A
 * blade holds a migration, an operation, or both: an LPAR operation that 表 5-2 allows
 * during a migration (on another LPAR) runs beside it (bn_sim_blade_begin_beside()). */
typedef enum
{
  BN_SIM_BUSY_NONE,
  BN_SIM_BUSY_OPERATION,
  BN_SIM_BUSY_MIGRATION,
} BnSimBusy;

typedef enum
{
  BN_SIM_LOG_INFO,
  BN_SIM_LOG_WARNING,
  BN_SIM_LOG_ERROR,
} BnSimLogLevel;

BnSimBlade  *bn_sim_blade_new             (BnSimFleet     *fleet,
                                           JsonNode       *doc,
                                           const char     *state_path);
const char  *bn_sim_blade_get_id          (BnSimBlade     *self);
const char  *bn_sim_blade_get_address     (BnSimBlade     *self);
guint        bn_sim_blade_get_port        (BnSimBlade     *self);
BnSimFleet  *bn_sim_blade_get_fleet       (BnSimBlade     *self);
gboolean     bn_sim_blade_start           (BnSimBlade     *self,
                                           GTlsCertificate *certificate,
                                           GError        **error);
void         bn_sim_blade_stop            (BnSimBlade     *self);
JsonObject  *bn_sim_blade_get_doc         (BnSimBlade     *self);
JsonObject  *bn_sim_blade_get_lpar        (BnSimBlade     *self,
                                           guint           number);
guint64      bn_sim_blade_get_generation  (BnSimBlade     *self);
const char  *bn_sim_blade_get_config_json (BnSimBlade     *self);
void         bn_sim_blade_changed         (BnSimBlade     *self);
gboolean     bn_sim_blade_save_now        (BnSimBlade     *self,
                                           GError        **error);
void         bn_sim_blade_log             (BnSimBlade     *self,
                                           BnSimLogLevel   level,
                                           const char     *event,
                                           const char     *detail_format,
                                           ...) G_GNUC_PRINTF (4, 5);
BnSimBusy    bn_sim_blade_get_busy        (BnSimBlade     *self);
gboolean     bn_sim_blade_holds           (BnSimBlade     *self,
                                           BnSimBusy       kind);
BnSimReply  *bn_sim_blade_begin           (BnSimBlade     *self,
                                           BnSimBusy       kind,
                                           const char     *what);
BnSimReply  *bn_sim_blade_begin_beside    (BnSimBlade     *self,
                                           const char     *what);
void         bn_sim_blade_end             (BnSimBlade     *self,
                                           BnSimBusy       kind);
double       bn_sim_blade_step_seconds    (BnSimBlade     *self,
                                           const char     *step);
gboolean     bn_sim_blade_allows_client   (BnSimBlade     *self,
                                           GInetAddress   *address);
BnSimMigration *bn_sim_blade_get_migration (BnSimBlade    *self);
void         bn_sim_blade_set_migration   (BnSimBlade     *self,
                                           BnSimMigration *migration);
gpointer     bn_sim_blade_get_lpar_memory (BnSimBlade     *self,
                                           guint           number);
void         bn_sim_blade_set_lpar_memory (BnSimBlade     *self,
                                           guint           number,
                                           gpointer        memory);
void         bn_sim_blade_remove_lpar     (BnSimBlade     *self,
                                           guint           number);

G_END_DECLS
