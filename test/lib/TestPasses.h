//===- TestPasses.h - Test-only passes of memplan-opt -----------*- C++ -*-===//

#ifndef MEMPLAN_TEST_LIB_TESTPASSES_H
#define MEMPLAN_TEST_LIB_TESTPASSES_H

namespace mlir {
namespace memplan {
namespace test {

void registerTestPrintLivenessPass();
void registerTestHarnessPasses();

inline void registerTestPasses() {
  registerTestPrintLivenessPass();
  registerTestHarnessPasses();
}

} // namespace test
} // namespace memplan
} // namespace mlir

#endif // MEMPLAN_TEST_LIB_TESTPASSES_H
