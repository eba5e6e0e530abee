//===- AvoidCopies.cpp - memplan-avoid-copies -----------------------------===//
//
// Shapes a tensor program so that one-shot bufferization needs no copies for
// two patterns common in exported networks:
//
//  * One init shared by several ops (a `tensor.empty`, or a `linalg.fill` of
//    one, used as the destination of several ops): bufferization must keep
//    the shared buffer intact and copies it for all but one user. Each user
//    gets its own clone instead.
//  * Padding (`tensor.pad`): bufferization allocates the padded tensor,
//    fills it and copies the source into its interior. The pad becomes a
//    fill of the padded tensor, created before the source's producer, and an
//    `insert_slice` of the source into it; upstream empty-tensor elimination
//    (`eliminate-empty-tensors`, run next in memplan-pipeline) then lets the
//    producer write straight into the interior.
//
//===----------------------------------------------------------------------===//

#include "memplan/Analysis/BufferLiveness.h"
#include "memplan/Transforms/Passes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"
#include "llvm/Support/Debug.h"

namespace mlir {
namespace memplan {
#define GEN_PASS_DEF_MEMPLANAVOIDCOPIESPASS
#include "memplan/Transforms/Passes.h.inc"
} // namespace memplan
} // namespace mlir

using namespace mlir;
using namespace mlir::memplan;

#define DEBUG_TYPE "memplan-avoid-copies"

namespace {

/// True for a value that only names a destination: a `tensor.empty`, or a
/// `linalg.fill` of a scalar into one.
bool isFreshInit(Value value) {
  Operation *op = value.getDefiningOp();
  if (isa_and_nonnull<tensor::EmptyOp>(op))
    return true;
  auto fill = dyn_cast_or_null<linalg::FillOp>(op);
  return fill && fill.hasPureTensorSemantics() &&
         fill.getDpsInitOperand(0)->get().getDefiningOp<tensor::EmptyOp>();
}

/// The number of users of a shared fresh init defined by `op` that need a
/// clone: all but one. 0 if `op` is not a shared fresh init.
unsigned countClonesNeeded(Operation *op) {
  if (op->getNumResults() != 1 || !isFreshInit(op->getResult(0)))
    return 0;
  unsigned uses = llvm::range_size(op->getResult(0).getUses());
  return uses > 1 ? uses - 1 : 0;
}

/// Gives every user but the first of a shared fresh init its own clone,
/// right before the user.
struct UnshareFreshInit : RewritePattern {
  UnshareFreshInit(MLIRContext *context)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, context) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (!countClonesNeeded(op))
      return rewriter.notifyMatchFailure(op, "not a shared fresh init");
    // The earliest user in the init's own block keeps it; the others get
    // clones (which user keeps it does not matter for correctness).
    OpOperand *kept = nullptr;
    SmallVector<OpOperand *> uses;
    for (OpOperand &use : op->getResult(0).getUses()) {
      uses.push_back(&use);
      Operation *user = op->getBlock()->findAncestorOpInBlock(*use.getOwner());
      Operation *keptUser =
          kept ? op->getBlock()->findAncestorOpInBlock(*kept->getOwner())
               : nullptr;
      if (!kept || (user && keptUser && user->isBeforeInBlock(keptUser)))
        kept = &use;
    }
    LLVM_DEBUG(llvm::dbgs() << "'" << op->getName() << "' at " << op->getLoc()
                            << ": " << uses.size() - 1 << " clones\n");
    for (OpOperand *use : uses) {
      if (use == kept)
        continue;
      rewriter.setInsertionPoint(use->getOwner());
      IRMapping mapping;
      if (auto fill = dyn_cast<linalg::FillOp>(op)) {
        Operation *empty = fill.getDpsInitOperand(0)->get().getDefiningOp();
        mapping.map(empty->getResult(0), rewriter.clone(*empty)->getResult(0));
      }
      Value clone = rewriter.clone(*op, mapping)->getResult(0);
      rewriter.modifyOpInPlace(use->getOwner(), [&] { use->set(clone); });
    }
    return success();
  }
};

/// Bytes of the tensors `producer` reads that nothing after it uses: they
/// are live while it writes its result, and free afterwards.
int64_t bytesDyingAt(Operation *producer) {
  int64_t bytes = 0;
  auto dps = dyn_cast<DestinationStyleOpInterface>(producer);
  llvm::SmallPtrSet<Value, 4> seen;
  for (OpOperand &operand : producer->getOpOperands()) {
    Value value = operand.get();
    auto type = dyn_cast<RankedTensorType>(value.getType());
    Operation *def = value.getDefiningOp();
    if (!type || !def || def->hasTrait<OpTrait::ConstantLike>() ||
        (dps && dps.isDpsInit(&operand)) || !seen.insert(value).second)
      continue;
    bool diesHere = llvm::all_of(value.getUsers(), [&](Operation *user) {
      Operation *ancestor = producer->getBlock()->findAncestorOpInBlock(*user);
      return ancestor &&
             (ancestor == producer || ancestor->isBeforeInBlock(producer));
    });
    if (diesHere)
      bytes += getStaticBytes(type, producer);
  }
  return bytes;
}

/// True if `value`, which dominates `user`, also dominates `op`, which is
/// before `user` in its block.
bool dominatesEarlierOp(Value value, Operation *op) {
  Operation *def = value.getDefiningOp();
  // A value of another block dominates all of `user`'s block.
  return !def || def->getBlock() != op->getBlock() || def->isBeforeInBlock(op);
}

/// Rewrites a static `tensor.pad` of a value used only by it, with a uniform
/// padding value, into a fill of the padded tensor and an insert_slice of
/// the source. The fill is put
/// before the source's producer when the padding value allows, so that the
/// producer can write into the interior.
struct DecomposePad : OpRewritePattern<tensor::PadOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(tensor::PadOp pad,
                                PatternRewriter &rewriter) const override {
    auto type = pad.getResultType();
    Value padValue = pad.getConstantPaddingValue();
    // With other users, the source would live as long as they need it inside
    // the larger padded buffer: the copy is cheaper.
    if (!type.hasStaticShape() || !padValue ||
        !pad.getSourceType().hasStaticShape() || !pad.getSource().hasOneUse())
      return rewriter.notifyMatchFailure(
          pad, "dynamic shape, padding not uniform, or the source has other "
               "users");
    SmallVector<OpFoldResult> low = pad.getMixedLowPad();
    if (llvm::any_of(low,
                     [](OpFoldResult v) { return !getConstantIntValue(v); }))
      return rewriter.notifyMatchFailure(pad, "dynamic low padding");

    // Written into the padded tensor, the producer holds its dying inputs and
    // the padded tensor at once; otherwise its inputs and the source, then the
    // source and the padded tensor (the copy). Decomposing never costs memory
    // when the dying inputs are no larger than the source.
    Operation *producer = pad.getSource().getDefiningOp();
    if (producer &&
        bytesDyingAt(producer) > getStaticBytes(pad.getSourceType(), pad))
      return rewriter.notifyMatchFailure(
          pad, "the producer's dying inputs outweigh the copy");
    Operation *insertionPoint = pad;
    if (producer && producer->getBlock() == pad->getBlock() &&
        dominatesEarlierOp(padValue, producer))
      insertionPoint = producer;
    LLVM_DEBUG(llvm::dbgs() << "decomposing the pad at " << pad.getLoc()
                            << (insertionPoint == pad
                                    ? ""
                                    : ", filled before its source's producer")
                            << "\n");
    PatternRewriter &builder = rewriter;
    builder.setInsertionPoint(insertionPoint);
    Location loc = pad.getLoc();
    Value empty = tensor::EmptyOp::create(builder, loc, type.getShape(),
                                          type.getElementType());
    Value filled = linalg::FillOp::create(builder, loc, ValueRange{padValue},
                                          ValueRange{empty})
                       .getResult(0);
    builder.setInsertionPoint(pad);
    SmallVector<OpFoldResult> sizes, strides;
    for (int64_t size : pad.getSourceType().getShape()) {
      sizes.push_back(builder.getIndexAttr(size));
      strides.push_back(builder.getIndexAttr(1));
    }
    Value inserted = tensor::InsertSliceOp::create(
        builder, loc, pad.getSource(), filled, low, sizes, strides);
    rewriter.replaceOp(pad, inserted);
    return success();
  }
};

/// The tensor.empty `value` is computed into, through the inits of the
/// destination-style ops that produce it; null if there is none.
tensor::EmptyOp findEmptyComputedInto(Value value) {
  while (auto result = dyn_cast<OpResult>(value)) {
    if (auto empty = dyn_cast<tensor::EmptyOp>(result.getOwner()))
      return empty;
    auto dps = dyn_cast<DestinationStyleOpInterface>(result.getOwner());
    if (!dps)
      return {};
    value = dps.getTiedOpOperand(result)->get();
  }
  return {};
}

/// Gives a value inserted into several tensors (DenseNet's features, each
/// concatenated into every later layer's input) a buffer of its own:
/// upstream eliminate-empty-tensors would compute it into the first of those
/// tensors and keep all of that one live until the last insertion reads it.
/// Its tensor.empty becomes a bufferization.alloc_tensor, which that
/// elimination leaves alone. Returns how many.
unsigned isolateMultiplyInsertedValues(Operation *root) {
  SetVector<Operation *> empties;
  DenseSet<Value> seen;
  root->walk([&](tensor::InsertSliceOp insert) {
    Value source = insert.getSource();
    if (!seen.insert(source).second ||
        llvm::count_if(source.getUsers(), [](Operation *user) {
          return isa<tensor::InsertSliceOp>(user);
        }) < 2)
      return;
    if (tensor::EmptyOp empty = findEmptyComputedInto(source))
      empties.insert(empty);
  });
  IRRewriter rewriter(root->getContext());
  for (Operation *op : empties) {
    auto empty = cast<tensor::EmptyOp>(op);
    LLVM_DEBUG(llvm::dbgs()
               << "own buffer for a value inserted several "
                  "times: "
               << empty.getType() << " at " << empty.getLoc() << "\n");
    rewriter.setInsertionPoint(empty);
    rewriter.replaceOpWithNewOp<bufferization::AllocTensorOp>(
        empty, empty.getType(), empty.getDynamicSizes());
  }
  return empties.size();
}

struct MemPlanAvoidCopiesPass
    : public mlir::memplan::impl::MemPlanAvoidCopiesPassBase<
          MemPlanAvoidCopiesPass> {
  using Base::Base;

  void runOnOperation() override {
    // Pads first: a decomposed pad's fill is fresh and has one user.
    if (decomposePads) {
      unsigned before = countPads();
      RewritePatternSet patterns(&getContext());
      populateAvoidCopiesPatterns(patterns, /*decomposePads=*/true,
                                  /*unshareInits=*/false);
      walkAndApplyPatterns(getOperation(), std::move(patterns));
      numPads += before - countPads();
    }
    if (unshare) {
      getOperation()->walk(
          [&](Operation *op) { numUnshared += countClonesNeeded(op); });
      RewritePatternSet patterns(&getContext());
      populateAvoidCopiesPatterns(patterns, /*decomposePads=*/false,
                                  /*unshareInits=*/true);
      walkAndApplyPatterns(getOperation(), std::move(patterns));
    }
    // After unsharing: every tensor.empty has one user.
    if (isolateInserted)
      numIsolated += isolateMultiplyInsertedValues(getOperation());
  }

  unsigned countPads() {
    unsigned pads = 0;
    getOperation()->walk([&](tensor::PadOp) { ++pads; });
    return pads;
  }
};
} // namespace

void mlir::memplan::populateAvoidCopiesPatterns(RewritePatternSet &patterns,
                                                bool decomposePads,
                                                bool unshareInits) {
  if (decomposePads)
    patterns.add<DecomposePad>(patterns.getContext());
  if (unshareInits)
    patterns.add<UnshareFreshInit>(patterns.getContext());
}
