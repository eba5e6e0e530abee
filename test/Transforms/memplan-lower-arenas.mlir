// RUN: memplan-opt %s --memplan-lower-arenas -split-input-file | FileCheck %s

// An arena without storage becomes an aligned allocation that keeps the plan.
// CHECK-LABEL: func.func @allocated
// CHECK-NEXT:    %[[ARENA:.*]] = memref.alloc() {alignment = 128 : i64, memplan.arena = #memplan.arena<device = "host", size = 64, alignment = 128, lower_bound = 64, no_reuse = 64, buffers = 1>} : memref<64xi8>
// CHECK:         memref.view %[[ARENA]]
// CHECK-NOT:     memplan.arena <
func.func @allocated(%x: f32) {
  %arena = memplan.arena <device = "host", size = 64, alignment = 128, lower_bound = 64, no_reuse = 64, buffers = 1> : memref<64xi8>
  %c0 = arith.constant 0 : index
  %a = memref.view %arena[%c0][] : memref<64xi8> to memref<16xf32>
  linalg.fill ins(%x : f32) outs(%a : memref<16xf32>)
  return
}

// -----

// An arena with storage becomes the storage, with the alignment the caller
// promised; the argument keeps no memplan attribute (it would follow it into
// the LLVM dialect and its C-interface wrappers).
// CHECK-LABEL: func.func @from_caller
// CHECK-SAME:    %[[STORAGE:[a-z0-9]+]]: memref<64xi8>) {
// CHECK-NEXT:    %[[ALIGNED:.*]] = memref.assume_alignment %[[STORAGE]], 16 : memref<64xi8>
// CHECK:         memref.view %[[ALIGNED]]
func.func @from_caller(%x: f32, %storage: memref<64xi8> {memplan.arena = #memplan.arena<device = "host", size = 64, alignment = 16, lower_bound = 64, no_reuse = 64, buffers = 1>}) {
  %arena = memplan.arena <device = "host", size = 64, alignment = 16, lower_bound = 64, no_reuse = 64, buffers = 1> in %storage : memref<64xi8>
  %c0 = arith.constant 0 : index
  %a = memref.view %arena[%c0][] : memref<64xi8> to memref<16xf32>
  linalg.fill ins(%x : f32) outs(%a : memref<16xf32>)
  return
}

// -----

// A copy between views of the same arena bytes (its target planned in place
// of its source) moves nothing and is dropped; a copy between different
// bytes stays.
// CHECK-LABEL: func.func @self_copy
// CHECK-SAME:    (%{{.*}}: f32, %[[OUT:.*]]: memref<16xf32>)
// CHECK-NOT:     memref.copy %{{.*}}, %{{.*}} : memref<16xf32> to memref<16xf32>
// CHECK:         memref.copy %{{.*}}, %[[OUT]]
// CHECK-NOT:     memref.copy
func.func @self_copy(%x: f32, %out: memref<16xf32>) {
  %arena = memplan.arena <device = "host", size = 64, alignment = 64, lower_bound = 64, no_reuse = 128, buffers = 2> : memref<64xi8>
  %c0 = arith.constant 0 : index
  %a = memref.view %arena[%c0][] : memref<64xi8> to memref<4x4xf32>
  %b = memref.view %arena[%c0][] : memref<64xi8> to memref<16xf32>
  linalg.fill ins(%x : f32) outs(%a : memref<4x4xf32>)
  %flat = memref.collapse_shape %a [[0, 1]] : memref<4x4xf32> into memref<16xf32>
  memref.copy %flat, %b : memref<16xf32> to memref<16xf32>
  memref.copy %b, %out : memref<16xf32> to memref<16xf32>
  return
}
