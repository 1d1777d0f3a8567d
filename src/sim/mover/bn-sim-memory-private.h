/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bn-sim-memory.h"

G_BEGIN_DECLS

guint64  _bn_sim_memory_get_n_words    (BnSimMemory *self);
guint64  _bn_sim_memory_take_dirty_word (BnSimMemory *self,
                                         guint64      word);
gboolean _bn_sim_memory_page_touched   (BnSimMemory *self,
                                        guint64      page);
void     _bn_sim_memory_set_touched    (BnSimMemory *self,
                                        guint64      page);

G_END_DECLS
