/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-hvm"

#include "config.h"

#include "bn-blade-doc.h"
#include "bn-enums.h"
#include "bn-glib-compat.h"
#include "bn-hvm-private.h"
#include "bn-lpar-private.h"

/* A registered HVM and what the last Update read from it.  Its LPARs are a GListModel kept
 * sorted by LPAR number, updated in place. */

struct _BnHvm
{
  GObject     parent_instance;

  char       *id;
  char       *address;
  guint       port;
  char       *kind;
  char       *fingerprint;

  BnHvmState  state;
  char       *reason;
  gboolean    updating;
  gboolean    reachable;
  JsonNode   *config;
  guint64     generation;
  GDateTime  *last_update;
  GListStore *lpars;
  guint       n_recovery;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_ADDRESS,
  PROP_PORT,
  PROP_KIND,
  PROP_FINGERPRINT,
  PROP_STATE,
  PROP_ICON_NAME,
  PROP_REASON,
  PROP_UPDATING,
  PROP_CHASSIS_ID,
  PROP_MODEL,
  PROP_FIRMWARE,
  PROP_GENERATION,
  PROP_LPARS,
  PROP_N_RECOVERY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BnHvm, bn_hvm, G_TYPE_OBJECT)

static const struct {
  const char *name;
  const char *icon;
} states[] = {
  [BN_HVM_STATE_UNKNOWN] = { "not-read", "bn-hvm-unreachable-symbolic" },
  [BN_HVM_STATE_OK] = { "ok", "bn-hvm-ok-symbolic" },
  [BN_HVM_STATE_UNREACHABLE] = { "unreachable", "bn-hvm-unreachable-symbolic" },
  [BN_HVM_STATE_RECOVERY] = { "recovery-required", "bn-hvm-recovery-symbolic" },
  [BN_HVM_STATE_MIGRATING] = { "migrating", "bn-hvm-migrating-symbolic" },
};

const char *
bn_hvm_state_to_string (BnHvmState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (states), NULL);
  return states[state].name;
}

const char *
bn_hvm_state_get_icon_name (BnHvmState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (states), NULL);
  return states[state].icon;
}

static void
bn_hvm_dispose (GObject *object)
{
  BnHvm *self = (BnHvm *) object;

  if (self->lpars != NULL)
    g_list_store_remove_all (self->lpars);

  G_OBJECT_CLASS (bn_hvm_parent_class)->dispose (object);
}

static void
bn_hvm_finalize (GObject *object)
{
  BnHvm *self = (BnHvm *) object;

  g_free (self->id);
  g_free (self->address);
  g_free (self->kind);
  g_free (self->fingerprint);
  g_free (self->reason);
  g_clear_pointer (&self->config, json_node_unref);
  g_clear_pointer (&self->last_update, g_date_time_unref);
  g_clear_object (&self->lpars);

  G_OBJECT_CLASS (bn_hvm_parent_class)->finalize (object);
}

static void
bn_hvm_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  BnHvm *self = BN_HVM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_FINGERPRINT:
      g_value_set_string (value, self->fingerprint);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ICON_NAME:
      g_value_set_static_string (value, bn_hvm_state_get_icon_name (self->state));
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case PROP_UPDATING:
      g_value_set_boolean (value, self->updating);
      break;
    case PROP_CHASSIS_ID:
      g_value_set_string (value, bn_hvm_get_chassis_id (self));
      break;
    case PROP_MODEL:
      g_value_set_string (value, bn_hvm_get_model (self));
      break;
    case PROP_FIRMWARE:
      g_value_set_string (value, bn_hvm_get_firmware (self));
      break;
    case PROP_GENERATION:
      g_value_set_uint64 (value, self->generation);
      break;
    case PROP_LPARS:
      g_value_set_object (value, self->lpars);
      break;
    case PROP_N_RECOVERY:
      g_value_set_uint (value, self->n_recovery);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bn_hvm_class_init (BnHvmClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = bn_hvm_dispose;
  object_class->finalize = bn_hvm_finalize;
  object_class->get_property = bn_hvm_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, NULL, flags);
  properties[PROP_PORT] = g_param_spec_uint ("port", NULL, NULL, 0, 65535, 0, flags);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, flags);
  properties[PROP_FINGERPRINT] = g_param_spec_string ("fingerprint", NULL, NULL, NULL, flags);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, BN_TYPE_HVM_STATE,
                                              BN_HVM_STATE_UNKNOWN, flags);
  properties[PROP_ICON_NAME] = g_param_spec_string ("icon-name", NULL, NULL, NULL, flags);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, flags);
  properties[PROP_UPDATING] = g_param_spec_boolean ("updating", NULL, NULL, FALSE, flags);
  properties[PROP_CHASSIS_ID] = g_param_spec_string ("chassis-id", NULL, NULL, NULL, flags);
  properties[PROP_MODEL] = g_param_spec_string ("model", NULL, NULL, NULL, flags);
  properties[PROP_FIRMWARE] = g_param_spec_string ("firmware", NULL, NULL, NULL, flags);
  properties[PROP_GENERATION] = g_param_spec_uint64 ("generation", NULL, NULL, 0, G_MAXUINT64, 0,
                                                     flags);
  properties[PROP_LPARS] = g_param_spec_object ("lpars", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties[PROP_N_RECOVERY] = g_param_spec_uint ("n-recovery", NULL, NULL, 0, G_MAXUINT, 0,
                                                   flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bn_hvm_init (BnHvm *self)
{
  self->lpars = g_list_store_new (BN_TYPE_LPAR);
}

BnHvm *
_bn_hvm_new (const char *id,
             const char *address,
             guint       port,
             const char *kind,
             const char *fingerprint)
{
  BnHvm *self = g_object_new (BN_TYPE_HVM, NULL);

  self->id = g_strdup (id);
  self->address = g_strdup (address);
  self->port = port;
  self->kind = g_strdup (kind);
  self->fingerprint = g_strdup (fingerprint);
  return self;
}

const char *
bn_hvm_get_id (BnHvm *self)
{
  return self->id;
}

const char *
bn_hvm_get_address (BnHvm *self)
{
  return self->address;
}

guint
bn_hvm_get_port (BnHvm *self)
{
  return self->port;
}

const char *
bn_hvm_get_kind (BnHvm *self)
{
  return self->kind;
}

const char *
bn_hvm_get_fingerprint (BnHvm *self)
{
  return self->fingerprint;
}

BnHvmState
bn_hvm_get_state (BnHvm *self)
{
  return self->state;
}

const char *
bn_hvm_get_reason (BnHvm *self)
{
  return self->reason;
}

gboolean
bn_hvm_get_updating (BnHvm *self)
{
  return self->updating;
}

JsonObject *
bn_hvm_get_config (BnHvm *self)
{
  return self->config ? json_node_get_object (self->config) : NULL;
}

const char *
bn_hvm_get_chassis_id (BnHvm *self)
{
  return bn_blade_doc_get_string (bn_hvm_get_config (self), "chassis.id", NULL);
}

const char *
bn_hvm_get_chassis_type (BnHvm *self)
{
  return bn_blade_doc_get_string (bn_hvm_get_config (self), "chassis.type", NULL);
}

const char *
bn_hvm_get_model (BnHvm *self)
{
  return bn_blade_doc_get_string (bn_hvm_get_config (self), "model", NULL);
}

const char *
bn_hvm_get_firmware (BnHvm *self)
{
  return bn_blade_doc_get_string (bn_hvm_get_config (self), "firmware.hvm", NULL);
}

guint64
bn_hvm_get_generation (BnHvm *self)
{
  return self->generation;
}

GDateTime *
bn_hvm_get_last_update (BnHvm *self)
{
  return self->last_update;
}

GListModel *
bn_hvm_get_lpars (BnHvm *self)
{
  return G_LIST_MODEL (self->lpars);
}

guint
bn_hvm_get_n_recovery (BnHvm *self)
{
  return self->n_recovery;
}

BnLpar *
bn_hvm_find_lpar (BnHvm *self,
                  guint  number)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->lpars));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BnLpar) lpar = g_list_model_get_item (G_LIST_MODEL (self->lpars), i);

      if (bn_lpar_get_number (lpar) == number)
        return lpar;
    }
  return NULL;
}

BnLpar *
bn_hvm_find_lpar_by_name (BnHvm      *self,
                          const char *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->lpars));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BnLpar) lpar = g_list_model_get_item (G_LIST_MODEL (self->lpars), i);

      if (g_strcmp0 (bn_lpar_get_name (lpar), name) == 0)
        return lpar;
    }
  return NULL;
}

static void
set_state (BnHvm      *self,
           BnHvmState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON_NAME]);
}

static void
set_reason (BnHvm      *self,
            const char *reason)
{
  if (bn_set_str (&self->reason, reason))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASON]);
}

static guint
migrating_lpar (JsonObject *config)
{
  JsonObject *migration = bn_blade_doc_get_object (config, "migration");

  return migration ? bn_blade_doc_get_int (migration, "lpar", 0) : 0;
}

/* Re-derives LPAR and HVM states from the current config and reachability. */
static void
refresh_states (BnHvm *self)
{
  JsonObject *config = bn_hvm_get_config (self);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->lpars));
  guint migrating = config ? migrating_lpar (config) : 0;
  guint n_recovery = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BnLpar) lpar = g_list_model_get_item (G_LIST_MODEL (self->lpars), i);

      _bn_lpar_apply (lpar, NULL, self->reachable,
                      migrating != 0 && bn_lpar_get_number (lpar) == migrating);
      if (bn_lpar_get_recovery_required (lpar))
        n_recovery++;
    }
  if (n_recovery != self->n_recovery)
    {
      self->n_recovery = n_recovery;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RECOVERY]);
    }

  if (!self->reachable)
    set_state (self, BN_HVM_STATE_UNREACHABLE);
  else if (bn_blade_doc_get_object (config, "migration") != NULL)
    set_state (self, BN_HVM_STATE_MIGRATING);
  else if (n_recovery > 0)
    set_state (self, BN_HVM_STATE_RECOVERY);
  else
    set_state (self, BN_HVM_STATE_OK);
}

static gint
compare_by_number (gconstpointer a,
                   gconstpointer b)
{
  gint64 na = bn_blade_doc_get_int (*(JsonObject **) a, "number", 0);
  gint64 nb = bn_blade_doc_get_int (*(JsonObject **) b, "number", 0);

  return (na > nb) - (na < nb);
}

static void
sync_lpars (BnHvm      *self,
            JsonObject *config)
{
  JsonArray *array = bn_blade_doc_get_array (config, "lpars");
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->lpars));
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean same_numbers;

  for (guint i = 0; array && i < json_array_get_length (array); i++)
    g_ptr_array_add (sorted, json_array_get_object_element (array, i));
  g_ptr_array_sort (sorted, compare_by_number);

  /* keep the LPAR objects of numbers that still exist: views hold on to them */
  for (guint i = 0; i < sorted->len; i++)
    {
      JsonObject *obj = g_ptr_array_index (sorted, i);
      guint number = bn_blade_doc_get_int (obj, "number", 0);
      BnLpar *lpar = bn_hvm_find_lpar (self, number);

      g_ptr_array_add (items, lpar ? g_object_ref (lpar) : _bn_lpar_new (self, number));
    }

  same_numbers = items->len == n_old;
  for (guint i = 0; same_numbers && i < n_old; i++)
    {
      g_autoptr(BnLpar) old = g_list_model_get_item (G_LIST_MODEL (self->lpars), i);

      same_numbers = old == g_ptr_array_index (items, i);
    }

  for (guint i = 0; i < items->len; i++)
    {
      BnLpar *lpar = g_ptr_array_index (items, i);

      _bn_lpar_apply (lpar, g_ptr_array_index (sorted, i), TRUE,
                      migrating_lpar (config) == bn_lpar_get_number (lpar));
    }

  if (!same_numbers)
    g_list_store_splice (self->lpars, 0, n_old, items->pdata, items->len);
}

/* Takes a validated blade document read from the HVM. */
void
_bn_hvm_apply_config (BnHvm    *self,
                      JsonNode *config)
{
  JsonObject *obj = json_node_get_object (config);
  const char *old_chassis = bn_hvm_get_chassis_id (self);
  const char *old_model = bn_hvm_get_model (self);
  const char *old_firmware = bn_hvm_get_firmware (self);
  gboolean chassis_changed, model_changed, firmware_changed;
  guint64 generation;

  g_object_freeze_notify (G_OBJECT (self));

  chassis_changed = g_strcmp0 (old_chassis, bn_blade_doc_get_string (obj, "chassis.id", NULL)) != 0;
  model_changed = g_strcmp0 (old_model, bn_blade_doc_get_string (obj, "model", NULL)) != 0;
  firmware_changed = g_strcmp0 (old_firmware,
                                bn_blade_doc_get_string (obj, "firmware.hvm", NULL)) != 0;

  g_clear_pointer (&self->config, json_node_unref);
  self->config = json_node_ref (config);

  sync_lpars (self, obj);

  generation = bn_blade_doc_get_int (obj, "generation", 0);
  if (generation != self->generation)
    {
      self->generation = generation;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GENERATION]);
    }
  if (chassis_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHASSIS_ID]);
  if (model_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
  if (firmware_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRMWARE]);

  _bn_hvm_mark_read (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/* The HVM answered (possibly "unchanged"): it is reachable as of now. */
void
_bn_hvm_mark_read (BnHvm *self)
{
  g_clear_pointer (&self->last_update, g_date_time_unref);
  self->last_update = g_date_time_new_now_local ();
  self->reachable = TRUE;
  set_reason (self, NULL);
  refresh_states (self);
}

/* Keeps the last configuration read (views can still show it) but marks everything
 * unknown, with the reason the operator needs to fix it. */
void
_bn_hvm_set_unreachable (BnHvm      *self,
                         const char *reason)
{
  g_object_freeze_notify (G_OBJECT (self));
  self->reachable = FALSE;
  set_reason (self, reason);
  refresh_states (self);
  g_object_thaw_notify (G_OBJECT (self));
}

void
_bn_hvm_set_updating (BnHvm    *self,
                      gboolean  updating)
{
  if (self->updating == updating)
    return;
  self->updating = updating;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATING]);
}

void
_bn_hvm_set_fingerprint (BnHvm      *self,
                         const char *fingerprint)
{
  if (bn_set_str (&self->fingerprint, fingerprint))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINGERPRINT]);
}
