//===- Skyline.cpp - Bottom-up placement and its restarts -----------------===//
//
// The skyline heuristic places items bottom up: next is always the item that
// can sit lowest, at the highest top placed so far during its lifetime. It
// is fast (O(log n) per step) and, on large realistic traces, far better
// than gap filling. Iterated restarts with perturbed priorities improve it
// further within a work budget.
//
//===----------------------------------------------------------------------===//

#include "PlannerImpl.h"

#include <algorithm>
#include <numeric>
#include <queue>
#include <tuple>

using namespace mlir::memplan::planner;
using namespace mlir::memplan::planner::detail;

namespace {

/// The skyline over time: for each elementary time slot, the highest top of
/// the items placed so far that are live in it. An item is placed on top of
/// everything during its lifetime, so heights only ever grow and a range is
/// only ever raised to a value at least as high as all of it. That lets a
/// plain bottom-up segment tree do without lazy propagation: a slot's height
/// is the largest tag on its path to the root. Both operations are
/// O(log slots) and iterative.
class Skyline {
public:
  explicit Skyline(size_t slots) {
    while (size < slots)
      size <<= 1;
    highest.assign(2 * size, 0);
    tag.assign(2 * size, 0);
  }

  uint64_t maxOver(size_t lo, size_t hi) const {
    if (lo >= hi)
      return 0;
    uint64_t result = 0;
    for (size_t a = lo + size, b = hi + size; a < b; a >>= 1, b >>= 1) {
      if (a & 1)
        result = std::max(result, highest[a++]);
      if (b & 1)
        result = std::max(result, highest[--b]);
    }
    // Ranges raised as a whole above the pieces: on the two boundary paths.
    for (size_t x = (lo + size) >> 1; x; x >>= 1)
      result = std::max(result, tag[x]);
    for (size_t x = (hi - 1 + size) >> 1; x; x >>= 1)
      result = std::max(result, tag[x]);
    return result;
  }

  void raise(size_t lo, size_t hi, uint64_t top) {
    if (lo >= hi)
      return;
    for (size_t a = lo + size, b = hi + size; a < b; a >>= 1, b >>= 1) {
      if (a & 1) {
        tag[a] = std::max(tag[a], top);
        highest[a] = std::max(highest[a], top);
        ++a;
      }
      if (b & 1) {
        --b;
        tag[b] = std::max(tag[b], top);
        highest[b] = std::max(highest[b], top);
      }
    }
    for (size_t x = (lo + size) >> 1; x; x >>= 1)
      highest[x] = std::max(highest[x], top);
    for (size_t x = (hi - 1 + size) >> 1; x; x >>= 1)
      highest[x] = std::max(highest[x], top);
  }

private:
  size_t size = 1;
  /// highest[x]: the maximum height in x's range; tag[x]: the largest value
  /// x's whole range was raised to.
  std::vector<uint64_t> highest, tag;
};

/// The rank of every item: more strictly aligned first (placed later, they
/// waste padding below them), then larger `key` first, then by index.
std::vector<size_t> rankByKey(const ItemProblem &problem,
                              const std::vector<long double> &key) {
  const std::vector<Item> &items = problem.items;
  std::vector<size_t> order(key.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (items[a].alignment != items[b].alignment)
      return items[a].alignment > items[b].alignment;
    return key[a] > key[b] || (key[a] == key[b] && a < b);
  });
  std::vector<size_t> rank(key.size());
  for (size_t r = 0; r < order.size(); ++r)
    rank[order[r]] = r;
  return rank;
}

std::vector<long double> areaKeys(const ItemProblem &problem) {
  std::vector<long double> key(problem.items.size());
  for (size_t i = 0; i < key.size(); ++i) {
    const Item &item = problem.items[i];
    key[i] = static_cast<long double>(item.size) * (item.end - item.start);
  }
  return key;
}

} // namespace

std::vector<uint64_t> detail::placeSkyline(const ItemProblem &problem,
                                           const std::vector<size_t> &rank,
                                           uint64_t *work) {
  const std::vector<Item> &items = problem.items;
  const size_t n = items.size();
  const TimeSlots slots(items);
  const std::vector<size_t> &lo = slots.lo, &hi = slots.hi;

  Skyline skyline(slots.count());
  std::vector<uint64_t> offsets(n, 0);
  // Pre-placed items go in first; the skyline then keeps everything else
  // above them (it cannot see the holes below them).
  for (size_t i = 0; i < n; ++i)
    if (items[i].fixedOffset) {
      offsets[i] = *items[i].fixedOffset;
      skyline.raise(lo[i], hi[i],
                    std::max(skyline.maxOver(lo[i], hi[i]),
                             offsets[i] + items[i].size));
    }
  // Keys only grow as items are placed, so a stale key is fixed up when it
  // reaches the top of the queue.
  using Entry = std::tuple<uint64_t, size_t, size_t>; // key, rank, item
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> queue;
  for (size_t i = 0; i < n; ++i)
    if (!items[i].fixedOffset)
      queue.push(Entry{0, rank[i], i});
  uint64_t steps = 0;
  while (!queue.empty()) {
    auto [key, order, i] = queue.top();
    queue.pop();
    ++steps;
    const uint64_t lowest =
        alignUp(skyline.maxOver(lo[i], hi[i]), items[i].alignment);
    // A stale key goes back in, unless the item is still the lowest.
    if (lowest != key && !queue.empty() &&
        Entry{lowest, order, i} > queue.top()) {
      queue.push(Entry{lowest, order, i});
      continue;
    }
    offsets[i] = lowest;
    if (items[i].size != 0)
      skyline.raise(lo[i], hi[i], lowest + items[i].size);
  }
  if (work)
    *work += steps;
  return offsets;
}

std::vector<size_t> detail::skylineRank(const ItemProblem &problem) {
  return rankByKey(problem, areaKeys(problem));
}

std::vector<uint64_t>
detail::improveBySkylineRestarts(const ItemProblem &problem,
                                 std::vector<uint64_t> offsets, uint64_t target,
                                 WorkBudget &budget) {
  // Mild and stronger perturbations alternate: the first refine a good
  // order, the second escape from it.
  const double noise[] = {0.1, 0.3};
  const size_t n = problem.items.size();
  std::vector<long double> bestKey = areaKeys(problem), key(n);
  uint64_t bestPeak = itemPeak(problem, offsets);
  Random random(0x6d656d706c616eULL);
  for (size_t round = 0; bestPeak > target && !budget.exhausted(); ++round) {
    const double amount = noise[round % 2];
    for (size_t i = 0; i < n; ++i)
      key[i] = bestKey[i] * (1 + amount * (2 * random.unit() - 1));
    uint64_t work = n; // Sorting the priorities.
    std::vector<uint64_t> candidate =
        placeSkyline(problem, rankByKey(problem, key), &work);
    budget.spend(work);
    const uint64_t peak = itemPeak(problem, candidate);
    if (peak <= bestPeak) {
      bestPeak = peak;
      bestKey = key;
      offsets = std::move(candidate);
    }
  }
  return offsets;
}
