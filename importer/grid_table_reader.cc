#include "importer/grid_table_reader.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "format/cell_text.h"
#include "format/format_definition.h"
#include "importer/diagnostics.h"
#include "importer/label_matcher.h"

namespace nianbao::importer {
namespace {

using Origin = std::pair<int, int>;

constexpr int kUnknownColumn = -2;

std::string Trimmed(const GridCell& c) { return std::string(format::TrimSpaces(c.text)); }

v1::Provenance At(const GridCell& c) {
  v1::Provenance p = AtLine(c.line, Trimmed(c));
  p.set_grid_row(c.row);
  p.set_grid_column(c.column);
  if (c.box.page() > 0) {  // PDF: page and box instead of a line
    *p.mutable_box() = c.box;
    p.clear_line();
  }
  return p;
}

// The distinct cells of a grid row (a spanning cell once), left to right.
std::vector<const GridCell*> Distinct(const std::vector<GridCell>& row) {
  std::vector<const GridCell*> out;
  std::set<Origin> seen;
  for (const GridCell& c : row) {
    if (seen.insert({c.row, c.column}).second) out.push_back(&c);
  }
  return out;
}

bool LooksLikeFigure(absl::string_view text) {
  if (format::TrimSpaces(text).empty()) return false;
  return format::ParseCount(text, v1::CELL_KIND_SIGNED_COUNT).ok() ||
         format::ParseAmount(text, v1::CURRENCY_UNIT_UNSPECIFIED).ok();
}

int ColumnIndex(const v1::TableBlock& block, const v1::ColumnFormat* column) {
  for (int i = 0; i < block.columns_size(); ++i) {
    if (&block.columns(i) == column) return i;
  }
  return -1;
}

// Reads the grids of one table, block after block.
class GridReading {
 public:
  GridReading(const v1::EditionFormat& edition, const v1::TableFormat& table, CellPlacer* placer,
              v1::ImportResult* result)
      : edition_(edition), table_(table), placer_(placer), result_(result) {}

  void Text(const SourceElement& e) {
    const std::string text(format::TrimSpaces(e.text));
    if (text.empty()) return;
    if (SwitchBlock(text)) return;
    if (!rows_started_ && MatchesCaption(table_, text)) return;
    v1::Provenance p = AtLine(e.line, text);
    p.set_table_id(table_.id());
    AddDiagnostic(result_, kTextSkipped, v1::SEVERITY_WARNING, "表格之间的文字未导入",
                  "text between the parts of a table is not imported", std::move(p));
  }

  void Grid(const importer::Grid& grid) {
    // A new grid starts its own header.
    header_rows_.clear();
    column_map_.clear();
    rows_started_ = false;
    for (size_t y = 0; y < grid.rows.size(); ++y) Row(grid.rows[y], static_cast<int>(y));
  }

 private:
  bool SwitchBlock(const std::string& text) {
    for (int j = rows_started_ ? block_ + 1 : block_; j < table_.blocks_size(); ++j) {
      if (MatchesBlockHeading(table_.blocks(j), text)) {
        block_ = j;
        next_row_ = 0;
        header_rows_.clear();
        column_map_.clear();
        rows_started_ = false;
        return true;
      }
    }
    return false;
  }

  const v1::TableBlock& block() const { return table_.blocks(block_); }

  bool MatchesAnyRow(const std::string& text) const {
    for (const v1::RowFormat& row : block().rows()) {
      if (MatchesRow(row, text)) return true;
    }
    return false;
  }

  void Row(const std::vector<GridCell>& row, int y) {
    std::vector<const GridCell*> cells;
    for (const GridCell* c : Distinct(row)) {
      if (!Trimmed(*c).empty()) cells.push_back(c);
    }
    if (cells.empty()) return;
    if (cells.size() == 1 && SwitchBlock(Trimmed(*cells[0]))) return;
    if (!rows_started_) {
      // A header row: labels only, at least one of them the block's, none a
      // row label. An unknown label in it (a renamed column) is reported when
      // the columns are mapped.
      bool any = false, other = false;
      for (const GridCell* c : cells) {
        if (MatchesHeader(block(), c->text)) {
          any = true;
        } else if (LooksLikeFigure(c->text) || MatchesAnyRow(c->text)) {
          other = true;
        }
      }
      if (any && !other) {
        header_rows_.push_back(&row);
        return;
      }
    }
    if (!rows_started_) MapColumns(row.size());
    rows_started_ = true;
    Body(row, y);
  }

  void MapColumns(size_t width) {
    column_map_.assign(width, -1);
    for (size_t c = 0; c < width; ++c) {
      std::vector<std::string> path;
      Origin last{-1, -1};
      for (const auto* h : header_rows_) {
        if (c >= h->size()) continue;
        const GridCell& cell = (*h)[c];
        if (Origin{cell.row, cell.column} == last) continue;
        last = {cell.row, cell.column};
        path.push_back(cell.text);
      }
      column_map_[c] = MatchColumn(block(), path);
    }
    // Unmatched columns right of the first data column are unknown data
    // columns (a renamed or added column), not row labels.
    bool data_seen = false;
    for (int& m : column_map_) {
      if (m >= 0) data_seen = true;
      if (m < 0 && data_seen) m = kUnknownColumn;
    }
    // Every data column of the format should be found.
    for (int k = 0; k < block().columns_size(); ++k) {
      bool found = false;
      for (int m : column_map_) found = found || m == k;
      if (!found) {
        v1::Provenance p;
        p.set_table_id(table_.id());
        p.set_column_label(format::ColumnLabel(block().columns(k)));
        AddDiagnostic(
            result_, kColumnUnknown, v1::SEVERITY_ERROR,
            absl::StrCat("未找到列“", format::ColumnLabel(block().columns(k)), "”，该列数值未导入"),
            "column not found in the table's header; its cells are not imported", std::move(p));
      }
    }
  }

  void Body(const std::vector<GridCell>& row, int y) {
    // Label cells: those over no data column, innermost (rightmost) first.
    std::vector<const GridCell*> labels;
    std::vector<const GridCell*> data;
    std::vector<const GridCell*> unknown;
    for (const GridCell* c : Distinct(row)) {
      const int m = c->column < static_cast<int>(column_map_.size()) ? column_map_[c->column] : -1;
      if (m >= 0) {
        data.push_back(c);
      } else if (m == kUnknownColumn) {
        if (!Trimmed(*c).empty() && c->row == y) unknown.push_back(c);
      } else if (!Trimmed(*c).empty()) {
        labels.insert(labels.begin(), c);
      }
    }
    for (const GridCell* c : unknown) {
      v1::Provenance p = At(*c);
      p.set_table_id(table_.id());
      placer_->Unplaced(c->text, std::move(p), "所在列不是格式规定的列",
                        "its column is not a column of the format");
    }
    int found = -1;
    for (const GridCell* label : labels) {
      for (int k = next_row_; k < block().rows_size() && found < 0; ++k) {
        if (MatchesRow(block().rows(k), label->text)) found = k;
      }
      if (found >= 0) break;
    }
    if (found < 0 && labels.empty()) {
      for (int k = next_row_; k < block().rows_size() && found < 0; ++k) {
        if (block().rows(k).label().empty()) found = k;
      }
    }
    if (found < 0) {
      std::vector<std::string> texts;
      for (const GridCell* l : labels) texts.push_back(Trimmed(*l));
      const GridCell& where = labels.empty() ? row.front() : *labels.front();
      v1::Provenance p = At(where);
      p.set_table_id(table_.id());
      p.set_text(absl::StrJoin(texts, " / "));
      AddDiagnostic(result_, kRowUnknown, v1::SEVERITY_WARNING,
                    "表格中出现格式未规定的行（如省级增设的行），其数值不导入",
                    "a row the format does not have (e.g. one added by a province); its figures "
                    "are not imported",
                    std::move(p));
      for (const GridCell* c : data) {
        if (Trimmed(*c).empty()) continue;
        v1::Provenance q = At(*c);
        q.set_table_id(table_.id());
        placer_->Unplaced(c->text, std::move(q), "所在行不是格式规定的行",
                          "its row is not a row of the format");
      }
      return;
    }
    next_row_ = found + 1;
    const v1::RowFormat& format_row = block().rows(found);
    // A figure where a label belongs, or no cell printed where a figure
    // belongs: the row does not line up with the header (a miscounted
    // rowspan, a missing cell). Which figure is which column is then a guess.
    bool aligned = true;
    for (const GridCell* l : labels) {
      if (l->row == y && LooksLikeFigure(l->text)) aligned = false;
    }
    for (const GridCell* d : data) aligned = aligned && !d->filler;
    if (!aligned) {
      v1::Provenance p = At(labels.empty() ? row.front() : *labels.front());
      p.set_table_id(table_.id());
      p.set_row_label(format::RowLabel(format_row));
      AddDiagnostic(result_, kRowMisaligned, v1::SEVERITY_ERROR,
                    "该行单元格与表头的列对不齐，无法确定各数值所属的列，整行未导入",
                    "the row's cells do not line up with the header's columns; cannot tell which "
                    "figure is which column, row not imported",
                    std::move(p));
      return;
    }
    if (format::IsGroupRow(block(), found)) return;
    placer_->TouchRow(table_, block(), format_row);
    for (const format::CellRef* ref : format::RowCells(edition_, format_row)) {
      const int k = ColumnIndex(block(), ref->column);
      int at = -1;
      for (size_t c = 0; c < column_map_.size() && at < 0; ++c) {
        if (column_map_[c] == k) at = static_cast<int>(c);
      }
      if (at < 0 || at >= static_cast<int>(row.size())) continue;  // reported in MapColumns
      const GridCell& cell = row[at];
      // The cell must lie in this row only and in this one data column only.
      bool certain = cell.row == y && cell.row_span == 1;
      for (int x = cell.column; x < cell.column + cell.column_span; ++x) {
        if (x < static_cast<int>(column_map_.size()) && column_map_[x] != k) certain = false;
      }
      v1::Provenance p = At(cell);
      if (!certain) {
        p = CellPlacer::Describe(*ref, std::move(p));
        placer_->Unplaced(cell.text, std::move(p), "单元格跨越多行或多列",
                          "the cell spans several rows or data columns");
        continue;
      }
      placer_->Place(*ref, cell.text, std::move(p));
    }
  }

  const v1::EditionFormat& edition_;
  const v1::TableFormat& table_;
  CellPlacer* placer_;
  v1::ImportResult* result_;
  int block_ = 0;
  int next_row_ = 0;
  bool rows_started_ = false;
  std::vector<const std::vector<GridCell>*> header_rows_;
  std::vector<int> column_map_;
};

}  // namespace

std::vector<std::string> GridTableReader::Texts(const SourceDocument& doc, size_t from,
                                                size_t to) const {
  std::vector<std::string> out;
  for (size_t i = from; i < to && i < doc.elements.size(); ++i) {
    const SourceElement& e = doc.elements[i];
    if (e.table < 0) {
      out.push_back(e.text);
      continue;
    }
    for (const auto& row : doc.tables[e.table].rows) {
      for (const GridCell* c : Distinct(row)) out.push_back(c->text);
    }
  }
  return out;
}

size_t GridTableReader::TableStart(const SourceDocument& doc, size_t from, size_t to,
                                   const v1::TableFormat& table) const {
  for (size_t i = from; i < to && i < doc.elements.size(); ++i) {
    const SourceElement& e = doc.elements[i];
    if (e.table >= 0) return i;
    // A block heading or the caption printed above the table's grid belongs
    // to the table.
    if (MatchesCaption(table, e.text)) return i;
    for (const v1::TableBlock& block : table.blocks()) {
      if (MatchesBlockHeading(block, e.text)) return i;
    }
  }
  return to;
}

void GridTableReader::Read(const SourceDocument& doc, size_t from, size_t to,
                           const v1::EditionFormat& edition, const v1::TableFormat& table,
                           CellPlacer* placer, v1::ImportResult* result) const {
  GridReading reading(edition, table, placer, result);
  for (size_t i = from; i < to && i < doc.elements.size(); ++i) {
    const SourceElement& e = doc.elements[i];
    if (e.table >= 0) {
      reading.Grid(doc.tables[e.table]);
    } else {
      reading.Text(e);
    }
  }
}

}  // namespace nianbao::importer
