//===- Passes.td - memplan passes --------------------------*- tablegen -*-===//

#ifndef MEMPLAN_TRANSFORMS_PASSES_TD
#define MEMPLAN_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def MemPlanTargetsPass : Pass<"memplan-targets", "ModuleOp"> {
  let summary = "Read the devices a program may run on from a JSON file";
  let description = [{
    Reads a target description and records it as the module's
    `memplan.targets` attribute (an array of `#memplan.device`), which
    device partitioning, execution-unit splitting and arena planning read.
    The file holds one object with a `devices` list; per device:

    | key | required | meaning |
    |---|---|---|
    | `name` | yes | unique name |
    | `kind` | yes | `cpu`, `gpu`, `npu`, `dsp` or `fpga` |
    | `capacity` | yes | bytes of memory |
    | `reserved` | no (0) | bytes of the capacity kept in reserve |
    | `alignment` | no (64) | alignment of the arena and of buffer offsets |
    | `compute_units` | no (1) | execution units that can run at once |
    | `speed` | no (1) | relative throughput; faster devices are preferred |
    | `reuse` | no (`min-memory`) | `min-memory` or `max-parallel` |
    | `host` | no (false) | the one device that runs everything else |
    | `ops` | no | supported operators: names, or objects with `name`, `element_types` (of every operand and result, e.g. `["f32"]`) and `ranks` (of the results) |

    ```json
    {"devices": [
      {"name": "host", "kind": "cpu", "host": true, "capacity": 1073741824},
      {"name": "npu0", "kind": "npu", "capacity": 4194304, "reserved": 262144,
       "ops": ["linalg.conv_2d_nchw_fchw",
               {"name": "linalg.matmul", "element_types": ["f32"], "ranks": [2]} ] } ] }
    ```

    Unknown keys, missing or ill-typed values, negative sizes, reserved
    memory beyond the capacity, duplicate names and a missing (or second)
    host are errors naming the file, the device and the key.
  }];
  let options = [
    Option<"file", "file", "std::string", /*default=*/"\"\"",
           "The JSON target description">,
  ];
  let dependentDialects = ["::mlir::memplan::MemPlanDialect"];
}

def MemPlanPartitionDevicesPass : Pass<"memplan-partition-devices", "ModuleOp"> {
  let summary = "Place every operation on a device and outline per-device sub-functions";
  let description = [{
    Reads the module's target description (`memplan.targets`, see
    `memplan-targets`) and, in every function of the host:

    1. places each operation on the fastest device that supports it
       (`#memplan.op` entries: name, element types, ranks), the host when
       none does, and always when it is dynamically shaped (a device's
       memory is a fixed arena; a remark says so); reshapes and casts run
       where their source was computed;
       constants, empty tensors, fills of them, reshapes of constants and
       scalar arithmetic on constants are copied into every sub-function
       that needs them;
    2. merges operations into maximal connected same-device regions, in
       program order, never joining a region that another region the
       operation depends on itself depends on (which would make the regions
       a cycle); operations with side effects keep their order;
    3. outlines each region into a private function with `memplan.device`,
       called from the original function in a topological order of the
       regions, and puts a `memplan.transfer` on every value that reaches a
       region (or the function's results) from another device. A host
       region with dynamically shaped inputs or outputs stays inline.

    A function whose operations all run on the host is left as it is.

    Before (npu0 supports convolutions):
    ```mlir
    func.func @forward(%x: tensor<1x3x8x8xf32>) -> tensor<1x4x6x6xf32> {
      %c = linalg.conv_2d_nchw_fchw ins(%x, %w : ...) outs(%acc : ...) -> tensor<1x4x6x6xf32>
      %r = linalg.generic ... ins(%c : ...) ...   // only the host has it
      return %r : tensor<1x4x6x6xf32>
    }
    ```
    After:
    ```mlir
    func.func @forward(%x: tensor<1x3x8x8xf32>) -> tensor<1x4x6x6xf32> {
      %0 = memplan.transfer %x <from = "host", to = "npu0"> : tensor<1x3x8x8xf32>
      %1 = call @forward_npu0_0(%0) : (tensor<1x3x8x8xf32>) -> tensor<1x4x6x6xf32>
      %2 = memplan.transfer %1 <from = "npu0", to = "host"> : tensor<1x4x6x6xf32>
      %3 = call @forward_host_1(%2) : (tensor<1x4x6x6xf32>) -> tensor<1x4x6x6xf32>
      return %3 : tensor<1x4x6x6xf32>
    }
    func.func private @forward_npu0_0(...) attributes {memplan.device = "npu0"}
    func.func private @forward_host_1(...) attributes {memplan.device = "host"}
    ```
  }];
  let options = [
    ListOption<"hostOps", "host-ops", "std::string",
               "Operation names that always run on the host">,
    Option<"merge", "merge", "bool", /*default=*/"true",
           "Merge operations into regions (false: one sub-function per "
           "operation, for debugging)">,
  ];
  let statistics = [
    Statistic<"numPartitioned", "partitioned-functions", "Functions split over devices">,
    Statistic<"numTransfers", "transfers", "memplan.transfer ops created">,
  ];
  let dependentDialects = ["::mlir::func::FuncDialect",
                           "::mlir::memplan::MemPlanDialect"];
}

def MemPlanSplitExecutionUnitsPass : Pass<"memplan-split-execution-units", "ModuleOp"> {
  let summary = "Group each device sub-function's operations into execution units and schedule them";
  let description = [{
    In every device sub-function (`memplan.device`), each `linalg`
    operation but fills becomes an execution unit (other operations, such
    as fills, pads and slices, run right before their first user, in its
    unit); with
    `fuse-elementwise`, an elementwise `linalg.generic` joins the unit of
    the producer of one of its operands when it is that producer's only
    user (a convolution with its batch norm and activation is one unit).
    Units are list-scheduled onto the device's `compute_units` (from
    `memplan.targets`; one without): the ready unit with the longest path
    to the end goes first, onto the compute unit where it can start
    earliest, with a duration of its estimated flops plus bytes (the
    estimates of `memplan-report`). The function is reordered into the
    schedule's order (unless it has operations with side effects, whose
    order stays), and every operation of a unit records
    `memplan.unit = #memplan.unit<id, compute_unit, order, flops, bytes,
    after>`, which survives bufferization on `linalg` operations.

    `memplan-liveness` then measures lifetimes in whole units and, on
    devices whose `reuse` is `max-parallel`, keeps the buffers of units that
    may run at the same time (on different compute units, with no
    dependence path between them) in separate bytes.

    Before:
    ```mlir
    func.func private @f_npu0_0(...) attributes {memplan.device = "npu0"} {
      %a = linalg.conv_2d_nchw_fchw ...
      %b = linalg.generic ... ins(%a ...)     // the conv's only user: fused
      %c = linalg.conv_2d_nchw_fchw ...       // independent of %a, %b
    ```
    After (two compute units):
    ```mlir
      %a = linalg.conv_2d_nchw_fchw {memplan.unit = #memplan.unit<id = 0, compute_unit = 0, order = 0, ...>} ...
      %b = linalg.generic {memplan.unit = #memplan.unit<id = 0, compute_unit = 0, order = 0, ...>} ...
      %c = linalg.conv_2d_nchw_fchw {memplan.unit = #memplan.unit<id = 1, compute_unit = 1, order = 1, ...>} ...
    ```
  }];
  let options = [
    Option<"fuseElementwise", "fuse-elementwise", "bool", /*default=*/"true",
           "Fuse an elementwise op into the unit of its operand's producer">,
  ];
  let statistics = [
    Statistic<"numUnits", "units", "Execution units formed">,
  ];
  let dependentDialects = ["::mlir::memplan::MemPlanDialect"];
}

def MemPlanFoldConstantsPass : Pass<"memplan-fold-constants"> {
  let summary = "Remove the runtime buffers of computations on constants";
  let description = [{
    Exported networks compute on constants at run time (weight transposes,
    bias broadcasts, batch-norm parameter arithmetic), each time into a
    runtime buffer. For every `linalg` op on tensors whose inputs are all
    constants, in order of preference:

    1. a transpose or broadcast read only by `linalg.generic`,
       `linalg.matmul` or `linalg.batch_matmul` ops is composed into the
       readers' indexing maps: they read the original constant and no moved
       copy exists;
    2. a payload the pass can evaluate exactly as the compiled program would
       (IEEE arithmetic, comparisons, selects, square roots, integer
       operations) is computed at compile time: a splat result stays a
       splat (a `linalg.fill` if a reader writes into it), a dense result is
       kept only within `max-fold-bytes` and if it adds no constant data;
    3. otherwise the op stays, with a remark saying why.

    Before:
    ```mlir
    %t = linalg.generic {indexing_maps = [(d0, d1) -> (d0, d1), (d0, d1) -> (d1, d0)], ...}
        ins(%w : tensor<1000x512xf32>) outs(%e : tensor<512x1000xf32>) {...}
    %y = linalg.matmul ins(%x, %t : tensor<1x512xf32>, tensor<512x1000xf32>) outs(%acc : ...)
    ```
    After:
    ```mlir
    %y = linalg.matmul indexing_maps = [(m, n, k) -> (m, k), (m, n, k) -> (n, k), (m, n, k) -> (m, n)]
        ins(%x, %w : tensor<1x512xf32>, tensor<1000x512xf32>) outs(%acc : ...)
    ```
  }];
  let options = [
    Option<"maxFoldBytes", "max-fold-bytes", "int64_t", /*default=*/"1048576",
           "Largest dense (not splat) result computed at compile time">,
  ];
  let statistics = [
    Statistic<"numComposed", "composed", "Constant transposes and broadcasts composed into readers">,
    Statistic<"numFolded", "folded", "Constant computations evaluated at compile time">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def MemPlanReorderPass : Pass<"memplan-reorder"> {
  let summary = "Order independent operations so that fewer buffers are live at once";
  let description = [{
    List-schedules every block of every function on tensors. An operation
    is ready once the operations defining the values it uses (its regions
    included) have run and, if it has memory effects (or unknown ones),
    once every earlier operation with memory effects has run: dependences
    and side effects keep their order. Two policies pick among the ready
    operations: the one that grows the working set least, and the one that
    continues the branch computed last (then the least growth). The working
    set of an order is estimated with one-shot bufferization's model: views
    share their source's buffer, a destination-style result shares its
    init's buffer when the init dies there, `tensor.empty` holds no memory
    until written, constants and values from outside the block are not
    counted. The block takes the order with the smallest estimated peak,
    and keeps its own unless another is strictly smaller.

    Before (both branches' inputs live together):
    ```mlir
    %a1 = linalg.generic ins(%x) ...   // branch a, 4 KiB
    %b1 = linalg.generic ins(%x) ...   // branch b, 4 KiB
    %a2 = linalg.generic ins(%a1) ...  // 64 B
    %b2 = linalg.generic ins(%b1) ...  // 64 B
    ```
    After (each branch finishes before the next starts):
    ```mlir
    %a1 = linalg.generic ins(%x) ...
    %a2 = linalg.generic ins(%a1) ...
    %b1 = linalg.generic ins(%x) ...
    %b2 = linalg.generic ins(%b1) ...
    ```
  }];
  let options = [
    Option<"emitRemarks", "emit-remarks", "bool", /*default=*/"false",
           "Remark on every reordered block with its estimated working set "
           "before and after">,
  ];
  let statistics = [
    Statistic<"numReordered", "reordered-blocks", "Blocks given a new order">,
    Statistic<"estimatedBytesSaved", "estimated-bytes-saved",
              "Estimated working-set bytes saved, over all reordered blocks">,
  ];
}

def MemPlanElementwiseInPlacePass : Pass<"memplan-elementwise-in-place"> {
  let summary = "Let elementwise ops on tensors write over an input that dies there";
  let description = [{
    A `linalg.generic` on tensors whose init is a `tensor.empty` and that
    computes each element from the element at the same position of an input
    (all loops parallel, the same type, the same injective indexing map up
    to unit dimensions, the init never read) is rewritten to write into that
    input when nothing after it uses the input and the input is the result
    of a `linalg` op: the input becomes the init, read through the init's
    block argument, and the op is marked `memplan.in_place` (which
    `memplan-report` counts). One-shot bufferization then computes the op in the
    input's buffer, with no copy, and upstream `eliminate-empty-tensors`
    follows producer chains through it: a convolution, its activation and
    the pad after them all write into one padded buffer.

    This is the tensor-level half of in-place reuse; `memplan-liveness`
    finds the rest on buffers.

    Before:
    ```mlir
    %c = linalg.conv_2d_nchw_fchw ins(...) outs(%acc : tensor<1x8x4x4xf32>)
    %e = tensor.empty() : tensor<1x8x4x4xf32>
    %r = linalg.generic {indexing_maps = [#id, #id], ...}
        ins(%c : tensor<1x8x4x4xf32>) outs(%e : tensor<1x8x4x4xf32>) {
    ^bb0(%in: f32, %out: f32):
      %m = arith.maximumf %in, %zero : f32
      linalg.yield %m : f32
    }
    ```
    After:
    ```mlir
    %c = linalg.conv_2d_nchw_fchw ins(...) outs(%acc : tensor<1x8x4x4xf32>)
    %r = linalg.generic {indexing_maps = [#id], ...}
        outs(%c : tensor<1x8x4x4xf32>) attrs = {memplan.in_place} {
    ^bb0(%out: f32):
      %m = arith.maximumf %out, %zero : f32
      linalg.yield %m : f32
    }
    ```
  }];
  let statistics = [
    Statistic<"numRewritten", "rewritten", "Elementwise ops now writing over an input">,
    Statistic<"bytesReused", "bytes-reused", "Bytes of the inputs written over">,
  ];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::memplan::MemPlanDialect"];
}

def MemPlanAvoidCopiesPass : Pass<"memplan-avoid-copies"> {
  let summary = "Shape a tensor program so that bufferization needs no copies";
  let description = [{
    Two patterns of exported networks make one-shot bufferization copy:

    * one `tensor.empty`, or `linalg.fill` of one, used as the destination
      of several ops: each user but the first gets its own clone
      (`unshare-inits`);
    * `tensor.pad`: it becomes a fill of the padded tensor, created before
      the producer of the padded value, and a `tensor.insert_slice` of the
      value into it (`decompose-pads`); upstream `eliminate-empty-tensors`
      then lets the producer write straight into the padded tensor.

    Before:
    ```mlir
    %r = linalg.generic ... outs(%e : tensor<1x64x8x8xf32>)
    %p = tensor.pad %r low[0, 0, 1, 1] high[0, 0, 1, 1] { tensor.yield %zero : f32 }
    ```
    After (and, after `eliminate-empty-tensors`, %r is computed into the
    interior of %f):
    ```mlir
    %pe = tensor.empty() : tensor<1x64x10x10xf32>
    %f = linalg.fill ins(%zero : f32) outs(%pe : tensor<1x64x10x10xf32>)
    %r = linalg.generic ... outs(%e : tensor<1x64x8x8xf32>)
    %p = tensor.insert_slice %r into %f[0, 0, 1, 1] [1, 64, 8, 8] [1, 1, 1, 1]
    ```

    And one pattern where avoiding a copy costs memory: a value inserted
    into several tensors (DenseNet's features, concatenated into every later
    layer's input). `eliminate-empty-tensors` would compute it into the
    first of them, and the later insertions would then keep that whole
    tensor live; its `tensor.empty` becomes a `bufferization.alloc_tensor`,
    which that elimination leaves alone, so the value keeps its own small
    buffer and is copied (`isolate-multiply-inserted`; on densenet121 from
    ONNX the arena drops from 15.8 MB to 7.2 MB).
  }];
  let options = [
    Option<"unshare", "unshare-inits", "bool", /*default=*/"true",
           "Give each user of a shared empty or filled destination its own">,
    Option<"decomposePads", "decompose-pads", "bool", /*default=*/"true",
           "Turn tensor.pad into a fill and an insert_slice">,
    Option<"isolateInserted", "isolate-multiply-inserted", "bool",
           /*default=*/"true",
           "Give a value inserted into several tensors a buffer of its own "
           "(a bufferization.alloc_tensor) instead of letting "
           "eliminate-empty-tensors compute it into one of them">,
  ];
  let statistics = [
    Statistic<"numUnshared", "unshared-inits", "Destinations cloned for their users">,
    Statistic<"numPads", "decomposed-pads", "tensor.pad ops decomposed">,
    Statistic<"numIsolated", "isolated-inserted-values",
              "Values inserted into several tensors given their own buffer">,
  ];
  let dependentDialects = ["::mlir::bufferization::BufferizationDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def MemPlanOrderConstantGlobalsPass
    : Pass<"memplan-order-constant-globals", "ModuleOp"> {
  let summary = "Name and order the globals bufferization made of constants by their first use";
  let description = [{
    One-shot bufferization turns every constant tensor into a
    `memref.global` named after its type (`@__constant_4x8xf32`, then
    `@__constant_4x8xf32_0`, ...) in the order it visits functions, and with
    several functions that order is not fixed from run to run. This pass
    renames those globals (`__constant_` followed by anything but an
    underscore, and an optional `_N`) and moves them to the top of the module
    in the order of their first `memref.get_global` in program order, so that
    the output is a function of the input alone. Globals without a use keep
    their relative order after the used ones. Nothing else changes.
  }];
  let dependentDialects = ["memref::MemRefDialect"];
  let statistics = [
    Statistic<"numRenamed", "renamed-globals", "Constant globals renamed">,
  ];
}

def MemPlanLivenessPass : Pass<"memplan-liveness", "ModuleOp"> {
  let summary = "Annotate every plannable buffer with its lifetime and use count";
  let description = [{
    Computes, for every function, the lifetime of each statically shaped
    `memref.alloc`/`memref.alloca` in schedule steps (the function's top-level
    operations in order) by use counting: a buffer lives from its first use
    to its last use, uses through aliases (`subview`, `expand_shape`,
    `collapse_shape`, `cast`, `reinterpret_cast`, `view`, region arguments)
    count as uses of the buffer, and a use nested in a loop or branch counts
    for the whole enclosing operation. The result is attached to the
    allocation as a `#memplan.buffer` attribute.

    A buffer is not planned, with a remark saying why, when it has a dynamic
    shape (it stays a heap allocation), escapes (returned, stored into
    memory, passed to a call, yielded out of the region that allocates it,
    used by an operation whose memory effects are unknown), is allocated
    inside a parallel loop, or has no fixed byte layout.

    With `in-place` (the default), an elementwise `linalg` operation whose
    input dies at it may write its output over that input: the output's
    attribute names the input in `in_place_of`, and the planner gives both
    the same offset.

    Before:
    ```mlir
    %a = memref.alloc() : memref<16xf32>
    linalg.fill ins(%cst : f32) outs(%a : memref<16xf32>)
    %b = memref.alloc() : memref<16xf32>
    linalg.generic {...} ins(%a : memref<16xf32>) outs(%b : memref<16xf32>)
    ```
    After:
    ```mlir
    %a = memref.alloc() {memplan.buffer = #memplan.buffer<id = 0, size = 64,
                         start = 1, end = 4, uses = 1>} : memref<16xf32>
    ...
    %b = memref.alloc() {memplan.buffer = #memplan.buffer<id = 1, size = 64,
                         start = 3, end = 5, uses = 1, in_place_of = 0>} : memref<16xf32>
    ```
  }];
  let options = [
    Option<"inPlace", "in-place", "bool", /*default=*/"true",
           "Let an elementwise op's output take the block of an input that "
           "dies at the op">,
    Option<"testRepeatOldMistakes", "test-repeat-old-mistakes", "bool",
           /*default=*/"false",
           "Testing only: plan what earlier versions planned wrongly (buffers "
           "read through to_tensor, reallocated, used by async regions or "
           "carried around a loop of blocks; in place over an input the "
           "payload reads elsewhere), so that tests show memplan-verify-plan "
           "and the run-time checker catch it">,
  ];
  let statistics = [
    Statistic<"numPlanned", "planned-buffers", "Buffers annotated for planning">,
    Statistic<"numUnplanned", "unplanned-buffers", "Buffers left out of the plan">,
    Statistic<"numInPlace", "in-place-pairs", "Buffers that take over an input's block">,
  ];
  let dependentDialects = ["::mlir::memplan::MemPlanDialect"];
}

def MemPlanAssignOffsetsPass : Pass<"memplan-assign-offsets", "ModuleOp"> {
  let summary = "Give every annotated buffer a byte offset in its arena";
  let description = [{
    Builds one offset-assignment problem per function from the
    `#memplan.buffer` annotations of `memplan-liveness` (buffers taking
    another's block in place share its offset) and solves it with the
    planner library. Each annotation gains an `offset`; the function gains a
    `memplan.arenas` attribute recording the arena's size, alignment, lower
    bound (the largest total size of buffers live at one moment) and the
    size without any reuse.

    Strategies (`strategy=`): `naive` (no reuse except in-place pairs),
    the heuristics `best-fit`, `first-fit`, `longest-first`, `area-first`,
    `contention-first` and `skyline`, `portfolio` (every heuristic, keeps
    the best), `exact` (branch and bound within `time-limit`) and `auto`
    (portfolio, then, only if the lower bound is not met, the exact search
    and skyline restarts within `time-limit`). The time limit is turned into
    a fixed amount of search work, so a plan is the same on every machine.

    Before:
    ```mlir
    func.func @f() {
      %a = memref.alloc() {memplan.buffer = #memplan.buffer<id = 0, size = 64, start = 1, end = 3, uses = 1>} : memref<16xf32>
      %b = memref.alloc() {memplan.buffer = #memplan.buffer<id = 1, size = 64, start = 3, end = 5, uses = 1>} : memref<16xf32>
      ...
    ```
    After:
    ```mlir
    func.func @f() attributes {memplan.arenas = [#memplan.arena<device = "host",
        size = 64, alignment = 64, lower_bound = 64, no_reuse = 128, buffers = 2>]} {
      %a = memref.alloc() {memplan.buffer = #memplan.buffer<id = 0, size = 64, start = 1, end = 3, uses = 1, offset = 0>} : memref<16xf32>
      %b = memref.alloc() {memplan.buffer = #memplan.buffer<id = 1, size = 64, start = 3, end = 5, uses = 1, offset = 0>} : memref<16xf32>
    ```
  }];
  let options = [
    Option<"strategy", "strategy", "::mlir::memplan::planner::Strategy",
           /*default=*/"::mlir::memplan::planner::Strategy::Auto",
           "Offset strategy", "::mlir::memplan::StrategyValues()">,
    Option<"alignment", "alignment", "int64_t", /*default=*/"64",
           "Alignment in bytes of the arena and of every buffer offset "
           "(a power of two)">,
    Option<"timeLimit", "time-limit", "double", /*default=*/"0.5",
           "Search effort per function in seconds on a typical machine "
           "(exact, auto); fixed work, so plans do not depend on the machine">,
    Option<"testForceOverlap", "test-force-overlap", "bool",
           /*default=*/"false",
           "Testing only: corrupt the plan by moving a buffer onto another "
           "one that is live at the same time">,
    Option<"testCorruptSeed", "test-corrupt-seed", "uint64_t",
           /*default=*/"0",
           "Testing only (with test-force-overlap): the pair of buffers live "
           "at the same time to overlap is drawn with this seed (0: the "
           "first pair)">,
  ];
  let statistics = [
    Statistic<"numBuffers", "planned-buffers", "Buffers given an offset">,
    Statistic<"arenaBytes", "arena-bytes", "Bytes of all arenas">,
    Statistic<"lowerBoundBytes", "lower-bound-bytes", "Sum of the arenas' lower bounds">,
    Statistic<"noReuseBytes", "no-reuse-bytes", "Bytes the buffers need without reuse">,
  ];
  let dependentDialects = ["::mlir::memplan::MemPlanDialect"];
}

def MemPlanMaterializeArenasPass
    : Pass<"memplan-materialize-arenas", "ModuleOp"> {
  let summary = "Turn every planned buffer into a view of its function's arena";
  let description = [{
    For every function with a `memplan.arenas` plan, creates one
    `memplan.arena` at function entry and replaces every planned allocation
    by a `memref.view` of it at the buffer's offset; deallocations of planned
    buffers disappear. The `#memplan.buffer` annotation moves to the view.

    With `arena-storage=argument`, the function instead receives the arena
    as a new last argument (for targets without a heap); calls of the
    function within the module allocate an arena for it and pass it.

    Before:
    ```mlir
    func.func @f() attributes {memplan.arenas = [#memplan.arena<device = "host", size = 64, ...>]} {
      %a = memref.alloc() {memplan.buffer = #memplan.buffer<id = 0, ..., offset = 0>} : memref<16xf32>
    ```
    After:
    ```mlir
    func.func @f() {
      %arena = memplan.arena <device = "host", size = 64, ...> : memref<64xi8>
      %c0 = arith.constant 0 : index
      %a = memref.view %arena[%c0][] {memplan.buffer = #memplan.buffer<...>}
          : memref<64xi8> to memref<16xf32>
    ```
  }];
  let options = [
    Option<"arenaStorage", "arena-storage", "ArenaStorage",
           /*default=*/"ArenaStorage::Alloc",
           "Where the arena comes from", "::mlir::memplan::arenaStorageValues()">,
  ];
  let statistics = [
    Statistic<"numViews", "views", "Planned buffers turned into arena views">,
    Statistic<"numArenas", "arenas", "Arenas created">,
  ];
  let dependentDialects = ["::mlir::memplan::MemPlanDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::memref::MemRefDialect"];
}

def MemPlanVerifyPlanPass : Pass<"memplan-verify-plan", "ModuleOp"> {
  let summary = "Independently re-check every arena plan";
  let description = [{
    Re-derives the lifetime of every view of every `memplan.arena` from the
    IR (not from the recorded annotations) and fails with a diagnostic naming
    both buffers if two buffers live at the same moment share a byte (unless
    one legally takes over the other's block in place at the step where one
    dies and the other is born), if an offset breaks the arena's alignment,
    if a buffer runs past the end of the arena, or if a view of the arena
    escapes the function. Changes nothing.
  }];
  let statistics = [
    Statistic<"numChecked", "checked-buffers", "Arena views checked">,
  ];
}

def MemPlanReportPass : Pass<"memplan-report", "ModuleOp"> {
  let summary = "Print how much memory and compute each program needs, per device and layer";
  let description = [{
    For every program (a function with the device sub-functions it calls):

    * per arena (one per device): planned buffers, bytes without reuse,
      lower bound, arena bytes and arena / lower bound;
    * the allocations left on the heap; the copies left (and those planned
      in place); the results written over a dying input and the bytes that
      saves;
    * per device: layers (operations that compute or move data), their
      estimated FLOPs (loop iterations times payload arithmetic) and output
      bytes, and the transfers into the device; layers whose dynamic shapes
      hide part of their cost are counted in part and said to be;
    * per layer (all of them in JSON; in text with `layers`, or those above
      `flops-threshold`): device, operation, location, FLOPs, output bytes,
      and the bytes of the device's arena live while it runs;
    * per device, its memory: weights (the constant globals it reads) +
      arena + heap;
    * per model layer (in JSON; in text with `model-layers`): the layers
      whose locations carry one name (`loc("conv1")`, as
      memplan-import-onnx names every op after its ONNX node) summed:
      FLOPs, the bytes its last operation writes, the most arena bytes live
      while it runs, and the bytes of the weights it reads first.

    The text report also draws every arena in ASCII (time x address, each
    buffer by the kind of the layer that writes it, the lower bound and the
    peak moment marked; `picture=false` leaves it out). JSON
    (`format=json`) holds everything, down to every buffer's offset,
    lifetime and writer, in a versioned schema (docs/report.md,
    docs/report-schema.json). `format=html` writes one self-contained page
    that draws every arena: open it in a browser.

    The report goes to stderr, or to `output` (`-` for stdout), never into
    the IR on stdout. With `csv-dir`, every arena's
    offset problem is also written as CSV (buffers that share a block in
    place are one row, as the planner sees them), so that the plan can be
    compared with other allocators. Changes nothing.

    ```
    memplan report
    @forward
      arena npu0: 77 buffers, no reuse 956416 B, lower bound 131072 B, arena 131072 B, arena/lower bound 1.000
      ...
      device npu0: 41 layers, 70386944 FLOPs, 1003520 B of outputs, 21 transfers in (425984 B)
      layers above 10000000 FLOPs:
        npu0 linalg.conv_2d_nchw_fchw at loc("resnet18.mlir":120:10): 14450688 FLOPs, 65536 B out, 98304 B live
    ```
  }];
  let options = [
    Option<"format", "format", "ReportFormat", /*default=*/"ReportFormat::Text",
           "Report format",
           [{::llvm::cl::values(
             clEnumValN(ReportFormat::Text, "text", "readable text"),
             clEnumValN(ReportFormat::Json, "json",
                        "JSON (docs/report-schema.json)"),
             clEnumValN(ReportFormat::Html, "html",
                        "a self-contained page drawing every arena"))}]>,
    Option<"output", "output", "std::string", /*default=*/"\"\"",
           "File to write the report to (default: stderr; '-' for stdout)">,
    Option<"picture", "picture", "bool", /*default=*/"true",
           "Draw every arena in ASCII in the text report">,
    Option<"layers", "layers", "bool", /*default=*/"false",
           "List every layer in the text report">,
    Option<"flopsThreshold", "flops-threshold", "int64_t", /*default=*/"0",
           "List the layers above this many FLOPs (0: none)">,
    Option<"modelLayers", "model-layers", "bool", /*default=*/"false",
           "List the model's layers (operations grouped by the name of "
           "their location, e.g. the ONNX nodes memplan-import-onnx names "
           "them after) in the text report">,
    Option<"csvDir", "csv-dir", "std::string", /*default=*/"\"\"",
           "Also write every arena's buffers, as the planner saw them, to "
           "DIR/<function>.<device>.csv in the MiniMalloc CSV format (with "
           "alignment and offset columns) for memplan-solve and other "
           "allocators">,
  ];
}

def MemPlanInsertOwnershipClaimsPass
    : Pass<"memplan-insert-ownership-claims", "ModuleOp"> {
  let summary = "Run-time plan checker, part 1: claim arena bytes for each "
                "buffer when its lifetime starts";
  let description = [{
    Instruments a planned program (after `memplan-materialize-arenas`) for
    the run-time plan checker: before the first operation that touches an
    arena view, a call of `memplan_rt_claim` records that the view's buffer
    owns its bytes of the arena (an in-place buffer names the buffer it
    takes over, which may still read them during the handover); after the
    last one, `memplan_rt_release` frees them. The accesses are checked by
    `memplan-check-arena-accesses` once the program is lowered to loads and
    stores; the runtime is `libmemplan_plan_checker.so`. Both run in
    `memplan-lower-to-llvm{check-plan}`.

    Before:
    ```mlir
    %a = memref.view %arena[%c0][] {memplan.buffer = #memplan.buffer<id = 2, ...>} : ...
    linalg.fill ins(%x : f32) outs(%a : memref<16xf32>)
    ```
    After:
    ```mlir
    %a = memref.view %arena[%c0][] {memplan.buffer = #memplan.buffer<id = 2, ...>} : ...
    %p = memref.extract_aligned_pointer_as_index %arena : memref<64xi8> -> index
    call @memplan_rt_claim(%p, %c64, %c0, %c64, %c2_i64, %cm1_i64) : ...
    linalg.fill ins(%x : f32) outs(%a : memref<16xf32>)
    call @memplan_rt_release(%p, %c64, %c0, %c64, %c2_i64) : ...
    ```
  }];
  let statistics = [
    Statistic<"numClaims", "claims", "Buffers given an ownership claim">,
  ];
  let dependentDialects = ["::mlir::func::FuncDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect"];
}

def MemPlanCheckArenaAccessesPass
    : Pass<"memplan-check-arena-accesses", "ModuleOp"> {
  let summary = "Run-time plan checker, part 2: check every load, store and "
                "copy of an arena view against the ownership claims";
  let description = [{
    On a planned program lowered to loads and stores (after
    `convert-linalg-to-loops`), every `memref.load`, `memref.store` and
    `memref.copy` of a view of an arena (seen through subviews, casts and
    reshapes) calls `memplan_rt_check` with the bytes it touches and the
    view's buffer id. The runtime aborts, naming both buffers, when another
    buffer owns one of those bytes at that moment. An access through an
    argument of the function is checked against the buffer the caller
    passed (recorded by `memplan-insert-ownership-claims` at each call); one
    the instrumentation cannot attribute only has to touch owned bytes.
  }];
  let statistics = [
    Statistic<"numChecks", "checks", "Accesses instrumented">,
  ];
  let dependentDialects = ["::mlir::func::FuncDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect"];
}

def MemPlanLowerArenasPass : Pass<"memplan-lower-arenas", "ModuleOp"> {
  let summary = "Replace memplan.arena by upstream memref operations";
  let description = [{
    An arena without storage becomes `memref.alloc` with the plan's
    alignment (deallocated by the upstream buffer-deallocation pipeline); an
    arena with storage becomes its storage, with `memref.assume_alignment`
    recording the promised alignment. Plan annotations (`memplan.buffer`,
    `memplan.arena`) stay as discardable attributes; the partitioning ones
    (`memplan.targets`, `memplan.device`, `memplan.unit`,
    `memplan.transfer`, `memplan.in_place`) are removed, so that tools
    without the memplan dialect read the lowered program. A `memref.copy`
    between two views of the same arena bytes (a buffer planned in place of
    the buffer it copies) is dropped. After this pass the program lowers to
    LLVM with upstream passes only. A program still on tensors is an error.

    Before:
    ```mlir
    %arena = memplan.arena <device = "host", size = 64, alignment = 64, ...> : memref<64xi8>
    ```
    After:
    ```mlir
    %arena = memref.alloc() {alignment = 64 : i64} : memref<64xi8>
    ```
  }];
  let statistics = [
    Statistic<"numDroppedCopies", "dropped-copies",
              "Copies of arena bytes onto themselves removed">,
  ];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

def MemPlanCheckNoDeallocationsPass
    : Pass<"memplan-check-no-deallocations"> {
  let summary = "Fail at the first operation that frees a buffer";
  let description = [{
    Runs in `memplan-lower-to-llvm` before upstream ownership-based buffer
    deallocation, which inserts every free itself and cannot take a program
    that already frees buffers (one that went through upstream
    `ownership-based-buffer-deallocation`, or was written with
    `memref.dealloc`). Such a program is an error at its first freeing
    operation (one with a free effect, or `bufferization.dealloc`) that says what to do, instead of upstream's message about
    side effects. Works on any operation; changes nothing.

    ```
    error: 'memref.dealloc': this program frees its own buffers; lower it with memplan-lower-to-llvm{deallocate=false}
    ```
  }];
}

def MemPlanLowerFrontendPass
    : Pass<"memplan-lower-frontend", "ModuleOp"> {
  let summary = "Bring TOSA and elementwise tensor ops to linalg, as the planner reads them";
  let description = [{
    The first step of `memplan-pipeline` (`frontend=auto`, its default), so
    that programs from the usual front ends plan without a recipe:

    * A module with TOSA operations goes through upstream's TOSA lowering
      (`tosa-to-scf` for `cond_if` and `while_loop`, `tosa-to-linalg-pipeline`
      without its validation, which rejects legal programs such as a
      `tosa.cast` from i64 to f32, then `tosa-to-tensor` for reshapes and
      slices and `tosa-to-arith` for constants). A module
      without TOSA is not touched by it.
    * Elementwise `arith` and `math` operations on ranked tensors
      (`math.cos %t : tensor<...>`, which bufferization cannot take) become
      `linalg.generic`s (upstream's elementwise-to-linalg patterns).

    A TOSA operation that upstream cannot lower is an error at it
    (`failed to legalize operation 'tosa.custom'`); one left over after
    lowering (and still used) too:

    ```
    error: 'tosa.<op>' has no lowering to linalg, tensor or arith
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect", "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect"
  ];
}

def MemPlanStridedCopiesToLoopsPass
    : Pass<"memplan-strided-copies-to-loops"> {
  let summary = "Turn copies between non-contiguous buffers into loops";
  let description = [{
    Upstream lowers a `memref.copy` to `memcpy` when both sides are static,
    contiguous and row-major, and otherwise to a call of `memrefCopy`, a
    function of MLIR's C runner library. Copies into and out of padded or
    sliced buffers are of the second kind. This pass rewrites them into
    `linalg.copy`, which `convert-linalg-to-loops` turns into loops, so that
    the lowered program needs no MLIR runtime (`memplan-compile` links it
    with the C library alone). Contiguous copies are left alone.

    ```mlir
    memref.copy %a, %b : memref<4x4xf32, strided<[8, 1]>> to memref<4x4xf32>
    // becomes
    linalg.copy ins(%a : memref<4x4xf32, strided<[8, 1]>>) outs(%b : memref<4x4xf32>)
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
  let statistics = [
    Statistic<"numStridedCopies", "strided-copies",
              "Copies between non-contiguous buffers made loops">
  ];
}

def MemPlanCheckLoweredToLLVMPass
    : Pass<"memplan-check-lowered-to-llvm", "ModuleOp"> {
  let summary = "Fail at the first operation that was not lowered to the LLVM dialect";
  let description = [{
    The last step of `memplan-lower-to-llvm`: every operation left must be
    the module or in the LLVM dialect, which is what `mlir-runner` and
    `mlir-translate --mlir-to-llvmir` take. Anything else (an op of a dialect
    no step of the pipeline lowers, a cast that could not be reconciled) is
    an error at that operation naming it, so that the pipeline never
    succeeds with a program that cannot run. Changes nothing.

    ```
    error: 'gpu.launch' was not lowered to the LLVM dialect by memplan-lower-to-llvm
    ```
  }];
}

#endif // MEMPLAN_TRANSFORMS_PASSES_TD
