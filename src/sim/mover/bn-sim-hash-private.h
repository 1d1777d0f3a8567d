/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Streaming combiner over a sequence of 64-bit page hashes (XXH64-shaped). */
typedef struct
{
  guint64 acc[4];
  guint64 buf[4];
  guint   nbuf;
  guint64 count;
  guint64 seed;
} BnSimHashCombine;

guint64 bn_sim_hash_page            (const void *page);
guint64 bn_sim_hash_check_page      (const void *src,
                                     gboolean   *is_zero);
guint64 bn_sim_hash_copy_page       (void       *dst,
                                     const void *src,
                                     gboolean   *is_zero);
guint64 bn_sim_hash_zero_page       (void);

void    bn_sim_hash_combine_init    (BnSimHashCombine *c,
                                     guint64           seed);
void    bn_sim_hash_combine_add     (BnSimHashCombine *c,
                                     guint64           page_hash);
void    bn_sim_hash_combine_add_array (BnSimHashCombine *c,
                                       const guint64    *hashes,
                                       gsize             n);
guint64 bn_sim_hash_combine_finish  (BnSimHashCombine *c);

G_END_DECLS
