// The document builder: turns an AnnualReport into the neutral Document
// (proto/nianbao/v1/document.proto) that every renderer paints.
//
// Headings, numbering, table layouts, labels and header spans all come from
// the format definition (format/format_definition.h); the builder decides
// only structure: which cell goes where, which header cells describe each
// figure, and width hints. Because PDF, HTML and text paint the same
// Document, they cannot disagree about content.
#ifndef NIANBAO_RENDERERS_DOCUMENT_BUILDER_H_
#define NIANBAO_RENDERERS_DOCUMENT_BUILDER_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "nianbao/v1/document.pb.h"
#include "nianbao/v1/report.pb.h"

namespace nianbao::renderers {

// Builds the Document for `report`, in reading order: title, preamble, the
// six sections (heading, narrative with numbered subsections as headings,
// and for sections 二 to 四 the table), closing. The report's edition picks
// the layout; when it is unspecified the edition for the report's year is
// used. InvalidArgument when neither gives a known edition.
absl::StatusOr<v1::Document> BuildDocument(const v1::AnnualReport& report);

// The same, built into `document` (cleared first), which may live on an
// arena: the collection service lays reports out on a per-call arena
// (render_request_cache.h), where the Document's thousands of small
// messages and strings cost no malloc and no destructor.
absl::Status BuildDocument(const v1::AnnualReport& report, v1::Document* document);

// The table `table_id` ("T2", "T3", "T4") of `report` alone, laid out as
// BuildDocument does. NotFound for an unknown id.
absl::StatusOr<v1::Table> BuildTable(const v1::AnnualReport& report, absl::string_view table_id);

}  // namespace nianbao::renderers

#endif  // NIANBAO_RENDERERS_DOCUMENT_BUILDER_H_
