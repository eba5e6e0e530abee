// Input that memplan-split-execution-units cannot schedule fully, and device
// names the targets do not describe.
// RUN: memplan-opt %s --memplan-split-execution-units -split-input-file -verify-diagnostics

#id2 = affine_map<(d0, d1) -> (d0, d1)>
module attributes {memplan.targets = [
    #memplan.device<name = "host", kind = "cpu", capacity = 1048576, reserved = 0, alignment = 64, compute_units = 1, speed = 1, reuse = "min-memory", host = true>,
    #memplan.device<name = "npu0", kind = "npu", capacity = 1048576, reserved = 0, alignment = 64, compute_units = 2, speed = 4, reuse = "min-memory", host = false>]} {
func.func private @dynamic(%a: tensor<?x4xf32>, %n: index) -> tensor<?x4xf32> attributes {memplan.device = "npu0"} {
  %e = tensor.empty(%n) : tensor<?x4xf32>
  // expected-remark @+1 {{dynamically shaped: the schedule counts only the statically known part of its cost}}
  %r = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<?x4xf32>) outs(%e : tensor<?x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.negf %in : f32
    linalg.yield %m : f32
  } -> tensor<?x4xf32>
  return %r : tensor<?x4xf32>
}
}

// -----

module attributes {memplan.targets = [
    #memplan.device<name = "host", kind = "cpu", capacity = 1048576, reserved = 0, alignment = 64, compute_units = 1, speed = 1, reuse = "min-memory", host = true>,
    #memplan.device<name = "npu0", kind = "npu", capacity = 1048576, reserved = 0, alignment = 64, compute_units = 2, speed = 4, reuse = "min-memory", host = false>]} {
// expected-remark @+1 {{no execution units: the function has several blocks}}
func.func private @blocks(%a: tensor<4xf32>, %c: i1) -> tensor<4xf32> attributes {memplan.device = "npu0"} {
  cf.cond_br %c, ^bb1, ^bb2
^bb1:
  return %a : tensor<4xf32>
^bb2:
  %e = tensor.empty() : tensor<4xf32>
  %r = linalg.copy ins(%a : tensor<4xf32>) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}
}

// -----

// expected-note @+1 {{targets described here}}
module attributes {memplan.targets = [
    #memplan.device<name = "host", kind = "cpu", capacity = 1048576, reserved = 0, alignment = 64, compute_units = 1, speed = 1, reuse = "min-memory", host = true>]} {
// expected-error @+1 {{device 'npu9' is not described by 'memplan.targets'}}
func.func private @unknown(%a: tensor<4xf32>) -> tensor<4xf32> attributes {memplan.device = "npu9"} {
  return %a : tensor<4xf32>
}
}
