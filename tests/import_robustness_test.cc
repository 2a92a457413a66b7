// The importer on damaged input: lines dropped, pages cut short, markup
// broken. Whatever it is given it must return (a report or an error), never
// crash, and never report a figure it did not place as imported.
#include <random>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "importer/diagnostics.h"
#include "importer/importer.h"
#include "report/report_io.h"
#include "tests/document_html.h"
#include "tests/test_support.h"

namespace nianbao {
namespace {

void ImportMany(const std::string& original, const char* name, int rounds) {
  std::mt19937 random(20260101);  // fixed seed: the same damage on every run
  const std::vector<std::string> lines = absl::StrSplit(original, '\n');
  int imported = 0;
  for (int round = 0; round < rounds; ++round) {
    std::vector<std::string> damaged;
    for (const std::string& line : lines) {
      const int dice = random() % 100;
      if (dice < 3) continue;  // drop a line
      if (dice < 5) {          // cut a line short
        // On a character boundary: non-UTF-8 input is refused as a whole.
        size_t cut = random() % (line.size() + 1);
        while (cut > 0 && cut < line.size() &&
               (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) {
          --cut;
        }
        damaged.push_back(line.substr(0, cut));
        continue;
      }
      damaged.push_back(line);
      if (dice < 7) damaged.push_back("");  // add a blank line
    }
    const std::string input = absl::StrJoin(damaged, "\n");
    auto result = importer::ImportReport(input, name, v1::SOURCE_FORMAT_UNSPECIFIED);
    if (!result.ok()) {
      EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument) << result.status();
      continue;
    }
    ++imported;
    for (const auto& d : result->diagnostics()) {
      if (d.code() != importer::kCellImported) continue;
      EXPECT_FALSE(d.provenance().field_path().empty());
    }
  }
  EXPECT_GT(imported, rounds / 2);
}

TEST(ImportRobustnessTest, DamagedFlattenedText) {
  auto seed = report::ReadFile(testing::SharedPath("seed/hongqiao-2020-annual-report.txt"));
  if (!seed.ok()) GTEST_SKIP() << "seed not found";
  ImportMany(*seed, "seed.txt", 100);
}

TEST(ImportRobustnessTest, DamagedHtml) {
  ImportMany(testing::ReportHtml(testing::LoadExample("example-city-2022.json")), "r.html", 100);
}

TEST(ImportRobustnessTest, NotAReport) {
  for (const char* input : {"", "\n\n\n", "<html></html>",
                            "<table><tr><td rowspan=99999 colspan=-3>1", "\xff\xfe\x00garbage"}) {
    auto result = importer::ImportReport(input, "x", v1::SOURCE_FORMAT_UNSPECIFIED);
    EXPECT_FALSE(result.ok());
  }
}

}  // namespace
}  // namespace nianbao
