#include "services/collection/store.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "services/collection/postgres_store.h"
#include "services/collection/sqlite_store.h"

namespace nianbao::collection {

absl::StatusOr<std::unique_ptr<Store>> OpenStore(absl::string_view spec) {
  if (absl::ConsumePrefix(&spec, "sqlite:")) {
    if (spec.empty()) return absl::InvalidArgumentError("--store sqlite: needs a path");
    return OpenSqliteStore(spec);
  }
  if (absl::StartsWith(spec, "postgres://") || absl::StartsWith(spec, "postgresql://")) {
    return OpenPostgresStore(spec);
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown store \"", spec, "\"; expected sqlite:PATH or postgres://..."));
}

}  // namespace nianbao::collection
