// The GB/T 9704 page: A4 with a 156 × 225 mm text area, 37 mm top and
// 28 mm left margins, 三号 body on 22 lines, 二号 titles, 四号 page numbers;
// other papers and sizes as options.
#include "plugins/pdf/page_style.h"

#include "gtest/gtest.h"

namespace nianbao::pdf {
namespace {

constexpr double kMm = kPointsPerMm;

TEST(PageStyle, DefaultIsGbT9704OnA4) {
  absl::StatusOr<PageStyle> s = MakePageStyle(v1::RenderOptions());
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_NEAR(s->page_width, 210 * kMm, 0.01);
  EXPECT_NEAR(s->page_height, 297 * kMm, 0.01);
  EXPECT_NEAR(s->text_width, 156 * kMm, 0.01);
  EXPECT_NEAR(s->text_height, 225 * kMm, 0.01);
  EXPECT_NEAR(s->left, 28 * kMm, 0.01);
  EXPECT_NEAR(s->page_height - s->top, 37 * kMm, 0.01);
  // Centred: the right margin is the left one less 2 mm (GB/T 9704: 28 and 26 mm).
  EXPECT_NEAR(s->page_width - s->left - s->text_width, 26 * kMm, 0.01);
  EXPECT_EQ(s->body_size, 16);
  EXPECT_EQ(s->title_size, 22);
  EXPECT_EQ(s->page_number_size, 14);
  EXPECT_NEAR(s->text_height / s->line_pitch, 22, 1e-9);
  EXPECT_NEAR(s->page_number_gap, 7 * kMm, 0.01);
}

TEST(PageStyle, SizesAreOptions) {
  v1::RenderOptions options;
  options.set_paper_size("a3");
  options.set_body_font_size(12);
  (*options.mutable_extra())["table_font_size"] = "10.5";
  absl::StatusOr<PageStyle> s = MakePageStyle(options);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_NEAR(s->page_width, 297 * kMm, 0.01);
  EXPECT_NEAR(s->page_height, 420 * kMm, 0.01);
  EXPECT_EQ(s->body_size, 12);
  EXPECT_NEAR(s->title_size, 22 * 12.0 / 16, 1e-9);
  EXPECT_EQ(s->table_size, 10.5);
}

TEST(PageStyle, RejectsWhatCannotBeSet) {
  v1::RenderOptions options;
  options.set_paper_size("A9");
  EXPECT_EQ(MakePageStyle(options).status().code(), absl::StatusCode::kInvalidArgument);
  options.set_paper_size("A4");
  options.set_body_font_size(200);
  EXPECT_EQ(MakePageStyle(options).status().code(), absl::StatusCode::kInvalidArgument);
  options.set_body_font_size(16);
  (*options.mutable_extra())["table_font_size"] = "big";
  EXPECT_EQ(MakePageStyle(options).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace nianbao::pdf
