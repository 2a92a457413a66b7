#include "importer/borderless_table.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <string>

#include "absl/strings/str_join.h"
#include "format/cell_text.h"
#include "importer/label_matcher.h"
#include "importer/label_text.h"

namespace nianbao::importer {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kCentreTolerance = 1.0;  // points: one x centre (a cut cell's parts)

// A cell: runs stacked at line pitch. Its box is the union of its lines on
// its page.
struct Cell {
  std::vector<TextRun> lines;
  std::vector<std::string> continued;  // text of its part on the next page
  int page = 0;
  double x = 0, y = 0, right = 0, bottom = 0;
  bool dropped = false;

  void Add(const TextRun& r) {
    if (lines.empty()) {
      page = r.page, x = r.x, y = r.y, right = r.right(), bottom = r.bottom();
    } else {
      x = std::min(x, r.x), y = std::min(y, r.y);
      right = std::max(right, r.right()), bottom = std::max(bottom, r.bottom());
    }
    lines.push_back(r);
  }
  std::string Text() const {
    std::vector<std::string> parts;
    for (const TextRun& l : lines) parts.push_back(l.text);
    for (const std::string& c : continued) parts.push_back(c);
    return absl::StrJoin(parts, "\n");
  }
  double cx() const { return (x + right) / 2; }
  double cy() const { return (y + bottom) / 2; }
  bool OverlapsVertically(const Cell& o) const { return o.y < bottom && o.bottom > y; }
};

v1::PageBox Box(int page, double x, double y, double right, double bottom) {
  auto r = [](double v) { return std::round(v * 10) / 10; };
  v1::PageBox b;
  b.set_page(page);
  b.set_x(r(x));
  b.set_y(r(y));
  b.set_width(r(right - x));
  b.set_height(r(bottom - y));
  return b;
}

v1::PageBox Box(const Cell& c) { return Box(c.page, c.x, c.y, c.right, c.bottom); }

bool LooksLikeFigure(const std::string& text);

bool AsciiAlnum(char c) { return static_cast<unsigned char>(c) < 0x80 && std::isalnum(c); }

// Runs of one line closer than cell padding, joined where they are one
// cell's text: a figure with its sign or unit ("减" "75", "14957.701682"
// "万元") or words of a label; never a label with the figure beside it, two
// figures or two labels of the table.
std::vector<TextRun> JoinRuns(std::vector<TextRun> runs, const v1::TableFormat& table) {
  // Runs arrive line by line, each line left to right: neighbours on a line
  // are consecutive.
  std::vector<TextRun> out;
  for (TextRun& r : runs) {
    if (!out.empty()) {
      TextRun& a = out.back();
      const double h = std::max(a.height, r.height);
      const bool close = a.page == r.page && std::abs(a.center_y() - r.center_y()) < 0.3 * h &&
                         r.x >= a.right() - 0.1 * h && r.x - a.right() <= 0.35 * h;
      const std::string tight = a.text + r.text;
      const bool a_figure = LooksLikeFigure(a.text), r_figure = LooksLikeFigure(r.text);
      // Two figures, or two labels, side by side are two cells.
      const bool figure = LooksLikeFigure(tight) && !(a_figure && r_figure);
      const bool words = !a_figure && !r_figure && !MatchesAnyLabel(table, a.text) &&
                         !MatchesAnyLabel(table, r.text);
      if (close && (figure || words)) {
        a.text = !figure && AsciiAlnum(a.text.back()) && AsciiAlnum(r.text.front())
                     ? a.text + " " + r.text
                     : tight;
        const double y = std::min(a.y, r.y), bottom = std::max(a.bottom(), r.bottom());
        a.width = r.right() - a.x;
        a.y = y;
        a.height = bottom - y;
        continue;
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

// Whether `text` is the caption or a block heading: a line of its own over
// the whole table, never part of the cell below it.
bool SpansTable(const v1::TableFormat& table, const std::string& text) {
  if (MatchesCaption(table, text)) return true;
  for (const v1::TableBlock& block : table.blocks()) {
    if (MatchesBlockHeading(block, text)) return true;
  }
  return false;
}

// Runs stacked into cells: a run just below a cell's last line (the gap less
// than half a line) and overlapping it horizontally is its next line.
std::vector<Cell> StackCells(std::vector<TextRun> runs, const v1::TableFormat& table) {
  std::stable_sort(runs.begin(), runs.end(), [](const TextRun& a, const TextRun& b) {
    return a.page != b.page ? a.page < b.page : a.y != b.y ? a.y < b.y : a.x < b.x;
  });
  std::vector<Cell> cells;
  std::vector<bool> closed;
  for (const TextRun& r : runs) {
    int best = -1;
    double best_overlap = 0;
    const bool spans = SpansTable(table, r.text);
    for (size_t i = 0; i < cells.size() && !spans; ++i) {
      const Cell& c = cells[i];
      if (c.page != r.page || closed[i]) continue;
      const TextRun& last = c.lines.back();
      const double h = std::max(last.height, r.height);
      if (r.y <= last.y + 0.5 * h || r.y - last.bottom() > 0.5 * h) continue;
      const double overlap = std::min(r.right(), last.right()) - std::max(r.x, last.x);
      if (overlap > best_overlap) {
        best = static_cast<int>(i);
        best_overlap = overlap;
      }
    }
    if (best >= 0) {
      cells[best].Add(r);
    } else {
      cells.emplace_back();
      cells.back().Add(r);
      closed.push_back(spans);
    }
  }
  std::stable_sort(cells.begin(), cells.end(), [](const Cell& a, const Cell& b) {
    return a.page != b.page ? a.page < b.page : a.y != b.y ? a.y < b.y : a.x < b.x;
  });
  return cells;
}

bool IsColumnLabel(const v1::ColumnFormat& column, const std::string& text) {
  return NormalizeLabel(text) == NormalizeLabel(column.label());
}

bool IsAnyColumnLabel(const v1::TableBlock& block, const std::string& text) {
  for (const v1::ColumnFormat& c : block.columns()) {
    if (IsColumnLabel(c, text)) return true;
  }
  return false;
}

bool IsRowLabel(const v1::TableBlock& block, const std::string& text) {
  for (const v1::RowFormat& row : block.rows()) {
    if (MatchesRow(row, text)) return true;
  }
  return false;
}

bool LooksLikeFigure(const std::string& text) {
  return format::ParseCount(text, v1::CELL_KIND_SIGNED_COUNT).ok() ||
         format::ParseAmount(text, v1::CURRENCY_UNIT_UNSPECIFIED).ok();
}

// One block of the table: its heading (if printed) and its cells.
struct Segment {
  int block = 0;
  const Cell* heading = nullptr;
  std::vector<Cell*> cells;
};

// Rebuilds one block's grid.
class BlockBuilder {
 public:
  struct Row {
    const Cell* label;
    std::vector<const Cell*> data;
  };

  BlockBuilder(const v1::TableBlock& block, std::vector<Cell*> cells)
      : block_(block), cells_(std::move(cells)) {}

  Grid Build() {
    SplitHeader();
    FindColumns();
    JoinCutCells();
    FindRows();
    return MakeGrid();
  }

 private:
  // The header: the cells at the block's top that are its header labels. A
  // continuation page repeats them above the body: they are dropped there.
  void SplitHeader() {
    size_t i = 0;
    while (i < cells_.size() && cells_[i]->page == cells_.front()->page &&
           MatchesHeader(block_, cells_[i]->Text())) {
      header_.push_back(cells_[i++]);
    }
    int page = header_.empty() ? -1 : header_.front()->page;
    bool repeating = false;
    for (; i < cells_.size(); ++i) {
      Cell* c = cells_[i];
      if (c->page != page) {
        page = c->page;
        repeating = true;
      }
      if (repeating && MatchesHeader(block_, c->Text())) continue;
      repeating = false;
      body_.push_back(c);
    }
  }

  // Leaves left to right; label leaves before the first column label.
  void FindColumns() {
    for (const Cell* h : header_) {
      bool leaf = true;
      for (const Cell* o : header_) {
        if (o != h && o->y >= h->bottom && o->x < h->right && o->right > h->x) leaf = false;
      }
      (leaf ? leaves_ : groups_).push_back(h);
    }
    std::stable_sort(leaves_.begin(), leaves_.end(),
                     [](const Cell* a, const Cell* b) { return a->x < b->x; });
    size_t first = 0;
    while (first < leaves_.size() && !IsAnyColumnLabel(block_, leaves_[first]->Text())) ++first;
    label_leaves_.assign(leaves_.begin(), leaves_.begin() + first);
    data_leaves_.assign(leaves_.begin() + first, leaves_.end());
    data_start_ = label_leaves_.empty() ? -kInf : label_leaves_.back()->right;
    const size_t m = data_leaves_.size();
    for (size_t k = 0; k < m; ++k) {
      lo_.push_back(k == 0 ? data_start_ : data_leaves_[k - 1]->right);
      hi_.push_back(k + 1 == m ? kInf : data_leaves_[k + 1]->x);
    }
    // Header paths: the printed groups over a leaf, checked against the
    // format: in order, every leaf is its column's label, and each printed
    // group lies over the leaves of the columns it groups.
    paths_.assign(m, {});
    bool order = static_cast<int>(m) == block_.columns_size();
    for (size_t k = 0; k < m && order; ++k) {
      order = IsColumnLabel(block_.columns(static_cast<int>(k)), data_leaves_[k]->Text());
    }
    std::vector<std::vector<const Cell*>> over(m);
    for (const Cell* g : groups_) {
      if (!order) break;
      const std::string name = NormalizeLabel(g->Text());
      size_t first_k = m, last_k = 0;
      for (size_t k = 0; k < m; ++k) {
        for (const std::string& group : block_.columns(static_cast<int>(k)).groups()) {
          if (NormalizeLabel(group) == name) {
            first_k = std::min(first_k, k);
            last_k = std::max(last_k, k);
          }
        }
      }
      if (first_k == m || g->cx() < data_leaves_[first_k]->x ||
          g->cx() > data_leaves_[last_k]->right) {
        order = false;
        break;
      }
      for (size_t k = first_k; k <= last_k; ++k) over[k].push_back(g);
    }
    for (size_t k = 0; k < m; ++k) {
      if (order) {
        std::stable_sort(over[k].begin(), over[k].end(),
                         [](const Cell* a, const Cell* b) { return a->y < b->y; });
        for (const Cell* g : over[k]) paths_[k].push_back(g);
      }
      paths_[k].push_back(data_leaves_[k]);
    }
  }

  bool InLabelArea(const Cell& c) const { return !label_leaves_.empty() && c.x < data_start_; }

  // A label cell cut by a page break: its rest is the first cell at its x
  // centre on the next page and is no row label by itself.
  void JoinCutCells() {
    for (size_t i = 0; i < body_.size(); ++i) {
      Cell* c = body_[i];
      if (!InLabelArea(*c) || IsRowLabel(block_, c->Text()) || LooksLikeFigure(c->Text())) {
        continue;
      }
      bool first_at_centre = true;
      Cell* previous = nullptr;
      for (size_t j = 0; j < i; ++j) {
        Cell* o = body_[j];
        if (o->dropped || !InLabelArea(*o) || std::abs(o->cx() - c->cx()) > kCentreTolerance) {
          continue;
        }
        if (o->page == c->page) first_at_centre = false;
        if (o->page + 1 == c->page) previous = o;
      }
      if (!first_at_centre || previous == nullptr) continue;
      for (const TextRun& l : c->lines) previous->continued.push_back(l.text);
      c->dropped = true;
    }
  }

  void FindRows() {
    std::vector<const Cell*> labels, data;
    for (const Cell* c : body_) {
      if (c->dropped) continue;
      (InLabelArea(*c) ? labels : data).push_back(c);
    }
    // Innermost labels: no other label to the right at their height.
    for (const Cell* a : labels) {
      bool inner = true;
      for (const Cell* b : labels) {
        if (b != a && b->page == a->page && b->cx() > a->cx() && a->OverlapsVertically(*b)) {
          inner = false;
        }
      }
      if (inner) rows_.push_back({a, {}});
    }
    std::vector<const Cell*> stray;
    for (const Cell* d : data) {
      Row* found = nullptr;
      int count = 0;
      for (Row& r : rows_) {
        if (r.label != nullptr && r.label->page == d->page && r.label->y <= d->cy() &&
            d->cy() <= r.label->bottom) {
          found = &r;
          ++count;
        }
      }
      if (count == 1) {
        found->data.push_back(d);
      } else if (label_leaves_.empty()) {
        stray.push_back(d);  // no label columns: rows are the figures' bands
      } else {
        rows_.push_back({nullptr, {d}});  // a figure beside no row label
      }
    }
    for (const Cell* d : stray) {
      Row* band = nullptr;
      for (Row& r : rows_) {
        if (r.label == nullptr && !r.data.empty() && r.data.front()->page == d->page &&
            r.data.front()->y <= d->cy() && d->cy() <= r.data.front()->bottom) {
          band = &r;
        }
      }
      if (band != nullptr) {
        band->data.push_back(d);
      } else {
        rows_.push_back({nullptr, {d}});
      }
    }
    std::stable_sort(rows_.begin(), rows_.end(), [](const Row& a, const Row& b) {
      const Cell* x = a.label ? a.label : a.data.front();
      const Cell* y = b.label ? b.label : b.data.front();
      return x->page != y->page ? x->page < y->page : x->y < y->y;
    });
  }

  Grid MakeGrid() {
    const int nl = label_leaves_.empty() ? 0 : 1;
    const int m = static_cast<int>(data_leaves_.size());
    const int width = nl + m;
    Grid grid;
    if (width == 0) return grid;
    size_t depth = 1;
    for (const auto& p : paths_) depth = std::max(depth, p.size());
    std::vector<std::string> label_texts;
    for (const Cell* l : label_leaves_) label_texts.push_back(l->Text());
    for (size_t r = 0; r < depth; ++r) {
      std::vector<GridCell> row(width);
      for (int c = 0; c < width; ++c) {
        GridCell& cell = row[c];
        cell.row = static_cast<int>(r);
        cell.column = c;
        cell.header = true;
        if (c < nl) {
          cell.text = absl::StrJoin(label_texts, "\n");
          cell.box = Box(*label_leaves_.front());
          continue;
        }
        const auto& path = paths_[c - nl];
        // Shorter paths repeat their outermost label (a cell spanning
        // header rows).
        const size_t pad = depth - path.size();
        const Cell* h = path[r < pad ? 0 : r - pad];
        cell.text = h->Text();
        cell.box = Box(*h);
      }
      grid.rows.push_back(std::move(row));
    }
    for (const Row& r : rows_) {
      const int y = static_cast<int>(grid.rows.size());
      std::vector<GridCell> row(width);
      const Cell* band = r.label ? r.label : r.data.front();
      for (int c = 0; c < width; ++c) {
        row[c].row = y;
        row[c].column = c;
      }
      if (nl > 0 && r.label != nullptr) {
        row[0].text = r.label->Text();
        row[0].box = Box(*r.label);
      }
      for (int k = 0; k < m; ++k) {
        const double x0 = std::isfinite(lo_[k]) ? lo_[k] : data_leaves_[k]->x;
        const double x1 = std::isfinite(hi_[k]) ? hi_[k] : data_leaves_[k]->right;
        row[nl + k].box = Box(band->page, x0, band->y, x1, band->bottom);
      }
      Place(r, nl, &row);
      grid.rows.push_back(std::move(row));
    }
    return grid;
  }

  // The figures of a row into their columns (see the header comment).
  void Place(const Row& r, int nl, std::vector<GridCell>* row) const {
    std::vector<const Cell*> data = r.data;
    std::stable_sort(data.begin(), data.end(),
                     [](const Cell* a, const Cell* b) { return a->x < b->x; });
    const int m = static_cast<int>(data_leaves_.size());
    const int n = static_cast<int>(data.size());
    std::vector<int> lo(n, m), hi(n, -1);
    bool certain = true;
    for (int i = 0; i < n; ++i) {
      for (int k = 0; k < m; ++k) {
        if (lo_[k] < data[i]->x && data[i]->right < hi_[k]) {
          lo[i] = std::min(lo[i], k);
          hi[i] = std::max(hi[i], k);
        }
      }
      if (hi[i] < 0) certain = false;  // reaches over a neighbour's header
    }
    for (int i = 1; i < n; ++i) lo[i] = std::max(lo[i], lo[i - 1] + 1);
    for (int i = n - 2; i >= 0; --i) hi[i] = std::min(hi[i], hi[i + 1] - 1);
    for (int i = 0; i < n; ++i) certain = certain && lo[i] <= hi[i];
    for (int i = 1; i < n && certain; ++i) certain = hi[i - 1] < lo[i];
    if (!certain) {
      // Which figure is which column cannot be told: the row is reported
      // as not lining up with the header.
      for (int k = 0; k < m; ++k) (*row)[nl + k].filler = true;
      return;
    }
    for (int i = 0; i < n; ++i) {
      GridCell cell;
      cell.text = data[i]->Text();
      cell.box = Box(*data[i]);
      cell.row = (*row)[nl].row;
      cell.column = nl + lo[i];
      cell.column_span = hi[i] - lo[i] + 1;  // > 1: reported as unplaced
      for (int k = lo[i]; k <= hi[i]; ++k) {
        GridCell copy = cell;
        copy.origin = k == lo[i];
        (*row)[nl + k] = std::move(copy);
      }
    }
  }

  const v1::TableBlock& block_;
  std::vector<Cell*> cells_;
  std::vector<Cell*> header_, body_;
  std::vector<const Cell*> leaves_, groups_, label_leaves_, data_leaves_;
  std::vector<std::vector<const Cell*>> paths_;
  std::vector<double> lo_, hi_;  // where each data column's content may lie
  double data_start_ = -kInf;
  std::vector<Row> rows_;
};

}  // namespace

SourceDocument BorderlessTable(const std::vector<TextRun>& runs, const v1::TableFormat& table) {
  std::vector<Cell> cells = StackCells(JoinRuns(runs, table), table);
  std::vector<Segment> segments;
  for (Cell& c : cells) {
    const std::string text = c.Text();
    if (segments.empty() && MatchesCaption(table, text)) continue;
    bool heading = false;
    for (int j = segments.empty() ? 0 : segments.back().block + 1; j < table.blocks_size(); ++j) {
      if (MatchesBlockHeading(table.blocks(j), text)) {
        segments.push_back({j, &c, {}});
        heading = true;
        break;
      }
    }
    if (heading) continue;
    if (segments.empty()) segments.push_back({0, nullptr, {}});
    segments.back().cells.push_back(&c);
  }
  SourceDocument doc;
  for (Segment& s : segments) {
    if (s.heading != nullptr) {
      SourceElement e;
      e.text = s.heading->Text();
      e.box = Box(*s.heading);
      doc.elements.push_back(std::move(e));
    }
    Grid grid = BlockBuilder(table.blocks(s.block), s.cells).Build();
    if (grid.rows.empty()) continue;
    SourceElement e;
    e.table = static_cast<int>(doc.tables.size());
    e.box = grid.rows.front().front().box;
    doc.tables.push_back(std::move(grid));
    doc.elements.push_back(std::move(e));
  }
  return doc;
}

}  // namespace nianbao::importer
