// Display width of UTF-8 text in a monospaced terminal or editor: how many
// columns each character takes. East Asian Wide and Fullwidth characters
// (汉字, full-width punctuation) take two, combining marks and format
// characters none, the rest one. The East Asian Width property comes from
// ICU, so it follows the Unicode version ICU ships rather than a hand table.
//
// Ambiguous characters (“ ” … — and the box-drawing characters) take one
// column by default, as in glibc's wcwidth and most terminals; the table
// borders are drawn with such characters, so both must agree.
#ifndef NIANBAO_PLUGINS_TEXT_DISPLAY_WIDTH_H_
#define NIANBAO_PLUGINS_TEXT_DISPLAY_WIDTH_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace nianbao::text {

// Columns taken by code point `c`: 0, 1 or 2.
int CodePointWidth(int32_t c, bool ambiguous_wide = false);

// Columns taken by `text` (UTF-8). Each malformed sequence counts as one
// U+FFFD, one column.
int DisplayWidth(absl::string_view text, bool ambiguous_wide = false);

// Decodes the code point at text[*i] and advances *i past it; malformed
// sequences decode to U+FFFD.
int32_t NextCodePoint(absl::string_view text, size_t* i);

// `n` ASCII spaces.
inline std::string Spaces(int n) { return std::string(n > 0 ? static_cast<size_t>(n) : 0, ' '); }

}  // namespace nianbao::text

#endif  // NIANBAO_PLUGINS_TEXT_DISPLAY_WIDTH_H_
