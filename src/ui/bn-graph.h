/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define BN_TYPE_GRAPH (bn_graph_get_type ())

G_DECLARE_FINAL_TYPE (BnGraph, bn_graph, BN, GRAPH, GtkWidget)

/* A live line graph of (time, value) samples, like the two graphs of Migration Monitor
 * Status (§4.3.5).  Samples sit in a ring buffer (the newest "capacity" of them); they come
 * from bn_graph_append () or from a GListModel bound with bn_graph_bind_model (), of which
 * only appended items are read.  The y axis starts at 0 with "nice" ticks and the unit; the
 * time axis scrolls over the last "time-window" seconds.  Colours come from the theme (the
 * named colour "color-name", default accent_color).  The widget redraws only when data or
 * its look change. */

GtkWidget  *bn_graph_new             (void);
const char *bn_graph_get_title       (BnGraph     *self);
void        bn_graph_set_title       (BnGraph     *self,
                                      const char  *title);
const char *bn_graph_get_unit        (BnGraph     *self);
void        bn_graph_set_unit        (BnGraph     *self,
                                      const char  *unit);
double      bn_graph_get_value_scale (BnGraph     *self);
void        bn_graph_set_value_scale (BnGraph     *self,
                                      double       scale);
double      bn_graph_get_time_window (BnGraph     *self);
void        bn_graph_set_time_window (BnGraph     *self,
                                      double       seconds);
guint       bn_graph_get_capacity    (BnGraph     *self);
void        bn_graph_set_capacity    (BnGraph     *self,
                                      guint        capacity);
const char *bn_graph_get_color_name  (BnGraph     *self);
void        bn_graph_set_color_name  (BnGraph     *self,
                                      const char  *color_name);
void        bn_graph_append          (BnGraph     *self,
                                      double       time_s,
                                      double       value);
void        bn_graph_clear           (BnGraph     *self);
void        bn_graph_bind_model      (BnGraph     *self,
                                      GListModel  *model,
                                      const char  *time_property,
                                      double       time_scale,
                                      const char  *value_property);
guint       bn_graph_get_n_samples   (BnGraph     *self);
gboolean    bn_graph_get_sample      (BnGraph     *self,
                                      guint        index,
                                      double      *time_s,
                                      double      *value);
void        bn_graph_get_y_range     (BnGraph     *self,
                                      double      *max,
                                      double      *step);
guint       bn_graph_get_n_redraws   (BnGraph     *self);
double      bn_graph_nice_step       (double       range,
                                      guint        target_ticks);

G_END_DECLS
