/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-monitor-sample"

#include "config.h"

#include "bn-monitor-sample.h"

struct _BnMonitorSample
{
  GObject  parent_instance;
  gint64   elapsed_ms;
  char    *stage;
  guint    round;
  guint64  total_bytes;
  guint64  transferred_bytes;
  guint64  remaining_dirty_bytes;
  double   transfer_rate;
  double   dirty_rate;
  double   expected_suspend_ms;
  guint    timeout_s;
};

enum {
  PROP_0,
  PROP_ELAPSED_MS,
  PROP_STAGE,
  PROP_ROUND,
  PROP_TOTAL_BYTES,
  PROP_TRANSFERRED_BYTES,
  PROP_REMAINING_DIRTY_BYTES,
  PROP_TRANSFER_RATE,
  PROP_DIRTY_RATE,
  PROP_EXPECTED_SUSPEND_MS,
  PROP_TIMEOUT_S,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BnMonitorSample, bn_monitor_sample, G_TYPE_OBJECT)

static void
bn_monitor_sample_finalize (GObject *object)
{
  BnMonitorSample *self = (BnMonitorSample *) object;

  g_free (self->stage);

  G_OBJECT_CLASS (bn_monitor_sample_parent_class)->finalize (object);
}

static void
bn_monitor_sample_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  BnMonitorSample *self = BN_MONITOR_SAMPLE (object);

  switch (prop_id)
    {
    case PROP_ELAPSED_MS:
      g_value_set_int64 (value, self->elapsed_ms);
      break;
    case PROP_STAGE:
      g_value_set_string (value, self->stage);
      break;
    case PROP_ROUND:
      g_value_set_uint (value, self->round);
      break;
    case PROP_TOTAL_BYTES:
      g_value_set_uint64 (value, self->total_bytes);
      break;
    case PROP_TRANSFERRED_BYTES:
      g_value_set_uint64 (value, self->transferred_bytes);
      break;
    case PROP_REMAINING_DIRTY_BYTES:
      g_value_set_uint64 (value, self->remaining_dirty_bytes);
      break;
    case PROP_TRANSFER_RATE:
      g_value_set_double (value, self->transfer_rate);
      break;
    case PROP_DIRTY_RATE:
      g_value_set_double (value, self->dirty_rate);
      break;
    case PROP_EXPECTED_SUSPEND_MS:
      g_value_set_double (value, self->expected_suspend_ms);
      break;
    case PROP_TIMEOUT_S:
      g_value_set_uint (value, self->timeout_s);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bn_monitor_sample_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  BnMonitorSample *self = BN_MONITOR_SAMPLE (object);

  switch (prop_id)
    {
    case PROP_ELAPSED_MS:
      self->elapsed_ms = g_value_get_int64 (value);
      break;
    case PROP_STAGE:
      g_free (self->stage);
      self->stage = g_value_dup_string (value);
      break;
    case PROP_ROUND:
      self->round = g_value_get_uint (value);
      break;
    case PROP_TOTAL_BYTES:
      self->total_bytes = g_value_get_uint64 (value);
      break;
    case PROP_TRANSFERRED_BYTES:
      self->transferred_bytes = g_value_get_uint64 (value);
      break;
    case PROP_REMAINING_DIRTY_BYTES:
      self->remaining_dirty_bytes = g_value_get_uint64 (value);
      break;
    case PROP_TRANSFER_RATE:
      self->transfer_rate = g_value_get_double (value);
      break;
    case PROP_DIRTY_RATE:
      self->dirty_rate = g_value_get_double (value);
      break;
    case PROP_EXPECTED_SUSPEND_MS:
      self->expected_suspend_ms = g_value_get_double (value);
      break;
    case PROP_TIMEOUT_S:
      self->timeout_s = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bn_monitor_sample_class_init (BnMonitorSampleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = bn_monitor_sample_finalize;
  object_class->get_property = bn_monitor_sample_get_property;
  object_class->set_property = bn_monitor_sample_set_property;

  /* time since the memory transfer started */
  properties[PROP_ELAPSED_MS] =
    g_param_spec_int64 ("elapsed-ms", NULL, NULL, 0, G_MAXINT64, 0, flags);
  /* the LPAR Mover stage, e.g. "0x4050: (SRC) Transferring Memory Data" */
  properties[PROP_STAGE] = g_param_spec_string ("stage", NULL, NULL, NULL, flags);
  /* pre-copy round: 1 is the full copy, then one per pass over the dirtied pages */
  properties[PROP_ROUND] = g_param_spec_uint ("round", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_TOTAL_BYTES] =
    g_param_spec_uint64 ("total-bytes", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_TRANSFERRED_BYTES] =
    g_param_spec_uint64 ("transferred-bytes", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  /* dirty memory still left on the source LPAR (first graph of §4.3.5) */
  properties[PROP_REMAINING_DIRTY_BYTES] =
    g_param_spec_uint64 ("remaining-dirty-bytes", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  /* bytes per second towards the destination (second graph of §4.3.5) */
  properties[PROP_TRANSFER_RATE] =
    g_param_spec_double ("transfer-rate", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  /* bytes per second the guest dirties */
  properties[PROP_DIRTY_RATE] =
    g_param_spec_double ("dirty-rate", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  /* -1 until the mover can estimate it (nothing measured yet) */
  properties[PROP_EXPECTED_SUSPEND_MS] =
    g_param_spec_double ("expected-suspend-ms", NULL, NULL, -1, G_MAXDOUBLE, -1, flags);
  /* the migration timeout in force (§4.3.3: it can be extended) */
  properties[PROP_TIMEOUT_S] =
    g_param_spec_uint ("timeout-s", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bn_monitor_sample_init (BnMonitorSample *self)
{
}

gint64
bn_monitor_sample_get_elapsed_ms (BnMonitorSample *self)
{
  g_return_val_if_fail (BN_IS_MONITOR_SAMPLE (self), 0);
  return self->elapsed_ms;
}

const char *
bn_monitor_sample_get_stage (BnMonitorSample *self)
{
  g_return_val_if_fail (BN_IS_MONITOR_SAMPLE (self), NULL);
  return self->stage;
}

guint
bn_monitor_sample_get_round (BnMonitorSample *self)
{
  g_return_val_if_fail (BN_IS_MONITOR_SAMPLE (self), 0);
  return self->round;
}

guint64
bn_monitor_sample_get_total_bytes (BnMonitorSample *self)
{
  g_return_val_if_fail (BN_IS_MONITOR_SAMPLE (self), 0);
  return self->total_bytes;
}

guint64
bn_monitor_sample_get_transferred_bytes (BnMonitorSample *self)
{
  g_return_val_if_fail (BN_IS_MONITOR_SAMPLE (self), 0);
  return self->transferred_bytes;
}

guint64
bn_monitor_sample_get_remaining_dirty_bytes (BnMonitorSample *self)
{
  g_return_val_if_fail (BN_IS_MONITOR_SAMPLE (self), 0);
  return self->remaining_dirty_bytes;
}

double
bn_monitor_sample_get_transfer_rate (BnMonitorSample *self)
{
  g_return_val_if_fail (BN_IS_MONITOR_SAMPLE (self), 0);
  return self->transfer_rate;
}

double
bn_monitor_sample_get_dirty_rate (BnMonitorSample *self)
{
  g_return_val_if_fail (BN_IS_MONITOR_SAMPLE (self), 0);
  return self->dirty_rate;
}

double
bn_monitor_sample_get_expected_suspend_ms (BnMonitorSample *self)
{
  g_return_val_if_fail (BN_IS_MONITOR_SAMPLE (self), 0);
  return self->expected_suspend_ms;
}

guint
bn_monitor_sample_get_timeout_s (BnMonitorSample *self)
{
  g_return_val_if_fail (BN_IS_MONITOR_SAMPLE (self), 0);
  return self->timeout_s;
}

BnMonitorSample *
bn_monitor_sample_new (gint64      elapsed_ms,
                       const char *stage,
                       guint       round,
                       guint64     total_bytes,
                       guint64     transferred_bytes,
                       guint64     remaining_dirty_bytes,
                       double      transfer_rate,
                       double      dirty_rate,
                       double      expected_suspend_ms,
                       guint       timeout_s)
{
  return g_object_new (BN_TYPE_MONITOR_SAMPLE,
                       "elapsed-ms", elapsed_ms,
                       "stage", stage,
                       "round", round,
                       "total-bytes", total_bytes,
                       "transferred-bytes", transferred_bytes,
                       "remaining-dirty-bytes", remaining_dirty_bytes,
                       "transfer-rate", transfer_rate,
                       "dirty-rate", dirty_rate,
                       "expected-suspend-ms", expected_suspend_ms,
                       "timeout-s", timeout_s,
                       NULL);
}
