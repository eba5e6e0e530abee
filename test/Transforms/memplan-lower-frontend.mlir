// RUN: memplan-opt %s --memplan-lower-frontend --split-input-file -verify-diagnostics | FileCheck %s
// memplan-pipeline runs it first (frontend=auto); frontend=none does not,
// and bufferization then stops at the elementwise op on tensors.
// RUN: memplan-opt %S/Inputs/elementwise-on-tensors.mlir --memplan-pipeline=arena-storage=argument 2>/dev/null | FileCheck %s --check-prefix=AUTO
// AUTO: func.func @forward(%{{.*}}: memref<4x8xf32>, %{{.*}}: memref<4x8xf32> {bufferize.result})
// AUTO: math.cos %{{.*}} : f32
// RUN: not memplan-opt %S/Inputs/elementwise-on-tensors.mlir --memplan-pipeline=frontend=none -o /dev/null 2>&1 | FileCheck %s --check-prefix=NONE
// NONE: error: op was not bufferized

// TOSA: a reshape (tosa-to-tensor) and a cast from i64 to f32, which
// upstream TOSA validation would reject; no TOSA op is left.
// CHECK-LABEL: func.func @tosa_reshape_cast
// CHECK-NOT:     tosa.
// CHECK:         tensor.collapse_shape %{{.*}} {{\[\[}}0, 1]] : tensor<2x3xi64> into tensor<6xi64>
// CHECK:         linalg.generic
// CHECK:           arith.sitofp %{{.*}} : i64 to f32
// CHECK-NOT:     tosa.
func.func @tosa_reshape_cast(%x: tensor<2x3xi64>) -> tensor<6xf32> {
  %s = tosa.const_shape {values = dense<6> : tensor<1xindex>} : () -> !tosa.shape<1>
  %r = tosa.reshape %x, %s : (tensor<2x3xi64>, !tosa.shape<1>) -> tensor<6xi64>
  %c = tosa.cast %r : (tensor<6xi64>) -> tensor<6xf32>
  return %c : tensor<6xf32>
}

// -----

// Elementwise math and arith on tensors become linalg.generic, each writing
// a fresh tensor (not over an operand: memplan decides what is reused).
// CHECK-LABEL: func.func @rotary
// CHECK-SAME:    (%[[X:.*]]: tensor<4x8xf32>)
// CHECK:         %[[E0:.*]] = tensor.empty() : tensor<4x8xf32>
// CHECK:         %[[COS:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<4x8xf32>) outs(%[[E0]] : tensor<4x8xf32>)
// CHECK:           math.cos
// CHECK:         %[[E1:.*]] = tensor.empty() : tensor<4x8xf32>
// CHECK:         linalg.generic {{.*}} ins(%[[COS]], %[[X]] : tensor<4x8xf32>, tensor<4x8xf32>) outs(%[[E1]] : tensor<4x8xf32>)
// CHECK:           arith.mulf
// CHECK-NOT:     math.cos %{{.*}} : tensor
func.func @rotary(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %c = math.cos %x : tensor<4x8xf32>
  %m = arith.mulf %c, %x : tensor<4x8xf32>
  return %m : tensor<4x8xf32>
}

// -----

// A program in linalg, tensor and arith already is left exactly as it is:
// scalar arith, constants on tensors and existing generics untouched.
// CHECK-LABEL: func.func @already_linalg
// CHECK-NEXT:    %[[CST:.*]] = arith.constant dense<1.000000e+00> : tensor<4xf32>
// CHECK-NEXT:    %[[E:.*]] = tensor.empty() : tensor<4xf32>
// CHECK-NEXT:    %[[G:.*]] = linalg.generic {{.*}} ins(%{{.*}}, %[[CST]] : tensor<4xf32>, tensor<4xf32>) outs(%[[E]] : tensor<4xf32>)
// CHECK:         return %[[G]]
func.func @already_linalg(%x: tensor<4xf32>) -> tensor<4xf32> {
  %cst = arith.constant dense<1.0> : tensor<4xf32>
  %e = tensor.empty() : tensor<4xf32>
  %g = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x, %cst : tensor<4xf32>, tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %s = arith.addf %a, %b : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  return %g : tensor<4xf32>
}

// -----

// A TOSA op that nothing lowers: upstream's conversion stops at it.
func.func @custom(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @below {{failed to legalize operation 'tosa.custom'}}
  %0 = tosa.custom %x {domain_name = "vendor", operator_name = "frob", implementation_attrs = ""} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
