/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* 表 7-1: what the console shows for an HVM. */
typedef enum
{
  BN_HVM_STATE_UNKNOWN,        /* registered, never read */
  BN_HVM_STATE_OK,             /* #1 read in the last Update */
  BN_HVM_STATE_UNREACHABLE,    /* #2 could not be read; see the reason */
  BN_HVM_STATE_RECOVERY,       /* #3 has LPARs requiring recovery */
  BN_HVM_STATE_MIGRATING,      /* #4 an LPAR migration is running on it */
} BnHvmState;

/* 表 7-2 #1-#12: what the console shows for an LPAR.  "Not selectable" (#5) depends on
 * the mode and the checks, so it is decided by the views, not stored here. */
typedef enum
{
  BN_LPAR_STATE_UNDEFINED,     /* #1 free slot */
  BN_LPAR_STATE_DEACTIVATED,   /* #2 */
  BN_LPAR_STATE_ACTIVATED,     /* #3 */
  BN_LPAR_STATE_RECOVERY,      /* #4 corrupted in an LPAR migration */
  BN_LPAR_STATE_FAILURE,       /* #6 */
  BN_LPAR_STATE_UNKNOWN,       /* #7 its HVM could not be read */
  BN_LPAR_STATE_MIGRATING,     /* #8 */
  BN_LPAR_STATE_INVALID,       /* #9 invalid configuration */
  BN_LPAR_STATE_WWN_ROLLBACK,  /* #10 */
  BN_LPAR_STATE_MIGRATION_WWN, /* #11 reaching its LU through the migration WWN */
  BN_LPAR_STATE_WWN_UNKNOWN,   /* #12 */
} BnLparState;

typedef enum
{
  BN_MIGRATION_MODE_SHUTDOWN,
  BN_MIGRATION_MODE_CONCURRENT,
} BnMigrationMode;

/* 表 7-2 #13-#17: a row of the Migration Progress window's process list. */
typedef enum
{
  BN_STAGE_STATE_WAITING,      /* #15 */
  BN_STAGE_STATE_RUNNING,      /* #14 */
  BN_STAGE_STATE_DONE,         /* #13 */
  BN_STAGE_STATE_FAILED,       /* #16 */
  BN_STAGE_STATE_CLEANING_UP,  /* #17 failed, the end processing is running */
  BN_STAGE_STATE_SKIPPED,      /* an optional process the settings left out */
} BnStageState;

/* What one run of the Migration Service does. */
typedef enum
{
  BN_OPERATION_MIGRATION,
  BN_OPERATION_REHEARSAL,
  BN_OPERATION_CONNECTIVITY_TEST,
  BN_OPERATION_RECOVERY,
  BN_OPERATION_WWN_ROLLBACK,
} BnOperation;

typedef enum
{
  BN_RUN_STATE_WAITING,
  BN_RUN_STATE_RUNNING,
  BN_RUN_STATE_CANCELING,
  BN_RUN_STATE_SUCCEEDED,
  BN_RUN_STATE_FAILED,
  BN_RUN_STATE_CANCELED,
} BnRunState;

/* An entry of a migration policy (§3.3); done entries get the manual's check mark. */
typedef enum
{
  BN_ENTRY_STATE_PENDING,
  BN_ENTRY_STATE_RUNNING,
  BN_ENTRY_STATE_DONE,
  BN_ENTRY_STATE_SKIPPED,
  BN_ENTRY_STATE_FAILED,
} BnEntryState;

/* Where a policy's run stands (§3.3.3, §6.3); stored, so a run survives the console. */
typedef enum
{
  BN_POLICY_RUN_IDLE,
  BN_POLICY_RUN_RUNNING,
  BN_POLICY_RUN_STOPPED,       /* Stop took effect: End or Continue */
  BN_POLICY_RUN_PAUSED,        /* an entry failed: Retry, Skip or End */
  BN_POLICY_RUN_FINISHED,      /* every entry done or skipped */
  BN_POLICY_RUN_ENDED,         /* End with entries left */
} BnPolicyRunState;

/* The nick of an enum value registered by bn-enums (e.g. "paused"), and back. */
const char *bn_enum_to_nick   (GType        enum_type,
                               int          value);
gboolean    bn_enum_from_nick (GType        enum_type,
                               const char  *nick,
                               int         *value);

G_END_DECLS
