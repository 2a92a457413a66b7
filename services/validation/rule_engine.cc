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
    for (auto family : {StructureRules, Table2Rules, Table3Rules, Table4Rules, FeeRules,
                        CrossYearRules, ProseRules, NarrativeRules}) {
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

// Whether `rule` can run on this report; when not, fills the outcome and
// reason of `result`.
bool Assessable(const Rule& rule, const RuleContext& ctx, v1::RuleResult* result) {
  const auto refuse = [result](v1::RuleOutcome outcome, absl::string_view zh,
                               absl::string_view en) {
    result->set_outcome(outcome);
    result->set_reason_zh(std::string(zh));
    result->set_reason_en(std::string(en));
    return false;
  };
  const v1::AnnualReport& report = ctx.report();
  if (rule.edition != v1::EDITION_UNSPECIFIED && report.edition() != v1::EDITION_UNSPECIFIED &&
      report.edition() != rule.edition) {
    return rule.edition == v1::EDITION_2021
               ? refuse(v1::RULE_OUTCOME_NOT_APPLICABLE, "本规则只适用于2021年版格式",
                        "The rule concerns the 2021 edition only")
               : refuse(v1::RULE_OUTCOME_NOT_APPLICABLE, "本规则只适用于2019年试行版格式",
                        "The rule concerns the 2019 trial edition only");
  }
  if ((rule.needs & kNeedsEdition) && ctx.layout() == nullptr) {
    return refuse(v1::RULE_OUTCOME_NOT_ASSESSABLE, "报告未注明已知的格式版本，无法核对表格",
                  "The report states no known edition, so its tables cannot be read");
  }
  if ((rule.needs & kNeedsPrevious) && ctx.previous() == nullptr) {
    return refuse(v1::RULE_OUTCOME_NOT_ASSESSABLE, "未提供上年度报告",
                  "No previous report was given");
  }
  if ((rule.needs & kNeedsLastYear) == kNeedsLastYear &&
      // 64 bits: the year is any int32 a caller sent.
      int64_t{ctx.previous()->year()} != int64_t{report.year()} - 1) {
    return refuse(v1::RULE_OUTCOME_NOT_ASSESSABLE, "提供的上年度报告不是上一年度的",
                  "The previous report given is not for the year before");
  }
  return true;
}

// FNV-1a 64, fed field by field (no key string is built).
struct Fnv1a {
  uint64_t h = 0xcbf29ce484222325ull;  // offset basis
  void Byte(unsigned char c) {
    h ^= c;
    h *= 0x100000001b3ull;  // FNV prime
  }
  // The field's length as 8 little-endian bytes, then its bytes.
  void Field(const std::string& field) {
    uint64_t n = field.size();
    for (int i = 0; i < 8; ++i, n >>= 8) Byte(static_cast<unsigned char>(n & 0xff));
    for (unsigned char c : field) Byte(c);
  }
};

}  // namespace

std::string Fingerprint(const v1::Violation& v) {
  Fnv1a fnv;
  for (const std::string* f :
       {&v.rule_id(), &v.field_path(), &v.expected(), &v.found(), &v.quote()}) {
    fnv.Field(*f);
  }
  uint64_t h = fnv.h;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<size_t>(i)] = kHex[h & 0xf];
  return out;
}

void Validate(const v1::AnnualReport& report, const v1::AnnualReport* previous,
              v1::ValidateReportResponse* response) {
  response->Clear();
  RuleContext ctx(report, previous);
  Findings findings(response->mutable_violations());
  const absl::Span<const Rule* const> rules = AllRules();
  response->mutable_rule_results()->Reserve(static_cast<int>(rules.size()));
  for (const Rule* rule : rules) {
    v1::RuleResult* result = response->add_rule_results();
    result->set_rule_id(rule->id);
    result->set_severity(rule->severity);
    if (!Assessable(*rule, ctx, result)) continue;
    findings.BeginRule();
    if (rule->check != nullptr) rule->check(*rule, ctx, findings);
    if (findings.not_assessable()) {
      result->set_outcome(v1::RULE_OUTCOME_NOT_ASSESSABLE);
      result->set_reason_zh(findings.reason_zh());
      result->set_reason_en(findings.reason_en());
    } else {
      result->set_outcome(v1::RULE_OUTCOME_PASSED);
    }
  }
  SortInReportOrder(report, response->mutable_violations());
  int errors = 0, warnings = 0, infos = 0;
  for (v1::Violation& v : *response->mutable_violations()) {
    v.set_fingerprint(Fingerprint(v));
    errors += v.severity() == v1::SEVERITY_ERROR;
    warnings += v.severity() == v1::SEVERITY_WARNING;
    infos += v.severity() == v1::SEVERITY_INFO;
    // Rules raise violations of other rules (STRUCT.OVERFLOW), so count by id.
    for (int i = 0; i < static_cast<int>(rules.size()); ++i) {
      if (v.rule_id() != rules[static_cast<size_t>(i)]->id) continue;
      v1::RuleResult* result = response->mutable_rule_results(i);
      result->set_outcome(v1::RULE_OUTCOME_VIOLATED);
      result->set_violation_count(result->violation_count() + 1);
      break;
    }
  }
  int not_assessable = 0;
  for (const v1::RuleResult& r : response->rule_results()) {
    not_assessable += r.outcome() == v1::RULE_OUTCOME_NOT_ASSESSABLE;
  }
  response->set_error_count(errors);
  response->set_warning_count(warnings);
  response->set_info_count(infos);
  response->set_not_assessable_count(not_assessable);
}

v1::ValidateReportResponse Validate(const v1::AnnualReport& report,
                                    const v1::AnnualReport* previous) {
  v1::ValidateReportResponse response;
  Validate(report, previous, &response);
  return response;
}

}  // namespace nianbao::validation
