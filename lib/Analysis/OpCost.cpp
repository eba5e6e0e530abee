//===- OpCost.cpp - Compute and memory estimates per operation ------------===//

#include "memplan/Analysis/OpCost.h"
#include "memplan/Analysis/BufferLiveness.h"

#include "memplan/Dialect/MemPlan/IR/MemPlan.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

using namespace mlir;
using namespace mlir::memplan;

llvm::SetVector<Value> mlir::memplan::getValuesUsedFromOutside(Operation *op) {
  llvm::SetVector<Value> used;
  op->walk([&](Operation *nested) {
    for (Value operand : nested->getOperands()) {
      Operation *def = operand.getDefiningOp();
      bool inside = def ? op->isAncestor(def)
                        : op->isAncestor(operand.getParentBlock()->getParentOp());
      if (!inside)
        used.insert(operand);
    }
  });
  return used;
}

bool mlir::memplan::isTensorView(Operation *op) {
  return isa<tensor::ExpandShapeOp, tensor::CollapseShapeOp,
             tensor::ExtractSliceOp, tensor::CastOp, tensor::BitcastOp,
             tensor::ReshapeOp>(op);
}

bool mlir::memplan::isComputeOp(Operation *op) {
  if (isa<linalg::LinalgOp>(op))
    return true;
  // Constants, views, allocations, casts between tensors and buffers, calls
  // (their callees' operations are the layers) and terminators.
  if (op->hasTrait<OpTrait::ConstantLike>() ||
      isTensorView(op) ||
      isa<tensor::EmptyOp, ViewLikeOpInterface, memref::AllocOp,
          memref::AllocaOp, memref::DeallocOp,
          memref::GetGlobalOp, CallOpInterface, ArenaOp>(op) ||
      op->getDialect()->getNamespace() == "bufferization" ||
      op->hasTrait<OpTrait::IsTerminator>())
    return false;
  return llvm::any_of(op->getResultTypes(), llvm::IsaPred<ShapedType>) ||
         (op->getNumResults() == 0 &&
          llvm::any_of(op->getOperandTypes(), llvm::IsaPred<ShapedType>));
}

OpCost mlir::memplan::estimateCost(Operation *op) {
  OpCost cost;
  auto bytesOf = [&](Type type) -> int64_t {
    auto shaped = dyn_cast<ShapedType>(type);
    if (!shaped)
      return 0;
    if (!shaped.hasStaticShape()) {
      cost.known = false;
      return 0;
    }
    return getStaticBytes(shaped, op);
  };
  for (Type type : op->getOperandTypes())
    cost.bytes = saturatingAdd(cost.bytes, bytesOf(type));
  for (Type type : op->getResultTypes()) {
    cost.bytes = saturatingAdd(cost.bytes, bytesOf(type));
    cost.outputBytes = saturatingAdd(cost.outputBytes, bytesOf(type));
  }
  auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
  if (!linalgOp) {
    // An operation on buffers (a copy) writes its last operand.
    if (op->getNumResults() == 0 && op->getNumOperands() > 0)
      cost.outputBytes = bytesOf(op->getOperands().back().getType());
    return cost;
  }
  if (op->getNumResults() == 0)
    for (OpOperand &init : linalgOp.getDpsInitsMutable())
      cost.outputBytes =
          saturatingAdd(cost.outputBytes, bytesOf(init.get().getType()));
  int64_t iterations = 1;
  for (int64_t range : linalgOp.getStaticLoopRanges()) {
    if (ShapedType::isDynamic(range)) {
      cost.known = false;
      return cost;
    }
    iterations = saturatingMul(iterations, range);
  }
  // A convolution or matmul's payload multiplies and adds; a fill or copy
  // has no arithmetic.
  int64_t perIteration = 0;
  for (Operation &payload : linalgOp.getBlock()->without_terminator())
    if (!payload.hasTrait<OpTrait::ConstantLike>() &&
        !isa<linalg::IndexOp>(payload))
      ++perIteration;
  cost.flops = saturatingMul(iterations, perIteration);
  return cost;
}
