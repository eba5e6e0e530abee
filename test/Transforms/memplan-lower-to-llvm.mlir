// RUN: memplan-opt %s --memplan-pipeline --memplan-lower-to-llvm 2>/dev/null | FileCheck %s
// RUN: memplan-opt %s --memplan-pipeline=arena-storage=argument --memplan-lower-to-llvm 2>/dev/null | FileCheck %s --check-prefix=ARG
// RUN: memplan-opt %s --memplan-pipeline --memplan-lower-to-llvm --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=PASSES
// RUN: memplan-opt %s --memplan-pipeline --memplan-lower-to-llvm=deallocate=false --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=NODEALLOC

// The heap allocations left are freed by upstream ownership-based
// deallocation unless the program frees its own (deallocate=false); tiles
// (scf.forall), vector, complex, index and ub operations are lowered too, and
// the last step fails at anything left that is not LLVM.
// PASSES:      memplan-lower-arenas
// PASSES:      ownership-based-buffer-deallocation
// PASSES:      scf-forall-to-for
// PASSES:      convert-vector-to-scf
// PASSES:      convert-complex-to-standard
// PASSES:      convert-vector-to-llvm
// PASSES:      convert-ub-to-llvm
// PASSES:      reconcile-unrealized-casts
// PASSES-NEXT: memplan-check-lowered-to-llvm
// NODEALLOC:     memplan-lower-arenas
// NODEALLOC-NOT: ownership-based-buffer-deallocation
// NODEALLOC:     memplan-check-lowered-to-llvm

// After the lowering only the LLVM dialect is left (plus the plan recorded
// as discardable attributes), so mlir-runner and mlir-translate accept it.
// The arena is one aligned malloc (the other is the returned result), freed
// before returning; math.erf, which has no LLVM intrinsic, becomes a call of
// libm's erff.
// CHECK-NOT:   memplan.arena <
// CHECK-DAG:   llvm.func @erff(f32) -> f32
// CHECK-DAG:   llvm.func @malloc(i64) -> !llvm.ptr
// CHECK-DAG:   llvm.func @free(!llvm.ptr)
// CHECK-LABEL: llvm.func @forward
// CHECK-NOT:   {{(memref|linalg|arith|math|scf|cf|func|tensor|bufferization)\.}}
// CHECK:       llvm.call @malloc
// CHECK:       llvm.call @erff
// CHECK:       llvm.call @malloc
// CHECK:       llvm.call @free
// CHECK-NEXT:  llvm.return

// With the arena from the caller, the result is written into the caller's
// buffer too: the function allocates and frees nothing.
// ARG-LABEL:   llvm.func @forward
// ARG-NOT:     llvm.call @malloc
// ARG-NOT:     llvm.call @free
// ARG:         llvm.return

#id = affine_map<(d0, d1) -> (d0, d1)>
#transposed = affine_map<(d0, d1) -> (d1, d0)>
// b = transpose(erf(x)) * x: b reads a transposed, so it cannot be written
// over a, which lives in the arena.
func.func @forward(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %e = tensor.empty() : tensor<4x4xf32>
  %a = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4x4xf32>) outs(%e : tensor<4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = math.erf %in : f32
    linalg.yield %s : f32
  } -> tensor<4x4xf32>
  %e2 = tensor.empty() : tensor<4x4xf32>
  %b = linalg.generic {indexing_maps = [#transposed, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%a, %x : tensor<4x4xf32>, tensor<4x4xf32>) outs(%e2 : tensor<4x4xf32>) {
  ^bb0(%p: f32, %q: f32, %out: f32):
    %s = arith.mulf %p, %q : f32
    linalg.yield %s : f32
  } -> tensor<4x4xf32>
  return %b : tensor<4x4xf32>
}
