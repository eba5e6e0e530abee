//===- Report.cpp - memplan-report ----------------------------------------===//

#include "memplan/Analysis/BufferLiveness.h"
#include "memplan/Analysis/OpCost.h"
#include "memplan/Transforms/Passes.h"

#include "mlir/Support/FileUtilities.h"
#include "llvm/ADT/EquivalenceClasses.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/ToolOutputFile.h"

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
  std::string location;
  OpCost cost;
  /// Bytes of the device's arena live while the layer runs.
  int64_t liveBytes = 0;
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
};

struct FunctionReport {
  std::string name;
  SmallVector<ArenaAttr> arenas;
  SmallVector<DeviceReport> devices;
  SmallVector<LayerReport> layers;
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

  for (FunctionOpInterface func : programs.getFunctions(root)) {
    StringRef device = getFunctionDevice(func).getValue();
    func->walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (op == func.getOperation() || !isComputeOp(op))
        return WalkResult::advance();
      LayerReport layer;
      layer.device = device.str();
      layer.name = op->getName().getStringRef().str();
      llvm::raw_string_ostream(layer.location) << op->getLoc();
      layer.cost = estimateCost(op);
      int64_t step = liveness.getSpan(op).first;
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
      if (auto route =
              op->getAttrOfType<TransferAttr>(MemPlanDialect::kTransferAttrName)) {
        DeviceReport &to = deviceReport(route.getTo().getValue());
        ++to.transfersIn;
        to.transferBytesIn += layer.cost.outputBytes;
      }
      report.layers.push_back(std::move(layer));
      // What a layer contains is part of it.
      return WalkResult::skip();
    });
  }
  for (FunctionOpInterface func : programs.getFunctions(root))
  func->walk([&](Operation *op) {
    if (auto arena = dyn_cast<ArenaOp>(op)) {
      if (func == root)
        report.arenas.push_back(arena.getPlan());
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
          cast<ShapedType>(op->getOperand(op->getNumOperands() - 1).getType()),
          op);
    }
    if (auto copy = dyn_cast<memref::CopyOp>(op); copy && isCopyOntoItself(copy)) {
      ++report.copiesInPlace;
      return;
    }
    if (isa<memref::CopyOp, linalg::CopyOp>(op)) {
      ++report.copies;
      report.copyBytes += getStaticBytes(
          cast<ShapedType>(op->getOperand(op->getNumOperands() - 1).getType()),
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
    if (std::optional<int64_t> size = getArenaBufferSize(type, op))
      report.heapBytes += *size;
  });
  return report;
}

double ratio(ArenaAttr arena) {
  return arena.getLowerBound() == 0
             ? 1.0
             : static_cast<double>(arena.getSize()) / arena.getLowerBound();
}

/// Which layers the text report lists.
struct LayerSelection {
  bool all = false;
  int64_t flopsThreshold = 0;
};

void printLayer(raw_ostream &os, const LayerReport &layer) {
  os << llvm::formatv("    {0} {1} at {2}: {3} FLOPs, {4} B out, {5} B "
                      "live{6}\n",
                      layer.device, layer.name, layer.location,
                      layer.cost.flops, layer.cost.outputBytes,
                      layer.liveBytes,
                      layer.cost.known ? "" : " (dynamically shaped)");
}

void printText(raw_ostream &os, ArrayRef<FunctionReport> reports,
               LayerSelection selection) {
  os << "memplan report\n";
  int64_t totalArena = 0, totalBound = 0;
  for (const FunctionReport &report : reports) {
    os << "@" << report.name << "\n";
    for (ArenaAttr arena : report.arenas) {
      os << llvm::formatv("  arena {0}: {1} buffers, no reuse {2} B, lower "
                          "bound {3} B, arena {4} B, arena/lower bound "
                          "{5:F3}\n",
                          arena.getDevice(), arena.getBuffers(),
                          arena.getNoReuse(), arena.getLowerBound(),
                          arena.getSize(), ratio(arena));
      totalArena += arena.getSize();
      totalBound += arena.getLowerBound();
    }
    os << llvm::formatv("  heap: {0} static allocations ({1} B), {2} "
                        "dynamic\n",
                        report.heapAllocations, report.heapBytes,
                        report.dynamicAllocations);
    os << llvm::formatv("  copies: {0} ({1} B), {2} more planned in place\n",
                        report.copies, report.copyBytes,
                        report.copiesInPlace);
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

void printJson(raw_ostream &os, ArrayRef<FunctionReport> reports,
               LayerSelection selection) {
  llvm::json::Array functions;
  for (const FunctionReport &report : reports) {
    llvm::json::Array devices, layers;
    for (const DeviceReport &device : report.devices)
      devices.push_back(llvm::json::Object{
          {"name", device.name},
          {"layers", device.layers},
          {"flops", device.flops},
          {"output_bytes", device.outputBytes},
          {"transfers_in", device.transfersIn},
          {"transfer_bytes_in", device.transferBytesIn},
          {"unknown_cost_layers", device.unknownCostLayers},
      });
    for (const LayerReport &layer : report.layers)
      layers.push_back(llvm::json::Object{
          {"device", layer.device},
          {"op", layer.name},
          {"location", layer.location},
          {"flops", layer.cost.flops},
          {"output_bytes", layer.cost.outputBytes},
          {"live_bytes", layer.liveBytes},
          {"cost_known", layer.cost.known},
          {"above_threshold", selection.flopsThreshold > 0 &&
                                  layer.cost.flops > selection.flopsThreshold},
      });
    llvm::json::Array arenas;
    for (ArenaAttr arena : report.arenas)
      arenas.push_back(llvm::json::Object{
          {"device", arena.getDevice()},
          {"buffers", arena.getBuffers()},
          {"no_reuse_bytes", arena.getNoReuse()},
          {"lower_bound_bytes", arena.getLowerBound()},
          {"arena_bytes", arena.getSize()},
          {"alignment", arena.getAlignment()},
          {"arena_over_lower_bound", ratio(arena)},
      });
    functions.push_back(llvm::json::Object{
        {"name", report.name},
        {"arenas", std::move(arenas)},
        {"heap_allocations", report.heapAllocations},
        {"heap_bytes", report.heapBytes},
        {"dynamic_allocations", report.dynamicAllocations},
        {"copies", report.copies},
        {"copy_bytes", report.copyBytes},
        {"copies_in_place", report.copiesInPlace},
        {"in_place_buffers", report.inPlaceBuffers},
        {"in_place_bytes", report.inPlaceBytes},
        {"devices", std::move(devices)},
        {"layers", std::move(layers)},
    });
  }
  os << llvm::formatv(
            "{0:2}", llvm::json::Value(llvm::json::Object{
                         {"functions", std::move(functions)}}))
     << "\n";
}

/// Writes the buffers of one arena as the planner saw them: one row per
/// block, in-place groups merged (ids joined by '+'), with their offsets.
LogicalResult writeProblemCsv(FunctionOpInterface root,
                              const ProgramStructure &programs,
                              ArenaAttr plan, StringRef path) {
  SmallVector<BufferAttr> buffers;
  for (FunctionOpInterface func : programs.getFunctions(root))
    func->walk([&](memref::ViewOp view) {
      auto attr =
          view->getAttrOfType<BufferAttr>(MemPlanDialect::kBufferAttrName);
      if (attr && attr.getDeviceName() == plan.getDevice())
        buffers.push_back(attr);
    });
  llvm::sort(buffers, [](BufferAttr a, BufferAttr b) {
    return a.getId() < b.getId();
  });
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
    return root.emitError() << "memplan-report: cannot write '" << path
                            << "': " << error;
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

    std::string error;
    std::unique_ptr<llvm::ToolOutputFile> file =
        openOutputFile(output, &error);
    if (!file) {
      getOperation().emitError() << "memplan-report: cannot open '" << output
                                 << "': " << error;
      return signalPassFailure();
    }
    if (format == ReportFormat::Json)
      printJson(file->os(), reports, {layers, flopsThreshold});
    else
      printText(file->os(), reports, {layers, flopsThreshold});
    file->os().flush();
    file->keep();

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
