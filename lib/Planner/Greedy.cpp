//===- Greedy.cpp - Greedy placement heuristics ---------------------------===//
//
// Every heuristic is an order plus a fit rule: items are placed one by one,
// each into a free address range left by the already placed items that are
// live at the same time. A free range is whatever lies between those items,
// so a buffer naturally spans several adjacent free blocks, and a buffer that
// fits nowhere grows the arena at the top.
//
//===----------------------------------------------------------------------===//

#include "PlannerImpl.h"

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace mlir::memplan::planner;
using namespace mlir::memplan::planner::detail;

namespace {

/// The placed items, searchable by time overlap. Items sit in start order in
/// the leaves of a complete binary tree whose nodes hold the latest end of a
/// placed item below them, so a query only descends into subtrees that can
/// hold an overlapping item: O(log n) per reported item.
class PlacedIndex {
public:
  explicit PlacedIndex(const std::vector<Item> &items) : items(items) {
    const size_t n = items.size();
    byStart.resize(n);
    std::iota(byStart.begin(), byStart.end(), 0);
    std::sort(byStart.begin(), byStart.end(), [&](size_t a, size_t b) {
      return items[a].start < items[b].start ||
             (items[a].start == items[b].start && a < b);
    });
    leafOf.resize(n);
    starts.resize(n);
    for (size_t pos = 0; pos < n; ++pos) {
      leafOf[byStart[pos]] = pos;
      starts[pos] = items[byStart[pos]].start;
    }
    while (leaves < n)
      leaves <<= 1;
    latestEnd.assign(2 * leaves, 0);
  }

  void insert(size_t item) {
    const uint64_t end = items[item].end;
    for (size_t node = leaves + leafOf[item]; node >= 1 && latestEnd[node] < end;
         node >>= 1)
      latestEnd[node] = end;
  }

  /// Calls `fn(item)` for every placed item live at a moment of [start, end).
  template <typename Fn>
  void forEachOverlap(uint64_t start, uint64_t end, Fn fn) {
    // Only items that start before `end` can overlap: a prefix of the leaves.
    const size_t limit =
        std::lower_bound(starts.begin(), starts.end(), end) - starts.begin();
    if (limit == 0)
      return;
    stack.clear();
    stack.push_back({1, 0, leaves});
    while (!stack.empty()) {
      auto [node, lo, hi] = stack.back();
      stack.pop_back();
      if (lo >= limit || latestEnd[node] <= start)
        continue;
      if (node >= leaves) {
        fn(byStart[node - leaves]);
        continue;
      }
      const size_t mid = (lo + hi) / 2;
      stack.push_back({2 * node + 1, mid, hi});
      stack.push_back({2 * node, lo, mid});
    }
  }

private:
  struct Frame {
    size_t node, lo, hi;
  };
  const std::vector<Item> &items;
  std::vector<size_t> byStart;
  std::vector<size_t> leafOf;
  std::vector<uint64_t> starts;
  size_t leaves = 1;
  std::vector<uint64_t> latestEnd;
  std::vector<Frame> stack;
};

/// Picks an offset for `size` bytes given the address ranges `taken` (sorted
/// by start) by items live at the same time.
uint64_t chooseOffset(const std::vector<std::pair<uint64_t, uint64_t>> &taken,
                      uint64_t size, uint64_t alignment, FitRule rule) {
  uint64_t cursor = 0;
  std::optional<uint64_t> best;
  uint64_t bestGap = UINT64_MAX;
  for (const auto &[lo, hi] : taken) {
    if (lo > cursor) {
      const uint64_t candidate = alignUp(cursor, alignment);
      if (candidate + size <= lo) {
        if (rule == FitRule::First)
          return candidate;
        const uint64_t gap = lo - cursor;
        if (gap < bestGap) {
          bestGap = gap;
          best = candidate;
        }
      }
    }
    cursor = std::max(cursor, hi);
  }
  return best ? *best : alignUp(cursor, alignment);
}

/// For every item, the largest total size live at one moment of its lifetime.
std::vector<uint64_t> contentionOf(const std::vector<Item> &items) {
  const TimeSlots slots(items);
  // Unsigned: additions and subtractions wrap, and every running total (a
  // sum of sizes, within kMaxBytes for a checked problem) comes out right.
  std::vector<uint64_t> delta(slots.count() + 1, 0);
  for (size_t i = 0; i < items.size(); ++i) {
    delta[slots.lo[i]] += items[i].size;
    delta[slots.hi[i]] -= items[i].size;
  }
  // live[k]: total size live on [times[k], times[k+1]).
  const size_t segments = slots.count();
  std::vector<std::vector<uint64_t>> table(1, std::vector<uint64_t>(segments));
  uint64_t running = 0;
  for (size_t k = 0; k < segments; ++k) {
    running += delta[k];
    table[0][k] = running;
  }
  // Sparse table for range maxima.
  for (size_t width = 1; 2 * width <= segments; width *= 2) {
    const std::vector<uint64_t> &prev = table.back();
    std::vector<uint64_t> next(segments - 2 * width + 1);
    for (size_t k = 0; k < next.size(); ++k)
      next[k] = std::max(prev[k], prev[k + width]);
    table.push_back(std::move(next));
  }
  std::vector<uint64_t> result(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    const size_t lo = slots.lo[i], hi = slots.hi[i];
    const size_t level = static_cast<size_t>(std::log2(hi - lo));
    result[i] = std::max(table[level][lo], table[level][hi - (size_t(1) << level)]);
  }
  return result;
}

} // namespace

std::vector<uint64_t> detail::placeGreedy(const ItemProblem &problem,
                                          const std::vector<size_t> &order,
                                          FitRule rule) {
  const std::vector<Item> &items = problem.items;
  std::vector<uint64_t> offsets(items.size(), 0);
  PlacedIndex index(items);
  for (size_t i : order) {
    if (items[i].fixedOffset) {
      offsets[i] = *items[i].fixedOffset;
      index.insert(i);
    }
  }
  std::vector<std::pair<uint64_t, uint64_t>> taken;
  for (size_t i : order) {
    const Item &item = items[i];
    if (item.fixedOffset || item.size == 0)
      continue;
    taken.clear();
    index.forEachOverlap(item.start, item.end, [&](size_t other) {
      if (items[other].size != 0)
        taken.push_back({offsets[other], offsets[other] + items[other].size});
    });
    std::sort(taken.begin(), taken.end());
    offsets[i] = chooseOffset(taken, item.size, item.alignment, rule);
    index.insert(i);
  }
  return offsets;
}

FitRule detail::heuristicFitRule(Strategy strategy) {
  return strategy == Strategy::FirstFit ? FitRule::First : FitRule::Best;
}

std::vector<size_t> detail::heuristicOrder(const ItemProblem &problem,
                                           Strategy strategy) {
  const std::vector<Item> &items = problem.items;
  std::vector<size_t> order(items.size());
  std::iota(order.begin(), order.end(), 0);
  auto length = [&](size_t i) { return items[i].end - items[i].start; };
  // Every comparator ends with the index so that the order is total and the
  // plan deterministic. More strictly aligned items go first (after the
  // start, for first-fit): placed later, they waste padding below them.
  auto byAlignment = [&](size_t a, size_t b) -> std::optional<bool> {
    if (items[a].alignment != items[b].alignment)
      return items[a].alignment > items[b].alignment;
    return std::nullopt;
  };
  switch (strategy) {
  case Strategy::FirstFit:
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      if (items[a].start != items[b].start)
        return items[a].start < items[b].start;
      if (std::optional<bool> aligned = byAlignment(a, b))
        return *aligned;
      if (items[a].size != items[b].size)
        return items[a].size > items[b].size;
      return a < b;
    });
    break;
  case Strategy::LongestFirst:
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      if (std::optional<bool> aligned = byAlignment(a, b))
        return *aligned;
      if (length(a) != length(b))
        return length(a) > length(b);
      if (items[a].size != items[b].size)
        return items[a].size > items[b].size;
      return a < b;
    });
    break;
  case Strategy::AreaFirst:
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      if (std::optional<bool> aligned = byAlignment(a, b))
        return *aligned;
      const long double areaA = (long double)items[a].size * length(a);
      const long double areaB = (long double)items[b].size * length(b);
      if (areaA != areaB)
        return areaA > areaB;
      return a < b;
    });
    break;
  case Strategy::ContentionFirst: {
    const std::vector<uint64_t> contention = contentionOf(items);
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      if (std::optional<bool> aligned = byAlignment(a, b))
        return *aligned;
      if (contention[a] != contention[b])
        return contention[a] > contention[b];
      if (items[a].size != items[b].size)
        return items[a].size > items[b].size;
      if (length(a) != length(b))
        return length(a) > length(b);
      return a < b;
    });
    break;
  }
  case Strategy::BestFit:
  default:
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      if (std::optional<bool> aligned = byAlignment(a, b))
        return *aligned;
      if (items[a].size != items[b].size)
        return items[a].size > items[b].size;
      if (length(a) != length(b))
        return length(a) > length(b);
      if (items[a].start != items[b].start)
        return items[a].start < items[b].start;
      return a < b;
    });
    break;
  }
  return order;
}
