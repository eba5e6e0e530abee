// A chain: a three-layer perceptron on a batch of 4, as torch-mlir exports
// it (matmul into a zero-filled buffer, bias add, ReLU).
#map2 = affine_map<(d0, d1) -> (d0, d1)>
#bias = affine_map<(d0, d1) -> (d1)>
module {
  func.func @forward(%x: tensor<4x64xf32>) -> tensor<4x10xf32> {
    %zero = arith.constant 0.0 : f32
    %w1 = arith.constant dense<0.02> : tensor<64x128xf32>
    %b1 = arith.constant dense<0.1> : tensor<128xf32>
    %w2 = arith.constant dense<-0.03> : tensor<128x64xf32>
    %b2 = arith.constant dense<0.05> : tensor<64xf32>
    %w3 = arith.constant dense<0.04> : tensor<64x10xf32>
    %b3 = arith.constant dense<0.0> : tensor<10xf32>

    %e1 = tensor.empty() : tensor<4x128xf32>
    %f1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<4x128xf32>) -> tensor<4x128xf32>
    %m1 = linalg.matmul ins(%x, %w1 : tensor<4x64xf32>, tensor<64x128xf32>) outs(%f1 : tensor<4x128xf32>) -> tensor<4x128xf32>
    %h1 = linalg.generic {indexing_maps = [#map2, #bias, #map2], iterator_types = ["parallel", "parallel"]}
        ins(%m1, %b1 : tensor<4x128xf32>, tensor<128xf32>) outs(%e1 : tensor<4x128xf32>) {
    ^bb0(%in: f32, %b: f32, %out: f32):
      %s = arith.addf %in, %b : f32
      %c = arith.cmpf ugt, %s, %zero : f32
      %r = arith.select %c, %s, %zero : f32
      linalg.yield %r : f32
    } -> tensor<4x128xf32>

    %e2 = tensor.empty() : tensor<4x64xf32>
    %f2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<4x64xf32>) -> tensor<4x64xf32>
    %m2 = linalg.matmul ins(%h1, %w2 : tensor<4x128xf32>, tensor<128x64xf32>) outs(%f2 : tensor<4x64xf32>) -> tensor<4x64xf32>
    %h2 = linalg.generic {indexing_maps = [#map2, #bias, #map2], iterator_types = ["parallel", "parallel"]}
        ins(%m2, %b2 : tensor<4x64xf32>, tensor<64xf32>) outs(%e2 : tensor<4x64xf32>) {
    ^bb0(%in: f32, %b: f32, %out: f32):
      %s = arith.addf %in, %b : f32
      %c = arith.cmpf ugt, %s, %zero : f32
      %r = arith.select %c, %s, %zero : f32
      linalg.yield %r : f32
    } -> tensor<4x64xf32>

    %e3 = tensor.empty() : tensor<4x10xf32>
    %f3 = linalg.fill ins(%zero : f32) outs(%e3 : tensor<4x10xf32>) -> tensor<4x10xf32>
    %m3 = linalg.matmul ins(%h2, %w3 : tensor<4x64xf32>, tensor<64x10xf32>) outs(%f3 : tensor<4x10xf32>) -> tensor<4x10xf32>
    %y = linalg.generic {indexing_maps = [#map2, #bias, #map2], iterator_types = ["parallel", "parallel"]}
        ins(%m3, %b3 : tensor<4x10xf32>, tensor<10xf32>) outs(%e3 : tensor<4x10xf32>) {
    ^bb0(%in: f32, %b: f32, %out: f32):
      %s = arith.addf %in, %b : f32
      linalg.yield %s : f32
    } -> tensor<4x10xf32>
    return %y : tensor<4x10xf32>
  }
}
