//===- SplitExecutionUnits.cpp - memplan-split-execution-units ------------===//
//
// Cuts every device sub-function into execution units and schedules them on
// the device's compute units. A unit is one `linalg` operation, or, with
// `fuse-elementwise`, a chain of them: an elementwise op joins the unit of
// the producer of its input when it is that producer's only user; other
// operations (fills, pads, slices, views) run right before their first
// user, in its unit. Units
// are list-scheduled (highest bottom level first, each on the compute unit
// free earliest) with durations from the cost estimates (flops + bytes);
// the function is reordered into the schedule's order and every operation
// of a unit records it in `memplan.unit`.
//
//===----------------------------------------------------------------------===//

#include "memplan/Analysis/OpCost.h"
#include "memplan/Transforms/Passes.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "llvm/ADT/EquivalenceClasses.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/Debug.h"

namespace mlir {
namespace memplan {
#define GEN_PASS_DEF_MEMPLANSPLITEXECUTIONUNITSPASS
#include "memplan/Transforms/Passes.h.inc"
} // namespace memplan
} // namespace mlir

using namespace mlir;
using namespace mlir::memplan;

#define DEBUG_TYPE "memplan-split-execution-units"

namespace {

struct Unit {
  SmallVector<Operation *> members;
  int64_t flops = 0;
  int64_t bytes = 0;
  llvm::SmallSetVector<unsigned, 4> after;
  int64_t computeUnit = 0;
  int64_t start = 0;
  int64_t finish = 0;
  int64_t order = 0;
};

/// All loops parallel and every operand read or written at the position
/// being computed: fusing it into its producer's unit needs no other data.
bool isElementwise(Operation *op) {
  auto generic = dyn_cast<linalg::GenericOp>(op);
  if (!generic || generic.getNumParallelLoops() != generic.getNumLoops())
    return false;
  AffineMap out = generic.getMatchingIndexingMap(generic.getDpsInitOperand(0));
  return llvm::all_of(generic.getIndexingMapsArray(), [&](AffineMap map) {
    return map == out || map.getNumResults() < out.getNumResults();
  });
}

class Scheduler {
public:
  Scheduler(Block &block, int64_t computeUnits, bool fuse)
      : block(block), computeUnits(computeUnits), fuse(fuse) {}

  void formUnits();
  void schedule();
  void apply(MLIRContext *ctx);
  ArrayRef<Unit> getUnits() const { return units; }

private:
  /// The units that produce `value`, looking through operations that are
  /// not in a unit (reshapes, views).
  void producersOf(Value value, llvm::SmallSetVector<unsigned, 4> &out);

  Block &block;
  int64_t computeUnits;
  bool fuse;
  bool reorder = false;
  SmallVector<Unit> units;
  DenseMap<Operation *, unsigned> unitOf;
};

void Scheduler::producersOf(Value value,
                            llvm::SmallSetVector<unsigned, 4> &out) {
  Operation *def = value.getDefiningOp();
  if (!def || def->getBlock() != &block)
    return;
  if (auto it = unitOf.find(def); it != unitOf.end()) {
    out.insert(it->second);
    return;
  }
  for (Value operand : getValuesUsedFromOutside(def))
    producersOf(operand, out);
}

void Scheduler::formUnits() {
  // Tensors bufferization will put in one buffer: a destination-style
  // result and its init, a view and its source. Writing into such a buffer
  // must wait for every earlier reader of it (a hazard the tensor program
  // does not show).
  llvm::EquivalenceClasses<Value> sameBuffer;
  for (Operation &op : block.without_terminator()) {
    if (auto dps = dyn_cast<DestinationStyleOpInterface>(&op))
      for (OpResult result : op.getResults())
        if (OpOperand *init = dps.getTiedOpOperand(result))
          sameBuffer.unionSets(result, init->get());
    if ((isTensorView(&op) || isa<ViewLikeOpInterface>(op)) &&
        op.getNumResults() == 1 && op.getNumOperands() > 0)
      sameBuffer.unionSets(op.getResult(0), op.getOperand(0));
  }
  auto earlierReaders = [&](Operation *writer, Value init,
                            llvm::SmallSetVector<unsigned, 4> &out) {
    sameBuffer.insert(init);
    for (auto it = sameBuffer.findLeader(init); it != sameBuffer.member_end();
         ++it)
      for (Operation *user : (*it).getUsers()) {
        Operation *top = block.findAncestorOpInBlock(*user);
        if (top && top != writer && top->isBeforeInBlock(writer))
          if (auto unit = unitOf.find(top); unit != unitOf.end())
            out.insert(unit->second);
      }
  };

  Operation *lastWithEffects = nullptr;
  for (Operation &op : block.without_terminator()) {
    // Other operations (pads, slices, views) run just before their first
    // user, as part of its unit: bufferization keeps the attributes of
    // `linalg` ops only. So do fills: scheduled on their own, with nothing
    // to wait for, they would all start at once and hold their buffers
    // from the beginning.
    if (!isa<linalg::LinalgOp>(op) || isa<linalg::FillOp>(op))
      continue;
    llvm::SmallSetVector<unsigned, 4> producers;
    for (Value used : getValuesUsedFromOutside(&op))
      producersOf(used, producers);
    if (auto dps = dyn_cast<DestinationStyleOpInterface>(&op))
      for (OpOperand &init : dps.getDpsInitsMutable())
        earlierReaders(&op, init.get(), producers);
    // Fusing never makes a unit wait for another: the op joins its
    // producer's unit only if it needs no other unit.
    std::optional<unsigned> joined;
    if (fuse && isElementwise(&op) && producers.size() == 1) {
      for (Value operand : op.getOperands()) {
        Operation *producer = operand.getDefiningOp();
        auto it = producer ? unitOf.find(producer) : unitOf.end();
        if (it != unitOf.end() && it->second == producers[0] &&
            llvm::all_of(producer->getUsers(),
                         [&](Operation *user) { return user == &op; })) {
          joined = it->second;
          break;
        }
      }
    }
    if (!joined) {
      joined = units.size();
      units.emplace_back();
    }
    Unit &unit = units[*joined];
    unitOf[&op] = *joined;
    unit.members.push_back(&op);
    OpCost cost = estimateCost(&op);
    if (!cost.known)
      op.emitRemark() << "dynamically shaped: the schedule counts only the "
                         "statically known part of its cost";
    unit.flops += cost.flops;
    unit.bytes += cost.bytes;
    if (!isMemoryEffectFree(&op)) {
      if (lastWithEffects)
        producers.insert(unitOf[lastWithEffects]);
      lastWithEffects = &op;
    }
    for (unsigned producer : producers)
      if (producer != *joined)
        unit.after.insert(producer);
  }
}

void Scheduler::schedule() {
  // Bottom levels: the longest path from a unit to the end, itself included.
  // Units are numbered in a topological order (program order).
  SmallVector<int64_t> duration(units.size()), bottom(units.size(), 0);
  SmallVector<SmallVector<unsigned>> successors(units.size());
  for (auto [index, unit] : llvm::enumerate(units)) {
    duration[index] = std::max<int64_t>(1, unit.flops + unit.bytes);
    for (unsigned pred : unit.after)
      successors[pred].push_back(index);
  }
  for (int64_t index = units.size() - 1; index >= 0; --index) {
    bottom[index] = duration[index];
    for (unsigned succ : successors[index])
      bottom[index] = std::max(bottom[index], duration[index] + bottom[succ]);
  }
  SmallVector<unsigned> waiting(units.size());
  SmallVector<unsigned> ready;
  for (auto [index, unit] : llvm::enumerate(units)) {
    waiting[index] = unit.after.size();
    if (waiting[index] == 0)
      ready.push_back(index);
  }
  SmallVector<int64_t> freeAt(computeUnits, 0);
  SmallVector<std::pair<int64_t, unsigned>> byStart;
  while (!ready.empty()) {
    auto best = llvm::max_element(ready, [&](unsigned a, unsigned b) {
      return std::make_pair(bottom[a], -int64_t(a)) <
             std::make_pair(bottom[b], -int64_t(b));
    });
    unsigned index = *best;
    ready.erase(best);
    Unit &unit = units[index];
    int64_t readyAt = 0;
    for (unsigned pred : unit.after)
      readyAt = std::max(readyAt, units[pred].finish);
    // The compute unit where it can start first.
    int64_t chosen = 0;
    for (int64_t cu = 1; cu < computeUnits; ++cu)
      if (std::max(freeAt[cu], readyAt) < std::max(freeAt[chosen], readyAt))
        chosen = cu;
    unit.computeUnit = chosen;
    unit.start = std::max(freeAt[chosen], readyAt);
    unit.finish = unit.start + duration[index];
    freeAt[chosen] = unit.finish;
    byStart.push_back({unit.start, index});
    for (unsigned succ : successors[index])
      if (--waiting[succ] == 0)
        ready.push_back(succ);
  }
  // With side effects in the block, the program's order stays (units are
  // numbered in it); otherwise units run in the order of their start times.
  bool keepOrder = llvm::any_of(block.without_terminator(), [](Operation &op) {
    return !isMemoryEffectFree(&op);
  });
  if (!keepOrder)
    llvm::sort(byStart);
  else
    llvm::sort(byStart, [](auto a, auto b) { return a.second < b.second; });
  for (auto [order, entry] : llvm::enumerate(byStart))
    units[entry.second].order = order;
  reorder = !keepOrder;
}

void Scheduler::apply(MLIRContext *ctx) {
  SmallVector<unsigned> inOrder(units.size());
  for (auto [index, unit] : llvm::enumerate(units))
    inOrder[unit.order] = index;
  Operation *terminator = block.getTerminator();
  SmallVector<Operation *> original;
  for (Operation &op : block.without_terminator())
    original.push_back(&op);
  DenseSet<Operation *> placed;
  // Operations outside units go right before their first user, with what
  // they need.
  std::function<void(Operation *)> placeBefore = [&](Operation *op) {
    for (Value used : getValuesUsedFromOutside(op)) {
      Operation *def = used.getDefiningOp();
      if (def && def->getBlock() == &block && !unitOf.count(def) &&
          !placed.count(def)) {
        def->moveBefore(op);
        placed.insert(def);
        placeBefore(def);
      }
    }
  };
  for (unsigned index : inOrder) {
    Unit &unit = units[index];
    SmallVector<int64_t> after(unit.after.begin(), unit.after.end());
    llvm::sort(after);
    for (Operation *op : unit.members) {
      if (reorder) {
        op->moveBefore(terminator);
        placeBefore(op);
      }
      op->setAttr(MemPlanDialect::kUnitAttrName,
                  ExecutionUnitAttr::get(ctx, index, unit.computeUnit,
                                         unit.order, unit.flops, unit.bytes,
                                         after));
    }
  }
  if (!reorder)
    return;
  placeBefore(terminator);
  // What nothing uses keeps its relative order, after everything else.
  for (Operation *op : original)
    if (!unitOf.count(op) && !placed.count(op))
      op->moveBefore(terminator);
}

struct MemPlanSplitExecutionUnitsPass
    : public mlir::memplan::impl::MemPlanSplitExecutionUnitsPassBase<
          MemPlanSplitExecutionUnitsPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    for (auto func : module.getOps<FunctionOpInterface>()) {
      auto name = func->getAttrOfType<StringAttr>(MemPlanDialect::kDeviceAttrName);
      if (!name || func.isExternal())
        continue;
      if (!func.getFunctionBody().hasOneBlock()) {
        func.emitRemark() << "no execution units: the function has several "
                             "blocks";
        continue;
      }
      DeviceAttr device = MemPlanDialect::getTarget(module, name);
      int64_t computeUnits = device ? device.getComputeUnits() : 1;
      Scheduler scheduler(func.getFunctionBody().front(), computeUnits,
                          fuseElementwise);
      scheduler.formUnits();
      scheduler.schedule();
      scheduler.apply(&getContext());
      LLVM_DEBUG(llvm::dbgs()
                 << "@" << func.getName() << " on '" << name.getValue() << "': "
                 << scheduler.getUnits().size() << " execution units on "
                 << computeUnits << " compute units\n");
      numUnits += scheduler.getUnits().size();
    }
  }
};
} // namespace
