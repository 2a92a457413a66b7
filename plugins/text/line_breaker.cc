#include "plugins/text/line_breaker.h"

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "plugins/text/display_width.h"

namespace nianbao::text {

namespace {

bool IsSpace(int32_t c) { return c == ' ' || c == '\t' || c == 0x3000; }

// Splits `piece` (text between two break opportunities, perhaps ending in
// white space and a newline) into a Segment.
Segment MakeSegment(absl::string_view piece) {
  Segment s;
  if (!piece.empty() && piece.back() == '\n') {
    s.hard_break = true;
    piece.remove_suffix(1);
  }
  // Trailing white space starts after the last other character.
  size_t space_start = 0;
  for (size_t i = 0; i < piece.size();) {
    if (!IsSpace(NextCodePoint(piece, &i))) space_start = i;
  }
  s.text = std::string(piece.substr(0, space_start));
  s.width = DisplayWidth(s.text);
  // Tabs become one space each: their width depends on tab stops we do not have.
  for (char c : piece.substr(space_start)) s.space += (c == '\t' ? ' ' : c);
  s.space_width = DisplayWidth(s.space);
  return s;
}

// Cuts `text` between characters into pieces of at most `width` columns
// (at least one character each).
std::vector<std::string> CutCharacters(absl::string_view text, int width) {
  std::vector<std::string> pieces;
  std::string current;
  int current_width = 0;
  for (size_t i = 0; i < text.size();) {
    const size_t at = i;
    const int w = CodePointWidth(NextCodePoint(text, &i));
    if (current_width > 0 && current_width + w > width) {
      pieces.push_back(std::move(current));
      current.clear();
      current_width = 0;
    }
    current.append(text.data() + at, i - at);
    current_width += w;
  }
  if (!current.empty()) pieces.push_back(std::move(current));
  return pieces;
}

std::string Normalize(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (text[i] == '\t') {
      out += ' ';
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

absl::StatusOr<std::unique_ptr<LineBreaker>> LineBreaker::Create() {
  UErrorCode status = U_ZERO_ERROR;
  UBreakIterator* it = ubrk_open(UBRK_LINE, "zh", nullptr, 0, &status);
  if (U_FAILURE(status) || it == nullptr) {
    return absl::InternalError(
        absl::StrCat("ICU line break iterator unavailable: ", u_errorName(status)));
  }
  return std::unique_ptr<LineBreaker>(new LineBreaker(it));
}

LineBreaker::~LineBreaker() { ubrk_close(iterator_); }

std::vector<Segment> LineBreaker::Segments(absl::string_view raw) {
  const std::string text = Normalize(raw);
  std::vector<Segment> segments;
  if (text.empty()) return segments;
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_SUCCESS(status)) ubrk_setUText(iterator_, ut, &status);
  if (U_FAILURE(status)) {
    // Without break opportunities the text is still wrapped, between characters.
    if (ut != nullptr) utext_close(ut);
    segments.push_back(MakeSegment(text));
    return segments;
  }
  // With a UTF-8 UText the boundaries are byte offsets into `text`.
  int32_t start = ubrk_first(iterator_);
  for (int32_t end = ubrk_next(iterator_); end != UBRK_DONE;
       start = end, end = ubrk_next(iterator_)) {
    absl::string_view piece(text.data() + start, static_cast<size_t>(end - start));
    // A piece may hold several newlines ("\n\n"): each ends a line.
    while (!piece.empty()) {
      const size_t nl = piece.find('\n');
      const size_t len = nl == absl::string_view::npos ? piece.size() : nl + 1;
      segments.push_back(MakeSegment(piece.substr(0, len)));
      piece.remove_prefix(len);
    }
  }
  utext_close(ut);
  return segments;
}

std::vector<std::string> LineBreaker::Wrap(absl::string_view text, int width, int first_width) {
  return WrapSegments(Segments(text), width, first_width);
}

std::vector<std::string> WrapSegments(const std::vector<Segment>& segments, int width,
                                      int first_width) {
  width = std::max(width, 1);
  first_width = std::max(first_width, 1);
  std::vector<std::string> lines;
  std::string line;
  int line_width = 0;
  bool started = false;  // the line holds a piece (perhaps of width 0)
  std::string pending;   // white space after the last piece on the line
  int pending_width = 0;
  auto limit = [&] { return lines.empty() ? first_width : width; };
  auto end_line = [&] {
    lines.push_back(std::move(line));
    line.clear();
    line_width = 0;
    started = false;
    pending.clear();
    pending_width = 0;
  };
  for (const Segment& s : segments) {
    if (!s.text.empty()) {
      if (started && line_width + pending_width + s.width > limit()) end_line();
      if (!started) {
        started = true;
        // Leading white space of a line is dropped; a piece too wide for
        // the line is cut between characters.
        if (s.width > limit()) {
          std::vector<std::string> pieces = CutCharacters(s.text, limit());
          // Only the first line may be narrower; recut the rest at `width`.
          if (lines.empty() && first_width != width && pieces.size() > 1) {
            std::string rest;
            for (size_t i = 1; i < pieces.size(); ++i) rest += pieces[i];
            std::vector<std::string> more = CutCharacters(rest, width);
            pieces.resize(1);
            pieces.insert(pieces.end(), more.begin(), more.end());
          }
          for (size_t i = 0; i + 1 < pieces.size(); ++i) {
            line = pieces[i];
            end_line();
          }
          line = pieces.back();
          line_width = DisplayWidth(line);
          started = true;
        } else {
          line = s.text;
          line_width = s.width;
        }
      } else {
        line += pending;
        line += s.text;
        line_width += pending_width + s.width;
      }
      pending = s.space;
      pending_width = s.space_width;
    } else if (started) {
      pending += s.space;
      pending_width += s.space_width;
    }
    if (s.hard_break) end_line();
  }
  if (started || lines.empty()) end_line();
  return lines;
}

int WidestSegment(const std::vector<Segment>& segments) {
  int widest = 0;
  for (const Segment& s : segments) widest = std::max(widest, s.width);
  return widest;
}

int WidestCharacter(absl::string_view text) {
  int widest = 0;
  for (size_t i = 0; i < text.size();)
    widest = std::max(widest, CodePointWidth(NextCodePoint(text, &i)));
  return widest;
}

}  // namespace nianbao::text
