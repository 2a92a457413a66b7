// The stylesheet of the HTML report: screen layout that reads well from a
// 390 px phone to a desktop, and a print layout for A4. Every rule is scoped
// under .nianbao-report so an embedded fragment does not restyle the host page.
#ifndef NIANBAO_PLUGINS_HTML_HTML_STYLE_H_
#define NIANBAO_PLUGINS_HTML_HTML_STYLE_H_

#include <string>

namespace nianbao::html {

// The class on the element that wraps the whole report.
inline constexpr char kRootClass[] = "nianbao-report";

// Label columns get the class "nb-col-w<weight>" from their width hint
// (ColumnSpec.weight), figure columns "nb-col-figure"; weights above this
// share the widest rule.
inline constexpr int kMaxColumnWeight = 12;

// Widths in em (of the table's font) the stylesheet gives those columns.
inline constexpr double kFigureColumnEm = 4.8;
inline constexpr double kLabelEmPerWeight = 1.5;

// Column widths alone do not stop a browser from squeezing a table into a
// narrow screen, so each table also gets the class "nb-min-<n>": a minimum
// width of n em, n the sum of its column widths rounded up to an even
// number, at most this.
inline constexpr int kMaxTableMinEm = 120;

// The whole stylesheet (screen and print), as served for
// STYLESHEET_MODE_LINK or inlined for STYLESHEET_MODE_UNSPECIFIED.
const std::string& Stylesheet();

}  // namespace nianbao::html

#endif  // NIANBAO_PLUGINS_HTML_HTML_STYLE_H_
