#include "services/validation/rule_context.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "format/cell_text.h"
#include "format/field_path.h"

namespace nianbao::validation {

RuleContext::RuleContext(const v1::AnnualReport& report, const v1::AnnualReport* previous)
    : report_(report), previous_(previous), layout_(LayoutFor(report.edition())) {
  if (layout_ == nullptr) return;
  // Fetch every cell once. Consecutive cells share most of their path (the
  // table, block and row messages): keep the messages reached along the
  // previous cell's chain and walk only the fields that differ.
  const std::vector<CellRef>& cells = *layout_->cells;
  cells_.resize(cells.size(), nullptr);
  // at[k]: the message reached after the first k fields of the current
  // chain (nullptr when a field on the way is unset); at[0] is the report.
  std::vector<const google::protobuf::Message*> at(layout_->max_depth + 1, nullptr);
  at[0] = &report;
  size_t valid = 0;  // at[0..valid] hold the previous chain's messages
  for (size_t i = 0; i < cells.size(); ++i) {
    const format::FieldChain& chain = cells[i].fields;
    const auto& defaults = layout_->defaults[i];
    const auto& reflections = layout_->reflections[i];
    const size_t n = chain.size() - 1;
    for (size_t k = std::min(layout_->shared_prefix[i], valid); k < n; ++k) {
      const google::protobuf::Message* parent = at[k];
      const google::protobuf::Message* next =
          parent == nullptr ? nullptr : &reflections[k]->GetMessage(*parent, chain[k]);
      at[k + 1] = next == defaults[k] ? nullptr : next;  // unset field
    }
    valid = n;
    const google::protobuf::Message* parent = at[n];
    if (parent == nullptr) continue;
    const google::protobuf::Message* cell = &reflections[n]->GetMessage(*parent, chain[n]);
    if (cell != defaults[n]) cells_[i] = cell;
  }
}

int64_t RuleContext::Value(const CellRef* cell) const { return format::CountValue(Count(cell)); }

bool RuleContext::Blank(const CellRef* cell) const { return format::IsBlank(Cell(cell)); }

CheckedSum RuleContext::Sum(const std::vector<const CellRef*>& cells) const {
  CheckedSum sum;
  for (const CellRef* c : cells) sum.Add(Value(c));
  return sum;
}

std::string CountString(int64_t v) { return absl::StrCat(v); }

std::string CellString(const google::protobuf::Message* cell, const CellRef* ref) {
  return format::CellText(cell, *ref->column);
}

namespace {

std::string Shown(absl::string_view v, bool zh) {
  if (!v.empty()) return std::string(v);
  return zh ? "（空白）" : "(blank)";
}

void Fill(const Rule& rule, v1::Violation* v, absl::string_view expected, absl::string_view found,
          absl::string_view detail_zh, absl::string_view detail_en) {
  v->set_rule_id(rule.id);
  v->set_severity(rule.severity);
  v->set_expected(std::string(expected));
  v->set_found(std::string(found));
  std::string place_zh;
  for (absl::string_view part :
       {absl::string_view(v->table_label()), absl::string_view(v->row_label()),
        absl::string_view(v->column_label())}) {
    if (!part.empty()) absl::StrAppend(&place_zh, "「", part, "」");
  }
  std::string zh = absl::StrCat(rule.description_zh, "。");
  std::string en = absl::StrCat(rule.description_en, ".");
  if (!place_zh.empty()) absl::StrAppend(&zh, "位置：", place_zh, "。");
  if (!v->field_path().empty()) absl::StrAppend(&en, " At ", v->field_path(), ".");
  if (!expected.empty() || !found.empty()) {
    absl::StrAppend(&zh, "应为", Shown(expected, true), "，实为", Shown(found, true), "。");
    absl::StrAppend(&en, " Expected ", Shown(expected, false), ", found ", Shown(found, false),
                    ".");
  }
  if (!detail_zh.empty()) absl::StrAppend(&zh, detail_zh);
  if (!detail_en.empty()) absl::StrAppend(&en, " ", detail_en);
  v->set_message_zh(std::move(zh));
  v->set_message_en(std::move(en));
}

}  // namespace

v1::Violation* Findings::Add(const Rule& rule, const CellRef* cell, absl::string_view expected,
                             absl::string_view found, absl::string_view detail_zh,
                             absl::string_view detail_en) {
  v1::Violation* v = out_->Add();
  if (cell != nullptr) {
    v->set_field_path(cell->path);
    v->set_table_label(cell->table->caption());
    v->set_row_label(format::RowLabel(*cell->row));
    v->set_column_label(format::ColumnLabel(*cell->column));
  }
  Fill(rule, v, expected, found, detail_zh, detail_en);
  return v;
}

v1::Violation* Findings::AddAt(const Rule& rule, absl::string_view path,
                               absl::string_view table_label, absl::string_view expected,
                               absl::string_view found, absl::string_view detail_zh,
                               absl::string_view detail_en) {
  v1::Violation* v = out_->Add();
  v->set_field_path(std::string(path));
  v->set_table_label(std::string(table_label));
  Fill(rule, v, expected, found, detail_zh, detail_en);
  return v;
}

v1::Violation* Findings::AddPlace(const Rule& rule, const Place& place, absl::string_view expected,
                                  absl::string_view found, absl::string_view detail_zh,
                                  absl::string_view detail_en) {
  v1::Violation* v = out_->Add();
  v->set_field_path(place.path);
  v->set_table_label(place.table);
  v->set_row_label(place.row);
  v->set_column_label(place.column);
  Fill(rule, v, expected, found, detail_zh, detail_en);
  return v;
}

void Findings::Overflow(const Rule& rule, const CellRef* cell) {
  static const Rule* overflow = FindRule("STRUCT.OVERFLOW");
  Add(*overflow, cell, "", "", absl::StrCat("规则 ", rule.id, " 的求和超出64位整数范围。"),
      absl::StrCat("The sum checked by ", rule.id, " exceeds the 64-bit range."));
}

void Findings::NotAssessable(absl::string_view reason_zh, absl::string_view reason_en) {
  if (not_assessable_) return;
  not_assessable_ = true;
  reason_zh_.assign(reason_zh.data(), reason_zh.size());
  reason_en_.assign(reason_en.data(), reason_en.size());
}

}  // namespace nianbao::validation
