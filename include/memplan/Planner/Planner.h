//===- Planner.h - Static offset assignment for buffers ---------*- C++ -*-===//
//
// The memplan planner: given buffers with lifetimes and sizes, assign every
// buffer a byte offset so that buffers live at the same moment never share a
// byte. Pure C++17, no MLIR or LLVM dependency, so it can be used and measured
// on its own (see tools/memplan-solve). It lives in mlir::memplan::planner
// only so that one `memplan` namespace serves every user.
//
//===----------------------------------------------------------------------===//

#ifndef MEMPLAN_PLANNER_PLANNER_H
#define MEMPLAN_PLANNER_PLANNER_H

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mlir {
namespace memplan {
namespace planner {

/// One buffer to place. It is live on the half-open interval [start, end) of
/// abstract time steps and needs `size` bytes at an offset that is a multiple
/// of `alignment` (a power of two).
struct Buffer {
  uint64_t start = 0;
  uint64_t end = 0;
  uint64_t size = 0;
  uint64_t alignment = 1;
  /// A pre-placed buffer: the planner keeps it at this offset.
  std::optional<uint64_t> fixedOffset;
};

/// An offset-assignment problem.
struct Problem {
  std::vector<Buffer> buffers;
  /// Groups of buffer indices that must share one offset (in-place reuse: an
  /// operation's output takes the block of an input that dies there). Members
  /// of a group may overlap each other in time; they never conflict.
  std::vector<std::vector<size_t>> sameOffsetGroups;
  /// If set, the plan should fit in [0, capacity): the exact search then
  /// answers the decision question (is there a plan within the capacity?)
  /// and stops at the first plan that fits. Strategies still return their
  /// best plan when it does not fit; `Solution::fits` says whether it does.
  std::optional<uint64_t> capacity;
};

/// The strategies the planner offers (see `strategyDescription`).
enum class Strategy {
  Naive,          ///< No reuse: buffers (groups) laid out one after another.
  BestFit,        ///< Largest first, each into the tightest gap.
  FirstFit,       ///< In start order, each at the lowest gap that fits.
  LongestFirst,   ///< Longest lifetime first, tightest gap.
  AreaFirst,      ///< Largest size x lifetime first, tightest gap.
  ContentionFirst,///< Buffers live at the most contended moments first.
  Skyline,        ///< Bottom up: the buffer that can sit lowest goes next.
  Portfolio,      ///< All heuristics; keeps the best plan.
  Exact,          ///< Complete branch-and-bound search within a budget.
  Auto,           ///< Portfolio; exact search only if the bound is not met.
};

/// All strategies, in the order the tools list them.
const std::vector<Strategy> &allStrategies();
/// The heuristics that `Portfolio` runs, in tie-breaking order.
const std::vector<Strategy> &portfolioHeuristics();
std::string_view strategyName(Strategy strategy);
std::string_view strategyDescription(Strategy strategy);
std::optional<Strategy> parseStrategy(std::string_view name);

struct SolveOptions {
  Strategy strategy = Strategy::Auto;
  /// Effort of the searches of Exact and Auto, in seconds on a typical
  /// machine. It is turned into a fixed amount of work (no clock is read),
  /// so the plan is the same on every machine and under any load. 0 means
  /// no search: Exact and Auto return their best heuristic plan.
  double timeLimitSeconds = 1.0;
  /// The work budget itself, overriding the time limit when non-zero: a
  /// unit is a search node per item it considers, or a placement step.
  uint64_t workLimit = 0;
};

struct Solution {
  /// One offset per buffer of the problem, in input order.
  std::vector<uint64_t> offsets;
  /// max(offset + size): the bytes the plan needs.
  uint64_t peak = 0;
  /// The largest total size of buffers live at one moment (groups counted
  /// once): no plan can be smaller.
  uint64_t lowerBound = 0;
  /// True when no plan with a smaller peak exists (the peak meets the lower
  /// bound, or the exact search completed).
  bool provenOptimal = false;
  /// True when the problem has no capacity or the peak is within it.
  bool fits = true;
  /// True when it is proven that no plan fits the capacity (the lower bound
  /// exceeds it, or the exact search exhausted every plan).
  bool provenInfeasible = false;
  /// The strategy that produced the plan (for Portfolio/Auto, the winner).
  Strategy producedBy = Strategy::Naive;
  /// Work units the searches spent (0 for plain heuristics).
  uint64_t work = 0;
};

/// The largest arena the planner plans: every size, and the sum of all sizes
/// and alignments, must stay within it, so that no offset computation
/// overflows.
constexpr uint64_t kMaxBytes = uint64_t(1) << 62;

/// Checks that a problem is well formed: end > start, power-of-two
/// alignments, aligned fixed offsets, valid and disjoint groups whose fixed
/// offsets agree, pre-placed buffers that do not collide, and sizes whose
/// total stays within kMaxBytes. Returns a message naming the first
/// offending buffer.
std::optional<std::string> checkProblem(const Problem &problem);

/// The moment at which the most bytes are live, and those bytes: members of
/// a same-offset group count once, with the largest member live then, and
/// every block but the topmost needs its padding to the smallest alignment.
struct PeakMoment {
  uint64_t time = 0;
  uint64_t bytes = 0;
};
PeakMoment findPeakMoment(const Problem &problem);

/// The largest total size of buffers live at one moment (findPeakMoment),
/// and at least the end of every pre-placed buffer.
uint64_t computeLowerBound(const Problem &problem);

/// Solves a well-formed problem (see checkProblem). Deterministic: the same
/// problem and options give the same offsets on every run and machine.
Solution solve(const Problem &problem, const SolveOptions &options = {});

/// Independent check of a solution: offsets aligned, fixed offsets kept,
/// group members at one offset, within capacity when `requireCapacity`, and
/// no two buffers that are live at the same moment (and not in one group)
/// share a byte. Returns a message naming the buffers at fault.
std::optional<std::string> validateSolution(const Problem &problem,
                                            const std::vector<uint64_t> &offsets,
                                            bool requireCapacity = false);

/// max(offset + size) over all buffers.
uint64_t computePeak(const Problem &problem,
                     const std::vector<uint64_t> &offsets);

} // namespace planner
} // namespace memplan
} // namespace mlir

#endif // MEMPLAN_PLANNER_PLANNER_H
