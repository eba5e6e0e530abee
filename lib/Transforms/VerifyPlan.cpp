//===- VerifyPlan.cpp - memplan-verify-plan -------------------------------===//
//
// An independent check of materialized plans: lifetimes are re-derived from
// the uses of the arena views, offsets and sizes from the views themselves;
// the recorded annotations only serve to name buffers in messages.
//
//===----------------------------------------------------------------------===//

#include "memplan/Analysis/BufferLiveness.h"
#include "memplan/Transforms/Passes.h"

#include "mlir/Dialect/Bufferization/Transforms/BufferViewFlowAnalysis.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

namespace mlir {
namespace memplan {
#define GEN_PASS_DEF_MEMPLANVERIFYPLANPASS
#include "memplan/Transforms/Passes.h.inc"
} // namespace memplan
} // namespace mlir

using namespace mlir;
using namespace mlir::memplan;

namespace {

/// One view of an arena, as the verifier sees it.
struct CheckedBuffer {
  const LiveBuffer *live;
  memref::ViewOp view;
  ArenaOp arena;
  int64_t offset;
};

std::string describe(memref::ViewOp view) {
  if (auto attr =
          view->getAttrOfType<BufferAttr>(MemPlanDialect::kBufferAttrName))
    return "buffer " + std::to_string(attr.getId());
  return "arena view";
}

struct MemPlanVerifyPlanPass
    : public memplan::impl::MemPlanVerifyPlanPassBase<MemPlanVerifyPlanPass> {
  using Base::Base;

  void runOnOperation() override {
    ProgramStructure programs(getOperation());
    for (FunctionOpInterface root : programs.getRoots())
      if (failed(verifyProgram(root, programs)))
        signalPassFailure();
  }

  LogicalResult verifyProgram(FunctionOpInterface root,
                              const ProgramStructure &programs) {
    bool hasArena = false;
    for (FunctionOpInterface func : programs.getFunctions(root))
      hasArena |= func->walk([](ArenaOp) { return WalkResult::interrupt(); })
                      .wasInterrupted();
    if (!hasArena)
      return success();
    auto arenaOf = [&](Operation *op) -> ArenaOp {
      auto view = dyn_cast<memref::ViewOp>(op);
      return view ? view.getSource().getDefiningOp<ArenaOp>() : ArenaOp();
    };
    BufferLiveness liveness(root, programs, /*findInPlace=*/false,
                            [&](Operation *op) { return !!arenaOf(op); });

    bool ok = true;
    for (const UnplannedBuffer &escaped : liveness.getUnplanned()) {
      escaped.op->emitError()
          << describe(cast<memref::ViewOp>(escaped.op))
          << " lives in an arena but its lifetime cannot be bounded: "
          << escaped.reason;
      ok = false;
    }

    SmallVector<CheckedBuffer> buffers;
    for (const LiveBuffer &live : liveness.getBuffers()) {
      auto view = cast<memref::ViewOp>(live.getDefiningOp());
      ArenaOp arena = arenaOf(view);
      ArenaAttr plan = arena.getPlan();
      std::optional<int64_t> offset = getConstantIntValue(view.getByteShift());
      ++numChecked;
      if (!offset) {
        view.emitError() << describe(view)
                         << " has no constant offset in its arena";
        ok = false;
        continue;
      }
      if (*offset % plan.getAlignment() != 0) {
        view.emitError() << describe(view) << " at offset " << *offset
                         << " breaks the arena alignment of "
                         << plan.getAlignment() << " bytes";
        ok = false;
      }
      if (*offset < 0 || *offset + live.size > plan.getSize()) {
        view.emitError() << describe(view) << " occupies bytes [" << *offset
                         << ", " << *offset + live.size
                         << ") and runs past the end of the arena of "
                         << plan.getSize() << " bytes on device '"
                         << plan.getDevice() << "'";
        ok = false;
      }
      buffers.push_back({&live, view, arena, *offset});
    }
    if (failed(checkOverlaps(liveness, buffers)))
      ok = false;
    return success(ok);
  }

  /// Every pair of buffers of one arena live at the same step must be
  /// disjoint in bytes, unless one takes over the other's block in place.
  LogicalResult checkOverlaps(const BufferLiveness &liveness,
                              MutableArrayRef<CheckedBuffer> buffers) {
    llvm::stable_sort(buffers, [](const CheckedBuffer &a, const CheckedBuffer &b) {
      return a.live->firstStep < b.live->firstStep;
    });
    SmallVector<CheckedBuffer *> active;
    bool ok = true;
    for (CheckedBuffer &next : buffers) {
      llvm::erase_if(active, [&](CheckedBuffer *b) {
        return b->live->lastStep < next.live->firstStep;
      });
      for (CheckedBuffer *other : active) {
        // A device's arena is one, whichever function it is reached in.
        if (other->arena.getPlan().getDevice() !=
            next.arena.getPlan().getDevice())
          continue;
        int64_t lo = std::max(other->offset, next.offset);
        int64_t hi = std::min(other->offset + other->live->size,
                              next.offset + next.live->size);
        if (lo >= hi || isInPlaceHandover(liveness, *other, next))
          continue;
        int64_t from = next.live->firstStep;
        int64_t to = std::min(other->live->lastStep, next.live->lastStep);
        InFlightDiagnostic diag =
            next.view.emitError()
            << describe(next.view) << " and " << describe(other->view)
            << " are live together at steps [" << from << ", " << to + 1
            << ") but share bytes [" << lo << ", " << hi << ") of arena '"
            << next.arena.getPlan().getDevice() << "'";
        diag.attachNote(other->view.getLoc())
            << describe(other->view) << " is defined here";
        ok = false;
      }
      active.push_back(&next);
    }
    return success(ok);
  }

  /// True if `donor` dies at the step where `target` is born, both occupy
  /// the same bytes, and the operation at that step may legally write
  /// `target` over `donor`.
  static bool isInPlaceHandover(const BufferLiveness &liveness,
                                const CheckedBuffer &donor,
                                const CheckedBuffer &target) {
    int64_t step = target.live->firstUse;
    if (donor.live->lastUse != step || donor.offset != target.offset ||
        donor.live->size != target.live->size)
      return false;
    Operation *op = liveness.getSteps()[step];
    BufferViewFlowAnalysis flow(op->getParentOfType<FunctionOpInterface>());
    return memplan::isInPlaceHandover(op, donor.live->value,
                                      target.live->value, flow);
  }
};
} // namespace
