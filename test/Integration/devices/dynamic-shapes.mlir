// A program whose dynamically shaped part cannot go to a device: a device's
// memory is one fixed arena. Over examples/devices.json the static matmul
// runs on npu0 and the static elementwise op on dsp0, each from its
// device's arena; the dynamically shaped matmul and subtraction stay inline in
// the host function, with remarks; and the partitioned program
// computes the same bits as the unplanned one on non-uniform inputs. (Once
// bufferized, canonicalization sees through the casts and the host's
// buffers become static and planned too.)
// RUN: memplan-opt %s --test-memplan-generate-main %reference-bufferize --memplan-lower-to-llvm | %run | %strip-addresses > %t.reference
// RUN: memplan-opt %s --test-memplan-generate-main --memplan-pipeline=targets=%examples/devices.json -o %t.planned.mlir 2> %t.remarks
// RUN: memplan-opt %t.planned.mlir --memplan-lower-to-llvm | %run | %strip-addresses > %t.planned
// RUN: diff %t.reference %t.planned
// RUN: FileCheck %s --input-file=%t.planned.mlir
// RUN: FileCheck %s --check-prefix=REMARKS --input-file=%t.remarks

// CHECK-LABEL: func.func private @forward_npu0_0(
// CHECK:         linalg.matmul {{.*}}ins(%{{.*}}, %{{.*}} : memref<4x4xf32>, memref<4x4xf32>)
// CHECK-LABEL: func.func private @forward_dsp0_1(
// CHECK:         arith.mulf
// CHECK-NOT:   func.func private @forward_host
// CHECK-LABEL: func.func @forward(
// CHECK-DAG:     memplan.arena <device = "host"
// CHECK-DAG:     memplan.arena <device = "npu0"
// CHECK-DAG:     memplan.arena <device = "dsp0"
// CHECK:         call @forward_npu0_0(
// CHECK:         linalg.matmul ins(%arg0,
// CHECK:         call @forward_dsp0_1(
// CHECK:         arith.subf
// CHECK:         return

// The fill and matmul npu0 supports, the cast and subtraction dsp0 does.
// REMARKS: remark: dynamically shaped: runs on the host rather than 'npu0', whose memory is a fixed arena
// REMARKS: remark: dynamically shaped: runs on the host rather than 'npu0', whose memory is a fixed arena
// REMARKS: remark: dynamically shaped: runs on the host rather than 'dsp0', whose memory is a fixed arena
// REMARKS: remark: dynamically shaped: runs on the host rather than 'dsp0', whose memory is a fixed arena
// REMARKS-NOT: runs on the host rather than

#id2 = affine_map<(d0, d1) -> (d0, d1)>
func.func @forward(%x: tensor<3x4xf32>, %w: tensor<4x4xf32>) -> (tensor<3x4xf32>, tensor<4x4xf32>) {
  %zero = arith.constant 0.0 : f32
  // npu0: a static matmul.
  %e = tensor.empty() : tensor<4x4xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<4x4xf32>) -> tensor<4x4xf32>
  %ww = linalg.matmul ins(%w, %w : tensor<4x4xf32>, tensor<4x4xf32>) outs(%acc : tensor<4x4xf32>) -> tensor<4x4xf32>
  // The host: a dynamically shaped matmul.
  %xd = tensor.cast %x : tensor<3x4xf32> to tensor<?x4xf32>
  %c0 = arith.constant 0 : index
  %n = tensor.dim %xd, %c0 : tensor<?x4xf32>
  %ed = tensor.empty(%n) : tensor<?x4xf32>
  %accd = linalg.fill ins(%zero : f32) outs(%ed : tensor<?x4xf32>) -> tensor<?x4xf32>
  %xm = linalg.matmul ins(%xd, %ww : tensor<?x4xf32>, tensor<4x4xf32>) outs(%accd : tensor<?x4xf32>) -> tensor<?x4xf32>
  // dsp0: static elementwise code on its result.
  %xs = tensor.cast %xm : tensor<?x4xf32> to tensor<3x4xf32>
  %e1 = tensor.empty() : tensor<3x4xf32>
  %d = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%xs : tensor<3x4xf32>) outs(%e1 : tensor<3x4xf32>) {
  ^bb0(%a: f32, %out: f32):
    %m = arith.mulf %a, %a : f32
    linalg.yield %m : f32
  } -> tensor<3x4xf32>
  // The host again, on both: the dynamically shaped value crosses from one
  // host region to the other, so neither can be a sub-function.
  %dd = tensor.cast %d : tensor<3x4xf32> to tensor<?x4xf32>
  %ed2 = tensor.empty(%n) : tensor<?x4xf32>
  %sum = linalg.generic {indexing_maps = [#id2, #id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%xm, %dd : tensor<?x4xf32>, tensor<?x4xf32>) outs(%ed2 : tensor<?x4xf32>) {
  ^bb0(%a: f32, %b: f32, %out: f32):
    %s = arith.subf %a, %b : f32
    linalg.yield %s : f32
  } -> tensor<?x4xf32>
  %out = tensor.cast %sum : tensor<?x4xf32> to tensor<3x4xf32>
  return %out, %ww : tensor<3x4xf32>, tensor<4x4xf32>
}
