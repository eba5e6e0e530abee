func.func @forward(%x: tensor<4xi4>) -> tensor<4xi4> {
  %0 = tensor.empty() : tensor<4xi4>
  %1 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<4xi4>) outs(%0 : tensor<4xi4>) {
  ^bb0(%a: i4, %b: i4):
    %s = arith.addi %a, %a : i4
    linalg.yield %s : i4
  } -> tensor<4xi4>
  return %1 : tensor<4xi4>
}
