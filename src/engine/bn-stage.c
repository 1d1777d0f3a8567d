/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-stage"

#include "config.h"

#include "bn-enums.h"
#include "bn-stage.h"

/* One process of an operation as the Migration Progress window lists it. */

struct _BnStage
{
  GObject       parent_instance;
  char         *id;
  char         *name;
  BnStageState  state;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_STATE,
  PROP_ICON_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BnStage, bn_stage, G_TYPE_OBJECT)

static const struct {
  const char *name;
  const char *icon;
} states[] = {
  [BN_STAGE_STATE_WAITING] = { "waiting", "bn-step-waiting-symbolic" },
  [BN_STAGE_STATE_RUNNING] = { "running", "bn-step-running-symbolic" },
  [BN_STAGE_STATE_DONE] = { "done", "bn-step-done-symbolic" },
  [BN_STAGE_STATE_FAILED] = { "failed", "bn-step-failed-symbolic" },
  [BN_STAGE_STATE_CLEANING_UP] = { "failed-cleaning-up", "bn-step-failed-cleanup-symbolic" },
  [BN_STAGE_STATE_SKIPPED] = { "skipped", "bn-step-waiting-symbolic" },
};

const char *
bn_stage_state_get_icon_name (BnStageState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (states), NULL);
  return states[state].icon;
}

const char *
bn_stage_state_to_string (BnStageState state)
{
  g_return_val_if_fail (state < G_N_ELEMENTS (states), NULL);
  return states[state].name;
}

static void
bn_stage_finalize (GObject *object)
{
  BnStage *self = (BnStage *) object;

  g_free (self->id);
  g_free (self->name);

  G_OBJECT_CLASS (bn_stage_parent_class)->finalize (object);
}

static void
bn_stage_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  BnStage *self = BN_STAGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ICON_NAME:
      g_value_set_static_string (value, bn_stage_state_get_icon_name (self->state));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bn_stage_class_init (BnStageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = bn_stage_finalize;
  object_class->get_property = bn_stage_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, BN_TYPE_STAGE_STATE,
                                              BN_STAGE_STATE_WAITING, flags);
  properties[PROP_ICON_NAME] = g_param_spec_string ("icon-name", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bn_stage_init (BnStage *self)
{
}

BnStage *
bn_stage_new (const char *id,
              const char *name)
{
  BnStage *self = g_object_new (BN_TYPE_STAGE, NULL);

  self->id = g_strdup (id);
  self->name = g_strdup (name);
  return self;
}

const char *
bn_stage_get_id (BnStage *self)
{
  return self->id;
}

const char *
bn_stage_get_name (BnStage *self)
{
  return self->name;
}

BnStageState
bn_stage_get_state (BnStage *self)
{
  return self->state;
}

void
bn_stage_set_state (BnStage      *self,
                    BnStageState  state)
{
  g_return_if_fail (BN_IS_STAGE (self));

  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON_NAME]);
}
