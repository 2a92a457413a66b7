// What the layout produces and the PDF writer paints: pages of positioned
// text runs and ruled lines, and bookmarks. Units are PDF points, origin at
// the bottom left of the page, y upwards. Nothing here depends on libharu,
// so layouts can be tested without writing a PDF.
#ifndef NIANBAO_PLUGINS_PDF_LAYOUT_H_
#define NIANBAO_PLUGINS_PDF_LAYOUT_H_

#include <string>
#include <vector>

namespace nianbao::pdf {

// Which of the two faces a run is set in.
enum class Face { kBody, kHeading };

// Text on one baseline, starting at (x, y), with `char_space` points added
// after every character (PDF Tc) to justify it.
struct TextRun {
  Face face = Face::kBody;
  double size = 0;
  double x = 0;
  double y = 0;
  double char_space = 0;
  std::u32string text;
};

// A straight ruled line.
struct Rule {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  double width = 0.5;
};

struct Page {
  std::vector<TextRun> runs;
  std::vector<Rule> rules;
};

// An outline entry: level 1 for the six sections, 2 below them.
struct Bookmark {
  std::string title;
  int level = 1;
  int page = 0;  // index into LaidOutDocument::pages
  double y = 0;  // top of the heading
};

struct LaidOutDocument {
  std::vector<Page> pages;
  std::vector<Bookmark> bookmarks;
};

}  // namespace nianbao::pdf

#endif  // NIANBAO_PLUGINS_PDF_LAYOUT_H_
