#include "services/collection/aggregate.h"

#include <map>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "format/cell_text.h"
#include "format/field_path.h"
#include "format/format_definition.h"
#include "services/collection/exact_decimal.h"

namespace nianbao::collection {
namespace {

// The blank mark every input shares, if all inputs are marked the same way.
template <typename Cell>
std::optional<v1::BlankMark> CommonMark(const std::vector<const Cell*>& cells) {
  std::optional<v1::BlankMark> mark;
  for (const Cell* c : cells) {
    if (c == nullptr || c->content_case() != Cell::kMark) return std::nullopt;
    if (mark && *mark != c->mark()) return std::nullopt;
    mark = c->mark();
  }
  return mark;
}

absl::Status SumCounts(const std::vector<const v1::Count*>& cells, const std::string& path,
                       v1::Count* out, bool* blank) {
  *blank = true;
  int64_t sum = 0;
  for (const v1::Count* c : cells) {
    if (format::IsBlank(c)) continue;
    if (*blank) out->set_sign_style(c->sign_style());
    *blank = false;
    if (__builtin_add_overflow(sum, c->value(), &sum)) {
      return absl::OutOfRangeError(absl::StrCat("the sum of ", path, " overflows"));
    }
  }
  if (*blank) {
    std::optional<v1::BlankMark> mark = CommonMark(cells);
    if (mark) {
      out->set_mark(*mark);
      *blank = false;
    }
    return absl::OkStatus();
  }
  out->set_value(sum);
  return absl::OkStatus();
}

// Power of ten that turns an amount in `unit` into 元.
int PowerToYuan(v1::CurrencyUnit unit) { return unit == v1::CURRENCY_UNIT_WAN_YUAN ? 4 : 0; }

absl::Status SumAmounts(const std::vector<const v1::Amount*>& cells, const std::string& path,
                        v1::CurrencyUnit header_unit, v1::Amount* out, bool* blank) {
  std::vector<const v1::Amount*> figures;
  for (const v1::Amount* a : cells) {
    if (!format::IsBlank(a)) figures.push_back(a);
  }
  *blank = figures.empty();
  if (*blank) {
    std::optional<v1::BlankMark> mark = CommonMark(cells);
    if (mark) {
      out->set_mark(*mark);
      *blank = false;
    }
    return absl::OkStatus();
  }
  // The unit of the sum: the column header's if it states one, else the
  // inputs' common unit, else 元.
  bool same_unit = true;
  for (const v1::Amount* a : figures) same_unit &= a->unit() == figures[0]->unit();
  v1::CurrencyUnit unit = header_unit != v1::CURRENCY_UNIT_UNSPECIFIED ? header_unit
                          : same_unit                                  ? figures[0]->unit()
                                                                       : v1::CURRENCY_UNIT_YUAN;
  ExactDecimal sum;
  for (const v1::Amount* a : figures) {
    absl::StatusOr<ExactDecimal> d = ParseExactDecimal(a->decimal());
    if (!d.ok()) return absl::InvalidArgumentError(absl::StrCat(path, ": ", d.status().message()));
    // An amount without a unit is in the header's unit, if any.
    v1::CurrencyUnit from = a->unit() != v1::CURRENCY_UNIT_UNSPECIFIED ? a->unit() : header_unit;
    if (from != unit) {
      if (from == v1::CURRENCY_UNIT_UNSPECIFIED || unit == v1::CURRENCY_UNIT_UNSPECIFIED) {
        return absl::InvalidArgumentError(
            absl::StrCat(path, ": cannot add amounts with and without a currency unit"));
      }
      d = ScaleByPowerOfTen(*d, PowerToYuan(from) - PowerToYuan(unit));
      if (!d.ok()) return d.status();
    }
    absl::StatusOr<ExactDecimal> next = AddExact(sum, *d);
    if (!next.ok()) return absl::OutOfRangeError(absl::StrCat("the sum of ", path, " overflows"));
    sum = *next;
  }
  out->set_decimal(ExactDecimalText(sum));
  out->set_unit(unit);
  return absl::OkStatus();
}

// Sums the cell at `chain` (a Count or Amount) of every report into `sum`.
absl::Status SumCell(const std::vector<const v1::AnnualReport*>& reports,
                     const format::FieldChain& chain, const std::string& path, v1::CellKind kind,
                     v1::CurrencyUnit header_unit, v1::AnnualReport* sum) {
  bool blank = true;
  if (kind == v1::CELL_KIND_AMOUNT) {
    std::vector<const v1::Amount*> cells;
    for (const v1::AnnualReport* r : reports) cells.push_back(format::GetAs<v1::Amount>(*r, chain));
    v1::Amount out;
    if (absl::Status st = SumAmounts(cells, path, header_unit, &out, &blank); !st.ok()) return st;
    if (!blank) format::MutableAt(sum, chain)->CopyFrom(out);
  } else {
    std::vector<const v1::Count*> cells;
    for (const v1::AnnualReport* r : reports) cells.push_back(format::GetAs<v1::Count>(*r, chain));
    v1::Count out;
    if (absl::Status st = SumCounts(cells, path, &out, &blank); !st.ok()) return st;
    if (!blank) format::MutableAt(sum, chain)->CopyFrom(out);
  }
  return absl::OkStatus();
}

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

absl::StatusOr<v1::AnnualReport> SumReports(const std::vector<const v1::AnnualReport*>& reports,
                                            v1::Edition edition, int year) {
  if (format::FindEdition(edition) == nullptr) {
    return absl::InvalidArgumentError("aggregation needs a known edition");
  }
  for (size_t i = 0; i < reports.size(); ++i) {
    if (reports[i]->edition() != edition || reports[i]->year() != year) {
      return absl::InvalidArgumentError(
          absl::StrCat("input ", i + 1, " is a ", reports[i]->year(), " report of edition ",
                       v1::Edition_Name(reports[i]->edition()), "; expected ", year, " and ",
                       v1::Edition_Name(edition)));
    }
  }
  v1::AnnualReport sum;
  sum.set_year(year);
  sum.set_edition(edition);
  sum.set_aggregated(true);
  for (const SummedCell& cell : SummedCells(edition)) {
    if (absl::Status st =
            SumCell(reports, cell.chain, cell.path, cell.kind, cell.header_unit, &sum);
        !st.ok()) {
      return st;
    }
  }
  return sum;
}

}  // namespace nianbao::collection
