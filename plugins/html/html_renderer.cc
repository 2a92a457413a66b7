#include "plugins/html/html_renderer.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "plugins/html/html_escape.h"
#include "plugins/html/html_style.h"
#include "plugins/html/html_table.h"

namespace nianbao::html {
namespace {

constexpr char kDefaultLanguage[] = "zh-CN";

void AppendMeta(const char* name, const std::string& content, std::string* out) {
  if (content.empty()) return;
  absl::StrAppend(out, "<meta name=\"", name, "\" content=\"");
  AppendEscaped(content, out);
  out->append("\">\n");
}

void AppendStylesheet(const v1::RenderOptions& options, std::string* out) {
  switch (options.stylesheet()) {
    case v1::STYLESHEET_MODE_LINK:
      out->append("<link rel=\"stylesheet\" href=\"");
      AppendEscaped(options.stylesheet_href(), out);
      out->append("\">\n");
      break;
    case v1::STYLESHEET_MODE_NONE:
      break;
    default:
      absl::StrAppend(out, "<style>\n", Stylesheet(), "</style>\n");
      break;
  }
}

const char* ParagraphClass(const v1::DocParagraph& p) {
  switch (p.role()) {
    case v1::PARAGRAPH_ROLE_META:
      return "nb-meta";
    case v1::PARAGRAPH_ROLE_SIGNATURE:
      return "nb-signature";
    default:
      return "nb-body";
  }
}

class Painter {
 public:
  explicit Painter(std::string* out) : out_(out) {}

  void Title(const std::string& title) {
    out_->append("<h1>");
    AppendEscaped(title, out_);
    out_->append("</h1>\n");
  }

  // Document level 1 (a section) is <h2> under the title, its subsections
  // <h3>, and so on. A heading is one level below its nearest enclosing
  // heading (one with a smaller document level), never more, so the outline
  // has no gaps even where the document skips a level (a preamble may open
  // with a level-2 subsection).
  void Heading(const v1::Heading& h) {
    while (!open_.empty() && open_.back().first >= h.level()) open_.pop_back();
    const int level = std::min(open_.empty() ? 2 : open_.back().second + 1, 6);
    open_.emplace_back(h.level(), level);
    absl::StrAppend(out_, "<h", level);
    if (!h.id().empty()) {
      out_->append(" id=\"");
      AppendEscaped(h.id(), out_);
      out_->append("\"");
    }
    out_->append(">");
    if (!h.number().empty()) {
      out_->append("<span class=\"nb-number\">");
      AppendEscaped(h.number(), out_);
      out_->append("</span>");
    }
    AppendEscaped(h.text(), out_);
    absl::StrAppend(out_, "</h", level, ">\n");
  }

  void Paragraph(const v1::DocParagraph& p) {
    absl::StrAppend(out_, "<p class=\"", ParagraphClass(p), "\">");
    AppendEscaped(p.text(), out_);
    out_->append("</p>\n");
  }

  void Table(const v1::Table& t) { AppendTable(t, out_); }

 private:
  std::string* out_;
  // Enclosing headings: (document level, HTML level), outermost first.
  std::vector<std::pair<int, int>> open_;
};

void AppendBody(const v1::Document& doc, const std::string& lang, bool fragment, std::string* out) {
  // A fragment carries its own lang: the host page may be in another one.
  absl::StrAppend(out, "<article class=\"", kRootClass, "\"");
  if (fragment) {
    out->append(" lang=\"");
    AppendEscaped(lang, out);
    out->append("\"");
  }
  out->append(">\n");
  Painter painter(out);
  painter.Title(doc.title().empty() ? doc.info().title() : doc.title());
  for (const v1::DocBlock& block : doc.blocks()) {
    switch (block.kind_case()) {
      case v1::DocBlock::kHeading:
        painter.Heading(block.heading());
        break;
      case v1::DocBlock::kParagraph:
        painter.Paragraph(block.paragraph());
        break;
      case v1::DocBlock::kTable:
        painter.Table(block.table());
        break;
      default:
        break;
    }
  }
  out->append("</article>\n");
}

}  // namespace

absl::StatusOr<std::string> RenderHtml(const v1::RenderRequest& request) {
  const v1::Document& doc = request.document();
  const v1::RenderOptions& options = request.options();
  if (doc.title().empty() && doc.info().title().empty() && doc.blocks_size() == 0) {
    return absl::InvalidArgumentError("document: empty (no title and no blocks)");
  }
  if (options.stylesheet() == v1::STYLESHEET_MODE_LINK && options.stylesheet_href().empty()) {
    return absl::InvalidArgumentError(
        "options.stylesheet_href: required when options.stylesheet is STYLESHEET_MODE_LINK");
  }
  const std::string lang = doc.info().language().empty() ? kDefaultLanguage : doc.info().language();
  std::string out;
  out.reserve(64 * 1024);
  if (options.fragment()) {
    // A <style> or <link> leads the fragment; browsers apply both in <body>.
    AppendStylesheet(options, &out);
    AppendBody(doc, lang, /*fragment=*/true, &out);
    return out;
  }
  out.append("<!DOCTYPE html>\n<html lang=\"");
  AppendEscaped(lang, &out);
  out.append("\">\n<head>\n<meta charset=\"utf-8\">\n");
  out.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
  out.append("<title>");
  AppendEscaped(doc.info().title().empty() ? doc.title() : doc.info().title(), &out);
  out.append("</title>\n");
  AppendMeta("author", doc.info().author(), &out);
  AppendMeta("description", doc.info().subject(), &out);
  AppendMeta("keywords", absl::StrJoin(doc.info().keywords(), ","), &out);
  AppendStylesheet(options, &out);
  out.append("</head>\n<body>\n<main>\n");
  AppendBody(doc, lang, /*fragment=*/false, &out);
  out.append("</main>\n</body>\n</html>\n");
  return out;
}

}  // namespace nianbao::html
