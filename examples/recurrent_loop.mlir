// A loop: four steps of a residual recurrence h <- h + relu(h W + b) over a
// batch of 2, carried through scf.for. The temporaries of every step are
// allocated inside the loop; a skip value computed before the loop is added
// after it, so it stays live across the whole loop.
#map2 = affine_map<(d0, d1) -> (d0, d1)>
#bias = affine_map<(d0, d1) -> (d1)>
module {
  func.func @forward(%x: tensor<2x32xf32>) -> tensor<2x32xf32> {
    %zero = arith.constant 0.0 : f32
    %half = arith.constant 0.5 : f32
    %w = arith.constant dense<0.015> : tensor<32x32xf32>
    %b = arith.constant dense<-0.01> : tensor<32xf32>
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %e0 = tensor.empty() : tensor<2x32xf32>
    %skip = linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel"]}
        ins(%x : tensor<2x32xf32>) outs(%e0 : tensor<2x32xf32>) {
    ^bb0(%in: f32, %out: f32):
      %s = arith.mulf %in, %half : f32
      linalg.yield %s : f32
    } -> tensor<2x32xf32>
    %r = scf.for %i = %c0 to %c4 step %c1 iter_args(%h = %x) -> tensor<2x32xf32> {
      %e = tensor.empty() : tensor<2x32xf32>
      %f = linalg.fill ins(%zero : f32) outs(%e : tensor<2x32xf32>) -> tensor<2x32xf32>
      %m = linalg.matmul ins(%h, %w : tensor<2x32xf32>, tensor<32x32xf32>) outs(%f : tensor<2x32xf32>) -> tensor<2x32xf32>
      %e2 = tensor.empty() : tensor<2x32xf32>
      %a = linalg.generic {indexing_maps = [#map2, #bias, #map2], iterator_types = ["parallel", "parallel"]}
          ins(%m, %b : tensor<2x32xf32>, tensor<32xf32>) outs(%e2 : tensor<2x32xf32>) {
      ^bb0(%in: f32, %bb: f32, %out: f32):
        %s = arith.addf %in, %bb : f32
        %z = arith.maximumf %s, %zero : f32
        linalg.yield %z : f32
      } -> tensor<2x32xf32>
      %n = linalg.generic {indexing_maps = [#map2, #map2, #map2], iterator_types = ["parallel", "parallel"]}
          ins(%h, %a : tensor<2x32xf32>, tensor<2x32xf32>) outs(%h : tensor<2x32xf32>) {
      ^bb0(%p: f32, %q: f32, %out: f32):
        %s = arith.addf %p, %q : f32
        linalg.yield %s : f32
      } -> tensor<2x32xf32>
      scf.yield %n : tensor<2x32xf32>
    }
    %e3 = tensor.empty() : tensor<2x32xf32>
    %y = linalg.generic {indexing_maps = [#map2, #map2, #map2], iterator_types = ["parallel", "parallel"]}
        ins(%r, %skip : tensor<2x32xf32>, tensor<2x32xf32>) outs(%e3 : tensor<2x32xf32>) {
    ^bb0(%p: f32, %q: f32, %out: f32):
      %s = arith.addf %p, %q : f32
      linalg.yield %s : f32
    } -> tensor<2x32xf32>
    return %y : tensor<2x32xf32>
  }
}
