//===- Csv.cpp - Planner problems in the MiniMalloc CSV format ------------===//

#include "memplan/Planner/Csv.h"

#include <charconv>
#include <istream>
#include <ostream>
#include <set>

using namespace mlir::memplan::planner;

namespace {

std::vector<std::string> splitFields(const std::string &line) {
  std::vector<std::string> fields;
  std::string field;
  for (char c : line) {
    if (c == ',') {
      fields.push_back(field);
      field.clear();
    } else if (c != '\r') {
      field += c;
    }
  }
  fields.push_back(field);
  // Surrounding blanks are not part of a value.
  for (std::string &f : fields) {
    size_t begin = f.find_first_not_of(" \t");
    size_t end = f.find_last_not_of(" \t");
    f = begin == std::string::npos ? "" : f.substr(begin, end - begin + 1);
  }
  return fields;
}

bool parseUnsigned(const std::string &text, uint64_t &value) {
  if (text.empty() || text[0] == '-' || text[0] == '+')
    return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

} // namespace

std::optional<CsvProblem>
mlir::memplan::planner::readCsvProblem(std::istream &input, std::string &error) {
  enum Column { Id, Lower, Upper, Size, Alignment, FixedOffset, Offset };
  const std::pair<const char *, Column> known[] = {
      {"id", Id},
      {"lower", Lower},
      {"upper", Upper},
      {"size", Size},
      {"alignment", Alignment},
      {"fixed_offset", FixedOffset},
      {"offset", Offset}};

  std::string line;
  size_t lineNumber = 0;
  auto fail = [&](const std::string &message) -> std::optional<CsvProblem> {
    error = "line " + std::to_string(lineNumber) + ": " + message;
    return std::nullopt;
  };

  // Header.
  std::vector<Column> columns;
  while (std::getline(input, line)) {
    ++lineNumber;
    if (line.find_first_not_of(" \t\r") != std::string::npos)
      break;
  }
  if (lineNumber == 0 || line.find_first_not_of(" \t\r") == std::string::npos) {
    error = "line 1: empty input (expected the header id,lower,upper,size)";
    return std::nullopt;
  }
  std::set<Column> seen;
  for (const std::string &name : splitFields(line)) {
    bool found = false;
    for (const auto &[knownName, column] : known) {
      if (name == knownName) {
        if (!seen.insert(column).second)
          return fail("column '" + name + "' appears twice");
        columns.push_back(column);
        found = true;
      }
    }
    if (!found)
      return fail("unknown column '" + name +
                  "' (expected id, lower, upper, size, and optionally "
                  "alignment, fixed_offset, offset)");
  }
  for (const char *required : {"id", "lower", "upper", "size"}) {
    bool present = false;
    for (const auto &[knownName, column] : known)
      if (std::string(knownName) == required && seen.count(column))
        present = true;
    if (!present)
      return fail(std::string("missing column '") + required + "'");
  }

  CsvProblem result;
  std::set<std::string> ids;
  while (std::getline(input, line)) {
    ++lineNumber;
    if (line.find_first_not_of(" \t\r") == std::string::npos)
      continue;
    std::vector<std::string> fields = splitFields(line);
    if (fields.size() != columns.size())
      return fail("expected " + std::to_string(columns.size()) +
                  " fields, found " + std::to_string(fields.size()));
    Buffer buffer;
    std::string id;
    for (size_t k = 0; k < columns.size(); ++k) {
      const std::string &text = fields[k];
      if (columns[k] == Id) {
        if (text.empty())
          return fail("empty id");
        id = text;
        continue;
      }
      if (columns[k] == Offset)
        continue;
      uint64_t value;
      if (!parseUnsigned(text, value)) {
        const char *what = columns[k] == Lower   ? "lower"
                           : columns[k] == Upper ? "upper"
                           : columns[k] == Size  ? "size"
                           : columns[k] == Alignment ? "alignment"
                                                     : "fixed_offset";
        if (!text.empty() && text[0] == '-')
          return fail(std::string(what) + " must not be negative, got '" +
                      text + "'");
        return fail(std::string(what) + " '" + text +
                    "' is not a non-negative integer");
      }
      switch (columns[k]) {
      case Lower:
        buffer.start = value;
        break;
      case Upper:
        buffer.end = value;
        break;
      case Size:
        buffer.size = value;
        break;
      case Alignment:
        if (value == 0 || (value & (value - 1)) != 0)
          return fail("alignment " + text + " is not a power of two");
        buffer.alignment = value;
        break;
      case FixedOffset:
        buffer.fixedOffset = value;
        break;
      default:
        break;
      }
    }
    if (buffer.end <= buffer.start)
      return fail("buffer '" + id + "' has upper " + std::to_string(buffer.end) +
                  " <= lower " + std::to_string(buffer.start) +
                  " (its lifetime [lower, upper) is empty)");
    if (buffer.fixedOffset && *buffer.fixedOffset % buffer.alignment != 0)
      return fail("buffer '" + id + "' has a fixed offset that breaks its "
                  "alignment");
    if (!ids.insert(id).second)
      return fail("duplicate id '" + id + "'");
    result.ids.push_back(id);
    result.problem.buffers.push_back(buffer);
  }
  return result;
}

void mlir::memplan::planner::writeCsvSolution(std::ostream &output,
                                        const CsvProblem &problem,
                                        const std::vector<uint64_t> &offsets) {
  output << "id,lower,upper,size,offset\n";
  for (size_t i = 0; i < problem.ids.size(); ++i) {
    const Buffer &b = problem.problem.buffers[i];
    output << problem.ids[i] << ',' << b.start << ',' << b.end << ',' << b.size
           << ',' << offsets[i] << '\n';
  }
}
