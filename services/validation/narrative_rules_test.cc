// The narrative rules (PROSE.PROBLEMS, PROSE.YEAR, PROSE.ALL_CLOSED,
// PROSE.DISCLOSURE_RATE) and the prose matcher, driven by
// testdata/tricky_sentences.tsv: sentences in the style of published reports,
// each with the violations it must (or must not) raise.
#include <fstream>
#include <set>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "services/validation/rule_engine.h"
#include "tests/test_support.h"

namespace nianbao::validation {
namespace {

using testing::LoadExample;

struct Case {
  int line;
  std::string report, mode, sentence;
  std::set<std::string> expected;
};

std::vector<Case> LoadCases() {
  std::ifstream in(testing::SourcePath("services/validation/testdata/tricky_sentences.tsv"));
  std::vector<Case> out;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f = absl::StrSplit(line, '\t');
    if (f.size() != 4) {
      ADD_FAILURE() << "line " << n << ": expected 4 tab-separated fields";
      continue;
    }
    Case c{n, f[0], f[1], f[3], {}};
    if (f[2] != "-") {
      for (absl::string_view id : absl::StrSplit(f[2], ',')) c.expected.insert(std::string(id));
    }
    out.push_back(std::move(c));
  }
  return out;
}

void SetOnly(v1::Narrative* n, const std::string& text) {
  n->Clear();
  n->add_blocks()->mutable_paragraph()->set_text(text);
}

std::multiset<std::string> Ids(const v1::ValidateReportResponse& r) {
  std::multiset<std::string> out;
  for (const auto& v : r.violations()) out.insert(v.rule_id() + " " + v.quote());
  return out;
}

TEST(TrickySentencesTest, EachSentenceGivesItsExpectedResult) {
  const std::vector<Case> cases = LoadCases();
  ASSERT_GE(cases.size(), 30u);
  const v1::AnnualReport seed = LoadExample("hongqiao-2020.json");
  const v1::AnnualReport city = LoadExample("example-city-2022.json");
  for (const Case& c : cases) {
    SCOPED_TRACE("line " + std::to_string(c.line) + ": " + c.sentence);
    ASSERT_TRUE(c.report == "seed" || c.report == "city") << c.report;
    const v1::AnnualReport& original = c.report == "seed" ? seed : city;
    v1::AnnualReport edited = original;
    if (c.mode == "append") {
      edited.mutable_general_situation()->add_blocks()->mutable_paragraph()->set_text(c.sentence);
    } else if (c.mode == "only") {
      SetOnly(edited.mutable_general_situation(), c.sentence);
    } else if (c.mode == "problems") {
      SetOnly(edited.mutable_problems_and_improvements(), c.sentence);
    } else if (c.mode == "other") {
      edited.mutable_other_matters()
          ->mutable_narrative()
          ->add_blocks()
          ->mutable_paragraph()
          ->set_text(c.sentence);
    } else {
      FAIL() << "unknown mode " << c.mode;
    }
    // New violations: those of the edited report the original does not have.
    std::multiset<std::string> before = Ids(Validate(original));
    const auto after = Validate(edited);
    std::set<std::string> got;
    std::string described;
    for (const auto& v : after.violations()) {
      auto it = before.find(v.rule_id() + " " + v.quote());
      if (it != before.end()) {
        before.erase(it);
        continue;
      }
      got.insert(v.rule_id());
      described += v.rule_id() + ": " + v.message_zh() + "\n";
    }
    EXPECT_EQ(got, c.expected) << described;
  }
}

TEST(NarrativeRulesTest, ExamplesRaiseNoWarning) {
  for (const char* name : {"hongqiao-2020.json", "example-city-2022.json"}) {
    const auto r = Validate(LoadExample(name));
    EXPECT_EQ(r.warning_count() + r.error_count(), 0) << name;
    for (const char* id : {"PROSE.PROBLEMS", "PROSE.YEAR", "PROSE.ALL_CLOSED"}) {
      for (const auto& rr : r.rule_results()) {
        if (rr.rule_id() == id) {
          EXPECT_EQ(rr.outcome(), v1::RULE_OUTCOME_PASSED) << name << id;
        }
      }
    }
  }
}

v1::RuleOutcome OutcomeOf(const v1::ValidateReportResponse& r, const std::string& id) {
  for (const auto& rr : r.rule_results()) {
    if (rr.rule_id() == id) return rr.outcome();
  }
  return v1::RULE_OUTCOME_UNSPECIFIED;
}

TEST(NarrativeRulesTest, NotAssessableWithoutAKnownEdition) {
  v1::AnnualReport report = LoadExample("example-city-2022.json");
  report.set_edition(v1::EDITION_UNSPECIFIED);
  const auto r = Validate(report);
  for (const char* id :
       {"PROSE.PROBLEMS", "PROSE.YEAR", "PROSE.ALL_CLOSED", "PROSE.DISCLOSURE_RATE"}) {
    EXPECT_EQ(OutcomeOf(r, id), v1::RULE_OUTCOME_NOT_ASSESSABLE) << id;
  }
}

TEST(NarrativeRulesTest, DisclosureRateNotAssessableWhenNothingWasHandled) {
  v1::AnnualReport report = LoadExample("example-city-2022.json");
  report.mutable_applications()->mutable_results()->mutable_total()->mutable_total()->set_value(0);
  report.mutable_general_situation()->add_blocks()->mutable_paragraph()->set_text(
      "全年政府信息公开申请公开率为60.9%。");
  EXPECT_EQ(OutcomeOf(Validate(report), "PROSE.DISCLOSURE_RATE"), v1::RULE_OUTCOME_NOT_ASSESSABLE);
}

TEST(NarrativeRulesTest, YearViolationQuotesTheSentenceAndNamesTheSection) {
  v1::AnnualReport report = LoadExample("example-city-2022.json");
  report.mutable_general_situation()->add_blocks()->mutable_paragraph()->set_text(
      "2021年，全市共收到政府信息公开申请880件。");
  const auto r = Validate(report);
  ASSERT_EQ(r.warning_count(), 1);
  const v1::Violation& v = r.violations(0);
  EXPECT_EQ(v.rule_id(), "PROSE.YEAR");
  EXPECT_EQ(v.field_path(), "general_situation");
  EXPECT_EQ(v.expected(), "2022年");
  EXPECT_EQ(v.found(), "2021年");
  EXPECT_EQ(v.quote(), "2021年，全市共收到政府信息公开申请880件。");
}

TEST(NarrativeRulesTest, AllClosedPointsAtTheCarriedForwardCell) {
  v1::AnnualReport report = LoadExample("example-city-2022.json");
  SetOnly(report.mutable_general_situation(), "收到的政府信息公开申请均已办结。");
  const auto r = Validate(report);
  ASSERT_EQ(r.warning_count(), 1);
  EXPECT_EQ(r.violations(0).rule_id(), "PROSE.ALL_CLOSED");
  EXPECT_EQ(r.violations(0).field_path(), "applications.carried_forward.total");
  EXPECT_EQ(r.violations(0).found(), "10");
}

}  // namespace
}  // namespace nianbao::validation
