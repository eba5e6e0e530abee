//===- MaterializeArenas.cpp - memplan-materialize-arenas -----------------===//
//
// Creates each planned program's arenas, one per device, in its root
// function (device sub-functions receive them as arguments) and rewrites
// every planned allocation into a memref.view of its device's arena at the
// planned offset.
//
//===----------------------------------------------------------------------===//

#include "memplan/Analysis/BufferLiveness.h"
#include "memplan/Transforms/Passes.h"

#include "mlir/Dialect/Bufferization/Transforms/BufferViewFlowAnalysis.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "llvm/Support/Debug.h"

namespace mlir {
namespace memplan {
#define GEN_PASS_DEF_MEMPLANMATERIALIZEARENASPASS
#include "memplan/Transforms/Passes.h.inc"
} // namespace memplan
} // namespace mlir

using namespace mlir;
using namespace mlir::memplan;

#define DEBUG_TYPE "memplan-materialize-arenas"

namespace {

MemRefType getArenaType(ArenaAttr plan) {
  return MemRefType::get({plan.getSize()},
                         IntegerType::get(plan.getContext(), 8));
}

struct MemPlanMaterializeArenasPass
    : public mlir::memplan::impl::MemPlanMaterializeArenasPassBase<
          MemPlanMaterializeArenasPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    // Functions that now take their arenas from the caller.
    DenseMap<StringAttr, SmallVector<ArenaAttr>> argumentArenas;
    const auto &programs = getAnalysis<ProgramStructure>();
    for (FunctionOpInterface root : programs.getRoots()) {
      auto arenas =
          root->getAttrOfType<ArrayAttr>(MemPlanDialect::kArenasAttrName);
      if (!arenas)
        continue;
      SmallVector<ArenaAttr> plans;
      for (Attribute attr : arenas) {
        auto plan = dyn_cast<ArenaAttr>(attr);
        if (!plan || llvm::any_of(plans, [&](ArenaAttr other) {
              return other.getDevice() == plan.getDevice();
            })) {
          root.emitError() << "expected one #memplan.arena per device in '"
                           << MemPlanDialect::kArenasAttrName << "'";
          return signalPassFailure();
        }
        plans.push_back(plan);
      }
      if (failed(materializeProgram(root, programs, plans)))
        return signalPassFailure();
      if (arenaStorage == ArenaStorage::Argument)
        argumentArenas[root.getNameAttr()] = plans;
    }
    if (!argumentArenas.empty())
      passArenasAtCallSites(module, argumentArenas);
    // Calls gain operands in place; no function or call is created or erased.
    markAnalysesPreserved<ProgramStructure>();
  }

  LogicalResult materializeProgram(FunctionOpInterface root,
                                   const ProgramStructure &programs,
                                   ArrayRef<ArenaAttr> plans) {
    SmallVector<FunctionOpInterface> functions = programs.getFunctions(root);
    SmallVector<std::pair<Operation *, BufferAttr>> buffers;
    for (FunctionOpInterface func : functions)
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

    // The root's arenas come first, so that they dominate every use.
    DenseMap<std::pair<Operation *, StringRef>, Value> arenaIn;
    Block &entry = root.getFunctionBody().front();
    OpBuilder builder = OpBuilder::atBlockBegin(&entry);
    for (ArenaAttr plan : plans) {
      Value storage;
      if (arenaStorage == ArenaStorage::Argument)
        storage = addArenaArgument(root, plan);
      if (arenaStorage == ArenaStorage::Argument && !storage)
        return failure();
      arenaIn[{root, plan.getDevice()}] = ArenaOp::create(
          builder, root.getLoc(), getArenaType(plan), plan, storage);
      builder.setInsertionPointAfter(
          arenaIn[{root, plan.getDevice()}].getDefiningOp());
      ++numArenas;
    }
    // A device sub-function reaches a device's arena through a new argument,
    // which its call passes.
    std::function<Value(FunctionOpInterface, ArenaAttr)> getArena =
        [&](FunctionOpInterface func, ArenaAttr plan) -> Value {
      auto key = std::make_pair(func.getOperation(), plan.getDevice());
      if (Value arena = arenaIn.lookup(key))
        return arena;
      CallOpInterface call = programs.getProgramCall(func);
      Value storage = addArenaArgument(func, plan);
      if (!call || !storage)
        return {};
      auto caller = call->getParentOfType<FunctionOpInterface>();
      Value passed = getArena(caller, plan);
      if (!passed)
        return {};
      call.getArgOperandsMutable().append(passed);
      OpBuilder atEntry =
          OpBuilder::atBlockBegin(&func.getFunctionBody().front());
      Value arena = ArenaOp::create(atEntry, func.getLoc(),
                                    getArenaType(plan), plan, storage);
      arenaIn[key] = arena;
      return arena;
    };

    DenseMap<Operation *, std::unique_ptr<BufferViewFlowAnalysis>> flows;
    for (auto &[op, attr] : buffers) {
      auto func = op->getParentOfType<FunctionOpInterface>();
      const ArenaAttr *plan = llvm::find_if(plans, [&](ArenaAttr p) {
        return p.getDevice() == attr.getDeviceName();
      });
      if (plan == plans.end())
        return op->emitError() << "memplan buffer " << attr.getId()
                               << " is on device '" << attr.getDeviceName()
                               << "', which has no arena";
      Value arena = getArena(func, *plan);
      if (!arena)
        return op->emitError() << "cannot pass the arena of device '"
                               << attr.getDeviceName() << "' to this function";
      std::unique_ptr<BufferViewFlowAnalysis> &flow = flows[func];
      if (!flow)
        flow = std::make_unique<BufferViewFlowAnalysis>(func);
      Value buffer = op->getResult(0);
      // Deallocating a view of the arena would free the arena.
      SmallVector<Operation *> deallocs;
      for (Value alias : flow->resolve(buffer))
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
      LLVM_DEBUG(llvm::dbgs()
                 << "buffer " << attr.getId() << " at " << op->getLoc()
                 << ": view at offset " << *attr.getOffset()
                 << " of the arena of '" << attr.getDeviceName() << "'\n");
      buffer.replaceAllUsesWith(view.getResult());
      op->erase();
      ++numViews;
    }
    root->removeAttr(MemPlanDialect::kArenasAttrName);
    return success();
  }

  /// Appends an argument holding `plan`'s arena to `func`.
  Value addArenaArgument(FunctionOpInterface func, ArenaAttr plan) {
    unsigned index = func.getNumArguments();
    NamedAttribute argAttr(
        StringAttr::get(&getContext(), MemPlanDialect::kArenaArgAttrName),
        plan);
    if (failed(func.insertArgument(index, getArenaType(plan),
                                   DictionaryAttr::get(&getContext(), {argAttr}),
                                   func.getLoc()))) {
      func.emitError() << "cannot add the arena argument";
      return {};
    }
    return func.getArgument(index);
  }

  /// Every call of a function that now takes its arenas passes them,
  /// allocated right before the call (the caller's own plan is already made).
  void passArenasAtCallSites(
      ModuleOp module,
      const DenseMap<StringAttr, SmallVector<ArenaAttr>> &arenas) {
    module.walk([&](CallOpInterface call) {
      auto callee =
          llvm::dyn_cast_if_present<SymbolRefAttr>(call.getCallableForCallee());
      if (!callee)
        return;
      auto it = arenas.find(callee.getLeafReference());
      if (it == arenas.end())
        return;
      OpBuilder builder(call);
      for (ArenaAttr plan : it->second) {
        Value storage = memref::AllocOp::create(
            builder, call.getLoc(), getArenaType(plan),
            builder.getI64IntegerAttr(plan.getAlignment()));
        call.getArgOperandsMutable().append(storage);
      }
    });
  }
};
} // namespace
