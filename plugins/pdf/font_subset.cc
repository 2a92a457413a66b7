#include "plugins/pdf/font_subset.h"

#include <hb-subset.h>
#include <hb.h>
#include <sys/mman.h>
#include <unistd.h>

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <tuple>

#include "absl/strings/str_cat.h"

namespace nianbao::pdf {

absl::StatusOr<std::string> SubsetFont(const Font& font, const std::set<char32_t>& code_points) {
  hb_subset_input_t* input = hb_subset_input_create_or_fail();
  if (input == nullptr) return absl::ResourceExhaustedError("hb_subset_input_create failed");
  hb_set_t* unicodes = hb_subset_input_unicode_set(input);
  for (char32_t c : code_points) hb_set_add(unicodes, c);
  // Layout tables serve shaping, which a PDF viewer never does; hinting only
  // matters at screen sizes and doubles the size of the glyphs.
  hb_set_t* drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (hb_tag_t tag :
       {HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
        HB_TAG('m', 'o', 'r', 'x'), HB_TAG('k', 'e', 'r', 'n'), HB_TAG('v', 'h', 'e', 'a'),
        HB_TAG('v', 'm', 't', 'x'), HB_TAG('D', 'S', 'I', 'G'), HB_TAG('V', 'O', 'R', 'G'),
        HB_TAG('g', 'a', 's', 'p'), HB_TAG('h', 'd', 'm', 'x'), HB_TAG('L', 'T', 'S', 'H')}) {
    hb_set_add(drop, tag);
  }
  hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING);
  hb_face_t* subset = hb_subset_or_fail(font.face(), input);
  hb_subset_input_destroy(input);
  if (subset == nullptr) {
    return absl::InternalError(absl::StrCat("hb-subset failed on ", font.file().path));
  }
  hb_blob_t* blob = hb_face_reference_blob(subset);
  unsigned length = 0;
  const char* data = hb_blob_get_data(blob, &length);
  std::string bytes(data, length);
  hb_blob_destroy(blob);
  hb_face_destroy(subset);
  return bytes;
}

namespace {

void Put16(std::string* out, uint16_t v) {
  out->push_back(static_cast<char>(v >> 8));
  out->push_back(static_cast<char>(v & 0xFF));
}

// A cmap with one format-4 subtable (Windows, Unicode BMP) mapping the codes
// first..first+n-1 to `glyphs` through the glyph id array.
std::string DenseCmap(uint16_t first, const std::vector<uint16_t>& glyphs) {
  const uint16_t last = static_cast<uint16_t>(first + glyphs.size() - 1);
  std::string sub;
  const uint16_t seg_count = 2;  // ours and the final 0xFFFF
  Put16(&sub, 4);                // format
  Put16(&sub, static_cast<uint16_t>(16 + 8 * seg_count + 2 * glyphs.size()));  // length
  Put16(&sub, 0);                                                              // language
  Put16(&sub, 2 * seg_count);
  Put16(&sub, 4);     // searchRange = 2 * 2^floor(log2(segCount))
  Put16(&sub, 1);     // entrySelector
  Put16(&sub, 0);     // rangeShift
  Put16(&sub, last);  // endCode
  Put16(&sub, 0xFFFF);
  Put16(&sub, 0);      // reservedPad
  Put16(&sub, first);  // startCode
  Put16(&sub, 0xFFFF);
  Put16(&sub, 0);  // idDelta
  Put16(&sub, 1);
  Put16(&sub, 4);  // idRangeOffset: glyphIdArray follows the two offsets
  Put16(&sub, 0);
  for (uint16_t g : glyphs) Put16(&sub, g);
  std::string cmap;
  Put16(&cmap, 0);                       // version
  Put16(&cmap, 1);                       // one encoding record
  Put16(&cmap, 3);                       // Windows
  Put16(&cmap, 1);                       // Unicode BMP
  cmap += std::string("\0\0\0\x0c", 4);  // offset 12
  return cmap + sub;
}

}  // namespace

uint16_t EncodedSubset::CodeOf(char32_t c) const {
  auto it = std::lower_bound(characters.begin(), characters.end(), c);
  if (it == characters.end() || *it != c) return first_code;
  return static_cast<uint16_t>(first_code + (it - characters.begin()));
}

absl::StatusOr<EncodedSubset> SubsetAndEncode(const Font& font,
                                              const std::set<char32_t>& code_points,
                                              uint16_t first_code) {
  if (code_points.empty() || first_code + code_points.size() > 0xD7FF) {
    return absl::InvalidArgumentError("cannot encode that many characters in one font");
  }
  absl::StatusOr<std::string> subset = SubsetFont(font, code_points);
  if (!subset.ok()) return subset.status();
  EncodedSubset out;
  out.first_code = first_code;
  out.characters.assign(code_points.begin(), code_points.end());
  hb_blob_t* blob = hb_blob_create(subset->data(), static_cast<unsigned>(subset->size()),
                                   HB_MEMORY_MODE_READONLY, nullptr, nullptr);
  hb_face_t* face = hb_face_create(blob, 0);
  hb_font_t* hb_font = hb_font_create(face);
  for (char32_t c : out.characters) {
    hb_codepoint_t glyph = 0;
    hb_font_get_nominal_glyph(hb_font, c, &glyph);  // .notdef when the font lacks it
    out.glyphs.push_back(static_cast<uint16_t>(glyph));
  }
  hb_font_destroy(hb_font);
  // The same font with our cmap.
  hb_face_t* builder = hb_face_builder_create();
  hb_tag_t tags[64];
  unsigned count = 64;
  hb_face_get_table_tags(face, 0, &count, tags);
  const std::string cmap = DenseCmap(first_code, out.glyphs);
  for (unsigned i = 0; i < count; ++i) {
    if (tags[i] == HB_TAG('c', 'm', 'a', 'p')) {
      hb_blob_t* table = hb_blob_create(cmap.data(), static_cast<unsigned>(cmap.size()),
                                        HB_MEMORY_MODE_READONLY, nullptr, nullptr);
      hb_face_builder_add_table(builder, tags[i], table);
      hb_blob_destroy(table);
    } else {
      hb_blob_t* table = hb_face_reference_table(face, tags[i]);
      hb_face_builder_add_table(builder, tags[i], table);
      hb_blob_destroy(table);
    }
  }
  hb_blob_t* built = hb_face_reference_blob(builder);
  unsigned length = 0;
  const char* data = hb_blob_get_data(built, &length);
  out.font.assign(data, length);
  hb_blob_destroy(built);
  hb_face_destroy(builder);
  hb_face_destroy(face);
  hb_blob_destroy(blob);
  if (out.font.empty()) return absl::InternalError("rebuilding the subset font failed");
  return out;
}

namespace {

struct CacheKey {
  FontFile file;
  uint16_t first_code;
  std::vector<char32_t> characters;
  bool operator<(const CacheKey& o) const {
    return std::tie(file, first_code, characters) < std::tie(o.file, o.first_code, o.characters);
  }
};

struct SubsetCache {
  static constexpr size_t kCapacity = 32;
  std::mutex mu;
  std::map<CacheKey, std::shared_ptr<const DeflatedSubset>> entries;
  std::deque<CacheKey> order;  // oldest first
};

SubsetCache& Cache() {
  static auto* cache = new SubsetCache();
  return *cache;
}

}  // namespace

absl::StatusOr<std::shared_ptr<const DeflatedSubset>> CachedSubset(
    const Font& font, const std::set<char32_t>& code_points, uint16_t first_code) {
  CacheKey key{font.file(), first_code, {code_points.begin(), code_points.end()}};
  SubsetCache& cache = Cache();
  {
    std::lock_guard<std::mutex> lock(cache.mu);
    auto it = cache.entries.find(key);
    if (it != cache.entries.end()) return it->second;
  }
  // Built outside the lock: two threads may build the same subset once each.
  absl::StatusOr<EncodedSubset> subset = SubsetAndEncode(font, code_points, first_code);
  if (!subset.ok()) return subset.status();
  auto entry = std::make_shared<DeflatedSubset>();
  entry->subset = std::move(*subset);
  uLongf size = compressBound(static_cast<uLong>(entry->subset.font.size()));
  entry->deflated.resize(size);
  if (compress2(reinterpret_cast<Bytef*>(entry->deflated.data()), &size,
                reinterpret_cast<const Bytef*>(entry->subset.font.data()),
                static_cast<uLong>(entry->subset.font.size()), Z_DEFAULT_COMPRESSION) != Z_OK) {
    return absl::InternalError("zlib failed to compress the font");
  }
  entry->deflated.resize(size);
  absl::StatusOr<MemoryFile> file = MemoryFile::Create(entry->subset.font);
  if (!file.ok()) return file.status();
  entry->file.emplace(std::move(*file));
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

absl::StatusOr<MemoryFile> MemoryFile::Create(const std::string& bytes) {
  const int fd = memfd_create("nianbao-font", MFD_CLOEXEC);
  if (fd < 0) return absl::InternalError(absl::StrCat("memfd_create: ", std::strerror(errno)));
  MemoryFile file(fd);
  size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return absl::InternalError(absl::StrCat("writing font to memfd: ", std::strerror(errno)));
    }
    written += static_cast<size_t>(n);
  }
  return file;
}

MemoryFile::~MemoryFile() {
  if (fd_ >= 0) close(fd_);
}

std::string MemoryFile::path() const { return absl::StrCat("/proc/self/fd/", fd_); }

}  // namespace nianbao::pdf
