// Importing the seed — the Hongqiao District 2020 report as scraped from its
// web page, site navigation included — gives exactly
// examples/hongqiao-2020.json, and says where every figure came from.
#include "absl/strings/str_join.h"
#include "format/format_definition.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "importer/diagnostics.h"
#include "importer/importer.h"
#include "report/report_io.h"
#include "tests/test_support.h"

namespace nianbao {
namespace {

TEST(ImportSeedTest, SeedImportsToExactlyTheExample) {
  auto bytes = report::ReadFile(testing::SharedPath("seed/hongqiao-2020-annual-report.txt"));
  if (!bytes.ok()) GTEST_SKIP() << "seed not found under " << NIANBAO_SHARED_DIR;
  auto result = importer::ImportReport(*bytes, "hongqiao-2020-annual-report.txt",
                                       v1::SOURCE_FORMAT_UNSPECIFIED);
  ASSERT_TRUE(result.ok()) << result.status();
  const v1::AnnualReport expected = testing::LoadExample("hongqiao-2020.json");
  std::string differences;
  google::protobuf::util::MessageDifferencer differ;
  differ.ReportDifferencesToString(&differences);
  EXPECT_TRUE(differ.Compare(expected, result->report())) << differences;
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(expected, result->report()));
  EXPECT_EQ(result->source_format(), v1::SOURCE_FORMAT_TEXT);
  EXPECT_EQ(result->detected_edition(), v1::EDITION_2019_TRIAL);

  // Nothing to warn about, and every cell of the edition read once, from
  // its line.
  std::vector<std::string> problems;
  int imported = 0;
  for (const auto& d : result->diagnostics()) {
    if (d.severity() != v1::SEVERITY_INFO)
      problems.push_back(importer::FormatDiagnostic(d, "seed"));
    if (d.code() == importer::kCellImported) {
      ++imported;
      EXPECT_GT(d.provenance().line(), 40);
      EXPECT_NE(format::FindCell(*format::FindEdition(v1::EDITION_2019_TRIAL),
                                 d.provenance().field_path()),
                nullptr);
    }
  }
  EXPECT_TRUE(problems.empty()) << absl::StrJoin(problems, "\n");
  EXPECT_EQ(imported,
            static_cast<int>(format::Cells(*format::FindEdition(v1::EDITION_2019_TRIAL)).size()));
}

TEST(ImportSeedTest, ProvenanceNamesTheSeedLine) {
  auto bytes = report::ReadFile(testing::SharedPath("seed/hongqiao-2020-annual-report.txt"));
  if (!bytes.ok()) GTEST_SKIP() << "seed not found under " << NIANBAO_SHARED_DIR;
  auto result = importer::ImportReport(*bytes, "seed.txt", v1::SOURCE_FORMAT_TEXT);
  ASSERT_TRUE(result.ok()) << result.status();
  const auto lines = testing::SeedLines();
  ASSERT_TRUE(lines);
  for (const auto& d : result->diagnostics()) {
    if (d.code() != importer::kCellImported || d.provenance().text().empty()) continue;
    const int line = d.provenance().line();
    ASSERT_LE(line, static_cast<int>(lines->size()));
    // The printed figure is on the line named (padding aside).
    EXPECT_NE((*lines)[line - 1].find(d.provenance().text()), std::string::npos)
        << d.provenance().field_path();
  }
}

}  // namespace
}  // namespace nianbao
