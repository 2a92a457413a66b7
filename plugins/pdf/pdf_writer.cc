#include "plugins/pdf/pdf_writer.h"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>

#include <ctime>
#include <map>
#include <optional>
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

// How a face's characters are shown: codes, and the character and glyph of
// each code. With subsetting the codes are dense (font_subset.h); whole
// fonts use the Unicode code point as code.
struct FaceCodes {
  std::vector<std::pair<uint16_t, char32_t>> entries;  // (code, character), ascending codes
  std::vector<uint16_t> glyphs;                        // glyph of entries[i], when subset
  const EncodedSubset* subset = nullptr;
  // Whole fonts (subset_fonts=false) show BMP characters only: libharu's
  // UTF-8 encoder has 16-bit codes.
  uint16_t CodeOf(char32_t c) const {
    return subset ? subset->CodeOf(c) : static_cast<uint16_t>(c);
  }
};

// libharu 2.3.0's UTF-8 fonts give the font a ToUnicode stream holding a
// cidrange, which ToUnicode maps may not use (poppler warns), and which
// would be wrong for our codes anyway. Write a proper one.
void WriteToUnicode(HPDF_Doc pdf, HPDF_Font font, const FaceCodes& codes) {
  HPDF_Dict cmap = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT));
  if (cmap == nullptr || cmap->stream == nullptr) return;
  // Runs where code and character both step by one, within one 256-block
  // of each (bfrange increments the last byte only).
  struct Range {
    uint16_t first, last;
    char32_t character;
  };
  std::vector<Range> ranges;
  for (const auto& [code, c] : codes.entries) {
    if (!ranges.empty()) {
      Range& r = ranges.back();
      const uint16_t n = static_cast<uint16_t>(r.last - r.first + 1);
      if (r.last + 1 == code && r.character + n == c && (code & 0xFF) != 0 && (c & 0xFF) != 0 &&
          c <= 0xFFFF) {
        r.last = code;
        continue;
      }
    }
    ranges.push_back({code, code, c});
  }
  auto utf16 = [](char32_t c) {
    if (c <= 0xFFFF) return absl::StrFormat("%04X", static_cast<unsigned>(c));
    const char32_t v = c - 0x10000;
    return absl::StrFormat("%04X%04X", static_cast<unsigned>(0xD800 + (v >> 10)),
                           static_cast<unsigned>(0xDC00 + (v & 0x3FF)));
  };
  std::string text =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  for (size_t i = 0; i < ranges.size(); i += 100) {
    const size_t n = std::min<size_t>(100, ranges.size() - i);
    absl::StrAppend(&text, n, " beginbfrange\n");
    for (size_t k = i; k < i + n; ++k) {
      absl::StrAppend(&text, absl::StrFormat("<%04X> <%04X> <", ranges[k].first, ranges[k].last),
                      utf16(ranges[k].character), ">\n");
    }
    absl::StrAppend(&text, "endbfrange\n");
  }
  absl::StrAppend(&text, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
  HPDF_Stream stream = HPDF_MemStream_New(pdf->mmgr, 4096);
  if (stream == nullptr) return;
  HPDF_Stream_Free(cmap->stream);
  cmap->stream = stream;
  HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(text.data()),
                    static_cast<HPDF_UINT>(text.size()));
  HPDF_Dict_RemoveElement(cmap, "CMapName");
  HPDF_Dict_RemoveElement(cmap, "CIDSystemInfo");
  HPDF_Dict_RemoveElement(cmap, "WMode");
  HPDF_Dict_RemoveElement(cmap, "Type");
}

HPDF_Dict CidFont(HPDF_Font font) {
  HPDF_Array descendants =
      static_cast<HPDF_Array>(HPDF_Dict_GetItem(font, "DescendantFonts", HPDF_OCLASS_ARRAY));
  if (descendants == nullptr) return nullptr;
  return static_cast<HPDF_Dict>(HPDF_Array_GetItem(descendants, 0, HPDF_OCLASS_DICT));
}

// libharu lists a width for every code whose width differs from the
// .notdef glyph's, one array entry each: for CJK text that is every
// character. Make full width (1000) the default and list only the others.
void CompactWidths(HPDF_Doc pdf, HPDF_Font font, const Font& face, const FaceCodes& codes) {
  HPDF_Dict cid_font = CidFont(font);
  if (cid_font == nullptr) return;
  HPDF_Array widths = HPDF_Array_New(pdf->mmgr);
  if (widths == nullptr) return;
  HPDF_Array run = nullptr;
  uint16_t previous = 0;
  for (const auto& [code, c] : codes.entries) {
    const int w = face.Advance(c);
    if (w == 1000) {
      run = nullptr;
      continue;
    }
    if (run == nullptr || code != previous + 1) {
      run = HPDF_Array_New(pdf->mmgr);
      HPDF_Array_AddNumber(widths, code);
      HPDF_Array_Add(widths, run);
    }
    HPDF_Array_AddNumber(run, w);
    previous = code;
  }
  HPDF_Dict_AddNumber(cid_font, "DW", 1000);
  HPDF_Dict_Add(cid_font, "W", widths);
}

// libharu's CIDToGIDMap covers all 65536 codes; ours ends at the last code.
void CompactGlyphMap(HPDF_Doc pdf, HPDF_Font font, const FaceCodes& codes) {
  HPDF_Dict cid_font = CidFont(font);
  if (cid_font == nullptr || codes.entries.empty()) return;
  HPDF_Dict map =
      static_cast<HPDF_Dict>(HPDF_Dict_GetItem(cid_font, "CIDToGIDMap", HPDF_OCLASS_DICT));
  if (map == nullptr || map->stream == nullptr) return;
  std::string bytes(2 * (static_cast<size_t>(codes.entries.back().first) + 1), '\0');
  for (size_t i = 0; i < codes.entries.size(); ++i) {
    const size_t at = 2 * static_cast<size_t>(codes.entries[i].first);
    bytes[at] = static_cast<char>(codes.glyphs[i] >> 8);
    bytes[at + 1] = static_cast<char>(codes.glyphs[i] & 0xFF);
  }
  HPDF_Stream stream = HPDF_MemStream_New(pdf->mmgr, 4096);
  if (stream == nullptr) return;
  HPDF_Stream_Free(map->stream);
  map->stream = stream;
  HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(bytes.data()),
                    static_cast<HPDF_UINT>(bytes.size()));
}

// Embeds the subset ourselves, already deflated: libharu would otherwise
// rewrite the font from the file and deflate it on every save (the largest
// cost of a render). libharu builds the font descriptor only when the font
// definition has none, so give it one.
void EmbedDeflatedFont(HPDF_Doc pdf, HPDF_Font font, const DeflatedSubset& subset) {
  HPDF_FontAttr attr = static_cast<HPDF_FontAttr>(font->attr);
  HPDF_FontDef def = attr->fontdef;
  if (def->descriptor != nullptr) return;
  HPDF_TTFontDefAttr def_attr = static_cast<HPDF_TTFontDefAttr>(def->attr);
  HPDF_Dict file = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
  HPDF_Dict descriptor = HPDF_Dict_New(pdf->mmgr);
  if (file == nullptr || descriptor == nullptr || HPDF_Xref_Add(pdf->xref, descriptor) != HPDF_OK) {
    return;
  }
  // The bytes are deflated already: no filter for libharu to apply, but the
  // /Filter entry it would drop from a stream without one is written by hand.
  file->filter = HPDF_STREAM_FILTER_NONE;
  file->write_fn = [](HPDF_Dict, HPDF_Stream out) -> HPDF_STATUS {
    return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
  };
  HPDF_Dict_AddNumber(file, "Length1", static_cast<HPDF_INT32>(subset.subset.font.size()));
  HPDF_Stream_Write(file->stream, reinterpret_cast<const HPDF_BYTE*>(subset.deflated.data()),
                    static_cast<HPDF_UINT>(subset.deflated.size()));
  HPDF_Dict_AddName(descriptor, "Type", "FontDescriptor");
  HPDF_Dict_AddName(descriptor, "FontName", def_attr->base_font);
  HPDF_Dict_AddNumber(descriptor, "Flags", static_cast<HPDF_INT32>(def->flags));
  HPDF_Dict_Add(descriptor, "FontBBox", HPDF_Box_Array_New(pdf->mmgr, def->font_bbox));
  HPDF_Dict_AddNumber(descriptor, "ItalicAngle", def->italic_angle);
  HPDF_Dict_AddNumber(descriptor, "Ascent", def->ascent);
  HPDF_Dict_AddNumber(descriptor, "Descent", def->descent);
  HPDF_Dict_AddNumber(descriptor, "CapHeight", def->ascent);  // ideographs reach the ascent
  HPDF_Dict_AddNumber(descriptor, "StemV", def->stemv);
  HPDF_Dict_Add(descriptor, "FontFile2", file);
  def->descriptor = descriptor;
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
    HPDF_Doc pdf = h_.doc;
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCurrentEncoder(pdf, "UTF-8");
    if (absl::Status s = LoadFonts(); !s.ok()) return s;
    for (const Page& page : layout_.pages) PaintPage(page);
    AddBookmarks();
    SetInfo();
    if (error_.code != HPDF_OK) return Error("painting");
    if (HPDF_SaveToStream(pdf) != HPDF_OK) return Error("saving");
    std::string out(HPDF_GetStreamSize(pdf), '\0');
    HPDF_UINT32 size = static_cast<HPDF_UINT32>(out.size());
    HPDF_ResetStream(pdf);
    if (HPDF_ReadFromStream(pdf, reinterpret_cast<HPDF_BYTE*>(out.data()), &size) != HPDF_OK &&
        error_.code != HPDF_OK) {
      return Error("reading the output");
    }
    out.resize(size);
    return out;
  }

 private:
  absl::Status Error(absl::string_view stage) const {
    return absl::InternalError(absl::StrFormat("libharu failed %s: error 0x%04X (detail %u)", stage,
                                               static_cast<unsigned>(error_.code),
                                               static_cast<unsigned>(error_.detail)));
  }

  // Subsets and loads each face in use; the same file for body and
  // headings is loaded once.
  absl::Status LoadFonts() {
    std::set<char32_t> used[2];
    for (const Page& page : layout_.pages) {
      for (const TextRun& run : page.runs) {
        const int f = run.face == Face::kBody ? 0 : 1;
        used[f].insert(run.text.begin(), run.text.end());
      }
    }
    const bool same = fonts_[0]->file() == fonts_[1]->file();
    if (same) {
      used[0].insert(used[1].begin(), used[1].end());
      used[1].clear();
    }
    for (int f = 0; f < 2; ++f) {
      if (used[f].empty()) continue;
      const char* name = nullptr;
      FaceCodes& codes = codes_[f];
      if (options_.subset_fonts) {
        // Codes from U+0100: two bytes in UTF-8, clear of ASCII controls
        // and the space that libharu treats specially.
        absl::StatusOr<std::shared_ptr<const DeflatedSubset>> subset =
            CachedSubset(*fonts_[f], used[f], 0x100);
        if (!subset.ok()) return subset.status();
        subsets_[f] = *subset;
        const EncodedSubset& encoded = subsets_[f]->subset;
        codes.subset = &encoded;
        for (size_t i = 0; i < encoded.characters.size(); ++i) {
          codes.entries.emplace_back(static_cast<uint16_t>(0x100 + i), encoded.characters[i]);
        }
        codes.glyphs = encoded.glyphs;
        // The cached memory file stays open while subsets_ holds the entry.
        name = HPDF_LoadTTFontFromFile(h_.doc, subsets_[f]->file->path().c_str(), HPDF_TRUE);
      } else {
        for (char32_t c : used[f]) {
          if (c <= 0xFFFF) codes.entries.emplace_back(static_cast<uint16_t>(c), c);
        }
        const FontFile& file = fonts_[f]->file();
        name = file.path.size() > 4 && file.path.compare(file.path.size() - 4, 4, ".ttc") == 0
                   ? HPDF_LoadTTFontFromFile2(h_.doc, file.path.c_str(),
                                              static_cast<HPDF_UINT>(file.index), HPDF_TRUE)
                   : HPDF_LoadTTFontFromFile(h_.doc, file.path.c_str(), HPDF_TRUE);
      }
      if (name == nullptr) return Error(absl::StrCat("loading ", fonts_[f]->file().path));
      handles_[f] = HPDF_GetFont(h_.doc, name, "UTF-8");
      if (handles_[f] == nullptr) return Error("creating the font");
      WriteToUnicode(h_.doc, handles_[f], codes);
      CompactWidths(h_.doc, handles_[f], *fonts_[f], codes);
      if (codes.subset != nullptr) {
        CompactGlyphMap(h_.doc, handles_[f], codes);
        EmbedDeflatedFont(h_.doc, handles_[f], *subsets_[f]);
      }
    }
    if (same) {
      handles_[1] = handles_[0];
      codes_[1] = codes_[0];
    }
    return absl::OkStatus();
  }

  void PaintPage(const Page& page) {
    HPDF_Page p = HPDF_AddPage(h_.doc);
    HPDF_Page_SetWidth(p, static_cast<HPDF_REAL>(style_.page_width));
    HPDF_Page_SetHeight(p, static_cast<HPDF_REAL>(style_.page_height));
    pages_.push_back(p);
    // Rules, grouped by width into one path each.
    std::map<double, std::vector<const Rule*>> by_width;
    for (const Rule& rule : page.rules) by_width[rule.width].push_back(&rule);
    for (const auto& [width, rules] : by_width) {
      HPDF_Page_SetLineWidth(p, static_cast<HPDF_REAL>(width));
      std::set<std::tuple<double, double, double, double>> drawn;  // shared cell edges once
      for (const Rule* r : rules) {
        auto key = std::make_tuple(r->x1, r->y1, r->x2, r->y2);
        if (!drawn.insert(key).second) continue;
        HPDF_Page_MoveTo(p, static_cast<HPDF_REAL>(r->x1), static_cast<HPDF_REAL>(r->y1));
        HPDF_Page_LineTo(p, static_cast<HPDF_REAL>(r->x2), static_cast<HPDF_REAL>(r->y2));
      }
      HPDF_Page_Stroke(p);
    }
    if (page.runs.empty()) return;
    HPDF_Page_BeginText(p);
    int face = -1;
    double size = -1, space = 0;
    for (const TextRun& run : page.runs) {
      const int f = run.face == Face::kBody ? 0 : 1;
      if (f != face || run.size != size) {
        HPDF_Page_SetFontAndSize(p, handles_[f], static_cast<HPDF_REAL>(run.size));
        face = f;
        size = run.size;
      }
      if (run.char_space != space) {
        HPDF_Page_SetCharSpace(p, static_cast<HPDF_REAL>(run.char_space));
        space = run.char_space;
      }
      // An absolute text matrix per run: libharu's own text position
      // tracking miscounts UTF-8.
      HPDF_Page_SetTextMatrix(p, 1, 0, 0, 1, static_cast<HPDF_REAL>(run.x),
                              static_cast<HPDF_REAL>(run.y));
      std::u32string shown(run.text.size(), U' ');
      for (size_t i = 0; i < run.text.size(); ++i) shown[i] = codes_[f].CodeOf(run.text[i]);
      HPDF_Page_ShowText(p, ToUtf8(shown).c_str());
    }
    HPDF_Page_EndText(p);
  }

  void AddBookmarks() {
    HPDF_Encoder utf8 = HPDF_GetEncoder(h_.doc, "UTF-8");
    HPDF_Outline parent = nullptr;
    for (const Bookmark& b : layout_.bookmarks) {
      if (b.page < 0 || static_cast<size_t>(b.page) >= pages_.size()) continue;
      HPDF_Outline under = b.level >= 2 ? parent : nullptr;
      HPDF_Outline outline = HPDF_CreateOutline(h_.doc, under, b.title.c_str(), utf8);
      if (outline == nullptr) continue;
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
    if (!info_.title().empty()) HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, info_.title().c_str());
    if (!info_.author().empty()) HPDF_SetInfoAttr(pdf, HPDF_INFO_AUTHOR, info_.author().c_str());
    if (!info_.subject().empty()) HPDF_SetInfoAttr(pdf, HPDF_INFO_SUBJECT, info_.subject().c_str());
    if (info_.keywords_size() > 0) {
      HPDF_SetInfoAttr(pdf, HPDF_INFO_KEYWORDS, absl::StrJoin(info_.keywords(), ", ").c_str());
    }
    if (!options_.creator.empty())
      HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, options_.creator.c_str());
    const std::string language = info_.language().empty() ? "zh-CN" : info_.language();
    HPDF_Dict_Add(pdf->catalog, "Lang", HPDF_String_New(pdf->mmgr, language.c_str(), nullptr));
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
  HPDF_Font handles_[2] = {nullptr, nullptr};
  std::shared_ptr<const DeflatedSubset> subsets_[2];
  FaceCodes codes_[2];
  std::vector<HPDF_Page> pages_;
  ErrorState error_;
  DocHandle h_;  // declared last: freed first, while the subsets' files are still open
};

}  // namespace

absl::StatusOr<std::string> WritePdf(const LaidOutDocument& document, const v1::DocumentInfo& info,
                                     const Font& body, const Font& heading, const PageStyle& style,
                                     const WriterOptions& options) {
  return Writer(document, info, body, heading, style, options).Write();
}

}  // namespace nianbao::pdf
