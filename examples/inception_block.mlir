// A branchy block in the style of GoogLeNet/Inception: three branches read
// the same input (1x1 conv; padded 3x3 conv; 3x3 max pooling then 1x1 conv),
// and their results are concatenated along the channels, then mixed by a
// 1x1 conv.
#map = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
module {
  func.func @forward(%x: tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32> {
    %zero = arith.constant 0.0 : f32
    %ninf = arith.constant -3.40282347E+38 : f32
    %wa = arith.constant dense<0.03> : tensor<4x8x1x1xf32>
    %wb = arith.constant dense<-0.02> : tensor<4x8x3x3xf32>
    %wc = arith.constant dense<0.05> : tensor<4x8x1x1xf32>
    %wm = arith.constant dense<0.07> : tensor<8x12x1x1xf32>
    %e4 = tensor.empty() : tensor<1x4x8x8xf32>
    %f4 = linalg.fill ins(%zero : f32) outs(%e4 : tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>

    // Branch A: 1x1 conv -> relu.
    %ca = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
        ins(%x, %wa : tensor<1x8x8x8xf32>, tensor<4x8x1x1xf32>) outs(%f4 : tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
    %ra = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
        ins(%ca : tensor<1x4x8x8xf32>) outs(%e4 : tensor<1x4x8x8xf32>) {
    ^bb0(%in: f32, %out: f32):
      %0 = arith.maximumf %in, %zero : f32
      linalg.yield %0 : f32
    } -> tensor<1x4x8x8xf32>

    // Branch B: padded 3x3 conv -> relu.
    %pb = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
    ^bb0(%a: index, %b: index, %c: index, %d: index):
      tensor.yield %zero : f32
    } : tensor<1x8x8x8xf32> to tensor<1x8x10x10xf32>
    %cb = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
        ins(%pb, %wb : tensor<1x8x10x10xf32>, tensor<4x8x3x3xf32>) outs(%f4 : tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>
    %rb = linalg.generic {indexing_maps = [#map, #map], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
        ins(%cb : tensor<1x4x8x8xf32>) outs(%e4 : tensor<1x4x8x8xf32>) {
    ^bb0(%in: f32, %out: f32):
      %0 = arith.maximumf %in, %zero : f32
      linalg.yield %0 : f32
    } -> tensor<1x4x8x8xf32>

    // Branch C: 3x3 max pooling (stride 1, padded) -> 1x1 conv.
    %pc = tensor.pad %x low[0, 0, 1, 1] high[0, 0, 1, 1] {
    ^bb0(%a: index, %b: index, %c: index, %d: index):
      tensor.yield %ninf : f32
    } : tensor<1x8x8x8xf32> to tensor<1x8x10x10xf32>
    %e8 = tensor.empty() : tensor<1x8x8x8xf32>
    %fm = linalg.fill ins(%ninf : f32) outs(%e8 : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
    %window = tensor.empty() : tensor<3x3xf32>
    %mp = linalg.pooling_nchw_max {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
        ins(%pc, %window : tensor<1x8x10x10xf32>, tensor<3x3xf32>) outs(%fm : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
    %cc = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
        ins(%mp, %wc : tensor<1x8x8x8xf32>, tensor<4x8x1x1xf32>) outs(%f4 : tensor<1x4x8x8xf32>) -> tensor<1x4x8x8xf32>

    // Concatenate the branches along the channels.
    %e12 = tensor.empty() : tensor<1x12x8x8xf32>
    %s0 = tensor.insert_slice %ra into %e12[0, 0, 0, 0] [1, 4, 8, 8] [1, 1, 1, 1] : tensor<1x4x8x8xf32> into tensor<1x12x8x8xf32>
    %s1 = tensor.insert_slice %rb into %s0[0, 4, 0, 0] [1, 4, 8, 8] [1, 1, 1, 1] : tensor<1x4x8x8xf32> into tensor<1x12x8x8xf32>
    %cat = tensor.insert_slice %cc into %s1[0, 8, 0, 0] [1, 4, 8, 8] [1, 1, 1, 1] : tensor<1x4x8x8xf32> into tensor<1x12x8x8xf32>

    // Mix: 1x1 conv 12 -> 8 channels.
    %fo = linalg.fill ins(%zero : f32) outs(%e8 : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
    %y = linalg.conv_2d_nchw_fchw {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>}
        ins(%cat, %wm : tensor<1x12x8x8xf32>, tensor<8x12x1x1xf32>) outs(%fo : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
    return %y : tensor<1x8x8x8xf32>
  }
}
