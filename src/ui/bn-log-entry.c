/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-log-entry"

#include "config.h"

#include <glib/gi18n.h>

#include "bn-blade-doc.h"
#include "bn-log-entry.h"
#include "bn-ui-utils.h"

struct _BnLogEntry
{
  GObject     parent_instance;
  gint64      seq;
  GDateTime  *time;
  char       *time_text;
  char       *level;
  char       *event;
  char       *detail;
  BnFcEvent   fc_event;
};

enum {
  PROP_0,
  PROP_SEQ,
  PROP_TIME_TEXT,
  PROP_LEVEL,
  PROP_LEVEL_ICON,
  PROP_EVENT,
  PROP_DETAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BnLogEntry, bn_log_entry, G_TYPE_OBJECT)

static void
bn_log_entry_finalize (GObject *object)
{
  BnLogEntry *self = (BnLogEntry *) object;

  g_clear_pointer (&self->time, g_date_time_unref);
  g_free (self->time_text);
  g_free (self->level);
  g_free (self->event);
  g_free (self->detail);

  G_OBJECT_CLASS (bn_log_entry_parent_class)->finalize (object);
}

static void
bn_log_entry_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BnLogEntry *self = BN_LOG_ENTRY (object);

  switch (prop_id)
    {
    case PROP_SEQ:
      g_value_set_int64 (value, self->seq);
      break;
    case PROP_TIME_TEXT:
      g_value_set_string (value, self->time_text);
      break;
    case PROP_LEVEL:
      g_value_set_string (value, self->level);
      break;
    case PROP_LEVEL_ICON:
      g_value_set_static_string (value, bn_log_entry_get_level_icon (self));
      break;
    case PROP_EVENT:
      g_value_set_string (value, self->event);
      break;
    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bn_log_entry_class_init (BnLogEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = bn_log_entry_finalize;
  object_class->get_property = bn_log_entry_get_property;

  properties[PROP_SEQ] = g_param_spec_int64 ("seq", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TIME_TEXT] = g_param_spec_string ("time-text", NULL, NULL, NULL, flags);
  properties[PROP_LEVEL] = g_param_spec_string ("level", NULL, NULL, NULL, flags);
  properties[PROP_LEVEL_ICON] = g_param_spec_string ("level-icon", NULL, NULL, NULL, flags);
  properties[PROP_EVENT] = g_param_spec_string ("event", NULL, NULL, NULL, flags);
  properties[PROP_DETAIL] = g_param_spec_string ("detail", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bn_log_entry_init (BnLogEntry *self)
{
}

/* An element of the SystemLogs reply ("log_event" of data/fleet.schema.json). */
BnLogEntry *
bn_log_entry_new_from_json (JsonObject *object)
{
  BnLogEntry *self = g_object_new (BN_TYPE_LOG_ENTRY, NULL);
  const char *time = bn_blade_doc_get_string (object, "time", NULL);

  self->seq = bn_blade_doc_get_int (object, "seq", 0);
  self->time = time ? g_date_time_new_from_iso8601 (time, NULL) : NULL;
  self->time_text = self->time ? bn_ui_format_time (self->time) : g_strdup (time ? time : "");
  self->level = g_strdup (bn_blade_doc_get_string (object, "level", ""));
  self->event = g_strdup (bn_blade_doc_get_string (object, "event", ""));
  self->detail = g_strdup (bn_blade_doc_get_string (object, "detail", ""));
  self->fc_event = bn_fc_event_classify (self->event, self->detail);
  return self;
}

gint64
bn_log_entry_get_seq (BnLogEntry *self)
{
  return self->seq;
}

GDateTime *
bn_log_entry_get_time (BnLogEntry *self)
{
  return self->time;
}

const char *
bn_log_entry_get_level (BnLogEntry *self)
{
  return self->level;
}

const char *
bn_log_entry_get_event (BnLogEntry *self)
{
  return self->event;
}

const char *
bn_log_entry_get_detail (BnLogEntry *self)
{
  return self->detail;
}

BnFcEvent
bn_log_entry_get_fc_event (BnLogEntry *self)
{
  return self->fc_event;
}

const char *
bn_log_entry_get_level_icon (BnLogEntry *self)
{
  if (g_strcmp0 (self->level, "Error") == 0)
    return "dialog-error-symbolic";
  if (g_strcmp0 (self->level, "Warning") == 0)
    return "dialog-warning-symbolic";
  return "dialog-information-symbolic";
}

/* 表 5-5: the Event and Detail columns of each FC HBA port state.  The manual prints the
 * link-down event as "VM detected Link Down error …": match the part both spellings share. */
BnFcEvent
bn_fc_event_classify (const char *event,
                      const char *detail)
{
  if (event == NULL)
    return BN_FC_EVENT_NONE;
  if (strstr (event, "detected available Shared FC Link") != NULL)
    return BN_FC_EVENT_LINK_UP;
  if (strstr (event, "Link Down error for Shared FC") != NULL)
    return BN_FC_EVENT_LINK_DOWN;
  if (strstr (event, "PCI Express Error Isolation was detected") != NULL)
    return BN_FC_EVENT_ISOLATED;
  if (strstr (event, "detected MCKINT for Shared FC") != NULL)
    return detail && strstr (detail, "Hardware error") ? BN_FC_EVENT_CHECK_STOP
                                                       : BN_FC_EVENT_MACHINE_CHECK;
  return BN_FC_EVENT_NONE;
}

const char *
bn_fc_event_get_label (BnFcEvent event)
{
  switch (event)
    {
    case BN_FC_EVENT_LINK_UP:
      return _("link up");
    case BN_FC_EVENT_LINK_DOWN:
      return _("link down");
    case BN_FC_EVENT_ISOLATED:
      return _("FC HBA blocked");
    case BN_FC_EVENT_MACHINE_CHECK:
      return _("machine check");
    case BN_FC_EVENT_CHECK_STOP:
      return _("check stop");
    case BN_FC_EVENT_NONE:
    default:
      return "";
    }
}

/* §5.29: the FC links are stable when no FC HBA port state change has been logged for 5
 * minutes.  @last_change (optional) receives the latest change (owned by @entries). */
BnFcLinks
bn_fc_links_check (GListModel  *entries,
                   GDateTime   *now,
                   BnLogEntry **last_change)
{
  BnLogEntry *latest = NULL;
  guint n = g_list_model_get_n_items (entries);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BnLogEntry) entry = g_list_model_get_item (entries, i);

      if (entry->fc_event == BN_FC_EVENT_NONE)
        continue;
      if (latest == NULL ||
          (entry->time && latest->time && g_date_time_compare (entry->time, latest->time) > 0) ||
          (entry->time && latest->time == NULL) ||
          (!(entry->time && latest->time) && entry->seq > latest->seq))
        latest = entry;
    }
  if (last_change != NULL)
    *last_change = latest;
  if (latest == NULL)
    return BN_FC_LINKS_NO_EVENTS;
  /* an event without a readable time, or stamped later than our clock, is recent */
  if (latest->time == NULL ||
      g_date_time_difference (now, latest->time) < BN_FC_STABLE_SECONDS * G_TIME_SPAN_SECOND)
    return BN_FC_LINKS_UNSTABLE;
  return BN_FC_LINKS_STABLE;
}
