/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "blade-navigator"

#include "config.h"

#include "bn-application.h"
#include "bn-ui-utils.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(BnApplication) application = NULL;

  bn_ui_init_i18n ();
  g_set_application_name ("Blade Navigator");
  application = bn_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
