// memplan-report groups the layers whose locations carry one name (the ONNX
// node memplan-import-onnx names them after) into model layers, and gives
// each device's memory as weights + arena + heap.
// RUN: memplan-opt %s --memplan-pipeline --memplan-report="model-layers picture=false" -o /dev/null 2>&1 | FileCheck %s
// RUN: memplan-opt %s --memplan-pipeline "--memplan-report=format=json output=-" -o /dev/null 2>/dev/null | FileCheck %s --check-prefix=JSON
// Without the option the text report has the memory line but no model layers.
// RUN: memplan-opt %s --memplan-pipeline --memplan-report="picture=false" -o /dev/null 2>&1 | FileCheck %s --check-prefix=DEFAULT

// CHECK:      device host: 2 layers
// The 64-float weight (256 B); `relu` writes over `scale`'s result, which
// dies there, and that is the result, returned on the heap: no arena.
// CHECK-NEXT:   memory: weights 256 B + arena 0 B + heap 4096 B = 4352 B
// CHECK-NEXT: model layers: 2
// CHECK-NEXT:   host scale: 1024 FLOPs, 4096 B out, 0 B live, 256 B weights (1 ops)
// CHECK-NEXT:   host relu: 2048 FLOPs, 4096 B out, 0 B live, 0 B weights (1 ops)

// DEFAULT:      memory: weights 256 B
// DEFAULT-NOT:  model layers

// JSON:       "weight_bytes": 256,
// JSON-NEXT:  "arena_bytes": 0,
// JSON-NEXT:  "heap_bytes": 4096,
// JSON-NEXT:  "total_bytes": 4352,
// JSON:       "model_layer": "scale"
// JSON:       "model_layers": [
// JSON-NEXT:    {
// JSON-NEXT:      "name": "scale",
// JSON-NEXT:      "device": "host",
// JSON-NEXT:      "operations": 1,

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d1)>
func.func @forward(%x: tensor<16x64xf32>) -> tensor<16x64xf32> {
  %w = arith.constant dense_resource<scale_w> : tensor<64xf32> loc("scale")
  %e0 = tensor.empty() : tensor<16x64xf32> loc("scale")
  %a = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %w : tensor<16x64xf32>, tensor<64xf32>) outs(%e0 : tensor<16x64xf32>) {
  ^bb0(%in: f32, %s: f32, %out: f32):
    %m = arith.mulf %in, %s : f32
    linalg.yield %m : f32
  } -> tensor<16x64xf32> loc("scale")
  %e1 = tensor.empty() : tensor<16x64xf32> loc("relu")
  %b = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%a, %x : tensor<16x64xf32>, tensor<16x64xf32>) outs(%e1 : tensor<16x64xf32>) {
  ^bb0(%in: f32, %y: f32, %out: f32):
    %zero = arith.constant 0.0 : f32
    %r = arith.maximumf %in, %zero : f32
    %s = arith.addf %r, %y : f32
    linalg.yield %s : f32
  } -> tensor<16x64xf32> loc("relu")
  return %b : tensor<16x64xf32>
}

{-#
  dialect_resources: {
    builtin: {
      scale_w: "0x040000000000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F"
    }
  }
#-}
