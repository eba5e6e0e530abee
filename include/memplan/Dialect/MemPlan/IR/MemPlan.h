//===- MemPlan.h - memplan dialect, attributes and ops ----------*- C++ -*-===//

#ifndef MEMPLAN_DIALECT_MEMPLAN_IR_MEMPLAN_H
#define MEMPLAN_DIALECT_MEMPLAN_IR_MEMPLAN_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace mlir::memplan {
class DeviceAttr;
} // namespace mlir::memplan

#include "memplan/Dialect/MemPlan/IR/MemPlanDialect.h.inc"

#define GET_ATTRDEF_CLASSES
#include "memplan/Dialect/MemPlan/IR/MemPlanAttrs.h.inc"

#define GET_OP_CLASSES
#include "memplan/Dialect/MemPlan/IR/MemPlanOps.h.inc"

#endif // MEMPLAN_DIALECT_MEMPLAN_IR_MEMPLAN_H
