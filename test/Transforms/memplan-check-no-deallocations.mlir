// RUN: memplan-opt %s --memplan-check-no-deallocations -split-input-file -verify-diagnostics | FileCheck %s
// Nested on a function, as any op-agnostic pass.
// RUN: memplan-opt %s --pass-pipeline='builtin.module(func.func(memplan-check-no-deallocations))' -split-input-file -verify-diagnostics | FileCheck %s
// In memplan-lower-to-llvm it runs only where upstream deallocation would
// (deallocate=true, the default); with deallocate=false the program's own
// frees are lowered as they are.
// RUN: not memplan-opt %S/Inputs/own-frees.mlir --memplan-lower-to-llvm 2>&1 | FileCheck %s --check-prefix=PIPELINE
// RUN: memplan-opt %S/Inputs/own-frees.mlir --memplan-lower-to-llvm=deallocate=false | FileCheck %s --check-prefix=NODEALLOC

// PIPELINE: own-frees.mlir:6:{{[0-9]+}}: error: 'memref.dealloc': this program frees its own buffers; lower it with memplan-lower-to-llvm{deallocate=false}
// PIPELINE-NOT: side-effect
// NODEALLOC: llvm.call @free

// A program that frees nothing passes unchanged.
// CHECK-LABEL: func.func @no_frees(
// CHECK-NEXT:    %[[A:.*]] = memref.alloc() : memref<16xf32>
// CHECK-NEXT:    linalg.copy
// CHECK-NEXT:    return %[[A]]
func.func @no_frees(%x: memref<16xf32>) -> memref<16xf32> {
  %a = memref.alloc() : memref<16xf32>
  linalg.copy ins(%x : memref<16xf32>) outs(%a : memref<16xf32>)
  return %a : memref<16xf32>
}

// -----

func.func @memref_dealloc(%x: memref<16xf32>) {
  %a = memref.alloc() : memref<16xf32>
  linalg.copy ins(%x : memref<16xf32>) outs(%a : memref<16xf32>)
  // expected-error @+1 {{'memref.dealloc': this program frees its own buffers; lower it with memplan-lower-to-llvm{deallocate=false}}}
  memref.dealloc %a : memref<16xf32>
  return
}

// -----

// What upstream ownership-based-buffer-deallocation leaves.
func.func @bufferization_dealloc(%x: memref<16xf32>, %c: i1) {
  %a = memref.alloc() : memref<16xf32>
  linalg.copy ins(%x : memref<16xf32>) outs(%a : memref<16xf32>)
  // expected-error @+1 {{'bufferization.dealloc': this program frees its own buffers}}
  bufferization.dealloc (%a : memref<16xf32>) if (%c)
  return
}

// -----

// Only the first is reported.
func.func @two(%x: memref<16xf32>) {
  %a = memref.alloc() : memref<16xf32>
  %b = memref.alloc() : memref<16xf32>
  // expected-error @+1 {{'memref.dealloc': this program frees its own buffers}}
  memref.dealloc %a : memref<16xf32>
  memref.dealloc %b : memref<16xf32>
  return
}
