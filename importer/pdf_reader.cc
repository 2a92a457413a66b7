#include "importer/pdf_reader.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

// poppler's core library (libpoppler-private-dev): the path painting calls.
#include <GfxState.h>
#include <OutputDev.h>
#include <PDFDoc.h>
#include <Stream.h>

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <cmath>
#include <memory>

#include "absl/strings/str_cat.h"
#include "importer/cjk_radicals.h"

namespace nianbao::importer {
namespace {

constexpr double kThin = 3.0;     // points: a filled rectangle this thin is a rule
constexpr double kMinRule = 1.0;  // shorter marks are not rules

std::string Utf8(const poppler::ustring& s) {
  const poppler::byte_array bytes = s.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

// The UTF-8 of the `n` (1 or 2) UTF-16 units at `k`.
std::string Utf8Char(const poppler::ustring& s, size_t k, size_t n) {
  uint32_t c = s[k];
  if (n == 2) c = 0x10000 + ((c - 0xD800) << 10) + (s[k + 1] - 0xDC00);
  c = UnifiedIdeograph(c);
  // Canonically equivalent forms as one (NFC): U+2329 〈 is U+3008 〈, a CJK
  // compatibility ideograph is its unified ideograph.
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(error);
  if (U_SUCCESS(error)) {
    const icu::UnicodeString normal =
        nfc->normalize(icu::UnicodeString(static_cast<UChar32>(c)), error);
    if (U_SUCCESS(error) && normal.countChar32() == 1)
      c = static_cast<uint32_t>(normal.char32At(0));
  }
  std::string out;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

bool NearWhite(const GfxRGB& rgb) {
  return colToDbl(rgb.r) > 0.9 && colToDbl(rgb.g) > 0.9 && colToDbl(rgb.b) > 0.9;
}

// Collects axis-aligned rules in device space (72 dpi, y down).
class RuleCollector : public OutputDev {
 public:
  bool upsideDown() override { return true; }
  bool useDrawChar() override { return false; }
  bool interpretType3Chars() override { return false; }
  bool needNonText() override { return true; }

  void stroke(GfxState* state) override {
    GfxRGB rgb;
    state->getStrokeRGB(&rgb);
    if (NearWhite(rgb)) return;
    const GfxPath* path = state->getPath();
    for (int i = 0; i < path->getNumSubpaths(); ++i) {
      const GfxSubpath* sub = path->getSubpath(i);
      for (int j = 1; j < sub->getNumPoints(); ++j) {
        double x1, y1, x2, y2;
        state->transform(sub->getX(j - 1), sub->getY(j - 1), &x1, &y1);
        state->transform(sub->getX(j), sub->getY(j), &x2, &y2);
        Segment(x1, y1, x2, y2);
      }
    }
  }
  void fill(GfxState* state) override { Fill(state); }
  void eoFill(GfxState* state) override { Fill(state); }

  std::vector<PdfRule> rules;

 private:
  void Segment(double x1, double y1, double x2, double y2) {
    if (std::abs(y1 - y2) < 0.5 && std::abs(x1 - x2) >= kMinRule) {
      const double y = (y1 + y2) / 2;
      rules.push_back({std::min(x1, x2), y, std::max(x1, x2), y});
    } else if (std::abs(x1 - x2) < 0.5 && std::abs(y1 - y2) >= kMinRule) {
      const double x = (x1 + x2) / 2;
      rules.push_back({x, std::min(y1, y2), x, std::max(y1, y2)});
    }
  }

  // A thin filled rectangle (how browsers paint borders) is a rule along its
  // middle; larger fills (backgrounds) are not.
  void Fill(GfxState* state) {
    GfxRGB rgb;
    state->getFillRGB(&rgb);
    if (NearWhite(rgb)) return;
    const GfxPath* path = state->getPath();
    for (int i = 0; i < path->getNumSubpaths(); ++i) {
      const GfxSubpath* sub = path->getSubpath(i);
      if (sub->getNumPoints() < 4 || sub->getNumPoints() > 5) continue;
      double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
      bool axis_aligned = true;
      double px = 0, py = 0;
      for (int j = 0; j < sub->getNumPoints(); ++j) {
        double x, y;
        state->transform(sub->getX(j), sub->getY(j), &x, &y);
        if (j > 0 && std::abs(x - px) > 0.5 && std::abs(y - py) > 0.5) axis_aligned = false;
        px = x, py = y;
        x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x), y1 = std::max(y1, y);
      }
      if (!axis_aligned) continue;
      if (y1 - y0 <= kThin && x1 - x0 > y1 - y0) {
        Segment(x0, (y0 + y1) / 2, x1, (y0 + y1) / 2);
      } else if (x1 - x0 <= kThin && y1 - y0 > x1 - x0) {
        Segment((x0 + x1) / 2, y0, (x0 + x1) / 2, y1);
      }
    }
  }
};

void Quiet(const std::string&, void*) {}

}  // namespace

absl::StatusOr<PdfContent> ReadPdf(absl::string_view bytes) {
  poppler::set_debug_error_function(Quiet, nullptr);
  if (bytes.size() > static_cast<size_t>(INT32_MAX)) {
    return absl::InvalidArgumentError("PDF too large");
  }
  // The poppler-cpp document also keeps poppler's global parameters alive
  // while the core library draws the pages below.
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (doc == nullptr) return absl::InvalidArgumentError("not a readable PDF file");
  if (doc->is_locked()) return absl::InvalidArgumentError("the PDF is encrypted");
  PdfContent content;
  content.author = Utf8(doc->get_author());
  content.title = Utf8(doc->get_title());
  content.producer = Utf8(doc->get_producer());

  // MemStream does not copy: `bytes` outlives `core`.
  auto core = std::make_unique<PDFDoc>(
      new MemStream(bytes.data(), 0, static_cast<Goffset>(bytes.size()), Object(objNull)));
  if (!core->isOk()) return absl::InvalidArgumentError("not a readable PDF file");

  for (int i = 0; i < doc->pages(); ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (page == nullptr) continue;
    PdfPage out;
    out.number = i + 1;
    const poppler::rectf media = page->page_rect(poppler::media_box);
    out.width = media.width();
    out.height = media.height();
    for (const poppler::text_box& box : page->text_list()) {
      PdfWord word;
      const poppler::rectf r = box.bbox();
      word.box = {r.x(), r.y(), r.width(), r.height()};
      word.space_after = box.has_space_after();
      const poppler::ustring text = box.text();
      for (size_t k = 0; k < text.size(); ++k) {
        // A character outside the BMP is two UTF-16 units and one box.
        size_t n = 1;
        if (text[k] >= 0xD800 && text[k] < 0xDC00 && k + 1 < text.size()) n = 2;
        const poppler::rectf c = box.char_bbox(k);
        PdfChar ch;
        ch.text = Utf8Char(text, k, n);
        ch.box = {c.x(), c.y(), c.width(), c.height()};
        word.chars.push_back(std::move(ch));
        k += n - 1;
      }
      out.words.push_back(std::move(word));
    }
    RuleCollector rules;
    core->displayPage(&rules, i + 1, 72, 72, 0, false, false, false);
    out.rules = std::move(rules.rules);
    content.pages.push_back(std::move(out));
  }
  return content;
}

}  // namespace nianbao::importer
