// Building ImportDiagnostic messages: every diagnostic has a stable code, a
// severity, a Chinese and an English message, and a provenance.
#ifndef NIANBAO_IMPORTER_DIAGNOSTICS_H_
#define NIANBAO_IMPORTER_DIAGNOSTICS_H_

#include <string>

#include "absl/strings/string_view.h"
#include "nianbao/v1/import.pb.h"

namespace nianbao::importer {

// Diagnostic codes (docs/import.md lists them).
inline constexpr absl::string_view kCellImported = "CELL_IMPORTED";
inline constexpr absl::string_view kCellUnparsable = "CELL_UNPARSABLE";
inline constexpr absl::string_view kCellUnplaced = "CELL_UNPLACED";
inline constexpr absl::string_view kCellDuplicate = "CELL_DUPLICATE";
inline constexpr absl::string_view kRowMissing = "ROW_MISSING";
inline constexpr absl::string_view kRowUnknown = "ROW_UNKNOWN";
inline constexpr absl::string_view kRowMisaligned = "ROW_MISALIGNED";
inline constexpr absl::string_view kColumnUnknown = "COLUMN_UNKNOWN";
inline constexpr absl::string_view kTableMissing = "TABLE_MISSING";
inline constexpr absl::string_view kSectionMissing = "SECTION_MISSING";
inline constexpr absl::string_view kEditionMismatch = "EDITION_MISMATCH";
inline constexpr absl::string_view kEditionUndetected = "EDITION_UNDETECTED";
inline constexpr absl::string_view kMetadataMissing = "METADATA_MISSING";
inline constexpr absl::string_view kTextSkipped = "TEXT_SKIPPED";

// Appends a diagnostic to `result` and returns it.
v1::ImportDiagnostic* AddDiagnostic(v1::ImportResult* result, absl::string_view code,
                                    v1::Severity severity, std::string message_zh,
                                    std::string message_en, v1::Provenance provenance = {});

// Provenance of a source line (index from 0; stored from 1).
v1::Provenance AtLine(size_t index, absl::string_view text = "");

// "T3 （一）予以公开 / 申请人情况/自然人 (line 202)": a diagnostic as one line.
std::string FormatDiagnostic(const v1::ImportDiagnostic& diagnostic, absl::string_view source);

}  // namespace nianbao::importer

#endif  // NIANBAO_IMPORTER_DIAGNOSTICS_H_
