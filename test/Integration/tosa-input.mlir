// TOSA programs enter through upstream lowering (tosa-to-linalg-pipeline,
// then tosa-to-arith for the constants); the plan then runs like any other.
// RUN: memplan-opt %s --tosa-to-linalg-pipeline --tosa-to-arith --test-memplan-perturb-constants --test-memplan-generate-main %reference-bufferize --memplan-lower-to-llvm | %run | %strip-addresses > %t.reference
// RUN: memplan-opt %s --tosa-to-linalg-pipeline --tosa-to-arith --test-memplan-perturb-constants --test-memplan-generate-main --memplan-pipeline --memplan-report=output=%t.report --memplan-lower-to-llvm 2>/dev/null | %run | %strip-addresses > %t.planned
// RUN: diff %t.reference %t.planned
// RUN: FileCheck %s --input-file=%t.planned
// RUN: FileCheck %s --check-prefix=REPORT --input-file=%t.report
// CHECK: Unranked Memref rank = 4 offset = 0 sizes = [1, 8, 8, 4]
// REPORT: @forward
// REPORT-NEXT: arena host: {{[1-9][0-9]*}} buffers

func.func @forward(%x: tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32> {
  %w = "tosa.const"() <{values = dense<0.05> : tensor<4x3x3x4xf32>}> : () -> tensor<4x3x3x4xf32>
  %b = "tosa.const"() <{values = dense<0.1> : tensor<4xf32>}> : () -> tensor<4xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %c = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>}
      : (tensor<1x8x8x4xf32>, tensor<4x3x3x4xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x8x8x4xf32>
  %r = tosa.clamp %c {max_val = 6.0 : f32, min_val = 0.0 : f32} : (tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
  %s = tosa.add %r, %x : (tensor<1x8x8x4xf32>, tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
  %t = tosa.tanh %s : (tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
  return %t : tensor<1x8x8x4xf32>
}
