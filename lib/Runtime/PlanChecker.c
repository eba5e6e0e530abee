/*===- PlanChecker.c - Runtime of the run-time plan checker --------------===*\
|*                                                                           *|
|* A shadow map of every arena a checked program uses: per byte, the buffer  *|
|* that owns it and, during an in-place handover, the buffer it takes over.  *|
|* memplan-insert-ownership-claims and memplan-check-arena-accesses insert   *|
|* the calls. A violation prints both buffers and aborts.                    *|
|*                                                                           *|
\*===----------------------------------------------------------------------===*/

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  uintptr_t base;
  int64_t size;
  /* Per byte: owner id + 1 (0: free), and the donor id + 1 it took over. */
  int64_t *owner;
  int64_t *donor;
} Arena;

static Arena arenas[64];
static int numArenas;

/* Per call in progress, the buffer each argument is a view of (-1: none). */
enum { kMaxDepth = 256, kMaxArguments = 64 };
static int64_t frames[kMaxDepth][kMaxArguments];
static int depth;

/* The buffer argument k of frame `frame` is a view of, or -1. */
static int64_t argumentBuffer(int frame, int64_t k) {
  if (frame < 0 || frame >= kMaxDepth || k < 0 || k >= kMaxArguments)
    return -1;
  return frames[frame][k];
}

void memplan_rt_enter(void) {
  if (depth < kMaxDepth)
    for (int k = 0; k < kMaxArguments; ++k)
      frames[depth][k] = -1;
  ++depth;
}

/* Argument k of the call being entered is a view of buffer `id`; an id of
 * -(j + 2) names the caller's own argument j. */
void memplan_rt_argument(int64_t k, int64_t id) {
  if (id <= -2)
    id = argumentBuffer(depth - 2, -2 - id);
  if (depth >= 1 && depth <= kMaxDepth && k >= 0 && k < kMaxArguments)
    frames[depth - 1][k] = id;
}

void memplan_rt_leave(void) {
  if (depth > 0)
    --depth;
}

static void dropArena(int index) {
  free(arenas[index].owner);
  free(arenas[index].donor);
  arenas[index] = arenas[--numArenas];
}

/* The arena at `base` of `size` bytes; a new one replaces any it overlaps
 * (their memory was freed and reused). */
static Arena *getArena(uintptr_t base, int64_t size) {
  for (int i = 0; i < numArenas; ++i)
    if (arenas[i].base == base && arenas[i].size == size)
      return &arenas[i];
  for (int i = numArenas - 1; i >= 0; --i)
    if (arenas[i].base < base + (uintptr_t)size &&
        base < arenas[i].base + (uintptr_t)arenas[i].size)
      dropArena(i);
  if (numArenas == (int)(sizeof(arenas) / sizeof(arenas[0]))) {
    fprintf(stderr, "memplan plan checker: too many arenas\n");
    abort();
  }
  Arena *arena = &arenas[numArenas++];
  arena->base = base;
  arena->size = size;
  arena->owner = calloc((size_t)size + 1, sizeof(int64_t));
  arena->donor = calloc((size_t)size + 1, sizeof(int64_t));
  if (!arena->owner || !arena->donor) {
    fprintf(stderr, "memplan plan checker: out of memory\n");
    abort();
  }
  return arena;
}

static Arena *findArena(uintptr_t address) {
  for (int i = 0; i < numArenas; ++i)
    if (arenas[i].base <= address &&
        address < arenas[i].base + (uintptr_t)arenas[i].size)
      return &arenas[i];
  return NULL;
}

void memplan_rt_claim(int64_t base, int64_t arenaSize, int64_t offset,
                      int64_t size, int64_t id, int64_t inPlaceOf) {
  Arena *arena = getArena((uintptr_t)base, arenaSize);
  for (int64_t i = offset; i < offset + size && i < arenaSize; ++i) {
    arena->owner[i] = id + 1;
    arena->donor[i] = inPlaceOf + 1;
  }
}

void memplan_rt_release(int64_t base, int64_t arenaSize, int64_t offset,
                        int64_t size, int64_t id) {
  Arena *arena = getArena((uintptr_t)base, arenaSize);
  for (int64_t i = offset; i < offset + size && i < arenaSize; ++i) {
    if (arena->owner[i] == id + 1)
      arena->owner[i] = 0;
    if (arena->donor[i] == id + 1)
      arena->donor[i] = 0;
  }
}

/* Buffer `id` touches `length` bytes at `address`: -(k + 2) names the
 * buffer the current call's argument k is a view of; -1, a view whose
 * buffer the instrumentation could not see, may touch any owned byte. */
void memplan_rt_check(int64_t address, int64_t length, int64_t id) {
  Arena *arena = findArena((uintptr_t)address);
  if (!arena)
    return;
  if (id <= -2)
    id = argumentBuffer(depth - 1, -2 - id);
  int64_t first = (int64_t)((uintptr_t)address - arena->base);
  for (int64_t i = first; i < first + length && i < arena->size; ++i) {
    int64_t owner = arena->owner[i];
    if (id < 0 ? owner != 0 : owner == id + 1 || arena->donor[i] == id + 1)
      continue;
    if (id < 0)
      fprintf(stderr,
              "memplan plan checker: byte %lld of the arena at %p is touched "
              "through a function argument while no buffer owns it\n",
              (long long)i, (void *)arena->base);
    else if (owner == 0)
      fprintf(stderr,
              "memplan plan checker: buffer %lld touches byte %lld of the "
              "arena at %p outside its lifetime (no buffer owns it)\n",
              (long long)id, (long long)i, (void *)arena->base);
    else
      fprintf(stderr,
              "memplan plan checker: buffer %lld touches byte %lld of the "
              "arena at %p, which buffer %lld owns\n",
              (long long)id, (long long)i, (void *)arena->base,
              (long long)(owner - 1));
    fflush(stderr);
    abort();
  }
}

/* The arena at `base` is freed or handed back: its bytes are no arena's. */
void memplan_rt_forget(int64_t base, int64_t arenaSize) {
  for (int i = numArenas - 1; i >= 0; --i)
    if (arenas[i].base == (uintptr_t)base && arenas[i].size == arenaSize)
      dropArena(i);
}
