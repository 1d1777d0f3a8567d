/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The blade simulator's LPAR Mover: memory, guest workload, live move over TCP. */

#include "bn-sim-mover-types.h"
#include "bn-sim-mover-enums.h"
#include "bn-sim-memory.h"
#include "bn-sim-workload.h"
#include "bn-sim-move.h"
#include "bn-sim-receive.h"
