//===- PlannerImpl.h - Internals shared by the planner strategies -*- C++ -*-=//
//
// Strategies work on "items": a buffer, or a same-offset group merged into
// one block that spans the group's lifetimes and its largest member.
//
//===----------------------------------------------------------------------===//

#ifndef MEMPLAN_LIB_PLANNER_PLANNERIMPL_H
#define MEMPLAN_LIB_PLANNER_PLANNERIMPL_H

#include "memplan/Planner/Planner.h"


namespace mlir {
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

/// The items' lifetimes on the compressed timeline: slot k is the time
/// between the k-th and the (k+1)-th distinct start or end, and item i lives
/// in slots [lo[i], hi[i]).
struct TimeSlots {
  explicit TimeSlots(const std::vector<Item> &items);
  size_t count() const { return times.size(); }
  std::vector<uint64_t> times;
  std::vector<size_t> lo, hi;
};

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

/// Places items bottom up: repeatedly the item whose lowest possible offset
/// (the highest top placed so far during its lifetime) is lowest, ties
/// broken by `rank` (lower first). Returns offsets per item; adds the work
/// done to `work` when given.
std::vector<uint64_t> placeSkyline(const ItemProblem &problem,
                                   const std::vector<size_t> &rank,
                                   uint64_t *work = nullptr);

/// The rank skyline uses: larger size x lifetime first.
std::vector<size_t> skylineRank(const ItemProblem &problem);



/// The order a heuristic strategy places items in.
std::vector<size_t> heuristicOrder(const ItemProblem &problem,
                                   Strategy strategy);
FitRule heuristicFitRule(Strategy strategy);

uint64_t itemPeak(const ItemProblem &problem,
                  const std::vector<uint64_t> &offsets);

/// SplitMix64: a tiny random generator that gives the same numbers on every
/// platform (std:: distributions do not).
class Random {
public:
  explicit Random(uint64_t seed) : state(seed) {}
  uint64_t next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [lo, hi].
  uint64_t range(uint64_t lo, uint64_t hi) {
    return lo + next() % (hi - lo + 1);
  }
  /// Uniform in [0, 1).
  double unit() { return (next() >> 11) * 0x1.0p-53; }

private:
  uint64_t state;
};

/// Search work, counted in units that cost about the same on any problem
/// (a step of a skyline placement; a search node, by the items it
/// considers). Nothing reads a clock: the same budget gives the same plan
/// on every machine and under any load.
class WorkBudget {
public:
  /// Units a typical machine does in a second.
  static constexpr double kUnitsPerSecond = 5e6;

  explicit WorkBudget(uint64_t units) : limit(units) {}
  /// The work limit if one is set; else the time limit in units (0 seconds:
  /// no search at all, only the heuristics).
  static WorkBudget fromOptions(const SolveOptions &options) {
    if (options.workLimit)
      return WorkBudget(options.workLimit);
    double units = options.timeLimitSeconds * kUnitsPerSecond;
    if (!(units > 0))
      return WorkBudget(0);
    if (units >= 1.8e19)
      return WorkBudget(UINT64_MAX);
    return WorkBudget(static_cast<uint64_t>(units));
  }

  /// Records `units` of work; false once the budget is used up.
  bool spend(uint64_t units) {
    used = units > UINT64_MAX - used ? UINT64_MAX : used + units;
    return used <= limit;
  }
  bool exhausted() const { return used >= limit; }
  uint64_t remaining() const { return used >= limit ? 0 : limit - used; }
  uint64_t spent() const { return used; }
  /// Ends the budget now (a phase that must stop).
  void stop() { limit = used; }

private:
  uint64_t limit;
  uint64_t used = 0;
};

/// Iterated skyline: from the best plan's priorities, restarts with seeded
/// random perturbations of them and keeps what is not worse, until the
/// budget is spent, the plan meets `target` or `restarts` are done (0: no
/// limit). Deterministic for a given budget. Returns the best offsets.
std::vector<uint64_t> improveBySkylineRestarts(const ItemProblem &problem,
                                               std::vector<uint64_t> offsets,
                                               uint64_t target,
                                               WorkBudget &budget);

struct ExactResult {
  std::vector<uint64_t> offsets; ///< Empty if no plan was found.
  bool complete = false;         ///< The search space was exhausted.
};

/// Branch-and-bound search for a plan with peak < `upperBound`, the peak of
/// a known plan. Without a capacity it minimises the peak (`complete`: the
/// plan found, or the known one, is optimal); with one it stops at the first
/// plan within it (`complete` without a plan: none exists).
ExactResult searchExact(const ItemProblem &problem, uint64_t lowerBound,
                        uint64_t upperBound, WorkBudget &budget);

/// Pairs of items that overlap in time: what the exact search and the
/// gap-filling heuristics cost grows with it.
uint64_t countOverlaps(const ItemProblem &problem);

} // namespace detail
} // namespace planner
} // namespace memplan
} // namespace mlir

#endif // MEMPLAN_LIB_PLANNER_PLANNERIMPL_H
