// Narrative against tables (format.md arithmetic 7): the figures the prose
// states must agree with the tables. Keywords for result categories and
// review groups are the official labels, read from the format definition;
// prose_extract.cc does the reading. A mismatch is a warning quoting the
// sentence.
#include <map>

#include "absl/strings/str_cat.h"
#include "format/cell_text.h"
#include "format/field_path.h"
#include "services/validation/rule_context.h"

namespace nianbao::validation {
namespace {

// A figure in the tables a statement may be compared with: the sum of
// `cells`, shown at `place`.
struct Target {
  std::vector<const CellRef*> cells;
  Findings::Place place;
};

struct ProseLayout {
  ProseKeywords keywords;
  std::vector<Target> results;  // by ProseKeywords::results index
  std::vector<Target> review;   // by ProseKeywords::review index
  Target received, carried_over, handled, carried_forward;
};

std::string CommonPrefix(const std::vector<std::string>& paths) {
  if (paths.empty()) return "";
  std::string p = paths[0];
  for (const std::string& q : paths) {
    size_t n = 0;
    while (n < p.size() && n < q.size() && p[n] == q[n]) ++n;
    p.resize(n);
  }
  // Cut back to a whole segment.
  if (!p.empty() && p.back() == '.') p.pop_back();
  for (const std::string& q : paths) {
    if (q.size() > p.size() && q[p.size()] != '.') {
      p.resize(p.rfind('.') == std::string::npos ? 0 : p.rfind('.'));
      break;
    }
  }
  return p;
}

Target CellTarget(const CellRef* cell) {
  return {{cell},
          {cell->path, cell->table->caption(), format::RowLabel(*cell->row),
           format::ColumnLabel(*cell->column)}};
}

std::string Keyword(const std::string& label) {
  // "部分公开（区分处理的，…）" is stated in prose as "部分公开".
  const size_t paren = label.find("（");
  return paren == std::string::npos ? label : label.substr(0, paren);
}

ProseLayout BuildProse(const EditionLayout& layout) {
  ProseLayout out;
  // Table 3: the total column of each top-level row and of each result.
  for (const ReconcileCheck& r : layout.t3_reconcile) {
    if (!r.first->column->is_total()) continue;
    out.received = CellTarget(r.first);
    out.carried_over = CellTarget(r.second);
    out.handled = CellTarget(r.results_total);
    out.carried_forward = CellTarget(r.carried_forward);
  }
  if (layout.t3 != nullptr && layout.t3->blocks_size() > 0) {
    const v1::TableBlock& block = layout.t3->blocks(0);
    std::map<const v1::RowFormat*, const CellRef*> total_of_row;
    for (const SumCheck& s : layout.t3_row_sums) total_of_row[s.total->row] = s.total;
    for (int i = 0; i < block.rows_size(); ++i) {
      const v1::RowFormat& row = block.rows(i);
      if (row.depth() != 1 || row.is_total()) continue;
      Target t;
      std::vector<std::string> paths;
      for (int k = i; k < block.rows_size() && (k == i || block.rows(k).depth() > 1); ++k) {
        auto it = total_of_row.find(&block.rows(k));
        if (it == total_of_row.end()) continue;
        t.cells.push_back(it->second);
        paths.push_back(it->second->path);
      }
      if (t.cells.empty()) continue;
      t.place = {t.cells.size() == 1 ? paths[0] : CommonPrefix(paths), layout.t3->caption(),
                 format::RowLabel(row), format::ColumnLabel(*t.cells[0]->column)};
      const int index = static_cast<int>(out.results.size());
      out.results.push_back(std::move(t));
      out.keywords.results.push_back({Keyword(row.label()), index});
      for (const std::string& alias : row.label_aliases()) {
        if (Keyword(alias) != Keyword(row.label())) {
          out.keywords.results.push_back({Keyword(alias), index});
        }
      }
    }
  }
  // Table 4: each group's total, and each outer group (行政诉讼) as the sum
  // of the totals under it.
  std::map<std::string, int> review_index;
  for (const SumCheck& s : layout.t4_group_sums) {
    const v1::ColumnFormat& col = *s.total->column;
    for (int g = 0; g < col.groups_size(); ++g) {
      const std::string& label = col.groups(g);
      auto [it, inserted] = review_index.emplace(label, static_cast<int>(out.review.size()));
      if (inserted) {
        out.review.push_back({});
        out.keywords.review.push_back({label, it->second});
      }
      Target& t = out.review[static_cast<size_t>(it->second)];
      t.cells.push_back(s.total);
      std::vector<std::string> paths;
      for (const CellRef* c : t.cells) paths.push_back(c->path);
      t.place = {t.cells.size() == 1 ? paths[0] : CommonPrefix(paths), layout.t4->caption(), "",
                 absl::StrCat(label, "/", col.label())};
    }
  }
  SortKeywords(&out.keywords);
  return out;
}

const ProseLayout* ProseFor(const EditionLayout* layout) {
  static const auto* all = [] {
    auto* m = new std::map<const EditionLayout*, ProseLayout>();
    for (const v1::EditionFormat& e : format::Definition().editions()) {
      const EditionLayout* l = LayoutFor(e.edition());
      if (l != nullptr) (*m)[l] = BuildProse(*l);
    }
    return m;
  }();
  auto it = all->find(layout);
  return it == all->end() ? nullptr : &it->second;
}

void Collect(const google::protobuf::RepeatedPtrField<v1::Block>& blocks,
             const ProseKeywords& keywords, std::vector<Statement>* out) {
  for (const v1::Block& b : blocks) {
    if (b.has_paragraph()) {
      for (Statement& s : ExtractStatements(b.paragraph().text(), keywords)) {
        out->push_back(std::move(s));
      }
    } else if (b.has_subsection()) {
      Collect(b.subsection().blocks(), keywords, out);
    }
  }
}

const std::vector<Statement>& Statements(const RuleContext& ctx, const ProseLayout& prose) {
  RuleContext::Prose& cache = ctx.prose();
  if (!cache.ready) {
    cache.ready = true;
    for (const SectionSlots& s : ctx.layout()->sections) {
      const auto* narrative = format::GetAs<v1::Narrative>(ctx.report(), s.narrative);
      if (narrative != nullptr) Collect(narrative->blocks(), prose.keywords, &cache.statements);
    }
  }
  return cache.statements;
}

CheckedSum TableValue(const RuleContext& ctx, const Target& t) { return ctx.Sum(t.cells); }

void Mismatch(const Rule& self, Findings& out, const Findings::Place& place,
              absl::string_view expected, absl::string_view found, const Statement& s) {
  v1::Violation* v =
      out.AddPlace(self, place, expected, found, absl::StrCat("正文：“", s.sentence, "”"),
                   absl::StrCat("The text says: \"", s.sentence, "\""));
  v->set_quote(s.sentence);
}

void CompareCount(const Rule& self, const RuleContext& ctx, Findings& out, const Target& target,
                  const Statement& s) {
  if (target.cells.empty()) return;
  const CheckedSum table = TableValue(ctx, target);
  if (table.overflow()) return;  // the arithmetic rules report it
  if (!SameNumber(s.value, Decimal{table.value(), 0})) {
    Mismatch(self, out, target.place, CountString(table.value()), DecimalString(s.value), s);
  }
}

void CheckApplications(const Rule& self, const RuleContext& ctx, Findings& out) {
  if (ctx.layout() == nullptr) return;
  const ProseLayout* prose = ProseFor(ctx.layout());
  if (prose == nullptr) return;
  for (const Statement& s : Statements(ctx, *prose)) {
    switch (s.fact) {
      case Fact::kReceived:
        CompareCount(self, ctx, out, prose->received, s);
        break;
      case Fact::kCarriedOver:
        CompareCount(self, ctx, out, prose->carried_over, s);
        break;
      case Fact::kHandled:
        CompareCount(self, ctx, out, prose->handled, s);
        break;
      case Fact::kCarriedForward:
        CompareCount(self, ctx, out, prose->carried_forward, s);
        break;
      case Fact::kResult:
        CompareCount(self, ctx, out, prose->results[static_cast<size_t>(s.index)], s);
        break;
      default:
        break;
    }
  }
}

void CheckReview(const Rule& self, const RuleContext& ctx, Findings& out) {
  if (ctx.layout() == nullptr) return;
  const ProseLayout* prose = ProseFor(ctx.layout());
  if (prose == nullptr) return;
  for (const Statement& s : Statements(ctx, *prose)) {
    if (s.fact == Fact::kReview) {
      CompareCount(self, ctx, out, prose->review[static_cast<size_t>(s.index)], s);
    }
  }
}

// Fee figures in 元 as exact decimals.
std::optional<Decimal> Yuan(const v1::Amount& a) {
  auto d = ParseDecimal(a.decimal());
  if (!d) return std::nullopt;
  return a.unit() == v1::CURRENCY_UNIT_WAN_YUAN ? Scaled(*d, 4) : d;
}

std::string AmountShown(const v1::Amount& a) {
  return format::AmountText(&a, v1::CURRENCY_UNIT_UNSPECIFIED);
}

void CheckFees(const Rule& self, const RuleContext& ctx, Findings& out) {
  if (ctx.layout() == nullptr || !ctx.report().other_matters().has_processing_fees()) return;
  const ProseLayout* prose = ProseFor(ctx.layout());
  if (prose == nullptr) return;
  const v1::ProcessingFees& fees = ctx.report().other_matters().processing_fees();
  const auto* d = v1::ProcessingFees::descriptor();
  const std::string base = "other_matters.processing_fees.";
  for (const Statement& s : Statements(ctx, *prose)) {
    if (s.fact == Fact::kFeeNotices && fees.has_notices_issued()) {
      const int64_t v = format::CountValue(&fees.notices_issued());
      if (!SameNumber(s.value, {v, 0})) {
        Mismatch(
            self, out,
            {base + d->FindFieldByNumber(v1::ProcessingFees::kNoticesIssuedFieldNumber)->name(), "",
             "", ""},
            CountString(v), DecimalString(s.value), s);
      }
    } else if (s.fact == Fact::kFeeNoticed || s.fact == Fact::kFeeCollected) {
      const bool collected = s.fact == Fact::kFeeCollected;
      if (!(collected ? fees.has_amount_collected() : fees.has_amount_noticed())) continue;
      const v1::Amount& amount = collected ? fees.amount_collected() : fees.amount_noticed();
      auto table = Yuan(amount);
      auto stated = s.wan ? Scaled(s.value, 4) : std::optional<Decimal>(s.value);
      if (!table || !stated || SameNumber(*table, *stated)) continue;
      const int field = collected ? v1::ProcessingFees::kAmountCollectedFieldNumber
                                  : v1::ProcessingFees::kAmountNoticedFieldNumber;
      Mismatch(self, out, {base + d->FindFieldByNumber(field)->name(), "", "", ""},
               AmountShown(amount), absl::StrCat(DecimalString(s.value), s.wan ? "万元" : "元"), s);
    }
  }
}

// Whether the stated share p (percent, k decimals) is part/base rounded to k
// decimals: |part*100*10^k - p*base| <= base/2. Sets *rounded to the right
// value at the stated precision.
bool ShareMatches(int64_t part, int64_t base, Decimal p, int64_t* rounded) {
  __int128 pow = 1;
  for (int i = 0; i < p.scale; ++i) pow *= 10;
  const __int128 lhs = static_cast<__int128>(part) * 100 * pow;
  const __int128 rhs = static_cast<__int128>(p.units) * base;
  const __int128 diff = lhs > rhs ? lhs - rhs : rhs - lhs;
  const __int128 num = lhs * 2 + base;
  *rounded = static_cast<int64_t>(num / (2 * static_cast<__int128>(base)));
  return 2 * diff <= static_cast<__int128>(base);
}

void CheckPercent(const Rule& self, const RuleContext& ctx, Findings& out) {
  if (ctx.layout() == nullptr) return;
  const ProseLayout* prose = ProseFor(ctx.layout());
  if (prose == nullptr || prose->handled.cells.empty()) return;
  const CheckedSum base = TableValue(ctx, prose->handled);
  if (base.overflow() || base.value() <= 0) return;
  for (const Statement& s : Statements(ctx, *prose)) {
    if (s.fact != Fact::kResult || !s.percent) continue;
    const Target& target = prose->results[static_cast<size_t>(s.index)];
    const CheckedSum part = TableValue(ctx, target);
    if (part.overflow()) continue;
    const Decimal p = *s.percent;
    if (p.scale > 6) continue;
    int64_t rounded = 0;
    if (ShareMatches(part.value(), base.value(), p, &rounded)) continue;
    Mismatch(self, out, target.place, absl::StrCat(DecimalString({rounded, p.scale}), "%"),
             absl::StrCat(DecimalString(p), "%"), s);
  }
}

// 公开率: (予以公开 + 部分公开) / 办结总数. Reports also use 予以公开 alone;
// either reading rounded to the stated precision is accepted.
void CheckDisclosureRate(const Rule& self, const RuleContext& ctx, Findings& out) {
  const ProseLayout* prose = ProseFor(ctx.layout());
  if (prose == nullptr || prose->handled.cells.empty() || prose->results.size() < 2) return;
  const Target& disclosed = prose->results[0];
  const Target& partial = prose->results[1];
  for (const Statement& s : Statements(ctx, *prose)) {
    if (s.fact != Fact::kDisclosureRate || s.value.scale > 6) continue;
    const CheckedSum base = TableValue(ctx, prose->handled);
    if (base.overflow()) continue;
    if (base.value() <= 0) {
      out.NotAssessable("表三办结总数为0，公开率无从计算",
                        "Table 3 handled no application; no disclosure rate can be computed");
      continue;
    }
    const CheckedSum only = TableValue(ctx, disclosed);
    CheckedSum both = only;
    both.Add(TableValue(ctx, partial));
    if (only.overflow() || both.overflow()) continue;
    int64_t rounded = 0, ignored = 0;
    if (ShareMatches(both.value(), base.value(), s.value, &rounded) ||
        ShareMatches(only.value(), base.value(), s.value, &ignored)) {
      continue;
    }
    Findings::Place place = prose->handled.place;
    Mismatch(self, out, place, absl::StrCat(DecimalString({rounded, s.value.scale}), "%"),
             absl::StrCat(DecimalString(s.value), "%"), s);
  }
}

constexpr Rule kRules[] = {
    {"PROSE.APPLICATIONS", v1::SEVERITY_WARNING, "format.md arithmetic 7",
     "正文所述的申请数字（收到、上年结转、办结、结转下年、各类办理结果）应与表三一致",
     "Figures the text states about applications (received, carried over, handled, carried "
     "forward, each result) agree with table 3",
     CheckApplications, kNeedsEdition},
    {"PROSE.REVIEW_LITIGATION", v1::SEVERITY_WARNING, "format.md arithmetic 7",
     "正文所述的行政复议、行政诉讼件数应与表四一致",
     "Numbers of reconsiderations and lawsuits stated in the text agree with table 4", CheckReview,
     kNeedsEdition},
    {"PROSE.FEES", v1::SEVERITY_WARNING, "format.md arithmetic 7 (2021 edition, section 6)",
     "正文所述的信息处理费（收费通知件数、通知金额、实收金额）应与所填数字一致",
     "Processing fees stated in the text (notices, amount noticed, amount collected) agree with "
     "the figures",
     CheckFees, kNeedsEdition, v1::EDITION_2021},
    {"PROSE.PERCENT", v1::SEVERITY_WARNING, "format.md arithmetic 7",
     "正文所述某类办理结果占办结总数的百分比应与表三相符（按所写精度四舍五入）",
     "A percentage the text gives for a result category matches its share of all handled "
     "applications in table 3 (rounded to the stated precision)",
     CheckPercent, kNeedsEdition},
    {"PROSE.DISCLOSURE_RATE", v1::SEVERITY_WARNING, "format.md arithmetic 7",
     "正文所述公开率应与表三相符：（予以公开+"
     "部分公开）÷办结总数（或仅予以公开），按所写精度四舍五入",
     "A disclosure rate (公开率) the text gives matches table 3: (disclosed + partially "
     "disclosed) / handled, or disclosed / handled, rounded to the stated precision",
     CheckDisclosureRate, kNeedsEdition},
};

}  // namespace

absl::Span<const Rule> ProseRules() { return kRules; }

}  // namespace nianbao::validation
