// A validation rule: one check of the national format, declared once with a
// stable id, a severity and a description in Chinese and English. The rule
// engine runs every declared rule; docs/rules.md is generated from the same
// declarations, so the documentation cannot drift from the code.
#ifndef NIANBAO_SERVICES_VALIDATION_RULE_H_
#define NIANBAO_SERVICES_VALIDATION_RULE_H_

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "nianbao/v1/validation.pb.h"

namespace nianbao::validation {

class RuleContext;
class Findings;

// What a rule needs before it can be assessed; the engine checks these and
// answers RULE_OUTCOME_NOT_ASSESSABLE with the reason instead of running it.
enum RuleNeeds : unsigned {
  kNeedsNothing = 0,
  // A known edition (the table layout).
  kNeedsEdition = 1u << 0,
  // A previous report.
  kNeedsPrevious = 1u << 1,
  // A previous report for the year before (implies kNeedsPrevious).
  kNeedsLastYear = 1u << 2 | kNeedsPrevious,
};

struct Rule {
  // Stable id, e.g. "T3.RECONCILE". Callers match on it; never rename one.
  const char* id;
  v1::Severity severity;
  // Which point of format.md ("Arithmetic the report must satisfy") or which
  // structure requirement the rule implements, for the documentation.
  const char* source;
  const char* description_zh;
  const char* description_en;
  // Runs the check and adds a Violation to `out` per place that breaks it.
  // nullptr for rules raised by other checks (e.g. STRUCT.OVERFLOW).
  void (*check)(const Rule& self, const RuleContext& ctx, Findings& out);
  // RuleNeeds flags.
  unsigned needs = kNeedsNothing;
  // The edition the rule belongs to; on a report of another edition the rule
  // is RULE_OUTCOME_NOT_APPLICABLE. UNSPECIFIED: every edition.
  v1::Edition edition = v1::EDITION_UNSPECIFIED;
};

// The rule families, one file each. Order here is the order of the report.
absl::Span<const Rule> StructureRules();  // structure_rules.cc
absl::Span<const Rule> Table2Rules();     // table2_rules.cc
absl::Span<const Rule> Table3Rules();     // table3_rules.cc
absl::Span<const Rule> Table4Rules();     // table4_rules.cc
absl::Span<const Rule> FeeRules();        // fee_rules.cc
absl::Span<const Rule> CrossYearRules();  // cross_year_rules.cc
absl::Span<const Rule> ProseRules();      // prose_rules.cc
absl::Span<const Rule> NarrativeRules();  // narrative_rules.cc

// Every rule, in the order above.
absl::Span<const Rule* const> AllRules();

// The rule with `id`, or nullptr.
const Rule* FindRule(absl::string_view id);

}  // namespace nianbao::validation

#endif  // NIANBAO_SERVICES_VALIDATION_RULE_H_
