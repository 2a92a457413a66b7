// Finds font files for the PDF renderer: a fontconfig pattern ("AR PL UMing
// CN", "WenQuanYi Zen Hei:lang=zh-cn") or a file path ("/x/font.ttc", with an
// optional ":N" face index) becomes a file and a face index. Answers are
// cached, so fontconfig is asked once per pattern per process.
#ifndef NIANBAO_PLUGINS_PDF_FONT_LOCATOR_H_
#define NIANBAO_PLUGINS_PDF_FONT_LOCATOR_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace nianbao::pdf {

// The Song/Ming face for body text and the Hei face for titles and headings,
// both TrueType-outline fonts from Debian packages (fonts-arphic-uming,
// fonts-wqy-zenhei). libharu embeds only TrueType (glyf) outlines.
inline constexpr absl::string_view kDefaultBodyFont = "AR PL UMing CN:lang=zh-cn";
inline constexpr absl::string_view kDefaultHeadingFont = "WenQuanYi Zen Hei:lang=zh-cn";

// A face inside a font file (.ttf, or .ttc with several faces).
struct FontFile {
  std::string path;
  int index = 0;

  bool operator==(const FontFile& o) const { return path == o.path && index == o.index; }
  bool operator<(const FontFile& o) const {
    return path != o.path ? path < o.path : index < o.index;
  }
};

// Resolves `spec`: a path when it starts with '/', otherwise a fontconfig
// pattern. NotFound when no file matches; FailedPrecondition when the match is
// not a TrueType font. Thread-safe.
absl::StatusOr<FontFile> LocateFont(absl::string_view spec);

}  // namespace nianbao::pdf

#endif  // NIANBAO_PLUGINS_PDF_FONT_LOCATOR_H_
