/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-check"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "bn-checker.h"
#include "bn-test-support.h"

/* bench/check (issue 3, item 6): every LPAR × every other HVM, both modes, through
 * bn_checker_evaluate — for the demo fleet and for a generated fleet of 200 HVMs × 16
 * LPARs — then one end-to-end `bnctl check --all --mode concurrent` against bladesimd.
 *
 * The in-run reference for one report is one json-glib parse of a blade document of the
 * same fleet: the console parses every blade's 'get HvmConfig' reply on each Update anyway,
 * and it is the same kind of work (walking the same document) on the same machine. */

static guint n_hvms = 200;
static guint n_lpars = 16;
static gboolean skip_generated = FALSE;
static gboolean skip_bnctl = FALSE;
static guint bnctl_runs = 5;

/* The blades the benchmark hands to the checker, each with its "chassis" member. */
typedef struct
{
  const char *name;
  JsonNode   *root;
  GPtrArray  *blades;   /* JsonObject, owned by root */
} Fleet;

static void
fleet_free (Fleet *fleet)
{
  json_node_unref (fleet->root);
  g_ptr_array_unref (fleet->blades);
  g_free (fleet);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fleet, fleet_free)

static double
clock_ns (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static double
now_ns (void)
{
  return clock_ns (CLOCK_MONOTONIC);
}

/* The machine is shared: a report preempted by a neighbour takes a time slice longer on the
 * clock without costing more.  The thread's CPU time tells the two apart. */
static double
cpu_ns (void)
{
  return clock_ns (CLOCK_THREAD_CPUTIME_ID);
}

/* The load average over the last minute, as context for the figures. */
static double
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return -1;
  return g_ascii_strtod (text, NULL);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Nearest-rank percentile of a sorted array. */
static double
percentile (const double *sorted,
            gsize         n,
            double        p)
{
  gsize rank = (gsize) (p / 100.0 * n + 0.999999);

  return sorted[CLAMP (rank, 1, n) - 1];
}

/* What bladesimd serves for 'get HvmConfig' (src/sim/bn-sim-fleet.c): the blade plus a
 * summary of its chassis. */
static JsonNode *
chassis_summary (JsonObject *chassis)
{
  JsonObject *obj = json_object_new ();
  static const char *const members[] = { "id", "type", "serial", "svp_firmware",
                                         "dictionary_version" };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    if (json_object_has_member (chassis, members[i]))
      json_object_set_member (obj, members[i],
                              json_node_copy (json_object_get_member (chassis, members[i])));
  return json_node_init_object (json_node_alloc (), obj);
}

static Fleet *
fleet_from_root (const char *name,
                 JsonNode   *root)
{
  Fleet *fleet = g_new0 (Fleet, 1);
  JsonArray *chassis = json_object_get_array_member (json_node_get_object (root), "chassis");

  fleet->name = name;
  fleet->root = root;
  fleet->blades = g_ptr_array_new ();
  for (guint c = 0; c < json_array_get_length (chassis); c++)
    {
      JsonObject *ch = json_array_get_object_element (chassis, c);
      JsonArray *blades = json_object_get_array_member (ch, "blades");

      for (guint b = 0; b < json_array_get_length (blades); b++)
        {
          JsonObject *blade = json_array_get_object_element (blades, b);

          json_object_set_member (blade, "chassis", chassis_summary (ch));
          g_ptr_array_add (fleet->blades, blade);
        }
    }
  return fleet;
}

/* json_node_copy() shares objects, and the copies are edited: copy through text. */
static JsonNode *
deep_copy (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

typedef struct
{
  const char *hvm;
  const char *efi;
  guint       weight;
} Firmware;

/* Per platform, firmware the support tables list (表 2-2, 2-4) with a matching EFI; the
 * first is the demo's.  Mixed generations are what make the tables answer differently:
 * 01-60 ↔ 01-70 moves carry 表 2-78's caveat, EFI 03-xx pairs must match exactly for
 * Concurrent Maintenance, 17-72 and 17-80 are separate rows of 表 2-39. */
static const Firmware standard_fw[] = {
  { "59-71", "03-12", 6 }, { "59-61", "03-10", 1 }, { "59-52", "03-08", 1 },
};
static const Firmware bs520h_fw[] = {
  { "01-90", "07-20", 5 }, { "01-81", "07-10", 1 }, { "01-70", "07-00", 1 },
  { "01-60", "06-50", 1 },
};
static const Firmware bs320_fw[] = {
  { "17-92", "04-33", 3 }, { "17-80", "04-30", 1 }, { "17-72", "04-20", 1 },
};

static const Firmware *
pick_firmware (const char *platform,
               GRand      *rand)
{
  const Firmware *set;
  guint n, total = 0, r;

  if (g_strcmp0 (platform, "standard") == 0)
    set = standard_fw, n = G_N_ELEMENTS (standard_fw);
  else if (g_strcmp0 (platform, "BS520H") == 0)
    set = bs520h_fw, n = G_N_ELEMENTS (bs520h_fw);
  else
    set = bs320_fw, n = G_N_ELEMENTS (bs320_fw);
  for (guint i = 0; i < n; i++)
    total += set[i].weight;
  r = g_rand_int_range (rand, 0, total);
  for (guint i = 0; i < n; i++)
    {
      if (r < set[i].weight)
        return &set[i];
      r -= set[i].weight;
    }
  return &set[0];
}

static guint
hba_ports (JsonObject *blade,
           gint64      slot)
{
  JsonArray *hbas = json_object_get_array_member (blade, "fc_hbas");

  for (guint i = 0; hbas != NULL && i < json_array_get_length (hbas); i++)
    {
      JsonObject *hba = json_array_get_object_element (hbas, i);

      if (json_object_get_int_member (hba, "slot") == slot)
        return MAX (json_array_get_length (json_object_get_array_member (hba, "ports")), 1);
    }
  return 1;
}

/* LPAR @k (1-based) of generated HVM @hvm: a copy of one of the template's LPARs with its
 * own number, name, console port, MACs, vfcIDs and WWNs.  What made the template LPAR
 * interesting (a forbidden name, a failed status, USB, a dedicated NIC, an old guest OS)
 * is kept, so the demo's faults recur at the demo's rate. */
static void
renumber_lpar (JsonObject *blade,
               JsonObject *lpar,
               guint       hvm,
               guint       k)
{
  const char *name = json_object_get_string_member (lpar, "name");
  JsonArray *vnics = json_object_get_array_member (lpar, "vnics");
  JsonArray *fcs = json_object_get_array_member (lpar, "fcs");

  json_object_set_int_member (lpar, "number", k);
  if (g_strcmp0 (name, "NO_NAME") != 0)
    {
      g_autofree char *unique = g_strdup_printf ("%.10s-%03u-%02u", name, hvm, k);

      json_object_set_string_member (lpar, "name", unique);
    }
  if (json_object_has_member (lpar, "auto_activation_order"))
    json_object_set_int_member (lpar, "auto_activation_order", k);
  /* 16 virtual COM sessions per HVM (§5.17): a console on the first 12 leaves a destination
   * some, as an operator would */
  if (json_object_has_member (lpar, "virtual_console"))
    {
      JsonObject *console = json_object_get_object_member (lpar, "virtual_console");

      json_object_set_boolean_member (console, "enabled", k <= 12);
      json_object_set_int_member (console, "port", 20800 + k);
    }
  for (guint v = 0; vnics != NULL && v < json_array_get_length (vnics); v++)
    {
      g_autofree char *mac = g_strdup_printf ("02:00:%02x:%02x:%02x:%02x", hvm >> 8, hvm & 0xff,
                                              k, v);

      json_object_set_string_member (json_array_get_object_element (vnics, v), "mac", mac);
    }
  for (guint f = 0; fcs != NULL && f < json_array_get_length (fcs); f++)
    {
      JsonObject *fc = json_array_get_object_element (fcs, f);
      guint ports = hba_ports (blade, json_object_get_int_member (fc, "slot"));
      static const char *const kinds[] = { "wwpn", "wwnn", "migration_wwpn" };

      /* spread over the HBA's ports so that a destination keeps free vfcIDs */
      json_object_set_int_member (fc, "port", (k - 1) % ports);
      json_object_set_int_member (fc, "vfcid", (k - 1) / ports + 1);
      for (guint w = 0; w < G_N_ELEMENTS (kinds); w++)
        if (json_object_has_member (fc, kinds[w]))
          {
            g_autofree char *wwn = g_strdup_printf ("5000087%u%04x%04x", w, hvm, k * 16 + f);

            json_object_set_string_member (fc, kinds[w], wwn);
          }
    }
}

/* @n HVMs × @lpars LPARs from the demo's blades: chassis of 8 blades cycling BS2000,
 * BS500, BS2000, BS500, BS320.  The demo's chassis of four put the blade-level faults on
 * their last two blades (HVM-A04 is Essential; HVM-B04 has no migration path and another
 * time zone; HVM-A03 and -B03 hold a VF NIC, an unsupported guest, a dedicated NIC): slots
 * 0-7 copy blades 1 2 1 2 3 1 2 4, so each is one HVM in eight.  The LPARs cycle through
 * their template's, so the demo's LPAR-level faults (NO_NAME, a failed LPAR, one needing
 * recovery, USB in use, Virtual NIC Number 12, Deactivate for Concurrent) keep the demo's
 * rate.  Firmware is drawn per HVM from the supported sets; the HVM is sized for its LPARs
 * (max_lpars 32, memory doubled, virtual consoles to spare). */
static Fleet *
generate_fleet (JsonNode *demo,
                guint     n,
                guint     lpars)
{
  static const guint pattern[] = { 0, 1, 0, 1, 2 };
  static const guint sound_first[8] = { 0, 1, 0, 1, 2, 0, 1, 3 };
  JsonArray *demo_chassis = json_object_get_array_member (json_node_get_object (demo),
                                                          "chassis");
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  JsonNode *root = json_from_string ("{\"format\":\"bladenav-fleet/1\",\"name\":\"generated\"}",
                                     NULL);
  JsonArray *chassis = json_array_new ();
  JsonArray *blades = NULL;
  JsonObject *template_ch = NULL;
  g_autofree char *chassis_id = NULL;

  json_object_set_array_member (json_node_get_object (root), "chassis", chassis);
  for (guint i = 0; i < n; i++)
    {
      guint slot = i % 8;
      JsonArray *template_blades;
      JsonObject *template, *blade, *hvm, *firmware, *mgmt;
      g_autofree char *template_text = NULL;
      g_autofree char *id = g_strdup_printf ("GEN%03u", i);
      g_autofree char *address = g_strdup_printf ("127.93.%u.%u", i / 250, i % 250 + 1);
      g_autofree char *path_ip = g_strdup_printf ("127.94.%u.%u", i / 250, i % 250 + 1);
      g_autoptr(JsonArray) new_lpars = json_array_new ();
      JsonArray *template_lpars, *paths;
      const Firmware *fw;
      JsonNode *copy;

      if (slot == 0)
        {
          JsonObject *ch = json_object_new ();
          g_autofree char *serial = NULL;

          template_ch = json_array_get_object_element (demo_chassis,
                                                       pattern[(i / 8) % G_N_ELEMENTS (pattern)]);
          g_free (chassis_id);
          chassis_id = g_strdup_printf ("GEN-%s-%02u",
                                        json_object_get_string_member (template_ch, "type"), i / 8);
          serial = g_strdup_printf ("GEN%05u", i / 8);
          for (GList *m = json_object_get_members (template_ch), *l = m; l; l = l->next)
            {
              if (!g_str_equal (l->data, "blades"))
                json_object_set_member (ch, l->data,
                                        json_node_copy (json_object_get_member (template_ch,
                                                                                l->data)));
              if (l->next == NULL)
                g_list_free (m);
            }
          json_object_set_string_member (ch, "id", chassis_id);
          json_object_set_string_member (ch, "serial", serial);
          blades = json_array_new ();
          json_object_set_array_member (ch, "blades", blades);
          json_array_add_object_element (chassis, ch);
        }

      template_blades = json_object_get_array_member (template_ch, "blades");
      template = json_array_get_object_element (template_blades,
                                                json_array_get_length (template_blades) == 4
                                                ? sound_first[slot]
                                                : slot % json_array_get_length (template_blades));
      {
        g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), template);

        template_text = json_to_string (node, FALSE);
      }
      copy = deep_copy (template_text);
      blade = json_node_get_object (copy);
      hvm = json_object_get_object_member (blade, "hvm");
      firmware = json_object_get_object_member (blade, "firmware");
      mgmt = json_object_get_object_member (blade, "management_path");
      paths = json_object_get_array_member (blade, "migration_paths");

      json_object_set_string_member (blade, "id", id);
      json_object_set_int_member (blade, "slot", slot);
      json_object_set_string_member (blade, "address", address);
      if (mgmt != NULL)
        {
          json_object_set_string_member (mgmt, "ip", address);
          json_object_set_string_member (mgmt, "mask", "255.255.0.0");
        }
      for (guint p = 0; paths != NULL && p < json_array_get_length (paths); p++)
        {
          JsonObject *path = json_array_get_object_element (paths, p);

          json_object_set_string_member (path, "ip", path_ip);
          json_object_set_string_member (path, "mask", "255.255.0.0");
          if (json_object_has_member (path, "chassis_id"))
            json_object_set_string_member (path, "chassis_id", chassis_id);
        }

      fw = pick_firmware (json_object_get_string_member (blade, "platform"), rand);
      json_object_set_string_member (firmware, "hvm", fw->hvm);
      json_object_set_string_member (firmware, "efi", fw->efi);
      /* VNIC System No. is unique in a network (§2.2.1.2.4): one per HVM */
      json_object_set_int_member (hvm, "vnic_system_no", i + 1);
      json_object_set_int_member (hvm, "max_lpars", MAX (lpars * 2, 32));
      json_object_set_int_member (hvm, "max_activated_lpars", MAX (lpars * 2, 32));
      json_object_set_int_member (blade, "memory_mb",
                                  json_object_get_int_member (blade, "memory_mb") * 2);

      template_lpars = json_object_get_array_member (blade, "lpars");
      for (guint k = 1; k <= lpars; k++)
        {
          g_autoptr(JsonNode) one = json_node_init_object (
            json_node_alloc (),
            json_array_get_object_element (template_lpars,
                                           (k - 1) % json_array_get_length (template_lpars)));
          g_autofree char *text = json_to_string (one, FALSE);
          JsonNode *lpar = deep_copy (text);

          renumber_lpar (blade, json_node_get_object (lpar), i, k);
          json_array_add_element (new_lpars, lpar);
        }
      json_object_set_array_member (blade, "lpars", g_steal_pointer (&new_lpars));
      json_array_add_element (blades, copy);
    }
  return fleet_from_root ("generated", root);
}

/* --- the evaluator over every pair ------------------------------------------------------ */

/* Durations of one kind of operation, on the clock and in the thread's CPU time. */
typedef struct
{
  GArray *clock;
  GArray *cpu;
} Samples;

typedef struct
{
  gsize  n;
  double sum;
  double median;
  double p99;
  double max;
} Summary;

static void
samples_init (Samples *samples,
              gsize    reserve)
{
  samples->clock = g_array_sized_new (FALSE, FALSE, sizeof (double), reserve);
  samples->cpu = g_array_sized_new (FALSE, FALSE, sizeof (double), reserve);
}

static void
samples_clear (Samples *samples)
{
  g_clear_pointer (&samples->clock, g_array_unref);
  g_clear_pointer (&samples->cpu, g_array_unref);
}

static void
summarize (GArray  *times,
           Summary *out)
{
  out->n = times->len;
  out->sum = 0;
  for (guint i = 0; i < times->len; i++)
    out->sum += g_array_index (times, double, i);
  g_array_sort (times, compare_double);
  out->median = percentile ((double *) times->data, times->len, 50);
  out->p99 = percentile ((double *) times->data, times->len, 99);
  out->max = g_array_index (times, double, times->len - 1);
}

typedef struct
{
  Summary report[2];        /* clock, CPU */
  Summary parse[2];
  double  doc_bytes;
  double  wall_ns;
  double  load_before, load_after;
  gsize   verdicts[2][3];   /* [mode][verdict] */
  gsize   same[2][3];       /* the same, for pairs of the same platform */
  gsize   n_items_min, n_items_max;
  gsize   n_sampled;        /* reports whose error items were counted */
} PairStats;

typedef struct
{
  const char *id;
  gsize       count;
} Reason;

static int
compare_reason (gconstpointer a,
                gconstpointer b)
{
  const Reason *x = a, *y = b;

  return (y->count > x->count) - (y->count < x->count);
}

/* The reference, one json_parser_load_from_data of a blade document as served (with its
 * chassis member). */
static void
parse_one (const char *text,
           Samples    *samples)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  double t0 = now_ns (), c0 = cpu_ns (), t1, c1;

  if (!json_parser_load_from_data (parser, text, -1, &error))
    g_error ("%s", error->message);
  c1 = cpu_ns ();
  t1 = now_ns ();
  if (samples != NULL)
    {
      g_array_append_val (samples->clock, (double) { t1 - t0 });
      g_array_append_val (samples->cpu, (double) { c1 - c0 });
    }
}

/* Every LPAR × every other HVM, Auto destination, any group, both modes — what `bnctl
 * check --all` asks for each mode.  Only bn_checker_evaluate is timed (unref and the
 * tallies are not); every stride-th report's error items are counted by id into @reasons.
 * The reference parses are interleaved with the reports — a few before each source LPAR's
 * pairs, rotating through the fleet's documents — so that both see the same machine. */
static void
run_pairs (BnRules    *rules,
           Fleet      *fleet,
           PairStats  *stats,
           GHashTable *reasons)
{
  static const BnMode modes[] = { BN_MODE_SHUTDOWN, BN_MODE_CONCURRENT };
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  Samples reports, parses;
  gsize n_pairs = 0, lpar_count = 0, stride;
  guint n = fleet->blades->len, parses_per_lpar, next_text = 0;
  double wall;

  memset (stats, 0, sizeof *stats);
  stats->n_items_min = G_MAXSIZE;
  for (guint s = 0; s < n; s++)
    {
      JsonObject *blade = g_ptr_array_index (fleet->blades, s);
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), blade);
      char *text = json_to_string (node, FALSE);

      stats->doc_bytes += strlen (text) / (double) n;
      g_ptr_array_add (texts, text);
      lpar_count += json_array_get_length (json_object_get_array_member (blade, "lpars"));
    }
  n_pairs = lpar_count * (n - 1) * 2;
  parses_per_lpar = MAX (2000 / lpar_count, 1);
  stride = MAX (n_pairs / 20000, 1);
  samples_init (&reports, n_pairs);
  samples_init (&parses, lpar_count * parses_per_lpar);

  /* warm up: caches, the allocator, the CPU clock */
  for (guint i = 0; i < texts->len; i++)
    parse_one (g_ptr_array_index (texts, i), NULL);
  for (guint i = 0; i < 200; i++)
    {
      BnCheckRequest request = { modes[i % 2], g_ptr_array_index (fleet->blades, 0), 1,
                                 g_ptr_array_index (fleet->blades, 1 + i % (n - 1)), 0, -1,
                                 NULL, FALSE };
      g_autoptr(BnCheckReport) report = bn_checker_evaluate (rules, &request, NULL);
    }

  stats->load_before = load_average ();
  wall = now_ns ();
  for (guint s = 0; s < n; s++)
    {
      JsonObject *src = g_ptr_array_index (fleet->blades, s);
      JsonArray *lpars = json_object_get_array_member (src, "lpars");

      for (guint l = 0; l < json_array_get_length (lpars); l++)
        {
          guint number = json_object_get_int_member (json_array_get_object_element (lpars, l),
                                                     "number");

          for (guint i = 0; i < parses_per_lpar; i++)
            parse_one (g_ptr_array_index (texts, next_text++ % texts->len), &parses);
          for (guint d = 0; d < n; d++)
            {
              if (d == s)
                continue;
              for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
                {
                  BnCheckRequest request = { modes[m], src, number,
                                             g_ptr_array_index (fleet->blades, d), 0, -1,
                                             NULL, FALSE };
                  g_autoptr(GError) error = NULL;
                  g_autoptr(BnCheckReport) report = NULL;
                  double t0, t1, c0, c1;
                  BnVerdict verdict;
                  guint n_items;

                  t0 = now_ns ();
                  c0 = cpu_ns ();
                  report = bn_checker_evaluate (rules, &request, &error);
                  c1 = cpu_ns ();
                  t1 = now_ns ();
                  if (report == NULL)
                    g_error ("%s #%u → %s: %s", json_object_get_string_member (src, "id"),
                             number, json_object_get_string_member (request.dst_blade, "id"),
                             error->message);
                  g_array_append_val (reports.clock, (double) { t1 - t0 });
                  g_array_append_val (reports.cpu, (double) { c1 - c0 });

                  verdict = bn_check_report_get_verdict (report);
                  stats->verdicts[m][verdict]++;
                  if (g_strcmp0 (json_object_get_string_member (src, "platform"),
                                 json_object_get_string_member (request.dst_blade, "platform"))
                      == 0)
                    stats->same[m][verdict]++;
                  n_items = g_list_model_get_n_items (G_LIST_MODEL (report));
                  stats->n_items_min = MIN (stats->n_items_min, n_items);
                  stats->n_items_max = MAX (stats->n_items_max, n_items);
                  if (reports.clock->len % stride != 0)
                    continue;
                  stats->n_sampled++;
                  for (guint i = 0; i < n_items; i++)
                    {
                      g_autoptr(BnCheckItem) item = g_list_model_get_item (G_LIST_MODEL (report),
                                                                           i);
                      const char *id = bn_check_item_get_id (item);

                      if (bn_check_item_get_status (item) != BN_CHECK_STATUS_ERROR)
                        continue;
                      g_hash_table_insert (reasons, (gpointer) g_intern_string (id),
                                           GSIZE_TO_POINTER (GPOINTER_TO_SIZE (
                                             g_hash_table_lookup (reasons, id)) + 1));
                    }
                }
            }
        }
    }
  stats->wall_ns = now_ns () - wall;
  stats->load_after = load_average ();
  summarize (reports.clock, &stats->report[0]);
  summarize (reports.cpu, &stats->report[1]);
  summarize (parses.clock, &stats->parse[0]);
  summarize (parses.cpu, &stats->parse[1]);
  samples_clear (&reports);
  samples_clear (&parses);
}

static void
print_fleet (BnRules *rules,
             Fleet   *fleet,
             gsize   *concurrent_mix)
{
  g_autoptr(GHashTable) reasons = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) top = g_array_new (FALSE, FALSE, sizeof (Reason));
  static const char *const mode_names[] = { "shutdown", "concurrent" };
  PairStats st;
  GHashTableIter iter;
  gpointer key, value;
  gsize n_lpars_total = 0;
  const Summary *r = st.report, *p = st.parse;

  for (guint b = 0; b < fleet->blades->len; b++)
    n_lpars_total += json_array_get_length (json_object_get_array_member (
                       g_ptr_array_index (fleet->blades, b), "lpars"));
  run_pairs (rules, fleet, &st, reasons);

  printf ("\n%s fleet: %u HVMs, %" G_GSIZE_FORMAT " LPARs; pairs = every LPAR × every other "
          "HVM (Auto) × 2 modes = %" G_GSIZE_FORMAT "\n",
          fleet->name, fleet->blades->len, n_lpars_total, r[0].n);
  printf ("  %.1f s in bn_checker_evaluate (%.1f s with the reference and the tallies);\n"
          "  %" G_GSIZE_FORMAT "–%" G_GSIZE_FORMAT " items a report; load average %.1f → %.1f\n",
          r[0].sum / 1e9, st.wall_ns / 1e9, st.n_items_min, st.n_items_max, st.load_before,
          st.load_after);
  printf ("%36s%s\n", "", "clock ÷ parse     thread CPU ÷ parse");
  printf ("  reference: json-glib parse of one blade document (%.1f KB), %" G_GSIZE_FORMAT
          " interleaved\n", st.doc_bytes / 1024, p[0].n);
  printf ("    median                     %7.1f µs %7.2f     %7.1f µs %7.2f\n",
          p[0].median / 1e3, 1.0, p[1].median / 1e3, 1.0);
  printf ("  one report (bn_checker_evaluate)\n");
  printf ("    median                     %7.1f µs %7.2f     %7.1f µs %7.2f\n",
          r[0].median / 1e3, r[0].median / p[0].median, r[1].median / 1e3,
          r[1].median / p[1].median);
  printf ("    99th percentile            %7.1f µs %7.2f     %7.1f µs %7.2f\n",
          r[0].p99 / 1e3, r[0].p99 / p[0].median, r[1].p99 / 1e3, r[1].p99 / p[1].median);
  printf ("    longest                    %7.1f µs             %7.1f µs\n", r[0].max / 1e3,
          r[1].max / 1e3);
  printf ("  reports per second           %8.0f                %8.0f\n",
          r[0].n / (r[0].sum / 1e9), r[1].n / (r[1].sum / 1e9));
  printf ("  99th percentile ÷ the GUI's 1 ms %6.3f                %6.3f\n", r[0].p99 / 1e6,
          r[1].p99 / 1e6);

  printf ("  verdicts          may run     with warnings   may not run\n");
  for (guint i = 0; i < 4; i++)
    {
      gsize *v = i < 2 ? st.verdicts[i] : st.same[i - 2];
      gsize total = v[0] + v[1] + v[2];

      printf ("  %-14s %7.1f %%     %7.1f %%       %7.1f %%   (%" G_GSIZE_FORMAT " / %"
              G_GSIZE_FORMAT " / %" G_GSIZE_FORMAT ")%s\n",
              mode_names[i % 2], 100.0 * v[0] / total, 100.0 * v[1] / total,
              100.0 * v[2] / total, v[0], v[1], v[2],
              i == 1 ? "\n  of which the pairs of the same platform:" : "");
    }

  g_hash_table_iter_init (&iter, reasons);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_array_append_val (top, ((Reason) { key, GPOINTER_TO_SIZE (value) }));
  g_array_sort (top, compare_reason);
  printf ("  most frequent errors (share of %" G_GSIZE_FORMAT " sampled reports):",
          st.n_sampled);
  for (guint i = 0; i < MIN (top->len, 8); i++)
    {
      Reason *reason = &g_array_index (top, Reason, i);

      printf ("%s%s %.0f %%", i % 4 == 0 ? "\n    " : ", ", reason->id,
              100.0 * reason->count / st.n_sampled);
    }
  printf ("\n");
  if (concurrent_mix != NULL)
    memcpy (concurrent_mix, st.verdicts[1], sizeof st.verdicts[1]);
}

/* --- end to end: bnctl against bladesimd ---------------------------------------------- */

/* Runs the build tree's bnctl; returns its wall time in seconds (process start included). */
static double
run_bnctl (const char  *db,
           char       **out,
           int         *status,
           const char  *first,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  va_list args;
  double t0;

  g_ptr_array_add (argv, bn_test_build_path ("src/cli/bnctl"));
  g_ptr_array_add (argv, g_strdup ("--db"));
  g_ptr_array_add (argv, g_strdup (db));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  t0 = now_ns ();
  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            &error);
  if (proc == NULL || !g_subprocess_communicate_utf8 (proc, NULL, NULL, &stdout_text,
                                                       &stderr_text, &error))
    g_error ("bnctl %s: %s", first, error->message);
  t0 = now_ns () - t0;
  *status = g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1;
  if (*status != 0)
    g_printerr ("bnctl %s exited %d: %s", first, *status, stderr_text);
  if (out != NULL)
    *out = g_steal_pointer (&stdout_text);
  return t0 / 1e9;
}

/* The demo fleet on 127.93.0.n, migration paths on 127.94.0.n (a /24 each, so the paths
 * stay off the management LAN as in the demo). */
static void
relocate (JsonNode *fleet)
{
  JsonArray *chassis = json_object_get_array_member (json_node_get_object (fleet), "chassis");
  guint n = 0;

  for (guint c = 0; c < json_array_get_length (chassis); c++)
    {
      JsonArray *blades = json_object_get_array_member (json_array_get_object_element (chassis,
                                                                                        c),
                                                        "blades");

      for (guint b = 0; b < json_array_get_length (blades); b++)
        {
          JsonObject *blade = json_array_get_object_element (blades, b);
          JsonArray *paths = json_object_get_array_member (blade, "migration_paths");
          g_autofree char *address = g_strdup_printf ("127.93.0.%u", ++n);
          g_autofree char *path_ip = g_strdup_printf ("127.94.0.%u", n);

          json_object_set_string_member (blade, "address", address);
          if (json_object_has_member (blade, "management_path"))
            {
              JsonObject *mgmt = json_object_get_object_member (blade, "management_path");

              json_object_set_string_member (mgmt, "ip", address);
              json_object_set_string_member (mgmt, "mask", "255.255.255.0");
            }
          for (guint p = 0; paths != NULL && p < json_array_get_length (paths); p++)
            {
              JsonObject *path = json_array_get_object_element (paths, p);

              json_object_set_string_member (path, "ip", path_ip);
              json_object_set_string_member (path, "mask", "255.255.255.0");
            }
        }
    }
}

/* @evaluator_mix: the evaluator's concurrent verdicts for the same fleet, to compare. */
static void
run_end_to_end (const gsize *evaluator_mix)
{
  g_autofree char *dir = g_dir_make_tmp ("bench-check-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "navigator.db", NULL);
  g_autofree char *state = g_build_filename (dir, "state", NULL);
  g_autofree char *fleet_path = NULL;
  g_autofree char *json_out = NULL;
  g_autoptr(JsonNode) fleet = bn_test_demo_fleet ();
  g_autoptr(JsonNode) cells = NULL;
  g_autoptr(GArray) check_s = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) update_s = g_array_new (FALSE, FALSE, sizeof (double));
  const char *const sim_args[] = { "--no-state", NULL };
  JsonArray *chassis;
  BnTestSim *sim;
  gsize n_pairs = 0, n_cells, mix[3] = { 0 };
  double check_med, update_med;
  int status;

  if (dir == NULL)
    g_error ("no temporary directory");
  relocate (fleet);
  fleet_path = bn_test_write_json (fleet, dir, "fleet.json");
  sim = bn_test_sim_start (fleet_path, state, sim_args);

  chassis = json_object_get_array_member (json_node_get_object (fleet), "chassis");
  for (guint c = 0; c < json_array_get_length (chassis); c++)
    {
      JsonArray *blades = json_object_get_array_member (json_array_get_object_element (chassis,
                                                                                        c),
                                                        "blades");

      for (guint b = 0; b < json_array_get_length (blades); b++)
        {
          JsonObject *blade = json_array_get_object_element (blades, b);

          run_bnctl (db, NULL, &status, "hvm", "add", "--id",
                     json_object_get_string_member (blade, "id"), "--address",
                     json_object_get_string_member (blade, "address"),
                     sim->fingerprint ? "--fingerprint" : NULL, sim->fingerprint, NULL);
          if (status != 0)
            g_error ("bnctl hvm add failed");
          n_pairs += json_array_get_length (json_object_get_array_member (blade, "lpars"));
        }
    }
  n_pairs *= sim->n_blades - 1;

  /* the first run reads every HVM for the first time, as an operator's first check would */
  for (guint i = 0; i < bnctl_runs; i++)
    {
      double t = run_bnctl (db, NULL, &status, "check", "--all", "--mode", "concurrent", NULL);

      if (status != 0)
        g_error ("bnctl check --all failed");
      g_array_append_val (check_s, t);
      t = run_bnctl (db, NULL, &status, "update", NULL);
      g_array_append_val (update_s, t);
    }
  run_bnctl (db, &json_out, &status, "--json", "check", "--all", "--mode", "concurrent", NULL);
  cells = json_from_string (json_out, NULL);
  n_cells = json_array_get_length (json_node_get_array (cells));
  for (guint i = 0; i < n_cells; i++)
    {
      BnVerdict v = BN_VERDICT_REFUSED;
      const char *text = json_object_get_string_member (
        json_array_get_object_element (json_node_get_array (cells), i), "verdict");

      for (guint k = 0; k < 3; k++)
        if (g_strcmp0 (text, bn_verdict_to_string (k)) == 0)
          v = k;
      mix[v]++;
    }

  bn_test_sim_stop (sim);
  bn_test_sim_free (sim);
  bn_test_rm_rf (dir);

  printf ("\nend to end: bnctl check --all --mode concurrent (a new process each run: opens the "
          "database,\n  reads every HVM over TLS, checks every pair, prints the matrix), demo "
          "fleet in one bladesimd on 127.93.0.x\n");
  printf ("  %" G_GSIZE_FORMAT " pairs (every LPAR × every other HVM); --json gave %"
          G_GSIZE_FORMAT " cells: may run %" G_GSIZE_FORMAT ", with warnings %" G_GSIZE_FORMAT
          ", may not run %" G_GSIZE_FORMAT "\n", n_pairs, n_cells, mix[0], mix[1], mix[2]);
  printf ("  the same verdicts as bn_checker_evaluate above: %s\n",
          memcmp (mix, evaluator_mix, sizeof mix) == 0 ? "yes" : "NO");
  printf ("  first run                                      %8.1f ms  %8.0f pairs/s\n",
          g_array_index (check_s, double, 0) * 1e3,
          n_pairs / g_array_index (check_s, double, 0));
  g_array_sort (check_s, compare_double);
  g_array_sort (update_s, compare_double);
  check_med = percentile ((double *) check_s->data, check_s->len, 50);
  update_med = percentile ((double *) update_s->data, update_s->len, 50);
  printf ("  median of %u runs                              %8.1f ms  %8.0f pairs/s\n",
          bnctl_runs, check_med * 1e3, n_pairs / check_med);
  printf ("  reference: bnctl update, median of %u          %8.1f ms\n", bnctl_runs,
          update_med * 1e3);
  printf ("  check --all ÷ update                           %8.2f   (the difference, %.1f ms, "
          "is the %" G_GSIZE_FORMAT " checks and the matrix)\n",
          check_med / update_med, (check_med - update_med) * 1e3, n_pairs);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- applicability-check benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(BnRules) rules = NULL;
  g_autoptr(JsonNode) demo_root = NULL;
  g_autoptr(Fleet) demo = NULL;
  gsize demo_mix[3];
  double t0;
  GOptionEntry entries[] = {
    { "hvms", 'n', 0, G_OPTION_ARG_INT, &n_hvms, "HVMs of the generated fleet (200)", "N" },
    { "lpars", 'l', 0, G_OPTION_ARG_INT, &n_lpars, "LPARs per generated HVM (16)", "N" },
    { "no-generated", 0, 0, G_OPTION_ARG_NONE, &skip_generated, "Skip the generated fleet",
      NULL },
    { "no-bnctl", 0, 0, G_OPTION_ARG_NONE, &skip_bnctl, "Skip the bnctl end-to-end run", NULL },
    { "bnctl-runs", 0, 0, G_OPTION_ARG_INT, &bnctl_runs, "bnctl check --all runs (5)", "N" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  /* VNIC System No. (one per HVM) runs to 1024; LPAR numbers to 60, and Auto needs room */
  if (n_hvms < 2 || n_hvms > 1024 || n_lpars < 1 || n_lpars > 30 || bnctl_runs < 1)
    {
      g_printerr ("--hvms is 2 … 1024, --lpars 1 … 30, --bnctl-runs at least 1\n");
      return 2;
    }
  /* the build tree this was built in, unless told otherwise */
  g_setenv ("BN_SOURCE_ROOT", BENCH_SOURCE_ROOT, FALSE);
  g_setenv ("BN_BUILD_ROOT", BENCH_BUILD_ROOT, FALSE);

  t0 = now_ns ();
  rules = bn_rules_new_default (&error);
  if (rules == NULL)
    g_error ("%s", error->message);
  printf ("bench/check: bn_checker_evaluate over every pair; rules: %u tables, loaded in %.1f ms\n",
          bn_rules_get_n_tables (rules), (now_ns () - t0) / 1e6);

  demo_root = bn_test_demo_fleet ();
  demo = fleet_from_root ("demo", json_node_ref (demo_root));
  print_fleet (rules, demo, demo_mix);

  if (!skip_generated)
    {
      g_autoptr(Fleet) generated = NULL;

      t0 = now_ns ();
      generated = generate_fleet (demo_root, n_hvms, n_lpars);
      printf ("\n(generated %u HVMs × %u LPARs from the demo's blades in %.0f ms)\n", n_hvms,
              n_lpars, (now_ns () - t0) / 1e6);
      print_fleet (rules, generated, NULL);
    }

  if (!skip_bnctl)
    run_end_to_end (demo_mix);
  return 0;
}
