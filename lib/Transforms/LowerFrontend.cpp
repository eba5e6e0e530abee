//===- LowerFrontend.cpp - TOSA and elementwise tensor ops to linalg ------===//
//
// The planner reads linalg, tensor and arith on tensors. TOSA programs and
// elementwise ops on whole tensors get there through upstream lowerings; this
// pass runs them only where they apply, so that every other program is left
// exactly as it was.
//
//===----------------------------------------------------------------------===//

#include "memplan/Transforms/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Conversion/TosaToLinalg/TosaToLinalg.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/Support/Debug.h"

namespace mlir {
namespace memplan {
#define GEN_PASS_DEF_MEMPLANLOWERFRONTENDPASS
#include "memplan/Transforms/Passes.h.inc"
} // namespace memplan
} // namespace mlir

using namespace mlir;

#define DEBUG_TYPE "memplan-lower-frontend"

static bool isTosa(Operation *op) {
  return isa<tosa::TosaDialect>(op->getDialect());
}

namespace {
struct MemPlanLowerFrontendPass
    : public mlir::memplan::impl::MemPlanLowerFrontendPassBase<
          MemPlanLowerFrontendPass> {
  void getDependentDialects(DialectRegistry &registry) const override {
    Base::getDependentDialects(registry);
    // What the dynamic TOSA pipeline creates.
    OpPassManager pm(ModuleOp::getOperationName());
    buildTosaLowering(pm);
    pm.getDependentDialects(registry);
  }

  static void buildTosaLowering(OpPassManager &pm) {
    pm.addNestedPass<func::FuncOp>(createTosaToSCFPass());
    tosa::addTosaToLinalgPasses(pm, TosaToLinalgOptions(),
                                TosaToLinalgNamedOptions(),
                                /*validationOptions=*/std::nullopt);
    OpPassManager &functions = pm.nest<func::FuncOp>();
    functions.addPass(createTosaToTensorPass());
    functions.addPass(createTosaToArithPass());
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (module
            .walk([](Operation *op) {
              return isTosa(op) ? WalkResult::interrupt()
                                : WalkResult::advance();
            })
            .wasInterrupted()) {
      LLVM_DEBUG(llvm::dbgs() << "TOSA found: running upstream's lowering\n");
      OpPassManager pm(ModuleOp::getOperationName());
      buildTosaLowering(pm);
      if (failed(runPipeline(pm, module)))
        return signalPassFailure();
      // Shapes and constants the lowered ops no longer read.
      SmallVector<Operation *> tosaOps;
      module.walk([&](Operation *op) {
        if (isTosa(op))
          tosaOps.push_back(op);
      });
      // Users come after what they read: erase from the back.
      for (Operation *op : llvm::reverse(tosaOps))
        if (isOpTriviallyDead(op))
          op->erase();
      WalkResult left = module.walk([](Operation *op) {
        if (!isTosa(op))
          return WalkResult::advance();
        op->emitError() << "'" << op->getName()
                        << "' has no lowering to linalg, tensor or arith";
        return WalkResult::interrupt();
      });
      if (left.wasInterrupted())
        return signalPassFailure();
    }

    RewritePatternSet patterns(&getContext());
    linalg::populateElementwiseToLinalgConversionPatterns(patterns);
    FrozenRewritePatternSet frozen(std::move(patterns));
    // Only the ops themselves: no folding or dead-code removal that would
    // change programs with nothing to convert.
    GreedyRewriteConfig config;
    config.enableFolding(false).setRegionSimplificationLevel(
        GreedySimplifyRegionLevel::Disabled);
    SmallVector<Operation *> elementwise;
    module.walk([&](Operation *op) {
      if (OpTrait::hasElementwiseMappableTraits(op) &&
          llvm::any_of(op->getResultTypes(), llvm::IsaPred<RankedTensorType>))
        elementwise.push_back(op);
    });
    LLVM_DEBUG(llvm::dbgs()
               << elementwise.size() << " elementwise ops on tensors\n");
    if (elementwise.empty())
      return;
    DenseSet<Operation *> before;
    module.walk([&](linalg::GenericOp op) { before.insert(op); });
    if (failed(applyOpPatternsGreedily(elementwise, frozen, config)))
      LLVM_DEBUG(llvm::dbgs() << "elementwise rewrites did not converge\n");
    // Upstream writes the result over an operand; a fresh tensor lets
    // bufferization and memplan's own in-place rewrite decide where it goes.
    IRRewriter rewriter(&getContext());
    module.walk([&](linalg::GenericOp op) {
      if (before.contains(op))
        return;
      for (OpOperand &init : op.getDpsInitsMutable()) {
        auto type = dyn_cast<RankedTensorType>(init.get().getType());
        if (!type || !type.hasStaticShape() ||
            op.payloadUsesValueFromOperand(&init))
          continue;
        rewriter.setInsertionPoint(op);
        init.set(tensor::EmptyOp::create(rewriter, op.getLoc(), type.getShape(),
                                         type.getElementType()));
      }
    });
  }
};
} // namespace
