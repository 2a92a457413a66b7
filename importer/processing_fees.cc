#include "importer/processing_fees.h"

#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "format/cell_text.h"
#include "importer/diagnostics.h"

namespace nianbao::importer {
namespace {

constexpr int kMaxGap = 24;  // bytes between the phrase and its figure (8 汉字)

// The figure after `phrase` in `text`: digits (with one '.'), possibly after
// a few characters of the same clause, followed by `unit` (or 万元/元 for an
// amount). Returns the digits and sets *unit_found.
std::optional<std::string> FigureAfter(absl::string_view text, absl::string_view phrase,
                                       bool amount, v1::CurrencyUnit* unit) {
  const size_t at = text.find(phrase);
  if (at == absl::string_view::npos) return std::nullopt;
  absl::string_view rest = text.substr(at + phrase.size());
  size_t i = 0;
  while (i < rest.size() && !absl::ascii_isdigit(static_cast<unsigned char>(rest[i]))) {
    if (i > static_cast<size_t>(kMaxGap) || rest.substr(i, 3) == "，" ||
        rest.substr(i, 3) == "。" || rest[i] == ',' || rest.substr(i, 3) == "；") {
      return std::nullopt;
    }
    ++i;
  }
  size_t j = i;
  while (j < rest.size() &&
         (absl::ascii_isdigit(static_cast<unsigned char>(rest[j])) || rest[j] == '.')) {
    ++j;
  }
  if (i == j) return std::nullopt;
  const std::string digits(rest.substr(i, j - i));
  if (!format::IsValidDecimal(digits)) return std::nullopt;
  const absl::string_view after = rest.substr(j);
  if (!amount) {
    if (!absl::StartsWith(after, "件") || absl::StrContains(digits, ".")) return std::nullopt;
    return digits;
  }
  if (absl::StartsWith(after, "万元")) {
    *unit = v1::CURRENCY_UNIT_WAN_YUAN;
  } else if (absl::StartsWith(after, "元")) {
    *unit = v1::CURRENCY_UNIT_YUAN;
  } else {
    return std::nullopt;
  }
  return digits;
}

const v1::Subsection* FeeSubsection(const v1::Narrative& narrative) {
  for (const v1::Block& b : narrative.blocks()) {
    if (b.has_subsection() && b.subsection().topic() == v1::SUBSECTION_TOPIC_PROCESSING_FEES) {
      return &b.subsection();
    }
  }
  return nullptr;
}

}  // namespace

void ReadProcessingFees(v1::ImportResult* result) {
  v1::AnnualReport* report = result->mutable_report();
  if (report->edition() != v1::EDITION_2021) return;
  const v1::Subsection* fees = FeeSubsection(report->other_matters().narrative());
  if (fees == nullptr) return;
  v1::ProcessingFees out;
  for (const v1::Block& b : fees->blocks()) {
    if (!b.has_paragraph()) continue;
    const std::string& text = b.paragraph().text();
    auto note = [&](absl::string_view what, const std::string& figure) {
      v1::Provenance p;
      p.set_field_path(absl::StrCat("other_matters.processing_fees.", what));
      p.set_text(text);
      AddDiagnostic(result, "FEES_FROM_TEXT", v1::SEVERITY_INFO,
                    absl::StrCat("信息处理费数据“", figure, "”取自正文"),
                    absl::StrCat("processing-fee figure \"", figure, "\" read from the text"),
                    std::move(p));
    };
    v1::CurrencyUnit unit = v1::CURRENCY_UNIT_UNSPECIFIED;
    if (!out.has_notices_issued()) {
      if (auto n = FigureAfter(text, "收费通知", false, &unit)) {
        int64_t v = 0;
        if (absl::SimpleAtoi(*n, &v)) {
          out.mutable_notices_issued()->set_value(v);
          note("notices_issued", *n);
        }
      }
    }
    if (!out.has_amount_noticed()) {
      if (auto a = FigureAfter(text, "通知收取", true, &unit)) {
        out.mutable_amount_noticed()->set_decimal(*a);
        out.mutable_amount_noticed()->set_unit(unit);
        note("amount_noticed", *a);
      }
    }
    if (!out.has_amount_collected()) {
      if (auto a = FigureAfter(text, "实际收取", true, &unit)) {
        out.mutable_amount_collected()->set_decimal(*a);
        out.mutable_amount_collected()->set_unit(unit);
        note("amount_collected", *a);
      }
    }
  }
  if (out.ByteSizeLong() > 0) *report->mutable_other_matters()->mutable_processing_fees() = out;
}

}  // namespace nianbao::importer
