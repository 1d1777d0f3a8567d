/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-sim-mover"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <gio/gio.h>

#include "bn-sim-hash-private.h"
#include "bn-sim-memory-private.h"

#ifndef MADV_POPULATE_WRITE
# define MADV_POPULATE_WRITE 23
#endif

struct _BnSimMemory
{
  gatomicrefcount ref;
  guint64         size;
  guint64         n_pages;
  guint64         n_words;
  guint8         *data;
  /* One bit per page, set by writers after writing, taken (exchanged to 0) by movers. */
  guint64        *dirty;
  /* One bit per page, set once a page may hold non-zero data: lets the mover send the
   * never-written pages of a fresh LPAR as zero markers without reading them. */
  guint64        *touched;
  /* Signed: a writer's increment may land after the mover's decrement. */
  gint64          dirty_count;
  guint64         dirty_events;
  gint            prefaulted;
};

G_DEFINE_BOXED_TYPE (BnSimMemory, bn_sim_memory, bn_sim_memory_ref, bn_sim_memory_unref)

/**
 * bn_sim_memory_new:
 * @size: bytes, rounded up to whole 4 KiB pages
 * @flags: %BN_SIM_MEMORY_PREFAULT to back every page now (a destination LPAR: first-touch
 *   faults would otherwise cap the receive rate)
 * @error: return location for an error
 *
 * Returns: (transfer full): the memory, all zero, or %NULL with @error set
 */
BnSimMemory *
bn_sim_memory_new (guint64           size,
                   BnSimMemoryFlags  flags,
                   GError          **error)
{
  g_autoptr(BnSimMemory) self = NULL;
  void *data;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (size == 0 || size > (G_GUINT64_CONSTANT (1) << 46))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Invalid LPAR memory size %" G_GUINT64_FORMAT, size);
      return NULL;
    }
  size = (size + BN_SIM_PAGE_SIZE - 1) & ~(guint64) (BN_SIM_PAGE_SIZE - 1);

  data = mmap (NULL, size, PROT_READ | PROT_WRITE,
               MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (data == MAP_FAILED)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot map %" G_GUINT64_FORMAT " bytes of LPAR memory: %s",
                   size, g_strerror (saved_errno));
      return NULL;
    }
  /* Huge pages make first touch several times cheaper in this VM; a hint only. */
  (void) madvise (data, size, MADV_HUGEPAGE);

  self = g_new0 (BnSimMemory, 1);
  g_atomic_ref_count_init (&self->ref);
  self->size = size;
  self->n_pages = size / BN_SIM_PAGE_SIZE;
  self->n_words = (self->n_pages + 63) / 64;
  self->data = data;
  self->dirty = g_new0 (guint64, self->n_words);
  self->touched = g_new0 (guint64, self->n_words);

  if ((flags & BN_SIM_MEMORY_PREFAULT) && !bn_sim_memory_prefault (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

BnSimMemory *
bn_sim_memory_ref (BnSimMemory *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
bn_sim_memory_unref (BnSimMemory *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  if (self->data != NULL)
    munmap (self->data, self->size);
  g_free (self->dirty);
  g_free (self->touched);
  g_free (self);
}

guint64
bn_sim_memory_get_size (BnSimMemory *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->size;
}

guint64
bn_sim_memory_get_n_pages (BnSimMemory *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_pages;
}

/**
 * bn_sim_memory_get_data:
 *
 * Returns: (transfer none): the first byte of the LPAR's memory. Mark what you write.
 */
guint8 *
bn_sim_memory_get_data (BnSimMemory *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->data;
}

static inline void
set_touched_bits (BnSimMemory *self,
                  guint64      word,
                  guint64      bits)
{
  if ((__atomic_load_n (&self->touched[word], __ATOMIC_RELAXED) & bits) != bits)
    __atomic_fetch_or (&self->touched[word], bits, __ATOMIC_RELAXED);
}

static inline void
mark_bits (BnSimMemory *self,
           guint64      word,
           guint64      bits)
{
  guint64 old;
  guint64 fresh;

  set_touched_bits (self, word, bits);
  /* Release: the page data written before this is visible to whoever takes the bit. */
  old = __atomic_fetch_or (&self->dirty[word], bits, __ATOMIC_RELEASE);
  fresh = bits & ~old;
  if (fresh != 0)
    {
      guint n = __builtin_popcountll (fresh);

      __atomic_fetch_add (&self->dirty_count, (gint64) n, __ATOMIC_RELAXED);
      __atomic_fetch_add (&self->dirty_events, (guint64) n, __ATOMIC_RELAXED);
    }
}

void
bn_sim_memory_mark_dirty (BnSimMemory *self,
                          guint64      page)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (page < self->n_pages);

  mark_bits (self, page >> 6, G_GUINT64_CONSTANT (1) << (page & 63));
}

static void
mark_page_range (BnSimMemory *self,
                 guint64      first,
                 guint64      end)
{
  while (first < end)
    {
      guint64 word = first >> 6;
      guint64 lo = first & 63;
      guint64 hi = MIN (end - (word << 6), 64);
      guint64 bits;

      bits = (hi == 64 ? ~G_GUINT64_CONSTANT (0) : ((G_GUINT64_CONSTANT (1) << hi) - 1));
      bits &= ~((G_GUINT64_CONSTANT (1) << lo) - 1);
      mark_bits (self, word, bits);
      first = (word << 6) + hi;
    }
}

/* Marks every page that [offset, offset + length) overlaps. */
void
bn_sim_memory_mark_dirty_range (BnSimMemory *self,
                                guint64      offset,
                                guint64      length)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (offset <= self->size && length <= self->size - offset);

  if (length == 0)
    return;
  mark_page_range (self, offset >> BN_SIM_PAGE_SHIFT,
                   ((offset + length - 1) >> BN_SIM_PAGE_SHIFT) + 1);
}

void
bn_sim_memory_write (BnSimMemory *self,
                     guint64      offset,
                     const void  *data,
                     gsize        length)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (offset <= self->size && length <= self->size - offset);

  memcpy (self->data + offset, data, length);
  bn_sim_memory_mark_dirty_range (self, offset, length);
}

gboolean
bn_sim_memory_is_dirty (BnSimMemory *self,
                        guint64      page)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (page < self->n_pages, FALSE);

  return (__atomic_load_n (&self->dirty[page >> 6], __ATOMIC_RELAXED) >> (page & 63)) & 1;
}

guint64
bn_sim_memory_get_dirty_pages (BnSimMemory *self)
{
  gint64 n;

  g_return_val_if_fail (self != NULL, 0);

  n = __atomic_load_n (&self->dirty_count, __ATOMIC_RELAXED);
  return (guint64) CLAMP (n, 0, (gint64) self->n_pages);
}

/* Total number of clean→dirty transitions since creation: its growth is the dirty rate. */
guint64
bn_sim_memory_get_dirty_events (BnSimMemory *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return __atomic_load_n (&self->dirty_events, __ATOMIC_RELAXED);
}

void
bn_sim_memory_clear_dirty (BnSimMemory *self)
{
  g_return_if_fail (self != NULL);

  for (guint64 w = 0; w < self->n_words; w++)
    _bn_sim_memory_take_dirty_word (self, w);
}

static inline guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static void
fill_random_page (guint8  *page,
                  guint64  seed,
                  guint64  index)
{
  guint64 state = seed ^ (index * G_GUINT64_CONSTANT (0xD1B54A32D192ED03));
  guint64 s0 = splitmix64 (&state) | 1;
  guint64 s1 = splitmix64 (&state);
  guint64 *w = (guint64 *) page;

  /* xorshift128+: several GB/s, plenty random for incompressible guest data. */
  for (guint i = 0; i < BN_SIM_PAGE_SIZE / 8; i++)
    {
      guint64 x = s0;
      guint64 y = s1;

      s0 = y;
      x ^= x << 23;
      s1 = x ^ y ^ (x >> 17) ^ (y >> 26);
      w[i] = s1 + y;
    }
}

#define TEXT_BLOCK (64 * 1024)

static guint8 *
make_text_block (guint64 seed)
{
  static const char *const words[] = {
    "the", "lpar", "memory", "kernel", "page", "migration", "blade", "virtage", "guest",
    "process", "buffer", "cache", "network", "storage", "log", "error", "info", "request",
    "response", "user", "session", "database", "table", "index", "commit", "thread",
    "0x7f3a", "2024-05-01", "12:00:01", "ok", "failed", "retry", "=", "{", "}", ";",
  };
  guint8 *block = g_malloc (TEXT_BLOCK + BN_SIM_PAGE_SIZE);
  guint64 state = seed;
  gsize pos = 0;

  while (pos < TEXT_BLOCK + BN_SIM_PAGE_SIZE)
    {
      guint64 r = splitmix64 (&state);
      const char *word = words[r % G_N_ELEMENTS (words)];
      gsize len = strlen (word);

      len = MIN (len, TEXT_BLOCK + BN_SIM_PAGE_SIZE - pos);
      memcpy (block + pos, word, len);
      pos += len;
      if (pos < TEXT_BLOCK + BN_SIM_PAGE_SIZE)
        block[pos++] = ((r >> 32) % 11 == 0) ? '\n' : ' ';
    }
  return block;
}

/**
 * bn_sim_memory_fill:
 * @kind: zero, text-like (words, spaces, newlines) or random content
 * @offset: start; rounded down to a page
 * @length: bytes; the range is rounded out to whole pages
 * @seed: content seed; the same seed gives the same content for a page
 *
 * Fills guest memory and marks the pages dirty. Zero-filling skips pages never written.
 */
void
bn_sim_memory_fill (BnSimMemory *self,
                    BnSimFill    kind,
                    guint64      offset,
                    guint64      length,
                    guint64      seed)
{
  g_autofree guint8 *text = NULL;
  guint64 first;
  guint64 end;

  g_return_if_fail (self != NULL);
  g_return_if_fail (offset <= self->size && length <= self->size - offset);

  if (length == 0)
    return;
  first = offset >> BN_SIM_PAGE_SHIFT;
  end = ((offset + length - 1) >> BN_SIM_PAGE_SHIFT) + 1;
  if (kind == BN_SIM_FILL_TEXT)
    text = make_text_block (seed);

  for (guint64 p = first; p < end; p++)
    {
      guint8 *page = self->data + p * BN_SIM_PAGE_SIZE;

      switch (kind)
        {
        case BN_SIM_FILL_ZERO:
          if (!_bn_sim_memory_page_touched (self, p))
            continue;
          memset (page, 0, BN_SIM_PAGE_SIZE);
          break;
        case BN_SIM_FILL_TEXT:
          {
            guint64 state = seed ^ p;

            memcpy (page, text + splitmix64 (&state) % TEXT_BLOCK, BN_SIM_PAGE_SIZE);
          }
          break;
        case BN_SIM_FILL_RANDOM:
        default:
          fill_random_page (page, seed, p);
          break;
        }
      mark_bits (self, p >> 6, G_GUINT64_CONSTANT (1) << (p & 63));
    }
}

/**
 * bn_sim_memory_prefault:
 *
 * Backs every page with real memory now (MADV_POPULATE_WRITE, or touching each page on
 * kernels without it), so later writes—a receiving mover's—do not pay first-touch faults.
 * Cheap when already done. Content is unchanged.
 */
gboolean
bn_sim_memory_prefault (BnSimMemory  *self,
                        GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (g_atomic_int_get (&self->prefaulted))
    return TRUE;

  if (madvise (self->data, self->size, MADV_POPULATE_WRITE) != 0)
    {
      int saved_errno = errno;

      if (saved_errno != EINVAL)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "Cannot back %" G_GUINT64_FORMAT " bytes of LPAR memory: %s",
                       self->size, g_strerror (saved_errno));
          return FALSE;
        }
      /* Pre-5.14 kernel: an atomic add of 0 writes without changing content. */
      for (guint64 off = 0; off < self->size; off += BN_SIM_PAGE_SIZE)
        __atomic_fetch_add ((guint8 *) self->data + off, 0, __ATOMIC_RELAXED);
    }
  g_atomic_int_set (&self->prefaulted, TRUE);
  return TRUE;
}

/**
 * bn_sim_memory_discard:
 *
 * Drops the content (every page reads as zero again), releases the resident memory and
 * clears the dirty state. Used on a destination whose move failed.
 */
void
bn_sim_memory_discard (BnSimMemory *self)
{
  g_return_if_fail (self != NULL);

  if (madvise (self->data, self->size, MADV_DONTNEED) != 0)
    memset (self->data, 0, self->size);
  for (guint64 w = 0; w < self->n_words; w++)
    {
      __atomic_store_n (&self->touched[w], 0, __ATOMIC_RELAXED);
      __atomic_store_n (&self->dirty[w], 0, __ATOMIC_RELAXED);
    }
  __atomic_store_n (&self->dirty_count, 0, __ATOMIC_RELAXED);
  g_atomic_int_set (&self->prefaulted, FALSE);
}

/**
 * bn_sim_memory_checksum:
 *
 * Computes the 64-bit checksum of the whole memory (docs/lpar-mover.md, "Checksum") by
 * reading every page: about 10 GB/s here. The movers keep per-page hashes instead, so
 * that a suspend does not pay for this; this is the independent check.
 */
guint64
bn_sim_memory_checksum (BnSimMemory *self)
{
  BnSimHashCombine c;

  g_return_val_if_fail (self != NULL, 0);

  bn_sim_hash_combine_init (&c, self->n_pages);
  for (guint64 p = 0; p < self->n_pages; p++)
    bn_sim_hash_combine_add (&c, bn_sim_hash_page (self->data + p * BN_SIM_PAGE_SIZE));
  return bn_sim_hash_combine_finish (&c);
}

guint64
bn_sim_memory_page_checksum (BnSimMemory *self,
                             guint64      page)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (page < self->n_pages, 0);

  return bn_sim_hash_page (self->data + page * BN_SIM_PAGE_SIZE);
}

/* Bytes of this memory now resident (mincore), for tests and benchmarks. */
guint64
bn_sim_memory_get_resident_bytes (BnSimMemory *self)
{
  const gsize chunk = 64 * 1024;
  g_autofree unsigned char *vec = g_malloc (chunk);
  guint64 resident = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint64 p = 0; p < self->n_pages; p += chunk)
    {
      guint64 n = MIN (chunk, self->n_pages - p);

      if (mincore (self->data + p * BN_SIM_PAGE_SIZE, n * BN_SIM_PAGE_SIZE, vec) != 0)
        return 0;
      for (guint64 i = 0; i < n; i++)
        resident += vec[i] & 1;
    }
  return resident * BN_SIM_PAGE_SIZE;
}

guint64
_bn_sim_memory_get_n_words (BnSimMemory *self)
{
  return self->n_words;
}

/* Clears 64 dirty bits at once and returns them; acquire pairs with the writers' release. */
guint64
_bn_sim_memory_take_dirty_word (BnSimMemory *self,
                                guint64      word)
{
  guint64 old;

  if (__atomic_load_n (&self->dirty[word], __ATOMIC_RELAXED) == 0)
    return 0;
  old = __atomic_exchange_n (&self->dirty[word], 0, __ATOMIC_ACQ_REL);
  if (old != 0)
    __atomic_fetch_sub (&self->dirty_count, (gint64) __builtin_popcountll (old),
                        __ATOMIC_RELAXED);
  return old;
}

gboolean
_bn_sim_memory_page_touched (BnSimMemory *self,
                             guint64      page)
{
  return (__atomic_load_n (&self->touched[page >> 6], __ATOMIC_RELAXED) >> (page & 63)) & 1;
}

void
_bn_sim_memory_set_touched (BnSimMemory *self,
                            guint64      page)
{
  set_touched_bits (self, page >> 6, G_GUINT64_CONSTANT (1) << (page & 63));
}
