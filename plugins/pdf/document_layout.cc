#include "plugins/pdf/document_layout.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "plugins/pdf/line_breaker.h"
#include "plugins/pdf/table_layout.h"
#include "plugins/pdf/text_layout.h"

namespace nianbao::pdf {
namespace {

constexpr double kEpsilon = 0.01;

// A block made ready to flow: set lines, or a measured table.
struct Item {
  enum Kind { kText, kTable } kind = kText;
  // Text.
  Face face = Face::kBody;
  double size = 0;
  double pitch = 0;
  double space_after = 0;
  std::vector<SetLine> lines;
  bool keep_with_next = false;  // headings and the title
  int bookmark_level = 0;       // 0: none
  std::string bookmark_title;
  // Table.
  const v1::Table* table = nullptr;
  std::unique_ptr<TableGeometry> geometry;
  std::vector<SetLine> caption;
  double space_before = 0;
};

class Flow {
 public:
  explicit Flow(const PageStyle& style) : style_(style) { NewPage(); }

  void Place(const std::vector<Item>& items) {
    for (size_t i = 0; i < items.size(); ++i) {
      const Item& item = items[i];
      if (item.keep_with_next) {
        // The heading, and the start of what follows, on one page.
        const double need = KeepHeight(items, i);
        if (need > Remaining() + kEpsilon && !AtPageTop()) NewPage();
      }
      if (item.kind == Item::kText) {
        PlaceText(item);
      } else {
        PlaceTable(item);
      }
    }
  }

  LaidOutDocument Finish() { return std::move(doc_); }

 private:
  double Remaining() const { return y_ - style_.bottom(); }
  bool AtPageTop() const { return y_ >= style_.top - kEpsilon; }

  void NewPage() {
    doc_.pages.emplace_back();
    y_ = style_.top;
  }

  // Height that must fit with items[i]: itself and the lead of what follows,
  // through a chain of headings.
  double KeepHeight(const std::vector<Item>& items, size_t i) const {
    double h = 0;
    for (; i < items.size(); ++i) {
      const Item& item = items[i];
      if (item.kind == Item::kTable) {
        return h + item.space_before +
               static_cast<double>(item.caption.size()) * style_.line_pitch +
               LeadHeight(*item.geometry);
      }
      if (!item.keep_with_next) {
        return h + static_cast<double>(std::min<size_t>(item.lines.size(), 2)) * item.pitch;
      }
      h += static_cast<double>(item.lines.size()) * item.pitch + item.space_after;
    }
    return h;
  }

  void AddLine(const SetLine& line, Face face, double size, double pitch) {
    TextRun run;
    run.face = face;
    run.size = size;
    run.x = style_.left + line.x;
    run.y = y_ - pitch / 2 - 0.35 * size;
    run.char_space = line.char_space;
    run.text = line.text;
    doc_.pages.back().runs.push_back(std::move(run));
    y_ -= pitch;
  }

  void PlaceText(const Item& item) {
    const size_t n = item.lines.size();
    size_t next = 0;
    bool bookmarked = item.bookmark_level == 0;
    while (next < n) {
      size_t fit = static_cast<size_t>(std::max(0.0, (Remaining() + kEpsilon) / item.pitch));
      const size_t left = n - next;
      if (fit < left) {
        // Neither the first nor the last line of a paragraph alone.
        if (left >= 2 && fit < 2) fit = 0;
        if (fit > 0 && left - fit == 1 && fit >= 3) --fit;
        if (fit > 0 && left - fit == 1) fit = 0;
        if (fit == 0 && AtPageTop())
          fit = std::max<size_t>(1, static_cast<size_t>(style_.text_height / item.pitch));
        if (fit == 0) {
          NewPage();
          continue;
        }
      }
      if (!bookmarked) {
        doc_.bookmarks.push_back({item.bookmark_title, item.bookmark_level,
                                  static_cast<int>(doc_.pages.size()) - 1, y_});
        bookmarked = true;
      }
      const size_t stop = std::min(n, next + fit);
      for (; next < stop; ++next) AddLine(item.lines[next], item.face, item.size, item.pitch);
      if (next < n) NewPage();
    }
    y_ -= item.space_after;
  }

  void PlaceTable(const Item& item) {
    const double caption_h = static_cast<double>(item.caption.size()) * style_.line_pitch;
    if (!AtPageTop()) y_ -= item.space_before;
    if (caption_h + LeadHeight(*item.geometry) > Remaining() + kEpsilon && !AtPageTop()) NewPage();
    for (const SetLine& line : item.caption)
      AddLine(line, Face::kHeading, style_.body_size, style_.line_pitch);
    const TableSlicing slicing = SliceTable(*item.geometry, Remaining(), style_.text_height);
    if (slicing.start_on_next_page) NewPage();
    for (size_t s = 0; s < slicing.slices.size(); ++s) {
      if (s > 0) NewPage();
      const TableSlice& slice = slicing.slices[s];
      PaintTableSlice(*item.geometry, slice, style_, style_.left, y_, &doc_.pages.back());
      y_ -= SliceHeight(*item.geometry, slice);
    }
    y_ -= item.space_after;
  }

  const PageStyle& style_;
  LaidOutDocument doc_;
  double y_ = 0;  // top of the next line
};

}  // namespace

LaidOutDocument LayOutDocument(const v1::Document& document, const Font& body, const Font& heading,
                               const PageStyle& style) {
  std::vector<Item> items;
  const double indent = 2 * style.body_size;  // 首行缩进两字

  if (!document.title().empty()) {
    Item title;
    title.face = Face::kHeading;
    title.size = style.title_size;
    title.pitch = std::max(style.line_pitch, style.title_size * 1.4);
    title.space_after = style.line_pitch;  // one empty line under the title
    TextStyle ts;
    ts.size = title.size;
    ts.alignment = v1::ALIGNMENT_CENTER;
    ts.balance = true;
    title.lines = SetText(ToUtf32(document.title()), heading, ts, style.text_width);
    title.keep_with_next = true;
    items.push_back(std::move(title));
  }
  std::string last_heading;
  for (const v1::DocBlock& block : document.blocks()) {
    Item item;
    if (block.has_heading()) {
      const v1::Heading& h = block.heading();
      const bool hei = h.level() <= 2;
      item.face = hei ? Face::kHeading : Face::kBody;
      item.size = style.heading_size;
      item.pitch = style.line_pitch;
      TextStyle ts;
      ts.size = item.size;
      ts.alignment = v1::ALIGNMENT_JUSTIFY;
      ts.first_indent = indent;
      const std::string text = absl::StrCat(h.number(), h.text());
      item.lines = SetText(ToUtf32(text), hei ? heading : body, ts, style.text_width);
      item.keep_with_next = true;
      if (h.level() <= 2) {
        item.bookmark_level = std::max(h.level(), 1);
        item.bookmark_title = text;
      }
      last_heading = h.text();
    } else if (block.has_paragraph()) {
      const v1::DocParagraph& p = block.paragraph();
      item.face = Face::kBody;
      item.size = style.body_size;
      item.pitch = style.line_pitch;
      TextStyle ts;
      ts.size = item.size;
      ts.alignment = p.alignment();
      if (p.role() == v1::PARAGRAPH_ROLE_META) ts.alignment = v1::ALIGNMENT_CENTER;
      if (ts.alignment == v1::ALIGNMENT_JUSTIFY || ts.alignment == v1::ALIGNMENT_UNSPECIFIED) {
        ts.first_indent = indent;
      }
      if (p.role() == v1::PARAGRAPH_ROLE_SIGNATURE) ts.right_indent = indent;
      item.lines = SetText(ToUtf32(p.text()), body, ts, style.text_width);
      last_heading.clear();
    } else if (block.has_table()) {
      item.kind = Item::kTable;
      item.table = &block.table();
      item.geometry = std::make_unique<TableGeometry>(MeasureTable(block.table(), body, style));
      item.space_before = 0.3 * style.line_pitch;
      item.space_after = 0.5 * style.line_pitch;
      // The section heading just above usually is the caption already.
      if (!block.table().caption().empty() && block.table().caption() != last_heading) {
        TextStyle ts;
        ts.size = style.body_size;
        ts.alignment = v1::ALIGNMENT_CENTER;
        item.caption = SetText(ToUtf32(block.table().caption()), heading, ts, style.text_width);
      }
      last_heading.clear();
    } else {
      continue;
    }
    items.push_back(std::move(item));
  }
  Flow flow(style);
  flow.Place(items);
  return flow.Finish();
}

}  // namespace nianbao::pdf
