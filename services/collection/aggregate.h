// Aggregation (汇总): the figures of a parent agency's summary report are the
// sums of its descendants' published reports, cell by cell, over every data
// cell the format definition lists for the edition (format::Cells) plus the
// 2021 edition's information processing fees. A pure function: the service
// decides which reports go in and stores what comes out.
//
// Counts are added with overflow checks; amounts are added exactly (see
// exact_decimal.h), converting 元/万元 where the inputs differ. A cell stays
// blank only where every input is blank (and keeps the mark, e.g. "/", when
// all inputs printed the same one); a blank beside figures counts as 0.
#ifndef NIANBAO_SERVICES_COLLECTION_AGGREGATE_H_
#define NIANBAO_SERVICES_COLLECTION_AGGREGATE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "format/field_path.h"
#include "format/format_definition.h"
#include "nianbao/v1/report.pb.h"
#include "services/collection/wire_filter.h"

namespace nianbao::collection {

// The sum of `reports` (all of `edition` and `year`) as a report with only
// year, edition, aggregated=true and the table figures set. INVALID_ARGUMENT
// when an input has another edition or year, or an amount's unit cannot be
// reconciled; OUT_OF_RANGE when a sum overflows.
absl::StatusOr<v1::AnnualReport> SumReports(const std::vector<const v1::AnnualReport*>& reports,
                                            v1::Edition edition, int year);

// SumReports fed one report at a time, so a caller reading reports from the
// store need not hold them all: each Add reads what it needs from the report,
// which may be reused or freed right after. Finish gives exactly what
// SumReports gives for the same reports in the same order, errors included.
class ReportSum {
 public:
  ReportSum(v1::Edition edition, int year);
  ~ReportSum();
  ReportSum(const ReportSum&) = delete;
  ReportSum& operator=(const ReportSum&) = delete;

  // Adds the next input. An input of another edition or year makes Finish
  // fail (the first such input is named); later inputs are then ignored.
  void Add(const v1::AnnualReport& report);
  // Whether Finish will fail whatever comes next (a wrong input was added or
  // the edition is unknown): the caller may stop reading.
  bool failed() const { return !status_.ok(); }
  // The sum of the inputs added so far; the object is spent afterwards.
  absl::StatusOr<v1::AnnualReport> Finish();

  // Every field of a report that Add reads (edition, year and the cells of
  // both editions): reports parsed with only these sum the same.
  static const WireFilter& Fields();

 private:
  struct Accumulators;
  v1::Edition edition_;
  int year_;
  int inputs_ = 0;
  absl::Status status_;
  std::unique_ptr<Accumulators> acc_;
};

// One figure aggregation sums: a table cell of the format definition, or
// one of the 2021 edition's processing fees (section 六, outside the tables).
struct SummedCell {
  std::string path;
  format::FieldChain chain;
  v1::CellKind kind = v1::CELL_KIND_COUNT;
  // The unit of an amount that states none (the column header's).
  v1::CurrencyUnit header_unit = v1::CURRENCY_UNIT_UNSPECIFIED;
  // The table cell; null for the processing fees.
  const format::CellRef* cell = nullptr;
};

// Every figure SumReports sums for `edition`, in the order of the format
// (empty for an unknown edition).
const std::vector<SummedCell>& SummedCells(v1::Edition edition);

// Whether two cells at the same place (Count or Amount of `kind`, null for
// absent) state the same figure: blank and marks such as "/" count as 0,
// amounts compare exactly after converting 万元 to 元. INVALID_ARGUMENT
// when an amount does not parse.
absl::StatusOr<bool> SameFigure(const google::protobuf::Message* a,
                                const google::protobuf::Message* b, v1::CellKind kind,
                                v1::CurrencyUnit header_unit);

}  // namespace nianbao::collection

#endif  // NIANBAO_SERVICES_COLLECTION_AGGREGATE_H_
