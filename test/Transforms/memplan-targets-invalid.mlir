// Malformed target descriptions: each error names the file, the device and
// the key.
// RUN: rm -rf %t && split-file %s %t
// RUN: not memplan-opt %t/input.mlir --memplan-targets 2>&1 | FileCheck %s --check-prefix=NOFILE
// RUN: not memplan-opt %t/input.mlir --memplan-targets=file=%t/missing.json 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not memplan-opt %t/input.mlir --memplan-targets=file=%t/syntax.json 2>&1 | FileCheck %s --check-prefix=SYNTAX
// RUN: not memplan-opt %t/input.mlir --memplan-targets=file=%t/top-key.json 2>&1 | FileCheck %s --check-prefix=TOPKEY
// RUN: not memplan-opt %t/input.mlir --memplan-targets=file=%t/unknown-key.json 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not memplan-opt %t/input.mlir --memplan-targets=file=%t/no-host.json 2>&1 | FileCheck %s --check-prefix=NOHOST
// RUN: not memplan-opt %t/input.mlir --memplan-targets=file=%t/two-hosts.json 2>&1 | FileCheck %s --check-prefix=TWOHOSTS
// RUN: not memplan-opt %t/input.mlir --memplan-targets=file=%t/negative.json 2>&1 | FileCheck %s --check-prefix=NEGATIVE
// RUN: not memplan-opt %t/input.mlir --memplan-targets=file=%t/reserved.json 2>&1 | FileCheck %s --check-prefix=RESERVED
// RUN: not memplan-opt %t/input.mlir --memplan-targets=file=%t/duplicate.json 2>&1 | FileCheck %s --check-prefix=DUPLICATE
// RUN: not memplan-opt %t/input.mlir --memplan-targets=file=%t/missing-capacity.json 2>&1 | FileCheck %s --check-prefix=NOCAPACITY
// RUN: not memplan-opt %t/input.mlir --memplan-targets=file=%t/kind.json 2>&1 | FileCheck %s --check-prefix=KIND
// RUN: not memplan-opt %t/input.mlir --memplan-targets=file=%t/reuse.json 2>&1 | FileCheck %s --check-prefix=REUSE
// RUN: not memplan-opt %t/input.mlir --memplan-targets=file=%t/alignment.json 2>&1 | FileCheck %s --check-prefix=ALIGNMENT
// RUN: not memplan-opt %t/input.mlir --memplan-targets=file=%t/element-type.json 2>&1 | FileCheck %s --check-prefix=ELEMENT
// RUN: not memplan-opt %t/input.mlir --memplan-targets=file=%t/host-ops.json 2>&1 | FileCheck %s --check-prefix=HOSTOPS
// RUN: not memplan-opt %t/input.mlir --memplan-targets=file=%t/empty-op.json 2>&1 | FileCheck %s --check-prefix=EMPTYOP
// RUN: not memplan-opt %t/input.mlir --memplan-targets=file=%t/empty-op-entry.json 2>&1 | FileCheck %s --check-prefix=EMPTYOP

// NOFILE: error: memplan-targets needs a file (file=PATH)
// MISSING: error: cannot read the target description '{{.*}}missing.json'
// SYNTAX: error: {{.*}}syntax.json: not valid JSON:
// TOPKEY: error: {{.*}}top-key.json: unknown key 'machines' (expected 'devices')
// UNKNOWN: error: {{.*}}unknown-key.json: device 'npu0': key 'colour': unknown key
// NOHOST: error: {{.*}}no-host.json: exactly one device must be the host ("host": true), found 0
// TWOHOSTS: error: {{.*}}two-hosts.json: exactly one device must be the host ("host": true), found 2
// NEGATIVE: error: {{.*}}negative.json: device 'npu0': key 'capacity': expected a non-negative integer
// RESERVED: error: {{.*}}reserved.json: device 'npu0': reserved (2048 bytes) exceeds capacity (1024 bytes)
// DUPLICATE: error: {{.*}}duplicate.json: two devices are named 'npu0'
// NOCAPACITY: error: {{.*}}missing-capacity.json: device 'npu0': key 'capacity': missing
// KIND: error: {{.*}}kind.json: device 'npu0': kind must be one of cpu, gpu, npu, dsp, fpga
// REUSE: error: {{.*}}reuse.json: device 'npu0': reuse must be 'min-memory' or 'max-parallel'
// ALIGNMENT: error: {{.*}}alignment.json: device 'npu0': alignment must be a power of two, got 48
// ELEMENT: error: {{.*}}element-type.json: device 'npu0': key 'ops': 'element_types' of 'linalg.matmul' must list MLIR types such as "f32"
// HOSTOPS: error: {{.*}}host-ops.json: device 'host': the host supports every operator; it takes no 'ops'
// An empty operation name (found by the fuzzer: it made an invalid
// attribute, an assertion in builds with assertions).
// EMPTYOP: error: {{.*}}empty-op{{.*}}.json: device 'npu0': key 'ops': an {{.*}}

//--- input.mlir
module {}

//--- syntax.json
{"devices": [ {"name": "host", } ]}

//--- top-key.json
{"machines": []}

//--- unknown-key.json
{"devices": [{"name": "host", "kind": "cpu", "host": true, "capacity": 1},
             {"name": "npu0", "kind": "npu", "capacity": 1, "colour": "red"}]}

//--- no-host.json
{"devices": [{"name": "npu0", "kind": "npu", "capacity": 1}]}

//--- two-hosts.json
{"devices": [{"name": "a", "kind": "cpu", "host": true, "capacity": 1},
             {"name": "b", "kind": "cpu", "host": true, "capacity": 1}]}

//--- negative.json
{"devices": [{"name": "host", "kind": "cpu", "host": true, "capacity": 1},
             {"name": "npu0", "kind": "npu", "capacity": -5}]}

//--- reserved.json
{"devices": [{"name": "host", "kind": "cpu", "host": true, "capacity": 1},
             {"name": "npu0", "kind": "npu", "capacity": 1024, "reserved": 2048}]}

//--- duplicate.json
{"devices": [{"name": "host", "kind": "cpu", "host": true, "capacity": 1},
             {"name": "npu0", "kind": "npu", "capacity": 1},
             {"name": "npu0", "kind": "npu", "capacity": 2}]}

//--- missing-capacity.json
{"devices": [{"name": "host", "kind": "cpu", "host": true, "capacity": 1},
             {"name": "npu0", "kind": "npu"}]}

//--- kind.json
{"devices": [{"name": "host", "kind": "cpu", "host": true, "capacity": 1},
             {"name": "npu0", "kind": "tpu", "capacity": 1}]}

//--- reuse.json
{"devices": [{"name": "host", "kind": "cpu", "host": true, "capacity": 1},
             {"name": "npu0", "kind": "npu", "capacity": 1, "reuse": "fastest"}]}

//--- alignment.json
{"devices": [{"name": "host", "kind": "cpu", "host": true, "capacity": 1},
             {"name": "npu0", "kind": "npu", "capacity": 1, "alignment": 48}]}

//--- element-type.json
{"devices": [{"name": "host", "kind": "cpu", "host": true, "capacity": 1},
             {"name": "npu0", "kind": "npu", "capacity": 1,
              "ops": [{"name": "linalg.matmul", "element_types": ["float"]}]}]}

//--- host-ops.json
{"devices": [{"name": "host", "kind": "cpu", "host": true, "capacity": 1,
              "ops": ["linalg.matmul"]}]}

//--- empty-op.json
{"devices": [{"name": "host", "kind": "cpu", "host": true, "capacity": 1},
             {"name": "npu0", "kind": "npu", "capacity": 1, "ops": [""]}]}

//--- empty-op-entry.json
{"devices": [{"name": "host", "kind": "cpu", "host": true, "capacity": 1},
             {"name": "npu0", "kind": "npu", "capacity": 1, "ops": [{"name": ""}]}]}
