//===- FoldConstants.cpp - memplan-fold-constants -------------------------===//
//
// Exported networks compute on constants at run time: weight transposes,
// bias broadcasts, batch-norm parameter arithmetic. Each such computation
// gets a runtime buffer, often the largest of the network. This pass makes
// them disappear, in order of preference:
//
//  1. Pure data movement (a transpose or broadcast of a constant) read by
//     linalg ops is composed into the readers' indexing maps: the readers
//     read the original constant, and no moved copy exists at all.
//  2. A computation whose payload this pass can evaluate exactly (IEEE
//     arithmetic, comparisons, selects, square roots, integer operations)
//     is computed at compile time. A splat result stays splat; a dense one
//     is kept only if it is within `max-fold-bytes` and does not add
//     constant data (the inputs it replaces die).
//  3. Anything else is left alone, with a remark saying why.
//
//===----------------------------------------------------------------------===//

#include "memplan/Analysis/BufferLiveness.h"
#include "memplan/Transforms/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/Debug.h"
#include "llvm/Support/FormatVariadic.h"

#include <cmath>

namespace mlir {
namespace memplan {
#define GEN_PASS_DEF_MEMPLANFOLDCONSTANTSPASS
#include "memplan/Transforms/Passes.h.inc"
} // namespace memplan
} // namespace mlir

using namespace mlir;
using namespace mlir::memplan;

#define DEBUG_TYPE "memplan-fold-constants"

namespace {

//===----------------------------------------------------------------------===//
// Constant operands
//===----------------------------------------------------------------------===//

/// The elements of a constant tensor operand: an `arith.constant`, or a
/// `linalg.fill` of a scalar constant (a splat).
std::optional<ElementsAttr> getConstantTensor(Value value) {
  if (auto constant = value.getDefiningOp<arith::ConstantOp>())
    if (auto elements = dyn_cast<DenseElementsAttr>(constant.getValue()))
      return elements;
  if (auto fill = value.getDefiningOp<linalg::FillOp>()) {
    auto type = dyn_cast<RankedTensorType>(fill.getResultTypes()[0]);
    Attribute scalar;
    if (type && type.hasStaticShape() &&
        matchPattern(fill.getInputs()[0], m_Constant(&scalar)))
      return DenseElementsAttr::get(type, scalar);
  }
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// Exact evaluation of payloads
//===----------------------------------------------------------------------===//

/// A scalar during evaluation: a float (f32 or f64, computed in native IEEE
/// arithmetic, which is what the lowered program does) or an integer.
struct Scalar {
  enum Kind { F32, F64, Int } kind = Int;
  float f32 = 0;
  double f64 = 0;
  int64_t integer = 0;
  unsigned width = 64;

  static Scalar ofFloat(double value, Type type) {
    Scalar s;
    if (type.isF32()) {
      s.kind = F32;
      s.f32 = static_cast<float>(value);
    } else {
      s.kind = F64;
      s.f64 = value;
    }
    return s;
  }
  static Scalar ofInt(int64_t value, unsigned width) {
    Scalar s;
    s.kind = Int;
    s.width = width;
    s.integer = width >= 64 ? value : (value & ((int64_t(1) << width) - 1));
    // Keep the value sign-extended so that signed operations read it right.
    if (width < 64 && (s.integer >> (width - 1)) & 1)
      s.integer |= ~((int64_t(1) << width) - 1);
    return s;
  }
  double asDouble() const { return kind == F32 ? f32 : f64; }
};

bool isSupportedElementType(Type type) {
  return type.isF32() || type.isF64() || type.isIndex() ||
         (type.isSignlessInteger() && type.getIntOrFloatBitWidth() <= 64);
}

unsigned widthOf(Type type) {
  return type.isIndex() ? 64 : type.getIntOrFloatBitWidth();
}

/// max/min with the IEEE-754-2019 maximum/minimum semantics of arith.
double ieeeMaximum(double a, double b, bool max) {
  if (std::isnan(a) || std::isnan(b))
    return std::nan("");
  if (a == b)
    return max ? (std::signbit(a) ? b : a) : (std::signbit(a) ? a : b);
  return max ? std::max(a, b) : std::min(a, b);
}

bool compareFloats(arith::CmpFPredicate predicate, double a, double b) {
  const bool unordered = std::isnan(a) || std::isnan(b);
  using P = arith::CmpFPredicate;
  switch (predicate) {
  case P::AlwaysFalse:
    return false;
  case P::AlwaysTrue:
    return true;
  case P::OEQ:
    return !unordered && a == b;
  case P::OGT:
    return !unordered && a > b;
  case P::OGE:
    return !unordered && a >= b;
  case P::OLT:
    return !unordered && a < b;
  case P::OLE:
    return !unordered && a <= b;
  case P::ONE:
    return !unordered && a != b;
  case P::ORD:
    return !unordered;
  case P::UEQ:
    return unordered || a == b;
  case P::UGT:
    return unordered || a > b;
  case P::UGE:
    return unordered || a >= b;
  case P::ULT:
    return unordered || a < b;
  case P::ULE:
    return unordered || a <= b;
  case P::UNE:
    return unordered || a != b;
  case P::UNO:
    return unordered;
  }
  return false;
}

bool compareInts(arith::CmpIPredicate predicate, const Scalar &a,
                 const Scalar &b) {
  const uint64_t mask =
      a.width >= 64 ? ~uint64_t(0) : ((uint64_t(1) << a.width) - 1);
  const uint64_t ua = uint64_t(a.integer) & mask, ub = uint64_t(b.integer) & mask;
  using P = arith::CmpIPredicate;
  switch (predicate) {
  case P::eq:
    return a.integer == b.integer;
  case P::ne:
    return a.integer != b.integer;
  case P::slt:
    return a.integer < b.integer;
  case P::sle:
    return a.integer <= b.integer;
  case P::sgt:
    return a.integer > b.integer;
  case P::sge:
    return a.integer >= b.integer;
  case P::ult:
    return ua < ub;
  case P::ule:
    return ua <= ub;
  case P::ugt:
    return ua > ub;
  case P::uge:
    return ua >= ub;
  }
  return false;
}

/// Why a payload cannot be evaluated exactly, or nullopt if it can.
std::optional<std::string> checkEvaluable(Block &body) {
  for (Operation &op : body) {
    bool supported =
        isa<linalg::YieldOp, linalg::IndexOp, arith::ConstantOp, arith::AddFOp,
            arith::SubFOp, arith::MulFOp, arith::DivFOp, arith::NegFOp,
            arith::MaximumFOp, arith::MinimumFOp, arith::CmpFOp,
            arith::SelectOp, arith::TruncFOp, arith::ExtFOp, arith::SIToFPOp,
            arith::AddIOp, arith::SubIOp, arith::MulIOp, arith::AndIOp,
            arith::OrIOp, arith::XOrIOp, arith::CmpIOp, arith::IndexCastOp,
            arith::ExtSIOp, arith::ExtUIOp, arith::TruncIOp, math::SqrtOp,
            math::RsqrtOp, math::AbsFOp>(op);
    if (!supported)
      return "its payload uses '" + op.getName().getStringRef().str() +
             "', which the pass cannot evaluate exactly as the compiled "
             "program would";
    if (auto constant = dyn_cast<arith::ConstantOp>(op))
      if (!isa<IntegerAttr, FloatAttr>(constant.getValue()))
        return std::string("its payload has a non-scalar constant");
    for (Type type : op.getResultTypes())
      if (!isSupportedElementType(type))
        return "its payload computes on " +
               llvm::formatv("{0}", type).str() +
               ", which the pass does not evaluate";
  }
  return std::nullopt;
}

/// `x op y` for a binary floating-point `op` (add, sub, mul or div).
template <typename T>
T applyBinary(Operation &op, T x, T y) {
  if (isa<arith::AddFOp>(op))
    return x + y;
  if (isa<arith::SubFOp>(op))
    return x - y;
  if (isa<arith::MulFOp>(op))
    return x * y;
  return x / y;
}

/// Evaluates `body` (checked by checkEvaluable) for one iteration point.
/// Values of the block's own arguments and of values defined outside it
/// come from `env`.
LogicalResult evaluate(Block &body, DenseMap<Value, Scalar> &env,
                       ArrayRef<int64_t> point, SmallVectorImpl<Scalar> &out,
                       bool &computedNaN) {
  auto get = [&](Value v) -> const Scalar & { return env.find(v)->second; };
  for (Operation &op : body) {
    Scalar r;
    if (auto yield = dyn_cast<linalg::YieldOp>(op)) {
      for (Value v : yield.getValues())
        out.push_back(get(v));
      return success();
    }
    if (auto index = dyn_cast<linalg::IndexOp>(op)) {
      r = Scalar::ofInt(point[index.getDim()], 64);
    } else if (auto constant = dyn_cast<arith::ConstantOp>(op)) {
      if (auto f = dyn_cast<FloatAttr>(constant.getValue()))
        r = Scalar::ofFloat(f.getValueAsDouble(), f.getType());
      else
        r = Scalar::ofInt(cast<IntegerAttr>(constant.getValue())
                              .getValue()
                              .getSExtValue(),
                          widthOf(constant.getType()));
    } else if (isa<arith::AddFOp, arith::SubFOp, arith::MulFOp,
                   arith::DivFOp>(op)) {
      const Scalar &a = get(op.getOperand(0)), &b = get(op.getOperand(1));
      Type type = op.getResult(0).getType();
      // In the operands' own precision, as the compiled program computes.
      r = type.isF32()
              ? Scalar::ofFloat(applyBinary<float>(op, a.f32, b.f32), type)
              : Scalar::ofFloat(applyBinary<double>(op, a.f64, b.f64), type);
    } else if (isa<arith::NegFOp>(op)) {
      const Scalar &a = get(op.getOperand(0));
      r = a;
      r.f32 = -a.f32;
      r.f64 = -a.f64;
    } else if (isa<arith::MaximumFOp, arith::MinimumFOp>(op)) {
      r = Scalar::ofFloat(ieeeMaximum(get(op.getOperand(0)).asDouble(),
                                      get(op.getOperand(1)).asDouble(),
                                      isa<arith::MaximumFOp>(op)),
                          op.getResult(0).getType());
    } else if (auto cmp = dyn_cast<arith::CmpFOp>(op)) {
      r = Scalar::ofInt(compareFloats(cmp.getPredicate(),
                                      get(cmp.getLhs()).asDouble(),
                                      get(cmp.getRhs()).asDouble()),
                        1);
    } else if (auto cmp = dyn_cast<arith::CmpIOp>(op)) {
      r = Scalar::ofInt(
          compareInts(cmp.getPredicate(), get(cmp.getLhs()), get(cmp.getRhs())),
          1);
    } else if (auto select = dyn_cast<arith::SelectOp>(op)) {
      r = get(select.getCondition()).integer ? get(select.getTrueValue())
                                             : get(select.getFalseValue());
    } else if (isa<arith::TruncFOp, arith::ExtFOp>(op)) {
      // float <-> double conversions round to nearest like the hardware.
      r = Scalar::ofFloat(get(op.getOperand(0)).asDouble(),
                          op.getResult(0).getType());
    } else if (isa<arith::SIToFPOp>(op)) {
      r = Scalar::ofFloat(static_cast<double>(get(op.getOperand(0)).integer),
                          op.getResult(0).getType());
      if (op.getResult(0).getType().isF32())
        r.f32 = static_cast<float>(get(op.getOperand(0)).integer);
    } else if (isa<arith::AddIOp, arith::SubIOp, arith::MulIOp, arith::AndIOp,
                   arith::OrIOp, arith::XOrIOp>(op)) {
      uint64_t a = get(op.getOperand(0)).integer,
               b = get(op.getOperand(1)).integer, z = 0;
      if (isa<arith::AddIOp>(op))
        z = a + b;
      else if (isa<arith::SubIOp>(op))
        z = a - b;
      else if (isa<arith::MulIOp>(op))
        z = a * b;
      else if (isa<arith::AndIOp>(op))
        z = a & b;
      else if (isa<arith::OrIOp>(op))
        z = a | b;
      else
        z = a ^ b;
      r = Scalar::ofInt(static_cast<int64_t>(z),
                        widthOf(op.getResult(0).getType()));
    } else if (isa<arith::IndexCastOp, arith::ExtSIOp, arith::TruncIOp>(op)) {
      r = Scalar::ofInt(get(op.getOperand(0)).integer,
                        widthOf(op.getResult(0).getType()));
    } else if (isa<arith::ExtUIOp>(op)) {
      const Scalar &a = get(op.getOperand(0));
      uint64_t mask =
          a.width >= 64 ? ~uint64_t(0) : ((uint64_t(1) << a.width) - 1);
      r = Scalar::ofInt(static_cast<int64_t>(uint64_t(a.integer) & mask),
                        widthOf(op.getResult(0).getType()));
    } else if (isa<math::SqrtOp, math::RsqrtOp, math::AbsFOp>(op)) {
      // sqrt is correctly rounded in IEEE arithmetic; rsqrt lowers to a
      // division of 1 by the square root, rounded twice.
      const Scalar &a = get(op.getOperand(0));
      Type type = op.getResult(0).getType();
      if (isa<math::AbsFOp>(op))
        r = Scalar::ofFloat(std::fabs(a.asDouble()), type);
      else if (type.isF32()) {
        float root = std::sqrt(a.f32);
        r = Scalar::ofFloat(isa<math::RsqrtOp>(op) ? 1.0f / root : root, type);
      } else {
        double root = std::sqrt(a.f64);
        r = Scalar::ofFloat(isa<math::RsqrtOp>(op) ? 1.0 / root : root, type);
      }
    } else {
      return failure();
    }
    // A computed NaN's bit pattern (sign, payload) is up to the target's
    // instructions: the folded constant could differ from the program's.
    if (r.kind != Scalar::Int && std::isnan(r.asDouble())) {
      computedNaN = true;
      return failure();
    }
    env[op.getResult(0)] = r;
  }
  return failure();
}

/// Integer value of an affine expression at `point`.
int64_t evaluateAffine(AffineExpr expr, ArrayRef<int64_t> point) {
  if (auto dim = dyn_cast<AffineDimExpr>(expr))
    return point[dim.getPosition()];
  if (auto constant = dyn_cast<AffineConstantExpr>(expr))
    return constant.getValue();
  auto binary = cast<AffineBinaryOpExpr>(expr);
  int64_t lhs = evaluateAffine(binary.getLHS(), point);
  int64_t rhs = evaluateAffine(binary.getRHS(), point);
  switch (binary.getKind()) {
  case AffineExprKind::Add:
    return lhs + rhs;
  case AffineExprKind::Mul:
    return lhs * rhs;
  case AffineExprKind::Mod:
    return ((lhs % rhs) + rhs) % rhs;
  case AffineExprKind::FloorDiv:
    return lhs >= 0 ? lhs / rhs : -((-lhs + rhs - 1) / rhs);
  case AffineExprKind::CeilDiv:
    return lhs >= 0 ? (lhs + rhs - 1) / rhs : -(-lhs / rhs);
  default:
    return 0;
  }
}

/// Row-major linear index of `map` at `point` in a tensor of `shape`.
int64_t linearIndex(AffineMap map, ArrayRef<int64_t> point,
                    ArrayRef<int64_t> shape) {
  int64_t index = 0;
  for (auto [expr, extent] : llvm::zip(map.getResults(), shape))
    index = index * extent + evaluateAffine(expr, point);
  return index;
}

Scalar readElement(ElementsAttr elements, int64_t index) {
  Type type = elements.getElementType();
  if (elements.isSplat())
    index = 0;
  if (type.isF32())
    return Scalar::ofFloat(elements.getValues<float>()[index], type);
  if (type.isF64())
    return Scalar::ofFloat(elements.getValues<double>()[index], type);
  return Scalar::ofInt(elements.getValues<APInt>()[index].getSExtValue(),
                       widthOf(type));
}

Attribute toAttribute(const Scalar &s, Type type) {
  if (type.isF32())
    return FloatAttr::get(type, s.f32);
  if (type.isF64())
    return FloatAttr::get(type, s.f64);
  return IntegerAttr::get(type, APInt(widthOf(type), uint64_t(s.integer),
                                      /*isSigned=*/true, /*implicitTrunc=*/true));
}

//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//

struct MemPlanFoldConstantsPass
    : public mlir::memplan::impl::MemPlanFoldConstantsPassBase<
          MemPlanFoldConstantsPass> {
  using Base::Base;

  /// Upper bound on iteration points evaluated for one op.
  static constexpr int64_t kMaxEvaluatedPoints = 1 << 24;

  /// Checked before any pass of the pipeline runs.
  LogicalResult initialize(MLIRContext *context) override {
    if (maxFoldBytes < 0)
      return emitError(UnknownLoc::get(context))
             << "memplan-fold-constants: max-fold-bytes must be "
                "non-negative, got "
             << static_cast<int64_t>(maxFoldBytes);
    return success();
  }

  void runOnOperation() override {
    SmallVector<FunctionOpInterface> functions;
    getOperation()->walk(
        [&](FunctionOpInterface func) { functions.push_back(func); });
    for (FunctionOpInterface func : functions)
      if (!func.isExternal())
        foldFunction(func);
  }

  void foldFunction(FunctionOpInterface func) {
    // Folding one computation can make its readers constant-only too.
    for (bool changed = true; changed;) {
      changed = false;
      SmallVector<linalg::LinalgOp> candidates;
      func->walk([&](linalg::LinalgOp op) {
        if (isConstantOnly(op))
          candidates.push_back(op);
      });
      for (linalg::LinalgOp op : candidates)
        changed |= succeeded(foldOne(op));
    }
    // Destinations and constants left without users go too.
    SmallVector<Operation *> candidates;
    func->walk([&](Operation *op) {
      if (isa<tensor::EmptyOp, arith::ConstantOp, linalg::FillOp>(op))
        candidates.push_back(op);
    });
    // Users come after definitions: erasing backwards frees chains.
    for (Operation *op : llvm::reverse(candidates))
      if (isOpTriviallyDead(op))
        op->erase();
    // Remark on what stays, once.
    func->walk([&](linalg::LinalgOp op) {
      if (isConstantOnly(op))
        op->emitRemark() << "constant computation not folded: "
                         << whyNotFolded.lookup(op);
    });
    whyNotFolded.clear();
  }

  /// Every input is a constant tensor and every result is a tensor.
  static bool isConstantOnly(linalg::LinalgOp op) {
    if (!op.hasPureTensorSemantics() || op.getNumDpsInputs() == 0 ||
        op->getNumResults() != 1)
      return false;
    for (OpOperand *input : op.getDpsInputOperands())
      if (!getConstantTensor(input->get()))
        return false;
    auto type = dyn_cast<RankedTensorType>(op->getResult(0).getType());
    return type && type.hasStaticShape();
  }

  LogicalResult foldOne(linalg::LinalgOp op) {
    // Both rewrites erase `op`.
    [[maybe_unused]] OperationName name = op->getName();
    [[maybe_unused]] Location loc = op->getLoc();
    if (succeeded(composeIntoReaders(op))) {
      LLVM_DEBUG(llvm::dbgs() << "composed '" << name << "' at " << loc
                              << " into its readers\n");
      ++numComposed;
      return success();
    }
    std::string why;
    if (succeeded(evaluateAtCompileTime(op, why))) {
      LLVM_DEBUG(llvm::dbgs() << "evaluated '" << name << "' at " << loc
                              << " at compile time\n");
      ++numFolded;
      return success();
    }
    LLVM_DEBUG(llvm::dbgs()
               << "kept '" << name << "' at " << loc << ": " << why << "\n");
    whyNotFolded[op] = why;
    return failure();
  }

  /// A transpose or broadcast: one input, copied to the output through a
  /// permutation. Its readers can read the input directly.
  LogicalResult composeIntoReaders(linalg::LinalgOp op) {
    Block *body = op.getBlock();
    auto yield = cast<linalg::YieldOp>(body->getTerminator());
    if (op.getNumDpsInputs() != 1 || !body->without_terminator().empty() ||
        yield.getValues()[0] != body->getArgument(0))
      return failure();
    OpOperand *input = op.getDpsInputOperand(0);
    AffineMap outputMap = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
    if (!outputMap.isPermutation())
      return failure();
    // input index = inputMap(outputMap^-1(result index))
    AffineMap resultToInput = op.getMatchingIndexingMap(input).compose(
        inversePermutation(outputMap));
    Value result = op->getResult(0);
    // Readers that take any indexing maps: generics, and contractions such
    // as linalg.matmul, which accept transposed and broadcast operands
    // (projected permutations). A reader may read the result through several
    // operands: all of its maps change at once.
    llvm::MapVector<Operation *, SmallVector<AffineMap>> newMaps;
    for (OpOperand &use : result.getUses()) {
      auto reader = dyn_cast<linalg::LinalgOp>(use.getOwner());
      if (!reader || !reader.isDpsInput(&use))
        return failure();
      auto [it, inserted] = newMaps.try_emplace(reader, SmallVector<AffineMap>());
      if (inserted)
        it->second = reader.getIndexingMapsArray();
      AffineMap &map = it->second[use.getOperandNumber()];
      map = resultToInput.compose(map);
      bool accepted = isa<linalg::GenericOp>(reader) ||
                      (isa<linalg::MatmulOp, linalg::BatchMatmulOp>(reader) &&
                       map.isProjectedPermutation());
      if (!accepted)
        return failure();
    }
    if (newMaps.empty())
      return failure();
    // Every loop must keep its trip count: reading a broadcast's input, a
    // reader may be left with a loop that no operand bounds any more.
    for (auto &[reader, maps] : newMaps) {
      auto linalgOp = cast<linalg::LinalgOp>(reader);
      SmallVector<int64_t> ranges = linalgOp.getStaticLoopRanges();
      SmallVector<std::optional<int64_t>> bounded(ranges.size());
      for (OpOperand &operand : reader->getOpOperands()) {
        Value value = operand.get() == result ? input->get() : operand.get();
        auto type = dyn_cast<ShapedType>(value.getType());
        if (!type || !type.hasStaticShape())
          continue;
        AffineMap map = maps[operand.getOperandNumber()];
        for (auto [expr, extent] : llvm::zip(map.getResults(), type.getShape()))
          if (auto dim = dyn_cast<AffineDimExpr>(expr))
            bounded[dim.getPosition()] = extent;
      }
      for (auto [range, extent] : llvm::zip(ranges, bounded))
        if (!extent || *extent != range)
          return failure();
    }
    Builder builder(op);
    for (auto &[reader, maps] : newMaps) {
      reader->setAttr("indexing_maps", builder.getAffineMapArrayAttr(maps));
      for (OpOperand &operand : reader->getOpOperands())
        if (operand.get() == result)
          operand.set(input->get());
    }
    Operation *init = op.getDpsInitOperand(0)->get().getDefiningOp();
    op->erase();
    if (init && isOpTriviallyDead(init))
      init->erase();
    return success();
  }

  LogicalResult evaluateAtCompileTime(linalg::LinalgOp op, std::string &why) {
    Block &body = *op.getBlock();
    if (std::optional<std::string> reason = checkEvaluable(body)) {
      why = *reason;
      return failure();
    }
    auto resultType = cast<RankedTensorType>(op->getResult(0).getType());
    if (!isSupportedElementType(resultType.getElementType())) {
      why = "its result's element type is not evaluated";
      return failure();
    }
    // The initial value of the output, if the payload reads it.
    OpOperand *init = op.getDpsInitOperand(0);
    std::optional<ElementsAttr> initValues;
    if (op.payloadUsesValueFromOperand(init) &&
        !(initValues = getConstantTensor(init->get()))) {
      why = "its payload reads an output that is not a constant";
      return failure();
    }
    SmallVector<ElementsAttr> inputs;
    for (OpOperand *input : op.getDpsInputOperands()) {
      inputs.push_back(*getConstantTensor(input->get()));
      if (!isSupportedElementType(inputs.back().getElementType())) {
        why = "an input's element type is not evaluated";
        return failure();
      }
    }
    // With every input a splat and no reduction, every output element is
    // the same: one evaluation gives them all.
    bool usesIndex = !body.getOps<linalg::IndexOp>().empty();
    bool allSplat = !usesIndex && op.getNumReductionLoops() == 0 &&
                    (!initValues || initValues->isSplat()) &&
                    llvm::all_of(inputs, [](ElementsAttr e) { return e.isSplat(); });

    SmallVector<int64_t> ranges = op.getStaticLoopRanges();
    int64_t points = 1;
    for (int64_t range : ranges)
      points *= range;
    int64_t resultBytes = getStaticBytes(resultType, op);
    if (!allSplat) {
      if (resultBytes > maxFoldBytes) {
        why = llvm::formatv("its result ({0} bytes) exceeds max-fold-bytes "
                            "({1})",
                            resultBytes, static_cast<int64_t>(maxFoldBytes))
                  .str();
        return failure();
      }
      int64_t freed = 0;
      for (OpOperand *input : op.getDpsInputOperands())
        if (input->get().hasOneUse() && !inputs[input->getOperandNumber()].isSplat())
          freed += getStaticBytes(cast<ShapedType>(input->get().getType()), op);
      if (resultBytes > freed) {
        why = llvm::formatv("folding would add {0} bytes of constant data",
                            resultBytes - freed)
                  .str();
        return failure();
      }
      if (points > kMaxEvaluatedPoints) {
        why = "it has too many iterations to evaluate";
        return failure();
      }
    }

    // Evaluate (once for splats).
    Type elementType = resultType.getElementType();
    SmallVector<AffineMap> maps = op.getIndexingMapsArray();
    ArrayRef<int64_t> resultShape = resultType.getShape();
    const int64_t count = allSplat ? 1 : resultType.getNumElements();
    SmallVector<Scalar> result(count);
    for (int64_t k = 0; k < count; ++k)
      result[k] = initValues ? readElement(*initValues, k)
                             : Scalar::ofFloat(0, elementType);
    DenseMap<Value, Scalar> env;
    // Values from above (scalar constants) are read once.
    for (Operation &inner : body)
      for (Value operand : inner.getOperands())
        if (operand.getParentBlock() != &body && !env.count(operand)) {
          Attribute value;
          if (!matchPattern(operand, m_Constant(&value)) ||
              !isa<FloatAttr, IntegerAttr>(value)) {
            why = "its payload uses a value from outside that is not a "
                  "scalar constant";
            return failure();
          }
          if (auto f = dyn_cast<FloatAttr>(value))
            env[operand] = Scalar::ofFloat(f.getValueAsDouble(), f.getType());
          else
            env[operand] = Scalar::ofInt(
                cast<IntegerAttr>(value).getValue().getSExtValue(),
                widthOf(operand.getType()));
        }
    SmallVector<int64_t> point(ranges.size(), 0);
    SmallVector<Scalar> yielded;
    const int64_t steps = allSplat ? 1 : points;
    for (int64_t step = 0; step < steps; ++step) {
      const int64_t out =
          allSplat ? 0 : linearIndex(maps.back(), point, resultShape);
      for (auto [k, input] : llvm::enumerate(inputs)) {
        ArrayRef<int64_t> shape =
            cast<ShapedType>(op.getDpsInputOperand(k)->get().getType())
                .getShape();
        env[body.getArgument(k)] = readElement(
            input, input.isSplat() ? 0 : linearIndex(maps[k], point, shape));
      }
      env[body.getArgument(inputs.size())] = result[out];
      yielded.clear();
      bool computedNaN = false;
      if (failed(evaluate(body, env, point, yielded, computedNaN))) {
        why = computedNaN ? "its payload computes a NaN, whose bit pattern "
                            "only the compiled program knows"
                          : "its payload could not be evaluated";
        return failure();
      }
      result[out] = yielded[0];
      // Next iteration point, innermost dimension fastest.
      for (int64_t d = static_cast<int64_t>(point.size()) - 1; d >= 0; --d) {
        if (++point[d] < ranges[d])
          break;
        point[d] = 0;
      }
    }

    OpBuilder builder(op);
    Value replacement;
    if (allSplat) {
      Attribute scalar = toAttribute(result[0], elementType);
      // A splat that a reader overwrites stays a fill: as a constant it would
      // be copied into a fresh buffer anyway.
      bool initOfReader = llvm::any_of(op->getResult(0).getUses(), [](OpOperand &use) {
        auto dps = dyn_cast<DestinationStyleOpInterface>(use.getOwner());
        return dps && dps.isDpsInit(&use);
      });
      if (initOfReader) {
        Value empty = tensor::EmptyOp::create(builder, op.getLoc(),
                                              resultShape, elementType);
        Value value = arith::ConstantOp::create(builder, op.getLoc(),
                                                cast<TypedAttr>(scalar));
        replacement = linalg::FillOp::create(builder, op.getLoc(),
                                             ValueRange{value},
                                             ValueRange{empty})
                          .getResult(0);
      } else {
        replacement = arith::ConstantOp::create(
            builder, op.getLoc(), DenseElementsAttr::get(resultType, scalar));
      }
    } else {
      SmallVector<Attribute> values;
      values.reserve(result.size());
      for (const Scalar &s : result)
        values.push_back(toAttribute(s, elementType));
      replacement = arith::ConstantOp::create(
          builder, op.getLoc(), DenseElementsAttr::get(resultType, values));
    }
    // A set: one constant read through several operands is erased once.
    SetVector<Operation *> inputOps;
    for (OpOperand *input : op.getDpsInputOperands())
      if (Operation *def = input->get().getDefiningOp())
        inputOps.insert(def);
    op->getResult(0).replaceAllUsesWith(replacement);
    op->erase();
    // The inputs disappear when nothing else uses them.
    for (Operation *def : inputOps)
      if (def->use_empty() && isMemoryEffectFree(def))
        def->erase();
    return success();
  }

  /// Why each constant computation left alone was not folded.
  DenseMap<Operation *, std::string> whyNotFolded;
};
} // namespace
