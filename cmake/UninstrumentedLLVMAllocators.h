//===- UninstrumentedLLVMAllocators.h - no poisoning of shared slabs ------===//
//
// Included before anything else in every memplan source built with
// MEMPLAN_ENABLE_SANITIZERS. Under AddressSanitizer, llvm::BumpPtrAllocator's
// inline code poisons each new slab and unpoisons what it hands out; MLIR's
// own, uninstrumented copy of that code hands out memory without
// unpoisoning. When our code grows a slab that MLIR later allocates from (an
// attribute uniquer's), MLIR's writes there are reported as use-after-poison
// although nothing is wrong. Our copies therefore do not poison either.
//
//===----------------------------------------------------------------------===//

#include <sanitizer/asan_interface.h>
#define __asan_poison_memory_region(addr, size) ((void)(addr), (void)(size))
