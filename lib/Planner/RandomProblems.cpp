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

Problem mlir::memplan::planner::makePerfectPackingProblem(
    size_t count, uint64_t seed, const PerfectPackingOptions &options) {
  struct Block {
    uint64_t start, end, low, high;
  };
  Random random(seed);
  const uint64_t grain = std::max<uint64_t>(1, options.grain);
  std::vector<Block> blocks = {{0, options.horizon, 0, options.capacity}};
  // Cut a random block that can still be cut, across its longer side (in
  // grains) more often than not, at a random grain inside it.
  size_t stuck = 0;
  while (blocks.size() < count && stuck < 64 * count) {
    Block &block = blocks[random.range(0, blocks.size() - 1)];
    uint64_t timeGrains = (block.end - block.start) / grain;
    uint64_t byteGrains = (block.high - block.low) / grain;
    if (timeGrains < 2 && byteGrains < 2) {
      ++stuck;
      continue;
    }
    bool cutTime = byteGrains < 2 ||
                   (timeGrains >= 2 &&
                    random.range(0, timeGrains + byteGrains - 1) < timeGrains);
    Block other = block;
    if (cutTime) {
      uint64_t at = block.start + grain * random.range(1, timeGrains - 1);
      block.end = other.start = at;
    } else {
      uint64_t at = block.low + grain * random.range(1, byteGrains - 1);
      block.high = other.low = at;
    }
    blocks.push_back(other);
  }
  // Fisher-Yates with our own generator: the same order everywhere.
  for (size_t i = blocks.size(); i > 1; --i)
    std::swap(blocks[i - 1], blocks[random.range(0, i - 1)]);
  Problem problem;
  for (const Block &block : blocks) {
    if (random.range(0, 99) < options.removePercent)
      continue;
    Buffer buffer;
    buffer.start = block.start;
    buffer.end = block.end;
    buffer.size = block.high - block.low;
    problem.buffers.push_back(buffer);
  }
  problem.capacity = options.capacity;
  return problem;
}
