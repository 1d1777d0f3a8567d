/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-check-item"

#include "config.h"

#include "bn-check-item-private.h"
#include "bn-checks-enums.h"

struct _BnCheckItemClass
{
  GObjectClass parent_class;
};

G_DEFINE_FINAL_TYPE (BnCheckItem, bn_check_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SECTION,
  PROP_GROUP,
  PROP_NAME,
  PROP_SOURCE_VALUE,
  PROP_DESTINATION_VALUE,
  PROP_STATUS,
  PROP_MESSAGE,
  PROP_REMEDY,
  PROP_REFERENCE,
  PROP_VIEWER_ROW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
bn_check_item_finalize (GObject *object)
{
  BnCheckItem *self = (BnCheckItem *) object;

  g_free (self->id);
  g_free (self->group);
  g_free (self->source_value);
  g_free (self->destination_value);
  g_free (self->message);
  g_free (self->remedy);
  g_free (self->reference);

  G_OBJECT_CLASS (bn_check_item_parent_class)->finalize (object);
}

static void
bn_check_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BnCheckItem *self = BN_CHECK_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_SECTION: g_value_set_enum (value, self->section); break;
    case PROP_GROUP: g_value_set_string (value, self->group); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_SOURCE_VALUE: g_value_set_string (value, self->source_value); break;
    case PROP_DESTINATION_VALUE: g_value_set_string (value, self->destination_value); break;
    case PROP_STATUS: g_value_set_enum (value, self->status); break;
    case PROP_MESSAGE: g_value_set_string (value, self->message); break;
    case PROP_REMEDY: g_value_set_string (value, self->remedy); break;
    case PROP_REFERENCE: g_value_set_string (value, self->reference); break;
    case PROP_VIEWER_ROW: g_value_set_string (value, self->viewer_row); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bn_check_item_class_init (BnCheckItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = bn_check_item_finalize;
  object_class->get_property = bn_check_item_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_SECTION] = g_param_spec_enum ("section", NULL, NULL, BN_TYPE_CHECK_SECTION,
                                                BN_CHECK_SECTION_SERVER, flags);
  properties[PROP_GROUP] = g_param_spec_string ("group", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE_VALUE] = g_param_spec_string ("source-value", NULL, NULL, NULL, flags);
  properties[PROP_DESTINATION_VALUE] =
    g_param_spec_string ("destination-value", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, BN_TYPE_CHECK_STATUS,
                                               BN_CHECK_STATUS_OK, flags);
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  properties[PROP_REMEDY] = g_param_spec_string ("remedy", NULL, NULL, NULL, flags);
  properties[PROP_REFERENCE] = g_param_spec_string ("reference", NULL, NULL, NULL, flags);
  properties[PROP_VIEWER_ROW] = g_param_spec_string ("viewer-row", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bn_check_item_init (BnCheckItem *self)
{
}

BnCheckItem *
_bn_check_item_new (char           *id,
                    BnCheckSection  section,
                    char           *group,
                    const char     *name,
                    char           *source_value,
                    char           *destination_value,
                    BnCheckStatus   status,
                    char           *message,
                    char           *remedy,
                    char           *reference,
                    const char     *viewer_row)
{
  BnCheckItem *self = g_object_new (BN_TYPE_CHECK_ITEM, NULL);

  self->id = id;
  self->section = section;
  self->group = group;
  self->name = name;
  self->source_value = source_value;
  self->destination_value = destination_value;
  self->status = status;
  self->message = message;
  self->remedy = remedy;
  self->reference = reference;
  self->viewer_row = viewer_row;
  return self;
}

const char *
bn_check_item_get_id (BnCheckItem *self)
{
  g_return_val_if_fail (BN_IS_CHECK_ITEM (self), NULL);
  return self->id;
}

BnCheckSection
bn_check_item_get_section (BnCheckItem *self)
{
  g_return_val_if_fail (BN_IS_CHECK_ITEM (self), BN_CHECK_SECTION_SERVER);
  return self->section;
}

const char *
bn_check_item_get_group (BnCheckItem *self)
{
  g_return_val_if_fail (BN_IS_CHECK_ITEM (self), NULL);
  return self->group;
}

const char *
bn_check_item_get_name (BnCheckItem *self)
{
  g_return_val_if_fail (BN_IS_CHECK_ITEM (self), NULL);
  return self->name;
}

const char *
bn_check_item_get_source_value (BnCheckItem *self)
{
  g_return_val_if_fail (BN_IS_CHECK_ITEM (self), NULL);
  return self->source_value;
}

const char *
bn_check_item_get_destination_value (BnCheckItem *self)
{
  g_return_val_if_fail (BN_IS_CHECK_ITEM (self), NULL);
  return self->destination_value;
}

BnCheckStatus
bn_check_item_get_status (BnCheckItem *self)
{
  g_return_val_if_fail (BN_IS_CHECK_ITEM (self), BN_CHECK_STATUS_ERROR);
  return self->status;
}

const char *
bn_check_item_get_message (BnCheckItem *self)
{
  g_return_val_if_fail (BN_IS_CHECK_ITEM (self), NULL);
  return self->message;
}

const char *
bn_check_item_get_remedy (BnCheckItem *self)
{
  g_return_val_if_fail (BN_IS_CHECK_ITEM (self), NULL);
  return self->remedy;
}

const char *
bn_check_item_get_reference (BnCheckItem *self)
{
  g_return_val_if_fail (BN_IS_CHECK_ITEM (self), NULL);
  return self->reference;
}

const char *
bn_check_item_get_viewer_row (BnCheckItem *self)
{
  g_return_val_if_fail (BN_IS_CHECK_ITEM (self), NULL);
  return self->viewer_row;
}
