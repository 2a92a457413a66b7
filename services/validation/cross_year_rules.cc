// Across years (format.md arithmetic 6): this year's report against last
// year's, when the caller provides it.
#include "absl/strings/str_cat.h"
#include "format/cell_text.h"
#include "format/field_path.h"
#include "services/validation/rule_context.h"

namespace nianbao::validation {
namespace {

// The year before the report's, in 64 bits: the year is any int32 a caller
// sent, and INT32_MIN - 1 overflows (found by report_validate_fuzzer).
int64_t YearBefore(const RuleContext& ctx) { return int64_t{ctx.report().year()} - 1; }

bool Comparable(const RuleContext& ctx) {
  return ctx.layout() != nullptr && ctx.previous() != nullptr &&
         ctx.previous()->year() == YearBefore(ctx);
}

int64_t PreviousValue(const RuleContext& ctx, const CellRef* cell) {
  // Same path in both editions; read last year's report through it.
  return format::CountValue(format::GetAs<v1::Count>(*ctx.previous(), cell->fields));
}

void CheckPreviousYear(const Rule& self, const RuleContext& ctx, Findings& out) {
  if (ctx.previous() == nullptr || ctx.previous()->year() == YearBefore(ctx)) return;
  out.AddAt(self, "", "", absl::StrCat(YearBefore(ctx)), absl::StrCat(ctx.previous()->year()));
}

void CheckCarryOver(const Rule& self, const RuleContext& ctx, Findings& out) {
  if (!Comparable(ctx)) return;
  for (const ReconcileCheck& r : ctx.layout()->t3_reconcile) {
    const int64_t last = PreviousValue(ctx, r.carried_forward);
    const int64_t now = ctx.Value(r.second);
    if (last != now) out.Add(self, r.second, CountString(last), CountString(now));
  }
}

void CheckItems(const Rule& self, const RuleContext& ctx, Findings& out) {
  if (!Comparable(ctx)) return;
  if (ctx.previous()->edition() != ctx.report().edition()) {
    out.NotAssessable("上年度报告使用另一格式版本，其表二没有可比的项目数量",
                      "The previous report follows the other edition; its table 2 has no "
                      "comparable item counts");
    return;
  }
  for (const ItemChange& row : ctx.layout()->t2_item_changes) {
    const auto* items = format::GetAs<v1::Count>(*ctx.previous(), row.items->fields);
    if (items == nullptr || ctx.Blank(row.items)) continue;  // nothing to compare
    CheckedSum expected(format::CountValue(items));
    expected.Add(PreviousValue(ctx, row.change));
    if (expected.overflow()) {
      out.Overflow(self, row.items);
    } else if (expected.value() != ctx.Value(row.items)) {
      out.Add(self, row.items, CountString(expected.value()), CountString(ctx.Value(row.items)));
    }
  }
}

// Table 2, 2021 edition: the 规章 and 行政规范性文件 rows, this year's cells
// and last year's 现行有效件数 read through the same paths.
struct DocumentRow2021 {
  const CellRef* issued;
  const CellRef* repealed;
  const CellRef* in_force;
};

const std::vector<DocumentRow2021>& DocumentRows2021() {
  static const auto* rows = [] {
    auto* v = new std::vector<DocumentRow2021>();
    const v1::EditionFormat* e = format::FindEdition(v1::EDITION_2021);
    for (const char* row : {"proactive_disclosure_2021.regulations.",
                            "proactive_disclosure_2021.normative_documents."}) {
      const std::string base = row;
      v->push_back({format::FindCell(*e, base + "issued"), format::FindCell(*e, base + "repealed"),
                    format::FindCell(*e, base + "in_force")});
    }
    return v;
  }();
  return *rows;
}

// Last year's 现行有效件数 for `row`, or nullptr after saying why it cannot be
// used: the 2019 edition has no such column (an edition change), or last
// year's cell is blank.
const v1::Count* PreviousInForce(const RuleContext& ctx, const DocumentRow2021& row,
                                 Findings& out) {
  if (ctx.previous()->edition() != v1::EDITION_2021) {
    out.NotAssessable(
        "上年度报告使用2019年试行版格式，其表二没有“现行有效件数”，无法推算本年现行有效件数",
        "The previous report follows the 2019 trial edition, whose table 2 has no count of "
        "documents in force; this year's count cannot be derived");
    return nullptr;
  }
  const auto* last = format::GetAs<v1::Count>(*ctx.previous(), row.in_force->fields);
  if (format::IsBlank(last)) {
    out.NotAssessable("上年度报告的现行有效件数为空白",
                      "The previous report leaves the count of documents in force blank");
    return nullptr;
  }
  return last;
}

// 现行有效件数 = last year's 现行有效件数 + 本年制发件数 − 本年废止件数.
void CheckInForceBalance(const Rule& self, const RuleContext& ctx, Findings& out) {
  for (const DocumentRow2021& row : DocumentRows2021()) {
    const v1::Count* last = PreviousInForce(ctx, row, out);
    if (last == nullptr) continue;
    if (ctx.Blank(row.in_force)) {
      out.NotAssessable("本年现行有效件数为空白",
                        "This year's count of documents in force is blank");
      continue;
    }
    CheckedSum expected(format::CountValue(last));
    expected.Add(ctx.Value(row.issued));
    expected.Sub(ctx.Value(row.repealed));
    if (expected.overflow()) {
      out.Overflow(self, row.in_force);
    } else if (expected.value() != ctx.Value(row.in_force)) {
      out.Add(self, row.in_force, CountString(expected.value()),
              CountString(ctx.Value(row.in_force)),
              absl::StrCat("上年度现行有效", format::CountValue(last), "件。"),
              absl::StrCat("Last year's report: ", format::CountValue(last), " in force."));
    }
  }
}

// 本年废止件数 <= last year's 现行有效件数 + 本年制发件数: nothing can be
// repealed that was not in force.
void CheckRepealedBound(const Rule& self, const RuleContext& ctx, Findings& out) {
  for (const DocumentRow2021& row : DocumentRows2021()) {
    const v1::Count* last = PreviousInForce(ctx, row, out);
    if (last == nullptr) continue;
    CheckedSum bound(format::CountValue(last));
    bound.Add(ctx.Value(row.issued));
    if (bound.overflow()) {
      out.Overflow(self, row.repealed);
    } else if (ctx.Value(row.repealed) > bound.value()) {
      out.Add(self, row.repealed, absl::StrCat("≤", bound.value()),
              CountString(ctx.Value(row.repealed)),
              absl::StrCat("上年度现行有效", format::CountValue(last), "件。"),
              absl::StrCat("Last year's report: ", format::CountValue(last), " in force."));
    }
  }
}

constexpr Rule kRules[] = {
    {"XY.PREVIOUS_YEAR", v1::SEVERITY_WARNING, "format.md arithmetic 6",
     "提供的上年度报告不是上一年度的，跨年度核对未进行",
     "The previous report given is not for the year before; cross-year checks were skipped",
     CheckPreviousYear, kNeedsPrevious},
    {"XY.CARRY_OVER", v1::SEVERITY_ERROR, "format.md arithmetic 6",
     "表三第二项应逐列等于上年度报告表三的第四项",
     "Table 3: this year's carried-over applications equal last year's carried-forward ones, "
     "column by column",
     CheckCarryOver, kNeedsEdition | kNeedsLastYear},
    {"XY.ITEMS", v1::SEVERITY_WARNING, "format.md arithmetic 6 (2019 edition)",
     "表二上一年项目数量应等于上年度报告的项目数量加其本年增减",
     "Table 2 (2019 edition): last year's item count equals last year's report's count plus its "
     "change",
     CheckItems, kNeedsEdition | kNeedsLastYear, v1::EDITION_2019_TRIAL},
    {"XY.IN_FORCE", v1::SEVERITY_WARNING, "format.md arithmetic 6 (2021 edition)",
     "表二规章、行政规范性文件：现行有效件数应等于上年度报告的现行有效件数加本年制发件数减本年废止"
     "件"
     "数；上年度报告为2019年试行版时无法核对",
     "Table 2 (2021 edition), rules and normative documents: in force = last year's in force + "
     "issued - repealed; not assessable when last year's report is of the 2019 trial edition",
     CheckInForceBalance, kNeedsEdition | kNeedsLastYear, v1::EDITION_2021},
    {"XY.REPEALED", v1::SEVERITY_ERROR, "format.md arithmetic 6 (2021 edition)",
     "表二规章、行政规范性文件：本年废止件数不得多于上年度现行有效件数与本年制发件数之和；上年度报"
     "告为"
     "2019年试行版时无法核对",
     "Table 2 (2021 edition), rules and normative documents: repealed <= last year's in force + "
     "issued; not assessable when last year's report is of the 2019 trial edition",
     CheckRepealedBound, kNeedsEdition | kNeedsLastYear, v1::EDITION_2021},
};

}  // namespace

absl::Span<const Rule> CrossYearRules() { return kRules; }

}  // namespace nianbao::validation
