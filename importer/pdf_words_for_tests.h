// Positioned words for the PDF importer's tests: what importer/pdf_reader
// gives the layout code, set by hand so the tests run without a PDF.
#ifndef NIANBAO_IMPORTER_PDF_WORDS_FOR_TESTS_H_
#define NIANBAO_IMPORTER_PDF_WORDS_FOR_TESTS_H_

#include <string>

#include "importer/pdf_layout.h"

namespace nianbao::importer {

// The characters of `text` (ASCII or 3-byte UTF-8) set from (x, y): Chinese
// characters `size` wide, ASCII half that.
inline PdfWord PlacedWord(const std::string& text, double x, double y, double size = 10,
                          bool space_after = false) {
  PdfWord w;
  const double x0 = x;
  for (size_t i = 0; i < text.size();) {
    const size_t n = static_cast<unsigned char>(text[i]) < 0x80 ? 1 : 3;
    const double width = n == 1 ? size / 2 : size;
    w.chars.push_back({text.substr(i, n), {x, y, width, size}});
    x += width;
    i += n;
  }
  w.box = {x0, y, x - x0, size};
  w.space_after = space_after;
  return w;
}

}  // namespace nianbao::importer

#endif  // NIANBAO_IMPORTER_PDF_WORDS_FOR_TESTS_H_
