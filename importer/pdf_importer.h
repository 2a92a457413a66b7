// The PDF front end: text and ruling lines through poppler
// (importer/pdf_reader.h), rebuilt into headings, paragraphs and grids from
// their coordinates (importer/pdf_layout.h), then read by the same
// GridTableReader and ReportAssembler as HTML. Every figure's provenance is
// its page and box.
#ifndef NIANBAO_IMPORTER_PDF_IMPORTER_H_
#define NIANBAO_IMPORTER_PDF_IMPORTER_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "nianbao/v1/import.pb.h"

namespace nianbao::importer {

// InvalidArgument when the bytes are not a readable PDF, or it holds no
// section of the national format (e.g. a scanned report without text).
absl::StatusOr<v1::ImportResult> ImportPdf(absl::string_view pdf);

}  // namespace nianbao::importer

#endif  // NIANBAO_IMPORTER_PDF_IMPORTER_H_
