//===- MemPlanPlugin.cpp - memplan as a plugin of stock mlir-opt ----------===//
//
//   mlir-opt --load-dialect-plugin=libMemPlanPlugin.so \
//            --load-pass-plugin=libMemPlanPlugin.so \
//            --pass-pipeline='builtin.module(memplan-pipeline)' net.mlir
//
//===----------------------------------------------------------------------===//

#include "memplan/InitMemPlan.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/Plugins/DialectPlugin.h"
#include "mlir/Tools/Plugins/PassPlugin.h"
#include "llvm/Config/llvm-config.h"

using namespace mlir;

extern "C" LLVM_ATTRIBUTE_WEAK DialectPluginLibraryInfo
mlirGetDialectPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "MemPlan", LLVM_VERSION_STRING,
          [](DialectRegistry *registry) {
            memplan::registerMemPlanDialects(*registry);
          }};
}

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo mlirGetPassPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "MemPlan", LLVM_VERSION_STRING,
          []() { memplan::registerMemPlanPasses(); }};
}
