/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-chassis"

#include "config.h"

#include "bn-chassis-private.h"
#include "bn-glib-compat.h"

/* A chassis as the trees show it: the HVMs whose blades report this chassis ID.  HVMs
 * never read yet are grouped under a chassis with an empty ID. */

struct _BnChassis
{
  GObject     parent_instance;
  char       *id;
  char       *chassis_type;
  GListStore *hvms;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_CHASSIS_TYPE,
  PROP_HVMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BnChassis, bn_chassis, G_TYPE_OBJECT)

static void
bn_chassis_finalize (GObject *object)
{
  BnChassis *self = (BnChassis *) object;

  g_free (self->id);
  g_free (self->chassis_type);
  g_clear_object (&self->hvms);

  G_OBJECT_CLASS (bn_chassis_parent_class)->finalize (object);
}

static void
bn_chassis_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  BnChassis *self = BN_CHASSIS (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_CHASSIS_TYPE:
      g_value_set_string (value, self->chassis_type);
      break;
    case PROP_HVMS:
      g_value_set_object (value, self->hvms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bn_chassis_class_init (BnChassisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = bn_chassis_finalize;
  object_class->get_property = bn_chassis_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_CHASSIS_TYPE] = g_param_spec_string ("chassis-type", NULL, NULL, NULL, flags);
  properties[PROP_HVMS] = g_param_spec_object ("hvms", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bn_chassis_init (BnChassis *self)
{
  self->hvms = g_list_store_new (BN_TYPE_HVM);
}

BnChassis *
_bn_chassis_new (const char *id)
{
  BnChassis *self = g_object_new (BN_TYPE_CHASSIS, NULL);

  self->id = g_strdup (id);
  return self;
}

const char *
bn_chassis_get_id (BnChassis *self)
{
  return self->id;
}

const char *
bn_chassis_get_chassis_type (BnChassis *self)
{
  return self->chassis_type;
}

GListModel *
bn_chassis_get_hvms (BnChassis *self)
{
  return G_LIST_MODEL (self->hvms);
}

void
_bn_chassis_set_type (BnChassis  *self,
                      const char *chassis_type)
{
  if (bn_set_str (&self->chassis_type, chassis_type))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHASSIS_TYPE]);
}

static int
compare_hvms (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return g_strcmp0 (bn_hvm_get_id ((BnHvm *) a), bn_hvm_get_id ((BnHvm *) b));
}

void
_bn_chassis_add_hvm (BnChassis *self,
                     BnHvm     *hvm)
{
  g_list_store_insert_sorted (self->hvms, hvm, compare_hvms, NULL);
}

gboolean
_bn_chassis_remove_hvm (BnChassis *self,
                        BnHvm     *hvm)
{
  guint position;

  if (!g_list_store_find (self->hvms, hvm, &position))
    return FALSE;
  g_list_store_remove (self->hvms, position);
  return TRUE;
}
