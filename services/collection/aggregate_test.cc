#include "services/collection/aggregate.h"

#include <map>
#include <string>
#include <vector>

#include "format/cell_text.h"
#include "format/field_path.h"
#include "format/format_definition.h"
#include "gtest/gtest.h"
#include "services/collection/exact_decimal.h"
#include "tests/test_support.h"

namespace nianbao::collection {
namespace {

v1::Count* CountAt(v1::AnnualReport* r, const std::string& path) {
  absl::StatusOr<format::FieldChain> chain = format::ResolvePath(r->GetDescriptor(), path);
  EXPECT_TRUE(chain.ok()) << path;
  return static_cast<v1::Count*>(format::MutableAt(r, *chain));
}
v1::Amount* AmountAt(v1::AnnualReport* r, const std::string& path) {
  absl::StatusOr<format::FieldChain> chain = format::ResolvePath(r->GetDescriptor(), path);
  EXPECT_TRUE(chain.ok()) << path;
  return static_cast<v1::Amount*>(format::MutableAt(r, *chain));
}
const google::protobuf::Message* CellAt(const v1::AnnualReport& r, const std::string& path) {
  absl::StatusOr<format::FieldChain> chain = format::ResolvePath(r.GetDescriptor(), path);
  EXPECT_TRUE(chain.ok()) << path;
  return format::GetAt(r, *chain);
}

__int128 Pow10(int n) {
  __int128 p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

v1::AnnualReport Report2022(const std::map<std::string, int64_t>& counts) {
  v1::AnnualReport r;
  r.set_year(2022);
  r.set_edition(v1::EDITION_2021);
  for (const auto& [path, value] : counts) CountAt(&r, path)->set_value(value);
  return r;
}

constexpr char kNatural[] = "applications.new_received.natural_person";
constexpr char kCompany[] = "applications.new_received.commercial_enterprise";
constexpr char kTotal[] = "applications.new_received.total";
constexpr char kDisclosed[] = "applications.results.disclosed.natural_person";
constexpr char kPartial[] = "applications.results.partially_disclosed.natural_person";
constexpr char kForward[] = "applications.carried_forward.natural_person";
constexpr char kRegIssued[] = "proactive_disclosure_2021.normative_documents.issued";
constexpr char kRegInForce[] = "proactive_disclosure_2021.normative_documents.in_force";
constexpr char kLicensing[] = "proactive_disclosure_2021.administrative_licensing.decisions";
constexpr char kUpheld[] = "review_litigation.reconsideration.upheld";
constexpr char kFees[] = "proactive_disclosure_2021.administrative_fees.amount";

// A district (红桥区-like) with three departments and two townships; the
// expected sums are worked out by hand below, not by the code under test.
TEST(AggregateTest, DistrictOfThreeDepartmentsAndTwoTownships) {
  v1::AnnualReport education = Report2022({{kNatural, 12},
                                           {kCompany, 3},
                                           {kTotal, 15},
                                           {kDisclosed, 9},
                                           {kPartial, 4},
                                           {kForward, 2},
                                           {kRegIssued, 5},
                                           {kRegInForce, 40},
                                           {kLicensing, 1200},
                                           {kUpheld, 1}});
  v1::AnnualReport health = Report2022({{kNatural, 30},
                                        {kCompany, 0},
                                        {kTotal, 30},
                                        {kDisclosed, 25},
                                        {kPartial, 5},
                                        {kForward, 0},
                                        {kRegIssued, 2},
                                        {kRegInForce, 17},
                                        {kLicensing, 8031}});
  v1::AnnualReport housing = Report2022({{kNatural, 101},
                                         {kCompany, 7},
                                         {kTotal, 108},
                                         {kDisclosed, 60},
                                         {kPartial, 41},
                                         {kForward, 7},
                                         {kRegInForce, 3},
                                         {kUpheld, 2}});
  v1::AnnualReport township_a = Report2022({{kNatural, 4}, {kTotal, 4}, {kDisclosed, 4}});
  v1::AnnualReport township_b = Report2022({{kNatural, 0}, {kTotal, 0}});
  AmountAt(&education, kFees)->set_decimal("12.5");
  AmountAt(&education, kFees)->set_unit(v1::CURRENCY_UNIT_WAN_YUAN);
  AmountAt(&health, kFees)->set_decimal("0.0375");  // no unit: the header's 万元
  // Blank in every input, but every input printed "/": stays "/".
  for (v1::AnnualReport* r : {&education, &health, &housing, &township_a, &township_b}) {
    CountAt(r, "proactive_disclosure_2021.regulations.issued")->set_mark(v1::BLANK_MARK_SLASH);
  }

  absl::StatusOr<v1::AnnualReport> sum =
      SumReports({&education, &health, &housing, &township_a, &township_b}, v1::EDITION_2021, 2022);
  ASSERT_TRUE(sum.ok()) << sum.status();
  EXPECT_TRUE(sum->aggregated());
  EXPECT_EQ(sum->year(), 2022);
  EXPECT_EQ(sum->edition(), v1::EDITION_2021);

  const std::map<std::string, int64_t> expected = {
      {kNatural, 12 + 30 + 101 + 4 + 0},  // 147
      {kCompany, 3 + 0 + 7},              // 10; blank in both townships
      {kTotal, 15 + 30 + 108 + 4 + 0},    // 157
      {kDisclosed, 9 + 25 + 60 + 4},      // 98
      {kPartial, 4 + 5 + 41},             // 50
      {kForward, 2 + 0 + 7},              // 9
      {kRegIssued, 5 + 2},                // 7
      {kRegInForce, 40 + 17 + 3},         // 60
      {kLicensing, 1200 + 8031},          // 9231
      {kUpheld, 1 + 2},                   // 3
  };
  EXPECT_EQ(expected.at(kNatural), 147);
  for (const auto& [path, value] : expected) {
    const auto* cell = static_cast<const v1::Count*>(CellAt(*sum, path));
    ASSERT_NE(cell, nullptr) << path;
    EXPECT_EQ(cell->value(), value) << path;
  }
  const auto* fees = static_cast<const v1::Amount*>(CellAt(*sum, kFees));
  ASSERT_NE(fees, nullptr);
  EXPECT_EQ(fees->decimal(), "12.5375");
  EXPECT_EQ(fees->unit(), v1::CURRENCY_UNIT_WAN_YUAN);
  const auto* slash =
      static_cast<const v1::Count*>(CellAt(*sum, "proactive_disclosure_2021.regulations.issued"));
  ASSERT_NE(slash, nullptr);
  EXPECT_EQ(slash->mark(), v1::BLANK_MARK_SLASH);

  // Every other cell was blank in every input and stays blank.
  int non_blank = 0;
  for (const format::CellRef& cell : format::Cells(*format::FindEdition(v1::EDITION_2021))) {
    if (format::GetAt(*sum, cell.fields) != nullptr) ++non_blank;
  }
  EXPECT_EQ(non_blank, static_cast<int>(expected.size()) + 2);
}

TEST(AggregateTest, MixedUnitsAreConvertedExactly) {
  v1::AnnualReport a, b;
  for (v1::AnnualReport* r : {&a, &b}) {
    r->set_year(2020);
    r->set_edition(v1::EDITION_2019_TRIAL);
  }
  const char* path = "proactive_disclosure_2019.government_procurement.total_amount";
  AmountAt(&a, path)->set_decimal("14957.701682");
  AmountAt(&a, path)->set_unit(v1::CURRENCY_UNIT_WAN_YUAN);
  AmountAt(&b, path)->set_decimal("251000");
  AmountAt(&b, path)->set_unit(v1::CURRENCY_UNIT_YUAN);
  absl::StatusOr<v1::AnnualReport> sum = SumReports({&a, &b}, v1::EDITION_2019_TRIAL, 2020);
  ASSERT_TRUE(sum.ok()) << sum.status();
  const auto* amount = static_cast<const v1::Amount*>(CellAt(*sum, path));
  ASSERT_NE(amount, nullptr);
  // 14957.701682万元 = 149577016.82元; + 251000元.
  EXPECT_EQ(amount->decimal(), "149828016.82");
  EXPECT_EQ(amount->unit(), v1::CURRENCY_UNIT_YUAN);
}

TEST(AggregateTest, SignedChangesSumWithTheirSign) {
  v1::AnnualReport a, b;
  for (v1::AnnualReport* r : {&a, &b}) {
    r->set_year(2020);
    r->set_edition(v1::EDITION_2019_TRIAL);
  }
  const char* path = "proactive_disclosure_2019.administrative_licensing.change";
  CountAt(&a, path)->set_value(-75);
  CountAt(&a, path)->set_sign_style(v1::SIGN_STYLE_CHINESE);
  CountAt(&b, path)->set_value(19);
  absl::StatusOr<v1::AnnualReport> sum = SumReports({&a, &b}, v1::EDITION_2019_TRIAL, 2020);
  ASSERT_TRUE(sum.ok());
  const auto* change = static_cast<const v1::Count*>(CellAt(*sum, path));
  ASSERT_NE(change, nullptr);
  EXPECT_EQ(change->value(), -56);
  EXPECT_EQ(change->sign_style(), v1::SIGN_STYLE_CHINESE);
}

TEST(AggregateTest, OverflowIsOutOfRange) {
  v1::AnnualReport a = Report2022({{kNatural, INT64_MAX}});
  v1::AnnualReport b = Report2022({{kNatural, 1}});
  EXPECT_TRUE(absl::IsOutOfRange(SumReports({&a, &b}, v1::EDITION_2021, 2022).status()));
}

TEST(AggregateTest, RejectsOtherEditionsAndYears) {
  v1::AnnualReport a = Report2022({{kNatural, 1}});
  v1::AnnualReport b = a;
  b.set_year(2021);
  EXPECT_TRUE(absl::IsInvalidArgument(SumReports({&a, &b}, v1::EDITION_2021, 2022).status()));
  b = a;
  b.set_edition(v1::EDITION_2019_TRIAL);
  EXPECT_TRUE(absl::IsInvalidArgument(SumReports({&a, &b}, v1::EDITION_2021, 2022).status()));
}

TEST(AggregateTest, NoInputsGiveAnEmptyAggregate) {
  absl::StatusOr<v1::AnnualReport> sum = SumReports({}, v1::EDITION_2021, 2022);
  ASSERT_TRUE(sum.ok());
  EXPECT_FALSE(sum->has_applications());
  EXPECT_TRUE(sum->aggregated());
}

// ReportSum reads each report only while Add runs: one message reused for
// every input gives the sums SumReports gives over all inputs held at once.
TEST(AggregateTest, ReportSumTakesOneReportAtATime) {
  const char* noticed = "other_matters.processing_fees.amount_noticed";  // no header unit
  const char* collected = "other_matters.processing_fees.amount_collected";
  std::vector<v1::AnnualReport> inputs = {Report2022({{kNatural, 5}, {kUpheld, 1}}),
                                          Report2022({{kNatural, 7}}),
                                          Report2022({{kNatural, 30}, {kCompany, 2}})};
  AmountAt(&inputs[0], noticed)->set_decimal("1.5");
  AmountAt(&inputs[0], noticed)->set_unit(v1::CURRENCY_UNIT_WAN_YUAN);
  AmountAt(&inputs[2], noticed)->set_decimal("2.25");
  AmountAt(&inputs[2], noticed)->set_unit(v1::CURRENCY_UNIT_WAN_YUAN);
  AmountAt(&inputs[1], collected)->set_decimal("3");
  AmountAt(&inputs[1], collected)->set_unit(v1::CURRENCY_UNIT_YUAN);
  AmountAt(&inputs[2], collected)->set_decimal("0.5");
  AmountAt(&inputs[2], collected)->set_unit(v1::CURRENCY_UNIT_WAN_YUAN);

  ReportSum streamed(v1::EDITION_2021, 2022);
  v1::AnnualReport reused;
  for (const v1::AnnualReport& r : inputs) {
    reused = r;
    streamed.Add(reused);
    reused.Clear();
  }
  EXPECT_FALSE(streamed.failed());
  absl::StatusOr<v1::AnnualReport> sum = streamed.Finish();
  ASSERT_TRUE(sum.ok()) << sum.status();
  EXPECT_EQ(format::CountValue(static_cast<const v1::Count*>(CellAt(*sum, kNatural))), 42);
  EXPECT_EQ(format::CountValue(static_cast<const v1::Count*>(CellAt(*sum, kUpheld))), 1);
  // Same unit throughout: kept, no conversion.
  const auto* n = static_cast<const v1::Amount*>(CellAt(*sum, noticed));
  EXPECT_EQ(n->decimal(), "3.75");
  EXPECT_EQ(n->unit(), v1::CURRENCY_UNIT_WAN_YUAN);
  // 3元 + 0.5万元 = 5003元.
  const auto* c = static_cast<const v1::Amount*>(CellAt(*sum, collected));
  absl::StatusOr<ExactDecimal> value = ParseExactDecimal(c->decimal());
  ASSERT_TRUE(value.ok()) << c->decimal();
  EXPECT_TRUE(value->unscaled == 5003 * Pow10(value->scale)) << c->decimal();
  EXPECT_EQ(c->unit(), v1::CURRENCY_UNIT_YUAN);

  std::vector<const v1::AnnualReport*> all;
  for (const v1::AnnualReport& r : inputs) all.push_back(&r);
  absl::StatusOr<v1::AnnualReport> held = SumReports(all, v1::EDITION_2021, 2022);
  ASSERT_TRUE(held.ok());
  EXPECT_EQ(held->SerializeAsString(), sum->SerializeAsString());
}

// The errors SumReports gives: the first input of another year or edition
// is named; amounts with and without a unit (no header unit) do not add.
TEST(AggregateTest, ReportSumNamesTheFirstWrongInput) {
  v1::AnnualReport good = Report2022({{kNatural, 1}});
  v1::AnnualReport other_year = good;
  other_year.set_year(2021);
  v1::AnnualReport other_edition = good;
  other_edition.set_edition(v1::EDITION_2019_TRIAL);
  ReportSum sum(v1::EDITION_2021, 2022);
  sum.Add(good);
  sum.Add(other_year);
  EXPECT_TRUE(sum.failed());
  sum.Add(other_edition);
  absl::Status st = sum.Finish().status();
  EXPECT_TRUE(absl::IsInvalidArgument(st));
  EXPECT_NE(st.message().find("input 2 is a 2021 report"), absl::string_view::npos) << st;

  const char* noticed = "other_matters.processing_fees.amount_noticed";
  v1::AnnualReport with_unit = good, without_unit = good;
  AmountAt(&with_unit, noticed)->set_decimal("1");
  AmountAt(&with_unit, noticed)->set_unit(v1::CURRENCY_UNIT_YUAN);
  AmountAt(&without_unit, noticed)->set_decimal("2");
  absl::Status mixed = SumReports({&with_unit, &without_unit}, v1::EDITION_2021, 2022).status();
  EXPECT_TRUE(absl::IsInvalidArgument(mixed));
  EXPECT_NE(mixed.message().find("without a currency unit"), absl::string_view::npos) << mixed;
  // Unknown edition.
  EXPECT_TRUE(absl::IsInvalidArgument(ReportSum(v1::EDITION_UNSPECIFIED, 2022).Finish().status()));
}

// Reports parsed with only ReportSum::Fields() sum as the whole reports do,
// in both editions (the examples use every row of their tables).
TEST(AggregateTest, ReportsReadWithOnlyTheSummedFieldsSumTheSame) {
  for (const char* name : {"hongqiao-2020.json", "example-city-2022.json"}) {
    const v1::AnnualReport whole = testing::LoadExample(name);
    std::string kept;
    WireFilter::Scratch scratch;
    ASSERT_TRUE(ReportSum::Fields().Filter(whole.SerializeAsString(), &kept, &scratch));
    v1::AnnualReport figures;
    ASSERT_TRUE(figures.ParseFromString(kept));
    EXPECT_FALSE(figures.has_general_situation()) << name;
    EXPECT_LT(kept.size(), whole.ByteSizeLong()) << name;
    absl::StatusOr<v1::AnnualReport> from_whole =
        SumReports({&whole, &whole}, whole.edition(), whole.year());
    absl::StatusOr<v1::AnnualReport> from_figures =
        SumReports({&figures, &figures}, whole.edition(), whole.year());
    ASSERT_TRUE(from_whole.ok()) << from_whole.status();
    ASSERT_TRUE(from_figures.ok()) << from_figures.status();
    EXPECT_GT(from_whole->ByteSizeLong(), 100u) << name;
    EXPECT_EQ(from_whole->SerializeAsString(), from_figures->SerializeAsString()) << name;
  }
}

}  // namespace
}  // namespace nianbao::collection
