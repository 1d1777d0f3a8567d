/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bn-engine.h"

G_BEGIN_DECLS

/* Helpers shared by the console's windows: state names of 表 7-1/7-2, list-item factories
 * bound to model properties, rendering a widget to PNG, and GSettings that also work from
 * the build tree. */

#define BN_UI_RESOURCE(name) ("/io/github/bladenav/Navigator/ui/" name)

typedef char *(*BnUiFormatFunc) (GObject *item);
/* What a state cell shows for @item: static strings (the style class may stay NULL). */
typedef void  (*BnUiStateFunc)  (GObject     *item,
                                 const char **icon_name,
                                 const char **text,
                                 const char **css_class);

const char         *bn_ui_hvm_state_label        (BnHvmState      state);
const char         *bn_ui_hvm_state_description  (BnHvmState      state);
const char         *bn_ui_lpar_state_label       (BnLparState     state);
const char         *bn_ui_lpar_state_description (BnLparState     state);
const char         *bn_ui_lpar_unselectable_description (void);
const char         *bn_ui_mode_label             (BnMigrationMode mode);
const char         *bn_ui_check_status_icon      (BnCheckStatus   status);
const char         *bn_ui_check_status_label     (BnCheckStatus   status);
const char         *bn_ui_verdict_icon           (BnVerdict       verdict);
char               *bn_ui_verdict_text           (BnCheckReport  *report);
const char         *bn_ui_check_section_title    (BnCheckSection  section);
char               *bn_ui_format_time            (GDateTime      *time);
char               *bn_ui_format_endpoint        (BnHvm          *hvm);

GtkListItemFactory *bn_ui_text_factory_new       (GType           item_type,
                                                  const char     *property,
                                                  BnUiFormatFunc  format,
                                                  const char     *css_class);
GtkListItemFactory *bn_ui_icon_factory_new       (GType           item_type,
                                                  const char     *icon_property,
                                                  BnUiFormatFunc  tooltip);
GtkListItemFactory *bn_ui_state_factory_new      (GType           item_type,
                                                  BnUiStateFunc   state,
                                                  BnUiFormatFunc  tooltip);
GtkColumnViewColumn *bn_ui_column_new            (const char         *title,
                                                  GtkListItemFactory *factory,
                                                  gboolean            expand,
                                                  GtkSorter          *sorter);

GdkTexture         *bn_ui_render_widget          (GtkWidget      *widget,
                                                  GError        **error);
gboolean            bn_ui_save_widget_png        (GtkWidget      *widget,
                                                  GFile          *file,
                                                  GError        **error);
void                bn_ui_render_widget_async    (GtkWidget      *widget,
                                                  GCancellable   *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer        user_data);
GdkTexture         *bn_ui_render_widget_finish   (GtkWidget      *widget,
                                                  GAsyncResult   *result,
                                                  GError        **error);
GSettings          *bn_ui_settings_new           (void);
void                bn_ui_init_i18n              (void);
void                bn_ui_ensure_resources       (void);
void                bn_ui_set_tooltip            (GtkWidget      *widget,
                                                  const char     *text);
GtkWidget          *bn_ui_find_widget            (GtkWidget      *root,
                                                  const char     *name);
void                bn_ui_show_not_yet           (GtkWindow      *parent,
                                                  const char     *window_title,
                                                  const char     *what);
GtkWindow          *bn_ui_show_error             (GtkWindow      *parent,
                                                  const char     *heading,
                                                  const char     *message);
AdwMessageDialog   *bn_ui_confirm_new            (GtkWindow      *parent,
                                                  const char     *heading,
                                                  const char     *body,
                                                  const char     *ok_label,
                                                  gboolean        destructive);
const char         *bn_ui_message                (const char     *id);

/* Closes the transient window @window tracks (a weak pointer: a confirmation, a viewer),
 * if any, and clears it: for a window that goes with its owner. */
void                bn_ui_destroy_transient      (GtkWindow     **window);

G_END_DECLS
