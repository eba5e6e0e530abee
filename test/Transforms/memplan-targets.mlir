// RUN: rm -rf %t && split-file %s %t
// RUN: memplan-opt %t/input.mlir --memplan-targets=file=%t/good.json | FileCheck %s
// The description round-trips through the IR.
// RUN: memplan-opt %t/input.mlir --memplan-targets=file=%t/good.json | memplan-opt | FileCheck %s
// Defaults: reserved 0, alignment 64, one compute unit, speed 1, min-memory.
// RUN: memplan-opt %t/input.mlir --memplan-targets=file=%t/minimal.json | FileCheck %s --check-prefix=MINIMAL

// CHECK: module attributes {memplan.targets = [
// CHECK-SAME: #memplan.device<name = "host", kind = "cpu", capacity = 1073741824, reserved = 0, alignment = 64, compute_units = 1, speed = 1, reuse = "min-memory", host = true>,
// CHECK-SAME: #memplan.device<name = "npu0", kind = "npu", capacity = 4194304, reserved = 262144, alignment = 128, compute_units = 4, speed = 8, reuse = "max-parallel", host = false, ops = [<name = "linalg.conv_2d_nchw_fchw">, <name = "linalg.matmul", element_types = [f32, f16], ranks = [2, 3]>]>,
// CHECK-SAME: #memplan.device<name = "npu1", kind = "npu", capacity = 2097152, reserved = 0, alignment = 64, compute_units = 1, speed = 8, reuse = "min-memory", host = false, ops = [<name = "linalg.generic">]>]}
// MINIMAL: memplan.targets = [#memplan.device<name = "cpu", kind = "cpu", capacity = 1024, reserved = 0, alignment = 64, compute_units = 1, speed = 1, reuse = "min-memory", host = true>]

//--- input.mlir
module {}

//--- good.json
{"devices": [
  {"name": "host", "kind": "cpu", "host": true, "capacity": 1073741824},
  {"name": "npu0", "kind": "npu", "capacity": 4194304, "reserved": 262144,
   "alignment": 128, "compute_units": 4, "speed": 8, "reuse": "max-parallel",
   "ops": ["linalg.conv_2d_nchw_fchw",
           {"name": "linalg.matmul", "element_types": ["f32", "f16"], "ranks": [2, 3]}]},
  {"name": "npu1", "kind": "npu", "capacity": 2097152, "speed": 8,
   "ops": ["linalg.generic"]}
]}

//--- minimal.json
{"devices": [{"name": "cpu", "kind": "cpu", "host": true, "capacity": 1024}]}
