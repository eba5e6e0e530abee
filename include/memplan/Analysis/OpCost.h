//===- OpCost.h - Compute and memory estimates per operation ----*- C++ -*-===//
//
// Static estimates of what one operation costs: floating-point (or integer)
// operations and bytes it reads and writes, from static shapes. The
// execution-unit scheduler and the resource report use the same figures.
// Also the per-operation facts the tensor rewrites share: what an operation
// reads from outside itself, and whether it only views its source.
//
//===----------------------------------------------------------------------===//

#ifndef MEMPLAN_ANALYSIS_OPCOST_H
#define MEMPLAN_ANALYSIS_OPCOST_H

#include "mlir/IR/Operation.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/ADT/SetVector.h"

#include <cstdint>

namespace mlir {
namespace memplan {

/// Byte and FLOP counts of programs with huge shapes stop at INT64_MAX
/// instead of overflowing.
inline int64_t saturatingAdd(int64_t a, int64_t b) {
  int64_t sum;
  if (llvm::AddOverflow(a, b, sum))
    return a < 0 ? INT64_MIN : INT64_MAX;
  return sum;
}
inline int64_t saturatingMul(int64_t a, int64_t b) {
  int64_t product;
  if (llvm::MulOverflow(a, b, product))
    return (a < 0) != (b < 0) ? INT64_MIN : INT64_MAX;
  return product;
}

struct OpCost {
  /// Arithmetic operations: for a `linalg` op, loop iterations times the
  /// arithmetic operations of its payload (at least one); 0 for operations
  /// that only move data.
  int64_t flops = 0;
  /// Bytes of the statically shaped operands read and results written.
  int64_t bytes = 0;
  /// Bytes of the results or, for an operation on buffers, of its outputs
  /// (a `linalg` op's inits, a copy's target).
  int64_t outputBytes = 0;
  /// False when a dynamic shape hides part of the cost: the figures above
  /// then count only the statically shaped part.
  bool known = true;
};

OpCost estimateCost(Operation *op);

/// The values `op` uses, its regions included, that are defined outside it.
llvm::SetVector<Value> getValuesUsedFromOutside(Operation *op);

/// True for tensor operations that only reinterpret their source (reshapes,
/// casts, slices): bufferization makes their result a view of its buffer.
bool isTensorView(Operation *op);

/// True for operations that compute or move data (a layer, for the report;
/// an execution unit's member, for the scheduler): `linalg` ops and tensor
/// or memory operations with shaped operands, not constants, views or
/// empty tensors.
bool isComputeOp(Operation *op);

} // namespace memplan
} // namespace mlir

#endif // MEMPLAN_ANALYSIS_OPCOST_H
