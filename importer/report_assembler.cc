#include "importer/report_assembler.h"

#include <limits>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "format/cell_text.h"
#include "format/field_path.h"
#include "format/format_definition.h"
#include "importer/diagnostics.h"
#include "importer/edition_detector.h"
#include "importer/label_matcher.h"
#include "importer/narrative_parser.h"
#include "importer/page_metadata.h"
#include "importer/processing_fees.h"

namespace nianbao::importer {
namespace {

struct SectionStart {
  size_t element;
  int index;  // 0..5
};

// Where the report proper ends: the CMS's "附件:" field, or the site's
// footer navigation ("关于我们 | 使用帮助 | …").
bool EndsReport(absl::string_view text) {
  absl::string_view t = format::TrimSpaces(text);
  if (t == "附件" || absl::StartsWith(t, "附件:") || absl::StartsWith(t, "附件：")) return true;
  int bars = 0;
  for (char c : t) bars += c == '|';
  return bars >= 2;
}

std::vector<std::string> Texts(const SourceDocument& doc, size_t from, size_t to) {
  std::vector<std::string> out;
  for (size_t i = from; i < to && i < doc.elements.size(); ++i) {
    if (doc.elements[i].table < 0) out.push_back(doc.elements[i].text);
  }
  return out;
}

void SetNarrative(v1::AnnualReport* report, absl::string_view field, const v1::Narrative& n) {
  if (n.blocks_size() == 0) return;
  auto chain = format::ResolvePath(v1::AnnualReport::descriptor(), field);
  if (chain.ok()) format::MutableAt(report, *chain)->CopyFrom(n);
}

}  // namespace

absl::StatusOr<v1::ImportResult> Assemble(const SourceDocument& doc, const TableReader& reader,
                                          v1::SourceFormat source_format) {
  v1::ImportResult result;
  result.set_source_format(source_format);
  v1::AnnualReport* report = result.mutable_report();
  const auto& editions = format::Definition().editions();
  const v1::EditionFormat& any_edition = editions.at(editions.size() - 1);
  const int section_count = any_edition.sections_size();

  // The six section headings, in order.
  std::vector<SectionStart> starts;
  int next = 0;
  for (size_t i = 0; i < doc.elements.size() && next < section_count; ++i) {
    const SourceElement& e = doc.elements[i];
    if (e.table >= 0 || format::TrimSpaces(e.text).empty()) continue;
    for (int j = next; j < section_count; ++j) {
      bool match = false;
      for (const v1::EditionFormat& edition : editions) {
        match = match || MatchesSectionHeading(edition.sections(j), e.text);
      }
      if (match) {
        starts.push_back({i, j});
        next = j + 1;
        break;
      }
    }
  }
  if (starts.empty()) {
    return absl::InvalidArgumentError(
        "no section heading of the national format (一、总体情况 … 六、其他需要报告的事项) found");
  }
  size_t end = doc.elements.size();
  for (size_t i = starts.back().element + 1; i < doc.elements.size(); ++i) {
    if (doc.elements[i].table < 0 && EndsReport(doc.elements[i].text)) {
      end = i;
      break;
    }
  }

  // Page head and preamble.
  const std::vector<std::string> head = Texts(doc, 0, starts.front().element);
  const size_t preamble_from = ReadPageHead(head, report);
  {
    std::vector<std::string> preamble(head.begin() + std::min(preamble_from, head.size()),
                                      head.end());
    SetNarrative(report, "preamble", ParseNarrative(preamble, "preamble"));
  }
  // The file's author names the agency in full where the titles give only a
  // short name ("红桥区" for 天津市红桥区人民政府).
  if (!doc.author.empty() && LevelFromName(doc.author) != v1::ADMINISTRATIVE_LEVEL_UNSPECIFIED &&
      LevelFromName(report->agency().name()) == v1::ADMINISTRATIVE_LEVEL_UNSPECIFIED) {
    report->mutable_agency()->set_name(doc.author);
    report->mutable_agency()->set_level(LevelFromName(doc.author));
  }
  // (INT32_MIN - 1 would overflow; such a date is no publication date.)
  if (report->year() == 0 && report->has_publication_date() &&
      report->publication_date().year() > std::numeric_limits<int32_t>::min()) {
    // Reports are published the year after the one they cover.
    report->set_year(report->publication_date().year() - 1);
  }
  if (report->year() == 0) {
    AddDiagnostic(&result, kMetadataMissing, v1::SEVERITY_WARNING, "未能确定报告年度",
                  "could not tell the report's year");
  }
  if (report->agency().name().empty()) {
    AddDiagnostic(&result, kMetadataMissing, v1::SEVERITY_WARNING, "未能确定编制主体名称",
                  "could not tell the agency's name");
  }

  // Region of each section found.
  struct Region {
    int index;
    size_t heading, from, to;
  };
  std::vector<Region> regions;
  for (size_t k = 0; k < starts.size(); ++k) {
    const size_t to = k + 1 < starts.size() ? starts[k + 1].element : end;
    regions.push_back({starts[k].index, starts[k].element, starts[k].element + 1, to});
  }
  for (int j = 0, k = 0; j < section_count; ++j) {
    if (k < static_cast<int>(regions.size()) && regions[k].index == j) {
      ++k;
      continue;
    }
    AddDiagnostic(
        &result, kSectionMissing, v1::SEVERITY_WARNING,
        absl::StrCat("未找到第", any_edition.sections(j).number(), "部分“",
                     format::SectionHeading(any_edition.sections(j)), "”"),
        absl::StrCat("section ", format::SectionHeading(any_edition.sections(j)), " not found"));
  }

  // The edition, from the labels printed in the tables.
  std::vector<std::string> table_texts;
  for (const Region& r : regions) {
    if (!any_edition.sections(r.index).table_id().empty()) {
      auto texts = reader.Texts(doc, r.from, r.to);
      table_texts.insert(table_texts.end(), texts.begin(), texts.end());
    }
  }
  const EditionVotes votes = DetectEdition(table_texts);
  const v1::Edition for_year = format::EditionForYear(report->year());
  v1::Edition edition = votes.edition;
  if (edition == v1::EDITION_UNSPECIFIED) {
    edition = for_year != v1::EDITION_UNSPECIFIED ? for_year : any_edition.edition();
    AddDiagnostic(&result, kEditionUndetected, v1::SEVERITY_WARNING,
                  absl::StrCat("表格标签不足以判断格式版本，按",
                               format::FindEdition(edition)->name(), "导入"),
                  absl::StrCat("the table labels do not tell the edition; imported as ",
                               format::FindEdition(edition)->name()));
  } else if (for_year != v1::EDITION_UNSPECIFIED && for_year != edition) {
    AddDiagnostic(
        &result, kEditionMismatch, v1::SEVERITY_WARNING,
        absl::StrCat(report->year(), "年度报告应使用", format::FindEdition(for_year)->name(),
                     "格式，但表格使用的是", format::FindEdition(edition)->name()),
        absl::StrCat("a ", report->year(), " report should use the ",
                     format::FindEdition(for_year)->name(), " edition; its tables are the ",
                     format::FindEdition(edition)->name(), " edition"));
  }
  report->set_edition(edition);
  result.set_detected_edition(votes.edition);
  const v1::EditionFormat& format = *format::FindEdition(edition);

  // Sections.
  CellPlacer placer(&result);
  std::set<std::string> tables_read;
  for (const Region& r : regions) {
    const v1::SectionFormat& section = format.sections(r.index);
    if (!section.table_id().empty()) {
      const v1::TableFormat* table = format::FindTable(format, section.table_id());
      const size_t table_from = reader.TableStart(doc, r.from, r.to, *table);
      SetNarrative(report, section.narrative_field(),
                   ParseNarrative(Texts(doc, r.from, table_from), section.narrative_field()));
      if (table_from >= r.to) {
        AddDiagnostic(
            &result, kTableMissing, v1::SEVERITY_ERROR,
            absl::StrCat("第", section.number(), "部分未找到表格“", table->caption(), "”"),
            absl::StrCat("no table found in section ", section.number(), " (", table->caption(),
                         ")"),
            AtLine(doc.elements[r.heading].line, doc.elements[r.heading].text));
        continue;
      }
      reader.Read(doc, table_from, r.to, format, *table, &placer, &result);
      tables_read.insert(table->id());
      continue;
    }
    v1::Narrative narrative = ParseNarrative(Texts(doc, r.from, r.to), section.narrative_field());
    if (r.index == section_count - 1) {
      SetNarrative(report, "closing", SplitClosing(&narrative));
    }
    SetNarrative(report, section.narrative_field(), narrative);
  }

  ReadProcessingFees(&result);

  // Rows of the format that no table reader found, in the tables read (a
  // missing table or section is reported once, above).
  for (const v1::TableFormat& table : format.tables()) {
    if (tables_read.count(table.id()) == 0) continue;
    for (const v1::TableBlock& block : table.blocks()) {
      for (int i = 0; i < block.rows_size(); ++i) {
        if (format::IsGroupRow(block, i) || placer.Touched(block.rows(i))) continue;
        v1::Provenance p;
        p.set_table_id(table.id());
        p.set_row_label(format::RowLabel(block.rows(i)));
        AddDiagnostic(&result, kRowMissing, v1::SEVERITY_WARNING,
                      absl::StrCat("表“", table.caption(), "”中未找到行“",
                                   format::RowLabel(block.rows(i)), "”，其单元格为空"),
                      absl::StrCat("row not found in table ", table.id(), "; its cells are blank"),
                      std::move(p));
      }
    }
  }
  return result;
}

}  // namespace nianbao::importer
