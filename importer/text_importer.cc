#include "importer/text_importer.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "format/cell_text.h"
#include "format/format_definition.h"
#include "importer/box_table.h"
#include "importer/diagnostics.h"
#include "importer/flattened_cells.h"
#include "importer/grid_table_reader.h"
#include "importer/label_matcher.h"

namespace nianbao::importer {
namespace {

bool Blank(const SourceDocument& doc, size_t i) {
  return format::TrimSpaces(doc.elements[i].text).empty();
}

// A run of consecutive non-blank lines: one label, possibly broken across
// lines ("本年新\n制作数量").
struct Unit {
  size_t first = 0, last = 0;
  std::string text;
};

Unit UnitAt(const SourceDocument& doc, size_t first, size_t to) {
  Unit u{first, first, ""};
  std::vector<absl::string_view> parts;
  for (size_t i = first; i < to && !Blank(doc, i); ++i) {
    parts.push_back(format::TrimSpaces(doc.elements[i].text));
    u.last = i;
  }
  u.text = absl::StrJoin(parts, "\n");
  return u;
}

bool LooksLikeFigure(absl::string_view text) {
  if (format::TrimSpaces(text).empty()) return false;
  return format::ParseCount(text, v1::CELL_KIND_SIGNED_COUNT).ok() ||
         format::ParseAmount(text, v1::CURRENCY_UNIT_UNSPECIFIED).ok();
}

}  // namespace

SourceDocument TextLines(absl::string_view text) {
  absl::ConsumePrefix(&text, "\xEF\xBB\xBF");
  SourceDocument doc;
  size_t n = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    absl::ConsumeSuffix(&line, "\r");
    doc.elements.push_back({std::string(line), n++, -1, {}, {}});
  }
  // A final newline does not start another line.
  if (!doc.elements.empty() && doc.elements.back().text.empty() && absl::EndsWith(text, "\n")) {
    doc.elements.pop_back();
  }
  return doc;
}

std::vector<std::string> FlatTextTableReader::Texts(const SourceDocument& doc, size_t from,
                                                    size_t to) const {
  std::vector<std::string> out;
  for (size_t i = from; i < to;) {
    if (Blank(doc, i)) {
      ++i;
      continue;
    }
    Unit u = UnitAt(doc, i, to);
    out.push_back(u.text);
    i = u.last + 1;
  }
  return out;
}

size_t FlatTextTableReader::TableStart(const SourceDocument& doc, size_t from, size_t to,
                                       const v1::TableFormat& table) const {
  for (size_t i = from; i < to;) {
    if (Blank(doc, i)) {
      ++i;
      continue;
    }
    Unit u = UnitAt(doc, i, to);
    if (MatchesAnyLabel(table, u.text)) return u.first;
    i = u.last + 1;
  }
  return to;
}

void FlatTextTableReader::Read(const SourceDocument& doc, size_t from, size_t to,
                               const v1::EditionFormat& edition, const v1::TableFormat& table,
                               CellPlacer* placer, v1::ImportResult* result) const {
  std::vector<std::string> lines;
  lines.reserve(doc.elements.size());
  for (const SourceElement& e : doc.elements) lines.push_back(e.text);

  const int block_count = table.blocks_size();
  int b = 0;  // current block
  int r = 0;  // next row of the block to look for
  bool rows_started = false;
  auto line_of = [&](size_t i) { return doc.elements[i].line; };

  // Reads row `k` of block `b` whose first cell is on line `first`; returns
  // the line after the row, or `first` when the row did not fit.
  auto read_row = [&](int k, size_t first, size_t label_line) -> size_t {
    const v1::TableBlock& block = table.blocks(b);
    const v1::RowFormat& row = block.rows(k);
    const auto cells = format::RowCells(edition, row);
    const FlatRow flat = ReadFlattenedCells(lines, first, cells.size(), to);
    bool fits = flat.cells.size() == cells.size();
    for (const FlatCell& c : flat.cells) {
      if (!c.text.empty() && !LooksLikeFigure(c.text) && MatchesAnyLabel(table, c.text)) {
        fits = false;  // the next row's label where a cell should be: row cut short
      }
    }
    if (fits && flat.next < to && LooksLikeFigure(lines[flat.next])) {
      fits = false;  // a figure right after the last cell: the row has more cells
    }
    if (!fits) {
      v1::Provenance p = AtLine(line_of(label_line), lines[label_line]);
      p.set_table_id(table.id());
      p.set_row_label(format::RowLabel(row));
      AddDiagnostic(result, kRowMisaligned, v1::SEVERITY_ERROR,
                    absl::StrCat("该行的单元格数与格式（", cells.size(),
                                 "列）不符，无法确定各数值所属的列，整行未导入"),
                    absl::StrCat("the row's lines do not hold its ", cells.size(),
                                 " cells; cannot tell which figure is which column, row not "
                                 "imported"),
                    std::move(p));
      return first;
    }
    placer->TouchRow(table, block, row);
    for (size_t c = 0; c < cells.size(); ++c) {
      placer->Place(*cells[c], flat.cells[c].text, AtLine(line_of(flat.cells[c].line)));
    }
    return flat.next;
  };

  for (size_t pos = from; pos < to;) {
    if (Blank(doc, pos)) {
      ++pos;
      continue;
    }
    const Unit u = UnitAt(doc, pos, to);
    // A block heading (table 2's 第二十条 items), this block's or a later one.
    int heading = -1;
    for (int j = b; j < block_count && heading < 0; ++j) {
      if (MatchesBlockHeading(table.blocks(j), u.text)) heading = j;
    }
    if (heading >= 0) {
      b = heading;
      r = 0;
      rows_started = false;
      pos = u.last + 1;
      continue;
    }
    const v1::TableBlock& block = table.blocks(b);
    if (!rows_started && MatchesHeader(block, u.text)) {
      pos = u.last + 1;
      continue;
    }
    // A row label of this block, at or after the next expected row.
    int row = -1;
    for (int k = r; k < block.rows_size() && row < 0; ++k) {
      if (MatchesRow(block.rows(k), u.text)) row = k;
    }
    if (row >= 0) {
      rows_started = true;
      r = row + 1;
      if (format::IsGroupRow(block, row)) {
        pos = u.last + 1;
        continue;
      }
      // The label's own separator line, then the cells.
      const size_t after = read_row(row, u.last + 2, u.first);
      pos = after == u.last + 2 ? u.last + 1 : after;
      continue;
    }
    // A table without row labels (table 4): its figures follow the header.
    int unlabeled = -1;
    for (int k = r; k < block.rows_size() && unlabeled < 0; ++k) {
      if (block.rows(k).label().empty()) unlabeled = k;
    }
    if (unlabeled >= 0 && LooksLikeFigure(u.text) && u.first == u.last) {
      rows_started = true;
      r = unlabeled + 1;
      const size_t after = read_row(unlabeled, u.first, u.first);
      if (after != u.first) {
        pos = after;
        continue;
      }
    }
    if (LooksLikeFigure(u.text)) {
      v1::Provenance p = AtLine(line_of(u.first));
      p.set_table_id(table.id());
      placer->Unplaced(u.text, std::move(p), "不在格式规定的任何一行之下",
                       "not under any row of the format");
    } else {
      v1::Provenance p = AtLine(line_of(u.first), u.text);
      p.set_table_id(table.id());
      AddDiagnostic(result, kRowUnknown, v1::SEVERITY_WARNING,
                    "表格中出现格式未规定的内容（如省级增设的行），其数值不导入",
                    "text in the table that the format does not have (e.g. a row added by a "
                    "province); its figures are not imported",
                    std::move(p));
    }
    pos = u.last + 1;
  }
}

SourceDocument BoxTextDocument(const SourceDocument& lines) {
  SourceDocument doc;
  const auto& in = lines.elements;
  for (size_t i = 0; i < in.size();) {
    if (Blank(lines, i)) {
      ++i;
      continue;
    }
    size_t j = i;
    if (IsBoxLine(in[i].text)) {
      std::vector<std::string> drawing;
      for (; j < in.size() && IsBoxLine(in[j].text); ++j) drawing.push_back(in[j].text);
      Grid grid = ParseBoxTable(drawing, in[i].line);
      SourceElement e;
      e.line = in[i].line;
      e.table = static_cast<int>(doc.tables.size());
      doc.tables.push_back(std::move(grid));
      doc.elements.push_back(std::move(e));
      i = j;
      continue;
    }
    // A paragraph wrapped over several lines: joined without a separator
    // (Chinese has no spaces between words), except between two Latin
    // letters or digits, where the wrap took a space.
    std::string text;
    for (; j < in.size() && !Blank(lines, j) && !IsBoxLine(in[j].text); ++j) {
      const std::string part(format::TrimSpaces(in[j].text));
      if (!text.empty() && absl::ascii_isalnum(static_cast<unsigned char>(text.back())) &&
          absl::ascii_isalnum(static_cast<unsigned char>(part.front()))) {
        text += ' ';
      }
      text += part;
    }
    doc.elements.push_back({text, in[i].line, -1, {}, {}});
    i = j;
  }
  return doc;
}

absl::StatusOr<v1::ImportResult> ImportText(absl::string_view text) {
  SourceDocument lines = TextLines(text);
  for (const SourceElement& e : lines.elements) {
    if (IsBoxLine(e.text)) {
      return Assemble(BoxTextDocument(lines), GridTableReader(), v1::SOURCE_FORMAT_TEXT);
    }
  }
  return Assemble(lines, FlatTextTableReader(), v1::SOURCE_FORMAT_TEXT);
}

}  // namespace nianbao::importer
