/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-tls"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>

#include "bn-error.h"
#include "bn-tls.h"

/* The SHA-256 of the certificate's DER encoding, lower-case hex: what the engine pins. */
char *
bn_tls_certificate_fingerprint (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  g_object_get (certificate, "certificate", &der, NULL);
  if (der == NULL)
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
}

gboolean
bn_tls_fingerprint_is_valid (const char *fingerprint)
{
  if (fingerprint == NULL || strlen (fingerprint) != 64)
    return FALSE;
  for (const char *p = fingerprint; *p; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

/* GIO cannot create certificates, so a simulator without one asks openssl for a
 * self-signed ECDSA certificate (cheap handshakes, which matters with 500 blades). */
static gboolean
create_certificate (const char  *cert_path,
                    const char  *key_path,
                    const char  *common_name,
                    GError     **error)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autofree char *subject = g_strdup_printf ("/CN=%s", common_name);
  g_autofree char *err_text = NULL;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                           error,
                           "openssl", "req", "-x509", "-newkey", "ec",
                           "-pkeyopt", "ec_paramgen_curve:prime256v1",
                           "-nodes", "-days", "3650", "-subj", subject,
                           "-addext", "subjectAltName=IP:127.0.0.1",
                           "-keyout", key_path, "-out", cert_path, NULL);
  if (proc == NULL)
    {
      g_prefix_error (error, "Cannot run openssl to create the blade certificate: ");
      return FALSE;
    }
  if (!g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &err_text, error))
    return FALSE;
  if (!g_subprocess_get_successful (proc))
    {
      g_set_error (error, BN_ERROR, BN_ERROR_FAILED,
                   "openssl could not create a certificate: %s", err_text ? err_text : "");
      return FALSE;
    }
  g_chmod (key_path, 0600);
  return TRUE;
}

GTlsCertificate *
bn_tls_load_or_create (const char  *directory,
                       const char  *common_name,
                       GError     **error)
{
  g_autofree char *cert_path = g_build_filename (directory, "blade-cert.pem", NULL);
  g_autofree char *key_path = g_build_filename (directory, "blade-key.pem", NULL);
  GTlsCertificate *cert;

  if (!g_file_test (cert_path, G_FILE_TEST_EXISTS) || !g_file_test (key_path, G_FILE_TEST_EXISTS))
    {
      if (g_mkdir_with_parents (directory, 0700) != 0)
        {
          g_set_error (error, BN_ERROR, BN_ERROR_FAILED, "Cannot create %s: %s",
                       directory, g_strerror (errno));
          return NULL;
        }
      if (!create_certificate (cert_path, key_path, common_name, error))
        return NULL;
    }

  cert = g_tls_certificate_new_from_files (cert_path, key_path, error);
  if (cert == NULL)
    g_prefix_error (error, "%s: ", cert_path);
  return cert;
}
