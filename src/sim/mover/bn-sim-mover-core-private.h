/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bn-sim-memory.h"
#include "bn-sim-mover-types.h"
#include "bn-sim-wire-private.h"

G_BEGIN_DECLS

/*
 * What the sending and the receiving LPAR Mover have in common: the socket, the settings
 * both take, the thread-safe stats snapshot and cancel, the "sample" signal emitted in the
 * caller's context, and the GTask that runs the worker thread. Embedded in BnSimMove and
 * BnSimReceive, which keep only their own side's state.
 */
typedef struct
{
  GSocket         *socket;
  GCancellable    *cancel;
  GCancellable    *user_cancellable;
  gulong           user_cancel_id;
  GMainContext    *context;

  guint            sample_interval_ms;
  guint            io_timeout_ms;
  gboolean         started;

  GMutex           mutex;
  /* Under mutex. */
  gboolean         cancel_requested;
  BnSimMoveStats   stats;
} BnSimMoverCore;

void            bn_sim_mover_core_init          (BnSimMoverCore       *core);
void            bn_sim_mover_core_dispose       (BnSimMoverCore       *core);
void            bn_sim_mover_core_finalize      (BnSimMoverCore       *core);

gboolean        bn_sim_mover_core_cancel        (BnSimMoverCore       *core);
void            bn_sim_mover_core_get_stats     (BnSimMoverCore       *core,
                                                 BnSimMoveStats       *stats);
gboolean        bn_sim_mover_core_begin_suspend (BnSimMoverCore       *core,
                                                 GError              **error);
void            bn_sim_mover_core_emit_sample   (BnSimMoverCore       *core,
                                                 gpointer              instance,
                                                 guint                 signal_id);

void            bn_sim_mover_core_run_async     (BnSimMoverCore       *core,
                                                 gpointer              instance,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data,
                                                 gpointer              source_tag,
                                                 const char           *thread_name,
                                                 GThreadFunc           thread_func);
BnSimMoveResult bn_sim_mover_core_run_finish    (GAsyncResult         *result,
                                                 GError              **error);

void            bn_sim_mover_core_open_conn     (BnSimMoverCore       *core,
                                                 BnSimConn            *conn,
                                                 gsize                 read_buffer);
void            bn_sim_mover_core_end           (BnSimMoverCore       *core,
                                                 BnSimConn            *conn,
                                                 BnSimMoveResult       result,
                                                 BnSimMovePhase        failed_phase);
void            bn_sim_mover_core_return        (GTask                *task,
                                                 const char           *side,
                                                 BnSimConn            *conn,
                                                 gint64                t_start,
                                                 BnSimMoveResult       result,
                                                 GError               *error);

gboolean        bn_sim_mover_protocol_error     (GError              **error,
                                                 const char           *format,
                                                 ...) G_GNUC_PRINTF (2, 3);
BnSimMoveResult bn_sim_mover_classify_error     (const GError         *error);
void            bn_sim_mover_normalize_error    (GError              **error,
                                                 BnSimMovePhase        phase,
                                                 guint                 round);
guint64         bn_sim_mover_checksum           (BnSimMemory          *memory,
                                                 const guint64        *page_hash,
                                                 guint64               n_pages,
                                                 gboolean              full_verify);

G_END_DECLS
