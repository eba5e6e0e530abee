//===- Targets.cpp - memplan-targets --------------------------------------===//
//
// Reads a target description (the devices a program may run on) from a
// JSON file into the module's `memplan.targets` attribute:
//
//   {"devices": [
//     {"name": "host", "kind": "cpu", "host": true, "capacity": 1073741824},
//     {"name": "npu0", "kind": "npu", "capacity": 4194304,
//      "reserved": 262144, "alignment": 128, "compute_units": 4,
//      "speed": 8, "reuse": "max-parallel",
//      "ops": ["linalg.conv_2d_nchw_fchw",
//              {"name": "linalg.matmul", "element_types": ["f32"],
//               "ranks": [2]}]}]}
//
//===----------------------------------------------------------------------===//

#include "memplan/Transforms/Passes.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/Debug.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

namespace mlir {
namespace memplan {
#define GEN_PASS_DEF_MEMPLANTARGETSPASS
#include "memplan/Transforms/Passes.h.inc"
} // namespace memplan
} // namespace mlir

using namespace mlir;
using namespace mlir::memplan;

#define DEBUG_TYPE "memplan-targets"

namespace {

/// Reads one target description, reporting the first problem through
/// `error` with the file, the device and the key it concerns.
class TargetReader {
public:
  TargetReader(MLIRContext *ctx, StringRef path,
               function_ref<InFlightDiagnostic()> emitError)
      : ctx(ctx), path(path), emitError(emitError) {}

  FailureOr<ArrayAttr> read(StringRef text) {
    llvm::Expected<llvm::json::Value> json = llvm::json::parse(text);
    if (!json)
      return fail() << "not valid JSON: " << llvm::toString(json.takeError());
    auto *top = json->getAsObject();
    if (!top)
      return fail() << "expected an object with a 'devices' list";
    for (auto &[key, value] : *top)
      if (key != "devices")
        return fail() << "unknown key '" << key.str()
                      << "' (expected 'devices')";
    auto *devices = top->getArray("devices");
    if (!devices)
      return fail() << "expected a 'devices' list";
    SmallVector<Attribute> result;
    for (auto [index, value] : llvm::enumerate(*devices)) {
      FailureOr<DeviceAttr> device = readDevice(value, index);
      if (failed(device))
        return failure();
      for (Attribute other : result)
        if (cast<DeviceAttr>(other).getName() == device->getName())
          return fail() << "two devices are named '"
                        << device->getName().getValue() << "'";
      result.push_back(*device);
    }
    int hosts = llvm::count_if(result, [](Attribute device) {
      return cast<DeviceAttr>(device).getHost();
    });
    if (hosts != 1)
      return fail() << "exactly one device must be the host (\"host\": "
                       "true), found "
                    << hosts;
    return ArrayAttr::get(ctx, result);
  }

private:
  InFlightDiagnostic fail() { return std::move(emitError() << path << ": "); }
  InFlightDiagnostic failAt(StringRef device, StringRef key) {
    return std::move(fail() << "device '" << device << "': key '" << key
                            << "': ");
  }

  FailureOr<DeviceAttr> readDevice(const llvm::json::Value &value,
                                   size_t index) {
    auto *object = value.getAsObject();
    if (!object)
      return fail() << "device " << index << " is not an object";
    std::string name = ("#" + Twine(index)).str();
    if (auto given = object->getString("name"))
      name = given->str();
    else
      return failAt(name, "name") << "a device needs a name (a string)";
    static constexpr StringLiteral known[] = {
        "name",  "kind",          "host",  "capacity", "reserved",
        "alignment", "compute_units", "speed", "reuse",    "ops"};
    for (auto &[key, unused] : *object)
      if (!llvm::is_contained(known, StringRef(key)))
        return failAt(name, key) << "unknown key";

    auto getInt = [&](StringRef key, std::optional<int64_t> fallback)
        -> FailureOr<int64_t> {
      const llvm::json::Value *field = object->get(key);
      if (!field) {
        if (fallback)
          return *fallback;
        return failAt(name, key) << "missing";
      }
      std::optional<int64_t> number = field->getAsInteger();
      if (!number || *number < 0)
        return failAt(name, key) << "expected a non-negative integer";
      return *number;
    };
    auto getString = [&](StringRef key, std::optional<StringRef> fallback)
        -> FailureOr<std::string> {
      const llvm::json::Value *field = object->get(key);
      if (!field) {
        if (fallback)
          return fallback->str();
        return failAt(name, key) << "missing";
      }
      std::optional<StringRef> text = field->getAsString();
      if (!text)
        return failAt(name, key) << "expected a string";
      return text->str();
    };

    FailureOr<std::string> kind = getString("kind", std::nullopt);
    FailureOr<int64_t> capacity = getInt("capacity", std::nullopt);
    FailureOr<int64_t> reserved = getInt("reserved", 0);
    FailureOr<int64_t> alignment = getInt("alignment", 64);
    FailureOr<int64_t> computeUnits = getInt("compute_units", 1);
    FailureOr<int64_t> speed = getInt("speed", 1);
    FailureOr<std::string> reuse = getString("reuse", StringRef("min-memory"));
    if (failed(kind) || failed(capacity) || failed(reserved) ||
        failed(alignment) || failed(computeUnits) || failed(speed) ||
        failed(reuse))
      return failure();
    bool host = false;
    if (const llvm::json::Value *field = object->get("host")) {
      std::optional<bool> flag = field->getAsBoolean();
      if (!flag)
        return failAt(name, "host") << "expected true or false";
      host = *flag;
    }
    SmallVector<OpSupportAttr> ops;
    if (const llvm::json::Value *field = object->get("ops")) {
      const llvm::json::Array *list = field->getAsArray();
      if (!list)
        return failAt(name, "ops") << "expected a list";
      for (const llvm::json::Value &entry : *list) {
        FailureOr<OpSupportAttr> op = readOp(name, entry);
        if (failed(op))
          return failure();
        ops.push_back(*op);
      }
    }
    auto verifyError = [&]() { return std::move(fail()); };
    DeviceAttr device = DeviceAttr::getChecked(
        verifyError, ctx, StringAttr::get(ctx, name), StringAttr::get(ctx, *kind),
        *capacity, *reserved, *alignment, *computeUnits, *speed,
        StringAttr::get(ctx, *reuse), host, ArrayRef<OpSupportAttr>(ops));
    if (!device)
      return failure();
    return device;
  }

  FailureOr<OpSupportAttr> readOp(StringRef device,
                                  const llvm::json::Value &entry) {
    if (std::optional<StringRef> opName = entry.getAsString()) {
      if (opName->empty())
        return failAt(device, "ops") << "an operation name must not be empty";
      return OpSupportAttr::get(ctx, StringAttr::get(ctx, *opName),
                                ArrayAttr(), {});
    }
    auto *object = entry.getAsObject();
    if (!object)
      return failAt(device, "ops")
             << "expected an operation name or an object";
    std::optional<StringRef> opName = object->getString("name");
    if (!opName || opName->empty())
      return failAt(device, "ops") << "an entry needs a non-empty 'name'";
    for (auto &[key, unused] : *object)
      if (key != "name" && key != "element_types" && key != "ranks")
        return failAt(device, "ops")
               << "unknown key '" << key.str() << "' in the entry of '"
               << *opName << "'";
    SmallVector<Attribute> types;
    if (const llvm::json::Value *field = object->get("element_types")) {
      const llvm::json::Array *list = field->getAsArray();
      if (!list)
        return failAt(device, "ops") << "'element_types' of '" << *opName
                                     << "' must be a list";
      for (const llvm::json::Value &typeName : *list) {
        std::optional<StringRef> text = typeName.getAsString();
        Type type = text ? parseType(*text, ctx) : Type();
        if (!type)
          return failAt(device, "ops")
                 << "'element_types' of '" << *opName
                 << "' must list MLIR types such as \"f32\"";
        types.push_back(TypeAttr::get(type));
      }
    }
    SmallVector<int64_t> ranks;
    if (const llvm::json::Value *field = object->get("ranks")) {
      const llvm::json::Array *list = field->getAsArray();
      if (!list)
        return failAt(device, "ops")
               << "'ranks' of '" << *opName << "' must be a list";
      for (const llvm::json::Value &rank : *list) {
        std::optional<int64_t> value = rank.getAsInteger();
        if (!value || *value < 0)
          return failAt(device, "ops") << "'ranks' of '" << *opName
                                       << "' must be non-negative integers";
        ranks.push_back(*value);
      }
    }
    return OpSupportAttr::get(ctx, StringAttr::get(ctx, *opName),
                              types.empty() ? ArrayAttr()
                                            : ArrayAttr::get(ctx, types),
                              ranks);
  }

  MLIRContext *ctx;
  StringRef path;
  function_ref<InFlightDiagnostic()> emitError;
};

} // namespace

FailureOr<ArrayAttr> mlir::memplan::readTargetDescription(
    MLIRContext *ctx, StringRef path, StringRef text,
    function_ref<InFlightDiagnostic()> emitError) {
  return TargetReader(ctx, path, emitError).read(text);
}

namespace {
struct MemPlanTargetsPass
    : public mlir::memplan::impl::MemPlanTargetsPassBase<MemPlanTargetsPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (file.empty()) {
      module.emitError() << "memplan-targets needs a file (file=PATH)";
      return signalPassFailure();
    }
    std::string error;
    std::unique_ptr<llvm::MemoryBuffer> buffer = openInputFile(file, &error);
    if (!buffer) {
      module.emitError() << "cannot read the target description '" << file
                         << "': " << error;
      return signalPassFailure();
    }
    FailureOr<ArrayAttr> targets =
        readTargetDescription(&getContext(), file, buffer->getBuffer(),
                              [&]() { return module.emitError(); });
    if (failed(targets))
      return signalPassFailure();
    LLVM_DEBUG(llvm::dbgs() << "read " << targets->size() << " devices from '"
                            << file << "': " << *targets << "\n");
    module->setAttr(MemPlanDialect::kTargetsAttrName, *targets);
  }
};
} // namespace
