// RUN: memplan-opt %s --memplan-pipeline 2>&1 | FileCheck %s
// RUN: memplan-opt %s --memplan-pipeline="strategy=naive in-place=false" 2>&1 | FileCheck %s --check-prefix=NAIVE
// RUN: memplan-opt %s --memplan-pipeline=strategy=naive 2>&1 | FileCheck %s --check-prefix=NAIVEINPLACE
// RUN: memplan-opt %s --memplan-pipeline=alignment=256 2>&1 | FileCheck %s --check-prefix=ALIGN
// RUN: memplan-opt %s --memplan-pipeline=in-place=false 2>&1 | FileCheck %s --check-prefix=NOINPLACE
// RUN: memplan-opt %s --memplan-pipeline=arena-storage=argument 2>&1 | FileCheck %s --check-prefix=ARG
// RUN: memplan-opt %s --memplan-pipeline="time-limit=0.1 strategy=exact" 2>&1 | FileCheck %s
// RUN: memplan-opt %s --memplan-pipeline --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=PASSES
// RUN: memplan-opt %s --memplan-pipeline=frontend=none --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOFRONTEND
// NOFRONTEND-NOT: memplan-lower-frontend
// NOFRONTEND: memplan-fold-constants
// RUN: memplan-opt %s --memplan-pipeline=verify=false --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOVERIFY
// RUN: memplan-opt %s --memplan-pipeline="fold-constants=false reorder=false avoid-copies=false in-place=false max-fold-bytes=64" --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOSHRINK
// RUN: memplan-opt %s --memplan-pipeline="targets=%examples/devices.json host-ops=linalg.matmul,linalg.fill fuse-elementwise=false" --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=DEVICES
// RUN: not memplan-opt %s --memplan-pipeline=partition --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=PARTITION
// RUN: not memplan-opt %s --memplan-pipeline=strategy=bogus 2>&1 | FileCheck %s --check-prefix=BADSTRATEGY
// RUN: not memplan-opt %s --memplan-pipeline=alignment=3 2>&1 | FileCheck %s --check-prefix=BADALIGN --implicit-check-not=error:
// RUN: not memplan-opt %s --memplan-pipeline=max-fold-bytes=-1 2>&1 | FileCheck %s --check-prefix=BADFOLD --implicit-check-not=error:
// RUN: not memplan-opt %s --memplan-pipeline=arena-storage=heap 2>&1 | FileCheck %s --check-prefix=BADSTORAGE

// Tensors in; planned buffers out. Of the four 64-byte results, a, c and
// out are each computed over the input that dies there (a is read last by
// c, c by out): all three live in the buffer the caller receives, which
// stays a heap allocation, with a remark. Only b, read by both c and out,
// needs the arena: 64 bytes instead of 192.

// CHECK:       remark: buffer not planned: it is returned from the function
// CHECK-LABEL: func.func @forward(
// CHECK-SAME:    %[[X:.*]]: memref<16xf32>) -> memref<16xf32> {
// CHECK:         %[[ARENA:.*]] = memplan.arena <device = "host", size = 64, alignment = 64, lower_bound = 64, no_reuse = 64, buffers = 1> : memref<64xi8>
// CHECK:         %[[OUT:.*]] = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
// CHECK:         linalg.generic {{.*}} ins(%[[X]] : memref<16xf32>) outs(%[[OUT]] : memref<16xf32>)
// CHECK:         %[[B:.*]] = memref.view %[[ARENA]]{{.*}}#memplan.buffer<id = 0, size = 64, start = {{[0-9]+}}, end = {{[0-9]+}}, uses = 2, offset = 0>
// CHECK:         linalg.generic {{.*}} ins(%[[OUT]] : memref<16xf32>) outs(%[[B]] : memref<16xf32>)
// CHECK:         linalg.generic {{.*}} ins(%[[B]] : memref<16xf32>) outs(%[[OUT]] : memref<16xf32>) attrs = {memplan.in_place}
// CHECK:         linalg.generic {{.*}} ins(%[[B]] : memref<16xf32>) outs(%[[OUT]] : memref<16xf32>) attrs = {memplan.in_place}
// CHECK:         return %[[OUT]]

// NAIVE:       memplan.arena <device = "host", size = 192, alignment = 64, lower_bound = 192, no_reuse = 192, buffers = 3>
// NAIVEINPLACE: memplan.arena <device = "host", size = 64, alignment = 64, lower_bound = 64, no_reuse = 64, buffers = 1>
// ALIGN:       memplan.arena <device = "host", size = 64, alignment = 256, lower_bound = 64, no_reuse = 256, buffers = 1>
// NOINPLACE:   memplan.arena <device = "host", size = 192, alignment = 64, lower_bound = 192, no_reuse = 192, buffers = 3>
// NOINPLACE-NOT: in_place
// ARG-LABEL:   func.func @forward(
// ARG-SAME:      %{{.*}}: memref<16xf32>, %{{.*}}: memref<16xf32> {bufferize.result}, %[[STORAGE:[^:]*]]: memref<64xi8> {memplan.arena = #memplan.arena<device = "host", size = 64,
// ARG:           memplan.arena <device = "host", size = 64, {{.*}}> in %[[STORAGE]] : memref<64xi8>

// The passes on one function run nested, on every function in parallel;
// first the front end (on the module: it may run TOSA's lowering).
// PASSES:      builtin.module(
// PASSES-NEXT:   memplan-lower-frontend,
// PASSES-NEXT:   any(
// PASSES-NEXT:     memplan-fold-constants{max-fold-bytes=1048576}
// PASSES-NEXT:   ),
// PASSES-NEXT:   any(
// PASSES-NEXT:     memplan-reorder{emit-remarks=false}
// PASSES-NEXT:     memplan-elementwise-in-place
// PASSES-NEXT:     memplan-avoid-copies{decompose-pads=true isolate-multiply-inserted=true unshare-inits=true}
// PASSES-NEXT:   ),
// PASSES-NEXT: eliminate-empty-tensors
// PASSES-NEXT: one-shot-bufferize{{.*}}bufferize-function-boundaries=true{{.*}}function-boundary-type-conversion=identity-layout-map
// PASSES-NEXT: memplan-order-constant-globals
// PASSES-NEXT: cse
// PASSES-NEXT: canonicalize
// PASSES-NEXT: memplan-liveness{in-place=true test-repeat-old-mistakes=false}
// PASSES-NEXT: memplan-assign-offsets{alignment=64 strategy=auto test-corrupt-seed=0 test-force-overlap=false time-limit=5.000000e-01}
// PASSES-NEXT: memplan-materialize-arenas{arena-storage=alloc}
// PASSES-NEXT: memplan-verify-plan
// NOVERIFY:    memplan-materialize-arenas
// NOVERIFY-NOT: memplan-verify-plan
// NOSHRINK-NOT: memplan-fold-constants
// NOSHRINK-NOT: memplan-reorder
// NOSHRINK-NOT: memplan-elementwise-in-place
// NOSHRINK-NOT: memplan-avoid-copies
// NOSHRINK:     one-shot-bufferize
// NOSHRINK-NEXT: memplan-order-constant-globals
// NOSHRINK-NEXT: memplan-liveness

// With targets, the program is partitioned before the rewrites, split into
// execution units after them, and the device sub-functions return
// their results through buffers of the caller's program.
// DEVICES:      memplan-targets{file={{.*}}examples/devices.json}
// DEVICES-NEXT: any(
// DEVICES-NEXT: memplan-fold-constants
// DEVICES-NEXT: ),
// DEVICES-NEXT: memplan-partition-devices{host-ops={linalg.matmul,linalg.fill} merge=true}
// DEVICES-NEXT: any(
// DEVICES-NEXT: memplan-reorder
// DEVICES-NEXT: memplan-elementwise-in-place
// DEVICES-NEXT: memplan-avoid-copies
// DEVICES-NEXT: ),
// DEVICES-NEXT: eliminate-empty-tensors
// DEVICES-NEXT: memplan-split-execution-units{fuse-elementwise=false}
// DEVICES-NEXT: one-shot-bufferize
// DEVICES-NEXT: memplan-order-constant-globals
// DEVICES-NEXT: buffer-results-to-out-params{{.*}}hoist-static-allocs=true
// Partitioning over the module's own memplan.targets, which this module
// lacks.
// PARTITION-NOT: memplan-targets
// PARTITION:     memplan-partition-devices
// PARTITION:     memplan-split-execution-units
// PARTITION:     error: memplan-partition-devices needs a target description

// BADSTRATEGY: for the --strategy option: Cannot find option named 'bogus'!
// Checked before any pass runs: bufferization, which uses the same
// alignment, never sees it.
// BADALIGN: <unknown>:0: error: memplan alignment must be a positive power of two, got 3
// BADFOLD: <unknown>:0: error: memplan-fold-constants: max-fold-bytes must be non-negative, got -1
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
  // c = a - b: a dies here, so c is computed over it
  %e2 = tensor.empty() : tensor<16xf32>
  %c = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%a, %b : tensor<16xf32>, tensor<16xf32>) outs(%e2 : tensor<16xf32>) {
  ^bb0(%p: f32, %q: f32, %out: f32):
    %s = arith.subf %p, %q : f32
    linalg.yield %s : f32
  } -> tensor<16xf32>
  // out = c * b: c dies here too; the caller receives the buffer
  %e3 = tensor.empty() : tensor<16xf32>
  %out = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%c, %b : tensor<16xf32>, tensor<16xf32>) outs(%e3 : tensor<16xf32>) {
  ^bb0(%p: f32, %q: f32, %o: f32):
    %s = arith.mulf %p, %q : f32
    linalg.yield %s : f32
  } -> tensor<16xf32>
  return %out : tensor<16xf32>
}
