#include "importer/cell_placer.h"

#include "format/field_path.h"
#include "gtest/gtest.h"
#include "importer/diagnostics.h"

namespace nianbao::importer {
namespace {

const v1::EditionFormat& E2019() { return *format::FindEdition(v1::EDITION_2019_TRIAL); }

TEST(CellPlacerTest, PlacesFiguresMarksAndBlanksWithProvenance) {
  v1::ImportResult result;
  CellPlacer placer(&result);
  const auto* change =
      format::FindCell(E2019(), "proactive_disclosure_2019.administrative_licensing.change");
  const auto* amount =
      format::FindCell(E2019(), "proactive_disclosure_2019.government_procurement.total_amount");
  const auto* slash = format::FindCell(E2019(), "applications.new_received.natural_person");
  const auto* blank = format::FindCell(E2019(), "applications.new_received.total");
  ASSERT_TRUE(change && amount && slash && blank);
  EXPECT_TRUE(placer.Place(*change, "减75", AtLine(83)));
  EXPECT_TRUE(placer.Place(*amount, "14957.701682万元", AtLine(147)));
  EXPECT_TRUE(placer.Place(*slash, "／", AtLine(10)));
  EXPECT_TRUE(placer.Place(*blank, "", AtLine(11)));
  const v1::AnnualReport& r = result.report();
  EXPECT_EQ(r.proactive_disclosure_2019().administrative_licensing().change().value(), -75);
  EXPECT_EQ(r.proactive_disclosure_2019().administrative_licensing().change().sign_style(),
            v1::SIGN_STYLE_CHINESE);
  EXPECT_EQ(r.proactive_disclosure_2019().government_procurement().total_amount().decimal(),
            "14957.701682");
  EXPECT_EQ(r.applications().new_received().natural_person().mark(), v1::BLANK_MARK_SLASH);
  EXPECT_FALSE(r.applications().new_received().has_total());
  ASSERT_EQ(result.diagnostics_size(), 4);
  const v1::Provenance& p = result.diagnostics(0).provenance();
  EXPECT_EQ(result.diagnostics(0).code(), kCellImported);
  EXPECT_EQ(p.line(), 84);
  EXPECT_EQ(p.table_id(), "T2");
  EXPECT_EQ(p.row_label(), "行政许可");
  EXPECT_EQ(p.column_label(), "本年增/减");
  EXPECT_EQ(p.field_path(), "proactive_disclosure_2019.administrative_licensing.change");
  EXPECT_EQ(p.text(), "减75");
}

TEST(CellPlacerTest, UnreadableOrNegativeOrDuplicateIsReportedNotStored) {
  v1::ImportResult result;
  CellPlacer placer(&result);
  const auto* cell = format::FindCell(E2019(), "applications.carried_over.natural_person");
  EXPECT_FALSE(placer.Place(*cell, "2 0", AtLine(1)));  // split figure: never read as 20
  EXPECT_FALSE(placer.Place(*cell, "-3", AtLine(2)));
  EXPECT_FALSE(result.report().applications().carried_over().has_natural_person());
  EXPECT_TRUE(placer.Place(*cell, "4", AtLine(3)));
  EXPECT_FALSE(placer.Place(*cell, "5", AtLine(4)));
  EXPECT_EQ(result.report().applications().carried_over().natural_person().value(), 4);
  ASSERT_EQ(result.diagnostics_size(), 4);
  EXPECT_EQ(result.diagnostics(0).code(), kCellUnparsable);
  EXPECT_EQ(result.diagnostics(0).severity(), v1::SEVERITY_ERROR);
  EXPECT_EQ(result.diagnostics(1).code(), kCellUnparsable);
  EXPECT_EQ(result.diagnostics(3).code(), kCellDuplicate);
}

TEST(CellPlacerTest, TouchRowCreatesAnEmptyRow) {
  v1::ImportResult result;
  CellPlacer placer(&result);
  const auto& t3 = *format::FindTable(E2019(), "T3");
  const auto& row = t3.blocks(0).rows(7);  // 2.其他法律行政法规禁止公开
  ASSERT_EQ(row.field(), "results.not_disclosed.prohibited_by_law");
  EXPECT_FALSE(placer.Touched(row));
  placer.TouchRow(t3, t3.blocks(0), row);
  EXPECT_TRUE(placer.Touched(row));
  EXPECT_TRUE(result.report().applications().results().not_disclosed().has_prohibited_by_law());
}

}  // namespace
}  // namespace nianbao::importer
