/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Remote shutdown of a source LPAR's guest OS before a Shutdown-mode move (manual
 * §4.2.1): Linux over SSH, Windows over WS-Management. This only asks the guest to shut
 * down; waiting for the LPAR to become Deactivated, the wait limit and the retry belong to
 * the migration engine (see docs/remote-shutdown.md). */

typedef enum
{
  BN_GUEST_OS_LINUX,
  BN_GUEST_OS_WINDOWS,
} BnGuestOsType;

#define BN_TYPE_GUEST_OS_TYPE (bn_guest_os_type_get_type ())
GType bn_guest_os_type_get_type (void) G_GNUC_CONST;

#define BN_GUEST_SHUTDOWN_SSH_PORT            22
#define BN_GUEST_SHUTDOWN_WSMAN_PORT          5985
#define BN_GUEST_SHUTDOWN_DEFAULT_TIMEOUT_MS  60000

/* The exact commands sent to a Linux guest */
#define BN_GUEST_SHUTDOWN_LINUX_COMMAND        "shutdown -h now"
#define BN_GUEST_SHUTDOWN_LINUX_FORCED_COMMAND "poweroff -f"

/**
 * BnGuestShutdownOptions:
 * @os: the guest OS type
 * @address: the guest's IP address (what "IP" holds in Guest OS Information)
 * @port: 0 for the default (22 for SSH, 5985 for WS-Management)
 * @user: the user ID (root or an administrator)
 * @password: (nullable): its password
 * @key_file: (nullable): Linux only: a private key file (ed25519/ecdsa) tried before the
 *   password
 * @host_key_sha256: (nullable): Linux only: the pinned host key ("SHA256:…"); %NULL
 *   accepts any key
 * @force: forced shutdown (Windows: Win32Shutdown flags 5 instead of 1; Linux:
 *   `poweroff -f` instead of `shutdown -h now`)
 * @timeout_ms: deadline for the remote call, 0 for %BN_GUEST_SHUTDOWN_DEFAULT_TIMEOUT_MS
 *
 * Caller-owned; the strings are copied by bn_guest_shutdown_with_options_async().
 */
typedef struct
{
  BnGuestOsType  os;
  const char    *address;
  guint          port;
  const char    *user;
  const char    *password;
  const char    *key_file;
  const char    *host_key_sha256;
  gboolean       force;
  guint          timeout_ms;
} BnGuestShutdownOptions;

const char *bn_guest_shutdown_command_for          (BnGuestOsType                 os,
                                                    gboolean                      force);

void        bn_guest_shutdown_async                (BnGuestOsType                 os,
                                                    const char                   *address,
                                                    guint                         port,
                                                    const char                   *user,
                                                    const char                   *password,
                                                    gboolean                      force,
                                                    GCancellable                 *cancellable,
                                                    GAsyncReadyCallback           callback,
                                                    gpointer                      user_data);
void        bn_guest_shutdown_with_options_async   (const BnGuestShutdownOptions *options,
                                                    GCancellable                 *cancellable,
                                                    GAsyncReadyCallback           callback,
                                                    gpointer                      user_data);
gboolean    bn_guest_shutdown_finish               (GAsyncResult                 *result,
                                                    GError                      **error);

G_END_DECLS
