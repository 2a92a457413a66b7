// Sets a run of text into lines of a given width: breaking (line_breaker.h),
// indents, alignment and justification. Justified lines spread the spare
// width evenly between characters, as Chinese typesetting does; the last
// line of a paragraph keeps its natural spacing.
#ifndef NIANBAO_PLUGINS_PDF_TEXT_LAYOUT_H_
#define NIANBAO_PLUGINS_PDF_TEXT_LAYOUT_H_

#include <string>
#include <vector>

#include "nianbao/v1/document.pb.h"
#include "plugins/pdf/font.h"

namespace nianbao::pdf {

struct TextStyle {
  double size = 16;
  v1::Alignment alignment = v1::ALIGNMENT_JUSTIFY;
  double first_indent = 0;  // points, first line only
  double right_indent = 0;  // points, every line
  // Centred text (titles, labels) breaks between words into lines of even
  // length rather than a full line and a stub.
  bool balance = false;
};

// A line: its text, where it starts relative to the box's left edge, and the
// character spacing that justifies it.
struct SetLine {
  std::u32string text;
  double x = 0;
  double char_space = 0;
  double width = 0;  // as painted, spacing included
};

std::vector<SetLine> SetText(const std::u32string& text, const Font& font, const TextStyle& style,
                             double width);

}  // namespace nianbao::pdf

#endif  // NIANBAO_PLUGINS_PDF_TEXT_LAYOUT_H_
