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

    ```mlir
    #memplan.buffer<id = 3, size = 4096, start = 2, end = 7, uses = 2, offset = 128>
    ```
  }];
  let parameters = (ins
    "int64_t":$id,
    "int64_t":$size,
    "int64_t":$start,
    "int64_t":$end,
    "int64_t":$uses,
    OptionalParameter<"std::optional<int64_t>">:$offset,
    OptionalParameter<"std::optional<int64_t>">:$in_place_of
  );
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
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

#endif // MEMPLAN_DIALECT_MEMPLAN_IR_MEMPLANATTRS_TD
