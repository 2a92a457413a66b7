// Table markup: one Document table (a grid with spans) as an accessible HTML
// table inside its own horizontally scrolling region.
//
// Header rows go in <thead>; every header cell is a <th> with an id, every
// figure a <td> whose `headers` lists all the row and column headers that
// describe it (outermost first), so a screen reader announces e.g.
// "三、本年度办理结果 （一）予以公开 申请人情况 自然人 83". Tables without leading
// header rows (table 2, whose blocks each carry a heading and a header row)
// get one <tbody> per block with those rows as <th> cells, and the block
// heading is added to the `headers` of the block's figures.
#ifndef NIANBAO_PLUGINS_HTML_HTML_TABLE_H_
#define NIANBAO_PLUGINS_HTML_HTML_TABLE_H_

#include <string>

#include "nianbao/v1/document.pb.h"

namespace nianbao::html {

// Appends `table` to `out`: a <section tabindex="0"> labelled by the caption
// (a region landmark keyboard users can focus and scroll), holding the <table>.
void AppendTable(const v1::Table& table, std::string* out);

}  // namespace nianbao::html

#endif  // NIANBAO_PLUGINS_HTML_HTML_TABLE_H_
