// Information processing fees (信息处理费, section 六, 元; 2021 edition)
// against table 3. These fees have nothing to do with table 2's （八）
// 行政事业性收费 (万元, the agency's administrative fees): no rule compares the
// two, and the prose reader ignores sentences about the latter.
#include "absl/strings/str_cat.h"
#include "format/cell_text.h"
#include "services/validation/numeral.h"
#include "services/validation/rule_context.h"

namespace nianbao::validation {
namespace {

const char kFeesPath[] = "other_matters.processing_fees.";

const CellRef* DroppedForNonPayment() {
  static const CellRef* cell =
      format::FindCell(*format::FindEdition(v1::EDITION_2021),
                       "applications.results.other_handling_2021.overdue_fee.total");
  return cell;
}

// Fee notices issued >= applications dropped because the fee was not paid:
// an application is dropped for non-payment only after a notice.
void CheckNotices(const Rule& self, const RuleContext& ctx, Findings& out) {
  const CellRef* dropped = DroppedForNonPayment();
  const int64_t n = ctx.Value(dropped);
  const v1::OtherMatters& other = ctx.report().other_matters();
  if (!other.has_processing_fees() || !other.processing_fees().has_notices_issued()) {
    if (n > 0) {
      out.NotAssessable("报告未填写发出收费通知的件数",
                        "The report does not record the number of fee notices issued");
    }
    return;
  }
  const int64_t notices = format::CountValue(&other.processing_fees().notices_issued());
  if (notices < n) {
    out.AddPlace(
        self, {absl::StrCat(kFeesPath, "notices_issued"), "", "", ""}, absl::StrCat("≥", n),
        CountString(notices),
        absl::StrCat("表三「", format::RowLabel(*dropped->row), "」为", n, "件。"),
        absl::StrCat("Table 3 counts ", n, " applications dropped because the fee was not paid."));
  }
}

std::optional<Decimal> Yuan(const v1::Amount& a) {
  auto d = ParseDecimal(a.decimal());
  if (!d) return std::nullopt;
  return a.unit() == v1::CURRENCY_UNIT_WAN_YUAN ? Scaled(*d, 4) : d;
}

// Fees collected <= fees noticed: nothing is collected without a notice.
void CheckCollected(const Rule& self, const RuleContext& ctx, Findings& out) {
  const v1::OtherMatters& other = ctx.report().other_matters();
  if (!other.has_processing_fees()) return;
  const v1::ProcessingFees& fees = other.processing_fees();
  if (!fees.has_amount_collected()) return;
  if (!fees.has_amount_noticed()) {
    out.NotAssessable("报告未填写收费通知金额", "The report does not record the amount noticed");
    return;
  }
  const auto collected = Yuan(fees.amount_collected());
  const auto noticed = Yuan(fees.amount_noticed());
  if (!collected || !noticed) {  // STRUCT.AMOUNT_FORMAT reports it
    out.NotAssessable("金额格式不正确", "An amount is malformed");
    return;
  }
  if (CompareDecimal(*collected, *noticed) > 0) {
    out.AddPlace(self, {absl::StrCat(kFeesPath, "amount_collected"), "", "", ""},
                 absl::StrCat("≤", format::AmountText(&fees.amount_noticed(),
                                                      v1::CURRENCY_UNIT_UNSPECIFIED)),
                 format::AmountText(&fees.amount_collected(), v1::CURRENCY_UNIT_UNSPECIFIED));
  }
}

constexpr Rule kRules[] = {
    {"FEE.NOTICES_COVER_DROPPED", v1::SEVERITY_WARNING, "format.md table 3 （六）2 (2021 edition)",
     "发出收费通知的件数不应少于表三“申请人逾期未按收费通知要求缴纳费用、行政机关不再处理”的件数",
     "Fee notices issued should not be fewer than the applications table 3 drops because the fee "
     "was not paid (a notice may date from the year before, hence a warning)",
     CheckNotices, kNeedsEdition, v1::EDITION_2021},
    {"FEE.COLLECTED_LE_NOTICED", v1::SEVERITY_WARNING, "format.md section 六 (2021 edition)",
     "信息处理费实际收取金额不应超过收费通知金额",
     "Processing fees collected should not exceed the amount noticed (a notice may date from the "
     "year before, hence a warning)",
     CheckCollected, kNeedsEdition, v1::EDITION_2021},
};

}  // namespace

absl::Span<const Rule> FeeRules() { return kRules; }

}  // namespace nianbao::validation
