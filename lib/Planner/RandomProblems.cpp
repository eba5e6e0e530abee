//===- RandomProblems.cpp - Seeded random planner problems ----------------===//

#include "memplan/Planner/RandomProblems.h"

#include "PlannerImpl.h"

#include <algorithm>
#include <cmath>

using namespace mlir::memplan::planner;
using mlir::memplan::planner::detail::Random;


Problem mlir::memplan::planner::makeRandomProblem(size_t count, uint64_t seed,
                                            const RandomProblemOptions &options) {
  Random random(seed);
  Problem problem;
  problem.buffers.reserve(count);
  const double logMin = std::log(double(std::max<uint64_t>(1, options.minSize)));
  const double logMax = std::log(double(std::max(options.minSize, options.maxSize)));
  unsigned alignmentLevels = 0;
  while ((uint64_t(1) << (alignmentLevels + 1)) <= options.maxAlignment)
    ++alignmentLevels;
  for (size_t i = 0; i < count; ++i) {
    Buffer buffer;
    buffer.start = random.range(0, options.horizon - 1);
    buffer.end = buffer.start + random.range(1, options.maxLifetime);
    buffer.size = static_cast<uint64_t>(
        std::llround(std::exp(logMin + (logMax - logMin) * random.unit())));
    buffer.size = std::clamp(buffer.size, options.minSize, options.maxSize);
    buffer.alignment = uint64_t(1) << random.range(0, alignmentLevels);
    problem.buffers.push_back(buffer);
  }
  // Pre-placed buffers are stacked so that they never collide.
  uint64_t fixedTop = 0;
  for (Buffer &buffer : problem.buffers) {
    if (random.range(0, 99) >= options.fixedPercent)
      continue;
    uint64_t offset = (fixedTop + buffer.alignment - 1) / buffer.alignment *
                      buffer.alignment;
    buffer.fixedOffset = offset;
    fixedTop = offset + buffer.size;
  }
  // In-place pairs: a free buffer joins one that ends exactly where it
  // starts, like an op's output taking its dying input's block.
  if (options.groupPercent) {
    std::vector<bool> used(count, false);
    for (size_t i = 0; i < count; ++i) {
      Buffer &b = problem.buffers[i];
      if (used[i] || b.fixedOffset || random.range(0, 99) >= options.groupPercent)
        continue;
      for (size_t j = 0; j < count; ++j) {
        Buffer &a = problem.buffers[j];
        if (j == i || used[j] || a.fixedOffset || a.end != b.start + 1)
          continue;
        used[i] = used[j] = true;
        problem.sameOffsetGroups.push_back({std::min(i, j), std::max(i, j)});
        break;
      }
    }
  }
  return problem;
}
