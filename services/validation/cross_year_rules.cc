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
  if (!Comparable(ctx) || ctx.previous()->edition() != ctx.report().edition()) return;
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

constexpr Rule kRules[] = {
    {"XY.PREVIOUS_YEAR", v1::SEVERITY_WARNING, "format.md arithmetic 6",
     "提供的上年度报告不是上一年度的，跨年度核对未进行",
     "The previous report given is not for the year before; cross-year checks were skipped",
     CheckPreviousYear},
    {"XY.CARRY_OVER", v1::SEVERITY_ERROR, "format.md arithmetic 6",
     "表三第二项应逐列等于上年度报告表三的第四项",
     "Table 3: this year's carried-over applications equal last year's carried-forward ones, "
     "column by column",
     CheckCarryOver},
    {"XY.ITEMS", v1::SEVERITY_WARNING, "format.md arithmetic 6 (2019 edition)",
     "表二上一年项目数量应等于上年度报告的项目数量加其本年增减",
     "Table 2 (2019 edition): last year's item count equals last year's report's count plus its "
     "change",
     CheckItems},
};

}  // namespace

absl::Span<const Rule> CrossYearRules() { return kRules; }

}  // namespace nianbao::validation
