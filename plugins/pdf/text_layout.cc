#include "plugins/pdf/text_layout.h"

#include <algorithm>

#include "plugins/pdf/line_breaker.h"

namespace nianbao::pdf {

std::vector<SetLine> SetText(const std::u32string& text, const Font& font, const TextStyle& style,
                             double width) {
  const auto advance = [&](char32_t c) { return font.Width(c, style.size); };
  const double avail = std::max(width - style.right_indent, style.size);
  const double first = std::max(avail - style.first_indent, style.size);
  const bool words = style.balance;  // titles and labels break between words
  // Break opportunities and widths once; the balancing below tries a dozen
  // widths.
  const PreparedText prepared = PrepareBreaks(text, advance, words);
  std::vector<LineSpan> spans = BreakPrepared(prepared, first, avail);
  if (style.balance && spans.size() > 1) {
    // The narrowest measure that still gives as many lines.
    double lo = avail / static_cast<double>(spans.size()), hi = avail;
    for (int i = 0; i < 12; ++i) {
      const double mid = (lo + hi) / 2;
      if (BreakPrepared(prepared, mid, mid).size() > spans.size()) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    spans = BreakPrepared(prepared, hi, hi);
  }
  std::vector<SetLine> lines;
  lines.reserve(spans.size());
  for (size_t i = 0; i < spans.size(); ++i) {
    const LineSpan& span = spans[i];
    SetLine line;
    line.text = text.substr(span.begin, span.end - span.begin);
    line.width = span.width;
    const double indent = i == 0 ? style.first_indent : 0;
    const double measure = (i == 0 ? first : avail);
    switch (style.alignment) {
      case v1::ALIGNMENT_CENTER:
        line.x = indent + (measure - span.width) / 2;
        break;
      case v1::ALIGNMENT_END:
        line.x = indent + measure - span.width;
        break;
      case v1::ALIGNMENT_JUSTIFY:
      case v1::ALIGNMENT_UNSPECIFIED:
        line.x = indent;
        if (!span.last && line.text.size() > 1 && span.width < measure) {
          line.char_space = (measure - span.width) / static_cast<double>(line.text.size() - 1);
          line.width = measure;
        }
        break;
      default:
        line.x = indent;
        break;
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace nianbao::pdf
