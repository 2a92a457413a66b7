// The HTML renderer: paints a Document as the accessible web page agencies
// publish on their website (or a fragment for a CMS template).
//
// Output is HTML5 with lang="zh-CN" and no JavaScript: one <h1> (the title),
// an <h2> per section, deeper headings for numbered subsections, and each
// table with a caption, merged headers in <thead> and `headers` on every
// figure (plugins/html/html_table.h). All report text is escaped.
//
// Options read from RenderRequest.options:
//   fragment         an <article> to embed instead of a whole document
//   stylesheet       INLINE (default) a <style> element; LINK a
//                    <link rel="stylesheet"> to stylesheet_href; NONE no CSS
//   stylesheet_href  required with LINK
#ifndef NIANBAO_PLUGINS_HTML_HTML_RENDERER_H_
#define NIANBAO_PLUGINS_HTML_HTML_RENDERER_H_

#include <string>

#include "absl/status/statusor.h"
#include "nianbao/v1/render.pb.h"

namespace nianbao::html {

// The page for `request.document()`. InvalidArgument when the document is
// empty (no title and no blocks) or LINK is asked for without an href.
absl::StatusOr<std::string> RenderHtml(const v1::RenderRequest& request);

}  // namespace nianbao::html

#endif  // NIANBAO_PLUGINS_HTML_HTML_RENDERER_H_
