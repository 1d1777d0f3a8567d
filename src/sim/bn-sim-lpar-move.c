/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-sim-lpar-move"

#include "config.h"

#include <string.h>

#include "bn-blade-doc.h"
#include "bn-error.h"
#include "bn-sim-lpar-move.h"
#include "bn-sim-migration.h"
#include "bn-sim-resources.h"

#define CONFIG_MOVED_RESOURCE "/io/github/bladenav/sim/config-moved.json"
#define VC_BASE_PORT 20800

/* 表 1-2 as data: which LPAR fields move, stay, are exchanged or reset, per mode. */
static JsonArray *
config_moved_items (void)
{
  static JsonNode *root;
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      (void) bn_sim_get_resource ();
      bytes = g_resources_lookup_data (CONFIG_MOVED_RESOURCE, 0, &error);
      if (bytes != NULL)
        root = json_from_string (g_bytes_get_data (bytes, NULL), &error);
      /* compiled in: a missing or broken table is a build defect */
      if (root == NULL || bn_blade_doc_get_array (json_node_get_object (root), "rows") == NULL)
        g_error ("%s: %s", CONFIG_MOVED_RESOURCE, error ? error->message : "no rows");
      g_once_init_leave (&initialized, 1);
    }
  return bn_blade_doc_get_array (json_node_get_object (root), "rows");
}

/* The action of one 表 1-2 item for a mode, and the fleet field it governs. */
static const char *
item_action (JsonObject *item,
             const char *mode)
{
  JsonObject *modes = bn_blade_doc_get_object (item, "modes");

  return bn_blade_doc_get_string (bn_blade_doc_get_object (modes, mode), "value", "n/a");
}

static const char *
item_field (JsonObject *item)
{
  return bn_blade_doc_get_string (item, "field", NULL);
}

gboolean
bn_sim_lpar_move_lpar_needs_rollback (JsonObject *lpar)
{
  JsonArray *fcs = bn_blade_doc_get_array (lpar, "fcs");

  for (guint i = 0; fcs && i < json_array_get_length (fcs); i++)
    {
      const char *status = bn_blade_doc_get_string (json_array_get_object_element (fcs, i),
                                                    "wwn_status", "normal");

      if (g_str_equal (status, "migration") || g_str_equal (status, "rollback"))
        return TRUE;
    }
  return FALSE;
}

/* §3.2.4: while one LPAR still uses its migration WWN, no LPAR of the HVM may migrate. */
gboolean
bn_sim_lpar_move_hvm_needs_rollback (BnSimBlade *blade)
{
  JsonArray *lpars = bn_blade_doc_get_array (bn_sim_blade_get_doc (blade), "lpars");
  BnSimMigration *m = bn_sim_blade_get_migration (blade);

  for (guint i = 0; i < json_array_get_length (lpars); i++)
    {
      JsonObject *lpar = json_array_get_object_element (lpars, i);

      /* the LPAR of the migration in progress uses it legitimately */
      if (m != NULL && bn_blade_doc_get_int (lpar, "number", 0) == m->lpar)
        continue;
      if (bn_sim_lpar_move_lpar_needs_rollback (lpar))
        return TRUE;
    }
  return FALSE;
}

static JsonObject *
find_slot_identity (BnSimBlade *blade,
                    guint       number,
                    guint      *index)
{
  JsonArray *slots = bn_blade_doc_get_array (bn_sim_blade_get_doc (blade), "slot_identities");

  for (guint i = 0; slots && i < json_array_get_length (slots); i++)
    {
      JsonObject *slot = json_array_get_object_element (slots, i);

      if (bn_blade_doc_get_int (slot, "number", 0) == number)
        {
          if (index != NULL)
            *index = i;
          return slot;
        }
    }
  return NULL;
}

/* The identity (WWNs per vFC, MACs per vNIC) an LPAR defined in slot NUMBER would get:
 * what an earlier exchange left there, else what the firmware derives from the VNIC
 * System No. and the slot, as Virtage does.  SHAPE (an LPAR) says how many of each. */
JsonObject *
bn_sim_lpar_move_slot_identity (BnSimBlade *blade,
                                guint       number,
                                JsonObject *shape)
{
  JsonObject *stored = find_slot_identity (blade, number, NULL);
  JsonArray *vnics = bn_blade_doc_get_array (shape, "vnics");
  JsonArray *fcs = bn_blade_doc_get_array (shape, "fcs");
  guint vsn = bn_blade_doc_get_int (bn_sim_blade_get_doc (blade), "hvm.vnic_system_no", 1);
  JsonObject *identity = json_object_new ();
  JsonArray *macs = json_array_new ();
  JsonArray *wwns = json_array_new ();
  JsonArray *stored_macs = bn_blade_doc_get_array (stored, "macs");
  JsonArray *stored_wwns = bn_blade_doc_get_array (stored, "wwns");

  json_object_set_int_member (identity, "number", number);
  for (guint i = 0; vnics && i < json_array_get_length (vnics); i++)
    {
      g_autofree char *mac = NULL;

      if (stored_macs != NULL && i < json_array_get_length (stored_macs))
        mac = g_strdup (json_array_get_string_element (stored_macs, i));
      else
        mac = g_strdup_printf ("00:00:87:%02x:%02x:%02x", (vsn >> 4) & 0xff,
                               ((vsn & 0xf) << 4) | (number >> 2), ((number & 3) << 6) | i);
      json_array_add_string_element (macs, mac);
    }
  for (guint i = 0; fcs && i < json_array_get_length (fcs); i++)
    {
      JsonObject *wwn;

      if (stored_wwns != NULL && i < json_array_get_length (stored_wwns))
        wwn = json_object_ref (json_array_get_object_element (stored_wwns, i));
      else
        {
          g_autofree char *wwpn = g_strdup_printf ("500008a%03x%02x%02x00", vsn & 0xfff, number, i);
          g_autofree char *wwnn = g_strdup_printf ("500008b%03x%02x%02x00", vsn & 0xfff, number, i);
          g_autofree char *mig = g_strdup_printf ("500008c%03x%02x%02x00", vsn & 0xfff, number, i);

          wwn = json_object_new ();
          json_object_set_string_member (wwn, "wwpn", wwpn);
          json_object_set_string_member (wwn, "wwnn", wwnn);
          json_object_set_string_member (wwn, "migration_wwpn", mig);
        }
      json_array_add_object_element (wwns, wwn);
    }
  json_object_set_array_member (identity, "macs", macs);
  json_object_set_array_member (identity, "wwns", wwns);
  return identity;
}

/* Walks "lpar.a.b" / "lpar.fcs[].vfcid" and applies FUNC to each (object, member). */
typedef void (*FieldFunc) (BnSimBlade *blade, JsonObject *parent, const char *member,
                           gpointer data);

static void
for_each_field (BnSimBlade *blade,
                JsonObject *object,
                const char *path,
                FieldFunc   func,
                gpointer    data)
{
  const char *dot = strchr (path, '.');
  g_autofree char *head = dot ? g_strndup (path, dot - path) : g_strdup (path);
  gsize len = strlen (head);

  if (dot == NULL)
    {
      func (blade, object, head, data);
      return;
    }
  if (len > 2 && g_str_has_suffix (head, "[]"))
    {
      JsonArray *array;

      head[len - 2] = '\0';
      array = bn_blade_doc_get_array (object, head);
      for (guint i = 0; array && i < json_array_get_length (array); i++)
        {
          JsonObject *element = json_array_get_object_element (array, i);

          if (element != NULL)
            for_each_field (blade, element, dot + 1, func, data);
        }
      return;
    }
  object = bn_blade_doc_get_object (object, head);
  if (object != NULL)
    for_each_field (blade, object, dot + 1, func, data);
}

static void
set_a (BnSimBlade *blade, JsonObject *parent, const char *member, gpointer data)
{
  json_object_set_string_member (parent, member, "A");
}

static void
set_unassigned_usb (BnSimBlade *blade, JsonObject *parent, const char *member, gpointer data)
{
  const char *state = bn_blade_doc_get_string (parent, member, "*");

  /* 表 1-2 #62: a USB in use (R, #R) arrives unassigned (D) after a live move */
  if (g_str_equal (state, "R") || g_str_equal (state, "#R"))
    json_object_set_string_member (parent, member, "D");
}

static void
drop_member (BnSimBlade *blade, JsonObject *parent, const char *member, gpointer data)
{
  if (json_object_has_member (parent, member))
    json_object_remove_member (parent, member);
}

static void
drop_auto_attach (BnSimBlade *blade, JsonObject *parent, const char *member, gpointer data)
{
  const char *state = bn_blade_doc_get_string (parent, member, "*");

  /* §5.20: the "#" (attach at activation) is the source's setting, not the LPAR's */
  if (state[0] == '#')
    {
      g_autofree char *plain = g_strdup (state + 1);
      json_object_set_string_member (parent, member, plain);
    }
}

static void
set_destination_port (BnSimBlade *blade, JsonObject *parent, const char *member, gpointer data)
{
  /* §5.17: connect to the destination HVM's address and the port of the new LPAR# */
  JsonNode *node = json_object_get_member (parent, member);

  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    json_object_set_int_member (parent, member, VC_BASE_PORT + GPOINTER_TO_UINT (data));
}

/* For items the destination keeps its own value of (表 1-2 "stays", "follows the
 * destination"): what "its own" means for a newly defined LPAR.  Layout items such as
 * fcs[].slot keep the copied value: the checks demand the same layout. */
static FieldFunc
destination_value (const char *field)
{
  if (g_str_equal (field, "cpu.numbers"))
    return drop_member;          /* dedicated CPUs: the count moves, not the numbers */
  if (g_str_equal (field, "usb.state"))
    return drop_auto_attach;
  if (g_str_equal (field, "virtual_console.port"))
    return set_destination_port;
  return NULL;
}

typedef struct
{
  GHashTable *used;   /* "slot:port:vfcid" of the destination */
} VfcState;

static void
assign_lowest_vfcid (BnSimBlade *blade, JsonObject *parent, const char *member, gpointer data)
{
  VfcState *state = data;
  gint64 slot = bn_blade_doc_get_int (parent, "slot", 0);
  gint64 port = bn_blade_doc_get_int (parent, "port", 0);

  for (guint id = 1; id <= 64; id++)
    {
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%u",
                                              slot, port, id);

      if (!g_hash_table_contains (state->used, key))
        {
          g_hash_table_add (state->used, g_steal_pointer (&key));
          json_object_set_int_member (parent, member, id);
          return;
        }
    }
}

static GHashTable *
used_vfcids (BnSimBlade *blade)
{
  GHashTable *used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *lpars = bn_blade_doc_get_array (bn_sim_blade_get_doc (blade), "lpars");

  for (guint i = 0; i < json_array_get_length (lpars); i++)
    {
      JsonArray *fcs = bn_blade_doc_get_array (json_array_get_object_element (lpars, i), "fcs");

      for (guint j = 0; fcs && j < json_array_get_length (fcs); j++)
        {
          JsonObject *fc = json_array_get_object_element (fcs, j);

          g_hash_table_add (used, g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%"
                                                   G_GINT64_FORMAT,
                                                   bn_blade_doc_get_int (fc, "slot", 0),
                                                   bn_blade_doc_get_int (fc, "port", 0),
                                                   bn_blade_doc_get_int (fc, "vfcid", 0)));
        }
    }
  return used;
}

static guint
vfc_capacity (BnSimBlade *blade,
              gint64      slot,
              gint64      port)
{
  JsonArray *hbas = bn_blade_doc_get_array (bn_sim_blade_get_doc (blade), "fc_hbas");

  for (guint i = 0; hbas && i < json_array_get_length (hbas); i++)
    {
      JsonObject *hba = json_array_get_object_element (hbas, i);
      JsonArray *ports = bn_blade_doc_get_array (hba, "ports");

      if (bn_blade_doc_get_int (hba, "slot", -1) != slot)
        continue;
      for (guint j = 0; ports && j < json_array_get_length (ports); j++)
        if (bn_blade_doc_get_int (json_array_get_object_element (ports, j), "port", -1) == port)
          return bn_blade_doc_get_int (json_array_get_object_element (ports, j), "vfc_ids", 16);
    }
  return 0;
}

static guint
count_virtual_consoles (BnSimBlade *blade)
{
  JsonArray *lpars = bn_blade_doc_get_array (bn_sim_blade_get_doc (blade), "lpars");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (lpars); i++)
    if (bn_blade_doc_get_bool (json_array_get_object_element (lpars, i), "virtual_console.enabled",
                               FALSE))
      n++;
  return n;
}

/* Builds the destination LPAR from the source's configuration: 表 1-2 item by item, then
 * what the manual says of the destination (§5.17 VC port, §5.30 nodes).  Returns a new
 * object; the firmware-level checks (segments, vfcIDs, memory) are in check_fits(). */
static JsonObject *
build_moved_lpar (BnSimBlade *blade,
                  JsonObject *source_lpar,
                  guint       number,
                  const char *mode)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  JsonObject *lpar;
  JsonArray *items = config_moved_items ();
  VfcState vfc = { used_vfcids (blade) };
  guint vc_ports = bn_blade_doc_get_int (bn_sim_blade_get_doc (blade), "hvm.vc_ports", 16);

  lpar = bn_json_object_deep_copy (source_lpar);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *field = item_field (item);
      const char *action = item_action (item, mode);

      if (field == NULL || !g_str_has_prefix (field, "lpar."))
        continue;
      field += strlen ("lpar.");
      if (g_str_equal (action, "becomes-A"))
        for_each_field (blade, lpar, field, set_a, NULL);
      else if (g_str_equal (action, "becomes-D"))
        for_each_field (blade, lpar, field, set_unassigned_usb, NULL);
      else if (g_str_equal (action, "lowest-free"))
        for_each_field (blade, lpar, field, assign_lowest_vfcid, &vfc);
      else if ((g_str_equal (action, "stays") || g_str_equal (action, "follows-destination")) &&
               destination_value (field) != NULL)
        for_each_field (blade, lpar, field, destination_value (field), GUINT_TO_POINTER (number));
    }
  g_hash_table_unref (vfc.used);

  json_object_set_int_member (lpar, "number", number);
  json_object_set_boolean_member (lpar, "recovery_required", FALSE);
  if (json_object_has_member (lpar, "migration_record"))
    json_object_remove_member (lpar, "migration_record");
  for (guint i = 0; bn_blade_doc_get_array (lpar, "fcs") &&
                    i < json_array_get_length (bn_blade_doc_get_array (lpar, "fcs")); i++)
    json_object_set_string_member (json_array_get_object_element (bn_blade_doc_get_array (lpar, "fcs"), i),
                                   "wwn_status", "normal");

  /* §5.17: with the destination's 16 VC sessions all taken, the LPAR arrives without one */
  if (bn_blade_doc_get_bool (lpar, "virtual_console.enabled", FALSE))
    {
      JsonObject *vc = bn_blade_doc_get_object (lpar, "virtual_console");

      if (count_virtual_consoles (blade) >= vc_ports)
        {
          json_object_set_boolean_member (vc, "enabled", FALSE);
          json_object_set_null_member (vc, "port");
        }
    }
  json_object_set_int_member (lpar, "migration_count",
                              bn_blade_doc_get_int (source_lpar, "migration_count", 0) + 1);
  return lpar;
}

static gboolean
blade_has_segment (BnSimBlade *blade,
                   const char *segment)
{
  JsonArray *nics = bn_blade_doc_get_array (bn_sim_blade_get_doc (blade), "nics");

  if (segment[0] == 'V')
    return TRUE;
  for (guint i = 0; nics && i < json_array_get_length (nics); i++)
    {
      JsonArray *ports = bn_blade_doc_get_array (json_array_get_object_element (nics, i), "ports");

      for (guint j = 0; ports && j < json_array_get_length (ports); j++)
        if (g_strcmp0 (bn_blade_doc_get_string (json_array_get_object_element (ports, j),
                                                "segment", ""), segment) == 0)
          return TRUE;
    }
  return FALSE;
}

static void
set_catalogue (GError     **error,
               const char  *id)
{
  if (error != NULL && *error != NULL)
    bn_error_set_catalogue (*error, id, NULL);
}

static gboolean
has_group (BnSimBlade *blade,
           gint64      number)
{
  JsonArray *groups = bn_blade_doc_get_array (bn_sim_blade_get_doc (blade), "cpu.groups");

  for (guint i = 0; groups && i < json_array_get_length (groups); i++)
    if (bn_blade_doc_get_int (json_array_get_object_element (groups, i), "number", -1) == number)
      return TRUE;
  return FALSE;
}

/* The processor group the console chose in the Migration window (§3.1.1, §3.2.1 "Group"):
 * the HVM must support groups (表 6-3 #21) and define that one (#42). */
gboolean
bn_sim_lpar_move_check_group (BnSimBlade  *blade,
                              gint         group,
                              GError     **error)
{
  JsonObject *doc = bn_sim_blade_get_doc (blade);
  JsonArray *groups;
  g_autoptr(GString) defined = NULL;

  if (group < 0)
    return TRUE;
  if (!bn_blade_doc_get_bool (doc, "hvm.processor_groups", FALSE))
    {
      g_set_error (error, BN_ERROR, BN_ERROR_STATE,
                   "HVM %s does not support processor groups (Group#=%d was asked for)",
                   bn_sim_blade_get_id (blade), group);
      set_catalogue (error, "mms-dst-processor-group-unsupported");
      return FALSE;
    }
  if (has_group (blade, group))
    return TRUE;
  defined = g_string_new (NULL);
  groups = bn_blade_doc_get_array (doc, "cpu.groups");
  for (guint i = 0; groups && i < json_array_get_length (groups); i++)
    g_string_append_printf (defined, "%s%" G_GINT64_FORMAT, i > 0 ? ", " : "",
                            bn_blade_doc_get_int (json_array_get_object_element (groups, i),
                                                  "number", -1));
  g_set_error (error, BN_ERROR, BN_ERROR_STATE,
               "Processor group %d is not defined on HVM %s (its groups: %s)", group,
               bn_sim_blade_get_id (blade), defined->len > 0 ? defined->str : "none");
  set_catalogue (error, "mms-define-processor-group-undefined");
  return FALSE;
}

/* The group the arriving LPAR runs in: the one chosen, else (Group unchecked) the LPAR's
 * own group when this HVM defines it, else group 0.  The manual is silent on the unchecked
 * case: a move nobody asked a group of is never refused for one. */
static gboolean
resolve_group (BnSimBlade  *blade,
               JsonObject  *source_lpar,
               gint         group,
               gint64      *resolved,
               GError     **error)
{
  gint64 own = bn_blade_doc_get_int (source_lpar, "cpu.group", 0);

  if (!bn_sim_lpar_move_check_group (blade, group, error))
    return FALSE;
  if (group >= 0)
    *resolved = group;
  else if (bn_blade_doc_get_bool (bn_sim_blade_get_doc (blade), "hvm.processor_groups", FALSE) &&
           has_group (blade, own))
    *resolved = own;
  else
    *resolved = 0;
  return TRUE;
}

/* What the destination firmware refuses to define (表 6-3, 表 6-4). */
static gboolean
check_fits (BnSimBlade  *blade,
            JsonObject  *lpar,
            guint        number,
            GError     **error)
{
  JsonObject *doc = bn_sim_blade_get_doc (blade);
  JsonArray *vnics = bn_blade_doc_get_array (lpar, "vnics");
  JsonArray *fcs = bn_blade_doc_get_array (lpar, "fcs");
  g_autoptr(GHashTable) per_port = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* 表 6-3 has no error of its own for a slot that cannot take the LPAR: #31 is the define
   * errors' catch-all */
  if (number < 1 || number > bn_blade_doc_get_max_lpars (doc))
    {
      g_set_error (error, BN_ERROR, BN_ERROR_INVALID_ARGUMENT,
                   "LPAR number %u is out of range on HVM %s (1-%u)", number,
                   bn_sim_blade_get_id (blade), bn_blade_doc_get_max_lpars (doc));
      set_catalogue (error, "mms-define-unexpected");
      return FALSE;
    }
  if (bn_sim_blade_get_lpar (blade, number) != NULL)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_STATE, "LPAR %u is already defined on HVM %s",
                   number, bn_sim_blade_get_id (blade));
      set_catalogue (error, "mms-define-unexpected");
      return FALSE;
    }
  if (bn_blade_doc_get_int (lpar, "memory_mb", 0) > bn_blade_doc_get_int (doc, "memory_mb", 0))
    {
      g_set_error (error, BN_ERROR, BN_ERROR_STATE,
                   "There is not enough memory to activate the specified LPAR.");
      set_catalogue (error, "mms-thread-not-enough-memory");
      return FALSE;
    }
  for (guint i = 0; vnics && i < json_array_get_length (vnics); i++)
    {
      const char *segment = bn_blade_doc_get_string (json_array_get_object_element (vnics, i),
                                                     "segment", "");

      if (!blade_has_segment (blade, segment))
        {
          g_set_error (error, BN_ERROR, BN_ERROR_STATE,
                       "The destination blade has no shared NIC segment %s for VNIC#%u",
                       segment, i);
          set_catalogue (error, "mms-define-vnic-missing");
          return FALSE;
        }
    }
  for (guint i = 0; fcs && i < json_array_get_length (fcs); i++)
    {
      JsonObject *fc = json_array_get_object_element (fcs, i);
      gint64 slot = bn_blade_doc_get_int (fc, "slot", -1), port = bn_blade_doc_get_int (fc, "port", -1);
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, slot, port);
      guint wanted = GPOINTER_TO_UINT (g_hash_table_lookup (per_port, key)) + 1;
      g_autoptr(GHashTable) used = used_vfcids (blade);
      guint in_use = 0;
      GHashTableIter iter;
      gpointer used_key;

      g_hash_table_iter_init (&iter, used);
      while (g_hash_table_iter_next (&iter, &used_key, NULL))
        if (g_str_has_prefix (used_key, key) && ((char *) used_key)[strlen (key)] == ':')
          in_use++;
      if (vfc_capacity (blade, slot, port) == 0)
        {
          g_set_error (error, BN_ERROR, BN_ERROR_STATE,
                       "The destination has no shared FC HBA port at slot %" G_GINT64_FORMAT
                       " port %" G_GINT64_FORMAT, slot, port);
          set_catalogue (error, "mms-define-fc-missing");
          return FALSE;
        }
      if (in_use + wanted > vfc_capacity (blade, slot, port))
        {
          g_set_error (error, BN_ERROR, BN_ERROR_STATE,
                       "No free vfcID on FC HBA slot %" G_GINT64_FORMAT " port %" G_GINT64_FORMAT
                       " of the destination", slot, port);
          set_catalogue (error, "mms-define-vfcid-exhausted");
          return FALSE;
        }
      g_hash_table_insert (per_port, g_steal_pointer (&key), GUINT_TO_POINTER (wanted));
    }
  return TRUE;
}

static gboolean
is_dedicated (JsonObject *lpar)
{
  return g_str_equal (bn_blade_doc_get_string (lpar, "cpu.mode", "shared"), "dedicated");
}

/* What the firmware refuses when LPAR is activated here (表 6-3 #44, #45): fewer free
 * physical CPUs in its processor group (the whole blade without groups) than its dedicated
 * CPUs, or none at all for shared CPUs; less free memory than it has.  The dedicated CPUs
 * and the memory of the other activated LPARs are what is taken. */
gboolean
bn_sim_lpar_move_check_resources (BnSimBlade  *blade,
                                  JsonObject  *lpar,
                                  GError     **error)
{
  JsonObject *doc = bn_sim_blade_get_doc (blade);
  JsonArray *lpars = bn_blade_doc_get_array (doc, "lpars");
  gint64 number = bn_blade_doc_get_int (lpar, "number", 0);
  gint64 group = bn_blade_doc_get_int (lpar, "cpu.group", 0);
  gboolean grouped = bn_blade_doc_get_bool (doc, "hvm.processor_groups", FALSE) &&
                     has_group (blade, group);
  gint64 cpus = bn_blade_doc_get_int (doc, "cpu.physical_count", 0);
  gint64 memory = bn_blade_doc_get_int (doc, "memory_mb", 0);
  gint64 need_cpus = is_dedicated (lpar) ? bn_blade_doc_get_int (lpar, "cpu.count", 0) : 1;
  g_autofree char *pool = NULL;
  JsonArray *groups = bn_blade_doc_get_array (doc, "cpu.groups");

  for (guint i = 0; grouped && i < json_array_get_length (groups); i++)
    {
      JsonObject *g = json_array_get_object_element (groups, i);

      if (bn_blade_doc_get_int (g, "number", -1) == group)
        cpus = bn_blade_doc_get_int (g, "cpus", 0);
    }
  for (guint i = 0; lpars && i < json_array_get_length (lpars); i++)
    {
      JsonObject *other = json_array_get_object_element (lpars, i);

      if (bn_blade_doc_get_int (other, "number", 0) == number ||
          !g_str_equal (bn_blade_doc_get_string (other, "status", ""), "Activate"))
        continue;
      memory -= bn_blade_doc_get_int (other, "memory_mb", 0);
      if (is_dedicated (other) &&
          (!grouped || bn_blade_doc_get_int (other, "cpu.group", 0) == group))
        cpus -= bn_blade_doc_get_int (other, "cpu.count", 0);
    }
  pool = grouped ? g_strdup_printf ("processor group %" G_GINT64_FORMAT, group)
                 : g_strdup ("the blade");
  if (need_cpus > cpus)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_STATE,
                   "HVM %s cannot activate LPAR %s: it needs %" G_GINT64_FORMAT " physical "
                   "%s and %s has %" G_GINT64_FORMAT " free",
                   bn_sim_blade_get_id (blade), bn_blade_doc_get_string (lpar, "name", ""),
                   need_cpus, need_cpus == 1 ? "CPU" : "CPUs", pool, MAX (cpus, 0));
      set_catalogue (error, "mms-activate-no-cpu");
      return FALSE;
    }
  if (bn_blade_doc_get_int (lpar, "memory_mb", 0) > memory)
    {
      g_set_error (error, BN_ERROR, BN_ERROR_STATE,
                   "HVM %s cannot activate LPAR %s: it needs %" G_GINT64_FORMAT " MB of memory "
                   "and %" G_GINT64_FORMAT " MB are free", bn_sim_blade_get_id (blade),
                   bn_blade_doc_get_string (lpar, "name", ""),
                   bn_blade_doc_get_int (lpar, "memory_mb", 0), MAX (memory, 0));
      set_catalogue (error, "mms-activate-no-memory");
      return FALSE;
    }
  return TRUE;
}

/* The LPAR as this HVM would define it, or NULL with the refusal. */
static JsonObject *
build_checked (BnSimBlade  *blade,
               JsonObject  *source_lpar,
               guint        number,
               const char  *mode,
               gint         group,
               GError     **error)
{
  g_autoptr(JsonObject) lpar = NULL;
  gint64 resolved;

  if (!resolve_group (blade, source_lpar, group, &resolved, error))
    return NULL;
  lpar = build_moved_lpar (blade, source_lpar, number, mode);
  if (bn_blade_doc_get_object (lpar, "cpu") != NULL)
    json_object_set_int_member (bn_blade_doc_get_object (lpar, "cpu"), "group", resolved);
  if (!check_fits (blade, lpar, number, error))
    return NULL;
  /* a live move arrives running */
  if (g_str_equal (mode, "concurrent") && !bn_sim_lpar_move_check_resources (blade, lpar, error))
    return NULL;
  return g_steal_pointer (&lpar);
}

gboolean
bn_sim_lpar_move_check (BnSimBlade  *blade,
                        JsonObject  *source_lpar,
                        guint        number,
                        const char  *mode,
                        gint         group,
                        GError     **error)
{
  g_autoptr(JsonObject) lpar = build_checked (blade, source_lpar, number, mode, group, error);

  return lpar != NULL;
}

/* Defines the arriving LPAR in slot NUMBER with the source's identity; returns the
 * identity the slot had, which the source takes over (the exchange of §5.16). */
JsonObject *
bn_sim_lpar_move_define (BnSimBlade  *blade,
                         JsonObject  *source_lpar,
                         guint        number,
                         const char  *mode,
                         gint         group,
                         GError     **error)
{
  g_autoptr(JsonObject) lpar = build_checked (blade, source_lpar, number, mode, group, error);
  JsonObject *slot_identity;
  JsonArray *lpars;
  guint index;

  if (lpar == NULL)
    return NULL;

  slot_identity = bn_sim_lpar_move_slot_identity (blade, number, source_lpar);
  if (find_slot_identity (blade, number, &index) != NULL)
    json_array_remove_element (bn_blade_doc_get_array (bn_sim_blade_get_doc (blade),
                                                       "slot_identities"), index);

  json_object_set_string_member (lpar, "status",
                                 g_str_equal (mode, "concurrent") ? "Activate" : "Deactivate");
  lpars = bn_blade_doc_get_array (bn_sim_blade_get_doc (blade), "lpars");
  json_array_add_object_element (lpars, json_object_ref (lpar));
  bn_sim_blade_log (blade, BN_SIM_LOG_INFO, "LPAR was defined by an LPAR migration.",
                    "LPAR#=%u Name=%s", number, bn_blade_doc_get_string (lpar, "name", ""));
  bn_sim_blade_changed (blade);
  return slot_identity;
}

/* The source gives its LPAR up: the slot keeps the identity that came from the
 * destination (or none: a recovery that discards a leftover). */
void
bn_sim_lpar_move_release (BnSimBlade *blade,
                          guint       number,
                          JsonObject *identity)
{
  JsonObject *doc = bn_sim_blade_get_doc (blade);
  JsonArray *slots;
  guint index;

  bn_sim_blade_remove_lpar (blade, number);
  if (identity == NULL)
    return;
  if (find_slot_identity (blade, number, &index) != NULL)
    json_array_remove_element (bn_blade_doc_get_array (doc, "slot_identities"), index);
  slots = bn_blade_doc_get_array (doc, "slot_identities");
  if (slots == NULL)
    {
      json_object_set_array_member (doc, "slot_identities", json_array_new ());
      slots = bn_blade_doc_get_array (doc, "slot_identities");
    }
  json_object_set_int_member (identity, "number", number);
  json_array_add_object_element (slots, json_object_ref (identity));
  bn_sim_blade_changed (blade);
}
