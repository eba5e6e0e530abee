//===- memplan-solve.cpp - The planner on CSV problems --------------------===//
//
// memplan-solve [--strategy=NAME] [--capacity=BYTES] [--time-limit=SECONDS]
//               [--work-limit=N] [--alignment=BYTES] INPUT.csv [-o OUTPUT.csv]
//
// Reads a problem in the MiniMalloc CSV format, solves it and prints the
// peak, the lower bound, their ratio, the time and whether the plan is
// proven optimal. With -o, writes the rows with an `offset` column ('-' for
// stdout, in which case the summary goes to stderr).
//
// With --capacity and neither --time-limit nor --work-limit, the search runs
// until it finds a plan within the capacity or proves that none exists.
//
// Exit status: 0 on success, 1 if a capacity was given and no plan within it
// was found, 2 on bad usage or malformed input.
//
//===----------------------------------------------------------------------===//

#include "memplan/Planner/Csv.h"
#include "memplan/Planner/Planner.h"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

using namespace mlir::memplan::planner;

namespace {

const char *kUsage =
    "usage: memplan-solve [--strategy=NAME] [--capacity=BYTES]\n"
    "                     [--time-limit=SECONDS] [--work-limit=N]\n"
    "                     [--alignment=BYTES] INPUT.csv [-o OUTPUT.csv]\n"
    "       memplan-solve --list-strategies\n";

int usageError(const std::string &message) {
  std::cerr << "memplan-solve: " << message << "\n" << kUsage;
  return 2;
}

bool parseUnsigned(const std::string &text, uint64_t &value) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

bool parseSeconds(const std::string &text, double &value) {
  std::istringstream in(text);
  in >> value;
  return !text.empty() && in.eof() && !in.fail() && value >= 0;
}

std::string strategyList() {
  std::string names;
  for (Strategy s : allStrategies())
    names += (names.empty() ? "" : ", ") + std::string(strategyName(s));
  return names;
}

} // namespace

int main(int argc, char **argv) {
  SolveOptions options;
  std::optional<uint64_t> capacity;
  bool limitGiven = false;
  uint64_t alignment = 1;
  std::string inputPath, outputPath;

  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    std::string value;
    auto takeValue = [&](const char *flag) -> bool {
      size_t length = std::strlen(flag);
      if (arg.compare(0, length, flag) != 0)
        return false;
      if (arg.size() > length && arg[length] == '=') {
        value = arg.substr(length + 1);
        return true;
      }
      if (arg.size() == length && i + 1 < argc) {
        value = argv[++i];
        return true;
      }
      return false;
    };
    if (arg == "-h" || arg == "--help") {
      std::cout << kUsage << "strategies:\n";
      for (Strategy s : allStrategies())
        std::cout << "  " << std::left << std::setw(18) << strategyName(s)
                  << strategyDescription(s) << "\n";
      return 0;
    }
    if (arg == "--list-strategies") {
      for (Strategy s : allStrategies())
        std::cout << strategyName(s) << "\n";
      return 0;
    }
    if (takeValue("--strategy")) {
      std::optional<Strategy> strategy = parseStrategy(value);
      if (!strategy)
        return usageError("unknown strategy '" + value +
                          "' (expected one of: " + strategyList() + ")");
      options.strategy = *strategy;
    } else if (takeValue("--capacity")) {
      uint64_t bytes;
      if (!parseUnsigned(value, bytes))
        return usageError("--capacity expects a number of bytes, got '" +
                          value + "'");
      capacity = bytes;
    } else if (takeValue("--time-limit")) {
      if (!parseSeconds(value, options.timeLimitSeconds))
        return usageError("--time-limit expects seconds, got '" + value + "'");
      limitGiven = true;
    } else if (takeValue("--work-limit")) {
      if (!parseUnsigned(value, options.workLimit))
        return usageError("--work-limit expects a count, got '" + value + "'");
      limitGiven = true;
    } else if (takeValue("--alignment")) {
      if (!parseUnsigned(value, alignment) || alignment == 0 ||
          (alignment & (alignment - 1)) != 0)
        return usageError("--alignment expects a power of two, got '" + value +
                          "'");
    } else if (arg == "-o") {
      if (i + 1 >= argc)
        return usageError("-o expects a file name");
      outputPath = argv[++i];
    } else if (arg.size() > 1 && arg[0] == '-') {
      return usageError("unknown option '" + arg + "'");
    } else if (inputPath.empty()) {
      inputPath = arg;
    } else {
      return usageError("more than one input file");
    }
  }
  if (inputPath.empty())
    return usageError("no input file");
  // The decision question is answered, not guessed: without a limit the
  // search runs until it finds a plan within the capacity or proves that
  // none exists.
  if (capacity && !limitGiven)
    options.workLimit = UINT64_MAX;

  std::ifstream file;
  std::istream *input = &std::cin;
  if (inputPath != "-") {
    file.open(inputPath);
    if (!file)
      return usageError("cannot open '" + inputPath + "'");
    input = &file;
  }
  std::string error;
  std::optional<CsvProblem> csv = readCsvProblem(*input, error);
  if (!csv) {
    std::cerr << "memplan-solve: " << inputPath << ": " << error << "\n";
    return 2;
  }
  Problem &problem = csv->problem;
  problem.capacity = capacity;
  for (Buffer &buffer : problem.buffers)
    buffer.alignment = std::max(buffer.alignment, alignment);
  if (std::optional<std::string> bad = checkProblem(problem)) {
    std::cerr << "memplan-solve: " << inputPath << ": " << *bad << "\n";
    return 2;
  }

  auto begin = std::chrono::steady_clock::now();
  Solution solution = solve(problem, options);
  double seconds = std::chrono::duration<double>(
                       std::chrono::steady_clock::now() - begin)
                       .count();
  if (std::optional<std::string> invalid =
          validateSolution(problem, solution.offsets)) {
    std::cerr << "memplan-solve: internal error, invalid plan: " << *invalid
              << "\n";
    return 3;
  }

  std::ostream *summary = &std::cout;
  if (!outputPath.empty()) {
    if (outputPath == "-") {
      writeCsvSolution(std::cout, *csv, solution.offsets);
      summary = &std::cerr;
    } else {
      std::ofstream out(outputPath);
      if (!out)
        return usageError("cannot write '" + outputPath + "'");
      writeCsvSolution(out, *csv, solution.offsets);
    }
  }

  std::ostream &os = *summary;
  const double ratio = solution.lowerBound == 0
                           ? 1.0
                           : double(solution.peak) / solution.lowerBound;
  os << "input: " << inputPath << "\n"
     << "buffers: " << problem.buffers.size() << "\n"
     << "strategy: " << strategyName(options.strategy);
  if (options.strategy == Strategy::Portfolio ||
      options.strategy == Strategy::Auto || options.strategy == Strategy::Exact)
    os << " (plan from " << strategyName(solution.producedBy) << ")";
  os << "\n"
     << "peak: " << solution.peak << "\n"
     << "lower bound: " << solution.lowerBound << "\n"
     << "peak / lower bound: " << std::fixed << std::setprecision(4) << ratio
     << "\n"
     << "time: " << std::setprecision(6) << seconds << " s\n"
     << "proven optimal: " << (solution.provenOptimal ? "yes" : "no") << "\n";
  if (solution.work)
    os << "search work: " << solution.work << "\n";
  if (capacity) {
    os << "capacity " << *capacity << ": ";
    if (solution.fits)
      os << "fits\n";
    else if (solution.provenInfeasible)
      os << "no plan exists\n";
    else
      os << "no plan found within the budget\n";
    return solution.fits ? 0 : 1;
  }
  return 0;
}
