#include "tests/test_support.h"

#include <sys/wait.h>

#include <cstdio>
#include <fstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "format/cell_text.h"
#include "format/field_path.h"
#include "format/format_definition.h"
#include "gtest/gtest.h"
#include "report/report_io.h"

namespace nianbao::testing {

std::string SourcePath(absl::string_view relative) {
  return absl::StrCat(NIANBAO_SOURCE_DIR, "/", relative);
}
std::string SharedPath(absl::string_view relative) {
  return absl::StrCat(NIANBAO_SHARED_DIR, "/", relative);
}
std::string BinaryPath(absl::string_view relative) {
  return absl::StrCat(NIANBAO_BINARY_DIR, "/", relative);
}

v1::AnnualReport LoadExample(absl::string_view name) {
  v1::AnnualReport report;
  absl::Status s =
      report::ReadMessageFile(SourcePath(absl::StrCat("examples/", name)), std::nullopt, &report);
  EXPECT_TRUE(s.ok()) << s;
  return report;
}

std::optional<std::vector<std::string>> SeedLines() {
  std::ifstream in(SharedPath("seed/hongqiao-2020-annual-report.txt"));
  if (!in) return std::nullopt;
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string NormalizeLabel(absl::string_view s) {
  return absl::StrReplaceAll(s, {{" ", ""},
                                 {"\u3000", ""},
                                 {"\u2002", ""},
                                 {"\u00a0", ""},
                                 {"（", "("},
                                 {"）", ")"},
                                 {"：", ":"},
                                 {"，", ","},
                                 {"；", ";"}});
}

namespace {

void AppendBlocks(const google::protobuf::RepeatedPtrField<v1::Block>& blocks,
                  std::vector<std::string>* out) {
  for (const v1::Block& block : blocks) {
    if (block.has_paragraph()) {
      out->push_back(block.paragraph().text());
    } else if (block.has_subsection()) {
      out->push_back(absl::StrCat(block.subsection().number(), block.subsection().title()));
      AppendBlocks(block.subsection().blocks(), out);
    }
  }
}

}  // namespace

std::vector<std::string> NarrativeLines(const v1::AnnualReport& report) {
  std::vector<std::string> out;
  out.push_back(report.title());
  AppendBlocks(report.preamble().blocks(), &out);
  const v1::EditionFormat* edition = format::FindEdition(report.edition());
  EXPECT_NE(edition, nullptr);
  if (edition == nullptr) return out;
  for (const v1::SectionFormat& section : edition->sections()) {
    out.push_back(format::SectionHeading(section));
    auto chain = format::ResolvePath(v1::AnnualReport::descriptor(), section.narrative_field());
    EXPECT_TRUE(chain.ok());
    if (const auto* narrative = format::GetAs<v1::Narrative>(report, *chain)) {
      AppendBlocks(narrative->blocks(), &out);
    }
  }
  AppendBlocks(report.closing().blocks(), &out);
  return out;
}

CommandResult Run(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen(absl::StrCat(command, " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace nianbao::testing
