// A program: @main with the device sub-function it calls, whose steps run
// as steps of the call (3 to 14). Buffers 0 and 1 are @main's: the transfer
// of %x, on npu0, lives across the call; the sub-function's result, written
// into a buffer of @main, is on npu0 too, until its transfer to the host.
// Buffers 2 to 4 are the sub-function's (names repeat across functions):
// their lifetimes cover whole execution units (the matmul and its ReLU are
// one).
// RUN: memplan-opt %s -split-input-file --memplan-split-execution-units \
// RUN:   --one-shot-bufferize="bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map" \
// RUN:   --buffer-results-to-out-params=hoist-static-allocs \
// RUN:   --test-memplan-print-liveness=in-place=false -o /dev/null | FileCheck %s

// CHECK-LABEL: liveness of @main: 17 steps
// CHECK-NEXT:  buffer 0 %alloc: 1024 bytes, steps [1, 13], uses 1, on npu0
// CHECK-NEXT:  buffer 1 %alloc_0: 1024 bytes, steps [3, 15], uses 2, on npu0
// CHECK-NEXT:  buffer 2 %alloc: 1024 bytes, steps [3, 8], uses 2, on npu0
// CHECK-NEXT:  buffer 3 %alloc_0: 1024 bytes, steps [3, 12], uses 1, on npu0
// CHECK-NEXT:  buffer 4 %alloc_1: 1024 bytes, steps [9, 12], uses 2, on npu0
// CHECK-NEXT:  not planned %alloc_1: it is returned from the function
#id2 = affine_map<(d0, d1) -> (d0, d1)>
module attributes {memplan.targets = [
    #memplan.device<name = "host", kind = "cpu", capacity = 1048576, reserved = 0, alignment = 64, compute_units = 1, speed = 1, reuse = "min-memory", host = true>,
    #memplan.device<name = "npu0", kind = "npu", capacity = 1048576, reserved = 0, alignment = 64, compute_units = 2, speed = 4, reuse = "min-memory", host = false,
                    ops = [<name = "linalg.matmul">, <name = "linalg.generic">]>]} {
func.func private @branches(%x: tensor<16x16xf32>, %w: tensor<16x16xf32>) -> tensor<16x16xf32> attributes {memplan.device = "npu0"} {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x16xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<16x16xf32>) -> tensor<16x16xf32>
  %a = linalg.matmul ins(%x, %w : tensor<16x16xf32>, tensor<16x16xf32>) outs(%acc : tensor<16x16xf32>) -> tensor<16x16xf32>
  %e1 = tensor.empty() : tensor<16x16xf32>
  %r = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<16x16xf32>) outs(%e1 : tensor<16x16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  } -> tensor<16x16xf32>
  %eb = tensor.empty() : tensor<16x16xf32>
  %acc2 = linalg.fill ins(%zero : f32) outs(%eb : tensor<16x16xf32>) -> tensor<16x16xf32>
  %b = linalg.matmul ins(%w, %x : tensor<16x16xf32>, tensor<16x16xf32>) outs(%acc2 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %e2 = tensor.empty() : tensor<16x16xf32>
  %s = linalg.generic {indexing_maps = [#id2, #id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%r, %b : tensor<16x16xf32>, tensor<16x16xf32>) outs(%e2 : tensor<16x16xf32>) {
  ^bb0(%p: f32, %q: f32, %out: f32):
    %t = arith.addf %p, %q : f32
    linalg.yield %t : f32
  } -> tensor<16x16xf32>
  return %s : tensor<16x16xf32>
}
func.func @main(%x: tensor<16x16xf32>, %w: tensor<16x16xf32>) -> tensor<16x16xf32> {
  %tx = memplan.transfer %x <from = "host", to = "npu0"> : tensor<16x16xf32>
  %r = call @branches(%tx, %w) : (tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<16x16xf32>
  %h = memplan.transfer %r <from = "npu0", to = "host"> : tensor<16x16xf32>
  return %h : tensor<16x16xf32>
}
}

// -----

// The same on a device whose principle is max-parallel: the two branches run
// on different compute units with no dependence between them, so each
// branch's buffers live as long as the other branch runs too: buffer 2 (the
// second branch's accumulator) now lives until step 11, buffer 4 (the ReLU's
// output) from step 3.
// CHECK-LABEL: liveness of @main: 17 steps
// CHECK-NEXT:  buffer 0 %alloc: 1024 bytes, steps [1, 13], uses 1, on npu0
// CHECK-NEXT:  buffer 1 %alloc_0: 1024 bytes, steps [3, 15], uses 2, on npu0
// CHECK-NEXT:  buffer 2 %alloc: 1024 bytes, steps [3, 11], uses 2, on npu0
// CHECK-NEXT:  buffer 3 %alloc_0: 1024 bytes, steps [3, 12], uses 1, on npu0
// CHECK-NEXT:  buffer 4 %alloc_1: 1024 bytes, steps [3, 12], uses 2, on npu0
#id2 = affine_map<(d0, d1) -> (d0, d1)>
module attributes {memplan.targets = [
    #memplan.device<name = "host", kind = "cpu", capacity = 1048576, reserved = 0, alignment = 64, compute_units = 1, speed = 1, reuse = "min-memory", host = true>,
    #memplan.device<name = "npu0", kind = "npu", capacity = 1048576, reserved = 0, alignment = 64, compute_units = 2, speed = 4, reuse = "max-parallel", host = false,
                    ops = [<name = "linalg.matmul">, <name = "linalg.generic">]>]} {
func.func private @branches(%x: tensor<16x16xf32>, %w: tensor<16x16xf32>) -> tensor<16x16xf32> attributes {memplan.device = "npu0"} {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x16xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<16x16xf32>) -> tensor<16x16xf32>
  %a = linalg.matmul ins(%x, %w : tensor<16x16xf32>, tensor<16x16xf32>) outs(%acc : tensor<16x16xf32>) -> tensor<16x16xf32>
  %e1 = tensor.empty() : tensor<16x16xf32>
  %r = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<16x16xf32>) outs(%e1 : tensor<16x16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  } -> tensor<16x16xf32>
  %eb = tensor.empty() : tensor<16x16xf32>
  %acc2 = linalg.fill ins(%zero : f32) outs(%eb : tensor<16x16xf32>) -> tensor<16x16xf32>
  %b = linalg.matmul ins(%w, %x : tensor<16x16xf32>, tensor<16x16xf32>) outs(%acc2 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %e2 = tensor.empty() : tensor<16x16xf32>
  %s = linalg.generic {indexing_maps = [#id2, #id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%r, %b : tensor<16x16xf32>, tensor<16x16xf32>) outs(%e2 : tensor<16x16xf32>) {
  ^bb0(%p: f32, %q: f32, %out: f32):
    %t = arith.addf %p, %q : f32
    linalg.yield %t : f32
  } -> tensor<16x16xf32>
  return %s : tensor<16x16xf32>
}
func.func @main(%x: tensor<16x16xf32>, %w: tensor<16x16xf32>) -> tensor<16x16xf32> {
  %tx = memplan.transfer %x <from = "host", to = "npu0"> : tensor<16x16xf32>
  %r = call @branches(%tx, %w) : (tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<16x16xf32>
  %h = memplan.transfer %r <from = "npu0", to = "host"> : tensor<16x16xf32>
  return %h : tensor<16x16xf32>
}
}
