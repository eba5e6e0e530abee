// A small network with a data-dependent branch and a loop carrying a
// tensor: after upstream one-shot bufferization and ownership-based
// deallocation it has buffers freed under conditions, in branches and
// inside the loop.
#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d1)>
func.func @forward(%x: tensor<8x32xf32>, %w: tensor<32x32xf32>, %b: tensor<32xf32>) -> tensor<8x32xf32> {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %e = tensor.empty() : tensor<8x32xf32>
  %filled = linalg.fill ins(%zero : f32) outs(%e : tensor<8x32xf32>) -> tensor<8x32xf32>
  %h = linalg.matmul ins(%x, %w : tensor<8x32xf32>, tensor<32x32xf32>) outs(%filled : tensor<8x32xf32>) -> tensor<8x32xf32>
  %first = tensor.extract %x[%c0, %c0] : tensor<8x32xf32>
  %positive = arith.cmpf ogt, %first, %zero : f32
  %act = scf.if %positive -> tensor<8x32xf32> {
    %e1 = tensor.empty() : tensor<8x32xf32>
    %r = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
        ins(%h, %b : tensor<8x32xf32>, tensor<32xf32>) outs(%e1 : tensor<8x32xf32>) {
    ^bb0(%in: f32, %bias: f32, %out: f32):
      %s = arith.addf %in, %bias : f32
      %m = arith.maximumf %s, %zero : f32
      linalg.yield %m : f32
    } -> tensor<8x32xf32>
    scf.yield %r : tensor<8x32xf32>
  } else {
    %e2 = tensor.empty() : tensor<8x32xf32>
    %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
        ins(%h : tensor<8x32xf32>) outs(%e2 : tensor<8x32xf32>) {
    ^bb0(%in: f32, %out: f32):
      %t = math.tanh %in : f32
      linalg.yield %t : f32
    } -> tensor<8x32xf32>
    scf.yield %r : tensor<8x32xf32>
  }
  %out = scf.for %i = %c0 to %c3 step %c1 iter_args(%acc = %act) -> tensor<8x32xf32> {
    %e3 = tensor.empty() : tensor<8x32xf32>
    %f3 = linalg.fill ins(%zero : f32) outs(%e3 : tensor<8x32xf32>) -> tensor<8x32xf32>
    %m = linalg.matmul ins(%acc, %w : tensor<8x32xf32>, tensor<32x32xf32>) outs(%f3 : tensor<8x32xf32>) -> tensor<8x32xf32>
    %e4 = tensor.empty() : tensor<8x32xf32>
    %n = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
        ins(%m, %acc : tensor<8x32xf32>, tensor<8x32xf32>) outs(%e4 : tensor<8x32xf32>) {
    ^bb0(%a: f32, %r: f32, %o: f32):
      %s = arith.addf %a, %r : f32
      %t = math.tanh %s : f32
      linalg.yield %t : f32
    } -> tensor<8x32xf32>
    scf.yield %n : tensor<8x32xf32>
  }
  return %out : tensor<8x32xf32>
}
