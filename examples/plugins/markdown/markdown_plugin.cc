// The "markdown" renderer plugin: a nianbao Document as GitHub-flavoured
// Markdown. An example of a plugin written out of tree against the installed
// SDK (docs/plugins.md); it paints only the Document, like every renderer.
//
// Markdown tables have no merged cells: a cell spanning several columns or
// rows is printed in its first place and the places it covers stay empty.
#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "nianbao/renderer_plugin.h"
#include "nianbao/renderer_plugin_cpp.h"
#include "nianbao/v1/document.pb.h"
#include "nianbao/v1/render.pb.h"

namespace {

using nianbao::v1::Alignment;
using nianbao::v1::Document;
using nianbao::v1::Table;

// Text safe inside a table cell: no pipes, no line breaks.
std::string CellText(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += "<br>";
    } else {
      out += c;
    }
  }
  return out;
}

void AppendTable(const Table& table, std::string* out) {
  const int columns = table.columns_size();
  if (columns == 0 || table.rows_size() == 0) return;
  // The grid with every cell at the place it starts.
  std::vector<std::vector<std::string>> grid(table.rows_size(), std::vector<std::string>(columns));
  std::vector<Alignment> align(columns, nianbao::v1::ALIGNMENT_UNSPECIFIED);
  for (int r = 0; r < table.rows_size(); ++r) {
    for (const auto& cell : table.rows(r).cells()) {
      if (cell.column() < 0 || cell.column() >= columns) {
        throw std::runtime_error("table " + table.id() + ": cell outside the grid");
      }
      grid[r][cell.column()] = CellText(cell.text());
    }
  }
  for (int c = 0; c < columns; ++c) {
    if (table.columns(c).numeric()) align[c] = nianbao::v1::ALIGNMENT_END;
  }
  if (!table.caption().empty()) *out += "**" + table.caption() + "**\n\n";
  for (int r = 0; r < table.rows_size(); ++r) {
    *out += "|";
    for (int c = 0; c < columns; ++c) *out += " " + grid[r][c] + " |";
    *out += "\n";
    if (r == 0) {  // Markdown wants exactly one header row; the rest follow as body rows.
      *out += "|";
      for (int c = 0; c < columns; ++c) {
        *out += align[c] == nianbao::v1::ALIGNMENT_END ? " ---: |" : " --- |";
      }
      *out += "\n";
    }
  }
  *out += "\n";
}

std::string RenderMarkdown(const nianbao::v1::RenderRequest& request) {
  const Document& doc = request.document();
  std::string out;
  if (!doc.title().empty()) out += "# " + doc.title() + "\n\n";
  for (const auto& block : doc.blocks()) {
    if (block.has_heading()) {
      const int level = std::min(6, std::max(1, block.heading().level()) + 1);
      out += std::string(level, '#') + " " + block.heading().number() + block.heading().text() +
             "\n\n";
    } else if (block.has_paragraph()) {
      out += block.paragraph().text() + "\n\n";
    } else if (block.has_table()) {
      AppendTable(block.table(), &out);
    }
  }
  return out;
}

int Render(const uint8_t* request, size_t size, NianbaoRenderOutput* out) {
  // Parses the request, calls RenderMarkdown, and turns any exception into
  // the error text: nothing may unwind into the host.
  return nianbao::plugin::RenderWith(request, size, out, RenderMarkdown);
}

const NianbaoRendererPlugin kPlugin = {
    NIANBAO_RENDERER_ABI_VERSION,
    sizeof(NianbaoRendererPlugin),
    "markdown",
    PLUGIN_VERSION,
    "GitHub-flavoured Markdown (example plugin built out of tree)",
    "text/markdown; charset=utf-8",
    "md",
    Render,
    nianbao::plugin::FreeOutput,
};

}  // namespace

extern "C" NIANBAO_RENDERER_EXPORT const NianbaoRendererPlugin* nianbao_renderer_plugin(void) {
  return &kPlugin;
}
