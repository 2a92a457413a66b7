// Importing a published report: bytes of a text, HTML or PDF file in, a
// draft AnnualReport plus diagnostics out (proto/nianbao/v1/import.proto).
// Deterministic and offline: rows and columns are found by the official
// labels of the format definition; what cannot be placed with certainty is
// reported, never guessed.
#ifndef NIANBAO_IMPORTER_IMPORTER_H_
#define NIANBAO_IMPORTER_IMPORTER_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "nianbao/v1/import.pb.h"

namespace nianbao::importer {

// The kind of `bytes`, from the file name's extension (.txt, .html/.htm,
// .pdf) and else from the content ("%PDF-", an HTML tag near the start).
v1::SourceFormat DetectSourceFormat(absl::string_view name, absl::string_view bytes);

// Imports `bytes` read as `from` (UNSPECIFIED: detect). `name` is only used
// for detection. InvalidArgument when the source is unusable: not UTF-8 text,
// not a report in the national format, or a kind not supported.
absl::StatusOr<v1::ImportResult> ImportReport(absl::string_view bytes, absl::string_view name,
                                              v1::SourceFormat from);

// "auto", "text", "html", "pdf".
absl::StatusOr<v1::SourceFormat> ParseSourceFormatName(absl::string_view name);

}  // namespace nianbao::importer

#endif  // NIANBAO_IMPORTER_IMPORTER_H_
