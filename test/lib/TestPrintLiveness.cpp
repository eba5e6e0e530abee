//===- TestPrintLiveness.cpp - Print BufferLiveness results ---------------===//
//
// test-memplan-print-liveness: prints, per function, every buffer with its
// lifetime, use count and in-place donor, and every unplanned buffer with the
// reason, so that FileCheck can pin the analysis down.
//
//===----------------------------------------------------------------------===//

#include "TestPasses.h"

#include "memplan/Analysis/BufferLiveness.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

using namespace mlir;
using namespace mlir::memplan;

namespace {
struct TestPrintLivenessPass
    : public PassWrapper<TestPrintLivenessPass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(TestPrintLivenessPass)

  StringRef getArgument() const final { return "test-memplan-print-liveness"; }
  StringRef getDescription() const final {
    return "Print buffer lifetimes, use counts and in-place candidates";
  }
  TestPrintLivenessPass() = default;
  TestPrintLivenessPass(const TestPrintLivenessPass &other)
      : PassWrapper(other) {}

  Option<bool> inPlace{*this, "in-place",
                       llvm::cl::desc("Look for in-place reuse"),
                       llvm::cl::init(true)};

  void runOnOperation() override {
    raw_ostream &os = llvm::outs();
    ProgramStructure programs(getOperation());
    for (FunctionOpInterface func : programs.getRoots()) {
      BufferLiveness liveness(func, programs, inPlace);
      AsmState state(getOperation());
      auto name = [&](Value value) {
        std::string text;
        llvm::raw_string_ostream nameOs(text);
        value.printAsOperand(nameOs, state);
        return text;
      };
      os << "liveness of @" << func.getName() << ": "
         << liveness.getNumSteps() << " steps\n";
      for (auto [index, buffer] : llvm::enumerate(liveness.getBuffers())) {
        os << "  buffer " << index << " " << name(buffer.value) << ": "
           << buffer.size << " bytes, steps [" << buffer.firstStep << ", "
           << buffer.lastStep << "], uses " << buffer.readers;
        if (buffer.inPlaceOf)
          os << ", in place of buffer " << *buffer.inPlaceOf;
        if (buffer.device.getValue() != "host")
          os << ", on " << buffer.device.getValue();
        os << "\n";
      }
      for (const UnplannedBuffer &buffer : liveness.getUnplanned())
        os << "  not planned " << name(buffer.op->getResult(0)) << ": "
           << buffer.reason << "\n";
    }
    markAllAnalysesPreserved();
  }
};
} // namespace

void mlir::memplan::test::registerTestPrintLivenessPass() {
  PassRegistration<TestPrintLivenessPass>();
}
