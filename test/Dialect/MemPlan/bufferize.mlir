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

// A dynamically sized destination takes its sizes from the source.
// CHECK-LABEL: func.func @dynamic_transfer(
// CHECK-SAME:    %[[X:.*]]: memref<?x8xf32>) -> memref<?x8xf32>
// CHECK:         %[[C0:.*]] = arith.constant 0 : index
// CHECK:         %[[N:.*]] = memref.dim %[[X]], %[[C0]]
// CHECK:         %[[DST:.*]] = memref.alloc(%[[N]]) {{{.*}}memplan.device = "npu0"} : memref<?x8xf32>
// CHECK:         memref.copy %[[X]], %[[DST]] {memplan.transfer = #memplan.transfer<from = "host", to = "npu0">}
func.func @dynamic_transfer(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  %t = memplan.transfer %x <from = "host", to = "npu0"> : tensor<?x8xf32>
  return %t : tensor<?x8xf32>
}
