#include "plugins/pdf/pdf_renderer.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "plugins/pdf/document_layout.h"
#include "plugins/pdf/font.h"
#include "plugins/pdf/font_locator.h"
#include "plugins/pdf/page_decoration.h"
#include "plugins/pdf/page_style.h"
#include "plugins/pdf/pdf_writer.h"
#include "renderers/document_builder.h"

namespace nianbao::pdf {
namespace {

absl::StatusOr<std::shared_ptr<const Font>> FontFor(const std::string& option,
                                                    absl::string_view fallback,
                                                    absl::string_view what) {
  const std::string spec = option.empty() ? std::string(fallback) : option;
  absl::StatusOr<FontFile> file = LocateFont(spec);
  if (!file.ok()) {
    return absl::Status(file.status().code(),
                        absl::StrCat("options.", what, ": ", file.status().message()));
  }
  absl::StatusOr<std::shared_ptr<const Font>> font = GetFont(*file);
  if (!font.ok()) {
    return absl::Status(font.status().code(),
                        absl::StrCat("options.", what, ": ", font.status().message()));
  }
  return font;
}

}  // namespace

absl::StatusOr<std::string> RenderPdf(const v1::RenderRequest& request) {
  absl::StatusOr<PageStyle> style = MakePageStyle(request.options());
  if (!style.ok()) return style.status();
  auto body = FontFor(request.options().body_font(), kDefaultBodyFont, "body_font");
  if (!body.ok()) return body.status();
  auto heading = FontFor(request.options().heading_font(), kDefaultHeadingFont, "heading_font");
  if (!heading.ok()) return heading.status();

  const v1::Document* document = &request.document();
  v1::Document built;
  if (document->blocks_size() == 0 && document->title().empty()) {
    absl::StatusOr<v1::Document> d = renderers::BuildDocument(request.report());
    if (!d.ok()) return d.status();
    built = std::move(*d);
    document = &built;
  }

  LaidOutDocument laid_out = LayOutDocument(*document, **body, **heading, *style);
  AddPageNumbers(**body, *style, &laid_out);

  WriterOptions options;
  options.deterministic = request.options().deterministic();
  auto subset = request.options().extra().find("subset_fonts");
  options.subset_fonts =
      subset == request.options().extra().end() || absl::AsciiStrToLower(subset->second) != "false";
  options.creator = absl::StrCat("nianbao pdf renderer ", kPdfRendererVersion);
  return WritePdf(laid_out, document->info(), **body, **heading, *style, options);
}

}  // namespace nianbao::pdf
