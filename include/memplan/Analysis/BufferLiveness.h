//===- BufferLiveness.h - Buffer lifetimes by use counting ------*- C++ -*-===//
//
// Lifetimes of the buffers of one program in bufferized IR, measured in
// schedule steps. A program is a function together with the device
// sub-functions it calls (see ProgramStructure); its steps are the top-level
// operations of the function, where a call of a device sub-function stands
// for the top-level operations of the callee, in order. A buffer lives from
// its first use to its last use, where uses through aliases (subview,
// reshape, cast, view, region arguments...) count as uses of the buffer, a
// use nested in a loop or branch counts for the whole enclosing top-level
// operation, and passing a buffer to a device sub-function uses it during
// the whole call. Buffers that escape, have dynamic shapes or cannot be
// given a fixed address for another reason are reported with the reason.
//
// In a function split into execution units (`memplan.unit`), lifetimes
// cover whole units, and on a device whose reuse principle is
// `max-parallel` they also cover every unit that may run at the same time
// as one of the buffer's units (on another compute unit, with no dependence
// path between them), so that such buffers never share bytes.
//
//===----------------------------------------------------------------------===//

#ifndef MEMPLAN_ANALYSIS_BUFFERLIVENESS_H
#define MEMPLAN_ANALYSIS_BUFFERLIVENESS_H

#include "mlir/Dialect/Bufferization/Transforms/BufferViewFlowAnalysis.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Operation.h"
#include "mlir/Interfaces/CallInterfaces.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "llvm/ADT/DenseMap.h"

#include <memory>
#include <optional>
#include <string>

namespace mlir {
namespace memplan {

/// A buffer that can live at a fixed offset.
struct LiveBuffer {
  /// The value naming the buffer (an allocation result, or an arena view).
  Value value;
  /// Bytes (element size x element count).
  int64_t size = 0;
  /// First and last step at which the buffer is live (inclusive): whole
  /// execution units where the function has them.
  int64_t firstStep = 0;
  int64_t lastStep = 0;
  /// The steps of its first and last use (where an in-place handover
  /// happens).
  int64_t firstUse = 0;
  int64_t lastUse = 0;
  /// Number of steps that read the buffer: its use count. The buffer's
  /// block becomes free when the last of these consumers has run.
  int64_t readers = 0;
  /// Index (into the buffer list) of a buffer that dies at this buffer's
  /// first step and whose block this one can take over in place.
  std::optional<unsigned> inPlaceOf;
  /// The device whose memory holds the buffer.
  StringAttr device;

  Operation *getDefiningOp() const { return value.getDefiningOp(); }
};

/// A buffer left out of the plan, and why.
struct UnplannedBuffer {
  Operation *op;
  std::string reason;
  /// The buffer cannot exist at all (its size does not fit in 64 bits):
  /// an error, not a remark.
  bool isError = false;
};

/// Decides which operations define the buffers the analysis tracks.
using BufferRootFn = llvm::function_ref<bool(Operation *)>;

/// The programs of a module. A device sub-function (a private function with
/// a body and `memplan.device`) called exactly once, by an operation at the
/// top level of a function body, runs as part of its caller's program; every
/// other function with a body is the root of a program.
class ProgramStructure {
public:
  explicit ProgramStructure(Operation *module);

  /// The call that runs `callee` in its caller's program, if any.
  CallOpInterface getProgramCall(FunctionOpInterface callee) const {
    return programCalls.lookup(callee);
  }
  /// The device sub-function `op` runs, if `op` is its program call.
  FunctionOpInterface getProgramCallee(Operation *op) const {
    return calleeOfCall.lookup(op);
  }
  /// The functions that are not part of another's program.
  SmallVector<FunctionOpInterface> getRoots() const;
  /// The functions of `root`'s program: `root`, then the device
  /// sub-functions it calls, in call order (depth first).
  SmallVector<FunctionOpInterface> getFunctions(FunctionOpInterface root) const;

private:
  Operation *module;
  DenseMap<Operation *, CallOpInterface> programCalls;
  DenseMap<Operation *, FunctionOpInterface> calleeOfCall;
};

/// The device a function runs on: its `memplan.device`, or the host.
StringAttr getFunctionDevice(FunctionOpInterface func);

class BufferLiveness {
public:
  /// Analyses the program of `func` (in `programs`, its module's). Roots
  /// are `memref.alloc` and `memref.alloca` unless `isRoot` says otherwise.
  /// With `findInPlace`, records in-place reuse candidates (see
  /// `isInPlaceHandover`).
  BufferLiveness(FunctionOpInterface func, const ProgramStructure &programs,
                 bool findInPlace,
                 std::optional<BufferRootFn> isRoot = std::nullopt,
                 bool testRepeatOldMistakes = false);
  ~BufferLiveness();

  ArrayRef<LiveBuffer> getBuffers() const { return buffers; }
  ArrayRef<UnplannedBuffer> getUnplanned() const { return unplanned; }
  /// The top-level operations of the program, in schedule order.
  ArrayRef<Operation *> getSteps() const { return steps; }
  int64_t getNumSteps() const { return steps.size(); }
  /// The functions of the program: `func` first, then its device
  /// sub-functions in call order.
  ArrayRef<FunctionOpInterface> getFunctions() const { return functions; }
  /// The first and last step of `op`: those of its top-level ancestor, or
  /// of the callee's whole body for a call of a device sub-function.
  std::pair<int64_t, int64_t> getSpan(Operation *op) const;

private:
  void addFunction(FunctionOpInterface func, StringAttr device,
                   const ProgramStructure &programs);
  void analyzeRoot(Operation *root, FunctionOpInterface func);
  void findInPlacePairs();
  void applyExecutionUnits();
  BufferViewFlowAnalysis &getFlow(Operation *op);
  Operation *getTopLevelAncestor(Operation *op) const;

  SmallVector<FunctionOpInterface> functions;
  /// Per function of the program: its device and its span of steps.
  DenseMap<Operation *, StringAttr> deviceOf;
  DenseMap<Operation *, std::pair<int64_t, int64_t>> spanOf;
  DenseMap<Operation *, std::unique_ptr<BufferViewFlowAnalysis>> flows;
  /// Per call of a device sub-function: the callee.
  DenseMap<Operation *, FunctionOpInterface> calleeOf;
  SmallVector<Operation *> steps;
  DenseMap<Operation *, int64_t> stepOf;
  SmallVector<LiveBuffer> buffers;
  DenseMap<Value, unsigned> bufferIndex;
  SmallVector<UnplannedBuffer> unplanned;
  /// Testing only: see memplan-liveness's test-repeat-old-mistakes.
  bool repeatOldMistakes = false;
};

/// The bytes a statically shaped memref with identity layout occupies, or
/// nullopt (with the reason in `whyNot`) if it cannot live in an arena.
std::optional<int64_t> getArenaBufferSize(MemRefType type, Operation *context,
                                          std::string *whyNot = nullptr);

/// The bytes of the elements of a statically shaped tensor or memref of any
/// layout, as an identity-layout buffer would hold them; 0 if unknown.
int64_t getStaticBytes(ShapedType type, Operation *context);

/// The buffer `value` views as a whole, with every byte where it is: follows
/// `collapse_shape`, `expand_shape` and `cast` between identity layouts.
Value getWholeBuffer(Value value);

/// True if `op` computes each element of `out` from the element of `in` at
/// the same position and no other iteration touches that position, so that
/// it may write `out` over `in`: all loops parallel, the same statically
/// shaped type (identity layout for memrefs), the same indexing map up to
/// dimensions of size 1, that map injective over the iteration space (each
/// result a distinct loop or the 0 of a unit dimension, every other loop of
/// trip count 1), and a payload that never reads `out`.
bool isElementwisePair(linalg::LinalgOp op, OpOperand &in, OpOperand &out);

/// True if a region of `op` reads a shaped value defined outside of `op`
/// (other than through `op`'s operands): it may read any element of it, at
/// any point of the iteration.
bool capturesShapedValue(Operation *op);

/// True if `copy` moves every byte onto itself: its source and target are
/// whole views of the same type at the same constant byte offset of one
/// buffer (as after a copy's target is planned in place of its source).
bool isCopyOntoItself(memref::CopyOp copy);

/// True if `op` may write buffer `target` over the block of buffer `donor`
/// (both allocation results or arena views) while reading it, the caller
/// having checked that `donor` dies at `op` and `target` is born there:
///  * a `linalg` op whose input and output are whole views of `donor` and
///    `target` and form an elementwise pair (isElementwisePair), no other
///    operand referring to either buffer (except inputs reading the donor
///    the same way);
///  * a `memref.copy` between whole views of the same type moves every byte
///    onto itself.
bool isInPlaceHandover(Operation *op, Value donor, Value target,
                       BufferViewFlowAnalysis &flow,
                       bool ignoreCaptures = false);

} // namespace memplan
} // namespace mlir

#endif // MEMPLAN_ANALYSIS_BUFFERLIVENESS_H
