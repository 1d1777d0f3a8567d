/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bn-engine.h"

G_BEGIN_DECLS

#define BN_TYPE_CONFIG_VIEWER (bn_config_viewer_get_type ())

G_DECLARE_FINAL_TYPE (BnConfigViewer, bn_config_viewer, BN, CONFIG_VIEWER, AdwWindow)

/* Migration Config Viewer (§4.1.1, §8.1): a BnCheckReport as four pages (Server, LPAR, HBA,
 * NIC Configuration; each tab counts its errors), source and destination side by side, an
 * icon per item; the selected item's message, remedy and manual reference in the pane
 * below (and as the row's tooltip).  Opens on the first error. */

BnConfigViewer *bn_config_viewer_new               (BnCheckReport  *report,
                                                    const char     *subtitle);
BnConfigViewer *bn_config_viewer_present           (GtkWindow     **viewer,
                                                    GtkWindow      *parent,
                                                    BnCheckReport  *report,
                                                    const char     *subtitle);
void            bn_config_viewer_set_report        (BnConfigViewer *self,
                                                    BnCheckReport  *report,
                                                    const char     *subtitle);
BnCheckReport  *bn_config_viewer_get_report        (BnConfigViewer *self);
gboolean        bn_config_viewer_select_item       (BnConfigViewer *self,
                                                    const char     *id);
BnCheckItem    *bn_config_viewer_get_selected_item (BnConfigViewer *self);
GtkColumnView  *bn_config_viewer_get_view          (BnConfigViewer *self,
                                                    BnCheckSection  section);
char           *bn_config_viewer_get_detail_text   (BnConfigViewer *self);

G_END_DECLS
