// RUN: memplan-opt %s | FileCheck %s
// Round trip: printing and parsing again gives the same IR.
// RUN: memplan-opt %s | memplan-opt | FileCheck %s
// RUN: memplan-opt %s --mlir-print-op-generic | memplan-opt | FileCheck %s

// CHECK-LABEL: func.func @arena_allocated
// CHECK: %[[ARENA:.*]] = memplan.arena <device = "host", size = 128, alignment = 64, lower_bound = 128, no_reuse = 192, buffers = 2> : memref<128xi8>
// CHECK: memref.view %[[ARENA]]
// CHECK-SAME: {memplan.buffer = #memplan.buffer<id = 0, size = 64, start = 0, end = 2, uses = 1, offset = 0>}
// CHECK: memref.view %[[ARENA]]
// CHECK-SAME: {memplan.buffer = #memplan.buffer<id = 1, size = 64, start = 1, end = 3, uses = 0, offset = 64, in_place_of = 0>}
func.func @arena_allocated() {
  %arena = memplan.arena <device = "host", size = 128, alignment = 64, lower_bound = 128, no_reuse = 192, buffers = 2> : memref<128xi8>
  %c0 = arith.constant 0 : index
  %c64 = arith.constant 64 : index
  %a = memref.view %arena[%c0][] {memplan.buffer = #memplan.buffer<id = 0, size = 64, start = 0, end = 2, uses = 1, offset = 0>} : memref<128xi8> to memref<16xf32>
  %b = memref.view %arena[%c64][] {memplan.buffer = #memplan.buffer<id = 1, size = 64, start = 1, end = 3, uses = 0, offset = 64, in_place_of = 0>} : memref<128xi8> to memref<16xf32>
  return
}

// CHECK-LABEL: func.func @arena_from_caller
// CHECK-SAME: (%[[STORAGE:.*]]: memref<64xi8> {memplan.arena = #memplan.arena<device = "npu0", size = 64, alignment = 16, lower_bound = 48, no_reuse = 64, buffers = 1>})
// CHECK: memplan.arena <device = "npu0", size = 64, alignment = 16, lower_bound = 48, no_reuse = 64, buffers = 1> in %[[STORAGE]] : memref<64xi8>
func.func @arena_from_caller(%storage: memref<64xi8> {memplan.arena = #memplan.arena<device = "npu0", size = 64, alignment = 16, lower_bound = 48, no_reuse = 64, buffers = 1>}) {
  %arena = memplan.arena <device = "npu0", size = 64, alignment = 16, lower_bound = 48, no_reuse = 64, buffers = 1> in %storage : memref<64xi8>
  return
}

// The plan of a function before materialization, and an annotated alloc.
// CHECK-LABEL: func.func @planned
// CHECK-SAME: attributes {memplan.arenas = [#memplan.arena<device = "host", size = 0, alignment = 1, lower_bound = 0, no_reuse = 0, buffers = 0>]}
// CHECK: memref.alloc() {memplan.buffer = #memplan.buffer<id = 7, size = 4, start = 3, end = 4, uses = 2>} : memref<i32>
func.func @planned() attributes {memplan.arenas = [#memplan.arena<device = "host", size = 0, alignment = 1, lower_bound = 0, no_reuse = 0, buffers = 0>]} {
  %a = memref.alloc() {memplan.buffer = #memplan.buffer<id = 7, size = 4, start = 3, end = 4, uses = 2>} : memref<i32>
  return
}

// The allocation memplan-lower-arenas makes of an arena keeps its plan.
// CHECK-LABEL: func.func @lowered
// CHECK: memref.alloc() {alignment = 64 : i64, memplan.arena = #memplan.arena<device = "host", size = 32, alignment = 64, lower_bound = 32, no_reuse = 64, buffers = 2>} : memref<32xi8>
func.func @lowered() {
  %a = memref.alloc() {alignment = 64 : i64, memplan.arena = #memplan.arena<device = "host", size = 32, alignment = 64, lower_bound = 32, no_reuse = 64, buffers = 2>} : memref<32xi8>
  return
}

// An op that writes over the input it reads, as memplan-elementwise-in-place
// marks it.
// CHECK-LABEL: func.func @in_place
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : memref<4xf32>) attrs =  {memplan.in_place}
func.func @in_place(%x: memref<4xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
      outs(%x : memref<4xf32>) attrs = {memplan.in_place} {
  ^bb0(%out: f32):
    %s = arith.addf %out, %out : f32
    linalg.yield %s : f32
  }
  return
}

// A target description, a device sub-function, a transfer and execution
// units.
// CHECK-LABEL: module @devices
// CHECK-SAME: memplan.targets = [#memplan.device<name = "host", kind = "cpu", capacity = 1024, reserved = 0, alignment = 64, compute_units = 1, speed = 1, reuse = "min-memory", host = true>, #memplan.device<name = "npu0", kind = "npu", capacity = 2048, reserved = 512, alignment = 128, compute_units = 2, speed = 4, reuse = "max-parallel", host = false, ops = [<name = "linalg.matmul", element_types = [f32], ranks = [2]>, <name = "linalg.generic">]>]
// CHECK: func.func private @sub(%{{.*}}: tensor<4xf32>) -> tensor<4xf32> attributes {memplan.device = "npu0"}
// CHECK: linalg.generic {{.*}} {memplan.unit = #memplan.unit<id = 1, compute_unit = 1, order = 0, flops = 4, bytes = 32, after = [0]>}
// CHECK: %[[T:.*]] = memplan.transfer %{{.*}} <from = "host", to = "npu0"> : tensor<4xf32>
// CHECK: memref.alloc() {memplan.device = "npu0"} : memref<4xf32>
// CHECK: memref.copy %{{.*}}, %{{.*}} {memplan.transfer = #memplan.transfer<from = "npu0", to = "host">}
module @devices attributes {memplan.targets = [
    #memplan.device<name = "host", kind = "cpu", capacity = 1024, reserved = 0, alignment = 64, compute_units = 1, speed = 1, reuse = "min-memory", host = true>,
    #memplan.device<name = "npu0", kind = "npu", capacity = 2048, reserved = 512, alignment = 128, compute_units = 2, speed = 4, reuse = "max-parallel", host = false,
                    ops = [<name = "linalg.matmul", element_types = [f32], ranks = [2]>, <name = "linalg.generic">]>]} {
  func.func private @sub(%x: tensor<4xf32>) -> tensor<4xf32> attributes {memplan.device = "npu0"} {
    %e = tensor.empty() : tensor<4xf32>
    %y = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
        ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>)
        attrs = {memplan.unit = #memplan.unit<id = 1, compute_unit = 1, order = 0, flops = 4, bytes = 32, after = [0]>} {
    ^bb0(%in: f32, %out: f32):
      %s = arith.addf %in, %in : f32
      linalg.yield %s : f32
    } -> tensor<4xf32>
    return %y : tensor<4xf32>
  }
  func.func @main(%x: tensor<4xf32>, %m: memref<4xf32>) -> tensor<4xf32> {
    %t = memplan.transfer %x <from = "host", to = "npu0"> : tensor<4xf32>
    %y = call @sub(%t) : (tensor<4xf32>) -> tensor<4xf32>
    %b = memref.alloc() {memplan.device = "npu0"} : memref<4xf32>
    memref.copy %b, %m {memplan.transfer = #memplan.transfer<from = "npu0", to = "host">} : memref<4xf32> to memref<4xf32>
    return %y : tensor<4xf32>
  }
}
