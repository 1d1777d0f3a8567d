/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void bn_process_raise_fd_limit (void);

G_END_DECLS
