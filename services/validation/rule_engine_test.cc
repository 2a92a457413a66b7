// A test per rule: each breaks exactly that rule in a copy of an example
// and checks the rule id, the field path, and expected/found. The examples
// themselves validate with no errors.
#include "services/validation/rule_engine.h"

#include <algorithm>
#include <functional>
#include <iostream>
#include <limits>
#include <set>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "format/field_path.h"
#include "format/format_definition.h"
#include "gtest/gtest.h"
#include "services/validation/rule.h"
#include "tests/test_support.h"

namespace nianbao::validation {
namespace {

using testing::LoadExample;

const char kSeed[] = "hongqiao-2020.json";
const char kCity[] = "example-city-2022.json";

std::string Describe(const v1::ValidateReportResponse& r) {
  std::string out;
  for (const v1::Violation& v : r.violations()) {
    absl::StrAppend(&out, v.rule_id(), " ", v.field_path(), " expected=", v.expected(),
                    " found=", v.found(), " | ", v.message_zh(), "\n");
  }
  return out;
}

using Key = std::tuple<std::string, std::string, std::string, std::string>;
Key KeyOf(const v1::Violation& v) { return {v.rule_id(), v.field_path(), v.expected(), v.found()}; }

// The violations of `broken` that `original` does not have.
std::vector<v1::Violation> NewViolations(const v1::AnnualReport& original,
                                         const v1::AnnualReport& broken,
                                         const v1::AnnualReport* previous = nullptr,
                                         const v1::AnnualReport* broken_previous = nullptr) {
  if (broken_previous == nullptr) broken_previous = previous;
  std::set<Key> before;
  const auto original_result = Validate(original, previous);
  for (const auto& v : original_result.violations()) before.insert(KeyOf(v));
  std::vector<v1::Violation> out;
  const auto broken_result = Validate(broken, broken_previous);
  for (const auto& v : broken_result.violations()) {
    if (!before.count(KeyOf(v))) out.push_back(v);
  }
  return out;
}

// Asserts that every new violation is of `rule_id` and that one of them is
// at `path` with `expected`/`found`.
void ExpectOnly(const std::vector<v1::Violation>& got, const std::string& rule_id,
                const std::string& path, const std::string& expected, const std::string& found) {
  ASSERT_FALSE(got.empty()) << "no violation of " << rule_id;
  bool matched = false;
  for (const v1::Violation& v : got) {
    EXPECT_EQ(v.rule_id(), rule_id) << v.field_path() << ": " << v.message_zh();
    if (v.field_path() == path && v.expected() == expected && v.found() == found) matched = true;
    EXPECT_FALSE(v.message_zh().empty());
    EXPECT_FALSE(v.message_en().empty());
    const Rule* rule = FindRule(v.rule_id());
    ASSERT_NE(rule, nullptr);
    EXPECT_EQ(v.severity(), rule->severity);
  }
  EXPECT_TRUE(matched) << "no " << rule_id << " at " << path << " expected=" << expected
                       << " found=" << found << "; got:\n"
                       << [&] {
                            std::string s;
                            for (const auto& v : got) {
                              absl::StrAppend(&s, v.rule_id(), " ", v.field_path(), " ",
                                              v.expected(), " ", v.found(), "\n");
                            }
                            return s;
                          }();
}

TEST(RuleEngineTest, SeedHasNoErrors) {
  const auto r = Validate(LoadExample(kSeed));
  EXPECT_EQ(r.error_count(), 0) << Describe(r);
  std::cout << "seed violations:\n" << Describe(r);
}

TEST(RuleEngineTest, CityExampleHasNoErrors) {
  const auto r = Validate(LoadExample(kCity));
  EXPECT_EQ(r.error_count(), 0) << Describe(r);
  EXPECT_EQ(r.warning_count(), 0) << Describe(r);
}

// The seed with its narrative reduced to a sentence without figures, for
// arithmetic tests whose edits would otherwise also contradict the prose.
v1::AnnualReport SeedWithoutFigures() {
  v1::AnnualReport r = LoadExample(kSeed);
  r.mutable_general_situation()->Clear();
  r.mutable_general_situation()->add_blocks()->mutable_paragraph()->set_text("详见下表。");
  return r;
}

std::string Str(int64_t v) { return absl::StrCat(v); }

// Asserts that `v` carries the official labels of the cell at `path`, as
// the format definition has them (tests spell no labels either).
void ExpectLabelsOf(const v1::Violation& v, v1::Edition edition, const std::string& path) {
  const format::CellRef* cell = format::FindCell(*format::FindEdition(edition), path);
  ASSERT_NE(cell, nullptr) << path;
  EXPECT_EQ(v.table_label(), cell->table->caption());
  EXPECT_EQ(v.row_label(), format::RowLabel(*cell->row));
  EXPECT_EQ(v.column_label(), format::ColumnLabel(*cell->column));
  EXPECT_FALSE(v.table_label().empty());
  EXPECT_FALSE(v.column_label().empty());
}

void ReplaceText(v1::Narrative* n, const std::string& from, const std::string& to) {
  bool done = false;
  std::function<void(google::protobuf::RepeatedPtrField<v1::Block>*)> walk =
      [&](google::protobuf::RepeatedPtrField<v1::Block>* blocks) {
        for (v1::Block& b : *blocks) {
          if (b.has_paragraph()) {
            std::string* t = b.mutable_paragraph()->mutable_text();
            const size_t at = t->find(from);
            if (at != std::string::npos) {
              t->replace(at, from.size(), to);
              done = true;
            }
          } else if (b.has_subsection()) {
            walk(b.mutable_subsection()->mutable_blocks());
          }
        }
      };
  walk(n->mutable_blocks());
  ASSERT_TRUE(done) << "text not found: " << from;
}

TEST(StructureRulesTest, Edition) {
  const auto seed = LoadExample(kSeed);
  auto broken = seed;
  broken.set_edition(v1::EDITION_UNSPECIFIED);
  ExpectOnly(NewViolations(seed, broken), "STRUCT.EDITION", "edition", "2019年试行版",
             "EDITION_UNSPECIFIED");
  v1::AnnualReport empty;
  const auto got = Validate(empty);
  ASSERT_GE(got.violations_size(), 1);
  EXPECT_EQ(got.violations(0).rule_id(), "STRUCT.EDITION");
  EXPECT_EQ(got.violations(0).expected(), "2019年试行版 / 2021年版");
}

// Changing a report's year also contradicts the years its text names: drop
// those PROSE.YEAR findings (narrative_rules_test.cc tests that rule).
std::vector<v1::Violation> WithoutProseYear(std::vector<v1::Violation> got) {
  got.erase(std::remove_if(got.begin(), got.end(),
                           [](const v1::Violation& v) { return v.rule_id() == "PROSE.YEAR"; }),
            got.end());
  return got;
}

TEST(StructureRulesTest, EditionYear) {
  const auto city = LoadExample(kCity);
  auto broken = city;
  broken.set_year(2020);
  ExpectOnly(WithoutProseYear(NewViolations(city, broken)), "STRUCT.EDITION_YEAR", "edition",
             "2019年试行版", "2021年版");
}

TEST(StructureRulesTest, YearRange) {
  const auto seed = LoadExample(kSeed);
  auto broken = seed;
  broken.set_year(2018);
  const auto got = WithoutProseYear(NewViolations(seed, broken));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].rule_id(), "STRUCT.YEAR_RANGE");
  EXPECT_EQ(got[0].field_path(), "year");
  EXPECT_EQ(got[0].found(), "2018");
  EXPECT_EQ(got[0].expected().rfind("2019–", 0), 0u) << got[0].expected();
  broken.set_year(99999);
  EXPECT_EQ(NewViolations(seed, broken)[0].rule_id(), "STRUCT.YEAR_RANGE");
}

TEST(StructureRulesTest, OtherEditionFields) {
  const auto seed = LoadExample(kSeed);
  auto broken = seed;
  broken.mutable_applications()
      ->mutable_results()
      ->mutable_other_handling_2021()
      ->mutable_overdue_fee()
      ->mutable_natural_person()
      ->set_value(0);
  auto got = NewViolations(seed, broken);
  ExpectOnly(got, "STRUCT.OTHER_EDITION_FIELDS", "applications.results.other_handling_2021",
             "2019年试行版", "2021年版");
  EXPECT_FALSE(got[0].table_label().empty());

  const auto city = LoadExample(kCity);
  auto broken_city = city;
  broken_city.mutable_proactive_disclosure_2019()->mutable_regulations();
  ExpectOnly(NewViolations(city, broken_city), "STRUCT.OTHER_EDITION_FIELDS",
             "proactive_disclosure_2019", "2021年版", "2019年试行版");

  auto fees = seed;
  fees.mutable_other_matters()->mutable_processing_fees();
  ExpectOnly(NewViolations(seed, fees), "STRUCT.OTHER_EDITION_FIELDS",
             "other_matters.processing_fees", "2019年试行版", "2021年版");
}

TEST(StructureRulesTest, SectionEmpty) {
  const auto seed = LoadExample(kSeed);
  auto broken = seed;
  broken.clear_problems_and_improvements();
  const auto got = NewViolations(seed, broken);
  ExpectOnly(got, "STRUCT.SECTION_EMPTY", "problems_and_improvements", "", "");
  const auto* edition = format::FindEdition(seed.edition());
  for (const auto& section : edition->sections()) {
    if (section.narrative_field() == "problems_and_improvements") {
      EXPECT_EQ(got[0].table_label(), format::SectionHeading(section));
    }
  }

  const auto city = LoadExample(kCity);
  auto no_table = city;
  no_table.clear_review_litigation();
  ExpectOnly(NewViolations(city, no_table), "STRUCT.SECTION_EMPTY", "review_litigation", "", "");
}

TEST(StructureRulesTest, BlankTotal) {
  const auto seed = LoadExample(kSeed);
  auto broken = seed;
  broken.mutable_review_litigation()->mutable_reconsideration()->clear_total();
  const auto got = NewViolations(seed, broken);
  ExpectOnly(got, "STRUCT.BLANK_TOTAL", "review_litigation.reconsideration.total", "10", "");
  ExpectLabelsOf(got[0], seed.edition(), "review_litigation.reconsideration.total");
}

TEST(StructureRulesTest, Negative) {
  const auto seed = LoadExample(kSeed);
  auto broken = seed;
  broken.mutable_proactive_disclosure_2019()
      ->mutable_regulations()
      ->mutable_newly_made()
      ->set_value(-1);
  ExpectOnly(NewViolations(seed, broken), "STRUCT.NEGATIVE",
             "proactive_disclosure_2019.regulations.newly_made", "≥0", "-1");
}

TEST(StructureRulesTest, AmountFormat) {
  const auto seed = LoadExample(kSeed);
  auto broken = seed;
  broken.mutable_proactive_disclosure_2019()
      ->mutable_government_procurement()
      ->mutable_total_amount()
      ->set_decimal("1.2.3");
  ExpectOnly(NewViolations(seed, broken), "STRUCT.AMOUNT_FORMAT",
             "proactive_disclosure_2019.government_procurement.total_amount", "", "1.2.3");
}

TEST(StructureRulesTest, OverflowIsAnErrorResult) {
  const auto seed = LoadExample(kSeed);
  auto broken = seed;
  auto* group = broken.mutable_review_litigation()->mutable_reconsideration();
  group->mutable_upheld()->set_value(std::numeric_limits<int64_t>::max());
  group->mutable_corrected()->set_value(std::numeric_limits<int64_t>::max());
  const auto got = NewViolations(seed, broken);
  ExpectOnly(got, "STRUCT.OVERFLOW", "review_litigation.reconsideration.total", "", "");
  EXPECT_NE(got[0].message_en().find("T4.GROUP_TOTAL"), std::string::npos);
}

TEST(Table3RulesTest, RowTotal) {
  const auto seed = SeedWithoutFigures();
  auto broken = seed;
  auto* t3 = broken.mutable_applications();
  const int64_t received = t3->new_received().total().value();
  // Keep 一+二 = 三+四 balanced in the total column; only the rows' sums break.
  t3->mutable_new_received()->mutable_total()->set_value(received + 1);
  t3->mutable_carried_forward()->mutable_total()->set_value(t3->carried_forward().total().value() +
                                                            1);
  const auto got = NewViolations(seed, broken);
  ExpectOnly(got, "T3.ROW_TOTAL", "applications.new_received.total", Str(received),
             Str(received + 1));
  ExpectLabelsOf(got[0], seed.edition(), "applications.new_received.total");
}

TEST(Table3RulesTest, Reconcile) {
  const auto seed = SeedWithoutFigures();
  auto broken = seed;
  auto* t3 = broken.mutable_applications();
  const int64_t np = t3->new_received().natural_person().value();
  t3->mutable_new_received()->mutable_natural_person()->set_value(np + 1);
  t3->mutable_new_received()->mutable_total()->set_value(t3->new_received().total().value() + 1);
  const int64_t in = np + 1 + t3->carried_over().natural_person().value();
  const int64_t out = t3->results().total().natural_person().value() +
                      t3->carried_forward().natural_person().value();
  const auto got = NewViolations(seed, broken);
  ExpectOnly(got, "T3.RECONCILE", "applications.results.total.natural_person", Str(in), Str(out));
  ExpectLabelsOf(got[0], seed.edition(), "applications.results.total.natural_person");
}

TEST(Table3RulesTest, ResultsTotal) {
  const auto seed = SeedWithoutFigures();
  auto broken = seed;
  auto* results = broken.mutable_applications()->mutable_results();
  const int64_t total = results->total().natural_person().value();
  results->mutable_disclosed()->mutable_natural_person()->set_value(
      results->disclosed().natural_person().value() + 1);
  results->mutable_disclosed()->mutable_total()->set_value(results->disclosed().total().value() +
                                                           1);
  ExpectOnly(NewViolations(seed, broken), "T3.RESULTS_TOTAL",
             "applications.results.total.natural_person", Str(total + 1), Str(total));
}

TEST(Table3RulesTest, ResultsTotalCountsEveryResultRow2021) {
  const auto city = LoadExample(kCity);
  auto broken = city;
  auto* row = broken.mutable_applications()
                  ->mutable_results()
                  ->mutable_other_handling_2021()
                  ->mutable_overdue_fee();
  // Move one application from 其他 to 自然人 within the row, then add one:
  // the row stays consistent, the results' column sums do not.
  row->mutable_natural_person()->set_value(row->natural_person().value() + 1);
  row->mutable_total()->set_value(row->total().value() + 1);
  const int64_t total = city.applications().results().total().natural_person().value();
  const auto got = NewViolations(city, broken);
  // The 2021 text states 其他处理 as a figure, so its prose warning comes too.
  std::vector<v1::Violation> arithmetic;
  for (const auto& v : got) {
    if (v.rule_id() != "PROSE.APPLICATIONS") arithmetic.push_back(v);
  }
  ExpectOnly(arithmetic, "T3.RESULTS_TOTAL", "applications.results.total.natural_person",
             Str(total + 1), Str(total));
}

TEST(Table4RulesTest, GroupTotal) {
  const auto seed = LoadExample(kSeed);
  auto broken = seed;
  auto* g = broken.mutable_review_litigation()->mutable_litigation_direct();
  g->mutable_upheld()->set_value(g->upheld().value() + 1);
  ExpectOnly(NewViolations(seed, broken), "T4.GROUP_TOTAL",
             "review_litigation.litigation_direct.total", Str(g->upheld().value()),
             Str(g->total().value()));
}

TEST(Table2RulesTest, RegulationsWithoutPower) {
  const auto seed = LoadExample(kSeed);
  auto base = seed;
  base.mutable_agency()->set_level(v1::ADMINISTRATIVE_LEVEL_SUB_DISTRICT);
  auto broken = base;
  auto* row = broken.mutable_proactive_disclosure_2019()->mutable_regulations();
  row->mutable_newly_made()->set_value(1);
  row->mutable_newly_published()->set_value(1);
  row->mutable_total_published()->set_value(1);
  ExpectOnly(NewViolations(base, broken), "T2.REGULATIONS_WITHOUT_POWER",
             "proactive_disclosure_2019.regulations.newly_made", "0", "1");
  // A county government may make rules.
  EXPECT_TRUE(NewViolations(seed,
                            [&] {
                              auto r = seed;
                              *r.mutable_proactive_disclosure_2019()->mutable_regulations() = *row;
                              return r;
                            }())
                  .empty());
}

TEST(Table2RulesTest, InForceBelowIssued) {
  const auto city = LoadExample(kCity);
  auto broken = city;
  auto* row = broken.mutable_proactive_disclosure_2021()->mutable_normative_documents();
  const int64_t issued = row->issued().value();
  row->mutable_in_force()->set_value(issued - 1);
  ExpectOnly(NewViolations(city, broken), "T2.IN_FORCE_BELOW_ISSUED",
             "proactive_disclosure_2021.normative_documents.in_force", "≥" + Str(issued),
             Str(issued - 1));
}

TEST(Table2RulesTest, MadeNotPublished) {
  const auto seed = LoadExample(kSeed);
  auto broken = seed;
  broken.mutable_proactive_disclosure_2019()
      ->mutable_normative_documents()
      ->mutable_newly_made()
      ->set_value(2);
  ExpectOnly(NewViolations(seed, broken), "T2.MADE_NOT_PUBLISHED",
             "proactive_disclosure_2019.normative_documents.newly_published", "＞0", "0");
}

// Last year's report consistent with the seed: its carried-forward row is
// the seed's carried-over row.
v1::AnnualReport PreviousOfSeed(const v1::AnnualReport& seed) {
  v1::AnnualReport prev = seed;
  prev.set_year(seed.year() - 1);
  *prev.mutable_applications()->mutable_carried_forward() = seed.applications().carried_over();
  auto* lic = prev.mutable_proactive_disclosure_2019()->mutable_administrative_licensing();
  lic->mutable_previous_year_items()->set_value(
      seed.proactive_disclosure_2019().administrative_licensing().previous_year_items().value() -
      lic->change().value());
  return prev;
}

TEST(CrossYearRulesTest, PreviousYear) {
  const auto seed = LoadExample(kSeed);
  const auto got = NewViolations(seed, seed, nullptr, &seed);
  ExpectOnly(got, "XY.PREVIOUS_YEAR", "", "2019", "2020");
}

TEST(CrossYearRulesTest, CarryOver) {
  const auto seed = LoadExample(kSeed);
  const auto prev = PreviousOfSeed(seed);
  const auto with_previous = Validate(seed, &prev);
  for (const auto& v : with_previous.violations()) {
    EXPECT_NE(v.rule_id(), "XY.CARRY_OVER") << v.message_zh();
  }
  auto broken_prev = prev;
  auto* fwd = broken_prev.mutable_applications()->mutable_carried_forward();
  fwd->mutable_natural_person()->set_value(fwd->natural_person().value() + 1);
  const int64_t now = seed.applications().carried_over().natural_person().value();
  ExpectOnly(NewViolations(seed, seed, &prev, &broken_prev), "XY.CARRY_OVER",
             "applications.carried_over.natural_person", Str(now + 1), Str(now));
}

TEST(CrossYearRulesTest, Items) {
  const auto seed = LoadExample(kSeed);
  const auto prev = PreviousOfSeed(seed);
  auto broken_prev = prev;
  auto* lic = broken_prev.mutable_proactive_disclosure_2019()->mutable_administrative_licensing();
  lic->mutable_change()->set_value(lic->change().value() + 1);
  const int64_t now =
      seed.proactive_disclosure_2019().administrative_licensing().previous_year_items().value();
  ExpectOnly(NewViolations(seed, seed, &prev, &broken_prev), "XY.ITEMS",
             "proactive_disclosure_2019.administrative_licensing.previous_year_items", Str(now + 1),
             Str(now));
}

TEST(ProseRulesTest, ApplicationsReceivedInChineseNumerals) {
  const auto seed = LoadExample(kSeed);
  auto broken = seed;
  ReplaceText(broken.mutable_general_situation(), "申请300件", "申请三百零一件");
  const auto got = NewViolations(seed, broken);
  ExpectOnly(got, "PROSE.APPLICATIONS", "applications.new_received.total", "300", "301");
  EXPECT_NE(got[0].quote().find("三百零一件"), std::string::npos);
  EXPECT_EQ(got[0].severity(), v1::SEVERITY_WARNING);
  // The same figure in Chinese numerals agrees.
  auto same = seed;
  ReplaceText(same.mutable_general_situation(), "申请300件", "申请三百件");
  EXPECT_TRUE(NewViolations(seed, same).empty());
}

TEST(ProseRulesTest, ApplicationsHandledAndCarried) {
  const auto seed = LoadExample(kSeed);
  auto broken = seed;
  ReplaceText(broken.mutable_general_situation(), "答复政府信息公开申请310件",
              "答复政府信息公开申请309件");
  ExpectOnly(NewViolations(seed, broken), "PROSE.APPLICATIONS", "applications.results.total.total",
             "310", "309");
  broken = seed;
  ReplaceText(broken.mutable_general_situation(), "另有1件", "另有2件");
  ExpectOnly(NewViolations(seed, broken), "PROSE.APPLICATIONS",
             "applications.carried_forward.total", "1", "2");
}

TEST(ProseRulesTest, ApplicationResults) {
  const auto city = LoadExample(kCity);
  auto broken = city;
  ReplaceText(broken.mutable_general_situation(), "予以公开472件", "予以公开471件");
  ExpectOnly(NewViolations(city, broken), "PROSE.APPLICATIONS",
             "applications.results.disclosed.total", "472", "471");
  broken = city;
  ReplaceText(broken.mutable_general_situation(), "不予公开58件", "不予公开57件");
  const auto got = NewViolations(city, broken);
  ExpectOnly(got, "PROSE.APPLICATIONS", "applications.results.not_disclosed", "58", "57");
  // Labelled with the group row: the row just above its first sub-row.
  const format::CellRef* first =
      format::FindCell(*format::FindEdition(city.edition()),
                       "applications.results.not_disclosed.state_secret.total");
  ASSERT_NE(first, nullptr);
  const auto& rows = first->block->rows();
  int index = 0;
  while (index < rows.size() && &rows.Get(index) != first->row) ++index;
  ASSERT_GT(index, 0);
  ASSERT_TRUE(format::IsGroupRow(*first->block, index - 1));
  EXPECT_EQ(got[0].row_label(), format::RowLabel(rows.Get(index - 1)));
}

TEST(ProseRulesTest, ReviewLitigation) {
  const auto seed = LoadExample(kSeed);
  auto broken = seed;
  broken.mutable_general_situation()->add_blocks()->mutable_paragraph()->set_text(
      "全年发生政府信息公开行政复议10件，行政诉讼17件。");
  const auto got = NewViolations(seed, broken);
  ExpectOnly(got, "PROSE.REVIEW_LITIGATION", "review_litigation", "16", "17");
  EXPECT_EQ(got.size(), 1u);  // 行政复议10件 agrees
}

TEST(ProseRulesTest, Fees) {
  const auto city = LoadExample(kCity);
  auto broken = city;
  ReplaceText(broken.mutable_other_matters()->mutable_narrative(), "实际收取信息处理费200元",
              "实际收取信息处理费250元");
  ExpectOnly(NewViolations(city, broken), "PROSE.FEES",
             "other_matters.processing_fees.amount_collected", "200元", "250元");
  auto wan = city;
  ReplaceText(wan.mutable_other_matters()->mutable_narrative(), "实际收取信息处理费200元",
              "实际收取信息处理费0.02万元");
  EXPECT_TRUE(NewViolations(city, wan).empty());
}

TEST(ProseRulesTest, Percent) {
  const auto city = LoadExample(kCity);
  auto ok = city;
  ReplaceText(ok.mutable_general_situation(), "予以公开472件", "予以公开472件，占53.2%");
  EXPECT_TRUE(NewViolations(city, ok).empty());
  auto broken = city;
  ReplaceText(broken.mutable_general_situation(), "予以公开472件", "予以公开472件，占50%");
  ExpectOnly(NewViolations(city, broken), "PROSE.PERCENT", "applications.results.disclosed.total",
             "53%", "50%");
}

TEST(RuleEngineTest, ViolationsComeInReportOrder) {
  auto report = LoadExample(kSeed);
  // Break table 4 (late in the report), then table 3's first row, then the year.
  auto* g = report.mutable_review_litigation()->mutable_reconsideration();
  g->mutable_upheld()->set_value(g->upheld().value() + 1);
  auto* t3 = report.mutable_applications();
  t3->mutable_new_received()->mutable_total()->set_value(t3->new_received().total().value() + 1);
  t3->mutable_carried_forward()->mutable_total()->set_value(t3->carried_forward().total().value() +
                                                            1);
  report.set_year(2018);
  const auto r = Validate(report);
  std::vector<std::string> paths;
  for (const auto& v : r.violations()) paths.push_back(v.field_path());
  ASSERT_GE(paths.size(), 3u) << Describe(r);
  EXPECT_EQ(paths.front(), "year");
  EXPECT_EQ(paths.back(), "review_litigation.reconsideration.total");
  const auto first_t3 = std::find(paths.begin(), paths.end(), "applications.new_received.total");
  const auto last_t3 = std::find(paths.begin(), paths.end(), "applications.carried_forward.total");
  ASSERT_NE(first_t3, paths.end());
  ASSERT_NE(last_t3, paths.end());
  EXPECT_LT(first_t3, last_t3);
}

// Every cell of both examples set to extreme figures in turn: sums must
// report overflow or mismatches, never crash (checked arithmetic).
TEST(RuleEngineTest, ExtremeValuesGiveResultsNotCrashes) {
  for (const char* name : {kSeed, kCity}) {
    const auto original = LoadExample(name);
    const auto* edition = format::FindEdition(original.edition());
    ASSERT_NE(edition, nullptr);
    for (int64_t value :
         {std::numeric_limits<int64_t>::max(), std::numeric_limits<int64_t>::min(), int64_t{-1}}) {
      auto report = original;
      for (const auto& cell : format::Cells(*edition)) {
        auto* m = format::MutableAt(&report, cell.fields);
        if (cell.column->kind() == v1::CELL_KIND_AMOUNT) {
          static_cast<v1::Amount*>(m)->set_decimal("-99999999999999999999999.5");
        } else {
          static_cast<v1::Count*>(m)->set_value(value);
        }
      }
      const auto r = Validate(report, &original);
      EXPECT_GT(r.error_count(), 0) << name << " " << value;
    }
  }
}

TEST(RuleEngineTest, EveryRuleHasATest) {
  // Keep this list in step with the tests above: a rule added without a
  // test fails here.
  const std::set<std::string> tested = {
      "STRUCT.EDITION", "STRUCT.EDITION_YEAR", "STRUCT.YEAR_RANGE", "STRUCT.OTHER_EDITION_FIELDS",
      "STRUCT.SECTION_EMPTY", "STRUCT.BLANK_TOTAL", "STRUCT.NEGATIVE", "STRUCT.AMOUNT_FORMAT",
      "STRUCT.OVERFLOW", "T2.REGULATIONS_WITHOUT_POWER", "T2.IN_FORCE_BELOW_ISSUED",
      "T2.MADE_NOT_PUBLISHED", "T3.ROW_TOTAL", "T3.RECONCILE", "T3.RESULTS_TOTAL", "T4.GROUP_TOTAL",
      "XY.PREVIOUS_YEAR", "XY.CARRY_OVER", "XY.ITEMS", "PROSE.APPLICATIONS",
      "PROSE.REVIEW_LITIGATION", "PROSE.FEES", "PROSE.PERCENT",
      // cross_year_fee_rules_test.cc
      "FEE.NOTICES_COVER_DROPPED", "FEE.COLLECTED_LE_NOTICED", "XY.IN_FORCE", "XY.REPEALED",
      // narrative_rules_test.cc
      "PROSE.DISCLOSURE_RATE", "PROSE.PROBLEMS", "PROSE.YEAR", "PROSE.ALL_CLOSED"};
  for (const Rule* r : AllRules()) EXPECT_TRUE(tested.count(r->id)) << r->id;
}

}  // namespace
}  // namespace nianbao::validation
