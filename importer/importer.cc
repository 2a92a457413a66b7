#include "importer/importer.h"

#include <unicode/utf8.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "importer/html_importer.h"
#include "importer/pdf_importer.h"
#include "importer/text_importer.h"

namespace nianbao::importer {
namespace {

bool IsUtf8(absl::string_view s) {
  // ICU's decoder also refuses overlong forms and surrogates.
  const auto* bytes = reinterpret_cast<const uint8_t*>(s.data());
  const auto length = static_cast<int32_t>(s.size());
  if (static_cast<size_t>(length) != s.size()) return false;
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

}  // namespace

v1::SourceFormat DetectSourceFormat(absl::string_view name, absl::string_view bytes) {
  const std::string lower = absl::AsciiStrToLower(name);
  if (absl::EndsWith(lower, ".pdf")) return v1::SOURCE_FORMAT_PDF;
  if (absl::EndsWith(lower, ".html") || absl::EndsWith(lower, ".htm") ||
      absl::EndsWith(lower, ".xhtml")) {
    return v1::SOURCE_FORMAT_HTML;
  }
  if (absl::EndsWith(lower, ".txt")) return v1::SOURCE_FORMAT_TEXT;
  if (absl::StartsWith(bytes, "%PDF-")) return v1::SOURCE_FORMAT_PDF;
  const std::string head = absl::AsciiStrToLower(bytes.substr(0, 1024));
  if (absl::StrContains(head, "<!doctype html") || absl::StrContains(head, "<html") ||
      absl::StrContains(head, "<table") || absl::StrContains(head, "<body")) {
    return v1::SOURCE_FORMAT_HTML;
  }
  return v1::SOURCE_FORMAT_TEXT;
}

absl::StatusOr<v1::SourceFormat> ParseSourceFormatName(absl::string_view name) {
  if (name == "auto") return v1::SOURCE_FORMAT_UNSPECIFIED;
  if (name == "text" || name == "txt") return v1::SOURCE_FORMAT_TEXT;
  if (name == "html") return v1::SOURCE_FORMAT_HTML;
  if (name == "pdf") return v1::SOURCE_FORMAT_PDF;
  return absl::InvalidArgumentError(
      absl::StrCat("unknown source kind \"", name, "\" (auto, text, html, pdf)"));
}

absl::StatusOr<v1::ImportResult> ImportReport(absl::string_view bytes, absl::string_view name,
                                              v1::SourceFormat from) {
  if (from == v1::SOURCE_FORMAT_UNSPECIFIED) from = DetectSourceFormat(name, bytes);
  switch (from) {
    case v1::SOURCE_FORMAT_TEXT:
      if (!IsUtf8(bytes)) {
        return absl::InvalidArgumentError("text is not UTF-8 (convert GB18030 pages first)");
      }
      return ImportText(bytes);
    case v1::SOURCE_FORMAT_HTML:
      if (!IsUtf8(bytes)) {
        return absl::InvalidArgumentError("page is not UTF-8 (convert GB18030 pages first)");
      }
      return ImportHtml(bytes);
    case v1::SOURCE_FORMAT_PDF:
      return ImportPdf(bytes);
    default:
      return absl::UnimplementedError(
          absl::StrCat("importing ", v1::SourceFormat_Name(from), " is not supported yet"));
  }
}

}  // namespace nianbao::importer
