// Vector, complex and math operations, which memplan-lower-to-llvm lowers,
// and a GPU thread id, which it does not.
module {
  func.func @mixed(%x: memref<4xf32>, %c: complex<f32>) -> f32 {
    %c0 = arith.constant 0 : index
    %pad = arith.constant 0.0 : f32
    %v = vector.transfer_read %x[%c0], %pad {in_bounds = [true]} : memref<4xf32>, vector<4xf32>
    %s = vector.reduction <add>, %v : vector<4xf32> into f32
    %a = complex.abs %c : complex<f32>
    %t = math.tanh %a : f32
    %r = arith.addf %s, %t : f32
    %tid = gpu.thread_id x
    %i = arith.index_cast %tid : index to i32
    %f = arith.sitofp %i : i32 to f32
    %sum = arith.addf %r, %f : f32
    return %sum : f32
  }
}
