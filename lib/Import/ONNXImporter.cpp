//===- ONNXImporter.cpp - ONNX models to MLIR on tensors ------------------===//
//
// Emits linalg on tensors directly, in the NCHW layout ONNX uses, rather
// than TOSA: TOSA's convolutions and pools are NHWC, so going through it
// would put a transpose around every one of them, and those are buffers
// the planner would have to place. Named linalg ops are used where one
// exists (convolutions, pools, transposes); everything elementwise,
// broadcasting, reducing or contracting is a linalg.generic.
//
// Shapes are static: every value's type is computed here, and integer
// shape arithmetic on constants (Shape, Gather, Concat, ... as exported for
// `x.view(x.size(0), -1)`) is folded while importing.
//
//===----------------------------------------------------------------------===//

#include "memplan/Import/ONNXImporter.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <onnx/onnx_pb.h>

#include <cmath>
#include <limits>
#include <memory>

using namespace mlir;
using namespace memplan;

namespace {

/// A value of the graph: its type and either the MLIR value computing it or,
/// for a constant, its bytes (little endian, one byte per boolean) from which
/// an arith.constant is made where it is first used.
struct GraphValue {
  RankedTensorType type;
  Value value;
  std::shared_ptr<const std::vector<char>> data;
  /// Name hint of the constant's resource blob.
  std::string name;

  bool isConstant() const { return data != nullptr; }
};

/// Host arithmetic on constants is done on these.
using Ints = SmallVector<int64_t>;
using Floats = SmallVector<double>;

int64_t product(ArrayRef<int64_t> shape) {
  int64_t result = 1;
  for (int64_t dim : shape)
    result *= dim;
  return result;
}

/// Tensors of more elements than this are refused (a corrupted dimension,
/// not a network), so that element counts never overflow.
constexpr int64_t kMaxElements = int64_t(1) << 40;
/// Constants computed while importing (ConstantOfShape, Range, tables) are
/// at most this large.
constexpr int64_t kMaxFoldedElements = int64_t(1) << 26;

/// Whether `shape` has no negative dimension and at most kMaxElements.
bool isReasonableShape(ArrayRef<int64_t> shape) {
  int64_t count = 1;
  for (int64_t dim : shape) {
    if (dim < 0 || (dim > 0 && count > kMaxElements / dim))
      return false;
    count *= dim;
  }
  return true;
}

/// Normalizes a possibly negative axis; -1 if it is out of range.
int64_t normalizeAxis(int64_t axis, int64_t rank) {
  if (axis < 0)
    axis += rank;
  return axis >= 0 && axis < rank ? axis : -1;
}

std::string shapeString(ArrayRef<int64_t> shape) {
  std::string text;
  for (auto [i, dim] : llvm::enumerate(shape))
    text += (i ? "x" : "") + std::to_string(dim);
  return text.empty() ? "scalar" : text;
}

/// The identifiers resource keys may be made of.
std::string sanitizeBlobName(StringRef name) {
  std::string result;
  for (char c : name)
    result += llvm::isAlnum(c) || c == '_' || c == '.' ? c : '_';
  if (result.empty() || llvm::isDigit(result.front()))
    result = "w_" + result;
  return result;
}

class Importer {
public:
  Importer(MLIRContext &context, const ONNXImportOptions &options,
           StringRef fileName)
      : context(context), builder(&context), options(options),
        fileName(fileName.str()) {}

  OwningOpRef<ModuleOp> run(const onnx::ModelProto &model);

private:
  // --- Diagnostics -------------------------------------------------------
  InFlightDiagnostic error(const Twine &message) {
    return emitError(location) << message;
  }
  /// An error about the current node, naming it, its op type and opset.
  LogicalResult nodeError(const Twine &message) {
    error("") << "node '" << nodeName() << "' (" << node->op_type()
              << ", opset " << opset << "): " << message;
    return failure();
  }
  std::string nodeName() const {
    if (!node->name().empty())
      return node->name();
    return node->op_type() + "(" +
           (node->output_size() ? node->output(0) : std::string("")) + ")";
  }

  // --- Types and constants -----------------------------------------------
  FailureOr<Type> elementType(int32_t onnxType);
  FailureOr<GraphValue> readTensor(const onnx::TensorProto &tensor);
  GraphValue constant(RankedTensorType type, std::vector<char> bytes);
  GraphValue intConstant(ArrayRef<int64_t> shape, Type elementType,
                         ArrayRef<int64_t> values);
  std::optional<Ints> ints(const GraphValue &value) const;
  std::optional<Floats> floats(const GraphValue &value) const;
  Value materialize(GraphValue &value);

  // --- Node inputs, outputs, attributes ------------------------------------
  bool hasInput(int index) const {
    return index < node->input_size() && !node->input(index).empty();
  }
  GraphValue *input(int index);
  FailureOr<Value> inputValue(int index);
  FailureOr<Ints> constantInts(int index, StringRef what);
  /// constantInts of input `index` if the node has it, else `fallback`.
  FailureOr<Ints> constantIntsOr(int index, StringRef what, Ints fallback) {
    if (hasInput(index))
      return constantInts(index, what);
    return fallback;
  }
  void setOutput(int index, GraphValue value) {
    if (index < node->output_size() && !node->output(index).empty())
      values[node->output(index)] = std::move(value);
  }
  void setOutput(int index, Value value) {
    setOutput(index, GraphValue{cast<RankedTensorType>(value.getType()), value,
                                nullptr, ""});
  }
  /// Fails if one of the node's outputs from `index` on is used.
  LogicalResult unusedOutputsFrom(int index);
  const onnx::AttributeProto *attribute(StringRef name) const;
  int64_t intAttr(StringRef name, int64_t fallback) const;
  float floatAttr(StringRef name, float fallback) const;
  std::string stringAttr(StringRef name, StringRef fallback) const;
  std::optional<Ints> intsAttr(StringRef name) const;

  // --- Building blocks -----------------------------------------------------
  Value empty(ArrayRef<int64_t> shape, Type elementType) {
    return tensor::EmptyOp::create(builder, location, shape, elementType);
  }
  Value scalarConstant(Type type, double value);
  Value fill(ArrayRef<int64_t> shape, Type elementType, double value);
  using BodyBuilder =
      function_ref<Value(OpBuilder &, Location, ValueRange arguments)>;
  /// A linalg.generic over `shape` reading `inputs` broadcast the numpy way
  /// (right-aligned, size-1 dimensions repeated), writing a fresh tensor.
  Value elementwise(ArrayRef<Value> inputs, ArrayRef<int64_t> shape,
                    Type resultElementType, BodyBuilder body);
  /// Reduces `input` over `axes` (sorted, distinct) starting from `init`;
  /// the result drops the reduced dimensions.
  Value reduce(Value input, ArrayRef<int64_t> axes, double init,
               BodyBuilder combine);
  Value reshape(Value input, ArrayRef<int64_t> shape);
  Value convert(OpBuilder &b, Location loc, Value scalar, Type to);
  Value pad(Value input, ArrayRef<int64_t> low, ArrayRef<int64_t> high,
            double value);
  FailureOr<Ints> broadcastShapes(ArrayRef<ArrayRef<int64_t>> shapes);
  RankedTensorType typeOf(Value value) const {
    return cast<RankedTensorType>(value.getType());
  }

  // --- Operators -----------------------------------------------------------
  LogicalResult importNode();
  LogicalResult foldNode(bool &folded);
  LogicalResult importUnary();
  LogicalResult importBinary();
  LogicalResult importVariadic();
  LogicalResult importClip();
  LogicalResult importWhere();
  LogicalResult importCast();
  LogicalResult importConv();
  LogicalResult importConvTranspose();
  LogicalResult importBatchNormalization();
  LogicalResult importPool();
  LogicalResult importGlobalPool();
  LogicalResult importGemm();
  LogicalResult importMatMul();
  LogicalResult importSoftmax();
  LogicalResult importReduce();
  LogicalResult importLayerNormalization();
  LogicalResult importConcat();
  LogicalResult importSplit();
  LogicalResult importSlice();
  /// Per dimension, the first element a Slice reads, how many, and the step.
  struct SliceParameters {
    Ints start, count, step;
  };
  FailureOr<SliceParameters> sliceParameters(ArrayRef<int64_t> shape);
  LogicalResult importReshapeLike();
  LogicalResult importTranspose();
  LogicalResult importGather();
  LogicalResult importExpand();
  LogicalResult importPad();
  LogicalResult importResize();

  /// The output a convolution accumulates into: its bias (input 2)
  /// broadcast over `out` (N, F, H, W), or zeros.
  FailureOr<Value> convolutionInit(ArrayRef<int64_t> out, Type element);
  /// Pads of a convolution or pool (begin..., end...) from `pads` or
  /// `auto_pad`, for `spatial` input sizes.
  FailureOr<Ints> spatialPads(ArrayRef<int64_t> spatial,
                              ArrayRef<int64_t> kernel,
                              ArrayRef<int64_t> strides,
                              ArrayRef<int64_t> dilations);

  MLIRContext &context;
  OpBuilder builder;
  const ONNXImportOptions &options;
  std::string fileName;
  int64_t opset = 0;
  Location location = UnknownLoc::get(&context);
  const onnx::NodeProto *node = nullptr;
  llvm::StringMap<GraphValue> values;
  /// Every name a node or the graph's outputs read.
  llvm::StringSet<> usedNames;
};

} // namespace

//===----------------------------------------------------------------------===//
// Types and constants
//===----------------------------------------------------------------------===//

FailureOr<Type> Importer::elementType(int32_t onnxType) {
  using T = onnx::TensorProto;
  switch (onnxType) {
  case T::FLOAT:
    return Type(builder.getF32Type());
  case T::DOUBLE:
    return Type(builder.getF64Type());
  case T::FLOAT16:
    return Type(builder.getF16Type());
  case T::BFLOAT16:
    return Type(builder.getBF16Type());
  case T::INT8:
    return Type(builder.getI8Type());
  case T::INT16:
    return Type(builder.getI16Type());
  case T::INT32:
    return Type(builder.getI32Type());
  case T::INT64:
    return Type(builder.getI64Type());
  case T::BOOL:
    return Type(builder.getI1Type());
  default:
    break;
  }
  std::string name = T::DataType_IsValid(onnxType)
                         ? T::DataType_Name(T::DataType(onnxType))
                         : std::to_string(onnxType);
  error("") << "element type " << name << " is not supported";
  return failure();
}

/// Bytes per element in the constants' layout.
static int64_t elementBytes(Type type) {
  return type.isInteger(1) ? 1 : type.getIntOrFloatBitWidth() / 8;
}

FailureOr<GraphValue> Importer::readTensor(const onnx::TensorProto &tensor) {
  FailureOr<Type> type = elementType(tensor.data_type());
  if (failed(type))
    return failure();
  Ints shape(tensor.dims().begin(), tensor.dims().end());
  if (!isReasonableShape(shape)) {
    error("") << "tensor '" << tensor.name()
              << "' has a negative or impossibly large dimension";
    return failure();
  }
  int64_t count = product(shape);
  int64_t width = elementBytes(*type);
  std::vector<char> bytes;

  if (tensor.data_location() == onnx::TensorProto::EXTERNAL) {
    std::string location;
    int64_t offset = 0, length = -1;
    for (const auto &entry : tensor.external_data()) {
      bool bad = false;
      if (entry.key() == "location")
        location = entry.value();
      else if (entry.key() == "offset")
        bad = StringRef(entry.value()).getAsInteger(10, offset);
      else if (entry.key() == "length")
        bad = StringRef(entry.value()).getAsInteger(10, length);
      if (bad) {
        error("") << "tensor '" << tensor.name() << "' has an external "
                  << entry.key() << " that is not a number";
        return failure();
      }
    }
    SmallString<256> path(llvm::sys::path::parent_path(fileName));
    llvm::sys::path::append(path, location);
    auto file = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
    if (!file) {
      error("") << "cannot read the external data of tensor '" << tensor.name()
                << "' from '" << path << "': " << file.getError().message();
      return failure();
    }
    if (length < 0)
      length = count * width;
    if (offset < 0 || offset + length > int64_t((*file)->getBufferSize())) {
      error("") << "the external data of tensor '" << tensor.name()
                << "' lies outside '" << path << "'";
      return failure();
    }
    const char *start = (*file)->getBufferStart() + offset;
    bytes.assign(start, start + length);
  } else if (tensor.has_raw_data()) {
    bytes.assign(tensor.raw_data().begin(), tensor.raw_data().end());
  } else {
    auto append = [&](auto value, int64_t size) {
      const char *raw = reinterpret_cast<const char *>(&value);
      bytes.insert(bytes.end(), raw, raw + size);
    };
    if ((*type).isF32())
      for (float value : tensor.float_data())
        append(value, 4);
    else if ((*type).isF64())
      for (double value : tensor.double_data())
        append(value, 8);
    else if ((*type).isInteger(64))
      for (int64_t value : tensor.int64_data())
        append(value, 8);
    else // int32_data holds every narrower type, f16 and bf16 as bits.
      for (int32_t value : tensor.int32_data())
        append(value, width);
  }
  if (int64_t(bytes.size()) != count * width) {
    error("") << "tensor '" << tensor.name() << "' holds " << bytes.size()
              << " bytes; its type " << shapeString(shape) << "x" << *type
              << " needs " << count * width;
    return failure();
  }
  return constant(RankedTensorType::get(shape, *type), std::move(bytes));
}

GraphValue Importer::constant(RankedTensorType type, std::vector<char> bytes) {
  return GraphValue{type, Value(),
                    std::make_shared<const std::vector<char>>(std::move(bytes)),
                    ""};
}

GraphValue Importer::intConstant(ArrayRef<int64_t> shape, Type elementType,
                                 ArrayRef<int64_t> values) {
  int64_t width = elementBytes(elementType);
  std::vector<char> bytes(values.size() * width);
  for (auto [i, value] : llvm::enumerate(values))
    std::memcpy(bytes.data() + i * width, &value, width); // little endian
  return constant(RankedTensorType::get(shape, elementType), std::move(bytes));
}

std::optional<Ints> Importer::ints(const GraphValue &value) const {
  Type type = value.type.getElementType();
  if (!value.isConstant() || !isa<IntegerType>(type))
    return std::nullopt;
  int64_t width = elementBytes(type);
  Ints result;
  const std::vector<char> &bytes = *value.data;
  for (size_t offset = 0; offset < bytes.size(); offset += width) {
    int64_t element = 0;
    std::memcpy(&element, bytes.data() + offset, width);
    // Sign-extend what was narrower than 64 bits (booleans are 0 or 1).
    if (width < 8 && !type.isInteger(1))
      element = llvm::SignExtend64(element, width * 8);
    result.push_back(element);
  }
  return result;
}

std::optional<Floats> Importer::floats(const GraphValue &value) const {
  Type type = value.type.getElementType();
  if (!value.isConstant())
    return std::nullopt;
  if (isa<IntegerType>(type)) {
    std::optional<Ints> integers = ints(value);
    return Floats(integers->begin(), integers->end());
  }
  if (!type.isF32() && !type.isF64())
    return std::nullopt;
  Floats result;
  const std::vector<char> &bytes = *value.data;
  for (size_t offset = 0; offset < bytes.size();
       offset += type.isF32() ? 4 : 8) {
    if (type.isF32()) {
      float element;
      std::memcpy(&element, bytes.data() + offset, 4);
      result.push_back(element);
    } else {
      double element;
      std::memcpy(&element, bytes.data() + offset, 8);
      result.push_back(element);
    }
  }
  return result;
}

Value Importer::materialize(GraphValue &value) {
  if (value.value)
    return value.value;
  RankedTensorType type = value.type;
  const std::vector<char> &bytes = *value.data;
  int64_t width = elementBytes(type.getElementType());
  bool splat = true;
  for (size_t offset = width; splat && offset < bytes.size(); offset += width)
    splat = std::memcmp(bytes.data(), bytes.data() + offset, width) == 0;

  ElementsAttr attr;
  if (type.getElementType().isInteger(1)) {
    SmallVector<bool> bits;
    for (char byte : bytes)
      bits.push_back(byte != 0);
    attr = DenseElementsAttr::get(type, bits);
  } else if (bytes.empty() || splat ||
             type.getNumElements() <= options.maxInlineElements) {
    ArrayRef<char> raw(bytes.data(),
                       splat && !bytes.empty() ? width : bytes.size());
    attr = DenseElementsAttr::getFromRawBuffer(type, raw);
  } else {
    AsmResourceBlob blob = HeapAsmResourceBlob::allocateAndCopyWithAlign(
        bytes, alignof(std::max_align_t));
    attr = DenseResourceElementsAttr::get(
        type, sanitizeBlobName(value.name.empty() ? "constant" : value.name),
        std::move(blob));
  }
  value.value =
      arith::ConstantOp::create(builder, location, type, cast<TypedAttr>(attr));
  return value.value;
}

//===----------------------------------------------------------------------===//
// Node inputs, outputs and attributes
//===----------------------------------------------------------------------===//

GraphValue *Importer::input(int index) {
  if (!hasInput(index))
    return nullptr;
  auto it = values.find(node->input(index));
  return it == values.end() ? nullptr : &it->second;
}

FailureOr<Value> Importer::inputValue(int index) {
  GraphValue *value = input(index);
  if (!value) {
    return nodeError("input " + std::to_string(index) + " is required");
  }
  return materialize(*value);
}

FailureOr<Ints> Importer::constantInts(int index, StringRef what) {
  GraphValue *value = input(index);
  std::optional<Ints> result = value ? ints(*value) : std::nullopt;
  if (!result) {
    return nodeError(Twine(what) + " (input " + std::to_string(index) +
                     ") must be a constant integer tensor");
  }
  return *result;
}

LogicalResult Importer::unusedOutputsFrom(int index) {
  // Graph outputs and later nodes' inputs are the uses.
  for (int i = index; i < node->output_size(); ++i)
    if (!node->output(i).empty() && usedNames.count(node->output(i)))
      return nodeError("output " + std::to_string(i) + " ('" + node->output(i) +
                       "') is not supported");
  return success();
}

const onnx::AttributeProto *Importer::attribute(StringRef name) const {
  for (const onnx::AttributeProto &attr : node->attribute())
    if (attr.name() == name)
      return &attr;
  return nullptr;
}

int64_t Importer::intAttr(StringRef name, int64_t fallback) const {
  const onnx::AttributeProto *attr = attribute(name);
  return attr ? attr->i() : fallback;
}

float Importer::floatAttr(StringRef name, float fallback) const {
  const onnx::AttributeProto *attr = attribute(name);
  return attr ? attr->f() : fallback;
}

std::string Importer::stringAttr(StringRef name, StringRef fallback) const {
  const onnx::AttributeProto *attr = attribute(name);
  return attr ? attr->s() : fallback.str();
}

std::optional<Ints> Importer::intsAttr(StringRef name) const {
  const onnx::AttributeProto *attr = attribute(name);
  if (!attr)
    return std::nullopt;
  return Ints(attr->ints().begin(), attr->ints().end());
}

//===----------------------------------------------------------------------===//
// Building blocks
//===----------------------------------------------------------------------===//

Value Importer::scalarConstant(Type type, double value) {
  TypedAttr attr;
  if (auto floatType = dyn_cast<FloatType>(type)) {
    attr = builder.getFloatAttr(floatType, value);
  } else {
    unsigned width = type.getIntOrFloatBitWidth();
    int64_t integer;
    if (width == 1)
      integer = value != 0;
    else if (std::isinf(value))
      integer = value > 0 ? llvm::maxIntN(width) : llvm::minIntN(width);
    else
      integer = int64_t(value);
    attr = builder.getIntegerAttr(type, integer);
  }
  return arith::ConstantOp::create(builder, location, attr);
}

Value Importer::fill(ArrayRef<int64_t> shape, Type elementType, double value) {
  Value scalar = scalarConstant(elementType, value);
  return linalg::FillOp::create(builder, location, ValueRange{scalar},
                                ValueRange{empty(shape, elementType)})
      .getResult(0);
}

/// The one value of a single-element arith.constant, as a scalar constant;
/// null otherwise.
static Value scalarOfConstant(OpBuilder &builder, Location loc, Value value) {
  auto constant = value.getDefiningOp<arith::ConstantOp>();
  auto dense = constant ? dyn_cast<DenseElementsAttr>(constant.getValue())
                        : DenseElementsAttr();
  if (!dense || dense.getNumElements() != 1)
    return {};
  return arith::ConstantOp::create(builder, loc,
                                   dense.getSplatValue<TypedAttr>());
}

Value Importer::elementwise(ArrayRef<Value> inputs, ArrayRef<int64_t> shape,
                            Type resultElementType, BodyBuilder body) {
  int64_t rank = shape.size();
  // Single-element constants (a bias of 1, a clip bound) enter the body as
  // scalars rather than as tensors to read.
  SmallVector<Value> scalars, tensors;
  SmallVector<AffineMap> maps;
  for (Value input : inputs) {
    scalars.push_back(scalarOfConstant(builder, location, input));
    if (scalars.back())
      continue;
    ArrayRef<int64_t> inputShape = typeOf(input).getShape();
    int64_t offset = rank - int64_t(inputShape.size());
    SmallVector<AffineExpr> exprs;
    for (auto [i, dim] : llvm::enumerate(inputShape))
      exprs.push_back(dim == 1 && shape[offset + i] != 1
                          ? getAffineConstantExpr(0, &context)
                          : getAffineDimExpr(offset + i, &context));
    maps.push_back(AffineMap::get(rank, 0, exprs, &context));
    tensors.push_back(input);
  }
  maps.push_back(AffineMap::getMultiDimIdentityMap(rank, &context));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      builder, location, RankedTensorType::get(shape, resultElementType),
      tensors, ValueRange{empty(shape, resultElementType)}, maps, iterators,
      [&](OpBuilder &b, Location loc, ValueRange arguments) {
        SmallVector<Value> operands;
        size_t next = 0;
        for (Value scalar : scalars)
          operands.push_back(scalar ? scalar : arguments[next++]);
        linalg::YieldOp::create(b, loc, body(b, loc, operands));
      });
  return generic.getResult(0);
}

Value Importer::reduce(Value input, ArrayRef<int64_t> axes, double init,
                       BodyBuilder combine) {
  RankedTensorType type = typeOf(input);
  int64_t rank = type.getRank();
  Ints shape;
  SmallVector<AffineExpr> kept;
  SmallVector<utils::IteratorType> iterators;
  for (int64_t dim = 0; dim < rank; ++dim) {
    bool reduced = llvm::is_contained(axes, dim);
    iterators.push_back(reduced ? utils::IteratorType::reduction
                                : utils::IteratorType::parallel);
    if (!reduced) {
      shape.push_back(type.getDimSize(dim));
      kept.push_back(getAffineDimExpr(dim, &context));
    }
  }
  Value initial = fill(shape, type.getElementType(), init);
  SmallVector<AffineMap> maps = {
      AffineMap::getMultiDimIdentityMap(rank, &context),
      AffineMap::get(rank, 0, kept, &context)};
  auto generic = linalg::GenericOp::create(
      builder, location, initial.getType(), ValueRange{input},
      ValueRange{initial}, maps, iterators,
      [&](OpBuilder &b, Location loc, ValueRange arguments) {
        linalg::YieldOp::create(b, loc, combine(b, loc, arguments));
      });
  return generic.getResult(0);
}

Value Importer::reshape(Value input, ArrayRef<int64_t> shape) {
  RankedTensorType source = typeOf(input);
  auto target = RankedTensorType::get(shape, source.getElementType());
  if (source == target)
    return input;
  auto collapse = [&](Value value, RankedTensorType to) -> Value {
    auto reassociation =
        to.getRank() == 0
            ? std::optional(SmallVector<ReassociationIndices>())
            : getReassociationIndicesForReshape(typeOf(value), to);
    if (!reassociation)
      return {};
    return tensor::CollapseShapeOp::create(builder, location, to, value,
                                           *reassociation);
  };
  auto expand = [&](Value value, RankedTensorType to) -> Value {
    RankedTensorType from = typeOf(value);
    auto reassociation =
        from.getRank() == 0 ? std::optional(SmallVector<ReassociationIndices>())
                            : getReassociationIndicesForReshape(to, from);
    if (!reassociation)
      return {};
    return tensor::ExpandShapeOp::create(builder, location, to, value,
                                         *reassociation);
  };
  if (source.getRank() > target.getRank())
    if (Value result = collapse(input, target))
      return result;
  if (source.getRank() < target.getRank())
    if (Value result = expand(input, target))
      return result;
  // Through one dimension: always possible with static shapes.
  auto flat =
      RankedTensorType::get({source.getNumElements()}, source.getElementType());
  Value line = source.getRank() == 1   ? input
               : source.getRank() == 0 ? expand(input, flat)
                                       : collapse(input, flat);
  return target.getRank() == 1   ? line
         : target.getRank() == 0 ? collapse(line, target)
                                 : expand(line, target);
}

Value Importer::convert(OpBuilder &b, Location loc, Value scalar, Type to) {
  Type from = scalar.getType();
  if (from == to)
    return scalar;
  bool fromFloat = isa<FloatType>(from), toFloat = isa<FloatType>(to);
  if (to.isInteger(1)) {
    Value zero = fromFloat ? Value(arith::ConstantOp::create(
                                 b, loc, b.getFloatAttr(from, 0.0)))
                           : Value(arith::ConstantOp::create(
                                 b, loc, b.getIntegerAttr(from, 0)));
    return fromFloat
               ? Value(arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNE,
                                             scalar, zero))
               : Value(arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne,
                                             scalar, zero));
  }
  if (fromFloat && toFloat)
    return from.getIntOrFloatBitWidth() < to.getIntOrFloatBitWidth()
               ? Value(arith::ExtFOp::create(b, loc, to, scalar))
               : Value(arith::TruncFOp::create(b, loc, to, scalar));
  if (fromFloat)
    return arith::FPToSIOp::create(b, loc, to, scalar);
  if (toFloat)
    return from.isInteger(1)
               ? Value(arith::UIToFPOp::create(b, loc, to, scalar))
               : Value(arith::SIToFPOp::create(b, loc, to, scalar));
  if (from.getIntOrFloatBitWidth() > to.getIntOrFloatBitWidth())
    return arith::TruncIOp::create(b, loc, to, scalar);
  return from.isInteger(1) ? Value(arith::ExtUIOp::create(b, loc, to, scalar))
                           : Value(arith::ExtSIOp::create(b, loc, to, scalar));
}

Value Importer::pad(Value input, ArrayRef<int64_t> low, ArrayRef<int64_t> high,
                    double value) {
  if (llvm::all_of(low, [](int64_t v) { return v == 0; }) &&
      llvm::all_of(high, [](int64_t v) { return v == 0; }))
    return input;
  RankedTensorType type = typeOf(input);
  Ints shape(type.getShape());
  SmallVector<OpFoldResult> lowSizes, highSizes;
  for (auto [i, dim] : llvm::enumerate(shape)) {
    dim += low[i] + high[i];
    lowSizes.push_back(builder.getIndexAttr(low[i]));
    highSizes.push_back(builder.getIndexAttr(high[i]));
  }
  Value padValue = scalarConstant(type.getElementType(), value);
  return tensor::PadOp::create(
      builder, location, RankedTensorType::get(shape, type.getElementType()),
      input, lowSizes, highSizes, padValue);
}

FailureOr<Ints> Importer::broadcastShapes(ArrayRef<ArrayRef<int64_t>> shapes) {
  size_t rank = 0;
  for (ArrayRef<int64_t> shape : shapes)
    rank = std::max(rank, shape.size());
  Ints result(rank, 1);
  for (ArrayRef<int64_t> shape : shapes) {
    size_t offset = rank - shape.size();
    for (auto [i, dim] : llvm::enumerate(shape)) {
      int64_t &out = result[offset + i];
      if (dim == out || dim == 1)
        continue;
      if (out != 1) {
        std::string message = "shapes cannot be broadcast:";
        for (ArrayRef<int64_t> each : shapes)
          message += " " + shapeString(each);
        return nodeError(message);
      }
      out = dim;
    }
  }
  return result;
}

//===----------------------------------------------------------------------===//
// Constants and shape arithmetic, folded while importing
//===----------------------------------------------------------------------===//

LogicalResult Importer::foldNode(bool &folded) {
  StringRef op = node->op_type();
  folded = true;
  if (op == "Constant") {
    if (const onnx::AttributeProto *attr = attribute("value")) {
      FailureOr<GraphValue> value = readTensor(attr->t());
      if (failed(value))
        return failure();
      value->name = node->output(0);
      setOutput(0, *value);
      return success();
    }
    if (const onnx::AttributeProto *attr = attribute("value_float")) {
      float value = attr->f();
      std::vector<char> bytes(4);
      std::memcpy(bytes.data(), &value, 4);
      setOutput(0, constant(RankedTensorType::get({}, builder.getF32Type()),
                            std::move(bytes)));
      return success();
    }
    if (const onnx::AttributeProto *attr = attribute("value_floats")) {
      std::vector<char> bytes(attr->floats_size() * 4);
      std::memcpy(bytes.data(), attr->floats().data(), bytes.size());
      setOutput(0, constant(RankedTensorType::get({attr->floats_size()},
                                                  builder.getF32Type()),
                            std::move(bytes)));
      return success();
    }
    if (const onnx::AttributeProto *attr = attribute("value_int")) {
      setOutput(0, intConstant({}, builder.getI64Type(), {attr->i()}));
      return success();
    }
    if (std::optional<Ints> list = intsAttr("value_ints")) {
      setOutput(
          0, intConstant({int64_t(list->size())}, builder.getI64Type(), *list));
      return success();
    }
    return nodeError("only tensor, float(s) and int(s) values are supported");
  }
  if (op == "Shape" || op == "Size") {
    GraphValue *data = input(0);
    if (!data)
      return nodeError("input 0 is required");
    ArrayRef<int64_t> shape = data->type.getShape();
    if (op == "Size") {
      setOutput(0, intConstant({}, builder.getI64Type(), {product(shape)}));
      return success();
    }
    int64_t rank = shape.size();
    auto clampAxis = [&](int64_t axis) {
      return std::clamp(axis < 0 ? axis + rank : axis, int64_t(0), rank);
    };
    int64_t start = clampAxis(intAttr("start", 0));
    int64_t end = clampAxis(intAttr("end", rank));
    Ints dims(shape.begin() + start, shape.begin() + std::max(start, end));
    setOutput(0,
              intConstant({int64_t(dims.size())}, builder.getI64Type(), dims));
    return success();
  }
  if (op == "ConstantOfShape") {
    FailureOr<Ints> shape = constantInts(0, "the shape");
    if (failed(shape))
      return failure();
    if (!isReasonableShape(*shape) || product(*shape) > kMaxFoldedElements)
      return nodeError("a constant of shape " + shapeString(*shape) +
                       " is negative or too large to make here");
    // ONNX's default: one f32 zero.
    GraphValue fillValue = constant(
        RankedTensorType::get({1}, builder.getF32Type()), std::vector<char>(4));
    if (const onnx::AttributeProto *attr = attribute("value")) {
      FailureOr<GraphValue> value = readTensor(attr->t());
      if (failed(value))
        return failure();
      fillValue = *value;
    }
    Type type = fillValue.type.getElementType();
    std::vector<char> bytes;
    for (int64_t i = 0, e = product(*shape); i < e; ++i)
      bytes.insert(bytes.end(), fillValue.data->begin(), fillValue.data->end());
    setOutput(0, constant(RankedTensorType::get(*shape, type), bytes));
    return success();
  }
  if (op == "Range") {
    GraphValue *start = input(0), *limit = input(1), *delta = input(2);
    if (!start || !limit || !delta || !start->isConstant() ||
        !limit->isConstant() || !delta->isConstant())
      return nodeError("start, limit and delta must be constants");
    Type type = start->type.getElementType();
    Floats from = *floats(*start), to = *floats(*limit), step = *floats(*delta);
    if (step[0] == 0)
      return nodeError("delta is 0");
    double steps = std::max(0.0, std::ceil((to[0] - from[0]) / step[0]));
    if (!(steps <= double(kMaxFoldedElements)))
      return nodeError("a range of more than " +
                       std::to_string(kMaxFoldedElements) +
                       " elements is too large to make here");
    int64_t count = int64_t(steps);
    if (isa<IntegerType>(type)) {
      Ints range;
      for (int64_t i = 0; i < count; ++i)
        range.push_back(int64_t(from[0]) + i * int64_t(step[0]));
      setOutput(0, intConstant({count}, type, range));
      return success();
    }
    if (!type.isF32())
      return nodeError("only integer and f32 ranges are supported");
    std::vector<char> bytes(count * 4);
    for (int64_t i = 0; i < count; ++i) {
      float value = float(from[0] + i * step[0]);
      std::memcpy(bytes.data() + i * 4, &value, 4);
    }
    setOutput(0, constant(RankedTensorType::get({count}, type), bytes));
    return success();
  }

  // Slices and transposes of integer constants (pads are computed so).
  if ((op == "Slice" || op == "Transpose") && input(0)) {
    std::optional<Ints> data = ints(*input(0));
    bool constantOperands = true;
    for (int i = 1; i < node->input_size(); ++i)
      constantOperands &= !hasInput(i) || (input(i) && input(i)->isConstant());
    if (data && data->size() <= 4096 && constantOperands) {
      ArrayRef<int64_t> shape = input(0)->type.getShape();
      int64_t rank = shape.size();
      Ints outShape, start(rank, 0), step(rank, 1), perm;
      if (op == "Slice") {
        FailureOr<SliceParameters> slice = sliceParameters(shape);
        if (failed(slice))
          return failure();
        outShape = slice->count;
        start = slice->start;
        step = slice->step;
      } else {
        for (int64_t dim = rank - 1; dim >= 0; --dim)
          perm.push_back(dim);
        perm = intsAttr("perm").value_or(perm);
        Ints sorted = perm;
        llvm::sort(sorted);
        if (sorted != llvm::to_vector(llvm::seq<int64_t>(0, rank)))
          return nodeError(
              "perm is not a permutation of the input's dimensions");
        for (int64_t dim : perm)
          outShape.push_back(shape[normalizeAxis(dim, rank)]);
      }
      Ints result, index(rank, 0), source(rank);
      for (int64_t linear = 0, e = product(outShape); linear < e; ++linear) {
        for (int64_t dim = 0; dim < rank; ++dim) {
          int64_t from = perm.empty() ? dim : perm[dim];
          source[from] = start[from] + index[dim] * step[from];
        }
        int64_t offset = 0;
        for (int64_t dim = 0; dim < rank; ++dim)
          offset = offset * shape[dim] + source[dim];
        result.push_back((*data)[offset]);
        for (int64_t dim = rank - 1; dim >= 0 && ++index[dim] == outShape[dim];
             --dim)
          index[dim] = 0;
      }
      setOutput(0,
                intConstant(outShape, input(0)->type.getElementType(), result));
      return success();
    }
  }

  // The integer arithmetic shapes are computed with (Gather of a Shape,
  // Concat of dimensions, ...): folded when every input is a small integer
  // constant.
  static const llvm::StringSet<> shapeArithmetic = {
      "Add",   "Sub", "Mul", "Div",  "Concat",  "Gather", "Cast", "Equal",
      "Where", "Neg", "Not", "Less", "Greater", "Max",    "Min",  "Abs"};
  folded = false;
  if (!shapeArithmetic.contains(op) || node->output_size() != 1)
    return success();
  SmallVector<Ints> operands;
  SmallVector<ArrayRef<int64_t>> shapes;
  for (int i = 0; i < node->input_size(); ++i) {
    GraphValue *value = input(i);
    if (!value)
      return success();
    std::optional<Ints> elements = ints(*value);
    if (!elements || elements->size() > 4096)
      return success();
    operands.push_back(*elements);
    shapes.push_back(value->type.getShape());
  }
  if (operands.empty())
    return success();
  Type type = input(0)->type.getElementType();

  if (op == "Concat") {
    int64_t rank = shapes[0].size();
    int64_t axis = normalizeAxis(intAttr("axis", 0), rank);
    if (rank != 1 || axis != 0)
      return success();
    Ints all;
    for (const Ints &each : operands)
      all.append(each);
    setOutput(0, intConstant({int64_t(all.size())}, type, all));
    folded = true;
    return success();
  }
  if (op == "Gather") {
    if (shapes[0].size() != 1 || normalizeAxis(intAttr("axis", 0), 1) != 0)
      return success();
    Ints gathered;
    for (int64_t index : operands[1]) {
      if (index < 0)
        index += operands[0].size();
      if (index < 0 || index >= int64_t(operands[0].size()))
        return nodeError("index " + std::to_string(index) + " out of range");
      gathered.push_back(operands[0][index]);
    }
    setOutput(0, intConstant(shapes[1], type, gathered));
    folded = true;
    return success();
  }
  if (op == "Cast") {
    FailureOr<Type> to = elementType(intAttr("to", 0));
    if (failed(to))
      return failure();
    if (!isa<IntegerType>(*to))
      return success();
    setOutput(0, intConstant(shapes[0], *to, operands[0]));
    folded = true;
    return success();
  }
  FailureOr<Ints> shape = broadcastShapes(shapes);
  if (failed(shape))
    return failure();
  int64_t count = product(*shape);
  if ((op == "Max" || op == "Min") && operands.size() != 2)
    return success();
  Ints outStrides(shape->size(), 1);
  for (int64_t dim = int64_t(shape->size()) - 2; dim >= 0; --dim)
    outStrides[dim] = outStrides[dim + 1] * (*shape)[dim + 1];
  // The element of `operand` that output element `linear` reads.
  auto at = [&](size_t operand, int64_t linear) {
    ArrayRef<int64_t> from = shapes[operand];
    int64_t offset = shape->size() - from.size(), index = 0, stride = 1;
    for (int64_t d = int64_t(from.size()) - 1; d >= 0; --d) {
      int64_t coordinate =
          (linear / outStrides[offset + d]) % (*shape)[offset + d];
      if (from[d] != 1)
        index += coordinate * stride;
      stride *= from[d];
    }
    return operands[operand][index];
  };
  Ints result;
  bool boolean =
      op == "Equal" || op == "Less" || op == "Greater" || op == "Not";
  for (int64_t i = 0; i < count; ++i) {
    int64_t a = at(0, i), b = operands.size() > 1 ? at(1, i) : 0;
    int64_t value = llvm::StringSwitch<int64_t>(op)
                        .Case("Add", a + b)
                        .Case("Sub", a - b)
                        .Case("Mul", a * b)
                        .Case("Div", b ? a / b : 0)
                        .Case("Equal", a == b)
                        .Case("Less", a < b)
                        .Case("Greater", a > b)
                        .Case("Neg", -a)
                        .Case("Not", !a)
                        .Case("Abs", a < 0 ? -a : a)
                        .Case("Max", std::max(a, b))
                        .Case("Min", std::min(a, b))
                        .Case("Where", a ? b : at(2, i))
                        .Default(0);
    if (op == "Div" && b == 0)
      return nodeError("integer division by zero");
    result.push_back(value);
  }
  Type resultType = boolean         ? builder.getI1Type()
                    : op == "Where" ? input(1)->type.getElementType()
                                    : type;
  setOutput(0, intConstant(*shape, resultType, result));
  folded = true;
  return success();
}

//===----------------------------------------------------------------------===//
// Elementwise operators
//===----------------------------------------------------------------------===//

static Value floatConstant(OpBuilder &b, Location loc, Type type,
                           double value) {
  return arith::ConstantOp::create(b, loc, b.getFloatAttr(type, value));
}

LogicalResult Importer::importUnary() {
  StringRef op = node->op_type();
  FailureOr<Value> x = inputValue(0);
  if (failed(x))
    return failure();
  RankedTensorType type = typeOf(*x);
  Type element = type.getElementType();
  bool isFloat = isa<FloatType>(element);
  bool integerOk = op == "Relu" || op == "Neg" || op == "Abs" || op == "Not";
  if (!isFloat && !integerOk) {
    std::string name;
    llvm::raw_string_ostream(name) << element;
    return nodeError("operands of element type " + name + " are not supported");
  }
  if (op == "Not" && !element.isInteger(1))
    return nodeError("Not takes booleans");
  float alpha = floatAttr("alpha", op == "LeakyRelu" ? 0.01f : 0.2f);
  float beta = floatAttr("beta", 0.5f);
  std::string approximate = stringAttr("approximate", "none");
  auto body = [&](OpBuilder &b, Location loc, ValueRange args) -> Value {
    Value v = args[0];
    auto c = [&](double value) {
      return floatConstant(b, loc, element, value);
    };
    auto hardSigmoid = [&](Value input, double a, double bias) -> Value {
      Value affine = arith::AddFOp::create(
          b, loc, arith::MulFOp::create(b, loc, input, c(a)), c(bias));
      return arith::MinimumFOp::create(
          b, loc, arith::MaximumFOp::create(b, loc, affine, c(0)), c(1));
    };
    if (op == "Relu")
      return isFloat ? Value(arith::MaximumFOp::create(b, loc, v, c(0)))
                     : Value(arith::MaxSIOp::create(
                           b, loc, v,
                           arith::ConstantOp::create(
                               b, loc, b.getIntegerAttr(element, 0))));
    if (op == "Neg")
      return isFloat ? Value(arith::NegFOp::create(b, loc, v))
                     : Value(arith::SubIOp::create(
                           b, loc,
                           arith::ConstantOp::create(
                               b, loc, b.getIntegerAttr(element, 0)),
                           v));
    if (op == "Abs")
      return isFloat ? Value(math::AbsFOp::create(b, loc, v))
                     : Value(math::AbsIOp::create(b, loc, v));
    if (op == "Not")
      return arith::XOrIOp::create(
          b, loc, v,
          arith::ConstantOp::create(b, loc, b.getIntegerAttr(element, 1)));
    if (op == "LeakyRelu")
      return arith::SelectOp::create(
          b, loc,
          arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGE, v, c(0)), v,
          arith::MulFOp::create(b, loc, v, c(alpha)));
    if (op == "Sigmoid")
      return arith::DivFOp::create(
          b, loc, c(1),
          arith::AddFOp::create(
              b, loc, c(1),
              math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, v))));
    if (op == "HardSigmoid")
      return hardSigmoid(v, alpha, beta);
    if (op == "HardSwish")
      return arith::MulFOp::create(b, loc, v, hardSigmoid(v, 1.0 / 6, 0.5));
    if (op == "Tanh")
      return math::TanhOp::create(b, loc, v);
    if (op == "Erf")
      return math::ErfOp::create(b, loc, v);
    if (op == "Exp")
      return math::ExpOp::create(b, loc, v);
    if (op == "Log")
      return math::LogOp::create(b, loc, v);
    if (op == "Sqrt")
      return math::SqrtOp::create(b, loc, v);
    if (op == "Reciprocal")
      return arith::DivFOp::create(b, loc, c(1), v);
    if (op == "Floor")
      return math::FloorOp::create(b, loc, v);
    if (op == "Ceil")
      return math::CeilOp::create(b, loc, v);
    if (op == "Sin")
      return math::SinOp::create(b, loc, v);
    if (op == "Cos")
      return math::CosOp::create(b, loc, v);
    if (op == "Softplus")
      return math::Log1pOp::create(b, loc, math::ExpOp::create(b, loc, v));
    // Gelu: x/2 (1 + erf(x/sqrt 2)), or its tanh approximation.
    Value inner;
    if (approximate == "tanh") {
      Value cube =
          arith::MulFOp::create(b, loc, v, arith::MulFOp::create(b, loc, v, v));
      Value sum = arith::AddFOp::create(
          b, loc, v, arith::MulFOp::create(b, loc, cube, c(0.044715)));
      inner = math::TanhOp::create(
          b, loc, arith::MulFOp::create(b, loc, sum, c(std::sqrt(2 / M_PI))));
    } else {
      inner = math::ErfOp::create(
          b, loc, arith::MulFOp::create(b, loc, v, c(M_SQRT1_2)));
    }
    return arith::MulFOp::create(b, loc,
                                 arith::MulFOp::create(b, loc, v, c(0.5)),
                                 arith::AddFOp::create(b, loc, c(1), inner));
  };
  if (op == "Gelu" && approximate != "none" && approximate != "tanh")
    return nodeError("approximate='" + approximate + "' is not supported");
  setOutput(0, elementwise({*x}, type.getShape(), element, body));
  return success();
}

/// The scalar combination of two operands of a binary operator.
static Value combine(OpBuilder &b, Location loc, StringRef op, Value lhs,
                     Value rhs) {
  Type type = lhs.getType();
  bool isFloat = isa<FloatType>(type);
  using FP = arith::CmpFPredicate;
  using IP = arith::CmpIPredicate;
  auto compare = [&](FP f, IP i) -> Value {
    return isFloat ? Value(arith::CmpFOp::create(b, loc, f, lhs, rhs))
                   : Value(arith::CmpIOp::create(b, loc, i, lhs, rhs));
  };
  if (op == "Add" || op == "Sum" || op == "Mean")
    return isFloat ? Value(arith::AddFOp::create(b, loc, lhs, rhs))
                   : Value(arith::AddIOp::create(b, loc, lhs, rhs));
  if (op == "Sub")
    return isFloat ? Value(arith::SubFOp::create(b, loc, lhs, rhs))
                   : Value(arith::SubIOp::create(b, loc, lhs, rhs));
  if (op == "Mul")
    return isFloat ? Value(arith::MulFOp::create(b, loc, lhs, rhs))
                   : Value(arith::MulIOp::create(b, loc, lhs, rhs));
  if (op == "Div")
    return isFloat ? Value(arith::DivFOp::create(b, loc, lhs, rhs))
                   : Value(arith::DivSIOp::create(b, loc, lhs, rhs));
  if (op == "Max")
    return isFloat ? Value(arith::MaximumFOp::create(b, loc, lhs, rhs))
                   : Value(arith::MaxSIOp::create(b, loc, lhs, rhs));
  if (op == "Min")
    return isFloat ? Value(arith::MinimumFOp::create(b, loc, lhs, rhs))
                   : Value(arith::MinSIOp::create(b, loc, lhs, rhs));
  if (op == "Pow")
    return math::PowFOp::create(b, loc, lhs, rhs);
  if (op == "Equal")
    return compare(FP::OEQ, IP::eq);
  if (op == "Less")
    return compare(FP::OLT, IP::slt);
  if (op == "LessOrEqual")
    return compare(FP::OLE, IP::sle);
  if (op == "Greater")
    return compare(FP::OGT, IP::sgt);
  if (op == "GreaterOrEqual")
    return compare(FP::OGE, IP::sge);
  if (op == "And")
    return arith::AndIOp::create(b, loc, lhs, rhs);
  if (op == "Or")
    return arith::OrIOp::create(b, loc, lhs, rhs);
  assert(op == "Xor" && "not a binary operator");
  return arith::XOrIOp::create(b, loc, lhs, rhs);
}

LogicalResult Importer::importBinary() {
  StringRef op = node->op_type();
  FailureOr<Value> lhs = inputValue(0), rhs = inputValue(1);
  if (failed(lhs) || failed(rhs))
    return failure();
  Type element = typeOf(*lhs).getElementType();
  Type rhsElement = typeOf(*rhs).getElementType();
  bool logical = op == "And" || op == "Or" || op == "Xor";
  if (logical && !element.isInteger(1))
    return nodeError("takes booleans");
  if (op == "Pow") {
    if (!isa<FloatType>(element))
      return nodeError("integer bases are not supported");
  } else if (element != rhsElement) {
    return nodeError("operands of different element types");
  }
  bool comparison = op == "Equal" || op == "Less" || op == "LessOrEqual" ||
                    op == "Greater" || op == "GreaterOrEqual";
  FailureOr<Ints> shape =
      broadcastShapes({typeOf(*lhs).getShape(), typeOf(*rhs).getShape()});
  if (failed(shape))
    return failure();
  // x^2, x^0.5 and x^1 exactly as PyTorch computes them.
  std::optional<double> exponent;
  if (GraphValue *power = input(1);
      op == "Pow" && power->isConstant() && power->type.getNumElements() == 1)
    exponent = (*floats(*power))[0];
  Type resultElement = comparison ? builder.getI1Type() : element;
  setOutput(
      0, elementwise({*lhs, *rhs}, *shape, resultElement,
                     [&](OpBuilder &b, Location loc, ValueRange args) -> Value {
                       Value x = args[0], y = args[1];
                       if (exponent == 1.0)
                         return x;
                       if (exponent == 2.0)
                         return arith::MulFOp::create(b, loc, x, x);
                       if (exponent == 0.5)
                         return math::SqrtOp::create(b, loc, x);
                       if (op == "Pow")
                         y = convert(b, loc, y, element);
                       return combine(b, loc, op, x, y);
                     }));
  return success();
}

LogicalResult Importer::importVariadic() {
  StringRef op = node->op_type();
  SmallVector<Value> inputs;
  SmallVector<ArrayRef<int64_t>> shapes;
  for (int i = 0; i < node->input_size(); ++i) {
    FailureOr<Value> value = inputValue(i);
    if (failed(value))
      return failure();
    inputs.push_back(*value);
    shapes.push_back(typeOf(*value).getShape());
  }
  if (inputs.empty())
    return nodeError("needs at least one input");
  FailureOr<Ints> shape = broadcastShapes(shapes);
  if (failed(shape))
    return failure();
  Type element = typeOf(inputs[0]).getElementType();
  if (op == "Mean" && !isa<FloatType>(element))
    return nodeError("integer operands are not supported");
  setOutput(0, elementwise(inputs, *shape, element,
                           [&](OpBuilder &b, Location loc, ValueRange args) {
                             Value result = args[0];
                             for (Value arg : args.drop_front())
                               result = combine(b, loc, op, result, arg);
                             if (op == "Mean")
                               result = arith::DivFOp::create(
                                   b, loc, result,
                                   floatConstant(b, loc, element, args.size()));
                             return result;
                           }));
  return success();
}

LogicalResult Importer::importClip() {
  FailureOr<Value> x = inputValue(0);
  if (failed(x))
    return failure();
  RankedTensorType type = typeOf(*x);
  SmallVector<Value> inputs = {*x};
  bool hasMin = hasInput(1), hasMax = hasInput(2);
  for (int i : {1, 2}) {
    if (!hasInput(i))
      continue;
    FailureOr<Value> bound = inputValue(i);
    if (failed(bound))
      return failure();
    if (typeOf(*bound).getRank() != 0 && typeOf(*bound).getNumElements() != 1)
      return nodeError("min and max must be scalars");
    inputs.push_back(reshape(*bound, {}));
  }
  bool isFloat = isa<FloatType>(type.getElementType());
  setOutput(
      0,
      elementwise(
          inputs, type.getShape(), type.getElementType(),
          [&](OpBuilder &b, Location loc, ValueRange args) {
            Value v = args[0];
            size_t next = 1;
            if (hasMin)
              v = isFloat
                      ? Value(arith::MaximumFOp::create(b, loc, v, args[next]))
                      : Value(arith::MaxSIOp::create(b, loc, v, args[next]));
            next += hasMin;
            if (hasMax)
              v = isFloat
                      ? Value(arith::MinimumFOp::create(b, loc, v, args[next]))
                      : Value(arith::MinSIOp::create(b, loc, v, args[next]));
            return v;
          }));
  return success();
}

LogicalResult Importer::importWhere() {
  FailureOr<Value> condition = inputValue(0), x = inputValue(1),
                   y = inputValue(2);
  if (failed(condition) || failed(x) || failed(y))
    return failure();
  FailureOr<Ints> shape =
      broadcastShapes({typeOf(*condition).getShape(), typeOf(*x).getShape(),
                       typeOf(*y).getShape()});
  if (failed(shape))
    return failure();
  setOutput(0, elementwise({*condition, *x, *y}, *shape,
                           typeOf(*x).getElementType(),
                           [](OpBuilder &b, Location loc, ValueRange args) {
                             return arith::SelectOp::create(b, loc, args[0],
                                                            args[1], args[2]);
                           }));
  return success();
}

LogicalResult Importer::importCast() {
  FailureOr<Type> to = elementType(intAttr("to", 0));
  FailureOr<Value> x = inputValue(0);
  if (failed(to) || failed(x))
    return failure();
  setOutput(0, elementwise({*x}, typeOf(*x).getShape(), *to,
                           [&](OpBuilder &b, Location loc, ValueRange args) {
                             return convert(b, loc, args[0], *to);
                           }));
  return success();
}

//===----------------------------------------------------------------------===//
// Convolutions, normalization and pools
//===----------------------------------------------------------------------===//

/// A constant of f32 or f64 elements.
static std::vector<char> floatBytes(Type element, ArrayRef<double> values) {
  std::vector<char> bytes;
  for (double value : values) {
    if (element.isF32()) {
      float single = float(value);
      const char *raw = reinterpret_cast<const char *>(&single);
      bytes.insert(bytes.end(), raw, raw + 4);
    } else {
      const char *raw = reinterpret_cast<const char *>(&value);
      bytes.insert(bytes.end(), raw, raw + 8);
    }
  }
  return bytes;
}

FailureOr<Ints> Importer::spatialPads(ArrayRef<int64_t> spatial,
                                      ArrayRef<int64_t> kernel,
                                      ArrayRef<int64_t> strides,
                                      ArrayRef<int64_t> dilations) {
  size_t count = spatial.size();
  Ints pads(2 * count, 0);
  std::string autoPad = stringAttr("auto_pad", "NOTSET");
  if (autoPad == "NOTSET") {
    if (std::optional<Ints> given = intsAttr("pads")) {
      if (given->size() != 2 * count) {
        return nodeError("pads has " + std::to_string(given->size()) +
                         " values, expected " + std::to_string(2 * count));
      }
      pads = *given;
    }
  } else if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
    for (size_t i = 0; i < count; ++i) {
      int64_t out = llvm::divideCeil(spatial[i], strides[i]);
      int64_t total = std::max<int64_t>(0, (out - 1) * strides[i] +
                                               dilations[i] * (kernel[i] - 1) +
                                               1 - spatial[i]);
      pads[i] = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2;
      pads[i + count] = total - pads[i];
    }
  } else if (autoPad != "VALID") {
    return nodeError("auto_pad='" + autoPad + "' is not supported");
  }
  if (llvm::any_of(pads, [](int64_t pad) { return pad < 0; })) {
    return nodeError("negative pads are not supported");
  }
  return pads;
}

static DenseIntElementsAttr pairAttr(OpBuilder &builder, ArrayRef<int64_t> v) {
  return DenseIntElementsAttr::get(
      RankedTensorType::get({2}, builder.getI64Type()), v);
}

FailureOr<Value> Importer::convolutionInit(ArrayRef<int64_t> out,
                                           Type element) {
  if (!hasInput(2))
    return fill(out, element, 0);
  FailureOr<Value> bias = inputValue(2);
  if (failed(bias))
    return failure();
  if (typeOf(*bias).getNumElements() != out[1])
    return nodeError("the bias does not have " + std::to_string(out[1]) +
                     " elements");
  return elementwise(
      {reshape(*bias, {out[1], 1, 1})}, out, element,
      [](OpBuilder &, Location, ValueRange args) { return args[0]; });
}

LogicalResult Importer::importConv() {
  FailureOr<Value> x = inputValue(0), w = inputValue(1);
  if (failed(x) || failed(w))
    return failure();
  RankedTensorType xType = typeOf(*x), wType = typeOf(*w);
  if (xType.getRank() != 4 || wType.getRank() != 4)
    return nodeError("only 2-D convolutions (4-D input and weight) are "
                     "supported; the input is " +
                     shapeString(xType.getShape()));
  Type element = xType.getElementType();
  int64_t n = xType.getDimSize(0), c = xType.getDimSize(1);
  int64_t f = wType.getDimSize(0), cg = wType.getDimSize(1);
  int64_t group = intAttr("group", 1);
  if (group <= 0 || c % group || f % group || cg * group != c)
    return nodeError("group " + std::to_string(group) + " does not fit " +
                     std::to_string(c) + " input channels and a weight of " +
                     shapeString(wType.getShape()));
  Ints kernel(wType.getShape().drop_front(2));
  Ints strides = intsAttr("strides").value_or(Ints{1, 1});
  Ints dilations = intsAttr("dilations").value_or(Ints{1, 1});
  if (strides.size() != 2 || dilations.size() != 2)
    return nodeError("strides and dilations need 2 values");
  if (llvm::any_of(strides, [](int64_t v) { return v <= 0; }) ||
      llvm::any_of(dilations, [](int64_t v) { return v <= 0; }))
    return nodeError("strides and dilations must be positive");
  FailureOr<Ints> pads =
      spatialPads(xType.getShape().drop_front(2), kernel, strides, dilations);
  if (failed(pads))
    return failure();
  Ints out = {n, f, 0, 0};
  for (int i : {0, 1}) {
    out[2 + i] = (xType.getDimSize(2 + i) + (*pads)[i] + (*pads)[2 + i] -
                  dilations[i] * (kernel[i] - 1) - 1) /
                     strides[i] +
                 1;
    if (out[2 + i] <= 0)
      return nodeError("the kernel is larger than the padded input");
  }
  Value padded = pad(*x, {0, 0, (*pads)[0], (*pads)[1]},
                     {0, 0, (*pads)[2], (*pads)[3]}, 0);
  FailureOr<Value> init = convolutionInit(out, element);
  if (failed(init))
    return failure();
  auto strideAttr = pairAttr(builder, strides);
  auto dilationAttr = pairAttr(builder, dilations);
  auto outType = RankedTensorType::get(out, element);
  Value result;
  if (group == 1) {
    result = linalg::Conv2DNchwFchwOp::create(
                 builder, location, TypeRange{outType}, ValueRange{padded, *w},
                 ValueRange{*init}, strideAttr, dilationAttr)
                 .getResult(0);
  } else if (group == c && f == c) {
    Value weight = reshape(*w, {c, kernel[0], kernel[1]});
    result =
        linalg::DepthwiseConv2DNchwChwOp::create(
            builder, location, TypeRange{outType}, ValueRange{padded, weight},
            ValueRange{*init}, strideAttr, dilationAttr)
            .getResult(0);
  } else {
    ArrayRef<int64_t> paddedShape = typeOf(padded).getShape();
    Value input =
        reshape(padded, {n, group, c / group, paddedShape[2], paddedShape[3]});
    Value weight = reshape(*w, {group, f / group, cg, kernel[0], kernel[1]});
    Ints groupedOut = {n, group, f / group, out[2], out[3]};
    Value grouped =
        linalg::Conv2DNgchwGfchwOp::create(
            builder, location,
            TypeRange{RankedTensorType::get(groupedOut, element)},
            ValueRange{input, weight}, ValueRange{reshape(*init, groupedOut)},
            strideAttr, dilationAttr)
            .getResult(0);
    result = reshape(grouped, out);
  }
  setOutput(0, result);
  return success();
}

LogicalResult Importer::importConvTranspose() {
  FailureOr<Value> x = inputValue(0);
  GraphValue *w = input(1);
  if (failed(x))
    return failure();
  if (!w || !w->isConstant() || !floats(*w))
    return nodeError("the weight must be an f32 or f64 constant");
  RankedTensorType xType = typeOf(*x);
  if (xType.getRank() != 4 || w->type.getRank() != 4)
    return nodeError("only 2-D transposed convolutions are supported");
  if (intAttr("group", 1) != 1)
    return nodeError("groups other than 1 are not supported");
  Type element = xType.getElementType();
  int64_t n = xType.getDimSize(0), c = xType.getDimSize(1);
  ArrayRef<int64_t> wShape = w->type.getShape();
  if (wShape[0] != c)
    return nodeError("the weight's first dimension is not the input's "
                     "channels");
  int64_t f = wShape[1];
  Ints kernel(wShape.drop_front(2));
  Ints strides = intsAttr("strides").value_or(Ints{1, 1});
  Ints dilations = intsAttr("dilations").value_or(Ints{1, 1});
  Ints outputPadding = intsAttr("output_padding").value_or(Ints{0, 0});
  Ints pads = intsAttr("pads").value_or(Ints{0, 0, 0, 0});
  std::string autoPad = stringAttr("auto_pad", "NOTSET");
  std::optional<Ints> outputShape = intsAttr("output_shape");
  if (strides.size() != 2 || dilations.size() != 2 ||
      outputPadding.size() != 2 || pads.size() != 4)
    return nodeError("strides, dilations and output_padding need 2 values, "
                     "pads 4");
  if (llvm::any_of(strides, [](int64_t v) { return v <= 0; }) ||
      llvm::any_of(dilations, [](int64_t v) { return v <= 0; }))
    return nodeError("strides and dilations must be positive");
  if (autoPad != "NOTSET" && autoPad != "SAME_UPPER" &&
      autoPad != "SAME_LOWER" && autoPad != "VALID")
    return nodeError("auto_pad='" + autoPad + "' is not supported");
  Ints out = {n, f, 0, 0};
  for (int i : {0, 1}) {
    int64_t full = strides[i] * (xType.getDimSize(2 + i) - 1) +
                   outputPadding[i] + (kernel[i] - 1) * dilations[i] + 1;
    if (outputShape || autoPad.rfind("SAME", 0) == 0) {
      int64_t target = outputShape ? (*outputShape)[outputShape->size() - 2 + i]
                                   : xType.getDimSize(2 + i) * strides[i];
      int64_t total = full - target;
      bool upper = autoPad == "SAME_UPPER";
      pads[i] = upper ? total / 2 : total - total / 2;
      pads[2 + i] = total - pads[i];
    }
    out[2 + i] = full - pads[i] - pads[2 + i];
  }
  // A stride-1 convolution of the input spread out by the strides and
  // padded, with the kernel flipped and its two channel dimensions swapped.
  Ints low(4, 0), high(4, 0), spread = {n, c, 0, 0};
  for (int i : {0, 1}) {
    low[2 + i] = dilations[i] * (kernel[i] - 1) - pads[i];
    high[2 + i] =
        dilations[i] * (kernel[i] - 1) - pads[2 + i] + outputPadding[i];
    if (low[2 + i] < 0 || high[2 + i] < 0)
      return nodeError("pads larger than the dilated kernel are not "
                       "supported");
    spread[2 + i] = (xType.getDimSize(2 + i) - 1) * strides[i] + 1 +
                    low[2 + i] + high[2 + i];
  }
  Value zeros = fill(spread, element, 0);
  SmallVector<OpFoldResult> offsets, sizes, steps;
  for (int64_t i = 0; i < 4; ++i) {
    offsets.push_back(builder.getIndexAttr(low[i]));
    sizes.push_back(builder.getIndexAttr(xType.getDimSize(i)));
    steps.push_back(builder.getIndexAttr(i < 2 ? 1 : strides[i - 2]));
  }
  Value input = tensor::InsertSliceOp::create(builder, location, *x, zeros,
                                              offsets, sizes, steps);
  Floats weights = *floats(*w), flipped(weights.size());
  int64_t kh = kernel[0], kw = kernel[1];
  for (int64_t ci = 0; ci < c; ++ci)
    for (int64_t fi = 0; fi < f; ++fi)
      for (int64_t i = 0; i < kh; ++i)
        for (int64_t j = 0; j < kw; ++j)
          flipped[((fi * c + ci) * kh + i) * kw + j] =
              weights[((ci * f + fi) * kh + (kh - 1 - i)) * kw + (kw - 1 - j)];
  GraphValue weight = constant(RankedTensorType::get({f, c, kh, kw}, element),
                               floatBytes(element, flipped));
  weight.name = w->name + ".flipped";
  FailureOr<Value> init = convolutionInit(out, element);
  if (failed(init))
    return failure();
  setOutput(0, linalg::Conv2DNchwFchwOp::create(
                   builder, location,
                   TypeRange{RankedTensorType::get(out, element)},
                   ValueRange{input, materialize(weight)}, ValueRange{*init},
                   pairAttr(builder, {1, 1}), pairAttr(builder, dilations))
                   .getResult(0));
  return success();
}

LogicalResult Importer::importBatchNormalization() {
  FailureOr<Value> x = inputValue(0);
  if (failed(x) || failed(unusedOutputsFrom(1)))
    return failure();
  if (intAttr("training_mode", 0))
    return nodeError("training mode is not supported");
  RankedTensorType type = typeOf(*x);
  Type element = type.getElementType();
  if (type.getRank() < 2 || !isa<FloatType>(element))
    return nodeError("needs a floating-point input of rank 2 or more");
  int64_t channels = type.getDimSize(1);
  double epsilon = floatAttr("epsilon", 1e-5f);
  Ints paramShape(type.getRank() - 1, 1);
  paramShape[0] = channels;
  SmallVector<GraphValue *> params;
  for (int i = 1; i <= 4; ++i) {
    params.push_back(input(i));
    if (!params.back())
      return nodeError("input " + std::to_string(i) + " is required");
    if (params.back()->type.getNumElements() != channels)
      return nodeError("input " + std::to_string(i) + " does not have " +
                       std::to_string(channels) + " elements");
  }
  // Constant statistics (inference) fold into one multiply-add per element.
  if ((element.isF32() || element.isF64()) &&
      llvm::all_of(params, [&](GraphValue *p) { return bool(floats(*p)); })) {
    Floats scale = *floats(*params[0]), bias = *floats(*params[1]),
           mean = *floats(*params[2]), variance = *floats(*params[3]);
    Floats a(channels), b(channels);
    for (int64_t i = 0; i < channels; ++i) {
      a[i] = scale[i] / std::sqrt(variance[i] + epsilon);
      b[i] = bias[i] - mean[i] * a[i];
    }
    auto paramType = RankedTensorType::get(paramShape, element);
    GraphValue multiplier = constant(paramType, floatBytes(element, a));
    GraphValue addend = constant(paramType, floatBytes(element, b));
    multiplier.name = params[0]->name + ".folded";
    addend.name = params[1]->name + ".folded";
    setOutput(0,
              elementwise({*x, materialize(multiplier), materialize(addend)},
                          type.getShape(), element,
                          [](OpBuilder &b, Location loc, ValueRange args) {
                            return arith::AddFOp::create(
                                b, loc,
                                arith::MulFOp::create(b, loc, args[0], args[1]),
                                args[2]);
                          }));
    return success();
  }
  SmallVector<Value> inputs = {*x};
  for (GraphValue *param : params)
    inputs.push_back(reshape(materialize(*param), paramShape));
  setOutput(
      0,
      elementwise(
          inputs, type.getShape(), element,
          [&](OpBuilder &b, Location loc, ValueRange args) {
            Value centered = arith::SubFOp::create(b, loc, args[0], args[3]);
            Value deviation = math::SqrtOp::create(
                b, loc,
                arith::AddFOp::create(b, loc, args[4],
                                      floatConstant(b, loc, element, epsilon)));
            Value normalized =
                arith::DivFOp::create(b, loc, centered, deviation);
            return arith::AddFOp::create(
                b, loc, arith::MulFOp::create(b, loc, normalized, args[1]),
                args[2]);
          }));
  return success();
}

LogicalResult Importer::importPool() {
  bool isMax = node->op_type() == "MaxPool";
  FailureOr<Value> x = inputValue(0);
  if (failed(x) || failed(unusedOutputsFrom(1)))
    return failure();
  RankedTensorType type = typeOf(*x);
  Type element = type.getElementType();
  if (type.getRank() != 4)
    return nodeError("only 2-D pools (4-D inputs) are supported; the input "
                     "is " +
                     shapeString(type.getShape()));
  if (!isMax && !element.isF32() && !element.isF64())
    return nodeError("AveragePool needs f32 or f64 elements");
  std::optional<Ints> kernel = intsAttr("kernel_shape");
  if (!kernel || kernel->size() != 2 ||
      llvm::any_of(*kernel, [](int64_t v) { return v <= 0; }))
    return nodeError("kernel_shape with 2 positive values is required");
  Ints strides = intsAttr("strides").value_or(Ints{1, 1});
  Ints dilations = intsAttr("dilations").value_or(Ints{1, 1});
  if (strides.size() != 2 || dilations.size() != 2)
    return nodeError("strides and dilations need 2 values");
  if (llvm::any_of(strides, [](int64_t v) { return v <= 0; }) ||
      llvm::any_of(dilations, [](int64_t v) { return v <= 0; }))
    return nodeError("strides and dilations must be positive");
  ArrayRef<int64_t> spatial = type.getShape().drop_front(2);
  FailureOr<Ints> pads = spatialPads(spatial, *kernel, strides, dilations);
  if (failed(pads))
    return failure();
  bool ceilMode = intAttr("ceil_mode", 0);
  Ints out = {type.getDimSize(0), type.getDimSize(1), 0, 0};
  Ints extra(2, 0);
  for (int i : {0, 1}) {
    int64_t span = dilations[i] * ((*kernel)[i] - 1) + 1;
    int64_t padded = spatial[i] + (*pads)[i] + (*pads)[2 + i];
    if (padded < span)
      return nodeError("the kernel is larger than the padded input");
    int64_t size = ceilMode ? llvm::divideCeil(padded - span, strides[i]) + 1
                            : (padded - span) / strides[i] + 1;
    // The last window must start inside the input or its begin padding.
    if (ceilMode && (size - 1) * strides[i] >= spatial[i] + (*pads)[i])
      --size;
    out[2 + i] = size;
    extra[i] = std::max<int64_t>(0, (size - 1) * strides[i] + span - padded);
  }
  double padValue = isMax ? -std::numeric_limits<double>::infinity() : 0;
  Value padded =
      pad(*x, {0, 0, (*pads)[0], (*pads)[1]},
          {0, 0, (*pads)[2] + extra[0], (*pads)[3] + extra[1]}, padValue);
  Value window = empty(*kernel, element);
  auto outType = RankedTensorType::get(out, element);
  auto strideAttr = pairAttr(builder, strides);
  auto dilationAttr = pairAttr(builder, dilations);
  if (isMax) {
    setOutput(0, linalg::PoolingNchwMaxOp::create(
                     builder, location, TypeRange{outType},
                     ValueRange{padded, window},
                     ValueRange{fill(out, element, padValue)}, strideAttr,
                     dilationAttr)
                     .getResult(0));
    return success();
  }
  Value sum =
      linalg::PoolingNchwSumOp::create(
          builder, location, TypeRange{outType}, ValueRange{padded, window},
          ValueRange{fill(out, element, 0)}, strideAttr, dilationAttr)
          .getResult(0);
  // How many elements each window averages: the padding counts with
  // count_include_pad, the extra padding of ceil_mode never does.
  bool includePad = intAttr("count_include_pad", 0);
  if (out[2] * out[3] > kMaxFoldedElements)
    return nodeError("the output is too large to average here");
  Floats divisor(out[2] * out[3]);
  SmallVector<Ints> counts(2);
  for (int i : {0, 1})
    for (int64_t o = 0; o < out[2 + i]; ++o) {
      int64_t count = 0;
      for (int64_t k = 0; k < (*kernel)[i]; ++k) {
        int64_t position = o * strides[i] - (*pads)[i] + k * dilations[i];
        int64_t begin = includePad ? -(*pads)[i] : 0;
        int64_t end = spatial[i] + (includePad ? (*pads)[2 + i] : 0);
        count += position >= begin && position < end;
      }
      counts[i].push_back(count);
    }
  for (int64_t h = 0; h < out[2]; ++h)
    for (int64_t w = 0; w < out[3]; ++w)
      divisor[h * out[3] + w] = double(counts[0][h] * counts[1][w]);
  GraphValue divisors =
      constant(RankedTensorType::get({out[2], out[3]}, element),
               floatBytes(element, divisor));
  divisors.name = nodeName() + ".divisor";
  setOutput(0, elementwise({sum, materialize(divisors)}, out, element,
                           [](OpBuilder &b, Location loc, ValueRange args) {
                             return arith::DivFOp::create(b, loc, args[0],
                                                          args[1]);
                           }));
  return success();
}

LogicalResult Importer::importGlobalPool() {
  bool isMax = node->op_type() == "GlobalMaxPool";
  FailureOr<Value> x = inputValue(0);
  if (failed(x))
    return failure();
  RankedTensorType type = typeOf(*x);
  Type element = type.getElementType();
  if (type.getRank() < 3 || !isa<FloatType>(element))
    return nodeError("needs a floating-point input of rank 3 or more");
  Ints axes, out(type.getShape());
  int64_t count = 1;
  for (int64_t dim = 2; dim < type.getRank(); ++dim) {
    axes.push_back(dim);
    count *= out[dim];
    out[dim] = 1;
  }
  Value reduced = reduce(
      *x, axes, isMax ? -std::numeric_limits<double>::infinity() : 0,
      [&](OpBuilder &b, Location loc, ValueRange args) -> Value {
        return isMax
                   ? Value(arith::MaximumFOp::create(b, loc, args[0], args[1]))
                   : Value(arith::AddFOp::create(b, loc, args[0], args[1]));
      });
  if (!isMax)
    reduced = elementwise({reduced}, typeOf(reduced).getShape(), element,
                          [&](OpBuilder &b, Location loc, ValueRange args) {
                            return arith::DivFOp::create(
                                b, loc, args[0],
                                floatConstant(b, loc, element, count));
                          });
  setOutput(0, reshape(reduced, out));
  return success();
}

//===----------------------------------------------------------------------===//
// Contractions and reductions
//===----------------------------------------------------------------------===//

LogicalResult Importer::importGemm() {
  FailureOr<Value> a = inputValue(0), b = inputValue(1);
  if (failed(a) || failed(b))
    return failure();
  RankedTensorType aType = typeOf(*a), bType = typeOf(*b);
  Type element = aType.getElementType();
  if (aType.getRank() != 2 || bType.getRank() != 2 || !isa<FloatType>(element))
    return nodeError("needs two floating-point matrices");
  bool transA = intAttr("transA", 0), transB = intAttr("transB", 0);
  double alpha = floatAttr("alpha", 1), beta = floatAttr("beta", 1);
  int64_t m = aType.getDimSize(transA ? 1 : 0),
          k = aType.getDimSize(transA ? 0 : 1),
          kb = bType.getDimSize(transB ? 1 : 0),
          n = bType.getDimSize(transB ? 0 : 1);
  if (k != kb)
    return nodeError(
        "inner dimensions differ: " + shapeString(aType.getShape()) + " and " +
        shapeString(bType.getShape()));
  Value init;
  if (hasInput(2)) {
    FailureOr<Value> c = inputValue(2);
    if (failed(c))
      return failure();
    FailureOr<Ints> shape = broadcastShapes({typeOf(*c).getShape(), {m, n}});
    if (failed(shape))
      return failure();
    if (*shape != Ints{m, n})
      return nodeError("C of " + shapeString(typeOf(*c).getShape()) +
                       " does not broadcast to " + shapeString({m, n}));
    init = elementwise(
        {*c}, {m, n}, element,
        [&](OpBuilder &b, Location loc, ValueRange args) {
          if (beta == 1)
            return args[0];
          return Value(arith::MulFOp::create(
              b, loc, args[0], floatConstant(b, loc, element, beta)));
        });
  } else {
    init = fill({m, n}, element, 0);
  }
  AffineExpr dm = getAffineDimExpr(0, &context),
             dn = getAffineDimExpr(1, &context),
             dk = getAffineDimExpr(2, &context);
  SmallVector<AffineMap> maps = {
      AffineMap::get(3, 0, transA ? ArrayRef{dk, dm} : ArrayRef{dm, dk},
                     &context),
      AffineMap::get(3, 0, transB ? ArrayRef{dn, dk} : ArrayRef{dk, dn},
                     &context),
      AffineMap::get(3, 0, {dm, dn}, &context)};
  using utils::IteratorType;
  auto generic = linalg::GenericOp::create(
      builder, location, init.getType(), ValueRange{*a, *b}, ValueRange{init},
      maps,
      {IteratorType::parallel, IteratorType::parallel, IteratorType::reduction},
      [&](OpBuilder &b, Location loc, ValueRange args) {
        Value product = arith::MulFOp::create(b, loc, args[0], args[1]);
        if (alpha != 1)
          product = arith::MulFOp::create(
              b, loc, product, floatConstant(b, loc, element, alpha));
        linalg::YieldOp::create(
            b, loc, Value(arith::AddFOp::create(b, loc, args[2], product)));
      });
  setOutput(0, generic.getResult(0));
  return success();
}

LogicalResult Importer::importMatMul() {
  FailureOr<Value> a = inputValue(0), b = inputValue(1);
  if (failed(a) || failed(b))
    return failure();
  ArrayRef<int64_t> aShape = typeOf(*a).getShape(),
                    bShape = typeOf(*b).getShape();
  Type element = typeOf(*a).getElementType();
  if (aShape.empty() || bShape.empty() ||
      element != typeOf(*b).getElementType())
    return nodeError("needs two tensors of rank 1 or more of one type");
  bool aVector = aShape.size() == 1, bVector = bShape.size() == 1;
  int64_t k = aShape.back();
  int64_t kb = bVector ? bShape[0] : bShape[bShape.size() - 2];
  if (k != kb)
    return nodeError("inner dimensions differ: " + shapeString(aShape) +
                     " and " + shapeString(bShape));
  ArrayRef<int64_t> aBatch = aShape.drop_back(aVector ? 1 : 2),
                    bBatch = bShape.drop_back(bVector ? 1 : 2);
  FailureOr<Ints> batch = broadcastShapes({aBatch, bBatch});
  if (failed(batch))
    return failure();
  // Loops: the batch, m, n, then k.
  int64_t batchRank = batch->size();
  int64_t loops = batchRank + !aVector + !bVector + 1;
  AffineExpr dk = getAffineDimExpr(loops - 1, &context);
  AffineExpr dm = getAffineDimExpr(batchRank, &context);
  AffineExpr dn = getAffineDimExpr(batchRank + !aVector, &context);
  auto batchExprs = [&](ArrayRef<int64_t> shape) {
    SmallVector<AffineExpr> exprs;
    int64_t offset = batchRank - shape.size();
    for (auto [i, dim] : llvm::enumerate(shape))
      exprs.push_back(dim == 1 && (*batch)[offset + i] != 1
                          ? getAffineConstantExpr(0, &context)
                          : getAffineDimExpr(offset + i, &context));
    return exprs;
  };
  SmallVector<AffineExpr> aExprs = batchExprs(aBatch),
                          bExprs = batchExprs(bBatch), outExprs;
  if (!aVector)
    aExprs.push_back(dm);
  aExprs.push_back(dk);
  bExprs.push_back(dk);
  if (!bVector)
    bExprs.push_back(dn);
  Ints out = *batch;
  for (int64_t i = 0; i < batchRank; ++i)
    outExprs.push_back(getAffineDimExpr(i, &context));
  if (!aVector) {
    out.push_back(aShape[aShape.size() - 2]);
    outExprs.push_back(dm);
  }
  if (!bVector) {
    out.push_back(bShape.back());
    outExprs.push_back(dn);
  }
  SmallVector<utils::IteratorType> iterators(loops - 1,
                                             utils::IteratorType::parallel);
  iterators.push_back(utils::IteratorType::reduction);
  Value init = fill(out, element, 0);
  auto generic = linalg::GenericOp::create(
      builder, location, init.getType(), ValueRange{*a, *b}, ValueRange{init},
      SmallVector<AffineMap>{AffineMap::get(loops, 0, aExprs, &context),
                             AffineMap::get(loops, 0, bExprs, &context),
                             AffineMap::get(loops, 0, outExprs, &context)},
      iterators, [&](OpBuilder &b, Location loc, ValueRange args) {
        Value product = combine(b, loc, "Mul", args[0], args[1]);
        linalg::YieldOp::create(b, loc,
                                combine(b, loc, "Add", args[2], product));
      });
  setOutput(0, generic.getResult(0));
  return success();
}

LogicalResult Importer::importSoftmax() {
  bool logarithm = node->op_type() == "LogSoftmax";
  FailureOr<Value> x = inputValue(0);
  if (failed(x))
    return failure();
  RankedTensorType type = typeOf(*x);
  Type element = type.getElementType();
  if (!isa<FloatType>(element))
    return nodeError("needs a floating-point input");
  int64_t axis = normalizeAxis(intAttr("axis", -1), type.getRank());
  if (axis < 0)
    return nodeError("axis out of range");
  Ints kept(type.getShape());
  kept[axis] = 1;
  auto add = [](OpBuilder &b, Location loc, ValueRange args) -> Value {
    return arith::AddFOp::create(b, loc, args[0], args[1]);
  };
  Value maximum = reshape(
      reduce(*x, {axis}, -std::numeric_limits<double>::infinity(),
             [](OpBuilder &b, Location loc, ValueRange args) -> Value {
               return arith::MaximumFOp::create(b, loc, args[0], args[1]);
             }),
      kept);
  Value exponential = elementwise(
      {*x, maximum}, type.getShape(), element,
      [](OpBuilder &b, Location loc, ValueRange args) -> Value {
        return math::ExpOp::create(
            b, loc, arith::SubFOp::create(b, loc, args[0], args[1]));
      });
  Value sum = reshape(reduce(exponential, {axis}, 0, add), kept);
  if (logarithm) {
    setOutput(0, elementwise(
                     {*x, maximum, sum}, type.getShape(), element,
                     [](OpBuilder &b, Location loc, ValueRange args) -> Value {
                       return arith::SubFOp::create(
                           b, loc,
                           arith::SubFOp::create(b, loc, args[0], args[1]),
                           math::LogOp::create(b, loc, args[2]));
                     }));
    return success();
  }
  setOutput(0, elementwise({exponential, sum}, type.getShape(), element,
                           [](OpBuilder &b, Location loc, ValueRange args) {
                             return arith::DivFOp::create(b, loc, args[0],
                                                          args[1]);
                           }));
  return success();
}

LogicalResult Importer::importReduce() {
  StringRef op = node->op_type();
  FailureOr<Value> x = inputValue(0);
  if (failed(x))
    return failure();
  RankedTensorType type = typeOf(*x);
  Type element = type.getElementType();
  int64_t rank = type.getRank();
  bool axesAsInput = op == "ReduceSum" ? opset >= 13 : opset >= 18;
  FailureOr<Ints> given =
      axesAsInput ? constantIntsOr(1, "axes", {})
                  : FailureOr<Ints>(intsAttr("axes").value_or(Ints{}));
  if (failed(given))
    return failure();
  Ints axes = *given;
  if (axes.empty()) {
    if (intAttr("noop_with_empty_axes", 0)) {
      setOutput(0, *x);
      return success();
    }
    for (int64_t dim = 0; dim < rank; ++dim)
      axes.push_back(dim);
  }
  for (int64_t &axis : axes) {
    axis = normalizeAxis(axis, rank);
    if (axis < 0)
      return nodeError("axis out of range");
  }
  llvm::sort(axes);
  axes.erase(std::unique(axes.begin(), axes.end()), axes.end());
  bool isFloat = isa<FloatType>(element);
  if ((op == "ReduceMean" || op == "ReduceL2") && !isFloat)
    return nodeError("needs a floating-point input");
  double infinity = std::numeric_limits<double>::infinity();
  double init = op == "ReduceMax"    ? -infinity
                : op == "ReduceMin"  ? infinity
                : op == "ReduceProd" ? 1
                                     : 0;
  StringRef step = op == "ReduceMax"    ? "Max"
                   : op == "ReduceMin"  ? "Min"
                   : op == "ReduceProd" ? "Mul"
                                        : "Add";
  bool squares = op == "ReduceSumSquare" || op == "ReduceL2";
  Value reduced =
      reduce(*x, axes, init, [&](OpBuilder &b, Location loc, ValueRange args) {
        Value value = args[0];
        if (squares)
          value = combine(b, loc, "Mul", value, value);
        return combine(b, loc, step, args[1], value);
      });
  int64_t count = 1;
  for (int64_t axis : axes)
    count *= type.getDimSize(axis);
  if (op == "ReduceMean" || op == "ReduceL2")
    reduced = elementwise(
        {reduced}, typeOf(reduced).getShape(), element,
        [&](OpBuilder &b, Location loc, ValueRange args) {
          if (op == "ReduceL2")
            return Value(math::SqrtOp::create(b, loc, args[0]));
          return Value(arith::DivFOp::create(
              b, loc, args[0], floatConstant(b, loc, element, count)));
        });
  if (intAttr("keepdims", 1)) {
    Ints kept(type.getShape());
    for (int64_t axis : axes)
      kept[axis] = 1;
    reduced = reshape(reduced, kept);
  }
  setOutput(0, reduced);
  return success();
}

LogicalResult Importer::importLayerNormalization() {
  FailureOr<Value> x = inputValue(0), scale = inputValue(1);
  if (failed(x) || failed(scale) || failed(unusedOutputsFrom(1)))
    return failure();
  RankedTensorType type = typeOf(*x);
  Type element = type.getElementType();
  if (!isa<FloatType>(element))
    return nodeError("needs a floating-point input");
  int64_t rank = type.getRank();
  int64_t axis = normalizeAxis(intAttr("axis", -1), rank);
  if (axis < 0)
    return nodeError("axis out of range");
  double epsilon = floatAttr("epsilon", 1e-5f);
  Ints axes, kept(type.getShape());
  int64_t count = 1;
  for (int64_t dim = axis; dim < rank; ++dim) {
    axes.push_back(dim);
    count *= kept[dim];
    kept[dim] = 1;
  }
  auto c = [&](OpBuilder &b, Location loc, double value) {
    return floatConstant(b, loc, element, value);
  };
  Value sum =
      reduce(*x, axes, 0, [](OpBuilder &b, Location loc, ValueRange args) {
        return Value(arith::AddFOp::create(b, loc, args[1], args[0]));
      });
  Value mean =
      reshape(elementwise({sum}, typeOf(sum).getShape(), element,
                          [&](OpBuilder &b, Location loc, ValueRange args) {
                            return arith::DivFOp::create(b, loc, args[0],
                                                         c(b, loc, count));
                          }),
              kept);
  Value centered =
      elementwise({*x, mean}, type.getShape(), element,
                  [](OpBuilder &b, Location loc, ValueRange args) {
                    return arith::SubFOp::create(b, loc, args[0], args[1]);
                  });
  Value squares = reduce(
      centered, axes, 0, [](OpBuilder &b, Location loc, ValueRange args) {
        return Value(arith::AddFOp::create(
            b, loc, args[1], arith::MulFOp::create(b, loc, args[0], args[0])));
      });
  Value deviation =
      reshape(elementwise({squares}, typeOf(squares).getShape(), element,
                          [&](OpBuilder &b, Location loc, ValueRange args) {
                            Value variance = arith::DivFOp::create(
                                b, loc, args[0], c(b, loc, count));
                            return math::SqrtOp::create(
                                b, loc,
                                arith::AddFOp::create(b, loc, variance,
                                                      c(b, loc, epsilon)));
                          }),
              kept);
  SmallVector<Value> inputs = {centered, deviation, *scale};
  if (hasInput(2)) {
    FailureOr<Value> bias = inputValue(2);
    if (failed(bias))
      return failure();
    inputs.push_back(*bias);
  }
  SmallVector<ArrayRef<int64_t>> shapes;
  for (Value input : inputs)
    shapes.push_back(typeOf(input).getShape());
  FailureOr<Ints> shape = broadcastShapes(shapes);
  if (failed(shape))
    return failure();
  setOutput(0, elementwise(
                   inputs, *shape, element,
                   [](OpBuilder &b, Location loc, ValueRange args) {
                     Value normalized =
                         arith::DivFOp::create(b, loc, args[0], args[1]);
                     Value scaled =
                         arith::MulFOp::create(b, loc, normalized, args[2]);
                     if (args.size() > 3)
                       scaled = arith::AddFOp::create(b, loc, scaled, args[3]);
                     return scaled;
                   }));
  return success();
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

LogicalResult Importer::importConcat() {
  SmallVector<Value> inputs;
  for (int i = 0; i < node->input_size(); ++i) {
    FailureOr<Value> value = inputValue(i);
    if (failed(value))
      return failure();
    inputs.push_back(*value);
  }
  if (inputs.empty())
    return nodeError("needs at least one input");
  RankedTensorType first = typeOf(inputs[0]);
  int64_t axis = normalizeAxis(intAttr("axis", 0), first.getRank());
  if (axis < 0)
    return nodeError("axis out of range");
  Ints out(first.getShape());
  out[axis] = 0;
  for (Value input : inputs) {
    RankedTensorType type = typeOf(input);
    for (int64_t dim = 0; dim < first.getRank(); ++dim)
      if (type.getRank() != first.getRank() ||
          (dim != axis && type.getDimSize(dim) != first.getDimSize(dim)) ||
          type.getElementType() != first.getElementType())
        return nodeError("inputs " + shapeString(first.getShape()) + " and " +
                         shapeString(type.getShape()) +
                         " do not concatenate on axis " + std::to_string(axis));
    out[axis] += type.getDimSize(axis);
  }
  Value result = empty(out, first.getElementType());
  int64_t offset = 0;
  for (Value input : inputs) {
    RankedTensorType type = typeOf(input);
    if (type.getNumElements() == 0)
      continue;
    SmallVector<OpFoldResult> offsets, sizes,
        strides(type.getRank(), builder.getIndexAttr(1));
    for (int64_t dim = 0; dim < type.getRank(); ++dim) {
      offsets.push_back(builder.getIndexAttr(dim == axis ? offset : 0));
      sizes.push_back(builder.getIndexAttr(type.getDimSize(dim)));
    }
    result = tensor::InsertSliceOp::create(builder, location, input, result,
                                           offsets, sizes, strides);
    offset += type.getDimSize(axis);
  }
  setOutput(0, result);
  return success();
}

LogicalResult Importer::importSplit() {
  FailureOr<Value> x = inputValue(0);
  if (failed(x))
    return failure();
  RankedTensorType type = typeOf(*x);
  int64_t axis = normalizeAxis(intAttr("axis", 0), type.getRank());
  if (axis < 0)
    return nodeError("axis out of range");
  int64_t size = type.getDimSize(axis);
  int64_t outputs = node->output_size();
  FailureOr<Ints> given =
      constantIntsOr(1, "split", intsAttr("split").value_or(Ints{}));
  if (failed(given))
    return failure();
  Ints sizes = *given;
  if (sizes.empty()) {
    int64_t parts = intAttr("num_outputs", outputs);
    int64_t each = llvm::divideCeil(size, parts);
    for (int64_t i = 0; i < parts; ++i)
      sizes.push_back(std::clamp<int64_t>(size - i * each, 0, each));
  }
  int64_t total = 0;
  for (int64_t part : sizes) {
    if (part < 0)
      return nodeError("a split size is negative");
    total += part;
  }
  if (int64_t(sizes.size()) != outputs || total != size)
    return nodeError("splits of " + shapeString(sizes) + " do not divide " +
                     std::to_string(size) + " into " + std::to_string(outputs) +
                     " outputs");
  int64_t offset = 0;
  for (auto [i, part] : llvm::enumerate(sizes)) {
    SmallVector<OpFoldResult> offsets, lengths,
        strides(type.getRank(), builder.getIndexAttr(1));
    for (int64_t dim = 0; dim < type.getRank(); ++dim) {
      offsets.push_back(builder.getIndexAttr(dim == axis ? offset : 0));
      lengths.push_back(
          builder.getIndexAttr(dim == axis ? part : type.getDimSize(dim)));
    }
    setOutput(i, Value(tensor::ExtractSliceOp::create(
                     builder, location, *x, offsets, lengths, strides)));
    offset += part;
  }
  return success();
}

FailureOr<Importer::SliceParameters>
Importer::sliceParameters(ArrayRef<int64_t> shape) {
  FailureOr<Ints> starts = constantInts(1, "starts"),
                  ends = constantInts(2, "ends");
  if (failed(starts) || failed(ends))
    return failure();
  int64_t rank = shape.size();
  FailureOr<Ints> givenAxes = constantIntsOr(
      3, "axes", llvm::to_vector(llvm::seq<int64_t>(0, starts->size())));
  FailureOr<Ints> givenSteps =
      constantIntsOr(4, "steps", Ints(starts->size(), 1));
  if (failed(givenAxes) || failed(givenSteps))
    return failure();
  Ints axes = *givenAxes, steps = *givenSteps;
  if (ends->size() != starts->size() || axes.size() != starts->size() ||
      steps.size() != starts->size()) {
    return nodeError("starts, ends, axes and steps differ in length");
  }
  SliceParameters result{Ints(rank, 0), Ints(shape), Ints(rank, 1)};
  for (size_t i = 0; i < axes.size(); ++i) {
    int64_t axis = normalizeAxis(axes[i], rank);
    if (axis < 0) {
      return nodeError("axis out of range");
    }
    int64_t dim = shape[axis], step = steps[i];
    if (step == 0) {
      return nodeError("a step is 0");
    }
    // Forward, indices clamp to [0, dim]; backward, to [-1, dim - 1].
    auto clampIndex = [&](int64_t index) {
      if (index < 0)
        index += dim;
      return step > 0 ? std::clamp<int64_t>(index, 0, dim)
                      : std::clamp<int64_t>(index, -1, dim - 1);
    };
    int64_t start = clampIndex((*starts)[i]), end = clampIndex((*ends)[i]);
    int64_t count =
        (end - start) * step <= 0
            ? 0
            : llvm::divideCeil(std::abs(end - start), std::abs(step));
    result.start[axis] = start;
    result.count[axis] = count;
    result.step[axis] = step;
  }
  return result;
}

LogicalResult Importer::importSlice() {
  FailureOr<Value> x = inputValue(0);
  if (failed(x))
    return failure();
  RankedTensorType type = typeOf(*x);
  int64_t rank = type.getRank();
  FailureOr<SliceParameters> slice = sliceParameters(type.getShape());
  if (failed(slice))
    return failure();
  // A backward step reads the same elements forward from the last one; a
  // reversing copy follows.
  SmallVector<OpFoldResult> offsets, sizes, strides;
  bool reverses = false;
  for (int64_t dim = 0; dim < rank; ++dim) {
    int64_t start = slice->start[dim], count = slice->count[dim],
            step = slice->step[dim];
    offsets.push_back(builder.getIndexAttr(
        step > 0 || count == 0 ? start : start + (count - 1) * step));
    sizes.push_back(builder.getIndexAttr(count));
    strides.push_back(builder.getIndexAttr(std::abs(step)));
    reverses |= step < 0;
  }
  Value result = tensor::ExtractSliceOp::create(builder, location, *x, offsets,
                                                sizes, strides);
  if (reverses) {
    SmallVector<AffineExpr> exprs;
    for (int64_t dim = 0; dim < rank; ++dim) {
      AffineExpr d = getAffineDimExpr(dim, &context);
      exprs.push_back(slice->step[dim] < 0 ? slice->count[dim] - 1 - d : d);
    }
    auto generic = linalg::GenericOp::create(
        builder, location, result.getType(), ValueRange{result},
        ValueRange{empty(slice->count, type.getElementType())},
        SmallVector<AffineMap>{
            AffineMap::get(rank, 0, exprs, &context),
            AffineMap::getMultiDimIdentityMap(rank, &context)},
        SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
        [](OpBuilder &b, Location loc, ValueRange args) {
          linalg::YieldOp::create(b, loc, args[0]);
        });
    result = generic.getResult(0);
  }
  setOutput(0, result);
  return success();
}

LogicalResult Importer::importReshapeLike() {
  StringRef op = node->op_type();
  GraphValue *x = input(0);
  if (!x)
    return nodeError("input 0 is required");
  ArrayRef<int64_t> shape = x->type.getShape();
  int64_t rank = shape.size();
  Ints out;
  if (op == "Reshape") {
    FailureOr<Ints> target = constantInts(1, "the shape");
    if (failed(target))
      return failure();
    bool allowZero = intAttr("allowzero", 0);
    int64_t known = 1, inferred = -1;
    for (auto [i, dim] : llvm::enumerate(*target)) {
      if (dim == 0 && !allowZero) {
        if (int64_t(i) >= rank)
          return nodeError("a 0 in the shape has no input dimension to copy");
        dim = shape[i];
      }
      if (dim == -1) {
        if (inferred >= 0)
          return nodeError("the shape has more than one -1");
        inferred = i;
        continue;
      }
      if (dim < 0)
        return nodeError("the shape has a negative dimension");
      known *= dim;
    }
    out = *target;
    if (inferred >= 0) {
      if (known == 0 || x->type.getNumElements() % known)
        return nodeError("cannot infer the -1 of shape " +
                         shapeString(*target) + " for " + shapeString(shape));
      out[inferred] = x->type.getNumElements() / known;
    }
  } else if (op == "Flatten") {
    int64_t axis = intAttr("axis", 1);
    if (axis < 0)
      axis += rank;
    if (axis < 0 || axis > rank)
      return nodeError("axis out of range");
    out = {product(shape.take_front(axis)), product(shape.drop_front(axis))};
  } else if (op == "Squeeze") {
    FailureOr<Ints> given =
        constantIntsOr(1, "axes", intsAttr("axes").value_or(Ints{}));
    if (failed(given))
      return failure();
    Ints axes = *given;
    for (int64_t &axis : axes) {
      axis = normalizeAxis(axis, rank);
      if (axis < 0 || shape[axis] != 1)
        return nodeError("squeezes an axis that is out of range or not 1");
    }
    for (int64_t dim = 0; dim < rank; ++dim)
      if (axes.empty() ? shape[dim] != 1 : !llvm::is_contained(axes, dim))
        out.push_back(shape[dim]);
  } else { // Unsqueeze
    FailureOr<Ints> given =
        constantIntsOr(1, "axes", intsAttr("axes").value_or(Ints{}));
    if (failed(given))
      return failure();
    Ints axes = *given;
    int64_t outRank = rank + axes.size();
    for (int64_t &axis : axes) {
      axis = normalizeAxis(axis, outRank);
      if (axis < 0)
        return nodeError("axis out of range");
    }
    llvm::sort(axes);
    if (std::adjacent_find(axes.begin(), axes.end()) != axes.end())
      return nodeError("an axis is given twice");
    for (int64_t dim = 0, next = 0; dim < outRank; ++dim)
      out.push_back(llvm::is_contained(axes, dim) ? 1 : shape[next++]);
  }
  if (product(out) != x->type.getNumElements())
    return nodeError("cannot reshape " + shapeString(shape) + " to " +
                     shapeString(out));
  auto type = RankedTensorType::get(out, x->type.getElementType());
  if (x->isConstant()) {
    setOutput(0, GraphValue{type, Value(), x->data, x->name});
    return success();
  }
  setOutput(0, reshape(x->value, out));
  return success();
}

LogicalResult Importer::importTranspose() {
  FailureOr<Value> x = inputValue(0);
  if (failed(x))
    return failure();
  RankedTensorType type = typeOf(*x);
  int64_t rank = type.getRank();
  Ints perm;
  for (int64_t dim = rank - 1; dim >= 0; --dim)
    perm.push_back(dim);
  perm = intsAttr("perm").value_or(perm);
  Ints sorted = perm;
  llvm::sort(sorted);
  if (int64_t(perm.size()) != rank ||
      llvm::any_of(llvm::enumerate(sorted),
                   [](auto p) { return int64_t(p.index()) != p.value(); }))
    return nodeError("perm is not a permutation of the input's dimensions");
  Ints out;
  for (int64_t dim : perm)
    out.push_back(type.getDimSize(dim));
  if (llvm::equal(perm, llvm::seq<int64_t>(0, rank))) {
    setOutput(0, *x);
    return success();
  }
  setOutput(0,
            linalg::TransposeOp::create(builder, location, *x,
                                        empty(out, type.getElementType()), perm)
                ->getResult(0));
  return success();
}

LogicalResult Importer::importGather() {
  FailureOr<Value> data = inputValue(0);
  GraphValue *indices = input(1);
  if (failed(data))
    return failure();
  if (!indices)
    return nodeError("input 1 is required");
  RankedTensorType type = typeOf(*data);
  int64_t rank = type.getRank();
  int64_t axis = normalizeAxis(intAttr("axis", 0), rank);
  if (axis < 0)
    return nodeError("axis out of range");
  int64_t dim = type.getDimSize(axis);
  // One constant index: a slice, viewed rather than copied.
  if (std::optional<Ints> constant = ints(*indices);
      constant && indices->type.getRank() == 0) {
    int64_t index = (*constant)[0] < 0 ? (*constant)[0] + dim : (*constant)[0];
    if (index < 0 || index >= dim)
      return nodeError("index " + std::to_string((*constant)[0]) +
                       " is out of range for a dimension of " +
                       std::to_string(dim));
    SmallVector<OpFoldResult> offsets, sizes,
        strides(rank, builder.getIndexAttr(1));
    Ints out;
    for (int64_t d = 0; d < rank; ++d) {
      offsets.push_back(builder.getIndexAttr(d == axis ? index : 0));
      sizes.push_back(builder.getIndexAttr(d == axis ? 1 : type.getDimSize(d)));
      if (d != axis)
        out.push_back(type.getDimSize(d));
    }
    Value slice = tensor::ExtractSliceOp::create(builder, location, *data,
                                                 offsets, sizes, strides);
    setOutput(0, reshape(slice, out));
    return success();
  }
  Value index = materialize(*indices);
  if (!isa<IntegerType>(indices->type.getElementType()))
    return nodeError("indices must be integers");
  int64_t indexRank = indices->type.getRank();
  Ints out(type.getShape().take_front(axis));
  out.append(indices->type.getShape().begin(), indices->type.getShape().end());
  out.append(type.getShape().begin() + axis + 1, type.getShape().end());
  int64_t loops = out.size();
  SmallVector<AffineExpr> indexExprs;
  for (int64_t d = 0; d < indexRank; ++d)
    indexExprs.push_back(getAffineDimExpr(axis + d, &context));
  SmallVector<AffineMap> maps = {
      AffineMap::get(loops, 0, indexExprs, &context),
      AffineMap::getMultiDimIdentityMap(loops, &context)};
  SmallVector<utils::IteratorType> iterators(loops,
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      builder, location, RankedTensorType::get(out, type.getElementType()),
      ValueRange{index}, ValueRange{empty(out, type.getElementType())}, maps,
      iterators, [&](OpBuilder &b, Location loc, ValueRange args) {
        Value position =
            arith::IndexCastOp::create(b, loc, b.getIndexType(), args[0]);
        // Negative indices count from the end.
        Value zero = arith::ConstantIndexOp::create(b, loc, 0);
        Value size = arith::ConstantIndexOp::create(b, loc, dim);
        Value negative = arith::CmpIOp::create(
            b, loc, arith::CmpIPredicate::slt, position, zero);
        position = arith::SelectOp::create(
            b, loc, negative, arith::AddIOp::create(b, loc, position, size),
            position);
        SmallVector<Value> coordinates;
        for (int64_t d = 0; d < rank; ++d)
          coordinates.push_back(
              d == axis ? position
                        : Value(linalg::IndexOp::create(
                              b, loc, d < axis ? d : d + indexRank - 1)));
        linalg::YieldOp::create(
            b, loc,
            Value(tensor::ExtractOp::create(b, loc, *data, coordinates)));
      });
  setOutput(0, generic.getResult(0));
  return success();
}

LogicalResult Importer::importExpand() {
  FailureOr<Value> x = inputValue(0);
  FailureOr<Ints> shape = constantInts(1, "the shape");
  if (failed(x) || failed(shape))
    return failure();
  if (!isReasonableShape(*shape))
    return nodeError("the shape has a negative or impossibly large "
                     "dimension");
  RankedTensorType type = typeOf(*x);
  FailureOr<Ints> out = broadcastShapes({type.getShape(), *shape});
  if (failed(out))
    return failure();
  if (!isReasonableShape(*out))
    return nodeError("the result is impossibly large");
  if (ArrayRef<int64_t>(*out) == type.getShape()) {
    setOutput(0, *x);
    return success();
  }
  setOutput(0, elementwise({*x}, *out, type.getElementType(),
                           [](OpBuilder &, Location, ValueRange args) {
                             return args[0];
                           }));
  return success();
}

LogicalResult Importer::importPad() {
  FailureOr<Value> x = inputValue(0);
  FailureOr<Ints> pads = constantInts(1, "pads");
  if (failed(x) || failed(pads))
    return failure();
  std::string mode = stringAttr("mode", "constant");
  if (mode != "constant")
    return nodeError("mode='" + mode + "' is not supported");
  RankedTensorType type = typeOf(*x);
  int64_t rank = type.getRank();
  FailureOr<Ints> givenAxes =
      constantIntsOr(3, "axes", llvm::to_vector(llvm::seq<int64_t>(0, rank)));
  if (failed(givenAxes))
    return failure();
  Ints axes = *givenAxes;
  if (pads->size() != 2 * axes.size())
    return nodeError("pads has " + std::to_string(pads->size()) +
                     " values for " + std::to_string(axes.size()) + " axes");
  Ints low(rank, 0), high(rank, 0);
  for (auto [i, axis] : llvm::enumerate(axes)) {
    int64_t dim = normalizeAxis(axis, rank);
    if (dim < 0)
      return nodeError("axis out of range");
    low[dim] = (*pads)[i];
    high[dim] = (*pads)[i + axes.size()];
  }
  if (llvm::any_of(*pads, [](int64_t pad) { return pad < 0; }))
    return nodeError("negative pads are not supported");
  double value = 0;
  if (hasInput(2)) {
    GraphValue *given = input(2);
    std::optional<Floats> elements = given ? floats(*given) : std::nullopt;
    if (!elements || elements->size() != 1)
      return nodeError("constant_value must be a constant scalar");
    value = (*elements)[0];
  }
  setOutput(0, pad(*x, low, high, value));
  return success();
}

LogicalResult Importer::importResize() {
  FailureOr<Value> x = inputValue(0);
  if (failed(x))
    return failure();
  RankedTensorType type = typeOf(*x);
  Type element = type.getElementType();
  int64_t rank = type.getRank();
  std::string mode = stringAttr("mode", "nearest");
  std::string transform =
      stringAttr("coordinate_transformation_mode", "half_pixel");
  std::string rounding = stringAttr("nearest_mode", "round_prefer_floor");
  if (mode != "nearest" && mode != "linear")
    return nodeError("mode='" + mode + "' is not supported");
  if (transform != "half_pixel" && transform != "pytorch_half_pixel" &&
      transform != "align_corners" && transform != "asymmetric")
    return nodeError("coordinate_transformation_mode='" + transform +
                     "' is not supported");
  if (!isa<FloatType>(element))
    return nodeError("needs a floating-point input");
  Ints out(type.getShape());
  Floats scales(rank, 1);
  GraphValue *scaleInput = input(2), *sizeInput = input(3);
  if (sizeInput && sizeInput->type.getNumElements()) {
    FailureOr<Ints> sizes = constantInts(3, "sizes");
    if (failed(sizes))
      return failure();
    if (int64_t(sizes->size()) != rank)
      return nodeError("sizes needs one value per dimension");
    for (int64_t d = 0; d < rank; ++d) {
      out[d] = (*sizes)[d];
      scales[d] = double(out[d]) / type.getDimSize(d);
    }
  } else if (scaleInput && scaleInput->type.getNumElements()) {
    std::optional<Floats> given = floats(*scaleInput);
    if (!given || int64_t(given->size()) != rank)
      return nodeError("scales must be a constant with one value per "
                       "dimension");
    for (int64_t d = 0; d < rank; ++d) {
      scales[d] = (*given)[d];
      out[d] = int64_t(std::floor(type.getDimSize(d) * scales[d]));
    }
  } else {
    return nodeError("needs constant scales or sizes");
  }
  // Per dimension, where each output coordinate reads from: one index
  // (nearest) or two with the weight of the second (linear).
  struct Axis {
    int64_t dim;
    Ints low, high;
    Floats weight;
  };
  SmallVector<Axis> resized;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t in = type.getDimSize(d);
    if (out[d] <= 0 || out[d] > kMaxFoldedElements)
      return nodeError("output dimension " + std::to_string(d) + " (" +
                       std::to_string(out[d]) + ") is empty or too large");
    if (out[d] == in && scales[d] == 1)
      continue;
    Axis axis{d, {}, {}, {}};
    for (int64_t o = 0; o < out[d]; ++o) {
      double source =
          transform == "asymmetric" ? o / scales[d]
          : transform == "align_corners"
              ? (out[d] == 1 ? 0 : double(o) * (in - 1) / (out[d] - 1))
          : transform == "pytorch_half_pixel" && out[d] == 1
              ? 0
              : (o + 0.5) / scales[d] - 0.5;
      if (mode == "nearest") {
        double nearest = rounding == "floor"  ? std::floor(source)
                         : rounding == "ceil" ? std::ceil(source)
                         : rounding == "round_prefer_ceil"
                             ? std::floor(source + 0.5)
                             : std::ceil(source - 0.5);
        axis.low.push_back(std::clamp<int64_t>(int64_t(nearest), 0, in - 1));
        continue;
      }
      source = std::clamp<double>(source, 0, in - 1);
      int64_t low = int64_t(std::floor(source));
      axis.low.push_back(low);
      axis.high.push_back(std::min(low + 1, in - 1));
      axis.weight.push_back(source - low);
    }
    resized.push_back(std::move(axis));
  }
  // The tables are the generic's inputs, each read along its dimension.
  SmallVector<Value> tables;
  SmallVector<AffineMap> maps;
  for (const Axis &axis : resized) {
    auto table = [&](GraphValue value) {
      value.name = nodeName() + ".table";
      tables.push_back(materialize(value));
      maps.push_back(AffineMap::get(
          rank, 0, {getAffineDimExpr(axis.dim, &context)}, &context));
    };
    int64_t size = out[axis.dim];
    table(intConstant({size}, builder.getI64Type(), axis.low));
    if (mode == "linear") {
      table(intConstant({size}, builder.getI64Type(), axis.high));
      table(constant(RankedTensorType::get({size}, builder.getF64Type()),
                     floatBytes(builder.getF64Type(), axis.weight)));
    }
  }
  maps.push_back(AffineMap::getMultiDimIdentityMap(rank, &context));
  int64_t perAxis = mode == "linear" ? 3 : 1;
  auto generic = linalg::GenericOp::create(
      builder, location, RankedTensorType::get(out, element), tables,
      ValueRange{empty(out, element)}, maps,
      SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
      [&](OpBuilder &b, Location loc, ValueRange args) {
        SmallVector<Value> base;
        for (int64_t d = 0; d < rank; ++d)
          base.push_back(linalg::IndexOp::create(b, loc, d));
        auto index = [&](Value table) {
          return Value(
              arith::IndexCastOp::create(b, loc, b.getIndexType(), table));
        };
        Value result;
        // Every corner of the cell (one for nearest), weighted.
        for (unsigned corner = 0;
             corner < (1u << (perAxis == 3 ? resized.size() : 0)); ++corner) {
          SmallVector<Value> coordinates = base;
          Value weight;
          for (auto [i, axis] : llvm::enumerate(resized)) {
            bool upper = corner >> i & 1;
            coordinates[axis.dim] = index(args[i * perAxis + (upper ? 1 : 0)]);
            if (perAxis == 1)
              continue;
            Value fraction = convert(b, loc, args[i * perAxis + 2], element);
            if (!upper)
              fraction = arith::SubFOp::create(
                  b, loc, floatConstant(b, loc, element, 1), fraction);
            weight =
                weight ? Value(arith::MulFOp::create(b, loc, weight, fraction))
                       : fraction;
          }
          Value sample = tensor::ExtractOp::create(b, loc, *x, coordinates);
          if (weight)
            sample = arith::MulFOp::create(b, loc, sample, weight);
          result = result ? Value(arith::AddFOp::create(b, loc, result, sample))
                          : sample;
        }
        linalg::YieldOp::create(b, loc, result);
      });
  setOutput(0, generic.getResult(0));
  return success();
}

//===----------------------------------------------------------------------===//
// The graph
//===----------------------------------------------------------------------===//

LogicalResult Importer::importNode() {
  StringRef op = node->op_type();
  if (!node->domain().empty() && node->domain() != "ai.onnx")
    return nodeError("operators of domain '" + node->domain() +
                     "' are not supported");
  for (int i = 0; i < node->input_size(); ++i)
    if (!node->input(i).empty() && !values.count(node->input(i)))
      return nodeError("input '" + node->input(i) +
                       "' is not defined before this node");
  for (const onnx::AttributeProto &attr : node->attribute())
    if (attr.has_g() || attr.graphs_size())
      return nodeError("subgraphs (control flow) are not supported");
  for (int i = 0; i < node->output_size(); ++i)
    if (!node->output(i).empty() && values.count(node->output(i)))
      return nodeError("output '" + node->output(i) + "' is already defined");

  bool folded = false;
  if (failed(foldNode(folded)))
    return failure();
  if (folded)
    return success();

  if (op == "Identity" || op == "Dropout") {
    if (failed(unusedOutputsFrom(1)))
      return failure();
    if (!input(0))
      return nodeError("input 0 is required");
    setOutput(0, *input(0));
    return success();
  }
  using Import = LogicalResult (Importer::*)();
  Import import =
      llvm::StringSwitch<Import>(op)
          .Cases({"Relu", "LeakyRelu", "Sigmoid", "HardSigmoid", "HardSwish",
                  "Tanh", "Erf", "Exp", "Log", "Sqrt", "Neg", "Abs"},
                 &Importer::importUnary)
          .Cases({"Reciprocal", "Floor", "Ceil", "Sin", "Cos", "Gelu",
                  "Softplus", "Not"},
                 &Importer::importUnary)
          .Cases({"Add", "Sub", "Mul", "Div", "Pow", "Equal", "Less",
                  "LessOrEqual", "Greater", "GreaterOrEqual", "And", "Or",
                  "Xor"},
                 &Importer::importBinary)
          .Cases({"Max", "Min", "Sum", "Mean"}, &Importer::importVariadic)
          .Case("Clip", &Importer::importClip)
          .Case("Where", &Importer::importWhere)
          .Case("Cast", &Importer::importCast)
          .Case("Conv", &Importer::importConv)
          .Case("ConvTranspose", &Importer::importConvTranspose)
          .Case("BatchNormalization", &Importer::importBatchNormalization)
          .Cases({"MaxPool", "AveragePool"}, &Importer::importPool)
          .Cases({"GlobalAveragePool", "GlobalMaxPool"},
                 &Importer::importGlobalPool)
          .Case("Gemm", &Importer::importGemm)
          .Case("MatMul", &Importer::importMatMul)
          .Cases({"Softmax", "LogSoftmax"}, &Importer::importSoftmax)
          .Cases({"ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin",
                  "ReduceProd", "ReduceSumSquare", "ReduceL2"},
                 &Importer::importReduce)
          .Case("LayerNormalization", &Importer::importLayerNormalization)
          .Case("Concat", &Importer::importConcat)
          .Case("Split", &Importer::importSplit)
          .Case("Slice", &Importer::importSlice)
          .Cases({"Reshape", "Flatten", "Squeeze", "Unsqueeze"},
                 &Importer::importReshapeLike)
          .Case("Transpose", &Importer::importTranspose)
          .Case("Gather", &Importer::importGather)
          .Case("Expand", &Importer::importExpand)
          .Case("Pad", &Importer::importPad)
          .Case("Resize", &Importer::importResize)
          .Default(nullptr);
  if (!import)
    return nodeError("operator " + op.str() + " is not supported");
  return (this->*import)();
}

/// The static shape of a graph input or output, or why there is none.
static std::optional<Ints> staticShape(const onnx::TypeProto &type,
                                       std::string &problem) {
  if (!type.has_tensor_type()) {
    problem = "is not a tensor";
    return std::nullopt;
  }
  if (!type.tensor_type().has_shape()) {
    problem = "has no shape";
    return std::nullopt;
  }
  Ints shape;
  for (auto [i, dim] : llvm::enumerate(type.tensor_type().shape().dim())) {
    if (!dim.has_dim_value()) {
      problem = "has a dynamic dimension " +
                (dim.has_dim_param() ? "'" + dim.dim_param() + "' " : "") +
                "(dimension " + std::to_string(i) + ")";
      return std::nullopt;
    }
    shape.push_back(dim.dim_value());
  }
  return shape;
}

OwningOpRef<ModuleOp> Importer::run(const onnx::ModelProto &model) {
  context.loadDialect<arith::ArithDialect, func::FuncDialect,
                      linalg::LinalgDialect, math::MathDialect,
                      tensor::TensorDialect>();
  location = FileLineColLoc::get(&context, fileName, 0, 0);
  if (!model.has_graph()) {
    error("not an ONNX model: it has no graph");
    return nullptr;
  }
  for (const onnx::OperatorSetIdProto &set : model.opset_import())
    if (set.domain().empty() || set.domain() == "ai.onnx")
      opset = set.version();
  if (opset < 13 || opset > 18) {
    error("") << "the model uses opset " << opset
              << " of the default domain; opsets 13 to 18 are supported";
    return nullptr;
  }
  const onnx::GraphProto &graph = model.graph();
  for (const onnx::NodeProto &each : graph.node())
    for (const std::string &name : each.input())
      usedNames.insert(name);
  for (const onnx::ValueInfoProto &output : graph.output())
    usedNames.insert(output.name());

  for (const onnx::TensorProto &initializer : graph.initializer()) {
    FailureOr<GraphValue> value = readTensor(initializer);
    if (failed(value))
      return nullptr;
    value->name = initializer.name();
    if (!values.try_emplace(initializer.name(), *value).second) {
      error("") << "initializer '" << initializer.name()
                << "' is defined twice";
      return nullptr;
    }
  }

  // The inputs that are not initializers are the function's arguments.
  SmallVector<Type> argumentTypes;
  SmallVector<Location> argumentLocations;
  SmallVector<std::string> argumentNames;
  llvm::StringSet<> inputNames;
  for (const onnx::ValueInfoProto &info : graph.input())
    inputNames.insert(info.name());
  for (const auto &given : options.inputShapes)
    if (!inputNames.contains(given.getKey()) || values.count(given.getKey())) {
      error("") << "--input-shape names '" << given.getKey()
                << "', which is not an input of the model";
      return nullptr;
    }
  for (const onnx::ValueInfoProto &info : graph.input()) {
    if (values.count(info.name()))
      continue;
    std::string problem;
    std::optional<Ints> shape = staticShape(info.type(), problem);
    auto given = options.inputShapes.find(info.name());
    if (given != options.inputShapes.end()) {
      // A given shape replaces a dynamic one; it must agree with the rest.
      const auto &dims = info.type().tensor_type().shape().dim();
      if (info.type().tensor_type().has_shape() &&
          dims.size() != int64_t(given->second.size())) {
        error("") << "--input-shape gives " << info.name() << " rank "
                  << given->second.size() << "; the model says rank "
                  << dims.size();
        return nullptr;
      }
      for (auto [i, dim] : llvm::enumerate(dims))
        if (dim.has_dim_value() && dim.dim_value() != given->second[i]) {
          error("") << "--input-shape gives " << info.name() << " dimension "
                    << i << " = " << given->second[i]
                    << "; the model fixes it to " << dim.dim_value();
          return nullptr;
        }
      shape = given->second;
    }
    if (!shape) {
      error("") << "input '" << info.name() << "' " << problem
                << "; give its shape with --input-shape=" << info.name()
                << ":D0xD1x...";
      return nullptr;
    }
    FailureOr<Type> element =
        elementType(info.type().tensor_type().elem_type());
    if (failed(element))
      return nullptr;
    if (!isReasonableShape(*shape)) {
      error("") << "input '" << info.name() << "' has the impossible shape "
                << shapeString(*shape);
      return nullptr;
    }
    argumentTypes.push_back(RankedTensorType::get(*shape, *element));
    argumentLocations.push_back(
        NameLoc::get(StringAttr::get(&context, info.name()), location));
    argumentNames.push_back(info.name());
  }

  OwningOpRef<ModuleOp> module = ModuleOp::create(location);
  builder.setInsertionPointToEnd(module->getBody());
  auto function =
      func::FuncOp::create(builder, location, options.functionName,
                           builder.getFunctionType(argumentTypes, {}));
  Block *body = function.addEntryBlock();
  for (auto [argument, loc, name] :
       llvm::zip(body->getArguments(), argumentLocations, argumentNames)) {
    argument.setLoc(loc);
    values[name] = GraphValue{cast<RankedTensorType>(argument.getType()),
                              argument, nullptr, ""};
  }
  builder.setInsertionPointToEnd(body);

  for (const onnx::NodeProto &each : graph.node()) {
    node = &each;
    location = NameLoc::get(StringAttr::get(&context, nodeName()));
    if (failed(importNode()))
      return nullptr;
  }

  location = FileLineColLoc::get(&context, fileName, 0, 0);
  SmallVector<Value> results;
  for (const onnx::ValueInfoProto &info : graph.output()) {
    auto it = values.find(info.name());
    if (it == values.end()) {
      error("") << "graph output '" << info.name() << "' is never computed";
      return nullptr;
    }
    Value result = materialize(it->second);
    // The model's own shapes check ours where it states them.
    std::string problem;
    if (std::optional<Ints> declared = staticShape(info.type(), problem);
        declared && ArrayRef<int64_t>(*declared) != typeOf(result).getShape()) {
      error("") << "graph output '" << info.name() << "' is "
                << shapeString(typeOf(result).getShape())
                << " here but the model declares " << shapeString(*declared);
      return nullptr;
    }
    results.push_back(result);
  }
  func::ReturnOp::create(builder, location, results);
  function.setFunctionType(
      builder.getFunctionType(argumentTypes, ValueRange(results).getTypes()));
  if (failed(verify(*module)))
    return nullptr;
  return module;
}

OwningOpRef<ModuleOp>
memplan::importONNXModel(llvm::MemoryBufferRef buffer, MLIRContext &context,
                         const ONNXImportOptions &options) {
  onnx::ModelProto model;
  Location fileLoc =
      FileLineColLoc::get(&context, buffer.getBufferIdentifier(), 0, 0);
  if (buffer.getBufferSize() > size_t(std::numeric_limits<int>::max()) ||
      !model.ParseFromArray(buffer.getBufferStart(),
                            int(buffer.getBufferSize()))) {
    emitError(fileLoc) << "not an ONNX model (the protobuf does not parse; "
                          "is the file truncated?)";
    return nullptr;
  }
  if (!model.has_graph() || model.ir_version() <= 0) {
    emitError(fileLoc) << "not an ONNX model (no graph or IR version)";
    return nullptr;
  }
  return Importer(context, options, buffer.getBufferIdentifier()).run(model);
}

std::string memplan::parseONNXInputShape(StringRef text,
                                         ONNXImportOptions &options) {
  auto [name, dims] = text.rsplit(':');
  if (name.empty() || !text.contains(':'))
    return "expected NAME:D0xD1x..., got '" + text.str() + "'";
  SmallVector<int64_t> shape;
  if (!dims.empty()) {
    SmallVector<StringRef> parts;
    dims.split(parts, 'x');
    for (StringRef part : parts) {
      int64_t dim;
      if (part.getAsInteger(10, dim) || dim < 0)
        return "'" + part.str() + "' in '" + text.str() +
               "' is not a dimension";
      shape.push_back(dim);
    }
  }
  options.inputShapes[name] = shape;
  return "";
}
