// Cuts a font down to the characters a document uses (HarfBuzz hb-subset)
// and hands it to libharu, which loads fonts only from a path: the subset
// lives in an anonymous memory file opened as /proc/self/fd/N.
//
// libharu keeps only used glyphs but copies loca, hmtx, post and cmap whole;
// subsetting first shrinks an embedded CJK font from ~0.5 MB to a few KB.
#ifndef NIANBAO_PLUGINS_PDF_FONT_SUBSET_H_
#define NIANBAO_PLUGINS_PDF_FONT_SUBSET_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "plugins/pdf/font.h"

namespace nianbao::pdf {

// A standalone TrueType font (face 0) holding the glyphs of `code_points`
// (plus .notdef), with unchanged advances and a Unicode cmap.
absl::StatusOr<std::string> SubsetFont(const Font& font, const std::set<char32_t>& code_points);

// A subset whose characters are re-encoded: the i-th character of the set
// (ascending) gets code first_code + i, and the font's cmap maps those codes
// to the glyphs. The PDF then shows codes, and a ToUnicode map gives the
// characters back. libharu walks all 65536 codes of a cmap for every font
// it embeds; with one dense range of codes that walk is cheap and the
// CID-to-glyph map holds a few hundred entries instead of 65536.
struct EncodedSubset {
  std::string font;  // a TrueType font file
  uint16_t first_code = 0;
  std::vector<char32_t> characters;   // code first_code + i shows characters[i]
  std::vector<uint16_t> glyphs;       // ... with glyph glyphs[i] of `font`
  uint16_t CodeOf(char32_t c) const;  // first_code for a character not in the set
};

// An anonymous in-memory file holding given bytes, closed on destruction.
class MemoryFile {
 public:
  static absl::StatusOr<MemoryFile> Create(const std::string& bytes);
  MemoryFile(MemoryFile&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  MemoryFile& operator=(MemoryFile&&) = delete;
  MemoryFile(const MemoryFile&) = delete;
  ~MemoryFile();
  // "/proc/self/fd/N": a path any fopen in this process can read.
  std::string path() const;

 private:
  explicit MemoryFile(int fd) : fd_(fd) {}
  int fd_;
};

// SubsetAndEncode, plus the font file deflated (zlib, default level) as
// the PDF embeds it (zlib default level), remembered for the last few dozen (font, characters)
// pairs: rendering the same report again reuses the subset. Thread-safe.
struct DeflatedSubset {
  EncodedSubset subset;
  std::string deflated;  // subset.font, zlib-compressed
  // subset.font in a memory file, for libharu to read its metrics from.
  std::optional<MemoryFile> file;
};
absl::StatusOr<std::shared_ptr<const DeflatedSubset>> CachedSubset(
    const Font& font, const std::set<char32_t>& code_points, uint16_t first_code);
// Forgets every cached subset (for benchmarks of the uncached path).
void ClearSubsetCache();

absl::StatusOr<EncodedSubset> SubsetAndEncode(const Font& font,
                                              const std::set<char32_t>& code_points,
                                              uint16_t first_code);

}  // namespace nianbao::pdf

#endif  // NIANBAO_PLUGINS_PDF_FONT_SUBSET_H_
