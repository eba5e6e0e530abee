//===- BufferLiveness.cpp - Buffer lifetimes by use counting --------------===//

#include "memplan/Analysis/BufferLiveness.h"

#include "memplan/Dialect/MemPlan/IR/MemPlan.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/DataLayoutInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "llvm/ADT/SmallBitVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/SmallSet.h"

using namespace mlir;
using namespace mlir::memplan;

/// Bytes of one element as the LLVM lowering of memref lays it out, for the
/// element types whose layout is unambiguous.
static std::optional<int64_t> getElementBytes(Type type, const DataLayout &dl) {
  if (isa<IndexType>(type))
    return dl.getTypeSize(type).getFixedValue();
  if (auto intType = dyn_cast<IntegerType>(type)) {
    unsigned width = intType.getWidth();
    if (width == 1 || width == 8 || width == 16 || width == 32 || width == 64)
      return std::max<int64_t>(1, width / 8);
    return std::nullopt;
  }
  if (auto floatType = dyn_cast<FloatType>(type)) {
    unsigned width = floatType.getWidth();
    if (width == 8 || width == 16 || width == 32 || width == 64)
      return width / 8;
    return std::nullopt;
  }
  if (auto complexType = dyn_cast<ComplexType>(type))
    if (std::optional<int64_t> part = getElementBytes(complexType.getElementType(), dl))
      return 2 * *part;
  return std::nullopt;
}

static constexpr llvm::StringLiteral kSizeOverflow =
    "its size in bytes does not fit in 64 bits";

std::optional<int64_t> mlir::memplan::getArenaBufferSize(MemRefType type,
                                                         Operation *context,
                                                         std::string *whyNot) {
  auto fail = [&](const Twine &reason) -> std::optional<int64_t> {
    if (whyNot)
      *whyNot = reason.str();
    return std::nullopt;
  };
  if (!type.hasStaticShape())
    return fail("it has a dynamic shape, so it stays a heap allocation");
  if (!type.getLayout().isIdentity())
    return fail("its layout is not the identity");
  if (type.getMemorySpace()) {
    std::string space;
    llvm::raw_string_ostream os(space);
    os << type.getMemorySpace();
    return fail("it lives in memory space " + space +
                ", which has no arena");
  }
  std::optional<int64_t> elementBytes =
      getElementBytes(type.getElementType(), DataLayout::closest(context));
  if (!elementBytes) {
    std::string element;
    llvm::raw_string_ostream os(element);
    os << type.getElementType();
    return fail("its element type " + element +
                " has no fixed byte size in an arena");
  }
  int64_t bytes = *elementBytes;
  for (int64_t extent : type.getShape())
    if (llvm::MulOverflow(bytes, extent, bytes))
      return fail(kSizeOverflow);
  return bytes;
}

int64_t mlir::memplan::getStaticBytes(ShapedType type, Operation *context) {
  if (!type.hasStaticShape() ||
      !BaseMemRefType::isValidElementType(type.getElementType()))
    return 0;
  auto dense = MemRefType::get(type.getShape(), type.getElementType());
  return getArenaBufferSize(dense, context).value_or(0);
}

Value mlir::memplan::getWholeBuffer(Value value) {
  auto identity = [](Value v) {
    auto type = dyn_cast<MemRefType>(v.getType());
    return type && type.getLayout().isIdentity();
  };
  while (Operation *op = value.getDefiningOp()) {
    if (!isa<memref::CollapseShapeOp, memref::ExpandShapeOp, memref::CastOp>(
            op) ||
        !identity(op->getResult(0)) || !identity(op->getOperand(0)))
      break;
    value = op->getOperand(0);
  }
  return value;
}

bool mlir::memplan::isCopyOntoItself(memref::CopyOp copy) {
  auto placement = [](Value value) -> std::optional<std::pair<Value, int64_t>> {
    auto view = getWholeBuffer(value).getDefiningOp<memref::ViewOp>();
    if (!view)
      return std::nullopt;
    std::optional<int64_t> offset = getConstantIntValue(view.getByteShift());
    if (!offset)
      return std::nullopt;
    return std::make_pair(view.getSource(), *offset);
  };
  auto source = placement(copy.getSource());
  return source && source == placement(copy.getTarget()) &&
         copy.getSource().getType() == copy.getTarget().getType();
}

/// `map` with every result along a dimension of size 1 of `type` replaced
/// by 0: the only index such a dimension has.
static AffineMap withUnitDimsZero(AffineMap map, ShapedType type) {
  SmallVector<AffineExpr> results(map.getResults());
  for (auto [dim, size] : llvm::enumerate(type.getShape()))
    if (size == 1)
      results[dim] = getAffineConstantExpr(0, map.getContext());
  return AffineMap::get(map.getNumDims(), map.getNumSymbols(), results,
                        map.getContext());
}

bool mlir::memplan::isElementwisePair(linalg::LinalgOp op, OpOperand &in,
                                      OpOperand &out) {
  if (op.getNumParallelLoops() != op.getNumLoops())
    return false;
  auto inType = dyn_cast<ShapedType>(in.get().getType());
  if (!inType || !inType.hasStaticShape() || inType != out.get().getType())
    return false;
  if (auto memref = dyn_cast<MemRefType>(inType);
      memref && !memref.getLayout().isIdentity())
    return false;
  AffineMap inMap = withUnitDimsZero(op.getMatchingIndexingMap(&in), inType);
  if (inMap != withUnitDimsZero(op.getMatchingIndexingMap(&out), inType))
    return false;
  llvm::SmallBitVector used(op.getNumLoops());
  for (AffineExpr result : inMap.getResults()) {
    if (auto dim = dyn_cast<AffineDimExpr>(result)) {
      if (used.test(dim.getPosition()))
        return false;
      used.set(dim.getPosition());
    } else if (!isa<AffineConstantExpr>(result)) {
      return false;
    }
  }
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  for (unsigned loop = 0; loop < ranges.size(); ++loop)
    if (!used.test(loop) && ranges[loop] != 1)
      return false;
  return !op.payloadUsesValueFromOperand(&out);
}

/// True if no operand of `op` other than `operand` refers to `buffer`,
/// except, with `allowSameReads`, inputs reading the same value through the
/// same indexing map.
static bool isOnlyAccess(Operation *op, BufferViewFlowAnalysis &flow,
                         Value buffer, OpOperand &operand,
                         bool allowSameReads) {
  BufferViewFlowAnalysis::ValueSetT aliases = flow.resolve(buffer);
  auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
  for (OpOperand &other : op->getOpOperands()) {
    if (&other == &operand || !aliases.contains(other.get()))
      continue;
    bool sameRead = allowSameReads && linalgOp &&
                    other.get() == operand.get() &&
                    linalgOp.isDpsInput(&other) &&
                    linalgOp.getMatchingIndexingMap(&other) ==
                        linalgOp.getMatchingIndexingMap(&operand);
    if (!sameRead)
      return false;
  }
  return true;
}

bool mlir::memplan::capturesShapedValue(Operation *op) {
  return op
      ->walk([&](Operation *nested) {
        if (nested == op)
          return WalkResult::advance();
        for (Value operand : nested->getOperands())
          if (isa<ShapedType>(operand.getType()) &&
              !op->isAncestor(operand.getParentRegion()->getParentOp()))
            return WalkResult::interrupt();
        return WalkResult::advance();
      })
      .wasInterrupted();
}

bool mlir::memplan::isInPlaceHandover(Operation *op, Value donor,
                                      Value target,
                                      BufferViewFlowAnalysis &flow,
                                      bool ignoreCaptures) {
  auto isLegal = [&](OpOperand &in, OpOperand &out) {
    return getWholeBuffer(in.get()) == donor &&
           getWholeBuffer(out.get()) == target &&
           isOnlyAccess(op, flow, donor, in, /*allowSameReads=*/true) &&
           isOnlyAccess(op, flow, target, out, /*allowSameReads=*/false);
  };
  if (auto copy = dyn_cast<memref::CopyOp>(op)) {
    // The copy then moves every byte onto itself.
    auto sourceType = dyn_cast<MemRefType>(copy.getSource().getType());
    return sourceType && sourceType == copy.getTarget().getType() &&
           sourceType.getLayout().isIdentity() &&
           isLegal(copy.getSourceMutable(), copy.getTargetMutable());
  }
  auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
  if (!linalgOp || !linalgOp.hasPureBufferSemantics() ||
      (!ignoreCaptures && capturesShapedValue(op)))
    return false;
  for (OpOperand &out : linalgOp.getDpsInitsMutable())
    for (OpOperand *in : linalgOp.getDpsInputOperands())
      if (isLegal(*in, out) && isElementwisePair(linalgOp, *in, out))
        return true;
  return false;
}

/// True if `use` reads the memory it refers to. Linalg ops are asked
/// precisely (an init operand is read only if the payload uses it); region
/// ops count as readers of everything they capture.
static bool readsMemory(OpOperand &use) {
  Operation *user = use.getOwner();
  if (auto linalgOp = dyn_cast<linalg::LinalgOp>(user))
    return linalgOp.isDpsInput(&use) ||
           linalgOp.payloadUsesValueFromOperand(&use);
  return user->getNumRegions() != 0 ||
         mightHaveEffect<MemoryEffects::Read>(user, use.get());
}

/// True if `op` may still run after it returns control to its block: it
/// produces an `async` or `gpu` token (async.execute, gpu.launch async...).
static bool isAsynchronous(Operation *op) {
  return llvm::any_of(op->getResultTypes(), [](Type type) {
    StringRef name = type.getAbstractType().getName();
    return name == "async.token" || name == "gpu.async.token";
  });
}

/// The first operation from `op` up to (not including) `func` that may run
/// asynchronously, or null.
static Operation *getAsynchronousAncestor(Operation *op, Operation *func) {
  for (; op && op != func; op = op->getParentOp())
    if (isAsynchronous(op))
      return op;
  return nullptr;
}

/// True if `block` can reach itself through successor edges: code in it may
/// run several times, each time with a new allocation of what it allocates.
static bool isInBlockCycle(Block *block) {
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

/// True for operations that may hold memrefs in their regions while running
/// them sequentially, in an order the step numbering can represent.
static bool isSequentialRegionOp(Operation *op) {
  if (isa<scf::ForallOp, scf::ParallelOp>(op) ||
      op->getName().getStringRef() == "affine.parallel")
    return false;
  return isa<RegionBranchOpInterface, FunctionOpInterface>(op);
}

ProgramStructure::ProgramStructure(Operation *module) : module(module) {
  // How often each symbol is used, and the calls among the uses.
  llvm::StringMap<unsigned> useCount;
  for (Region &region : module->getRegions())
    if (std::optional<SymbolTable::UseRange> uses =
            SymbolTable::getSymbolUses(&region))
      for (const SymbolTable::SymbolUse &use : *uses)
        ++useCount[use.getSymbolRef().getRootReference().getValue()];
  llvm::StringMap<SmallVector<CallOpInterface, 1>> callsTo;
  module->walk([&](CallOpInterface call) {
    if (auto symbol =
            dyn_cast_if_present<SymbolRefAttr>(call.getCallableForCallee()))
      callsTo[symbol.getRootReference().getValue()].push_back(call);
  });
  for (Region &region : module->getRegions())
    for (auto callee : region.getOps<FunctionOpInterface>()) {
      if (callee.isExternal() || !callee.isPrivate() ||
          !callee->hasAttr(MemPlanDialect::kDeviceAttrName) ||
          useCount.lookup(callee.getName()) != 1)
        continue;
      auto calls = callsTo.find(callee.getName());
      if (calls == callsTo.end() || calls->second.size() != 1 ||
          !isa_and_nonnull<FunctionOpInterface>(
              calls->second[0]->getParentOp()))
        continue;
      CallOpInterface call = calls->second[0];
      programCalls[callee] = call;
      calleeOfCall[call] = callee;
    }
}

SmallVector<FunctionOpInterface> ProgramStructure::getRoots() const {
  SmallVector<FunctionOpInterface> roots;
  for (Region &region : module->getRegions())
    for (auto func : region.getOps<FunctionOpInterface>())
      if (!func.isExternal() && !programCalls.count(func))
        roots.push_back(func);
  return roots;
}

SmallVector<FunctionOpInterface>
ProgramStructure::getFunctions(FunctionOpInterface root) const {
  SmallVector<FunctionOpInterface> functions = {root};
  for (unsigned i = 0; i < functions.size(); ++i)
    for (Block &block : functions[i].getFunctionBody())
      for (Operation &op : block)
        if (FunctionOpInterface callee = getProgramCallee(&op))
          if (!llvm::is_contained(functions, callee))
            functions.push_back(callee);
  return functions;
}

StringAttr mlir::memplan::getFunctionDevice(FunctionOpInterface func) {
  if (auto device =
          func->getAttrOfType<StringAttr>(MemPlanDialect::kDeviceAttrName))
    return device;
  return StringAttr::get(func->getContext(), MemPlanDialect::kHostDeviceName);
}

BufferLiveness::BufferLiveness(FunctionOpInterface func,
                               const ProgramStructure &programs,
                               bool findInPlace,
                               std::optional<BufferRootFn> isRoot,
                               bool testRepeatOldMistakes)
    : repeatOldMistakes(testRepeatOldMistakes) {
  addFunction(func, getFunctionDevice(func), programs);
  for (FunctionOpInterface member : functions) {
    member->walk<WalkOrder::PreOrder>([&](Operation *op) {
      bool root = isRoot ? (*isRoot)(op)
                         : isa<memref::AllocOp, memref::AllocaOp>(op);
      if (root)
        analyzeRoot(op, member);
    });
  }
  if (findInPlace)
    findInPlacePairs();
  applyExecutionUnits();
}

void BufferLiveness::applyExecutionUnits() {
  Operation *module = functions.front()->getParentOp();
  for (FunctionOpInterface func : functions) {
    auto [first, last] = spanOf.lookup(func);
    // Each step belongs to the unit of the next operation that has one:
    // bufferization keeps the attribute on `linalg` operations only, and
    // puts what it adds right before them.
    SmallVector<ExecutionUnitAttr> unitAt(last - first + 1);
    ExecutionUnitAttr next;
    for (int64_t step = last; step >= first; --step) {
      // Steps of the device sub-functions it calls have units of their own.
      if (steps[step]->getParentOp() != func)
        continue;
      if (auto unit = steps[step]->getAttrOfType<ExecutionUnitAttr>(
              MemPlanDialect::kUnitAttrName))
        next = unit;
      unitAt[step - first] = next;
    }
    DenseMap<int64_t, std::pair<int64_t, int64_t>> unitSpan;
    DenseMap<int64_t, ExecutionUnitAttr> units;
    for (int64_t step = first; step <= last; ++step) {
      ExecutionUnitAttr unit = unitAt[step - first];
      if (!unit)
        continue;
      units[unit.getId()] = unit;
      auto [it, inserted] =
          unitSpan.try_emplace(unit.getId(), std::make_pair(step, step));
      it->second.second = step;
    }
    if (units.empty())
      continue;

    // Units that may run at the same time: on different compute units, with
    // no dependence path between them.
    DeviceAttr device =
        module ? MemPlanDialect::getTarget(module, deviceOf.lookup(func))
               : DeviceAttr();
    bool apart = device && device.keepsParallelUnitsApart();
    DenseMap<int64_t, DenseSet<int64_t>> reaches; // unit -> units after it
    if (apart) {
      std::function<const DenseSet<int64_t> &(int64_t)> before =
          [&](int64_t id) -> const DenseSet<int64_t> & {
        auto it = reaches.find(id);
        if (it != reaches.end())
          return it->second;
        DenseSet<int64_t> result;
        if (ExecutionUnitAttr unit = units.lookup(id))
          for (int64_t pred : unit.getAfter()) {
            result.insert(pred);
            for (int64_t earlier : before(pred))
              result.insert(earlier);
          }
        return reaches[id] = std::move(result);
      };
      for (auto &entry : units)
        before(entry.first);
    }
    auto concurrent = [&](ExecutionUnitAttr a, ExecutionUnitAttr b) {
      return a.getComputeUnit() != b.getComputeUnit() &&
             !reaches[a.getId()].contains(b.getId()) &&
             !reaches[b.getId()].contains(a.getId());
    };

    // Under max-parallel an in-place handover needs its donor dead when the
    // writer runs: no unit that may run at the same time may still read it.
    auto inFunction = [&](int64_t step) { return first <= step && step <= last; };
    if (apart)
      for (LiveBuffer &target : buffers) {
        if (!target.inPlaceOf || !inFunction(target.firstUse))
          continue;
        const LiveBuffer &donor = buffers[*target.inPlaceOf];
        ExecutionUnitAttr writer = unitAt[target.firstUse - first];
        if (!writer || !inFunction(donor.firstStep) ||
            !inFunction(donor.lastStep))
          continue;
        for (int64_t step = donor.firstStep; step <= donor.lastStep; ++step)
          if (ExecutionUnitAttr unit = unitAt[step - first];
              unit && unit.getId() != writer.getId() &&
              concurrent(unit, writer)) {
            target.inPlaceOf.reset();
            break;
          }
      }

    for (LiveBuffer &buffer : buffers) {
      if (getTopLevelAncestor(buffer.getDefiningOp())->getParentOp() != func)
        continue;
      int64_t from = buffer.firstStep, to = buffer.lastStep;
      if (from < first || to > last)
        continue;
      if (ExecutionUnitAttr unit = unitAt[from - first])
        from = unitSpan[unit.getId()].first;
      if (ExecutionUnitAttr unit = unitAt[to - first])
        to = unitSpan[unit.getId()].second;
      if (apart) {
        DenseSet<int64_t> seen;
        for (int64_t step = buffer.firstStep; step <= buffer.lastStep; ++step) {
          ExecutionUnitAttr unit = unitAt[step - first];
          if (!unit || !seen.insert(unit.getId()).second)
            continue;
          for (auto &[id, other] : units)
            if (concurrent(unit, other)) {
              from = std::min(from, unitSpan[id].first);
              to = std::max(to, unitSpan[id].second);
            }
        }
      }
      buffer.firstStep = from;
      buffer.lastStep = to;
    }
  }
}

BufferLiveness::~BufferLiveness() = default;

void BufferLiveness::addFunction(FunctionOpInterface func, StringAttr device,
                                 const ProgramStructure &programs) {
  functions.push_back(func);
  deviceOf[func] = device;
  int64_t first = steps.size();
  for (Block &block : func.getFunctionBody()) {
    for (Operation &op : block) {
      FunctionOpInterface callee = programs.getProgramCallee(&op);
      if (callee && !deviceOf.count(callee)) {
        // The callee's operations run here.
        calleeOf[&op] = callee;
        stepOf[&op] = steps.size();
        addFunction(callee, getFunctionDevice(callee), programs);
        continue;
      }
      stepOf[&op] = steps.size();
      steps.push_back(&op);
    }
  }
  spanOf[func] = {first, static_cast<int64_t>(steps.size()) - 1};
}

Operation *BufferLiveness::getTopLevelAncestor(Operation *op) const {
  while (op && !deviceOf.count(op->getParentOp()))
    op = op->getParentOp();
  return op;
}

std::pair<int64_t, int64_t> BufferLiveness::getSpan(Operation *op) const {
  op = getTopLevelAncestor(op);
  if (auto it = calleeOf.find(op); it != calleeOf.end())
    return spanOf.lookup(it->second);
  int64_t step = stepOf.lookup(op);
  return {step, step};
}

BufferViewFlowAnalysis &BufferLiveness::getFlow(Operation *op) {
  Operation *func = getTopLevelAncestor(op)->getParentOp();
  std::unique_ptr<BufferViewFlowAnalysis> &flow = flows[func];
  if (!flow)
    flow = std::make_unique<BufferViewFlowAnalysis>(func);
  return *flow;
}

void BufferLiveness::analyzeRoot(Operation *root, FunctionOpInterface func) {
  auto reject = [&](const Twine &reason) {
    unplanned.push_back({root, reason.str()});
  };
  Value value = root->getResult(0);
  auto type = dyn_cast<MemRefType>(value.getType());
  if (!type)
    return reject("its type is not a ranked memref");
  std::string why;
  std::optional<int64_t> size = getArenaBufferSize(type, root, &why);
  if (!size) {
    reject(why);
    unplanned.back().isError = why == kSizeOverflow;
    return;
  }
  for (Operation *parent = root->getParentOp(); parent != func.getOperation();
       parent = parent->getParentOp()) {
    if (isAsynchronous(parent) && !repeatOldMistakes)
      return reject("it is allocated inside '" +
                    parent->getName().getStringRef() +
                    "', which may run after the steps that follow it");
    if (!isSequentialRegionOp(parent))
      return reject("it is allocated inside '" +
                    parent->getName().getStringRef() +
                    "', whose iterations may need separate copies");
  }

  Block *home = getTopLevelAncestor(root)->getBlock();
  int64_t first = INT64_MAX, last = -1;
  bool crossesBlocks = false;
  StringAttr firstCallDevice;
  llvm::SmallSet<int64_t, 8> readSteps;

  for (Value alias : getFlow(root).resolve(value)) {
    for (OpOperand &use : alias.getUses()) {
      Operation *user = use.getOwner();
      StringRef userName = user->getName().getStringRef();
      if (isa<memref::DeallocOp>(user))
        continue;
      if (user->getParentOp() == func.getOperation() &&
          user->hasTrait<OpTrait::ReturnLike>())
        return reject("it is returned from the function");
      auto callee = calleeOf.lookup(user);
      if (isa<CallOpInterface>(user) && !callee)
        return reject("it is passed to a call ('" + userName + "')");
      if (auto store = dyn_cast<memref::StoreOp>(user);
          store && store.getValueToStore() == alias)
        return reject("it is stored into memory");
      if (isa<memref::ExtractAlignedPointerAsIndexOp>(user))
        return reject("its address is taken by '" + userName + "'");
      if (repeatOldMistakes) {
        // The checks below were missing once.
      } else if (isa<memref::ReallocOp>(user))
        return reject("it is reallocated by '" + userName + "'");
      else if (isa<bufferization::ToTensorOp>(user))
        return reject("it is read as a tensor through '" + userName +
                      "', whose reads are not tracked");
      else if (Operation *async = getAsynchronousAncestor(user, func))
        return reject("it is used inside '" +
                      async->getName().getStringRef() +
                      "', which may run after the steps that follow it");
      else if (auto branch = dyn_cast<BranchOpInterface>(user);
          branch && isInBlockCycle(root->getBlock()) &&
          llvm::any_of(llvm::seq(branch->getNumSuccessors()), [&](unsigned i) {
            return llvm::is_contained(
                branch.getSuccessorOperands(i).getForwardedOperands(), alias);
          }))
        return reject("it is allocated in a loop of blocks and passed on "
                      "through a block argument, so one iteration's buffer "
                      "may still be read while the next is written");
      if (isa<RegionBranchTerminatorOpInterface>(user)) {
        Operation *regionOp = user->getParentOp();
        if (regionOp->isProperAncestor(root))
          return reject("it is yielded out of the '" +
                        regionOp->getName().getStringRef() +
                        "' that allocates it");
      }
      bool knownEffects =
          callee ||
          isa<MemoryEffectOpInterface, ViewLikeOpInterface,
              RegionBranchOpInterface, RegionBranchTerminatorOpInterface,
              BranchOpInterface>(user) ||
          user->hasTrait<OpTrait::HasRecursiveMemoryEffects>();
      if (!knownEffects)
        return reject("it is used by '" + userName +
                      "', whose memory effects are unknown");
      // Creating an alias touches no memory: only the alias's uses count.
      if (isa<ViewLikeOpInterface>(user) && isMemoryEffectFree(user))
        continue;
      auto [from, to] = getSpan(user);
      if (from < first && callee)
        firstCallDevice = deviceOf.lookup(callee);
      else if (from < first)
        firstCallDevice = {};
      first = std::min(first, from);
      last = std::max(last, to);
      crossesBlocks |= getTopLevelAncestor(user)->getBlock() != home;
      // A device sub-function may read what it is passed.
      if (callee || readsMemory(use))
        readSteps.insert(from);
    }
  }
  if (last < 0)
    first = last = getSpan(root).first;
  // A buffer whose uses span blocks may be live across any branch of its
  // function.
  if (crossesBlocks)
    std::tie(first, last) = spanOf.lookup(func);

  LiveBuffer buffer;
  buffer.value = value;
  buffer.size = *size;
  buffer.firstStep = buffer.firstUse = first;
  buffer.lastStep = buffer.lastUse = last;
  buffer.readers = readSteps.size();
  // The device: as the allocation says; else that of the function; in a
  // function of the host, that of the device sub-function it is first
  // passed to (a result the sub-function writes).
  if (auto device =
          root->getAttrOfType<StringAttr>(MemPlanDialect::kDeviceAttrName))
    buffer.device = device;
  else if (firstCallDevice && !func->hasAttr(MemPlanDialect::kDeviceAttrName))
    buffer.device = firstCallDevice;
  else
    buffer.device = deviceOf.lookup(func);
  bufferIndex[value] = buffers.size();
  buffers.push_back(buffer);
}

void BufferLiveness::findInPlacePairs() {
  llvm::SmallDenseSet<unsigned> donors;
  for (auto [step, stepOp] : llvm::enumerate(steps)) {
    // Buffers the operation reads (donors) and writes (targets), by whole
    // views; isInPlaceHandover decides which pairs qualify.
    SmallVector<Value> reads, writes;
    if (auto copy = dyn_cast<memref::CopyOp>(stepOp)) {
      reads.push_back(copy.getSource());
      writes.push_back(copy.getTarget());
    } else if (auto linalgOp = dyn_cast<linalg::LinalgOp>(stepOp)) {
      for (OpOperand *in : linalgOp.getDpsInputOperands())
        reads.push_back(in->get());
      for (OpOperand &out : linalgOp.getDpsInitsMutable())
        writes.push_back(out.get());
    }
    for (Value written : writes) {
      auto targetIt = bufferIndex.find(getWholeBuffer(written));
      if (targetIt == bufferIndex.end())
        continue;
      LiveBuffer &target = buffers[targetIt->second];
      if (target.firstStep != static_cast<int64_t>(step) || target.inPlaceOf)
        continue;
      for (Value read : reads) {
        auto donorIt = bufferIndex.find(getWholeBuffer(read));
        if (donorIt == bufferIndex.end() || donorIt->second == targetIt->second)
          continue;
        const LiveBuffer &donor = buffers[donorIt->second];
        if (donor.lastStep != static_cast<int64_t>(step) ||
            donor.size != target.size || donor.device != target.device ||
            donors.contains(donorIt->second) ||
            !isInPlaceHandover(stepOp, donor.value, target.value,
                               getFlow(stepOp), repeatOldMistakes))
          continue;
        target.inPlaceOf = donorIt->second;
        donors.insert(donorIt->second);
        break;
      }
    }
  }
}
