//===- TestHarness.cpp - Make tensor programs runnable for comparisons ----===//
//
// Integration tests run a network before and after planning and compare the
// outputs bit for bit. Two test passes make that meaningful:
//
//  * test-memplan-perturb-constants replaces every splat floating-point
//    tensor constant, and every elided `dense_resource` constant (exports
//    that dropped their weights), by a deterministic, non-uniform tensor
//    computed at run time (splat weights make many activations uniform,
//    which would hide a plan that mixes up two buffers);
//  * test-memplan-generate-main adds `@main`, which calls
//    `@memplan_test_main`, which builds non-uniform inputs,
//    calls the entry function and prints every result, both as numbers and as
//    raw bit patterns so that any difference shows.
//
//===----------------------------------------------------------------------===//

#include "TestPasses.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinDialect.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Pass/Pass.h"

using namespace mlir;

namespace {

/// A tensor of type `type` whose element at linear index i is derived from a
/// multiplicative hash of i and `seed`: for floats, center + spread * u with
/// u in [-1, 1); for integers, a value in [0, 100). Only exact integer and
/// float operations are used, so every compilation computes the same bits.
Value buildNoise(OpBuilder &builder, Location loc, RankedTensorType type,
                 uint64_t seed, double center, double spread) {
  Value empty = tensor::EmptyOp::create(builder, loc, type.getShape(),
                                        type.getElementType());
  unsigned rank = type.getRank();
  SmallVector<AffineMap> maps = {builder.getMultiDimIdentityMap(rank)};
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      builder, loc, TypeRange{type}, ValueRange{}, ValueRange{empty}, maps,
      iterators, [&](OpBuilder &b, Location l, ValueRange) {
        Value linear = arith::ConstantIndexOp::create(b, l, 0);
        for (unsigned d = 0; d < rank; ++d) {
          Value extent = arith::ConstantIndexOp::create(b, l, type.getDimSize(d));
          Value index = linalg::IndexOp::create(b, l, d);
          linear = arith::AddIOp::create(
              b, l, arith::MulIOp::create(b, l, linear, extent), index);
        }
        Type i64 = b.getI64Type();
        auto constant = [&](int64_t v) {
          return arith::ConstantIntOp::create(b, l, i64, v);
        };
        Value hash = arith::IndexCastOp::create(b, l, i64, linear);
        hash = arith::AddIOp::create(b, l, hash,
                                     constant(int64_t(seed * 7919 + 17)));
        hash = arith::MulIOp::create(b, l, hash, constant(2654435761LL));
        hash = arith::ShRUIOp::create(b, l, hash, constant(13));
        Value bits = arith::AndIOp::create(b, l, hash, constant(0xFFFF));
        Type elementType = type.getElementType();
        Value result;
        if (auto intType = dyn_cast<IntegerType>(elementType)) {
          result = arith::RemUIOp::create(b, l, bits, constant(100));
          if (intType.getWidth() < 64)
            result = arith::TruncIOp::create(b, l, intType, result);
        } else {
          Type f32 = b.getF32Type();
          Value u = arith::UIToFPOp::create(b, l, f32, bits);
          u = arith::MulFOp::create(
              b, l, u,
              arith::ConstantFloatOp::create(b, l, b.getF32Type(),
                                             APFloat(1.0f / 32768.0f)));
          u = arith::SubFOp::create(
              b, l, u,
              arith::ConstantFloatOp::create(b, l, b.getF32Type(),
                                             APFloat(1.0f)));
          result = arith::AddFOp::create(
              b, l,
              arith::MulFOp::create(
                  b, l, u,
                  arith::ConstantFloatOp::create(b, l, b.getF32Type(),
                                                 APFloat(float(spread)))),
              arith::ConstantFloatOp::create(b, l, b.getF32Type(),
                                             APFloat(float(center))));
          auto floatType = cast<FloatType>(elementType);
          if (floatType.getWidth() < 32)
            result = arith::TruncFOp::create(b, l, floatType, result);
          else if (floatType.getWidth() > 32)
            result = arith::ExtFOp::create(b, l, floatType, result);
        }
        linalg::YieldOp::create(b, l, result);
      });
  return generic.getResult(0);
}

struct TestPerturbConstantsPass
    : public PassWrapper<TestPerturbConstantsPass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(TestPerturbConstantsPass)
  StringRef getArgument() const final {
    return "test-memplan-perturb-constants";
  }
  StringRef getDescription() const final {
    return "Replace splat float tensor constants and elided dense_resource "
           "constants by non-uniform tensors computed at run time";
  }
  TestPerturbConstantsPass() = default;
  TestPerturbConstantsPass(const TestPerturbConstantsPass &other)
      : PassWrapper(other) {}
  Option<unsigned> seed{*this, "seed", llvm::cl::desc("Noise seed"),
                        llvm::cl::init(1)};

  void getDependentDialects(DialectRegistry &registry) const override {
    registry.insert<arith::ArithDialect, linalg::LinalgDialect,
                    tensor::TensorDialect>();
  }

  void runOnOperation() override {
    struct Replacement {
      arith::ConstantOp op;
      double center, spread;
    };
    SmallVector<Replacement> replacements;
    getOperation().walk([&](arith::ConstantOp op) {
      auto type = dyn_cast<RankedTensorType>(op.getType());
      if (!type || !type.hasStaticShape() || type.getNumElements() <= 1)
        return;
      if (auto resource = dyn_cast<DenseResourceElementsAttr>(op.getValue())) {
        // Elided weights: no data to run with at all.
        if (!resource.getRawHandle().getBlob())
          replacements.push_back({op, 0.0, 0.05});
        return;
      }
      auto splat = dyn_cast<SplatElementsAttr>(op.getValue());
      if (!splat || !isa<FloatType>(type.getElementType()))
        return;
      double center = splat.getSplatValue<APFloat>().convertToDouble();
      replacements.push_back(
          {op, center, center == 0 ? 0.05 : std::abs(center) * 0.5});
    });
    for (auto [index, replacement] : llvm::enumerate(replacements)) {
      arith::ConstantOp op = replacement.op;
      OpBuilder builder(op);
      Value noise = buildNoise(builder, op.getLoc(),
                               cast<RankedTensorType>(op.getType()),
                               seed + index, replacement.center,
                               replacement.spread);
      op.replaceAllUsesWith(noise);
      op.erase();
    }
  }
};

struct TestGenerateMainPass
    : public PassWrapper<TestGenerateMainPass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(TestGenerateMainPass)
  StringRef getArgument() const final { return "test-memplan-generate-main"; }
  StringRef getDescription() const final {
    return "Add @main: non-uniform inputs, a call of the entry function, and "
           "prints of every result (values and bit patterns)";
  }
  TestGenerateMainPass() = default;
  TestGenerateMainPass(const TestGenerateMainPass &other) : PassWrapper(other) {}
  Option<std::string> entry{*this, "entry",
                            llvm::cl::desc("Function to call"),
                            llvm::cl::init("forward")};
  Option<unsigned> seed{*this, "seed", llvm::cl::desc("Input seed"),
                        llvm::cl::init(1000)};

  void getDependentDialects(DialectRegistry &registry) const override {
    registry.insert<arith::ArithDialect, bufferization::BufferizationDialect,
                    func::FuncDialect, linalg::LinalgDialect,
                    memref::MemRefDialect, tensor::TensorDialect>();
  }

  /// Declares `name(memref<*xT>)` from the runner utilities.
  func::FuncOp getPrinter(ModuleOp module, StringRef name, Type element) {
    if (auto existing = module.lookupSymbol<func::FuncOp>(name))
      return existing;
    OpBuilder builder = OpBuilder::atBlockEnd(module.getBody());
    auto type = builder.getFunctionType(
        {UnrankedMemRefType::get(element, Attribute())}, {});
    auto printer = func::FuncOp::create(builder, module.getLoc(), name, type);
    printer.setPrivate();
    printer->setAttr("llvm.emit_c_interface", builder.getUnitAttr());
    return printer;
  }

  void print(OpBuilder &builder, Location loc, ModuleOp module, Value tensor) {
    auto type = cast<RankedTensorType>(tensor.getType());
    Type element = type.getElementType();
    std::string suffix;
    llvm::raw_string_ostream os(suffix);
    Value bits;
    if (element.isF32() || element.isF64()) {
      os << (element.isF32() ? "F32" : "F64");
      // Also print the raw bits: equal digits are not equal values.
      Type bitsType = builder.getIntegerType(element.getIntOrFloatBitWidth());
      auto bitsTensorType = RankedTensorType::get(type.getShape(), bitsType);
      Value empty = tensor::EmptyOp::create(builder, loc, type.getShape(),
                                            bitsType);
      SmallVector<AffineMap> maps(2,
                                  builder.getMultiDimIdentityMap(type.getRank()));
      SmallVector<utils::IteratorType> iterators(
          type.getRank(), utils::IteratorType::parallel);
      bits = linalg::GenericOp::create(
                 builder, loc, TypeRange{bitsTensorType}, ValueRange{tensor},
                 ValueRange{empty}, maps, iterators,
                 [&](OpBuilder &b, Location l, ValueRange args) {
                   linalg::YieldOp::create(
                       b, l, arith::BitcastOp::create(b, l, bitsType, args[0])
                                 .getResult());
                 })
                 .getResult(0);
    } else if (element.isInteger(64) || element.isInteger(32)) {
      os << (element.isInteger(64) ? "I64" : "I32");
    } else {
      emitWarning(loc) << "result of type " << type << " is not printed";
      return;
    }
    func::FuncOp printer = getPrinter(module, "printMemref" + suffix, element);
    auto memrefType = MemRefType::get(type.getShape(), element);
    Value buffer =
        bufferization::ToBufferOp::create(builder, loc, memrefType, tensor);
    Value unranked = memref::CastOp::create(
        builder, loc, UnrankedMemRefType::get(element, Attribute()), buffer);
    func::CallOp::create(builder, loc, printer, ValueRange{unranked});
    if (bits)
      print(builder, loc, module, bits);
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto callee = module.lookupSymbol<func::FuncOp>(entry);
    if (!callee) {
      module.emitError() << "no function @" << entry << " to call";
      return signalPassFailure();
    }
    if (module.lookupSymbol("main")) {
      module.emitError() << "the module already has a @main";
      return signalPassFailure();
    }
    OpBuilder builder = OpBuilder::atBlockEnd(module.getBody());
    Location loc = callee.getLoc();
    // @main only calls @memplan_test_main, which does the work: a plan with
    // arena-storage=argument then gives the latter an arena argument, which
    // @main allocates, and the runner can still call @main.
    auto main = func::FuncOp::create(builder, loc, "main",
                                     builder.getFunctionType({}, {}));
    auto body = func::FuncOp::create(builder, loc, "memplan_test_main",
                                     builder.getFunctionType({}, {}));
    builder.setInsertionPointToStart(main.addEntryBlock());
    func::CallOp::create(builder, loc, body, ValueRange{});
    func::ReturnOp::create(builder, loc);
    builder.setInsertionPointToStart(body.addEntryBlock());
    SmallVector<Value> args;
    for (auto [index, type] : llvm::enumerate(callee.getArgumentTypes())) {
      auto tensorType = dyn_cast<RankedTensorType>(type);
      if (!tensorType || !tensorType.hasStaticShape() ||
          !tensorType.getElementType().isIntOrFloat()) {
        callee.emitError() << "cannot generate an input of type " << type;
        return signalPassFailure();
      }
      args.push_back(buildNoise(builder, loc, tensorType, seed + index,
                                /*center=*/0.0, /*spread=*/1.0));
    }
    auto call = func::CallOp::create(builder, loc, callee, args);
    for (Value result : call.getResults()) {
      if (!isa<RankedTensorType>(result.getType())) {
        callee.emitError() << "cannot print a result of type "
                           << result.getType();
        return signalPassFailure();
      }
      print(builder, loc, module, result);
    }
    func::ReturnOp::create(builder, loc);
  }
};
} // namespace

void mlir::memplan::test::registerTestHarnessPasses() {
  PassRegistration<TestPerturbConstantsPass>();
  PassRegistration<TestGenerateMainPass>();
}
