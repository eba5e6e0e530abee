//===- Solve.cpp - Strategy dispatch --------------------------------------===//

#include "PlannerImpl.h"

#include <algorithm>

using namespace memplan::planner;
using namespace memplan::planner::detail;

namespace {

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
};

Candidate runHeuristic(const ItemProblem &problem, Strategy strategy) {
  Candidate result;
  result.offsets = placeGreedy(problem, heuristicOrder(problem, strategy),
                               heuristicFitRule(strategy));
  result.peak = itemPeak(problem, result.offsets);
  result.producedBy = strategy;
  return result;
}

Candidate runPortfolio(const ItemProblem &problem, uint64_t lowerBound) {
  Candidate best;
  for (Strategy strategy : portfolioHeuristics()) {
    Candidate next = runHeuristic(problem, strategy);
    if (next.peak < best.peak)
      best = std::move(next);
    if (best.peak <= lowerBound)
      break; // Nothing can beat the bound.
  }
  return best;
}

} // namespace

Solution memplan::planner::solve(const Problem &problem,
                                 const SolveOptions &options) {
  const ItemProblem items = buildItems(problem);
  Solution solution;
  solution.lowerBound = computeLowerBound(problem);

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
    best = runHeuristic(items, options.strategy);
    break;
  case Strategy::Portfolio:
    best = runPortfolio(items, solution.lowerBound);
    break;
  case Strategy::Exact:
  case Strategy::Auto: {
    // The exact search starts from the best heuristic plan, so it can only
    // improve on it; it is skipped when that plan already meets the bound
    // (or, in decision mode, fits).
    best = runPortfolio(items, solution.lowerBound);
    const bool decision = problem.capacity.has_value();
    if (best.peak <= solution.lowerBound ||
        (decision && best.peak <= *problem.capacity) ||
        (decision && solution.lowerBound > *problem.capacity))
      break;
    ExactResult exact =
        searchExact(items, solution.lowerBound, best.peak, options);
    solution.nodesExplored = exact.nodes;
    if (!exact.offsets.empty()) {
      best.offsets = std::move(exact.offsets);
      best.peak = itemPeak(items, best.offsets);
      best.producedBy = Strategy::Exact;
    }
    if (exact.complete) {
      if (decision)
        solution.provenInfeasible = exact.offsets.empty();
      else
        solution.provenOptimal = true;
    }
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
