/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-sim-fleet"

#include "config.h"

#include "bn-blade-doc.h"
#include "bn-error.h"
#include "bn-sim-fleet.h"
#include "bn-sim-resources.h"

#define EXAMPLE_RESOURCE "/io/github/bladenav/sim/demo.json"
#define TIMING_RESOURCE  "/io/github/bladenav/sim/timing.json"

struct _BnSimFleet
{
  GObject     parent_instance;
  GPtrArray  *blades;
  char       *timing;
  JsonObject *steps;     /* step → seconds, of the chosen profile */
  JsonNode   *timing_root;
};

G_DEFINE_FINAL_TYPE (BnSimFleet, bn_sim_fleet, G_TYPE_OBJECT)

static void
bn_sim_fleet_dispose (GObject *object)
{
  BnSimFleet *self = (BnSimFleet *) object;

  if (self->blades != NULL)
    bn_sim_fleet_stop (self);
  g_clear_pointer (&self->blades, g_ptr_array_unref);

  G_OBJECT_CLASS (bn_sim_fleet_parent_class)->dispose (object);
}

static void
bn_sim_fleet_finalize (GObject *object)
{
  BnSimFleet *self = (BnSimFleet *) object;

  g_free (self->timing);
  g_clear_pointer (&self->timing_root, json_node_unref);

  G_OBJECT_CLASS (bn_sim_fleet_parent_class)->finalize (object);
}

static void
bn_sim_fleet_class_init (BnSimFleetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bn_sim_fleet_dispose;
  object_class->finalize = bn_sim_fleet_finalize;
}

static void
bn_sim_fleet_init (BnSimFleet *self)
{
  /* referencing the resource keeps the linker from dropping it out of the static lib */
  (void) bn_sim_get_resource ();

  self->blades = g_ptr_array_new_with_free_func (g_object_unref);
}

GBytes *
bn_sim_fleet_get_example (void)
{
  return g_resources_lookup_data (EXAMPLE_RESOURCE, 0, NULL);
}

static JsonNode *
parse_json (const char  *data,
            gsize        size,
            const char  *what,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();

  if (!g_utf8_validate_len (data, size, NULL))
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_DATA, "%s is not valid UTF-8", what);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, size, error))
    {
      g_prefix_error (error, "%s: ", what);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_DATA, "%s is empty", what);
      return NULL;
    }
  /* the blades mutate their documents: take a mutable copy of the immutable tree */
  return json_node_copy (json_parser_get_root (parser));
}

static gboolean
load_timing (BnSimFleet  *self,
             const char  *profile,
             GError     **error)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (TIMING_RESOURCE, 0, error);
  JsonObject *profiles;
  gsize size;
  const char *data;

  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  self->timing_root = parse_json (data, size, "timing.json", error);
  if (self->timing_root == NULL)
    return FALSE;
  profiles = bn_blade_doc_get_object (json_node_get_object (self->timing_root), "profiles");
  self->steps = bn_blade_doc_get_object (profiles, profile);
  if (self->steps == NULL)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                   "Unknown timing profile “%s” (fast, demo or manual)", profile);
      return FALSE;
    }
  self->timing = g_strdup (profile);
  return TRUE;
}

static gboolean
is_loopback (const char *address)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);

  return inet != NULL && g_inet_address_get_is_loopback (inet);
}

/* The simulator only ever listens on loopback: a fleet file (or set MigrationPaths) can't
 * make it expose a fake hypervisor on a real network.  A migration path address is
 * listened on once. */
gboolean
bn_sim_fleet_check_blade (JsonObject  *blade,
                          const char  *where,
                          GError     **error)
{
  g_autoptr(GHashTable) path_ips = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *paths = bn_blade_doc_get_array (blade, "migration_paths");
  JsonArray *allowed = bn_blade_doc_get_array (blade, "allowed_clients");
  JsonArray *lpars = bn_blade_doc_get_array (blade, "lpars");

  if (!is_loopback (bn_blade_doc_get_string (blade, "address", "")))
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_DATA,
                   "%s.address: %s is outside 127.0.0.0/8; the simulator listens on loopback only",
                   where, bn_blade_doc_get_string (blade, "address", ""));
      return FALSE;
    }
  for (guint i = 0; paths && i < json_array_get_length (paths); i++)
    {
      const char *ip = bn_blade_doc_get_string (json_array_get_object_element (paths, i), "ip", "");

      if (!is_loopback (ip))
        {
          g_set_error (error, BN_ERROR, BN_ERROR_INVALID_DATA,
                       "%s.migration_paths[%u].ip: %s is outside 127.0.0.0/8; simulated migration "
                       "paths run over loopback", where, i, ip);
          return FALSE;
        }
      if (!g_hash_table_add (path_ips, (gpointer) ip))
        {
          g_set_error (error, BN_ERROR, BN_ERROR_INVALID_DATA,
                       "%s.migration_paths[%u].ip: %s is used twice", where, i, ip);
          return FALSE;
        }
    }
  for (guint i = 0; lpars && i < json_array_get_length (lpars); i++)
    {
      const char *guest = bn_blade_doc_get_string (json_array_get_object_element (lpars, i),
                                                   "guest.remote.address", NULL);

      if (guest != NULL && !is_loopback (guest))
        {
          g_set_error (error, BN_ERROR, BN_ERROR_INVALID_DATA,
                       "%s.lpars[%u].guest.remote.address: %s is outside 127.0.0.0/8; simulated "
                       "guests answer on loopback", where, i, guest);
          return FALSE;
        }
    }
  for (guint i = 0; allowed && i < json_array_get_length (allowed); i++)
    {
      const char *spec = json_array_get_string_element (allowed, i);
      g_autoptr(GInetAddressMask) mask = g_inet_address_mask_new_from_string (spec, NULL);

      if (mask == NULL)
        {
          g_set_error (error, BN_ERROR, BN_ERROR_INVALID_DATA,
                       "%s.allowed_clients[%u]: “%s” is not an address or address/prefix",
                       where, i, spec);
          return FALSE;
        }
    }
  return TRUE;
}

static JsonNode *
chassis_summary (JsonObject *chassis)
{
  JsonObject *obj = json_object_new ();
  static const char *members[] = { "id", "type", "serial", "svp_firmware", "dictionary_version" };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    if (json_object_has_member (chassis, members[i]))
      json_object_set_member (obj, members[i],
                              json_node_copy (json_object_get_member (chassis, members[i])));
  return json_node_init_object (json_node_alloc (), obj);
}

/* A blade restarted with a state dir comes back as it was: LPARs, WWNs, recovery flags. */
static JsonNode *
load_saved_state (const char  *state_path,
                  const char  *id,
                  GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(JsonNode) node = NULL;
  gsize size;

  if (!g_file_test (state_path, G_FILE_TEST_EXISTS))
    return NULL;
  if (!g_file_get_contents (state_path, &contents, &size, error))
    return NULL;
  node = parse_json (contents, size, state_path, error);
  if (node == NULL)
    return NULL;
  if (!bn_blade_doc_validate (node, state_path, error))
    return NULL;
  if (g_strcmp0 (bn_blade_doc_get_string (json_node_get_object (node), "id", ""), id) != 0)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_DATA,
                   "%s holds the state of another HVM", state_path);
      return NULL;
    }
  return g_steal_pointer (&node);
}

BnSimFleet *
bn_sim_fleet_new_from_node (JsonNode            *fleet,
                            const char          *state_dir,
                            const char * const  *only_blades,
                            const char          *timing,
                            GError             **error)
{
  g_autoptr(BnSimFleet) self = g_object_new (BN_TYPE_SIM_FLEET, NULL);
  JsonArray *chassis;

  if (!bn_fleet_doc_validate (fleet, error))
    return NULL;

  if (timing == NULL)
    timing = bn_blade_doc_get_string (json_node_get_object (fleet), "timing", "demo");
  if (!load_timing (self, timing, error))
    return NULL;

  chassis = bn_blade_doc_get_array (json_node_get_object (fleet), "chassis");
  for (guint c = 0; c < json_array_get_length (chassis); c++)
    {
      JsonObject *ch = json_array_get_object_element (chassis, c);
      JsonArray *blades = bn_blade_doc_get_array (ch, "blades");

      for (guint b = 0; b < json_array_get_length (blades); b++)
        {
          JsonNode *blade_node = json_array_get_element (blades, b);
          JsonObject *blade = json_node_get_object (blade_node);
          const char *id = bn_blade_doc_get_string (blade, "id", "");
          g_autofree char *where = g_strdup_printf ("$.chassis[%u].blades[%u]", c, b);
          g_autofree char *state_path = NULL;
          g_autoptr(JsonNode) doc = NULL;

          if (!bn_sim_fleet_check_blade (blade, where, error))
            return NULL;
          if (only_blades != NULL && !g_strv_contains (only_blades, id))
            continue;

          if (state_dir != NULL)
            {
              g_autofree char *file = g_strdup_printf ("%s.json", id);

              state_path = g_build_filename (state_dir, file, NULL);
              doc = load_saved_state (state_path, id, error);
              if (doc == NULL && error != NULL && *error != NULL)
                return NULL;
            }
          if (doc == NULL)
            {
              doc = json_node_copy (blade_node);
              json_object_set_member (json_node_get_object (doc), "chassis", chassis_summary (ch));
            }
          g_ptr_array_add (self->blades, bn_sim_blade_new (self, doc, state_path));
        }
    }

  if (only_blades != NULL)
    {
      for (guint i = 0; only_blades[i] != NULL; i++)
        {
          if (bn_sim_fleet_find_blade (self, only_blades[i]) == NULL)
            {
              g_set_error (error, BN_ERROR, BN_ERROR_NOT_FOUND,
                           "The fleet has no blade with HVM ID “%s”", only_blades[i]);
              return NULL;
            }
        }
    }
  return g_steal_pointer (&self);
}

BnSimFleet *
bn_sim_fleet_new_from_file (const char          *path,
                            const char          *state_dir,
                            const char * const  *only_blades,
                            const char          *timing,
                            GError             **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(JsonNode) root = NULL;
  gsize size;

  if (!g_file_get_contents (path, &contents, &size, error))
    return NULL;
  root = parse_json (contents, size, path, error);
  if (root == NULL)
    return NULL;
  return bn_sim_fleet_new_from_node (root, state_dir, only_blades, timing, error);
}

gboolean
bn_sim_fleet_start (BnSimFleet       *self,
                    GTlsCertificate  *certificate,
                    GError          **error)
{
  for (guint i = 0; i < self->blades->len; i++)
    if (!bn_sim_blade_start (g_ptr_array_index (self->blades, i), certificate, error))
      return FALSE;
  return TRUE;
}

void
bn_sim_fleet_stop (BnSimFleet *self)
{
  for (guint i = 0; i < self->blades->len; i++)
    bn_sim_blade_stop (g_ptr_array_index (self->blades, i));
}

GPtrArray *
bn_sim_fleet_get_blades (BnSimFleet *self)
{
  return self->blades;
}

BnSimBlade *
bn_sim_fleet_find_blade (BnSimFleet *self,
                         const char *id)
{
  for (guint i = 0; i < self->blades->len; i++)
    if (g_strcmp0 (bn_sim_blade_get_id (g_ptr_array_index (self->blades, i)), id) == 0)
      return g_ptr_array_index (self->blades, i);
  return NULL;
}

const char *
bn_sim_fleet_get_timing (BnSimFleet *self)
{
  return self->timing;
}

double
bn_sim_fleet_step_seconds (BnSimFleet *self,
                           const char *step)
{
  JsonNode *node = json_object_get_member (self->steps, step);

  if (node == NULL)
    {
      g_warning ("No duration for step “%s” in timing profile %s", step, self->timing);
      return 0;
    }
  return json_node_get_double (node);
}
