// Wrapping text to a display width at the places Unicode allows a line
// break (UAX #14, via ICU's line break iterator for Chinese): between 汉字,
// at spaces, never before "，" or "。" nor after "（". A piece longer than
// the width is cut between characters as a last resort.
#ifndef NIANBAO_PLUGINS_TEXT_LINE_BREAKER_H_
#define NIANBAO_PLUGINS_TEXT_LINE_BREAKER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

struct UBreakIterator;

namespace nianbao::text {

// The text between two break opportunities.
struct Segment {
  std::string text;         // without trailing white space
  int width = 0;            // display width of `text`
  std::string space;        // trailing white space, dropped at a line end
  int space_width = 0;      // its display width
  bool hard_break = false;  // a newline follows: the line ends here
};

// Not thread-safe: one per thread (or per render).
class LineBreaker {
 public:
  // Fails when ICU cannot build its line break rules (missing ICU data).
  static absl::StatusOr<std::unique_ptr<LineBreaker>> Create();
  ~LineBreaker();
  LineBreaker(const LineBreaker&) = delete;
  LineBreaker& operator=(const LineBreaker&) = delete;

  // `text` cut at every break opportunity. Tabs count as spaces; "\r\n"
  // and "\r" as "\n".
  std::vector<Segment> Segments(absl::string_view text);

  // `text` wrapped to lines of at most `width` columns, the first line at
  // most `first_width` (to leave room for an indent). Newlines in `text`
  // always end a line. A character wider than the width gets a line alone.
  std::vector<std::string> Wrap(absl::string_view text, int width, int first_width);
  std::vector<std::string> Wrap(absl::string_view text, int width) {
    return Wrap(text, width, width);
  }

 private:
  explicit LineBreaker(UBreakIterator* iterator) : iterator_(iterator) {}
  UBreakIterator* iterator_;
};

// Wraps already cut segments (see LineBreaker::Wrap).
std::vector<std::string> WrapSegments(const std::vector<Segment>& segments, int width,
                                      int first_width);

// The widest segment, i.e. the narrowest width that needs no cut inside a
// piece; and the widest single character.
int WidestSegment(const std::vector<Segment>& segments);
int WidestCharacter(absl::string_view text);

}  // namespace nianbao::text

#endif  // NIANBAO_PLUGINS_TEXT_LINE_BREAKER_H_
