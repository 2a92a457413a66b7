#include "importer/html_importer.h"

#include <gumbo.h>

#include <algorithm>
#include <cstdlib>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "format/cell_text.h"
#include "importer/grid_table_reader.h"
#include "importer/report_assembler.h"

namespace nianbao::importer {
namespace {

constexpr int kMaxSpan = 1000;  // HTML's own limits are 65534 rows, 1000 columns

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Appends `text` collapsing runs of ASCII white space to one space, as a
// browser renders it.
void AppendCollapsed(absl::string_view text, std::string* out) {
  for (char c : text) {
    if (IsAsciiSpace(c)) {
      if (!out->empty() && out->back() != ' ' && out->back() != '\n') out->push_back(' ');
    } else {
      out->push_back(c);
    }
  }
}

bool IsSkipped(GumboTag tag) {
  return tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_NOSCRIPT ||
         tag == GUMBO_TAG_TEMPLATE || tag == GUMBO_TAG_SELECT || tag == GUMBO_TAG_BUTTON;
}

bool IsBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TFOOT:
      return true;
    default:
      return false;
  }
}

bool ContainsTable(const GumboNode* node) {
  if (node->type != GUMBO_NODE_ELEMENT) return false;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (child->type == GUMBO_NODE_ELEMENT &&
        (child->v.element.tag == GUMBO_TAG_TABLE || ContainsTable(child))) {
      return true;
    }
  }
  return false;
}

int SpanAttribute(const GumboNode* node, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
  if (a == nullptr) return 1;
  const int v = std::atoi(a->value);
  return std::clamp(v, 1, kMaxSpan);
}

// A cell's text: line breaks at <br> and block elements, spaces collapsed,
// each line trimmed.
void CellText(const GumboNode* node, std::string* out) {
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
      node->type == GUMBO_NODE_CDATA) {
    AppendCollapsed(node->v.text.text, out);
    return;
  }
  if (node->type != GUMBO_NODE_ELEMENT) return;
  const GumboTag tag = node->v.element.tag;
  if (IsSkipped(tag)) return;
  if (tag == GUMBO_TAG_BR) {
    out->push_back('\n');
    return;
  }
  const bool block = IsBlock(tag);
  if (block) out->push_back('\n');
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    CellText(static_cast<const GumboNode*>(children.data[i]), out);
  }
  if (block) out->push_back('\n');
}

std::string CleanCellText(const std::string& raw) {
  std::vector<std::string> lines;
  for (absl::string_view line : absl::StrSplit(raw, '\n')) {
    line = format::TrimSpaces(line);
    if (!line.empty()) lines.emplace_back(line);
  }
  return absl::StrJoin(lines, "\n");
}

void CollectRows(const GumboNode* node, std::vector<const GumboNode*>* rows) {
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (child->type != GUMBO_NODE_ELEMENT) continue;
    const GumboTag tag = child->v.element.tag;
    if (tag == GUMBO_TAG_TR) {
      rows->push_back(child);
    } else if (tag == GUMBO_TAG_THEAD || tag == GUMBO_TAG_TBODY || tag == GUMBO_TAG_TFOOT) {
      CollectRows(child, rows);
    }
  }
}

// The HTML table model: each cell takes the first free slot of its row and
// covers rowspan x colspan slots.
Grid ExpandTable(const GumboNode* table) {
  std::vector<const GumboNode*> trs;
  CollectRows(table, &trs);
  Grid grid;
  grid.line = table->v.element.start_pos.line > 0 ? table->v.element.start_pos.line - 1 : 0;
  std::vector<std::vector<bool>> used;
  auto ensure = [&](size_t y, size_t x) {
    if (grid.rows.size() <= y) {
      grid.rows.resize(y + 1);
      used.resize(y + 1);
    }
    if (grid.rows[y].size() <= x) {
      grid.rows[y].resize(x + 1);
      used[y].resize(x + 1, false);
    }
  };
  for (size_t y = 0; y < trs.size(); ++y) {
    ensure(y, 0);
    size_t x = 0;
    const GumboVector& cells = trs[y]->v.element.children;
    for (unsigned i = 0; i < cells.length; ++i) {
      const auto* td = static_cast<const GumboNode*>(cells.data[i]);
      if (td->type != GUMBO_NODE_ELEMENT ||
          (td->v.element.tag != GUMBO_TAG_TD && td->v.element.tag != GUMBO_TAG_TH)) {
        continue;
      }
      while (x < used[y].size() && used[y][x]) ++x;
      const int rs = std::min<int>(SpanAttribute(td, "rowspan"), static_cast<int>(trs.size() - y));
      const int cs = SpanAttribute(td, "colspan");
      std::string raw;
      CellText(td, &raw);
      GridCell cell;
      cell.text = CleanCellText(raw);
      cell.line = td->v.element.start_pos.line > 0 ? td->v.element.start_pos.line - 1 : 0;
      cell.row = static_cast<int>(y);
      cell.column = static_cast<int>(x);
      cell.row_span = std::max(rs, 1);
      cell.column_span = cs;
      cell.header = td->v.element.tag == GUMBO_TAG_TH;
      for (int dy = 0; dy < cell.row_span; ++dy) {
        for (int dx = 0; dx < cs; ++dx) {
          ensure(y + dy, x + dx);
          GridCell copy = cell;
          copy.origin = dy == 0 && dx == 0;
          grid.rows[y + dy][x + dx] = std::move(copy);
          used[y + dy][x + dx] = true;
        }
      }
      x += cs;
    }
  }
  // Rows of equal width; a missing slot is an empty cell of its own.
  size_t width = 0;
  for (const auto& row : grid.rows) width = std::max(width, row.size());
  for (size_t y = 0; y < grid.rows.size(); ++y) {
    for (size_t x = 0; x < width; ++x) {
      if (x < used[y].size() && used[y][x]) continue;
      ensure(y, x);
      GridCell& c = grid.rows[y][x];
      c.row = static_cast<int>(y);
      c.column = static_cast<int>(x);
      c.line = grid.line;
      c.filler = true;
    }
  }
  return grid;
}

class Walker {
 public:
  void Walk(const GumboNode* node) {
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA:
        if (format::TrimSpaces(line_).empty() && node->type != GUMBO_NODE_WHITESPACE) {
          line_no_ = node->v.text.start_pos.line > 0 ? node->v.text.start_pos.line - 1 : 0;
        }
        AppendCollapsed(node->v.text.text, &line_);
        return;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
      case GUMBO_NODE_DOCUMENT:
        break;
      default:
        return;
    }
    if (node->type == GUMBO_NODE_DOCUMENT) {
      Children(node->v.document.children);
      Flush();
      return;
    }
    const GumboTag tag = node->v.element.tag;
    if (IsSkipped(tag)) return;
    if (tag == GUMBO_TAG_BR) {
      Flush();
      return;
    }
    if (tag == GUMBO_TAG_META) {
      const GumboAttribute* name = gumbo_get_attribute(&node->v.element.attributes, "name");
      const GumboAttribute* content = gumbo_get_attribute(&node->v.element.attributes, "content");
      if (name != nullptr && content != nullptr && absl::EqualsIgnoreCase(name->value, "author")) {
        doc_.author = std::string(format::TrimSpaces(content->value));
      }
      return;
    }
    if (tag == GUMBO_TAG_TABLE && !ContainsTable(node)) {
      Flush();
      Grid grid = ExpandTable(node);
      if (!grid.rows.empty()) {
        SourceElement e;
        e.line = grid.line;
        e.table = static_cast<int>(doc_.tables.size());
        doc_.tables.push_back(std::move(grid));
        doc_.elements.push_back(std::move(e));
      }
      return;
    }
    const bool block = IsBlock(tag) || tag == GUMBO_TAG_TABLE;
    if (block) Flush();
    Children(node->v.element.children);
    if (block) Flush();
  }

  SourceDocument Take() { return std::move(doc_); }

 private:
  void Children(const GumboVector& children) {
    for (unsigned i = 0; i < children.length; ++i) {
      Walk(static_cast<const GumboNode*>(children.data[i]));
    }
  }

  void Flush() {
    const absl::string_view text = format::TrimSpaces(line_);
    if (!text.empty()) {
      SourceElement e;
      e.text = std::string(text);
      e.line = line_no_;
      doc_.elements.push_back(std::move(e));
    }
    line_.clear();
  }

  SourceDocument doc_;
  std::string line_;
  size_t line_no_ = 0;
};

}  // namespace

SourceDocument HtmlDocument(absl::string_view html) {
  GumboOutput* output = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
  Walker walker;
  walker.Walk(output->document);
  gumbo_destroy_output(&kGumboDefaultOptions, output);
  return walker.Take();
}

absl::StatusOr<v1::ImportResult> ImportHtml(absl::string_view html) {
  return Assemble(HtmlDocument(html), GridTableReader(), v1::SOURCE_FORMAT_HTML);
}

}  // namespace nianbao::importer
