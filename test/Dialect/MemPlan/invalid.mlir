// RUN: memplan-opt %s -split-input-file -verify-diagnostics

func.func @arena_size_mismatch() {
  // expected-error @+1 {{result holds 64 bytes but the plan needs 128}}
  %arena = memplan.arena <device = "host", size = 128, alignment = 64, lower_bound = 128, no_reuse = 128, buffers = 1> : memref<64xi8>
  return
}

// -----

func.func @arena_not_bytes() {
  // expected-error @+1 {{result #0 must be 1D memref of 8-bit signless integer values}}
  %arena = memplan.arena <device = "host", size = 16, alignment = 64, lower_bound = 16, no_reuse = 16, buffers = 1> : memref<4xf32>
  return
}

// -----

func.func @arena_dynamic() {
  // expected-error @+1 {{result must be a statically sized 1-D memref of i8 with identity layout, got 'memref<?xi8>'}}
  %arena = memplan.arena <device = "host", size = 16, alignment = 64, lower_bound = 16, no_reuse = 16, buffers = 1> : memref<?xi8>
  return
}

// -----

// The custom syntax gives storage the arena's type; the generic form can
// disagree.
func.func @arena_storage_mismatch(%storage: memref<128xi8>) {
  // expected-error @+1 {{storage of type 'memref<128xi8>' does not match the arena type 'memref<64xi8>'}}
  %arena = "memplan.arena"(%storage) <{plan = #memplan.arena<device = "host", size = 64, alignment = 64, lower_bound = 64, no_reuse = 64, buffers = 1>}> : (memref<128xi8>) -> memref<64xi8>
  return
}

// -----

func.func @alignment_not_power_of_two() {
  // expected-error @+1 {{alignment must be a power of two, got 48}}
  %arena = memplan.arena <device = "host", size = 64, alignment = 48, lower_bound = 64, no_reuse = 64, buffers = 1> : memref<64xi8>
  return
}

// -----

func.func @lower_bound_above_size() {
  // expected-error @+1 {{lower bound 96 exceeds the arena size 64}}
  %arena = memplan.arena <device = "host", size = 64, alignment = 64, lower_bound = 96, no_reuse = 128, buffers = 1> : memref<64xi8>
  return
}

// -----

func.func @lower_bound_above_no_reuse() {
  // expected-error @+1 {{lower bound 64 exceeds the no-reuse size 32}}
  %arena = memplan.arena <device = "host", size = 64, alignment = 64, lower_bound = 64, no_reuse = 32, buffers = 1> : memref<64xi8>
  return
}

// -----

func.func @empty_device() {
  // expected-error @+1 {{device name must not be empty}}
  %arena = memplan.arena <device = "", size = 64, alignment = 64, lower_bound = 64, no_reuse = 64, buffers = 1> : memref<64xi8>
  return
}

// -----

func.func @empty_lifetime() {
  // expected-error @+1 {{lifetime [4, 4) must be a non-empty range of non-negative steps}}
  %a = memref.alloc() {memplan.buffer = #memplan.buffer<id = 0, size = 4, start = 4, end = 4, uses = 1>} : memref<i32>
  return
}

// -----

func.func @negative_offset() {
  // expected-error @+1 {{offset must not be negative, got -64}}
  %a = memref.alloc() {memplan.buffer = #memplan.buffer<id = 0, size = 4, start = 0, end = 1, uses = 1, offset = -64>} : memref<i32>
  return
}

// -----

func.func @in_place_of_itself() {
  // expected-error @+1 {{in_place_of must name another buffer, got 3}}
  %a = memref.alloc() {memplan.buffer = #memplan.buffer<id = 3, size = 4, start = 0, end = 1, uses = 1, in_place_of = 3>} : memref<i32>
  return
}

// -----

func.func @buffer_attr_not_a_buffer() {
  // expected-error @+1 {{'memplan.buffer' must be a #memplan.buffer attribute}}
  %a = memref.alloc() {memplan.buffer = 3 : i64} : memref<i32>
  return
}

// -----

func.func @buffer_attr_on_op_without_memref() {
  // expected-error @+1 {{'memplan.buffer' belongs on an operation with one memref result}}
  %c0 = arith.constant {memplan.buffer = #memplan.buffer<id = 0, size = 4, start = 0, end = 1, uses = 1>} 0 : index
  return
}

// -----

// expected-error @+1 {{'memplan.arenas' must be an array of #memplan.arena}}
func.func @arenas_not_arenas() attributes {memplan.arenas = [1 : i64]} {
  return
}

// -----

func.func @arenas_not_on_function() {
  // expected-error @+1 {{'memplan.arenas' belongs on a function}}
  %c0 = arith.constant {memplan.arenas = []} 0 : index
  return
}

// -----

func.func @unknown_attribute() {
  // expected-error @+1 {{unknown memplan attribute 'memplan.bogus'}}
  %c0 = arith.constant {memplan.bogus} 0 : index
  return
}

// -----

// expected-error @+1 {{argument 0 of type 'memref<32xi8>' cannot hold an arena of 64 bytes}}
func.func @arena_argument_too_small(%storage: memref<32xi8> {memplan.arena = #memplan.arena<device = "host", size = 64, alignment = 64, lower_bound = 64, no_reuse = 64, buffers = 1>}) {
  return
}

// -----

// expected-error @+1 {{unknown memplan argument attribute 'memplan.other'}}
func.func @unknown_argument_attribute(%arg0: memref<32xi8> {memplan.other}) {
  return
}

// -----

func.func @lowered_arena_wrong_type() {
  // expected-error @+1 {{'memplan.arena' belongs on an operation yielding an arena (a 1-D static memref of i8)}}
  %a = memref.alloc() {memplan.arena = #memplan.arena<device = "host", size = 64, alignment = 64, lower_bound = 64, no_reuse = 64, buffers = 1>} : memref<16xf32>
  return
}

// -----

// expected-error @+1 {{duplicate or unknown struct parameter name: bogus}}
func.func @bad_buffer_key() attributes {x = #memplan.buffer<id = 0, size = 4, start = 0, end = 1, uses = 1, bogus = 2>} {
  return
}

// -----

func.func @in_place_not_unit(%x: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  // expected-error @+1 {{'memplan.in_place' must be a unit attribute}}
  %v = memref.load %x[%c0] {memplan.in_place = 1 : i64} : memref<4xf32>
  return
}

// -----

func.func @in_place_not_destination_style(%x: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  // expected-error @+1 {{'memplan.in_place' belongs on a destination-style operation with one init}}
  %v = memref.load %x[%c0] {memplan.in_place} : memref<4xf32>
  return
}

// -----

// expected-error @+1 {{'memplan.targets' needs exactly one host device, got 0}}
module attributes {memplan.targets = [#memplan.device<name = "npu0", kind = "npu", capacity = 1, reserved = 0, alignment = 64, compute_units = 1, speed = 1, reuse = "min-memory", host = false>]} {}

// -----

// expected-error @+1 {{'memplan.targets': two devices are named 'cpu'}}
module attributes {memplan.targets = [#memplan.device<name = "cpu", kind = "cpu", capacity = 1, reserved = 0, alignment = 64, compute_units = 1, speed = 1, reuse = "min-memory", host = true>, #memplan.device<name = "cpu", kind = "npu", capacity = 1, reserved = 0, alignment = 64, compute_units = 1, speed = 1, reuse = "min-memory", host = false>]} {}

// -----

// expected-error @+1 {{'memplan.targets' must be an array of #memplan.device}}
module attributes {memplan.targets = ["host"]} {}

// -----

// expected-error @+1 {{device 'npu0': reserved (8 bytes) exceeds capacity (4 bytes)}}
module attributes {x = #memplan.device<name = "npu0", kind = "npu", capacity = 4, reserved = 8, alignment = 64, compute_units = 1, speed = 1, reuse = "min-memory", host = false>} {}

// -----

// expected-error @+1 {{device 'npu0': compute_units must be positive, got 0}}
module attributes {x = #memplan.device<name = "npu0", kind = "npu", capacity = 4, reserved = 0, alignment = 64, compute_units = 0, speed = 1, reuse = "min-memory", host = false>} {}

// -----

func.func @transfer_to_itself(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{a transfer must change devices, got 'npu0' to itself}}
  %t = memplan.transfer %x <from = "npu0", to = "npu0"> : tensor<4xf32>
  return %t : tensor<4xf32>
}

// -----

// expected-error @+1 {{'memplan.device' must be a non-empty device name}}
func.func @empty_device() attributes {memplan.device = ""} {
  return
}

// -----

func.func @device_on_wrong_op(%x: f32) -> f32 {
  // expected-error @+1 {{'memplan.device' belongs on a function or an allocation}}
  %y = arith.addf %x, %x {memplan.device = "npu0"} : f32
  return %y : f32
}

// -----

func.func @transfer_on_wrong_op(%x: f32) -> f32 {
  // expected-error @+1 {{'memplan.transfer' belongs on a copy (two operands, no results)}}
  %y = arith.addf %x, %x {memplan.transfer = #memplan.transfer<from = "host", to = "npu0">} : f32
  return %y : f32
}

// -----

func.func @unit_after_itself(%x: f32) -> f32 {
  // expected-error @+1 {{unit 2 cannot come after itself}}
  %y = arith.addf %x, %x {memplan.unit = #memplan.unit<id = 2, compute_unit = 0, order = 0, flops = 1, bytes = 0, after = [2]>} : f32
  return %y : f32
}

// -----

// expected-error @+1 {{ranks must not be negative}}
func.func @bad_op_support() attributes {x = #memplan.op<name = "linalg.matmul", ranks = [-1]>} {
  return
}

// -----

// expected-note @+1 {{targets described here}}
module attributes {memplan.targets = [#memplan.device<name = "host", kind = "cpu", capacity = 1, reserved = 0, alignment = 64, compute_units = 1, speed = 1, reuse = "min-memory", host = true>]} {
  func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
    // expected-error @+1 {{device 'gpu0' is not described by 'memplan.targets'}}
    %t = memplan.transfer %x <from = "host", to = "gpu0"> : tensor<4xf32>
    return %t : tensor<4xf32>
  }
}
