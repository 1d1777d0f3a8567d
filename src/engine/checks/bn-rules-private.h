/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "bn-check-types.h"
#include "bn-rules.h"
#include "bn-version.h"

G_BEGIN_DECLS

/* What the loader compiles the rules files into, and what the evaluator walks.  Nothing
 * here is JSON: an evaluation reads the blade documents, never the rules files. */

typedef struct
{
  char *en;
  char *ja;
} BnText;

/* Every value the rules can name: table keys, item columns, equality checks.  Where each
 * comes from is the evaluator's business (bn-checker.c); its name, scope and type are
 * here so the loader can refuse a name it does not know. */
typedef enum
{
  BN_SCOPE_BLADE,   /* a property of one HVM: source or destination */
  BN_SCOPE_LPAR,    /* a property of the LPAR being moved */
  BN_SCOPE_PAIR,    /* a property of the pair of blades */
  BN_SCOPE_HBA,     /* of the FC HBA port an item row is about, on either side */
  BN_SCOPE_NIC,     /* of the virtual NIC an item row is about, on either side */
} BnScope;

typedef enum
{
  BN_VALUE_STRING,
  BN_VALUE_VERSION, /* compared with bn-version, counts included */
} BnValueType;

typedef enum
{
#define BN_FIELD(id, name, scope, type) BN_FIELD_##id,
#include "bn-fields.h"
#undef BN_FIELD
  BN_N_FIELDS
} BnField;

typedef struct
{
  const char  *name;
  BnScope      scope;
  BnValueType  type;
} BnFieldInfo;

extern const BnFieldInfo bn_field_info[BN_N_FIELDS];

gboolean _bn_field_lookup (const char *name,
                           BnField    *out);

/* Which side's document a table reads. */
typedef enum
{
  BN_SIDE_PAIR,         /* rows from the source, columns from the destination */
  BN_SIDE_EACH,         /* rows and columns from one side, for each side in turn */
  BN_SIDE_SOURCE,
  BN_SIDE_DESTINATION,
} BnSideRule;

typedef enum
{
  BN_CELL_VERDICT,      /* ○ × △ ※ with notes */
  BN_CELL_VERSION_MIN,  /* "59-10~", "-" unsupported, "*" no requirement */
  BN_CELL_INTEGER,      /* a limit */
  BN_CELL_MODELS,       /* a list of model names */
  BN_CELL_TEXT,         /* kept for the record */
  BN_CELL_RANGE,        /* a version range the value is tested against */
  BN_CELL_ANY,          /* reference tables: anything */
} BnCellKind;

typedef enum
{
  BN_KIND_SUPPORTED_MODEL,
  BN_KIND_SUPPORTED_FIRMWARE,
  BN_KIND_HVM_MODEL,
  BN_KIND_POSITION,
  BN_KIND_DICTIONARY,
  BN_KIND_BLADE_MODEL,
  BN_KIND_PROCESSOR_TYPE,
  BN_KIND_PROCESSOR_FIRMWARE,
  BN_KIND_SMP,
  BN_KIND_EFI,
  BN_KIND_HVM_FIRMWARE,
  BN_KIND_VNIC_SYSTEM_NO,
  BN_KIND_VNIC_DEVICE_TYPE,
  BN_KIND_MIGRATION_COUNT,
  BN_KIND_LPAR_STATUS,
  BN_KIND_LPAR_DEVICES,
  BN_KIND_GUEST_OS,
  BN_KIND_FC_FIRMWARE,
  BN_KIND_FC_DRIVER,
  BN_KIND_FC_CONNECTION,
  BN_KIND_FC_PORT_STATE,
  BN_KIND_NIC_PORT_STATE,
  BN_KIND_NIC_ASSIGNMENT,
  BN_KIND_NIC_ASSIGNMENT_LEGACY,
  BN_KIND_MIGRATION_PATH,
  BN_KIND_REFERENCE,
  BN_N_KINDS
} BnKindId;

#define BN_KIND_MAX_KEYS 3

typedef struct
{
  const char *key;      /* the member name in a rules file */
  BnField     field;
} BnKindKey;

typedef struct
{
  const char *name;
  BnSideRule  side;
  BnKindKey   row_keys[BN_KIND_MAX_KEYS];
  BnKindKey   col_keys[BN_KIND_MAX_KEYS];
  BnCellKind  cell;
  BnField     against;  /* compared with VERSION_MIN / INTEGER / MODELS / RANGE cells */
  gboolean    miss_not_applicable;  /* a value no row matches: the table does not apply */
} BnKindInfo;

extern const BnKindInfo bn_kind_info[BN_N_KINDS];

/* One condition of an axis entry: field in any of @strings, or in any of @ranges. */
typedef struct
{
  BnField          field;
  BnScope          scope;
  BnValueType      type;
  guint            n_values;
  char           **strings;   /* normalised (case-folded, single spaces) */
  BnVersionRange  *ranges;
  char            *text;      /* as written, for messages */
} BnTerm;

typedef struct
{
  BnTerm *terms;
  guint   n_terms;
  char   *label;              /* what a message prints for this row / column */
} BnAxisEntry;

typedef enum
{
  BN_EFFECT_INFO,
  BN_EFFECT_WARNING,
  BN_EFFECT_REFUSE_IF,
  BN_EFFECT_TABLE,
} BnEffect;

typedef enum
{
  BN_COND_SOURCE,
  BN_COND_DESTINATION,
  BN_COND_EITHER,
  BN_COND_LPAR,
} BnCondSide;

typedef struct _BnTable BnTable;

typedef struct
{
  char        *mark;          /* "※1" */
  BnEffect     effect;
  char        *ref;
  BnText       text;
  BnCondSide   cond_side;
  BnTerm       cond;          /* REFUSE_IF */
  char        *then_number;   /* TABLE */
  BnTable     *then;
} BnNote;

typedef enum
{
  BN_VERDICT_CELL_OK,
  BN_VERDICT_CELL_ERROR,
  BN_VERDICT_CELL_WARNING,
  BN_VERDICT_CELL_INFO,
  BN_VERDICT_CELL_CONDITIONAL,  /* △ or a bare ※: the notes decide */
  BN_VERDICT_CELL_ABSENT,       /* "-": the table says nothing */
} BnCellVerdict;

typedef struct
{
  BnCellVerdict    verdict;
  BnText           label;
  guint           *notes;     /* indexes into the table's notes */
  guint            n_notes;
  char            *text;      /* as written */
  gboolean         unsupported;     /* VERSION_MIN "-" */
  gboolean         no_requirement;  /* VERSION_MIN "*" */
  BnVersionRange   range;
  gint64           integer;
  char           **models;
} BnCell;

typedef struct
{
  guint     modes;            /* bit per BnMode; 0 = any */
  char    **chassis;          /* NULL = any */
  char    **platforms;
  char    **models;
} BnSelector;

struct _BnTable
{
  char        *file;
  guint        index;         /* in its file's "tables" */
  char        *number;        /* "表 2-30", or NULL for a rule cited by section only */
  char        *section;
  BnText       title;
  BnKindId     kind;
  BnSelector   when;
  BnAxisEntry *rows;
  guint        n_rows;
  BnAxisEntry *cols;
  guint        n_cols;
  BnCell      *cells;         /* n_rows × n_cols, row major */
  BnNote      *notes;
  guint        n_notes;
  BnText       remark;
  char        *reference;     /* "表 2-30" or the section: what a report cites */
};

/* An evaluation of an item (items.json "eval"). */
typedef enum
{
  BN_CHECK_EQUAL,
  BN_CHECK_TABLE,
  BN_CHECK_FIRMWARE_SUPPORT,
  BN_CHECK_EFI_SETTINGS,
  BN_CHECK_ACTIVATED_LPARS,
  BN_CHECK_NTP,
  BN_CHECK_SECURITY_STRENGTH,
  BN_CHECK_LPAR_NUMBER,
  BN_CHECK_LPAR_NAME,
  BN_CHECK_LPAR_STATE,
  BN_CHECK_DESTINATION_FREE,
  BN_CHECK_PROCESSOR_GROUP,
  BN_CHECK_CPU_ASSIGN,
  BN_CHECK_MEMORY,
  BN_CHECK_VIRTUAL_COM,
  BN_CHECK_USB,
  BN_CHECK_DEDICATED_USB,
  BN_CHECK_MIGRATION_BUSY,
  BN_CHECK_PATH_INTERFACE,
  BN_CHECK_PATH_IP,
  BN_CHECK_HVM_PENDING,
  BN_CHECK_NIC_ASSIGNMENT,
  BN_CHECK_INTER_LPAR_VNIC,
  BN_CHECK_MANUAL_MAC,
  BN_CHECK_HBA_PRESENT,
  BN_CHECK_LINK,
  BN_CHECK_DEVICE_SHARED,
  BN_CHECK_VFCID,
  BN_CHECK_STORAGE,
  BN_CHECK_VNIC_SEGMENT,
  BN_CHECK_VNIC_NUMBER,
  BN_CHECK_CLUSTER,
  BN_N_CHECKS
} BnCheckId;

extern const char *const bn_check_names[BN_N_CHECKS];

typedef struct _BnTextEntry BnTextEntry;

typedef struct
{
  BnCheckId       check;
  BnSelector      when;
  BnField         field;      /* EQUAL: what to compare (the item's own field if NONE) */
  BnKindId        kind;       /* TABLE */
  gboolean        side_set;
  BnSideRule      side;
  gboolean        required;
  BnCheckStatus   status;     /* EQUAL: status on a mismatch */
  char           *text_id;    /* as written; resolved into @text once every file is read */
  BnTextEntry    *text;
  char           *ref;
  char           *value;      /* parameter of some checks ("NO_NAME", "Default") */
} BnEval;

typedef struct
{
  char           *id;
  char           *group;
  const char     *name;       /* interned: items of a report point at it */
  const char     *viewer;     /* interned; "表 8-1 #9" */
  BnText          description;
  BnField         show_source;
  BnField         show_destination;
  gboolean        physical;   /* NIC rows: only for shared NIC ports, not Va … Vd */
  BnEval         *evals;
  guint           n_evals;
} BnItem;

typedef struct
{
  BnCheckSection  section;
  char           *id;
  BnText          title;
  char           *viewer;
  BnScope         scope;      /* BLADE: once; HBA / NIC: once per port / virtual NIC */
  BnItem         *items;
  guint           n_items;
} BnSectionRules;

struct _BnTextEntry
{
  char   *id;
  BnText  message;
  BnText  remedy;
  gboolean used;
};

typedef struct
{
  char  *chassis;
  BnText name;
} BnPlatform;

typedef struct
{
  guint   min_speed_mbps;
  guint32 svp_network;
  guint32 svp_mask;
} BnPathParameters;

struct _BnRules
{
  GObject           parent_instance;

  char             *origin;           /* directory or resource path */
  GPtrArray        *files;            /* char *, in load order */
  GPtrArray        *tables;           /* BnTable *, all of them */
  GPtrArray        *by_kind[BN_N_KINDS];  /* BnTable *, borrowed */
  GHashTable       *texts;            /* id -> BnTextEntry * */
  GHashTable       *platforms;        /* platform -> BnPlatform * */
  BnSectionRules    sections[4];
  guint             n_sections;
  BnPathParameters  path;
};

BnTextEntry *_bn_rules_text (BnRules    *self,
                             const char *id);

/* Case-folded, trimmed, runs of white space as one space: how table strings compare. */
char        *_bn_normalise  (const char *text);

/* "a.b.c.d" as a host-order number; FALSE for anything else (NULL included). */
gboolean     _bn_parse_ipv4 (const char *text,
                             guint32    *out);

static inline const char *
bn_text_get (const BnText *text,
             gboolean      japanese)
{
  if (japanese && text->ja != NULL)
    return text->ja;
  return text->en != NULL ? text->en : text->ja;
}

G_END_DECLS
