// RUN: memplan-opt %s --memplan-verify-plan -split-input-file -verify-diagnostics | FileCheck %s

// A device sub-function of a program reaches its device's arena through an
// argument; its views are checked with the program's. Two execution units
// on different compute units, with no dependence between them, write two
// buffers at the same bytes. Under min-memory they never live at the same
// step, so the plan is sound...
// CHECK-LABEL: func.func private @sub
module attributes {memplan.targets = [
    #memplan.device<name = "host", kind = "cpu", capacity = 1048576, reserved = 0, alignment = 64, compute_units = 1, speed = 1, reuse = "min-memory", host = true>,
    #memplan.device<name = "npu0", kind = "npu", capacity = 1048576, reserved = 0, alignment = 64, compute_units = 2, speed = 4, reuse = "min-memory", host = false>]} {
  func.func private @sub(%x: f32, %storage: memref<64xi8> {memplan.arena = #memplan.arena<device = "npu0", size = 64, alignment = 64, lower_bound = 64, no_reuse = 128, buffers = 2>}) attributes {memplan.device = "npu0"} {
    %npu = memplan.arena <device = "npu0", size = 64, alignment = 64, lower_bound = 64, no_reuse = 128, buffers = 2> in %storage : memref<64xi8>
    %c0 = arith.constant 0 : index
    %a = memref.view %npu[%c0][] : memref<64xi8> to memref<16xf32>
    %b = memref.view %npu[%c0][] : memref<64xi8> to memref<16xf32>
    linalg.fill {memplan.unit = #memplan.unit<id = 0, compute_unit = 0, order = 0, flops = 0, bytes = 64>} ins(%x : f32) outs(%a : memref<16xf32>)
    linalg.fill {memplan.unit = #memplan.unit<id = 1, compute_unit = 1, order = 1, flops = 0, bytes = 64>} ins(%x : f32) outs(%b : memref<16xf32>)
    return
  }
  func.func @main(%x: f32) {
    %npu = memplan.arena <device = "npu0", size = 64, alignment = 64, lower_bound = 64, no_reuse = 128, buffers = 2> : memref<64xi8>
    call @sub(%x, %npu) : (f32, memref<64xi8>) -> ()
    return
  }
}

// -----

// ...but under max-parallel the two units may run at the same time, and
// the verifier rejects the shared bytes.
module attributes {memplan.targets = [
    #memplan.device<name = "host", kind = "cpu", capacity = 1048576, reserved = 0, alignment = 64, compute_units = 1, speed = 1, reuse = "min-memory", host = true>,
    #memplan.device<name = "npu0", kind = "npu", capacity = 1048576, reserved = 0, alignment = 64, compute_units = 2, speed = 4, reuse = "max-parallel", host = false>]} {
  func.func private @sub(%x: f32, %storage: memref<64xi8> {memplan.arena = #memplan.arena<device = "npu0", size = 64, alignment = 64, lower_bound = 64, no_reuse = 128, buffers = 2>}) attributes {memplan.device = "npu0"} {
    %npu = memplan.arena <device = "npu0", size = 64, alignment = 64, lower_bound = 64, no_reuse = 128, buffers = 2> in %storage : memref<64xi8>
    %c0 = arith.constant 0 : index
    // expected-note @below {{arena view is defined here}}
    %a = memref.view %npu[%c0][] : memref<64xi8> to memref<16xf32>
    // expected-error @below {{arena view and arena view may be live at the same time, in execution units 0 and 1 of a max-parallel device, but share bytes [0, 64) of arena 'npu0'}}
    %b = memref.view %npu[%c0][] : memref<64xi8> to memref<16xf32>
    linalg.fill {memplan.unit = #memplan.unit<id = 0, compute_unit = 0, order = 0, flops = 0, bytes = 64>} ins(%x : f32) outs(%a : memref<16xf32>)
    linalg.fill {memplan.unit = #memplan.unit<id = 1, compute_unit = 1, order = 1, flops = 0, bytes = 64>} ins(%x : f32) outs(%b : memref<16xf32>)
    return
  }
  func.func @main(%x: f32) {
    %npu = memplan.arena <device = "npu0", size = 64, alignment = 64, lower_bound = 64, no_reuse = 128, buffers = 2> : memref<64xi8>
    call @sub(%x, %npu) : (f32, memref<64xi8>) -> ()
    return
  }
}
