// The plain-text rendering of a Document: what the text plugin returns.
//
// Title centred; headings on their own lines (level 2 and deeper indented);
// body paragraphs with a first-line indent of two characters, wrapped to the
// line width at Unicode line-break opportunities; signatures right-aligned;
// tables drawn with box-drawing characters (table_drawer.h). Blocks are
// separated by one blank line. Output is UTF-8 with "\n" line ends.
#ifndef NIANBAO_PLUGINS_TEXT_TEXT_RENDERER_H_
#define NIANBAO_PLUGINS_TEXT_TEXT_RENDERER_H_

#include <string>

#include "absl/status/statusor.h"
#include "nianbao/v1/document.pb.h"
#include "nianbao/v1/render.pb.h"

namespace nianbao::text {

// Line width in display columns when RenderOptions.line_width is not set.
inline constexpr int kDefaultLineWidth = 100;
// Narrower requests are raised to this: below it nothing useful fits.
inline constexpr int kMinLineWidth = 20;
// Wider requests are lowered to this: a line of 2^31 columns is no page, and
// padding to it would take the renderer minutes and gigabytes.
inline constexpr int kMaxLineWidth = 1000;

// Renders `document` with lines of at most `line_width` display columns
// (tables wider only when they cannot fit at all).
absl::StatusOr<std::string> RenderText(const v1::Document& document, int line_width);

// Renders request.document() with request.options().line_width.
absl::StatusOr<std::string> RenderText(const v1::RenderRequest& request);

}  // namespace nianbao::text

#endif  // NIANBAO_PLUGINS_TEXT_TEXT_RENDERER_H_
