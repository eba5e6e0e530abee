// RUN: memplan-opt %s -split-input-file --memplan-liveness --memplan-assign-offsets --memplan-materialize-arenas --memplan-verify-plan -o /dev/null 2>&1 | FileCheck %s --check-prefix=SAFE
// RUN: memplan-opt %s -split-input-file --memplan-liveness=test-repeat-old-mistakes --memplan-assign-offsets --memplan-materialize-arenas --memplan-verify-plan -verify-diagnostics -o /dev/null

// The planner made to repeat the mistakes of earlier versions: each plan it
// makes then is wrong, and memplan-verify-plan, which derives on its own
// when each view is touched, rejects every one. Without the test switch the
// planner gives the first two buffers their own bytes and leaves the
// others on the heap, with a remark.
// SAFE-NOT: error

// An elementwise op whose payload also reads its input at another position
// (a reversal) cannot write its output over that input.
#id = affine_map<(d0) -> (d0)>
func.func @payload_reads_donor(%x: memref<8xf32>, %out: memref<8xf32>) {
  // expected-note @below {{buffer 0 is defined here}}
  %a = memref.alloc() : memref<8xf32>
  memref.copy %x, %a : memref<8xf32> to memref<8xf32>
  // expected-error @below {{buffer 1 and buffer 0 are live together at steps [6, 7) but share bytes [0, 32) of arena 'host'}}
  %b = memref.alloc() : memref<8xf32>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%a : memref<8xf32>) outs(%b : memref<8xf32>) {
  ^bb0(%in: f32, %o: f32):
    %i = linalg.index 0 : index
    %c7 = arith.constant 7 : index
    %j = arith.subi %c7, %i : index
    %r = memref.load %a[%j] : memref<8xf32>
    %s = arith.addf %in, %r : f32
    linalg.yield %s : f32
  }
  memref.copy %b, %out : memref<8xf32> to memref<8xf32>
  return
}

// -----

// A buffer read again as a tensor: the reads of the tensor are not uses of
// the buffer the planner sees.
func.func @to_tensor(%x: f32) -> tensor<16xf32> {
  // expected-error @below {{buffer 0 lives in an arena but its lifetime cannot be bounded: 'bufferization.to_tensor' reads it where uses are not seen}}
  %a = memref.alloc() : memref<16xf32>
  linalg.fill ins(%x : f32) outs(%a : memref<16xf32>)
  // expected-note @below {{used here}}
  %t = bufferization.to_tensor %a : memref<16xf32> to tensor<16xf32>
  return %t : tensor<16xf32>
}
// SAFE: remark: buffer not planned: it is read as a tensor through 'bufferization.to_tensor'

// -----

// A reallocated buffer would free the arena.
func.func @realloc(%x: f32, %out: memref<32xf32>) {
  // expected-error @below {{buffer 0 lives in an arena but its lifetime cannot be bounded: it is freed or reallocated by 'memref.realloc'}}
  %a = memref.alloc() : memref<16xf32>
  linalg.fill ins(%x : f32) outs(%a : memref<16xf32>)
  // expected-note @below {{used here}}
  %b = memref.realloc %a : memref<16xf32> to memref<32xf32>
  memref.copy %b, %out : memref<32xf32> to memref<32xf32>
  return
}
// SAFE: remark: buffer not planned: it is reallocated by 'memref.realloc'

// -----

// An async region may still read its buffer after the steps that follow its
// launch.
func.func @async(%x: f32, %out: memref<16xf32>) {
  // expected-error @below {{buffer 0 lives in an arena but its lifetime cannot be bounded: it is used inside 'async.execute', which may run after later steps}}
  %a = memref.alloc() : memref<16xf32>
  linalg.fill ins(%x : f32) outs(%a : memref<16xf32>)
  %token = async.execute {
    // expected-note @below {{used here}}
    memref.copy %a, %out : memref<16xf32> to memref<16xf32>
    async.yield
  }
  %b = memref.alloc() : memref<16xf32>
  linalg.fill ins(%x : f32) outs(%b : memref<16xf32>)
  async.await %token : !async.token
  memref.copy %b, %out : memref<16xf32> to memref<16xf32>
  return
}
// SAFE: remark: buffer not planned: it is used inside 'async.execute'

// -----

// A loop of blocks allocating a buffer each iteration and passing it to the
// next one through a block argument: one offset for all of them would let
// each iteration overwrite what it reads.
#id = affine_map<(d0) -> (d0)>
func.func @block_loop(%x: memref<16xf32>, %n: index, %out: memref<16xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  cf.br ^loop(%c0, %x : index, memref<16xf32>)
^loop(%i: index, %prev: memref<16xf32>):
  // expected-error @below {{buffer 0 lives in an arena but its lifetime cannot be bounded: it is passed on through a block argument of a loop of blocks that defines it anew}}
  %next = memref.alloc() : memref<16xf32>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%prev : memref<16xf32>) outs(%next : memref<16xf32>) {
  ^bb0(%in: f32, %o: f32):
    %s = arith.addf %in, %in : f32
    linalg.yield %s : f32
  }
  %i1 = arith.addi %i, %c1 : index
  %more = arith.cmpi slt, %i1, %n : index
  // expected-note @below {{used here}}
  cf.cond_br %more, ^loop(%i1, %next : index, memref<16xf32>), ^done(%next : memref<16xf32>)
^done(%r: memref<16xf32>):
  memref.copy %r, %out : memref<16xf32> to memref<16xf32>
  return
}
// SAFE: remark: buffer not planned: it is allocated in a loop of blocks and passed on through a block argument
