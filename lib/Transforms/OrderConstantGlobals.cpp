//===- OrderConstantGlobals.cpp - deterministic constant globals ----------===//
//
// One-shot bufferization visits functions that do not call each other in an
// order that can change from run to run (it iterates a map keyed by
// operation addresses), and names and places the globals it makes of
// constants in that order. Renaming and placing them by first use makes the
// output a function of the input.
//
//===----------------------------------------------------------------------===//

#include "memplan/Transforms/Passes.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringExtras.h"

namespace mlir {
namespace memplan {
#define GEN_PASS_DEF_MEMPLANORDERCONSTANTGLOBALSPASS
#include "memplan/Transforms/Passes.h.inc"
} // namespace memplan
} // namespace mlir

using namespace mlir;
using namespace mlir::memplan;

namespace {
constexpr StringLiteral kPrefix = "__constant_";

/// `__constant_4x8xf32_3` -> `__constant_4x8xf32`; empty if `name` is not
/// one of bufferization's constant names.
StringRef baseName(StringRef name) {
  if (!name.starts_with(kPrefix))
    return {};
  StringRef rest = name.drop_front(kPrefix.size());
  auto [type, suffix] = rest.split('_');
  if (type.empty() || (!suffix.empty() && !llvm::all_of(suffix, llvm::isDigit)))
    return {};
  return name.take_front(kPrefix.size() + type.size());
}

struct MemPlanOrderConstantGlobalsPass
    : public mlir::memplan::impl::MemPlanOrderConstantGlobalsPassBase<
          MemPlanOrderConstantGlobalsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    // Bufferization's constant globals, in order of first use.
    llvm::MapVector<memref::GlobalOp, StringRef> ordered;
    module.walk([&](memref::GetGlobalOp get) {
      auto global = symbols.lookup<memref::GlobalOp>(get.getName());
      if (global && global.getConstant() &&
          !baseName(global.getSymName()).empty())
        ordered.insert({global, baseName(global.getSymName())});
    });
    for (auto global : module.getOps<memref::GlobalOp>())
      if (global.getConstant() && !baseName(global.getSymName()).empty())
        ordered.insert({global, baseName(global.getSymName())});
    if (ordered.empty())
      return;

    // Move every name out of the way first, so that new names never clash
    // with old ones.
    for (auto [index, entry] : llvm::enumerate(ordered)) {
      memref::GlobalOp global = entry.first;
      std::string temporary = ("__memplan_renaming_" + Twine(index)).str();
      if (failed(symbols.rename(global, temporary)))
        return signalPassFailure();
    }
    llvm::StringMap<unsigned> uses;
    Block &body = module.getBodyRegion().front();
    Operation *previous = nullptr;
    for (auto [global, base] : ordered) {
      unsigned count = uses[base]++;
      std::string name =
          count == 0 ? base.str() : (base + "_" + Twine(count - 1)).str();
      // A symbol outside bufferization's may already be called that.
      while (symbols.lookup(name))
        name = (base + "_" + Twine(uses[base]++ - 1)).str();
      if (failed(symbols.rename(global, name)))
        return signalPassFailure();
      if (previous)
        global->moveAfter(previous);
      else if (global.getOperation() != &body.front())
        global->moveBefore(&body.front());
      previous = global;
      ++numRenamed;
    }
  }
};
} // namespace
