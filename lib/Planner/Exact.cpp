//===- Exact.cpp - Branch-and-bound offset search -------------------------===//
//
// A complete search built on the ideas of MiniMalloc (Moffitt, ASPLOS 2023):
//
//  * Canonical plans. Every plan can be pushed down until each buffer rests
//    on offset 0 or on a buffer below it. Listing such a plan by offset, each
//    buffer sits exactly at the highest top of the buffers listed before it
//    that overlap it in time (its "minimum offset"). The search builds plans
//    in non-decreasing offset order and tries no other offset; buffers at
//    the same offset are taken in a fixed priority order.
//  * Dominance. Placing a buffer at or above the minimum top of another
//    unplaced buffer leaves a hole that buffer fits in; the plan with the
//    hole filled is canonical too, so such placements are skipped.
//  * Independent buffers. A buffer that overlaps no unplaced buffer in time
//    ("hatless") constrains nothing: if the search fails after placing it,
//    it fails whatever is placed first.
//  * Section inference. Sections are the sets of buffers live together just
//    before some buffer dies (the maximal cliques of the interval graph). In
//    each section the unplaced buffers will stack above the section's floor,
//    which is at least the lowest minimum offset among them: floor plus
//    their total size bounds the peak.
//  * Decomposition. When no unplaced buffer crosses a section boundary any
//    more, the two sides are solved independently, one after the other.
//  * Restarts. The priority order matters a lot; several orders are tried
//    in turn with a node budget that doubles each round, so one bad order
//    does not stall the search.
//
// `searchExact` answers the decision question for a capacity, or minimises
// the peak by asking it for decreasing capacities.
//
//===----------------------------------------------------------------------===//

#include "PlannerImpl.h"

#include <algorithm>
#include <array>
#include <numeric>
#include <queue>

using namespace mlir::memplan::planner;
using namespace mlir::memplan::planner::detail;

namespace {

constexpr uint64_t kUnplaced = UINT64_MAX;

enum class Status {
  Found,     ///< A plan within the capacity; `offsets()` holds it.
  NotFound,  ///< The whole search space holds no such plan.
  OutOfNodes,///< The node budget (of a round, or of a whole run) ran out.
  Stopped,   ///< The caller's time or node limit ran out.
};

/// Unplaced items confined to a range of sections.
struct Partition {
  std::vector<size_t> items;
  size_t sectionLo = 0, sectionHi = 0;
};

/// Priority orders tried in turn: keys compared in sequence, larger first.
enum class Key { Width, Area, Total, Size };
const std::array<std::array<Key, 3>, 3> kPriorityOrders = {{
    {Key::Width, Key::Area, Key::Total},
    {Key::Total, Key::Area, Key::Width},
    {Key::Total, Key::Width, Key::Area},
}};

class DecisionSearch {
public:
  DecisionSearch(const ItemProblem &problem, WorkBudget &budget)
      : items(problem.items), budget(budget) {
    buildSections();
    buildPriorities();
    for (const Item &item : items)
      hasFixed |= item.fixedOffset.has_value();
  }

  /// Looks for a plan with peak <= capacity: Found, NotFound (proven),
  /// OutOfNodes after `runNodes` nodes (0: no such limit) or once the budget
  /// has spent `stopAtWork`, or Stopped when the budget is used up.
  Status run(uint64_t capacity, uint64_t runNodes = 0,
             uint64_t stopAtWork = UINT64_MAX) {
    this->capacity = capacity;
    runNodesLeft = runNodes ? runNodes : UINT64_MAX;
    runWorkLimit = stopAtWork;
    const size_t n = items.size();
    offset.assign(n, kUnplaced);
    solution.assign(n, kUnplaced);
    minOffset.assign(n, 0);
    candidate.resize(n);
    for (size_t i = 0; i < n; ++i)
      refreshCandidate(i);
    floor.assign(sections, 0);
    remaining.assign(sections, 0);
    cuts.assign(sections, 0);
    sectionStamp.assign(sections, 0);
    for (size_t i = 0; i < n; ++i) {
      if (items[i].size > capacity ||
          (items[i].fixedOffset &&
           *items[i].fixedOffset + items[i].size > capacity))
        return Status::NotFound;
      for (size_t s = sectionLo[i]; s < sectionHi[i]; ++s)
        remaining[s] += items[i].size;
      for (size_t s = sectionLo[i]; s + 1 < sectionHi[i]; ++s)
        ++cuts[s];
    }
    // Each time range that no item crosses is an independent problem.
    Partition all;
    all.items.resize(n);
    std::iota(all.items.begin(), all.items.end(), 0);
    all.sectionHi = sections;
    for (Partition &component : split(all, 0, sections)) {
      Status status = solveWithRestarts(component);
      if (status != Status::Found)
        return status;
    }
    return Status::Found;
  }

  const std::vector<uint64_t> &offsets() const { return solution; }

private:
  //===--------------------------------------------------------------------===//
  // Static data
  //===--------------------------------------------------------------------===//

  void buildSections() {
    const size_t n = items.size();
    struct Event {
      uint64_t time;
      bool ends;
      size_t item;
    };
    std::vector<Event> events;
    events.reserve(2 * n);
    for (size_t i = 0; i < n; ++i) {
      events.push_back({items[i].start, false, i});
      events.push_back({items[i].end, true, i});
    }
    // At one moment, deaths come before births (lifetimes are half-open).
    std::sort(events.begin(), events.end(), [](const Event &a, const Event &b) {
      if (a.time != b.time)
        return a.time < b.time;
      if (a.ends != b.ends)
        return a.ends;
      return a.item < b.item;
    });
    sectionLo.assign(n, 0);
    sectionHi.assign(n, 0);
    std::vector<size_t> active;
    std::vector<size_t> positionInActive(n, 0);
    uint64_t lastSnapshot = UINT64_MAX;
    for (const Event &event : events) {
      if (event.ends) {
        // Just before the first death at a moment, the live set is maximal.
        if (event.time != lastSnapshot) {
          sectionItems.push_back(active);
          lastSnapshot = event.time;
        }
        sectionHi[event.item] = sectionItems.size();
        size_t at = positionInActive[event.item];
        positionInActive[active.back()] = at;
        active[at] = active.back();
        active.pop_back();
      } else {
        sectionLo[event.item] = sectionItems.size();
        positionInActive[event.item] = active.size();
        active.push_back(event.item);
      }
    }
    sections = sectionItems.size();
    overlaps.assign(n, {});
    for (size_t i = 0; i < n; ++i)
      for (size_t j = i + 1; j < n; ++j)
        if (overlapInTime(items[i], items[j])) {
          overlaps[i].push_back(j);
          overlaps[j].push_back(i);
        }
  }

  void buildPriorities() {
    const size_t n = items.size();
    std::vector<uint64_t> sectionTotal(sections, 0);
    for (size_t i = 0; i < n; ++i)
      for (size_t s = sectionLo[i]; s < sectionHi[i]; ++s)
        sectionTotal[s] += items[i].size;
    std::vector<uint64_t> total(n, 0);
    for (size_t i = 0; i < n; ++i)
      for (size_t s = sectionLo[i]; s < sectionHi[i]; ++s)
        total[i] = std::max(total[i], sectionTotal[s]);
    auto keyOf = [&](Key key, size_t i) -> long double {
      const long double width = items[i].end - items[i].start;
      switch (key) {
      case Key::Width:
        return width;
      case Key::Area:
        return width * items[i].size;
      case Key::Total:
        return total[i];
      case Key::Size:
        return items[i].size;
      }
      return 0;
    };
    for (const std::array<Key, 3> &keys : kPriorityOrders) {
      std::vector<size_t> order(n);
      std::iota(order.begin(), order.end(), 0);
      std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        for (Key key : keys) {
          long double ka = keyOf(key, a), kb = keyOf(key, b);
          if (ka != kb)
            return ka > kb;
        }
        return a < b;
      });
      std::vector<size_t> rank(n);
      for (size_t r = 0; r < n; ++r)
        rank[order[r]] = r;
      ranks.push_back(std::move(rank));
    }
  }

  //===--------------------------------------------------------------------===//
  // Search
  //===--------------------------------------------------------------------===//

  /// The offset an unplaced item would take now.
  uint64_t candidateOffset(size_t i) const {
    return items[i].fixedOffset ? *items[i].fixedOffset : minOffset[i];
  }

  /// Keeps `candidate` in step with `offset` and `minOffset`: placed items
  /// read as "never", so section minima need no test for them.
  void refreshCandidate(size_t i) {
    candidate[i] = offset[i] != kUnplaced ? kUnplaced : candidateOffset(i);
  }

  /// The parts of `part` between `lo` and `hi` that no unplaced item
  /// connects.
  std::vector<Partition> split(const Partition &part, size_t lo, size_t hi) {
    std::vector<Partition> parts;
    size_t begin = lo;
    for (size_t s = lo; s < hi; ++s) {
      if (s + 1 < hi && cuts[s] != 0)
        continue;
      Partition sub;
      sub.sectionLo = begin;
      sub.sectionHi = s + 1;
      for (size_t i : part.items)
        if (offset[i] == kUnplaced && sectionLo[i] < sub.sectionHi &&
            sectionHi[i] > sub.sectionLo)
          sub.items.push_back(i);
      begin = s + 1;
      if (!sub.items.empty())
        parts.push_back(std::move(sub));
    }
    return parts;
  }

  /// Solves one independent part, trying the priority orders in turn with a
  /// node budget that doubles each round.
  Status solveWithRestarts(const Partition &part) {
    uint64_t budget = part.items.size();
    for (;;) {
      budget *= 2;
      for (size_t order = 0; order < ranks.size(); ++order) {
        if (runNodesLeft == 0)
          return Status::OutOfNodes;
        rank = &ranks[order];
        nodesLeft = std::min(budget, runNodesLeft);
        uint64_t before = nodesLeft;
        Status status = search(part, 0, 0);
        runNodesLeft -= before - nodesLeft;
        if (status != Status::OutOfNodes)
          return status;
      }
    }
  }

  Status solveParts(const Partition &part) {
    for (Partition &sub : split(part, part.sectionLo, part.sectionHi)) {
      Status status = search(sub, 0, 0);
      if (status != Status::Found)
        return status;
    }
    return Status::Found;
  }

  struct Change {
    size_t index;
    uint64_t value;
  };

  Status search(const Partition &part, uint64_t lastOffset, size_t lastRank) {
    // The work of a node is the number of items, sections and overlaps it
    // visits (counted in `steps` by place()), scaled to budget units.
    steps += part.items.size();
    if (!budget.spend(1 + steps / kStepsPerUnit))
      return Status::Stopped;
    steps %= kStepsPerUnit;
    if (budget.spent() >= runWorkLimit)
      runNodesLeft = nodesLeft = 0;
    if (nodesLeft == 0)
      return Status::OutOfNodes;
    --nodesLeft;

    struct Choice {
      uint64_t offset;
      size_t rank;
      size_t item;
    };
    std::vector<Choice> choices;
    uint64_t minTop = UINT64_MAX;
    for (size_t i : part.items) {
      if (offset[i] != kUnplaced)
        continue;
      choices.push_back({candidateOffset(i), (*rank)[i], i});
      if (!items[i].fixedOffset)
        minTop = std::min(minTop, minOffset[i] + items[i].size);
    }
    if (choices.empty())
      return Status::Found;
    std::sort(choices.begin(), choices.end(),
              [](const Choice &a, const Choice &b) {
                return a.offset < b.offset ||
                       (a.offset == b.offset && a.rank < b.rank);
              });

    for (const Choice &choice : choices) {
      const size_t i = choice.item;
      if (choice.offset < lastOffset ||
          (choice.offset == lastOffset && choice.rank < lastRank))
        continue;
      // An unplaced item fits entirely below: the hole-free plan exists.
      if (!hasFixed && choice.offset >= minTop)
        break;
      if (choice.offset + items[i].size > capacity)
        continue;
      if (items[i].fixedOffset && minOffset[i] > *items[i].fixedOffset)
        return Status::NotFound;

      const size_t floorMark = floorLog.size(), minMark = minLog.size();
      bool hatless = true;
      const bool consistent = place(i, choice.offset, part, hatless);
      Status status = Status::NotFound;
      if (consistent) {
        // Decompose when this placement removed the last crossing item.
        bool separated = false;
        for (size_t s = sectionLo[i]; s + 1 < sectionHi[i]; ++s)
          separated |= cuts[s] == 0;
        status = separated ? solveParts(part)
                           : search(part, choice.offset, choice.rank);
      }
      unplace(i, floorMark, minMark);
      if (status != Status::NotFound || hatless)
        return status;
    }
    return Status::NotFound;
  }

  /// Places item i at `at`; returns false if the partial plan cannot be
  /// completed within the capacity. `hatless` tells whether no unplaced item
  /// overlaps i.
  bool place(size_t i, uint64_t at, const Partition &part, bool &hatless) {
    const Item &item = items[i];
    const uint64_t top = at + item.size;
    offset[i] = at;
    solution[i] = at;
    refreshCandidate(i);
    bool consistent = true;
    steps += overlaps[i].size() + (sectionHi[i] - sectionLo[i]) +
             (part.sectionHi - part.sectionLo);
    affected.clear();
    ++stamp;
    for (size_t j : overlaps[i]) {
      if (offset[j] != kUnplaced)
        continue;
      hatless = false;
      if (minOffset[j] >= top)
        continue;
      minLog.push_back({j, minOffset[j]});
      minOffset[j] = alignUp(top, items[j].alignment);
      refreshCandidate(j);
      if (items[j].fixedOffset && minOffset[j] > *items[j].fixedOffset)
        consistent = false;
      if (minOffset[j] + items[j].size > capacity)
        consistent = false;
      for (size_t s = sectionLo[j]; s < sectionHi[j]; ++s)
        if (sectionStamp[s] != stamp) {
          sectionStamp[s] = stamp;
          affected.push_back(s);
        }
    }
    for (size_t s = sectionLo[i]; s < sectionHi[i]; ++s) {
      floorLog.push_back({s, floor[s]});
      floor[s] = top;
      remaining[s] -= item.size;
    }
    for (size_t s = sectionLo[i]; s + 1 < sectionHi[i]; ++s)
      --cuts[s];
    // Unplaced items of a section start no lower than their minimum.
    for (size_t s : affected) {
      uint64_t lowest = UINT64_MAX;
      for (size_t j : sectionItems[s]) {
        ++steps;
        lowest = std::min(lowest, candidate[j]);
        if (lowest <= floor[s])
          break; // The floor cannot rise.
      }
      if (lowest != UINT64_MAX && floor[s] < lowest) {
        floorLog.push_back({s, floor[s]});
        floor[s] = lowest;
      }
    }
    if (!consistent)
      return false;
    for (size_t s = part.sectionLo; s < part.sectionHi; ++s)
      if (remaining[s] != 0 && std::max(floor[s], at) + remaining[s] > capacity)
        return false;
    return true;
  }

  void unplace(size_t i, size_t floorMark, size_t minMark) {
    const Item &item = items[i];
    while (floorLog.size() > floorMark) {
      floor[floorLog.back().index] = floorLog.back().value;
      floorLog.pop_back();
    }
    while (minLog.size() > minMark) {
      minOffset[minLog.back().index] = minLog.back().value;
      refreshCandidate(minLog.back().index);
      minLog.pop_back();
    }
    for (size_t s = sectionLo[i]; s < sectionHi[i]; ++s)
      remaining[s] += item.size;
    for (size_t s = sectionLo[i]; s + 1 < sectionHi[i]; ++s)
      ++cuts[s];
    offset[i] = kUnplaced;
    refreshCandidate(i);
  }

  /// Visits of items, sections and overlaps that cost one budget unit (a
  /// unit is calibrated on a skyline placement step).
  static constexpr uint64_t kStepsPerUnit = 128;

  const std::vector<Item> &items;
  WorkBudget &budget;
  uint64_t steps = 0;
  bool hasFixed = false;
  uint64_t capacity = 0;

  size_t sections = 0;
  std::vector<std::vector<size_t>> sectionItems;
  std::vector<size_t> sectionLo, sectionHi;
  std::vector<std::vector<size_t>> overlaps;
  std::vector<std::vector<size_t>> ranks;
  const std::vector<size_t> *rank = nullptr;
  uint64_t nodesLeft = 0, runNodesLeft = 0;
  uint64_t runWorkLimit = UINT64_MAX;

  std::vector<uint64_t> offset, solution, minOffset, candidate;
  std::vector<uint64_t> floor, remaining, cuts;
  std::vector<Change> floorLog, minLog;
  /// Sections whose floor may rise after a placement, each listed once.
  std::vector<size_t> affected;
  std::vector<uint64_t> sectionStamp;
  uint64_t stamp = 0;
};

} // namespace

uint64_t detail::countOverlaps(const ItemProblem &problem) {
  std::vector<std::pair<uint64_t, uint64_t>> byStart;
  for (const Item &item : problem.items)
    byStart.push_back({item.start, item.end});
  std::sort(byStart.begin(), byStart.end());
  std::priority_queue<uint64_t, std::vector<uint64_t>, std::greater<uint64_t>>
      ends;
  uint64_t pairs = 0;
  for (const auto &[start, end] : byStart) {
    while (!ends.empty() && ends.top() <= start)
      ends.pop();
    pairs += ends.size();
    ends.push(end);
  }
  return pairs;
}

ExactResult detail::searchExact(const ItemProblem &problem,
                                uint64_t lowerBound, uint64_t upperBound,
                                WorkBudget &budget) {
  ExactResult result;
  DecisionSearch search(problem, budget);

  // Decision mode: any plan within the capacity will do. `complete` with no
  // plan proves that none exists.
  if (problem.capacity) {
    Status status = search.run(std::min(*problem.capacity, upperBound - 1));
    if (status == Status::Found)
      result.offsets = search.offsets();
    result.complete = status != Status::Stopped;
    return result;
  }

  // Minimisation. Real problems, and most hard ones, have a plan at the
  // lower bound, and a tight capacity is when the search prunes best: half
  // of the budget goes to the bound. If that fails, the peak is bisected
  // between what is proven and the best plan, each attempt with a node
  // budget; an attempt that runs out only says "not yet", so when the open
  // range is used up the budget grows and the range reopens down to what
  // is proven.
  uint64_t best = upperBound;
  uint64_t proven = lowerBound; // No plan below this exists.
  {
    Status status = search.run(lowerBound, 0,
                               budget.spent() + budget.remaining() / 2);
    if (status == Status::Stopped)
      return result;
    if (status == Status::Found) {
      result.offsets = search.offsets();
      result.complete = true;
      return result;
    }
    if (status == Status::NotFound)
      proven = lowerBound + 1;
  }
  uint64_t low = proven; // Lowest target still worth trying now.
  uint64_t attemptNodes = 64 * problem.items.size() + 1024;
  while (proven < best) {
    if (low >= best) {
      low = proven;
      attemptNodes *= 4;
    }
    const uint64_t target = low + (best - 1 - low) / 2;
    Status status = search.run(target, attemptNodes);
    if (status == Status::Stopped)
      return result;
    if (status == Status::Found) {
      result.offsets = search.offsets();
      best = itemPeak(problem, result.offsets);
    } else if (status == Status::NotFound) {
      proven = low = target + 1;
    } else {
      low = target + 1;
    }
  }
  result.complete = true;
  return result;
}
