// The national format of the annual report, as data.
//
// For each edition (2019 trial, 2021) this says which sections and tables a
// report has, every table's blocks, rows and columns with their official
// labels, numbering and nesting, the header cells with their spans, and the
// AnnualReport field path of every data cell. The data is
// format/editions.textproto, compiled in; this header is the one way to read
// it. Validation messages, the document builder, renderers and importers all
// take their labels from here and spell none themselves.
#ifndef NIANBAO_FORMAT_FORMAT_DEFINITION_H_
#define NIANBAO_FORMAT_FORMAT_DEFINITION_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "nianbao/v1/format.pb.h"

namespace nianbao::format {

// One data cell of a table, with everything needed to find and label it.
struct CellRef {
  const v1::TableFormat* table = nullptr;
  const v1::TableBlock* block = nullptr;
  const v1::RowFormat* row = nullptr;
  const v1::ColumnFormat* column = nullptr;
  // Dotted path from the AnnualReport root, e.g.
  // "applications.results.disclosed.natural_person".
  std::string path;
  // The fields along `path`, resolved once, for fast reflection access.
  std::vector<const google::protobuf::FieldDescriptor*> fields;
};

// The whole definition, parsed and checked on first use. The data is compiled
// in and covered by tests; if it were malformed this aborts with the reason.
const v1::FormatDefinition& Definition();

// Parses `textproto` as a FormatDefinition and checks it: every field path
// resolves to a Count or Amount of the right kind, header cells lie inside
// their grid, data columns fill the grid, groups are followed by children.
absl::StatusOr<v1::FormatDefinition> ParseDefinition(absl::string_view textproto);

// The format of `edition`, or nullptr for EDITION_UNSPECIFIED and unknown
// values.
const v1::EditionFormat* FindEdition(v1::Edition edition);

// The edition that applies to reports of `year`: the 2019 trial edition for
// 2019 and 2020, the 2021 edition from 2021 on; EDITION_UNSPECIFIED before.
v1::Edition EditionForYear(int year);

// The table with `id` ("T2", "T3", "T4") in `edition`, or nullptr.
const v1::TableFormat* FindTable(const v1::EditionFormat& edition, absl::string_view id);

// The section that holds table `table_id`, or nullptr.
const v1::SectionFormat* FindSectionOfTable(const v1::EditionFormat& edition,
                                            absl::string_view table_id);

// "一、总体情况": the section's printed heading.
std::string SectionHeading(const v1::SectionFormat& section);

// "（一）予以公开": the row's number and label as printed.
std::string RowLabel(const v1::RowFormat& row);

// "申请人情况/法人或其他组织/商业企业": the column's header labels, outermost
// first, joined by '/'.
std::string ColumnLabel(const v1::ColumnFormat& column);

// Every data cell of `edition`: table by table, block by block, row by row,
// column by column (reading order). The returned vector lives forever.
const std::vector<CellRef>& Cells(const v1::EditionFormat& edition);

// The data cell of `edition` at `path`, or nullptr.
const CellRef* FindCell(const v1::EditionFormat& edition, absl::string_view path);

// Whether row `index` of `block` is a group row: one that labels the deeper
// rows directly after it and holds no figures (e.g. "（三）不予公开").
bool IsGroupRow(const v1::TableBlock& block, int index);

// The data cells of one row: those whose row is `row`, left to right.
std::vector<const CellRef*> RowCells(const v1::EditionFormat& edition, const v1::RowFormat& row);

}  // namespace nianbao::format

#endif  // NIANBAO_FORMAT_FORMAT_DEFINITION_H_
