#include "plugins/pdf/table_layout.h"

#include <algorithm>
#include <numeric>

#include "plugins/pdf/line_breaker.h"

namespace nianbao::pdf {
namespace {

constexpr double kEpsilon = 0.01;

bool IsData(const v1::TableCell& cell) { return cell.role() == v1::CELL_ROLE_UNSPECIFIED; }

// Column widths: the hints' proportions of `total`, each raised to what its
// single-column cells need, the extra taken from columns with room to spare.
std::vector<double> ColumnWidths(const std::vector<double>& weights,
                                 const std::vector<double>& minimum, double total) {
  const size_t n = weights.size();
  const double weight_sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<double> w(n);
  for (size_t i = 0; i < n; ++i) w[i] = total * weights[i] / weight_sum;
  for (int round = 0; round < 4; ++round) {
    double deficit = 0, slack = 0;
    for (size_t i = 0; i < n; ++i) {
      if (w[i] < minimum[i]) {
        deficit += minimum[i] - w[i];
        w[i] = minimum[i];
      } else {
        slack += w[i] - minimum[i];
      }
    }
    if (deficit <= kEpsilon || slack <= kEpsilon) break;
    const double take = std::min(1.0, deficit / slack);
    for (size_t i = 0; i < n; ++i) {
      if (w[i] > minimum[i]) w[i] -= (w[i] - minimum[i]) * take;
    }
  }
  return w;
}

// Width of a bracketed number such as "（三）" in `text`: labels are cut
// anywhere in narrow cells, but never inside their number.
double NumberingWidth(const std::u32string& text, const Font& font, double size) {
  double widest = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (!IsLineEndForbidden(text[i])) continue;
    size_t j = i + 1;
    while (j < text.size() && j - i < 5 && !IsLineStartForbidden(text[j])) ++j;
    if (j < text.size() && j - i < 5) {
      widest = std::max(widest, font.Width(text.substr(i, j - i + 1), size));
    }
  }
  return widest;
}

}  // namespace

TableGeometry MeasureTable(const v1::Table& table, const Font& font, const PageStyle& style) {
  TableGeometry g;
  const int rows = table.rows_size();
  int columns = table.columns_size();
  for (const v1::TableRow& row : table.rows()) {
    for (const v1::TableCell& cell : row.cells()) {
      columns = std::max(columns, cell.column() + std::max(cell.column_span(), 1));
    }
  }
  const double pad_x = style.cell_padding_x, pad_y = style.cell_padding_y;
  const double size = style.table_size;

  // Widths: hints, raised to one character for labels and the widest
  // figure for data columns.
  std::vector<double> weights(static_cast<size_t>(columns), 1), minimum(weights.size(), 0);
  for (int c = 0; c < table.columns_size(); ++c) {
    if (table.columns(c).weight() > 0) weights[static_cast<size_t>(c)] = table.columns(c).weight();
  }
  for (const v1::TableRow& row : table.rows()) {
    for (const v1::TableCell& cell : row.cells()) {
      if (std::max(cell.column_span(), 1) != 1) continue;
      double need = size;
      if (IsData(cell)) {
        need = font.Width(ToUtf32(cell.text()), size);
      } else {
        need = std::max(need, NumberingWidth(ToUtf32(cell.text()), font, size));
      }
      double& m = minimum[static_cast<size_t>(cell.column())];
      m = std::max(m, need + 2 * pad_x);
    }
  }
  const std::vector<double> widths = ColumnWidths(weights, minimum, style.text_width);
  g.column_x.assign(widths.size() + 1, 0);
  for (size_t i = 0; i < widths.size(); ++i) g.column_x[i + 1] = g.column_x[i] + widths[i];

  // Widest figure of each column, so figures line up on their right edge.
  std::vector<double> figure_width(widths.size(), 0);
  for (const v1::TableRow& row : table.rows()) {
    for (const v1::TableCell& cell : row.cells()) {
      if (!IsData(cell) || std::max(cell.column_span(), 1) != 1) continue;
      double& fw = figure_width[static_cast<size_t>(cell.column())];
      fw = std::max(fw, font.Width(ToUtf32(cell.text()), size));
    }
  }

  // Cells and their text.
  g.row_height.assign(static_cast<size_t>(rows), style.table_line + 2 * pad_y);
  for (int r = 0; r < rows; ++r) {
    for (const v1::TableCell& cell : table.rows(r).cells()) {
      CellBox box;
      box.cell = &cell;
      box.row = r;
      box.column = cell.column();
      box.row_span = std::clamp(cell.row_span(), 1, rows - r);
      box.column_span = std::clamp(cell.column_span(), 1, columns - cell.column());
      const double inner = g.column_x[static_cast<size_t>(box.column + box.column_span)] -
                           g.column_x[static_cast<size_t>(box.column)] - 2 * pad_x;
      TextStyle text_style;
      text_style.size = size;
      text_style.alignment =
          cell.alignment() == v1::ALIGNMENT_UNSPECIFIED ? v1::ALIGNMENT_START : cell.alignment();
      if (text_style.alignment == v1::ALIGNMENT_JUSTIFY) text_style.alignment = v1::ALIGNMENT_START;
      // Centred labels wrap into lines of even length ("不予/公开", not "不予公/开").
      text_style.balance = text_style.alignment == v1::ALIGNMENT_CENTER;
      const std::u32string text = ToUtf32(cell.text());
      if (IsData(cell) && box.column_span == 1 && text_style.alignment == v1::ALIGNMENT_CENTER) {
        // Right-aligned in a block as wide as the column's widest figure.
        const double fw = figure_width[static_cast<size_t>(box.column)];
        SetLine line;
        line.text = text;
        line.width = font.Width(text, size);
        line.x = (inner - fw) / 2 + (fw - line.width);
        if (!text.empty()) box.lines.push_back(std::move(line));
      } else {
        box.lines = SetText(text, font, text_style, inner);
      }
      box.needed_height = static_cast<double>(box.lines.size()) * style.table_line + 2 * pad_y;
      if (box.row_span == 1) {
        double& h = g.row_height[static_cast<size_t>(r)];
        h = std::max(h, box.needed_height);
      }
      g.cells.push_back(std::move(box));
    }
  }
  // Cells over several rows: spread what they lack over their rows.
  for (const CellBox& box : g.cells) {
    if (box.row_span == 1) continue;
    double have = 0;
    for (int r = box.row; r < box.row + box.row_span; ++r)
      have += g.row_height[static_cast<size_t>(r)];
    if (box.needed_height > have + kEpsilon) {
      const double add = (box.needed_height - have) / box.row_span;
      for (int r = box.row; r < box.row + box.row_span; ++r)
        g.row_height[static_cast<size_t>(r)] += add;
    }
  }

  // Where pages may break.
  g.header_rows = std::clamp(table.header_rows(), 0, rows);
  g.break_ok.assign(static_cast<size_t>(rows) + 1, false);
  for (int i = g.header_rows + 1; i < rows; ++i) {
    // A header or block-heading row keeps the row after it.
    g.break_ok[static_cast<size_t>(i)] = !table.rows(i - 1).header();
  }
  // Header cells spanning several rows hold those rows together.
  for (const CellBox& box : g.cells) {
    if (IsData(*box.cell) || box.cell->role() == v1::CELL_ROLE_ROW_HEADER) continue;
    for (int i = box.row + 1; i < box.row + box.row_span; ++i)
      g.break_ok[static_cast<size_t>(i)] = false;
  }
  if (g.header_rows == 0) {
    // Tables made of small blocks, each with its own heading and header
    // (table 2), break between blocks only.
    bool has_blocks = false;
    for (const v1::TableRow& row : table.rows()) has_blocks = has_blocks || row.block_start();
    if (has_blocks) {
      for (int i = 1; i < rows; ++i) {
        if (!table.rows(i).block_start()) g.break_ok[static_cast<size_t>(i)] = false;
      }
    }
  }
  return g;
}

double SliceHeight(const TableGeometry& g, const TableSlice& slice) {
  double h = 0;
  for (int r = 0; r < g.header_rows; ++r) h += g.row_height[static_cast<size_t>(r)];
  for (int r = slice.begin; r < slice.end; ++r) h += g.row_height[static_cast<size_t>(r)];
  return h;
}

double LeadHeight(const TableGeometry& g) {
  const int rows = static_cast<int>(g.row_height.size());
  int end = g.header_rows + 1;
  while (end < rows && !g.break_ok[static_cast<size_t>(end)]) ++end;
  return SliceHeight(g, {g.header_rows, std::min(end, rows)});
}

TableSlicing SliceTable(const TableGeometry& g, const double first_space, const double page_space) {
  TableSlicing out;
  const int rows = static_cast<int>(g.row_height.size());
  double header = 0;
  for (int r = 0; r < g.header_rows; ++r) header += g.row_height[static_cast<size_t>(r)];
  int pos = g.header_rows;
  double space = first_space;
  bool fresh_page = first_space >= page_space - kEpsilon;  // `space` is a whole page
  if (pos >= rows) {                                       // header only
    out.start_on_next_page = header > space + kEpsilon && !fresh_page;
    out.slices.push_back({pos, pos});
    return out;
  }
  while (pos < rows) {
    const double avail = space - header;
    int end = pos;
    double used = 0;
    while (end < rows && used + g.row_height[static_cast<size_t>(end)] <= avail + kEpsilon) {
      used += g.row_height[static_cast<size_t>(end)];
      ++end;
    }
    if (end == rows) {
      out.slices.push_back({pos, rows});
      break;
    }
    // Cells spanning rows across a break should show their text in the
    // part on this page.
    // Cells spanning rows across a break must show their text in one of
    // the two parts: the part on this page or the rest.
    auto spans_fit = [&](int b) {
      for (const CellBox& box : g.cells) {
        if (box.row < pos || box.row >= b || box.row + box.row_span <= b) continue;
        double here = 0, rest = 0;
        for (int r = box.row; r < b; ++r) here += g.row_height[static_cast<size_t>(r)];
        for (int r = b; r < box.row + box.row_span; ++r)
          rest += g.row_height[static_cast<size_t>(r)];
        if (here + kEpsilon < box.needed_height && rest + kEpsilon < box.needed_height) {
          return false;
        }
      }
      return true;
    };
    int cut = 0;
    for (int b = end; b > pos && cut == 0; --b) {
      if (g.break_ok[static_cast<size_t>(b)] && spans_fit(b)) cut = b;
    }
    for (int b = end; b > pos && cut == 0; --b) {
      if (g.break_ok[static_cast<size_t>(b)]) cut = b;
    }
    if (cut == 0 && !fresh_page && out.slices.empty()) {
      out.start_on_next_page = true;  // begin the table on a new page instead
    } else {
      // On a whole page with nothing that may stay together: cut where it
      // overflows.
      if (cut == 0) cut = std::max(end, pos + 1);
      out.slices.push_back({pos, cut});
      pos = cut;
    }
    space = page_space;
    fresh_page = true;
  }
  return out;
}

void PaintTableSlice(const TableGeometry& g, const TableSlice& slice, const PageStyle& style,
                     double x, double top, Page* page) {
  // Top edge of every row shown, in page coordinates; -1 when not shown.
  const int rows = static_cast<int>(g.row_height.size());
  std::vector<double> row_top(static_cast<size_t>(rows) + 1, -1);
  double y = top;
  auto show = [&](int r) {
    row_top[static_cast<size_t>(r)] = y;
    y -= g.row_height[static_cast<size_t>(r)];
  };
  for (int r = 0; r < g.header_rows; ++r) show(r);
  for (int r = slice.begin; r < slice.end; ++r) show(r);

  for (const CellBox& box : g.cells) {
    // The rows of this cell shown in this slice.
    int first = -1, last = -1;
    for (int r = box.row; r < box.row + box.row_span; ++r) {
      if (row_top[static_cast<size_t>(r)] < 0) continue;
      if (first < 0) first = r;
      last = r;
    }
    if (first < 0) continue;
    const double left = x + g.column_x[static_cast<size_t>(box.column)];
    const double right = x + g.column_x[static_cast<size_t>(box.column + box.column_span)];
    const double cell_top = row_top[static_cast<size_t>(first)];
    const double cell_bottom =
        row_top[static_cast<size_t>(last)] - g.row_height[static_cast<size_t>(last)];
    const double w = style.rule_width;
    page->rules.push_back({left, cell_top, right, cell_top, w});
    page->rules.push_back({left, cell_bottom, right, cell_bottom, w});
    page->rules.push_back({left, cell_top, left, cell_bottom, w});
    page->rules.push_back({right, cell_top, right, cell_bottom, w});
    // A cell cut by a page break shows its text in every part that can hold
    // it (the label is repeated under the repeated header).
    const double height = cell_top - cell_bottom;
    const bool whole = first == box.row && last == box.row + box.row_span - 1;
    if (!whole && height + kEpsilon < box.needed_height) continue;
    const double block = static_cast<double>(box.lines.size()) * style.table_line;
    double line_top = cell_top - std::max((height - block) / 2, style.cell_padding_y);
    for (const SetLine& line : box.lines) {
      TextRun run;
      run.face = Face::kBody;
      run.size = style.table_size;
      run.x = left + style.cell_padding_x + line.x;
      run.y = line_top - style.table_line / 2 - 0.35 * style.table_size;
      run.char_space = line.char_space;
      run.text = line.text;
      page->runs.push_back(std::move(run));
      line_top -= style.table_line;
    }
  }
}

}  // namespace nianbao::pdf
