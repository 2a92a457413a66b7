#include "importer/pdf_table_reader.h"

#include "importer/borderless_table.h"
#include "importer/label_matcher.h"

namespace nianbao::importer {
namespace {

// The rebuild compares runs pairwise; table 3 prints a few hundred.
constexpr size_t kMaxUnruledTableRuns = 5000;

bool HasGrid(const SourceDocument& doc, size_t from, size_t to) {
  for (size_t i = from; i < to && i < doc.elements.size(); ++i) {
    if (doc.elements[i].table >= 0) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> PdfTableReader::Texts(const SourceDocument& doc, size_t from,
                                               size_t to) const {
  std::vector<std::string> out = grids_.Texts(doc, from, to);
  if (HasGrid(doc, from, to)) return out;
  for (size_t i = from; i < to && i < doc.elements.size(); ++i) {
    const auto& runs = doc.elements[i].runs;
    if (runs.size() < 2) continue;  // the element's text is its run
    for (const TextRun& r : runs) out.push_back(r.text);
  }
  return out;
}

size_t PdfTableReader::TableStart(const SourceDocument& doc, size_t from, size_t to,
                                  const v1::TableFormat& table) const {
  const size_t start = grids_.TableStart(doc, from, to, table);
  if (start < to || HasGrid(doc, from, to)) return start;
  // No grid, no caption or block heading line: the first line holding a
  // header label of the table.
  for (size_t i = from; i < to && i < doc.elements.size(); ++i) {
    for (const TextRun& r : doc.elements[i].runs) {
      for (const v1::TableBlock& block : table.blocks()) {
        if (MatchesHeader(block, r.text) || MatchesBlockHeading(block, r.text)) return i;
      }
    }
  }
  return to;
}

void PdfTableReader::Read(const SourceDocument& doc, size_t from, size_t to,
                          const v1::EditionFormat& edition, const v1::TableFormat& table,
                          CellPlacer* placer, v1::ImportResult* result) const {
  if (HasGrid(doc, from, to)) {
    grids_.Read(doc, from, to, edition, table, placer, result);
    return;
  }
  std::vector<TextRun> runs;
  for (size_t i = from; i < to && i < doc.elements.size(); ++i) {
    runs.insert(runs.end(), doc.elements[i].runs.begin(), doc.elements[i].runs.end());
  }
  if (runs.size() > kMaxUnruledTableRuns) {
    // Not a table of the format (pages of text): its text is reported as the
    // grid reader reports text without a table.
    grids_.Read(doc, from, to, edition, table, placer, result);
    return;
  }
  const SourceDocument rebuilt = BorderlessTable(runs, table);
  grids_.Read(rebuilt, 0, rebuilt.elements.size(), edition, table, placer, result);
}

}  // namespace nianbao::importer
