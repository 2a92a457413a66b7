// render_html_tool: writes the HTML page of a report file, for the browser
// tests in this folder (they run before the `nianbao render` command exists
// in every build). It goes the same way the plugin does: report ->
// BuildDocument -> RenderRequest -> RenderHtml.
//
//   render_html_tool REPORT OUT.html [--fragment] [--stylesheet=none|link:HREF]
//                    [--write-css=FILE]
//
// Exit codes as the CLI: 0 ok, 1 render failed, 2 usage or unreadable input.
#include <iostream>
#include <string>

#include "absl/strings/match.h"
#include "nianbao/v1/render.pb.h"
#include "plugins/html/html_renderer.h"
#include "plugins/html/html_style.h"
#include "renderers/document_builder.h"
#include "report/report_io.h"

namespace {

int Usage() {
  std::cerr << "usage: render_html_tool REPORT OUT.html [--fragment] "
               "[--stylesheet=none|link:HREF] [--write-css=FILE]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace nianbao;
  std::string input, output, css_file;
  v1::RenderRequest request;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--fragment") {
      request.mutable_options()->set_fragment(true);
    } else if (arg == "--stylesheet=none") {
      request.mutable_options()->set_stylesheet(v1::STYLESHEET_MODE_NONE);
    } else if (absl::StartsWith(arg, "--stylesheet=link:")) {
      request.mutable_options()->set_stylesheet(v1::STYLESHEET_MODE_LINK);
      request.mutable_options()->set_stylesheet_href(arg.substr(18));
    } else if (absl::StartsWith(arg, "--write-css=")) {
      css_file = arg.substr(12);
    } else if (absl::StartsWith(arg, "--")) {
      return Usage();
    } else if (input.empty()) {
      input = arg;
    } else if (output.empty()) {
      output = arg;
    } else {
      return Usage();
    }
  }
  if (input.empty() || output.empty()) return Usage();
  if (absl::Status s = report::ReadMessageFile(input, std::nullopt, request.mutable_report());
      !s.ok()) {
    std::cerr << "render_html_tool: " << s << "\n";
    return 2;
  }
  absl::StatusOr<v1::Document> doc = renderers::BuildDocument(request.report());
  if (!doc.ok()) {
    std::cerr << "render_html_tool: " << doc.status() << "\n";
    return 2;
  }
  *request.mutable_document() = *std::move(doc);
  absl::StatusOr<std::string> html = html::RenderHtml(request);
  if (!html.ok()) {
    std::cerr << "render_html_tool: " << html.status() << "\n";
    return 1;
  }
  if (absl::Status s = report::WriteFile(output, *html); !s.ok()) {
    std::cerr << "render_html_tool: " << s << "\n";
    return 1;
  }
  if (!css_file.empty()) {
    if (absl::Status s = report::WriteFile(css_file, html::Stylesheet()); !s.ok()) {
      std::cerr << "render_html_tool: " << s << "\n";
      return 1;
    }
  }
  return 0;
}
