// memplan-avoid-copies gives a value inserted into several tensors (as
// DenseNet concatenates each layer's features into every later input) a
// buffer of its own: its tensor.empty becomes a bufferization.alloc_tensor,
// which eliminate-empty-tensors leaves alone. A value inserted once keeps
// its tensor.empty (and is computed straight into its destination).
// RUN: memplan-opt %s --memplan-avoid-copies | FileCheck %s
// RUN: memplan-opt %s --memplan-avoid-copies=isolate-multiply-inserted=false | FileCheck %s --check-prefix=OFF
// After elimination and bufferization: %twice is computed into its own
// buffer and copied twice; %once straight into the slice of its destination.
// RUN: memplan-opt %s --memplan-avoid-copies -eliminate-empty-tensors \
// RUN:   -one-shot-bufferize=bufferize-function-boundaries -cse -canonicalize | FileCheck %s --check-prefix=BUFFERS

#id = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @features
// CHECK:         %[[OWN:.*]] = bufferization.alloc_tensor() : tensor<1x2xf32>
// CHECK:         %[[TWICE:.*]] = linalg.generic {{.*}} outs(%[[OWN]] : tensor<1x2xf32>)
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<1x2xf32>
// CHECK:         linalg.generic {{.*}} outs(%[[E]] : tensor<1x2xf32>)
// CHECK-NOT:     bufferization.alloc_tensor
// CHECK:         return
// OFF-NOT:       bufferization.alloc_tensor
// BUFFERS-LABEL: func.func @features
// BUFFERS-COUNT-2: memref.copy
// BUFFERS-NOT:   memref.copy
// BUFFERS:       return
func.func @features(%x: tensor<1x2xf32>, %a: tensor<1x4xf32>, %b: tensor<1x6xf32>)
    -> (tensor<1x4xf32>, tensor<1x6xf32>, tensor<1x4xf32>) {
  %e0 = tensor.empty() : tensor<1x2xf32>
  %twice = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<1x2xf32>) outs(%e0 : tensor<1x2xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.mulf %in, %in : f32
    linalg.yield %m : f32
  } -> tensor<1x2xf32>
  %c1 = tensor.insert_slice %twice into %a[0, 2] [1, 2] [1, 1] : tensor<1x2xf32> into tensor<1x4xf32>
  %c2 = tensor.insert_slice %twice into %b[0, 4] [1, 2] [1, 1] : tensor<1x2xf32> into tensor<1x6xf32>
  %e1 = tensor.empty() : tensor<1x2xf32>
  %once = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<1x2xf32>) outs(%e1 : tensor<1x2xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %in : f32
    linalg.yield %s : f32
  } -> tensor<1x2xf32>
  %fresh = tensor.empty() : tensor<1x4xf32>
  %c3 = tensor.insert_slice %once into %fresh[0, 0] [1, 2] [1, 1] : tensor<1x2xf32> into tensor<1x4xf32>
  return %c1, %c2, %c3 : tensor<1x4xf32>, tensor<1x6xf32>, tensor<1x4xf32>
}
