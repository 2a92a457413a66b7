// Subsets as the PDF embeds them: every character's code names a glyph with
// the character's advance, the ToUnicode map gives the characters back, and
// parsed fonts and cut subsets are cached across renders.
#include "plugins/pdf/font_subset.h"

#include <hb.h>
#include <libdeflate.h>

#include <map>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "plugins/pdf/font_locator.h"
#include "plugins/pdf/line_breaker.h"

namespace nianbao::pdf {
namespace {

std::shared_ptr<const Font> DefaultBody() {
  auto file = LocateFont(kDefaultBodyFont);
  EXPECT_TRUE(file.ok()) << file.status();
  auto font = GetFont(*file);
  EXPECT_TRUE(font.ok()) << font.status();
  return font.ok() ? *font : nullptr;
}

std::string Inflate(const std::string& deflated) {
  libdeflate_decompressor* d = libdeflate_alloc_decompressor();
  std::string out(1 << 22, '\0');
  size_t n = 0;
  const auto result =
      libdeflate_zlib_decompress(d, deflated.data(), deflated.size(), out.data(), out.size(), &n);
  libdeflate_free_decompressor(d);
  EXPECT_EQ(result, LIBDEFLATE_SUCCESS);
  out.resize(n);
  return out;
}

const std::u32string kText = U"政府信息公开工作年度报告（2020年）：收到申请300件，办结率100%。";

TEST(FontSubset, CodesNameGlyphsWithTheCharactersAdvances) {
  std::shared_ptr<const Font> font = DefaultBody();
  ASSERT_NE(font, nullptr);
  const std::set<char32_t> chars(kText.begin(), kText.end());
  absl::StatusOr<EmbeddedFont> cut = CutFont(*font, chars);
  ASSERT_TRUE(cut.ok()) << cut.status();
  ASSERT_EQ(cut->characters.size(), chars.size());
  EXPECT_EQ(Inflate(cut->deflated_font), cut->font);

  hb_blob_t* blob = hb_blob_create(cut->font.data(), static_cast<unsigned>(cut->font.size()),
                                   HB_MEMORY_MODE_READONLY, nullptr, nullptr);
  hb_face_t* face = hb_face_create(blob, 0);
  hb_font_t* subset = hb_font_create(face);
  EXPECT_LE(hb_face_get_glyph_count(face), chars.size() + 1);  // .notdef and ours
  std::set<uint16_t> codes;
  for (char32_t c : chars) {
    const uint16_t code = cut->CodeOf(c);
    EXPECT_NE(code, 0) << static_cast<unsigned>(c);
    codes.insert(code);
    const int advance = static_cast<int>(hb_font_get_glyph_h_advance(subset, code)) * 1000 /
                        static_cast<int>(hb_face_get_upem(face));
    EXPECT_EQ(advance, font->Advance(c)) << static_cast<unsigned>(c);
    // The PDF's /W lists exactly the codes that are not full width.
    const bool listed = std::any_of(cut->widths.begin(), cut->widths.end(),
                                    [&](const auto& w) { return w.first == code; });
    EXPECT_EQ(listed, font->Advance(c) != 1000) << static_cast<unsigned>(c);
  }
  EXPECT_EQ(codes.size(), chars.size()) << "two characters share a code";
  EXPECT_EQ(cut->CodeOf(U'龘'), 0);
  hb_font_destroy(subset);
  hb_face_destroy(face);
  hb_blob_destroy(blob);

  // The tag marks a subset (pdffonts' "sub" column).
  ASSERT_GT(cut->base_font.size(), 7u);
  EXPECT_EQ(cut->base_font[6], '+');
}

TEST(FontSubset, ToUnicodeMapsEveryCodeBack) {
  std::shared_ptr<const Font> font = DefaultBody();
  ASSERT_NE(font, nullptr);
  const std::set<char32_t> chars(kText.begin(), kText.end());
  absl::StatusOr<EmbeddedFont> cut = CutFont(*font, chars);
  ASSERT_TRUE(cut.ok()) << cut.status();
  const std::string cmap = Inflate(cut->deflated_to_unicode);
  // code -> character, from the bfchar ("<code> <char>") and bfrange
  // ("<first> <last> <char>") lines.
  std::map<uint16_t, char32_t> decoded;
  bool in_map = false;  // between beginbfchar/beginbfrange and its end
  for (absl::string_view line : absl::StrSplit(cmap, '\n')) {
    if (absl::EndsWith(line, "beginbfchar") || absl::EndsWith(line, "beginbfrange")) {
      in_map = true;
      continue;
    }
    if (absl::StartsWith(line, "endbf")) in_map = false;
    if (!in_map) continue;
    std::vector<unsigned> v;
    for (absl::string_view field : absl::StrSplit(line, ' ')) {
      unsigned n = 0;
      if (field.size() == 6 && field.front() == '<' && field.back() == '>' &&
          absl::SimpleHexAtoi(field.substr(1, 4), &n)) {
        v.push_back(n);
      }
    }
    if (v.size() == 2) decoded[static_cast<uint16_t>(v[0])] = v[1];
    if (v.size() == 3) {
      for (unsigned code = v[0]; code <= v[1]; ++code) {
        decoded[static_cast<uint16_t>(code)] = v[2] + (code - v[0]);
      }
    }
  }
  EXPECT_EQ(decoded.size(), chars.size());
  for (char32_t c : chars) {
    EXPECT_EQ(decoded[cut->CodeOf(c)], c) << ToUtf8(std::u32string(1, c));
  }
}

TEST(FontSubset, FontsAndSubsetsAreCachedAcrossRenders) {
  auto file = LocateFont(kDefaultBodyFont);
  ASSERT_TRUE(file.ok());
  auto a = GetFont(*file);
  auto b = GetFont(*file);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->get(), b->get()) << "the face is parsed once";

  const std::set<char32_t> chars(kText.begin(), kText.end());
  auto first = CachedFont(**a, chars);
  auto again = CachedFont(**a, chars);
  ASSERT_TRUE(first.ok() && again.ok());
  EXPECT_EQ(first->get(), again->get()) << "the same characters reuse the subset";
  std::set<char32_t> more = chars;
  more.insert(U'表');
  auto other = CachedFont(**a, more);
  ASSERT_TRUE(other.ok());
  EXPECT_NE(other->get(), first->get());
  ClearSubsetCache();
  auto fresh = CachedFont(**a, chars);
  ASSERT_TRUE(fresh.ok());
  EXPECT_NE(fresh->get(), first->get());
  EXPECT_EQ((*fresh)->deflated_font, (*first)->deflated_font) << "cutting is deterministic";
}

TEST(FontSubset, DeflateIsZlib) {
  const std::string text(5000, 'x');
  EXPECT_EQ(Inflate(Deflate(text, 6)), text);
  EXPECT_EQ(Inflate(Deflate(text, 12)), text);
  EXPECT_LT(Deflate(text, 12).size(), 100u);
}

}  // namespace
}  // namespace nianbao::pdf
