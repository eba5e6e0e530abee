// RUN: memplan-opt %s --memplan-partition-devices | FileCheck %s
// RUN: memplan-opt %s --memplan-partition-devices=host-ops=linalg.matmul | FileCheck %s --check-prefix=HOSTOPS
// RUN: memplan-opt %s --memplan-partition-devices=merge=false | FileCheck %s --check-prefix=NOMERGE

#id2 = affine_map<(d0, d1) -> (d0, d1)>
#id1 = affine_map<(d0) -> (d0)>

// Four devices: two NPUs of one kind (npu1 faster, f32 only), a DSP for
// rank-2 f32 elementwise code, and the host.
module attributes {memplan.targets = [
    #memplan.device<name = "host", kind = "cpu", capacity = 1048576, reserved = 0, alignment = 64, compute_units = 1, speed = 1, reuse = "min-memory", host = true>,
    #memplan.device<name = "npu0", kind = "npu", capacity = 1048576, reserved = 0, alignment = 64, compute_units = 2, speed = 4, reuse = "min-memory", host = false,
                    ops = [<name = "linalg.matmul">]>,
    #memplan.device<name = "npu1", kind = "npu", capacity = 1048576, reserved = 0, alignment = 64, compute_units = 2, speed = 8, reuse = "min-memory", host = false,
                    ops = [<name = "linalg.matmul", element_types = [f32]>]>,
    #memplan.device<name = "dsp0", kind = "dsp", capacity = 1048576, reserved = 0, alignment = 64, compute_units = 1, speed = 2, reuse = "min-memory", host = false,
                    ops = [<name = "linalg.generic", element_types = [f32], ranks = [2]>]>]} {

// Placement by support: the f32 matmul goes to the faster NPU, the rank-2
// elementwise op to the DSP, the rank-1 one (the DSP takes rank 2 only) and
// the f16 matmul (npu1 takes f32 only) elsewhere; the reshape stays with
// the value it reshapes. Values cross devices
// through transfers, in both directions, and the result returns to the host.
// The constant and the zero fill are copied into each sub-function that
// needs them.
// CHECK-LABEL: func.func private @placement_npu1_0(
// CHECK-SAME:    attributes {memplan.device = "npu1"}
// CHECK:         arith.constant 0.000000e+00 : f32
// CHECK:         linalg.fill
// CHECK:         linalg.matmul
// CHECK-LABEL: func.func private @placement_dsp0_1(
// CHECK-SAME:    attributes {memplan.device = "dsp0"}
// CHECK:         linalg.generic
// CHECK:         tensor.collapse_shape
// CHECK-LABEL: func.func private @placement_host_2(
// CHECK-SAME:    attributes {memplan.device = "host"}
// CHECK:         linalg.generic
// CHECK-LABEL: func.func private @placement_npu0_3(
// CHECK-SAME:    attributes {memplan.device = "npu0"}
// CHECK:         linalg.matmul {{.*}} tensor<4x4xf16>
// CHECK-LABEL: func.func @placement(
// CHECK-SAME:    %[[X:.*]]: tensor<4x4xf32>, %[[W:.*]]: tensor<4x4xf32>, %[[H:.*]]: tensor<4x4xf16>
// CHECK:         %[[X1:.*]] = memplan.transfer %[[X]] <from = "host", to = "npu1">
// CHECK:         %[[W1:.*]] = memplan.transfer %[[W]] <from = "host", to = "npu1">
// CHECK:         %[[A:.*]] = call @placement_npu1_0(%[[X1]], %[[W1]])
// CHECK:         %[[A2:.*]] = memplan.transfer %[[A]] <from = "npu1", to = "dsp0">
// CHECK:         %[[B:.*]] = call @placement_dsp0_1(%[[A2]])
// CHECK:         %[[B2:.*]] = memplan.transfer %[[B]] <from = "dsp0", to = "host">
// CHECK:         %[[C:.*]] = call @placement_host_2(%[[B2]])
// CHECK:         %[[H0:.*]] = memplan.transfer %[[H]] <from = "host", to = "npu0">
// CHECK:         %[[D:.*]] = call @placement_npu0_3(%[[H0]])
// CHECK:         %[[D2:.*]] = memplan.transfer %[[D]] <from = "npu0", to = "host">
// CHECK:         return %[[C]], %[[D2]]
// HOSTOPS-LABEL: func.func @placement(
// HOSTOPS-NOT:   linalg.matmul {{.*}}memplan
// HOSTOPS:       memplan.transfer {{.*}} <from = "host", to = "dsp0">
func.func @placement(%x: tensor<4x4xf32>, %w: tensor<4x4xf32>, %h: tensor<4x4xf16>) -> (tensor<16xf32>, tensor<4x4xf16>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x4xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<4x4xf32>) -> tensor<4x4xf32>
  %a = linalg.matmul ins(%x, %w : tensor<4x4xf32>, tensor<4x4xf32>) outs(%acc : tensor<4x4xf32>) -> tensor<4x4xf32>
  %b = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<4x4xf32>) outs(%e : tensor<4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  } -> tensor<4x4xf32>
  %flat = tensor.collapse_shape %b [[0, 1]] : tensor<4x4xf32> into tensor<16xf32>
  %e1 = tensor.empty() : tensor<16xf32>
  %c = linalg.generic {indexing_maps = [#id1, #id1], iterator_types = ["parallel"]}
      ins(%flat : tensor<16xf32>) outs(%e1 : tensor<16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %n = arith.negf %in : f32
    linalg.yield %n : f32
  } -> tensor<16xf32>
  %eh = tensor.empty() : tensor<4x4xf16>
  %d = linalg.matmul ins(%h, %h : tensor<4x4xf16>, tensor<4x4xf16>) outs(%eh : tensor<4x4xf16>) -> tensor<4x4xf16>
  return %c, %d : tensor<16xf32>, tensor<4x4xf16>
}

// A diamond: %b runs on the host between two matmuls. Merging %c into the
// region of %a would make the two regions depend on each other, so %c gets
// its own sub-function.
// CHECK-LABEL: func.func private @diamond_npu1_0(
// CHECK:         linalg.matmul
// CHECK-NOT:     linalg.matmul
// CHECK:         return
// CHECK-LABEL: func.func private @diamond_host_1(
// CHECK:         linalg.transpose
// CHECK-LABEL: func.func private @diamond_npu1_2(
// CHECK:         linalg.matmul
// CHECK-LABEL: func.func @diamond(
// CHECK:         call @diamond_npu1_0
// CHECK:         call @diamond_host_1
// CHECK:         call @diamond_npu1_2
// NOMERGE-LABEL: func.func @diamond(
// NOMERGE-COUNT-3: call @diamond_
func.func @diamond(%x: tensor<4x4xf32>, %w: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x4xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<4x4xf32>) -> tensor<4x4xf32>
  %a = linalg.matmul ins(%x, %w : tensor<4x4xf32>, tensor<4x4xf32>) outs(%acc : tensor<4x4xf32>) -> tensor<4x4xf32>
  %b = linalg.transpose ins(%a : tensor<4x4xf32>) outs(%e : tensor<4x4xf32>) permutation = [1, 0]
  %c = linalg.matmul ins(%a, %b : tensor<4x4xf32>, tensor<4x4xf32>) outs(%acc : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %c : tensor<4x4xf32>
}

// Two matmuls on one device in a row form one region; without merging,
// each gets its own sub-function.
// CHECK-LABEL: func.func private @chain_npu1_0(
// CHECK-COUNT-2: linalg.matmul
// CHECK-LABEL: func.func @chain(
// CHECK:         call @chain_npu1_0
// CHECK-NOT:     call
// NOMERGE-LABEL: func.func @chain(
// NOMERGE-COUNT-2: call @chain_npu1_
func.func @chain(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x4xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<4x4xf32>) -> tensor<4x4xf32>
  %a = linalg.matmul ins(%x, %x : tensor<4x4xf32>, tensor<4x4xf32>) outs(%acc : tensor<4x4xf32>) -> tensor<4x4xf32>
  %b = linalg.matmul ins(%a, %a : tensor<4x4xf32>, tensor<4x4xf32>) outs(%acc : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %b : tensor<4x4xf32>
}

// Nothing here runs off the host: the function stays as it is.
// CHECK-LABEL: func.func @host_only(
// CHECK-NEXT:    tensor.empty
// CHECK-NEXT:    linalg.transpose
// CHECK-NEXT:    return
func.func @host_only(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %e = tensor.empty() : tensor<4x4xf32>
  %t = linalg.transpose ins(%x : tensor<4x4xf32>) outs(%e : tensor<4x4xf32>) permutation = [1, 0]
  return %t : tensor<4x4xf32>
}
}
