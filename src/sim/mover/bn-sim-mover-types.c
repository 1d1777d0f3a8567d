/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-sim-mover"

#include "config.h"

#include "bn-sim-mover-types.h"

G_DEFINE_QUARK (bn-sim-move-error-quark, bn_sim_move_error)

G_DEFINE_BOXED_TYPE (BnSimMoveStats, bn_sim_move_stats,
                     bn_sim_move_stats_copy, bn_sim_move_stats_free)

BnSimMoveStats *
bn_sim_move_stats_copy (const BnSimMoveStats *stats)
{
  g_return_val_if_fail (stats != NULL, NULL);

  return g_memdup2 (stats, sizeof *stats);
}

void
bn_sim_move_stats_free (BnSimMoveStats *stats)
{
  g_free (stats);
}

const char *
bn_sim_move_phase_to_string (BnSimMovePhase phase)
{
  switch (phase)
    {
    case BN_SIM_MOVE_PHASE_IDLE: return "idle";
    case BN_SIM_MOVE_PHASE_HANDSHAKE: return "handshake";
    case BN_SIM_MOVE_PHASE_PRECOPY: return "pre-copy";
    case BN_SIM_MOVE_PHASE_STOP_AND_COPY: return "stop-and-copy";
    case BN_SIM_MOVE_PHASE_VERIFY: return "verify";
    case BN_SIM_MOVE_PHASE_DONE: return "done";
    default: return "unknown";
    }
}

/* The texts of the Virtage manual (表 6-5, §6.4.13) where it has one. */
const char *
bn_sim_move_result_to_string (BnSimMoveResult result)
{
  switch (result)
    {
    case BN_SIM_MOVE_RESULT_COMPLETED:
      return "Migration completed";
    case BN_SIM_MOVE_RESULT_CANCELED_WRITE_INTENSIVE:
      return "LPAR Migration process was canceled. Memory write is intensive.";
    case BN_SIM_MOVE_RESULT_TERMINATED_BY_USER:
      return "Terminated by user";
    case BN_SIM_MOVE_RESULT_CONNECTION_ERROR:
      return "Connection refused (LPAR Mover-LPAR Mover)";
    case BN_SIM_MOVE_RESULT_PROTOCOL_ERROR:
      return "Invalid migration data (LPAR Mover-LPAR Mover)";
    case BN_SIM_MOVE_RESULT_VERIFY_FAILED:
      return "Memory verification failed (LPAR Mover-LPAR Mover)";
    default:
      return "unknown";
    }
}

/* Before the suspend nothing has touched the source LPAR: it keeps running. */
gboolean
bn_sim_move_phase_lpar_runs_on_source (BnSimMovePhase failed_phase)
{
  return failed_phase < BN_SIM_MOVE_PHASE_STOP_AND_COPY;
}
