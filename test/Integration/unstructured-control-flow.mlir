// Functions with several blocks are planned too: a buffer whose uses span
// blocks is live for the whole function, one used only in the block that
// allocates it only there, so the blocks of the two branches share bytes.
// The input is already bufferized, so the planning passes run on their own.
// RUN: memplan-opt %s --memplan-lower-to-llvm | %run > %t.reference
// RUN: memplan-opt %s --memplan-liveness --memplan-assign-offsets --memplan-materialize-arenas --memplan-verify-plan --memplan-report=output=%t.report -o %t.planned.mlir
// RUN: memplan-opt %t.planned.mlir --memplan-lower-to-llvm | %run > %t.planned
// RUN: diff %t.reference %t.planned
// RUN: FileCheck %s --input-file=%t.planned
// RUN: FileCheck %s --check-prefix=REPORT --input-file=%t.report
// RUN: FileCheck %s --check-prefix=PLAN --input-file=%t.planned.mlir

// 2 * 1.5 + 1 + 1.5 and 1.5 - 1 + 1.5, for both branches.
// CHECK: 5.5
// CHECK-NEXT: 2

// Three 64-byte buffers in the first branch, one in the second, one across
// both: 128 bytes instead of 320, since in the first branch each buffer
// takes over the block of the one it is computed (or copied) from.
// REPORT: @kernel
// REPORT-NEXT: arena host: 5 buffers, no reuse 320 B, lower bound 128 B, arena 128 B
// PLAN-LABEL: func.func @kernel
// PLAN: memplan.arena <device = "host", size = 128

#id = affine_map<(d0) -> (d0)>
func.func @kernel(%flag: i1, %x: f32) -> f32 {
  %c0 = arith.constant 0 : index
  %c3 = arith.constant 3 : index
  %one = arith.constant 1.0 : f32
  %a = memref.alloc() : memref<16xf32>
  linalg.fill ins(%x : f32) outs(%a : memref<16xf32>)
  cf.cond_br %flag, ^double, ^decrement
^double:
  %b = memref.alloc() : memref<16xf32>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%a : memref<16xf32>) outs(%b : memref<16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %in : f32
    linalg.yield %s : f32
  }
  %c = memref.alloc() : memref<16xf32>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%b : memref<16xf32>) outs(%c : memref<16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %one : f32
    linalg.yield %s : f32
  }
  %e = memref.alloc() : memref<16xf32>
  memref.copy %c, %e : memref<16xf32> to memref<16xf32>
  %v1 = memref.load %e[%c3] : memref<16xf32>
  cf.br ^join(%v1 : f32)
^decrement:
  %d = memref.alloc() : memref<16xf32>
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%a : memref<16xf32>) outs(%d : memref<16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.subf %in, %one : f32
    linalg.yield %s : f32
  }
  %v2 = memref.load %d[%c3] : memref<16xf32>
  cf.br ^join(%v2 : f32)
^join(%r: f32):
  %w = memref.load %a[%c0] : memref<16xf32>
  %sum = arith.addf %r, %w : f32
  return %sum : f32
}

func.func private @printF32(f32)
func.func private @printNewline()
func.func @main() {
  %true = arith.constant true
  %false = arith.constant false
  %x = arith.constant 1.5 : f32
  %r1 = call @kernel(%true, %x) : (i1, f32) -> f32
  call @printF32(%r1) : (f32) -> ()
  call @printNewline() : () -> ()
  %r2 = call @kernel(%false, %x) : (i1, f32) -> f32
  call @printF32(%r2) : (f32) -> ()
  call @printNewline() : () -> ()
  return
}
