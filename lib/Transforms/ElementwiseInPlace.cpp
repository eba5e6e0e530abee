//===- ElementwiseInPlace.cpp - memplan-elementwise-in-place --------------===//
//
// An elementwise `linalg.generic` that writes a fresh tensor from an input
// that dies at it (an activation after a convolution, a residual add) is
// rewritten to write into that input instead: the input becomes the op's
// init, read through the init's block argument. One-shot bufferization then
// computes the op in the input's buffer, and upstream empty-tensor
// elimination can follow the chain through it (a convolution, its
// activation and a pad after them all write one padded buffer).
//
//===----------------------------------------------------------------------===//

#include "memplan/Analysis/BufferLiveness.h"
#include "memplan/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/Debug.h"

namespace mlir {
namespace memplan {
#define GEN_PASS_DEF_MEMPLANELEMENTWISEINPLACEPASS
#include "memplan/Transforms/Passes.h.inc"
} // namespace memplan
} // namespace mlir

using namespace mlir;
using namespace mlir::memplan;

#define DEBUG_TYPE "memplan-elementwise-in-place"

namespace {

/// True if nothing after `op` in its block uses `value`, which `op` uses
/// once, and `value` is the result of a computation (not a view, constant or
/// argument, whose buffer may hold something still needed).
bool diesAt(Value value, Operation *op) {
  Operation *def = value.getDefiningOp();
  if (!def || def->getBlock() != op->getBlock() ||
      !isa<linalg::LinalgOp>(def))
    return false;
  unsigned usesByOp = 0;
  for (OpOperand &use : value.getUses()) {
    Operation *user = op->getBlock()->findAncestorOpInBlock(*use.getOwner());
    if (user == op)
      ++usesByOp;
    else if (!user || !user->isBeforeInBlock(op))
      return false;
  }
  return usesByOp == 1;
}

/// Writes `generic`'s single result over the input `in`.
void writeOverInput(RewriterBase &rewriter, linalg::GenericOp generic,
                    OpOperand &in) {
  OpOperand &out = generic.getDpsInitsMutable()[0];
  unsigned inPosition = in.getOperandNumber();
  SmallVector<Value> inputs;
  SmallVector<AffineMap> maps;
  for (OpOperand *input : generic.getDpsInputOperands()) {
    if (input == &in)
      continue;
    inputs.push_back(input->get());
    maps.push_back(generic.getMatchingIndexingMap(input));
  }
  maps.push_back(generic.getMatchingIndexingMap(&out));

  Operation *empty = out.get().getDefiningOp();
  rewriter.setInsertionPoint(generic);
  auto replacement = linalg::GenericOp::create(
      rewriter, generic.getLoc(), generic.getResultTypes(), inputs,
      ValueRange{in.get()}, maps, generic.getIteratorTypesArray());
  replacement->setDiscardableAttrs(generic->getDiscardableAttrDictionary());
  replacement->setAttr(MemPlanDialect::kInPlaceAttrName,
                       rewriter.getUnitAttr());
  Region &body = replacement.getRegion();
  rewriter.inlineRegionBefore(generic.getRegion(), body, body.end());
  Block &block = body.front();
  // The input's element now arrives as the init's.
  rewriter.replaceAllUsesWith(block.getArgument(inPosition),
                              block.getArgument(block.getNumArguments() - 1));
  rewriter.modifyOpInPlace(replacement,
                           [&] { block.eraseArgument(inPosition); });
  rewriter.replaceOp(generic, replacement);
  if (empty->use_empty())
    rewriter.eraseOp(empty);
}

struct WriteOverDyingInput : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(linalg::GenericOp generic,
                                PatternRewriter &rewriter) const override {
    if (!generic.hasPureTensorSemantics() || generic.getNumDpsInits() != 1)
      return rewriter.notifyMatchFailure(generic, "not one tensor init");
    OpOperand &out = generic.getDpsInitsMutable()[0];
    // A payload that reads a tensor from outside may read the input at
    // other positions than the one it writes.
    if (!out.get().getDefiningOp<tensor::EmptyOp>() ||
        capturesShapedValue(generic))
      return rewriter.notifyMatchFailure(
          generic, "init is not a tensor.empty, or the payload reads a tensor");
    for (OpOperand *in : generic.getDpsInputOperands()) {
      if (!isElementwisePair(generic, *in, out) || !diesAt(in->get(), generic))
        continue;
      LLVM_DEBUG(llvm::dbgs()
                 << "'" << generic->getName() << "' at " << generic.getLoc()
                 << " writes over input " << in->getOperandNumber() << "\n");
      writeOverInput(rewriter, generic, *in);
      return success();
    }
    return rewriter.notifyMatchFailure(generic,
                                       "no elementwise input dies at the op");
  }
};

struct MemPlanElementwiseInPlacePass
    : public mlir::memplan::impl::MemPlanElementwiseInPlacePassBase<
          MemPlanElementwiseInPlacePass> {
  using Base::Base;

  void runOnOperation() override {
    // The rewrite marks what it makes; what was marked before is not counted.
    auto inPlaceGenerics = [&] {
      llvm::SetVector<Operation *> marked;
      getOperation()->walk([&](linalg::GenericOp generic) {
        if (generic->hasAttr(MemPlanDialect::kInPlaceAttrName))
          marked.insert(generic);
      });
      return marked;
    };
    llvm::SetVector<Operation *> before = inPlaceGenerics();
    RewritePatternSet patterns(&getContext());
    populateElementwiseInPlacePatterns(patterns);
    // One forward walk: each op decides on the inputs as they are then.
    walkAndApplyPatterns(getOperation(), std::move(patterns));
    for (Operation *generic : inPlaceGenerics()) {
      if (before.contains(generic))
        continue;
      ++numRewritten;
      bytesReused += getStaticBytes(
          cast<ShapedType>(generic->getResult(0).getType()), generic);
    }
  }
};
} // namespace

void mlir::memplan::populateElementwiseInPlacePatterns(
    RewritePatternSet &patterns) {
  patterns.add<WriteOverDyingInput>(patterns.getContext());
}
