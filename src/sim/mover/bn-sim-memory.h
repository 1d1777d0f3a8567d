/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "bn-sim-mover-types.h"

G_BEGIN_DECLS

/**
 * BnSimMemory:
 *
 * An LPAR's real memory: an anonymous private mapping (MAP_NORESERVE, transparent huge
 * pages requested) of a whole number of 4 KiB pages, with a dirty bitmap. Refcounted and
 * thread-safe to share between the guest workload, a mover and the blade; the mapping is
 * unmapped when the last reference goes, so the resident memory drops.
 *
 * Whoever writes guest memory must call bn_sim_memory_mark_dirty() (or a range variant)
 * *after* the write: the mover clears a page's bit before reading the page, so a write
 * followed by its mark is never lost.
 */
typedef struct _BnSimMemory BnSimMemory;

typedef enum
{
  BN_SIM_MEMORY_FLAGS_NONE = 0,
  BN_SIM_MEMORY_PREFAULT = 1 << 0,
} BnSimMemoryFlags;

typedef enum
{
  BN_SIM_FILL_ZERO,
  BN_SIM_FILL_TEXT,
  BN_SIM_FILL_RANDOM,
} BnSimFill;

#define BN_SIM_TYPE_MEMORY (bn_sim_memory_get_type ())
GType        bn_sim_memory_get_type          (void) G_GNUC_CONST;

BnSimMemory *bn_sim_memory_new               (guint64           size,
                                              BnSimMemoryFlags  flags,
                                              GError          **error);
BnSimMemory *bn_sim_memory_ref               (BnSimMemory      *self);
void         bn_sim_memory_unref             (BnSimMemory      *self);

guint64      bn_sim_memory_get_size          (BnSimMemory      *self);
guint64      bn_sim_memory_get_n_pages       (BnSimMemory      *self);
guint8      *bn_sim_memory_get_data          (BnSimMemory      *self);

void         bn_sim_memory_mark_dirty        (BnSimMemory      *self,
                                              guint64           page);
void         bn_sim_memory_mark_dirty_range  (BnSimMemory      *self,
                                              guint64           offset,
                                              guint64           length);
void         bn_sim_memory_write             (BnSimMemory      *self,
                                              guint64           offset,
                                              const void       *data,
                                              gsize             length);
gboolean     bn_sim_memory_is_dirty          (BnSimMemory      *self,
                                              guint64           page);
guint64      bn_sim_memory_get_dirty_pages   (BnSimMemory      *self);
guint64      bn_sim_memory_get_dirty_events  (BnSimMemory      *self);
void         bn_sim_memory_clear_dirty       (BnSimMemory      *self);

void         bn_sim_memory_fill              (BnSimMemory      *self,
                                              BnSimFill         kind,
                                              guint64           offset,
                                              guint64           length,
                                              guint64           seed);
gboolean     bn_sim_memory_prefault          (BnSimMemory      *self,
                                              GError          **error);
void         bn_sim_memory_discard           (BnSimMemory      *self);

guint64      bn_sim_memory_checksum          (BnSimMemory      *self);
guint64      bn_sim_memory_page_checksum     (BnSimMemory      *self,
                                              guint64           page);
guint64      bn_sim_memory_get_resident_bytes (BnSimMemory     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BnSimMemory, bn_sim_memory_unref)

G_END_DECLS
