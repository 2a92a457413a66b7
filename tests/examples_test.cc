// The example reports: canonical, round-tripping through every encoding, and
// the 2021-edition example exercising every row of its format.
#include "format/cell_text.h"
#include "format/field_path.h"
#include "format/format_definition.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "report/report_io.h"
#include "tests/test_support.h"

namespace nianbao {
namespace {

using report::Encoding;

class ExamplesTest : public ::testing::TestWithParam<const char*> {};

TEST_P(ExamplesTest, RoundTripsJsonTextprotoBinaryJson) {
  const v1::AnnualReport original = testing::LoadExample(GetParam());
  v1::AnnualReport current = original;
  for (Encoding e : {Encoding::kTextproto, Encoding::kBinary, Encoding::kJson}) {
    auto bytes = report::Serialize(current, e);
    ASSERT_TRUE(bytes.ok()) << bytes.status();
    v1::AnnualReport next;
    ASSERT_TRUE(report::Parse(*bytes, e, "round trip", &next).ok()) << report::EncodingName(e);
    current = next;
  }
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(original, current));
}

TEST_P(ExamplesTest, FileIsCanonicalJson) {
  auto file = report::ReadFile(testing::SourcePath(std::string("examples/") + GetParam()));
  ASSERT_TRUE(file.ok());
  auto canonical = report::Serialize(testing::LoadExample(GetParam()), Encoding::kJson);
  ASSERT_TRUE(canonical.ok());
  // `nianbao convert FILE -o FILE` rewrites a hand-edited example canonically.
  EXPECT_EQ(*file, *canonical) << "re-run nianbao convert on the example";
}

INSTANTIATE_TEST_SUITE_P(Examples, ExamplesTest,
                         ::testing::Values("hongqiao-2020.json", "example-city-2022.json"));

TEST(Example2021Test, ExercisesEveryRowAndTheFees) {
  const v1::AnnualReport report = testing::LoadExample("example-city-2022.json");
  ASSERT_EQ(report.edition(), v1::EDITION_2021);
  const v1::EditionFormat& edition = *format::FindEdition(report.edition());
  for (const v1::TableFormat& table : edition.tables()) {
    for (const v1::TableBlock& block : table.blocks()) {
      for (int r = 0; r < block.rows_size(); ++r) {
        if (format::IsGroupRow(block, r)) continue;
        bool any = false;
        for (const format::CellRef* cell : format::RowCells(edition, block.rows(r))) {
          any |= !format::IsBlank(format::GetAt(report, cell->fields));
        }
        EXPECT_TRUE(any) << table.id() << " " << format::RowLabel(block.rows(r));
      }
    }
  }
  const v1::ProcessingFees& fees = report.other_matters().processing_fees();
  EXPECT_GT(fees.notices_issued().value(), 0);
  EXPECT_FALSE(fees.amount_noticed().decimal().empty());
  EXPECT_FALSE(fees.amount_collected().decimal().empty());
  EXPECT_FALSE(report.has_proactive_disclosure_2019());
  EXPECT_FALSE(report.applications().results().has_other_handling());
}

}  // namespace
}  // namespace nianbao
