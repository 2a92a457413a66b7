#include "plugins/pdf/font.h"

#include <hb.h>

#include <algorithm>
#include <map>
#include <mutex>

#include "absl/strings/str_cat.h"

namespace nianbao::pdf {

Font::~Font() {
  hb_font_destroy(font_);
  hb_face_destroy(face_);
  hb_blob_destroy(blob_);
}

absl::StatusOr<std::unique_ptr<Font>> Font::Load(const FontFile& file) {
  std::unique_ptr<Font> font(new Font());
  font->file_ = file;
  // Maps the file; pages are shared with every other process using the font.
  font->blob_ = hb_blob_create_from_file_or_fail(file.path.c_str());
  if (font->blob_ == nullptr) {
    return absl::NotFoundError(absl::StrCat("cannot read font file ", file.path));
  }
  const unsigned faces = hb_face_count(font->blob_);
  if (file.index < 0 || static_cast<unsigned>(file.index) >= std::max(faces, 1u)) {
    return absl::InvalidArgumentError(
        absl::StrCat(file.path, " has ", faces, " faces, no face ", file.index));
  }
  font->face_ = hb_face_create(font->blob_, static_cast<unsigned>(file.index));
  hb_face_make_immutable(font->face_);
  hb_blob_t* glyf = hb_face_reference_table(font->face_, HB_TAG('g', 'l', 'y', 'f'));
  const unsigned glyf_length = hb_blob_get_length(glyf);
  hb_blob_destroy(glyf);
  if (glyf_length == 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        file.path, " face ", file.index, " has no TrueType outlines (glyf); libharu needs them"));
  }
  font->upem_ = hb_face_get_upem(font->face_);
  font->font_ = hb_font_create(font->face_);
  hb_font_make_immutable(font->font_);
  hb_codepoint_t glyph = 0;
  if (!hb_font_get_nominal_glyph(font->font_, U'年', &glyph)) {
    return absl::InvalidArgumentError(
        absl::StrCat(file.path, " face ", file.index, " has no Chinese characters"));
  }
  std::vector<uint16_t> advances(0x10000);
  for (char32_t c = 0; c < advances.size(); ++c) {
    advances[c] = static_cast<uint16_t>(std::min(font->AdvanceOf(c), 0xFFFF));
  }
  font->bmp_advance_ = std::move(advances);
  return font;
}

bool Font::HasGlyph(char32_t code_point) const {
  hb_codepoint_t glyph = 0;
  return hb_font_get_nominal_glyph(font_, code_point, &glyph);
}

int Font::AdvanceOf(char32_t code_point) const {
  hb_codepoint_t glyph = 0;
  hb_font_get_nominal_glyph(font_, code_point, &glyph);  // 0 (.notdef) when absent
  const hb_position_t advance = hb_font_get_glyph_h_advance(font_, glyph);
  // libharu: width = advance * 1000 / units_per_em, in integers.
  return static_cast<int>(static_cast<unsigned>(advance) * 1000u / upem_);
}

double Font::Width(const std::u32string& text, double size) const {
  int total = 0;
  for (char32_t c : text) total += Advance(c);
  return total * size / 1000;
}

absl::StatusOr<std::shared_ptr<const Font>> GetFont(const FontFile& file) {
  static std::mutex mu;
  static auto* cache = new std::map<FontFile, std::shared_ptr<const Font>>();
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache->find(file);
  if (it != cache->end()) return it->second;
  absl::StatusOr<std::unique_ptr<Font>> font = Font::Load(file);
  if (!font.ok()) return font.status();
  std::shared_ptr<const Font> shared(std::move(*font));
  cache->emplace(file, shared);
  return shared;
}

}  // namespace nianbao::pdf
