// RUN: memplan-opt %s --memplan-verify-plan -split-input-file -verify-diagnostics | FileCheck %s

#id = affine_map<(d0) -> (d0)>

// A sound plan passes unchanged: %a and %b share bytes but are never live at
// the same step; %c overwrites %b in place at the elementwise op where %b
// dies, which is legal.
// CHECK-LABEL: func.func @sound
// CHECK-COUNT-3: memref.view
func.func @sound(%x: f32) {
  %arena = memplan.arena <device = "host", size = 128, alignment = 64, lower_bound = 128, no_reuse = 192, buffers = 3> : memref<128xi8>
  %c0 = arith.constant 0 : index
  %c64 = arith.constant 64 : index
  %a = memref.view %arena[%c0][] : memref<128xi8> to memref<16xf32>
  %b = memref.view %arena[%c0][] : memref<128xi8> to memref<16xf32>
  %c = memref.view %arena[%c0][] : memref<128xi8> to memref<16xf32>
  %d = memref.view %arena[%c64][] : memref<128xi8> to memref<16xf32>
  linalg.fill ins(%x : f32) outs(%a : memref<16xf32>)
  linalg.copy ins(%a : memref<16xf32>) outs(%d : memref<16xf32>)
  linalg.fill ins(%x : f32) outs(%b : memref<16xf32>)
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%b : memref<16xf32>) outs(%c : memref<16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.mulf %in, %in : f32
    linalg.yield %s : f32
  }
  %v = memref.load %c[%c0] : memref<16xf32>
  %w = memref.load %d[%c0] : memref<16xf32>
  return
}

// -----

// Two buffers live at the same step share bytes.
func.func @overlap(%x: f32) {
  %arena = memplan.arena <device = "host", size = 128, alignment = 64, lower_bound = 128, no_reuse = 128, buffers = 2> : memref<128xi8>
  %c0 = arith.constant 0 : index
  %c32 = arith.constant 64 : index
  // expected-note @below {{buffer 0 is defined here}}
  %a = memref.view %arena[%c0][] {memplan.buffer = #memplan.buffer<id = 0, size = 128, start = 0, end = 2, uses = 1, offset = 0>} : memref<128xi8> to memref<32xf32>
  // expected-error @below {{buffer 1 and buffer 0 are live together at steps [6, 7) but share bytes [64, 128) of arena 'host'}}
  %b = memref.view %arena[%c32][] {memplan.buffer = #memplan.buffer<id = 1, size = 64, start = 1, end = 3, uses = 1, offset = 64>} : memref<128xi8> to memref<16xf32>
  linalg.fill ins(%x : f32) outs(%a : memref<32xf32>)
  linalg.fill ins(%x : f32) outs(%b : memref<16xf32>)
  %v = memref.load %a[%c0] : memref<32xf32>
  return
}

// -----

// Overwriting a dying input is only legal for elementwise access: a matmul
// reads every element of its input for every output element.
func.func @not_in_place(%x: f32) {
  %arena = memplan.arena <device = "host", size = 128, alignment = 64, lower_bound = 128, no_reuse = 128, buffers = 3> : memref<128xi8>
  %c0 = arith.constant 0 : index
  %c64 = arith.constant 64 : index
  // expected-note @below {{arena view is defined here}}
  %a = memref.view %arena[%c0][] : memref<128xi8> to memref<4x4xf32>
  %w = memref.view %arena[%c64][] : memref<128xi8> to memref<4x4xf32>
  // expected-error @below {{arena view and arena view are live together at steps [8, 9) but share bytes [0, 64) of arena 'host'}}
  %b = memref.view %arena[%c0][] : memref<128xi8> to memref<4x4xf32>
  linalg.fill ins(%x : f32) outs(%a : memref<4x4xf32>)
  linalg.fill ins(%x : f32) outs(%w : memref<4x4xf32>)
  linalg.matmul ins(%a, %w : memref<4x4xf32>, memref<4x4xf32>) outs(%b : memref<4x4xf32>)
  return
}

// -----

func.func @misaligned(%x: f32) {
  %arena = memplan.arena <device = "host", size = 128, alignment = 64, lower_bound = 64, no_reuse = 64, buffers = 1> : memref<128xi8>
  %c32 = arith.constant 32 : index
  // expected-error @below {{buffer 4 at offset 32 breaks the arena alignment of 64 bytes}}
  %a = memref.view %arena[%c32][] {memplan.buffer = #memplan.buffer<id = 4, size = 64, start = 0, end = 1, uses = 0, offset = 32>} : memref<128xi8> to memref<16xf32>
  linalg.fill ins(%x : f32) outs(%a : memref<16xf32>)
  return
}

// -----

func.func @past_the_end(%x: f32) {
  %arena = memplan.arena <device = "npu0", size = 96, alignment = 32, lower_bound = 64, no_reuse = 64, buffers = 1> : memref<96xi8>
  %c64 = arith.constant 64 : index
  // expected-error @below {{arena view occupies bytes [64, 128) and runs past the end of the arena of 96 bytes on device 'npu0'}}
  %a = memref.view %arena[%c64][] : memref<96xi8> to memref<16xf32>
  linalg.fill ins(%x : f32) outs(%a : memref<16xf32>)
  return
}

// -----

// The arena dies with the function: a view of it must not escape.
func.func @escapes(%x: f32) -> memref<16xf32> {
  %arena = memplan.arena <device = "host", size = 64, alignment = 64, lower_bound = 64, no_reuse = 64, buffers = 1> : memref<64xi8>
  %c0 = arith.constant 0 : index
  // expected-error @below {{arena view lives in an arena but its lifetime cannot be bounded: it is returned from the function}}
  %a = memref.view %arena[%c0][] : memref<64xi8> to memref<16xf32>
  linalg.fill ins(%x : f32) outs(%a : memref<16xf32>)
  // expected-note @below {{used here}}
  return %a : memref<16xf32>
}

// -----

func.func @dynamic_offset(%x: f32, %off: index) {
  %arena = memplan.arena <device = "host", size = 64, alignment = 64, lower_bound = 64, no_reuse = 64, buffers = 1> : memref<64xi8>
  // expected-error @below {{arena view has no constant offset in its arena}}
  %a = memref.view %arena[%off][] : memref<64xi8> to memref<16xf32>
  linalg.fill ins(%x : f32) outs(%a : memref<16xf32>)
  return
}

// -----

// Views of an arena passed in by the caller are checked the same way.
func.func @from_caller(%x: f32, %storage: memref<64xi8>) {
  %arena = memplan.arena <device = "host", size = 64, alignment = 64, lower_bound = 64, no_reuse = 128, buffers = 2> in %storage : memref<64xi8>
  %c0 = arith.constant 0 : index
  // expected-note @below {{arena view is defined here}}
  %a = memref.view %arena[%c0][] : memref<64xi8> to memref<16xf32>
  // expected-error @below {{arena view and arena view are live together}}
  %b = memref.view %arena[%c0][] : memref<64xi8> to memref<16xf32>
  linalg.fill ins(%x : f32) outs(%a : memref<16xf32>)
  linalg.fill ins(%x : f32) outs(%b : memref<16xf32>)
  linalg.copy ins(%a : memref<16xf32>) outs(%b : memref<16xf32>)
  return
}

// -----

// A copy may move its dying source onto itself (the copy's target planned in
// place of its source), but not a source that is read again.
// CHECK-LABEL: func.func @copy_in_place
func.func @copy_in_place(%x: f32) {
  %arena = memplan.arena <device = "host", size = 64, alignment = 64, lower_bound = 64, no_reuse = 128, buffers = 2> : memref<64xi8>
  %c0 = arith.constant 0 : index
  %a = memref.view %arena[%c0][] : memref<64xi8> to memref<16xf32>
  %b = memref.view %arena[%c0][] : memref<64xi8> to memref<16xf32>
  linalg.fill ins(%x : f32) outs(%a : memref<16xf32>)
  memref.copy %a, %b : memref<16xf32> to memref<16xf32>
  %v = memref.load %b[%c0] : memref<16xf32>
  return
}

// -----

func.func @copy_source_read_again(%x: f32) {
  %arena = memplan.arena <device = "host", size = 64, alignment = 64, lower_bound = 64, no_reuse = 128, buffers = 2> : memref<64xi8>
  %c0 = arith.constant 0 : index
  // expected-note @below {{arena view is defined here}}
  %a = memref.view %arena[%c0][] : memref<64xi8> to memref<16xf32>
  // expected-error @below {{arena view and arena view are live together at steps [5, 7) but share bytes [0, 64) of arena 'host'}}
  %b = memref.view %arena[%c0][] : memref<64xi8> to memref<16xf32>
  linalg.fill ins(%x : f32) outs(%a : memref<16xf32>)
  memref.copy %a, %b : memref<16xf32> to memref<16xf32>
  %v = memref.load %a[%c0] : memref<16xf32>
  %w = memref.load %b[%c0] : memref<16xf32>
  return
}
