/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-history-entry"

#include "config.h"

#include "bn-enums.h"
#include "bn-history-entry.h"

struct _BnHistoryEntry
{
  GObject          parent_instance;
  char            *lpar_name;
  char            *hvm_id;
  guint            lpar_number;
  guint            processor_group;
  GDateTime       *moved_at;
  BnMigrationMode  mode;
};

enum {
  PROP_0,
  PROP_LPAR_NAME,
  PROP_HVM_ID,
  PROP_LPAR_NUMBER,
  PROP_PROCESSOR_GROUP,
  PROP_MOVED_AT,
  PROP_MODE,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BnHistoryEntry, bn_history_entry, G_TYPE_OBJECT)

static void
bn_history_entry_finalize (GObject *object)
{
  BnHistoryEntry *self = (BnHistoryEntry *) object;

  g_free (self->lpar_name);
  g_free (self->hvm_id);
  g_clear_pointer (&self->moved_at, g_date_time_unref);

  G_OBJECT_CLASS (bn_history_entry_parent_class)->finalize (object);
}

static void
bn_history_entry_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BnHistoryEntry *self = BN_HISTORY_ENTRY (object);

  switch (prop_id)
    {
    case PROP_LPAR_NAME:
      g_value_set_string (value, self->lpar_name);
      break;
    case PROP_HVM_ID:
      g_value_set_string (value, self->hvm_id);
      break;
    case PROP_LPAR_NUMBER:
      g_value_set_uint (value, self->lpar_number);
      break;
    case PROP_PROCESSOR_GROUP:
      g_value_set_uint (value, self->processor_group);
      break;
    case PROP_MOVED_AT:
      g_value_set_boxed (value, self->moved_at);
      break;
    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;
    case PROP_TEXT:
      g_value_take_string (value, bn_history_entry_format (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bn_history_entry_class_init (BnHistoryEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = bn_history_entry_finalize;
  object_class->get_property = bn_history_entry_get_property;

  properties[PROP_LPAR_NAME] = g_param_spec_string ("lpar-name", NULL, NULL, NULL, flags);
  properties[PROP_HVM_ID] = g_param_spec_string ("hvm-id", NULL, NULL, NULL, flags);
  properties[PROP_LPAR_NUMBER] = g_param_spec_uint ("lpar-number", NULL, NULL, 0, G_MAXUINT, 0,
                                                    flags);
  properties[PROP_PROCESSOR_GROUP] = g_param_spec_uint ("processor-group", NULL, NULL, 0,
                                                        G_MAXUINT, 0, flags);
  properties[PROP_MOVED_AT] = g_param_spec_boxed ("moved-at", NULL, NULL, G_TYPE_DATE_TIME,
                                                  flags);
  properties[PROP_MODE] = g_param_spec_enum ("mode", NULL, NULL, BN_TYPE_MIGRATION_MODE,
                                             BN_MIGRATION_MODE_SHUTDOWN, flags);
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bn_history_entry_init (BnHistoryEntry *self)
{
}

BnHistoryEntry *
bn_history_entry_new (const char      *lpar_name,
                      const char      *hvm_id,
                      guint            lpar_number,
                      guint            processor_group,
                      GDateTime       *moved_at,
                      BnMigrationMode  mode)
{
  BnHistoryEntry *self = g_object_new (BN_TYPE_HISTORY_ENTRY, NULL);

  self->lpar_name = g_strdup (lpar_name);
  self->hvm_id = g_strdup (hvm_id);
  self->lpar_number = lpar_number;
  self->processor_group = processor_group;
  self->moved_at = moved_at ? g_date_time_ref (moved_at) : NULL;
  self->mode = mode;
  return self;
}

const char *
bn_history_entry_get_lpar_name (BnHistoryEntry *self)
{
  g_return_val_if_fail (BN_IS_HISTORY_ENTRY (self), NULL);
  return self->lpar_name;
}

const char *
bn_history_entry_get_hvm_id (BnHistoryEntry *self)
{
  g_return_val_if_fail (BN_IS_HISTORY_ENTRY (self), NULL);
  return self->hvm_id;
}

guint
bn_history_entry_get_lpar_number (BnHistoryEntry *self)
{
  g_return_val_if_fail (BN_IS_HISTORY_ENTRY (self), 0);
  return self->lpar_number;
}

guint
bn_history_entry_get_processor_group (BnHistoryEntry *self)
{
  g_return_val_if_fail (BN_IS_HISTORY_ENTRY (self), 0);
  return self->processor_group;
}

/* NULL for the LPAR's origin. */
GDateTime *
bn_history_entry_get_moved_at (BnHistoryEntry *self)
{
  g_return_val_if_fail (BN_IS_HISTORY_ENTRY (self), NULL);
  return self->moved_at;
}

BnMigrationMode
bn_history_entry_get_mode (BnHistoryEntry *self)
{
  g_return_val_if_fail (BN_IS_HISTORY_ENTRY (self), BN_MIGRATION_MODE_SHUTDOWN);
  return self->mode;
}

/* The manual's notation (図 4-5): "HVM_ID #LPAR Group#n [yyyy/mm/dd hh:mm:ss]" in local
 * time; an origin has no date. */
char *
bn_history_entry_format (BnHistoryEntry *self)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (BN_IS_HISTORY_ENTRY (self), NULL);

  if (self->moved_at == NULL)
    return g_strdup_printf ("%s #%u Group#%u", self->hvm_id, self->lpar_number,
                            self->processor_group);
  local = g_date_time_to_local (self->moved_at);
  when = g_date_time_format (local, "%Y/%m/%d %H:%M:%S");
  return g_strdup_printf ("%s #%u Group#%u [%s]", self->hvm_id, self->lpar_number,
                          self->processor_group, when);
}
