//===- PlannerImpl.h - Internals shared by the planner strategies -*- C++ -*-=//
//
// Strategies work on "items": a buffer, or a same-offset group merged into
// one block that spans the group's lifetimes and its largest member.
//
//===----------------------------------------------------------------------===//

#ifndef MEMPLAN_LIB_PLANNER_PLANNERIMPL_H
#define MEMPLAN_LIB_PLANNER_PLANNERIMPL_H

#include "memplan/Planner/Planner.h"

#include <chrono>

namespace memplan {
namespace planner {
namespace detail {

struct Item {
  uint64_t start = 0;
  uint64_t end = 0;
  uint64_t size = 0;
  uint64_t alignment = 1;
  std::optional<uint64_t> fixedOffset;
};

struct ItemProblem {
  std::vector<Item> items;
  /// For every buffer of the original problem, the item that holds it.
  std::vector<size_t> itemOfBuffer;
  std::optional<uint64_t> capacity;
};

ItemProblem buildItems(const Problem &problem);

/// Offsets per buffer from offsets per item.
std::vector<uint64_t> expandOffsets(const ItemProblem &items,
                                    const std::vector<uint64_t> &itemOffsets);

inline uint64_t alignUp(uint64_t value, uint64_t alignment) {
  return (value + alignment - 1) / alignment * alignment;
}

inline bool overlapInTime(const Item &a, const Item &b) {
  return a.start < b.end && b.start < a.end;
}

/// How a greedy placement picks among the gaps that fit.
enum class FitRule { Best, First };

/// Places items one by one in `order` (fixed items first, wherever they are
/// listed), each into a gap left by the already placed items it overlaps in
/// time, or on top of them. Returns offsets per item.
std::vector<uint64_t> placeGreedy(const ItemProblem &problem,
                                  const std::vector<size_t> &order,
                                  FitRule rule);

/// The order a heuristic strategy places items in.
std::vector<size_t> heuristicOrder(const ItemProblem &problem,
                                   Strategy strategy);
FitRule heuristicFitRule(Strategy strategy);

uint64_t itemPeak(const ItemProblem &problem,
                  const std::vector<uint64_t> &offsets);

/// A deadline measured with a steady clock; a zero budget never expires.
class Deadline {
public:
  explicit Deadline(double seconds)
      : unlimited(seconds <= 0),
        end(std::chrono::steady_clock::now() +
            std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                std::chrono::duration<double>(seconds > 0 ? seconds : 0))) {}
  bool expired() const {
    return !unlimited && std::chrono::steady_clock::now() >= end;
  }

private:
  bool unlimited;
  std::chrono::steady_clock::time_point end;
};

struct ExactResult {
  std::vector<uint64_t> offsets; ///< Empty if no plan was found.
  bool complete = false;         ///< The search space was exhausted.
  uint64_t nodes = 0;
};

/// Branch-and-bound search for a plan with peak < `upperBound`, the peak of
/// a known plan. Without a capacity it minimises the peak (`complete`: the
/// plan found, or the known one, is optimal); with one it stops at the first
/// plan within it (`complete` without a plan: none exists).
ExactResult searchExact(const ItemProblem &problem, uint64_t lowerBound,
                        uint64_t upperBound, const SolveOptions &options);

} // namespace detail
} // namespace planner
} // namespace memplan

#endif // MEMPLAN_LIB_PLANNER_PLANNERIMPL_H
