//===- StridedCopiesToLoops.cpp - no memrefCopy in the lowered program ----===//
//
// A memref.copy that cannot be a memcpy would become a call of the C runner
// library's memrefCopy; as a linalg.copy it becomes loops instead, and the
// lowered program depends on nothing but the C library.
//
//===----------------------------------------------------------------------===//

#include "memplan/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Utils/MemRefUtils.h"
#include "llvm/Support/Debug.h"

namespace mlir {
namespace memplan {
#define GEN_PASS_DEF_MEMPLANSTRIDEDCOPIESTOLOOPSPASS
#include "memplan/Transforms/Passes.h.inc"
} // namespace memplan
} // namespace mlir

using namespace mlir;

#define DEBUG_TYPE "memplan-strided-copies-to-loops"

/// What memref-to-LLVM lowers to a memcpy (and not to memrefCopy).
static bool isMemcpy(memref::CopyOp copy) {
  auto contiguous = [](Type type) {
    auto memref = dyn_cast<MemRefType>(type);
    return memref && memref::isStaticShapeAndContiguousRowMajor(memref);
  };
  return contiguous(copy.getSource().getType()) &&
         contiguous(copy.getTarget().getType());
}

namespace {
struct MemPlanStridedCopiesToLoopsPass
    : public mlir::memplan::impl::MemPlanStridedCopiesToLoopsPassBase<
          MemPlanStridedCopiesToLoopsPass> {
  void runOnOperation() override {
    SmallVector<memref::CopyOp> strided;
    getOperation()->walk([&](memref::CopyOp copy) {
      if (!isMemcpy(copy))
        strided.push_back(copy);
    });
    IRRewriter rewriter(&getContext());
    for (memref::CopyOp copy : strided) {
      LLVM_DEBUG(llvm::dbgs()
                 << "loops for the copy at " << copy.getLoc() << "\n");
      rewriter.setInsertionPoint(copy);
      rewriter.replaceOpWithNewOp<linalg::CopyOp>(copy, copy.getSource(),
                                                  copy.getTarget());
    }
    numStridedCopies += strided.size();
  }
};
} // namespace
