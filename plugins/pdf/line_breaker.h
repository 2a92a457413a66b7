// Breaks a paragraph into lines with the Chinese rules (禁则): no line starts
// with closing punctuation such as ，。、；：？！）》」 and none ends with opening
// punctuation such as （《「. Break opportunities come from ICU's line
// BreakIterator (UAX #14), widths from the caller, one code point at a time.
#ifndef NIANBAO_PLUGINS_PDF_LINE_BREAKER_H_
#define NIANBAO_PLUGINS_PDF_LINE_BREAKER_H_

#include <functional>
#include <string>
#include <vector>

namespace nianbao::pdf {

// One line: code points [begin, end) of the text, trailing spaces and the
// hard line break excluded; `width` is their natural width.
struct LineSpan {
  size_t begin = 0;
  size_t end = 0;
  double width = 0;
  // The paragraph ends here or the text breaks the line itself ('\n'):
  // such a line is never stretched to the full width.
  bool last = false;
};

// Lines of `text`, the first at most `first_width` wide, the others at most
// `width`. `advance` gives a code point's width. A run that cannot break and
// does not fit a line on its own is cut between characters, still avoiding
// the forbidden positions when it can. Empty text gives no lines.
//
// With `whole_words`, lines break only between words as ICU's dictionary
// word segmentation finds them (for titles, which GB/T 9704 breaks between
// words), still cutting inside a word that fits no line.
std::vector<LineSpan> BreakLines(const std::u32string& text,
                                 const std::function<double(char32_t)>& advance, double first_width,
                                 double width, bool whole_words = false);

// BreakLines in two steps, for breaking one text at several widths (as
// balanced titles and labels do) while asking ICU and the font once:
// PrepareBreaks finds the break opportunities and character positions,
// BreakPrepared fills lines. `text` must outlive the result.
struct PreparedText {
  const std::u32string* text = nullptr;
  std::vector<size_t> breaks;  // break opportunities, ascending, ending at text.size()
  std::vector<double> x;       // x[i]: width of the first i characters
};
PreparedText PrepareBreaks(const std::u32string& text,
                           const std::function<double(char32_t)>& advance, bool whole_words);
std::vector<LineSpan> BreakPrepared(const PreparedText& prepared, double first_width, double width);

// Whether no line may start with `c` (closing punctuation, 行首禁则).
bool IsLineStartForbidden(char32_t c);
// Whether no line may end with `c` (opening punctuation, 行尾禁则).
bool IsLineEndForbidden(char32_t c);

// Decoding helpers for the renderer: UTF-8 to code points (invalid bytes
// become U+FFFD) and back.
std::u32string ToUtf32(const std::string& utf8);
std::string ToUtf8(const std::u32string& text);

}  // namespace nianbao::pdf

#endif  // NIANBAO_PLUGINS_PDF_LINE_BREAKER_H_
