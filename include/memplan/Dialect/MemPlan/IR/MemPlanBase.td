//===- MemPlanBase.td - memplan dialect definition ---------*- tablegen -*-===//

#ifndef MEMPLAN_DIALECT_MEMPLAN_IR_MEMPLANBASE_TD
#define MEMPLAN_DIALECT_MEMPLAN_IR_MEMPLANBASE_TD

include "mlir/IR/OpBase.td"

def MemPlan_Dialect : Dialect {
  let name = "memplan";
  let cppNamespace = "::mlir::memplan";
  let summary = "Ahead-of-time memory plans: arenas, buffer lifetimes and offsets";
  let description = [{
    The `memplan` dialect records an ahead-of-time memory plan in the IR.

    A plan is built in three steps, each a pass:

    1. `memplan-liveness` annotates every plannable buffer (a statically
       shaped `memref.alloc` or `memref.alloca`) with a `#memplan.buffer`
       attribute holding its lifetime in schedule steps and its use count.
    2. `memplan-assign-offsets` adds an offset to each of these attributes
       and records one `#memplan.arena` per device on the function
       (`memplan.arenas`).
    3. `memplan-materialize-arenas` creates the `memplan.arena` op and turns
       every planned buffer into a `memref.view` of it.

    `memplan-lower-arenas` turns arenas into plain `memref.alloc`s (or the
    caller's storage) so the program lowers to LLVM with upstream passes.
  }];
  let useDefaultAttributePrinterParser = 1;
  let hasOperationAttrVerify = 1;
  let hasRegionArgAttrVerify = 1;
  let extraClassDeclaration = [{
    /// Discardable attribute on a planned buffer (alloc or view).
    static constexpr ::llvm::StringLiteral kBufferAttrName = "memplan.buffer";
    /// Discardable attribute on a function: the arenas its plan needs.
    static constexpr ::llvm::StringLiteral kArenasAttrName = "memplan.arenas";
    /// Argument attribute on an arena passed in by the caller, and the
    /// attribute recording the plan on a lowered arena allocation.
    static constexpr ::llvm::StringLiteral kArenaArgAttrName = "memplan.arena";
  }];
}

class MemPlan_Op<string mnemonic, list<Trait> traits = []>
    : Op<MemPlan_Dialect, mnemonic, traits>;

#endif // MEMPLAN_DIALECT_MEMPLAN_IR_MEMPLANBASE_TD
