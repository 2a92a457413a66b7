// Label text as published reports print it, reduced to a form that compares
// equal to the format definition's official labels: spaces of every kind and
// line breaks removed ("本年新\n制作数量"), full-width punctuation and digits
// mapped to ASCII ("（一）" and "(一)" alike), and the leading number of a
// row or heading split off ("（三）", "1.", "一、").
#ifndef NIANBAO_IMPORTER_LABEL_TEXT_H_
#define NIANBAO_IMPORTER_LABEL_TEXT_H_

#include <string>

#include "absl/strings/string_view.h"

namespace nianbao::importer {

// `s` without any space (ASCII white space incl. line breaks, U+00A0,
// U+2002, U+2003, U+2009, U+200B, U+3000), with full-width （）：，；／．＋－
// and digits as ASCII.
std::string NormalizeLabel(absl::string_view s);

// A label split into its leading number and the rest, both normalized.
// `number_key` keeps only the number's numerals ("(一)" -> "一", "1." -> "1",
// "一、" -> "一") so that "（一）", "(一)" and "一、" ... compare by kind too:
// `number_kind` is 'p' for a parenthesized number, 'c' for a Chinese numeral
// followed by 、or ., 'd' for digits followed by . or 、, 0 when none.
struct SplitLabel {
  std::string number_key;
  char number_kind = 0;
  std::string rest;
};
SplitLabel SplitNumber(absl::string_view s);

// The number of Unicode code points in `s` (UTF-8).
size_t CodePoints(absl::string_view s);

// Whether `s`, trimmed, ends with sentence punctuation (。；！？ or their
// ASCII forms) — running text rather than a heading.
bool EndsLikeSentence(absl::string_view s);

}  // namespace nianbao::importer

#endif  // NIANBAO_IMPORTER_LABEL_TEXT_H_
