/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-lpar-slot"

#include "config.h"

#include "bn-blade-doc.h"
#include "bn-lpar-slot.h"

struct _BnLparSlot
{
  GObject  parent_instance;
  GWeakRef hvm;
  guint    number;
};

enum {
  PROP_0,
  PROP_NUMBER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BnLparSlot, bn_lpar_slot, G_TYPE_OBJECT)

static void
bn_lpar_slot_finalize (GObject *object)
{
  BnLparSlot *self = (BnLparSlot *) object;

  g_weak_ref_clear (&self->hvm);

  G_OBJECT_CLASS (bn_lpar_slot_parent_class)->finalize (object);
}

static void
bn_lpar_slot_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BnLparSlot *self = BN_LPAR_SLOT (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      g_value_set_uint (value, self->number);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bn_lpar_slot_class_init (BnLparSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bn_lpar_slot_finalize;
  object_class->get_property = bn_lpar_slot_get_property;

  properties[PROP_NUMBER] = g_param_spec_uint ("number", NULL, NULL, 0, G_MAXUINT, 0,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bn_lpar_slot_init (BnLparSlot *self)
{
  g_weak_ref_init (&self->hvm, NULL);
}

BnLparSlot *
bn_lpar_slot_new (BnHvm *hvm,
                  guint  number)
{
  BnLparSlot *self = g_object_new (BN_TYPE_LPAR_SLOT, NULL);

  g_weak_ref_set (&self->hvm, hvm);
  self->number = number;
  return self;
}

BnHvm *
bn_lpar_slot_get_hvm (BnLparSlot *self)
{
  g_autoptr(GObject) hvm = NULL;

  g_return_val_if_fail (BN_IS_LPAR_SLOT (self), NULL);
  hvm = g_weak_ref_get (&self->hvm);
  /* the fleet holds its HVMs for as long as their rows are shown */
  return (BnHvm *) hvm;
}

guint
bn_lpar_slot_get_number (BnLparSlot *self)
{
  g_return_val_if_fail (BN_IS_LPAR_SLOT (self), 0);
  return self->number;
}

/* ---- the list of numbers ---- */

static guint
item_number (GObject *item)
{
  return BN_IS_LPAR (item) ? bn_lpar_get_number (BN_LPAR (item))
                           : bn_lpar_slot_get_number (BN_LPAR_SLOT (item));
}

static void
sync_list (GListStore *store)
{
  BnHvm *hvm = g_object_get_data (G_OBJECT (store), "bn-hvm");
  GListModel *model = G_LIST_MODEL (store);
  guint n_old = g_list_model_get_n_items (model);
  guint max = bn_hvm_get_config (hvm) ? bn_blade_doc_get_max_lpars (bn_hvm_get_config (hvm)) : 0;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint first = 0, last_new, last_old;

  for (guint n = 1; n <= max; n++)
    {
      BnLpar *lpar = bn_hvm_find_lpar (hvm, n);
      g_autoptr(GObject) old = n - 1 < n_old ? g_list_model_get_item (model, n - 1) : NULL;

      if (lpar != NULL)
        g_ptr_array_add (items, g_object_ref (lpar));
      else if (old != NULL && BN_IS_LPAR_SLOT (old) && item_number (old) == n)
        g_ptr_array_add (items, g_object_ref (old));
      else
        g_ptr_array_add (items, bn_lpar_slot_new (hvm, n));
    }

  /* only the range that differs changes: a selected row elsewhere stays selected */
  while (first < items->len && first < n_old)
    {
      g_autoptr(GObject) old = g_list_model_get_item (model, first);

      if (old != g_ptr_array_index (items, first))
        break;
      first++;
    }
  if (first == items->len && first == n_old)
    return;
  last_new = items->len;
  last_old = n_old;
  while (last_new > first && last_old > first)
    {
      g_autoptr(GObject) old = g_list_model_get_item (model, last_old - 1);

      if (old != g_ptr_array_index (items, last_new - 1))
        break;
      last_new--;
      last_old--;
    }
  g_list_store_splice (store, first, last_old - first, items->pdata + first, last_new - first);
}

static void
lpars_changed_cb (GListModel *lpars,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GListStore *store)
{
  sync_list (store);
}

static void
generation_cb (BnHvm      *hvm,
               GParamSpec *pspec,
               GListStore *store)
{
  /* max_lpars comes with the configuration */
  sync_list (store);
}

GListModel *
bn_lpar_slot_list_new (BnHvm *hvm)
{
  GListStore *store = g_list_store_new (G_TYPE_OBJECT);

  g_return_val_if_fail (BN_IS_HVM (hvm), NULL);

  g_object_set_data_full (G_OBJECT (store), "bn-hvm", g_object_ref (hvm), g_object_unref);
  g_signal_connect_object (bn_hvm_get_lpars (hvm), "items-changed", G_CALLBACK (lpars_changed_cb),
                           store, 0);
  g_signal_connect_object (hvm, "notify::generation", G_CALLBACK (generation_cb), store, 0);
  sync_list (store);
  return G_LIST_MODEL (store);
}
