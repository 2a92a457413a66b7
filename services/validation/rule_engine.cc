#include "services/validation/rule_engine.h"

#include <vector>

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

void Validate(const v1::AnnualReport& report, const v1::AnnualReport* previous,
              v1::ValidateReportResponse* response) {
  response->Clear();
  RuleContext ctx(report, previous);
  Findings findings(response->mutable_violations());
  for (const Rule* rule : AllRules()) {
    if (rule->check != nullptr) rule->check(*rule, ctx, findings);
  }
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
