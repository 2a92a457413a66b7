#include "importer/pdf_importer.h"

#include "absl/strings/match.h"
#include "importer/page_metadata.h"
#include "importer/pdf_layout.h"
#include "importer/pdf_reader.h"
#include "importer/pdf_table_reader.h"
#include "importer/report_assembler.h"

namespace nianbao::importer {

absl::StatusOr<v1::ImportResult> ImportPdf(absl::string_view pdf) {
  absl::StatusOr<PdfContent> content = ReadPdf(pdf);
  if (!content.ok()) return content.status();
  PdfLayoutOptions options;
  options.cjk_latin_autospace = absl::StartsWith(content->producer, "LibreOffice") ||
                                absl::StartsWith(content->producer, "OpenOffice");
  SourceDocument doc = PdfPagesDocument(content->pages, options);
  doc.author = content->author;
  // The Title is the page title, as an HTML page's <title> is: printers that
  // drop the report's heading (LibreOffice) keep it there.
  if (IsTitleLike(content->title)) {
    SourceElement title;
    title.text = content->title;
    doc.elements.insert(doc.elements.begin(), std::move(title));
  }
  return Assemble(doc, PdfTableReader(), v1::SOURCE_FORMAT_PDF);
}

}  // namespace nianbao::importer
