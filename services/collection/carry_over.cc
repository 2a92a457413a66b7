#include "services/collection/carry_over.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "format/cell_text.h"
#include "format/field_path.h"
#include "format/format_definition.h"

namespace nianbao::collection {
namespace {

constexpr absl::string_view kCarriedOver = "applications.carried_over.";
constexpr absl::string_view kCarriedForward = "applications.carried_forward.";
constexpr absl::string_view kPreviousItems = ".previous_year_items";
constexpr absl::string_view kChange = ".change";

const v1::Count* CountAt(const v1::AnnualReport& r, const v1::EditionFormat& edition,
                         const std::string& path) {
  const format::CellRef* cell = format::FindCell(edition, path);
  return cell ? format::GetAs<v1::Count>(r, cell->fields) : nullptr;
}

}  // namespace

std::vector<std::string> PrefillFromPreviousYear(const v1::AnnualReport& previous,
                                                 v1::AnnualReport* report) {
  std::vector<std::string> filled;
  const v1::EditionFormat* now = format::FindEdition(report->edition());
  const v1::EditionFormat* then = format::FindEdition(previous.edition());
  if (now == nullptr || then == nullptr) return filled;
  for (const format::CellRef& cell : format::Cells(*now)) {
    if (format::GetAt(*report, cell.fields) != nullptr) continue;  // the caller's own figure
    absl::string_view path = cell.path;
    std::optional<int64_t> value;
    if (absl::ConsumePrefix(&path, kCarriedOver)) {
      const v1::Count* forward = CountAt(previous, *then, absl::StrCat(kCarriedForward, path));
      if (forward != nullptr && forward->content_case() == v1::Count::kValue) {
        value = forward->value();
      }
    } else if (report->edition() == v1::EDITION_2019_TRIAL &&
               previous.edition() == v1::EDITION_2019_TRIAL &&
               absl::ConsumeSuffix(&path, kPreviousItems)) {
      const v1::Count* items = CountAt(previous, *then, absl::StrCat(path, kPreviousItems));
      const v1::Count* change = CountAt(previous, *then, absl::StrCat(path, kChange));
      int64_t sum = 0;
      if (items != nullptr && change != nullptr && items->content_case() == v1::Count::kValue &&
          change->content_case() == v1::Count::kValue &&
          !__builtin_add_overflow(items->value(), change->value(), &sum) && sum >= 0) {
        value = sum;
      }
    }
    if (!value) continue;
    static_cast<v1::Count*>(format::MutableAt(report, cell.fields))->set_value(*value);
    filled.push_back(cell.path);
  }
  return filled;
}

}  // namespace nianbao::collection
