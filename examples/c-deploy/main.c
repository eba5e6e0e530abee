/* Runs a program that memplan-compile turned into an object file and a
 * header, with nothing but the C library: fills every input with the noise
 * of memplan-opt's test-memplan-generate-main (seed 1000 + input index),
 * runs the program, and prints the bits of every output, one element per
 * line, as `output N TYPE: I BITS` (compare.py compares them with what
 * mlir-runner prints for the same program).
 *
 *   memplan-compile net.mlir -o net.o            # writes net.h too
 *   cc -std=c11 -I. -DMEMPLAN_HEADER='"net.h"' -DMEMPLAN_PROGRAM=net_program \
 *      main.c net.o -lm -o net
 *   ./net                 # the outputs' bits
 *   ./net --benchmark 20  # 20 timed runs: ns per run and peak RSS
 */
#define _POSIX_C_SOURCE 199309L
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include MEMPLAN_HEADER

#define MAX_ARGUMENTS 64

/* test-memplan-generate-main's noise: a hash of the linear index, as a
 * float in [-1, 1) or an integer in [0, 100). */
static uint64_t noise_bits(int64_t linear, uint64_t seed) {
  uint64_t hash = (uint64_t)linear + (seed * 7919 + 17);
  hash *= 2654435761ULL;
  return (hash >> 13) & 0xFFFF;
}

static size_t element_bytes(const char *type) {
  if (strcmp(type, "f64") == 0 || strcmp(type, "i64") == 0)
    return 8;
  if (strcmp(type, "f32") == 0 || strcmp(type, "i32") == 0)
    return 4;
  if (strcmp(type, "f16") == 0 || strcmp(type, "bf16") == 0 ||
      strcmp(type, "i16") == 0)
    return 2;
  return 1;
}

static void fill_input(void *data, const char *type, int64_t elements,
                       uint64_t seed) {
  for (int64_t i = 0; i < elements; ++i) {
    uint64_t bits = noise_bits(i, seed);
    float u = (float)bits * (1.0f / 32768.0f) - 1.0f;
    if (strcmp(type, "f32") == 0) {
      ((float *)data)[i] = u;
    } else if (strcmp(type, "f64") == 0) {
      ((double *)data)[i] = (double)u;
    } else if (strcmp(type, "i64") == 0) {
      ((int64_t *)data)[i] = (int64_t)(bits % 100);
    } else if (strcmp(type, "i32") == 0) {
      ((int32_t *)data)[i] = (int32_t)(bits % 100);
    } else {
      fprintf(stderr, "c-deploy: no noise for inputs of type %s\n", type);
      exit(2);
    }
  }
}

static void print_output(int index, const char *type, const void *data,
                         int64_t elements) {
  size_t bytes = element_bytes(type);
  for (int64_t e = 0; e < elements; ++e) {
    uint64_t bits = 0;
    if (bytes == 8) {
      memcpy(&bits, (const char *)data + 8 * e, 8);
    } else if (bytes == 4) {
      uint32_t word;
      memcpy(&word, (const char *)data + 4 * e, 4);
      bits = word;
    } else {
      fprintf(stderr, "c-deploy: cannot print outputs of type %s\n", type);
      exit(2);
    }
    printf("output %d %s: %" PRId64 " %" PRIu64 "\n", index, type, e, bits);
  }
}

/* The process's peak resident memory in KiB: Linux's VmHWM, which, unlike
 * getrusage's ru_maxrss, does not carry over the peak of the process that
 * exec'ed this one. */
static long peak_rss_kib(void) {
  FILE *status = fopen("/proc/self/status", "r");
  char line[256];
  long kib = -1;
  while (status && fgets(line, sizeof line, status))
    if (sscanf(line, "VmHWM: %ld kB", &kib) == 1)
      break;
  if (status)
    fclose(status);
  if (kib < 0) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    kib = usage.ru_maxrss;
  }
  return kib;
}

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

int main(int argc, char **argv) {
  const struct memplan_program *program = &MEMPLAN_PROGRAM;
  long runs = 0;
  if (argc == 3 && strcmp(argv[1], "--benchmark") == 0) {
    runs = strtol(argv[2], NULL, 10);
  } else if (argc != 1) {
    fprintf(stderr, "usage: %s [--benchmark RUNS]\n", argv[0]);
    return 2;
  }
  if (program->num_arenas > MAX_ARGUMENTS ||
      program->num_inputs > MAX_ARGUMENTS ||
      program->num_outputs > MAX_ARGUMENTS) {
    fprintf(stderr, "c-deploy: %s has too many arguments\n", program->name);
    return 2;
  }
  void *arenas[MAX_ARGUMENTS], *inputs[MAX_ARGUMENTS], *outputs[MAX_ARGUMENTS];
  for (int i = 0; i < program->num_arenas; ++i) {
    size_t alignment = (size_t)program->arena_alignments[i];
    size_t bytes = (size_t)program->arena_bytes[i];
    /* aligned_alloc wants a multiple of the alignment. */
    bytes = (bytes + alignment - 1) / alignment * alignment;
    arenas[i] = aligned_alloc(alignment, bytes ? bytes : alignment);
  }
  for (int i = 0; i < program->num_inputs; ++i) {
    inputs[i] = malloc((size_t)program->input_elements[i] *
                       element_bytes(program->input_types[i]));
    fill_input(inputs[i], program->input_types[i], program->input_elements[i],
               1000 + (uint64_t)i);
  }
  for (int i = 0; i < program->num_outputs; ++i)
    outputs[i] = calloc((size_t)program->output_elements[i],
                        element_bytes(program->output_types[i]));

  double start = now_ns();
  for (long run = 0; run < (runs ? runs : 1); ++run) {
    int status = program->run(arenas, (const void *const *)inputs, outputs);
    if (status != 0) {
      fprintf(stderr, "c-deploy: %s returned %d\n", program->name, status);
      return 1;
    }
  }
  double elapsed = now_ns() - start;

  if (runs) {
    printf("runs %ld ns_per_run %.0f max_rss_kib %ld\n", runs,
           elapsed / (double)runs, peak_rss_kib());
    return 0;
  }
  for (int i = 0; i < program->num_outputs; ++i)
    print_output(i, program->output_types[i], outputs[i],
                 program->output_elements[i]);
  return 0;
}
