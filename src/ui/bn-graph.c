/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-graph"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "bn-graph.h"

#define DEFAULT_CAPACITY 4096
#define PAD 10.0
#define TICK_GAP 6.0

struct _BnGraph
{
  GtkWidget   parent_instance;

  char       *title;
  char       *unit;
  char       *color_name;
  double      value_scale;
  double      time_window;

  /* ring buffer: the newest len samples end at head - 1 */
  double     *times;
  double     *values;
  guint       capacity;
  guint       head;
  guint       len;

  GListModel *model;
  char       *time_property;
  char       *value_property;
  double      time_scale;
  guint       model_seen;

  guint       n_redraws;
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_UNIT,
  PROP_VALUE_SCALE,
  PROP_TIME_WINDOW,
  PROP_CAPACITY,
  PROP_COLOR_NAME,
  PROP_N_SAMPLES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (BnGraph, bn_graph, GTK_TYPE_WIDGET)

/* g_set_str () is GLib 2.76 */
static gboolean
set_str (char       **slot,
         const char  *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;
  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

/* 1, 2, 2.5 or 5 × 10^k, so that about @target_ticks steps cover @range. */
double
bn_graph_nice_step (double range,
                    guint  target_ticks)
{
  double raw, magnitude, fraction;

  if (!(range > 0) || target_ticks == 0)
    return 1;
  raw = range / target_ticks;
  magnitude = pow (10, floor (log10 (raw)));
  fraction = raw / magnitude;
  if (fraction <= 1)
    return magnitude;
  if (fraction <= 2)
    return 2 * magnitude;
  if (fraction <= 2.5)
    return 2.5 * magnitude;
  if (fraction <= 5)
    return 5 * magnitude;
  return 10 * magnitude;
}

static double
time_step (double span)
{
  static const double steps[] = { 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600,
                                  7200, 14400 };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (span / steps[i] <= 6)
      return steps[i];
  return bn_graph_nice_step (span, 6);
}

static guint
index_of (BnGraph *self,
          guint    i)
{
  return (self->head + self->capacity - self->len + i) % self->capacity;
}

/* Tick labels: as many decimals as the step needs. */
static char *
format_tick (double value,
             double step)
{
  int decimals = step >= 1 ? 0 : (int) ceil (-log10 (step) - 1e-9);

  if (step < 1 && fmod (step * pow (10, decimals), 1) > 1e-6)
    decimals++;
  return g_strdup_printf ("%.*f", CLAMP (decimals, 0, 6), value);
}

static char *
format_value (double value)
{
  if (value == 0)
    return g_strdup ("0");
  if (fabs (value) >= 100)
    return g_strdup_printf ("%.0f", value);
  if (fabs (value) >= 10)
    return g_strdup_printf ("%.1f", value);
  return g_strdup_printf ("%.2g", value);
}

static char *
format_time (double seconds)
{
  if (seconds < 60)
    return g_strdup_printf ("%.0f s", seconds);
  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) fmod (seconds, 60));
}

/* Visible time range: the last time-window seconds, or everything. */
static void
x_range (BnGraph *self,
         double  *x_min,
         double  *x_max)
{
  double first = self->len ? self->times[index_of (self, 0)] : 0;
  double last = self->len ? self->times[index_of (self, self->len - 1)] : 0;

  /* fit the data while it spans less than the window, then scroll */
  *x_min = MIN (first, 0);
  *x_max = MAX (last, *x_min + 10);
  if (self->time_window > 0 && *x_max - *x_min > self->time_window)
    *x_min = *x_max - self->time_window;
}

void
bn_graph_get_y_range (BnGraph *self,
                      double  *max,
                      double  *step)
{
  double x_min, x_max, highest = 0;

  g_return_if_fail (BN_IS_GRAPH (self));

  x_range (self, &x_min, &x_max);
  for (guint i = 0; i < self->len; i++)
    {
      guint k = index_of (self, i);

      if (self->times[k] >= x_min)
        highest = MAX (highest, self->values[k]);
    }
  if (!(highest > 0))
    highest = 1;
  *step = bn_graph_nice_step (highest, 4);
  *max = ceil (highest / *step - 1e-9) * *step;
}

static void
get_colors (BnGraph *self,
            GdkRGBA *fg,
            GdkRGBA *line)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  gtk_style_context_get_color (context, fg);
  if (!gtk_style_context_lookup_color (context, self->color_name, line))
    *line = (GdkRGBA) { 0.21, 0.52, 0.89, 1.0 };
}

static PangoLayout *
small_layout (BnGraph    *self,
              const char *text,
              gboolean    bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (bold ? 1.0 : PANGO_SCALE_SMALL));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static void
draw_layout (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             double         x,
             double         y,
             const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
bn_graph_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  BnGraph *self = BN_GRAPH (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double x_min, x_max, y_max, y_step, t_step;
  double left, right, top, bottom, label_width = 0;
  int w, h, title_h;
  GdkRGBA fg, dim, grid, line, fill;
  g_autofree char *title = NULL;
  g_autoptr(PangoLayout) title_layout = NULL;
  g_autoptr(PangoLayout) probe = NULL;
  g_autoptr(GPtrArray) y_labels = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_y;

  self->n_redraws++;
  get_colors (self, &fg, &line);
  dim = fg;
  dim.alpha *= 0.65;
  grid = fg;
  grid.alpha *= 0.12;
  fill = line;
  fill.alpha = 0.18;

  /* title "Remaining dirty memory (MiB)" and, on the right, the latest value */
  title = self->unit ? g_strdup_printf ("%s (%s)", self->title ? self->title : "", self->unit)
                     : g_strdup (self->title ? self->title : "");
  title_layout = small_layout (self, title, TRUE);
  pango_layout_get_pixel_size (title_layout, &w, &title_h);
  draw_layout (snapshot, title_layout, PAD, PAD, &fg);
  if (self->len > 0)
    {
      double latest = self->values[index_of (self, self->len - 1)];
      g_autofree char *number = format_value (latest);
      g_autofree char *text = g_strdup_printf ("%s %s", number, self->unit ? self->unit : "");
      g_autoptr(PangoLayout) layout = small_layout (self, text, TRUE);

      pango_layout_get_pixel_size (layout, &w, &h);
      draw_layout (snapshot, layout, width - PAD - w, PAD, &line);
    }

  x_range (self, &x_min, &x_max);
  bn_graph_get_y_range (self, &y_max, &y_step);
  n_y = (guint) round (y_max / y_step);
  for (guint i = 0; i <= n_y; i++)
    {
      g_autofree char *text = format_tick (i * y_step, y_step);
      PangoLayout *layout = small_layout (self, text, FALSE);

      pango_layout_get_pixel_size (layout, &w, &h);
      label_width = MAX (label_width, w);
      g_ptr_array_add (y_labels, layout);
    }
  probe = small_layout (self, "0 s", FALSE);
  pango_layout_get_pixel_size (probe, &w, &h);

  left = PAD + label_width + TICK_GAP;
  right = width - PAD - 4;
  top = PAD + title_h + PAD;
  bottom = height - PAD - h - 4;
  if (right - left < 40 || bottom - top < 30)
    return;

  /* horizontal grid lines with their values */
  for (guint i = 0; i <= n_y; i++)
    {
      PangoLayout *layout = g_ptr_array_index (y_labels, i);
      double y = round (bottom - (bottom - top) * (i * y_step) / y_max);

      gtk_snapshot_append_color (snapshot, i == 0 ? &dim : &grid,
                                 &GRAPHENE_RECT_INIT (left, y, right - left, 1));
      pango_layout_get_pixel_size (layout, &w, &h);
      draw_layout (snapshot, layout, left - TICK_GAP - w, y - h / 2.0, &dim);
    }

  /* the time axis scrolls: ticks at multiples of the step inside the window */
  t_step = time_step (x_max - x_min);
  for (double t = ceil (x_min / t_step) * t_step; t <= x_max + 1e-9; t += t_step)
    {
      double x = round (left + (right - left) * (t - x_min) / (x_max - x_min));
      g_autofree char *text = format_time (t);
      g_autoptr(PangoLayout) layout = small_layout (self, text, FALSE);

      gtk_snapshot_append_color (snapshot, &grid,
                                 &GRAPHENE_RECT_INIT (x, top, 1, bottom - top));
      pango_layout_get_pixel_size (layout, &w, &h);
      draw_layout (snapshot, layout, CLAMP (x - w / 2.0, left - w / 2.0, width - PAD - w),
                   bottom + 4, &dim);
    }

  if (self->len == 0)
    {
      g_autoptr(PangoLayout) layout = small_layout (self, _("Waiting for samples…"), FALSE);

      pango_layout_get_pixel_size (layout, &w, &h);
      draw_layout (snapshot, layout, (left + right - w) / 2, (top + bottom - h) / 2, &dim);
      return;
    }

  {
    graphene_rect_t plot = GRAPHENE_RECT_INIT (left, top - 2, right - left, bottom - top + 3);
    cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &plot);
    gboolean started = FALSE;
    double first_x = left, last_x = left, last_y = bottom;
    guint start = 0;

    /* from the last sample before the window, so the line enters from the left edge */
    for (guint i = 0; i < self->len; i++)
      if (self->times[index_of (self, i)] < x_min)
        start = i;

    cairo_rectangle (cr, left, top - 2, right - left, bottom - top + 3);
    cairo_clip (cr);
    for (guint i = start; i < self->len; i++)
      {
        guint k = index_of (self, i);
        double x = left + (right - left) * (self->times[k] - x_min) / (x_max - x_min);
        double y = bottom - (bottom - top) * MIN (self->values[k], y_max) / y_max;

        if (!started)
          {
            cairo_move_to (cr, x, y);
            first_x = x;
            started = TRUE;
          }
        else
          cairo_line_to (cr, x, y);
        last_x = x;
        last_y = y;
      }
    cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_width (cr, 2);
    gdk_cairo_set_source_rgba (cr, &line);
    cairo_stroke_preserve (cr);
    cairo_line_to (cr, last_x, bottom);
    cairo_line_to (cr, first_x, bottom);
    cairo_close_path (cr);
    gdk_cairo_set_source_rgba (cr, &fill);
    cairo_fill (cr);
    cairo_arc (cr, last_x, last_y, 3.5, 0, 2 * G_PI);
    gdk_cairo_set_source_rgba (cr, &line);
    cairo_fill (cr);
    cairo_destroy (cr);
  }
}

static void
bn_graph_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 420;
    }
  else
    {
      *minimum = 140;
      *natural = 220;
    }
}

static void
update_description (BnGraph *self)
{
  g_autofree char *text = NULL;

  if (self->len == 0)
    text = g_strdup (_("No samples yet"));
  else
    {
      guint k = index_of (self, self->len - 1);
      g_autofree char *value = format_value (self->values[k]);
      g_autofree char *when = format_time (self->times[k]);

      /* Translators: "latest 37.5 MiB at 12 s" */
      text = g_strdup_printf (_("latest %s %s at %s"), value, self->unit ? self->unit : "", when);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text, -1);
}

static void
push (BnGraph *self,
      double   time_s,
      double   value)
{
  if (!isfinite (time_s) || !isfinite (value))
    return;
  self->times[self->head] = time_s;
  self->values[self->head] = value;
  self->head = (self->head + 1) % self->capacity;
  self->len = MIN (self->len + 1, self->capacity);
}

static void
data_changed (BnGraph *self)
{
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SAMPLES]);
}

void
bn_graph_append (BnGraph *self,
                 double   time_s,
                 double   value)
{
  g_return_if_fail (BN_IS_GRAPH (self));

  push (self, time_s, value);
  data_changed (self);
}

void
bn_graph_clear (BnGraph *self)
{
  g_return_if_fail (BN_IS_GRAPH (self));

  self->head = 0;
  self->len = 0;
  self->model_seen = 0;
  data_changed (self);
}

static gboolean
read_double (GObject    *item,
             const char *property,
             double     *out)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (item), property);
  GValue value = G_VALUE_INIT;
  GValue number = G_VALUE_INIT;
  gboolean ok;

  if (pspec == NULL)
    return FALSE;
  g_value_init (&value, pspec->value_type);
  g_value_init (&number, G_TYPE_DOUBLE);
  g_object_get_property (item, property, &value);
  ok = g_value_transform (&value, &number);
  if (ok)
    *out = g_value_get_double (&number);
  g_value_unset (&value);
  g_value_unset (&number);
  return ok;
}

/* Normalises model items [from, to) into samples. */
static void
read_items (BnGraph *self,
            guint    from,
            guint    to)
{
  /* older items would fall out of the ring buffer anyway */
  if (to - from > self->capacity)
    from = to - self->capacity;
  for (guint i = from; i < to; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (self->model, i);
      double t, v;

      if (item != NULL && read_double (item, self->time_property, &t) &&
          read_double (item, self->value_property, &v))
        push (self, t * self->time_scale, v * self->value_scale);
    }
}

static void
model_items_changed_cb (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        BnGraph    *self)
{
  guint n = g_list_model_get_n_items (model);

  if (removed == 0 && position == self->model_seen)
    read_items (self, position, position + added);   /* the common case: appended samples */
  else
    {
      self->head = 0;
      self->len = 0;
      read_items (self, 0, n);
    }
  self->model_seen = n;
  data_changed (self);
}

/* Follows @model: each item gives a sample (@time_property × @time_scale seconds,
 * @value_property × value-scale).  Properties may be of any numeric type. */
void
bn_graph_bind_model (BnGraph    *self,
                     GListModel *model,
                     const char *time_property,
                     double      time_scale,
                     const char *value_property)
{
  g_return_if_fail (BN_IS_GRAPH (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, model_items_changed_cb, self);
  g_set_object (&self->model, model);
  g_free (self->time_property);
  g_free (self->value_property);
  self->time_property = g_strdup (time_property);
  self->value_property = g_strdup (value_property);
  self->time_scale = time_scale;
  self->head = 0;
  self->len = 0;
  self->model_seen = 0;
  if (model != NULL)
    {
      g_signal_connect_object (model, "items-changed", G_CALLBACK (model_items_changed_cb),
                               self, 0);
      model_items_changed_cb (model, 0, 0, g_list_model_get_n_items (model), self);
    }
  else
    data_changed (self);
}

static void
bn_graph_dispose (GObject *object)
{
  BnGraph *self = (BnGraph *) object;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, model_items_changed_cb, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (bn_graph_parent_class)->dispose (object);
}

static void
bn_graph_finalize (GObject *object)
{
  BnGraph *self = (BnGraph *) object;

  g_free (self->title);
  g_free (self->unit);
  g_free (self->color_name);
  g_free (self->time_property);
  g_free (self->value_property);
  g_free (self->times);
  g_free (self->values);

  G_OBJECT_CLASS (bn_graph_parent_class)->finalize (object);
}

static void
bn_graph_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  BnGraph *self = BN_GRAPH (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_UNIT:
      g_value_set_string (value, self->unit);
      break;
    case PROP_VALUE_SCALE:
      g_value_set_double (value, self->value_scale);
      break;
    case PROP_TIME_WINDOW:
      g_value_set_double (value, self->time_window);
      break;
    case PROP_CAPACITY:
      g_value_set_uint (value, self->capacity);
      break;
    case PROP_COLOR_NAME:
      g_value_set_string (value, self->color_name);
      break;
    case PROP_N_SAMPLES:
      g_value_set_uint (value, self->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bn_graph_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  BnGraph *self = BN_GRAPH (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      bn_graph_set_title (self, g_value_get_string (value));
      break;
    case PROP_UNIT:
      bn_graph_set_unit (self, g_value_get_string (value));
      break;
    case PROP_VALUE_SCALE:
      bn_graph_set_value_scale (self, g_value_get_double (value));
      break;
    case PROP_TIME_WINDOW:
      bn_graph_set_time_window (self, g_value_get_double (value));
      break;
    case PROP_CAPACITY:
      bn_graph_set_capacity (self, g_value_get_uint (value));
      break;
    case PROP_COLOR_NAME:
      bn_graph_set_color_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bn_graph_css_changed (GtkWidget         *widget,
                      GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (bn_graph_parent_class)->css_changed (widget, change);
  /* theme colours (dark style, high contrast) */
  gtk_widget_queue_draw (widget);
}

static void
bn_graph_class_init (BnGraphClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = bn_graph_dispose;
  object_class->finalize = bn_graph_finalize;
  object_class->get_property = bn_graph_get_property;
  object_class->set_property = bn_graph_set_property;
  widget_class->snapshot = bn_graph_snapshot;
  widget_class->measure = bn_graph_measure;
  widget_class->css_changed = bn_graph_css_changed;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_UNIT] = g_param_spec_string ("unit", NULL, NULL, NULL, flags);
  properties[PROP_VALUE_SCALE] = g_param_spec_double ("value-scale", NULL, NULL, -G_MAXDOUBLE,
                                                      G_MAXDOUBLE, 1.0, flags);
  properties[PROP_TIME_WINDOW] = g_param_spec_double ("time-window", NULL, NULL, 0, G_MAXDOUBLE,
                                                      120.0, flags);
  properties[PROP_CAPACITY] = g_param_spec_uint ("capacity", NULL, NULL, 2, 1 << 24,
                                                 DEFAULT_CAPACITY, flags);
  properties[PROP_COLOR_NAME] = g_param_spec_string ("color-name", NULL, NULL, "accent_color",
                                                     flags);
  properties[PROP_N_SAMPLES] = g_param_spec_uint ("n-samples", NULL, NULL, 0, G_MAXUINT, 0,
                                                  G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                  G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "bngraph");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
bn_graph_init (BnGraph *self)
{
  self->capacity = DEFAULT_CAPACITY;
  self->times = g_new0 (double, self->capacity);
  self->values = g_new0 (double, self->capacity);
  self->value_scale = 1.0;
  self->time_scale = 1.0;
  self->time_window = 120.0;
  self->color_name = g_strdup ("accent_color");
  update_description (self);
}

GtkWidget *
bn_graph_new (void)
{
  return g_object_new (BN_TYPE_GRAPH, NULL);
}

const char *
bn_graph_get_title (BnGraph *self)
{
  g_return_val_if_fail (BN_IS_GRAPH (self), NULL);
  return self->title;
}

void
bn_graph_set_title (BnGraph    *self,
                    const char *title)
{
  g_return_if_fail (BN_IS_GRAPH (self));

  if (set_str (&self->title, title))
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      title ? title : "", -1);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
}

const char *
bn_graph_get_unit (BnGraph *self)
{
  g_return_val_if_fail (BN_IS_GRAPH (self), NULL);
  return self->unit;
}

void
bn_graph_set_unit (BnGraph    *self,
                   const char *unit)
{
  g_return_if_fail (BN_IS_GRAPH (self));

  if (set_str (&self->unit, unit))
    {
      update_description (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
    }
}

double
bn_graph_get_value_scale (BnGraph *self)
{
  g_return_val_if_fail (BN_IS_GRAPH (self), 1.0);
  return self->value_scale;
}

/* Applies to model values read from now on. */
void
bn_graph_set_value_scale (BnGraph *self,
                          double   scale)
{
  g_return_if_fail (BN_IS_GRAPH (self));

  if (self->value_scale == scale)
    return;
  self->value_scale = scale;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE_SCALE]);
}

double
bn_graph_get_time_window (BnGraph *self)
{
  g_return_val_if_fail (BN_IS_GRAPH (self), 0);
  return self->time_window;
}

/* Seconds of the newest data shown; 0 shows everything in the buffer. */
void
bn_graph_set_time_window (BnGraph *self,
                          double   seconds)
{
  g_return_if_fail (BN_IS_GRAPH (self));

  seconds = MAX (seconds, 0);
  if (self->time_window == seconds)
    return;
  self->time_window = seconds;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME_WINDOW]);
}

guint
bn_graph_get_capacity (BnGraph *self)
{
  g_return_val_if_fail (BN_IS_GRAPH (self), 0);
  return self->capacity;
}

/* Keeps the newest samples that fit. */
void
bn_graph_set_capacity (BnGraph *self,
                       guint    capacity)
{
  double *times, *values;
  guint keep;

  g_return_if_fail (BN_IS_GRAPH (self));
  g_return_if_fail (capacity >= 2);

  if (capacity == self->capacity)
    return;
  keep = MIN (self->len, capacity);
  times = g_new0 (double, capacity);
  values = g_new0 (double, capacity);
  for (guint i = 0; i < keep; i++)
    {
      guint k = index_of (self, self->len - keep + i);

      times[i] = self->times[k];
      values[i] = self->values[k];
    }
  g_free (self->times);
  g_free (self->values);
  self->times = times;
  self->values = values;
  self->capacity = capacity;
  self->len = keep;
  self->head = keep % capacity;
  data_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPACITY]);
}

const char *
bn_graph_get_color_name (BnGraph *self)
{
  g_return_val_if_fail (BN_IS_GRAPH (self), NULL);
  return self->color_name;
}

/* A colour the theme defines (@define-color), e.g. accent_color, success_color. */
void
bn_graph_set_color_name (BnGraph    *self,
                         const char *color_name)
{
  g_return_if_fail (BN_IS_GRAPH (self));

  if (set_str (&self->color_name, color_name ? color_name : "accent_color"))
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR_NAME]);
    }
}

guint
bn_graph_get_n_samples (BnGraph *self)
{
  g_return_val_if_fail (BN_IS_GRAPH (self), 0);
  return self->len;
}

/* Sample @index, 0 being the oldest kept. */
gboolean
bn_graph_get_sample (BnGraph *self,
                     guint    index,
                     double  *time_s,
                     double  *value)
{
  g_return_val_if_fail (BN_IS_GRAPH (self), FALSE);

  if (index >= self->len)
    return FALSE;
  if (time_s != NULL)
    *time_s = self->times[index_of (self, index)];
  if (value != NULL)
    *value = self->values[index_of (self, index)];
  return TRUE;
}

/* How many times the graph drew itself (it should only when something changed). */
guint
bn_graph_get_n_redraws (BnGraph *self)
{
  g_return_val_if_fail (BN_IS_GRAPH (self), 0);
  return self->n_redraws;
}
