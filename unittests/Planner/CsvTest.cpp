//===- CsvTest.cpp - Tests of the planner's CSV reader and writer ---------===//

#include "memplan/Planner/Csv.h"

#include "gtest/gtest.h"

#include <sstream>

using namespace mlir::memplan::planner;

namespace {

std::optional<CsvProblem> parse(const std::string &text, std::string &error) {
  std::istringstream in(text);
  return readCsvProblem(in, error);
}

std::string errorOf(const std::string &text) {
  std::string error;
  EXPECT_FALSE(parse(text, error).has_value()) << text;
  return error;
}

TEST(PlannerCsv, ReadsTheMiniMallocFormat) {
  std::string error;
  std::optional<CsvProblem> csv =
      parse("id,lower,upper,size\nb1,0,3,4\nb2,3,9,4\r\n\nb3, 0 ,9,4\n", error);
  ASSERT_TRUE(csv.has_value()) << error;
  ASSERT_EQ(csv->ids, (std::vector<std::string>{"b1", "b2", "b3"}));
  const Buffer &b2 = csv->problem.buffers[1];
  EXPECT_EQ(b2.start, 3u);
  EXPECT_EQ(b2.end, 9u);
  EXPECT_EQ(b2.size, 4u);
  EXPECT_EQ(b2.alignment, 1u);
}

TEST(PlannerCsv, ColumnsInAnyOrderWithOptionalOnes) {
  std::string error;
  std::optional<CsvProblem> csv = parse(
      "size,upper,id,lower,alignment,fixed_offset,offset\n16,5,x,1,8,32,999\n",
      error);
  ASSERT_TRUE(csv.has_value()) << error;
  const Buffer &b = csv->problem.buffers[0];
  EXPECT_EQ(b.size, 16u);
  EXPECT_EQ(b.start, 1u);
  EXPECT_EQ(b.end, 5u);
  EXPECT_EQ(b.alignment, 8u);
  EXPECT_EQ(b.fixedOffset, std::optional<uint64_t>(32));
}

TEST(PlannerCsv, WritesAnOffsetColumn) {
  std::string error;
  std::optional<CsvProblem> csv = parse("id,lower,upper,size\na,0,2,8\nb,1,3,8\n", error);
  ASSERT_TRUE(csv.has_value());
  std::ostringstream out;
  writeCsvSolution(out, *csv, {0, 8});
  EXPECT_EQ(out.str(), "id,lower,upper,size,offset\na,0,2,8,0\nb,1,3,8,8\n");
  // A solved file reads back as the same problem.
  std::optional<CsvProblem> again = parse(out.str(), error);
  ASSERT_TRUE(again.has_value()) << error;
  EXPECT_EQ(again->ids, csv->ids);
}

TEST(PlannerCsv, ErrorsNameTheLine) {
  EXPECT_EQ(errorOf(""), "line 1: empty input (expected the header id,lower,upper,size)");
  EXPECT_EQ(errorOf("id,lower,size\n"), "line 1: missing column 'upper'");
  EXPECT_EQ(errorOf("id,lower,upper,size,colour\n"),
            "line 1: unknown column 'colour' (expected id, lower, upper, size, "
            "and optionally alignment, fixed_offset, offset)");
  EXPECT_EQ(errorOf("id,lower,upper,size,size\n"), "line 1: column 'size' appears twice");
  EXPECT_EQ(errorOf("id,lower,upper,size\na,0,2\n"), "line 2: expected 4 fields, found 3");
  EXPECT_EQ(errorOf("id,lower,upper,size\na,0,2,8\nb,0,2,-8\n"),
            "line 3: size must not be negative, got '-8'");
  EXPECT_EQ(errorOf("id,lower,upper,size\na,0,2,eight\n"),
            "line 2: size 'eight' is not a non-negative integer");
  EXPECT_EQ(errorOf("id,lower,upper,size\na,5,5,8\n"),
            "line 2: buffer 'a' has upper 5 <= lower 5 (its lifetime [lower, "
            "upper) is empty)");
  EXPECT_EQ(errorOf("id,lower,upper,size\na,0,1,8\na,1,2,8\n"), "line 3: duplicate id 'a'");
  EXPECT_EQ(errorOf("id,lower,upper,size,alignment\na,0,1,8,3\n"),
            "line 2: alignment 3 is not a power of two");
  EXPECT_EQ(errorOf("id,lower,upper,size\n,0,1,8\n"), "line 2: empty id");
  EXPECT_EQ(errorOf("id,lower,upper,size\na,0,99999999999999999999999,8\n"),
            "line 2: upper '99999999999999999999999' is not a non-negative integer");
}

} // namespace
