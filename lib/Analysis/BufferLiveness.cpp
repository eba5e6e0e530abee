//===- BufferLiveness.cpp - Buffer lifetimes by use counting --------------===//

#include "memplan/Analysis/BufferLiveness.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/DataLayoutInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
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
  return *elementBytes * type.getNumElements();
}

static bool isInPlaceCompatible(linalg::LinalgOp op, OpOperand &in,
                                OpOperand &out) {
  if (op.getNumParallelLoops() != op.getNumLoops())
    return false;
  auto inType = dyn_cast<MemRefType>(in.get().getType());
  if (!inType || inType != out.get().getType() ||
      !inType.getLayout().isIdentity())
    return false;
  AffineMap inMap = op.getMatchingIndexingMap(&in);
  if (inMap != op.getMatchingIndexingMap(&out) || !inMap.isPermutation())
    return false;
  return !op.payloadUsesValueFromOperand(&out);
}

/// True if no operand of `op` other than `operand` refers to `buffer`,
/// except, with `allowSameReads`, inputs reading the same value through the
/// same indexing map.
static bool isOnlyAccess(linalg::LinalgOp op, BufferViewFlowAnalysis &flow,
                         Value buffer, OpOperand &operand,
                         bool allowSameReads) {
  BufferViewFlowAnalysis::ValueSetT aliases = flow.resolve(buffer);
  AffineMap map = op.getMatchingIndexingMap(&operand);
  for (OpOperand &other : op->getOpOperands()) {
    if (&other == &operand || !aliases.contains(other.get()))
      continue;
    bool sameRead = allowSameReads && other.get() == operand.get() &&
                    op.isDpsInput(&other) &&
                    op.getMatchingIndexingMap(&other) == map;
    if (!sameRead)
      return false;
  }
  return true;
}

bool mlir::memplan::isInPlaceLegal(linalg::LinalgOp op, OpOperand &in,
                                   OpOperand &out,
                                   BufferViewFlowAnalysis &flow) {
  return isInPlaceCompatible(op, in, out) &&
         isOnlyAccess(op, flow, in.get(), in, /*allowSameReads=*/true) &&
         isOnlyAccess(op, flow, out.get(), out, /*allowSameReads=*/false);
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

/// True for operations that may hold memrefs in their regions while running
/// them sequentially, in an order the step numbering can represent.
static bool isSequentialRegionOp(Operation *op) {
  if (isa<scf::ForallOp, scf::ParallelOp>(op) ||
      op->getName().getStringRef() == "affine.parallel")
    return false;
  return isa<RegionBranchOpInterface, FunctionOpInterface>(op);
}

BufferLiveness::BufferLiveness(FunctionOpInterface func, bool findInPlace,
                               std::optional<BufferRootFn> isRoot)
    : func(func), body(&func.getFunctionBody()) {
  for (Block &block : func.getFunctionBody())
    for (Operation &op : block) {
      stepOf[&op] = steps.size();
      steps.push_back(&op);
    }
  BufferViewFlowAnalysis flow(func);
  func->walk<WalkOrder::PreOrder>([&](Operation *op) {
    bool root = isRoot ? (*isRoot)(op)
                       : isa<memref::AllocOp, memref::AllocaOp>(op);
    if (root)
      analyzeRoot(op, flow);
  });
  if (findInPlace)
    findInPlacePairs(flow);
}

int64_t BufferLiveness::getStep(Operation *op) const {
  while (op->getParentRegion() != body)
    op = op->getParentOp();
  return stepOf.lookup(op);
}

void BufferLiveness::analyzeRoot(Operation *root, BufferViewFlowAnalysis &flow) {
  auto reject = [&](const Twine &reason) {
    unplanned.push_back({root, reason.str()});
  };
  Value value = root->getResult(0);
  auto type = dyn_cast<MemRefType>(value.getType());
  if (!type)
    return reject("its type is not a ranked memref");
  std::string why;
  std::optional<int64_t> size = getArenaBufferSize(type, root, &why);
  if (!size)
    return reject(why);
  for (Operation *parent = root->getParentOp(); parent != func.getOperation();
       parent = parent->getParentOp()) {
    if (!isSequentialRegionOp(parent))
      return reject("it is allocated inside '" +
                    parent->getName().getStringRef() +
                    "', whose iterations may need separate copies");
  }

  auto topLevelBlock = [&](Operation *op) {
    while (op->getParentRegion() != body)
      op = op->getParentOp();
    return op->getBlock();
  };
  Block *home = topLevelBlock(root);
  int64_t first = INT64_MAX, last = -1;
  bool crossesBlocks = false;
  llvm::SmallSet<int64_t, 8> readSteps;

  for (Value alias : flow.resolve(value)) {
    for (OpOperand &use : alias.getUses()) {
      Operation *user = use.getOwner();
      StringRef userName = user->getName().getStringRef();
      if (isa<memref::DeallocOp>(user))
        continue;
      if (user->getParentOp() == func.getOperation() &&
          user->hasTrait<OpTrait::ReturnLike>())
        return reject("it is returned from the function");
      if (isa<CallOpInterface>(user))
        return reject("it is passed to a call ('" + userName + "')");
      if (auto store = dyn_cast<memref::StoreOp>(user);
          store && store.getValueToStore() == alias)
        return reject("it is stored into memory");
      if (isa<memref::ExtractAlignedPointerAsIndexOp>(user))
        return reject("its address is taken by '" + userName + "'");
      if (isa<RegionBranchTerminatorOpInterface>(user)) {
        Operation *regionOp = user->getParentOp();
        if (regionOp->isProperAncestor(root))
          return reject("it is yielded out of the '" +
                        regionOp->getName().getStringRef() +
                        "' that allocates it");
      }
      bool knownEffects =
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
      int64_t step = getStep(user);
      first = std::min(first, step);
      last = std::max(last, step);
      crossesBlocks |= topLevelBlock(user) != home;
      if (readsMemory(use))
        readSteps.insert(step);
    }
  }
  if (last < 0)
    first = last = getStep(root);
  // A buffer whose uses span blocks may be live across any branch.
  if (crossesBlocks) {
    first = 0;
    last = getNumSteps() - 1;
  }
  LiveBuffer buffer;
  buffer.value = value;
  buffer.size = *size;
  buffer.firstStep = first;
  buffer.lastStep = last;
  buffer.readers = readSteps.size();
  bufferIndex[value] = buffers.size();
  buffers.push_back(buffer);
}

void BufferLiveness::findInPlacePairs(BufferViewFlowAnalysis &flow) {
  llvm::SmallDenseSet<unsigned> donors;
  for (auto [step, stepOp] : llvm::enumerate(steps)) {
    auto linalgOp = dyn_cast<linalg::LinalgOp>(stepOp);
    if (!linalgOp || !linalgOp.hasPureBufferSemantics())
      continue;
    for (OpOperand &out : linalgOp.getDpsInitsMutable()) {
      auto targetIt = bufferIndex.find(out.get());
      if (targetIt == bufferIndex.end())
        continue;
      LiveBuffer &target = buffers[targetIt->second];
      if (target.firstStep != static_cast<int64_t>(step) || target.inPlaceOf)
        continue;
      for (OpOperand *in : linalgOp.getDpsInputOperands()) {
        auto donorIt = bufferIndex.find(in->get());
        if (donorIt == bufferIndex.end() || donorIt->second == targetIt->second)
          continue;
        const LiveBuffer &donor = buffers[donorIt->second];
        if (donor.lastStep != static_cast<int64_t>(step) ||
            donors.contains(donorIt->second) ||
            !isInPlaceLegal(linalgOp, *in, out, flow))
          continue;
        target.inPlaceOf = donorIt->second;
        donors.insert(donorIt->second);
        break;
      }
    }
  }
}
