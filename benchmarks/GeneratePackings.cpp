//===- GeneratePackings.cpp - instances with a known perfect packing ------===//
//
// memplan-generate-packings [--count=N] [--min-buffers=N] [--max-buffers=N]
//                           [--remove-percent=P] [--first-seed=S] DIR
//
// Writes DIR/perfect.SEED.csv (MiniMalloc's format: id,lower,upper,size):
// the 2^20 x 2^20 time x address square cut into blocks
// (makePerfectPackingProblem), so that a plan at capacity 2^20 exists.
// Every other instance has --remove-percent of its blocks removed: a plan at
// the capacity still exists, and the lower bound lies at or below it. The
// same seed gives the same file on every platform.
//
//===----------------------------------------------------------------------===//

#include "memplan/Planner/RandomProblems.h"

#include <charconv>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>

using namespace mlir::memplan::planner;

static bool parseFlag(const char *argument, const char *name, uint64_t &value) {
  size_t length = std::strlen(name);
  if (std::strncmp(argument, name, length) != 0 || argument[length] != '=')
    return false;
  const char *begin = argument + length + 1, *end = begin + std::strlen(begin);
  auto [rest, error] = std::from_chars(begin, end, value);
  if (error != std::errc() || rest != end || begin == end) {
    std::cerr << "memplan-generate-packings: " << name
              << " expects a number, got '" << begin << "'\n";
    std::exit(2);
  }
  return true;
}

int main(int argc, char **argv) {
  uint64_t count = 200, minBuffers = 150, maxBuffers = 500, removePercent = 10,
           firstSeed = 1;
  std::string directory;
  for (int i = 1; i < argc; ++i) {
    if (parseFlag(argv[i], "--count", count) ||
        parseFlag(argv[i], "--min-buffers", minBuffers) ||
        parseFlag(argv[i], "--max-buffers", maxBuffers) ||
        parseFlag(argv[i], "--remove-percent", removePercent) ||
        parseFlag(argv[i], "--first-seed", firstSeed))
      continue;
    if (argv[i][0] == '-' || !directory.empty()) {
      std::cerr << "usage: memplan-generate-packings [--count=N] "
                   "[--min-buffers=N] [--max-buffers=N] [--remove-percent=P] "
                   "[--first-seed=S] DIR\n";
      return 2;
    }
    directory = argv[i];
  }
  if (directory.empty() || minBuffers < 1 || maxBuffers < minBuffers ||
      removePercent > 99) {
    std::cerr << "memplan-generate-packings: need DIR, 1 <= min-buffers <= "
                 "max-buffers and remove-percent < 100\n";
    return 2;
  }
  for (uint64_t seed = firstSeed; seed < firstSeed + count; ++seed) {
    // Spread the sizes over [min, max] with the seed itself.
    size_t buffers =
        minBuffers + (seed * 2654435761ULL) % (maxBuffers - minBuffers + 1);
    PerfectPackingOptions options;
    options.removePercent = seed % 2 == 0 ? unsigned(removePercent) : 0;
    Problem problem = makePerfectPackingProblem(buffers, seed, options);
    std::string path = directory + "/perfect." + std::to_string(seed) + ".csv";
    std::ofstream file(path);
    file << "id,lower,upper,size\n";
    for (size_t id = 0; id < problem.buffers.size(); ++id) {
      const Buffer &buffer = problem.buffers[id];
      file << id << "," << buffer.start << "," << buffer.end << ","
           << buffer.size << "\n";
    }
    if (!file) {
      std::cerr << "memplan-generate-packings: cannot write " << path << "\n";
      return 1;
    }
  }
  return 0;
}
