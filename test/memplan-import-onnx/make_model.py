#!/usr/bin/python3
"""make_model.py CASE OUT.onnx [--external-data]

Writes the tiny ONNX model CASE (see CASES) with Debian's python3-onnx
helper API, for the memplan-import-onnx lit tests. Weights are random
(seeded): never splats, so that they become dense_resource blobs."""
import sys

import numpy
import onnx
from onnx import TensorProto, helper, numpy_helper

F = TensorProto.FLOAT
I64 = TensorProto.INT64
rng = numpy.random.default_rng(0)


def weight(name, *shape):
    return numpy_helper.from_array(
        rng.standard_normal(shape).astype(numpy.float32), name)


def ints(name, values):
    return numpy_helper.from_array(numpy.array(values, dtype=numpy.int64),
                                   name)


def floats(name, values):
    return numpy_helper.from_array(numpy.array(values, dtype=numpy.float32),
                                   name)


def model(nodes, inputs, outputs, initializers=(), opset=14):
    graph = helper.make_graph(
        nodes, "test",
        [helper.make_tensor_value_info(n, t, s) for n, t, s in inputs],
        [helper.make_tensor_value_info(n, t, s) for n, t, s in outputs],
        list(initializers))
    return helper.make_model(graph,
                             opset_imports=[helper.make_opsetid("", opset)])


def node(op, inputs, outputs, name=None, **attrs):
    return helper.make_node(op, inputs, outputs, name=name or op.lower(),
                            **attrs)


def unary(op, **attrs):
    return model([node(op, ["x"], ["y"], **attrs)], [("x", F, [2, 3])],
                 [("y", F, [2, 3])])


def conv(x, w, y, bias=True, **attrs):
    inits = [weight("w", *w)] + ([weight("b", w[0])] if bias else [])
    return model([node("Conv", ["x", "w"] + (["b"] if bias else []), ["y"],
                       **attrs)],
                 [("x", F, x)], [("y", F, y)], inits)


CASES = {
    # Elementwise, with numpy broadcasting.
    "relu": lambda: unary("Relu"),
    "leaky_relu": lambda: unary("LeakyRelu", alpha=0.1),
    "sigmoid": lambda: unary("Sigmoid"),
    "hard_sigmoid": lambda: unary("HardSigmoid", alpha=0.25, beta=0.4),
    "hard_swish": lambda: unary("HardSwish"),
    "tanh": lambda: unary("Tanh"),
    "erf": lambda: unary("Erf"),
    "exp": lambda: unary("Exp"),
    "log": lambda: unary("Log"),
    "sqrt": lambda: unary("Sqrt"),
    "neg": lambda: unary("Neg"),
    "reciprocal": lambda: unary("Reciprocal"),
    "gelu_tanh": lambda: unary("Gelu", approximate="tanh"),
    "add_broadcast": lambda: model(
        [node("Add", ["x", "b"], ["y"])], [("x", F, [2, 3, 4])],
        [("y", F, [2, 3, 4])], [weight("b", 3, 1)]),
    "sub_scalar": lambda: model(
        [node("Sub", ["x", "c"], ["y"])], [("x", F, [4])], [("y", F, [4])],
        [floats("c", 1.5)]),
    "mul_div": lambda: model(
        [node("Mul", ["x", "z"], ["t"]), node("Div", ["t", "x"], ["y"])],
        [("x", F, [2, 1]), ("z", F, [1, 5])], [("y", F, [2, 5])]),
    "pow_square": lambda: model(
        [node("Pow", ["x", "two"], ["y"])], [("x", F, [3])], [("y", F, [3])],
        [floats("two", 2.0)]),
    "pow_general": lambda: model(
        [node("Pow", ["x", "e"], ["y"])], [("x", F, [3]), ("e", F, [3])],
        [("y", F, [3])]),
    "where_less": lambda: model(
        [node("Less", ["x", "z"], ["c"]), node("Where", ["c", "x", "z"], ["y"])],
        [("x", F, [2, 3]), ("z", F, [3])], [("y", F, [2, 3])]),
    "clip": lambda: model(
        [node("Clip", ["x", "lo", "hi"], ["y"])], [("x", F, [6])],
        [("y", F, [6])], [floats("lo", 0.0), floats("hi", 6.0)]),
    "clip_max_only": lambda: model(
        [node("Clip", ["x", "", "hi"], ["y"])], [("x", F, [6])],
        [("y", F, [6])], [floats("hi", 6.0)]),
    "cast": lambda: model(
        [node("Cast", ["x"], ["y"], to=I64)], [("x", F, [4])],
        [("y", I64, [4])]),
    "max_variadic": lambda: model(
        [node("Max", ["a", "b", "c"], ["y"])],
        [("a", F, [4]), ("b", F, [1]), ("c", F, [2, 4])], [("y", F, [2, 4])]),
    # Convolutions, normalization, pools.
    "conv": lambda: conv([1, 3, 8, 8], [4, 3, 3, 3], [1, 4, 4, 4],
                         pads=[1, 1, 1, 1], strides=[2, 2]),
    "conv_no_bias_dilated": lambda: conv([1, 2, 9, 9], [3, 2, 3, 3],
                                         [1, 3, 5, 5], bias=False,
                                         dilations=[2, 2]),
    "conv_groups": lambda: conv([1, 4, 6, 6], [6, 2, 3, 3], [1, 6, 4, 4],
                                group=2),
    "conv_depthwise": lambda: conv([1, 4, 6, 6], [4, 1, 3, 3], [1, 4, 6, 6],
                                   group=4, pads=[1, 1, 1, 1]),
    "conv_same_upper": lambda: conv([1, 1, 5, 5], [2, 1, 2, 2], [1, 2, 3, 3],
                                    auto_pad="SAME_UPPER", strides=[2, 2]),
    "conv_1d": lambda: conv([1, 2, 8], [3, 2, 3], [1, 3, 6]),
    "conv_transpose": lambda: model(
        [node("ConvTranspose", ["x", "w", "b"], ["y"], strides=[2, 2],
              pads=[1, 1, 1, 1], output_padding=[1, 1])],
        [("x", F, [1, 2, 4, 4])], [("y", F, [1, 3, 8, 8])],
        [weight("w", 2, 3, 3, 3), weight("b", 3)]),
    "batch_norm": lambda: model(
        [node("BatchNormalization", ["x", "s", "b", "m", "v"], ["y"],
              epsilon=1e-3)],
        [("x", F, [1, 3, 2, 2])], [("y", F, [1, 3, 2, 2])],
        [floats("s", [1, 2, 3]), floats("b", [0.5, 0, -0.5]),
         floats("m", [0.1, 0.2, 0.3]), floats("v", [1, 4, 9])]),
    "batch_norm_training": lambda: model(
        [node("BatchNormalization", ["x", "s", "b", "m", "v"], ["y"],
              training_mode=1)],
        [("x", F, [1, 3, 2, 2])], [("y", F, [1, 3, 2, 2])],
        [floats("s", [1, 2, 3]), floats("b", [0.5, 0, -0.5]),
         floats("m", [0.1, 0.2, 0.3]), floats("v", [1, 4, 9])]),
    "max_pool_ceil": lambda: model(
        [node("MaxPool", ["x"], ["y"], kernel_shape=[3, 3], strides=[2, 2],
              ceil_mode=1)],
        [("x", F, [1, 2, 8, 8])], [("y", F, [1, 2, 4, 4])]),
    "average_pool_pads": lambda: model(
        [node("AveragePool", ["x"], ["y"], kernel_shape=[3, 3],
              pads=[1, 1, 1, 1], count_include_pad=0)],
        [("x", F, [1, 1, 4, 4])], [("y", F, [1, 1, 4, 4])]),
    "global_average_pool": lambda: model(
        [node("GlobalAveragePool", ["x"], ["y"])], [("x", F, [1, 3, 5, 5])],
        [("y", F, [1, 3, 1, 1])]),
    # Contractions and reductions.
    "gemm": lambda: model(
        [node("Gemm", ["x", "w", "c"], ["y"], transB=1, alpha=0.5, beta=2.0)],
        [("x", F, [2, 4])], [("y", F, [2, 3])],
        [weight("w", 3, 4), weight("c", 3)]),
    "matmul_batched": lambda: model(
        [node("MatMul", ["a", "b"], ["y"])],
        [("a", F, [2, 1, 3, 4]), ("b", F, [5, 4, 6])], [("y", F, [2, 5, 3, 6])]),
    "matmul_vector": lambda: model(
        [node("MatMul", ["a", "b"], ["y"])], [("a", F, [4]), ("b", F, [4, 6])],
        [("y", F, [6])]),
    "softmax": lambda: model(
        [node("Softmax", ["x"], ["y"], axis=1)], [("x", F, [2, 5, 3])],
        [("y", F, [2, 5, 3])]),
    "log_softmax": lambda: model(
        [node("LogSoftmax", ["x"], ["y"])], [("x", F, [2, 5])],
        [("y", F, [2, 5])]),
    "reduce_mean": lambda: model(
        [node("ReduceMean", ["x"], ["y"], axes=[-1])], [("x", F, [2, 3, 4])],
        [("y", F, [2, 3, 1])]),
    "reduce_mean_opset18": lambda: model(
        [node("ReduceMean", ["x", "axes"], ["y"], keepdims=0)],
        [("x", F, [2, 3, 4])], [("y", F, [3])], [ints("axes", [0, 2])],
        opset=18),
    "reduce_sum": lambda: model(
        [node("ReduceSum", ["x", "axes"], ["y"], keepdims=0)],
        [("x", F, [2, 3, 4])], [("y", F, [2, 4])], [ints("axes", [1])]),
    "reduce_max_all": lambda: model(
        [node("ReduceMax", ["x"], ["y"], keepdims=0)], [("x", F, [2, 3])],
        [("y", F, [])]),
    "layer_norm": lambda: model(
        [node("LayerNormalization", ["x", "s", "b"], ["y"], epsilon=1e-6)],
        [("x", F, [2, 3, 8])], [("y", F, [2, 3, 8])],
        [weight("s", 8), weight("b", 8)], opset=17),
    # Data movement and shapes.
    "concat": lambda: model(
        [node("Concat", ["a", "b"], ["y"], axis=1)],
        [("a", F, [2, 3]), ("b", F, [2, 1])], [("y", F, [2, 4])]),
    "split": lambda: model(
        [node("Split", ["x", "s"], ["a", "b"], axis=1)],
        [("x", F, [2, 5])], [("a", F, [2, 2]), ("b", F, [2, 3])],
        [ints("s", [2, 3])]),
    "split_equal": lambda: model(
        [node("Split", ["x"], ["a", "b", "c"])], [("x", F, [6, 2])],
        [("a", F, [2, 2]), ("b", F, [2, 2]), ("c", F, [2, 2])]),
    "slice": lambda: model(
        [node("Slice", ["x", "st", "en", "ax", "sp"], ["y"])],
        [("x", F, [4, 10])], [("y", F, [4, 3])],
        [ints("st", [1]), ints("en", [-1]), ints("ax", [1]), ints("sp", [3])]),
    "slice_negative_step": lambda: model(
        [node("Slice", ["x", "st", "en", "ax", "sp"], ["y"])],
        [("x", F, [4])], [("y", F, [4])],
        [ints("st", [-1]), ints("en", [-5]), ints("ax", [0]),
         ints("sp", [-1])]),
    "flatten": lambda: model(
        [node("Flatten", ["x"], ["y"])], [("x", F, [2, 3, 4])],
        [("y", F, [2, 12])]),
    "reshape": lambda: model(
        [node("Reshape", ["x", "s"], ["y"])], [("x", F, [2, 3, 4])],
        [("y", F, [2, 4, 3])], [ints("s", [0, -1, 3])]),
    "squeeze_unsqueeze": lambda: model(
        [node("Squeeze", ["x", "a"], ["t"]),
         node("Unsqueeze", ["t", "b"], ["y"])],
        [("x", F, [1, 3, 1])], [("y", F, [3, 1, 1])],
        [ints("a", [0, 2]), ints("b", [1, 2])]),
    "transpose": lambda: model(
        [node("Transpose", ["x"], ["y"], perm=[2, 0, 1])],
        [("x", F, [2, 3, 4])], [("y", F, [4, 2, 3])]),
    "gather_scalar": lambda: model(
        [node("Gather", ["x", "i"], ["y"], axis=1)], [("x", F, [2, 3, 4])],
        [("y", F, [2, 4])], [ints("i", 2)]),
    "gather_embedding": lambda: model(
        [node("Gather", ["table", "ids"], ["y"])], [("ids", I64, [1, 5])],
        [("y", F, [1, 5, 8])], [weight("table", 32, 8)]),
    "expand": lambda: model(
        [node("Expand", ["x", "s"], ["y"])], [("x", F, [3, 1])],
        [("y", F, [2, 3, 4])], [ints("s", [2, 1, 4])]),
    "pad": lambda: model(
        [node("Pad", ["x", "p", "v"], ["y"])], [("x", F, [2, 3])],
        [("y", F, [3, 6])], [ints("p", [0, 1, 1, 2]), floats("v", 7.0)]),
    "pad_reflect": lambda: model(
        [node("Pad", ["x", "p"], ["y"], mode="reflect")], [("x", F, [2, 3])],
        [("y", F, [2, 5])], [ints("p", [0, 1, 0, 1])]),
    "resize_nearest": lambda: model(
        [node("Resize", ["x", "", "s"], ["y"], mode="nearest",
              coordinate_transformation_mode="asymmetric",
              nearest_mode="floor")],
        [("x", F, [1, 1, 2, 3])], [("y", F, [1, 1, 4, 6])],
        [floats("s", [1, 1, 2, 2])]),
    "resize_linear": lambda: model(
        [node("Resize", ["x", "", "", "sz"], ["y"], mode="linear",
              coordinate_transformation_mode="align_corners")],
        [("x", F, [1, 1, 2, 2])], [("y", F, [1, 1, 3, 3])],
        [ints("sz", [1, 1, 3, 3])]),
    "dropout_identity": lambda: model(
        [node("Dropout", ["x"], ["t"]), node("Identity", ["t"], ["y"])],
        [("x", F, [3])], [("y", F, [3])]),
    # x.view(x.size(0), -1) as exported: folded, no runtime shape work.
    "shape_arithmetic": lambda: model(
        [node("Shape", ["x"], ["shape"]),
         node("Gather", ["shape", "zero"], ["batch"], axis=0),
         node("Unsqueeze", ["batch", "axes"], ["batch1"]),
         node("Concat", ["batch1", "minus1"], ["target"], axis=0),
         node("Reshape", ["x", "target"], ["y"])],
        [("x", F, [2, 3, 4])], [("y", F, [2, 12])],
        [ints("zero", 0), ints("axes", [0]), ints("minus1", [-1])]),
    "constant_of_shape_range": lambda: model(
        [node("ConstantOfShape", ["s"], ["ones"],
              value=helper.make_tensor("v", F, [1], [1.0])),
         node("Range", ["r0", "r1", "r2"], ["r"]),
         node("Cast", ["r"], ["rf"], to=F),
         node("Mul", ["ones", "rf"], ["t"]),
         node("Add", ["x", "t"], ["y"])],
        [("x", F, [2, 4])], [("y", F, [2, 4])],
        [ints("s", [2, 4]), ints("r0", 0), ints("r1", 8), ints("r2", 2)]),
    # Inputs and errors.
    "dynamic_batch": lambda: model(
        [node("Relu", ["x"], ["y"])], [("x", F, ["batch", 3])],
        [("y", F, ["batch", 3])]),
    "unsupported_op": lambda: model(
        [node("Relu", ["x"], ["t"]), node("Mod", ["t", "t"], ["y"],
                                          name="the_mod")],
        [("x", F, [3])], [("y", F, [3])]),
    "opset_11": lambda: model([node("Relu", ["x"], ["y"])], [("x", F, [3])],
                              [("y", F, [3])], opset=11),
    "dangling_input": lambda: model(
        [node("Add", ["x", "nowhere"], ["y"])], [("x", F, [3])],
        [("y", F, [3])]),
    "duplicate_output": lambda: model(
        [node("Relu", ["x"], ["y"], name="first"),
         node("Neg", ["x"], ["y"], name="second")],
        [("x", F, [3])], [("y", F, [3])]),
    "wrong_declared_shape": lambda: model(
        [node("Relu", ["x"], ["y"])], [("x", F, [3])], [("y", F, [4])]),
    "control_flow": lambda: model(
        [node("If", ["c"], ["y"],
              then_branch=helper.make_graph([], "then", [], []),
              else_branch=helper.make_graph([], "else", [], []))],
        [("c", TensorProto.BOOL, [])], [("y", F, [3])]),
    "conv_zero_stride": lambda: conv([1, 3, 8, 8], [4, 3, 3, 3], [1, 4, 4, 4],
                                     strides=[0, 1]),
    "unsqueeze_twice": lambda: model(
        [node("Unsqueeze", ["x", "a"], ["y"])], [("x", F, [3])],
        [("y", F, [1, 3])], [ints("a", [0, 0])]),
    "mask_output_used": lambda: model(
        [node("Dropout", ["x"], ["y", "mask"])], [("x", F, [3])],
        [("y", F, [3]), ("mask", TensorProto.BOOL, [3])]),
}


def main():
    case, out = sys.argv[1], sys.argv[2]
    if sys.argv[3:] == ["--external-data"]:
        # Every initializer in a file beside the model.
        onnx.save(CASES[case](), out, save_as_external_data=True,
                  all_tensors_to_one_file=True,
                  location=out.split("/")[-1] + ".data", size_threshold=0)
    else:
        onnx.save(CASES[case](), out)


if __name__ == "__main__":
    main()
