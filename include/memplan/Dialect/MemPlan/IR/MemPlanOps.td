//===- MemPlanOps.td - memplan operations ------------------*- tablegen -*-===//

#ifndef MEMPLAN_DIALECT_MEMPLAN_IR_MEMPLANOPS_TD
#define MEMPLAN_DIALECT_MEMPLAN_IR_MEMPLANOPS_TD

include "memplan/Dialect/MemPlan/IR/MemPlanAttrs.td"
include "mlir/IR/OpAsmInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/IR/CommonTypeConstraints.td"
include "mlir/Interfaces/InferTypeOpInterface.td"

def MemPlan_ArenaOp : MemPlan_Op<"arena", [
    DeclareOpInterfaceMethods<MemoryEffectsOpInterface>,
    DeclareOpInterfaceMethods<OpAsmOpInterface, ["getAsmResultNames"]>]> {
  let summary = "The storage of one device's arena";
  let description = [{
    Yields the byte buffer that holds every planned buffer of one device as
    a `memref.view` at a fixed offset. `plan` records the arena's device,
    size, alignment and lower bound.

    Without `in`, the arena is allocated where the op stands (at function
    entry). With `in %storage`, the caller provides the storage, e.g. as a
    function argument on targets without a heap.

    ```mlir
    %arena = memplan.arena <device = "host", size = 4096,
        alignment = 64, lower_bound = 4096, no_reuse = 12288, buffers = 5>
        : memref<4096xi8>
    %0 = memref.view %arena[%c0][] : memref<4096xi8> to memref<8x32xf32>
    ```

    `memplan-lower-arenas` replaces the op by `memref.alloc` with the plan's
    alignment, or by the storage operand.
  }];
  let arguments = (ins MemPlan_ArenaAttr:$plan,
                       Optional<MemRefRankOf<[I8], [1]>>:$storage);
  let results = (outs MemRefRankOf<[I8], [1]>:$arena);
  // `in %storage` has the arena's own type, so it is printed once.
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
}

def MemPlan_TransferOp : MemPlan_Op<"transfer", [Pure, SameOperandsAndResultType]> {
  let summary = "Moves a tensor from one device to another";
  let description = [{
    The value `source`, computed on device `route.from`, as a tensor on
    device `route.to`. `memplan-partition-devices` puts one on every value
    that crosses devices. One-shot bufferization turns it into an
    allocation on the destination device (`memplan.device`) and a
    `memref.copy` marked with the route.

    ```mlir
    %on_npu = memplan.transfer %x <from = "host", to = "npu0"> : tensor<1x64x56x56xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$source, MemPlan_TransferAttr:$route);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$source $route attr-dict `:` type($result)";
}

#endif // MEMPLAN_DIALECT_MEMPLAN_IR_MEMPLANOPS_TD
