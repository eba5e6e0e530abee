// RUN: memplan-opt %s --memplan-partition-devices -split-input-file -verify-diagnostics

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
