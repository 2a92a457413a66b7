#include "renderers/document_builder.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/test_support.h"

namespace nianbao::renderers {
namespace {

// Every grid position of `table` is covered by exactly one cell.
void ExpectGridCoveredOnce(const v1::Table& table) {
  const int width = table.columns_size();
  std::vector<std::vector<int>> covered(static_cast<size_t>(table.rows_size()),
                                        std::vector<int>(static_cast<size_t>(width), 0));
  for (int r = 0; r < table.rows_size(); ++r) {
    for (const v1::TableCell& cell : table.rows(r).cells()) {
      ASSERT_GE(cell.row_span(), 1);
      ASSERT_GE(cell.column_span(), 1);
      ASSERT_LE(r + cell.row_span(), table.rows_size()) << table.id() << " " << cell.text();
      ASSERT_LE(cell.column() + cell.column_span(), width) << table.id() << " " << cell.text();
      for (int i = r; i < r + cell.row_span(); ++i) {
        for (int j = cell.column(); j < cell.column() + cell.column_span(); ++j) {
          ++covered[static_cast<size_t>(i)][static_cast<size_t>(j)];
        }
      }
    }
  }
  for (int r = 0; r < table.rows_size(); ++r) {
    for (int c = 0; c < width; ++c) {
      EXPECT_EQ(covered[static_cast<size_t>(r)][static_cast<size_t>(c)], 1)
          << table.id() << " row " << r << " column " << c;
    }
  }
}

std::vector<const v1::Table*> Tables(const v1::Document& doc) {
  std::vector<const v1::Table*> out;
  for (const auto& b : doc.blocks()) {
    if (b.has_table()) out.push_back(&b.table());
  }
  return out;
}

// The data cell at `path` and the texts of the header cells it names.
struct Found {
  const v1::TableCell* cell = nullptr;
  std::vector<std::string> headers;
};
Found FindData(const v1::Document& doc, const std::string& path) {
  std::map<std::string, std::string> by_id;
  Found found;
  for (const v1::Table* t : Tables(doc)) {
    for (const auto& row : t->rows()) {
      for (const auto& cell : row.cells()) {
        if (!cell.id().empty()) by_id[cell.id()] = cell.text();
        if (cell.field_path() == path) found.cell = &cell;
      }
    }
  }
  if (found.cell != nullptr) {
    for (const auto& id : found.cell->header_ids()) found.headers.push_back(by_id.at(id));
  }
  return found;
}

TEST(DocumentBuilderTest, SeedTablesAreWellFormedGrids) {
  auto doc = BuildDocument(testing::LoadExample("hongqiao-2020.json"));
  ASSERT_TRUE(doc.ok()) << doc.status();
  const auto tables = Tables(*doc);
  ASSERT_EQ(tables.size(), 3u);
  for (const v1::Table* t : tables) ExpectGridCoveredOnce(*t);
  EXPECT_EQ(tables[1]->header_rows(), 3);  // table 3 repeats its 3 header rows
  EXPECT_EQ(tables[0]->header_rows(), 0);  // table 2's blocks carry their own
}

TEST(DocumentBuilderTest, FiguresCarryTheirRowAndColumnHeaders) {
  auto doc = BuildDocument(testing::LoadExample("hongqiao-2020.json"));
  ASSERT_TRUE(doc.ok());
  Found disclosed = FindData(*doc, "applications.results.disclosed.natural_person");
  ASSERT_NE(disclosed.cell, nullptr);
  EXPECT_EQ(disclosed.cell->text(), "83");
  EXPECT_EQ(disclosed.headers, (std::vector<std::string>{"三、本年度办理结果", "（一）予以公开",
                                                         "申请人情况", "自然人"}));
  Found secret = FindData(*doc, "applications.results.not_disclosed.state_secret.total");
  ASSERT_NE(secret.cell, nullptr);
  EXPECT_EQ(secret.headers, (std::vector<std::string>{"三、本年度办理结果", "（三）不予公开",
                                                      "1.属于国家秘密", "申请人情况", "总计"}));
  Found upheld = FindData(*doc, "review_litigation.reconsideration.upheld");
  ASSERT_NE(upheld.cell, nullptr);
  EXPECT_EQ(upheld.cell->text(), "10");
  EXPECT_EQ(upheld.headers, (std::vector<std::string>{"行政复议", "结果维持"}));
  Found after = FindData(*doc, "review_litigation.litigation_after_reconsideration.total");
  ASSERT_NE(after.cell, nullptr);
  EXPECT_EQ(after.headers, (std::vector<std::string>{"行政诉讼", "复议后起诉", "总计"}));
  Found change = FindData(*doc, "proactive_disclosure_2019.administrative_licensing.change");
  ASSERT_NE(change.cell, nullptr);
  EXPECT_EQ(change.cell->text(), "减75");
  EXPECT_EQ(change.headers, (std::vector<std::string>{"行政许可", "本年增/减"}));
  Found amount = FindData(*doc, "proactive_disclosure_2019.government_procurement.total_amount");
  ASSERT_NE(amount.cell, nullptr);
  EXPECT_EQ(amount.cell->text(), "14957.701682万元");
  EXPECT_EQ(amount.cell->column_span(), 2);
}

TEST(DocumentBuilderTest, BlankIsKeptApartFromZero) {
  auto doc = BuildDocument(testing::LoadExample("hongqiao-2020.json"));
  ASSERT_TRUE(doc.ok());
  Found blank = FindData(*doc, "applications.new_received.research_institution");
  ASSERT_NE(blank.cell, nullptr);
  EXPECT_TRUE(blank.cell->blank());
  EXPECT_EQ(blank.cell->text(), "");
  Found zero = FindData(*doc, "proactive_disclosure_2019.regulations.newly_made");
  ASSERT_NE(zero.cell, nullptr);
  EXPECT_FALSE(zero.cell->blank());
  EXPECT_EQ(zero.cell->text(), "0");
}

TEST(DocumentBuilderTest, ProseFollowsTheReportInOrder) {
  const v1::AnnualReport report = testing::LoadExample("hongqiao-2020.json");
  auto doc = BuildDocument(report);
  ASSERT_TRUE(doc.ok());
  std::vector<std::string> lines = {doc->title()};
  int sections = 0;
  for (const auto& b : doc->blocks()) {
    if (b.has_heading()) {
      lines.push_back(absl::StrCat(b.heading().number(), b.heading().text()));
      sections += b.heading().level() == 1;
    } else if (b.has_paragraph()) {
      lines.push_back(b.paragraph().text());
    }
  }
  EXPECT_EQ(sections, 6);
  EXPECT_EQ(lines, testing::NarrativeLines(report));
  EXPECT_EQ(doc->info().author(), "天津市红桥区人民政府");
  EXPECT_EQ(doc->info().language(), "zh-CN");
}

TEST(DocumentBuilderTest, Edition2021Layout) {
  auto doc = BuildDocument(testing::LoadExample("example-city-2022.json"));
  ASSERT_TRUE(doc.ok()) << doc.status();
  const auto tables = Tables(*doc);
  ASSERT_EQ(tables.size(), 3u);
  for (const v1::Table* t : tables) ExpectGridCoveredOnce(*t);
  // Table 3: 3 header rows + 25 figure rows.
  EXPECT_EQ(tables[1]->rows_size(), 28);
  Found fee = FindData(*doc, "applications.results.other_handling_2021.overdue_fee.total");
  ASSERT_NE(fee.cell, nullptr);
  EXPECT_EQ(fee.headers[1], "（六）其他处理");
  // 本年收费金额 is in 万元 by its header: the unit is not repeated in the cell.
  Found amount = FindData(*doc, "proactive_disclosure_2021.administrative_fees.amount");
  ASSERT_NE(amount.cell, nullptr);
  EXPECT_EQ(amount.cell->text(), "1268.45");
  EXPECT_EQ(amount.cell->column_span(), 3);
}

TEST(DocumentBuilderTest, UnknownEditionIsInvalidArgument) {
  v1::AnnualReport report;
  report.set_year(2010);
  auto doc = BuildDocument(report);
  EXPECT_EQ(doc.status().code(), absl::StatusCode::kInvalidArgument);
  report.set_year(2020);  // falls back to the edition for the year
  EXPECT_TRUE(BuildDocument(report).ok());
  EXPECT_EQ(BuildTable(report, "T9").status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace nianbao::renderers
