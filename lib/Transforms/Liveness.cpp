//===- Liveness.cpp - memplan-liveness ------------------------------------===//
//
// Records the buffer lifetimes of BufferLiveness in the IR, so that offset
// assignment (and a reader) sees them.
//
//===----------------------------------------------------------------------===//

#include "memplan/Analysis/BufferLiveness.h"
#include "memplan/Transforms/Passes.h"

namespace mlir {
namespace memplan {
#define GEN_PASS_DEF_MEMPLANLIVENESSPASS
#include "memplan/Transforms/Passes.h.inc"

#include "llvm/Support/Debug.h"
} // namespace memplan
} // namespace mlir

using namespace mlir;
using namespace mlir::memplan;

#define DEBUG_TYPE "memplan-liveness"

namespace {
struct MemPlanLivenessPass
    : public mlir::memplan::impl::MemPlanLivenessPassBase<MemPlanLivenessPass> {
  using Base::Base;

  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    // Annotations of an earlier run are stale.
    getOperation()->walk(
        [](Operation *op) { op->removeAttr(MemPlanDialect::kBufferAttrName); });
    const auto &programs = getAnalysis<ProgramStructure>();
    for (FunctionOpInterface root : programs.getRoots()) {
      BufferLiveness liveness(root, programs, inPlace, std::nullopt,
                              testRepeatOldMistakes);
      for (const UnplannedBuffer &buffer : liveness.getUnplanned()) {
        if (buffer.isError) {
          buffer.op->emitError() << "buffer cannot be allocated: "
                                 << buffer.reason;
          signalPassFailure();
          continue;
        }
        buffer.op->emitRemark() << "buffer not planned: " << buffer.reason;
        ++numUnplanned;
      }
      for (auto [id, buffer] : llvm::enumerate(liveness.getBuffers())) {
        std::optional<int64_t> inPlaceOf;
        if (buffer.inPlaceOf) {
          inPlaceOf = *buffer.inPlaceOf;
          ++numInPlace;
        }
        // The host is the default device.
        StringAttr device = buffer.device.getValue() ==
                                    MemPlanDialect::kHostDeviceName
                                ? StringAttr()
                                : buffer.device;
        buffer.getDefiningOp()->setAttr(
            MemPlanDialect::kBufferAttrName,
            BufferAttr::get(ctx, id, buffer.size, buffer.firstStep,
                            buffer.lastStep + 1, buffer.readers,
                            /*offset=*/std::nullopt, inPlaceOf, device));
        LLVM_DEBUG(llvm::dbgs()
                   << "@" << root.getName() << " buffer " << id << ": "
                   << buffer.size << " B on '" << buffer.device.getValue()
                   << "', steps [" << buffer.firstStep << ", "
                   << buffer.lastStep + 1 << "), " << buffer.readers
                   << " readers"
                   << (inPlaceOf ? ", in place of " + std::to_string(*inPlaceOf)
                                 : std::string())
                   << "\n");
        ++numPlanned;
      }
    }
    // Annotations are attributes: functions and calls are unchanged.
    markAnalysesPreserved<ProgramStructure>();
  }
};
} // namespace
