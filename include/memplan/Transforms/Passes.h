//===- Passes.h - memplan passes and pipelines ------------------*- C++ -*-===//

#ifndef MEMPLAN_TRANSFORMS_PASSES_H
#define MEMPLAN_TRANSFORMS_PASSES_H

#include "memplan/Dialect/MemPlan/IR/MemPlan.h"
#include "memplan/Planner/Planner.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassOptions.h"

namespace mlir {
namespace memplan {

/// Where a function's arena storage comes from.
enum class ArenaStorage { Alloc, Argument };
/// What memplan-pipeline does first with its input.
enum class Frontend { Auto, None };
/// Output format of memplan-report.
enum class ReportFormat { Text, Json, Html };

/// The `cl::values` of an arena-storage option (memplan-materialize-arenas
/// and the pipelines).
inline auto arenaStorageValues() {
  return llvm::cl::values(
      clEnumValN(ArenaStorage::Alloc, "alloc",
                 "allocated once at function entry"),
      clEnumValN(ArenaStorage::Argument, "argument",
                 "passed in by the caller as an extra last argument"));
}

/// The `cl::values` of a strategy option: every planner strategy, named and
/// described as the planner names and describes it.
struct StrategyValues {
  template <typename Opt>
  void apply(Opt &option) const {
    for (::mlir::memplan::planner::Strategy strategy :
         ::mlir::memplan::planner::allStrategies())
      option.getParser().addLiteralOption(
          ::mlir::memplan::planner::strategyName(strategy), strategy,
          ::mlir::memplan::planner::strategyDescription(strategy));
  }
};

#define GEN_PASS_DECL
#include "memplan/Transforms/Passes.h.inc"

/// The rewrite of memplan-elementwise-in-place, for any pattern driver: an
/// elementwise `linalg.generic` that writes a fresh tensor writes over an
/// input that dies at it instead.
void populateElementwiseInPlacePatterns(RewritePatternSet &patterns);

/// The rewrites of memplan-avoid-copies, for any pattern driver: a static
/// `tensor.pad` becomes a fill and an `insert_slice` (`decomposePads`), and
/// each further user of a shared fresh init gets its own clone
/// (`unshareInits`).
void populateAvoidCopiesPatterns(RewritePatternSet &patterns,
                                 bool decomposePads = true,
                                 bool unshareInits = true);

/// Lets one-shot bufferization handle memplan ops (memplan.transfer).
/// registerMemPlanDialects() (memplan/InitMemPlan.h) registers it with
/// everything else the pipelines need.
void registerBufferizableOpInterfaceExternalModels(DialectRegistry &registry);

/// The options of the planning half, shared by memplan-pipeline and
/// memplan-plan-buffers.
template <typename Derived>
struct PlanningOptions : public PassPipelineOptions<Derived> {
  ::mlir::detail::PassOptions::Option<::mlir::memplan::planner::Strategy> strategy{
      *this, "strategy",
      llvm::cl::desc("Offset strategy (see memplan-assign-offsets)"),
      llvm::cl::init(::mlir::memplan::planner::Strategy::Auto),
      StrategyValues()};
  ::mlir::detail::PassOptions::Option<int64_t> alignment{
      *this, "alignment",
      llvm::cl::desc("Alignment in bytes of arenas and buffer offsets"),
      llvm::cl::init(64)};
  ::mlir::detail::PassOptions::Option<double> timeLimit{
      *this, "time-limit",
      llvm::cl::desc("Search effort per function in seconds on a typical "
                     "machine (fixed work: plans do not depend on the "
                     "machine)"),
      llvm::cl::init(0.5)};
  ::mlir::detail::PassOptions::Option<bool> inPlace{
      *this, "in-place",
      llvm::cl::desc("Let an elementwise op's output share the bytes of an "
                     "input that dies there (memplan-liveness; "
                     "memplan-pipeline also rewrites tensors so, with "
                     "memplan-elementwise-in-place)"),
      llvm::cl::init(true)};
  ::mlir::detail::PassOptions::Option<ArenaStorage> arenaStorage{
      *this, "arena-storage", llvm::cl::desc("Where the arena comes from"),
      llvm::cl::init(ArenaStorage::Alloc), arenaStorageValues()};
  ::mlir::detail::PassOptions::Option<bool> verify{
      *this, "verify",
      llvm::cl::desc("Re-check the plan with memplan-verify-plan"),
      llvm::cl::init(true)};
};

/// Options of `memplan-pipeline`: tensors in, planned memrefs out.
struct MemPlanPipelineOptions
    : public PlanningOptions<MemPlanPipelineOptions> {
  PassOptions::Option<Frontend> frontend{
      *this, "frontend",
      llvm::cl::desc("What to do first with the input program"),
      llvm::cl::values(
          clEnumValN(Frontend::Auto, "auto",
                     "lower TOSA and elementwise ops on tensors to linalg "
                     "where there are any (memplan-lower-frontend)"),
          clEnumValN(Frontend::None, "none",
                     "take the program as it is (linalg, tensor, arith)")),
      llvm::cl::init(Frontend::Auto)};
  PassOptions::Option<std::string> targets{
      *this, "targets",
      llvm::cl::desc("JSON target description: partition the program over "
                     "its devices (memplan-targets, "
                     "memplan-partition-devices, "
                     "memplan-split-execution-units)"),
      llvm::cl::init("")};
  PassOptions::Option<bool> partition{
      *this, "partition",
      llvm::cl::desc("Partition over the devices of the module's "
                     "memplan.targets (implied by targets=FILE)"),
      llvm::cl::init(false)};
  PassOptions::ListOption<std::string> hostOps{
      *this, "host-ops",
      llvm::cl::desc("Operation names that always run on the host")};
  PassOptions::Option<bool> fuseElementwise{
      *this, "fuse-elementwise",
      llvm::cl::desc("Fuse elementwise ops into their producer's execution "
                     "unit"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> foldConstants{
      *this, "fold-constants",
      llvm::cl::desc("Remove the runtime buffers of computations on constants "
                     "(memplan-fold-constants)"),
      llvm::cl::init(true)};
  PassOptions::Option<int64_t> maxFoldBytes{
      *this, "max-fold-bytes",
      llvm::cl::desc("Largest dense constant computed at compile time"),
      llvm::cl::init(1048576)};
  PassOptions::Option<bool> reorder{
      *this, "reorder",
      llvm::cl::desc("Order independent operations for a smaller working set "
                     "(memplan-reorder); false keeps the program's order"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> avoidCopies{
      *this, "avoid-copies",
      llvm::cl::desc("Shape the program so that bufferization needs no "
                     "copies (memplan-avoid-copies, eliminate-empty-tensors)"),
      llvm::cl::init(true)};
};

/// Tensor program -> bufferized program whose static buffers live in one
/// verified arena per device and program.
void buildMemPlanPipeline(OpPassManager &pm,
                          const MemPlanPipelineOptions &options);

/// Options of `memplan-plan-buffers`: the planning half of memplan-pipeline,
/// for programs that are bufferized already.
struct MemPlanPlanBuffersOptions
    : public PlanningOptions<MemPlanPlanBuffersOptions> {};

/// Bufferized program -> the same program whose static buffers live in one
/// verified arena per device and program (memplan-liveness,
/// memplan-assign-offsets, memplan-materialize-arenas,
/// memplan-verify-plan).
void buildMemPlanPlanBuffersPipeline(OpPassManager &pm,
                                     const MemPlanPlanBuffersOptions &options);

struct MemPlanLowerToLLVMOptions
    : public PassPipelineOptions<MemPlanLowerToLLVMOptions> {
  PassOptions::Option<bool> deallocate{
      *this, "deallocate",
      llvm::cl::desc("Free the heap allocations planning left with upstream "
                     "ownership-based buffer deallocation; false for "
                     "programs that free their own buffers already"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> checkPlan{
      *this, "check-plan",
      llvm::cl::desc("Instrument the program with the run-time plan checker "
                     "(link libmemplan_plan_checker.so): every load and "
                     "store of an arena byte checks that its buffer owns it"),
      llvm::cl::init(false)};
};

/// Planned program -> LLVM dialect, ready for mlir-runner or mlir-translate.
void buildMemPlanLowerToLLVMPipeline(
    OpPassManager &pm, const MemPlanLowerToLLVMOptions &options = {});

/// Reads a target description (JSON, see memplan-targets) into the
/// `#memplan.device` list of `memplan.targets`; reports the first problem,
/// naming `path`, the device and the key, through `emitError`.
FailureOr<ArrayAttr>
readTargetDescription(MLIRContext *ctx, StringRef path, StringRef text,
                      function_ref<InFlightDiagnostic()> emitError);

/// Registers memplan-pipeline, memplan-plan-buffers and
/// memplan-lower-to-llvm (registerMemPlanPasses() registers them and every
/// pass).
void registerMemPlanPipelines();

#define GEN_PASS_REGISTRATION
#include "memplan/Transforms/Passes.h.inc"

} // namespace memplan
} // namespace mlir

#endif // MEMPLAN_TRANSFORMS_PASSES_H
