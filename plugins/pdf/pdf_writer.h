// Paints a laid-out document into a PDF file with libharu: fonts subset to
// the characters used and embedded, text runs and rules, document info,
// language, bookmarks. One HPDF_Doc per call, so calls may run in parallel.
#ifndef NIANBAO_PLUGINS_PDF_PDF_WRITER_H_
#define NIANBAO_PLUGINS_PDF_PDF_WRITER_H_

#include <string>

#include "absl/status/statusor.h"
#include "nianbao/v1/document.pb.h"
#include "plugins/pdf/font.h"
#include "plugins/pdf/layout.h"
#include "plugins/pdf/page_style.h"

namespace nianbao::pdf {

struct WriterOptions {
  // Leave out the creation date so the same input gives the same bytes.
  bool deterministic = false;
  // Embed fonts cut down to the characters used (the default), or whole.
  bool subset_fonts = true;
  std::string creator;
};

absl::StatusOr<std::string> WritePdf(const LaidOutDocument& document, const v1::DocumentInfo& info,
                                     const Font& body, const Font& heading, const PageStyle& style,
                                     const WriterOptions& options);

}  // namespace nianbao::pdf

#endif  // NIANBAO_PLUGINS_PDF_PDF_WRITER_H_
