//===- MemPlanDialect.cpp - memplan dialect, attributes and ops -----------===//

#include "memplan/Dialect/MemPlan/IR/MemPlan.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace mlir::memplan;

#include "memplan/Dialect/MemPlan/IR/MemPlanDialect.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "memplan/Dialect/MemPlan/IR/MemPlanAttrs.cpp.inc"

#define GET_OP_CLASSES
#include "memplan/Dialect/MemPlan/IR/MemPlanOps.cpp.inc"

void MemPlanDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "memplan/Dialect/MemPlan/IR/MemPlanAttrs.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "memplan/Dialect/MemPlan/IR/MemPlanOps.cpp.inc"
      >();
}

/// True for a 1-D, statically sized memref of i8 with identity layout: the
/// only shape an arena can have, since `memref.view` requires it.
static bool isArenaType(Type type) {
  auto memref = dyn_cast<MemRefType>(type);
  return memref && memref.getRank() == 1 && memref.hasStaticShape() &&
         memref.getElementType().isInteger(8) &&
         memref.getLayout().isIdentity();
}

LogicalResult MemPlanDialect::verifyOperationAttribute(Operation *op,
                                                       NamedAttribute attr) {
  if (attr.getName() == kBufferAttrName) {
    if (!isa<BufferAttr>(attr.getValue()))
      return op->emitError() << "'" << kBufferAttrName
                             << "' must be a #memplan.buffer attribute";
    if (op->getNumResults() != 1 || !isa<MemRefType>(op->getResult(0).getType()))
      return op->emitError() << "'" << kBufferAttrName
                             << "' belongs on an operation with one memref "
                                "result";
    return success();
  }
  if (attr.getName() == kArenasAttrName) {
    auto arenas = dyn_cast<ArrayAttr>(attr.getValue());
    if (!arenas || !llvm::all_of(arenas, llvm::IsaPred<ArenaAttr>))
      return op->emitError() << "'" << kArenasAttrName
                             << "' must be an array of #memplan.arena";
    if (!isa<FunctionOpInterface>(op))
      return op->emitError() << "'" << kArenasAttrName
                             << "' belongs on a function";
    return success();
  }
  if (attr.getName() == kArenaArgAttrName) {
    // Left on the allocation that memplan-lower-arenas makes of an arena.
    if (!isa<ArenaAttr>(attr.getValue()))
      return op->emitError() << "'" << kArenaArgAttrName
                             << "' must be a #memplan.arena attribute";
    if (op->getNumResults() != 1 || !isArenaType(op->getResult(0).getType()))
      return op->emitError() << "'" << kArenaArgAttrName
                             << "' belongs on an operation yielding an arena "
                                "(a 1-D static memref of i8)";
    return success();
  }
  if (attr.getName() == kInPlaceAttrName) {
    if (!isa<UnitAttr>(attr.getValue()))
      return op->emitError() << "'" << kInPlaceAttrName
                             << "' must be a unit attribute";
    auto dps = dyn_cast<DestinationStyleOpInterface>(op);
    if (!dps || dps.getNumDpsInits() != 1)
      return op->emitError() << "'" << kInPlaceAttrName
                             << "' belongs on a destination-style operation "
                                "with one init";
    return success();
  }
  return op->emitError() << "unknown memplan attribute '"
                         << attr.getName().getValue() << "'";
}

LogicalResult MemPlanDialect::verifyRegionArgAttribute(Operation *op,
                                                       unsigned regionIndex,
                                                       unsigned argIndex,
                                                       NamedAttribute attr) {
  if (attr.getName() != kArenaArgAttrName)
    return op->emitError() << "unknown memplan argument attribute '"
                           << attr.getName().getValue() << "'";
  auto plan = dyn_cast<ArenaAttr>(attr.getValue());
  if (!plan)
    return op->emitError() << "'" << kArenaArgAttrName
                           << "' must be a #memplan.arena attribute";
  Type type = op->getRegion(regionIndex).getArgument(argIndex).getType();
  if (!isArenaType(type) || cast<MemRefType>(type).getDimSize(0) < plan.getSize())
    return op->emitError() << "argument " << argIndex << " of type " << type
                           << " cannot hold an arena of " << plan.getSize()
                           << " bytes";
  return success();
}

//===----------------------------------------------------------------------===//
// BufferAttr
//===----------------------------------------------------------------------===//

LogicalResult
BufferAttr::verify(function_ref<InFlightDiagnostic()> emitError, int64_t id,
                   int64_t size, int64_t start, int64_t end, int64_t uses,
                   std::optional<int64_t> offset,
                   std::optional<int64_t> inPlaceOf) {
  if (id < 0 || size < 0 || uses < 0)
    return emitError() << "id, size and uses must not be negative";
  if (start < 0 || end <= start)
    return emitError() << "lifetime [" << start << ", " << end
                       << ") must be a non-empty range of non-negative steps";
  if (offset && *offset < 0)
    return emitError() << "offset must not be negative, got " << *offset;
  if (inPlaceOf && (*inPlaceOf < 0 || *inPlaceOf == id))
    return emitError() << "in_place_of must name another buffer, got "
                       << *inPlaceOf;
  return success();
}

//===----------------------------------------------------------------------===//
// ArenaAttr
//===----------------------------------------------------------------------===//

LogicalResult ArenaAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                StringRef device, int64_t size,
                                int64_t alignment, int64_t lowerBound,
                                int64_t noReuse, int64_t buffers) {
  if (device.empty())
    return emitError() << "device name must not be empty";
  if (size < 0 || lowerBound < 0 || noReuse < 0 || buffers < 0)
    return emitError() << "sizes and counts must not be negative";
  if (alignment <= 0 || !llvm::isPowerOf2_64(alignment))
    return emitError() << "alignment must be a power of two, got "
                       << alignment;
  if (lowerBound > size)
    return emitError() << "lower bound " << lowerBound
                       << " exceeds the arena size " << size;
  if (lowerBound > noReuse)
    return emitError() << "lower bound " << lowerBound
                       << " exceeds the no-reuse size " << noReuse;
  return success();
}

//===----------------------------------------------------------------------===//
// ArenaOp
//===----------------------------------------------------------------------===//

LogicalResult ArenaOp::verify() {
  Type type = getArena().getType();
  if (!isArenaType(type))
    return emitOpError("result must be a statically sized 1-D memref of i8 "
                       "with identity layout, got ")
           << type;
  int64_t bytes = cast<MemRefType>(type).getDimSize(0);
  if (bytes != getPlan().getSize())
    return emitOpError("result holds ")
           << bytes << " bytes but the plan needs " << getPlan().getSize();
  if (getStorage() && getStorage().getType() != type)
    return emitOpError("storage of type ")
           << getStorage().getType() << " does not match the arena type "
           << type;
  return success();
}

// %arena = memplan.arena <device = ..., ...> [in %storage] attr-dict : type
ParseResult ArenaOp::parse(OpAsmParser &parser, OperationState &result) {
  ArenaAttr plan;
  OpAsmParser::UnresolvedOperand storage;
  Type type;
  // The plan is printed without its `#memplan.arena` prefix (as the
  // declarative format prints attributes of a known kind); a full
  // `#memplan.arena<...>` would swallow the `: type` that follows.
  if (parser.parseCustomAttributeWithFallback(plan, Type(), "plan",
                                              result.attributes))
    return failure();
  bool hasStorage = succeeded(parser.parseOptionalKeyword("in"));
  if ((hasStorage && parser.parseOperand(storage)) ||
      parser.parseOptionalAttrDict(result.attributes) ||
      parser.parseColonType(type))
    return failure();
  if (hasStorage && parser.resolveOperand(storage, type, result.operands))
    return failure();
  result.addTypes(type);
  return success();
}

void ArenaOp::print(OpAsmPrinter &printer) {
  printer << " ";
  printer.printStrippedAttrOrType(getPlan());
  if (getStorage())
    printer << " in " << getStorage();
  printer.printOptionalAttrDict((*this)->getAttrs(), {"plan"});
  printer << " : " << getArena().getType();
}

void ArenaOp::getAsmResultNames(OpAsmSetValueNameFn setNameFn) {
  setNameFn(getArena(), "arena");
}

void ArenaOp::getEffects(
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
        &effects) {
  // Without storage the arena is a fresh allocation; with it, a new name.
  if (!getStorage())
    effects.emplace_back(MemoryEffects::Allocate::get(),
                         cast<OpResult>(getArena()));
}
