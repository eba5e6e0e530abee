//===- Csv.h - Planner problems in the MiniMalloc CSV format ----*- C++ -*-===//
//
// One buffer per row: `id,lower,upper,size`, lifetime [lower, upper), size in
// bytes; optional columns `alignment` (a power of two) and `fixed_offset`
// (pre-placed buffers). An `offset` column, as written by writeCsvSolution,
// is ignored on input so that a solved file can be solved again.
//
//===----------------------------------------------------------------------===//

#ifndef MEMPLAN_PLANNER_CSV_H
#define MEMPLAN_PLANNER_CSV_H

#include "memplan/Planner/Planner.h"

#include <iosfwd>

namespace mlir {
namespace memplan {
namespace planner {

struct CsvProblem {
  Problem problem;
  /// The `id` of every buffer, in row order.
  std::vector<std::string> ids;
};

/// Parses a problem. On malformed input returns nullopt and sets `error` to
/// a message that starts with the 1-based line number ("line 4: ...").
std::optional<CsvProblem> readCsvProblem(std::istream &input,
                                         std::string &error);

/// Writes `id,lower,upper,size,offset` rows for a solution.
void writeCsvSolution(std::ostream &output, const CsvProblem &problem,
                      const std::vector<uint64_t> &offsets);

} // namespace planner
} // namespace memplan
} // namespace mlir

#endif // MEMPLAN_PLANNER_CSV_H
