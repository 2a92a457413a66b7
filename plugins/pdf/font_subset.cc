#include "plugins/pdf/font_subset.h"

#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>
#include <libdeflate.h>

#include <algorithm>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace nianbao::pdf {
namespace {

void Put16(std::string* out, uint16_t v) {
  out->push_back(static_cast<char>(v >> 8));
  out->push_back(static_cast<char>(v & 0xFF));
}

// A cmap whose one format-4 subtable maps the codes 1..last to the glyphs
// with the same ids: a reader that goes through the font's cmap finds the
// glyph the PDF's Identity CIDToGIDMap names. Some 40 bytes.
std::string IdentityCmap(uint16_t last) {
  std::string sub;
  const uint16_t seg_count = 2;                            // 1..last, and the final 0xFFFF
  Put16(&sub, 4);                                          // format
  Put16(&sub, static_cast<uint16_t>(16 + 8 * seg_count));  // length
  Put16(&sub, 0);                                          // language
  Put16(&sub, 2 * seg_count);
  Put16(&sub, 4);     // searchRange = 2 * 2^floor(log2(segCount))
  Put16(&sub, 1);     // entrySelector
  Put16(&sub, 0);     // rangeShift
  Put16(&sub, last);  // endCode
  Put16(&sub, 0xFFFF);
  Put16(&sub, 0);  // reservedPad
  Put16(&sub, 1);  // startCode
  Put16(&sub, 0xFFFF);
  Put16(&sub, 0);  // idDelta: glyph = code
  Put16(&sub, 1);
  Put16(&sub, 0);  // idRangeOffset
  Put16(&sub, 0);
  std::string cmap;
  Put16(&cmap, 0);                       // version
  Put16(&cmap, 1);                       // one encoding record
  Put16(&cmap, 3);                       // Windows
  Put16(&cmap, 1);                       // Unicode BMP
  cmap += std::string("\0\0\0\x0c", 4);  // offset 12
  return cmap + sub;
}

std::string Utf16Hex(char32_t c) {
  if (c <= 0xFFFF) return absl::StrFormat("%04X", static_cast<unsigned>(c));
  const char32_t v = c - 0x10000;
  return absl::StrFormat("%04X%04X", static_cast<unsigned>(0xD800 + (v >> 10)),
                         static_cast<unsigned>(0xDC00 + (v & 0x3FF)));
}

// The ToUnicode CMap: runs where code and character both step by one
// become bfrange entries, the rest bfchar entries.
std::string ToUnicodeCmap(const std::vector<std::pair<uint16_t, char32_t>>& entries) {
  struct Range {
    uint16_t first, last;
    char32_t character;
  };
  std::vector<Range> ranges;
  for (const auto& [code, c] : entries) {
    if (!ranges.empty()) {
      Range& r = ranges.back();
      if (r.last == code) continue;  // two characters on one glyph: the first wins
      const uint16_t n = static_cast<uint16_t>(r.last - r.first + 1);
      // bfrange steps the last byte only: stay within one 256-block of each.
      if (r.last + 1 == code && r.character + n == c && (code & 0xFF) != 0 && (c & 0xFF) != 0 &&
          c <= 0xFFFF) {
        r.last = code;
        continue;
      }
    }
    ranges.push_back({code, code, c});
  }
  std::vector<const Range*> singles, runs;
  for (const Range& r : ranges) (r.first == r.last ? singles : runs).push_back(&r);
  std::string text =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  for (size_t i = 0; i < singles.size(); i += 100) {
    const size_t n = std::min<size_t>(100, singles.size() - i);
    absl::StrAppend(&text, n, " beginbfchar\n");
    for (size_t k = i; k < i + n; ++k) {
      absl::StrAppend(&text, absl::StrFormat("<%04X> <", singles[k]->first),
                      Utf16Hex(singles[k]->character), ">\n");
    }
    absl::StrAppend(&text, "endbfchar\n");
  }
  for (size_t i = 0; i < runs.size(); i += 100) {
    const size_t n = std::min<size_t>(100, runs.size() - i);
    absl::StrAppend(&text, n, " beginbfrange\n");
    for (size_t k = i; k < i + n; ++k) {
      absl::StrAppend(&text, absl::StrFormat("<%04X> <%04X> <", runs[k]->first, runs[k]->last),
                      Utf16Hex(runs[k]->character), ">\n");
    }
    absl::StrAppend(&text, "endbfrange\n");
  }
  absl::StrAppend(&text, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
  return text;
}

// The face's PostScript name, reduced to what a PDF name holds plainly.
std::string PostScriptName(hb_face_t* face) {
  char buffer[64];
  unsigned length = sizeof(buffer);
  hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &length, buffer);
  std::string name;
  for (unsigned i = 0; i < length && buffer[i] != '\0'; ++i) {
    const char c = buffer[i];
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
      name.push_back(c);
    }
  }
  return name.empty() ? "Font" : name;
}

// Six capitals naming the subset (PDF 32000 9.6.4), from its content, so
// the same subset always gets the same tag.
std::string SubsetTag(const Font& font, const std::vector<char32_t>& characters, bool whole) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a
  auto mix = [&h](uint64_t v) {
    h ^= v;
    h *= 1099511628211ull;
  };
  for (char c : font.file().path) mix(static_cast<unsigned char>(c));
  mix(static_cast<uint64_t>(font.file().index));
  mix(whole ? 1 : 0);
  for (char32_t c : characters) mix(c);
  std::string tag;
  for (int i = 0; i < 6; ++i) {
    tag.push_back(static_cast<char>('A' + h % 26));
    h /= 26;
  }
  return tag;
}

int16_t Get16(const char* p) {
  return static_cast<int16_t>((static_cast<uint8_t>(p[0]) << 8) | static_cast<uint8_t>(p[1]));
}

}  // namespace

uint16_t EmbeddedFont::CodeOf(char32_t c) const {
  auto it = std::lower_bound(characters.begin(), characters.end(), c);
  if (it == characters.end() || *it != c) return 0;
  return codes[static_cast<size_t>(it - characters.begin())];
}

std::string Deflate(absl::string_view data, int level) {
  struct Compressors {
    libdeflate_compressor* by_level[13] = {};
    ~Compressors() {
      for (libdeflate_compressor* c : by_level) {
        if (c != nullptr) libdeflate_free_compressor(c);
      }
    }
  };
  level = std::clamp(level, 1, 12);
  // A compressor is not safe to share. For the fast levels (page content,
  // every render) allocating one costs more than compressing a page, so
  // each thread keeps its own; the strongest levels (fonts, once per
  // subset) need hundreds of KB of state, not worth keeping per thread.
  thread_local Compressors compressors;
  std::unique_ptr<libdeflate_compressor, void (*)(libdeflate_compressor*)> owned(
      nullptr, libdeflate_free_compressor);
  libdeflate_compressor* c = nullptr;
  if (level <= 9) {
    libdeflate_compressor*& kept = compressors.by_level[level];
    if (kept == nullptr) kept = libdeflate_alloc_compressor(level);
    c = kept;
  } else {
    owned.reset(libdeflate_alloc_compressor(level));
    c = owned.get();
  }
  if (c == nullptr) std::abort();  // out of memory
  std::string out(libdeflate_zlib_compress_bound(c, data.size()), '\0');
  const size_t n = libdeflate_zlib_compress(c, data.data(), data.size(), out.data(), out.size());
  out.resize(n);
  return out;
}

absl::StatusOr<EmbeddedFont> CutFont(const Font& font, const std::set<char32_t>& code_points,
                                     bool whole) {
  if (code_points.empty()) return absl::InvalidArgumentError("no characters to embed");
  hb_subset_input_t* input = hb_subset_input_create_or_fail();
  if (input == nullptr) return absl::ResourceExhaustedError("hb_subset_input_create failed");
  hb_set_t* unicodes = hb_subset_input_unicode_set(input);
  for (char32_t c : code_points) hb_set_add(unicodes, c);
  // Layout tables serve shaping, which a PDF viewer never does. A PDF finds
  // glyphs through the CIDToGIDMap, not by name: no 'name' table either.
  hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (hb_tag_t tag :
       {HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
        HB_TAG('m', 'o', 'r', 'x'), HB_TAG('k', 'e', 'r', 'n'), HB_TAG('v', 'h', 'e', 'a'),
        HB_TAG('v', 'm', 't', 'x'), HB_TAG('D', 'S', 'I', 'G'), HB_TAG('V', 'O', 'R', 'G'),
        HB_TAG('g', 'a', 's', 'p'), HB_TAG('h', 'd', 'm', 'x'), HB_TAG('L', 'T', 'S', 'H')}) {
    hb_set_add(drop, tag);
  }
  if (whole) {
    hb_set_t* glyphs = hb_subset_input_glyph_set(input);
    hb_set_add_range(glyphs, 0, hb_face_get_glyph_count(font.face()) - 1);
    hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_RETAIN_GIDS);
  } else {
    hb_set_add(drop, HB_TAG('n', 'a', 'm', 'e'));
    // Hinting only matters at screen sizes and doubles the size of the glyphs.
    hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
  }
  hb_face_t* result = hb_subset_or_fail(font.face(), input);
  hb_subset_input_destroy(input);
  if (result == nullptr) {
    return absl::InternalError(absl::StrCat("hb-subset failed on ", font.file().path));
  }
  // hb-subset's result is a builder face, which cannot list its tables:
  // read it back from its bytes.
  hb_blob_t* subset_blob = hb_face_reference_blob(result);
  hb_face_destroy(result);
  hb_face_t* subset = hb_face_create(subset_blob, 0);
  EmbeddedFont out;
  out.characters.assign(code_points.begin(), code_points.end());
  hb_font_t* hb_font = hb_font_create(subset);
  uint16_t last = 1;
  std::vector<std::pair<uint16_t, char32_t>> entries;
  for (char32_t c : out.characters) {
    hb_codepoint_t glyph = 0;
    hb_font_get_nominal_glyph(hb_font, c, &glyph);  // .notdef when the font lacks it
    out.codes.push_back(static_cast<uint16_t>(glyph));
    if (glyph != 0) entries.emplace_back(static_cast<uint16_t>(glyph), c);
    last = std::max(last, static_cast<uint16_t>(glyph));
    const int w = font.Advance(c);
    if (w != 1000 && glyph != 0) out.widths.emplace_back(static_cast<uint16_t>(glyph), w);
  }
  std::sort(entries.begin(), entries.end());
  std::sort(out.widths.begin(), out.widths.end());
  out.widths.erase(std::unique(out.widths.begin(), out.widths.end(),
                               [](const auto& a, const auto& b) { return a.first == b.first; }),
                   out.widths.end());
  hb_font_destroy(hb_font);

  // The same font with the identity cmap.
  hb_face_t* builder = hb_face_builder_create();
  hb_tag_t tags[64];
  unsigned count = 64;
  hb_face_get_table_tags(subset, 0, &count, tags);
  const std::string cmap = IdentityCmap(last);
  for (unsigned i = 0; i < count; ++i) {
    hb_blob_t* table = tags[i] == HB_TAG('c', 'm', 'a', 'p') && !whole
                           ? hb_blob_create(cmap.data(), static_cast<unsigned>(cmap.size()),
                                            HB_MEMORY_MODE_READONLY, nullptr, nullptr)
                           : hb_face_reference_table(subset, tags[i]);
    hb_face_builder_add_table(builder, tags[i], table);
    hb_blob_destroy(table);
  }
  hb_blob_t* built = hb_face_reference_blob(builder);
  unsigned length = 0;
  const char* data = hb_blob_get_data(built, &length);
  out.font.assign(data, length);
  hb_blob_destroy(built);
  hb_face_destroy(builder);

  // Font descriptor metrics in 1/1000 em, as libharu computes them.
  const unsigned upem = std::max(hb_face_get_upem(subset), 1u);
  auto scale = [upem](int v) { return v * 1000 / static_cast<int>(upem); };
  hb_blob_t* head = hb_face_reference_table(subset, HB_TAG('h', 'e', 'a', 'd'));
  unsigned head_length = 0;
  const char* h = hb_blob_get_data(head, &head_length);
  if (head_length >= 44) {
    for (int i = 0; i < 4; ++i) out.bbox[i] = scale(Get16(h + 36 + 2 * i));
  }
  hb_blob_destroy(head);
  hb_blob_t* hhea = hb_face_reference_table(subset, HB_TAG('h', 'h', 'e', 'a'));
  unsigned hhea_length = 0;
  const char* hh = hb_blob_get_data(hhea, &hhea_length);
  if (hhea_length >= 8) {
    out.ascent = scale(Get16(hh + 4));
    out.descent = scale(Get16(hh + 6));
  }
  hb_blob_destroy(hhea);
  hb_face_destroy(subset);
  hb_blob_destroy(subset_blob);
  if (out.font.empty()) return absl::InternalError("rebuilding the subset font failed");

  out.base_font =
      absl::StrCat(SubsetTag(font, out.characters, whole), "+", PostScriptName(font.face()));
  // Cut once, shown many times: the smallest deflate is worth its cost
  // (tens of ms for a CJK subset) here; whole fonts (megabytes) get less.
  out.deflated_font = Deflate(out.font, whole ? 6 : 12);
  out.deflated_to_unicode = Deflate(ToUnicodeCmap(entries), 12);
  return out;
}

namespace {

struct CacheKey {
  FontFile file;
  bool whole;
  std::vector<char32_t> characters;
  bool operator<(const CacheKey& o) const {
    return std::tie(file, whole, characters) < std::tie(o.file, o.whole, o.characters);
  }
};

struct SubsetCache {
  static constexpr size_t kCapacity = 32;
  std::mutex mu;
  std::map<CacheKey, std::shared_ptr<const EmbeddedFont>> entries;
  std::deque<CacheKey> order;  // oldest first
};

SubsetCache& Cache() {
  static auto* cache = new SubsetCache();
  return *cache;
}

}  // namespace

absl::StatusOr<std::shared_ptr<const EmbeddedFont>> CachedFont(
    const Font& font, const std::set<char32_t>& code_points, bool whole) {
  CacheKey key{font.file(), whole, {code_points.begin(), code_points.end()}};
  SubsetCache& cache = Cache();
  {
    std::lock_guard<std::mutex> lock(cache.mu);
    auto it = cache.entries.find(key);
    if (it != cache.entries.end()) return it->second;
  }
  // Cut outside the lock: two threads may cut the same subset once each.
  absl::StatusOr<EmbeddedFont> cut = CutFont(font, code_points, whole);
  if (!cut.ok()) return cut.status();
  auto entry = std::make_shared<const EmbeddedFont>(std::move(*cut));
  std::lock_guard<std::mutex> lock(cache.mu);
  auto [it, inserted] = cache.entries.emplace(key, entry);
  if (inserted) {
    cache.order.push_back(std::move(key));
    if (cache.order.size() > SubsetCache::kCapacity) {
      cache.entries.erase(cache.order.front());
      cache.order.pop_front();
    }
  }
  return it->second;
}

void ClearSubsetCache() {
  SubsetCache& cache = Cache();
  std::lock_guard<std::mutex> lock(cache.mu);
  cache.entries.clear();
  cache.order.clear();
}

}  // namespace nianbao::pdf
