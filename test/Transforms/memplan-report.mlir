// RUN: memplan-opt %s "--memplan-report=output=- picture=false" -o /dev/null | FileCheck %s --check-prefix=TEXT
// By default the report goes to stderr, never into the IR on stdout.
// RUN: memplan-opt %s --memplan-report 2>%t.stderr | memplan-opt -o /dev/null
// RUN: FileCheck %s --check-prefix=STDERR < %t.stderr
// The picture: the in-place pair shares rows, the peak is marked.
// RUN: memplan-opt %s --memplan-report=output=- -o /dev/null | FileCheck %s --check-prefix=PICTURE
// RUN: memplan-opt %s "--memplan-report=format=json output=-" -o /dev/null | FileCheck %s --check-prefix=JSON
// RUN: memplan-opt %s --memplan-report="format=json output=%t.json" -o /dev/null
// RUN: FileCheck %s --check-prefix=JSON < %t.json
// RUN: not memplan-opt %s --memplan-report="output=%t.missing/dir/report.txt" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BADFILE
// RUN: rm -rf %t.csv && memplan-opt %s --memplan-report="csv-dir=%t.csv" -o /dev/null
// RUN: FileCheck %s --check-prefix=CSV --input-file=%t.csv/planned.host.csv
// RUN: memplan-solve %t.csv/planned.host.csv | FileCheck %s --check-prefix=SOLVE
// RUN: not memplan-opt %s --memplan-report=format=xml -o /dev/null 2>&1 | FileCheck %s --check-prefix=BADFORMAT
// RUN: not memplan-opt %s --memplan-report=flops-threshold=-1 -o /dev/null 2>&1 | FileCheck %s --check-prefix=BADTHRESHOLD

// TEXT:      memplan report
// TEXT-NEXT: @planned
// TEXT-NEXT:   arena host: 3 buffers, no reuse 320 B, lower bound 160 B, arena 192 B, arena/lower bound 1.200
// TEXT-NEXT:   heap: 1 static allocations (64 B), 1 dynamic
// TEXT-NEXT:   copies: 1 (64 B), 1 more planned in place
// TEXT-NEXT:   in place: 1 results written over a dying input (64 B saved)
// TEXT-NEXT:   device host: 3 layers, 0 FLOPs, 128 B of outputs, 0 transfers in (0 B), 1 layers dynamically shaped (counted in part)
// TEXT-NEXT:     memory: weights 0 B + arena 192 B + heap 64 B = 256 B
// TEXT-NEXT: @unplanned
// TEXT-NEXT:   heap: 0 static allocations (0 B), 0 dynamic
// TEXT-NEXT:   copies: 0 (0 B), 0 more planned in place
// TEXT-NEXT:   in place: 0 results written over a dying input (0 B saved)
// TEXT-NEXT: total: arena 192 B, lower bound 160 B

// STDERR: memplan report
// STDERR: total: arena 192 B, lower bound 160 B

// PICTURE:      arena host: 3 buffers
// PICTURE-NEXT:   time -> (1 column = 1 step), address ^ (1 row = 16 B):
// PICTURE:        | <- lower bound
// PICTURE:        +-------------+
// PICTURE-NEXT:   ^ peak: step {{[0-9]+}}, {{[0-9]+}} B live

// JSON:      "schema": "memplan-report",
// JSON-NEXT: "version": 1,
// JSON-NEXT: "functions": [
// JSON-NEXT:   {
// JSON-NEXT:     "name": "planned",
// JSON-NEXT:     "steps": {{[0-9]+}},
// JSON-NEXT:     "arenas": [
// JSON-NEXT:       {
// JSON-NEXT:         "device": "host",
// JSON-NEXT:         "buffers": 3,
// JSON-NEXT:         "arena_bytes": 192,
// JSON-NEXT:         "lower_bound_bytes": 160,
// JSON-NEXT:         "no_reuse_bytes": 320,
// JSON-NEXT:         "arena_over_lower_bound": 1.200000,
// JSON-NEXT:         "alignment": 64,
// JSON-NEXT:         "capacity_bytes": null,
// JSON-NEXT:         "reserved_bytes": null,
// JSON-NEXT:         "reserved_bytes_used": 0,
// JSON:          "heap_allocations": 1,
// JSON-NEXT:     "heap_bytes": 64,
// JSON-NEXT:     "dynamic_allocations": 1,
// JSON-NEXT:     "copies": 1,
// JSON-NEXT:     "copy_bytes": 64,
// JSON-NEXT:     "copies_in_place": 1,
// JSON-NEXT:     "in_place_buffers": 1,
// JSON-NEXT:     "in_place_bytes": 64,
// JSON:              "op": "memref.copy",
// JSON:              "cost_known": false,
// JSON:          "buffers": [
// JSON-NEXT:       {
// JSON-NEXT:         "id": 0,
// JSON-NEXT:         "device": "host",
// JSON-NEXT:         "size_bytes": 64,
// JSON-NEXT:         "offset": 0,
// JSON:              "id": 2,
// JSON:              "in_place_of": 0,
// JSON:          "name": "unplanned"
// JSON:      "total": {
// JSON-NEXT:   "arena_bytes": 192,
// JSON-NEXT:   "lower_bound_bytes": 160,
// JSON-NEXT:   "arena_over_lower_bound": 1.200000

// BADFILE: error: memplan-report: cannot open '{{.*}}report.txt'

// The arena's problem as the planner saw it: the in-place pair (buffer 2
// writes over buffer 0) is one row.
// CSV:      id,lower,upper,size,alignment,offset
// CSV-NEXT: 0+2,0,5,64,64,0
// CSV-NEXT: 1,1,4,64,64,64
// SOLVE: peak: 128
// BADFORMAT: for the --format option: Cannot find option named 'xml'!
// BADTHRESHOLD: error: memplan-report: flops-threshold must be non-negative, got -1

func.func @planned(%n: index) -> memref<16xf32> {
  %arena = memplan.arena <device = "host", size = 192, alignment = 64, lower_bound = 160, no_reuse = 320, buffers = 3> : memref<192xi8>
  %c0 = arith.constant 0 : index
  %c64 = arith.constant 64 : index
  %a = memref.view %arena[%c0][] {memplan.buffer = #memplan.buffer<id = 0, size = 64, start = 0, end = 3, uses = 1, offset = 0>} : memref<192xi8> to memref<16xf32>
  %b = memref.view %arena[%c64][] {memplan.buffer = #memplan.buffer<id = 1, size = 64, start = 1, end = 4, uses = 1, offset = 64>} : memref<192xi8> to memref<16xf32>
  %c = memref.view %arena[%c0][] {memplan.buffer = #memplan.buffer<id = 2, size = 64, start = 2, end = 5, uses = 0, offset = 0, in_place_of = 0>} : memref<192xi8> to memref<16xf32>
  %heap = memref.alloc() : memref<16xf32>
  %dynamic = memref.alloc(%n) : memref<?xf32>
  memref.copy %a, %c : memref<16xf32> to memref<16xf32>
  memref.copy %b, %heap : memref<16xf32> to memref<16xf32>
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%dynamic : memref<?xf32>)
  return %heap : memref<16xf32>
}
func.func @unplanned() {
  return
}
func.func private @declared()
