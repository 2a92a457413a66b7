#include "services/collection/hierarchy_check.h"

#include <string>

#include "format/field_path.h"
#include "gtest/gtest.h"
#include "report/report_io.h"
#include "services/collection/aggregate.h"

namespace nianbao::collection {
namespace {

v1::AnnualReport LoadCity() {
  v1::AnnualReport r;
  absl::Status st = report::ReadMessageFile(
      std::string(NIANBAO_SOURCE_DIR) + "/examples/example-city-2022.json", std::nullopt, &r);
  EXPECT_TRUE(st.ok()) << st;
  return r;
}

google::protobuf::Message* CellAt(v1::AnnualReport* r, const std::string& path) {
  absl::StatusOr<format::FieldChain> chain = format::ResolvePath(r->GetDescriptor(), path);
  EXPECT_TRUE(chain.ok()) << path;
  return format::MutableAt(r, *chain);
}

// Two district reports and the city's 汇总 that should equal their sum.
struct Fixture {
  v1::AnnualReport a = LoadCity();
  v1::AnnualReport b = LoadCity();
  v1::AnnualReport sum() const {
    absl::StatusOr<v1::AnnualReport> s = SumReports({&a, &b}, v1::EDITION_2021, 2022);
    EXPECT_TRUE(s.ok()) << s.status();
    return *s;
  }
};

TEST(HierarchyCheckTest, TheExactSumHasNoDifferences) {
  Fixture f;
  v1::AnnualReport parent = f.sum();
  absl::StatusOr<HierarchyComparison> c = CompareWithSum(parent, f.sum());
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_TRUE(c->differences.empty());
  EXPECT_EQ(c->compared_cells, static_cast<int>(SummedCells(v1::EDITION_2021).size()));
  EXPECT_GT(c->compared_cells, 100);
}

TEST(HierarchyCheckTest, ListsEachDifferingCellWithItsLabelsAndBothValues) {
  Fixture f;
  v1::AnnualReport parent = f.sum();
  const std::string natural = "applications.new_received.natural_person";
  auto* cell = static_cast<v1::Count*>(CellAt(&parent, natural));
  const int64_t right = cell->value();
  cell->set_value(right + 1);
  static_cast<v1::Count*>(CellAt(&parent, "other_matters.processing_fees.notices_issued"))
      ->set_value(0);
  absl::StatusOr<HierarchyComparison> c = CompareWithSum(parent, f.sum());
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_EQ(c->differences.size(), 2u);
  const v1::CellDifference& d = c->differences[0];
  EXPECT_EQ(d.field_path(), natural);
  EXPECT_EQ(d.reported(), std::to_string(right + 1));
  EXPECT_EQ(d.descendants_sum(), std::to_string(right));
  EXPECT_FALSE(d.table_label().empty());
  EXPECT_FALSE(d.row_label().empty());
  EXPECT_NE(d.column_label().find("自然人"), std::string::npos) << d.column_label();
  // The fees of section 六 are compared too, though outside the tables.
  EXPECT_EQ(c->differences[1].field_path(), "other_matters.processing_fees.notices_issued");
  EXPECT_EQ(c->differences[1].reported(), "0");
  EXPECT_EQ(c->differences[1].descendants_sum(), "6");
}

TEST(HierarchyCheckTest, BlankEqualsZeroAndUnitsAreConverted) {
  Fixture f;
  v1::AnnualReport parent = f.sum();
  // 1268.45 万元 twice is 2536.9 万元 = 25369000 元.
  auto* fees = static_cast<v1::Amount*>(
      CellAt(&parent, "proactive_disclosure_2021.administrative_fees.amount"));
  ASSERT_EQ(fees->decimal(), "2536.90");
  fees->set_decimal("25369000");
  fees->set_unit(v1::CURRENCY_UNIT_YUAN);
  // A cell both inputs leave blank, printed as 0 by the parent.
  f.a.mutable_applications()->mutable_carried_over()->clear_total();
  f.b.mutable_applications()->mutable_carried_over()->clear_total();
  parent.mutable_applications()->mutable_carried_over()->mutable_total()->set_value(0);
  absl::StatusOr<HierarchyComparison> c = CompareWithSum(parent, f.sum());
  ASSERT_TRUE(c.ok()) << c.status();
  for (const v1::CellDifference& d : c->differences) {
    ADD_FAILURE() << d.field_path() << ": " << d.reported() << " vs " << d.descendants_sum();
  }
  // One 元 more is a difference again: the comparison is exact.
  fees->set_decimal("25369001");
  c = CompareWithSum(parent, f.sum());
  ASSERT_TRUE(c.ok()) << c.status();
  ASSERT_EQ(c->differences.size(), 1u);
  EXPECT_EQ(c->differences[0].field_path(), "proactive_disclosure_2021.administrative_fees.amount");
}

TEST(HierarchyCheckTest, UnknownEditionIsInvalidArgument) {
  v1::AnnualReport r;
  EXPECT_TRUE(absl::IsInvalidArgument(CompareWithSum(r, r).status()));
}

}  // namespace
}  // namespace nianbao::collection
