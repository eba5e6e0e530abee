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

namespace mlir {
namespace memplan {
#define GEN_PASS_DEF_MEMPLANELEMENTWISEINPLACEPASS
#include "memplan/Transforms/Passes.h.inc"
} // namespace memplan
} // namespace mlir

using namespace mlir;
using namespace mlir::memplan;

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

/// Writes `generic`'s single result over the input `in`; returns the new op.
linalg::GenericOp writeOverInput(linalg::GenericOp generic, OpOperand &in) {
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

  OpBuilder builder(generic);
  auto replacement = linalg::GenericOp::create(
      builder, generic.getLoc(), generic.getResultTypes(), inputs,
      ValueRange{in.get()}, maps, generic.getIteratorTypesArray());
  replacement->setDiscardableAttrs(generic->getDiscardableAttrDictionary());
  replacement->setAttr(MemPlanDialect::kInPlaceAttrName, builder.getUnitAttr());
  Region &body = replacement.getRegion();
  body.takeBody(generic.getRegion());
  Block &block = body.front();
  // The input's element now arrives as the init's.
  block.getArgument(inPosition)
      .replaceAllUsesWith(block.getArgument(block.getNumArguments() - 1));
  block.eraseArgument(inPosition);
  generic->replaceAllUsesWith(replacement);
  generic->erase();
  return replacement;
}

struct MemPlanElementwiseInPlacePass
    : public mlir::memplan::impl::MemPlanElementwiseInPlacePassBase<
          MemPlanElementwiseInPlacePass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<linalg::GenericOp> generics;
    getOperation()->walk([&](linalg::GenericOp generic) {
      if (generic.hasPureTensorSemantics() && generic.getNumDpsInits() == 1)
        generics.push_back(generic);
    });
    for (linalg::GenericOp generic : generics) {
      OpOperand &out = generic.getDpsInitsMutable()[0];
      // A payload that reads a tensor from outside may read the input at
      // other positions than the one it writes.
      if (!out.get().getDefiningOp<tensor::EmptyOp>() ||
          capturesShapedValue(generic))
        continue;
      for (OpOperand *in : generic.getDpsInputOperands()) {
        if (!isElementwisePair(generic, *in, out) || !diesAt(in->get(), generic))
          continue;
        numRewritten += 1;
        bytesReused += getStaticBytes(
            cast<ShapedType>(in->get().getType()), generic);
        Operation *empty = out.get().getDefiningOp();
        writeOverInput(generic, *in);
        if (empty->use_empty())
          empty->erase();
        break;
      }
    }
  }
};
} // namespace
