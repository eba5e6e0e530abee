//===- CheckNoDeallocations.cpp - the program frees nothing itself --------===//
//
// Upstream ownership-based deallocation refuses any operation that frees a
// buffer, with a message about side effects that does not say what to do.
// This check names the operation and the option that lowers such programs.
//
//===----------------------------------------------------------------------===//

#include "memplan/Transforms/Passes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/Support/Debug.h"

namespace mlir {
namespace memplan {
#define GEN_PASS_DEF_MEMPLANCHECKNODEALLOCATIONSPASS
#include "memplan/Transforms/Passes.h.inc"
} // namespace memplan
} // namespace mlir

using namespace mlir;

#define DEBUG_TYPE "memplan-check-no-deallocations"

namespace {
struct MemPlanCheckNoDeallocationsPass
    : public mlir::memplan::impl::MemPlanCheckNoDeallocationsPassBase<
          MemPlanCheckNoDeallocationsPass> {
  void runOnOperation() override {
    WalkResult result = getOperation()->walk([&](Operation *op) {
      // bufferization.dealloc declares no effects at all.
      if (!hasEffect<MemoryEffects::Free>(op) &&
          !isa<bufferization::DeallocOp>(op))
        return WalkResult::advance();
      op->emitError() << "'" << op->getName()
                      << "': this program frees its own buffers; lower it "
                         "with memplan-lower-to-llvm{deallocate=false}";
      return WalkResult::interrupt();
    });
    if (result.wasInterrupted())
      return signalPassFailure();
    LLVM_DEBUG(llvm::dbgs() << "no operation frees a buffer\n");
    markAllAnalysesPreserved();
  }
};
} // namespace
