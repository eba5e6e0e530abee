//===- MemPlanAttrs.td - memplan attributes ----------------*- tablegen -*-===//

#ifndef MEMPLAN_DIALECT_MEMPLAN_IR_MEMPLANATTRS_TD
#define MEMPLAN_DIALECT_MEMPLAN_IR_MEMPLANATTRS_TD

include "memplan/Dialect/MemPlan/IR/MemPlanBase.td"
include "mlir/IR/AttrTypeBase.td"

class MemPlan_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<MemPlan_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

def MemPlan_BufferAttr : MemPlan_Attr<"Buffer", "buffer"> {
  let summary = "Lifetime, use count and (once planned) offset of a buffer";
  let description = [{
    Attached as `memplan.buffer` to a planned buffer: first to its
    `memref.alloc` by `memplan-liveness`, then to the `memref.view` that
    replaces it.

    * `id`: the buffer's number, unique within its function.
    * `size`: bytes.
    * `start`, `end`: the buffer holds data during the schedule steps
      [start, end), from its first use to one past its last use. A step is a
      top-level operation of the function body; a use inside a loop or
      branch counts for the whole enclosing operation.
    * `uses`: the number of steps that read the buffer (its consumers).
    * `offset` (after `memplan-assign-offsets`): byte offset in the arena.
    * `in_place_of` (optional): the id of a buffer that dies at this
      buffer's first step and whose block this buffer takes over in place.
    * `device` (optional, default the host): the device whose arena holds
      the buffer.

    Ids and steps are those of the buffer's program: a function with the
    device sub-functions it calls, whose steps count as steps of the call.

    ```mlir
    #memplan.buffer<id = 3, size = 4096, start = 2, end = 7, uses = 2, offset = 128>
    #memplan.buffer<id = 4, size = 256, start = 3, end = 5, uses = 1, device = "npu0">
    ```
  }];
  let parameters = (ins
    "int64_t":$id,
    "int64_t":$size,
    "int64_t":$start,
    "int64_t":$end,
    "int64_t":$uses,
    OptionalParameter<"std::optional<int64_t>">:$offset,
    OptionalParameter<"std::optional<int64_t>">:$in_place_of,
    OptionalParameter<"::mlir::StringAttr">:$device
  );
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// The device whose arena holds the buffer.
    ::llvm::StringRef getDeviceName() const;
  }];
}

def MemPlan_ArenaAttr : MemPlan_Attr<"Arena", "arena"> {
  let summary = "The plan of one device's arena";
  let description = [{
    The result of planning one arena.

    * `device`: the device whose memory holds the arena.
    * `size`: bytes the arena needs (the largest offset + size).
    * `alignment`: alignment of the arena and of every buffer offset in it.
    * `lower_bound`: the largest total size of planned buffers live at one
      moment (counting the padding every buffer but the topmost needs to
      keep the next offset aligned); no plan of these lifetimes can be
      smaller.
    * `no_reuse`: the arena without any reuse: the sum of all planned buffer
      sizes, each rounded up to the alignment.
    * `buffers`: how many buffers the arena holds.

    ```mlir
    #memplan.arena<device = "host", size = 4096, alignment = 64,
                   lower_bound = 4096, no_reuse = 12288, buffers = 5>
    ```
  }];
  let parameters = (ins
    StringRefParameter<"device name">:$device,
    "int64_t":$size,
    "int64_t":$alignment,
    "int64_t":$lower_bound,
    "int64_t":$no_reuse,
    "int64_t":$buffers
  );
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

def MemPlan_OpSupportAttr : MemPlan_Attr<"OpSupport", "op"> {
  let summary = "An operator a device supports";
  let description = [{
    One entry of a device's `ops`: the operation name, optionally
    restricted to operands and results of the given element types and to
    results (what the operation computes) of the given ranks.

    ```mlir
    #memplan.op<name = "linalg.conv_2d_nchw_fchw">
    #memplan.op<name = "linalg.matmul", element_types = [f32, f16], ranks = [2]>

    Inside a `#memplan.device`, entries are written without the
    `#memplan.op` prefix.
    ```
  }];
  let parameters = (ins
    "::mlir::StringAttr":$name,
    OptionalParameter<"::mlir::ArrayAttr">:$element_types,
    OptionalArrayRefParameter<"int64_t">:$ranks
  );
  // `<name = "...", element_types = [...], ranks = [...]>`, the last two
  // optional.
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// True if this entry covers `op`.
    bool matches(::mlir::Operation *op) const;
  }];
}

def MemPlan_DeviceAttr : MemPlan_Attr<"Device", "device"> {
  let summary = "A device the program may run on";
  let description = [{
    One device of the target description (`memplan.targets` on the module):

    * `name`: unique among the devices;
    * `kind`: `cpu`, `gpu`, `npu`, `dsp` or `fpga`;
    * `capacity`: bytes of memory; `reserved`: bytes of it kept in reserve,
      used only when a plan does not fit in `capacity - reserved`;
    * `alignment`: alignment of the device's arena and buffer offsets;
    * `compute_units`: how many execution units can run at once;
    * `speed`: relative throughput (higher is faster), to prefer devices;
    * `reuse`: `min-memory` (buffers share bytes whenever their lifetimes
      are disjoint in the schedule) or `max-parallel` (buffers of execution
      units that may run concurrently never share bytes);
    * `host`: the one device that runs everything the others cannot, and
      the program itself; it supports every operator;
    * `ops`: the operators the device supports (`#memplan.op`).

    ```mlir
    #memplan.device<name = "npu0", kind = "npu", capacity = 4194304,
                    reserved = 262144, alignment = 128, compute_units = 4,
                    speed = 8, reuse = "min-memory", host = false,
                    ops = [<name = "linalg.conv_2d_nchw_fchw">]>
    ```
  }];
  let parameters = (ins
    "::mlir::StringAttr":$name,
    "::mlir::StringAttr":$kind,
    "int64_t":$capacity,
    "int64_t":$reserved,
    "int64_t":$alignment,
    "int64_t":$compute_units,
    "int64_t":$speed,
    "::mlir::StringAttr":$reuse,
    "bool":$host,
    OptionalArrayRefParameter<"::mlir::memplan::OpSupportAttr">:$ops
  );
  let assemblyFormat = [{
    `<` `name` `=` $name `,` `kind` `=` $kind `,` `capacity` `=` $capacity
        `,` `reserved` `=` $reserved `,` `alignment` `=` $alignment
        `,` `compute_units` `=` $compute_units `,` `speed` `=` $speed
        `,` `reuse` `=` $reuse `,` `host` `=` $host
        (`,` `ops` `=` `[` $ops^ `]`)? `>`
  }];
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    /// True if the device can run `op` (the host runs everything).
    bool supports(::mlir::Operation *op) const;
    /// True for the `max-parallel` reuse principle.
    bool keepsParallelUnitsApart() const {
      return getReuse().getValue() == "max-parallel";
    }
  }];
}

def MemPlan_TransferAttr : MemPlan_Attr<"Transfer", "transfer"> {
  let summary = "A move of data from one device's memory to another's";
  let description = [{
    The route of a `memplan.transfer`, and, after bufferization, of the copy
    it becomes (as the `memplan.transfer` attribute of that `memref.copy`).

    ```mlir
    #memplan.transfer<from = "host", to = "npu0">
    ```
  }];
  let parameters = (ins "::mlir::StringAttr":$from, "::mlir::StringAttr":$to);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

def MemPlan_ExecutionUnitAttr : MemPlan_Attr<"ExecutionUnit", "unit"> {
  let summary = "The execution unit an operation belongs to";
  let description = [{
    Set by `memplan-split-execution-units` on every operation of a device
    sub-function that computes: the operations of one execution `unit` run
    together on the device's compute unit `compute_unit`, as the `order`-th
    unit of the sub-function's schedule (units run in this order on one
    compute unit; units on different compute units may overlap when no
    dependence orders them). `after` lists the units it depends on directly
    (whose results it uses). `flops` and `bytes` are the cost estimates the
    schedule used. The attribute survives bufferization on `linalg` ops.

    ```mlir
    #memplan.unit<id = 3, compute_unit = 1, order = 4, flops = 1024, bytes = 4096, after = [1, 2]>
    ```
  }];
  let parameters = (ins
    "int64_t":$id,
    "int64_t":$compute_unit,
    "int64_t":$order,
    "int64_t":$flops,
    "int64_t":$bytes,
    OptionalArrayRefParameter<"int64_t">:$after
  );
  let assemblyFormat = [{
    `<` `id` `=` $id `,` `compute_unit` `=` $compute_unit `,` `order` `=` $order
        `,` `flops` `=` $flops `,` `bytes` `=` $bytes
        (`,` `after` `=` `[` $after^ `]`)? `>`
  }];
  let genVerifyDecl = 1;
}

#endif // MEMPLAN_DIALECT_MEMPLAN_IR_MEMPLANATTRS_TD
