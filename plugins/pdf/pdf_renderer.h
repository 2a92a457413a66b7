// The PDF renderer: paints a RenderRequest's Document as a PDF typeset after
// GB/T 9704 with embedded, subset Chinese fonts. This is the C++ API; the
// plugin (plugin.cc) wraps it in the renderer C ABI.
//
// Options read (proto/nianbao/v1/render.proto): paper_size, body_font,
// heading_font (fontconfig pattern or path; defaults AR PL UMing and
// WenQuanYi Zen Hei), body_font_size, deterministic, and extra:
// "table_font_size" (points), "subset_fonts" ("false" embeds whole fonts).
// The body face decides the file size: ~132 KB for the seed with UMing,
// ~74 KB with body_font "WenQuanYi Micro Hei" (docs/performance.md).
//
// Thread-safe: every call has its own libharu document; parsed fonts are
// shared, read-only, across calls.
#ifndef NIANBAO_PLUGINS_PDF_PDF_RENDERER_H_
#define NIANBAO_PLUGINS_PDF_PDF_RENDERER_H_

#include <string>

#include "absl/status/statusor.h"
#include "nianbao/v1/render.pb.h"

namespace nianbao::pdf {

inline constexpr char kPdfRendererVersion[] = "1.0.0";

// The PDF file for `request`. When the request carries no Document, it is
// built from the report. InvalidArgument for bad options, NotFound or
// FailedPrecondition when a font cannot be found or used.
absl::StatusOr<std::string> RenderPdf(const v1::RenderRequest& request);

}  // namespace nianbao::pdf

#endif  // NIANBAO_PLUGINS_PDF_PDF_RENDERER_H_
