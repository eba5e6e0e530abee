// A transposed-constant matmul and batch-norm arithmetic on constants, as
// torch-mlir exports a linear layer with batch norm: the transposes and the
// scale/shift arithmetic run at run time, each into its own buffer, unless
// memplan-fold-constants composes them into the matmuls and computes them at
// compile time. The planned program must compute exactly what the
// unoptimised one computes, on non-uniform inputs and weights.
// RUN: memplan-opt %s --test-memplan-generate-main %reference-bufferize --memplan-lower-to-llvm | %run | %strip-addresses > %t.reference
// RUN: memplan-opt %s --test-memplan-generate-main --memplan-pipeline -o %t.planned.mlir 2>/dev/null
// RUN: memplan-opt %t.planned.mlir --memplan-lower-to-llvm | %run | %strip-addresses > %t.planned
// RUN: diff %t.reference %t.planned
// RUN: FileCheck %s --input-file=%t.planned.mlir
// RUN: FileCheck %s --check-prefix=OUT --input-file=%t.planned

// No buffer holds a transposed weight and no square root runs: both
// matmuls read the weights as stored, and the scale and shift are constants.
// CHECK-LABEL: func.func @forward(
// CHECK-NOT:     memref<4x6xf32>
// CHECK-NOT:     memref<6x3xf32>
// CHECK-NOT:     math.sqrt
// CHECK:         linalg.matmul indexing_maps = [#{{.*}}, #{{.*}}, #{{.*}}] ins(%{{.*}}, %{{.*}} : memref<2x4xf32>, memref<6x4xf32>)
// CHECK:         linalg.matmul indexing_maps = [#{{.*}}, #{{.*}}, #{{.*}}] ins(%{{.*}}, %{{.*}} : memref<2x6xf32>, memref<3x6xf32>)
// CHECK-LABEL: func.func @main(
// OUT: Unranked Memref rank = 2 offset = 0 sizes = [2, 3]

#id2 = affine_map<(d0, d1) -> (d0, d1)>
#t = affine_map<(d0, d1) -> (d1, d0)>
#ch = affine_map<(d0, d1) -> (d1)>
#id1 = affine_map<(d0) -> (d0)>
func.func @forward(%x: tensor<2x4xf32>) -> tensor<2x3xf32> {
  %zero = arith.constant 0.0 : f32
  %eps = arith.constant 1.0e-05 : f32
  %w = arith.constant dense<[[-0.3523, -0.6983, 0.3019, -0.8551], [0.0718, -0.2686, -0.8840, 0.0149], [-0.9250, -0.1327, -0.8603, -0.8186], [-0.1510, 0.6537, -0.7524, -0.5535], [0.2549, 0.8954, 0.1542, -0.2066], [0.9525, -0.9068, 0.7169, -0.4208]]> : tensor<6x4xf32>
  %gamma = arith.constant dense<[0.6443, 0.6178, 0.8085, 1.3161, 0.6807, 1.0816]> : tensor<6xf32>
  %var = arith.constant dense<[1.3139, 0.8076, 1.1407, 0.2193, 0.2132, 0.4913]> : tensor<6xf32>
  %mean = arith.constant dense<[0.3608, -0.1448, -0.3717, 0.1711, -0.0936, -0.4005]> : tensor<6xf32>
  %beta = arith.constant dense<[0.5888, 0.3980, -0.5118, 0.1488, 0.0504, 0.7503]> : tensor<6xf32>
  %w2 = arith.constant dense<[[0.4589, -0.4241, 0.9603, -0.7639, -0.1638, 0.5143], [-0.6960, -0.0221, -0.9216, 0.3364, 0.5291, 0.1461], [0.7510, -0.3725, 0.3906, 0.1887, 0.1598, -0.0876]]> : tensor<3x6xf32>

  // Linear layer: x * w^T, the transpose computed at run time.
  %et = tensor.empty() : tensor<4x6xf32>
  %wt = linalg.generic {indexing_maps = [#id2, #t], iterator_types = ["parallel", "parallel"]}
      ins(%w : tensor<6x4xf32>) outs(%et : tensor<4x6xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<4x6xf32>
  %acc0 = tensor.empty() : tensor<2x6xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%acc0 : tensor<2x6xf32>) -> tensor<2x6xf32>
  %y = linalg.matmul ins(%x, %wt : tensor<2x4xf32>, tensor<4x6xf32>) outs(%acc : tensor<2x6xf32>) -> tensor<2x6xf32>

  // Batch norm in inference: scale = gamma / sqrt(var + eps),
  // shift = beta - mean * scale, on constants.
  %es = tensor.empty() : tensor<6xf32>
  %scale = linalg.generic {indexing_maps = [#id1, #id1, #id1], iterator_types = ["parallel"]}
      ins(%gamma, %var : tensor<6xf32>, tensor<6xf32>) outs(%es : tensor<6xf32>) {
  ^bb0(%g: f32, %v: f32, %out: f32):
    %ve = arith.addf %v, %eps : f32
    %sd = math.sqrt %ve : f32
    %s = arith.divf %g, %sd : f32
    linalg.yield %s : f32
  } -> tensor<6xf32>
  %eh = tensor.empty() : tensor<6xf32>
  %shift = linalg.generic {indexing_maps = [#id1, #id1, #id1, #id1], iterator_types = ["parallel"]}
      ins(%beta, %mean, %scale : tensor<6xf32>, tensor<6xf32>, tensor<6xf32>) outs(%eh : tensor<6xf32>) {
  ^bb0(%b: f32, %m: f32, %s: f32, %out: f32):
    %ms = arith.mulf %m, %s : f32
    %r = arith.subf %b, %ms : f32
    linalg.yield %r : f32
  } -> tensor<6xf32>
  %en = tensor.empty() : tensor<2x6xf32>
  %n = linalg.generic {indexing_maps = [#id2, #ch, #ch, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%y, %scale, %shift : tensor<2x6xf32>, tensor<6xf32>, tensor<6xf32>) outs(%en : tensor<2x6xf32>) {
  ^bb0(%in: f32, %s: f32, %h: f32, %out: f32):
    %p = arith.mulf %in, %s : f32
    %q = arith.addf %p, %h : f32
    %c = arith.cmpf ugt, %q, %zero : f32
    %r = arith.select %c, %q, %zero : f32
    linalg.yield %r : f32
  } -> tensor<2x6xf32>

  // Output layer, again through a transposed weight.
  %et2 = tensor.empty() : tensor<6x3xf32>
  %w2t = linalg.generic {indexing_maps = [#id2, #t], iterator_types = ["parallel", "parallel"]}
      ins(%w2 : tensor<3x6xf32>) outs(%et2 : tensor<6x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<6x3xf32>
  %acc2e = tensor.empty() : tensor<2x3xf32>
  %acc2 = linalg.fill ins(%zero : f32) outs(%acc2e : tensor<2x3xf32>) -> tensor<2x3xf32>
  %z = linalg.matmul ins(%n, %w2t : tensor<2x6xf32>, tensor<6x3xf32>) outs(%acc2 : tensor<2x3xf32>) -> tensor<2x3xf32>
  return %z : tensor<2x3xf32>
}
