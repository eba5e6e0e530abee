//===- InitMemPlan.h - register memplan in a tool ---------------*- C++ -*-===//
//
// The two calls a compiler makes to run memplan's passes and pipelines:
//
//   mlir::DialectRegistry registry;
//   mlir::memplan::registerMemPlanDialects(registry);
//   mlir::MLIRContext context(registry);
//   mlir::memplan::registerMemPlanPasses(); // for textual pipelines only
//
//===----------------------------------------------------------------------===//

#ifndef MEMPLAN_INITMEMPLAN_H
#define MEMPLAN_INITMEMPLAN_H

namespace mlir {
class DialectRegistry;
namespace memplan {

/// Registers the memplan dialect and everything memplan-pipeline and
/// memplan-lower-to-llvm need of upstream MLIR: the dialects they read and
/// produce, and the external models one-shot bufferization, empty-tensor
/// elimination and ownership-based deallocation rely on (arith, linalg,
/// tensor, scf, cf, vector, function boundaries, memplan.transfer). A tool
/// that already registers all of upstream still needs this for memplan's own
/// dialect and models.
void registerMemPlanDialects(DialectRegistry &registry);

/// Registers every memplan pass and the memplan-pipeline,
/// memplan-plan-buffers and memplan-lower-to-llvm pipelines with the global
/// pass registry (for `--pass-pipeline` strings and `-memplan-...` flags).
void registerMemPlanPasses();

} // namespace memplan
} // namespace mlir

#endif // MEMPLAN_INITMEMPLAN_H
