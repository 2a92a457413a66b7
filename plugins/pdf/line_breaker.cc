#include "plugins/pdf/line_breaker.h"

#include <unicode/brkiter.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <iterator>
#include <memory>

namespace nianbao::pdf {
namespace {

bool IsSpace(char32_t c) { return c == U' ' || c == U'\t' || c == U'\u3000' || c == U'\u00a0'; }

// One line-break iterator per thread: creating one loads ICU's rules (slow),
// and an iterator is not safe to share.
icu::BreakIterator* LineIterator() {
  thread_local std::unique_ptr<icu::BreakIterator> iterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(
        icu::BreakIterator::createLineInstance(icu::Locale::getSimplifiedChinese(), status));
    if (U_FAILURE(status)) it.reset();
    return it;
  }();
  return iterator.get();
}

icu::BreakIterator* WordIterator() {
  thread_local std::unique_ptr<icu::BreakIterator> iterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(
        icu::BreakIterator::createWordInstance(icu::Locale::getSimplifiedChinese(), status));
    if (U_FAILURE(status)) it.reset();
    return it;
  }();
  return iterator.get();
}

// Break opportunities of `text` as code point offsets, ascending, ending at
// text.size(). Offsets after '\n' are hard breaks.
std::vector<size_t> Opportunities(const std::u32string& text, bool words) {
  std::vector<size_t> out;
  icu::BreakIterator* it = words ? WordIterator() : LineIterator();
  if (it == nullptr) {  // no ICU data: break anywhere allowed by the tables below
    for (size_t i = 1; i <= text.size(); ++i) out.push_back(i);
    return out;
  }
  icu::UnicodeString utf16 = icu::UnicodeString::fromUTF32(
      reinterpret_cast<const UChar32*>(text.data()), static_cast<int32_t>(text.size()));
  // UTF-16 offset -> code point offset.
  std::vector<size_t> cp_of(static_cast<size_t>(utf16.length()) + 1, 0);
  size_t cp = 0;
  for (int32_t i = 0; i < utf16.length(); ++i) {
    cp_of[static_cast<size_t>(i)] = cp;
    if (!U16_IS_LEAD(utf16.charAt(i)) || i + 1 == utf16.length()) ++cp;
  }
  cp_of[static_cast<size_t>(utf16.length())] = text.size();
  it->setText(utf16);
  for (int32_t b = it->next(); b != icu::BreakIterator::DONE; b = it->next()) {
    const size_t at = cp_of[static_cast<size_t>(b)];
    // ICU follows UAX #14; these tables hold the Chinese rules whatever the
    // ICU version's tailoring of quotes and marks.
    if (at < text.size() && text[at - 1] != U'\n' &&
        (IsLineStartForbidden(text[at]) || IsLineEndForbidden(text[at - 1]))) {
      continue;
    }
    out.push_back(at);
  }
  return out;
}

}  // namespace

bool IsLineStartForbidden(char32_t c) {
  switch (c) {
    case U'，':
    case U'。':
    case U'、':
    case U'；':
    case U'：':
    case U'？':
    case U'！':
    case U'）':
    case U'》':
    case U'」':
    case U'』':
    case U'】':
    case U'〕':
    case U'〉':
    case U'”':
    case U'’':
    case U'…':
    case U'·':
    case U'％':
    case U'‰':
    case U',':
    case U'.':
    case U';':
    case U':':
    case U'?':
    case U'!':
    case U')':
    case U']':
    case U'%':
      return true;
    default:
      return false;
  }
}

bool IsLineEndForbidden(char32_t c) {
  switch (c) {
    case U'（':
    case U'《':
    case U'「':
    case U'『':
    case U'【':
    case U'〔':
    case U'〈':
    case U'“':
    case U'‘':
    case U'(':
    case U'[':
      return true;
    default:
      return false;
  }
}

PreparedText PrepareBreaks(const std::u32string& text,
                           const std::function<double(char32_t)>& advance, bool whole_words) {
  PreparedText p;
  p.text = &text;
  if (text.empty()) return p;
  p.breaks = Opportunities(text, false);
  if (whole_words) {
    // Line-break opportunities that are also word boundaries.
    const std::vector<size_t> words = Opportunities(text, true);
    std::vector<size_t> both;
    std::set_intersection(p.breaks.begin(), p.breaks.end(), words.begin(), words.end(),
                          std::back_inserter(both));
    p.breaks = std::move(both);
    if (p.breaks.empty() || p.breaks.back() != text.size()) p.breaks.push_back(text.size());
  }
  // Prefix sums of widths make any span's width O(1).
  p.x.assign(text.size() + 1, 0);
  for (size_t i = 0; i < text.size(); ++i) p.x[i + 1] = p.x[i] + advance(text[i]);
  return p;
}

std::vector<LineSpan> BreakPrepared(const PreparedText& prepared, double first_width,
                                    double width) {
  std::vector<LineSpan> lines;
  if (prepared.text == nullptr || prepared.text->empty()) return lines;
  const std::u32string& text = *prepared.text;
  const std::vector<size_t>& breaks = prepared.breaks;
  const std::vector<double>& x = prepared.x;
  auto visible_end = [&](size_t begin, size_t end) {
    while (end > begin && (IsSpace(text[end - 1]) || text[end - 1] == U'\n')) --end;
    return end;
  };
  size_t begin = 0;
  size_t next_break = 0;  // index into breaks
  while (begin < text.size()) {
    const double limit = lines.empty() ? first_width : width;
    size_t best = 0;  // chosen end (exclusive) of this line
    bool hard = false;
    while (next_break < breaks.size() && breaks[next_break] <= begin) ++next_break;
    for (size_t k = next_break; k < breaks.size(); ++k) {
      const size_t b = breaks[k];
      const size_t end = visible_end(begin, b);
      if (x[end] - x[begin] > limit + 1e-6) break;
      best = b;
      if (text[b - 1] == U'\n') {
        hard = true;
        break;
      }
    }
    if (best == 0) {
      // Nothing fits: cut the run between characters, keeping at least one.
      size_t end = begin + 1;
      while (end < text.size() && x[end + 1] - x[begin] <= limit + 1e-6) ++end;
      // Move a forbidden line start or end back, if the line keeps a character.
      while (end < text.size() && end - 1 > begin &&
             (IsLineStartForbidden(text[end]) || IsLineEndForbidden(text[end - 1]))) {
        --end;
      }
      best = end;
    }
    LineSpan line;
    line.begin = begin;
    line.end = visible_end(begin, best);
    line.width = x[line.end] - x[line.begin];
    line.last = hard || best >= text.size();
    lines.push_back(line);
    begin = best;
    while (begin < text.size() && IsSpace(text[begin])) ++begin;  // no leading spaces
  }
  if (!lines.empty()) lines.back().last = true;
  return lines;
}

std::vector<LineSpan> BreakLines(const std::u32string& text,
                                 const std::function<double(char32_t)>& advance, double first_width,
                                 double width, bool whole_words) {
  return BreakPrepared(PrepareBreaks(text, advance, whole_words), first_width, width);
}

std::u32string ToUtf32(const std::string& utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(utf8.size());
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    out.push_back(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c));
  }
  return out;
}

std::string ToUtf8(const std::u32string& text) {
  std::string out;
  out.reserve(text.size() * 3);
  for (char32_t c : text) {
    uint8_t buf[4];
    int32_t len = 0;
    UBool error = false;
    U8_APPEND(buf, len, 4, static_cast<UChar32>(c), error);
    if (error) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(reinterpret_cast<char*>(buf), static_cast<size_t>(len));
    }
  }
  return out;
}

}  // namespace nianbao::pdf
