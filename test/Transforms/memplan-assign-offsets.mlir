// RUN: memplan-opt %s --memplan-assign-offsets -split-input-file | FileCheck %s --check-prefixes=CHECK,AUTO
// RUN: memplan-opt %s --memplan-assign-offsets=strategy=best-fit -split-input-file | FileCheck %s --check-prefixes=CHECK,AUTO
// RUN: memplan-opt %s --memplan-assign-offsets=strategy=naive -split-input-file | FileCheck %s --check-prefixes=CHECK,NAIVE
// RUN: memplan-opt %s --memplan-assign-offsets="strategy=exact time-limit=2" -split-input-file | FileCheck %s --check-prefixes=CHECK,AUTO
// RUN: memplan-opt %s --memplan-assign-offsets=alignment=16 -split-input-file | FileCheck %s --check-prefixes=CHECK,ALIGN16
// RUN: memplan-opt %s --memplan-assign-offsets=test-force-overlap -split-input-file 2>&1 | FileCheck %s --check-prefix=FORCE

// Three buffers of 100, 100 and 32 bytes: the first two are never live at
// the same moment, so with reuse they share a block. Offsets are multiples
// of the alignment (64 by default): below another buffer, 100 bytes occupy
// two 64-byte slots; on top, they need no padding (hence 132 with 16).
// CHECK-LABEL: func.func @reuse
// AUTO-SAME:    memplan.arenas = [#memplan.arena<device = "host", size = 160, alignment = 64, lower_bound = 160, no_reuse = 320, buffers = 3>]
// NAIVE-SAME:   memplan.arenas = [#memplan.arena<device = "host", size = 288, alignment = 64, lower_bound = 160, no_reuse = 320, buffers = 3>]
// ALIGN16-SAME: memplan.arenas = [#memplan.arena<device = "host", size = 132, alignment = 16, lower_bound = 132, no_reuse = 256, buffers = 3>]
// AUTO:         #memplan.buffer<id = 0, size = 100, start = 0, end = 2, uses = 1, offset = 0>
// AUTO:         #memplan.buffer<id = 1, size = 100, start = 2, end = 4, uses = 1, offset = 0>
// AUTO:         #memplan.buffer<id = 2, size = 32, start = 1, end = 3, uses = 1, offset = 128>
// NAIVE:        #memplan.buffer<id = 0, size = 100, start = 0, end = 2, uses = 1, offset = 0>
// NAIVE:        #memplan.buffer<id = 1, size = 100, start = 2, end = 4, uses = 1, offset = 128>
// NAIVE:        #memplan.buffer<id = 2, size = 32, start = 1, end = 3, uses = 1, offset = 256>
// ALIGN16:      #memplan.buffer<id = 0, size = 100, start = 0, end = 2, uses = 1, offset = 32>
// ALIGN16:      #memplan.buffer<id = 1, size = 100, start = 2, end = 4, uses = 1, offset = 32>
// ALIGN16:      #memplan.buffer<id = 2, size = 32, start = 1, end = 3, uses = 1, offset = 0>
func.func @reuse() {
  %a = memref.alloc() {memplan.buffer = #memplan.buffer<id = 0, size = 100, start = 0, end = 2, uses = 1>} : memref<25xf32>
  %b = memref.alloc() {memplan.buffer = #memplan.buffer<id = 1, size = 100, start = 2, end = 4, uses = 1>} : memref<25xf32>
  %c = memref.alloc() {memplan.buffer = #memplan.buffer<id = 2, size = 32, start = 1, end = 3, uses = 1>} : memref<8xf32>
  return
}

// -----

// In place: a buffer that takes over another's block gets its offset, even
// though both are live at the step where one dies and the other is born.
// CHECK-LABEL: func.func @in_place
// AUTO-SAME:   lower_bound = 128
// CHECK:       #memplan.buffer<id = 0, size = 64, start = 0, end = 3, uses = 1, offset = [[OFF:[0-9]+]]>
// CHECK:       #memplan.buffer<id = 1, size = 64, start = 1, end = 4, uses = 1, offset = {{[0-9]+}}>
// CHECK:       #memplan.buffer<id = 2, size = 64, start = 2, end = 5, uses = 1, offset = [[OFF]], in_place_of = 0>
func.func @in_place() {
  %a = memref.alloc() {memplan.buffer = #memplan.buffer<id = 0, size = 64, start = 0, end = 3, uses = 1>} : memref<16xf32>
  %b = memref.alloc() {memplan.buffer = #memplan.buffer<id = 1, size = 64, start = 1, end = 4, uses = 1>} : memref<16xf32>
  %c = memref.alloc() {memplan.buffer = #memplan.buffer<id = 2, size = 64, start = 2, end = 5, uses = 1, in_place_of = 0>} : memref<16xf32>
  return
}

// -----

// Nothing annotated: nothing planned.
// CHECK-LABEL: func.func @nothing()
// CHECK-NOT:   memplan.arenas
// CHECK:       return
func.func @nothing() {
  %a = memref.alloc() : memref<16xf32>
  return
}

// -----

// The corruption option for tests moves a buffer onto one live at the same
// time, and says so.
// FORCE: warning: test-force-overlap: buffer 1 placed over buffer 0, which is live at the same time
// FORCE: #memplan.buffer<id = 0, size = 64, start = 0, end = 3, uses = 1, offset = [[OFF:[0-9]+]]>
// FORCE: #memplan.buffer<id = 1, size = 64, start = 1, end = 4, uses = 1, offset = [[OFF]]>
func.func @force_overlap() {
  %a = memref.alloc() {memplan.buffer = #memplan.buffer<id = 0, size = 64, start = 0, end = 3, uses = 1>} : memref<16xf32>
  %b = memref.alloc() {memplan.buffer = #memplan.buffer<id = 1, size = 64, start = 1, end = 4, uses = 1>} : memref<16xf32>
  return
}

// -----

// An allocation that asks for more alignment than the arena's gets it: its
// offset is a multiple of 4096 and the arena is aligned for it (the
// attribute was once ignored, and the buffer placed at offset 64).
// CHECK-LABEL: func.func @asks_alignment
// CHECK-SAME:   alignment = 4096
// CHECK:        #memplan.buffer<id = 1, size = 64, start = 1, end = 3, uses = 1, offset = {{0|4096|8192}}>
func.func @asks_alignment() {
  %a = memref.alloc() {memplan.buffer = #memplan.buffer<id = 0, size = 64, start = 0, end = 3, uses = 1>} : memref<16xf32>
  %b = memref.alloc() {alignment = 4096 : i64, memplan.buffer = #memplan.buffer<id = 1, size = 64, start = 1, end = 3, uses = 1>} : memref<16xf32>
  return
}
