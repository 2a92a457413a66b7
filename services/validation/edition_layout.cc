#include "services/validation/edition_layout.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <iostream>
#include <map>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/message.h"
#include "nianbao/v1/report.pb.h"

namespace nianbao::validation {
namespace {

format::FieldChain MustResolve(absl::string_view path) {
  auto chain = format::ResolvePath(v1::AnnualReport::descriptor(), path);
  if (!chain.ok()) {
    // The format definition is compiled in and checked by its own tests.
    std::cerr << "nianbao validation: " << chain.status() << "\n";
    std::abort();
  }
  return *std::move(chain);
}

// Data rows of `block` in order, each with its cells left to right.
std::vector<std::pair<const v1::RowFormat*, std::vector<const CellRef*>>> DataRows(
    const std::vector<CellRef>& cells, const v1::TableBlock& block) {
  std::vector<std::pair<const v1::RowFormat*, std::vector<const CellRef*>>> rows;
  for (const CellRef& cell : cells) {
    if (cell.block != &block) continue;
    if (rows.empty() || rows.back().first != cell.row) rows.push_back({cell.row, {}});
    rows.back().second.push_back(&cell);
  }
  return rows;
}

void BuildTable3(EditionLayout& out) {
  if (out.t3 == nullptr || out.t3->blocks_size() == 0) return;
  const v1::TableBlock& block = out.t3->blocks(0);
  int total_column = -1;
  for (int i = 0; i < block.columns_size(); ++i) {
    if (block.columns(i).is_total()) total_column = i;
  }
  auto rows = DataRows(*out.cells, block);
  const std::vector<const CellRef*>* results_total = nullptr;
  std::vector<const std::vector<const CellRef*>*> results, top;
  for (const auto& [row, cells] : rows) {
    if (total_column >= 0) {
      SumCheck sum;
      for (int i = 0; i < static_cast<int>(cells.size()); ++i) {
        (i == total_column ? sum.total : sum.parts.emplace_back()) = cells[static_cast<size_t>(i)];
      }
      out.t3_row_sums.push_back(std::move(sum));
    }
    if (row->is_total()) {
      results_total = &cells;
    } else if (row->depth() == 0) {
      top.push_back(&cells);
    } else {
      results.push_back(&cells);
    }
  }
  if (results_total == nullptr) return;
  for (size_t c = 0; c < results_total->size(); ++c) {
    SumCheck sum;
    sum.total = (*results_total)[c];
    for (const auto* r : results) sum.parts.push_back((*r)[c]);
    out.t3_results_sums.push_back(std::move(sum));
  }
  // The printed rule: 一 + 二 = 三's total + 四 (top-level rows, in order).
  if (top.size() == 3) {
    for (size_t c = 0; c < results_total->size(); ++c) {
      out.t3_reconcile.push_back({(*top[0])[c], (*top[1])[c], (*results_total)[c], (*top[2])[c]});
    }
  }
}

void BuildTable4(EditionLayout& out) {
  if (out.t4 == nullptr) return;
  for (const v1::TableBlock& block : out.t4->blocks()) {
    for (const auto& [row, cells] : DataRows(*out.cells, block)) {
      SumCheck sum;
      for (const CellRef* cell : cells) {
        if (cell->column->is_total()) {
          sum.total = cell;
          out.t4_group_sums.push_back(std::move(sum));
          sum = SumCheck();
        } else {
          sum.parts.push_back(cell);
        }
      }
    }
  }
}

void BuildTable2(EditionLayout& out) {
  if (out.t2 == nullptr) return;
  for (int b = 0; b < out.t2->blocks_size(); ++b) {
    const v1::TableBlock& block = out.t2->blocks(b);
    for (const auto& [row, cells] : DataRows(*out.cells, block)) {
      if (b == 0)
        out.t2_first_block_cells.insert(out.t2_first_block_cells.end(), cells.begin(), cells.end());
      for (size_t i = 1; i < cells.size(); ++i) {
        if (cells[i]->column->kind() == v1::CELL_KIND_SIGNED_COUNT &&
            cells[i - 1]->column->kind() == v1::CELL_KIND_COUNT) {
          out.t2_item_changes.push_back({cells[i - 1], cells[i]});
        }
      }
    }
  }
}

// Fields of every other edition that this one does not use: for each cell
// only they have, the shortest prefix of its path that no cell of this
// edition shares.
void BuildForeign(EditionLayout& out) {
  std::set<std::string> own_prefixes;
  for (const CellRef& cell : *out.cells) {
    std::string prefix;
    for (absl::string_view part : absl::StrSplit(cell.path, '.')) {
      if (!prefix.empty()) prefix += '.';
      prefix.append(part.data(), part.size());
      own_prefixes.insert(prefix);
    }
  }
  std::set<std::string> seen;
  for (const v1::EditionFormat& other : format::Definition().editions()) {
    if (other.edition() == out.edition->edition()) continue;
    for (const CellRef& cell : format::Cells(other)) {
      std::string prefix;
      for (absl::string_view part : absl::StrSplit(cell.path, '.')) {
        if (!prefix.empty()) prefix += '.';
        prefix.append(part.data(), part.size());
        if (own_prefixes.count(prefix) == 0) break;
      }
      if (own_prefixes.count(prefix) != 0 || !seen.insert(prefix).second) continue;
      out.foreign.push_back({prefix, MustResolve(prefix), &cell, &other});
    }
  }
  // Processing fees (section 六) are figures outside the tables that only the
  // 2021 edition reports; the format definition holds no cells for them.
  if (out.edition->edition() != v1::EDITION_2021) {
    const auto* other_matters = v1::AnnualReport::descriptor()->FindFieldByNumber(
        v1::AnnualReport::kOtherMattersFieldNumber);
    const auto* fees = v1::OtherMatters::descriptor()->FindFieldByNumber(
        v1::OtherMatters::kProcessingFeesFieldNumber);
    out.foreign.push_back({other_matters->name() + "." + fees->name(),
                           {other_matters, fees},
                           nullptr,
                           format::FindEdition(v1::EDITION_2021)});
  }
}

void BuildSections(EditionLayout& out) {
  for (const v1::SectionFormat& section : out.edition->sections()) {
    SectionSlots slots;
    slots.section = &section;
    if (!section.narrative_field().empty())
      slots.narrative = MustResolve(section.narrative_field());
    if (!section.table_id().empty()) {
      slots.table = format::FindTable(*out.edition, section.table_id());
      if (slots.table != nullptr) slots.table_chain = MustResolve(slots.table->field());
    }
    out.sections.push_back(std::move(slots));
  }
}

EditionLayout Build(const v1::EditionFormat& edition) {
  EditionLayout out;
  out.edition = &edition;
  out.cells = &format::Cells(edition);
  out.t2 = format::FindTable(edition, "T2");
  out.t3 = format::FindTable(edition, "T3");
  out.t4 = format::FindTable(edition, "T4");
  const format::FieldChain* previous = nullptr;
  for (const CellRef& cell : *out.cells) {
    auto* factory = google::protobuf::MessageFactory::generated_factory();
    std::vector<const google::protobuf::Message*> d;
    std::vector<const google::protobuf::Reflection*> r;
    for (const auto* f : cell.fields) {
      d.push_back(factory->GetPrototype(f->message_type()));
      r.push_back(factory->GetPrototype(f->containing_type())->GetReflection());
    }
    out.defaults.push_back(std::move(d));
    out.reflections.push_back(std::move(r));
    size_t shared = 0;
    if (previous != nullptr) {
      const size_t n = std::min(cell.fields.size(), previous->size()) - 1;
      while (shared < n && cell.fields[shared] == (*previous)[shared]) ++shared;
    }
    out.shared_prefix.push_back(shared);
    out.max_depth = std::max(out.max_depth, cell.fields.size());
    previous = &cell.fields;
  }
  BuildTable2(out);
  BuildTable3(out);
  BuildTable4(out);
  BuildForeign(out);
  BuildSections(out);
  return out;
}

}  // namespace

const EditionLayout* LayoutFor(v1::Edition edition) {
  static const auto* layouts = [] {
    auto* map = new std::map<int, EditionLayout>();
    for (const v1::EditionFormat& e : format::Definition().editions()) {
      (*map)[e.edition()] = Build(e);
    }
    return map;
  }();
  auto it = layouts->find(edition);
  return it == layouts->end() ? nullptr : &it->second;
}

}  // namespace nianbao::validation
