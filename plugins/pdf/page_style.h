// The page after GB/T 9704-2012 (党政机关公文格式), scaled to the chosen paper:
// on A4 a text area of 156 × 225 mm (top margin 37 mm, left 28 mm), body
// text 16 pt (三号) on 22 lines, titles 22 pt (二号), page numbers 14 pt
// (四号) as "— 1 —" 7 mm below the text area. Built from RenderOptions.
#ifndef NIANBAO_PLUGINS_PDF_PAGE_STYLE_H_
#define NIANBAO_PLUGINS_PDF_PAGE_STYLE_H_

#include "absl/status/statusor.h"
#include "nianbao/v1/render.pb.h"

namespace nianbao::pdf {

struct PageStyle {
  double page_width = 0;
  double page_height = 0;
  // The text area (版心).
  double left = 0;
  double top = 0;  // y of the top edge (from the page bottom)
  double text_width = 0;
  double text_height = 0;
  // Running text.
  double body_size = 16;
  double line_pitch = 0;  // baseline to baseline
  double title_size = 22;
  double heading_size = 16;
  // Tables.
  double table_size = 12;
  double table_line = 0;  // baseline to baseline inside a cell
  double cell_padding_x = 0;
  double cell_padding_y = 0;
  double rule_width = 0.6;
  // Page numbers.
  double page_number_size = 14;
  double page_number_gap = 0;  // from the text area's bottom edge to the number's top

  double bottom() const { return top - text_height; }
};

constexpr double kPointsPerMm = 72.0 / 25.4;

// The style for `options`: paper_size ("A4" default, "A3", "B5", "Letter"),
// body_font_size (default 16; the other sizes keep their proportions to it)
// and extra["table_font_size"]. InvalidArgument for an unknown paper size or
// a size that leaves no room for a line.
absl::StatusOr<PageStyle> MakePageStyle(const v1::RenderOptions& options);

}  // namespace nianbao::pdf

#endif  // NIANBAO_PLUGINS_PDF_PAGE_STYLE_H_
