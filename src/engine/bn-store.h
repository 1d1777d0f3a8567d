/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BN_TYPE_STORE (bn_store_get_type ())

G_DECLARE_FINAL_TYPE (BnStore, bn_store, BN, STORE, GObject)

typedef struct
{
  char  *id;
  char  *address;
  guint  port;
  char  *kind;
  char  *fingerprint;
} BnStoreHvm;

void        bn_store_hvm_free          (BnStoreHvm  *hvm);

BnStore    *bn_store_new               (const char  *path,
                                        GError     **error);
guint       bn_store_get_schema_version (BnStore    *self);
guint       bn_store_get_latest_version (void);
GPtrArray  *bn_store_list_hvms         (BnStore     *self,
                                        GError     **error);
gboolean    bn_store_add_hvm           (BnStore     *self,
                                        const BnStoreHvm *hvm,
                                        GError     **error);
gboolean    bn_store_remove_hvm        (BnStore     *self,
                                        const char  *id,
                                        GError     **error);
gboolean    bn_store_set_hvm_fingerprint (BnStore   *self,
                                        const char  *id,
                                        const char  *fingerprint,
                                        GError     **error);
char       *bn_store_get_option        (BnStore     *self,
                                        const char  *key);
gboolean    bn_store_set_option        (BnStore     *self,
                                        const char  *key,
                                        const char  *value,
                                        GError     **error);
gboolean    bn_store_begin             (BnStore     *self,
                                        GError     **error);
gboolean    bn_store_commit            (BnStore     *self,
                                        GError     **error);
void        bn_store_rollback          (BnStore     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BnStoreHvm, bn_store_hvm_free)

G_END_DECLS
