#include "format/format_definition.h"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "format/field_path.h"
#include "google/protobuf/text_format.h"
#include "nianbao/v1/report.pb.h"

namespace nianbao::format {
namespace internal {
extern const char kEditionsTextproto[];
}  // namespace internal

namespace {

std::string JoinPath(std::initializer_list<absl::string_view> parts) {
  std::string out;
  for (absl::string_view part : parts) {
    if (part.empty()) continue;
    if (!out.empty()) out += '.';
    out.append(part.data(), part.size());
  }
  return out;
}

// The cells of one edition, in reading order, plus an index by path.
struct EditionIndex {
  std::vector<CellRef> cells;
  absl::flat_hash_map<std::string, size_t> by_path;
};

absl::Status CheckHeader(const v1::TableFormat& table, const v1::TableBlock& block) {
  // Every header grid position must be covered exactly once.
  std::vector<int> covered(static_cast<size_t>(block.header_rows() * table.grid_columns()), 0);
  for (const v1::HeaderCell& cell : block.header()) {
    if (cell.row() < 0 || cell.column() < 0 || cell.row_span() < 1 || cell.column_span() < 1 ||
        cell.row() + cell.row_span() > block.header_rows() ||
        cell.column() + cell.column_span() > table.grid_columns()) {
      return absl::InvalidArgumentError(absl::StrCat("table ", table.id(), ": header cell \"",
                                                     cell.text(), "\" lies outside its grid"));
    }
    for (int r = cell.row(); r < cell.row() + cell.row_span(); ++r) {
      for (int c = cell.column(); c < cell.column() + cell.column_span(); ++c) {
        ++covered[static_cast<size_t>(r * table.grid_columns() + c)];
      }
    }
  }
  for (int v : covered) {
    if (v != 1) {
      return absl::InvalidArgumentError(
          absl::StrCat("table ", table.id(), " block \"", block.heading(),
                       "\": header cells do not cover the grid exactly once"));
    }
  }
  return absl::OkStatus();
}

absl::Status IndexEdition(const v1::EditionFormat& edition, EditionIndex* index) {
  const auto* report = v1::AnnualReport::descriptor();
  for (const v1::TableFormat& table : edition.tables()) {
    for (const v1::TableBlock& block : table.blocks()) {
      if (absl::Status s = CheckHeader(table, block); !s.ok()) return s;
      int data_width = 0;
      for (const v1::ColumnFormat& column : block.columns()) data_width += column.span();
      if (data_width + table.label_columns() != table.grid_columns()) {
        return absl::InvalidArgumentError(absl::StrCat("table ", table.id(), " block \"",
                                                       block.heading(),
                                                       "\": columns do not fill the grid"));
      }
      for (int i = 0; i < block.rows_size(); ++i) {
        const v1::RowFormat& row = block.rows(i);
        if (IsGroupRow(block, i)) {
          // A group row labels the deeper rows that follow it and holds no figures.
          if (block.rows(i + 1).depth() != row.depth() + 1 || !row.field().empty()) {
            return absl::InvalidArgumentError(absl::StrCat("table ", table.id(), ": group row \"",
                                                           RowLabel(row), "\" is malformed"));
          }
          continue;
        }
        for (const v1::ColumnFormat& column : block.columns()) {
          CellRef ref;
          ref.table = &table;
          ref.block = &block;
          ref.row = &row;
          ref.column = &column;
          ref.path = JoinPath({table.field(), block.field(), row.field(), column.field()});
          auto chain = ResolvePath(report, ref.path);
          if (!chain.ok()) return chain.status();
          ref.fields = *std::move(chain);
          const std::string& type = ref.fields.back()->message_type()->full_name();
          const bool amount = column.kind() == v1::CELL_KIND_AMOUNT;
          if (type != (amount ? "nianbao.v1.Amount" : "nianbao.v1.Count")) {
            return absl::InvalidArgumentError(
                absl::StrCat("cell ", ref.path, " is a ", type, ", not what its column holds"));
          }
          if (!index->by_path.emplace(ref.path, index->cells.size()).second) {
            return absl::InvalidArgumentError(absl::StrCat("cell ", ref.path, " appears twice"));
          }
          index->cells.push_back(std::move(ref));
        }
      }
    }
  }
  return absl::OkStatus();
}

struct Loaded {
  v1::FormatDefinition definition;
  std::map<int, EditionIndex> indexes;  // by Edition value
};

absl::Status Load(absl::string_view textproto, Loaded* loaded) {
  google::protobuf::TextFormat::Parser parser;
  if (!parser.ParseFromString(std::string(textproto), &loaded->definition)) {
    return absl::InvalidArgumentError("format definition: malformed textproto");
  }
  for (const v1::EditionFormat& edition : loaded->definition.editions()) {
    if (absl::Status s = IndexEdition(edition, &loaded->indexes[edition.edition()]); !s.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(edition.name(), ": ", s.message()));
    }
  }
  return absl::OkStatus();
}

const Loaded& Get() {
  static const Loaded* loaded = [] {
    auto* l = new Loaded;
    if (absl::Status s = Load(internal::kEditionsTextproto, l); !s.ok()) {
      std::fprintf(stderr, "nianbao: built-in format definition is invalid: %s\n",
                   std::string(s.message()).c_str());
      std::abort();
    }
    return l;
  }();
  return *loaded;
}

}  // namespace

const v1::FormatDefinition& Definition() { return Get().definition; }

absl::StatusOr<v1::FormatDefinition> ParseDefinition(absl::string_view textproto) {
  Loaded loaded;
  if (absl::Status s = Load(textproto, &loaded); !s.ok()) return s;
  return std::move(loaded.definition);
}

const v1::EditionFormat* FindEdition(v1::Edition edition) {
  for (const v1::EditionFormat& e : Definition().editions()) {
    if (e.edition() == edition && edition != v1::EDITION_UNSPECIFIED) return &e;
  }
  return nullptr;
}

v1::Edition EditionForYear(int year) {
  for (const v1::EditionFormat& e : Definition().editions()) {
    if (year >= e.first_year() && (e.last_year() == 0 || year <= e.last_year())) {
      return e.edition();
    }
  }
  return v1::EDITION_UNSPECIFIED;
}

const v1::TableFormat* FindTable(const v1::EditionFormat& edition, absl::string_view id) {
  for (const v1::TableFormat& t : edition.tables()) {
    if (t.id() == id) return &t;
  }
  return nullptr;
}

const v1::SectionFormat* FindSectionOfTable(const v1::EditionFormat& edition,
                                            absl::string_view table_id) {
  for (const v1::SectionFormat& s : edition.sections()) {
    if (s.table_id() == table_id) return &s;
  }
  return nullptr;
}

std::string SectionHeading(const v1::SectionFormat& section) {
  return absl::StrCat(section.number(), "、", section.title());
}

std::string RowLabel(const v1::RowFormat& row) { return absl::StrCat(row.number(), row.label()); }

std::string ColumnLabel(const v1::ColumnFormat& column) {
  std::string out = absl::StrJoin(column.groups(), "/");
  if (!out.empty()) out += '/';
  out += column.label();
  return out;
}

const std::vector<CellRef>& Cells(const v1::EditionFormat& edition) {
  return Get().indexes.at(edition.edition()).cells;
}

const CellRef* FindCell(const v1::EditionFormat& edition, absl::string_view path) {
  const EditionIndex& index = Get().indexes.at(edition.edition());
  auto it = index.by_path.find(path);
  return it == index.by_path.end() ? nullptr : &index.cells[it->second];
}

bool IsGroupRow(const v1::TableBlock& block, int index) {
  return index + 1 < block.rows_size() && block.rows(index + 1).depth() > block.rows(index).depth();
}

std::vector<const CellRef*> RowCells(const v1::EditionFormat& edition, const v1::RowFormat& row) {
  std::vector<const CellRef*> out;
  for (const CellRef& cell : Cells(edition)) {
    if (cell.row == &row) out.push_back(&cell);
  }
  return out;
}

}  // namespace nianbao::format
