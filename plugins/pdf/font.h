// A parsed TrueType face for measuring text and cutting subsets, and the
// process-wide cache that keeps parsed faces across renders.
//
// Widths are in thousandths of an em, truncated exactly as libharu computes
// the /W entries it writes, so a line measured here is the line a PDF viewer
// draws.
#ifndef NIANBAO_PLUGINS_PDF_FONT_H_
#define NIANBAO_PLUGINS_PDF_FONT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "plugins/pdf/font_locator.h"

struct hb_blob_t;
struct hb_face_t;
struct hb_font_t;

namespace nianbao::pdf {

class Font {
 public:
  ~Font();
  Font(const Font&) = delete;
  Font& operator=(const Font&) = delete;

  // Parses face `file.index` of `file.path`. InvalidArgument when it is not
  // a TrueType-outline face with a Unicode cmap.
  static absl::StatusOr<std::unique_ptr<Font>> Load(const FontFile& file);

  const FontFile& file() const { return file_; }
  // Whether the face maps `code_point` to a glyph.
  bool HasGlyph(char32_t code_point) const;
  // Advance width of `code_point` in 1/1000 em; the .notdef width when the
  // face lacks it. Thread-safe.
  int Advance(char32_t code_point) const {
    return code_point < bmp_advance_.size() ? bmp_advance_[code_point] : AdvanceOf(code_point);
  }
  // Advance in points at `size`.
  double Width(char32_t code_point, double size) const { return Advance(code_point) * size / 1000; }
  // Sum of advances of `text` in points at `size`.
  double Width(const std::u32string& text, double size) const;
  // The immutable HarfBuzz face, for hb-subset.
  hb_face_t* face() const { return face_; }

 private:
  Font() = default;
  int AdvanceOf(char32_t code_point) const;
  FontFile file_;
  // Advances of the whole BMP, looked up once at load: layout asks for
  // every character's width several times per render.
  std::vector<uint16_t> bmp_advance_;
  hb_blob_t* blob_ = nullptr;
  hb_face_t* face_ = nullptr;
  hb_font_t* font_ = nullptr;
  unsigned upem_ = 1000;
};

// The parsed face for `file`, loaded on first use and kept for the life of
// the process. Thread-safe; the returned font is immutable.
absl::StatusOr<std::shared_ptr<const Font>> GetFont(const FontFile& file);

}  // namespace nianbao::pdf

#endif  // NIANBAO_PLUGINS_PDF_FONT_H_
