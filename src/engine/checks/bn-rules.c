/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-rules"

#include "config.h"

#include <string.h>

#include "bn-check-report.h"
#include "bn-checker-private.h"
#include "bn-checks-resources.h"
#include "bn-rules-private.h"

#define RULES_FORMAT "bladenav-checks/1"
#define DEFAULT_RESOURCE_DIR "/io/github/bladenav/checks/rules"

G_DEFINE_QUARK (bn-check-error-quark, bn_check_error)

const BnFieldInfo bn_field_info[BN_N_FIELDS] = {
#define BN_FIELD(id, name, scope, type) [BN_FIELD_##id] = { name, scope, type },
#include "bn-fields.h"
#undef BN_FIELD
};

#define F(id) BN_FIELD_##id
#define NOKEYS { { NULL, 0 } }

/* What each "check" of a table means: which side's document its rows and columns read,
 * under which member names, and what its cells hold. */
const BnKindInfo bn_kind_info[BN_N_KINDS] = {
  [BN_KIND_SUPPORTED_MODEL] = { "supported-model", BN_SIDE_EACH,
    { { "platform", F (PLATFORM) } }, NOKEYS, BN_CELL_MODELS, F (MODEL), FALSE },
  [BN_KIND_SUPPORTED_FIRMWARE] = { "supported-firmware", BN_SIDE_EACH,
    { { "platform", F (PLATFORM) }, { "firmware", F (FIRMWARE) } }, NOKEYS,
    BN_CELL_TEXT, F (NONE), FALSE },
  [BN_KIND_HVM_MODEL] = { "hvm-model", BN_SIDE_EACH,
    { { "hvm_model", F (HVM_MODEL) } }, NOKEYS, BN_CELL_VERDICT, F (NONE), FALSE },
  [BN_KIND_POSITION] = { "position", BN_SIDE_PAIR,
    { { "position", F (POSITION) } }, NOKEYS, BN_CELL_VERDICT, F (NONE), FALSE },
  [BN_KIND_DICTIONARY] = { "dictionary", BN_SIDE_EACH,
    { { "chassis_type", F (CHASSIS_TYPE) } }, NOKEYS,
    BN_CELL_VERSION_MIN, F (DICTIONARY_VERSION), TRUE },
  [BN_KIND_BLADE_MODEL] = { "blade-model", BN_SIDE_PAIR,
    { { "model", F (MODEL) } }, { { "model", F (MODEL) } }, BN_CELL_VERDICT, F (NONE), FALSE },
  [BN_KIND_PROCESSOR_TYPE] = { "processor-type", BN_SIDE_PAIR,
    { { "processor_type", F (PROCESSOR_TYPE) } }, { { "processor_type", F (PROCESSOR_TYPE) } },
    BN_CELL_VERDICT, F (NONE), FALSE },
  [BN_KIND_PROCESSOR_FIRMWARE] = { "processor-firmware", BN_SIDE_PAIR,
    { { "firmware", F (FIRMWARE) } }, { { "firmware", F (FIRMWARE) } },
    BN_CELL_VERDICT, F (NONE), FALSE },
  [BN_KIND_SMP] = { "smp", BN_SIDE_PAIR,
    { { "blade_count", F (BLADE_COUNT) } }, { { "blade_count", F (BLADE_COUNT) } },
    BN_CELL_VERDICT, F (NONE), FALSE },
  [BN_KIND_EFI] = { "efi", BN_SIDE_PAIR,
    { { "efi", F (EFI) } }, { { "efi", F (EFI) } }, BN_CELL_VERDICT, F (NONE), FALSE },
  [BN_KIND_HVM_FIRMWARE] = { "hvm-firmware", BN_SIDE_PAIR,
    { { "firmware", F (FIRMWARE) } }, { { "firmware", F (FIRMWARE) } },
    BN_CELL_VERDICT, F (NONE), FALSE },
  [BN_KIND_VNIC_SYSTEM_NO] = { "vnic-system-no", BN_SIDE_PAIR,
    { { "firmware", F (FIRMWARE) }, { "vnic_system_no", F (VNIC_SYSTEM_NO) } },
    { { "firmware", F (FIRMWARE) }, { "vnic_system_no", F (VNIC_SYSTEM_NO) } },
    BN_CELL_VERDICT, F (NONE), FALSE },
  [BN_KIND_VNIC_DEVICE_TYPE] = { "vnic-device-type", BN_SIDE_PAIR,
    { { "firmware", F (FIRMWARE) }, { "vnic_device_type", F (VNIC_DEVICE_TYPE) } },
    { { "firmware", F (FIRMWARE) }, { "operating_mode", F (OPERATING_MODE) } },
    BN_CELL_VERDICT, F (NONE), FALSE },
  [BN_KIND_MIGRATION_COUNT] = { "migration-count", BN_SIDE_DESTINATION,
    { { "firmware", F (FIRMWARE) } }, { { "shared_nic_ports", F (SHARED_NIC_PORTS) } },
    BN_CELL_INTEGER, F (MIGRATIONS_AS_DESTINATION), TRUE },
  [BN_KIND_LPAR_STATUS] = { "lpar-status", BN_SIDE_SOURCE,
    { { "lpar_status", F (LPAR_STATUS) } }, NOKEYS, BN_CELL_VERDICT, F (NONE), FALSE },
  [BN_KIND_LPAR_DEVICES] = { "lpar-devices", BN_SIDE_SOURCE,
    { { "device", F (DEVICE) } }, NOKEYS, BN_CELL_VERDICT, F (NONE), FALSE },
  [BN_KIND_GUEST_OS] = { "guest-os", BN_SIDE_EACH,
    { { "os", F (OS) }, { "version", F (OS_VERSION) } },
    { { "platform", F (PLATFORM) }, { "model", F (MODEL) } },
    BN_CELL_VERSION_MIN, F (FIRMWARE), FALSE },
  [BN_KIND_FC_FIRMWARE] = { "fc-firmware", BN_SIDE_EACH,
    { { "type", F (HBA_TYPE) } }, NOKEYS, BN_CELL_VERSION_MIN, F (FC_FIRMWARE), FALSE },
  [BN_KIND_FC_DRIVER] = { "fc-driver", BN_SIDE_SOURCE,
    { { "os", F (OS) }, { "version", F (OS_VERSION) }, { "arch", F (ARCH) } }, NOKEYS,
    BN_CELL_VERSION_MIN, F (FC_DRIVER), FALSE },
  [BN_KIND_FC_CONNECTION] = { "fc-connection", BN_SIDE_EACH,
    { { "connection", F (HBA_CONNECTION) } }, { { "type", F (HBA_TYPE) } },
    BN_CELL_VERDICT, F (NONE), FALSE },
  [BN_KIND_FC_PORT_STATE] = { "fc-port-state", BN_SIDE_PAIR,
    { { "state", F (HBA_STATE) } }, { { "state", F (HBA_STATE) } },
    BN_CELL_VERDICT, F (NONE), FALSE },
  [BN_KIND_NIC_PORT_STATE] = { "nic-port-state", BN_SIDE_PAIR,
    { { "state", F (NIC_STATE) } }, { { "state", F (NIC_STATE) } },
    BN_CELL_VERDICT, F (NONE), FALSE },
  [BN_KIND_NIC_ASSIGNMENT] = { "nic-assignment", BN_SIDE_DESTINATION,
    { { "case", F (CASE) } }, { { "operating_mode", F (OPERATING_MODE) } },
    BN_CELL_VERDICT, F (NONE), FALSE },
  [BN_KIND_NIC_ASSIGNMENT_LEGACY] = { "nic-assignment-legacy", BN_SIDE_DESTINATION,
    { { "platform", F (PLATFORM) } }, NOKEYS, BN_CELL_RANGE, F (FIRMWARE), TRUE },
  [BN_KIND_MIGRATION_PATH] = { "migration-path", BN_SIDE_EACH,
    { { "case", F (CASE) } }, { { "chassis_type", F (CHASSIS_TYPE) } },
    BN_CELL_VERDICT, F (NONE), FALSE },
  [BN_KIND_REFERENCE] = { "reference", BN_SIDE_PAIR, NOKEYS, NOKEYS, BN_CELL_ANY, F (NONE), FALSE },
};

#undef F
#undef NOKEYS

const char *const bn_check_names[BN_N_CHECKS] = {
  [BN_CHECK_EQUAL] = "equal",
  [BN_CHECK_TABLE] = "table",
  [BN_CHECK_FIRMWARE_SUPPORT] = "firmware-support",
  [BN_CHECK_EFI_SETTINGS] = "efi-settings",
  [BN_CHECK_ACTIVATED_LPARS] = "activated-lpars",
  [BN_CHECK_NTP] = "ntp",
  [BN_CHECK_SECURITY_STRENGTH] = "security-strength",
  [BN_CHECK_LPAR_NUMBER] = "lpar-number",
  [BN_CHECK_LPAR_NAME] = "lpar-name",
  [BN_CHECK_LPAR_STATE] = "lpar-state",
  [BN_CHECK_DESTINATION_FREE] = "destination-free",
  [BN_CHECK_PROCESSOR_GROUP] = "processor-group",
  [BN_CHECK_CPU_ASSIGN] = "cpu-assign",
  [BN_CHECK_MEMORY] = "memory",
  [BN_CHECK_VIRTUAL_COM] = "virtual-com",
  [BN_CHECK_USB] = "usb",
  [BN_CHECK_DEDICATED_USB] = "dedicated-usb",
  [BN_CHECK_MIGRATION_BUSY] = "migration-busy",
  [BN_CHECK_PATH_INTERFACE] = "path-interface",
  [BN_CHECK_PATH_IP] = "path-ip",
  [BN_CHECK_HVM_PENDING] = "hvm-pending",
  [BN_CHECK_NIC_ASSIGNMENT] = "nic-assignment",
  [BN_CHECK_INTER_LPAR_VNIC] = "inter-lpar-vnic",
  [BN_CHECK_MANUAL_MAC] = "manual-mac",
  [BN_CHECK_HBA_PRESENT] = "hba-present",
  [BN_CHECK_LINK] = "link",
  [BN_CHECK_DEVICE_SHARED] = "device-shared",
  [BN_CHECK_VFCID] = "vfcid",
  [BN_CHECK_STORAGE] = "storage",
  [BN_CHECK_VNIC_SEGMENT] = "vnic-segment",
  [BN_CHECK_VNIC_NUMBER] = "vnic-number",
  [BN_CHECK_CLUSTER] = "cluster",
};

/* The values fleet.schema.json allows; a rules file naming anything else is a typo. */
static const char *const known_chassis[] = { "BS1000", "BS2000", "BS320", "BS500", NULL };
static const char *const known_platforms[] = {
  "standard", "high-performance", "BS320", "BS520H", "BS520A", "BS540A", "BS1000", NULL
};
static const char *const known_models[] = {
  "A1", "A2", "R3", "S3", "R4", "S4", "A1/E1", "A2/E2", "P4", "P5", "B1", "B2", NULL
};

/* Placeholders a text may use; bn-checker.c fills them. */
static const char *const known_placeholders[] = {
  "side", "what", "source", "destination", "value", "error", "mode", "table", "row",
  "column", "minimum", "count", "limit", "newest", "required", "number", "max", "group",
  "need", "free", "where", "segment", "min", "slot", "port", "pairs", "nic", "firmware",
  "range", NULL
};

struct _BnRulesClass
{
  GObjectClass parent_class;
};

G_DEFINE_FINAL_TYPE (BnRules, bn_rules, G_TYPE_OBJECT)

/* ---------------------------------------------------------------------------------- */
/* freeing */

static void
text_clear (BnText *text)
{
  g_clear_pointer (&text->en, g_free);
  g_clear_pointer (&text->ja, g_free);
}

static void
term_clear (BnTerm *term)
{
  g_strfreev (term->strings);
  g_free (term->ranges);
  g_free (term->text);
}

static void
axis_clear (BnAxisEntry *entries,
            guint        n)
{
  for (guint i = 0; i < n; i++)
    {
      for (guint j = 0; j < entries[i].n_terms; j++)
        term_clear (&entries[i].terms[j]);
      g_free (entries[i].terms);
      g_free (entries[i].label);
    }
  g_free (entries);
}

static void
selector_clear (BnSelector *sel)
{
  g_strfreev (sel->chassis);
  g_strfreev (sel->platforms);
  g_strfreev (sel->models);
}

static void
table_free (BnTable *table)
{
  g_free (table->file);
  g_free (table->number);
  g_free (table->section);
  g_free (table->reference);
  text_clear (&table->title);
  text_clear (&table->remark);
  selector_clear (&table->when);
  axis_clear (table->rows, table->n_rows);
  axis_clear (table->cols, table->n_cols);
  for (guint i = 0; table->cells != NULL && i < table->n_rows * table->n_cols; i++)
    {
      BnCell *cell = &table->cells[i];

      text_clear (&cell->label);
      g_free (cell->notes);
      g_free (cell->text);
      g_strfreev (cell->models);
    }
  g_free (table->cells);
  for (guint i = 0; i < table->n_notes; i++)
    {
      BnNote *note = &table->notes[i];

      g_free (note->mark);
      g_free (note->ref);
      text_clear (&note->text);
      term_clear (&note->cond);
      g_free (note->then_number);
    }
  g_free (table->notes);
  g_free (table);
}

static void
text_entry_free (BnTextEntry *entry)
{
  g_free (entry->id);
  text_clear (&entry->message);
  text_clear (&entry->remedy);
  g_free (entry);
}

static void
platform_free (BnPlatform *platform)
{
  g_free (platform->chassis);
  text_clear (&platform->name);
  g_free (platform);
}

static void
section_clear (BnSectionRules *section)
{
  g_free (section->id);
  g_free (section->viewer);
  text_clear (&section->title);
  for (guint i = 0; i < section->n_items; i++)
    {
      BnItem *item = &section->items[i];

      g_free (item->id);
      g_free (item->group);
      text_clear (&item->description);
      for (guint j = 0; j < item->n_evals; j++)
        {
          selector_clear (&item->evals[j].when);
          g_free (item->evals[j].text_id);
          g_free (item->evals[j].ref);
          g_free (item->evals[j].value);
        }
      g_free (item->evals);
    }
  g_free (section->items);
}

static void
bn_rules_finalize (GObject *object)
{
  BnRules *self = (BnRules *) object;

  g_free (self->origin);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  for (guint i = 0; i < BN_N_KINDS; i++)
    g_clear_pointer (&self->by_kind[i], g_ptr_array_unref);
  g_clear_pointer (&self->tables, g_ptr_array_unref);
  g_clear_pointer (&self->texts, g_hash_table_unref);
  g_clear_pointer (&self->platforms, g_hash_table_unref);
  for (guint i = 0; i < self->n_sections; i++)
    section_clear (&self->sections[i]);

  G_OBJECT_CLASS (bn_rules_parent_class)->finalize (object);
}

static void
bn_rules_class_init (BnRulesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bn_rules_finalize;
}

static void
bn_rules_init (BnRules *self)
{
  self->files = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  self->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) table_free);
  for (guint i = 0; i < BN_N_KINDS; i++)
    self->by_kind[i] = g_ptr_array_new ();
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                       (GDestroyNotify) text_entry_free);
  self->platforms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) platform_free);
}

/* ---------------------------------------------------------------------------------- */
/* the loader: every failure names the file and the path of the entry */

typedef struct
{
  BnRules     *rules;
  const char  *file;
  GString     *path;
  GError     **error;
  gboolean     have_items;
  const char  *items_file;   /* interned */
  GHashTable  *groups;
} Loader;

static gboolean G_GNUC_PRINTF (2, 3)
fail (Loader     *L,
      const char *format,
      ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  if (L->error != NULL && *L->error == NULL)
    g_set_error (L->error, BN_CHECK_ERROR, BN_CHECK_ERROR_RULES, "%s: %s: %s",
                 L->file, L->path->len > 0 ? L->path->str : "(top level)", what);
  return FALSE;
}

static gsize
push (Loader     *L,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static gsize
push (Loader     *L,
      const char *format,
      ...)
{
  gsize mark = L->path->len;
  va_list args;

  if (L->path->len > 0 && format[0] != '[')
    g_string_append_c (L->path, '/');
  va_start (args, format);
  g_string_append_vprintf (L->path, format, args);
  va_end (args);
  return mark;
}

static void
pop (Loader *L,
     gsize   mark)
{
  g_string_truncate (L->path, mark);
}

static const char *
node_kind (JsonNode *node)
{
  if (node == NULL)
    return "nothing";
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT: return "an object";
    case JSON_NODE_ARRAY: return "an array";
    case JSON_NODE_NULL: return "null";
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING: return "a string";
        case G_TYPE_INT64: return "an integer";
        case G_TYPE_DOUBLE: return "a number";
        case G_TYPE_BOOLEAN: return "a boolean";
        default: return "a value";
        }
    }
}

static gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_integer (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64;
}

/* Refuses members not in @allowed (NULL-terminated) and missing @required ones. */
static gboolean
check_members (Loader            *L,
               JsonObject        *object,
               const char *const *allowed,
               const char *const *required)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!g_strv_contains (allowed, l->data))
        return fail (L, "unknown member \"%s\"", (const char *) l->data);
    }
  for (guint i = 0; required != NULL && required[i] != NULL; i++)
    {
      if (!json_object_has_member (object, required[i]))
        return fail (L, "the member \"%s\" is missing", required[i]);
    }
  return TRUE;
}

static JsonObject *
get_object (Loader     *L,
            JsonNode   *node,
            const char *what)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (L, "%s must be an object, not %s", what, node_kind (node));
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonArray *
get_array (Loader     *L,
           JsonNode   *node,
           const char *what)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      fail (L, "%s must be an array, not %s", what, node_kind (node));
      return NULL;
    }
  return json_node_get_array (node);
}

static const char *
get_string (Loader     *L,
            JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (!is_string (node) || json_node_get_string (node)[0] == '\0')
    {
      gsize mark = push (L, "%s", member);

      fail (L, "must be a non-empty string, not %s", node_kind (node));
      pop (L, mark);
      return NULL;
    }
  return json_node_get_string (node);
}

/* An optional string member: *OUT is NULL when absent; FALSE only when it is there but
 * not a non-empty string. */
static gboolean
get_optional_string (Loader      *L,
                     JsonObject  *object,
                     const char  *member,
                     const char **out)
{
  *out = NULL;
  if (!json_object_has_member (object, member))
    return TRUE;
  *out = get_string (L, object, member);
  return *out != NULL;
}

typedef struct
{
  const char *name;
  int         value;
} Choice;

/* VALUE as one of CHOICES (ended by a NULL name), else the failure "unknown WHAT "VALUE"
 * (the names…)". */
static gboolean
parse_choice (Loader       *L,
              const char   *value,
              const char   *what,
              const Choice *choices,
              int          *out)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (const Choice *c = choices; c->name != NULL; c++)
    {
      if (g_str_equal (value, c->name))
        {
          *out = c->value;
          return TRUE;
        }
      g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", c->name);
    }
  return fail (L, "unknown %s \"%s\" (%s)", what, value, names->str);
}

/* {"en": …, "ja": …}, at least one of them. */
static gboolean
parse_text (Loader     *L,
            JsonNode   *node,
            const char *member,
            BnText     *out)
{
  static const char *const allowed[] = { "en", "ja", NULL };
  gsize mark = push (L, "%s", member);
  JsonObject *object;

  if ((object = get_object (L, node, "a text")) == NULL ||
      !check_members (L, object, allowed, NULL))
    return FALSE;

  for (guint i = 0; i < 2; i++)
    {
      JsonNode *lang = json_object_get_member (object, allowed[i]);

      if (lang == NULL)
        continue;
      if (!is_string (lang))
        return fail (L, "\"%s\" must be a string, not %s", allowed[i], node_kind (lang));
      if (i == 0)
        out->en = g_strdup (json_node_get_string (lang));
      else
        out->ja = g_strdup (json_node_get_string (lang));
    }
  if (out->en == NULL && out->ja == NULL)
    return fail (L, "neither \"en\" nor \"ja\" is given");

  pop (L, mark);
  return TRUE;
}

static gboolean
parse_optional_text (Loader     *L,
                     JsonObject *object,
                     const char *member,
                     BnText     *out)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return TRUE;
  return parse_text (L, node, member, out);
}

/* Trims and collapses ASCII white space of an already case-folded string. */
/* Copies TEXT into OUT (as large) with runs of ASCII white space as one space, none at the
 * ends; with ASCII_FOLD, lower-cased, giving up (FALSE) at the first non-ASCII byte. */
static gboolean
squeeze_spaces (const char *text,
                char       *out,
                gboolean    ascii_fold)
{
  char *w = out;
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (ascii_fold && (guchar) *p >= 0x80)
        return FALSE;
      if (g_ascii_isspace (*p))
        {
          space = w != out;
          continue;
        }
      if (space)
        *w++ = ' ';
      space = FALSE;
      *w++ = ascii_fold ? g_ascii_tolower (*p) : *p;
    }
  *w = '\0';
  return TRUE;
}

/* Case-folded with runs of spaces as one: "2008 R2 SP1" == "2008  r2 sp1".  Called for
 * every string a table compares, so plain ASCII takes one pass and one allocation. */
char *
_bn_normalise (const char *text)
{
  char *out = g_malloc (strlen (text) + 1);
  g_autofree char *folded = NULL;

  if (squeeze_spaces (text, out, TRUE))
    return out;
  g_free (out);
  folded = g_utf8_casefold (text, -1);
  out = g_malloc (strlen (folded) + 1);
  squeeze_spaces (folded, out, FALSE);
  return out;
}

static gboolean
check_known (Loader            *L,
             const char        *value,
             const char *const *known,
             const char        *what)
{
  if (!g_strv_contains (known, value))
    return fail (L, "unknown %s \"%s\"", what, value);
  return TRUE;
}

/* A term: one value or an array of values, "*" for any. */
static gboolean
parse_term (Loader     *L,
            JsonNode   *node,
            BnField     field,
            BnTerm     *term)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  const BnFieldInfo *info = &bn_field_info[field];

  term->field = field;
  term->scope = info->scope;
  term->type = info->type;

  if (is_string (node))
    g_ptr_array_add (values, (gpointer) json_node_get_string (node));
  else if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      if (json_array_get_length (array) == 0)
        return fail (L, "an empty list of values");
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!is_string (element))
            return fail (L, "[%u] must be a string, not %s", i, node_kind (element));
          g_ptr_array_add (values, (gpointer) json_node_get_string (element));
        }
    }
  else
    return fail (L, "must be a string or an array of strings, not %s", node_kind (node));

  {
    GString *text = g_string_new (NULL);

    for (guint i = 0; i < values->len; i++)
      g_string_append_printf (text, "%s%s", i > 0 ? ", " : "",
                              (const char *) values->pdata[i]);
    term->text = g_string_free (text, FALSE);
  }

  if (values->len == 1 && g_str_equal (values->pdata[0], "*"))
    return TRUE;   /* any: n_values stays 0 */

  term->n_values = values->len;
  if (info->type == BN_VALUE_VERSION)
    {
      term->ranges = g_new0 (BnVersionRange, values->len);
      for (guint i = 0; i < values->len; i++)
        {
          g_autoptr(GError) local = NULL;

          if (!bn_version_range_parse (values->pdata[i], &term->ranges[i], &local))
            return fail (L, "%s", local->message);
        }
    }
  else
    {
      term->strings = g_new0 (char *, values->len + 1);
      for (guint i = 0; i < values->len; i++)
        {
          const char *v = values->pdata[i];

          if (field == BN_FIELD_PLATFORM && !check_known (L, v, known_platforms, "platform"))
            return FALSE;
          if (field == BN_FIELD_MODEL && !check_known (L, v, known_models, "model"))
            return FALSE;
          if (field == BN_FIELD_CHASSIS_TYPE && !check_known (L, v, known_chassis, "chassis"))
            return FALSE;
          term->strings[i] = _bn_normalise (v);
        }
    }
  return TRUE;
}

static gboolean
parse_string_list (Loader             *L,
                   JsonObject         *object,
                   const char         *member,
                   const char *const  *known,
                   char             ***out)
{
  JsonNode *node = json_object_get_member (object, member);
  gsize mark;
  JsonArray *array;

  if (node == NULL)
    return TRUE;

  mark = push (L, "%s", member);
  if ((array = get_array (L, node, "it")) == NULL)
    return FALSE;
  *out = g_new0 (char *, json_array_get_length (array) + 1);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!is_string (element))
        return fail (L, "[%u] must be a string, not %s", i, node_kind (element));
      if (known != NULL && !check_known (L, json_node_get_string (element), known, member))
        return FALSE;
      (*out)[i] = g_strdup (json_node_get_string (element));
    }
  pop (L, mark);
  return TRUE;
}

static gboolean
parse_mode (Loader     *L,
            JsonNode   *node,
            guint      *modes)
{
  BnMode mode;

  if (!is_string (node) || !bn_mode_from_string (json_node_get_string (node), &mode))
    return fail (L, "\"mode\" must be \"shutdown\" or \"concurrent\"");
  *modes = 1u << mode;
  return TRUE;
}

static gboolean
parse_selector (Loader     *L,
                JsonObject *object,
                BnSelector *sel)
{
  static const char *const allowed[] = { "mode", "chassis", "platform", "model", NULL };

  if (!check_members (L, object, allowed, NULL))
    return FALSE;
  if (json_object_has_member (object, "mode") &&
      !parse_mode (L, json_object_get_member (object, "mode"), &sel->modes))
    return FALSE;
  return parse_string_list (L, object, "chassis", known_chassis, &sel->chassis) &&
         parse_string_list (L, object, "platform", known_platforms, &sel->platforms) &&
         parse_string_list (L, object, "model", known_models, &sel->models);
}

static const BnKindKey *
kind_key (const BnKindKey *keys,
          const char      *name)
{
  for (guint i = 0; i < BN_KIND_MAX_KEYS && keys[i].key != NULL; i++)
    if (g_str_equal (keys[i].key, name))
      return &keys[i];
  return NULL;
}

static gboolean
parse_axis (Loader         *L,
            JsonObject     *table,
            const char     *member,
            BnKindId        kind,
            const BnKindKey *keys,
            BnAxisEntry   **out,
            guint          *n_out)
{
  gsize mark = push (L, "%s", member);
  JsonArray *array;
  guint n;

  if ((array = get_array (L, json_object_get_member (table, member), "it")) == NULL)
    return FALSE;
  n = json_array_get_length (array);
  if (n == 0)
    return fail (L, "no entries");

  *out = g_new0 (BnAxisEntry, n);
  *n_out = n;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      BnAxisEntry *entry = &(*out)[i];
      gsize emark = push (L, "[%u]", i);

      if (is_string (node))
        {
          if (kind == BN_KIND_REFERENCE)
            entry->label = g_strdup (json_node_get_string (node));
          else
            {
              if (keys[0].key == NULL)
                return fail (L, "this table takes no values here, only {\"label\": …}");
              entry->terms = g_new0 (BnTerm, 1);
              entry->n_terms = 1;
              if (!parse_term (L, node, keys[0].field, &entry->terms[0]))
                return FALSE;
              entry->label = g_strdup (json_node_get_string (node));
            }
        }
      else if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *object = json_node_get_object (node);
          g_autoptr(GList) names = json_object_get_members (object);
          g_autoptr(GString) label = g_string_new (NULL);

          entry->terms = g_new0 (BnTerm, BN_KIND_MAX_KEYS);
          for (GList *l = names; l != NULL; l = l->next)
            {
              const char *name = l->data;
              JsonNode *value = json_object_get_member (object, name);
              const BnKindKey *key;

              if (g_str_equal (name, "label"))
                {
                  if (!is_string (value))
                    return fail (L, "\"label\" must be a string");
                  entry->label = g_strdup (json_node_get_string (value));
                  continue;
                }
              if (g_str_equal (name, "figure"))
                continue;   /* a citation, checked by the schema */
              if (kind == BN_KIND_REFERENCE && g_str_equal (name, "mode"))
                continue;
              if ((key = kind_key (keys, name)) == NULL)
                {
                  if (_bn_field_lookup (name, NULL))
                    return fail (L, "\"%s\" is a known field, but not a key of a \"%s\" table",
                                 name, bn_kind_info[kind].name);
                  return fail (L, "unknown field name \"%s\"", name);
                }
              {
                gsize kmark = push (L, "%s", name);

                if (!parse_term (L, value, key->field, &entry->terms[entry->n_terms]))
                  return FALSE;
                pop (L, kmark);
              }
              g_string_append_printf (label, "%s%s", label->len > 0 ? " " : "",
                                      entry->terms[entry->n_terms].text);
              entry->n_terms++;
            }
          if (entry->label == NULL)
            entry->label = label->len > 0 ? g_strdup (label->str) : g_strdup (member);
        }
      else
        return fail (L, "an entry must be a string or an object, not %s", node_kind (node));

      pop (L, emark);
    }

  pop (L, mark);
  return TRUE;
}

/* Two entries claim a common value when every field both constrain overlaps. */
static gboolean
terms_overlap (const BnTerm *a,
               const BnTerm *b)
{
  if (a->n_values == 0 || b->n_values == 0)
    return TRUE;
  for (guint i = 0; i < a->n_values; i++)
    for (guint j = 0; j < b->n_values; j++)
      {
        if (a->type == BN_VALUE_VERSION)
          {
            if (bn_version_range_overlaps (&a->ranges[i], &b->ranges[j]))
              return TRUE;
          }
        else if (g_str_equal (a->strings[i], b->strings[j]))
          return TRUE;
      }
  return FALSE;
}

static gboolean
entries_overlap (const BnAxisEntry *a,
                 const BnAxisEntry *b)
{
  for (guint i = 0; i < a->n_terms; i++)
    for (guint j = 0; j < b->n_terms; j++)
      if (a->terms[i].field == b->terms[j].field && !terms_overlap (&a->terms[i], &b->terms[j]))
        return FALSE;
  return TRUE;
}

static gboolean
check_disjoint (Loader            *L,
                const char        *member,
                const BnAxisEntry *entries,
                guint              n)
{
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      if (entries_overlap (&entries[i], &entries[j]))
        {
          gsize mark = push (L, "%s", member);

          fail (L, "entries [%u] “%s” and [%u] “%s” overlap", i, entries[i].label,
                j, entries[j].label);
          pop (L, mark);
          return FALSE;
        }
  return TRUE;
}

static gboolean
parse_effect (Loader     *L,
              const char *text,
              BnEffect   *out)
{
  static const Choice effects[] = {
    { "info", BN_EFFECT_INFO }, { "warning", BN_EFFECT_WARNING },
    { "refuse-if", BN_EFFECT_REFUSE_IF }, { "table", BN_EFFECT_TABLE }, { NULL, 0 }
  };
  int effect;

  if (!parse_choice (L, text, "effect", effects, &effect))
    return FALSE;
  *out = (BnEffect) effect;
  return TRUE;
}

static gboolean
parse_condition (Loader     *L,
                 JsonObject *object,
                 BnNote     *note)
{
  static const Choice cond_sides[] = {
    { "source", BN_COND_SOURCE }, { "destination", BN_COND_DESTINATION },
    { "either", BN_COND_EITHER }, { "lpar", BN_COND_LPAR }, { NULL, 0 }
  };
  g_autoptr(GList) names = json_object_get_members (object);
  const char *side = NULL;
  gboolean have_term = FALSE;
  int cond_side;

  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *value = json_object_get_member (object, name);
      BnField field;

      if (g_str_equal (name, "side"))
        {
          if (!is_string (value))
            return fail (L, "\"side\" must be a string");
          side = json_node_get_string (value);
          continue;
        }
      if (have_term)
        return fail (L, "a condition names one field");
      if (!_bn_field_lookup (name, &field))
        return fail (L, "unknown field name \"%s\"", name);
      if (!parse_term (L, value, field, &note->cond))
        return FALSE;
      have_term = TRUE;
    }

  if (!have_term)
    return fail (L, "a condition needs a field");
  if (side == NULL)
    return fail (L, "a condition needs \"side\"");
  if (!parse_choice (L, side, "side", cond_sides, &cond_side))
    return FALSE;
  note->cond_side = (BnCondSide) cond_side;

  if ((note->cond_side == BN_COND_LPAR) != (note->cond.scope == BN_SCOPE_LPAR))
    return fail (L, "side \"%s\" does not fit the field \"%s\"", side,
                 bn_field_info[note->cond.field].name);
  return TRUE;
}

static gboolean
parse_notes (Loader     *L,
             JsonObject *table_object,
             BnTable    *table)
{
  static const char *const allowed[] = { "effect", "ref", "text", "if", "then", NULL };
  static const char *const required[] = { "effect", "ref", "text", NULL };
  JsonNode *node = json_object_get_member (table_object, "notes");
  gsize mark;
  JsonObject *notes;
  g_autoptr(GList) marks = NULL;
  guint i = 0;

  if (node == NULL)
    return TRUE;

  mark = push (L, "notes");
  if ((notes = get_object (L, node, "\"notes\"")) == NULL)
    return FALSE;
  marks = json_object_get_members (notes);
  table->n_notes = g_list_length (marks);
  table->notes = g_new0 (BnNote, table->n_notes);

  for (GList *l = marks; l != NULL; l = l->next, i++)
    {
      BnNote *note = &table->notes[i];
      gsize nmark = push (L, "%s", (const char *) l->data);
      JsonObject *object;
      const char *effect, *ref;

      note->mark = g_strdup (l->data);
      if ((object = get_object (L, json_object_get_member (notes, l->data), "a note")) == NULL ||
          !check_members (L, object, allowed, required) ||
          (effect = get_string (L, object, "effect")) == NULL ||
          !parse_effect (L, effect, &note->effect) ||
          (ref = get_string (L, object, "ref")) == NULL ||
          !parse_text (L, json_object_get_member (object, "text"), "text", &note->text))
        return FALSE;
      note->ref = g_strdup (ref);

      if (note->effect == BN_EFFECT_REFUSE_IF)
        {
          JsonObject *cond;
          gsize cmark = push (L, "if");

          if (!json_object_has_member (object, "if"))
            return fail (L, "the effect \"refuse-if\" needs a condition");
          if ((cond = get_object (L, json_object_get_member (object, "if"), "it")) == NULL ||
              !parse_condition (L, cond, note))
            return FALSE;
          pop (L, cmark);
        }
      else if (json_object_has_member (object, "if"))
        return fail (L, "\"if\" goes with the effect \"refuse-if\" only");

      if (note->effect == BN_EFFECT_TABLE)
        {
          const char *then;

          if (!json_object_has_member (object, "then"))
            return fail (L, "the effect \"table\" needs \"then\": a table number");
          if ((then = get_string (L, object, "then")) == NULL)
            return FALSE;
          note->then_number = g_strdup (then);
        }
      else if (json_object_has_member (object, "then"))
        return fail (L, "\"then\" goes with the effect \"table\" only");

      pop (L, nmark);
    }

  pop (L, mark);
  return TRUE;
}

static gint
find_note (BnTable    *table,
           const char *mark)
{
  for (guint i = 0; i < table->n_notes; i++)
    if (g_str_equal (table->notes[i].mark, mark))
      return (gint) i;
  return -1;
}

/* "○", "×", "△※", "○※1※2", "○※1 ※2", "※", "-" */
static gboolean
parse_verdict_string (Loader     *L,
                      BnTable    *table,
                      const char *text,
                      BnCell     *cell)
{
  static const struct { const char *symbol; BnCellVerdict verdict; } symbols[] = {
    { "○", BN_VERDICT_CELL_OK },
    { "×", BN_VERDICT_CELL_ERROR },
    { "△", BN_VERDICT_CELL_CONDITIONAL },
    { "-", BN_VERDICT_CELL_ABSENT },
    { "—", BN_VERDICT_CELL_ABSENT },
  };
  const char *p = text;
  g_autoptr(GArray) notes = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean have_symbol = FALSE;

  cell->verdict = BN_VERDICT_CELL_CONDITIONAL;
  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (g_str_has_prefix (p, symbols[i].symbol))
      {
        cell->verdict = symbols[i].verdict;
        p += strlen (symbols[i].symbol);
        have_symbol = TRUE;
        break;
      }

  while (*p != '\0')
    {
      const char *start;
      g_autofree char *mark = NULL;
      gint index;

      if (*p == ' ')
        {
          p++;
          continue;
        }
      if (!g_str_has_prefix (p, "※"))
        return fail (L, "“%s” is not a cell: expected ○, ×, △ or - and then ※ marks", text);
      start = p;
      p += strlen ("※");
      while (g_ascii_isdigit (*p))
        p++;
      mark = g_strndup (start, p - start);
      if ((index = find_note (table, mark)) < 0)
        return fail (L, "“%s”: the note %s is not in \"notes\"", text, mark);
      g_array_append_val (notes, index);
    }

  if (!have_symbol && notes->len == 0)
    return fail (L, "“%s” is not a cell", text);
  if (cell->verdict == BN_VERDICT_CELL_CONDITIONAL)
    {
      gboolean decides = FALSE;

      for (guint i = 0; i < notes->len; i++)
        {
          BnEffect effect = table->notes[g_array_index (notes, guint, i)].effect;

          if (effect == BN_EFFECT_REFUSE_IF || effect == BN_EFFECT_TABLE)
            decides = TRUE;
        }
      if (!decides)
        return fail (L, "“%s”: a △ or bare ※ cell needs a note with effect refuse-if or table",
                     text);
    }

  cell->n_notes = notes->len;
  cell->notes = (guint *) g_array_free (g_steal_pointer (&notes), FALSE);
  return TRUE;
}

static gboolean
parse_verdict_object (Loader     *L,
                      BnTable    *table,
                      JsonObject *object,
                      BnCell     *cell)
{
  static const char *const allowed[] = { "verdict", "label", "notes", NULL };
  static const char *const required[] = { "verdict", NULL };
  static const Choice verdicts[] = {
    { "ok", BN_VERDICT_CELL_OK }, { "error", BN_VERDICT_CELL_ERROR },
    { "warning", BN_VERDICT_CELL_WARNING }, { "info", BN_VERDICT_CELL_INFO }, { NULL, 0 }
  };
  const char *verdict;
  JsonNode *notes_node;
  int value;

  if (!check_members (L, object, allowed, required) ||
      (verdict = get_string (L, object, "verdict")) == NULL ||
      !parse_choice (L, verdict, "verdict", verdicts, &value))
    return FALSE;
  cell->verdict = value;

  if (json_object_has_member (object, "label"))
    {
      JsonNode *label = json_object_get_member (object, "label");

      if (is_string (label))
        cell->label.ja = g_strdup (json_node_get_string (label));
      else if (!parse_text (L, label, "label", &cell->label))
        return FALSE;
    }

  notes_node = json_object_get_member (object, "notes");
  if (notes_node != NULL)
    {
      JsonArray *array;
      gsize mark = push (L, "notes");

      if ((array = get_array (L, notes_node, "it")) == NULL)
        return FALSE;
      cell->n_notes = json_array_get_length (array);
      cell->notes = g_new0 (guint, cell->n_notes);
      for (guint i = 0; i < cell->n_notes; i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          gint index;

          if (!is_string (element))
            return fail (L, "[%u] must be a string", i);
          if ((index = find_note (table, json_node_get_string (element))) < 0)
            return fail (L, "[%u]: the note %s is not in \"notes\"", i,
                         json_node_get_string (element));
          cell->notes[i] = (guint) index;
        }
      pop (L, mark);
    }
  return TRUE;
}

static gboolean
parse_cell (Loader   *L,
            BnTable  *table,
            JsonNode *node,
            BnCell   *cell)
{
  BnCellKind kind = bn_kind_info[table->kind].cell;

  switch (kind)
    {
    case BN_CELL_ANY:
      if (is_string (node))
        cell->text = g_strdup (json_node_get_string (node));
      return TRUE;

    case BN_CELL_VERDICT:
      if (is_string (node))
        {
          cell->text = g_strdup (json_node_get_string (node));
          return parse_verdict_string (L, table, cell->text, cell);
        }
      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        return parse_verdict_object (L, table, json_node_get_object (node), cell);
      return fail (L, "a cell must be “○”, “×”, … or {\"verdict\": …}, not %s", node_kind (node));

    case BN_CELL_VERSION_MIN:
    case BN_CELL_RANGE:
      if (!is_string (node))
        return fail (L, "a cell must be a version range string, not %s", node_kind (node));
      cell->text = g_strdup (json_node_get_string (node));
      if (kind == BN_CELL_VERSION_MIN && (g_str_equal (cell->text, "-") ||
                                          g_str_equal (cell->text, "—")))
        cell->unsupported = TRUE;
      else if (kind == BN_CELL_VERSION_MIN && g_str_equal (cell->text, "*"))
        cell->no_requirement = TRUE;
      else
        {
          g_autoptr(GError) local = NULL;

          if (!bn_version_range_parse (cell->text, &cell->range, &local))
            return fail (L, "%s", local->message);
          if (kind == BN_CELL_VERSION_MIN && (cell->range.has_high || !cell->range.has_low))
            return fail (L, "“%s”: a minimum is written “A~”", cell->text);
        }
      return TRUE;

    case BN_CELL_INTEGER:
      if (!is_integer (node) || json_node_get_int (node) < 0)
        return fail (L, "a cell must be a non-negative integer, not %s", node_kind (node));
      cell->integer = json_node_get_int (node);
      return TRUE;

    case BN_CELL_MODELS:
      {
        JsonArray *array;

        if ((array = get_array (L, node, "a cell")) == NULL)
          return FALSE;
        cell->models = g_new0 (char *, json_array_get_length (array) + 1);
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *element = json_array_get_element (array, i);

            if (!is_string (element))
              return fail (L, "[%u] must be a string", i);
            if (!check_known (L, json_node_get_string (element), known_models, "model"))
              return FALSE;
            cell->models[i] = g_strdup (json_node_get_string (element));
          }
        return TRUE;
      }

    case BN_CELL_TEXT:
      if (!is_string (node))
        return fail (L, "a cell must be a string, not %s", node_kind (node));
      cell->text = g_strdup (json_node_get_string (node));
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
parse_cells (Loader     *L,
             JsonObject *object,
             BnTable    *table)
{
  gsize mark = push (L, "cells");
  JsonArray *rows;

  if ((rows = get_array (L, json_object_get_member (object, "cells"), "it")) == NULL)
    return FALSE;
  if (json_array_get_length (rows) != table->n_rows)
    return fail (L, "%u rows of cells for %u rows", json_array_get_length (rows), table->n_rows);

  table->cells = g_new0 (BnCell, table->n_rows * table->n_cols);
  for (guint r = 0; r < table->n_rows; r++)
    {
      gsize rmark = push (L, "[%u]", r);
      JsonArray *row;

      if ((row = get_array (L, json_array_get_element (rows, r), "a row of cells")) == NULL)
        return FALSE;
      if (json_array_get_length (row) != table->n_cols)
        return fail (L, "%u cells for %u columns", json_array_get_length (row), table->n_cols);
      for (guint c = 0; c < table->n_cols; c++)
        {
          gsize cmark = push (L, "[%u]", c);

          if (!parse_cell (L, table, json_array_get_element (row, c),
                           &table->cells[r * table->n_cols + c]))
            return FALSE;
          pop (L, cmark);
        }
      pop (L, rmark);
    }

  /* A note no cell uses is a transcription slip, except in reference tables. */
  if (table->kind != BN_KIND_REFERENCE)
    for (guint n = 0; n < table->n_notes; n++)
      {
        gboolean used = FALSE;

        for (guint i = 0; i < table->n_rows * table->n_cols && !used; i++)
          for (guint k = 0; k < table->cells[i].n_notes; k++)
            if (table->cells[i].notes[k] == n)
              used = TRUE;
        if (!used)
          {
            pop (L, mark);
            push (L, "notes/%s", table->notes[n].mark);
            return fail (L, "no cell uses this note");
          }
      }

  pop (L, mark);
  return TRUE;
}

static gboolean
parse_table (Loader     *L,
             JsonNode   *node,
             guint       index)
{
  static const char *const allowed[] = {
    "table", "title", "section", "check", "when", "rows", "columns", "cells", "notes",
    "legend", "remark", NULL
  };
  static const char *const required[] = {
    "table", "title", "section", "check", "rows", "columns", "cells", NULL
  };
  g_autoptr(GString) entry = g_string_new (NULL);
  BnTable *table;
  JsonObject *object;
  JsonNode *number;
  const char *check, *section;
  gsize mark;
  guint kind;

  g_string_printf (entry, "tables[%u]", index);
  mark = push (L, "%s", entry->str);

  if ((object = get_object (L, node, "a table")) == NULL)
    return FALSE;

  number = json_object_get_member (object, "table");
  if (is_string (number))
    {
      pop (L, mark);
      mark = push (L, "%s (%s)", entry->str, json_node_get_string (number));
    }

  if (!check_members (L, object, allowed, required))
    return FALSE;

  table = g_new0 (BnTable, 1);
  g_ptr_array_add (L->rules->tables, table);
  table->file = g_strdup (L->file);
  table->index = index;

  if (is_string (number))
    {
      const char *n = json_node_get_string (number);

      if (!g_str_has_prefix (n, "表 "))
        return fail (L, "\"table\" must read “表 N-M”, not “%s”", n);
      table->number = g_strdup (n);
    }
  else if (!JSON_NODE_HOLDS_NULL (number))
    return fail (L, "\"table\" must be a string or null, not %s", node_kind (number));

  if ((section = get_string (L, object, "section")) == NULL ||
      (check = get_string (L, object, "check")) == NULL)
    return FALSE;
  table->section = g_strdup (section);
  table->reference = g_strdup (table->number != NULL ? table->number : section);

  for (kind = 0; kind < BN_N_KINDS; kind++)
    if (g_str_equal (bn_kind_info[kind].name, check))
      break;
  if (kind == BN_N_KINDS)
    return fail (L, "unknown check \"%s\"", check);
  table->kind = kind;

  if (!parse_text (L, json_object_get_member (object, "title"), "title", &table->title) ||
      !parse_optional_text (L, object, "remark", &table->remark))
    return FALSE;
  if (json_object_has_member (object, "legend"))
    {
      BnText legend = { NULL, NULL };
      gboolean ok = parse_text (L, json_object_get_member (object, "legend"), "legend", &legend);

      text_clear (&legend);
      if (!ok)
        return FALSE;
    }

  if (json_object_has_member (object, "when"))
    {
      gsize wmark = push (L, "when");
      JsonObject *when;

      if ((when = get_object (L, json_object_get_member (object, "when"), "it")) == NULL ||
          !parse_selector (L, when, &table->when))
        return FALSE;
      pop (L, wmark);
    }
  else if (kind != BN_KIND_REFERENCE && kind != BN_KIND_FC_PORT_STATE &&
           kind != BN_KIND_NIC_PORT_STATE)
    return fail (L, "the member \"when\" is missing");

  if (!parse_notes (L, object, table) ||
      !parse_axis (L, object, "rows", kind, bn_kind_info[kind].row_keys,
                   &table->rows, &table->n_rows) ||
      !parse_axis (L, object, "columns", kind, bn_kind_info[kind].col_keys,
                   &table->cols, &table->n_cols) ||
      !parse_cells (L, object, table))
    return FALSE;

  /* Every row must name the row keys: a row matching "anything" would hide the rest. */
  if (kind != BN_KIND_REFERENCE)
    {
      for (guint r = 0; r < table->n_rows; r++)
        if (table->rows[r].n_terms == 0)
          {
            push (L, "rows[%u]", r);
            return fail (L, "a row must name at least one of its keys");
          }
    }

  /* First match wins in the evaluator, so rows (and columns) must not overlap — except
   * in the support lists, whose "59-21~"-style rows say from which release on. */
  if (kind != BN_KIND_REFERENCE && kind != BN_KIND_SUPPORTED_FIRMWARE &&
      (!check_disjoint (L, "rows", table->rows, table->n_rows) ||
       !check_disjoint (L, "columns", table->cols, table->n_cols)))
    return FALSE;

  g_ptr_array_add (L->rules->by_kind[kind], table);
  pop (L, mark);
  return TRUE;
}

/* ---------------------------------------------------------------------------------- */
/* items.json */

static gboolean
parse_field_name (Loader     *L,
                  JsonNode   *node,
                  BnField    *out)
{
  if (!is_string (node))
    return fail (L, "a field name must be a string, not %s", node_kind (node));
  if (!_bn_field_lookup (json_node_get_string (node), out) || *out == BN_FIELD_NONE)
    return fail (L, "unknown field name \"%s\"", json_node_get_string (node));
  return TRUE;
}

static gboolean
parse_eval (Loader      *L,
            JsonObject  *object,
            BnEval      *eval,
            GPtrArray   *text_refs)
{
  static const char *const allowed[] = {
    "check", "mode", "chassis", "platform", "model", "field", "tables", "side", "required",
    "status", "text", "ref", "value", NULL
  };
  static const char *const required[] = { "check", NULL };
  static const Choice sides[] = {
    { "pair", BN_SIDE_PAIR }, { "each", BN_SIDE_EACH }, { "source", BN_SIDE_SOURCE },
    { "destination", BN_SIDE_DESTINATION }, { NULL, 0 }
  };
  static const Choice statuses[] = {
    { "error", BN_CHECK_STATUS_ERROR }, { "warning", BN_CHECK_STATUS_WARNING },
    { "info", BN_CHECK_STATUS_INFO }, { NULL, 0 }
  };
  const char *check, *text;
  guint id;
  int value;
  JsonObject *selector;

  if (!check_members (L, object, allowed, required) ||
      (check = get_string (L, object, "check")) == NULL)
    return FALSE;

  for (id = 0; id < BN_N_CHECKS; id++)
    if (g_str_equal (bn_check_names[id], check))
      break;
  if (id == BN_N_CHECKS)
    return fail (L, "unknown check \"%s\"", check);
  eval->check = id;
  eval->status = BN_CHECK_STATUS_ERROR;

  /* The selector members sit in the evaluation itself. */
  selector = json_object_new ();
  for (guint i = 0; i < 4; i++)
    {
      static const char *const sel[] = { "mode", "chassis", "platform", "model" };
      JsonNode *member = json_object_get_member (object, sel[i]);

      if (member != NULL)
        json_object_set_member (selector, sel[i], json_node_copy (member));
    }
  if (!parse_selector (L, selector, &eval->when))
    {
      json_object_unref (selector);
      return FALSE;
    }
  json_object_unref (selector);

  if (json_object_has_member (object, "field") &&
      !parse_field_name (L, json_object_get_member (object, "field"), &eval->field))
    return FALSE;

  if (json_object_has_member (object, "tables"))
    {
      const char *kind = get_string (L, object, "tables");
      guint k;

      if (kind == NULL)
        return FALSE;
      for (k = 0; k < BN_N_KINDS; k++)
        if (g_str_equal (bn_kind_info[k].name, kind))
          break;
      if (k == BN_N_KINDS || k == BN_KIND_REFERENCE)
        return fail (L, "unknown table check \"%s\"", kind);
      eval->kind = k;
    }
  else if (eval->check == BN_CHECK_TABLE)
    return fail (L, "a \"table\" evaluation needs \"tables\"");
  if (eval->check != BN_CHECK_TABLE && json_object_has_member (object, "tables"))
    return fail (L, "\"tables\" goes with the check \"table\" only");

  if (!get_optional_string (L, object, "side", &text))
    return FALSE;
  if (text != NULL)
    {
      eval->side_set = TRUE;
      if (!parse_choice (L, text, "side", sides, &value))
        return FALSE;
      eval->side = value;
    }

  if (json_object_has_member (object, "required"))
    {
      JsonNode *node = json_object_get_member (object, "required");

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return fail (L, "\"required\" must be a boolean");
      eval->required = json_node_get_boolean (node);
    }

  if (!get_optional_string (L, object, "status", &text))
    return FALSE;
  if (text != NULL)
    {
      if (!parse_choice (L, text, "status", statuses, &value))
        return FALSE;
      eval->status = value;
    }

  if (!get_optional_string (L, object, "text", &text))
    return FALSE;
  if (text != NULL)
    {
      /* Resolved once every file is read. */
      g_ptr_array_add (text_refs, g_strdup_printf ("%s\t%s\t%s", L->file, L->path->str, text));
      eval->text_id = g_strdup (text);
    }
  else if (eval->check == BN_CHECK_EQUAL)
    return fail (L, "an \"equal\" evaluation needs \"text\"");

  if (!get_optional_string (L, object, "ref", &text))
    return FALSE;
  eval->ref = g_strdup (text);
  if (!get_optional_string (L, object, "value", &text))
    return FALSE;
  eval->value = g_strdup (text);
  if ((eval->check == BN_CHECK_LPAR_NAME || eval->check == BN_CHECK_SECURITY_STRENGTH) &&
      eval->value == NULL)
    return fail (L, "the check \"%s\" needs \"value\"", check);

  return TRUE;
}

static gboolean
parse_item (Loader     *L,
            JsonNode   *node,
            BnScope     scope,
            BnItem     *item,
            GPtrArray  *text_refs)
{
  static const char *const allowed[] = {
    "id", "group", "name", "viewer", "description", "show", "ref", "physical", "eval", NULL
  };
  static const char *const required[] = { "id", "group", "name", "eval", NULL };
  JsonObject *object;
  const char *id, *group, *name, *viewer;
  JsonNode *show;
  JsonArray *evals;

  if ((object = get_object (L, node, "an item")) == NULL ||
      !check_members (L, object, allowed, required) ||
      (id = get_string (L, object, "id")) == NULL ||
      (group = get_string (L, object, "group")) == NULL ||
      (name = get_string (L, object, "name")) == NULL)
    return FALSE;

  item->id = g_strdup (id);
  item->group = g_strdup (group);
  item->name = g_intern_string (name);
  if (!get_optional_string (L, object, "viewer", &viewer))
    return FALSE;
  if (viewer != NULL)
    {
      if (!g_str_has_prefix (viewer, "表 8-"))
        return fail (L, "\"viewer\" must cite a row of 表 8-1, 8-2 or 8-3, not “%s”", viewer);
      item->viewer = g_intern_string (viewer);
    }
  if (!parse_optional_text (L, object, "description", &item->description))
    return FALSE;
  if (json_object_has_member (object, "physical"))
    item->physical = json_object_get_boolean_member (object, "physical");

  show = json_object_get_member (object, "show");
  if (show != NULL)
    {
      gsize smark = push (L, "show");

      if (is_string (show))
        {
          if (!parse_field_name (L, show, &item->show_source))
            return FALSE;
          item->show_destination = item->show_source;
        }
      else if (JSON_NODE_HOLDS_OBJECT (show))
        {
          static const char *const sides[] = { "source", "destination", NULL };
          JsonObject *pair = json_node_get_object (show);

          if (!check_members (L, pair, sides, sides) ||
              !parse_field_name (L, json_object_get_member (pair, "source"),
                                 &item->show_source) ||
              !parse_field_name (L, json_object_get_member (pair, "destination"),
                                 &item->show_destination))
            return FALSE;
        }
      else
        return fail (L, "must be a field name or {\"source\": …, \"destination\": …}");

      /* An HBA row cannot show a NIC value, nor the other way round. */
      for (guint s = 0; s < 2; s++)
        {
          BnScope fs = bn_field_info[s == 0 ? item->show_source : item->show_destination].scope;

          if ((fs == BN_SCOPE_HBA && scope != BN_SCOPE_HBA) ||
              (fs == BN_SCOPE_NIC && scope != BN_SCOPE_NIC))
            return fail (L, "the field \"%s\" belongs to another section",
                         bn_field_info[s == 0 ? item->show_source :
                                       item->show_destination].name);
        }
      pop (L, smark);
    }

  {
    gsize emark = push (L, "eval");

    if ((evals = get_array (L, json_object_get_member (object, "eval"), "it")) == NULL)
      return FALSE;
    item->n_evals = json_array_get_length (evals);
    item->evals = g_new0 (BnEval, item->n_evals);
    for (guint i = 0; i < item->n_evals; i++)
      {
        gsize imark = push (L, "[%u]", i);
        JsonObject *eval;

        if ((eval = get_object (L, json_array_get_element (evals, i), "an evaluation")) == NULL ||
            !parse_eval (L, eval, &item->evals[i], text_refs))
          return FALSE;
        if (item->evals[i].check == BN_CHECK_EQUAL && item->evals[i].field == BN_FIELD_NONE)
          {
            if (item->show_source == BN_FIELD_NONE || item->show_source != item->show_destination)
              return fail (L, "an \"equal\" evaluation of an item without one \"show\" field "
                              "needs \"field\"");
            item->evals[i].field = item->show_source;
          }
        pop (L, imark);
      }
    pop (L, emark);
  }
  return TRUE;
}

static gboolean
check_placeholders (Loader     *L,
                    const char *text)
{
  for (const char *p = strchr (text, '{'); p != NULL; p = strchr (p + 1, '{'))
    {
      const char *end = strchr (p, '}');
      g_autofree char *name = NULL;

      if (end == NULL)
        return fail (L, "an unclosed '{'");
      name = g_strndup (p + 1, end - p - 1);
      if (!g_strv_contains (known_placeholders, name))
        return fail (L, "unknown placeholder {%s}", name);
    }
  return TRUE;
}

static gboolean
parse_texts (Loader     *L,
             JsonObject *object)
{
  static const char *const allowed[] = { "message", "remedy", NULL };
  static const char *const required[] = { "message", NULL };
  gsize mark = push (L, "texts");
  JsonObject *texts;
  g_autoptr(GList) ids = NULL;

  if ((texts = get_object (L, json_object_get_member (object, "texts"), "it")) == NULL)
    return FALSE;
  ids = json_object_get_members (texts);
  for (GList *l = ids; l != NULL; l = l->next)
    {
      gsize tmark = push (L, "%s", (const char *) l->data);
      BnTextEntry *entry = g_new0 (BnTextEntry, 1);
      JsonObject *t;

      entry->id = g_strdup (l->data);
      g_hash_table_insert (L->rules->texts, entry->id, entry);
      if ((t = get_object (L, json_object_get_member (texts, l->data), "a text")) == NULL ||
          !check_members (L, t, allowed, required) ||
          !parse_text (L, json_object_get_member (t, "message"), "message", &entry->message) ||
          !parse_optional_text (L, t, "remedy", &entry->remedy))
        return FALSE;
      {
        const BnText *all[] = { &entry->message, &entry->remedy };
        static const char *const names[] = { "message", "remedy" };

        for (guint i = 0; i < G_N_ELEMENTS (all); i++)
          {
            gsize pmark = push (L, "%s", names[i]);

            if ((all[i]->en != NULL && !check_placeholders (L, all[i]->en)) ||
                (all[i]->ja != NULL && !check_placeholders (L, all[i]->ja)))
              return FALSE;
            pop (L, pmark);
          }
      }
      pop (L, tmark);
    }
  pop (L, mark);
  return TRUE;
}

static gboolean
parse_sections (Loader     *L,
                JsonObject *object,
                GPtrArray  *text_refs)
{
  static const char *const allowed[] = { "id", "title", "viewer", "scope", "items", NULL };
  static const char *const required[] = { "id", "title", "scope", "items", NULL };
  static const char *const ids[] = { "server", "lpar", "hba", "nic" };
  static const Choice scopes[] = {
    { "server", BN_SCOPE_BLADE }, { "hba", BN_SCOPE_HBA }, { "nic", BN_SCOPE_NIC }, { NULL, 0 }
  };
  gsize mark = push (L, "sections");
  JsonArray *sections;

  if ((sections = get_array (L, json_object_get_member (object, "sections"), "it")) == NULL)
    return FALSE;
  if (json_array_get_length (sections) != G_N_ELEMENTS (ids))
    return fail (L, "expected the sections server, lpar, hba, nic");

  for (guint s = 0; s < G_N_ELEMENTS (ids); s++)
    {
      BnSectionRules *section = &L->rules->sections[s];
      gsize smark = push (L, "[%u]", s);
      JsonObject *so;
      const char *id, *scope;
      JsonArray *items;
      int value;

      L->rules->n_sections = s + 1;
      if ((so = get_object (L, json_array_get_element (sections, s), "a section")) == NULL ||
          !check_members (L, so, allowed, required) ||
          (id = get_string (L, so, "id")) == NULL ||
          (scope = get_string (L, so, "scope")) == NULL)
        return FALSE;
      if (!g_str_equal (id, ids[s]))
        return fail (L, "section %u must be \"%s\", not \"%s\"", s, ids[s], id);
      section->section = (BnCheckSection) s;
      section->id = g_strdup (id);
      if (!parse_choice (L, scope, "scope", scopes, &value))
        return FALSE;
      section->scope = value;
      if (!parse_text (L, json_object_get_member (so, "title"), "title", &section->title))
        return FALSE;
      if (json_object_has_member (so, "viewer"))
        section->viewer = g_strdup (json_object_get_string_member (so, "viewer"));

      {
        gsize imark = push (L, "items");
        g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

        if ((items = get_array (L, json_object_get_member (so, "items"), "it")) == NULL)
          return FALSE;
        section->n_items = json_array_get_length (items);
        section->items = g_new0 (BnItem, section->n_items);
        for (guint i = 0; i < section->n_items; i++)
          {
            JsonNode *node = json_array_get_element (items, i);
            gsize emark;

            if (node != NULL && JSON_NODE_HOLDS_OBJECT (node) &&
                json_object_has_member (json_node_get_object (node), "id") &&
                is_string (json_object_get_member (json_node_get_object (node), "id")))
              emark = push (L, "[%u] (%s)", i,
                            json_object_get_string_member (json_node_get_object (node), "id"));
            else
              emark = push (L, "[%u]", i);
            if (!parse_item (L, node, section->scope, &section->items[i], text_refs))
              return FALSE;
            if (!g_hash_table_add (seen, section->items[i].id))
              return fail (L, "the id \"%s\" is used twice", section->items[i].id);
            pop (L, emark);
          }
        pop (L, imark);
      }
      pop (L, smark);
    }

  pop (L, mark);
  return TRUE;
}

static gboolean
parse_platforms (Loader     *L,
                 JsonObject *object)
{
  static const char *const allowed[] = { "chassis", "name", NULL };
  gsize mark = push (L, "platforms");
  JsonObject *platforms;
  g_autoptr(GList) names = NULL;

  if ((platforms = get_object (L, json_object_get_member (object, "platforms"), "it")) == NULL)
    return FALSE;
  names = json_object_get_members (platforms);
  for (GList *l = names; l != NULL; l = l->next)
    {
      gsize pmark = push (L, "%s", (const char *) l->data);
      BnPlatform *platform = g_new0 (BnPlatform, 1);
      JsonObject *p;
      const char *chassis;

      g_hash_table_insert (L->rules->platforms, g_strdup (l->data), platform);
      if (!check_known (L, l->data, known_platforms, "platform") ||
          (p = get_object (L, json_object_get_member (platforms, l->data), "it")) == NULL ||
          !check_members (L, p, allowed, allowed) ||
          (chassis = get_string (L, p, "chassis")) == NULL ||
          !check_known (L, chassis, known_chassis, "chassis") ||
          !parse_text (L, json_object_get_member (p, "name"), "name", &platform->name))
        return FALSE;
      platform->chassis = g_strdup (chassis);
      pop (L, pmark);
    }
  pop (L, mark);
  return TRUE;
}

gboolean
_bn_parse_ipv4 (const char *text,
                guint32    *out)
{
  g_auto(GStrv) parts = NULL;
  guint32 value = 0;

  if (text == NULL)
    return FALSE;
  parts = g_strsplit (text, ".", -1);
  if (g_strv_length (parts) != 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      guint64 octet;

      if (!g_ascii_string_to_unsigned (parts[i], 10, 0, 255, &octet, NULL))
        return FALSE;
      value = (value << 8) | (guint32) octet;
    }
  *out = value;
  return TRUE;
}

static gboolean
parse_parameters (Loader     *L,
                  JsonObject *object)
{
  static const char *const allowed[] = {
    "min_speed_mbps", "recommended_measured_mbps", "svp_network", "mgmt_path_speed_mbps_bs2000",
    NULL
  };
  static const char *const required[] = { "min_speed_mbps", "svp_network", NULL };
  gsize mark = push (L, "parameters");
  JsonObject *params;
  const char *network;
  g_auto(GStrv) cidr = NULL;
  guint64 bits;

  if ((params = get_object (L, json_object_get_member (object, "parameters"), "it")) == NULL ||
      !check_members (L, params, allowed, required))
    return FALSE;
  if (!is_integer (json_object_get_member (params, "min_speed_mbps")))
    return fail (L, "\"min_speed_mbps\" must be an integer");
  L->rules->path.min_speed_mbps = json_object_get_int_member (params, "min_speed_mbps");
  if ((network = get_string (L, params, "svp_network")) == NULL)
    return FALSE;
  cidr = g_strsplit (network, "/", 2);
  if (g_strv_length (cidr) != 2 || !_bn_parse_ipv4 (cidr[0], &L->rules->path.svp_network) ||
      !g_ascii_string_to_unsigned (cidr[1], 10, 0, 32, &bits, NULL))
    return fail (L, "\"svp_network\" must be an address/prefix, not “%s”", network);
  L->rules->path.svp_mask = bits == 0 ? 0 : 0xffffffffu << (32 - bits);
  pop (L, mark);
  return TRUE;
}

static gboolean
load_document (Loader     *L,
               const char *data,
               gsize       length,
               GPtrArray  *text_refs)
{
  static const char *const allowed[] = {
    "format", "group", "title", "source", "remark", "platforms", "parameters", "tables",
    "sections", "texts", NULL
  };
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local = NULL;
  JsonObject *root;
  JsonNode *format;
  const char *group;
  BnText title = { NULL, NULL };
  gboolean ok;

  if (!json_parser_load_from_data (parser, data, length, &local))
    return fail (L, "not JSON: %s", local->message);
  if ((root = get_object (L, json_parser_get_root (parser), "the document")) == NULL)
    return FALSE;

  format = json_object_get_member (root, "format");
  if (!is_string (format))
    return fail (L, "no \"format\" member: not a rules file");
  if (!g_str_equal (json_node_get_string (format), RULES_FORMAT))
    {
      /* data/rules also holds other components' tables (locks.json, config-moved.json). */
      if (g_str_has_prefix (json_node_get_string (format), "bladenav-") &&
          !g_str_has_prefix (json_node_get_string (format), "bladenav-check"))
        {
          g_debug ("%s: %s belongs to another component; skipped", L->file,
                   json_node_get_string (format));
          return TRUE;
        }
      return fail (L, "\"format\" must be \"%s\", not \"%s\"", RULES_FORMAT,
                   json_node_get_string (format));
    }

  if (!check_members (L, root, allowed, NULL) ||
      (group = get_string (L, root, "group")) == NULL)
    return FALSE;
  if (!g_hash_table_add (L->groups, g_strdup (group)))
    return fail (L, "the group \"%s\" is also in another file", group);
  ok = parse_text (L, json_object_get_member (root, "title"), "title", &title);
  text_clear (&title);
  if (!ok)
    return FALSE;

  g_ptr_array_add (L->rules->files, g_strdup (L->file));

  if (json_object_has_member (root, "platforms") && !parse_platforms (L, root))
    return FALSE;
  if (json_object_has_member (root, "parameters") && !parse_parameters (L, root))
    return FALSE;

  if (json_object_has_member (root, "tables"))
    {
      JsonArray *tables = get_array (L, json_object_get_member (root, "tables"), "\"tables\"");

      if (tables == NULL)
        return FALSE;
      for (guint i = 0; i < json_array_get_length (tables); i++)
        if (!parse_table (L, json_array_get_element (tables, i), i))
          return FALSE;
    }

  if (json_object_has_member (root, "sections") || json_object_has_member (root, "texts"))
    {
      if (L->have_items)
        return fail (L, "a second file with \"sections\"");
      if (!json_object_has_member (root, "sections") || !json_object_has_member (root, "texts"))
        return fail (L, "\"sections\" and \"texts\" go together");
      L->have_items = TRUE;
      L->items_file = g_intern_string (L->file);
      if (!parse_texts (L, root) || !parse_sections (L, root, text_refs))
        return FALSE;
    }

  return TRUE;
}

BnTextEntry *
_bn_rules_text (BnRules    *self,
                const char *id)
{
  BnTextEntry *entry = g_hash_table_lookup (self->texts, id);

  g_assert (entry != NULL);   /* the loader made sure */
  return entry;
}

gboolean
_bn_field_lookup (const char *name,
                  BnField    *out)
{
  for (guint i = 1; i < BN_N_FIELDS; i++)
    if (g_str_equal (bn_field_info[i].name, name))
      {
        if (out != NULL)
          *out = (BnField) i;
        return TRUE;
      }
  return FALSE;
}

/* What holds only once every file is read. */
static gboolean
finish (Loader    *L,
        GPtrArray *text_refs)
{
  BnRules *self = L->rules;

  L->file = self->origin;
  g_string_truncate (L->path, 0);

  if (!L->have_items)
    return fail (L, "no rules file has the Config Viewer items (\"sections\")");
  if (g_hash_table_size (self->platforms) == 0)
    return fail (L, "no rules file has \"platforms\"");
  if (self->path.min_speed_mbps == 0)
    return fail (L, "no rules file has the migration path \"parameters\"");

  /* Texts an evaluation names. */
  for (guint i = 0; i < text_refs->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (text_refs->pdata[i], "\t", 3);
      BnTextEntry *entry = g_hash_table_lookup (self->texts, parts[2]);

      if (entry == NULL)
        {
          L->file = g_intern_string (parts[0]);
          g_string_assign (L->path, parts[1]);
          return fail (L, "the text \"%s\" is not in \"texts\"", parts[2]);
        }
      entry->used = TRUE;
    }
  for (guint s = 0; s < self->n_sections; s++)
    for (guint i = 0; i < self->sections[s].n_items; i++)
      {
        BnItem *item = &self->sections[s].items[i];

        for (guint e = 0; e < item->n_evals; e++)
          if (item->evals[e].text_id != NULL)
            item->evals[e].text = g_hash_table_lookup (self->texts, item->evals[e].text_id);
      }

  /* Texts the evaluator itself uses. */
  for (guint i = 0; _bn_checker_texts[i] != NULL; i++)
    {
      BnTextEntry *entry = g_hash_table_lookup (self->texts, _bn_checker_texts[i]);

      if (entry == NULL)
        {
          L->file = L->items_file;
          g_string_assign (L->path, "texts");
          return fail (L, "the text \"%s\" the evaluator needs is missing", _bn_checker_texts[i]);
        }
      entry->used = TRUE;
    }
  {
    GHashTableIter iter;
    BnTextEntry *entry;

    g_hash_table_iter_init (&iter, self->texts);
    while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
      if (!entry->used)
        {
          L->file = L->items_file;
          g_string_printf (L->path, "texts/%s", entry->id);
          return fail (L, "nothing uses this text");
        }
  }

  /* Tables every evaluation needs. */
  for (guint s = 0; s < self->n_sections; s++)
    for (guint i = 0; i < self->sections[s].n_items; i++)
      {
        BnItem *item = &self->sections[s].items[i];

        for (guint e = 0; e < item->n_evals; e++)
          if (item->evals[e].check == BN_CHECK_TABLE &&
              self->by_kind[item->evals[e].kind]->len == 0)
            {
              L->file = L->items_file;
              g_string_printf (L->path, "sections/%s/items/%s/eval[%u]",
                               self->sections[s].id, item->id, e);
              return fail (L, "no table of check \"%s\" was loaded",
                           bn_kind_info[item->evals[e].kind].name);
            }
      }
  {
    static const BnKindId direct[] = {
      BN_KIND_SUPPORTED_FIRMWARE, BN_KIND_NIC_ASSIGNMENT, BN_KIND_NIC_ASSIGNMENT_LEGACY,
    };

    for (guint i = 0; i < G_N_ELEMENTS (direct); i++)
      if (self->by_kind[direct[i]]->len == 0)
        return fail (L, "no table of check \"%s\" was loaded", bn_kind_info[direct[i]].name);
  }

  /* "then" notes name another table of the same file set. */
  for (guint t = 0; t < self->tables->len; t++)
    {
      BnTable *table = self->tables->pdata[t];

      for (guint n = 0; n < table->n_notes; n++)
        {
          BnNote *note = &table->notes[n];

          if (note->then_number == NULL)
            continue;
          for (guint u = 0; u < self->tables->len && note->then == NULL; u++)
            {
              BnTable *other = self->tables->pdata[u];

              if (other->number != NULL && g_str_equal (other->number, note->then_number) &&
                  bn_kind_info[other->kind].side == BN_SIDE_PAIR &&
                  bn_kind_info[other->kind].cell == BN_CELL_VERDICT && other != table)
                note->then = other;
            }
          if (note->then == NULL)
            {
              L->file = table->file;
              g_string_printf (L->path, "tables[%u] (%s)/notes/%s", table->index,
                               table->reference, note->mark);
              return fail (L, "\"then\": no source/destination table %s", note->then_number);
            }
        }
    }
  return TRUE;
}

typedef gboolean (*ReadFunc) (const char  *where,
                              const char  *name,
                              char       **data,
                              gsize       *length,
                              GError     **error);

static BnRules *
load_all (const char  *origin,
          char       **names,
          ReadFunc     read_func,
          GError     **error)
{
  g_autoptr(BnRules) self = g_object_new (BN_TYPE_RULES, NULL);
  g_autoptr(GPtrArray) text_refs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) path = g_string_new (NULL);
  Loader L = { self, NULL, path, error, FALSE, NULL, groups };

  self->origin = g_strdup (origin);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *data = NULL;
      gsize length;

      if (!g_str_has_suffix (names[i], ".json") || g_str_has_suffix (names[i], ".schema.json"))
        continue;
      if (!read_func (origin, names[i], &data, &length, error))
        return NULL;
      L.file = names[i];
      g_string_truncate (path, 0);
      if (!load_document (&L, data, length, text_refs))
        return NULL;
    }

  if (!finish (&L, text_refs))
    return NULL;
  return g_steal_pointer (&self);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char **) a, *(char **) b);
}

/* "表 2-9" before "表 2-10". */
static int
compare_natural (gconstpointer a,
                 gconstpointer b)
{
  g_autofree char *ka = g_utf8_collate_key_for_filename (*(char **) a, -1);
  g_autofree char *kb = g_utf8_collate_key_for_filename (*(char **) b, -1);

  return strcmp (ka, kb);
}

static gboolean
read_file (const char  *dir,
           const char  *name,
           char       **data,
           gsize       *length,
           GError     **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) local = NULL;

  if (!g_file_get_contents (path, data, length, &local))
    {
      g_set_error (error, BN_CHECK_ERROR, BN_CHECK_ERROR_RULES, "%s: %s", name, local->message);
      return FALSE;
    }
  return TRUE;
}

BnRules *
bn_rules_new_from_directory (const char  *dir,
                             GError     **error)
{
  g_autoptr(GDir) d = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local = NULL;
  const char *name;

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((d = g_dir_open (dir, 0, &local)) == NULL)
    {
      g_set_error (error, BN_CHECK_ERROR, BN_CHECK_ERROR_RULES, "%s: %s", dir, local->message);
      return NULL;
    }
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return load_all (dir, (char **) names->pdata, read_file, error);
}

static gboolean
read_resource (const char  *dir,
               const char  *name,
               char       **data,
               gsize       *length,
               GError     **error)
{
  g_autofree char *path = g_build_path ("/", dir, name, NULL);
  g_autoptr(GError) local = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &local);

  if (bytes == NULL)
    {
      g_set_error (error, BN_CHECK_ERROR, BN_CHECK_ERROR_RULES, "%s: %s", name, local->message);
      return FALSE;
    }
  {
    const char *bytes_data = g_bytes_get_data (bytes, length);

    *data = g_malloc (*length + 1);
    memcpy (*data, bytes_data, *length);
    (*data)[*length] = '\0';
  }
  return TRUE;
}

BnRules *
bn_rules_new_from_resource (const char  *resource_dir,
                            GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_auto(GStrv) children = NULL;
  guint n;

  g_return_val_if_fail (resource_dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  children = g_resources_enumerate_children (resource_dir, G_RESOURCE_LOOKUP_FLAGS_NONE, &local);
  if (children == NULL)
    {
      g_set_error (error, BN_CHECK_ERROR, BN_CHECK_ERROR_RULES, "%s: %s", resource_dir,
                   local->message);
      return NULL;
    }
  n = g_strv_length (children);
  qsort (children, n, sizeof (char *), compare_names);
  return load_all (resource_dir, children, read_resource, error);
}

BnRules *
bn_rules_new_default (GError **error)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      /* Registered by hand: a constructor in a static library is dropped by the linker. */
      g_resources_register (bn_checks_get_resource ());
      g_once_init_leave (&registered, 1);
    }
  return bn_rules_new_from_resource (DEFAULT_RESOURCE_DIR, error);
}

const char *
bn_rules_get_origin (BnRules *self)
{
  g_return_val_if_fail (BN_IS_RULES (self), NULL);
  return self->origin;
}

const char *const *
bn_rules_get_files (BnRules *self)
{
  g_return_val_if_fail (BN_IS_RULES (self), NULL);

  return (const char *const *) self->files->pdata;
}

guint
bn_rules_get_n_tables (BnRules *self)
{
  g_return_val_if_fail (BN_IS_RULES (self), 0);
  return self->tables->len;
}

gboolean
bn_rules_has_table (BnRules    *self,
                    const char *number)
{
  g_return_val_if_fail (BN_IS_RULES (self), FALSE);
  g_return_val_if_fail (number != NULL, FALSE);

  for (guint i = 0; i < self->tables->len; i++)
    {
      BnTable *table = self->tables->pdata[i];

      if (table->number != NULL && g_str_equal (table->number, number))
        return TRUE;
    }
  return FALSE;
}

char **
bn_rules_dup_table_numbers (BnRules *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (BN_IS_RULES (self), NULL);

  for (guint i = 0; i < self->tables->len; i++)
    {
      BnTable *table = self->tables->pdata[i];

      if (table->number != NULL && g_hash_table_add (seen, table->number))
        g_ptr_array_add (out, g_strdup (table->number));
    }
  g_ptr_array_sort (out, compare_natural);
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}
