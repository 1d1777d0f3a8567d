/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-checker"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "bn-check-item-private.h"
#include "bn-check-report-private.h"
#include "bn-checker.h"
#include "bn-checker-private.h"
#include "bn-rules-private.h"

/* fleet.schema.json: LPAR numbers run 1 … 60; an HVM that does not report max_lpars is
 * taken at that bound rather than refusing a number it might accept. */
#define MAX_LPAR_NUMBER 60
#define MAX_GROUP 63
#define DEFAULT_VC_SESSIONS 16           /* §5.17: 16 sessions per HVM */
#define STANDARD_MODE_VNIC_NUMBERS 8     /* Virtual NIC Number 0 … 7 (§2.2.1.2.6 Case 2) */

const char *const _bn_checker_texts[] = {
  "side-source", "side-destination", "not-reported", "not-reported-both", "version-invalid",
  "table-none", "table-refused", "table-no-row", "table-not-seen", "table-cell-absent",
  "table-unsupported", "table-below-minimum", "table-model-unsupported", "table-limit-reached",
  "mode-shutdown", "mode-concurrent", "not-applicable", "firmware-newer", "firmware-unlisted",
  "firmware-unsupported", "efi-settings-differ", "activated-full", "ntp-differs",
  "security-not-default", "lpar-number-above-dst", "lpar-number-above-src", "lpar-number-none-free",
  "lpar-number-auto", "name-no-name", "name-taken", "lpar-recovery", "lpar-config-invalid",
  "destination-defined", "group-unsupported", "group-undefined", "cpu-dedicated-short",
  "cpu-shared-none", "cpu-group-where", "memory-short", "memory-over-total", "not-activated",
  "vc-full", "vc-moves", "usb-in-use", "usb-auto-attach", "dedicated-usb", "blade-busy",
  "path-missing", "path-no-port", "path-dedicated", "path-slow", "path-speed-unknown",
  "path-same-ip", "path-management", "path-svp-network", "path-busy-segment", "path-vlan-emulex",
  "path-no-vlan", "hvm-recovery", "hvm-rollback", "hvm-wwn-unknown", "nic-cases",
  "nic-cases-legacy", "nic-cases-ok", "case-1", "case-2", "case-3", "case-4", "inter-lpar",
  "manual-mac", "hba-missing", "hba-port-missing", "pci-differs", "link-down", "state-refused",
  "device-dedicated", "vfcid-short", "vfcid-one", "storage-system-differs", "storage-port-differs",
  "storage-port-differs-shutdown", "segment-missing", "segment-dedicated", "segment-multi",
  "segment-apart", "vnic-number-range", "virtual-segment", "source-clustered",
  NULL
};

/* ---------------------------------------------------------------------------------- */
/* reading the documents */

static JsonNode *
member (JsonObject *object,
        const char *name)
{
  return object != NULL ? json_object_get_member (object, name) : NULL;
}

/* The member NAME when it holds a value of TYPE (G_TYPE_STRING, _INT64, _BOOLEAN). */
static JsonNode *
value_member (JsonObject *object,
              const char *name,
              GType       type)
{
  JsonNode *node = member (object, name);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type)
    return node;
  return NULL;
}

static const char *
get_str (JsonObject *object,
         const char *name)
{
  JsonNode *node = value_member (object, name, G_TYPE_STRING);

  return node != NULL ? json_node_get_string (node) : NULL;
}

static gboolean
get_int (JsonObject *object,
         const char *name,
         gint64     *out)
{
  JsonNode *node = value_member (object, name, G_TYPE_INT64);

  if (node != NULL)
    *out = json_node_get_int (node);
  return node != NULL;
}

static gint64
get_int_or (JsonObject *object,
            const char *name,
            gint64      fallback)
{
  gint64 value;

  return get_int (object, name, &value) ? value : fallback;
}

static gboolean
get_bool (JsonObject *object,
          const char *name,
          gboolean   *out)
{
  JsonNode *node = value_member (object, name, G_TYPE_BOOLEAN);

  if (node != NULL)
    *out = json_node_get_boolean (node);
  return node != NULL;
}

static gboolean
get_bool_or (JsonObject *object,
             const char *name,
             gboolean    fallback)
{
  gboolean value;

  return get_bool (object, name, &value) ? value : fallback;
}

static JsonObject *
get_obj (JsonObject *object,
         const char *name)
{
  JsonNode *node = member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
get_arr (JsonObject *object,
         const char *name)
{
  JsonNode *node = member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static guint
arr_len (JsonArray *array)
{
  return array != NULL ? json_array_get_length (array) : 0;
}

static JsonObject *
arr_obj (JsonArray *array,
         guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonObject *
find_by_int (JsonArray  *array,
             const char *key,
             gint64      value)
{
  for (guint i = 0; i < arr_len (array); i++)
    {
      JsonObject *object = arr_obj (array, i);

      if (object != NULL && get_int_or (object, key, -1) == value)
        return object;
    }
  return NULL;
}

/* "2a" → TRUE; "Va" → FALSE: the inter-LPAR virtual NICs have no physical port. */
static gboolean
segment_is_physical (const char *segment)
{
  return segment != NULL && g_ascii_isdigit (segment[0]);
}

/* The shared NIC number of a segment: 2 for "2a", 12 for "12b". */
static guint
segment_nic (const char *segment)
{
  return (guint) g_ascii_strtoull (segment, NULL, 10);
}

/* ---------------------------------------------------------------------------------- */
/* the evaluation context */

typedef struct
{
  JsonObject  *blade;
  JsonObject  *chassis;
  JsonObject  *firmware;
  JsonObject  *hvm;
  JsonObject  *cpu;
  JsonArray   *lpars;
  JsonArray   *nics;
  JsonArray   *hbas;
  JsonObject  *path;          /* the primary migration path */
  const char  *platform;
  const char  *model;
  const char  *chassis_type;
  guint        max_lpars;

  /* the HBA port / NIC port an HBA or NIC row is about */
  JsonObject  *hba;
  JsonObject  *hba_port;
  JsonObject  *nic;
  JsonObject  *nic_port;
} Side;

typedef struct
{
  BnRules              *rules;
  const BnCheckRequest *req;
  BnMode                mode;
  gboolean              ja;
  Side                  side[2];
  JsonObject           *lpar;
  guint                 src_lpar;
  guint                 dst_lpar;
  gboolean              auto_dst;

  BnScope               scope;
  JsonObject           *vfc;        /* the LPAR's FC entry of an HBA row */
  JsonObject           *vnic;       /* the LPAR's virtual NIC of a NIC row */
  gboolean              vnic_virtual;

  guint                 cases;      /* bit n - 1: the LPAR matches Case n of §2.2.1.2.6 */
  const char           *prefix;     /* "Source" / "Destination" for each-side findings */
} Ctx;

typedef struct
{
  BnCheckStatus  status;
  gboolean       applied;
  GString       *message;
  GString       *remedy;
  GPtrArray     *refs;            /* const char *, borrowed from the rules */
} Result;

static const char *
text_of (Ctx          *ctx,
         const BnText *text)
{
  return bn_text_get (text, ctx->ja);
}

static const char *
msg (Ctx        *ctx,
     const char *id)
{
  return text_of (ctx, &_bn_rules_text (ctx->rules, id)->message);
}

static const char *
side_label (Ctx   *ctx,
            guint  s)
{
  return msg (ctx, s == 0 ? "side-source" : "side-destination");
}

static const char *
mode_label (Ctx *ctx)
{
  return msg (ctx, ctx->mode == BN_MODE_SHUTDOWN ? "mode-shutdown" : "mode-concurrent");
}

typedef struct
{
  const char *name;
  const char *value;
} Param;

#define MAX_PARAMS 8

static void
expand (GString     *out,
        const char  *template,
        const Param *params,
        guint        n_params)
{
  const char *p = template;

  while (*p != '\0')
    {
      if (*p == '{')
        {
          const char *end = strchr (p, '}');

          if (end != NULL)
            {
              gsize len = end - p - 1;
              guint i;

              for (i = 0; i < n_params; i++)
                if (strlen (params[i].name) == len && strncmp (params[i].name, p + 1, len) == 0)
                  break;
              if (i < n_params)
                {
                  g_string_append (out, params[i].value != NULL ? params[i].value : "-");
                  p = end + 1;
                  continue;
                }
            }
        }
      g_string_append_c (out, *p++);
    }
}

static void
add_ref (Result     *res,
         const char *ref)
{
  if (ref == NULL)
    return;
  for (guint i = 0; i < res->refs->len; i++)
    if (g_str_equal (res->refs->pdata[i], ref))
      return;
  g_ptr_array_add (res->refs, (gpointer) ref);
}

/* Appends @line unless the same line is already there. */
static void
add_line (GString    *out,
          const char *line)
{
  gsize len = strlen (line);

  if (len == 0)
    return;
  for (const char *p = out->str; (p = strstr (p, line)) != NULL; p++)
    if ((p == out->str || p[-1] == '\n') && (p[len] == '\0' || p[len] == '\n'))
      return;
  if (out->len > 0)
    g_string_append_c (out, '\n');
  g_string_append (out, line);
}

static void
raise_status (Result        *res,
              BnCheckStatus  status)
{
  if (status > res->status)
    res->status = status;
}

static void
finding (Ctx           *ctx,
         Result        *res,
         BnCheckStatus  status,
         const BnText  *message,
         const BnText  *remedy,
         const char    *ref,
         const Param   *params,
         guint          n_params)
{
  g_autoptr(GString) line = g_string_new (NULL);

  if (ctx->prefix != NULL)
    {
      g_string_append (line, ctx->prefix);
      g_string_append (line, ": ");
    }
  if (message != NULL && text_of (ctx, message) != NULL)
    expand (line, text_of (ctx, message), params, n_params);
  add_line (res->message, line->str);

  if (remedy != NULL && text_of (ctx, remedy) != NULL && status >= BN_CHECK_STATUS_WARNING)
    {
      g_string_truncate (line, 0);
      expand (line, text_of (ctx, remedy), params, n_params);
      add_line (res->remedy, line->str);
    }
  raise_status (res, status);
  add_ref (res, ref);
}

/* emit (ctx, res, status, "text-id", ref, "name", value, …, NULL) */
static void
emit (Ctx           *ctx,
      Result        *res,
      BnCheckStatus  status,
      const char    *text_id,
      const char    *ref,
      ...)
{
  BnTextEntry *entry = _bn_rules_text (ctx->rules, text_id);
  Param params[MAX_PARAMS];
  guint n = 0;
  va_list args;
  const char *name;

  va_start (args, ref);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      g_assert (n < MAX_PARAMS);
      params[n].name = name;
      params[n].value = value;
      n++;
    }
  va_end (args);

  finding (ctx, res, status, &entry->message, &entry->remedy, ref, params, n);
}

/* ---------------------------------------------------------------------------------- */
/* field values */

static JsonObject *
find_lpar (Side  *side,
           guint  number)
{
  return find_by_int (side->lpars, "number", number);
}

static gboolean
lpar_activated (JsonObject *lpar)
{
  const char *status = get_str (lpar, "status");

  return status != NULL && g_str_equal (status, "Activate");
}

static gboolean
lpar_dedicated (JsonObject *lpar)
{
  const char *mode = get_str (get_obj (lpar, "cpu"), "mode");

  return mode != NULL && g_str_equal (mode, "dedicated");
}

static const char *
hvm_str (Side       *side,
         const char *name)
{
  return get_str (side->hvm, name);
}

/* g_strdup_printf ("%" G_GINT64_FORMAT) without the printf machinery: reports format
 * dozens of numbers each. */
static char *
int_str (gint64 value)
{
  char buf[24];
  char *p = buf + sizeof buf;
  guint64 v = value < 0 ? -(guint64) value : (guint64) value;

  *--p = '\0';
  do
    *--p = (char) ('0' + v % 10);
  while ((v /= 10) != 0);
  if (value < 0)
    *--p = '-';
  return g_strdup (p);
}

static char *
dup_int (JsonObject *object,
         const char *name)
{
  gint64 value;

  if (!get_int (object, name, &value))
    return NULL;
  return int_str (value);
}

static char *
join_strings (JsonArray  *array,
              gboolean    sort)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  GString *out;

  for (guint i = 0; i < arr_len (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        g_ptr_array_add (values, (gpointer) json_node_get_string (node));
    }
  if (values->len == 0)
    return NULL;
  if (sort)
    g_ptr_array_sort (values, (GCompareFunc) g_strcmp0);
  out = g_string_new (NULL);
  for (guint i = 0; i < values->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? ", " : "", (const char *) values->pdata[i]);
  return g_string_free (out, FALSE);
}

static gint64
group_of (JsonObject *lpar)
{
  return get_int_or (get_obj (lpar, "cpu"), "group", 0);
}

static JsonObject *
find_group (Side   *side,
            gint64  number)
{
  return find_by_int (get_arr (side->cpu, "groups"), "number", number);
}

/* Physical CPUs of the pool (a processor group, or the whole blade) and those held by the
 * dedicated CPUs of activated LPARs in it. */
static void
cpu_pool (Ctx   *ctx,
          guint  s,
          gint   group,
          gint64 *pool,
          gint64 *used)
{
  Side *side = &ctx->side[s];
  JsonObject *g = group >= 0 ? find_group (side, group) : NULL;

  *pool = g != NULL ? get_int_or (g, "cpus", 0) : get_int_or (side->cpu, "physical_count", 0);
  *used = 0;
  for (guint i = 0; i < arr_len (side->lpars); i++)
    {
      JsonObject *lpar = arr_obj (side->lpars, i);

      if (lpar == NULL || !lpar_activated (lpar) || !lpar_dedicated (lpar))
        continue;
      if (g != NULL && group_of (lpar) != group)
        continue;
      *used += get_int_or (get_obj (lpar, "cpu"), "count", 0);
    }
}

static gint64
free_memory (Side *side)
{
  gint64 used = 0;

  for (guint i = 0; i < arr_len (side->lpars); i++)
    {
      JsonObject *lpar = arr_obj (side->lpars, i);

      if (lpar != NULL && lpar_activated (lpar))
        used += get_int_or (lpar, "memory_mb", 0);
    }
  return get_int_or (side->blade, "memory_mb", 0) - used;
}

static guint
vc_used (Side *side)
{
  guint used = 0;

  for (guint i = 0; i < arr_len (side->lpars); i++)
    if (get_bool_or (get_obj (arr_obj (side->lpars, i), "virtual_console"), "enabled", FALSE))
      used++;
  return used;
}

/* vfcIDs a port offers, less those the LPARs of the blade use on it. */
static gint64
free_vfcids (Side   *side,
             gint64  slot,
             gint64  port,
             gint64 *capacity)
{
  JsonObject *hba = find_by_int (side->hbas, "slot", slot);
  JsonObject *p = find_by_int (get_arr (hba, "ports"), "port", port);
  gint64 used = 0;

  if (!get_int (p, "vfc_ids", capacity))
    return -1;
  for (guint i = 0; i < arr_len (side->lpars); i++)
    {
      JsonArray *fcs = get_arr (arr_obj (side->lpars, i), "fcs");

      for (guint j = 0; j < arr_len (fcs); j++)
        {
          JsonObject *fc = arr_obj (fcs, j);

          if (get_int_or (fc, "slot", -1) == slot && get_int_or (fc, "port", -1) == port)
            used++;
        }
    }
  return *capacity - used;
}

static gboolean
same_blade (Ctx *ctx)
{
  Side *a = &ctx->side[0], *b = &ctx->side[1];
  const char *ca = get_str (a->chassis, "id"), *cb = get_str (b->chassis, "id");
  gint64 sa, sb;

  if (a->blade == b->blade)
    return TRUE;
  if (g_strcmp0 (get_str (a->blade, "address"), get_str (b->blade, "address")) == 0)
    return TRUE;
  if (ca != NULL && g_strcmp0 (ca, cb) == 0 &&
      get_int (a->blade, "slot", &sa) && get_int (b->blade, "slot", &sb) && sa == sb)
    return TRUE;
  return FALSE;
}

static const char *
position (Ctx *ctx)
{
  const char *ca = get_str (ctx->side[0].chassis, "id");
  const char *cb = get_str (ctx->side[1].chassis, "id");

  if (same_blade (ctx))
    return "same-blade";
  if (ca != NULL && g_strcmp0 (ca, cb) == 0)
    return "cross-blade";
  return "cross-chassis";
}

/* The LPAR's virtual NICs that use a physical segment. */
static guint
shared_nic_ports (Ctx *ctx)
{
  JsonArray *vnics = get_arr (ctx->lpar, "vnics");
  guint n = 0;

  for (guint i = 0; i < arr_len (vnics); i++)
    if (segment_is_physical (get_str (arr_obj (vnics, i), "segment")))
      n++;
  return n;
}

static char *
case_names (Ctx   *ctx,
            guint  cases)
{
  GString *out = g_string_new (NULL);

  for (guint c = 0; c < 4; c++)
    if (cases & (1u << c))
      {
        g_autofree char *id = g_strdup_printf ("case-%u", c + 1);

        g_string_append_printf (out, "%s%s", out->len > 0 ? "; " : "", msg (ctx, id));
      }
  return g_string_free (out, FALSE);
}

static char *
lpar_devices (Ctx *ctx)
{
  GString *out = g_string_new (NULL);
  JsonObject *lpar = ctx->lpar;
  guint n;

  if ((n = shared_nic_ports (ctx)) > 0)
    g_string_append_printf (out, "shared NIC ×%u", n);
  if ((n = arr_len (get_arr (lpar, "vnics")) - shared_nic_ports (ctx)) > 0)
    g_string_append_printf (out, "%sinter-LPAR NIC ×%u", out->len ? ", " : "", n);
  if ((n = arr_len (get_arr (lpar, "vf_nics"))) > 0)
    g_string_append_printf (out, "%sVF NIC ×%u", out->len ? ", " : "", n);
  if ((n = arr_len (get_arr (lpar, "fcs"))) > 0)
    g_string_append_printf (out, "%sshared FC ×%u", out->len ? ", " : "", n);
  if ((n = arr_len (get_arr (lpar, "dedicated_devices"))) > 0)
    {
      g_autofree char *list = join_strings (get_arr (lpar, "dedicated_devices"), FALSE);

      g_string_append_printf (out, "%sdedicated: %s", out->len ? ", " : "", list);
    }
  if (out->len == 0)
    g_string_append (out, "none");
  return g_string_free (out, FALSE);
}

static char *
vnic_list (Ctx        *ctx,
           gboolean  (*pick) (JsonObject *vnic))
{
  JsonArray *vnics = get_arr (ctx->lpar, "vnics");
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < arr_len (vnics); i++)
    {
      JsonObject *vnic = arr_obj (vnics, i);

      if (vnic != NULL && pick (vnic))
        g_string_append_printf (out, "%s#%" G_GINT64_FORMAT " %s", out->len ? ", " : "",
                                get_int_or (vnic, "number", 0), get_str (vnic, "segment"));
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static gboolean
pick_inter_lpar (JsonObject *vnic)
{
  const char *segment = get_str (vnic, "segment");

  return segment != NULL && !segment_is_physical (segment);
}

static gboolean
pick_manual_mac (JsonObject *vnic)
{
  return get_bool_or (vnic, "mac_manual", FALSE);
}

static char *
pending_lpars (Side       *side,
               gboolean  (*pick) (JsonObject *lpar))
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < arr_len (side->lpars); i++)
    {
      JsonObject *lpar = arr_obj (side->lpars, i);

      if (lpar != NULL && pick (lpar))
        g_string_append_printf (out, "%s%" G_GINT64_FORMAT " %s", out->len ? ", " : "",
                                get_int_or (lpar, "number", 0), get_str (lpar, "name"));
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static gboolean
wwn_status_is (JsonObject *lpar,
               const char *status)
{
  JsonArray *fcs = get_arr (lpar, "fcs");

  for (guint i = 0; i < arr_len (fcs); i++)
    if (g_strcmp0 (get_str (arr_obj (fcs, i), "wwn_status"), status) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
pick_recovery (JsonObject *lpar)
{
  return get_bool_or (lpar, "recovery_required", FALSE);
}

static gboolean
pick_rollback (JsonObject *lpar)
{
  return wwn_status_is (lpar, "migration") || wwn_status_is (lpar, "rollback");
}

static gboolean
pick_wwn_unknown (JsonObject *lpar)
{
  return wwn_status_is (lpar, "unknown");
}

static char *
platform_name (Ctx  *ctx,
               Side *side)
{
  BnPlatform *platform = g_hash_table_lookup (ctx->rules->platforms, side->platform);

  if (platform == NULL)
    return g_strdup (side->platform);
  return g_strdup (text_of (ctx, &platform->name));
}

static const char *
migration_member (Side       *side,
                  const char *name)
{
  return get_str (get_obj (side->blade, "migration"), name);
}

/* The value of @field on side @s, as text; NULL when the document does not give it.
 * @key: for a table lookup rather than for the report's columns. */
static char *
field_value (Ctx      *ctx,
             BnField   field,
             guint     s,
             gboolean  key)
{
  Side *side = &ctx->side[s];
  JsonObject *lpar = ctx->lpar;
  JsonObject *fw = side->firmware;
  JsonObject *path = side->path;

  /* Values of the LPAR show in the source column only; the destination has no LPAR yet. */
  if (bn_field_info[field].scope == BN_SCOPE_LPAR && s == 1 && !key &&
      field != BN_FIELD_LPAR_NUMBER && field != BN_FIELD_CPU_GROUP &&
      field != BN_FIELD_CPU_GROUP_NAME)
    return NULL;

  switch (field)
    {
    case BN_FIELD_NONE: return NULL;
    case BN_FIELD_CHASSIS_ID: return g_strdup (get_str (side->chassis, "id"));
    case BN_FIELD_CHASSIS_SERIAL: return g_strdup (get_str (side->chassis, "serial"));
    case BN_FIELD_CHASSIS_TYPE: return g_strdup (side->chassis_type);
    case BN_FIELD_PARTITION: return dup_int (side->blade, "partition");
    case BN_FIELD_BLADE_COUNT:
      return int_str (get_int_or (side->blade, "blade_count", 1));
    case BN_FIELD_PLATFORM: return g_strdup (side->platform);
    case BN_FIELD_MODEL: return g_strdup (side->model);
    case BN_FIELD_BLADE_TYPE:
      {
        g_autofree char *name = platform_name (ctx, side);

        return g_strconcat (name, " ", side->model, NULL);
      }
    case BN_FIELD_PROCESSOR_TYPE: return g_strdup (get_str (side->blade, "processor_type"));
    case BN_FIELD_SVP_FIRMWARE: return g_strdup (get_str (side->chassis, "svp_firmware"));
    case BN_FIELD_DICTIONARY_VERSION:
      return g_strdup (get_str (side->chassis, "dictionary_version"));
    case BN_FIELD_HVM_ID: return g_strdup (get_str (side->blade, "id"));
    case BN_FIELD_HVM_IP: return g_strdup (get_str (side->blade, "address"));
    case BN_FIELD_FIRMWARE: return g_strdup (get_str (fw, "hvm"));
    case BN_FIELD_MIGRATION_VERSION: return g_strdup (get_str (fw, "migration_version"));
    case BN_FIELD_MIGRATION_VERSION_MAJOR:
    case BN_FIELD_EFI_MAJOR:
      {
        const char *v = get_str (fw, field == BN_FIELD_EFI_MAJOR ? "efi" : "migration_version");
        BnVersion version;

        if (v == NULL)
          return NULL;
        if (!bn_version_parse (v, &version, NULL))
          return g_strdup (v);
        return g_strdup_printf ("%" G_GUINT64_FORMAT, bn_version_major (&version));
      }
    case BN_FIELD_EFI: return g_strdup (get_str (fw, "efi"));
    case BN_FIELD_BIOS_SERIES: return g_strdup (get_str (fw, "bios_series"));
    case BN_FIELD_EFI_SETTINGS:
      {
        JsonObject *settings = get_obj (side->blade, "efi_settings");
        g_autoptr(GList) names = settings != NULL ? json_object_get_members (settings) : NULL;
        GString *out;

        if (names == NULL)
          return NULL;
        names = g_list_sort (names, (GCompareFunc) g_strcmp0);
        out = g_string_new (NULL);
        for (GList *l = names; l != NULL; l = l->next)
          g_string_append_printf (out, "%s%s=%s", out->len ? ", " : "", (const char *) l->data,
                                  get_str (settings, l->data));
        return g_string_free (out, FALSE);
      }
    case BN_FIELD_BMC: return g_strdup (get_str (fw, "bmc"));
    case BN_FIELD_HVM_MODEL: return g_strdup (hvm_str (side, "model"));
    case BN_FIELD_ACTIVATED_LPARS:
      {
        guint n = 0;

        for (guint i = 0; i < arr_len (side->lpars); i++)
          if (lpar_activated (arr_obj (side->lpars, i)))
            n++;
        return g_strdup_printf ("%u / %" G_GINT64_FORMAT, n,
                                get_int_or (side->hvm, "max_activated_lpars", side->max_lpars));
      }
    case BN_FIELD_MAX_LPARS: return dup_int (side->hvm, "max_lpars");
    case BN_FIELD_UPDATE_TIME: return g_strdup (get_str (side->blade, "update_time"));
    case BN_FIELD_OPERATING_MODE: return g_strdup (hvm_str (side, "operating_mode"));
    case BN_FIELD_VNIC_SYSTEM_NO: return dup_int (side->hvm, "vnic_system_no");
    case BN_FIELD_TIME_ZONE: return g_strdup (hvm_str (side, "time_zone"));
    case BN_FIELD_NTP_SERVERS: return join_strings (get_arr (side->hvm, "ntp_servers"), FALSE);
    case BN_FIELD_SECURITY_STRENGTH:
      {
        JsonObject *strength = get_obj (side->hvm, "security_strength");
        const char *hcsm = get_str (strength, "hcsm"), *hvmsh = get_str (strength, "hvmsh");

        return g_strdup_printf ("HCSM %s, HvmSh %s", hcsm ? hcsm : "Default",
                                hvmsh ? hvmsh : "Default");
      }
    case BN_FIELD_MIGRATIONS_AS_DESTINATION:
    case BN_FIELD_MIGRATIONS_RECEIVED:
      return dup_int (side->hvm, "migrations_as_destination");
    case BN_FIELD_CPUID_00000000H: return g_strdup (get_str (get_obj (side->cpu, "cpuid"),
        "00000000h"));
    case BN_FIELD_CPUID_00000001H: return g_strdup (get_str (get_obj (side->cpu, "cpuid"),
        "00000001h"));
    case BN_FIELD_CPUID_80000000H: return g_strdup (get_str (get_obj (side->cpu, "cpuid"),
        "80000000h"));
    case BN_FIELD_CPUID_80000001H: return g_strdup (get_str (get_obj (side->cpu, "cpuid"),
        "80000001h"));
    case BN_FIELD_PHYSICAL_CPUS: return dup_int (side->cpu, "physical_count");
    case BN_FIELD_FREQUENCY:
      {
        JsonNode *node = member (side->cpu, "frequency_ghz");

        if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
          return NULL;
        return g_strdup_printf ("%.2f", json_node_get_double (node));
      }
    case BN_FIELD_SMT:
      {
        gboolean smt;

        if (!get_bool (side->cpu, "smt", &smt))
          return NULL;
        return g_strdup (smt ? "Enable" : "Disable");
      }
    case BN_FIELD_CPU_SCHEDULING_MODE: return g_strdup (get_str (side->cpu, "scheduling_mode"));
    case BN_FIELD_MIGRATION_MAIN:
      return g_strdup (get_obj (side->blade, "migration") != NULL ? "Executing" : "Not executing");
    case BN_FIELD_MIGRATION_SUB: return g_strdup (migration_member (side, "state"));
    case BN_FIELD_MIGRATION_MODE: return g_strdup (migration_member (side, "mode"));
    case BN_FIELD_MIGRATION_ROLE: return g_strdup (migration_member (side, "role"));
    case BN_FIELD_MIGRATION_STAGE: return g_strdup (migration_member (side, "stage"));
    case BN_FIELD_PATH_NAME: return g_strdup (get_str (path, "name"));
    case BN_FIELD_PATH_SEGMENT: return g_strdup (get_str (path, "segment"));
    case BN_FIELD_PATH_IP: return g_strdup (get_str (path, "ip"));
    case BN_FIELD_PATH_MASK: return g_strdup (get_str (path, "mask"));
    case BN_FIELD_PATH_VLAN:
      if (path == NULL)
        return NULL;
      {
        gint64 vlan;

        return get_int (path, "vlan", &vlan) ? int_str (vlan)
                                             : g_strdup ("none");
      }
    case BN_FIELD_PATH_SUMMARY:
      if (path == NULL)
        return NULL;
      return g_strdup_printf ("%s %s/%s", get_str (path, "segment"), get_str (path, "ip"),
                              get_str (path, "mask"));
    case BN_FIELD_PENDING_RECOVERY:
      {
        g_autofree char *recovery = pending_lpars (side, pick_recovery);
        g_autofree char *rollback = pending_lpars (side, pick_rollback);

        if (recovery == NULL && rollback == NULL)
          return g_strdup ("none");
        return g_strdup_printf ("%s%s%s", recovery ? recovery : "",
                                recovery && rollback ? "; " : "", rollback ? rollback : "");
      }
    case BN_FIELD_DESTINATION_STATUS:
      {
        JsonObject *dst;

        if (s == 0)
          return g_strdup (get_str (lpar, "status"));
        if (ctx->dst_lpar == 0)
          return NULL;
        dst = find_lpar (side, ctx->dst_lpar);
        return g_strdup (dst != NULL ? get_str (dst, "status") : "Undefined");
      }
    case BN_FIELD_SAME_NAME:
      {
        const char *name = get_str (lpar, "name");

        if (s == 0)
          return g_strdup (name);
        for (guint i = 0; i < arr_len (side->lpars); i++)
          {
            JsonObject *other = arr_obj (side->lpars, i);

            if (g_strcmp0 (get_str (other, "name"), name) == 0)
              return g_strdup_printf ("LPAR %" G_GINT64_FORMAT " %s",
                                      get_int_or (other, "number", 0), name);
          }
        return g_strdup ("none");
      }
    case BN_FIELD_ASSIGNABLE_CPUS:
      {
        gint64 pool, used;
        gint group = ctx->req->group >= 0 && find_group (side, ctx->req->group) != NULL
                     ? ctx->req->group : -1;

        cpu_pool (ctx, s, group, &pool, &used);
        return int_str (pool - used);
      }
    case BN_FIELD_FIXED_CPUS_LEFT:
      return int_str (get_int_or (side->cpu, "physical_count", 0) -
                              (lpar_dedicated (lpar) ?
                               get_int_or (get_obj (lpar, "cpu"), "count", 0) : 0));
    case BN_FIELD_FREE_MEMORY:
      return int_str (free_memory (side));
    case BN_FIELD_CLUSTER:
      return g_strdup (get_bool_or (side->blade, "cluster", FALSE) ? "clustered" : "none");
    case BN_FIELD_VIRTUAL_COM_USED:
      return g_strdup_printf ("%u / %" G_GINT64_FORMAT, vc_used (side),
                              get_int_or (side->hvm, "vc_ports", DEFAULT_VC_SESSIONS));

    case BN_FIELD_POSITION:
      if (key)
        return g_strdup (position (ctx));
      {
        gint64 slot;
        const char *chassis = get_str (side->chassis, "id");

        if (get_int (side->blade, "slot", &slot))
          return g_strdup_printf ("%s slot %" G_GINT64_FORMAT, chassis ? chassis : "-", slot);
        return g_strdup_printf ("%s %s", chassis ? chassis : "-", get_str (side->blade, "id"));
      }

    case BN_FIELD_LPAR_NUMBER:
      if (s == 1)
        return ctx->dst_lpar == 0 ? NULL : ctx->auto_dst
               ? g_strdup_printf ("%u (Auto)", ctx->dst_lpar)
               : int_str (ctx->dst_lpar);
      return int_str (ctx->src_lpar);
    case BN_FIELD_LPAR_NAME: return g_strdup (get_str (lpar, "name"));
    case BN_FIELD_LPAR_STATUS: return g_strdup (get_str (lpar, "status"));
    case BN_FIELD_CPU_GROUP:
      if (s == 1)
        return ctx->req->group >= 0 ? g_strdup_printf ("%d", ctx->req->group) : g_strdup ("any");
      return int_str (group_of (lpar));
    case BN_FIELD_CPU_GROUP_NAME:
      {
        JsonObject *g;

        if (s == 1 && ctx->req->group < 0)
          return NULL;
        g = find_group (side, s == 1 ? ctx->req->group : group_of (lpar));
        return g_strdup (get_str (g, "name"));
      }
    case BN_FIELD_ASSIGN_COUNT:
      return g_strdup_printf ("%" G_GINT64_FORMAT " (%s)",
                              get_int_or (get_obj (lpar, "cpu"), "count", 0),
                              get_str (get_obj (lpar, "cpu"), "mode"));
    case BN_FIELD_LPAR_CPU_MODE: return g_strdup (get_str (get_obj (lpar, "cpu"), "mode"));
    case BN_FIELD_FIXED_CPUS:
      return int_str (lpar_dedicated (lpar) ?
                              get_int_or (get_obj (lpar, "cpu"), "count", 0) : 0);
    case BN_FIELD_LPAR_MEMORY: return dup_int (lpar, "memory_mb");
    case BN_FIELD_VNIC_DEVICE_TYPE:
      {
        const char *type = get_str (lpar, "vnic_device_type");

        return g_strdup (type != NULL ? type : "NIC1");
      }
    case BN_FIELD_VIRTUAL_COM:
      {
        JsonObject *vc = get_obj (lpar, "virtual_console");
        gint64 port;

        if (!get_bool_or (vc, "enabled", FALSE))
          return g_strdup ("disabled");
        if (get_int (vc, "port", &port))
          return g_strdup_printf ("enabled (port %" G_GINT64_FORMAT ")", port);
        return g_strdup ("enabled");
      }
    case BN_FIELD_USB_DEVICE:
      {
        JsonObject *usb = get_obj (lpar, "usb");
        const char *state = get_str (usb, "state");
        gint64 device;

        if (get_int (usb, "device", &device))
          return g_strdup_printf ("%" G_GINT64_FORMAT " (%s)", device, state ? state : "-");
        return g_strdup (state != NULL ? state : "*");
      }
    case BN_FIELD_DEDICATED_USB:
      {
        JsonArray *usb = get_arr (lpar, "dedicated_usb");
        GString *out;

        if (arr_len (usb) == 0)
          return g_strdup ("none");
        out = g_string_new (NULL);
        for (guint i = 0; i < arr_len (usb); i++)
          g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i ? ", " : "",
                                  json_array_get_int_element (usb, i));
        return g_string_free (out, FALSE);
      }
    case BN_FIELD_DEVICES: return lpar_devices (ctx);
    case BN_FIELD_DEVICE: return NULL;   /* several at once: see eval_lpar_devices */
    case BN_FIELD_GUEST_OS:
      {
        JsonObject *guest = get_obj (lpar, "guest");

        if (get_str (guest, "os") == NULL)
          return NULL;
        return g_strdup_printf ("%s %s %s", get_str (guest, "os"),
                                get_str (guest, "version") ? get_str (guest, "version") : "",
                                get_str (guest, "arch") ? get_str (guest, "arch") : "");
      }
    case BN_FIELD_OS: return g_strdup (get_str (get_obj (lpar, "guest"), "os"));
    case BN_FIELD_OS_VERSION: return g_strdup (get_str (get_obj (lpar, "guest"), "version"));
    case BN_FIELD_ARCH: return g_strdup (get_str (get_obj (lpar, "guest"), "arch"));
    case BN_FIELD_FC_DRIVER: return g_strdup (get_str (get_obj (lpar, "guest"), "fc_driver"));
    case BN_FIELD_FC_PORTS: return int_str (arr_len (get_arr (lpar, "fcs")));
    case BN_FIELD_SHARED_NIC_PORTS: return int_str (shared_nic_ports (ctx));
    case BN_FIELD_NIC_CASES:
      return ctx->cases != 0 ? case_names (ctx, ctx->cases) : g_strdup ("none");
    case BN_FIELD_CASE: return NULL;
    case BN_FIELD_INTER_LPAR_SEGMENTS:
      {
        char *list = vnic_list (ctx, pick_inter_lpar);

        return list != NULL ? list : g_strdup ("none");
      }
    case BN_FIELD_MANUAL_MACS:
      {
        char *list = vnic_list (ctx, pick_manual_mac);

        return list != NULL ? list : g_strdup ("none");
      }

    case BN_FIELD_HBA_LOCATION: return g_strdup (get_str (side->hba, "location"));
    case BN_FIELD_HBA_PORT: return dup_int (side->hba_port, "port");
    case BN_FIELD_HBA_DEVICE_NAME: return g_strdup (get_str (side->hba, "device_name"));
    case BN_FIELD_HBA_CARD_KIND: return g_strdup (get_str (side->hba, "card_kind"));
    case BN_FIELD_HBA_PORT_COUNT:
      return side->hba ? int_str (arr_len (get_arr (side->hba, "ports"))) : NULL;
    case BN_FIELD_HBA_PCI_ADDRESS: return g_strdup (get_str (side->hba, "pci_address"));
    case BN_FIELD_HBA_STATE: return g_strdup (get_str (side->hba_port, "state"));
    case BN_FIELD_HBA_SCHEDULING_MODE:
      if (side->hba == NULL)
        return NULL;
      return g_strdup (get_str (side->hba, "scheduling_mode") ?: "shared");
    case BN_FIELD_VFCID:
      return s == 0 ? dup_int (ctx->vfc, "vfcid") : NULL;
    case BN_FIELD_FREE_VFCIDS:
      {
        gint64 capacity, free;

        free = free_vfcids (side, get_int_or (ctx->vfc, "slot", -1),
                            get_int_or (ctx->vfc, "port", -1), &capacity);
        if (free < 0)
          return NULL;
        return g_strdup_printf ("%" G_GINT64_FORMAT " free of %" G_GINT64_FORMAT, free, capacity);
      }
    case BN_FIELD_HBA_HARDWARE_ID: return g_strdup (get_str (side->hba, "hardware_id"));
    case BN_FIELD_FC_FIRMWARE: return g_strdup (get_str (side->hba, "firmware"));
    case BN_FIELD_HBA_TYPE: return g_strdup (get_str (side->hba, "type"));
    case BN_FIELD_HBA_CONNECTION: return g_strdup (get_str (side->hba, "connection"));
    case BN_FIELD_HBA_STORAGE: return g_strdup (get_str (side->hba, "storage"));
    case BN_FIELD_WWN_STATUS:
      if (s == 1)
        return NULL;
      return g_strdup (get_str (ctx->vfc, "wwn_status") ?: "normal");
    case BN_FIELD_WWN_STATUS_CODE:
      return s == 0 ? g_strdup (get_str (ctx->vfc, "wwn_status_code")) : NULL;

    case BN_FIELD_NIC_LOCATION: return g_strdup (get_str (side->nic, "location"));
    case BN_FIELD_NIC_PORT: return dup_int (side->nic_port, "port");
    case BN_FIELD_NIC_DEVICE_NAME: return g_strdup (get_str (side->nic, "device_name"));
    case BN_FIELD_NIC_PORT_COUNT:
      return side->nic ? int_str (arr_len (get_arr (side->nic, "ports"))) : NULL;
    case BN_FIELD_NIC_PCI_ADDRESS: return g_strdup (get_str (side->nic, "pci_address"));
    case BN_FIELD_NIC_STATE: return g_strdup (get_str (side->nic_port, "state"));
    case BN_FIELD_NIC_SCHEDULING_MODE:
      if (side->nic == NULL)
        return NULL;
      return g_strdup (get_str (side->nic, "scheduling_mode") ?: "shared");
    case BN_FIELD_VNIC_SEGMENT:
      if (s == 1 && !ctx->vnic_virtual && side->nic_port == NULL)
        return NULL;
      return g_strdup (get_str (ctx->vnic, "segment"));
    case BN_FIELD_VNIC_NUMBER: return dup_int (ctx->vnic, "number");
    case BN_FIELD_NIC_HARDWARE_ID: return g_strdup (get_str (side->nic, "hardware_id"));
    case BN_FIELD_PACKET_FILTER:
      {
        gboolean filter;

        if (side->nic_port == NULL)
          return NULL;
        if (!get_bool (side->nic_port, "packet_filter", &filter))
          return g_strdup ("Disable");
        return g_strdup (filter ? "Enable" : "Disable");
      }

    case BN_N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

/* ---------------------------------------------------------------------------------- */
/* table lookups */

static gboolean
selector_matches (Ctx              *ctx,
                  const BnSelector *sel,
                  guint             s)
{
  Side *side = &ctx->side[s];

  if (sel->modes != 0 && !(sel->modes & (1u << ctx->mode)))
    return FALSE;
  if (sel->chassis != NULL && !g_strv_contains ((const char *const *) sel->chassis,
                                                side->chassis_type ? side->chassis_type : ""))
    return FALSE;
  if (sel->platforms != NULL && !g_strv_contains ((const char *const *) sel->platforms,
                                                  side->platform))
    return FALSE;
  if (sel->models != NULL && !g_strv_contains ((const char *const *) sel->models, side->model))
    return FALSE;
  return TRUE;
}

static BnTable *
select_table (Ctx      *ctx,
              BnKindId  kind,
              guint     s)
{
  GPtrArray *tables = ctx->rules->by_kind[kind];

  for (guint i = 0; i < tables->len; i++)
    {
      BnTable *table = tables->pdata[i];

      if (selector_matches (ctx, &table->when, s))
        return table;
    }
  return NULL;
}

typedef enum
{
  MATCH_YES,
  MATCH_NO,
  MATCH_MISSING,
  MATCH_INVALID,
} Match;

typedef struct
{
  BnField  field;       /* MISSING / INVALID: which */
  char    *value;       /* INVALID: the text */
  char    *error;       /* INVALID: why */
} MatchFailure;

static void
match_failure_clear (MatchFailure *failure)
{
  g_clear_pointer (&failure->value, g_free);
  g_clear_pointer (&failure->error, g_free);
}

static Match
term_match (Ctx          *ctx,
            const BnTerm *term,
            guint         s,
            MatchFailure *failure)
{
  g_autofree char *value = NULL;

  if (term->n_values == 0)
    return MATCH_YES;
  value = field_value (ctx, term->field, s, TRUE);
  if (value == NULL)
    {
      failure->field = term->field;
      return MATCH_MISSING;
    }

  if (term->type == BN_VALUE_VERSION)
    {
      BnVersion version;
      g_autoptr(GError) local = NULL;

      if (!bn_version_parse (value, &version, &local))
        {
          failure->field = term->field;
          failure->value = g_steal_pointer (&value);
          failure->error = g_strdup (local->message);
          return MATCH_INVALID;
        }
      for (guint i = 0; i < term->n_values; i++)
        if (bn_version_range_contains (&term->ranges[i], &version))
          return MATCH_YES;
      return MATCH_NO;
    }
  else
    {
      g_autofree char *norm = _bn_normalise (value);

      for (guint i = 0; i < term->n_values; i++)
        if (g_str_equal (term->strings[i], norm))
          return MATCH_YES;
      return MATCH_NO;
    }
}

typedef enum
{
  LOOKUP_FOUND,
  LOOKUP_MISSING,
  LOOKUP_INVALID,
  LOOKUP_NOT_SEEN,
  LOOKUP_NONE,
} Lookup;

static Lookup
lookup (Ctx               *ctx,
        const BnAxisEntry *entries,
        guint              n,
        guint              s,
        guint             *index,
        MatchFailure      *failure)
{
  gboolean missing = FALSE;

  /* A column with a label only: the table has one column. */
  if (n > 0 && entries[0].n_terms == 0)
    {
      *index = 0;
      return LOOKUP_FOUND;
    }

  for (guint i = 0; i < n; i++)
    {
      gboolean all = TRUE;

      for (guint t = 0; t < entries[i].n_terms && all; t++)
        {
          MatchFailure f = { 0 };

          switch (term_match (ctx, &entries[i].terms[t], s, &f))
            {
            case MATCH_YES:
              break;
            case MATCH_INVALID:
              *failure = f;
              return LOOKUP_INVALID;
            case MATCH_MISSING:
              missing = TRUE;
              failure->field = f.field;
              all = FALSE;
              break;
            case MATCH_NO:
            default:
              all = FALSE;
              break;
            }
        }
      if (all)
        {
          *index = i;
          return LOOKUP_FOUND;
        }
    }
  if (missing)
    return LOOKUP_MISSING;

  /* Above every row of a version table: a release the manual has not seen yet. */
  if (n > 0 && entries[0].n_terms > 0 && entries[0].terms[0].type == BN_VALUE_VERSION)
    {
      BnField field = entries[0].terms[0].field;
      g_autofree char *value = field_value (ctx, field, s, TRUE);
      BnVersion version;
      gboolean above = value != NULL && bn_version_parse (value, &version, NULL);

      for (guint i = 0; i < n && above; i++)
        for (guint t = 0; t < entries[i].n_terms && above; t++)
          {
            const BnTerm *term = &entries[i].terms[t];

            if (term->field != field)
              continue;
            for (guint k = 0; k < term->n_values; k++)
              if (!bn_version_range_is_above (&term->ranges[k], &version))
                above = FALSE;
          }
      if (above)
        return LOOKUP_NOT_SEEN;
    }
  return LOOKUP_NONE;
}

/* "59-71" or "59-71 (59-21~)": the values the keys read, and the entry they fell in. */
static char *
describe (Ctx               *ctx,
          const BnKindKey   *keys,
          guint              s,
          const BnAxisEntry *entry)
{
  GString *out = g_string_new (NULL);

  for (guint k = 0; k < BN_KIND_MAX_KEYS && keys[k].key != NULL; k++)
    {
      g_autofree char *value = field_value (ctx, keys[k].field, s, TRUE);

      if (out->len > 0)
        g_string_append (out, " / ");
      g_string_append (out, value ? value : "-");
    }
  if (entry != NULL && entry->label != NULL && !g_str_equal (entry->label, out->str))
    {
      if (out->len == 0)
        g_string_append (out, entry->label);
      else
        g_string_append_printf (out, " (%s)", entry->label);
    }
  return g_string_free (out, FALSE);
}

static void
lookup_failed (Ctx             *ctx,
               Result          *res,
               const BnTable   *table,
               Lookup           result,
               MatchFailure    *failure,
               const BnKindKey *keys,
               guint            s)
{
  const char *field_name = bn_field_info[failure->field].name;
  g_autofree char *value = NULL;

  switch (result)
    {
    case LOOKUP_MISSING:
      emit (ctx, res, BN_CHECK_STATUS_WARNING, "not-reported", NULL,
            "side", side_label (ctx, s), "what", field_name, NULL);
      break;
    case LOOKUP_INVALID:
      emit (ctx, res, BN_CHECK_STATUS_ERROR, "version-invalid", NULL,
            "side", side_label (ctx, s), "value", failure->value, "error", failure->error, NULL);
      break;
    case LOOKUP_NOT_SEEN:
      if (bn_kind_info[table->kind].miss_not_applicable)
        break;
      value = describe (ctx, keys, s, NULL);
      emit (ctx, res, BN_CHECK_STATUS_WARNING, "table-not-seen", table->reference,
            "value", value, "table", table->reference, NULL);
      break;
    case LOOKUP_NONE:
      if (bn_kind_info[table->kind].miss_not_applicable)
        break;
      value = describe (ctx, keys, s, NULL);
      emit (ctx, res, BN_CHECK_STATUS_ERROR, "table-no-row", table->reference,
            "value", value, "table", table->reference, NULL);
      break;
    case LOOKUP_FOUND:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
cond_holds (Ctx          *ctx,
            const BnNote *note)
{
  guint first = note->cond_side == BN_COND_DESTINATION ? 1 : 0;
  guint last = note->cond_side == BN_COND_EITHER || note->cond_side == BN_COND_DESTINATION
               ? 1 : 0;

  for (guint s = first; s <= last; s++)
    {
      MatchFailure f = { 0 };
      Match m = term_match (ctx, &note->cond, s, &f);

      match_failure_clear (&f);
      if (m == MATCH_YES)
        return TRUE;
    }
  return FALSE;
}

static void eval_lookup (Ctx           *ctx,
                         const BnTable *table,
                         guint          row_side,
                         guint          col_side,
                         guint          subject,
                         Result        *res);

static void
apply_note (Ctx           *ctx,
            const BnTable *table,
            const BnNote  *note,
            Result        *res)
{
  switch (note->effect)
    {
    case BN_EFFECT_INFO:
      finding (ctx, res, BN_CHECK_STATUS_OK, &note->text, NULL, note->ref, NULL, 0);
      break;
    case BN_EFFECT_WARNING:
      finding (ctx, res, BN_CHECK_STATUS_WARNING, &note->text, NULL, note->ref, NULL, 0);
      break;
    case BN_EFFECT_REFUSE_IF:
      if (cond_holds (ctx, note))
        finding (ctx, res, BN_CHECK_STATUS_ERROR, &note->text, NULL, note->ref, NULL, 0);
      break;
    case BN_EFFECT_TABLE:
      add_ref (res, note->ref);
      eval_lookup (ctx, note->then, 0, 1, 1, res);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* "A/A, D/D, D/A": the pairs a Shared PCI Device Port State table allows. */
static char *
allowed_pairs (const BnTable *table)
{
  GString *out = g_string_new (NULL);

  for (guint r = 0; r < table->n_rows; r++)
    for (guint c = 0; c < table->n_cols; c++)
      if (table->cells[r * table->n_cols + c].verdict == BN_VERDICT_CELL_OK)
        g_string_append_printf (out, "%s%s/%s", out->len ? ", " : "", table->rows[r].label,
                                table->cols[c].label);
  return g_string_free (out, FALSE);
}

static void
eval_cell (Ctx           *ctx,
           const BnTable *table,
           guint          r,
           guint          c,
           const char    *row_text,
           const char    *col_text,
           guint          subject,
           Result        *res)
{
  const BnCell *cell = &table->cells[r * table->n_cols + c];
  const BnKindInfo *kind = &bn_kind_info[table->kind];

  switch (kind->cell)
    {
    case BN_CELL_VERDICT:
      switch (cell->verdict)
        {
        case BN_VERDICT_CELL_OK:
        case BN_VERDICT_CELL_CONDITIONAL:
          break;
        case BN_VERDICT_CELL_ERROR:
          if (table->kind == BN_KIND_FC_PORT_STATE || table->kind == BN_KIND_NIC_PORT_STATE)
            {
              g_autofree char *pairs = allowed_pairs (table);

              emit (ctx, res, BN_CHECK_STATUS_ERROR, "state-refused", table->reference,
                    "source", table->rows[r].label, "destination", table->cols[c].label,
                    "pairs", pairs, NULL);
            }
          else
            emit (ctx, res, BN_CHECK_STATUS_ERROR, "table-refused", table->reference,
                  "table", table->reference, "row", row_text, "column", col_text, NULL);
          break;
        case BN_VERDICT_CELL_WARNING:
          finding (ctx, res, BN_CHECK_STATUS_WARNING,
                   cell->label.en || cell->label.ja ? &cell->label : &table->title, NULL,
                   table->reference, NULL, 0);
          break;
        case BN_VERDICT_CELL_INFO:
          finding (ctx, res, BN_CHECK_STATUS_OK,
                   cell->label.en || cell->label.ja ? &cell->label : &table->title, NULL,
                   table->reference, NULL, 0);
          break;
        case BN_VERDICT_CELL_ABSENT:
          emit (ctx, res, BN_CHECK_STATUS_WARNING, "table-cell-absent", table->reference,
                "table", table->reference, "row", row_text, "column", col_text, NULL);
          break;
        default:
          g_assert_not_reached ();
        }
      for (guint n = 0; n < cell->n_notes; n++)
        apply_note (ctx, table, &table->notes[cell->notes[n]], res);
      break;

    case BN_CELL_VERSION_MIN:
      {
        g_autofree char *value = field_value (ctx, kind->against, subject, TRUE);
        BnVersion version;
        g_autoptr(GError) local = NULL;

        if (cell->unsupported)
          emit (ctx, res, BN_CHECK_STATUS_ERROR, "table-unsupported", table->reference,
                "table", table->reference, "row", row_text, "column", col_text, NULL);
        else if (cell->no_requirement)
          break;
        else if (value == NULL)
          emit (ctx, res, BN_CHECK_STATUS_WARNING, "not-reported", NULL,
                "side", side_label (ctx, subject), "what", bn_field_info[kind->against].name,
                NULL);
        else if (!bn_version_parse (value, &version, &local))
          emit (ctx, res, BN_CHECK_STATUS_ERROR, "version-invalid", NULL,
                "side", side_label (ctx, subject), "value", value, "error", local->message, NULL);
        else if (!bn_version_range_contains (&cell->range, &version))
          emit (ctx, res, BN_CHECK_STATUS_ERROR, "table-below-minimum", table->reference,
                "table", table->reference, "value", value, "minimum", cell->text,
                "row", row_text, NULL);
        break;
      }

    case BN_CELL_INTEGER:
      {
        g_autofree char *value = field_value (ctx, kind->against, subject, TRUE);
        g_autofree char *limit = int_str (cell->integer);
        guint64 count;

        if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT64, &count, NULL))
          emit (ctx, res, BN_CHECK_STATUS_WARNING, "not-reported", NULL,
                "side", side_label (ctx, subject), "what", bn_field_info[kind->against].name,
                NULL);
        else if (count >= (guint64) cell->integer)
          emit (ctx, res, BN_CHECK_STATUS_ERROR, "table-limit-reached", table->reference,
                "table", table->reference, "count", value, "limit", limit, NULL);
        break;
      }

    case BN_CELL_MODELS:
      {
        g_autofree char *model = field_value (ctx, kind->against, subject, TRUE);
        g_autofree char *type = field_value (ctx, BN_FIELD_BLADE_TYPE, subject, FALSE);

        if (model == NULL || !g_strv_contains ((const char *const *) cell->models, model))
          emit (ctx, res, BN_CHECK_STATUS_ERROR, "table-model-unsupported", table->reference,
                "table", table->reference, "value", type, "mode", mode_label (ctx), NULL);
        break;
      }

    case BN_CELL_TEXT:
    case BN_CELL_RANGE:
    case BN_CELL_ANY:
    default:
      break;
    }
}

static void
eval_lookup (Ctx           *ctx,
             const BnTable *table,
             guint          row_side,
             guint          col_side,
             guint          subject,
             Result        *res)
{
  const BnKindInfo *kind = &bn_kind_info[table->kind];
  MatchFailure failure = { 0 };
  guint r = 0, c = 0;
  Lookup result;
  g_autofree char *row_text = NULL;
  g_autofree char *col_text = NULL;

  add_ref (res, table->reference);

  result = lookup (ctx, table->rows, table->n_rows, row_side, &r, &failure);
  if (result != LOOKUP_FOUND)
    {
      lookup_failed (ctx, res, table, result, &failure, kind->row_keys, row_side);
      match_failure_clear (&failure);
      return;
    }
  result = lookup (ctx, table->cols, table->n_cols, col_side, &c, &failure);
  if (result != LOOKUP_FOUND)
    {
      lookup_failed (ctx, res, table, result, &failure, kind->col_keys, col_side);
      match_failure_clear (&failure);
      return;
    }

  row_text = describe (ctx, kind->row_keys, row_side, &table->rows[r]);
  col_text = describe (ctx, kind->col_keys, col_side, &table->cols[c]);
  eval_cell (ctx, table, r, c, row_text, col_text, subject, res);
}

static void
no_table (Ctx          *ctx,
          Result       *res,
          const BnEval *eval,
          guint         s)
{
  g_autofree char *what = field_value (ctx, BN_FIELD_BLADE_TYPE, s, FALSE);

  if (eval->required)
    emit (ctx, res, BN_CHECK_STATUS_ERROR, "table-none", NULL,
          "what", what, "mode", mode_label (ctx), NULL);
}

/* 表 2-8 / 2-53: the rows for the kinds of device the LPAR has. */
static gboolean
device_present (Ctx        *ctx,
                const char *device)
{
  JsonObject *lpar = ctx->lpar;

  if (g_str_equal (device, "cpu-numbers"))
    return lpar_dedicated (lpar) && arr_len (get_arr (get_obj (lpar, "cpu"), "numbers")) > 0;
  if (g_str_equal (device, "memory"))
    return FALSE;   /* its note is about fragmentation at activation: not worth a line */
  if (g_str_equal (device, "shared-nic"))
    return arr_len (get_arr (lpar, "vnics")) > 0;
  if (g_str_equal (device, "vf-nic"))
    return arr_len (get_arr (lpar, "vf_nics")) > 0;
  if (g_str_equal (device, "shared-fc"))
    return arr_len (get_arr (lpar, "fcs")) > 0;
  if (g_str_equal (device, "dedicated-device"))
    return arr_len (get_arr (lpar, "dedicated_devices")) > 0;
  return FALSE;
}

static void
eval_lpar_devices (Ctx          *ctx,
                   const BnEval *eval,
                   Result       *res)
{
  BnTable *table = select_table (ctx, BN_KIND_LPAR_DEVICES, 0);

  if (table == NULL)
    {
      no_table (ctx, res, eval, 0);
      return;
    }
  add_ref (res, table->reference);
  for (guint r = 0; r < table->n_rows; r++)
    {
      const BnTerm *term = &table->rows[r].terms[0];

      if (term->n_values == 0 || !device_present (ctx, term->strings[0]))
        continue;
      eval_cell (ctx, table, r, 0, table->rows[r].label, table->cols[0].label, 0, res);
    }
}

static const BnCell *
path_cell (const BnTable *table,
           const char    *row,
           const char    *chassis)
{
  for (guint r = 0; r < table->n_rows; r++)
    {
      if (table->rows[r].n_terms == 0 || table->rows[r].terms[0].n_values == 0 ||
          !g_str_equal (table->rows[r].terms[0].strings[0], row))
        continue;
      for (guint c = 0; c < table->n_cols; c++)
        {
          g_autofree char *norm = _bn_normalise (chassis);

          if (table->cols[c].n_terms > 0 && table->cols[c].terms[0].n_values > 0 &&
              g_str_equal (table->cols[c].terms[0].strings[0], norm))
            return &table->cells[r * table->n_cols + c];
        }
    }
  return NULL;
}

static void
path_notes (Ctx           *ctx,
            const BnTable *table,
            const BnCell  *cell,
            Result        *res)
{
  for (guint n = 0; n < cell->n_notes; n++)
    apply_note (ctx, table, &table->notes[cell->notes[n]], res);
}

/* The shared NIC and port that carry @segment on @side. */
static gboolean
find_segment (Side        *side,
              const char  *segment,
              JsonObject **nic_out,
              JsonObject **port_out)
{
  for (guint i = 0; i < arr_len (side->nics); i++)
    {
      JsonObject *nic = arr_obj (side->nics, i);
      JsonArray *ports = get_arr (nic, "ports");

      for (guint j = 0; j < arr_len (ports); j++)
        {
          JsonObject *port = arr_obj (ports, j);

          if (g_strcmp0 (get_str (port, "segment"), segment) == 0)
            {
              *nic_out = nic;
              *port_out = port;
              return TRUE;
            }
        }
    }
  *nic_out = *port_out = NULL;
  return FALSE;
}

static gboolean
segment_busy (Side       *side,
              const char *segment)
{
  for (guint i = 0; i < arr_len (side->lpars); i++)
    {
      JsonObject *lpar = arr_obj (side->lpars, i);
      JsonArray *vnics = get_arr (lpar, "vnics");

      if (!lpar_activated (lpar))
        continue;
      for (guint j = 0; j < arr_len (vnics); j++)
        if (g_strcmp0 (get_str (arr_obj (vnics, j), "segment"), segment) == 0)
          return TRUE;
    }
  return FALSE;
}

/* 表 2-91 and its notes, for each side's primary migration path. */
static void
eval_migration_path (Ctx          *ctx,
                     const BnEval *eval,
                     Result       *res)
{
  for (guint s = 0; s < 2; s++)
    {
      Side *side = &ctx->side[s];
      BnTable *table = select_table (ctx, BN_KIND_MIGRATION_PATH, s);
      JsonObject *mgmt = get_obj (side->blade, "management_path");
      const char *segment = get_str (side->path, "segment");
      JsonObject *nic = NULL, *port = NULL;
      guint32 ip, mask, mip, mmask;
      gboolean is_mgmt, emulex, has_vlan;
      gint64 vlan;
      const BnCell *cell;

      if (table == NULL)
        {
          no_table (ctx, res, eval, s);
          continue;
        }
      add_ref (res, table->reference);
      if (side->path == NULL || segment == NULL)
        continue;   /* path-interface reports it */

      is_mgmt = g_strcmp0 (get_str (mgmt, "segment"), segment) == 0;
      if (!is_mgmt && _bn_parse_ipv4 (get_str (side->path, "ip"), &ip) &&
          _bn_parse_ipv4 (get_str (mgmt, "ip"), &mip) &&
          _bn_parse_ipv4 (get_str (mgmt, "mask"), &mmask))
        is_mgmt = (ip & mmask) == (mip & mmask);
      (void) mask;

      if (is_mgmt && (cell = path_cell (table, "management-path", side->chassis_type)) != NULL)
        {
          if (cell->verdict == BN_VERDICT_CELL_ERROR)
            {
              g_autofree char *where = g_strdup_printf ("%s %s", get_str (mgmt, "segment"),
                                                        get_str (mgmt, "ip"));

              emit (ctx, res, BN_CHECK_STATUS_ERROR, "path-management", table->reference,
                    "side", side_label (ctx, s), "value", where, NULL);
            }
          path_notes (ctx, table, cell, res);
        }

      if (_bn_parse_ipv4 (get_str (side->path, "ip"), &ip) &&
          (ip & ctx->rules->path.svp_mask) == ctx->rules->path.svp_network)
        emit (ctx, res, BN_CHECK_STATUS_WARNING, "path-svp-network", table->reference,
              "side", side_label (ctx, s), "value", get_str (side->path, "ip"), NULL);

      if (segment_busy (side, segment))
        emit (ctx, res, BN_CHECK_STATUS_WARNING, "path-busy-segment", "§5.8",
              "side", side_label (ctx, s), "segment", segment, NULL);

      find_segment (side, segment, &nic, &port);
      emulex = nic != NULL && g_strcmp0 (get_str (nic, "vendor"), "Emulex") == 0 &&
               get_int_or (nic, "speed_mbps", 0) >= 10000;
      has_vlan = get_int (side->path, "vlan", &vlan);

      if (emulex && has_vlan &&
          (cell = path_cell (table, "vlan-emulex-10gb", side->chassis_type)) != NULL &&
          cell->verdict == BN_VERDICT_CELL_WARNING)
        {
          emit (ctx, res, BN_CHECK_STATUS_WARNING, "path-vlan-emulex", table->reference,
                "side", side_label (ctx, s), NULL);
          path_notes (ctx, table, cell, res);
        }
      else if (!emulex && !has_vlan && !is_mgmt &&
               (cell = path_cell (table, "no-vlan-other", side->chassis_type)) != NULL)
        {
          emit (ctx, res, BN_CHECK_STATUS_OK, "path-no-vlan", table->reference,
                "side", side_label (ctx, s), NULL);
        }
    }
}

static gboolean
check_table (Ctx          *ctx,
             const BnItem *item,
             const BnEval *eval,
             Result       *res)
{
  BnKindId kind = eval->kind;
  BnSideRule side = eval->side_set ? eval->side : bn_kind_info[kind].side;
  BnTable *table;

  if (kind == BN_KIND_LPAR_DEVICES)
    {
      eval_lpar_devices (ctx, eval, res);
      return TRUE;
    }
  if (kind == BN_KIND_MIGRATION_PATH)
    {
      eval_migration_path (ctx, eval, res);
      return TRUE;
    }

  switch (side)
    {
    case BN_SIDE_PAIR:
    case BN_SIDE_SOURCE:
      if ((table = select_table (ctx, kind, 0)) == NULL)
        {
          no_table (ctx, res, eval, 0);
          return eval->required;
        }
      if (side == BN_SIDE_PAIR)
        eval_lookup (ctx, table, 0, 1, 1, res);
      else
        eval_lookup (ctx, table, 0, 0, 0, res);
      return TRUE;

    case BN_SIDE_DESTINATION:
      if ((table = select_table (ctx, kind, 1)) == NULL)
        {
          no_table (ctx, res, eval, 1);
          return eval->required;
        }
      eval_lookup (ctx, table, 1, 1, 1, res);
      return TRUE;

    case BN_SIDE_EACH:
      {
        gboolean applied = FALSE;

        for (guint s = 0; s < 2; s++)
          {
            ctx->prefix = side_label (ctx, s);
            if ((table = select_table (ctx, kind, s)) == NULL)
              {
                no_table (ctx, res, eval, s);
                applied |= eval->required;
              }
            else
              {
                eval_lookup (ctx, table, s, s, s, res);
                applied = TRUE;
              }
            ctx->prefix = NULL;
          }
        return applied;
      }

    default:
      g_assert_not_reached ();
    }
}

/* ---------------------------------------------------------------------------------- */
/* the checks an item's "eval" names */

typedef gboolean (*CheckFunc) (Ctx          *ctx,
                               const BnItem *item,
                               const BnEval *eval,
                               Result       *res);

static gboolean
values_equal (const char *a,
              const char *b)
{
  g_autofree char *na = _bn_normalise (a);
  g_autofree char *nb = _bn_normalise (b);

  return g_str_equal (na, nb);
}

static gboolean
check_equal (Ctx          *ctx,
             const BnItem *item,
             const BnEval *eval,
             Result       *res)
{
  g_autofree char *a = field_value (ctx, eval->field, 0, TRUE);
  g_autofree char *b = field_value (ctx, eval->field, 1, TRUE);
  Param params[] = { { "source", a }, { "destination", b }, { "what", item->name } };

  if (a == NULL && b == NULL)
    emit (ctx, res, BN_CHECK_STATUS_WARNING, "not-reported-both", eval->ref,
          "what", item->name, NULL);
  else if (a == NULL || b == NULL)
    emit (ctx, res, BN_CHECK_STATUS_WARNING, "not-reported", eval->ref,
          "side", side_label (ctx, a == NULL ? 0 : 1), "what", item->name, NULL);
  else if (!values_equal (a, b))
    finding (ctx, res, eval->status, &eval->text->message, &eval->text->remedy, eval->ref,
             params, G_N_ELEMENTS (params));
  return TRUE;
}

static gboolean
check_table_eval (Ctx          *ctx,
                  const BnItem *item,
                  const BnEval *eval,
                  Result       *res)
{
  return check_table (ctx, item, eval, res);
}

static gboolean
check_firmware_support (Ctx          *ctx,
                        const BnItem *item,
                        const BnEval *eval,
                        Result       *res)
{
  GPtrArray *tables = ctx->rules->by_kind[BN_KIND_SUPPORTED_FIRMWARE];

  for (guint s = 0; s < 2; s++)
    {
      Side *side = &ctx->side[s];
      const char *value = get_str (side->firmware, "hvm");
      g_autofree char *platform = _bn_normalise (side->platform);
      const BnVersion *newest = NULL, *oldest = NULL;
      const char *newest_label = NULL, *oldest_label = NULL;
      const char *table_ref = NULL;
      gboolean listed = FALSE;
      BnVersion version;
      g_autoptr(GError) local = NULL;

      if (!bn_version_parse (value, &version, &local))
        {
          emit (ctx, res, BN_CHECK_STATUS_ERROR, "version-invalid", NULL,
                "side", side_label (ctx, s), "value", value, "error", local->message, NULL);
          continue;
        }

      for (guint t = 0; t < tables->len; t++)
        {
          BnTable *table = tables->pdata[t];

          if (!selector_matches (ctx, &table->when, s))
            continue;
          for (guint r = 0; r < table->n_rows; r++)
            {
              const BnAxisEntry *row = &table->rows[r];
              const BnTerm *pterm = NULL, *fterm = NULL;

              for (guint k = 0; k < row->n_terms; k++)
                {
                  if (row->terms[k].field == BN_FIELD_PLATFORM)
                    pterm = &row->terms[k];
                  else if (row->terms[k].field == BN_FIELD_FIRMWARE)
                    fterm = &row->terms[k];
                }
              if (pterm == NULL || fterm == NULL || pterm->n_values == 0 ||
                  !g_strv_contains ((const char *const *) pterm->strings, platform))
                continue;
              table_ref = table->reference;
              for (guint k = 0; k < fterm->n_values; k++)
                {
                  const BnVersion *top = bn_version_range_top (&fterm->ranges[k]);

                  if (bn_version_range_contains (&fterm->ranges[k], &version))
                    listed = TRUE;
                  if (top != NULL && (newest == NULL || bn_version_compare (top, newest) > 0))
                    {
                      newest = top;
                      newest_label = fterm->text;
                    }
                  if (!fterm->ranges[k].has_low)
                    oldest = NULL, oldest_label = "";
                  else if (oldest_label == NULL ||
                           (oldest != NULL &&
                            bn_version_compare (&fterm->ranges[k].low.v, oldest) < 0))
                    {
                      oldest = &fterm->ranges[k].low.v;
                      oldest_label = fterm->text;
                    }
                }
            }
        }
      if (table_ref == NULL)
        continue;   /* no firmware of this blade supports the mode: 'Supported Model' says so */
      add_ref (res, table_ref);

      {
        BnVersion cut = version;

        if (cut.n_components > newest->n_components)
          cut.n_components = newest->n_components;
        /* Older than the first release that could migrate: §5.32, not selectable. */
        if (oldest != NULL && bn_version_compare (&version, oldest) < 0)
          emit (ctx, res, BN_CHECK_STATUS_ERROR, "firmware-unsupported", table_ref,
                "side", side_label (ctx, s), "value", value, "mode", mode_label (ctx),
                "table", table_ref, "minimum", oldest_label, NULL);
        else if (bn_version_compare (&cut, newest) > 0)
          emit (ctx, res, BN_CHECK_STATUS_WARNING, "firmware-newer", table_ref,
                "side", side_label (ctx, s), "value", value, "newest", newest_label, NULL);
        else if (!listed)
          emit (ctx, res, BN_CHECK_STATUS_WARNING, "firmware-unlisted", table_ref,
                "side", side_label (ctx, s), "value", value, "table", table_ref, NULL);
      }
    }
  return TRUE;
}

static gboolean
check_efi_settings (Ctx          *ctx,
                    const BnItem *item,
                    const BnEval *eval,
                    Result       *res)
{
  JsonObject *a = get_obj (ctx->side[0].blade, "efi_settings");
  JsonObject *b = get_obj (ctx->side[1].blade, "efi_settings");
  g_autoptr(GString) diff = g_string_new (NULL);
  g_autoptr(GList) names = NULL;

  if (a == NULL && b == NULL)
    {
      emit (ctx, res, BN_CHECK_STATUS_WARNING, "not-reported-both", eval->ref,
            "what", item->name, NULL);
      return TRUE;
    }
  if (a == NULL || b == NULL)
    {
      emit (ctx, res, BN_CHECK_STATUS_WARNING, "not-reported", eval->ref,
            "side", side_label (ctx, a == NULL ? 0 : 1), "what", item->name, NULL);
      return TRUE;
    }

  names = g_list_concat (json_object_get_members (a), json_object_get_members (b));
  names = g_list_sort (names, (GCompareFunc) g_strcmp0);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *va = get_str (a, l->data), *vb = get_str (b, l->data);

      if (l->prev != NULL && g_str_equal (l->prev->data, l->data))
        continue;
      if (g_strcmp0 (va, vb) != 0)
        g_string_append_printf (diff, "%s%s %s / %s", diff->len ? ", " : "",
                                (const char *) l->data, va ? va : "-", vb ? vb : "-");
    }
  if (diff->len > 0)
    emit (ctx, res, BN_CHECK_STATUS_ERROR, "efi-settings-differ", eval->ref,
          "value", diff->str, NULL);
  return TRUE;
}

/* What only the activation on the destination needs: refused, unless Shutdown mode leaves
 * the moved LPAR deactivated (§4.2.2), when it is a caveat. */
static BnCheckStatus
activation_shortage (Ctx    *ctx,
                     Result *res)
{
  if (ctx->mode == BN_MODE_SHUTDOWN && ctx->req->no_activation)
    {
      emit (ctx, res, BN_CHECK_STATUS_WARNING, "not-activated", "§4.2.2", NULL);
      return BN_CHECK_STATUS_WARNING;
    }
  return BN_CHECK_STATUS_ERROR;
}

static gboolean
check_activated_lpars (Ctx          *ctx,
                       const BnItem *item,
                       const BnEval *eval,
                       Result       *res)
{
  Side *dst = &ctx->side[1];
  gint64 max = get_int_or (dst->hvm, "max_activated_lpars", dst->max_lpars);
  guint n = 0;

  for (guint i = 0; i < arr_len (dst->lpars); i++)
    if (lpar_activated (arr_obj (dst->lpars, i)))
      n++;
  if ((gint64) n >= max)
    {
      g_autofree char *count = int_str (n);
      g_autofree char *maximum = int_str (max);

      emit (ctx, res, activation_shortage (ctx, res), "activated-full", "表 6-3 #48",
            "count", count, "max", maximum, NULL);
    }
  return TRUE;
}

static gboolean
check_ntp (Ctx          *ctx,
           const BnItem *item,
           const BnEval *eval,
           Result       *res)
{
  g_autofree char *a = join_strings (get_arr (ctx->side[0].hvm, "ntp_servers"), TRUE);
  g_autofree char *b = join_strings (get_arr (ctx->side[1].hvm, "ntp_servers"), TRUE);

  /* Only when NTP is in use (§2.2.1.2.5.3). */
  if ((a != NULL || b != NULL) && g_strcmp0 (a, b) != 0)
    emit (ctx, res, BN_CHECK_STATUS_ERROR, "ntp-differs", eval->ref,
          "source", a, "destination", b, NULL);
  return TRUE;
}

static gboolean
check_security_strength (Ctx          *ctx,
                         const BnItem *item,
                         const BnEval *eval,
                         Result       *res)
{
  for (guint s = 0; s < 2; s++)
    {
      JsonObject *strength = get_obj (ctx->side[s].hvm, "security_strength");
      const char *hcsm = get_str (strength, "hcsm"), *hvmsh = get_str (strength, "hvmsh");

      if ((hcsm != NULL && !g_str_equal (hcsm, eval->value)) ||
          (hvmsh != NULL && !g_str_equal (hvmsh, eval->value)))
        {
          g_autofree char *value = field_value (ctx, BN_FIELD_SECURITY_STRENGTH, s, FALSE);

          emit (ctx, res, BN_CHECK_STATUS_ERROR, "security-not-default", eval->ref,
                "side", side_label (ctx, s), "value", value, "required", eval->value, NULL);
        }
    }
  return TRUE;
}

static gboolean
check_lpar_number (Ctx          *ctx,
                   const BnItem *item,
                   const BnEval *eval,
                   Result       *res)
{
  g_autofree char *src = int_str (ctx->src_lpar);
  g_autofree char *dst = int_str (ctx->dst_lpar);
  g_autofree char *max_src = int_str (ctx->side[0].max_lpars);
  g_autofree char *max_dst = int_str (ctx->side[1].max_lpars);

  if (ctx->dst_lpar == 0)
    {
      emit (ctx, res, BN_CHECK_STATUS_ERROR, "lpar-number-none-free", "§3.1.1.2",
            "max", max_dst, NULL);
      return TRUE;
    }
  if (ctx->src_lpar > ctx->side[1].max_lpars)
    emit (ctx, res, BN_CHECK_STATUS_ERROR, "lpar-number-above-dst", eval->ref,
          "number", src, "max", max_dst, NULL);
  if (ctx->dst_lpar > ctx->side[0].max_lpars)
    emit (ctx, res, BN_CHECK_STATUS_ERROR, "lpar-number-above-src", eval->ref,
          "number", dst, "max", max_src, NULL);
  if (ctx->auto_dst)
    emit (ctx, res, BN_CHECK_STATUS_OK, "lpar-number-auto", "§3.1.1.2", "number", dst, NULL);
  return TRUE;
}

static gboolean
check_lpar_name (Ctx          *ctx,
                 const BnItem *item,
                 const BnEval *eval,
                 Result       *res)
{
  const char *name = get_str (ctx->lpar, "name");
  Side *dst = &ctx->side[1];

  if (g_strcmp0 (name, eval->value) == 0)
    emit (ctx, res, BN_CHECK_STATUS_ERROR, "name-no-name", eval->ref, "value", name, NULL);
  for (guint i = 0; i < arr_len (dst->lpars); i++)
    {
      JsonObject *other = arr_obj (dst->lpars, i);

      if (other != NULL && g_strcmp0 (get_str (other, "name"), name) == 0)
        {
          g_autofree char *number = dup_int (other, "number");

          emit (ctx, res, BN_CHECK_STATUS_ERROR, "name-taken", eval->ref,
                "value", name, "number", number, NULL);
        }
    }
  return TRUE;
}

static gboolean
check_lpar_state (Ctx          *ctx,
                  const BnItem *item,
                  const BnEval *eval,
                  Result       *res)
{
  if (get_bool_or (ctx->lpar, "recovery_required", FALSE))
    emit (ctx, res, BN_CHECK_STATUS_ERROR, "lpar-recovery", "表 6-3 #7", NULL);
  if (get_bool_or (ctx->lpar, "config_invalid", FALSE))
    emit (ctx, res, BN_CHECK_STATUS_ERROR, "lpar-config-invalid", "表 7-2 #9", NULL);
  return TRUE;
}

static gboolean
check_destination_free (Ctx          *ctx,
                        const BnItem *item,
                        const BnEval *eval,
                        Result       *res)
{
  JsonObject *dst;

  if (ctx->dst_lpar == 0)
    return TRUE;   /* 'LPAR#' says no number was free */
  dst = find_lpar (&ctx->side[1], ctx->dst_lpar);
  if (dst != NULL)
    {
      g_autofree char *number = int_str (ctx->dst_lpar);
      g_autofree char *value = g_strdup_printf ("%s, %s", get_str (dst, "name"),
                                                get_str (dst, "status"));

      emit (ctx, res, BN_CHECK_STATUS_ERROR, "destination-defined", "表 8-1 #19",
            "number", number, "value", value, NULL);
    }
  return TRUE;
}

static gboolean
check_processor_group (Ctx          *ctx,
                       const BnItem *item,
                       const BnEval *eval,
                       Result       *res)
{
  Side *dst = &ctx->side[1];

  if (ctx->req->group < 0)
    return FALSE;
  if (!get_bool_or (dst->hvm, "processor_groups", FALSE))
    emit (ctx, res, BN_CHECK_STATUS_ERROR, "group-unsupported", "表 6-3 #21", NULL);
  else if (find_group (dst, ctx->req->group) == NULL)
    {
      g_autofree char *group = g_strdup_printf ("%d", ctx->req->group);

      emit (ctx, res, BN_CHECK_STATUS_ERROR, "group-undefined", "表 6-3 #42",
            "group", group, NULL);
    }
  return TRUE;
}

static gboolean
check_cpu_assign (Ctx          *ctx,
                  const BnItem *item,
                  const BnEval *eval,
                  Result       *res)
{
  Side *dst = &ctx->side[1];
  gint group = ctx->req->group >= 0 && find_group (dst, ctx->req->group) != NULL
               ? ctx->req->group : -1;
  gint64 pool, used, need;
  g_autofree char *where = NULL;
  g_autofree char *need_s = NULL;
  g_autofree char *free_s = NULL;

  cpu_pool (ctx, 1, group, &pool, &used);
  if (group >= 0)
    {
      g_autoptr(GString) w = g_string_new (NULL);
      g_autofree char *g = g_strdup_printf ("%d", group);
      Param params[] = { { "group", g } };

      expand (w, msg (ctx, "cpu-group-where"), params, 1);
      where = g_strdup (w->str);
    }
  else
    where = g_strdup ("");

  need = lpar_dedicated (ctx->lpar) ? get_int_or (get_obj (ctx->lpar, "cpu"), "count", 0) : 1;
  need_s = int_str (need);
  free_s = int_str (pool - used);

  if (lpar_dedicated (ctx->lpar) && need > pool - used)
    emit (ctx, res, activation_shortage (ctx, res), "cpu-dedicated-short", "表 6-3 #28",
          "need", need_s, "free", free_s, "where", where, NULL);
  else if (!lpar_dedicated (ctx->lpar) && pool - used < 1)
    emit (ctx, res, activation_shortage (ctx, res), "cpu-shared-none", "表 6-3 #28",
          "where", where, NULL);
  return TRUE;
}

static gboolean
check_memory (Ctx          *ctx,
              const BnItem *item,
              const BnEval *eval,
              Result       *res)
{
  gint64 need = get_int_or (ctx->lpar, "memory_mb", 0);
  gint64 avail = free_memory (&ctx->side[1]);
  gint64 total = get_int_or (ctx->side[1].blade, "memory_mb", 0);
  g_autofree char *need_s = int_str (need);

  /* More than the blade has: no option helps (§4.2.2 ※). */
  if (need > total)
    {
      g_autofree char *total_s = int_str (total);

      emit (ctx, res, BN_CHECK_STATUS_ERROR, "memory-over-total", "§4.2.2",
            "need", need_s, "max", total_s, NULL);
    }
  else if (need > avail)
    {
      g_autofree char *free_s = int_str (avail);

      emit (ctx, res, activation_shortage (ctx, res), "memory-short", "表 6-3 #29",
            "need", need_s, "free", free_s, NULL);
    }
  return TRUE;
}

static gboolean
check_virtual_com (Ctx          *ctx,
                   const BnItem *item,
                   const BnEval *eval,
                   Result       *res)
{
  Side *dst = &ctx->side[1];
  gint64 cap = get_int_or (dst->hvm, "vc_ports", DEFAULT_VC_SESSIONS);

  if (!get_bool_or (get_obj (ctx->lpar, "virtual_console"), "enabled", FALSE))
    return TRUE;
  if ((gint64) vc_used (dst) >= cap)
    {
      g_autofree char *max = int_str (cap);

      emit (ctx, res, BN_CHECK_STATUS_WARNING, "vc-full", eval->ref, "max", max, NULL);
    }
  else
    emit (ctx, res, BN_CHECK_STATUS_OK, "vc-moves", eval->ref, NULL);
  return TRUE;
}

static gboolean
check_usb (Ctx          *ctx,
           const BnItem *item,
           const BnEval *eval,
           Result       *res)
{
  const char *state = get_str (get_obj (ctx->lpar, "usb"), "state");

  if (state == NULL)
    return TRUE;
  if (ctx->mode == BN_MODE_CONCURRENT && (g_str_equal (state, "R") || g_str_equal (state, "#R")))
    emit (ctx, res, BN_CHECK_STATUS_ERROR, "usb-in-use", "§5.20 (2)", "value", state, NULL);
  else if (ctx->mode == BN_MODE_SHUTDOWN && state[0] == '#')
    emit (ctx, res, BN_CHECK_STATUS_OK, "usb-auto-attach", "表 5-4", "value", state, NULL);
  return TRUE;
}

static gboolean
check_dedicated_usb (Ctx          *ctx,
                     const BnItem *item,
                     const BnEval *eval,
                     Result       *res)
{
  if (arr_len (get_arr (ctx->lpar, "dedicated_usb")) > 0)
    {
      g_autofree char *list = field_value (ctx, BN_FIELD_DEDICATED_USB, 0, TRUE);

      emit (ctx, res, BN_CHECK_STATUS_ERROR, "dedicated-usb", eval->ref, "value", list, NULL);
    }
  return TRUE;
}

static gboolean
check_migration_busy (Ctx          *ctx,
                      const BnItem *item,
                      const BnEval *eval,
                      Result       *res)
{
  for (guint s = 0; s < 2; s++)
    if (get_obj (ctx->side[s].blade, "migration") != NULL)
      emit (ctx, res, BN_CHECK_STATUS_ERROR, "blade-busy", "表 6-3 #2",
            "side", side_label (ctx, s), NULL);
  return TRUE;
}

static gboolean
check_path_interface (Ctx          *ctx,
                      const BnItem *item,
                      const BnEval *eval,
                      Result       *res)
{
  for (guint s = 0; s < 2; s++)
    {
      Side *side = &ctx->side[s];
      const char *segment = get_str (side->path, "segment");
      JsonObject *nic, *port;
      gint64 speed;

      if (side->path == NULL || segment == NULL)
        {
          emit (ctx, res, BN_CHECK_STATUS_ERROR, "path-missing", "表 8-1 #43",
                "side", side_label (ctx, s), NULL);
          continue;
        }
      if (!find_segment (side, segment, &nic, &port))
        {
          emit (ctx, res, BN_CHECK_STATUS_ERROR, "path-no-port", "表 8-1 #43",
                "side", side_label (ctx, s), "segment", segment, NULL);
          continue;
        }
      if (g_strcmp0 (get_str (nic, "scheduling_mode"), "dedicated") == 0)
        emit (ctx, res, BN_CHECK_STATUS_ERROR, "path-dedicated", "表 8-1 #43",
              "side", side_label (ctx, s), "segment", segment, NULL);
      if (!get_int (nic, "speed_mbps", &speed))
        emit (ctx, res, BN_CHECK_STATUS_WARNING, "path-speed-unknown", eval->ref,
              "side", side_label (ctx, s), NULL);
      else if (speed < ctx->rules->path.min_speed_mbps)
        {
          g_autofree char *value = int_str (speed);
          g_autofree char *min = int_str (ctx->rules->path.min_speed_mbps);

          emit (ctx, res, BN_CHECK_STATUS_ERROR, "path-slow", eval->ref,
                "side", side_label (ctx, s), "value", value, "min", min, NULL);
        }
    }
  return TRUE;
}

static gboolean
check_path_ip (Ctx          *ctx,
               const BnItem *item,
               const BnEval *eval,
               Result       *res)
{
  const char *a = get_str (ctx->side[0].path, "ip");
  const char *b = get_str (ctx->side[1].path, "ip");

  if (a != NULL && g_strcmp0 (a, b) == 0)
    emit (ctx, res, BN_CHECK_STATUS_ERROR, "path-same-ip", "表 6-3 #6", "value", a, NULL);
  return TRUE;
}

static gboolean
check_hvm_pending (Ctx          *ctx,
                   const BnItem *item,
                   const BnEval *eval,
                   Result       *res)
{
  for (guint s = 0; s < 2; s++)
    {
      Side *side = &ctx->side[s];
      g_autofree char *recovery = pending_lpars (side, pick_recovery);
      g_autofree char *rollback = pending_lpars (side, pick_rollback);
      g_autofree char *unknown = pending_lpars (side, pick_wwn_unknown);

      if (recovery != NULL)
        emit (ctx, res, BN_CHECK_STATUS_WARNING, "hvm-recovery", "表 5-2",
              "side", side_label (ctx, s), "value", recovery, NULL);
      if (rollback != NULL)
        emit (ctx, res, BN_CHECK_STATUS_ERROR, "hvm-rollback", eval->ref,
              "side", side_label (ctx, s), "value", rollback, NULL);
      if (unknown != NULL)
        emit (ctx, res, BN_CHECK_STATUS_WARNING, "hvm-wwn-unknown", "表 7-2 #12",
              "side", side_label (ctx, s), "value", unknown, NULL);
    }
  return TRUE;
}

/* ---- §2.2.1.2.6 / §2.2.2.8 */

typedef struct
{
  gint64      number;
  const char *segment;
} Vnic;

static guint
collect_vnics (Ctx  *ctx,
               Vnic *out,
               guint max)
{
  JsonArray *vnics = get_arr (ctx->lpar, "vnics");
  guint n = 0;

  for (guint i = 0; i < arr_len (vnics) && n < max; i++)
    {
      JsonObject *v = arr_obj (vnics, i);

      if (v == NULL || get_str (v, "segment") == NULL)
        continue;
      out[n].number = get_int_or (v, "number", -1);
      out[n].segment = get_str (v, "segment");
      n++;
    }
  return n;
}

/* The Virtual NIC Numbers @segment is on, "#0, #1"; returns how many. */
static guint
segment_numbers (Ctx         *ctx,
                 const char  *segment,
                 char       **list)
{
  Vnic vnics[32];
  guint n = collect_vnics (ctx, vnics, G_N_ELEMENTS (vnics)), count = 0;
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (vnics[i].segment, segment))
      {
        g_string_append_printf (out, "%s#%" G_GINT64_FORMAT, out->len ? ", " : "",
                                vnics[i].number);
        count++;
      }
  *list = g_string_free (out, FALSE);
  return count;
}

/* Case 1 for shared NIC @nic: its segments are not on one run of adjacent numbers. */
static gboolean
nic_apart (Ctx    *ctx,
           guint   nic,
           char  **list)
{
  Vnic vnics[32];
  guint n = collect_vnics (ctx, vnics, G_N_ELEMENTS (vnics));
  guint32 numbers = 0;
  gint lo = G_MAXINT, hi = -1, count = 0;
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      if (!segment_is_physical (vnics[i].segment) || segment_nic (vnics[i].segment) != nic ||
          vnics[i].number < 0 || vnics[i].number > 31)
        continue;
      g_string_append_printf (out, "%s#%" G_GINT64_FORMAT " %s", out->len ? ", " : "",
                              vnics[i].number, vnics[i].segment);
      if (numbers & (1u << vnics[i].number))
        continue;
      numbers |= 1u << vnics[i].number;
      lo = MIN (lo, (gint) vnics[i].number);
      hi = MAX (hi, (gint) vnics[i].number);
      count++;
    }
  if (list != NULL)
    *list = g_string_free (out, FALSE);
  else
    g_string_free (out, TRUE);
  return count > 0 && hi - lo + 1 != count;
}

static guint
compute_cases (Ctx *ctx)
{
  Vnic vnics[32];
  guint n = collect_vnics (ctx, vnics, G_N_ELEMENTS (vnics));
  guint cases = 0;

  for (guint i = 0; i < n; i++)
    {
      /* Case 2: Virtual NIC Number #8 … #15 */
      if (vnics[i].number >= STANDARD_MODE_VNIC_NUMBERS)
        cases |= 1u << 1;
      /* Case 3: one segment on several Virtual NIC Numbers */
      for (guint j = i + 1; j < n; j++)
        if (g_str_equal (vnics[i].segment, vnics[j].segment) && vnics[i].number != vnics[j].number)
          cases |= 1u << 2;
    }

  for (guint i = 0; i < n; i++)
    {
      guint nic;
      JsonObject *card;
      guint used = 0;

      if (!segment_is_physical (vnics[i].segment))
        continue;
      nic = segment_nic (vnics[i].segment);
      /* Case 1: a shared NIC's segments on numbers that are not adjacent */
      if (nic_apart (ctx, nic, NULL))
        cases |= 1u << 0;
      /* Case 4: only some ports of one controller */
      card = find_by_int (ctx->side[0].nics, "slot", nic);
      if (card == NULL)
        continue;
      for (guint p = 0; p < arr_len (get_arr (card, "ports")); p++)
        {
          const char *segment = get_str (arr_obj (get_arr (card, "ports"), p), "segment");

          for (guint j = 0; j < n; j++)
            if (g_strcmp0 (vnics[j].segment, segment) == 0)
              {
                used++;
                break;
              }
        }
      if (used < arr_len (get_arr (card, "ports")))
        cases |= 1u << 3;
    }
  return cases;
}

static gboolean
destination_standard (Ctx *ctx)
{
  return g_strcmp0 (hvm_str (&ctx->side[1], "operating_mode"), "Standard") == 0;
}

static gboolean
check_nic_assignment (Ctx          *ctx,
                      const BnItem *item,
                      const BnEval *eval,
                      Result       *res)
{
  BnTable *table = select_table (ctx, BN_KIND_NIC_ASSIGNMENT, 0);
  BnTable *legacy;
  g_autofree char *names = NULL;
  const char *mode = hvm_str (&ctx->side[1], "operating_mode");
  MatchFailure failure = { 0 };
  gboolean refused = FALSE, legacy_refused = FALSE;
  guint c;

  if (table == NULL)
    {
      emit (ctx, res, BN_CHECK_STATUS_OK, "not-applicable", NULL, NULL);
      return FALSE;
    }
  add_ref (res, table->reference);
  if (ctx->cases == 0)
    return TRUE;
  names = case_names (ctx, ctx->cases);

  /* Destination firmware too old for any of the cases, whatever its mode. */
  legacy = select_table (ctx, BN_KIND_NIC_ASSIGNMENT_LEGACY, 1);
  if (legacy != NULL)
    {
      guint r;

      if (lookup (ctx, legacy->rows, legacy->n_rows, 1, &r, &failure) == LOOKUP_FOUND)
        {
          const BnCell *cell = &legacy->cells[r * legacy->n_cols];
          const char *fw = get_str (ctx->side[1].firmware, "hvm");
          BnVersion version;

          if (bn_version_parse (fw, &version, NULL) &&
              bn_version_range_contains (&cell->range, &version))
            {
              emit (ctx, res, BN_CHECK_STATUS_ERROR, "nic-cases-legacy", legacy->reference,
                    "value", names, "firmware", fw, "range", cell->text, NULL);
              legacy_refused = TRUE;
            }
        }
      match_failure_clear (&failure);
    }

  switch (lookup (ctx, table->cols, table->n_cols, 1, &c, &failure))
    {
    case LOOKUP_FOUND:
      for (guint r = 0; r < table->n_rows; r++)
        {
          const BnTerm *term = &table->rows[r].terms[0];
          guint n = term->n_values > 0 ? (guint) g_ascii_strtoull (term->strings[0], NULL, 10)
                                       : 0;

          if (n >= 1 && n <= 4 && (ctx->cases & (1u << (n - 1))) &&
              table->cells[r * table->n_cols + c].verdict == BN_VERDICT_CELL_ERROR)
            refused = TRUE;
        }
      if (refused)
        emit (ctx, res, BN_CHECK_STATUS_ERROR, "nic-cases", table->reference,
              "value", names, "mode", mode, NULL);
      else if (!legacy_refused)
        emit (ctx, res, BN_CHECK_STATUS_OK, "nic-cases-ok", table->reference,
              "value", names, "mode", mode, NULL);
      break;
    default:
      lookup_failed (ctx, res, table, LOOKUP_MISSING, &failure, bn_kind_info[table->kind].col_keys,
                     1);
      break;
    }
  match_failure_clear (&failure);
  return TRUE;
}

static gboolean
check_inter_lpar_vnic (Ctx          *ctx,
                       const BnItem *item,
                       const BnEval *eval,
                       Result       *res)
{
  g_autofree char *list = vnic_list (ctx, pick_inter_lpar);

  if (list != NULL)
    emit (ctx, res, BN_CHECK_STATUS_WARNING, "inter-lpar", eval->ref, "value", list, NULL);
  return TRUE;
}

static gboolean
check_manual_mac (Ctx          *ctx,
                  const BnItem *item,
                  const BnEval *eval,
                  Result       *res)
{
  g_autofree char *list = vnic_list (ctx, pick_manual_mac);

  if (list != NULL)
    emit (ctx, res, BN_CHECK_STATUS_WARNING, "manual-mac", eval->ref, "value", list, NULL);
  return TRUE;
}

/* ---- HBA rows */

static gboolean
check_hba_present (Ctx          *ctx,
                   const BnItem *item,
                   const BnEval *eval,
                   Result       *res)
{
  g_autofree char *slot = dup_int (ctx->vfc, "slot");
  g_autofree char *port = dup_int (ctx->vfc, "port");
  const char *a = get_str (ctx->side[0].hba, "pci_address");
  const char *b = get_str (ctx->side[1].hba, "pci_address");

  if (ctx->side[0].hba == NULL)
    emit (ctx, res, BN_CHECK_STATUS_WARNING, "not-reported", NULL,
          "side", side_label (ctx, 0), "what", "fc_hbas", NULL);
  if (ctx->side[1].hba == NULL)
    emit (ctx, res, BN_CHECK_STATUS_ERROR, "hba-missing", "表 6-3 #20", "slot", slot, NULL);
  else if (ctx->side[1].hba_port == NULL)
    emit (ctx, res, BN_CHECK_STATUS_ERROR, "hba-port-missing", "表 6-3 #37",
          "slot", slot, "port", port, NULL);
  else if (a != NULL && b != NULL && g_ascii_strcasecmp (a, b) != 0)
    emit (ctx, res, BN_CHECK_STATUS_ERROR, "pci-differs", eval->ref,
          "source", a, "destination", b, NULL);
  return TRUE;
}

static JsonObject *
scope_port (Ctx   *ctx,
            guint  s)
{
  return ctx->scope == BN_SCOPE_HBA ? ctx->side[s].hba_port : ctx->side[s].nic_port;
}

static JsonObject *
scope_card (Ctx   *ctx,
            guint  s)
{
  return ctx->scope == BN_SCOPE_HBA ? ctx->side[s].hba : ctx->side[s].nic;
}

static gboolean
check_link (Ctx          *ctx,
            const BnItem *item,
            const BnEval *eval,
            Result       *res)
{
  gboolean link;

  if (get_bool (scope_port (ctx, 1), "link", &link) && !link)
    emit (ctx, res, BN_CHECK_STATUS_ERROR, "link-down", eval->ref, NULL);
  return TRUE;
}

static gboolean
check_device_shared (Ctx          *ctx,
                     const BnItem *item,
                     const BnEval *eval,
                     Result       *res)
{
  if (g_strcmp0 (get_str (scope_card (ctx, 0), "scheduling_mode"), "dedicated") == 0)
    emit (ctx, res, BN_CHECK_STATUS_ERROR, "device-dedicated", eval->ref, NULL);
  return TRUE;
}

static gboolean
check_vfcid (Ctx          *ctx,
             const BnItem *item,
             const BnEval *eval,
             Result       *res)
{
  gint64 slot = get_int_or (ctx->vfc, "slot", -1), port = get_int_or (ctx->vfc, "port", -1);
  JsonArray *fcs = get_arr (ctx->lpar, "fcs");
  gint64 capacity, avail, need = 0;

  for (guint i = 0; i < arr_len (fcs); i++)
    {
      JsonObject *fc = arr_obj (fcs, i);

      if (get_int_or (fc, "slot", -2) == slot && get_int_or (fc, "port", -2) == port)
        need++;
    }
  if (get_int_or (ctx->vfc, "vfcid", 0) == 1)
    emit (ctx, res, BN_CHECK_STATUS_OK, "vfcid-one", "§5.21", NULL);
  if (ctx->side[1].hba_port == NULL)
    return TRUE;   /* 'PCI Address' says the port is missing */

  avail = free_vfcids (&ctx->side[1], slot, port, &capacity);
  if (avail < 0)
    emit (ctx, res, BN_CHECK_STATUS_WARNING, "not-reported", NULL,
          "side", side_label (ctx, 1), "what", "vfc_ids", NULL);
  else if (need > avail)
    {
      g_autofree char *need_s = int_str (need);
      g_autofree char *free_s = int_str (MAX (avail, 0));

      emit (ctx, res, BN_CHECK_STATUS_ERROR, "vfcid-short", "表 6-3 #38",
            "need", need_s, "free", free_s, NULL);
    }
  return TRUE;
}

static gboolean
check_storage (Ctx          *ctx,
               const BnItem *item,
               const BnEval *eval,
               Result       *res)
{
  const char *a = get_str (ctx->side[0].hba, "storage");
  const char *b = get_str (ctx->side[1].hba, "storage");
  const char *pa, *pb;
  gsize la, lb;

  if (a == NULL || b == NULL)
    {
      if (a == NULL && b == NULL)
        emit (ctx, res, BN_CHECK_STATUS_WARNING, "not-reported-both", eval->ref,
              "what", item->name, NULL);
      else
        emit (ctx, res, BN_CHECK_STATUS_WARNING, "not-reported", eval->ref,
              "side", side_label (ctx, a == NULL ? 0 : 1), "what", item->name, NULL);
      return TRUE;
    }
  /* "AMS2500-85011234:0A": the storage system, then its port. */
  pa = strrchr (a, ':');
  pb = strrchr (b, ':');
  la = pa != NULL ? (gsize) (pa - a) : strlen (a);
  lb = pb != NULL ? (gsize) (pb - b) : strlen (b);
  if (la != lb || strncmp (a, b, la) != 0)
    emit (ctx, res, BN_CHECK_STATUS_ERROR, "storage-system-differs", eval->ref,
          "source", a, "destination", b, NULL);
  else if (g_strcmp0 (pa, pb) != 0)
    {
      if (ctx->mode == BN_MODE_CONCURRENT)
        emit (ctx, res, BN_CHECK_STATUS_ERROR, "storage-port-differs", eval->ref,
              "source", a, "destination", b, NULL);
      else
        emit (ctx, res, BN_CHECK_STATUS_WARNING, "storage-port-differs-shutdown", "§5.11",
              "source", a, "destination", b, NULL);
    }
  return TRUE;
}

/* ---- NIC rows */

static gboolean
check_vnic_segment (Ctx          *ctx,
                    const BnItem *item,
                    const BnEval *eval,
                    Result       *res)
{
  const char *segment = get_str (ctx->vnic, "segment");
  gboolean applies = select_table (ctx, BN_KIND_NIC_ASSIGNMENT, 0) != NULL &&
                     destination_standard (ctx);

  if (ctx->vnic_virtual)
    return TRUE;
  if (ctx->side[1].nic_port == NULL)
    {
      emit (ctx, res, BN_CHECK_STATUS_ERROR, "segment-missing", "表 6-3 #33",
            "segment", segment, NULL);
      return TRUE;
    }
  if (g_strcmp0 (get_str (ctx->side[1].nic, "scheduling_mode"), "dedicated") == 0)
    emit (ctx, res, BN_CHECK_STATUS_ERROR, "segment-dedicated", eval->ref,
          "segment", segment, NULL);
  if (applies)
    {
      g_autofree char *numbers = NULL;
      g_autofree char *apart = NULL;
      g_autofree char *nic = int_str (segment_nic (segment));

      if (segment_numbers (ctx, segment, &numbers) > 1)
        emit (ctx, res, BN_CHECK_STATUS_ERROR, "segment-multi", "表 8-3 #7",
              "segment", segment, "value", numbers, NULL);
      if (nic_apart (ctx, segment_nic (segment), &apart))
        emit (ctx, res, BN_CHECK_STATUS_ERROR, "segment-apart", "表 8-3 #7",
              "nic", nic, "value", apart, NULL);
    }
  return TRUE;
}

static gboolean
check_vnic_number (Ctx          *ctx,
                   const BnItem *item,
                   const BnEval *eval,
                   Result       *res)
{
  gint64 number = get_int_or (ctx->vnic, "number", 0);

  /* A Standard-mode HVM has Virtual NIC Numbers 0 … 7 only, whatever the platform. */
  if (number >= STANDARD_MODE_VNIC_NUMBERS && destination_standard (ctx))
    {
      g_autofree char *n = int_str (number);

      emit (ctx, res, BN_CHECK_STATUS_ERROR, "vnic-number-range", "表 8-3 #8", "number", n, NULL);
    }
  return TRUE;
}

static gboolean
check_cluster (Ctx          *ctx,
               const BnItem *item,
               const BnEval *eval,
               Result       *res)
{
  if (get_bool_or (ctx->side[0].blade, "cluster", FALSE))
    emit (ctx, res, BN_CHECK_STATUS_ERROR, "source-clustered", eval->ref, NULL);
  return TRUE;
}

static const CheckFunc check_funcs[BN_N_CHECKS] = {
  [BN_CHECK_EQUAL] = check_equal,
  [BN_CHECK_TABLE] = check_table_eval,
  [BN_CHECK_FIRMWARE_SUPPORT] = check_firmware_support,
  [BN_CHECK_EFI_SETTINGS] = check_efi_settings,
  [BN_CHECK_ACTIVATED_LPARS] = check_activated_lpars,
  [BN_CHECK_NTP] = check_ntp,
  [BN_CHECK_SECURITY_STRENGTH] = check_security_strength,
  [BN_CHECK_LPAR_NUMBER] = check_lpar_number,
  [BN_CHECK_LPAR_NAME] = check_lpar_name,
  [BN_CHECK_LPAR_STATE] = check_lpar_state,
  [BN_CHECK_DESTINATION_FREE] = check_destination_free,
  [BN_CHECK_PROCESSOR_GROUP] = check_processor_group,
  [BN_CHECK_CPU_ASSIGN] = check_cpu_assign,
  [BN_CHECK_MEMORY] = check_memory,
  [BN_CHECK_VIRTUAL_COM] = check_virtual_com,
  [BN_CHECK_USB] = check_usb,
  [BN_CHECK_DEDICATED_USB] = check_dedicated_usb,
  [BN_CHECK_MIGRATION_BUSY] = check_migration_busy,
  [BN_CHECK_PATH_INTERFACE] = check_path_interface,
  [BN_CHECK_PATH_IP] = check_path_ip,
  [BN_CHECK_HVM_PENDING] = check_hvm_pending,
  [BN_CHECK_NIC_ASSIGNMENT] = check_nic_assignment,
  [BN_CHECK_INTER_LPAR_VNIC] = check_inter_lpar_vnic,
  [BN_CHECK_MANUAL_MAC] = check_manual_mac,
  [BN_CHECK_HBA_PRESENT] = check_hba_present,
  [BN_CHECK_LINK] = check_link,
  [BN_CHECK_DEVICE_SHARED] = check_device_shared,
  [BN_CHECK_VFCID] = check_vfcid,
  [BN_CHECK_STORAGE] = check_storage,
  [BN_CHECK_VNIC_SEGMENT] = check_vnic_segment,
  [BN_CHECK_VNIC_NUMBER] = check_vnic_number,
  [BN_CHECK_CLUSTER] = check_cluster,
};

/* ---------------------------------------------------------------------------------- */
/* items and the report */

static gboolean
scope_device_missing (Ctx *ctx)
{
  if (ctx->scope == BN_SCOPE_HBA)
    return ctx->side[0].hba_port == NULL || ctx->side[1].hba_port == NULL;
  if (ctx->scope == BN_SCOPE_NIC)
    return !ctx->vnic_virtual && (ctx->side[0].nic_port == NULL ||
                                  ctx->side[1].nic_port == NULL);
  return FALSE;
}

/* The text of @text, or NULL when it is empty; frees @text. */
static char *
take_text (GString *text)
{
  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  return g_string_free (text, FALSE);
}

static void
evaluate_item (Ctx                  *ctx,
               const BnSectionRules *section,
               const BnItem         *item,
               const char           *group,
               BnCheckReport        *report)
{
  Result res = { BN_CHECK_STATUS_OK, FALSE, g_string_new (NULL), g_string_new (NULL),
                 g_ptr_array_new () };
  g_autoptr(GString) reference = g_string_new (item->viewer);
  char *source = field_value (ctx, item->show_source, 0, FALSE);
  char *destination = field_value (ctx, item->show_destination, 1, FALSE);
  BnCheckStatus status;
  char *id;

  if (item->physical && ctx->vnic_virtual)
    emit (ctx, &res, BN_CHECK_STATUS_OK, "virtual-segment", NULL, NULL);
  else
    for (guint e = 0; e < item->n_evals; e++)
      {
        const BnEval *eval = &item->evals[e];
        BnSideRule side = eval->side_set ? eval->side : bn_kind_info[eval->kind].side;
        gboolean lookup_check = eval->check == BN_CHECK_EQUAL ||
                                (eval->check == BN_CHECK_TABLE && side != BN_SIDE_SOURCE);

        if (!selector_matches (ctx, &eval->when, 0))
          continue;
        /* A row whose device the destination lacks: 'PCI Address' / 'VNIC Segment ID'
         * report that once instead of every row comparing with nothing. */
        if (lookup_check && scope_device_missing (ctx))
          continue;
        if (check_funcs[eval->check] (ctx, item, eval, &res))
          {
            res.applied = TRUE;
            add_ref (&res, eval->ref);
          }
      }

  status = res.status;
  if (!res.applied && status == BN_CHECK_STATUS_OK)
    status = BN_CHECK_STATUS_INFO;

  for (guint i = 0; i < res.refs->len; i++)
    if (item->viewer == NULL || !g_str_equal (res.refs->pdata[i], item->viewer))
      {
        if (reference->len > 0)
          g_string_append (reference, ", ");
        g_string_append (reference, res.refs->pdata[i]);
      }

  if (section->scope == BN_SCOPE_BLADE)
    id = g_strconcat (section->id, "/", item->id, NULL);
  else
    id = g_strconcat (section->id, "/", group, "/", item->id, NULL);

  _bn_check_report_append (report,
                           _bn_check_item_new (id, section->section,
                                               g_strdup (group != NULL ? group : item->group),
                                               item->name, source, destination, status,
                                               take_text (res.message), take_text (res.remedy),
                                               reference->len ? g_strdup (reference->str) : NULL,
                                               item->viewer));
  g_ptr_array_unref (res.refs);
}

static void
evaluate_section (Ctx                  *ctx,
                  const BnSectionRules *section,
                  BnCheckReport        *report)
{
  ctx->scope = section->scope;

  switch (section->scope)
    {
    case BN_SCOPE_BLADE:
      for (guint i = 0; i < section->n_items; i++)
        evaluate_item (ctx, section, &section->items[i], NULL, report);
      break;

    case BN_SCOPE_HBA:
      {
        JsonArray *fcs = get_arr (ctx->lpar, "fcs");

        for (guint f = 0; f < arr_len (fcs); f++)
          {
            g_autofree char *group = g_strdup_printf ("HBA%u", f + 1);

            ctx->vfc = arr_obj (fcs, f);
            for (guint s = 0; s < 2; s++)
              {
                Side *side = &ctx->side[s];

                side->hba = find_by_int (side->hbas, "slot", get_int_or (ctx->vfc, "slot", -1));
                side->hba_port = find_by_int (get_arr (side->hba, "ports"), "port",
                                              get_int_or (ctx->vfc, "port", -1));
              }
            for (guint i = 0; i < section->n_items; i++)
              evaluate_item (ctx, section, &section->items[i], group, report);
          }
        ctx->vfc = NULL;
        ctx->side[0].hba = ctx->side[1].hba = NULL;
        ctx->side[0].hba_port = ctx->side[1].hba_port = NULL;
        break;
      }

    case BN_SCOPE_NIC:
      {
        JsonArray *vnics = get_arr (ctx->lpar, "vnics");
        g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

        for (guint v = 0; v < arr_len (vnics); v++)
          if (arr_obj (vnics, v) != NULL)
            g_ptr_array_add (sorted, arr_obj (vnics, v));
        for (guint a = 1; a < sorted->len; a++)   /* insertion sort: at most 16 */
          for (guint b = a; b > 0 && get_int_or (sorted->pdata[b - 1], "number", 0) >
                                     get_int_or (sorted->pdata[b], "number", 0); b--)
            {
              gpointer t = sorted->pdata[b];

              sorted->pdata[b] = sorted->pdata[b - 1];
              sorted->pdata[b - 1] = t;
            }

        for (guint v = 0; v < sorted->len; v++)
          {
            g_autofree char *group = g_strdup_printf ("NIC%u", v + 1);
            const char *segment;

            ctx->vnic = sorted->pdata[v];
            segment = get_str (ctx->vnic, "segment");
            ctx->vnic_virtual = !segment_is_physical (segment);
            for (guint s = 0; s < 2; s++)
              {
                Side *side = &ctx->side[s];

                if (ctx->vnic_virtual || !find_segment (side, segment, &side->nic, &side->nic_port))
                  side->nic = side->nic_port = NULL;
              }
            for (guint i = 0; i < section->n_items; i++)
              evaluate_item (ctx, section, &section->items[i], group, report);
          }
        ctx->vnic = NULL;
        ctx->vnic_virtual = FALSE;
        ctx->side[0].nic = ctx->side[1].nic = NULL;
        ctx->side[0].nic_port = ctx->side[1].nic_port = NULL;
        break;
      }

    case BN_SCOPE_LPAR:
    case BN_SCOPE_PAIR:
    default:
      g_assert_not_reached ();
    }
  ctx->scope = BN_SCOPE_BLADE;
}

/* ---------------------------------------------------------------------------------- */
/* the request */

static gboolean
require (JsonObject  *object,
         const char  *path,
         const char  *name,
         JsonNodeType type,
         GType        value_type,
         const char  *which,
         GError     **error)
{
  JsonNode *node = member (object, name);

  if (node == NULL || json_node_get_node_type (node) != type ||
      (type == JSON_NODE_VALUE && json_node_get_value_type (node) != value_type))
    {
      g_set_error (error, BN_CHECK_ERROR, BN_CHECK_ERROR_INVALID_DOCUMENT,
                   "%s blade: the member “%s%s” is missing or of the wrong type",
                   which, path, name);
      return FALSE;
    }
  return TRUE;
}

static guint
max_lpars_of (JsonObject *hvm)
{
  gint64 max = get_int_or (hvm, "max_lpars", MAX_LPAR_NUMBER);

  return (guint) CLAMP (max, 1, MAX_LPAR_NUMBER);
}

static gboolean
prepare_side (Ctx         *ctx,
              guint        s,
              JsonObject  *blade,
              GError     **error)
{
  Side *side = &ctx->side[s];
  const char *which = s == 0 ? "source" : "destination";
  JsonArray *paths;
  BnPlatform *platform;

  if (!require (blade, "", "id", JSON_NODE_VALUE, G_TYPE_STRING, which, error) ||
      !require (blade, "", "address", JSON_NODE_VALUE, G_TYPE_STRING, which, error) ||
      !require (blade, "", "platform", JSON_NODE_VALUE, G_TYPE_STRING, which, error) ||
      !require (blade, "", "model", JSON_NODE_VALUE, G_TYPE_STRING, which, error) ||
      !require (blade, "", "firmware", JSON_NODE_OBJECT, 0, which, error) ||
      !require (blade, "", "hvm", JSON_NODE_OBJECT, 0, which, error) ||
      !require (blade, "", "cpu", JSON_NODE_OBJECT, 0, which, error) ||
      !require (blade, "", "memory_mb", JSON_NODE_VALUE, G_TYPE_INT64, which, error))
    return FALSE;

  side->blade = blade;
  side->firmware = get_obj (blade, "firmware");
  side->hvm = get_obj (blade, "hvm");
  side->cpu = get_obj (blade, "cpu");

  if (!require (side->firmware, "firmware.", "hvm", JSON_NODE_VALUE, G_TYPE_STRING, which, error) ||
      !require (side->firmware, "firmware.", "efi", JSON_NODE_VALUE, G_TYPE_STRING, which, error) ||
      !require (side->hvm, "hvm.", "model", JSON_NODE_VALUE, G_TYPE_STRING, which, error) ||
      !require (side->hvm, "hvm.", "operating_mode", JSON_NODE_VALUE, G_TYPE_STRING, which,
                error) ||
      !require (side->cpu, "cpu.", "physical_count", JSON_NODE_VALUE, G_TYPE_INT64, which, error))
    return FALSE;

  side->chassis = get_obj (blade, "chassis");
  side->lpars = get_arr (blade, "lpars");
  side->nics = get_arr (blade, "nics");
  side->hbas = get_arr (blade, "fc_hbas");
  side->platform = get_str (blade, "platform");
  side->model = get_str (blade, "model");
  side->max_lpars = max_lpars_of (side->hvm);

  platform = g_hash_table_lookup (ctx->rules->platforms, side->platform);
  side->chassis_type = get_str (side->chassis, "type");
  if (side->chassis_type == NULL && platform != NULL)
    side->chassis_type = platform->chassis;

  paths = get_arr (blade, "migration_paths");
  side->path = NULL;
  for (guint i = 0; i < arr_len (paths) && side->path == NULL; i++)
    if (get_bool_or (arr_obj (paths, i), "primary", FALSE))
      side->path = arr_obj (paths, i);
  if (side->path == NULL && arr_len (paths) > 0)
    side->path = arr_obj (paths, 0);
  return TRUE;
}

guint
bn_checker_auto_destination (JsonObject *blade)
{
  JsonArray *lpars;
  guint max;

  g_return_val_if_fail (blade != NULL, 0);

  lpars = get_arr (blade, "lpars");
  max = max_lpars_of (get_obj (blade, "hvm"));
  for (guint n = 1; n <= max; n++)
    if (find_by_int (lpars, "number", n) == NULL)
      return n;
  return 0;
}

BnCheckReport *
bn_checker_evaluate (BnRules              *rules,
                     const BnCheckRequest *request,
                     GError              **error)
{
  g_autoptr(BnCheckReport) report = NULL;
  Ctx ctx = { 0 };

  g_return_val_if_fail (BN_IS_RULES (rules), NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (request->mode != BN_MODE_SHUTDOWN && request->mode != BN_MODE_CONCURRENT)
    {
      g_set_error (error, BN_CHECK_ERROR, BN_CHECK_ERROR_INVALID_REQUEST,
                   "mode %d is neither Shutdown nor Concurrent Maintenance", (int) request->mode);
      return NULL;
    }
  if (request->src_blade == NULL || request->dst_blade == NULL)
    {
      g_set_error_literal (error, BN_CHECK_ERROR, BN_CHECK_ERROR_INVALID_REQUEST,
                           "a source and a destination blade are needed");
      return NULL;
    }
  if (request->group < -1 || request->group > MAX_GROUP)
    {
      g_set_error (error, BN_CHECK_ERROR, BN_CHECK_ERROR_OUT_OF_RANGE,
                   "processor group %d is out of range 0 … %d", request->group, MAX_GROUP);
      return NULL;
    }

  ctx.rules = rules;
  ctx.req = request;
  ctx.mode = request->mode;
  ctx.ja = request->language != NULL && g_str_has_prefix (request->language, "ja");
  ctx.scope = BN_SCOPE_BLADE;

  if (!prepare_side (&ctx, 0, request->src_blade, error) ||
      !prepare_side (&ctx, 1, request->dst_blade, error))
    return NULL;

  if (request->src_lpar < 1 || request->src_lpar > ctx.side[0].max_lpars)
    {
      g_set_error (error, BN_CHECK_ERROR, BN_CHECK_ERROR_OUT_OF_RANGE,
                   "LPAR %u is out of range 1 … %u on HVM %s", request->src_lpar,
                   ctx.side[0].max_lpars, get_str (request->src_blade, "id"));
      return NULL;
    }
  if (request->dst_lpar > ctx.side[1].max_lpars)
    {
      g_set_error (error, BN_CHECK_ERROR, BN_CHECK_ERROR_OUT_OF_RANGE,
                   "LPAR %u is out of range 1 … %u on HVM %s", request->dst_lpar,
                   ctx.side[1].max_lpars, get_str (request->dst_blade, "id"));
      return NULL;
    }
  ctx.lpar = find_lpar (&ctx.side[0], request->src_lpar);
  if (ctx.lpar == NULL)
    {
      g_set_error (error, BN_CHECK_ERROR, BN_CHECK_ERROR_UNKNOWN_LPAR,
                   "LPAR %u is not defined on HVM %s", request->src_lpar,
                   get_str (request->src_blade, "id"));
      return NULL;
    }

  ctx.src_lpar = request->src_lpar;
  ctx.auto_dst = request->dst_lpar == 0;
  ctx.dst_lpar = ctx.auto_dst ? bn_checker_auto_destination (request->dst_blade)
                              : request->dst_lpar;
  ctx.cases = compute_cases (&ctx);

  report = _bn_check_report_new (ctx.mode);
  report->source_hvm = g_strdup (get_str (request->src_blade, "id"));
  report->source_lpar = ctx.src_lpar;
  report->source_name = g_strdup (get_str (ctx.lpar, "name"));
  report->destination_hvm = g_strdup (get_str (request->dst_blade, "id"));
  report->destination_lpar = ctx.dst_lpar;
  report->auto_destination = ctx.auto_dst;
  report->group = request->group;

  for (guint s = 0; s < rules->n_sections; s++)
    {
      const BnSectionRules *section = &rules->sections[s];

      report->section_titles[section->section] = g_strdup (text_of (&ctx, &section->title));
      evaluate_section (&ctx, section, report);
    }

  return g_steal_pointer (&report);
}
