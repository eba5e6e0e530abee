//===- MemPlanDialect.cpp - memplan dialect, attributes and ops -----------===//

#include "memplan/Dialect/MemPlan/IR/MemPlan.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "llvm/ADT/StringSet.h"
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

/// A module's target description: devices with unique names, exactly one
/// host.
static LogicalResult verifyTargets(Operation *op, Attribute value) {
  auto devices = dyn_cast<ArrayAttr>(value);
  if (!devices || !llvm::all_of(devices, llvm::IsaPred<DeviceAttr>))
    return op->emitError() << "'" << MemPlanDialect::kTargetsAttrName
                           << "' must be an array of #memplan.device";
  llvm::StringSet<> names;
  int hosts = 0;
  for (auto device : devices.getAsRange<DeviceAttr>()) {
    if (!names.insert(device.getName().getValue()).second)
      return op->emitError() << "'" << MemPlanDialect::kTargetsAttrName
                             << "': two devices are named '"
                             << device.getName().getValue() << "'";
    hosts += device.getHost();
  }
  if (hosts != 1)
    return op->emitError() << "'" << MemPlanDialect::kTargetsAttrName
                           << "' needs exactly one host device, got "
                           << hosts;

  // Every device the module's functions, allocations and transfers name is
  // one of the targets.
  auto checkName = [&](Operation *user, StringAttr name) -> LogicalResult {
    if (names.contains(name.getValue()))
      return success();
    InFlightDiagnostic diag = user->emitError()
                              << "device '" << name.getValue()
                              << "' is not described by '"
                              << MemPlanDialect::kTargetsAttrName << "'";
    diag.attachNote(op->getLoc()) << "targets described here";
    return diag;
  };
  WalkResult walk = op->walk([&](Operation *nested) {
    if (auto name = nested->getAttrOfType<StringAttr>(
            MemPlanDialect::kDeviceAttrName))
      if (failed(checkName(nested, name)))
        return WalkResult::interrupt();
    TransferAttr route;
    if (auto transfer = dyn_cast<TransferOp>(nested))
      route = transfer.getRoute();
    else
      route = nested->getAttrOfType<TransferAttr>(
          MemPlanDialect::kTransferAttrName);
    if (route && (failed(checkName(nested, route.getFrom())) ||
                  failed(checkName(nested, route.getTo()))))
      return WalkResult::interrupt();
    return WalkResult::advance();
  });
  return failure(walk.wasInterrupted());
}

ArrayRef<Attribute> MemPlanDialect::getTargets(Operation *module) {
  if (auto targets = module->getAttrOfType<ArrayAttr>(kTargetsAttrName))
    return targets.getValue();
  return {};
}

DeviceAttr MemPlanDialect::getTarget(Operation *module, StringRef name) {
  for (Attribute attr : getTargets(module))
    if (auto device = cast<DeviceAttr>(attr); device.getName() == name)
      return device;
  return {};
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
  if (attr.getName() == kTargetsAttrName)
    return verifyTargets(op, attr.getValue());
  if (attr.getName() == kDeviceAttrName) {
    auto name = dyn_cast<StringAttr>(attr.getValue());
    if (!name || name.getValue().empty())
      return op->emitError() << "'" << kDeviceAttrName
                             << "' must be a non-empty device name";
    bool allocation = isa<MemoryEffectOpInterface>(op) &&
                      op->getNumResults() == 1 &&
                      isa<MemRefType>(op->getResult(0).getType());
    if (!isa<FunctionOpInterface>(op) && !allocation)
      return op->emitError() << "'" << kDeviceAttrName
                             << "' belongs on a function or an allocation";
    return success();
  }
  if (attr.getName() == kTransferAttrName) {
    if (!isa<TransferAttr>(attr.getValue()))
      return op->emitError() << "'" << kTransferAttrName
                             << "' must be a #memplan.transfer attribute";
    if (op->getNumOperands() != 2 || op->getNumResults() != 0)
      return op->emitError() << "'" << kTransferAttrName
                             << "' belongs on a copy (two operands, no "
                                "results)";
    return success();
  }
  if (attr.getName() == kUnitAttrName) {
    if (!isa<ExecutionUnitAttr>(attr.getValue()))
      return op->emitError() << "'" << kUnitAttrName
                             << "' must be a #memplan.unit attribute";
    return success();
  }
  if (attr.getName() == kInPlaceAttrName) {
    if (!isa<mlir::UnitAttr>(attr.getValue()))
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

StringRef BufferAttr::getDeviceName() const {
  return getDevice() ? getDevice().getValue()
                     : StringRef(MemPlanDialect::kHostDeviceName);
}

LogicalResult
BufferAttr::verify(function_ref<InFlightDiagnostic()> emitError, int64_t id,
                   int64_t size, int64_t start, int64_t end, int64_t uses,
                   std::optional<int64_t> offset,
                   std::optional<int64_t> inPlaceOf, StringAttr device) {
  if (device && device.getValue().empty())
    return emitError() << "device must not be empty";
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

//===----------------------------------------------------------------------===//
// OpSupportAttr, DeviceAttr
//===----------------------------------------------------------------------===//

LogicalResult
OpSupportAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                      StringAttr name, ArrayAttr elementTypes,
                      ArrayRef<int64_t> ranks) {
  if (!name || name.getValue().empty())
    return emitError() << "an operator needs a name";
  if (elementTypes && !llvm::all_of(elementTypes, llvm::IsaPred<TypeAttr>))
    return emitError() << "element_types must be a list of types";
  if (llvm::any_of(ranks, [](int64_t rank) { return rank < 0; }))
    return emitError() << "ranks must not be negative";
  return success();
}

Attribute OpSupportAttr::parse(AsmParser &parser, Type) {
  std::string name;
  ArrayAttr elementTypes;
  SmallVector<int64_t> ranks;
  if (parser.parseLess() || parser.parseKeyword("name") ||
      parser.parseEqual() || parser.parseString(&name))
    return {};
  while (succeeded(parser.parseOptionalComma())) {
    StringRef key;
    if (parser.parseKeyword(&key) || parser.parseEqual())
      return {};
    if (key == "element_types") {
      if (parser.parseAttribute(elementTypes))
        return {};
    } else if (key == "ranks") {
      if (parser.parseCommaSeparatedList(AsmParser::Delimiter::Square, [&]() {
            return parser.parseInteger(ranks.emplace_back());
          }))
        return {};
    } else {
      parser.emitError(parser.getCurrentLocation())
          << "unknown key '" << key << "' (expected element_types or ranks)";
      return {};
    }
  }
  if (parser.parseGreater())
    return {};
  return OpSupportAttr::getChecked(
      [&]() { return parser.emitError(parser.getNameLoc()); },
      parser.getContext(), StringAttr::get(parser.getContext(), name),
      elementTypes, ArrayRef<int64_t>(ranks));
}

void OpSupportAttr::print(AsmPrinter &printer) const {
  printer << "<name = ";
  printer.printString(getName().getValue());
  if (getElementTypes())
    printer << ", element_types = " << getElementTypes();
  if (!getRanks().empty()) {
    printer << ", ranks = [";
    llvm::interleaveComma(getRanks(), printer);
    printer << "]";
  }
  printer << ">";
}

bool OpSupportAttr::matches(Operation *op) const {
  if (op->getName().getStringRef() != getName().getValue())
    return false;
  SmallVector<Type> shaped;
  for (Type type : llvm::concat<Type>(op->getOperandTypes(),
                                      op->getResultTypes()))
    if (isa<ShapedType>(type))
      shaped.push_back(type);
  if (ArrayAttr elementTypes = getElementTypes()) {
    for (Type type : shaped) {
      Type element = cast<ShapedType>(type).getElementType();
      if (!llvm::any_of(elementTypes, [&](Attribute allowed) {
            return cast<TypeAttr>(allowed).getValue() == element;
          }))
        return false;
    }
  }
  if (!getRanks().empty()) {
    // The rank of what the operation computes: its results, or the buffer
    // it writes (its last operand) when it has none.
    SmallVector<Type> produced(op->getResultTypes());
    if (produced.empty() && op->getNumOperands() > 0)
      produced.push_back(op->getOperands().back().getType());
    for (Type type : produced) {
      auto ranked = dyn_cast<ShapedType>(type);
      if (ranked && (!ranked.hasRank() ||
                     !llvm::is_contained(getRanks(), ranked.getRank())))
        return false;
    }
  }
  return true;
}

static constexpr StringLiteral kDeviceKinds[] = {"cpu", "gpu", "npu", "dsp",
                                                 "fpga"};

LogicalResult
DeviceAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                   StringAttr name, StringAttr kind, int64_t capacity,
                   int64_t reserved, int64_t alignment, int64_t computeUnits,
                   int64_t speed, StringAttr reuse, bool host,
                   ArrayRef<OpSupportAttr> ops) {
  if (!name || name.getValue().empty())
    return emitError() << "a device needs a name";
  auto fail = [&]() {
    return emitError() << "device '" << name.getValue() << "': ";
  };
  if (!kind || !llvm::is_contained(kDeviceKinds, kind.getValue()))
    return fail() << "kind must be one of cpu, gpu, npu, dsp, fpga";
  if (capacity < 0 || reserved < 0)
    return fail() << "capacity and reserved must not be negative";
  if (reserved > capacity)
    return fail() << "reserved (" << reserved << " bytes) exceeds capacity ("
                  << capacity << " bytes)";
  if (alignment <= 0 || !llvm::isPowerOf2_64(alignment))
    return fail() << "alignment must be a power of two, got " << alignment;
  if (computeUnits <= 0)
    return fail() << "compute_units must be positive, got " << computeUnits;
  if (speed <= 0)
    return fail() << "speed must be positive, got " << speed;
  if (!reuse ||
      (reuse.getValue() != "min-memory" && reuse.getValue() != "max-parallel"))
    return fail() << "reuse must be 'min-memory' or 'max-parallel'";
  if (host && !ops.empty())
    return fail() << "the host supports every operator; it takes no 'ops'";
  return success();
}

bool DeviceAttr::supports(Operation *op) const {
  return getHost() ||
         llvm::any_of(getOps(), [&](OpSupportAttr entry) {
           return entry.matches(op);
         });
}

//===----------------------------------------------------------------------===//
// TransferAttr, ExecutionUnitAttr
//===----------------------------------------------------------------------===//

LogicalResult
TransferAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                     StringAttr from, StringAttr to) {
  if (!from || !to || from.getValue().empty() || to.getValue().empty())
    return emitError() << "a transfer needs both devices";
  if (from == to)
    return emitError() << "a transfer must change devices, got '"
                       << from.getValue() << "' to itself";
  return success();
}

LogicalResult
ExecutionUnitAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                          int64_t id, int64_t computeUnit, int64_t order,
                          int64_t flops, int64_t bytes,
                          ArrayRef<int64_t> after) {
  if (id < 0 || computeUnit < 0 || order < 0 || flops < 0 || bytes < 0)
    return emitError() << "unit fields must not be negative";
  if (llvm::is_contained(after, id))
    return emitError() << "unit " << id << " cannot come after itself";
  return success();
}
