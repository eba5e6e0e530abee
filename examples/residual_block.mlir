// A residual block as torch-mlir exports it: conv (3x3, padded) -> batch
// norm -> ReLU -> conv -> batch norm, plus the block input, -> ReLU; then
// global average pooling and a classifier.
#map = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#chan = affine_map<(d0, d1, d2, d3) -> (d1)>
#map2 = affine_map<(d0, d1) -> (d0, d1)>
#bias = affine_map<(d0, d1) -> (d1)>
#pool = affine_map<(d0, d1, d2, d3) -> (d0, d1)>
module {
  func.func @forward(%x: tensor<1x16x16x16xf32>) -> tensor<1x10xf32> {
    %zero = arith.constant 0.0 : f32
    %eps = arith.constant 1.0e-5 : f32
    %inv = arith.constant 3.906250e-03 : f32
    %w1 = arith.constant dense<0.011> : tensor<16x16x3x3xf32>
    %w2 = arith.constant dense<-0.013> : tensor<16x16x3x3xf32>
    %gamma = arith.constant dense<1.0> : tensor<16xf32>
    %beta = arith.constant dense<0.0> : tensor<16xf32>
    %mean = arith.constant dense<0.0> : tensor<16xf32>
    %var = arith.constant dense<1.0> : tensor<16xf32>
    %wfc = arith.constant dense<0.05> : tensor<16x10xf32>
    %bfc = arith.constant dense<0.01> : tensor<10xf32>
    %empty = tensor.empty() : tensor<1x16x16x16xf32>

    // conv1 -> bn1 -> relu
    %p1 = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
    ^bb0(%a: index, %b: index, %c: index, %d: index):
      tensor.yield %zero : f32
    } : tensor<1x16x16x16xf32> to tensor<1x16x18x18xf32>
    %f1 = linalg.fill ins(%zero : f32) outs(%empty : tensor<1x16x16x16xf32>) -> tensor<1x16x16x16xf32>
    %c1 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
        ins(%p1, %w1 : tensor<1x16x18x18xf32>, tensor<16x16x3x3xf32>) outs(%f1 : tensor<1x16x16x16xf32>) -> tensor<1x16x16x16xf32>
    %bn1 = linalg.generic {indexing_maps = [#map, #chan, #chan, #chan, #chan, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
        ins(%c1, %gamma, %beta, %mean, %var : tensor<1x16x16x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>)
        outs(%c1 : tensor<1x16x16x16xf32>) {
    ^bb0(%in: f32, %g: f32, %b: f32, %m: f32, %v: f32, %out: f32):
      %0 = arith.addf %v, %eps : f32
      %1 = math.rsqrt %0 : f32
      %2 = arith.subf %in, %m : f32
      %3 = arith.mulf %2, %1 : f32
      %4 = arith.mulf %3, %g : f32
      %5 = arith.addf %4, %b : f32
      linalg.yield %5 : f32
    } -> tensor<1x16x16x16xf32>
    %r1 = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
        ins(%bn1 : tensor<1x16x16x16xf32>) outs(%empty : tensor<1x16x16x16xf32>) {
    ^bb0(%in: f32, %out: f32):
      %0 = arith.cmpf ugt, %in, %zero : f32
      %1 = arith.select %0, %in, %zero : f32
      linalg.yield %1 : f32
    } -> tensor<1x16x16x16xf32>

    // conv2 -> bn2
    %p2 = tensor.pad %r1 low[0, 0, 1, 1] high[0, 0, 1, 1] {
    ^bb0(%a: index, %b: index, %c: index, %d: index):
      tensor.yield %zero : f32
    } : tensor<1x16x16x16xf32> to tensor<1x16x18x18xf32>
    %c2 = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
        ins(%p2, %w2 : tensor<1x16x18x18xf32>, tensor<16x16x3x3xf32>) outs(%f1 : tensor<1x16x16x16xf32>) -> tensor<1x16x16x16xf32>
    %bn2 = linalg.generic {indexing_maps = [#map, #chan, #chan, #chan, #chan, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
        ins(%c2, %gamma, %beta, %mean, %var : tensor<1x16x16x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>)
        outs(%c2 : tensor<1x16x16x16xf32>) {
    ^bb0(%in: f32, %g: f32, %b: f32, %m: f32, %v: f32, %out: f32):
      %0 = arith.addf %v, %eps : f32
      %1 = math.rsqrt %0 : f32
      %2 = arith.subf %in, %m : f32
      %3 = arith.mulf %2, %1 : f32
      %4 = arith.mulf %3, %g : f32
      %5 = arith.addf %4, %b : f32
      linalg.yield %5 : f32
    } -> tensor<1x16x16x16xf32>

    // skip connection -> relu
    %sum = linalg.generic {indexing_maps = [#map, #map, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
        ins(%bn2, %x : tensor<1x16x16x16xf32>, tensor<1x16x16x16xf32>) outs(%empty : tensor<1x16x16x16xf32>) {
    ^bb0(%a: f32, %b: f32, %out: f32):
      %0 = arith.addf %a, %b : f32
      %1 = arith.cmpf ugt, %0, %zero : f32
      %2 = arith.select %1, %0, %zero : f32
      linalg.yield %2 : f32
    } -> tensor<1x16x16x16xf32>

    // global average pooling -> classifier
    %pe = tensor.empty() : tensor<1x16xf32>
    %pf = linalg.fill ins(%zero : f32) outs(%pe : tensor<1x16xf32>) -> tensor<1x16xf32>
    %psum = linalg.generic {indexing_maps = [#map, #pool], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
        ins(%sum : tensor<1x16x16x16xf32>) outs(%pf : tensor<1x16xf32>) {
    ^bb0(%in: f32, %out: f32):
      %0 = arith.addf %in, %out : f32
      linalg.yield %0 : f32
    } -> tensor<1x16xf32>
    %pooled = linalg.generic {indexing_maps = [#map2, #map2], iterator_types = ["parallel", "parallel"]}
        ins(%psum : tensor<1x16xf32>) outs(%pe : tensor<1x16xf32>) {
    ^bb0(%in: f32, %out: f32):
      %0 = arith.mulf %in, %inv : f32
      linalg.yield %0 : f32
    } -> tensor<1x16xf32>
    %fe = tensor.empty() : tensor<1x10xf32>
    %ff = linalg.fill ins(%zero : f32) outs(%fe : tensor<1x10xf32>) -> tensor<1x10xf32>
    %mm = linalg.matmul ins(%pooled, %wfc : tensor<1x16xf32>, tensor<16x10xf32>) outs(%ff : tensor<1x10xf32>) -> tensor<1x10xf32>
    %y = linalg.generic {indexing_maps = [#map2, #bias, #map2], iterator_types = ["parallel", "parallel"]}
        ins(%mm, %bfc : tensor<1x10xf32>, tensor<10xf32>) outs(%fe : tensor<1x10xf32>) {
    ^bb0(%in: f32, %b: f32, %out: f32):
      %0 = arith.addf %in, %b : f32
      linalg.yield %0 : f32
    } -> tensor<1x10xf32>
    return %y : tensor<1x10xf32>
  }
}
