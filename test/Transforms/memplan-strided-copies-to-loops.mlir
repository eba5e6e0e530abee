// RUN: memplan-opt %s --memplan-strided-copies-to-loops --split-input-file | FileCheck %s
// After memplan-lower-to-llvm, no call of MLIR's C runner library is left.
// RUN: memplan-opt %s --split-input-file --memplan-lower-to-llvm | FileCheck %s --check-prefix=LLVM

// A copy into the interior of a padded buffer: strided on one side.
// CHECK-LABEL: func.func @into_padding
// CHECK-NOT:     memref.copy
// CHECK:         linalg.copy ins(%{{.*}} : memref<4x4xf32>) outs(%{{.*}} : memref<4x4xf32, strided<[6, 1], offset: 7>>)
// LLVM-LABEL:  llvm.func @into_padding
// LLVM-NOT:      memrefCopy
func.func @into_padding(%a: memref<4x4xf32>, %padded: memref<6x6xf32>) {
  %interior = memref.subview %padded[1, 1] [4, 4] [1, 1] : memref<6x6xf32> to memref<4x4xf32, strided<[6, 1], offset: 7>>
  memref.copy %a, %interior : memref<4x4xf32> to memref<4x4xf32, strided<[6, 1], offset: 7>>
  return
}

// -----

// Contiguous on both sides (even through a subview of whole rows): stays a
// copy, which becomes a memcpy.
// CHECK-LABEL: func.func @contiguous
// CHECK:         memref.copy %{{.*}}, %{{.*}} : memref<4x4xf32> to memref<4x4xf32>
// CHECK:         memref.copy %{{.*}}, %{{.*}} : memref<2x4xf32> to memref<2x4xf32, strided<[4, 1], offset: 8>>
// CHECK-NOT:     linalg.copy
// LLVM-LABEL:  llvm.func @contiguous
// LLVM:          "llvm.intr.memcpy"
// LLVM-NOT:      memrefCopy
func.func @contiguous(%a: memref<4x4xf32>, %b: memref<4x4xf32>, %c: memref<2x4xf32>) {
  memref.copy %a, %b : memref<4x4xf32> to memref<4x4xf32>
  %rows = memref.subview %b[2, 0] [2, 4] [1, 1] : memref<4x4xf32> to memref<2x4xf32, strided<[4, 1], offset: 8>>
  memref.copy %c, %rows : memref<2x4xf32> to memref<2x4xf32, strided<[4, 1], offset: 8>>
  return
}

// -----

// Dynamic shapes: not a memcpy either; loops work for them too.
// CHECK-LABEL: func.func @dynamic
// CHECK:         linalg.copy ins(%{{.*}} : memref<?xf32>) outs(%{{.*}} : memref<?xf32>)
// LLVM-LABEL:  llvm.func @dynamic
// LLVM-NOT:      memrefCopy
func.func @dynamic(%a: memref<?xf32>, %b: memref<?xf32>) {
  memref.copy %a, %b : memref<?xf32> to memref<?xf32>
  return
}

