// RUN: memplan-opt %s --memplan-split-execution-units -split-input-file | FileCheck %s
// RUN: memplan-opt %s --memplan-split-execution-units=fuse-elementwise=false -split-input-file | FileCheck %s --check-prefix=NOFUSE

// Two branches on a device with two compute units: the first matmul and the
// ReLU after it (its only user) form one unit, the other matmul runs on the
// other compute unit, and the sum waits for both. The ops are reordered
// into the schedule; the caller is not a device sub-function and is left
// alone.
// CHECK-LABEL: func.func private @branches(
// CHECK:         linalg.fill ins
// CHECK:         linalg.matmul {memplan.unit = #memplan.unit<id = 0, compute_unit = 0, order = 0, flops = 8448, bytes = 7168>}
// CHECK:         linalg.generic {{.*}} attrs =  {memplan.unit = #memplan.unit<id = 0, compute_unit = 0, order = 0, flops = 8448, bytes = 7168>}
// CHECK:         linalg.fill ins
// CHECK:         linalg.matmul {memplan.unit = #memplan.unit<id = 1, compute_unit = 1, order = 1, flops = 8192, bytes = 4096>}
// CHECK:         linalg.generic {{.*}} attrs =  {memplan.unit = #memplan.unit<id = 2, compute_unit = 0, order = 2, flops = 256, bytes = 4096, after = [0, 1]>}
// When both accumulators are fills of one empty tensor, bufferization
// gives them one buffer: the second matmul writes what the first unit
// still reads, so it must come after it.
// CHECK-LABEL: func.func private @shared_init(
// CHECK:         linalg.matmul {memplan.unit = #memplan.unit<id = 0, compute_unit = 0, order = 0,
// CHECK:         linalg.matmul {memplan.unit = #memplan.unit<id = 1, compute_unit = 0, order = 1, {{.*}}, after = [0]>}
// CHECK-LABEL: func.func @main(
// CHECK-NOT:     memplan.unit
// NOFUSE-LABEL: func.func private @branches(
// NOFUSE:         linalg.matmul {memplan.unit = #memplan.unit<id = 0,
// NOFUSE:         linalg.generic {{.*}} attrs =  {memplan.unit = #memplan.unit<id = 1,
#id2 = affine_map<(d0, d1) -> (d0, d1)>
module attributes {memplan.targets = [
    #memplan.device<name = "host", kind = "cpu", capacity = 1048576, reserved = 0, alignment = 64, compute_units = 1, speed = 1, reuse = "min-memory", host = true>,
    #memplan.device<name = "npu0", kind = "npu", capacity = 1048576, reserved = 0, alignment = 64, compute_units = 2, speed = 4, reuse = "min-memory", host = false,
                    ops = [<name = "linalg.matmul">, <name = "linalg.generic">]>]} {
func.func private @branches(%x: tensor<16x16xf32>, %w: tensor<16x16xf32>) -> tensor<16x16xf32> attributes {memplan.device = "npu0"} {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x16xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<16x16xf32>) -> tensor<16x16xf32>
  %a = linalg.matmul ins(%x, %w : tensor<16x16xf32>, tensor<16x16xf32>) outs(%acc : tensor<16x16xf32>) -> tensor<16x16xf32>
  %e1 = tensor.empty() : tensor<16x16xf32>
  %r = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<16x16xf32>) outs(%e1 : tensor<16x16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  } -> tensor<16x16xf32>
  %eb = tensor.empty() : tensor<16x16xf32>
  %acc2 = linalg.fill ins(%zero : f32) outs(%eb : tensor<16x16xf32>) -> tensor<16x16xf32>
  %b = linalg.matmul ins(%w, %x : tensor<16x16xf32>, tensor<16x16xf32>) outs(%acc2 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %e2 = tensor.empty() : tensor<16x16xf32>
  %s = linalg.generic {indexing_maps = [#id2, #id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%r, %b : tensor<16x16xf32>, tensor<16x16xf32>) outs(%e2 : tensor<16x16xf32>) {
  ^bb0(%p: f32, %q: f32, %out: f32):
    %t = arith.addf %p, %q : f32
    linalg.yield %t : f32
  } -> tensor<16x16xf32>
  return %s : tensor<16x16xf32>
}
func.func private @shared_init(%x: tensor<16x16xf32>, %w: tensor<16x16xf32>) -> (tensor<16x16xf32>, tensor<16x16xf32>) attributes {memplan.device = "npu0"} {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x16xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<16x16xf32>) -> tensor<16x16xf32>
  %a = linalg.matmul ins(%x, %w : tensor<16x16xf32>, tensor<16x16xf32>) outs(%acc : tensor<16x16xf32>) -> tensor<16x16xf32>
  %acc2 = linalg.fill ins(%zero : f32) outs(%e : tensor<16x16xf32>) -> tensor<16x16xf32>
  %b = linalg.matmul ins(%w, %x : tensor<16x16xf32>, tensor<16x16xf32>) outs(%acc2 : tensor<16x16xf32>) -> tensor<16x16xf32>
  return %a, %b : tensor<16x16xf32>, tensor<16x16xf32>
}
func.func @main(%x: tensor<16x16xf32>, %w: tensor<16x16xf32>) -> tensor<16x16xf32> {
  %r = call @branches(%x, %w) : (tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<16x16xf32>
  %s:2 = call @shared_init(%x, %w) : (tensor<16x16xf32>, tensor<16x16xf32>) -> (tensor<16x16xf32>, tensor<16x16xf32>)
  return %r : tensor<16x16xf32>
}
}

// -----

#id2 = affine_map<(d0, d1) -> (d0, d1)>
// One compute unit: everything on it, in program order; a function with
// side effects keeps its order too.
// CHECK-LABEL: func.func private @serial(
// CHECK:         linalg.generic {{.*}} attrs =  {memplan.unit = #memplan.unit<id = 0, compute_unit = 0, order = 0,
// CHECK:         linalg.generic {{.*}} attrs =  {memplan.unit = #memplan.unit<id = 1, compute_unit = 0, order = 1,
// CHECK-LABEL: func.func private @effects(
// CHECK:         memref.store
// CHECK:         linalg.generic {{.*}} ins(%{{.*}} : tensor<4x4xf32>) {{.*}} attrs =  {memplan.unit = #memplan.unit<id = 0, compute_unit = 0, order = 0,
// CHECK:         linalg.generic {{.*}} attrs =  {memplan.unit = #memplan.unit<id = 1, compute_unit = 0, order = 1,
module attributes {memplan.targets = [
    #memplan.device<name = "host", kind = "cpu", capacity = 1048576, reserved = 0, alignment = 64, compute_units = 1, speed = 1, reuse = "min-memory", host = true>,
    #memplan.device<name = "dsp0", kind = "dsp", capacity = 1048576, reserved = 0, alignment = 64, compute_units = 1, speed = 1, reuse = "min-memory", host = false,
                    ops = [<name = "linalg.generic">]>]} {
func.func private @serial(%x: tensor<4x4xf32>) -> (tensor<4x4xf32>, tensor<4x4xf32>) attributes {memplan.device = "dsp0"} {
  %e = tensor.empty() : tensor<4x4xf32>
  %a = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4x4xf32>) outs(%e : tensor<4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.negf %in : f32
    linalg.yield %s : f32
  } -> tensor<4x4xf32>
  %b = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4x4xf32>) outs(%e : tensor<4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %in : f32
    linalg.yield %s : f32
  } -> tensor<4x4xf32>
  return %a, %b : tensor<4x4xf32>, tensor<4x4xf32>
}
func.func private @effects(%x: tensor<4x4xf32>, %log: memref<f32>, %v: f32) -> (tensor<4x4xf32>, tensor<4x4xf32>) attributes {memplan.device = "dsp0"} {
  memref.store %v, %log[] : memref<f32>
  %e = tensor.empty() : tensor<4x4xf32>
  %a = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4x4xf32>) outs(%e : tensor<4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.negf %in : f32
    linalg.yield %s : f32
  } -> tensor<4x4xf32>
  %b = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4x4xf32>) outs(%e : tensor<4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %in : f32
    linalg.yield %s : f32
  } -> tensor<4x4xf32>
  return %a, %b : tensor<4x4xf32>, tensor<4x4xf32>
}
func.func @caller(%x: tensor<4x4xf32>, %log: memref<f32>, %v: f32) -> (tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>) {
  %a, %b = call @serial(%x) : (tensor<4x4xf32>) -> (tensor<4x4xf32>, tensor<4x4xf32>)
  %c, %d = call @effects(%x, %log, %v) : (tensor<4x4xf32>, memref<f32>, f32) -> (tensor<4x4xf32>, tensor<4x4xf32>)
  return %a, %b, %c, %d : tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>
}
}
