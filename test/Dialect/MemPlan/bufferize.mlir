// RUN: memplan-opt %s --one-shot-bufferize="bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map" | FileCheck %s

// A transfer bufferizes into an allocation on the destination device and a
// copy that records the route.
// CHECK-LABEL: func.func @transfer(
// CHECK-SAME:    %[[X:.*]]: memref<4x8xf32>) -> memref<4x8xf32>
// CHECK:         %[[DST:.*]] = memref.alloc() {{{.*}}memplan.device = "npu0"} : memref<4x8xf32>
// CHECK:         memref.copy %[[X]], %[[DST]] {memplan.transfer = #memplan.transfer<from = "host", to = "npu0">}
// CHECK:         return %[[DST]]
func.func @transfer(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %t = memplan.transfer %x <from = "host", to = "npu0"> : tensor<4x8xf32>
  return %t : tensor<4x8xf32>
}
