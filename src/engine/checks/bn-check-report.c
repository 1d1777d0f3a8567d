/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-check-report"

#include "config.h"

#include "bn-check-item-private.h"
#include "bn-check-report-private.h"
#include "bn-checks-enums.h"

struct _BnCheckReportClass
{
  GObjectClass parent_class;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BnCheckReport, bn_check_report, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_MODE,
  PROP_VERDICT,
  PROP_DESTINATION_LPAR,
  PROP_AUTO_DESTINATION,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
get_item_type (GListModel *model)
{
  return BN_TYPE_CHECK_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return BN_CHECK_REPORT (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  BnCheckReport *self = BN_CHECK_REPORT (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
bn_check_report_finalize (GObject *object)
{
  BnCheckReport *self = (BnCheckReport *) object;

  g_ptr_array_unref (self->items);
  g_free (self->source_hvm);
  g_free (self->source_name);
  g_free (self->destination_hvm);
  for (guint i = 0; i < G_N_ELEMENTS (self->section_titles); i++)
    g_free (self->section_titles[i]);

  G_OBJECT_CLASS (bn_check_report_parent_class)->finalize (object);
}

static void
bn_check_report_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BnCheckReport *self = BN_CHECK_REPORT (object);

  switch (prop_id)
    {
    case PROP_MODE: g_value_set_enum (value, self->mode); break;
    case PROP_VERDICT: g_value_set_enum (value, self->verdict); break;
    case PROP_DESTINATION_LPAR: g_value_set_uint (value, self->destination_lpar); break;
    case PROP_AUTO_DESTINATION: g_value_set_boolean (value, self->auto_destination); break;
    case PROP_N_ITEMS: g_value_set_uint (value, self->items->len); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bn_check_report_class_init (BnCheckReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = bn_check_report_finalize;
  object_class->get_property = bn_check_report_get_property;

  properties[PROP_MODE] = g_param_spec_enum ("mode", NULL, NULL, BN_TYPE_MODE,
                                             BN_MODE_SHUTDOWN, flags);
  properties[PROP_VERDICT] = g_param_spec_enum ("verdict", NULL, NULL, BN_TYPE_VERDICT,
                                                BN_VERDICT_OK, flags);
  properties[PROP_DESTINATION_LPAR] =
    g_param_spec_uint ("destination-lpar", NULL, NULL, 0, 60, 0, flags);
  properties[PROP_AUTO_DESTINATION] =
    g_param_spec_boolean ("auto-destination", NULL, NULL, FALSE, flags);
  properties[PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bn_check_report_init (BnCheckReport *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->group = -1;
}

BnCheckReport *
_bn_check_report_new (BnMode mode)
{
  BnCheckReport *self = g_object_new (BN_TYPE_CHECK_REPORT, NULL);

  self->mode = mode;
  return self;
}

void
_bn_check_report_append (BnCheckReport *self,
                         BnCheckItem   *item)
{
  g_ptr_array_add (self->items, item);
  self->counts[item->status]++;
  if (item->status == BN_CHECK_STATUS_ERROR)
    self->verdict = BN_VERDICT_REFUSED;
  else if (item->status == BN_CHECK_STATUS_WARNING && self->verdict == BN_VERDICT_OK)
    self->verdict = BN_VERDICT_WARNINGS;
}

BnMode
bn_check_report_get_mode (BnCheckReport *self)
{
  g_return_val_if_fail (BN_IS_CHECK_REPORT (self), BN_MODE_SHUTDOWN);
  return self->mode;
}

BnVerdict
bn_check_report_get_verdict (BnCheckReport *self)
{
  g_return_val_if_fail (BN_IS_CHECK_REPORT (self), BN_VERDICT_REFUSED);
  return self->verdict;
}

const char *
bn_check_report_get_source_hvm (BnCheckReport *self)
{
  g_return_val_if_fail (BN_IS_CHECK_REPORT (self), NULL);
  return self->source_hvm;
}

guint
bn_check_report_get_source_lpar (BnCheckReport *self)
{
  g_return_val_if_fail (BN_IS_CHECK_REPORT (self), 0);
  return self->source_lpar;
}

const char *
bn_check_report_get_destination_hvm (BnCheckReport *self)
{
  g_return_val_if_fail (BN_IS_CHECK_REPORT (self), NULL);
  return self->destination_hvm;
}

guint
bn_check_report_get_destination_lpar (BnCheckReport *self)
{
  g_return_val_if_fail (BN_IS_CHECK_REPORT (self), 0);
  return self->destination_lpar;
}

gboolean
bn_check_report_get_auto_destination (BnCheckReport *self)
{
  g_return_val_if_fail (BN_IS_CHECK_REPORT (self), FALSE);
  return self->auto_destination;
}

gint
bn_check_report_get_group (BnCheckReport *self)
{
  g_return_val_if_fail (BN_IS_CHECK_REPORT (self), -1);
  return self->group;
}

guint
bn_check_report_count (BnCheckReport *self,
                       BnCheckStatus  status)
{
  g_return_val_if_fail (BN_IS_CHECK_REPORT (self), 0);
  g_return_val_if_fail (status <= BN_CHECK_STATUS_ERROR, 0);
  return self->counts[status];
}

BnCheckItem *
bn_check_report_find (BnCheckReport *self,
                      const char    *id)
{
  g_return_val_if_fail (BN_IS_CHECK_REPORT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      BnCheckItem *item = g_ptr_array_index (self->items, i);

      if (g_str_equal (item->id, id))
        return item;
    }
  return NULL;
}

const char *
bn_check_report_get_section_title (BnCheckReport  *self,
                                   BnCheckSection  section)
{
  g_return_val_if_fail (BN_IS_CHECK_REPORT (self), NULL);
  g_return_val_if_fail (section <= BN_CHECK_SECTION_NIC, NULL);
  return self->section_titles[section];
}

static const char *
enum_nick (GType type,
           gint  value)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *v = g_enum_get_value (klass, value);
  const char *nick = v != NULL ? v->value_nick : NULL;

  g_type_class_unref (klass);   /* static types: the class stays */
  return nick;
}

const char *
bn_mode_to_string (BnMode mode)
{
  return enum_nick (BN_TYPE_MODE, mode);
}

gboolean
bn_mode_from_string (const char *text,
                     BnMode     *out)
{
  GEnumClass *klass;
  GEnumValue *v;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  klass = g_type_class_ref (BN_TYPE_MODE);
  v = g_enum_get_value_by_nick (klass, text);
  if (v != NULL)
    *out = v->value;
  g_type_class_unref (klass);
  return v != NULL;
}

const char *
bn_check_status_to_string (BnCheckStatus status)
{
  return enum_nick (BN_TYPE_CHECK_STATUS, status);
}

const char *
bn_verdict_to_string (BnVerdict verdict)
{
  return enum_nick (BN_TYPE_VERDICT, verdict);
}

const char *
bn_check_section_to_string (BnCheckSection section)
{
  return enum_nick (BN_TYPE_CHECK_SECTION, section);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

JsonNode *
bn_check_report_to_json (BnCheckReport *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (BN_IS_CHECK_REPORT (self), NULL);

  json_builder_begin_object (builder);
  add_string (builder, "mode", bn_mode_to_string (self->mode));
  add_string (builder, "verdict", bn_verdict_to_string (self->verdict));

  json_builder_set_member_name (builder, "source");
  json_builder_begin_object (builder);
  add_string (builder, "hvm", self->source_hvm);
  json_builder_set_member_name (builder, "lpar");
  json_builder_add_int_value (builder, self->source_lpar);
  add_string (builder, "name", self->source_name);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "destination");
  json_builder_begin_object (builder);
  add_string (builder, "hvm", self->destination_hvm);
  json_builder_set_member_name (builder, "lpar");
  if (self->destination_lpar > 0)
    json_builder_add_int_value (builder, self->destination_lpar);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "auto");
  json_builder_add_boolean_value (builder, self->auto_destination);
  json_builder_set_member_name (builder, "group");
  if (self->group >= 0)
    json_builder_add_int_value (builder, self->group);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "counts");
  json_builder_begin_object (builder);
  for (guint s = 0; s <= BN_CHECK_STATUS_ERROR; s++)
    {
      json_builder_set_member_name (builder, bn_check_status_to_string (s));
      json_builder_add_int_value (builder, self->counts[s]);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "sections");
  json_builder_begin_array (builder);
  for (guint section = 0; section <= BN_CHECK_SECTION_NIC; section++)
    {
      json_builder_begin_object (builder);
      add_string (builder, "id", bn_check_section_to_string (section));
      add_string (builder, "title", self->section_titles[section]);
      json_builder_set_member_name (builder, "items");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->items->len; i++)
        {
          BnCheckItem *item = g_ptr_array_index (self->items, i);

          if (item->section != section)
            continue;
          json_builder_begin_object (builder);
          add_string (builder, "id", item->id);
          add_string (builder, "group", item->group);
          add_string (builder, "name", item->name);
          add_string (builder, "source", item->source_value);
          add_string (builder, "destination", item->destination_value);
          add_string (builder, "status", bn_check_status_to_string (item->status));
          add_string (builder, "message", item->message);
          add_string (builder, "remedy", item->remedy);
          add_string (builder, "reference", item->reference);
          add_string (builder, "viewer", item->viewer_row);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
