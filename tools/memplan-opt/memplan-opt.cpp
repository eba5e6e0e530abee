//===- memplan-opt.cpp - memplan optimizer driver -------------------------===//
//
// mlir-opt with every upstream dialect and pass plus memplan's dialect,
// passes, pipelines and test passes.
//
//===----------------------------------------------------------------------===//

#include "memplan/InitMemPlan.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Debug.h"

#include "TestPasses.h"

#ifndef NDEBUG
/// memplan built with assertions traces with LLVM_DEBUG, but an LLVM built
/// without them (Debian's) registers no -debug and -debug-only: offer them.
static void registerDebugOptionsIfMissing() {
  if (llvm::cl::getRegisteredOptions().count("debug-only"))
    return;
  static llvm::cl::opt<bool, /*ExternalStorage=*/true> debug(
      "debug", llvm::cl::desc("Enable debug output"), llvm::cl::Hidden,
      llvm::cl::location(llvm::DebugFlag));
  static llvm::cl::opt<std::string> debugOnly(
      "debug-only",
      llvm::cl::desc("Enable the debug output of the given comma-separated "
                     "debug types (memplan's are its pass names)"),
      llvm::cl::Hidden, llvm::cl::value_desc("debug string"),
      llvm::cl::callback([](const std::string &list) {
        llvm::SmallVector<llvm::StringRef> names;
        llvm::StringRef(list).split(names, ',', -1, /*KeepEmpty=*/false);
        static std::vector<std::string> types;
        types.assign(names.begin(), names.end());
        std::vector<const char *> pointers;
        for (const std::string &type : types)
          pointers.push_back(type.c_str());
        llvm::DebugFlag = true;
        llvm::setCurrentDebugTypes(pointers.data(), pointers.size());
      }));
}
#endif

int main(int argc, char **argv) {
#ifndef NDEBUG
  registerDebugOptionsIfMissing();
#endif
  mlir::registerAllPasses();
  mlir::memplan::registerMemPlanPasses();
  mlir::memplan::test::registerTestPasses();

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mlir::memplan::registerMemPlanDialects(registry);
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "memplan: ahead-of-time memory planning\n", registry));
}
