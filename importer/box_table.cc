#include "importer/box_table.h"

#include <algorithm>
#include <deque>
#include <set>

#include "absl/strings/str_join.h"
#include "format/cell_text.h"
#include "plugins/text/display_width.h"

namespace nianbao::importer {
namespace {

bool IsBox(char32_t c) { return c >= 0x2500 && c <= 0x257F; }
bool IsHorizontal(char32_t c) { return c == U'─' || c == U'━' || c == U'═'; }
bool IsVertical(char32_t c) { return IsBox(c) && !IsHorizontal(c); }

struct Slot {
  char32_t c = U' ';
  std::string text;  // UTF-8 of c; empty for the second half of a wide char
  bool wall = false;
};

}  // namespace

int DisplayColumns(char32_t c) { return text::CodePointWidth(static_cast<int32_t>(c)); }

bool IsBoxLine(absl::string_view line) {
  line = format::TrimSpaces(line);
  if (line.empty()) return false;
  size_t i = 0;
  return IsBox(static_cast<char32_t>(text::NextCodePoint(line, &i)));
}

Grid ParseBoxTable(const std::vector<std::string>& lines, size_t first_line) {
  // The matrix of display columns.
  std::vector<std::vector<Slot>> m;
  size_t width = 0;
  for (const std::string& line : lines) {
    std::vector<Slot> row;
    for (size_t i = 0; i < line.size();) {
      const size_t start = i;
      const char32_t c = static_cast<char32_t>(text::NextCodePoint(line, &i));
      const int columns = DisplayColumns(c);
      if (columns == 0 && !row.empty()) {
        // A zero-width character (a combining mark) belongs to the column
        // before it, as the text plugin counted it.
        row.back().text += line.substr(start, i - start);
        continue;
      }
      Slot s{c, line.substr(start, i - start), IsBox(c)};
      row.push_back(s);
      if (columns == 2) row.push_back(Slot{c, "", s.wall});
    }
    width = std::max(width, row.size());
    m.push_back(std::move(row));
  }
  for (auto& row : m) row.resize(width);
  const int h = static_cast<int>(m.size()), w = static_cast<int>(width);

  // Grid lines: columns holding a vertical wall piece, lines holding a
  // horizontal one.
  std::set<int> xs_set, ys_set;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      if (!m[y][x].wall) continue;
      if (IsVertical(m[y][x].c)) xs_set.insert(x);
      if (IsHorizontal(m[y][x].c)) ys_set.insert(y);
    }
  }
  const std::vector<int> xs(xs_set.begin(), xs_set.end());
  const std::vector<int> ys(ys_set.begin(), ys_set.end());
  auto interval = [](const std::vector<int>& walls, int v) {
    // Index k with walls[k] < v < walls[k+1].
    return static_cast<int>(std::upper_bound(walls.begin(), walls.end(), v) - walls.begin()) - 1;
  };

  Grid grid;
  grid.line = first_line;
  if (xs.size() < 2 || ys.size() < 2) return grid;
  const int rows = static_cast<int>(ys.size()) - 1, cols = static_cast<int>(xs.size()) - 1;
  grid.rows.assign(rows, std::vector<GridCell>(cols));
  std::vector<std::vector<bool>> covered(rows, std::vector<bool>(cols, false));

  // Every region enclosed by walls is a cell.
  std::vector<std::vector<bool>> seen(h, std::vector<bool>(w, false));
  for (int y0 = 0; y0 < h; ++y0) {
    for (int x0 = 0; x0 < w; ++x0) {
      if (seen[y0][x0] || m[y0][x0].wall) continue;
      std::vector<std::pair<int, int>> region;
      std::deque<std::pair<int, int>> queue{{y0, x0}};
      seen[y0][x0] = true;
      bool open = false;
      while (!queue.empty()) {
        auto [y, x] = queue.front();
        queue.pop_front();
        region.push_back({y, x});
        if (y == 0 || x == 0 || y == h - 1 || x == w - 1) open = true;
        for (auto [dy, dx] : {std::pair{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) {
          const int ny = y + dy, nx = x + dx;
          if (ny < 0 || nx < 0 || ny >= h || nx >= w || seen[ny][nx] || m[ny][nx].wall) continue;
          seen[ny][nx] = true;
          queue.push_back({ny, nx});
        }
      }
      if (open) continue;  // outside the drawing
      int top = h, bottom = -1, left = w, right = -1;
      for (auto [y, x] : region) {
        top = std::min(top, y);
        bottom = std::max(bottom, y);
        left = std::min(left, x);
        right = std::max(right, x);
      }
      // Text: each line of the region in order, trimmed, non-empty ones
      // joined by "\n".
      std::sort(region.begin(), region.end());
      std::vector<std::string> text_lines;
      std::string current;
      int current_y = -1;
      int text_y = -1;
      auto flush = [&] {
        const std::string t(format::TrimSpaces(current));
        if (!t.empty()) {
          text_lines.push_back(t);
          if (text_y < 0) text_y = current_y;
        }
        current.clear();
      };
      for (auto [y, x] : region) {
        if (y != current_y) {
          flush();
          current_y = y;
        }
        current += m[y][x].text;
      }
      flush();
      const int r0 = interval(ys, top), r1 = interval(ys, bottom);
      const int c0 = interval(xs, left), c1 = interval(xs, right);
      if (r0 < 0 || c0 < 0 || r1 >= rows || c1 >= cols) continue;
      GridCell cell;
      cell.text = absl::StrJoin(text_lines, "\n");
      cell.line = first_line + (text_y >= 0 ? text_y : top);
      cell.row = r0;
      cell.column = c0;
      cell.row_span = r1 - r0 + 1;
      cell.column_span = c1 - c0 + 1;
      for (int r = r0; r <= r1; ++r) {
        for (int c = c0; c <= c1; ++c) {
          GridCell copy = cell;
          copy.origin = r == r0 && c == c0;
          grid.rows[r][c] = std::move(copy);
          covered[r][c] = true;
        }
      }
    }
  }
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      if (covered[r][c]) continue;
      GridCell& cell = grid.rows[r][c];
      cell.row = r;
      cell.column = c;
      cell.line = first_line;
      cell.filler = true;
    }
  }
  return grid;
}

}  // namespace nianbao::importer
