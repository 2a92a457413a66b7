// The laid-out pages of both examples, checked as a reader would look at
// them: nothing outside the text area, no two pieces of text on top of each
// other, every heading followed by its text on the same page, bookmarks for
// the six sections, page numbers.
#include "plugins/pdf/document_layout.h"

#include "gtest/gtest.h"
#include "plugins/pdf/font_locator.h"
#include "plugins/pdf/line_breaker.h"
#include "plugins/pdf/page_decoration.h"
#include "renderers/document_builder.h"
#include "tests/test_support.h"

namespace nianbao::pdf {
namespace {

struct Box {
  double left, bottom, right, top;
};

class DocumentLayoutTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    auto body = GetFont(*LocateFont(kDefaultBodyFont));
    auto heading = GetFont(*LocateFont(kDefaultHeadingFont));
    ASSERT_TRUE(body.ok() && heading.ok());
    body_ = *body;
    heading_ = *heading;
    style_ = *MakePageStyle(v1::RenderOptions());
    auto document = renderers::BuildDocument(nianbao::testing::LoadExample(GetParam()));
    ASSERT_TRUE(document.ok()) << document.status();
    document_ = *document;
    laid_out_ = LayOutDocument(document_, *body_, *heading_, style_);
  }

  Box BoxOf(const TextRun& run) const {
    const Font& font = run.face == Face::kBody ? *body_ : *heading_;
    const double width =
        font.Width(run.text, run.size) + run.char_space * static_cast<double>(run.text.size() - 1);
    // Ideographs sit between about -0.12 em and 0.88 em of the baseline.
    return {run.x, run.y - 0.12 * run.size, run.x + width, run.y + 0.88 * run.size};
  }

  std::shared_ptr<const Font> body_, heading_;
  PageStyle style_;
  v1::Document document_;
  LaidOutDocument laid_out_;
};

TEST_P(DocumentLayoutTest, TextStaysInsideTheTextArea) {
  ASSERT_GE(laid_out_.pages.size(), 3u);
  for (size_t p = 0; p < laid_out_.pages.size(); ++p) {
    for (const TextRun& run : laid_out_.pages[p].runs) {
      const Box b = BoxOf(run);
      EXPECT_GE(b.left, style_.left - 0.01) << "page " << p + 1 << ": " << ToUtf8(run.text);
      EXPECT_LE(b.right, style_.left + style_.text_width + 0.01)
          << "page " << p + 1 << ": " << ToUtf8(run.text);
      EXPECT_LE(b.top, style_.top + 0.01) << "page " << p + 1 << ": " << ToUtf8(run.text);
      EXPECT_GE(b.bottom, style_.bottom() - 0.01) << "page " << p + 1 << ": " << ToUtf8(run.text);
    }
  }
}

TEST_P(DocumentLayoutTest, NoTextOverlapsOtherText) {
  for (size_t p = 0; p < laid_out_.pages.size(); ++p) {
    const auto& runs = laid_out_.pages[p].runs;
    for (size_t i = 0; i < runs.size(); ++i) {
      const Box a = BoxOf(runs[i]);
      for (size_t j = i + 1; j < runs.size(); ++j) {
        const Box b = BoxOf(runs[j]);
        const bool overlap = a.left < b.right - 0.01 && b.left < a.right - 0.01 &&
                             a.bottom < b.top - 0.01 && b.bottom < a.top - 0.01;
        EXPECT_FALSE(overlap) << "page " << p + 1 << ": \"" << ToUtf8(runs[i].text)
                              << "\" overlaps \"" << ToUtf8(runs[j].text) << "\"";
      }
    }
  }
}

TEST_P(DocumentLayoutTest, TableRulesStayInsideTheTextArea) {
  for (const Page& page : laid_out_.pages) {
    if (page.rules.empty()) continue;
    double table_left = 1e9, table_right = -1e9, table_top = -1e9, table_bottom = 1e9;
    for (const Rule& r : page.rules) {
      table_left = std::min({table_left, r.x1, r.x2});
      table_right = std::max({table_right, r.x1, r.x2});
      table_top = std::max({table_top, r.y1, r.y2});
      table_bottom = std::min({table_bottom, r.y1, r.y2});
    }
    EXPECT_GE(table_left, style_.left - 0.01);
    EXPECT_LE(table_right, style_.left + style_.text_width + 0.01);
    EXPECT_GE(table_bottom, style_.bottom() - 0.01);
  }
}

TEST_P(DocumentLayoutTest, HeadingsAreFollowedByTextOnTheirPage) {
  ASSERT_FALSE(laid_out_.bookmarks.empty());
  for (const Bookmark& b : laid_out_.bookmarks) {
    const Page& page = laid_out_.pages[static_cast<size_t>(b.page)];
    bool below = false;
    for (const TextRun& run : page.runs) {
      if (run.y < b.y - 1.5 * style_.line_pitch) below = true;
    }
    EXPECT_TRUE(below) << b.title << " ends page " << b.page + 1;
  }
}

TEST_P(DocumentLayoutTest, BookmarksForTheSixSections) {
  int sections = 0;
  for (const Bookmark& b : laid_out_.bookmarks) sections += b.level == 1 ? 1 : 0;
  EXPECT_EQ(sections, 6);
  EXPECT_EQ(laid_out_.bookmarks.front().title.rfind("一、", 0), 0u);
}

TEST_P(DocumentLayoutTest, PageNumbersSitCentredAtTheFoot) {
  LaidOutDocument numbered = laid_out_;
  AddPageNumbers(*body_, style_, &numbered);
  for (size_t p = 0; p < numbered.pages.size(); ++p) {
    const TextRun& number = numbered.pages[p].runs.back();
    EXPECT_EQ(ToUtf8(number.text), "\u2014 " + std::to_string(p + 1) + " \u2014");
    const Box b = BoxOf(number);
    EXPECT_NEAR((b.left + b.right) / 2, style_.left + style_.text_width / 2, 0.01);
    EXPECT_LE(b.top, style_.bottom() - style_.page_number_gap + 0.01);
  }
}

INSTANTIATE_TEST_SUITE_P(Examples, DocumentLayoutTest,
                         ::testing::Values("hongqiao-2020.json", "example-city-2022.json"));

}  // namespace
}  // namespace nianbao::pdf
