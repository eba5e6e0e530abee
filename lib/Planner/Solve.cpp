//===- Solve.cpp - Strategy dispatch --------------------------------------===//

#include "PlannerImpl.h"

#include <algorithm>

using namespace mlir::memplan::planner;
using namespace mlir::memplan::planner::detail;

namespace {

/// Beyond this many pairs of buffers live together, `auto` leaves out the
/// gap-filling heuristics (their cost grows with it and, on such traces,
/// the skyline is far better) and the exact search (its memory does too).
constexpr uint64_t kAutoOverlapLimit = 2'000'000;
/// The exact search keeps lists of overlapping buffers: beyond this many
/// pairs it is not started at all.
constexpr uint64_t kExactOverlapLimit = 20'000'000;

std::vector<uint64_t> solveNaive(const ItemProblem &problem) {
  std::vector<uint64_t> offsets(problem.items.size(), 0);
  uint64_t top = 0;
  for (const Item &item : problem.items)
    if (item.fixedOffset)
      top = std::max(top, *item.fixedOffset + item.size);
  for (size_t i = 0; i < problem.items.size(); ++i) {
    const Item &item = problem.items[i];
    if (item.fixedOffset) {
      offsets[i] = *item.fixedOffset;
      continue;
    }
    offsets[i] = alignUp(top, item.alignment);
    top = offsets[i] + item.size;
  }
  return offsets;
}

struct Candidate {
  std::vector<uint64_t> offsets;
  uint64_t peak = UINT64_MAX;
  Strategy producedBy = Strategy::Naive;

  void consider(std::vector<uint64_t> other, uint64_t otherPeak,
                Strategy strategy) {
    if (otherPeak < peak) {
      offsets = std::move(other);
      peak = otherPeak;
      producedBy = strategy;
    }
  }
};

Candidate runHeuristic(const ItemProblem &problem, Strategy strategy) {
  Candidate result;
  if (strategy == Strategy::Skyline)
    result.offsets = placeSkyline(problem, skylineRank(problem));
  else
    result.offsets = placeGreedy(problem, heuristicOrder(problem, strategy),
                                 heuristicFitRule(strategy));
  result.peak = itemPeak(problem, result.offsets);
  result.producedBy = strategy;
  return result;
}

/// Runs `heuristics` in order, keeping the first of the smallest plans, and
/// stops early once a plan meets `target`.
Candidate runPortfolio(const ItemProblem &problem,
                       const std::vector<Strategy> &heuristics,
                       uint64_t target) {
  Candidate best;
  for (Strategy strategy : heuristics) {
    Candidate next = runHeuristic(problem, strategy);
    best.consider(std::move(next.offsets), next.peak, strategy);
    if (best.peak <= target)
      break;
  }
  return best;
}

} // namespace

Solution mlir::memplan::planner::solve(const Problem &problem,
                                 const SolveOptions &options) {
  const ItemProblem items = buildItems(problem);
  Solution solution;
  solution.lowerBound = computeLowerBound(problem);
  // What counts as good enough: the bound, or in decision mode the capacity.
  const bool decision = problem.capacity.has_value();
  const uint64_t target =
      decision ? std::max(*problem.capacity, solution.lowerBound)
               : solution.lowerBound;

  Candidate best;
  switch (options.strategy) {
  case Strategy::Naive:
    best.offsets = solveNaive(items);
    best.peak = itemPeak(items, best.offsets);
    best.producedBy = Strategy::Naive;
    break;
  case Strategy::BestFit:
  case Strategy::FirstFit:
  case Strategy::LongestFirst:
  case Strategy::AreaFirst:
  case Strategy::ContentionFirst:
  case Strategy::Skyline:
    best = runHeuristic(items, options.strategy);
    break;
  case Strategy::Portfolio:
    best = runPortfolio(items, portfolioHeuristics(), solution.lowerBound);
    break;
  case Strategy::Exact:
  case Strategy::Auto: {
    WorkBudget budget = WorkBudget::fromOptions(options);
    const uint64_t overlaps = countOverlaps(items);
    const bool large = overlaps > kAutoOverlapLimit;
    // Heuristics first; on large traces only the skyline.
    best = runPortfolio(items,
                        options.strategy == Strategy::Auto && large
                            ? std::vector<Strategy>{Strategy::Skyline}
                            : portfolioHeuristics(),
                        target);
    if (best.peak <= target || budget.exhausted() ||
        (decision && solution.lowerBound > *problem.capacity))
      break;
    // The exact search improves on the best plan, or proves it optimal.
    const bool exact = options.strategy == Strategy::Exact
                           ? overlaps <= kExactOverlapLimit
                           : !large;
    if (exact) {
      // Auto leaves half of the budget to the restarts below.
      WorkBudget share =
          options.strategy == Strategy::Exact
              ? budget
              : WorkBudget(budget.remaining() / 2);
      ExactResult result = searchExact(items, solution.lowerBound, best.peak,
                                       share);
      budget.spend(share.spent());
      if (!result.offsets.empty()) {
        // The peak first: the offsets are moved into the candidate.
        uint64_t peak = itemPeak(items, result.offsets);
        best.consider(std::move(result.offsets), peak, Strategy::Exact);
      }
      if (result.complete) {
        if (decision)
          solution.provenInfeasible = best.peak > *problem.capacity;
        else
          solution.provenOptimal = true;
      }
    }
    if (options.strategy == Strategy::Auto && best.peak > target &&
        !solution.provenOptimal && !solution.provenInfeasible) {
      std::vector<uint64_t> improved =
          improveBySkylineRestarts(items, best.offsets, target, budget);
      uint64_t peak = itemPeak(items, improved);
      best.consider(std::move(improved), peak, Strategy::Skyline);
    }
    solution.work = budget.spent();
    break;
  }
  }

  solution.offsets = expandOffsets(items, best.offsets);
  solution.peak = computePeak(problem, solution.offsets);
  solution.producedBy = best.producedBy;
  if (solution.peak <= solution.lowerBound)
    solution.provenOptimal = true;
  solution.fits = !problem.capacity || solution.peak <= *problem.capacity;
  if (problem.capacity && solution.lowerBound > *problem.capacity)
    solution.provenInfeasible = true;
  return solution;
}
