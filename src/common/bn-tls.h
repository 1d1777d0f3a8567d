/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char            *bn_tls_certificate_fingerprint (GTlsCertificate  *certificate);
gboolean         bn_tls_fingerprint_is_valid    (const char       *fingerprint);
GTlsCertificate *bn_tls_load_or_create          (const char       *directory,
                                                 const char       *common_name,
                                                 GError          **error);

G_END_DECLS
