#include "importer/pdf_table_reader.h"

#include <string>

#include "format/format_definition.h"
#include "gtest/gtest.h"
#include "importer/diagnostics.h"
#include "importer/pdf_layout.h"
#include "importer/pdf_words_for_tests.h"
#include "importer/report_assembler.h"

namespace nianbao::importer {
namespace {

double Width(const std::string& text) { return PlacedWord(text, 0, 0).box.width; }

PdfWord Centred(const std::string& text, double left, double right, double y) {
  return PlacedWord(text, (left + right) / 2 - Width(text) / 2, y);
}

// Block (五) of the 2019 edition's table 2 printed as LibreOffice prints it:
// no rules, headers centred, figures left-aligned. Row 1 is complete; row 2
// has one figure, left-aligned in its column, so it lies between the first
// two header texts.
class UnruledTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const v1::EditionFormat& edition = *format::FindEdition(v1::EDITION_2019_TRIAL);
    const v1::TableFormat& t2 = *format::FindTable(edition, "T2");
    const v1::TableBlock& b = t2.blocks(1);
    ASSERT_EQ(b.columns_size(), 3);
    PdfPage page{1, 600, 800, {}, {}};
    page.words.push_back(PlacedWord("示例区2020年政府信息公开工作年度报告", 150, 40));
    page.words.push_back(
        PlacedWord(format::SectionHeading(*format::FindSectionOfTable(edition, "T2")), 60, 80));
    page.words.push_back(Centred(t2.caption(), 60, 450, 110));
    page.words.push_back(Centred(b.heading(), 60, 450, 130));
    const double cols[] = {180, 270, 360, 450};
    page.words.push_back(Centred(b.header(0).text(), 60, 180, 160));
    for (int k = 0; k < 3; ++k)
      page.words.push_back(Centred(b.columns(k).label(), cols[k], cols[k + 1], 160));
    page.words.push_back(PlacedWord(b.rows(0).label(), 62, 190));
    page.words.push_back(PlacedWord("484", cols[0] + 1.5, 190));
    page.words.push_back(PlacedWord("75", cols[1] + 1.5, 190));
    page.words.push_back(PlacedWord("20119", cols[2] + 1.5, 190));
    page.words.push_back(PlacedWord(b.rows(1).label(), 62, 220));
    page.words.push_back(PlacedWord("6", cols[1] + 1.5, 220));
    const SourceDocument doc = PdfPagesDocument({page});
    auto imported = Assemble(doc, PdfTableReader(), v1::SOURCE_FORMAT_PDF);
    ASSERT_TRUE(imported.ok()) << imported.status();
    result_ = *std::move(imported);
  }

  v1::ImportResult result_;
};

TEST_F(UnruledTableTest, CertainFiguresArePlacedWithPageAndBox) {
  const auto& licensing = result_.report().proactive_disclosure_2019().administrative_licensing();
  EXPECT_EQ(licensing.previous_year_items().value(), 484);
  EXPECT_EQ(licensing.change().value(), 75);
  EXPECT_EQ(licensing.decisions().value(), 20119);
  int imported = 0;
  for (const auto& d : result_.diagnostics()) {
    if (d.code() != kCellImported || d.provenance().text() != "20119") continue;
    ++imported;
    EXPECT_EQ(d.provenance().box().page(), 1);
    EXPECT_NEAR(d.provenance().box().x(), 361.5, 0.05);
    EXPECT_NEAR(d.provenance().box().y(), 190, 0.05);
  }
  EXPECT_EQ(imported, 1);
}

TEST_F(UnruledTableTest, FigureThatMayBeTwoColumnsIsReportedNotGuessed) {
  const auto& other = result_.report().proactive_disclosure_2019().other_management_services();
  // Neither candidate column holds it; the third stays blank (not 0).
  EXPECT_FALSE(other.has_previous_year_items());
  EXPECT_FALSE(other.has_change());
  EXPECT_FALSE(other.has_decisions());
  int unplaced = 0;
  for (const auto& d : result_.diagnostics()) {
    if (d.code() != kCellUnplaced) continue;
    EXPECT_EQ(d.provenance().text(), "6");
    EXPECT_EQ(d.severity(), v1::SEVERITY_ERROR);
    EXPECT_EQ(d.provenance().box().page(), 1);
    ++unplaced;
  }
  EXPECT_EQ(unplaced, 2);  // once for each column it may be
}

}  // namespace
}  // namespace nianbao::importer
