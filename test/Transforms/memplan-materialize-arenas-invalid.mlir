// RUN: memplan-opt %s --memplan-materialize-arenas -split-input-file -verify-diagnostics

func.func @no_offset() attributes {memplan.arenas = [#memplan.arena<device = "host", size = 64, alignment = 64, lower_bound = 64, no_reuse = 64, buffers = 1>]} {
  // expected-error @below {{memplan buffer 0 has no offset; run memplan-assign-offsets first}}
  %a = memref.alloc() {memplan.buffer = #memplan.buffer<id = 0, size = 64, start = 0, end = 1, uses = 0>} : memref<16xf32>
  return
}

// -----

// expected-error @below {{expected one #memplan.arena per device in 'memplan.arenas'}}
func.func @two_arenas_one_device() attributes {memplan.arenas = [
    #memplan.arena<device = "npu", size = 64, alignment = 64, lower_bound = 64, no_reuse = 64, buffers = 1>,
    #memplan.arena<device = "npu", size = 64, alignment = 64, lower_bound = 64, no_reuse = 64, buffers = 1>]} {
  return
}

// -----

func.func @no_arena_for_device(%x: f32) attributes {memplan.arenas = [
    #memplan.arena<device = "host", size = 64, alignment = 64, lower_bound = 64, no_reuse = 64, buffers = 1>]} {
  // expected-error @below {{memplan buffer 0 is on device 'npu0', which has no arena}}
  %a = memref.alloc() {memplan.buffer = #memplan.buffer<id = 0, size = 64, start = 0, end = 1, uses = 0, offset = 0, device = "npu0">} : memref<16xf32>
  linalg.fill ins(%x : f32) outs(%a : memref<16xf32>)
  return
}
