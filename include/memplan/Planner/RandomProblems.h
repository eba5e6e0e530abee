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

} // namespace planner
} // namespace memplan
} // namespace mlir

#endif // MEMPLAN_PLANNER_RANDOMPROBLEMS_H
