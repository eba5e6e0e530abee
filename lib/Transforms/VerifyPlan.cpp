//===- VerifyPlan.cpp - memplan-verify-plan -------------------------------===//
//
// An independent witness of a materialized plan. It shares no code with
// the liveness analysis that made the plan: it re-derives, from the planned
// IR alone and by deliberately simple, conservative rules, when each arena
// view is touched, and checks that views sharing bytes of one device's
// arena are never touched at the same step.
//
// The rules:
//  * A program is a function with the functions that run within it: a
//    private function used exactly once, by a call at the top level of a
//    function, runs within that call.
//    Steps are the top-level operations of the program in order, a call of
//    such a function standing for the callee's steps.
//  * Every use of a view, or of any value derived from it (results of any
//    operation taking it, values forwarded through branches, loops, region
//    terminators and calls), touches its bytes at the step of the use's
//    top-level operation; making another view (subview, reshape, cast)
//    touches nothing, its uses do. A view whose values reach several blocks of a
//    function is touched during the whole function.
//  * A call of any other function touches what it is passed during the
//    call; the callee keeps nothing of it but what it returns.
//  * What cannot be bounded is an error: a view returned, stored, freed,
//    read by `bufferization.to_tensor`,
//    used inside an asynchronous region, or carried out of the loop (of
//    regions or of blocks) that defines it.
//  * Two views may share bytes at one step only where an in-place handover
//    happens: the first is last touched, the second first touched, by one
//    elementwise linalg op (or a copy) reading the first and writing the
//    second through the same indexing map, position by position.
//  * On a device whose reuse principle is max-parallel, views sharing bytes
//    must not be touched by execution units that may run at the same time.
//
//===----------------------------------------------------------------------===//

#include "memplan/Analysis/BufferLiveness.h"
#include "memplan/Transforms/Passes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SmallBitVector.h"
#include "llvm/Support/Debug.h"

#define DEBUG_TYPE "memplan-verify-plan"

namespace mlir {
namespace memplan {
#define GEN_PASS_DEF_MEMPLANVERIFYPLANPASS
#include "memplan/Transforms/Passes.h.inc"
} // namespace memplan
} // namespace mlir

using namespace mlir;
using namespace mlir::memplan;

namespace {

std::string describe(memref::ViewOp view) {
  if (auto attr =
          view->getAttrOfType<BufferAttr>(MemPlanDialect::kBufferAttrName))
    return "buffer " + std::to_string(attr.getId());
  return "arena view";
}

/// One view of an arena and where the program touches it.
struct Touched {
  memref::ViewOp view;
  StringRef device;
  /// The view's result.
  Value root;
  /// The memory of its arena: an allocated arena, or the storage it is
  /// passed from the program's root.
  Value memory;
  int64_t offset = 0;
  int64_t size = 0;
  /// First and last step touching it (inclusive).
  int64_t first = INT64_MAX, last = -1;
  /// The top-level operations touching it, and their units.
  llvm::SmallPtrSet<Operation *, 8> ops;
  /// Every value derived from the view.
  llvm::SmallPtrSet<Value, 8> values;
};

/// The steps of one program.
struct Timeline {
  SmallVector<Operation *> steps;
  DenseMap<Operation *, int64_t> stepOf;
  /// The functions of the program in call order, and their first and last
  /// steps.
  SmallVector<FunctionOpInterface> functions;
  DenseMap<Operation *, std::pair<int64_t, int64_t>> spanOf;
  /// Per call of a function of the program, that function.
  DenseMap<Operation *, FunctionOpInterface> calleeOf;
};

bool isAsynchronous(Operation *op) {
  return llvm::any_of(op->getResultTypes(), [](Type type) {
    StringRef name = type.getAbstractType().getName();
    return name == "async.token" || name == "gpu.async.token";
  });
}

bool inBlockCycle(Block *block) {
  SmallVector<Block *> worklist(block->getSuccessors());
  llvm::SmallPtrSet<Block *, 8> seen;
  while (!worklist.empty()) {
    Block *next = worklist.pop_back_val();
    if (next == block)
      return true;
    if (seen.insert(next).second)
      llvm::append_range(worklist, next->getSuccessors());
  }
  return false;
}

/// The view `value` is a whole, unchanged reshape of, if any.
Value getWholeView(Value value) {
  while (Operation *def = value.getDefiningOp()) {
    if (!isa<memref::CollapseShapeOp, memref::ExpandShapeOp, memref::CastOp>(
            def))
      break;
    auto type = dyn_cast<MemRefType>(def->getResult(0).getType());
    auto sourceType = dyn_cast<MemRefType>(def->getOperand(0).getType());
    if (!type || !sourceType || !type.getLayout().isIdentity() ||
        !sourceType.getLayout().isIdentity())
      break;
    value = def->getOperand(0);
  }
  return value;
}

struct MemPlanVerifyPlanPass
    : public mlir::memplan::impl::MemPlanVerifyPlanPassBase<MemPlanVerifyPlanPass> {
  using Base::Base;

  void runOnOperation() override {
    Operation *module = getOperation();
    SymbolTableCollection symbolTables;
    symbols = &symbolTables;
    // Private functions that run within their single call.
    DenseMap<Operation *, Operation *> callOf;
    DenseMap<Operation *, unsigned> uses;
    module->walk([&](CallOpInterface call) {
      auto callee = dyn_cast_if_present<FunctionOpInterface>(
          call.resolveCallableInTable(symbols));
      if (callee && isa_and_nonnull<FunctionOpInterface>(call->getParentOp()))
        callOf[callee] = call;
    });
    for (Region &region : module->getRegions())
      if (auto symbolUses = SymbolTable::getSymbolUses(&region))
        for (const SymbolTable::SymbolUse &use : *symbolUses)
          if (Operation *symbol = symbols->lookupNearestSymbolFrom(
                  use.getUser(), use.getSymbolRef()))
            ++uses[symbol];
    inlined.clear();
    unitsByFunction.clear();
    for (auto &[callee, call] : callOf) {
      auto func = cast<FunctionOpInterface>(callee);
      if (uses[callee] == 1 && func.isPrivate() && !func.isExternal() &&
          !func->isAncestor(call))
        inlined[call] = func;
    }
    DenseSet<Operation *> isInlined;
    for (auto &entry : inlined)
      isInlined.insert(entry.second);
    for (Region &region : module->getRegions())
      for (auto func : region.getOps<FunctionOpInterface>())
        if (!func.isExternal() && !isInlined.contains(func))
          if (failed(verifyProgram(func)))
            signalPassFailure();
  }

  void addSteps(FunctionOpInterface func, Timeline &timeline) {
    timeline.functions.push_back(func);
    int64_t first = timeline.steps.size();
    for (Block &block : func.getFunctionBody())
      for (Operation &op : block) {
        FunctionOpInterface callee = inlined.lookup(&op);
        if (callee && !llvm::is_contained(timeline.functions, callee)) {
          timeline.calleeOf[&op] = callee;
          addSteps(callee, timeline);
          continue;
        }
        timeline.stepOf[&op] = timeline.steps.size();
        timeline.steps.push_back(&op);
      }
    timeline.spanOf[func] = {first,
                             static_cast<int64_t>(timeline.steps.size()) - 1};
  }

  LogicalResult verifyProgram(FunctionOpInterface root) {
    Timeline timeline;
    addSteps(root, timeline);
    // In program order: diagnostics name the later view of a pair.
    SmallVector<Touched> views;
    for (FunctionOpInterface func : timeline.functions)
      func->walk([&](memref::ViewOp view) {
        if (auto arena = view.getSource().getDefiningOp<ArenaOp>())
          views.push_back({view, arena.getPlan().getDevice(),
                           view.getResult(), getMemory(arena)});
      });
    if (views.empty())
      return success();
    bool ok = true;
    for (Touched &touched : views)
      ok &= succeeded(checkView(touched, timeline));
    if (!ok)
      return failure();
    return checkSharing(root, views, timeline);
  }

  /// Checks one view's placement and finds where it is touched.
  LogicalResult checkView(Touched &touched, const Timeline &timeline) {
    memref::ViewOp view = touched.view;
    ++numChecked;
    auto arena = view.getSource().getDefiningOp<ArenaOp>();
    ArenaAttr plan = arena.getPlan();
    std::optional<int64_t> offset = getConstantIntValue(view.getByteShift());
    if (!offset)
      return view.emitError()
             << describe(view) << " has no constant offset in its arena";
    touched.offset = *offset;
    touched.size = getStaticBytes(view.getType(), view);
    if (!view.getType().hasStaticShape() || touched.size <= 0)
      return view.emitError()
             << describe(view) << " has no static size in its arena";
    bool ok = true;
    if (*offset % plan.getAlignment() != 0) {
      view.emitError() << describe(view) << " at offset " << *offset
                       << " breaks the arena alignment of "
                       << plan.getAlignment() << " bytes";
      ok = false;
    }
    if (*offset < 0 || *offset > plan.getSize() - touched.size) {
      view.emitError() << describe(view) << " occupies bytes [" << *offset
                       << ", " << *offset + touched.size
                       << ") and runs past the end of the arena of "
                       << plan.getSize() << " bytes on device '"
                       << plan.getDevice() << "'";
      ok = false;
    }
    if (failed(findTouches(touched, timeline)))
      ok = false;
    LLVM_DEBUG(llvm::dbgs() << describe(view) << ": bytes [" << touched.offset
                            << ", " << touched.offset + touched.size
                            << "), steps [" << touched.first << ", "
                            << touched.last << "]\n");
    return success(ok);
  }

  /// Follows every value derived from the view; records the steps of their
  /// uses. Returns failure (with an error) where no bound can be given.
  LogicalResult findTouches(Touched &touched, const Timeline &timeline) {
    memref::ViewOp view = touched.view;
    auto unbounded = [&](Operation *at, const Twine &why) {
      InFlightDiagnostic diag =
          view.emitError() << describe(view)
                           << " lives in an arena but its lifetime cannot be "
                              "bounded: "
                           << why;
      diag.attachNote(at->getLoc()) << "used here";
      return failure();
    };
    SmallVector<Value> worklist = {view.getResult()};
    // Per function: the blocks touching the view, and whether a value of it
    // reaches a block argument of a non-entry block.
    llvm::MapVector<Operation *, DenseSet<Block *>> blocksOf;
    DenseSet<Operation *> crossesBlocks;
    auto derive = [&](Value value) {
      if (isa<BaseMemRefType>(value.getType()) &&
          touched.values.insert(value).second)
        worklist.push_back(value);
    };
    touched.values.insert(view.getResult());
    while (!worklist.empty()) {
      Value value = worklist.pop_back_val();
      if (auto arg = dyn_cast<BlockArgument>(value))
        if (!arg.getOwner()->isEntryBlock())
          crossesBlocks.insert(
              arg.getOwner()->getParent()->getParentOfType<FunctionOpInterface>());
      for (OpOperand &use : value.getUses()) {
        Operation *user = use.getOwner();
        auto func = user->getParentOfType<FunctionOpInterface>();
        if (!func || !timeline.spanOf.count(func))
          return unbounded(user, "it reaches a function outside its program");
        // The top-level operation of the use, in its function.
        Operation *top = user;
        while (top->getParentOp() != func.getOperation()) {
          if (isAsynchronous(top))
            return unbounded(user, "it is used inside '" +
                                       top->getName().getStringRef() +
                                       "', which may run after later steps");
          top = top->getParentOp();
        }
        if (isAsynchronous(top))
          return unbounded(user, "it is used inside '" +
                                     top->getName().getStringRef() +
                                     "', which may run after later steps");
        // Making another view of the bytes touches none of them: only the
        // uses of that view do.
        if (isa<ViewLikeOpInterface>(user) && isMemoryEffectFree(user) &&
            user->getNumRegions() == 0) {
          for (Value result : user->getResults())
            derive(result);
          continue;
        }
        blocksOf[func].insert(top->getBlock());
        auto [from, to] = stepsOf(top, timeline);
        touched.first = std::min(touched.first, from);
        touched.last = std::max(touched.last, to);
        touched.ops.insert(top);

        if (isa<memref::DeallocOp, memref::ReallocOp>(user))
          return unbounded(user, "it is freed or reallocated by '" +
                                     user->getName().getStringRef() + "'");
        if (isa<bufferization::ToTensorOp,
                memref::ExtractAlignedPointerAsIndexOp>(user))
          return unbounded(user, "'" + user->getName().getStringRef() +
                                     "' reads it where uses are not seen");
        if (auto store = dyn_cast<memref::StoreOp>(user);
            store && store.getValueToStore() == value)
          return unbounded(user, "it is stored into memory");
        if (user->hasTrait<OpTrait::ReturnLike>() &&
            user->getParentOp() == func.getOperation())
          return unbounded(user, "it is returned from the function");
        if (auto call = dyn_cast<CallOpInterface>(user)) {
          FunctionOpInterface callee = inlined.lookup(user);
          if (!callee) {
            // Another program, or a function whose body is not seen, uses
            // the view during the call and keeps nothing of it but what it
            // returns (the ABI upstream buffer deallocation assumes too).
            for (Value result : user->getResults())
              derive(result);
            continue;
          }
          unsigned index = use.getOperandNumber() -
                           call.getArgOperands().getBeginOperandIndex();
          derive(callee.getArgument(index));
          continue;
        }
        if (auto branch = dyn_cast<BranchOpInterface>(user)) {
          for (unsigned i = 0, e = branch->getNumSuccessors(); i < e; ++i) {
            SuccessorOperands operands = branch.getSuccessorOperands(i);
            for (auto [index, forwarded] :
                 llvm::enumerate(operands.getForwardedOperands()))
              if (forwarded == value) {
                if (inBlockCycle(view->getBlock()))
                  return unbounded(user, "it is passed on through a block "
                                         "argument of a loop of blocks "
                                         "that defines it anew");
                derive(branch->getSuccessor(i)->getArgument(
                    operands.getProducedOperandCount() + index));
              }
          }
          continue;
        }
        // Region terminators forward to their parent's results and to its
        // regions' arguments; ops with regions to those arguments.
        Operation *regionOwner =
            user->hasTrait<OpTrait::IsTerminator>() ? user->getParentOp()
                                                    : user;
        if (user->hasTrait<OpTrait::IsTerminator>() &&
            regionOwner->isProperAncestor(view))
          return unbounded(user, "it is carried out of the '" +
                                     regionOwner->getName().getStringRef() +
                                     "' that defines it");
        if (regionOwner->getNumRegions() != 0) {
          for (Region &region : regionOwner->getRegions())
            for (Block &block : region)
              for (BlockArgument arg : block.getArguments())
                derive(arg);
        }
        if (user->hasTrait<OpTrait::IsTerminator>())
          for (Value result : regionOwner->getResults())
            derive(result);
        for (Value result : user->getResults())
          derive(result);
      }
    }
    if (touched.last < 0) {
      auto [from, to] = stepsOf(
          getTopLevel(view, view->getParentOfType<FunctionOpInterface>()),
          timeline);
      touched.first = from;
      touched.last = to;
    }
    // Values reaching several blocks of a function may live across any of
    // its branches.
    for (auto &[func, blocks] : blocksOf)
      if (blocks.size() > 1 || crossesBlocks.contains(func)) {
        auto [from, to] = timeline.spanOf.lookup(func);
        touched.first = std::min(touched.first, from);
        touched.last = std::max(touched.last, to);
      }
    return success();
  }

  /// The memory behind `arena`: its storage followed back through the calls
  /// of the program's functions, or the arena itself if it allocates.
  Value getMemory(ArenaOp arena) {
    Value memory = arena.getResult();
    Value storage = arena.getStorage();
    while (storage) {
      memory = storage;
      auto arg = dyn_cast<BlockArgument>(storage);
      storage = Value();
      if (!arg || !arg.getOwner()->isEntryBlock())
        break;
      auto func = dyn_cast<FunctionOpInterface>(arg.getOwner()->getParentOp());
      for (auto &[call, callee] : inlined)
        if (callee == func) {
          Value passed = cast<CallOpInterface>(call).getArgOperands()
                             [arg.getArgNumber()];
          memory = passed;
          if (auto caller = passed.getDefiningOp<ArenaOp>()) {
            memory = caller.getResult();
            storage = caller.getStorage();
          } else {
            storage = passed;
          }
        }
    }
    return memory;
  }

  static Operation *getTopLevel(Operation *op, FunctionOpInterface func) {
    while (op->getParentOp() != func.getOperation())
      op = op->getParentOp();
    return op;
  }

  static std::pair<int64_t, int64_t> stepsOf(Operation *top,
                                             const Timeline &timeline) {
    if (FunctionOpInterface callee = timeline.calleeOf.lookup(top))
      return timeline.spanOf.lookup(callee);
    int64_t step = timeline.stepOf.lookup(top);
    return {step, step};
  }

  /// Views of one device's arena that share bytes must never be touched at
  /// the same step (in-place handovers aside) nor, under max-parallel, by
  /// units that may run at the same time.
  LogicalResult checkSharing(FunctionOpInterface root,
                             MutableArrayRef<Touched> views,
                             const Timeline &timeline) {
    // Pairs sharing bytes, found by a sweep over offsets.
    SmallVector<size_t> byOffset = llvm::to_vector(llvm::seq(views.size()));
    llvm::stable_sort(byOffset, [&](size_t x, size_t y) {
      return views[x].offset < views[y].offset;
    });
    SmallVector<std::pair<size_t, size_t>> pairs;
    for (size_t k = 0; k < byOffset.size(); ++k)
      for (size_t l = k + 1; l < byOffset.size(); ++l) {
        const Touched &x = views[byOffset[k]], &y = views[byOffset[l]];
        if (y.offset >= x.offset + x.size)
          break;
        pairs.push_back(std::minmax(byOffset[k], byOffset[l]));
      }
    llvm::sort(pairs);
    bool ok = true;
    for (auto [i, j] : pairs) {
      {
        Touched &a = views[i], &b = views[j];
        if (a.memory != b.memory)
          continue;
        int64_t lo = std::max(a.offset, b.offset);
        int64_t hi = std::min(a.offset + a.size, b.offset + b.size);
        int64_t from = std::max(a.first, b.first);
        int64_t to = std::min(a.last, b.last);
        bool together = from <= to && !isHandover(a, b, timeline) &&
                        !isHandover(b, a, timeline);
        std::optional<std::pair<int64_t, int64_t>> parallel;
        if (!together)
          parallel = findParallelUnits(root, a, b);
        if (!together && !parallel)
          continue;
        Touched &later = b, &earlier = a;
        InFlightDiagnostic diag = later.view.emitError();
        diag << describe(later.view) << " and " << describe(earlier.view);
        if (together)
          diag << " are live together at steps [" << from << ", " << to + 1
               << ")";
        else
          diag << " may be live at the same time, in execution units "
               << parallel->first << " and " << parallel->second
               << " of a max-parallel device,";
        diag << " but share bytes [" << lo << ", " << hi << ") of arena '"
             << a.device << "'";
        diag.attachNote(earlier.view.getLoc())
            << describe(earlier.view) << " is defined here";
        ok = false;
      }
    }
    return success(ok);
  }

  /// True if `donor` is last touched, and `target` first touched, by one
  /// operation that writes `target` over `donor` position by position.
  bool isHandover(const Touched &donor, const Touched &target,
                  const Timeline &timeline) {
    if (donor.last != target.first || donor.offset != target.offset ||
        donor.size != target.size || donor.first == donor.last + 1)
      return false;
    Operation *op = timeline.steps[donor.last];
    if (!donor.ops.contains(op) || !target.ops.contains(op))
      return false;
    auto isWhole = [&](Value value, const Touched &touched) {
      return touched.values.contains(value) &&
             getWholeView(value) == touched.root;
    };
    auto refersTo = [&](Value value, const Touched &touched) {
      return touched.values.contains(value);
    };
    if (auto copy = dyn_cast<memref::CopyOp>(op)) {
      auto type = dyn_cast<MemRefType>(copy.getSource().getType());
      return type && type == copy.getTarget().getType() &&
             type.getLayout().isIdentity() &&
             isWhole(copy.getSource(), donor) &&
             isWhole(copy.getTarget(), target);
    }
    auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
    if (!linalgOp || !linalgOp.hasPureBufferSemantics() ||
        linalgOp.getNumParallelLoops() != linalgOp.getNumLoops())
      return false;
    // The payload reads nothing but its block arguments.
    bool captures = false;
    op->walk([&](Operation *nested) {
      if (nested != op)
        for (Value operand : nested->getOperands())
          captures |= isa<ShapedType>(operand.getType()) &&
                      !op->isAncestor(operand.getParentRegion()->getParentOp());
    });
    if (captures)
      return false;
    // Exactly one init is the target, whole; every operand referring to
    // the donor is an input reading it whole through the init's map.
    OpOperand *init = nullptr;
    for (OpOperand &operand : op->getOpOperands()) {
      if (refersTo(operand.get(), target)) {
        if (init || !linalgOp.isDpsInit(&operand) ||
            !isWhole(operand.get(), target))
          return false;
        init = &operand;
      }
    }
    if (!init || linalgOp.payloadUsesValueFromOperand(init))
      return false;
    auto type = dyn_cast<MemRefType>(init->get().getType());
    if (!type || !type.getLayout().isIdentity())
      return false;
    AffineMap outMap = normalized(linalgOp.getMatchingIndexingMap(init), type);
    if (!coversLoopsOnce(linalgOp, outMap))
      return false;
    bool readsDonor = false;
    for (OpOperand &operand : op->getOpOperands()) {
      if (!refersTo(operand.get(), donor))
        continue;
      if (!linalgOp.isDpsInput(&operand) || !isWhole(operand.get(), donor) ||
          operand.get().getType() != type ||
          normalized(linalgOp.getMatchingIndexingMap(&operand), type) !=
              outMap)
        return false;
      readsDonor = true;
    }
    return readsDonor;
  }

  /// `map` with the results of the unit dimensions of `type` set to 0.
  static AffineMap normalized(AffineMap map, MemRefType type) {
    SmallVector<AffineExpr> results(map.getResults());
    for (auto [dim, size] : llvm::enumerate(type.getShape()))
      if (size == 1)
        results[dim] = getAffineConstantExpr(0, map.getContext());
    return AffineMap::get(map.getNumDims(), map.getNumSymbols(), results,
                          map.getContext());
  }

  /// Every loop of more than one iteration is a distinct result of `map`:
  /// no two iterations write the same position.
  static bool coversLoopsOnce(linalg::LinalgOp op, AffineMap map) {
    llvm::SmallBitVector seen(op.getNumLoops());
    for (AffineExpr result : map.getResults()) {
      if (auto dim = dyn_cast<AffineDimExpr>(result)) {
        if (seen.test(dim.getPosition()))
          return false;
        seen.set(dim.getPosition());
      } else if (!isa<AffineConstantExpr>(result)) {
        return false;
      }
    }
    for (auto [loop, range] : llvm::enumerate(op.getStaticLoopRanges()))
      if (!seen.test(loop) && range != 1)
        return false;
    return true;
  }

  /// On a max-parallel device: two units, one touching each view, that may
  /// run at the same time (other compute units, no dependence either way).
  std::optional<std::pair<int64_t, int64_t>>
  findParallelUnits(FunctionOpInterface root, const Touched &a,
                    const Touched &b) {
    DeviceAttr target =
        MemPlanDialect::getTarget(root->getParentOp(), a.device);
    if (!target || !target.keepsParallelUnitsApart())
      return std::nullopt;
    // Units are numbered per function; those of different functions run in
    // the order of their calls.
    for (auto [funcA, x] : unitsOf(a))
      for (auto [funcB, y] : unitsOf(b))
        if (funcA == funcB && x.getId() != y.getId() &&
            x.getComputeUnit() != y.getComputeUnit() &&
            !dependsOn(x, y, funcA) && !dependsOn(y, x, funcA))
          return std::make_pair(x.getId(), y.getId());
    return std::nullopt;
  }

  /// The unit of each operation touching `touched`: its own, or that of
  /// the next operation of its block that has one.
  static SmallVector<std::pair<Operation *, ExecutionUnitAttr>>
  unitsOf(const Touched &touched) {
    SmallVector<std::pair<Operation *, ExecutionUnitAttr>> units;
    for (Operation *op : touched.ops)
      for (Operation *next = op; next; next = next->getNextNode())
        if (auto unit = next->getAttrOfType<ExecutionUnitAttr>(
                MemPlanDialect::kUnitAttrName)) {
          auto entry = std::make_pair(op->getParentOp(), unit);
          if (!llvm::is_contained(units, entry))
            units.push_back(entry);
          break;
        }
    return units;
  }

  /// True if unit `later` runs after unit `earlier` (through `after`).
  bool dependsOn(ExecutionUnitAttr later, ExecutionUnitAttr earlier,
                 Operation *func) {
    auto [it, inserted] = unitsByFunction.try_emplace(func);
    DenseMap<int64_t, ExecutionUnitAttr> &byId = it->second;
    if (inserted)
      func->walk([&](Operation *op) {
        if (auto unit = op->getAttrOfType<ExecutionUnitAttr>(
                MemPlanDialect::kUnitAttrName))
          byId[unit.getId()] = unit;
      });
    SmallVector<int64_t> worklist(later.getAfter());
    DenseSet<int64_t> seen;
    while (!worklist.empty()) {
      int64_t id = worklist.pop_back_val();
      if (id == earlier.getId())
        return true;
      if (seen.insert(id).second)
        if (ExecutionUnitAttr unit = byId.lookup(id))
          llvm::append_range(worklist, unit.getAfter());
    }
    return false;
  }

  SymbolTableCollection *symbols = nullptr;
  /// Per call of a function that runs within it: that function.
  DenseMap<Operation *, FunctionOpInterface> inlined;
  /// Per function, its execution units by id.
  DenseMap<Operation *, DenseMap<int64_t, ExecutionUnitAttr>> unitsByFunction;
};
} // namespace
