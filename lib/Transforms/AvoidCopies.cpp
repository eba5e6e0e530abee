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

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Dominance.h"

namespace mlir {
namespace memplan {
#define GEN_PASS_DEF_MEMPLANAVOIDCOPIESPASS
#include "memplan/Transforms/Passes.h.inc"
} // namespace memplan
} // namespace mlir

using namespace mlir;
using namespace mlir::memplan;

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

/// Gives every user but the first of a shared fresh init its own clone,
/// right before the user. Returns the number of clones.
unsigned unshareInits(FunctionOpInterface func) {
  SmallVector<Operation *> shared;
  func->walk([&](Operation *op) {
    if (op->getNumResults() == 1 && isFreshInit(op->getResult(0)) &&
        !op->getResult(0).hasOneUse() && !op->getResult(0).use_empty())
      shared.push_back(op);
  });
  unsigned clones = 0;
  for (Operation *op : shared) {
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
    for (OpOperand *use : uses) {
      if (use == kept)
        continue;
      OpBuilder builder(use->getOwner());
      IRMapping mapping;
      if (auto fill = dyn_cast<linalg::FillOp>(op)) {
        Operation *empty = fill.getDpsInitOperand(0)->get().getDefiningOp();
        mapping.map(empty->getResult(0), builder.clone(*empty)->getResult(0));
      }
      use->set(builder.clone(*op, mapping)->getResult(0));
      ++clones;
    }
  }
  return clones;
}

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

/// Rewrites a static `tensor.pad` of a value used only by it, with a uniform
/// padding value, into a fill of the padded tensor and an insert_slice of
/// the source. The fill is put
/// before the source's producer when the padding value allows, so that the
/// producer can write into the interior.
bool decomposePad(tensor::PadOp pad, DominanceInfo &dominance) {
  auto type = pad.getResultType();
  Value padValue = pad.getConstantPaddingValue();
  // With other users, the source would live as long as they need it inside
  // the larger padded buffer: the copy is cheaper.
  if (!type.hasStaticShape() || !padValue ||
      !pad.getSourceType().hasStaticShape() || !pad.getSource().hasOneUse())
    return false;
  SmallVector<OpFoldResult> low = pad.getMixedLowPad();
  if (llvm::any_of(low, [](OpFoldResult v) { return !getConstantIntValue(v); }))
    return false;

  // Written into the padded tensor, the producer holds its dying inputs and
  // the padded tensor at once; otherwise its inputs and the source, then the
  // source and the padded tensor (the copy). Decomposing never costs memory
  // when the dying inputs are no larger than the source.
  Operation *producer = pad.getSource().getDefiningOp();
  if (producer && bytesDyingAt(producer) >
                      getStaticBytes(pad.getSourceType(), pad))
    return false;
  Operation *insertionPoint = pad;
  if (producer && dominance.properlyDominates(padValue, producer) &&
      producer->getBlock() == pad->getBlock())
    insertionPoint = producer;
  OpBuilder builder(insertionPoint);
  Location loc = pad.getLoc();
  Value empty = tensor::EmptyOp::create(builder, loc, type.getShape(),
                                        type.getElementType());
  Value filled =
      linalg::FillOp::create(builder, loc, ValueRange{padValue},
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
  pad.replaceAllUsesWith(inserted);
  pad.erase();
  return true;
}

struct MemPlanAvoidCopiesPass
    : public mlir::memplan::impl::MemPlanAvoidCopiesPassBase<MemPlanAvoidCopiesPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<FunctionOpInterface> functions;
    getOperation()->walk(
        [&](FunctionOpInterface func) { functions.push_back(func); });
    for (FunctionOpInterface func : functions)
      if (!func.isExternal())
        shapeFunction(func);
  }

  void shapeFunction(FunctionOpInterface func) {
    if (decomposePads) {
      SmallVector<tensor::PadOp> pads;
      func->walk([&](tensor::PadOp pad) { pads.push_back(pad); });
      DominanceInfo dominance(func);
      for (tensor::PadOp pad : pads)
        if (decomposePad(pad, dominance))
          ++numPads;
    }
    if (unshare)
      numUnshared += unshareInits(func);
  }
};
} // namespace
