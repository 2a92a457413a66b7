#include "renderers/document_builder.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "format/cell_text.h"
#include "format/field_path.h"
#include "format/format_definition.h"

namespace nianbao::renderers {
namespace {

using format::CellRef;

// Width weights for the label columns of a table, by how many there are.
// Table 3's three label columns hold, left to right: the vertical
// "三、本年度办理结果", the （一）…（七） labels, and the long 1.–8. labels.
std::vector<int> LabelWeights(int label_columns) {
  switch (label_columns) {
    case 0:
      return {};
    case 1:
      return {5};
    case 3:
      return {1, 3, 8};
    default:
      return std::vector<int>(static_cast<size_t>(label_columns), 3);
  }
}

class TableBuilder {
 public:
  // Builds into `table` (which may live on an arena).
  TableBuilder(const v1::AnnualReport& report, const v1::EditionFormat& edition,
               const v1::TableFormat& format, v1::Table* table)
      : report_(report), edition_(edition), format_(format), table_(*table) {}

  void Build() {
    table_.set_id(format_.id());
    table_.set_caption(format_.caption());
    const std::vector<int> label_weights = LabelWeights(format_.label_columns());
    for (int c = 0; c < format_.grid_columns(); ++c) {
      v1::ColumnSpec* spec = table_.add_columns();
      const bool label = c < format_.label_columns();
      spec->set_numeric(!label);
      spec->set_weight(label ? label_weights[static_cast<size_t>(c)]
                             : (format_.label_columns() == 0 ? 2 : 3));
    }
    // Tables with a single block repeat its header on every page; table 2's
    // blocks each carry their own header.
    if (format_.blocks_size() == 1 && format_.blocks(0).heading().empty()) {
      table_.set_header_rows(format_.blocks(0).header_rows());
    }
    for (int b = 0; b < format_.blocks_size(); ++b) AddBlock(b);
  }

 private:
  std::string Id(int block, absl::string_view what, int a, int b = -1) const {
    std::string id = absl::StrCat(format_.id(), "-b", block, "-", what, a);
    if (b >= 0) absl::StrAppend(&id, "-", b);
    return id;
  }

  void AddBlock(int b) {
    const v1::TableBlock& block = format_.blocks(b);
    bool first_row = true;
    if (!block.heading().empty()) {
      v1::TableRow* row = table_.add_rows();
      row->set_header(true);
      row->set_block_start(true);
      v1::TableCell* cell = row->add_cells();
      cell->set_text(block.heading());
      cell->set_role(v1::CELL_ROLE_BLOCK_HEADING);
      cell->set_column(0);
      cell->set_row_span(1);
      cell->set_column_span(format_.grid_columns());
      cell->set_alignment(v1::ALIGNMENT_START);
      cell->set_id(Id(b, "heading", 0));
      first_row = false;
    }
    // Header cells, row by row; remember which grid columns each covers.
    struct HeaderSpan {
      int first_column;
      int last_column;
      std::string id;
    };
    std::vector<HeaderSpan> column_headers;
    for (int r = 0; r < block.header_rows(); ++r) {
      v1::TableRow* row = table_.add_rows();
      row->set_header(true);
      row->set_block_start(first_row);
      first_row = false;
      for (const v1::HeaderCell& h : block.header()) {
        if (h.row() != r) continue;
        v1::TableCell* cell = row->add_cells();
        cell->set_text(h.text());
        cell->set_role(h.is_note() ? v1::CELL_ROLE_NOTE : v1::CELL_ROLE_COLUMN_HEADER);
        cell->set_column(h.column());
        cell->set_row_span(h.row_span());
        cell->set_column_span(h.column_span());
        cell->set_alignment(v1::ALIGNMENT_CENTER);
        cell->set_id(Id(b, "h", h.row(), h.column()));
        // Headers over data columns describe figures; the note and the
        // 信息内容 cell over the row labels do not.
        if (!h.is_note() && h.column() + h.column_span() > format_.label_columns()) {
          column_headers.push_back({h.column(), h.column() + h.column_span() - 1, cell->id()});
        }
      }
    }
    // Body rows. A group row ("（三）不予公开") prints no row of its own: its
    // label is a cell spanning, vertically, every row under it, placed in the
    // first of them at its depth's column.
    std::vector<std::string> ancestors;  // label ids of enclosing groups, by depth
    std::vector<int> pending_groups;     // indexes of group rows awaiting their first child
    for (int i = 0; i < block.rows_size(); ++i) {
      const v1::RowFormat& row_format = block.rows(i);
      ancestors.resize(static_cast<size_t>(row_format.depth()));
      if (format::IsGroupRow(block, i)) {
        pending_groups.push_back(i);
        ancestors.push_back(Id(b, "r", i));
        continue;
      }
      v1::TableRow* row = table_.add_rows();
      row->set_block_start(first_row);
      first_row = false;
      // Labels of groups that start here.
      for (int group_index : pending_groups) {
        const v1::RowFormat& group = block.rows(group_index);
        v1::TableCell* cell = row->add_cells();
        cell->set_text(format::RowLabel(group));
        cell->set_role(v1::CELL_ROLE_ROW_HEADER);
        cell->set_column(group.depth());
        cell->set_row_span(LeafRowsUnder(block, group_index));
        cell->set_column_span(1);
        cell->set_alignment(v1::ALIGNMENT_CENTER);
        cell->set_id(Id(b, "r", group_index));
      }
      pending_groups.clear();
      std::vector<std::string> row_headers = ancestors;
      if (format_.label_columns() > 0) {
        v1::TableCell* cell = row->add_cells();
        cell->set_text(format::RowLabel(row_format));
        cell->set_role(v1::CELL_ROLE_ROW_HEADER);
        cell->set_column(row_format.depth());
        cell->set_row_span(1);
        cell->set_column_span(format_.label_columns() - row_format.depth());
        cell->set_alignment(v1::ALIGNMENT_START);
        cell->set_id(Id(b, "r", i));
        row_headers.push_back(cell->id());
      }
      int column = format_.label_columns();
      for (const CellRef* ref : format::RowCells(edition_, row_format)) {
        const google::protobuf::Message* value = format::GetAt(report_, ref->fields);
        v1::TableCell* cell = row->add_cells();
        cell->set_text(format::CellText(value, *ref->column));
        cell->set_role(v1::CELL_ROLE_UNSPECIFIED);
        cell->set_column(column);
        cell->set_row_span(1);
        const int span = ref->column->span() > 0 ? ref->column->span() : 1;
        cell->set_column_span(span);
        cell->set_alignment(v1::ALIGNMENT_CENTER);
        cell->set_field_path(ref->path);
        cell->set_blank(format::IsBlank(value));
        for (const std::string& id : row_headers) cell->add_header_ids(id);
        for (const HeaderSpan& h : column_headers) {
          if (h.first_column <= column + span - 1 && h.last_column >= column) {
            cell->add_header_ids(h.id);
          }
        }
        column += span;
      }
    }
  }

  // Body rows (grid rows) under group row `index`: its non-group descendants.
  static int LeafRowsUnder(const v1::TableBlock& block, int index) {
    int leaves = 0;
    for (int j = index + 1;
         j < block.rows_size() && block.rows(j).depth() > block.rows(index).depth(); ++j) {
      if (!format::IsGroupRow(block, j)) ++leaves;
    }
    return leaves;
  }

  const v1::AnnualReport& report_;
  const v1::EditionFormat& edition_;
  const v1::TableFormat& format_;
  v1::Table& table_;
};

class DocumentBuilder {
 public:
  // Builds into `doc` (which may live on an arena).
  DocumentBuilder(const v1::AnnualReport& report, const v1::EditionFormat& edition,
                  v1::Document* doc)
      : report_(report), edition_(edition), doc_(*doc) {}

  void Build() {
    const std::string year = absl::StrCat(report_.year());
    std::string title = report_.title();
    if (title.empty()) {
      // A report without a title still needs one on the page; this is how
      // agencies name it.
      title = absl::StrCat(report_.agency().name(), year, "年政府信息公开工作年度报告");
    }
    doc_.set_title(title);
    v1::DocumentInfo* info = doc_.mutable_info();
    info->set_title(title);
    info->set_author(report_.agency().name());
    info->set_subject(absl::StrCat("政府信息公开工作年度报告 ", year));
    info->set_language("zh-CN");
    info->add_keywords("政府信息公开");
    info->add_keywords("年度报告");
    if (!report_.agency().name().empty()) info->add_keywords(report_.agency().name());
    info->add_keywords(year);

    AddNarrative(report_.preamble(), "preamble", 2, v1::PARAGRAPH_ROLE_UNSPECIFIED);
    int n = 0;
    for (const v1::SectionFormat& section : edition_.sections()) {
      const std::string id = absl::StrCat("section-", ++n);
      v1::Heading* heading = doc_.add_blocks()->mutable_heading();
      heading->set_level(1);
      heading->set_number(absl::StrCat(section.number(), "、"));
      heading->set_text(section.title());
      heading->set_id(id);
      auto chain = format::ResolvePath(v1::AnnualReport::descriptor(), section.narrative_field());
      if (chain.ok()) {
        if (const auto* narrative = format::GetAs<v1::Narrative>(report_, *chain)) {
          AddNarrative(*narrative, id, 2, v1::PARAGRAPH_ROLE_UNSPECIFIED);
        }
      }
      if (!section.table_id().empty()) {
        if (const v1::TableFormat* table = format::FindTable(edition_, section.table_id())) {
          TableBuilder(report_, edition_, *table, doc_.add_blocks()->mutable_table()).Build();
        }
      }
    }
    AddNarrative(report_.closing(), "closing", 2, v1::PARAGRAPH_ROLE_SIGNATURE);
  }

 private:
  void AddNarrative(const v1::Narrative& narrative, const std::string& id_prefix, int level,
                    v1::ParagraphRole role) {
    AddBlocks(narrative.blocks(), id_prefix, level, role);
  }

  void AddBlocks(const google::protobuf::RepeatedPtrField<v1::Block>& blocks,
                 const std::string& id_prefix, int level, v1::ParagraphRole role) {
    int n = 0;
    for (const v1::Block& block : blocks) {
      if (block.has_paragraph()) {
        v1::DocParagraph* p = doc_.add_blocks()->mutable_paragraph();
        p->set_text(block.paragraph().text());
        p->set_role(role);
        p->set_alignment(role == v1::PARAGRAPH_ROLE_SIGNATURE ? v1::ALIGNMENT_END
                                                              : v1::ALIGNMENT_JUSTIFY);
      } else if (block.has_subsection()) {
        const v1::Subsection& sub = block.subsection();
        const std::string id = absl::StrCat(id_prefix, "-", ++n);
        v1::Heading* heading = doc_.add_blocks()->mutable_heading();
        heading->set_level(level);
        heading->set_number(sub.number());
        heading->set_text(sub.title());
        heading->set_id(id);
        AddBlocks(sub.blocks(), id, level + 1, role);
      }
    }
  }

  const v1::AnnualReport& report_;
  const v1::EditionFormat& edition_;
  v1::Document& doc_;
};

absl::StatusOr<const v1::EditionFormat*> EditionOf(const v1::AnnualReport& report) {
  v1::Edition edition = report.edition();
  if (format::FindEdition(edition) == nullptr) edition = format::EditionForYear(report.year());
  const v1::EditionFormat* format = format::FindEdition(edition);
  if (format == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("report.edition: no known edition (edition ",
                                                   report.edition(), ", year ", report.year(),
                                                   ")"));
  }
  return format;
}

}  // namespace

absl::Status BuildDocument(const v1::AnnualReport& report, v1::Document* document) {
  auto edition = EditionOf(report);
  if (!edition.ok()) return edition.status();
  document->Clear();
  DocumentBuilder(report, **edition, document).Build();
  return absl::OkStatus();
}

absl::StatusOr<v1::Document> BuildDocument(const v1::AnnualReport& report) {
  v1::Document document;
  if (absl::Status s = BuildDocument(report, &document); !s.ok()) return s;
  return document;
}

absl::StatusOr<v1::Table> BuildTable(const v1::AnnualReport& report, absl::string_view table_id) {
  auto edition = EditionOf(report);
  if (!edition.ok()) return edition.status();
  const v1::TableFormat* table = format::FindTable(**edition, table_id);
  if (table == nullptr) return absl::NotFoundError(absl::StrCat("no table ", table_id));
  v1::Table out;
  TableBuilder(report, **edition, *table, &out).Build();
  return out;
}

}  // namespace nianbao::renderers
