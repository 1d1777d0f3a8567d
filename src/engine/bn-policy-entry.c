/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-policy"

#include "config.h"

#include "bn-enums.h"
#include "bn-policy-entry.h"

struct _BnPolicyEntry
{
  GObject             parent_instance;

  BnMigrationRequest *request;
  char               *lpar_name;
  BnEntryState        state;
  char               *migration_id;
  char               *error;
  GDateTime          *finished_at;
};

enum
{
  PROP_0,
  PROP_STATE,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BnPolicyEntry, bn_policy_entry, G_TYPE_OBJECT)

static void
bn_policy_entry_finalize (GObject *object)
{
  BnPolicyEntry *self = (BnPolicyEntry *) object;

  bn_migration_request_free (self->request);
  g_free (self->lpar_name);
  g_free (self->migration_id);
  g_free (self->error);
  g_clear_pointer (&self->finished_at, g_date_time_unref);
  G_OBJECT_CLASS (bn_policy_entry_parent_class)->finalize (object);
}

static void
bn_policy_entry_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BnPolicyEntry *self = BN_POLICY_ENTRY (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bn_policy_entry_class_init (BnPolicyEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = bn_policy_entry_finalize;
  object_class->get_property = bn_policy_entry_get_property;
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, BN_TYPE_ENTRY_STATE,
                                              BN_ENTRY_STATE_PENDING, flags);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bn_policy_entry_init (BnPolicyEntry *self)
{
}

BnPolicyEntry *
bn_policy_entry_new (const BnMigrationRequest *request,
                     const char               *lpar_name)
{
  BnPolicyEntry *self = g_object_new (BN_TYPE_POLICY_ENTRY, NULL);

  self->request = bn_migration_request_copy (request);
  self->request->operation = BN_OPERATION_MIGRATION;
  /* a policy is stored and exported: it never holds a password */
  g_clear_pointer (&self->request->guest_password, g_free);
  self->lpar_name = g_strdup (lpar_name);
  return self;
}

BnPolicyEntry *
bn_policy_entry_copy (BnPolicyEntry *self)
{
  BnPolicyEntry *copy = bn_policy_entry_new (self->request, self->lpar_name);

  bn_policy_entry_set_state (copy, self->state, self->migration_id, self->error,
                             self->finished_at);
  return copy;
}

const BnMigrationRequest *
bn_policy_entry_get_request (BnPolicyEntry *self)
{
  return self->request;
}

BnMigrationMode
bn_policy_entry_get_mode (BnPolicyEntry *self)
{
  return self->request->mode;
}

const char *
bn_policy_entry_get_source_hvm (BnPolicyEntry *self)
{
  return self->request->source_hvm;
}

guint
bn_policy_entry_get_source_lpar (BnPolicyEntry *self)
{
  return self->request->source_lpar;
}

const char *
bn_policy_entry_get_lpar_name (BnPolicyEntry *self)
{
  return self->lpar_name;
}

const char *
bn_policy_entry_get_destination_hvm (BnPolicyEntry *self)
{
  return self->request->destination_hvm;
}

guint
bn_policy_entry_get_destination_lpar (BnPolicyEntry *self)
{
  return self->request->destination_lpar;
}

BnEntryState
bn_policy_entry_get_state (BnPolicyEntry *self)
{
  return self->state;
}

const char *
bn_policy_entry_get_error (BnPolicyEntry *self)
{
  return self->error;
}

const char *
bn_policy_entry_get_migration_id (BnPolicyEntry *self)
{
  return self->migration_id;
}

GDateTime *
bn_policy_entry_get_finished_at (BnPolicyEntry *self)
{
  return self->finished_at;
}

/* "CRM01 (HVM-B01 #4 → HVM-B02 Auto)", for messages and the terminal. */
char *
bn_policy_entry_describe (BnPolicyEntry *self)
{
  g_autofree char *dst = self->request->destination_lpar
                         ? g_strdup_printf ("#%u", self->request->destination_lpar)
                         : g_strdup ("Auto");

  return g_strdup_printf ("%s (%s #%u → %s %s)", self->lpar_name, self->request->source_hvm,
                          self->request->source_lpar, self->request->destination_hvm, dst);
}

void
bn_policy_entry_set_state (BnPolicyEntry *self,
                           BnEntryState   state,
                           const char    *migration_id,
                           const char    *error,
                           GDateTime     *finished_at)
{
  gboolean error_changed = g_strcmp0 (error, self->error) != 0;

  if (migration_id != self->migration_id)
    {
      g_free (self->migration_id);
      self->migration_id = g_strdup (migration_id);
    }
  if (error_changed)
    {
      g_free (self->error);
      self->error = g_strdup (error);
    }
  if (finished_at != self->finished_at)
    {
      g_clear_pointer (&self->finished_at, g_date_time_unref);
      self->finished_at = finished_at ? g_date_time_ref (finished_at) : NULL;
    }
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (error_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

const char *
bn_entry_state_to_string (BnEntryState state)
{
  return bn_enum_to_nick (BN_TYPE_ENTRY_STATE, state);
}
