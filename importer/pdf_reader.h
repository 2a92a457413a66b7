// Reads what the PDF front end needs from a PDF file through poppler: every
// page's words with per-character boxes (poppler-cpp's text_list) and the
// ruling lines it draws (thin filled rectangles and stroked straight lines,
// collected by an OutputDev of poppler's core library, as table borders are
// painted), in points from the page's top-left corner.
#ifndef NIANBAO_IMPORTER_PDF_READER_H_
#define NIANBAO_IMPORTER_PDF_READER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "importer/pdf_layout.h"

namespace nianbao::importer {

struct PdfContent {
  std::vector<PdfPage> pages;
  std::string author;    // the document information's Author
  std::string title;     // and its Title (an HTML page's <title> when printed)
  std::string producer;  // and its Producer ("LibreOffice 7.4")
};

// InvalidArgument when `bytes` is not a readable PDF or is encrypted.
absl::StatusOr<PdfContent> ReadPdf(absl::string_view bytes);

}  // namespace nianbao::importer

#endif  // NIANBAO_IMPORTER_PDF_READER_H_
