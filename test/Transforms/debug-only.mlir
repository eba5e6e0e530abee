// memplan built with assertions (MEMPLAN_ENABLE_ASSERTIONS, the sanitizer
// build of scripts/test.sh) traces every pass with LLVM_DEBUG under its
// pass name; memplan-opt offers -debug and -debug-only even where LLVM was
// built without them.
// REQUIRES: memplan-assertions
// RUN: memplan-opt %s --memplan-pipeline=targets=%examples/devices.json -o /dev/null \
// RUN:   -debug-only=memplan-targets,memplan-partition-devices,memplan-split-execution-units 2>&1 \
// RUN:   | FileCheck %s --check-prefix=DEVICES
// RUN: memplan-opt %s --memplan-pipeline -o /dev/null \
// RUN:   -debug-only=memplan-fold-constants,memplan-avoid-copies,memplan-elementwise-in-place,memplan-reorder,memplan-order-constant-globals,memplan-liveness,memplan-assign-offsets,memplan-materialize-arenas 2>&1 \
// RUN:   | FileCheck %s
// RUN: memplan-opt %s --memplan-pipeline --memplan-lower-to-llvm -o /dev/null \
// RUN:   -debug-only=memplan-lower-arenas,memplan-check-no-deallocations,memplan-check-lowered-to-llvm 2>&1 \
// RUN:   | FileCheck %s --check-prefix=LOWER
// One debug type prints only its own pass's lines.
// RUN: memplan-opt %s --memplan-pipeline -o /dev/null -debug-only=memplan-liveness 2>&1 \
// RUN:   | FileCheck %s --check-prefix=ONLY
// Without -debug-only nothing is traced.
// RUN: memplan-opt %s --memplan-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=QUIET --allow-empty

// DEVICES: read 3 devices from '{{.*}}devices.json': [#memplan.device<name = "host"
// DEVICES: 'linalg.matmul' at loc({{.*}}debug-only.mlir":{{[0-9]+}}:{{[0-9]+}}) runs on 'npu0'
// DEVICES: 'linalg.generic' at loc({{.*}}) runs on 'dsp0'
// DEVICES: @forward: 4 transfers between devices
// DEVICES: @forward_npu0_0 on 'npu0': 1 execution units on 4 compute units
// DEVICES: @forward_dsp0_1 on 'dsp0': 1 execution units on 2 compute units

// CHECK: evaluated 'linalg.generic' at loc({{.*}}) at compile time
// CHECK: block of {{[0-9]+}} operations in 'func.func' at loc({{.*}}): working set {{[0-9]+}} B as written, {{[0-9]+}} B in the best list schedule
// CHECK: 'linalg.generic' at loc({{.*}}) writes over input 0
// CHECK: @forward buffer 0: 128 B on 'host', steps [{{[0-9]+}}, {{[0-9]+}}), {{[0-9]+}} readers
// CHECK: @forward, device 'host': {{[0-9]+}} buffers, {{[0-9]+}} in-place groups; strategy {{[a-z-]+}}: peak {{[0-9]+}} B, lower bound {{[0-9]+}} B, no reuse {{[0-9]+}} B
// CHECK:   buffer 0: 128 B at offset {{[0-9]+}}, steps [
// CHECK: buffer 0 at loc({{.*}}): view at offset {{[0-9]+}} of the arena of 'host'

// LOWER: arena of 'host' at {{.*}}: {{[0-9]+}} B, allocated
// LOWER: no operation frees a buffer
// LOWER: every operation is in the LLVM dialect

// ONLY: @forward buffer 0:
// ONLY-NOT: strategy
// ONLY-NOT: runs on

// QUIET-NOT: buffer 0

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d1)>
#vec = affine_map<(d0) -> (d0)>
func.func @forward(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %zero = arith.constant 0.0 : f32
  %w = arith.constant dense<0.5> : tensor<8x8xf32>
  %b = arith.constant dense<0.25> : tensor<8xf32>
  // A constant computation: folded.
  %e0 = tensor.empty() : tensor<8xf32>
  %b2 = linalg.generic {indexing_maps = [#vec, #vec], iterator_types = ["parallel"]}
      ins(%b : tensor<8xf32>) outs(%e0 : tensor<8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %d = arith.addf %in, %in : f32
    linalg.yield %d : f32
  } -> tensor<8xf32>
  %e1 = tensor.empty() : tensor<4x8xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e1 : tensor<4x8xf32>) -> tensor<4x8xf32>
  %m = linalg.matmul ins(%x, %w : tensor<4x8xf32>, tensor<8x8xf32>) outs(%f : tensor<4x8xf32>) -> tensor<4x8xf32>
  // Bias and ReLU write over the product, which dies at them.
  %e2 = tensor.empty() : tensor<4x8xf32>
  %biased = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%m, %b2 : tensor<4x8xf32>, tensor<8xf32>) outs(%e2 : tensor<4x8xf32>) {
  ^bb0(%in: f32, %bias: f32, %out: f32):
    %s = arith.addf %in, %bias : f32
    %r = arith.maximumf %s, %zero : f32
    linalg.yield %r : f32
  } -> tensor<4x8xf32>
  %e3 = tensor.empty() : tensor<4x8xf32>
  %m2 = linalg.matmul ins(%biased, %w : tensor<4x8xf32>, tensor<8x8xf32>) outs(%e3 : tensor<4x8xf32>) -> tensor<4x8xf32>
  return %m2 : tensor<4x8xf32>
}
