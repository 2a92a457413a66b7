// What a rule reads (RuleContext: the report, last year's report, the
// edition's layout, every table cell fetched once) and where it writes
// (Findings: Violations with field path and official labels filled in from
// the format definition).
#ifndef NIANBAO_SERVICES_VALIDATION_RULE_CONTEXT_H_
#define NIANBAO_SERVICES_VALIDATION_RULE_CONTEXT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "nianbao/v1/report.pb.h"
#include "nianbao/v1/validation.pb.h"
#include "services/validation/checked_math.h"
#include "services/validation/edition_layout.h"
#include "services/validation/prose_extract.h"
#include "services/validation/rule.h"

namespace nianbao::validation {

class RuleContext {
 public:
  // `previous` may be nullptr. Both must outlive the context.
  RuleContext(const v1::AnnualReport& report, const v1::AnnualReport* previous);

  const v1::AnnualReport& report() const { return report_; }
  const v1::AnnualReport* previous() const { return previous_; }
  // nullptr when the report's edition is unknown: table rules then skip.
  const EditionLayout* layout() const { return layout_; }

  // The cell message (Count or Amount) of `cell`, a cell of layout(), or
  // nullptr when blank.
  const google::protobuf::Message* Cell(const CellRef* cell) const {
    return cells_[layout_->IndexOf(cell)];
  }
  const v1::Count* Count(const CellRef* cell) const {
    return static_cast<const v1::Count*>(Cell(cell));
  }
  // Blank counts as 0.
  int64_t Value(const CellRef* cell) const;
  bool Blank(const CellRef* cell) const;
  // The sum of `cells`, checked.
  CheckedSum Sum(const std::vector<const CellRef*>& cells) const;

  // The statements read from the narrative, filled by the first prose rule
  // that needs them and shared by the others (prose_rules.cc).
  struct Prose {
    bool ready = false;
    std::vector<Statement> statements;
  };
  Prose& prose() const { return prose_; }

 private:
  const v1::AnnualReport& report_;
  const v1::AnnualReport* previous_;
  const EditionLayout* layout_;
  std::vector<const google::protobuf::Message*> cells_;
  mutable Prose prose_;
};

// Collects violations in the response's repeated field.
class Findings {
 public:
  explicit Findings(google::protobuf::RepeatedPtrField<v1::Violation>* out) : out_(out) {}

  // A violation of `rule` at `cell` (labels from the format definition);
  // `expected` and `found` as printed. Messages: the rule's description, the
  // place, and the two values, plus `detail_zh`/`detail_en` when given.
  v1::Violation* Add(const Rule& rule, const CellRef* cell, absl::string_view expected,
                     absl::string_view found, absl::string_view detail_zh = {},
                     absl::string_view detail_en = {});
  // Where a violation is, when it is not one table cell.
  struct Place {
    std::string path, table, row, column;
  };
  v1::Violation* AddPlace(const Rule& rule, const Place& place, absl::string_view expected,
                          absl::string_view found, absl::string_view detail_zh = {},
                          absl::string_view detail_en = {});
  // Same, at a field path that is not a table cell (e.g. "year"), with
  // optional table label.
  v1::Violation* AddAt(const Rule& rule, absl::string_view path, absl::string_view table_label,
                       absl::string_view expected, absl::string_view found,
                       absl::string_view detail_zh = {}, absl::string_view detail_en = {});
  // A sum for `rule` at `cell` left the 64-bit range: STRUCT.OVERFLOW.
  void Overflow(const Rule& rule, const CellRef* cell);

  // The running rule could not be checked (in part): why. Without a violation
  // its outcome is RULE_OUTCOME_NOT_ASSESSABLE; the first reason is kept.
  void NotAssessable(absl::string_view reason_zh, absl::string_view reason_en);

  // The rule engine's side: reset before each rule, read after it.
  void BeginRule() { not_assessable_ = false; }
  bool not_assessable() const { return not_assessable_; }
  const std::string& reason_zh() const { return reason_zh_; }
  const std::string& reason_en() const { return reason_en_; }

 private:
  google::protobuf::RepeatedPtrField<v1::Violation>* out_;
  bool not_assessable_ = false;
  std::string reason_zh_, reason_en_;
};

// Printed forms used in expected/found.
std::string CountString(int64_t v);
std::string CellString(const google::protobuf::Message* cell, const CellRef* ref);

}  // namespace nianbao::validation

#endif  // NIANBAO_SERVICES_VALIDATION_RULE_CONTEXT_H_
