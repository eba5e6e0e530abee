//===- PassesTest.cpp - memplan passes driven from C++ --------------------===//
//
// What an embedding compiler relies on beyond the command line: the planning
// passes share one ProgramStructure through the analysis manager, and the
// rewrites work under any pattern driver.
//
//===----------------------------------------------------------------------===//

#include "memplan/Analysis/BufferLiveness.h"
#include "memplan/InitMemPlan.h"
#include "memplan/Transforms/Passes.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassInstrumentation.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <gtest/gtest.h>

using namespace mlir;
using namespace mlir::memplan;

namespace {

class PassesTest : public ::testing::Test {
protected:
  PassesTest() {
    DialectRegistry registry;
    registerMemPlanDialects(registry);
    context.appendDialectRegistry(registry);
    context.loadAllAvailableDialects();
  }

  OwningOpRef<ModuleOp> parse(StringRef source) {
    OwningOpRef<ModuleOp> module =
        parseSourceString<ModuleOp>(source, &context);
    EXPECT_TRUE(module);
    return module;
  }

  template <typename OpT> unsigned count(ModuleOp module) {
    unsigned n = 0;
    module.walk([&](OpT) { ++n; });
    return n;
  }

  MLIRContext context;
};

/// Counts how often the pass manager computes ProgramStructure.
struct CountProgramStructures : PassInstrumentation {
  explicit CountProgramStructures(unsigned &count) : count(count) {}
  void runBeforeAnalysis(StringRef, TypeID id, Operation *) override {
    if (id == TypeID::get<ProgramStructure>())
      ++count;
  }
  unsigned &count;
};

constexpr const char *kBufferized = R"mlir(
func.func @f(%x: memref<16xf32>, %y: memref<16xf32>) {
  %a = memref.alloc() : memref<16xf32>
  %b = memref.alloc() : memref<16xf32>
  linalg.copy ins(%x : memref<16xf32>) outs(%a : memref<16xf32>)
  linalg.copy ins(%a : memref<16xf32>) outs(%b : memref<16xf32>)
  linalg.copy ins(%b : memref<16xf32>) outs(%y : memref<16xf32>)
  memref.dealloc %a : memref<16xf32>
  memref.dealloc %b : memref<16xf32>
  return
}
)mlir";

TEST_F(PassesTest, PlanningPassesShareOneProgramStructure) {
  OwningOpRef<ModuleOp> module = parse(kBufferized);
  PassManager pm(&context);
  unsigned computed = 0;
  pm.addInstrumentation(std::make_unique<CountProgramStructures>(computed));
  pm.addPass(createMemPlanLivenessPass());
  pm.addPass(createMemPlanAssignOffsetsPass());
  pm.addPass(createMemPlanMaterializeArenasPass());
  ASSERT_TRUE(succeeded(pm.run(*module)));
  // Liveness computes it; the other two find it preserved.
  EXPECT_EQ(computed, 1u);
  EXPECT_EQ(count<ArenaOp>(*module), 1u);
  EXPECT_EQ(count<memref::ViewOp>(*module), 2u);
  EXPECT_EQ(count<memref::AllocOp>(*module), 0u);
}

TEST_F(PassesTest, AnotherPassInvalidatesProgramStructure) {
  OwningOpRef<ModuleOp> module = parse(kBufferized);
  PassManager pm(&context);
  unsigned computed = 0;
  pm.addInstrumentation(std::make_unique<CountProgramStructures>(computed));
  pm.addPass(createMemPlanLivenessPass());
  // Preserves nothing it does not know about.
  pm.addPass(createMemPlanOrderConstantGlobalsPass());
  pm.addPass(createMemPlanAssignOffsetsPass());
  ASSERT_TRUE(succeeded(pm.run(*module)));
  EXPECT_EQ(computed, 2u);
}

constexpr const char *kElementwise = R"mlir(
#id = affine_map<(d0) -> (d0)>
func.func @f(%x: tensor<8xf32>, %w: tensor<8xf32>) -> tensor<8xf32> {
  %e0 = tensor.empty() : tensor<8xf32>
  %sum = linalg.add ins(%x, %w : tensor<8xf32>, tensor<8xf32>)
                    outs(%e0 : tensor<8xf32>) -> tensor<8xf32>
  %e1 = tensor.empty() : tensor<8xf32>
  %neg = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%sum : tensor<8xf32>) outs(%e1 : tensor<8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %n = arith.negf %in : f32
    linalg.yield %n : f32
  } -> tensor<8xf32>
  return %neg : tensor<8xf32>
}
)mlir";

TEST_F(PassesTest, ElementwiseInPlacePatternsUnderTheGreedyDriver) {
  OwningOpRef<ModuleOp> module = parse(kElementwise);
  RewritePatternSet patterns(&context);
  populateElementwiseInPlacePatterns(patterns);
  ASSERT_TRUE(succeeded(applyPatternsGreedily(*module, std::move(patterns))));
  unsigned inPlace = 0;
  module->walk([&](linalg::GenericOp generic) {
    if (!generic->hasAttr(MemPlanDialect::kInPlaceAttrName))
      return;
    ++inPlace;
    // The negation writes over the sum, which dies at it.
    EXPECT_TRUE(generic.getDpsInits()[0].getDefiningOp<linalg::AddOp>());
    EXPECT_EQ(generic.getNumDpsInputs(), 0);
  });
  EXPECT_EQ(inPlace, 1u);
  // The negation's tensor.empty is gone; the sum's stays.
  EXPECT_EQ(count<tensor::EmptyOp>(*module), 1u);
}

constexpr const char *kPadAndSharedInit = R"mlir(
func.func @f(%x: tensor<4xf32>) -> (tensor<6xf32>, tensor<4xf32>, tensor<4xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  %a = linalg.add ins(%x, %x : tensor<4xf32>, tensor<4xf32>)
                  outs(%fill : tensor<4xf32>) -> tensor<4xf32>
  %b = linalg.mul ins(%x, %x : tensor<4xf32>, tensor<4xf32>)
                  outs(%fill : tensor<4xf32>) -> tensor<4xf32>
  %c = linalg.sub ins(%x, %x : tensor<4xf32>, tensor<4xf32>)
                  outs(%fill : tensor<4xf32>) -> tensor<4xf32>
  %p = tensor.pad %a low[1] high[1] {
  ^bb0(%i: index):
    tensor.yield %zero : f32
  } : tensor<4xf32> to tensor<6xf32>
  return %p, %b, %c : tensor<6xf32>, tensor<4xf32>, tensor<4xf32>
}
)mlir";

TEST_F(PassesTest, AvoidCopiesPatternsUnderTheGreedyDriver) {
  OwningOpRef<ModuleOp> module = parse(kPadAndSharedInit);
  RewritePatternSet patterns(&context);
  populateAvoidCopiesPatterns(patterns);
  ASSERT_TRUE(succeeded(applyPatternsGreedily(*module, std::move(patterns))));
  EXPECT_EQ(count<tensor::PadOp>(*module), 0u);
  EXPECT_EQ(count<tensor::InsertSliceOp>(*module), 1u);
  // One fill per user of the shared one, plus the padded tensor's.
  EXPECT_EQ(count<linalg::FillOp>(*module), 4u);
  module->walk([&](linalg::FillOp fill) {
    EXPECT_TRUE(fill->getResult(0).hasOneUse());
  });
}

TEST_F(PassesTest, AvoidCopiesPatternsCanBeChosen) {
  OwningOpRef<ModuleOp> module = parse(kPadAndSharedInit);
  RewritePatternSet patterns(&context);
  populateAvoidCopiesPatterns(patterns, /*decomposePads=*/false,
                              /*unshareInits=*/true);
  ASSERT_TRUE(succeeded(applyPatternsGreedily(*module, std::move(patterns))));
  EXPECT_EQ(count<tensor::PadOp>(*module), 1u);
  EXPECT_EQ(count<linalg::FillOp>(*module), 3u);
}

} // namespace
