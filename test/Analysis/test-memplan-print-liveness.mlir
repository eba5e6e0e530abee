// RUN: memplan-opt %s --test-memplan-print-liveness -split-input-file -o /dev/null | FileCheck %s
// RUN: memplan-opt %s --test-memplan-print-liveness=in-place=false -split-input-file -o /dev/null | FileCheck %s --check-prefix=NOINPLACE

// Steps are the top-level operations in order (numbered in the comments).
// A buffer lives from the step of its first use, not its allocation, to the
// step of its last use; `uses` counts the steps that read it.

// CHECK-LABEL: liveness of @chain: 11 steps
// CHECK-NEXT:  buffer 0 %alloc: 64 bytes, steps [2, 5], uses 2
// CHECK-NEXT:  buffer 1 %alloc_0: 64 bytes, steps [5, 7], uses 1, in place of buffer 0
// CHECK-NEXT:  buffer 2 %alloc_1: 128 bytes, steps [7, 9], uses 1
// CHECK-NEXT:  not planned %alloc_2: it is returned from the function
// NOINPLACE-LABEL: liveness of @chain: 11 steps
// NOINPLACE-NEXT:  buffer 0 %alloc: 64 bytes, steps [2, 5], uses 2
// NOINPLACE-NEXT:  buffer 1 %alloc_0: 64 bytes, steps [5, 7], uses 1{{$}}
func.func @chain(%x: f32) -> memref<32xf32> {
  %a = memref.alloc() : memref<16xf32>                       // 0
  %b = memref.alloc() : memref<16xf32>                       // 1
  linalg.fill ins(%x : f32) outs(%a : memref<16xf32>)        // 2: writes a
  %c0 = arith.constant 0 : index                             // 3
  %v = memref.load %a[%c0] : memref<16xf32>                  // 4: reads a
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
                  iterator_types = ["parallel"]}
      ins(%a : memref<16xf32>) outs(%b : memref<16xf32>) {   // 5: reads a, writes b
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %in : f32
    linalg.yield %s : f32
  }
  %c = memref.alloc() : memref<32xf32>                       // 6
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0 floordiv 2)>, affine_map<(d0) -> (d0)>],
                  iterator_types = ["parallel"]}
      ins(%b : memref<16xf32>) outs(%c : memref<32xf32>) {   // 7: reads b, writes c
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  %r = memref.alloc() : memref<32xf32>                       // 8
  memref.copy %c, %r : memref<32xf32> to memref<32xf32>      // 9: reads c
  return %r : memref<32xf32>                                 // 10
}

// -----

// Uses through views (subview, collapse_shape, cast, reinterpret_cast,
// expand_shape) are uses of the buffer; creating a view is no use by itself.
// CHECK-LABEL: liveness of @aliases: 13 steps
// CHECK-NEXT:  buffer 0 %alloc: 256 bytes, steps [1, 11], uses 2
func.func @aliases(%x: f32) {
  %a = memref.alloc() : memref<8x8xf32>                                 // 0
  linalg.fill ins(%x : f32) outs(%a : memref<8x8xf32>)                  // 1
  %c0 = arith.constant 0 : index                                        // 2
  %sub = memref.subview %a[0, 0] [4, 4] [1, 1]
      : memref<8x8xf32> to memref<4x4xf32, strided<[8, 1]>>             // 3
  %v0 = memref.load %sub[%c0, %c0] : memref<4x4xf32, strided<[8, 1]>>   // 4
  %flat = memref.collapse_shape %a [[0, 1]]
      : memref<8x8xf32> into memref<64xf32>                             // 5
  %cast = memref.cast %flat : memref<64xf32> to memref<?xf32>           // 6
  %re = memref.reinterpret_cast %cast to offset: [0], sizes: [2, 32],
      strides: [32, 1] : memref<?xf32> to memref<2x32xf32>              // 7
  %v1 = memref.load %re[%c0, %c0] : memref<2x32xf32>                    // 8
  %e = memref.expand_shape %flat [[0, 1]] output_shape [4, 16]
      : memref<64xf32> into memref<4x16xf32>                            // 9
  %c1 = arith.constant 1 : index                                        // 10
  memref.store %x, %e[%c1, %c1] : memref<4x16xf32>                      // 11
  return                                                                // 12
}

// -----

// A buffer used inside a loop but defined outside stays live across the
// whole loop; a buffer allocated and used within one iteration is planned
// with the loop's step (every iteration reuses its block).
// CHECK-LABEL: liveness of @loop: 7 steps
// CHECK-NEXT:  buffer 0 %alloc: 64 bytes, steps [1, 5], uses 2
// CHECK-NEXT:  buffer 1 %alloc_0: 64 bytes, steps [4, 4], uses 1
func.func @loop(%x: f32, %n: index) {
  %acc = memref.alloc() : memref<16xf32>                     // 0
  linalg.fill ins(%x : f32) outs(%acc : memref<16xf32>)      // 1
  %c0 = arith.constant 0 : index                             // 2
  %c1 = arith.constant 1 : index                             // 3
  scf.for %i = %c0 to %n step %c1 {                          // 4
    %tmp = memref.alloc() : memref<16xf32>
    linalg.fill ins(%x : f32) outs(%tmp : memref<16xf32>)
    linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
                    iterator_types = ["parallel"]}
        ins(%tmp : memref<16xf32>) outs(%acc : memref<16xf32>) {
    ^bb0(%in: f32, %out: f32):
      %s = arith.addf %in, %out : f32
      linalg.yield %s : f32
    }
  }
  %v = memref.load %acc[%c0] : memref<16xf32>                // 5
  return                                                     // 6
}

// -----

// A buffer carried through a loop: its block is the same in every
// iteration, and uses of the loop result extend its life.
// CHECK-LABEL: liveness of @loop_carried: 8 steps
// CHECK-NEXT:  buffer 0 %alloc: 64 bytes, steps [1, 6], uses 2
func.func @loop_carried(%x: f32, %n: index) {
  %init = memref.alloc() : memref<16xf32>                    // 0
  linalg.fill ins(%x : f32) outs(%init : memref<16xf32>)     // 1
  %c0 = arith.constant 0 : index                             // 2
  %c1 = arith.constant 1 : index                             // 3
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%it = %init) -> memref<16xf32> {  // 4
    memref.store %x, %it[%c0] : memref<16xf32>
    scf.yield %it : memref<16xf32>
  }
  %c2 = arith.constant 2 : index                             // 5
  %v = memref.load %r[%c2] : memref<16xf32>                  // 6
  return                                                     // 7
}

// -----

// A use in either branch of an scf.if counts for the whole scf.if.
// CHECK-LABEL: liveness of @branch: 6 steps
// CHECK-NEXT:  buffer 0 %alloca: 4 bytes, steps [2, 3], uses 0
// CHECK-NEXT:  buffer 1 %alloca_0: 4 bytes, steps [3, 4], uses 2
func.func @branch(%cond: i1, %x: f32) {
  %a = memref.alloca() : memref<f32>         // 0
  %b = memref.alloca() : memref<f32>         // 1
  memref.store %x, %a[] : memref<f32>        // 2
  scf.if %cond {                             // 3
    memref.store %x, %b[] : memref<f32>
  } else {
    memref.store %x, %a[] : memref<f32>
    %u = memref.load %b[] : memref<f32>
  }
  %v = memref.load %b[] : memref<f32>        // 4
  return                                     // 5
}

// -----

// Unstructured control flow: a buffer whose uses span blocks is live for the
// whole function; one used only in the block that allocates it is not.
// CHECK-LABEL: liveness of @blocks: 9 steps
// CHECK-NEXT:  buffer 0 %alloc: 4 bytes, steps [0, 8], uses 1
// CHECK-NEXT:  buffer 1 %alloc_0: 4 bytes, steps [5, 6], uses 1
func.func @blocks(%cond: i1, %x: f32) {
  %a = memref.alloc() : memref<f32>          // 0
  memref.store %x, %a[] : memref<f32>        // 1
  cf.cond_br %cond, ^bb1, ^bb2               // 2
^bb1:
  cf.br ^bb2                                 // 3
^bb2:
  %b = memref.alloc() : memref<f32>          // 4
  memref.store %x, %b[] : memref<f32>        // 5
  %v = memref.load %b[] : memref<f32>        // 6
  %w = memref.load %a[] : memref<f32>        // 7
  return                                     // 8
}

// -----

#id = affine_map<(d0) -> (d0)>

// In place: an elementwise op's output takes the block of an input that dies
// there (also in chains); never through a broadcast read, when the input is
// read later, when the payload reads the output, or across element types.
// CHECK-LABEL: liveness of @in_place: 17 steps
// CHECK-NEXT:  buffer 0 %alloc: 64 bytes, steps [8, 9], uses 1
// CHECK-NEXT:  buffer 1 %alloc_0: 64 bytes, steps [9, 10], uses 1, in place of buffer 0
// CHECK-NEXT:  buffer 2 %alloc_1: 64 bytes, steps [10, 11], uses 1, in place of buffer 1
// CHECK-NEXT:  buffer 3 %alloc_2: 64 bytes, steps [11, 14], uses 3{{$}}
// CHECK-NEXT:  buffer 4 %alloc_3: 64 bytes, steps [12, 14], uses 2{{$}}
// CHECK-NEXT:  buffer 5 %alloc_4: 64 bytes, steps [13, 14], uses 1{{$}}
// CHECK-NEXT:  buffer 6 %alloc_5: 64 bytes, steps [14, 15], uses 1, in place of buffer 3
// CHECK-NEXT:  buffer 7 %alloc_6: 64 bytes, steps [15, 15], uses 0{{$}}
// NOINPLACE-LABEL: liveness of @in_place
// NOINPLACE-NOT: in place
func.func @in_place(%x: f32) {
  %a = memref.alloc() : memref<16xf32>                       // 0
  %b = memref.alloc() : memref<16xf32>                       // 1
  %c = memref.alloc() : memref<16xf32>                       // 2
  %d = memref.alloc() : memref<16xf32>                       // 3
  %e = memref.alloc() : memref<16xf32>                       // 4
  %f = memref.alloc() : memref<16xf32>                       // 5
  %g = memref.alloc() : memref<16xf32>                       // 6
  %h = memref.alloc() : memref<16xi32>                       // 7
  linalg.fill ins(%x : f32) outs(%a : memref<16xf32>)        // 8
  // 9: b over a.
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%a : memref<16xf32>) outs(%b : memref<16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.mulf %in, %in : f32
    linalg.yield %s : f32
  }
  // 10: c over b.
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%b : memref<16xf32>) outs(%c : memref<16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.negf %in : f32
    linalg.yield %s : f32
  }
  // 11: not d over c: the payload reads the output.
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%c : memref<16xf32>) outs(%d : memref<16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %out : f32
    linalg.yield %s : f32
  }
  // 12: not e over d: d is read again at 14 (and through a broadcast here).
  linalg.generic {indexing_maps = [affine_map<(d0) -> (0)>, #id], iterator_types = ["parallel"]}
      ins(%d : memref<16xf32>) outs(%e : memref<16xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  // 13: not f over e: e is read again at 14.
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%e : memref<16xf32>) outs(%f : memref<16xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  // 14: d, e and f all die here; g takes the first of them.
  linalg.generic {indexing_maps = [#id, #id, #id, #id], iterator_types = ["parallel"]}
      ins(%d, %e, %f : memref<16xf32>, memref<16xf32>, memref<16xf32>)
      outs(%g : memref<16xf32>) {
  ^bb0(%i0: f32, %i1: f32, %i2: f32, %out: f32):
    %s = arith.addf %i0, %i1 : f32
    %t = arith.addf %s, %i2 : f32
    linalg.yield %t : f32
  }
  // 15: not h over g: the element types differ.
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%g : memref<16xf32>) outs(%h : memref<16xi32>) {
  ^bb0(%in: f32, %out: i32):
    %s = arith.bitcast %in : f32 to i32
    linalg.yield %s : i32
  }
  return                                                     // 16
}

// -----

// Not in place: an input that another operand reads through a transposed
// map, or an op with a reduction loop (matmul).
// CHECK-LABEL: liveness of @not_in_place: 9 steps
// CHECK-NEXT:  buffer 0 %alloc: 64 bytes, steps [3, 4], uses 1{{$}}
// CHECK-NEXT:  buffer 1 %alloc_0: 64 bytes, steps [4, 7], uses 1{{$}}
// CHECK-NEXT:  buffer 2 %alloc_1: 64 bytes, steps [6, 7], uses 1{{$}}
// CHECK-NEXT:  buffer 3 %alloc_2: 64 bytes, steps [7, 7], uses 1{{$}}
func.func @not_in_place(%x: f32) {
  %a = memref.alloc() : memref<4x4xf32>                      // 0
  %b = memref.alloc() : memref<4x4xf32>                      // 1
  %c = memref.alloc() : memref<4x4xf32>                      // 2
  linalg.fill ins(%x : f32) outs(%a : memref<4x4xf32>)       // 3
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1, d0)>,
                                   affine_map<(d0, d1) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%a, %a : memref<4x4xf32>, memref<4x4xf32>) outs(%b : memref<4x4xf32>) {  // 4
  ^bb0(%i0: f32, %i1: f32, %out: f32):
    %s = arith.addf %i0, %i1 : f32
    linalg.yield %s : f32
  }
  %d = memref.alloc() : memref<4x4xf32>                      // 5
  linalg.fill ins(%x : f32) outs(%c : memref<4x4xf32>)       // 6
  linalg.matmul ins(%b, %c : memref<4x4xf32>, memref<4x4xf32>)
                outs(%d : memref<4x4xf32>)                   // 7
  return                                                     // 8
}

// -----

#id = affine_map<(d0) -> (d0)>

// In place through what does not move bytes: a read along a dimension of
// size 1 (`(0, d1)` is the identity there), whole-buffer reshapes, and a
// copy between whole buffers. Not for a copy whose source is read again,
// nor for a map that reads one element for every iteration.
// CHECK-LABEL: liveness of @in_place_views: 17 steps
// CHECK-NEXT:  buffer 0 %alloc: 64 bytes, steps [7, 8], uses 1{{$}}
// CHECK-NEXT:  buffer 1 %alloc_0: 64 bytes, steps [8, 10], uses 1, in place of buffer 0
// CHECK-NEXT:  buffer 2 %alloc_1: 64 bytes, steps [10, 11], uses 1, in place of buffer 1
// CHECK-NEXT:  buffer 3 %alloc_2: 64 bytes, steps [11, 13], uses 2, in place of buffer 2
// CHECK-NEXT:  buffer 4 %alloc_3: 64 bytes, steps [12, 14], uses 1{{$}}
// CHECK-NEXT:  buffer 5 %alloc_4: 64 bytes, steps [13, 15], uses 1, in place of buffer 3
// CHECK-NEXT:  buffer 6 %alloc_5: 64 bytes, steps [15, 15], uses 0{{$}}
// NOINPLACE-LABEL: liveness of @in_place_views
// NOINPLACE-NOT: in place
func.func @in_place_views(%x: f32, %c0: index) {
  %a = memref.alloc() : memref<1x16xf32>                     // 0
  %b = memref.alloc() : memref<1x16xf32>                     // 1
  %c = memref.alloc() : memref<16xf32>                       // 2
  %d = memref.alloc() : memref<16xf32>                       // 3
  %e = memref.alloc() : memref<16xf32>                       // 4
  %f = memref.alloc() : memref<16xf32>                       // 5
  %g = memref.alloc() : memref<16xf32>                       // 6
  linalg.fill ins(%x : f32) outs(%a : memref<1x16xf32>)      // 7
  // 8: b over a, although the input map reads row 0 as a constant.
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                  iterator_types = ["parallel", "parallel"]}
      ins(%a : memref<1x16xf32>) outs(%b : memref<1x16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.maximumf %in, %x : f32
    linalg.yield %s : f32
  }
  %bflat = memref.collapse_shape %b [[0, 1]] : memref<1x16xf32> into memref<16xf32>  // 9
  // 10: c over b, read through its collapsed view.
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%bflat : memref<16xf32>) outs(%c : memref<16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.negf %in : f32
    linalg.yield %s : f32
  }
  // 11: d over c: a copy between whole buffers.
  memref.copy %c, %d : memref<16xf32> to memref<16xf32>
  // 12: not e over d: d is read again at 13.
  memref.copy %d, %e : memref<16xf32> to memref<16xf32>
  // 13: f over d, which dies here.
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%d : memref<16xf32>) outs(%f : memref<16xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  %v = memref.load %e[%c0] : memref<16xf32>                  // 14
  // 15: not g over f: every iteration reads f's first element.
  linalg.generic {indexing_maps = [affine_map<(d0) -> (0)>, #id], iterator_types = ["parallel"]}
      ins(%f : memref<16xf32>) outs(%g : memref<16xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }
  return                                                     // 16
}
