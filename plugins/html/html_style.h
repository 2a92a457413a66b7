// The stylesheet of the HTML report: screen layout that reads well from a
// 390 px phone to a desktop, and a print layout for A4. Every rule is scoped
// under .nianbao-report so an embedded fragment does not restyle the host page.
#ifndef NIANBAO_PLUGINS_HTML_HTML_STYLE_H_
#define NIANBAO_PLUGINS_HTML_HTML_STYLE_H_

#include <string>

namespace nianbao::html {

// The class on the element that wraps the whole report.
inline constexpr char kRootClass[] = "nianbao-report";

// Tables get the class "nb-cols-<n>" for their column count; the stylesheet
// gives each a minimum width so wide tables scroll in their container
// instead of squeezing Chinese headers to one character a line. Counts above
// this share the widest rule.
inline constexpr int kMaxStyledColumns = 16;

// The whole stylesheet (screen and print), as served for
// STYLESHEET_MODE_LINK or inlined for STYLESHEET_MODE_UNSPECIFIED.
const std::string& Stylesheet();

}  // namespace nianbao::html

#endif  // NIANBAO_PLUGINS_HTML_HTML_STYLE_H_
