// Table 4 (政府信息公开行政复议、行政诉讼情况): format.md arithmetic rule 4.
#include "services/validation/rule_context.h"

namespace nianbao::validation {
namespace {

void CheckGroupTotals(const Rule& self, const RuleContext& ctx, Findings& out) {
  if (ctx.layout() == nullptr) return;
  for (const SumCheck& sum : ctx.layout()->t4_group_sums) {
    const CheckedSum parts = ctx.Sum(sum.parts);
    if (parts.overflow()) {
      out.Overflow(self, sum.total);
      continue;
    }
    if (ctx.Blank(sum.total)) continue;  // STRUCT.BLANK_TOTAL
    const int64_t total = ctx.Value(sum.total);
    if (total != parts.value()) {
      out.Add(self, sum.total, CountString(parts.value()), CountString(total));
    }
  }
}

constexpr Rule kRules[] = {
    {"T4.GROUP_TOTAL", v1::SEVERITY_ERROR, "format.md arithmetic 4",
     "表四每一组的合计应等于该组四种审理结果之和",
     "Table 4, each group (reconsideration, direct lawsuits, lawsuits after reconsideration): the "
     "total equals upheld + corrected + other + pending",
     CheckGroupTotals, kNeedsEdition},
};

}  // namespace

absl::Span<const Rule> Table4Rules() { return kRules; }

}  // namespace nianbao::validation
