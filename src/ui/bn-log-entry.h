/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define BN_TYPE_LOG_ENTRY (bn_log_entry_get_type ())

G_DECLARE_FINAL_TYPE (BnLogEntry, bn_log_entry, BN, LOG_ENTRY, GObject)

/* One event of an HVM's System Logs, and what 表 5-5 makes of it: FC HBA port state
 * changes are the events that tell whether an FC link is stable (§5.29). */

typedef enum
{
  BN_FC_EVENT_NONE,
  BN_FC_EVENT_LINK_UP,
  BN_FC_EVENT_LINK_DOWN,
  BN_FC_EVENT_ISOLATED,        /* FC HBA blocked: PCI Express Error Isolation */
  BN_FC_EVENT_MACHINE_CHECK,
  BN_FC_EVENT_CHECK_STOP,
} BnFcEvent;

typedef enum
{
  BN_FC_LINKS_NO_EVENTS,       /* the log holds no FC link state change */
  BN_FC_LINKS_STABLE,          /* the last change is 5 minutes old or more */
  BN_FC_LINKS_UNSTABLE,        /* a change less than 5 minutes ago: wait */
} BnFcLinks;

#define BN_FC_STABLE_SECONDS (5 * 60)

BnLogEntry  *bn_log_entry_new_from_json   (JsonObject  *object);
gint64       bn_log_entry_get_seq         (BnLogEntry  *self);
GDateTime   *bn_log_entry_get_time        (BnLogEntry  *self);
const char  *bn_log_entry_get_level       (BnLogEntry  *self);
const char  *bn_log_entry_get_event       (BnLogEntry  *self);
const char  *bn_log_entry_get_detail      (BnLogEntry  *self);
BnFcEvent    bn_log_entry_get_fc_event    (BnLogEntry  *self);
const char  *bn_log_entry_get_level_icon  (BnLogEntry  *self);
BnFcEvent    bn_fc_event_classify         (const char  *event,
                                           const char  *detail);
const char  *bn_fc_event_get_label        (BnFcEvent    event);
BnFcLinks    bn_fc_links_check            (GListModel  *entries,
                                           GDateTime   *now,
                                           BnLogEntry **last_change);

G_END_DECLS
