/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A real OpenSSH sshd on 127.0.0.1 for tests (see ENV-NOTES): its own temp dir, an
 * ed25519 host key, an authorized ed25519 client key for the current user, an
 * unauthorized one, and an optional ForceCommand. Reusable by integration tests: link
 * tests/remote-shutdown's `bntestssh_dep`. */

typedef struct _BnTestSshd BnTestSshd;

BnTestSshd *bn_test_sshd_new                 (const char  *force_command,
                                              GError     **error);
void        bn_test_sshd_free                (BnTestSshd  *self);
const char *bn_test_sshd_get_host            (BnTestSshd  *self);
guint       bn_test_sshd_get_port            (BnTestSshd  *self);
const char *bn_test_sshd_get_dir             (BnTestSshd  *self);
const char *bn_test_sshd_get_shared_dir      (BnTestSshd  *self);
const char *bn_test_sshd_get_client_key      (BnTestSshd  *self);
const char *bn_test_sshd_get_other_key       (BnTestSshd  *self);
const char *bn_test_sshd_get_host_key_sha256 (BnTestSshd  *self);
const char *bn_test_sshd_get_other_key_sha256(BnTestSshd  *self);
char       *bn_test_sshd_dup_log             (BnTestSshd  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BnTestSshd, bn_test_sshd_free)

/* A throw-away local user with a password (root only: useradd/chpasswd), deleted by
 * bn_test_user_free(). */
typedef struct _BnTestUser BnTestUser;

BnTestUser *bn_test_user_new                 (GError     **error);
void        bn_test_user_free                (BnTestUser  *self);
const char *bn_test_user_get_name            (BnTestUser  *self);
const char *bn_test_user_get_password        (BnTestUser  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BnTestUser, bn_test_user_free)

/* Helpers */
const char *bn_test_guest_agent_path         (void);
char       *bn_test_guest_agent_command      (const char  *notify_cmd,
                                              double       delay,
                                              const char  *extra_args);
char       *bn_test_ssh_fingerprint_of_pub   (const char  *pub_path,
                                              GError     **error);
gboolean    bn_test_wait_for_file            (const char  *path,
                                              guint        timeout_ms);
guint       bn_test_closed_port              (void);
void        bn_test_remove_tree              (const char  *path);

G_END_DECLS
