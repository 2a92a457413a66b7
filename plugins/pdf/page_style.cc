#include "plugins/pdf/page_style.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace nianbao::pdf {

absl::StatusOr<PageStyle> MakePageStyle(const v1::RenderOptions& options) {
  double width_mm = 210, height_mm = 297;
  const std::string paper = absl::AsciiStrToUpper(options.paper_size());
  if (paper.empty() || paper == "A4") {
  } else if (paper == "A3") {
    width_mm = 297, height_mm = 420;
  } else if (paper == "B5") {
    width_mm = 176, height_mm = 250;
  } else if (paper == "LETTER") {
    width_mm = 215.9, height_mm = 279.4;
  } else {
    return absl::InvalidArgumentError(absl::StrCat(
        "options.paper_size: unknown paper \"", options.paper_size(), "\" (A4, A3, B5, Letter)"));
  }
  // GB/T 9704 on A4: margins 37 (top) and 28 (left) mm, text area 156 × 225.
  // Other papers keep the proportions.
  const double sx = width_mm / 210, sy = height_mm / 297;
  PageStyle s;
  s.page_width = width_mm * kPointsPerMm;
  s.page_height = height_mm * kPointsPerMm;
  s.left = 28 * sx * kPointsPerMm;
  s.text_width = 156 * sx * kPointsPerMm;
  s.top = s.page_height - 37 * sy * kPointsPerMm;
  s.text_height = 225 * sy * kPointsPerMm;

  s.body_size = options.body_font_size() > 0 ? options.body_font_size() : 16;
  if (s.body_size < 4 || s.body_size * 4 > s.text_width) {
    return absl::InvalidArgumentError(
        absl::StrCat("options.body_font_size: ", s.body_size, " pt does not fit the page"));
  }
  const double k = s.body_size / 16;
  // 22 lines of 16 pt in 225 mm.
  s.line_pitch = (225 * kPointsPerMm / 22) * k;
  s.title_size = 22 * k;
  s.heading_size = s.body_size;
  s.table_size = 12 * k;
  auto it = options.extra().find("table_font_size");
  if (it != options.extra().end()) {
    double size = 0;
    if (!absl::SimpleAtod(it->second, &size) || size < 4 || size > 40) {
      return absl::InvalidArgumentError(
          absl::StrCat("options.extra[table_font_size]: bad size \"", it->second, "\""));
    }
    s.table_size = size;
  }
  s.table_line = s.table_size * 1.3;
  s.cell_padding_x = s.table_size * 0.2;
  s.cell_padding_y = s.table_size * 0.35;
  s.page_number_size = 14 * k;
  s.page_number_gap = 7 * kPointsPerMm;
  return s;
}

}  // namespace nianbao::pdf
