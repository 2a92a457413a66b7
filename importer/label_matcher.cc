#include "importer/label_matcher.h"

#include "absl/strings/str_cat.h"
#include "importer/label_text.h"

namespace nianbao::importer {

bool MatchesSectionHeading(const v1::SectionFormat& section, absl::string_view text) {
  const SplitLabel split = SplitNumber(text);
  if (split.number_kind != 'c' || split.number_key != section.number()) return false;
  if (split.rest == NormalizeLabel(section.title())) return true;
  for (const std::string& alias : section.title_aliases()) {
    if (split.rest == NormalizeLabel(alias)) return true;
  }
  return false;
}

const v1::SectionFormat* MatchSectionHeading(const v1::EditionFormat& edition,
                                             absl::string_view text) {
  for (const v1::SectionFormat& section : edition.sections()) {
    if (MatchesSectionHeading(section, text)) return &section;
  }
  return nullptr;
}

bool MatchesBlockHeading(const v1::TableBlock& block, absl::string_view text) {
  if (block.heading().empty()) return false;
  const std::string heading = NormalizeLabel(block.heading());
  const std::string printed = NormalizeLabel(text);
  return !printed.empty() && (printed == heading || absl::StrCat("第", printed) == heading);
}

bool MatchesHeader(const v1::TableBlock& block, absl::string_view text) {
  const std::string printed = NormalizeLabel(text);
  if (printed.empty()) return false;
  for (const v1::HeaderCell& cell : block.header()) {
    if (NormalizeLabel(cell.text()) == printed) return true;
  }
  for (const v1::ColumnFormat& column : block.columns()) {
    if (NormalizeLabel(column.label()) == printed) return true;
    for (const std::string& group : column.groups()) {
      if (NormalizeLabel(group) == printed) return true;
    }
  }
  return false;
}

bool MatchesRow(const v1::RowFormat& row, absl::string_view text) {
  if (row.label().empty()) return false;
  const SplitLabel printed = SplitNumber(text);
  if (printed.rest.empty()) return false;
  const SplitLabel official = SplitNumber(absl::StrCat(row.number(), row.label()));
  if (printed.number_kind != 0) {
    if (printed.number_key != official.number_key) return false;
    // "（一）" and "一、" are different levels of the table.
    if (printed.number_kind != official.number_kind) return false;
  }
  if (printed.rest == official.rest) return true;
  for (const std::string& alias : row.label_aliases()) {
    if (printed.rest == NormalizeLabel(alias)) return true;
  }
  return false;
}

bool MatchesAnyLabel(const v1::TableFormat& table, absl::string_view text) {
  for (const v1::TableBlock& block : table.blocks()) {
    if (MatchesBlockHeading(block, text) || MatchesHeader(block, text)) return true;
    for (const v1::RowFormat& row : block.rows()) {
      if (MatchesRow(row, text)) return true;
    }
  }
  return false;
}

int MatchColumn(const v1::TableBlock& block, const std::vector<std::string>& header_path) {
  std::vector<std::string> printed;
  for (const std::string& h : header_path) {
    std::string n = NormalizeLabel(h);
    // A header cell spanning several levels repeats in the path; keep one.
    if (!n.empty() && (printed.empty() || printed.back() != n)) printed.push_back(std::move(n));
  }
  if (printed.empty()) return -1;
  int found = -1;
  for (int c = 0; c < block.columns_size(); ++c) {
    const v1::ColumnFormat& column = block.columns(c);
    if (printed.back() != NormalizeLabel(column.label())) continue;
    // Every printed group must be one of the column's groups, in order.
    int g = 0;
    bool ok = true;
    for (size_t i = 0; i + 1 < printed.size() && ok; ++i) {
      while (g < column.groups_size() && NormalizeLabel(column.groups(g)) != printed[i]) ++g;
      if (g == column.groups_size()) ok = false;
      ++g;
    }
    if (!ok) continue;
    if (found >= 0) return -1;  // ambiguous: e.g. 总计 under no group in table 4
    found = c;
  }
  return found;
}

}  // namespace nianbao::importer
