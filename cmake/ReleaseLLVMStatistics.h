//===- ReleaseLLVMStatistics.h - statistics as a release LLVM has them ----===//
//
// Included before anything else in every memplan source built with
// MEMPLAN_ENABLE_ASSERTIONS against an LLVM built without assertions.
// MLIR's Pass::Statistic derives from llvm::Statistic, whose layout depends
// on NDEBUG (TrackingStatistic without it, NoopStatistic with it): our passes
// must lay their statistics out as libMLIR's code expects. No other class
// in the LLVM and MLIR headers we use changes layout with NDEBUG.
//
//===----------------------------------------------------------------------===//

#ifndef NDEBUG
#define NDEBUG
#include "llvm/ADT/Statistic.h"
#undef NDEBUG
// <cassert> has no include guard: this brings assert() back.
#include <cassert>
#endif
