/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-engine"

#include "config.h"

#include "bn-engine.h"
#include "bn-fleet-private.h"
#include "bn-migration-service-private.h"
#include "bn-policies-private.h"

struct _BnEngine
{
  GObject    parent_instance;
  char      *database_path;
  BnStore   *store;
  BnOptions *options;
  BnFleet   *fleet;
  BnMigrationService *migrations;
  BnPolicies *policies;
  BnHistory *history;
  BnGuestSettings *guest_settings;
};

G_DEFINE_FINAL_TYPE (BnEngine, bn_engine, G_TYPE_OBJECT)

static void
bn_engine_dispose (GObject *object)
{
  BnEngine *self = (BnEngine *) object;

  g_clear_object (&self->policies);
  g_clear_object (&self->migrations);
  g_clear_object (&self->history);
  g_clear_object (&self->guest_settings);
  g_clear_object (&self->fleet);
  g_clear_object (&self->options);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (bn_engine_parent_class)->dispose (object);
}

static void
bn_engine_finalize (GObject *object)
{
  BnEngine *self = (BnEngine *) object;

  g_free (self->database_path);

  G_OBJECT_CLASS (bn_engine_parent_class)->finalize (object);
}

static void
bn_engine_class_init (BnEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bn_engine_dispose;
  object_class->finalize = bn_engine_finalize;
}

static void
bn_engine_init (BnEngine *self)
{
}

char *
bn_engine_default_database (void)
{
  return g_build_filename (g_get_user_data_dir (), "blade-navigator", "navigator.db", NULL);
}

BnEngine *
bn_engine_new (const char  *database_path,
               GError     **error)
{
  g_autoptr(BnEngine) self = g_object_new (BN_TYPE_ENGINE, NULL);

  self->database_path = database_path ? g_strdup (database_path) : bn_engine_default_database ();
  self->store = bn_store_new (self->database_path, error);
  if (self->store == NULL)
    return NULL;
  self->options = bn_options_new (self->store);
  self->fleet = _bn_fleet_new (self->store, self->options, error);
  if (self->fleet == NULL)
    return NULL;
  self->history = bn_history_new (self->store);
  self->guest_settings = bn_guest_settings_new (self->store);
  self->migrations = _bn_migration_service_new (self->store, self->fleet, self->options,
                                                self->history, self->guest_settings, error);
  if (self->migrations == NULL)
    return NULL;
  self->policies = _bn_policies_new (self->store, self->fleet, self->migrations,
                                      self->history, error);
  if (self->policies == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

BnStore *
bn_engine_get_store (BnEngine *self)
{
  return self->store;
}

BnOptions *
bn_engine_get_options (BnEngine *self)
{
  return self->options;
}

BnFleet *
bn_engine_get_fleet (BnEngine *self)
{
  return self->fleet;
}

const char *
bn_engine_get_database_path (BnEngine *self)
{
  return self->database_path;
}

BnMigrationService *
bn_engine_get_migration_service (BnEngine *self)
{
  return self->migrations;
}

BnPolicies *
bn_engine_get_policies (BnEngine *self)
{
  return self->policies;
}

BnGuestSettings *
bn_engine_get_guest_settings (BnEngine *self)
{
  return self->guest_settings;
}

BnHistory *
bn_engine_get_history (BnEngine *self)
{
  return self->history;
}
