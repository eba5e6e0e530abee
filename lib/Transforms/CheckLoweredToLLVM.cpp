//===- CheckLoweredToLLVM.cpp - nothing but LLVM is left ------------------===//
//
// Conversion passes leave what they do not know alone, so a pipeline of them
// succeeds on programs it could not lower. This check turns that into an
// error at the first such operation.
//
//===----------------------------------------------------------------------===//

#include "memplan/Transforms/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "llvm/Support/Debug.h"

namespace mlir {
namespace memplan {
#define GEN_PASS_DEF_MEMPLANCHECKLOWEREDTOLLVMPASS
#include "memplan/Transforms/Passes.h.inc"
} // namespace memplan
} // namespace mlir

using namespace mlir;

#define DEBUG_TYPE "memplan-check-lowered-to-llvm"

namespace {
struct MemPlanCheckLoweredToLLVMPass
    : public mlir::memplan::impl::MemPlanCheckLoweredToLLVMPassBase<
          MemPlanCheckLoweredToLLVMPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    WalkResult result = module.walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (op == module.getOperation() ||
          isa_and_nonnull<LLVM::LLVMDialect>(op->getDialect()))
        return WalkResult::advance();
      op->emitError() << "'" << op->getName()
                      << "' was not lowered to the LLVM dialect by "
                         "memplan-lower-to-llvm";
      return WalkResult::interrupt();
    });
    if (result.wasInterrupted())
      return signalPassFailure();
    LLVM_DEBUG(llvm::dbgs() << "every operation is in the LLVM dialect\n");
    markAllAnalysesPreserved();
  }
};
} // namespace
