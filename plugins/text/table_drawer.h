// Draws a Document table (a grid with row and column spans) as lines of
// text with box-drawing borders: merged cells are drawn merged, long labels
// wrap inside their cells, figures are right-aligned and never cut.
//
// Column widths are measured in display columns (display_width.h). When the
// natural widths exceed the line width, columns are narrowed one column at a
// time, each time the one whose narrowing adds the fewest lines to the table
// (ties: the widest); if that is not enough the cell padding goes, and then
// labels may be cut down to single characters. A table that cannot fit even
// so is drawn wider than the line width. Every line of one table has the
// same display width.
#ifndef NIANBAO_PLUGINS_TEXT_TABLE_DRAWER_H_
#define NIANBAO_PLUGINS_TEXT_TABLE_DRAWER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "nianbao/v1/document.pb.h"
#include "plugins/text/line_breaker.h"

namespace nianbao::text {

// The lines of `table` drawn at most `max_width` columns wide when
// possible. InvalidArgument when the grid is malformed: a cell outside the
// grid or two cells covering the same place.
absl::StatusOr<std::vector<std::string>> DrawTable(const v1::Table& table, int max_width,
                                                   LineBreaker& breaker);

}  // namespace nianbao::text

#endif  // NIANBAO_PLUGINS_TEXT_TABLE_DRAWER_H_
