// Tables drawn with box-drawing characters (┌─┬─┐ │ ├─┼─┤ └─┴─┘), as the text
// plugin and many "copy as text" tools print them, rebuilt into a Grid. The
// drawing is laid on a matrix of display columns (汉字 and full-width forms
// take two); every region enclosed by walls is a cell whose text is its lines
// joined; the wall positions give the grid's columns and rows, so a cell's
// extent gives its row and column span.
#ifndef NIANBAO_IMPORTER_BOX_TABLE_H_
#define NIANBAO_IMPORTER_BOX_TABLE_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "importer/source_document.h"

namespace nianbao::importer {

// Whether `line` is part of a box drawing: its first non-space character is
// a box-drawing character (U+2500–U+257F).
bool IsBoxLine(absl::string_view line);

// Display columns of a code point, exactly as the text plugin counts them
// (plugins/text/display_width.h, ICU's East Asian Width): 2 for Wide and
// Fullwidth, 0 for combining marks and controls, else 1 (ambiguous ones such
// as “ ” and the box-drawing characters count 1).
int DisplayColumns(char32_t c);

// Rebuilds the table drawn on `lines`; `first_line` is the index of
// lines[0] in the source, for provenance.
Grid ParseBoxTable(const std::vector<std::string>& lines, size_t first_line);

}  // namespace nianbao::importer

#endif  // NIANBAO_IMPORTER_BOX_TABLE_H_
