// RUN: memplan-opt %s --memplan-plan-buffers 2>/dev/null | FileCheck %s
// RUN: memplan-opt %s --memplan-plan-buffers="strategy=naive in-place=false alignment=128" 2>/dev/null | FileCheck %s --check-prefix=NAIVE
// RUN: memplan-opt %s --memplan-plan-buffers=arena-storage=argument 2>/dev/null | FileCheck %s --check-prefix=ARG
// RUN: memplan-opt %s --memplan-plan-buffers --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=PASSES
// RUN: memplan-opt %s --memplan-plan-buffers="verify=false time-limit=0.1 strategy=exact" --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=OPTIONS
// RUN: not memplan-opt %s --memplan-plan-buffers=strategy=bogus 2>&1 | FileCheck %s --check-prefix=BADSTRATEGY
// RUN: not memplan-opt %s --memplan-plan-buffers=alignment=24 2>&1 | FileCheck %s --check-prefix=BADALIGN
// RUN: not memplan-opt %s --memplan-plan-buffers=arena-storage=heap 2>&1 | FileCheck %s --check-prefix=BADSTORAGE

// The planning half of memplan-pipeline on a program someone else
// bufferized and freed: three 64-byte buffers, of which %a dies where %c is
// written elementwise (in place); with in-place=false all three are live
// at once.
// Their frees go; the returned one stays on the heap.

// CHECK-LABEL: func.func @planned(
// CHECK:         memplan.arena <device = "host", size = 128, alignment = 64, lower_bound = 128, no_reuse = 192, buffers = 3>
// CHECK-COUNT-3: memref.view
// CHECK-NOT:     memref.dealloc
// CHECK:         return
// NAIVE:         memplan.arena <device = "host", size = 320, alignment = 128, lower_bound = 320, no_reuse = 384, buffers = 3>
// ARG-LABEL:     func.func @planned(
// ARG-SAME:        %{{.*}}: memref<16xf32>, %[[STORAGE:.*]]: memref<128xi8> {memplan.arena =
// ARG:           memplan.arena <device = "host", size = 128, {{.*}}> in %[[STORAGE]]

// PASSES:      builtin.module(
// PASSES-NEXT:   memplan-liveness{in-place=true test-repeat-old-mistakes=false},
// PASSES-NEXT:   memplan-assign-offsets{alignment=64 strategy=auto {{.*}}},
// PASSES-NEXT:   memplan-materialize-arenas{arena-storage=alloc},
// PASSES-NEXT:   memplan-verify-plan
// PASSES-NEXT: )
// OPTIONS:      memplan-assign-offsets{alignment=64 strategy=exact {{.*}}time-limit=1.000000e-01}
// OPTIONS-NEXT: memplan-materialize-arenas
// OPTIONS-NOT:  memplan-verify-plan
// BADSTRATEGY: for the --strategy option: Cannot find option named 'bogus'!
// BADALIGN: <unknown>:0: error: memplan alignment must be a positive power of two, got 24
// BADSTORAGE: for the --arena-storage option: Cannot find option named 'heap'!

#id = affine_map<(d0) -> (d0)>
func.func @planned(%x: memref<16xf32>) -> memref<16xf32> {
  %a = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : memref<16xf32>) outs(%a : memref<16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %in : f32
    linalg.yield %s : f32
  }
  %b = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%a : memref<16xf32>) outs(%b : memref<16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.mulf %in, %in : f32
    linalg.yield %s : f32
  }
  %c = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
  linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%a, %b : memref<16xf32>, memref<16xf32>) outs(%c : memref<16xf32>) {
  ^bb0(%in: f32, %in2: f32, %out: f32):
    %s = arith.subf %in, %in2 : f32
    linalg.yield %s : f32
  }
  memref.dealloc %a : memref<16xf32>
  memref.dealloc %b : memref<16xf32>
  %d = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%c : memref<16xf32>) outs(%d : memref<16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %in : f32
    linalg.yield %s : f32
  }
  memref.dealloc %c : memref<16xf32>
  return %d : memref<16xf32>
}
