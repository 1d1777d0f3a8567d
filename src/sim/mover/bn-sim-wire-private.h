/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sys/uio.h>

#include <gio/gio.h>

G_BEGIN_DECLS

/* The wire format; docs/lpar-mover.md describes it. All integers little-endian. */
#define BN_SIM_WIRE_MAGIC_HELLO   "BNLPMOVE"
#define BN_SIM_WIRE_MAGIC_REPLY   "BNLPMOVR"
#define BN_SIM_WIRE_VERSION       1u
#define BN_SIM_WIRE_HELLO_SIZE    40u
#define BN_SIM_WIRE_REPLY_SIZE    32u
#define BN_SIM_WIRE_RECORD_SIZE   16u
#define BN_SIM_WIRE_MAX_BATCH_PAGES 256u
#define BN_SIM_WIRE_FLAG_FULL_VERIFY 1u

typedef enum
{
  BN_SIM_REC_ROUND = 1,
  BN_SIM_REC_PAGES = 2,
  BN_SIM_REC_ZERO_RUN = 3,
  BN_SIM_REC_SUSPEND = 4,
  BN_SIM_REC_END = 5,
  BN_SIM_REC_ABORT = 6,
  BN_SIM_REC_ACK = 7,
  BN_SIM_REC_PROGRESS = 8,
} BnSimRecType;

typedef enum
{
  BN_SIM_HELLO_OK = 0,
  BN_SIM_HELLO_BAD_VERSION = 1,
  BN_SIM_HELLO_BAD_PAGE_SIZE = 2,
  BN_SIM_HELLO_SIZE_MISMATCH = 3,
  BN_SIM_HELLO_REFUSED = 4,
} BnSimHelloStatus;

typedef enum
{
  BN_SIM_ABORT_USER = 1,
  BN_SIM_ABORT_WRITE_INTENSIVE = 2,
  BN_SIM_ABORT_ERROR = 3,
} BnSimAbortReason;

typedef enum
{
  BN_SIM_ACK_OK = 0,
  BN_SIM_ACK_CHECKSUM_MISMATCH = 1,
  BN_SIM_ACK_INCOMPLETE = 2,
} BnSimAckStatus;

typedef struct
{
  guint32 type;
  guint32 count;
  guint64 arg;
} BnSimWireRecord;

typedef struct
{
  char    magic[8];
  guint32 version;
  guint32 page_size;
  guint64 total_pages;
  guint64 session_id;
  guint32 flags;
  guint32 max_batch_pages;
} BnSimWireHello;

typedef struct
{
  char    magic[8];
  guint32 version;
  guint32 status;
  guint64 session_id;
  guint64 total_pages;
} BnSimWireReply;

void bn_sim_wire_encode_record (guint8                 out[BN_SIM_WIRE_RECORD_SIZE],
                                guint32                type,
                                guint32                count,
                                guint64                arg);
void bn_sim_wire_decode_record (const guint8           in[BN_SIM_WIRE_RECORD_SIZE],
                                BnSimWireRecord       *rec);
void bn_sim_wire_encode_hello  (guint8                 out[BN_SIM_WIRE_HELLO_SIZE],
                                const BnSimWireHello  *hello);
void bn_sim_wire_decode_hello  (const guint8           in[BN_SIM_WIRE_HELLO_SIZE],
                                BnSimWireHello        *hello);
void bn_sim_wire_encode_reply  (guint8                 out[BN_SIM_WIRE_REPLY_SIZE],
                                const BnSimWireReply  *reply);
void bn_sim_wire_decode_reply  (const guint8           in[BN_SIM_WIRE_REPLY_SIZE],
                                BnSimWireReply        *reply);

/*
 * A socket used with blocking calls under a 20 ms kernel timeout, looking at cancellation,
 * an I/O timeout (no byte moved for that long) and a periodic tick callback (stats,
 * samples, the peer's progress) between calls; a token-bucket rate limit on writes.
 */
typedef gboolean (*BnSimConnTickFunc) (gpointer   data,
                                       GError   **error);

typedef struct
{
  int                fd;
  GCancellable      *cancellable;
  int                cancel_fd;
  gboolean           ignore_cancel;
  gint64             last_tick;
  gint64             io_timeout_us;
  gint64             tick_interval_us;
  BnSimConnTickFunc  tick;
  gpointer           tick_data;
  gboolean           watch_input;
  guint64            rate_limit;
  gint64             tb_next;
  guint8            *rbuf;
  gsize              rcap;
  gsize              rpos;
  gsize              rlen;
  guint64            bytes_in;
  guint64            bytes_out;
} BnSimConn;

void     bn_sim_conn_init           (BnSimConn           *c,
                                     int                  fd,
                                     GCancellable        *cancellable,
                                     gsize                read_buffer);
void     bn_sim_conn_clear          (BnSimConn           *c);
void     bn_sim_conn_ignore_cancel  (BnSimConn           *c);
gboolean bn_sim_conn_write          (BnSimConn           *c,
                                     const struct iovec  *iov,
                                     int                  iovcnt,
                                     gboolean             limited,
                                     GError             **error);
gboolean bn_sim_conn_read_exact     (BnSimConn           *c,
                                     void                *buf,
                                     gsize                len,
                                     GError             **error);
gboolean bn_sim_conn_read_iov       (BnSimConn           *c,
                                     struct iovec        *iov,
                                     int                  iovcnt,
                                     GError             **error);
gboolean bn_sim_conn_poll_input     (BnSimConn           *c,
                                     GError             **error);
gsize    bn_sim_conn_buffered       (BnSimConn           *c);
const guint8 *bn_sim_conn_peek      (BnSimConn           *c);
void     bn_sim_conn_consume        (BnSimConn           *c,
                                     gsize                n);
gboolean bn_sim_conn_wait           (BnSimConn           *c,
                                     gint64               until,
                                     GError             **error);
gboolean bn_sim_conn_wait_input     (BnSimConn           *c,
                                     gint64               until,
                                     GError             **error);
void     bn_sim_conn_linger         (BnSimConn           *c,
                                     gint64               timeout_us);

G_END_DECLS
