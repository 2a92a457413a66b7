#include "services/validation/rule_engine.h"

#include <algorithm>
#include <vector>

#include "format/format_definition.h"
#include "services/validation/edition_layout.h"

#include "services/validation/rule.h"
#include "services/validation/rule_context.h"

namespace nianbao::validation {

absl::Span<const Rule* const> AllRules() {
  static const auto* rules = [] {
    auto* v = new std::vector<const Rule*>();
    for (auto family :
         {StructureRules, Table2Rules, Table3Rules, Table4Rules, CrossYearRules, ProseRules}) {
      for (const Rule& r : family()) v->push_back(&r);
    }
    return v;
  }();
  return *rules;
}

const Rule* FindRule(absl::string_view id) {
  for (const Rule* r : AllRules()) {
    if (id == r->id) return r;
  }
  return nullptr;
}

namespace {

// The reading-order position of `path`: report-level fields (edition, year,
// sections) first, then table cells as the format lists them; a path that
// names a row group or table sorts with its first cell.
size_t Position(const EditionLayout* layout, const std::string& path) {
  if (layout == nullptr || path.empty()) return 0;
  if (const CellRef* cell = format::FindCell(*layout->edition, path)) {
    return 1 + layout->IndexOf(cell);
  }
  const std::string prefix = path + ".";
  for (const CellRef& cell : *layout->cells) {
    if (cell.path.compare(0, prefix.size(), prefix) == 0) return 1 + layout->IndexOf(&cell);
  }
  return 0;
}

// ValidateReportResponse promises violations "in the order of the report";
// rules run family by family, so sort (stably: rule order within a cell).
void SortInReportOrder(const v1::AnnualReport& report,
                       google::protobuf::RepeatedPtrField<v1::Violation>* violations) {
  if (violations->size() < 2) return;
  const EditionLayout* layout = LayoutFor(report.edition());
  std::vector<std::pair<size_t, int>> order;
  for (int i = 0; i < violations->size(); ++i) {
    order.push_back({Position(layout, violations->Get(i).field_path()), i});
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  google::protobuf::RepeatedPtrField<v1::Violation> sorted;
  for (const auto& [pos, i] : order) sorted.Add()->Swap(violations->Mutable(i));
  violations->Swap(&sorted);
}

}  // namespace

void Validate(const v1::AnnualReport& report, const v1::AnnualReport* previous,
              v1::ValidateReportResponse* response) {
  response->Clear();
  RuleContext ctx(report, previous);
  Findings findings(response->mutable_violations());
  for (const Rule* rule : AllRules()) {
    if (rule->check != nullptr) rule->check(*rule, ctx, findings);
  }
  SortInReportOrder(report, response->mutable_violations());
  int errors = 0, warnings = 0, infos = 0;
  for (const v1::Violation& v : response->violations()) {
    errors += v.severity() == v1::SEVERITY_ERROR;
    warnings += v.severity() == v1::SEVERITY_WARNING;
    infos += v.severity() == v1::SEVERITY_INFO;
  }
  response->set_error_count(errors);
  response->set_warning_count(warnings);
  response->set_info_count(infos);
}

v1::ValidateReportResponse Validate(const v1::AnnualReport& report,
                                    const v1::AnnualReport* previous) {
  v1::ValidateReportResponse response;
  Validate(report, previous, &response);
  return response;
}

}  // namespace nianbao::validation
