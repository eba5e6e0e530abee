//===- AssignOffsets.cpp - memplan-assign-offsets -------------------------===//
//
// Translates the #memplan.buffer annotations of a program (a function and
// the device sub-functions it calls) into one planner problem per device,
// solves them, checks each arena against its device's memory and writes the
// offsets back.
//
//===----------------------------------------------------------------------===//

#include "memplan/Analysis/BufferLiveness.h"
#include "memplan/Planner/Planner.h"
#include "memplan/Transforms/Passes.h"

#include "llvm/ADT/EquivalenceClasses.h"
#include "llvm/Support/Debug.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MathExtras.h"

namespace mlir {
namespace memplan {
#define GEN_PASS_DEF_MEMPLANASSIGNOFFSETSPASS
#include "memplan/Transforms/Passes.h.inc"
} // namespace memplan
} // namespace mlir

using namespace mlir;
using namespace mlir::memplan;

#define DEBUG_TYPE "memplan-assign-offsets"

namespace {

/// An annotated allocation of a program.
struct Annotated {
  Operation *op;
  BufferAttr attr;
};

/// The annotated allocations of `root`'s program, in program order.
SmallVector<Annotated> collectBuffers(FunctionOpInterface root,
                                      const ProgramStructure &programs) {
  SmallVector<Annotated> buffers;
  for (FunctionOpInterface func : programs.getFunctions(root))
    func->walk<WalkOrder::PreOrder>([&](Operation *op) {
      if (!isa<memref::AllocOp, memref::AllocaOp>(op))
        return;
      if (auto attr =
              op->getAttrOfType<BufferAttr>(MemPlanDialect::kBufferAttrName))
        buffers.push_back({op, attr});
    });
  return buffers;
}

struct MemPlanAssignOffsetsPass
    : public mlir::memplan::impl::MemPlanAssignOffsetsPassBase<
          MemPlanAssignOffsetsPass> {
  using Base::Base;

  /// Options are checked before any pass of the pipeline runs (in
  /// memplan-pipeline, before bufferization uses the same alignment).
  LogicalResult initialize(MLIRContext *context) override {
    if (alignment <= 0 || !llvm::isPowerOf2_64(alignment))
      return emitError(UnknownLoc::get(context))
             << "memplan alignment must be a positive power of two, got "
             << static_cast<int64_t>(alignment);
    if (!(timeLimit >= 0))
      return emitError(UnknownLoc::get(context))
             << "memplan time limit must be a non-negative number of "
                "seconds, got "
             << llvm::formatv("{0}", static_cast<double>(timeLimit));
    return success();
  }

  void runOnOperation() override {
    const auto &programs = getAnalysis<ProgramStructure>();
    for (FunctionOpInterface root : programs.getRoots())
      if (failed(planProgram(root, programs, strategy)))
        return signalPassFailure();
    // Offsets are attributes: functions and calls are unchanged.
    markAnalysesPreserved<ProgramStructure>();
  }

  LogicalResult planProgram(FunctionOpInterface root,
                            const ProgramStructure &programs,
                            planner::Strategy strategyKind) {
    for (FunctionOpInterface func : programs.getFunctions(root))
      func->removeAttr(MemPlanDialect::kArenasAttrName);
    SmallVector<Annotated> buffers = collectBuffers(root, programs);
    if (buffers.empty())
      return success();

    DenseMap<int64_t, unsigned> indexOfId;
    for (auto [index, entry] : llvm::enumerate(buffers)) {
      auto [it, inserted] = indexOfId.try_emplace(entry.attr.getId(), index);
      if (!inserted) {
        InFlightDiagnostic diag = entry.op->emitError()
                                  << "duplicate memplan buffer id "
                                  << entry.attr.getId();
        diag.attachNote(buffers[it->second].op->getLoc())
            << "first used here";
        return diag;
      }
    }
    // One arena per device: the host's first, then in order of appearance.
    SmallVector<StringRef> devices;
    for (const Annotated &entry : buffers)
      if (!llvm::is_contained(devices, entry.attr.getDeviceName()))
        devices.push_back(entry.attr.getDeviceName());
    std::stable_partition(devices.begin(), devices.end(), [](StringRef device) {
      return device == MemPlanDialect::kHostDeviceName;
    });

    SmallVector<Attribute> arenas;
    for (StringRef device : devices) {
      SmallVector<unsigned> members;
      for (auto [index, entry] : llvm::enumerate(buffers))
        if (entry.attr.getDeviceName() == device)
          members.push_back(index);
      FailureOr<ArenaAttr> arena =
          planDevice(root, device, buffers, members, indexOfId, strategyKind);
      if (failed(arena))
        return failure();
      arenas.push_back(*arena);
    }
    root->setAttr(MemPlanDialect::kArenasAttrName,
                  ArrayAttr::get(&getContext(), arenas));
    return success();
  }

  /// Plans the buffers `members` of one device; returns its arena.
  FailureOr<ArenaAttr> planDevice(FunctionOpInterface root, StringRef device,
                                  MutableArrayRef<Annotated> buffers,
                                  ArrayRef<unsigned> members,
                                  const DenseMap<int64_t, unsigned> &indexOfId,
                                  planner::Strategy strategyKind) {
    DeviceAttr target =
        MemPlanDialect::getTarget(root->getParentOp(), device);
    int64_t deviceAlignment = target ? target.getAlignment() : alignment;
    planner::Problem problem;
    DenseMap<unsigned, size_t> position;
    int64_t noReuse = 0;
    // The arena is aligned for its most demanding buffer.
    int64_t arenaAlignment = deviceAlignment;
    for (unsigned index : members) {
      BufferAttr attr = buffers[index].attr;
      position[index] = problem.buffers.size();
      planner::Buffer buffer;
      buffer.start = attr.getStart();
      buffer.end = attr.getEnd();
      buffer.size = attr.getSize();
      // An allocation may ask for more than the arena's alignment.
      buffer.alignment = deviceAlignment;
      if (auto asked =
              buffers[index].op->getAttrOfType<IntegerAttr>("alignment"))
        if (asked.getInt() > 0 && llvm::isPowerOf2_64(asked.getInt()))
          buffer.alignment = std::max<int64_t>(deviceAlignment, asked.getInt());
      arenaAlignment = std::max<int64_t>(arenaAlignment, buffer.alignment);
      problem.buffers.push_back(buffer);
    }
    // In-place chains share one offset.
    llvm::EquivalenceClasses<size_t> sameOffset;
    for (unsigned index : members) {
      const Annotated &entry = buffers[index];
      std::optional<int64_t> donor = entry.attr.getInPlaceOf();
      if (!donor)
        continue;
      auto it = indexOfId.find(*donor);
      if (it == indexOfId.end() || !position.count(it->second))
        return entry.op->emitError()
               << "memplan buffer " << entry.attr.getId()
               << " is in place of buffer " << *donor
               << ", which does not exist on device '" << device << "'";
      sameOffset.unionSets(position[index], position[it->second]);
    }
    for (auto it = sameOffset.begin(); it != sameOffset.end(); ++it) {
      if (!(*it)->isLeader())
        continue;
      std::vector<size_t> group(sameOffset.member_begin(**it),
                                sameOffset.member_end());
      if (group.size() > 1) {
        std::sort(group.begin(), group.end());
        problem.sameOffsetGroups.push_back(std::move(group));
      }
    }
    if (std::optional<std::string> error = planner::checkProblem(problem))
      return root.emitError() << "cannot plan the arena of device '" << device
                              << "': " << *error;
    // Without reuse every buffer has its own aligned block; checkProblem
    // bounds the sum of sizes and alignments by kMaxBytes.
    for (const planner::Buffer &buffer : problem.buffers)
      noReuse += llvm::alignTo(buffer.size, buffer.alignment);

    planner::SolveOptions options;
    options.strategy = strategyKind;
    options.timeLimitSeconds = timeLimit;
    planner::Solution solution = planner::solve(problem, options);
    LLVM_DEBUG(llvm::dbgs()
               << "@" << root.getName() << ", device '" << device
               << "': " << problem.buffers.size() << " buffers, "
               << problem.sameOffsetGroups.size()
               << " in-place groups; strategy "
               << planner::strategyName(solution.producedBy) << ": peak "
               << solution.peak << " B, lower bound " << solution.lowerBound
               << " B, no reuse " << noReuse << " B"
               << (solution.provenOptimal ? ", optimal" : "") << ", work "
               << solution.work << "\n");
    if (std::optional<std::string> error =
            planner::validateSolution(problem, solution.offsets))
      return root.emitError() << "memplan planner produced an invalid plan: "
                              << *error;
    // A corrupted plan keeps the arena of the real one.
    uint64_t peak = planner::computePeak(problem, solution.offsets);
    if (peak > static_cast<uint64_t>(INT64_MAX))
      return root.emitError() << "the plan for device '" << device
                              << "' needs more than 2^63 bytes";
    int64_t size = peak;
    if (target && failed(checkCapacity(root, target, size, problem, buffers,
                                       members)))
      return failure();
    if (testForceOverlap)
      forceOverlap(problem, solution, buffers, members);

    MLIRContext *ctx = &getContext();
    for (unsigned index : members) {
      Annotated &entry = buffers[index];
      BufferAttr attr = entry.attr;
      entry.attr = BufferAttr::get(
          ctx, attr.getId(), attr.getSize(), attr.getStart(), attr.getEnd(),
          attr.getUses(),
          static_cast<int64_t>(solution.offsets[position[index]]),
          attr.getInPlaceOf(), attr.getDevice());
      entry.op->setAttr(MemPlanDialect::kBufferAttrName, entry.attr);
      LLVM_DEBUG(llvm::dbgs()
                 << "  buffer " << attr.getId() << ": " << attr.getSize()
                 << " B at offset " << *entry.attr.getOffset() << ", steps ["
                 << attr.getStart() << ", " << attr.getEnd() << ")\n");
    }
    numBuffers += members.size();
    arenaBytes += size;
    lowerBoundBytes += solution.lowerBound;
    noReuseBytes += noReuse;
    return ArenaAttr::get(ctx, device, size, arenaAlignment,
                          solution.lowerBound, noReuse, members.size());
  }

  /// A plan first targets the device's memory minus its reserve; it may use
  /// the reserve (with a warning), never more than the capacity.
  LogicalResult checkCapacity(FunctionOpInterface root, DeviceAttr target,
                              int64_t size, const planner::Problem &problem,
                              ArrayRef<Annotated> buffers,
                              ArrayRef<unsigned> members) {
    int64_t capacity = target.getCapacity();
    int64_t targetMemory = capacity - target.getReserved();
    StringRef device = target.getName().getValue();
    if (size <= targetMemory)
      return success();
    if (size <= capacity) {
      root.emitWarning() << "the plan for device '" << device << "' needs "
                         << size << " bytes, more than its target memory of "
                         << targetMemory << " bytes: it uses "
                         << size - targetMemory << " of its "
                         << target.getReserved() << " reserved bytes";
      return success();
    }
    auto [step, liveBytes] = planner::findPeakMoment(problem);
    SmallVector<unsigned> live;
    for (auto [position, index] : llvm::enumerate(members))
      if (problem.buffers[position].start <= step &&
          step < problem.buffers[position].end)
        live.push_back(index);
    llvm::stable_sort(live, [&](unsigned a, unsigned b) {
      return buffers[a].attr.getSize() > buffers[b].attr.getSize();
    });
    InFlightDiagnostic diag =
        root.emitError()
        << "the plan for device '" << device << "' needs " << size
        << " bytes, more than its capacity of " << capacity << " bytes ("
        << target.getReserved() << " of them reserved); at step " << step
        << ", its peak, " << liveBytes << " bytes of " << live.size()
        << " buffers are live, the largest:";
    for (unsigned index : llvm::ArrayRef(live).take_front(3))
      diag.attachNote(buffers[index].op->getLoc())
          << "buffer " << buffers[index].attr.getId() << ": "
          << buffers[index].attr.getSize() << " bytes, live at steps ["
          << buffers[index].attr.getStart() << ", "
          << buffers[index].attr.getEnd() << ")";
    return failure();
  }

  /// Testing only: moves a buffer onto an earlier one (in program order) that
  /// is live at the same time; in-place groups are left alone.
  void forceOverlap(const planner::Problem &problem,
                    planner::Solution &solution,
                    ArrayRef<Annotated> buffers, ArrayRef<unsigned> members) {
    std::vector<bool> grouped(problem.buffers.size(), false);
    for (const std::vector<size_t> &group : problem.sameOffsetGroups)
      for (size_t member : group)
        grouped[member] = true;
    SmallVector<std::pair<size_t, size_t>> pairs;
    for (size_t b = 0; b < problem.buffers.size(); ++b) {
      for (size_t a = 0; a < b; ++a) {
        const planner::Buffer &x = problem.buffers[a], &y = problem.buffers[b];
        if (grouped[a] || grouped[b] || x.end <= y.start || y.end <= x.start ||
            x.size == 0 || y.size == 0)
          continue;
        pairs.push_back({a, b});
        if (!testCorruptSeed)
          break;
      }
      if (!pairs.empty() && !testCorruptSeed)
        break;
    }
    if (pairs.empty())
      return;
    // SplitMix64 of the seed: the same pair on every machine.
    uint64_t z = testCorruptSeed * 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    auto [a, b] = pairs[(z ^ (z >> 31)) % pairs.size()];
    solution.offsets[b] = solution.offsets[a];
    buffers[members[b]].op->emitWarning()
        << "test-force-overlap: buffer " << buffers[members[b]].attr.getId()
        << " placed over buffer " << buffers[members[a]].attr.getId()
        << ", which is live at the same time";
  }
};
} // namespace
