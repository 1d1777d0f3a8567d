/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-sim-blade"

#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <glib/gstdio.h>

#include "bn-blade-doc.h"
#include "bn-error.h"
#include "bn-sim-blade.h"
#include "bn-sim-fleet.h"
#include "bn-sim-guest.h"
#include "bn-sim-memory.h"
#include "bn-sim-migration.h"
#include "bn-sim-session.h"

#define MAX_LOG_EVENTS   1000
#define MAX_SESSIONS     64
#define SAVE_DELAY_MS    200

struct _BnSimBlade
{
  GObject          parent_instance;

  BnSimFleet      *fleet;          /* weak: the fleet owns its blades */
  JsonNode        *doc;
  char            *id;
  char            *address;
  guint            port;
  char            *state_path;

  guint64          generation;
  char            *config_json;    /* cache of the served document */
  guint            save_source;

  GSocketService  *service;
  GTlsCertificate *certificate;
  GPtrArray       *allowed;        /* GInetAddressMask */
  GPtrArray       *sessions;

  gboolean         migrating;      /* the migration lock */
  char            *operation;      /* the operation lock: what runs, or NULL */

  BnSimMigration  *migration;
  GHashTable      *memories;       /* LPAR number → BnSimMemory (the LPAR's real memory) */
};

G_DEFINE_FINAL_TYPE (BnSimBlade, bn_sim_blade, G_TYPE_OBJECT)

static void
bn_sim_blade_dispose (GObject *object)
{
  BnSimBlade *self = (BnSimBlade *) object;

  bn_sim_blade_stop (self);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  g_clear_pointer (&self->migration, bn_sim_migration_free);
  g_clear_pointer (&self->memories, g_hash_table_unref);

  G_OBJECT_CLASS (bn_sim_blade_parent_class)->dispose (object);
}

static void
bn_sim_blade_finalize (GObject *object)
{
  BnSimBlade *self = (BnSimBlade *) object;

  g_clear_pointer (&self->doc, json_node_unref);
  g_clear_pointer (&self->allowed, g_ptr_array_unref);
  g_free (self->id);
  g_free (self->address);
  g_free (self->state_path);
  g_free (self->config_json);
  g_free (self->operation);

  G_OBJECT_CLASS (bn_sim_blade_parent_class)->finalize (object);
}

static void
bn_sim_blade_class_init (BnSimBladeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bn_sim_blade_dispose;
  object_class->finalize = bn_sim_blade_finalize;
}

static void
bn_sim_blade_init (BnSimBlade *self)
{
  self->sessions = g_ptr_array_new_with_free_func (g_object_unref);
  self->allowed = g_ptr_array_new_with_free_func (g_object_unref);
  self->memories = g_hash_table_new_full (NULL, NULL, NULL,
                                          (GDestroyNotify) bn_sim_memory_unref);
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
}

/* The document must carry what the blade serves beyond the fleet file: generation and
 * update time.  The chassis member is filled in by the fleet. */
static void
init_runtime_members (BnSimBlade *self)
{
  JsonObject *obj = json_node_get_object (self->doc);

  self->generation = bn_blade_doc_get_int (obj, "generation", 0) + 1;
  json_object_set_int_member (obj, "generation", self->generation);
  if (!json_object_has_member (obj, "update_time"))
    {
      g_autofree char *now = now_iso8601 ();
      json_object_set_string_member (obj, "update_time", now);
    }
  if (!json_object_has_member (obj, "lpars"))
    json_object_set_array_member (obj, "lpars", json_array_new ());
  if (!json_object_has_member (obj, "logs"))
    json_object_set_array_member (obj, "logs", json_array_new ());
}

BnSimBlade *
bn_sim_blade_new (BnSimFleet *fleet,
                  JsonNode   *doc,
                  const char *state_path)
{
  BnSimBlade *self;
  JsonObject *obj;
  JsonArray *allowed;

  g_return_val_if_fail (doc != NULL && JSON_NODE_HOLDS_OBJECT (doc), NULL);

  self = g_object_new (BN_TYPE_SIM_BLADE, NULL);
  self->fleet = fleet;
  self->doc = json_node_ref (doc);
  self->state_path = g_strdup (state_path);

  obj = json_node_get_object (doc);
  self->id = g_strdup (bn_blade_doc_get_string (obj, "id", ""));
  self->address = g_strdup (bn_blade_doc_get_string (obj, "address", "127.0.0.1"));
  self->port = bn_blade_doc_get_int (obj, "port", BN_PROTOCOL_DEFAULT_PORT);

  allowed = bn_blade_doc_get_array (obj, "allowed_clients");
  if (allowed == NULL)
    g_ptr_array_add (self->allowed, g_inet_address_mask_new_from_string ("127.0.0.0/8", NULL));
  for (guint i = 0; allowed && i < json_array_get_length (allowed); i++)
    {
      const char *spec = json_array_get_string_element (allowed, i);
      GInetAddressMask *mask = g_inet_address_mask_new_from_string (spec, NULL);

      /* the fleet loader has validated these */
      if (mask != NULL)
        g_ptr_array_add (self->allowed, mask);
    }

  init_runtime_members (self);
  return self;
}

const char *
bn_sim_blade_get_id (BnSimBlade *self)
{
  return self->id;
}

const char *
bn_sim_blade_get_address (BnSimBlade *self)
{
  return self->address;
}

guint
bn_sim_blade_get_port (BnSimBlade *self)
{
  return self->port;
}

BnSimFleet *
bn_sim_blade_get_fleet (BnSimBlade *self)
{
  return self->fleet;
}

JsonObject *
bn_sim_blade_get_doc (BnSimBlade *self)
{
  return json_node_get_object (self->doc);
}

JsonObject *
bn_sim_blade_get_lpar (BnSimBlade *self,
                       guint       number)
{
  return bn_blade_doc_find_lpar (json_node_get_object (self->doc), number);
}

guint64
bn_sim_blade_get_generation (BnSimBlade *self)
{
  return self->generation;
}

const char *
bn_sim_blade_get_config_json (BnSimBlade *self)
{
  if (self->config_json == NULL)
    self->config_json = json_to_string (self->doc, FALSE);
  return self->config_json;
}

gboolean
bn_sim_blade_save_now (BnSimBlade  *self,
                       GError     **error)
{
  g_autofree char *dir = NULL;

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->state_path == NULL)
    return TRUE;

  dir = g_path_get_dirname (self->state_path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_FAILED, "Cannot create %s: %s", dir,
                   g_strerror (errno));
      return FALSE;
    }
  return g_file_set_contents (self->state_path, bn_sim_blade_get_config_json (self), -1, error);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  BnSimBlade *self = user_data;
  g_autoptr(GError) error = NULL;

  self->save_source = 0;
  if (!bn_sim_blade_save_now (self, &error))
    g_warning ("%s: cannot save state: %s", self->id, error->message);
  return G_SOURCE_REMOVE;
}

/* Every change bumps the generation (so Update can skip unchanged blades), drops the
 * serialisation cache and schedules a save; callers that must survive a kill -9 right
 * after the change also call bn_sim_blade_save_now(). */
void
bn_sim_blade_changed (BnSimBlade *self)
{
  JsonObject *obj = json_node_get_object (self->doc);
  g_autofree char *now = now_iso8601 ();

  self->generation++;
  json_object_set_int_member (obj, "generation", self->generation);
  json_object_set_string_member (obj, "update_time", now);
  g_clear_pointer (&self->config_json, g_free);

  if (self->state_path != NULL && self->save_source == 0)
    self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

void
bn_sim_blade_log (BnSimBlade    *self,
                  BnSimLogLevel  level,
                  const char    *event,
                  const char    *detail_format,
                  ...)
{
  static const char *levels[] = { "Info", "Warning", "Error" };
  JsonArray *logs = bn_blade_doc_get_array (json_node_get_object (self->doc), "logs");
  JsonObject *entry = json_object_new ();
  g_autofree char *detail = NULL;
  gint64 seq = 1;
  guint n = json_array_get_length (logs);
  va_list args;

  va_start (args, detail_format);
  detail = g_strdup_vprintf (detail_format, args);
  va_end (args);

  if (n > 0)
    seq = bn_blade_doc_get_int (json_array_get_object_element (logs, n - 1), "seq", n) + 1;

  json_object_set_int_member (entry, "seq", seq);
  {
    g_autofree char *now = now_iso8601 ();
    json_object_set_string_member (entry, "time", now);
  }
  json_object_set_string_member (entry, "level", levels[level]);
  json_object_set_string_member (entry, "event", event);
  json_object_set_string_member (entry, "detail", detail);
  json_array_add_object_element (logs, entry);

  if (json_array_get_length (logs) > MAX_LOG_EVENTS)
    json_array_remove_element (logs, 0);

  g_debug ("%s: %s %s", self->id, event, detail);
  bn_sim_blade_changed (self);
}

/* MIGRATION when a migration holds the blade (whether or not an operation runs beside
 * it), else OPERATION when an operation does, else NONE. */
BnSimBusy
bn_sim_blade_get_busy (BnSimBlade *self)
{
  if (self->migrating)
    return BN_SIM_BUSY_MIGRATION;
  return self->operation != NULL ? BN_SIM_BUSY_OPERATION : BN_SIM_BUSY_NONE;
}

gboolean
bn_sim_blade_holds (BnSimBlade *self,
                    BnSimBusy   kind)
{
  switch (kind)
    {
    case BN_SIM_BUSY_MIGRATION: return self->migrating;
    case BN_SIM_BUSY_OPERATION: return self->operation != NULL;
    case BN_SIM_BUSY_NONE:
    default: return !self->migrating && self->operation == NULL;
    }
}

static BnSimReply *
busy_reply (BnSimBusy kind)
{
  if (kind == BN_SIM_BUSY_MIGRATION)
    return bn_sim_reply_new_error (BN_RC_BUSY, "mms-blade-busy-migration",
                                   "The specified blade is busy. "
                                   "Please wait until another migration is completed.");
  return bn_sim_reply_new_error (BN_RC_BUSY, "mms-blade-busy-operation",
                                 "The specified blade is busy. "
                                 "Please wait until another operation is completed.");
}

/* Takes the blade for a migration or an operation: returns NULL when it did, or the busy
 * reply to send when the blade holds either. */
BnSimReply *
bn_sim_blade_begin (BnSimBlade *self,
                    BnSimBusy   kind,
                    const char *what)
{
  g_return_val_if_fail (kind != BN_SIM_BUSY_NONE, NULL);

  if (self->migrating)
    return busy_reply (BN_SIM_BUSY_MIGRATION);
  if (self->operation != NULL)
    return busy_reply (BN_SIM_BUSY_OPERATION);
  if (kind == BN_SIM_BUSY_MIGRATION)
    self->migrating = TRUE;
  else
    self->operation = g_strdup (what);
  return NULL;
}

/* Takes the operation lock for an LPAR operation that 表 5-2 allows while a migration
 * holds the blade (the caller has checked bn_sim_locks_check()): only another operation
 * makes it wait. */
BnSimReply *
bn_sim_blade_begin_beside (BnSimBlade *self,
                           const char *what)
{
  if (self->operation != NULL)
    return busy_reply (BN_SIM_BUSY_OPERATION);
  self->operation = g_strdup (what);
  return NULL;
}

void
bn_sim_blade_end (BnSimBlade *self,
                  BnSimBusy   kind)
{
  g_return_if_fail (bn_sim_blade_holds (self, kind) && kind != BN_SIM_BUSY_NONE);

  if (kind == BN_SIM_BUSY_MIGRATION)
    self->migrating = FALSE;
  else
    g_clear_pointer (&self->operation, g_free);
}

double
bn_sim_blade_step_seconds (BnSimBlade *self,
                           const char *step)
{
  return bn_sim_fleet_step_seconds (self->fleet, step);
}

gboolean
bn_sim_blade_allows_client (BnSimBlade   *self,
                            GInetAddress *address)
{
  for (guint i = 0; i < self->allowed->len; i++)
    if (g_inet_address_mask_matches (g_ptr_array_index (self->allowed, i), address))
      return TRUE;
  return FALSE;
}

static void
session_closed_cb (BnSimSession *session,
                   BnSimBlade   *self)
{
  g_signal_handlers_disconnect_by_func (session, session_closed_cb, self);
  g_ptr_array_remove_fast (self->sessions, session);
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           user_data)
{
  BnSimBlade *self = user_data;
  g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (connection, NULL);
  g_autofree char *refusal = NULL;
  GInetAddress *peer = NULL;
  BnSimSession *session;

  if (G_IS_INET_SOCKET_ADDRESS (remote))
    peer = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote));

  if (peer == NULL || !bn_sim_blade_allows_client (self, peer))
    {
      g_autofree char *peer_str = peer ? g_inet_address_to_string (peer) : g_strdup ("?");

      refusal = g_strdup_printf ("The management server %s is not allowed to connect to "
                                 "HVM %s (§4.1.2: register its LAN address on the HVM)",
                                 peer_str, self->id);
      bn_sim_blade_log (self, BN_SIM_LOG_WARNING, "Connection from an unregistered client "
                        "was refused.", "Client=%s", peer_str);
    }
  else if (self->sessions->len >= MAX_SESSIONS)
    {
      refusal = g_strdup_printf ("HVM %s has too many open connections (%d)", self->id,
                                 MAX_SESSIONS);
    }

  /* request/reply traffic: Nagle plus delayed ACKs would add 40 ms to every exchange */
  g_socket_set_option (g_socket_connection_get_socket (connection), IPPROTO_TCP, TCP_NODELAY,
                       1, NULL);
  session = bn_sim_session_new (self, connection, self->certificate, refusal);
  g_ptr_array_add (self->sessions, session);
  g_signal_connect (session, "closed", G_CALLBACK (session_closed_cb), self);
  bn_sim_session_start (session);
  return TRUE;
}

gboolean
bn_sim_blade_start (BnSimBlade       *self,
                    GTlsCertificate  *certificate,
                    GError          **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) address = NULL;

  g_return_val_if_fail (self->service == NULL, FALSE);

  inet = g_inet_address_new_from_string (self->address);
  address = g_inet_socket_address_new (inet, self->port);
  self->service = g_socket_service_new ();
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address,
                                      G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                      NULL, NULL, error))
    {
      g_prefix_error (error, "HVM %s cannot listen on %s:%u: ", self->id, self->address,
                      self->port);
      g_clear_object (&self->service);
      return FALSE;
    }
  g_set_object (&self->certificate, certificate);
  g_signal_connect (self->service, "incoming", G_CALLBACK (incoming_cb), self);
  g_socket_service_start (self->service);
  bn_sim_migration_after_restart (self);
  return bn_sim_migration_start_links (self, error) && bn_sim_guest_start (self, error);
}

void
bn_sim_blade_stop (BnSimBlade *self)
{
  g_autoptr(GError) error = NULL;

  bn_sim_migration_stop_links (self);
  bn_sim_guest_stop (self);
  if (self->service != NULL)
    {
      g_socket_service_stop (self->service);
      g_socket_listener_close (G_SOCKET_LISTENER (self->service));
      g_signal_handlers_disconnect_by_func (self->service, incoming_cb, self);
      g_clear_object (&self->service);
    }
  while (self->sessions != NULL && self->sessions->len > 0)
    {
      BnSimSession *session = g_ptr_array_index (self->sessions, self->sessions->len - 1);

      g_signal_handlers_disconnect_by_func (session, session_closed_cb, self);
      bn_sim_session_close (session);
      g_ptr_array_remove_index (self->sessions, self->sessions->len - 1);
    }
  if (self->save_source != 0 && !bn_sim_blade_save_now (self, &error))
    g_warning ("%s: cannot save state: %s", self->id, error->message);
  g_clear_object (&self->certificate);
}

BnSimMigration *
bn_sim_blade_get_migration (BnSimBlade *self)
{
  return self->migration;
}

/* Takes ownership; NULL ends the blade's migration. */
void
bn_sim_blade_set_migration (BnSimBlade     *self,
                            BnSimMigration *migration)
{
  if (self->migration == migration)
    return;
  g_clear_pointer (&self->migration, bn_sim_migration_free);
  self->migration = migration;
}

gpointer
bn_sim_blade_get_lpar_memory (BnSimBlade *self,
                              guint       number)
{
  return g_hash_table_lookup (self->memories, GUINT_TO_POINTER (number));
}

/* Takes a reference on memory (a BnSimMemory), or drops the LPAR's memory when NULL. */
void
bn_sim_blade_set_lpar_memory (BnSimBlade *self,
                              guint       number,
                              gpointer    memory)
{
  if (memory == NULL)
    g_hash_table_remove (self->memories, GUINT_TO_POINTER (number));
  else
    g_hash_table_replace (self->memories, GUINT_TO_POINTER (number),
                          bn_sim_memory_ref (memory));
}

/* Removes an LPAR from the document and frees its memory. */
void
bn_sim_blade_remove_lpar (BnSimBlade *self,
                          guint       number)
{
  JsonArray *lpars = bn_blade_doc_get_array (bn_sim_blade_get_doc (self), "lpars");

  for (guint i = 0; i < json_array_get_length (lpars); i++)
    {
      if (bn_blade_doc_get_int (json_array_get_object_element (lpars, i), "number", 0) == number)
        {
          json_array_remove_element (lpars, i);
          break;
        }
    }
  bn_sim_blade_set_lpar_memory (self, number, NULL);
  bn_sim_blade_changed (self);
}
