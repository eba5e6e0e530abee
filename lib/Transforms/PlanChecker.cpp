//===- PlanChecker.cpp - The run-time plan checker ------------------------===//
//
// Instruments a planned program so that, when it runs, every load and store
// of an arena byte checks that the buffer making it owns that byte at that
// moment. Ownership is claimed when a buffer's lifetime starts (before the
// first operation touching its view) and released after the last one; a
// shadow map in the runtime (lib/Runtime/PlanChecker.c) keeps the owner of every
// byte. The claims are inserted on the planned IR, the checks once the
// program is lowered to loads and stores.
//
//===----------------------------------------------------------------------===//

#include "memplan/Analysis/BufferLiveness.h"
#include "memplan/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "llvm/Support/Debug.h"

#define DEBUG_TYPE "memplan-plan-checker"

namespace mlir {
namespace memplan {
#define GEN_PASS_DEF_MEMPLANINSERTOWNERSHIPCLAIMSPASS
#define GEN_PASS_DEF_MEMPLANCHECKARENAACCESSESPASS
#include "memplan/Transforms/Passes.h.inc"
} // namespace memplan
} // namespace mlir

using namespace mlir;
using namespace mlir::memplan;

namespace {

constexpr StringLiteral kClaim = "memplan_rt_claim";
constexpr StringLiteral kRelease = "memplan_rt_release";
constexpr StringLiteral kCheck = "memplan_rt_check";
constexpr StringLiteral kForget = "memplan_rt_forget";
constexpr StringLiteral kEnter = "memplan_rt_enter";
constexpr StringLiteral kArgument = "memplan_rt_argument";
constexpr StringLiteral kLeave = "memplan_rt_leave";

/// Declares `name(types...)` in `module` once.
func::FuncOp getRuntimeFunction(ModuleOp module, StringRef name,
                                TypeRange types) {
  if (auto existing = module.lookupSymbol<func::FuncOp>(name))
    return existing;
  OpBuilder builder = OpBuilder::atBlockEnd(module.getBody());
  auto func = func::FuncOp::create(builder, module.getLoc(), name,
                                   builder.getFunctionType(types, {}));
  func.setPrivate();
  return func;
}

Value index(OpBuilder &b, Location loc, int64_t value) {
  return arith::ConstantIndexOp::create(b, loc, value);
}

Value i64(OpBuilder &b, Location loc, int64_t value) {
  return arith::ConstantIntOp::create(b, loc, b.getI64Type(), value);
}

/// The id of the arena view buffer `memref` is a view of; -(k + 2) for a
/// view of the function's argument k (the runtime asks the caller's frame);
/// -1 if unknown.
int64_t getBufferId(Value memref) {
  if (auto arg = dyn_cast<BlockArgument>(memref))
    if (arg.getOwner()->isEntryBlock() &&
        isa<FunctionOpInterface>(arg.getOwner()->getParentOp()))
      return -2 - static_cast<int64_t>(arg.getArgNumber());
  while (Operation *def = memref.getDefiningOp()) {
    if (auto view = dyn_cast<memref::ViewOp>(def))
      if (auto attr =
              view->getAttrOfType<BufferAttr>(MemPlanDialect::kBufferAttrName))
        return attr.getId();
    auto viewLike = dyn_cast<ViewLikeOpInterface>(def);
    if (!viewLike)
      return -1;
    memref = viewLike.getViewSource();
    if (auto arg = dyn_cast<BlockArgument>(memref))
      return getBufferId(arg);
  }
  return -1;
}

struct MemPlanInsertOwnershipClaimsPass
    : public mlir::memplan::impl::MemPlanInsertOwnershipClaimsPassBase<
          MemPlanInsertOwnershipClaimsPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<memref::ViewOp> views;
    module.walk([&](memref::ViewOp view) {
      if (view.getSource().getDefiningOp<ArenaOp>() &&
          view->hasAttr(MemPlanDialect::kBufferAttrName))
        views.push_back(view);
    });
    if (views.empty())
      return;
    MLIRContext *ctx = &getContext();
    Type indexType = IndexType::get(ctx), i64Type = IntegerType::get(ctx, 64);
    func::FuncOp claim = getRuntimeFunction(
        module, kClaim,
        {indexType, indexType, indexType, indexType, i64Type, i64Type});
    func::FuncOp release = getRuntimeFunction(
        module, kRelease, {indexType, indexType, indexType, indexType, i64Type});
    for (memref::ViewOp view : views)
      instrument(view, claim, release);
    instrumentCalls(module);
    // The program that owns an arena forgets it when it returns: its memory
    // is freed or handed back to the caller.
    func::FuncOp forget =
        getRuntimeFunction(module, kForget, {indexType, indexType});
    module.walk([&](ArenaOp arena) {
      auto func = arena->getParentOfType<FunctionOpInterface>();
      Value storage = arena.getStorage();
      if (storage && func.isPrivate())
        return; // a device sub-function, within its caller's program
      for (Block &block : func.getFunctionBody())
        if (block.mightHaveTerminator() &&
            block.getTerminator()->hasTrait<OpTrait::ReturnLike>()) {
          OpBuilder builder(block.getTerminator());
          Location loc = arena.getLoc();
          Value pointer = memref::ExtractAlignedPointerAsIndexOp::create(
              builder, loc, arena.getResult());
          func::CallOp::create(
              builder, loc, forget,
              ValueRange{pointer, index(builder, loc, arena.getPlan().getSize())});
        }
    });
  }

  /// Every call of a function with a body pushes a frame naming the buffer
  /// each argument is a view of, so that the callee's accesses through its
  /// arguments are checked against that buffer.
  void instrumentCalls(ModuleOp module) {
    MLIRContext *ctx = &getContext();
    Type indexType = IndexType::get(ctx), i64Type = IntegerType::get(ctx, 64);
    func::FuncOp enter = getRuntimeFunction(module, kEnter, {});
    func::FuncOp argument =
        getRuntimeFunction(module, kArgument, {indexType, i64Type});
    func::FuncOp leave = getRuntimeFunction(module, kLeave, {});
    SymbolTableCollection symbols;
    SmallVector<CallOpInterface> calls;
    module.walk([&](CallOpInterface call) {
      auto callee = dyn_cast_if_present<FunctionOpInterface>(
          call.resolveCallableInTable(&symbols));
      if (callee && !callee.isExternal() && isa<func::CallOp>(call))
        calls.push_back(call);
    });
    for (CallOpInterface call : calls) {
      OpBuilder builder(call);
      Location loc = call.getLoc();
      func::CallOp::create(builder, loc, enter, ValueRange{});
      for (auto [k, operand] : llvm::enumerate(call.getArgOperands()))
        if (isa<BaseMemRefType>(operand.getType()))
          if (int64_t id = getBufferId(operand); id != -1)
            func::CallOp::create(
                builder, loc, argument,
                ValueRange{index(builder, loc, k), i64(builder, loc, id)});
      builder.setInsertionPointAfter(call);
      func::CallOp::create(builder, loc, leave, ValueRange{});
    }
  }

  /// Claims before the first operation of the view's block touching it,
  /// releases after the last; a view touched from other blocks keeps its
  /// bytes until another claim takes them.
  void instrument(memref::ViewOp view, func::FuncOp claim,
                  func::FuncOp release) {
    auto attr = view->getAttrOfType<BufferAttr>(MemPlanDialect::kBufferAttrName);
    auto arena = view.getSource().getDefiningOp<ArenaOp>();
    Block *block = view->getBlock();
    Operation *first = nullptr, *last = nullptr;
    bool elsewhere = false;
    // The view and every value that may alias it: results of operations
    // taking it (views, loops), values yielded out of regions.
    SmallVector<Value> worklist = {view.getResult()};
    DenseSet<Value> seen = {view.getResult()};
    auto alias = [&](ValueRange values) {
      for (Value value : values)
        if (isa<BaseMemRefType>(value.getType()) && seen.insert(value).second)
          worklist.push_back(value);
    };
    while (!worklist.empty()) {
      Value value = worklist.pop_back_val();
      for (Operation *user : value.getUsers()) {
        alias(user->getResults());
        if (user->hasTrait<OpTrait::IsTerminator>())
          alias(user->getParentOp()->getResults());
        if (isa<ViewLikeOpInterface>(user) && isMemoryEffectFree(user) &&
            user->getNumRegions() == 0)
          continue;
        Operation *ancestor = block->findAncestorOpInBlock(*user);
        if (!ancestor) {
          elsewhere = true;
          continue;
        }
        if (!first || ancestor->isBeforeInBlock(first))
          first = ancestor;
        if (!last || last->isBeforeInBlock(ancestor))
          last = ancestor;
      }
    }
    if (!first || elsewhere || last->hasTrait<OpTrait::IsTerminator>()) {
      first = view->getNextNode();
      last = nullptr;
    }
    Location loc = view.getLoc();
    auto operands = [&](OpBuilder &b) {
      Value pointer = memref::ExtractAlignedPointerAsIndexOp::create(
          b, loc, arena.getResult());
      return SmallVector<Value>{pointer,
                                index(b, loc, arena.getPlan().getSize()),
                                index(b, loc, *attr.getOffset()),
                                index(b, loc, attr.getSize()),
                                i64(b, loc, attr.getId())};
    };
    OpBuilder builder(first);
    SmallVector<Value> args = operands(builder);
    args.push_back(i64(builder, loc, attr.getInPlaceOf().value_or(-1)));
    func::CallOp::create(builder, loc, claim, args);
    ++numClaims;
    if (last) {
      builder.setInsertionPointAfter(last);
      func::CallOp::create(builder, loc, release, operands(builder));
    }
  }
};

struct MemPlanCheckArenaAccessesPass
    : public mlir::memplan::impl::MemPlanCheckArenaAccessesPassBase<
          MemPlanCheckArenaAccessesPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *ctx = &getContext();
    Type indexType = IndexType::get(ctx), i64Type = IntegerType::get(ctx, 64);
    func::FuncOp check = getRuntimeFunction(
        module, kCheck, {indexType, indexType, i64Type});
    SmallVector<Operation *> accesses;
    module.walk([&](Operation *op) {
      if (isa<memref::LoadOp, memref::StoreOp, memref::CopyOp>(op))
        accesses.push_back(op);
    });
    for (Operation *op : accesses) {
      OpBuilder builder(op);
      Location loc = op->getLoc();
      if (auto load = dyn_cast<memref::LoadOp>(op)) {
        checkElement(builder, loc, check, load.getMemRef(), load.getIndices());
      } else if (auto store = dyn_cast<memref::StoreOp>(op)) {
        checkElement(builder, loc, check, store.getMemRef(),
                     store.getIndices());
      } else {
        auto copy = cast<memref::CopyOp>(op);
        checkWhole(builder, loc, check, copy.getSource());
        checkWhole(builder, loc, check, copy.getTarget());
      }
      ++numChecks;
    }
  }

  static int64_t elementBytes(MemRefType type, Operation *context) {
    return getStaticBytes(MemRefType::get({1}, type.getElementType()),
                          context);
  }

  /// Checks the element of `memref` at `indices`.
  void checkElement(OpBuilder &b, Location loc, func::FuncOp check,
                    Value memref, ValueRange indices) {
    auto type = dyn_cast<MemRefType>(memref.getType());
    int64_t bytes = type ? elementBytes(type, check) : 0;
    if (bytes <= 0)
      return;
    auto metadata = memref::ExtractStridedMetadataOp::create(b, loc, memref);
    Value element = metadata.getOffset();
    for (auto [i, index] : llvm::enumerate(indices))
      element = arith::AddIOp::create(
          b, loc, element,
          arith::MulIOp::create(b, loc, index, metadata.getStrides()[i]));
    emitCheck(b, loc, check, memref, element, index(b, loc, bytes), bytes);
  }

  /// Checks every byte from the first to the last element of `memref`.
  void checkWhole(OpBuilder &b, Location loc, func::FuncOp check,
                  Value memref) {
    auto type = dyn_cast<MemRefType>(memref.getType());
    int64_t bytes = type ? elementBytes(type, check) : 0;
    if (bytes <= 0 || !type.hasStaticShape() || type.getNumElements() == 0)
      return;
    auto metadata = memref::ExtractStridedMetadataOp::create(b, loc, memref);
    // The extent: 1 + sum of (size - 1) * stride, in elements.
    Value extent = index(b, loc, 1);
    for (auto [i, size] : llvm::enumerate(type.getShape()))
      extent = arith::AddIOp::create(
          b, loc, extent,
          arith::MulIOp::create(b, loc, index(b, loc, size - 1),
                                metadata.getStrides()[i]));
    Value length =
        arith::MulIOp::create(b, loc, extent, index(b, loc, bytes));
    emitCheck(b, loc, check, memref, metadata.getOffset(), length, bytes);
  }

  void emitCheck(OpBuilder &b, Location loc, func::FuncOp check, Value memref,
                 Value element, Value length, int64_t bytes) {
    Value base = memref::ExtractAlignedPointerAsIndexOp::create(b, loc, memref);
    Value address = arith::AddIOp::create(
        b, loc, base,
        arith::MulIOp::create(b, loc, element, index(b, loc, bytes)));
    func::CallOp::create(
        b, loc, check,
        ValueRange{address, length, i64(b, loc, getBufferId(memref))});
  }
};
} // namespace
