//===- RandomProblems.h - Seeded random planner problems --------*- C++ -*-===//
//
// Deterministic random problems for property tests and scaling benchmarks:
// the same seed gives the same problem on every platform (no std::
// distributions, whose results are implementation-defined).
//
//===----------------------------------------------------------------------===//

#ifndef MEMPLAN_PLANNER_RANDOMPROBLEMS_H
#define MEMPLAN_PLANNER_RANDOMPROBLEMS_H

#include "memplan/Planner/Planner.h"

namespace mlir {
namespace memplan {
namespace planner {

struct RandomProblemOptions {
  /// Lifetimes start in [0, horizon) and last 1 to maxLifetime steps.
  uint64_t horizon = 1000;
  uint64_t maxLifetime = 50;
  /// Sizes are drawn log-uniformly from [minSize, maxSize].
  uint64_t minSize = 1;
  uint64_t maxSize = 1 << 20;
  /// Alignments are drawn from {1, 2, 4, ..., maxAlignment}.
  uint64_t maxAlignment = 1;
  /// Probability (in percent) that a buffer is pre-placed, and that a
  /// buffer joins an in-place group with one that ends where it starts.
  unsigned fixedPercent = 0;
  unsigned groupPercent = 0;
};

/// A problem of `count` buffers drawn with `seed`. Pre-placed buffers are
/// put where no other pre-placed buffer is, so the problem is feasible.
Problem makeRandomProblem(size_t count, uint64_t seed,
                          const RandomProblemOptions &options = {});

struct PerfectPackingOptions {
  /// The rectangle time x address that the buffers tile exactly.
  uint64_t horizon = 1 << 20;
  uint64_t capacity = 1 << 20;
  /// Every cut falls on a multiple of the grain (in time and in bytes).
  uint64_t grain = 1024;
  /// Percent of the buffers removed after cutting: the capacity still holds
  /// a plan (the cut one), but the lower bound may fall below it and the
  /// optimum may lie anywhere between the two.
  unsigned removePercent = 0;
};

/// A problem with a known plan at `options.capacity`: the rectangle
/// [0, horizon) x [0, capacity) cut by random straight cuts, each through one
/// block, into `count` blocks, each block a buffer. Without removals every
/// moment has exactly `capacity` live bytes, so the plan is optimal and the
/// lower bound is tight; the search must rediscover the tiling. Buffers come
/// in a seeded random order (not the cutting order).
Problem makePerfectPackingProblem(size_t count, uint64_t seed,
                                  const PerfectPackingOptions &options = {});

} // namespace planner
} // namespace memplan
} // namespace mlir

#endif // MEMPLAN_PLANNER_RANDOMPROBLEMS_H
