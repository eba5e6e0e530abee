// RUN: memplan-opt %s --memplan-assign-offsets -split-input-file -verify-diagnostics | FileCheck %s

// One arena per device for the whole program (the function and the device
// sub-function it calls), each with its device's alignment: npu0's three
// buffers, in @main and in @sub, fit in 512 bytes (buffer 3 reuses the bytes
// of one of the others).
// CHECK-LABEL: func.func private @sub
// CHECK:       #memplan.buffer<id = 2, size = 256, start = 3, end = 5, uses = 1, offset = [[B2:[0-9]+]], device = "npu0">
// CHECK-LABEL: func.func @main
// CHECK-SAME:  memplan.arenas = [#memplan.arena<device = "host", size = 64, alignment = 64, lower_bound = 64, no_reuse = 64, buffers = 1>, #memplan.arena<device = "npu0", size = 512, alignment = 256, lower_bound = 512, no_reuse = 768, buffers = 3>]
// CHECK:       #memplan.buffer<id = 0, size = 64, start = 0, end = 2, uses = 1, offset = 0>
// CHECK:       #memplan.buffer<id = 1, size = 256, start = 1, end = 4, uses = 1, offset = [[B1:[0-9]+]], device = "npu0">
// CHECK:       #memplan.buffer<id = 3, size = 256, start = 5, end = 6, uses = 0, offset = {{0|256}}, device = "npu0">
module attributes {memplan.targets = [
    #memplan.device<name = "host", kind = "cpu", capacity = 1048576, reserved = 0, alignment = 64, compute_units = 1, speed = 1, reuse = "min-memory", host = true>,
    #memplan.device<name = "npu0", kind = "npu", capacity = 1048576, reserved = 0, alignment = 256, compute_units = 1, speed = 4, reuse = "min-memory", host = false>]} {
  func.func private @sub(%in: memref<64xf32>) attributes {memplan.device = "npu0"} {
    %a = memref.alloc() {memplan.buffer = #memplan.buffer<id = 2, size = 256, start = 3, end = 5, uses = 1, device = "npu0">} : memref<64xf32>
    memref.copy %in, %a : memref<64xf32> to memref<64xf32>
    return
  }
  func.func @main(%x: f32) {
    %h = memref.alloc() {memplan.buffer = #memplan.buffer<id = 0, size = 64, start = 0, end = 2, uses = 1>} : memref<16xf32>
    %n = memref.alloc() {memplan.buffer = #memplan.buffer<id = 1, size = 256, start = 1, end = 4, uses = 1, device = "npu0">} : memref<64xf32>
    linalg.fill ins(%x : f32) outs(%h : memref<16xf32>)
    linalg.fill ins(%x : f32) outs(%n : memref<64xf32>)
    call @sub(%n) : (memref<64xf32>) -> ()
    %m = memref.alloc() {memplan.buffer = #memplan.buffer<id = 3, size = 256, start = 5, end = 6, uses = 0, device = "npu0">} : memref<64xf32>
    linalg.fill ins(%x : f32) outs(%m : memref<64xf32>)
    return
  }
}

// -----

// A plan beyond the target memory (capacity - reserved) but within the
// capacity uses the reserve, with a warning.
// CHECK-LABEL: func.func @uses_reserve
module attributes {memplan.targets = [
    #memplan.device<name = "host", kind = "cpu", capacity = 1048576, reserved = 0, alignment = 64, compute_units = 1, speed = 1, reuse = "min-memory", host = true>,
    #memplan.device<name = "npu0", kind = "npu", capacity = 512, reserved = 256, alignment = 64, compute_units = 1, speed = 4, reuse = "min-memory", host = false>]} {
  // expected-warning @below {{the plan for device 'npu0' needs 384 bytes, more than its target memory of 256 bytes: it uses 128 of its 256 reserved bytes}}
  func.func @uses_reserve(%x: f32) attributes {memplan.device = "npu0"} {
    %a = memref.alloc() {memplan.buffer = #memplan.buffer<id = 0, size = 256, start = 0, end = 2, uses = 1, device = "npu0">} : memref<64xf32>
    %b = memref.alloc() {memplan.buffer = #memplan.buffer<id = 1, size = 128, start = 1, end = 2, uses = 1, device = "npu0">} : memref<32xf32>
    linalg.fill ins(%x : f32) outs(%a : memref<64xf32>)
    linalg.fill ins(%x : f32) outs(%b : memref<32xf32>)
    return
  }
}

// -----

// Beyond the capacity the plan fails, naming the device, the moment of peak
// use and the largest buffers live then.
module attributes {memplan.targets = [
    #memplan.device<name = "host", kind = "cpu", capacity = 1048576, reserved = 0, alignment = 64, compute_units = 1, speed = 1, reuse = "min-memory", host = true>,
    #memplan.device<name = "npu0", kind = "npu", capacity = 512, reserved = 128, alignment = 64, compute_units = 1, speed = 4, reuse = "min-memory", host = false>]} {
  // expected-error @below {{the plan for device 'npu0' needs 704 bytes, more than its capacity of 512 bytes (128 of them reserved); at step 1, its peak, 704 bytes of 3 buffers are live, the largest:}}
  func.func @too_big(%x: f32) attributes {memplan.device = "npu0"} {
    // expected-note @below {{buffer 0: 256 bytes, live at steps [0, 3)}}
    %a = memref.alloc() {memplan.buffer = #memplan.buffer<id = 0, size = 256, start = 0, end = 3, uses = 1, device = "npu0">} : memref<64xf32>
    // expected-note @below {{buffer 1: 384 bytes, live at steps [1, 3)}}
    %b = memref.alloc() {memplan.buffer = #memplan.buffer<id = 1, size = 384, start = 1, end = 3, uses = 1, device = "npu0">} : memref<96xf32>
    // expected-note @below {{buffer 2: 64 bytes, live at steps [1, 2)}}
    %c = memref.alloc() {memplan.buffer = #memplan.buffer<id = 2, size = 64, start = 1, end = 2, uses = 1, device = "npu0">} : memref<16xf32>
    linalg.fill ins(%x : f32) outs(%a : memref<64xf32>)
    linalg.fill ins(%x : f32) outs(%b : memref<96xf32>)
    linalg.fill ins(%x : f32) outs(%c : memref<16xf32>)
    return
  }
}
