//===- TargetsFuzzer.cpp - libFuzzer target: target-description reader ----===//
//
// Any input is read as a target description. The reader must answer every
// input with a description or a diagnostic, never crash; an accepted
// description must print and parse back to the same attribute.
//
//===----------------------------------------------------------------------===//

#include "memplan/Dialect/MemPlan/IR/MemPlan.h"
#include "memplan/Transforms/Passes.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"

#include <cstdio>
#include <cstdlib>

using namespace mlir;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static MLIRContext *ctx = [] {
    auto *context = new MLIRContext();
    context->loadDialect<memplan::MemPlanDialect>();
    return context;
  }();
  ScopedDiagnosticHandler quiet(ctx, [](Diagnostic &) { return success(); });
  StringRef text(reinterpret_cast<const char *>(data), size);
  FailureOr<ArrayAttr> targets = memplan::readTargetDescription(
      ctx, "fuzz.json", text,
      [&] { return emitError(UnknownLoc::get(ctx)); });
  if (failed(targets))
    return 0;
  std::string printed;
  llvm::raw_string_ostream os(printed);
  targets->print(os);
  if (parseAttribute(printed, ctx) != *targets) {
    std::fprintf(stderr, "targets fuzzer: %s does not parse back\n",
                 printed.c_str());
    std::abort();
  }
  return 0;
}
