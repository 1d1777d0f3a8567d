/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The simulator's page size; the wire format fixes it too. */
#define BN_SIM_PAGE_SIZE 4096u
#define BN_SIM_PAGE_SHIFT 12

/* Largest device-state blob carried at suspend. */
#define BN_SIM_MOVE_MAX_DEVICE_STATE (1u << 20)

#define BN_SIM_MOVE_DEFAULT_MAX_SUSPEND_MS 500u
#define BN_SIM_MOVE_DEFAULT_TIMEOUT_S 900u
#define BN_SIM_MOVE_DEFAULT_SAMPLE_INTERVAL_MS 1000u
#define BN_SIM_MOVE_DEFAULT_IO_TIMEOUT_MS 30000u

/* Common path rates, in bytes per second. */
#define BN_SIM_RATE_1GBPS  (125u * 1000u * 1000u)
#define BN_SIM_RATE_10GBPS (1250u * 1000u * 1000u)

/**
 * BnSimMovePhase:
 * @BN_SIM_MOVE_PHASE_IDLE: not started
 * @BN_SIM_MOVE_PHASE_HANDSHAKE: exchanging the hello (nothing moved yet)
 * @BN_SIM_MOVE_PHASE_PRECOPY: copying memory while the LPAR runs on the source
 * @BN_SIM_MOVE_PHASE_STOP_AND_COPY: the source LPAR is suspended; last dirty pages,
 *   device state and checksum are on their way
 * @BN_SIM_MOVE_PHASE_VERIFY: everything is sent; waiting for the destination's verdict
 * @BN_SIM_MOVE_PHASE_DONE: finished (see the result)
 *
 * Failures in %BN_SIM_MOVE_PHASE_HANDSHAKE or %BN_SIM_MOVE_PHASE_PRECOPY leave the
 * LPAR running on the source; failures in %BN_SIM_MOVE_PHASE_STOP_AND_COPY or
 * %BN_SIM_MOVE_PHASE_VERIFY leave it suspended on the source (the caller decides
 * between resuming it and "requires recovery").
 */
typedef enum
{
  BN_SIM_MOVE_PHASE_IDLE,
  BN_SIM_MOVE_PHASE_HANDSHAKE,
  BN_SIM_MOVE_PHASE_PRECOPY,
  BN_SIM_MOVE_PHASE_STOP_AND_COPY,
  BN_SIM_MOVE_PHASE_VERIFY,
  BN_SIM_MOVE_PHASE_DONE,
} BnSimMovePhase;

/**
 * BnSimMoveResult:
 * @BN_SIM_MOVE_RESULT_COMPLETED: the destination holds a verified copy
 * @BN_SIM_MOVE_RESULT_CANCELED_WRITE_INTENSIVE: the timeout passed before pre-copy
 *   converged ("LPAR Migration process was canceled. Memory write is intensive.")
 * @BN_SIM_MOVE_RESULT_TERMINATED_BY_USER: canceled by a caller, on either side
 * @BN_SIM_MOVE_RESULT_CONNECTION_ERROR: the migration path broke or went silent
 * @BN_SIM_MOVE_RESULT_PROTOCOL_ERROR: the peer sent something invalid or refused the hello
 * @BN_SIM_MOVE_RESULT_VERIFY_FAILED: the destination's checksum differs from the source's
 */
typedef enum
{
  BN_SIM_MOVE_RESULT_COMPLETED,
  BN_SIM_MOVE_RESULT_CANCELED_WRITE_INTENSIVE,
  BN_SIM_MOVE_RESULT_TERMINATED_BY_USER,
  BN_SIM_MOVE_RESULT_CONNECTION_ERROR,
  BN_SIM_MOVE_RESULT_PROTOCOL_ERROR,
  BN_SIM_MOVE_RESULT_VERIFY_FAILED,
} BnSimMoveResult;

/**
 * BnSimMoveError:
 *
 * Error codes in %BN_SIM_MOVE_ERROR; each equals the #BnSimMoveResult it reports.
 */
typedef enum
{
  BN_SIM_MOVE_ERROR_CANCELED_WRITE_INTENSIVE = BN_SIM_MOVE_RESULT_CANCELED_WRITE_INTENSIVE,
  BN_SIM_MOVE_ERROR_TERMINATED_BY_USER = BN_SIM_MOVE_RESULT_TERMINATED_BY_USER,
  BN_SIM_MOVE_ERROR_CONNECTION = BN_SIM_MOVE_RESULT_CONNECTION_ERROR,
  BN_SIM_MOVE_ERROR_PROTOCOL = BN_SIM_MOVE_RESULT_PROTOCOL_ERROR,
  BN_SIM_MOVE_ERROR_VERIFY_FAILED = BN_SIM_MOVE_RESULT_VERIFY_FAILED,
} BnSimMoveError;

#define BN_SIM_MOVE_ERROR (bn_sim_move_error_quark ())
GQuark bn_sim_move_error_quark (void);

/**
 * BnSimMoveStats:
 * @phase: current phase (%BN_SIM_MOVE_PHASE_DONE at the end)
 * @failed_phase: phase in which the move failed, %BN_SIM_MOVE_PHASE_IDLE if it did not
 * @result: the result once @phase is %BN_SIM_MOVE_PHASE_DONE
 * @round: pre-copy round (0 sends every page); the stop-and-copy is the last round
 * @total_bytes: size of the LPAR's memory
 * @transferred_bytes: stream bytes written (sender) or read (receiver) so far,
 *   headers included
 * @confirmed_bytes: sender: stream bytes the destination reports having consumed;
 *   receiver: same as @transferred_bytes
 * @pages_sent: pages carried with their 4 KiB of data (all rounds)
 * @zero_pages: pages carried as zero markers (all rounds)
 * @remaining_dirty_bytes: sender: dirty bytes still to send (pages × 4 KiB, plus bytes
 *   sent but not yet consumed by the destination); receiver: 0
 * @transfer_rate: bytes/s over the last sample interval (sender: consumed by the
 *   destination; receiver: read)
 * @dirty_rate: bytes/s of pages newly dirtied on the source over the last interval
 * @estimated_rate: sender: the conservative rate the convergence test uses (bytes/s)
 * @expected_suspend_us: sender: remaining ÷ @estimated_rate, -1 while unknown
 * @elapsed_us: time since the move started
 * @timeout_us: current timeout, extensions included (receiver: 0)
 * @suspend_us: real suspend time, pause → acknowledgement (sender) or suspend
 *   marker → acknowledgement sent (receiver); -1 until known
 * @prefault_us: receiver: time spent pre-faulting destination memory
 * @checksum: checksum of the memory at suspend (valid when @checksum_valid)
 * @checksum_valid: whether @checksum is set
 * @source_suspended: whether the source LPAR is (was left) suspended
 *
 * A snapshot of a move, from either side. Plain data: copy it freely.
 */
typedef struct
{
  BnSimMovePhase  phase;
  BnSimMovePhase  failed_phase;
  BnSimMoveResult result;
  guint           round;
  guint64         total_bytes;
  guint64         transferred_bytes;
  guint64         confirmed_bytes;
  guint64         pages_sent;
  guint64         zero_pages;
  guint64         remaining_dirty_bytes;
  guint64         transfer_rate;
  guint64         dirty_rate;
  guint64         estimated_rate;
  gint64          expected_suspend_us;
  gint64          elapsed_us;
  gint64          timeout_us;
  gint64          suspend_us;
  gint64          prefault_us;
  guint64         checksum;
  gboolean        checksum_valid;
  gboolean        source_suspended;
} BnSimMoveStats;

#define BN_SIM_TYPE_MOVE_STATS (bn_sim_move_stats_get_type ())
GType           bn_sim_move_stats_get_type   (void) G_GNUC_CONST;
BnSimMoveStats *bn_sim_move_stats_copy       (const BnSimMoveStats *stats);
void            bn_sim_move_stats_free       (BnSimMoveStats       *stats);

const char     *bn_sim_move_phase_to_string  (BnSimMovePhase  phase);
const char     *bn_sim_move_result_to_string (BnSimMoveResult result);
gboolean        bn_sim_move_phase_lpar_runs_on_source (BnSimMovePhase failed_phase);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BnSimMoveStats, bn_sim_move_stats_free)

G_END_DECLS
