// Escaping of report text for HTML. Every string that comes from a report or
// the format definition passes through here before it reaches the page, so a
// report containing "<script>" or "\"><img onerror=...>" prints as text.
#ifndef NIANBAO_PLUGINS_HTML_HTML_ESCAPE_H_
#define NIANBAO_PLUGINS_HTML_HTML_ESCAPE_H_

#include <string>

#include "absl/strings/string_view.h"

namespace nianbao::html {

// Appends `text` to `out` escaped for element content and for quoted
// attribute values alike: & < > " ' become character references. Control
// characters that HTML forbids (C0 other than tab, LF, CR; and DEL) become
// U+FFFD so the page stays valid.
void AppendEscaped(absl::string_view text, std::string* out);

// `text` escaped as AppendEscaped does.
std::string Escape(absl::string_view text);

}  // namespace nianbao::html

#endif  // NIANBAO_PLUGINS_HTML_HTML_ESCAPE_H_
