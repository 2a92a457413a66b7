// `nianbao audit` over a folder of 100 generated reports (HTML pages from the
// HTML renderer), some with seeded errors, and last year's report of one
// agency in --previous-dir: the CSV lists exactly the violations that
// validating the generated reports directly gives — nothing lost, nothing
// added by importing.
#include <fstream>
#include <set>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "nianbao/v1/render.pb.h"
#include "plugins/html/html_renderer.h"
#include "renderers/document_builder.h"
#include "report/report_io.h"
#include "services/validation/rule_engine.h"
#include "tests/test_support.h"

namespace nianbao {
namespace {

constexpr int kReports = 100;

std::string Name(int i) { return absl::StrCat("示例市第", i, "区人民政府"); }

v1::AnnualReport Generated(int i, int year) {
  v1::AnnualReport r = testing::LoadExample("example-city-2022.json");
  r.clear_publisher();
  r.clear_publication_date();
  r.mutable_agency()->set_name(Name(i));
  r.mutable_agency()->clear_parent_name();
  r.mutable_agency()->set_level(v1::ADMINISTRATIVE_LEVEL_COUNTY);
  r.set_year(year);
  r.set_title(absl::StrCat(Name(i), year, "年政府信息公开工作年度报告"));
  auto* apps = r.mutable_applications();
  if (i % 10 == 3) {  // seeded: a figure that no longer adds up
    auto* c = apps->mutable_new_received()->mutable_natural_person();
    c->set_value(c->value() + 1);
  }
  if (i % 10 == 7) {  // seeded: a wrong total in table 4
    auto* c = r.mutable_review_litigation()->mutable_reconsideration()->mutable_total();
    c->set_value(c->value() + 2);
  }
  return r;
}

void WriteHtml(const v1::AnnualReport& report, const std::string& path) {
  v1::RenderRequest request;
  *request.mutable_report() = report;
  auto document = renderers::BuildDocument(report);
  ASSERT_TRUE(document.ok());
  *request.mutable_document() = *document;
  auto html = html::RenderHtml(request);
  ASSERT_TRUE(html.ok());
  ASSERT_TRUE(report::WriteFile(path, *html).ok());
}

std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        rows.back().back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        rows.back().back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\n') {
      rows.emplace_back(1);
    } else {
      rows.back().back() += c;
    }
  }
  if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
  return rows;
}

std::string Cell(const v1::Violation& v) {
  if (v.row_label().empty() && v.column_label().empty()) return v.field_path();
  return absl::StrCat(v.row_label(), v.row_label().empty() || v.column_label().empty() ? "" : " / ",
                      v.column_label());
}

TEST(CliAuditTest, FindsExactlyTheSeededErrors) {
  const std::string dir = ::testing::TempDir() + "/cli_audit";
  testing::Run("rm -rf " + dir + " && mkdir -p " + dir + "/reports " + dir + "/previous");
  using Key = std::tuple<std::string, std::string, std::string, std::string, std::string,
                         std::string>;  // file, rule, cell, expected, found, severity
  std::multiset<Key> expected;
  auto severity = [](v1::Severity s) {
    return s == v1::SEVERITY_ERROR ? "error" : s == v1::SEVERITY_WARNING ? "warning" : "info";
  };
  // Last year's report of agency 5, whose carried-forward figures differ
  // from this year's carried-over ones: the cross-year rule must fire.
  v1::AnnualReport previous = Generated(5, 2021);
  previous.mutable_applications()->mutable_carried_forward()->mutable_natural_person()->set_value(
      99);
  WriteHtml(previous, dir + "/previous/agency5-2021.html");
  int seeded = 0;
  for (int i = 0; i < kReports; ++i) {
    const v1::AnnualReport report = Generated(i, 2022);
    const std::string file = absl::StrCat(dir, "/reports/r", 100 + i, ".html");
    WriteHtml(report, file);
    const auto response = validation::Validate(report, i == 5 ? &previous : nullptr);
    if (i % 10 == 3 || i % 10 == 7) {
      EXPECT_GT(response.error_count(), 0) << i;
      ++seeded;
    }
    for (const v1::Violation& v : response.violations()) {
      expected.insert(
          {file, v.rule_id(), Cell(v), v.expected(), v.found(), severity(v.severity())});
    }
  }
  ASSERT_EQ(seeded, 20);

  auto run = testing::Run(testing::BinaryPath("cli/nianbao") + " audit " + dir + "/reports --csv " +
                          dir + "/audit.csv --previous-dir " + dir + "/previous");
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("audited 100 report(s)"), std::string::npos) << run.output;
  auto csv = report::ReadFile(dir + "/audit.csv");
  ASSERT_TRUE(csv.ok());
  const auto rows = ParseCsv(*csv);
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0], (std::vector<std::string>{"file", "agency", "year", "rule", "cell", "expected",
                                               "found", "severity", "message"}));
  std::multiset<Key> found;
  std::set<std::string> files_with_errors;
  for (size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), 9u) << i;
    found.insert({rows[i][0], rows[i][3], rows[i][4], rows[i][5], rows[i][6], rows[i][7]});
    if (rows[i][7] == "error") files_with_errors.insert(rows[i][0]);
    EXPECT_EQ(rows[i][2], "2022");
  }
  EXPECT_EQ(found, expected);
  EXPECT_EQ(files_with_errors.size(), 21u);  // the 20 seeded and agency 5 (cross-year)
  EXPECT_TRUE(files_with_errors.count(dir + "/reports/r105.html")) << "cross-year rule did not run";
}

TEST(CliAuditTest, UsageAndUnreadableFiles) {
  const std::string dir = ::testing::TempDir() + "/cli_audit_usage";
  testing::Run("rm -rf " + dir + " && mkdir -p " + dir);
  EXPECT_EQ(testing::Run(testing::BinaryPath("cli/nianbao") + " audit").exit_code, 2);
  EXPECT_EQ(testing::Run(testing::BinaryPath("cli/nianbao") + " audit " + dir + "/none").exit_code,
            2);
  ASSERT_TRUE(report::WriteFile(dir + "/x.txt", "not a report\n").ok());
  auto run = testing::Run(testing::BinaryPath("cli/nianbao") + " audit " + dir + " --csv -");
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("IMPORT.FAILED"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace nianbao
