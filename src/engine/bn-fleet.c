/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-fleet"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bn-blade-doc.h"
#include "bn-chassis-private.h"
#include "bn-error.h"
#include "bn-fleet-private.h"
#include "bn-hvm-private.h"
#include "bn-protocol.h"
#include "bn-tls.h"

/* The registered HVMs (Profile tab) and Update.  Update asks every HVM at once, each with
 * its own deadline, so one dead blade costs at most one timeout in total — the manual's
 * §5.31 complaint does not apply here. */

struct _BnFleet
{
  GObject     parent_instance;
  BnStore    *store;
  BnOptions  *options;
  GListStore *hvms;
  GListStore *chassis;
  GHashTable *backends;     /* BnHvm* → BnBackend* */
  GHashTable *placement;    /* BnHvm* → BnChassis* */
  GHashTable *in_flight;    /* BnHvm* → count of refreshes under way */
  GPtrArray  *update_waiters;
  gint64      update_started;
  guint       update_pending;
  guint       update_read;
  guint       update_unreachable;
  GCancellable *update_cancellable;
  GQueue        apply_queue;    /* GTask (validated) waiting to be applied */
  guint         apply_idle;
};

enum {
  PROP_0,
  PROP_UPDATING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BnFleet, bn_fleet, G_TYPE_OBJECT)

static void
bn_fleet_dispose (GObject *object)
{
  BnFleet *self = (BnFleet *) object;
  GTask *pending;

  g_clear_handle_id (&self->apply_idle, g_source_remove);
  while ((pending = g_queue_pop_head (&self->apply_queue)) != NULL)
    {
      GTask *outer = g_object_get_data (G_OBJECT (pending), "bn-outer");

      g_task_return_boolean (outer, FALSE);
      g_object_unref (pending);
    }

  if (self->update_cancellable != NULL)
    g_cancellable_cancel (self->update_cancellable);
  g_clear_object (&self->update_cancellable);
  if (self->backends != NULL)
    {
      GHashTableIter iter;
      gpointer backend;

      g_hash_table_iter_init (&iter, self->backends);
      while (g_hash_table_iter_next (&iter, NULL, &backend))
        g_signal_handlers_disconnect_by_data (backend, self);
    }
  g_clear_pointer (&self->backends, g_hash_table_unref);
  g_clear_pointer (&self->placement, g_hash_table_unref);
  g_clear_pointer (&self->in_flight, g_hash_table_unref);
  if (self->chassis != NULL)
    g_list_store_remove_all (self->chassis);
  if (self->hvms != NULL)
    g_list_store_remove_all (self->hvms);

  G_OBJECT_CLASS (bn_fleet_parent_class)->dispose (object);
}

static void
bn_fleet_finalize (GObject *object)
{
  BnFleet *self = (BnFleet *) object;

  g_clear_object (&self->hvms);
  g_clear_object (&self->chassis);
  g_clear_object (&self->store);
  g_clear_object (&self->options);
  g_clear_pointer (&self->update_waiters, g_ptr_array_unref);

  G_OBJECT_CLASS (bn_fleet_parent_class)->finalize (object);
}

static void
bn_fleet_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  BnFleet *self = BN_FLEET (object);

  switch (prop_id)
    {
    case PROP_UPDATING:
      g_value_set_boolean (value, bn_fleet_get_updating (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bn_fleet_class_init (BnFleetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bn_fleet_dispose;
  object_class->finalize = bn_fleet_finalize;
  object_class->get_property = bn_fleet_get_property;

  properties[PROP_UPDATING] =
    g_param_spec_boolean ("updating", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bn_fleet_init (BnFleet *self)
{
  self->hvms = g_list_store_new (BN_TYPE_HVM);
  self->chassis = g_list_store_new (BN_TYPE_CHASSIS);
  self->backends = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->placement = g_hash_table_new (NULL, NULL);
  self->in_flight = g_hash_table_new (NULL, NULL);
}

gboolean
bn_hvm_id_is_valid (const char *id)
{
  gsize len = id ? strlen (id) : 0;

  if (len == 0 || len > 31)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (id[i]) && id[i] != '-' && id[i] != '_' && id[i] != '.')
      return FALSE;
  return TRUE;
}

static gboolean
hostname_is_valid (const char *host)
{
  gsize len = strlen (host);

  if (len == 0 || len > 253)
    return FALSE;
  /* "300.1.2.3" is a mistyped address, not a host name */
  if (strspn (host, "0123456789.") == len)
    return g_hostname_is_ip_address (host);
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (host[i]) && host[i] != '-' && host[i] != '.')
      return FALSE;
  return host[0] != '-' && host[0] != '.';
}

/* "ADDR", "ADDR:PORT", "[IPv6]:PORT". */
gboolean
bn_parse_endpoint (const char  *text,
                   char       **address,
                   guint       *port,
                   GError     **error)
{
  g_autofree char *host = NULL;
  const char *port_str = NULL;
  guint64 value = BN_PROTOCOL_DEFAULT_PORT;

  if (text == NULL || *text == '\0')
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT, _("An address is required"));
      return FALSE;
    }

  if (text[0] == '[')
    {
      const char *end = strchr (text, ']');

      if (end == NULL || (end[1] != '\0' && end[1] != ':'))
        goto bad;
      host = g_strndup (text + 1, end - text - 1);
      if (end[1] == ':')
        port_str = end + 2;
    }
  else
    {
      const char *colon = strchr (text, ':');

      if (colon != NULL && strchr (colon + 1, ':') == NULL)
        {
          host = g_strndup (text, colon - text);
          port_str = colon + 1;
        }
      else
        host = g_strdup (text);
    }

  if (!g_hostname_is_ip_address (host) && !hostname_is_valid (host))
    goto bad;
  if (port_str != NULL && !g_ascii_string_to_unsigned (port_str, 10, 1, 65535, &value, NULL))
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a port number (1-65535)"), port_str);
      return FALSE;
    }
  *address = g_steal_pointer (&host);
  *port = value;
  return TRUE;

bad:
  g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
               _("“%s” is not an address: give an IP address or host name, optionally "
                 "followed by :PORT"), text);
  return FALSE;
}

GListModel *
bn_fleet_get_hvms (BnFleet *self)
{
  return G_LIST_MODEL (self->hvms);
}

GListModel *
bn_fleet_get_chassis (BnFleet *self)
{
  return G_LIST_MODEL (self->chassis);
}

BnHvm *
bn_fleet_find_hvm (BnFleet    *self,
                   const char *id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->hvms));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BnHvm) hvm = g_list_model_get_item (G_LIST_MODEL (self->hvms), i);

      if (g_strcmp0 (bn_hvm_get_id (hvm), id) == 0)
        return hvm;
    }
  return NULL;
}

/* The registered HVM with ID, or NULL with BN_ERROR_NOT_FOUND (ID may be NULL). */
BnHvm *
_bn_fleet_require_hvm (BnFleet     *self,
                       const char  *id,
                       GError     **error)
{
  BnHvm *hvm = id != NULL ? bn_fleet_find_hvm (self, id) : NULL;

  if (hvm == NULL)
    g_set_error (error, BN_ERROR, BN_ERROR_NOT_FOUND, _("No HVM with ID %s is registered"),
                 id ? id : "");
  return hvm;
}

BnHvm *
bn_fleet_find_hvm_by_address (BnFleet    *self,
                              const char *address,
                              guint       port)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->hvms));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BnHvm) hvm = g_list_model_get_item (G_LIST_MODEL (self->hvms), i);

      if (g_strcmp0 (bn_hvm_get_address (hvm), address) == 0 && bn_hvm_get_port (hvm) == port)
        return hvm;
    }
  return NULL;
}

BnBackend *
bn_fleet_get_backend (BnFleet *self,
                      BnHvm   *hvm)
{
  return g_hash_table_lookup (self->backends, hvm);
}

static BnChassis *
find_chassis (BnFleet    *self,
              const char *id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->chassis));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BnChassis) chassis = g_list_model_get_item (G_LIST_MODEL (self->chassis), i);

      if (g_strcmp0 (bn_chassis_get_id (chassis), id) == 0)
        return chassis;
    }
  return NULL;
}

static int
compare_chassis (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const char *ia = bn_chassis_get_id ((BnChassis *) a);
  const char *ib = bn_chassis_get_id ((BnChassis *) b);

  /* HVMs not read yet go last */
  if (*ia == '\0' || *ib == '\0')
    return (*ia == '\0') - (*ib == '\0');
  return g_strcmp0 (ia, ib);
}

static void
unplace_hvm (BnFleet *self,
             BnHvm   *hvm)
{
  BnChassis *chassis = g_hash_table_lookup (self->placement, hvm);
  guint position;

  if (chassis == NULL)
    return;
  _bn_chassis_remove_hvm (chassis, hvm);
  g_hash_table_remove (self->placement, hvm);
  if (g_list_model_get_n_items (bn_chassis_get_hvms (chassis)) == 0 &&
      g_list_store_find (self->chassis, chassis, &position))
    g_list_store_remove (self->chassis, position);
}

/* Puts the HVM under the chassis its blade reports (the trees are chassis → HVM → LPAR). */
static void
place_hvm (BnFleet *self,
           BnHvm   *hvm)
{
  const char *id = bn_hvm_get_chassis_id (hvm);
  BnChassis *current = g_hash_table_lookup (self->placement, hvm);
  BnChassis *chassis;

  if (id == NULL)
    id = "";
  if (current != NULL && g_strcmp0 (bn_chassis_get_id (current), id) == 0)
    {
      _bn_chassis_set_type (current, bn_hvm_get_chassis_type (hvm));
      return;
    }
  unplace_hvm (self, hvm);

  chassis = find_chassis (self, id);
  if (chassis == NULL)
    {
      g_autoptr(BnChassis) created = _bn_chassis_new (id);

      g_list_store_insert_sorted (self->chassis, created, compare_chassis, NULL);
      chassis = created;
    }
  _bn_chassis_set_type (chassis, bn_hvm_get_chassis_type (hvm));
  _bn_chassis_add_hvm (chassis, hvm);
  g_hash_table_insert (self->placement, hvm, chassis);
}

static void
backend_fingerprint_cb (BnBackend  *backend,
                        GParamSpec *pspec,
                        BnFleet    *self)
{
  GHashTableIter iter;
  gpointer hvm, value;
  const char *fingerprint = bn_backend_get_fingerprint (backend);

  g_hash_table_iter_init (&iter, self->backends);
  while (g_hash_table_iter_next (&iter, &hvm, &value))
    {
      g_autoptr(GError) error = NULL;

      if (value != backend || g_strcmp0 (bn_hvm_get_fingerprint (hvm), fingerprint) == 0)
        continue;
      /* trust on first use: from now on this HVM must present the same certificate */
      if (!bn_store_set_hvm_fingerprint (self->store, bn_hvm_get_id (hvm), fingerprint, &error))
        g_warning ("%s", error->message);
      _bn_hvm_set_fingerprint (hvm, fingerprint);
    }
}

static void
apply_options (BnFleet   *self,
               BnBackend *backend)
{
  g_autofree char *local = bn_options_get_string (self->options, BN_OPTION_MANAGEMENT_ADDRESS);

  bn_backend_set_timeout (backend,
                          bn_options_get_uint (self->options, BN_OPTION_HVM_TIMEOUT) * 1000);
  bn_backend_set_local_address (backend, local);
}

static void
options_changed_cb (BnFleet    *self,
                    const char *key)
{
  GHashTableIter iter;
  gpointer backend;

  g_hash_table_iter_init (&iter, self->backends);
  while (g_hash_table_iter_next (&iter, NULL, &backend))
    apply_options (self, backend);
}

static int
compare_hvms (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return g_strcmp0 (bn_hvm_get_id ((BnHvm *) a), bn_hvm_get_id ((BnHvm *) b));
}

static BnHvm *
insert_hvm (BnFleet     *self,
            const char  *id,
            const char  *address,
            guint        port,
            const char  *kind,
            const char  *fingerprint,
            GError     **error)
{
  BnBackendEndpoint endpoint = { address, port, fingerprint, NULL, 0 };
  g_autoptr(BnHvm) hvm = NULL;
  BnBackend *backend;

  backend = bn_backend_new (kind, &endpoint, error);
  if (backend == NULL)
    return NULL;
  apply_options (self, backend);

  hvm = _bn_hvm_new (id, address, port, kind, fingerprint);
  g_hash_table_insert (self->backends, hvm, backend);
  g_signal_connect_object (backend, "notify::fingerprint", G_CALLBACK (backend_fingerprint_cb),
                           self, 0);
  g_list_store_insert_sorted (self->hvms, hvm, compare_hvms, NULL);
  place_hvm (self, hvm);
  return hvm;
}

BnFleet *
_bn_fleet_new (BnStore    *store,
               BnOptions  *options,
               GError    **error)
{
  g_autoptr(BnFleet) self = g_object_new (BN_TYPE_FLEET, NULL);
  g_autoptr(GPtrArray) registered = NULL;

  self->store = g_object_ref (store);
  self->options = g_object_ref (options);
  g_signal_connect_object (options, "changed", G_CALLBACK (options_changed_cb), self,
                           G_CONNECT_SWAPPED);

  registered = bn_store_list_hvms (store, error);
  if (registered == NULL)
    return NULL;
  for (guint i = 0; i < registered->len; i++)
    {
      BnStoreHvm *row = g_ptr_array_index (registered, i);
      g_autoptr(GError) local_error = NULL;

      if (insert_hvm (self, row->id, row->address, row->port, row->kind, row->fingerprint,
                      &local_error) == NULL)
        g_warning ("Registered HVM %s is ignored: %s", row->id, local_error->message);
    }
  return g_steal_pointer (&self);
}

BnHvm *
bn_fleet_add_hvm (BnFleet     *self,
                  const char  *id,
                  const char  *address,
                  guint        port,
                  const char  *kind,
                  const char  *fingerprint,
                  GError     **error)
{
  BnStoreHvm row = { (char *) id, (char *) address, port, (char *) kind, (char *) fingerprint };
  BnHvm *hvm;

  if (kind == NULL)
    kind = row.kind = (char *) "hvmsh";
  if (!bn_hvm_id_is_valid (id))
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a valid HVM ID (1-31 letters, digits, “-”, “_”, “.”)"),
                   id ? id : "");
      return NULL;
    }
  if (!g_hostname_is_ip_address (address) && !hostname_is_valid (address))
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an IP address or host name"), address);
      return NULL;
    }
  if (port == 0 || port > 65535)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT, _("Port %u is out of range"),
                   port);
      return NULL;
    }
  if (fingerprint != NULL && !bn_tls_fingerprint_is_valid (fingerprint))
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                   _("The fingerprint must be 64 lower-case hex digits (SHA-256)"));
      return NULL;
    }
  if (bn_backend_lookup_driver (kind) == NULL)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT, _("Unknown hypervisor kind “%s”"),
                   kind);
      return NULL;
    }
  if (bn_fleet_find_hvm (self, id) != NULL)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_EXISTS, _("HVM %s is already registered"), id);
      return NULL;
    }
  if (bn_fleet_find_hvm_by_address (self, address, port) != NULL)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_EXISTS,
                   _("%s:%u is already registered as HVM %s"), address, port,
                   bn_hvm_get_id (bn_fleet_find_hvm_by_address (self, address, port)));
      return NULL;
    }

  if (!bn_store_add_hvm (self->store, &row, error))
    return NULL;
  hvm = insert_hvm (self, id, address, port, kind, fingerprint, error);
  if (hvm == NULL)
    bn_store_remove_hvm (self->store, id, NULL);
  return hvm;
}

gboolean
bn_fleet_remove_hvm (BnFleet     *self,
                     const char  *id,
                     GError     **error)
{
  BnHvm *hvm = _bn_fleet_require_hvm (self, id, error);
  BnBackend *backend;
  guint position;

  if (hvm == NULL)
    return FALSE;
  if (!bn_store_remove_hvm (self->store, id, error))
    return FALSE;

  g_object_ref (hvm);
  backend = g_hash_table_lookup (self->backends, hvm);
  g_signal_handlers_disconnect_by_data (backend, self);
  bn_backend_disconnect (backend);
  g_hash_table_remove (self->backends, hvm);
  unplace_hvm (self, hvm);
  if (g_list_store_find (self->hvms, hvm, &position))
    g_list_store_remove (self->hvms, position);
  g_object_unref (hvm);
  return TRUE;
}

gboolean
bn_fleet_get_updating (BnFleet *self)
{
  return self->update_waiters != NULL;
}

static void
begin_refresh (BnFleet *self,
               BnHvm   *hvm)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->in_flight, hvm));

  g_hash_table_insert (self->in_flight, hvm, GUINT_TO_POINTER (n + 1));
  _bn_hvm_set_updating (hvm, TRUE);
}

static void
end_refresh (BnFleet *self,
             BnHvm   *hvm)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->in_flight, hvm));

  if (n <= 1)
    {
      g_hash_table_remove (self->in_flight, hvm);
      _bn_hvm_set_updating (hvm, FALSE);
    }
  else
    g_hash_table_insert (self->in_flight, hvm, GUINT_TO_POINTER (n - 1));
}

/* Applying one fetch result: the blade document is checked against the schema on a worker
 * thread (hundreds arrive together during an Update; the main loop must keep drawing), then
 * applied on the main thread.  The task returns FALSE (and the HVM is marked) when the HVM
 * could not be read.  A malformed or hostile document changes nothing but the HVM's state
 * and reason. */

typedef struct
{
  BnHvm    *hvm;
  JsonNode *doc;
  GError   *error;
} Applying;

static void
applying_free (gpointer data)
{
  Applying *applying = data;

  g_clear_object (&applying->hvm);
  g_clear_pointer (&applying->doc, json_node_unref);
  g_clear_error (&applying->error);
  g_free (applying);
}

static void
validate_in_thread (gpointer data,
                    gpointer user_data)
{
  GTask *task = data;
  Applying *applying = g_task_get_task_data (task);

  /* the document belongs to this task alone until it returns */
  bn_blade_doc_validate (applying->doc, "HvmConfig", &applying->error);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/* One worker: a thread per document would starve the main loop on a small machine. */
static GThreadPool *
validate_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (validate_in_thread, NULL, 1, FALSE, NULL));
  return pool;
}

static gboolean
apply_validated (BnFleet  *self,
                 Applying *applying)
{
  BnHvm *hvm = applying->hvm;
  JsonNode *doc = applying->doc;
  const char *reported;

  if (g_hash_table_lookup (self->backends, hvm) == NULL)    /* removed meanwhile */
    return FALSE;
  if (applying->error != NULL)
    {
      g_autofree char *reason = g_strdup_printf (_("The HVM sent an invalid configuration: %s"),
                                                 applying->error->message);
      _bn_hvm_set_unreachable (hvm, reason);
      return FALSE;
    }
  reported = bn_blade_doc_get_string (json_node_get_object (doc), "id", "");
  if (g_strcmp0 (reported, bn_hvm_get_id (hvm)) != 0)
    {
      g_autofree char *reason = g_strdup_printf (_("The blade at %s:%u reports HVM ID %s, but "
                                                   "it is registered as %s"),
                                                 bn_hvm_get_address (hvm), bn_hvm_get_port (hvm),
                                                 reported, bn_hvm_get_id (hvm));
      _bn_hvm_set_unreachable (hvm, reason);
      return FALSE;
    }

  _bn_hvm_apply_config (hvm, doc);
  place_hvm (self, hvm);
  return TRUE;
}

/* Validated documents are applied a few milliseconds' worth per main-loop dispatch: when
 * hundreds arrive at once, applying them all (LPAR objects, notifications, every view
 * bound to them) in one go would stall the main loop. */
#define APPLY_BUDGET_US 4000

static gboolean
apply_idle_cb (gpointer user_data)
{
  BnFleet *self = user_data;
  gint64 deadline = g_get_monotonic_time () + APPLY_BUDGET_US;

  while (!g_queue_is_empty (&self->apply_queue) && g_get_monotonic_time () < deadline)
    {
      g_autoptr(GTask) validation = g_queue_pop_head (&self->apply_queue);
      GTask *outer = g_object_get_data (G_OBJECT (validation), "bn-outer");

      g_task_return_boolean (outer, apply_validated (self, g_task_get_task_data (validation)));
    }
  if (g_queue_is_empty (&self->apply_queue))
    {
      self->apply_idle = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
validated_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  BnFleet *self = BN_FLEET (object);

  g_task_propagate_boolean (G_TASK (result), NULL);
  g_object_set_data_full (G_OBJECT (result), "bn-outer", user_data, g_object_unref);
  g_queue_push_tail (&self->apply_queue, g_object_ref (result));
  if (self->apply_idle == 0)
    self->apply_idle = g_idle_add_full (G_PRIORITY_DEFAULT, apply_idle_cb, self, NULL);
}

static void
apply_fetch_async (BnFleet             *self,
                   BnHvm               *hvm,
                   GAsyncResult        *result,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);
  BnBackend *backend = g_hash_table_lookup (self->backends, hvm);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) doc = NULL;
  gboolean unchanged = FALSE;
  GTask *validation;
  Applying *applying;

  g_task_set_source_tag (task, apply_fetch_async);
  if (backend == NULL)    /* removed meanwhile */
    {
      g_task_return_boolean (task, FALSE);
      return;
    }

  doc = bn_backend_fetch_finish (backend, result, &unchanged, &error);
  if (doc == NULL && !unchanged)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _bn_hvm_set_unreachable (hvm, error->message);
      g_task_return_boolean (task, FALSE);
      return;
    }
  if (unchanged)
    {
      _bn_hvm_mark_read (hvm);
      g_task_return_boolean (task, TRUE);
      return;
    }

  applying = g_new0 (Applying, 1);
  applying->hvm = g_object_ref (hvm);
  applying->doc = g_steal_pointer (&doc);
  validation = g_task_new (self, NULL, validated_cb, g_steal_pointer (&task));
  g_task_set_source_tag (validation, validate_in_thread);
  g_task_set_task_data (validation, applying, applying_free);
  g_thread_pool_push (validate_pool (), validation, NULL);
}

static gboolean
apply_fetch_finish (BnFleet      *self,
                    GAsyncResult *result)
{
  return g_task_propagate_boolean (G_TASK (result), NULL);
}

static void
finish_update (BnFleet *self)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->update_waiters);
  BnUpdateSummary *summary = g_new0 (BnUpdateSummary, 1);

  summary->n_hvms = self->update_read + self->update_unreachable;
  summary->n_read = self->update_read;
  summary->n_unreachable = self->update_unreachable;
  summary->elapsed_us = g_get_monotonic_time () - self->update_started;

  g_clear_object (&self->update_cancellable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATING]);

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      g_task_return_pointer (task, g_memdup2 (summary, sizeof *summary), g_free);
    }
  g_free (summary);
}

typedef struct
{
  BnFleet *self;
  BnHvm   *hvm;
} Refresh;

static void
update_applied_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Refresh *refresh = user_data;
  g_autoptr(BnFleet) self = refresh->self;
  g_autoptr(BnHvm) hvm = refresh->hvm;

  g_free (refresh);
  if (apply_fetch_finish (self, result))
    self->update_read++;
  else
    self->update_unreachable++;
  end_refresh (self, hvm);

  if (--self->update_pending == 0)
    finish_update (self);
}

static void
update_fetch_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Refresh *refresh = user_data;

  apply_fetch_async (refresh->self, refresh->hvm, result, update_applied_cb, refresh);
}

static void
update_cancelled_cb (GCancellable *cancellable,
                     GCancellable *update_cancellable)
{
  g_cancellable_cancel (update_cancellable);
}

void
bn_fleet_update_async (BnFleet             *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  guint n;

  g_return_if_fail (BN_IS_FLEET (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bn_fleet_update_async);

  /* a second Update while one runs simply waits for the running one */
  if (self->update_waiters != NULL)
    {
      g_ptr_array_add (self->update_waiters, g_steal_pointer (&task));
      return;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->hvms));
  self->update_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->update_waiters, g_steal_pointer (&task));
  self->update_started = g_get_monotonic_time ();
  self->update_pending = n;
  self->update_read = 0;
  self->update_unreachable = 0;
  self->update_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    g_cancellable_connect (cancellable, G_CALLBACK (update_cancelled_cb),
                           g_object_ref (self->update_cancellable), g_object_unref);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATING]);

  if (n == 0)
    {
      finish_update (self);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      Refresh *refresh = g_new0 (Refresh, 1);
      BnBackend *backend;

      refresh->self = g_object_ref (self);
      refresh->hvm = g_list_model_get_item (G_LIST_MODEL (self->hvms), i);
      backend = g_hash_table_lookup (self->backends, refresh->hvm);
      begin_refresh (self, refresh->hvm);
      bn_backend_fetch_async (backend,
                              bn_hvm_get_config (refresh->hvm)
                                ? bn_hvm_get_generation (refresh->hvm) : 0,
                              self->update_cancellable, update_fetch_cb, refresh);
    }
}

gboolean
bn_fleet_update_finish (BnFleet          *self,
                        GAsyncResult     *result,
                        BnUpdateSummary  *summary,
                        GError          **error)
{
  g_autofree BnUpdateSummary *res = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  res = g_task_propagate_pointer (G_TASK (result), error);
  if (res == NULL)
    return FALSE;
  if (summary != NULL)
    *summary = *res;
  return TRUE;
}

static void
hvm_applied_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BnFleet *self = g_task_get_source_object (task);
  BnHvm *hvm = g_task_get_task_data (task);

  end_refresh (self, hvm);
  if (apply_fetch_finish (self, result))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_new_error (task, BN_ERROR, BN_ERROR_UNREACHABLE, "%s",
                             bn_hvm_get_reason (hvm) ? bn_hvm_get_reason (hvm) : "");
}

static void
hvm_fetch_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  BnFleet *self = g_task_get_source_object (task);

  apply_fetch_async (self, g_task_get_task_data (task), result, hvm_applied_cb, task);
}

/* Re-reads one HVM, e.g. after a migration step changed it. */
void
bn_fleet_update_hvm_async (BnFleet             *self,
                           BnHvm               *hvm,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  BnBackend *backend = g_hash_table_lookup (self->backends, hvm);

  g_task_set_source_tag (task, bn_fleet_update_hvm_async);
  if (backend == NULL)
    {
      g_task_return_new_error (task, BN_ERROR, BN_ERROR_NOT_FOUND,
                               _("HVM %s is not registered"), bn_hvm_get_id (hvm));
      return;
    }
  g_task_set_task_data (task, g_object_ref (hvm), g_object_unref);
  begin_refresh (self, hvm);
  bn_backend_fetch_async (backend, 0, cancellable, hvm_fetch_cb, g_steal_pointer (&task));
}

gboolean
bn_fleet_update_hvm_finish (BnFleet       *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
