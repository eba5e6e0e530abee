//===- PartitionDevices.cpp - memplan-partition-devices -------------------===//
//
// Decides which device runs each operation of a tensor program and outlines
// the program into one sub-function per connected same-device region, with
// a memplan.transfer on every value that crosses devices.
//
//  1. Placement: an operation runs on the fastest device that supports it,
//     the host when none does (or when `host-ops` names it). Reshapes and
//     casts move no data: they run where their source was computed.
//     Constants, empty tensors, fills of them, reshapes of constants and
//     scalar arithmetic on constants are not placed: every sub-function that
//     needs them gets its own copy.
//  2. Regions: in program order, an operation joins the region of one of
//     its same-device producers unless that would create a cycle between
//     regions (another region it depends on depends on that region);
//     otherwise it starts a region. Operations with side effects keep their
//     order through dependences between them.
//  3. Outlining: each region becomes a private function carrying
//     `memplan.device`, called from the original function in a topological
//     order of the regions. A host region with dynamically shaped inputs or
//     outputs stays inline instead, and dynamically shaped operations always
//     run on the host: a device's memory is one fixed arena.
//
//===----------------------------------------------------------------------===//

#include "memplan/Analysis/OpCost.h"
#include "memplan/Transforms/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/Debug.h"

#include <queue>

namespace mlir {
namespace memplan {
#define GEN_PASS_DEF_MEMPLANPARTITIONDEVICESPASS
#include "memplan/Transforms/Passes.h.inc"
} // namespace memplan
} // namespace mlir

using namespace mlir;
using namespace mlir::memplan;

#define DEBUG_TYPE "memplan-partition-devices"

namespace {

bool isDynamicallyShaped(Type type) {
  auto shaped = dyn_cast<ShapedType>(type);
  return shaped && !shaped.hasStaticShape();
}

/// One function being partitioned.
class Partitioner {
public:
  Partitioner(func::FuncOp func, ArrayRef<DeviceAttr> devices,
              ArrayRef<std::string> hostOps, bool merge)
      : func(func), devices(devices), hostOps(hostOps), merge(merge) {
    for (DeviceAttr device : devices)
      if (device.getHost())
        host = device;
  }

  /// Returns false if every operation runs on the host (nothing to do).
  bool place();
  void formRegions();
  LogicalResult outline(SymbolTable &symbols, unsigned &transfers);

private:
  DeviceAttr choose(Operation *op) const;
  bool dependsOn(unsigned from, unsigned target) const;

  func::FuncOp func;
  ArrayRef<DeviceAttr> devices;
  ArrayRef<std::string> hostOps;
  bool merge;
  DeviceAttr host;

  /// Operations not placed: cloned wherever they are needed.
  DenseSet<Operation *> replicable;
  /// The placed operations in program order, with their device and region.
  SmallVector<Operation *> placed;
  DenseMap<Operation *, DeviceAttr> deviceOf;
  DenseMap<Operation *, unsigned> regionOf;
  /// Per region: its device, members (program order), and the regions it
  /// depends on directly.
  struct Region {
    DeviceAttr device;
    SmallVector<Operation *> members;
    llvm::SmallSetVector<unsigned, 4> deps;
  };
  SmallVector<Region> regions;
  /// Per placed operation: the placed operations it must follow.
  DenseMap<Operation *, SmallVector<Operation *>> predecessors;
};

DeviceAttr Partitioner::choose(Operation *op) const {
  if (llvm::is_contained(hostOps, op->getName().getStringRef().str()))
    return host;
  DeviceAttr best;
  for (DeviceAttr device : devices)
    if (!device.getHost() && device.supports(op) &&
        (!best || device.getSpeed() > best.getSpeed()))
      best = device;
  return best ? best : host;
}

bool Partitioner::place() {
  Operation *lastWithEffects = nullptr;
  bool offHost = false;
  for (Operation &op : func.getBody().front().without_terminator()) {
    llvm::SetVector<Value> used = getValuesUsedFromOutside(&op);
    bool usesPlaced = llvm::any_of(used, [&](Value v) {
      Operation *def = v.getDefiningOp();
      return def && deviceOf.count(def);
    });
    bool scalarOnly = llvm::none_of(op.getResultTypes(),
                                    llvm::IsaPred<ShapedType>) &&
                      llvm::none_of(op.getOperandTypes(),
                                    llvm::IsaPred<ShapedType>);
    bool pure = isMemoryEffectFree(&op) &&
                (op.getNumRegions() == 0 || isa<linalg::FillOp>(op));
    if (pure && !usesPlaced &&
        (op.hasTrait<OpTrait::ConstantLike>() ||
         isa<tensor::EmptyOp, linalg::FillOp>(op) || isTensorView(&op) ||
         scalarOnly) &&
        llvm::all_of(used, [&](Value v) {
          return v.getDefiningOp() && replicable.count(v.getDefiningOp());
        })) {
      replicable.insert(&op);
      continue;
    }
    DeviceAttr device = choose(&op);
    if (isTensorView(&op))
      if (Operation *source = op.getOperand(0).getDefiningOp())
        if (DeviceAttr sourceDevice = deviceOf.lookup(source))
          device = sourceDevice;
    // A device's memory is one fixed arena: buffers of unknown size stay on
    // the host's heap.
    if (device != host &&
        (llvm::any_of(op.getOperandTypes(), isDynamicallyShaped) ||
         llvm::any_of(op.getResultTypes(), isDynamicallyShaped))) {
      op.emitRemark() << "dynamically shaped: runs on the host rather than '"
                      << device.getName().getValue()
                      << "', whose memory is a fixed arena";
      device = host;
    }
    deviceOf[&op] = device;
    LLVM_DEBUG(llvm::dbgs()
               << "'" << op.getName() << "' at " << op.getLoc() << " runs on '"
               << device.getName().getValue() << "'\n");
    offHost |= device != host;
    placed.push_back(&op);
    SmallVector<Operation *> &preds = predecessors[&op];
    for (Value v : used)
      if (Operation *def = v.getDefiningOp(); def && deviceOf.count(def))
        if (!llvm::is_contained(preds, def))
          preds.push_back(def);
    if (!isMemoryEffectFree(&op)) {
      if (lastWithEffects && !llvm::is_contained(preds, lastWithEffects))
        preds.push_back(lastWithEffects);
      lastWithEffects = &op;
    }
  }
  return offHost;
}

/// True if region `from` depends, directly or not, on region `target`.
bool Partitioner::dependsOn(unsigned from, unsigned target) const {
  SmallVector<unsigned> stack = {from};
  DenseSet<unsigned> seen;
  while (!stack.empty()) {
    unsigned region = stack.pop_back_val();
    if (region == target)
      return true;
    if (!seen.insert(region).second)
      continue;
    llvm::append_range(stack, regions[region].deps);
  }
  return false;
}

void Partitioner::formRegions() {
  for (Operation *op : placed) {
    DeviceAttr device = deviceOf[op];
    SmallVector<unsigned> depRegions;
    for (Operation *pred : predecessors[op])
      if (!llvm::is_contained(depRegions, regionOf[pred]))
        depRegions.push_back(regionOf[pred]);
    // Join the region of the latest same-device producer that keeps the
    // region graph acyclic.
    std::optional<unsigned> chosen;
    if (merge) {
      for (Operation *pred : llvm::reverse(predecessors[op])) {
        unsigned candidate = regionOf[pred];
        if (regions[candidate].device != device)
          continue;
        bool cycle = llvm::any_of(depRegions, [&](unsigned dep) {
          return dep != candidate && dependsOn(dep, candidate);
        });
        if (!cycle) {
          chosen = candidate;
          break;
        }
      }
    }
    if (!chosen) {
      chosen = regions.size();
      regions.push_back({device, {}, {}});
    }
    regionOf[op] = *chosen;
    regions[*chosen].members.push_back(op);
    for (unsigned dep : depRegions)
      if (dep != *chosen)
        regions[*chosen].deps.insert(dep);
  }
}

LogicalResult Partitioner::outline(SymbolTable &symbols, unsigned &transfers) {
  MLIRContext *ctx = func.getContext();
  // A topological order of the regions; ties in program order.
  SmallVector<unsigned> waiting(regions.size(), 0);
  SmallVector<SmallVector<unsigned>> users(regions.size());
  for (auto [index, region] : llvm::enumerate(regions))
    for (unsigned dep : region.deps) {
      ++waiting[index];
      users[dep].push_back(index);
    }
  std::priority_queue<unsigned, std::vector<unsigned>, std::greater<unsigned>>
      ready;
  for (unsigned index = 0; index < regions.size(); ++index)
    if (waiting[index] == 0)
      ready.push(index);
  SmallVector<unsigned> order;
  while (!ready.empty()) {
    unsigned index = ready.top();
    ready.pop();
    order.push_back(index);
    for (unsigned user : users[index])
      if (--waiting[user] == 0)
        ready.push(user);
  }
  if (order.size() != regions.size())
    return func.emitError() << "memplan-partition-devices: the regions of "
                               "this function form a cycle";

  Block &body = func.getBody().front();
  Operation *terminator = body.getTerminator();
  OpBuilder builder(terminator);
  // Where each value is now available in the function: its own value, or a
  // call result; and on which device.
  IRMapping available;
  DenseMap<Value, StringAttr> valueDevice;
  DenseMap<std::pair<Value, Attribute>, Value> transferred;
  auto onDevice = [&](Value value, StringAttr device) -> Value {
    Value current = available.lookupOrDefault(value);
    StringAttr from = valueDevice.lookup(value);
    if (!from)
      from = host.getName();
    if (from == device || !isa<RankedTensorType>(current.getType()))
      return current;
    Value &cached = transferred[{current, device}];
    if (!cached) {
      cached = TransferOp::create(builder, value.getLoc(), current.getType(),
                                  current, TransferAttr::get(ctx, from, device));
      ++transfers;
    }
    return cached;
  };

  unsigned counter = 0;
  SmallVector<Operation *> outlined;
  for (unsigned index : order) {
    Region &region = regions[index];
    DenseSet<Operation *> members(region.members.begin(),
                                  region.members.end());
    // Inputs: values defined outside the region and not replicable.
    llvm::SetVector<Value> inputs;
    for (Operation *op : region.members)
      for (Value v : getValuesUsedFromOutside(op)) {
        Operation *def = v.getDefiningOp();
        if (def && (members.count(def) || replicable.count(def)))
          continue;
        inputs.insert(v);
      }
    // Outputs: results used outside the region.
    SmallVector<Value> outputs;
    for (Operation *op : region.members)
      for (Value result : op->getResults())
        if (llvm::any_of(result.getUsers(), [&](Operation *user) {
              Operation *top = body.findAncestorOpInBlock(*user);
              return !top || !members.count(top);
            }))
          outputs.push_back(result);

    // A host region with dynamically shaped inputs or outputs stays in the
    // function: a sub-function's dynamically shaped result could not become
    // a buffer its caller passes in.
    auto isDynamic = [](Value v) { return isDynamicallyShaped(v.getType()); };
    if (region.device == host && (llvm::any_of(inputs, isDynamic) ||
                                  llvm::any_of(outputs, isDynamic))) {
      IRMapping mapping;
      for (Value v : inputs)
        mapping.map(v, onDevice(v, host.getName()));
      for (Operation *op : region.members)
        builder.clone(*op, mapping);
      for (Value v : outputs) {
        available.map(v, mapping.lookup(v));
        valueDevice[v] = host.getName();
      }
      llvm::append_range(outlined, region.members);
      continue;
    }

    // The sub-function.
    std::string name = (func.getName() + "_" +
                        region.device.getName().getValue() + "_" +
                        Twine(counter++))
                           .str();
    SmallVector<Type> inputTypes, outputTypes;
    for (Value v : inputs)
      inputTypes.push_back(v.getType());
    for (Value v : outputs)
      outputTypes.push_back(v.getType());
    OpBuilder moduleBuilder(func);
    auto callee = func::FuncOp::create(
        moduleBuilder, region.members.front()->getLoc(), name,
        FunctionType::get(ctx, inputTypes, outputTypes));
    callee.setPrivate();
    callee->setAttr(MemPlanDialect::kDeviceAttrName, region.device.getName());
    symbols.insert(callee);
    Block *calleeBody = callee.addEntryBlock();
    OpBuilder inner = OpBuilder::atBlockEnd(calleeBody);
    IRMapping mapping;
    for (auto [value, arg] : llvm::zip(inputs, calleeBody->getArguments()))
      mapping.map(value, arg);
    // Replicable values are cloned in, with what they need.
    std::function<void(Value)> cloneReplicable = [&](Value v) {
      Operation *def = v.getDefiningOp();
      if (!def || mapping.contains(v) || !replicable.count(def))
        return;
      for (Value operand : getValuesUsedFromOutside(def))
        cloneReplicable(operand);
      inner.clone(*def, mapping);
    };
    for (Operation *op : region.members) {
      for (Value v : getValuesUsedFromOutside(op))
        cloneReplicable(v);
      inner.clone(*op, mapping);
    }
    SmallVector<Value> results;
    for (Value v : outputs)
      results.push_back(mapping.lookup(v));
    func::ReturnOp::create(inner, callee.getLoc(), results);

    // The call, with every input on the region's device.
    SmallVector<Value> operands;
    for (Value v : inputs)
      operands.push_back(onDevice(v, region.device.getName()));
    auto call = func::CallOp::create(builder, region.members.front()->getLoc(),
                                     callee, operands);
    for (auto [value, result] : llvm::zip(outputs, call.getResults())) {
      available.map(value, result);
      valueDevice[value] = region.device.getName();
    }
    llvm::append_range(outlined, region.members);
  }
  // The function returns on the host.
  for (OpOperand &operand : terminator->getOpOperands())
    operand.set(onDevice(operand.get(), host.getName()));
  for (Operation *op : llvm::reverse(outlined)) {
    op->dropAllUses();
    op->erase();
  }
  // Replicable operations nothing here uses any more.
  SmallVector<Operation *> leftovers;
  for (Operation &op : body.without_terminator())
    if (replicable.count(&op))
      leftovers.push_back(&op);
  for (Operation *op : llvm::reverse(leftovers))
    if (op->use_empty())
      op->erase();
  return success();
}

struct MemPlanPartitionDevicesPass
    : public mlir::memplan::impl::MemPlanPartitionDevicesPassBase<
          MemPlanPartitionDevicesPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<DeviceAttr> devices;
    for (Attribute attr : MemPlanDialect::getTargets(module))
      devices.push_back(cast<DeviceAttr>(attr));
    if (devices.empty()) {
      module.emitError() << "memplan-partition-devices needs a target "
                            "description: run memplan-targets or set '"
                         << MemPlanDialect::kTargetsAttrName
                         << "' on the module";
      return signalPassFailure();
    }
    SymbolTable symbols(module);
    SmallVector<func::FuncOp> functions;
    for (auto func : module.getOps<func::FuncOp>())
      if (!func.isExternal() &&
          !func->hasAttr(MemPlanDialect::kDeviceAttrName))
        functions.push_back(func);
    for (func::FuncOp func : functions) {
      if (!func.getBody().hasOneBlock()) {
        func.emitRemark() << "not partitioned: it has several blocks";
        continue;
      }
      Partitioner partitioner(func, devices, hostOps, merge);
      if (!partitioner.place()) {
        LLVM_DEBUG(llvm::dbgs()
                   << "@" << func.getName() << " runs on the host only\n");
        continue;
      }
      partitioner.formRegions();
      unsigned transfers = 0;
      if (failed(partitioner.outline(symbols, transfers)))
        return signalPassFailure();
      LLVM_DEBUG(llvm::dbgs() << "@" << func.getName() << ": " << transfers
                              << " transfers between devices\n");
      numTransfers += transfers;
      ++numPartitioned;
    }
  }
};
} // namespace
