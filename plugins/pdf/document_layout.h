// Flows a Document onto pages: the centred title, headings, justified
// paragraphs with a two-character first-line indent, and tables. Headings
// stay with what follows them, a paragraph leaves neither its first nor its
// last line alone on a page, tables break as table_layout.h says. Records a
// bookmark for every level-1 and level-2 heading.
#ifndef NIANBAO_PLUGINS_PDF_DOCUMENT_LAYOUT_H_
#define NIANBAO_PLUGINS_PDF_DOCUMENT_LAYOUT_H_

#include "nianbao/v1/document.pb.h"
#include "plugins/pdf/font.h"
#include "plugins/pdf/layout.h"
#include "plugins/pdf/page_style.h"

namespace nianbao::pdf {

// Lays out `document` with `body` for running text and tables and `heading`
// for the title and headings. The result has at least one page and no page
// numbers yet (page_decoration.h adds them).
LaidOutDocument LayOutDocument(const v1::Document& document, const Font& body, const Font& heading,
                               const PageStyle& style);

}  // namespace nianbao::pdf

#endif  // NIANBAO_PLUGINS_PDF_DOCUMENT_LAYOUT_H_
