#include "plugins/text/text_renderer.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "plugins/text/display_width.h"
#include "plugins/text/line_breaker.h"
#include "plugins/text/table_drawer.h"

namespace nianbao::text {

namespace {

// Indent of a body paragraph's first line and of deeper headings: two
// characters of Chinese text.
constexpr int kIndent = 4;

class TextWriter {
 public:
  TextWriter(int width, LineBreaker& breaker) : width_(width), breaker_(breaker) {}

  void BlankLine() {
    if (!out_.empty()) out_ += "\n";
  }

  void Centered(absl::string_view text) {
    for (const std::string& line : breaker_.Wrap(text, width_)) {
      Line(absl::StrCat(Spaces((width_ - DisplayWidth(line)) / 2), line));
    }
  }

  void RightAligned(absl::string_view text) {
    for (const std::string& line : breaker_.Wrap(text, width_)) {
      Line(absl::StrCat(Spaces(width_ - DisplayWidth(line)), line));
    }
  }

  // Wrapped text, every line indented by `indent` and the first by
  // `first_indent`.
  void Indented(absl::string_view text, int first_indent, int indent) {
    const std::vector<std::string> lines =
        breaker_.Wrap(text, width_ - indent, width_ - first_indent);
    for (size_t i = 0; i < lines.size(); ++i) {
      Line(absl::StrCat(Spaces(i == 0 ? first_indent : indent), lines[i]));
    }
  }

  void Line(absl::string_view line) {
    // No trailing blanks: they are invisible and make diffs noisy.
    size_t end = line.size();
    while (end > 0 && line[end - 1] == ' ') --end;
    absl::StrAppend(&out_, line.substr(0, end), "\n");
  }

  std::string Take() { return std::move(out_); }

 private:
  const int width_;
  LineBreaker& breaker_;
  std::string out_;
};

std::string HeadingText(const v1::Heading& h) { return absl::StrCat(h.number(), h.text()); }

}  // namespace

absl::StatusOr<std::string> RenderText(const v1::Document& document, int line_width) {
  if (line_width <= 0) line_width = kDefaultLineWidth;
  line_width = std::clamp(line_width, kMinLineWidth, kMaxLineWidth);
  auto breaker = LineBreaker::Create();
  if (!breaker.ok()) return breaker.status();
  TextWriter out(line_width, **breaker);

  if (!document.title().empty()) out.Centered(document.title());
  const v1::Heading* last_heading = nullptr;
  for (const v1::DocBlock& block : document.blocks()) {
    out.BlankLine();
    switch (block.kind_case()) {
      case v1::DocBlock::kHeading: {
        const v1::Heading& h = block.heading();
        const int indent = h.level() <= 1 ? 0 : kIndent;
        out.Indented(HeadingText(h), indent, indent);
        last_heading = &h;
        continue;
      }
      case v1::DocBlock::kParagraph: {
        const v1::DocParagraph& p = block.paragraph();
        v1::Alignment alignment = p.alignment();
        if (alignment == v1::ALIGNMENT_UNSPECIFIED) {
          if (p.role() == v1::PARAGRAPH_ROLE_META) alignment = v1::ALIGNMENT_CENTER;
          if (p.role() == v1::PARAGRAPH_ROLE_SIGNATURE) alignment = v1::ALIGNMENT_END;
        }
        if (alignment == v1::ALIGNMENT_CENTER) {
          out.Centered(p.text());
        } else if (alignment == v1::ALIGNMENT_END) {
          out.RightAligned(p.text());
        } else {
          // Body text: first-line indent; explicit start alignment: none.
          out.Indented(p.text(), alignment == v1::ALIGNMENT_START ? 0 : kIndent, 0);
        }
        break;
      }
      case v1::DocBlock::kTable: {
        const v1::Table& table = block.table();
        auto lines = DrawTable(table, line_width, **breaker);
        if (!lines.ok()) return lines.status();
        // The caption repeats the section heading in the official layout;
        // print it only when it says something the heading does not.
        if (!table.caption().empty() &&
            (last_heading == nullptr || last_heading->text() != table.caption())) {
          out.Centered(table.caption());
        }
        for (const std::string& line : *lines) out.Line(line);
        break;
      }
      case v1::DocBlock::KIND_NOT_SET:
        break;
    }
    last_heading = nullptr;
  }
  return out.Take();
}

absl::StatusOr<std::string> RenderText(const v1::RenderRequest& request) {
  return RenderText(request.document(), request.options().line_width());
}

}  // namespace nianbao::text
