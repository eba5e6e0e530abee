//===- MemPlan.td - memplan dialect, attributes and ops ----*- tablegen -*-===//

#ifndef MEMPLAN_DIALECT_MEMPLAN_IR_MEMPLAN_TD
#define MEMPLAN_DIALECT_MEMPLAN_IR_MEMPLAN_TD

include "memplan/Dialect/MemPlan/IR/MemPlanBase.td"
include "memplan/Dialect/MemPlan/IR/MemPlanAttrs.td"
include "memplan/Dialect/MemPlan/IR/MemPlanOps.td"

#endif // MEMPLAN_DIALECT_MEMPLAN_IR_MEMPLAN_TD
