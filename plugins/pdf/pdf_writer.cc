#include "plugins/pdf/pdf_writer.h"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_pages.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <deque>
#include <map>
#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "plugins/pdf/font_subset.h"
#include "plugins/pdf/line_breaker.h"

namespace nianbao::pdf {
namespace {

// libharu reports errors through a callback; keep the first.
struct ErrorState {
  HPDF_STATUS code = HPDF_OK;
  HPDF_STATUS detail = 0;
};

void OnError(HPDF_STATUS code, HPDF_STATUS detail, void* user_data) {
  auto* state = static_cast<ErrorState*>(user_data);
  if (state->code == HPDF_OK) {
    state->code = code;
    state->detail = detail;
  }
}

// Owns the HPDF_Doc.
struct DocHandle {
  HPDF_Doc doc = nullptr;
  ~DocHandle() {
    if (doc != nullptr) HPDF_Free(doc);
  }
};

// Page content deflated at this libdeflate level: on the seed's seven
// pages level 6 gives 6 594 bytes in ~0.2 ms, level 12 6 467 bytes in
// ~3 ms, level 1 6 740 bytes in ~0.06 ms.
constexpr int kContentLevel = 6;

// Appends `v` rounded to `decimals` places, without trailing zeros: "12",
// "-0.5", "79.37". Coordinates need no more than 0.01 pt (3.5 µm).
void AppendNumber(std::string* out, double v, int decimals) {
  const double scale = decimals == 3 ? 1000 : 100;
  long long n = std::llround(v * scale);
  if (n < 0) {
    out->push_back('-');
    n = -n;
  }
  const long long unit = static_cast<long long>(scale);
  absl::StrAppend(out, n / unit);
  long long frac = n % unit;
  if (frac == 0) return;
  char digits[4];
  int len = decimals;
  for (int i = decimals - 1; i >= 0; --i) {
    digits[i] = static_cast<char>('0' + frac % 10);
    frac /= 10;
  }
  while (len > 0 && digits[len - 1] == '0') --len;
  out->push_back('.');
  out->append(digits, static_cast<size_t>(len));
}

// A PDF text string for info and outline entries: UTF-16BE with a byte
// order mark, which libharu writes as a hex string.
HPDF_Binary TextString(HPDF_MMgr mmgr, const std::string& utf8) {
  std::string bytes = "\xFE\xFF";
  for (char32_t c : ToUtf32(utf8)) {
    auto put = [&bytes](unsigned u) {
      bytes.push_back(static_cast<char>(u >> 8));
      bytes.push_back(static_cast<char>(u & 0xFF));
    };
    if (c <= 0xFFFF) {
      put(static_cast<unsigned>(c));
    } else {
      const char32_t v = c - 0x10000;
      put(0xD800 + static_cast<unsigned>(v >> 10));
      put(0xDC00 + static_cast<unsigned>(v & 0x3FF));
    }
  }
  return HPDF_Binary_New(mmgr, reinterpret_cast<HPDF_BYTE*>(bytes.data()),
                         static_cast<HPDF_UINT>(bytes.size()));
}

// libharu writes a stream whose filter is none as it is; for bytes that are
// deflated already, the /Filter entry is written by hand.
HPDF_STATUS WriteFlateFilter(HPDF_Dict, HPDF_Stream out) {
  return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

// Bytes a stream object reads from where they are, so libharu copies them
// once, into the output, instead of into a stream of its own first (its
// copy loop moves a byte at a time; the fonts are 100 KB and more).
struct ByteSource {
  const std::string* bytes = nullptr;
  size_t pos = 0;

  static ByteSource* Of(HPDF_Stream stream) { return static_cast<ByteSource*>(stream->attr); }
  static HPDF_STATUS Read(HPDF_Stream stream, HPDF_BYTE* ptr, HPDF_UINT* size) {
    ByteSource* s = Of(stream);
    const size_t n = std::min<size_t>(*size, s->bytes->size() - s->pos);
    std::memcpy(ptr, s->bytes->data() + s->pos, n);
    s->pos += n;
    const bool eof = n < *size;
    *size = static_cast<HPDF_UINT>(n);
    return eof ? HPDF_STREAM_EOF : HPDF_OK;
  }
  static HPDF_STATUS Seek(HPDF_Stream stream, HPDF_INT pos, HPDF_WhenceMode mode) {
    ByteSource* s = Of(stream);
    const long long base = mode == HPDF_SEEK_SET   ? 0
                           : mode == HPDF_SEEK_CUR ? static_cast<long long>(s->pos)
                                                   : static_cast<long long>(s->bytes->size());
    s->pos = static_cast<size_t>(
        std::clamp<long long>(base + pos, 0, static_cast<long long>(s->bytes->size())));
    return HPDF_OK;
  }
  static HPDF_INT32 Tell(HPDF_Stream stream) { return static_cast<HPDF_INT32>(Of(stream)->pos); }
  static HPDF_UINT32 Size(HPDF_Stream stream) {
    return static_cast<HPDF_UINT32>(Of(stream)->bytes->size());
  }
};

// The output: libharu writes the file straight into a string.
HPDF_STATUS AppendToString(HPDF_Stream stream, const HPDF_BYTE* ptr, HPDF_UINT size) {
  static_cast<std::string*>(stream->attr)->append(reinterpret_cast<const char*>(ptr), size);
  return HPDF_OK;
}

// Ruled lines merged where they continue each other on one line: cell
// edges shared by neighbouring cells become one stroke.
std::vector<Rule> MergeRules(const std::vector<Rule>& rules) {
  constexpr double kTolerance = 0.01;
  // Horizontal rules keyed by (width, y), vertical ones by (width, x).
  std::map<std::pair<double, double>, std::vector<std::pair<double, double>>> horizontal, vertical;
  std::vector<Rule> out;
  for (const Rule& r : rules) {
    if (std::abs(r.y1 - r.y2) < kTolerance) {
      horizontal[{r.width, r.y1}].emplace_back(std::min(r.x1, r.x2), std::max(r.x1, r.x2));
    } else if (std::abs(r.x1 - r.x2) < kTolerance) {
      vertical[{r.width, r.x1}].emplace_back(std::min(r.y1, r.y2), std::max(r.y1, r.y2));
    } else {
      out.push_back(r);
    }
  }
  auto merge = [&](auto& groups, bool is_horizontal) {
    for (auto& group : groups) {
      // Named copies, not structured bindings: C++17 lambdas (clang) cannot
      // capture those.
      const auto key = group.first;
      auto& spans = group.second;
      std::sort(spans.begin(), spans.end());
      std::pair<double, double> run = spans.front();
      auto emit = [&] {
        Rule r;
        r.width = key.first;
        if (is_horizontal) {
          r.x1 = run.first, r.x2 = run.second, r.y1 = r.y2 = key.second;
        } else {
          r.y1 = run.second, r.y2 = run.first, r.x1 = r.x2 = key.second;
        }
        out.push_back(r);
      };
      for (size_t i = 1; i < spans.size(); ++i) {
        if (spans[i].first <= run.second + kTolerance) {
          run.second = std::max(run.second, spans[i].second);
        } else {
          emit();
          run = spans[i];
        }
      }
      emit();
    }
  };
  merge(horizontal, true);
  merge(vertical, false);
  std::stable_sort(out.begin(), out.end(),
                   [](const Rule& a, const Rule& b) { return a.width < b.width; });
  return out;
}

class Writer {
 public:
  Writer(const LaidOutDocument& document, const v1::DocumentInfo& info, const Font& body,
         const Font& heading, const PageStyle& style, const WriterOptions& options)
      : layout_(document), info_(info), style_(style), options_(options) {
    fonts_[0] = &body;
    fonts_[1] = &heading;
  }

  absl::StatusOr<std::string> Write() {
    h_.doc = HPDF_New(OnError, &error_);
    if (h_.doc == nullptr) return absl::ResourceExhaustedError("HPDF_New failed");
    // No libharu compression and no libharu fonts or text operators: every
    // stream is written here, deflated already (libharu's own font objects
    // cost more than the rest of a render, see docs/performance.md).
    if (absl::Status s = LoadFonts(); !s.ok()) return s;
    for (const Page& page : layout_.pages) PaintPage(page);
    AddBookmarks();
    SetInfo();
    if (error_.code != HPDF_OK) return Error("painting");
    // HPDF_SaveToStream saves into the document's stream, a memory stream
    // unless one is set: set one that appends to `out`.
    std::string out;
    out.reserve(16384);
    h_.doc->stream = HPDF_CallbackWriter_New(mmgr(), AppendToString, &out);
    if (h_.doc->stream == nullptr) return Error("creating the output");
    if (HPDF_SaveToStream(h_.doc) != HPDF_OK) return Error("saving");
    return out;
  }

 private:
  absl::Status Error(absl::string_view stage) const {
    return absl::InternalError(absl::StrFormat("libharu failed %s: error 0x%04X (detail %u)", stage,
                                               static_cast<unsigned>(error_.code),
                                               static_cast<unsigned>(error_.detail)));
  }

  HPDF_MMgr mmgr() const { return h_.doc->mmgr; }

  // Makes `dict` a stream of `deflated` (which must outlive the writer).
  void SetDeflatedStream(HPDF_Dict dict, const std::string& deflated) {
    dict->filter = HPDF_STREAM_FILTER_NONE;
    dict->write_fn = WriteFlateFilter;
    sources_.push_back({&deflated, 0});
    HPDF_Stream source =
        HPDF_CallbackReader_New(mmgr(), ByteSource::Read, ByteSource::Seek, ByteSource::Tell,
                                ByteSource::Size, &sources_.back());
    if (source == nullptr) return;  // the error handler has the cause
    HPDF_Stream_Free(dict->stream);
    dict->stream = source;
  }
  HPDF_Xref xref() const { return h_.doc->xref; }

  // A new indirect dictionary.
  HPDF_Dict NewDict() {
    HPDF_Dict dict = HPDF_Dict_New(mmgr());
    if (dict != nullptr) HPDF_Xref_Add(xref(), dict);
    return dict;
  }

  // Cuts (or finds cached) the subset of each face in use; the same file
  // for body and headings is embedded once.
  absl::Status LoadFonts() {
    std::set<char32_t> used[2];
    for (const Page& page : layout_.pages) {
      for (const TextRun& run : page.runs) {
        used[run.face == Face::kBody ? 0 : 1].insert(run.text.begin(), run.text.end());
      }
    }
    const bool same = fonts_[0]->file() == fonts_[1]->file();
    if (same) {
      used[0].insert(used[1].begin(), used[1].end());
      used[1].clear();
    }
    for (int f = 0; f < 2; ++f) {
      if (used[f].empty()) continue;
      absl::StatusOr<std::shared_ptr<const EmbeddedFont>> font =
          CachedFont(*fonts_[f], used[f], !options_.subset_fonts);
      if (!font.ok()) return font.status();
      embedded_[f] = *font;
      objects_[f] = EmbedFont(**font);
      if (objects_[f] == nullptr) return Error("creating the font objects");
    }
    if (same) {
      embedded_[1] = embedded_[0];
      objects_[1] = objects_[0];
    }
    return absl::OkStatus();
  }

  // The Type 0 font with its CIDFontType2 descendant, font descriptor,
  // font program and ToUnicode map; codes are glyph ids (Identity-H).
  HPDF_Dict EmbedFont(const EmbeddedFont& font) {
    HPDF_Dict type0 = NewDict();
    HPDF_Dict cid = NewDict();
    HPDF_Dict descriptor = NewDict();
    HPDF_Dict file = HPDF_DictStream_New(mmgr(), xref());
    HPDF_Dict to_unicode = HPDF_DictStream_New(mmgr(), xref());
    if (type0 == nullptr || cid == nullptr || descriptor == nullptr || file == nullptr ||
        to_unicode == nullptr) {
      return nullptr;
    }
    const char* name = font.base_font.c_str();
    HPDF_Dict_AddNumber(file, "Length1", static_cast<HPDF_INT32>(font.font.size()));
    SetDeflatedStream(file, font.deflated_font);
    SetDeflatedStream(to_unicode, font.deflated_to_unicode);

    HPDF_Dict_AddName(descriptor, "Type", "FontDescriptor");
    HPDF_Dict_AddName(descriptor, "FontName", name);
    HPDF_Dict_AddNumber(descriptor, "Flags", 32);  // nonsymbolic, as libharu marks them
    HPDF_Box box{static_cast<HPDF_REAL>(font.bbox[0]), static_cast<HPDF_REAL>(font.bbox[1]),
                 static_cast<HPDF_REAL>(font.bbox[2]), static_cast<HPDF_REAL>(font.bbox[3])};
    HPDF_Dict_Add(descriptor, "FontBBox", HPDF_Box_Array_New(mmgr(), box));
    HPDF_Dict_AddNumber(descriptor, "ItalicAngle", 0);
    HPDF_Dict_AddNumber(descriptor, "Ascent", font.ascent);
    HPDF_Dict_AddNumber(descriptor, "Descent", font.descent);
    HPDF_Dict_AddNumber(descriptor, "CapHeight", font.ascent);  // ideographs reach the ascent
    HPDF_Dict_AddNumber(descriptor, "StemV", 0);
    HPDF_Dict_Add(descriptor, "FontFile2", file);

    HPDF_Dict_AddName(cid, "Type", "Font");
    HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
    HPDF_Dict_AddName(cid, "BaseFont", name);
    HPDF_Dict system = HPDF_Dict_New(mmgr());
    HPDF_Dict_Add(system, "Registry", HPDF_String_New(mmgr(), "Adobe", nullptr));
    HPDF_Dict_Add(system, "Ordering", HPDF_String_New(mmgr(), "Identity", nullptr));
    HPDF_Dict_AddNumber(system, "Supplement", 0);
    HPDF_Dict_Add(cid, "CIDSystemInfo", system);
    HPDF_Dict_Add(cid, "FontDescriptor", descriptor);
    // Full width by default; the others as "first last width" runs of
    // equal widths, or "first [w1 w2 ...]".
    HPDF_Dict_AddNumber(cid, "DW", 1000);
    if (!font.widths.empty()) {
      HPDF_Array widths = HPDF_Array_New(mmgr());
      const auto& w = font.widths;
      for (size_t i = 0; i < w.size();) {
        size_t j = i + 1;
        while (j < w.size() && w[j].first == w[j - 1].first + 1 && w[j].second == w[i].second) ++j;
        if (j - i >= 3) {
          HPDF_Array_AddNumber(widths, w[i].first);
          HPDF_Array_AddNumber(widths, w[j - 1].first);
          HPDF_Array_AddNumber(widths, w[i].second);
          i = j;
          continue;
        }
        HPDF_Array run = HPDF_Array_New(mmgr());
        HPDF_Array_AddNumber(widths, w[i].first);
        HPDF_Array_Add(widths, run);
        j = i;
        do {
          HPDF_Array_AddNumber(run, w[j].second);
          ++j;
        } while (j < w.size() && w[j].first == w[j - 1].first + 1 &&
                 !(j + 2 < w.size() && w[j + 1].first == w[j].first + 1 &&
                   w[j + 2].first == w[j].first + 2 && w[j + 1].second == w[j].second &&
                   w[j + 2].second == w[j].second));
        i = j;
      }
      HPDF_Dict_Add(cid, "W", widths);
    }
    HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity");

    HPDF_Dict_AddName(type0, "Type", "Font");
    HPDF_Dict_AddName(type0, "Subtype", "Type0");
    HPDF_Dict_AddName(type0, "BaseFont", name);
    HPDF_Dict_AddName(type0, "Encoding", "Identity-H");
    HPDF_Array descendants = HPDF_Array_New(mmgr());
    HPDF_Array_Add(descendants, cid);
    HPDF_Dict_Add(type0, "DescendantFonts", descendants);
    HPDF_Dict_Add(type0, "ToUnicode", to_unicode);
    return type0;
  }

  void PaintPage(const Page& page) {
    HPDF_Page p = HPDF_AddPage(h_.doc);
    if (p == nullptr) return;
    HPDF_Page_SetWidth(p, static_cast<HPDF_REAL>(style_.page_width));
    HPDF_Page_SetHeight(p, static_cast<HPDF_REAL>(style_.page_height));
    pages_.push_back(p);
    std::string content;
    content.reserve(4096 + 48 * page.runs.size() + 24 * page.rules.size());
    // Rules, one path per line width.
    double width = -1;
    for (const Rule& r : MergeRules(page.rules)) {
      if (r.width != width) {
        if (width >= 0) content += "S\n";
        AppendNumber(&content, r.width, 2);
        content += " w\n";
        width = r.width;
      }
      AppendNumber(&content, r.x1, 2);
      content.push_back(' ');
      AppendNumber(&content, r.y1, 2);
      content += " m ";
      AppendNumber(&content, r.x2, 2);
      content.push_back(' ');
      AppendNumber(&content, r.y2, 2);
      content += " l\n";
    }
    if (width >= 0) content += "S\n";

    if (!page.runs.empty()) {
      content += "BT\n";
      int face = -1;
      long long size = -1, space = 0;  // hundredths, thousandths
      long long x = 0, y = 0;          // line start, hundredths of a point
      for (const TextRun& run : page.runs) {
        const int f = run.face == Face::kBody ? 0 : 1;
        const int object = objects_[f] == objects_[0] ? 0 : 1;
        const long long run_size = std::llround(run.size * 100);
        if (object != face || run_size != size) {
          absl::StrAppend(&content, "/F", object + 1, " ");
          AppendNumber(&content, run.size, 2);
          content += " Tf\n";
          face = object;
          size = run_size;
        }
        const long long run_space = std::llround(run.char_space * 1000);
        if (run_space != space) {
          AppendNumber(&content, run.char_space, 3);
          content += " Tc\n";
          space = run_space;
        }
        // Td moves from the start of the previous line; from rounded
        // positions, so rounding never accumulates.
        const long long rx = std::llround(run.x * 100), ry = std::llround(run.y * 100);
        AppendNumber(&content, static_cast<double>(rx - x) / 100, 2);
        content.push_back(' ');
        AppendNumber(&content, static_cast<double>(ry - y) / 100, 2);
        content += " Td\n(";
        x = rx, y = ry;
        const EmbeddedFont& font = *embedded_[f];
        for (char32_t c : run.text) {
          const uint16_t code = font.CodeOf(c);
          for (const unsigned char b :
               {static_cast<unsigned char>(code >> 8), static_cast<unsigned char>(code & 0xFF)}) {
            // Literal string bytes: escape the delimiters and line ends,
            // which a reader would otherwise normalise.
            switch (b) {
              case '(':
              case ')':
              case '\\':
                content.push_back('\\');
                content.push_back(static_cast<char>(b));
                break;
              case '\r':
                content += "\\r";
                break;
              case '\n':
                content += "\\n";
                break;
              default:
                content.push_back(static_cast<char>(b));
            }
          }
        }
        content += ") Tj\n";
      }
      content += "ET\n";
    }
    // One resource dictionary, an indirect object shared by every page,
    // instead of a copy with libharu's five-entry ProcSet on each.
    if (resources_ == nullptr) {
      resources_ = NewDict();
      HPDF_Array procset = HPDF_Array_New(mmgr());
      HPDF_Array_AddName(procset, "PDF");
      HPDF_Array_AddName(procset, "Text");
      HPDF_Dict_Add(resources_, "ProcSet", procset);
      HPDF_Dict fonts = HPDF_Dict_New(mmgr());
      for (int i = 0; i < 2; ++i) {
        if (objects_[i] != nullptr && (i == 0 || objects_[1] != objects_[0])) {
          HPDF_Dict_Add(fonts, i == 0 ? "F1" : "F2", objects_[i]);
        }
      }
      HPDF_Dict_Add(resources_, "Font", fonts);
    }
    HPDF_Dict_Add(p, "Resources", resources_);
    auto* attr = static_cast<HPDF_PageAttr>(p->attr);
    contents_.push_back(Deflate(content, kContentLevel));
    SetDeflatedStream(attr->contents, contents_.back());
  }

  void AddBookmarks() {
    HPDF_Outline parent = nullptr;
    for (const Bookmark& b : layout_.bookmarks) {
      if (b.page < 0 || static_cast<size_t>(b.page) >= pages_.size()) continue;
      HPDF_Outline under = b.level >= 2 ? parent : nullptr;
      HPDF_Outline outline = HPDF_CreateOutline(h_.doc, under, "", nullptr);
      if (outline == nullptr) continue;
      HPDF_Dict_Add(outline, "Title", TextString(mmgr(), b.title));
      HPDF_Destination dest = HPDF_Page_CreateDestination(pages_[static_cast<size_t>(b.page)]);
      HPDF_Destination_SetFitH(dest, static_cast<HPDF_REAL>(b.y));
      HPDF_Outline_SetDestination(outline, dest);
      if (b.level <= 1) {
        HPDF_Outline_SetOpened(outline, HPDF_FALSE);
        parent = outline;
      }
    }
    if (!layout_.bookmarks.empty()) HPDF_SetPageMode(h_.doc, HPDF_PAGE_MODE_USE_OUTLINE);
  }

  void SetInfo() {
    HPDF_Doc pdf = h_.doc;
    // Creates the info dictionary; the text entries are UTF-16 strings.
    HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR,
                     options_.creator.empty() ? "nianbao" : options_.creator.c_str());
    HPDF_Dict info = pdf->info;
    if (info != nullptr) {
      if (!info_.title().empty()) HPDF_Dict_Add(info, "Title", TextString(mmgr(), info_.title()));
      if (!info_.author().empty()) {
        HPDF_Dict_Add(info, "Author", TextString(mmgr(), info_.author()));
      }
      if (!info_.subject().empty()) {
        HPDF_Dict_Add(info, "Subject", TextString(mmgr(), info_.subject()));
      }
      if (info_.keywords_size() > 0) {
        HPDF_Dict_Add(info, "Keywords", TextString(mmgr(), absl::StrJoin(info_.keywords(), ", ")));
      }
    }
    const std::string language = info_.language().empty() ? "zh-CN" : info_.language();
    HPDF_Dict_Add(pdf->catalog, "Lang", HPDF_String_New(mmgr(), language.c_str(), nullptr));
    if (!options_.deterministic) {
      const std::time_t now = std::time(nullptr);
      std::tm tm{};
      gmtime_r(&now, &tm);
      HPDF_Date date{};
      date.year = tm.tm_year + 1900;
      date.month = tm.tm_mon + 1;
      date.day = tm.tm_mday;
      date.hour = tm.tm_hour;
      date.minutes = tm.tm_min;
      date.seconds = tm.tm_sec;
      date.ind = 'Z';
      HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, date);
      HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, date);
    }
  }

  const LaidOutDocument& layout_;
  const v1::DocumentInfo& info_;
  const PageStyle& style_;
  const WriterOptions& options_;
  const Font* fonts_[2] = {nullptr, nullptr};
  std::shared_ptr<const EmbeddedFont> embedded_[2];
  HPDF_Dict objects_[2] = {nullptr, nullptr};  // the Type 0 font dictionaries
  HPDF_Dict resources_ = nullptr;
  std::vector<HPDF_Page> pages_;
  // What the stream objects read from; deques, so elements never move.
  std::deque<std::string> contents_;
  std::deque<ByteSource> sources_;
  ErrorState error_;
  DocHandle h_;
};

}  // namespace

absl::StatusOr<std::string> WritePdf(const LaidOutDocument& document, const v1::DocumentInfo& info,
                                     const Font& body, const Font& heading, const PageStyle& style,
                                     const WriterOptions& options) {
  return Writer(document, info, body, heading, style, options).Write();
}

}  // namespace nianbao::pdf
