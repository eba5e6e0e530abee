//===- Report.cpp - memplan-report ----------------------------------------===//

#include "memplan/Analysis/BufferLiveness.h"
#include "memplan/Analysis/OpCost.h"
#include "memplan/Transforms/Passes.h"

#include "mlir/Interfaces/ViewLikeInterface.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/ADT/EquivalenceClasses.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"

#include <set>

namespace mlir {
namespace memplan {
#define GEN_PASS_DEF_MEMPLANREPORTPASS
#include "memplan/Transforms/Passes.h.inc"
} // namespace memplan
} // namespace mlir

using namespace mlir;
using namespace mlir::memplan;

namespace {

/// One layer (an operation that computes or moves data).
struct LayerReport {
  std::string device;
  std::string name;
  /// What the layer does (getLayerKind): colours the picture.
  StringRef kind;
  std::string location;
  /// The step at which it runs (its first, for a layer spanning several).
  int64_t step = 0;
  OpCost cost;
  /// Bytes of the device's arena live while the layer runs.
  int64_t liveBytes = 0;
  /// The device a transfer layer moves data to.
  std::optional<std::string> transferTo;
  /// The name its location gives it (an imported model's layer), if any.
  std::string modelLayer;
};

/// One layer of the model the program came from: the layers whose locations
/// carry its name (memplan-import-onnx names every op after its ONNX node).
struct ModelLayerReport {
  std::string name;
  std::string device;
  int64_t operations = 0;
  int64_t flops = 0;
  /// What its last operation writes.
  int64_t outputBytes = 0;
  /// The most arena bytes live while one of its operations runs.
  int64_t liveBytes = 0;
  /// The constant globals it reads first.
  int64_t weightBytes = 0;
  /// The step of its last operation: the order of the report.
  int64_t lastStep = 0;
};

/// An operation at one end of a buffer's lifetime.
struct StepOp {
  std::string name;
  std::string location;
};

/// One planned buffer: a view of its device's arena.
struct BufferReport {
  int64_t id = 0;
  std::string device;
  int64_t size = 0;
  int64_t offset = 0;
  /// Its lifetime [start, end) in the program's steps, and the operations
  /// at its first and last step.
  int64_t start = 0;
  int64_t end = 0;
  StepOp startOp, endOp;
  /// Steps that read it.
  int64_t uses = 0;
  /// The buffer whose block it took over in place.
  std::optional<int64_t> inPlaceOf;
  /// The first layer that writes it, after the fill that initializes it if
  /// any (an index into the layers).
  std::optional<size_t> layer;
};

/// One device's arena.
struct ArenaReport {
  ArenaAttr plan;
  /// The device's description, if the program was planned for devices.
  DeviceAttr target;
  /// The moment the most bytes are live, and those bytes.
  planner::PeakMoment peak;

  int64_t getReservedBytesUsed() const {
    if (!target)
      return 0;
    int64_t targetBytes = target.getCapacity() - target.getReserved();
    return std::max<int64_t>(0, plan.getSize() - targetBytes);
  }
};

/// What one device does in a program.
struct DeviceReport {
  std::string name;
  int64_t layers = 0;
  int64_t flops = 0;
  int64_t outputBytes = 0;
  int64_t transfersIn = 0;
  int64_t transferBytesIn = 0;
  /// Layers whose dynamic shapes hide part of their cost.
  int64_t unknownCostLayers = 0;
  /// Constant globals its functions read, and heap allocations they make.
  int64_t weightBytes = 0;
  int64_t heapBytes = 0;
};

struct FunctionReport {
  std::string name;
  int64_t steps = 0;
  SmallVector<ArenaReport> arenas;
  SmallVector<DeviceReport> devices;
  SmallVector<LayerReport> layers;
  SmallVector<ModelLayerReport> modelLayers;
  SmallVector<BufferReport> buffers;
  int64_t heapAllocations = 0;
  int64_t heapBytes = 0;
  int64_t dynamicAllocations = 0;
  /// Copies that move bytes, and copies of arena bytes onto themselves (a
  /// buffer planned in place of the one it copies; dropped when lowered).
  int64_t copies = 0;
  int64_t copyBytes = 0;
  int64_t copiesInPlace = 0;
  /// Results written over an input that dies where they are computed, and
  /// the bytes that saves.
  int64_t inPlaceBuffers = 0;
  int64_t inPlaceBytes = 0;
};

/// What a layer does, in a few kinds that colour the picture of a plan.
StringRef getLayerKind(Operation *op) {
  StringRef name = op->getName().getStringRef();
  if (op->hasAttr(MemPlanDialect::kTransferAttrName) || isa<TransferOp>(op))
    return "transfer";
  if (name.contains("conv"))
    return "convolution";
  if (name.contains("matmul") || name.contains("matvec") ||
      name.contains("vecmat") || isa<linalg::DotOp>(op))
    return "matmul";
  if (name.contains("pooling"))
    return "pooling";
  if (isa<linalg::FillOp>(op))
    return "fill";
  if (isa<memref::CopyOp, linalg::CopyOp, linalg::TransposeOp,
          linalg::BroadcastOp>(op) ||
      isa<tensor::TensorDialect, memref::MemRefDialect>(op->getDialect()))
    return "data-movement";
  if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op))
    return linalgOp.getNumReductionLoops() ? "reduction" : "elementwise";
  return "other";
}

/// The memrefs `op` writes: its inits, a copy's target, or else every
/// memref operand (a call may write any).
SmallVector<Value> getWrittenMemRefs(Operation *op) {
  if (auto dps = dyn_cast<DestinationStyleOpInterface>(op))
    return llvm::to_vector(dps.getDpsInits());
  if (auto copy = dyn_cast<memref::CopyOp>(op))
    return {copy.getTarget()};
  SmallVector<Value> written;
  for (Value operand : op->getOperands())
    if (isa<BaseMemRefType>(operand.getType()))
      written.push_back(operand);
  return written;
}

/// The name a location gives an operation: a NameLoc's, looking through
/// call sites and fused locations; empty if none.
std::string getLocationName(Location loc) {
  if (auto name = dyn_cast<NameLoc>(loc))
    return name.getName().str();
  if (auto callSite = dyn_cast<CallSiteLoc>(loc))
    return getLocationName(callSite.getCallee());
  if (auto fused = dyn_cast<FusedLoc>(loc))
    for (Location part : fused.getLocations())
      if (std::string name = getLocationName(part); !name.empty())
        return name;
  return "";
}

StepOp describeStep(Operation *op) {
  StepOp step{op->getName().getStringRef().str(), ""};
  llvm::raw_string_ostream(step.location) << op->getLoc();
  return step;
}

/// The report of `root`'s program: its arenas (in the root; device
/// sub-functions reach them through arguments) and what its functions
/// allocate, copy and compute in place.
FunctionReport summarize(FunctionOpInterface root,
                         const ProgramStructure &programs) {
  FunctionReport report;
  report.name = root.getName().str();
  auto deviceReport = [&](StringRef name) -> DeviceReport & {
    for (DeviceReport &device : report.devices)
      if (device.name == name)
        return device;
    report.devices.push_back({name.str()});
    return report.devices.back();
  };
  // What is live at each layer: the arena views, with lifetimes in the
  // program's current steps.
  auto isArenaView = [](Operation *op) {
    auto view = dyn_cast<memref::ViewOp>(op);
    return view && view->hasAttr(MemPlanDialect::kBufferAttrName);
  };
  BufferLiveness liveness(root, programs, /*findInPlace=*/false, isArenaView);
  report.steps = liveness.getNumSteps();
  DenseMap<Value, size_t> bufferOf;
  for (const LiveBuffer &live : liveness.getBuffers()) {
    auto attr = live.getDefiningOp()->getAttrOfType<BufferAttr>(
        MemPlanDialect::kBufferAttrName);
    BufferReport buffer;
    buffer.id = attr.getId();
    buffer.device = attr.getDeviceName().str();
    buffer.size = live.size;
    buffer.offset = attr.getOffset().value_or(0);
    buffer.start = live.firstStep;
    buffer.end = live.lastStep + 1;
    buffer.startOp = describeStep(liveness.getSteps()[live.firstStep]);
    buffer.endOp = describeStep(liveness.getSteps()[live.lastStep]);
    buffer.uses = live.readers;
    buffer.inPlaceOf = attr.getInPlaceOf();
    bufferOf[live.value] = report.buffers.size();
    report.buffers.push_back(std::move(buffer));
  }
  // The arena buffer a memref is a view of, if any: through views, and
  // from a device sub-function's argument to what its call passes.
  auto findBuffer = [&](Value value) -> std::optional<size_t> {
    while (value) {
      if (auto it = bufferOf.find(value); it != bufferOf.end())
        return it->second;
      if (auto argument = dyn_cast<BlockArgument>(value)) {
        auto callee =
            dyn_cast<FunctionOpInterface>(argument.getOwner()->getParentOp());
        CallOpInterface call = callee && argument.getOwner()->isEntryBlock()
                                   ? programs.getProgramCall(callee)
                                   : CallOpInterface();
        if (!call || argument.getArgNumber() >= call.getArgOperands().size())
          return std::nullopt;
        value = call.getArgOperands()[argument.getArgNumber()];
        continue;
      }
      auto view = value.getDefiningOp<ViewLikeOpInterface>();
      if (!view)
        return std::nullopt;
      value = view.getViewSource();
    }
    return std::nullopt;
  };

  for (FunctionOpInterface func : programs.getFunctions(root)) {
    StringRef device = getFunctionDevice(func).getValue();
    func->walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (op == func.getOperation() || !isComputeOp(op))
        return WalkResult::advance();
      LayerReport layer;
      layer.device = device.str();
      layer.name = op->getName().getStringRef().str();
      layer.kind = getLayerKind(op);
      llvm::raw_string_ostream(layer.location) << op->getLoc();
      layer.cost = estimateCost(op);
      layer.modelLayer = getLocationName(op->getLoc());
      int64_t step = liveness.getSpan(op).first;
      layer.step = step;
      // A buffer belongs to the first layer that writes it, not counting
      // the fill that initializes an accumulator or a padding.
      for (Value written : getWrittenMemRefs(op)) {
        std::optional<size_t> buffer = findBuffer(written);
        if (!buffer)
          continue;
        std::optional<size_t> &writer = report.buffers[*buffer].layer;
        if (!writer ||
            (report.layers[*writer].kind == "fill" && layer.kind != "fill"))
          writer = report.layers.size();
      }
      for (const LiveBuffer &buffer : liveness.getBuffers())
        if (buffer.getDefiningOp()
                    ->getAttrOfType<BufferAttr>(MemPlanDialect::kBufferAttrName)
                    .getDeviceName() == device &&
            buffer.firstStep <= step && step <= buffer.lastStep)
          layer.liveBytes += buffer.size;
      DeviceReport &stats = deviceReport(device);
      ++stats.layers;
      stats.flops += layer.cost.flops;
      stats.unknownCostLayers += !layer.cost.known;
      stats.outputBytes += layer.cost.outputBytes;
      if (auto route = op->getAttrOfType<TransferAttr>(
              MemPlanDialect::kTransferAttrName)) {
        DeviceReport &to = deviceReport(route.getTo().getValue());
        layer.transferTo = route.getTo().getValue().str();
        ++to.transfersIn;
        to.transferBytesIn += layer.cost.outputBytes;
      }
      report.layers.push_back(std::move(layer));
      // What a layer contains is part of it.
      return WalkResult::skip();
    });
  }
  // Weights: each constant global once per device, counted for the model
  // layer whose location the first read carries.
  std::set<std::pair<std::string, std::string>> weightsSeen;
  llvm::StringMap<std::pair<int64_t, std::string>> weightsOfModelLayer;
  for (FunctionOpInterface func : programs.getFunctions(root))
    func->walk([&](Operation *op) {
      StringRef device = getFunctionDevice(func).getValue();
      if (auto get = dyn_cast<memref::GetGlobalOp>(op)) {
        auto global = SymbolTable::lookupNearestSymbolFrom<memref::GlobalOp>(
            op, get.getNameAttr());
        std::optional<int64_t> size =
            global && global.getConstant()
                ? getArenaBufferSize(global.getType(), op)
                : std::nullopt;
        if (size &&
            weightsSeen.insert({device.str(), global.getSymName().str()})
                .second) {
          deviceReport(device).weightBytes += *size;
          auto &weights = weightsOfModelLayer[getLocationName(op->getLoc())];
          weights.first += *size;
          weights.second = device.str();
        }
        return;
      }
      if (auto arena = dyn_cast<ArenaOp>(op)) {
        if (func == root)
          report.arenas.push_back(
              {arena.getPlan(),
               MemPlanDialect::getTarget(root->getParentOp(),
                                         arena.getPlan().getDevice()),
               {}});
        return;
      }
      // In place on buffers (memplan-liveness) or on tensors
      // (memplan-elementwise-in-place).
      if (auto buffer =
              op->getAttrOfType<BufferAttr>(MemPlanDialect::kBufferAttrName);
          buffer && buffer.getInPlaceOf()) {
        ++report.inPlaceBuffers;
        report.inPlaceBytes += buffer.getSize();
      }
      if (op->hasAttr(MemPlanDialect::kInPlaceAttrName)) {
        ++report.inPlaceBuffers;
        report.inPlaceBytes += getStaticBytes(
            cast<ShapedType>(
                op->getOperand(op->getNumOperands() - 1).getType()),
            op);
      }
      if (auto copy = dyn_cast<memref::CopyOp>(op);
          copy && isCopyOntoItself(copy)) {
        ++report.copiesInPlace;
        return;
      }
      if (isa<memref::CopyOp, linalg::CopyOp>(op)) {
        ++report.copies;
        report.copyBytes += getStaticBytes(
            cast<ShapedType>(
                op->getOperand(op->getNumOperands() - 1).getType()),
            op);
        return;
      }
      if (!isa<memref::AllocOp, memref::AllocaOp>(op))
        return;
      auto type = cast<MemRefType>(op->getResult(0).getType());
      if (!type.hasStaticShape()) {
        ++report.dynamicAllocations;
        return;
      }
      ++report.heapAllocations;
      if (std::optional<int64_t> size = getArenaBufferSize(type, op)) {
        report.heapBytes += *size;
        deviceReport(device).heapBytes += *size;
      }
    });

  // The model's layers, in the order they finish.
  llvm::StringMap<size_t> modelLayerIndex;
  auto modelLayer = [&](StringRef name,
                        StringRef device) -> ModelLayerReport & {
    auto [it, inserted] =
        modelLayerIndex.try_emplace(name, report.modelLayers.size());
    if (inserted)
      report.modelLayers.push_back({name.str(), device.str()});
    return report.modelLayers[it->second];
  };
  for (const LayerReport &layer : report.layers) {
    if (layer.modelLayer.empty())
      continue;
    ModelLayerReport &entry = modelLayer(layer.modelLayer, layer.device);
    ++entry.operations;
    entry.flops += layer.cost.flops;
    entry.outputBytes = layer.cost.outputBytes;
    entry.liveBytes = std::max(entry.liveBytes, layer.liveBytes);
    entry.lastStep = std::max(entry.lastStep, layer.step);
  }
  for (const auto &weights : weightsOfModelLayer)
    if (!weights.getKey().empty())
      modelLayer(weights.getKey(), weights.getValue().second).weightBytes +=
          weights.getValue().first;
  llvm::stable_sort(report.modelLayers,
                    [](const ModelLayerReport &a, const ModelLayerReport &b) {
                      return a.lastStep < b.lastStep;
                    });

  // Each arena's peak moment, as the planner counts it (a block taken over
  // in place counts once).
  for (ArenaReport &arena : report.arenas) {
    planner::Problem problem;
    DenseMap<int64_t, size_t> positionOfId;
    for (const BufferReport &buffer : report.buffers) {
      if (buffer.device != arena.plan.getDevice())
        continue;
      positionOfId[buffer.id] = problem.buffers.size();
      planner::Buffer entry;
      entry.start = buffer.start;
      entry.end = buffer.end;
      entry.size = buffer.size;
      entry.alignment = arena.plan.getAlignment();
      problem.buffers.push_back(entry);
    }
    llvm::EquivalenceClasses<size_t> groups;
    for (const BufferReport &buffer : report.buffers)
      if (buffer.inPlaceOf && positionOfId.count(buffer.id) &&
          positionOfId.count(*buffer.inPlaceOf))
        groups.unionSets(positionOfId[buffer.id],
                         positionOfId[*buffer.inPlaceOf]);
    for (auto it = groups.begin(); it != groups.end(); ++it)
      if ((*it)->isLeader()) {
        std::vector<size_t> group(groups.member_begin(**it),
                                  groups.member_end());
        llvm::sort(group);
        problem.sameOffsetGroups.push_back(std::move(group));
      }
    if (!problem.buffers.empty())
      arena.peak = planner::findPeakMoment(problem);
  }
  return report;
}

double ratio(ArenaAttr arena) {
  return arena.getLowerBound() == 0
             ? 1.0
             : static_cast<double>(arena.getSize()) / arena.getLowerBound();
}

/// What the report holds beyond the totals.
struct ReportSelection {
  /// Every layer, or those above flopsThreshold (text only).
  bool all = false;
  int64_t flopsThreshold = 0;
  /// The ASCII picture of every arena (text only).
  bool picture = true;
  /// The model's layers (text only).
  bool modelLayers = false;
};

/// The letter of a layer kind in the ASCII picture.
char getKindLetter(StringRef kind) {
  static const std::pair<StringRef, char> letters[] = {
      {"convolution", 'c'}, {"matmul", 'm'},        {"elementwise", 'e'},
      {"reduction", 'r'},   {"pooling", 'p'},       {"fill", 'f'},
      {"transfer", 't'},    {"data-movement", 'd'}, {"other", 'o'}};
  for (auto [name, letter] : letters)
    if (kind == name)
      return letter;
  return 'o';
}

/// Draws `arena` as time (columns) x address (rows, the arena's top first):
/// each cell shows the kind of the layer that writes the buffer covering
/// most of it ('#' for a buffer no layer writes), the lower bound and the
/// peak moment are marked.
void printPicture(raw_ostream &os, const FunctionReport &report,
                  const ArenaReport &arena) {
  constexpr int64_t kMaxColumns = 64, kMaxRows = 12;
  int64_t size = arena.plan.getSize();
  if (size == 0 || report.steps == 0)
    return;
  int64_t columns = std::min(kMaxColumns, report.steps);
  int64_t stepsPerColumn = llvm::divideCeil(report.steps, columns);
  columns = llvm::divideCeil(report.steps, stepsPerColumn);
  int64_t rows = kMaxRows;
  int64_t bytesPerRow = llvm::divideCeil(size, rows);
  rows = llvm::divideCeil(size, bytesPerRow);
  std::vector<std::string> grid(rows, std::string(columns, ' '));
  // The largest area (bytes x steps) of a buffer in each cell so far.
  std::vector<std::vector<double>> covered(rows,
                                           std::vector<double>(columns, 0));
  for (const BufferReport &buffer : report.buffers) {
    if (buffer.device != arena.plan.getDevice() || buffer.size == 0)
      continue;
    char letter =
        buffer.layer ? getKindLetter(report.layers[*buffer.layer].kind) : '#';
    int64_t bufferEnd = buffer.offset + buffer.size;
    for (int64_t row = buffer.offset / bytesPerRow;
         row < rows && row * bytesPerRow < bufferEnd; ++row)
      for (int64_t column = buffer.start / stepsPerColumn;
           column < columns && column * stepsPerColumn < buffer.end; ++column) {
        int64_t bytes = std::min(bufferEnd, (row + 1) * bytesPerRow) -
                        std::max(buffer.offset, row * bytesPerRow);
        int64_t steps = std::min(buffer.end, (column + 1) * stepsPerColumn) -
                        std::max(buffer.start, column * stepsPerColumn);
        double area = static_cast<double>(bytes) * steps;
        if (area > covered[row][column]) {
          covered[row][column] = area;
          grid[row][column] = letter;
        }
      }
  }
  int64_t boundRow = arena.plan.getLowerBound() == 0
                         ? -1
                         : (arena.plan.getLowerBound() - 1) / bytesPerRow;
  os << llvm::formatv("    time -> (1 column = {0} step{1}), address ^ (1 row "
                      "= {2} B):\n",
                      stepsPerColumn, stepsPerColumn == 1 ? "" : "s",
                      bytesPerRow);
  for (int64_t row = rows - 1; row >= 0; --row)
    os << "    |" << grid[row] << "|"
       << (row == boundRow ? " <- lower bound" : "") << "\n";
  os << "    +" << std::string(columns, '-') << "+\n";
  int64_t peakColumn = static_cast<int64_t>(arena.peak.time) / stepsPerColumn;
  os << "     " << std::string(std::min(peakColumn, columns - 1), ' ')
     << llvm::formatv("^ peak: step {0}, {1} B live\n", arena.peak.time,
                      arena.peak.bytes);
  os << "    c convolution, m matmul, e elementwise, r reduction, p pooling, "
        "f fill, d data movement, t transfer, o other, # not written by a "
        "layer\n";
}

void printLayer(raw_ostream &os, const LayerReport &layer) {
  os << llvm::formatv("    {0} {1} at {2}: {3} FLOPs, {4} B out, {5} B "
                      "live{6}\n",
                      layer.device, layer.name, layer.location,
                      layer.cost.flops, layer.cost.outputBytes, layer.liveBytes,
                      layer.cost.known ? "" : " (dynamically shaped)");
}

/// The bytes of `device`'s arena in `report`'s program (0 without one).
int64_t getDeviceArenaBytes(const FunctionReport &report, StringRef device) {
  for (const ArenaReport &arena : report.arenas)
    if (arena.plan.getDevice() == device)
      return arena.plan.getSize();
  return 0;
}

void printText(raw_ostream &os, ArrayRef<FunctionReport> reports,
               ReportSelection selection) {
  os << "memplan report\n";
  int64_t totalArena = 0, totalBound = 0;
  for (const FunctionReport &report : reports) {
    os << "@" << report.name << "\n";
    for (const ArenaReport &entry : report.arenas) {
      ArenaAttr arena = entry.plan;
      os << llvm::formatv("  arena {0}: {1} buffers, no reuse {2} B, lower "
                          "bound {3} B, arena {4} B, arena/lower bound "
                          "{5:F3}\n",
                          arena.getDevice(), arena.getBuffers(),
                          arena.getNoReuse(), arena.getLowerBound(),
                          arena.getSize(), ratio(arena));
      if (entry.target)
        os << llvm::formatv("    capacity {0} B ({1} B reserved), {2} "
                            "reserved B used\n",
                            entry.target.getCapacity(),
                            entry.target.getReserved(),
                            entry.getReservedBytesUsed());
      if (selection.picture)
        printPicture(os, report, entry);
      totalArena += arena.getSize();
      totalBound += arena.getLowerBound();
    }
    os << llvm::formatv("  heap: {0} static allocations ({1} B), {2} "
                        "dynamic\n",
                        report.heapAllocations, report.heapBytes,
                        report.dynamicAllocations);
    os << llvm::formatv("  copies: {0} ({1} B), {2} more planned in place\n",
                        report.copies, report.copyBytes, report.copiesInPlace);
    os << llvm::formatv("  in place: {0} results written over a dying "
                        "input ({1} B saved)\n",
                        report.inPlaceBuffers, report.inPlaceBytes);
    for (const DeviceReport &device : report.devices) {
      os << llvm::formatv("  device {0}: {1} layers, {2} FLOPs, {3} B of "
                          "outputs, {4} transfers in ({5} B)",
                          device.name, device.layers, device.flops,
                          device.outputBytes, device.transfersIn,
                          device.transferBytesIn);
      if (device.unknownCostLayers)
        os << llvm::formatv(", {0} layers dynamically shaped (counted in "
                            "part)",
                            device.unknownCostLayers);
      os << "\n";
      int64_t arenaBytes = getDeviceArenaBytes(report, device.name);
      os << llvm::formatv("    memory: weights {0} B + arena {1} B + heap {2} "
                          "B = {3} B\n",
                          device.weightBytes, arenaBytes, device.heapBytes,
                          device.weightBytes + arenaBytes + device.heapBytes);
    }
    if (selection.modelLayers && !report.modelLayers.empty()) {
      os << "  model layers: " << report.modelLayers.size() << "\n";
      for (const ModelLayerReport &layer : report.modelLayers)
        os << llvm::formatv("    {0} {1}: {2} FLOPs, {3} B out, {4} B live, "
                            "{5} B weights ({6} ops)\n",
                            layer.device, layer.name, layer.flops,
                            layer.outputBytes, layer.liveBytes,
                            layer.weightBytes, layer.operations);
    }
    if (selection.all) {
      os << "  layers:\n";
      for (const LayerReport &layer : report.layers)
        printLayer(os, layer);
    } else if (selection.flopsThreshold > 0) {
      os << "  layers above " << selection.flopsThreshold << " FLOPs:\n";
      for (const LayerReport &layer : report.layers)
        if (layer.cost.flops > selection.flopsThreshold)
          printLayer(os, layer);
    }
  }
  os << llvm::formatv("total: arena {0} B, lower bound {1} B\n", totalArena,
                      totalBound);
}

/// The JSON report's schema version (docs/report-schema.json): bumped when
/// a key changes meaning or goes away, not when one is added.
constexpr int64_t kJsonSchemaVersion = 1;

/// A ratio always with a fractional part, so that readers never see an
/// integer where a ratio is meant.
void writeRatio(llvm::json::OStream &json, double value) {
  json.rawValue(llvm::formatv("{0:F6}", value).str());
}

/// `key`: `value`, or null without one.
template <typename T>
void writeOptionalAttribute(llvm::json::OStream &json, StringRef key,
                            const std::optional<T> &value) {
  if (value)
    json.attribute(key, *value);
  else
    json.attribute(key, nullptr);
}

void writeStepOp(llvm::json::OStream &json, const StepOp &op) {
  json.object([&] {
    json.attribute("name", op.name);
    json.attribute("location", op.location);
  });
}

/// The report as JSON, keys in a fixed order (docs/report.md).
void printJson(raw_ostream &os, ArrayRef<FunctionReport> reports,
               ReportSelection selection) {
  llvm::json::OStream json(os, /*IndentSize=*/2);
  int64_t totalArena = 0, totalBound = 0;
  json.object([&] {
    json.attribute("schema", "memplan-report");
    json.attribute("version", kJsonSchemaVersion);
    json.attributeArray("functions", [&] {
      for (const FunctionReport &report : reports)
        json.object([&] {
          json.attribute("name", report.name);
          json.attribute("steps", report.steps);
          json.attributeArray("arenas", [&] {
            for (const ArenaReport &entry : report.arenas) {
              ArenaAttr arena = entry.plan;
              totalArena += arena.getSize();
              totalBound += arena.getLowerBound();
              json.object([&] {
                json.attribute("device", arena.getDevice());
                json.attribute("buffers", arena.getBuffers());
                json.attribute("arena_bytes", arena.getSize());
                json.attribute("lower_bound_bytes", arena.getLowerBound());
                json.attribute("no_reuse_bytes", arena.getNoReuse());
                json.attributeBegin("arena_over_lower_bound");
                writeRatio(json, ratio(arena));
                json.attributeEnd();
                json.attribute("alignment", arena.getAlignment());
                auto target = entry.target;
                writeOptionalAttribute(
                    json, "capacity_bytes",
                    target ? std::optional<int64_t>(target.getCapacity())
                           : std::nullopt);
                writeOptionalAttribute(
                    json, "reserved_bytes",
                    target ? std::optional<int64_t>(target.getReserved())
                           : std::nullopt);
                json.attribute("reserved_bytes_used",
                               entry.getReservedBytesUsed());
                json.attribute("peak_step",
                               static_cast<int64_t>(entry.peak.time));
                json.attribute("peak_bytes",
                               static_cast<int64_t>(entry.peak.bytes));
              });
            }
          });
          json.attribute("heap_allocations", report.heapAllocations);
          json.attribute("heap_bytes", report.heapBytes);
          json.attribute("dynamic_allocations", report.dynamicAllocations);
          json.attribute("copies", report.copies);
          json.attribute("copy_bytes", report.copyBytes);
          json.attribute("copies_in_place", report.copiesInPlace);
          json.attribute("in_place_buffers", report.inPlaceBuffers);
          json.attribute("in_place_bytes", report.inPlaceBytes);
          json.attributeArray("devices", [&] {
            for (const DeviceReport &device : report.devices)
              json.object([&] {
                json.attribute("name", device.name);
                json.attribute("layers", device.layers);
                json.attribute("flops", device.flops);
                json.attribute("output_bytes", device.outputBytes);
                json.attribute("transfers_in", device.transfersIn);
                json.attribute("transfer_bytes_in", device.transferBytesIn);
                int64_t arenaBytes = getDeviceArenaBytes(report, device.name);
                json.attribute("weight_bytes", device.weightBytes);
                json.attribute("arena_bytes", arenaBytes);
                json.attribute("heap_bytes", device.heapBytes);
                json.attribute("total_bytes", device.weightBytes + arenaBytes +
                                                  device.heapBytes);
                json.attribute("unknown_cost_layers", device.unknownCostLayers);
              });
          });
          json.attributeArray("layers", [&] {
            for (auto [index, layer] : llvm::enumerate(report.layers))
              json.object([&] {
                json.attribute("index", static_cast<int64_t>(index));
                json.attribute("device", layer.device);
                json.attribute("op", layer.name);
                json.attribute("kind", layer.kind);
                json.attribute("location", layer.location);
                json.attribute("step", layer.step);
                json.attribute("flops", layer.cost.flops);
                json.attribute("output_bytes", layer.cost.outputBytes);
                json.attribute("live_bytes", layer.liveBytes);
                json.attribute("cost_known", layer.cost.known);
                json.attribute("above_threshold",
                               selection.flopsThreshold > 0 &&
                                   layer.cost.flops > selection.flopsThreshold);
                writeOptionalAttribute(json, "transfer_to", layer.transferTo);
                json.attribute("model_layer", layer.modelLayer);
              });
          });
          json.attributeArray("model_layers", [&] {
            for (const ModelLayerReport &layer : report.modelLayers)
              json.object([&] {
                json.attribute("name", layer.name);
                json.attribute("device", layer.device);
                json.attribute("operations", layer.operations);
                json.attribute("flops", layer.flops);
                json.attribute("output_bytes", layer.outputBytes);
                json.attribute("live_bytes", layer.liveBytes);
                json.attribute("weight_bytes", layer.weightBytes);
              });
          });
          json.attributeArray("buffers", [&] {
            for (const BufferReport &buffer : report.buffers)
              json.object([&] {
                json.attribute("id", buffer.id);
                json.attribute("device", buffer.device);
                json.attribute("size_bytes", buffer.size);
                json.attribute("offset", buffer.offset);
                json.attribute("start", buffer.start);
                json.attribute("end", buffer.end);
                json.attributeBegin("start_op");
                writeStepOp(json, buffer.startOp);
                json.attributeEnd();
                json.attributeBegin("end_op");
                writeStepOp(json, buffer.endOp);
                json.attributeEnd();
                json.attribute("uses", buffer.uses);
                writeOptionalAttribute(json, "in_place_of", buffer.inPlaceOf);
                writeOptionalAttribute(
                    json, "layer",
                    buffer.layer ? std::optional<int64_t>(*buffer.layer)
                                 : std::nullopt);
              });
          });
        });
    });
    json.attributeObject("total", [&] {
      json.attribute("arena_bytes", totalArena);
      json.attribute("lower_bound_bytes", totalBound);
      json.attributeBegin("arena_over_lower_bound");
      writeRatio(json, totalBound == 0
                           ? 1.0
                           : static_cast<double>(totalArena) / totalBound);
      json.attributeEnd();
    });
  });
  os << "\n";
}

/// The page's script: draws every arena from the embedded JSON report.
constexpr const char *kPlanPageScript = R"js(
'use strict';
const errors = [];
window.addEventListener('error', (event) => {
  errors.push(String(event.message));
  document.body.dataset.errors = String(errors.length);
});
const kindColors = {
  'convolution': '#4e79a7', 'matmul': '#f28e2b', 'elementwise': '#59a14f',
  'reduction': '#e15759', 'pooling': '#76b7b2', 'fill': '#edc948',
  'data-movement': '#b07aa1', 'transfer': '#ff9da7', 'other': '#9c755f',
  'none': '#bab0ac'};
const svgNS = 'http://www.w3.org/2000/svg';
function svg(tag, attributes, parent) {
  const element = document.createElementNS(svgNS, tag);
  for (const [key, value] of Object.entries(attributes))
    element.setAttribute(key, String(value));
  if (parent) parent.appendChild(element);
  return element;
}
function text(tag, content, parent, className) {
  const element = document.createElement(tag);
  element.textContent = content;
  if (className) element.className = className;
  parent.appendChild(element);
  return element;
}
function bytes(n) {
  if (n >= 1 << 20) return (n / (1 << 20)).toFixed(2) + ' MiB';
  if (n >= 1 << 10) return (n / (1 << 10)).toFixed(1) + ' KiB';
  return n + ' B';
}
const report = JSON.parse(document.getElementById('plan-data').textContent);
const root = document.getElementById('plans');
const details = document.getElementById('details');
const legend = document.getElementById('legend');
for (const [kind, color] of Object.entries(kindColors)) {
  const item = text('span', kind === 'none' ? 'not written by a layer' : kind,
                    legend, 'legend-item');
  item.style.borderLeft = '14px solid ' + color;
}
let drawn = 0;
for (const func of report.functions) {
  text('h2', '@' + func.name, root);
  for (const arena of func.arenas) {
    const section = document.createElement('section');
    section.className = 'arena';
    root.appendChild(section);
    text('h3', 'arena ' + arena.device + ': ' + bytes(arena.arena_bytes) +
         ', lower bound ' + bytes(arena.lower_bound_bytes) + ', ' +
         arena.buffers + ' buffers, arena / lower bound ' +
         arena.arena_over_lower_bound.toFixed(3) +
         (arena.capacity_bytes === null ? '' :
          ', capacity ' + bytes(arena.capacity_bytes)), section);
    const width = 960, height = 320, left = 70, right = 20, top = 10,
          bottom = 40;
    const plotWidth = width - left - right, plotHeight = height - top - bottom;
    const steps = Math.max(1, func.steps);
    const size = Math.max(1, arena.arena_bytes);
    const x = (step) => left + step / steps * plotWidth;
    const y = (address) => top + plotHeight - address / size * plotHeight;
    const picture = svg('svg', {width: width, height: height,
                                viewBox: `0 0 ${width} ${height}`,
                                class: 'plan',
                                'data-device': arena.device}, section);
    svg('rect', {x: left, y: top, width: plotWidth, height: plotHeight,
                 class: 'frame'}, picture);
    for (const buffer of func.buffers) {
      if (buffer.device !== arena.device) continue;
      const layer = buffer.layer === null ? null : func.layers[buffer.layer];
      const kind = layer ? layer.kind : 'none';
      const rect = svg('rect', {
        x: x(buffer.start), y: y(buffer.offset + buffer.size_bytes),
        width: Math.max(1, x(buffer.end) - x(buffer.start)),
        height: Math.max(1, y(buffer.offset) - y(buffer.offset +
                                                buffer.size_bytes)),
        fill: kindColors[kind], class: 'buffer',
        'data-id': buffer.id}, picture);
      const description =
          `buffer ${buffer.id}: ${bytes(buffer.size_bytes)} at offset ` +
          `${buffer.offset}, steps [${buffer.start}, ${buffer.end}) from ` +
          `${buffer.start_op.name} to ${buffer.end_op.name}, ` +
          `${buffer.uses} uses` +
          (buffer.in_place_of === null ? '' :
           `, in place of buffer ${buffer.in_place_of}`) +
          (layer ? `; written by ${layer.op} (${layer.kind}) at ` +
                   layer.location : '');
      svg('title', {}, rect).textContent = description;
      rect.addEventListener('mouseenter', () => {
        details.textContent = description;
      });
      ++drawn;
    }
    const bound = y(arena.lower_bound_bytes);
    svg('line', {x1: left, x2: left + plotWidth, y1: bound, y2: bound,
                 class: 'lower-bound'}, picture);
    svg('text', {x: left + plotWidth - 4, y: bound - 4, 'text-anchor': 'end',
                 class: 'label'}, picture).textContent =
        'lower bound ' + bytes(arena.lower_bound_bytes);
    const peak = x(arena.peak_step + 0.5);
    svg('line', {x1: peak, x2: peak, y1: top, y2: top + plotHeight,
                 class: 'peak'}, picture);
    svg('text', {x: peak + 4, y: top + 12, class: 'label'},
        picture).textContent = `peak: step ${arena.peak_step}, ` +
                               bytes(arena.peak_bytes) + ' live';
    for (const layer of func.layers) {
      if (layer.transfer_to === null) continue;
      if (layer.device !== arena.device && layer.transfer_to !== arena.device)
        continue;
      const at = x(layer.step + 0.5), base = top + plotHeight;
      const mark = svg('path', {
        d: `M ${at - 5} ${base + 12} L ${at + 5} ${base + 12} L ${at} ${base + 3} Z`,
        class: 'transfer'}, picture);
      svg('title', {}, mark).textContent =
          `transfer from ${layer.device} to ${layer.transfer_to} at step ` +
          `${layer.step}: ${bytes(layer.output_bytes)}`;
    }
    svg('text', {x: left + plotWidth / 2, y: height - 8, 'text-anchor': 'middle',
                 class: 'label'}, picture).textContent =
        `time (${func.steps} steps) ->`;
    svg('text', {x: 12, y: top + plotHeight / 2, class: 'label',
                 transform: `rotate(-90 12 ${top + plotHeight / 2})`,
                 'text-anchor': 'middle'}, picture).textContent = 'address';
    svg('text', {x: left - 4, y: top + 10, 'text-anchor': 'end',
                 class: 'label'}, picture).textContent =
        bytes(arena.arena_bytes);
    svg('text', {x: left - 4, y: top + plotHeight, 'text-anchor': 'end',
                 class: 'label'}, picture).textContent = '0';
  }
}
document.body.dataset.buffers = String(drawn);
document.body.dataset.ready = 'true';
)js";

constexpr const char *kPlanPageStyle = R"css(
body { font-family: sans-serif; margin: 1em 2em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.2em; } h3 { font-size: 1em; }
#details { position: sticky; top: 0; background: #f4f4f4; padding: 0.5em;
           min-height: 1.5em; font-family: monospace; }
.legend-item { display: inline-block; margin: 0 1em 0.3em 0;
               padding-left: 0.4em; }
svg.plan { border: 1px solid #ccc; background: #fff; }
rect.frame { fill: #fafafa; stroke: #999; }
rect.buffer { stroke: #fff; stroke-width: 0.5; }
rect.buffer:hover { stroke: #000; stroke-width: 1.5; }
line.lower-bound { stroke: #d00; stroke-dasharray: 6 3; }
line.peak { stroke: #333; stroke-dasharray: 2 3; }
path.transfer { fill: #c00; }
text.label { font-size: 11px; fill: #333; }
)css";

/// One self-contained page (no network access): the JSON report and a
/// script that draws every arena from it.
void printHtml(raw_ostream &os, ArrayRef<FunctionReport> reports,
               ReportSelection selection) {
  std::string json;
  llvm::raw_string_ostream jsonStream(json);
  printJson(jsonStream, reports, selection);
  // Inside <script>, "</" could end the element; "<\/" is the same JSON.
  std::string escaped;
  for (size_t i = 0; i < json.size(); ++i) {
    escaped += json[i];
    if (json[i] == '<' && i + 1 < json.size() && json[i + 1] == '/')
      escaped += '\\';
  }
  os << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
        "charset=\"utf-8\">\n"
     << "<title>memplan plan</title>\n<style>" << kPlanPageStyle
     << "</style>\n</head>\n<body data-errors=\"0\">\n<h1>memplan plan</h1>\n"
     << "<p>Each arena: time to the right, address up; every planned buffer "
        "is a rectangle coloured by the kind of the layer that writes it "
        "(hover for its details). The dashed red line is the lower bound, "
        "the dotted one the peak moment; triangles are transfers between "
        "devices.</p>\n"
     << "<div id=\"legend\"></div>\n<div id=\"details\">hover over a "
        "buffer</div>\n<div id=\"plans\"></div>\n"
     << "<script type=\"application/json\" id=\"plan-data\">\n"
     << escaped << "</script>\n<script>" << kPlanPageScript
     << "</script>\n</body>\n</html>\n";
}

/// Writes the buffers of one arena as the planner saw them: one row per
/// block, in-place groups merged (ids joined by '+'), with their offsets.
LogicalResult writeProblemCsv(FunctionOpInterface root,
                              const ProgramStructure &programs, ArenaAttr plan,
                              StringRef path) {
  SmallVector<BufferAttr> buffers;
  for (FunctionOpInterface func : programs.getFunctions(root))
    func->walk([&](memref::ViewOp view) {
      auto attr =
          view->getAttrOfType<BufferAttr>(MemPlanDialect::kBufferAttrName);
      if (attr && attr.getDeviceName() == plan.getDevice())
        buffers.push_back(attr);
    });
  llvm::sort(buffers,
             [](BufferAttr a, BufferAttr b) { return a.getId() < b.getId(); });
  DenseMap<int64_t, unsigned> indexOfId;
  for (auto [index, attr] : llvm::enumerate(buffers))
    indexOfId[attr.getId()] = index;
  llvm::EquivalenceClasses<unsigned> groups;
  for (auto [index, attr] : llvm::enumerate(buffers)) {
    groups.insert(index);
    if (std::optional<int64_t> donor = attr.getInPlaceOf())
      if (auto it = indexOfId.find(*donor); it != indexOfId.end())
        groups.unionSets(index, it->second);
  }
  std::string error;
  std::unique_ptr<llvm::ToolOutputFile> file = openOutputFile(path, &error);
  if (!file)
    return root.emitError()
           << "memplan-report: cannot write '" << path << "': " << error;
  // One row per block, in the order of the blocks' first buffers.
  SmallVector<SmallVector<unsigned>> blocks;
  for (auto it = groups.begin(); it != groups.end(); ++it) {
    if (!(*it)->isLeader())
      continue;
    SmallVector<unsigned> members(groups.member_begin(**it),
                                  groups.member_end());
    llvm::sort(members);
    blocks.push_back(std::move(members));
  }
  llvm::sort(blocks, [](const SmallVector<unsigned> &a,
                        const SmallVector<unsigned> &b) {
    return a.front() < b.front();
  });
  raw_ostream &os = file->os();
  os << "id,lower,upper,size,alignment,offset\n";
  for (const SmallVector<unsigned> &members : blocks) {
    std::string id;
    int64_t lower = INT64_MAX, upper = 0, size = 0, offset = 0;
    for (unsigned member : members) {
      BufferAttr attr = buffers[member];
      id += (id.empty() ? "" : "+") + std::to_string(attr.getId());
      lower = std::min(lower, attr.getStart());
      upper = std::max(upper, attr.getEnd());
      size = std::max(size, attr.getSize());
      offset = attr.getOffset().value_or(0);
    }
    os << id << ',' << lower << ',' << upper << ',' << size << ','
       << plan.getAlignment() << ',' << offset << '\n';
  }
  file->keep();
  return success();
}

struct MemPlanReportPass
    : public mlir::memplan::impl::MemPlanReportPassBase<MemPlanReportPass> {
  using Base::Base;

  /// Checked before any pass of the pipeline runs.
  LogicalResult initialize(MLIRContext *context) override {
    if (flopsThreshold < 0)
      return emitError(UnknownLoc::get(context))
             << "memplan-report: flops-threshold must be non-negative, got "
             << static_cast<int64_t>(flopsThreshold);
    return success();
  }

  void runOnOperation() override {
    std::vector<FunctionReport> reports;
    const auto &programs = getAnalysis<ProgramStructure>();
    for (FunctionOpInterface root : programs.getRoots())
      reports.push_back(summarize(root, programs));

    ReportSelection selection{layers, flopsThreshold, picture, modelLayers};
    auto print = [&](raw_ostream &os) {
      switch (format) {
      case ReportFormat::Text:
        return printText(os, reports, selection);
      case ReportFormat::Json:
        return printJson(os, reports, selection);
      case ReportFormat::Html:
        return printHtml(os, reports, selection);
      }
    };
    // Never on stdout unless asked: that is where the IR goes.
    if (output.empty()) {
      print(llvm::errs());
      llvm::errs().flush();
    } else {
      std::string error;
      std::unique_ptr<llvm::ToolOutputFile> file =
          openOutputFile(output, &error);
      if (!file) {
        getOperation().emitError()
            << "memplan-report: cannot open '" << output << "': " << error;
        return signalPassFailure();
      }
      print(file->os());
      file->os().flush();
      file->keep();
    }

    if (!csvDir.empty()) {
      if (std::error_code ec = llvm::sys::fs::create_directories(csvDir)) {
        getOperation().emitError() << "memplan-report: cannot create '"
                                   << csvDir << "': " << ec.message();
        return signalPassFailure();
      }
      for (FunctionOpInterface root : programs.getRoots()) {
        SmallVector<ArenaOp> arenas(root.getFunctionBody().getOps<ArenaOp>());
        for (ArenaOp arena : arenas) {
          SmallString<128> path(csvDir);
          llvm::sys::path::append(path, root.getName() + "." +
                                            arena.getPlan().getDevice() +
                                            ".csv");
          if (failed(writeProblemCsv(root, programs, arena.getPlan(), path)))
            return signalPassFailure();
        }
      }
    }
    markAllAnalysesPreserved();
  }
};
} // namespace
