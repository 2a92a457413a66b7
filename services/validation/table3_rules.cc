// Table 3 (收到和处理政府信息公开申请情况): format.md arithmetic rules 1–3.
// Blank cells count as 0; a blank total whose parts are non-zero is left to
// STRUCT.BLANK_TOTAL so that one mistake gives one violation.
#include "services/validation/rule_context.h"

namespace nianbao::validation {
namespace {

void CheckSums(const Rule& self, const RuleContext& ctx, Findings& out,
               const std::vector<SumCheck>& sums) {
  for (const SumCheck& sum : sums) {
    const CheckedSum parts = ctx.Sum(sum.parts);
    if (parts.overflow()) {
      out.Overflow(self, sum.total);
      continue;
    }
    if (ctx.Blank(sum.total)) continue;
    const int64_t total = ctx.Value(sum.total);
    if (total != parts.value()) {
      out.Add(self, sum.total, CountString(parts.value()), CountString(total));
    }
  }
}

void CheckRowTotals(const Rule& self, const RuleContext& ctx, Findings& out) {
  if (ctx.layout() != nullptr) CheckSums(self, ctx, out, ctx.layout()->t3_row_sums);
}

void CheckResultsTotals(const Rule& self, const RuleContext& ctx, Findings& out) {
  if (ctx.layout() != nullptr) CheckSums(self, ctx, out, ctx.layout()->t3_results_sums);
}

void CheckReconcile(const Rule& self, const RuleContext& ctx, Findings& out) {
  if (ctx.layout() == nullptr) return;
  for (const ReconcileCheck& r : ctx.layout()->t3_reconcile) {
    CheckedSum in(ctx.Value(r.first));
    in.Add(ctx.Value(r.second));
    CheckedSum outflow(ctx.Value(r.results_total));
    outflow.Add(ctx.Value(r.carried_forward));
    if (in.overflow() || outflow.overflow()) {
      out.Overflow(self, r.results_total);
    } else if (in.value() != outflow.value()) {
      out.Add(self, r.results_total, CountString(in.value()), CountString(outflow.value()));
    }
  }
}

constexpr Rule kRules[] = {
    {"T3.ROW_TOTAL", v1::SEVERITY_ERROR, "format.md arithmetic 1",
     "表三每一行的合计应等于六类申请人之和",
     "Table 3, every row: the total column equals the sum of the six applicant columns",
     CheckRowTotals, kNeedsEdition},
    {"T3.RECONCILE", v1::SEVERITY_ERROR, "format.md arithmetic 2 (the rule printed on table 3)",
     "表三每一列：第一项加第二项之和，应等于第三项（办理结果合计）加第四项之和",
     "Table 3, every column: new applications plus those carried over equal the total of the "
     "results plus those carried forward",
     CheckReconcile, kNeedsEdition},
    {"T3.RESULTS_TOTAL", v1::SEVERITY_ERROR, "format.md arithmetic 3",
     "表三每一列：办理结果的合计应等于各项办理结果之和",
     "Table 3, every column: the total of the results equals the sum of every result row",
     CheckResultsTotals, kNeedsEdition},
};

}  // namespace

absl::Span<const Rule> Table3Rules() { return kRules; }

}  // namespace nianbao::validation
