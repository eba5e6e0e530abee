// RUN: memplan-opt %s --memplan-partition-devices -split-input-file -verify-diagnostics | FileCheck %s

// expected-error @below {{memplan-partition-devices needs a target description: run memplan-targets or set 'memplan.targets' on the module}}
module {
  func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
    return %x : tensor<4xf32>
  }
}

// -----

module attributes {memplan.targets = [
    #memplan.device<name = "host", kind = "cpu", capacity = 1024, reserved = 0, alignment = 64, compute_units = 1, speed = 1, reuse = "min-memory", host = true>,
    #memplan.device<name = "npu0", kind = "npu", capacity = 1024, reserved = 0, alignment = 64, compute_units = 1, speed = 4, reuse = "min-memory", host = false,
                    ops = [<name = "linalg.matmul">]>]} {
  // Unstructured control flow is left whole, with a remark.
  // expected-remark @below {{not partitioned: it has several blocks}}
  func.func @branches(%c: i1, %x: tensor<4x4xf32>) -> tensor<4x4xf32> {
    cf.cond_br %c, ^a, ^b
  ^a:
    %m = linalg.matmul ins(%x, %x : tensor<4x4xf32>, tensor<4x4xf32>) outs(%x : tensor<4x4xf32>) -> tensor<4x4xf32>
    return %m : tensor<4x4xf32>
  ^b:
    return %x : tensor<4x4xf32>
  }
}

// -----

module attributes {memplan.targets = [
    #memplan.device<name = "host", kind = "cpu", capacity = 1024, reserved = 0, alignment = 64, compute_units = 1, speed = 1, reuse = "min-memory", host = true>,
    #memplan.device<name = "npu0", kind = "npu", capacity = 1024, reserved = 0, alignment = 64, compute_units = 1, speed = 4, reuse = "min-memory", host = false,
                    ops = [<name = "linalg.matmul">]>]} {
  // A dynamically shaped matmul stays on the host, inline: a sub-function
  // could not return its result into a buffer of the caller's. The static
  // one moves.
  // CHECK-LABEL: func.func private @dynamic_npu0_0(
  // CHECK-SAME:      %{{.*}}: tensor<4x4xf32>) -> tensor<4x4xf32> attributes {memplan.device = "npu0"}
  // CHECK-NOT:   func.func private @dynamic_host
  // CHECK-LABEL: func.func @dynamic(
  // CHECK-NEXT:    linalg.matmul ins(%arg0, %arg1 : tensor<?x4xf32>, tensor<4x4xf32>)
  // CHECK-NEXT:    memplan.transfer %arg1 <from = "host", to = "npu0">
  // CHECK-NEXT:    call @dynamic_npu0_0(
  func.func @dynamic(%x: tensor<?x4xf32>, %y: tensor<4x4xf32>) -> (tensor<?x4xf32>, tensor<4x4xf32>) {
    // expected-remark @below {{dynamically shaped: runs on the host rather than 'npu0', whose memory is a fixed arena}}
    %m = linalg.matmul ins(%x, %y : tensor<?x4xf32>, tensor<4x4xf32>) outs(%x : tensor<?x4xf32>) -> tensor<?x4xf32>
    %s = linalg.matmul ins(%y, %y : tensor<4x4xf32>, tensor<4x4xf32>) outs(%y : tensor<4x4xf32>) -> tensor<4x4xf32>
    return %m, %s : tensor<?x4xf32>, tensor<4x4xf32>
  }
}
