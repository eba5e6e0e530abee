//===- PlannerFuzzer.cpp - libFuzzer target: CSV reader and strategies ----===//
//
// Any input is read as a MiniMalloc CSV problem. A problem the reader and
// checkProblem accept is solved by every strategy (the searches within a
// small work budget); every plan must pass the independent validator, keep
// its peak at or above the lower bound and report it exactly. A failure
// traps, so the fuzzer keeps the input.
//
//===----------------------------------------------------------------------===//

#include "memplan/Planner/Csv.h"
#include "memplan/Planner/Planner.h"

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

using namespace mlir::memplan::planner;

static void fail(const char *what, Strategy strategy, const std::string &why) {
  std::fprintf(stderr, "planner fuzzer: %s with strategy %.*s: %s\n", what,
               static_cast<int>(strategyName(strategy).size()),
               strategyName(strategy).data(), why.c_str());
  std::abort();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 4096)
    return 0; // keep each run fast: a few dozen buffers at most
  std::istringstream input(
      std::string(reinterpret_cast<const char *>(data), size));
  std::string error;
  std::optional<CsvProblem> parsed = readCsvProblem(input, error);
  if (!parsed || checkProblem(parsed->problem))
    return 0;
  const Problem &problem = parsed->problem;
  if (problem.buffers.size() > 64)
    return 0;
  for (Strategy strategy : allStrategies()) {
    SolveOptions options;
    options.strategy = strategy;
    options.workLimit = 20000;
    Solution solution = solve(problem, options);
    if (solution.offsets.size() != problem.buffers.size())
      fail("wrong number of offsets", strategy, "");
    if (std::optional<std::string> invalid =
            validateSolution(problem, solution.offsets))
      fail("invalid plan", strategy, *invalid);
    if (solution.peak != computePeak(problem, solution.offsets))
      fail("misreported peak", strategy, std::to_string(solution.peak));
    if (solution.peak < solution.lowerBound && !problem.buffers.empty())
      fail("peak below the lower bound", strategy,
           std::to_string(solution.peak) + " < " +
               std::to_string(solution.lowerBound));
  }
  return 0;
}
