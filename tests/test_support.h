// Helpers shared by tests: the examples and the seed report, the flattened
// table text of scraped web pages, running the `nianbao` binary.
#ifndef NIANBAO_TESTS_TEST_SUPPORT_H_
#define NIANBAO_TESTS_TEST_SUPPORT_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "nianbao/v1/report.pb.h"

namespace nianbao::testing {

// Paths inside the source tree, shared/ and the build tree.
std::string SourcePath(absl::string_view relative);
std::string SharedPath(absl::string_view relative);
std::string BinaryPath(absl::string_view relative);

// The examples/ report `name` (e.g. "hongqiao-2020.json"); fails the test
// when it does not parse.
v1::AnnualReport LoadExample(absl::string_view name);

// The seed report's lines, or std::nullopt when shared/ is absent.
std::optional<std::vector<std::string>> SeedLines();

// Removes spaces (ASCII, en, no-break, ideographic) and maps full-width （）：，；to their ASCII
// forms: the seed's scraped text prints half-width punctuation where the format has full-width.
std::string NormalizeLabel(absl::string_view s);

// The paragraphs and headings of `report` in reading order, as printed:
// title, preamble, each section's heading (from the format definition) and
// its narrative, subsection headings as number + title, closing.
std::vector<std::string> NarrativeLines(const v1::AnnualReport& report);

// Runs `command` with /bin/sh, capturing stdout and stderr together.
struct CommandResult {
  int exit_code = -1;
  std::string output;
};
CommandResult Run(const std::string& command);

}  // namespace nianbao::testing

#endif  // NIANBAO_TESTS_TEST_SUPPORT_H_
