//===- Exact.cpp - Branch-and-bound offset search -------------------------===//
//
// A complete search in the spirit of MiniMalloc (Moffitt, ASPLOS 2023):
//
//  * Canonical plans. Every plan can be pushed down until each buffer rests
//    on offset 0 or on a buffer below it. Listing such a plan by offset, each
//    buffer sits exactly at the highest top of the buffers listed before it
//    that overlap it in time (its "minimum offset"). The search therefore
//    builds plans in non-decreasing offset order and never tries any other
//    offset; equal offsets are taken in a fixed priority order.
//  * Dominance. Placing a buffer at an offset at or above the minimum top of
//    another unplaced buffer leaves a hole that buffer would fill, so such
//    plans are skipped: the one with the hole filled is also canonical.
//  * Section inference. Time is cut into sections between lifetime events.
//    In each section the unplaced buffers will stack above the section's
//    floor, so floor + their total size bounds the peak. The floor is at
//    least the smallest minimum offset of those buffers.
//  * Decomposition. When no unplaced buffer crosses a section boundary any
//    more, the two sides are independent and are solved one after the other.
//
// `searchExact` minimises the peak by asking this decision procedure for a
// plan within decreasing capacities.
//
//===----------------------------------------------------------------------===//

#include "PlannerImpl.h"

#include <algorithm>
#include <numeric>

using namespace memplan::planner;
using namespace memplan::planner::detail;

namespace {

constexpr uint64_t kUnplaced = UINT64_MAX;

enum class Status { Found, NotFound, Aborted };

/// A set of unplaced items confined to a range of sections.
struct Partition {
  std::vector<size_t> items;
  size_t sectionLo = 0, sectionHi = 0;
};

class DecisionSearch {
public:
  DecisionSearch(const ItemProblem &problem, const SolveOptions &options,
                 const Deadline &deadline, uint64_t &nodes)
      : problem(problem), items(problem.items), options(options),
        deadline(deadline), nodes(nodes) {
    buildSections();
    buildPriorities();
    for (const Item &item : items)
      hasFixed |= item.fixedOffset.has_value();
  }

  /// Looks for a plan with peak <= capacity. On Found, `offsets()` holds it.
  Status run(uint64_t capacity) {
    this->capacity = capacity;
    const size_t n = items.size();
    offset.assign(n, kUnplaced);
    solution.assign(n, kUnplaced);
    minOffset.assign(n, 0);
    floor.assign(sections, 0);
    remaining.assign(sections, 0);
    cuts.assign(sections, 0);
    sectionStamp.assign(sections, 0);
    stamp = 0;
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
    // Time ranges that no item crosses are independent problems.
    Partition all;
    all.items.resize(n);
    std::iota(all.items.begin(), all.items.end(), 0);
    all.sectionLo = 0;
    all.sectionHi = sections;
    return solveSplit(all, 0, sections);
  }

  const std::vector<uint64_t> &offsets() const { return solution; }

private:
  void buildSections() {
    std::vector<uint64_t> times;
    for (const Item &item : items) {
      times.push_back(item.start);
      times.push_back(item.end);
    }
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    sections = times.empty() ? 0 : times.size() - 1;
    sectionItems.assign(sections, {});
    sectionLo.resize(items.size());
    sectionHi.resize(items.size());
    for (size_t i = 0; i < items.size(); ++i) {
      sectionLo[i] = std::lower_bound(times.begin(), times.end(),
                                      items[i].start) - times.begin();
      sectionHi[i] = std::lower_bound(times.begin(), times.end(),
                                      items[i].end) - times.begin();
      for (size_t s = sectionLo[i]; s < sectionHi[i]; ++s)
        sectionItems[s].push_back(i);
    }
    overlaps.assign(items.size(), {});
    for (size_t i = 0; i < items.size(); ++i)
      for (size_t j = i + 1; j < items.size(); ++j)
        if (overlapInTime(items[i], items[j])) {
          overlaps[i].push_back(j);
          overlaps[j].push_back(i);
        }
  }

  /// Static priority among buffers at the same offset: those in the most
  /// crowded sections first, then larger, then longer.
  void buildPriorities() {
    std::vector<uint64_t> total(sections, 0);
    for (size_t i = 0; i < items.size(); ++i)
      for (size_t s = sectionLo[i]; s < sectionHi[i]; ++s)
        total[s] += items[i].size;
    std::vector<uint64_t> crowd(items.size(), 0);
    for (size_t i = 0; i < items.size(); ++i)
      for (size_t s = sectionLo[i]; s < sectionHi[i]; ++s)
        crowd[i] = std::max(crowd[i], total[s]);
    std::vector<size_t> order(items.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      if (crowd[a] != crowd[b])
        return crowd[a] > crowd[b];
      if (items[a].size != items[b].size)
        return items[a].size > items[b].size;
      const uint64_t la = items[a].end - items[a].start;
      const uint64_t lb = items[b].end - items[b].start;
      if (la != lb)
        return la > lb;
      return a < b;
    });
    priority.resize(items.size());
    for (size_t rank = 0; rank < order.size(); ++rank)
      priority[order[rank]] = rank;
  }

  /// The offset an unplaced item would take now.
  uint64_t candidateOffset(size_t i) const {
    return items[i].fixedOffset ? *items[i].fixedOffset : minOffset[i];
  }

  /// Solves the unplaced items of `part` between `lo` and `hi`, splitting at
  /// every section boundary no unplaced item crosses.
  Status solveSplit(const Partition &part, size_t lo, size_t hi) {
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
      if (sub.items.empty())
        continue;
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

  Status search(const Partition &part, uint64_t lastOffset,
                size_t lastPriority) {
    if (options.nodeLimit && nodes >= options.nodeLimit)
      return Status::Aborted;
    if ((nodes & 255) == 0 && deadline.expired())
      return Status::Aborted;
    ++nodes;

    struct Choice {
      uint64_t offset;
      size_t priority;
      size_t item;
    };
    std::vector<Choice> choices;
    uint64_t minTop = UINT64_MAX;
    for (size_t i : part.items) {
      if (offset[i] != kUnplaced)
        continue;
      choices.push_back({candidateOffset(i), priority[i], i});
      if (!items[i].fixedOffset)
        minTop = std::min(minTop, minOffset[i] + items[i].size);
    }
    if (choices.empty())
      return Status::Found;
    std::sort(choices.begin(), choices.end(),
              [](const Choice &a, const Choice &b) {
                return a.offset < b.offset ||
                       (a.offset == b.offset && a.priority < b.priority);
              });

    for (const Choice &choice : choices) {
      const size_t i = choice.item;
      if (choice.offset < lastOffset ||
          (choice.offset == lastOffset && choice.priority < lastPriority))
        continue;
      // An unplaced buffer fits entirely below: the hole-free plan exists.
      if (!hasFixed && choice.offset >= minTop)
        break;
      if (choice.offset + items[i].size > capacity)
        continue;
      if (items[i].fixedOffset && minOffset[i] > *items[i].fixedOffset)
        return Status::NotFound;

      const size_t floorMark = floorLog.size(), minMark = minLog.size();
      const bool consistent = place(i, choice.offset, part);
      Status status = Status::NotFound;
      if (consistent) {
        // Decompose when this placement removed the last crossing item.
        bool split = false;
        for (size_t s = sectionLo[i]; s + 1 < sectionHi[i]; ++s)
          split |= cuts[s] == 0;
        status = split ? solveSplit(part, part.sectionLo, part.sectionHi)
                       : search(part, choice.offset, choice.priority);
      }
      unplace(i, floorMark, minMark);
      if (status != Status::NotFound)
        return status;
    }
    return Status::NotFound;
  }

  /// Places item i at `at`; returns false if the partial plan cannot be
  /// completed within the capacity.
  bool place(size_t i, uint64_t at, const Partition &part) {
    const Item &item = items[i];
    const uint64_t top = at + item.size;
    offset[i] = at;
    solution[i] = at;
    bool consistent = true;
    affected.clear();
    ++stamp;
    for (size_t j : overlaps[i]) {
      if (offset[j] != kUnplaced || minOffset[j] >= top)
        continue;
      minLog.push_back({j, minOffset[j]});
      minOffset[j] = alignUp(top, items[j].alignment);
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
    // Unplaced buffers of a section start no lower than their minimum.
    for (size_t s : affected) {
      uint64_t lowest = UINT64_MAX;
      for (size_t j : sectionItems[s])
        if (offset[j] == kUnplaced)
          lowest = std::min(lowest, candidateOffset(j));
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
      minLog.pop_back();
    }
    for (size_t s = sectionLo[i]; s < sectionHi[i]; ++s)
      remaining[s] += item.size;
    for (size_t s = sectionLo[i]; s + 1 < sectionHi[i]; ++s)
      ++cuts[s];
    offset[i] = kUnplaced;
  }

  const ItemProblem &problem;
  const std::vector<Item> &items;
  const SolveOptions &options;
  const Deadline &deadline;
  uint64_t &nodes;
  bool hasFixed = false;
  uint64_t capacity = 0;

  size_t sections = 0;
  std::vector<std::vector<size_t>> sectionItems;
  std::vector<size_t> sectionLo, sectionHi;
  std::vector<std::vector<size_t>> overlaps;
  std::vector<size_t> priority;

  std::vector<uint64_t> offset, solution, minOffset;
  std::vector<uint64_t> floor, remaining, cuts;
  std::vector<Change> floorLog, minLog;
  /// Sections whose floor may rise after a placement, each listed once.
  std::vector<size_t> affected;
  std::vector<uint64_t> sectionStamp;
  uint64_t stamp = 0;
};

} // namespace

ExactResult detail::searchExact(const ItemProblem &problem,
                                uint64_t lowerBound, uint64_t upperBound,
                                const SolveOptions &options) {
  ExactResult result;
  const Deadline deadline(options.timeLimitSeconds);
  DecisionSearch search(problem, options, deadline, result.nodes);

  // Decision mode: any plan within the capacity will do. `complete` with no
  // plan proves that none exists.
  if (problem.capacity) {
    Status status = search.run(std::min(*problem.capacity, upperBound - 1));
    if (status == Status::Found)
      result.offsets = search.offsets();
    result.complete = status != Status::Aborted;
    return result;
  }

  // Minimisation: the bound first (often met on real problems), then
  // tighten the best known plan one step at a time.
  uint64_t best = upperBound;
  for (uint64_t target = lowerBound; target < best;) {
    Status status = search.run(target);
    if (status == Status::Aborted)
      return result;
    if (status == Status::Found) {
      result.offsets = search.offsets();
      best = itemPeak(problem, result.offsets);
      if (target == lowerBound) {
        result.complete = true;
        return result;
      }
      target = best - 1;
      continue;
    }
    if (target == lowerBound) {
      // The bound is out of reach; descend from the incumbent instead.
      target = best - 1;
      if (target == lowerBound)
        break;
      continue;
    }
    break; // No plan within target: `best` is optimal.
  }
  result.complete = true;
  return result;
}
