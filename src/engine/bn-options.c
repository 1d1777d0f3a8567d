/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-options"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bn-error.h"
#include "bn-options.h"

struct _BnOptions
{
  GObject  parent_instance;
  BnStore *store;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BnOptions, bn_options, G_TYPE_OBJECT)

/* Defaults from the manual where it gives one: OS-shutdown wait 5 min (§4.2.1), migration
 * timeout 900 s (§4.3.3). */
static const BnOptionSpec specs[] = {
  { BN_OPTION_HVM_TIMEOUT, BN_OPTION_TYPE_UINT, "10", 1, 600, "s",
    N_("HVM communication timeout") },
  { BN_OPTION_OS_SHUTDOWN_WAIT, BN_OPTION_TYPE_UINT, "300", 10, 3600, "s",
    N_("Wait limit for a guest OS shutdown") },
  { BN_OPTION_FC_LOGIN_TIMEOUT, BN_OPTION_TYPE_UINT, "60", 5, 600, "s",
    N_("FC login timeout") },
  { BN_OPTION_MIGRATION_TIMEOUT, BN_OPTION_TYPE_UINT, "900", 60, 86400, "s",
    N_("Migration timeout (Concurrent Maintenance)") },
  { BN_OPTION_MONITOR_PERIOD, BN_OPTION_TYPE_UINT, "250", 100, 5000, "ms",
    N_("Monitor sample period") },
  /* not in the manual: how long blades keep a migration whose console went silent (crashed)
   * before they end it and unlock; the console renews it four times per period */
  { BN_OPTION_MIGRATION_LEASE, BN_OPTION_TYPE_UINT, "60", 5, 3600, "s",
    N_("Blades end a migration whose console is silent this long") },
  { BN_OPTION_MANAGEMENT_ADDRESS, BN_OPTION_TYPE_ADDRESS, "", 0, 0, NULL,
    N_("Management server LAN address used to reach HVMs (empty: any)") },
  { BN_OPTION_STORAGE_CLI_DIR, BN_OPTION_TYPE_PATH, "", 0, 0, NULL,
    N_("Storage CLI folder") },
};

static void
bn_options_finalize (GObject *object)
{
  BnOptions *self = (BnOptions *) object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (bn_options_parent_class)->finalize (object);
}

static void
bn_options_class_init (BnOptionsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bn_options_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
bn_options_init (BnOptions *self)
{
}

BnOptions *
bn_options_new (BnStore *store)
{
  BnOptions *self = g_object_new (BN_TYPE_OPTIONS, NULL);

  self->store = g_object_ref (store);
  return self;
}

const BnOptionSpec *
bn_options_list (guint *n_options)
{
  *n_options = G_N_ELEMENTS (specs);
  return specs;
}

const BnOptionSpec *
bn_options_lookup (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    if (g_strcmp0 (specs[i].key, key) == 0)
      return &specs[i];
  return NULL;
}

gboolean
bn_options_validate (const char  *key,
                     const char  *value,
                     GError     **error)
{
  const BnOptionSpec *spec = bn_options_lookup (key);
  guint64 number;

  if (spec == NULL)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT, _("Unknown option “%s”"), key);
      return FALSE;
    }
  switch (spec->type)
    {
    case BN_OPTION_TYPE_UINT:
      if (!g_ascii_string_to_unsigned (value, 10, spec->min, spec->max, &number, NULL))
        {
          g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                       _("%s must be a whole number from %u to %u %s"), key, spec->min,
                       spec->max, spec->unit);
          return FALSE;
        }
      return TRUE;
    case BN_OPTION_TYPE_ADDRESS:
      if (*value != '\0' && !g_hostname_is_ip_address (value))
        {
          g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                       _("%s must be an IP address or empty, not “%s”"), key, value);
          return FALSE;
        }
      return TRUE;
    case BN_OPTION_TYPE_PATH:
      if (*value != '\0' && !g_path_is_absolute (value))
        {
          g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                       _("%s must be an absolute folder path or empty"), key);
          return FALSE;
        }
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

char *
bn_options_get_string (BnOptions  *self,
                       const char *key)
{
  const BnOptionSpec *spec = bn_options_lookup (key);
  g_autofree char *value = NULL;

  g_return_val_if_fail (spec != NULL, NULL);

  value = bn_store_get_option (self->store, key);
  /* a value another version stored that we no longer accept falls back to the default */
  if (value == NULL || !bn_options_validate (key, value, NULL))
    return g_strdup (spec->default_value);
  return g_steal_pointer (&value);
}

guint
bn_options_get_uint (BnOptions  *self,
                     const char *key)
{
  g_autofree char *value = bn_options_get_string (self, key);

  return (guint) g_ascii_strtoull (value, NULL, 10);
}

gboolean
bn_options_set (BnOptions   *self,
                const char  *key,
                const char  *value,
                GError     **error)
{
  g_autofree char *old = NULL;

  if (!bn_options_validate (key, value, error))
    return FALSE;
  old = bn_options_get_string (self, key);
  if (!bn_store_set_option (self->store, key, value, error))
    return FALSE;
  if (g_strcmp0 (old, value) != 0)
    g_signal_emit (self, signals[CHANGED], g_quark_from_string (key), key);
  return TRUE;
}
