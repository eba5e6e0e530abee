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

    Discardable attributes, all verified:

    * `memplan.buffer = #memplan.buffer<...>` on a planned buffer (an
      allocation, later its arena view);
    * `memplan.arenas = [#memplan.arena<...>, ...]` on a planned function;
    * `memplan.arena = #memplan.arena<...>` on an arena passed in by the
      caller (an argument attribute) or on the allocation an arena was
      lowered to;
    * `memplan.in_place` (unit) on a destination-style op that writes its
      result over the input it reads (`memplan-elementwise-in-place`);
    * `memplan.targets = [#memplan.device<...>, ...]` on the module: the
      devices the program may run on;
    * `memplan.device = "name"` on a device sub-function (the device runs
      it) and on an allocation in a device's memory;
    * `memplan.transfer = #memplan.transfer<...>` on the copy a
      `memplan.transfer` bufferizes into;
    * `memplan.unit = #memplan.unit<...>` on an operation of a device
      sub-function: its execution unit and place in the schedule.
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
    /// Unit attribute on a `linalg` op that writes its result over an input
    /// it reads (its init), left by memplan-elementwise-in-place.
    static constexpr ::llvm::StringLiteral kInPlaceAttrName = "memplan.in_place";
    /// Module attribute: the target description, an array of
    /// #memplan.device.
    static constexpr ::llvm::StringLiteral kTargetsAttrName = "memplan.targets";
    /// String attribute naming a device: on a device sub-function, and on an
    /// allocation in the device's memory.
    static constexpr ::llvm::StringLiteral kDeviceAttrName = "memplan.device";
    /// #memplan.transfer on the copy a memplan.transfer bufferizes into.
    static constexpr ::llvm::StringLiteral kTransferAttrName = "memplan.transfer";
    /// #memplan.unit on an operation of a device sub-function.
    static constexpr ::llvm::StringLiteral kUnitAttrName = "memplan.unit";
    /// The device a program runs on when nothing says otherwise.
    static constexpr ::llvm::StringLiteral kHostDeviceName = "host";

    /// The target description of `module`'s program, if it has one.
    static ::llvm::ArrayRef<::mlir::Attribute> getTargets(::mlir::Operation *module);
    /// The device of that description named `name`, or null.
    static ::mlir::memplan::DeviceAttr getTarget(::mlir::Operation *module,
                                                 ::llvm::StringRef name);
  }];
}

class MemPlan_Op<string mnemonic, list<Trait> traits = []>
    : Op<MemPlan_Dialect, mnemonic, traits>;

#endif // MEMPLAN_DIALECT_MEMPLAN_IR_MEMPLANBASE_TD
