//===- memplan-compile.cpp - a tensor program to an object and a C header -===//
//
//   memplan-compile net.mlir -o net.o [--header net.h] [--name net]
//                   [--entry forward] [--plan-options "targets=devices.json"]
//                   [--report plan.json] [--no-plan] [--emit=obj|asm|llvm]
//                   [--target-triple T] [--mcpu CPU] [--mattr F] [-O N]
//
// Plans @forward with memplan-pipeline in caller memory
// (arena-storage=argument: every buffer in one arena per device, results in
// out-parameters), lowers it with memplan-lower-to-llvm, and compiles it with
// LLVM in-process. The object exports one function,
//
//   int net_forward(void *arena, const float *input0, float *output0);
//
// (arenas, then inputs, then outputs, each a dense row-major array), and
// calls no allocator: the tool refuses a program whose plan leaves anything
// on the heap. The header gives the arena sizes and alignments as macros.
// --no-plan compiles the same entry without memplan (upstream bufferization,
// malloc and free): the baseline deployments are measured against.
//
//===----------------------------------------------------------------------===//

#include "memplan/Dialect/MemPlan/IR/MemPlan.h"
#include "memplan/InitMemPlan.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"

using namespace mlir;
namespace cl = llvm::cl;

static cl::OptionCategory category("memplan-compile options");

static cl::opt<std::string> inputFilename(cl::Positional,
                                          cl::desc("<program.mlir>"),
                                          cl::init("-"), cl::cat(category));
static cl::opt<std::string> outputFilename("o", cl::desc("Output file"),
                                           cl::value_desc("file"), cl::Required,
                                           cl::cat(category));
static cl::opt<std::string>
    headerFilename("header",
                   cl::desc("C header to write (default: the output file "
                            "with the extension .h)"),
                   cl::value_desc("file"), cl::cat(category));
static cl::opt<std::string>
    prefixOption("name",
                 cl::desc("Prefix of the exported symbol and the header's "
                          "macros (default: the output file's stem)"),
                 cl::value_desc("identifier"), cl::cat(category));
static cl::opt<std::string> entryName("entry",
                                      cl::desc("The function to compile"),
                                      cl::init("forward"), cl::cat(category));
static cl::opt<std::string> planOptions(
    "plan-options",
    cl::desc("More memplan-pipeline options, e.g. \"targets=devices.json "
             "strategy=exact\" (arena-storage=argument is implied)"),
    cl::value_desc("options"), cl::cat(category));
static cl::opt<std::string>
    reportFilename("report", cl::desc("Also write the JSON plan here"),
                   cl::value_desc("file"), cl::cat(category));
static cl::opt<bool> noPlan(
    "no-plan",
    cl::desc("Compile without memplan: upstream bufferization, every buffer "
             "from malloc and freed after its last use (the baseline)"),
    cl::cat(category));

enum class EmitKind { Object, Assembly, LLVMIR };
static cl::opt<EmitKind>
    emitKind("emit", cl::desc("What to write to the output file"),
             cl::values(clEnumValN(EmitKind::Object, "obj", "object file"),
                        clEnumValN(EmitKind::Assembly, "asm", "assembly"),
                        clEnumValN(EmitKind::LLVMIR, "llvm", "LLVM IR")),
             cl::init(EmitKind::Object), cl::cat(category));
static cl::opt<std::string>
    targetTriple("target-triple",
                 cl::desc("Target triple (default: this machine's)"),
                 cl::cat(category));
static cl::opt<std::string>
    targetCpu("mcpu",
              cl::desc("Target CPU (default: generic; 'native' for this "
                       "machine's)"),
              cl::init("generic"), cl::cat(category));
static cl::opt<std::string> targetFeatures("mattr", cl::desc("Target features"),
                                           cl::cat(category));
static cl::opt<unsigned> optLevel("O", cl::desc("Optimization level (0-3)"),
                                  cl::Prefix, cl::init(2), cl::cat(category));

namespace {
enum class Role { Arena, Input, Output };

/// One argument of the planned entry, as the C caller sees it.
struct Argument {
  Role role;
  MemRefType type;
  std::string cType;
  std::string cName;
  // Arenas only.
  std::string device;
  int64_t bytes = 0;
  int64_t alignment = 0;
};
} // namespace

static std::optional<std::string> cTypeOf(Type type) {
  if (type.isF32())
    return std::string("float");
  if (type.isF64())
    return std::string("double");
  if (type.isF16() || type.isBF16())
    return std::string("uint16_t");
  if (type.isIndex())
    return std::string("int64_t");
  if (auto integer = dyn_cast<IntegerType>(type)) {
    if (integer.getWidth() == 1)
      return std::string("bool");
    if (llvm::is_contained({8u, 16u, 32u, 64u}, integer.getWidth()))
      return (integer.isUnsigned() ? "uint" : "int") +
             std::to_string(integer.getWidth()) + "_t";
  }
  return std::nullopt;
}

static std::string cIdentifier(StringRef text) {
  std::string result;
  for (char c : text)
    result += llvm::isAlnum(c) ? c : '_';
  if (result.empty() || llvm::isDigit(result.front()))
    result.insert(result.begin(), '_');
  return result;
}

static std::string typeString(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << type;
  return text;
}

/// The C view of @entry's arguments after planning: arenas (one per device),
/// inputs and outputs, in the order of the C function's parameters.
static FailureOr<SmallVector<Argument>> describeArguments(func::FuncOp entry) {
  if (entry.getNumResults() != 0)
    return entry.emitError()
           << "memplan-compile: @" << entry.getSymName()
           << " still returns values after bufferization; only results that "
              "become out-parameters (statically shaped tensors) can be "
              "compiled";
  SmallVector<Argument> arguments;
  for (auto [index, value] : llvm::enumerate(entry.getArguments())) {
    Argument argument;
    argument.type = dyn_cast<MemRefType>(value.getType());
    if (!argument.type || !argument.type.hasStaticShape() ||
        !argument.type.getLayout().isIdentity())
      return entry.emitError()
             << "memplan-compile: argument " << index << " of @"
             << entry.getSymName() << " has type " << value.getType()
             << "; a C caller can pass only statically shaped, dense arrays";
    std::optional<std::string> cType = cTypeOf(argument.type.getElementType());
    if (!cType)
      return entry.emitError()
             << "memplan-compile: argument " << index << " of @"
             << entry.getSymName() << " has element type "
             << argument.type.getElementType() << ", which has no C type";
    argument.cType = *cType;
    if (auto plan = entry.getArgAttrOfType<memplan::ArenaAttr>(
            index, memplan::MemPlanDialect::kArenaArgAttrName)) {
      argument.role = Role::Arena;
      argument.cType = "uint8_t";
      argument.device = plan.getDevice().str();
      argument.bytes = plan.getSize();
      argument.alignment = plan.getAlignment();
    } else if (entry.getArgAttr(index, "bufferize.result")) {
      argument.role = Role::Output;
    } else {
      argument.role = Role::Input;
    }
    arguments.push_back(argument);
  }
  // Parameter names: `arena` when there is one, `arena_<device>` otherwise.
  unsigned numArenas = llvm::count_if(
      arguments, [](const Argument &a) { return a.role == Role::Arena; });
  unsigned inputs = 0, outputs = 0;
  for (Argument &argument : arguments) {
    if (argument.role == Role::Arena)
      argument.cName = numArenas == 1 ? std::string("arena")
                                      : "arena_" + cIdentifier(argument.device);
    else if (argument.role == Role::Input)
      argument.cName = "input" + std::to_string(inputs++);
    else
      argument.cName = "output" + std::to_string(outputs++);
  }
  return arguments;
}

/// The positions of the C parameters in @entry's argument list.
static SmallVector<unsigned> cParameterOrder(ArrayRef<Argument> arguments) {
  SmallVector<unsigned> order;
  for (Role role : {Role::Arena, Role::Input, Role::Output})
    for (auto [index, argument] : llvm::enumerate(arguments))
      if (argument.role == role)
        order.push_back(index);
  return order;
}

/// Adds the exported C entry, which checks its pointers and calls the
/// lowered `impl` with a memref descriptor per argument, and hides every
/// other definition, so that several compiled programs link together.
static LogicalResult addCEntry(ModuleOp module, StringRef implName,
                               StringRef entrySymbol,
                               ArrayRef<Argument> arguments) {
  auto impl = module.lookupSymbol<LLVM::LLVMFuncOp>(implName);
  if (!impl)
    return module.emitError() << "memplan-compile: lowering lost @" << implName;
  unsigned expected = 0;
  for (const Argument &argument : arguments)
    expected += 3 + 2 * argument.type.getRank();
  if (impl.getNumArguments() != expected)
    return impl.emitError() << "memplan-compile: the lowered @" << implName
                            << " takes " << impl.getNumArguments()
                            << " values, not one memref descriptor per "
                               "argument ("
                            << expected << ")";
  for (auto function : module.getOps<LLVM::LLVMFuncOp>())
    if (!function.isExternal())
      function.setLinkage(LLVM::Linkage::Internal);
  for (auto global : module.getOps<LLVM::GlobalOp>())
    if (global.getLinkage() == LLVM::Linkage::External &&
        (global.getValue() || !global.getInitializerRegion().empty()))
      global.setLinkage(LLVM::Linkage::Internal);

  MLIRContext *context = module.getContext();
  Location loc = impl.getLoc();
  OpBuilder builder(context);
  builder.setInsertionPointToEnd(module.getBody());
  auto ptrType = LLVM::LLVMPointerType::get(context);
  Type i32 = builder.getI32Type(), i64 = builder.getI64Type();
  SmallVector<unsigned> order = cParameterOrder(arguments);
  SmallVector<Type> parameterTypes(order.size(), ptrType);
  auto entry = LLVM::LLVMFuncOp::create(
      builder, loc, entrySymbol,
      LLVM::LLVMFunctionType::get(i32, parameterTypes));
  Block *check = entry.addEntryBlock(builder);
  Block *run = builder.createBlock(&entry.getBody());
  Block *nullPointer = builder.createBlock(&entry.getBody());
  Block *misaligned = builder.createBlock(&entry.getBody());
  auto constant = [&](Type type, int64_t value) -> Value {
    return LLVM::ConstantOp::create(builder, loc, type,
                                    builder.getIntegerAttr(type, value));
  };
  for (auto [block, code] : {std::pair(nullPointer, 2), {misaligned, 1}}) {
    builder.setInsertionPointToStart(block);
    LLVM::ReturnOp::create(builder, loc, constant(i32, code));
  }

  // Returns 2 if a pointer is null, 1 if an arena is not aligned as planned.
  builder.setInsertionPointToStart(check);
  Value null = LLVM::ZeroOp::create(builder, loc, ptrType);
  Value anyNull;
  for (BlockArgument parameter : check->getArguments()) {
    Value isNull = LLVM::ICmpOp::create(builder, loc, LLVM::ICmpPredicate::eq,
                                        parameter, null);
    anyNull =
        anyNull ? LLVM::OrOp::create(builder, loc, anyNull, isNull) : isNull;
  }
  Block *alignmentCheck = builder.createBlock(&entry.getBody());
  builder.setInsertionPointToEnd(check);
  if (anyNull)
    LLVM::CondBrOp::create(builder, loc, anyNull, nullPointer, alignmentCheck);
  else
    LLVM::BrOp::create(builder, loc, alignmentCheck);
  builder.setInsertionPointToStart(alignmentCheck);
  Value anyMisaligned;
  for (auto [position, index] : llvm::enumerate(order)) {
    const Argument &argument = arguments[index];
    if (argument.role != Role::Arena)
      continue;
    Value address = LLVM::PtrToIntOp::create(builder, loc, i64,
                                             check->getArgument(position));
    Value remainder = LLVM::URemOp::create(builder, loc, address,
                                           constant(i64, argument.alignment));
    Value bad = LLVM::ICmpOp::create(builder, loc, LLVM::ICmpPredicate::ne,
                                     remainder, constant(i64, 0));
    anyMisaligned = anyMisaligned
                        ? LLVM::OrOp::create(builder, loc, anyMisaligned, bad)
                        : bad;
  }
  if (anyMisaligned)
    LLVM::CondBrOp::create(builder, loc, anyMisaligned, misaligned, run);
  else
    LLVM::BrOp::create(builder, loc, run);

  // A dense descriptor per argument: the pointer twice, offset 0, sizes and
  // row-major strides.
  builder.setInsertionPointToStart(run);
  SmallVector<Value> operands;
  for (auto [index, argument] : llvm::enumerate(arguments)) {
    Value pointer =
        check->getArgument(llvm::find(order, index) - order.begin());
    operands.append({pointer, pointer, constant(i64, 0)});
    ArrayRef<int64_t> shape = argument.type.getShape();
    for (int64_t size : shape)
      operands.push_back(constant(i64, size));
    int64_t stride = 1;
    SmallVector<Value> strides;
    for (int64_t size : llvm::reverse(shape)) {
      strides.push_back(constant(i64, stride));
      stride *= size;
    }
    operands.append(strides.rbegin(), strides.rend());
  }
  LLVM::CallOp::create(builder, loc, impl, operands);
  LLVM::ReturnOp::create(builder, loc, constant(i32, 0));
  return success();
}

/// The allocator calls a heap-free program must not make.
static LogicalResult checkNoHeapCalls(const llvm::Module &module) {
  bool found = false;
  for (StringRef allocator :
       {"malloc", "calloc", "realloc", "free", "aligned_alloc",
        "posix_memalign", "_mlir_memref_to_llvm_alloc",
        "_mlir_memref_to_llvm_aligned_alloc", "_mlir_memref_to_llvm_free"}) {
    const llvm::Function *function = module.getFunction(allocator);
    if (function && !function->use_empty()) {
      llvm::errs() << "memplan-compile: error: the compiled program calls "
                   << allocator << "\n";
      found = true;
    }
  }
  return failure(found);
}

static void writeHeader(raw_ostream &os, StringRef prefix, StringRef entry,
                        StringRef input, ArrayRef<Argument> arguments) {
  std::string macro = StringRef(cIdentifier(prefix)).upper();
  std::string guard = macro + "_H";
  SmallVector<unsigned> order = cParameterOrder(arguments);
  unsigned numArenas = 0, numInputs = 0, numOutputs = 0;
  for (const Argument &argument : arguments)
    ++(argument.role == Role::Arena   ? numArenas
       : argument.role == Role::Input ? numInputs
                                      : numOutputs);

  os << "/* Generated by memplan-compile from " << input << ": @" << entry
     << ", "
     << (noPlan ? "unplanned (its buffers come from malloc)"
                : "planned (no heap: every buffer in the caller's arena)")
     << ". */\n"
     << "#ifndef " << guard << "\n#define " << guard << "\n\n"
     << "#include <stdbool.h>\n#include <stdint.h>\n\n"
     << "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n";
  for (const Argument &argument : arguments) {
    std::string name = StringRef(argument.cName).upper();
    if (argument.role == Role::Arena) {
      os << "/* The arena of device \"" << argument.device
         << "\": scratch memory for one call, nothing kept between calls. "
            "*/\n"
         << "#define " << macro << "_" << name << "_BYTES " << argument.bytes
         << "\n#define " << macro << "_" << name << "_ALIGNMENT "
         << argument.alignment << "\n";
      continue;
    }
    os << "/* " << (argument.role == Role::Input ? "Input" : "Output") << ": "
       << typeString(argument.type) << ", dense row-major. */\n"
       << "#define " << macro << "_" << name << "_ELEMENTS "
       << argument.type.getNumElements() << "\n";
  }

  std::string function = (prefix + "_" + entry).str();
  std::string parameters;
  llvm::raw_string_ostream list(parameters);
  llvm::interleaveComma(order, list, [&](unsigned index) {
    const Argument &argument = arguments[index];
    list << (argument.role == Role::Arena   ? "void *"
             : argument.role == Role::Input ? "const " + argument.cType + " *"
                                            : argument.cType + " *")
         << argument.cName;
  });
  if (parameters.empty())
    parameters = "void";
  os << "\n/* Runs @" << entry;
  if (numArenas)
    os << " with the arena" << (numArenas > 1 ? "s" : "")
       << " first (aligned as above)";
  os << ". Returns 0; 1 if an arena is not aligned; 2 if a pointer is null. "
        "*/\n"
     << "int " << function << "(" << parameters << ");\n\n";

  // The same, as data, for drivers that run any compiled program
  // (examples/c-deploy).
  os << "#ifndef MEMPLAN_PROGRAM_DEFINED\n#define MEMPLAN_PROGRAM_DEFINED\n"
     << "struct memplan_program {\n"
     << "  const char *name;\n"
     << "  int num_arenas, num_inputs, num_outputs;\n"
     << "  const int64_t *arena_bytes, *arena_alignments;\n"
     << "  const int64_t *input_elements, *output_elements;\n"
     << "  const char *const *input_types, *const *output_types;\n"
     << "  int (*run)(void *const *arenas, const void *const *inputs,\n"
     << "             void *const *outputs);\n"
     << "};\n#endif\n\n";
  auto table = [&](StringRef cType, StringRef suffix, Role role,
                   llvm::function_ref<std::string(const Argument &)> value) {
    os << "static const " << cType << " " << prefix << "_" << suffix
       << "[] = {";
    std::string values;
    llvm::raw_string_ostream list(values);
    llvm::interleaveComma(
        llvm::make_filter_range(
            arguments, [&](const Argument &a) { return a.role == role; }),
        list, [&](const Argument &a) { list << value(a); });
    os << (values.empty() ? "0" : values) << "};\n";
  };
  table("int64_t", "arena_bytes", Role::Arena,
        [](const Argument &a) { return std::to_string(a.bytes); });
  table("int64_t", "arena_alignments", Role::Arena,
        [](const Argument &a) { return std::to_string(a.alignment); });
  for (auto [role, name] :
       {std::pair(Role::Input, "input"), {Role::Output, "output"}}) {
    table("int64_t", std::string(name) + "_elements", role,
          [](const Argument &a) {
            return std::to_string(a.type.getNumElements());
          });
    table("char *const", std::string(name) + "_types", role,
          [](const Argument &a) {
            return "\"" + typeString(a.type.getElementType()) + "\"";
          });
  }
  os << "static inline int " << prefix
     << "_run(void *const *arenas, const void *const *inputs,\n"
     << "    void *const *outputs) {\n"
     << "  (void)arenas; (void)inputs; (void)outputs;\n"
     << "  return " << function << "(";
  unsigned counts[3] = {0, 0, 0};
  llvm::interleaveComma(order, os, [&](unsigned index) {
    const Argument &argument = arguments[index];
    unsigned position = counts[static_cast<int>(argument.role)]++;
    if (argument.role == Role::Arena)
      os << "arenas[" << position << "]";
    else if (argument.role == Role::Input)
      os << "(const " << argument.cType << " *)inputs[" << position << "]";
    else
      os << "(" << argument.cType << " *)outputs[" << position << "]";
  });
  os << ");\n}\n"
     << "static const struct memplan_program " << prefix << "_program = {\n"
     << "    \"" << prefix << "\", " << numArenas << ", " << numInputs << ", "
     << numOutputs << ",\n"
     << "    " << prefix << "_arena_bytes, " << prefix << "_arena_alignments, "
     << prefix << "_input_elements,\n"
     << "    " << prefix << "_output_elements, " << prefix << "_input_types, "
     << prefix << "_output_types,\n"
     << "    " << prefix << "_run};\n\n"
     << "#ifdef __cplusplus\n}\n#endif\n\n#endif /* " << guard << " */\n";
}

/// Runs a textual pipeline (module passes, no anchor) on `module`.
static LogicalResult runPipeline(ModuleOp module, StringRef pipeline) {
  PassManager pm(module.getContext());
  std::string errors;
  llvm::raw_string_ostream errorStream(errors);
  if (failed(parsePassPipeline(pipeline, pm, errorStream))) {
    llvm::errs() << "memplan-compile: error: " << errors << "\n";
    return failure();
  }
  return pm.run(module);
}

static LogicalResult emitCode(llvm::Module &module,
                              llvm::raw_pwrite_stream &os) {
  llvm::Triple triple(targetTriple.empty() ? llvm::sys::getDefaultTargetTriple()
                                           : targetTriple.getValue());
  std::string error;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target) {
    llvm::errs() << "memplan-compile: error: " << error << "\n";
    return failure();
  }
  std::string cpu = targetCpu == "native" ? llvm::sys::getHostCPUName().str()
                                          : targetCpu.getValue();
  auto codeGenLevel = static_cast<llvm::CodeGenOptLevel>(optLevel.getValue());
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      triple, cpu, targetFeatures, llvm::TargetOptions(), llvm::Reloc::PIC_,
      std::nullopt, codeGenLevel));
  if (!machine) {
    llvm::errs() << "memplan-compile: error: no target machine for "
                 << triple.str() << " (cpu " << cpu << ")\n";
    return failure();
  }
  module.setTargetTriple(triple);
  module.setDataLayout(machine->createDataLayout());
  if (llvm::Error err = makeOptimizingTransformer(optLevel, /*sizeLevel=*/0,
                                                  machine.get())(&module)) {
    llvm::errs() << "memplan-compile: error: " << toString(std::move(err))
                 << "\n";
    return failure();
  }
  if (emitKind == EmitKind::LLVMIR) {
    module.print(os, nullptr);
    return success();
  }
  llvm::legacy::PassManager codeGen;
  if (machine->addPassesToEmitFile(codeGen, os, nullptr,
                                   emitKind == EmitKind::Object
                                       ? llvm::CodeGenFileType::ObjectFile
                                       : llvm::CodeGenFileType::AssemblyFile)) {
    llvm::errs() << "memplan-compile: error: " << triple.str()
                 << " cannot emit this kind of file\n";
    return failure();
  }
  codeGen.run(module);
  return success();
}

static LogicalResult compile(ModuleOp module, StringRef prefix) {
  auto entry = module.lookupSymbol<func::FuncOp>(entryName);
  if (!entry || entry.isExternal())
    return module.emitError() << "memplan-compile: no function @" << entryName
                              << " with a body to compile (choose one with "
                                 "--entry)";
  std::string entrySymbol = (prefix + "_" + entryName).str();
  std::string implName = entrySymbol + "_impl";
  for (StringRef name : {StringRef(entrySymbol), StringRef(implName)})
    if (module.lookupSymbol(name))
      return module.emitError()
             << "memplan-compile: the program already defines @" << name
             << "; choose another --name";
  // The C signature promises not to write the inputs.
  for (unsigned i = 0, e = entry.getNumArguments(); i < e; ++i)
    if (isa<TensorType>(entry.getArgument(i).getType()))
      entry.setArgAttr(i,
                       bufferization::BufferizationDialect::kWritableAttrName,
                       BoolAttr::get(module.getContext(), false));

  std::string pipeline;
  if (noPlan) {
    if (!planOptions.empty() || !reportFilename.empty()) {
      llvm::errs() << "memplan-compile: error: --no-plan compiles without a "
                      "plan; it takes neither --plan-options nor --report\n";
      return failure();
    }
    pipeline = "one-shot-bufferize{bufferize-function-boundaries "
               "function-boundary-type-conversion=identity-layout-map "
               "buffer-alignment=64},buffer-results-to-out-params{add-result-"
               "attr modify-public-functions}";
  } else {
    if (StringRef(planOptions).contains("arena-storage")) {
      llvm::errs() << "memplan-compile: error: memplan-compile always takes "
                      "the arenas from the caller (arena-storage=argument); "
                      "leave arena-storage out of --plan-options\n";
      return failure();
    }
    pipeline = "memplan-pipeline{arena-storage=argument " + planOptions + "}";
    if (!reportFilename.empty())
      pipeline += ",memplan-report{format=json output=" + reportFilename + "}";
  }
  if (failed(runPipeline(module, pipeline)))
    return failure();
  // Bufferization may have replaced the function.
  entry = module.lookupSymbol<func::FuncOp>(entryName);

  FailureOr<SmallVector<Argument>> arguments = describeArguments(entry);
  if (failed(arguments))
    return failure();
  if (!noPlan) {
    WalkResult heap = module.walk([](Operation *op) {
      if (!isa<memref::AllocOp, memref::ReallocOp>(op))
        return WalkResult::advance();
      op->emitError() << "memplan-compile: this buffer is not in an arena and "
                         "would come from the heap";
      return WalkResult::interrupt();
    });
    if (heap.wasInterrupted())
      return failure();
  }
  if (failed(SymbolTable(module).rename(entry, implName)))
    return failure();
  if (failed(runPipeline(module, "memplan-lower-to-llvm")) ||
      failed(addCEntry(module, implName, entrySymbol, *arguments)))
    return failure();

  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(module, llvmContext, prefix);
  if (!llvmModule)
    return module.emitError()
           << "memplan-compile: translation to LLVM IR failed";
  if (!noPlan && failed(checkNoHeapCalls(*llvmModule)))
    return failure();

  std::string error;
  auto output = openOutputFile(outputFilename, &error);
  if (!output) {
    llvm::errs() << "memplan-compile: error: " << error << "\n";
    return failure();
  }
  if (failed(emitCode(*llvmModule, output->os())))
    return failure();

  SmallString<128> headerPath(headerFilename);
  if (headerPath.empty()) {
    headerPath = outputFilename;
    llvm::sys::path::replace_extension(headerPath, "h");
  }
  auto header = openOutputFile(headerPath, &error);
  if (!header) {
    llvm::errs() << "memplan-compile: error: " << error << "\n";
    return failure();
  }
  writeHeader(header->os(), prefix, entryName,
              inputFilename == "-" ? StringRef("<stdin>")
                                   : llvm::sys::path::filename(inputFilename),
              *arguments);
  output->keep();
  header->keep();
  return success();
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  registerAllPasses();
  memplan::registerMemPlanPasses();
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(
      argc, argv,
      "memplan-compile: a tensor program to a heap-free object file and a C "
      "header\n");

  std::string prefix = prefixOption.empty()
                           ? cIdentifier(llvm::sys::path::stem(outputFilename))
                           : prefixOption.getValue();
  if (optLevel > 3) {
    llvm::errs() << "memplan-compile: error: -O" << optLevel
                 << " is not an optimization level (0-3)\n";
    return 1;
  }
  if (prefix != cIdentifier(prefix)) {
    llvm::errs() << "memplan-compile: error: --name=" << prefix
                 << " is not a C identifier\n";
    return 1;
  }

  llvm::InitializeAllTargetInfos();
  llvm::InitializeAllTargets();
  llvm::InitializeAllTargetMCs();
  llvm::InitializeAllAsmPrinters();

  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerAllToLLVMIRTranslations(registry);
  memplan::registerMemPlanDialects(registry);
  MLIRContext context(registry);
  // Diagnostics point at the source; the whole function is no help.
  context.printOpOnDiagnostic(false);

  std::string error;
  std::unique_ptr<llvm::MemoryBuffer> file =
      openInputFile(inputFilename, &error);
  if (!file) {
    llvm::errs() << "memplan-compile: error: " << error << "\n";
    return 1;
  }
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  SourceMgrDiagnosticHandler diagnostics(sourceMgr, &context);
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  if (!module)
    return 1;
  return failed(compile(*module, prefix)) ? 1 : 0;
}
