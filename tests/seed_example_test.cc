// examples/hongqiao-2020.json against the seed it transcribes,
// shared/seed/hongqiao-2020-annual-report.txt: every cell of tables 2, 3 and
// 4 (blank cells blank) and every paragraph and heading, in order, so the
// example cannot drift from the published report.
#include <algorithm>

#include "absl/strings/match.h"
#include "format/cell_text.h"
#include "format/field_path.h"
#include "format/format_definition.h"
#include "gtest/gtest.h"
#include "importer/flattened_cells.h"
#include "tests/test_support.h"

namespace nianbao {
namespace {

using testing::NormalizeLabel;

size_t FindLine(const std::vector<std::string>& lines, size_t from, size_t to,
                const std::string& normalized) {
  for (size_t i = from; i < to && i < lines.size(); ++i) {
    if (NormalizeLabel(lines[i]) == normalized) return i;
  }
  return std::string::npos;
}

TEST(SeedExampleTest, EveryTableCellMatchesTheSeed) {
  auto lines = testing::SeedLines();
  if (!lines) GTEST_SKIP() << "seed not found under " << NIANBAO_SHARED_DIR;
  const v1::AnnualReport report = testing::LoadExample("hongqiao-2020.json");
  ASSERT_EQ(report.edition(), v1::EDITION_2019_TRIAL);
  const v1::EditionFormat& edition = *format::FindEdition(report.edition());

  size_t compared = 0;
  for (const v1::TableFormat& table : edition.tables()) {
    const v1::SectionFormat* section = format::FindSectionOfTable(edition, table.id());
    ASSERT_NE(section, nullptr);
    const size_t start =
        FindLine(*lines, 0, lines->size(), NormalizeLabel(format::SectionHeading(*section)));
    ASSERT_NE(start, std::string::npos) << table.id();
    size_t end = lines->size();
    for (const v1::SectionFormat& s : edition.sections()) {
      if (s.number() == "五")
        end = FindLine(*lines, start, lines->size(), NormalizeLabel(format::SectionHeading(s)));
    }
    size_t cursor = start + 1;
    for (const v1::TableBlock& block : table.blocks()) {
      for (int r = 0; r < block.rows_size(); ++r) {
        const v1::RowFormat& row = block.rows(r);
        size_t at;
        if (row.label().empty()) {
          // Table 4 has no row label: its figures follow the last header cell.
          at = std::string::npos;
          for (size_t i = cursor; i < end; ++i) {
            if (NormalizeLabel((*lines)[i]) == "总计") at = i;
          }
        } else {
          at = FindLine(*lines, cursor, end, NormalizeLabel(format::RowLabel(row)));
        }
        ASSERT_NE(at, std::string::npos) << table.id() << " row " << format::RowLabel(row);
        cursor = at + 1;
        if (format::IsGroupRow(block, r)) continue;
        const auto cells = format::RowCells(edition, row);
        // The label's own separator line, then the cells.
        const auto printed = importer::ReadFlattenedCells(*lines, at + 2, cells.size()).cells;
        ASSERT_EQ(printed.size(), cells.size());
        for (size_t k = 0; k < cells.size(); ++k) {
          const auto* cell = format::GetAt(report, cells[k]->fields);
          EXPECT_EQ(format::CellText(cell, *cells[k]->column), printed[k].text)
              << cells[k]->path << " (" << format::RowLabel(row) << " / "
              << format::ColumnLabel(*cells[k]->column) << ")";
          ++compared;
        }
      }
    }
  }
  EXPECT_EQ(compared, format::Cells(edition).size());
}

TEST(SeedExampleTest, EveryParagraphAndHeadingMatchesTheSeedInOrder) {
  auto lines = testing::SeedLines();
  if (!lines) GTEST_SKIP() << "seed not found under " << NIANBAO_SHARED_DIR;
  const v1::AnnualReport report = testing::LoadExample("hongqiao-2020.json");
  const v1::EditionFormat& edition = *format::FindEdition(report.edition());

  // The report proper runs from its title to the CMS's empty "附件:" field;
  // the site navigation is around it. Table bodies are checked above: of
  // sections 二 to 四 only the headings are prose.
  const size_t title = FindLine(*lines, 0, lines->size(), NormalizeLabel(report.title()));
  const size_t annex = FindLine(*lines, title, lines->size(), "附件:");
  ASSERT_NE(title, std::string::npos);
  ASSERT_NE(annex, std::string::npos);
  std::vector<std::string> headings;
  for (const auto& s : edition.sections()) {
    headings.push_back(NormalizeLabel(format::SectionHeading(s)));
  }
  const size_t tables_from = FindLine(*lines, title, annex, headings[1]);
  const size_t tables_to = FindLine(*lines, title, annex, headings[4]);
  std::vector<std::string> seed;
  for (size_t i = title; i < annex; ++i) {
    const std::string& line = (*lines)[i];
    if (line.empty()) continue;
    const bool in_tables = i > tables_from && i < tables_to;
    if (in_tables &&
        std::find(headings.begin(), headings.end(), NormalizeLabel(line)) == headings.end()) {
      continue;
    }
    seed.push_back(line);
  }

  const std::vector<std::string> json = testing::NarrativeLines(report);
  ASSERT_EQ(seed.size(), json.size());
  for (size_t i = 0; i < seed.size(); ++i) {
    EXPECT_EQ(NormalizeLabel(seed[i]), NormalizeLabel(json[i])) << "line " << i;
  }
  // Paragraphs are kept to the letter, spaces and half-width punctuation too.
  for (const std::string& line : json) {
    if (line.size() > 60) {
      EXPECT_NE(std::find(seed.begin(), seed.end(), line), seed.end()) << line;
    }
  }
}

TEST(SeedExampleTest, PublisherAndDateComeFromThePage) {
  auto lines = testing::SeedLines();
  if (!lines) GTEST_SKIP() << "seed not found under " << NIANBAO_SHARED_DIR;
  const v1::AnnualReport report = testing::LoadExample("hongqiao-2020.json");
  bool found = false;
  for (const std::string& line : *lines) {
    if (absl::StartsWith(line, "来源:")) {
      found = true;
      EXPECT_NE(line.find(report.publisher()), std::string::npos);
      EXPECT_NE(line.find("2021-03-08"), std::string::npos);
    }
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(report.publication_date().year(), 2021);
  EXPECT_EQ(report.publication_date().month(), 3);
  EXPECT_EQ(report.publication_date().day(), 8);
  EXPECT_EQ(report.year(), 2020);
}

}  // namespace
}  // namespace nianbao
