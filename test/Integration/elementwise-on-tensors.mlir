// Elementwise math and arith on whole tensors (a rotary embedding's
// cos/sin) plan directly: memplan-pipeline turns them into linalg.generic
// first (memplan-lower-frontend), and the planned program computes what the
// same program bufferized by upstream alone computes.
// RUN: memplan-opt %s --memplan-lower-frontend --test-memplan-generate-main %reference-bufferize --memplan-lower-to-llvm | %run | %strip-addresses > %t.reference
// RUN: memplan-opt %s --test-memplan-generate-main --memplan-pipeline --memplan-lower-to-llvm 2>/dev/null | %run | %strip-addresses > %t.planned
// RUN: diff %t.reference %t.planned
// RUN: FileCheck %s --input-file=%t.planned
// CHECK: Unranked Memref rank = 2 offset = 0 sizes = [8, 16]

func.func @forward(%x: tensor<8x16xf32>, %angle: tensor<8x16xf32>) -> tensor<8x16xf32> {
  %c = math.cos %angle : tensor<8x16xf32>
  %s = math.sin %angle : tensor<8x16xf32>
  %xc = arith.mulf %x, %c : tensor<8x16xf32>
  %xs = arith.mulf %x, %s : tensor<8x16xf32>
  %r = arith.subf %xc, %xs : tensor<8x16xf32>
  %e = math.exp %r : tensor<8x16xf32>
  return %e : tensor<8x16xf32>
}
