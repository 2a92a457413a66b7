// Table 2 (主动公开政府信息情况): the plausibility warnings of format.md
// arithmetic 8. Cells are found once by field path (paths are schema names,
// not labels; the labels come from the format definition).
#include "absl/strings/str_cat.h"
#include "services/validation/rule_context.h"

namespace nianbao::validation {
namespace {

const CellRef* Cell(v1::Edition edition, absl::string_view path) {
  const v1::EditionFormat* e = format::FindEdition(edition);
  return e == nullptr ? nullptr : format::FindCell(*e, path);
}

// Rows of block (一): the documents made/issued this year, published this
// year, and in force.
struct DocumentRow {
  const CellRef* made;
  const CellRef* published;  // 2019 only
  const CellRef* in_force;   // 2021 only
};

const std::vector<DocumentRow>& DocumentRows(v1::Edition edition) {
  static const auto* rows2019 = new std::vector<DocumentRow>{
      {Cell(v1::EDITION_2019_TRIAL, "proactive_disclosure_2019.regulations.newly_made"),
       Cell(v1::EDITION_2019_TRIAL, "proactive_disclosure_2019.regulations.newly_published"),
       nullptr},
      {Cell(v1::EDITION_2019_TRIAL, "proactive_disclosure_2019.normative_documents.newly_made"),
       Cell(v1::EDITION_2019_TRIAL,
            "proactive_disclosure_2019.normative_documents.newly_published"),
       nullptr}};
  static const auto* rows2021 = new std::vector<DocumentRow>{
      {Cell(v1::EDITION_2021, "proactive_disclosure_2021.regulations.issued"), nullptr,
       Cell(v1::EDITION_2021, "proactive_disclosure_2021.regulations.in_force")},
      {Cell(v1::EDITION_2021, "proactive_disclosure_2021.normative_documents.issued"), nullptr,
       Cell(v1::EDITION_2021, "proactive_disclosure_2021.normative_documents.in_force")}};
  static const std::vector<DocumentRow> none;
  switch (edition) {
    case v1::EDITION_2019_TRIAL:
      return *rows2019;
    case v1::EDITION_2021:
      return *rows2021;
    default:
      return none;
  }
}

bool WithoutRuleMakingPower(v1::AdministrativeLevel level) {
  return level == v1::ADMINISTRATIVE_LEVEL_TOWNSHIP ||
         level == v1::ADMINISTRATIVE_LEVEL_SUB_DISTRICT ||
         level == v1::ADMINISTRATIVE_LEVEL_GOVERNMENT_DEPARTMENT;
}

void CheckRegulations(const Rule& self, const RuleContext& ctx, Findings& out) {
  if (ctx.layout() == nullptr || !WithoutRuleMakingPower(ctx.report().agency().level())) return;
  const auto& rows = DocumentRows(ctx.report().edition());
  if (rows.empty()) return;
  // The first row of block (一) is the rules (规章) row in both editions.
  const CellRef* made = rows[0].made;
  if (ctx.Value(made) > 0) out.Add(self, made, "0", CountString(ctx.Value(made)));
}

void CheckInForce(const Rule& self, const RuleContext& ctx, Findings& out) {
  if (ctx.layout() == nullptr) return;
  for (const DocumentRow& row : DocumentRows(ctx.report().edition())) {
    if (row.in_force == nullptr || ctx.Blank(row.in_force)) continue;
    const int64_t issued = ctx.Value(row.made), in_force = ctx.Value(row.in_force);
    if (in_force < issued) {
      out.Add(self, row.in_force, absl::StrCat("≥", issued), CountString(in_force));
    }
  }
}

void CheckPublished(const Rule& self, const RuleContext& ctx, Findings& out) {
  if (ctx.layout() == nullptr) return;
  for (const DocumentRow& row : DocumentRows(ctx.report().edition())) {
    if (row.published == nullptr) continue;
    const int64_t made = ctx.Value(row.made), published = ctx.Value(row.published);
    if (made > 0 && published == 0) {
      out.Add(self, row.published, "＞0", CellString(ctx.Cell(row.published), row.published));
    }
  }
}

constexpr Rule kRules[] = {
    {"T2.REGULATIONS_WITHOUT_POWER", v1::SEVERITY_WARNING, "format.md arithmetic 8",
     "乡镇、街道和政府工作部门一般没有规章制定权，本年制发（新制作）的规章应为0",
     "Townships, sub-districts and government departments have no rule-making power: rules made "
     "this year should be 0",
     CheckRegulations, kNeedsEdition},
    {"T2.IN_FORCE_BELOW_ISSUED", v1::SEVERITY_WARNING, "format.md arithmetic 8 (2021 edition)",
     "现行有效的文件不应少于本年制发的文件",
     "Documents in force should not be fewer than those issued this year", CheckInForce,
     kNeedsEdition, v1::EDITION_2021},
    {"T2.MADE_NOT_PUBLISHED", v1::SEVERITY_WARNING, "format.md arithmetic 8 (2019 edition)",
     "本年新制作了文件却没有新公开，值得核实",
     "Documents were made this year but none was published this year; suspicious", CheckPublished,
     kNeedsEdition, v1::EDITION_2019_TRIAL},
};

}  // namespace

absl::Span<const Rule> Table2Rules() { return kRules; }

}  // namespace nianbao::validation
