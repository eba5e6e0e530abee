//===- Reorder.cpp - memplan-reorder --------------------------------------===//
//
// Orders the independent operations of a tensor program so that fewer
// buffers are live at once. Each block is scheduled as a list: an operation
// is ready when the operations defining its operands (and the values its
// regions capture) have run and, if it has memory effects, when every
// earlier operation with memory effects has run. Among the ready operations
// a policy picks one; the working set each order needs is estimated with
// the bufferization model below, and the block is rewritten only when the
// best order found needs strictly less than the original one.
//
// The bufferization model: a tensor value lives in a buffer; views
// (reshapes, casts, extract_slice) share their source's buffer, and a
// destination-style result shares its init's buffer when the init dies at
// the operation (one-shot bufferization writes in place) and needs a new
// buffer otherwise. `tensor.empty` holds no memory until something writes
// into it; constants and values from outside the block are not counted. A
// buffer is freed after the last operation using any value in it.
//
//===----------------------------------------------------------------------===//

#include "memplan/Analysis/BufferLiveness.h"
#include "memplan/Analysis/OpCost.h"
#include "memplan/Transforms/Passes.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/RegionKindInterface.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/Debug.h"

namespace mlir {
namespace memplan {
#define GEN_PASS_DEF_MEMPLANREORDERPASS
#include "memplan/Transforms/Passes.h.inc"
} // namespace memplan
} // namespace mlir

using namespace mlir;
using namespace mlir::memplan;

#define DEBUG_TYPE "memplan-reorder"

namespace {

/// The estimated working set of running a block's operations in some
/// order, as a simulation that can be rolled back to try alternatives.
class WorkingSet;

/// The operations of one block (without its terminator), how they depend
/// on each other, and their list schedules.
class BlockSchedule {
public:
  explicit BlockSchedule(Block &block);

  unsigned size() const { return ops.size(); }
  /// The estimated largest working set, in bytes, of running the block's
  /// operations in `order` (indices into the original order).
  int64_t peakOf(ArrayRef<unsigned> order) const;
  /// A list schedule. Operations creating no memory with nothing to wait
  /// for (empty tensors, constants) come first; other operations that depend
  /// on nothing computed in the block (fills, broadcasts of constants) run
  /// just before their first user; the rest are picked one at a time among
  /// the ready ones: the one that grows the working set least or, with
  /// `continueBranch`, first the one using the most recently computed value.
  SmallVector<unsigned> listSchedule(bool continueBranch) const;
  void apply(ArrayRef<unsigned> order);

private:
  friend class WorkingSet;

  Block &block;
  SmallVector<Operation *> ops;
  /// Per operation: the block's tensor values it uses (distinct), the
  /// operations it must follow, whether it creates no memory, and whether
  /// it is independent: without side effects, reading no shaped block
  /// argument, and depending only on independent operations.
  SmallVector<SmallVector<unsigned>> usedValues;
  SmallVector<SmallVector<unsigned>> predecessors;
  SmallVector<bool> createsNoMemory;
  SmallVector<bool> independent;
  /// Per value: the operation defining it and the number of distinct
  /// operations using it (the terminator included).
  SmallVector<Value> values;
  SmallVector<unsigned> producerOf;
  DenseMap<Value, unsigned> valueIndex;
  SmallVector<unsigned> useCount;
};

class WorkingSet {
public:
  explicit WorkingSet(const BlockSchedule &schedule)
      : schedule(schedule), bufferOf(schedule.values.size(), -1) {}

  /// Runs one operation; returns the working set while it runs (its
  /// operands and results all live).
  int64_t run(unsigned index);
  int64_t getLive() const { return live; }
  size_t checkpoint() const { return undo.size(); }
  void rollback(size_t checkpoint);

private:
  struct Buffer {
    int64_t bytes = 0;
    /// Uses of values in the buffer by operations that have not run yet.
    int64_t pendingUses = 0;
    bool holdsMemory = false;
  };
  enum class Field { BufferOf, PendingUses, HoldsMemory, NumBuffers, Live };
  struct Change {
    Field field;
    unsigned index;
    int64_t old;
  };
  void setBufferOf(unsigned value, int buffer) {
    undo.push_back({Field::BufferOf, value, bufferOf[value]});
    bufferOf[value] = buffer;
  }
  void addPendingUses(int buffer, int64_t delta) {
    undo.push_back({Field::PendingUses, unsigned(buffer),
                    buffers[buffer].pendingUses});
    buffers[buffer].pendingUses += delta;
  }
  void setHoldsMemory(int buffer, bool holds) {
    undo.push_back({Field::HoldsMemory, unsigned(buffer),
                    buffers[buffer].holdsMemory});
    buffers[buffer].holdsMemory = holds;
  }
  int newBuffer(int64_t bytes, bool holdsMemory) {
    undo.push_back({Field::NumBuffers, 0, int64_t(buffers.size())});
    buffers.push_back({bytes, 0, holdsMemory});
    return buffers.size() - 1;
  }
  void addLive(int64_t delta) {
    undo.push_back({Field::Live, 0, live});
    live = saturatingAdd(live, delta);
  }
  int bufferOfValue(Value value) const {
    auto it = schedule.valueIndex.find(value);
    return it == schedule.valueIndex.end() ? -1 : bufferOf[it->second];
  }

  const BlockSchedule &schedule;
  SmallVector<int> bufferOf; // per value; -1 before it is defined
  SmallVector<Buffer> buffers;
  int64_t live = 0;
  SmallVector<Change> undo;
};

void WorkingSet::rollback(size_t checkpoint) {
  while (undo.size() > checkpoint) {
    Change change = undo.pop_back_val();
    switch (change.field) {
    case Field::BufferOf:
      bufferOf[change.index] = change.old;
      break;
    case Field::PendingUses:
      buffers[change.index].pendingUses = change.old;
      break;
    case Field::HoldsMemory:
      buffers[change.index].holdsMemory = change.old;
      break;
    case Field::NumBuffers:
      buffers.truncate(change.old);
      break;
    case Field::Live:
      live = change.old;
      break;
    }
  }
}

int64_t WorkingSet::run(unsigned index) {
  Operation *op = schedule.ops[index];
  // Uses of each buffer this operation consumes.
  SmallVector<std::pair<int, int64_t>, 8> consumed;
  for (unsigned value : schedule.usedValues[index]) {
    int buffer = bufferOf[value];
    auto it = llvm::find_if(consumed, [&](auto &p) { return p.first == buffer; });
    if (it == consumed.end())
      consumed.push_back({buffer, 1});
    else
      ++it->second;
  }
  auto diesHere = [&](int buffer) {
    for (auto [id, count] : consumed)
      if (id == buffer)
        return buffers[buffer].pendingUses == count;
    return false;
  };

  // Where each result lives: an existing buffer, or a new one.
  SmallVector<int, 4> resultBuffers;
  auto dps = dyn_cast<DestinationStyleOpInterface>(op);
  for (OpResult result : op->getResults()) {
    int shared = -1;
    if (isTensorView(op)) {
      shared = bufferOfValue(op->getOperand(0));
    } else if (dps && dps.hasPureTensorSemantics()) {
      int init = bufferOfValue(dps.getTiedOpOperand(result)->get());
      if (init >= 0 && diesHere(init) &&
          !llvm::is_contained(resultBuffers, init))
        shared = init;
    }
    if (shared >= 0) {
      // Writing into an empty tensor gives it memory.
      if (!isTensorView(op) && !buffers[shared].holdsMemory) {
        setHoldsMemory(shared, true);
        addLive(buffers[shared].bytes);
      }
    } else {
      bool constant = op->hasTrait<OpTrait::ConstantLike>();
      bool holds = !constant && !isa<tensor::EmptyOp>(op);
      auto type = dyn_cast<RankedTensorType>(result.getType());
      int64_t bytes = type && !constant ? getStaticBytes(type, op) : 0;
      shared = newBuffer(bytes, holds);
      if (holds)
        addLive(buffers[shared].bytes);
    }
    resultBuffers.push_back(shared);
    unsigned value = schedule.valueIndex.lookup(result);
    setBufferOf(value, shared);
  }
  int64_t whileRunning = live;

  // Buffers whose last use this was are freed, as are results nobody uses.
  for (auto [buffer, count] : consumed)
    addPendingUses(buffer, -count);
  for (OpResult result : op->getResults())
    addPendingUses(resultBuffers[result.getResultNumber()],
                   schedule.useCount[schedule.valueIndex.lookup(result)]);
  auto freeIfDead = [&](int buffer) {
    if (buffers[buffer].pendingUses == 0 && buffers[buffer].holdsMemory) {
      setHoldsMemory(buffer, false);
      addLive(-buffers[buffer].bytes);
    }
  };
  for (auto [buffer, count] : consumed)
    freeIfDead(buffer);
  for (int buffer : resultBuffers)
    freeIfDead(buffer);
  return whileRunning;
}

BlockSchedule::BlockSchedule(Block &block) : block(block) {
  DenseMap<Operation *, unsigned> opIndex;
  for (Operation &op : block.without_terminator()) {
    opIndex[&op] = ops.size();
    ops.push_back(&op);
    for (Value result : op.getResults()) {
      valueIndex[result] = values.size();
      values.push_back(result);
      producerOf.push_back(ops.size() - 1);
    }
  }
  useCount.assign(values.size(), 0);
  usedValues.resize(ops.size());
  predecessors.resize(ops.size());
  createsNoMemory.resize(ops.size());
  independent.resize(ops.size());

  std::optional<unsigned> lastWithEffects;
  for (auto [index, op] : llvm::enumerate(ops)) {
    llvm::SetVector<unsigned> preds;
    bool readsInputs = false;
    for (Value used : getValuesUsedFromOutside(op)) {
      if (used.getParentBlock() != &block)
        continue;
      auto it = valueIndex.find(used);
      if (it == valueIndex.end()) {
        // A block argument.
        readsInputs |= isa<ShapedType>(used.getType());
        continue;
      }
      ++useCount[it->second];
      preds.insert(opIndex.lookup(used.getDefiningOp()));
      if (isa<RankedTensorType>(used.getType()))
        usedValues[index].push_back(it->second);
    }
    bool effectFree = isMemoryEffectFree(op);
    if (!effectFree) {
      if (lastWithEffects)
        preds.insert(*lastWithEffects);
      lastWithEffects = index;
    }
    predecessors[index] = preds.takeVector();
    createsNoMemory[index] =
        effectFree &&
        (isTensorView(op) || isa<tensor::EmptyOp>(op) ||
         op->hasTrait<OpTrait::ConstantLike>() ||
         llvm::none_of(op->getResultTypes(), llvm::IsaPred<TensorType>));
    independent[index] =
        effectFree && !readsInputs && llvm::all_of(predecessors[index], [&](unsigned pred) {
          return independent[pred];
        });
  }
  if (Operation *terminator = block.getTerminator())
    for (Value used : getValuesUsedFromOutside(terminator))
      if (auto it = valueIndex.find(used); it != valueIndex.end())
        ++useCount[it->second];
}

int64_t BlockSchedule::peakOf(ArrayRef<unsigned> order) const {
  WorkingSet workingSet(*this);
  int64_t peak = 0;
  for (unsigned index : order)
    peak = std::max(peak, workingSet.run(index));
  return peak;
}

SmallVector<unsigned>
BlockSchedule::listSchedule(bool continueBranch) const {
  // Operations wait only for predecessors that are not independent:
  // independent ones run on demand, just before.
  SmallVector<SmallVector<unsigned>> successors(ops.size());
  SmallVector<unsigned> waitingFor(ops.size(), 0);
  for (auto [index, preds] : llvm::enumerate(predecessors))
    for (unsigned pred : preds)
      if (!independent[pred]) {
        ++waitingFor[index];
        successors[pred].push_back(index);
      }

  WorkingSet workingSet(*this);
  SmallVector<bool> scheduled(ops.size(), false);
  SmallVector<int64_t> scheduledAt(ops.size(), -1);
  SmallVector<unsigned> order;
  SmallVector<unsigned> readyFree, readyOthers;
  SmallVector<bool> queued(ops.size(), false);
  auto enqueue = [&](unsigned index) {
    queued[index] = true;
    (createsNoMemory[index] ? readyFree : readyOthers).push_back(index);
  };
  auto schedule = [&](unsigned index) {
    workingSet.run(index);
    scheduled[index] = true;
    scheduledAt[index] = order.size();
    order.push_back(index);
    for (unsigned succ : successors[index])
      if (--waitingFor[succ] == 0)
        enqueue(succ);
  };
  // The independent operations `index` needs that have not run, in order.
  auto pendingInputs = [&](unsigned index) {
    SmallVector<unsigned> pending, stack(predecessors[index]);
    DenseSet<unsigned> seen;
    while (!stack.empty()) {
      unsigned pred = stack.pop_back_val();
      if (scheduled[pred] || !seen.insert(pred).second)
        continue;
      pending.push_back(pred);
      llvm::append_range(stack, predecessors[pred]);
    }
    llvm::sort(pending);
    return pending;
  };
  auto scheduleWithInputs = [&](unsigned index) {
    for (unsigned pred : pendingInputs(index))
      schedule(pred);
    schedule(index);
  };

  // Empty tensors and constants first: they cost nothing and give
  // bufferization the most freedom.
  for (unsigned index = 0; index < ops.size(); ++index)
    if (predecessors[index].empty() && createsNoMemory[index])
      schedule(index);
  // Those made ready by the operations just scheduled are queued already.
  for (unsigned index = 0; index < ops.size(); ++index)
    if (!scheduled[index] && !independent[index] && waitingFor[index] == 0 &&
        !queued[index])
      enqueue(index);

  while (!readyFree.empty() || !readyOthers.empty()) {
    if (!readyFree.empty()) {
      scheduleWithInputs(readyFree.pop_back_val());
      continue;
    }
    // Lexicographic preference: recency of use (if asked), growth of the
    // working set, peak while running, original order.
    auto key = [&](unsigned index) {
      int64_t recency = -1;
      if (continueBranch)
        for (unsigned value : usedValues[index])
          recency = std::max(recency, scheduledAt[producerOf[value]]);
      size_t checkpoint = workingSet.checkpoint();
      int64_t before = workingSet.getLive(), peak = before;
      for (unsigned pred : pendingInputs(index))
        peak = std::max(peak, workingSet.run(pred));
      peak = std::max(peak, workingSet.run(index));
      int64_t growth = workingSet.getLive() - before;
      workingSet.rollback(checkpoint);
      return std::make_tuple(-recency, growth, peak, index);
    };
    auto best = readyOthers.begin();
    auto bestKey = key(*best);
    for (auto it = std::next(readyOthers.begin()); it != readyOthers.end();
         ++it) {
      auto itKey = key(*it);
      if (itKey < bestKey) {
        best = it;
        bestKey = itKey;
      }
    }
    unsigned chosen = *best;
    readyOthers.erase(best);
    scheduleWithInputs(chosen);
  }
  // Independent operations nothing in the block waits for.
  for (unsigned index = 0; index < ops.size(); ++index)
    if (!scheduled[index])
      schedule(index);
  return order;
}

void BlockSchedule::apply(ArrayRef<unsigned> order) {
  Operation *terminator = block.getTerminator();
  for (unsigned index : order)
    ops[index]->moveBefore(terminator);
}

struct MemPlanReorderPass
    : public mlir::memplan::impl::MemPlanReorderPassBase<MemPlanReorderPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<Block *> blocks;
    getOperation()->walk([&](FunctionOpInterface func) {
      func->walk([&](Block *block) {
        if (!block->empty() && block->mightHaveTerminator() &&
            !mayBeGraphRegion(*block->getParent()))
          blocks.push_back(block);
      });
    });
    for (Block *block : blocks) {
      BlockSchedule schedule(*block);
      if (schedule.size() < 2)
        continue;
      SmallVector<unsigned> original =
          llvm::to_vector(llvm::seq<unsigned>(0, schedule.size()));
      int64_t originalPeak = schedule.peakOf(original);
      if (originalPeak == 0)
        continue; // nothing in memory to save
      SmallVector<unsigned> best = original;
      int64_t bestPeak = originalPeak, bestOtherPeak = INT64_MAX;
      for (bool continueBranch : {false, true}) {
        SmallVector<unsigned> order = schedule.listSchedule(continueBranch);
        int64_t peak = schedule.peakOf(order);
        bestOtherPeak = std::min(bestOtherPeak, peak);
        if (peak < bestPeak) {
          best = std::move(order);
          bestPeak = peak;
        }
      }
      LLVM_DEBUG(llvm::dbgs()
                 << "block of " << schedule.size() << " operations in '"
                 << block->getParentOp()->getName() << "' at "
                 << block->getParentOp()->getLoc() << ": working set "
                 << originalPeak << " B as written, " << bestOtherPeak
                 << " B in the best list schedule\n");
      if (bestPeak == originalPeak) {
        if (emitRemarks)
          mlir::emitRemark(block->getParentOp()->getLoc())
              << "order kept: estimated working set " << originalPeak
              << " B, " << bestOtherPeak << " B in the best other order";
        continue;
      }
      schedule.apply(best);
      ++numReordered;
      estimatedBytesSaved += originalPeak - bestPeak;
      if (emitRemarks)
        mlir::emitRemark(block->getParentOp()->getLoc())
            << "reordered: estimated working set " << originalPeak
            << " B -> " << bestPeak << " B";
    }
  }
};
} // namespace
