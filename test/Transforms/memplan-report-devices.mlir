// The resource report of a program partitioned over three devices: each
// device's arena, layers, FLOPs and the transfers into it; the layers above
// a threshold; in JSON every layer.
// RUN: rm -rf %t && split-file %s %t
// RUN: memplan-opt %t/input.mlir --memplan-pipeline=targets=%t/devices.json "--memplan-report=flops-threshold=1000 output=- picture=false" -o /dev/null 2>/dev/null | FileCheck %s
// RUN: memplan-opt %t/input.mlir --memplan-pipeline=targets=%t/devices.json "--memplan-report=layers output=-" -o /dev/null 2>/dev/null | FileCheck %s --check-prefix=LAYERS
// RUN: memplan-opt %t/input.mlir --memplan-pipeline=targets=%t/devices.json "--memplan-report=format=json flops-threshold=1000 output=-" -o /dev/null 2>/dev/null | FileCheck %s --check-prefix=JSON

// CHECK:      @forward
// CHECK-NEXT:   arena npu0: 3 buffers, no reuse 3072 B, lower bound 3072 B, arena 3072 B, arena/lower bound 1.000
// CHECK-NEXT:     capacity {{[0-9]+}} B ({{[0-9]+}} B reserved), 0 reserved B used
// CHECK-NEXT:   arena dsp0: 2 buffers, no reuse 2048 B, lower bound 2048 B, arena 2048 B, arena/lower bound 1.000
// CHECK-NEXT:     capacity 65536 B (0 B reserved), 0 reserved B used
// CHECK-NEXT:   heap: 1 static allocations (1024 B), 0 dynamic
// CHECK-NEXT:   copies: 4 (4096 B), 0 more planned in place
// CHECK-NEXT:   in place: 0 results written over a dying input (0 B saved)
// CHECK-NEXT:   device host: 4 layers, 0 FLOPs, 4096 B of outputs, 1 transfers in (1024 B)
// CHECK-NEXT:     memory: weights 0 B + arena 0 B + heap 1024 B = 1024 B
// CHECK-NEXT:   device npu0: 2 layers, 8192 FLOPs, 2048 B of outputs, 2 transfers in (2048 B)
// CHECK-NEXT:     memory: weights 0 B + arena 3072 B + heap 0 B = 3072 B
// CHECK-NEXT:   device dsp0: 1 layers, 256 FLOPs, 1024 B of outputs, 1 transfers in (1024 B)
// CHECK-NEXT:     memory: weights 0 B + arena 2048 B + heap 0 B = 2048 B
// CHECK-NEXT:   layers above 1000 FLOPs:
// CHECK-NEXT:     npu0 linalg.matmul at loc("{{.*}}input.mlir":6:8): 8192 FLOPs, 1024 B out, 3072 B live
// CHECK-NEXT: total: arena 5120 B, lower bound 5120 B

// LAYERS:      layers:
// LAYERS-DAG:    host memref.copy at
// LAYERS-DAG:    npu0 linalg.fill at
// LAYERS-DAG:    npu0 linalg.matmul at
// LAYERS-DAG:    dsp0 linalg.generic at {{.*}}: 256 FLOPs, 1024 B out

// JSON:        "devices": [
// JSON:        "name": "npu0",
// JSON-NEXT:   "layers": 2,
// JSON-NEXT:   "flops": 8192,
// JSON-NEXT:   "output_bytes": 2048,
// JSON-NEXT:   "transfers_in": 2,
// JSON-NEXT:   "transfer_bytes_in": 2048,
// JSON-NEXT:   "weight_bytes": 0,
// JSON-NEXT:   "arena_bytes": 3072,
// JSON-NEXT:   "heap_bytes": 0,
// JSON-NEXT:   "total_bytes": 3072,
// JSON-NEXT:   "unknown_cost_layers": 0
// JSON:        "layers": [
// JSON:          "op": "linalg.matmul",
// JSON-NEXT:     "kind": "matmul",
// JSON-NEXT:     "location": "loc(\"{{.*}}input.mlir\":6:8)",
// JSON-NEXT:     "step": {{[0-9]+}},
// JSON-NEXT:     "flops": 8192,
// JSON-NEXT:     "output_bytes": 1024,
// JSON-NEXT:     "live_bytes": 3072,
// JSON-NEXT:     "cost_known": true,
// JSON-NEXT:     "above_threshold": true,
// JSON-NEXT:     "transfer_to": null
// JSON:        "buffers": [

//--- devices.json
{"devices": [
  {"name": "host", "kind": "cpu", "host": true, "capacity": 1048576},
  {"name": "npu0", "kind": "npu", "capacity": 65536, "ops": ["linalg.matmul"]},
  {"name": "dsp0", "kind": "dsp", "capacity": 65536, "ops": ["linalg.generic"]}]}

//--- input.mlir
#id2 = affine_map<(d0, d1) -> (d0, d1)>
func.func @forward(%x: tensor<16x16xf32>, %w: tensor<16x16xf32>) -> tensor<16x16xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x16xf32>
  %acc = linalg.fill ins(%zero : f32) outs(%e : tensor<16x16xf32>) -> tensor<16x16xf32>
  %a = linalg.matmul ins(%x, %w : tensor<16x16xf32>, tensor<16x16xf32>) outs(%acc : tensor<16x16xf32>) -> tensor<16x16xf32>
  %e1 = tensor.empty() : tensor<16x16xf32>
  %r = linalg.generic {indexing_maps = [#id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<16x16xf32>) outs(%e1 : tensor<16x16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.maximumf %in, %zero : f32
    linalg.yield %m : f32
  } -> tensor<16x16xf32>
  return %r : tensor<16x16xf32>
}
