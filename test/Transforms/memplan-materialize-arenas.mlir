// RUN: memplan-opt %s --memplan-materialize-arenas -split-input-file | FileCheck %s
// RUN: memplan-opt %s --memplan-materialize-arenas=arena-storage=argument -split-input-file | FileCheck %s --check-prefix=ARG

// The arena comes first; each planned buffer becomes a view at its offset,
// keeps its annotation, and loses its deallocation (also through an alias).
// Unplanned allocations are left alone.
// CHECK-LABEL: func.func @views(
// CHECK-SAME:    %[[X:.*]]: f32) {
// CHECK-NEXT:    %[[ARENA:.*]] = memplan.arena <device = "host", size = 128, alignment = 64, lower_bound = 128, no_reuse = 192, buffers = 2> : memref<128xi8>
// CHECK-NEXT:    %[[C64:.*]] = arith.constant 64 : index
// CHECK-NEXT:    %[[A:.*]] = memref.view %[[ARENA]][%[[C64]]][] {memplan.buffer = #memplan.buffer<id = 0, size = 64, start = 1, end = 3, uses = 1, offset = 64>} : memref<128xi8> to memref<16xf32>
// CHECK-NEXT:    %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT:    %[[B:.*]] = memref.view %[[ARENA]][%[[C0]]][] {memplan.buffer = #memplan.buffer<id = 1, size = 128, start = 2, end = 4, uses = 1, offset = 0>} : memref<128xi8> to memref<4x8xf32>
// CHECK-NEXT:    %[[HEAP:.*]] = memref.alloc() : memref<4xf32>
// CHECK-NEXT:    linalg.fill ins(%[[X]] : f32) outs(%[[A]] : memref<16xf32>)
// CHECK-NEXT:    %[[E:.*]] = memref.expand_shape %[[A]]
// CHECK-NEXT:    memref.subview %[[B]]
// CHECK-NEXT:    linalg.copy ins(%[[E]] : memref<4x4xf32>) outs(%{{.*}} : memref<4x4xf32, strided<[8, 1]>>)
// CHECK-NEXT:    memref.dealloc %[[HEAP]] : memref<4xf32>
// CHECK-NEXT:    return
// CHECK-NOT:   memplan.arenas
func.func @views(%x: f32) attributes {memplan.arenas = [#memplan.arena<device = "host", size = 128, alignment = 64, lower_bound = 128, no_reuse = 192, buffers = 2>]} {
  %a = memref.alloc() {memplan.buffer = #memplan.buffer<id = 0, size = 64, start = 1, end = 3, uses = 1, offset = 64>} : memref<16xf32>
  %b = memref.alloc() {memplan.buffer = #memplan.buffer<id = 1, size = 128, start = 2, end = 4, uses = 1, offset = 0>} : memref<4x8xf32>
  %heap = memref.alloc() : memref<4xf32>
  linalg.fill ins(%x : f32) outs(%a : memref<16xf32>)
  %e = memref.expand_shape %a [[0, 1]] output_shape [4, 4] : memref<16xf32> into memref<4x4xf32>
  %sub = memref.subview %b[0, 0] [4, 4] [1, 1] : memref<4x8xf32> to memref<4x4xf32, strided<[8, 1]>>
  linalg.copy ins(%e : memref<4x4xf32>) outs(%sub : memref<4x4xf32, strided<[8, 1]>>)
  memref.dealloc %e : memref<4x4xf32>
  memref.dealloc %b : memref<4x8xf32>
  memref.dealloc %heap : memref<4xf32>
  return
}

// -----

// With arena-storage=argument the caller passes the arena: the function
// gets a last argument recording the plan, and every call in the module
// allocates an aligned arena for it.
// ARG-LABEL: func.func @callee(
// ARG-SAME:    %{{.*}}: f32, %[[STORAGE:.*]]: memref<64xi8> {memplan.arena = #memplan.arena<device = "host", size = 64, alignment = 32, lower_bound = 64, no_reuse = 64, buffers = 1>})
// ARG-NEXT:    %[[ARENA:.*]] = memplan.arena <device = "host", size = 64, alignment = 32, lower_bound = 64, no_reuse = 64, buffers = 1> in %[[STORAGE]] : memref<64xi8>
// ARG:         memref.view %[[ARENA]]
// ARG-LABEL: func.func @caller(
// ARG:         %[[NEW:.*]] = memref.alloc() {alignment = 32 : i64} : memref<64xi8>
// ARG-NEXT:    call @callee(%{{.*}}, %[[NEW]]) : (f32, memref<64xi8>) -> ()
// CHECK-LABEL: func.func @callee(
// CHECK-SAME:    %{{.*}}: f32) {
// CHECK-LABEL: func.func @caller(
// CHECK-NEXT:    call @callee(%{{.*}}) : (f32) -> ()
func.func @callee(%x: f32) attributes {memplan.arenas = [#memplan.arena<device = "host", size = 64, alignment = 32, lower_bound = 64, no_reuse = 64, buffers = 1>]} {
  %a = memref.alloc() {memplan.buffer = #memplan.buffer<id = 0, size = 64, start = 0, end = 1, uses = 0, offset = 0>} : memref<16xf32>
  linalg.fill ins(%x : f32) outs(%a : memref<16xf32>)
  return
}
func.func @caller(%x: f32) {
  call @callee(%x) : (f32) -> ()
  return
}
