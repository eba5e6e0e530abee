func.func @forward(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %c = math.cos %x : tensor<4x8xf32>
  return %c : tensor<4x8xf32>
}
