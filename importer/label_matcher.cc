#include "importer/label_matcher.h"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "importer/label_text.h"

namespace nianbao::importer {
namespace {

// Official labels are normalized once: matching runs for every printed label
// against every label of an edition. Keyed by the string's address (the
// format definition lives for the process) and checked against its text, so
// a label of a short-lived definition is normalized afresh, never mixed up.
const std::string& Official(const std::string& label) {
  struct Entry {
    std::string source;
    std::string normalized;
  };
  thread_local absl::flat_hash_map<const std::string*, Entry> cache;
  auto it = cache.find(&label);
  if (it == cache.end() || it->second.source != label) {
    it = cache.insert_or_assign(&label, Entry{label, NormalizeLabel(label)}).first;
  }
  return it->second.normalized;
}

const SplitLabel& OfficialRow(const v1::RowFormat& row) {
  struct Entry {
    std::string number, label;
    SplitLabel split;
  };
  thread_local absl::flat_hash_map<const v1::RowFormat*, Entry> cache;
  auto it = cache.find(&row);
  if (it == cache.end() || it->second.number != row.number() || it->second.label != row.label()) {
    it = cache
             .insert_or_assign(&row, Entry{row.number(), row.label(),
                                           SplitNumber(absl::StrCat(row.number(), row.label()))})
             .first;
  }
  return it->second.split;
}

}  // namespace

bool MatchesSectionHeading(const v1::SectionFormat& section, absl::string_view text) {
  const SplitLabel split = SplitNumber(text);
  if (split.number_kind != 'c' || split.number_key != section.number()) return false;
  if (split.rest == Official(section.title())) return true;
  for (const std::string& alias : section.title_aliases()) {
    if (split.rest == Official(alias)) return true;
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

namespace {

// The matchers on text normalized once by the caller.
bool BlockHeadingIs(const v1::TableBlock& block, const std::string& printed) {
  if (block.heading().empty() || printed.empty()) return false;
  const std::string& heading = Official(block.heading());
  return printed == heading || absl::StrCat("第", printed) == heading;
}

bool HeaderIs(const v1::TableBlock& block, const std::string& printed) {
  if (printed.empty()) return false;
  for (const v1::HeaderCell& cell : block.header()) {
    if (Official(cell.text()) == printed) return true;
  }
  for (const v1::ColumnFormat& column : block.columns()) {
    if (Official(column.label()) == printed) return true;
    for (const std::string& group : column.groups()) {
      if (Official(group) == printed) return true;
    }
  }
  return false;
}

bool RowIs(const v1::RowFormat& row, const SplitLabel& printed) {
  if (row.label().empty() || printed.rest.empty()) return false;
  const SplitLabel& official = OfficialRow(row);
  if (printed.number_kind != 0) {
    if (printed.number_key != official.number_key) return false;
    // "（一）" and "一、" are different levels of the table.
    if (printed.number_kind != official.number_kind) return false;
  }
  if (printed.rest == official.rest) return true;
  for (const std::string& alias : row.label_aliases()) {
    if (printed.rest == Official(alias)) return true;
  }
  return false;
}

}  // namespace

bool MatchesBlockHeading(const v1::TableBlock& block, absl::string_view text) {
  return BlockHeadingIs(block, NormalizeLabel(text));
}

bool MatchesHeader(const v1::TableBlock& block, absl::string_view text) {
  return HeaderIs(block, NormalizeLabel(text));
}

bool MatchesRow(const v1::RowFormat& row, absl::string_view text) {
  return RowIs(row, SplitNumber(text));
}

bool MatchesAnyLabel(const v1::TableFormat& table, absl::string_view text) {
  const std::string printed = NormalizeLabel(text);
  const SplitLabel split = SplitNumber(text);
  for (const v1::TableBlock& block : table.blocks()) {
    if (BlockHeadingIs(block, printed) || HeaderIs(block, printed)) return true;
    for (const v1::RowFormat& row : block.rows()) {
      if (RowIs(row, split)) return true;
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
    if (printed.back() != Official(column.label())) continue;
    // Every printed group must be one of the column's groups, in order.
    int g = 0;
    bool ok = true;
    for (size_t i = 0; i + 1 < printed.size() && ok; ++i) {
      while (g < column.groups_size() && Official(column.groups(g)) != printed[i]) ++g;
      if (g == column.groups_size()) ok = false;
      ++g;
    }
    if (!ok) continue;
    if (found >= 0) return -1;  // ambiguous: e.g. 总计 under no group in table 4
    found = c;
  }
  return found;
}

bool MatchesCaption(const v1::TableFormat& table, absl::string_view text) {
  return !table.caption().empty() && NormalizeLabel(text) == NormalizeLabel(table.caption());
}

}  // namespace nianbao::importer
