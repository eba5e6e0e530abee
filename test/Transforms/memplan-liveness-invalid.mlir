// RUN: memplan-opt %s --memplan-liveness -split-input-file -verify-diagnostics

// A buffer whose size in bytes does not fit in 64 bits cannot exist: an
// error naming it (it once got a 0-byte or negative arena, exit status 0).
func.func @huge(%x: f32) {
  // expected-error @below {{buffer cannot be allocated: its size in bytes does not fit in 64 bits}}
  %a = memref.alloc() : memref<4611686018427387904x4xf32>
  linalg.fill ins(%x : f32) outs(%a : memref<4611686018427387904x4xf32>)
  return
}
