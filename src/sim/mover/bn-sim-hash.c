/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-sim-mover"

#include "config.h"

#include <string.h>

#include "bn-sim-hash-private.h"
#include "bn-sim-mover-types.h"

/*
 * The memory checksum (docs/lpar-mover.md, "Checksum"):
 *
 *   page hash: XXH3-shaped accumulation over the page's 512 little-endian 64-bit words in
 *   64 stripes of 8 lanes; lane j of stripe s is keyed with K[s + j] so that reordering
 *   stripes changes the result, then the 8 lanes are folded with XXH64 rounds and an
 *   avalanche. It is not xxHash-compatible; it only needs to be fast (it runs on every page
 *   sent and received) and well mixed.
 *
 *   memory checksum: XXH64-shaped hash (4 lanes) over the sequence of page hashes in page
 *   order, seeded with the page count.
 *
 * This file is built at -O3 so the compiler vectorises the lane loop.
 */

#define PRIME64_1 G_GUINT64_CONSTANT (0x9E3779B185EBCA87)
#define PRIME64_2 G_GUINT64_CONSTANT (0xC2B2AE3D27D4EB4F)
#define PRIME64_3 G_GUINT64_CONSTANT (0x165667B19E3779F9)
#define PRIME64_4 G_GUINT64_CONSTANT (0x85EBCA77C2B2AE63)
#define PRIME64_5 G_GUINT64_CONSTANT (0x27D4EB2F165667C5)

#define WORDS_PER_PAGE (BN_SIM_PAGE_SIZE / 8)
#define STRIPES (WORDS_PER_PAGE / 8)

/* 72 fixed key words (arbitrary constants; part of the checksum definition). */
static const guint64 keys[STRIPES + 8] = {
  0x910a2dec89025cc1, 0xbeeb8da1658eec67, 0xf893a2eefb32555e, 0x71c18690ee42c90b,
  0x71bb54d8d101b5b9, 0xc34d0bff90150280, 0xe099ec6cd7363ca5, 0x85e7bb0f12278575,
  0xcd919d1f5bbd9e26, 0x55b0cf1d9a4f18a2, 0x1d5ae8349b5b4bd3, 0xbdf1fc5bd4b9c4a0,
  0x7f77cb9bd2e8a1e6, 0x6ad4b4ff0a7db8b6, 0xa1e3fd5d0fb0d70b, 0x4e0a7c0c1b2b4eb8,
  0x1f0a9e3e5f3c5d62, 0x2b7e151628aed2a6, 0xabf7158809cf4f3c, 0x762e7160f38b4da5,
  0x6a784d9045190cfe, 0xf7e8f1b0b7a6a2c3, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
  0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
  0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17, 0x152fecd8f70e5939,
  0x67332667ffc00b31, 0x8eb44a8768581511, 0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4,
  0xd807aa98a3030242, 0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
  0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235, 0xc19bf174cf692694,
  0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
  0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
  0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4,
  0xc6e00bf33da88fc2, 0xd5a79147930aa725, 0x06ca6351e003826f, 0x142929670a0e6e70,
  0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
  0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
  0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30,
};

static inline guint64
rotl64 (guint64 x,
        int     r)
{
  return (x << r) | (x >> (64 - r));
}

static inline guint64
xx_round (guint64 acc,
          guint64 input)
{
  acc += input * PRIME64_2;
  acc = rotl64 (acc, 31);
  return acc * PRIME64_1;
}

static inline guint64
xx_merge (guint64 acc,
          guint64 val)
{
  acc ^= xx_round (0, val);
  return acc * PRIME64_1 + PRIME64_4;
}

static inline guint64
avalanche (guint64 h)
{
  h ^= h >> 33;
  h *= PRIME64_2;
  h ^= h >> 29;
  h *= PRIME64_3;
  h ^= h >> 32;
  return h;
}

static inline guint64
fold_lanes (const guint64 acc[8])
{
  guint64 h = BN_SIM_PAGE_SIZE * PRIME64_5;

  for (guint j = 0; j < 8; j++)
    h = rotl64 (h ^ xx_round (0, acc[j]), 27) * PRIME64_1 + PRIME64_4;
  return avalanche (h);
}

/* Wider vectors where the CPU has them (GCC/Clang function multi-versioning, ifunc). */
#if defined(__x86_64__) && defined(__has_attribute)
# if __has_attribute(target_clones) && !defined(__SANITIZE_ADDRESS__)
#  define BN_HASH_CLONES __attribute__((target_clones ("avx2", "default")))
# endif
#endif
#ifndef BN_HASH_CLONES
# define BN_HASH_CLONES
#endif

#define ACC_INIT { PRIME64_3, PRIME64_1, PRIME64_2, PRIME64_3, \
                   PRIME64_4, PRIME64_2, PRIME64_5, PRIME64_1 }

BN_HASH_CLONES guint64
bn_sim_hash_page (const void *page)
{
  const guint64 *w = page;
  guint64 acc[8] = ACC_INIT;

  for (guint s = 0; s < STRIPES; s++)
    {
      const guint64 *x = w + s * 8;
      const guint64 *k = keys + s;

      for (guint j = 0; j < 8; j++)
        {
          guint64 d = GUINT64_FROM_LE (x[j]);
          guint64 dk = d ^ k[j];

          acc[j ^ 1] += d;
          acc[j] += (dk & 0xffffffffu) * (dk >> 32);
        }
    }
  return fold_lanes (acc);
}

/* One pass: hash @src, tell whether the page is all zero, and copy it to @dst unless that
 * is NULL.  Inlined into both callers, so each gets a loop without the test. */
static inline __attribute__((always_inline)) guint64
hash_check_copy (void       *dst,
                 const void *src,
                 gboolean   *is_zero)
{
  const guint64 *w = src;
  guint64 *out = dst;
  guint64 acc[8] = ACC_INIT;
  guint64 any[8] = { 0, };
  guint64 all = 0;

  for (guint s = 0; s < STRIPES; s++)
    {
      const guint64 *x = w + s * 8;
      const guint64 *k = keys + s;

      for (guint j = 0; j < 8; j++)
        {
          guint64 raw = x[j];
          guint64 d = GUINT64_FROM_LE (raw);
          guint64 dk = d ^ k[j];

          if (out != NULL)
            out[s * 8 + j] = raw;
          any[j] |= raw;
          acc[j ^ 1] += d;
          acc[j] += (dk & 0xffffffffu) * (dk >> 32);
        }
    }
  for (guint j = 0; j < 8; j++)
    all |= any[j];
  *is_zero = (all == 0);
  return fold_lanes (acc);
}

/* One pass: copy @src to @dst, hash, and tell whether the page is all zero. */
BN_HASH_CLONES guint64
bn_sim_hash_copy_page (void       *dst,
                       const void *src,
                       gboolean   *is_zero)
{
  return hash_check_copy (dst, src, is_zero);
}

/* One pass: hash, and tell whether the page is all zero. */
BN_HASH_CLONES guint64
bn_sim_hash_check_page (const void *src,
                        gboolean   *is_zero)
{
  return hash_check_copy (NULL, src, is_zero);
}

guint64
bn_sim_hash_zero_page (void)
{
  static gsize once = 0;
  static guint64 zero_hash;

  if (g_once_init_enter (&once))
    {
      g_autofree guint64 *page = g_malloc0 (BN_SIM_PAGE_SIZE);

      zero_hash = bn_sim_hash_page (page);
      g_once_init_leave (&once, 1);
    }
  return zero_hash;
}

void
bn_sim_hash_combine_init (BnSimHashCombine *c,
                          guint64           seed)
{
  memset (c, 0, sizeof *c);
  c->seed = seed;
  c->acc[0] = seed + PRIME64_1 + PRIME64_2;
  c->acc[1] = seed + PRIME64_2;
  c->acc[2] = seed;
  c->acc[3] = seed - PRIME64_1;
}

void
bn_sim_hash_combine_add (BnSimHashCombine *c,
                         guint64           page_hash)
{
  c->buf[c->nbuf++] = page_hash;
  c->count++;
  if (c->nbuf == 4)
    {
      for (guint i = 0; i < 4; i++)
        c->acc[i] = xx_round (c->acc[i], c->buf[i]);
      c->nbuf = 0;
    }
}

void
bn_sim_hash_combine_add_array (BnSimHashCombine *c,
                               const guint64    *hashes,
                               gsize             n)
{
  gsize i = 0;

  while (i < n && c->nbuf != 0)
    bn_sim_hash_combine_add (c, hashes[i++]);
  for (; i + 4 <= n; i += 4)
    {
      c->acc[0] = xx_round (c->acc[0], hashes[i]);
      c->acc[1] = xx_round (c->acc[1], hashes[i + 1]);
      c->acc[2] = xx_round (c->acc[2], hashes[i + 2]);
      c->acc[3] = xx_round (c->acc[3], hashes[i + 3]);
      c->count += 4;
    }
  while (i < n)
    bn_sim_hash_combine_add (c, hashes[i++]);
}

guint64
bn_sim_hash_combine_finish (BnSimHashCombine *c)
{
  guint64 h;

  if (c->count >= 4)
    {
      h = rotl64 (c->acc[0], 1) + rotl64 (c->acc[1], 7)
          + rotl64 (c->acc[2], 12) + rotl64 (c->acc[3], 18);
      for (guint i = 0; i < 4; i++)
        h = xx_merge (h, c->acc[i]);
    }
  else
    {
      h = c->seed + PRIME64_5;
    }
  h += c->count * 8;
  for (guint i = 0; i < c->nbuf; i++)
    h = rotl64 (h ^ xx_round (0, c->buf[i]), 27) * PRIME64_1 + PRIME64_4;
  return avalanche (h);
}
