//===- plan-memory.cpp - a compiler that embeds memplan -------------------===//
//
// Reads a tensor program, plans its memory with memplan-pipeline, optionally
// lowers it to the LLVM dialect, and prints the result:
//
//   plan-memory [--targets=devices.json] [--lower-to-llvm] input.mlir
//
// Only memplan's two registration calls set up the context: no other
// dialect, interface or external model is registered by hand.
//
//===----------------------------------------------------------------------===//

#include "memplan/InitMemPlan.h"
#include "memplan/Transforms/Passes.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

static llvm::cl::opt<std::string> inputFile(llvm::cl::Positional,
                                            llvm::cl::desc("<input.mlir>"),
                                            llvm::cl::Required);
static llvm::cl::opt<std::string>
    targets("targets", llvm::cl::desc("Target description (JSON)"),
            llvm::cl::init(""));
static llvm::cl::opt<bool>
    lowerToLLVM("lower-to-llvm",
                llvm::cl::desc("Lower the planned program to LLVM"),
                llvm::cl::init(false));

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  llvm::cl::ParseCommandLineOptions(argc, argv, "memplan embedded\n");

  DialectRegistry registry;
  memplan::registerMemPlanDialects(registry);
  MLIRContext context(registry);

  llvm::SourceMgr sourceMgr;
  // Diagnostics as file:line:column with the source line, like mlir-opt's.
  SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);
  OwningOpRef<ModuleOp> module =
      parseSourceFile<ModuleOp>(inputFile, sourceMgr, &context);
  if (!module)
    return 1;

  PassManager pm(&context);
  memplan::MemPlanPipelineOptions options;
  options.targets = targets;
  memplan::buildMemPlanPipeline(pm, options);
  if (lowerToLLVM)
    memplan::buildMemPlanLowerToLLVMPipeline(pm);
  if (failed(pm.run(*module)))
    return 1;
  module->print(llvm::outs());
  llvm::outs() << "\n";
  return 0;
}
