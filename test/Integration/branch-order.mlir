// Two independent branches, written interleaved: each computes a 64x32
// product (8 KiB) and reduces it to 32 values. Run as written, both products
// are live together; memplan-reorder finishes one branch before starting
// the other, which nearly halves the arena (the perturbed weights are
// runtime buffers here, 1 KiB each). The outputs stay identical to the
// unoptimised program's, in either order, on non-uniform data.
// RUN: memplan-opt %s --test-memplan-perturb-constants --test-memplan-generate-main %reference-bufferize --memplan-lower-to-llvm | %run | %strip-addresses > %t.reference
// RUN: memplan-opt %s --test-memplan-perturb-constants --test-memplan-generate-main --memplan-pipeline --memplan-report=output=%t.report --memplan-lower-to-llvm 2>/dev/null | %run | %strip-addresses > %t.planned
// RUN: diff %t.reference %t.planned
// RUN: memplan-opt %s --test-memplan-perturb-constants --test-memplan-generate-main --memplan-pipeline=reorder=false --memplan-report=output=%t.kept.report --memplan-lower-to-llvm 2>/dev/null | %run | %strip-addresses > %t.kept
// RUN: diff %t.reference %t.kept
// RUN: FileCheck %s --check-prefix=REORDERED --input-file=%t.report
// RUN: FileCheck %s --check-prefix=KEPT --input-file=%t.kept.report
// RUN: memplan-opt %s --memplan-fold-constants --memplan-reorder=emit-remarks -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK

// REORDERED: @forward
// REORDERED-NEXT: arena host: {{.*}} arena 9216 B
// KEPT: @forward
// KEPT-NEXT: arena host: {{.*}} arena 17408 B
// REMARK: remark: reordered: estimated working set 16512 B -> 8448 B

#id2 = affine_map<(d0, d1) -> (d0, d1)>
#rows = affine_map<(d0, d1) -> (d1)>
#id1 = affine_map<(d0) -> (d0)>
func.func @forward(%x: tensor<64x8xf32>) -> tensor<32xf32> {
  %zero = arith.constant 0.0 : f32
  %wa = arith.constant dense<0.5> : tensor<8x32xf32>
  %wb = arith.constant dense<-0.25> : tensor<8x32xf32>
  %ea = tensor.empty() : tensor<64x32xf32>
  %fa = linalg.fill ins(%zero : f32) outs(%ea : tensor<64x32xf32>) -> tensor<64x32xf32>
  %a1 = linalg.matmul ins(%x, %wa : tensor<64x8xf32>, tensor<8x32xf32>) outs(%fa : tensor<64x32xf32>) -> tensor<64x32xf32>
  %eb = tensor.empty() : tensor<64x32xf32>
  %fb = linalg.fill ins(%zero : f32) outs(%eb : tensor<64x32xf32>) -> tensor<64x32xf32>
  %b1 = linalg.matmul ins(%x, %wb : tensor<64x8xf32>, tensor<8x32xf32>) outs(%fb : tensor<64x32xf32>) -> tensor<64x32xf32>
  %ra = tensor.empty() : tensor<32xf32>
  %ra0 = linalg.fill ins(%zero : f32) outs(%ra : tensor<32xf32>) -> tensor<32xf32>
  %a2 = linalg.generic {indexing_maps = [#id2, #rows], iterator_types = ["reduction", "parallel"]}
      ins(%a1 : tensor<64x32xf32>) outs(%ra0 : tensor<32xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %out : f32
    linalg.yield %m : f32
  } -> tensor<32xf32>
  %rb = tensor.empty() : tensor<32xf32>
  %rb0 = linalg.fill ins(%zero : f32) outs(%rb : tensor<32xf32>) -> tensor<32xf32>
  %b2 = linalg.generic {indexing_maps = [#id2, #rows], iterator_types = ["reduction", "parallel"]}
      ins(%b1 : tensor<64x32xf32>) outs(%rb0 : tensor<32xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %out : f32
    linalg.yield %s : f32
  } -> tensor<32xf32>
  %e = tensor.empty() : tensor<32xf32>
  %sum = linalg.generic {indexing_maps = [#id1, #id1, #id1], iterator_types = ["parallel"]}
      ins(%a2, %b2 : tensor<32xf32>, tensor<32xf32>) outs(%e : tensor<32xf32>) {
  ^bb0(%p: f32, %q: f32, %out: f32):
    %s = arith.subf %p, %q : f32
    linalg.yield %s : f32
  } -> tensor<32xf32>
  return %sum : tensor<32xf32>
}
