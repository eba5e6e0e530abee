//===- memplan-import-onnx.cpp - ONNX model to MLIR on tensors ------------===//
//
//   memplan-import-onnx model.onnx -o model.mlir
//       [--input-shape=NAME:1x3x224x224]... [--function=forward]
//
// Writes the model as a func.func on tensors (linalg, tensor, arith, math)
// that memplan-pipeline plans, with the weights as dense_resource blobs.
//
//===----------------------------------------------------------------------===//

#include "memplan/Import/ONNXImporter.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OperationSupport.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace llvm;

static cl::OptionCategory category("memplan-import-onnx options");
static cl::opt<std::string> inputFilename(cl::Positional,
                                          cl::desc("<model.onnx>"),
                                          cl::Required, cl::cat(category));
static cl::opt<std::string> outputFilename("o", cl::desc("Output file"),
                                           cl::value_desc("file"),
                                           cl::init("-"), cl::cat(category));
static cl::list<std::string> inputShapes(
    "input-shape",
    cl::desc("Shape of a graph input, pinning its dynamic dimensions: "
             "NAME:D0xD1x... (repeatable; NAME: for a scalar)"),
    cl::value_desc("name:shape"), cl::cat(category));
static cl::opt<std::string> functionName("function",
                                         cl::desc("Name of the function"),
                                         cl::init("forward"),
                                         cl::cat(category));
static cl::opt<int64_t> maxInlineElements(
    "max-inline-elements",
    cl::desc("Constants up to this many elements stay dense literals; larger "
             "ones become dense_resource blobs"),
    cl::init(16), cl::cat(category));
static cl::opt<bool> elideResources(
    "elide-resources",
    cl::desc("Print the blobs' keys but not their bytes (for reading the "
             "output; it cannot be parsed back)"),
    cl::cat(category));

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(
      argc, argv, "memplan-import-onnx: an ONNX model to MLIR on tensors\n");

  memplan::ONNXImportOptions options;
  options.functionName = functionName;
  options.maxInlineElements = maxInlineElements;
  for (const std::string &shape : inputShapes) {
    std::string problem = memplan::parseONNXInputShape(shape, options);
    if (!problem.empty()) {
      errs() << "memplan-import-onnx: error: --input-shape: " << problem
             << "\n";
      return 1;
    }
  }

  auto file = MemoryBuffer::getFile(inputFilename, /*IsText=*/false,
                                    /*RequiresNullTerminator=*/false);
  if (!file) {
    errs() << "memplan-import-onnx: error: cannot read '" << inputFilename
           << "': " << file.getError().message() << "\n";
    return 1;
  }
  mlir::MLIRContext context;
  // The messages name the node; a model file has no lines to point at.
  context.getDiagEngine().registerHandler([](mlir::Diagnostic &diagnostic) {
    errs() << inputFilename << ": "
           << (diagnostic.getSeverity() == mlir::DiagnosticSeverity::Error
                   ? "error: "
                   : "note: ")
           << diagnostic.str() << "\n";
  });
  mlir::OwningOpRef<mlir::ModuleOp> module =
      memplan::importONNXModel((*file)->getMemBufferRef(), context, options);
  if (!module)
    return 1;

  std::string error;
  std::unique_ptr<ToolOutputFile> output =
      mlir::openOutputFile(outputFilename, &error);
  if (!output) {
    errs() << "memplan-import-onnx: error: " << error << "\n";
    return 1;
  }
  // The locations (the ONNX node names) are what later diagnostics and the
  // per-layer report name: they are part of the output.
  mlir::OpPrintingFlags flags;
  flags.enableDebugInfo();
  if (elideResources)
    flags.elideLargeResourceString(0);
  module->print(output->os(), flags);
  output->keep();
  return 0;
}
