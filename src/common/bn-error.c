/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bn-error.h"

G_DEFINE_QUARK (bn-error-quark, bn_error)
