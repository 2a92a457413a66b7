// Matching printed text against the official labels of the format
// definition: section headings (with their 条例-worded aliases), block
// headings of table 2 ("第二十条第（一）项", also without the leading 第),
// header cells, row labels with or without their number and with their
// aliases. Everything compared goes through NormalizeLabel, so spacing, line
// breaks and full/half-width punctuation do not matter. No label is spelled
// here: they all come from format/editions.textproto.
#ifndef NIANBAO_IMPORTER_LABEL_MATCHER_H_
#define NIANBAO_IMPORTER_LABEL_MATCHER_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "nianbao/v1/format.pb.h"

namespace nianbao::importer {

// Whether `text` is the heading of `section`: its number ("一、", "一.")
// followed by its title or one of its title_aliases.
bool MatchesSectionHeading(const v1::SectionFormat& section, absl::string_view text);

// The section of `edition` whose heading `text` is, or nullptr.
const v1::SectionFormat* MatchSectionHeading(const v1::EditionFormat& edition,
                                             absl::string_view text);

// Whether `text` is the heading of `block` (table 2's "第二十条第（一）项";
// scraped pages sometimes lose the leading "第").
bool MatchesBlockHeading(const v1::TableBlock& block, absl::string_view text);

// Whether `text` is one of `block`'s header cells or column labels.
bool MatchesHeader(const v1::TableBlock& block, absl::string_view text);

// Whether `text` is `row`'s label: number and label, or the label alone, or
// one of its label_aliases. A printed number must be the row's number.
bool MatchesRow(const v1::RowFormat& row, absl::string_view text);

// Whether `text` is any label of `table`: a block heading, header cell or
// row label.
// Whether `text` is the table's caption ("主动公开政府信息情况"), as printers
// that turn <caption> into a paragraph above the table print it.
bool MatchesCaption(const v1::TableFormat& table, absl::string_view text);

bool MatchesAnyLabel(const v1::TableFormat& table, absl::string_view text);

// The data column of `block` described by `header_path` — the header texts
// above a grid column, outermost first (e.g. {"申请人情况", "法人或其他组织",
// "商业企业"}). The leaf must be the column's label; the groups printed must
// be the column's groups (some may be missing). -1 when no column or more
// than one matches.
int MatchColumn(const v1::TableBlock& block, const std::vector<std::string>& header_path);

}  // namespace nianbao::importer

#endif  // NIANBAO_IMPORTER_LABEL_MATCHER_H_
