/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bn-sim-mover"

#include "config.h"

#include "bn-sim-workload.h"

/*
 * A synthetic guest: a thread that writes 8 bytes into a random page of the working set,
 * marks it dirty, and paces itself to the configured rate of dirtied bytes per second.
 * It sleeps on a condition variable while paused, stopped or at rate 0, so an idle LPAR
 * costs nothing.
 */

#define CHUNK_PAGES 256
#define MAX_BACKLOG_US (100 * 1000)
#define RATE_WINDOW_US (500 * 1000)

struct _BnSimWorkload
{
  GObject      parent_instance;

  BnSimMemory *memory;
  GThread     *thread;

  GMutex       mutex;
  GCond        cond;
  /* All below under mutex. */
  guint64      rate;
  guint64      ws_first;
  guint64      ws_pages;
  guint64      seed;
  gboolean     stop;
  gboolean     paused;
  gboolean     acked_pause;
  guint        generation;
  guint64      dirty_rate;
  gint64       window_start;
  guint64      window_pages;

  guint64      pages_written;    /* atomic */
};

G_DEFINE_FINAL_TYPE (BnSimWorkload, bn_sim_workload, G_TYPE_OBJECT)

static void
bn_sim_workload_finalize (GObject *object)
{
  BnSimWorkload *self = (BnSimWorkload *) object;

  bn_sim_workload_stop (self);
  g_clear_pointer (&self->memory, bn_sim_memory_unref);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (bn_sim_workload_parent_class)->finalize (object);
}

static void
bn_sim_workload_class_init (BnSimWorkloadClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bn_sim_workload_finalize;
}

static void
bn_sim_workload_init (BnSimWorkload *self)
{
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->seed = 0x5eed;
}

/**
 * bn_sim_workload_new:
 * @memory: the LPAR's memory
 *
 * Returns: (transfer full): a stopped workload at rate 0 over the whole memory
 */
BnSimWorkload *
bn_sim_workload_new (BnSimMemory *memory)
{
  BnSimWorkload *self;

  g_return_val_if_fail (memory != NULL, NULL);

  self = g_object_new (BN_SIM_TYPE_WORKLOAD, NULL);
  self->memory = bn_sim_memory_ref (memory);
  self->ws_first = 0;
  self->ws_pages = bn_sim_memory_get_n_pages (memory);
  return self;
}

/**
 * bn_sim_workload_get_memory:
 *
 * Returns: (transfer none): the memory written to
 */
BnSimMemory *
bn_sim_workload_get_memory (BnSimWorkload *self)
{
  g_return_val_if_fail (BN_SIM_IS_WORKLOAD (self), NULL);
  return self->memory;
}

static inline guint64
next_random (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static void
update_rate_locked (BnSimWorkload *self,
                    gint64         now,
                    guint64        pages)
{
  self->window_pages += pages;
  if (now - self->window_start >= RATE_WINDOW_US)
    {
      self->dirty_rate = self->window_pages * BN_SIM_PAGE_SIZE * G_USEC_PER_SEC
                         / (guint64) (now - self->window_start);
      self->window_start = now;
      self->window_pages = 0;
    }
}

static gpointer
workload_thread (gpointer data)
{
  BnSimWorkload *self = data;
  guint8 *base = bn_sim_memory_get_data (self->memory);
  guint64 state;
  gint64 epoch = 0;
  guint64 done = 0;
  guint generation = G_MAXUINT;

  g_mutex_lock (&self->mutex);
  state = self->seed;
  for (;;)
    {
      guint64 rate;
      guint64 first;
      guint64 n_ws;
      gint64 now;
      guint64 due;
      guint64 todo;

      while (!self->stop && (self->paused || self->rate == 0 || self->ws_pages == 0))
        {
          if (self->paused && !self->acked_pause)
            {
              self->acked_pause = TRUE;
              g_cond_broadcast (&self->cond);
            }
          self->dirty_rate = 0;
          g_cond_wait (&self->cond, &self->mutex);
        }
      if (self->stop)
        break;

      now = g_get_monotonic_time ();
      if (generation != self->generation)
        {
          /* Resumed or reconfigured: pace from now, without a burst to catch up. */
          generation = self->generation;
          epoch = now;
          done = 0;
          self->window_start = now;
          self->window_pages = 0;
        }
      rate = self->rate;
      first = self->ws_first;
      n_ws = self->ws_pages;

      due = (guint64) ((gdouble) rate * (gdouble) (now - epoch) / G_USEC_PER_SEC
                       / BN_SIM_PAGE_SIZE);
      if (due <= done)
        {
          gint64 wait = (gint64) ((gdouble) (done + 1 - due) * BN_SIM_PAGE_SIZE
                                  * G_USEC_PER_SEC / (gdouble) rate);

          update_rate_locked (self, now, 0);
          g_cond_wait_until (&self->cond, &self->mutex, now + CLAMP (wait, 200, 20000));
          continue;
        }
      if ((gdouble) (due - done) * BN_SIM_PAGE_SIZE
          > (gdouble) rate * MAX_BACKLOG_US / G_USEC_PER_SEC)
        {
          /* Fell behind (the machine is busy): drop the backlog rather than burst. */
          done = due - 1;
        }
      todo = MIN (due - done, CHUNK_PAGES);
      g_mutex_unlock (&self->mutex);

      for (guint64 i = 0; i < todo; i++)
        {
          guint64 r = next_random (&state);
          guint64 page = first + r % n_ws;
          guint64 off = (r >> 40) % (BN_SIM_PAGE_SIZE / 8) * 8;
          guint64 value = next_random (&state) | 1;

          /* Data first, mark after: see bn_sim_memory_mark_dirty(). */
          __atomic_store_n ((guint64 *) (base + page * BN_SIM_PAGE_SIZE + off), value,
                            __ATOMIC_RELAXED);
          bn_sim_memory_mark_dirty (self->memory, page);
        }
      __atomic_fetch_add (&self->pages_written, todo, __ATOMIC_RELAXED);
      done += todo;

      g_mutex_lock (&self->mutex);
      update_rate_locked (self, g_get_monotonic_time (), todo);
    }
  g_mutex_unlock (&self->mutex);
  return NULL;
}

/* Dirtied bytes per second (pages × 4 KiB); 0 idles the thread. */
void
bn_sim_workload_set_rate (BnSimWorkload *self,
                          guint64        bytes_per_second)
{
  g_return_if_fail (BN_SIM_IS_WORKLOAD (self));

  g_mutex_lock (&self->mutex);
  self->rate = bytes_per_second;
  self->generation++;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
}

guint64
bn_sim_workload_get_rate (BnSimWorkload *self)
{
  guint64 rate;

  g_return_val_if_fail (BN_SIM_IS_WORKLOAD (self), 0);

  g_mutex_lock (&self->mutex);
  rate = self->rate;
  g_mutex_unlock (&self->mutex);
  return rate;
}

/* The pages written are those [offset, offset + length) overlaps, clamped to the memory. */
void
bn_sim_workload_set_working_set (BnSimWorkload *self,
                                 guint64        offset,
                                 guint64        length)
{
  guint64 n_pages;
  guint64 first;
  guint64 end;

  g_return_if_fail (BN_SIM_IS_WORKLOAD (self));

  n_pages = bn_sim_memory_get_n_pages (self->memory);
  first = MIN (offset / BN_SIM_PAGE_SIZE, n_pages);
  end = length == 0 ? first : MIN ((offset + length - 1) / BN_SIM_PAGE_SIZE + 1, n_pages);

  g_mutex_lock (&self->mutex);
  self->ws_first = first;
  self->ws_pages = end - first;
  self->generation++;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
}

/* Takes effect at the next start. */
void
bn_sim_workload_set_seed (BnSimWorkload *self,
                          guint64        seed)
{
  g_return_if_fail (BN_SIM_IS_WORKLOAD (self));

  g_mutex_lock (&self->mutex);
  self->seed = seed;
  g_mutex_unlock (&self->mutex);
}

void
bn_sim_workload_start (BnSimWorkload *self)
{
  g_return_if_fail (BN_SIM_IS_WORKLOAD (self));

  if (self->thread != NULL)
    return;
  g_mutex_lock (&self->mutex);
  self->stop = FALSE;
  self->generation++;
  g_mutex_unlock (&self->mutex);
  self->thread = g_thread_new ("bn-sim-workload", workload_thread, self);
}

/* Ends the thread and waits for it. Call from the thread that started it. */
void
bn_sim_workload_stop (BnSimWorkload *self)
{
  g_return_if_fail (BN_SIM_IS_WORKLOAD (self));

  if (self->thread == NULL)
    return;
  g_mutex_lock (&self->mutex);
  self->stop = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
  g_thread_join (g_steal_pointer (&self->thread));
}

/**
 * bn_sim_workload_pause:
 *
 * Suspends the guest. Thread-safe; returns once the thread has stopped writing, so that
 * a mover can take the last dirty pages knowing no write is in flight.
 */
void
bn_sim_workload_pause (BnSimWorkload *self)
{
  g_return_if_fail (BN_SIM_IS_WORKLOAD (self));

  g_mutex_lock (&self->mutex);
  if (!self->paused)
    {
      self->paused = TRUE;
      self->acked_pause = FALSE;
      g_cond_broadcast (&self->cond);
    }
  while (self->thread != NULL && !self->stop && !self->acked_pause)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);
}

void
bn_sim_workload_resume (BnSimWorkload *self)
{
  g_return_if_fail (BN_SIM_IS_WORKLOAD (self));

  g_mutex_lock (&self->mutex);
  if (self->paused)
    {
      self->paused = FALSE;
      self->acked_pause = FALSE;
      self->generation++;
      g_cond_broadcast (&self->cond);
    }
  g_mutex_unlock (&self->mutex);
}

gboolean
bn_sim_workload_is_running (BnSimWorkload *self)
{
  gboolean running;

  g_return_val_if_fail (BN_SIM_IS_WORKLOAD (self), FALSE);

  g_mutex_lock (&self->mutex);
  running = self->thread != NULL && !self->stop && !self->paused;
  g_mutex_unlock (&self->mutex);
  return running;
}

gboolean
bn_sim_workload_is_paused (BnSimWorkload *self)
{
  gboolean paused;

  g_return_val_if_fail (BN_SIM_IS_WORKLOAD (self), FALSE);

  g_mutex_lock (&self->mutex);
  paused = self->paused;
  g_mutex_unlock (&self->mutex);
  return paused;
}

/* The measured rate of dirtied bytes per second over the last half second. */
guint64
bn_sim_workload_get_dirty_rate (BnSimWorkload *self)
{
  guint64 rate;

  g_return_val_if_fail (BN_SIM_IS_WORKLOAD (self), 0);

  g_mutex_lock (&self->mutex);
  rate = self->dirty_rate;
  g_mutex_unlock (&self->mutex);
  return rate;
}

guint64
bn_sim_workload_get_pages_written (BnSimWorkload *self)
{
  g_return_val_if_fail (BN_SIM_IS_WORKLOAD (self), 0);
  return __atomic_load_n (&self->pages_written, __ATOMIC_RELAXED);
}
