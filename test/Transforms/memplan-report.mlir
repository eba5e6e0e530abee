// RUN: memplan-opt %s --memplan-report -o /dev/null | FileCheck %s --check-prefix=TEXT
// RUN: memplan-opt %s --memplan-report=format=json -o /dev/null | FileCheck %s --check-prefix=JSON
// RUN: memplan-opt %s --memplan-report="format=json output=%t.json" -o /dev/null
// RUN: FileCheck %s --check-prefix=JSON < %t.json
// RUN: not memplan-opt %s --memplan-report="output=%t.missing/dir/report.txt" -o /dev/null 2>&1 | FileCheck %s --check-prefix=BADFILE
// RUN: not memplan-opt %s --memplan-report=format=xml -o /dev/null 2>&1 | FileCheck %s --check-prefix=BADFORMAT

// TEXT:      memplan report
// TEXT-NEXT: @planned
// TEXT-NEXT:   arena host: 3 buffers, no reuse 320 B, lower bound 160 B, arena 192 B, arena/lower bound 1.200
// TEXT-NEXT:   heap: 1 static allocations (64 B), 1 dynamic
// TEXT-NEXT: @unplanned
// TEXT-NEXT:   heap: 0 static allocations (0 B), 0 dynamic
// TEXT-NEXT: total: arena 192 B, lower bound 160 B

// JSON:      "functions": [
// JSON-NEXT:   {
// JSON-NEXT:     "arenas": [
// JSON-NEXT:       {
// JSON-NEXT:         "alignment": 64,
// JSON-NEXT:         "arena_bytes": 192,
// JSON-NEXT:         "arena_over_lower_bound": 1.2,
// JSON-NEXT:         "buffers": 3,
// JSON-NEXT:         "device": "host",
// JSON-NEXT:         "lower_bound_bytes": 160,
// JSON-NEXT:         "no_reuse_bytes": 320
// JSON-NEXT:       }
// JSON-NEXT:     ],
// JSON-NEXT:     "dynamic_allocations": 1,
// JSON-NEXT:     "heap_allocations": 1,
// JSON-NEXT:     "heap_bytes": 64,
// JSON-NEXT:     "name": "planned"
// JSON-NEXT:   },

// BADFILE: error: memplan-report: cannot open '{{.*}}report.txt'
// BADFORMAT: for the --format option: Cannot find option named 'xml'!

func.func @planned(%n: index) -> memref<16xf32> {
  %arena = memplan.arena <device = "host", size = 192, alignment = 64, lower_bound = 160, no_reuse = 320, buffers = 3> : memref<192xi8>
  %heap = memref.alloc() : memref<16xf32>
  %dynamic = memref.alloc(%n) : memref<?xf32>
  return %heap : memref<16xf32>
}
func.func @unplanned() {
  return
}
func.func private @declared()
