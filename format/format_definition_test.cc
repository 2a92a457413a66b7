#include "format/format_definition.h"

#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "format/field_path.h"
#include "gtest/gtest.h"
#include "nianbao/v1/report.pb.h"

namespace nianbao::format {
namespace {

using v1::EDITION_2019_TRIAL;
using v1::EDITION_2021;

int DataRows(const v1::TableBlock& block) {
  int n = 0;
  for (int i = 0; i < block.rows_size(); ++i) n += IsGroupRow(block, i) ? 0 : 1;
  return n;
}

TEST(FormatDefinitionTest, BothEditionsArePresent) {
  ASSERT_NE(FindEdition(EDITION_2019_TRIAL), nullptr);
  ASSERT_NE(FindEdition(EDITION_2021), nullptr);
  EXPECT_EQ(FindEdition(v1::EDITION_UNSPECIFIED), nullptr);
  EXPECT_EQ(FindEdition(static_cast<v1::Edition>(99)), nullptr);
}

TEST(FormatDefinitionTest, EditionForYear) {
  EXPECT_EQ(EditionForYear(2018), v1::EDITION_UNSPECIFIED);
  EXPECT_EQ(EditionForYear(2019), EDITION_2019_TRIAL);
  EXPECT_EQ(EditionForYear(2020), EDITION_2019_TRIAL);
  EXPECT_EQ(EditionForYear(2021), EDITION_2021);
  EXPECT_EQ(EditionForYear(2030), EDITION_2021);
}

TEST(FormatDefinitionTest, SixSectionsInOrder) {
  for (auto e : {EDITION_2019_TRIAL, EDITION_2021}) {
    const auto& ed = *FindEdition(e);
    ASSERT_EQ(ed.sections_size(), 6);
    EXPECT_EQ(SectionHeading(ed.sections(0)), "一、总体情况");
    EXPECT_EQ(SectionHeading(ed.sections(1)), "二、主动公开政府信息情况");
    EXPECT_EQ(SectionHeading(ed.sections(2)), "三、收到和处理政府信息公开申请情况");
    EXPECT_EQ(SectionHeading(ed.sections(3)), "四、政府信息公开行政复议、行政诉讼情况");
    EXPECT_EQ(SectionHeading(ed.sections(4)), "五、存在的主要问题及改进情况");
    EXPECT_EQ(SectionHeading(ed.sections(5)), "六、其他需要报告的事项");
    for (const auto& s : ed.sections()) {
      // Every narrative field resolves to a Narrative of AnnualReport.
      auto chain = ResolvePath(v1::AnnualReport::descriptor(), s.narrative_field());
      ASSERT_TRUE(chain.ok()) << chain.status();
      EXPECT_EQ(chain->back()->message_type()->full_name(), "nianbao.v1.Narrative");
      if (!s.table_id().empty()) {
        EXPECT_NE(FindTable(ed, s.table_id()), nullptr);
      }
    }
  }
}

TEST(FormatDefinitionTest, Table3Shape) {
  const auto& t2019 = *FindTable(*FindEdition(EDITION_2019_TRIAL), "T3");
  const auto& t2021 = *FindTable(*FindEdition(EDITION_2021), "T3");
  ASSERT_EQ(t2019.blocks_size(), 1);
  EXPECT_EQ(DataRows(t2019.blocks(0)), 23);
  EXPECT_EQ(DataRows(t2021.blocks(0)), 25);
  EXPECT_EQ(t2019.blocks(0).columns_size(), 7);
  EXPECT_EQ(t2021.blocks(0).columns_size(), 7);
  EXPECT_EQ(t2019.grid_columns(), 10);
  EXPECT_EQ(t2019.blocks(0).header_rows(), 3);
  // The top-left note spans 3 columns x 3 header rows.
  const auto& note = t2019.blocks(0).header(0);
  EXPECT_TRUE(note.is_note());
  EXPECT_EQ(note.row_span(), 3);
  EXPECT_EQ(note.column_span(), 3);
  EXPECT_EQ(note.text(), "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");
  // 2021 splits （六） into three rows.
  const auto* oh = FindCell(*FindEdition(EDITION_2021),
                            "applications.results.other_handling_2021.overdue_fee.total");
  ASSERT_NE(oh, nullptr);
  EXPECT_EQ(RowLabel(*oh->row),
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请");
  EXPECT_EQ(FindCell(*FindEdition(EDITION_2021), "applications.results.other_handling.total"),
            nullptr);
  EXPECT_NE(FindCell(*FindEdition(EDITION_2019_TRIAL), "applications.results.other_handling.total"),
            nullptr);
  EXPECT_EQ(ColumnLabel(t2019.blocks(0).columns(1)), "申请人情况/法人或其他组织/商业企业");
}

TEST(FormatDefinitionTest, Table4Shape) {
  for (auto e : {EDITION_2019_TRIAL, EDITION_2021}) {
    const auto& t4 = *FindTable(*FindEdition(e), "T4");
    ASSERT_EQ(t4.blocks_size(), 1);
    EXPECT_EQ(t4.blocks(0).columns_size(), 15);
    EXPECT_EQ(t4.blocks(0).header_rows(), 3);
    EXPECT_EQ(ColumnLabel(t4.blocks(0).columns(7)), "行政诉讼/未经复议直接起诉/其他结果");
  }
}

TEST(FormatDefinitionTest, Table2Blocks) {
  const auto& t2019 = *FindTable(*FindEdition(EDITION_2019_TRIAL), "T2");
  const auto& t2021 = *FindTable(*FindEdition(EDITION_2021), "T2");
  ASSERT_EQ(t2019.blocks_size(), 5);
  ASSERT_EQ(t2021.blocks_size(), 4);  // （九） is gone in 2021
  EXPECT_EQ(t2019.blocks(4).heading(), "第二十条第（九）项");
  EXPECT_EQ(t2021.blocks(0).rows(1).label(), "行政规范性文件");
  EXPECT_EQ(t2021.blocks(3).columns(0).label(), "本年收费金额（单位：万元）");
  EXPECT_EQ(t2021.blocks(3).columns(0).header_unit(), v1::CURRENCY_UNIT_WAN_YUAN);
  EXPECT_EQ(t2019.blocks(1).columns(1).kind(), v1::CELL_KIND_SIGNED_COUNT);
}

TEST(FormatDefinitionTest, CellCounts) {
  // 2019: T2 2x3 + 2x3 + 2x3 + 1x2 + 1x2 = 22; T3 23x7 = 161; T4 15.
  EXPECT_EQ(Cells(*FindEdition(EDITION_2019_TRIAL)).size(), 22u + 161u + 15u);
  // 2021: T2 2x3 + 1 + 2 + 1 = 10; T3 25x7 = 175; T4 15.
  EXPECT_EQ(Cells(*FindEdition(EDITION_2021)).size(), 10u + 175u + 15u);
}

// Every label nianbao prints must be the official one: it must occur
// verbatim in shared/docs/format.md, our transcription of the national format.
TEST(FormatDefinitionTest, EveryLabelIsInFormatMd) {
  std::ifstream in(NIANBAO_SHARED_DIR "/docs/format.md");
  if (!in) GTEST_SKIP() << "shared/docs/format.md not found at " NIANBAO_SHARED_DIR;
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string doc = buffer.str();
  std::set<std::string> labels;
  for (const auto& ed : Definition().editions()) {
    for (const auto& s : ed.sections()) labels.insert(SectionHeading(s));
    for (const auto& t : ed.tables()) {
      for (const auto& b : t.blocks()) {
        if (!b.heading().empty()) labels.insert(b.heading());
        for (const auto& h : b.header()) labels.insert(h.text());
        for (const auto& c : b.columns()) labels.insert(c.label());
        for (const auto& r : b.rows()) {
          if (!r.label().empty()) labels.insert(r.label());
          // Table 3's numbered rows appear in format.md with their number.
          if (t.id() == "T3" && r.depth() < 2) labels.insert(RowLabel(r));
        }
      }
    }
    for (const auto& topic : ed.general_topics()) labels.insert(topic.title());
  }
  for (const std::string& label : labels) {
    EXPECT_NE(doc.find(label), std::string::npos) << "not in format.md: " << label;
  }
}

TEST(FormatDefinitionTest, ParseDefinitionRejectsBadPaths) {
  auto bad = ParseDefinition(R"pb(
    editions {
      edition: EDITION_2021
      tables {
        id: "T9"
        field: "applications"
        grid_columns: 2
        label_columns: 1
        blocks {
          header_rows: 1
          header { row: 0 column: 0 row_span: 1 column_span: 2 text: "x" }
          columns { field: "no_such_field" label: "x" kind: CELL_KIND_COUNT span: 1 }
          rows { field: "new_received" label: "y" }
        }
      }
    })pb");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("no_such_field"), std::string::npos) << bad.status();
}

TEST(FormatDefinitionTest, ParseDefinitionRejectsHeaderGaps) {
  auto bad = ParseDefinition(R"pb(
    editions {
      edition: EDITION_2021
      tables {
        id: "T9"
        field: "applications"
        grid_columns: 2
        label_columns: 1
        blocks {
          header_rows: 1
          header { row: 0 column: 0 row_span: 1 column_span: 1 text: "x" }
          columns { field: "total" label: "x" kind: CELL_KIND_COUNT span: 1 }
          rows { field: "new_received" label: "y" }
        }
      }
    })pb");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("exactly once"), std::string::npos) << bad.status();
}

}  // namespace
}  // namespace nianbao::format
