#include "plugins/pdf/page_decoration.h"

#include "absl/strings/str_cat.h"
#include "plugins/pdf/line_breaker.h"

namespace nianbao::pdf {

std::u32string PageNumberText(int number) {
  return ToUtf32(absl::StrCat("\u2014 ", number, " \u2014"));
}

void AddPageNumbers(const Font& font, const PageStyle& style, LaidOutDocument* document) {
  for (size_t i = 0; i < document->pages.size(); ++i) {
    TextRun run;
    run.face = Face::kBody;
    run.size = style.page_number_size;
    run.text = PageNumberText(static_cast<int>(i) + 1);
    const double width = font.Width(run.text, run.size);
    run.x = style.left + (style.text_width - width) / 2;
    // The top of the line (ideographs reach about 0.88 em above the baseline) sits `gap` below
    // the text area.
    run.y = style.bottom() - style.page_number_gap - 0.88 * run.size;
    document->pages[i].runs.push_back(std::move(run));
  }
}

}  // namespace nianbao::pdf
