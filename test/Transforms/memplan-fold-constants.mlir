// RUN: memplan-opt %s --memplan-fold-constants -split-input-file | FileCheck %s
// Nested under func.func (one pass instance per function, in parallel) it
// does exactly what it does on the whole module.
// RUN: memplan-opt %s --pass-pipeline='builtin.module(func.func(memplan-fold-constants))' -split-input-file | FileCheck %s
// RUN: memplan-opt %s --memplan-fold-constants=max-fold-bytes=16 -split-input-file 2>/dev/null | FileCheck %s --check-prefix=SMALL

#id2 = affine_map<(d0, d1) -> (d0, d1)>
#tr2 = affine_map<(d0, d1) -> (d1, d0)>

// A weight transpose feeding a matmul: the matmul reads the weight through
// a transposed map; no transposed copy is left.
// CHECK-DAG:   #[[A:.*]] = affine_map<(d0, d1, d2) -> (d0, d2)>
// CHECK-DAG:   #[[BT:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-DAG:   #[[C:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func.func @transpose_into_matmul(
// CHECK-SAME:    %[[X:[a-z0-9]+]]: tensor<2x4xf32>
// CHECK-NEXT:    %[[W:.*]] = arith.constant dense<{{.*}}> : tensor<3x4xf32>
// CHECK-NEXT:    linalg.matmul indexing_maps = [#[[A]], #[[BT]], #[[C]]]
// CHECK-SAME:    ins(%[[X]], %[[W]] : tensor<2x4xf32>, tensor<3x4xf32>)
func.func @transpose_into_matmul(%x: tensor<2x4xf32>, %acc: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %w = arith.constant dense<[[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0], [9.0, 10.0, 11.0, 12.0]]> : tensor<3x4xf32>
  %e = tensor.empty() : tensor<4x3xf32>
  %t = linalg.generic {indexing_maps = [#id2, #tr2], iterator_types = ["parallel", "parallel"]}
      ins(%w : tensor<3x4xf32>) outs(%e : tensor<4x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<4x3xf32>
  %y = linalg.matmul ins(%x, %t : tensor<2x4xf32>, tensor<4x3xf32>) outs(%acc : tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

#id2 = affine_map<(d0, d1) -> (d0, d1)>
#tr2 = affine_map<(d0, d1) -> (d1, d0)>
#row = affine_map<(d0, d1) -> (d1)>

// A broadcast read by a generic: the generic reads the vector directly.
// CHECK-DAG:   #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:   #[[ROW:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @broadcast_into_generic(
// CHECK-NEXT:    %[[B:.*]] = arith.constant dense<[1.000000e+00, 2.000000e+00, 3.000000e+00]> : tensor<3xf32>
// CHECK-NEXT:    %[[E:.*]] = tensor.empty() : tensor<2x3xf32>
// CHECK-NEXT:    linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]]
// CHECK-SAME:    ins(%{{.*}}, %[[B]] : tensor<2x3xf32>, tensor<3xf32>) outs(%[[E]] : tensor<2x3xf32>)
func.func @broadcast_into_generic(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %b = arith.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %e = tensor.empty() : tensor<2x3xf32>
  %bb = linalg.generic {indexing_maps = [#row, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%b : tensor<3xf32>) outs(%e : tensor<2x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<2x3xf32>
  %e2 = tensor.empty() : tensor<2x3xf32>
  %y = linalg.generic {indexing_maps = [#id2, #id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%x, %bb : tensor<2x3xf32>, tensor<2x3xf32>) outs(%e2 : tensor<2x3xf32>) {
  ^bb0(%p: f32, %q: f32, %out: f32):
    %s = arith.addf %p, %q : f32
    linalg.yield %s : f32
  } -> tensor<2x3xf32>
  return %y : tensor<2x3xf32>
}

// -----

#vec = affine_map<(d0, d1, d2, d3) -> (d1)>
#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>

// A splat bias broadcast into a convolution's accumulator becomes a fill of
// the accumulator (a splat constant there would be copied at run time).
// CHECK-LABEL: func.func @splat_bias_into_accumulator(
// CHECK-NEXT:    %[[E:.*]] = tensor.empty() : tensor<1x2x3x3xf32>
// CHECK-NEXT:    %[[C:.*]] = arith.constant 2.500000e-01 : f32
// CHECK-NEXT:    %[[F:.*]] = linalg.fill ins(%[[C]] : f32) outs(%[[E]] : tensor<1x2x3x3xf32>)
// CHECK-NEXT:    linalg.conv_2d_nchw_fchw {{.*}} outs(%[[F]] : tensor<1x2x3x3xf32>)
func.func @splat_bias_into_accumulator(%x: tensor<1x1x5x5xf32>, %w: tensor<2x1x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %bias = arith.constant dense<0.25> : tensor<2xf32>
  %e = tensor.empty() : tensor<1x2x3x3xf32>
  %acc = linalg.generic {indexing_maps = [#vec, #id4], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%bias : tensor<2xf32>) outs(%e : tensor<1x2x3x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<1x2x3x3xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
      ins(%x, %w : tensor<1x1x5x5xf32>, tensor<2x1x3x3xf32>) outs(%acc : tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %y : tensor<1x2x3x3xf32>
}

// -----

#id1 = affine_map<(d0) -> (d0)>

// Batch-norm parameter arithmetic, scale = gamma * rsqrt(var + eps), is
// computed at compile time, exactly as the program would; the single-use
// inputs disappear, so constant data does not grow.
// CHECK-LABEL: func.func @batch_norm_scale(
// CHECK-NEXT:    %[[S:.*]] = arith.constant dense<[5.000000e-01, 2.000000e+00, 7.500000e-01, 4.000000e+00]> : tensor<4xf32>
// CHECK-NEXT:    return %[[S]]
// SMALL-LABEL: func.func @batch_norm_scale(
// SMALL:         arith.constant dense<[5.000000e-01, 2.000000e+00, 7.500000e-01, 4.000000e+00]> : tensor<4xf32>
func.func @batch_norm_scale() -> tensor<4xf32> {
  %gamma = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %var = arith.constant dense<[4.0, 1.0, 16.0, 1.0]> : tensor<4xf32>
  %eps = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4xf32>
  %scale = linalg.generic {indexing_maps = [#id1, #id1, #id1], iterator_types = ["parallel"]}
      ins(%gamma, %var : tensor<4xf32>, tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%g: f32, %v: f32, %out: f32):
    %0 = arith.addf %v, %eps : f32
    %1 = math.rsqrt %0 : f32
    %2 = arith.mulf %g, %1 : f32
    linalg.yield %2 : f32
  } -> tensor<4xf32>
  return %scale : tensor<4xf32>
}

// -----

#id1 = affine_map<(d0) -> (d0)>
#sum = affine_map<(d0, d1) -> (d0)>
#id2 = affine_map<(d0, d1) -> (d0, d1)>

// Splats stay splats, whatever their size; a reduction of constants is
// evaluated point by point into its accumulator.
// CHECK-LABEL: func.func @splat_and_reduction(
// CHECK-NEXT:    %[[A:.*]] = arith.constant dense<3.000000e+00> : tensor<1000x1000xf32>
// CHECK-NEXT:    %[[B:.*]] = arith.constant dense<[6, 15]> : tensor<2xi32>
// CHECK-NEXT:    return %[[A]], %[[B]]
func.func @splat_and_reduction() -> (tensor<1000x1000xf32>, tensor<2xi32>) {
  %one = arith.constant dense<1.0> : tensor<1000x1000xf32>
  %e = tensor.empty() : tensor<1000x1000xf32>
  %three = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
      ins(%one : tensor<1000x1000xf32>) outs(%e : tensor<1000x1000xf32>) {
  ^bb0(%in: f32, %out: f32):
    %two = arith.constant 2.0 : f32
    %s = arith.addf %in, %two : f32
    linalg.yield %s : f32
  } -> tensor<1000x1000xf32>
  %m = arith.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>
  %zero = arith.constant 0 : i32
  %ez = tensor.empty() : tensor<2xi32>
  %acc = linalg.fill ins(%zero : i32) outs(%ez : tensor<2xi32>) -> tensor<2xi32>
  %rows = linalg.generic {indexing_maps = [#id2, #sum], iterator_types = ["parallel", "reduction"]}
      ins(%m : tensor<2x3xi32>) outs(%acc : tensor<2xi32>) {
  ^bb0(%in: i32, %out: i32):
    %s = arith.addi %in, %out : i32
    linalg.yield %s : i32
  } -> tensor<2xi32>
  return %three, %rows : tensor<1000x1000xf32>, tensor<2xi32>
}

// -----

#id4 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#perm = affine_map<(d0, d1, d2, d3) -> (d1, d0, d2, d3)>

// A transposed weight read by a convolution cannot be composed (its maps
// are fixed); it is computed at compile time unless that would exceed
// max-fold-bytes.
// CHECK-LABEL: func.func @transpose_into_conv(
// CHECK-NOT:     linalg.generic
// CHECK:         linalg.conv_2d_nchw_fchw
// SMALL-LABEL: func.func @transpose_into_conv(
// SMALL:         %[[W:.*]] = arith.constant dense<{{.*}}> : tensor<2x4x1x1xf32>
// SMALL:         %[[T:.*]] = linalg.generic {{.*}} ins(%[[W]] : tensor<2x4x1x1xf32>)
// SMALL:         linalg.conv_2d_nchw_fchw {{.*}} ins(%{{.*}}, %[[T]] :
func.func @transpose_into_conv(%x: tensor<1x2x3x3xf32>) -> tensor<1x4x1x1xf32> {
  %w = arith.constant dense<[[[[1.0]], [[2.0]], [[3.0]], [[4.0]]], [[[5.0]], [[6.0]], [[7.0]], [[8.0]]]]> : tensor<2x4x1x1xf32>
  %e = tensor.empty() : tensor<4x2x1x1xf32>
  %t = linalg.generic {indexing_maps = [#id4, #perm], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%w : tensor<2x4x1x1xf32>) outs(%e : tensor<4x2x1x1xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<4x2x1x1xf32>
  %acc = tensor.empty() : tensor<1x4x1x1xf32>
  %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<3> : vector<2xi64>}
      ins(%x, %t : tensor<1x2x3x3xf32>, tensor<4x2x1x1xf32>) outs(%acc : tensor<1x4x1x1xf32>) -> tensor<1x4x1x1xf32>
  return %y : tensor<1x4x1x1xf32>
}

// -----

// One transposed constant read through both operands of a matmul: both
// indexing maps are rewritten (once, only the first one was).
#id2 = affine_map<(d0, d1) -> (d0, d1)>
#tr2 = affine_map<(d0, d1) -> (d1, d0)>
// CHECK-LABEL: func.func @transposed_twice
// CHECK-NOT: linalg.generic
// CHECK: linalg.matmul indexing_maps = [#{{.*}}, #{{.*}}, #{{.*}}] ins(%[[W:.*]], %[[W]] :
func.func @transposed_twice() -> tensor<2x2xf32> {
  %w = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %e = tensor.empty() : tensor<2x2xf32>
  %t = linalg.generic {indexing_maps = [#tr2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%w : tensor<2x2xf32>) outs(%e : tensor<2x2xf32>) {
  ^bb0(%in: f32, %o: f32):
    linalg.yield %in : f32
  } -> tensor<2x2xf32>
  %zero = arith.constant 0.0 : f32
  %acc = tensor.empty() : tensor<2x2xf32>
  %f = linalg.fill ins(%zero : f32) outs(%acc : tensor<2x2xf32>) -> tensor<2x2xf32>
  %r = linalg.matmul ins(%t, %t : tensor<2x2xf32>, tensor<2x2xf32>) outs(%f : tensor<2x2xf32>) -> tensor<2x2xf32>
  return %r : tensor<2x2xf32>
}

// -----

// A broadcast whose broadcast dimension the reader then reduces: reading
// the broadcast's input directly would leave that loop unbounded, so the
// broadcast stays (this crashed once).
#id2 = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @broadcast_then_reduced
// CHECK: linalg.generic
// CHECK: linalg.generic
func.func @broadcast_then_reduced(%x: tensor<4x3xf32>) -> tensor<3xf32> {
  %v = arith.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %e = tensor.empty() : tensor<4x3xf32>
  %b = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1)>, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%v : tensor<3xf32>) outs(%e : tensor<4x3xf32>) {
  ^bb0(%in: f32, %o: f32):
    linalg.yield %in : f32
  } -> tensor<4x3xf32>
  %zero = arith.constant 0.0 : f32
  %acc = tensor.empty() : tensor<3xf32>
  %f = linalg.fill ins(%zero : f32) outs(%acc : tensor<3xf32>) -> tensor<3xf32>
  %r = linalg.generic {indexing_maps = [#id2, affine_map<(d0, d1) -> (d1)>], iterator_types = ["reduction", "parallel"]}
      ins(%b : tensor<4x3xf32>) outs(%f : tensor<3xf32>) {
  ^bb0(%in: f32, %o: f32):
    %s = arith.addf %in, %o : f32
    linalg.yield %s : f32
  } -> tensor<3xf32>
  return %r : tensor<3xf32>
}
