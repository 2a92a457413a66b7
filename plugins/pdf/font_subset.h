// Cuts a font down to the characters a document uses (HarfBuzz hb-subset)
// and prepares everything the PDF needs to embed it: the font program and
// its ToUnicode map, both deflated, the glyph widths and the metrics of the
// font descriptor. The PDF shows glyph ids as codes (Identity-H encoding,
// CIDToGIDMap /Identity), so no code-to-glyph map is needed.
//
// A CJK font embedded whole costs megabytes; subset, a page of Chinese costs
// a few KB per font. The results are cached per (font, character set):
// rendering the same report again reuses them, and cutting and deflating a
// subset is the largest cost of a render.
#ifndef NIANBAO_PLUGINS_PDF_FONT_SUBSET_H_
#define NIANBAO_PLUGINS_PDF_FONT_SUBSET_H_

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "plugins/pdf/font.h"

namespace nianbao::pdf {

struct EmbeddedFont {
  std::string font;                  // a standalone TrueType font (face 0)
  std::vector<char32_t> characters;  // ascending
  std::vector<uint16_t> codes;       // glyph id in `font` (= PDF code) of characters[i]
  std::string deflated_font;         // `font`, zlib-compressed
  std::string deflated_to_unicode;   // ToUnicode CMap of the codes, zlib-compressed
  // Advance widths in 1/1000 em of the codes whose width is not 1000 (the
  // default width), ascending codes.
  std::vector<std::pair<uint16_t, int>> widths;
  std::string base_font;       // "ABCDEF+PostScriptName", the tag derived from the subset
  int bbox[4] = {0, 0, 0, 0};  // 1/1000 em
  int ascent = 0;
  int descent = 0;
  // The code showing `c`; 0 (.notdef) for a character not in the set.
  uint16_t CodeOf(char32_t c) const;
};

// Cuts `font` to `code_points` (plus .notdef). With `whole`, every glyph is
// kept under its original id (codes are the font's own glyph ids) and only
// layout tables are dropped: the font as it is, for comparison.
absl::StatusOr<EmbeddedFont> CutFont(const Font& font, const std::set<char32_t>& code_points,
                                     bool whole = false);

// CutFont, remembered for the last few dozen (font, characters, whole)
// keys. Thread-safe; the result is immutable.
absl::StatusOr<std::shared_ptr<const EmbeddedFont>> CachedFont(
    const Font& font, const std::set<char32_t>& code_points, bool whole = false);
// Forgets every cached subset (for benchmarks of the uncached path).
void ClearSubsetCache();

// `data` in the zlib format (what /FlateDecode reads) at libdeflate
// `level` (1-12; 12 is the smallest, for data cut once and cached).
// Thread-safe.
std::string Deflate(absl::string_view data, int level);

}  // namespace nianbao::pdf

#endif  // NIANBAO_PLUGINS_PDF_FONT_SUBSET_H_
