/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-throttled-model"

#include "config.h"

#include "bn-throttled-model.h"

struct _BnThrottledModel
{
  GObject     parent_instance;
  GListModel *source;
  GPtrArray  *items;      /* what we have announced */
  guint       delay_ms;
  guint       max_step;
  guint       flush_id;
  gboolean    queued;
};

/* Models whose delay has passed wait here and are flushed one per main-loop dispatch, at
 * idle priority: many of them fall due together during an Update, and flushing them all in
 * one go would stall the main loop for as long as all of their views take to rebind. */
static GQueue flush_queue = G_QUEUE_INIT;
static guint flush_queue_id;

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BnThrottledModel, bn_throttled_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return g_list_model_get_item_type (BN_THROTTLED_MODEL (model)->source);
}

static guint
get_n_items (GListModel *model)
{
  return BN_THROTTLED_MODEL (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  BnThrottledModel *self = BN_THROTTLED_MODEL (model);

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
enqueue (BnThrottledModel *self);

/* Announces the difference between what we showed and the source, as one change: the
 * items both share at the start and at the end stay.  A change bigger than max_step is
 * announced a step at a time (each a consistent list: some of the new items in place of
 * some of the old), the rest queued for later dispatches, so that no single dispatch
 * rebuilds hundreds of tree rows. */
void
bn_throttled_model_flush (BnThrottledModel *self)
{
  guint n_old = self->items->len;
  guint n_new = g_list_model_get_n_items (self->source);
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (n_new, g_object_unref);
  g_autoptr(GPtrArray) next = NULL;
  guint prefix = 0, suffix = 0, removed, added, step_removed, step_added;

  g_return_if_fail (BN_IS_THROTTLED_MODEL (self));

  g_clear_handle_id (&self->flush_id, g_source_remove);
  if (self->queued && g_queue_remove (&flush_queue, self))
    {
      self->queued = FALSE;
      g_object_unref (self);
    }
  for (guint i = 0; i < n_new; i++)
    g_ptr_array_add (items, g_list_model_get_item (self->source, i));

  while (prefix < n_old && prefix < n_new &&
         g_ptr_array_index (self->items, prefix) == g_ptr_array_index (items, prefix))
    prefix++;
  while (suffix < n_old - prefix && suffix < n_new - prefix &&
         g_ptr_array_index (self->items, n_old - 1 - suffix) ==
         g_ptr_array_index (items, n_new - 1 - suffix))
    suffix++;
  removed = n_old - prefix - suffix;
  added = n_new - prefix - suffix;
  if (removed == 0 && added == 0)
    return;

  step_removed = self->max_step ? MIN (removed, self->max_step) : removed;
  step_added = self->max_step ? MIN (added, self->max_step) : added;
  next = g_ptr_array_new_full (n_old - step_removed + step_added, g_object_unref);
  for (guint i = 0; i < prefix; i++)
    g_ptr_array_add (next, g_object_ref (g_ptr_array_index (self->items, i)));
  for (guint i = 0; i < step_added; i++)
    g_ptr_array_add (next, g_object_ref (g_ptr_array_index (items, prefix + i)));
  for (guint i = prefix + step_removed; i < n_old; i++)
    g_ptr_array_add (next, g_object_ref (g_ptr_array_index (self->items, i)));

  g_ptr_array_unref (self->items);
  self->items = g_steal_pointer (&next);
  g_list_model_items_changed (G_LIST_MODEL (self), prefix, step_removed, step_added);
  if (step_removed < removed || step_added < added)
    enqueue (self);
}

static gboolean
flush_queue_cb (gpointer user_data)
{
  BnThrottledModel *self = g_queue_pop_head (&flush_queue);

  if (self != NULL)
    {
      gint64 start = g_get_monotonic_time ();

      self->queued = FALSE;
      bn_throttled_model_flush (self);
      g_debug ("flushed a step of %u items in %.1f ms", self->items->len,
               (g_get_monotonic_time () - start) / 1e3);
      g_object_unref (self);
    }
  if (g_queue_is_empty (&flush_queue))
    {
      flush_queue_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
enqueue (BnThrottledModel *self)
{
  if (!self->queued)
    {
      self->queued = TRUE;
      g_queue_push_tail (&flush_queue, g_object_ref (self));
    }
  if (flush_queue_id == 0)
    flush_queue_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, flush_queue_cb, NULL, NULL);
}

static gboolean
flush_cb (gpointer user_data)
{
  BnThrottledModel *self = user_data;

  self->flush_id = 0;
  enqueue (self);
  return G_SOURCE_REMOVE;
}

static void
source_changed_cb (GListModel       *source,
                   guint             position,
                   guint             removed,
                   guint             added,
                   BnThrottledModel *self)
{
  if (self->flush_id == 0 && !self->queued)
    self->flush_id = g_timeout_add (self->delay_ms, flush_cb, self);
}

static void
bn_throttled_model_dispose (GObject *object)
{
  BnThrottledModel *self = (BnThrottledModel *) object;

  g_clear_handle_id (&self->flush_id, g_source_remove);
  if (self->source != NULL)
    g_signal_handlers_disconnect_by_func (self->source, source_changed_cb, self);
  g_clear_object (&self->source);
  if (self->items != NULL)
    g_ptr_array_set_size (self->items, 0);

  G_OBJECT_CLASS (bn_throttled_model_parent_class)->dispose (object);
}

static void
bn_throttled_model_finalize (GObject *object)
{
  BnThrottledModel *self = (BnThrottledModel *) object;

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (bn_throttled_model_parent_class)->finalize (object);
}

static void
bn_throttled_model_class_init (BnThrottledModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bn_throttled_model_dispose;
  object_class->finalize = bn_throttled_model_finalize;
}

static void
bn_throttled_model_init (BnThrottledModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Starts with the source's current items. */
BnThrottledModel *
bn_throttled_model_new (GListModel *source,
                        guint       delay_ms,
                        guint       max_step)
{
  BnThrottledModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (source), NULL);

  self = g_object_new (BN_TYPE_THROTTLED_MODEL, NULL);
  self->source = g_object_ref (source);
  self->delay_ms = delay_ms;
  self->max_step = max_step;
  for (guint i = 0; i < g_list_model_get_n_items (source); i++)
    g_ptr_array_add (self->items, g_list_model_get_item (source, i));
  g_signal_connect (source, "items-changed", G_CALLBACK (source_changed_cb), self);
  return self;
}

GListModel *
bn_throttled_model_get_source (BnThrottledModel *self)
{
  g_return_val_if_fail (BN_IS_THROTTLED_MODEL (self), NULL);
  return self->source;
}
