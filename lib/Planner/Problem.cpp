//===- Problem.cpp - Problem checks, bounds and validation ----------------===//
//
// Everything here is independent of how a plan was found: the problem check,
// the lower bound and the validation of a solution, which every test uses.
//
//===----------------------------------------------------------------------===//

#include "PlannerImpl.h"

#include <algorithm>
#include <set>
#include <numeric>

using namespace mlir::memplan::planner;
using namespace mlir::memplan::planner::detail;

namespace {
bool isPowerOfTwo(uint64_t v) { return v != 0 && (v & (v - 1)) == 0; }

std::string bufferName(size_t index) { return "buffer " + std::to_string(index); }
} // namespace

//===----------------------------------------------------------------------===//
// Strategy names
//===----------------------------------------------------------------------===//

namespace {
struct StrategyInfo {
  Strategy strategy;
  const char *name;
  const char *description;
};
const StrategyInfo kStrategies[] = {
    {Strategy::Naive, "naive",
     "no reuse: every buffer (or in-place group) gets its own bytes"},
    {Strategy::BestFit, "best-fit",
     "largest first, each into the tightest gap (TFLite/XLA family)"},
    {Strategy::FirstFit, "first-fit",
     "in start order, each at the lowest gap that fits (linear scan)"},
    {Strategy::LongestFirst, "longest-first",
     "longest lifetime first, each into the tightest gap"},
    {Strategy::AreaFirst, "area-first",
     "largest size x lifetime first, each into the tightest gap"},
    {Strategy::ContentionFirst, "contention-first",
     "buffers live at the most crowded moments first, tightest gap"},
    {Strategy::Skyline, "skyline",
     "bottom up: the buffer that can sit lowest goes next, larger size x "
     "lifetime first among equals"},
    {Strategy::Portfolio, "portfolio",
     "every heuristic above; keeps the smallest plan"},
    {Strategy::Exact, "exact",
     "branch-and-bound search for the smallest plan within a budget"},
    {Strategy::Auto, "auto",
     "portfolio, then the exact search if the lower bound is not met"},
};
} // namespace

const std::vector<Strategy> &mlir::memplan::planner::allStrategies() {
  static const std::vector<Strategy> all = [] {
    std::vector<Strategy> result;
    for (const StrategyInfo &info : kStrategies)
      result.push_back(info.strategy);
    return result;
  }();
  return all;
}

const std::vector<Strategy> &mlir::memplan::planner::portfolioHeuristics() {
  static const std::vector<Strategy> heuristics = {
      Strategy::BestFit,      Strategy::Skyline,     Strategy::ContentionFirst,
      Strategy::AreaFirst,    Strategy::LongestFirst, Strategy::FirstFit};
  return heuristics;
}

std::string_view mlir::memplan::planner::strategyName(Strategy strategy) {
  for (const StrategyInfo &info : kStrategies)
    if (info.strategy == strategy)
      return info.name;
  return "unknown";
}

std::string_view mlir::memplan::planner::strategyDescription(Strategy strategy) {
  for (const StrategyInfo &info : kStrategies)
    if (info.strategy == strategy)
      return info.description;
  return "";
}

std::optional<Strategy> mlir::memplan::planner::parseStrategy(std::string_view name) {
  for (const StrategyInfo &info : kStrategies)
    if (name == info.name)
      return info.strategy;
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// Problem check
//===----------------------------------------------------------------------===//

std::optional<std::string>
mlir::memplan::planner::checkProblem(const Problem &problem) {
  const std::vector<Buffer> &buffers = problem.buffers;
  for (size_t i = 0; i < buffers.size(); ++i) {
    const Buffer &b = buffers[i];
    if (b.end <= b.start)
      return bufferName(i) + ": lifetime [" + std::to_string(b.start) + ", " +
             std::to_string(b.end) + ") is empty (end must exceed start)";
    if (!isPowerOfTwo(b.alignment))
      return bufferName(i) + ": alignment " + std::to_string(b.alignment) +
             " is not a power of two";
    if (b.fixedOffset && *b.fixedOffset % b.alignment != 0)
      return bufferName(i) + ": fixed offset " +
             std::to_string(*b.fixedOffset) + " is not a multiple of its " +
             "alignment " + std::to_string(b.alignment);
  }
  // Every address the planner computes stays below the bytes of all
  // buffers laid out one after another (each padded to its alignment) above
  // the highest pre-placed one: bounding that sum bounds every sum.
  uint64_t total = 0;
  for (size_t i = 0; i < buffers.size(); ++i) {
    const Buffer &b = buffers[i];
    auto tooLarge = [&](const std::string &what) {
      return bufferName(i) + ": " + what + " exceeds the largest supported " +
             "arena of 2^62 bytes";
    };
    if (b.size > kMaxBytes || b.alignment > kMaxBytes)
      return tooLarge("size " + std::to_string(b.size) + " with alignment " +
                      std::to_string(b.alignment));
    if (b.fixedOffset && *b.fixedOffset > kMaxBytes - b.size)
      return tooLarge("fixed offset " + std::to_string(*b.fixedOffset) +
                      " + size " + std::to_string(b.size));
    uint64_t padded = b.size + b.alignment;
    if (b.fixedOffset)
      padded += *b.fixedOffset;
    if (padded > kMaxBytes - total)
      return tooLarge("the total of all buffers up to this one");
    total += padded;
  }
  std::vector<int64_t> groupOf(buffers.size(), -1);
  for (size_t g = 0; g < problem.sameOffsetGroups.size(); ++g) {
    std::optional<uint64_t> fixed;
    for (size_t member : problem.sameOffsetGroups[g]) {
      if (member >= buffers.size())
        return "group " + std::to_string(g) + " names " + bufferName(member) +
               ", which does not exist";
      if (groupOf[member] >= 0)
        return bufferName(member) + " is in groups " +
               std::to_string(groupOf[member]) + " and " + std::to_string(g);
      groupOf[member] = static_cast<int64_t>(g);
      if (const auto &off = buffers[member].fixedOffset) {
        if (fixed && *fixed != *off)
          return "group " + std::to_string(g) +
                 " has members fixed at different offsets (" +
                 std::to_string(*fixed) + " and " + std::to_string(*off) + ")";
        fixed = off;
      }
    }
    if (fixed)
      for (size_t member : problem.sameOffsetGroups[g])
        if (*fixed % buffers[member].alignment != 0)
          return "group " + std::to_string(g) + " is fixed at offset " +
                 std::to_string(*fixed) + ", which is not a multiple of " +
                 bufferName(member) + "'s alignment " +
                 std::to_string(buffers[member].alignment);
  }
  // Pre-placed buffers live at the same time must not share a byte (unless
  // one group holds both): no plan could keep them.
  std::vector<size_t> fixedBuffers;
  for (size_t i = 0; i < buffers.size(); ++i)
    if (buffers[i].fixedOffset && buffers[i].size > 0)
      fixedBuffers.push_back(i);
  std::sort(fixedBuffers.begin(), fixedBuffers.end(), [&](size_t a, size_t b) {
    return buffers[a].start < buffers[b].start;
  });
  for (size_t x = 0; x < fixedBuffers.size(); ++x)
    for (size_t y = x + 1; y < fixedBuffers.size(); ++y) {
      const Buffer &a = buffers[fixedBuffers[x]], &b = buffers[fixedBuffers[y]];
      if (b.start >= a.end)
        break;
      bool sameGroup = groupOf[fixedBuffers[x]] >= 0 &&
                       groupOf[fixedBuffers[x]] == groupOf[fixedBuffers[y]];
      if (!sameGroup && *a.fixedOffset < *b.fixedOffset + b.size &&
          *b.fixedOffset < *a.fixedOffset + a.size)
        return bufferName(fixedBuffers[x]) + " and " +
               bufferName(fixedBuffers[y]) +
               " are fixed at offsets that share bytes while both are live";
    }
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// Items
//===----------------------------------------------------------------------===//

ItemProblem detail::buildItems(const Problem &problem) {
  ItemProblem result;
  result.capacity = problem.capacity;
  const size_t n = problem.buffers.size();
  result.itemOfBuffer.assign(n, SIZE_MAX);
  auto addMember = [&](Item &item, const Buffer &b, bool first) {
    if (first) {
      item.start = b.start;
      item.end = b.end;
    } else {
      item.start = std::min(item.start, b.start);
      item.end = std::max(item.end, b.end);
    }
    item.size = std::max(item.size, b.size);
    item.alignment = std::max(item.alignment, b.alignment);
    if (b.fixedOffset)
      item.fixedOffset = b.fixedOffset;
  };
  for (const std::vector<size_t> &group : problem.sameOffsetGroups) {
    if (group.empty())
      continue;
    Item item;
    for (size_t k = 0; k < group.size(); ++k) {
      addMember(item, problem.buffers[group[k]], k == 0);
      result.itemOfBuffer[group[k]] = result.items.size();
    }
    result.items.push_back(item);
  }
  for (size_t i = 0; i < n; ++i) {
    if (result.itemOfBuffer[i] != SIZE_MAX)
      continue;
    Item item;
    addMember(item, problem.buffers[i], true);
    result.itemOfBuffer[i] = result.items.size();
    result.items.push_back(item);
  }
  return result;
}

TimeSlots::TimeSlots(const std::vector<Item> &items) {
  times.reserve(2 * items.size());
  for (const Item &item : items) {
    times.push_back(item.start);
    times.push_back(item.end);
  }
  std::sort(times.begin(), times.end());
  times.erase(std::unique(times.begin(), times.end()), times.end());
  auto slotOf = [&](uint64_t t) {
    return static_cast<size_t>(std::lower_bound(times.begin(), times.end(), t) -
                               times.begin());
  };
  lo.reserve(items.size());
  hi.reserve(items.size());
  for (const Item &item : items) {
    lo.push_back(slotOf(item.start));
    hi.push_back(slotOf(item.end));
  }
}

std::vector<uint64_t>
detail::expandOffsets(const ItemProblem &items,
                      const std::vector<uint64_t> &itemOffsets) {
  std::vector<uint64_t> offsets(items.itemOfBuffer.size());
  for (size_t i = 0; i < offsets.size(); ++i)
    offsets[i] = itemOffsets[items.itemOfBuffer[i]];
  return offsets;
}

uint64_t detail::itemPeak(const ItemProblem &problem,
                          const std::vector<uint64_t> &offsets) {
  uint64_t peak = 0;
  for (size_t i = 0; i < problem.items.size(); ++i)
    peak = std::max(peak, offsets[i] + problem.items[i].size);
  return peak;
}

//===----------------------------------------------------------------------===//
// Lower bound
//===----------------------------------------------------------------------===//

uint64_t mlir::memplan::planner::computeLowerBound(const Problem &problem) {
  uint64_t bound = findPeakMoment(problem).bytes;
  for (const Buffer &b : problem.buffers)
    if (b.fixedOffset)
      bound = std::max(bound, *b.fixedOffset + b.size);
  return bound;
}

PeakMoment mlir::memplan::planner::findPeakMoment(const Problem &problem) {
  // Blocks enter and leave the live set; a group is one block whose size
  // follows the largest of its members live at each moment.
  struct Event {
    uint64_t time;
    bool enters;
    uint64_t size;
  };
  std::vector<Event> events;
  std::vector<bool> grouped(problem.buffers.size(), false);
  for (const std::vector<size_t> &group : problem.sameOffsetGroups) {
    std::vector<std::pair<uint64_t, std::pair<int, uint64_t>>> memberEvents;
    for (size_t member : group) {
      const Buffer &b = problem.buffers[member];
      grouped[member] = true;
      memberEvents.push_back({b.start, {+1, b.size}});
      memberEvents.push_back({b.end, {-1, b.size}});
    }
    std::sort(memberEvents.begin(), memberEvents.end());
    std::multiset<uint64_t> live;
    uint64_t current = 0;
    for (size_t k = 0; k < memberEvents.size();) {
      uint64_t time = memberEvents[k].first;
      for (; k < memberEvents.size() && memberEvents[k].first == time; ++k) {
        if (memberEvents[k].second.first > 0)
          live.insert(memberEvents[k].second.second);
        else
          live.erase(live.find(memberEvents[k].second.second));
      }
      uint64_t next = live.empty() ? 0 : *live.rbegin();
      if (next != current) {
        if (current)
          events.push_back({time, false, current});
        if (next)
          events.push_back({time, true, next});
      }
      current = next;
    }
  }
  uint64_t alignment = UINT64_MAX;
  for (size_t i = 0; i < problem.buffers.size(); ++i) {
    const Buffer &b = problem.buffers[i];
    alignment = std::min(alignment, b.alignment);
    if (grouped[i])
      continue;
    events.push_back({b.start, true, b.size});
    events.push_back({b.end, false, b.size});
  }
  PeakMoment peak;
  if (events.empty())
    return peak;
  // Every offset is a multiple of the smallest alignment, so each block but
  // the topmost one of a moment is followed by padding up to that multiple.
  std::sort(events.begin(), events.end(), [](const Event &a, const Event &b) {
    return a.time < b.time || (a.time == b.time && !a.enters && b.enters);
  });
  uint64_t paddedTotal = 0;
  std::multiset<uint64_t> paddings;
  for (size_t k = 0; k < events.size();) {
    const uint64_t time = events[k].time;
    for (; k < events.size() && events[k].time == time; ++k) {
      const uint64_t padded = detail::alignUp(events[k].size, alignment);
      if (events[k].enters) {
        paddedTotal += padded;
        paddings.insert(padded - events[k].size);
      } else {
        paddedTotal -= padded;
        paddings.erase(paddings.find(padded - events[k].size));
      }
    }
    if (!paddings.empty() && paddedTotal - *paddings.rbegin() > peak.bytes)
      peak = {time, paddedTotal - *paddings.rbegin()};
  }
  return peak;
}

//===----------------------------------------------------------------------===//
// Validation
//===----------------------------------------------------------------------===//

uint64_t mlir::memplan::planner::computePeak(const Problem &problem,
                                       const std::vector<uint64_t> &offsets) {
  uint64_t peak = 0;
  for (size_t i = 0; i < problem.buffers.size(); ++i)
    peak = std::max(peak, offsets[i] + problem.buffers[i].size);
  return peak;
}

std::optional<std::string>
mlir::memplan::planner::validateSolution(const Problem &problem,
                                   const std::vector<uint64_t> &offsets,
                                   bool requireCapacity) {
  const std::vector<Buffer> &buffers = problem.buffers;
  if (offsets.size() != buffers.size())
    return "the solution has " + std::to_string(offsets.size()) +
           " offsets for " + std::to_string(buffers.size()) + " buffers";
  for (size_t i = 0; i < buffers.size(); ++i) {
    const Buffer &b = buffers[i];
    if (offsets[i] % b.alignment != 0)
      return bufferName(i) + " at offset " + std::to_string(offsets[i]) +
             " breaks its alignment " + std::to_string(b.alignment);
    if (b.fixedOffset && *b.fixedOffset != offsets[i])
      return bufferName(i) + " is fixed at " + std::to_string(*b.fixedOffset) +
             " but placed at " + std::to_string(offsets[i]);
    if (requireCapacity && problem.capacity &&
        offsets[i] + b.size > *problem.capacity)
      return bufferName(i) + " ends at " + std::to_string(offsets[i] + b.size) +
             ", past the capacity " + std::to_string(*problem.capacity);
  }
  std::vector<int64_t> groupOf(buffers.size(), -1);
  for (size_t g = 0; g < problem.sameOffsetGroups.size(); ++g) {
    const std::vector<size_t> &group = problem.sameOffsetGroups[g];
    for (size_t member : group) {
      groupOf[member] = static_cast<int64_t>(g);
      if (offsets[member] != offsets[group.front()])
        return bufferName(member) + " and " + bufferName(group.front()) +
               " must share an offset (in-place group " + std::to_string(g) +
               ") but are at " + std::to_string(offsets[member]) + " and " +
               std::to_string(offsets[group.front()]);
    }
  }
  // Sweep in start order: every pair live at the same moment meets when the
  // later of the two starts, while the earlier one is still active.
  std::vector<size_t> order(buffers.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return buffers[a].start < buffers[b].start ||
           (buffers[a].start == buffers[b].start && a < b);
  });
  std::vector<size_t> active;
  for (size_t index : order) {
    const Buffer &b = buffers[index];
    size_t kept = 0;
    for (size_t other : active)
      if (buffers[other].end > b.start)
        active[kept++] = other;
    active.resize(kept);
    if (b.size != 0) {
      for (size_t other : active) {
        const Buffer &o = buffers[other];
        if (o.size == 0 || (groupOf[index] >= 0 && groupOf[index] == groupOf[other]))
          continue;
        uint64_t lo = std::max(offsets[index], offsets[other]);
        uint64_t hi = std::min(offsets[index] + b.size, offsets[other] + o.size);
        if (lo < hi)
          return bufferName(other) + " and " + bufferName(index) +
                 " are live together on [" +
                 std::to_string(std::max(b.start, o.start)) + ", " +
                 std::to_string(std::min(b.end, o.end)) +
                 ") and share bytes [" + std::to_string(lo) + ", " +
                 std::to_string(hi) + ")";
      }
    }
    active.push_back(index);
  }
  return std::nullopt;
}
