/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-lpar"

#include "config.h"

#include "bn-blade-doc.h"
#include "bn-enums.h"
#include "bn-glib-compat.h"
#include "bn-hvm.h"
#include "bn-lpar-private.h"

/* One LPAR as last read from its HVM.  The object stays the same across Updates (views
 * keep their selection); only its properties change, and only changes are notified. */

struct _BnLpar
{
  GObject      parent_instance;
  GWeakRef     hvm;
  guint        number;
  char        *name;
  char        *status;
  BnLparState  state;
  guint        memory_mb;
  guint        cpu_count;
  gboolean     recovery_required;
  JsonObject  *config;
};

enum {
  PROP_0,
  PROP_HVM,
  PROP_NUMBER,
  PROP_NAME,
  PROP_STATUS,
  PROP_STATE,
  PROP_ICON_NAME,
  PROP_MEMORY_MB,
  PROP_CPU_COUNT,
  PROP_RECOVERY_REQUIRED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BnLpar, bn_lpar, G_TYPE_OBJECT)

static const struct {
  const char *name;
  const char *icon;
} states[] = {
  [BN_LPAR_STATE_UNDEFINED] = { "undefined", "bn-lpar-undefined-symbolic" },
  [BN_LPAR_STATE_DEACTIVATED] = { "deactivated", "bn-lpar-deactivated-symbolic" },
  [BN_LPAR_STATE_ACTIVATED] = { "activated", "bn-lpar-activated-symbolic" },
  [BN_LPAR_STATE_RECOVERY] = { "recovery-required", "bn-lpar-recovery-symbolic" },
  [BN_LPAR_STATE_FAILURE] = { "failure", "bn-lpar-failure-symbolic" },
  [BN_LPAR_STATE_UNKNOWN] = { "unknown", "bn-lpar-unknown-symbolic" },
  [BN_LPAR_STATE_MIGRATING] = { "migrating", "bn-lpar-migrating-symbolic" },
  [BN_LPAR_STATE_INVALID] = { "invalid-configuration", "bn-lpar-invalid-symbolic" },
  [BN_LPAR_STATE_WWN_ROLLBACK] = { "wwn-rollback", "bn-lpar-wwn-rollback-symbolic" },
  [BN_LPAR_STATE_MIGRATION_WWN] = { "migration-wwn", "bn-lpar-migration-wwn-symbolic" },
  [BN_LPAR_STATE_WWN_UNKNOWN] = { "wwn-unknown", "bn-lpar-wwn-unknown-symbolic" },
};

const char *
bn_lpar_state_to_string (BnLparState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (states), NULL);
  return states[state].name;
}

const char *
bn_lpar_state_get_icon_name (BnLparState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (states), NULL);
  return states[state].icon;
}

static void
bn_lpar_finalize (GObject *object)
{
  BnLpar *self = (BnLpar *) object;

  g_weak_ref_clear (&self->hvm);
  g_free (self->name);
  g_free (self->status);
  g_clear_pointer (&self->config, json_object_unref);

  G_OBJECT_CLASS (bn_lpar_parent_class)->finalize (object);
}

static void
bn_lpar_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  BnLpar *self = BN_LPAR (object);

  switch (prop_id)
    {
    case PROP_HVM:
      g_value_take_object (value, g_weak_ref_get (&self->hvm));
      break;
    case PROP_NUMBER:
      g_value_set_uint (value, self->number);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ICON_NAME:
      g_value_set_static_string (value, bn_lpar_state_get_icon_name (self->state));
      break;
    case PROP_MEMORY_MB:
      g_value_set_uint (value, self->memory_mb);
      break;
    case PROP_CPU_COUNT:
      g_value_set_uint (value, self->cpu_count);
      break;
    case PROP_RECOVERY_REQUIRED:
      g_value_set_boolean (value, self->recovery_required);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bn_lpar_class_init (BnLparClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = bn_lpar_finalize;
  object_class->get_property = bn_lpar_get_property;

  properties[PROP_HVM] = g_param_spec_object ("hvm", NULL, NULL, G_TYPE_OBJECT, flags);
  properties[PROP_NUMBER] = g_param_spec_uint ("number", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, BN_TYPE_LPAR_STATE,
                                              BN_LPAR_STATE_UNKNOWN, flags);
  properties[PROP_ICON_NAME] = g_param_spec_string ("icon-name", NULL, NULL, NULL, flags);
  properties[PROP_MEMORY_MB] = g_param_spec_uint ("memory-mb", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_CPU_COUNT] = g_param_spec_uint ("cpu-count", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_RECOVERY_REQUIRED] = g_param_spec_boolean ("recovery-required", NULL, NULL,
                                                             FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bn_lpar_init (BnLpar *self)
{
  g_weak_ref_init (&self->hvm, NULL);
  self->state = BN_LPAR_STATE_UNKNOWN;
}

BnLpar *
_bn_lpar_new (BnHvm *hvm,
              guint  number)
{
  BnLpar *self = g_object_new (BN_TYPE_LPAR, NULL);

  g_weak_ref_set (&self->hvm, hvm);
  self->number = number;
  return self;
}

static BnLparState
derive_state (JsonObject *config,
              gboolean    hvm_reachable,
              gboolean    migrating)
{
  JsonArray *fcs = bn_blade_doc_get_array (config, "fcs");
  const char *status = bn_blade_doc_get_string (config, "status", "");
  gboolean rollback = FALSE, migration_wwn = FALSE, wwn_unknown = FALSE;

  if (!hvm_reachable)
    return BN_LPAR_STATE_UNKNOWN;
  if (migrating)
    return BN_LPAR_STATE_MIGRATING;
  if (bn_blade_doc_get_bool (config, "recovery_required", FALSE))
    return BN_LPAR_STATE_RECOVERY;

  for (guint i = 0; fcs && i < json_array_get_length (fcs); i++)
    {
      const char *wwn = bn_blade_doc_get_string (json_array_get_object_element (fcs, i),
                                                 "wwn_status", "normal");

      rollback |= g_str_equal (wwn, "rollback");
      migration_wwn |= g_str_equal (wwn, "migration");
      wwn_unknown |= g_str_equal (wwn, "unknown");
    }
  if (rollback)
    return BN_LPAR_STATE_WWN_ROLLBACK;
  if (migration_wwn)
    return BN_LPAR_STATE_MIGRATION_WWN;
  if (wwn_unknown)
    return BN_LPAR_STATE_WWN_UNKNOWN;
  if (bn_blade_doc_get_bool (config, "config_invalid", FALSE))
    return BN_LPAR_STATE_INVALID;
  if (g_str_equal (status, "Failure"))
    return BN_LPAR_STATE_FAILURE;
  if (g_str_equal (status, "Activate"))
    return BN_LPAR_STATE_ACTIVATED;
  return BN_LPAR_STATE_DEACTIVATED;
}

static void
set_string (BnLpar      *self,
            char       **field,
            const char  *value,
            guint        prop)
{
  if (bn_set_str (field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_uint (BnLpar *self,
          guint  *field,
          guint   value,
          guint   prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
_bn_lpar_apply (BnLpar     *self,
                JsonObject *config,
                gboolean    hvm_reachable,
                gboolean    migrating)
{
  BnLparState state;
  gboolean recovery;

  g_return_if_fail (BN_IS_LPAR (self));

  g_object_freeze_notify (G_OBJECT (self));

  if (config != NULL && config != self->config)
    {
      g_clear_pointer (&self->config, json_object_unref);
      self->config = json_object_ref (config);
    }

  if (self->config != NULL)
    {
      set_string (self, &self->name, bn_blade_doc_get_string (self->config, "name", ""), PROP_NAME);
      set_string (self, &self->status, bn_blade_doc_get_string (self->config, "status", ""),
                  PROP_STATUS);
      set_uint (self, &self->memory_mb, bn_blade_doc_get_int (self->config, "memory_mb", 0),
                PROP_MEMORY_MB);
      set_uint (self, &self->cpu_count, bn_blade_doc_get_int (self->config, "cpu.count", 0),
                PROP_CPU_COUNT);
      recovery = bn_blade_doc_get_bool (self->config, "recovery_required", FALSE);
      if (recovery != self->recovery_required)
        {
          self->recovery_required = recovery;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECOVERY_REQUIRED]);
        }
      state = derive_state (self->config, hvm_reachable, migrating);
    }
  else
    state = BN_LPAR_STATE_UNKNOWN;

  if (state != self->state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON_NAME]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

BnHvm *
bn_lpar_get_hvm (BnLpar *self)
{
  g_autoptr(GObject) hvm = g_weak_ref_get (&self->hvm);

  /* the fleet holds every HVM for as long as their LPARs are reachable from it */
  return (BnHvm *) hvm;
}

guint
bn_lpar_get_number (BnLpar *self)
{
  return self->number;
}

const char *
bn_lpar_get_name (BnLpar *self)
{
  return self->name;
}

const char *
bn_lpar_get_status (BnLpar *self)
{
  return self->status;
}

BnLparState
bn_lpar_get_state (BnLpar *self)
{
  return self->state;
}

guint
bn_lpar_get_memory_mb (BnLpar *self)
{
  return self->memory_mb;
}

guint
bn_lpar_get_cpu_count (BnLpar *self)
{
  return self->cpu_count;
}

gboolean
bn_lpar_get_recovery_required (BnLpar *self)
{
  return self->recovery_required;
}

JsonObject *
bn_lpar_get_config (BnLpar *self)
{
  return self->config;
}
