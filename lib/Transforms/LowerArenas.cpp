//===- LowerArenas.cpp - memplan-lower-arenas -----------------------------===//

#include "memplan/Analysis/BufferLiveness.h"
#include "memplan/Transforms/Passes.h"

namespace mlir {
namespace memplan {
#define GEN_PASS_DEF_MEMPLANLOWERARENASPASS
#include "memplan/Transforms/Passes.h.inc"

#include "llvm/Support/Debug.h"
} // namespace memplan
} // namespace mlir

using namespace mlir;
using namespace mlir::memplan;

#define DEBUG_TYPE "memplan-lower-arenas"

namespace {
struct MemPlanLowerArenasPass
    : public mlir::memplan::impl::MemPlanLowerArenasPassBase<MemPlanLowerArenasPass> {
  using Base::Base;

  void runOnOperation() override {
    // What follows in memplan-lower-to-llvm lowers buffers only; a program
    // still on tensors would fail there with an error about something else.
    WalkResult onTensors = getOperation()->walk([](Operation *op) {
      auto isTensor = llvm::IsaPred<TensorType>;
      if (llvm::any_of(op->getOperandTypes(), isTensor) ||
          llvm::any_of(op->getResultTypes(), isTensor)) {
        op->emitError() << "memplan-lower-arenas: the program still computes "
                           "on tensors; bufferize it first (memplan-pipeline "
                           "or one-shot-bufferize)";
        return WalkResult::interrupt();
      }
      return WalkResult::advance();
    });
    if (onTensors.wasInterrupted())
      return signalPassFailure();

    // A buffer planned in place of the one it copies: the copy moves every
    // byte onto itself.
    SmallVector<memref::CopyOp> selfCopies;
    getOperation().walk([&](memref::CopyOp copy) {
      if (isCopyOntoItself(copy))
        selfCopies.push_back(copy);
    });
    for (memref::CopyOp copy : selfCopies)
      copy.erase();
    numDroppedCopies += selfCopies.size();

    // The partitioning annotations have served their purpose; tools without
    // the memplan dialect (mlir-runner) must be able to read the result.
    getOperation()->walk([](Operation *op) {
      for (StringRef name :
           {MemPlanDialect::kTargetsAttrName, MemPlanDialect::kDeviceAttrName,
            MemPlanDialect::kUnitAttrName, MemPlanDialect::kTransferAttrName,
            MemPlanDialect::kInPlaceAttrName})
        op->removeAttr(name);
      // The plan of an arena argument is now an alignment assumption; left
      // on the argument, it would follow it into the LLVM dialect.
      if (auto function = dyn_cast<FunctionOpInterface>(op))
        for (unsigned i = 0, e = function.getNumArguments(); i < e; ++i)
          function.removeArgAttr(i, MemPlanDialect::kArenaArgAttrName);
    });

    SmallVector<ArenaOp> arenas;
    getOperation().walk([&](ArenaOp arena) { arenas.push_back(arena); });
    for (ArenaOp arena : arenas) {
      OpBuilder builder(arena);
      ArenaAttr plan = arena.getPlan();
      auto type = cast<MemRefType>(arena.getType());
      LLVM_DEBUG(llvm::dbgs()
                 << "arena of '" << plan.getDevice() << "' at "
                 << arena.getLoc() << ": " << plan.getSize() << " B, "
                 << (arena.getStorage() ? "from the caller" : "allocated")
                 << "\n");
      Value replacement;
      if (Value storage = arena.getStorage()) {
        // The caller promised the plan's alignment; tell LLVM.
        replacement = memref::AssumeAlignmentOp::create(
            builder, arena.getLoc(), storage,
            builder.getI32IntegerAttr(plan.getAlignment()));
      } else {
        auto alloc = memref::AllocOp::create(
            builder, arena.getLoc(), type,
            builder.getI64IntegerAttr(plan.getAlignment()));
        alloc->setAttr(MemPlanDialect::kArenaArgAttrName, plan);
        replacement = alloc;
      }
      arena.replaceAllUsesWith(replacement);
      arena.erase();
    }
  }
};
} // namespace
