// The text plugin on whole reports, through the plugin host: every figure
// and every sentence of the report in document order, tables drawn with
// lines of equal display width, both editions, several line widths.
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "format/cell_text.h"
#include "format/field_path.h"
#include "format/format_definition.h"
#include "gtest/gtest.h"
#include "plugins/text/display_width.h"
#include "renderers/renderer.h"
#include "tests/test_support.h"

namespace nianbao {
namespace {

using text::DisplayWidth;

std::string RenderText(const v1::AnnualReport& report, int line_width) {
  // The plugins of this build tree (the test runs from it).
  static const auto* shared =
      new std::shared_ptr<renderers::PluginRegistry>(renderers::PluginRegistry::Create({}));
  v1::RenderOptions options;
  if (line_width > 0) options.set_line_width(line_width);
  auto out = renderers::Renderer(*shared).Render(report, "text", options);
  EXPECT_TRUE(out.ok()) << out.status();
  return out.ok() ? out->bytes : "";
}

bool IsBoxDrawing(int32_t c) { return c >= 0x2500 && c <= 0x257f; }
bool IsTableLine(absl::string_view line) {
  size_t i = 0;
  return !line.empty() && IsBoxDrawing(text::NextCodePoint(line, &i));
}

// The text of the drawn tables' cells, line by line, left to right: the
// pieces between box-drawing characters, trimmed, without empty ones.
std::vector<std::string> TableTokens(const std::vector<std::string>& lines) {
  std::vector<std::string> tokens;
  for (const std::string& line : lines) {
    if (!IsTableLine(line)) continue;
    std::string piece;
    auto flush = [&] {
      std::string t(format::TrimSpaces(piece));
      if (!t.empty()) tokens.push_back(t);
      piece.clear();
    };
    for (size_t i = 0; i < line.size();) {
      const size_t at = i;
      if (IsBoxDrawing(text::NextCodePoint(line, &i))) {
        flush();
      } else {
        piece.append(line, at, i - at);
      }
    }
    flush();
  }
  return tokens;
}

// `s` without white space (ASCII, U+3000): wrapping only adds or drops that.
std::string Squeeze(absl::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const size_t at = i;
    const int32_t c = text::NextCodePoint(s, &i);
    if (c == ' ' || c == '\n' || c == '\t' || c == 0x3000) continue;
    out.append(s.data() + at, i - at);
  }
  return out;
}

struct Case {
  const char* example;
  int line_width;  // 0: the default
};

class TextRenderTest : public ::testing::TestWithParam<Case> {};

TEST_P(TextRenderTest, EveryFigureInDocumentOrder) {
  const v1::AnnualReport report = testing::LoadExample(GetParam().example);
  const std::string out = RenderText(report, GetParam().line_width);
  const std::vector<std::string> tokens = TableTokens(absl::StrSplit(out, '\n'));
  const v1::EditionFormat* edition = format::FindEdition(report.edition());
  ASSERT_NE(edition, nullptr);
  size_t next = 0, figures = 0;
  for (const format::CellRef& cell : format::Cells(*edition)) {
    const std::string want = format::CellText(format::GetAt(report, cell.fields), *cell.column);
    if (want.empty()) continue;  // a blank cell prints nothing
    ++figures;
    while (next < tokens.size() && tokens[next] != want) ++next;
    ASSERT_LT(next, tokens.size())
        << "figure " << want << " of " << cell.path << " missing or out of order";
    ++next;
  }
  EXPECT_GT(figures, 20u);
}

TEST_P(TextRenderTest, EverySentenceInDocumentOrder) {
  const v1::AnnualReport report = testing::LoadExample(GetParam().example);
  const std::string out = Squeeze(RenderText(report, GetParam().line_width));
  size_t at = 0;
  const std::vector<std::string> lines = testing::NarrativeLines(report);
  ASSERT_GT(lines.size(), 10u);
  for (const std::string& line : lines) {
    const std::string want = Squeeze(line);
    if (want.empty()) continue;
    const size_t found = out.find(want, at);
    ASSERT_NE(found, std::string::npos) << "missing or out of order: " << line;
    at = found + want.size();
  }
}

TEST_P(TextRenderTest, TablesHaveLinesOfEqualWidthWithinTheLine) {
  const v1::AnnualReport report = testing::LoadExample(GetParam().example);
  const int width = GetParam().line_width > 0 ? GetParam().line_width : 100;
  const std::vector<std::string> lines = absl::StrSplit(RenderText(report, width), '\n');
  int tables = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!IsTableLine(lines[i])) {
      EXPECT_LE(DisplayWidth(lines[i]), width) << lines[i];
      continue;
    }
    ++tables;
    // One table: consecutive table lines from ┌ to └.
    const int table_width = DisplayWidth(lines[i]);
    EXPECT_LE(table_width, width) << "table at line " << i;
    size_t j = i;
    for (; j < lines.size() && IsTableLine(lines[j]); ++j) {
      EXPECT_EQ(DisplayWidth(lines[j]), table_width) << "line " << j << ": " << lines[j];
    }
    EXPECT_TRUE(absl::StartsWith(lines[i], "┌")) << lines[i];
    EXPECT_TRUE(absl::StartsWith(lines[j - 1], "└")) << lines[j - 1];
    i = j - 1;
  }
  EXPECT_EQ(tables, 3);
}

INSTANTIATE_TEST_SUITE_P(BothEditions, TextRenderTest,
                         ::testing::Values(Case{"hongqiao-2020.json", 0},
                                           Case{"hongqiao-2020.json", 80},
                                           Case{"example-city-2022.json", 0},
                                           Case{"example-city-2022.json", 80}),
                         [](const auto& info) {
                           std::string name = info.param.example;
                           name = name.substr(0, name.find('-'));
                           return name + "_" + std::to_string(info.param.line_width);
                         });

}  // namespace
}  // namespace nianbao
