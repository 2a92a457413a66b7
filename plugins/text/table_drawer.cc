#include "plugins/text/table_drawer.h"

#include <algorithm>
#include <map>
#include <memory>

#include "absl/strings/str_cat.h"
#include "plugins/text/display_width.h"

namespace nianbao::text {

namespace {

// One cell of the grid, or a filler for a place no cell covers.
struct GridCell {
  int row = 0, column = 0, row_span = 1, column_span = 1;
  bool data = false;  // a figure: never cut, right-aligned
  bool vertical_center = true;
  v1::Alignment alignment = v1::ALIGNMENT_START;
  std::vector<Segment> segments;
  int preferred = 0;       // widest line without wrapping
  int widest_segment = 0;  // narrowest width without cutting inside a piece
  int widest_char = 0;
  std::map<int, std::vector<std::string>> lines_by_width;

  const std::vector<std::string>& Lines(int width) {
    auto it = lines_by_width.find(width);
    if (it != lines_by_width.end()) return it->second;
    std::vector<std::string> lines = WrapSegments(segments, width, width);
    if (alignment == v1::ALIGNMENT_CENTER) {
      // Centred headers read better with lines of even length ("结果"/"维持"
      // rather than "结果维"/"持"): the narrowest width that needs no more lines.
      for (int w = width - 1; w >= std::max(1, widest_char) && lines.size() > 1; --w) {
        std::vector<std::string> narrower = WrapSegments(segments, w, w);
        if (narrower.size() > lines.size()) break;
        lines = std::move(narrower);
      }
    }
    return lines_by_width.emplace(width, std::move(lines)).first->second;
  }
  int Height(int width) { return segments.empty() ? 0 : static_cast<int>(Lines(width).size()); }
};

// How hard the layout tries to fit: stage 0 keeps one column of padding and
// two characters per label line; stage 1 drops the padding; stage 2 lets
// labels go down to one character per line.
struct Stage {
  int padding;
  bool cut_labels;
};
constexpr Stage kStages[] = {{1, false}, {0, false}, {0, true}};

int MinWidth(const GridCell& cell, const Stage& stage) {
  if (cell.segments.empty()) return 0;
  if (cell.data) return cell.preferred;
  if (stage.cut_labels) return std::max(1, cell.widest_char);
  return std::min(cell.preferred, std::max(4, cell.widest_segment));
}

// Box-drawing character for a junction with lines going up, down, left, right.
const char* Junction(bool up, bool down, bool left, bool right) {
  static const char* const kChars[16] = {" ", "╵", "╷", "│", "╴", "┘", "┐", "┤",
                                         "╶", "└", "┌", "├", "─", "┴", "┬", "┼"};
  return kChars[(up ? 1 : 0) | (down ? 2 : 0) | (left ? 4 : 0) | (right ? 8 : 0)];
}

class Drawer {
 public:
  Drawer(int rows, int columns, std::vector<std::unique_ptr<GridCell>> cells,
         std::vector<std::vector<int>> owner)
      : rows_(rows), columns_(columns), cells_(std::move(cells)), owner_(std::move(owner)) {}

  std::vector<std::string> Draw(int max_width) {
    for (const Stage& stage : kStages) {
      stage_ = stage;
      ChooseWidths(max_width);
      if (TotalWidth() <= max_width) break;
    }
    heights_ = RowHeights();
    return Paint();
  }

 private:
  int Pad() const { return stage_.padding; }
  // Text width available to `cell` under the current column widths.
  int TextWidth(const GridCell& cell) const {
    int w = (cell.column_span - 1) * (2 * Pad() + 1);
    for (int c = cell.column; c < cell.column + cell.column_span; ++c) w += widths_[c];
    return w;
  }
  int TotalWidth() const {
    int w = 1;
    for (int c = 0; c < columns_; ++c) w += widths_[c] + 2 * Pad() + 1;
    return w;
  }

  void ChooseWidths(int max_width) {
    widths_.assign(static_cast<size_t>(columns_), 1);
    std::vector<int> floor(static_cast<size_t>(columns_), 1);
    std::vector<GridCell*> spanning;
    for (auto& cell : cells_) {
      if (cell->column_span == 1) {
        widths_[cell->column] = std::max(widths_[cell->column], cell->preferred);
        floor[cell->column] = std::max(floor[cell->column], MinWidth(*cell, stage_));
      } else {
        spanning.push_back(cell.get());
      }
    }
    // Cells spanning columns only insist on their minimum; at any width above
    // it they wrap, so a long note over three label columns does not widen them.
    std::stable_sort(spanning.begin(), spanning.end(), [](const GridCell* a, const GridCell* b) {
      return a->column_span < b->column_span;
    });
    for (GridCell* cell : spanning) {
      const int deficit = MinWidth(*cell, stage_) - TextWidth(*cell);
      for (int k = 0; k < deficit; ++k) {
        // Rightmost columns first: label columns sit on the left.
        ++widths_[cell->column + cell->column_span - 1 - k % cell->column_span];
      }
    }
    while (TotalWidth() > max_width) {
      int best = -1, best_height = 0;
      for (int c = 0; c < columns_; ++c) {
        if (widths_[c] <= floor[c] || !SpanningCellsAllow(spanning, c)) continue;
        --widths_[c];
        const std::vector<int> heights = RowHeights();
        ++widths_[c];
        int height = 0;
        for (int h : heights) height += h;
        if (best < 0 || height < best_height ||
            (height == best_height && widths_[c] > widths_[best])) {
          best = c;
          best_height = height;
        }
      }
      if (best < 0) break;
      --widths_[best];
    }
  }

  // Whether column `c` can lose a column without squeezing a spanning cell
  // below its minimum.
  bool SpanningCellsAllow(const std::vector<GridCell*>& spanning, int c) const {
    for (const GridCell* cell : spanning) {
      if (c >= cell->column && c < cell->column + cell->column_span &&
          TextWidth(*cell) - 1 < MinWidth(*cell, stage_)) {
        return false;
      }
    }
    return true;
  }

  // Lines of text per grid row: enough for each cell; a cell spanning rows
  // may also use the border lines between them.
  std::vector<int> RowHeights() {
    std::vector<int> heights(static_cast<size_t>(rows_), 1);
    std::vector<GridCell*> spanning;
    for (auto& cell : cells_) {
      if (cell->row_span == 1) {
        heights[cell->row] = std::max(heights[cell->row], cell->Height(TextWidth(*cell)));
      } else {
        spanning.push_back(cell.get());
      }
    }
    std::stable_sort(spanning.begin(), spanning.end(), [](const GridCell* a, const GridCell* b) {
      return a->row_span < b->row_span;
    });
    for (GridCell* cell : spanning) {
      int have = cell->row_span - 1;
      for (int r = cell->row; r < cell->row + cell->row_span; ++r) have += heights[r];
      const int deficit = cell->Height(TextWidth(*cell)) - have;
      for (int k = 0; k < deficit; ++k) ++heights[cell->row + k % cell->row_span];
    }
    return heights;
  }

  bool HasHorizontal(int boundary, int c) const {  // border above grid row `boundary`
    return boundary == 0 || boundary == rows_ || owner_[boundary - 1][c] != owner_[boundary][c];
  }
  bool HasVertical(int r, int boundary) const {  // border left of grid column `boundary`
    return boundary == 0 || boundary == columns_ || owner_[r][boundary - 1] != owner_[r][boundary];
  }

  std::vector<std::string> Paint() {
    std::vector<int> x(static_cast<size_t>(columns_) + 1, 0), y(static_cast<size_t>(rows_) + 1, 0);
    for (int c = 0; c < columns_; ++c) x[c + 1] = x[c] + widths_[c] + 2 * Pad() + 1;
    for (int r = 0; r < rows_; ++r) y[r + 1] = y[r] + heights_[r] + 1;
    // One slot per display column; a wide character fills its first slot and
    // leaves the second empty, so every line joins to the same width.
    std::vector<std::vector<std::string>> canvas(
        static_cast<size_t>(y[rows_]) + 1,
        std::vector<std::string>(static_cast<size_t>(x[columns_]) + 1, " "));
    for (int i = 0; i <= rows_; ++i) {
      for (int j = 0; j <= columns_; ++j) {
        const bool up = i > 0 && HasVertical(i - 1, j);
        const bool down = i < rows_ && HasVertical(i, j);
        const bool left = j > 0 && HasHorizontal(i, j - 1);
        const bool right = j < columns_ && HasHorizontal(i, j);
        canvas[y[i]][x[j]] = Junction(up, down, left, right);
        if (right) {
          for (int k = x[j] + 1; k < x[j + 1]; ++k) canvas[y[i]][k] = "─";
        }
        if (down) {
          for (int k = y[i] + 1; k < y[i + 1]; ++k) canvas[k][x[j]] = "│";
        }
      }
    }
    for (auto& cell : cells_) {
      if (cell->segments.empty()) continue;
      const int text_width = TextWidth(*cell);
      const std::vector<std::string>& lines = cell->Lines(text_width);
      const int top = y[cell->row] + 1;
      const int height = y[cell->row + cell->row_span] - top;
      const int n = static_cast<int>(lines.size());
      const int first = top + (cell->vertical_center ? std::max(0, (height - n) / 2) : 0);
      const int left = x[cell->column] + 1 + Pad();
      for (int i = 0; i < n && first + i < top + height; ++i) {
        const int w = DisplayWidth(lines[i]);
        int start = left;
        if (cell->alignment == v1::ALIGNMENT_END) start = left + text_width - w;
        if (cell->alignment == v1::ALIGNMENT_CENTER) start = left + (text_width - w) / 2;
        Put(&canvas[first + i], std::max(start, left), left + text_width, lines[i]);
      }
    }
    std::vector<std::string> out;
    out.reserve(canvas.size());
    for (const auto& slots : canvas) {
      std::string line;
      for (const std::string& s : slots) line += s;
      out.push_back(std::move(line));
    }
    return out;
  }

  // Writes `text` into slots [x, end) of one canvas line.
  static void Put(std::vector<std::string>* slots, int x, int end, absl::string_view text) {
    for (size_t i = 0; i < text.size();) {
      const size_t at = i;
      const int w = CodePointWidth(NextCodePoint(text, &i));
      const absl::string_view ch = text.substr(at, i - at);
      if (w == 0) {
        if (x > 0) (*slots)[x - 1].append(ch.data(), ch.size());
        continue;
      }
      if (x + w > end) return;
      (*slots)[x].assign(ch.data(), ch.size());
      if (w == 2) (*slots)[x + 1].clear();
      x += w;
    }
  }

  const int rows_, columns_;
  std::vector<std::unique_ptr<GridCell>> cells_;
  const std::vector<std::vector<int>> owner_;  // [row][column] -> index into cells_
  Stage stage_ = kStages[0];
  std::vector<int> widths_;
  std::vector<int> heights_;
};

}  // namespace

absl::StatusOr<std::vector<std::string>> DrawTable(const v1::Table& table, int max_width,
                                                   LineBreaker& breaker) {
  const int rows = table.rows_size();
  int columns = table.columns_size();
  if (columns == 0) {
    for (const v1::TableRow& row : table.rows()) {
      for (const v1::TableCell& cell : row.cells()) {
        columns = std::max(columns, cell.column() + std::max(1, cell.column_span()));
      }
    }
  }
  if (rows == 0 || columns == 0) return std::vector<std::string>{};

  std::vector<std::unique_ptr<GridCell>> cells;
  std::vector<std::vector<int>> owner(static_cast<size_t>(rows),
                                      std::vector<int>(static_cast<size_t>(columns), -1));
  auto add = [&](std::unique_ptr<GridCell> cell) -> absl::Status {
    const int index = static_cast<int>(cells.size());
    for (int r = cell->row; r < cell->row + cell->row_span; ++r) {
      for (int c = cell->column; c < cell->column + cell->column_span; ++c) {
        if (owner[r][c] >= 0) {
          return absl::InvalidArgumentError(
              absl::StrCat("table ", table.id(), ": two cells cover row ", r, " column ", c));
        }
        owner[r][c] = index;
      }
    }
    cells.push_back(std::move(cell));
    return absl::OkStatus();
  };
  for (int r = 0; r < rows; ++r) {
    for (const v1::TableCell& source : table.rows(r).cells()) {
      auto cell = std::make_unique<GridCell>();
      cell->row = r;
      cell->column = source.column();
      cell->row_span = std::max(1, source.row_span());
      cell->column_span = std::max(1, source.column_span());
      if (cell->column < 0 || cell->column + cell->column_span > columns ||
          r + cell->row_span > rows) {
        return absl::InvalidArgumentError(
            absl::StrCat("table ", table.id(), ": cell \"", source.text(), "\" in row ", r,
                         " lies outside the ", rows, "x", columns, " grid"));
      }
      cell->data = source.role() == v1::CELL_ROLE_UNSPECIFIED;
      // Figures line up on the right in monospaced text, whatever the page
      // layout centres; an explicit start alignment is kept.
      cell->alignment = source.alignment();
      if (cell->data && cell->alignment != v1::ALIGNMENT_START) {
        cell->alignment = v1::ALIGNMENT_END;
      }
      if (cell->alignment == v1::ALIGNMENT_UNSPECIFIED ||
          cell->alignment == v1::ALIGNMENT_JUSTIFY) {
        cell->alignment = v1::ALIGNMENT_START;
      }
      cell->segments = breaker.Segments(source.text());
      cell->widest_segment = WidestSegment(cell->segments);
      cell->widest_char = WidestCharacter(source.text());
      for (const std::string& line : WrapSegments(cell->segments, 1 << 20, 1 << 20)) {
        cell->preferred = std::max(cell->preferred, DisplayWidth(line));
      }
      if (absl::Status s = add(std::move(cell)); !s.ok()) return s;
    }
  }
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < columns; ++c) {
      if (owner[r][c] >= 0) continue;
      auto filler = std::make_unique<GridCell>();
      filler->row = r;
      filler->column = c;
      if (absl::Status s = add(std::move(filler)); !s.ok()) return s;
    }
  }
  return Drawer(rows, columns, std::move(cells), std::move(owner)).Draw(max_width);
}

}  // namespace nianbao::text
