// The PDF front end's geometry: what poppler gives for each page (words with
// per-character boxes, and the ruling lines the page draws) rebuilt into a
// SourceDocument, without poppler so it can be tested on its own.
//
// Tables are the frames of ruling lines: the distinct x of the vertical
// rules are the column walls, the distinct y of the horizontal rules the row
// walls, and two neighbouring grid positions are one (spanning) cell where no
// rule separates them. Each character goes to the cell holding its centre.
// A table continued on the next page with the same column walls is joined to
// its first part, and header rows the continuation repeats are dropped.
//
// Text outside tables becomes lines (characters on one baseline), page
// folios ("— 1 —", "第1页") in the top and bottom margins are dropped, and
// lines become paragraphs: a line joins the one before when that one runs to
// the right margin, this one is not indented, both have one font size, and
// the line pitch is that of the paragraph's lines — also across a page
// break.
#ifndef NIANBAO_IMPORTER_PDF_LAYOUT_H_
#define NIANBAO_IMPORTER_PDF_LAYOUT_H_

#include <string>
#include <vector>

#include "importer/source_document.h"

namespace nianbao::importer {

// A rectangle in points from the page's top-left corner.
struct PdfRect {
  double x = 0, y = 0, width = 0, height = 0;
  double right() const { return x + width; }
  double bottom() const { return y + height; }
  double center_x() const { return x + width / 2; }
  double center_y() const { return y + height / 2; }
};

// One character (UTF-8) as printed.
struct PdfChar {
  std::string text;
  PdfRect box;
};

// A word as poppler's text extraction finds it.
struct PdfWord {
  std::vector<PdfChar> chars;
  PdfRect box;
  bool space_after = false;
};

// A horizontal (y1 == y2) or vertical (x1 == x2) ruling line.
struct PdfRule {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  bool horizontal() const { return y1 == y2; }
};

struct PdfPage {
  int number = 1;  // from 1
  double width = 0, height = 0;
  std::vector<PdfWord> words;
  std::vector<PdfRule> rules;
};

struct PdfLayoutOptions {
  // The producer spaces Chinese from Latin letters and digits by itself
  // (LibreOffice's Asian typography "autospace", on by default): such a gap
  // is not a space of the text ("第711号", not "第 711 号").
  bool cjk_latin_autospace = false;
};

// The pages as headings/paragraphs and grids in reading order. Every element
// and grid cell carries its page and box; source lines are not known (0).
// Text lines also keep their runs (SourceElement::runs) for tables printed
// without ruling lines.
SourceDocument PdfPagesDocument(const std::vector<PdfPage>& pages,
                                const PdfLayoutOptions& options = {});

}  // namespace nianbao::importer

#endif  // NIANBAO_IMPORTER_PDF_LAYOUT_H_
