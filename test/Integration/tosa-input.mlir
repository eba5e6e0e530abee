// TOSA programs plan directly: memplan-pipeline lowers them first
// (memplan-lower-frontend: upstream's TOSA lowering without its validation,
// tosa-to-tensor, tosa-to-arith), and the planned program computes what the
// same lowering bufferized by upstream alone computes. The program has a
// reshape (tosa-to-tensor) and a cast from i64 to f32 (which TOSA
// validation would reject).
// RUN: memplan-opt %s --memplan-lower-frontend --test-memplan-perturb-constants --test-memplan-generate-main %reference-bufferize --memplan-lower-to-llvm | %run | %strip-addresses > %t.reference
// RUN: memplan-opt %s --memplan-lower-frontend --test-memplan-perturb-constants --test-memplan-generate-main --memplan-pipeline --memplan-lower-to-llvm 2>/dev/null | %run | %strip-addresses > %t.planned
// RUN: diff %t.reference %t.planned
// RUN: FileCheck %s --input-file=%t.planned
// (The weights are perturbed after lowering, where they are arith
// constants; on the TOSA file itself the pipeline alone plans it.)
// RUN: memplan-opt %s --memplan-pipeline --memplan-report=output=%t.report -o /dev/null 2>/dev/null
// RUN: FileCheck %s --check-prefix=REPORT --input-file=%t.report
// (Upstream's --tosa-to-linalg-pipeline alone would reject the cast in
// its validation.)
// RUN: not memplan-opt %s --tosa-to-linalg-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=UPSTREAM
// UPSTREAM: error: 'tosa.cast' op illegal
// CHECK: Unranked Memref rank = 2 offset = 0 sizes = [1, 256]
// REPORT: @forward
// REPORT-NEXT: arena host: {{[1-9][0-9]*}} buffers

func.func @forward(%x: tensor<1x8x8x4xf32>, %n: tensor<1x256xi64>) -> tensor<1x256xf32> {
  %w = "tosa.const"() <{values = dense<0.05> : tensor<4x3x3x4xf32>}> : () -> tensor<4x3x3x4xf32>
  %b = "tosa.const"() <{values = dense<0.1> : tensor<4xf32>}> : () -> tensor<4xf32>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %c = tosa.conv2d %x, %w, %b, %zp, %zp {acc_type = f32, dilation = array<i64: 1, 1>, pad = array<i64: 1, 1, 1, 1>, stride = array<i64: 1, 1>}
      : (tensor<1x8x8x4xf32>, tensor<4x3x3x4xf32>, tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x8x8x4xf32>
  %r = tosa.clamp %c {max_val = 6.0 : f32, min_val = 0.0 : f32} : (tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
  %s = tosa.add %r, %x : (tensor<1x8x8x4xf32>, tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
  %t = tosa.tanh %s : (tensor<1x8x8x4xf32>) -> tensor<1x8x8x4xf32>
  %shape = tosa.const_shape {values = dense<[1, 256]> : tensor<2xindex>} : () -> !tosa.shape<2>
  %flat = tosa.reshape %t, %shape : (tensor<1x8x8x4xf32>, !tosa.shape<2>) -> tensor<1x256xf32>
  %count = tosa.cast %n : (tensor<1x256xi64>) -> tensor<1x256xf32>
  %out = tosa.add %flat, %count : (tensor<1x256xf32>, tensor<1x256xf32>) -> tensor<1x256xf32>
  return %out : tensor<1x256xf32>
}
