//===- AssignOffsets.cpp - memplan-assign-offsets -------------------------===//
//
// Translates the #memplan.buffer annotations of a function into a planner
// problem, solves it and writes the offsets back.
//
//===----------------------------------------------------------------------===//

#include "memplan/Planner/Planner.h"
#include "memplan/Transforms/Passes.h"

#include "llvm/ADT/EquivalenceClasses.h"
#include "llvm/Support/MathExtras.h"

namespace mlir {
namespace memplan {
#define GEN_PASS_DEF_MEMPLANASSIGNOFFSETSPASS
#include "memplan/Transforms/Passes.h.inc"
} // namespace memplan
} // namespace mlir

using namespace mlir;
using namespace mlir::memplan;
namespace planner = ::memplan::planner;

namespace {

std::string strategyNames() {
  std::string names;
  for (planner::Strategy strategy : planner::allStrategies()) {
    if (!names.empty())
      names += ", ";
    names += planner::strategyName(strategy);
  }
  return names;
}

/// The annotated allocations of `func`, in program order.
SmallVector<std::pair<Operation *, BufferAttr>> collectBuffers(Operation *func) {
  SmallVector<std::pair<Operation *, BufferAttr>> buffers;
  func->walk<WalkOrder::PreOrder>([&](Operation *op) {
    if (!isa<memref::AllocOp, memref::AllocaOp>(op))
      return;
    if (auto attr = op->getAttrOfType<BufferAttr>(MemPlanDialect::kBufferAttrName))
      buffers.push_back({op, attr});
  });
  return buffers;
}

struct MemPlanAssignOffsetsPass
    : public mlir::memplan::impl::MemPlanAssignOffsetsPassBase<
          MemPlanAssignOffsetsPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    std::optional<planner::Strategy> parsed = planner::parseStrategy(strategy);
    if (!parsed) {
      module.emitError() << "unknown memplan strategy '" << strategy
                         << "'; expected one of: " << strategyNames();
      return signalPassFailure();
    }
    if (alignment <= 0 || !llvm::isPowerOf2_64(alignment)) {
      module.emitError() << "memplan alignment must be a positive power of "
                            "two, got "
                         << static_cast<int64_t>(alignment);
      return signalPassFailure();
    }
    for (auto func : module.getOps<FunctionOpInterface>())
      if (failed(planFunction(func, *parsed)))
        return signalPassFailure();
  }

  LogicalResult planFunction(FunctionOpInterface func,
                             planner::Strategy strategyKind) {
    auto buffers = collectBuffers(func);
    func->removeAttr(MemPlanDialect::kArenasAttrName);
    if (buffers.empty())
      return success();

    planner::Problem problem;
    DenseMap<int64_t, unsigned> indexOfId;
    int64_t noReuse = 0;
    for (auto [index, entry] : llvm::enumerate(buffers)) {
      BufferAttr attr = entry.second;
      auto [it, inserted] = indexOfId.try_emplace(attr.getId(), index);
      if (!inserted) {
        InFlightDiagnostic diag = entry.first->emitError()
                                  << "duplicate memplan buffer id "
                                  << attr.getId();
        diag.attachNote(buffers[it->second].first->getLoc())
            << "first used here";
        return diag;
      }
      planner::Buffer buffer;
      buffer.start = attr.getStart();
      buffer.end = attr.getEnd();
      buffer.size = attr.getSize();
      buffer.alignment = alignment;
      problem.buffers.push_back(buffer);
      // Without reuse every buffer has its own aligned block.
      noReuse += llvm::alignTo(attr.getSize(), alignment);
    }
    // In-place chains share one offset.
    llvm::EquivalenceClasses<unsigned> sameOffset;
    for (auto [index, entry] : llvm::enumerate(buffers)) {
      std::optional<int64_t> donor = entry.second.getInPlaceOf();
      if (!donor)
        continue;
      auto it = indexOfId.find(*donor);
      if (it == indexOfId.end())
        return entry.first->emitError()
               << "memplan buffer " << entry.second.getId()
               << " is in place of buffer " << *donor
               << ", which does not exist";
      sameOffset.unionSets(index, it->second);
    }
    for (auto it = sameOffset.begin(); it != sameOffset.end(); ++it) {
      if (!(*it)->isLeader())
        continue;
      std::vector<size_t> group(sameOffset.member_begin(**it),
                                sameOffset.member_end());
      if (group.size() > 1) {
        std::sort(group.begin(), group.end());
        problem.sameOffsetGroups.push_back(std::move(group));
      }
    }
    if (std::optional<std::string> error = planner::checkProblem(problem))
      return func.emitError() << "malformed memplan annotations: " << *error;

    planner::SolveOptions options;
    options.strategy = strategyKind;
    options.timeLimitSeconds = timeLimit;
    planner::Solution solution = planner::solve(problem, options);
    if (std::optional<std::string> error =
            planner::validateSolution(problem, solution.offsets))
      return func.emitError() << "memplan planner produced an invalid plan: "
                              << *error;
    // A corrupted plan keeps the arena of the real one.
    int64_t size = planner::computePeak(problem, solution.offsets);
    if (testForceOverlap)
      forceOverlap(problem, solution, buffers);

    MLIRContext *ctx = &getContext();
    for (auto [index, entry] : llvm::enumerate(buffers)) {
      BufferAttr attr = entry.second;
      entry.first->setAttr(
          MemPlanDialect::kBufferAttrName,
          BufferAttr::get(ctx, attr.getId(), attr.getSize(), attr.getStart(),
                          attr.getEnd(), attr.getUses(),
                          static_cast<int64_t>(solution.offsets[index]),
                          attr.getInPlaceOf()));
    }
    auto arena = ArenaAttr::get(ctx, "host", size, alignment,
                                solution.lowerBound, noReuse, buffers.size());
    func->setAttr(MemPlanDialect::kArenasAttrName,
                  ArrayAttr::get(ctx, {arena}));
    numBuffers += buffers.size();
    arenaBytes += size;
    lowerBoundBytes += solution.lowerBound;
    noReuseBytes += noReuse;
    return success();
  }

  /// Testing only: moves a buffer onto an earlier one (in program order) that
  /// is live at the same time; in-place groups are left alone.
  void forceOverlap(const planner::Problem &problem,
                    planner::Solution &solution,
                    ArrayRef<std::pair<Operation *, BufferAttr>> buffers) {
    std::vector<bool> grouped(problem.buffers.size(), false);
    for (const std::vector<size_t> &group : problem.sameOffsetGroups)
      for (size_t member : group)
        grouped[member] = true;
    for (size_t b = 0; b < problem.buffers.size(); ++b) {
      for (size_t a = 0; a < b; ++a) {
        const planner::Buffer &x = problem.buffers[a], &y = problem.buffers[b];
        if (grouped[a] || grouped[b] || x.end <= y.start || y.end <= x.start ||
            x.size == 0 || y.size == 0)
          continue;
        solution.offsets[b] = solution.offsets[a];
        buffers[b].first->emitWarning()
            << "test-force-overlap: buffer " << buffers[b].second.getId()
            << " placed over buffer " << buffers[a].second.getId()
            << ", which is live at the same time";
        return;
      }
    }
  }
};
} // namespace
