// RUN: memplan-opt %s --memplan-liveness -split-input-file -verify-diagnostics -allow-unregistered-dialect | FileCheck %s
// RUN: memplan-opt %s --memplan-liveness=in-place=false -split-input-file -verify-diagnostics -allow-unregistered-dialect | FileCheck %s --check-prefix=NOINPLACE

#id = affine_map<(d0) -> (d0)>

// Every planned allocation gets its lifetime [first use, last use + 1) in
// steps, its use count and, for in-place reuse, the buffer it takes over.
// CHECK-LABEL: func.func @annotate
// CHECK:      memref.alloc() {memplan.buffer = #memplan.buffer<id = 0, size = 64, start = 2, end = 4, uses = 1>} : memref<16xf32>
// CHECK:      memref.alloc() {memplan.buffer = #memplan.buffer<id = 1, size = 64, start = 3, end = 4, uses = 0, in_place_of = 0>} : memref<16xf32>
// NOINPLACE-LABEL: func.func @annotate
// NOINPLACE:  memref.alloc() {memplan.buffer = #memplan.buffer<id = 0, size = 64, start = 2, end = 4, uses = 1>} : memref<16xf32>
// NOINPLACE:  memref.alloc() {memplan.buffer = #memplan.buffer<id = 1, size = 64, start = 3, end = 4, uses = 0>} : memref<16xf32>
func.func @annotate(%x: f32) {
  %a = memref.alloc() : memref<16xf32>
  %b = memref.alloc() : memref<16xf32>
  linalg.fill ins(%x : f32) outs(%a : memref<16xf32>)
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%a : memref<16xf32>) outs(%b : memref<16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.mulf %in, %in : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Annotations of an earlier run are replaced.
// CHECK-LABEL: func.func @stale
// CHECK:      memref.alloc() {memplan.buffer = #memplan.buffer<id = 0, size = 4, start = 1, end = 2, uses = 0>} : memref<f32>
func.func @stale(%x: f32) {
  %a = memref.alloc() {memplan.buffer = #memplan.buffer<id = 9, size = 4, start = 0, end = 7, uses = 3, offset = 64>} : memref<f32>
  memref.store %x, %a[] : memref<f32>
  return
}

// -----

// Buffers that cannot live at a fixed offset stay where they are, with a
// remark that says why.
// CHECK-LABEL: func.func @unplanned
// CHECK-NOT:  memplan.buffer
func.func @unplanned(%n: index, %x: f32, %out: memref<memref<4xf32>>) -> memref<4xf32> {
  // expected-remark @below {{buffer not planned: it has a dynamic shape, so it stays a heap allocation}}
  %dynamic = memref.alloc(%n) : memref<?xf32>
  linalg.fill ins(%x : f32) outs(%dynamic : memref<?xf32>)
  // expected-remark @below {{buffer not planned: it is returned from the function}}
  %returned = memref.alloc() : memref<4xf32>
  // expected-remark @below {{buffer not planned: it is stored into memory}}
  %stored = memref.alloc() : memref<4xf32>
  memref.store %stored, %out[] : memref<memref<4xf32>>
  // expected-remark @below {{buffer not planned: it is passed to a call ('func.call')}}
  %called = memref.alloc() : memref<4xf32>
  func.call @consume(%called) : (memref<4xf32>) -> ()
  // expected-remark @below {{buffer not planned: it is passed to a call ('func.call')}}
  %called_through_cast = memref.alloc() : memref<4xf32>
  %cast = memref.cast %called_through_cast : memref<4xf32> to memref<*xf32>
  func.call @print(%cast) : (memref<*xf32>) -> ()
  // expected-remark @below {{buffer not planned: its layout is not the identity}}
  %strided = memref.alloc() : memref<4xf32, strided<[2]>>
  // expected-remark @below {{buffer not planned: it lives in memory space 1 : i64, which has no arena}}
  %space = memref.alloc() : memref<4xf32, 1>
  // expected-remark @below {{buffer not planned: its element type vector<4xf32> has no fixed byte size in an arena}}
  %vector = memref.alloc() : memref<4xvector<4xf32>>
  // expected-remark @below {{buffer not planned: its address is taken by 'memref.extract_aligned_pointer_as_index'}}
  %pointer = memref.alloc() : memref<4xf32>
  %p = memref.extract_aligned_pointer_as_index %pointer : memref<4xf32> -> index
  return %returned : memref<4xf32>
}
func.func private @consume(memref<4xf32>)
func.func private @print(memref<*xf32>)

// -----

// Loops: a buffer allocated in an iteration and yielded out of it cannot
// share one block between iterations; nor can a buffer allocated inside a
// parallel loop. The loop's initial buffer is planned, live until the last
// use of the loop result.
// CHECK-LABEL: func.func @regions
// CHECK:      memref.alloc() {memplan.buffer = #memplan.buffer<id = 0, size = 16, start = 3, end = 7, uses = 2>} : memref<4xf32>
// CHECK-NOT:  memplan.buffer
func.func @regions(%n: index, %x: f32) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %init = memref.alloc() : memref<4xf32>
  linalg.fill ins(%x : f32) outs(%init : memref<4xf32>)
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%it = %init) -> memref<4xf32> {
    // expected-remark @below {{buffer not planned: it is yielded out of the 'scf.for' that allocates it}}
    %next = memref.alloc() : memref<4xf32>
    memref.copy %it, %next : memref<4xf32> to memref<4xf32>
    scf.yield %next : memref<4xf32>
  }
  scf.forall (%j) in (4) {
    // expected-remark @below {{buffer not planned: it is allocated inside 'scf.forall', whose iterations may need separate copies}}
    %private = memref.alloc() : memref<4xf32>
    linalg.fill ins(%x : f32) outs(%private : memref<4xf32>)
  }
  %v = memref.load %r[%c0] : memref<4xf32>
  return %v : f32
}

// -----

// An operation whose memory effects are unknown might keep the buffer.
func.func @unknown_user(%x: f32) {
  // expected-remark @below {{buffer not planned: it is used by 'test.unknown', whose memory effects are unknown}}
  %a = memref.alloc() : memref<4xf32>
  "test.unknown"(%a) : (memref<4xf32>) -> ()
  return
}

// -----

// Declarations have nothing to plan; functions without buffers are left alone.
// CHECK-LABEL: func.func private @declaration
// CHECK-LABEL: func.func @nothing
// CHECK-NOT:   memplan
func.func private @declaration(memref<4xf32>)
func.func @nothing(%x: f32) -> f32 {
  return %x : f32
}
