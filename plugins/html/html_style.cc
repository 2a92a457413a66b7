#include "plugins/html/html_style.h"

#include "absl/strings/str_cat.h"

namespace nianbao::html {
namespace {

// Fonts: Song/Ming for body text and Hei for headings, as on the printed
// report; the list covers Windows, macOS and Linux (Debian's fonts-arphic-uming
// and fonts-wqy-zenhei).
constexpr char kBase[] = R"css(.nianbao-report {
  --nb-ink: #1a1a1a;
  --nb-rule: #555;
  --nb-head-bg: #eef1f5;
  --nb-accent: #8b1a1a;
  box-sizing: border-box;
  max-width: 66rem;
  margin: 0 auto;
  padding: 1.5rem 1rem 3rem;
  color: var(--nb-ink);
  background: #fff;
  font-family: "Songti SC", "SimSun", "Noto Serif CJK SC", "Source Han Serif SC",
    "AR PL UMing CN", "AR PL UMing", serif;
  font-size: 1.0625rem;
  line-height: 1.85;
  overflow-wrap: anywhere;
}
.nianbao-report *, .nianbao-report *::before, .nianbao-report *::after { box-sizing: inherit; }
.nianbao-report h1, .nianbao-report h2, .nianbao-report h3, .nianbao-report h4,
.nianbao-report h5, .nianbao-report h6, .nianbao-report caption, .nianbao-report th {
  font-family: "Heiti SC", "SimHei", "Microsoft YaHei", "Noto Sans CJK SC",
    "Source Han Sans SC", "WenQuanYi Zen Hei", sans-serif;
}
.nianbao-report h1 {
  margin: 0 0 1.25rem;
  text-align: center;
  font-size: 1.6rem;
  line-height: 1.4;
  color: var(--nb-accent);
}
.nianbao-report h2 {
  margin: 2rem 0 0.75rem;
  padding-bottom: 0.25rem;
  border-bottom: 1px solid #ccc;
  font-size: 1.3rem;
  line-height: 1.4;
}
.nianbao-report h3 { margin: 1.25rem 0 0.5rem; font-size: 1.125rem; line-height: 1.5; }
.nianbao-report h4, .nianbao-report h5, .nianbao-report h6 {
  margin: 1rem 0 0.4rem; font-size: 1.0625rem; line-height: 1.5;
}
.nianbao-report p { margin: 0 0 0.6rem; }
.nianbao-report .nb-body { text-indent: 2em; text-align: justify; }
.nianbao-report .nb-meta { text-align: center; color: #444; }
.nianbao-report .nb-signature { text-align: right; margin-top: 1.5rem; }
.nianbao-report .nb-align-start { text-align: left; }
.nianbao-report .nb-align-center { text-align: center; }
.nianbao-report .nb-align-end { text-align: right; }
.nianbao-report .nb-align-justify { text-align: justify; }
.nianbao-report .nb-table-scroll {
  max-width: 100%;
  overflow-x: auto;
  margin: 1rem 0 1.5rem;
  border: 1px solid transparent;
}
.nianbao-report .nb-table-scroll:focus { outline: 3px solid #1a5fb4; outline-offset: 2px; }
.nianbao-report table {
  width: 100%;
  border-collapse: collapse;
  font-size: 0.875rem;
  line-height: 1.5;
}
.nianbao-report caption {
  caption-side: top;
  padding: 0 0 0.5rem;
  text-align: left;
  font-weight: bold;
}
.nianbao-report th, .nianbao-report td {
  border: 1px solid var(--nb-rule);
  padding: 0.3em 0.25em;
  vertical-align: middle;
}
.nianbao-report th { background: var(--nb-head-bg); font-weight: normal; }
.nianbao-report thead th, .nianbao-report th.nb-block-heading { font-weight: bold; }
.nianbao-report th.nb-block-heading { background: #dfe5ee; text-align: left; }
.nianbao-report td { font-variant-numeric: tabular-nums; white-space: nowrap; }
.nianbao-report td.nb-note { white-space: normal; font-size: 0.875rem; color: #333; background: #fafafa; }
)css";

// A4 paper: no scrolling containers, headers repeat on every page, rows and
// table 2's blocks stay whole, and figure columns share what the label
// columns leave (the screen minimum widths would overflow the page).
constexpr char kPrint[] = R"css(@media print {
  @page { size: A4; margin: 2.5cm 2cm 2.5cm 2.5cm; }
  .nianbao-report { max-width: none; padding: 0; font-size: 12pt; line-height: 1.6; }
  .nianbao-report h1 { font-size: 18pt; color: #000; }
  .nianbao-report h2 { font-size: 14pt; border-bottom: none; break-after: avoid; }
  .nianbao-report h3, .nianbao-report h4, .nianbao-report h5, .nianbao-report h6 {
    font-size: 12pt; break-after: avoid;
  }
  .nianbao-report p { orphans: 2; widows: 2; }
  .nianbao-report .nb-table-scroll { overflow: visible; border: none; margin: 0.5cm 0; }
  .nianbao-report table[class] { min-width: 0; font-size: 9.5pt; }
  .nianbao-report colgroup col.nb-col-figure { width: auto; }
  .nianbao-report thead { display: table-header-group; }
  .nianbao-report caption, .nianbao-report thead tr { break-after: avoid; }
  .nianbao-report tr, .nianbao-report tbody.nb-block { break-inside: avoid; }
  .nianbao-report th, .nianbao-report td { border-color: #000; padding: 2pt 3pt; }
  .nianbao-report th { background: none; }
  .nianbao-report td.nb-note { background: none; }
}
)css";

std::string Build() {
  std::string css = kBase;
  // 1.5em per unit of label weight (table 3's longest labels, weight 8, get
  // 12em); a figure column fits a four-character header such as 结果维持 on
  // one line, so table 4's fifteen columns fit a desktop page unbroken
  // (66rem page, 0.875rem table font).
  absl::StrAppend(&css, ".nianbao-report col.nb-col-figure { width: ", kFigureColumnEm, "em; }\n");
  for (int w = 1; w <= kMaxColumnWeight; ++w) {
    absl::StrAppend(&css, ".nianbao-report col.nb-col-w", w, " { width: ", w * kLabelEmPerWeight,
                    "em; }\n");
  }
  for (int em = 2; em <= kMaxTableMinEm; em += 2) {
    absl::StrAppend(&css, ".nianbao-report table.nb-min-", em, " { min-width: ", em, "em; }\n");
  }
  css += kPrint;
  return css;
}

}  // namespace

const std::string& Stylesheet() {
  static const std::string* const css = new std::string(Build());
  return *css;
}

}  // namespace nianbao::html
