#include "importer/pdf_layout.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"

namespace nianbao::importer {
namespace {

constexpr double kRuleTolerance = 2.0;  // points: rules this close are one wall

struct Char {
  std::string text;
  PdfRect box;
  bool space_after = false;
  bool word_end = false;  // the last character of a poppler word
};

PdfRect Union(const PdfRect& a, const PdfRect& b) {
  if (a.width <= 0 && a.height <= 0) return b;
  const double x = std::min(a.x, b.x), y = std::min(a.y, b.y);
  return {x, y, std::max(a.right(), b.right()) - x, std::max(a.bottom(), b.bottom()) - y};
}

v1::PageBox ToBox(int page, const PdfRect& r) {
  v1::PageBox b;
  b.set_page(page);
  b.set_x(std::round(r.x * 10) / 10);
  b.set_y(std::round(r.y * 10) / 10);
  b.set_width(std::round(r.width * 10) / 10);
  b.set_height(std::round(r.height * 10) / 10);
  return b;
}

bool IsAsciiText(const std::string& s) {
  return !s.empty() && static_cast<unsigned char>(s[0]) < 0x80 &&
         !absl::ascii_isspace(static_cast<unsigned char>(s[0]));
}

bool IsIdeograph(const std::string& s) {
  if (s.size() != 3) return false;
  const auto b = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned c = ((b(0) & 0x0Fu) << 12) | ((b(1) & 0x3Fu) << 6) | (b(2) & 0x3Fu);
  return c >= 0x3400 && c <= 0x9FFF;
}

bool IsAsciiAlnum(const std::string& s) {
  return s.size() == 1 && absl::ascii_isalnum(static_cast<unsigned char>(s[0]));
}

// Characters on one baseline, left to right, as text: Chinese is set without
// spaces (also when justification spreads it); Latin words keep theirs.
// With `autospace`, a break between a Chinese character and a Latin letter
// or digit is the producer's automatic spacing, not a space of the text.
std::string JoinChars(const std::vector<Char>& chars, bool autospace) {
  std::string out;
  for (size_t i = 0; i < chars.size(); ++i) {
    if (i > 0) {
      const Char& a = chars[i - 1];
      const Char& b = chars[i];
      const double h = std::max(a.box.height, b.box.height);
      const double gap = b.box.x - a.box.right();
      const bool latin = IsAsciiText(a.text) && IsAsciiText(b.text);
      // poppler's word breaks are spaces the text had (between Chinese
      // too: "从 “政府…”").
      const bool auto_spaced = autospace && gap <= 0.5 * h &&
                               ((IsIdeograph(a.text) && IsAsciiAlnum(b.text)) ||
                                (IsAsciiAlnum(a.text) && IsIdeograph(b.text)));
      if (!auto_spaced && (a.space_after || (latin && gap > 0.25 * h) || gap > 1.5 * h)) {
        out += ' ';
      }
    }
    out += chars[i].text;
  }
  return out;
}

// Groups characters into lines by their vertical centres, top to bottom,
// each line left to right.
std::vector<std::vector<Char>> Lines(std::vector<Char> chars) {
  std::sort(chars.begin(), chars.end(),
            [](const Char& a, const Char& b) { return a.box.center_y() < b.box.center_y(); });
  std::vector<std::vector<Char>> lines;
  double center = 0;
  for (Char& c : chars) {
    if (lines.empty() || c.box.center_y() > center + 0.5 * c.box.height) {
      lines.emplace_back();
      center = c.box.center_y();
    }
    lines.back().push_back(std::move(c));
  }
  for (auto& line : lines) {
    std::stable_sort(line.begin(), line.end(),
                     [](const Char& a, const Char& b) { return a.box.x < b.box.x; });
  }
  return lines;
}

// Distinct positions of walls, each cluster of nearby values once.
std::vector<double> Walls(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  std::vector<double> out;
  for (double v : values) {
    if (out.empty() || v - out.back() > kRuleTolerance) out.push_back(v);
  }
  return out;
}

struct UnionFind {
  explicit UnionFind(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  size_t Find(size_t i) { return parent[i] == i ? i : parent[i] = Find(parent[i]); }
  void Join(size_t a, size_t b) { parent[Find(a)] = Find(b); }
  std::vector<size_t> parent;
};

bool Touch(const PdfRule& h, const PdfRule& v) {
  const double x1 = std::min(h.x1, h.x2), x2 = std::max(h.x1, h.x2);
  const double y1 = std::min(v.y1, v.y2), y2 = std::max(v.y1, v.y2);
  return v.x1 >= x1 - kRuleTolerance && v.x1 <= x2 + kRuleTolerance &&
         h.y1 >= y1 - kRuleTolerance && h.y1 <= y2 + kRuleTolerance;
}

// Two horizontal (or two vertical) rules on one line that meet or overlap.
bool Collinear(const PdfRule& a, const PdfRule& b) {
  if (a.horizontal()) {
    return std::abs(a.y1 - b.y1) <= kRuleTolerance && a.x1 <= b.x2 + kRuleTolerance &&
           b.x1 <= a.x2 + kRuleTolerance;
  }
  return std::abs(a.x1 - b.x1) <= kRuleTolerance && a.y1 <= b.y2 + kRuleTolerance &&
         b.y1 <= a.y2 + kRuleTolerance;
}

// A table frame on one page: its walls and its cells (grid positions joined
// where no rule separates them).
struct Frame {
  std::vector<double> xs, ys;
  std::vector<PdfRule> rules;
  PdfRect bounds() const {
    return {xs.front(), ys.front(), xs.back() - xs.front(), ys.back() - ys.front()};
  }
  bool Contains(double x, double y) const {
    return x >= xs.front() && x <= xs.back() && y >= ys.front() && y <= ys.back();
  }
  // Whether a vertical rule at x covers height y, or a horizontal one at y
  // covers x.
  bool VerticalAt(double x, double y) const {
    for (const PdfRule& r : rules) {
      if (!r.horizontal() && std::abs(r.x1 - x) <= kRuleTolerance &&
          y >= std::min(r.y1, r.y2) - kRuleTolerance &&
          y <= std::max(r.y1, r.y2) + kRuleTolerance) {
        return true;
      }
    }
    return false;
  }
  bool HorizontalAt(double x, double y) const {
    for (const PdfRule& r : rules) {
      if (r.horizontal() && std::abs(r.y1 - y) <= kRuleTolerance &&
          x >= std::min(r.x1, r.x2) - kRuleTolerance &&
          x <= std::max(r.x1, r.x2) + kRuleTolerance) {
        return true;
      }
    }
    return false;
  }
};

std::vector<Frame> Frames(const std::vector<PdfRule>& rules) {
  UnionFind sets(rules.size());
  for (size_t i = 0; i < rules.size(); ++i) {
    for (size_t j = i + 1; j < rules.size(); ++j) {
      const PdfRule& a = rules[i];
      const PdfRule& b = rules[j];
      if (a.horizontal() != b.horizontal()) {
        if (a.horizontal() ? Touch(a, b) : Touch(b, a)) sets.Join(i, j);
      } else if (Collinear(a, b)) {
        sets.Join(i, j);  // one border painted cell by cell
      }
    }
  }
  std::vector<std::vector<size_t>> groups(rules.size());
  for (size_t i = 0; i < rules.size(); ++i) groups[sets.Find(i)].push_back(i);
  std::vector<Frame> frames;
  for (const auto& group : groups) {
    Frame f;
    std::vector<double> xs, ys;
    for (size_t i : group) {
      f.rules.push_back(rules[i]);
      (rules[i].horizontal() ? ys : xs)
          .push_back(rules[i].horizontal() ? rules[i].y1 : rules[i].x1);
    }
    f.xs = Walls(xs);
    f.ys = Walls(ys);
    if (f.xs.size() >= 2 && f.ys.size() >= 2) frames.push_back(std::move(f));
  }
  return frames;
}

// The grid of a frame with the characters inside it.
Grid FrameGrid(const Frame& f, const std::vector<Char>& chars, int page, bool autospace) {
  const int rows = static_cast<int>(f.ys.size()) - 1;
  const int cols = static_cast<int>(f.xs.size()) - 1;
  UnionFind cells(static_cast<size_t>(rows * cols));
  for (int r = 0; r < rows; ++r) {
    const double ym = (f.ys[r] + f.ys[r + 1]) / 2;
    for (int c = 0; c < cols; ++c) {
      const double xm = (f.xs[c] + f.xs[c + 1]) / 2;
      if (c + 1 < cols && !f.VerticalAt(f.xs[c + 1], ym))
        cells.Join(r * cols + c, r * cols + c + 1);
      if (r + 1 < rows && !f.HorizontalAt(xm, f.ys[r + 1])) {
        cells.Join(r * cols + c, (r + 1) * cols + c);
      }
    }
  }
  // Each joined set's extent; its characters.
  struct Extent {
    int r0 = 1 << 30, c0 = 1 << 30, r1 = -1, c1 = -1;
    std::vector<Char> chars;
  };
  std::vector<Extent> extents(static_cast<size_t>(rows * cols));
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      Extent& e = extents[cells.Find(r * cols + c)];
      e.r0 = std::min(e.r0, r), e.c0 = std::min(e.c0, c);
      e.r1 = std::max(e.r1, r), e.c1 = std::max(e.c1, c);
    }
  }
  for (const Char& ch : chars) {
    const auto r = std::upper_bound(f.ys.begin(), f.ys.end(), ch.box.center_y()) - f.ys.begin() - 1;
    const auto c = std::upper_bound(f.xs.begin(), f.xs.end(), ch.box.center_x()) - f.xs.begin() - 1;
    const int rr = std::clamp(static_cast<int>(r), 0, rows - 1);
    const int cc = std::clamp(static_cast<int>(c), 0, cols - 1);
    extents[cells.Find(rr * cols + cc)].chars.push_back(ch);
  }
  Grid grid;
  grid.rows.assign(rows, std::vector<GridCell>(cols));
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      const Extent& e = extents[cells.Find(r * cols + c)];
      GridCell& cell = grid.rows[r][c];
      cell.row = e.r0;
      cell.column = e.c0;
      cell.row_span = e.r1 - e.r0 + 1;
      cell.column_span = e.c1 - e.c0 + 1;
      cell.origin = r == e.r0 && c == e.c0;
      std::vector<std::string> lines;
      PdfRect box;
      for (const auto& line : Lines(e.chars)) {
        lines.push_back(JoinChars(line, autospace));
        for (const Char& ch : line) box = Union(box, ch.box);
      }
      cell.text = absl::StrJoin(lines, "\n");
      if (e.chars.empty()) {
        box = {f.xs[e.c0], f.ys[e.r0], f.xs[e.c1 + 1] - f.xs[e.c0], f.ys[e.r1 + 1] - f.ys[e.r0]};
      }
      cell.box = ToBox(page, box);
    }
  }
  return grid;
}

// A line of running text.
struct TextLine {
  std::string text;
  PdfRect box;
  double size = 0;  // median character height
  int page = 0;
  std::vector<TextRun> runs;
  // A gap wider than JoinChars' word space: cells of a table without ruling
  // lines side by side, not prose (never a folio, never joined).
  bool wide_gap = false;
};

// The runs of a line: poppler's words, also split where a gap is wider than
// a third of the characters' height. (Cells of an unruled table may be set
// closer than a word space: importer/borderless_table.cc joins runs again.)
std::vector<TextRun> Runs(const std::vector<Char>& chars, int page, bool autospace,
                          bool* wide_gap) {
  std::vector<TextRun> runs;
  std::vector<Char> current;
  auto flush = [&] {
    if (current.empty()) return;
    TextRun run;
    run.text = JoinChars(current, autospace);
    run.page = page;
    PdfRect box;
    for (const Char& c : current) box = Union(box, c.box);
    run.x = box.x, run.y = box.y, run.width = box.width, run.height = box.height;
    runs.push_back(std::move(run));
    current.clear();
  };
  for (size_t i = 0; i < chars.size(); ++i) {
    if (i > 0) {
      const double h = std::max(chars[i - 1].box.height, chars[i].box.height);
      const double gap = chars[i].box.x - chars[i - 1].box.right();
      if (gap > 1.5 * h) *wide_gap = true;
      if (chars[i - 1].word_end || gap > 0.35 * h) flush();
    }
    current.push_back(chars[i]);
  }
  flush();
  return runs;
}

// Page numbers printed in the margins: "— 1 —", "- 2 -", "3", "第4页",
// "第4页 共9页", "4 / 9".
bool IsFolio(const TextLine& line, double page_height) {
  if (line.wide_gap) return false;  // a row of figures at the page's foot
  if (line.box.y > 0.1 * page_height && line.box.bottom() < 0.88 * page_height) return false;
  std::string s;
  for (char c : line.text) {
    if (!absl::ascii_isspace(static_cast<unsigned char>(c))) s += c;
  }
  absl::string_view v = s;
  bool stripped = true;
  while (stripped) {
    stripped = false;
    for (absl::string_view dash : {"—", "–", "－", "−", "-"}) {
      if (absl::ConsumePrefix(&v, dash) || absl::ConsumeSuffix(&v, dash)) stripped = true;
    }
  }
  auto digits = [](absl::string_view* t) {
    size_t n = 0;
    while (n < t->size() && absl::ascii_isdigit(static_cast<unsigned char>((*t)[n]))) ++n;
    t->remove_prefix(n);
    return n > 0;
  };
  absl::string_view t = v;
  if (digits(&t) && t.empty()) return true;
  t = v;
  if (digits(&t) && absl::ConsumePrefix(&t, "/") && digits(&t) && t.empty()) return true;
  t = v;
  if (absl::ConsumePrefix(&t, "第") && digits(&t) && absl::ConsumePrefix(&t, "页")) {
    if (t.empty()) return true;
    if (absl::ConsumePrefix(&t, "共") && digits(&t) && absl::ConsumePrefix(&t, "页") && t.empty()) {
      return true;
    }
  }
  return false;
}

// What a page holds, top to bottom.
struct Item {
  double top = 0;
  int line = -1;   // index into lines
  int frame = -1;  // index into grids
};

// Two parts of one table share its outer walls; inner walls may differ
// (rows on one page need walls the other page's rows do not).
bool SameOuterWalls(const std::vector<double>& a, const std::vector<double>& b) {
  return std::abs(a.front() - b.front()) <= kRuleTolerance &&
         std::abs(a.back() - b.back()) <= kRuleTolerance;
}

// The grid with column walls `from` laid on the finer walls `to` (which hold
// every wall of `from`): a cell then spans the new columns it covers.
void Regrid(Grid* grid, const std::vector<double>& from, const std::vector<double>& to) {
  auto index = [&](double x) {
    size_t best = 0;
    for (size_t i = 1; i < to.size(); ++i) {
      if (std::abs(to[i] - x) < std::abs(to[best] - x)) best = i;
    }
    return static_cast<int>(best);
  };
  for (auto& row : grid->rows) {
    std::vector<GridCell> out;
    for (size_t j = 0; j + 1 < to.size(); ++j) {
      const double mid = (to[j] + to[j + 1]) / 2;
      size_t c = 0;
      while (c + 2 < from.size() && from[c + 1] <= mid) ++c;
      GridCell cell = row[c];
      const int first = index(from[cell.column]);
      cell.column_span = index(from[cell.column + cell.column_span]) - first;
      cell.column = first;
      cell.origin = cell.origin && static_cast<int>(j) == first;
      out.push_back(std::move(cell));
    }
    row = std::move(out);
  }
}

std::vector<std::string> RowTexts(const std::vector<GridCell>& row) {
  std::vector<std::string> out;
  for (const GridCell& c : row) out.push_back(c.text);
  return out;
}

// Appends `next` (a table's continuation on the next page) to `grid`,
// without the header rows it repeats.
void Continue(Grid* grid, Grid next) {
  size_t repeated = 0;
  while (repeated < next.rows.size() && repeated < grid->rows.size() &&
         RowTexts(next.rows[repeated]) == RowTexts(grid->rows[repeated])) {
    ++repeated;
  }
  // A row cut by the page break is painted on both pages: keep it once.
  if (repeated < next.rows.size() && !grid->rows.empty() &&
      RowTexts(next.rows[repeated]) == RowTexts(grid->rows.back())) {
    for (size_t r = repeated + 1; r < next.rows.size(); ++r) {
      for (GridCell& c : next.rows[r]) {
        if (c.row <= static_cast<int>(repeated)) {
          c.row_span -= static_cast<int>(repeated) + 1 - c.row;
          c.row = static_cast<int>(repeated) + 1;
          c.origin = c.origin || static_cast<int>(r) == c.row;
        }
      }
    }
    ++repeated;
  }
  const int offset = static_cast<int>(grid->rows.size()) - static_cast<int>(repeated);
  for (size_t r = repeated; r < next.rows.size(); ++r) {
    for (GridCell& c : next.rows[r]) {
      if (c.row < static_cast<int>(repeated)) {
        // A cell of the repeated header reaching into the body: cut it.
        c.row_span -= static_cast<int>(repeated) - c.row;
        c.row = static_cast<int>(repeated);
        c.origin = c.origin || static_cast<int>(r) == c.row;
      }
      c.row += offset;
    }
    grid->rows.push_back(std::move(next.rows[r]));
  }
}

double Median(std::vector<double> v, double fallback) {
  if (v.empty()) return fallback;
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

}  // namespace

SourceDocument PdfPagesDocument(const std::vector<PdfPage>& pages,
                                const PdfLayoutOptions& options) {
  const bool autospace = options.cjk_latin_autospace;
  std::vector<TextLine> lines;
  std::vector<Grid> grids;
  std::vector<std::vector<double>> grid_columns;
  std::vector<int> grid_pages;
  std::vector<std::vector<Item>> page_items;
  for (const PdfPage& page : pages) {
    const std::vector<Frame> frames = Frames(page.rules);
    std::vector<std::vector<Char>> in_frame(frames.size());
    std::vector<Char> flow;
    for (const PdfWord& w : page.words) {
      for (size_t i = 0; i < w.chars.size(); ++i) {
        Char c{w.chars[i].text, w.chars[i].box, i + 1 == w.chars.size() && w.space_after,
               i + 1 == w.chars.size()};
        if (absl::StripAsciiWhitespace(c.text).empty()) continue;
        bool placed = false;
        for (size_t f = 0; f < frames.size() && !placed; ++f) {
          if (frames[f].Contains(c.box.center_x(), c.box.center_y())) {
            in_frame[f].push_back(c);
            placed = true;
          }
        }
        if (!placed) flow.push_back(std::move(c));
      }
    }
    std::vector<Item> items;
    for (size_t f = 0; f < frames.size(); ++f) {
      items.push_back({frames[f].ys.front(), -1, static_cast<int>(grids.size())});
      grids.push_back(FrameGrid(frames[f], in_frame[f], page.number, autospace));
      grid_columns.push_back(frames[f].xs);
      grid_pages.push_back(page.number);
    }
    for (auto& chars : Lines(std::move(flow))) {
      TextLine line;
      line.text = JoinChars(chars, autospace);
      line.page = page.number;
      std::vector<double> heights;
      for (const Char& c : chars) {
        line.box = Union(line.box, c.box);
        heights.push_back(c.box.height);
      }
      line.size = Median(heights, 0);
      line.runs = Runs(chars, page.number, autospace, &line.wide_gap);
      if (IsFolio(line, page.height)) continue;
      items.push_back({line.box.y, static_cast<int>(lines.size()), -1});
      lines.push_back(std::move(line));
    }
    std::stable_sort(items.begin(), items.end(),
                     [](const Item& a, const Item& b) { return a.top < b.top; });
    page_items.push_back(std::move(items));
  }

  // The text block's margins and line pitch, from all running text.
  double left = 1e9, right = -1e9;
  std::vector<double> pitches;
  for (const TextLine& l : lines) {
    left = std::min(left, l.box.x);
    right = std::max(right, l.box.right());
  }
  for (const auto& items : page_items) {
    for (size_t i = 1; i < items.size(); ++i) {
      if (items[i - 1].line < 0 || items[i].line < 0) continue;
      const TextLine& a = lines[items[i - 1].line];
      const TextLine& b = lines[items[i].line];
      const double pitch = b.box.y - a.box.y;
      if (std::abs(a.size - b.size) <= 0.15 * a.size && pitch > 0 && pitch < 3 * a.size) {
        pitches.push_back(pitch);
      }
    }
  }
  const double pitch = Median(pitches, 0);
  std::vector<double> sizes;
  for (const TextLine& l : lines) sizes.push_back(l.size);
  const double body_size = Median(sizes, 0);

  SourceDocument doc;
  int last_line = -1;  // the line that ended the previous element, if text
  int last_grid = -1;  // the grid element that is last, if a table
  std::vector<std::vector<double>> doc_columns;  // column walls of doc.tables
  for (const auto& items : page_items) {
    for (size_t i = 0; i < items.size(); ++i) {
      const Item& item = items[i];
      if (item.frame >= 0) {
        const int g = item.frame;
        if (last_grid >= 0 && i == 0 && grid_pages[last_grid] + 1 == grid_pages[g] &&
            SameOuterWalls(doc_columns.back(), grid_columns[g])) {
          std::vector<double> walls = doc_columns.back();
          walls.insert(walls.end(), grid_columns[g].begin(), grid_columns[g].end());
          walls = Walls(std::move(walls));
          Grid& grid = doc.tables[doc.elements.back().table];
          Regrid(&grid, doc_columns.back(), walls);
          Regrid(&grids[g], grid_columns[g], walls);
          Continue(&grid, std::move(grids[g]));
          doc_columns.back() = std::move(walls);
        } else {
          doc_columns.push_back(grid_columns[g]);
          SourceElement e;
          e.table = static_cast<int>(doc.tables.size());
          e.box = grids[g].rows.front().front().box;
          doc.tables.push_back(std::move(grids[g]));
          doc.elements.push_back(std::move(e));
        }
        last_grid = g;
        last_line = -1;
        continue;
      }
      const TextLine& b = lines[item.line];
      bool join = false;
      if (last_line >= 0) {
        const TextLine& a = lines[last_line];
        const bool same_size = std::abs(a.size - b.size) <= 0.15 * a.size;
        const bool full = a.box.right() >= right - 2 * a.size;
        const bool indented = b.box.x > left + 0.5 * b.size;
        const bool close =
            a.page == b.page ? b.box.y - a.box.y <= 1.2 * pitch : b.page == a.page + 1 && i == 0;
        // A title set larger than the body and broken over centred lines.
        auto centred = [&](const TextLine& l) {
          return std::abs((l.box.x - left) - (right - l.box.right())) < l.size;
        };
        const bool heading = same_size && a.page == b.page && a.size > 1.1 * body_size &&
                             centred(a) && centred(b) && b.box.y - a.box.bottom() < 0.8 * a.size;
        join = ((same_size && full && !indented && close) || heading) && !a.wide_gap && !b.wide_gap;
      }
      if (join) {
        auto& runs = doc.elements.back().runs;
        runs.insert(runs.end(), b.runs.begin(), b.runs.end());
        std::string& text = doc.elements.back().text;
        if (!text.empty() && absl::ascii_isalnum(static_cast<unsigned char>(text.back())) &&
            absl::ascii_isalnum(static_cast<unsigned char>(b.text.front()))) {
          text += ' ';
        }
        text += b.text;
      } else {
        SourceElement e;
        e.text = b.text;
        e.box = ToBox(b.page, b.box);
        e.runs = b.runs;
        doc.elements.push_back(std::move(e));
      }
      last_line = item.line;
      last_grid = -1;
    }
    // A paragraph or table runs on only into the next page's first item.
    if (!items.empty() && items.back().line >= 0) last_grid = -1;
  }
  return doc;
}

}  // namespace nianbao::importer
