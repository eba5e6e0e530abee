//===- BufferizableOpInterfaceImpl.cpp - Bufferizing memplan ops ----------===//
//
// One-shot bufferization of memplan.transfer: an allocation on the
// destination device (`memplan.device`) and a copy carrying the route
// (`memplan.transfer`).
//
//===----------------------------------------------------------------------===//

#include "memplan/Transforms/Passes.h"

#include "mlir/Dialect/Bufferization/IR/BufferizableOpInterface.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

using namespace mlir;
using namespace mlir::bufferization;
using namespace mlir::memplan;

namespace {
struct TransferOpInterface
    : public BufferizableOpInterface::ExternalModel<TransferOpInterface,
                                                    TransferOp> {
  bool bufferizesToMemoryRead(Operation *, OpOperand &,
                              const AnalysisState &) const {
    return true;
  }
  bool bufferizesToMemoryWrite(Operation *, OpOperand &,
                               const AnalysisState &) const {
    return false;
  }
  AliasingValueList getAliasingValues(Operation *, OpOperand &,
                                      const AnalysisState &) const {
    return {};
  }
  bool bufferizesToAllocation(Operation *, Value) const { return true; }

  LogicalResult bufferize(Operation *op, RewriterBase &rewriter,
                          const BufferizationOptions &options,
                          BufferizationState &state) const {
    auto transfer = cast<TransferOp>(op);
    FailureOr<Value> source =
        getBuffer(rewriter, transfer.getSource(), options, state);
    if (failed(source))
      return failure();
    auto type = transfer.getResult().getType();
    auto memrefType = MemRefType::get(type.getShape(), type.getElementType());
    // A dynamically sized destination takes its sizes from the source.
    SmallVector<Value> dynamicSizes;
    for (int64_t dim = 0; dim < type.getRank(); ++dim)
      if (type.isDynamicDim(dim))
        dynamicSizes.push_back(
            memref::DimOp::create(rewriter, op->getLoc(), *source, dim));
    FailureOr<Value> destination =
        options.createAlloc(rewriter, op->getLoc(), memrefType, dynamicSizes);
    if (failed(destination))
      return failure();
    destination->getDefiningOp()->setAttr(MemPlanDialect::kDeviceAttrName,
                                          transfer.getRoute().getTo());
    auto copy = memref::CopyOp::create(rewriter, op->getLoc(), *source,
                                       *destination);
    copy->setAttr(MemPlanDialect::kTransferAttrName, transfer.getRoute());
    replaceOpWithBufferizedValues(rewriter, op, *destination);
    return success();
  }
};
} // namespace

void mlir::memplan::registerBufferizableOpInterfaceExternalModels(
    DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, MemPlanDialect *) {
    TransferOp::attachInterface<TransferOpInterface>(*ctx);
  });
}
