// RUN: memplan-opt %s --memplan-reorder=emit-remarks -split-input-file -verify-diagnostics

#id = affine_map<(d0) -> (d0)>
#red = affine_map<(d0) -> (0)>

// expected-remark @below {{reordered: estimated working set 8196 B -> 4104 B}}
func.func @branches(%x: tensor<1024xf32>) -> (tensor<1xf32>, tensor<1xf32>) {
  %e1 = tensor.empty() : tensor<1024xf32>
  %a1 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<1024xf32>) outs(%e1 : tensor<1024xf32>) {
  ^bb0(%in: f32, %out: f32):
    %0 = arith.addf %in, %in : f32
    linalg.yield %0 : f32
  } -> tensor<1024xf32>
  %e2 = tensor.empty() : tensor<1024xf32>
  %b1 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<1024xf32>) outs(%e2 : tensor<1024xf32>) {
  ^bb0(%in: f32, %out: f32):
    %0 = arith.mulf %in, %in : f32
    linalg.yield %0 : f32
  } -> tensor<1024xf32>
  %e3 = tensor.empty() : tensor<1xf32>
  %a2 = linalg.generic {indexing_maps = [#id, #red], iterator_types = ["reduction"]}
      ins(%a1 : tensor<1024xf32>) outs(%e3 : tensor<1xf32>) {
  ^bb0(%in: f32, %out: f32):
    %0 = arith.addf %in, %out : f32
    linalg.yield %0 : f32
  } -> tensor<1xf32>
  %e4 = tensor.empty() : tensor<1xf32>
  %b2 = linalg.generic {indexing_maps = [#id, #red], iterator_types = ["reduction"]}
      ins(%b1 : tensor<1024xf32>) outs(%e4 : tensor<1xf32>) {
  ^bb0(%in: f32, %out: f32):
    %0 = arith.addf %in, %out : f32
    linalg.yield %0 : f32
  } -> tensor<1xf32>
  return %a2, %b2 : tensor<1xf32>, tensor<1xf32>
}

// -----

#id = affine_map<(d0) -> (d0)>

// A chain has one order: it is kept, and the remark says what it needs.
// expected-remark @below {{order kept: estimated working set 8192 B, 8192 B in the best other order}}
func.func @chain(%x: tensor<1024xf32>) -> tensor<1024xf32> {
  %e1 = tensor.empty() : tensor<1024xf32>
  %a = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<1024xf32>) outs(%e1 : tensor<1024xf32>) {
  ^bb0(%in: f32, %out: f32):
    %0 = arith.addf %in, %in : f32
    linalg.yield %0 : f32
  } -> tensor<1024xf32>
  %e2 = tensor.empty() : tensor<1024xf32>
  %b = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%a : tensor<1024xf32>) outs(%e2 : tensor<1024xf32>) {
  ^bb0(%in: f32, %out: f32):
    %0 = arith.mulf %in, %in : f32
    linalg.yield %0 : f32
  } -> tensor<1024xf32>
  return %b : tensor<1024xf32>
}
