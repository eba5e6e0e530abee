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
#include "mlir/IR/AttrTypeSubElements.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Debug.h"

namespace mlir {
namespace memplan {
#define GEN_PASS_DEF_MEMPLANORDERCONSTANTGLOBALSPASS
#include "memplan/Transforms/Passes.h.inc"
} // namespace memplan
} // namespace mlir

using namespace mlir;
using namespace mlir::memplan;

#define DEBUG_TYPE "memplan-order-constant-globals"

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

    // The names other symbols have are not given out.
    llvm::StringSet<> taken;
    for (auto symbol : module.getOps<SymbolOpInterface>())
      if (!isa<memref::GlobalOp>(symbol.getOperation()) ||
          !ordered.count(cast<memref::GlobalOp>(symbol.getOperation())))
        taken.insert(symbol.getName());
    llvm::StringMap<unsigned> uses;
    DenseMap<StringAttr, StringAttr> renamed;
    Block &body = module.getBodyRegion().front();
    Operation *previous = nullptr;
    for (auto [global, base] : ordered) {
      std::string name;
      do {
        unsigned count = uses[base]++;
        name = count == 0 ? base.str() : (base + "_" + Twine(count - 1)).str();
      } while (taken.contains(name));
      StringAttr newName = StringAttr::get(&getContext(), name);
      if (newName != global.getSymNameAttr()) {
        LLVM_DEBUG(llvm::dbgs()
                   << "@" << global.getSymName() << " -> @" << name << "\n");
        renamed[global.getSymNameAttr()] = newName;
      }
      global.setSymName(name);
      if (previous)
        global->moveAfter(previous);
      else if (global.getOperation() != &body.front())
        global->moveBefore(&body.front());
      previous = global;
      ++numRenamed;
    }
    // One walk updates every reference (renaming symbol by symbol would walk
    // the module once per global).
    AttrTypeReplacer replacer;
    replacer.addReplacement(
        [&](FlatSymbolRefAttr ref) -> std::optional<Attribute> {
          if (StringAttr name = renamed.lookup(ref.getAttr()))
            return FlatSymbolRefAttr::get(name);
          return std::nullopt;
        });
    replacer.recursivelyReplaceElementsIn(module);
  }
};
} // namespace
