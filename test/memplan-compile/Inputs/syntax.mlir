func.func @forward(%x: tensor<4xf32> {
