// What every page carries besides the text: the page number at the foot,
// "— 1 —" as GB/T 9704 prints it (一字线 either side), 7 mm below the text
// area, centred.
#ifndef NIANBAO_PLUGINS_PDF_PAGE_DECORATION_H_
#define NIANBAO_PLUGINS_PDF_PAGE_DECORATION_H_

#include <string>

#include "plugins/pdf/font.h"
#include "plugins/pdf/layout.h"
#include "plugins/pdf/page_style.h"

namespace nianbao::pdf {

// "— 7 —" for page 7.
std::u32string PageNumberText(int number);

// Adds the page numbers (from 1) to every page of `document`.
void AddPageNumbers(const Font& font, const PageStyle& style, LaidOutDocument* document);

}  // namespace nianbao::pdf

#endif  // NIANBAO_PLUGINS_PDF_PAGE_DECORATION_H_
