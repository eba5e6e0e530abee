//===- Report.cpp - memplan-report ----------------------------------------===//

#include "memplan/Analysis/BufferLiveness.h"
#include "memplan/Transforms/Passes.h"

#include "mlir/Support/FileUtilities.h"
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

struct FunctionReport {
  std::string name;
  SmallVector<ArenaAttr> arenas;
  int64_t heapAllocations = 0;
  int64_t heapBytes = 0;
  int64_t dynamicAllocations = 0;
};

FunctionReport summarize(FunctionOpInterface func) {
  FunctionReport report;
  report.name = func.getName().str();
  func->walk([&](Operation *op) {
    if (auto arena = dyn_cast<ArenaOp>(op)) {
      report.arenas.push_back(arena.getPlan());
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

void printText(raw_ostream &os, ArrayRef<FunctionReport> reports) {
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
  }
  os << llvm::formatv("total: arena {0} B, lower bound {1} B\n", totalArena,
                      totalBound);
}

void printJson(raw_ostream &os, ArrayRef<FunctionReport> reports) {
  llvm::json::Array functions;
  for (const FunctionReport &report : reports) {
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
    });
  }
  os << llvm::formatv(
            "{0:2}", llvm::json::Value(llvm::json::Object{
                         {"functions", std::move(functions)}}))
     << "\n";
}

struct MemPlanReportPass
    : public memplan::impl::MemPlanReportPassBase<MemPlanReportPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<FunctionReport> reports;
    for (auto func : getOperation().getOps<FunctionOpInterface>())
      if (!func.isExternal())
        reports.push_back(summarize(func));

    std::string error;
    std::unique_ptr<llvm::ToolOutputFile> file =
        openOutputFile(output, &error);
    if (!file) {
      getOperation().emitError() << "memplan-report: cannot open '" << output
                                 << "': " << error;
      return signalPassFailure();
    }
    if (format == ReportFormat::Json)
      printJson(file->os(), reports);
    else
      printText(file->os(), reports);
    file->os().flush();
    file->keep();
    markAllAnalysesPreserved();
  }
};
} // namespace
