//===- MaterializeArenas.cpp - memplan-materialize-arenas -----------------===//
//
// Creates each planned function's arena and rewrites every planned
// allocation into a memref.view of it at the planned offset.
//
//===----------------------------------------------------------------------===//

#include "memplan/Transforms/Passes.h"

#include "mlir/Dialect/Bufferization/Transforms/BufferViewFlowAnalysis.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/CallInterfaces.h"

namespace mlir {
namespace memplan {
#define GEN_PASS_DEF_MEMPLANMATERIALIZEARENASPASS
#include "memplan/Transforms/Passes.h.inc"
} // namespace memplan
} // namespace mlir

using namespace mlir;
using namespace mlir::memplan;

namespace {

MemRefType getArenaType(ArenaAttr plan) {
  return MemRefType::get({plan.getSize()},
                         IntegerType::get(plan.getContext(), 8));
}

struct MemPlanMaterializeArenasPass
    : public memplan::impl::MemPlanMaterializeArenasPassBase<
          MemPlanMaterializeArenasPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    // Functions that now take their arena from the caller.
    DenseMap<StringAttr, ArenaAttr> argumentArenas;
    for (auto func : module.getOps<FunctionOpInterface>()) {
      auto arenas =
          func->getAttrOfType<ArrayAttr>(MemPlanDialect::kArenasAttrName);
      if (!arenas)
        continue;
      if (arenas.size() != 1 || !isa<ArenaAttr>(arenas[0])) {
        func.emitError() << "expected exactly one #memplan.arena in '"
                         << MemPlanDialect::kArenasAttrName << "'";
        return signalPassFailure();
      }
      auto plan = cast<ArenaAttr>(arenas[0]);
      if (failed(materialize(func, plan)))
        return signalPassFailure();
      if (arenaStorage == ArenaStorage::Argument)
        argumentArenas[func.getNameAttr()] = plan;
    }
    if (!argumentArenas.empty())
      passArenasAtCallSites(module, argumentArenas);
  }

  LogicalResult materialize(FunctionOpInterface func, ArenaAttr plan) {
    SmallVector<std::pair<Operation *, BufferAttr>> buffers;
    func->walk([&](Operation *op) {
      if (!isa<memref::AllocOp, memref::AllocaOp>(op))
        return;
      if (auto attr =
              op->getAttrOfType<BufferAttr>(MemPlanDialect::kBufferAttrName))
        buffers.push_back({op, attr});
    });
    for (auto &[op, attr] : buffers) {
      if (!attr.getOffset())
        return op->emitError()
               << "memplan buffer " << attr.getId()
               << " has no offset; run memplan-assign-offsets first";
      auto type = cast<MemRefType>(op->getResult(0).getType());
      if (!type.hasStaticShape() || !type.getLayout().isIdentity())
        return op->emitError() << "memplan buffer " << attr.getId()
                               << " of type " << type
                               << " cannot be a view of an arena";
    }

    // The arena comes first so that it dominates every planned buffer.
    Block &entry = func.getFunctionBody().front();
    OpBuilder builder = OpBuilder::atBlockBegin(&entry);
    MemRefType arenaType = getArenaType(plan);
    Value storage;
    if (arenaStorage == ArenaStorage::Argument) {
      unsigned index = func.getNumArguments();
      NamedAttribute argAttr(
          StringAttr::get(&getContext(), MemPlanDialect::kArenaArgAttrName),
          plan);
      if (failed(func.insertArgument(
              index, arenaType, DictionaryAttr::get(&getContext(), {argAttr}),
              func.getLoc())))
        return func.emitError() << "cannot add the arena argument";
      storage = func.getArgument(index);
    }
    Value arena =
        ArenaOp::create(builder, func.getLoc(), arenaType, plan, storage);
    ++numArenas;

    BufferViewFlowAnalysis flow(func);
    for (auto &[op, attr] : buffers) {
      Value buffer = op->getResult(0);
      // Deallocating a view of the arena would free the arena.
      SmallVector<Operation *> deallocs;
      for (Value alias : flow.resolve(buffer))
        for (Operation *user : alias.getUsers())
          if (isa<memref::DeallocOp>(user))
            deallocs.push_back(user);
      for (Operation *dealloc : deallocs)
        dealloc->erase();

      builder.setInsertionPoint(op);
      Value offset = arith::ConstantIndexOp::create(builder, op->getLoc(),
                                                    *attr.getOffset());
      auto view = memref::ViewOp::create(builder, op->getLoc(),
                                         buffer.getType(), arena, offset,
                                         ValueRange());
      view->setAttr(MemPlanDialect::kBufferAttrName, attr);
      buffer.replaceAllUsesWith(view.getResult());
      op->erase();
      ++numViews;
    }
    func->removeAttr(MemPlanDialect::kArenasAttrName);
    return success();
  }

  /// Every call of a function that now takes its arena passes one, allocated
  /// right before the call (the caller's own plan is already made).
  void passArenasAtCallSites(ModuleOp module,
                             const DenseMap<StringAttr, ArenaAttr> &arenas) {
    module.walk([&](CallOpInterface call) {
      auto callee =
          llvm::dyn_cast_if_present<SymbolRefAttr>(call.getCallableForCallee());
      if (!callee)
        return;
      auto it = arenas.find(callee.getLeafReference());
      if (it == arenas.end())
        return;
      OpBuilder builder(call);
      Value storage = memref::AllocOp::create(
          builder, call.getLoc(), getArenaType(it->second),
          builder.getI64IntegerAttr(it->second.getAlignment()));
      call.getArgOperandsMutable().append(storage);
    });
  }
};
} // namespace
