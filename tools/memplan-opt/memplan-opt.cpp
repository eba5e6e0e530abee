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

#include "TestPasses.h"

int main(int argc, char **argv) {
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
