#include "importer/diagnostics.h"

#include "absl/strings/str_cat.h"

namespace nianbao::importer {

v1::ImportDiagnostic* AddDiagnostic(v1::ImportResult* result, absl::string_view code,
                                    v1::Severity severity, std::string message_zh,
                                    std::string message_en, v1::Provenance provenance) {
  v1::ImportDiagnostic* d = result->add_diagnostics();
  d->set_code(std::string(code));
  d->set_severity(severity);
  d->set_message_zh(std::move(message_zh));
  d->set_message_en(std::move(message_en));
  *d->mutable_provenance() = std::move(provenance);
  return d;
}

v1::Provenance AtLine(size_t index, absl::string_view text) {
  v1::Provenance p;
  p.set_line(static_cast<int32_t>(index + 1));
  p.set_text(std::string(text));
  return p;
}

std::string FormatDiagnostic(const v1::ImportDiagnostic& d, absl::string_view source) {
  const v1::Provenance& p = d.provenance();
  std::string where(source);
  if (p.line() > 0) absl::StrAppend(&where, ":", p.line());
  if (p.box().page() > 0) {
    absl::StrAppend(&where, ": page ", p.box().page(), " at ", p.box().x(), ",", p.box().y());
  }
  absl::string_view severity = d.severity() == v1::SEVERITY_ERROR     ? "error"
                               : d.severity() == v1::SEVERITY_WARNING ? "warning"
                                                                      : "info";
  std::string out = absl::StrCat(where, ": ", severity, ": ", d.code(), ": ", d.message_en());
  if (!p.table_id().empty()) {
    absl::StrAppend(&out, " [", p.table_id());
    if (!p.row_label().empty()) absl::StrAppend(&out, " ", p.row_label());
    if (!p.column_label().empty()) absl::StrAppend(&out, " / ", p.column_label());
    absl::StrAppend(&out, "]");
  }
  if (!p.text().empty()) absl::StrAppend(&out, " \"", p.text(), "\"");
  absl::StrAppend(&out, " — ", d.message_zh());
  return out;
}

}  // namespace nianbao::importer
