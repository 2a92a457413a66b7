#include "services/collection/aggregate.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "format/cell_text.h"
#include "format/field_path.h"
#include "format/format_definition.h"
#include "google/protobuf/message.h"
#include "services/collection/exact_decimal.h"

namespace nianbao::collection {
namespace {

// Power of ten that turns an amount in `unit` into 元.
int PowerToYuan(v1::CurrencyUnit unit) { return unit == v1::CURRENCY_UNIT_WAN_YUAN ? 4 : 0; }

// A summed cell that is blank in every input keeps their mark ("/", "—")
// when every input carries the same one.
struct MarkTally {
  bool all_marked = true;
  std::optional<v1::BlankMark> mark;

  void Add(bool marked, v1::BlankMark m) {
    if (!marked || (mark && *mark != m)) {
      all_marked = false;
    } else {
      mark = m;
    }
  }
  // The mark every input carried, if they all carried the same one.
  std::optional<v1::BlankMark> Common() const { return all_marked ? mark : std::nullopt; }
};

// SumAmounts over the cells of all reports, fed one report at a time. The
// unit of the sum is the column header's if it states one, else the inputs'
// common unit, else 元; without a header unit it is known only at the end,
// so two sums run side by side: one without conversion (right if every
// figure has the first figure's unit) and one in 元. Each keeps the first
// error in input order, as converting and adding figure by figure would.
struct AmountSum {
  struct Path {
    v1::CurrencyUnit unit = v1::CURRENCY_UNIT_UNSPECIFIED;
    ExactDecimal sum;
    absl::Status error;

    void Add(const absl::StatusOr<ExactDecimal>& parsed, v1::CurrencyUnit from,
             const std::string& path) {
      if (!error.ok()) return;
      if (!parsed.ok()) {
        error = absl::InvalidArgumentError(absl::StrCat(path, ": ", parsed.status().message()));
        return;
      }
      absl::StatusOr<ExactDecimal> d = *parsed;
      if (from != unit) {
        if (from == v1::CURRENCY_UNIT_UNSPECIFIED || unit == v1::CURRENCY_UNIT_UNSPECIFIED) {
          error = absl::InvalidArgumentError(
              absl::StrCat(path, ": cannot add amounts with and without a currency unit"));
          return;
        }
        d = ScaleByPowerOfTen(*d, PowerToYuan(from) - PowerToYuan(unit));
        if (!d.ok()) {
          error = d.status();
          return;
        }
      }
      absl::StatusOr<ExactDecimal> next = AddExact(sum, *d);
      if (!next.ok()) {
        error = absl::OutOfRangeError(absl::StrCat("the sum of ", path, " overflows"));
        return;
      }
      sum = *next;
    }
  };

  bool any_figure = false;
  v1::CurrencyUnit first_unit = v1::CURRENCY_UNIT_UNSPECIFIED;
  bool same_unit = true;
  Path as_first;   // used when there is no header unit and all units agree
  Path converted;  // in the header's unit, or in 元
  MarkTally marks;

  void Add(const v1::Amount* a, const std::string& path, v1::CurrencyUnit header_unit) {
    marks.Add(a != nullptr && a->content_case() == v1::Amount::kMark,
              a == nullptr ? v1::BlankMark() : a->mark());
    if (format::IsBlank(a)) return;
    if (!any_figure) {
      any_figure = true;
      first_unit = a->unit();
      as_first.unit = first_unit;
      converted.unit =
          header_unit != v1::CURRENCY_UNIT_UNSPECIFIED ? header_unit : v1::CURRENCY_UNIT_YUAN;
    }
    same_unit &= a->unit() == first_unit;
    const absl::StatusOr<ExactDecimal> parsed = ParseExactDecimal(a->decimal());
    // An amount without a unit is in the header's unit, if any.
    const v1::CurrencyUnit from =
        a->unit() != v1::CURRENCY_UNIT_UNSPECIFIED ? a->unit() : header_unit;
    if (header_unit == v1::CURRENCY_UNIT_UNSPECIFIED) as_first.Add(parsed, from, path);
    converted.Add(parsed, from, path);
  }

  // The sum into `out`; *blank when every input was blank and unmarked.
  absl::Status Finish(v1::CurrencyUnit header_unit, v1::Amount* out, bool* blank) const {
    *blank = !any_figure;
    if (*blank) {
      if (std::optional<v1::BlankMark> mark = marks.Common()) {
        out->set_mark(*mark);
        *blank = false;
      }
      return absl::OkStatus();
    }
    const Path& p =
        header_unit == v1::CURRENCY_UNIT_UNSPECIFIED && same_unit ? as_first : converted;
    if (!p.error.ok()) return p.error;
    out->set_decimal(ExactDecimalText(p.sum));
    out->set_unit(p.unit);
    return absl::OkStatus();
  }
};

// One cell to sum: where it is, and how to walk there fast (the walk is
// the cost of aggregation: every cell of every report).
struct CellPlan {
  format::FieldChain chain;
  std::string path;
  v1::CellKind kind;
  v1::CurrencyUnit header_unit;
  // Per field of the chain: the Reflection to read it with and the default
  // instance an unset field returns.
  std::vector<const google::protobuf::Reflection*> reflections;
  std::vector<const google::protobuf::Message*> defaults;
  // Leading fields shared with the previous cell's chain (not its last).
  size_t shared_prefix = 0;
};

struct EditionPlan {
  std::vector<CellPlan> cells;
  size_t max_depth = 0;
};

EditionPlan BuildPlan(const v1::EditionFormat& format) {
  EditionPlan plan;
  auto add = [&](const format::FieldChain& chain, std::string path, v1::CellKind kind,
                 v1::CurrencyUnit unit) {
    CellPlan c{chain, std::move(path), kind, unit, {}, {}, 0};
    auto* factory = google::protobuf::MessageFactory::generated_factory();
    for (const auto* f : chain) {
      c.reflections.push_back(factory->GetPrototype(f->containing_type())->GetReflection());
      c.defaults.push_back(factory->GetPrototype(f->message_type()));
    }
    if (!plan.cells.empty()) {
      const format::FieldChain& prev = plan.cells.back().chain;
      const size_t n = std::min(chain.size(), prev.size()) - 1;
      while (c.shared_prefix < n && chain[c.shared_prefix] == prev[c.shared_prefix]) {
        ++c.shared_prefix;
      }
    }
    plan.max_depth = std::max(plan.max_depth, chain.size());
    plan.cells.push_back(std::move(c));
  };
  // The cells and fees SummedCells lists, in its order.
  for (const SummedCell& cell : SummedCells(format.edition())) {
    add(cell.chain, cell.path, cell.kind, cell.header_unit);
  }
  return plan;
}

const EditionPlan& PlanFor(const v1::EditionFormat& format) {
  static const auto* plans = [] {
    auto* m = new std::map<const v1::EditionFormat*, EditionPlan>();
    for (const v1::EditionFormat& e : format::Definition().editions()) (*m)[&e] = BuildPlan(e);
    return m;
  }();
  return plans->at(&format);
}

// Calls fn(i, cell) for every cell i of `plan` in `report` (cell nullptr
// when unset), walking each chain only from where it leaves the previous.
template <typename Fn>
void ForEachCell(const EditionPlan& plan, const v1::AnnualReport& report,
                 std::vector<const google::protobuf::Message*>& at, Fn fn) {
  at.assign(plan.max_depth + 1, nullptr);
  at[0] = &report;
  size_t valid = 0;
  for (size_t i = 0; i < plan.cells.size(); ++i) {
    const CellPlan& c = plan.cells[i];
    const size_t n = c.chain.size() - 1;
    for (size_t k = std::min(c.shared_prefix, valid); k < n; ++k) {
      const google::protobuf::Message* parent = at[k];
      const google::protobuf::Message* next =
          parent == nullptr ? nullptr : &c.reflections[k]->GetMessage(*parent, c.chain[k]);
      at[k + 1] = next == c.defaults[k] ? nullptr : next;
    }
    valid = n;
    const google::protobuf::Message* parent = at[n];
    const google::protobuf::Message* cell =
        parent == nullptr ? nullptr : &c.reflections[n]->GetMessage(*parent, c.chain[n]);
    fn(i, cell == c.defaults[n] ? nullptr : cell);
  }
}

// SumCounts over the cells of all reports, fed one report at a time.
struct CountSum {
  bool blank = true;
  bool overflow = false;
  int64_t sum = 0;
  v1::SignStyle sign_style = v1::SignStyle();
  MarkTally marks;

  void Add(const v1::Count* c) {
    marks.Add(c != nullptr && c->content_case() == v1::Count::kMark,
              c == nullptr ? v1::BlankMark() : c->mark());
    if (overflow || format::IsBlank(c)) return;
    if (blank) sign_style = c->sign_style();
    blank = false;
    if (__builtin_add_overflow(sum, c->value(), &sum)) overflow = true;
  }
};

}  // namespace

const std::vector<SummedCell>& SummedCells(v1::Edition edition) {
  static const auto* const by_edition = [] {
    auto* m = new std::map<v1::Edition, std::vector<SummedCell>>;
    for (v1::Edition e : {v1::EDITION_2019_TRIAL, v1::EDITION_2021}) {
      const v1::EditionFormat* format = format::FindEdition(e);
      if (format == nullptr) continue;
      std::vector<SummedCell>& cells = (*m)[e];
      for (const format::CellRef& cell : format::Cells(*format)) {
        cells.push_back(
            {cell.path, cell.fields, cell.column->kind(), cell.column->header_unit(), &cell});
      }
      // Processing fees are figures outside the tables (2021 edition, 六).
      if (e != v1::EDITION_2021) continue;
      const struct {
        const char* path;
        v1::CellKind kind;
      } kFees[] = {
          {"other_matters.processing_fees.notices_issued", v1::CELL_KIND_COUNT},
          {"other_matters.processing_fees.amount_noticed", v1::CELL_KIND_AMOUNT},
          {"other_matters.processing_fees.amount_collected", v1::CELL_KIND_AMOUNT},
      };
      for (const auto& fee : kFees) {
        // The paths are fixed and tested; a failure here is a build error.
        format::FieldChain chain = *format::ResolvePath(v1::AnnualReport::descriptor(), fee.path);
        cells.push_back({fee.path, std::move(chain), fee.kind, v1::CURRENCY_UNIT_UNSPECIFIED});
      }
    }
    return m;
  }();
  static const std::vector<SummedCell> kNone;
  auto it = by_edition->find(edition);
  return it == by_edition->end() ? kNone : it->second;
}

absl::StatusOr<bool> SameFigure(const google::protobuf::Message* a,
                                const google::protobuf::Message* b, v1::CellKind kind,
                                v1::CurrencyUnit header_unit) {
  if (kind != v1::CELL_KIND_AMOUNT) {
    return format::CountValue(static_cast<const v1::Count*>(a)) ==
           format::CountValue(static_cast<const v1::Count*>(b));
  }
  // Both in 元, then a - b == 0.
  ExactDecimal yuan[2];
  const google::protobuf::Message* cells[2] = {a, b};
  for (int i = 0; i < 2; ++i) {
    const auto* amount = static_cast<const v1::Amount*>(cells[i]);
    if (format::IsBlank(amount)) continue;
    absl::StatusOr<ExactDecimal> d = ParseExactDecimal(amount->decimal());
    if (!d.ok()) return d.status();
    v1::CurrencyUnit unit =
        amount->unit() != v1::CURRENCY_UNIT_UNSPECIFIED ? amount->unit() : header_unit;
    absl::StatusOr<ExactDecimal> scaled = ScaleByPowerOfTen(*d, PowerToYuan(unit));
    if (!scaled.ok()) return scaled.status();
    yuan[i] = *scaled;
  }
  yuan[1].unscaled = -yuan[1].unscaled;
  absl::StatusOr<ExactDecimal> difference = AddExact(yuan[0], yuan[1]);
  if (!difference.ok()) return difference.status();
  return difference->unscaled == 0;
}

struct ReportSum::Accumulators {
  const EditionPlan* plan = nullptr;
  // Per cell of the plan; only those of the cell's kind are used.
  std::vector<CountSum> counts;
  std::vector<AmountSum> amounts;
  std::vector<const google::protobuf::Message*> at;  // ForEachCell's scratch
};

ReportSum::ReportSum(v1::Edition edition, int year)
    : edition_(edition), year_(year), acc_(std::make_unique<Accumulators>()) {
  const v1::EditionFormat* format = format::FindEdition(edition);
  if (format == nullptr) {
    status_ = absl::InvalidArgumentError("aggregation needs a known edition");
    return;
  }
  acc_->plan = &PlanFor(*format);
  acc_->counts.resize(acc_->plan->cells.size());
  acc_->amounts.resize(acc_->plan->cells.size());
}

ReportSum::~ReportSum() = default;

void ReportSum::Add(const v1::AnnualReport& report) {
  if (!status_.ok()) return;
  ++inputs_;
  if (report.edition() != edition_ || report.year() != year_) {
    status_ = absl::InvalidArgumentError(
        absl::StrCat("input ", inputs_, " is a ", report.year(), " report of edition ",
                     v1::Edition_Name(report.edition()), "; expected ", year_, " and ",
                     v1::Edition_Name(edition_)));
    return;
  }
  // Each report's cells are walked once, along shared row prefixes, into
  // per-cell accumulators.
  const EditionPlan& plan = *acc_->plan;
  ForEachCell(plan, report, acc_->at, [&](size_t i, const google::protobuf::Message* cell) {
    const CellPlan& c = plan.cells[i];
    if (c.kind == v1::CELL_KIND_AMOUNT) {
      acc_->amounts[i].Add(static_cast<const v1::Amount*>(cell), c.path, c.header_unit);
    } else {
      acc_->counts[i].Add(static_cast<const v1::Count*>(cell));
    }
  });
}

absl::StatusOr<v1::AnnualReport> ReportSum::Finish() {
  if (!status_.ok()) return status_;
  const EditionPlan& plan = *acc_->plan;
  v1::AnnualReport sum;
  sum.set_year(year_);
  sum.set_edition(edition_);
  sum.set_aggregated(true);
  for (size_t i = 0; i < plan.cells.size(); ++i) {
    const CellPlan& c = plan.cells[i];
    if (c.kind == v1::CELL_KIND_AMOUNT) {
      v1::Amount out;
      bool blank = true;
      if (absl::Status st = acc_->amounts[i].Finish(c.header_unit, &out, &blank); !st.ok()) {
        return st;
      }
      if (!blank) format::MutableAt(&sum, c.chain)->CopyFrom(out);
      continue;
    }
    const CountSum& a = acc_->counts[i];
    if (a.overflow) return absl::OutOfRangeError(absl::StrCat("the sum of ", c.path, " overflows"));
    v1::Count out;
    if (!a.blank) {
      out.set_sign_style(a.sign_style);
      out.set_value(a.sum);
    } else if (std::optional<v1::BlankMark> mark = a.marks.Common()) {
      out.set_mark(*mark);
    } else {
      continue;  // blank in every input
    }
    format::MutableAt(&sum, c.chain)->CopyFrom(out);
  }
  return sum;
}

const WireFilter& ReportSum::Fields() {
  static const WireFilter* const fields = [] {
    auto* f = new WireFilter;
    f->Keep({v1::AnnualReport::kYearFieldNumber});
    f->Keep({v1::AnnualReport::kEditionFieldNumber});
    for (v1::Edition e : {v1::EDITION_2019_TRIAL, v1::EDITION_2021}) {
      for (const SummedCell& cell : SummedCells(e)) {
        std::vector<int> numbers;
        for (const auto* field : cell.chain) numbers.push_back(field->number());
        f->Keep(numbers);
      }
    }
    return f;
  }();
  return *fields;
}

absl::StatusOr<v1::AnnualReport> SumReports(const std::vector<const v1::AnnualReport*>& reports,
                                            v1::Edition edition, int year) {
  ReportSum sum(edition, year);
  for (const v1::AnnualReport* r : reports) {
    if (sum.failed()) break;
    sum.Add(*r);
  }
  return sum.Finish();
}

}  // namespace nianbao::collection
