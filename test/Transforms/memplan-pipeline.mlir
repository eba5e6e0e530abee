// RUN: memplan-opt %s --memplan-pipeline 2>&1 | FileCheck %s
// RUN: memplan-opt %s --memplan-pipeline="strategy=naive in-place=false" 2>&1 | FileCheck %s --check-prefix=NAIVE
// RUN: memplan-opt %s --memplan-pipeline=strategy=naive 2>&1 | FileCheck %s --check-prefix=NAIVEINPLACE
// RUN: memplan-opt %s --memplan-pipeline=alignment=256 2>&1 | FileCheck %s --check-prefix=ALIGN
// RUN: memplan-opt %s --memplan-pipeline=in-place=false 2>&1 | FileCheck %s --check-prefix=NOINPLACE
// RUN: memplan-opt %s --memplan-pipeline=arena-storage=argument 2>&1 | FileCheck %s --check-prefix=ARG
// RUN: memplan-opt %s --memplan-pipeline="time-limit=0.1 strategy=exact" 2>&1 | FileCheck %s
// RUN: memplan-opt %s --memplan-pipeline --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=PASSES
// RUN: memplan-opt %s --memplan-pipeline=verify=false --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOVERIFY
// RUN: memplan-opt %s --memplan-pipeline="fold-constants=false avoid-copies=false max-fold-bytes=64" --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOSHRINK
// RUN: not memplan-opt %s --memplan-pipeline=strategy=bogus 2>&1 | FileCheck %s --check-prefix=BADSTRATEGY
// RUN: not memplan-opt %s --memplan-pipeline=arena-storage=heap 2>&1 | FileCheck %s --check-prefix=BADSTORAGE

// Tensors in; planned buffers out. Three intermediate tensors of 64 bytes:
// a and b are live together, c takes a's block in place where a dies, so
// the arena needs 128 bytes instead of 192. The returned tensor stays a
// heap allocation, with a remark.

// CHECK:       remark: buffer not planned: it is returned from the function
// CHECK-LABEL: func.func @forward(
// CHECK-SAME:    %[[X:.*]]: memref<16xf32>) -> memref<16xf32> {
// CHECK:         %[[ARENA:.*]] = memplan.arena <device = "host", size = 128, alignment = 64, lower_bound = 128, no_reuse = 192, buffers = 3> : memref<128xi8>
// CHECK:         memref.view %[[ARENA]]{{.*}}#memplan.buffer<id = 0, size = 64, start = {{[0-9]+}}, end = {{[0-9]+}}, uses = 2, offset = [[A:[0-9]+]]>
// CHECK:         memref.view %[[ARENA]]{{.*}}#memplan.buffer<id = 1, size = 64, start = {{[0-9]+}}, end = {{[0-9]+}}, uses = 2, offset = {{[0-9]+}}>
// CHECK:         memref.view %[[ARENA]]{{.*}}#memplan.buffer<id = 2, size = 64, start = {{[0-9]+}}, end = {{[0-9]+}}, uses = 1, offset = [[A]], in_place_of = 0>
// CHECK:         %[[OUT:.*]] = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
// CHECK:         return %[[OUT]]

// NAIVE:       memplan.arena <device = "host", size = 192, alignment = 64, lower_bound = 192, no_reuse = 192, buffers = 3>
// NAIVEINPLACE: memplan.arena <device = "host", size = 128, alignment = 64, lower_bound = 128, no_reuse = 192, buffers = 3>
// ALIGN:       memplan.arena <device = "host", size = 320, alignment = 256, lower_bound = 320, no_reuse = 768, buffers = 3>
// NOINPLACE:   memplan.arena <device = "host", size = 192, alignment = 64, lower_bound = 192, no_reuse = 192, buffers = 3>
// NOINPLACE-NOT: in_place_of
// ARG-LABEL:   func.func @forward(
// ARG-SAME:      %{{.*}}: memref<16xf32>, %[[STORAGE:.*]]: memref<128xi8> {memplan.arena = #memplan.arena<device = "host", size = 128,
// ARG:           memplan.arena <device = "host", size = 128, {{.*}}> in %[[STORAGE]] : memref<128xi8>

// PASSES:      memplan-fold-constants{max-fold-bytes=1048576}
// PASSES-NEXT: memplan-avoid-copies{decompose-pads=true unshare-inits=true}
// PASSES-NEXT: eliminate-empty-tensors
// PASSES-NEXT: one-shot-bufferize{{.*}}bufferize-function-boundaries=true{{.*}}function-boundary-type-conversion=identity-layout-map
// PASSES-NEXT: cse
// PASSES-NEXT: canonicalize
// PASSES-NEXT: memplan-liveness{in-place=true}
// PASSES-NEXT: memplan-assign-offsets{alignment=64 strategy=auto test-force-overlap=false time-limit=5.000000e-01}
// PASSES-NEXT: memplan-materialize-arenas{arena-storage=alloc}
// PASSES-NEXT: memplan-verify-plan
// NOVERIFY:    memplan-materialize-arenas
// NOVERIFY-NOT: memplan-verify-plan
// NOSHRINK-NOT: memplan-fold-constants
// NOSHRINK-NOT: memplan-avoid-copies
// NOSHRINK:     one-shot-bufferize
// NOSHRINK-NEXT: memplan-liveness

// BADSTRATEGY: error: unknown memplan strategy 'bogus'; expected one of: naive, best-fit
// BADSTORAGE: for the --arena-storage option: Cannot find option named 'heap'!

#id = affine_map<(d0) -> (d0)>
func.func @forward(%x: tensor<16xf32>) -> tensor<16xf32> {
  %e = tensor.empty() : tensor<16xf32>
  // a = x + 1
  %a = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<16xf32>) outs(%e : tensor<16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %one = arith.constant 1.0 : f32
    %s = arith.addf %in, %one : f32
    linalg.yield %s : f32
  } -> tensor<16xf32>
  // b = a * 2 (a stays live: it is read again below)
  %e1 = tensor.empty() : tensor<16xf32>
  %b = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%a : tensor<16xf32>) outs(%e1 : tensor<16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %in : f32
    linalg.yield %s : f32
  } -> tensor<16xf32>
  // c = a - b: a dies here, so c takes its block in place
  %e2 = tensor.empty() : tensor<16xf32>
  %c = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%a, %b : tensor<16xf32>, tensor<16xf32>) outs(%e2 : tensor<16xf32>) {
  ^bb0(%p: f32, %q: f32, %out: f32):
    %s = arith.subf %p, %q : f32
    linalg.yield %s : f32
  } -> tensor<16xf32>
  // out = c * b: a new tensor the caller receives
  %e3 = tensor.empty() : tensor<16xf32>
  %out = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%c, %b : tensor<16xf32>, tensor<16xf32>) outs(%e3 : tensor<16xf32>) {
  ^bb0(%p: f32, %q: f32, %o: f32):
    %s = arith.mulf %p, %q : f32
    linalg.yield %s : f32
  } -> tensor<16xf32>
  return %out : tensor<16xf32>
}
