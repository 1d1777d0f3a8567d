/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bn-backend.h"
#include "bn-hvmsh-client.h"

G_BEGIN_DECLS

#define BN_TYPE_HVMSH_BACKEND (bn_hvmsh_backend_get_type ())

G_DECLARE_FINAL_TYPE (BnHvmshBackend, bn_hvmsh_backend, BN, HVMSH_BACKEND, GObject)

BnBackend     *bn_hvmsh_backend_new        (const BnBackendEndpoint *endpoint);
BnHvmshClient *bn_hvmsh_backend_get_client (BnHvmshBackend          *self);

G_END_DECLS
