// RUN: memplan-opt %s --memplan-order-constant-globals | FileCheck %s

// Bufferization's constant globals are renamed and moved to the top in the
// order of their first use (the first named after its type, the others
// _0, _1, ...). @g and @__constant_4xf32_0_user (other names) and the
// non-constant global keep their names and places, the unused constant comes
// last among the renamed, and a name another symbol has (the function
// @__constant_2xi32_0) is skipped.

// CHECK-LABEL: module
// CHECK-NEXT: memref.global "private" constant @__constant_4xf32 : memref<4xf32> = dense<2.000000e+00>
// CHECK-NEXT: memref.global "private" constant @__constant_4xf32_0 : memref<4xf32> = dense<1.000000e+00>
// CHECK-NEXT: memref.global "private" constant @__constant_2xi32 : memref<2xi32> = dense<7>
// CHECK-NEXT: memref.global "private" constant @__constant_4xf32_1 : memref<4xf32> = dense<3.000000e+00>
// CHECK-NEXT: memref.global "private" constant @__constant_2xi32_1 : memref<2xi32> = dense<4>
// CHECK-NEXT: memref.global "private" constant @__constant_4xf32_2 : memref<4xf32> = dense<8.000000e+00>
// CHECK-NEXT: memref.global "private" constant @__constant_4xf32_0_user : memref<4xf32> = dense<9.000000e+00>
// CHECK-NEXT: memref.global "private" constant @g : memref<4xf32> = dense<5.000000e+00>
// CHECK-NEXT: memref.global "private" @__constant_4xf32_9 : memref<4xf32> = dense<6.000000e+00>
// CHECK-NEXT: func.func private @__constant_2xi32_0()
module {
  memref.global "private" constant @__constant_4xf32_0_user : memref<4xf32> = dense<9.0>
  memref.global "private" constant @__constant_4xf32 : memref<4xf32> = dense<1.0>
  memref.global "private" constant @__constant_4xf32_0 : memref<4xf32> = dense<2.0>
  memref.global "private" constant @__constant_4xf32_1 : memref<4xf32> = dense<3.0>
  memref.global "private" constant @g : memref<4xf32> = dense<5.0>
  memref.global "private" @__constant_4xf32_9 : memref<4xf32> = dense<6.0>
  memref.global "private" constant @__constant_2xi32 : memref<2xi32> = dense<7>
  memref.global "private" constant @__constant_4xf32_7 : memref<4xf32> = dense<8.0>
  memref.global "private" constant @__constant_2xi32_5 : memref<2xi32> = dense<4>
  func.func private @__constant_2xi32_0()
  // CHECK-LABEL: func.func @first
  // CHECK: memref.get_global @__constant_4xf32 :
  // CHECK: memref.get_global @__constant_4xf32_0 :
  // CHECK: memref.get_global @g :
  func.func @first() -> (memref<4xf32>, memref<4xf32>, memref<4xf32>) {
    %a = memref.get_global @__constant_4xf32_0 : memref<4xf32>
    %b = memref.get_global @__constant_4xf32 : memref<4xf32>
    %g = memref.get_global @g : memref<4xf32>
    return %a, %b, %g : memref<4xf32>, memref<4xf32>, memref<4xf32>
  }
  // CHECK-LABEL: func.func @second
  // CHECK: memref.get_global @__constant_2xi32 :
  // CHECK: memref.get_global @__constant_4xf32_1 :
  // CHECK: memref.get_global @__constant_4xf32 :
  // CHECK: memref.get_global @__constant_2xi32_1 :
  func.func @second() -> (memref<2xi32>, memref<4xf32>, memref<4xf32>, memref<2xi32>) {
    %c = memref.get_global @__constant_2xi32 : memref<2xi32>
    %d = memref.get_global @__constant_4xf32_1 : memref<4xf32>
    %e = memref.get_global @__constant_4xf32_0 : memref<4xf32>
    %f = memref.get_global @__constant_2xi32_5 : memref<2xi32>
    return %c, %d, %e, %f : memref<2xi32>, memref<4xf32>, memref<4xf32>, memref<2xi32>
  }
}
