//===- PlannerBenchmarks.cpp - Google Benchmark for the planner -----------===//
//
// Two families, both printing the plan's peak over the lower bound next to
// the time:
//
//  * Scaling/<strategy>/<n>: seeded random problems of 1k to 1M buffers
//    whose timeline grows with n (about 25 buffers live at once, as in a
//    deeper network), with the fitted complexity (expected: n log n).
//  * File/<problem>/<strategy>: every CSV problem of ../shared/benchmarks
//    (or $MEMPLAN_SHARED/benchmarks), once each.
//
//   build/benchmarks/memplan-planner-benchmarks [--benchmark_filter=Scaling]
//
//===----------------------------------------------------------------------===//

#include "memplan/Planner/Csv.h"
#include "memplan/Planner/Planner.h"
#include "memplan/Planner/RandomProblems.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

using namespace mlir::memplan::planner;

namespace {

void reportPlan(benchmark::State &state, const Solution &solution,
                size_t buffers) {
  state.counters["peak/LB"] =
      solution.lowerBound ? double(solution.peak) / solution.lowerBound : 1.0;
  state.counters["buffers"] = static_cast<double>(buffers);
  // Seconds per buffer, so that growth beyond n log n shows at a glance.
  state.counters["time/buffer"] = benchmark::Counter(
      static_cast<double>(buffers),
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void scaling(benchmark::State &state, Strategy strategy) {
  const size_t n = static_cast<size_t>(state.range(0));
  RandomProblemOptions shape;
  shape.horizon = 2 * n;
  shape.maxLifetime = 100;
  shape.minSize = 64;
  shape.maxSize = 1 << 20;
  const Problem problem = makeRandomProblem(n, /*seed=*/1, shape);
  SolveOptions options;
  options.strategy = strategy;
  Solution solution;
  for (auto _ : state) {
    solution = solve(problem, options);
    benchmark::DoNotOptimize(solution.peak);
  }
  reportPlan(state, solution, n);
  state.SetComplexityN(static_cast<int64_t>(n));
}

void file(benchmark::State &state, const CsvProblem &csv, Strategy strategy,
          double seconds) {
  SolveOptions options;
  options.strategy = strategy;
  options.timeLimitSeconds = seconds;
  Solution solution;
  for (auto _ : state) {
    solution = solve(csv.problem, options);
    benchmark::DoNotOptimize(solution.peak);
  }
  reportPlan(state, solution, csv.problem.buffers.size());
}

std::filesystem::path sharedBenchmarks() {
  if (const char *shared = std::getenv("MEMPLAN_SHARED"))
    return std::filesystem::path(shared) / "benchmarks";
  return std::filesystem::path(MEMPLAN_SHARED_DIR) / "benchmarks";
}

void registerFileBenchmarks() {
  const std::filesystem::path root = sharedBenchmarks();
  if (!std::filesystem::is_directory(root)) {
    std::cerr << "memplan-planner-benchmarks: " << root
              << " not found; only the scaling benchmarks run\n";
    return;
  }
  std::vector<std::filesystem::path> files;
  for (const auto &entry : std::filesystem::recursive_directory_iterator(root))
    if (entry.path().extension() == ".csv")
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  static std::vector<std::unique_ptr<CsvProblem>> problems;
  for (const std::filesystem::path &path : files) {
    std::ifstream input(path);
    std::string error;
    std::optional<CsvProblem> csv = readCsvProblem(input, error);
    if (!csv) {
      std::cerr << path << ": " << error << "\n";
      continue;
    }
    problems.push_back(std::make_unique<CsvProblem>(std::move(*csv)));
    const CsvProblem &problem = *problems.back();
    const std::string name =
        path.parent_path().filename().string() + "/" + path.stem().string();
    for (Strategy strategy : {Strategy::BestFit, Strategy::Skyline,
                              Strategy::Portfolio, Strategy::Auto}) {
      benchmark::RegisterBenchmark(
          ("File/" + name + "/" + std::string(strategyName(strategy))).c_str(),
          [&problem, strategy](benchmark::State &state) {
            file(state, problem, strategy, /*seconds=*/1.0);
          })
          ->Iterations(1)
          ->Unit(benchmark::kMillisecond);
    }
  }
}

} // namespace

void registerScalingBenchmarks() {
  for (Strategy strategy :
       {Strategy::BestFit, Strategy::FirstFit, Strategy::Skyline})
    benchmark::RegisterBenchmark(
        ("Scaling/" + std::string(strategyName(strategy))).c_str(),
        [strategy](benchmark::State &state) { scaling(state, strategy); })
        ->RangeMultiplier(10)
        ->Range(1000, 1000000)
        ->Unit(benchmark::kMillisecond)
        ->Complexity(benchmark::oNLogN);
}

int main(int argc, char **argv) {
  benchmark::Initialize(&argc, argv);
  registerScalingBenchmarks();
  registerFileBenchmarks();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
