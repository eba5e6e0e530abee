// RUN: memplan-opt %s --memplan-assign-offsets -split-input-file -verify-diagnostics
// RUN: not memplan-opt %s --memplan-assign-offsets=strategy=bogus 2>&1 | FileCheck %s --check-prefix=STRATEGY
// RUN: not memplan-opt %s --memplan-assign-offsets=alignment=48 2>&1 | FileCheck %s --check-prefix=ALIGN
// RUN: not memplan-opt %s --memplan-assign-offsets=alignment=0 2>&1 | FileCheck %s --check-prefix=ALIGN0
// RUN: not memplan-opt %s --memplan-assign-offsets=alignment=many 2>&1 | FileCheck %s --check-prefix=ALIGNTEXT
// RUN: not memplan-opt %s --memplan-assign-offsets=time-limit=-1 2>&1 | FileCheck %s --check-prefix=TIME

// Options are checked when they are parsed (strategy) or before any pass
// runs (the others), never after the IR has changed.
// STRATEGY: for the --strategy option: Cannot find option named 'bogus'!
// ALIGN: <unknown>:0: error: memplan alignment must be a positive power of two, got 48
// ALIGN0: <unknown>:0: error: memplan alignment must be a positive power of two, got 0
// ALIGNTEXT: for the --alignment option: 'many' value invalid
// TIME: <unknown>:0: error: memplan time limit must be a non-negative number of seconds, got -1.00

func.func @duplicate_id() {
  // expected-note @below {{first used here}}
  %a = memref.alloc() {memplan.buffer = #memplan.buffer<id = 0, size = 64, start = 0, end = 2, uses = 1>} : memref<16xf32>
  // expected-error @below {{duplicate memplan buffer id 0}}
  %b = memref.alloc() {memplan.buffer = #memplan.buffer<id = 0, size = 64, start = 1, end = 3, uses = 1>} : memref<16xf32>
  return
}

// -----

func.func @unknown_donor() {
  // expected-error @below {{memplan buffer 1 is in place of buffer 5, which does not exist}}
  %a = memref.alloc() {memplan.buffer = #memplan.buffer<id = 1, size = 64, start = 0, end = 2, uses = 1, in_place_of = 5>} : memref<16xf32>
  return
}


// -----

// Sizes that each fit in 64 bits but whose sum does not fit the largest
// arena (2^62 bytes) are rejected, naming the buffer.
// expected-error @below {{cannot plan the arena of device 'host': buffer 1: the total of all buffers up to this one exceeds the largest supported arena of 2^62 bytes}}
func.func @too_large_together() {
  %a = memref.alloc() {memplan.buffer = #memplan.buffer<id = 0, size = 2305843009213693952, start = 0, end = 2, uses = 1>} : memref<576460752303423488xf32>
  %b = memref.alloc() {memplan.buffer = #memplan.buffer<id = 1, size = 2305843009213693952, start = 0, end = 2, uses = 1>} : memref<576460752303423488xf32>
  return
}
