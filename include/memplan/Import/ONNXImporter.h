//===- ONNXImporter.h - ONNX models to MLIR on tensors ----------*- C++ -*-===//
//
// Turns an ONNX model (opsets 13-18) into a `func.func` on tensors in the
// dialects memplan-pipeline plans (linalg, tensor, arith, math), with the
// model's initializers as `dense_resource` weights and every operation
// located at the ONNX node it comes from.
//
//===----------------------------------------------------------------------===//

#ifndef MEMPLAN_IMPORT_ONNXIMPORTER_H
#define MEMPLAN_IMPORT_ONNXIMPORTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBufferRef.h"

#include <string>

namespace memplan {

struct ONNXImportOptions {
  /// Name of the function the graph becomes.
  std::string functionName = "forward";
  /// Shapes of graph inputs by input name: they pin dynamic dimensions (and
  /// must agree with the static ones).
  llvm::StringMap<llvm::SmallVector<int64_t>> inputShapes;
  /// Constants with more elements than this (and not splats) become
  /// `dense_resource` blobs; smaller ones stay readable `dense` literals.
  int64_t maxInlineElements = 16;
};

/// Imports the ONNX model serialized in `model`. Reports every problem (bad
/// file, unsupported operator, dynamic shape...) as an error diagnostic on
/// `context` and returns null then. `fileName` names the model in locations
/// and is where external weight files are looked up from.
mlir::OwningOpRef<mlir::ModuleOp>
importONNXModel(llvm::MemoryBufferRef model, mlir::MLIRContext &context,
                const ONNXImportOptions &options = {});

/// Parses `NAME:D0xD1x...` (a `--input-shape` value; `NAME:` alone is a
/// scalar) into `options.inputShapes`. Returns an explanation on failure.
std::string parseONNXInputShape(llvm::StringRef text,
                                ONNXImportOptions &options);

} // namespace memplan

#endif // MEMPLAN_IMPORT_ONNXIMPORTER_H
