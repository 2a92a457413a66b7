#include "importer/pdf_importer.h"

#include "importer/grid_table_reader.h"
#include "importer/pdf_layout.h"
#include "importer/pdf_reader.h"
#include "importer/report_assembler.h"

namespace nianbao::importer {

absl::StatusOr<v1::ImportResult> ImportPdf(absl::string_view pdf) {
  absl::StatusOr<PdfContent> content = ReadPdf(pdf);
  if (!content.ok()) return content.status();
  SourceDocument doc = PdfPagesDocument(content->pages);
  doc.author = content->author;
  return Assemble(doc, GridTableReader(), v1::SOURCE_FORMAT_PDF);
}

}  // namespace nianbao::importer
