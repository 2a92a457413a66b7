// Structure of the report: edition and year, fields of the other edition,
// required sections, blank totals, negative or malformed figures, and sums
// that leave the 64-bit range (format.md arithmetic 5, "Blank cells", and
// the structure list of the validation issue).
#include <ctime>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "format/cell_text.h"
#include "format/field_path.h"
#include "services/validation/rule_context.h"

namespace nianbao::validation {
namespace {

const std::string& FieldName(int number) {
  return v1::AnnualReport::descriptor()->FindFieldByNumber(number)->name();
}

std::string EditionName(v1::Edition edition) {
  const v1::EditionFormat* format = format::FindEdition(edition);
  return format != nullptr ? format->name() : v1::Edition_Name(edition);
}

void CheckEdition(const Rule& self, const RuleContext& ctx, Findings& out) {
  if (ctx.layout() != nullptr) return;
  // Expected: the edition for the report's year, or any edition when the
  // year says nothing.
  const v1::Edition for_year = format::EditionForYear(ctx.report().year());
  std::string expected;
  if (for_year != v1::EDITION_UNSPECIFIED) {
    expected = EditionName(for_year);
  } else {
    for (const v1::EditionFormat& e : format::Definition().editions()) {
      absl::StrAppend(&expected, expected.empty() ? "" : " / ", e.name());
    }
  }
  out.AddAt(self, FieldName(v1::AnnualReport::kEditionFieldNumber), "", expected,
            v1::Edition_IsValid(ctx.report().edition()) ? v1::Edition_Name(ctx.report().edition())
                                                        : absl::StrCat(ctx.report().edition()));
}

int CurrentYear() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  return utc.tm_year + 1900;
}

// The years a report can have: from the first edition's first year to the
// current one (a year's report is published in the following year; a draft
// may be filed in December).
std::pair<int, int> YearRange() {
  int first = 0;
  for (const v1::EditionFormat& e : format::Definition().editions()) {
    if (first == 0 || e.first_year() < first) first = e.first_year();
  }
  return {first, CurrentYear()};
}

void CheckEditionYear(const Rule& self, const RuleContext& ctx, Findings& out) {
  const v1::Edition expected = format::EditionForYear(ctx.report().year());
  // An impossible year is STRUCT.YEAR_RANGE's to report.
  if (ctx.layout() == nullptr || expected == v1::EDITION_UNSPECIFIED ||
      expected == ctx.report().edition() || ctx.report().year() > YearRange().second) {
    return;
  }
  out.AddAt(self, FieldName(v1::AnnualReport::kEditionFieldNumber), "", EditionName(expected),
            EditionName(ctx.report().edition()));
}

void CheckYear(const Rule& self, const RuleContext& ctx, Findings& out) {
  const auto [first, last] = YearRange();
  const int year = ctx.report().year();
  if (year >= first && year <= last) return;
  out.AddAt(self, FieldName(v1::AnnualReport::kYearFieldNumber), "", absl::StrCat(first, "–", last),
            absl::StrCat(year));
}

void CheckForeignFields(const Rule& self, const RuleContext& ctx, Findings& out) {
  if (ctx.layout() == nullptr) return;
  for (const ForeignField& f : ctx.layout()->foreign) {
    if (format::GetAt(ctx.report(), f.chain) == nullptr) continue;
    v1::Violation* v = out.AddAt(self, f.path, f.sample ? f.sample->table->caption() : "",
                                 ctx.layout()->edition->name(), f.owner ? f.owner->name() : "");
    // Name the row too when the stray subtree is a row or lies inside one.
    if (f.sample != nullptr) {
      const std::string row_path = absl::StrJoin(
          {f.sample->table->field(), f.sample->block->field(), f.sample->row->field()}, ".");
      if (!f.sample->row->field().empty() && f.path.size() >= row_path.size()) {
        v->set_row_label(format::RowLabel(*f.sample->row));
      }
    }
  }
}

bool HasText(const v1::Narrative& narrative);

bool HasText(const google::protobuf::RepeatedPtrField<v1::Block>& blocks) {
  for (const v1::Block& b : blocks) {
    if (b.has_paragraph() && !format::TrimSpaces(b.paragraph().text()).empty()) return true;
    if (b.has_subsection() &&
        (!format::TrimSpaces(b.subsection().title()).empty() || HasText(b.subsection().blocks()))) {
      return true;
    }
  }
  return false;
}

bool HasText(const v1::Narrative& narrative) { return HasText(narrative.blocks()); }

void CheckSections(const Rule& self, const RuleContext& ctx, Findings& out) {
  if (ctx.layout() == nullptr) return;
  for (const SectionSlots& s : ctx.layout()->sections) {
    if (s.section->narrative_required()) {
      const auto* narrative = format::GetAs<v1::Narrative>(ctx.report(), s.narrative);
      if (narrative == nullptr || !HasText(*narrative)) {
        out.AddAt(self, s.section->narrative_field(), format::SectionHeading(*s.section), "", "");
      }
    }
    if (s.table != nullptr && format::GetAt(ctx.report(), s.table_chain) == nullptr) {
      out.AddAt(self, s.table->field(), s.table->caption(), "", "");
    }
  }
}

void CheckBlankTotals(const Rule& self, const RuleContext& ctx, Findings& out) {
  if (ctx.layout() == nullptr) return;
  std::set<const CellRef*> reported;
  for (const auto* sums :
       {&ctx.layout()->t3_row_sums, &ctx.layout()->t3_results_sums, &ctx.layout()->t4_group_sums}) {
    for (const SumCheck& sum : *sums) {
      if (!ctx.Blank(sum.total) || reported.count(sum.total)) continue;
      const CheckedSum parts = ctx.Sum(sum.parts);
      if (parts.overflow()) continue;  // reported by the arithmetic rule
      if (parts.value() != 0) {
        reported.insert(sum.total);
        out.Add(self, sum.total, CountString(parts.value()),
                CellString(ctx.Cell(sum.total), sum.total));
      }
    }
  }
}

bool NegativeDecimal(const v1::Amount& a) {
  return a.has_decimal() && !a.decimal().empty() && a.decimal()[0] == '-';
}

// Processing fees: figures of section 六 outside the tables.
struct FeePaths {
  std::string notices, noticed, collected;
};
const FeePaths& Fees() {
  static const FeePaths* paths = [] {
    const std::string base = FieldName(v1::AnnualReport::kOtherMattersFieldNumber) + "." +
                             v1::OtherMatters::descriptor()
                                 ->FindFieldByNumber(v1::OtherMatters::kProcessingFeesFieldNumber)
                                 ->name() +
                             ".";
    const auto* d = v1::ProcessingFees::descriptor();
    return new FeePaths{
        base + d->FindFieldByNumber(v1::ProcessingFees::kNoticesIssuedFieldNumber)->name(),
        base + d->FindFieldByNumber(v1::ProcessingFees::kAmountNoticedFieldNumber)->name(),
        base + d->FindFieldByNumber(v1::ProcessingFees::kAmountCollectedFieldNumber)->name()};
  }();
  return *paths;
}

void CheckNegative(const Rule& self, const RuleContext& ctx, Findings& out) {
  if (ctx.layout() != nullptr) {
    for (const CellRef& cell : *ctx.layout()->cells) {
      const auto* msg = ctx.Cell(&cell);
      if (msg == nullptr) continue;
      switch (cell.column->kind()) {
        case v1::CELL_KIND_SIGNED_COUNT:
          break;
        case v1::CELL_KIND_AMOUNT:
          if (NegativeDecimal(*static_cast<const v1::Amount*>(msg))) {
            out.Add(self, &cell, "≥0", CellString(msg, &cell));
          }
          break;
        default: {
          const auto* count = static_cast<const v1::Count*>(msg);
          if (count->has_value() && count->value() < 0) {
            out.Add(self, &cell, "≥0", CountString(count->value()));
          }
        }
      }
    }
  }
  if (ctx.report().other_matters().has_processing_fees()) {
    const v1::ProcessingFees& fees = ctx.report().other_matters().processing_fees();
    if (fees.has_notices_issued() && fees.notices_issued().value() < 0) {
      out.AddAt(self, Fees().notices, "", "≥0", CountString(fees.notices_issued().value()));
    }
    if (fees.has_amount_noticed() && NegativeDecimal(fees.amount_noticed())) {
      out.AddAt(self, Fees().noticed, "", "≥0", fees.amount_noticed().decimal());
    }
    if (fees.has_amount_collected() && NegativeDecimal(fees.amount_collected())) {
      out.AddAt(self, Fees().collected, "", "≥0", fees.amount_collected().decimal());
    }
  }
}

void CheckAmountFormat(const Rule& self, const RuleContext& ctx, Findings& out) {
  auto bad = [](const v1::Amount* a) {
    return a != nullptr && a->has_decimal() && !format::IsValidDecimal(a->decimal());
  };
  if (ctx.layout() != nullptr) {
    for (const CellRef& cell : *ctx.layout()->cells) {
      if (cell.column->kind() != v1::CELL_KIND_AMOUNT) continue;
      const auto* a = static_cast<const v1::Amount*>(ctx.Cell(&cell));
      if (bad(a)) out.Add(self, &cell, "", a->decimal());
    }
  }
  const v1::ProcessingFees& fees = ctx.report().other_matters().processing_fees();
  if (bad(fees.has_amount_noticed() ? &fees.amount_noticed() : nullptr)) {
    out.AddAt(self, Fees().noticed, "", "", fees.amount_noticed().decimal());
  }
  if (bad(fees.has_amount_collected() ? &fees.amount_collected() : nullptr)) {
    out.AddAt(self, Fees().collected, "", "", fees.amount_collected().decimal());
  }
}

constexpr Rule kRules[] = {
    {"STRUCT.EDITION", v1::SEVERITY_ERROR, "report.proto Edition",
     "报告未注明或注明了未知的格式版本，无法核对表格",
     "The report states no known edition of the format, so its tables cannot be checked",
     CheckEdition},
    {"STRUCT.EDITION_YEAR", v1::SEVERITY_WARNING, "format.md arithmetic 8 (edition vs year)",
     "报告所用格式版本与报告年度不符", "The report's edition does not match its year",
     CheckEditionYear, kNeedsEdition},
    {"STRUCT.YEAR_RANGE", v1::SEVERITY_ERROR, "structure: year out of range",
     "报告年度超出范围（早于现行格式的首个适用年度，或晚于当前年度）",
     "The report's year is out of range (before the first year of the national format, or after "
     "the current year)",
     CheckYear},
    {"STRUCT.OTHER_EDITION_FIELDS", v1::SEVERITY_ERROR, "structure: fields of the other edition",
     "报告填写了另一格式版本才有的栏目", "The report fills fields that only the other edition has",
     CheckForeignFields, kNeedsEdition},
    {"STRUCT.SECTION_EMPTY", v1::SEVERITY_ERROR, "structure: required sections",
     "必备部分为空（必须有文字的部分无内容，或缺少表格）",
     "A required section is empty (a narrative section without text, or a missing table)",
     CheckSections, kNeedsEdition},
    {"STRUCT.BLANK_TOTAL", v1::SEVERITY_ERROR, "format.md \"Blank cells\"",
     "合计栏为空白，但其各分项不为零",
     "A total cell is blank although the figures it sums are not zero", CheckBlankTotals,
     kNeedsEdition},
    {"STRUCT.NEGATIVE", v1::SEVERITY_ERROR, "format.md arithmetic 5",
     "数量和金额不得为负数（有符号的增减栏除外）",
     "Counts and amounts must not be negative (except the signed change column)", CheckNegative,
     kNeedsEdition},
    {"STRUCT.AMOUNT_FORMAT", v1::SEVERITY_ERROR, "report.proto Amount", "金额不是合法的十进制数",
     "An amount is not a well-formed decimal number", CheckAmountFormat, kNeedsEdition},
    {"STRUCT.OVERFLOW", v1::SEVERITY_ERROR, "structure: checked 64-bit sums",
     "求和结果超出64位整数范围，数字不可信",
     "A sum exceeds the 64-bit range; the figures cannot be right", nullptr},
};

}  // namespace

absl::Span<const Rule> StructureRules() { return kRules; }

}  // namespace nianbao::validation
