/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bn-types.h"

const char *
bn_enum_to_nick (GType enum_type,
                 int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  GEnumValue *v = g_enum_get_value (klass, value);

  /* the class stays alive: bn-enums types are static and never unloaded */
  return v ? v->value_nick : NULL;
}

gboolean
bn_enum_from_nick (GType       enum_type,
                   const char *nick,
                   int        *value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  GEnumValue *v = nick ? g_enum_get_value_by_nick (klass, nick) : NULL;

  if (v == NULL)
    return FALSE;
  *value = v->value;
  return TRUE;
}
