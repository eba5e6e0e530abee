//===- Pipelines.cpp - memplan-pipeline and memplan-lower-to-llvm ---------===//

#include "memplan/Transforms/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace mlir::memplan;

/// The planning half: liveness, offsets, arenas, verification.
template <typename Options>
static void addPlanningPasses(OpPassManager &pm, const Options &options) {
  pm.addPass(createMemPlanLivenessPass({options.inPlace}));
  MemPlanAssignOffsetsPassOptions assign;
  assign.strategy = options.strategy;
  assign.alignment = options.alignment;
  assign.timeLimit = options.timeLimit;
  pm.addPass(createMemPlanAssignOffsetsPass(assign));
  pm.addPass(createMemPlanMaterializeArenasPass({options.arenaStorage}));
  if (options.verify)
    pm.addPass(createMemPlanVerifyPlanPass());
}

void mlir::memplan::buildMemPlanPipeline(OpPassManager &pm,
                                         const MemPlanPipelineOptions &options) {
  if (options.frontend == Frontend::Auto)
    pm.addPass(createMemPlanLowerFrontendPass());
  bool partition = options.partition || !options.targets.empty();
  if (!options.targets.empty())
    pm.addPass(createMemPlanTargetsPass({options.targets}));
  // What must be planned at all shrinks first, on tensors.
  // Passes on one function run on every function, in parallel; those that
  // decide for whole programs (a function and what it calls) on the module.
  if (options.foldConstants)
    pm.nestAny().addPass(
        createMemPlanFoldConstantsPass({options.maxFoldBytes}));
  if (partition) {
    MemPlanPartitionDevicesPassOptions partitionOptions;
    partitionOptions.hostOps.assign(options.hostOps.begin(),
                                    options.hostOps.end());
    pm.addPass(createMemPlanPartitionDevicesPass(partitionOptions));
  }
  if (options.reorder || options.inPlace || options.avoidCopies) {
    OpPassManager &functions = pm.nestAny();
    if (options.reorder)
      functions.addPass(createMemPlanReorderPass());
    if (options.inPlace)
      functions.addPass(createMemPlanElementwiseInPlacePass());
    if (options.avoidCopies)
      functions.addPass(createMemPlanAvoidCopiesPass());
  }
  if (options.avoidCopies)
    pm.addPass(bufferization::createEmptyTensorEliminationPass());
  // Last on tensors: the schedule must see the buffers the rewrites share.
  if (partition)
    pm.addPass(createMemPlanSplitExecutionUnitsPass({options.fuseElementwise}));

  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  // Identity layouts at function boundaries keep every buffer plannable and
  // callers simple.
  bufferize.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  bufferize.bufferAlignment = options.alignment;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  pm.addPass(createMemPlanOrderConstantGlobalsPass());
  if (partition || options.arenaStorage == ArenaStorage::Argument) {
    // Device sub-functions write their results into buffers of the caller's
    // program, which the plan places; with the arena from the caller, so do
    // the program's own results, and nothing is left on the heap.
    bufferization::BufferResultsToOutParamsPassOptions outParams;
    outParams.hoistStaticAllocs = true;
    // Marks the out-parameters (`bufferize.result`) for the caller outside
    // the module (memplan-compile's header).
    bool heapFree = options.arenaStorage == ArenaStorage::Argument;
    outParams.addResultAttribute = heapFree;
    // The program's own (public) entry points too: their callers are
    // outside the module.
    outParams.modifyPublicFunctions = heapFree;
    pm.addPass(bufferization::createBufferResultsToOutParamsPass(outParams));
  }
  if (options.avoidCopies) {
    // Copies of a slice onto itself, left where a producer now writes into
    // its consumer's slice.
    pm.addPass(createCSEPass());
    pm.addPass(createCanonicalizerPass());
  }

  addPlanningPasses(pm, options);
}

void mlir::memplan::buildMemPlanPlanBuffersPipeline(
    OpPassManager &pm, const MemPlanPlanBuffersOptions &options) {
  addPlanningPasses(pm, options);
}

void mlir::memplan::buildMemPlanLowerToLLVMPipeline(
    OpPassManager &pm, const MemPlanLowerToLLVMOptions &options) {
  if (options.checkPlan)
    pm.addPass(createMemPlanInsertOwnershipClaimsPass());
  pm.addPass(createMemPlanLowerArenasPass());
  if (options.deallocate) {
    pm.addPass(createMemPlanCheckNoDeallocationsPass());
    bufferization::buildBufferDeallocationPipeline(pm);
  }
  pm.addPass(createConvertBufferizationToMemRefPass());
  // Tiled and vectorized programs: tiles run one after another.
  pm.addPass(createForallToForLoopPass());
  // Loops rather than calls of MLIR's C runner library (memrefCopy).
  pm.addPass(createMemPlanStridedCopiesToLoopsPass());
  pm.addPass(createConvertLinalgToLoopsPass());
  pm.addPass(createConvertVectorToSCFPass());
  if (options.checkPlan)
    pm.addPass(createMemPlanCheckArenaAccessesPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createSCFToControlFlowPass());
  pm.addPass(createConvertComplexToStandardPass());
  pm.addPass(createConvertComplexToLLVMPass());
  pm.addPass(createConvertVectorToLLVMPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createConvertMathToLLVMPass());
  // What has no LLVM intrinsic (math.erf in GELU) becomes a libm call.
  pm.addPass(createConvertMathToLibmPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createUBToLLVMConversionPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  // Conversions leave what they do not know: that is an error, not a
  // program.
  pm.addPass(createMemPlanCheckLoweredToLLVMPass());
}

void mlir::memplan::registerMemPlanPipelines() {
  PassPipelineRegistration<MemPlanPipelineOptions>(
      "memplan-pipeline",
      "Bufferize a tensor program and place every static buffer in one "
      "verified arena per function",
      buildMemPlanPipeline);
  PassPipelineRegistration<MemPlanPlanBuffersOptions>(
      "memplan-plan-buffers",
      "Place every static buffer of a bufferized program in one verified "
      "arena per function (the planning half of memplan-pipeline)",
      buildMemPlanPlanBuffersPipeline);
  PassPipelineRegistration<MemPlanLowerToLLVMOptions>(
      "memplan-lower-to-llvm",
      "Lower a planned program to the LLVM dialect (for mlir-runner or "
      "mlir-translate)",
      buildMemPlanLowerToLLVMPipeline);
}
